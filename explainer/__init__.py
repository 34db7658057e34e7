"""Minerals for Security: content, charts and widgets for the explainer notebooks.

Quick start
-----------
>>> import explainer
>>> content = explainer.load()          # validated, cached
>>> content.claims[0].rating
>>> content.frame("events")             # a pandas DataFrame

Data flows one way: ``data/`` files -> :mod:`explainer.content` (loads and
checks them against the records and rules of :mod:`explainer.model`) ->
chart functions in :mod:`explainer.charts` -> views in :mod:`explainer.views`
-> notebooks. Each layer imports only from the layers before it.

``import explainer`` itself imports only :mod:`explainer.paths`: the names
below come from their modules when first used, so a command, a tool or a
test that needs one submodule does not pay for the records of every topic
and PyYAML (``tests/test_imports.py``).
"""

from __future__ import annotations

from importlib import import_module

from .paths import resolve_data_dir

# Not typing.TYPE_CHECKING: importing typing would cost more than the rest of this file.
# Type checkers read a module constant of this name as True.
TYPE_CHECKING = False
if TYPE_CHECKING:  # for readers and type checkers; at run time __getattr__ imports them
    from .content import COLLECTIONS, Content, ContentError, Problem, load, validate
    from .notebook import setup

#: Each name given at the top level and the submodule it comes from, imported on first use.
_LAZY = {
    "COLLECTIONS": "content",
    "Content": "content",
    "ContentError": "content",
    "Problem": "content",
    "load": "content",
    "validate": "content",
    "setup": "notebook",
}

__all__ = [
    "COLLECTIONS",
    "Content",
    "ContentError",
    "Problem",
    "load",
    "resolve_data_dir",
    "setup",
    "validate",
]
__version__ = "0.1.0"


def __getattr__(name: str):
    """Import a top-level name from its submodule on first use (PEP 562), then keep it here."""
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f".{_LAZY[name]}", __name__), name)
    globals()[name] = value  # later look-ups find it without calling __getattr__
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
