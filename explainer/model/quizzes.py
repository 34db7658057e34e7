"""Quizzes and exercises: the questions each notebook asks, and how an answer is marked.

A choice question's options are stored in a canonical order (their order in
the YAML file); each student sees them in an order of their own, stable
across reloads, given by :func:`option_order`. Every wrong option names the
misconception it stands for, so feedback can name and correct it and a
teacher can see which misconception a class holds.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Literal

from .fields import Collection, Finding, amount, items, refs


@dataclass(frozen=True)
class Option:
    """One answer of a multiple-choice question."""

    text: str
    correct: bool
    feedback: str
    misconception: str | None = None


@dataclass(frozen=True)
class Question:
    """A quiz question: multiple choice, or a number within a tolerance.

    ``skill`` says what answering takes: ``recall`` (finding something the
    notebook says) or ``reasoning`` (combining two figures, reading a chart,
    spotting what a number measures).
    """

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
    skill: Literal["recall", "reasoning"] = "recall"


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


MIN_OPTIONS = 3


def question_answerable(content):
    """A choice question has three or more options and exactly one right; a number question an answer and tolerance.

    Every wrong option of a choice question names its misconception.
    """
    for quiz in content.quizzes:
        for i, q in enumerate(quiz.questions):
            where = f"questions[{i}]"
            if q.kind == "choice":
                n_right = sum(o.correct for o in q.options)
                if len(q.options) < MIN_OPTIONS:
                    yield Finding(
                        "quizzes",
                        quiz.id,
                        f"{where}.options",
                        f"a choice question needs at least {MIN_OPTIONS} options, has {len(q.options)}",
                    )
                elif n_right != 1:
                    yield Finding(
                        "quizzes", quiz.id, f"{where}.options", f"needs exactly one correct option, has {n_right}"
                    )
                for j, option in enumerate(q.options):
                    if not option.correct and not option.misconception:
                        yield Finding(
                            "quizzes",
                            quiz.id,
                            f"{where}.options[{j}].misconception",
                            "a wrong option must name the misconception it stands for",
                        )
            elif q.answer is None:
                yield Finding("quizzes", quiz.id, f"{where}.answer", "a number question needs an answer")
            elif q.tolerance is None:
                yield Finding("quizzes", quiz.id, f"{where}.tolerance", "a number question needs a tolerance")


RULES = (question_answerable,)


def option_order(question, seed: str) -> tuple[Option, ...]:
    """The options of ``question`` in the order one student sees them.

    The order depends only on ``seed`` (a student's id and the quiz id) and
    the question's id: the same student gets the same order on every reload,
    another student another order.

    Parameters
    ----------
    question : Question
    seed : str

    Returns
    -------
    tuple of Option
    """
    options = list(question.options)
    random.Random(f"{seed}/{question.id}").shuffle(options)
    return tuple(options)


def choice_stats(quizzes) -> dict:
    """How guessable the choice questions are, in their canonical (file) order.

    Returns
    -------
    dict
        ``questions`` (number of choice questions), ``longest_correct`` and
        ``shortest_correct`` (how many have the correct option as their
        longest, or shortest, one; ties included) and ``positions``
        (``{position: count}`` of the correct option, 0 first).
    """
    stats = {"questions": 0, "longest_correct": 0, "shortest_correct": 0, "positions": {}}
    for quiz in quizzes:
        for q in quiz.questions:
            if q.kind != "choice" or not q.options:
                continue
            stats["questions"] += 1
            lengths = [len(o.text) for o in q.options]
            right = next((i for i, o in enumerate(q.options) if o.correct), None)
            if right is None:
                continue
            stats["longest_correct"] += lengths[right] == max(lengths)  # a tie counts too
            stats["shortest_correct"] += lengths[right] == min(lengths)
            stats["positions"][right] = stats["positions"].get(right, 0) + 1
    return stats


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
