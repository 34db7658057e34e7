"""Lesson plans that run as written: each step is a core section that exists, and the minutes add up.

The plans live in data/lesson_plans.yaml; their minutes are never typed but
computed from the sections they name (explainer.lesson_time). A plan is
accepted only once every section it names is marked core, so
:func:`test_every_section_a_plan_names_is_marked_core` and
:func:`test_lesson_plan_45_walks` fail until 00_start_here and 01_key_points
(and, for the other plans, 02_aid_figures) are marked:
``python tools/section_marks.py --set NOTEBOOK "Heading" core``.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil

import pytest

from explainer.classroom import studentwork
from explainer.classroom.handin import hand_in
from explainer.classroom.summary import read_class, text_report
from explainer.lesson_time import lesson_minutes, plan_problems, plan_steps, plan_table
from tests.paths import ROOT

PLANS = ("lesson-45", "lesson-90", "unit-3-lessons")


def _not_about_marks(line: str) -> bool:
    return "is not marked" not in line


def test_the_plans_are_the_guides_three(content):
    assert [p.id for p in content.lesson_plans] == list(PLANS)
    for plan in content.lesson_plans:
        assert plan.startup_minutes > 0 and plan.handin_minutes > 0, "the allowances are stated"
        assert "not measured" in plan.allowance_note


def test_every_plan_names_sections_that_exist_and_fits_its_lessons(content):
    """Every rule but the marks, which wait for 00, 01 and 02 to be marked (the next test)."""
    assert [line for line in plan_problems(content, ROOT) if _not_about_marks(line)] == []


def test_every_section_a_plan_names_is_marked_core(content):
    problems = plan_problems(content, ROOT)
    assert problems == [], "mark these sections (or change the plan):\n" + "\n".join(problems)


def test_a_plan_that_names_a_missing_or_extension_section_or_runs_long_is_named(content, tmp_path):
    import dataclasses

    plan = content.get("lesson_plans", "lesson-45")
    steps = list(plan.steps)
    steps[0] = dataclasses.replace(steps[0], section="No such heading")
    steps[6] = dataclasses.replace(steps[6], notebook="03_minerals_and_the_deal", section="Exercise")
    steps.append(dataclasses.replace(steps[6], notebook="99_none", section="Anything"))
    broken = dataclasses.replace(plan, steps=tuple(steps), lesson_minutes=20)

    class Content:  # the shipped content with the one plan replaced
        lesson_plans = (broken,)

        def get(self, name, key):
            return broken if name == "lesson_plans" else content.get(name, key)

        def __getattr__(self, name):
            return getattr(content, name)

    lines = [line for line in plan_problems(Content(), ROOT) if _not_about_marks(line)]
    where = "data/lesson_plans.yaml: record lesson-45: field"
    assert lines[:3] == [
        f"{where} steps[0].section: 00_start_here has no section 'No such heading'",
        f"{where} steps[6].section: 03_minerals_and_the_deal, 'Exercise' is extension",
        f"{where} steps[7].notebook: no notebook 99_none",
    ]
    assert re.fullmatch(
        rf"{where} lesson_minutes: the lesson takes [\d.]+ min \(allowances and the sections' computed times\), "
        r"more than 20",
        lines[3],
    )
    assert len(lines) == 4


@pytest.mark.parametrize("plan_id", PLANS)
def test_a_plans_minutes_are_its_sections_computed_minutes_plus_its_allowances(content, plan_id):
    plan = content.get("lesson_plans", plan_id)
    steps = plan_steps(content, plan_id, ROOT)
    totals = lesson_minutes(content, plan_id, ROOT)
    for lesson in range(1, plan.lessons + 1):
        mine = [s for s in steps if s.step.lesson == lesson]
        expected = plan.startup_minutes + plan.handin_minutes + sum(s.minutes for s in mine)
        assert totals[lesson] == pytest.approx(expected)
        assert totals[lesson] <= plan.lesson_minutes
        for s in mine:
            if s.step.covers is None:
                assert s.minutes == pytest.approx(s.section.minutes)
    # The table's minutes run on without a gap, from 0 to each lesson's computed total.
    table = plan_table(content, plan_id, ROOT)
    for block in table.split("| 0–")[1:]:
        spans = [(0, int(block.split(" ", 1)[0]))]
        spans += [tuple(map(int, m)) for m in re.findall(r"^\| (\d+)–(\d+) \|", block, re.M)]
        assert all(a[1] == b[0] for a, b in zip(spans, spans[1:])), spans
    for total in totals.values():
        assert (
            f"Computed: {f'{round(total, 1):.1f}'.rstrip('0').rstrip('.')} of {plan.lesson_minutes} minutes." in table
        )


def test_a_step_that_covers_some_claims_counts_only_those(content):
    (step,) = [s for s in plan_steps(content, "lesson-45", ROOT) if s.step.covers]
    (task, _all) = step.section.tasks[0]
    assert (task.id, step.step.covers) == ("01-judge-claims", 4)
    assert step.minutes == pytest.approx(step.section.reading + 4 * 3)
    assert '"Your call, claim by claim" (4 claims)' in plan_table(content, "lesson-45", ROOT)


def _do_the_work(content, step) -> None:
    """Save what a student saves in one step, through the functions the notebook's widgets call."""
    level = content.rating_scale[0].id
    for name in step.saves:
        if name == studentwork.CALLS_FILE:
            claims = ["former-president"] if step.notebook == "00_start_here" else []
            claims += [c.id for c in content.claims if c.id not in claims][: step.covers or 0]
            for claim in claims:
                studentwork.record_call(claim, level, "The record's dates do not match the article.")
        elif name.startswith("quiz-"):
            (quiz,) = [q for q in content.quizzes if studentwork.quiz_file(q.id) == name]
            for q in quiz.questions:
                option = q.options[0] if q.options else None
                answer, correct = (option.text, option.correct) if option else (q.answer, True)
                studentwork.record_answer(quiz.id, q.id, answer, correct)
        else:
            raise AssertionError(f"the walk does not know how {step.notebook} saves {name}")


def test_lesson_plan_45_walks(content, work_dir, tmp_path):
    plan = content.get("lesson_plans", "lesson-45")
    steps = plan_steps(content, "lesson-45", ROOT)
    # Every section it names exists and is core.
    assert all(s.section is not None for s in steps), [s.step.section for s in steps if s.section is None]
    assert [s.step.section for s in steps if s.section.kind != "core"] == []
    assert [line for line in plan_problems(content, ROOT) if "record lesson-45:" in line] == []
    # Its minutes add up: start-up + the sections' computed minutes + hand-in, within 45.
    total = plan.startup_minutes + sum(s.minutes for s in steps) + plan.handin_minutes
    assert lesson_minutes(content, "lesson-45", ROOT) == {1: pytest.approx(total)} and total <= 45
    # A student does the steps, then presses "Hand in my work".
    for s in steps:
        _do_the_work(content, s.step)
    handed = hand_in("Student A", now=dt.datetime(2026, 3, 2, 10, 45))
    saved = {name for s in steps for name in s.step.saves}
    assert saved <= set(handed.document["files"]), "the hand-in carries every file the lesson saved"
    # The teacher's class folder holds the hand-in file as it came back.
    (tmp_path / "class").mkdir()
    shutil.copy(handed.path, tmp_path / "class" / handed.path.name)
    work = read_class(content, tmp_path / "class")
    assert work.skipped == [] and work.students == ["Student A"]
    assert work.handed_in["Student A"] == "2026-03-02T10:45:00"
    claims = ["former-president"] + [c.id for c in content.claims if c.id != "former-president"][:4]
    assert set(work.calls["Student A"]) == set(claims)
    for quiz_id in ("quiz-00-start-here", "quiz-01-key-points"):
        quiz = content.get("quizzes", quiz_id)
        assert {q.id for q in quiz.questions} <= {q for (qz, q) in work.first_tries["Student A"] if qz == quiz_id}
    report = text_report(content, work)
    assert report.startswith("Class summary: 1 students (Student A)")


@pytest.mark.parametrize("plan_id", ["lesson-45", "lesson-90", "unit-3-lessons"])
def test_the_teacher_guide_holds_each_plan_as_computed(content, plan_id):
    """The guide's plans are the computed tables, so a changed notebook cannot leave a stale plan behind."""
    guide = (ROOT / "docs" / "teacher" / "teacher-guide.md").read_text(encoding="utf-8")
    table = plan_table(content, plan_id, ROOT).strip()
    assert table in guide, f"docs/teacher/teacher-guide.md: paste `python -m explainer times --plan {plan_id}`"
