"""Charts about US and European aid to Ukraine and the numbers quoted for it.

Every amount is drawn from ``data/aid/*.csv`` through :mod:`explainer.model.aid`,
which also converts euros to dollars (at the rate recorded in
``data/aid/exchange_rates.csv``) and dollars to other units; the charts say so.

Each chart draws its marks once and, when a widget asks for other values
(another unit, another highlight, other categories), updates them in place.
"""

from __future__ import annotations

import datetime as dt

from matplotlib.transforms import blended_transform_factory

from ..model import aid
from ..model.aid import CURRENCIES, DONORS, KIEL_CATEGORIES, UNITS, fmt_value
from ..model.fields import day_text
from .base import (
    HATCHES,
    MUTED_COLOUR,
    PALETTE,
    TEXT_COLOUR,
    WIDTH,
    style_axes,
    wrap,
)
from .legacy import chart, finish, new_figure, recall, remember

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
    "total": ("#BBBBBB", HATCHES[2], "No split published"),
    "committed": ("#FFFFFF", HATCHES[3], "Committed, not yet allocated"),
}
_NUMBERS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine"}


def _count(n: int) -> str:
    return _NUMBERS.get(n, str(n))


# ----------------------------------------------------------------------------
# The five acts on a timeline


def _years_without(dates) -> list[int]:
    years = {d.year for d in dates}
    return [y for y in range(min(years), max(years) + 1) if y not in years]


@chart
def appropriations_timeline(content, fig=None, unit: str = "nominal", show_dod: bool = True):
    """Step chart: money Congress appropriated for Ukraine, act by act, added up.

    Parameters
    ----------
    content : Content
    fig : matplotlib.figure.Figure, optional
        Redraw into this figure instead of making a new one (in place, when
        this chart drew it).
    unit : {"nominal", "share of federal outlays", "per US resident"}
        A share compares the running total with all federal outlays over the
        same fiscal years (see :func:`explainer.model.aid.outlays_over_acts`).
    show_dod : bool
        Also draw the running total of the Defense Department's share.

    Returns
    -------
    matplotlib.figure.Figure
    """
    import matplotlib.dates as mdates
    import pandas as pd
    from matplotlib.ticker import FixedFormatter, FixedLocator

    if unit not in UNITS:
        aid.convert_usd_bn(content, [], unit)  # raises the model's message
    acts = aid.acts_in_order(content)
    totals, ylabel, ref_ids = aid.convert_usd_bn(content, [a.total_usd_bn for a in acts], unit)
    dods, _, _ = aid.convert_usd_bn(content, [a.dod_usd_bn for a in acts], unit)
    cum, cum_dod = aid.running_totals(totals), aid.running_totals(dods)
    dates = [a.enacted for a in acts]
    end = dates[-1] + dt.timedelta(days=150)
    h = recall(fig, "appropriations_timeline", len(acts))
    if h is None:
        fig = new_figure(fig, size=(WIDTH, 5.6))
        ax = fig.add_subplot()
        (total_line,) = ax.step([], [], where="post", color=PALETTE[0], lw=2.8)
        (total_dots,) = ax.plot([], [], "o", color=PALETTE[0], ms=7)
        (dod_line,) = ax.step([], [], where="post", color=PALETTE[5], lw=2.2, ls="--")
        (dod_dots,) = ax.plot([], [], "s", color=PALETTE[5], ms=6)
        labels = [
            ax.annotate(
                "",
                (a.enacted, 0),
                xytext=(a.enacted, 0),
                ha="right",
                va="bottom",
                arrowprops={"arrowstyle": "-", "color": "#888888", "lw": 0.8, "shrinkA": 0, "shrinkB": 4},
            )
            for a in acts
        ]
        end_total = ax.annotate(
            "", (end, 0), xytext=(4, 0), textcoords="offset points", va="center", color=PALETTE[0], fontweight="bold"
        )
        end_dod = ax.annotate(
            "", (end, 0), xytext=(4, 0), textcoords="offset points", va="center", color="#A04000", fontweight="bold"
        )
        ax.set_xlim(dates[0] - dt.timedelta(days=140), end + dt.timedelta(days=10))
        # January and July of each year, worked out once (no locator runs on a redraw).
        ticks = [dt.date(y, m, 1) for y in range(dates[0].year, end.year + 1) for m in (1, 7)]
        ticks = [d for d in ticks if dates[0] - dt.timedelta(days=140) <= d <= end]
        ax.xaxis.set_major_locator(FixedLocator(mdates.date2num(ticks)))
        ax.xaxis.set_major_formatter(FixedFormatter([f"{d:%b %Y}" for d in ticks]))
        ax.set_xlabel("Date the act was signed into law")
        style_axes(ax, grid="y")
        h = remember(
            fig,
            "appropriations_timeline",
            len(acts),
            ax=ax,
            total_line=total_line,
            total_dots=total_dots,
            dod_line=dod_line,
            dod_dots=dod_dots,
            labels=labels,
            end_total=end_total,
            end_dod=end_dod,
        )
    ax = h["ax"]
    h["total_line"].set_data(dates + [end], cum + [cum[-1]])
    h["total_dots"].set_data(dates, cum)
    h["dod_line"].set_data(dates + [end], cum_dod + [cum_dod[-1]])
    h["dod_dots"].set_data(dates, cum_dod)
    for artist in (h["dod_line"], h["dod_dots"], h["end_dod"]):
        artist.set_visible(show_dod)
    # Labels climb with the steps; where two acts came close together, the later
    # label is lifted clear of the earlier one, with a thin line to its step.
    gap, floor = cum[-1] * 1.22 * 0.13, 0.0
    for label, a, c, t in zip(h["labels"], acts, cum, totals):
        derived = "*" if a.derivation else ""
        label.set_text(f"+{fmt_value(t, unit)}{derived}\n{a.enacted:%b %Y}")
        y = max(c + cum[-1] * 0.015, floor)
        label.xy = (a.enacted, c)
        label.set_position((a.enacted - dt.timedelta(days=6), y))
        label.arrow_patch.set_visible(y > c + cum[-1] * 0.05)
        floor = y + gap
    h["end_total"].set_text(f"All {_count(len(acts))} acts\n{fmt_value(cum[-1], unit)}")
    h["end_total"].xy = (end, cum[-1])
    h["end_dod"].set_text(f"Defense Dept.\n{fmt_value(cum_dod[-1], unit)}")
    h["end_dod"].xy = (end, cum_dod[-1])
    ax.set_ylabel(ylabel if len(ylabel) < 40 else wrap(ylabel, 34))
    ax.set_ylim(0, cum[-1] * 1.22)
    data = pd.DataFrame(
        {
            "act": [a.act for a in acts],
            "public_law": [a.public_law for a in acts],
            "enacted": [a.enacted.isoformat() for a in acts],
            "fiscal_year": [aid.fiscal_year(a.enacted) for a in acts],
            "measure": [a.measure for a in acts],
            "total": [round(v, 4) for v in totals],
            "dod_share": [round(v, 4) for v in dods],
            "cumulative_total": [round(v, 4) for v in cum],
            "cumulative_dod": [round(v, 4) for v in cum_dod],
            "unit": ylabel,
            "derivation": [a.derivation or "" for a in acts],
        }
    )
    gaps = _years_without(dates)
    gap_text = f"; none in {', '.join(map(str, gaps))}" if gaps else ""
    n = _count(len(acts))
    if unit == "nominal":
        title = f"Congress appropriated {fmt_value(cum[-1], unit)} for Ukraine in {n} acts{gap_text}"
        scope = "Running total, US$ billion (nominal)"
    elif unit == "share of federal outlays":
        title = f"The {n} acts for Ukraine came to {fmt_value(cum[-1], unit)} of federal spending{gap_text}"
        years, outlays, _ids = aid.outlays_over_acts(content)
        scope = (
            f"Running total as a percentage of all US federal outlays in the same fiscal years, "
            f"{years[0]}–{years[-1]} (${outlays / 1000:,.1f} trillion)"
        )
    else:
        title = f"The {n} acts for Ukraine came to {fmt_value(cum[-1], unit)} per US resident{gap_text}"
        scope = f"Running total, {ylabel}"
    derived = [a for a in acts if a.derivation]
    subtitle = (
        f"{scope}; each step is one act, labelled with what it added"
        + (f"; * {derived[0].public_law} derived from the CRS total" if derived else "")
        + "."
    )
    alt = (
        f"Step chart of the running total of US money appropriated for Ukraine in {len(acts)} supplemental "
        f"acts, in {ylabel}. "
        + " ".join(f"{a.public_law} ({day_text(a.enacted)}) added {fmt_value(t, unit)}." for a, t in zip(acts, totals))
        + f" The running total reaches {fmt_value(cum[-1], unit)}"
        + (f", of which {fmt_value(cum_dod[-1], unit)} for the Defense Department" if show_dod else "")
        + "."
        + (f" No act was passed in {', '.join(map(str, gaps))}." if gaps else "")
    )
    ids = [s for a in acts for s in a.sources]
    sources = list(content.sources_for(ids)) + aid.reference_sources(content, ref_ids)
    return finish(fig, ax, title=title, subtitle=subtitle, units=ylabel, alt_text=alt, sources=sources, data=data)


# ----------------------------------------------------------------------------
# The Kiel Institute: US and Europe by category


def _kiel_finding(content, currency: str) -> str:
    """The title: the latest update with both US and European allocations, and the gap between them."""
    totals = aid.kiel_allocated_totals(content, currency)
    both = sorted(u for (d, u) in totals if d == "Europe" and ("United States", u) in totals)
    if not both:
        return "Aid to Ukraine allocated by donor (Kiel Institute)"
    update = both[-1]
    eu, us = totals[("Europe", update)], totals[("United States", update)]
    sym = "€" if currency == "EUR" else "$"
    when = f"{dt.date.fromisoformat(update):%B %Y}"
    lead, other = ("Europe", "the US") if eu >= us else ("The US", "Europe")
    return (
        f"By {when}, {lead} had allocated {sym}{max(eu, us):.0f}bn to Ukraine, "
        f"{sym}{abs(eu - us):.0f}bn more than {other}"
    )


@chart
def donors_by_category(
    content,
    fig=None,
    categories=KIEL_CATEGORIES,
    donors=("United States", "Europe"),
    currency: str = "EUR",
):
    """Bars: aid allocated by donor and category at each Kiel update; committed money as a bar of its own.

    Allocated aid (delivered or earmarked) is stacked by category, with its
    total on top. Money committed but not yet allocated is a different
    measure: it stands beside the allocated bar, with its own label, and is
    never added into a total.

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
    from matplotlib.patches import Patch

    donors = [d for d in DONORS if d in tuple(donors)]
    categories = [c for c in KIEL_CATEGORIES if c in tuple(categories)]
    if not donors:
        raise ValueError("choose at least one donor")
    if not categories:
        raise ValueError("choose at least one category")
    rows, rate, rate_rec = aid.kiel_segments(content, donors, categories, currency)
    all_rows, _, _ = aid.kiel_segments(content, DONORS, KIEL_CATEGORIES, currency)
    updates = aid.kiel_updates(content)
    units = (
        "EUR billion, as published by the Kiel Institute"
        if currency == "EUR"
        else f"US$ billion, converted at {rate:.3f} $ per € (rate implied by CNN's conversion)"
    )
    sym = "€" if currency == "EUR" else "$"
    # Every bar there could be: (update, donor, kind) with kind "allocated" or "committed".
    slots = []
    for update in updates:
        for donor in DONORS:
            for kind in ("allocated", "committed"):
                if any(
                    r["donor"] == donor
                    and r["data_to"] == update
                    and (r["category"] == "committed") == (kind == "committed")
                    for r in all_rows
                ):
                    slots.append((update, donor, kind))
    h = recall(fig, "donors_by_category", tuple(slots))
    if h is None:
        fig = new_figure(fig, size=(WIDTH, 5.8))
        ax = fig.add_subplot()
        segments, seg_labels = {}, {}
        for update, donor, kind in slots:
            cats = ("committed",) if kind == "committed" else ("military", "financial and humanitarian", "total")
            for cat in cats:
                colour, hatch, _name = _CATEGORY_STYLE[cat]
                segments[(update, donor, cat)] = ax.bar(
                    0, 0, 0.5, bottom=0, color=colour, hatch=hatch, edgecolor=TEXT_COLOUR, lw=0.8
                )[0]
                seg_labels[(update, donor, cat)] = ax.text(
                    0,
                    0,
                    "",
                    ha="center",
                    va="center",
                    fontsize=11.5,
                    bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.9},
                )
        tops = {s: ax.text(0, 0, "", ha="center", va="bottom", fontsize=12, fontweight="bold") for s in slots}
        groups = [
            ax.text(0, -0.2, "", transform=ax.get_xaxis_transform(), ha="center", va="top", fontweight="bold")
            for _ in updates
        ]
        handles = [
            Patch(facecolor=c, hatch=ht, edgecolor=TEXT_COLOUR, label=wrap(name, 14))
            for c, ht, name in _CATEGORY_STYLE.values()
        ]
        ax.legend(
            handles=handles,
            loc="upper left",
            bbox_to_anchor=(1.0, 1.0),
            handlelength=1.6,
            handleheight=1.6,
            labelspacing=0.9,
        )
        ax.tick_params(axis="x", length=0)
        style_axes(ax, grid="y")
        h = remember(
            fig,
            "donors_by_category",
            tuple(slots),
            ax=ax,
            segments=segments,
            seg_labels=seg_labels,
            tops=tops,
            groups=groups,
        )
    ax = h["ax"]
    amount = {(r["data_to"], r["donor"], r["category"]): r["amount"] for r in rows}
    # Positions: each update is a group; in it, the chosen donors' bars side by side.
    shown = [s for s in slots if s[1] in donors and (s[2] == "allocated" or "committed" in categories)]
    shown = [s for s in shown if any(k[:2] == s[:2] for k in amount)]
    positions, ticks, top = {}, [], 0.0
    for u_i, update in enumerate(updates):
        mine = [s for s in shown if s[0] == update]
        width = min(0.8 / max(len(mine), 1), 0.3)
        for k, s in enumerate(mine):
            positions[s] = (u_i + (k - (len(mine) - 1) / 2) * width, width)
    for (update, donor, cat), rect in h["segments"].items():
        rect.set_visible(False)
        h["seg_labels"][(update, donor, cat)].set_visible(False)
    for s in slots:
        h["tops"][s].set_visible(False)
    for s, (x, width) in positions.items():
        update, donor, kind = s
        cats = (
            ["committed"] if kind == "committed" else [c for c in ("military", "financial and humanitarian", "total")]
        )
        bottom = 0.0
        for cat in cats:
            value = amount.get((update, donor, cat))
            if value is None:
                continue
            rect = h["segments"][(update, donor, cat)]
            rect.set_bounds(x - width * 0.46, bottom, width * 0.92, value)
            rect.set_visible(True)
            label = h["seg_labels"][(update, donor, cat)]
            label.set_position((x, bottom + value / 2))
            label.set_text(f"{value:.0f}")
            label.set_visible(True)
            bottom += value
        if bottom:
            name = {"United States": "US", "All donors": "All"}.get(donor, donor)
            word = "allocated" if kind == "allocated" else "committed,\nnot allocated"
            top_text = h["tops"][s]
            top_text.set_position((x, bottom))
            top_text.set_text(f"{name}\n{sym}{bottom:.0f}bn" + ("" if kind == "allocated" else f"\n{word}"))
            top_text.set_fontweight("bold" if kind == "allocated" else "normal")
            top_text.set_visible(True)
            top = max(top, bottom)
            ticks.append(x)
    ax.set_xticks(ticks, [""] * len(ticks))
    for u_i, (update, text) in enumerate(zip(updates, h["groups"])):
        text.set_position((u_i, -0.03))
        text.set_text(f"Data to {day_text(dt.date.fromisoformat(update))}")
    ax.set_xlim(-0.55, len(updates) - 0.45)
    ax.set_ylim(0, max(top, 1) * 1.38)
    ax.set_ylabel("EUR billion (as published)" if currency == "EUR" else f"US$ billion (at {rate:.3f} $/€)")
    data = pd.DataFrame(rows).drop(columns=["sources"]) if rows else pd.DataFrame()
    if not data.empty:
        data["measure_shown"] = [
            "committed, not yet allocated" if c == "committed" else "allocated" for c in data.category
        ]
    parts = []
    for update in updates:
        for donor in donors:
            segs = [r for r in rows if r["donor"] == donor and r["data_to"] == update and r["category"] != "committed"]
            if segs:
                inner = ", ".join(f"{r['category']} {sym}{r['amount']:.0f}bn" for r in segs)
                total = sum(r["amount"] for r in segs)
                parts.append(f"{donor}, data to {update}: allocated {sym}{total:.0f}bn ({inner}).")
            for r in rows:
                if r["donor"] == donor and r["data_to"] == update and r["category"] == "committed":
                    parts.append(
                        f"{donor}, data to {update}: a further {sym}{r['amount']:.0f}bn committed but not yet "
                        "allocated, shown as a separate bar and not added to the allocated total."
                    )
    alt = f"Bar chart of Kiel Institute figures for aid to Ukraine by donor and category, in {units}. " + " ".join(
        parts
    )
    ids = [s for r in rows for s in r["sources"]]
    if currency == "USD":
        ids += list(rate_rec.sources)
    subtitle = (
        f"{'EUR billion as published' if currency == 'EUR' else f'US$ billion, converted at {rate:.3f} $ per €'}. "
        "Allocated aid (delivered or earmarked) is stacked by category; money committed but not yet "
        "allocated stands apart and is not added in."
    )
    return finish(
        fig,
        ax,
        title=_kiel_finding(content, currency),
        subtitle=subtitle,
        units=units,
        alt_text=alt,
        sources=content.sources_for(ids),
        data=data,
    )


# ----------------------------------------------------------------------------
# Why the numbers differ


@chart
def headline_figures(content, fig=None, measure: str = "all", unit: str = "nominal"):
    """Horizontal bars: every figure for US aid in the news, labelled by what it counts.

    A demand (the $500bn in minerals) is not an amount of aid: it is shown
    apart, under the bars, and labelled as a demand.

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
    if unit not in UNITS:
        aid.convert_usd_bn(content, [], unit)
    ordered = sorted(content.aid_headlines, key=lambda h: h.amount_usd_bn)
    figs = [h for h in ordered if h.measure != "demanded"]
    demands = [h for h in ordered if h.measure == "demanded"]
    values, xlabel, ref_ids = aid.convert_usd_bn(content, [h.amount_usd_bn for h in figs], unit)
    highlighted = [measure == "all" or h.measure == measure for h in figs]
    h_ = recall(fig, "headline_figures", tuple(h.id for h in ordered))
    if h_ is None:
        fig = new_figure(fig, size=(WIDTH, 7.4))
        ax, apart = fig.subplots(2, 1, height_ratios=(len(figs), 1.25))
        bars = ax.barh(range(len(figs)), [0] * len(figs), 0.7, edgecolor=TEXT_COLOUR, lw=0.8)
        for bar, h in zip(bars, figs):
            bar.set_facecolor(_MEASURE_COLOURS.get(h.measure, "#999999"))
            bar.set_hatch(_MEASURE_HATCHES.get(h.measure, ""))
        labels = [ax.text(0, i, "", va="center", ha="left") for i in range(len(figs))]
        ax.set_yticks(range(len(figs)), [f"{h.label}\n{day_text(h.date)}" for h in figs], fontsize=11.5)
        style_axes(ax, grid="x")
        apart.axis("off")
        demand_text = "   ".join(
            f"{h.label} ({day_text(h.date)}): {fmt_value(h.amount_usd_bn, 'nominal')} in minerals, "
            "a demand, not an amount of aid; left off the axis above."
            for h in demands
        )
        apart.text(
            0.012,
            0.5,
            wrap(f"Not aid. {demand_text}", 84),
            transform=blended_transform_factory(fig.transFigure, apart.transAxes),
            va="center",
            ha="left",
            color=TEXT_COLOUR,
            bbox={"boxstyle": "round,pad=0.5", "fc": "#f2f2f2", "ec": "#888888", "ls": "--"},
        )
        h_ = remember(fig, "headline_figures", tuple(h.id for h in ordered), ax=ax, bars=bars, labels=labels)
    ax = h_["ax"]
    for bar, label, h, v, on in zip(h_["bars"], h_["labels"], figs, values, highlighted):
        bar.set_width(v)
        bar.set_alpha(1.0 if on else 0.2)
        bar.set_edgecolor(TEXT_COLOUR if on else "#aaaaaa")
        label.set_x(v)
        label.set_text(f" {fmt_value(v, unit)} {h.measure}")
        label.set_color(TEXT_COLOUR if on else MUTED_COLOUR)
        label.set_fontweight("bold" if on and measure != "all" else "normal")
    ax.set_xlim(0, max(values) * 1.38)
    ax.set_xlabel(xlabel)
    data = pd.DataFrame(
        {
            "id": [h.id for h in figs] + [h.id for h in demands],
            "label": [h.label for h in figs] + [h.label for h in demands],
            "who": [h.who for h in figs] + [h.who for h in demands],
            "date": [h.date.isoformat() for h in figs + demands],
            "measure": [h.measure for h in figs + demands],
            "amount_usd_bn": [h.amount_usd_bn for h in figs + demands],
            "value": [round(v, 4) for v in values] + [None] * len(demands),
            "unit": [xlabel] * len(figs) + ["US$ billion (a demand, not aid; not drawn on the axis)"] * len(demands),
            "counts": [h.counts for h in figs + demands],
            "highlighted": highlighted + [False] * len(demands),
        }
    )
    chosen = [f"{h.label} {fmt_value(v, unit)} ({h.measure})" for h, v, on in zip(figs, values, highlighted) if on]
    alt = (
        f"Horizontal bar chart of {len(figs)} figures quoted for US aid to Ukraine, in {xlabel}, from "
        f"{fmt_value(values[0], unit)} to {fmt_value(values[-1], unit)}, each labelled with what it counts. "
        + ("" if measure == "all" else f"Highlighted: figures that count what was {measure}. ")
        + "; ".join(chosen)
        + ". "
        + " ".join(
            f"Shown apart, not as aid: {h.label}, {fmt_value(h.amount_usd_bn, 'nominal')} in minerals, a demand."
            for h in demands
        )
    )
    ids = [s for h in figs + demands for s in h.sources]
    sources = list(content.sources_for(ids)) + aid.reference_sources(content, ref_ids)
    title = (
        f"Figures for US aid run from {fmt_value(values[0], unit)} to {fmt_value(values[-1], unit)} "
        "because they count different things"
    )
    what = "US$ billion (nominal)" if unit == "nominal" else xlabel
    subtitle = (
        f"{what}. Each bar is one figure as quoted, labelled with what it counts"
        + (f"; highlighted: {measure}" if measure != "all" else "")
        + "."
    )
    return finish(fig, ax, title=title, subtitle=subtitle, units=xlabel, alt_text=alt, sources=sources, data=data)
