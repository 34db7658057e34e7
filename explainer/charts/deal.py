"""Charts about the minerals and the deal's terms (notebook 03)."""

from __future__ import annotations

import textwrap

from matplotlib.colors import to_rgba

from ..model import deal as dr
from .base import HATCHES, PALETTE, TEXT_COLOUR, finish, new_figure, style_axes

_GREY = "#999999"


def _wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(text, width=width))


def _balanced(text: str, width: int) -> str:
    """``text`` wrapped to ``width`` in as few lines as possible, the lines as even as possible."""
    lines = textwrap.wrap(text, width=width)
    if len(lines) != 2:
        return "\n".join(lines)
    words = text.split()
    splits = [(" ".join(words[:i]), " ".join(words[i:])) for i in range(1, len(words))]
    best = min(
        (s for s in splits if max(len(s[0]), len(s[1])) <= width),
        key=lambda s: max(len(s[0]), len(s[1])),
        default=lines,  # a word longer than the width: textwrap has split it
    )
    return "\n".join(best)


def occupation_range(content, fig=None, highlight=None):
    """How much of Ukraine's mineral wealth is occupied: every estimate, as a range.

    Each share estimate is one row. A single figure is a dot; an upper bound
    ("less than 20%") is a bar from zero ending in an arrow-head. The band
    behind the rows spans the estimates, from the lowest to the highest.

    Parameters
    ----------
    content : Content
    fig : matplotlib.figure.Figure, optional
        Redraw into this figure instead of making a new one.
    highlight : str, optional
        Id of an estimate to emphasise.

    Returns
    -------
    matplotlib.figure.Figure
    """
    import pandas as pd

    rows = sorted(
        (e for e in content.occupation_estimates if e.high is not None),
        key=lambda e: (e.date, e.high),
    )
    fig = new_figure(fig, size=(8.5, 4.6))
    ax = fig.add_subplot()
    lo, hi = dr.occupation_range(content)
    ax.axvspan(lo, hi, color="#f2e6c9", zorder=0)
    ax.text(
        (lo + hi) / 2, len(rows) - 0.35, "range of the estimates", ha="center", va="bottom", fontsize=8, color="#6b5a2e"
    )
    labels = []
    for y, e in enumerate(rows):
        strong = highlight is None or e.id == highlight
        colour = PALETTE[5] if e.id == highlight else (PALETTE[0] if strong else _GREY)
        if e.low is None:  # an upper bound
            ax.plot([0, e.high], [y, y], color=colour, lw=3 if strong else 2, solid_capstyle="butt")
            ax.plot([e.high], [y], marker="<", color=colour, markersize=9)
        else:
            ax.plot([e.low, e.high], [y, y], color=colour, lw=3)
            ax.plot([e.high], [y], marker="o", color=colour, markersize=9 if strong else 7, markeredgecolor=TEXT_COLOUR)
        ax.text(
            e.high + 1.5,
            y,
            e.figure,
            va="center",
            fontsize=9,
            color=TEXT_COLOUR,
            fontweight="bold" if e.id == highlight else "normal",
        )
        labels.append(_wrap(f"{e.who}, {e.date:%b %Y}: {e.scope}", 48))
    ax.set_yticks(range(len(rows)), labels, fontsize=8)
    ax.set_ylim(-0.6, len(rows) - 0.1)
    ax.invert_yaxis()
    ax.set_xlim(0, 70)
    ax.set_xlabel("Share under Russian occupation (%)")
    style_axes(ax, grid="x")
    data = pd.DataFrame(
        [
            {
                "estimate": e.id,
                "who": e.who,
                "date": e.date,
                "scope": e.scope,
                "figure": e.figure,
                "low_percent": e.low,
                "high_percent": e.high,
            }
            for e in rows
        ]
    )
    parts = "; ".join(f"{e.who} ({e.date:%B %Y}): {e.figure} of {e.scope}" for e in rows)
    alt = (
        f"Range chart of {len(rows)} estimates of the share of Ukraine's mineral wealth under Russian "
        f"occupation. They run from under {lo:g}% to about {hi:g}%: {parts}."
    )
    return finish(
        fig,
        title="How much is occupied? Estimates range widely",
        units="percent of the resources each estimate counts",
        alt_text=alt,
        sources=content.sources_for(s for e in rows for s in e.sources),
        data=data,
    )


def china_shares(content, fig=None):
    """China's share of each stage of the rare-earth supply chain.

    The 2024 mining share is computed from USGS output figures; the rest come
    from the IEA. A projection is hatched and labelled as such.

    Parameters
    ----------
    content : Content
    fig : matplotlib.figure.Figure, optional

    Returns
    -------
    matplotlib.figure.Figure
    """
    import pandas as pd

    rows = [
        {
            "stage": "mining",
            "year": 2024,
            "percent": round(dr.china_mining_share(content, 2024), 1),
            "projected": False,
            "who": "USGS (computed)",
            "sources": tuple(s for o in content.rare_earth_output if o.year == 2024 for s in o.sources),
        }
    ]
    order = {"mining": 0, "refining": 1, "separation": 2, "magnet manufacturing": 3}
    for s in sorted(content.china_shares, key=lambda s: (order[s.stage], s.year)):
        rows.append(
            {
                "stage": s.stage,
                "year": s.year,
                "percent": s.percent,
                "projected": s.projected,
                "who": s.who,
                "sources": s.sources,
            }
        )
    data = pd.DataFrame(rows)
    fig = new_figure(fig, size=(8.0, 4.2))
    ax = fig.add_subplot()
    labels = []
    for y, r in enumerate(rows):
        colour = PALETTE[order[r["stage"]]]
        bar = ax.barh(
            y,
            r["percent"],
            color="white" if r["projected"] else colour,
            edgecolor=colour if r["projected"] else TEXT_COLOUR,
            lw=1.5,
            hatch="//" if r["projected"] else HATCHES[order[r["stage"]]],
        )
        suffix = " (projection)" if r["projected"] else ""
        ax.bar_label(bar, [f"{r['percent']:g}%{suffix}"], padding=3, fontsize=9)
        labels.append(f"{r['stage'].capitalize()}, {r['year']}\n({r['who']})")
    ax.set_yticks(range(len(rows)), labels, fontsize=8.5)
    ax.invert_yaxis()
    ax.set_xlim(0, 115)
    ax.set_xticks(range(0, 101, 20))
    ax.set_xlabel("China's share of the world total (%)")
    style_axes(ax)
    parts = "; ".join(
        f"{r['stage']} {r['year']}: {r['percent']:g}%" + (" (projected)" if r["projected"] else "") for r in rows
    )
    alt = f"Bar chart of China's share of each stage of the rare-earth supply chain: {parts}."
    return finish(
        fig,
        title="China dominates every stage of rare earths",
        units="percent of world output",
        alt_text=alt,
        sources=content.sources_for(s for r in rows for s in r["sources"]),
        data=data.drop(columns="sources"),
    )


def rare_earth_mining(content, fig=None, year: int = 2024):
    """Rare-earth mine output by country in ``year``, with the world total.

    Parameters
    ----------
    content : Content
    fig : matplotlib.figure.Figure, optional
    year : int
        Year of the output records to show.

    Returns
    -------
    matplotlib.figure.Figure
    """
    import pandas as pd

    recs = [o for o in content.rare_earth_output if o.year == year]
    world = next(o for o in recs if o.country == "World")
    countries = sorted((o for o in recs if o.country != "World"), key=lambda o: -o.tonnes)
    data = pd.DataFrame(
        [
            {
                "country": o.country,
                "tonnes": o.tonnes,
                "approximate": o.approximate,
                "percent_of_world": round(100 * o.tonnes / world.tonnes, 1),
            }
            for o in countries
        ]
    )
    fig = new_figure(fig, size=(8.0, 3.8))
    ax = fig.add_subplot()
    colours = [PALETTE[5] if o.country == "China" else PALETTE[0] for o in countries]
    bars = ax.barh(range(len(countries)), [o.tonnes / 1000 for o in countries], color=colours, edgecolor=TEXT_COLOUR)
    for bar, o in zip(bars, countries):
        if o.country == "China":
            bar.set_hatch("//")
    ax.bar_label(
        bars,
        [
            f"{'about ' if o.approximate else ''}{o.tonnes:,.0f} t ({100 * o.tonnes / world.tonnes:.0f}%)"
            for o in countries
        ],
        padding=3,
        fontsize=8.5,
    )
    ax.set_yticks(range(len(countries)), [o.country for o in countries])
    ax.invert_yaxis()
    ax.set_xlim(0, world.tonnes / 1000 * 0.95)
    ax.set_xlabel(f"Mine output, thousand tonnes (world total about {world.tonnes:,.0f} t)")
    style_axes(ax)
    parts = ", ".join(f"{o.country} {o.tonnes:,.0f} t" for o in countries)
    alt = (
        f"Bar chart of rare-earth mine output in {year}: {parts}, out of a world total of about "
        f"{world.tonnes:,.0f} t. Ukraine does not appear: it has no rare-earth production."
    )
    return finish(
        fig,
        title=f"Who mined rare earths in {year}",
        units="tonnes",
        alt_text=alt,
        sources=content.sources_for(s for o in recs for s in o.sources),
        data=data,
    )


# How each state of a grid cell is drawn: marker, face colour, legend words.
# The marker carries the meaning; the colour only repeats it.
CHANGE_STYLES = {
    "first version": ("●", to_rgba(PALETTE[4], 0.30), "first version"),
    "changed": ("▲", to_rgba(PALETTE[1], 0.45), "changed from the version before"),
    "same": ("=", "#e6e6e6", "same as the version before"),
    "not stated": ("○", "white", "not stated in the text as reported"),
}


def _alt_positions(grid, ks, vs) -> str:
    """Per term, its label in each version, with what changed, for the alt text."""
    names = {v.id: v.name for v in vs}
    parts = []
    for k in ks:
        cells = grid[grid.term == k.id]
        steps = []
        for c in cells.itertuples():
            if c.state == "changed":
                steps.append(f"{names[c.version]} changed it to “{c.short}”")
            elif c.state == "same":
                steps.append(f"{names[c.version]} kept “{c.short}”")
            elif c.state == "first version":
                steps.append(f"{names[c.version]}: “{c.short}”")
            else:
                steps.append(f"{names[c.version]}: not stated")
        parts.append(f"{k.label}: " + "; ".join(steps) + ".")
    return " ".join(parts)


def deal_changes(content, fig=None):
    """A grid of the deal's terms across versions: each position in a few words, and what changed.

    Each cell is one version's position on one term, shown as the record's
    short label and a marker: "▲" where the label differs from the version
    before's, "=" where it is the same, "○" where the version is silent and
    "●" for the first version. "Changed" is decided by
    :func:`explainer.model.deal.changed`, the same rule the comparison widget
    uses. The marker, not the colour, carries the meaning.

    Parameters
    ----------
    content : Content
    fig : matplotlib.figure.Figure, optional

    Returns
    -------
    matplotlib.figure.Figure
    """
    from matplotlib.patches import Rectangle

    vs, ks = dr.versions(content), dr.term_kinds(content)
    grid = dr.change_grid(content)
    fig = new_figure(fig, size=(10.0, 6.4))
    ax = fig.add_subplot()
    col = {v.id: x for x, v in enumerate(vs)}
    row = {k.id: y for y, k in enumerate(ks)}
    for c in grid.itertuples():
        x, y = col[c.version], row[c.term]
        marker, face, _ = CHANGE_STYLES[c.state]
        ax.add_patch(
            Rectangle(
                (x + 0.02, y + 0.04),
                0.96,
                0.92,
                facecolor=face,
                edgecolor="#666666",
                linestyle="--" if c.state == "not stated" else "-",
            )
        )
        ax.text(x + 0.09, y + 0.5, marker, ha="center", va="center", fontsize=12, color=TEXT_COLOUR)
        ax.text(
            x + 0.56,
            y + 0.5,
            _balanced(c.short, 20),
            ha="center",
            va="center",
            fontsize=9.5,
            color="#555555" if c.state == "not stated" else TEXT_COLOUR,
            fontstyle="italic" if c.state == "not stated" else "normal",
            linespacing=1.15,
        )
    ax.set_xlim(0, len(vs))
    ax.set_ylim(len(ks), 0)
    ax.set_xticks([x + 0.5 for x in range(len(vs))], [_wrap(v.name, 18) for v in vs], fontsize=9.5)
    ax.xaxis.tick_top()
    ax.set_yticks([y + 0.5 for y in range(len(ks))], [k.label for k in ks], fontsize=9.5)
    ax.tick_params(length=0)
    key = "     ".join(f"{marker} {words}" for marker, _, words in CHANGE_STYLES.values())
    ax.set_xlabel(key, fontsize=9, color=TEXT_COLOUR, labelpad=8)
    for side in ax.spines.values():
        side.set_visible(False)
    later = grid[grid.version != vs[0].id]
    counts = later.state.value_counts()
    alt = (
        f"Grid of {len(ks)} terms across {len(vs)} versions of the agreement, each cell giving the "
        f"version's position in a few words, marked against the version before: "
        f"{int(counts.get('changed', 0))} positions changed, {int(counts.get('same', 0))} stayed the same and "
        f"{int((grid.state == 'not stated').sum())} are not stated in the text as reported. "
        + _alt_positions(grid, ks, vs)
    )
    return finish(
        fig,
        title="What changed from one version of the deal to the next",
        units="one cell per version and term",
        alt_text=alt,
        sources=content.sources_for(s for t in content.deal_terms for s in t.sources),
        data=grid,
    )
