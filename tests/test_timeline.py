"""The timeline of notebook 04: phases, events, quotes, the chart and the widgets."""

from __future__ import annotations

import datetime as dt
import io

from explainer import cli
from explainer.charts import base
from explainer.charts.timeline import events_timeline as timeline
from explainer.charts.timeline import lane
from explainer.model.timeline import (
    CANCELLED,
    cancelled_press_events,
    european_reactions,
    filter_events,
    phases_frame,
    quotes_frame,
)
from explainer.views.timeline import QuoteExplorer, TimelineExplorer, event_html

PHASES = ["pressure", "rupture", "oval-office", "pause", "jeddah", "signing", "ratification"]
PHASES += ["setting-up", "capital-and-packages", "first-projects"]  # after the launch (issue 15)


# ---------------------------------------------------------------- data rules


def test_phases_in_order_and_contiguous(content):
    phases = sorted(content.phases, key=lambda p: p.start)
    assert [p.id for p in phases] == PHASES
    for before, after in zip(phases, phases[1:]):
        assert after.start == before.end + dt.timedelta(days=1), (before.id, after.id)


def test_every_event_lies_inside_its_phase(content):
    phases = {p.id: p for p in content.phases}
    for e in content.events:
        assert phases[e.phase].start <= e.date <= phases[e.phase].end, e.id


def test_validator_reports_an_event_outside_its_phase(data_copy):
    path = data_copy / "events.yaml"
    text = path.read_text()
    anchor = "- id: oval-office-clash\n  date: 2025-02-28\n"
    assert text.count(anchor) == 1
    path.write_text(text.replace(anchor, "- id: oval-office-clash\n  date: 2025-03-05\n"))
    out = io.StringIO()
    assert cli.check(str(data_copy), out=out) == cli.EXIT_BAD_DATA
    lines = out.getvalue().splitlines()
    expected = (
        f"{data_copy}/events.yaml: record oval-office-clash: field date: "
        "2025-03-05 is outside phase 'oval-office' (2025-02-28 to 2025-03-02)"
    )
    assert lines == [expected, "1 problem found; nothing was changed."]


def test_timeline_runs_through_ratification(content):
    ratified = content.get("events", "rada-ratifies")
    assert str(ratified.date) == "2025-05-08" and "338" in ratified.title
    launched = [e for e in content.events if e.phase == "ratification" and str(e.date) == "2025-05-23"]
    assert launched, "entry into force (23 May) is on the timeline"


def test_both_cancelled_press_events(content):
    cancelled = cancelled_press_events(content)
    assert [str(e.date) for e in cancelled] == ["2025-02-20", "2025-02-28"]
    assert all(CANCELLED in e.tags for e in cancelled)


def test_european_reactions_table(content):
    frame = european_reactions(content)
    assert len(frame) >= 10
    assert frame["after"].nunique() == 2
    assert {"Olaf Scholz", "Kaja Kallas", "Emmanuel Macron"} <= set(frame.speaker)
    assert not ({"Donald Trump", "Volodymyr Zelensky"} & set(frame.speaker))


def test_phases_frame_counts_every_event(content):
    frame = phases_frame(content)
    assert list(frame.phase)[0] == "Pressure" and frame.events.sum() == len(content.events)


# ---------------------------------------------------------------- chart


def test_filters(content):
    everything = filter_events(content)
    assert len(everything) == len(content.events)
    feb = filter_events(content, (dt.date(2025, 2, 18), dt.date(2025, 2, 28)))
    assert feb and all(dt.date(2025, 2, 18) <= e.date <= dt.date(2025, 2, 28) for e in feb)
    assert all("kellogg" in e.actors for e in filter_events(content, actor="kellogg"))
    assert all("France" in e.countries for e in filter_events(content, country="France"))
    assert filter_events(content, (dt.date(2025, 3, 20), dt.date(2025, 3, 31)), actor="kellogg") == ()
    assert {lane(e) for e in content.events} <= {
        "Deal texts and ratification",
        "Meetings",
        "Statements",
        "Aid",
        "Europe reacts",
        "Other",
    }


def test_timeline_chart(content):
    fig = timeline(content, selected="oval-office-clash")
    meta = base.info(fig)
    assert f"Timeline of {len(content.events)} events" in meta.alt_text
    assert "2 cancelled press events" in meta.alt_text and "Selected: 28 February" in meta.alt_text
    assert meta.data.cancelled_press_event.sum() == 2
    png = base.to_png(fig)
    again = timeline(content, fig=fig, dates=(dt.date(2025, 3, 1), dt.date(2025, 3, 31)))
    assert again is fig and base.to_png(fig) != png
    empty = timeline(content, dates=(dt.date(2025, 3, 20), dt.date(2025, 3, 21)), actor="kellogg")
    assert base.info(empty).alt_text.startswith("Timeline of 0 events")


# ---------------------------------------------------------------- widgets


def test_timeline_explorer_responds(content):
    view = TimelineExplorer(content)
    assert view.dates.value[0] == min(e.date for e in content.events)
    image, detail = view.chart.image.value, view.detail.value
    view.event.value = "oval-office-clash"
    assert view.chart.image.value != image and view.detail.value != detail
    assert "Said that day" in view.detail.value and "World War Three" in view.detail.value
    image = view.chart.image.value
    view.dates.value = (dt.date(2025, 2, 18), dt.date(2025, 3, 2))
    assert view.chart.image.value != image
    view.actor.value = "kellogg"
    ids = [value for _label, value in view.event.options]
    assert ids and all("kellogg" in content.get("events", i).actors for i in ids)
    assert view.event.value in ids
    view.country.value = "Hungary"
    assert view.event.options == (("No events match", None),)
    assert "No events match" in view.detail.value
    assert not view.chart.output.outputs and not view.output.outputs


def test_event_detail_shows_the_days_quotes_and_sources(content):
    html = event_html(content, "kyiv-statements-cancelled")
    assert "press event was cancelled" in html
    assert "protocol filming" in html  # Nykyforov's words that day
    assert "<ul>" in html  # the sources list


def test_quote_explorer_responds(content):
    view = QuoteExplorer(content)
    everyone = view.table.value
    assert f"{len(content.quotes)} quotes" in everyone
    view.speaker.value = "kallas"
    assert view.table.value != everyone and "Kaja Kallas" in view.table.value
    view.phase.value = "pressure"
    assert "No quotes match" in view.table.value
    frame = quotes_frame(content, speaker="bessent")
    assert list(frame.date)[0] == "12 Feb 2025"


def test_explorer_clamps_dates_outside_the_record_and_labels_years(content):
    """A phase may end after the last event: the explorer starts at the record's edges, not with an error."""
    from explainer.model.timeline import full_range

    first, last = full_range(content)
    view = TimelineExplorer(content, start=first - dt.timedelta(days=30), end=last + dt.timedelta(days=200))
    assert view.dates.value == (first, last)
    if first.year != last.year:  # a record over two years names the year on every date
        assert str(first.year) in view.dates.options[0][0] and str(last.year) in view.dates.options[-1][0]
    assert view.output.outputs == ()
