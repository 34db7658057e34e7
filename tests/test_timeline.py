"""The timeline of notebook 04: phases, events, quotes, the chart and the widgets."""

from __future__ import annotations

import datetime as dt
import io

import pytest

from explainer.charts import base
from explainer.charts.timeline import events_timeline as timeline
from explainer.charts.timeline import lane
from explainer.commands import cli
from explainer.model import timeline as tl
from explainer.model.timeline import (
    CANCELLED,
    cancelled_press_events,
    european_reactions,
    filter_events,
    phases_frame,
    quotes_frame,
)
from explainer.views import timeline as tw
from explainer.views.debate import position_html
from explainer.views.timeline import QuoteExplorer, TimelineExplorer, event_html
from tests.htmltext import words

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
    assert frame["after"].nunique() == 3
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
    assert list(meta.data.kind).count("phase") == len(content.phases) and meta.data.selected.sum() == 1
    png, ax = base.to_png(fig), fig.axes[0]
    again = timeline(content, fig=fig, dates=(dt.date(2025, 3, 1), dt.date(2025, 3, 31)))
    assert again is fig and fig.axes == [ax] and base.to_png(fig) != png
    march = base.info(fig).data
    assert list(march.id[march.kind == "phase"]) == ["oval-office", "pause", "jeddah"]
    events = march[march.kind == "event"]
    assert len(events) == 9 and not march.selected.any()
    assert events.id.iloc[0] == "europe-rallies-after-oval-office"  # 28 February to 1 March: it reaches into March
    empty = timeline(content, dates=(dt.date(2025, 3, 20), dt.date(2025, 3, 21)), actor="kellogg")
    assert base.info(empty).alt_text.startswith("Timeline of 0 events")


# ---------------------------------------------------------------- widgets


def test_timeline_explorer_responds(content):
    view = TimelineExplorer(content)
    assert view.dates.value[0] == min(e.date for e in content.events)
    image, detail, fig = view.chart.image.value, view.detail.value, view.chart.figure
    view.event.value = "oval-office-clash"
    assert view.chart.image.value != image and view.detail.value != detail
    assert view.chart.figure is fig and base.info(fig).alt_text.endswith(
        "Selected: 28 February, Trump, Vance and Zelensky clash in the Oval Office."
    )
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


# ---------------------------------------------------------------- prose from the data, as formatted HTML


def test_cancelled_events_html_gives_each_event_its_summary_and_words(content):
    html = tw.events_detail_html(content, cancelled_press_events(content), quotes=True)
    assert html.count("<blockquote>") == 2
    text = words(html)
    assert text.startswith(
        "20 February 2025: Joint statements after the Kellogg-Zelensky meeting are cancelled at US request"
    )
    assert "“He can come back when he is ready for Peace” [written] — Donald Trump" in text
    assert "28 February 2025: White House lunch, joint press conference and signing are called off" in text


def test_reactions_html_counts_the_quotes_after_each_event(content):
    assert words(tw.reactions_html(content)) == (
        "European leaders reject Trump's 'dictator' label: 6 quotes, from Olaf Scholz, Annalena Baerbock, "
        "Friedrich Merz, Keir Starmer, Mette Frederiksen, Jonas Gahr Støre "
        "At the White House, Trump says Europe lends its aid to Ukraine; Macron says Europe paid: 1 quotes, "
        "from Emmanuel Macron "
        "European leaders rally behind Zelensky after the Oval Office clash: 8 quotes, from Ursula von der Leyen, "
        "Kaja Kallas, Emmanuel Macron, Friedrich Merz, Donald Tusk, Keir Starmer, Viktor Orbán, Robert Fico"
    )


def test_most_quoted_html(content):
    assert words(tw.most_quoted_html(content)) == (
        "94 quotes from 36 speakers. Most quoted: Volodymyr Zelensky: 19 Donald Trump: 15 JD Vance: 6 "
        "Mike Waltz: 5 Keir Starmer: 4"
    )


def test_events_list_html_of_the_signing_and_ratification(content):
    events = tl.events_in_phases(content, "signing", "ratification")
    assert [e.date for e in events] == sorted(e.date for e in events) and len(events) == 9
    text = words(tw.events_list_html(events))
    assert text.startswith("17 Apr 2025: Ukraine and the US sign a memorandum of intent on the minerals deal")
    assert "8 May 2025: The Verkhovna Rada ratifies the agreement, 338 votes to none" in text
    assert text.endswith("23 May 2025: A US diplomatic note completes the process and the fund is launched")
    assert "(confirmed)" in words(tw.events_list_html(events, confidence=True))


def test_period_after_the_launch(content):
    launch, later, after = tl.period_after(content, "fund-launched")
    assert launch.date == dt.date(2025, 5, 23) and [p.id for p in later] == PHASES[-3:] and len(after) == 33
    assert len(tl.tagged(after, "fund", "minerals-project")) == 11
    assert words(tw.period_html(content)) == (
        "After the launch on 23 May 2025: 33 events in 3 phases. "
        "Setting up: 1 Jun 2025 to 31 Aug 2025 (11 events) "
        "Capital and packages: 1 Sep 2025 to 31 Dec 2025 (14 events) "
        "First projects: 1 Jan 2026 to 30 Apr 2026 (8 events) "
        "By confidence: confirmed: 26 single source: 3 conflicting: 0 reported: 4"
    )


# ---------------------------------------------------------------- roles held on a record's date


def test_role_on_gives_the_post_held_that_day(content):
    svyrydenko, shmyhal = content.get("actors", "svyrydenko"), content.get("actors", "shmyhal")
    first_deputy = (
        "First Deputy Prime Minister and Minister of Economy of Ukraine; signed the minerals agreement for Ukraine"
    )
    assert tl.role_on(svyrydenko, dt.date(2025, 2, 26)) == first_deputy
    assert tl.role_on(svyrydenko, dt.date(2025, 7, 16)) == first_deputy
    assert tl.role_on(svyrydenko, dt.date(2025, 7, 17)) == (
        "Prime Minister of Ukraine; as First Deputy Prime Minister she had signed the minerals agreement"
    )
    assert [tl.role_on(shmyhal, dt.date(*d)) for d in [(2025, 2, 26), (2025, 7, 17), (2026, 1, 13), (2026, 1, 14)]] == [
        "Prime Minister of Ukraine",
        "Minister of Defence of Ukraine",
        "Minister of Defence of Ukraine",
        "First Deputy Prime Minister and Minister of Energy of Ukraine",
    ]
    waltz = content.get("actors", "waltz")
    assert tl.role_on(waltz, dt.date(2025, 2, 20)) == "US National Security Adviser"
    assert tl.role_on(waltz, dt.date(2025, 9, 19)) == "US Ambassador to the United Nations"
    # an actor with one role for the whole story has it on any day
    assert tl.role_on(content.get("actors", "zelensky"), dt.date(2026, 1, 12)) == "President of Ukraine"


def test_role_on_a_day_outside_every_dated_role_is_an_error(content):
    scholz = content.get("actors", "scholz")
    assert tl.role_on(scholz, dt.date(2025, 5, 5)) == "Chancellor of Germany"
    with pytest.raises(LookupError, match=r"^Olaf Scholz has no role on record for 2025-05-06$"):
        tl.role_on(scholz, dt.date(2025, 5, 6))


def test_quotes_show_the_speakers_role_on_their_own_date(content):
    # July 2025 made Svyrydenko prime minister: her January 2026 words are a prime minister's
    html = event_html(content, "dobra-winner-selected")
    assert "<b>Yulia Svyrydenko</b>, Prime Minister of Ukraine; as First Deputy Prime Minister she had signed" in html
    assert "First Deputy Prime Minister and Minister of Economy of Ukraine;" not in html
    position = content.get("positions", "ukraine-signed-deal-kept-red-lines")
    assert (
        "<b>Yulia Svyrydenko</b> (First Deputy Prime Minister and Minister of Economy of Ukraine; signed the minerals "
        "agreement for Ukraine), 30 April 2025:"
    ) in position_html(content, position)
    assert tl.speaker_role(content, content.get("quotes", "svyrydenko-2026-01-12-first-step")).startswith(
        "Prime Minister of Ukraine;"
    )


def test_european_reactions_give_merz_the_role_of_each_day(content):
    frame = european_reactions(content)
    merz = frame[frame.speaker == "Friedrich Merz"]
    assert list(zip(merz.date, merz.role)) == [
        ("19 Feb 2025", "Leader of Germany's Christian Democrats (CDU) and their candidate for chancellor"),
        (
            "28 Feb 2025",
            "Leader of Germany's Christian Democrats (CDU), whose alliance came first in the election of "
            "23 February 2025; the likely next chancellor",
        ),
    ]
    assert set(frame[frame.speaker == "Olaf Scholz"].role) == {"Chancellor of Germany"}
