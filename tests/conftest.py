"""Shared fixtures. Student work goes to a temporary folder for the whole run."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from tests.paths import DATA


def pytest_configure(config):
    # Kernels started by nbval inherit these, so notebooks never write into the repo.
    work = tempfile.mkdtemp(prefix="explainer-work-")
    os.environ["EXPLAINER_WORK"] = work
    os.environ.setdefault("MPLBACKEND", "Agg")
    os.environ.pop("EXPLAINER_DATA", None)
    config._explainer_work = work


def pytest_unconfigure(config):
    shutil.rmtree(getattr(config, "_explainer_work", ""), ignore_errors=True)


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
