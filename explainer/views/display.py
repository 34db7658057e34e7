"""Showing content in a notebook without widgets: static charts, tables and safe HTML.

Everything that puts content into HTML goes through :func:`esc`, so markup in
the data (``<script>``, ``<img onerror=...>``) is shown literally, never run.
"""

from __future__ import annotations

import html

from ..charts.base import info, to_png


def esc(value) -> str:
    """``value`` as text that is safe to place inside HTML."""
    return html.escape(str(value), quote=True)


def source_line(source) -> str:
    """One source as HTML: its citation, the copy read where syndicated, and its link if it has one."""
    label = esc(source.citation)
    if source.via:
        label += f" (read via {esc(source.via)})"
    if source.url:
        label += f' &mdash; <a href="{esc(source.url)}" target="_blank" rel="noopener">{esc(source.url)}</a>'
    return label


def form_html(quote) -> str:
    """The label of a quote's form ("translated from German"), as safe HTML; empty for spoken English."""
    return f' <span class="explainer-quote-form">[{esc(quote.form_note)}]</span>' if quote.form_note else ""


def sources_html(sources) -> str:
    """A list of sources as an HTML ``<ul>``."""
    return "<ul>" + "".join(f"<li>{source_line(s)}</li>" for s in sources) + "</ul>"


def chart_html_caption(fig) -> str:
    """The text under a chart: its description and its source note."""
    meta = info(fig)
    return (
        f'<p class="explainer-alt"><b>What the chart shows:</b> {esc(meta.alt_text)}</p>'
        f'<p class="explainer-source">{esc(meta.source_note)}</p>'
    )


def show(fig) -> None:
    """Display a chart as a static image with alt text, description and source.

    This is what readers on GitHub and nbviewer see: a PNG stored in the
    notebook, not a live widget.
    """
    import gc

    from IPython.display import HTML, Image, display

    # A figure is a web of references, freed only by a full garbage collection,
    # which seldom runs in a kernel full of pandas objects. Collecting here lets
    # this chart reuse the memory of charts from earlier cells that nothing holds
    # any more: a notebook of several charts peaks about 7 MiB lower (see make bench).
    gc.collect()
    display(Image(data=to_png(fig), format="png", alt=info(fig).alt_text))
    display(HTML(chart_html_caption(fig)))


def table(frame, caption: str | None = None) -> None:
    """Display a DataFrame as an HTML table with its cells escaped."""
    from IPython.display import HTML, display

    body = frame.to_html(index=False, escape=True, border=0, classes="explainer-table")
    head = f"<p><b>{esc(caption)}</b></p>" if caption else ""
    display(HTML(head + body))
