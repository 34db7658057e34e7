"""The claims ledger as it stood on a given day: dated verdicts, each resting on what was published by then.

A verdict in ``claims.yaml`` is today's. A dated verdict (``claims_asof.yaml``)
records what the evidence published on or before its ``as_of`` day supported,
with those sources only. They are reviewed data, not computed: where later
evidence changed a verdict, the claim has a record for each day it changed,
in date order, and the latest agrees with the ledger.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .fields import Collection, Finding, day_text, ref, refs, text


@dataclass(frozen=True)
class DatedVerdict:
    """One claim's verdict as of a day, from the evidence published by then.

    ``basis`` says in a sentence or two what that evidence showed;
    ``sources`` are all published on or before ``as_of`` (a rule checks it,
    counting a source known only to the month or year as published at the
    end of that month or year).
    """

    id: str
    claim: str = ref("claims")
    as_of: dt.date
    rating: str = ref("rating_scale")
    basis: str = text(max_chars=400)
    sources: tuple[str, ...] = refs("sources")


COLLECTIONS = (Collection(name="claims_asof", record=DatedVerdict, path="claims_asof"),)


def published_by(source) -> dt.date:
    """The last day on which ``source`` may have been published, given how precisely its date is known."""
    day = source.date
    if source.date_precision == "year":
        return dt.date(day.year, 12, 31)
    if source.date_precision == "month":
        following = dt.date(day.year + (day.month == 12), day.month % 12 + 1, 1)
        return following - dt.timedelta(days=1)
    return day


def asof_sources_published_by_then(content):
    """Every source of a dated verdict was published on or before its day."""
    for v in content.claims_asof:
        for s in content.sources_for(v.sources):
            if published_by(s) > v.as_of:
                yield Finding("claims_asof", v.id, "sources", f"{s.id} ({s.date_text}) is later than {v.as_of}")


def asof_dates_in_order(content):
    """A claim's dated verdicts come in the file in date order, one per day."""
    last: dict[str, DatedVerdict] = {}
    for v in content.claims_asof:
        before = last.get(v.claim)
        if before is not None and v.as_of <= before.as_of:
            yield Finding(
                "claims_asof", v.id, "as_of", f"{v.as_of} is not after {before.id} ({before.as_of}) for the same claim"
            )
        last[v.claim] = v


def asof_latest_is_the_ledgers(content):
    """A claim's latest dated verdict is the verdict the ledger gives it today."""
    latest = {}
    for v in content.claims_asof:
        if v.claim not in latest or v.as_of > latest[v.claim].as_of:
            latest[v.claim] = v
    for v in latest.values():
        today = content.get("claims", v.claim).rating
        if v.rating != today:
            yield Finding(
                "claims_asof",
                v.id,
                "rating",
                f"{v.rating!r} is {v.claim}'s latest dated verdict; the ledger gives {today!r}",
            )


def asof_every_claim_on_the_articles_day(content):
    """Every claim of the ledger has a dated verdict on or before the article's day."""
    if not content.records("article"):
        return  # the article did not load: its own problem is reported, and there is no day to check against
    day = content.article.date
    dated = {v.claim for v in content.claims_asof if v.as_of <= day}
    for claim in content.claims:
        if claim.id not in dated:
            yield Finding("claims", claim.id, "rating", f"has no dated verdict on or before the article's day ({day})")


RULES = (
    asof_sources_published_by_then,
    asof_dates_in_order,
    asof_latest_is_the_ledgers,
    asof_every_claim_on_the_articles_day,
)


# ----------------------------------------------------------------------------
# Queries


@dataclass(frozen=True)
class VerdictAsOf:
    """A claim and its verdict as of a day: ``record`` is None where no verdict could be given yet."""

    claim: object
    record: DatedVerdict | None

    @property
    def rating(self) -> str | None:
        """The rating id, or None before the claim's first dated verdict."""
        return self.record.rating if self.record else None


#: What the ledger says where no dated verdict had been recorded by the day asked about.
NO_VERDICT_YET = "No verdict yet (none recorded by then)"


def verdicts_as_of(content, day: dt.date) -> tuple[VerdictAsOf, ...]:
    """Each claim's verdict as of ``day``, in ledger order: its latest dated verdict on or before that day.

    Parameters
    ----------
    content : Content
    day : datetime.date

    Returns
    -------
    tuple of VerdictAsOf
        One per claim; ``record`` is None where no verdict had been recorded by ``day``.
    """
    latest: dict[str, DatedVerdict] = {}
    for v in content.claims_asof:
        if v.as_of <= day and (v.claim not in latest or v.as_of > latest[v.claim].as_of):
            latest[v.claim] = v
    return tuple(VerdictAsOf(claim, latest.get(claim.id)) for claim in content.claims)


def asof_days(content) -> tuple[dt.date, ...]:
    """The days on which some dated verdict was recorded, earliest first."""
    return tuple(sorted({v.as_of for v in content.claims_asof}))


def changed_claims(content) -> tuple[str, ...]:
    """The ids of the claims whose dated verdicts differ from one day to another, in ledger order."""
    ratings: dict[str, set[str]] = {}
    for v in content.claims_asof:
        ratings.setdefault(v.claim, set()).add(v.rating)
    return tuple(c.id for c in content.claims if len(ratings.get(c.id, ())) > 1)


def ledger_lines(content, day: dt.date | None = None) -> list[str]:
    """The ledger as plain lines, one per claim: its id, its verdict then (or that none could be given), its sources.

    Without ``day``, today's ledger: each claim's verdict and all its sources.
    """
    from .claims import verdict

    if day is None:
        head = "The ledger today (all the evidence on record):"
        rows = [(c, verdict(content, c).label, c.sources) for c in content.claims]
    else:
        head = f"The ledger as of {day_text(day)} (only evidence published by then):"
        rows = [
            (
                v.claim,
                content.get("rating_scale", v.rating).label if v.record else NO_VERDICT_YET,
                v.record.sources if v.record else (),
            )
            for v in verdicts_as_of(content, day)
        ]
    lines = [head]
    for claim, label, sources in rows:
        cited = f" [{', '.join(sources)}]" if sources else ""
        lines.append(f"{claim.id}: {label} - {claim.claim_reviewed}{cited}")
    return lines


def asof_frame(content, day: dt.date):
    """Each claim's verdict as of ``day`` beside today's, with the sources each rests on.

    Returns
    -------
    pandas.DataFrame
        One row per claim, with the columns ``Claim (paraphrased)``,
        ``Verdict as of DAY``, ``What was known by then``, ``Sources by then``
        and ``Verdict today``.
    """
    import pandas as pd

    from .claims import verdict
    from .sources import credits

    then = f"Verdict as of {day_text(day)}"
    rows = [
        {
            "Claim (paraphrased)": v.claim.claim_reviewed,
            then: content.get("rating_scale", v.rating).label if v.record else NO_VERDICT_YET,
            "What was known by then": v.record.basis if v.record else "",
            "Sources by then": credits(content, v.record.sources) if v.record else "",
            "Verdict today": verdict(content, v.claim).label,
        }
        for v in verdicts_as_of(content, day)
    ]
    return pd.DataFrame(
        rows, columns=["Claim (paraphrased)", then, "What was known by then", "Sources by then", "Verdict today"]
    )
