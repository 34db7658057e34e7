"""The diplomatic timeline as a chart (notebook 04).

The chart draws every event once, one light artist per lane, and a widget
that changes the dates, the filters or the event picked updates those
artists in place.
"""

from __future__ import annotations

import datetime as dt
import textwrap

from ..model import timeline as tl
from ..model.fields import day_text
from .base import MUTED_COLOUR, PALETTE, TEXT_COLOUR, WIDTH
from .legacy import chart, finish, new_figure, recall, remember

# Each event sits in one lane, chosen by the first of its tags found here.
LANES = (
    ("europe", "Europe reacts"),
    ("press-event-cancelled", "Meetings"),
    ("deal-text", "Deal texts and ratification"),
    ("ratification", "Deal texts and ratification"),
    ("meeting", "Meetings"),
    ("aid", "Aid"),
    ("statement", "Statements"),
)
LANE_ORDER = ("Deal texts and ratification", "Meetings", "Statements", "Aid", "Europe reacts", "Other")
LANE_COLOURS = dict(zip(LANE_ORDER, (PALETTE[0], PALETTE[2], PALETTE[3], PALETTE[1], PALETTE[4], "#777777")))
_LANE_NAMES = {
    "Deal texts and ratification": "Deal texts,\nratification",
    "Europe reacts": "Europe\nreacts",
}

#: The events labelled on the chart itself, with their short labels: an editorial
#: choice of the turning points. A phase with none of them gets its first event
#: labelled instead, so phases added later are labelled too.
KEY_EVENTS = {
    "trump-fox-500bn": "Trump's demand on Fox News",
    "bessent-kyiv-first-draft": "First US draft in Kyiv",
    "riyadh-talks": "US-Russia talks, Riyadh",
    "framework-text-agreed": "Framework text agreed",
    "oval-office-clash": "Oval Office clash",
    "us-pauses-military-aid": "US pauses military aid",
    "jeddah-talks": "Jeddah talks",
    "march-us-draft": "Broader US draft",
    "agreement-signed": "Agreement signed",
    "rada-ratifies": "Rada ratifies",
}


def lane(event) -> str:
    """The lane an event is drawn in, from its tags."""
    for tag, name in LANES:
        if tag in event.tags:
            return name
    return "Other"


def key_events(content) -> dict[str, str]:
    """``{event id: short label}`` of the events labelled on the chart (see :data:`KEY_EVENTS`)."""
    events = tl.events_in_order(content)
    known = {e.id for e in events}
    chosen = {i: label for i, label in KEY_EVENTS.items() if i in known}
    labelled_phases = {e.phase for e in events if e.id in chosen}
    for e in events:
        if e.phase not in labelled_phases and not e.cancelled:
            chosen[e.id] = textwrap.shorten(e.title, 30, placeholder="…")
            labelled_phases.add(e.phase)
    return chosen


def range_text(first: dt.date, last: dt.date) -> str:
    """A range of days in words: "January to May 2025", "18 to 28 February 2025", "May 2025 to March 2026"."""
    if first.year != last.year:
        return f"{first:%B %Y} to {last:%B %Y}"
    if first.month != last.month:
        whole = first.day == 1 and (last + dt.timedelta(days=1)).month != last.month
        if whole or (last - first).days > 45:
            return f"{first:%B} to {last:%B %Y}"
        return f"{day_text(first, 'long', year=False)} to {day_text(last, 'long')}"
    if first == last:
        return day_text(first, "long")
    return f"{first.day} to {day_text(last, 'long')}"


def _ticks(ax, first: dt.date, last: dt.date) -> None:
    """Readable date ticks for the range: months for a long range, weeks or days for a short one.

    The ticks are worked out here once per range and fixed (no locator runs on
    each redraw); the year is written on the first tick and on each January.
    """
    import matplotlib.dates as mdates
    from matplotlib.ticker import FixedFormatter, FixedLocator

    days = (last - first).days
    if days > 75:
        step = max(1, round(days / 30 / 7))
        month = dt.date(first.year, first.month, 1)
        ticks = []
        while month <= last:
            if month >= first - dt.timedelta(days=3):
                ticks.append(month)
            for _ in range(step):
                month = dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)
        labels = [f"{d:%b %Y}" if k == 0 or d.month == 1 else f"{d:%b}" for k, d in enumerate(ticks)]
    else:
        every = 1 if days <= 8 else 2 if days <= 16 else 7
        ticks = [first + dt.timedelta(days=k) for k in range(0, days + 1, every)]
        labels = [f"{d.day} {d:%b}" for d in ticks]
    ax.xaxis.set_major_locator(FixedLocator(mdates.date2num(ticks)))
    ax.xaxis.set_major_formatter(FixedFormatter(labels))


@chart
def events_timeline(content, fig=None, dates=None, actor="all", country="all", selected=None):
    """Events on a time axis, in lanes, over the named phases, the turning points labelled.

    Cancelled press events are drawn as a hollow cross, so a mark on the
    same day shows through. Events of the same lane on the same day are set
    side by side. About ten key events (:func:`key_events`) carry a label.
    The selected event is ringed and its title written beside it.

    Parameters
    ----------
    content : Content
    fig : matplotlib.figure.Figure, optional
        Redraw into this figure (in place, when this chart drew it).
    dates : tuple of datetime.date, optional
        First and last day to show; defaults to the whole timeline.
    actor, country : str
        Show only events involving this actor id / country (``"all"``: every one).
    selected : str, optional
        Id of the event to highlight.

    Returns
    -------
    matplotlib.figure.Figure
    """
    import matplotlib.dates as mdates
    import pandas as pd
    from matplotlib.collections import LineCollection

    everything = tl.events_in_order(content)
    first, last = dates or tl.full_range(content)
    events = tl.filter_events(content, (first, last), actor, country)
    phases = tl.phases_in_order(content)
    keys = key_events(content)
    # Same lane, same day: side by side (up and down), so no mark hides another.
    slot: dict[str, float] = {}
    seen: dict[tuple, list] = {}
    for e in everything:
        seen.setdefault((lane(e), e.date), []).append(e.id)
    for group in seen.values():
        for k, i in enumerate(group):
            slot[i] = (k - (len(group) - 1) / 2) * 0.28
    y_of = {e.id: LANE_ORDER.index(lane(e)) + slot[e.id] for e in everything}

    h = recall(fig, "events_timeline", (tuple(e.id for e in everything), tuple(p.id for p in phases)))
    if h is None:
        fig = new_figure(fig, size=(WIDTH, 6.4))
        ax = fig.add_subplot()
        bands, band_labels = [], []
        for i, p in enumerate(phases):
            bands.append(
                ax.axvspan(
                    p.start - dt.timedelta(hours=12),
                    p.end + dt.timedelta(hours=12),
                    color="#f3f3f3" if i % 2 else "#e6e6e6",
                    zorder=0,
                    lw=0,
                )
            )
            band_labels.append(
                ax.text(
                    p.start,
                    -0.9,
                    f"{i + 1}. {p.name}",
                    ha="center",
                    va="center",
                    fontsize=11.5,
                    color="#333333",
                    clip_on=True,
                )
            )
        spans = LineCollection(
            [], colors=[LANE_COLOURS[LANE_ORDER[0]]], linewidths=5, alpha=0.6, capstyle="round", zorder=2
        )
        ax.add_collection(spans)
        dots = {
            name: ax.plot([], [], "o", ls="", ms=7, color=LANE_COLOURS[name], markeredgecolor=TEXT_COLOUR, zorder=3)[0]
            for name in LANE_ORDER
        }
        (crosses,) = ax.plot(
            [],
            [],
            "X",
            color=PALETTE[5],
            ls="",
            ms=14,
            markerfacecolor="none",
            markeredgecolor=PALETTE[5],
            markeredgewidth=2.2,
            zorder=4,
        )
        labels = {}
        for e in everything:
            if e.id in keys:
                labels[e.id] = ax.annotate(
                    keys[e.id],
                    (e.date, y_of[e.id]),
                    xytext=(0, 0),
                    textcoords="offset points",
                    fontsize=11.5,
                    zorder=5,
                    arrowprops={"arrowstyle": "-", "color": "#777777", "lw": 0.7},
                    bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.85},
                )
        (ring,) = ax.plot(
            [],
            [],
            "o",
            color=TEXT_COLOUR,
            ms=20,
            markerfacecolor="none",
            markeredgecolor=TEXT_COLOUR,
            markeredgewidth=2,
            zorder=6,
        )
        callout = ax.annotate(
            "",
            (first, 0),
            xytext=(14, 16),
            textcoords="offset points",
            fontsize=11.5,
            zorder=7,
            va="bottom",
            bbox={"boxstyle": "round", "fc": "white", "ec": TEXT_COLOUR, "lw": 0.8},
        )
        empty = ax.text(
            0.5,
            0.5,
            "No events match these filters.",
            transform=ax.transAxes,
            ha="center",
            va="center",
            fontsize=13,
            color=MUTED_COLOUR,
        )
        ax.set_yticks(range(len(LANE_ORDER)), [_LANE_NAMES.get(n, n) for n in LANE_ORDER])
        ax.set_ylim(len(LANE_ORDER) - 0.45, -1.3)
        ax.spines[["left"]].set_visible(False)
        ax.tick_params(axis="y", length=0)
        ax.grid(axis="y", color="#cccccc", lw=0.5)
        ax.set_xlabel("Date (2025 and later); ✕ = a planned press event that was cancelled")
        for artist in [*labels.values(), callout, empty, *band_labels]:
            artist.set_in_layout(False)  # placed after the layout, inside the axes
        h = remember(
            fig,
            "events_timeline",
            (tuple(e.id for e in everything), tuple(p.id for p in phases)),
            ax=ax,
            band_labels=band_labels,
            spans=spans,
            dots=dots,
            crosses=crosses,
            labels=labels,
            ring=ring,
            callout=callout,
            empty=empty,
        )
    ax = h["ax"]
    pad = dt.timedelta(days=max(1, (last - first).days // 40))
    x0, x1 = first - pad, last + pad
    ax.set_xlim(x0, x1)
    _ticks(ax, first, last)
    for p, text in zip(phases, h["band_labels"]):
        inside = p.end >= first and p.start <= last
        start, end = max(p.start, first), min(p.end, last)
        text.set_x(start + (end - start) / 2)
        text.set_visible(inside)
    shown = {e.id for e in events}
    for name, line in h["dots"].items():
        marks = [e for e in events if lane(e) == name and not e.cancelled]
        line.set_data([e.date for e in marks], [y_of[e.id] for e in marks])
    cancelled = [e for e in events if e.cancelled]
    h["crosses"].set_data([e.date for e in cancelled], [y_of[e.id] for e in cancelled])
    h["spans"].set_segments(
        [
            [(mdates.date2num(e.date), y_of[e.id]), (mdates.date2num(e.end_date), y_of[e.id])]
            for e in events
            if e.end_date
        ]
    )
    h["spans"].set_color([LANE_COLOURS[lane(e)] for e in events if e.end_date])
    visible_keys = [e for e in everything if e.id in h["labels"] and e.id in shown and e.id != selected]
    chosen = next((e for e in events if e.id == selected), None)
    h["ring"].set_visible(chosen is not None)
    h["callout"].set_visible(chosen is not None)
    if chosen is not None:
        h["ring"].set_data([chosen.date], [y_of[chosen.id]])
        h["callout"].xy = (chosen.date, y_of[chosen.id])
        h["callout"].set_text("\n".join(textwrap.wrap(f"{day_text(chosen.date, year=False)}: {chosen.title}", 34)))
    h["empty"].set_visible(not events)
    rows = [
        {
            "event": e.id,
            "date": e.date,
            "end_date": e.end_date,
            "lane": lane(e),
            "title": e.title,
            "cancelled_press_event": e.cancelled,
            "labelled_as": keys.get(e.id, ""),
        }
        for e in events
    ]
    n_cancelled = sum(e.cancelled for e in events)
    in_view = [p for p in phases if p.end >= first and p.start <= last]
    filters = []
    if actor not in (None, "all"):
        filters.append(f"involving {content.get('actors', actor).name}")
    if country not in (None, "all"):
        filters.append(f"involving {country}")
    alt = (
        f"Timeline of {len(events)} events from {day_text(first, 'long')} to {day_text(last, 'long')}"
        + (f" ({', '.join(filters)})" if filters else "")
        + f", drawn over {len(in_view)} phases ({', '.join(p.name for p in in_view)}). "
        + f"{n_cancelled} cancelled press event{'s' if n_cancelled != 1 else ''} marked with a cross. "
        + (
            "Labelled on the chart: "
            + "; ".join(f"{day_text(e.date, year=False)}, {keys[e.id]}" for e in visible_keys)
            + "."
            if visible_keys
            else ""
        )
        + (f" Selected: {day_text(chosen.date, 'long', year=False)}, {chosen.title}." if chosen else "")
    )
    span = range_text(first, last)
    if events:
        counts = {p.id: sum(e.phase == p.id for e in events) for p in in_view}
        busiest = max(in_view, key=lambda p: counts[p.id]) if in_view else None
        title = f"{len(events)} events, {span}" + (
            f": {counts[busiest.id]} of them in the {busiest.name} phase" if busiest and len(in_view) > 1 else ""
        )
    else:
        title = f"No events match, {span}"
    subtitle = (
        "One mark per event, in lanes by kind, over the phases of the story"
        + (f"; only events {' and '.join(filters)}" if filters else "")
        + "."
    )
    fig = finish(
        fig,
        ax,
        title=title,
        subtitle=subtitle,
        units="one mark per event",
        alt_text=alt,
        sources=_sources(content, events),
        data=pd.DataFrame(
            rows, columns=["event", "date", "end_date", "lane", "title", "cancelled_press_event", "labelled_as"]
        ),
    )
    _place_labels(fig, h, visible_keys, phases, first, last)
    return fig


def _place_labels(fig, h, keys, phases, first, last) -> None:
    """Put each key event's label where it overlaps no other label, and name the phases that have room.

    Runs after the layout, on the positions the figure is drawn with.
    """
    import matplotlib.dates as mdates

    ax = h["ax"]
    span_days = max((last - first).days, 1)
    visible_keys = keys
    from matplotlib.text import Text

    renderer = _renderer(fig)
    taken = []  # boxes (display coordinates) of the labels placed so far
    from matplotlib.transforms import Bbox

    r = 6 * fig.dpi / 72  # a mark's half-width, in pixels: labels keep off the marks too
    for line in [*h["dots"].values(), h["crosses"]]:
        xs, ys = line.get_data()
        for x, y in ax.transData.transform(list(zip(mdates.date2num(list(xs)), ys))) if len(xs) else []:
            taken.append(Bbox([[x - r, y - r], [x + r, y + r]]))
    callout = h["callout"]
    if callout.get_visible():  # the picked event's title: beside its ring, clear of the marks
        right = mdates.date2num(callout.xy[0]) > mdates.date2num(first + (last - first) * 0.6)
        for dx, dy in [(16, 14), (16, -16), *_CANDIDATES[6:]]:
            callout.set_position((-dx if right else dx, dy))
            callout.set_ha("right" if right else "left")
            callout.set_va("bottom" if dy > 0 else "top")
            extent = Text.get_window_extent(callout, renderer).padded(4)
            if not any(extent.overlaps(t) for t in taken):
                break
        taken.append(extent)
    # Phase names first: the full name where it fits in its band, else its number.
    for i, (p, text) in enumerate(zip(phases, h["band_labels"])):
        if not text.get_visible():
            continue
        text.set_text(f"{i + 1}. {p.name}")
        start, end = max(p.start, first), min(p.end, last)
        width = (
            ax.transData.transform((mdates.date2num(end), 0))[0]
            - ax.transData.transform((mdates.date2num(start), 0))[0]
        )
        if text.get_window_extent(renderer).width > width + 6:
            text.set_text(f"{i + 1}")
        taken.append(text.get_window_extent(renderer))
    for label in h["labels"].values():
        label.set_visible(False)
    box = ax.get_window_extent(renderer)
    for e in visible_keys:
        label = h["labels"][e.id]
        label.set_visible(True)
        right = (e.date - first).days / span_days > 0.6
        for dx, dy in _CANDIDATES:
            label.set_position((-dx if right else dx, dy))
            label.set_ha("right" if right else "left")
            label.set_va("bottom" if dy > 0 else "top")
            extent = Text.get_window_extent(label, renderer).padded(2)  # the words, not the leader line
            inside = box.x0 <= extent.x0 and extent.x1 <= box.x1 and box.y0 <= extent.y0 and extent.y1 <= box.y1
            if inside and not any(extent.overlaps(t) for t in taken):
                break
        else:
            label.set_visible(False)  # no room: the event is still a mark, and in the alt text
            continue
        taken.append(extent)


# Where a key event's label may go, in points from its mark: above, below, then further out.
_CANDIDATES = [(dx, dy) for dy in (14, -16, 30, -32, 46, -48, 62, -64) for dx in (8, 36, 70)]


def _renderer(fig):
    """A renderer to measure the labels with (kept with the figure: made once)."""
    from matplotlib.backends.backend_agg import RendererAgg

    state = fig.explainer_state
    w, h = fig.bbox.size
    if state.get("renderer") is None or state["renderer"].width != int(w):
        state["renderer"] = RendererAgg(int(w), int(h), fig.dpi)
    return state["renderer"]


def _sources(content, events):
    """The first source of each event (all of them would swamp the chart's note)."""
    ids = [e.sources[0] for e in events]
    return content.sources_for(ids) if ids else content.sources_for(e.sources[0] for e in content.events[:1])
