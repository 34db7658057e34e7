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


def test_the_sample_class_is_summed_up_and_every_bad_entry_and_file_is_named_and_skipped(tmp_path):
    before = _fingerprint(SAMPLE)
    out = io.StringIO()
    report = tmp_path / "report.html"
    assert class_summary(SAMPLE, report, out=out) == 0
    lines = out.getvalue().splitlines()
    # Folders (ana … finn) and hand-in files (Gus, Hana, Ivy) alike; finn's good entries still count.
    assert lines[0] == "Class summary: 9 students (ana, ben, chloe, dev, emma, finn, Gus, Hana, Ivy)"
    assert lines[-12:] == [
        "Written positions: 3 from 3 students",
        "Assessed question: Should help for Ukraine come with something in return? "
        "(the default; no class configuration file)",
        "Shared run of 20 words: Gus: 05-debate-position and model answer rubric-level-3: "
        "“The first US draft reportedly asked for half of Ukraine's resource revenues and gave Ukraine no "
        "security guarantee in return”",
        "Shared run of 14 words: Gus: 05-debate-position and Ivy: 05-debate-position: "
        "“asking for something back is a fair question for voters who paid for it”",
        "ivy-0c9d8e7f-20260302T103000.json: an earlier hand-in by Ivy than ivy-0c9d8e7f-20260303T115000.json; skipped",
        "notes.json: not a hand-in file; skipped",
        "emma/claim-calls.json: not valid JSON (Expecting value at line 2); skipped",
        "emma/guesses.json: entry 0 guesses the aid total as 'lots', not a number above zero; skipped",
        "finn/claim-calls.json: entry 1 names no claim of the ledger ('no-such-claim'); skipped",
        "finn/quiz-quiz-01-key-points.json: not a list of entries; skipped",
        "ivy-0c9d8e7f-20260303T115000.json:guesses.json: entry 0 guesses the aid total as -5, not a number above zero;"
        " skipped",
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
    # Ivy's prediction counts though her bad guess beside it is skipped.
    row = next(line for line in lines if line.startswith("Security guarantees"))
    assert row.split()[-3:] == ["substance", "2/4", "2/4"]
    # Hana quotes the same speakers as the model answers: quoting is not flagged.
    assert not any("Hana" in line for line in lines if line.startswith("Shared run"))
    html = report.read_text(encoding="utf-8")
    assert "<h2>Entries and files skipped</h2>" in html and "finn/claim-calls.json" in html
    assert "Taking the article&#x27;s wording on trust" in html
    assert "<h2>Your call first: the class's guesses before the reveal</h2>" in html
    # Per claim, the reasons; per question, its text and every option's first answers.
    assert "<li><b>Gus</b> (Misleading): The signed text has no guarantee in it.</li>" in html
    assert "<h3>quiz-01-key-points: " in html and "Misconception it shows" in html
    # A page per student, with the latest saved position (not the first draft).
    assert '<section class="student" id="student-gus"><h2>Gus</h2><p>Handed in 2026-03-03T11:45:00.</p>' in html
    assert "That is why the first refusal makes sense to me." in html and "A first try that I rewrote." not in html
    assert _fingerprint(SAMPLE) == before, "the students' folder was changed"


def test_one_hand_in_file_is_summed_up_alone_and_no_report_is_written_unless_asked(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert cli_main(["class-summary", str(SAMPLE / "hana-a1b2c3d4-20260303T114000.json")]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Class summary: 1 students (Hana)\n")
    assert "Wrote" not in out and list(tmp_path.iterdir()) == []


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
    assert capsys.readouterr().out == f"{tmp_path / 'nothing'}: not a folder of students' work or a hand-in file\n"
