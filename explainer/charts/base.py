"""What every chart shares: one style, the title block, the source note, layout once, rendering.

Charts only draw: what to draw (totals, conversions, filters) comes from
:mod:`explainer.model`.

The shared standard (Our World in Data's, adapted):

- a **title that states the finding**, computed from the data;
- a **subtitle** with the unit and the scope;
- axis labels with units, direct labels where they fit, and the **source note**;
- one style (:data:`STYLE`, applied by the :func:`chart` decorator): spines,
  grid, text sizes and colours, never repeated in a chart function;
- text of at least :data:`MIN_POINTS` at :data:`DISPLAY_WIDTH_PX`, the width a
  chart is shown at in a notebook (:func:`display_points` checks it);
- rendered as SVG (:func:`to_svg`), crisp at any size, its text kept as text;
- the data behind it and its description on the figure (:class:`ChartInfo`),
  for downloads (:func:`csv_text`) and screen readers.

Speed: a chart lays itself out once (:func:`finish`), then a widget that
redraws it with new values updates its artists in place (each chart keeps
its handles with :func:`remember` / :func:`recall`).
"""

from __future__ import annotations

import functools
import io
import textwrap
from dataclasses import dataclass

import matplotlib as mpl
from matplotlib.figure import Figure
from matplotlib.transforms import IdentityTransform, blended_transform_factory

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
GRID_COLOUR = "#dddddd"
MUTED_COLOUR = "#595959"  # secondary text: 7:1 on white, still AA on the light bands

#: The width, in CSS pixels, at which a notebook shows a chart (JupyterLab's
#: notebook column on a 1280-pixel projector); text is sized for it.
DISPLAY_WIDTH_PX = 800
#: The smallest text, in points, at that width.
MIN_POINTS = 11
#: The size of the smallest text drawn (source notes, dense labels): 11 pt or more at the display width.
SMALL_POINTS = 11.5
#: The default chart width in inches: at 96 px per inch it is shown at (nearly) its own size.
WIDTH = 8.5

#: The one style sheet of every chart: sizes, spines, grid, colours, vector text.
STYLE = {
    "font.size": 12.5,
    "axes.labelsize": 12.5,
    "axes.titlesize": 12.5,
    "xtick.labelsize": 12,
    "ytick.labelsize": 12,
    "legend.fontsize": 12,
    "legend.frameon": False,
    "figure.titlesize": 15,
    "figure.titleweight": "bold",
    "text.color": TEXT_COLOUR,
    "axes.labelcolor": TEXT_COLOUR,
    "axes.edgecolor": "#555555",
    "xtick.color": TEXT_COLOUR,
    "ytick.color": TEXT_COLOUR,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": False,
    "grid.color": GRID_COLOUR,
    "grid.linewidth": 0.7,
    "axes.axisbelow": True,
    "hatch.linewidth": 0.8,
    "text.parse_math": False,  # "$" means dollars here, never mathematics
    "svg.fonttype": "none",  # text stays text in the SVG: crisp, searchable, small
    "svg.hashsalt": "minerals-for-security",  # the same chart gives the same file
}


@dataclass(frozen=True)
class ChartInfo:
    """What a chart shows, for captions, screen readers and downloads.

    Attributes
    ----------
    title : str
        The finding, in words.
    units : str
        The unit of the values plotted ("US$ billion, nominal").
    alt_text : str
        A description of what the chart shows, generated from its data.
    source_note : str
        "Source: ..." naming the original producers and dates.
    data : pandas.DataFrame
        The exact numbers drawn, for download.
    source_ids : tuple of str
    subtitle : str
        Unit and scope, as printed under the title.
    """

    title: str
    units: str
    alt_text: str
    source_note: str
    data: object
    source_ids: tuple[str, ...]
    subtitle: str = ""


def chart(fn):
    """Make ``fn`` a chart function: it draws (and redraws) under :data:`STYLE`."""

    @functools.wraps(fn)
    def draw(content, fig=None, **params):
        with mpl.rc_context(STYLE):
            return fn(content, fig=fig, **params)

    return draw


def new_figure(fig: Figure | None = None, size=(WIDTH, 4.8)) -> Figure:
    """A fresh figure of ``size`` inches, or ``fig`` resized and cleared for drawing anew.

    The figure is laid out once, by :func:`finish`; until then it has no
    layout engine.
    """
    if fig is None:
        fig = Figure(figsize=size, dpi=100)
    else:
        fig.clear()
        if tuple(fig.get_size_inches()) != tuple(size):
            fig.set_size_inches(size)
    fig.set_layout_engine(None)
    fig.explainer_state = None
    fig._explainer_layouts = {}
    return fig


def remember(fig: Figure, chart_name: str, key, **handles) -> dict:
    """Keep the artists a chart will update in place, under the chart's name and structure ``key``."""
    state = {"chart": chart_name, "key": key, **handles}
    fig.explainer_state = state
    return state


def recall(fig: Figure | None, chart_name: str, key) -> dict | None:
    """The handles of ``fig`` if ``chart_name`` drew it with the same structure ``key``, else None."""
    state = getattr(fig, "explainer_state", None) if fig is not None else None
    if state and state["chart"] == chart_name and state["key"] == key:
        return state
    return None


def style_axes(ax, grid: str | None = None, hide=()) -> None:
    """Axis details :data:`STYLE` cannot say: which grid lines to draw, and extra spines to hide."""
    if hide:
        ax.spines[list(hide)].set_visible(False)
    if grid:
        ax.grid(axis=grid)


def wrap(text: str, width: int) -> str:
    """``text`` wrapped to lines of at most ``width`` characters."""
    return "\n".join(textwrap.wrap(text, width=width)) or text


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


def _chars_per_line(fig: Figure, points: float) -> int:
    """About how many characters of ``points``-sized text fit across the figure."""
    return int(fig.get_figwidth() * 72 / (points * 0.56))


def finish(fig: Figure, ax, *, title: str, subtitle: str, units: str, alt_text: str, sources, data) -> Figure:
    """Title, subtitle and source note on ``fig``, its :class:`ChartInfo`, and its layout (once).

    Called again on a figure being updated in place, it changes the texts
    and keeps the layout: the space for each block was reserved on the first
    draw, for as many lines as the text had then.
    """
    sources = tuple(sources)
    note = source_note(sources)
    size = STYLE["font.size"]  # the style's sizes, also for a chart function drawn outside the decorator
    title_text = wrap(title, _chars_per_line(fig, STYLE["figure.titlesize"] * 1.14))  # bold is wider
    subtitle_text = wrap(subtitle, _chars_per_line(fig, size))
    note_text = wrap(note, _chars_per_line(fig, SMALL_POINTS))
    fig.suptitle(title_text, x=0.012, ha="left", color=TEXT_COLOUR)
    if ax is not None:
        sub = ax.set_title(subtitle_text, loc="left", color=MUTED_COLOUR, fontsize=size, pad=10)
        # Aligned with the title at the figure's left edge, not with the axes (whose
        # left edge moves with the width of the tick labels).
        sub.set_transform(blended_transform_factory(fig.transFigure, ax.transAxes) + ax.titleOffsetTrans)
        sub.set_x(0.012)
    # supxlabel, unlike a free fig.text, gets room from the constrained layout.
    fig.supxlabel(note_text, x=0.012, ha="left", fontsize=SMALL_POINTS, color=NOTE_COLOUR, linespacing=1.25)
    fig.explainer_info = ChartInfo(
        title=title,
        units=units,
        alt_text=alt_text,
        source_note=note,
        data=data,
        source_ids=tuple(s.id for s in sources),
        subtitle=subtitle,
    )
    lay_out_once(fig)
    return fig


def _shape(fig: Figure) -> tuple:
    """What the layout depends on: the lines of the title block and the note, and the axis labels."""
    texts = [fig._suptitle, fig._supxlabel]
    parts = [t.get_text().count("\n") if t is not None else -1 for t in texts]
    for ax in fig.axes:
        parts += [ax._left_title.get_text().count("\n"), ax.get_xlabel(), ax.get_ylabel()]
    return tuple(parts)


def lay_out_once(fig: Figure) -> None:
    """Lay the figure out once for each shape of its texts, then fix the positions found.

    The first draw runs matplotlib's constrained layout and records where it
    put the axes, their labels and titles; a redraw with texts of the same
    shape (as many lines, the same axis labels) reuses those positions and
    costs only the drawing: no layout pass, no second draw. A redraw whose
    texts have another shape (a unit with a longer label, a title that wraps
    onto another line) is laid out once, and that layout kept too.
    """
    layouts = fig.__dict__.setdefault("_explainer_layouts", {})
    shape = _shape(fig)
    found = layouts.get(shape)
    if found is None:
        for ax in fig.axes:  # let the layout place labels and titles again, as matplotlib sets them up
            ax.xaxis._autolabelpos = ax.yaxis._autolabelpos = True
            ax.xaxis.label.set_transform(blended_transform_factory(ax.transAxes, IdentityTransform()))
            ax.yaxis.label.set_transform(blended_transform_factory(IdentityTransform(), ax.transAxes))
            ax._autotitlepos = True
        fig.set_layout_engine("constrained", h_pad=0.06, w_pad=0.06)
        fig.draw_without_rendering()
        fig.set_layout_engine(None)
        found = []
        for ax in fig.axes:
            # Where the axis labels and titles went, so no redraw measures every tick
            # label again to place them (about a fifth of a redraw's time).
            coords = []
            for axis in (ax.xaxis, ax.yaxis):
                label = axis.label
                xy = ax.transAxes.inverted().transform(label.get_transform().transform(label.get_position()))
                coords.append(tuple(xy))
            titles = [t.get_position()[1] for t in (ax.title, ax._left_title, ax._right_title)]
            found.append((ax.get_position(original=True).frozen(), coords, titles))
        layouts[shape] = found
    for ax, (position, coords, titles) in zip(fig.axes, found):
        ax._set_position(position, which="both")  # set_position() would take the axes out of later layouts
        for axis, (x, y) in zip((ax.xaxis, ax.yaxis), coords):
            axis.set_label_coords(x, y)
        for title, y in zip((ax.title, ax._left_title, ax._right_title), titles):
            title.set_y(y)
        ax._autotitlepos = False  # matplotlib's own switch, as set_title(y=...) sets it


def info(fig: Figure) -> ChartInfo:
    """The :class:`ChartInfo` of a figure made by a chart function."""
    try:
        return fig.explainer_info
    except AttributeError:
        raise ValueError("this figure was not made by an explainer chart function") from None


def display_points(fig: Figure, points: float) -> float:
    """The size, in points, that ``points``-sized text in ``fig`` has when shown :data:`DISPLAY_WIDTH_PX` wide."""
    native_px = fig.get_figwidth() * 96
    return points * min(1.0, DISPLAY_WIDTH_PX / native_px)


# ----------------------------------------------------------------------------
# Rendering


def _svg_renderer_class():
    from matplotlib.backends.backend_svg import RendererSVG

    class RendererSVGCachedText(RendererSVG):
        """The SVG renderer, measuring each text once per process.

        Text metrics depend only on the text and its font; matplotlib's own
        cache is per renderer, and a new renderer is made for every image.
        """

        def get_text_width_height_descent(self, s, prop, ismath):
            key = (s, hash(prop), ismath)
            found = _TEXT_METRICS.get(key)
            if found is None:
                found = super().get_text_width_height_descent(s, prop, ismath)
                if len(_TEXT_METRICS) > 20_000:
                    _TEXT_METRICS.clear()
                _TEXT_METRICS[key] = found
            return found

    return RendererSVGCachedText


_TEXT_METRICS: dict = {}
_RENDERER = []


def to_svg(fig: Figure) -> bytes:
    """Render ``fig`` to SVG bytes, its text as text (what notebooks and widgets show).

    The same drawing as ``fig.savefig(format="svg")`` under :data:`STYLE`,
    with no layout pass (the layout was fixed by :func:`finish`) and each
    text measured once per process.
    """
    from matplotlib.backends.backend_mixed import MixedModeRenderer

    if not _RENDERER:
        _RENDERER.append(_svg_renderer_class())
    buf = io.StringIO()
    with mpl.rc_context(STYLE):
        dpi = fig.dpi
        fig.dpi = 72
        try:
            width, height = fig.get_size_inches()
            renderer = MixedModeRenderer(
                fig,
                width,
                height,
                dpi,
                _RENDERER[0](width * 72, height * 72, buf, image_dpi=dpi, metadata={"Date": None}),
            )
            fig.draw(renderer)
            renderer.finalize()
        finally:
            fig.dpi = dpi
    return buf.getvalue().encode("utf-8")


def to_png(fig: Figure, dpi: int = 100) -> bytes:
    """Render ``fig`` to PNG bytes (Agg, no pyplot); ``dpi=200`` for a high-density copy."""
    buf = io.BytesIO()
    with mpl.rc_context(STYLE):
        fig.savefig(buf, format="png", dpi=dpi)
    return buf.getvalue()


def csv_text(fig: Figure, licence: str) -> str:
    """The data behind ``fig`` as CSV text, with title, units and source note as ``#`` lines on top."""
    import pandas as pd

    meta = info(fig)
    head = [
        f"# {meta.title.replace(chr(10), ' ')}",
        f"# {meta.subtitle.replace(chr(10), ' ')}" if meta.subtitle else None,
        f"# Units: {meta.units}",
        f"# {meta.source_note}",
        f"# Compiled by Minerals for Security; licence of the compilation: {licence}.",
    ]
    data = meta.data
    frame = pd.DataFrame() if data is None else data if isinstance(data, pd.DataFrame) else pd.DataFrame(data)
    body = frame.to_csv(index=False, lineterminator="\n")
    return "\n".join(line for line in head if line is not None) + "\n" + body
