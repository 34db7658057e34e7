"""Chart functions: pure functions that take content and return a Figure.

Every chart function accepts ``fig=None``; given a figure it redraws into it
(what widgets do, so a chart updates in place), otherwise it makes a new one.
Each finished figure carries a :class:`ChartInfo` (title, units, alt text,
source note and the data behind it), read with :func:`info`.
"""

from .aid import (
    appropriations_timeline,
    donors_by_category,
    draw_appropriations_timeline,
    draw_donors_by_category,
    draw_headline_figures,
    headline_figures,
    prepare_appropriations_timeline,
    prepare_donors_by_category,
    prepare_headline_figures,
)
from .base import PALETTE, ChartInfo, describe, figure, info, source_note, style, to_png, to_svg
from .claims import draw_verdict_counts, prepare_verdict_counts, verdict_counts
from .deal import (
    china_shares,
    deal_changes,
    draw_china_shares,
    draw_deal_changes,
    draw_occupation_range,
    draw_rare_earth_mining,
    occupation_range,
    prepare_china_shares,
    prepare_deal_changes,
    prepare_occupation_range,
    prepare_rare_earth_mining,
    rare_earth_mining,
)
from .timeline import events_timeline

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
    "draw_appropriations_timeline",
    "draw_donors_by_category",
    "draw_headline_figures",
    "draw_verdict_counts",
    "figure",
    "prepare_appropriations_timeline",
    "prepare_donors_by_category",
    "prepare_headline_figures",
    "prepare_verdict_counts",
    "style",
    "to_svg",
    "PALETTE",
    "ChartInfo",
    "appropriations_timeline",
    "china_shares",
    "deal_changes",
    "draw_china_shares",
    "draw_deal_changes",
    "draw_occupation_range",
    "draw_rare_earth_mining",
    "donors_by_category",
    "events_timeline",
    "finish",
    "headline_figures",
    "info",
    "new_figure",
    "occupation_range",
    "prepare_china_shares",
    "prepare_deal_changes",
    "prepare_occupation_range",
    "prepare_rare_earth_mining",
    "rare_earth_mining",
    "source_note",
    "to_png",
    "verdict_counts",
]
