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
"""

from .content import COLLECTIONS, Content, ContentError, Problem, load, validate
from .notebook import setup
from .paths import resolve_data_dir

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
