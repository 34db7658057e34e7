"""What the data means: one module per topic, each with its records, queries and rules.

Every topic module declares ``COLLECTIONS`` (where its records live in
``data/``, as :class:`~explainer.model.fields.Collection` objects) and
``RULES`` (functions that take the loaded content and yield a
:class:`~explainer.model.fields.Finding` for each record that breaks them).
:mod:`explainer.content` loads every collection listed here and runs every
rule, so a new topic is registered by adding its module to :data:`TOPICS`.

This package imports nothing else from :mod:`explainer`.
"""

from __future__ import annotations

from . import (
    aid,
    asof,
    claims,
    deal,
    debate,
    glossary,
    lessons,
    predictions,
    quizzes,
    skillcheck,
    sources,
    timeline,
    transfer,
    writing,
)
from .fields import Collection, Finding, Rule

#: The topic modules, in the order their collections are loaded.
TOPICS = (
    sources,
    claims,
    asof,
    timeline,
    debate,
    quizzes,
    deal,
    aid,
    glossary,
    lessons,
    writing,
    predictions,
    skillcheck,
    transfer,
)

#: Every collection of every topic.
COLLECTIONS: tuple[Collection, ...] = tuple(c for topic in TOPICS for c in topic.COLLECTIONS)

#: Every cross-record rule of every topic.
RULES: tuple[Rule, ...] = tuple(rule for topic in TOPICS for rule in topic.RULES)

__all__ = ["COLLECTIONS", "RULES", "TOPICS", "Collection", "Finding", "Rule"]
