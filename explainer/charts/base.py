"""What every chart shares: palette, figure reuse, source note, alt text."""

from __future__ import annotations

import io
import textwrap
from dataclasses import dataclass

from matplotlib.figure import Figure

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


def new_figure(fig: Figure | None = None, size=(8.0, 4.5)) -> Figure:
    """A fresh figure, or ``fig`` cleared for redrawing in place."""
    if fig is None:
        return Figure(figsize=size, dpi=100, layout="constrained")
    fig.clear()
    return fig


def source_note(sources) -> str:
    """'Source: ...' from source records, naming each producer and date once."""
    parts = []
    for s in sources:
        part = f"{s.publisher}, {s.title} ({s.date_text})"
        if part not in parts:
            parts.append(part)
    label = "Source" if len(parts) == 1 else "Sources"
    return f"{label}: " + "; ".join(parts) + "."


def finish(fig: Figure, *, title: str, units: str, alt_text: str, sources, data) -> Figure:
    """Add title and source note to ``fig`` and attach its :class:`ChartInfo`."""
    sources = tuple(sources)
    note = source_note(sources)
    fig.suptitle(title, fontsize=13, fontweight="bold", color=TEXT_COLOUR)
    fig.get_layout_engine().set(h_pad=0.1)
    wrapped = "\n".join(textwrap.wrap(note, width=int(fig.get_figwidth() * 15)))
    fig.text(0.01, 0.005, wrapped, fontsize=8, color="#333333", ha="left", va="bottom")
    fig.get_layout_engine().set(rect=(0, 0.03 * (wrapped.count("\n") + 2), 1, 1 - 0.0))
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
