"""Reading a history file of saved work: its well-formed entries, each bad one named and left out."""

from __future__ import annotations

import json


def entries(text: str, keys: dict, skipped: list, shown: str) -> list[tuple[int, dict]]:
    """A history file's well-formed entries with their numbers; each malformed entry is named in ``skipped``.

    Parameters
    ----------
    text : str
        The file's text (a JSON list of records).
    keys : dict
        ``{key: type or tuple of types}`` each entry must have.
    skipped : list of str
        Where a line ``"<shown>: entry N …; skipped"`` is added for each entry left out.
    shown : str
        The file as the teacher should read its name.

    Raises
    ------
    ValueError
        Naming what is wrong when the file as a whole is not a list of entries.
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise ValueError(f"not valid JSON ({err.msg} at line {err.lineno})") from None
    if not isinstance(data, list):
        raise ValueError("not a list of entries")
    kept = []
    for n, entry in enumerate(data):
        if not isinstance(entry, dict):
            skipped.append(f"{shown}: entry {n} is not a record; skipped")
            continue
        bad = next((key for key, kinds in keys.items() if not isinstance(entry.get(key), kinds)), None)
        if bad is not None:
            skipped.append(f"{shown}: entry {n} has no valid {bad!r}; skipped")
            continue
        kept.append((n, entry))
    return kept


def first_calls(text: str, shown: str, skipped: list, claims, levels, where: str) -> dict[str, dict]:
    """A calls file's first call on each claim: ``{claim id: entry}``; a bad call is named and left out.

    Parameters
    ----------
    text, shown, skipped
        As for :func:`entries`.
    claims : collection of str
        The claim ids a call may name.
    levels : collection of str
        The verdicts on the scale.
    where : str
        What the claims belong to, for the message ("the ledger", "a text checked alone").
    """
    first: dict[str, dict] = {}
    for n, e in entries(text, {"claim": str, "verdict": str}, skipped, shown):
        if e["claim"] not in claims:
            skipped.append(f"{shown}: entry {n} names no claim of {where} ({e['claim']!r}); skipped")
        elif e["verdict"] not in levels:
            skipped.append(f"{shown}: entry {n} has a verdict not on the scale ({e['verdict']!r}); skipped")
        else:
            first.setdefault(e["claim"], e)
    return first
