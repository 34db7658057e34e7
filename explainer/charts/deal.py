"""Charts about the minerals and the deal's terms (notebook 03)."""

from __future__ import annotations

import textwrap

from matplotlib.colors import to_rgba

from ..model import deal as dr
from .base import (
    HATCHES,
    MUTED_COLOUR,
    PALETTE,
    TEXT_COLOUR,
    WIDTH,
    style_axes,
)
from .legacy import chart, finish, new_figure, recall, remember

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


@chart
def occupation_range(content, fig=None, highlight=None):
    """How much of Ukraine's mineral wealth is occupied: every estimate, as a range.

    Each share estimate is one row. A single figure is a dot; an upper bound
    ("less than 20%") is a bar from zero ending in a left-pointing arrow-head
    (the share is somewhere below it). The band behind the rows spans the
    estimates, from the lowest to the highest.

    Parameters
    ----------
    content : Content
    fig : matplotlib.figure.Figure, optional
        Redraw into this figure (in place, when this chart drew it).
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
    lo, hi = dr.occupation_range(content)
    h = recall(fig, "occupation_range", tuple(e.id for e in rows))
    if h is None:
        fig = new_figure(fig, size=(WIDTH, 7.4))
        ax = fig.add_subplot()
        ax.axvspan(lo, hi, color="#f2e6c9", zorder=0)
        ax.text((lo + hi) / 2, -0.6, "range of the estimates", ha="center", va="bottom", color="#5c4d22")
        marks = []
        for y, e in enumerate(rows):
            (bar,) = ax.plot([0 if e.low is None else e.low, e.high], [y, y], lw=3, solid_capstyle="butt")
            (tip,) = ax.plot(
                [e.high], [y], marker="<" if e.low is None else "o", markersize=10, markeredgecolor=TEXT_COLOUR
            )
            label = ax.text(e.high + 1.5, y, e.figure, va="center")
            marks.append((bar, tip, label))
        ax.set_yticks(range(len(rows)), [_wrap(f"{e.who}, {e.date:%b %Y}: {e.scope}", 46) for e in rows], fontsize=11.5)
        ax.set_ylim(len(rows) - 0.4, -1.1)
        ax.set_xlim(0, 88)
        ax.set_xticks(range(0, 61, 10))
        ax.set_xlabel("Share under Russian occupation (%)")
        style_axes(ax, grid="x")
        h = remember(fig, "occupation_range", tuple(e.id for e in rows), ax=ax, marks=marks)
    for e, (bar, tip, label) in zip(rows, h["marks"]):
        strong = highlight is None or e.id == highlight
        colour = PALETTE[5] if e.id == highlight else (PALETTE[0] if strong else "#999999")
        bar.set_color(colour)
        tip.set_color(colour)
        tip.set_markeredgecolor(TEXT_COLOUR)
        label.set_fontweight("bold" if e.id == highlight else "normal")
        label.set_color(TEXT_COLOUR if strong else MUTED_COLOUR)
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
                "kind": "upper bound" if e.low is None else "single figure" if e.low == e.high else "range",
            }
            for e in rows
        ]
    )
    parts = "; ".join(f"{e.who} ({e.date:%B %Y}): {e.figure} of {e.scope}" for e in rows)
    alt = (
        f"Range chart of {len(rows)} estimates of the share of Ukraine's mineral wealth under Russian "
        f"occupation. They run from under {lo:g}% to about {hi:g}%: {parts}. Upper bounds are drawn as bars "
        "from zero ending in a left-pointing arrow-head; single figures as dots."
    )
    return finish(
        fig,
        h["ax"],
        title=f"Estimates of how much is occupied run from under {lo:g}% to about {hi:g}%",
        subtitle=(
            "Percent of the resources each estimate counts (they count different things). "
            "A dot is one figure; a bar ending in ◀ is an upper bound (\u201cless than\u201d)."
        ),
        units="percent of the resources each estimate counts",
        alt_text=alt,
        sources=content.sources_for(s for e in rows for s in e.sources),
        data=data,
    )


@chart
def china_shares(content, fig=None):
    """China's share of each stage of the rare-earth supply chain, stage by stage.

    The 2024 mining share is computed from USGS output figures; the rest come
    from the IEA. The figures describe different years and come from
    different reports, so each is labelled with its year and grouped by
    stage: the chart compares stages, it is not a series over time. A
    projection is hatched and labelled as such.

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
            "who": "computed from USGS output",
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
    rows.sort(key=lambda r: (order[r["stage"]], r["projected"], r["year"]))
    data = pd.DataFrame(rows)
    fig = new_figure(fig, size=(WIDTH, 6.2))
    ax = fig.add_subplot()
    # One block per stage, a gap between blocks, the stage named once above its block.
    y, positions, labels, last_stage = -1.0, [], [], None
    for r in rows:
        y += 1.0 if r["stage"] == last_stage else (1.9 if last_stage else 1.0)
        if r["stage"] != last_stage:
            ax.text(0.5, y - 0.68, r["stage"].capitalize(), ha="left", va="center", fontweight="bold")
        last_stage = r["stage"]
        positions.append(y)
        colour = PALETTE[order[r["stage"]]]
        bar = ax.barh(
            y,
            r["percent"],
            0.72,
            color="white" if r["projected"] else colour,
            edgecolor=colour if r["projected"] else TEXT_COLOUR,
            lw=1.5,
            hatch="//" if r["projected"] else HATCHES[order[r["stage"]]],
        )
        what = "projection for" if r["projected"] else "in"
        ax.bar_label(bar, [f"{r['percent']:g}% {what} {r['year']}"], padding=4)
        labels.append(f"{r['year']}{' (projected)' if r['projected'] else ''}, {r['who']}")
    ax.set_yticks(positions, labels, fontsize=11.5)
    ax.set_ylim(positions[-1] + 0.7, -1.3)
    ax.set_xlim(0, 135)
    ax.set_xticks(range(0, 101, 20))
    ax.set_xlabel("China's share of the world total (%)")
    style_axes(ax, grid="x")
    parts = "; ".join(
        f"{r['stage']} {r['year']}: {r['percent']:g}%" + (" (projected)" if r["projected"] else "") for r in rows
    )
    alt = (
        f"Bar chart of China's share of each stage of the rare-earth supply chain, grouped by stage, each bar "
        f"labelled with its year: {parts}. The years differ between stages, so the bars are not a time series."
    )
    measured = [r["percent"] for r in rows if not r["projected"]]
    return finish(
        fig,
        ax,
        title=f"China holds {min(measured):.0f}% to {max(measured):.0f}% of every stage of the rare-earth supply chain",
        subtitle=(
            "Percent of the world total, by stage. Each bar is one report's figure for one year; the "
            "years differ, so compare stages, not years. Hatched: a projection."
        ),
        units="percent of world output",
        alt_text=alt,
        sources=content.sources_for(s for r in rows for s in r["sources"]),
        data=data.drop(columns="sources"),
    )


@chart
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
    fig = new_figure(fig, size=(WIDTH, 4.6))
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
        padding=4,
    )
    ax.set_yticks(range(len(countries)), [o.country for o in countries])
    ax.invert_yaxis()
    ax.set_xlim(0, world.tonnes / 1000 * 0.98)
    ax.set_xlabel("Mine output, thousand tonnes")
    style_axes(ax, grid="x")
    parts = ", ".join(f"{o.country} {o.tonnes:,.0f} t" for o in countries)
    alt = (
        f"Bar chart of rare-earth mine output in {year}: {parts}, out of a world total of about "
        f"{world.tonnes:,.0f} t. Ukraine does not appear: it has no rare-earth production."
    )
    lead, second = countries[0], countries[1]
    return finish(
        fig,
        ax,
        title=(
            f"{lead.country} mined {100 * lead.tonnes / world.tonnes:.0f}% of the world's rare earths in {year}, "
            f"{lead.tonnes / second.tonnes:.0f} times as much as {second.country}"
        ),
        subtitle=(
            f"Mine output in {year}, thousand tonnes; each label gives the share of the world total "
            f"(about {world.tonnes:,.0f} t). Ukraine mines none."
        ),
        units="tonnes",
        alt_text=alt,
        sources=content.sources_for(s for o in recs for s in o.sources),
        data=data,
    )


# How each state of a grid cell is drawn: marker, face colour, legend words.
# The marker carries the meaning; the colour only repeats it.
CHANGE_STYLES = {
    "first stated": ("●", to_rgba(PALETTE[4], 0.30), "first stated"),
    "changed": ("▲", to_rgba(PALETTE[1], 0.45), "changed in substance"),
    "same": ("=", "#e6e6e6", "same in substance (wording may differ)"),
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
                steps.append(
                    f"{names[c.version]} kept “{c.previous}”" + (f", worded “{c.short}”" if c.reworded else "")
                )
            elif c.state == "first stated":
                steps.append(f"{names[c.version]}: “{c.short}”")
            else:
                steps.append(f"{names[c.version]}: not stated")
        parts.append(f"{k.label}: " + "; ".join(steps) + ".")
    return " ".join(parts)


@chart
def deal_changes(content, fig=None):
    """A grid of the deal's terms across versions: each position in a few words, and whether it changed.

    Each cell is one version's position on one term, shown as the record's
    short label and a marker: "▲" where its substance differs from the last
    version that stated the term, "=" where the substance is the same (even
    if worded differently), "○" where the version is silent and "●" where
    it is the first to state the term. "Changed" is decided by
    :func:`explainer.model.deal.changed`, the rule the comparison widget
    uses too (see :func:`explainer.model.deal.change_grid`). The marker, not
    the colour, carries the meaning.

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
    fig = new_figure(fig, size=(WIDTH, 8.2))
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
        ax.text(x + 0.1, y + 0.5, marker, ha="center", va="center", fontsize=13)
        ax.text(
            x + 0.58,
            y + 0.5,
            _balanced(c.short + (" (reworded)" if c.reworded else ""), 13),
            ha="center",
            va="center",
            fontsize=11.5,
            color=MUTED_COLOUR if c.state == "not stated" else TEXT_COLOUR,
            fontstyle="italic" if c.state == "not stated" else "normal",
            linespacing=1.1,
        )
    ax.set_xlim(0, len(vs))
    ax.set_ylim(len(ks), 0)
    ax.set_xticks([x + 0.5 for x in range(len(vs))], [_balanced(v.name, 16) for v in vs], fontsize=11.5)
    ax.xaxis.tick_top()
    ax.set_yticks([y + 0.5 for y in range(len(ks))], [_balanced(k.label, 12) for k in ks], fontsize=11.5)
    ax.tick_params(length=0)
    key = "\n".join(
        "   ".join(f"{marker} {words}" for marker, _, words in list(CHANGE_STYLES.values())[i : i + 2]) for i in (0, 2)
    )
    ax.set_xlabel(key, labelpad=8)
    for side in ax.spines.values():
        side.set_visible(False)
    later = grid[grid.state.isin(["changed", "same"])]
    counts = later.state.value_counts()
    alt = (
        f"Grid of {len(ks)} terms across {len(vs)} versions of the agreement, each cell giving the "
        f"version's position in a few words, marked against the last version that stated the term: "
        f"{int(counts.get('changed', 0))} positions changed in substance, {int(counts.get('same', 0))} stayed "
        f"the same in substance and {int((grid.state == 'not stated').sum())} are not stated in the text as "
        "reported. " + _alt_positions(grid, ks, vs)
    )
    final = grid[grid.version == vs[-1].id]
    n_changed = int((final.state == "changed").sum())
    kept = [k.label.lower() for k in ks if final[final.term == k.id].state.iloc[0] == "same"]
    title = f"{n_changed} of {len(ks)} terms changed in substance in the final version"
    if kept:
        title += f"; {' and '.join(kept)} stayed as before"
    return finish(
        fig,
        ax,
        title=title,
        subtitle=(
            f"One cell per version and term: its position in brief, compared with the last version that "
            f"stated the term. Final version: {vs[-1].name}."
        ),
        units="one cell per version and term",
        alt_text=alt,
        sources=content.sources_for(s for t in content.deal_terms for s in t.sources),
        data=grid,
    )
