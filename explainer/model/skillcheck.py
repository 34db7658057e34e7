"""The skill check: a short test of four checking skills, taken before the unit and after it.

Two parallel forms, A and B, ask the same number of items on each skill and
share no item, so the check after the unit is not the check before it. Each
item is a record of ``data/skillcheck.yaml``: a figure, quote or pair of
sources from the record, the skill it tests, its options, the answer and a
short "why" shown once the student has committed. Where the item's material
is a record that states the answer (a figure's measure, a quote's form, a
source's publisher), a rule holds the item's answer to it.

Which form a student takes first is counterbalanced by the student's id
(:func:`form_for`): half a class starts with A, half with B, so a form that
turns out easier than the other does not show up as a gain.
"""

from __future__ import annotations

import hashlib
import re
import typing
from collections import Counter
from dataclasses import dataclass
from typing import Literal

from .fields import Collection, Finding, items, refs

Form = Literal["A", "B"]
Skill = Literal["measure", "quote-form", "checkable", "producer"]
When = Literal["before", "after"]

FORMS: tuple[str, ...] = typing.get_args(Form)
SKILLS: tuple[str, ...] = typing.get_args(Skill)
WHENS: tuple[str, ...] = typing.get_args(When)

#: Each skill in words (as the class summary and the results name it).
SKILL_LABELS = {
    "measure": "Which measure a figure counts",
    "quote-form": "Own words, readout or translation",
    "checkable": "Is the claim checkable",
    "producer": "Which source is the original producer",
}

#: The question each item of a skill asks.
SKILL_QUESTIONS = {
    "measure": "What does this figure measure?",
    "quote-form": "Are these the speaker's own words, a government's readout of them, or a translation?",
    "checkable": "Can this statement be checked against the record?",
    "producer": "Which of the two is the original producer of the story?",
}


@dataclass(frozen=True)
class SkillOption:
    """One answer an item offers."""

    id: str
    text: str


#: The options every item of a skill offers, unless the item lists its own (a producer item must).
SKILL_OPTIONS: dict[str, tuple[SkillOption, ...]] = {
    "measure": (
        SkillOption("appropriated", "Appropriated: money Congress voted"),
        SkillOption("allocated", "Allocated: aid delivered or earmarked for a delivery (Kiel Institute)"),
        SkillOption("committed", "Committed: aid promised, not yet tied to a delivery (Kiel Institute)"),
        SkillOption("received", "Received: what Ukraine counts as having reached it"),
        SkillOption("claimed", "Claimed: a total asserted without an official tally behind it"),
        SkillOption("demanded", "Demanded: an amount asked for in a negotiation"),
    ),
    "quote-form": (
        SkillOption("own-words", "The speaker's own words, as said or written in English"),
        SkillOption("readout", "A readout: an office's account of what the speaker said"),
        SkillOption("translation", "A translation into English of words said in another language"),
    ),
    "checkable": (
        SkillOption("checkable", "Checkable: it states a fact that records can confirm or contradict"),
        SkillOption("judgement", "Not checkable as fact: it is an opinion, a value judgement or a call to act"),
    ),
}

#: The answer a quote item has, by the quote record's ``form``.
QUOTE_FORM_ANSWERS = {"spoken": "own-words", "written": "own-words", "readout": "readout", "translation": "translation"}


@dataclass(frozen=True)
class SkillItem:
    """One item of the skill check.

    ``text`` is what the student reads (the figure, quote or sources, in our
    words around the record's own); ``material`` names the record it is drawn
    from as ``collection/id``; ``answer`` is the id of the right option;
    ``why`` is shown only after the student has committed.
    """

    id: str
    form: Form
    skill: Skill
    text: str
    answer: str
    why: str
    material: str
    sources: tuple[str, ...] = refs("sources")
    options: tuple[SkillOption, ...] = items(0)


COLLECTIONS = (Collection(name="skillcheck", record=SkillItem, path="skillcheck"),)


def options_of(item: SkillItem) -> tuple[SkillOption, ...]:
    """The options the item offers: its own, or its skill's (:data:`SKILL_OPTIONS`)."""
    return item.options or SKILL_OPTIONS.get(item.skill, ())


def form_items(content, form: str) -> tuple[SkillItem, ...]:
    """The items of one form, in the order of :data:`SKILLS`, then file order."""
    chosen = [i for i in content.skillcheck if i.form == form]
    return tuple(sorted(chosen, key=lambda i: SKILLS.index(i.skill)))


def form_for(student: str, when: str) -> str:
    """The form a student takes ``before`` or ``after`` the unit: A then B, or B then A, by the student's id.

    The split is a hash of the id, so it is fixed for a student and about
    even across a class; the check after is always the other form.
    """
    first = FORMS[int(hashlib.sha256(student.encode("utf-8")).hexdigest(), 16) % 2]
    return first if when == "before" else next(f for f in FORMS if f != first)


def is_right(item: SkillItem, answer) -> bool:
    """Whether ``answer`` (an option id) is the item's answer."""
    return answer == item.answer


def scores(items_, answers: dict) -> dict:
    """Per skill, ``(right, asked)`` for one form's items and a student's answers ``{item id: option id}``."""
    out = {}
    for item in items_:
        right, asked = out.get(item.skill, (0, 0))
        out[item.skill] = (right + is_right(item, answers.get(item.id)), asked + 1)
    return {s: out[s] for s in SKILLS if s in out}


# ----------------------------------------------------------------------------
# Rules


def _norm(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()


def skill_answer_is_an_option(content):
    """An item's answer is one of its options; a producer item lists its own two options."""
    for item in content.skillcheck:
        if item.skill == "producer" and len(item.options) != 2:
            yield Finding("skillcheck", item.id, "options", "a producer item lists its two sources as options")
        ids = [o.id for o in options_of(item)]
        if len(set(ids)) != len(ids):
            yield Finding("skillcheck", item.id, "options", "two options share an id")
        if item.answer not in ids:
            yield Finding(
                "skillcheck", item.id, "answer", f"{item.answer!r} is not one of the options ({', '.join(ids)})"
            )


def forms_are_parallel(content):
    """Forms A and B ask the same skills, the same number of items each."""
    counts = {f: Counter(i.skill for i in content.skillcheck if i.form == f) for f in FORMS}
    for skill in SKILLS:
        a, b = (counts[f][skill] for f in FORMS)
        if a != b:
            item = next(i for i in content.skillcheck if i.skill == skill)
            yield Finding("skillcheck", item.id, "form", f"skill {skill!r} has {a} items in form A but {b} in form B")


def no_item_repeats(content):
    """No two items share their text or their material: the check after the unit is not the one before."""
    seen_text, seen_material = {}, {}
    for item in content.skillcheck:
        for field, key, seen in (("text", _norm(item.text), seen_text), ("material", item.material, seen_material)):
            if key in seen:
                yield Finding("skillcheck", item.id, field, f"repeats the {field} of {seen[key]}")
            else:
                seen[key] = item.id


def _record_answer(item: SkillItem, record) -> str | None:
    """What the material record says the answer is, where it says (None: the record does not decide)."""
    if item.skill == "measure" and hasattr(record, "measure"):
        return record.measure
    if item.skill == "quote-form" and hasattr(record, "form"):
        return QUOTE_FORM_ANSWERS[record.form]
    if item.skill == "producer" and hasattr(record, "publisher"):
        right = [o.id for o in item.options if record.publisher.lower() in o.text.lower()]
        return right[0] if len(right) == 1 else f"the option naming {record.publisher}"
    return None


def answer_matches_the_record(content):
    """An item's material exists, its sources include the material's, and its answer is what the record says."""
    for item in content.skillcheck:
        name, _, record_id = item.material.partition("/")
        if name not in content.names or not record_id:
            yield Finding("skillcheck", item.id, "material", f"{item.material!r} is not collection/id")
            continue
        try:
            record = content.get(name, record_id)
        except KeyError as err:
            yield Finding("skillcheck", item.id, "material", err.args[0])
            continue
        own = (record.id,) if name == "sources" else getattr(record, "sources", ())
        missing = [s for s in own if s not in item.sources]
        if missing:
            yield Finding("skillcheck", item.id, "sources", f"lacks {', '.join(missing)}, a source of {item.material}")
        expected = _record_answer(item, record)
        if expected is not None and expected != item.answer:
            yield Finding("skillcheck", item.id, "answer", f"{item.answer!r}, but {item.material} says {expected!r}")


RULES = (skill_answer_is_an_option, forms_are_parallel, no_item_repeats, answer_matches_the_record)
