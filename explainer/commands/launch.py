"""What every notebook opens with: its launch links, and a set-up cell that finds the package wherever it runs.

Both are written from :mod:`.links` (the repository URL in ``pyproject.toml``,
the hub of :func:`~.links.hub_address`) into the notebooks by
``python tools/launch_links.py``; a test fails when a notebook differs from
what the tool would write, so a fork that changes the URL is told to run it.
The static site puts the same links in every page's header (:func:`launch_html`).
"""

from __future__ import annotations

from ..markup import esc
from .links import launch_links, repository_url

#: How the links line in a notebook's top Markdown cell begins (the tool finds the line by it).
LEAD = "**Open and run this notebook:**"
#: The set-up cell's id, and its tags: ``remove-cell`` leaves it off the static site's pages.
BOOTSTRAP_ID = "bootstrap"
BOOTSTRAP_TAGS = ["bootstrap", "remove-cell"]
#: JupyterLab shows the set-up cell's code collapsed (a click opens it): plumbing, not the lesson.
BOOTSTRAP_JUPYTER = {"source_hidden": True}
#: The distribution name, as in ``[project] name``.
DISTRIBUTION = "minerals-for-security"

# The set-up cell: plain Python (the pip magic is called as a function), silent when the package is installed.
BOOTSTRAP = """\
# Set-up: finds the explainer package wherever this notebook is opened; does nothing when it is installed.
import importlib.util
import sys
from pathlib import Path

if importlib.util.find_spec("explainer") is None:
    PACKAGE = "{distribution} @ git+{repo}"
    if Path.cwd().name == "notebooks" and Path("../explainer/__init__.py").is_file():
        sys.path.insert(0, str(Path.cwd().parent))  # a checkout of the project: use its own package
    elif "google.colab" in sys.modules:  # Google Colab: install the package into this runtime
        get_ipython().run_line_magic("pip", f'install --quiet "{{PACKAGE}}"')
        importlib.invalidate_caches()
    else:  # one line saying what to do, not a traceback
        raise SystemExit(f'explainer is not installed: run  pip install "{{PACKAGE}}"  then restart the kernel.')
"""


def launch_markdown(notebook: str, repo: str | None = None, hub: str | None = None) -> str:
    """The links line of ``notebook``'s top Markdown cell: plain links, no badge images to fetch."""
    return f"{LEAD} " + " · ".join(f"[{words}]({url})" for words, url in launch_links(notebook, repo, hub))


def launch_html(
    notebook: str, repo: str | None = None, hub: str | None = None, lead: str = "Open and run this notebook:"
) -> str:
    """The launch links of ``notebook`` as one HTML paragraph, for a page's header."""
    links = " · ".join(f'<a href="{esc(url)}">{esc(words)}</a>' for words, url in launch_links(notebook, repo, hub))
    return f'<p class="explainer-launch"><b>{esc(lead)}</b> {links}</p>'


def bootstrap_source(repo: str | None = None) -> str:
    """The source of the set-up cell that comes first among a notebook's code cells."""
    return BOOTSTRAP.format(distribution=DISTRIBUTION, repo=repo or repository_url()).rstrip("\n")


def refresh(nb, notebook: str, repo: str | None = None, hub: str | None = None) -> bool:
    """Write the links line and the set-up cell into ``nb`` (an nbformat notebook) as they should be.

    The links line replaces the line starting with :data:`LEAD` in the top
    Markdown cell, or goes under its title; the set-up cell is put before the
    first code cell if it is missing. Outputs and everything else are left as
    they are. Returns whether anything changed.
    """
    import nbformat

    repo = repo or repository_url()
    changed = False
    top = nb.cells[0]
    if top.cell_type != "markdown":
        raise ValueError(f"{notebook}: the first cell is not the Markdown cell with the title")
    lines = top.source.split("\n")
    line = launch_markdown(notebook, repo, hub)
    at = next((i for i, text in enumerate(lines) if text.startswith(LEAD)), None)
    if at is None:
        title = next((i for i, text in enumerate(lines) if text.startswith("# ")), 0)
        lines[title + 1 : title + 1] = ["", line]
    else:
        lines[at] = line
    if "\n".join(lines) != top.source:
        top.source, changed = "\n".join(lines), True

    source = bootstrap_source(repo)
    cell = next((c for c in nb.cells if c.get("id") == BOOTSTRAP_ID), None)
    if cell is None:
        first = next((i for i, c in enumerate(nb.cells) if c.cell_type == "code"), len(nb.cells))
        cell = nbformat.v4.new_code_cell(source, id=BOOTSTRAP_ID)
        nb.cells.insert(first, cell)
        changed = True
    wanted = {"tags": BOOTSTRAP_TAGS, "jupyter": BOOTSTRAP_JUPYTER}
    if cell.source != source or any(cell.metadata.get(key) != value for key, value in wanted.items()):
        cell.source = source
        cell.metadata.update({key: type(value)(value) for key, value in wanted.items()})
        changed = True
    return changed
