"""Charts about the minerals and the deal's terms (notebook 03).

Each chart is a ``prepare_*`` function (the data and the finding, through
:mod:`explainer.model.deal`) and a ``draw_*`` function (that data onto one
Axes), assembled by the chart function of the same name (see
:mod:`explainer.charts.base`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from matplotlib.colors import to_rgba
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Rectangle

from ..model import deal
from .base import MUTED_COLOUR, PALETTE, TEXT_COLOUR, WIDTH, balanced, describe, figure, style_axes, wrap

if TYPE_CHECKING:  # pandas is imported where a frame is made: a notebook without charts never loads it
    import pandas as pd

GREY = "#999999"
RANGE_COLOUR = "#f2e6c9"
RANGE_TEXT_COLOUR = "#5c4d22"


# ----------------------------------------------------------------------------
# How much is occupied


def estimate_kind(e) -> str:
    """'upper bound' ("less than 20%"), 'single figure' or 'range', from an estimate's bounds."""
    return "upper bound" if e.low is None else "single figure" if e.low == e.high else "range"


def prepare_occupation_range(content, highlight: str | None = None):
    """Every estimate of the occupied share of Ukraine's mineral wealth, earliest first.

    Parameters
    ----------
    content : Content
    highlight : str, optional
        Id of an estimate to emphasise.

    Returns
    -------
    frame : pandas.DataFrame
        One row per share estimate: ``estimate``, ``who``, ``date``, ``scope``,
        ``figure`` (as its source states it), ``low_percent`` (empty for an
        upper bound), ``high_percent``, ``kind``, ``label`` (who, when, what it
        counts) and ``highlighted``.
    info : ChartInfo
    """
    import pandas as pd

    rows = sorted((e for e in content.occupation_estimates if e.high is not None), key=lambda e: (e.date, e.high))
    if highlight is not None and highlight not in {e.id for e in rows}:
        raise ValueError(f"no estimate of the occupied share has the id {highlight!r}")
    frame = pd.DataFrame(
        {
            "estimate": e.id,
            "who": e.who,
            "date": e.date,
            "scope": e.scope,
            "figure": e.figure,
            "low_percent": e.low,
            "high_percent": e.high,
            "kind": estimate_kind(e),
            "label": f"{e.who}, {e.date:%b %Y}: {e.scope}",
            "highlighted": e.id == highlight,
        }
        for e in rows
    )
    lo, hi = deal.occupation_range(content)
    parts = "; ".join(f"{e.who} ({e.date:%B %Y}): {e.figure} of {e.scope}" for e in rows)
    alt = (
        f"Range chart of {len(rows)} estimates of the share of Ukraine's mineral wealth under Russian "
        f"occupation. They run from under {lo:g}% to about {hi:g}%: {parts}. Upper bounds are drawn as bars "
        "from zero ending in a left-pointing arrow-head; single figures as dots."
    )
    if highlight is not None:
        e = next(e for e in rows if e.id == highlight)
        alt += f" Highlighted: {e.who}, {e.figure}."
    return frame, describe(
        frame,
        title=f"Estimates of how much is occupied run from under {lo:g}% to about {hi:g}%",
        subtitle=(
            "Percent of the resources each estimate counts (they count different things). "
            "A dot is one figure; a bar ending in ◀ is an upper bound (\u201cless than\u201d)."
        ),
        units="percent of the resources each estimate counts",
        alt_text=alt,
        sources=content.sources_for(s for e in rows for s in e.sources),
    )


def draw_occupation_range(ax, frame, colour=PALETTE[0], emphasis=PALETTE[5], muted=GREY):
    """One row per estimate: a dot for a single figure, a bar from zero ending in ◀ for an upper bound.

    The band behind the rows spans the estimates, from the lowest to the
    highest. With a row ``highlighted``, that row is drawn in ``emphasis``
    and the others in ``muted``; without, every row is drawn in ``colour``.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    frame : pandas.DataFrame
        As :func:`prepare_occupation_range` returns it.
    colour, emphasis, muted : colours
    """
    lo, hi = frame.high_percent.min(), frame.high_percent.max()
    # The band is a backdrop, not data: added as an artist, it leaves the data limits (set below) alone.
    ax.add_artist(Rectangle((lo, 0), hi - lo, 1, transform=ax.get_xaxis_transform(), color=RANGE_COLOUR, zorder=0))
    ax.text((lo + hi) / 2, -0.6, "range of the estimates", ha="center", va="bottom", color=RANGE_TEXT_COLOUR)
    picked = bool(frame.highlighted.any())
    rows = zip(frame.low_percent, frame.high_percent, frame.kind == "upper bound", frame.figure, frame.highlighted)
    for y, (low, high, bound, words, highlighted) in enumerate(rows):
        strong = highlighted or not picked
        shade = emphasis if highlighted else colour if strong else muted
        # One line per estimate, its mark at the end: an upper bound's bar starts at zero; a single figure's is a dot.
        mark = {"marker": "<" if bound else "o", "markevery": [1], "ms": 10, "mec": TEXT_COLOUR}
        ax.add_line(Line2D([0 if bound else low, high], [y, y], lw=3, color=shade, solid_capstyle="butt", **mark))
        weight, ink = ("bold" if highlighted else "normal"), (TEXT_COLOUR if strong else MUTED_COLOUR)
        ax.text(high + 2.2, y, words, va="center", fontweight=weight, color=ink)
    ax.set_yticks(range(len(frame)), [wrap(label, 46) for label in frame.label], fontsize=11.5)
    ax.tick_params(axis="y", left=False)  # each row is named beside it: no tick mark needed
    ax.set_ylim(len(frame) - 0.4, -1.1)
    ax.set_xlim(0, 94)
    ax.set_xticks(range(0, 61, 10))
    ax.set_xlabel("Share under Russian occupation (%)")
    style_axes(ax, grid="x")


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
        Redraw into this figure (a widget's redraw: same Axes, same layout).
    highlight : str, optional
        Id of an estimate to emphasise.

    Returns
    -------
    matplotlib.figure.Figure
    """
    prepared = prepare_occupation_range(content, highlight=highlight)
    return figure(prepared, draw_occupation_range, fig=fig, size=(WIDTH, 7.4))


# ----------------------------------------------------------------------------
# China's share of each stage

STAGES = ("mining", "refining", "separation", "magnet manufacturing")

#: What each kind of figure looks like and how the legend names it: hatch, filled?, words.
#: The hatch says which kind of figure a bar is, and nothing else (the stage has its colour and its heading).
SHARE_KINDS = {
    "reported": ("", True, "as reported"),
    "computed": ("..", True, "computed here"),
    "projection": ("//", False, "a projection"),
}


def share_rows(content) -> list[dict]:
    """China's shares as rows: the mining share computed from mine output, then the reported ones."""
    year = max(o.year for o in content.rare_earth_output)
    rows = [
        {
            "stage": "mining",
            "year": year,
            "percent": round(deal.china_mining_share(content, year), 1),
            "kind": "computed",
            "label": f"{year}: computed from USGS mine output",
            "sources": tuple(s for o in content.rare_earth_output if o.year == year for s in o.sources),
        }
    ]
    for s in content.china_shares:
        kind = "projection" if s.projected else "reported"
        label = f"{s.year}: projected by {s.who}" if s.projected else f"{s.year}: reported by {s.who}"
        rows.append(
            {"stage": s.stage, "year": s.year, "percent": s.percent, "kind": kind, "label": label, "sources": s.sources}
        )
    order = list(SHARE_KINDS)
    return sorted(rows, key=lambda r: (STAGES.index(r["stage"]), order.index(r["kind"]), r["year"]))


def prepare_china_shares(content):
    """China's share of each stage of the rare-earth supply chain, one row per figure, grouped by stage.

    Returns
    -------
    frame : pandas.DataFrame
        ``stage``, ``year``, ``percent``, ``kind`` ("reported", "computed"
        here from mine output, or "projection") and ``label`` (year and who).
    info : ChartInfo
    """
    import pandas as pd

    rows = share_rows(content)
    frame = pd.DataFrame(rows).drop(columns="sources")
    parts = "; ".join(f"{r['stage']} {r['year']}: {r['percent']:g}% ({SHARE_KINDS[r['kind']][2]})" for r in rows)
    alt = (
        f"Bar chart of China's share of each stage of the rare-earth supply chain, grouped by stage, each bar "
        f"labelled with its year and who gives it: {parts}. Bars are plain where the figure is as reported, "
        "dotted where it is computed here from mine output, and hatched and unfilled where it is a projection. "
        "The years differ between stages, so the bars are not a time series."
    )
    measured = frame.percent[frame.kind != "projection"]
    return frame, describe(
        frame,
        title=(
            f"China holds {measured.min():.0f}% to {measured.max():.0f}% of every stage of the rare-earth supply chain"
        ),
        subtitle=(
            "Percent of the world total, by stage. Each bar is one figure for one year; the years differ, "
            "so compare stages, not years."
        ),
        units="percent of world output",
        alt_text=alt,
        sources=content.sources_for(s for r in rows for s in r["sources"]),
    )


def draw_china_shares(ax, frame, colours=PALETTE, kinds=SHARE_KINDS):
    """Horizontal bars in blocks by stage, each stage named above its block; a legend for the kinds of figure.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    frame : pandas.DataFrame
        As :func:`prepare_china_shares` returns it.
    colours : sequence of colours
        One per stage, in the order of :data:`STAGES`.
    kinds : dict
        ``{kind: (hatch, filled, words)}`` (:data:`SHARE_KINDS`).
    """
    y, positions, last = -1.0, [], None
    for r in frame.itertuples():
        y += 1.0 if r.stage == last else (1.9 if last else 1.0)
        if r.stage != last:
            ax.text(0.5, y - 0.68, r.stage.capitalize(), ha="left", va="center", fontweight="bold")
        last = r.stage
        positions.append(y)
        colour = colours[STAGES.index(r.stage)]
        hatch, filled, _ = kinds[r.kind]
        bar = ax.barh(
            y,
            r.percent,
            0.72,
            color=colour if filled else "white",
            edgecolor=TEXT_COLOUR if filled else colour,
            lw=1.5,
            hatch=hatch,
        )
        ax.bar_label(bar, [f"{r.percent:g}%"], padding=4)
    ax.set_yticks(positions, list(frame.label), fontsize=11.5)
    ax.set_ylim(positions[-1] + 0.7, -3.1)  # room at the top for the key
    ax.set_xlim(0, 128)
    ax.set_xticks(range(0, 101, 20))
    ax.set_xlabel("China's share of the world total (%)")
    key = [
        Patch(facecolor="#cccccc" if filled else "white", edgecolor=TEXT_COLOUR, hatch=hatch, label=words)
        for hatch, filled, words in (kinds[k] for k in dict.fromkeys(frame.kind))
    ]
    ax.legend(
        handles=key,
        loc="upper left",
        ncols=len(key),
        title="Each figure is:",
        alignment="left",
        handlelength=1.6,
        columnspacing=1.2,
        frameon=True,
        edgecolor="none",
        borderaxespad=0.2,
    )
    style_axes(ax, grid="x")


def china_shares(content, fig=None):
    """China's share of each stage of the rare-earth supply chain, stage by stage.

    The mining share for the latest year of mine output on record is computed
    from USGS output figures; the rest are reported by the IEA. The figures
    describe different years and come from different reports, so each is
    labelled with its year and grouped by stage: the chart compares stages, it
    is not a series over time. Each kind of figure (as reported, computed
    here, a projection) has its own hatch, named in the legend.

    Parameters
    ----------
    content : Content
    fig : matplotlib.figure.Figure, optional

    Returns
    -------
    matplotlib.figure.Figure
    """
    return figure(prepare_china_shares(content), draw_china_shares, fig=fig, size=(WIDTH, 6.8))


# ----------------------------------------------------------------------------
# Rare-earth mining by country


def prepare_rare_earth_mining(content, year: int | None = None):
    """Rare-earth mine output by country in ``year`` (default: the latest on record), largest first.

    Returns
    -------
    frame : pandas.DataFrame
        ``country``, ``tonnes``, ``approximate``, ``percent_of_world`` and
        ``label`` (tonnes and share, as printed at the bar).
    info : ChartInfo
    """
    import pandas as pd

    year = year or max(o.year for o in content.rare_earth_output)
    recs = [o for o in content.rare_earth_output if o.year == year]
    if not recs:
        raise ValueError(f"no rare-earth mine output on record for {year}")
    world = next(o for o in recs if o.country == "World")
    countries = sorted((o for o in recs if o.country != "World"), key=lambda o: -o.tonnes)
    frame = pd.DataFrame(
        {
            "country": o.country,
            "tonnes": o.tonnes,
            "approximate": o.approximate,
            "percent_of_world": round(100 * o.tonnes / world.tonnes, 1),
            "label": f"{'about ' if o.approximate else ''}{o.tonnes:,.0f} t ({100 * o.tonnes / world.tonnes:.0f}%)",
        }
        for o in countries
    )
    parts = ", ".join(f"{o.country} {o.tonnes:,.0f} t" for o in countries)
    lead, second = countries[0], countries[1]
    return frame, describe(
        frame,
        title=(
            f"{lead.country} mined {100 * lead.tonnes / world.tonnes:.0f}% of the world's rare earths in {year}, "
            f"{lead.tonnes / second.tonnes:.0f} times as much as the next producer ({second.country})"
        ),
        subtitle=(
            f"Mine output in {year}, thousand tonnes; each label gives the share of the world total "
            f"(about {world.tonnes:,.0f} t). Ukraine mines none."
        ),
        units="tonnes",
        alt_text=(
            f"Bar chart of rare-earth mine output in {year}: {parts}, out of a world total of about "
            f"{world.tonnes:,.0f} t. Ukraine does not appear: it has no rare-earth production."
        ),
        sources=content.sources_for(s for o in recs for s in o.sources),
    )


def draw_rare_earth_mining(ax, frame, colour=PALETTE[0], lead=PALETTE[5]):
    """Horizontal bars of mine output in thousand tonnes, largest first, the largest in ``lead``; labelled."""
    thousands = frame.tonnes / 1000
    shades = [lead if k == 0 else colour for k in range(len(frame))]
    bars = ax.barh(range(len(frame)), thousands, color=shades, edgecolor=TEXT_COLOUR)
    ax.bar_label(bars, list(frame.label), padding=4)
    ax.set_yticks(range(len(frame)), list(frame.country))
    ax.set_ylim(len(frame) - 0.5, -0.5)
    top = thousands.max() * 1.42  # room for the largest bar's label
    ax.set_xlim(0, top)
    step = 50 if top < 500 else 100
    ax.set_xticks(range(0, int(top) + 1, step))
    ax.set_xlabel("Mine output, thousand tonnes")
    style_axes(ax, grid="x")


def rare_earth_mining(content, fig=None, year: int | None = None):
    """Rare-earth mine output by country in ``year``, with the world total.

    Parameters
    ----------
    content : Content
    fig : matplotlib.figure.Figure, optional
    year : int, optional
        Year of the output records to show (default: the latest on record).

    Returns
    -------
    matplotlib.figure.Figure
    """
    return figure(prepare_rare_earth_mining(content, year=year), draw_rare_earth_mining, fig=fig, size=(WIDTH, 4.6))


# ----------------------------------------------------------------------------
# The deal's terms across versions

# How each state of a grid cell is drawn: marker, face colour, legend words.
# The marker carries the meaning; the colour only repeats it.
CHANGE_STYLES = {
    "first stated": ("●", to_rgba(PALETTE[4], 0.30), "first stated"),
    "changed": ("▲", to_rgba(PALETTE[1], 0.45), "changed in substance"),
    "same": ("=", "#e6e6e6", "same in substance (wording may differ)"),
    "not stated": ("○", "white", "not stated in the text as reported"),
}
#: The ``comparison`` of the grid's cells: step by step, and the last column's two versions set directly side by side.
STEP, DIRECT = "with the last version that stated the term", "directly"
#: The width of the last column (the two versions compared directly), and the gap before it, in grid cells.
DIRECT_WIDTH, DIRECT_GAP = 0.72, 0.14


def direct_rows(content, left: str, right: str) -> pd.DataFrame:
    """The last column of the grid: ``right`` set against ``left`` directly, by :func:`explainer.model.deal.compare`."""
    import pandas as pd

    rows = []
    for r in deal.compare(content, left, right).itertuples():
        silent = r.left_short == r.right_short == deal.NOT_STATED_SHORT
        state = "not stated" if silent else "changed" if r.changed else "same"
        cell = "not stated" if silent else "changed" if r.changed else "reworded" if r.reworded else "same"
        rows.append(
            {
                "version": right,
                "term": r.term_id,
                "short": r.right_short,
                "previous": r.left_short,
                "compared_with": left,
                "reworded": bool(r.reworded),
                "state": state,
                "cell": cell,
            }
        )
    return pd.DataFrame(rows)


def grid_frame(content, left: str, right: str) -> pd.DataFrame:
    """Every cell of the grid of changes, with its column heading, its term's label and its text."""
    import pandas as pd

    vs = deal.versions(content)
    steps = deal.change_grid(content)
    steps["cell"] = [s + (" (reworded)" if r else "") for s, r in zip(steps.short, steps.reworded)]
    steps["comparison"] = STEP
    direct = direct_rows(content, left, right).assign(comparison=DIRECT)
    frame = pd.concat([steps, direct], ignore_index=True)
    by_id = {v.id: v for v in vs}
    frame["version_name"] = [by_id[v].name for v in frame.version]
    frame["column"] = [
        f"{by_id[v].order}. {by_id[v].name}" if c == STEP else f"{by_id[left].order} → {by_id[right].order}"
        for v, c in zip(frame.version, frame.comparison)
    ]
    frame["compared"] = (frame.comparison == DIRECT) | frame.version.isin([left, right])
    labels = {k.id: k.label for k in deal.term_kinds(content)}
    frame["term_label"] = frame.term.map(labels)
    return frame


def alt_positions(frame) -> str:
    """Per term, its label in each version, with what changed, for the alt text."""
    parts = []
    for label, cells in frame[frame.comparison == STEP].groupby("term_label", sort=False):
        steps = []
        for c in cells.itertuples():
            name = c.version_name
            if c.state == "changed":
                steps.append(f"{name} changed it to “{c.short}”")
            elif c.state == "same":
                steps.append(f"{name} kept “{c.previous}”" + (f", worded “{c.short}”" if c.reworded else ""))
            elif c.state == "first stated":
                steps.append(f"{name}: “{c.short}”")
            else:
                steps.append(f"{name}: not stated")
        parts.append(f"{label}: " + "; ".join(steps) + ".")
    return " ".join(parts)


def prepare_deal_changes(content, left: str = deal.KEY_VERSIONS[0], right: str = deal.KEY_VERSIONS[1]):
    """The deal's terms across its versions, step by step, and ``left`` set against ``right`` directly.

    Returns
    -------
    frame : pandas.DataFrame
        One row per cell: those of :func:`explainer.model.deal.change_grid`
        (``comparison`` "with the last version that stated the term"), then
        one per term for the last column (``comparison`` "directly":
        ``right`` against ``left`` by :func:`explainer.model.deal.compare`);
        with ``cell`` (the text in the cell), ``version_name``, ``column`` (its heading),
        ``compared`` (a column of the direct comparison) and ``term_label``.
    info : ChartInfo
        Its title is :func:`explainer.model.deal.change_summary` of the two versions.
    """
    vs, ks = deal.versions(content), deal.term_kinds(content)
    frame = grid_frame(content, left, right)
    steps = frame[frame.comparison == STEP]
    counts = steps.state.value_counts()
    summary = deal.change_summary(content, left, right)
    alt = (
        f"Grid of {len(ks)} terms across {len(vs)} versions of the agreement, each cell giving the "
        f"version's position in a few words, marked against the last version that stated the term: "
        f"{int(counts.get('changed', 0))} positions changed in substance, {int(counts.get('same', 0))} stayed "
        f"the same in substance and {int(counts.get('not stated', 0))} are not stated in the text as "
        f"reported. {alt_positions(frame)} The last column sets the two versions directly side by side. {summary}."
    )
    order = {v.id: v.order for v in vs}
    return frame, describe(
        frame,
        title=summary,
        subtitle=(
            "One cell per version and term: its position in brief, marked against the last earlier version that "
            f"stated the term. Last column: version {order[right]} set directly against version {order[left]}."
        ),
        units="one cell per version and term",
        alt_text=alt,
        sources=content.sources_for(s for t in content.deal_terms for s in t.sources),
    )


def draw_cell(ax, x: float, y: float, width: float, cell, styles) -> None:
    """One cell of the grid: a box shaded by its state, its marker in the top left corner, its text below.

    A cell of the direct comparison (narrower) has its marker above its word instead.
    """
    marker, face, _ = styles[cell.state]
    silent = cell.state == "not stated"
    ax.add_patch(
        Rectangle((x + 0.02, y + 0.04), width - 0.04, 0.92, facecolor=face, ec="#666666", ls="--" if silent else "-")
    )
    direct = cell.comparison == DIRECT
    ax.text(x + (width / 2 if direct else 0.1), y + (0.32 if direct else 0.15), marker, ha="center", va="center")
    ax.text(
        x + width / 2,
        y + (0.68 if direct else 0.62),
        balanced(cell.cell, 13),
        ha="center",
        va="center",
        fontsize=11.5,
        color=MUTED_COLOUR if silent else TEXT_COLOUR,
        fontstyle="italic" if silent else "normal",
        linespacing=1.1,
    )


def draw_deal_changes(ax, frame, styles=CHANGE_STYLES):
    """The grid: a column per version, a row per term, and the last column for the direct comparison.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    frame : pandas.DataFrame
        As :func:`prepare_deal_changes` returns it.
    styles : dict
        ``{state: (marker, face colour, legend words)}`` (:data:`CHANGE_STYLES`).
    """
    heads = list(dict.fromkeys(frame.column))
    terms = list(dict.fromkeys(frame.term_label))
    n = len(heads) - 1  # the columns before the direct comparison
    left_edge = {h: float(x) for x, h in enumerate(heads[:-1])} | {heads[-1]: n + DIRECT_GAP}
    for cell in frame.itertuples():
        width = DIRECT_WIDTH if cell.comparison == DIRECT else 1.0
        draw_cell(ax, left_edge[cell.column], terms.index(cell.term_label), width, cell, styles)
    ax.set_xlim(0, n + DIRECT_GAP + DIRECT_WIDTH)
    ax.set_ylim(len(terms), 0)
    centres = [left_edge[h] + 0.5 for h in heads[:-1]] + [n + DIRECT_GAP + DIRECT_WIDTH / 2]
    ax.set_xticks(centres, [balanced(h, 13) for h in heads], fontsize=11.5)
    ax.xaxis.tick_top()
    bold = frame.groupby("column", sort=False).compared.any()
    for tick, head in zip(ax.xaxis.get_major_ticks(), heads):
        tick.label2.set_fontweight("bold" if bold[head] else "normal")
    ax.set_yticks([y + 0.5 for y in range(len(terms))], [balanced(t, 12) for t in terms], fontsize=11.5)
    ax.tick_params(length=0)
    words = [f"{marker} {text}" for marker, _, text in styles.values()]
    ax.set_xlabel("   ".join(words[:2]) + "\n" + "   ".join(words[2:]), labelpad=8)
    style_axes(ax, hide=("left", "bottom", "top", "right"))


def deal_changes(content, fig=None, left: str = deal.KEY_VERSIONS[0], right: str = deal.KEY_VERSIONS[1]):
    """A grid of the deal's terms across versions: each position in a few words, and whether it changed.

    Each cell is one version's position on one term, shown as the record's
    short label and a marker: "▲" where its substance differs from the last
    version that stated the term, "=" where the substance is the same (even
    if worded differently), "○" where the version is silent and "●" where
    it is the first to state the term. The last column sets ``right``
    against ``left`` directly, and the title counts what changed between the
    two (:func:`explainer.model.deal.change_summary`, the count the
    prediction of notebook 03 gives too). "Changed" is decided by
    :func:`explainer.model.deal.changed` throughout. The marker, not the
    colour, carries the meaning; the two versions compared have bold headings.

    Parameters
    ----------
    content : Content
    fig : matplotlib.figure.Figure, optional
    left, right : str
        The two deal-version ids the title and the last column compare
        (default: :data:`explainer.model.deal.KEY_VERSIONS`).

    Returns
    -------
    matplotlib.figure.Figure
    """
    return figure(prepare_deal_changes(content, left, right), draw_deal_changes, fig=fig, size=(WIDTH, 9.0))
