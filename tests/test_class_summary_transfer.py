"""The class summary's part for the text checked alone (notebook 08), on the sample class and broken copies."""

from __future__ import annotations

import io
import json
import shutil

from explainer.classroom import summary as cs
from explainer.commands.cli import class_summary
from tests.paths import ROOT

SAMPLE = ROOT / "examples" / "class"
TEXT = "treasury-2025-04-30"


def _section(lines: list[str]) -> list[str]:
    start = lines.index(next(line for line in lines if line.startswith("Text checked alone (08), claim")))
    end = next(i for i, line in enumerate(lines) if line.startswith("p6 "))
    return lines[start : end + 1]


def test_the_sample_class_is_set_against_the_texts_ledger_claim_by_claim(tmp_path):
    out = io.StringIO()
    report = tmp_path / "report.html"
    assert class_summary(SAMPLE, report, out=out) == 0
    section = _section(out.getvalue().splitlines())
    assert section == [
        "Text checked alone (08), claim                               Ledger           Agree  Class verdicts",
        "The US and Ukraine signed the fund agreement on 30 April 202 Accurate           3/4  "
        "Accurate 3, Needs context 1",
        "The fund recognises the large US support given since the inv Needs context      1/3  "
        "Accurate 1, Needs context 1, Misleading 1",
        "Agreement with the ledger: on the article's claims, 26 of 57 calls (46%); "
        "on the text checked alone (08), 4 of 7 calls (57%).",
        "",
        "Passage (08)   The project reads it as  Marked checkable  Sorted the same",
        "p1             fact                                  4/4  4/4",
        "p2             fact                                  2/4  2/4",
        "p3             intent                                1/4  3/4",
        "p4             opinion                               1/4  3/4",
        "p5             intent                                0/4  4/4",
        "p6             intent                                0/4  4/4",
    ]
    html = report.read_text(encoding="utf-8")
    assert "<h2>A text checked alone (08): did the skill transfer?</h2>" in html
    assert (
        "<tr><td>The fund recognises the large US support given since the invasion</td><td>Needs context</td>"
        "<td>1</td><td>1</td><td>1</td><td>0</td><td>0</td><td>1 of 3</td></tr>"
    ) in html
    assert "<tr><td>p3</td><td>intent</td><td>1 of 4</td><td>3 of 4</td></tr>" in html


def test_first_calls_and_first_marks_count(content):
    work = cs.read_class(content, SAMPLE)
    # ben changed his call on the second claim, chloe her marks: the first ones are kept.
    assert work.transfer_calls["ben"][f"{TEXT}:treasury-recognises-past-support"] == "accurate"
    assert work.transfer_marks["chloe"] == {TEXT: ["p1", "p4"]}
    assert work.transfer_calls["dev"] == {f"{TEXT}:treasury-signed-30-april": "needs-context"}


def test_broken_transfer_files_are_named_and_skipped_whole(tmp_path, content):
    folder = tmp_path / "class"
    shutil.copytree(SAMPLE / "ana", folder / "ana")
    calls = folder / "ana" / "transfer-calls.json"
    # A call saved without the text's prefix names no claim of a text checked alone.
    calls.write_text(json.dumps([{"claim": "treasury-signed-30-april", "verdict": "accurate"}]), encoding="utf-8")
    marks = folder / "ana" / "transfer-marks.json"
    marks.write_text(json.dumps([{"text": TEXT, "checkable": ["p1", "p9"]}]), encoding="utf-8")
    work = cs.read_class(content, folder)
    assert work.skipped == [
        "ana/transfer-calls.json: entry 0 names no claim of a text checked alone ('treasury-signed-30-april'); skipped",
        f"ana/transfer-marks.json: entry 0 marks a passage {TEXT} does not have ('p9'); skipped",
    ]
    assert work.transfer_calls["ana"] == {} and work.transfer_marks["ana"] == {}
    assert "Text checked alone" not in cs.text_report(content, work)
    calls.write_text('[{"claim": ', encoding="utf-8")
    marks.write_text(json.dumps([{"text": "no-such-text", "checkable": []}]), encoding="utf-8")
    assert cs.read_class(content, folder).skipped == [
        "ana/transfer-calls.json: not valid JSON (Expecting value at line 1); skipped",
        "ana/transfer-marks.json: entry 0 names no text checked alone ('no-such-text'); skipped",
    ]


def test_a_class_that_did_not_reach_08_gets_no_section(tmp_path, content):
    folder = tmp_path / "class"
    shutil.copytree(SAMPLE / "ana", folder / "ana")
    for name in ("transfer-calls.json", "transfer-marks.json"):
        (folder / "ana" / name).unlink()
    work = cs.read_class(content, folder)
    assert "(08)" not in cs.text_report(content, work)
    assert "did the skill transfer" not in cs.html_report(content, work)
