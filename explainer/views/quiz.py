"""Views of the self-check quizzes and exercises built from ``quizzes/`` and ``exercises/``.

They are plain ipywidgets, so they work in JupyterLab, Voila and on Binder and
can be driven from Python in tests. A student's answers are saved as they
check them (see :mod:`explainer.studentwork`) and restored when the notebook
is run again. Solutions stay hidden until a student asks for them.
"""

from __future__ import annotations

import ipywidgets as w

from .. import studentwork
from ..model.quizzes import grade
from .base import View
from .display import esc, sources_html

__all__ = ["ExerciseView", "QuestionView", "QuizView", "grade"]

# ipywidgets gives each radio option a fixed one-line height: a long option
# wraps over the next one and pushes its own radio button out of sight. Let
# the options of a question grow to fit their text instead.
CHOICE_CSS = (
    "<style>.explainer-choices .widget-radio-box label {height: auto !important;"
    " line-height: 1.4 !important; display: flex !important; flex-direction: row-reverse;"
    " justify-content: flex-end; align-items: baseline; margin: 2px 0;}"
    " .explainer-choices .widget-radio-box input {float: none !important; flex: none;}</style>"
)


class QuestionView(View):
    """One question: prompt, answer control, Check and Hint buttons, feedback."""

    def __init__(self, quiz_id: str, question, saved=None, sources=()):
        self.quiz_id = quiz_id
        self.question = question
        self.sources = tuple(sources)
        style = CHOICE_CSS if question.kind == "choice" else ""
        self.prompt = w.HTML(f"{style}<p><b>{esc(question.prompt)}</b></p>")
        if question.kind == "choice":
            self.control = w.RadioButtons(
                options=[o.text for o in question.options],
                value=saved if saved in [o.text for o in question.options] else None,
                layout=w.Layout(width="auto"),
            )
            self.control.add_class("explainer-choices")
        else:
            unit = f" ({question.unit})" if question.unit else ""
            self.control = w.Text(
                value="" if saved is None else str(saved),
                placeholder=f"a number{unit}",
                description="Answer:",
            )
        self.check_button = w.Button(description="Check", button_style="primary", tooltip="Check your answer")
        self.hint_button = w.Button(description="Hint", disabled=not question.hint, tooltip="Show a hint")
        self.feedback = w.HTML()
        self.check_button.on_click(lambda _b: self.check())
        self.hint_button.on_click(lambda _b: self.show_hint())
        super().__init__(
            [self.prompt, self.control, w.HBox([self.check_button, self.hint_button]), self.feedback],
            layout=w.Layout(border="1px solid #bbb", padding="6px", margin="6px 0"),
        )

    def answer(self, value) -> None:
        """Set the answer, as a student would by clicking or typing."""
        self.control.value = value

    def check(self) -> bool:
        """Mark the current answer, show feedback, save it; returns correctness."""
        correct = False
        with self.reporting("check this answer"):
            correct, text = grade(self.question, self.control.value)
            mark = "✔ Correct." if correct else "✘ Not yet."
            extra = ""
            if correct:
                extra = f"<br><small>Sources:</small>{sources_html(self.sources)}" if self.sources else ""
            self.feedback.value = (
                f'<p class="quiz-{"right" if correct else "wrong"}"><b>{mark}</b> {esc(text)}</p>{extra}'
            )
            if self.control.value not in (None, ""):
                studentwork.record_answer(self.quiz_id, self.question.id, self.control.value, correct)
        return correct

    def show_hint(self) -> None:
        """Show the hint under the question."""
        if self.question.hint:
            self.feedback.value = f"<p><i>Hint:</i> {esc(self.question.hint)}</p>"


class QuizView(View):
    """All questions of one quiz, with saved answers restored.

    Parameters
    ----------
    content : Content
    quiz_id : str
    """

    def __init__(self, content, quiz_id: str):
        self.quiz = content.get("quizzes", quiz_id)
        saved = studentwork.load_answers(quiz_id)
        self.questions = {}
        for q in self.quiz.questions:
            self.questions[q.id] = QuestionView(quiz_id, q, saved.get(q.id), content.sources_for(q.sources))
        title = w.HTML(
            f"<h3>{esc(self.quiz.title)}</h3><p>Answers are saved in <code>my_work/</code> when you press Check.</p>"
        )
        super().__init__([title, *self.questions.values()])


class ExerciseView(View):
    """An exercise with hints and a solution that stays hidden until asked for."""

    def __init__(self, content, exercise_id: str):
        self.exercise = ex = content.get("exercises", exercise_id)
        self.task = w.HTML(f"<h3>Exercise: {esc(ex.title)}</h3><p>{esc(ex.task)}</p>")
        self.hint_button = w.Button(description="Show a hint", disabled=not ex.hints)
        # No "warning" style: white on its orange is about 2.7:1, below WCAG AA.
        self.solution_button = w.Button(description="Show the solution", tooltip="Show the model answer")
        self.revealed = w.HTML()
        self._hints_shown = 0
        self.hint_button.on_click(lambda _b: self.next_hint())
        self.solution_button.on_click(lambda _b: self.reveal())
        super().__init__([self.task, w.HBox([self.hint_button, self.solution_button]), self.revealed])

    def next_hint(self) -> None:
        """Show one more hint."""
        hints = self.exercise.hints
        self._hints_shown = min(self._hints_shown + 1, len(hints))
        shown = "".join(f"<li>{esc(h)}</li>" for h in hints[: self._hints_shown])
        self.revealed.value = f"<ul>{shown}</ul>"
        self.hint_button.disabled = self._hints_shown >= len(hints)

    def reveal(self) -> None:
        """Show the solution (and its code, if any)."""
        ex = self.exercise
        code = f"<pre>{esc(ex.solution_code)}</pre>" if ex.solution_code else ""
        self.revealed.value = f"<p><b>Solution:</b> {esc(ex.solution)}</p>{code}"
