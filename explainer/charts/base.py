"""What every chart shares: one style, the title block, the source note, layout once, rendering.

Every chart is two functions, as matplotlib advises for plotting functions:

- ``prepare_*(content, **options) -> (DataFrame, ChartInfo)``: the data to
  draw, computed from the content through :mod:`explainer.model`, with the
  chart's finding, subtitle, units, description and sources (:func:`describe`);
- ``draw_*(ax, frame, **style)``: draws that frame onto the Axes it is given,
  and nothing else (an analyst can draw their own frame onto their own Axes).

The chart function of the same name assembles the two (:func:`figure`):
``appropriations_timeline(content, fig=None, **options) -> Figure``.

The shared standard (Our World in Data's, adapted):

- a **title that states the finding**, computed from the data;
- a **subtitle** with the unit and the scope;
- axis labels with units, direct labels where they fit, and the **source note**;
- one style (:data:`STYLE`, :func:`style`): spines, grid, text sizes and
  colours, never repeated in a chart function;
- text of at least :data:`MIN_POINTS` at :data:`DISPLAY_WIDTH_PX`, the width a
  chart is shown at in a notebook (:func:`display_points` checks it);
- rendered as SVG for the live widget (:func:`to_svg`), crisp at any size and
  quick to redraw, and as a PNG of twice the pixels for the copy stored in a
  notebook (:func:`chart_png`), which GitHub's notebook view shows as it may not an SVG;
- the data behind it and its description on the figure (:class:`ChartInfo`),
  for downloads (:func:`csv_text`) and screen readers.

Speed: a figure runs matplotlib's constrained layout once for each shape of
its texts (:func:`lay_out`); a widget's redraw clears the Axes, draws again and
keeps the positions found.
"""

from __future__ import annotations

import io
import textwrap
from dataclasses import dataclass

import matplotlib as mpl
import numpy as np
from matplotlib.figure import Figure
from matplotlib.transforms import blended_transform_factory

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
#: Image pixels per CSS pixel of a chart's stored PNG copy: crisp on high-density screens and projectors.
PNG_SCALE = 2
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


def style():
    """The charts' one style sheet as a context manager.

    An analyst drawing with a ``draw_*`` function onto an Axes of their own
    makes the Axes inside it to get the explainer's look::

        with charts.style():
            fig, ax = plt.subplots()
        charts.draw_appropriations(ax, frame)
    """
    return mpl.rc_context(STYLE)


def style_axes(ax, grid: str | None = None, hide=()) -> None:
    """Axis details :data:`STYLE` cannot say: which grid lines to draw, and extra spines to hide."""
    if hide:
        ax.spines[list(hide)].set_visible(False)
    if grid:
        ax.grid(True, axis=grid)  # set, not toggled: a chart's draw runs again on the same Axes


def wrap(text: str, width: int) -> str:
    """``text`` wrapped to lines of at most ``width`` characters."""
    return "\n".join(textwrap.wrap(text, width=width)) or text


def balanced(text: str, width: int) -> str:
    """``text`` on as few lines of at most ``width`` characters as it needs, the lines of about even length.

    A word longer than ``width`` gets a line of its own, unbroken.
    """
    lines = len(textwrap.wrap(text, width, break_long_words=False))
    if lines < 2:
        return text
    even = -(-len(text) // lines)  # the shortest width that could hold it in as many lines
    while len(textwrap.wrap(text, even, break_long_words=False)) > lines:
        even += 1
    return "\n".join(textwrap.wrap(text, even, break_long_words=False))


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


def describe(frame, *, title: str, subtitle: str, units: str, alt_text: str, sources) -> ChartInfo:
    """The :class:`ChartInfo` a ``prepare_*`` function returns beside its frame."""
    sources = tuple(sources)
    return ChartInfo(
        title=title,
        units=units,
        alt_text=alt_text,
        source_note=source_note(sources),
        data=frame,
        source_ids=tuple(s.id for s in sources),
        subtitle=subtitle,
    )


def figure(prepared, draw, *, fig: Figure | None = None, size=(WIDTH, 4.8), **options) -> Figure:
    """A chart: ``draw(ax, frame, **options)`` on one Axes, under the prepared title block and note.

    Parameters
    ----------
    prepared : tuple of (pandas.DataFrame, ChartInfo)
        What a ``prepare_*`` function returns.
    draw : callable
        A ``draw_*`` function: draws ``frame`` onto the Axes it is given.
    fig : matplotlib.figure.Figure, optional
        A figure this function made with the same ``draw``: what ``draw`` added
        last time is removed and drawn again, on the same Axes with the same
        layout (what a widget does on each change). A ``draw_*`` function is
        therefore written to be called again on its own Axes: it *sets* limits,
        ticks, inversion and grid (``ax.yaxis.set_inverted(True)``,
        ``ax.grid(True, ...)``), never toggles them.
    size : tuple of float
        Width and height in inches.
    **options
        Passed to ``draw``.

    Returns
    -------
    matplotlib.figure.Figure
        With its :class:`ChartInfo`, read by :func:`info`.
    """
    frame, meta = prepared
    with mpl.rc_context(STYLE):
        if fig is not None and getattr(fig, "explainer_draw", None) is draw and tuple(fig.get_size_inches()) == size:
            ax = fig.axes[0]
            # Remove what the last draw added and draw again: the Axes, its ticks and its
            # layout stay (a quarter of the cost of ax.clear(), which rebuilds them).
            for artist in fig.explainer_drawn:
                artist.remove()
            ax.relim()
        else:
            fig = Figure(figsize=size, dpi=100)
            ax = fig.add_subplot()
            fig.explainer_draw, fig.explainer_layout, fig.explainer_layouts = draw, None, {}
            fig.explainer_subtitle_pad = SUBTITLE_PAD
        before = set(ax.get_children())
        draw(ax, frame, **options)
        fig.explainer_drawn = [a for a in ax.get_children() if a not in before]
        texts = title_block(fig, ax, meta)
        lay_out(fig, (*(t.get_text().count("\n") for t in texts), ax.get_xlabel(), ax.get_ylabel()))
    fig.explainer_info = meta
    return fig


#: Points between the top of the Axes (or of an x-axis drawn on top) and the subtitle.
SUBTITLE_PAD = 10
#: Inches between the figure's edges and its title and source note.
EDGE_PAD = 0.06


def title_block(fig: Figure, ax, meta: ChartInfo) -> tuple:
    """The finding as the title, the subtitle above the Axes and the source note below; returns the three texts.

    Each text is placed where the layout leaves it, also on a redraw that
    runs no layout: the title and note :data:`EDGE_PAD` from the edges, the
    subtitle ``fig.explainer_subtitle_pad`` points above the Axes (set by
    :func:`lay_out`, which makes room for an x-axis on top).
    """
    size = STYLE["font.size"]
    edge = EDGE_PAD / fig.get_figheight()
    title = fig.suptitle(wrap(meta.title, _chars_per_line(fig, STYLE["figure.titlesize"] * 1.14)), x=0.012, ha="left")
    pad = getattr(fig, "explainer_subtitle_pad", SUBTITLE_PAD)
    sub = _place_subtitle(fig, ax, wrap(meta.subtitle, _chars_per_line(fig, size)), pad)
    # supxlabel, unlike a free fig.text, gets room from the constrained layout.
    note = fig.supxlabel(
        wrap(meta.source_note, _chars_per_line(fig, SMALL_POINTS)),
        x=0.012,
        ha="left",
        fontsize=SMALL_POINTS,
        color=NOTE_COLOUR,
        linespacing=1.25,
    )
    # Where the layout puts them (it makes room for them only when their y is left to it: set_y keeps that).
    title.set_y(1 - edge)
    note.set_y(edge)
    return title, sub, note


def _place_subtitle(fig: Figure, ax, text: str, pad: float):
    """The subtitle ``pad`` points above the Axes, from the figure's left edge, as the title (returned)."""
    sub = ax.set_title(text, loc="left", color=MUTED_COLOUR, pad=pad, y=1)  # y given: no search for room on a redraw
    # Aligned with the title at the figure's left edge, not with the axes (whose
    # left edge moves with the width of the tick labels). set_title resets this.
    sub.set_transform(blended_transform_factory(fig.transFigure, ax.transAxes) + ax.titleOffsetTrans)
    sub.set_x(0.012)
    return sub


def _chars_per_line(fig: Figure, points: float) -> int:
    """About how many characters of ``points``-sized text fit across the figure."""
    return int(fig.get_figwidth() * 72 / (points * 0.56))


def lay_out(fig: Figure, shape: tuple) -> None:
    """Run matplotlib's constrained layout once for each ``shape`` of the texts, then keep what it found.

    The layout places the Axes; the axis labels are then pinned beside their
    tick labels and the subtitle above any x-axis on top (:func:`_pin_labels`),
    as matplotlib would place them, so that drawing the figure need not work
    them out again (a third of the cost of a redraw). Where pinning moved a
    label, the layout runs once more.

    A redraw with texts of a shape seen before (as many lines, the same axis
    labels) puts everything back where the layout put it for that shape and
    costs only the drawing: a widget that goes back and forth between two
    units lays its figure out twice, not on every change.
    """
    if fig.explainer_layout == shape:
        return
    known = fig.explainer_layouts.get(shape)
    if known is None:
        fig.set_layout_engine("constrained", h_pad=EDGE_PAD, w_pad=EDGE_PAD)
        for _ in range(3):
            fig.draw_without_rendering()
            if not _pin_labels(fig):
                break
        fig.set_layout_engine(None)
        known = fig.explainer_layouts[shape] = (
            [ax.get_position() for ax in fig.axes],
            {id(axis): axis.explainer_label_at for ax in fig.axes for axis in (ax.xaxis, ax.yaxis)},
            fig.explainer_subtitle_pad,
        )
    else:
        boxes, labels, pad = known
        for ax, box in zip(fig.axes, boxes):
            ax.set_position(box)
            ax.set_in_layout(True)  # set_position takes the Axes out of any later layout: keep it in
            for axis in (ax.xaxis, ax.yaxis):
                _pin_label(axis, labels[id(axis)])
        fig.explainer_subtitle_pad = pad
        for ax in fig.axes:
            _place_subtitle(fig, ax, ax.get_title(loc="left"), pad)
    fig.explainer_layout = shape


def _pin_labels(fig: Figure) -> bool:
    """Pin each axis label beside its tick labels, and the subtitle above an x-axis on top; whether any moved."""
    moved = False
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            at = _label_distance(ax, axis)
            moved |= abs(at - getattr(axis, "explainer_label_at", at)) > 0.5  # a pinned label would move
            _pin_label(axis, at)
        top = [b.y1 for b in _tick_label_boxes(ax, ax.xaxis, "top")]
        if ax.xaxis.get_label_position() == "top" and ax.get_xlabel():
            top.append(ax.xaxis.label.get_window_extent().y1)
        pad = SUBTITLE_PAD + max([0.0] + [(y - ax.bbox.y1) * 72 / fig.dpi for y in top])
        moved |= abs(pad - fig.explainer_subtitle_pad) > 0.5
        fig.explainer_subtitle_pad = pad
        _place_subtitle(fig, ax, ax.get_title(loc="left"), pad)
    return moved


def _label_distance(ax, axis) -> float:
    """How far, in points, matplotlib puts ``axis``'s label from the Axes: past its tick labels, by its labelpad."""
    side = axis.get_label_position()
    edge = {"bottom": ax.bbox.y0, "top": ax.bbox.y1, "left": ax.bbox.x0, "right": ax.bbox.x1}[side]
    boxes = _tick_label_boxes(ax, axis, side)
    reach = {
        "bottom": lambda b: edge - b.y0,
        "top": lambda b: b.y1 - edge,
        "left": lambda b: edge - b.x0,
        "right": lambda b: b.x1 - edge,
    }[side]
    return max([0.0] + [reach(b) for b in boxes]) * 72 / ax.figure.dpi + axis.labelpad


def _tick_label_boxes(ax, axis, side: str) -> list:
    """The extents of ``axis``'s visible tick labels on ``side`` of the Axes, for the ticks in view."""
    low, high = sorted(axis.get_view_interval())
    labels = [
        t.label1 if side in ("bottom", "left") else t.label2
        for t in axis.get_major_ticks()
        if low <= t.get_loc() <= high
    ]
    return [t.get_window_extent() for t in labels if t.get_visible() and t.get_text()]


def _pin_label(axis, distance: float) -> None:
    """Fix ``axis``'s label ``distance`` points out from its side of the Axes (public ``set_label_coords``)."""
    from matplotlib.transforms import ScaledTranslation

    ax, side = axis.axes, axis.get_label_position()
    out = distance / 72
    x, y, dx, dy = {
        "bottom": (0.5, 0, 0, -out),
        "top": (0.5, 1, 0, out),
        "left": (0, 0.5, -out, 0),
        "right": (1, 0.5, out, 0),
    }[side]
    axis.set_label_coords(x, y, transform=ax.transAxes + ScaledTranslation(dx, dy, ax.figure.dpi_scale_trans))
    axis.explainer_label_at = distance


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


def to_png(fig: Figure, dpi: float = 100, *, colours: int | None = None) -> bytes:
    """Render ``fig`` to PNG bytes with Agg (no pyplot); the same bytes for the same drawing.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
    dpi : float
        Image pixels per inch: ``2 * 96`` for a copy shown at 96 CSS pixels per
        inch on a high-density screen (:func:`chart_png`).
    colours : int, optional
        Reduce the image to a palette of at most this many colours (256 or
        fewer; for an opaque figure, as the charts are). A chart's flat fills,
        white and greys are kept exactly; only rare shades at the edges of text
        and lines move to the nearest kept colour. The file is about a third of
        the size of a full-colour one.

    Returns
    -------
    bytes
        A PNG with no date or software version in it, so a notebook run again
        stores the same image for the same chart.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from PIL import Image

    with mpl.rc_context(STYLE):
        own_dpi, own_canvas = fig.dpi, fig.canvas
        fig.dpi = dpi
        try:
            canvas = FigureCanvasAgg(fig)
            canvas.draw()
            pixels = np.asarray(canvas.buffer_rgba())  # a view of the renderer's buffer: no copy of the image
            if colours:
                return _palette_png(pixels, colours)
            buf = io.BytesIO()
            Image.fromarray(pixels).save(buf, format="png")  # Pillow writes no date or software chunk
            return buf.getvalue()
        finally:
            fig.dpi = own_dpi
            fig.set_canvas(own_canvas)  # the figure keeps drawing as before (its widget's SVG)


def _palette_png(rgba, colours: int) -> bytes:
    """An opaque ``(height, width, 4)`` image as a PNG of at most ``colours`` colours.

    The most used colours are kept exactly (white, the fills, the text's grey)
    and every other one (a rare shade at the edge of a letter or a line) is
    drawn in the nearest kept colour, so an image of ``colours`` colours or
    fewer comes out unchanged. The work goes in bands of rows: it needs a few
    MiB beside the image, where Pillow's ``quantize`` needs several copies of
    it (40 MiB more at the peak of a notebook's kernel for a large chart).
    """
    from PIL import Image

    packed = rgba.view("<u4")[..., 0]  # one number per pixel, R in the lowest byte; no copy
    bands = [slice(row, row + 64) for row in range(0, len(packed), 64)]
    seen = [np.unique(packed[band], return_counts=True) for band in bands]
    found, which = np.unique(np.concatenate([u for u, _ in seen]), return_inverse=True)
    uses = np.bincount(which, weights=np.concatenate([n for _, n in seen]))
    kept = _rgb(np.sort(found[np.argsort(-uses, kind="stable")[:colours]]))
    nearest = np.concatenate(  # for each colour found, the nearest kept one (itself when kept)
        [
            ((_rgb(part)[:, None] - kept[None]) ** 2).sum(axis=-1).argmin(axis=1)
            for part in np.array_split(found, 1 + len(found) // 1024)
        ]
    ).astype(np.uint8)
    index = np.empty(packed.shape, np.uint8)
    for band in bands:
        index[band] = nearest[np.searchsorted(found, packed[band])]
    image = Image.frombuffer("P", (index.shape[1], index.shape[0]), index, "raw", "P", 0, 1)
    image.putpalette(kept.astype(np.uint8).tobytes())
    buf = io.BytesIO()
    image.save(buf, format="png")  # Pillow writes no date or software chunk
    return buf.getvalue()


def _rgb(packed):
    """Colours packed as by :func:`_palette_png` as rows of (red, green, blue)."""
    return np.stack([(packed >> shift) & 255 for shift in (0, 8, 16)], axis=-1).astype(np.int32)


def chart_png(fig: Figure, width_px: float) -> tuple[bytes, int, int]:
    """The PNG copy of a chart shown ``width_px`` CSS pixels wide: drawn at :data:`PNG_SCALE` times that.

    Returns the PNG and the width and height, in CSS pixels, to show it at.
    """
    import struct

    png = to_png(fig, PNG_SCALE * width_px / fig.get_figwidth(), colours=256)
    pixels = struct.unpack(">II", png[16:24])  # width and height, from the PNG's header (its IHDR chunk)
    return png, *(round(n / PNG_SCALE) for n in pixels)


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
