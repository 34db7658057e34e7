"""The figures calculator of notebook 02: each rule's flag, the results' units and measures, saving and the summary."""

from __future__ import annotations

import json

import pytest

from explainer.classroom import studentwork, summary
from explainer.model import arithmetic as ar
from explainer.views.calculator import Calculator, result_html

CRS = "aid_headlines:crs-2024-04-29-appropriated"
CRFB = "aid_headlines:crfb-2024-appropriated"
RECEIVED = "aid_headlines:zelensky-2025-02-19-received"
DEMAND = "aid_headlines:trump-2025-02-10-demanded"
PURL = "aid_allied_purchases:total-2025-12-31"
KIEL_US = "aid_kiel:kiel-2025-02-us-total"
EU_COMMITTED = "aid_kiel:kiel-2025-02-europe-committed"
EU_ALLOCATED = "aid_kiel:kiel-2025-02-europe-total"
US_MILITARY = "aid_kiel:kiel-2024-12-us-military"
US_FINHUM = "aid_kiel:kiel-2024-12-us-finhum"


def _combine(content, a, op, b, rate_id=None):
    return ar.combine(content, ar.figure(content, a), op, ar.figure(content, b), rate_id)


def _rules(result):
    return [f.rule for f in result.flags]


def test_every_record_of_the_five_collections_is_on_the_menu(content):
    ids = [f.id for f in ar.figures(content)]
    expected = sum(
        len(content.records(name))
        for name in ("aid_headlines", "aid_appropriations", "aid_kiel", "aid_allied_purchases")
    )
    assert len(ids) == len(set(ids)) == expected
    assert ar.figure(content, DEMAND).label == "Trump's demand: $500bn demanded"
    with pytest.raises(KeyError, match="no aid figure 'aid_kiel:nothing'"):
        ar.figure(content, "aid_kiel:nothing")


def test_adding_purl_purchases_to_us_aid_is_flagged_and_only_that_reason_is_given(content):
    r = _combine(content, CRS, "+", PURL)
    assert r.flags == (
        ar.Flag(
            "allied-with-us-aid",
            "PURL weapons are paid for by allied governments, not voted by Congress, "
            "so adding them to US aid counts the allies' money as American.",
            "glossary-appropriation",
        ),
    )
    assert (r.value, r.unit, r.measure) == (pytest.approx(178.5), "US$ billion", None)
    assert _rules(_combine(content, PURL, "−", CRS)) == []  # a comparison, not a total


def test_dividing_the_demand_by_aid_received_is_flagged(content):
    r = _combine(content, DEMAND, "÷", RECEIVED)
    assert r.flags == (
        ar.Flag(
            "stake-over-aid",
            "The $500bn is an amount demanded in the deal talks, not aid given, "
            "so the ratio sets an asking figure against aid and measures neither.",
            "measure-demanded",
        ),
    )
    assert (round(r.value, 2), r.unit, r.measure, r.working) == (
        5.08,
        "times (a ratio)",
        None,
        "$500bn ÷ $98.5bn = 5.08",
    )
    assert _rules(_combine(content, RECEIVED, "÷", DEMAND)) == ["stake-over-aid"]
    assert _rules(_combine(content, CRS, "÷", RECEIVED)) == []
    assert (
        _combine(content, DEMAND, "−", RECEIVED)
        .flags[0]
        .message.endswith("so the difference sets an asking figure against aid and measures neither.")
    )
    # The sum a draft would have counted for repayment is an estimate of past aid: set against aid, no flag.
    assert _rules(_combine(content, "aid_headlines:kiel-2025-03-28-repayable", "÷", RECEIVED)) == []
    assert _rules(_combine(content, DEMAND, "÷", "aid_headlines:kiel-2025-03-28-repayable")) == []


def test_euros_and_dollars_give_no_result_without_a_rate_and_a_shown_conversion_with_one(content):
    r = _combine(content, US_MILITARY, "−", RECEIVED)
    assert r.value is None
    assert r.flags == (
        ar.Flag(
            "euros-with-dollars",
            "The Kiel Institute counts in euros and the other figure is in dollars; "
            "choose a recorded exchange rate first, so the conversion is stated.",
            "glossary-kiel-institute",
        ),
    )
    r = _combine(content, US_MILITARY, "−", RECEIVED, "cnn-2025-02-24-implied")
    assert r.flags == ()
    assert r.conversion == (
        "EUR 64bn × 1.044 US$ per euro = $66.81bn (rate cnn-2025-02-24-implied: Rate implied by CNN's conversion "
        "of the Kiel Institute's US total (EUR 114bn, data to December 2024) into US$119bn.)"
    )
    assert (r.unit, r.working) == ("US$ billion", "$66.81bn − $98.5bn = −$31.69bn")


def test_adding_committed_to_allocated_or_any_two_measures_is_flagged(content):
    r = _combine(content, EU_COMMITTED, "+", EU_ALLOCATED)
    assert r.flags == (
        ar.Flag(
            "different-measures",
            "One figure counts money committed and the other money allocated, "
            "so their sum mixes two kinds of count and measures neither.",
            "glossary-committed",
        ),
    )
    assert (r.value, r.unit, r.measure) == (235, "EUR billion", None)
    assert _rules(_combine(content, CRS, "+", RECEIVED)) == ["different-measures", "counted-twice"]
    assert _combine(content, CRS, "+", RECEIVED).flags[0].anchor == "glossary-appropriation"
    assert _combine(content, RECEIVED, "+", CRS).flags[0].anchor == "measure-received"


def test_adding_two_totals_of_the_same_aid_is_flagged_and_two_parts_are_not(content):
    r = _combine(content, CRS, "+", CRFB)
    assert r.flags == (
        ar.Flag(
            "counted-twice",
            "Both figures include the same aid (two totals, or a total and a part of it), "
            "so adding them counts that aid twice.",
            "glossary-appropriation",
        ),
    )
    assert (r.value, r.measure) == (pytest.approx(349.2), "appropriated")
    assert _rules(_combine(content, "aid_appropriations:usaa-2022", "+", CRS)) == ["counted-twice"]
    assert _rules(_combine(content, US_MILITARY, "+", "aid_kiel:kiel-2024-12-all-military")) == ["counted-twice"]
    parts = _combine(content, US_MILITARY, "+", US_FINHUM)
    assert (parts.flags, parts.value, parts.measure) == ((), 114, "allocated")
    assert _rules(_combine(content, "aid_appropriations:usaa-2022", "+", "aid_appropriations:ausaa-2022")) == []


def test_an_unknown_operation_is_named(content):
    with pytest.raises(ValueError, match=r"unknown operation '\*'; choose one of: \+, −, ÷"):
        _combine(content, CRS, "*", RECEIVED)


def test_the_result_shows_unit_measure_and_each_flag_with_its_link(content):
    html = result_html(content, ar.figure(content, CRS), "+", ar.figure(content, PURL))
    assert "<b>Unit:</b> US$ billion. <b>Measure:</b> none (the result counts no single thing).</p>" in html
    assert '<a href="#glossary-appropriation">What “Appropriation” means</a>' in html
    demand = result_html(content, ar.figure(content, DEMAND), "÷", ar.figure(content, RECEIVED))
    assert '<a href="#measure-demanded">What “Demanded” means</a>' in demand
    fair = result_html(content, ar.figure(content, CRS), "−", ar.figure(content, RECEIVED))
    assert "a difference or a ratio of two measures is a fair comparison" in fair


def test_the_calculator_saves_each_try_and_its_static_copy_needs_a_kernel(content, work_dir):
    view = Calculator(content)
    assert "needs a running notebook" in view.snapshot_html()
    assert "EUR 97bn + EUR 138bn = EUR 235bn" in view.snapshot_html()
    view.first.value, view.operation.value, view.second.value = DEMAND, "÷", RECEIVED
    assert view.work_out()
    view.operation.value = "−"
    assert view.work_out()
    assert "<b>Result:</b> $500bn − $98.5bn = $401.5bn. <b>Unit:</b> US$ billion." in view.result.value
    view.first.value, view.second.value = US_MILITARY, RECEIVED
    assert view.work_out() and "<b>No result:</b>" in view.result.value
    view.rate.value = "cnn-2025-02-24-implied"
    assert view.work_out() and "<b>Conversion:</b> EUR 64bn × 1.044 US$ per euro" in view.result.value
    saved = json.loads((work_dir / studentwork.CALCULATOR_FILE).read_text(encoding="utf-8"))
    assert [(e["first"], e["op"], e["second"], e["flags"]) for e in saved] == [
        (DEMAND, "÷", RECEIVED, ["stake-over-aid"]),
        (DEMAND, "−", RECEIVED, ["stake-over-aid"]),
        (US_MILITARY, "−", RECEIVED, ["euros-with-dollars"]),
        (US_MILITARY, "−", RECEIVED, []),
    ]
    assert view.message.value == "<p><small>Saved in <code>calculator.json</code>.</small></p>"


def _student(folder, name, entries):
    (folder / name).mkdir(parents=True)
    (folder / name / studentwork.CALCULATOR_FILE).write_text(json.dumps(entries), encoding="utf-8")


def test_the_class_summary_counts_the_students_who_tried_each_flagged_mix(tmp_path, content):
    mix = {"first": CRS, "op": "+", "second": PURL, "at": "2026-11-20T10:00:00"}
    _student(tmp_path, "ana", [{**mix, "flags": ["allied-with-us-aid"]}, {**mix, "flags": ["allied-with-us-aid"]}])
    _student(tmp_path, "ben", [{**mix, "flags": ["allied-with-us-aid", "counted-twice"]}])
    _student(tmp_path, "cy", [{**mix, "flags": ["no-such-rule"]}])
    work = summary.read_class(content, tmp_path)
    assert work.students == ["ana", "ben"]
    assert work.skipped == ["cy/calculator.json: entry 0 names no rule of the calculator ('no-such-rule'); skipped"]
    assert {r["rule"]: r["students"] for r in summary.mix_rows(work)} == {
        "allied-with-us-aid": 2,
        "stake-over-aid": 0,
        "euros-with-dollars": 0,
        "different-measures": 0,
        "counted-twice": 1,
    }
    text = summary.text_report(content, work).splitlines()
    at = text.index(f"{'Mix flagged by the figures calculator (02)':<60} Students who tried it")
    assert text[at + 1] == f"{'Allied-funded PURL purchases added to US aid':<60} 2"
    html = summary.html_report(content, work)
    assert "<td>Allied-funded PURL purchases added to US aid</td><td>2</td>" in html
