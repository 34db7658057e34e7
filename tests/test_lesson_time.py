"""Honest timings: each notebook's time is computed from its reading length and its tasks.

The line at the top of each notebook and the teacher guide's table come from
the same computation; these tests keep both in step with the notebooks and
with ``data/tasks.yaml``.
"""

from __future__ import annotations

import ast
import json
import re

import pytest

from explainer.lesson_time import REFERENCE_TAG, notebook_time, reading_length, task_tags, time_html
from explainer.model import lessons
from tests.paths import NOTEBOOKS, ROOT, notebook_paths

GUIDE = ROOT / "docs" / "teacher" / "teacher-guide.md"
NOTEBOOK_PATHS = notebook_paths()

# A cell that builds one of these asks the student to do something, so it must be a timed task.
TASK_VIEWS = {
    "ClaimJudge",
    "QuizView",
    "ExerciseView",
    "PositionWriter",
    "ArgumentMap",
    "TimelineExplorer",
    "QuoteExplorer",
    "AidGuess",
    "ChangePrediction",
    "Calculator",
}
# A cell that calls one of these shows material to look things up in, not to read through.
REFERENCE_CALLS = {"sources_html", "glossary_section", "time_html"}


def _cells(path):
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def _called(cell) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse("".join(cell["source"]))):
        if isinstance(node, ast.Call):
            func = node.func
            names.add(func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", ""))
    return names


def test_reading_counts_prose_and_outputs_but_not_tasks_references_or_link_titles():
    notebook = {
        "cells": [
            {
                "cell_type": "markdown",
                "source": ["# A title\n", 'Two [terms](#glossary-x "a long hover title of nine words here") here.'],
            },
            {
                "cell_type": "code",
                "metadata": {},
                "source": "x",
                "outputs": [
                    {"output_type": "stream", "text": ["one two three\n"]},
                    {
                        "output_type": "display_data",
                        "data": {"text/html": '<p>Four <b>five</b></p><img alt="not" src="x.svg"><style>a</style>'},
                    },
                    {"output_type": "display_data", "data": {"image/png": "AAAA", "text/plain": "<Figure>"}},
                    {
                        "output_type": "display_data",
                        "data": {"application/vnd.jupyter.widget-view+json": {}, "text/plain": "VBox(children=...)"},
                    },
                ],
            },
            {
                "cell_type": "code",
                "metadata": {"tags": [REFERENCE_TAG]},
                "source": "y",
                "outputs": [{"output_type": "stream", "text": "not counted at all"}],
            },
            {
                "cell_type": "code",
                "metadata": {"tags": ["task:00-quiz"]},
                "source": "z",
                "outputs": [{"output_type": "stream", "text": "timed as a task instead"}],
            },
        ]
    }
    # "A title Two terms here." (5) + "one two three" (3) + "Four five" (2); an <img> and a PNG are charts.
    assert reading_length(notebook) == (10, 2)


def test_tasks_are_timed_whole_or_per_question_and_claim(content):
    assert lessons.task_minutes(content, content.get("tasks", "00-quiz")) == 1.5 * 4
    assert lessons.task_minutes(content, content.get("tasks", "01-judge-claims")) == 3 * len(content.claims) == 45
    assert lessons.task_minutes(content, content.get("tasks", "05-position")) == 20
    assert lessons.rounded(content, 30.0) == 30 and lessons.rounded(content, 30.2) == 35
    assert content.pace.words_per_minute == 150
    assert lessons.reading_minutes(content, 1500, charts=2) == 10 + 2 * 0.5


@pytest.mark.parametrize("path", NOTEBOOK_PATHS, ids=lambda p: p.stem)
def test_every_task_has_its_tagged_cell_and_every_task_cell_its_record(content, path):
    cells = [c for c in _cells(path) if c["cell_type"] == "code"]
    tagged = [t for c in cells for t in task_tags(c)]
    expected = [t.id for t in lessons.tasks_for(content, path.stem)]
    assert sorted(tagged) == sorted(expected), f"{path.name}: cells tagged {tagged}, tasks.yaml has {expected}"
    for cell in cells:
        calls = _called(cell)
        if calls & TASK_VIEWS:
            assert task_tags(cell), f"{path.name}: a cell builds {sorted(calls & TASK_VIEWS)} but is not a timed task"
        if calls & REFERENCE_CALLS:
            assert REFERENCE_TAG in cell["metadata"].get("tags", []), f"{path.name}: {sorted(calls)} not tagged"


@pytest.mark.parametrize("path", NOTEBOOK_PATHS, ids=lambda p: p.stem)
def test_the_time_at_the_top_is_computed_and_stored_fresh(content, path):
    cells = _cells(path)
    markdown = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    assert not re.search(r"Time to learn\W*(about )?\d", markdown), f"{path.name}: a typed time"
    time_cells = [c for c in cells if c["cell_type"] == "code" and "time_html" in _called(c)]
    assert len(time_cells) == 1, path.name
    cell = time_cells[0]
    assert f'time_html(content, "{path.stem}")' in "".join(cell["source"])
    assert {"reference", "nbval-check-output"} <= set(cell["metadata"]["tags"])
    assert cells.index(cell) <= 4, f"{path.name}: the time is not at the top"
    stored = "".join(cell["outputs"][0]["data"]["text/html"])
    fresh = time_html(content, path.stem)
    assert stored == fresh, f"{path.name}: stored time is stale; re-run the notebook (tools/run_notebooks.py)"
    time = notebook_time(content, path.stem, path)
    assert f"About {time.total} minutes" in fresh and f"{time.words:,} words at 150 words a minute" in fresh
    for task, minutes in time.tasks:
        assert f"{minutes:g} min</li>" in fresh, task.id


def _guide_rows() -> dict[str, list[str]]:
    """The rows of the guide's table of objectives and times, by notebook."""
    lines = GUIDE.read_text(encoding="utf-8").splitlines()
    start = lines.index("| Notebook | After it, students can... | Reading | Tasks | Core | Full |")
    rows = {}
    for line in lines[start + 2 :]:
        m = re.match(r"\| `(\d\d_[a-z_]+)` \|(.*)\|\s*$", line)
        if not m:
            break
        rows[m.group(1)] = [cell.strip() for cell in m.group(2).split("|")]
    return rows


def test_the_teacher_guide_gives_each_notebooks_computed_time(content):
    rows = _guide_rows()
    assert sorted(rows) == [p.stem for p in NOTEBOOK_PATHS]
    for path in NOTEBOOK_PATHS:
        time = notebook_time(content, path.stem, path)
        _objectives, *times = rows[path.stem]
        core = "not marked" if time.core(content) is None else f"{time.core(content)} min"
        expected = [f"{round(time.reading)} min", f"{time.task_minutes:g} min", core, f"{time.total} min"]
        assert times == expected, (
            f"docs/teacher/teacher-guide.md, {path.stem}: has {times}, the notebook gives {expected} "
            "(python -m explainer times prints the rows)"
        )
    text = GUIDE.read_text(encoding="utf-8")
    assert f"{content.pace.words_per_minute:g} words a minute" in text
    assert f"{content.pace.table_words_per_minute:g} words a minute" in text, "the guide gives the rate for tables"
    assert "Spichtig" in text


def test_a_notebook_outside_its_project_says_its_time_is_not_worked_out(content, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    html = time_html(content, "02_aid_figures")
    assert "Time to learn:</b> not worked out" in html and "no project folder" in html


def test_the_cli_prints_the_guides_rows(content):
    import io

    from explainer.commands import cli

    out = io.StringIO()
    assert cli.times(out=out) == 0
    lines = out.getvalue().splitlines()
    assert lines[:2] == ["| Notebook | Reading | Tasks | Core | Full |", "|---|---|---|---|---|"]
    assert len(lines) == 2 + len(NOTEBOOK_PATHS)
    time = notebook_time(content, "05_debate", NOTEBOOKS / "05_debate.ipynb")
    assert lines[2 + 5] == (
        f"| `05_debate` | {round(time.reading)} min | {time.task_minutes:g} min | "
        f"{time.core(content)} min | {time.total} min |"
    )
    assert time.core(content) is not None


def test_the_cli_prints_a_plan_and_why_it_does_not_run_yet(content):
    import io

    from explainer.commands import cli
    from explainer.lesson_time import plan_problems, plan_table

    out = io.StringIO()
    code = cli.times(out=out, plan="lesson-45")
    problems = [line for line in plan_problems(content) if "record lesson-45:" in line]
    assert out.getvalue() == plan_table(content, "lesson-45") + "".join(f"\n{line}" for line in problems) + (
        "\n" if problems else ""
    )
    assert code == (2 if problems else 0)
    out = io.StringIO()
    assert cli.times(out=out, plan="lesson-1000") == 2
    assert out.getvalue() == "lesson-1000: no such lesson plan (lesson-45, lesson-90, unit-3-lessons)\n"


def test_the_static_site_takes_notebook_names_and_names_a_wrong_one(capsys):
    from explainer.commands import site
    from explainer.paths import notebook_paths

    assert notebook_paths(["02_aid_figures", str(NOTEBOOKS / "00_start_here.ipynb")]) == [
        NOTEBOOKS / "00_start_here.ipynb",
        NOTEBOOKS / "02_aid_figures.ipynb",
    ]
    out = NOTEBOOKS.parent / "unused-site-folder"
    assert site.main(["no_such_notebook", "--out", str(out)]) == 2
    assert not out.exists(), "nothing is written for a wrong name"
    assert capsys.readouterr().err == f"no_such_notebook: no such notebook (the notebooks are in {NOTEBOOKS})\n"
