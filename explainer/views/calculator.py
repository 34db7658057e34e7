"""The figures calculator of notebook 02: combine two aid figures and see what the result measures.

The arithmetic and its rules are in :mod:`explainer.model.arithmetic`; this
module only lays out the controls, shows the result with its flags, and saves
each combination tried in ``my_work/calculator.json`` for the class summary.
"""

from __future__ import annotations

import ipywidgets as w

from ..classroom import studentwork
from ..markup import esc
from ..model import arithmetic
from ..model.aid import usd_per_eur
from .base import View

_WIDE = {"description_width": "initial"}

#: The worked example the static copy shows: Europe's committed aid added to its allocated aid (Kiel, February 2025).
EXAMPLE = ("aid_kiel:kiel-2025-02-europe-committed", "+", "aid_kiel:kiel-2025-02-europe-total")

#: The figures the live calculator starts with: the CRS total and Ukraine's count of aid received.
START = ("aid_headlines:crs-2024-04-29-appropriated", "−", "aid_headlines:zelensky-2025-02-19-received")

_OPERATIONS = (("+ add", "+"), ("− subtract", "−"), ("÷ divide", "÷"))


def _term(content, anchor: str) -> str:
    """The name of the glossary entry or measure an anchor points to (the link's text says where it goes)."""
    kind, _, record_id = anchor.partition("-")
    if kind == "glossary":
        return content.get("glossary", record_id).term
    return content.get("aid_measures", record_id).label


def result_html(content, a, op: str, b, rate_id: str | None = None) -> str:
    """The result of one combination as HTML: the working, the value with unit and measure, then each flag.

    Parameters
    ----------
    content : Content
    a, b : explainer.model.arithmetic.Figure
    op : {"+", "−", "÷"}
    rate_id : str, optional
        The exchange rate chosen, if any.

    Returns
    -------
    str
        Safe HTML. Each flag links to the entry defining its term
        (``#glossary-<id>`` or ``#measure-<id>``).
    """
    r = arithmetic.combine(content, a, op, b, rate_id)
    parts = [f"<p>{esc(a.label)} <b>{esc(op)}</b> {esc(b.label)}</p>"]
    if r.conversion:
        parts.append(f"<p><b>Conversion:</b> {esc(r.conversion)}</p>")
    if r.value is None:
        parts.append(f"<p><b>No result:</b> {esc(r.working)} cannot be worked out as it stands.</p>")
    else:
        measure = esc(r.measure) if r.measure else "none (the result counts no single thing)"
        parts.append(f"<p><b>Result:</b> {esc(r.working)}. <b>Unit:</b> {esc(r.unit)}. <b>Measure:</b> {measure}.</p>")
    if r.flags:
        items = "".join(
            f'<li>{esc(f.message)} <a href="#{esc(f.anchor)}">What “{esc(_term(content, f.anchor))}” means</a></li>'
            for f in r.flags
        )
        parts.append(f'<p><b>Flagged: this mixes unlike things.</b></p><ul class="explainer-flags">{items}</ul>')
    elif r.measure is None:
        parts.append(
            "<p>No rule of this explainer is broken: a difference or a ratio of two measures is a fair "
            "comparison, as long as you say what each figure counts.</p>"
        )
    else:
        parts.append("<p>No rule of this explainer is broken: both figures count the same kind of thing.</p>")
    return "".join(parts)


class Calculator(View):
    """Two dropdowns of the records' figures, an operation, an optional exchange rate and a result.

    Each press of the button works the result out, shows it with its flags
    and saves the combination in ``my_work/calculator.json``.

    Attributes
    ----------
    first, second : ipywidgets.Dropdown
    operation : ipywidgets.ToggleButtons
    rate : ipywidgets.Dropdown
    result : ipywidgets.HTML
    """

    def __init__(self, content):
        self.content = content
        options = [(f.label, f.id) for f in arithmetic.figures(content)]
        self.first = w.Dropdown(options=options, value=START[0], description="First figure:", style=_WIDE)
        self.operation = w.ToggleButtons(options=_OPERATIONS, value=START[1], description="Operation:", style=_WIDE)
        self.second = w.Dropdown(options=options, value=START[2], description="Second figure:", style=_WIDE)
        # "" rather than None for no rate: a drop-down cannot be set back to a None option from the keyboard.
        rates = [("none: keep euros and dollars apart", "")]
        for rec in content.aid_exchange_rates:
            rates.append((f"{usd_per_eur(content, rec.id)[0]:.3f} US$ per euro ({rec.id})", rec.id))
        self.rate = w.Dropdown(options=rates, value="", description="Euro-dollar rate:", style=_WIDE)
        for box in (self.first, self.second):
            box.layout.width = "95%"
        self.button = w.Button(
            description="Work it out", button_style="primary", tooltip="Work out the result and save what you tried"
        )
        self.result = w.HTML()
        self.message = w.HTML()
        self.button.on_click(lambda _b: self.work_out())
        super().__init__(
            [
                w.HTML("<p><b>Figures calculator.</b> Pick two figures and an operation, then work it out.</p>"),
                self.first,
                self.operation,
                self.second,
                self.rate,
                self.button,
                self.result,
                self.message,
            ],
            layout=w.Layout(border="1px solid #bbb", padding="6px"),
        )

    def work_out(self) -> bool:
        """Show the result of the chosen combination and save it; returns whether it was saved."""
        with self.reporting("work out the result"):
            a = arithmetic.figure(self.content, self.first.value)
            b = arithmetic.figure(self.content, self.second.value)
            op, rate_id = self.operation.value, self.rate.value or None
            self.result.value = result_html(self.content, a, op, b, rate_id)
            flags = arithmetic.combine(self.content, a, op, b, rate_id).flags
            path = studentwork.record_mix(a.id, op, b.id, [f.rule for f in flags])
            self.message.value = f"<p><small>Saved in <code>{esc(path.name)}</code>.</small></p>"
            return True
        return False

    def snapshot_html(self) -> str:
        """One worked example, and a note that the calculator needs a running notebook."""
        a, op, b = (
            arithmetic.figure(self.content, EXAMPLE[0]),
            EXAMPLE[1],
            arithmetic.figure(self.content, EXAMPLE[2]),
        )
        return (
            "<p><b>Figures calculator.</b> Choosing figures and working them out needs a running notebook "
            "(JupyterLab or Binder). Here is one worked example:</p>" + result_html(self.content, a, op, b)
        )
