"""The glossary: words a student meets in the notebooks, defined in plain English.

Each term has a definition of at most :data:`MAX_WORDS` words and, where it is
technical, the sources that back it. :func:`terms_in` finds the terms (and
their other forms, ``aliases``) used in a piece of prose, so a notebook's own
glossary can be checked against what the notebook says.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .fields import Collection, Finding, items, refs

#: The longest a definition may be, in words.
MAX_WORDS = 30


@dataclass(frozen=True)
class Term:
    """One glossary entry."""

    id: str
    term: str
    definition: str
    aliases: tuple[str, ...] = items(0)
    technical: bool = False
    sources: tuple[str, ...] = refs("sources", min_items=0)

    @property
    def forms(self) -> tuple[str, ...]:
        """Every form the term takes in prose: its name (without a bracketed note) and its aliases."""
        name = re.sub(r"\s*\([^()]*\)$", "", self.term)
        return tuple(dict.fromkeys((name, *self.aliases)))


COLLECTIONS = (Collection(name="glossary", record=Term, path="glossary"),)


def technical_terms_are_sourced(content):
    """A technical term cites at least one source.

    (That a definition has at most :data:`MAX_WORDS` words and no double
    quote is checked by the tests on the shipped glossary.)
    """
    for term in content.glossary:
        if term.technical and not term.sources:
            yield Finding("glossary", term.id, "sources", "a technical term needs at least one source")


def forms_are_unique(content):
    """No two terms share a form, so each word in the prose points at one definition."""
    seen = {}
    for term in content.glossary:
        for form in term.forms:
            key = form.lower()
            if key in seen and seen[key] != term.id:
                yield Finding("glossary", term.id, "aliases", f"{form!r} is already a form of {seen[key]}")
            seen.setdefault(key, term.id)


RULES = (technical_terms_are_sourced, forms_are_unique)


def _pattern(forms) -> re.Pattern:
    alternatives = sorted((re.escape(f) for f in forms), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(" + "|".join(alternatives) + r")(?![\w-])", re.IGNORECASE)


def terms_in(content, text: str) -> list:
    """The glossary terms used in ``text``, in the order of their first use.

    A form matches as a whole word, in any case; the longest form wins where
    two overlap ("rare earths" before "rare earth").

    Parameters
    ----------
    content : Content
    text : str

    Returns
    -------
    list of Term
    """
    by_form = {form.lower(): term for term in content.glossary for form in term.forms}
    if not by_form:
        return []
    found = {}
    for match in _pattern(by_form).finditer(text):
        term = by_form[match.group(1).lower()]
        found.setdefault(term.id, term)
    return list(found.values())


def first_use(content, text: str, term) -> re.Match | None:
    """Where ``term`` (any of its forms) is first used in ``text``, or None."""
    return _pattern(term.forms).search(text)


_NOT_PROSE = re.compile(
    r"^#{1,6} .*$"  # headings
    r"|`[^`\n]*`"  # code spans
    r"|<[^>\n]+>"  # HTML tags
    r"|!?\[[^\]\n]*\]\((?!#glossary-)[^)\n]*\)"  # links and images, except glossary links
    r"|(?<=\])\(#glossary-[^)\n]*\)",  # a glossary link's target and title (its words stay)
    re.MULTILINE,
)

#: A glossary link in Markdown: ``[words](#glossary-ID "definition")``.
GLOSSARY_LINK = re.compile(r'\[([^\]\n]*)\]\(#glossary-([\w-]+) "([^"\n]*)"\)')


def prose_only(markdown: str) -> str:
    """``markdown`` with headings, code, HTML tags and ordinary links blanked out.

    Blanked text is replaced by spaces, so positions in the result are
    positions in ``markdown``. The words of a glossary link
    (``[words](#glossary-id "...")``) are kept, since they are where a term is
    defined in the prose; its target and title are blanked.
    """
    return _NOT_PROSE.sub(lambda m: " " * len(m.group(0)), markdown)
