"""Chart functions: pure functions that take content and return a Figure.

Every chart function accepts ``fig=None``; given a figure it redraws into it
(what widgets do, so a chart updates in place), otherwise it makes a new one.
Each finished figure carries a :class:`ChartInfo` (title, units, alt text,
source note and the data behind it), read with :func:`info`.
"""

from .aid import appropriations_timeline, donors_by_category, headline_figures
from .base import PALETTE, ChartInfo, describe, figure, info, source_note, style, to_png, to_svg
from .claims import draw_verdict_counts, prepare_verdict_counts, verdict_counts
from .deal import china_shares, deal_changes, occupation_range, rare_earth_mining
from .timeline import draw_events_timeline, events_timeline, prepare_events_timeline

#: Every chart function, for tests, benchmarks and the analyst workbench.
CHART_FUNCTIONS = (
    verdict_counts,
    appropriations_timeline,
    donors_by_category,
    headline_figures,
    occupation_range,
    china_shares,
    rare_earth_mining,
    deal_changes,
    events_timeline,
)

__all__ = [
    "CHART_FUNCTIONS",
    "describe",
    "draw_events_timeline",
    "draw_verdict_counts",
    "figure",
    "prepare_events_timeline",
    "prepare_verdict_counts",
    "style",
    "to_svg",
    "PALETTE",
    "ChartInfo",
    "appropriations_timeline",
    "china_shares",
    "deal_changes",
    "donors_by_category",
    "events_timeline",
    "finish",
    "headline_figures",
    "info",
    "new_figure",
    "occupation_range",
    "rare_earth_mining",
    "source_note",
    "to_png",
    "verdict_counts",
]
