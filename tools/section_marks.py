"""Write the line under each section heading of the notebooks from the heading cell's metadata.

A section is a ``## `` heading and what follows it up to the next one. Its
heading cell's metadata says whether it is ``core``, ``extension`` or
``reference`` (``{"explainer": {"sections": {"Heading": "core"}}}``), and the
line right under the heading shows the student the same
(:data:`explainer.lesson_time.MARKERS`). This tool writes those lines; run it
after changing the metadata. ``--set`` marks one section and writes its line.
tests/test_sections.py fails while a line and its metadata differ.

Usage::

    python tools/section_marks.py [NOTEBOOK ...]
    python tools/section_marks.py --set NOTEBOOK "Heading" core|extension|reference
    python tools/section_marks.py --list NOTEBOOK

Outputs are left as they are (no notebook is run); re-run the notebook
afterwards (tools/run_notebooks.py), since its time line counts the sections.
"""

from __future__ import annotations

import argparse
import sys

import nbformat

from explainer.lesson_time import headings, section_marks, set_mark, write_marks
from explainer.paths import notebook_paths


def _list(nb) -> list[str]:
    rows = []
    for n, cell in enumerate(nb.cells):
        if n and cell.cell_type == "markdown":
            marks = section_marks(cell)
            rows += [f"{marks.get(h, 'not marked'):<11} {h}" for h in headings(cell.source)]
    return rows


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python tools/section_marks.py", description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", help="notebooks to rewrite (default: all)")
    parser.add_argument("--set", nargs=3, metavar=("NOTEBOOK", "HEADING", "KIND"), help="mark one section")
    parser.add_argument("--list", metavar="NOTEBOOK", help="print each section's kind")
    args = parser.parse_args(argv)
    try:
        if args.set:
            name, heading, kind = args.set
            (path,) = notebook_paths([name])
            nb = nbformat.read(path, as_version=4)
            set_mark(nb, heading, kind)
            nbformat.write(nb, path)
            print(f"{path.name}: {heading!r} is {kind}")
            return 0
        if args.list:
            (path,) = notebook_paths([args.list])
            print("\n".join(_list(nbformat.read(path, as_version=4))))
            return 0
        paths = notebook_paths(args.notebooks)
    except (FileNotFoundError, ValueError) as error:
        raise SystemExit(str(error)) from None
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        if write_marks(nb):
            nbformat.write(nb, path)
            print(f"rewrote {path.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
