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
    "blog",
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


@dataclass(frozen=True)
class Review:
    """When the content as a whole was last reviewed, and what that review found about its reach.

    ``reviewed`` is the day someone last checked the content against new
    reporting; ``note`` says in a sentence or two where the record stops and
    why. Held in ``data/review.yaml`` as a single record.
    """

    id: str
    reviewed: dt.date
    note: str


#: The default for ``python -m explainer check --stale-after``: warn when the newest source is
#: more than this many months older than today.
STALE_AFTER_MONTHS = 12

COLLECTIONS = (
    Collection(name="sources", record=Source, path="sources"),
    Collection(name="review", record=Review, path="review", single=True),
)
RULES = ()


def credits(content, ids) -> str:
    """The short citations of ``ids``, each producer-and-date once, joined with "; "."""
    return "; ".join(dict.fromkeys(s.credit for s in content.sources_for(ids)))


# ----------------------------------------------------------------------------
# How current the content is


def newest_source(content) -> Source:
    """The source with the latest date (the first such in load order where several share it).

    A source known only to the month or the year counts from the first day of
    that month or year, as it is stored.
    """
    return max(content.sources, key=lambda s: s.date)


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved ``months`` calendar months later, kept inside the month (31 Jan + 1 = 28/29 Feb)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    next_first = dt.date(year + (month == 12), month % 12 + 1, 1)
    return dt.date(year, month, min(day.day, (next_first - dt.timedelta(days=1)).day))


def stale_warning(content, today: dt.date, months: int = STALE_AFTER_MONTHS) -> str | None:
    """One line warning that the content may be out of date, or None while it is not.

    The content counts as stale once its newest source is more than
    ``months`` calendar months older than ``today``.

    Parameters
    ----------
    content : Content
    today : datetime.date
        The day to judge from (the command line passes the real date).
    months : int
        How many months may pass after the newest source before warning (0 or more).

    Returns
    -------
    str or None
    """
    if months < 0:
        raise ValueError(f"months must be 0 or more, not {months}")
    newest = newest_source(content)
    if add_months(newest.date, months) >= today:
        return None
    return (
        f"Warning: the newest source ({newest.date_text}, {newest.id}) is more than {months} "
        f"month{'s' if months != 1 else ''} old; the content may be out of date "
        f"(last reviewed {day_text(content.review.reviewed)})."
    )


def review_line(content) -> str:
    """The "as of" line every notebook shows: when the content was reviewed and its newest source."""
    newest = newest_source(content)
    return (
        f"Content last reviewed on {day_text(content.review.reviewed, 'long')}; "
        f"the newest source is dated {newest.date_text} ({newest.publisher})."
    )
