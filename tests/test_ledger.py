"""The claims ledger covers the article's checkable claims, each sourced."""

from __future__ import annotations

# The seven errors and weak points listed in section 0 of the research fact sheet.
FACT_SHEET_ITEMS = {
    "former-president": "inaccurate",  # E1: Trump was the sitting president
    "us-provided-98bn": None,  # E2: the figure is Zelensky's own count
    "zelensky-called-demand-unrealistic": None,  # E3: a paraphrase
    "deal-framed-as-security-guarantee": None,  # E4
    "press-conference-cancelled": None,  # E5: two were cancelled
    "zelensky-proposed-alternatives": None,  # E6
    "rare-earth-deal": None,  # E7: 57 minerals plus oil and gas
}


def test_ledger_covers_fact_sheet_items(content):
    ids = {c.id for c in content.claims}
    missing = set(FACT_SHEET_ITEMS) - ids
    assert not missing, f"claims ledger lacks {sorted(missing)}"
    assert content.get("claims", "former-president").rating == "inaccurate"


def test_98bn_is_traced_to_zelensky(content):
    claim = content.get("claims", "us-provided-98bn")
    assert claim.rating != "accurate"
    assert "98.5" in claim.what_the_record_shows
    assert "Zelensky" in claim.what_the_record_shows
    publishers = {s.publisher for s in content.sources_for(claim.sources)}
    assert "Reuters" in publishers


def test_every_key_point_links_to_claims(content):
    assert len(content.article.key_points) == 3
    for point in content.article.key_points:
        assert point.claims


def test_claims_are_short_and_verdict_free(content):
    labels = {lvl.label.lower() for lvl in content.rating_scale}
    for claim in content.claims:
        assert len(claim.claim_reviewed) <= 75
        assert not any(label in claim.claim_reviewed.lower() for label in labels), claim.id


def test_rating_scale_is_documented(content):
    values = sorted(level.value for level in content.rating_scale if level.rated)
    assert values == list(range(1, len(values) + 1))
    assert [level.id for level in content.rating_scale if not level.rated] == ["opinion"]
