"""The claims ledger as tables: what the article says and how it holds up."""

from __future__ import annotations


def ledger_frame(content):
    """One row per claim: the claim, the article's words, verdict, confidence, sources.

    Returns
    -------
    pandas.DataFrame
        Plain text columns, ready for :func:`explainer.display.table` or CSV.
    """
    import pandas as pd

    rows = []
    for claim in content.claims:
        level = content.get("rating_scale", claim.rating)
        producers = "; ".join(
            dict.fromkeys(f"{s.publisher} ({s.date_text})" for s in content.sources_for(claim.sources))
        )
        rows.append(
            {
                "Claim (paraphrased)": claim.claim_reviewed,
                "The article's words": f"“{claim.quoted}”",
                "Where": claim.appearance,
                "Verdict": level.label,
                "Confidence": claim.confidence,
                "Sources": producers,
            }
        )
    return pd.DataFrame(rows)


def key_points_text(content) -> str:
    """The article's three key points, each with the verdicts on its claims, as plain text."""
    lines = []
    for n, point in enumerate(content.article.key_points, start=1):
        lines.append(f"{n}. {point.summary}")
        for claim_id in point.claims:
            claim = content.get("claims", claim_id)
            label = content.get("rating_scale", claim.rating).label
            lines.append(f"   - {claim.claim_reviewed} -> {label}")
    return "\n".join(lines)
