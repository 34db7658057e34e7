"""The article and its claims ledger: what the article says and how each claim holds up."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import get_args

from .fields import Collection, Confidence, Finding, day_text, items, ref, refs, text
from .sources import credits


@dataclass(frozen=True)
class RatingLevel:
    """One step of the verdict scale used by the claims ledger.

    ``value`` orders the scale (1 is the best rating). A level without a
    value stands outside the scale: an opinion is weighed, not rated, and
    claims given that level are not counted among the checkable claims.
    """

    id: str
    label: str
    description: str
    value: int | None = field(default=None, metadata={"min_value": 1})

    @property
    def rated(self) -> bool:
        """Whether the level is a verdict on the scale (not an opinion weighed)."""
        return self.value is not None


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
    """The news article the explainer is built around.

    ``date`` is the day the ledger takes as the article's (the text carries
    none; ``date_note`` says why this one): its verdicts as of that day rest
    only on evidence published by then (:mod:`explainer.model.asof`).
    """

    id: str
    headline: str
    outlet: str
    date: dt.date
    date_note: str
    key_points: tuple[KeyPoint, ...] = items(3)
    closing_line: str = text(max_chars=80)
    summary: str


@dataclass(frozen=True)
class Hindsight:
    """What later events showed about one claim, kept apart from its verdict.

    The verdict in the claims ledger judges what was knowable when the
    article was written; a hindsight record says what happened afterwards,
    ``as_of`` a given day, and rests on its own ``sources`` and ``events``.
    It never changes the verdict.

    ``events`` is the evidence the record's conclusion needs: the record can
    be no firmer than the weakest of them (a rule checks its ``confidence``).
    ``context_events`` are events it mentions without resting on them, each
    named with its own confidence where the record is shown.
    """

    id: str
    claim: str = ref("claims")
    what_later_events_showed: str
    as_of: dt.date
    sources: tuple[str, ...] = refs("sources")
    confidence: Confidence
    events: tuple[str, ...] = refs("events", min_items=0)
    context_events: tuple[str, ...] = refs("events", min_items=0)


@dataclass(frozen=True)
class Correction:
    """A checkable statement by one of the speakers, set against the record.

    Corrections apply to every side alike: a figure or fact in anyone's words
    that the record contradicts gets one. ``statement`` says in our words what
    the speaker asserted, and ``quotes`` lists the quoted words it corrects
    where the content holds them. ``note`` is the short correction a reader
    meets beside those words (each quote's ``context`` carries it, which
    :func:`corrections_shown_with_their_quotes` checks); the fuller
    ``what_the_record_shows`` rests on ``sources``.
    """

    id: str
    speaker: str = ref("actors")
    date: dt.date
    statement: str = text(max_chars=200)
    note: str = text(max_chars=160)
    what_the_record_shows: str
    sources: tuple[str, ...] = refs("sources")
    confidence: Confidence
    quotes: tuple[str, ...] = refs("quotes", min_items=0)


COLLECTIONS = (
    Collection(name="rating_scale", record=RatingLevel, path="rating_scale"),
    Collection(name="claims", record=Claim, path="claims"),
    Collection(name="article", record=Article, path="article", single=True),
    Collection(name="claims_hindsight", record=Hindsight, path="claims_hindsight"),
    Collection(name="corrections", record=Correction, path="corrections"),
)


def scale_values_distinct(content):
    """No two rated levels of the verdict scale share a value."""
    seen = {}
    for level in content.rating_scale:
        if level.value is not None and level.value in seen:
            yield Finding(
                "rating_scale", level.id, "value", f"{level.value} is also the value of {seen[level.value]!r}"
            )
        seen.setdefault(level.value, level.id)


def one_hindsight_per_claim(content):
    """A claim has at most one hindsight record, so the ledger shows one answer per claim."""
    seen: dict[str, str] = {}
    for h in content.claims_hindsight:
        if h.claim in seen:
            yield Finding(
                "claims_hindsight", h.id, "claim", f"{h.claim!r} already has a hindsight record ({seen[h.claim]})"
            )
        else:
            seen[h.claim] = h.id


def hindsight_not_before_its_evidence(content):
    """A hindsight record is dated on or after every source and event it cites."""
    for h in content.claims_hindsight:
        dated = [(s.date, f"source {s.id}") for s in content.sources_for(h.sources)]
        dated += [(content.get("events", e).date, f"event {e}") for e in h.events + h.context_events]
        late = [(d, what) for d, what in dated if d > h.as_of]
        if late:
            d, what = max(late)
            yield Finding("claims_hindsight", h.id, "as_of", f"{h.as_of} is before its {what} ({d})")


def corrections_shown_with_their_quotes(content):
    """A correction's quotes are the speaker's, and each quote's context carries the correction's note.

    The note is what a reader meets beside the words wherever quotes are shown,
    so a correction kept only in the ledger would never reach them.
    """
    for c in content.corrections:
        for quote_id in c.quotes:
            quote = content.get("quotes", quote_id)
            if quote.speaker != c.speaker:
                yield Finding("corrections", c.id, "quotes", f"{quote_id!r} is {quote.speaker}'s, not {c.speaker}'s")
            elif " ".join(c.note.split()) not in " ".join(quote.context.split()):
                yield Finding("corrections", c.id, "note", f"quote {quote_id!r} lacks this note in its context")


def confidence_rank(confidence: str) -> int:
    """How firm a confidence level is: 0 for ``confirmed``, larger for weaker levels (``unverified`` last)."""
    return get_args(Confidence).index(confidence)


def hindsight_no_firmer_than_its_evidence(content):
    """A hindsight record's confidence is no firmer than the weakest event its conclusion needs.

    A conclusion drawn from reported events is itself only reported, however
    firm its other evidence; events it only mentions go in ``context_events``.
    """
    for h in content.claims_hindsight:
        needed = [content.get("events", e) for e in h.events]
        if not needed:
            continue
        weakest = max(needed, key=lambda e: confidence_rank(e.confidence))
        if confidence_rank(h.confidence) < confidence_rank(weakest.confidence):
            yield Finding(
                "claims_hindsight",
                h.id,
                "confidence",
                f"{h.confidence!r} is firmer than its weakest necessary evidence, "
                f"event {weakest.id} ({weakest.confidence!r})",
            )


RULES = (
    scale_values_distinct,
    one_hindsight_per_claim,
    hindsight_not_before_its_evidence,
    corrections_shown_with_their_quotes,
    hindsight_no_firmer_than_its_evidence,
)


# ----------------------------------------------------------------------------
# Queries


def verdict(content, claim):
    """The rating level of ``claim``."""
    return content.get("rating_scale", claim.rating)


def scale(content) -> tuple[RatingLevel, ...]:
    """The verdict scale in order: the rated levels best first, then the levels outside the scale."""
    return tuple(sorted(content.rating_scale, key=lambda level: (not level.rated, level.value or 0)))


def checkable_claims(content) -> tuple[Claim, ...]:
    """The claims that state facts and get a verdict on the scale (opinions left out)."""
    return tuple(c for c in content.claims if verdict(content, c).rated)


def opinions(content) -> tuple[Claim, ...]:
    """The claims the ledger weighs as opinions rather than rating them."""
    return tuple(c for c in content.claims if not verdict(content, c).rated)


def verdict_counts(content) -> list[tuple[object, int]]:
    """``(rating level, number of checkable claims)`` for each rated level of the scale, best first."""
    scale = sorted((level for level in content.rating_scale if level.rated), key=lambda level: level.value)
    return [(level, sum(c.rating == level.id for c in content.claims)) for level in scale]


def ledger_frame(content):
    """One row per claim: the claim, the article's words, verdict, confidence, sources.

    Returns
    -------
    pandas.DataFrame
        Plain text columns, ready for :func:`explainer.views.display.table` or CSV.
    """
    import pandas as pd

    rows = [
        {
            "Claim (paraphrased)": claim.claim_reviewed,
            "The article's words": f"“{claim.quoted}”",
            "Where": claim.appearance,
            "Verdict": verdict(content, claim).label,
            "Confidence": claim.confidence,
            "Sources": credits(content, claim.sources),
        }
        for claim in content.claims
    ]
    return pd.DataFrame(rows)


def key_points_text(content) -> str:
    """The article's three key points, each with the verdicts on its claims, as plain text."""
    lines = []
    for n, point in enumerate(content.article.key_points, start=1):
        lines.append(f"{n}. {point.summary}")
        for claim_id in point.claims:
            claim = content.get("claims", claim_id)
            lines.append(f"   - {claim.claim_reviewed} -> {verdict(content, claim).label}")
    return "\n".join(lines)


def closing_line_claim(content):
    """The claims-ledger entry for the article's closing line, or None.

    It is the claim whose quoted words appear in ``article.closing_line``.
    """

    def norm(words: str) -> str:
        return " ".join(words.strip("“”\"' .").lower().split())

    line = norm(content.article.closing_line)
    for claim in content.claims:
        quoted = norm(claim.quoted)
        if quoted and (quoted in line or line in quoted):
            return claim
    return None


# ----------------------------------------------------------------------------
# Corrections of quoted speakers


def corrections_for_quote(content, quote_id: str) -> tuple[Correction, ...]:
    """The corrections of the quote ``quote_id`` (empty when the record contradicts nothing in it)."""
    return tuple(c for c in content.corrections if quote_id in c.quotes)


def corrections_frame(content):
    """Every correction of a quoted speaker, by date: who, what they said, what the record shows.

    Returns
    -------
    pandas.DataFrame
        One row per correction, with the columns ``Date``, ``Speaker``,
        ``Statement``, ``What the record shows``, ``Confidence`` and ``Sources``.
    """
    import pandas as pd

    rows = [
        {
            "Date": day_text(c.date),
            "Speaker": content.get("actors", c.speaker).name,
            "Statement": c.statement,
            "What the record shows": c.what_the_record_shows,
            "Confidence": c.confidence,
            "Sources": credits(content, c.sources),
        }
        for c in sorted(content.corrections, key=lambda c: (c.date, c.id))
    ]
    return pd.DataFrame(
        rows, columns=["Date", "Speaker", "Statement", "What the record shows", "Confidence", "Sources"]
    )


# ----------------------------------------------------------------------------
# Hindsight


def hindsight_for(content, claim_id: str):
    """The hindsight record of the claim ``claim_id``, or None when later events do not bear on it."""
    return next((h for h in content.claims_hindsight if h.claim == claim_id), None)


def hindsight_frame(content, leave_out: tuple[str, ...] = ()):
    """The claims later events bear on: the claim, its verdict then, what happened since, as of when.

    Parameters
    ----------
    content : Content
    leave_out : tuple of str
        Claim ids whose records are not shown (a notebook holds one back
        until students have given their own answer).

    Returns
    -------
    pandas.DataFrame
        One row per hindsight record, in ledger order, with the columns
        ``Claim (paraphrased)``, ``Verdict (knowable then)``, ``What later
        events showed``, ``As of``, ``Confidence`` and ``Sources``.
    """
    import pandas as pd

    order = {c.id: i for i, c in enumerate(content.claims)}
    rows = [
        {
            "Claim (paraphrased)": content.get("claims", h.claim).claim_reviewed,
            "Verdict (knowable then)": verdict(content, content.get("claims", h.claim)).label,
            "What later events showed": h.what_later_events_showed,
            "As of": day_text(h.as_of),
            "Confidence": h.confidence,
            "Sources": credits(content, h.sources),
        }
        for h in sorted(content.claims_hindsight, key=lambda h: order[h.claim])
        if h.claim not in leave_out
    ]
    return pd.DataFrame(
        rows,
        columns=[
            "Claim (paraphrased)",
            "Verdict (knowable then)",
            "What later events showed",
            "As of",
            "Confidence",
            "Sources",
        ],
    )
