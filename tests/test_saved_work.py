"""A student's work survives a kernel restart and a re-run of the notebook."""

from __future__ import annotations

from tests import kernels
from tests.paths import notebook_paths


def test_saved_answers_survive_a_restart_and_a_rerun(tmp_path):
    checked = 0
    for path in notebook_paths():
        work = tmp_path / path.stem
        with kernels.Session(path, env={"EXPLAINER_WORK": str(work)}) as s:
            s.run_notebook()
            given = s.probe("fill_answers()")
            if not given:
                continue
            s.restart()
            s.run_notebook()
            shown = s.probe("read_answers()")
        lost = {k: (v, shown.get(k)) for k, v in given.items() if shown.get(k) != v}
        assert not lost, f"{path.name}: answers lost after a restart and re-run (given, shown): {lost}"
        assert any(work.iterdir()), f"{path.name}: nothing was saved in {work}"
        checked += len(given)
    assert checked, "no notebook offers a quiz or a place to write"
