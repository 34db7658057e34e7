"""Predictions: a question a notebook asks before it shows what happened, with its answer from the record.

Each prediction names its notebook, its options (each with the feedback a
student who chose it reads), the option the record bears out, the events
that answer rests on and how firmly the answer stands. The record's
``id`` is the name the student's choice is saved under in
``my_work/guesses.json``.
"""

from __future__ import annotations

import typing
from dataclasses import dataclass

from .fields import Collection, Confidence, Finding, items, refs

#: The confidences, firmest first: an answer stands no firmer than the weakest event it rests on.
CONFIDENCE_ORDER: tuple[str, ...] = typing.get_args(Confidence)


@dataclass(frozen=True)
class Choice:
    """One option of a prediction, with what a student who chose it reads after saving."""

    id: str
    text: str
    feedback: str


@dataclass(frozen=True)
class Prediction:
    """A question asked before the reveal, answered by events of the record.

    ``answer`` is the id of the option the record bears out; ``confidence``
    how firmly that answer stands, which is the weakest confidence among
    ``events``; ``reveal`` says in our words what the record shows.
    """

    id: str
    notebook: str
    question: str
    answer: str
    confidence: Confidence
    reveal: str
    options: tuple[Choice, ...] = items(2)
    events: tuple[str, ...] = refs("events")
    sources: tuple[str, ...] = refs("sources")


COLLECTIONS = (Collection(name="predictions", record=Prediction, path="predictions"),)


def answer_choice(prediction: Prediction) -> Choice:
    """The option the record bears out."""
    return next(o for o in prediction.options if o.id == prediction.answer)


def weakest(confidences) -> str:
    """The least firm of ``confidences`` (by :data:`CONFIDENCE_ORDER`)."""
    return max(confidences, key=CONFIDENCE_ORDER.index)


def predictions_for(content, notebook: str) -> tuple[Prediction, ...]:
    """The predictions of ``notebook`` (its file name without ``.ipynb``), in file order."""
    return tuple(p for p in content.predictions if p.notebook == notebook)


# ----------------------------------------------------------------------------
# Rules


def answer_is_an_option(content):
    """Option ids are distinct and the answer names one of them."""
    for p in content.predictions:
        ids = [o.id for o in p.options]
        if len(set(ids)) != len(ids):
            yield Finding("predictions", p.id, "options", "two options share an id")
        if p.answer not in ids:
            yield Finding("predictions", p.id, "answer", f"{p.answer!r} is not one of the options ({', '.join(ids)})")


def answer_no_firmer_than_its_events(content):
    """A prediction's confidence is the weakest confidence of the events its answer rests on."""
    for p in content.predictions:
        try:
            events = [content.get("events", e) for e in p.events]
        except KeyError:
            continue  # an unknown id is reported by the field check
        floor = weakest(e.confidence for e in events)
        if p.confidence != floor:
            yield Finding(
                "predictions", p.id, "confidence", f"{p.confidence!r}, but the weakest of its events is {floor!r}"
            )


def sources_cover_its_events(content):
    """A prediction lists every source of the events its answer rests on."""
    for p in content.predictions:
        for event_id in p.events:
            try:
                event = content.get("events", event_id)
            except KeyError:
                continue
            missing = [s for s in event.sources if s not in p.sources]
            if missing:
                yield Finding("predictions", p.id, "sources", f"lacks {', '.join(missing)}, a source of {event_id}")


RULES = (answer_is_an_option, answer_no_firmer_than_its_events, sources_cover_its_events)
