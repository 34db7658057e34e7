"""Kernel-side probe: find every interactive view a notebook made and drive it.

This file is loaded into a running notebook kernel by
:meth:`tests.kernels.Session.probe` (as a module of its own, so the
notebook's variables are untouched). The notebook tests use it to drive every
view, the benchmarks (``python -m benchmarks``) to time them. Nothing here
knows the notebooks: a *view* is any live widget box whose class comes from
the ``explainer`` package (ChartView, ClaimsExplorer, QuizView and whatever
is added later), and a *control* is any value widget in a view's tree that
somebody observes. Every function returns plain JSON-able data.
"""

from __future__ import annotations

import contextlib
import gc
import statistics
import sys
import time

import ipywidgets as w
from traitlets import ObserveHandler

DISPLAY_ONLY = (w.HTML, w.HTMLMath, w.Label, w.Image, w.Valid)
ANSWER_TYPES = (w.RadioButtons, w.Text, w.Textarea, w.Dropdown, w.Select, w.ToggleButtons)
SAVE_WORDS = ("check", "save", "submit", "keep")


# ----------------------------------------------------------------------------
# Finding views and controls


def _live_widgets() -> list:
    """Every live widget, in creation order (ipywidgets keeps a dict of instances; closed ones leave it)."""
    return list(getattr(sys.modules["ipywidgets.widgets.widget"], "_instances", {}).values())


def widget_ids() -> list[str]:
    """The model id of every live widget (to tell an earlier Run All's widgets from a later one's)."""
    return [widget.model_id for widget in _live_widgets()]


def views(skip=()) -> list[tuple[str, object]]:
    """Every live explainer view, as ``(key, view)`` in the order they were made.

    The key (``ClassName#n``) is stable across runs of the same notebook.
    Views whose model id is in ``skip`` (made by an earlier Run All) are left out.
    """
    counts: dict[str, int] = {}
    out = []
    skip = set(skip)
    for widget in _live_widgets():
        module = type(widget).__module__
        if not (isinstance(widget, w.Box) and module.startswith("explainer")) or widget.model_id in skip:
            continue
        name = type(widget).__name__
        counts[name] = counts.get(name, 0) + 1
        out.append((f"{name}#{counts[name]}", widget))
    return out


def tree(widget) -> list:
    """``widget`` and every widget below it (Box children), depth first."""
    out, stack, seen = [], [widget], set()
    while stack:
        node = stack.pop()
        if not isinstance(node, w.Widget) or id(node) in seen:
            continue
        seen.add(id(node))
        out.append(node)
        stack.extend(reversed(list(getattr(node, "children", ()) or ())))
    return out


def _user_observers(widget) -> list:
    handlers = getattr(widget, "_trait_notifiers", {}).get("value", {}).get("change", [])
    return [h for h in handlers if not isinstance(h, ObserveHandler)]


def is_control(widget) -> bool:
    """A value widget a reader can change and that something reacts to."""
    return (
        isinstance(widget, w.ValueWidget)
        and not isinstance(widget, DISPLAY_ONLY)
        and not getattr(widget, "disabled", False)
        and bool(_user_observers(widget))
    )


def controls(view) -> list:
    """The controls in ``view``'s widget tree, in display order."""
    return [x for x in tree(view) if is_control(x)]


def _innermost(all_views):
    """Give each control to the smallest view that holds it (QuestionView, not QuizView)."""
    owner = {}
    for key, view in sorted(all_views, key=lambda kv: len(tree(kv[1]))):
        for control in controls(view):
            owner.setdefault(id(control), (key, view, control))
    by_view: dict[str, list] = {}
    for key, _view, control in owner.values():
        by_view.setdefault(key, []).append(control)
    return by_view


def candidates(control, limit: int = 12) -> list:
    """Distinct values to set on ``control``, the current one first; [] if we cannot tell."""
    current = control.value
    if isinstance(control, w.SelectMultiple):
        return []
    values = getattr(control, "_options_values", None)
    if isinstance(control, w.SelectionRangeSlider):  # slide the (first, last) window along
        lo, hi = control.index
        n = len(values)
        width = hi - lo if hi - lo < n - 1 else max(1, (n - 1) // 2)
        values = [(values[k], values[k + width]) for k in range(n - width)]
    elif values is not None:
        values = list(dict.fromkeys(values))
    elif isinstance(control, (w.Checkbox, w.ToggleButton)):
        values = [current, not current]
    elif getattr(control, "min", None) is not None and getattr(control, "max", None) is not None:
        low, high = control.min, control.max
        step = getattr(control, "step", None) or 1
        if isinstance(current, tuple):  # range slider: slide the window along
            width = current[1] - current[0]
            n = int((high - low - width) // step)
            values = [(low + k * step, low + k * step + width) for k in range(n + 1)]
        else:
            n = int(round((high - low) / step))
            values = [type(current)(low + k * step) for k in range(n + 1)]
    elif isinstance(current, str):
        values = [current, current + "1"]
    else:
        return []
    if len(values) > limit:
        values = [values[round(i * (len(values) - 1) / (limit - 1))] for i in range(limit)]
    values = [v for v in values if v != current]
    return [current, *values] if current is not None else values


def _next(control, values):
    """The value after the current one in ``values``, wrapping round."""
    try:
        return values[(values.index(control.value) + 1) % len(values)]
    except ValueError:
        return values[0] if values[0] != control.value else values[1]


def _plan(view_controls, count: int) -> list:
    """At least ``count`` changes as (control, values) pairs.

    Each control in turn goes through all its values and back to where it
    started, so only one control is away from its default at a time (four
    check boxes are never all off together).
    """
    cycle = []
    for control in view_controls:
        values = candidates(control)
        if len(values) >= 2:
            cycle += [(control, values)] * len(values)
    if not cycle:
        return []
    return cycle * max(1, -(-count // len(cycle)))


# ----------------------------------------------------------------------------
# Watching what changed


def _state(node):
    """What of ``node`` a view may change and the frontend must be told about."""
    if isinstance(node, DISPLAY_ONLY):
        return ("value", node.value)
    if isinstance(node, w.Box):
        return ("children", tuple(id(c) for c in node.children))
    if isinstance(node, w.ValueWidget):
        options = tuple(node.options) if node.has_trait("options") else ()
        return ("control", options, node.value, node.disabled)
    return None


def _snapshot(root) -> dict:
    return {id(node): (node, _state(node)) for node in tree(root)}


def _changed(before: dict, after: dict) -> list:
    """``(node, state before, state after)`` for each widget whose state changed."""
    return [
        (node, before.get(key, (None, None))[1], state)
        for key, (node, state) in after.items()
        if state is not None and (key not in before or before[key][1] != state)
    ]


class _Writes:
    """Counts text written to stdout/stderr (where views print their errors)."""

    def __init__(self):
        self.text = []

    def __enter__(self):
        self._out, self._err = sys.stdout, sys.stderr
        outer = self

        class Tee:
            def __init__(self, real):
                self.real = real

            def write(self, s):
                if s.strip():
                    outer.text.append(s)
                return self.real.write(s)

            def __getattr__(self, name):
                return getattr(self.real, name)

        sys.stdout, sys.stderr = Tee(self._out), Tee(self._err)
        return self

    def __exit__(self, *exc):
        sys.stdout, sys.stderr = self._out, self._err
        return False


def _chart_floor(view):
    """A function timing the chart floor for ``view``, or None if it draws no chart.

    Floor: redraw the same chart (same function, same values) into a reused
    figure and render it to SVG (as the view does), with no widget in between.
    """
    from explainer.charts.base import to_svg

    draw, values = getattr(view, "draw", None), getattr(view, "values", None)
    figure = getattr(view, "figure", None)
    if callable(draw) and callable(values) and figure is not None and hasattr(view, "content"):
        spare = {"fig": None}

        def floor():
            params = values()
            _settle()
            t0 = time.perf_counter()
            try:
                spare["fig"] = draw(view.content, fig=spare["fig"], **params)
            except Exception:  # the view shows this as a message; no floor
                return None
            to_svg(spare["fig"])
            return time.perf_counter() - t0

        floor()  # the first call makes the spare figure; reuse is what we time
        return floor, f"{getattr(draw, '__module__', '')}.{getattr(draw, '__name__', draw)}"
    figures = [v for v in vars(view).values() if type(v).__name__ == "Figure"]
    if figures:

        def render_only():
            t0 = time.perf_counter()
            to_svg(figures[0])
            return time.perf_counter() - t0

        return render_only, "render only (the view has no draw function to call)"
    return None


def _settle(seconds: float = 0.003) -> None:
    """Let the kernel's output thread finish sending, so no timing waits on another's messages."""
    time.sleep(seconds)


@contextlib.contextmanager
def _silent():
    """Widgets that send nothing to the frontend: the view's own work, without the protocol."""
    saved = (w.Widget.send_state, w.Widget._send, w.Output.clear_output)
    w.Widget.send_state = lambda self, key=None: None  # no state gathered, serialised or sent
    w.Widget._send = lambda self, msg, buffers=None: None
    w.Output.clear_output = lambda self, *args, **kwargs: None
    try:
        yield
    finally:
        w.Widget.send_state, w.Widget._send, w.Output.clear_output = saved


def _spare(node, old_state):
    """A new widget like ``node`` in ``old_state``, and a function that moves it to ``node``'s state."""
    if old_state is not None and old_state[0] == "value":
        spare = type(node)()
        spare.value = old_state[1]

        def send():
            spare.value = node.value

    elif isinstance(node, w.ValueWidget) and not isinstance(node, DISPLAY_ONLY):
        shape = {k: getattr(node, k) for k in ("min", "max", "step") if node.has_trait(k)}
        if node.has_trait("options"):  # a selection slider cannot be made without options
            shape["options"] = node.options
        spare = type(node)(**shape)
        if old_state is not None and old_state[0] == "control":
            try:  # start from where the view's widget started
                if node.has_trait("options"):
                    spare.options = old_state[1]
                spare.value = old_state[2]
                spare.disabled = old_state[3]
            except Exception:  # the send below moves it to the new state anyway
                pass

        def send():
            if node.has_trait("options") and tuple(spare.options) != tuple(node.options):
                spare.options = node.options
            if spare.value != node.value:
                spare.value = node.value
            if spare.disabled != node.disabled:
                spare.disabled = node.disabled

    else:
        return None
    return spare, send


def _text_floor(changed, control, old, new):
    """Floor for a view that shows text: its own work plus one message per widget it changed.

    The analogue of the chart floor (the chart function drawn into a reused
    figure, without the widgets): the same change is made again with nothing
    sent to the frontend, so the view computes its new text (and new options)
    exactly as it did; then each widget that changed, the reader's control
    included, is sent once: a spare widget of the same kind is moved from the
    old state to the new one. What is left over in the update is traffic the
    view adds beyond that: clearing outputs, resetting things that did not
    change, sending the same thing twice.
    """
    spares = [sp for node, before, _after in changed if (sp := _spare(node, before)) is not None]
    with _silent():
        control.value = old
        t0 = time.perf_counter()
        control.value = new
        work = time.perf_counter() - t0
    _settle()
    t0 = time.perf_counter()
    for _spare_widget, send in spares:
        send()
    sent = time.perf_counter() - t0
    for spare_widget, _send in spares:
        spare_widget.close()
    return work + sent


# ----------------------------------------------------------------------------
# Entry points


def describe() -> list[dict]:
    """Each view and its controls, for reports and debugging."""
    all_views = views()
    owned = _innermost(all_views)
    return [
        {
            "view": key,
            "class": f"{type(view).__module__}.{type(view).__name__}",
            "controls": [f"{type(c).__name__}({c.description or ''})".replace("()", "") for c in owned.get(key, [])],
        }
        for key, view in all_views
    ]


def bench_widgets(repeats: int = 15) -> list[dict]:
    """Time every view's updates against its floor, interleaved, in this kernel.

    For each view with controls: ``repeats`` value changes set from Python,
    each timed from the assignment until the view's callback has put the new
    chart or text into its widgets (the update messages are sent by then),
    each followed by one timing of the floor with the same values. A warm-up
    pass goes first.
    """
    results = []
    all_views = views()
    owned = _innermost(all_views)
    for key, view in all_views:
        ctrls = owned.get(key, [])
        if not ctrls:
            continue
        chart = _chart_floor(view)
        # Text updates take a millisecond or so: many more samples keep their medians steady.
        plan = _plan(ctrls, repeats if chart else max(8 * repeats, 120))
        if not plan:
            continue
        updates, floors, messages, unchanged, refused = [], [], [], 0, 0
        for control, values in plan:  # warm-up: every value once, caches filled
            control.value = _next(control, values)
        for control, values in plan:
            value = _next(control, values)
            old = control.value
            before = _snapshot(view)
            _settle()
            with _Writes() as writes:
                t0 = time.perf_counter()
                control.value = value
                elapsed = time.perf_counter() - t0
            after = _snapshot(view)
            changed = _changed(before, after)
            displayed = [c for c in changed if c[0] is not control]
            if writes.text:
                messages.append("".join(writes.text).strip()[:300])
            if not displayed:
                unchanged += 1
            if chart:
                floor = chart[0]()
                if floor is None:  # the chart function refused these values (a message is shown)
                    refused += 1
                    continue
                floors.append(floor)
            elif displayed:
                floors.append(_text_floor(changed, control, old, value))
            updates.append(elapsed)
        kind = "chart" if chart else "text"
        update_ms = statistics.median(updates) * 1000
        floor_ms = statistics.median(floors) * 1000 if floors else None
        results.append(
            {
                "view": key,
                "class": f"{type(view).__module__}.{type(view).__name__}",
                "kind": kind,
                "floor": chart[1] if chart else "the view's own work with nothing sent + one send per changed widget",
                "controls": [type(c).__name__ + (f"({c.description})" if c.description else "") for c in ctrls],
                "changes": len(updates),
                "unchanged": unchanged,
                "refused": refused,
                "messages": sorted(set(messages))[:5],
                "update_ms": round(update_ms, 3),
                "floor_ms": round(floor_ms, 3) if floor_ms else None,
                "ratio": round(update_ms / floor_ms, 3) if floor_ms else None,
            }
        )
    return results


def drive_all(limit: int = 30) -> dict:
    """Set every control of every view to each of its values and press every button.

    Answer fields get an answer first, so Check shows its feedback. Used by the
    markup test: afterwards every text a view can show has been sent to the frontend.
    """
    counts = {"views": 0, "changes": 0, "clicks": 0, "errors": []}
    for _key, view in views():
        counts["views"] += 1
        for node in tree(view):
            if isinstance(node, w.ValueWidget) and not isinstance(node, DISPLAY_ONLY) and not node.disabled:
                try:
                    values = candidates(node, limit)
                    if isinstance(node, (w.Text, w.Textarea)) and not values[1:]:
                        values = [node.value, "1"]
                    for value in values[1:] + values[:1]:
                        node.value = value
                        counts["changes"] += 1
                except Exception as err:  # reported, not hidden
                    counts["errors"].append(f"{type(node).__name__}: {err}")
        for node in tree(view):
            if isinstance(node, w.Button) and not node.disabled:
                for _ in range(3):
                    try:
                        node.click()
                        counts["clicks"] += 1
                    except Exception as err:  # reported, not hidden
                        counts["errors"].append(f"Button {node.description}: {err}")
    return counts


def _answer_views(skip=(), disabled=False):
    """Views with a Check/Save button, with their answer fields, keyed stably.

    With ``disabled``, fields a view has locked are included too: a form submitted once
    (the skill check) shows its saved answers in fields the student can no longer change.
    """
    out = []
    for key, view in views(skip):
        nodes = tree(view)
        buttons = [n for n in nodes if isinstance(n, w.Button) and any(s in n.description.lower() for s in SAVE_WORDS)]
        if not buttons:
            continue
        fields = [
            n for n in nodes if isinstance(n, ANSWER_TYPES) and not _user_observers(n) and (disabled or not n.disabled)
        ]
        out.append((key, fields, buttons))
    return out


def fill_answers(text: str = "My position, written before the restart.", skip=()) -> dict:
    """Answer every question and write in every text box, then press Check/Save.

    Returns ``{field key: value given}``. Only views that offer to check or save
    are touched, and the QuizView that holds QuestionViews counts once (its
    fields are keyed under the outer view). Views in ``skip`` (model ids of an
    earlier Run All's widgets, see :func:`widget_ids`) are left alone.
    """
    given = {}
    seen = set()
    for key, fields, buttons in _answer_views(skip):
        for n, field in enumerate(fields):
            if id(field) in seen:
                continue
            seen.add(id(field))
            options = list(getattr(field, "_options_values", ()) or ())
            if options:
                value = options[-1]
            elif isinstance(field, w.Textarea):
                value = f"{text} ({key})"
            else:
                value = "42"
            field.value = value
            given[f"{key}/{n}"] = value
        for button in buttons:
            button.click()
    return given


def read_answers() -> dict:
    """What every answer field shows now, keyed as :func:`fill_answers` keys them."""
    shown = {}
    seen = set()
    for key, fields, _buttons in _answer_views(disabled=True):
        for n, field in enumerate(fields):
            if id(field) in seen:
                continue
            seen.add(id(field))
            shown[f"{key}/{n}"] = field.value
    return shown


def html_texts() -> list[list[str]]:
    """Every text the frontend renders as HTML, from every live widget: ``[class, text]``."""
    out = []
    for widget in _live_widgets():
        if isinstance(widget, (w.HTML, w.HTMLMath)):
            out.append([type(widget).__name__, widget.value])
        if getattr(widget, "description_allow_html", False):
            out.append([type(widget).__name__ + ".description", widget.description])
    return out


def chart_texts() -> list[list]:
    """Every text in every live matplotlib figure, with whether it would be read as mathtext."""
    out = []
    for obj in gc.get_objects():
        if type(obj).__name__ == "Figure" and hasattr(obj, "findobj"):
            for artist in obj.findobj(lambda a: hasattr(a, "get_text") and hasattr(a, "_parse_math")):
                text = artist.get_text()
                if text:
                    parse = artist._parse_math and not getattr(artist, "get_usetex", lambda: False)()
                    out.append([text, bool(parse) and text.count("$") >= 2])
    return out
