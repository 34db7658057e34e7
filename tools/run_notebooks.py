"""Execute notebooks in place so their outputs (charts, pinned numbers) are stored.

GitHub and nbviewer readers see these stored outputs; nbval compares the cells
tagged ``nbval-check-output`` against them, so a changed figure in ``data/``
fails the tests until the notebooks are re-run and the change is reviewed.

Widget state is not stored (it is large, churns on every run, and a partial
state makes GitHub refuse to render); every widget has a static chart or table
beside it instead. Student work goes to a temporary folder, not ``my_work/``.

Usage: ``python tools/run_notebooks.py [NOTEBOOK ...]`` (default: all).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import nbformat
from nbclient import NotebookClient

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"


def run(path: Path) -> None:
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
        paths = [Path(a) for a in argv] or sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
        for path in paths:
            run(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
