"""What every chart shares: palette, style, figure reuse, source note, alt text.

Charts only draw: what to draw (totals, conversions, filters) comes from
:mod:`explainer.model`.
"""

from __future__ import annotations

import io
import textwrap
from dataclasses import dataclass

from matplotlib.figure import Figure
from matplotlib.layout_engine import ConstrainedLayoutEngine
from matplotlib.text import Text

# Okabe & Ito (2008), "Color Universal Design": distinguishable under the
# common colour-vision deficiencies. Charts also label or hatch their marks,
# so colour is never the only carrier of meaning.
PALETTE = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#D55E00",  # vermillion
    "#F0E442",  # yellow
    "#000000",  # black
)
HATCHES = ("", "//", "..", "xx", "\\\\", "--", "++", "oo")
TEXT_COLOUR = "#1a1a1a"
NOTE_COLOUR = "#333333"


@dataclass(frozen=True)
class ChartInfo:
    """What a chart shows, for captions, screen readers and downloads.

    Attributes
    ----------
    title : str
    units : str
        The unit of the values plotted ("US$ billion, nominal").
    alt_text : str
        A description of what the chart shows, generated from its data.
    source_note : str
        "Source: ..." naming the original producers and dates.
    data : pandas.DataFrame
        The exact numbers drawn, for download.
    source_ids : tuple of str
    """

    title: str
    units: str
    alt_text: str
    source_note: str
    data: object
    source_ids: tuple[str, ...]


GRID_COLOUR = "#dddddd"


def new_figure(fig: Figure | None = None, size=(8.0, 4.5)) -> Figure:
    """A fresh figure of ``size`` inches, or ``fig`` resized and cleared for redrawing in place.

    The constrained layout is switched (back) on, so title, labels and the
    source note always get room, even in a figure that came from elsewhere.
    """
    if fig is None:
        return Figure(figsize=size, dpi=100, layout="constrained")
    fig.clear()
    if tuple(fig.get_size_inches()) != tuple(size):
        fig.set_size_inches(size)
    if not isinstance(fig.get_layout_engine(), ConstrainedLayoutEngine):
        fig.set_layout_engine("constrained")
    return fig


def style_axes(ax, grid: str | None = None, hide=("top", "right")) -> None:
    """The shared look of an axes: no top and right spines, text colour ticks, a light grid behind."""
    ax.spines[list(hide)].set_visible(False)
    ax.tick_params(colors=TEXT_COLOUR)
    if grid:
        ax.grid(axis=grid, color=GRID_COLOUR, lw=0.6)
        ax.set_axisbelow(True)


def source_note(sources, max_listed: int = 6) -> str:
    """'Source: ...' from source records, naming each original producer.

    Up to ``max_listed`` sources are cited in full (producer, title, date).
    A chart that rests on more names each producer once with its number of
    reports and the date range, so the note stays readable under the chart;
    the full list is in the chart's ``ChartInfo.source_ids``.
    """
    sources = list(dict.fromkeys(sources))
    if len(sources) <= max_listed:
        parts = list(dict.fromkeys(s.citation for s in sources))
        label = "Source" if len(parts) == 1 else "Sources"
        return f"{label}: " + "; ".join(parts) + "."
    counts: dict[str, int] = {}
    for s in sources:
        counts[s.publisher] = counts.get(s.publisher, 0) + 1
    producers = ", ".join(f"{name} ({n})" if n > 1 else name for name, n in counts.items())
    first = min(sources, key=lambda s: s.date)
    last = max(sources, key=lambda s: s.date)
    return f"Sources: {len(sources)} reports by {producers}, dated {first.date_text} to {last.date_text}."


def finish(fig: Figure, *, title: str, units: str, alt_text: str, sources, data) -> Figure:
    """Add title and source note to ``fig`` and attach its :class:`ChartInfo`."""
    sources = tuple(sources)
    note = source_note(sources)
    fig.suptitle(title, fontsize=13, fontweight="bold", color=TEXT_COLOUR)
    wrapped = "\n".join(textwrap.wrap(note, width=int(fig.get_figwidth() * 15)))
    # supxlabel, unlike a free fig.text, gets room from the constrained layout.
    fig.supxlabel(wrapped, x=0.01, ha="left", fontsize=8, color=NOTE_COLOUR)
    for text in fig.findobj(Text):
        text.set_parse_math(False)  # "$" means dollars here, not mathematics
    fig.explainer_info = ChartInfo(
        title=title,
        units=units,
        alt_text=alt_text,
        source_note=note,
        data=data,
        source_ids=tuple(s.id for s in sources),
    )
    return fig


def info(fig: Figure) -> ChartInfo:
    """The :class:`ChartInfo` of a figure made by a chart function."""
    try:
        return fig.explainer_info
    except AttributeError:
        raise ValueError("this figure was not made by an explainer chart function") from None


def to_png(fig: Figure, dpi: int = 100) -> bytes:
    """Render ``fig`` to PNG bytes (Agg, no pyplot)."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi)
    return buf.getvalue()
