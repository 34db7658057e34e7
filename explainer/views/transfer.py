"""Check a new text alone (notebook 08): read it, mark its checkable claims, judge them, then compare.

The text is a record of ``data/transfer/``. The student first marks which
passages are checkable claims (saved in ``my_work/transfer-marks.json``), then
judges each checkable claim with the same :class:`~explainer.views.claims.ClaimJudge`
as notebook 01 (calls saved in ``my_work/transfer-calls.json`` under the text id
and the claim id), and only then opens the project's own ledger for the text.
"""

from __future__ import annotations

import ipywidgets as w

from ..classroom import studentwork
from ..markup import as_written, esc, sources_html, table_html
from ..model import claims, transfer
from ..model.fields import day_text
from .aid import CheckGroup
from .base import View
from .claims import ClaimJudge, verdict_badge

#: How each kind of passage is named for a student.
KIND_LABELS = {
    "fact": "a checkable claim",
    "intent": "a statement of intent (not checkable on the day)",
    "opinion": "an opinion (weighed, not rated)",
}


def _words(p) -> str:
    if p.wording == "exact":
        return f"&ldquo;{esc(p.words)}&rdquo;"
    return f"<i>[reported, in our words]</i> {esc(p.words)}"


def text_html(content, text_id: str) -> str:
    """The text to check: who produced it, when, its licence and how it was read, and its numbered passages.

    Passages whose English wording is the text's own are quoted; the others
    are marked as reported in our words. Nothing here says which are checkable.
    """
    t = content.get("transfer_texts", text_id)
    source = content.get("sources", t.source)
    items = "".join(f"<li><b>{esc(p.id)}</b> ({esc(p.speaker)}): {_words(p)}</li>" for p in t.passages)
    return (
        f"<p><b>{esc(t.title)}</b><br>{esc(t.producer)}, {esc(day_text(t.date, 'long'))}</p>"
        f"<ol style='list-style:none;padding-left:0'>{items}</ol>"
        f"<p><small><b>Licence:</b> {esc(t.licence)} <b>How we read it:</b> {esc(t.retrieved)} "
        f"<b>What is here:</b> {esc(t.note)}</small></p>{sources_html([source])}"
    )


def marks_html(content, text_id: str, marked=None) -> str:
    """What each passage is, by the project's reading; with ``marked``, the student's marks beside it."""
    t = content.get("transfer_texts", text_id)
    mine = marked is not None
    rows = []
    for p in t.passages:
        row = [esc(p.id), esc(KIND_LABELS[p.kind]), esc(p.why)]
        if mine:
            said = "checkable" if p.id in marked else "not checkable"
            right = (p.id in marked) == (p.kind == "fact")
            row[1:1] = [said]
            row.append("✔ same" if right else "✘ different")
        rows.append(tuple(row))
    head = ("Passage", "Your mark", "The project's reading", "Why", "") if mine else ("Passage", "What it is", "Why")
    score = ""
    if mine:
        same, n = transfer.marks_score(content, text_id, marked)
        score = f"<p>You sorted <b>{same} of {n}</b> passages as the project does.</p>"
    return score + table_html(head, rows, row_headers=True)


class CheckableMarker(View):
    """Tick the passages of the text that are checkable claims, save, then see the project's reading.

    Attributes
    ----------
    passages : CheckGroup
        One box per passage id; ``value`` is the tuple of ticked ids.
    save_button : ipywidgets.Button
    revealed : ipywidgets.HTML
        Empty until the marks are saved.
    """

    def __init__(self, content, text_id: str):
        self.content, self.text_id = content, text_id
        self.text = content.get("transfer_texts", text_id)
        self.question = (
            "Which passages state something a record could show true or false on the day? "
            "Tick those; leave statements of intent and opinions unticked. Then save."
        )
        self.passages = CheckGroup([p.id for p in self.text.passages], description="Checkable:")
        self.save_button = w.Button(
            description="Save my marks", button_style="primary", tooltip="Save, then see the project's reading"
        )
        self.message = w.HTML()
        self.revealed = w.HTML()
        # What is ticked, said back in words as the student ticks (screen readers announce it too).
        self.choice = w.HTML()
        self.save_button.on_click(lambda _b: self.save())
        self.passages.observe(lambda _change: self._show_choice(), names="value")
        super().__init__(
            [
                w.HTML(f"<p><b>Your call first.</b> {esc(self.question)}</p>"),
                self.passages,
                self.choice,
                self.save_button,
                self.message,
                self.revealed,
            ],
            layout=w.Layout(border="1px solid #bbb", padding="6px"),
        )
        self._show_choice()
        first = studentwork.load_marks().get(text_id)
        if isinstance(first, list):
            self.passages.value = tuple(i for i in self.passages.options if i in first)
            self._reveal(first)

    def _show_choice(self) -> None:
        ticked = list(self.passages.value)
        self.choice.value = (
            f"<p><small>Marked checkable: {esc(', '.join(ticked))} ({len(ticked)} of {len(self.passages.options)} "
            "passages).</small></p>"
            if ticked
            else "<p><small>No passage marked checkable yet.</small></p>"
        )

    def save(self) -> bool:
        """Save the ticked passages and show the project's reading; returns whether it was saved."""
        with self.reporting("save your marks"):
            first = studentwork.load_marks().get(self.text_id)
            path = studentwork.record_marks(self.text_id, self.passages.value)
            if isinstance(first, list):
                self.message.value = (
                    f"<p>Saved again in <code>{esc(path.name)}</code>; your first marks are the ones compared.</p>"
                )
            else:
                self.message.value = f"<p>Saved in <code>{esc(path.name)}</code>.</p>"
                first = list(self.passages.value)
            self._reveal(first)
            return True
        return False

    def _reveal(self, marked) -> None:
        self.revealed.value = as_written(marks_html(self.content, self.text_id, marked))

    def snapshot_html(self) -> str:
        """The question, with the project's reading folded away until the reader opens it."""
        return (
            f"<p><b>Your call first.</b> {esc(self.question)}</p><details><summary>Write your marks down, "
            f"then open the project's reading</summary>{marks_html(self.content, self.text_id)}</details>"
        )


def transfer_judge(content, text_id: str) -> ClaimJudge:
    """The claim judge of notebook 01 on the checkable claims of the text ``text_id``.

    Calls are saved in ``my_work/transfer-calls.json`` under
    :func:`explainer.model.transfer.call_name`, apart from the article's calls.
    """
    return ClaimJudge(
        content,
        [c.id for c in transfer.ledger_for(content, text_id)],
        collection="transfer_claims",
        prefix=transfer.call_name(text_id, ""),
        file=studentwork.TRANSFER_CALLS_FILE,
        where="The text",
    )


def transfer_ledger_html(content, text_id: str) -> str:
    """The project's ledger for the text, passage by passage, folded until the student has judged.

    A checkable passage shows its verdict, what the record shows and the
    sources; a statement of intent, why it is not rated and what came later;
    an opinion, whose view it is and why it is not rated.
    """
    t = content.get("transfer_texts", text_id)
    entries = {c.passage: c for c in transfer.ledger_for(content, text_id)}
    rows = []
    for p in t.passages:
        c = entries.get(p.id)
        if c is not None:
            ruling = f"{verdict_badge(claims.verdict(content, c))}<br>{esc(c.explanation)}"
            record = f"{esc(c.what_the_record_shows)} (confidence: {esc(c.confidence)})"
            cited = sources_html(content.sources_for(c.sources))
        else:
            ruling = f"Not rated: {esc(KIND_LABELS[p.kind])}.<br>{esc(p.why)}"
            record = esc(p.later) if p.later else "-"
            events = [content.get("events", e) for e in p.events]
            cited = "; ".join(f"{esc(e.title)} ({esc(day_text(e.date))}, {esc(e.confidence)})" for e in events)
            if p.sources:
                cited += sources_html(content.sources_for(p.sources))
        rows.append((esc(p.id), ruling, record, cited or "-"))
    table = table_html(("Passage", "The ledger", "What the record shows", "Sources or events"), rows, row_headers=True)
    return (
        "<details><summary><b>Open after you have judged every claim:</b> the project's ledger for this "
        f"text</summary>{table}</details>"
    )
