"""Minerals and deal terms: data rules, pinned numbers, charts and widgets of notebook 03."""

from __future__ import annotations

import pytest

import explainer
from explainer.charts import base, china_shares, deal_changes, occupation_range, rare_earth_mining
from explainer.classroom.studentwork import DEAL_PREDICTION_VERSIONS
from explainer.model import deal as dr
from explainer.views import deal as deal_views
from explainer.views.deal import CHANGED, REWORDED, VersionComparison, comparison_html, occupation_view
from explainer.views.yourcall import prediction_html
from tests.htmltext import words

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
    assert len(grid) == len(VERSIONS) * len(TERMS) + len(TERMS)  # and the last column, the direct comparison


def test_deal_grid_compares_substance_with_the_last_version_that_stated_the_term(content):
    info = base.info(deal_changes(content))
    grid = info.data[info.data.comparison == "with the last version that stated the term"]
    assert grid.state.value_counts().to_dict() == {"changed": 17, "first stated": 7, "not stated": 10, "same": 1}
    cell = grid[(grid.version == "signed") & (grid.term == "fund-control")].iloc[0]
    assert (cell.short, cell.previous, cell.state) == ("50/50", "US names 3 of 5", "changed")
    # "No guarantee" (February) and "no explicit guarantee" (signed) are the same in substance;
    # the March draft, silent on it, neither keeps nor changes it.
    cell = grid[(grid.version == "signed") & (grid.term == "security-guarantees")].iloc[0]
    assert (cell.state, cell.compared_with, bool(cell.reworded)) == ("same", "february-text", True)
    assert "17 positions changed in substance, 1 stayed the same in substance and 10 are not stated" in info.alt_text
    assert "kept “none; US backs Ukraine's bid”, worded “no explicit guarantee”" in info.alt_text
    texts = {t.get_text() for t in deal_changes(content).axes[0].texts}
    assert "=" in texts and "▲" in texts and "●" in texts and "○" in texts


def test_deal_grid_and_prediction_give_one_count_for_the_same_two_versions(content):
    # The review: the grid's title said 6 of 7 (the signed text against the March draft, term by
    # term) while the prediction scored against 5 of 7 (the February text against the signed one).
    left, right = DEAL_PREDICTION_VERSIONS
    assert (left, right) == dr.KEY_VERSIONS == ("february-text", "signed")
    rows = dr.prediction_rows(content, left, right, ())
    reworded = dr.compare(content, left, right).reworded
    assert (sum(r["changed"] for r in rows), int(reworded.sum()), len(rows)) == (5, 2, 7)
    summary = (
        "Between “Text agreed in late February” and “Agreement signed on 30 April”, "
        "5 of 7 terms changed in substance; 2 were only reworded"
    )
    assert dr.change_summary(content, left, right) == summary
    info = base.info(deal_changes(content))
    assert info.title == summary  # the chart's count...
    assert f"The record: {summary}." in words(prediction_html(content, left, right, []))  # ...is the prediction's
    assert f"The record: {summary}." in words(prediction_html(content, left, right))  # folded, without a kernel
    # The grid's last column is that comparison, cell by cell: 5 changed, 2 the same in substance, reworded.
    direct = info.data[info.data.comparison == "directly"]
    assert set(direct.version) == {right} and set(direct.compared_with) == {left}
    assert direct.cell.value_counts().to_dict() == {"changed": 5, "reworded": 2}
    assert sorted(direct.term[direct.cell == "reworded"]) == ["money-demanded", "security-guarantees"]
    heads = [t.get_text().replace("\n", " ") for t in deal_changes(content).axes[0].get_xticklabels()]
    assert heads[-1] == "3 → 5" and heads[2] == "3. Text agreed in late February"


def test_deal_grid_counts_between_any_two_versions(content):
    fig = deal_changes(content)
    again = deal_changes(content, fig=fig, left="early-drafts", right="revised-us-draft")
    assert again is fig
    info = base.info(fig)
    assert info.title == dr.change_summary(content, "early-drafts", "revised-us-draft")
    assert info.title.endswith("4 of 7 terms changed in substance; 3 are not stated in either")
    bold = [t.get_text().split(".")[0] for t in fig.axes[0].get_xticklabels() if t.get_fontweight() == "bold"]
    assert bold == ["1", "2", "1 → 2"]
    assert "version 2 set directly against version 1" in info.subtitle


def test_a_record_without_substance_is_compared_by_its_short_label(data_copy):
    # Take the March draft's substance away and give it the February label: the short label stands in.
    path = data_copy / "deal_terms.yaml"
    text = path.read_text()
    text = text.replace("  substance: 58 to over 90 pages\n", "").replace(
        '  short: "58 or over 90 pages"', '  short: "about 2 pages"'
    )
    text = text.replace("  substance: about 2 pages\n", "")
    path.write_text(text)
    content = explainer.load(data_copy)
    feb, march = dr.term(content, "february-text", "length"), dr.term(content, "march-draft", "length")
    assert feb.text != march.text and not dr.changed(feb, march) and not dr.reworded(feb, march)
    grid = dr.change_grid(content)
    cell = grid[(grid.version == "march-draft") & (grid.term == "length")].iloc[0]
    assert cell.state == "same"
    row = dr.compare(content, "february-text", "march-draft").set_index("term_id").loc["length"]
    assert not row.changed


def test_grid_and_widget_agree_on_what_changed(content):
    grid = dr.change_grid(content)
    compared = 0
    for cell in grid[grid.state.isin(["changed", "same"])].itertuples():
        frame = dr.compare(content, cell.compared_with, cell.version).set_index("term_id")
        assert frame.loc[cell.term, "changed"] == (cell.state == "changed"), (cell.version, cell.term)
        assert frame.loc[cell.term, "reworded"] == cell.reworded, (cell.version, cell.term)
        compared += 1
    assert compared == 18


def test_same_in_substance_occurs_between_versions(content):
    frame = dr.compare(content, "february-text", "signed").set_index("term_id")
    assert sorted(frame.index[~frame.changed]) == ["money-demanded", "security-guarantees"]
    assert frame.reworded.sum() == 2
    html = comparison_html(content, "february-text", "signed")
    assert "5 of 7 terms differ" in html and html.count(REWORDED) == 2


def test_occupation_chart_redraws_in_place(content):
    fig = occupation_range(content)
    before = base.to_png(fig)
    again = occupation_range(content, fig=fig, highlight="zelensky-2025-02-08")
    assert again is fig and base.to_png(fig) != before
    bold = [t.get_text() for t in fig.axes[0].texts if t.get_fontweight() == "bold"]
    assert bold == ["less than 20%"]
    assert list(base.info(fig).data.highlighted) == [False, False, False, True, False, False]
    assert base.info(fig).alt_text.endswith("Highlighted: President Zelensky (interview with Reuters), less than 20%.")
    occupation_range(content, fig=fig, highlight="hrynchuk-2025-05")
    assert [t.get_text() for t in fig.axes[0].texts if t.get_fontweight() == "bold"] == ["about half"]
    assert len(fig.axes) == 1 and len(fig.axes[0].lines) == 6  # the last draw's marks replaced, not added to


def test_occupation_chart_offers_only_shares(content):
    with pytest.raises(ValueError, match="svyrydenko"):
        occupation_range(content, highlight="svyrydenko-2025-02-23")  # a dollar value, not a share


def test_china_chart_gives_each_hatch_one_meaning(content):
    fig = china_shares(content)
    frame = base.info(fig).data
    assert frame.kind.value_counts().to_dict() == {"reported": 4, "computed": 1, "projection": 1}
    assert list(frame.label[frame.kind == "projection"]) == ["2030: projected by IEA"]
    assert list(frame.label[frame.kind == "computed"]) == ["2024: computed from USGS mine output"]
    ax = fig.axes[0]
    by_kind = {}
    for bar, kind in zip(ax.patches, frame.kind):
        by_kind.setdefault(kind, set()).add(bar.get_hatch() or "")
    assert by_kind == {"reported": {""}, "computed": {".."}, "projection": {"//"}}  # one hatch per kind...
    legend = ax.get_legend()
    key = {text.get_text(): patch.get_hatch() or "" for text, patch in zip(legend.get_texts(), legend.get_patches())}
    assert key == {"as reported": "", "computed here": "..", "a projection": "//"}  # ...each named in the key
    assert "Hatched" not in base.info(fig).subtitle


def test_mining_chart_ticks_stay_inside_its_limits(content):
    fig = rare_earth_mining(content)
    ax = fig.axes[0]
    low, high = ax.get_xlim()
    assert all(low <= x <= high for x in ax.get_xticks())
    assert base.info(fig).title == (
        "China mined 69% of the world's rare earths in 2024, 6 times as much as the next producer (United States)"
    )
    assert base.info(fig).data.label.iloc[0] == "270,000 t (69%)"


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
    assert view.table.value.count('class="changed"') == 5
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
    view = occupation_view(content)
    assert view.picker is view.chart.controls["highlight"]
    image, detail = view.chart.image.value, view.detail.value
    view.picker.value = "hrynchuk-2025-05"
    assert view.chart.image.value != image
    assert view.detail.value != detail and "Hrynchuk" in view.detail.value
    assert not view.chart.output.outputs and not view.output.outputs


# ----------------------------------------------------------------------------
# The prose of notebook 03 as formatted HTML


def test_definitions_html_gives_each_term_a_heading(content):
    html = deal_views.definitions_html(content)
    assert html.count("<h4>") == len(content.definitions) == 3
    text = words(html)
    assert text.startswith(
        "Rare earths (rare-earth elements) What it means: A particular family of 17 chemical elements."
    )
    assert "In this story: Ukraine says it holds 22 of the materials on the EU list." in text


def test_mining_status_html(content):
    text = words(deal_views.mining_status_html(content))
    assert "Rare earths (the 17 elements): None mined. The USGS lists no rare-earth reserves" in text
    assert "Lithium: Not extracted." in text


def test_occupation_html_pins_the_range_and_keeps_the_dollar_figure_apart(content):
    text = words(deal_views.occupation_html(content))
    assert text.startswith("6 estimates of the occupied share, from under 20% to about 50%:")
    assert "Feb 2025, President Zelensky (interview with Reuters): less than 20% (Ukraine's mineral resources)" in text
    assert text.endswith(
        "Not a share: Economy Minister Svyrydenko, Feb 2025: about $350bn"
        " (value of critical materials in occupied areas)"
    )


def test_china_html_pins_output_and_shares(content):
    text = words(deal_views.china_html(content))
    assert (
        "World rare-earth mine output, 2024: about 390,000 t. China: 270,000 t, which is 69.2% of the world total."
        in text
    )
    assert "IEA: China's refining share, 2023: 92%" in text
    assert "IEA: China's refining projected, 2030: 77%" in text


def test_versions_html_numbers_the_versions_and_keeps_their_dates(content):
    html = deal_views.versions_html(content)
    assert html.count("<li ") == 5 and '<li value="5">' in html
    text = words(html)
    assert "Early US drafts (draft), 7 Feb 2025 to 12 Feb 2025 On the date:" in text
    assert "Agreement signed on 30 April (signed), 30 Apr 2025 On the date: Signed on 30 April Washington time" in text


def test_guarantees_html_sets_the_texts_against_what_officials_said(content):
    text = words(deal_views.guarantees_html(content))
    assert "Text agreed in late February: No guarantee." in text
    assert "The text itself: “long-term strategic alignment”" in text
    said = text.split("How US officials described the deal")[1]
    assert said.startswith(" 3 Feb 2025, Donald Trump: “We're looking to do a deal with Ukraine")
    assert "12 Feb 2025, Scott Bessent: “long-term security shield for all Ukrainians”" in said
    quotes = dr.security_words(content)
    assert [q.date for q in quotes] == sorted(q.date for q in quotes)
    assert {content.get("actors", q.speaker).region for q in quotes} == {"United States"}
