"""Shared fixtures. Student work goes to a temporary folder for the whole run.

Slow tests carry the marker ``slow`` (``make check`` runs ``-m "not slow"``):
a test is slow if it is marked so, if it is a browser, classroom, hub or
binder test, or if it asks the shared notebook run for more than one Run All
(``@pytest.mark.notebook_run(...)``, see ``tests/notebook_runs.py``).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from tests.notebook_runs import NotebookRuns
from tests.paths import DATA, notebook_paths

#: Markers that make a test slow without saying so.
SLOW_MARKERS = ("browser", "classroom", "hub", "binder", "wheel", "notebook_run")


def pytest_configure(config):
    # Kernels started by the tests inherit these, so notebooks never write into the repo.
    work = tempfile.mkdtemp(prefix="explainer-work-")
    os.environ["EXPLAINER_WORK"] = work
    os.environ.setdefault("MPLBACKEND", "Agg")
    os.environ.pop("EXPLAINER_DATA", None)
    config._explainer_work = work


@pytest.hookimpl(tryfirst=True)  # before `-m` deselects: `-m "not slow"` must see these
def pytest_collection_modifyitems(config, items):
    for item in items:
        if any(item.get_closest_marker(name) for name in SLOW_MARKERS):
            item.add_marker(pytest.mark.slow)
    # The tests that read the shared notebook runs go last: the runs start when collection ends
    # and go on in the background while the other tests run.
    items.sort(key=lambda item: "notebook_runs" in getattr(item, "fixturenames", ()))


def pytest_collection_finish(session):
    """Start the shared notebook runs the collected tests will read, with what they need of them."""
    readers = [item for item in session.items if "notebook_runs" in getattr(item, "fixturenames", ())]
    if not readers or session.config.option.collectonly:
        return
    stages = {stage for item in readers for mark in item.iter_markers("notebook_run") for stage in mark.args}
    runs = NotebookRuns(stages)
    session.config._notebook_runs = runs
    named = [item.callspec.params.get("path") for item in readers if hasattr(item, "callspec")]
    every = any(name is None for name in named) or len(named) < len(readers)
    runs.start(notebook_paths() if every else sorted(set(named)))


def pytest_unconfigure(config):
    runs = getattr(config, "_notebook_runs", None)
    if runs is not None:
        runs.close()
    shutil.rmtree(getattr(config, "_explainer_work", ""), ignore_errors=True)


@pytest.fixture(scope="session")
def notebook_runs(request):
    """Each notebook run once for the whole session (offline; see tests/notebook_runs.py)."""
    runs = getattr(request.config, "_notebook_runs", None)
    if runs is None:  # no collected test asked for it at collection (it is asked for dynamically)
        runs = request.config._notebook_runs = NotebookRuns()
    return runs


def pytest_terminal_summary(terminalreporter, config):
    runs = getattr(config, "_notebook_runs", None)
    if runs is not None and runs.count:
        counts = ", ".join(f"{name} {n}" for name, n in sorted(runs.count.items()))
        terminalreporter.write_line(f"shared notebook runs (Run Alls per notebook): {counts}")


@pytest.fixture
def data_copy(tmp_path) -> Path:
    """A writable copy of the shipped data directory."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


@pytest.fixture
def work_dir(tmp_path, monkeypatch) -> Path:
    """A fresh folder for student work."""
    folder = tmp_path / "my_work"
    monkeypatch.setenv("EXPLAINER_WORK", str(folder))
    return folder


@pytest.fixture(scope="session")
def content():
    """The shipped content, loaded once for the whole run (records are frozen: no test can change it)."""
    import explainer

    return explainer.load()
