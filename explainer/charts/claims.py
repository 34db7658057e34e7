"""Charts about the article's claims."""

from __future__ import annotations

from ..model import claims
from .base import HATCHES, PALETTE, TEXT_COLOUR, WIDTH, chart, finish, new_figure, style_axes


@chart
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
    import pandas as pd

    scale, counts = zip(*claims.verdict_counts(content))
    counts = list(counts)
    data = pd.DataFrame({"verdict": [lvl.label for lvl in scale], "claims": counts})
    fig = new_figure(fig, size=(WIDTH, 4.2))
    ax = fig.add_subplot()
    y = range(len(scale))
    bars = ax.barh(list(y), counts, color=PALETTE[: len(scale)], edgecolor=TEXT_COLOUR)
    for bar, hatch in zip(bars, HATCHES):
        bar.set_hatch(hatch)
    ax.set_yticks(list(y), [lvl.label for lvl in scale])
    ax.invert_yaxis()
    ax.bar_label(bars, padding=3)
    ax.set_xlabel("Number of claims in the article")
    ax.set_xlim(0, max(counts + [1]) + 1)
    style_axes(ax, grid="x")
    total = sum(counts)
    parts = ", ".join(f"{n} {lvl.label.lower()}" for lvl, n in zip(scale, counts))
    alt = f"Bar chart of the verdicts on the article's {total} checkable claims: {parts}."
    weighed = claims.opinions(content)
    if weighed:
        alt += f" Not counted: {len(weighed)} opinion{'s' if len(weighed) != 1 else ''}, weighed rather than rated."
    sources = content.sources_for(s for c in claims.checkable_claims(content) for s in c.sources)
    top, bottom = scale[0], scale[-1]
    title = (
        f"{counts[0]} of the article's {total} checkable claims are {top.label.lower()}; "
        f"{counts[-1]} {'is' if counts[-1] == 1 else 'are'} {bottom.label.lower()}"
    )
    return finish(
        fig,
        ax,
        title=title,
        subtitle="Number of claims by verdict, after checking each against the sources on record.",
        units="number of claims",
        alt_text=alt,
        sources=sources,
        data=data,
    )
