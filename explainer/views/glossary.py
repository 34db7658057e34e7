"""The glossary as a notebook shows it: a definition list at the end, and hover links in the prose.

A notebook's own glossary section is generated from ``data/glossary.yaml``
by :func:`glossary_section`; nothing in it is typed into the notebook. At a
term's first use the prose links to its entry with the definition as the
link's title (a hover), written with :func:`hover_link` and kept in step with
the data by a test.
"""

from __future__ import annotations

from ..markup import esc
from ..model.sources import credits


def glossary_html(content, term_ids) -> str:
    """The terms ``term_ids`` as an HTML definition list, in alphabetical order, with their sources.

    Parameters
    ----------
    content : Content
    term_ids : iterable of str
        Ids of records in ``data/glossary.yaml``.

    Returns
    -------
    str
        Safe HTML; each entry has the anchor ``glossary-<id>``.
    """
    terms = sorted((content.get("glossary", i) for i in dict.fromkeys(term_ids)), key=lambda t: t.term.lower())
    rows = []
    for t in terms:
        source = f' <small class="explainer-source">({esc(credits(content, t.sources))})</small>' if t.sources else ""
        rows.append(f'<dt id="glossary-{esc(t.id)}"><b>{esc(t.term)}</b></dt><dd>{esc(t.definition)}{source}</dd>')
    return f'<dl class="explainer-glossary">{"".join(rows)}</dl>'


def glossary_section(content, *term_ids):
    """Show a notebook's glossary: the terms it uses, defined from the data.

    Returns
    -------
    IPython.display.HTML
        Displayed when it is a cell's last expression.
    """
    from IPython.display import HTML

    return HTML(glossary_html(content, term_ids))


def hover_link(content, term_id: str, words: str | None = None) -> str:
    """The Markdown for a term's first use: a link to its entry, titled with its definition.

    Parameters
    ----------
    content : Content
    term_id : str
    words : str, optional
        The words shown in the prose (default: the term's name).

    Returns
    -------
    str
        For example ``[readout](#glossary-readout "A government's own ...")``.
    """
    t = content.get("glossary", term_id)
    return f'[{words or t.forms[0]}](#glossary-{t.id} "{t.definition}")'
