"""The skill check, before the unit (notebook 00) and after it (notebook 07).

A student answers every item of one form, then submits the whole form at
once; the answers are saved in ``my_work/skillcheck.json`` (the first
submission counts). The check before the unit shows only the score per
skill: it measures where the student starts, and showing the answers would
teach the skills before the unit does. The check after the unit shows the
score beside the one before, then every item of both forms with the
student's answer, the right one and why. Which form comes first is set by the
student's id (:func:`explainer.model.skillcheck.form_for`).
"""

from __future__ import annotations

import ipywidgets as w

from ..classroom import studentwork
from ..markup import esc, sources_html, table_html
from ..model import skillcheck as sc
from .base import View
from .quiz import CHOICE_CSS

__all__ = ["SkillCheck", "review_html", "scores_html"]

_TITLES = {"before": "Skill check: before you start", "after": "Skill check: after the unit"}


def _score(right: int, asked: int) -> str:
    return f"{right} of {asked}"


def scores_html(before: dict | None, after: dict | None) -> str:
    """A table of the score per skill, before and (if taken) after: ``{skill: (right, asked)}`` each."""
    head = ["Skill", "Before"] + (["After"] if after is not None else [])
    rows = []
    for skill in sc.SKILLS:
        cells = [esc(sc.SKILL_LABELS[skill])]
        for taken in (before, after) if after is not None else (before,):
            cells.append(_score(*taken[skill]) if taken and skill in taken else "not taken")
        rows.append(cells)
    return table_html(head, rows, row_headers=True)


def review_html(content, form: str, answers: dict) -> str:
    """Every item of ``form`` with the student's answer, the right one and why, and its sources."""
    parts = []
    for item in sc.form_items(content, form):
        options = {o.id: o.text for o in sc.options_of(item)}
        mine = answers.get(item.id)
        mark = "✔" if sc.is_right(item, mine) else "✘"
        parts.append(
            f"<li><p>{esc(item.text)}</p><p>Your answer: {esc(options.get(mine, 'none'))} {mark}. "
            f"<b>Answer:</b> {esc(options[item.answer])}.</p><p><b>Why:</b> {esc(item.why)}</p>"
            f"{sources_html(content.sources_for(item.sources))}</li>"
        )
    return f"<h4>Form {esc(form)}</h4><ol>{''.join(parts)}</ol>"


class SkillCheck(View):
    """One form of the skill check: every item, one Submit for the whole form, then the score.

    Parameters
    ----------
    content : Content
    when : {"before", "after"}
        ``before`` in notebook 00, ``after`` at the end of the unit.

    Attributes
    ----------
    form : str
        "A" or "B", set by the student's id.
    choices : dict
        ``{item id: ipywidgets.RadioButtons}``; each value is an option id.
    submit_button : ipywidgets.Button
    result : ipywidgets.HTML
        Empty until the form is submitted.
    """

    def __init__(self, content, when: str = "before"):
        if when not in sc.WHENS:
            raise ValueError(f"when must be one of {', '.join(sc.WHENS)}, not {when!r}")
        self.content, self.when = content, when
        self.form = sc.form_for(studentwork.student_id(), when)
        self.items = sc.form_items(content, self.form)
        self.choices = {}
        boxes = []
        for n, item in enumerate(self.items, 1):
            choice = w.RadioButtons(
                options=[(o.text, o.id) for o in sc.options_of(item)], value=None, layout=w.Layout(width="auto")
            )
            choice.add_class("explainer-choices")
            self.choices[item.id] = choice
            prompt = f"{CHOICE_CSS if n == 1 else ''}<p><b>{n}. {esc(sc.SKILL_QUESTIONS[item.skill])}</b></p>"
            boxes.append(w.VBox([w.HTML(f"{prompt}<p>{esc(item.text)}</p>"), choice]))
        self.submit_button = w.Button(
            description="Submit the whole check",
            button_style="primary",
            tooltip="Save every answer, then see your score",
        )
        self.message, self.result = w.HTML(), w.HTML()
        self.submit_button.on_click(lambda _b: self.submit())
        super().__init__(
            [w.HTML(self._intro()), *boxes, self.submit_button, self.message, self.result],
            layout=w.Layout(border="1px solid #bbb", padding="6px"),
        )
        saved = studentwork.load_skillcheck(when)
        if saved:
            for item_id, entry in saved.items():
                if item_id in self.choices and entry.get("answer") in {o[1] for o in self.choices[item_id].options}:
                    self.choices[item_id].value = entry["answer"]
            self._lock()
            self._show({i: e.get("answer") for i, e in saved.items()})

    def _intro(self) -> str:
        later = (
            "You see your score per skill once you submit; the answers come after the check at the end of the unit."
            if self.when == "before"
            else "Once you submit, you see your score beside the one from the start, and every answer with why."
        )
        return (
            f"<h3>{esc(_TITLES[self.when])} (form {esc(self.form)})</h3><p>{len(self.items)} short questions on "
            f"four skills you will use in this unit. Answer them all, then submit once. {esc(later)}</p>"
        )

    def answers(self) -> dict:
        """The options chosen so far: ``{item id: option id or None}``."""
        return {item_id: choice.value for item_id, choice in self.choices.items()}

    def submit(self) -> bool:
        """Save the whole form and show the result; returns whether it was saved."""
        with self.reporting("save your skill check"):
            if studentwork.load_skillcheck(self.when):
                self.message.value = "<p>This check is already saved; your first answers count.</p>"
                return False
            answers = self.answers()
            left = sum(a is None for a in answers.values())
            if left:
                self.message.value = f"<p><b>Answer every question first</b> ({left} still open).</p>"
                return False
            correct = {item.id: sc.is_right(item, answers[item.id]) for item in self.items}
            path = studentwork.record_skillcheck(self.when, self.form, answers, correct)
            self.message.value = f"<p>Saved in <code>{esc(path.name)}</code>.</p>"
            self._lock()
            self._show(answers)
            return True
        return False

    def _lock(self) -> None:
        for choice in self.choices.values():
            choice.disabled = True
        self.submit_button.disabled = True

    def _show(self, answers: dict) -> None:
        mine = sc.scores(self.items, answers)
        total = sum(r for r, _ in mine.values()), sum(a for _, a in mine.values())
        if self.when == "before":
            self.result.value = (
                f"<p>Your score: <b>{_score(*total)}</b>. The answers are shown after the check at the end "
                f"of the unit, so that this one measures where you start.</p>{scores_html(mine, None)}"
            )
            return
        other = sc.form_for(studentwork.student_id(), "before")
        first = {i: e.get("answer") for i, e in studentwork.load_skillcheck("before").items()}
        before = sc.scores(sc.form_items(self.content, other), first) if first else None
        reviews = (review_html(self.content, other, first) if first else "") + review_html(
            self.content, self.form, answers
        )
        self.result.value = (
            f"<p>Your score: <b>{_score(*total)}</b>.</p>{scores_html(before, mine)}"
            f"<details open><summary>Every question, with the answer and why</summary>{reviews}</details>"
        )

    def snapshot_html(self) -> str:
        """What the check is, for readers without a kernel: its skills, not its questions."""
        skills = "".join(f"<li>{esc(sc.SKILL_LABELS[s])}</li>" for s in sc.SKILLS)
        return (
            f"<h3>{esc(_TITLES[self.when])}</h3><p>{len(self.items)} short questions on four skills:</p>"
            f"<ul>{skills}</ul><p><i>Run the notebook to take the check; your answers are saved in "
            "<code>my_work/</code>.</i></p>"
        )
