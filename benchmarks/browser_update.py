"""browser_update_ms: a key press on a slider in JupyterLab to the new chart image shown.

Run by ``make bench`` through pytest so that it uses the browser tests'
fixtures (``tests/browser/conftest.py``: Debian's Chromium, JupyterLab started
the way ``make lab`` starts it) and their page helpers. It is not part of
``make test`` (pytest's testpaths do not include ``benchmarks/``).

Environment: ``BENCH_BROWSER_OUT`` (JSON file to write), ``BENCH_BROWSER_NOTEBOOKS``
(comma-separated notebook stems that have sliders; default: every notebook),
``BENCH_BROWSER_PRESSES`` (key presses per slider).

For each slider handle: focus it, then for each press install a watcher on
the chart images of the slider's widget group, press ArrowRight or ArrowLeft,
and record from the keydown event (``performance.now()`` in the page) to the
changed image decoded and the next frame painted. Between presses the kernel
is let go idle, so presses do not queue up.
"""

from __future__ import annotations

import json
import os
import statistics
import time
from pathlib import Path

import pytest

from explainer.paths import notebook_file
from tests.browser.pages import install_helpers, lab_close, lab_open, lab_open_and_run, lab_selector, problems_in
from tests.paths import NOTEBOOKS

_ARM = r"""
(handle) => {
  const T = window.__explainerTest;
  const group = T.group(handle);
  const images = () => [...group.querySelectorAll('img.widget-image')];
  const before = images().map(i => i.src);
  const timing = {t0: null, t1: null};
  document.addEventListener('keydown', () => { timing.t0 = performance.now(); }, {capture: true, once: true});
  window.__benchDone = new Promise(resolve => {
    let settled = false;
    const check = () => {
      if (settled) return;
      const changed = images().find((img, k) => img.src !== before[k]);
      if (!changed) return;
      settled = true;
      observer.disconnect();
      const done = () => requestAnimationFrame(() => { timing.t1 = performance.now(); resolve(timing); });
      changed.decode().then(done, done);
    };
    const observer = new MutationObserver(check);
    observer.observe(group, {subtree: true, childList: true, attributes: true, attributeFilter: ['src']});
    setTimeout(() => { if (!settled) { settled = true; observer.disconnect(); resolve(timing); } }, 20000);
  });
  return before.length;
}
"""

_IDLE = "(m) => window.__explainerPanels[m].sessionContext.kernelDisplayStatus === 'idle'"


def _notebooks() -> list[str]:
    wanted = [s for s in os.environ.get("BENCH_BROWSER_NOTEBOOKS", "").split(",") if s]
    if wanted:
        return [notebook_file(s) for s in wanted]
    return sorted(p.name for p in NOTEBOOKS.glob("*.ipynb"))


@pytest.fixture(scope="module")
def page(browser, lab_server):
    page = lab_open(browser, lab_server)
    yield page
    page.close()


def _settle(page, name: str) -> None:
    page.wait_for_function(_IDLE, arg=name, timeout=60_000)
    page.wait_for_timeout(150)
    page.wait_for_function(_IDLE, arg=name, timeout=60_000)


def measure_slider(page, name: str, handle, presses: int) -> list[float]:
    """Milliseconds from keydown to the new chart painted, one per press."""
    samples = []
    handle.scroll_into_view_if_needed()
    for _ in range(presses):
        now, high, low = (handle.get_attribute(a) for a in ("aria-valuenow", "aria-valuemax", "aria-valuemin"))
        key = "ArrowLeft" if now == high else "ArrowRight" if now == low else None
        key = key or ("ArrowRight" if len(samples) % 2 == 0 else "ArrowLeft")
        if page.evaluate(_ARM, handle) == 0:
            return samples  # this slider drives no chart image
        handle.focus()
        page.keyboard.press(key)
        timing = page.evaluate("() => window.__benchDone")
        if timing["t0"] is not None and timing["t1"] is not None:
            samples.append(timing["t1"] - timing["t0"])
        _settle(page, name)
    return samples


def test_browser_update(page):
    out = Path(os.environ.get("BENCH_BROWSER_OUT", "browser-update.json"))
    presses = int(os.environ.get("BENCH_BROWSER_PRESSES", "12"))
    result = {"sliders": [], "notebooks": _notebooks(), "problems": []}
    started = time.monotonic()
    for name in result["notebooks"]:
        report = lab_open_and_run(page, name)
        result["problems"] += [f"{name}: {p}" for p in problems_in(report)]
        install_helpers(page)
        _settle(page, name)
        handles = page.query_selector_all(f"{lab_selector(name)} .widget-slider .noUi-handle-lower")
        for n, handle in enumerate(handles):
            samples = measure_slider(page, name, handle, presses)
            label = handle.evaluate("el => window.__explainerTest.label(el)")
            result["sliders"].append(
                {
                    "notebook": name,
                    "slider": n,
                    "label": label,
                    "samples_ms": samples,
                    "median_ms": statistics.median(samples) if samples else None,
                }
            )
        lab_close(page, name)
    medians = [s["median_ms"] for s in result["sliders"] if s["median_ms"] is not None]
    all_samples = [x for s in result["sliders"] for x in s["samples_ms"]]
    result["median_ms"] = round(statistics.median(all_samples), 1) if all_samples else None
    result["worst_slider_median_ms"] = round(max(medians), 1) if medians else None
    result["seconds"] = round(time.monotonic() - started, 1)
    if not all_samples:
        result["error"] = "no slider press changed a chart image"
    out.write_text(json.dumps(result, indent=2))
    assert all_samples, result
