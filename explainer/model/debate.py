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
    counters are then arguments of its own side.
    """

    id: str
    side: Literal["us-administration", "ukraine", "european-leaders"]
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


RULES = (counters_go_both_ways,)

#: How far apart the sides may be on any measure of :func:`balance` (largest over smallest).
BALANCE_LIMIT = 1.25

BALANCE_MEASURES = {
    "arguments": "arguments",
    "quotes": "quotes",
    "quoted words": "words",
    "counter-arguments aimed at it": "answered",
}
"""Row label in the audit, and the :class:`SideBalance` attribute it reads. Each is held to
:data:`BALANCE_LIMIT`; the number of dissenting arguments is shown too, and each side needs one."""


@dataclass(frozen=True)
class SideBalance:
    """What one side of the debate is given: a row of the balance audit."""

    side: str
    label: str
    arguments: int
    dissent: int
    quotes: int
    words: int
    answered: int


def balance(content) -> tuple[SideBalance, ...]:
    """Count, for each side, its arguments, its dissent, the quotes and quoted words behind it, and the answers to it.

    A quote counts once per side however many of the side's arguments cite
    it; its words are counted as printed. "Answered" counts the links from
    the side's arguments to the arguments that answer them.
    """
    rows = []
    for side, label in SIDES.items():
        args = positions_for(content, side)
        quote_ids = dict.fromkeys(q for p in args for q in p.quotes)
        rows.append(
            SideBalance(
                side=side,
                label=label,
                arguments=len(args),
                dissent=sum(p.dissent for p in args),
                quotes=len(quote_ids),
                words=sum(len(content.get("quotes", q).words.split()) for q in quote_ids),
                answered=sum(len(p.counters) for p in args),
            )
        )
    return tuple(rows)


def balance_ratios(content) -> dict[str, float]:
    """For each measure of :func:`balance`, the largest side's count over the smallest's."""
    rows = balance(content)
    ratios = {}
    for label, attr in BALANCE_MEASURES.items():
        values = [getattr(r, attr) for r in rows]
        ratios[label] = max(values) / min(values) if min(values) else float("inf")
    return ratios


def balance_frame(content):
    """The balance audit as a table: one row per measure, one column per side, and the ratio.

    Returns
    -------
    pandas.DataFrame
    """
    import pandas as pd

    rows = balance(content)
    ratios = balance_ratios(content)
    limit = f"within {BALANCE_LIMIT}x"
    table = [
        {"measure": "dissenting arguments", **{r.label: r.dissent for r in rows}, "largest / smallest": "", limit: ""}
    ]
    for label, attr in BALANCE_MEASURES.items():
        row = {"measure": label}
        row.update({r.label: getattr(r, attr) for r in rows})
        row["largest / smallest"] = f"{ratios[label]:.2f}"
        row[limit] = "yes" if ratios[label] <= BALANCE_LIMIT else "no"
        table.append(row)
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
