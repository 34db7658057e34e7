"""Views for notebook 03: compare two versions of the deal; explore the occupation estimates."""

from __future__ import annotations

import ipywidgets as w

from ..charts.deal import occupation_range
from ..markup import esc, sources_html, table_html
from ..model import deal as dr
from ..model.fields import day_text, span_text
from .base import ChartView, View
from .display import form_html

CHANGED = "▲ changed"
SAME = "= same"
REWORDED = "= same in substance, reworded"
CHANGED_COLOUR = "#fbe3b0"


def comparison_html(content, left: str, right: str, changed_only: bool = False) -> str:
    """Two versions of the deal side by side as an HTML table, changed terms marked.

    Each cell leads with the version's position in a few words (its short
    label), then the fuller summary. A term counts as changed when its
    substance differs (:func:`explainer.model.deal.changed`, the rule the grid
    chart uses too), so the same position in other words is not a change; it
    is marked "same in substance, reworded". A changed term is marked in words ("▲ changed") and by a
    background colour, so the colour is never the only signal. Exact words of
    a text, where recorded, are shown in quotation marks under its summary.

    Parameters
    ----------
    content : Content
    left, right : str
        Ids of two deal versions.
    changed_only : bool
        Show only the terms on which the two versions differ.

    Returns
    -------
    str
        Safe HTML (every piece of content is escaped).
    """
    vl, vr = content.get("deal_versions", left), content.get("deal_versions", right)
    tl, tr = dr.terms_of(content, left), dr.terms_of(content, right)
    frame = dr.compare(content, left, right)

    def cell(t):
        if t is None:
            return f"<i>{esc(dr.NOT_STATED)}</i>"
        if t.stated:
            body = f"<b>{esc(dr.short_label(t))}</b><br>{esc(t.text)}"
        else:
            body = f"<i>{esc(t.text)}</i>"
        if t.words:
            body += f"<br><small>Text: &ldquo;{esc(t.words)}&rdquo;</small>"
        return body

    head = (
        "Term",
        f"{esc(vl.name)}<br><small>{esc(vl.status)}</small>",
        f"{esc(vr.name)}<br><small>{esc(vr.status)}</small>",
        "Change",
    )
    rows, row_attrs = [], []
    for row in frame.itertuples():
        if changed_only and not row.changed:
            continue
        mark = f"<b>{CHANGED}</b>" if row.changed else (REWORDED if row.reworded else SAME)
        rows.append((esc(row.term), cell(tl.get(row.term_id)), cell(tr.get(row.term_id)), mark))
        row_attrs.append(
            {"class": "changed", "style": f"background:{CHANGED_COLOUR}"} if row.changed else {"class": "same"}
        )
    n = int(frame.changed.sum())
    summary = (
        f"<p><b>{n} of {len(frame)} terms differ</b> between {esc(vl.name)} and {esc(vr.name)}. "
        "A term differs when its substance differs; the same position in other words (a different "
        "summary, or a different label in bold) does not count. "
        "Rows marked &ldquo;▲ changed&rdquo; are shaded; <i>italics</i> mean the text, as reported, is silent "
        "on that term.</p>"
    )
    if changed_only:  # say so, or ticking the box can look as if it did nothing
        summary += f"<p><i>Only the terms that differ are listed ({n}).</i></p>"
    sources = content.sources_for(s for t in list(tl.values()) + list(tr.values()) for s in t.sources)
    return (
        summary
        + table_html(
            head,
            rows,
            row_headers=True,
            css_class="explainer-table explainer-compare",
            attrs={"border": "1", "cellpadding": "4"},
            row_attrs=row_attrs,
        )
        + "<p><small>Sources for both columns:</small></p>"
        + sources_html(sources)
    )


def version_options(content) -> list[tuple[str, str]]:
    """``(label, id)`` of every version of the deal, in order and numbered as in the grid of changes."""
    return [(f"{v.order}. {v.name}", v.id) for v in dr.versions(content)]


class VersionComparison(View):
    """Pick any two versions of the agreement and see their terms side by side.

    Attributes
    ----------
    left, right : ipywidgets.Dropdown
        Their values are deal-version ids.
    changed_only : ipywidgets.Checkbox
    table : ipywidgets.HTML
        The comparison; replaced in place when a control changes.
    output : Messages
        Where an error while building the table is shown.
    """

    def __init__(self, content, left: str | None = None, right: str | None = None):
        self.content = content
        versions = dr.versions(content)
        options = version_options(content)
        style = {"description_width": "initial"}
        self.left = w.Dropdown(options=options, value=left or versions[0].id, description="Compare:", style=style)
        self.right = w.Dropdown(options=options, value=right or versions[-1].id, description="with:", style=style)
        self.changed_only = w.Checkbox(value=False, description="Only terms that changed", indent=False)
        self.table = w.HTML()
        for control in (self.left, self.right, self.changed_only):
            control.observe(lambda _change: self.update(), names="value")
        super().__init__(
            [w.HBox([self.left, self.right, self.changed_only], layout=w.Layout(flex_flow="row wrap")), self.table]
        )
        self.update()

    def update(self) -> None:
        """Rebuild the table for the current choices."""
        with self.reporting("compare these versions"):
            self.table.value = comparison_html(self.content, self.left.value, self.right.value, self.changed_only.value)


def estimate_html(content, estimate_id: str) -> str:
    """Who made one occupation estimate, when, what it counts, and its sources, as safe HTML."""
    e = content.get("occupation_estimates", estimate_id)
    parts = [
        f"<h4>{esc(e.who)}: {esc(e.figure)}</h4>",
        f"<p><b>What it counts:</b> {esc(e.scope)}</p>",
        f"<p><b>When:</b> {day_text(e.date, 'long')}" + (f" ({esc(e.date_note)})" if e.date_note else "") + "</p>",
        f"<p><b>Confidence:</b> {esc(e.confidence)}</p>",
    ]
    if e.note:
        parts.append(f"<p><b>Note:</b> {esc(e.note)}</p>")
    parts.append(f"<p><b>Sources:</b></p>{sources_html(content.sources_for(e.sources))}")
    return "".join(parts)


def estimate_options(content) -> list[tuple[str, str]]:
    """``(label, id)`` of every estimate of the occupied share, earliest first: the options of a picker."""
    shares = sorted((e for e in content.occupation_estimates if e.high is not None), key=lambda e: e.date)
    return [(f"{e.who}: {e.figure}", e.id) for e in shares]


class OccupationView(View):
    """A chart of the occupation estimates, with who made the estimate its control picks and what it counts.

    Parameters
    ----------
    chart : ChartView
        The chart, its ``highlight`` control picking an estimate id::

            OccupationView(ChartView.of(charts.occupation_range, content,
                                        highlight=widgets.Dropdown(options=estimate_options(content))))

    Attributes
    ----------
    picker : ipywidgets.Dropdown
        The chart's ``highlight`` control; its value is an estimate id.
    chart : ChartView
    detail : ipywidgets.HTML
        Who made the picked estimate, when, what it counts, and its sources.
    """

    def __init__(self, chart: ChartView):
        self.content = chart.content
        self.chart = chart
        self.picker = chart.controls["highlight"]
        self.detail = w.HTML()
        self.picker.observe(lambda _c: self.show(), names="value")
        super().__init__([self.chart, self.detail])
        self.show()

    def show(self) -> None:
        """Show the details of the picked estimate."""
        with self.reporting("show this estimate"):
            self.detail.value = estimate_html(self.content, self.picker.value)


def occupation_view(content) -> OccupationView:
    """The occupation estimates as a range chart, with a picker of the estimate to highlight and read about."""
    picker = w.Dropdown(
        options=estimate_options(content),
        description="Estimate:",
        style={"description_width": "initial"},
        layout=w.Layout(width="95%"),
    )
    return OccupationView(ChartView.of(occupation_range, content, highlight=picker))


# ----------------------------------------------------------------------------
# Prose from the data, as formatted HTML


def definitions_html(content) -> str:
    """Each term the notebook defines (rare earths, critical minerals...): what it means, and in this story."""
    return "".join(
        f"<h4>{esc(d.term)}</h4><p><b>What it means:</b> {esc(d.meaning)}</p>"
        f"<p><b>In this story:</b> {esc(d.in_this_story)}</p>"
        for d in content.definitions
    )


def mining_status_html(content) -> str:
    """Where each mineral stands today, as the sources describe it, as a list."""
    items = "".join(f"<li><b>{esc(m.name)}:</b> {esc(m.mining_status)}</li>" for m in content.minerals)
    return f"<ul>{items}</ul>"


def occupation_html(content) -> str:
    """The estimates of the share of Ukraine's minerals under occupation: their range, each one, and the rest.

    Estimates that give a share are listed by date with what they count; an
    estimate that is not a share (a dollar value) is named apart.
    """
    low, high = dr.occupation_range(content)
    shares = sorted((e for e in content.occupation_estimates if e.high is not None), key=lambda e: e.date)
    items = "".join(
        f"<li><b>{e.date:%b %Y}</b>, {esc(e.who)}: <b>{esc(e.figure)}</b> ({esc(e.scope)})</li>" for e in shares
    )
    others = "".join(
        f"<p><b>Not a share:</b> {esc(e.who)}, {e.date:%b %Y}: {esc(e.figure)} ({esc(e.scope)})</p>"
        for e in content.occupation_estimates
        if e.high is None
    )
    return (
        f"<p><b>{len(shares)} estimates of the occupied share</b>, from under {low:g}% to about {high:g}%:</p>"
        f"<ul>{items}</ul>{others}"
    )


def china_html(content, year: int | None = None) -> str:
    """World and Chinese rare-earth mine output in ``year`` (default: the latest on record), and China's shares.

    Each share says who gave it, which stage of the supply chain it is for
    (mining, separation, refining, magnets), its year and whether it is a projection.
    """
    year = year or max(o.year for o in content.rare_earth_output)
    out = {o.country: o for o in content.rare_earth_output if o.year == year}
    share = dr.china_mining_share(content, year)
    items = "".join(
        f"<li>{esc(s.who)}: China's {esc(s.stage)} {'projected' if s.projected else 'share'}, {s.year}: "
        f"<b>{s.percent:g}%</b></li>"
        for s in sorted(content.china_shares, key=lambda s: (s.stage, s.year))
    )
    return (
        f"<p>World rare-earth mine output, {year}: about <b>{out['World'].tonnes:,.0f} t</b>. "
        f"China: <b>{out['China'].tonnes:,.0f} t</b>, which is <b>{share:.1f}%</b> of the world total.</p>"
        f"<ul>{items}</ul>"
    )


def versions_html(content) -> str:
    """The versions of the deal in order: name, status, dates and what is known about the dates."""
    items = []
    for v in dr.versions(content):
        note = f"<br><small><b>On the date:</b> {esc(v.date_note)}</small>" if v.date_note else ""
        items.append(
            f'<li value="{v.order}"><b>{esc(v.name)}</b> ({esc(v.status)}), '
            f"{esc(span_text(v.date, v.end_date))}{note}</li>"
        )
    return f"<ol>{''.join(items)}</ol>"


def guarantees_html(content) -> str:
    """What each version of the deal says about security guarantees, then how US officials described it."""
    items = []
    for v in dr.versions(content):
        t = dr.term(content, v.id, "security-guarantees")
        words = f"<br>The text itself: &ldquo;{esc(t.words)}&rdquo;" if t.words else ""
        items.append(f"<li><b>{esc(v.name)}:</b> {esc(t.text)}{words}</li>")
    said = "".join(
        f"<li>{esc(day_text(q.date))}, <b>{esc(content.get('actors', q.speaker).name)}</b>: "
        f"&ldquo;{esc(q.words)}&rdquo;{form_html(q)}</li>"
        for q in dr.security_words(content)
    )
    return (
        f"<p><b>What each text says</b></p><ol>{''.join(items)}</ol>"
        f"<p><b>How US officials described the deal</b></p><ul>{said}</ul>"
    )
