"""The dated story: people and institutions, phases, events and the words people said.

Queries here decide what the charts and views show (which events pass a
filter, which were cancelled press events, which reactions count as European);
the charts and views only draw and lay out what these return.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from .fields import Collection, Confidence, Finding, day_text, items, ref, refs, text

ALL = "all"
CANCELLED = "press-event-cancelled"
"""The event tag of a planned press event that was called off."""


@dataclass(frozen=True)
class Role:
    """A post an actor held, and the days they held it.

    ``since`` is the first day in the post and ``until`` the last, both
    inclusive; either may be left open (held before the story starts, or
    still held when it ends). ``sources`` show the appointment or the change.
    """

    role: str
    sources: tuple[str, ...] = refs("sources")
    since: dt.date | None = None
    until: dt.date | None = None

    def covers(self, day: dt.date) -> bool:
        """Whether the post was held on ``day``."""
        return (self.since is None or self.since <= day) and (self.until is None or day <= self.until)


@dataclass(frozen=True)
class Actor:
    """A person or institution in the story, with the role they held.

    ``role`` is one role held throughout the story; an actor whose post changed
    during it gives ``roles`` instead, each with its dates (one or the other,
    never both). :func:`role_on` gives the role held on a day.

    ``region`` groups actors for the story: the two parties to the deal, Russia,
    and ``Europe`` for every other European government and institution.
    """

    id: str
    name: str
    kind: Literal["person", "institution", "government", "organisation"]
    country: str
    region: Literal["United States", "Ukraine", "Russia", "Europe", "Other"]
    sources: tuple[str, ...] = refs("sources")
    role: str | None = None
    roles: tuple[Role, ...] = items(0)


@dataclass(frozen=True)
class Phase:
    """A stretch of the story with a name (pressure, rupture, ...)."""

    id: str
    name: str
    start: dt.date
    end: dt.date
    summary: str


@dataclass(frozen=True)
class Event:
    """A dated event on the timeline.

    Where sources disagree on the date, ``alternative_dates`` records the
    other dates and ``date_note`` says who gives which.
    """

    id: str
    date: dt.date
    title: str = text(max_chars=90)
    summary: str
    phase: str = ref("phases")
    actors: tuple[str, ...] = refs("actors")
    countries: tuple[str, ...] = items(1)
    sources: tuple[str, ...] = refs("sources")
    confidence: Confidence
    end_date: dt.date | None = None
    alternative_dates: tuple[dt.date, ...] = items(0)
    date_note: str | None = None
    tags: tuple[str, ...] = items(0)

    @property
    def cancelled(self) -> bool:
        """Whether this is a planned press event that was called off."""
        return CANCELLED in self.tags

    @property
    def last_day(self) -> dt.date:
        """The event's last day (its date, for a one-day event)."""
        return self.end_date or self.date


QuoteForm = Literal["spoken", "written", "readout", "translation"]

FORM_NOTES = {
    "spoken": "",
    "written": "written",
    "readout": "official readout: the government's summary, not the speaker's own words",
    "translation": "translated from {language}",
}


@dataclass(frozen=True)
class Quote:
    """Words someone said or wrote, exactly as reported, with where they were reported.

    ``form`` says what the words are: ``spoken`` on the record, ``written`` (a
    post, a letter, a statement), a government's ``readout`` (its summary of
    what someone said, never to be shown as their own words) or a
    ``translation`` into English, with the ``language`` of the original.
    """

    id: str
    speaker: str = ref("actors")
    date: dt.date
    form: QuoteForm
    words: str = text(max_chars=400)
    context: str
    sources: tuple[str, ...] = refs("sources")
    event: str | None = ref("events", default=None)
    language: str | None = None

    @property
    def form_note(self) -> str:
        """How to label the words where they are shown ("translated from German"); empty when spoken in English."""
        return FORM_NOTES[self.form].format(language=self.language or "another language")


COLLECTIONS = (
    Collection(name="actors", record=Actor, path="actors"),
    Collection(name="phases", record=Phase, path="phases"),
    Collection(name="events", record=Event, path="events"),
    Collection(name="quotes", record=Quote, path="quotes"),
)


# ----------------------------------------------------------------------------
# Rules


def phase_in_order(content):
    """A phase ends on or after the day it starts."""
    for p in content.phases:
        if p.end < p.start:
            yield Finding("phases", p.id, "end", f"ends ({p.end}) before it starts ({p.start})")


def event_end_after_start(content):
    """An event lasting several days ends after it begins."""
    for e in content.events:
        if e.end_date and e.end_date < e.date:
            yield Finding("events", e.id, "end_date", f"is before the event's date ({e.date})")


def event_inside_phase(content):
    """An event's date lies inside the dates of its phase."""
    phases = {p.id: p for p in content.phases}
    for e in content.events:
        phase = phases.get(e.phase)
        if phase and not (phase.start <= e.date <= phase.end):
            yield Finding(
                "events", e.id, "date", f"{e.date} is outside phase {phase.id!r} ({phase.start} to {phase.end})"
            )


def translation_names_its_language(content):
    """A translated quote names the language of the original; no other quote does."""
    for q in content.quotes:
        if q.form == "translation" and not q.language:
            yield Finding("quotes", q.id, "language", "a translation needs the language of the original")
        if q.form != "translation" and q.language:
            yield Finding(
                "quotes", q.id, "language", f"is given, but the quote's form is {q.form!r}, not a translation"
            )


def one_kind_of_role(content):
    """An actor gives either one ``role`` for the whole story or dated ``roles``, not both or neither."""
    for a in content.actors:
        if (a.role is None) == (not a.roles):
            yield Finding(
                "actors", a.id, "role", "give either role (one for the whole story) or dated roles, not both or neither"
            )


def roles_follow_one_another(content):
    """Dated roles are listed in order, each ending before the next begins; only the first and last are open."""
    for a in content.actors:
        last = len(a.roles) - 1
        for i, r in enumerate(a.roles):
            if r.since and r.until and r.until < r.since:
                yield Finding(
                    "actors", a.id, f"roles[{i}].until", f"{r.until} is before the role's first day ({r.since})"
                )
            if i > 0 and r.since is None:
                yield Finding(
                    "actors", a.id, f"roles[{i}].since", "is missing; only the first role may be open at the start"
                )
            if i < last and r.until is None:
                yield Finding(
                    "actors", a.id, f"roles[{i}].until", "is missing; only the last role may be open at the end"
                )
            before = a.roles[i - 1] if i > 0 else None
            if before and before.until and r.since and r.since <= before.until:
                yield Finding(
                    "actors",
                    a.id,
                    f"roles[{i}].since",
                    f"{r.since} is not after roles[{i - 1}], held until {before.until}; list roles in date order",
                )


def speaker_holds_a_role(content):
    """A quote's date falls inside one of its speaker's roles, so the role shown beside it is the one held that day."""
    actors = {a.id: a for a in content.actors}
    for q in content.quotes:
        actor = actors.get(q.speaker)
        if actor and actor.roles and not any(r.covers(q.date) for r in actor.roles):
            yield Finding("quotes", q.id, "date", f"{q.date} is outside every dated role of speaker {q.speaker!r}")


RULES = (
    phase_in_order,
    event_end_after_start,
    event_inside_phase,
    translation_names_its_language,
    one_kind_of_role,
    roles_follow_one_another,
    speaker_holds_a_role,
)


# ----------------------------------------------------------------------------
# Queries


def phases_in_order(content) -> tuple[Phase, ...]:
    """The phases, earliest first."""
    return tuple(sorted(content.phases, key=lambda p: p.start))


def events_in_order(content) -> tuple[Event, ...]:
    """Every event, earliest first (then by title)."""
    return tuple(sorted(content.events, key=lambda e: (e.date, e.title)))


def full_range(content) -> tuple[dt.date, dt.date]:
    """The first and the last day of the timeline."""
    return min(e.date for e in content.events), max(e.last_day for e in content.events)


def filter_events(content, dates=None, actor=ALL, country=ALL) -> tuple[Event, ...]:
    """Events inside ``dates`` (a pair of dates, inclusive) involving ``actor`` and ``country``.

    Parameters
    ----------
    content : Content
    dates : tuple of datetime.date, optional
        ``(first, last)``; ``None`` means the whole timeline.
    actor : str
        An actor id, or ``"all"``.
    country : str
        A country name as written in the events, or ``"all"``.

    Returns
    -------
    tuple of Event
        Sorted by date, then title.
    """
    first, last = dates if dates else (dt.date.min, dt.date.max)
    return tuple(
        e
        for e in events_in_order(content)
        if e.date <= last
        and e.last_day >= first
        and (actor in (None, ALL) or actor in e.actors)
        and (country in (None, ALL) or country in e.countries)
    )


def cancelled_press_events(content) -> tuple[Event, ...]:
    """The events that were planned press events called off, in date order."""
    return tuple(e for e in events_in_order(content) if e.cancelled)


def events_in_phases(content, *phase_ids: str) -> tuple[Event, ...]:
    """The events of the phases ``phase_ids``, phase by phase in the order given, each phase's by date."""
    return tuple(
        e for pid in phase_ids for e in sorted((e for e in content.events if e.phase == pid), key=lambda e: e.date)
    )


def tagged(events, *tags: str) -> tuple[Event, ...]:
    """The events among ``events`` that carry at least one of ``tags``, in the order given."""
    return tuple(e for e in events if set(tags) & set(e.tags))


def thread_ends(events, threads: dict[str, tuple[str, ...]]):
    """Where each thread of events stops: its last event, the day and how firmly it is sourced.

    Parameters
    ----------
    events : sequence of Event
    threads : dict
        A thread's name and the tags that mark its events (see :func:`tagged`).

    Returns
    -------
    pandas.DataFrame
        One row per thread, in the order given: ``thread``, ``last event``,
        ``date`` and ``confidence``; a thread none of ``events`` carries says
        so ("no event on record") rather than failing (a reader's own copy of
        the data may have removed or retagged them).
    """
    import pandas as pd

    rows = []
    for name, tags in threads.items():
        found = tagged(events, *tags)
        if not found:
            rows.append({"thread": name, "last event": "no event on record", "date": "", "confidence": ""})
            continue
        last = max(found, key=lambda e: (e.last_day, e.title))
        rows.append(
            {"thread": name, "last event": last.title, "date": day_text(last.last_day), "confidence": last.confidence}
        )
    return pd.DataFrame(rows, columns=["thread", "last event", "date", "confidence"])


def period_after(content, event_id: str) -> tuple[Event, tuple[Phase, ...], tuple[Event, ...]]:
    """What came after one event: the event, the phases that start after it and the events in them.

    Returns
    -------
    (Event, tuple of Phase, tuple of Event)
        The event ``event_id``; the phases starting after its date, earliest
        first; the events from the first of those phases' start to the last
        one's end, by date.
    """
    event = content.get("events", event_id)
    later = tuple(p for p in phases_in_order(content) if p.start > event.date)
    if not later:
        raise ValueError(f"no phase starts after {event_id!r} ({event.date})")
    return event, later, filter_events(content, (later[0].start, later[-1].end))


def speaker_of(content, quote) -> Actor:
    """The actor who said ``quote``."""
    return content.get("actors", quote.speaker)


def role_on(actor: Actor, day: dt.date) -> str:
    """The role ``actor`` held on ``day``.

    Parameters
    ----------
    actor : Actor
    day : datetime.date
        The date of the record shown beside the role (a quote, an event).

    Returns
    -------
    str
        The actor's one ``role``, or the text of the dated role that covers ``day``.

    Raises
    ------
    LookupError
        If the actor's dated roles leave ``day`` out (the check refuses a quote
        dated so; see :func:`speaker_holds_a_role`).
    """
    if not actor.roles:
        return actor.role
    for r in actor.roles:
        if r.covers(day):
            return r.role
    raise LookupError(f"{actor.name} has no role on record for {day.isoformat()}")


def speaker_role(content, quote) -> str:
    """The role the speaker of ``quote`` held on the day it was said."""
    return role_on(speaker_of(content, quote), quote.date)


def quotes_of_day(content, day: dt.date, event_id: str | None = None) -> tuple[Quote, ...]:
    """Quotes said on ``day``, and any quote linked to ``event_id``, in speaker order."""
    found = [q for q in content.quotes if q.date == day or (event_id and q.event == event_id)]
    return tuple(sorted(found, key=lambda q: (q.date, speaker_of(content, q).name, q.id)))


def phase_of(content, day: dt.date) -> Phase | None:
    """The phase that ``day`` falls in, or None."""
    return next((p for p in phases_in_order(content) if p.start <= day <= p.end), None)


def phases_frame(content):
    """The phases in order: number, name, first and last day, and how many events each holds."""
    import pandas as pd

    return pd.DataFrame(
        [
            {
                "#": i,
                "phase": p.name,
                "from": day_text(p.start),
                "to": day_text(p.end),
                "events": sum(e.phase == p.id for e in content.events),
                "what happened": p.summary,
            }
            for i, p in enumerate(phases_in_order(content), start=1)
        ]
    )


def european_reactions(content):
    """What European leaders said in answer to the events tagged as European statements.

    A speaker counts as European by their record's ``region`` (data, not code).

    Returns
    -------
    pandas.DataFrame
        One row per quote by a European speaker: ``after`` (the event it
        answered), ``date``, ``speaker``, ``role``, ``words``, ``form`` (spoken,
        written, readout or the language it was translated from) and ``source``.
    """
    import pandas as pd

    answered = {e.id: e for e in content.events if "europe" in e.tags and "statement" in e.tags}
    rows = []
    for q in sorted(content.quotes, key=lambda q: q.date):
        actor = speaker_of(content, q)
        if actor.region != "Europe" or q.event not in answered:
            continue
        rows.append(
            {
                "after": answered[q.event].title,
                "date": day_text(q.date),
                "speaker": actor.name,
                "role": role_on(actor, q.date),
                "words": q.words,
                "form": q.form_note or "spoken",
                "source": content.get("sources", q.sources[0]).credit,
            }
        )
    return pd.DataFrame(rows, columns=["after", "date", "speaker", "role", "words", "form", "source"])


def quotes_frame(content, speaker: str = ALL, phase: str = ALL):
    """Who said what, when: quotes filtered by speaker id and phase id (``"all"`` for every one)."""
    import pandas as pd

    rows = []
    for q in sorted(content.quotes, key=lambda q: (q.date, q.id)):
        if speaker != ALL and q.speaker != speaker:
            continue
        in_phase = phase_of(content, q.date)
        if phase != ALL and (in_phase is None or in_phase.id != phase):
            continue
        rows.append(
            {
                "date": day_text(q.date),
                "speaker": speaker_of(content, q).name,
                "words": q.words,
                "form": q.form_note or "spoken",
                "context": q.context,
                "source": content.get("sources", q.sources[0]).credit,
            }
        )
    return pd.DataFrame(rows, columns=["date", "speaker", "words", "form", "context", "source"])
