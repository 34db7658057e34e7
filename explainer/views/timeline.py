"""Views for notebook 04: the timeline, its events and the words people said."""

from __future__ import annotations

import datetime as dt

import ipywidgets as w

from ..charts.timeline import events_timeline
from ..markup import esc, sources_html
from ..model import timeline as tl
from ..model.fields import day_text, span_text
from .base import ChartView, View
from .display import form_html

ALL = tl.ALL


def event_html(content, event_id: str) -> str:
    """An event's detail, the quotes of that day and their sources, as safe HTML."""
    e = content.get("events", event_id)
    phase = content.get("phases", e.phase)
    actors = ", ".join(content.get("actors", a).name for a in e.actors)
    parts = [
        f"<h4>{esc(e.title)}</h4>",
        f"<p><b>When:</b> {esc(span_text(e.date, e.end_date, 'long'))} &middot; <b>Phase:</b> {esc(phase.name)}"
        f" &middot; <b>Confidence:</b> {esc(e.confidence)}</p>",
    ]
    if e.cancelled:
        parts.append("<p><b>✘ A planned press event was cancelled.</b></p>")
    parts.append(f"<p>{esc(e.summary)}</p>")
    parts.append(f"<p><b>Who:</b> {esc(actors)} &middot; <b>Countries:</b> {esc(', '.join(e.countries))}</p>")
    if e.alternative_dates or e.date_note:
        alt = ", ".join(day_text(d, "long", year=False) for d in e.alternative_dates)
        parts.append(f"<p><b>On the date:</b> {esc(e.date_note or '')} {esc(alt)}</p>")
    parts.append(f"<p><b>Sources:</b></p>{sources_html(content.sources_for(e.sources))}")
    quotes = tl.quotes_of_day(content, e.date, e.id)
    if quotes:
        parts.append(f"<h4>Said that day ({len(quotes)})</h4>")
        for q in quotes:
            speaker = tl.speaker_of(content, q)
            parts.append(
                f"<blockquote>&ldquo;{esc(q.words)}&rdquo;{form_html(q)}<br>&mdash; <b>{esc(speaker.name)}</b>, "
                f"{esc(tl.role_on(speaker, q.date))}, {day_text(q.date, 'long')}. <i>{esc(q.context)}</i>"
                f"{sources_html(content.sources_for(q.sources))}</blockquote>"
            )
    else:
        parts.append("<p><i>No quotes are recorded for that day.</i></p>")
    return "".join(parts)


class TimelineExplorer(View):
    """The timeline chart with a date range, actor and country filters, and an event picker.

    Attributes
    ----------
    dates : ipywidgets.SelectionRangeSlider
        Its value is a ``(first, last)`` pair of dates.
    actor, country : ipywidgets.Dropdown
        Filters; ``"all"`` shows every event.
    event : ipywidgets.Dropdown
        The event to highlight and describe; its options follow the filters.
    chart : ChartView
    detail : ipywidgets.HTML
        The chosen event, the quotes of that day and their sources.
    """

    def __init__(self, content, start: dt.date | None = None, end: dt.date | None = None, selected: str | None = None):
        self.content = content
        events = tl.events_in_order(content)
        first, last = tl.full_range(content)
        days = [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]
        # A start or end outside the record (a phase that ends after its last event) is clamped to it.
        start, end = min(max(start or first, first), last), max(min(end or last, last), first)
        self._with_year = first.year != last.year
        self.dates = w.SelectionRangeSlider(
            options=[(day_text(d, year=self._with_year), d) for d in days],
            index=(days.index(start), days.index(end)),
            description="Dates:",
            continuous_update=False,
            layout=w.Layout(width="95%"),
        )
        used_actors = sorted({a for e in events for a in e.actors}, key=lambda a: content.get("actors", a).name)
        self.actor = w.Dropdown(
            options=[("All actors", ALL)] + [(content.get("actors", a).name, a) for a in used_actors],
            description="Actor:",
        )
        self.country = w.Dropdown(
            options=[("All countries", ALL)] + [(c, c) for c in sorted({c for e in events for c in e.countries})],
            description="Country:",
        )
        self.event = w.Dropdown(description="Event:", layout=w.Layout(width="95%"))
        self._set_event_options(selected)
        self.detail = w.HTML()
        # The filters are observed before the chart is made, so a filter change first
        # updates the event picked and the chart is then drawn once (see _on_filter).
        for control in (self.dates, self.actor, self.country):
            control.observe(self._on_filter, names="value")
        self.chart = ChartView.of(
            events_timeline, content, dates=self.dates, actor=self.actor, country=self.country, selected=self.event
        )
        self.event.observe(lambda _c: self.show(), names="value")
        super().__init__([self.chart, self.event, self.detail])
        self.show()

    def visible(self):
        """The events that pass the current filters."""
        return tl.filter_events(self.content, self.dates.value, self.actor.value, self.country.value)

    def _set_event_options(self, keep: str | None = None):
        events = self.visible()
        options = [(f"{day_text(e.date, year=self._with_year)}: {e.title}", e.id) for e in events] or [
            ("No events match", None)
        ]
        ids = [value for _label, value in options]
        current = keep if keep in ids else (self.event.value if self.event.value in ids else ids[0])
        if list(self.event.options) != options:
            self.event.options = options
        if self.event.value != current:
            self.event.value = current

    def _on_filter(self, _change):
        with self.chart.hold():  # one redraw, with the new filter and the event it leaves picked
            self._set_event_options()

    def show(self) -> None:
        """Show the chosen event's detail and the quotes of that day."""
        with self.reporting("show this event"):
            if self.event.value is None:
                self.detail.value = "<p><i>No events match these filters. Widen the dates or clear a filter.</i></p>"
            else:
                self.detail.value = event_html(self.content, self.event.value)


class QuoteExplorer(View):
    """Who said what, when: filter the quotes by speaker and by phase.

    Attributes
    ----------
    speaker, phase : ipywidgets.Dropdown
    table : ipywidgets.HTML
        The matching quotes with their sources; replaced in place.
    """

    def __init__(self, content, speaker: str = ALL):
        self.content = content
        speakers = sorted({q.speaker for q in content.quotes}, key=lambda a: content.get("actors", a).name)
        self.speaker = w.Dropdown(
            options=[("Everyone", ALL)]
            + [
                (f"{content.get('actors', a).name} ({sum(q.speaker == a for q in content.quotes)})", a)
                for a in speakers
            ],
            value=speaker,
            description="Speaker:",
        )
        self.phase = w.Dropdown(
            options=[("All phases", ALL)] + [(p.name, p.id) for p in tl.phases_in_order(content)],
            description="Phase:",
        )
        self.table = w.HTML()
        for control in (self.speaker, self.phase):
            control.observe(lambda _c: self.update(), names="value")
        super().__init__([w.HBox([self.speaker, self.phase]), self.table])
        self.update()

    def frame(self):
        """The quotes shown now, as a DataFrame."""
        return tl.quotes_frame(self.content, self.speaker.value, self.phase.value)

    def update(self) -> None:
        """Rebuild the list for the current filters."""
        with self.reporting("list these quotes"):
            frame = self.frame()
            if frame.empty:
                self.table.value = "<p><i>No quotes match these filters.</i></p>"
                return
            head = f"<p><b>{len(frame)} quote{'s' if len(frame) != 1 else ''}</b></p>"
            self.table.value = head + frame.to_html(index=False, escape=True, border=0, classes="explainer-table")


# ----------------------------------------------------------------------------
# Prose from the data, as formatted HTML


def _confidence(e, confidence: bool) -> str:
    return f" <small>({esc(e.confidence)})</small>" if confidence else ""


def events_list_html(events, confidence: bool = False) -> str:
    """Events as a list, one line each: date and title, and with ``confidence`` how firmly each is sourced."""
    items = "".join(
        f"<li><b>{esc(day_text(e.date))}</b>{_confidence(e, confidence)}: {esc(e.title)}</li>" for e in events
    )
    return f"<ul>{items}</ul>"


def events_detail_html(content, events, confidence: bool = False, quotes: bool = False) -> str:
    """Events in full: date, title, summary; optionally how firmly sourced and the words said about each.

    Parameters
    ----------
    content : Content
    events : sequence of Event
    confidence : bool
        Say how firmly each event is sourced (confirmed, single source, reported...).
    quotes : bool
        Add the quotes linked to each event, with their speakers.
    """
    parts = []
    for e in events:
        parts.append(
            f"<p><b>{esc(day_text(e.date, 'long'))}</b>{_confidence(e, confidence)}: <b>{esc(e.title)}</b></p>"
            f"<p>{esc(e.summary)}</p>"
        )
        if quotes:
            for q in tl.quotes_of_day(content, e.date, e.id):
                if q.event == e.id:
                    parts.append(
                        f"<blockquote><p>&ldquo;{esc(q.words)}&rdquo;{form_html(q)}</p>"
                        f"<footer>&mdash; {esc(tl.speaker_of(content, q).name)}</footer></blockquote>"
                    )
    return "".join(parts)


def reactions_html(content) -> str:
    """Who in Europe answered which event: for each, how many quotes and from whom."""
    reactions = tl.european_reactions(content)
    items = "".join(
        f"<li><b>{esc(after)}:</b> {len(group)} quotes, from {esc(', '.join(group.speaker))}</li>"
        for after, group in reactions.groupby("after", sort=False)
    )
    return f"<ul>{items}</ul>"


def most_quoted_html(content, n: int = 5) -> str:
    """How many quotes and speakers are on record, and the ``n`` most quoted speakers with their counts."""
    frame = tl.quotes_frame(content)
    counts = frame.speaker.value_counts()
    top = sorted(counts.index, key=lambda name: (-counts[name], name))[:n]
    items = "".join(f"<li>{esc(name)}: {counts[name]}</li>" for name in top)
    return f"<p><b>{len(frame)} quotes from {frame.speaker.nunique()} speakers.</b> Most quoted:</p><ol>{items}</ol>"


def period_html(content, event_id: str = "fund-launched", label: str = "the launch") -> str:
    """The period after one event: how many events in which phases, and how firmly they are sourced.

    Parameters
    ----------
    content : Content
    event_id : str
        The event the period starts after (see :func:`explainer.model.timeline.period_after`).
    label : str
        What to call that event in the first sentence.
    """
    event, later, after = tl.period_after(content, event_id)
    phases = "".join(
        f"<li><b>{esc(p.name)}</b>: {esc(day_text(p.start))} to {esc(day_text(p.end))} "
        f"({sum(e.phase == p.id for e in after)} events)</li>"
        for p in later
    )
    levels = "".join(
        f"<li>{esc(level)}: {sum(e.confidence == level for e in after)}</li>"
        for level in ("confirmed", "single source", "conflicting", "reported")
    )
    return (
        f"<p>After {esc(label)} on {esc(day_text(event.date, 'long'))}: <b>{len(after)} events in {len(later)} "
        f"phases</b>.</p><ul>{phases}</ul><p>By confidence:</p><ul>{levels}</ul>"
    )
