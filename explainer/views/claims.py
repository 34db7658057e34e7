"""Views of the claims ledger (notebooks 00 and 01)."""

from __future__ import annotations

import ipywidgets as w

from ..model import claims
from .base import View
from .display import esc, sources_html


def verdict_badge(level) -> str:
    """A verdict as text with a symbol, so colour is not the only signal."""
    symbol = {1: "✔", 2: "◐", 3: "⚠", 4: "✘", None: "⚖"}.get(level.value, "•")
    return f'<span class="explainer-verdict verdict-{esc(level.id)}"><b>{symbol} {esc(level.label)}</b></span>'


def claim_html(content, claim) -> str:
    """Everything the ledger records about one claim, as safe HTML."""
    level = claims.verdict(content, claim)
    return (
        f"<h4>{esc(claim.claim_reviewed)}</h4>"
        f"<p><b>The article:</b> &ldquo;{esc(claim.quoted)}&rdquo; ({esc(claim.appearance)})</p>"
        f"<p><b>Verdict:</b> {verdict_badge(level)} &mdash; {esc(level.description)}</p>"
        f"<p><b>What the record shows:</b> {esc(claim.what_the_record_shows)}</p>"
        f"<p><b>Why this verdict:</b> {esc(claim.explanation)}</p>"
        f"<p><b>Confidence:</b> {esc(claim.confidence)}</p>"
        f"<p><b>Sources:</b></p>{sources_html(content.sources_for(claim.sources))}"
    )


class ClaimsExplorer(View):
    """Pick a claim of the article; see its verdict, explanation and sources.

    Attributes
    ----------
    picker : ipywidgets.Dropdown
        Its value is a claim id.
    detail : ipywidgets.HTML
    """

    def __init__(self, content):
        self.content = content
        self.picker = w.Dropdown(
            options=[(c.claim_reviewed, c.id) for c in content.claims],
            description="Claim:",
            layout=w.Layout(width="95%"),
            style={"description_width": "initial"},
        )
        self.detail = w.HTML()
        self.picker.observe(lambda change: self.show(change["new"]), names="value")
        super().__init__([self.picker, self.detail])
        self.show(self.picker.value)

    def show(self, claim_id: str) -> None:
        """Show the claim ``claim_id``."""
        with self.reporting("show this claim"):
            self.detail.value = claim_html(self.content, self.content.get("claims", claim_id))
