"""A static HTML copy of what a view shows, stored next to the live widget in the notebook.

A widget's output in a saved notebook is only a pointer to the widget's state:
GitHub, nbviewer and the static site, which run no kernel, would show
``VBox(children=...)``. Each view therefore also offers ``text/html``: its
text, tables and questions as they are, its charts as images with their
description, and the settings of its controls. JupyterLab and Voila prefer the
live widget and never show this copy.
"""

from __future__ import annotations

import base64

import ipywidgets as w

from ..markup import IGNORE_MATH, esc

NOTE = (
    '<p class="explainer-snapshot-note"><small>A copy of this interactive view as it was last run; '
    "run the notebook to use its controls.</small></p>"
)


def png_img(png: bytes, alt: str) -> str:
    """An ``<img>`` holding ``png`` inline, with its alternative text."""
    if not png:
        return ""
    data = base64.b64encode(png).decode("ascii")
    return f'<img src="data:image/png;base64,{data}" alt="{esc(alt)}" style="max-width:100%;height:auto">'


def _control_value(widget) -> str | None:
    if isinstance(widget, (w.Button, w.Textarea, w.Text)):
        return None  # actions and the reader's own writing: nothing to show
    if isinstance(widget, (w.SelectMultiple, w.SelectionRangeSlider)):
        labels = widget.label
        sep = " to " if isinstance(widget, w.SelectionRangeSlider) else ", "
        return sep.join(str(x) for x in labels) if labels else "none"
    if isinstance(widget, (w.Dropdown, w.ToggleButtons, w.RadioButtons, w.Select, w.SelectionSlider)):
        return "none" if widget.label is None else str(widget.label)
    if isinstance(widget, w.Checkbox):
        return "on" if widget.value else "off"
    if isinstance(widget, w.ValueWidget):
        return str(widget.value)
    return None


def widget_html(widget) -> str:
    """The static HTML of one widget and everything in it, in display order."""
    own = getattr(widget, "snapshot_html", None)
    if callable(own):
        return own()
    if isinstance(widget, (w.HTML, w.HTMLMath)):
        return widget.value
    if isinstance(widget, w.Label):
        return f"<p>{esc(widget.value)}</p>" if widget.value else ""
    if isinstance(widget, w.Image):
        return png_img(widget.value, widget.description or "") if widget.format == "png" else ""
    if isinstance(widget, w.Output):
        return "".join(_output_html(out) for out in widget.outputs)
    if isinstance(widget, w.Box):
        return children_html(widget.children)
    value = _control_value(widget)
    if value is None or not getattr(widget, "description", ""):
        return ""
    return control_line(widget.description, value)


def control_line(description: str, value: str) -> str:
    """One control's setting as a line of the static copy: "Donors: United States, Europe"."""
    return f'<p class="explainer-control"><small>{esc(description.rstrip(":"))}: <b>{esc(value)}</b></small></p>'


def children_html(children) -> str:
    """The static HTML of several widgets, one after the other."""
    return "".join(widget_html(child) for child in children)


def _output_html(out: dict) -> str:
    data = out.get("data", {})
    if "text/html" in data:
        return data["text/html"]
    text = out.get("text") or data.get("text/plain")
    return f"<pre>{esc(text)}</pre>" if text else ""


def wrap(inner: str) -> str:
    """A snapshot's HTML in its frame, with the note that it is a copy; MathJax leaves its "$" alone."""
    return f'<div class="explainer-snapshot"><div class="{IGNORE_MATH}">{inner}</div>{NOTE}</div>'
