"""The claims ledger as it stood on a day (notebook 01): what a careful reader could know then, beside today's verdict.

Shown only after the claim judge and the ledger's own verdicts, since every
table here carries today's verdict; the static copy is folded the same way.
"""

from __future__ import annotations

import datetime as dt

import ipywidgets as w

from ..markup import esc, table_html
from ..model import asof, claims
from ..model.fields import day_text
from ..model.sources import credits
from .base import View
from .claims import verdict_badge

#: The fold around every static copy: today's verdicts are answers to the claim judge.
FOLD = "<b>Open after you have judged every claim:</b> the ledger as it stood on each recorded day"


def _day_label(content, day: dt.date) -> str:
    label = day_text(day)
    return f"{label} (the article's day)" if day == content.article.date else label


def _then_badge(content, v, none: str = asof.NO_VERDICT_YET) -> str:
    if v.record is None:
        return f"<i>{esc(none)}</i>"
    return verdict_badge(content.get("rating_scale", v.rating))


def _hindsight_cell(content, claim_id: str) -> str:
    h = claims.hindsight_for(content, claim_id)
    if h is None:
        return "<i>None on record</i>"
    return f"<b>As of {esc(day_text(h.as_of))}:</b> {esc(h.what_later_events_showed)}"


def asof_html(content, day: dt.date) -> str:
    """Each claim's verdict as of ``day``, what was known then and its sources, beside today's verdict and hindsight.

    Returns
    -------
    str
        A sentence counting the claims with a verdict then and those that
        differ from today's, then a table, as safe HTML.
    """
    rows, given, differ = [], 0, 0
    for v in asof.verdicts_as_of(content, day):
        today = claims.verdict(content, v.claim)
        given += v.record is not None
        differ += v.record is not None and v.rating != today.id
        sources = esc(credits(content, v.record.sources)) if v.record else ""
        basis = esc(v.record.basis) if v.record else ""
        rows.append(
            [
                esc(v.claim.claim_reviewed),
                _then_badge(content, v),
                f"{basis}<br><small><b>Sources:</b> {sources}</small>" if v.record else "",
                verdict_badge(today),
                _hindsight_cell(content, v.claim.id),
            ]
        )
    head = [
        "Claim (paraphrased)",
        f"Verdict as of {esc(day_text(day))}",
        "What was known by then",
        "Verdict today",
        "What later events showed",
    ]
    n = len(content.claims)
    summary = (
        f"<p><b>As of {esc(_day_label(content, day))}:</b> {given} of the {n} claims had a verdict from the "
        f"evidence published by then; {differ} of those {'differs' if differ == 1 else 'differ'} from today's.</p>"
    )
    return summary + table_html(head, rows, row_headers=True)


def verdicts_over_time_html(content) -> str:
    """Every claim's verdict on each recorded day and today's, and the day its hindsight record holds as of.

    The static copy of :class:`LedgerAsOf`, for readers without a kernel:
    the verdicts only, kept short (the evidence and the hindsight records
    themselves are in the live view, and in notebook 07).
    """
    days = asof.asof_days(content)
    by_day = {day: asof.verdicts_as_of(content, day) for day in days}

    def hindsight_day(claim_id: str) -> str:
        h = claims.hindsight_for(content, claim_id)
        return f"As of {esc(day_text(h.as_of))}" if h else "<i>None</i>"

    rows = [
        [
            esc(claim.claim_reviewed),
            *(_then_badge(content, by_day[day][i], none="No verdict yet") for day in days),
            verdict_badge(claims.verdict(content, claim)),
            hindsight_day(claim.id),
        ]
        for i, claim in enumerate(content.claims)
    ]
    head = [
        "Claim (paraphrased)",
        *(f"As of {esc(_day_label(content, d))}" for d in days),
        "Today",
        "Hindsight record",
    ]
    caption = (
        "Each claim's verdict from the evidence published by then (no verdict yet: none recorded by that day), "
        "beside today's"
    )
    return table_html(head, rows, row_headers=True, caption=caption)


class LedgerAsOf(View):
    """Pick a recorded day; see each claim's verdict as of then beside today's and the hindsight records.

    Attributes
    ----------
    day : ipywidgets.SelectionSlider
        Its value is a recorded day (a ``datetime.date``); it starts on the article's day.
    table : ipywidgets.HTML
    """

    def __init__(self, content):
        self.content = content
        days = asof.asof_days(content)
        start = max((d for d in days if d <= content.article.date), default=days[0])
        self.day = w.SelectionSlider(
            options=[(_day_label(content, d), d) for d in days],
            value=start,
            description="As of:",
            continuous_update=False,
            style={"description_width": "initial"},
            layout=w.Layout(width="95%"),
        )
        self.table = w.HTML()
        self.day.observe(lambda change: self.show(change["new"]), names="value")
        # The slider sits in its own row, as every view's controls do, so that the row and not the whole
        # view is the control's widget (what a keyboard user, and the browser test, operate).
        super().__init__([w.HBox([self.day], layout=w.Layout(width="100%")), self.table])
        self.show(self.day.value)

    def show(self, day: dt.date) -> None:
        """Show the ledger as of ``day``."""
        with self.reporting("show the ledger as of this day"):
            self.table.value = asof_html(self.content, day)

    def snapshot_html(self) -> str:
        """Every recorded day at once, folded until opened, for readers without a kernel."""
        # Not the answer to a question: the printed handout (commands/handout.py) prints it open in place.
        return (
            f'<details class="explainer-in-place"><summary>{FOLD}</summary>'
            f"{verdicts_over_time_html(self.content)}</details>"
        )
