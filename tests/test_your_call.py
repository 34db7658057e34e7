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
