"""Quizzes and exercises: the questions each notebook asks, and how an answer is marked."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .fields import Collection, Finding, amount, items, refs


@dataclass(frozen=True)
class Option:
    """One answer of a multiple-choice question."""

    text: str
    correct: bool
    feedback: str


@dataclass(frozen=True)
class Question:
    """A quiz question: multiple choice, or a number within a tolerance."""

    id: str
    kind: Literal["choice", "number"]
    prompt: str
    explanation: str
    sources: tuple[str, ...] = refs("sources")
    options: tuple[Option, ...] = items(0)
    answer: float | None = None
    tolerance: float | None = amount(default=None)
    unit: str | None = None
    hint: str | None = None


@dataclass(frozen=True)
class Quiz:
    """A short self-check quiz that belongs to one notebook."""

    id: str
    notebook: str
    title: str
    questions: tuple[Question, ...] = items(1)


@dataclass(frozen=True)
class Exercise:
    """An exercise with hints and a solution kept out of sight until asked for."""

    id: str
    notebook: str
    title: str
    task: str
    solution: str
    sources: tuple[str, ...] = refs("sources")
    hints: tuple[str, ...] = items(0)
    solution_code: str | None = None


COLLECTIONS = (
    Collection(name="quizzes", record=Quiz, path="quizzes"),
    Collection(name="exercises", record=Exercise, path="exercises"),
)


def question_answerable(content):
    """A choice question has two or more options and exactly one right; a number question an answer and tolerance."""
    for quiz in content.quizzes:
        for i, q in enumerate(quiz.questions):
            where = f"questions[{i}]"
            if q.kind == "choice":
                n_right = sum(o.correct for o in q.options)
                if len(q.options) < 2:
                    yield Finding(
                        "quizzes", quiz.id, f"{where}.options", "a choice question needs at least two options"
                    )
                elif n_right != 1:
                    yield Finding(
                        "quizzes", quiz.id, f"{where}.options", f"needs exactly one correct option, has {n_right}"
                    )
            elif q.answer is None:
                yield Finding("quizzes", quiz.id, f"{where}.answer", "a number question needs an answer")
            elif q.tolerance is None:
                yield Finding("quizzes", quiz.id, f"{where}.tolerance", "a number question needs a tolerance")


RULES = (question_answerable,)


def grade(question, answer) -> tuple[bool, str]:
    """Mark ``answer`` to ``question``; returns ``(correct, feedback text)``.

    For a choice question ``answer`` is the option's text; for a number
    question it is a number (or text that reads as one).
    """
    if answer is None or answer == "":
        return False, "Choose or type an answer first."
    if question.kind == "choice":
        for option in question.options:
            if option.text == answer:
                return option.correct, option.feedback
        return False, "That is not one of the options."
    try:
        value = float(str(answer).replace(",", ""))
    except ValueError:
        return False, "Type a number."
    if abs(value - question.answer) <= question.tolerance:
        return True, question.explanation
    direction = "high" if value > question.answer else "low"
    return False, f"Not quite: {value:g} is too {direction}." + (f" Hint: {question.hint}" if question.hint else "")
