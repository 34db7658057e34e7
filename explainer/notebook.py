"""Set-up for the notebooks: load content and report bad data in one line each."""

from __future__ import annotations

import sys

from .content import ContentError, load
from .markup import keep_text_as_written
from .views.page import show_page_fixes


def _show_content_error(shell, etype, value, tb, tb_offset=None):
    """Show a ContentError as its problem lines instead of a Python traceback.

    The cell still fails (so "Run all" stops there and tests notice), but the
    reader sees one line per problem and what to do, not library internals.
    """
    lines = [*value.summary().splitlines(), HINT]
    shell._showtraceback(etype, value, lines)
    return lines


HINT = "Fix the file(s) above, or run `python -m explainer check` for the same list."


def setup(data_dir=None):
    """Load the content for a notebook and return it.

    In IPython, a :class:`~explainer.errors.ContentError` raised in any later
    cell is shown as its list of problems, one line each, without a traceback;
    and every HTML output is marked so that MathJax leaves dollar signs alone.
    In a notebook it also displays :data:`explainer.views.page.PAGE_HTML` (nothing
    visible): alternative text for chart images, names for slider handles,
    underlined links.

    Parameters
    ----------
    data_dir : str or Path, optional
        Defaults to ``$EXPLAINER_DATA``, else the shipped ``data/``.

    Returns
    -------
    Content
    """
    # A shell has imported IPython already: outside one there is no shell to find, and importing IPython
    # to learn that would cost a script more than loading the content does.
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None else None
    if shell is not None:
        shell.set_custom_exc((ContentError,), _show_content_error)
        keep_text_as_written(shell)  # "$76bn to $350bn" is dollars, never mathematics
    content = load(data_dir)  # bad data: the problem lines, and nothing else
    if shell is not None and getattr(shell, "kernel", None) is not None:  # a notebook's kernel, not a terminal
        show_page_fixes()
    return content
