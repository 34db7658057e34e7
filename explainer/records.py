"""Typed records for every kind of content in ``data/``.

Each record type is a frozen dataclass. Field annotations say what a field
holds; the metadata added by :func:`ref`, :func:`refs` and :func:`text` says
which collection an id points into and how long a text may be. The validator
in :mod:`explainer.schema` reads these declarations, so adding a field here is
all it takes to have it loaded and checked.

Dates are :class:`datetime.date`; amounts are floats in the unit their column
or field names; lists are tuples so records stay immutable.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

# ----------------------------------------------------------------------------
# Field helpers


def ref(collection: str, default=dataclass, **extra):
    """A field holding the id of a record in ``collection``."""
    meta = {"ref": collection, **extra}
    if default is dataclass:
        return field(metadata=meta)
    return field(default=default, metadata=meta)


def refs(collection: str, min_items: int = 1, **extra):
    """A field holding a list of ids in ``collection`` (at least ``min_items``)."""
    meta = {"ref": collection, "min_items": min_items, **extra}
    if min_items == 0:
        return field(default=(), metadata=meta)
    return field(metadata=meta)


def text(max_chars: int | None = None, default=dataclass):
    """A text field, optionally limited in length."""
    meta = {"max_chars": max_chars} if max_chars else {}
    if default is dataclass:
        return field(metadata=meta)
    return field(default=default, metadata=meta)


def items(min_items: int = 1):
    """A list of nested records or strings with at least ``min_items`` entries."""
    if min_items == 0:
        return field(default=(), metadata={"min_items": 0})
    return field(metadata={"min_items": min_items})


def amount(default=dataclass):
    """A non-negative number."""
    if default is dataclass:
        return field(metadata={"min_value": 0})
    return field(default=default, metadata={"min_value": 0})


Confidence = Literal["confirmed", "single source", "conflicting"]

SourceKind = Literal[
    "primary document",
    "official statement",
    "tracker",
    "research",
    "wire",
    "newspaper",
    "broadcaster",
    "online news",
    "reference",
]

# ----------------------------------------------------------------------------
# Sources


@dataclass(frozen=True)
class Source:
    """A publication that facts in the content rest on.

    ``publisher`` is the original producer (Reuters, AP, Kiel Institute...),
    never the mirror or aggregator it was read through; ``via`` records how it
    was read where that was a syndicated copy. ``url`` is given only where it
    is the publisher's own page. ``date_precision`` says how much of ``date``
    is known: where only the month is known, the day is set to 1 and the
    source is cited as "Feb 2025".
    """

    id: str
    publisher: str
    title: str
    date: dt.date
    kind: SourceKind
    url: str | None = None
    via: str | None = None
    note: str | None = None
    date_precision: Literal["day", "month", "year"] = "day"

    @property
    def date_text(self) -> str:
        """The date as precisely as it is known: "19 Feb 2025", "Feb 2025" or "2025"."""
        if self.date_precision == "year":
            return f"{self.date:%Y}"
        if self.date_precision == "month":
            return f"{self.date:%b %Y}"
        return f"{self.date:%-d %b %Y}"


# ----------------------------------------------------------------------------
# The article and the claims ledger


@dataclass(frozen=True)
class RatingLevel:
    """One step of the verdict scale used by the claims ledger."""

    id: str
    label: str
    value: int = field(metadata={"min_value": 1})
    description: str


@dataclass(frozen=True)
class Claim:
    """A checkable claim of the article, shaped after schema.org ClaimReview.

    ``claim_reviewed`` is a short, verdict-free paraphrase (under 75
    characters). ``quoted`` is the short phrase the article used, quoted
    exactly. ``rating`` points into the rating scale.
    """

    id: str
    claim_reviewed: str = text(max_chars=75)
    quoted: str = text(max_chars=120)
    claimant: str
    appearance: str
    rating: str = ref("rating_scale")
    explanation: str
    sources: tuple[str, ...] = refs("sources")
    confidence: Confidence
    what_the_record_shows: str


@dataclass(frozen=True)
class KeyPoint:
    """One of the article's three bullet points, paraphrased."""

    id: str
    summary: str
    claims: tuple[str, ...] = refs("claims")


@dataclass(frozen=True)
class Article:
    """The news article the explainer is built around."""

    id: str
    headline: str
    outlet: str
    date_note: str
    key_points: tuple[KeyPoint, ...] = items(3)
    closing_line: str = text(max_chars=80)
    summary: str


# ----------------------------------------------------------------------------
# People, events, words


@dataclass(frozen=True)
class Actor:
    """A person or institution in the story, with their role at the time."""

    id: str
    name: str
    kind: Literal["person", "institution", "government", "organisation"]
    role: str
    country: str
    sources: tuple[str, ...] = refs("sources")


@dataclass(frozen=True)
class Phase:
    """A stretch of the story with a name (pressure, rupture, ...)."""

    id: str
    name: str
    start: dt.date
    end: dt.date
    summary: str


@dataclass(frozen=True)
class Event:
    """A dated event on the timeline.

    Where sources disagree on the date, ``alternative_dates`` records the
    other dates and ``date_note`` says who gives which.
    """

    id: str
    date: dt.date
    title: str = text(max_chars=90)
    summary: str
    phase: str = ref("phases")
    actors: tuple[str, ...] = refs("actors")
    countries: tuple[str, ...] = items(1)
    sources: tuple[str, ...] = refs("sources")
    confidence: Confidence
    end_date: dt.date | None = None
    alternative_dates: tuple[dt.date, ...] = items(0)
    date_note: str | None = None
    tags: tuple[str, ...] = items(0)


@dataclass(frozen=True)
class Quote:
    """Words someone said, exactly as reported, with where they were reported."""

    id: str
    speaker: str = ref("actors")
    date: dt.date
    words: str = text(max_chars=400)
    context: str
    sources: tuple[str, ...] = refs("sources")
    event: str | None = ref("events", default=None)


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


# ----------------------------------------------------------------------------
# Quizzes and exercises


@dataclass(frozen=True)
class Option:
    """One answer of a multiple-choice question."""

    text: str
    correct: bool
    feedback: str


@dataclass(frozen=True)
class Question:
    """A quiz question: multiple choice, or a number within a tolerance."""

    id: str
    kind: Literal["choice", "number"]
    prompt: str
    explanation: str
    sources: tuple[str, ...] = refs("sources")
    options: tuple[Option, ...] = items(0)
    answer: float | None = None
    tolerance: float | None = amount(default=None)
    unit: str | None = None
    hint: str | None = None


@dataclass(frozen=True)
class Quiz:
    """A short self-check quiz that belongs to one notebook."""

    id: str
    notebook: str
    title: str
    questions: tuple[Question, ...] = items(1)


@dataclass(frozen=True)
class Exercise:
    """An exercise with hints and a solution kept out of sight until asked for."""

    id: str
    notebook: str
    title: str
    task: str
    solution: str
    sources: tuple[str, ...] = refs("sources")
    hints: tuple[str, ...] = items(0)
    solution_code: str | None = None


# ----------------------------------------------------------------------------
# Rules that go beyond one field's type


def record_rules(record) -> list[tuple[str, str]]:
    """Checks across fields of one record; returns ``(field, message)`` pairs."""
    found: list[tuple[str, str]] = []
    if isinstance(record, Phase) and record.end < record.start:
        found.append(("end", f"ends ({record.end}) before it starts ({record.start})"))
    if isinstance(record, Event) and record.end_date and record.end_date < record.date:
        found.append(("end_date", f"is before the event's date ({record.date})"))
    if isinstance(record, Question):
        if record.kind == "choice":
            n_right = sum(o.correct for o in record.options)
            if len(record.options) < 2:
                found.append(("options", "a choice question needs at least two options"))
            elif n_right != 1:
                found.append(("options", f"needs exactly one correct option, has {n_right}"))
        elif record.answer is None:
            found.append(("answer", "a number question needs an answer"))
        elif record.tolerance is None:
            found.append(("tolerance", "a number question needs a tolerance"))
    return found
