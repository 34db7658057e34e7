"""The teacher's class summary: the sample class under examples/, broken files included."""

from __future__ import annotations

import hashlib
import io
import shutil

from explainer.commands.cli import class_summary
from explainer.commands.cli import main as cli_main
from tests.paths import ROOT

SAMPLE = ROOT / "examples" / "class"


def _fingerprint(folder):
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.rglob("*") if p.is_file()
    } | {str(p.relative_to(folder)) + "/": "" for p in folder.rglob("*") if p.is_dir()}


def test_the_sample_class_is_summed_up_and_broken_files_are_named_and_skipped(tmp_path):
    before = _fingerprint(SAMPLE)
    out = io.StringIO()
    report = tmp_path / "report.html"
    assert class_summary(SAMPLE, report, out=out) == 0
    lines = out.getvalue().splitlines()
    assert lines[0] == "Class summary: 5 students (ana, ben, chloe, dev, emma)"
    assert lines[-5:] == [
        "emma/claim-calls.json: not valid JSON (Expecting value at line 2); skipped",
        "emma/guesses.json: entry 0 guesses the aid total as 'lots', not a number above zero; skipped",
        "finn/claim-calls.json: entry 1 names no claim of the ledger ('no-such-claim'); skipped",
        "finn/quiz-quiz-01-key-points.json: not a list of entries; skipped",
        f"Wrote {report}.",
    ]
    row = next(line for line in lines if line.startswith("Zelensky described the $500bn demand"))
    assert row.split()[-4:] == ["4/4", "Needs", "context", "4"]
    row = next(line for line in lines if line.startswith("q-trump-title"))
    assert "3/5 60%" in row
    assert row.endswith(
        "A former president campaigning to win back the White House (2) [Taking the article's wording on trust]"
    )
    assert not any(line.startswith("q-acts-total") for line in lines), "unanswered questions are left out"
    # Your call first: first guesses only (ben's second guess, $120bn, is not counted).
    # ana and chloe guessed in 00, before any total; dev in 02, and ben's older save records no place (02).
    assert (
        "Guesses at the US aid total made in 00, before any total was shown: 2; median $299bn; "
        "from $98bn to $500bn; nearest total in the news: received 1, claimed 1"
    ) in lines
    assert (
        "Guesses at the US aid total made in 02, after notebook 01 could have shown some totals: 2; "
        "median $262.5bn; from $175bn to $350bn; nearest total in the news: appropriated 1, claimed 1"
    ) in lines
    row = next(line for line in lines if line.startswith("Security guarantees"))
    assert row.split()[-3:] == ["substance", "1/3", "2/3"]
    row = next(line for line in lines if line.startswith("Revenue share"))
    assert row.split()[-3:] == ["changed", "2/3", "2/3"]
    html = report.read_text(encoding="utf-8")
    assert "<h2>Files skipped</h2>" in html and "finn/claim-calls.json" in html
    assert "Taking the article&#x27;s wording on trust" in html
    assert "<h2>Your call first: the class's guesses before the reveal</h2>" in html
    assert "<tr><td>Security guarantees</td><td>same in substance</td><td>1 of 3</td><td>2 of 3</td></tr>" in html
    assert _fingerprint(SAMPLE) == before, "the students' folder was changed"


def test_a_partial_class_counts_first_calls_only(tmp_path, content):
    folder = tmp_path / "class"
    shutil.copytree(SAMPLE / "ana", folder / "ana")
    calls = folder / "ana" / "claim-calls.json"
    text = calls.read_text(encoding="utf-8")
    # A later call on the first claim does not replace the first one.
    calls.write_text(
        text.rstrip().rstrip("]") + ',{"claim": "deal-framed-as-security-guarantee",'
        ' "verdict": "accurate", "reason": "changed my mind", "at": "x"}]',
        encoding="utf-8",
    )
    from explainer.classroom import summary as cs

    work = cs.read_class(content, folder)
    first = cs.read_class(content, SAMPLE).calls["ana"]["deal-framed-as-security-guarantee"]
    assert work.calls["ana"]["deal-framed-as-security-guarantee"] == first
    assert work.skipped == []


def test_the_report_is_never_written_into_the_class_folder_and_a_missing_folder_is_one_line(tmp_path, capsys):
    folder = tmp_path / "class"
    shutil.copytree(SAMPLE, folder)
    assert cli_main(["class-summary", str(folder), "--out", str(folder / "r.html")]) == 2
    assert capsys.readouterr().out == (
        f"{folder / 'r.html'}: the report must be written outside {folder}, which is left unchanged\n"
    )
    assert not (folder / "r.html").exists()
    assert cli_main(["class-summary", str(tmp_path / "nothing")]) == 2
    assert capsys.readouterr().out == f"{tmp_path / 'nothing'}: not a folder of students' work\n"
