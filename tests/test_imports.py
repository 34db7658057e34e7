"""``import explainer`` stays cheap: nothing heavy is imported until it is used (issue 22).

Each check runs in a fresh interpreter, since this test process has imported
most of the package and its dependencies long before.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

#: Never loaded by a bare ``import explainer``: the notebook stack, the chart and table stack,
#: the extras' tools, and PyYAML (only reading ``data/`` needs it).
HEAVY = (
    "matplotlib",
    "pandas",
    "numpy",
    "ipywidgets",
    "IPython",
    "traitlets",
    "nbformat",
    "nbconvert",
    "nbclient",
    "jupyterlab",
    "voila",
    "yaml",
)


def _loaded_after(code: str, tmp_path) -> set[str]:
    """The modules loaded by ``code`` in a fresh interpreter, run outside the checkout."""
    run = f"{code}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-c", run], cwd=tmp_path, capture_output=True, text=True, check=True
    ).stdout.splitlines()
    return set(json.loads(out[-1]))


def test_import_explainer_loads_nothing_heavy(tmp_path):
    loaded = _loaded_after("import explainer", tmp_path)
    assert sorted(name for name in HEAVY if name in loaded) == []
    # The top level needs only the paths; content, model, notebook come with their names on first use.
    assert sorted(m for m in loaded if m.split(".")[0] == "explainer") == ["explainer", "explainer.paths"]


def test_loading_the_content_needs_no_notebook_or_chart_stack(tmp_path):
    """``explainer.load()`` (and ``python -m explainer check``'s validate) reads data/ with PyYAML alone."""
    loaded = _loaded_after("import explainer; explainer.load()", tmp_path)
    assert "yaml" in loaded
    assert sorted(name for name in HEAVY if name in loaded and name != "yaml") == []


def test_setup_outside_ipython_does_not_import_it(tmp_path):
    """A script calling ``explainer.setup()`` has no shell to configure: IPython stays unimported."""
    loaded = _loaded_after("import explainer; explainer.setup()", tmp_path)
    assert "IPython" not in loaded and "ipywidgets" not in loaded


def test_the_top_level_names_come_from_their_modules():
    import explainer
    from explainer import content, notebook, paths

    for name in explainer.__all__:
        assert name in dir(explainer)
        value = getattr(explainer, name)
        source = {"setup": notebook, "resolve_data_dir": paths}.get(name, content)
        assert value is getattr(source, name), name
    with pytest.raises(AttributeError, match="no_such_name"):
        explainer.no_such_name  # noqa: B018 - the attribute access is the test
