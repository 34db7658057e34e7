"""Readable without a kernel: every view carries a static HTML copy next to the live widget.

GitHub, nbviewer and the static site cannot run a widget; they show the
``text/html`` a view stores beside it. The stored-output test fails until the
notebooks are re-run (``make notebooks``) after a view changes.
"""

from __future__ import annotations

import re

import ipywidgets as w
import nbformat
import pytest

from explainer.charts.base import info
from explainer.content import load
from explainer.views import aid, claims
from explainer.views.base import View
from explainer.views.snapshot import NOTE
from tests.paths import notebook_paths

WIDGET = "application/vnd.jupyter.widget-view+json"


@pytest.fixture(scope="module")
def content():
    return load()


def _widget_outputs(path):
    nb = nbformat.read(path, as_version=4)
    for n, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            if WIDGET in out.get("data", {}):
                yield n, out["data"]


@pytest.mark.parametrize("path", notebook_paths(), ids=lambda p: p.stem)
def test_every_stored_widget_output_has_a_static_copy(path):
    missing, no_alt = [], []
    for n, data in _widget_outputs(path):
        html = data.get("text/html", "")
        if 'class="explainer-snapshot"' not in html:
            missing.append(f"cell {n}: {data.get('text/plain', '')[:60]}")
        no_alt += [f"cell {n}" for img in re.findall(r"<img\b[^>]*>", html) if not re.search(r'alt="[^"]+"', img)]
    assert not missing, f"{path.name}: widget outputs without a static copy (re-run the notebook): {missing}"
    assert not no_alt, f"{path.name}: snapshot images without alternative text: {no_alt}"


def test_a_view_offers_the_widget_and_a_static_copy(content):
    view = claims.ClaimsExplorer(content)
    bundle = view._repr_mimebundle_()
    assert bundle[WIDGET]["model_id"] == view.model_id
    html = bundle["text/html"]
    assert html.startswith('<div class="explainer-snapshot">') and html.endswith(f"{NOTE}</div>")
    assert view.detail.value in html
    assert f"Claim: <b>{view.picker.label}</b>" in html.replace("&#x27;", "'")


def test_a_chart_view_copy_is_its_image_with_alt_text_and_caption(content):
    view = aid.donor_view(content)
    html = view.snapshot_html()
    alt = info(view.figure).alt_text
    # The live view shows an SVG (quick to redraw); the stored copy a PNG, which GitHub shows.
    assert "data:image/svg+xml;base64," in view.image.value and view.image.value not in html
    assert re.search(r'<img [^>]*src="data:image/png;base64,', html) and "image/svg+xml" not in html
    assert re.search(r'alt="([^"]+)"', html).group(1).replace("&#x27;", "'").replace("&quot;", '"') == alt
    assert html.endswith(view.caption.value)
    assert html.startswith('<p class="explainer-control"><small>Donors: <b>')


def test_the_copy_follows_the_controls(content):
    view = aid.donor_view(content)
    before = view._repr_mimebundle_()["text/html"]
    donors = view.controls["donors"]
    donors.value = donors.options[:1]
    after = view._repr_mimebundle_()["text/html"]
    assert after != before
    assert f"Donors: <b>{donors.options[0]}</b>" in after


def test_markup_in_a_control_label_is_shown_not_run():
    view = View([w.Dropdown(description="Pick:", options=["<script>alert(1)</script>"]), w.HTML("<p>kept</p>")])
    html = view.snapshot_html()
    assert "<script>" not in html
    assert "Pick: <b>&lt;script&gt;alert(1)&lt;/script&gt;</b>" in html
    assert html.endswith("<p>kept</p>")


def test_buttons_and_the_reader_s_own_text_are_left_out():
    view = View([w.Button(description="Save"), w.Textarea(value="my draft", description="Yours:")])
    assert view.snapshot_html() == ""
