"""Sources: the publications every fact in ``data/`` rests on, and how each is cited."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from .fields import Collection, day_text

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
            return str(self.date.year)
        if self.date_precision == "month":
            return f"{self.date:%b} {self.date.year}"
        return day_text(self.date)

    @property
    def credit(self) -> str:
        """The short citation for tables and lists: "Reuters, 26 Feb 2025"."""
        return f"{self.publisher}, {self.date_text}"

    @property
    def citation(self) -> str:
        """The full citation: "AP, Trump says ..., 3 Feb 2025" (full source lists add ``via`` and ``url``)."""
        return f"{self.publisher}, {self.title}, {self.date_text}"


COLLECTIONS = (Collection(name="sources", record=Source, path="sources"),)
RULES = ()


def credits(content, ids) -> str:
    """The short citations of ``ids``, each producer-and-date once, joined with "; "."""
    return "; ".join(dict.fromkeys(s.credit for s in content.sources_for(ids)))
