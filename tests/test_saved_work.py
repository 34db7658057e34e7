"""A student's work survives a kernel restart and a re-run of the notebook.

Done in the kernel of the session's shared run of each notebook, after its
Run All(s): answers given, saved, the kernel restarted, Run All, answers read.
"""

from __future__ import annotations

import pytest

from tests.paths import notebook_paths


@pytest.mark.notebook_run("restarted")
def test_saved_answers_survive_a_restart_and_a_rerun(notebook_runs):
    checked = 0
    for path in notebook_paths():
        run = notebook_runs.get(path)
        run.need("restarted")
        if not run.given:
            continue
        lost = {k: (v, run.shown.get(k)) for k, v in run.given.items() if run.shown.get(k) != v}
        assert not lost, f"{path.name}: answers lost after a restart and re-run (given, shown): {lost}"
        assert run.saved, f"{path.name}: answering saved nothing in the work folder"
        checked += len(run.given)
    assert checked, "no notebook offers a quiz or a place to write"
