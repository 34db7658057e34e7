"""Write each notebook's launch links and its set-up cell from the repository URL in pyproject.toml.

The links line in the top Markdown cell of every notebook (Binder, the
presenter view, Colab, and the school's hub when one is configured) and the
set-up cell that finds the package (its install line names the repository)
are generated text (:mod:`explainer.commands.launch`). A fork that changes
``[project.urls] Repository`` runs this once; tests/test_launch.py fails until
it has. Outputs are left as they are (no notebook is run).

Usage: ``python tools/launch_links.py [--hub URL] [NOTEBOOK ...]`` (default: all
notebooks; the hub of ``EXPLAINER_HUB`` or ``[tool.explainer] hub`` unless given).
"""

from __future__ import annotations

import argparse
import sys

import nbformat

from explainer.commands.launch import refresh
from explainer.commands.links import hub_address
from explainer.paths import notebook_paths


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python tools/launch_links.py", description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", help="notebooks to rewrite (default: all)")
    parser.add_argument("--hub", help="the school's JupyterHub (default: EXPLAINER_HUB, else [tool.explainer] hub)")
    args = parser.parse_args(argv)
    try:
        paths = notebook_paths(args.notebooks)
    except FileNotFoundError as error:
        raise SystemExit(str(error)) from None
    hub = args.hub or hub_address()
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        if refresh(nb, path.stem, hub=hub):
            nbformat.write(nb, path)
            print(f"rewrote {path.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
