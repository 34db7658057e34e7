"""The diplomatic timeline as a chart (notebook 04)."""

from __future__ import annotations

import datetime as dt
import textwrap

from ..model import timeline as tl
from ..model.fields import day_text
from .base import PALETTE, TEXT_COLOUR, finish, new_figure, source_note, style_axes

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


def lane(event) -> str:
    """The lane an event is drawn in, from its tags."""
    for tag, name in LANES:
        if tag in event.tags:
            return name
    return "Other"


def events_timeline(content, fig=None, dates=None, actor="all", country="all", selected=None):
    """Events of January-May 2025 on a time axis, in lanes, over the named phases.

    Cancelled press events are drawn as a large cross and labelled. The
    selected event is ringed and its title written beside it.

    Parameters
    ----------
    content : Content
    fig : matplotlib.figure.Figure, optional
        Redraw into this figure instead of making a new one.
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

    first, last = dates or tl.full_range(content)
    events = tl.filter_events(content, (first, last), actor, country)
    sources = _sources(content, events)
    note_lines = len(source_note(sources)) // 150 + 1
    fig = new_figure(fig, size=(10.0, 5.0 + 0.14 * note_lines))
    ax = fig.add_subplot()
    pad = dt.timedelta(days=max(1, (last - first).days // 40))
    x0, x1 = first - pad, last + pad
    phases = tl.phases_in_order(content)
    shown = [p for p in phases if p.end >= first and p.start <= last]
    n_lanes = len(LANE_ORDER)
    for i, p in enumerate(shown):
        start = max(p.start, first) - dt.timedelta(hours=12)
        end = min(p.end, last) + dt.timedelta(hours=12)
        ax.axvspan(start, end, color="#f3f3f3" if i % 2 else "#e4e4e4", zorder=0, lw=0)
        mid = start + (end - start) / 2
        ax.text(
            mid,
            -0.95 + 0.3 * (i % 2),
            f"{phases.index(p) + 1}. {p.name}",
            ha="center",
            va="center",
            fontsize=8,
            color="#333333",
            clip_on=True,
        )
    rows = []
    n_crosses = 0
    for e in events:
        y = LANE_ORDER.index(lane(e))
        colour = LANE_COLOURS[lane(e)]
        if e.end_date:
            ax.plot([e.date, e.end_date], [y, y], color=colour, lw=4, alpha=0.6, solid_capstyle="round")
        if e.cancelled:
            ax.plot([e.date], [y], marker="X", markersize=15, color=PALETTE[5], markeredgecolor=TEXT_COLOUR, zorder=4)
            below = n_crosses % 2  # alternate above and below so neighbours do not overlap
            ax.annotate(
                "cancelled",
                (e.date, y),
                xytext=(0, -11 if below else 9),
                textcoords="offset points",
                ha="center",
                va="top" if below else "bottom",
                fontsize=7.5,
                color=TEXT_COLOUR,  # vermillion text on the grey phase bands fails WCAG AA (about 3:1)
                fontweight="bold",
            )
            n_crosses += 1
        else:
            ax.plot([e.date], [y], marker="o", markersize=7, color=colour, markeredgecolor=TEXT_COLOUR, zorder=3)
        rows.append(
            {
                "event": e.id,
                "date": e.date,
                "end_date": e.end_date,
                "lane": lane(e),
                "title": e.title,
                "cancelled_press_event": e.cancelled,
            }
        )
    chosen = next((e for e in events if e.id == selected), None)
    if chosen is not None:
        y = LANE_ORDER.index(lane(chosen))
        ax.plot(
            [chosen.date],
            [y],
            marker="o",
            markersize=20,
            markerfacecolor="none",
            markeredgecolor=TEXT_COLOUR,
            markeredgewidth=2,
            zorder=5,
        )
        right = chosen.date > first + (last - first) * 0.6
        ax.annotate(
            "\n".join(textwrap.wrap(f"{day_text(chosen.date, year=False)}: {chosen.title}", 38)),
            (chosen.date, y),
            xytext=(-14 if right else 14, 16),
            textcoords="offset points",
            ha="right" if right else "left",
            va="bottom",
            fontsize=8.5,
            zorder=6,
            bbox={"boxstyle": "round", "fc": "white", "ec": TEXT_COLOUR, "lw": 0.8},
        )
    if not events:
        ax.text(
            x0 + (x1 - x0) / 2,
            n_lanes / 2 - 0.5,
            "No events match these filters.",
            ha="center",
            va="center",
            fontsize=11,
            color="#555555",
        )
    ax.set_xlim(x0, x1)
    ax.set_ylim(n_lanes - 0.4, -1.25)
    from matplotlib.lines import Line2D

    ax.legend(
        handles=[
            Line2D([], [], marker="o", ls="", color="#888888", markeredgecolor=TEXT_COLOUR, label="event"),
            Line2D(
                [],
                [],
                marker="X",
                ls="",
                markersize=11,
                color=PALETTE[5],
                markeredgecolor=TEXT_COLOUR,
                label="press event cancelled",
            ),
            Line2D([], [], color="#888888", lw=4, alpha=0.6, label="event lasting several days"),
        ],
        loc="upper center",
        bbox_to_anchor=(0.5, -0.12),
        ncol=3,
        fontsize=8,
        frameon=False,
    )
    ax.set_yticks(range(n_lanes), LANE_ORDER, fontsize=9)
    locator = mdates.AutoDateLocator(minticks=4, maxticks=10)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    style_axes(ax, hide=("top", "right", "left"))
    ax.tick_params(axis="y", length=0)
    ax.grid(axis="y", color="#cccccc", lw=0.5)
    n_cancelled = sum(e.cancelled for e in events)
    filters = []
    if actor not in (None, "all"):
        filters.append(f"involving {content.get('actors', actor).name}")
    if country not in (None, "all"):
        filters.append(f"involving {country}")
    alt = (
        f"Timeline of {len(events)} events from {day_text(first, 'long')} to {day_text(last, 'long')}"
        + (f" ({', '.join(filters)})" if filters else "")
        + f", drawn over {len(shown)} phases ({', '.join(p.name for p in shown)}). "
        + f"{n_cancelled} cancelled press event{'s' if n_cancelled != 1 else ''} marked with a cross."
        + (f" Selected: {day_text(chosen.date, 'long', year=False)}, {chosen.title}." if chosen else "")
    )
    return finish(
        fig,
        title="The minerals deal, January to May 2025",
        units="one mark per event",
        alt_text=alt,
        sources=sources,
        data=pd.DataFrame(rows, columns=["event", "date", "end_date", "lane", "title", "cancelled_press_event"]),
    )


def _sources(content, events):
    """The first source of each event (all of them would swamp the chart's note)."""
    ids = [e.sources[0] for e in events]
    return content.sources_for(ids) if ids else content.sources_for(e.sources[0] for e in content.events[:1])
