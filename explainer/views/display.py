"""Showing content in a notebook without widgets: static charts, tables and safe HTML.

Everything that puts content into HTML goes through :func:`esc`, so markup in
the data (``<script>``, ``<img onerror=...>``) is shown literally, never run.

Every HTML output of the project is marked for JupyterLab's (and Voila's,
and nbviewer's) MathJax to leave alone (:func:`as_written`), so "$76bn to
$350bn" shows as written instead of being typeset as mathematics.
:func:`keep_text_as_written`, installed by :func:`explainer.setup`, applies
the mark to every HTML output of a notebook's kernel: that is the one place.
"""

from __future__ import annotations

import base64
import html
import re

from ..charts.base import DISPLAY_WIDTH_PX, csv_text, info, to_svg

#: Classes that MathJax 2 (``tex2jax_ignore``) and MathJax 3 and later (``mathjax_ignore``) skip.
IGNORE_MATH = "tex2jax_ignore mathjax_ignore"
_WRAPPER = f'<div class="explainer-output {IGNORE_MATH}">'
LICENCE = "CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)"


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


def review_html(content) -> str:
    """The notebook's "as of" line (when the content was reviewed, its newest source) as safe HTML."""
    from ..model.sources import review_line

    return f'<p class="explainer-review"><i>{esc(review_line(content))}</i></p>'


def review_note_html(content) -> str:
    """What the last review of the content found about its reach (where the record stops, and why), as safe HTML."""
    return f'<p class="explainer-review-note">{esc(content.review.note)}</p>'


def sources_html(sources) -> str:
    """A list of sources as an HTML ``<ul>``."""
    return "<ul>" + "".join(f"<li>{source_line(s)}</li>" for s in sources) + "</ul>"


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
    if getattr(formatter, "_explainer_as_written", False):
        return
    base = type(formatter)

    class AsWritten(base):
        _explainer_as_written = True

        def __call__(self, obj):
            data = super().__call__(obj)
            return as_written(data) if isinstance(data, str) and data.strip() else data

    formatter.__class__ = AsWritten


def slug(title: str) -> str:
    """A file name made from a chart title: lower case, words joined by ``-``."""
    words = re.findall(r"[a-z0-9]+", title.lower())
    return "-".join(words)[:80].strip("-") or "chart"


def chart_csv(fig) -> str:
    """The data behind ``fig`` as CSV text, with title, units and source note as ``#`` lines on top."""
    return csv_text(fig, LICENCE)


def download_link(fig, text: str | None = None) -> str:
    """An HTML link that downloads the chart's CSV (with its source note), no server needed.

    The CSV travels inside the link as a base64 ``data:`` URI.
    """
    meta = info(fig)
    payload = base64.b64encode(chart_csv(fig).encode("utf-8")).decode("ascii")
    label = text or "Download the data behind this chart (CSV)"
    return (
        f'<a download="{esc(slug(meta.title))}.csv" href="data:text/csv;charset=utf-8;base64,{payload}" '
        f'title="{esc(meta.source_note)}">{esc(label)}</a>'
    )


def chart_image_html(fig, css_class: str = "explainer-chart-image") -> str:
    """The chart as an ``<img>`` of its SVG, its description in ``alt`` (read by screen readers).

    Shown at most at its own size (:data:`~explainer.charts.base.DISPLAY_WIDTH_PX`
    is what the text is sized for), and scaled down with the page.
    """
    meta = info(fig)
    svg = base64.b64encode(to_svg(fig)).decode("ascii")
    native = round(fig.get_figwidth() * 96)
    return (
        f'<img class="{esc(css_class)}" role="img" alt="{esc(meta.alt_text)}" '
        f'src="data:image/svg+xml;base64,{svg}" '
        f'style="width:100%;max-width:{max(native, DISPLAY_WIDTH_PX)}px;height:auto">'
    )


def chart_html_caption(fig, download: bool = True) -> str:
    """The text under a chart: its description, its source note and (by default) the link to its data."""
    meta = info(fig)
    link = f'<p class="explainer-download">{download_link(fig)}</p>' if download else ""
    return (
        f'<p class="explainer-alt"><b>What the chart shows:</b> {esc(meta.alt_text)}</p>'
        f'<p class="explainer-source">{esc(meta.source_note)}</p>' + link
    )


def chart_html(fig) -> str:
    """A chart with everything that goes with it, as one HTML figure: image, description, source, download."""
    return as_written(
        f'<figure class="explainer-chart" style="margin:0">{chart_image_html(fig)}'
        f"<figcaption>{chart_html_caption(fig)}</figcaption></figure>"
    )


def show(fig) -> None:
    """Display a chart as one static output: the SVG image with its description as alt text,
    the description and source note under it, and a link to download its data.

    This is what readers on GitHub and nbviewer see: a drawing stored in the
    notebook, not a live widget.
    """
    import gc

    from IPython.display import HTML, display

    # A figure is a web of references, freed only by a full garbage collection,
    # which seldom runs in a kernel full of pandas objects. Collecting here lets
    # this chart reuse the memory of charts from earlier cells that nothing holds
    # any more: a notebook of several charts peaks about 7 MiB lower (see make bench).
    gc.collect()
    display(HTML(chart_html(fig)))


def table(frame, caption: str | None = None) -> None:
    """Display a DataFrame as an HTML table with its cells escaped."""
    from IPython.display import HTML, display

    body = frame.to_html(index=False, escape=True, border=0, classes="explainer-table")
    head = f"<p><b>{esc(caption)}</b></p>" if caption else ""
    display(HTML(as_written(head + body)))
