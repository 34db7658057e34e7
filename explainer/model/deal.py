"""What is in the ground and what the deal's texts said (notebook 03).

Minerals are recorded as estimates with who made each one and what it
measures ("resources" and "reserves" are different things), never as one
number. Each version of the agreement is matched against the same list of
terms; where a version says nothing about a term, its record says so
explicitly (``stated: false``) rather than leaving a gap. The rules at the
end (every version has every term exactly once, silent terms say so,
estimates' bounds in order) run with every other rule in ``validate()``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from .fields import Collection, Confidence, Finding, amount, items, ref, refs, span_text, text
from .sources import credits

Measure = Literal[
    "resources",
    "reserves",
    "production",
    "deposits",
    "list membership",
    "development cost",
    "not stated",
]

# ----------------------------------------------------------------------------
# Words and minerals


@dataclass(frozen=True)
class Definition:
    """A term readers confuse ("rare earths", "critical minerals"), explained."""

    id: str
    term: str
    meaning: str
    in_this_story: str
    sources: tuple[str, ...] = refs("sources")


@dataclass(frozen=True)
class MineralEstimate:
    """One figure for one mineral, with who gives it and what it measures.

    ``figure`` is the estimate as its source states it ("about 500,000 t");
    ``value`` and ``unit`` hold the number where there is one, for charts.
    """

    who: str
    figure: str = text(max_chars=120)
    measure: Measure
    scope: str
    sources: tuple[str, ...] = refs("sources")
    confidence: Confidence
    value: float | None = None
    unit: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Mineral:
    """A mineral (or group) that the deal is about, and what is known of it."""

    id: str
    name: str
    kind: Literal["rare earth elements", "other critical mineral", "all critical raw materials"]
    summary: str
    mining_status: str
    estimates: tuple[MineralEstimate, ...] = items(1)


@dataclass(frozen=True)
class OccupationEstimate:
    """An estimate of how much of Ukraine's mineral wealth lies under Russian occupation.

    Shares are percent. ``low`` is empty for an upper bound ("less than 20%");
    ``low == high`` for a single figure. Estimates of a value in US dollars
    rather than a share leave ``low`` and ``high`` empty and fill
    ``value_usd_bn``.
    """

    id: str
    who: str
    who_kind: Literal["research firm", "government", "news agency analysis"]
    date: dt.date
    scope: str
    figure: str = text(max_chars=80)
    sources: tuple[str, ...] = refs("sources")
    confidence: Confidence
    low: float | None = amount(default=None, max_value=100)
    high: float | None = amount(default=None, max_value=100)
    value_usd_bn: float | None = amount(default=None)
    date_note: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class MineOutput:
    """Rare-earth mine output of one country (or the world) in one year, tonnes."""

    id: str
    country: str
    year: int
    tonnes: float = amount()
    approximate: bool
    sources: tuple[str, ...] = refs("sources")
    note: str | None = None


@dataclass(frozen=True)
class ChinaShare:
    """China's share of one stage of the rare-earth supply chain, percent."""

    id: str
    stage: Literal["mining", "refining", "separation", "magnet manufacturing"]
    percent: float = amount(max_value=100)
    year: int
    projected: bool
    who: str
    sources: tuple[str, ...] = refs("sources")
    note: str | None = None


# ----------------------------------------------------------------------------
# The deal


@dataclass(frozen=True)
class DealVersion:
    """One version of the agreement, from the first US drafts to the signed text."""

    id: str
    order: int
    name: str = text(max_chars=40)
    date: dt.date
    status: Literal["draft", "agreed text", "signed"]
    summary: str
    sources: tuple[str, ...] = refs("sources")
    end_date: dt.date | None = None
    alternative_dates: tuple[dt.date, ...] = items(0)
    date_note: str | None = None


@dataclass(frozen=True)
class DealTermKind:
    """A question every version of the deal is compared on."""

    id: str
    order: int
    label: str = text(max_chars=40)
    question: str


@dataclass(frozen=True)
class DealTerm:
    """What one version says about one term.

    ``stated: false`` records that the version (as reported) is silent on the
    term; ``text`` then says so in words beginning "Not stated".
    ``short`` is the position in a few words for the grid of changes
    ("$500bn", "50/50"); it is "not stated" exactly when ``stated`` is false.
    ``substance`` names the position itself, in words of our own; two records
    with the same substance take the same position, however differently they
    are worded ("none; US backs Ukraine's bid" and "no explicit guarantee" are
    both "no US guarantee"). Without it, the short label stands for the
    substance. Two versions differ on a term when their substance differs
    (see :func:`changed`).
    ``words`` holds a short exact quotation of the text where one is on record.
    """

    id: str
    version: str = ref("deal_versions")
    term: str = ref("deal_term_kinds")
    stated: bool
    text: str
    short: str = text(max_chars=28)
    sources: tuple[str, ...] = refs("sources")
    confidence: Confidence
    words: str | None = text(max_chars=300, default=None)
    note: str | None = None
    substance: str | None = text(max_chars=40, default=None)


COLLECTIONS = (
    Collection(name="definitions", record=Definition, path="minerals_definitions"),
    Collection(name="minerals", record=Mineral, path="minerals"),
    Collection(name="occupation_estimates", record=OccupationEstimate, path="minerals_occupation"),
    Collection(name="rare_earth_output", record=MineOutput, path="minerals_output"),
    Collection(name="china_shares", record=ChinaShare, path="minerals_china"),
    Collection(name="deal_versions", record=DealVersion, path="deal_versions"),
    Collection(name="deal_term_kinds", record=DealTermKind, path="deal_term_kinds"),
    Collection(name="deal_terms", record=DealTerm, path="deal_terms"),
)

NOT_STATED = "Not stated"
NOT_STATED_SHORT = "not stated"


# ----------------------------------------------------------------------------
# Helpers used by charts, widgets, notebooks and tests


def versions(content) -> tuple[DealVersion, ...]:
    """Deal versions in their order (earliest first)."""
    return tuple(sorted(content.deal_versions, key=lambda v: v.order))


def term_kinds(content) -> tuple[DealTermKind, ...]:
    """Deal terms in their display order."""
    return tuple(sorted(content.deal_term_kinds, key=lambda t: t.order))


def terms_of(content, version_id: str) -> dict[str, DealTerm]:
    """``{term id: DealTerm}`` for one version."""
    return {t.term: t for t in content.deal_terms if t.version == version_id}


def term(content, version_id: str, term_id: str) -> DealTerm:
    """What version ``version_id`` says about ``term_id``.

    Raises
    ------
    KeyError
        If there is no record for that pair.
    """
    found = terms_of(content, version_id).get(term_id)
    if found is None:
        raise KeyError(f"no deal term {term_id!r} for version {version_id!r}")
    return found


def short_label(t: DealTerm | None) -> str:
    """The short label of a term record; "not stated" for a silent or missing record."""
    if t is None or not t.stated:
        return NOT_STATED_SHORT
    return t.short


def substance(t: DealTerm | None) -> str:
    """The position a term record takes: its ``substance``, else its short label; "not stated" if silent."""
    if t is None or not t.stated:
        return NOT_STATED_SHORT
    return t.substance or t.short


def changed(before: DealTerm | None, after: DealTerm | None) -> bool:
    """Whether a term's position differs in substance between two records.

    The one rule for "changed", used by the grid chart and the comparison
    widget alike: the two records' :func:`substance` differs. A change of
    wording alone (a different short label or text for the same substance)
    is not a change; :func:`reworded` tells it apart. A silent (or missing)
    record counts as "not stated", so two silent versions are the same.
    """
    return substance(before) != substance(after)


def reworded(before: DealTerm | None, after: DealTerm | None) -> bool:
    """Whether two records take the same position in different words (their short labels differ)."""
    return not changed(before, after) and short_label(before) != short_label(after)


def compare(content, left: str, right: str):
    """Two versions side by side, one row per term.

    Returns
    -------
    pandas.DataFrame
        Columns ``term_id``, ``term``, ``left``, ``right`` (each version's
        text), ``left_short``, ``right_short`` (their short labels),
        ``changed`` (bool, from :func:`changed`: the substance differs) and
        ``reworded`` (bool, from :func:`reworded`: same substance, other words).
    """
    import pandas as pd

    a, b = terms_of(content, left), terms_of(content, right)
    rows = []
    for kind in term_kinds(content):
        ta, tb = a.get(kind.id), b.get(kind.id)
        rows.append(
            {
                "term_id": kind.id,
                "term": kind.label,
                "left": ta.text if ta else NOT_STATED,
                "right": tb.text if tb else NOT_STATED,
                "left_short": short_label(ta),
                "right_short": short_label(tb),
                "changed": changed(ta, tb),
                "reworded": reworded(ta, tb),
            }
        )
    return pd.DataFrame(rows)


#: The two versions notebook 03 sets side by side unless told otherwise: the text agreed in
#: late February (to be signed in Washington) and the agreement signed in April. The
#: student's prediction and the grid of changes both compare these two.
KEY_VERSIONS = ("february-text", "signed")


def change_summary(content, left: str, right: str) -> str:
    """The one count of what changed between two versions, in words, naming the two versions.

    Counted from :func:`compare` (so by the one rule of :func:`changed`): the
    terms whose substance differs, those that take the same position in other
    words (:func:`reworded`), those left word for word as they were, and those
    neither version states. The grid of changes states it as its title and the
    prediction with its record, so the two never give different counts.

    Returns
    -------
    str
        'Between “Text agreed in late February” and “Agreement signed on 30
        April”, 5 of 7 terms changed in substance; 2 were only reworded', say.
    """
    frame = compare(content, left, right)
    n, moved, reworded_ = len(frame), int(frame.changed.sum()), int(frame.reworded.sum())
    silent = int(((frame.left_short == NOT_STATED_SHORT) & (frame.right_short == NOT_STATED_SHORT)).sum())
    kept = n - moved - reworded_ - silent
    names = {v.id: v.name for v in versions(content)}
    text = f"Between \u201c{names[left]}\u201d and \u201c{names[right]}\u201d, "
    text += f"{moved} of {n} terms changed in substance"
    if reworded_:
        text += f"; {reworded_} {'was' if reworded_ == 1 else 'were'} only reworded"
    if kept:
        text += f"; {kept} {'was' if kept == 1 else 'were'} left as {'it was' if kept == 1 else 'they were'}"
    if silent:
        text += f"; {silent} {'is' if silent == 1 else 'are'} not stated in either"
    return text


def change_grid(content):
    """Every version's position on every term, marked against the last version that stated it.

    Each stated position is compared, by :func:`changed` (the rule the
    comparison widget uses), with the position of the latest earlier version
    that stated the term at all: a version that is silent on a term neither
    keeps nor changes it, so the next version that speaks is compared with
    the last one that did.

    Returns
    -------
    pandas.DataFrame
        One row per version and term, versions in order: ``version``,
        ``term``, ``short`` (the label), ``previous`` (the label it is compared
        with, empty if none), ``compared_with`` (that version's id, empty if
        none), ``reworded`` (bool) and ``state``: "first stated" (no earlier
        version stated the term), "changed" or "same" (in substance), or
        "not stated".
    """
    import pandas as pd

    vs = versions(content)
    by_version = {v.id: terms_of(content, v.id) for v in vs}
    rows = []
    for x, v in enumerate(vs):
        for k in term_kinds(content):
            t = by_version[v.id].get(k.id)
            earlier = next(
                (u for u in reversed(vs[:x]) if (p := by_version[u.id].get(k.id)) is not None and p.stated), None
            )
            before = by_version[earlier.id].get(k.id) if earlier else None
            if t is None or not t.stated:
                state = "not stated"
            elif before is None:
                state = "first stated"
            else:
                state = "changed" if changed(before, t) else "same"
            rows.append(
                {
                    "version": v.id,
                    "term": k.id,
                    "short": short_label(t),
                    "previous": short_label(before) if before is not None else "",
                    "compared_with": earlier.id if earlier else "",
                    "reworded": state == "same" and reworded(before, t),
                    "state": state,
                }
            )
    return pd.DataFrame(rows)


def china_mining_share(content, year: int = 2024) -> float:
    """China's share of world rare-earth mine output in ``year``, percent.

    Computed from the output records (China's tonnes over the world total),
    not typed in.
    """
    rows = {o.country: o.tonnes for o in content.rare_earth_output if o.year == year}
    return 100.0 * rows["China"] / rows["World"]


def occupation_range(content) -> tuple[float, float]:
    """The lowest upper bound and the highest figure among the share estimates.

    Returns ``(lowest, highest)`` in percent: the smallest ``high`` of any
    estimate and the largest ``high``. With an estimate of "less than 20%" and
    one of "about half" this is ``(20.0, 50.0)``.
    """
    highs = [e.high for e in content.occupation_estimates if e.high is not None]
    return min(highs), max(highs)


# ----------------------------------------------------------------------------
# Rules


def every_version_has_every_term(content):
    """Every version of the deal has exactly one record for every term."""
    kinds = [k.id for k in term_kinds(content)]
    for version in versions(content):
        recs = [t for t in content.deal_terms if t.version == version.id]
        for kind in kinds:
            n = sum(t.term == kind for t in recs)
            if n == 0:
                yield Finding("deal_versions", version.id, None, f"has no record in deal_terms for term {kind!r}")
            elif n > 1:
                for t in [t for t in recs if t.term == kind][1:]:
                    yield Finding(
                        "deal_terms", t.id, "term", f"version {version.id!r} has {n} records for term {kind!r}"
                    )


def silent_terms_say_so(content):
    """A term a version is silent on says "Not stated" in its text and "not stated" as its short label (only then)."""
    for t in content.deal_terms:
        if not t.stated and not t.text.startswith(NOT_STATED):
            yield Finding("deal_terms", t.id, "text", f"the term is not stated, so the text must begin {NOT_STATED!r}")
        if t.stated and t.text.startswith(NOT_STATED):
            yield Finding("deal_terms", t.id, "text", f"begins {NOT_STATED!r} but the term is marked stated")
        if not t.stated and t.short != NOT_STATED_SHORT:
            yield Finding(
                "deal_terms", t.id, "short", f"the term is not stated, so the label must be {NOT_STATED_SHORT!r}"
            )
        if t.stated and t.short == NOT_STATED_SHORT:
            yield Finding("deal_terms", t.id, "short", f"is {NOT_STATED_SHORT!r} but the term is marked stated")


def estimate_bounds_in_order(content):
    """An occupation estimate gives a share or a value, and its low bound is not above its high one."""
    for e in content.occupation_estimates:
        if e.high is None and e.value_usd_bn is None:
            yield Finding(
                "occupation_estimates", e.id, "high", "gives neither a share (high) nor a value (value_usd_bn)"
            )
        if e.low is not None and e.high is not None and e.low > e.high:
            yield Finding("occupation_estimates", e.id, "low", f"{e.low:g} is above high ({e.high:g})")


RULES = (every_version_has_every_term, silent_terms_say_so, estimate_bounds_in_order)


def estimates_frame(content):
    """Every mineral estimate, one row each: mineral, who, figure, what it measures, confidence."""
    import pandas as pd

    rows = []
    for m in content.minerals:
        for e in m.estimates:
            rows.append(
                {
                    "mineral": m.name,
                    "who says so": e.who,
                    "figure": e.figure,
                    "measures": e.measure,
                    "of what": e.scope,
                    "confidence": e.confidence,
                    "source": credits(content, e.sources),
                }
            )
    return pd.DataFrame(rows)


def versions_frame(content):
    """The deal's versions in order, with their dates as given and how sure the dating is."""
    import pandas as pd

    rows = []
    for v in versions(content):
        rows.append(
            {
                "version": v.name,
                "status": v.status,
                "date": span_text(v.date, v.end_date),
                "on the date": v.date_note or "",
            }
        )
    return pd.DataFrame(rows)


def prediction_rows(content, left: str, right: str, predicted_changed) -> list[dict]:
    """A student's prediction of which terms changed between two versions, marked against the record.

    Parameters
    ----------
    content : Content
    left, right : str
        The two deal-version ids, earlier first.
    predicted_changed : iterable of str
        The term ids the student expects to have changed in substance.

    Returns
    -------
    list of dict
        One per term, in display order: ``term_id``, ``term`` (its label),
        ``predicted`` and ``changed`` (bools; ``changed`` by the one rule of
        :func:`changed`), ``right`` (whether the two agree), and ``before``
        and ``after`` (the short labels).
    """
    predicted = set(predicted_changed)
    rows = []
    for row in compare(content, left, right).itertuples():
        guess = row.term_id in predicted
        rows.append(
            {
                "term_id": row.term_id,
                "term": row.term,
                "predicted": guess,
                "changed": bool(row.changed),
                "right": guess == bool(row.changed),
                "before": row.left_short,
                "after": row.right_short,
            }
        )
    return rows


def security_words(content, region: str = "United States") -> tuple:
    """What officials of ``region`` said about security while the deal was negotiated, earliest first.

    The quotes on record whose speaker's ``region`` is ``region`` and whose
    words mention security: how the deal was described, as against what its
    texts say (:func:`term` of ``security-guarantees``).

    Returns
    -------
    tuple of Quote
    """
    return tuple(
        sorted(
            (
                q
                for q in content.quotes
                if content.get("actors", q.speaker).region == region and "security" in q.words.lower()
            ),
            key=lambda q: q.date,
        )
    )
