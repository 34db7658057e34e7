"""Judge first, then check: the student's own verdict on each claim comes before the ledger's."""

from __future__ import annotations

import json

from explainer.classroom import studentwork
from explainer.markup import esc
from explainer.views.claims import ClaimJudge, call_comparison_html


def test_the_ledgers_verdict_is_hidden_until_the_student_saves_a_call(content, work_dir):
    judge = ClaimJudge(content)
    claim = judge.claim
    assert esc(claim.quoted) in judge.words.value
    assert judge.revealed.value == ""
    shown = judge.position.value + judge.words.value + judge.revealed.value
    assert esc(claim.what_the_record_shows) not in shown
    assert esc(claim.explanation) not in shown
    # No verdict or reason: nothing is saved or revealed.
    assert judge.save() is False and "Choose a verdict first" in judge.message.value
    judge.verdict.value = "accurate"
    assert judge.save() is False and "Write a one-line reason first" in judge.message.value
    assert judge.revealed.value == "" and not (work_dir / "claim-calls.json").exists()
    judge.answer("accurate", "Officials did call it that.")
    assert judge.save() is True
    assert esc(claim.what_the_record_shows) in judge.revealed.value
    assert esc(content.get("rating_scale", claim.rating).label) in judge.revealed.value
    for source in content.sources_for(claim.sources):
        assert esc(source.publisher) in judge.revealed.value


def test_calls_are_kept_and_the_first_one_counts(content, work_dir):
    judge = ClaimJudge(content, ["former-president", "us-provided-98bn"])
    judge.answer("accurate", "First thought.")
    judge.save()
    judge.answer("inaccurate", "After reading.")
    judge.save()
    assert "your first call is the one compared" in judge.message.value
    history = json.loads((work_dir / "claim-calls.json").read_text())
    assert [(h["claim"], h["verdict"]) for h in history] == [
        ("former-president", "accurate"),
        ("former-president", "inaccurate"),
    ]
    assert studentwork.load_calls() == {"former-president": {"verdict": "accurate", "reason": "First thought."}}
    # A reload shows the first call and the ledger's verdict at once.
    again = ClaimJudge(content, ["former-president", "us-provided-98bn"])
    assert again.verdict.value == "accurate" and again.reason.value == "First thought."
    assert again.revealed.value != ""
    again.go(1)
    assert again.revealed.value == "" and again.verdict.value is None
    assert again.next_button.disabled and not again.previous_button.disabled


def test_the_comparison_counts_same_near_and_far(content):
    calls = {
        "former-president": {"verdict": "inaccurate", "reason": "x"},  # ledger: inaccurate
        "us-provided-98bn": {"verdict": "accurate", "reason": "x"},  # ledger: needs context (1 step)
        "trump-demanded-500bn": {"verdict": "inaccurate", "reason": "x"},  # ledger: accurate (3 steps)
        "rare-earth-deal": {"verdict": "no-such-level", "reason": "x"},  # ignored
    }
    html = call_comparison_html(content, calls)
    assert "3 of 15 claims judged; 1 the same verdict, 1 one step apart, 1 further apart." in html
    assert "3 steps apart" in html
    assert "No calls yet" in call_comparison_html(content, {})


def test_without_a_kernel_each_verdict_is_folded_away(content):
    html = ClaimJudge(content)._repr_mimebundle_()["text/html"]
    assert html.count("<details><summary>Decide your verdict first") == len(content.claims)
    items = html.split("<li><blockquote>")[1:]
    for claim, item in zip(content.claims, items, strict=True):
        words, fold, record = esc(claim.quoted), "<details>", esc(claim.what_the_record_shows)
        assert item.index(words) < item.index(fold) < item.index(record), claim.id
