"""A later JupyterLite build stays possible: everything explainer imports can run in Pyodide (issue 22).

The check itself is ``tools/pyodide_check.py`` (run it for the table). It
reads the ``pyodide-lock.json`` of the npm ``pyodide`` package, which
``.ci/run`` installs into the git-ignored ``.ci/npm``; without it the test
that needs it skips, except under ``CI=true``, where it fails.
"""

from __future__ import annotations

import os

import pytest

from tests.paths import ARTIFACTS, ROOT
from tools import pyodide_check as check

#: What explainer imports at run time: a new import must be added here, after checking it runs in Pyodide.
#: numpy and traitlets are imported directly (charts/timeline.py, views/aid.py) but are not declared:
#: they come with pandas and matplotlib, and with ipywidgets; IPython comes with ipywidgets too. PIL (Pillow,
#: a dependency of matplotlib) writes the charts' stored PNG copies (charts/base.py).
RUNTIME = {"IPython", "PIL", "ipywidgets", "matplotlib", "numpy", "pandas", "traitlets", "yaml"}


@pytest.fixture(scope="module")
def lock() -> dict:
    if not check.LOCK.exists():
        problem = f"no Pyodide lock at {check.LOCK.relative_to(ROOT)}: install it with `{check.INSTALL}` (.ci/run does)"
        if os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}:
            pytest.fail(f"{problem} (CI=true: a missing lock is a failure)", pytrace=False)
        pytest.skip(problem)
    return check.read_lock()


def test_the_runtime_imports_are_the_known_ones():
    assert set(check.runtime_imports()) == RUNTIME


def test_the_extras_tools_are_imported_only_by_their_commands():
    """What is left out as an extra's must stay inside that extra's command, or it is a runtime import."""
    imported = check.imports_by_module()
    for module, (extra, files, _why) in check.EXTRA_ONLY.items():
        assert extra in {"lab", "site"}
        assert all((check.PACKAGE / file).is_file() for file in files), module
        assert set(imported.get(module, ())) <= set(files), f"{module} is imported outside its {extra} command"
    assert {"nbformat", "nbconvert", "nbclient"} <= set(imported), "the site command's imports are seen"


def test_every_runtime_import_comes_from_pyodide_or_micropip(lock):
    assert lock["pyodide_version"] == check.PYODIDE_VERSION, f"{check.LOCK} is not the pinned one: `{check.INSTALL}`"
    rows = check.check(check.runtime_imports(), lock)
    text = check.report(rows, lock, check.version_warnings(rows))
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "pyodide-check.txt").write_text(text + "\n")
    print(text)
    assert [f"{row.name}: {row.why}" for row in check.blocking(rows)] == []
    assert {row.name for row in rows if not row.needed_by} == RUNTIME


def test_a_compiled_wheel_missing_from_the_lock_blocks():
    """PyYAML's wheel is compiled: were it not in Pyodide's lock, micropip could not install it."""
    empty = {"info": {"python": "3.14.2"}, "packages": {}, "by_import": {}, "by_name": {}}
    (row,) = check.check(["yaml"], empty)
    assert (row.source, row.distribution) == (check.BLOCKS, "PyYAML") and "compiled" in row.why
    (row,) = check.check(["no_such_module_anywhere"], empty)
    assert row.source == check.BLOCKS


def test_a_lock_version_below_the_projects_bound_is_a_warning(tmp_path):
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text('[project]\ndependencies = ["matplotlib>=3.8", "pandas>=2"]\n')
    rows = [
        check.Row("matplotlib", "matplotlib", "3.11.2", check.LOCKED, "3.7.1"),
        check.Row("pandas", "pandas", "3.1.1", check.LOCKED, "2.2.3"),
    ]
    assert check.version_warnings(rows, pyproject) == [
        "warning: Pyodide's matplotlib is 3.7.1; pyproject.toml asks for matplotlib>=3.8"
    ]


def test_ci_installs_the_pinned_pyodide_where_git_ignores_it():
    run = (ROOT / ".ci" / "run").read_text()
    assert check.INSTALL in run and f"!= {check.PYODIDE_VERSION} ]" in run
    assert ".ci/npm/" in (ROOT / ".gitignore").read_text().splitlines()
