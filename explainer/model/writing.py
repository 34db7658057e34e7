"""Model answers for the writing tasks of notebook 05, and one example answer per rubric level.

Notebook 05 has two writing tasks, each a ``PositionWriter`` that saves under
the task's name: the other side's best case (``05-other-side-best-case``) and
the student's own position (``05-debate-position``). For each task and each
side of the debate there is a model answer making that side's strongest case;
for the position task there is also one example answer at each level of the
discussion rubric (``docs/teacher/teacher-guide.md``), scored row by row with a note on
why. Teachers see them in the answer key.

Whatever an answer puts in double quotes must be copied exactly from one of
the quote records the answer lists, so a model answer never puts words in
anyone's mouth, and even a weak example quotes exactly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from .debate import SIDES
from .fields import Collection, Finding, items, refs, text

#: The notebook the writing tasks are in.
NOTEBOOK = "05_debate"

TASKS = {
    "05-other-side-best-case": "The other side's best case",
    "05-debate-position": "Your position",
}
"""The writing tasks of notebook 05, by the name their ``PositionWriter`` saves under, with their heading."""

#: The length each task asks for, in words (lowest, highest).
WORD_LIMITS = {"05-other-side-best-case": (100, 150), "05-debate-position": (150, 250)}

#: The task the rubric examples are written for.
RUBRIC_TASK = "05-debate-position"

#: The levels of the discussion rubric, best first, as the teacher guide names them.
LEVELS = {4: "Excellent", 3: "Good", 2: "Developing", 1: "Beginning"}

RUBRIC_ROWS = {
    "evidence": "Evidence",
    "accuracy": "Accuracy",
    "fact-and-opinion": "Fact and opinion",
    "counter-argument": "Counter-argument",
    "clarity": "Clarity and own words",
}
"""The rows of the discussion rubric, in the teacher guide's order."""


@dataclass(frozen=True)
class RowScore:
    """The score a rubric example earns on one row of the rubric, and why."""

    row: Literal["evidence", "accuracy", "fact-and-opinion", "counter-argument", "clarity"]
    score: Literal[1, 2, 3, 4]
    why: str = text(max_chars=400)


@dataclass(frozen=True)
class ModelAnswer:
    """An answer to one writing task: a side's model answer, or an example of one rubric level.

    A model answer names the ``side`` whose case it makes (for the other-side
    task, the side it speaks for). A rubric example has a ``level`` instead of
    being a model, and ``scores`` for every row of the rubric; its ``side``, if
    given, is the side it argues for (the level says nothing about the side).
    ``quotes`` lists the quote records whose words the answer quotes.
    """

    id: str
    task: Literal["05-other-side-best-case", "05-debate-position"]
    answer: str
    sources: tuple[str, ...] = refs("sources")
    side: Literal["us-administration", "ukraine", "european-leaders"] | None = None
    level: Literal[1, 2, 3, 4] | None = None
    scores: tuple[RowScore, ...] = items(0)
    quotes: tuple[str, ...] = refs("quotes", min_items=0)

    @property
    def words(self) -> int:
        """The answer's length in words."""
        return word_count(self.answer)


@dataclass(frozen=True)
class WritingPrompt:
    """A prompt a teacher can set for the assessed written position (``05-debate-position``).

    The class configuration (:mod:`explainer.model.classconfig`) chooses one
    by its ``id``. ``answered_in_key`` marks the prompt that the published
    model answers and rubric examples answer.
    """

    id: str
    title: str = text(max_chars=80)
    question: str = text(max_chars=300)
    instructions: str = text(max_chars=600)
    min_words: int = field(metadata={"min_value": 1})
    max_words: int = field(metadata={"min_value": 1})
    answered_in_key: bool = False


#: The prompt asked when no class configuration chooses one: the debate question, as the model answers answer it.
DEFAULT_PROMPT = "help-in-return"

COLLECTIONS = (
    Collection(name="model_answers", record=ModelAnswer, path="model_answers"),
    Collection(name="writing_prompts", record=WritingPrompt, path="writing_prompts"),
)


def word_count(prose: str) -> int:
    """Words as a reader counts them: runs of text between spaces."""
    return len(prose.split())


_QUOTED = re.compile(r"“([^”]*)”|\"([^\"]*)\"")


def quoted_fragments(prose: str) -> list[str]:
    """The words inside double quotes (straight or curly) in ``prose``, in order, spaces collapsed."""
    return [" ".join((m.group(1) if m.group(1) is not None else m.group(2)).split()) for m in _QUOTED.finditer(prose)]


def model_answers(content, task: str) -> tuple[ModelAnswer, ...]:
    """The model answers of one task (not the rubric examples), in the order of :data:`SIDES`."""
    if task not in TASKS:
        raise KeyError(f"no writing task {task!r}; the tasks are {', '.join(TASKS)}")
    found = [a for a in content.model_answers if a.task == task and a.level is None]
    order = list(SIDES)
    return tuple(sorted(found, key=lambda a: order.index(a.side) if a.side in order else len(order)))


def rubric_examples(content) -> tuple[ModelAnswer, ...]:
    """The rubric examples, best level first."""
    return tuple(sorted((a for a in content.model_answers if a.level is not None), key=lambda a: -a.level))


# ----------------------------------------------------------------------------
# Rules


def every_side_answers_every_task(content):
    """Each writing task has exactly one model answer for each side, and every model answer names its side."""
    seen: dict[tuple[str, str], str] = {}
    for a in content.model_answers:
        if a.level is not None:
            continue
        if a.side is None:
            yield Finding(
                "model_answers", a.id, "side", "a model answer needs a side (or a level, for a rubric example)"
            )
            continue
        key = (a.task, a.side)
        if key in seen:
            yield Finding(
                "model_answers", a.id, "side", f"{a.side!r} already has a model answer for {a.task} ({seen[key]})"
            )
        seen.setdefault(key, a.id)
    for task in TASKS:
        for side in SIDES:
            if (task, side) not in seen:
                yield Finding("model_answers", None, None, f"task {task} has no model answer for side {side!r}")


def one_example_per_level(content):
    """The position task has one example answer at each rubric level, scored once on every row.

    An example's level is its row scores' average, rounded (half up).
    """
    seen: dict[int, str] = {}
    for a in content.model_answers:
        if a.level is None:
            if a.scores:
                yield Finding("model_answers", a.id, "scores", "only a rubric example (with a level) is scored")
            continue
        if a.task != RUBRIC_TASK:
            yield Finding("model_answers", a.id, "task", f"rubric examples are for {RUBRIC_TASK}, not {a.task}")
        if a.level in seen:
            yield Finding("model_answers", a.id, "level", f"level {a.level} already has an example ({seen[a.level]})")
        seen.setdefault(a.level, a.id)
        rows = [s.row for s in a.scores]
        missing = [r for r in RUBRIC_ROWS if r not in rows]
        twice = sorted({r for r in rows if rows.count(r) > 1})
        if missing:
            yield Finding("model_answers", a.id, "scores", f"scores no row {', '.join(missing)} of the rubric")
        if twice:
            yield Finding("model_answers", a.id, "scores", f"scores row {', '.join(twice)} more than once")
        if a.scores and not missing and not twice:
            mean = sum(s.score for s in a.scores) / len(a.scores)
            if int(mean + 0.5) != a.level:
                yield Finding("model_answers", a.id, "level", f"is {a.level}, but its row scores average {mean:.1f}")
    for level in LEVELS:
        if level not in seen:
            yield Finding("model_answers", None, None, f"{RUBRIC_TASK} has no example answer for rubric level {level}")


def quoted_words_are_exact(content):
    """Every quoted fragment is copied exactly from a listed quote, and the sources include one of each quote's."""
    for a in content.model_answers:
        quotes = [content.get("quotes", q) for q in a.quotes]
        said = [" ".join(q.words.split()) for q in quotes]
        for fragment in quoted_fragments(a.answer):
            if not fragment or not any(fragment in words for words in said):
                listed = ", ".join(a.quotes) if a.quotes else "none listed"
                yield Finding(
                    "model_answers", a.id, "answer", f"“{fragment}” is not in the words of its quotes ({listed})"
                )
        for i, quote in enumerate(quotes):
            if not set(quote.sources) & set(a.sources):
                yield Finding(
                    "model_answers", a.id, f"quotes[{i}]", f"the sources cite none of the sources of {quote.id!r}"
                )


def answers_within_word_limits(content):
    """Every answer is as long as its task asks (:data:`WORD_LIMITS`)."""
    for a in content.model_answers:
        low, high = WORD_LIMITS[a.task]
        if not low <= a.words <= high:
            yield Finding("model_answers", a.id, "answer", f"has {a.words} words; {a.task} asks for {low} to {high}")


def prompts_are_sound(content):
    """The default prompt exists, only it is answered in the key, and each asks for a sensible length."""
    ids = {p.id for p in content.writing_prompts}
    if content.writing_prompts and DEFAULT_PROMPT not in ids:
        yield Finding("writing_prompts", None, None, f"no prompt {DEFAULT_PROMPT!r}, the one asked by default")
    for p in content.writing_prompts:
        if p.min_words > p.max_words:
            yield Finding("writing_prompts", p.id, "min_words", f"{p.min_words} is more than max_words {p.max_words}")
        if p.answered_in_key and p.id != DEFAULT_PROMPT:
            yield Finding(
                "writing_prompts",
                p.id,
                "answered_in_key",
                f"the model answers answer {DEFAULT_PROMPT}, not this prompt",
            )


RULES = (
    prompts_are_sound,
    every_side_answers_every_task,
    one_example_per_level,
    quoted_words_are_exact,
    answers_within_word_limits,
)
