"""The old chart machinery (in-place artist handles, a layout fixed through private attributes).

Temporary: each chart module moves to prepare + draw (:mod:`.base`), then this module goes.
"""

from __future__ import annotations

import functools

import matplotlib as mpl
from matplotlib.figure import Figure
from matplotlib.transforms import IdentityTransform, blended_transform_factory

from .base import MUTED_COLOUR, NOTE_COLOUR, SMALL_POINTS, STYLE, TEXT_COLOUR, WIDTH, ChartInfo, source_note, wrap


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
