"""Minerals for Security: content, charts and widgets for the explainer notebooks.

Quick start
-----------
>>> import explainer
>>> content = explainer.load()          # validated, cached
>>> content.claims[0].rating
>>> content.frame("events")             # a pandas DataFrame

Data flows one way: ``data/`` files -> :func:`load` (validated, typed records)
-> chart functions in :mod:`explainer.charts` -> widgets in
:mod:`explainer.widgets` and :mod:`explainer.quiz` -> notebooks.
"""

from .content import COLLECTIONS, Content, load, resolve_data_dir, validate
from .errors import ContentError, Problem
from .notebook import setup

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
