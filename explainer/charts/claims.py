"""Charts about the article's claims."""

from __future__ import annotations

from ..model import claims
from .base import HATCHES, PALETTE, TEXT_COLOUR, WIDTH, describe, figure, style_axes

# Verdicts are an ordered scale, not praise or blame: greys, light to dark in the
# scale's order (no green for one end, no red for the other), each bar hatched too.
VERDICT_SHADES = ("#E8E8E8", "#C8C8C8", "#A8A8A8", "#888888", "#686868")


def prepare_verdict_counts(content):
    """How many of the article's checkable claims got each verdict, in the scale's order.

    Returns
    -------
    frame : pandas.DataFrame
        Columns ``verdict`` (label) and ``claims`` (count), one row per verdict.
    info : ChartInfo
    """
    import pandas as pd

    scale, counts = zip(*claims.verdict_counts(content))
    frame = pd.DataFrame({"verdict": [lvl.label for lvl in scale], "claims": list(counts)})
    total = sum(counts)
    parts = ", ".join(f"{n} {lvl.label.lower()}" for lvl, n in zip(scale, counts))
    alt = f"Bar chart of the verdicts on the article's {total} checkable claims: {parts}."
    weighed = claims.opinions(content)
    if weighed:
        alt += f" Not counted: {len(weighed)} opinion{'s' if len(weighed) != 1 else ''}, weighed rather than rated."
    top, bottom = scale[0], scale[-1]
    title = (
        f"{counts[0]} of the article's {total} checkable claims are {top.label.lower()}; "
        f"{counts[-1]} {'is' if counts[-1] == 1 else 'are'} {bottom.label.lower()}"
    )
    sources = content.sources_for(s for c in claims.checkable_claims(content) for s in c.sources)
    return frame, describe(
        frame,
        title=title,
        subtitle="Number of claims by verdict, after checking each against the sources on record.",
        units="number of claims",
        alt_text=alt,
        sources=sources,
    )


def draw_verdict_counts(ax, frame, shades=VERDICT_SHADES):
    """Horizontal bars, one per verdict in the frame's order, each labelled with its count.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    frame : pandas.DataFrame
        Columns ``verdict`` and ``claims``, as :func:`prepare_verdict_counts` returns.
    shades : sequence of colours
        One per verdict, in order (an ordered scale: light to dark by default).

    Returns
    -------
    matplotlib.container.BarContainer
    """
    counts = list(frame["claims"])
    y = range(len(frame))
    n = len(frame)
    colours = [shades[round(k * (len(shades) - 1) / max(n - 1, 1))] for k in y]
    bars = ax.barh(list(y), counts, color=colours, edgecolor=TEXT_COLOUR, hatch=list(HATCHES[:n]))
    ax.set_yticks(list(y), list(frame["verdict"]))
    ax.yaxis.set_inverted(True)
    ax.bar_label(bars, padding=3)
    ax.set_xlabel("Number of claims in the article")
    ax.set_xlim(0, max(counts + [1]) + 1)
    style_axes(ax, grid="x")
    return bars


def verdict_counts(content, fig=None):
    """Horizontal bars: how many of the article's claims got each verdict.

    Parameters
    ----------
    content : Content
        Loaded content (``explainer.load()``).
    fig : matplotlib.figure.Figure, optional
        Redraw into this figure instead of making a new one.

    Returns
    -------
    matplotlib.figure.Figure
    """
    return figure(prepare_verdict_counts(content), draw_verdict_counts, fig=fig, size=(WIDTH, 4.2))


__all__ = ["PALETTE", "draw_verdict_counts", "prepare_verdict_counts", "verdict_counts"]
