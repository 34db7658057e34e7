"""Interactive views built on ipywidgets.

Callbacks are thin: they call chart and content functions and put the result
into an ``Image`` or ``HTML`` widget in place. Anything that goes wrong in a
callback is shown in the view's ``Output`` widget, never lost.
"""

from __future__ import annotations

import contextlib

import ipywidgets as w

from .charts.base import info, to_png
from .display import esc, sources_html


class Messages(w.Output):
    """An ``Output`` for a view's error messages that costs nothing to clear when empty.

    ``Output.clear_output()`` always sends three messages and waits for the
    kernel's output streams to flush (about 2-3 ms, more than the rest of a
    text update). Views clear their messages on every update, so this one
    only clears when something was written into it since the last clear.
    """

    _written = False

    def __enter__(self):
        self._written = True
        return super().__enter__()

    def clear_output(self, *pargs, **kwargs):
        """Clear the output, if anything was shown in it since the last clear."""
        if self._written:
            super().clear_output(*pargs, **kwargs)
            self._written = False


class ChartView:
    """A chart that redraws in place when its parameters change.

    Parameters
    ----------
    draw : callable
        A chart function ``draw(content, fig=None, **params) -> Figure``.
    content : Content
    controls : dict of str to ipywidgets.ValueWidget
        Each control's value is passed to ``draw`` under its key.
    params : dict, optional
        Fixed keyword arguments passed to ``draw`` as well.

    Attributes
    ----------
    image : ipywidgets.Image
        Holds the current PNG; replaced in place on each update.
    caption : ipywidgets.HTML
        Description and source note of the current chart.
    output : ipywidgets.Output
        Where errors raised while redrawing are shown.
    widget : ipywidgets.VBox
        Controls, chart, caption and output, ready to display.
    """

    def __init__(self, draw, content, controls: dict, params: dict | None = None):
        self.draw = draw
        self.content = content
        self.controls = dict(controls)
        self.params = dict(params or {})
        self.figure = None
        self.image = w.Image(format="png", layout=w.Layout(max_width="100%", height="auto"))
        self.caption = w.HTML()
        self.output = Messages()
        self.updates = 0
        self._drawn = None  # the values the chart on show was drawn with
        self._held = 0
        for control in self.controls.values():
            control.observe(self._on_change, names="value")
        self.widget = w.VBox(
            [
                w.HBox(list(self.controls.values()), layout=w.Layout(flex_flow="row wrap")),
                self.image,
                self.caption,
                self.output,
            ],
        )
        self.update()

    def values(self) -> dict:
        """Current keyword arguments for the chart function."""
        return {**self.params, **{k: c.value for k, c in self.controls.items()}}

    @contextlib.contextmanager
    def hold(self):
        """Draw once, after the ``with`` block, however many controls change inside it.

        For views that move several controls in response to one change (a filter
        that also changes the event picked): the chart is drawn once, with the
        final values, instead of once per control.
        """
        self._held += 1
        try:
            yield self
        finally:
            self._held -= 1
            if not self._held:
                self._on_change(None)

    def _on_change(self, _change):
        if self._held:
            return
        # One change can reach us twice (a view that also moves another of our
        # controls in response): draw only when the values differ from the chart's.
        try:
            same = self.values() == self._drawn
        except (TypeError, ValueError):  # values that cannot be compared: redraw
            same = False
        if not same:
            self.update()

    def update(self) -> None:
        """Redraw the chart into the same figure and show it."""
        self.output.clear_output()
        values = self.values()
        try:
            self.figure = self.draw(self.content, fig=self.figure, **values)
            self.image.value = to_png(self.figure)
            self._drawn = values
            meta = info(self.figure)
            # No tooltip as a stand-in for alt text: ipywidgets 8.1's Image then fails to render
            # ("Could not create a view"). The caption right under the image describes it.
            self.caption.value = (
                f'<p class="explainer-alt">{esc(meta.alt_text)}</p>'
                f'<p class="explainer-source"><small>{esc(meta.source_note)}</small></p>'
            )
            self.updates += 1
        except Exception as err:  # shown to the reader, not lost in the log
            with self.output:
                print(f"Could not draw this chart: {type(err).__name__}: {err}")

    def _ipython_display_(self):
        from IPython.display import display

        display(self.widget)


def verdict_badge(level) -> str:
    """A verdict as text with a symbol, so colour is not the only signal."""
    symbol = {1: "✔", 2: "◐", 3: "⚠", 4: "✘"}.get(level.value, "•")
    return f'<span class="explainer-verdict verdict-{esc(level.id)}"><b>{symbol} {esc(level.label)}</b></span>'


def claim_html(content, claim) -> str:
    """Everything the ledger records about one claim, as safe HTML."""
    level = content.get("rating_scale", claim.rating)
    return (
        f"<h4>{esc(claim.claim_reviewed)}</h4>"
        f"<p><b>The article:</b> &ldquo;{esc(claim.quoted)}&rdquo; ({esc(claim.appearance)})</p>"
        f"<p><b>Verdict:</b> {verdict_badge(level)} &mdash; {esc(level.description)}</p>"
        f"<p><b>What the record shows:</b> {esc(claim.what_the_record_shows)}</p>"
        f"<p><b>Why this verdict:</b> {esc(claim.explanation)}</p>"
        f"<p><b>Confidence:</b> {esc(claim.confidence)}</p>"
        f"<p><b>Sources:</b></p>{sources_html(content.sources_for(claim.sources))}"
    )


class ClaimsExplorer:
    """Pick a claim of the article; see its verdict, explanation and sources.

    Attributes
    ----------
    picker : ipywidgets.Dropdown
        Its value is a claim id.
    detail : ipywidgets.HTML
    widget : ipywidgets.VBox
    """

    def __init__(self, content):
        self.content = content
        options = [(c.claim_reviewed, c.id) for c in content.claims]
        self.picker = w.Dropdown(
            options=options,
            description="Claim:",
            layout=w.Layout(width="95%"),
            style={"description_width": "initial"},
        )
        self.detail = w.HTML()
        self.output = Messages()
        self.picker.observe(self._on_change, names="value")
        self.widget = w.VBox([self.picker, self.detail, self.output])
        self.show(self.picker.value)

    def _on_change(self, change):
        self.show(change["new"])

    def show(self, claim_id: str) -> None:
        """Show the claim ``claim_id``."""
        self.output.clear_output()
        try:
            self.detail.value = claim_html(self.content, self.content.get("claims", claim_id))
        except Exception as err:
            with self.output:
                print(f"Could not show this claim: {err}")

    def _ipython_display_(self):
        from IPython.display import display

        display(self.widget)
