"""Which data/ a notebook reads: a student's own copy of the project first, then the package's."""

from __future__ import annotations

import shutil

import pytest

from explainer import content as content_pkg
from explainer.content import load
from explainer.paths import PACKAGE_DATA, find_project, resolve_data_dir
from tests.paths import DATA


@pytest.fixture
def student_copy(tmp_path):
    """A pulled copy of the project, as nbgitpuller leaves it in a student's home folder."""
    root = tmp_path / "home" / "minerals-for-security"
    shutil.copytree(DATA, root / "data")
    (root / "notebooks" / "my_work").mkdir(parents=True)
    return root


@pytest.fixture
def no_env(monkeypatch):
    monkeypatch.delenv("EXPLAINER_DATA", raising=False)


def test_a_notebook_in_a_copy_reads_the_copy_s_data(student_copy, monkeypatch, no_env):
    monkeypatch.chdir(student_copy / "notebooks")
    assert find_project() == student_copy
    assert resolve_data_dir() == student_copy / "data"


def test_the_copy_is_found_from_a_subfolder_too(student_copy, monkeypatch, no_env):
    monkeypatch.chdir(student_copy / "notebooks" / "my_work")
    assert resolve_data_dir() == student_copy / "data"


def test_outside_any_copy_the_package_data_is_used(tmp_path, monkeypatch, no_env):
    (tmp_path / "data").mkdir()  # data/ alone, without notebooks/, is not a project copy
    monkeypatch.chdir(tmp_path)
    assert find_project() is None
    assert resolve_data_dir() == PACKAGE_DATA


def test_a_folder_of_copied_notebooks_without_data_reads_the_package_data(tmp_path, monkeypatch, no_env):
    # `explainer notebooks DIR` without --data: the notebooks are the student's, the data the package's.
    (tmp_path / "class" / "notebooks").mkdir(parents=True)
    (tmp_path / "class" / "notebooks" / "00_start_here.ipynb").write_text("{}")
    monkeypatch.chdir(tmp_path / "class" / "notebooks")
    assert find_project() == tmp_path / "class"
    assert resolve_data_dir() == PACKAGE_DATA


def test_an_empty_notebooks_folder_alone_is_not_a_project_copy(tmp_path, monkeypatch, no_env):
    (tmp_path / "notebooks").mkdir()
    monkeypatch.chdir(tmp_path)
    assert find_project() is None


def test_explainer_data_and_the_argument_still_win(student_copy, tmp_path, monkeypatch):
    monkeypatch.chdir(student_copy / "notebooks")
    monkeypatch.setenv("EXPLAINER_DATA", str(tmp_path / "elsewhere"))
    assert resolve_data_dir() == tmp_path / "elsewhere"
    assert resolve_data_dir(tmp_path / "given") == tmp_path / "given"


def test_a_change_in_one_student_s_copy_shows_only_in_that_copy(student_copy, tmp_path, monkeypatch, no_env):
    other = tmp_path / "other" / "minerals-for-security"
    shutil.copytree(student_copy, other)
    actors = student_copy / "data" / "actors.yaml"
    actors.write_text(actors.read_text().replace("  name: Donald Trump\n", "  name: Donald J. Trump\n", 1))
    content_pkg._cache.clear()

    monkeypatch.chdir(student_copy / "notebooks")
    assert load().get("actors", "trump").name == "Donald J. Trump"
    monkeypatch.chdir(other / "notebooks")
    assert load().get("actors", "trump").name == "Donald Trump"
    assert load().data_dir == other / "data"
