"""chart_update_ms / chart_floor_ms / chart_update_ratio: a chart view's redraw against a bare figure's.

For every chart view the notebooks offer (each :class:`~explainer.views.base.ChartView`
made by :mod:`explainer.views`), each control is set to each of its values in
turn, from Python, as a reader's click does; the time is taken from the
assignment until the view has set its new image (and caption). That is
``chart_update_ms`` (the median, per view).

Each change is followed by its floor, ``chart_floor_ms``: a bare figure of the
same size, one line and a title, whose line is moved and which is then shown
the same way (rendered to SVG by :func:`explainer.charts.base.to_svg`, put in
an ``<img>`` and set into an HTML widget). ``chart_update_ratio`` is the worst
view's median over its floor's median.

Run in one process, interleaved (change, floor, change, floor...), so load on
the machine falls on both alike.
"""

from __future__ import annotations

import base64
import statistics
import time


def chart_views(content) -> dict:
    """``{name: ChartView}`` for every chart view of the notebooks."""
    from explainer.views import aid, deal, timeline

    return {
        "02 measure_view (headline_figures)": aid.measure_view(content),
        "02 unit_view (appropriations_timeline)": aid.unit_view(content),
        "02 donor_view (donors_by_category)": aid.donor_view(content),
        "03 occupation_view (occupation_range)": deal.occupation_view(content).chart,
        "04 TimelineExplorer (events_timeline)": timeline.TimelineExplorer(content).chart,
    }


def _values(control) -> list:
    """Values to step a control through: its options, both states, or a few positions of a range."""
    import ipywidgets as w

    if isinstance(control, w.SelectionRangeSlider):
        n = len(control.options)
        return [(0, n - 1), (n // 4, n - 1), (n // 3, 2 * n // 3), (0, n // 2)]
    if isinstance(control, w.SelectMultiple) or isinstance(getattr(control, "value", None), tuple):
        # several choices at once (SelectMultiple, or the donor views' group of checkboxes)
        opts = [v for _label, v in control._options_full] if hasattr(control, "_options_full") else control.options
        opts = [o[1] if isinstance(o, tuple) else o for o in opts]
        return [tuple(opts[:2]), tuple(opts), tuple(opts[1:]), tuple(opts[:1])]
    if isinstance(control, w.Checkbox):
        return [not control.value, control.value]
    if hasattr(control, "options"):
        return [o[1] if isinstance(o, tuple) else o for o in control.options][:6]
    raise TypeError(f"no plan for {type(control).__name__}")


def _settable(control, value) -> bool:
    """Whether ``value`` is one the control offers now (a view may change a control's options)."""
    import ipywidgets as w

    if isinstance(control, w.SelectionRangeSlider) or not hasattr(control, "options"):
        return True
    offered = [o[1] if isinstance(o, tuple) else o for o in control.options]
    if isinstance(control, w.SelectMultiple) or isinstance(control.value, tuple):
        return all(v in offered for v in value)
    return value in offered


def _set(control, value) -> None:
    import ipywidgets as w

    if isinstance(control, w.SelectionRangeSlider):
        control.index = value
    else:
        control.value = value


def _floor(view):
    """A function timing one floor redraw for ``view``: a bare figure of the view's size, shown the same way."""
    import ipywidgets as w
    import matplotlib as mpl
    from matplotlib.figure import Figure

    from explainer.charts.base import STYLE, to_svg
    from explainer.markup import as_written

    with mpl.rc_context(STYLE):
        fig = Figure(figsize=view.figure.get_size_inches(), dpi=view.figure.dpi, layout="constrained")
        ax = fig.add_subplot()
        (line,) = ax.plot([0, 1, 2, 3], [0, 1, 0, 1])
        fig.suptitle("A bare figure: one line and a title")
        fig.draw_without_rendering()
        fig.set_layout_engine(None)
    spare = w.HTML()
    state = {"k": 0}

    def floor() -> float:
        state["k"] += 1
        t0 = time.perf_counter()
        line.set_ydata([0, 1 + state["k"] % 3, 0, 1])
        svg = base64.b64encode(to_svg(fig)).decode("ascii")
        spare.value = as_written(f'<img class="widget-image" alt="a line" src="data:image/svg+xml;base64,{svg}">')
        return time.perf_counter() - t0

    return floor


def measure(repeats: int = 3) -> dict:
    """Time every chart view against its floor; ``repeats`` passes over each control's values."""
    import explainer

    content = explainer.load()
    out = {}
    for name, view in chart_views(content).items():
        floor = _floor(view)
        plan = [(c, v) for c in view.controls.values() for v in _values(c)]
        for control, value in plan:  # warm-up: every value once (imports, caches of text metrics)
            if _settable(control, value):
                _set(control, value)
        floor()
        updates, floors, unchanged = [], [], 0
        for _ in range(repeats):
            for control, value in plan:
                if not _settable(control, value):
                    continue
                before = view.image.value
                time.sleep(0.002)
                t0 = time.perf_counter()
                _set(control, value)
                elapsed = time.perf_counter() - t0
                if view.image.value == before:
                    unchanged += 1  # the value was already set: no redraw, not a sample
                    continue
                updates.append(elapsed)
                time.sleep(0.002)
                floors.append(floor())
        messages = [str(o) for o in view.output.outputs]
        upd = statistics.median(updates) * 1000 if updates else None
        flo = statistics.median(floors) * 1000 if floors else None
        out[name] = {
            "update_ms": round(upd, 2) if upd else None,
            "floor_ms": round(flo, 2) if flo else None,
            "ratio": round(upd / flo, 3) if upd and flo else None,
            "changes": len(updates),
            "unchanged": unchanged,
            "size_inches": [round(x, 2) for x in view.figure.get_size_inches()],
            "messages": messages[:3],
            "samples_ms": [round(x * 1000, 2) for x in updates],
            "floor_samples_ms": [round(x * 1000, 2) for x in floors],
        }
    return out


if __name__ == "__main__":  # python -m benchmarks.charts: this measurement alone
    import json

    result = measure()
    for name, r in result.items():
        print(f"{name:<45} {r['update_ms']:>8.1f} ms  floor {r['floor_ms']:>6.1f} ms  ratio {r['ratio']:.2f}")
    print(json.dumps({k: v["ratio"] for k, v in result.items()}))
