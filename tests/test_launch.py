"""Launch links (Binder, presenter view, Colab, a school's hub) and the set-up cell, in every notebook and page.

The links line of each notebook's top Markdown cell and its set-up cell are
written by ``tools/launch_links.py`` from the repository URL in
``pyproject.toml``; these tests fail when a notebook differs from what the
tool would write. The set-up cell is run here as plain Python in a fresh
interpreter, with and without the package.
"""

from __future__ import annotations

import copy
import subprocess
import sys
import tomllib

import nbformat
import pytest

from explainer.commands import launch, links, site
from tests.paths import ROOT, notebook_paths

PATHS = notebook_paths()
REPO = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["urls"]["Repository"]
RUN_TOOL = "run `python tools/launch_links.py` to write it from pyproject.toml"


def _first_code_cell(path):
    return next(c for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code")


# ---------------------------------------------------------------- the links


def test_colab_url_opens_the_notebook_from_github():
    assert links.colab_url(REPO, "02_aid_figures") == (
        "https://colab.research.google.com/github/minerals-for-security/minerals-for-security"
        "/blob/main/notebooks/02_aid_figures.ipynb"
    )
    assert links.colab_url("https://github.com/a-fork/explainer.git", "05_debate.ipynb").endswith(
        "/github/a-fork/explainer/blob/main/notebooks/05_debate.ipynb"
    )


def test_hub_comes_from_the_environment_then_pyproject_else_none(tmp_path):
    plain = tmp_path / "plain.toml"
    plain.write_text('[project]\nname = "x"\n')
    configured = tmp_path / "configured.toml"
    configured.write_text('[project]\nname = "x"\n\n[tool.explainer]\nhub = "https://hub.school.example"\n')
    assert links.hub_address(plain, environ={}) is None
    assert links.hub_address(configured, environ={}) == "https://hub.school.example"
    assert links.hub_address(configured, environ={"EXPLAINER_HUB": "https://other.example"}) == "https://other.example"
    assert links.hub_address(tmp_path / "missing.toml", environ={"EXPLAINER_HUB": " "}) is None


def test_launch_links_add_the_hub_only_when_one_is_given():
    words = [w for w, _ in links.launch_links("03_minerals_and_the_deal", REPO)]
    assert words == ["JupyterLab on Binder", "presenter view on Binder", "Google Colab"]
    with_hub = dict(links.launch_links("03_minerals_and_the_deal", REPO, "https://hub.example.org"))
    assert with_hub["your school's JupyterHub"] == links.nbgitpuller_link(
        "https://hub.example.org", REPO, "03_minerals_and_the_deal"
    )


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_each_notebook_has_the_launch_line_and_set_up_cell_the_tool_writes(path):
    nb = nbformat.read(path, as_version=4)
    fresh = copy.deepcopy(nb)
    assert not launch.refresh(fresh, path.stem, hub=links.hub_address()), f"{path.name} is out of date: {RUN_TOOL}"
    line = launch.launch_markdown(path.stem, hub=links.hub_address())
    assert line in nb.cells[0].source.split("\n")
    assert links.binder_url(REPO, path.stem, voila=True) in line and links.colab_url(REPO, path.stem) in line
    assert "![" not in line  # plain links: no badge image fetched from elsewhere


def test_the_tool_notices_a_forked_url():
    nb = nbformat.read(PATHS[0], as_version=4)
    assert launch.refresh(nb, PATHS[0].stem, repo="https://github.com/a-fork/minerals")
    assert "a-fork/minerals" in nb.cells[0].source and "git+https://github.com/a-fork/minerals" in nb.cells[1].source


# ---------------------------------------------------------------- the set-up cell


def test_the_set_up_cell_is_the_first_code_cell_the_same_in_every_notebook():
    cells = [_first_code_cell(p) for p in PATHS]
    assert {c.source for c in cells} == {launch.bootstrap_source(REPO)}
    for path, cell in zip(PATHS, cells):
        assert cell.get("id") == launch.BOOTSTRAP_ID, path.name
        assert "remove-cell" in cell.metadata.get("tags", []), path.name
        assert cell.outputs == [], f"{path.name}: the set-up cell shows nothing when the package is installed"
    assert f'"minerals-for-security @ git+{REPO}"' in cells[0].source
    assert 'run_line_magic("pip"' in cells[0].source and "google.colab" in cells[0].source


def _run_cell(cwd, *, bare: bool, prelude: str = "", after: str = ""):
    """Run the set-up cell's source with ``exec`` in a fresh interpreter in ``cwd``.

    ``bare``: with no site-packages (``-I -S``), so the package is not installed.
    """
    code = f"{prelude}\nexec(compile({launch.bootstrap_source(REPO)!r}, 'set-up cell', 'exec'))\n{after}"
    flags = ["-I", "-S"] if bare else ["-I"]
    return subprocess.run(
        [sys.executable, *flags, "-c", code], cwd=cwd, capture_output=True, text=True, timeout=60, check=False
    )


def test_without_the_package_the_cell_says_in_one_line_how_to_install_it(tmp_path):
    done = _run_cell(tmp_path, bare=True)
    assert done.returncode == 1 and done.stdout == ""
    assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert f'pip install "minerals-for-security @ git+{REPO}"' in done.stderr and "restart the kernel" in done.stderr


def test_from_a_checkout_the_cell_finds_the_checkout_s_package(tmp_path):
    (tmp_path / "explainer").mkdir()
    (tmp_path / "explainer" / "__init__.py").write_text("WHERE = 'the checkout'\n")
    (tmp_path / "notebooks").mkdir()
    done = _run_cell(tmp_path / "notebooks", bare=True, after="import explainer\nprint(explainer.WHERE)")
    assert (done.returncode, done.stdout, done.stderr) == (0, "the checkout\n", "")


def test_in_colab_the_cell_installs_the_package_with_pip(tmp_path):
    prelude = (
        "import builtins, sys, types\n"
        "sys.modules['google.colab'] = types.ModuleType('google.colab')\n"
        "class Shell:\n"
        "    def run_line_magic(self, name, line): print(name, line)\n"
        "builtins.get_ipython = lambda: Shell()\n"
    )
    done = _run_cell(tmp_path, bare=True, prelude=prelude)
    assert done.returncode == 0, done.stderr
    assert done.stdout == f'pip install --quiet "minerals-for-security @ git+{REPO}"\n'


def test_with_the_package_installed_the_cell_does_nothing(tmp_path):
    done = _run_cell(
        tmp_path, bare=False, prelude="import sys\nbefore = list(sys.path)", after="print(sys.path == before)"
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, "True\n", "")


# ---------------------------------------------------------------- the static site


def _small_notebook():
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# A page\n\nSome text.")]
    launch.refresh(nb, "02_aid_figures", repo=REPO)
    nb.cells.append(nbformat.v4.new_code_cell("another_cell = 1"))
    return nb


def test_every_page_has_the_launch_links_in_its_header_and_not_the_set_up_cell():
    header = launch.launch_html("02_aid_figures", REPO, "https://hub.example.org")
    page = site.export(_small_notebook(), header=header)
    body = page[page.index("<body") :]
    assert body.index(header) < body.index("A page")
    assert 'href="https://colab.research.google.com/github/' in header and "git-pull?" in header
    assert "find_spec" not in page and "another_cell" in page


def test_the_index_has_the_launch_links_and_html_takes_a_hub(monkeypatch, tmp_path):
    index = site.index_html([], hub="https://hub.example.org")
    assert launch.launch_html(links.START, hub="https://hub.example.org").split("</b>")[1] in index
    seen = {}
    monkeypatch.setattr(site, "build", lambda *a, **kw: seen.update(kw) or [])
    assert site.main(["--out", str(tmp_path), "--hub", "https://hub.example.org"]) == 0
    assert seen["hub"] == "https://hub.example.org"
