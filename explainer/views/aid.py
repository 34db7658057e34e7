"""Views of the aid figures (notebook 02), each a :class:`~explainer.views.base.ChartView`.

Every view redraws its chart in place (same figure, same Image widget) and
reports errors in its message area.
"""

from __future__ import annotations

import ipywidgets as w
import traitlets

from ..charts import aid as charts
from ..model import aid
from . import snapshot
from .base import ChartView

_WIDE = {"description_width": "initial"}


class CheckGroup(w.HBox):
    """Several options, each a checkbox: chosen with Tab and Space, several at once.

    A stand-in for ``SelectMultiple``, whose list box needs Ctrl or Shift with
    the arrow keys to choose more than one option, which few readers know.
    ``value`` is the tuple of ticked options, in the order of ``options``;
    setting it ticks the boxes.

    Parameters
    ----------
    options : sequence of str
    value : sequence of str
        The options ticked at first.
    description : str
        Shown before the boxes and used as the group's accessible name.
    """

    value = traitlets.Tuple()

    def __init__(self, options, value=(), description=""):
        self.options = tuple(options)
        self.description = description
        self.boxes = {o: w.Checkbox(value=o in value, description=o, indent=False) for o in self.options}
        for box in self.boxes.values():
            box.layout.width = "auto"
            box.observe(self._ticked, names="value")
        super().__init__([w.Label(description), *self.boxes.values()], layout=w.Layout(align_items="center"))
        self.value = tuple(o for o in self.options if o in value)

    _syncing = False

    def _ticked(self, _change):
        if not self._syncing:
            self.value = tuple(o for o, box in self.boxes.items() if box.value)

    @traitlets.observe("value")
    def _show(self, change):
        self._syncing = True  # one change of value, not one per box
        try:
            for option, box in self.boxes.items():
                box.value = option in change["new"]
        finally:
            self._syncing = False

    def snapshot_html(self) -> str:
        """The ticked options, for the view's static copy."""
        return snapshot.control_line(self.description, ", ".join(self.value) or "none")


def measure_view(content) -> ChartView:
    """Why the numbers differ: pick a measure to highlight, and a unit."""
    measures = [("all measures", "all")] + [
        (m.label, m.id) for m in content.aid_measures if any(h.measure == m.id for h in content.aid_headlines)
    ]
    controls = {
        "measure": w.Dropdown(options=measures, value="all", description="Highlight:", style=_WIDE),
        "unit": w.Dropdown(options=list(aid.UNITS), value="nominal", description="Unit:", style=_WIDE),
    }
    return ChartView(charts.headline_figures, content, controls)


def _categories_draw(content, fig=None, military=True, financial=True, totals=True, committed=True, **params):
    ticked = {
        "military": military,
        "financial and humanitarian": financial,
        "total": totals,
        "committed": committed,
    }
    return charts.donors_by_category(content, fig=fig, categories=[c for c, on in ticked.items() if on], **params)


def category_view(content) -> ChartView:
    """US and Europe by category: tick the categories to draw, pick the currency."""
    controls = {
        "military": w.Checkbox(value=True, description="Military", indent=False),
        "financial": w.Checkbox(value=True, description="Financial and humanitarian", indent=False),
        "totals": w.Checkbox(value=True, description="Totals with no split", indent=False),
        "committed": w.Checkbox(value=True, description="Committed, not yet allocated", indent=False),
        "currency": w.ToggleButtons(options=list(aid.CURRENCIES), value="EUR", description="Currency:", style=_WIDE),
    }
    return ChartView(_categories_draw, content, controls)


def unit_view(content) -> ChartView:
    """The five acts on a timeline, in the unit of your choice."""
    controls = {
        "unit": w.ToggleButtons(options=list(aid.UNITS), value="nominal", description="Unit:", style=_WIDE),
        "show_dod": w.Checkbox(value=True, description="Show the Defense Department's share", indent=False),
    }
    return ChartView(charts.appropriations_timeline, content, controls)


def donor_view(content) -> ChartView:
    """Compare donors: choose which donors to put side by side."""
    controls = {
        "donors": CheckGroup(list(aid.DONORS), value=("United States", "Europe"), description="Donors:"),
        "currency": w.ToggleButtons(options=list(aid.CURRENCIES), value="EUR", description="Currency:", style=_WIDE),
    }
    return ChartView(charts.donors_by_category, content, controls)
