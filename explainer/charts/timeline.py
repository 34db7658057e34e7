"""The diplomatic timeline as a chart (notebooks 04 and 07).

:func:`prepare_events_timeline` picks the events and the phases shown, names
what the chart finds and writes every label; :func:`draw_events_timeline`
draws them onto one Axes and places the labels where they cover no other
label, no mark and no other label's leader line.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from functools import lru_cache

from ..model import timeline
from ..model.fields import day_text
from .base import NOTE_COLOUR, PALETTE, TEXT_COLOUR, WIDTH, balanced, describe, figure

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
LANE_NAMES = {"Deal texts and ratification": "Deal texts,\nratification", "Europe reacts": "Europe\nreacts"}

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
    "svyrydenko-washington-fund-steps": "Fund's next steps agreed",
    "fund-board-first-meeting": "Fund board meets",
    "dobra-winner-selected": "Dobra lithium award",
}

#: The size of the chart, and about how wide its plotting area is, in points: a
#: phase is named on its band when its name fits there, else numbered and named in the subtitle.
SIZE = (WIDTH, 6.4)
PLOT_POINTS = 520
LABEL_POINTS = 11.5
#: The rows of the phase names, above the lanes, and the top of the Axes with one row or two (data units; lanes
#: are 0 to 5).
PHASE_ROWS = (-0.85, -1.4)
TOPS = (-1.3, -1.85)
#: Where a key event's label may go, in points from its mark: close above or below first, then further out.
CANDIDATES = tuple((dx, dy) for dy in (12, -14, 28, -30, 44, -46, 60, -62, 76, -78) for dx in (6, 30, 60, 90))
#: Where the selected event's callout may go: clear of its ring, up or down in steps of 10 points.
CALLOUT_OFFSETS = tuple(
    (dx, dy) for dy in (14, -16, 24, -26, 34, -36, 44, -46, 54, -56, 64, -66) for dx in (16, 40, 70)
)
CALLOUT_WIDTH = 40
XLABEL = "Date (2025 and later); ✕ = a planned press event that was cancelled"
#: How far under the Axes the date axis' label hangs, in points: ticks, one line of dates and a gap.
XLABEL_BELOW = 23
LEADER_COLOUR = "#777777"


def lane(event) -> str:
    """The lane an event is drawn in, from its tags."""
    for tag, name in LANES:
        if tag in event.tags:
            return name
    return "Other"


def key_events(content) -> dict[str, str]:
    """``{event id: short label}`` of the events labelled on the chart (see :data:`KEY_EVENTS`)."""
    events = timeline.events_in_order(content)
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


def padding(first: dt.date, last: dt.date) -> dt.timedelta:
    """The margin left and right of the days shown, so marks on the first and last day are whole."""
    return dt.timedelta(days=max(1, (last - first).days // 40))


# ----------------------------------------------------------------------------
# Prepare: the events and phases shown, the finding, every label


COLUMNS = ["kind", "id", "date", "end_date", "phase", "lane", "title", "cancelled_press_event", "selected", "label"]


def phase_rows(phases, first: dt.date, last: dt.date) -> list[dict]:
    """One row per phase inside ``first`` to ``last``: its days shown, and its name or number as label.

    A phase whose name (about :data:`LABEL_POINTS` points a character) fits
    its band is labelled "2. Rupture"; a narrower one "2" (and the subtitle names it).
    """
    pad = padding(first, last)
    per_day = PLOT_POINTS / ((last - first + 2 * pad).days + 1)
    rows = []
    for number, p in enumerate(phases, start=1):
        if p.end < first or p.start > last:
            continue
        start, end = max(p.start, first), min(p.end, last)
        label = f"{number}. {p.name}"
        if len(label) * 0.55 * LABEL_POINTS > ((end - start).days + 1) * per_day - 6:
            label = str(number)
        rows.append({"kind": "phase", "id": p.id, "date": start, "end_date": end, "phase": p.name, "lane": ""})
        rows[-1].update(title=p.name, cancelled_press_event=False, selected=False, label=label)
    return rows


def event_rows(content, events, selected: str | None) -> list[dict]:
    """One row per event: lane, title, and its label (a key event's short label, or the selected one's callout)."""
    keys = key_events(content)
    phases = {p.id: p.name for p in content.phases}
    rows = []
    for e in events:
        chosen = e.id == selected
        label = f"{day_text(e.date, year=False)}: {e.title}" if chosen else keys.get(e.id, "")
        rows.append({"kind": "event", "id": e.id, "date": e.date, "end_date": e.end_date, "phase": phases[e.phase]})
        rows[-1].update(lane=lane(e), title=e.title, cancelled_press_event=e.cancelled, selected=chosen, label=label)
    return rows


def finding(events, phases, first: dt.date, last: dt.date) -> str:
    """The title: in which phase the events shown come thickest (events per day of the phase shown).

    "Cluster" when that phase has at least twice the events per day of the
    whole range shown. Only a phase with two events or more can be the
    thickest; when no phase has two, the title says how the events spread.
    """
    span = range_text(first, last)
    if not events:
        return f"No events match these filters, {span}"
    n = len(events)
    days = {p["id"]: (p["end_date"] - p["date"]).days + 1 for p in phases}
    counts = {p["id"]: sum(e.phase == p["id"] for e in events) for p in phases}
    held = [p for p in phases if counts[p["id"]]]
    if len(held) == 1:
        which = (
            "Both events shown fall"
            if n == 2
            else f"All {n} events shown fall"
            if n > 2
            else "The one event shown falls"
        )
        return f"{which} in the {held[0]['phase']} phase, {span}"
    several = [p for p in held if counts[p["id"]] > 1]
    if not several:
        return f"The {n} events shown fall in {len(held)} different phases, one in each, {span}"
    top = max(several, key=lambda p: counts[p["id"]] / days[p["id"]])
    k, d = counts[top["id"]], days[top["id"]]
    where = range_text(top["date"], top["end_date"])
    if k / d >= 2 * n / ((last - first).days + 1):
        return f"Events cluster in the {top['phase']} phase: {k} of the {n} shown fall in its {d} days, {where}"
    return f"Events come fastest in the {top['phase']} phase: {k} of the {n} shown in its {d} days, {where}"


def subtitle_text(phases, filters: list[str]) -> str:
    """What one mark is, the filters, and the names of the phases numbered on the chart."""
    text = "One mark per event, in lanes by kind, over the phases of the story"
    text += f"; only events {' and '.join(filters)}." if filters else "."
    numbered = [f"{p['label']} {p['phase']}" for p in phases if p["label"].isdigit()]
    return text + (f" Phases by number: {', '.join(numbered)}." if numbered else "")


def alt_text(phases, events, filters: list[str], first: dt.date, last: dt.date) -> str:
    """The chart in words: how many events, over which phases, the key events and the one picked (rows as dicts)."""
    n_cancelled = sum(e["cancelled_press_event"] for e in events)
    text = f"Timeline of {len(events)} events from {day_text(first, 'long')} to {day_text(last, 'long')}"
    text += f" ({', '.join(filters)})" if filters else ""
    text += f", drawn over {len(phases)} phases ({', '.join(p['phase'] for p in phases)}). "
    text += f"{n_cancelled} cancelled press event{'s' if n_cancelled != 1 else ''} marked with a cross."
    keys = [f"{day_text(e['date'], year=False)}, {e['label']}" for e in events if e["label"] and not e["selected"]]
    text += f" Key events: {'; '.join(keys)}." if keys else ""
    for e in (e for e in events if e["selected"]):
        text += f" Selected: {day_text(e['date'], 'long', year=False)}, {e['title']}."
    return text


def prepare_events_timeline(content, dates=None, actor=timeline.ALL, country=timeline.ALL, selected=None):
    """The events and phases shown on the timeline, the finding and every label.

    Parameters
    ----------
    content : Content
    dates : tuple of datetime.date, optional
        First and last day to show; defaults to the whole timeline.
    actor, country : str
        Show only events involving this actor id / country (``"all"``: every one).
    selected : str, optional
        Id of the event to highlight: its label is its date and title.

    Returns
    -------
    frame : pandas.DataFrame
        One row per phase shown (``kind`` "phase": the days of it shown, its name,
        ``label`` its name or number), then one per event (``kind`` "event": dates,
        phase, lane, title, whether a cancelled press event, whether selected, and
        ``label``: the words written beside its mark, or "").
    info : ChartInfo
    """
    import pandas as pd

    first, last = dates or timeline.full_range(content)
    events = timeline.filter_events(content, (first, last), actor, country)
    phases, rows = phase_rows(timeline.phases_in_order(content), first, last), event_rows(content, events, selected)
    frame = pd.DataFrame(phases + rows, columns=COLUMNS)
    filters = [f"involving {content.get('actors', actor).name}"] if actor not in (None, timeline.ALL) else []
    filters += [f"involving {country}"] if country not in (None, timeline.ALL) else []
    ids = [e.sources[0] for e in events] or [content.events[0].sources[0]]  # each event's first source
    return frame, describe(
        frame,
        title=finding(events, phases, first, last),
        subtitle=subtitle_text(phases, filters),
        units="one mark per event",
        alt_text=alt_text(phases, rows, filters, first, last),
        sources=content.sources_for(ids),
    )


# ----------------------------------------------------------------------------
# Draw: bands, marks and labels on one Axes


def set_axes(ax, first: dt.date, last: dt.date) -> None:
    """Limits and date ticks for the days shown; the lanes, axis label and grid once per Axes.

    All set, not toggled, so a redraw leaves the Axes the same; the parts
    that never change are set when the axis label is not yet the chart's.
    """
    pad = padding(first, last)
    ax.set_xlim(first - pad, last + pad)
    set_date_ticks(ax, first, last)
    ax.set_ylim(len(LANE_ORDER) - 0.45, TOPS[0])
    if ax.get_xlabel() != XLABEL:
        set_lanes(ax)


def set_lanes(ax) -> None:
    """The lanes as named rows with grid lines, and the date axis' label."""
    from matplotlib.transforms import ScaledTranslation

    ax.set_yticks(range(len(LANE_ORDER)), [LANE_NAMES.get(n, n) for n in LANE_ORDER])
    ax.spines["left"].set_visible(False)
    ax.tick_params(axis="y", left=False)
    ax.grid(True, axis="y", color="#cccccc", lw=0.5)
    ax.set_xlabel(XLABEL)
    # The date labels are one line, the lane names on the left need no axis label: the axis label's place is
    # fixed (points under the Axes) rather than measured from the tick labels on every drawing.
    below = ScaledTranslation(0, -XLABEL_BELOW / 72, ax.get_figure(root=True).dpi_scale_trans)
    ax.xaxis.set_label_coords(0.5, 0, transform=ax.transAxes + below)
    ax.yaxis.set_label_coords(0, 0.5)


def set_date_ticks(ax, first: dt.date, last: dt.date) -> None:
    """Readable date ticks for the range, fixed: months for a long range, weeks or days for a short one.

    The year is written on the first tick and on each January.
    """
    import matplotlib.dates as mdates

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
    ax.set_xticks(mdates.date2num(ticks), labels)


def draw_phases(ax, start, end, labels) -> None:
    """A grey band per phase (days ``start`` to ``end`` as numbers), alternately darker and lighter, and its label.

    The labels (``gid`` "phase") sit above the lanes; :func:`place_phase_labels` moves them where they fit.
    """
    from matplotlib.collections import PolyCollection

    left, right = ax.get_xlim()
    x0 = [left, *(x - 0.5 for x in start[1:])]
    x1 = [*(x + 0.5 for x in end[:-1]), right]
    corners = [[(a, 0), (a, 1), (b, 1), (b, 0)] for a, b in zip(x0, x1)]
    shades = ["#f3f3f3" if k % 2 else "#e6e6e6" for k in range(len(corners))]
    # One artist for all bands, from the bottom to the top of the Axes (x in days, y in Axes fractions).
    bands = PolyCollection(corners, facecolors=shades, lw=0, zorder=0, transform=ax.get_xaxis_transform())
    ax.add_collection(bands, autolim=False)  # the limits are set, not found from what is drawn
    text = {"ha": "center", "va": "center", "size": LABEL_POINTS, "color": NOTE_COLOUR, "gid": "phase"}
    for a, b, label in zip(start, end, labels):
        ax.text((a + b) / 2, PHASE_ROWS[0], label, **text)


def lane_positions(lanes, days) -> list[float]:
    """Each event's height: its lane, and events of one lane on one day side by side (up and down)."""
    groups: dict[tuple, list[int]] = {}
    for k, key in enumerate(zip(lanes, days)):
        groups.setdefault(key, []).append(k)
    y = [0.0] * len(lanes)
    for key, members in groups.items():
        for slot, k in enumerate(members):
            y[k] = LANE_ORDER.index(key[0]) + (slot - (len(members) - 1) / 2) * 0.28
    return y


def draw_marks(ax, events) -> None:
    """Dots by lane, hollow crosses for cancelled press events, bars for events of several days.

    ``events`` holds lists: ``x`` and ``x_end`` (days as numbers), ``y``, ``lane``, ``several_days``, ``cancelled``.
    """
    from matplotlib.collections import LineCollection
    from matplotlib.lines import Line2D

    x, y = events["x"], events["y"]
    long = [k for k, several in enumerate(events["several_days"]) if several]
    segments = [[(x[k], y[k]), (events["x_end"][k], y[k])] for k in long]
    colours = [LANE_COLOURS[events["lane"][k]] for k in long]
    spans = LineCollection(segments, colors=colours, linewidths=5, alpha=0.6, capstyle="round", zorder=2)
    ax.add_collection(spans, autolim=False)  # the limits are set (set_axes), not found from the marks
    for name in LANE_ORDER:
        at = [k for k, (n, c) in enumerate(zip(events["lane"], events["cancelled"])) if n == name and not c]
        dots = Line2D([x[k] for k in at], [y[k] for k in at], marker="o", ls="", ms=7, zorder=3)
        ax.add_line(dots).set(color=LANE_COLOURS[name], markeredgecolor=TEXT_COLOUR)
    at = [k for k, c in enumerate(events["cancelled"]) if c]
    crosses = Line2D([x[k] for k in at], [y[k] for k in at], marker="X", ls="", ms=14, zorder=4)
    ax.add_line(crosses).set(color=PALETTE[5], markerfacecolor="none", markeredgewidth=2.2)


def draw_labels(ax, events) -> None:
    """The key events' labels, the selected event's ring and callout, and the (empty) leader lines.

    Each label is drawn on its mark and found again by its ``gid`` ("key" or
    "callout") when :func:`place_labels` moves it and draws its leader line.
    """
    from matplotlib.collections import LineCollection
    from matplotlib.lines import Line2D

    style = {"fontsize": LABEL_POINTS, "textcoords": "offset points", "xytext": (0, 0)}
    for x, y, text, chosen in zip(events["x"], events["y"], events["label"], events["selected"]):
        if chosen:
            ring = Line2D([x], [y], marker="o", ms=20, markerfacecolor="none", markeredgewidth=2, zorder=6)
            ax.add_line(ring).set_color(TEXT_COLOUR)
            callout = ax.annotate(balanced(text, CALLOUT_WIDTH), (x, y), zorder=7, gid="callout", **style)
            callout.set_bbox({"boxstyle": "round", "fc": "white", "ec": TEXT_COLOUR, "lw": 0.8})
        elif text:
            ax.annotate(text, (x, y), zorder=5, gid="key", **style)  # no box behind it: it is placed clear
    ax.add_collection(LineCollection([], colors=LEADER_COLOUR, lw=0.8, zorder=2.5, gid="leaders"), autolim=False)


def draw_events_timeline(ax, frame, place=True):
    """Events on a time axis in lanes, over grey bands for the phases, the frame's labels placed clear of each other.

    Cancelled press events are drawn as a hollow cross, so a mark on the
    same day shows through. Events of the same lane on the same day are set
    side by side. The selected event is ringed and its label written beside it.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    frame : pandas.DataFrame
        As :func:`prepare_events_timeline` returns: phase rows, then event rows.
    place : bool
        Place the labels (:func:`place_labels`) for the Axes' position now.
    """
    import matplotlib.dates as mdates
    from pandas import notna

    columns = frame.to_dict("list")
    columns["several_days"] = [bool(notna(e)) for e in columns["end_date"]]
    ends = [e if several else d for d, e, several in zip(columns["date"], columns["end_date"], columns["several_days"])]
    columns.update(x=mdates.date2num(columns["date"]).tolist(), x_end=mdates.date2num(ends).tolist())
    is_phase = [kind == "phase" for kind in columns["kind"]]
    set_axes(ax, min(columns["date"]), max(ends))
    draw_phases(ax, *([v for v, p in zip(columns[c], is_phase) if p] for c in ("x", "x_end", "label")))
    events = {name: [v for v, p in zip(column, is_phase) if not p] for name, column in columns.items()}
    events["cancelled"] = events["cancelled_press_event"]
    events["y"] = lane_positions(events["lane"], events["x"])
    draw_marks(ax, events)
    draw_labels(ax, events)
    if not events["x"]:
        ax.text(0.5, 0.5, "No events match these filters.", transform=ax.transAxes, ha="center", va="center")
    for text in ax.texts:
        text.set_in_layout(False)  # placed inside the Axes, after the layout
    if place:
        place_labels(ax)


# ----------------------------------------------------------------------------
# Label placement, in pixels, for the Axes' current position


@lru_cache(maxsize=4)
def measuring_renderer(width: int, height: int, dpi: float):
    """An Agg renderer to measure text with (one per figure size, so its text metrics stay cached)."""
    from matplotlib.backends.backend_agg import RendererAgg

    return RendererAgg(width, height, dpi)


def words_size(text, renderer) -> tuple[float, float]:
    """Width and height of a text's words, in pixels (an annotation's leader line left out).

    Measured once per text, font and resolution: labels come back on every redraw.
    """
    from matplotlib.text import Text

    key = (text.get_text(), text.get_fontsize(), renderer.dpi)  # the chart's labels share one font
    if key not in MEASURED:
        visible = text.get_visible()
        text.set_visible(True)  # a hidden text measures nothing
        box = Text.get_window_extent(text, renderer)
        text.set_visible(visible)
        MEASURED[key] = (box.width, box.height)
    return MEASURED[key]


MEASURED: dict[tuple, tuple[float, float]] = {}


def mark_boxes(ax):
    """``(x0, y0, x1, y1)`` rows around each mark drawn on ``ax`` (its lines' markers), in pixels, with a margin."""
    import numpy as np

    points = ax.get_figure(root=True).dpi / 72
    boxes = [np.empty((0, 4))]
    for line in ax.lines:
        xs, ys = line.get_data()
        if len(xs):
            r = (line.get_markersize() / 2 + 2) * points
            xy = ax.transData.transform(np.column_stack([ax.convert_xunits(xs), ys]))
            boxes.append(np.hstack([xy - r, xy + r]))
    return np.vstack(boxes)


def overlaps(boxes, others):
    """Which of ``boxes`` overlap which of ``others`` (arrays of rows x0, y0, x1, y1), as a matrix."""
    a, b = boxes[:, None, :], others[None, :, :]
    return (a[..., 0] < b[..., 2]) & (a[..., 2] > b[..., 0]) & (a[..., 1] < b[..., 3]) & (a[..., 3] > b[..., 1])


def lines_through(starts, ends, boxes):
    """Which of ``boxes`` each line from one of ``starts`` (or one start) to one of ``ends`` runs through.

    A matrix, lines by boxes. A line runs through a box where their extents
    overlap and the box's corners are not all on one side of it.
    """
    import numpy as np

    starts = np.broadcast_to(starts, ends.shape)
    spans = np.hstack([np.minimum(starts, ends), np.maximum(starts, ends)])
    (x0, y0), (x1, y1) = (starts[:, k, None, None] for k in (0, 1)), (ends[:, k, None, None] for k in (0, 1))
    xs, ys = boxes[None, :, [0, 2, 2, 0]], boxes[None, :, [1, 1, 3, 3]]
    side = (x1 - x0) * (ys - y0) - (y1 - y0) * (xs - x0)
    return overlaps(spans, boxes) & ~((side > 0).all(axis=2) | (side < 0).all(axis=2))


def lines_crossing(start, ends, segments):
    """Which of ``segments`` (pairs of points) each line from ``start`` to one of ``ends`` crosses (lines by segments).

    Two lines cross where each one's ends lie on either side of the other.
    """

    def side(a, b, c):
        return (b[..., 0] - a[..., 0]) * (c[..., 1] - a[..., 1]) - (b[..., 1] - a[..., 1]) * (c[..., 0] - a[..., 0])

    p, q, r, s = start, ends[:, None, :], segments[None, :, 0], segments[None, :, 1]
    return (side(p, q, r) * side(p, q, s) < 0) & (side(r, s, p) * side(r, s, q) < 0)


class Room:
    """What is taken so far, in pixels: the marks, the labels' words and their leader lines."""

    def __init__(self, marks, words):
        import numpy as np

        self.marks = marks
        self.words = np.asarray(words, dtype=float).reshape(-1, 4)
        self.leaders = {}  # label: its line, ((x0, y0), (x1, y1))

    def boxes_free(self, boxes):
        """Which of ``boxes`` (places for a label's words) cover no mark and no other label's words."""
        return ~(overlaps(boxes, self.marks).any(axis=1) | overlaps(boxes, self.words).any(axis=1))

    def lines_free(self, mark, corners, boxes):
        """Which of the places ``boxes``, their leader lines running from ``mark`` to ``corners``, are clear of lines.

        Clear where no leader line placed so far runs through the box, and the
        new line crosses no other leader line, no label and no mark but the
        ones it starts on (its mark, the ring around it, and marks touching
        them: events of the same lane and day).
        """
        import numpy as np

        own = self.marks[(self.marks[:, :2] <= mark).all(axis=1) & (mark <= self.marks[:, 2:]).all(axis=1)]
        others = self.marks[~overlaps(self.marks, own).any(axis=1)]
        free = ~lines_through(mark, corners, np.vstack([others, self.words])).any(axis=1)
        if self.leaders:
            leaders = np.asarray(list(self.leaders.values()))
            free &= ~lines_through(leaders[:, 0], leaders[:, 1], boxes).any(axis=0)
            free &= ~lines_crossing(mark, corners, leaders).any(axis=1)
        return free

    def take(self, label, box, line) -> None:
        """Note a label placed: its words and its leader line."""
        import numpy as np

        self.words = np.vstack([self.words, box])
        self.leaders[label] = line


def place_phase_labels(ax, renderer) -> list[tuple]:
    """Each phase label on the first of two rows where it overlaps no other, inside the Axes; returns their boxes.

    The Axes' top makes room for the second row only when a label needs it.
    """
    inverse = ax.transData.inverted()
    rows: tuple[list, list] = ([], [])
    placed = []
    for text in (t for t in ax.texts if t.get_gid() == "phase"):
        width, height = words_size(text, renderer)
        middle = ax.transData.transform((ax.convert_xunits(text.get_position()[0]), 0))[0]
        x0 = min(max(middle - width / 2, ax.bbox.x0 + 2), ax.bbox.x1 - 2 - width) - 3
        x1 = x0 + width + 6
        row = next((k for k, taken in enumerate(rows) if all(x0 >= b or x1 <= a for a, b in taken)), None)
        text.set_visible(row is not None)  # hidden with no room on either row (an Axes far narrower than ours)
        if row is not None:
            rows[row].append((x0, x1))
            text.set(x=inverse.transform(((x0 + x1) / 2, 0))[0], y=PHASE_ROWS[row])
            placed.append((x0, x1, row, height))
    ax.set_ylim(ax.get_ylim()[0], TOPS[1 if rows[1] else 0])
    level = {row: ax.transData.transform((0, PHASE_ROWS[row]))[1] for row in (0, 1)}
    return [(x0, level[row] - h / 2, x1, level[row] + h / 2) for x0, x1, row, h in placed]


def candidate_boxes(ax, label, size, offsets):
    """Where ``label`` may go, in pixels: its mark, and for each offset (points) the box of its words and its corner.

    Labels go to the right of their mark first, or to the left for a mark in the
    right two fifths of the Axes; then to the other side. The corner is the one
    nearest the mark, where the leader line would end.

    Returns
    -------
    mark : array of (x, y)
    offsets, corners : arrays of rows (dx, dy) in points, and (x, y)
    boxes : array of rows (x0, y0, x1, y1), with a margin
    """
    import numpy as np

    mark = ax.transData.transform((ax.convert_xunits(label.xy[0]), label.xy[1]))
    (width, height), points = size, ax.get_figure(root=True).dpi / 72
    pad = 5 if label.get_gid() == "callout" else 2  # the callout's frame stands further out
    side = -1 if mark[0] > ax.bbox.x0 + 0.6 * ax.bbox.width else 1
    offsets = np.asarray(offsets, dtype=float)
    offsets = np.vstack([offsets * (side, 1), offsets * (-side, 1)])
    corners = mark + offsets * points
    x0 = np.where(offsets[:, 0] < 0, corners[:, 0] - width, corners[:, 0])
    y0 = np.where(offsets[:, 1] > 0, corners[:, 1], corners[:, 1] - height)
    boxes = np.column_stack([x0 - pad, y0 - pad, x0 + width + pad, y0 + height + pad])
    return mark, offsets, corners, boxes


def place_labels(ax) -> None:
    """Place the chart's labels for the Axes' position now: the phases' names, then the events' labels.

    The selected event's callout is placed first, next to its ring, then the
    key events in date order, each in the room left. A label is hidden when
    no place suits it (:func:`place_label`): the event is still a mark, and
    named in the alt text. The leader lines are drawn last, in data
    coordinates (the same at any resolution).
    """
    fig = ax.get_figure(root=True)
    renderer = measuring_renderer(int(fig.bbox.width), int(fig.bbox.height), fig.dpi)
    room = Room(mark_boxes(ax), place_phase_labels(ax, renderer))
    labels = [t for t in ax.texts if t.get_gid() == "callout"] + [t for t in ax.texts if t.get_gid() == "key"]
    for label in labels:
        place_label(ax, label, words_size(label, renderer), room)
    inverse = ax.transData.inverted()
    for lines in (c for c in ax.collections if c.get_gid() == "leaders"):
        lines.set_segments([inverse.transform(line) for line in room.leaders.values()])
        lines.set_color([TEXT_COLOUR if label.get_gid() == "callout" else LEADER_COLOUR for label in room.leaders])


def place_label(ax, label, size, room) -> bool:
    """Put ``label`` at the first offset from its mark where it fits, and take that room; False if none.

    It fits where its words stay inside the Axes, cover no mark and no other
    label, and its leader line is clear (:meth:`Room.lines_free`). Offsets are
    :data:`CANDIDATES` (:data:`CALLOUT_OFFSETS` for the selected event's
    callout); the lines are checked a few places at a time, in that order.
    """
    import numpy as np

    x0, y0, x1, y1 = ax.bbox.extents
    offsets = CALLOUT_OFFSETS if label.get_gid() == "callout" else CANDIDATES
    mark, offsets, corners, boxes = candidate_boxes(ax, label, size, offsets)
    inside = (x0 <= boxes[:, 0]) & (boxes[:, 2] <= x1) & (y0 <= boxes[:, 1]) & (boxes[:, 3] <= y1)
    places = np.flatnonzero(inside & room.boxes_free(boxes))
    for few in (places[k : k + 8] for k in range(0, len(places), 8)):
        found = few[room.lines_free(mark, corners[few], boxes[few])]
        if len(found):
            k, (dx, dy) = found[0], offsets[found[0]]
            label.set(position=(dx, dy), ha="right" if dx < 0 else "left", va="bottom" if dy > 0 else "top")
            label.set_visible(True)
            room.take(label, boxes[k], np.asarray([mark, corners[k]]))
            return True
    label.set_visible(False)
    return False


def events_timeline(content, fig=None, dates=None, actor=timeline.ALL, country=timeline.ALL, selected=None):
    """Events on a time axis, in lanes, over the named phases, the turning points labelled.

    Cancelled press events are drawn as a hollow cross, so a mark on the
    same day shows through. Events of the same lane on the same day are set
    side by side. About ten key events (:func:`key_events`) carry a label.
    The selected event is ringed and its title written beside it.

    Parameters
    ----------
    content : Content
    fig : matplotlib.figure.Figure, optional
        Redraw into this figure (on the same Axes, when this chart drew it).
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
    prepared = prepare_events_timeline(content, dates, actor, country, selected)
    before = fig.axes[0].get_position().bounds if fig is not None and fig.axes else None
    fig = figure(prepared, draw_events_timeline, fig=fig, size=SIZE)
    ax = fig.axes[0]
    if ax.get_position().bounds != before:
        place_labels(ax)  # the layout moved the Axes after the labels were placed
    return fig


__all__ = [
    "KEY_EVENTS",
    "LANE_ORDER",
    "draw_events_timeline",
    "events_timeline",
    "key_events",
    "lane",
    "place_labels",
    "prepare_events_timeline",
    "range_text",
]
