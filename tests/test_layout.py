"""The package's shape: each layer imports only from the layers below it, and no import goes in a circle.

The layers, from the bottom; each may import from itself and from the layers named after "imports":

- ``paths``: where things are (the checkout or project copy, data, notebooks); imports nothing.
- ``model``: what the data means; imports nothing.
- ``content``: loading and checking ``data/``; imports paths, model.
- ``charts``: drawing with matplotlib; imports model.
- ``markup``: HTML building blocks (escaping, as-written, source lists, tables); imports nothing.
- ``export``: chart export (CSV, README, download link); imports charts, markup.
- ``classroom``: students' saved work and the class summary; imports model, markup.
- ``views``: widgets and HTML, topic by topic; imports model, charts, markup, export, classroom.
- ``notebook``, ``lesson_time``, ``workbench``: what a notebook calls besides the views (set-up,
  the time to learn, the analyst's workbench); import every layer above, and each other.
- ``commands``: the ``explainer`` command and what it writes; imports every layer above.

The package's ``__init__`` (the quick-start names) and ``__main__`` (``python -m explainer``) may
import any of them.

A module or package directly under ``explainer/`` that is in no layer fails
:func:`test_every_module_is_in_a_layer`: a new one is given its place here first.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "explainer"
TOPICS = ("claims", "timeline", "debate", "quizzes", "deal", "aid", "sources")
NOTEBOOK_HELPERS = {"notebook", "lesson_time", "workbench"}
#: What each layer (a module or package directly under explainer/) may import, besides itself.
BELOW = {
    "paths": set(),
    "model": set(),
    "content": {"paths", "model"},
    "charts": {"model"},
    "markup": set(),
    "export": {"charts", "markup"},
    "classroom": {"model", "markup"},
    "views": {"model", "charts", "markup", "export", "classroom"},
}
UP_TO_VIEWS = set(BELOW)
BELOW |= {helper: UP_TO_VIEWS | NOTEBOOK_HELPERS for helper in NOTEBOOK_HELPERS}
BELOW["commands"] = UP_TO_VIEWS | NOTEBOOK_HELPERS
#: The package itself: ``explainer/__init__.py`` gives the quick-start names, ``__main__`` runs the command.
ENTRY = {"top", "__main__"}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> set[str]:
    """The explainer modules that ``path`` imports (relative imports resolved)."""
    here = module_name(path).split(".")
    package = here if path.name == "__init__.py" else here[:-1]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.split(".")[0] == "explainer"}
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            target = ".".join(base + ([node.module] if node.module else []))
            if target.split(".")[0] != "explainer":
                continue
            for alias in node.names:  # "from . import charts" imports a module, not a name
                sub = f"{target}.{alias.name}"
                found.add(
                    sub
                    if (PACKAGE.parent / sub.replace(".", "/")).exists()
                    or (PACKAGE.parent / (sub.replace(".", "/") + ".py")).exists()
                    else target
                )
    return found


def layer(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "top"


GRAPH = {module_name(p): imports_of(p) for p in sorted(PACKAGE.rglob("*.py"))}


def test_every_module_is_in_a_layer():
    loose = sorted(m for m in GRAPH if layer(m) not in BELOW and layer(m) not in ENTRY)
    assert not loose, f"modules in no layer (give each its place in tests/test_layout.py and the README): {loose}"


@pytest.mark.parametrize("module", sorted(m for m in GRAPH if layer(m) in BELOW))
def test_module_imports_only_from_its_own_layer_and_below(module):
    allowed = BELOW[layer(module)] | {layer(module)}
    upward = sorted(t for t in GRAPH[module] if t != "explainer" and layer(t) not in allowed)
    assert not upward, f"{module} imports {upward}; a {layer(module)!r} module may import only {sorted(allowed)}"


def test_no_import_goes_in_a_circle():
    def deps(module):
        return {t for t in GRAPH.get(module, ()) if t in GRAPH and t != module and t != "explainer"}

    state: dict[str, int] = {}

    def visit(module, path):
        if state.get(module) == 1:
            raise AssertionError("import circle: " + " -> ".join(path + [module]))
        if state.get(module) == 2:
            return
        state[module] = 1
        for target in sorted(deps(module)):
            if not target.endswith("__init__"):
                visit(target, path + [module])
        state[module] = 2

    for module in GRAPH:
        if module != "explainer":
            visit(module, [])


def test_every_topic_has_its_model_module_and_the_drawn_topics_their_chart_and_view_modules():
    for topic in TOPICS:
        assert (PACKAGE / "model" / f"{topic}.py").exists(), f"explainer/model/{topic}.py is missing"
    for topic in ("claims", "timeline", "deal", "aid"):
        assert (PACKAGE / "charts" / f"{topic}.py").exists(), f"explainer/charts/{topic}.py is missing"
    for topic in ("claims", "timeline", "deal", "aid", "debate"):
        assert (PACKAGE / "views" / f"{topic}.py").exists(), f"explainer/views/{topic}.py is missing"


def test_every_topic_declares_collections_and_rules():
    from explainer import model

    for topic in model.TOPICS:
        assert isinstance(topic.COLLECTIONS, tuple) and topic.COLLECTIONS, topic.__name__
        assert isinstance(topic.RULES, tuple), topic.__name__
        for collection in topic.COLLECTIONS:
            assert isinstance(collection, model.Collection), f"{topic.__name__}: {collection!r}"


def test_no_platform_specific_date_format_remains():
    """A day or month format with ``-`` (no padding) is glibc-only: it breaks on Windows."""
    pattern = re.compile(r"%-[a-zA-Z]")
    root = PACKAGE.parent
    offenders = [
        str(p.relative_to(root))
        for folder in ("explainer", "notebooks", "tests", "benchmarks", "tools", "data")
        for p in (root / folder).rglob("*")
        if p.suffix in (".py", ".ipynb", ".yaml") and pattern.search(p.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_the_first_notebook_loads_no_pandas():
    """00 shows no chart or table: its imports must not pull pandas in (about 30 MiB on every student's kernel).

    Chart modules import pandas where they make a frame, not at the top, since
    every view imports the chart layer.
    """
    import subprocess
    import sys

    code = (
        "import sys; import explainer; from explainer.views.claims import ClaimJudge, article_html; "
        "from explainer.views.quiz import ExerciseView, QuizView; print('pandas' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "False"
