"""Your call first: questions a student answers before a notebook shows the record.

Each view asks for the student's own estimate or prediction, saves it in
``my_work/guesses.json`` (the first answer counts; later ones are added,
never written over it), and only then shows what the record says and how the
answer compares. Readers without a kernel get the question with the answer
folded away.
"""

from __future__ import annotations

import ipywidgets as w

from ..classroom import studentwork
from ..markup import as_written, esc, sources_html, table_html
from ..model import aid, predictions
from ..model import deal as dr
from .aid import CheckGroup, headlines_html
from .base import View
from .timeline import events_list_html

_WIDE = {"description_width": "initial"}

#: The question of :class:`AidGuess`.
AID_QUESTION = (
    "From Russia's full-scale invasion to the quarrel over the minerals deal, how much did the United States "
    "give Ukraine, in billions of US dollars?"
)


def guess_html(content, guess_usd_bn: float | None) -> str:
    """The headline totals, smallest first, with the student's guess placed among them.

    Parameters
    ----------
    content : Content
    guess_usd_bn : float or None
        The guess in US$ billion (None: the totals alone).

    Returns
    -------
    str
        A sentence on where the guess falls, then the table of every headline
        figure with its measure, who gave it and when
        (:func:`explainer.views.aid.headlines_html`).
    """
    lead = ""
    if guess_usd_bn is not None:
        below, above = aid.guess_neighbours(content, guess_usd_bn)
        if below is None:
            where = (
                f"below every total in the news; the smallest is {esc(above.who)}'s, "
                f"which counts aid {esc(above.measure)}"
            )
        elif above is None:
            where = f"above every total in the news; the largest is {esc(below.who)}'s, which is {esc(below.measure)}"
        else:
            where = (
                f"between a total that counts aid {esc(below.measure)} ({esc(below.who)}) "
                f"and one that counts aid {esc(above.measure)} ({esc(above.who)})"
            )
        lead = (
            f"<p>Your guess lies {where}. There is no single right total: each figure measures "
            "something different, and the rest of this notebook shows what.</p>"
        )
    return lead + headlines_html(content, guess_usd_bn)


#: Where the US aid total is asked: first in 00, before any total is shown; in 02 only if 00's was skipped.
ASKED_IN = ("00", "02")


def totals_shown_in_01(content) -> list[str]:
    """The ids of the totals for US aid that notebook 01's claims ledger writes out, smallest first.

    A guess made in 02 (not in 00) is saved with this list: the student could
    have seen these totals in 01 before guessing.
    """
    texts = [t for c in content.claims for t in (c.claim_reviewed, c.explanation, c.what_the_record_shows)]
    return [h.id for h in aid.totals_written_in(content, texts)]


class AidGuess(View):
    """Guess how much the US gave Ukraine; notebook 02 then shows the totals that were in the news.

    In 00 (``asked_in="00"``) the guess is asked before any total has been
    shown and saved, and nothing is revealed: 02 shows it against the totals.
    In 02 a guess saved in 00 is shown at once against the totals; without one,
    02 asks, and saves with the guess where it was made and the totals 01 could
    have shown (:func:`totals_shown_in_01`), so the class summary can keep the
    two groups apart. The guess is saved under ``name`` in
    ``my_work/guesses.json``.

    Attributes
    ----------
    guess : ipywidgets.BoundedFloatText
    save_button : ipywidgets.Button
    revealed : ipywidgets.HTML
        Empty until a guess is saved (and always empty in 00).
    """

    def __init__(self, content, name: str = studentwork.AID_GUESS, asked_in: str = "02"):
        if asked_in not in ASKED_IN:
            raise ValueError(f"asked_in must be one of {', '.join(ASKED_IN)}, not {asked_in!r}")
        self.content = content
        self.name = name
        self.asked_in = asked_in
        self.guess = w.BoundedFloatText(
            value=0, min=0, max=1000, step=1, description="My guess, US$ billion:", style=_WIDE
        )
        tip = "Save your guess" if asked_in == "00" else "Save your guess, then see the totals"
        self.save_button = w.Button(description="Save my guess", button_style="primary", tooltip=tip)
        self.message = w.HTML()
        self.revealed = w.HTML()
        self.save_button.on_click(lambda _b: self.save())
        super().__init__(
            [
                w.HTML(f"<p><b>Your call first.</b> {esc(AID_QUESTION)} Type your best guess and save it.</p>"),
                w.HBox([self.guess, self.save_button]),
                self.message,
                self.revealed,
            ],
            layout=w.Layout(border="1px solid #bbb", padding="6px"),
        )
        first = studentwork.first_guess(name)
        if first is not None and isinstance(first.get("value"), (int, float)):
            self.guess.value = float(first["value"])
            if first.get("asked_in") == "00" and asked_in == "02":
                self.message.value = (
                    f"<p>Your guess from notebook 00: <b>{esc(aid.fmt_value(float(first['value']), 'nominal'))}</b>, "
                    "made before any total was shown.</p>"
                )
            self._reveal(float(first["value"]))

    def save(self) -> bool:
        """Save the guess in the box (and in 02 show the totals); returns whether it was saved."""
        with self.reporting("save your guess"):
            if self.guess.value <= 0:
                self.message.value = "<p><b>Type a number above zero first.</b></p>"
                return False
            first = studentwork.first_guess(self.name)
            details = {"asked_in": self.asked_in}
            if self.asked_in == "02":
                details["seen"] = totals_shown_in_01(self.content)
            path = studentwork.record_guess(self.name, float(self.guess.value), **details)
            if first is not None and isinstance(first.get("value"), (int, float)):
                self.message.value = (
                    f"<p>Saved again in <code>{esc(path.name)}</code>; your first guess is the one shown.</p>"
                )
                value = float(first["value"])
            else:
                later = " Notebook 02 shows it against the totals in the news." if self.asked_in == "00" else ""
                self.message.value = f"<p>Saved in <code>{esc(path.name)}</code>.{later}</p>"
                value = float(self.guess.value)
            self._reveal(value)
            return True
        return False

    def _reveal(self, value: float) -> None:
        if self.asked_in == "02":
            self.revealed.value = as_written(guess_html(self.content, value))

    def snapshot_html(self) -> str:
        """The question; in 02, with the totals folded away until the reader opens them."""
        ask = f"<p><b>Your call first.</b> {esc(AID_QUESTION)} Write your guess down"
        if self.asked_in == "00":
            return ask + "; notebook 02 shows the totals in the news.</p>"
        return (
            f"{ask}, then open the totals.</p>"
            f"<details><summary>The totals in the news</summary>{guess_html(self.content, None)}</details>"
        )


def prediction_html(content, left: str, right: str, predicted=None) -> str:
    """Which terms changed between two versions, counted and as an HTML table; with ``predicted``, each call marked.

    The count is :func:`explainer.model.deal.change_summary`, the one the grid
    of changes (:func:`explainer.charts.deal_changes`) states as its title.

    Parameters
    ----------
    content : Content
    left, right : str
        The two deal-version ids, earlier first.
    predicted : iterable of str, optional
        The term ids the student expects to have changed. Without it the
        table shows the record alone (for readers without a kernel).
    """
    rows = dr.prediction_rows(content, left, right, predicted or ())
    names = {v.id: v.name for v in dr.versions(content)}
    mine = predicted is not None
    record_head = f"The record: {esc(names[left])} &rarr; {esc(names[right])}"
    head = ("Term", "Your call", record_head, "Your call against the record") if mine else ("Term", record_head)
    reworded = set(dr.compare(content, left, right).query("reworded").term_id)
    body = []
    for r in rows:
        state = "changed" if r["changed"] else "same in substance" + (", reworded" if r["term_id"] in reworded else "")
        record = f"{state}: {esc(r['before'])} &rarr; {esc(r['after'])}"
        if mine:
            call = "changed" if r["predicted"] else "same"
            body.append((esc(r["term"]), call, record, "✔ right" if r["right"] else "✘ not this time"))
        else:
            body.append((esc(r["term"]), record))
    score = ""
    if mine:
        score = f"<p>You called <b>{sum(r['right'] for r in rows)} of {len(rows)}</b> terms as the record has them.</p>"
    summary = f"<p>The record: {esc(dr.change_summary(content, left, right))}.</p>"
    return score + summary + table_html(head, body, row_headers=True)


class ChangePrediction(View):
    """Predict which terms of the deal changed between two versions, then see the record.

    Ticking a term predicts that it changed in substance; an unticked term is
    predicted to stay the same. Nothing is shown until the prediction is
    saved (under ``name`` in ``my_work/guesses.json``, as a list of term ids).

    Parameters
    ----------
    content : Content
    left, right : str, optional
        The two deal-version ids to compare, earlier first (default:
        :data:`~explainer.classroom.studentwork.DEAL_PREDICTION_VERSIONS`, the text
        agreed in February and the signed agreement).
    name : str
        The name the prediction is saved under.

    Attributes
    ----------
    terms : CheckGroup
        One box per term (its label); ``value`` is the tuple of ticked labels.
    choice : ipywidgets.HTML
        What the ticks predict as they stand (what Save will keep).
    save_button : ipywidgets.Button
    revealed : ipywidgets.HTML
    """

    def __init__(
        self, content, left: str | None = None, right: str | None = None, name: str = studentwork.DEAL_PREDICTION
    ):
        self.content = content
        default_left, default_right = studentwork.DEAL_PREDICTION_VERSIONS
        self.left, self.right, self.name = left or default_left, right or default_right, name
        self.kinds = dr.term_kinds(content)
        names = {v.id: v.name for v in dr.versions(content)}
        self.question = (
            f"Between \u201c{names[self.left]}\u201d and \u201c{names[self.right]}\u201d, "
            "which terms do you think changed in substance? "
            "Tick those you expect changed and leave the rest; then save."
        )
        self.terms = CheckGroup([k.label for k in self.kinds], description="Changed:")
        self.terms.layout.flex_flow = "row wrap"
        self.save_button = w.Button(
            description="Save my prediction", button_style="primary", tooltip="Save, then see the record"
        )
        self.message = w.HTML()
        self.revealed = w.HTML()
        self.choice = w.HTML()
        self.save_button.on_click(lambda _b: self.save())
        self.terms.observe(lambda _change: self._show_choice(), names="value")
        super().__init__(
            [
                w.HTML(f"<p><b>Your call first.</b> {esc(self.question)}</p>"),
                self.terms,
                self.choice,
                self.save_button,
                self.message,
                self.revealed,
            ],
            layout=w.Layout(border="1px solid #bbb", padding="6px"),
        )
        self._show_choice()
        first = studentwork.load_guesses().get(name)
        if isinstance(first, list):
            self.terms.value = tuple(k.label for k in self.kinds if k.id in first)
            self._reveal(first)

    def _show_choice(self) -> None:
        """Say what the ticks, as they stand, predict (what Save will keep)."""
        ticked = [k.label for k in self.kinds if k.label in set(self.terms.value)]
        if not ticked:
            self.choice.value = "<p>Your prediction so far: nothing changed in substance.</p>"
        else:
            rest = len(self.kinds) - len(ticked)
            self.choice.value = (
                f"<p>Your prediction so far: changed: {esc(', '.join(ticked))}; "
                f"the same: {'none' if rest == 0 else f'the other {rest}'}.</p>"
            )

    def predicted(self) -> list[str]:
        """The ids of the ticked terms."""
        ticked = set(self.terms.value)
        return [k.id for k in self.kinds if k.label in ticked]

    def save(self) -> bool:
        """Save the prediction and show the record; returns whether it was saved."""
        with self.reporting("save your prediction"):
            first = studentwork.load_guesses().get(self.name)
            path = studentwork.record_guess(self.name, self.predicted())
            if isinstance(first, list):
                self.message.value = (
                    f"<p>Saved again in <code>{esc(path.name)}</code>; your first prediction is the one marked.</p>"
                )
            else:
                self.message.value = f"<p>Saved in <code>{esc(path.name)}</code>.</p>"
                first = self.predicted()
            self._reveal(first)
            return True
        return False

    def _reveal(self, predicted) -> None:
        self.revealed.value = as_written(prediction_html(self.content, self.left, self.right, predicted))

    def snapshot_html(self) -> str:
        """The question and the terms, with the record folded away until the reader opens it."""
        terms = "".join(f"<li>{esc(k.label)}: {esc(k.question)}</li>" for k in self.kinds)
        record = prediction_html(self.content, self.left, self.right)
        return (
            f"<p><b>Your call first.</b> {esc(self.question)}</p><ul>{terms}</ul>"
            f"<details><summary>Write your prediction down, then open the record</summary>{record}</details>"
        )


def choice_reveal_html(content, prediction_id: str, chosen: str | None = None) -> str:
    """What the record shows for a one-choice prediction; with ``chosen``, the student's call and its feedback.

    Parameters
    ----------
    content : Content
    prediction_id : str
        A record of ``data/predictions.yaml``.
    chosen : str, optional
        The id of the option the student saved (None: the record alone).

    Returns
    -------
    str
        The student's call with its feedback, the answer the record bears out
        with how firmly it stands, the reveal in our words, the events it
        rests on (dated, with their confidence) and the sources.
    """
    p = content.get("predictions", prediction_id)
    lead = ""
    if chosen is not None:
        mine = next((o for o in p.options if o.id == chosen), None)
        if mine is not None:
            mark = "✔" if chosen == p.answer else "✘"
            lead = f"<p><b>Your call:</b> {esc(mine.text)}. {mark} {esc(mine.feedback)}</p>"
    answer = predictions.answer_choice(p)
    events = [content.get("events", e) for e in p.events]
    return (
        f"{lead}<p><b>The record:</b> {esc(answer.text)} (how firmly this stands: {esc(p.confidence)}).</p>"
        f"<p>{esc(p.reveal)}</p>{events_list_html(events, confidence=True)}"
        f"{sources_html(content.sources_for(p.sources))}"
    )


class ChoicePrediction(View):
    """One question with a few options, answered before the notebook shows what happened.

    The question, options and answer are a record of ``data/predictions.yaml``;
    the choice is saved under the record's id in ``my_work/guesses.json``
    (the first choice counts; later ones are added, never written over it),
    and only then does the view show what the record says.

    Attributes
    ----------
    choice : ipywidgets.RadioButtons
        Its value is an option id.
    save_button : ipywidgets.Button
    revealed : ipywidgets.HTML
        Empty until a choice is saved.
    """

    def __init__(self, content, prediction_id: str):
        self.content = content
        self.prediction = content.get("predictions", prediction_id)
        self.name = prediction_id
        self.choice = w.RadioButtons(
            options=[(o.text, o.id) for o in self.prediction.options],
            value=None,
            description="Your prediction:",
            style=_WIDE,
            layout=w.Layout(width="auto"),
        )
        self.save_button = w.Button(
            description="Save my prediction", button_style="primary", tooltip="Save, then see what happened"
        )
        self.message = w.HTML()
        self.revealed = w.HTML()
        self.save_button.on_click(lambda _b: self.save())
        super().__init__(
            [
                w.HTML(f"<p><b>Your call first.</b> {esc(self.prediction.question)}</p>"),
                self.choice,
                self.save_button,
                self.message,
                self.revealed,
            ],
            layout=w.Layout(border="1px solid #bbb", padding="6px"),
        )
        first = studentwork.load_guesses().get(self.name)
        if first in {o.id for o in self.prediction.options}:
            self.choice.value = first
            self._reveal(first)

    def save(self) -> bool:
        """Save the choice and show the record; returns whether it was saved."""
        with self.reporting("save your prediction"):
            if self.choice.value is None:
                self.message.value = "<p><b>Choose one answer first.</b></p>"
                return False
            first = studentwork.load_guesses().get(self.name)
            path = studentwork.record_guess(self.name, self.choice.value)
            if isinstance(first, str):
                self.message.value = (
                    f"<p>Saved again in <code>{esc(path.name)}</code>; your first prediction is the one marked.</p>"
                )
            else:
                self.message.value = f"<p>Saved in <code>{esc(path.name)}</code>.</p>"
                first = self.choice.value
            self._reveal(first)
            return True
        return False

    def _reveal(self, chosen: str) -> None:
        self.revealed.value = as_written(choice_reveal_html(self.content, self.name, chosen))

    def snapshot_html(self) -> str:
        """The question and its options, with what happened folded away until the reader opens it."""
        options = "".join(f"<li>{esc(o.text)}</li>" for o in self.prediction.options)
        return (
            f"<p><b>Your call first.</b> {esc(self.prediction.question)}</p><ul>{options}</ul>"
            f"<details><summary>Choose your answer, then open what happened</summary>"
            f"{choice_reveal_html(self.content, self.name)}</details>"
        )
