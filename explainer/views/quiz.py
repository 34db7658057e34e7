"""Views of the self-check quizzes and exercises built from ``quizzes/`` and ``exercises/``.

They are plain ipywidgets, so they work in JupyterLab, Voila and on Binder and
can be driven from Python in tests. A student's answers are saved as they
check them (see :mod:`explainer.classroom.studentwork`) and restored when the notebook
is run again. Solutions stay hidden until a student asks for them.

Each student sees a choice question's options in an order of their own
(:func:`explainer.model.quizzes.option_order`, seeded by the student's id and
the quiz id). A wrong answer names the misconception behind it and corrects
it; the question's explanation follows a right answer, or a second wrong one.
Without a kernel (GitHub, the static site, the printed handout) a quiz shows
as static HTML: questions and options, no answers (:func:`quiz_html`).
"""

from __future__ import annotations

import ipywidgets as w

from ..classroom import studentwork
from ..markup import esc, sources_html
from ..model.quizzes import grade, option_order
from .base import View

__all__ = ["ExerciseView", "QuestionView", "QuizView", "grade", "quiz_html"]

#: Wrong tries after which the explanation is shown even without a right answer.
EXPLAIN_AFTER_WRONG = 2

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

    def __init__(self, quiz_id: str, question, saved=None, sources=(), order=None, wrong_tries: int = 0):
        self.quiz_id = quiz_id
        self.question = question
        self.sources = tuple(sources)
        self.order = tuple(order) if order is not None else tuple(question.options)
        self.wrong_tries = wrong_tries
        style = CHOICE_CSS if question.kind == "choice" else ""
        self.prompt = w.HTML(f"{style}<p><b>{esc(question.prompt)}</b></p>")
        if question.kind == "choice":
            texts = [o.text for o in self.order]
            self.control = w.RadioButtons(
                options=texts,
                value=saved if saved in texts else None,
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
        """Mark the current answer, show feedback, save it; returns correctness.

        A wrong option's feedback is headed by the misconception it stands
        for. The explanation is shown after a right answer, or after the
        second wrong one.
        """
        correct = False
        with self.reporting("check this answer"):
            q = self.question
            value = self.control.value
            correct, text = grade(q, value)
            answered = value not in (None, "")
            if answered and not correct and not text.startswith(("Type a number", "That is not")):
                self.wrong_tries += 1
            mark = "✔ Correct." if correct else "✘ Not yet."
            chosen = next((o for o in q.options if o.text == value), None) if q.kind == "choice" else None
            named = (
                f'<i class="quiz-misconception">{esc(chosen.misconception)}:</i> '
                if chosen is not None and chosen.misconception
                else ""
            )
            html = f'<p class="quiz-{"right" if correct else "wrong"}"><b>{mark}</b> {named}{esc(text)}</p>'
            if (correct or self.wrong_tries >= EXPLAIN_AFTER_WRONG) and text != q.explanation:
                html += f'<p class="quiz-explanation"><b>Why:</b> {esc(q.explanation)}</p>'
            if correct and self.sources:
                html += f"<small>Sources:</small>{sources_html(self.sources)}"
            self.feedback.value = html
            if answered:
                studentwork.record_answer(self.quiz_id, q.id, value, correct)
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
        self.seed = f"{studentwork.student_id()}/{quiz_id}"
        history = studentwork.load_history(quiz_id)
        saved = {entry["question"]: entry.get("answer") for entry in history}
        self.questions = {}
        for q in self.quiz.questions:
            wrong = sum(1 for e in history if e["question"] == q.id and e.get("correct") is False)
            self.questions[q.id] = QuestionView(
                quiz_id,
                q,
                saved.get(q.id),
                content.sources_for(q.sources),
                order=option_order(q, self.seed) if q.kind == "choice" else None,
                wrong_tries=wrong,
            )
        title = w.HTML(
            f"<h3>{esc(self.quiz.title)}</h3><p>Answers are saved in <code>my_work/</code> when you press Check.</p>"
        )
        super().__init__([title, *self.questions.values()])

    def snapshot_html(self) -> str:
        """The quiz as static HTML (questions and options, no answers), for readers without a kernel."""
        return quiz_html(self.quiz)


def quiz_html(quiz) -> str:
    """A quiz as static HTML: its questions and their options in file order, without answers.

    Parameters
    ----------
    quiz : Quiz

    Returns
    -------
    str
        Safe HTML; nothing in it says which option is right.
    """
    items = []
    for q in quiz.questions:
        if q.kind == "choice":
            body = "".join(f"<li>{esc(o.text)}</li>" for o in q.options)
            answer = f'<ul class="explainer-quiz-options" style="list-style-type: circle">{body}</ul>'
        else:
            unit = f" ({esc(q.unit)})" if q.unit else ""
            answer = f"<p>Your answer: ________{unit}</p>"
        items.append(f"<li><p><b>{esc(q.prompt)}</b></p>{answer}</li>")
    return (
        f'<div class="explainer-quiz-static"><h3>{esc(quiz.title)}</h3>'
        "<p><i>Run the notebook to answer and get feedback; the answers are in the teacher's key.</i></p>"
        f"<ol>{''.join(items)}</ol></div>"
    )


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
