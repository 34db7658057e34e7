"""The debate of notebook 05: each side's arguments, each resting on dated quotes and events."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .fields import Collection, day_text, refs, text

SIDES = {
    "us-administration": "The US administration",
    "ukraine": "Ukraine",
    "european-leaders": "European leaders",
}
"""Side ids used in ``positions.yaml``, with the label shown to students."""


@dataclass(frozen=True)
class Position:
    """One argument in the debate, held by one side and grounded in the record.

    ``claim`` is the argument in the project's own words. It is never shown
    without its evidence: at least one dated quote and one dated event.
    ``counters`` lists arguments of other sides that answer this one.
    """

    id: str
    side: Literal["us-administration", "ukraine", "european-leaders"]
    claim: str = text(max_chars=400)
    quotes: tuple[str, ...] = refs("quotes")
    events: tuple[str, ...] = refs("events")
    sources: tuple[str, ...] = refs("sources")
    counters: tuple[str, ...] = refs("positions", min_items=0)


COLLECTIONS = (Collection(name="positions", record=Position, path="positions"),)
RULES = ()


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
