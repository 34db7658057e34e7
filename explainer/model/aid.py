"""US and European aid to Ukraine: the acts, the trackers, the figures in the news, and their arithmetic.

Every amount is stored in the currency and unit its producer published it in
(US$ billion for the appropriations and the headline figures, EUR billion for
the Kiel Institute's tracker). Conversions happen here, from the exchange
rate recorded in ``data/aid/exchange_rates.csv``, never in the data and never
in a chart.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

from .fields import Collection, Finding, amount, ref, refs, text

# What a number counts. Definitions live in data/aid/measures.csv.
Measure = Literal[
    "appropriated",
    "obligated",
    "disbursed",
    "allocated",
    "committed",
    "received",
    "claimed",
    "demanded",
    "repayable",
    "allied-funded",
]

Donor = Literal["United States", "Europe", "All donors"]
Category = Literal["military", "financial and humanitarian", "financial", "humanitarian", "total"]


@dataclass(frozen=True)
class AidMeasure:
    """What one measure of aid counts, in our own words."""

    id: str
    label: str
    definition: str
    sources: tuple[str, ...] = refs("sources")


@dataclass(frozen=True)
class Appropriation:
    """One US supplemental appropriations act for Ukraine.

    ``total_usd_bn`` is the whole act's Ukraine-related money, ``dod_usd_bn``
    the part given to the Department of Defense. ``derivation`` says how a
    figure was worked out where no source states it directly.
    """

    id: str
    act: str
    public_law: str
    enacted: dt.date
    total_usd_bn: float = amount()
    dod_usd_bn: float = amount()
    measure: Measure = ref("aid_measures")
    sources: tuple[str, ...] = refs("sources")
    derivation: str | None = None


@dataclass(frozen=True)
class KielAllocation:
    """A Kiel Institute Ukraine Support Tracker figure, in EUR billion as published.

    ``data_to`` is the cut-off date of the tracker update the figure comes
    from. ``category`` is ``total`` where Kiel published no split.
    """

    id: str
    donor: Donor
    data_to: dt.date
    category: Category
    measure: Measure = ref("aid_measures")
    amount_eur_bn: float = amount()
    sources: tuple[str, ...] = refs("sources")
    note: str | None = None


@dataclass(frozen=True)
class HeadlineFigure:
    """A number for US aid that someone put into the news, and what it counts.

    ``date`` is when it was said or published; ``label`` is the short text
    used on charts.
    """

    id: str
    label: str = text(max_chars=40)
    amount_usd_bn: float = amount()
    measure: Measure = ref("aid_measures")
    who: str
    date: dt.date
    counts: str
    sources: tuple[str, ...] = refs("sources")
    note: str | None = None


@dataclass(frozen=True)
class ExchangeRate:
    """A euro-to-dollar rate, kept as the two amounts it is derived from.

    The rate is ``usd / eur`` (US dollars per euro), worked out in code.
    """

    id: str
    usd: float = amount()
    eur: float = amount()
    basis: str
    sources: tuple[str, ...] = refs("sources")


@dataclass(frozen=True)
class ReferenceSeries:
    """A number that puts aid in proportion (federal outlays, population)."""

    id: str
    label: str
    value: float = amount()
    unit: str
    period: str
    sources: tuple[str, ...] = refs("sources")
    note: str | None = None


@dataclass(frozen=True)
class AlliedPurchase:
    """US weapons for Ukraine paid for by other governments under NATO's PURL arrangement.

    This money is the allies', not the United States': it is kept in its own
    collection, under its own measure (``allied-funded``), and never added to
    a US aid total. ``kind`` is ``package`` for one announced package and
    ``total`` for a running total someone gave on ``date``; ``who`` says who
    gave the figure and ``counts`` what it counts (pledged, committed, paid
    and shipped...), since the totals in circulation count different things.
    ``year_total`` names the calendar year where the figure claims to be all
    the money raised in that year.
    """

    id: str
    date: dt.date
    kind: Literal["package", "total"]
    amount_usd_bn: float = amount()
    measure: Measure = ref("aid_measures")
    funded_by: str
    who: str
    counts: str
    sources: tuple[str, ...] = refs("sources")
    year_total: int | None = None
    note: str | None = None


ALLIED_FUNDED = "allied-funded"


COLLECTIONS = (
    Collection(name="aid_measures", record=AidMeasure, path="aid/measures", fmt="csv"),
    Collection(name="aid_appropriations", record=Appropriation, path="aid/appropriations", fmt="csv"),
    Collection(name="aid_kiel", record=KielAllocation, path="aid/kiel_allocations", fmt="csv"),
    Collection(name="aid_headlines", record=HeadlineFigure, path="aid/headline_figures", fmt="csv"),
    Collection(name="aid_exchange_rates", record=ExchangeRate, path="aid/exchange_rates", fmt="csv"),
    Collection(name="aid_reference", record=ReferenceSeries, path="aid/reference_series", fmt="csv"),
    Collection(name="aid_allied_purchases", record=AlliedPurchase, path="aid/allied_purchases", fmt="csv"),
)


def allied_money_kept_apart(content):
    """Allied purchases are measured as allied-funded, and no figure for US aid is."""
    for rec in content.aid_allied_purchases:
        if rec.measure != ALLIED_FUNDED:
            yield Finding(
                "aid_allied_purchases",
                rec.id,
                "measure",
                f"is {rec.measure!r}; purchases paid for by allies are measured as {ALLIED_FUNDED!r}",
            )
    for name, recs in (("aid_headlines", content.aid_headlines), ("aid_appropriations", content.aid_appropriations)):
        for rec in recs:
            if rec.measure == ALLIED_FUNDED:
                yield Finding(
                    name,
                    rec.id,
                    "measure",
                    f"{ALLIED_FUNDED!r} money is the allies', not US aid; record it in aid_allied_purchases",
                )


RULES = (allied_money_kept_apart,)


# ----------------------------------------------------------------------------
# Units and conversions

UNITS = ("nominal", "share of federal outlays", "per US resident")
CURRENCIES = ("EUR", "USD")
KIEL_CATEGORIES = ("military", "financial and humanitarian", "total", "committed")
DONORS = ("United States", "Europe", "All donors")


def usd_per_eur(content, rate_id: str | None = None) -> tuple[float, ExchangeRate]:
    """The US dollars per euro of a recorded rate, and the rate's record.

    Parameters
    ----------
    content : Content
    rate_id : str, optional
        Id in ``aid_exchange_rates``; defaults to the first one.

    Returns
    -------
    (float, ExchangeRate)
    """
    rec = content.get("aid_exchange_rates", rate_id) if rate_id else content.aid_exchange_rates[0]
    return rec.usd / rec.eur, rec


def reference(content, ref_id: str) -> ReferenceSeries:
    """A reference series record (federal outlays, population) by id."""
    return content.get("aid_reference", ref_id)


def convert_usd_bn(content, values, unit: str = "nominal"):
    """Turn US$ billion amounts into ``unit``.

    Parameters
    ----------
    content : Content
    values : sequence of float
        Amounts in US$ billion.
    unit : {"nominal", "share of federal outlays", "per US resident"}

    Returns
    -------
    (list of float, str, tuple of str)
        The converted values, the axis label, and the ids of the reference
        series used (to cite them).
    """
    values = [float(v) for v in values]
    if unit == "nominal":
        return values, "US$ billion (nominal)", ()
    if unit == "share of federal outlays":
        years, total, ids = outlays_over_acts(content)
        span = f"fiscal years {years[0]}–{years[-1]}" if len(years) > 1 else f"fiscal year {years[0]}"
        return [100 * v / total for v in values], f"% of all US federal outlays in {span}", ids
    if unit == "per US resident":
        ref_rec = reference(content, "us-population-2024")
        return (
            [v * 1e9 / (ref_rec.value * 1e6) for v in values],
            f"US$ per US resident ({ref_rec.period})",
            (ref_rec.id,),
        )
    raise ValueError(f"unknown unit {unit!r}; choose one of: {', '.join(UNITS)}")


def fiscal_year(day: dt.date) -> int:
    """The US federal fiscal year a day falls in (fiscal 2023 ran from 1 October 2022 to 30 September 2023)."""
    return day.year + 1 if day.month >= 10 else day.year


def outlays_over_acts(content) -> tuple[list[int], float, tuple[str, ...]]:
    """All federal outlays over the fiscal years in which the appropriations acts were signed.

    Aid added up over several years is set against outlays over the same
    years (like with like), not against one year's outlays. Outlays are the
    reference records ``us-federal-outlays-fy<YEAR>``; every year from the
    first act's to the last act's must be on record.

    Returns
    -------
    (list of int, float, tuple of str)
        The fiscal years, their outlays added up (US$ billion) and the ids of
        the records used.

    Raises
    ------
    KeyError
        If a year's outlays are not on record.
    """
    acts = acts_in_order(content)
    first, last = fiscal_year(acts[0].enacted), fiscal_year(acts[-1].enacted)
    years = list(range(first, last + 1))
    recs = [reference(content, f"us-federal-outlays-fy{y}") for y in years]
    return years, sum(r.value for r in recs), tuple(r.id for r in recs)


def fmt_value(value: float, unit: str) -> str:
    """A converted amount as short text: ``$98.5bn``, ``2.6%``, ``$512``."""
    if unit == "nominal":
        return f"${value:,.2f}".rstrip("0").rstrip(".") + "bn"
    if unit == "share of federal outlays":
        return f"{value:.1f}%"
    if unit == "per US resident":
        return f"${value:,.0f}"
    raise ValueError(f"unknown unit {unit!r}")


def reference_sources(content, ref_ids) -> list:
    """The source records of the reference series ``ref_ids``."""
    return list(content.sources_for(s for rid in ref_ids for s in reference(content, rid).sources))


def acts_in_order(content) -> tuple[Appropriation, ...]:
    """The appropriations acts, earliest first."""
    return tuple(sorted(content.aid_appropriations, key=lambda a: a.enacted))


def years_without_an_act(content) -> list[int]:
    """The calendar years between the first act and the last in which no act was signed."""
    years = {a.enacted.year for a in content.aid_appropriations}
    return [y for y in range(min(years), max(years) + 1) if y not in years]


def running_totals(values) -> list[float]:
    """The running total of ``values``."""
    out, run = [], 0.0
    for v in values:
        run += v
        out.append(run)
    return out


# ----------------------------------------------------------------------------
# The Kiel Institute's tracker


def kiel_category(rec: KielAllocation) -> str:
    """The chart category of a Kiel record: ``committed`` money apart; financial and humanitarian together.

    Kiel's split of US and European aid groups financial and humanitarian aid,
    so the two are counted as one category for every donor.
    """
    if rec.measure == "committed":
        return "committed"
    if rec.category in ("financial", "humanitarian"):
        return "financial and humanitarian"
    return rec.category


def kiel_updates(content) -> list[str]:
    """The cut-off dates of the tracker updates on record, as ISO text, earliest first."""
    return sorted({rec.data_to.isoformat() for rec in content.aid_kiel})


def kiel_segments(content, donors=DONORS, categories=KIEL_CATEGORIES, currency: str = "EUR"):
    """Kiel figures by donor, update and category, in ``currency``: one row per bar segment.

    Records that fall in the same category (financial and humanitarian, for
    "All donors") are added up into one row that lists both record ids.

    Returns
    -------
    (list of dict, float, ExchangeRate)
        The rows, the dollars-per-euro rate used, and the rate's record.
    """
    if currency not in CURRENCIES:
        raise ValueError(f"unknown currency {currency!r}; choose EUR or USD")
    rate, rate_rec = usd_per_eur(content)
    factor = rate if currency == "USD" else 1.0
    merged: dict[tuple, dict] = {}
    for rec in content.aid_kiel:
        category = kiel_category(rec)
        if rec.donor not in donors or category not in categories:
            continue
        key = (rec.donor, rec.data_to.isoformat(), category)
        amount_ = round(rec.amount_eur_bn * factor, 4)
        if key in merged:
            m = merged[key]
            m["amount_eur_bn"] += rec.amount_eur_bn
            m["amount"] = round(m["amount"] + amount_, 4)
            m["record_ids"] += f"; {rec.id}"
            m["sources"] = tuple(dict.fromkeys(m["sources"] + rec.sources))
        else:
            merged[key] = {
                "donor": rec.donor,
                "data_to": key[1],
                "category": category,
                "measure": rec.measure,
                "amount_eur_bn": rec.amount_eur_bn,
                "amount": amount_,
                "currency": currency,
                "record_ids": rec.id,
                "sources": rec.sources,
            }
    return list(merged.values()), rate, rate_rec


def kiel_allocated_totals(content, currency: str = "EUR") -> dict[tuple[str, str], float]:
    """Aid allocated (delivered or earmarked) by donor at each tracker update, all categories added up.

    Committed money that is not yet allocated is a different measure and is
    left out. Keys are ``(donor, data_to)`` with ``data_to`` as ISO text.
    """
    rows, _rate, _rec = kiel_segments(
        content, categories=("military", "financial and humanitarian", "total"), currency=currency
    )
    totals: dict[tuple[str, str], float] = {}
    for row in rows:
        key = (row["donor"], row["data_to"])
        totals[key] = round(totals.get(key, 0.0) + row["amount"], 4)
    return totals


# ----------------------------------------------------------------------------
# Allied purchases of US weapons for Ukraine (PURL)


def allied_purchases(content, kind: str | None = None):
    """The PURL figures on record, earliest first: packages, running totals, or both.

    Parameters
    ----------
    content : Content
    kind : {"package", "total"}, optional
        Only packages or only running totals; ``None`` for both.

    Returns
    -------
    pandas.DataFrame
        Columns ``date`` (datetime.date), ``kind``, ``amount_usd_bn``,
        ``funded_by``, ``who``, ``counts``, ``measure``, ``source`` (short
        citation of the first source) and ``id``.
    """
    import pandas as pd

    from .sources import credits

    if kind not in (None, "package", "total"):
        raise ValueError(f"unknown kind {kind!r}; choose 'package', 'total' or None")
    recs = sorted(
        (r for r in content.aid_allied_purchases if kind in (None, r.kind)), key=lambda r: (r.date, r.kind, r.id)
    )
    columns = ["date", "kind", "amount_usd_bn", "funded_by", "who", "counts", "measure", "source", "id"]
    rows = [
        {
            "date": r.date,
            "kind": r.kind,
            "amount_usd_bn": r.amount_usd_bn,
            "funded_by": r.funded_by,
            "who": r.who,
            "counts": r.counts,
            "measure": r.measure,
            "source": credits(content, r.sources[:1]),
            "id": r.id,
        }
        for r in recs
    ]
    return pd.DataFrame(rows, columns=columns)


def allied_year_totals(content, year: int) -> tuple:
    """The figures given for all the PURL money raised in ``year``, lowest first.

    They are the records whose ``year_total`` is ``year``. The spread between
    them is the honest answer to "how much did allies put in?": the figures
    count different things (pledged, committed, paid) and come from
    different people.

    Returns
    -------
    tuple of AlliedPurchase
    """
    recs = tuple(
        sorted((r for r in content.aid_allied_purchases if r.year_total == year), key=lambda r: r.amount_usd_bn)
    )
    if not recs:
        raise ValueError(f"no figure on record for all PURL money raised in {year}")
    return recs


def headlines_in_order(content) -> tuple[HeadlineFigure, ...]:
    """The headline figures from the smallest amount to the largest."""
    return tuple(sorted(content.aid_headlines, key=lambda h: (h.amount_usd_bn, h.date)))


#: Measures of amounts put on the table in the deal talks (a demand, past aid a draft would have
#: counted as the US stake to be repaid): a stake in the deal, not a figure for aid given.
DEAL_STAKES = ("demanded", "repayable")


def aid_figures(content) -> tuple[HeadlineFigure, ...]:
    """The headline figures that count US aid (given, voted, received or claimed), smallest first."""
    return tuple(h for h in headlines_in_order(content) if h.measure not in DEAL_STAKES)


def deal_stakes(content) -> tuple[HeadlineFigure, ...]:
    """The headline figures that are stakes in the deal talks (:data:`DEAL_STAKES`), smallest first."""
    return tuple(h for h in headlines_in_order(content) if h.measure in DEAL_STAKES)


def guess_neighbours(content, guess_usd_bn: float) -> tuple[HeadlineFigure | None, HeadlineFigure | None]:
    """The totals for US aid (:func:`aid_figures`) just below (or equal to) and just above a guess, in US$ billion.

    Either is None where the guess lies beyond the smallest or the largest
    total. The amounts at stake in the deal talks are not totals of aid, so no
    guess is placed beside them. Used by the "your call first" question of notebook 02, which asks
    for a total before showing that there are several, each measuring
    something else.
    """
    below = [h for h in aid_figures(content) if h.amount_usd_bn <= guess_usd_bn]
    above = [h for h in aid_figures(content) if h.amount_usd_bn > guess_usd_bn]
    return (below[-1] if below else None, above[0] if above else None)


def totals_written_in(content, texts) -> tuple[HeadlineFigure, ...]:
    """The totals for US aid (:func:`aid_figures`) that ``texts`` write out, smallest first.

    A total counts as written where its amount appears as "$Nbn", or, for a
    figure whose ``counts`` gives the euros it was published in ("EUR 114bn
    as published"), as those euros. Used to record which totals a student had
    already been shown (notebook 01's ledger) when they guessed the total.
    """
    joined = " ".join(texts)
    found = []
    for h in aid_figures(content):
        forms = [f"${h.amount_usd_bn:g}bn"]
        forms += [f"EUR {m.group(1)}bn" for m in re.finditer(r"EUR (\d+(?:\.\d+)?)bn as published", h.counts)]
        if any(re.search(re.escape(f) + r"(?!\d|\.\d)", joined) for f in forms):
            found.append(h)
    return tuple(found)
