"""Aid figures: data, charts and widgets of notebook 02."""

from __future__ import annotations

import csv
import math

import pytest
from matplotlib.figure import Figure
from matplotlib.text import Text

import explainer
from explainer import charts
from explainer.charts.base import to_svg
from explainer.model import aid
from explainer.views import aid as aid_views
from tests.htmltext import words
from tests.test_chart_shape import label_boxes

# Figures the notebook's prose relies on, pinned to what the sources publish.
# A change to any of them in data/ must be deliberate: it fails here first.
PINNED_HEADLINES = {
    "zelensky-2025-02-01-received": 76,
    "bloomberg-2025-02-22-received": 90,
    "zelensky-2025-02-19-received": 98.5,
    "cfr-2024-09-27-direct": 106,
    "kiel-cnn-2025-02-24-allocated": 119,
    "kiel-2025-03-28-repayable": 123,
    "crs-2024-04-29-appropriated": 174.2,
    "crfb-2024-appropriated": 175,
    "trump-2025-02-19-claimed": 350,
    "trump-2025-02-10-demanded": 500,
}
PINNED_ACTS = {  # (total, Defense share), US$ billion
    "usaa-2022": (13.60, 6.53),
    "ausaa-2022": (40.15, 20.10),
    "causaa-2023": (12.35, 7.81),
    "ausaa-2023": (47.37, 27.87),
    "ussaa-2024": (60.73, 48.4),
}
PINNED_KIEL = {  # EUR billion as published
    "kiel-2024-12-us-military": 64,
    "kiel-2024-12-us-finhum": 50,
    "kiel-2024-12-europe-military": 62,
    "kiel-2024-12-europe-finhum": 70,
    "kiel-2024-12-all-military": 130,
    "kiel-2024-12-all-financial": 118,
    "kiel-2024-12-all-humanitarian": 19,
    "kiel-2025-02-us-total": 115,
    "kiel-2025-02-europe-total": 138,
    "kiel-2025-02-europe-committed": 97,
}


def pin_mismatches(content) -> list[str]:
    """Every pinned figure that differs from the data, as 'id: expected x, found y'."""
    out = []

    def check(rid, expected, found):
        if found is None or not math.isclose(found, expected, abs_tol=1e-9):
            out.append(f"{rid}: expected {expected}, found {found}")

    heads = {h.id: h.amount_usd_bn for h in content.aid_headlines}
    for rid, value in PINNED_HEADLINES.items():
        check(rid, value, heads.get(rid))
    acts = {a.id: a for a in content.aid_appropriations}
    for rid, (total, dod) in PINNED_ACTS.items():
        check(rid, total, acts[rid].total_usd_bn if rid in acts else None)
        check(f"{rid} (Defense)", dod, acts[rid].dod_usd_bn if rid in acts else None)
    kiel = {k.id: k.amount_eur_bn for k in content.aid_kiel}
    for rid, value in PINNED_KIEL.items():
        check(rid, value, kiel.get(rid))
    return out


# ----------------------------------------------------------------------------
# Data


def test_pinned_figures_match_the_data(content):
    assert pin_mismatches(content) == []


def test_a_changed_figure_in_data_fails_the_pins(data_copy):
    path = data_copy / "aid" / "headline_figures.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    for row in rows:
        if row["id"] == "zelensky-2025-02-19-received":
            row["amount_usd_bn"] = "99.5"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    changed = explainer.load(data_copy)
    assert pin_mismatches(changed) == ["zelensky-2025-02-19-received: expected 98.5, found 99.5"]


def test_a_changed_act_fails_the_pins(data_copy):
    path = data_copy / "aid" / "appropriations.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",40.15,", ",41.15,"), encoding="utf-8")
    assert any(m.startswith("ausaa-2022:") for m in pin_mismatches(explainer.load(data_copy)))


def test_five_acts_sum_to_the_crs_total(content):
    acts = content.aid_appropriations
    assert len(acts) == 5
    crs = content.get("aid_headlines", "crs-2024-04-29-appropriated")
    assert crs.measure == "appropriated"
    assert abs(sum(a.total_usd_bn for a in acts) - crs.amount_usd_bn) <= 0.05


def test_fifth_act_is_derived_and_says_how(content):
    derived = [a for a in content.aid_appropriations if a.derivation]
    assert [a.id for a in derived] == ["ussaa-2024"]
    first_four = sum(a.total_usd_bn for a in content.aid_appropriations if not a.derivation)
    assert derived[0].total_usd_bn == pytest.approx(174.2 - first_four, abs=0.005)
    assert "174.2" in derived[0].derivation


def test_defense_share_matches_crs(content):
    assert sum(a.dod_usd_bn for a in content.aid_appropriations) == pytest.approx(110.7, abs=0.05)


def test_kiel_parts_add_up_to_published_totals(content):
    k = {r.id: r.amount_eur_bn for r in content.aid_kiel}
    assert k["kiel-2024-12-us-military"] + k["kiel-2024-12-us-finhum"] == 114  # "about EUR 114bn"
    assert k["kiel-2024-12-europe-military"] + k["kiel-2024-12-europe-finhum"] == 132
    all_donors = ("kiel-2024-12-all-military", "kiel-2024-12-all-financial", "kiel-2024-12-all-humanitarian")
    assert sum(k[i] for i in all_donors) == 267
    assert k["kiel-2025-02-europe-total"] - k["kiel-2025-02-us-total"] == 23


def test_every_headline_figure_has_a_measure_who_date_and_source(content):
    measures = {m.id for m in content.aid_measures}
    assert len(content.aid_headlines) >= 10
    for h in content.aid_headlines:
        assert h.measure in measures, h.id
        assert h.who and h.counts and h.date, h.id
        assert h.sources, h.id
        for sid in h.sources:
            content.get("sources", sid)


def test_headline_figures_span_98_5_to_500(content):
    amounts = {h.amount_usd_bn for h in content.aid_headlines}
    assert {98.5, 174.2, 175, 350, 500} <= amounts


def test_stakes_in_the_deal_talks_are_told_from_figures_for_aid(content):
    # A demand, and the past aid a draft would have counted as the US stake to be repaid: not figures for aid.
    assert [h.id for h in aid.deal_stakes(content)] == ["kiel-2025-03-28-repayable", "trump-2025-02-10-demanded"]
    figures = aid.aid_figures(content)
    assert [h.amount_usd_bn for h in figures] == [76, 90, 98.5, 106, 119, 174.2, 175, 350]
    assert {h.measure for h in figures} == {"received", "appropriated", "allocated", "claimed"}
    assert len(figures) + len(aid.deal_stakes(content)) == len(content.aid_headlines)  # none lost


def test_exchange_rate_is_sourced_and_plausible(content):
    rate, rec = aid.usd_per_eur(content)
    assert 1.0 < rate < 1.1
    assert rec.sources


def test_quiz_number_answer_matches_the_data(content):
    quiz = content.get("quizzes", "quiz-02-aid-figures")
    q = next(q for q in quiz.questions if q.id == "q-acts-total")
    assert q.answer == pytest.approx(sum(a.total_usd_bn for a in content.aid_appropriations), abs=0.05)


def test_exercise_solution_numbers_match_the_data(content):
    ex = content.get("exercises", "ex-02-gap-between-figures")
    h = {r.id: r.amount_usd_bn for r in content.aid_headlines}
    gap = h["crs-2024-04-29-appropriated"] - h["zelensky-2025-02-19-received"]
    assert f"${gap:.1f}bn" in ex.solution
    dod = sum(a.dod_usd_bn for a in content.aid_appropriations)
    assert f"${dod:.1f}bn" in ex.solution


# ----------------------------------------------------------------------------
# Charts

CHARTS = [
    (charts.appropriations_timeline, {}),
    (charts.appropriations_timeline, {"unit": "share of federal outlays"}),
    (charts.appropriations_timeline, {"unit": "per US resident", "show_dod": False}),
    (charts.donors_by_category, {}),
    (charts.donors_by_category, {"currency": "USD", "donors": ("United States", "Europe", "All donors")}),
    (charts.donors_by_category, {"categories": ("military",)}),
    (charts.donors_by_category, {"donors": ("Europe",), "categories": ("committed", "total")}),
    (charts.headline_figures, {}),
    (charts.headline_figures, {"measure": "received", "unit": "per US resident"}),
]


@pytest.mark.parametrize(("fn", "params"), CHARTS, ids=[f"{f.__name__}-{i}" for i, (f, _) in enumerate(CHARTS)])
def test_chart_has_title_units_source_note_and_alt_text(content, fn, params):
    fig = fn(content, **params)
    assert isinstance(fig, Figure)
    meta = charts.info(fig)
    assert meta.title and fig._suptitle.get_text().replace("\n", " ") == meta.title
    assert meta.subtitle and meta.subtitle.replace("\n", " ") in " ".join(
        t.get_text().replace("\n", " ") for t in fig.findobj(Text)
    )
    assert meta.units
    assert meta.alt_text and len(meta.alt_text) > 60
    assert meta.source_note.startswith("Source")
    assert "this package" not in meta.source_note
    producers = {content.get("sources", i).publisher for i in meta.source_ids}
    for p in producers:
        assert p in meta.source_note
    assert len(meta.data) > 0
    axes_labels = [ax.get_xlabel() + ax.get_ylabel() for ax in fig.axes]
    assert any(label.strip() for label in axes_labels)
    assert charts.to_png(fig)[:4] == b"\x89PNG"
    assert to_svg(fig).startswith(b"<?xml")


def test_charts_name_the_original_producers(content):
    note = charts.info(charts.appropriations_timeline(content)).source_note
    assert "Congressional Research Service" in note
    note = charts.info(charts.donors_by_category(content)).source_note
    assert "Kiel Institute" in note
    note = charts.info(charts.donors_by_category(content, currency="USD")).source_note
    assert "CNN" in note  # the conversion rate's source is cited


def test_dollar_conversion_is_done_in_code_and_labelled(content):
    eur = charts.info(charts.donors_by_category(content)).data
    usd = charts.info(charts.donors_by_category(content, currency="USD")).data
    rate, _ = aid.usd_per_eur(content)
    assert list(usd.amount) == pytest.approx([v * rate for v in eur.amount], abs=1e-3)
    assert "converted" in charts.info(charts.donors_by_category(content, currency="USD")).units


def test_units_switch_uses_sourced_reference_series(content):
    meta = charts.info(charts.headline_figures(content, unit="share of federal outlays"))
    assert "Congressional Budget Office" in meta.source_note
    # Aid voted in fiscal years 2022-2024, against all outlays of those same years (like with like).
    assert aid.outlays_over_acts(content)[:2] == ([2022, 2023, 2024], 6272 + 6134 + 6752)
    row = meta.data.set_index("id").loc["crs-2024-04-29-appropriated"]
    assert row.value == pytest.approx(100 * 174.2 / 19158, abs=1e-3)
    assert "fiscal years 2022–2024" in meta.units


def bar_extents(ax) -> list[tuple[float, float]]:
    """(width, opacity) of each bar the chart drew on ``ax`` (in collections, one per hatch)."""
    return [
        (path.get_extents().width, colour[3])
        for coll in ax.collections
        for path, colour in zip(coll.get_paths(), coll.get_facecolor())
    ]


def test_chart_redraws_into_the_same_figure(content):
    fig = charts.headline_figures(content)
    ax = fig.axes[0]
    again = charts.headline_figures(content, fig=fig, measure="claimed", unit="per US resident")
    assert again is fig and fig.axes == [ax]  # one Axes, reused: the stakes are kept apart on it
    bars = bar_extents(ax)
    assert len(bars) == 8  # drawn once: the last draw's bars were removed
    shown = {round(width): alpha for width, alpha in bars}
    assert shown[1029] == 1.0 and shown[512] == 0.2  # the claim stands out; the rest fade
    assert charts.info(fig).title == "Figures for US aid run from $224 to $1,029 because they count different things"
    data = charts.info(fig).data.set_index("id")
    assert data.loc["trump-2025-02-19-claimed", "value"] == pytest.approx(1029.41, abs=0.01)
    assert data.highlighted.sum() == 1


def test_unknown_parameters_raise_clear_errors(content):
    with pytest.raises(ValueError, match="unknown unit"):
        charts.headline_figures(content, unit="furlongs")
    with pytest.raises(ValueError, match="unknown measure"):
        charts.headline_figures(content, measure="promised")
    with pytest.raises(ValueError, match="at least one donor"):
        charts.donors_by_category(content, donors=())
    with pytest.raises(ValueError, match="no committed figure for United States"):
        charts.donors_by_category(content, donors=("United States",), categories=("committed",))
    with pytest.raises(ValueError, match="unknown measure 'demanded' for a figure of aid"):
        charts.headline_figures(content, measure="demanded")  # a stake in the deal talks has no bar to highlight


# ----------------------------------------------------------------------------
# Widgets

WIDGET_CASES = [
    (aid_views.measure_view, "measure", "claimed"),
    (aid_views.measure_view, "unit", "per US resident"),
    (aid_views.unit_view, "unit", "share of federal outlays"),
    (aid_views.unit_view, "show_dod", False),
    (aid_views.donor_view, "donors", ("United States", "Europe", "All donors")),
    (aid_views.donor_view, "categories", ("financial and humanitarian", "total", "committed")),
    (aid_views.donor_view, "currency", "USD"),
]


@pytest.mark.parametrize(
    ("make", "control", "value"), WIDGET_CASES, ids=[f"{m.__name__}-{c}" for m, c, _ in WIDGET_CASES]
)
def test_widget_redraws_in_place_when_driven_from_python(content, make, control, value):
    view = make(content)
    before_png, before_n, fig = view.image.value, view.updates, view.figure
    view.controls[control].value = value
    assert view.updates == before_n + 1
    assert view.image.value != before_png
    assert view.figure is fig  # same figure: updated in place, no new ones piling up
    assert not view.output.outputs


def _labels_inside_and_apart(fig) -> list:
    """What is wrong with the labels of ``fig``: any that leave it or overlap another (see test_chart_shape)."""
    boxes = label_boxes(fig)
    frame = fig.bbox.padded(1)
    wrong = [("outside", t) for t, b in boxes if not (frame.contains(b.x0, b.y0) and frame.contains(b.x1, b.y1))]
    return wrong + [
        ("overlap", a, b)
        for i, (a, box_a) in enumerate(boxes)
        for b, box_b in boxes[i + 1 :]
        if box_a.padded(-1).overlaps(box_b.padded(-1))
    ]


@pytest.mark.parametrize("make", [aid_views.measure_view, aid_views.unit_view, aid_views.donor_view])
def test_a_view_redrawn_with_each_value_keeps_its_labels_inside_and_apart(content, make):
    # A redraw keeps the first draw's layout: what a fresh figure shows must hold there too.
    view = make(content)
    for name, control in view.controls.items():
        start = control.value
        values = [o[1] if isinstance(o, tuple) else o for o in getattr(control, "options", ())]
        if name == "donors":
            values = [tuple(aid.DONORS), ("All donors",)]
        elif name == "categories":
            values = [("military",), ("total", "committed")]
        elif not values:
            values = [not start]
        for value in values:
            control.value = value
            assert not view.output.outputs, (name, value)
            assert _labels_inside_and_apart(view.figure) == [], (name, value)
        control.value = start


def test_the_donor_view_names_its_categories_in_words(content):
    view = aid_views.donor_view(content)
    boxes = view.controls["categories"].boxes
    assert [b.description for b in boxes.values()][2:] == ["Totals with no split", "Committed, not yet allocated"]
    boxes["total"].value = False
    assert view.controls["categories"].value == ("military", "financial and humanitarian", "committed")
    assert "Categories: <b>Military, Financial and humanitarian, Committed, not yet allocated</b>" in (
        view.snapshot_html()
    )


def test_widget_error_goes_to_its_output(content, capsys):
    view = aid_views.donor_view(content)
    n, png = view.updates, view.image.value
    view.controls["donors"].value = ()
    assert view.updates == n and view.image.value == png  # the last good chart stays
    # Outside a kernel the Output widget cannot capture, so the message reaches stdout.
    assert "Could not draw this chart: ValueError: choose at least one donor" in capsys.readouterr().out


# ----------------------------------------------------------------------------
# The figures and definitions as formatted HTML (what notebook 02 shows)


def test_headlines_html_lists_every_total_with_its_measure_and_date(content):
    html = aid_views.headlines_html(content)
    assert html.startswith('<table class="explainer-table"><caption>')
    table, note = html.split("</table>")
    rows = table.split("<tr>")[2:]  # after the header row
    assert len(rows) == len(PINNED_HEADLINES) - 2  # the two stakes in the deal talks are in the note
    assert words(rows[0]) == "$76bn received Volodymyr Zelensky, President of Ukraine 1 Feb 2025"
    assert words(rows[-1]) == "$350bn claimed Donald Trump, President of the United States 19 Feb 2025"
    text = words(table)
    for phrase in ("$98.5bn received", "$106bn appropriated", "$119bn allocated", "$350bn claimed"):
        assert phrase in text, phrase
    assert words(note) == (
        "Not totals of aid, but amounts at stake in the deal talks: $123bn repayable (Kiel Institute, as reported "
        "by European Pravda, 28 Mar 2025); $500bn demanded (Donald Trump, President of the United States, 10 Feb 2025)."
    )


def test_headline_html_says_what_the_figure_counts(content):
    text = words(aid_views.headline_html(content, "zelensky-2025-02-19-received"))
    assert text == (
        "Volodymyr Zelensky, President of Ukraine, 19 February 2025: $98.5bn received. "
        "What it counts: Weapons ($67bn) plus direct budget support ($31.5bn) that reached Ukraine. "
        "Note: The article's 'over $98 billion' matches this figure."
    )


def test_measures_html_defines_every_measure(content):
    html = aid_views.measures_html(content)
    assert html.count("<dt>") == len(content.aid_measures) == 10
    assert "<dt><b>Appropriated</b></dt><dd>Money Congress has voted into law for a purpose." in html
    one = aid_views.measures_html(content, [aid.ALLIED_FUNDED])
    assert one.count("<dt>") == 1 and "<dt><b>Allied-funded (PURL)</b></dt>" in one


def test_acts_html_pins_the_acts_their_sum_and_the_missing_year(content):
    text = words(aid_views.acts_html(content))
    for phrase in (
        "15 Mar 2022 P.L. 117-103, Div. N $13.6bn $6.53bn",
        "24 Apr 2024 P.L. 118-50, Div. B $60.73bn $48.4bn",
        "Total 5 acts $174.2bn $110.71bn",
        "The Defense Department's share of the total: 64%.",
        "Years with no act: 2023.",
    ):
        assert phrase in text, phrase
    assert aid.years_without_an_act(content) == [2023]


def test_derivation_and_reference_html(content):
    text = words(aid_views.derivation_html(content, "ussaa-2024"))
    assert text.startswith("How the total of P.L. 118-50, Div. B was worked out: Total derived: the CRS total of 174.2")
    ref = words(aid_views.reference_html(content))
    assert (
        "US federal outlays, fiscal year 2024 (Oct 2023 to Sep 2024): 6,752 US$ billion (Congressional Budget Office)"
        in ref
    )
    assert "US resident population, 1 July 2024: 340 million people (US Census Bureau)" in ref


def test_kiel_html_keeps_euros_measures_and_the_rate(content):
    text = words(aid_views.kiel_html(content))
    assert "United States 31 Dec 2024 military allocated EUR 64bn" in text
    assert "Europe 28 Feb 2025 total committed EUR 97bn" in text
    assert "All donors" not in text
    assert "Dollar conversion: 1.044 US$ per euro." in text


def test_gap_html_pins_the_gaps(content):
    text = words(aid_views.gap_html(content))
    assert text == (
        "Voted (appropriated, Congressional Research Service) exceeds received (Volodymyr Zelensky) by $75.7bn. "
        "The claimed total (Donald Trump) is 2.0 times what Congress voted."
    )
