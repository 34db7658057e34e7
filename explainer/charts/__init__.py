"""Every chart as a query and a drawer, and the figure that assembles them.

For each chart ``NAME``:

- ``prepare_NAME(content, **options) -> (DataFrame, ChartInfo)``: the data to
  draw, with the finding as the title, the units, the description and the sources;
- ``draw_NAME(ax, frame, **style)``: draws such a frame onto the Axes it is given
  (an analyst's own Axes, an analyst's own filtered frame);
- ``NAME(content, fig=None, **options) -> Figure``: the two assembled with the
  title block and the source note (:func:`figure`); given a figure it drew
  before, it draws again into it (what widgets do).

Each finished figure carries its :class:`ChartInfo`, read with :func:`info`.
"""

from collections.abc import Callable
from typing import NamedTuple

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
from .timeline import draw_events_timeline, events_timeline, prepare_events_timeline


class Chart(NamedTuple):
    """One chart's query, drawer and assembled function.

    ``prepare(content, **options) -> (DataFrame, ChartInfo)``, ``draw(ax, frame)``,
    and ``function(content, fig=None, **options) -> Figure``, which puts the two together.
    """

    prepare: Callable
    draw: Callable
    function: Callable


#: Every chart by name, for tests, benchmarks and the analyst workbench: ``CHARTS["headline_figures"].function``.
CHARTS = {
    "verdict_counts": Chart(prepare_verdict_counts, draw_verdict_counts, verdict_counts),
    "appropriations_timeline": Chart(
        prepare_appropriations_timeline, draw_appropriations_timeline, appropriations_timeline
    ),
    "donors_by_category": Chart(prepare_donors_by_category, draw_donors_by_category, donors_by_category),
    "headline_figures": Chart(prepare_headline_figures, draw_headline_figures, headline_figures),
    "occupation_range": Chart(prepare_occupation_range, draw_occupation_range, occupation_range),
    "china_shares": Chart(prepare_china_shares, draw_china_shares, china_shares),
    "rare_earth_mining": Chart(prepare_rare_earth_mining, draw_rare_earth_mining, rare_earth_mining),
    "deal_changes": Chart(prepare_deal_changes, draw_deal_changes, deal_changes),
    "events_timeline": Chart(prepare_events_timeline, draw_events_timeline, events_timeline),
}
#: Every chart function.
CHART_FUNCTIONS = tuple(chart.function for chart in CHARTS.values())

__all__ = [
    "CHARTS",
    "Chart",
    "CHART_FUNCTIONS",
    "PALETTE",
    "ChartInfo",
    "appropriations_timeline",
    "china_shares",
    "deal_changes",
    "describe",
    "donors_by_category",
    "draw_appropriations_timeline",
    "draw_china_shares",
    "draw_deal_changes",
    "draw_donors_by_category",
    "draw_events_timeline",
    "draw_headline_figures",
    "draw_occupation_range",
    "draw_rare_earth_mining",
    "draw_verdict_counts",
    "events_timeline",
    "figure",
    "headline_figures",
    "info",
    "occupation_range",
    "prepare_appropriations_timeline",
    "prepare_china_shares",
    "prepare_deal_changes",
    "prepare_donors_by_category",
    "prepare_events_timeline",
    "prepare_headline_figures",
    "prepare_occupation_range",
    "prepare_rare_earth_mining",
    "prepare_verdict_counts",
    "rare_earth_mining",
    "source_note",
    "style",
    "to_png",
    "to_svg",
    "verdict_counts",
]
