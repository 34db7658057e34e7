"""Driving JupyterLab and Voila pages: run a notebook, find and operate widgets.

Nothing here knows which notebooks or widgets the project has: controls are
found by the classes ipywidgets gives them, so notebooks added later are
covered without edits. Every control is operated with the keyboard only
(focus, then keys), which is also the keyboard-accessibility check.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from pathlib import Path

STDERR = "application/vnd.jupyter.stderr"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
# What the project's widgets print into their Output when a callback fails
# (ChartView, ClaimsExplorer, QuestionView: "Could not draw this chart: ...").
CALLBACK_FAILURE = re.compile(r"Could not \w+ this")
# What explainer.setup() prints instead of a traceback when the data is invalid.
BAD_DATA = "python -m explainer check"

# Kinds whose change must show in the chart or text of their widget group.
DRIVING_KINDS = ("slider", "dropdown", "select", "toggles", "toggle", "checkbox", "button")

_JS_HELPERS = r"""
window.__explainerTest = window.__explainerTest || {
  ownWidget(el) { return el.closest('.widget-toggle-buttons, .widget-radio-box, .jupyter-widgets') || el; },
  // The smallest widget box around the control that holds something it can
  // drive (an image, an HTML or an Output widget), else the whole output.
  group(el) {
    const own = this.ownWidget(el);
    const area = el.closest('.jp-OutputArea-output') || document.body;
    for (let node = own.parentElement; node && node !== area; node = node.parentElement) {
      if (node.matches('.widget-box') && this.driven(node, own).length) return node;
    }
    return area;
  },
  driven(node, own) {
    return [...node.querySelectorAll('img.widget-image, .widget-html-content, .widget-output')]
      .filter(x => !own.contains(x));
  },
  snapshot(el) {
    const own = this.ownWidget(el);
    const parts = this.driven(this.group(el), own);
    return {
      images: parts.filter(x => x.tagName === 'IMG').map(x => x.src),
      text: parts.filter(x => x.tagName !== 'IMG').map(x => x.textContent).join('\n'),
    };
  },
  // A control sharing its box with a button is a form field: the button acts
  // (a "choose, then Go" pair), so the field alone need not change anything.
  paired(el) {
    const own = this.ownWidget(el);
    const box = own.parentElement && own.parentElement.closest('.widget-box');
    return !!box && [...box.querySelectorAll('button.jupyter-button:not(.widget-toggle-button)')]
      .some(b => !own.contains(b) && b.parentElement.closest('.widget-box') === box);
  },
  value(el, kind) {
    switch (kind) {
      case 'slider': return el.getAttribute('aria-valuenow');
      case 'dropdown': case 'select': case 'text': return el.value;
      case 'toggles': {
        const group = el.closest('.widget-toggle-buttons');
        return [...group.querySelectorAll('button')].findIndex(b => b.classList.contains('mod-active'));
      }
      case 'toggle': return el.classList.contains('mod-active');
      case 'checkbox': case 'radio': return el.checked;
      default: return null;
    }
  },
  // Mark every control under root with data-test-ctl / data-test-kind, in document order.
  mark(root) {
    root.querySelectorAll('[data-test-ctl], [data-test-seen]').forEach(e => {
      delete e.dataset.testCtl; delete e.dataset.testKind; delete e.dataset.testSeen;
    });
    const found = [];
    const add = (el, kind) => {
      if (el.disabled || el.closest('[data-test-ctl]')) return;
      el.dataset.testCtl = String(found.length);
      el.dataset.testKind = kind;
      found.push({index: found.length, kind, label: this.label(el), tabindex: el.tabIndex,
                  paired: kind !== 'button' && this.paired(el)});
    };
    const selector = [
      '.widget-slider .noUi-handle', '.widget-dropdown select', '.widget-select select',
      '.widget-toggle-buttons', 'button.jupyter-button', '.widget-radio-box',
      '.widget-checkbox input[type=checkbox]', '.widget-text input', '.widget-textarea textarea',
    ].join(', ');
    for (const el of root.querySelectorAll(selector)) {
      if (el.closest('.jp-InputArea')) continue;
      if (el.matches('.noUi-handle')) {
        if (!el.matches('.noUi-handle-lower')) continue;
        add(el, 'slider');
      } else if (el.matches('select')) add(el, el.closest('.widget-dropdown') ? 'dropdown' : 'select');
      else if (el.matches('.widget-toggle-buttons')) {
        const target = [...el.querySelectorAll('button')].find(b => !b.classList.contains('mod-active') && !b.disabled);
        if (target) add(target, 'toggles');
        el.querySelectorAll('button').forEach(b => { b.dataset.testSeen = '1'; });
      } else if (el.matches('button')) {
        if (el.dataset.testSeen) continue;
        add(el, el.classList.contains('widget-toggle-button') ? 'toggle' : 'button');
      } else if (el.matches('.widget-radio-box')) {
        const target = [...el.querySelectorAll('input[type=radio]')].find(r => !r.checked && !r.disabled);
        if (target) add(target, 'radio');
      } else if (el.matches('input[type=checkbox]')) add(el, 'checkbox');
      else add(el, 'text');
    }
    return found;
  },
  label(el) {
    const own = this.ownWidget(el);
    const clean = t => (t || '').replace(/\u200b/g, '').trim();
    const text = sel => { const found = own.querySelector(sel); return found ? found.textContent : ''; };
    const candidates = [el.getAttribute('aria-label'), text('.widget-label'), text('.widget-label-basic'),
                        el.textContent, el.getAttribute('placeholder'), own.textContent];
    return (candidates.map(clean).find(Boolean) || '').slice(0, 60);
  },
};
"""


@dataclass
class Operated:
    """What happened when one control was operated."""

    kind: str
    label: str
    own_changed: bool | None = None
    output_changed: bool | None = None
    checked: str = ""
    undo_own_changed: bool | None = None
    undo_output_changed: bool | None = None
    seconds: float = 0.0
    after: str = ""


@dataclass
class ControlReport:
    operated: list[Operated] = field(default_factory=list)

    @property
    def kinds(self) -> set[str]:
        return {o.kind for o in self.operated}

    def failures(self) -> list[str]:
        out = []
        for o in self.operated:
            if o.own_changed is False:
                out.append(f"{o.kind} {o.label!r}: the keyboard did not change its value")
            if o.output_changed is False:
                out.append(f"{o.kind} {o.label!r}: the {o.checked} it drives did not change (now: {o.after[:300]!r})")
            if o.undo_own_changed is False:
                out.append(f"{o.kind} {o.label!r}: the keyboard could not change it back")
            if o.undo_output_changed is False:
                out.append(f"{o.kind} {o.label!r}: changing it back did not redraw the {o.checked}")
        return out


def install_helpers(page) -> None:
    page.evaluate(_JS_HELPERS)


def mark_controls(page, root_selector: str) -> list[dict]:
    """Mark the controls under ``root_selector``; returns their descriptions."""
    install_helpers(page)
    return page.evaluate(
        "(sel) => window.__explainerTest.mark(document.querySelector(sel))",
        root_selector,
    )


def _wait_changed(page, handle, expr: str, before, timeout_ms: int) -> bool:
    """Wait until JS ``expr`` (of el) differs from ``before``; True if it did."""
    try:
        page.wait_for_function(
            f"([el, before]) => JSON.stringify({expr}) !== JSON.stringify(before)",
            arg=[handle, before],
            timeout=timeout_ms,
        )
        return True
    except Exception as err:  # playwright TimeoutError
        if "Timeout" in type(err).__name__ or "Timeout" in str(err):
            return False
        raise


def keyboard_operate(page, handle, kind: str):
    """Change a control with the keyboard only: focus it, then press keys.

    Returns a function that changes it back the same way, or None for controls
    that cannot simply be undone (buttons, radio buttons, multiple selection).
    """

    def press(*keys, target=handle):
        target.scroll_into_view_if_needed()
        target.focus()
        for key in keys:
            page.keyboard.press(key)

    if kind == "slider":
        at_max = handle.get_attribute("aria-valuenow") == handle.get_attribute("aria-valuemax")
        key, back = ("ArrowLeft", "ArrowRight") if at_max else ("ArrowRight", "ArrowLeft")
        press(key)
        return lambda: press(back)
    if kind == "dropdown":
        # Open the list, move, choose: the listbox keys. (A bare ArrowDown on a
        # focused drop-down in JupyterLab moves to the next cell instead: the
        # notebook's command-mode shortcut takes it.)
        last = handle.evaluate("el => el.selectedIndex === el.options.length - 1")
        key, back = ("ArrowUp", "ArrowDown") if last else ("ArrowDown", "ArrowUp")
        press("Alt+ArrowDown", key, "Enter")
        return lambda: press("Alt+ArrowDown", back, "Enter")
    if kind == "select":
        # Arrow keys are the notebook's in JupyterLab; Home and End still select.
        last = handle.evaluate("el => el.options[el.options.length - 1].selected")
        press("Home" if last else "End")
        return None
    if kind == "toggles":
        buttons = handle.evaluate_handle("el => el.closest('.widget-toggle-buttons')")
        active = buttons.evaluate(
            "g => [...g.querySelectorAll('button')].findIndex(b => b.classList.contains('mod-active'))"
        )
        press("Enter")
        if active < 0:
            return None
        original = buttons.evaluate_handle("(g, i) => g.querySelectorAll('button')[i]", active).as_element()
        return lambda: press("Enter", target=original)
    if kind == "toggle":
        press("Enter")
        return lambda: press("Enter")
    if kind == "checkbox":
        press("Space")
        return lambda: press("Space")
    if kind in ("button", "radio"):
        press("Enter" if kind == "button" else "Space")
        return None
    if kind == "text":
        press("End")
        page.keyboard.type("7")
        return lambda: press("End", "Backspace")
    raise ValueError(kind)  # pragma: no cover - mark() only produces the kinds above


def _wait_still(page, handle, quiet_ms: int = 250, timeout_ms: int = 15_000) -> None:
    """Wait until what the control drives has stopped changing, as a person waits for a chart to settle.

    One change can set off several redraws (a filter resets a picker, which
    redraws again); operating the next control in the middle of that tests
    the test, not the notebook.
    """
    page.wait_for_function(
        """([el, quiet]) => {
          const now = JSON.stringify(window.__explainerTest.snapshot(el));
          const t = performance.now();
          if (el.__lastSnap !== now) { el.__lastSnap = now; el.__since = t; return false; }
          return t - el.__since >= quiet;
        }""",
        arg=[handle, quiet_ms],
        timeout=timeout_ms,
        polling=100,
    )


def _check_change(page, handle, kind, own_before, snap_before, timeout_ms, driving=True):
    """(own value changed, driven output changed, what was checked); None where not checked."""
    own = None
    if kind != "button":
        own = _wait_changed(page, handle, f"window.__explainerTest.value(el, {kind!r})", own_before, timeout_ms)
    if kind not in DRIVING_KINDS or not driving:
        return own, None, ""
    part = "images" if snap_before["images"] else "text"
    expr = f"window.__explainerTest.snapshot(el).{part}"
    changed = _wait_changed(page, handle, expr, snap_before[part], timeout_ms)
    return own, changed, "chart image" if part == "images" else "text"


def operate_all(page, root_selector: str, timeout_ms: int = 15_000) -> ControlReport:
    """Operate every control under ``root_selector`` with the keyboard, and back.

    For each control: its own value must change (keyboard-operable), and for
    kinds that drive something (sliders, drop-downs, toggles, checkboxes,
    buttons) the chart image of its widget group must change, or, in a group
    without a chart, the HTML/Output text; a field placed beside a button
    (choose, then press) only has to change its own value. Where a change can be undone it is,
    and undoing must redraw too; each control is so tried from the state the
    notebook left it in.
    """
    report = ControlReport()
    controls = mark_controls(page, root_selector)
    snapshot = "el => window.__explainerTest.snapshot(el)"
    for ctl in controls:
        start = time.monotonic()
        kind = ctl["kind"]
        handle = page.query_selector(f'{root_selector} [data-test-ctl="{ctl["index"]}"]')
        if handle is None or not handle.is_visible() or not handle.is_enabled():
            continue  # hidden or disabled since it was marked (a solution revealed, a hint used up)
        op = Operated(kind=kind, label=ctl["label"])
        _wait_still(page, handle)
        value = f"(el) => window.__explainerTest.value(el, {kind!r})"
        own_before, snap_before = handle.evaluate(value), handle.evaluate(snapshot)
        undo = keyboard_operate(page, handle, kind)
        op.own_changed, op.output_changed, op.checked = _check_change(
            page, handle, kind, own_before, snap_before, timeout_ms, driving=not ctl["paired"]
        )
        if op.output_changed is False or op.own_changed is False:
            op.after = " ".join(handle.evaluate(snapshot)["text"].split())
        if undo is not None and op.own_changed and op.output_changed is not False:
            _wait_still(page, handle)
            own_mid, snap_mid = handle.evaluate(value), handle.evaluate(snapshot)
            undo()
            op.undo_own_changed, op.undo_output_changed, _ = _check_change(
                page, handle, kind, own_mid, snap_mid, timeout_ms, driving=not ctl["paired"]
            )
        op.seconds = time.monotonic() - start
        report.operated.append(op)
    return report


def tab_reachable(page, root_selector: str, expected: set[str], max_presses: int = 600) -> set[str]:
    """Press Tab from the top of the page; the marked controls that got focus.

    Focus anywhere in a control's own widget counts for it (a radio group is
    one tab stop; every button of a toggle group is one).
    """
    page.evaluate("() => { document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0); }")
    seen: set[str] = set()
    last, repeats, first = None, 0, None
    which = """(sel) => {
      const el = document.activeElement;
      if (!el || el === document.body) return ['', 'body'];
      const own = window.__explainerTest.ownWidget(el);
      const marked = el.closest(sel) && (own.matches('[data-test-ctl]') ? own : own.querySelector('[data-test-ctl]'));
      return [marked ? marked.dataset.testCtl : '', el.outerHTML.slice(0, 120)];
    }"""
    for _ in range(max_presses):
        page.keyboard.press("Tab")
        now = page.evaluate(which, root_selector)
        if now[0]:
            seen.add(now[0])
        if expected <= seen:
            break
        repeats = repeats + 1 if now == last else 0
        if repeats > 3 or (now == first and now[1] != "body"):
            break  # stuck, or round the page once
        first = first or now
        last = now
    return seen


def console_collector(page, origin: str) -> list[str]:
    """Collect browser console errors and uncaught exceptions from ``origin``.

    Errors about resources on other hosts (Voila asks a CDN for Font Awesome;
    the browser is offline by design) are not the project's and are ignored.
    """
    errors: list[str] = []

    def on_console(msg):
        if msg.type != "error":
            return
        url = (msg.location or {}).get("url", "")
        if url and not url.startswith(origin):
            return
        if "Failed to load resource" in msg.text and "net::ERR_NAME_NOT_RESOLVED" in msg.text:
            return
        errors.append(f"console.error: {msg.text[:500]} ({url})")

    page.on("console", on_console)
    page.on("pageerror", lambda exc: errors.append(f"uncaught: {exc}"))
    return errors


def screenshot_full(page, path: Path, scroller: str, part_height: int = 12000) -> list[Path]:
    """Screenshot a page whose content scrolls inside ``scroller``, top to bottom.

    The viewport is made as tall as the scrolled content (JupyterLab skips
    painting off-screen cells) and restored afterwards. Content taller than
    ``part_height`` is saved in parts: NAME-1.png, NAME-2.png...
    """
    size = page.viewport_size
    height, visible = page.evaluate(
        "(sel) => { const el = document.querySelector(sel); if (!el) return [0, 0];"
        " el.scrollTop = 0; return [el.scrollHeight, el.clientHeight]; }",
        scroller,
    )
    chrome = size["height"] - visible  # toolbars and status bar around the scrolling area
    tall = int(min(max(size["height"] + height - visible, size["height"]), part_height))
    parts = max(1, -(-height // (tall - chrome))) if height > tall - chrome else 1
    saved = []
    try:
        page.set_viewport_size({"width": size["width"], "height": tall})
        for i in range(parts):
            page.evaluate(
                "([sel, top]) => { const el = document.querySelector(sel); if (el) el.scrollTop = top; }",
                [scroller, i * (tall - chrome)],
            )
            page.wait_for_timeout(400)
            target = path if parts == 1 else path.with_name(f"{path.stem}-{i + 1}{path.suffix}")
            page.screenshot(path=str(target))
            saved.append(target)
    finally:
        page.set_viewport_size(size)
    return saved


# --- JupyterLab --------------------------------------------------------------

_LAB_OPEN = r"""
async ([path, marker]) => {
  const app = window.jupyterapp;
  await app.restored;  // opening before the shell is restored can leave the status bar without its kernel item
  const panel = await app.commands.execute('docmanager:open', {path, factory: 'Notebook'});
  panel.node.setAttribute('data-test-notebook', marker);
  app.shell.activateById(panel.id);
  window.__explainerPanels = window.__explainerPanels || {};
  window.__explainerPanels[marker] = panel;
  await panel.context.ready;
  await panel.sessionContext.ready;
  return panel.id;
}
"""

_LAB_RUN_ALL = r"""
(marker) => {
  const app = window.jupyterapp;
  const panel = window.__explainerPanels[marker];
  app.shell.activateById(panel.id);
  window.__explainerRun = null;
  app.commands.execute('notebook:run-all-cells')
    .then(ok => { window.__explainerRun = {ok: ok === undefined ? true : !!ok}; })
    .catch(err => { window.__explainerRun = {ok: false, error: String(err)}; });
}
"""

_LAB_SETTLED = r"""
(marker) => {
  const panel = window.__explainerPanels[marker];
  if (!window.__explainerRun) return false;
  if (panel.sessionContext.kernelDisplayStatus !== 'idle') return false;
  // Every cell that output a widget shows it (or says why it cannot).
  return panel.content.widgets.every(cell => {
    if (cell.model.type !== 'code') return true;
    const views = cell.model.outputs.toJSON().filter(o => o.data && o.data['WIDGET_VIEW']).length;
    if (!views) return true;
    const area = cell.node.querySelector('.jp-Cell-outputArea');
    const shown = area ? area.querySelectorAll(
      ':scope > .jp-OutputArea-child > .jp-OutputArea-output > .jupyter-widgets,' +
      ':scope > .jp-OutputArea-child > .jp-OutputArea-output > .widget-toggle-buttons').length : 0;
    return shown >= views || /Error (displaying|rendering) widget/.test(area ? area.textContent : '');
  });
}
""".replace("WIDGET_VIEW", WIDGET_VIEW)


_LAB_REPORT = r"""
(marker) => {
  const panel = window.__explainerPanels[marker];
  const text = o => Array.isArray(o) ? o.join('') : (o || '');
  const cells = [];
  panel.content.widgets.forEach((cell, index) => {
    const m = cell.model;
    if (m.type !== 'code') return;
    cells.push({
      index,
      count: m.executionCount,
      source: m.sharedModel.getSource(),
      outputs: m.outputs.toJSON().map(o => ({
        type: o.output_type, name: o.name || '', text: text(o.text),
        ename: o.ename || '', evalue: o.evalue || '',
        plain: o.data ? text(o.data['text/plain']) : '',
      })),
    });
  });
  const node = panel.node;
  const inWidgets = [...node.querySelectorAll('.widget-output .jp-OutputArea-output')];
  return {
    run: window.__explainerRun,
    cells,
    stderrNodes: [...node.querySelectorAll('.jp-OutputArea-output[data-mime-type="STDERR_MIME"]')]
      .map(n => n.textContent.slice(0, 400)),
    widgetOutputs: inWidgets.map(n => n.textContent.slice(0, 400)),
    widgetErrors: [...node.querySelectorAll('.jp-OutputArea-output')]
      .map(n => n.textContent).filter(t => /Error (displaying|rendering) widget|Loading widget/.test(t))
      .map(t => t.slice(0, 400)),
  };
}
""".replace("STDERR_MIME", STDERR)

_LAB_CLOSE = r"""
async (marker) => {
  const panel = window.__explainerPanels[marker];
  if (!panel) return;
  delete window.__explainerPanels[marker];
  try { await panel.sessionContext.shutdown(); } catch (e) { /* already gone */ }
  panel.context.model.dirty = false;  // never saved: outputs stay out of notebooks/
  panel.dispose();
}
"""


def lab_open(browser, server, before_load=None):
    """A new page with JupyterLab loaded from ``server`` and ready to open documents.

    ``before_load(page)`` runs on the blank page first (to attach listeners that must see the load).
    """
    page = browser.new_page()
    if before_load is not None:
        before_load(page)
    page.goto(server.url("/lab?reset"))
    page.wait_for_function(
        "() => window.jupyterapp && window.jupyterapp.commands.hasCommand('docmanager:open')", timeout=90_000
    )
    page.locator(".jp-LabShell").wait_for()
    return page


def lab_selector(marker: str) -> str:
    return f'[data-test-notebook="{marker}"]'


def lab_open_and_run(page, name: str, timeout_ms: int = 180_000) -> dict:
    """Open ``name`` in JupyterLab, wait for an idle kernel, run all cells; return a report."""
    timings = {}
    start = time.monotonic()
    page.evaluate(_LAB_OPEN, [name, name])
    page.wait_for_function(
        "(m) => window.__explainerPanels[m].sessionContext.kernelDisplayStatus === 'idle'", arg=name, timeout=90_000
    )
    # The toolbar indicator turns idle too early; the status bar text is what a person waits for.
    page.locator(".jp-StatusBar-Item", has_text="Python 3 (ipykernel) | Idle").first.wait_for(timeout=30_000)
    timings["kernel_idle"] = time.monotonic() - start
    page.evaluate(_LAB_RUN_ALL, name)
    page.wait_for_function(_LAB_SETTLED, arg=name, timeout=timeout_ms, polling=200)
    timings["ran"] = time.monotonic() - start
    report = page.evaluate(_LAB_REPORT, name)
    report["timings"] = timings
    return report


def lab_close(page, name: str) -> None:
    page.evaluate(_LAB_CLOSE, name)


def problems_in(report: dict) -> list[str]:
    """Everything wrong in a notebook's run report, one line each."""
    out = []
    run = report.get("run") or {}
    if not run.get("ok"):
        out.append(f"run-all did not complete: {run}")
    for cell in report["cells"]:
        first = (cell["source"].strip().splitlines() or [""])[0][:60]
        where = f"cell {cell['index']} ({first})"
        if cell["count"] is None and cell["source"].strip():
            out.append(f"{where}: not executed")
        for o in cell["outputs"]:
            if o["type"] == "error":
                out.append(f"{where}: {o['ename']}: {o['evalue'][:300]}")
            elif o["type"] == "stream" and o["name"] == "stderr":
                out.append(f"{where}: stderr: {o['text'][:300]}")
            elif o["type"] == "stream" and BAD_DATA in o["text"]:
                out.append(f"{where}: the data did not load: {o['text'][:300]}")
    for text in report["stderrNodes"]:
        if not any(text[:80] in p for p in out):
            out.append(f"error/stderr output shown: {text[:300]}")
    for text in report["widgetOutputs"]:
        if CALLBACK_FAILURE.search(text):
            out.append(f"a widget callback failed: {text[:300]}")
    for text in report["widgetErrors"]:
        out.append(f"a widget did not render: {text[:300]}")
    return out


def lab_report(page, name: str) -> dict:
    """The current state of an open notebook's cells and outputs (without running anything)."""
    return page.evaluate(_LAB_REPORT, name)


# --- Voila -------------------------------------------------------------------

_VOILA_STATE = r"""
() => ({
  loading: !!document.querySelector('#loading') &&
           getComputedStyle(document.querySelector('#loading')).display !== 'none',
  widgets: document.querySelectorAll('.jupyter-widgets, .widget-toggle-buttons').length,
  pending: [...document.querySelectorAll('.jp-OutputArea-output')]
    .filter(o => /Loading widget/.test(o.textContent)).length,
})
"""

_VOILA_REPORT = r"""
() => ({
  codeInputs: document.querySelectorAll(
    '.jp-CodeCell .jp-InputArea, .jp-InputArea-editor, .cm-editor, .jp-CodeCell:not(.jp-mod-noInput)').length,
  stderrNodes: [...document.querySelectorAll('.jp-OutputArea-output[data-mime-type="STDERR_MIME"]')]
    .map(n => n.textContent.slice(0, 400)),
  widgetOutputs: [...document.querySelectorAll('.widget-output .jp-OutputArea-output')]
    .map(n => n.textContent.slice(0, 400)),
  widgetErrors: [...document.querySelectorAll('.jp-OutputArea-output')].map(n => n.textContent)
    .filter(t => /Error (displaying|rendering) widget/.test(t)).map(t => t.slice(0, 400)),
  text: document.body.innerText,
})
""".replace("STDERR_MIME", STDERR)


def voila_wait_rendered(page, timeout_s: float = 120, quiet_s: float = 1.0) -> float:
    """Wait until Voila has run the notebook and the widget count stays still; returns seconds."""
    start = time.monotonic()
    last, still_since = None, None
    while time.monotonic() - start < timeout_s:
        state = page.evaluate(_VOILA_STATE)
        if not state["loading"] and not state["pending"]:
            if state != last:
                last, still_since = state, time.monotonic()
            elif time.monotonic() - still_since >= quiet_s:
                return time.monotonic() - start
        page.wait_for_timeout(200)
    raise TimeoutError(f"Voila page not rendered after {timeout_s}s: {last}")


def voila_report(page) -> dict:
    return page.evaluate(_VOILA_REPORT)


def voila_problems(report: dict) -> list[str]:
    out = [f"error/stderr output shown: {t[:300]}" for t in report["stderrNodes"]]
    out += [f"a widget callback failed: {t[:300]}" for t in report["widgetOutputs"] if CALLBACK_FAILURE.search(t)]
    out += [f"a widget did not render: {t[:300]}" for t in report["widgetErrors"]]
    return out


def source_lines_shown(notebook: Path, page_text: str, min_length: int = 12) -> list[str]:
    """Lines of the notebook's code cells that appear in ``page_text``."""
    import json

    shown = " ".join(page_text.split())
    found = []
    for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
        if cell["cell_type"] != "code":
            continue
        for line in "".join(cell["source"]).splitlines():
            line = " ".join(line.split())
            if len(line) >= min_length and not line.startswith("#") and line in shown:
                found.append(line)
    return found


# --- Accessibility in the rendered page ----------------------------------------

_A11Y = r"""
(sel) => {
  const root = document.querySelector(sel);
  const parse = c => { const m = c.match(/rgba?\(([^)]+)\)/); if (!m) return null;
    const p = m[1].split(/[ ,\/]+/).filter(Boolean).map(Number); return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]; };
  const over = (top, below) => [0, 1, 2].map(i => top[i] * top[3] + below[i] * (1 - top[3])).concat([1]);
  const lin = v => { v /= 255; return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
  const lum = c => 0.2126 * lin(c[0]) + 0.7152 * lin(c[1]) + 0.0722 * lin(c[2]);
  const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  const background = el => {
    const layers = [];
    for (let n = el; n && n.nodeType === 1; n = n.parentElement) {
      const c = parse(getComputedStyle(n).backgroundColor);
      if (c && c[3] > 0) { layers.push(c); if (c[3] >= 1) break; }
    }
    let colour = [255, 255, 255, 1];
    for (const layer of layers.reverse()) colour = over(layer, colour);
    return colour;
  };
  const failures = [];
  const checked = new Set();
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let t = walker.nextNode(); t; t = walker.nextNode()) {
    const el = t.parentElement;
    if (!t.textContent.trim() || checked.has(el)) continue;
    checked.add(el);
    if (!el.closest('.jp-OutputArea-output')) continue;
    if (el.closest('.jp-InputArea, .jp-InputPrompt, .jp-OutputPrompt')) continue;
    if (el.closest('[disabled], .mod-disabled, :disabled')) continue;  // WCAG 1.4.3 exempts inactive controls
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || style.display === 'none' || !el.getClientRects().length) continue;
    const fg0 = parse(style.color);
    if (!fg0) continue;
    const bg = background(el);
    const fg = over([fg0[0], fg0[1], fg0[2], fg0[3] * Number(style.opacity || 1)], bg);
    const size = parseFloat(style.fontSize), bold = Number(style.fontWeight) >= 700;
    const need = size >= 24 || (size >= 18.66 && bold) ? 3 : 4.5;
    const r = ratio(fg, bg);
    const where = `${style.color} on rgb(${bg.slice(0, 3).map(Math.round)})`;
    if (r < need) failures.push(`${t.textContent.trim().slice(0, 40)}: ${where} = ${r.toFixed(2)} < ${need}`);
  }
  // Where the <img> cannot carry alt text, the description printed right under it stands in:
  // a static chart (explainer.display.show) has its alt text in the output's metadata, which
  // JupyterLab 4 does not copy onto the <img>; ipywidgets' Image has no alt at all (ChartView).
  const described = img => {
    const child = img.closest('.jp-OutputArea-child');
    const next = img.matches('.widget-image') ? img.nextElementSibling : child && child.nextElementSibling;
    const caption = next && next.querySelector('.explainer-alt');
    return !!caption && caption.textContent.trim().length > 20;
  };
  const unnamed = [...root.querySelectorAll('.jp-OutputArea-output img')]
    .filter(img => !['alt', 'title', 'aria-label'].some(a => (img.getAttribute(a) || '').trim()) && !described(img))
    .map(img => (img.className || 'img') + ' ' + (img.src || '').slice(0, 40));
  // Widget text cut off or spilling over its neighbour (a long quiz option in a one-line row).
  const overflowing = [...root.querySelectorAll('.jp-OutputArea-output .widget-radio-box label, ' +
                                                '.jp-OutputArea-output .widget-label-basic')]
    .filter(l => l.getClientRects().length && l.scrollHeight > l.clientHeight + 2)
    .map(l => l.textContent.trim().slice(0, 60));
  return {failures, unnamed, overflowing, images: root.querySelectorAll('.jp-OutputArea-output img').length};
}
"""


def accessibility_problems(page, root_selector: str) -> list[str]:
    """Text below WCAG AA contrast and images without a text alternative, in the outputs."""
    found = page.evaluate(_A11Y, root_selector)
    out = [f"contrast: {f}" for f in dict.fromkeys(found["failures"])]
    out += [f"image without alt text: {u}" for u in found["unnamed"]]
    out += [f"text overflows its widget row: {t!r}" for t in found["overflowing"]]
    return out
