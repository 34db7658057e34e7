"""The skill check (issue #21, section 4): parallel forms, rules with one-line errors, the view, the summary."""

from __future__ import annotations

import io
import json
import re
import shutil
from collections import Counter

from explainer.classroom import studentwork, summary
from explainer.commands.cli import class_summary
from explainer.markup import esc
from explainer.model import skillcheck as sc
from explainer.views.skillcheck import SkillCheck
from explainer.views.yourcall import AidGuess, totals_shown_in_01
from tests.paths import ROOT


def test_the_two_forms_ask_the_same_skills_the_same_number_of_times(content):
    counts = {f: Counter(i.skill for i in content.skillcheck if i.form == f) for f in sc.FORMS}
    assert counts["A"] == counts["B"] == Counter({"measure": 3, "quote-form": 3, "checkable": 2, "producer": 2})


def test_no_item_text_or_material_repeats(content):
    texts = [re.sub(r"\W+", " ", i.text.lower()) for i in content.skillcheck]
    assert len(set(texts)) == len(texts) == 20
    assert len({i.material for i in content.skillcheck}) == 20


def test_each_answer_agrees_with_its_record(content):
    for item in content.skillcheck:
        record = content.get(*item.material.split("/", 1))
        if item.skill == "measure":
            assert item.answer == record.measure, item.id
        if item.skill == "quote-form":
            assert item.answer == sc.QUOTE_FORM_ANSWERS[record.form], item.id


def test_form_for_is_fixed_per_student_and_the_other_form_comes_after():
    assert {sc.form_for(s, "before") for s in ("ana", "ben", "chloe", "dev", "emma")} == {"A", "B"}
    for student in ("ana", "ben"):
        assert {sc.form_for(student, "before"), sc.form_for(student, "after")} == {"A", "B"}
        assert sc.form_for(student, "before") == sc.form_for(student, "before")


def _answer_all(view, right_skills=()):
    for item in view.items:
        wrong = next(o.id for o in sc.options_of(item) if o.id != item.answer)
        view.choices[item.id].value = item.answer if item.skill in right_skills else wrong


def test_before_shows_the_score_only_and_after_shows_the_answers(content, work_dir):
    before = SkillCheck(content, "before")
    assert before.result.value == ""
    before.choices[before.items[0].id].value = before.items[0].answer
    assert before.submit() is False and "9 still open" in before.message.value
    _answer_all(before, right_skills=("measure",))
    assert before.submit() is True
    assert "Your score: <b>3 of 10</b>" in before.result.value
    assert not any(esc(item.why)[:40] in before.result.value for item in before.items), "no answer before the end"
    saved = json.loads((work_dir / studentwork.SKILLCHECK_FILE).read_text(encoding="utf-8"))
    assert len(saved) == 10 and {e["when"] for e in saved} == {"before"} and {e["form"] for e in saved} == {before.form}
    # A second submission is refused: the first answers count.
    assert SkillCheck(content, "before").submit() is False
    after = SkillCheck(content, "after")
    assert after.form != before.form
    _answer_all(after, right_skills=("measure", "producer"))
    assert after.submit() is True
    assert "Your score: <b>5 of 10</b>" in after.result.value
    assert all(esc(item.why)[:40] in after.result.value for item in (*before.items, *after.items))
    assert "<td>3 of 3</td><td>3 of 3</td>" in after.result.value


def test_the_static_copy_names_the_skills_not_the_items(content, work_dir):
    html = SkillCheck(content, "before").snapshot_html()
    assert "Which measure a figure counts" in html
    assert not any(item.text[:30] in html for item in content.skillcheck)


def test_a_guess_in_00_shows_no_total_and_02_shows_it_as_from_00(content, work_dir):
    first = AidGuess(content, asked_in="00")
    first.guess.value = 150
    assert first.save() is True and first.revealed.value == ""
    entry = studentwork.first_guess(studentwork.AID_GUESS)
    assert entry["asked_in"] == "00" and "seen" not in entry
    later = AidGuess(content)
    assert "Your guess from notebook 00: <b>$150bn</b>" in later.message.value
    assert "$174.2bn" in later.revealed.value


def test_a_guess_first_made_in_02_records_the_totals_01_shows(content, work_dir):
    assert totals_shown_in_01(content) == [
        "zelensky-2025-02-19-received",
        "cfr-2024-09-27-direct",
        "kiel-cnn-2025-02-24-allocated",
        "crs-2024-04-29-appropriated",
        "crfb-2024-appropriated",
        "trump-2025-02-19-claimed",
    ]
    view = AidGuess(content)
    view.guess.value = 90
    assert view.save() is True
    entry = studentwork.first_guess(studentwork.AID_GUESS)
    assert entry["asked_in"] == "02" and entry["seen"] == totals_shown_in_01(content)


SAMPLE = ROOT / "examples" / "class"


def test_the_class_summary_shows_scores_before_and_after_and_the_gain(tmp_path):
    out = io.StringIO()
    assert class_summary(SAMPLE, tmp_path / "report.html", out=out) == 0
    lines = out.getvalue().splitlines()
    start = lines.index("Skill check (00 before, 07 after): 4 students, 3 took both")
    assert lines[start + 1 : start + 12] == [
        "Student      Before           After           ",
        "ana          4/10 40% (A)     8/10 80% (B)    ",
        "ben          5/10 50% (B)     9/10 90% (A)    ",
        "chloe        3/10 30% (A)     6/10 60% (B)    ",
        "dev          6/10 60% (B)     -               ",
        "Skill                                          Before        After  Gain (students who took both)",
        "Which measure a figure counts                4/12 33%     9/9 100%  +67 points",
        "Own words, readout or translation            6/12 50%      6/9 67%  +22 points",
        "Is the claim checkable                        4/8 50%      4/6 67%  +33 points",
        "Which source is the original producer         4/8 50%      4/6 67%  +17 points",
        "Form A: measure: a-measure-five-acts, a-measure-kiel-military, a-measure-rare-earth; "
        "quote-form: a-quote-hegseth, a-quote-starmer-call, a-quote-not-debtors; "
        "checkable: a-check-sixty-percent, a-check-new-leader; "
        "producer: a-producer-fund-policies, a-producer-dobra-tender",
    ]
    assert "Guesses at the US aid total made in 00, before any total was shown: 2;" in out.getvalue()
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "<h2>The skill check: before (00) and after (07)</h2>" in html


def test_a_skillcheck_file_naming_an_item_of_the_other_form_is_skipped(content, tmp_path):
    folder = tmp_path / "class"
    shutil.copytree(SAMPLE / "ana", folder / "ana")
    path = folder / "ana" / studentwork.SKILLCHECK_FILE
    entries = json.loads(path.read_text(encoding="utf-8"))
    entries[0]["form"] = "B"
    path.write_text(json.dumps(entries), encoding="utf-8")
    work = summary.read_class(content, folder)
    assert work.skipped == [f"ana/skillcheck.json: entry 0 names no item of form 'B' ({entries[0]['item']!r}); skipped"]
