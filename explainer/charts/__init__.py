"""Chart functions: pure functions that take content and return a Figure.

Every chart function accepts ``fig=None``; given a figure it redraws into it
(what widgets do, so a chart updates in place), otherwise it makes a new one.
Each finished figure carries a :class:`ChartInfo` (title, units, alt text,
source note and the data behind it), read with :func:`info`.
"""

from .base import PALETTE, ChartInfo, finish, info, new_figure, source_note, to_png
from .claims import verdict_counts

__all__ = [
    "PALETTE",
    "ChartInfo",
    "finish",
    "info",
    "new_figure",
    "source_note",
    "to_png",
    "verdict_counts",
]

from .aid import appropriations_timeline, donors_by_category, headline_figures  # noqa: E402

__all__ += ["appropriations_timeline", "donors_by_category", "headline_figures"]

from .deal import china_shares, deal_changes, occupation_range, rare_earth_mining  # noqa: E402
from .timeline import timeline  # noqa: E402

__all__ += ["china_shares", "deal_changes", "occupation_range", "rare_earth_mining", "timeline"]
