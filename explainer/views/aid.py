"""Views of the aid figures (notebook 02): each chart a :class:`~explainer.views.base.ChartView`, and the
figures and definitions as formatted HTML.

Every view redraws its chart in place (same figure, same Image widget) and
reports errors in its message area.
"""

from __future__ import annotations

import ipywidgets as w
import traitlets

from ..charts import aid as charts
from ..markup import esc, table_html
from ..model import aid
from ..model.fields import day_text
from . import snapshot
from .base import ChartView

_WIDE = {"description_width": "initial"}


class CheckGroup(w.HBox, w.ValueWidget):
    """Several options, each a checkbox: chosen with Tab and Space, several at once.

    A stand-in for ``SelectMultiple``, whose list box needs Ctrl or Shift with
    the arrow keys to choose more than one option, which few readers know.
    ``value`` is the tuple of ticked options, in the order of ``options``;
    setting it ticks the boxes.

    Parameters
    ----------
    options : sequence of str or of (label, value) pairs
        As a ``Dropdown`` takes them: a pair shows its label and stands for its value.
    value : sequence
        The values ticked at first.
    description : str
        Shown before the boxes and used as the group's accessible name.
    """

    value = traitlets.Tuple()
    disabled = traitlets.Bool(False, help="Whether the boxes can be ticked (as other controls' ``disabled``).")

    def __init__(self, options, value=(), description=""):
        pairs = [o if isinstance(o, tuple) else (o, o) for o in options]
        self.options = tuple(v for _label, v in pairs)
        self.labels = {v: label for label, v in pairs}
        self.description = description
        self.boxes = {v: w.Checkbox(value=v in value, description=label, indent=False) for label, v in pairs}
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

    @traitlets.observe("disabled")
    def _disable(self, change):
        for box in self.boxes.values():
            box.disabled = change["new"]

    def snapshot_html(self) -> str:
        """The ticked options, for the view's static copy."""
        return snapshot.control_line(self.description, ", ".join(self.labels[v] for v in self.value) or "none")


#: The Kiel categories as the chart's checkboxes name them.
CATEGORY_CHOICES = (
    ("Military", "military"),
    ("Financial and humanitarian", "financial and humanitarian"),
    ("Totals with no split", "total"),
    ("Committed, not yet allocated", "committed"),
)


def measure_choices(content) -> list[tuple[str, str]]:
    """The measures a reader can highlight on the chart of headline figures: all, or one that has a bar."""
    offered = {h.measure for h in aid.aid_figures(content)}
    return [("all measures", "all")] + [(m.label, m.id) for m in content.aid_measures if m.id in offered]


def measure_view(content) -> ChartView:
    """Why the numbers differ: pick a measure of aid to highlight, and a unit."""
    return ChartView.of(
        charts.headline_figures,
        content,
        measure=w.Dropdown(options=measure_choices(content), value="all", description="Highlight:", style=_WIDE),
        unit=w.Dropdown(options=aid.UNITS, value="nominal", description="Unit:", style=_WIDE),
    )


def unit_view(content) -> ChartView:
    """The five acts on a timeline, in the unit of your choice."""
    return ChartView.of(
        charts.appropriations_timeline,
        content,
        unit=w.ToggleButtons(options=aid.UNITS, value="nominal", description="Unit:", style=_WIDE),
        show_dod=w.Checkbox(value=True, description="Show the Defense Department's share", indent=False),
    )


def donor_view(content) -> ChartView:
    """The Kiel Institute's figures: choose the donors and the categories to draw, and the currency."""
    return ChartView.of(
        charts.donors_by_category,
        content,
        donors=CheckGroup(aid.DONORS, value=("United States", "Europe"), description="Donors:"),
        categories=CheckGroup(CATEGORY_CHOICES, value=aid.KIEL_CATEGORIES, description="Categories:"),
        currency=w.ToggleButtons(options=aid.CURRENCIES, value="EUR", description="Currency:", style=_WIDE),
    )


# ----------------------------------------------------------------------------
# Prose and tables from the data, as formatted HTML

#: The three figures set against each other at the end of notebook 02: voted, received, claimed.
GAP_FIGURES = ("crs-2024-04-29-appropriated", "zelensky-2025-02-19-received", "trump-2025-02-19-claimed")


def _usd(value: float) -> str:
    return esc(aid.fmt_value(value, "nominal"))


def headlines_html(content, guess_usd_bn: float | None = None) -> str:
    """Every total for US aid put into the news, smallest first: amount, measure, who, when.

    The amounts at stake in the deal talks (a demand, a draft's repayable sum)
    are not totals of aid: they follow the table in a note of their own.

    Parameters
    ----------
    content : Content
    guess_usd_bn : float, optional
        A student's own guess (US$ billion), shown as a marked row in its
        place among the totals (see :class:`explainer.views.yourcall.AidGuess`).

    Returns
    -------
    str
        Safe HTML: a table whose second column is the measure each figure uses, then the note.
    """
    rows = []
    mine = (
        None
        if guess_usd_bn is None
        else (f"<mark><b>{_usd(guess_usd_bn)}</b></mark>", "<mark>your guess</mark>", "", "")
    )
    for h in aid.aid_figures(content):
        if guess_usd_bn is not None and mine not in rows and guess_usd_bn < h.amount_usd_bn:
            rows.append(mine)
        rows.append((_usd(h.amount_usd_bn), f"<b>{esc(h.measure)}</b>", esc(h.who), esc(day_text(h.date))))
    if guess_usd_bn is not None and mine not in rows:
        rows.append(mine)
    table = table_html(("Amount", "Measure", "Who", "Date"), rows, caption="US aid to Ukraine: the totals in the news")
    stakes = "; ".join(
        f"{_usd(h.amount_usd_bn)} <b>{esc(h.measure)}</b> ({esc(h.who)}, {esc(day_text(h.date))})"
        for h in aid.deal_stakes(content)
    )
    return table + (f"<p>Not totals of aid, but amounts at stake in the deal talks: {stakes}.</p>" if stakes else "")


def headline_html(content, headline_id: str) -> str:
    """One headline figure in full: who gave it and when, the amount and its measure, what it counts."""
    h = content.get("aid_headlines", headline_id)
    when = esc(day_text(h.date, "long"))
    parts = [
        f"<p><b>{esc(h.who)}</b>, {when}: <b>{_usd(h.amount_usd_bn)} {esc(h.measure)}</b>.</p>",
        f"<p><b>What it counts:</b> {esc(h.counts)}</p>",
    ]
    if h.note:
        parts.append(f"<p><b>Note:</b> {esc(h.note)}</p>")
    return "".join(parts)


def measures_html(content, measure_ids=None, anchors: bool = False) -> str:
    """What each measure of aid counts, as a definition list.

    Parameters
    ----------
    content : Content
    measure_ids : sequence of str, optional
        The measures to define, in that order (default: every measure, in file order).
    anchors : bool
        Give each entry the anchor ``measure-<id>``, which the figures
        calculator's flags link to (only one list per notebook should have them).
    """
    measures = content.aid_measures if measure_ids is None else [content.get("aid_measures", m) for m in measure_ids]

    def anchor(m) -> str:
        return f' id="measure-{esc(m.id)}"' if anchors else ""

    items = "".join(f"<dt{anchor(m)}><b>{esc(m.label)}</b></dt><dd>{esc(m.definition)}</dd>" for m in measures)
    return f'<dl class="explainer-definitions">{items}</dl>'


def acts_html(content) -> str:
    """The appropriations acts in order (date, law, total, Defense share), their sum and the years with none."""
    acts = aid.acts_in_order(content)
    rows = [(esc(day_text(a.enacted)), esc(a.public_law), _usd(a.total_usd_bn), _usd(a.dod_usd_bn)) for a in acts]
    total = sum(a.total_usd_bn for a in acts)
    dod = sum(a.dod_usd_bn for a in acts)
    rows.append(("<b>Total</b>", f"{len(acts)} acts", f"<b>{_usd(total)}</b>", f"<b>{_usd(dod)}</b>"))
    missing = aid.years_without_an_act(content)
    return (
        table_html(
            ("Signed into law", "Public law", "Appropriated", "Of which Defense Department"),
            rows,
            caption="What Congress voted for Ukraine, act by act",
        )
        + f"<p>The Defense Department's share of the total: <b>{dod / total:.0%}</b>. "
        + f"Years with no act: <b>{esc(', '.join(map(str, missing)) or 'none')}</b>.</p>"
    )


def derivation_html(content, act_id: str) -> str:
    """How an act's total was worked out, where no source states it directly."""
    a = content.get("aid_appropriations", act_id)
    return f"<p><b>How the total of {esc(a.public_law)} was worked out:</b> {esc(a.derivation)}</p>"


def reference_html(content) -> str:
    """The figures that put aid in proportion (federal outlays, population), each with its producer."""
    items = "".join(
        f"<li><b>{esc(r.label)}</b>, {esc(r.period)}: {r.value:,.0f} {esc(r.unit)} "
        f"({esc(content.get('sources', r.sources[0]).publisher)})</li>"
        for r in content.aid_reference
    )
    return f"<ul>{items}</ul>"


def kiel_html(content) -> str:
    """The Kiel Institute's figures for the US and Europe (in euros as published) and the dollar rate used."""
    rows = [
        (
            esc(rec.donor),
            esc(day_text(rec.data_to)),
            esc(rec.category),
            f"<b>{esc(rec.measure)}</b>",
            f"EUR {rec.amount_eur_bn:g}bn",
        )
        for rec in content.aid_kiel
        if rec.donor != "All donors"
    ]
    rate, rate_rec = aid.usd_per_eur(content)
    return table_html(
        ("Donor", "Data to", "Category", "Measure", "Amount"), rows, caption="Kiel Institute: aid to Ukraine by donor"
    ) + (f"<p><b>Dollar conversion:</b> {rate:.3f} US$ per euro. {esc(rate_rec.basis)}</p>")


def gap_html(
    content, voted: str = GAP_FIGURES[0], received: str = GAP_FIGURES[1], claimed: str = GAP_FIGURES[2]
) -> str:
    """How far apart three headline figures are: voted against received, and claimed against voted.

    Parameters
    ----------
    content : Content
    voted, received, claimed : str
        Ids of headline figures (default: :data:`GAP_FIGURES`).
    """
    v, r, c = (content.get("aid_headlines", i) for i in (voted, received, claimed))
    return (
        f"<p>Voted ({esc(v.measure)}, {esc(v.who)}) exceeds {esc(r.measure)} ({esc(r.who.split(',')[0])}) "
        f"by <b>{_usd(v.amount_usd_bn - r.amount_usd_bn)}</b>.</p>"
        f"<p>The {esc(c.measure)} total ({esc(c.who.split(',')[0])}) is "
        f"<b>{c.amount_usd_bn / v.amount_usd_bn:.1f} times</b> what Congress voted.</p>"
    )


def _purl_item(r) -> str:
    return f"<b>${r.amount_usd_bn:g}bn</b>, {esc(r.who)}: {esc(r.counts)}"


def allied_totals_html(content) -> str:
    """The running totals of allied-funded (PURL) purchases given so far: date, amount, who gave it, what it counts."""
    items = "".join(
        f"<li><b>{esc(day_text(r.date))}</b>: {_purl_item(r)}</li>"
        for r in aid.allied_purchases(content, "total").itertuples()
    )
    return f"<ul>{items}</ul>"


def allied_year_html(content, year: int) -> str:
    """The range of the figures given for all PURL money raised in ``year``, and each figure with what it counts."""
    recs = aid.allied_year_totals(content, year)
    items = "".join(f"<li>{_purl_item(r)}</li>" for r in recs)
    return (
        f"<p>PURL money in {year}: <b>${recs[0].amount_usd_bn:g}bn to ${recs[-1].amount_usd_bn:g}bn</b></p>"
        f"<ul>{items}</ul>"
    )
