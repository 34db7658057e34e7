"""Showing content in a notebook without widgets: static charts, tables and the review lines.

The HTML is built from :mod:`explainer.markup` (every piece of content
escaped, every output marked to show as written) and the download link of
:mod:`explainer.export`.
"""

from __future__ import annotations

import base64

from ..charts.base import DISPLAY_WIDTH_PX, chart_png, info, to_svg
from ..export import download_link
from ..markup import as_written, esc


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


def _shown_width(fig) -> int:
    """The CSS width a chart is shown at: its own size, at least :data:`~explainer.charts.base.DISPLAY_WIDTH_PX`."""
    return max(round(fig.get_figwidth() * 96), DISPLAY_WIDTH_PX)


def chart_image_html(fig, css_class: str = "explainer-chart-image") -> str:
    """The chart as an ``<img>`` of a PNG, its description in ``alt`` (read by screen readers).

    This is the copy stored in a notebook's outputs: GitHub's notebook view
    shows a PNG where it may drop an SVG. The PNG has twice the pixels of the
    width it is shown at (:func:`~explainer.charts.base.chart_png`), so its
    text stays sharp on high-density screens; ``width`` and ``height`` give
    that size, and the image scales down with the page.
    """
    png, width, height = chart_png(fig, _shown_width(fig))
    data = base64.b64encode(png).decode("ascii")
    return (
        f'<img class="{esc(css_class)}" role="img" alt="{esc(info(fig).alt_text)}" '
        f'src="data:image/png;base64,{data}" width="{width}" height="{height}" '
        f'style="width:100%;max-width:{width}px;height:auto">'
    )


def chart_svg_html(fig, css_class: str = "widget-image explainer-chart-image") -> str:
    """The chart as an ``<img>`` of its SVG, its description in ``alt``: what a live view shows.

    An SVG is several times quicker to make than the PNG copy, so a view
    redraws in step with its controls; it is never stored in a notebook (the
    view's static copy has the PNG of :func:`chart_image_html`).
    """
    svg = base64.b64encode(to_svg(fig)).decode("ascii")
    return (
        f'<img class="{esc(css_class)}" role="img" alt="{esc(info(fig).alt_text)}" '
        f'src="data:image/svg+xml;base64,{svg}" '
        f'style="width:100%;max-width:{_shown_width(fig)}px;height:auto">'
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


def show(fig, about=None) -> None:
    """Display a chart as one static output: the PNG image with its description as alt text,
    the description and source note under it, and a link to download its data.

    This is what readers on GitHub and nbviewer see: a drawing stored in the
    notebook, not a live widget.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        A figure made by a chart function, or one of your own.
    about : ChartInfo, optional
        For a figure of your own: what it shows (its description, source note
        and data), e.g. a chart's ``prepare_*`` result with your own title and
        data (``dataclasses.replace(info, title=..., data=..., alt_text=...)``).
    """
    import gc

    from IPython.display import HTML, display

    # A figure is a web of references, freed only by a full garbage collection,
    # which seldom runs in a kernel full of pandas objects. Collecting here lets
    # this chart reuse the memory of charts from earlier cells that nothing holds
    # any more: a notebook of several charts peaks about 7 MiB lower (see make bench).
    gc.collect()
    if about is not None:
        fig.explainer_info = about  # what info(fig) reads, as for the charts' own figures
    display(HTML(chart_html(fig)))


def table(frame, caption: str | None = None) -> None:
    """Display a DataFrame as an HTML table with its cells escaped."""
    from IPython.display import HTML, display

    body = frame.to_html(index=False, escape=True, border=0, classes="explainer-table")
    head = f"<p><b>{esc(caption)}</b></p>" if caption else ""
    display(HTML(as_written(head + body)))
