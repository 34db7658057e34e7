"""The debate of notebook 05: each side's arguments, each resting on dated quotes and events."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .fields import Collection, Finding, day_text, refs, text

SIDES = {
    "us-administration": "The US administration",
    "ukraine": "Ukraine",
    "european-leaders": "European leaders",
}
"""Side ids used in ``positions.yaml``, with the label shown to students."""

QUESTION = "Should help for Ukraine come with something in return?"
"""The debate question of notebook 05, in neutral words: each argument's ``stance`` answers it."""

ANSWERS = {
    "in-return": "Yes, with conditions and a return",
    "no-bill": "No, help is not a bill",
}
"""The question's two answers: stance id, with the label shown to students. The ids are the
values the ``stance`` field of :class:`Position` accepts."""

LINES = {"us-administration": "in-return", "ukraine": "no-bill", "european-leaders": "no-bill"}
"""Each camp's leaders' answer. An argument that is not dissent takes its camp's line; dissent
may take either answer (Republican critics argue against their leaders' line, Kyiv's opposition
MPs against their government's handling while still refusing a bill)."""

#: The events that trace the debt question, from the first US demand to the signed agreement (notebook 05).
DEBT_THREAD = (
    "trump-fox-500bn",
    "zelensky-cant-sell-ukraine",
    "zelensky-no-debt-nato-offer",
    "framework-text-agreed",
    "march-us-draft",
    "agreement-signed",
)


@dataclass(frozen=True)
class Position:
    """One argument in the debate, held by one side and grounded in the record.

    ``claim`` is the argument in the project's own words. It is never shown
    without its evidence: at least one dated quote and one dated event.
    ``counters`` lists the arguments that answer this one, and each of those
    lists this one in turn (an exchange goes both ways). ``dissent`` marks an
    argument made inside a camp against its own leaders' line (Republicans
    in Congress, Ukraine's opposition, Hungary and Slovakia in the EU); its
    counters are then arguments of its own side. ``stance`` is the
    argument's answer to :data:`QUESTION` (a key of :data:`ANSWERS`): the
    balance audit counts by it, so dissent counts toward the answer it
    supports, not toward its camp's.
    """

    id: str
    side: Literal["us-administration", "ukraine", "european-leaders"]
    stance: Literal["in-return", "no-bill"]
    claim: str = text(max_chars=400)
    quotes: tuple[str, ...] = refs("quotes")
    events: tuple[str, ...] = refs("events")
    sources: tuple[str, ...] = refs("sources")
    counters: tuple[str, ...] = refs("positions", min_items=0)
    dissent: bool = False


COLLECTIONS = (Collection(name="positions", record=Position, path="positions"),)


def counters_go_both_ways(content):
    """If one argument answers another, the other answers it too; only dissent answers its own side."""
    by_id = {p.id: p for p in content.positions}
    for p in content.positions:
        for i, cid in enumerate(p.counters):
            other = by_id[cid]
            if p.id not in other.counters:
                yield Finding("positions", p.id, f"counters[{i}]", f"{cid!r} does not list {p.id!r} among its counters")
            if other.side == p.side and not (p.dissent or other.dissent):
                yield Finding(
                    "positions",
                    p.id,
                    f"counters[{i}]",
                    f"{cid!r} is on the same side; only dissent answers its own side",
                )


def stance_follows_the_camp_line(content):
    """An argument that is not dissent gives its camp's answer (:data:`LINES`); dissent may differ."""
    for p in content.positions:
        if not p.dissent and p.stance != LINES[p.side]:
            yield Finding(
                "positions",
                p.id,
                "stance",
                f"{p.stance!r} is not the line of {p.side!r} ({LINES[p.side]!r}); "
                "mark the argument dissent or change its stance",
            )


RULES = (counters_go_both_ways, stance_follows_the_camp_line)

#: How far apart the answers may be on any measure of :func:`balance` (largest over smallest).
BALANCE_LIMIT = 1.25

BALANCE_MEASURES = {
    "arguments": "arguments",
    "quotes": "quotes",
    "quoted words": "words",
    "counter-arguments aimed at it": "answered",
}
"""Row label in the audit, and the :class:`SideBalance` attribute it reads. Each is held to
:data:`BALANCE_LIMIT`; the number of dissenting arguments is shown too, and each camp needs one."""


@dataclass(frozen=True)
class SideBalance:
    """What one group of arguments is given: a column of the balance audit.

    ``side`` is a stance id (an answer to :data:`QUESTION`) or a camp id, and
    ``label`` its name as shown.
    """

    side: str
    label: str
    arguments: int
    dissent: int
    quotes: int
    words: int
    answered: int


def _count(content, key: str, label: str, args) -> SideBalance:
    quote_ids = dict.fromkeys(q for p in args for q in p.quotes)
    return SideBalance(
        side=key,
        label=label,
        arguments=len(args),
        dissent=sum(p.dissent for p in args),
        quotes=len(quote_ids),
        words=sum(len(content.get("quotes", q).words.split()) for q in quote_ids),
        answered=sum(len(p.counters) for p in args),
    )


def balance(content) -> tuple[SideBalance, ...]:
    """Count, for each answer to :data:`QUESTION`, its arguments, dissent, quotes, quoted words and answers.

    This is what the project holds within :data:`BALANCE_LIMIT`: the question
    has two answers, and two camps give the same one, so a count by camp
    would hide a tilt. An argument counts toward its ``stance``, dissent
    included. A quote counts once per answer however many of its arguments
    cite it; its words are counted as printed. "Answered" counts the links
    from its arguments to the arguments that answer them.
    """
    return tuple(
        _count(content, stance, label, [p for p in content.positions if p.stance == stance])
        for stance, label in ANSWERS.items()
    )


def balance_by_camp(content) -> tuple[SideBalance, ...]:
    """The same counts for each camp (:data:`SIDES`), reported beside :func:`balance` but not held to the limit."""
    return tuple(_count(content, side, label, positions_for(content, side)) for side, label in SIDES.items())


def balance_ratios(content) -> dict[str, float]:
    """For each measure of :func:`balance`, the larger answer's count over the smaller's."""
    return _ratios(balance(content))


def _ratios(rows) -> dict[str, float]:
    ratios = {}
    for label, attr in BALANCE_MEASURES.items():
        values = [getattr(r, attr) for r in rows]
        ratios[label] = max(values) / min(values) if min(values) else float("inf")
    return ratios


def balance_frame(content):
    """The balance audit as a table: one row per measure; a column per answer, the ratio, then a column per camp.

    Returns
    -------
    pandas.DataFrame
        The answers' columns are headed "Answer: <label>"; the camps' columns follow the
        ratio and its check, since only the answers are held to :data:`BALANCE_LIMIT`.
    """
    import pandas as pd

    rows = balance(content)
    camps = balance_by_camp(content)
    ratios = _ratios(rows)
    limit = f"within {BALANCE_LIMIT}x"

    def cells(attr):
        return {f"Answer: {r.label}": getattr(r, attr) for r in rows}

    def camp_cells(attr):
        return {f"Camp: {r.label}": getattr(r, attr) for r in camps}

    table = [
        {
            "measure": "dissenting arguments",
            **cells("dissent"),
            "largest / smallest": "",
            limit: "",
            **camp_cells("dissent"),
        }
    ]
    for label, attr in BALANCE_MEASURES.items():
        table.append(
            {
                "measure": label,
                **cells(attr),
                "largest / smallest": f"{ratios[label]:.2f}",
                limit: "yes" if ratios[label] <= BALANCE_LIMIT else "no",
                **camp_cells(attr),
            }
        )
    return pd.DataFrame(table)


def positions_for(content, side: str) -> tuple[Position, ...]:
    """The arguments of one side, in file order."""
    if side not in SIDES:
        raise KeyError(f"no side {side!r}; the sides are {', '.join(SIDES)}")
    return tuple(p for p in content.positions if p.side == side)


def quote_line(content, quote) -> str:
    """One quote as plain text: speaker, date, words, and its form where it is not spoken English."""
    speaker = content.get("actors", quote.speaker).name
    note = f" ({quote.form_note})" if quote.form_note else ""
    return f"{speaker}, {day_text(quote.date, 'long')}: “{quote.words}”{note}"


def event_line(event) -> str:
    """One event as plain text: date and title."""
    return f"{day_text(event.date, 'long')}: {event.title}"


def positions_frame(content):
    """All arguments as a table: side, argument, the quotes and events behind it.

    Returns
    -------
    pandas.DataFrame
        Plain text, for :func:`explainer.views.display.table` (readable on GitHub).
    """
    import pandas as pd

    rows = [
        {
            "Side": SIDES[p.side],
            "Argument (our words)": p.claim,
            "Said": " | ".join(quote_line(content, content.get("quotes", q)) for q in p.quotes),
            "Happened": " | ".join(event_line(content.get("events", e)) for e in p.events),
        }
        for p in content.positions
    ]
    return pd.DataFrame(rows)
