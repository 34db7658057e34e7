"""Your call first: a guess in 02 and a prediction in 03 come before the record is shown."""

from __future__ import annotations

import json

from explainer.classroom import studentwork
from explainer.model import aid
from explainer.model import deal as dr
from explainer.views.yourcall import AidGuess, ChangePrediction, guess_html, prediction_html


def test_the_aid_totals_stay_hidden_until_a_guess_is_saved(content, work_dir):
    view = AidGuess(content)
    assert view.revealed.value == ""
    assert "$174.2bn" not in view.snapshot_html().split("<details>")[0]
    # Nothing typed: nothing saved or shown.
    assert view.save() is False and "above zero" in view.message.value
    assert view.revealed.value == "" and not (work_dir / "guesses.json").exists()
    view.guess.value = 150
    assert view.save() is True
    shown = view.revealed.value
    assert "<td>$174.2bn</td><td><b>appropriated</b></td><td>Congressional Research Service</td>" in shown
    assert "<td><mark><b>$150bn</b></mark></td><td><mark>your guess</mark></td>" in shown
    # The guess sits between Kiel's allocated total ($119bn) and the CRS total ($174.2bn); the $123bn
    # repayable under a draft of the deal is a stake in the talks, named after the table, not a total of aid.
    assert shown.index("$119bn") < shown.index("your guess") < shown.index("$174.2bn") < shown.index("$123bn")
    assert "between a total that counts aid allocated (Kiel Institute, converted to dollars by CNN)" in shown
    assert "appropriated (Congressional Research Service)" in shown


def test_the_first_guess_counts_and_comes_back_on_reload(content, work_dir):
    view = AidGuess(content)
    view.guess.value = 98
    view.save()
    view.guess.value = 300
    view.save()
    assert "your first guess is the one shown" in view.message.value
    assert "<mark><b>$98bn</b></mark>" in view.revealed.value
    history = json.loads((work_dir / "guesses.json").read_text())
    assert [(h["guess"], h["value"]) for h in history] == [("02-us-aid-total", 98.0), ("02-us-aid-total", 300.0)]
    again = AidGuess(content)
    assert again.guess.value == 98 and "your guess" in again.revealed.value


def test_a_guess_beyond_every_total_says_so(content):
    assert "below every total in the news" in guess_html(content, 10)
    assert "above every total in the news" in guess_html(content, 900)
    # The $500bn demanded is a stake in the talks, not a total of aid: no guess is placed beside it.
    assert aid.guess_neighbours(content, 500)[0].measure == "claimed"
    assert aid.guess_neighbours(content, 500)[1] is None
    assert aid.guess_neighbours(content, 120)[1].measure == "appropriated"  # not the $123bn repayable
    assert "your guess" not in guess_html(content, None)


def test_the_deal_record_stays_hidden_until_a_prediction_is_saved(content, work_dir):
    view = ChangePrediction(content, "february-text", "signed")
    assert view.revealed.value == ""
    assert "Money demanded" in view.snapshot_html() and "<details>" in view.snapshot_html()
    assert view.choice.value == "<p>Your prediction so far: nothing changed in substance.</p>"
    view.terms.value = ("Revenue share", "Length")
    assert view.choice.value == "<p>Your prediction so far: changed: Revenue share, Length; the same: the other 5.</p>"
    assert view.revealed.value == ""
    assert view.save() is True
    assert "You called <b>4 of 7</b> terms as the record has them." in view.revealed.value
    assert studentwork.load_guesses() == {"03-changed-terms": ["revenue-share", "length"]}
    again = ChangePrediction(content, "february-text", "signed")
    assert again.terms.value == ("Revenue share", "Length") and again.revealed.value != ""


def test_a_prediction_is_marked_by_the_one_rule_of_change(content):
    rows = dr.prediction_rows(content, "february-text", "signed", ["security-guarantees", "length"])
    by_term = {r["term_id"]: r for r in rows}
    # February text to signed: money demanded and security guarantees stay the same in substance.
    assert [r["term_id"] for r in rows if not r["changed"]] == ["money-demanded", "security-guarantees"]
    assert by_term["security-guarantees"] == {
        "term_id": "security-guarantees",
        "term": "Security guarantees",
        "predicted": True,
        "changed": False,
        "right": False,
        "before": "none; US backs Ukraine's bid",
        "after": "no explicit guarantee",
    }
    assert by_term["length"]["right"] is True
    assert "Your call" not in prediction_html(content, "february-text", "signed")


def test_a_choice_prediction_shows_nothing_until_it_is_saved(content, work_dir):
    from explainer.views.yourcall import ChoicePrediction

    view = ChoicePrediction(content, "04-aid-after-oval-office")
    assert view.revealed.value == ""
    folded, record = view.snapshot_html().split("<details>")
    assert "The United States paused them" in folded and "The record:" not in folded
    assert "<b>The record:</b> The United States paused them (how firmly this stands: confirmed)." in record
    assert view.save() is False and view.message.value == "<p><b>Choose one answer first.</b></p>"
    assert not (work_dir / "guesses.json").exists()
    view.choice.value = "ended"
    assert view.save() is True
    shown = view.revealed.value
    assert "<b>Your call:</b> The United States stopped them for good. ✘ Half right:" in shown
    assert "<li><b>3 Mar 2025</b> <small>(confirmed)</small>: The White House confirms a pause" in shown
    view.choice.value = "paused"
    view.save()
    assert "your first prediction is the one marked" in view.message.value
    assert studentwork.load_guesses() == {"04-aid-after-oval-office": "ended"}
    again = ChoicePrediction(content, "04-aid-after-oval-office")
    assert again.choice.value == "ended" and "Half right" in again.revealed.value


def test_the_fund_prediction_stands_no_firmer_than_its_reported_event(content):
    from explainer.views.yourcall import choice_reveal_html

    shown = choice_reveal_html(content, "07-fund-first-investment", "reported-only")
    assert "<b>The record:</b> Only a first one reported, not confirmed (how firmly this stands: reported)." in shown
    assert "<li><b>16 Apr 2026</b> <small>(reported)</small>: Ukrainian officials are reported to say" in shown
    assert "✔ That is as far as the record goes" in shown


def test_class_summary_counts_the_choice_predictions(content, tmp_path):
    from explainer.classroom import summary

    for student, value in (("ana", "paused"), ("ben", "ended"), ("cy", "paused")):
        (tmp_path / student).mkdir()
        entries = [{"guess": "04-aid-after-oval-office", "value": value, "at": "2026-12-05T10:00:00"}]
        if student == "ana":
            entries.append({"guess": "07-fund-first-investment", "value": "several", "at": "2026-12-05T10:05:00"})
        (tmp_path / student / "guesses.json").write_text(json.dumps(entries))
    (tmp_path / "dee").mkdir()
    (tmp_path / "dee" / "guesses.json").write_text(
        json.dumps([{"guess": "07-fund-first-investment", "value": "maybe", "at": "2026-12-05T10:00:00"}])
    )
    work = summary.read_class(content, tmp_path)
    lines = summary.text_report(content, work).splitlines()
    assert (
        'Prediction 04-aid-after-oval-office: 2/3 chose the record\'s answer, "The United States paused them" '
        "(confirmed); They carried on as before 0, The United States paused them 2, "
        "The United States sent more, and faster 0, The United States stopped them for good 1"
    ) in lines
    assert any(line.startswith("Prediction 07-fund-first-investment: 0/1 chose") for line in lines)
    assert work.skipped == [
        "dee/guesses.json: entry 0 answers 07-fund-first-investment with 'maybe', "
        "not one of several, one-confirmed, reported-only, not-set-up; skipped"
    ]
