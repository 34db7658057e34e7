"""What every topic's records are made of: field helpers, collections, rules and dates.

A record type is a frozen dataclass. Field annotations say what a field holds;
the metadata added by :func:`ref`, :func:`refs`, :func:`text`, :func:`items`
and :func:`amount` says which collection an id points into and how long or
large a value may be. The generic validator in :mod:`explainer.content.schema`
reads these declarations, so adding a field is all it takes to have it loaded
and checked.

Each topic module of :mod:`explainer.model` declares its :class:`Collection`
objects (where its records live in ``data/``) and its rules: functions that
take the loaded content and yield a :class:`Finding` for every record that
breaks a rule no single field can express.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
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


def amount(default=dataclass, max_value: float | None = None):
    """A non-negative number, optionally with an upper bound (100 for a percentage)."""
    meta = {"min_value": 0}
    if max_value is not None:
        meta["max_value"] = max_value
    if default is dataclass:
        return field(metadata=meta)
    return field(default=default, metadata=meta)


#: How firmly a record stands: ``confirmed`` by two or more independent producers or the primary
#: text; resting on a ``single source``; sources in ``conflicting`` accounts (the record says who
#: says what); only ``reported``: second-hand, anonymous-source or interested-party reporting that
#: no original producer confirms; or ``unverified``: not confirmed by any source we could read.
Confidence = Literal["confirmed", "single source", "conflicting", "reported", "unverified"]

# ----------------------------------------------------------------------------
# Collections and rules


@dataclass(frozen=True)
class Collection:
    """Where one kind of record lives under ``data/`` and what type it has.

    A YAML collection named ``events`` is read from ``events.yaml`` and from
    every ``*.yaml`` file in an ``events/`` folder, so new records can be added
    in a file of their own. A CSV collection is one ``.csv`` file whose header
    names the record's fields. ``single`` marks a file that holds one record
    rather than a list.
    """

    name: str
    record: type
    path: str
    fmt: Literal["yaml", "csv"] = "yaml"
    single: bool = False


@dataclass(frozen=True)
class Finding:
    """A record that breaks a rule: the collection, its id, the field and what is wrong."""

    collection: str
    record: str
    field: str | None
    message: str


#: A rule takes the loaded content and yields a Finding for every record that breaks it.
Rule = Callable[[object], Iterable[Finding]]

# ----------------------------------------------------------------------------
# Dates as text, the same on every platform (no glibc-only day format without padding)


def day_text(date: dt.date, month: Literal["short", "long"] = "short", year: bool = True) -> str:
    """A date as "19 Feb 2025" (or "19 February 2025", or without the year: "19 Feb")."""
    name = f"{date:%b}" if month == "short" else f"{date:%B}"
    return f"{date.day} {name}" + (f" {date.year}" if year else "")


def span_text(start: dt.date, end: dt.date | None, month: Literal["short", "long"] = "short") -> str:
    """A date, or a range of dates when ``end`` is given: "24 Feb 2025 to 26 Feb 2025"."""
    first = day_text(start, month)
    return first if end is None else f"{first} to {day_text(end, month)}"
