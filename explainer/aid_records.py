"""Typed records for the aid figures (``data/aid/*.csv``).

Every amount is stored in the currency and unit its producer published it in
(US$ billion for the appropriations and the headline figures, EUR billion for
the Kiel Institute's tracker). Conversions happen in code, from the exchange
rate recorded in ``data/aid/exchange_rates.csv``, never in the data.

This module imports only from :mod:`explainer.records`; the collections it
declares are registered in :data:`explainer.content.COLLECTIONS`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from .records import amount, ref, refs, text

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


# (name, record type, path under data/, format): registered in explainer.content.
AID_COLLECTIONS = (
    ("aid_measures", AidMeasure, "aid/measures", "csv"),
    ("aid_appropriations", Appropriation, "aid/appropriations", "csv"),
    ("aid_kiel", KielAllocation, "aid/kiel_allocations", "csv"),
    ("aid_headlines", HeadlineFigure, "aid/headline_figures", "csv"),
    ("aid_exchange_rates", ExchangeRate, "aid/exchange_rates", "csv"),
    ("aid_reference", ReferenceSeries, "aid/reference_series", "csv"),
)
