"""Static export: run every notebook and write a small HTML site (``make html``).

Each notebook is executed offline with nbclient, which stores the widget state
in the notebook; nbconvert's HTML exporter embeds that state in the page. The
result is ``_site/index.html`` plus one page per notebook, printable as a
handout. Links between notebooks are pointed at the pages. Student work made
while building goes to a temporary folder, never into ``my_work/``.

Every page has the launch links in its header (:func:`~.launch.launch_html`):
Binder, the presenter view, Colab, and the school's hub when one is given
(``--hub``, else ``EXPLAINER_HUB``, else ``[tool.explainer] hub`` in
``pyproject.toml``). The notebooks' set-up cell (tagged ``remove-cell``) is
left off the pages.

Each page prints as a handout (:mod:`.handout`): folded sections print open,
and answers folded under a question the student answers first print after a
page break, never before. The default is the student copy, which never holds
the answer key; ``--teacher`` writes the teacher's copy (to ``_site-teacher/``
unless ``--out`` says otherwise), each page ending with its notebook's key.
Building some pages leaves the others alone, and the index always lists every
notebook.

Run it as ``python -m explainer.commands.site [--out _site] [--no-input] [--hub URL] [--teacher] [NOTEBOOK ...]``
(``explainer html`` does the same).
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..markup import esc
from ..paths import notebook_paths, project_root
from ..views.page import LINK_CSS
from . import handout
from .launch import launch_html
from .links import START, hub_address

PRINT_CSS = f"""<style>
{LINK_CSS}
@media print {{
  .jp-InputPrompt, .jp-OutputPrompt {{ display: none; }}
  .jp-Cell {{ break-inside: avoid; }}
  a[href^="http"]::after {{ content: " (" attr(href) ")"; font-size: 80%; }}
  .explainer-launch {{ display: none; }}
}}
{handout.PRINT_CSS}
</style>
{handout.PRINT_SCRIPT}"""
#: The tag of cells left off the pages (the notebooks' set-up cell).
REMOVE_TAG = "remove-cell"


@dataclass(frozen=True)
class Page:
    """One exported notebook."""

    notebook: Path
    html: Path
    title: str
    time: str
    errors: int
    stderr: int


def _title(nb) -> str:
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            m = re.search(r"^# (.+)$", cell.source, flags=re.M)
            if m:
                return m.group(1).strip()
    return "Untitled"


def _time_to_learn(path: Path) -> str:
    """The notebook's time, worked out as at its top (:mod:`explainer.lesson_time`); "" if it cannot be."""
    from ..content import ContentError, load
    from ..lesson_time import notebook_time

    try:
        return f"about {notebook_time(load(), path.stem, path).total} minutes"
    except (OSError, ValueError, ContentError):
        return ""


def _count_outputs(nb, output_type: str, name: str | None = None) -> int:
    return sum(
        1
        for cell in nb.cells
        if cell.cell_type == "code"
        for out in cell.get("outputs", [])
        if out.get("output_type") == output_type and (name is None or out.get("name") == name)
    )


def _link_pages(html: str) -> str:
    """Point links to sibling notebooks at their exported pages."""
    return re.sub(
        r'href="(\d\d_[A-Za-z0-9_]+)\.ipynb(#[^"]*)?"', lambda m: f'href="{m.group(1)}.html{m.group(2) or ""}"', html
    )


def execute(path: Path, timeout: int = 600):
    """Run one notebook in a fresh ``python3`` kernel and return it with outputs.

    Widget state is stored in ``metadata.widgets``. A cell that raises stops
    the run with :class:`nbclient.exceptions.CellExecutionError`.
    """
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        allow_errors=False,
        store_widget_state=True,
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute()
    return nb


WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def prefer_snapshots(nb):
    """A copy of ``nb`` whose views show their static copy on the page rather than the widget.

    nbconvert puts a widget before its ``text/html``; a widget on a static page
    draws only if the browser can fetch the widget library from the internet,
    and its controls do nothing without a kernel. A view's static copy (its
    text, its chart with alternative text, its settings) shows offline and prints.
    """
    import copy

    nb = copy.deepcopy(nb)
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if WIDGET_VIEW in data and 'class="explainer-snapshot"' in data.get("text/html", ""):
                del data[WIDGET_VIEW]
            if 'class="explainer-snapshot"' in data.get("text/html", ""):
                html = data["text/html"]
                data["text/html"] = handout.answers_after(html if isinstance(html, str) else "".join(html))
    return nb


def export(nb, exclude_input: bool = False, header: str = "", footer: str = "") -> str:
    """A notebook with outputs as one HTML page (lab template; each view as its static copy).

    ``header`` (HTML, such as the launch links) goes first in the page's body,
    ``footer`` (the teacher's key, :func:`.handout.teacher_section`) last;
    cells tagged :data:`REMOVE_TAG` are left out. Folded answers under a
    question print after a page break (:func:`.handout.answers_after`).
    """
    from nbconvert import HTMLExporter
    from nbconvert.preprocessors import TagRemovePreprocessor

    exporter = HTMLExporter(template_name="lab", exclude_input=exclude_input)
    exporter.register_preprocessor(TagRemovePreprocessor(remove_cell_tags={REMOVE_TAG}), enabled=True)
    body, _resources = exporter.from_notebook_node(prefer_snapshots(nb))
    body = body.replace("</head>", PRINT_CSS + "\n</head>", 1)
    if header:
        body = re.sub(r"<body[^>]*>", lambda m: f"{m.group(0)}\n<header>{header}</header>", body, count=1)
    if footer:
        end = body.rindex("</main>") if "</main>" in body else body.rindex("</body>")
        body = body[:end] + footer + "\n" + body[end:]
    return _link_pages(body)


def _index_item(p: Page) -> str:
    name = f"{esc(p.notebook.stem[:2])} &middot; {esc(p.title)}"
    time = f" <small>({esc(p.time)})</small>" if p.time else ""
    if p.html.exists():
        return f'<li><a href="{esc(p.html.name)}">{name}</a>{time}</li>'
    return f"<li>{name}{time} <small>(no page yet: <code>explainer html {esc(p.notebook.stem)}</code>)</small></li>"


def index_html(pages, hub: str | None = None, teacher: bool = False) -> str:
    """The index page: the launch links, then every notebook's title and time to learn, linked.

    A notebook whose page has not been built is listed without a link, with
    the command that builds it. ``teacher`` heads the page as the teacher's copy.
    """
    items = "\n".join(_index_item(p) for p in pages)
    banner = f"<p><b>{esc(handout.TEACHER_BANNER)}</b></p>" if teacher else ""
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Minerals for Security: the notebooks</title>
<style>body {{ font-family: system-ui, sans-serif; max-width: 46em; margin: 2em auto; padding: 0 1em;
line-height: 1.5; }} li {{ margin: .4em 0; }}</style></head>
<body>
<header>{launch_html(START, hub=hub, lead="Open and run the notebooks, from the first:")}</header>
<h1>Minerals for Security: the notebooks</h1>
{banner}<p>A static copy of every notebook as it ran when this site was built: charts, tables and the
state of each control. The controls do not respond here; run the notebooks (JupyterLab, Voila or
Binder) to use them. Each page prints as a handout.</p>
<ol>
{items}
</ol>
<p><small>Built offline with nbclient and nbconvert by <code>make html</code>.</small></p>
</body></html>
"""


def stored_page(path: Path, out: Path) -> Page:
    """The index entry of a notebook not built in this run: its title from the file, its page if one exists."""
    import nbformat

    nb = nbformat.read(path, as_version=4)
    return Page(path, out / f"{path.stem}.html", _title(nb), _time_to_learn(path), 0, 0)


def build(out=None, notebooks=None, exclude_input: bool = False, timeout: int = 600, log=None, hub=None, teacher=False):
    """Execute ``notebooks`` (default: all in ``notebooks/``) and write the site.

    Parameters
    ----------
    out : str or Path, optional
        Folder to write (default: ``_site/`` in the project folder); created
        if needed. Pages are replaced, nothing else in it is removed.
    notebooks : iterable of str or Path, optional
        Notebook names such as ``02_aid_figures``, or paths (see :func:`explainer.paths.notebook_path`).
    exclude_input : bool
        Leave code cells out of the pages (outputs only).
    timeout : int
        Seconds allowed per cell.
    log : file, optional
        Where to report progress (default: standard error).
    hub : str, optional
        The school's JupyterHub for the launch links (default: :func:`~.links.hub_address`).
    teacher : bool
        Write the teacher's copy: each page ends with its notebook's answer
        key (default folder ``_site-teacher/``). The student copy never has it.

    Raises
    ------
    FileNotFoundError
        If a name in ``notebooks`` is not a notebook of the project, or there
        is no project folder; nothing is written then.

    Returns
    -------
    list of Page
        The pages built in this run. The index lists every notebook of the
        project, those built before (or not yet) as well.
    """
    log = log or sys.stderr
    hub = hub or hub_address()
    paths = notebook_paths(notebooks or ())
    out = Path(out) if out else project_root() / ("_site-teacher" if teacher else "_site")
    content = _content() if teacher else None
    out.mkdir(parents=True, exist_ok=True)
    pages = []
    saved_work = os.environ.get("EXPLAINER_WORK")
    with tempfile.TemporaryDirectory(prefix="explainer-site-work-") as work:
        os.environ["EXPLAINER_WORK"] = work
        try:
            for path in paths:
                print(f"executing {path.name}", file=log)
                nb = execute(path, timeout=timeout)
                target = out / f"{path.stem}.html"
                header = launch_html(path.stem, hub=hub)
                if teacher:
                    header = f"<p><b>{esc(handout.TEACHER_BANNER)}</b></p>{header}"
                footer = handout.teacher_section(content, path.stem) if teacher else ""
                page = export(nb, exclude_input=exclude_input, header=header, footer=footer)
                target.write_text(page, encoding="utf-8")
                errors, stderr = _count_outputs(nb, "error"), _count_outputs(nb, "stream", "stderr")
                pages.append(Page(path, target, _title(nb), _time_to_learn(path), errors, stderr))
        finally:
            if saved_work is None:
                os.environ.pop("EXPLAINER_WORK", None)
            else:
                os.environ["EXPLAINER_WORK"] = saved_work
    built = {p.notebook.stem: p for p in pages}
    listed = [built.get(path.stem) or stored_page(path, out) for path in notebook_paths(())]
    (out / "index.html").write_text(index_html(listed, hub, teacher=teacher), encoding="utf-8")
    print(f"wrote {out / 'index.html'} and {len(pages)} pages", file=log)
    return pages


def _content():
    from ..content import load

    return load()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m explainer.commands.site", description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", help="notebooks to export (default: all)")
    parser.add_argument("--out", help="output folder (default: _site/ in the project folder)")
    parser.add_argument("--no-input", action="store_true", help="leave the code out of the pages")
    parser.add_argument(
        "--hub", help="a JupyterHub for the launch links (default: EXPLAINER_HUB, else [tool.explainer] hub)"
    )
    parser.add_argument(
        "--teacher", action="store_true", help="the teacher's copy, with the answer key (default out: _site-teacher/)"
    )
    args = parser.parse_args(argv)
    try:
        pages = build(args.out, args.notebooks or None, exclude_input=args.no_input, hub=args.hub, teacher=args.teacher)
    except FileNotFoundError as error:  # a name that is not a notebook, or no project (nothing written)
        print(error, file=sys.stderr)
        return 2
    return 1 if any(p.errors for p in pages) else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
