"""The class summary's part for the text checked alone (notebook 08): did the skill transfer?

:mod:`explainer.classroom.summary` reads each student's
``transfer-calls.json`` and ``transfer-marks.json`` with :func:`read_calls` and
:func:`read_marks`, and reports, for each claim of the text, the class's first
verdicts against the project's ledger, and, for each passage, how many
students marked it checkable against what the project reads it as.
"""

from __future__ import annotations

from collections import Counter

from ..markup import esc, table_html
from ..model import claims, transfer
from .entries import entries, first_calls


def read_calls(content, text: str, shown: str, skipped: list) -> dict:
    """A student's first call on each claim of a transfer text: ``{call name: verdict}``.

    An entry that names no claim of a transfer text, or gives a verdict off
    the scale, is named in ``skipped`` and left out; the rest count.

    Raises
    ------
    ValueError
        When the file as a whole is not a list of entries.
    """
    names = {transfer.call_name(c.text, c.id) for c in content.transfer_claims}
    levels = {level.id for level in content.rating_scale}
    calls = first_calls(text, shown, skipped, names, levels, "a text checked alone")
    return {claim: e["verdict"] for claim, e in calls.items()}


def read_marks(content, text: str, shown: str, skipped: list) -> dict:
    """A student's first marks on each transfer text: ``{text id: [passage ids marked checkable]}``.

    An entry that names no text, or a passage the text does not have, is named
    in ``skipped`` and left out.

    Raises
    ------
    ValueError
        When the file as a whole is not a list of entries.
    """
    passages = {t.id: {p.id for p in t.passages} for t in content.transfer_texts}
    first: dict = {}
    for n, e in entries(text, {"text": str, "checkable": list}, skipped, shown):
        if e["text"] not in passages:
            skipped.append(f"{shown}: entry {n} names no text checked alone ({e['text']!r}); skipped")
            continue
        unknown = [p for p in e["checkable"] if p not in passages[e["text"]]]
        if unknown:
            skipped.append(f"{shown}: entry {n} marks a passage {e['text']} does not have ({unknown[0]!r}); skipped")
            continue
        first.setdefault(e["text"], e["checkable"])
    return first


def claim_rows(content, calls_by_student: dict) -> list[dict]:
    """Per claim of each transfer text: the ledger's verdict, the class's count per verdict, and how many agree.

    Parameters
    ----------
    content : Content
    calls_by_student : dict
        ``{student: {call name: verdict}}``, as :func:`read_calls` gives for each student.

    Returns
    -------
    list of dict
        ``text``, ``claim`` (the paraphrase), ``ledger`` (the verdict's label),
        ``votes`` ({level label: count}, the scale in order), ``judged`` and ``agree``.
    """
    scale = claims.scale(content)
    rows = []
    for t in content.transfer_texts:
        for c in transfer.ledger_for(content, t.id):
            name = transfer.call_name(t.id, c.id)
            votes = Counter(calls[name] for calls in calls_by_student.values() if name in calls)
            rows.append(
                {
                    "text": t.id,
                    "claim": c.claim_reviewed,
                    "ledger": claims.verdict(content, c).label,
                    "votes": {level.label: votes.get(level.id, 0) for level in scale},
                    "judged": sum(votes.values()),
                    "agree": votes.get(c.rating, 0),
                }
            )
    return rows


def mark_rows(content, marks_by_student: dict) -> list[dict]:
    """Per passage of each transfer text: what the project reads it as, and how many marked it checkable.

    Returns
    -------
    list of dict
        ``text``, ``passage``, ``kind`` (fact, intent or opinion), ``marked``
        (students who marked it checkable), ``students`` (who marked the text
        at all) and ``same`` (who sorted it as the project does).
    """
    rows = []
    for t in content.transfer_texts:
        marked = [set(m[t.id]) for m in marks_by_student.values() if t.id in m]
        for p in t.passages:
            ticked = sum(p.id in m for m in marked)
            same = ticked if p.kind == "fact" else len(marked) - ticked
            rows.append(
                {"text": t.id, "passage": p.id, "kind": p.kind, "marked": ticked, "students": len(marked), "same": same}
            )
    return rows


def transfer_gap(article_rows: list[dict], rows: list[dict]) -> str:
    """One sentence setting the class's agreement with the ledger on the article against the new text.

    ``article_rows`` are :func:`explainer.classroom.summary.claim_rows`, ``rows`` :func:`claim_rows`.
    """

    def part(rs) -> str:
        agree, judged = sum(r["agree"] for r in rs), sum(r["judged"] for r in rs)
        share = f" ({round(100 * agree / judged)}%)" if judged else ""
        return f"{agree} of {judged} calls{share}"

    return (
        f"Agreement with the ledger: on the article's claims, {part(article_rows)}; "
        f"on the text checked alone (08), {part(rows)}."
    )


def text_lines(content, calls_by_student: dict, marks_by_student: dict, article_rows=()) -> list[str]:
    """The plain-text section (empty when no student worked on a transfer text).

    ``article_rows`` (the article's claim rows) add a line comparing the two agreements.
    """
    rows = [r for r in claim_rows(content, calls_by_student) if r["judged"]]
    marks = [r for r in mark_rows(content, marks_by_student) if r["students"]]
    if not rows and not marks:
        return []
    lines = ["", f"{'Text checked alone (08), claim':<60} {'Ledger':<14} {'Agree':>7}  Class verdicts"]
    for r in rows:
        votes = ", ".join(f"{label} {n}" for label, n in r["votes"].items() if n)
        agree = f"{r['agree']}/{r['judged']}"
        lines.append(f"{r['claim'][:60]:<60} {r['ledger']:<14} {agree:>7}  {votes}")
    if rows:
        lines.append(transfer_gap(list(article_rows), rows))
    if marks:
        lines += ["", f"{'Passage (08)':<14} {'The project reads it as':<24} {'Marked checkable':>16}  Sorted the same"]
        for r in marks:
            marked = f"{r['marked']}/{r['students']}"
            lines.append(f"{r['passage']:<14} {r['kind']:<24} {marked:>16}  {r['same']}/{r['students']}")
    return lines


def section_html(content, calls_by_student: dict, marks_by_student: dict, article_rows=()) -> str:
    """The HTML section (empty when no student worked on a transfer text)."""
    rows = [r for r in claim_rows(content, calls_by_student) if r["judged"]]
    marks = [r for r in mark_rows(content, marks_by_student) if r["students"]]
    if not rows and not marks:
        return ""
    scale = [level.label for level in claims.scale(content)]
    parts = [
        "<h2>A text checked alone (08): did the skill transfer?</h2><p>Each student's first call on the "
        "claims of a text the unit had not examined, made before the project's ledger for it was shown.</p>"
    ]
    if rows:
        parts.append(
            table_html(
                ("Claim", "Ledger", *(esc(label) for label in scale), "Agree with the ledger"),
                (
                    (
                        esc(r["claim"]),
                        esc(r["ledger"]),
                        *(str(r["votes"][label]) for label in scale),
                        f"{r['agree']} of {r['judged']}",
                    )
                    for r in rows
                ),
            )
        )
        parts.append(f"<p>{esc(transfer_gap(list(article_rows), rows))}</p>")
    if marks:
        parts.append("<p>Which passages students marked as checkable claims, before they judged:</p>")
        parts.append(
            table_html(
                ("Passage", "The project reads it as", "Marked checkable", "Sorted as the project does"),
                (
                    (
                        esc(r["passage"]),
                        esc(r["kind"]),
                        f"{r['marked']} of {r['students']}",
                        f"{r['same']} of {r['students']}",
                    )
                    for r in marks
                ),
            )
        )
    return "".join(parts)
