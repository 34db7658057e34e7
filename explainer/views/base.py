"""What every view shares: a box with a message area, failure reporting, and charts that redraw in place.

A view is an ipywidgets box (as ``ipywidgets.interactive`` is): display it,
put it in another box, or drive its controls from Python. Its callbacks are
thin: they call model queries and chart functions, and put the result into an
``Image`` or ``HTML`` widget in place. Anything that goes wrong in a callback
is reported in the view's ``output`` area by :meth:`View.reporting`, never
lost in a log.
"""

from __future__ import annotations

import contextlib

import ipywidgets as w

from ..charts.base import info
from ..markup import as_written
from . import snapshot
from .display import chart_html_caption, chart_image_html, chart_svg_html


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


class View(w.VBox):
    """A vertical box of widgets with a message area at the bottom.

    Parameters
    ----------
    children : sequence of ipywidgets.Widget
        The view's widgets; ``output`` is added after them.
    **kwargs
        Passed to ``ipywidgets.VBox`` (``layout`` for instance).

    Attributes
    ----------
    output : Messages
        Where a failure in a callback is reported.
    """

    def __init__(self, children=(), **kwargs):
        self.output = Messages()
        super().__init__([*children, self.output], **kwargs)

    def snapshot_html(self) -> str:
        """What the view shows now, as static HTML (text, tables, charts with alt text, control settings)."""
        return snapshot.children_html(self.children)

    def _repr_mimebundle_(self, **kwargs):
        """The live widget, plus a static copy for readers without a kernel (GitHub, nbviewer, the site).

        JupyterLab and Voila show the widget; the ``text/html`` copy is what a
        page that cannot run it shows instead of ``VBox(children=...)``.
        """
        data = super()._repr_mimebundle_(**kwargs)
        data["text/html"] = snapshot.wrap(self.snapshot_html())
        return data

    @contextlib.contextmanager
    def reporting(self, what: str):
        """Run the ``with`` block; if it fails, say "Could not WHAT: ..." in the message area.

        Earlier messages are cleared first, so the area shows only what went
        wrong with the latest change.
        """
        self.output.clear_output()
        try:
            yield
        except Exception as err:  # shown to the reader, not lost in the log
            with self.output:
                print(f"Could not {what}: {type(err).__name__}: {err}")


class ChartView(View):
    """A chart that redraws in place when its controls change.

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
    image : ipywidgets.HTML
        Holds the current chart: an ``<img>`` of its SVG whose ``alt`` is the
        chart's description, so screen readers find it on the image itself.
        The static copy stored in the notebook has a PNG of it instead
        (:meth:`snapshot_html`).
    caption : ipywidgets.HTML
        Description, source note and download link of the current chart.
    output : Messages
        Where errors raised while redrawing are shown.
    """

    def __init__(self, draw, content, controls: dict, params: dict | None = None):
        self.draw = draw
        self.content = content
        self.controls = dict(controls)
        self.params = dict(params or {})
        self.figure = None
        self.image = w.HTML(layout=w.Layout(max_width="100%"))
        self.caption = w.HTML()
        self.updates = 0
        self._drawn = None  # the values the chart on show was drawn with
        self._held = 0
        for control in self.controls.values():
            control.observe(self._on_change, names="value")
        super().__init__(
            [w.HBox(list(self.controls.values()), layout=w.Layout(flex_flow="row wrap")), self.image, self.caption]
        )
        self.update()

    @classmethod
    def of(cls, chart, content, **options):
        """A view of ``chart(content, **options)`` in which every option given as a control is live.

        Parameters
        ----------
        chart : callable
            A chart function, ``chart(content, fig=None, **options) -> Figure``
            (``explainer.charts.appropriations_timeline``, say).
        content : Content
        **options
            The chart's options: an ipywidgets control (``Dropdown``, ``Checkbox``...)
            makes the option live, with the control's value; any other value is fixed.

        Examples
        --------
        >>> ChartView.of(charts.appropriations_timeline, content,
        ...              unit=widgets.Dropdown(options=aid.UNITS, description="Unit"), show_dod=True)
        """
        controls = {k: v for k, v in options.items() if isinstance(v, w.ValueWidget)}
        params = {k: v for k, v in options.items() if k not in controls}
        return cls(chart, content, controls, params)

    def snapshot_html(self) -> str:
        """The controls' settings, the chart as a PNG with its alternative text, and the caption.

        The PNG is drawn here, once per copy, not on every redraw: the live
        image stays an SVG, which is quicker to make.
        """
        chart = chart_image_html(self.figure) if self.figure is not None else ""
        return "".join([snapshot.children_html(self.children[:1]), chart, self.caption.value])

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
        """Redraw the chart into the same figure (its artists updated in place) and show it."""
        values = self.values()
        with self.reporting("draw this chart"):
            self.figure = self.draw(self.content, fig=self.figure, **values)
            self.image.value = as_written(chart_svg_html(self.figure))
            self._drawn = values
            info(self.figure)  # a figure not made by a chart function is reported, not shown bare
            self.caption.value = as_written(chart_html_caption(self.figure))
            self.updates += 1
