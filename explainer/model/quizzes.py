"""Quizzes and exercises: the questions each notebook asks, and how an answer is marked.

A choice question's options are stored in a canonical order (their order in
the YAML file); each student sees them in an order of their own, stable
across reloads, given by :func:`option_order`. Every wrong option names the
misconception it stands for, so feedback can name and correct it and a
teacher can see which misconception a class holds.
"""

from __future__ import annotations

import random
import re
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

    ``purpose`` says what the question is on: ``page`` (what the notebook
    showed) or ``application`` (a quote, figure or headline from the record
    that the notebook did not show, which the student must classify with the
    skill the notebook taught). An application question names that item in
    ``material`` as ``collection/id`` (a quote, a headline figure, a source).
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
    purpose: Literal["page", "application"] = "page"
    material: str | None = None


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


def application_has_material(content):
    """An application question is a choice question naming a record that exists; only it names one."""
    for quiz in content.quizzes:
        for i, q in enumerate(quiz.questions):
            where = f"questions[{i}]"
            if q.purpose != "application":
                if q.material is not None:
                    yield Finding(
                        "quizzes", quiz.id, f"{where}.material", "only an application question names material"
                    )
                continue
            if q.kind != "choice":
                yield Finding("quizzes", quiz.id, f"{where}.kind", "an application question must be a choice question")
            if not q.material:
                yield Finding("quizzes", quiz.id, f"{where}.material", "an application question must name its material")
                continue
            name, _, record_id = q.material.partition("/")
            if name not in content.names or not record_id:
                yield Finding("quizzes", quiz.id, f"{where}.material", f"{q.material!r} is not collection/id")
                continue
            try:
                content.get(name, record_id)
            except KeyError as err:
                yield Finding("quizzes", quiz.id, f"{where}.material", err.args[0])


RULES = (question_answerable, application_has_material)


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


#: Words that mark an option as sweeping; if wrong options carried them more often than right ones,
#: a student could rule options out without knowing the subject.
ABSOLUTE_WORDS = ("exactly", "every", "never", "always", "only", "all", "none", "nothing", "nobody")
_ABSOLUTE = re.compile(r"\b(" + "|".join(ABSOLUTE_WORDS) + r")\b", re.IGNORECASE)
_WORD = re.compile(r"[a-z0-9$%.]+")
#: Short words that say nothing about an option's content.
STOPWORDS = frozenset(
    "a an and are as at be by did does for from had has have in is it its of on or that the their them "
    "they this to was were what which who with".split()
)


def content_words(text: str) -> set[str]:
    """The lower-case words of ``text`` that carry content (no stop words, no one-letter words)."""
    words = (w.strip(".") for w in _WORD.findall(text.lower()))
    return {w for w in words if len(w) > 1 and w not in STOPWORDS}


def cue_stats(quizzes) -> dict:
    """How often the choice questions' wording points at the right option, to compare with chance.

    Returns
    -------
    dict
        ``right`` and ``wrong`` (numbers of right and wrong options),
        ``absolute_right`` and ``absolute_wrong`` (how many of each hold an
        absolute word, :data:`ABSOLUTE_WORDS`), ``hinted`` (questions whose
        prompt and hint share more content words with the right option than
        with any wrong one) and ``chance`` (how many questions a blind pick
        would get right: the sum of 1 / number of options).
    """
    stats = {"right": 0, "wrong": 0, "absolute_right": 0, "absolute_wrong": 0, "hinted": 0, "chance": 0.0}
    for quiz in quizzes:
        for q in quiz.questions:
            if q.kind != "choice" or not q.options:
                continue
            stats["chance"] += 1 / len(q.options)
            asked = content_words(f"{q.prompt} {q.hint or ''}")
            shared = {"right": 0, "wrong": 0}
            for option in q.options:
                side = "right" if option.correct else "wrong"
                stats[side] += 1
                stats[f"absolute_{side}"] += bool(_ABSOLUTE.search(option.text))
                shared[side] = max(shared[side], len(asked & content_words(option.text)))
            stats["hinted"] += shared["right"] > shared["wrong"]
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
