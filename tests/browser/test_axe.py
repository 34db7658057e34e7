"""axe-core on what the project renders: presenter mode (Voila) for every notebook, and the static site.

JupyterLab's outputs are audited in test_lab.py, notebook by notebook. Only
serious and critical violations in our own output fail a test; what axe finds
in the Voila, JupyterLab or nbconvert shell is written to
``test-artifacts/axe/`` and reported, not counted as ours.
"""

from __future__ import annotations

import nbformat
import pytest

from explainer.commands import site

from ..paths import notebook_paths
from .axe import audit, serious
from .pages import voila_wait_rendered

pytestmark = pytest.mark.browser

NOTEBOOKS = notebook_paths()


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_presenter_mode_has_no_serious_accessibility_problems(path, browser, start_voila):
    server = start_voila(path.name)
    page = browser.new_page()
    try:
        page.goto(server.url("/"), timeout=120_000)
        voila_wait_rendered(page)
        found = audit(page, ["#rendered_cells"], f"voila-{path.stem}", shell=path == NOTEBOOKS[0])
    finally:
        page.close()
        server.close()
    problems = serious(found["ours"])
    assert not problems, f"{path.name} in presenter mode:\n" + "\n".join(problems)


@pytest.fixture(scope="module")
def static_site(tmp_path_factory):
    """The static site's pages, exported from the notebooks' stored outputs (what `make html` writes after a run)."""
    out = tmp_path_factory.mktemp("site")
    pages = []
    for path in NOTEBOOKS:
        nb = nbformat.read(path, as_version=4)
        target = out / f"{path.stem}.html"
        target.write_text(site.export(nb), encoding="utf-8")
        pages.append(site.Page(path, target, site._title(nb), site._time_to_learn(path), 0, 0))
    (out / "index.html").write_text(site.index_html(pages), encoding="utf-8")
    return out


@pytest.mark.parametrize("name", ["index", *(p.stem for p in NOTEBOOKS)])
def test_static_site_has_no_serious_accessibility_problems(name, static_site, browser):
    page = browser.new_page()
    try:
        page.goto((static_site / f"{name}.html").as_uri(), wait_until="load", timeout=60_000)
        ours = ["body"] if name == "index" else [".jp-RenderedHTMLCommon", ".jp-OutputArea-output"]
        found = audit(page, ours, f"site-{name}", shell=name == NOTEBOOKS[0].stem)
    finally:
        page.close()
    problems = serious(found["ours"])
    assert not problems, f"_site/{name}.html:\n" + "\n".join(problems)
