"""A text checked alone (notebook 08): its passages, its ledger, and the student's marks and calls."""

from __future__ import annotations

import json

from explainer.classroom import studentwork
from explainer.markup import esc
from explainer.model import transfer
from explainer.views import transfer as tv
from explainer.views.claims import ClaimJudge

TEXT = "treasury-2025-04-30"


def test_the_text_is_a_dated_public_domain_us_government_statement(content):
    t = content.get("transfer_texts", TEXT)
    source = content.get("sources", t.source)
    assert (source.publisher, str(source.date), str(t.date)) == (
        "US Department of the Treasury",
        "2025-04-30",
        "2025-04-30",
    )
    assert "public domain" in t.licence and "17 U.S.C. 105" in t.licence
    assert [p.id for p in t.passages] == ["p1", "p2", "p3", "p4", "p5", "p6"]
    assert [p.kind for p in t.passages] == ["fact", "fact", "intent", "opinion", "intent", "intent"]
    assert [p.wording for p in t.passages] == ["exact", "reported", "reported", "exact", "exact", "reported"]


def test_the_ledger_judges_each_checkable_passage_once(content):
    entries = transfer.ledger_for(content, TEXT)
    assert [(c.id, c.passage, c.rating, c.confidence) for c in entries] == [
        ("treasury-signed-30-april", "p1", "accurate", "confirmed"),
        ("treasury-recognises-past-support", "p2", "needs-context", "confirmed"),
    ]
    assert transfer.checkable(content, TEXT) == ("p1", "p2")


def test_marks_are_scored_against_the_projects_reading(content):
    assert transfer.marks_score(content, TEXT, ["p1", "p2"]) == (6, 6)
    assert transfer.marks_score(content, TEXT, ["p1", "p4"]) == (4, 6)
    assert transfer.marks_score(content, TEXT, []) == (4, 6)


def test_the_text_shows_no_answer(content):
    shown = tv.text_html(content, TEXT)
    for p in content.get("transfer_texts", TEXT).passages:
        assert esc(p.why) not in shown
    assert "checkable" not in shown.lower() and "Accurate" not in shown
    assert "[reported, in our words]" in shown and "&ldquo;No state or person" in shown


def test_the_marker_reveals_the_reading_only_after_saving_and_keeps_the_first_marks(content, work_dir):
    marker = tv.CheckableMarker(content, TEXT)
    assert marker.revealed.value == ""
    marker.passages.value = ("p1", "p4")
    assert marker.save() is True
    assert "You sorted <b>4 of 6</b> passages as the project does." in marker.revealed.value
    marker.passages.value = ("p1", "p2")
    marker.save()
    assert "your first marks are the ones compared" in marker.message.value
    assert studentwork.load_marks() == {TEXT: ["p1", "p4"]}
    again = tv.CheckableMarker(content, TEXT)
    assert again.passages.value == ("p1", "p4") and "4 of 6" in again.revealed.value
    assert "<details>" in marker.snapshot_html()


def test_the_judge_is_notebook_01s_and_saves_calls_apart_under_the_text_id(content, work_dir):
    judge = tv.transfer_judge(content, TEXT)
    assert isinstance(judge, ClaimJudge)
    assert judge.claim_ids == ["treasury-signed-30-april", "treasury-recognises-past-support"]
    assert judge.revealed.value == ""
    judge.answer("accurate", "The date matches the published text.")
    assert judge.save() is True
    assert "The text:</b>" in judge.revealed.value
    assert "Your calls against the ledger:</b> 1 of 2 claims judged; 1 the same verdict" in judge.summary.value
    history = json.loads((work_dir / "transfer-calls.json").read_text())
    assert [(e["claim"], e["verdict"]) for e in history] == [(f"{TEXT}:treasury-signed-30-april", "accurate")]
    assert not (work_dir / "claim-calls.json").exists(), "the article's calls are left alone"
    assert ClaimJudge(content).calls == {}
    assert tv.transfer_judge(content, TEXT).calls == {
        "treasury-signed-30-april": {"verdict": "accurate", "reason": "The date matches the published text."}
    }


def test_the_ledger_is_folded_and_marks_what_is_not_rated(content):
    html = tv.transfer_ledger_html(content, TEXT)
    assert html.startswith("<details><summary><b>Open after you have judged every claim:</b>")
    assert html.count("Not rated: a statement of intent") == 3
    assert html.count("Not rated: an opinion") == 1
    assert "Needs context" in html and "Accurate" in html
    assert "The fund&#x27;s board of managers meets for the first time (3 Sep 2025, confirmed)" in html
    assert "an economic security guarantee" in html and "Fox News" in html


def test_the_sources_of_a_text_are_its_own_its_ledgers_and_its_passages(content):
    assert transfer.sources_of(content, TEXT) == (
        "treasury-2025-04-30-fund-agreement",
        "kyivindependent-2025-04-30-full-text",
        "european-pravda-2025-05-01-signed-terms",
        "pravda-2025-05-08-rada-ratifies",
        "crs-in12107-2024-04-29",
        "kiel-2025-02-14-three-year-report",
        "reuters-2025-04-30-draft-no-repayment",
        "unn-2025-05-08-military-aid-contribution",
        "foxnews-2025-02-23-bessent-no-military-guarantees",
    )
