"""How long a notebook takes: the reading pace and the time each task in a notebook needs.

A notebook's time is its reading (words at :attr:`Pace.words_per_minute`,
plus a little for each chart) and its tasks: every quiz, exercise, writing
task, judgement or guess a student is asked to do. The pace is held in
``data/pace.yaml`` (one record, with the study it rests on); the tasks in
``data/tasks.yaml``, one record per task, each naming its notebook. A task's
time is either a fixed number of minutes or so many minutes for each
question of its quiz (or each claim of the ledger), so a quiz that gains a
question takes longer without anyone editing a figure.

Counting the words of a notebook file is done by :mod:`explainer.lesson_time`;
this module holds the records and the arithmetic.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

from .fields import Collection, Finding, amount, items, ref, refs, text


@dataclass(frozen=True)
class Pace:
    """How fast the students we write for read, and how the times are rounded.

    ``words_per_minute`` is a silent-reading rate on grade-level text with
    comprehension, taken from the sources; ``table_words_per_minute`` the
    slower rate for words in tables of figures and quotes (the record's note
    says what it rests on); ``chart_minutes`` is our own allowance for
    reading one chart; a notebook's total is rounded up to a multiple of
    ``round_to`` minutes.
    """

    id: str
    words_per_minute: float = amount()
    table_words_per_minute: float = amount()
    chart_minutes: float = amount()
    round_to: int = amount()
    sources: tuple[str, ...] = refs("sources")
    note: str = ""


TaskKind = Literal["quiz", "exercise", "judge", "guess", "write", "explore"]


@dataclass(frozen=True)
class Task:
    """One thing a notebook asks a student to do, and the minutes it takes.

    Give either ``minutes`` (for the whole task) or ``minutes_each`` with
    ``each``: ``question`` counts the questions of ``quiz``, ``claim`` the
    claims of the ledger. The notebook's cell that holds the task carries the
    cell tag ``task:<id>``.
    """

    id: str
    notebook: str
    kind: TaskKind
    what: str
    minutes: float | None = amount(default=None)
    minutes_each: float | None = amount(default=None)
    each: Literal["question", "claim"] | None = None
    quiz: str | None = ref("quizzes", default=None)
    exercise: str | None = ref("exercises", default=None)


@dataclass(frozen=True)
class PlanStep:
    """One step of a lesson plan: a section of a notebook, what students do there, what they hand in.

    ``section`` is the section's ``## `` heading (or ``Opening``); the step's
    minutes are that section's computed reading and tasks, never typed here
    (:mod:`explainer.lesson_time`). ``covers`` limits a task timed per item
    (claims, questions) to that many items. ``saves`` names the files of
    ``my_work/`` the step's tasks write, which the hand-in carries.
    """

    notebook: str
    section: str
    do: str = text(400)
    lesson: int = amount(default=1)
    covers: int | None = amount(default=None)
    saves: tuple[str, ...] = items(0)
    handed_in: str = ""


@dataclass(frozen=True)
class LessonPlan:
    """A lesson, or a unit of several, built from core sections of the notebooks.

    Each lesson lasts ``lesson_minutes``: a start-up allowance
    (``startup_minutes``: the Binder or hub start, logging in), the steps'
    computed minutes, and ``handin_minutes`` for the "Hand in my work" button
    at the end. The two allowances are stated in the record and explained in
    ``allowance_note``.
    """

    id: str
    title: str
    goal: str
    lesson_minutes: int = amount()
    startup_minutes: float = amount()
    handin_minutes: float = amount()
    allowance_note: str = text()
    steps: tuple[PlanStep, ...] = items(1)
    lessons: int = amount(default=1)
    homework: str = ""


COLLECTIONS = (
    Collection(name="pace", record=Pace, path="pace", single=True),
    Collection(name="tasks", record=Task, path="tasks"),
    Collection(name="lesson_plans", record=LessonPlan, path="lesson_plans"),
)


def count(content, task: Task) -> int:
    """How many questions or claims a per-item task covers (1 for a task timed as a whole)."""
    if task.each == "question":
        return len(content.get("quizzes", task.quiz).questions) if task.quiz else 0
    if task.each == "claim":
        return len(content.claims)
    return 1


def task_minutes(content, task: Task) -> float:
    """The minutes ``task`` takes: its ``minutes``, or ``minutes_each`` times its count."""
    if task.minutes is not None:
        return float(task.minutes)
    return float(task.minutes_each or 0) * count(content, task)


def tasks_for(content, notebook: str) -> tuple[Task, ...]:
    """The tasks of ``notebook`` (its file name without ``.ipynb``), in file order."""
    return tuple(t for t in content.tasks if t.notebook == notebook)


def reading_minutes(content, words: int, charts: int = 0, table_words: int = 0) -> float:
    """Minutes to read ``words`` words of prose and ``table_words`` in tables, and look at ``charts`` charts."""
    pace = content.pace
    return words / pace.words_per_minute + table_words / pace.table_words_per_minute + charts * pace.chart_minutes


def rounded(content, minutes: float) -> int:
    """``minutes`` rounded up to the pace's step (5 minutes: 31 becomes 35)."""
    step = max(int(content.pace.round_to), 1)
    return int(math.ceil(minutes / step - 1e-9) * step)


# ----------------------------------------------------------------------------
# Rules


def one_way_to_time_a_task(content):
    """A task has ``minutes`` or ``minutes_each`` (with ``each``), never both or neither."""
    for task in content.tasks:
        if (task.minutes is None) == (task.minutes_each is None):
            yield Finding("tasks", task.id, "minutes", "give either minutes or minutes_each, not both or neither")
        elif task.minutes_each is not None and task.each is None:
            yield Finding("tasks", task.id, "each", "minutes_each needs each: question or claim")
        elif task.each == "question" and task.quiz is None:
            yield Finding("tasks", task.id, "quiz", "a task timed per question names its quiz")


def tasks_point_into_their_own_notebook(content):
    """A task's quiz or exercise belongs to the task's notebook."""
    for task in content.tasks:
        for field, collection in (("quiz", "quizzes"), ("exercise", "exercises")):
            target = getattr(task, field)
            if target is None:
                continue
            try:
                record = content.get(collection, target)
            except KeyError:
                continue  # an unknown id is reported by the field check
            if record.notebook != task.notebook:
                yield Finding("tasks", task.id, field, f"{target} belongs to {record.notebook}, not {task.notebook}")


def every_quiz_and_exercise_is_timed(content):
    """Every quiz and every exercise has a task, so no notebook's time leaves one out.

    (With no tasks at all, the tasks file is missing or unreadable, which is
    reported on its own; naming every quiz as well would bury that line.)
    """
    if not content.tasks:
        return
    timed = {(t.kind, t.quiz or t.exercise) for t in content.tasks}
    for quiz in content.quizzes:
        if ("quiz", quiz.id) not in timed:
            yield Finding("quizzes", quiz.id, None, "no task in tasks.yaml times this quiz")
    for exercise in content.exercises:
        if ("exercise", exercise.id) not in timed:
            yield Finding("exercises", exercise.id, None, "no task in tasks.yaml times this exercise")


def reading_rates_are_positive(content):
    """Both reading rates are above zero (every time divides by them)."""
    pace = content.pace
    if pace is None:
        return
    for field in ("words_per_minute", "table_words_per_minute"):
        if not getattr(pace, field) > 0:
            yield Finding("pace", pace.id, field, "a reading rate must be above 0 words a minute")


def plans_hold_together(content):
    """Every lesson of a plan has steps, each step's lesson is one of the plan's, and the allowances fit.

    (That each named section exists, is core and fits the lesson's minutes
    needs the notebooks: :func:`explainer.lesson_time.plan_problems`.)
    """
    for plan in content.lesson_plans:
        if plan.lessons < 1:
            yield Finding("lesson_plans", plan.id, "lessons", "a plan has at least one lesson")
            continue
        used = set()
        for n, step in enumerate(plan.steps):
            if not 1 <= step.lesson <= plan.lessons:
                yield Finding(
                    "lesson_plans",
                    plan.id,
                    f"steps[{n}].lesson",
                    f"lesson {step.lesson} of a {plan.lessons}-lesson plan",
                )
            if step.covers is not None and step.covers < 1:
                yield Finding("lesson_plans", plan.id, f"steps[{n}].covers", "covers at least 1 item")
            used.add(step.lesson)
        for lesson in range(1, plan.lessons + 1):
            if lesson not in used:
                yield Finding("lesson_plans", plan.id, "steps", f"lesson {lesson} has no step")
        if plan.startup_minutes + plan.handin_minutes >= plan.lesson_minutes:
            yield Finding(
                "lesson_plans", plan.id, "lesson_minutes", "the start-up and hand-in allowances fill the whole lesson"
            )


RULES = (
    one_way_to_time_a_task,
    tasks_point_into_their_own_notebook,
    every_quiz_and_exercise_is_timed,
    reading_rates_are_positive,
    plans_hold_together,
)
