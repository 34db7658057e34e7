"""Where things are in the repository, for the tests and the benchmarks: the checkout explainer runs from."""

from __future__ import annotations

from pathlib import Path

from explainer.paths import CHECKOUT, PACKAGE_DATA

ROOT = CHECKOUT
DATA = PACKAGE_DATA
NOTEBOOKS = ROOT / "notebooks"
ARTIFACTS = ROOT / "test-artifacts"


def notebook_paths(folder: Path = NOTEBOOKS) -> list[Path]:
    """Every notebook in ``folder`` (not checkpoints), in name order, found afresh on each call."""
    return sorted(p for p in folder.glob("*.ipynb") if not p.name.startswith("."))
