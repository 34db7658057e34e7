"""Every chart to one standard, and what each chart now shows (issue 12).

The standard: a title that states the finding (computed from the data), a
subtitle with the unit and scope, the source note on the figure, text of at
least 11 pt at the width a notebook shows it, vector output whose text stays
text, the data downloadable with its source note, and the description on the
image itself. Then, chart by chart, the fixes that keep each one honest.
"""

from __future__ import annotations

import base64
import datetime as dt
import re

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.text import Text

import explainer
from explainer import charts, markup
from explainer.charts import base
from explainer.charts.timeline import KEY_EVENTS, range_text
from explainer.model import timeline as tl
from explainer.views import display
from explainer.views.aid import donor_view, unit_view
from explainer.views.base import ChartView

ALL = {fn.__name__: fn for fn in charts.CHART_FUNCTIONS}


def visible_texts(fig) -> list[Text]:
    return [t for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()]


def words(fig) -> str:
    return " ".join(t.get_text().replace("\n", " ") for t in visible_texts(fig))


@pytest.fixture(scope="module")
def drawn(content):
    return {name: fn(content) for name, fn in ALL.items()}


# ---------------------------------------------------------------- the shared standard


@pytest.mark.parametrize("name", sorted(ALL))
def test_chart_has_finding_title_subtitle_and_source_note_on_the_figure(drawn, name):
    fig = drawn[name]
    meta = base.info(fig)
    assert fig._suptitle.get_text().replace("\n", " ") == meta.title
    assert re.search(r"\d", meta.title), f"{name}: the title states no finding: {meta.title!r}"
    assert (
        meta.subtitle
        and meta.subtitle.replace("\n", " ") in words(fig).replace("\n", " ")
        or (meta.subtitle.split(".")[0] in words(fig))
    )
    assert fig._supxlabel.get_text().replace("\n", " ") == meta.source_note


@pytest.mark.parametrize("name", sorted(ALL))
def test_chart_text_is_at_least_11_points_at_display_width(drawn, name):
    fig = drawn[name]
    small = [
        (t.get_text()[:30], round(base.display_points(fig, t.get_fontsize()), 1))
        for t in visible_texts(fig)
        if base.display_points(fig, t.get_fontsize()) < base.MIN_POINTS
    ]
    assert not small, f"{name}: text below {base.MIN_POINTS} pt at {base.DISPLAY_WIDTH_PX} px: {small}"


@pytest.mark.parametrize("name", sorted(ALL))
def test_chart_is_vector_with_text_kept_as_text_and_no_mathematics(drawn, name):
    fig = drawn[name]
    svg = base.to_svg(fig).decode("utf-8")
    assert svg.startswith("<?xml") and "<text" in svg
    assert base.to_svg(fig).decode("utf-8") == svg  # the same chart gives the same file
    assert all(not t._parse_math for t in fig.findobj(Text) if t.get_text())


@pytest.mark.parametrize("name", sorted(ALL))
def test_chart_html_carries_description_on_the_image_and_a_download(drawn, name):
    fig = drawn[name]
    html = display.chart_html(fig)
    assert html.startswith('<div class="explainer-output tex2jax_ignore mathjax_ignore">')
    img = re.search(r"<img [^>]*>", html).group(0)
    assert f'alt="{markup.esc(base.info(fig).alt_text)}"' in img and 'role="img"' in img
    payload = re.search(r'href="data:text/csv;charset=utf-8;base64,([^"]+)"', html).group(1)
    csv = base64.b64decode(payload).decode("utf-8")
    assert csv.splitlines()[0] == f"# {base.info(fig).title}"
    assert f"# {base.info(fig).source_note}" in csv.splitlines()


@pytest.mark.parametrize("name", sorted(ALL))
def test_chart_html_image_is_a_png_of_twice_the_pixels_it_is_shown_at(drawn, name):
    """The stored copy is a PNG (GitHub shows it; it may drop an SVG), sharp on a high-density screen."""
    import struct

    img = re.search(r"<img [^>]*>", display.chart_html(drawn[name])).group(0)
    head, data = re.search(r'src="(data:image/[^;]+;base64),([^"]+)"', img).groups()
    assert head == "data:image/png;base64" and "image/svg" not in img
    png = base64.b64decode(data)
    shown = [int(re.search(rf'{side}="(\d+)"', img).group(1)) for side in ("width", "height")]
    pixels = struct.unpack(">II", png[16:24])  # the IHDR chunk: width and height in pixels
    assert all(abs(p - base.PNG_SCALE * n) <= 1 for p, n in zip(pixels, shown)), (pixels, shown)  # odd pixels round
    assert shown[0] >= base.DISPLAY_WIDTH_PX and f"max-width:{shown[0]}px" in img


def test_a_chart_png_is_the_same_bytes_each_time_and_has_a_palette(drawn):
    """No date or software version in it: a notebook run again stores the same image."""
    fig = drawn["verdict_counts"]
    png, width, height = base.chart_png(fig, 800)
    assert png == base.chart_png(fig, 800)[0] and (width, height) == (800, round(800 * fig.get_figheight() / 8.5))
    assert png[25] == 3  # colour type 3 in the IHDR chunk: a palette image, about a third of the size
    assert b"tEXt" not in png and b"tIME" not in png


def test_one_style_sheet_sets_sizes_spines_and_vector_text():
    assert base.STYLE["axes.spines.top"] is False and base.STYLE["axes.spines.right"] is False
    assert min(v for k, v in base.STYLE.items() if k.endswith("size") and isinstance(v, int | float)) >= 11
    assert base.STYLE["svg.fonttype"] == "none" and base.STYLE["text.parse_math"] is False


def test_html_outputs_are_marked_for_mathjax_to_skip_once():
    marked = markup.as_written("<p>from $76bn to $350bn</p>")
    assert marked == '<div class="explainer-output tex2jax_ignore mathjax_ignore"><p>from $76bn to $350bn</p></div>'
    assert markup.as_written(marked) == marked


def test_every_html_output_of_a_notebook_kernel_is_marked():
    from IPython.core.interactiveshell import InteractiveShell
    from IPython.display import HTML

    shell = InteractiveShell.instance()
    markup.keep_text_as_written(shell)
    markup.keep_text_as_written(shell)  # twice is harmless
    data, _meta = shell.display_formatter.format(HTML("<b>$5bn and $6bn</b>"))
    assert data["text/html"] == markup.as_written("<b>$5bn and $6bn</b>")


# ---------------------------------------------------------------- speed: drawn once, updated in place


def test_chart_view_redraws_on_the_same_axes_and_shows_svg_with_alt(content):
    """The live view's image is an SVG (quick to make on every change); its stored copy is a PNG (test_snapshots)."""
    view = unit_view(content)
    fig, ax = view.figure, view.figure.axes[0]
    before = view.image.value
    view.controls["unit"].value = "per US resident"
    assert view.figure is fig and fig.axes == [ax]
    total = [line for line in ax.lines if line.get_linewidth() == 2.8]
    assert len(total) == 1  # the last draw's line was removed, the new one drawn
    assert round(total[0].get_ydata()[-1]) == 512  # US$ per US resident
    assert view.image.value != before and "data:image/svg+xml;base64," in view.image.value
    assert f'alt="{markup.esc(base.info(fig).alt_text)}"' in view.image.value
    assert "tex2jax_ignore" in view.caption.value and "Download the data" in view.caption.value
    assert not view.output.outputs


def test_layout_is_reused_for_texts_of_the_same_shape(content):
    fig = charts.headline_figures(content)
    first = fig.axes[0].get_position().bounds
    passes = []
    layout_pass = fig.draw_without_rendering
    fig.draw_without_rendering = lambda: passes.append(1) or layout_pass()
    for measure in ("received", "claimed", "appropriated"):
        charts.headline_figures(content, fig=fig, measure=measure)
    assert len(passes) == 1  # all highlights share the shape of their subtitle: one layout for them
    position = fig.axes[0].get_position().bounds
    charts.headline_figures(content, fig=fig, measure="received")
    assert len(passes) == 1 and fig.axes[0].get_position().bounds == position  # the same shape: no layout pass
    charts.headline_figures(content, fig=fig, measure="all")  # back to the first shape: its positions again
    assert len(passes) == 1 and fig.axes[0].get_position().bounds == first
    assert charts.headline_figures(content, measure="all").axes[0].get_position().bounds == pytest.approx(first)


# ---------------------------------------------------------------- what each chart shows


def test_donors_chart_never_adds_committed_money_to_allocated(content):
    fig = charts.donors_by_category(content)
    shown = words(fig)
    europe = {
        (r["data_to"], r["category"]): r["amount"]
        for r in base.info(fig).data.to_dict("records")
        if r["donor"] == "Europe"
    }
    allocated, committed = europe[("2025-02-28", "total")], europe[("2025-02-28", "committed")]
    assert (allocated, committed) == (138, 97)
    assert f"{allocated + committed:.0f}" not in shown  # no label sums the two measures
    assert "€138bn allocated" in shown and "€97bn committed, not allocated" in shown
    rows = base.info(fig).data.set_index(["data_to", "donor", "category"]).row
    assert rows[("2025-02-28", "Europe", "total")] != rows[("2025-02-28", "Europe", "committed")]  # bars apart
    assert base.info(fig).title == "By February 2025, Europe had allocated €138bn to Ukraine, €23bn more than the US"
    assert "not added to the allocated total" in base.info(fig).alt_text


def test_donors_chart_in_dollars_keeps_the_measures_apart(content):
    fig = charts.donors_by_category(content, donors=("United States", "Europe", "All donors"), currency="USD")
    rate = 119 / 114
    assert f"{(138 + 97) * rate:.0f}" not in words(fig)
    assert base.info(fig).title.startswith("By February 2025, Europe had allocated $144bn")


def test_stakes_in_the_deal_talks_are_kept_apart_from_the_figures_for_aid(content):
    # The $500bn demand and the $123bn the March draft would have counted as the US stake to be repaid
    # are not figures for US aid: no bar, off the scale, under a heading that says so.
    fig = charts.headline_figures(content)
    (ax,) = fig.axes
    widths = sorted(round(path.get_extents().width, 1) for coll in ax.collections for path in coll.get_paths())
    assert widths == [76, 90, 98.5, 106, 119, 174.2, 175, 350]
    assert ax.get_xlim()[1] < 500 and max(ax.get_xticks()) <= ax.get_xlim()[1]
    texts = [t.get_text().replace("\n", " ") for t in ax.texts]
    assert "Not figures for US aid: amounts in the deal talks" in texts
    stakes = [t for t in texts if t.startswith(("$123bn", "$500bn"))]
    assert stakes == [
        "$123bn counted for repayment. Past US aid that the March 2025 US draft would have treated as the US "
        "contribution to be repaid.",
        "$500bn demanded. The value in rare earths he wanted from Ukraine; the text both sides agreed about 24-25 "
        "Feb no longer contained it.",
    ]
    heading = next(t for t in ax.texts if t.get_text().startswith("Not figures"))
    lowest_bar = max(path.get_extents().y1 for coll in ax.collections for path in coll.get_paths())
    assert heading.get_position()[1] > lowest_bar  # below the bars (the y-axis runs downwards)
    meta = base.info(fig)
    assert meta.title == "Figures for US aid run from $76bn to $350bn because they count different things"
    assert (
        list(meta.data.set_index("id").shown_as[["kiel-2025-03-28-repayable", "trump-2025-02-10-demanded"]])
        == ["kept apart: a stake in the deal talks"] * 2
    )
    assert "Kept apart below the bars, not a figure for aid: Kiel: March draft would count" in meta.alt_text


def test_share_of_outlays_compares_like_with_like(content):
    fig = charts.appropriations_timeline(content, unit="share of federal outlays")
    meta = base.info(fig)
    assert meta.data.cumulative_total.iloc[-1] == pytest.approx(100 * 174.2 / 19158, abs=1e-3)
    assert "same fiscal years, 2022–2024" in meta.subtitle
    assert meta.title == "The five acts for Ukraine came to 0.9% of federal spending; none in 2023"
    assert list(meta.data.fiscal_year) == [2022, 2022, 2022, 2023, 2024]


def test_appropriations_title_states_the_finding(content):
    meta = base.info(charts.appropriations_timeline(content))
    assert meta.title == "Congress appropriated $174.2bn for Ukraine in five acts; none in 2023"


def test_timeline_title_states_where_the_events_cluster(content):
    phases = {p.id: p for p in content.phases}
    later, after = tl.period_after(content, "fund-launched")[1:]

    def title(**options):
        return base.info(charts.events_timeline(content, **options)).title

    assert (
        title() == "Events cluster in the Rupture phase: 20 of the 84 shown fall in its 10 days, 18 to 27 February 2025"
    )
    assert title(dates=(dt.date(2025, 2, 18), dt.date(2025, 3, 2))) == (
        "Events come fastest in the Rupture phase: 20 of the 24 shown in its 10 days, 18 to 27 February 2025"
    )
    assert title(dates=(later[0].start, max(e.last_day for e in after))) == (
        "Events come fastest in the Setting up phase: 11 of the 33 shown in its 92 days, June to August 2025"
    )
    assert title(dates=(phases["rupture"].start, phases["rupture"].end), actor="kellogg") == (
        "All 4 events shown fall in the Rupture phase, 18 to 27 February 2025"
    )
    assert title(country="European Union") == (  # no phase holds two: no "busiest" phase of one event
        "The 3 events shown fall in 3 different phases, one in each, January 2025 to April 2026"
    )
    assert (
        title(country="Canada")
        == "Both events shown fall in the Capital and packages phase, January 2025 to April 2026"
    )
    assert title(dates=(dt.date(2025, 3, 20), dt.date(2025, 3, 21)), actor="kellogg") == (
        "No events match these filters, 20 to 21 March 2025"
    )
    assert range_text(dt.date(2025, 5, 1), dt.date(2026, 3, 31)) == "May 2025 to March 2026"
    assert range_text(dt.date(2025, 2, 20), dt.date(2025, 2, 28)) == "20 to 28 February 2025"


def timeline_views(content):
    """The timeline as the notebooks show it: the whole record, 04's story and explorer, 07's explorer."""
    phases = {p.id: p for p in content.phases}
    later, after = tl.period_after(content, "fund-launched")[1:]
    first = min(e.date for e in content.events)
    return {
        "whole": {},
        "04-story": {"dates": (first, phases["ratification"].end)},
        "04-explorer": {"dates": (phases["rupture"].start, phases["oval-office"].end), "selected": "oval-office-clash"},
        "07-explorer": {"dates": (later[0].start, max(e.last_day for e in after)), "selected": "dfc-commits-75m"},
    }


CALLOUT_07 = "17 Sep: The DFC commits $75m to the\nfund and Ukraine undertakes to match it"


def phase_labels(fig) -> list[str]:
    return [t.get_text() for t in fig.axes[0].texts if t.get_gid() == "phase" and t.get_visible()]


def test_timeline_names_each_phase_on_its_band_or_numbers_it_and_names_it_in_the_subtitle(content):
    views = timeline_views(content)
    whole = charts.events_timeline(content)
    assert phase_labels(whole) == ["1", "2", "3", "4", "5", "6", "7", "8. Setting up", "9", "10"]
    assert base.info(whole).subtitle.endswith(
        "Phases by number: 1 Pressure, 2 Rupture, 3 Oval Office, 4 Pause, 5 Jeddah and after, 6 Signing, "
        "7 Ratification, 9 Capital and packages, 10 First projects."
    )
    story = charts.events_timeline(content, **views["04-story"])
    assert phase_labels(story) == ["1. Pressure", "2", "3", "4", "5. Jeddah and after", "6", "7. Ratification"]
    assert base.info(story).subtitle.endswith("Phases by number: 2 Rupture, 3 Oval Office, 4 Pause, 6 Signing.")
    explorer = charts.events_timeline(content, **views["07-explorer"])
    assert phase_labels(explorer) == ["8. Setting up", "9. Capital and packages", "10. First projects"]
    assert "Phases by number" not in base.info(explorer).subtitle


def leader_lines(fig) -> list:
    """The leader lines of the labels, in pixels, as drawn."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.path import Path

    FigureCanvasAgg(fig).draw()
    ax = fig.axes[0]
    (lines,) = [c for c in ax.collections if c.get_gid() == "leaders"]
    return [Path(ax.transData.transform(segment)) for segment in lines.get_segments()]


@pytest.mark.parametrize("view", ["whole", "04-story", "04-explorer", "07-explorer"])
def test_timeline_leader_lines_cross_no_other_and_no_label(content, view):
    fig = charts.events_timeline(content, **timeline_views(content)[view])
    lines = leader_lines(fig)
    labels = [t for t in fig.axes[0].texts if t.get_gid() in ("key", "callout") and t.get_visible()]
    assert len(lines) == len(labels) > 0
    crossing = [(i, j) for i, a in enumerate(lines) for j, b in enumerate(lines[:i]) if a.intersects_path(b)]
    assert not crossing, f"{view}: leader lines cross: {crossing}"
    renderer = fig.canvas.get_renderer()
    boxes = [Text.get_window_extent(t, renderer) for t in labels]
    # A line ends at a corner of its own label's words; it may touch that label only.
    through = [
        (i, labels[j].get_text())
        for i, line in enumerate(lines)
        for j, box in enumerate(boxes)
        if line.intersects_bbox(box) and not box.padded(3).contains(*line.vertices[-1])
    ]
    assert not through, f"{view}: a leader line runs through another label: {through}"


def test_timeline_labels_about_ten_key_events_and_its_ticks_are_readable(content):
    # The story of notebook 04: January to the end of the ratification phase in May 2025.
    fig = charts.events_timeline(content, **timeline_views(content)["04-story"])
    labels = [t.get_text() for t in fig.axes[0].texts if t.get_gid() == "key" and t.get_visible()]
    assert 8 <= len(labels) <= 12
    assert set(labels) <= set(KEY_EVENTS.values())
    ax = fig.axes[0]
    ticks = [t.get_text() for t in ax.get_xticklabels()]
    assert ticks[0].endswith("2025") and all(ticks) and len(set(ticks)) == len(ticks)
    assert not ax.xaxis.get_offset_text().get_text()


def test_timeline_callout_of_the_selected_event_stays_inside_the_axes(content):
    """07's explorer: the callout once covered the axis label and the tick labels."""
    fig = charts.events_timeline(content, **timeline_views(content)["07-explorer"])
    renderer = FigureCanvasAgg(fig).get_renderer()
    fig.draw(renderer)
    ax = fig.axes[0]
    (callout,) = [t for t in ax.texts if t.get_gid() == "callout"]
    box = Text.get_window_extent(callout, renderer)
    assert (
        callout.get_visible()
        and callout.get_text() == "17 Sep: The DFC commits $75m to the\nfund and Ukraine undertakes to match it"
    )
    assert ax.bbox.contains(box.x0, box.y0) and ax.bbox.contains(box.x1, box.y1)


def test_a_cancelled_event_hides_no_other_mark(content):
    fig = charts.events_timeline(content)
    ax = fig.axes[0]
    (crosses,) = [line for line in ax.lines if line.get_marker() == "X"]
    assert crosses.get_markerfacecolor() == "none"  # hollow: what lies under shows through
    points = [(x, y) for line in ax.lines for x, y in zip(*line.get_data())]
    assert len(points) == len(content.events) and len(set(points)) == len(points)


def test_timeline_redraws_on_the_same_axes_with_the_new_range_and_event(content):
    fig = charts.events_timeline(content, dates=(dt.date(2025, 2, 18), dt.date(2025, 3, 2)))
    ax = fig.axes[0]
    again = charts.events_timeline(content, fig=fig, **timeline_views(content)["07-explorer"])
    assert again is fig and fig.axes == [ax]
    assert base.info(fig).title.startswith("Events come fastest in the Setting up phase")
    assert list(base.info(fig).data.kind).count("event") == 33
    assert [t.get_text() for t in ax.texts if t.get_gid() == "callout"] == [CALLOUT_07]
    assert phase_labels(fig) == ["8. Setting up", "9. Capital and packages", "10. First projects"]


def test_minerals_charts_explain_their_marks_and_do_not_read_as_a_trend(content):
    shares = charts.china_shares(content)
    labels = [t.get_text() for t in shares.axes[0].get_yticklabels()]
    assert "2024: computed from USGS mine output" in labels and not any("((" in x or "))" in x for x in labels)
    assert "2030: projected by IEA" in labels
    assert "compare stages, not years" in base.info(shares).subtitle
    assert [t.get_text() for t in shares.axes[0].get_legend().get_texts()] == [
        "as reported",
        "computed here",
        "a projection",
    ]
    stages = [t.get_text() for t in shares.axes[0].texts if t.get_fontweight() == "bold"]
    assert stages == ["Mining", "Refining", "Separation", "Magnet manufacturing"]
    occupied = base.info(charts.occupation_range(content))
    assert "a bar ending in ◀ is an upper bound" in occupied.subtitle


def test_titles_follow_the_data(data_copy):
    path = data_copy / "aid" / "kiel_allocations.csv"
    path.write_text(path.read_text().replace("2025-02-28,total,allocated,138,", "2025-02-28,total,allocated,140,"))
    content = explainer.load(data_copy)
    assert base.info(charts.donors_by_category(content)).title.endswith("€140bn to Ukraine, €25bn more than the US")


def test_donor_view_redraws_in_place_without_a_combined_total(content):
    view = donor_view(content)
    assert isinstance(view, ChartView)
    view.controls["categories"].value = ("financial and humanitarian", "total", "committed")
    assert "235" not in words(view.figure) and not view.output.outputs
    assert "64" not in words(view.figure).split()  # the US's military aid, unticked
