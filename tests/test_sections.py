"""Core and extension sections: marked in each heading cell's metadata, shown under the heading, timed one by one.

A section is a ``## `` heading and what follows it up to the next one. The
heading cell's metadata says ``core``, ``extension`` or ``reference``;
tools/section_marks.py writes the line under the heading from it, and these
tests fail while the two differ or while a notebook has a heading without a
kind.
"""

from __future__ import annotations

import json
import shutil

import pytest

from explainer.lesson_time import (
    MARKERS,
    OPENING,
    mark_problems,
    notebook_time,
    section_times,
    set_mark,
    time_html,
    time_lines,
    times_table,
    write_marks,
)
from explainer.model import lessons
from tests.paths import NOTEBOOKS, ROOT, notebook_paths

#: The notebooks whose every ``## `` heading must be marked: all of them. A new notebook's headings are
#: marked with ``python tools/section_marks.py --set NOTEBOOK "Heading" core``.
MARKED = {path.stem for path in notebook_paths()}

CORE, EXTENSION = MARKERS["core"], MARKERS["extension"]


def _fixture() -> dict:
    """A small notebook: an opening, a core section with a table and a task, an extension starting mid-cell."""
    return {
        "cells": [
            {"cell_type": "markdown", "metadata": {}, "source": "# Title\n\n## Overview\nOne two three."},
            {
                "cell_type": "code",
                "metadata": {},
                "source": "x",
                "outputs": [{"output_type": "stream", "text": "four five"}],
            },
            {
                "cell_type": "markdown",
                "metadata": {"explainer": {"sections": {"Core part": "core"}}},
                "source": f"## Core part\n{CORE}\n\nSix seven eight.\n\n| A | B |\n|---|---|\n| 1 | 2 |",
            },
            {
                "cell_type": "code",
                "metadata": {},
                "source": "y",
                "outputs": [
                    {
                        "output_type": "display_data",
                        "data": {
                            "text/html": "<p>nine ten</p><table><tr><td>11</td><td>twelve</td></tr></table><img src=x>"
                        },
                    }
                ],
            },
            {"cell_type": "code", "metadata": {"tags": ["task:00-first-call"]}, "source": "z", "outputs": []},
            {
                "cell_type": "markdown",
                "metadata": {"explainer": {"sections": {"Extra": "extension"}}},
                "source": f"Tail of core.\n## Extra\n{EXTENSION}\nWords here now.",
            },
            {"cell_type": "code", "metadata": {"tags": ["task:00-quiz"]}, "source": "q", "outputs": []},
        ]
    }


@pytest.fixture
def fixture_path(tmp_path):
    path = tmp_path / "fixture.ipynb"
    path.write_text(json.dumps(_fixture()), encoding="utf-8")
    return path


def test_a_fixture_notebook_is_cut_into_sections_and_timed(content, fixture_path):
    opening, core, extra = section_times(content, "fixture", fixture_path)
    # The opening: the title cell ("Title", "Overview", "One two three.") and the output "four five".
    assert (opening.heading, opening.kind, opening.words, opening.table_words, opening.charts) == (
        OPENING,
        "core",
        7,
        0,
        0,
    )
    # "Core part", "Six seven eight.", "nine ten", "Tail of core." (the marker line is not read);
    # in tables "A B", "1 2", "11 twelve"; one image.
    assert (core.heading, core.kind, core.words, core.table_words, core.charts) == ("Core part", "core", 10, 6, 1)
    assert [(t.id, m) for t, m in core.tasks] == [("00-first-call", 3.0)]
    assert core.reading == pytest.approx(10 / 150 + 6 / 100 + 0.5)
    assert core.minutes == pytest.approx(3.6266667, abs=1e-6)
    assert (extra.heading, extra.kind, extra.words, extra.table_words) == ("Extra", "extension", 4, 0)
    assert [(t.id, m) for t, m in extra.tasks] == [("00-quiz", 6.0)]
    assert extra.minutes == pytest.approx(4 / 150 + 6)


def test_tables_are_read_at_their_own_rate(content):
    assert content.pace.words_per_minute == 150 and content.pace.table_words_per_minute == 100
    assert lessons.reading_minutes(content, 300, charts=1, table_words=200) == 2 + 2 + 0.5
    assert "our own estimate" in content.pace.note


def test_the_time_line_says_which_rate_applies_to_what(content):
    time = notebook_time(content, "04_diplomatic_fallout", NOTEBOOKS / "04_diplomatic_fallout.ipynb")
    line = time_lines(content, time)[0]
    assert line.startswith(f"Reading: {time.words:,} words at 150 words a minute, ")
    assert f"{time.table_words:,} words in tables at 100 words a minute" in line
    html = time_html(content, "04_diplomatic_fallout")
    assert "Reading pace for prose: " in html and "the slower pace for tables" in html


def test_the_core_time_is_the_core_sections_rounded_as_the_total_is(content):
    time = notebook_time(content, "03_minerals_and_the_deal", NOTEBOOKS / "03_minerals_and_the_deal.ipynb")
    core = sum(s.minutes for s in time.sections if s.kind == "core")
    assert time.core(content) == lessons.rounded(content, core) < time.total
    everything = sum(s.minutes for s in time.sections)
    assert time.total == lessons.rounded(content, everything), "the sections add up to the notebook"
    assert [s.heading for s in time.sections if s.kind == "core"] == [
        OPENING,
        "Rare earths or critical minerals?",
        "The versions of the deal",
        "Check your understanding",
        "Hand in your work",
        "Summary",
    ]


def test_the_times_table_gives_core_and_full_times(content):
    rows = times_table(content, ROOT).splitlines()
    assert rows[0] == "| Notebook | Reading | Tasks | Core | Full |"
    for path in notebook_paths():
        time = notebook_time(content, path.stem, path)
        core = f"{time.core(content)} min" if path.stem in MARKED else "not marked"
        row = f"| `{path.stem}` | {round(time.reading)} min | {time.task_minutes:g} min | {core} | {time.total} min |"
        assert row in rows


@pytest.mark.parametrize("path", notebook_paths(), ids=lambda p: p.stem)
def test_every_marker_matches_its_metadata(path):
    notebook = json.loads(path.read_text(encoding="utf-8"))
    assert mark_problems(notebook, path.stem, every_heading=path.stem in MARKED) == []


def test_the_marked_notebooks_exist():
    assert MARKED <= {p.stem for p in notebook_paths()}


def test_a_marker_that_differs_or_a_heading_without_a_kind_is_named():
    notebook = _fixture()
    assert mark_problems(notebook, "fixture") == []
    notebook["cells"][5]["metadata"]["explainer"]["sections"]["Extra"] = "core"
    notebook["cells"][2]["metadata"] = {}
    assert mark_problems(notebook, "fixture") == [
        "fixture, 'Core part': no section kind in the cell's metadata",
        "fixture, 'Core part': the line under the heading is "
        "'*Core: every route through the unit includes this part.*', its metadata gives None "
        "(python tools/section_marks.py writes it)",
        "fixture, 'Extra': the line under the heading is "
        "'*Extension: your teacher may leave this part out.*', its metadata gives "
        "'*Core: every route through the unit includes this part.*' (python tools/section_marks.py writes it)",
    ]
    assert write_marks(notebook) is True
    assert notebook["cells"][5]["source"] == f"Tail of core.\n## Extra\n{CORE}\nWords here now."
    assert notebook["cells"][2]["source"].startswith("## Core part\n\nSix seven eight.")
    assert write_marks(notebook) is False, "a second run changes nothing"
    assert mark_problems(notebook, "fixture", every_heading=False) == []


def test_set_mark_marks_one_heading_and_names_a_wrong_one():
    notebook = _fixture()
    set_mark(notebook, "Extra", "reference")
    assert notebook["cells"][5]["metadata"]["explainer"]["sections"] == {"Extra": "reference"}
    assert f"## Extra\n{MARKERS['reference']}\nWords" in notebook["cells"][5]["source"]
    with pytest.raises(ValueError, match=r"^no section headed 'Overview' "):
        set_mark(notebook, "Overview", "core")  # the title cell's headings are the opening
    with pytest.raises(ValueError, match=r"^'optional': a section is core, extension, reference$"):
        set_mark(notebook, "Extra", "optional")


def test_the_tool_sets_a_mark_in_a_notebook_file(tmp_path, capsys):
    from tools.section_marks import main

    path = tmp_path / "07_copy.ipynb"
    shutil.copy(NOTEBOOKS / "07_what_happened_next.ipynb", path)
    # Start from a copy with its 'Your call first' marked extension: --set turns it core, and only it.
    assert main(["--set", str(path), "Your call first", "extension"]) == 0
    capsys.readouterr()
    assert main(["--set", str(path), "Your call first", "core"]) == 0
    assert capsys.readouterr().out == "07_copy.ipynb: 'Your call first' is core\n"
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    (cell,) = [c for c in cells if "## Your call first" in "".join(c["source"])]
    assert cell["metadata"]["explainer"]["sections"] == {"Your call first": "core"}
    assert "".join(cell["source"]).startswith(f"## Your call first\n{CORE}\n")
    assert main([str(path)]) == 0 and capsys.readouterr().out == "", "nothing left to rewrite"
    with pytest.raises(SystemExit, match="no section headed 'Nothing'"):
        main(["--set", str(path), "Nothing", "core"])


def test_the_sections_table_of_a_fixture_notebook(content, fixture_path):
    from explainer.lesson_time import sections_table

    assert sections_table(content, "fixture", fixture_path).splitlines() == [
        "**fixture**",
        "",
        "| Section | Kind | Words | In tables | Charts | Tasks | Minutes |",
        "|---|---|---|---|---|---|---|",
        "| Opening | core | 7 | 0 | 0 | - | 0 |",
        "| Core part | core | 10 | 6 | 1 | 00-first-call (3) | 3.6 |",
        "| Extra | extension | 4 | 0 | 0 | 00-quiz (6) | 6 |",
    ]


def test_explainer_times_sections_prints_every_notebooks_sections(content):
    import io

    from explainer.commands import cli
    from explainer.lesson_time import sections_table

    out = io.StringIO()
    assert cli.times(out=out, sections=True) == 0
    text = out.getvalue()
    assert text.startswith(times_table(content, ROOT) + "\n**00_start_here**\n")
    assert sections_table(content, "05_debate", NOTEBOOKS / "05_debate.ipynb") in text
    assert "| Your position | core | " in text
