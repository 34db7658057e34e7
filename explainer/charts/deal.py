"""Charts about the minerals and the deal's terms (notebook 03)."""

from __future__ import annotations

import textwrap

from matplotlib.layout_engine import ConstrainedLayoutEngine

from .. import deal_records as dr
from .base import HATCHES, PALETTE, TEXT_COLOUR, finish, new_figure

_GREY = "#999999"


def _wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(text, width=width))


def figure(fig, size):
    """A new figure, or ``fig`` cleared, with the constrained layout switched back on."""
    if fig is not None:
        fig.set_size_inches(size)
    fig = new_figure(fig, size=size)
    if not isinstance(fig.get_layout_engine(), ConstrainedLayoutEngine):
        fig.set_layout_engine("constrained")  # a figure from elsewhere may have lost it
    return fig


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
    fig = figure(fig, size=(8.5, 4.6))
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
    ax.spines[["top", "right"]].set_visible(False)
    ax.grid(axis="x", color="#dddddd", lw=0.6)
    ax.set_axisbelow(True)
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
    fig = figure(fig, size=(8.0, 4.2))
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
    ax.spines[["top", "right"]].set_visible(False)
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
    fig = figure(fig, size=(8.0, 3.8))
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
    ax.spines[["top", "right"]].set_visible(False)
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


def deal_changes(content, fig=None):
    """A grid of the deal's terms across versions: what changed, what was never stated.

    Each cell is one version's position on one term: "changed" where it differs
    from the version before, "same" where it does not, and "not stated" where
    the version is silent. Cells carry the word as well as the colour.

    Parameters
    ----------
    content : Content
    fig : matplotlib.figure.Figure, optional

    Returns
    -------
    matplotlib.figure.Figure
    """
    import pandas as pd
    from matplotlib.patches import Rectangle

    vs, ks = dr.versions(content), dr.term_kinds(content)
    styles = {
        "first text": ("#d9e8f5", "●  first text"),
        "changed": (PALETTE[1], "▲  changed"),
        "same": ("#eeeeee", "=  same"),
        "not stated": ("white", "○  not stated"),
    }
    fig = figure(fig, size=(9.0, 4.8))
    ax = fig.add_subplot()
    rows = []
    for x, v in enumerate(vs):
        terms = dr.terms_of(content, v.id)
        prev = dr.terms_of(content, vs[x - 1].id) if x else {}
        for y, k in enumerate(ks):
            t = terms.get(k.id)
            if t is None or not t.stated:
                state = "not stated"
            elif x == 0:
                state = "first text"
            else:
                p = prev.get(k.id)
                state = "same" if (p is not None and p.stated and p.text == t.text) else "changed"
            face, label = styles[state]
            ax.add_patch(
                Rectangle(
                    (x, y),
                    0.96,
                    0.92,
                    facecolor=face,
                    edgecolor="#666666",
                    linestyle="--" if state == "not stated" else "-",
                )
            )
            ax.text(x + 0.48, y + 0.46, label, ha="center", va="center", fontsize=9, color=TEXT_COLOUR)
            rows.append({"version": v.id, "term": k.id, "state": state})
    ax.set_xlim(0, len(vs))
    ax.set_ylim(len(ks), 0)
    ax.set_xticks([x + 0.48 for x in range(len(vs))], [_wrap(v.name, 16) for v in vs], fontsize=9)
    ax.xaxis.tick_top()
    ax.set_yticks([y + 0.46 for y in range(len(ks))], [k.label for k in ks], fontsize=9)
    ax.tick_params(length=0)
    for side in ax.spines.values():
        side.set_visible(False)
    data = pd.DataFrame(rows)
    counts = data[data.version != vs[0].id].state.value_counts()
    silent = data[data.state == "not stated"]
    alt = (
        f"Grid of {len(ks)} terms across {len(vs)} versions of the agreement. Compared with the version "
        f"before, {int(counts.get('changed', 0))} positions changed and {int(counts.get('same', 0))} stayed "
        f"the same; {len(silent)} positions are not stated in the version's text as reported "
        f"({', '.join(sorted(set(silent.term)))})."
    )
    return finish(
        fig,
        title="What changed from one version of the deal to the next",
        units="one cell per version and term",
        alt_text=alt,
        sources=content.sources_for(s for t in content.deal_terms for s in t.sources),
        data=data,
    )
