"""Every notebook's pinned outputs, fresh, are the ones stored in it (as ``pytest --nbval-lax`` checks them).

The fresh outputs are the session's shared run of each notebook
(``tests/notebook_runs.py``), so this costs no run of its own; cells are
compared as nbval compares them, with ``tests/sanitize.cfg``. A pinned cell
carries the cell tag ``nbval-check-output``; re-run the notebooks
(``make notebooks``) after changing what one shows.
"""

from __future__ import annotations

import copy

import nbformat
import pytest

from tests import kernels
from tests.notebook_runs import NotebookRun, options, pinned_differences, sanitize_patterns
from tests.paths import notebook_paths

NOTEBOOK_PATHS = notebook_paths()
PATTERNS = sanitize_patterns()


@pytest.mark.parametrize("path", NOTEBOOK_PATHS, ids=lambda p: p.stem)
def test_pinned_outputs_are_the_stored_ones(path, notebook_runs):
    stored = kernels.read(path)
    unsupported = [
        n for n, c in enumerate(stored.cells) if c.cell_type == "code" and {"skip", "check_exception"} & set(options(c))
    ]
    assert not unsupported, (
        f"{path.name}: cells {unsupported} are marked to be skipped or to raise; the shared run has neither"
    )
    problems = pinned_differences(notebook_runs.get(path), stored, PATTERNS)
    assert not problems, f"{path.name}: pinned outputs differ from the stored ones (re-run it: make notebooks):\n" + (
        "\n".join(problems)
    )


# ----------------------------------------------------------------------------
# The comparison itself, on a stored notebook and changed copies of it (no kernel)


def _pinned(nb) -> list[int]:
    return [n for n, c in enumerate(nb.cells) if c.cell_type == "code" and options(c).get("check")]


def _as_run(nb) -> NotebookRun:
    return NotebookRun(path=NOTEBOOK_PATHS[0], executed=nb, network_attempts=[], isolated=True)


def _changed(nb, change):
    out = copy.deepcopy(nb)
    for n in _pinned(out):
        for o in out.cells[n].outputs:
            if change(o):
                return out
    raise AssertionError("no pinned output to change")


@pytest.fixture(scope="module")
def stored():
    nb = kernels.read(NOTEBOOK_PATHS[2])
    assert _pinned(nb), "a stored notebook with pinned cells"
    return nb


def test_the_comparison_passes_the_stored_outputs_themselves(stored):
    assert pinned_differences(_as_run(copy.deepcopy(stored)), stored, PATTERNS) == []


def test_the_comparison_sees_a_changed_pinned_text(stored):
    def change(o):
        if "data" in o and "text/html" in o.data:
            o.data["text/html"] = o.data["text/html"].replace("<", "< ", 1)
            return True
        return False

    problems = pinned_differences(_as_run(_changed(stored, change)), stored, PATTERNS)
    assert len(problems) == 1 and "text/html" in problems[0], problems


def test_the_comparison_sees_a_missing_output(stored):
    def change(o):
        o.clear()
        o.update(nbformat.v4.new_output("stream", name="stdout", text="something else"))
        return True

    problems = pinned_differences(_as_run(_changed(stored, change)), stored, PATTERNS)
    assert problems and ("missing output fields" in problems[0] or "stdout" in problems[0]), problems


def test_the_comparison_leaves_out_what_nbval_leaves_out(stored):
    def change(o):
        if "data" in o:
            o.metadata = {"something": "else"}
            o.data["image/png"] = "iVBORw0KGgo="
            o.data["application/vnd.jupyter.widget-view+json"] = {"model_id": "0123"}
            if "execution_count" in o:
                o.execution_count = 99
            return True
        return False

    assert pinned_differences(_as_run(_changed(stored, change)), stored, PATTERNS) == []


def test_the_comparison_sanitizes_both_sides(stored):
    old, new = copy.deepcopy(stored), copy.deepcopy(stored)
    n = _pinned(stored)[0]
    old.cells[n].outputs = [
        nbformat.v4.new_output("stream", name="stdout", text="<Figure size 640x480 with 1 Axes> at 0x7f00")
    ]
    new.cells[n].outputs = [
        nbformat.v4.new_output("stream", name="stdout", text="<Figure size 800x600 with 1 Axes> at "),
        nbformat.v4.new_output("stream", name="stdout", text="0xabc1"),
    ]
    assert pinned_differences(_as_run(new), old, PATTERNS) == []
    new.cells[n].outputs[1].text = "0xabc1 and more"
    assert pinned_differences(_as_run(new), old, PATTERNS) != []


def test_an_unpinned_cell_may_change_but_an_unrun_one_has_no_outputs(stored):
    new = copy.deepcopy(stored)
    free = next(n for n, c in enumerate(new.cells) if c.cell_type == "code" and not options(c).get("check"))
    new.cells[free].outputs = [nbformat.v4.new_output("stream", name="stdout", text="anything")]
    assert pinned_differences(_as_run(new), stored, PATTERNS) == []
    old = copy.deepcopy(stored)
    old.cells[free].execution_count = None
    old.cells[free].outputs = [nbformat.v4.new_output("stream", name="stdout", text="left over")]
    assert pinned_differences(_as_run(new), old, PATTERNS) == [f"cell {free}: an unrun cell has stored outputs"]
