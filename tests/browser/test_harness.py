"""The browser tests themselves must fail when a widget breaks.

A small notebook (written to a temporary folder, shown in Voila) has two
identical chart views; in one, the callback's image assignment goes nowhere,
so its caption still changes but its chart never does. The same routine that
checks every notebook must pass the healthy view and flag every control of
the broken one.
"""

from __future__ import annotations

import nbformat
import pytest

from .pages import operate_all, voila_wait_rendered

pytestmark = pytest.mark.browser

SETUP = """\
import ipywidgets as w
import pandas as pd
from explainer.charts.base import describe, figure
from explainer.views.base import ChartView


def prepare_bars(n, colour, pattern):
    frame = pd.DataFrame({"x": range(n), "height": range(1, n + 1)})
    alt = f"{n} {pattern} bars in {colour}"
    meta = describe(frame, title=f"{n} bars", subtitle="Bars, for the harness", units="bars", alt_text=alt, sources=[])
    return frame, meta


def draw_bars(ax, frame, colour="#0072B2", pattern="plain"):
    ax.bar(frame["x"], frame["height"], color=colour, hatch="//" if pattern == "hatched" else "")


def bars(content, fig=None, n=3, colour="#0072B2", pattern="plain"):
    prepared = prepare_bars(n, colour, pattern)
    return figure(prepared, draw_bars, fig=fig, size=(4, 2.5), colour=colour, pattern=pattern)


def view(name):
    controls = {
        "n": w.IntSlider(value=3, min=1, max=8, description="Bars:"),
        "colour": w.Dropdown(options=["#0072B2", "#E69F00"], description="Colour:"),
        "pattern": w.ToggleButtons(options=["plain", "hatched"], description="Pattern:"),
    }
    chart = ChartView(bars, None, controls)
    chart.add_class(name)
    return chart
"""

SHOW = '''\
healthy, broken = view("harness-healthy"), view("harness-broken")


class Unplugged:
    """Takes the new chart and drops it: the callback's image assignment, broken on purpose."""

    value = ""


broken.image = Unplugged()
w.VBox([healthy, broken])
'''


@pytest.fixture(scope="module")
def harness_page(browser, start_voila, tmp_path_factory):
    folder = tmp_path_factory.mktemp("harness")
    nb = nbformat.v4.new_notebook()
    nb.metadata.kernelspec = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell(SETUP), nbformat.v4.new_code_cell(SHOW)]
    path = folder / "harness.ipynb"
    nbformat.write(nb, path)
    server = start_voila(path)
    page = browser.new_page()
    page.goto(server.url("/"), timeout=120_000)
    voila_wait_rendered(page)
    yield page
    page.close()


def test_a_working_chart_view_passes(harness_page):
    report = operate_all(harness_page, ".harness-healthy", timeout_ms=10_000)
    assert report.kinds == {"slider", "dropdown", "toggles"}
    assert not report.failures()


def test_a_chart_that_stops_updating_is_caught(harness_page):
    report = operate_all(harness_page, ".harness-broken", timeout_ms=3_000)
    assert report.kinds == {"slider", "dropdown", "toggles"}
    failures = report.failures()
    assert len(failures) == 3 and all("chart image it drives did not change" in f for f in failures), failures
