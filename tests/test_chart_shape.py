"""Charts in matplotlib's own shape (issue 23): prepare, then draw; public API only; no label on another.

- Each chart is a ``prepare_*`` query returning ``(DataFrame, ChartInfo)`` and a
  ``draw_*`` function drawing a frame onto the Axes it is given; the chart
  function assembles the two.
- No chart function is longer than about 60 lines.
- Nothing in ``explainer/`` reaches into a private attribute of another object
  (matplotlib's ``fig._suptitle``, ``ax._set_position``...), nor imports a private name.
- Every chart, drawn with each of the options its views offer, has every label
  inside the figure and no two labels overlapping, measured with matplotlib's
  own text extents.
"""

from __future__ import annotations

import ast
import datetime as dt
import inspect
from pathlib import Path

import pandas as pd
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text

import explainer
from explainer import charts
from explainer.charts import base

PACKAGE = Path(charts.__file__).resolve().parent.parent
CHART_MODULES = sorted(p for p in (PACKAGE / "charts").glob("*.py") if p.name != "__init__.py")
ALL = {fn.__name__: fn for fn in charts.CHART_FUNCTIONS}
MAX_LINES = 60


# ---------------------------------------------------------------- public API only


def _private(name: str) -> bool:
    """A private name: one underscore first; not a dunder, nor IPython's display protocol (``_repr_html_``...)."""
    protocol = name.startswith("_repr_") and name.endswith("_")
    return name.startswith("_") and not name.startswith("__") and not protocol


def private_uses(path: Path) -> list[str]:
    """``line: code`` for each use of another object's private attribute or a private import in ``path``."""
    found = []
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        name = None
        if isinstance(node, ast.Attribute) and _private(node.attr):
            if not (isinstance(node.value, ast.Name) and node.value.id in ("self", "cls")):
                name = node.attr
        elif isinstance(node, ast.Call) and getattr(node.func, "id", None) in ("getattr", "setattr", "hasattr"):
            arg = node.args[1] if len(node.args) > 1 else None
            if isinstance(arg, ast.Constant) and str(arg.value).startswith("_") and not str(arg.value).startswith("__"):
                name = arg.value
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] != "explainer":
            if any(part.startswith("_") and not part.startswith("__") for part in node.module.split(".")):
                name = node.module
            name = name or next((a.name for a in node.names if a.name.startswith("_")), None)
        if name:
            found.append((node.lineno, f"{node.lineno}: {name}"))
    return [text for _line, text in sorted(found)]  # in the file's order (ast.walk goes level by level)


#: Private names a library documents as the hook to override or call, by file:
#: IPython's ``set_custom_exc`` handlers show their lines through ``_showtraceback``,
#: the method ipykernel overrides to send an error to the notebook.
HOOKS = {("notebook.py", "_showtraceback")}


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_private_attribute_of_another_object(path):
    uses = [u for u in private_uses(path) if (path.name, u.split(": ")[1]) not in HOOKS]
    assert not uses, f"{path.relative_to(PACKAGE.parent)} uses private names: {uses}"


def test_the_private_name_check_finds_what_it_is_for(tmp_path):
    probe = tmp_path / "probe.py"
    probe.write_text(
        "from __future__ import annotations\n"
        "from matplotlib.backends._backend_tk import x\n"
        "fig._suptitle.set_text('a')\n"
        "ax._set_position(p)\n"
        "getattr(ax, '_left_title')\n"
        "self._own = 1\n"
        "fig.__class__\n"
        "from __future__ import annotations\n",
        encoding="utf-8",
    )
    assert private_uses(probe) == [
        "2: matplotlib.backends._backend_tk",
        "3: _suptitle",
        "4: _set_position",
        "5: _left_title",
    ]


# ---------------------------------------------------------------- prepare, then draw


def functions_of(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)]


@pytest.mark.parametrize("path", CHART_MODULES, ids=lambda p: p.name)
def test_no_chart_function_is_longer_than_about_60_lines(path):
    long = {f.name: f.end_lineno - f.lineno + 1 for f in functions_of(path) if f.end_lineno - f.lineno + 1 > MAX_LINES}
    assert not long, f"{path.name}: functions over {MAX_LINES} lines: {long}"


@pytest.mark.parametrize("name", sorted(ALL))
def test_each_chart_is_a_prepare_and_a_draw(name, content):
    module = inspect.getmodule(ALL[name])
    prepare, draw = getattr(module, f"prepare_{name}", None), getattr(module, f"draw_{name}", None)
    assert prepare and draw, f"{module.__name__} has no prepare_{name} and draw_{name}"
    frame, meta = prepare(content)
    assert isinstance(frame, pd.DataFrame) and len(frame) and isinstance(meta, base.ChartInfo)
    assert meta.data is frame
    assert list(inspect.signature(draw).parameters)[:2] == ["ax", "frame"]
    # The drawer draws onto an Axes it is given, in someone else's figure, and nothing else.
    with charts.style():
        fig = Figure(figsize=(12, 6))
        theirs, ax = fig.subplots(1, 2)
    draw(ax, frame)
    assert not (theirs.lines or theirs.patches or theirs.texts or theirs.collections)
    assert ax.lines or ax.patches or ax.collections, f"draw_{name} drew nothing on the Axes it was given"
    assert fig.get_suptitle() == "", f"draw_{name} wrote on the figure, not on its Axes"


# ---------------------------------------------------------------- no label on another


def _variants(content):
    """Every chart with the options its views offer, as (id, chart function, options)."""
    from explainer.model import aid as aid_model
    from explainer.model import timeline as tl
    from explainer.views import deal as deal_views

    phases = {p.id: p for p in content.phases}
    first, last = tl.full_range(content)
    later = tl.period_after(content, "fund-launched")[1]
    after = tl.period_after(content, "fund-launched")[2]
    yield from ((f"{n}-default", fn, {}) for n, fn in ALL.items())
    yield from ((f"appropriations-{u}", charts.appropriations_timeline, {"unit": u}) for u in aid_model.UNITS)
    yield from ((f"headlines-{u}", charts.headline_figures, {"unit": u}) for u in aid_model.UNITS)
    yield ("appropriations-no-dod", charts.appropriations_timeline, {"unit": "per US resident", "show_dod": False})
    # A highlighted measure's labels are bold (wider); the largest figure is a claim.
    for m in sorted({h.measure for h in aid_model.aid_figures(content)}):
        yield (f"headlines-highlight-{m}", charts.headline_figures, {"measure": m})
    yield ("headlines-claimed-resident", charts.headline_figures, {"measure": "claimed", "unit": "per US resident"})
    yield ("donors-usd", charts.donors_by_category, {"currency": "USD"})
    every = ("United States", "Europe", "All donors")
    yield ("donors-all-usd", charts.donors_by_category, {"donors": every, "currency": "USD"})
    yield ("donors-all-military", charts.donors_by_category, {"donors": every, "categories": ("military",)})
    yield ("donors-committed", charts.donors_by_category, {"donors": ("Europe",), "categories": ("committed",)})
    for _label, estimate in deal_views.estimate_options(content):
        yield (f"occupation-{estimate}", charts.occupation_range, {"highlight": estimate})
    yield (
        "timeline-04-explorer",
        charts.events_timeline,
        {"dates": (phases["rupture"].start, phases["oval-office"].end), "selected": "oval-office-clash"},
    )
    yield ("timeline-04-story", charts.events_timeline, {"dates": (first, phases["ratification"].end)})
    yield (
        "timeline-07-explorer",
        charts.events_timeline,
        {"dates": (later[0].start, max(e.last_day for e in after)), "selected": "dfc-commits-75m"},
    )
    yield ("timeline-short", charts.events_timeline, {"dates": (dt.date(2025, 2, 18), dt.date(2025, 3, 2))})
    # The explorers' filters: one actor (with an event picked), one country, and none left.
    yield ("timeline-actor", charts.events_timeline, {"actor": "kellogg", "selected": "kyiv-statements-cancelled"})
    yield ("timeline-country", charts.events_timeline, {"country": "France"})
    yield (
        "timeline-none",
        charts.events_timeline,
        {"dates": (dt.date(2025, 3, 20), dt.date(2025, 3, 21)), "actor": "kellogg"},
    )


def tick_labels_outside_limits(ax) -> list[Text]:
    """The labels of ticks beyond the axis limits: matplotlib keeps them, visible, but never draws them."""
    out = []
    for axis in (ax.xaxis, ax.yaxis):
        low, high = sorted(axis.get_view_interval())
        slack = (high - low) * 1e-9
        for tick in axis.get_major_ticks() + axis.get_minor_ticks():
            if not low - slack <= tick.get_loc() <= high + slack:
                out += [tick.label1, tick.label2]
    return out


def label_boxes(fig: Figure) -> list[tuple[str, object]]:
    """``(text, extent)`` of every visible label, in pixels, the words only (not a leader line or a box)."""
    renderer = FigureCanvasAgg(fig).get_renderer()
    fig.draw(renderer)
    out = []
    undrawn = {id(label) for ax in fig.axes for label in tick_labels_outside_limits(ax)}
    for t in fig.findobj(Text):
        if not (t.get_visible() and t.get_text().strip()) or id(t) in undrawn:
            continue
        box = Text.get_window_extent(t, renderer)
        if t.get_clip_on() and t.axes is not None and not box.overlaps(t.axes.bbox):
            continue  # clipped away entirely: not shown
        out.append((t.get_text().replace("\n", " / ")[:40], box))
    return out


#: The variants, found once when the tests are collected (they depend on the shipped content).
VARIANTS = list(_variants(explainer.load()))


def test_variants_cover_every_chart():
    assert {fn.__name__ for _, fn, _ in VARIANTS} == set(ALL)


@pytest.mark.parametrize("vid, fn, options", VARIANTS, ids=[vid for vid, _fn, _options in VARIANTS])
def test_no_label_overlaps_another_or_leaves_the_figure(vid, fn, options, content):
    fig = fn(content, **options)
    boxes = label_boxes(fig)
    frame = fig.bbox.padded(1)
    outside = [text for text, box in boxes if not (frame.contains(box.x0, box.y0) and frame.contains(box.x1, box.y1))]
    assert not outside, f"{vid}: labels leave the figure: {outside}"
    clashes = [
        (a, b)
        for i, (a, box_a) in enumerate(boxes)
        for b, box_b in boxes[i + 1 :]
        if box_a.padded(-1).overlaps(box_b.padded(-1))  # touching is not overlapping
    ]
    assert not clashes, f"{vid}: labels overlap: {clashes}"
