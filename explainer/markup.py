"""HTML building blocks: escaping, the as-written mark, source lists and tables.

Everything that puts content into HTML goes through :func:`esc`, so markup in
the data (``<script>``, ``<img onerror=...>``) is shown literally, never run.

Every HTML output of the project is marked for JupyterLab's (and Voila's,
and nbviewer's) MathJax to leave alone (:func:`as_written`), so "$76bn to
$350bn" shows as written instead of being typeset as mathematics.
:func:`keep_text_as_written`, installed by :func:`explainer.setup`, applies
the mark to every HTML output of a notebook's kernel: that is the one place.

This module imports nothing from the rest of the package: the views, the
chart export and the class summary build their HTML from it.
"""

from __future__ import annotations

import base64
import html

#: Classes that MathJax 2 (``tex2jax_ignore``) and MathJax 3 and later (``mathjax_ignore``) skip.
IGNORE_MATH = "tex2jax_ignore mathjax_ignore"
_WRAPPER = f'<div class="explainer-output {IGNORE_MATH}">'


def esc(value) -> str:
    """``value`` as text that is safe to place inside HTML."""
    return html.escape(str(value), quote=True)


def as_written(markup: str) -> str:
    """``markup`` inside an element MathJax skips, so its text shows as written (once: nesting is avoided)."""
    if markup.startswith(_WRAPPER):
        return markup
    return f"{_WRAPPER}{markup}</div>"


def keep_text_as_written(shell) -> None:
    """Mark every HTML output of ``shell`` (an IPython shell) with :func:`as_written`.

    Wraps the shell's ``text/html`` formatter, so HTML from any object (our
    views' HTML, a DataFrame, ``IPython.display.HTML``) is marked. Safe to
    call more than once.
    """
    formatter = shell.display_formatter.formatters["text/html"]
    if getattr(formatter, "explainer_as_written", False):
        return
    base = type(formatter)

    class AsWritten(base):
        explainer_as_written = True

        def __call__(self, obj):
            data = super().__call__(obj)
            return as_written(data) if isinstance(data, str) and data.strip() else data

    formatter.__class__ = AsWritten


def data_link(filename: str, text: str, payload: str, mime: str, title: str = "") -> str:
    """An HTML link that downloads ``payload`` as ``filename``, no server needed.

    The file travels inside the link as a base64 ``data:`` URI, so it works
    the same in JupyterLab, Voila, Colab and a static page.
    """
    data = base64.b64encode(payload.encode("utf-8")).decode("ascii")
    extra = f' title="{esc(title)}"' if title else ""
    return f'<a download="{esc(filename)}" href="data:{mime};charset=utf-8;base64,{data}"{extra}>{esc(text)}</a>'


def source_line(source) -> str:
    """One source as HTML: its citation, the copy read where syndicated, and its link if it has one."""
    label = esc(source.citation)
    if source.via:
        label += f" (read via {esc(source.via)})"
    if source.url:
        label += f' &mdash; <a href="{esc(source.url)}" target="_blank" rel="noopener">{esc(source.url)}</a>'
    return label


def sources_html(sources) -> str:
    """A list of sources as an HTML ``<ul>``."""
    return "<ul>" + "".join(f"<li>{source_line(s)}</li>" for s in sources) + "</ul>"


def _attributes(attrs) -> str:
    return "".join(f' {name}="{esc(value)}"' for name, value in (attrs or {}).items())


def table_html(
    head,
    rows,
    *,
    caption: str | None = None,
    row_headers: bool = False,
    css_class: str = "explainer-table",
    attrs: dict | None = None,
    row_attrs=None,
) -> str:
    """An HTML table: a caption, a row of column headings, then the rows.

    Every heading is a ``<th scope="col">``, so a screen reader names the
    column of each cell it reads.

    Parameters
    ----------
    head : sequence of str
        The column headings, as safe HTML (plain words, or text put through :func:`esc`).
    rows : iterable of sequence of str
        Each row's cells, as safe HTML.
    caption : str, optional
        What the table shows, as plain text (escaped here); shown in bold above it.
    row_headers : bool
        The first cell of each row names the row (``<th scope="row">``).
    css_class : str
        The table's ``class``.
    attrs : dict, optional
        More attributes of the table, by name (values escaped here).
    row_attrs : sequence of dict, optional
        The attributes of each row, in the order of ``rows`` (values escaped here).

    Returns
    -------
    str
        Safe HTML, as long as ``head`` and ``rows`` are.
    """
    rows = list(rows)
    row_attrs = list(row_attrs) if row_attrs is not None else [None] * len(rows)
    ths = "".join(f'<th scope="col">{h}</th>' for h in head)
    body = ""
    for cells, extra in zip(rows, row_attrs, strict=True):
        first = f'<th scope="row">{cells[0]}</th>' if row_headers and cells else ""
        rest = cells[1:] if first else cells
        body += f"<tr{_attributes(extra)}>{first}" + "".join(f"<td>{cell}</td>" for cell in rest) + "</tr>"
    top = f"<caption><b>{esc(caption)}</b></caption>" if caption else ""
    return (
        f'<table class="{esc(css_class)}"{_attributes(attrs)}>{top}'
        f"<thead><tr>{ths}</tr></thead><tbody>{body}</tbody></table>"
    )
