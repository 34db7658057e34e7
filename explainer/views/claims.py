"""Views of the claims ledger (notebooks 00 and 01): look a claim up, or judge it first and then check."""

from __future__ import annotations

import ipywidgets as w

from ..charts import verdict_counts
from ..classroom import studentwork
from ..markup import esc, sources_html, table_html
from ..model import claims
from ..model.fields import day_text
from .base import View
from .display import chart_html


def verdict_badge(level) -> str:
    """A verdict as text with a symbol, so colour is not the only signal."""
    symbol = {1: "✔", 2: "◐", 3: "⚠", 4: "✘", None: "⚖"}.get(level.value, "•")
    return f'<span class="explainer-verdict verdict-{esc(level.id)}"><b>{symbol} {esc(level.label)}</b></span>'


def claim_html(content, claim, where: str = "The article") -> str:
    """Everything the ledger records about one claim, as safe HTML (``where``: what the claim appeared in)."""
    level = claims.verdict(content, claim)
    return (
        f"<h4>{esc(claim.claim_reviewed)}</h4>"
        f"<p><b>{esc(where)}:</b> &ldquo;{esc(claim.quoted)}&rdquo; ({esc(claim.appearance)})</p>"
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


# ----------------------------------------------------------------------------
# Judge first, then check


def article_words_html(claim) -> str:
    """The article's own words for a claim, quoted and attributed, with no verdict."""
    return (
        f"<blockquote><p>&ldquo;{esc(claim.quoted)}&rdquo;</p>"
        f"<footer>&mdash; {esc(claim.claimant)}, {esc(claim.appearance)}</footer></blockquote>"
    )


def call_comparison_html(content, calls: dict, claim_ids=None, collection: str = "claims") -> str:
    """How a student's calls compare with the ledger's verdicts, as an HTML summary and table.

    Parameters
    ----------
    content : Content
    calls : dict
        ``{claim_id: {"verdict": level id, "reason": str}}``, as
        :func:`explainer.classroom.studentwork.load_calls` returns.
    claim_ids : sequence of str, optional
        The claims to compare (default: every claim).
    collection : str
        Where the claims are recorded: the article's ledger, or ``transfer_claims``.
    """
    ids = list(claim_ids) if claim_ids is not None else [c.id for c in content.claims]
    levels = {level.id: level for level in content.rating_scale}
    rows, same, near = [], 0, 0
    for claim_id in ids:
        call = calls.get(claim_id)
        if not call or call.get("verdict") not in levels:
            continue
        claim = content.get(collection, claim_id)
        mine, ledger = levels[call["verdict"]], claims.verdict(content, claim)
        if mine.id == ledger.id:
            gap = 0
        elif mine.rated and ledger.rated:
            gap = abs(mine.value - ledger.value)
        else:
            gap = None  # an opinion is not on the scale: no distance to count
        same += gap == 0
        near += gap == 1
        if gap is None:
            agreement = "one is an opinion, the other a verdict"
        else:
            agreement = "same" if gap == 0 else f"{gap} step{'s' if gap > 1 else ''} apart"
        rows.append((esc(claim.claim_reviewed), esc(mine.label), verdict_badge(ledger), agreement))
    if not rows:
        return "<p><i>No calls yet: your calls and the ledger's verdicts will be compared here.</i></p>"
    n = len(rows)
    return (
        f"<p><b>Your calls against the ledger:</b> {n} of {len(ids)} claims judged; "
        f"{same} the same verdict, {near} one step apart, {n - same - near} further apart.</p>"
    ) + table_html(("Claim (paraphrased)", "Your call", "The ledger", "Agreement"), rows)


class ClaimJudge(View):
    """The article claim by claim: the student gives a verdict and a reason, then sees the ledger's.

    A claim shows only the article's own words until the student saves a
    call; then the ledger's verdict, evidence and sources appear beside it.
    Calls are saved in ``my_work/claim-calls.json`` (the first call on a claim
    counts; later ones are added, never written over it).

    Parameters
    ----------
    content : Content
    claim_ids : sequence of str, optional
        The claims to judge, in order (default: every claim of the ledger).
    collection : str
        Where the claims are recorded (default: the article's ledger; ``transfer_claims``
        for a text checked alone).
    prefix : str
        Put before each claim id in the saved calls, so that calls on another
        text's claims never collide with the article's.
    file : str
        The history file the calls are saved in (default ``claim-calls.json``).
    where : str
        What the claims appeared in, as the ledger's entry names it.

    Attributes
    ----------
    verdict : ipywidgets.RadioButtons
        Its value is a rating-scale id.
    reason : ipywidgets.Text
    save_button : ipywidgets.Button
    revealed : ipywidgets.HTML
        Empty until the shown claim has been judged.
    summary : ipywidgets.HTML
        How the calls so far compare with the ledger's.
    """

    def __init__(
        self,
        content,
        claim_ids=None,
        collection: str = "claims",
        prefix: str = "",
        file: str = studentwork.CALLS_FILE,
        where: str = "The article",
    ):
        self.content = content
        self.collection, self.prefix, self.file, self.where = collection, prefix, file, where
        self.claim_ids = list(claim_ids) if claim_ids is not None else [c.id for c in content.claims]
        self.calls = {
            name[len(prefix) :]: call for name, call in studentwork.load_calls(file).items() if name.startswith(prefix)
        }
        self.index = 0
        self.position = w.HTML()
        self.words = w.HTML()
        self.verdict = w.RadioButtons(
            options=[(level.label, level.id) for level in claims.scale(content)],
            value=None,
            description="Your verdict:",
            style={"description_width": "initial"},
        )
        self.reason = w.Text(
            placeholder="One line: why?",
            description="Your reason:",
            layout=w.Layout(width="95%"),
            style={"description_width": "initial"},
        )
        self.save_button = w.Button(
            description="Save my call", button_style="primary", tooltip="Save your verdict, then see the ledger's"
        )
        self.previous_button = w.Button(description="◀ Previous claim", tooltip="Go to the previous claim")
        self.next_button = w.Button(description="Next claim ▶", tooltip="Go to the next claim")
        self.message = w.HTML()
        self.revealed = w.HTML()
        self.summary = w.HTML()
        self.save_button.on_click(lambda _b: self.save())
        self.previous_button.on_click(lambda _b: self.go(self.index - 1))
        self.next_button.on_click(lambda _b: self.go(self.index + 1))
        super().__init__(
            [
                self.position,
                self.words,
                self.verdict,
                self.reason,
                w.HBox([self.save_button, self.previous_button, self.next_button]),
                self.message,
                self.revealed,
                self.summary,
            ],
            layout=w.Layout(border="1px solid #bbb", padding="6px"),
        )
        self.go(0)

    @property
    def claim(self):
        """The claim on show."""
        return self.content.get(self.collection, self.claim_ids[self.index])

    def go(self, index: int) -> None:
        """Show the claim at ``index`` (clamped to the list)."""
        with self.reporting("show this claim"):
            self.index = max(0, min(index, len(self.claim_ids) - 1))
            claim = self.claim
            n = len(self.claim_ids)
            self.position.value = f"<p><b>Claim {self.index + 1} of {n}.</b> What is your verdict?</p>"
            self.words.value = article_words_html(claim)
            call = self.calls.get(claim.id)
            self.verdict.value = call["verdict"] if call and call["verdict"] in self._level_ids() else None
            self.reason.value = call.get("reason", "") if call else ""
            self.message.value = ""
            self.previous_button.disabled = self.index == 0
            self.next_button.disabled = self.index >= n - 1
            self._show_result()

    def _level_ids(self) -> set:
        return {level.id for level in self.content.rating_scale}

    def answer(self, verdict: str, reason: str) -> None:
        """Choose a verdict and write a reason, as a student would."""
        self.verdict.value = verdict
        self.reason.value = reason

    def save(self) -> bool:
        """Save the call on the claim on show and reveal the ledger's; returns whether it was saved."""
        saved = False
        with self.reporting("save your call"):
            if self.verdict.value is None:
                self.message.value = "<p><b>Choose a verdict first.</b></p>"
                return False
            if not self.reason.value.strip():
                self.message.value = "<p><b>Write a one-line reason first.</b></p>"
                return False
            claim = self.claim
            path = studentwork.record_call(
                self.prefix + claim.id, self.verdict.value, self.reason.value.strip(), file=self.file
            )
            if claim.id in self.calls:
                self.message.value = (
                    f"<p>Saved again in <code>{esc(path.name)}</code>; your first call is the one compared.</p>"
                )
            else:
                self.calls[claim.id] = {"verdict": self.verdict.value, "reason": self.reason.value.strip()}
                self.message.value = f"<p>Saved in <code>{esc(path.name)}</code>.</p>"
            self._show_result()
            saved = True
        return saved

    def _show_result(self) -> None:
        claim = self.claim
        call = self.calls.get(claim.id)
        if call is None:
            self.revealed.value = ""
        else:
            mine = self.content.get("rating_scale", call["verdict"]).label
            self.revealed.value = (
                f"<p><b>Your call:</b> {esc(mine)} &mdash; {esc(call.get('reason', ''))}</p>"
                f"<p><b>The ledger's verdict, evidence and sources:</b></p>"
                f"{claim_html(self.content, claim, self.where)}"
            )
        self.summary.value = call_comparison_html(self.content, self.calls, self.claim_ids, self.collection)

    def snapshot_html(self) -> str:
        """The claims as static HTML for readers without a kernel: each verdict folded away until opened."""
        items = "".join(
            f"<li>{article_words_html(claim)}<details><summary>Decide your verdict first, then open the "
            f"ledger's</summary>{claim_html(self.content, claim, self.where)}</details></li>"
            for claim in (self.content.get(self.collection, i) for i in self.claim_ids)
        )
        scale = ", ".join(esc(level.label) for level in claims.scale(self.content))
        return f"<p><b>Judge each claim ({scale}), then check.</b></p><ol>{items}</ol>"


# ----------------------------------------------------------------------------
# Prose from the data, as formatted HTML


def article_html(content) -> str:
    """The article described in our words: headline, outlet, date note and summary."""
    a = content.article
    return (
        f"<p><b>Headline:</b> &ldquo;{esc(a.headline)}&rdquo;</p>"
        f"<p><b>Outlet:</b> {esc(a.outlet)}</p><p><b>Date:</b> {esc(a.date_note)}</p>"
        f"<p><b>What it says, in our words:</b> {esc(a.summary)}</p>"
    )


def key_points_html(content, verdicts: bool = False) -> str:
    """The article's three points, paraphrased; with ``verdicts``, each with its claims and their verdicts."""
    items = []
    for point in content.article.key_points:
        sub = ""
        if verdicts:
            rows = []
            for claim_id in point.claims:
                claim = content.get("claims", claim_id)
                rows.append(f"<li>{esc(claim.claim_reviewed)}: {verdict_badge(claims.verdict(content, claim))}</li>")
            sub = f"<ul>{''.join(rows)}</ul>"
        items.append(f"<li>{esc(point.summary)}{sub}</li>")
    return f"<ol>{''.join(items)}</ol>"


def ledger_verdicts_html(content) -> str:
    """The ledger's verdicts on the article, folded until the student has judged every claim.

    The three points with each claim's verdict (:func:`key_points_html`) and
    the chart counting the verdicts, inside a ``<details>`` element, so that
    neither the stored notebook nor its static copies show an answer before
    the student has made their calls with :class:`ClaimJudge`.
    """
    return (
        "<details><summary><b>Open after you have judged every claim:</b> the ledger's verdicts, "
        f"point by point and counted</summary>{key_points_html(content, verdicts=True)}"
        f"{chart_html(verdict_counts(content))}</details>"
    )


def rating_scale_html(content) -> str:
    """The verdict scale, best first, as a numbered list."""
    rows = "".join(f"<li>{verdict_badge(level)}: {esc(level.description)}</li>" for level in claims.scale(content))
    return f"<ol>{rows}</ol>"


def record_html(content, claim_id: str) -> str:
    """One claim's words in the article and what the record shows, for a worked example."""
    claim = content.get("claims", claim_id)
    return f"{article_words_html(claim)}<p><b>What the record shows:</b> {esc(claim.what_the_record_shows)}</p>"


def hindsight_html(content, leave_out: tuple[str, ...] = ()) -> str:
    """How many claims have a hindsight record, and the records as a table (claim, verdict then, what happened).

    ``leave_out`` holds back the records of those claim ids (counted, not shown), so that a
    notebook can ask its question before it shows the answer.
    """
    frame = claims.hindsight_frame(content, leave_out=leave_out)
    table = frame.to_html(index=False, escape=True, border=0, classes="explainer-table")
    held = len(content.claims_hindsight) - len(frame)
    later = f" ({held} held back for later in this notebook)" if held else ""
    return (
        f"<p><b>{len(content.claims_hindsight)} of the ledger's {len(content.claims)} claims have a hindsight "
        f"record{esc(later)}:</b> what later events showed, as of a date, beside the verdict that was knowable "
        "at the time.</p>" + table
    )


def hindsight_record_html(content, claim_id: str) -> str:
    """What later events showed about one claim, with the day it holds as of and how firmly it is sourced."""
    h = claims.hindsight_for(content, claim_id)
    if h is None:
        return "<p><i>Later events on record do not bear on this claim.</i></p>"

    def listed(ids) -> str:
        events = [content.get("events", e) for e in ids]
        return "; ".join(f"{esc(e.title)} ({esc(day_text(e.date))}, {esc(e.confidence)})" for e in events)

    parts = [
        f"<p><b>What later events showed</b> (as of {esc(day_text(h.as_of, 'long'))}; {esc(h.confidence)}): "
        f"{esc(h.what_later_events_showed)}</p>"
    ]
    if h.events:
        parts.append(f"<p><b>It rests on:</b> {listed(h.events)}.</p>")
    if h.context_events:
        parts.append(f"<p><b>It also mentions, without resting on them:</b> {listed(h.context_events)}.</p>")
    return "".join(parts)


def corrections_html(content) -> str:
    """Every quoted speaker's statement that the record contradicts, from every side, as a table.

    The same short note is shown beside the quoted words wherever quotes appear
    (it is part of each quote's context); this table gives the full record and sources.
    """
    frame = claims.corrections_frame(content)
    table = frame.to_html(index=False, escape=True, border=0, classes="explainer-table")
    speakers = ", ".join(dict.fromkeys(frame["Speaker"]))
    return (
        f"<p><b>{len(frame)} statements the record contradicts</b>, by {esc(speakers)}. "
        "Every speaker's figures and facts are checked the same way.</p>" + table
    )
