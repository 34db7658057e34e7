"""Minerals and deal terms: data rules, pinned numbers, charts and widgets of notebook 03."""

from __future__ import annotations

import pytest

import explainer
from explainer.charts import base, china_shares, deal_changes, occupation_range, rare_earth_mining
from explainer.model import deal as dr
from explainer.views.deal import CHANGED, OccupationView, VersionComparison, comparison_html

TERMS = {
    "money-demanded",
    "revenue-share",
    "fund-control",
    "us-contribution",
    "security-guarantees",
    "reinvestment",
    "length",
}
VERSIONS = ["early-drafts", "revised-us-draft", "february-text", "march-draft", "signed"]


# ---------------------------------------------------------------- the deal's terms


def test_versions_in_order(content):
    assert [v.id for v in dr.versions(content)] == VERSIONS
    signed = content.get("deal_versions", "signed")
    assert str(signed.date) == "2025-04-30"
    assert [str(d) for d in signed.alternative_dates] == ["2025-05-01"]


def test_every_version_has_every_term_once(content):
    assert {k.id for k in content.deal_term_kinds} == TERMS
    for version in VERSIONS:
        terms = [t.term for t in content.deal_terms if t.version == version]
        assert sorted(terms) == sorted(TERMS), version
    assert list(dr.every_version_has_every_term(content)) == []


def test_silence_is_explicit(content):
    for t in content.deal_terms:
        assert t.text.startswith(dr.NOT_STATED) == (not t.stated), t.id
        assert t.sources, t.id
    silent = {(t.version, t.term) for t in content.deal_terms if not t.stated}
    assert ("early-drafts", "security-guarantees") in silent
    assert ("march-draft", "security-guarantees") in silent


def test_no_version_gives_a_security_guarantee(content):
    feb = dr.term(content, "february-text", "security-guarantees")
    assert "supports Ukraine's efforts to obtain security guarantees" in feb.words
    signed = dr.term(content, "signed", "security-guarantees")
    assert signed.text.startswith("No explicit guarantee")
    for version in VERSIONS:  # in every version, in words and in brief: no US guarantee
        t = dr.term(content, version, "security-guarantees")
        short = dr.short_label(t)
        assert short == dr.NOT_STATED_SHORT or short.startswith(("none", "no ")), (version, short)
        assert t.text.startswith(("No ", dr.NOT_STATED)), version


def test_short_labels(content):
    assert dr.term(content, "early-drafts", "money-demanded").short == "not stated"
    assert dr.term(content, "revised-us-draft", "money-demanded").short == "$500bn ceiling"
    assert dr.term(content, "march-draft", "money-demanded").short == "past aid + 4% a year"
    assert dr.term(content, "signed", "fund-control").short == "50/50"
    assert dr.term(content, "february-text", "fund-control").short == "joint; details later"
    assert dr.term(content, "signed", "revenue-share").short == "50% of new licences"
    for t in content.deal_terms:
        assert 0 < len(t.short) <= 28, t.id
        assert (t.short == dr.NOT_STATED_SHORT) == (not t.stated), t.id


# The rules' messages for broken copies of the data are pinned in test_validation.py.


# ---------------------------------------------------------------- pinned numbers


def test_china_mining_share_is_computed(content):
    out = {o.country: o.tonnes for o in content.rare_earth_output if o.year == 2024}
    assert out["World"] == 390_000 and out["China"] == 270_000
    assert dr.china_mining_share(content, 2024) == pytest.approx(69.23, abs=0.01)
    refining = next(s for s in content.china_shares if s.stage == "refining" and s.year == 2023)
    assert refining.percent == 92


def test_occupation_estimates_are_a_range(content):
    assert dr.occupation_range(content) == (20.0, 50.0)
    zelensky = content.get("occupation_estimates", "zelensky-2025-02-08")
    assert zelensky.low is None and zelensky.high == 20 and zelensky.figure == "less than 20%"
    assert content.get("occupation_estimates", "hrynchuk-2025-05").figure == "about half"
    whos = {e.who for e in content.occupation_estimates}
    assert len(whos) >= 4  # several people, not one number


def test_minerals_say_what_they_measure(content):
    graphite = content.get("minerals", "graphite")
    assert {e.measure for e in graphite.estimates} == {"resources"}
    titanium = content.get("minerals", "titanium")
    assert titanium.estimates[0].measure == "reserves"
    frame = dr.estimates_frame(content)
    assert set(frame.columns) >= {"mineral", "who says so", "figure", "measures", "confidence"}
    assert len(frame) == sum(len(m.estimates) for m in content.minerals)


def test_definitions_separate_rare_earths_from_critical_minerals(content):
    ids = {d.id for d in content.definitions}
    assert {"rare-earths", "critical-minerals", "resources-and-reserves"} <= ids
    assert "17" in content.get("definitions", "rare-earths").meaning


def test_reuters_aggregator_summary_is_cited_without_its_url(content):
    src = content.get("sources", "reuters-2025-05-01-minerals-analysis")
    assert src.publisher == "Reuters" and src.url is None
    assert "aggregator" in src.note
    for s in content.sources:
        assert "news-pravda" not in (s.url or "") and "news-pravda" not in (s.via or ""), s.id


# ---------------------------------------------------------------- charts


@pytest.mark.parametrize("draw", [occupation_range, china_shares, rare_earth_mining, deal_changes])
def test_charts_finish_with_sources_and_alt_text(content, draw):
    fig = draw(content)
    meta = base.info(fig)
    assert meta.source_ids and meta.alt_text and not meta.data.empty
    assert base.to_png(fig).startswith(b"\x89PNG")


def test_chart_alt_text_states_the_numbers(content):
    assert "69.2%" in base.info(china_shares(content)).alt_text
    assert "from under 20% to about 50%" in base.info(occupation_range(content)).alt_text
    grid = base.info(deal_changes(content)).data
    assert len(grid) == len(VERSIONS) * len(TERMS)


def test_deal_grid_compares_short_labels(content):
    info = base.info(deal_changes(content))
    grid = info.data
    # No two versions in a row share a short label on a stated term, so every stated
    # cell after the first version is a change; silent cells stay "not stated".
    assert grid.state.value_counts().to_dict() == {"changed": 22, "not stated": 10, "first version": 3}
    cell = grid[(grid.version == "signed") & (grid.term == "fund-control")].iloc[0]
    assert (cell.short, cell.previous, cell.state) == ("50/50", "US names 3 of 5", "changed")
    assert "22 positions changed, 0 stayed the same and 10 are not stated" in info.alt_text
    assert "changed it to “50/50”" in info.alt_text and "Security guarantees:" in info.alt_text


def test_deal_grid_marks_a_reworded_position_as_same(data_copy):
    # Give the March draft the February label for its length (its text stays different):
    # the grid and the widget must both call it the same.
    path = data_copy / "deal_terms.yaml"
    path.write_text(path.read_text().replace('  short: "58 or over 90 pages"', '  short: "about 2 pages"'))
    content = explainer.load(data_copy)
    feb, march = dr.term(content, "february-text", "length"), dr.term(content, "march-draft", "length")
    assert feb.text != march.text and not dr.changed(feb, march)
    fig = deal_changes(content)
    grid = base.info(fig).data
    cell = grid[(grid.version == "march-draft") & (grid.term == "length")].iloc[0]
    assert cell.state == "same"
    assert "=" in {t.get_text() for t in fig.axes[0].texts}
    assert "kept “about 2 pages”" in base.info(fig).alt_text
    row = dr.compare(content, "february-text", "march-draft").set_index("term_id").loc["length"]
    assert not row.changed


def test_grid_and_widget_agree_on_what_changed(content):
    grid = dr.change_grid(content)
    for before, after in zip(VERSIONS, VERSIONS[1:]):
        frame = dr.compare(content, before, after).set_index("term_id")
        for cell in grid[grid.version == after].itertuples():
            if cell.state in ("changed", "same"):
                assert frame.loc[cell.term, "changed"] == (cell.state == "changed"), (after, cell.term)


def test_occupation_chart_redraws_in_place(content):
    fig = occupation_range(content)
    before = base.to_png(fig)
    again = occupation_range(content, fig=fig, highlight="zelensky-2025-02-08")
    assert again is fig and base.to_png(fig) != before


# ---------------------------------------------------------------- widgets


def test_version_comparison_responds(content):
    view = VersionComparison(content)
    assert (view.left.value, view.right.value) == ("early-drafts", "signed")
    before = view.table.value
    assert CHANGED in before and "<script" not in before
    view.left.value = "signed"
    assert view.table.value != before
    assert "0 of 7 terms differ" in view.table.value
    view.left.value = "february-text"
    view.changed_only.value = True
    assert view.table.value.count('class="changed"') == 7
    assert 'class="same"' not in view.table.value


def test_comparison_marks_change_by_text_and_colour(content):
    html = comparison_html(content, "february-text", "march-draft")
    row = html[html.index('class="changed"') :]
    row = row[: row.index("</tr>")]
    assert "background:" in row and CHANGED in row


def test_comparison_escapes_content(data_copy):
    path = data_copy / "deal_terms.yaml"
    path.write_text(path.read_text().replace("  text: 12 pages.", "  text: <script>alert(1)</script>"))
    html = comparison_html(explainer.load(data_copy), "march-draft", "signed")
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_occupation_view_responds(content):
    view = OccupationView(content)
    image, detail = view.chart.image.value, view.detail.value
    view.picker.value = "hrynchuk-2025-05"
    assert view.chart.image.value != image
    assert view.detail.value != detail and "Hrynchuk" in view.detail.value
    assert not view.chart.output.outputs and not view.output.outputs
