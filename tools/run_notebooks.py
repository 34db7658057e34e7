"""Execute notebooks in place so their outputs (charts, pinned numbers) are stored.

GitHub and nbviewer readers see these stored outputs; nbval compares the cells
tagged ``nbval-check-output`` against them, so a changed figure in ``data/``
fails the tests until the notebooks are re-run and the change is reviewed.

Widget state is not stored (it is large, churns on every run, and a partial
state makes GitHub refuse to render); every widget has a static chart or table
beside it instead. Student work goes to a temporary folder, not ``my_work/``.

The "Time to learn" line at the top of each notebook is worked out from the
notebook file as it stands, stored outputs included (:mod:`explainer.lesson_time`).
A run changes those outputs, so a notebook whose time line no longer matches
its new outputs is run once more.

Usage: ``python tools/run_notebooks.py [NOTEBOOK ...]`` (paths or names such as
``02_aid_figures``; default: all).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from explainer.paths import notebook_paths


def _time_is_stale(path: Path) -> bool:
    """Whether the stored time line differs from the time the notebook, as now stored, works out to."""
    import explainer
    from explainer.lesson_time import time_html

    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code" and "time_html(" in cell.source:
            stored = "".join(o.get("data", {}).get("text/html", "") for o in cell.outputs)
            return stored != time_html(explainer.load(), path.stem)
    return False


def run(path: Path) -> None:
    for _attempt in range(3):
        _execute(path)
        if not _time_is_stale(path):
            return
        print(f"{path.name}: its time changed with its outputs; running it again")
    raise SystemExit(f"{path.name}: the time line does not settle")


def _execute(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}).execute()
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
    nbformat.write(nb, path)
    print(f"ran {path.name}")


def main(argv: list[str]) -> int:
    with tempfile.TemporaryDirectory(prefix="explainer-work-") as work:
        os.environ["EXPLAINER_WORK"] = work
        os.environ.pop("EXPLAINER_DATA", None)
        try:
            paths = notebook_paths(argv)
        except FileNotFoundError as error:
            raise SystemExit(str(error)) from None
        for path in paths:
            run(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
