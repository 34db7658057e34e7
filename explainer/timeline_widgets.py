"""Widgets and tables for notebook 04: the timeline, its events and the words people said."""

from __future__ import annotations

import datetime as dt

import ipywidgets as w

from .charts.timeline import CANCELLED, events_timeline, filter_events
from .display import esc, sources_html
from .widgets import ChartView, Messages

ALL = "all"
# Countries whose leaders' reactions count as European in the reactions table.
NON_EUROPEAN = {"United States", "Ukraine", "Russia", "Saudi Arabia", "Vatican City"}


# ----------------------------------------------------------------------------
# Tables


def phases_frame(content):
    """The phases in order: number, name, first and last day, and how many events each holds."""
    import pandas as pd

    phases = sorted(content.phases, key=lambda p: p.start)
    return pd.DataFrame(
        [
            {
                "#": i,
                "phase": p.name,
                "from": f"{p.start:%-d %b %Y}",
                "to": f"{p.end:%-d %b %Y}",
                "events": sum(e.phase == p.id for e in content.events),
                "what happened": p.summary,
            }
            for i, p in enumerate(phases, start=1)
        ]
    )


def cancelled_press_events(content):
    """The events tagged as cancelled press events, in date order."""
    return tuple(sorted((e for e in content.events if CANCELLED in e.tags), key=lambda e: e.date))


def quotes_of_day(content, day: dt.date, event_id: str | None = None):
    """Quotes said on ``day``, and any quote linked to ``event_id``, in speaker order."""
    found = [q for q in content.quotes if q.date == day or (event_id and q.event == event_id)]
    return tuple(sorted(found, key=lambda q: (q.date, content.get("actors", q.speaker).name, q.id)))


def european_reactions(content):
    """What European leaders said after the "dictator" post and after the Oval Office clash.

    Returns
    -------
    pandas.DataFrame
        One row per quote by a European speaker: ``after`` (the event it
        answered), ``date``, ``speaker``, ``role``, ``words`` and ``source``.
    """
    import pandas as pd

    europe_events = {e.id: e for e in content.events if "europe" in e.tags and "statement" in e.tags}
    rows = []
    for q in sorted(content.quotes, key=lambda q: q.date):
        actor = content.get("actors", q.speaker)
        if actor.country in NON_EUROPEAN or q.event not in europe_events:
            continue
        src = content.get("sources", q.sources[0])
        rows.append(
            {
                "after": europe_events[q.event].title,
                "date": f"{q.date:%-d %b %Y}",
                "speaker": actor.name,
                "role": actor.role,
                "words": q.words,
                "source": f"{src.publisher}, {src.date_text}",
            }
        )
    return pd.DataFrame(rows, columns=["after", "date", "speaker", "role", "words", "source"])


def quotes_frame(content, speaker: str = ALL, phase: str = ALL):
    """Who said what, when: quotes filtered by speaker id and phase id (``"all"`` for every one)."""
    import pandas as pd

    phases = sorted(content.phases, key=lambda p: p.start)
    rows = []
    for q in sorted(content.quotes, key=lambda q: (q.date, q.id)):
        if speaker != ALL and q.speaker != speaker:
            continue
        in_phase = next((p for p in phases if p.start <= q.date <= p.end), None)
        if phase != ALL and (in_phase is None or in_phase.id != phase):
            continue
        src = content.get("sources", q.sources[0])
        rows.append(
            {
                "date": f"{q.date:%-d %b %Y}",
                "speaker": content.get("actors", q.speaker).name,
                "words": q.words,
                "context": q.context,
                "source": f"{src.publisher}, {src.date_text}",
            }
        )
    return pd.DataFrame(rows, columns=["date", "speaker", "words", "context", "source"])


def event_html(content, event_id: str) -> str:
    """An event's detail, the quotes of that day and their sources, as safe HTML."""
    e = content.get("events", event_id)
    phase = content.get("phases", e.phase)
    when = f"{e.date:%-d %B %Y}" + (f" to {e.end_date:%-d %B %Y}" if e.end_date else "")
    actors = ", ".join(content.get("actors", a).name for a in e.actors)
    parts = [
        f"<h4>{esc(e.title)}</h4>",
        f"<p><b>When:</b> {esc(when)} &middot; <b>Phase:</b> {esc(phase.name)}"
        f" &middot; <b>Confidence:</b> {esc(e.confidence)}</p>",
    ]
    if CANCELLED in e.tags:
        parts.append("<p><b>✘ A planned press event was cancelled.</b></p>")
    parts.append(f"<p>{esc(e.summary)}</p>")
    parts.append(f"<p><b>Who:</b> {esc(actors)} &middot; <b>Countries:</b> {esc(', '.join(e.countries))}</p>")
    if e.alternative_dates or e.date_note:
        alt = ", ".join(f"{d:%-d %B}" for d in e.alternative_dates)
        parts.append(f"<p><b>On the date:</b> {esc(e.date_note or '')} {esc(alt)}</p>")
    parts.append(f"<p><b>Sources:</b></p>{sources_html(content.sources_for(e.sources))}")
    quotes = quotes_of_day(content, e.date, e.id)
    if quotes:
        parts.append(f"<h4>Said that day ({len(quotes)})</h4>")
        for q in quotes:
            speaker = content.get("actors", q.speaker)
            parts.append(
                f"<blockquote>&ldquo;{esc(q.words)}&rdquo;<br>&mdash; <b>{esc(speaker.name)}</b>, "
                f"{esc(speaker.role)}, {q.date:%-d %B %Y}. <i>{esc(q.context)}</i>"
                f"{sources_html(content.sources_for(q.sources))}</blockquote>"
            )
    else:
        parts.append("<p><i>No quotes are recorded for that day.</i></p>")
    return "".join(parts)


# ----------------------------------------------------------------------------
# Widgets


class TimelineExplorer:
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
    widget : ipywidgets.VBox
    """

    def __init__(self, content, start: dt.date | None = None, end: dt.date | None = None, selected: str | None = None):
        self.content = content
        events = sorted(content.events, key=lambda e: e.date)
        first, last = events[0].date, max(e.end_date or e.date for e in events)
        days = [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]
        self.dates = w.SelectionRangeSlider(
            options=[(f"{d:%-d %b}", d) for d in days],
            index=(days.index(start or first), days.index(end or last)),
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
        self.chart = ChartView(
            events_timeline,
            content,
            controls={"dates": self.dates, "actor": self.actor, "country": self.country, "selected": self.event},
        )
        self.event.observe(lambda _c: self.show(), names="value")
        self.widget = w.VBox([self.chart.widget, self.event, self.detail])
        self.show()

    def visible(self):
        """The events that pass the current filters."""
        return filter_events(self.content, self.dates.value, self.actor.value, self.country.value)

    def _set_event_options(self, keep: str | None = None):
        events = self.visible()
        options = [(f"{e.date:%-d %b}: {e.title}", e.id) for e in events] or [("No events match", None)]
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
        self.chart.output.clear_output(wait=True)
        try:
            if self.event.value is None:
                self.detail.value = "<p><i>No events match these filters. Widen the dates or clear a filter.</i></p>"
            else:
                self.detail.value = event_html(self.content, self.event.value)
        except Exception as err:  # shown to the reader, not lost in the log
            with self.chart.output:
                print(f"Could not show this event: {type(err).__name__}: {err}")

    def _ipython_display_(self):
        from IPython.display import display

        display(self.widget)


class QuoteExplorer:
    """Who said what, when: filter the quotes by speaker and by phase.

    Attributes
    ----------
    speaker, phase : ipywidgets.Dropdown
    table : ipywidgets.HTML
        The matching quotes with their sources; replaced in place.
    widget : ipywidgets.VBox
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
        phases = sorted(content.phases, key=lambda p: p.start)
        self.phase = w.Dropdown(options=[("All phases", ALL)] + [(p.name, p.id) for p in phases], description="Phase:")
        self.table = w.HTML()
        self.output = Messages()
        for control in (self.speaker, self.phase):
            control.observe(lambda _c: self.update(), names="value")
        self.widget = w.VBox([w.HBox([self.speaker, self.phase]), self.table, self.output])
        self.update()

    def frame(self):
        """The quotes shown now, as a DataFrame."""
        return quotes_frame(self.content, self.speaker.value, self.phase.value)

    def update(self) -> None:
        """Rebuild the list for the current filters."""
        self.output.clear_output()
        try:
            frame = self.frame()
            if frame.empty:
                self.table.value = "<p><i>No quotes match these filters.</i></p>"
                return
            head = f"<p><b>{len(frame)} quote{'s' if len(frame) != 1 else ''}</b></p>"
            self.table.value = head + frame.to_html(index=False, escape=True, border=0, classes="explainer-table")
        except Exception as err:
            with self.output:
                print(f"Could not list these quotes: {type(err).__name__}: {err}")

    def _ipython_display_(self):
        from IPython.display import display

        display(self.widget)
