"""A text students check alone (notebook 08): its passages and the project's ledger for it.

The text is a short public-domain US government statement the unit has not
walked through. Each passage is a checkable claim (``kind: fact``), a
statement of intent or an opinion; each fact has one ledger entry, rated on
the same scale and to the same standard as the article's claims.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from .claims import Claim, verdict
from .fields import Collection, Finding, items, ref, refs
from .fields import text as text_field

#: What a passage is: a checkable claim, a statement of what someone will do, or a view.
PassageKind = Literal["fact", "intent", "opinion"]


@dataclass(frozen=True)
class Passage:
    """One sentence or short passage of a transfer text.

    ``wording`` is ``exact`` where ``words`` are the text's own English words
    as the copies read give them, ``reported`` where they are ours, giving a
    sentence the copies report only in indirect speech or translation.
    ``why`` says why the passage is or is not checkable; ``later`` and
    ``events`` what the record shows since, for a statement of intent;
    ``sources`` back any fact ``why`` itself states.
    """

    id: str
    speaker: str
    wording: Literal["exact", "reported"]
    words: str
    kind: PassageKind
    why: str
    later: str | None = None
    events: tuple[str, ...] = refs("events", min_items=0)
    sources: tuple[str, ...] = refs("sources", min_items=0)


@dataclass(frozen=True)
class TransferText:
    """A public-domain text, with its producer, source, licence note and passages."""

    id: str
    title: str
    producer: str
    date: dt.date
    source: str = ref("sources")
    licence: str = text_field()
    retrieved: str = text_field()
    note: str = text_field()
    passages: tuple[Passage, ...] = items(3)


@dataclass(frozen=True)
class TransferClaim(Claim):
    """The ledger's entry for one checkable passage of a transfer text (the article ledger's fields)."""

    text: str = ref("transfer_texts")
    passage: str = text_field(max_chars=20)


COLLECTIONS = (
    Collection(name="transfer_texts", record=TransferText, path="transfer"),
    Collection(name="transfer_claims", record=TransferClaim, path="transfer_claims"),
)


def _norm(words: str) -> str:
    return " ".join(words.replace("’", "'").lower().split())


def passages_unique(content):
    """A text's passage ids are distinct."""
    for t in content.transfer_texts:
        seen = set()
        for p in t.passages:
            if p.id in seen:
                yield Finding("transfer_texts", t.id, "passages", f"passage id {p.id!r} is used twice")
            seen.add(p.id)


def claims_judge_their_passages(content):
    """A ledger entry judges a checkable passage of its text and quotes words that passage holds."""
    for c in content.transfer_claims:
        t = next((t for t in content.transfer_texts if t.id == c.text), None)
        if t is None:
            continue  # an unknown text is reported by the field check
        p = next((p for p in t.passages if p.id == c.passage), None)
        if p is None:
            yield Finding("transfer_claims", c.id, "passage", f"{c.text} has no passage {c.passage!r}")
        elif p.kind != "fact":
            yield Finding("transfer_claims", c.id, "passage", f"{c.passage} is a statement of {p.kind}, not a fact")
        elif _norm(c.quoted) not in _norm(p.words):
            yield Finding("transfer_claims", c.id, "quoted", f"these words are not in passage {c.passage}")
        elif not verdict(content, c).rated:
            yield Finding("transfer_claims", c.id, "rating", f"{c.rating!r} is not a verdict on the scale")


def every_fact_has_one_entry(content):
    """Each checkable passage has exactly one ledger entry, and each statement of intent says what came later."""
    judged: dict[tuple[str, str], list[str]] = {}
    for c in content.transfer_claims:
        judged.setdefault((c.text, c.passage), []).append(c.id)
    for t in content.transfer_texts:
        for n, p in enumerate(t.passages):
            ids = judged.get((t.id, p.id), [])
            if p.kind == "fact" and len(ids) != 1:
                yield Finding(
                    "transfer_texts",
                    t.id,
                    f"passages[{n}]",
                    f"{p.id} is a fact: it needs one ledger entry, has {len(ids)}",
                )
            if p.kind == "intent" and not p.later:
                yield Finding(
                    "transfer_texts",
                    t.id,
                    f"passages[{n}].later",
                    f"{p.id} is a statement of intent: say what came later",
                )


RULES = (passages_unique, claims_judge_their_passages, every_fact_has_one_entry)


# ----------------------------------------------------------------------------
# Queries


def ledger_for(content, text_id: str) -> tuple[TransferClaim, ...]:
    """The ledger's entries for the text ``text_id``, in the order of its passages."""
    order = {p.id: n for n, p in enumerate(content.get("transfer_texts", text_id).passages)}
    return tuple(sorted((c for c in content.transfer_claims if c.text == text_id), key=lambda c: order[c.passage]))


def checkable(content, text_id: str) -> tuple[str, ...]:
    """The ids of the text's checkable passages (those of kind ``fact``)."""
    return tuple(p.id for p in content.get("transfer_texts", text_id).passages if p.kind == "fact")


def call_name(text_id: str, claim_id: str) -> str:
    """The name a student's call on a transfer claim is saved under: the text id, a colon, the claim id.

    Prefixed so that it can never be taken for a call on one of the article's claims.
    """
    return f"{text_id}:{claim_id}"


def marks_score(content, text_id: str, marked) -> tuple[int, int]:
    """How many passages a student sorted as the ledger does (ticked if checkable, left if not), out of how many."""
    facts, marked = set(checkable(content, text_id)), set(marked)
    passages = content.get("transfer_texts", text_id).passages
    return sum((p.id in marked) == (p.id in facts) for p in passages), len(passages)


def sources_of(content, text_id: str) -> tuple[str, ...]:
    """Every source id behind the text and its ledger: the text's own, its entries' and its passages'."""
    t = content.get("transfer_texts", text_id)
    used = [t.source, *(s for c in ledger_for(content, text_id) for s in c.sources)]
    used += [s for p in t.passages for s in p.sources]
    return tuple(dict.fromkeys(used))
