"""Charts about US and European aid to Ukraine and the numbers quoted for it.

Every amount is drawn from ``data/aid/*.csv`` through :mod:`explainer.model.aid`,
which also converts euros to dollars (at the rate recorded in
``data/aid/exchange_rates.csv``) and dollars to other units; the charts say so.

Each chart is a ``prepare_*`` function (the numbers and words, computed from
the content) and a ``draw_*`` function (that frame on one Axes), put together
by the chart function of the same name (:func:`explainer.charts.base.figure`).
"""

from __future__ import annotations

import datetime as dt

from ..model import aid
from ..model.aid import CURRENCIES, DONORS, KIEL_CATEGORIES, UNITS, fmt_value
from ..model.fields import day_text
from .base import HATCHES, MUTED_COLOUR, PALETTE, TEXT_COLOUR, WIDTH, describe, figure, style_axes, wrap

__all__ = [
    "CURRENCIES",
    "DONORS",
    "KIEL_CATEGORIES",
    "UNITS",
    "appropriations_timeline",
    "donors_by_category",
    "draw_appropriations_timeline",
    "draw_donors_by_category",
    "draw_headline_figures",
    "headline_figures",
    "prepare_appropriations_timeline",
    "prepare_donors_by_category",
    "prepare_headline_figures",
]

_MEASURE_COLOURS = {
    "received": PALETTE[2],
    "appropriated": PALETTE[0],
    "allocated": PALETTE[4],
    "committed": PALETTE[3],
    "claimed": PALETTE[5],
    "obligated": PALETTE[6],
    "disbursed": PALETTE[6],
}
_MEASURE_HATCHES = {
    "received": "",
    "appropriated": "//",
    "allocated": "..",
    "committed": "xx",
    "claimed": "--",
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
_APART_SHADE = "#f2f2f2"


def _count(n: int) -> str:
    return _NUMBERS.get(n, str(n))


def _ticks_within(ax, top: float) -> None:
    """Set the x-axis to run from 0 to ``top``, with round ticks inside that range only."""
    from matplotlib.ticker import MaxNLocator

    ax.set_xlim(0, top)
    ax.set_xticks([t for t in MaxNLocator(nbins=5).tick_values(0, top) if 0 <= t <= top])


def _records(frame) -> list[dict]:
    """The rows of ``frame`` as dicts (as ``frame.to_dict("records")``, at a fraction of its cost)."""
    columns = list(frame.columns)
    return [dict(zip(columns, values)) for values in zip(*(frame[c].tolist() for c in columns))]


def _bars(ax, bars, height: float) -> list:
    """Horizontal bars from dicts with ``row``, ``start``, ``width``, ``colour``, ``hatch`` and ``edge``.

    One ``PolyCollection`` for each hatch: the same marks as ``ax.barh``, at a
    small part of its cost on a redraw (each bar it adds is a patch whose data
    limits are worked out one by one, though these charts set their own).
    """
    from matplotlib.collections import PolyCollection

    drawn = []
    for hatch in dict.fromkeys(b["hatch"] for b in bars):
        mine = [b for b in bars if b["hatch"] == hatch]
        low, high = -height / 2, height / 2
        boxes = [
            [(b["start"], b["row"] + low), (b["start"] + b["width"], b["row"] + low)]
            + [(b["start"] + b["width"], b["row"] + high), (b["start"], b["row"] + high)]
            for b in mine
        ]
        coll = PolyCollection(
            boxes,
            facecolors=[b["colour"] for b in mine],
            edgecolors=[b["edge"] for b in mine],
            linewidths=0.8,
            hatch=hatch or None,
        )
        drawn.append(ax.add_collection(coll, autolim=False))
    return drawn


# ----------------------------------------------------------------------------
# The five acts on a timeline


def prepare_appropriations_timeline(content, unit: str = "nominal", show_dod: bool = True):
    """The acts in order with their running totals in ``unit``, and the chart's words.

    Returns
    -------
    frame : pandas.DataFrame
        One row per act: ``act``, ``public_law``, ``enacted``, ``fiscal_year``,
        ``measure``, ``total``, ``dod_share``, ``cumulative_total``,
        ``cumulative_dod``, ``unit``, ``derivation``; and the labels drawn:
        ``step_label`` (what the act added, and when), ``total_label`` and
        ``dod_label`` (the running totals, as text).
    info : ChartInfo
    """
    frame, ref_ids = _acts_frame(content, unit)
    title, subtitle = _timeline_title(content, frame, unit)
    ids = [s for a in aid.acts_in_order(content) for s in a.sources]
    return frame, describe(
        frame,
        title=title,
        subtitle=subtitle,
        units=frame.unit.iloc[0],
        alt_text=_timeline_alt(frame, unit, show_dod, aid.years_without_an_act(content)),
        sources=list(content.sources_for(ids)) + aid.reference_sources(content, ref_ids),
    )


def _acts_frame(content, unit: str):
    """The acts, their amounts in ``unit``, running totals and labels; and the reference series used."""
    import pandas as pd

    if unit not in UNITS:
        aid.convert_usd_bn(content, [], unit)  # raises the model's message
    acts = aid.acts_in_order(content)
    totals, ylabel, ref_ids = aid.convert_usd_bn(content, [a.total_usd_bn for a in acts], unit)
    dods, _, _ = aid.convert_usd_bn(content, [a.dod_usd_bn for a in acts], unit)
    cum, cum_dod = aid.running_totals(totals), aid.running_totals(dods)
    frame = pd.DataFrame(
        {
            "act": [a.act for a in acts],
            "public_law": [a.public_law for a in acts],
            "enacted": [a.enacted for a in acts],
            "fiscal_year": [aid.fiscal_year(a.enacted) for a in acts],
            "measure": [a.measure for a in acts],
            "total": [round(v, 4) for v in totals],
            "dod_share": [round(v, 4) for v in dods],
            "cumulative_total": [round(v, 4) for v in cum],
            "cumulative_dod": [round(v, 4) for v in cum_dod],
            "unit": ylabel,
            "derivation": [a.derivation or "" for a in acts],
            "step_label": [
                f"+{fmt_value(t, unit)}{'*' if a.derivation else ''}\n{a.enacted:%b %Y}" for a, t in zip(acts, totals)
            ],
            "total_label": [fmt_value(v, unit) for v in cum],
            "dod_label": [fmt_value(v, unit) for v in cum_dod],
        }
    )
    return frame, ref_ids


def _timeline_title(content, frame, unit: str) -> tuple[str, str]:
    """The finding (the total, in how many acts, the years with none) and the subtitle (unit and scope)."""
    gaps = aid.years_without_an_act(content)
    gap_text = f"; none in {', '.join(map(str, gaps))}" if gaps else ""
    n, total = _count(len(frame)), frame.total_label.iloc[-1]
    if unit == "nominal":
        title = f"Congress appropriated {total} for Ukraine in {n} acts{gap_text}"
        scope = "Running total, US$ billion (nominal)"
    elif unit == "share of federal outlays":
        title = f"The {n} acts for Ukraine came to {total} of federal spending{gap_text}"
        years, outlays, _ids = aid.outlays_over_acts(content)
        scope = (
            f"Running total as a percentage of all US federal outlays in the same fiscal years, "
            f"{years[0]}–{years[-1]} (${outlays / 1000:,.1f} trillion)"
        )
    else:
        title = f"The {n} acts for Ukraine came to {total} per US resident{gap_text}"
        scope = f"Running total, {frame.unit.iloc[0]}"
    derived = frame[frame.derivation != ""]
    note = f"; * {derived.public_law.iloc[0]} derived from the CRS total" if len(derived) else ""
    return title, f"{scope}; each step is one act, labelled with what it added{note}."


def _timeline_alt(frame, unit: str, show_dod: bool, gaps) -> str:
    """What the step chart shows, act by act, for a screen reader; ``gaps``, the years with no act."""
    steps = " ".join(
        f"{r.public_law} ({day_text(r.enacted)}) added {fmt_value(r.total, unit)}." for r in frame.itertuples()
    )
    return (
        f"Step chart of the running total of US money appropriated for Ukraine in {len(frame)} supplemental "
        f"acts, in {frame.unit.iloc[0]}. {steps} The running total reaches {frame.total_label.iloc[-1]}"
        + (f", of which {frame.dod_label.iloc[-1]} for the Defense Department" if show_dod else "")
        + "."
        + (f" No act was passed in {', '.join(map(str, gaps))}." if gaps else "")
    )


def draw_appropriations_timeline(ax, frame, show_dod: bool = True, label_gap: float = 0.18):
    """Step lines of the running totals, each step labelled with what its act added.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    frame : pandas.DataFrame
        As :func:`prepare_appropriations_timeline` returns.
    show_dod : bool
        Also draw the running total of the Defense Department's share.
    label_gap : float
        The least height between two step labels, as a share of the y-axis
        (two lines of text on the chart's own Axes; more on a flatter Axes).
    """
    from matplotlib.ticker import MaxNLocator
    from matplotlib.transforms import ScaledTranslation

    dates, cum = list(frame.enacted), list(frame.cumulative_total)
    end = dates[-1] + dt.timedelta(days=150)
    ax.step(dates + [end], cum + [cum[-1]], where="post", color=PALETTE[0], lw=2.8)
    ax.plot(dates, cum, "o", color=PALETTE[0], ms=7)
    ends = [(f"All {_count(len(frame))} acts\n{frame.total_label.iloc[-1]}", cum[-1], PALETTE[0])]
    if show_dod:
        dod = list(frame.cumulative_dod)
        ax.step(dates + [end], dod + [dod[-1]], where="post", color=PALETTE[5], lw=2.2, ls="--")
        ax.plot(dates, dod, "s", color=PALETTE[5], ms=6)
        ends.append((f"Defense Dept.\n{frame.dod_label.iloc[-1]}", dod[-1], "#A04000"))
    beside = ax.transData + ScaledTranslation(4 / 72, 0, ax.get_figure().dpi_scale_trans)  # 4 points right
    for text, y, colour in ends:
        ax.text(end, y, text, transform=beside, va="center", color=colour, fontweight="bold")
    top = _step_labels(ax, frame, label_gap)
    ax.set_ylim(0, top)
    # Ticks worked out here, once per drawing (a redraw runs no locator), four or five round values.
    ax.set_yticks([t for t in MaxNLocator(nbins=4).tick_values(0, top) if 0 <= t <= top])
    _date_axis(ax, dates[0] - dt.timedelta(days=200), end + dt.timedelta(days=10))
    ax.set_xlabel("Date the act was signed into law")
    unit = frame.unit.iloc[0]
    ax.set_ylabel(unit if len(unit) < 40 else wrap(unit, 34))
    style_axes(ax, grid="y")


def _step_labels(ax, frame, gap: float) -> float:
    """Label each step above its riser, lifting a label clear of the one before; returns the y-axis top.

    Where two acts came close together, the later label is lifted at least
    ``gap`` (a share of the axis) above the earlier one, with a thin line from
    its corner down to its step.
    """
    cum = list(frame.cumulative_total)
    height = cum[-1] * 1.22
    floor, top = 0.0, 0.0
    for label, day, c in zip(frame.step_label, frame.enacted, cum):
        y = max(c + height * 0.015, floor)
        corner = day - dt.timedelta(days=6)
        ax.text(corner, y, label, ha="right", va="bottom")
        if y > c + height * 0.05:
            ax.plot([corner, day], [y, c + height * 0.02], color="#888888", lw=0.8)
        floor = y + gap * height
        top = max(top, floor)
    return max(height, top)


def _date_axis(ax, start: dt.date, end: dt.date) -> None:
    """The x-axis from ``start`` to ``end``, ticked in January and July of each year."""
    import matplotlib.dates as mdates

    ax.set_xlim(start, end)
    ticks = [dt.date(y, m, 1) for y in range(start.year, end.year + 1) for m in (1, 7)]
    ticks = [d for d in ticks if start <= d <= end]
    ax.set_xticks(mdates.date2num(ticks), [f"{d:%b %Y}" for d in ticks])


def appropriations_timeline(content, fig=None, unit: str = "nominal", show_dod: bool = True):
    """Step chart: money Congress appropriated for Ukraine, act by act, added up.

    Parameters
    ----------
    content : Content
    fig : matplotlib.figure.Figure, optional
        Redraw into this figure (made by this function) instead of making a new one.
    unit : {"nominal", "share of federal outlays", "per US resident"}
        A share compares the running total with all federal outlays over the
        same fiscal years (see :func:`explainer.model.aid.outlays_over_acts`).
    show_dod : bool
        Also draw the running total of the Defense Department's share.

    Returns
    -------
    matplotlib.figure.Figure
    """
    prepared = prepare_appropriations_timeline(content, unit=unit, show_dod=show_dod)
    return figure(prepared, draw_appropriations_timeline, fig=fig, size=(WIDTH, 6.4), show_dod=show_dod)


# ----------------------------------------------------------------------------
# The Kiel Institute: US and Europe by category


def prepare_donors_by_category(
    content, categories=KIEL_CATEGORIES, donors=("United States", "Europe"), currency: str = "EUR"
):
    """Kiel Institute figures by update, donor and category, one row per bar segment, and the chart's words.

    Returns
    -------
    frame : pandas.DataFrame
        One row per segment: the Kiel figure (``donor``, ``data_to``,
        ``category``, ``measure``, ``amount_eur_bn``, ``amount`` in
        ``currency``, ``record_ids``, ``measure_shown``, ``unit``), and where
        it is drawn: ``row`` (one per bar, under its update's heading row),
        ``start`` (where the segment begins), ``bar_label`` (the bar's total
        and measure), ``donor_label`` and ``update_label``.
    info : ChartInfo
    """
    import pandas as pd

    donors = [d for d in DONORS if d in tuple(donors)]
    categories = [c for c in KIEL_CATEGORIES if c in tuple(categories)]
    if not donors:
        raise ValueError("choose at least one donor")
    if not categories:
        raise ValueError("choose at least one category")
    rows, rate, rate_rec = aid.kiel_segments(content, donors, categories, currency)
    if not rows:
        raise ValueError(f"the Kiel Institute gives no {' or '.join(categories)} figure for {' or '.join(donors)}")
    unit = "EUR billion (as published)" if currency == "EUR" else f"US$ billion (at {rate:.3f} $ per €)"
    sym = "€" if currency == "EUR" else "$"
    segments = _kiel_segments(rows, unit, sym)
    frame = pd.DataFrame(segments)
    ids = [s for r in rows for s in r["sources"]] + (list(rate_rec.sources) if currency == "USD" else [])
    scope = "EUR billion as published" if currency == "EUR" else f"US$ billion, converted at {rate:.3f} $ per €"
    return frame, describe(
        frame,
        title=_kiel_finding(content, currency),
        subtitle=f"{scope}. Allocated aid (delivered or earmarked) is stacked by category; committed money "
        "not yet allocated has its own bar, not added in.",
        units="EUR billion, as published by the Kiel Institute"
        if currency == "EUR"
        else f"US$ billion, converted at {rate:.3f} $ per € (rate implied by CNN's conversion)",
        alt_text=_kiel_alt(segments, unit, sym),
        sources=content.sources_for(ids),
    )


def _kiel_segments(rows, unit: str, sym: str) -> list[dict]:
    """The segments in drawing order, each with its bar's row, where it starts, and the labels drawn."""
    columns = ["donor", "data_to", "category", "measure", "amount_eur_bn", "amount", "currency", "record_ids"]
    order = {c: k for k, c in enumerate(KIEL_CATEGORIES)}
    rows = sorted(rows, key=lambda r: (r["data_to"], DONORS.index(r["donor"]), order[r["category"]]))
    segments, bars, row = [], {}, 0  # bars: (update, donor, measure shown) -> its row and where it ends
    for r in rows:
        shown = "committed, not yet allocated" if r["category"] == "committed" else "allocated"
        key = (r["data_to"], r["donor"], shown)
        if key not in bars:
            row += 1 if any(k[0] == r["data_to"] for k in bars) else 2  # a new update: its heading row first
            bars[key] = {"row": row, "end": 0.0}
        bar = bars[key]
        segments.append(
            {c: r[c] for c in columns} | {"measure_shown": shown, "unit": unit, "row": bar["row"], "start": bar["end"]}
        )
        bar["end"] = round(bar["end"] + r["amount"], 4)
    for seg in segments:
        end = bars[(seg["data_to"], seg["donor"], seg["measure_shown"])]["end"]
        word = "allocated" if seg["measure_shown"] == "allocated" else "committed, not allocated"
        seg["bar_label"] = f"{sym}{end:.0f}bn {word}"
        seg["donor_label"] = {"United States": "US"}.get(seg["donor"], seg["donor"])
        seg["update_label"] = f"Data to {day_text(dt.date.fromisoformat(seg['data_to']))}"
    return segments


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


def _kiel_alt(segments, unit: str, sym: str) -> str:
    """Each bar in words: the allocated total with its categories, and committed money said to be apart."""
    parts = [f"Horizontal bar chart of Kiel Institute figures for aid to Ukraine by donor and category, in {unit}."]
    for row in dict.fromkeys(s["row"] for s in segments):
        bar = [s for s in segments if s["row"] == row]
        where = f"{bar[0]['donor']}, data to {day_text(dt.date.fromisoformat(bar[0]['data_to']))}"
        if bar[0]["measure_shown"] == "allocated":
            inner = ", ".join(f"{s['category']} {sym}{s['amount']:.0f}bn" for s in bar)
            parts.append(f"{where}: {bar[0]['bar_label']} ({inner}).")
        else:
            parts.append(
                f"{where}: a further {bar[0]['bar_label']}, shown as a separate bar and not added to the "
                "allocated total."
            )
    return " ".join(parts)


def draw_donors_by_category(ax, frame):
    """Horizontal bars under a heading for each update: allocated aid stacked by category, committed apart.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    frame : pandas.DataFrame
        As :func:`prepare_donors_by_category` returns: one row per segment.
    """
    segments = _records(frame)
    style = {c: {"colour": colour, "hatch": hatch} for c, (colour, hatch, _name) in _CATEGORY_STYLE.items()}
    _bars(ax, [s | style[s["category"]] | {"width": s["amount"], "edge": TEXT_COLOUR} for s in segments], 0.66)
    ends = {}
    for seg in segments:
        ax.text(
            seg["start"] + seg["amount"] / 2,
            seg["row"],
            f"{seg['amount']:.0f}",
            ha="center",
            va="center",
            fontsize=11.5,
            bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.9},
        )
        ends[seg["row"]] = (seg["start"] + seg["amount"], seg)
    for row, (end, seg) in ends.items():
        weight = "bold" if seg["measure_shown"] == "allocated" else "normal"
        ax.text(end, row, f" {seg['bar_label']}", va="center", ha="left", fontweight=weight)
    _kiel_rows(ax, segments)
    _ticks_within(ax, max(end for end, _seg in ends.values()) * 1.65)
    ax.set_xlabel(segments[0]["unit"])
    _category_key(ax)
    ax.tick_params(axis="y", length=0)
    style_axes(ax, grid="x")


def _kiel_rows(ax, segments) -> None:
    """The y-axis: each update's heading (bold) on its own row above its donors' bars; top to bottom."""
    ticks = {}
    for seg in segments:
        if (seg["update_label"], "bold") not in ticks.values():  # the update's first bar: its heading above it
            ticks[seg["row"] - 1] = (seg["update_label"], "bold")
        ticks.setdefault(seg["row"], (seg["donor_label"], "normal"))
    rows = sorted(ticks)
    ax.set_yticks(rows, [ticks[r][0] for r in rows])
    for label, row in zip(ax.get_yticklabels(), rows):
        label.set_fontweight(ticks[row][1])
    ax.set_ylim(rows[-1] + 0.6, 0.4)  # top to bottom


def _category_key(ax) -> None:
    """A key beside the Axes, top right: a swatch and a name for every category, always all four.

    Plain patches and texts placed in inches from the Axes' corner, not
    ``ax.legend``, which works out its boxes again at every drawing (a quarter
    of this chart's redraw). All four always: the layout stays the same
    whatever is ticked.
    """
    from matplotlib.patches import Rectangle
    from matplotlib.transforms import ScaledTranslation

    corner = ax.get_figure().dpi_scale_trans + ScaledTranslation(1, 1, ax.transAxes)  # inches from the top right
    for k, (colour, hatch, name) in enumerate(_CATEGORY_STYLE.values()):
        top = -0.04 - 0.56 * k
        swatch = Rectangle((0.15, top - 0.27), 0.27, 0.27, transform=corner, clip_on=False)
        swatch.set(facecolor=colour, hatch=hatch, edgecolor=TEXT_COLOUR, lw=0.8)
        ax.add_artist(swatch)
        ax.text(0.55, top - 0.135, wrap(name, 14), transform=corner, va="center", fontsize=12)


def donors_by_category(
    content,
    fig=None,
    categories=KIEL_CATEGORIES,
    donors=("United States", "Europe"),
    currency: str = "EUR",
):
    """Bars: aid allocated by donor and category at each Kiel update; committed money as a bar of its own.

    Allocated aid (delivered or earmarked) is stacked by category, with its
    total at the end. Money committed but not yet allocated is a different
    measure: it has a bar of its own, with its own label, and is never added
    into a total.

    Parameters
    ----------
    content : Content
    fig : matplotlib.figure.Figure, optional
        Redraw into this figure (made by this function) instead of making a new one.
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
    prepared = prepare_donors_by_category(content, categories=categories, donors=donors, currency=currency)
    return figure(prepared, draw_donors_by_category, fig=fig, size=(WIDTH, 5.8))


# ----------------------------------------------------------------------------
# Why the numbers differ


def prepare_headline_figures(content, measure: str = "all", unit: str = "nominal"):
    """Every figure for US aid in the news, in ``unit``; and the stakes in the deal talks, kept apart.

    A stake in the deal talks (a demand; past aid a draft would have counted
    as the US stake to be repaid: :data:`explainer.model.aid.DEAL_STAKES`) is
    not a figure for aid: its rows have no ``value`` and are drawn apart.

    Returns
    -------
    frame : pandas.DataFrame
        One row per figure, smallest first, then the stakes: ``id``,
        ``label``, ``who``, ``date``, ``measure``, ``amount_usd_bn``,
        ``value`` (in ``unit``; empty for a stake), ``unit``, ``counts``,
        ``shown_as``, ``highlighted``, ``tick_label`` and ``text`` (the words
        beside the bar, or the stake's description).
    info : ChartInfo
    """
    import pandas as pd

    figs, stakes = aid.aid_figures(content), aid.deal_stakes(content)
    offered = sorted({h.measure for h in figs})
    if measure != "all" and measure not in offered:
        raise ValueError(
            f"unknown measure {measure!r} for a figure of aid; choose 'all' or one of: {', '.join(offered)}"
        )
    if unit not in UNITS:
        aid.convert_usd_bn(content, [], unit)  # raises the model's message
    values, xlabel, ref_ids = aid.convert_usd_bn(content, [h.amount_usd_bn for h in figs], unit)
    rows = _headline_rows(content, figs, stakes, values, xlabel, measure, unit)
    frame = pd.DataFrame(rows)
    what = "US$ billion (nominal)" if unit == "nominal" else xlabel
    subtitle = (
        f"{what}. Each bar is one figure as quoted, labelled with what it counts"
        + (f"; highlighted: {measure}" if measure != "all" else "")
        + "."
    )
    ids = [s for h in figs + stakes for s in h.sources]
    return frame, describe(
        frame,
        title=f"Figures for US aid run from {fmt_value(values[0], unit)} to {fmt_value(values[-1], unit)} "
        "because they count different things",
        subtitle=subtitle,
        units=xlabel,
        alt_text=_headline_alt(rows, measure, unit),
        sources=list(content.sources_for(ids)) + aid.reference_sources(content, ref_ids),
    )


def _headline_rows(content, figs, stakes, values, xlabel: str, measure: str, unit: str) -> list[dict]:
    """The figures with their values in ``unit`` and bar labels, then the stakes with their descriptions."""
    rows = []
    for h, value in [*zip(figs, values), *((h, None) for h in stakes)]:
        stake = value is None
        said = content.get("aid_measures", h.measure).label.lower()
        rows.append(
            {
                "id": h.id,
                "label": h.label,
                "who": h.who,
                "date": h.date,
                "measure": h.measure,
                "amount_usd_bn": h.amount_usd_bn,
                "value": None if stake else round(value, 4),
                "unit": "US$ billion (a stake in the deal talks, not aid: not on the scale)" if stake else xlabel,
                "counts": h.counts,
                "shown_as": "kept apart: a stake in the deal talks" if stake else "a figure for US aid",
                "highlighted": not stake and measure in ("all", h.measure),
                "tick_label": f"{h.label}\n{day_text(h.date)}",
                "text": f"{fmt_value(h.amount_usd_bn, 'nominal')} {said}. {h.counts}"
                if stake
                else f" {fmt_value(value, unit)} {h.measure}",
            }
        )
    return rows


def _headline_alt(rows, measure: str, unit: str) -> str:
    """The figures in words, what is highlighted, and the stakes kept apart."""
    figs = [r for r in rows if r["value"] is not None]
    chosen = [f"{r['label']} {fmt_value(r['value'], unit)} ({r['measure']})" for r in figs if r["highlighted"]]
    apart = [
        f"Kept apart below the bars, not a figure for aid: {r['label']}, {r['text']}"
        for r in rows
        if r["value"] is None
    ]
    return (
        f"Horizontal bar chart of {len(figs)} figures quoted for US aid to Ukraine, in {figs[0]['unit']}, from "
        f"{fmt_value(figs[0]['value'], unit)} to {fmt_value(figs[-1]['value'], unit)}, each labelled with what "
        "it counts. "
        + ("" if measure == "all" else f"Highlighted: figures that count what was {measure}. ")
        + "; ".join(chosen)
        + ". "
        + " ".join(apart)
    )


def draw_headline_figures(ax, frame):
    """Horizontal bars, largest on top, coloured and hatched by measure; the stakes in a band below, off the scale.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    frame : pandas.DataFrame
        As :func:`prepare_headline_figures` returns: rows with a ``value`` are
        bars; rows without one are stakes in the deal talks, kept apart.
    """
    from matplotlib.colors import to_rgba
    from pandas import isna

    records = _records(frame)
    figs = [r for r in records if not isna(r["value"])]
    stakes = [r for r in records if isna(r["value"])]
    emphasis = not all(r["highlighted"] for r in figs)
    for row, r in zip(range(len(figs) - 1, -1, -1), figs):
        on = r["highlighted"]
        r |= {"row": row, "start": 0.0, "width": r["value"], "hatch": _MEASURE_HATCHES.get(r["measure"], "")}
        r |= {"colour": to_rgba(_MEASURE_COLOURS.get(r["measure"], "#999999"), 1.0 if on else 0.2)}
        r["edge"] = TEXT_COLOUR if on else "#aaaaaa"
        weight = "bold" if on and emphasis else "normal"
        colour = TEXT_COLOUR if on else MUTED_COLOUR
        ax.text(r["value"], row, r["text"], va="center", ha="left", color=colour, fontweight=weight)
    _bars(ax, figs, 0.7)
    apart_rows, bottom = _kept_apart(ax, stakes, len(figs))
    ticks = [r["row"] for r in figs] + apart_rows
    ax.set_yticks(ticks, [r["tick_label"] for r in figs + stakes], fontsize=11.5)
    ax.set_ylim(bottom, -0.6)  # largest on top, the band at the bottom
    _ticks_within(ax, max(r["value"] for r in figs) * 1.38)
    # The scale on top, over the bars it measures; nothing under the band reads as on it.
    ax.xaxis.set_ticks_position("top")
    ax.xaxis.set_label_position("top")
    ax.set_xlabel(figs[0]["unit"])
    style_axes(ax, grid="x", hide=("bottom",))
    ax.spines["top"].set_visible(True)


def _kept_apart(ax, stakes, first: int) -> tuple[list[float], float]:
    """The stakes in the deal talks, under a dashed line in a shaded band with a heading: no bar, no scale.

    Returns the stakes' rows and the bottom of the band.
    """
    from matplotlib.lines import Line2D
    from matplotlib.patches import Rectangle

    if not stakes:
        return [], first - 0.4
    across = ax.get_yaxis_transform()  # x across the Axes, y in rows
    pitch = 1.45
    rows = [first + 0.95 + pitch * k for k in range(len(stakes))]
    bottom = rows[-1] + pitch / 2 + 0.1
    # A band and a line across the Axes, added as plain artists (the chart sets its own limits).
    ax.add_artist(Rectangle((0, first - 0.3), 1, bottom - first + 0.3, transform=across, color=_APART_SHADE, zorder=1))
    ax.add_artist(Line2D([0, 1], [first - 0.3] * 2, transform=across, color="#777777", ls="--", lw=1, zorder=1.5))
    ax.text(
        0.012,
        first + 0.12,
        "Not figures for US aid: amounts in the deal talks",
        transform=across,
        va="center",
        fontweight="bold",
    )
    for row, stake in zip(rows, stakes):
        ax.text(0.012, row, wrap(stake["text"], 64), transform=across, va="center", fontsize=11.5, linespacing=1.15)
    return rows, bottom


def headline_figures(content, fig=None, measure: str = "all", unit: str = "nominal"):
    """Horizontal bars: every figure for US aid in the news, labelled by what it counts.

    Stakes in the deal talks (Trump's $500bn demand in minerals; the past aid
    the March draft would have counted as the US stake to be repaid) are not
    figures for aid: they are kept apart, in a labelled band under the bars,
    off the scale.

    Parameters
    ----------
    content : Content
    fig : matplotlib.figure.Figure, optional
        Redraw into this figure (made by this function) instead of making a new one.
    measure : str
        ``"all"``, or the measure of some figures for aid (``received``,
        ``appropriated``...) to highlight; the other bars are drawn faded.
    unit : {"nominal", "share of federal outlays", "per US resident"}

    Returns
    -------
    matplotlib.figure.Figure
    """
    prepared = prepare_headline_figures(content, measure=measure, unit=unit)
    return figure(prepared, draw_headline_figures, fig=fig, size=(WIDTH, 7.8))
