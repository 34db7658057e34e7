"""Charts about US and European aid to Ukraine and the numbers quoted for it.

Every amount is drawn from ``data/aid/*.csv`` through :mod:`explainer.model.aid`,
which also converts euros to dollars (at the rate recorded in
``data/aid/exchange_rates.csv``) and dollars to other units; the charts say so.
"""

from __future__ import annotations

import datetime as dt

from ..model import aid
from ..model.aid import CURRENCIES, DONORS, KIEL_CATEGORIES, UNITS, fmt_value
from ..model.fields import day_text
from .base import HATCHES, PALETTE, TEXT_COLOUR, finish, new_figure, style_axes

__all__ = [
    "CURRENCIES",
    "DONORS",
    "KIEL_CATEGORIES",
    "UNITS",
    "appropriations_timeline",
    "donors_by_category",
    "headline_figures",
]

_MEASURE_COLOURS = {
    "received": PALETTE[2],
    "appropriated": PALETTE[0],
    "allocated": PALETTE[4],
    "committed": PALETTE[3],
    "repayable": PALETTE[1],
    "claimed": PALETTE[5],
    "demanded": PALETTE[7],
    "obligated": PALETTE[6],
    "disbursed": PALETTE[6],
}
_MEASURE_HATCHES = {
    "received": "",
    "appropriated": "//",
    "allocated": "..",
    "committed": "xx",
    "repayable": "\\\\",
    "claimed": "--",
    "demanded": "++",
    "obligated": "oo",
    "disbursed": "oo",
}
_CATEGORY_STYLE = {
    "military": (PALETTE[0], HATCHES[0], "Military"),
    "financial and humanitarian": (PALETTE[1], HATCHES[1], "Financial and humanitarian"),
    "total": ("#BBBBBB", HATCHES[2], "Total (no split published)"),
    "committed": ("#FFFFFF", HATCHES[3], "Committed, not yet allocated"),
}


# ----------------------------------------------------------------------------
# The five acts on a timeline


def appropriations_timeline(content, fig=None, unit: str = "nominal", show_dod: bool = True):
    """Step chart: money Congress appropriated for Ukraine, act by act, added up.

    Parameters
    ----------
    content : Content
    fig : matplotlib.figure.Figure, optional
        Redraw into this figure instead of making a new one.
    unit : {"nominal", "share of federal outlays", "per US resident"}
    show_dod : bool
        Also draw the running total of the Defense Department's share.

    Returns
    -------
    matplotlib.figure.Figure
    """
    import pandas as pd

    acts = aid.acts_in_order(content)
    totals, ylabel, ref_ids = aid.convert_usd_bn(content, [a.total_usd_bn for a in acts], unit)
    dods, _, _ = aid.convert_usd_bn(content, [a.dod_usd_bn for a in acts], unit)
    cum, cum_dod = aid.running_totals(totals), aid.running_totals(dods)
    data = pd.DataFrame(
        {
            "act": [a.act for a in acts],
            "public_law": [a.public_law for a in acts],
            "enacted": [a.enacted.isoformat() for a in acts],
            "measure": [a.measure for a in acts],
            "total": [round(v, 4) for v in totals],
            "dod_share": [round(v, 4) for v in dods],
            "cumulative_total": [round(v, 4) for v in cum],
            "cumulative_dod": [round(v, 4) for v in cum_dod],
            "unit": ylabel,
            "derivation": [a.derivation or "" for a in acts],
        }
    )
    fig = new_figure(fig, size=(9.0, 5.2))
    ax = fig.add_subplot()
    dates = [a.enacted for a in acts]
    end = dates[-1] + dt.timedelta(days=120)
    ax.step(
        dates + [end], cum + [cum[-1]], where="post", color=PALETTE[0], lw=2.5, label="All five acts (running total)"
    )
    ax.plot(dates, cum, "o", color=PALETTE[0], ms=7)
    if show_dod:
        ax.step(
            dates + [end],
            cum_dod + [cum_dod[-1]],
            where="post",
            color=PALETTE[5],
            lw=2,
            ls="--",
            label="Of which Defense Department (running total)",
        )
        ax.plot(dates, cum_dod, "s", color=PALETTE[5], ms=5)
    for a, c, t in zip(acts, cum, totals):
        derived = " (derived)" if a.derivation else ""
        ax.annotate(
            f"{a.public_law}\n+{fmt_value(t, unit)}{derived}",
            (a.enacted, c),
            xytext=(-7, 3),
            textcoords="offset points",
            ha="right",
            va="bottom",
            fontsize=8,
            color=TEXT_COLOUR,
        )
    ax.set_xlim(dates[0] - dt.timedelta(days=200), end + dt.timedelta(days=20))
    ax.set_ylabel(ylabel)
    ax.set_ylim(0, cum[-1] * 1.25)
    import matplotlib.dates as mdates

    ax.xaxis.set_major_locator(mdates.MonthLocator(bymonth=(1, 7)))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%b %Y"))
    ax.set_xlabel("Date the act was signed into law")
    ax.legend(loc="upper left", frameon=False, fontsize=9)
    style_axes(ax, grid="y")
    no_2023 = not any(d.year == 2023 for d in dates)
    alt = (
        f"Step chart of the running total of US money appropriated for Ukraine in {len(acts)} supplemental "
        f"acts, in {ylabel}. "
        + " ".join(f"{a.public_law} ({day_text(a.enacted)}) added {fmt_value(t, unit)}." for a, t in zip(acts, totals))
        + f" The running total reaches {fmt_value(cum[-1], unit)}"
        + (f", of which {fmt_value(cum_dod[-1], unit)} for the Defense Department" if show_dod else "")
        + "."
        + (" No act was passed in 2023." if no_2023 else "")
    )
    ids = [s for a in acts for s in a.sources]
    sources = list(content.sources_for(ids)) + aid.reference_sources(content, ref_ids)
    span = f"{dates[0]:%b %Y}–{dates[-1]:%b %Y}"
    title = f"{len(acts)} acts of Congress for Ukraine, {span}: {fmt_value(cum[-1], unit)} appropriated"
    if unit != "nominal":
        title += f"\n({ylabel})"
    return finish(fig, title=title, units=ylabel, alt_text=alt, sources=sources, data=data)


# ----------------------------------------------------------------------------
# The Kiel Institute: US and Europe by category


def donors_by_category(
    content,
    fig=None,
    categories=KIEL_CATEGORIES,
    donors=("United States", "Europe"),
    currency: str = "EUR",
):
    """Stacked bars: aid allocated by donor and category at each Kiel update.

    Parameters
    ----------
    content : Content
    fig : matplotlib.figure.Figure, optional
    categories : sequence of str
        Which of ``military``, ``financial and humanitarian``, ``total`` (an
        update with no split published) and ``committed`` to draw.
    donors : sequence of str
        Any of ``United States``, ``Europe``, ``All donors``.
    currency : {"EUR", "USD"}
        EUR as published; USD converted at the recorded rate.

    Returns
    -------
    matplotlib.figure.Figure
    """
    import pandas as pd

    donors = [d for d in DONORS if d in tuple(donors)]
    categories = [c for c in KIEL_CATEGORIES if c in tuple(categories)]
    if not donors:
        raise ValueError("choose at least one donor")
    if not categories:
        raise ValueError("choose at least one category")
    rows, rate, rate_rec = aid.kiel_segments(content, donors, categories, currency)
    updates = aid.kiel_updates(content)
    units = (
        "EUR billion, as published by the Kiel Institute"
        if currency == "EUR"
        else (f"US$ billion, converted at {rate:.3f} $ per € (rate implied by CNN's conversion)")
    )
    fig = new_figure(fig, size=(9.0, 5.4))
    ax = fig.add_subplot()
    width = 0.8 / len(donors)
    positions, labels = [], []
    drawn = set()
    top = 0.0
    for u_i, update in enumerate(updates):
        for d_i, donor in enumerate(donors):
            x = u_i + (d_i - (len(donors) - 1) / 2) * width
            bottom = 0.0
            for cat in categories:
                for row in rows:
                    if (row["donor"], row["data_to"], row["category"]) != (donor, update, cat):
                        continue
                    colour, hatch, name = _CATEGORY_STYLE[cat]
                    ax.bar(
                        x,
                        row["amount"],
                        width * 0.92,
                        bottom=bottom,
                        color=colour,
                        hatch=hatch,
                        edgecolor=TEXT_COLOUR,
                        lw=0.8,
                        label=None if cat in drawn else name,
                    )
                    drawn.add(cat)
                    ax.text(
                        x,
                        bottom + row["amount"] / 2,
                        f"{row['amount']:.0f}",
                        ha="center",
                        va="center",
                        fontsize=8,
                        color=TEXT_COLOUR,
                        bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.85},
                    )
                    bottom += row["amount"]
            if bottom:
                ax.text(x, bottom, f"{bottom:.0f}", ha="center", va="bottom", fontsize=9, fontweight="bold")
                top = max(top, bottom)
                positions.append(x)
                labels.append(donor.replace("United States", "US").replace("All donors", "All donors"))
    ax.set_xticks(positions, labels, fontsize=9)
    for u_i, update in enumerate(updates):
        day = dt.date.fromisoformat(update)
        ax.text(
            u_i,
            -0.12,
            f"Data to {day_text(day)}",
            transform=ax.get_xaxis_transform(),
            ha="center",
            va="top",
            fontsize=10,
            fontweight="bold",
        )
    ax.set_ylabel("EUR billion (as published)" if currency == "EUR" else f"US$ billion (converted at {rate:.3f} $/€)")
    ax.set_xlim(-0.5, len(updates) - 0.5)
    ax.set_ylim(0, max(top, 1) * 1.12)
    ax.legend(loc="lower left", bbox_to_anchor=(0, 1.0), frameon=False, fontsize=9, ncols=4)
    style_axes(ax, grid="y")
    data = pd.DataFrame(rows).drop(columns=["sources"]) if rows else pd.DataFrame()
    sym = "€" if currency == "EUR" else "$"
    parts = []
    for update in updates:
        for donor in donors:
            segs = [r for r in rows if r["donor"] == donor and r["data_to"] == update]
            if segs:
                inner = ", ".join(f"{r['category']} {sym}{r['amount']:.0f}bn" for r in segs)
                parts.append(f"{donor}, data to {update}: {inner}.")
    alt = (
        f"Stacked bar chart of Kiel Institute figures for aid to Ukraine by donor and category, in {units}. "
        + " ".join(parts)
    )
    ids = [s for r in rows for s in r["sources"]]
    if currency == "USD":
        ids += list(rate_rec.sources)
    title = "Aid to Ukraine by donor and category (Kiel Institute)"
    if currency == "USD":
        title += ", in dollars"
    return finish(fig, title=title, units=units, alt_text=alt, sources=content.sources_for(ids), data=data)


# ----------------------------------------------------------------------------
# Why the numbers differ


def headline_figures(content, fig=None, measure: str = "all", unit: str = "nominal"):
    """Horizontal bars: every US aid figure in the news, labelled by what it counts.

    Parameters
    ----------
    content : Content
    fig : matplotlib.figure.Figure, optional
    measure : str
        ``"all"``, or one measure id (``received``, ``appropriated``...) to
        highlight; the other bars are drawn faded.
    unit : {"nominal", "share of federal outlays", "per US resident"}

    Returns
    -------
    matplotlib.figure.Figure
    """
    import pandas as pd

    known = {m.id for m in content.aid_measures}
    if measure != "all" and measure not in known:
        raise ValueError(f"unknown measure {measure!r}; choose 'all' or one of: {', '.join(sorted(known))}")
    figs = sorted(content.aid_headlines, key=lambda h: h.amount_usd_bn)
    values, xlabel, ref_ids = aid.convert_usd_bn(content, [h.amount_usd_bn for h in figs], unit)
    highlighted = [measure == "all" or h.measure == measure for h in figs]
    data = pd.DataFrame(
        {
            "id": [h.id for h in figs],
            "label": [h.label for h in figs],
            "who": [h.who for h in figs],
            "date": [h.date.isoformat() for h in figs],
            "measure": [h.measure for h in figs],
            "amount_usd_bn": [h.amount_usd_bn for h in figs],
            "value": [round(v, 4) for v in values],
            "unit": xlabel,
            "counts": [h.counts for h in figs],
            "highlighted": highlighted,
        }
    )
    fig = new_figure(fig, size=(9.5, 6.4))
    ax = fig.add_subplot()
    y = list(range(len(figs)))
    for i, (h, v, on) in enumerate(zip(figs, values, highlighted)):
        ax.barh(
            i,
            v,
            0.7,
            color=_MEASURE_COLOURS.get(h.measure, "#999999"),
            hatch=_MEASURE_HATCHES.get(h.measure, ""),
            edgecolor=TEXT_COLOUR if on else "#aaaaaa",
            lw=0.8,
            alpha=1.0 if on else 0.18,
        )
        ax.text(
            v,
            i,
            f"  {fmt_value(v, unit)} · {h.measure}",
            va="center",
            ha="left",
            fontsize=9,
            color=TEXT_COLOUR if on else "#999999",
            fontweight="bold" if on and measure != "all" else "normal",
        )
    ax.set_yticks(y, [f"{h.label}\n{day_text(h.date)}" for h in figs], fontsize=8.5)
    ax.set_xlabel(xlabel)
    ax.set_xlim(0, max(values) * 1.3)
    style_axes(ax, grid="x")
    from matplotlib.patches import Patch

    seen = [m for m in dict.fromkeys(h.measure for h in figs)]
    handles = [
        Patch(
            facecolor=_MEASURE_COLOURS.get(m, "#999"), hatch=_MEASURE_HATCHES.get(m, ""), edgecolor=TEXT_COLOUR, label=m
        )
        for m in seen
    ]
    ax.legend(
        handles=handles,
        title="What the figure counts",
        loc="lower right",
        frameon=False,
        fontsize=8.5,
        title_fontsize=9,
    )
    chosen = [f"{h.label} {fmt_value(v, unit)} ({h.measure})" for h, v, on in zip(figs, values, highlighted) if on]
    alt = (
        f"Horizontal bar chart of {len(figs)} figures quoted for US aid to Ukraine, in {xlabel}, from "
        f"{fmt_value(values[0], unit)} to {fmt_value(values[-1], unit)}, each labelled with what it counts. "
        + ("" if measure == "all" else f"Highlighted: figures that count what was {measure}. ")
        + "; ".join(chosen)
        + "."
    )
    ids = [s for h in figs for s in h.sources]
    sources = list(content.sources_for(ids)) + aid.reference_sources(content, ref_ids)
    title = (
        f"Why the numbers differ: {fmt_value(values[0], unit)} to {fmt_value(values[-1], unit)}, by what each counts"
    )
    if unit != "nominal":
        title += f"\n({xlabel})"
    return finish(fig, title=title, units=xlabel, alt_text=alt, sources=sources, data=data)
