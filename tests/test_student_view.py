"""What a student sees in a notebook: no test plumbing in the cells they read."""

from __future__ import annotations

import json
import re

import pytest

from tests.paths import NOTEBOOKS

NOTEBOOK_PATHS = sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
CHECK_TAG = "nbval-check-output"


@pytest.mark.parametrize("path", NOTEBOOK_PATHS, ids=lambda p: p.stem)
def test_no_test_marker_in_any_cell_source(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    marked = [i for i, c in enumerate(nb["cells"]) if "NBVAL_" in "".join(c["source"])]
    assert marked == [], f"{path.name}: cells {marked} carry an NBVAL_ comment; use the cell tag {CHECK_TAG!r}"


def test_pinned_outputs_are_marked_with_nbvals_cell_tag():
    """nbval 0.11 reads the tag ``nbval-check-output`` as it read the comment ``# NBVAL_CHECK_OUTPUT``."""
    from nbval.plugin import metadata_tags

    assert metadata_tags[CHECK_TAG] == "check"
    tagged = 0
    for path in NOTEBOOK_PATHS:
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            if CHECK_TAG in cell.get("metadata", {}).get("tags", []):
                assert cell["cell_type"] == "code" and cell["outputs"], (path.name, cell.get("id"))
                tagged += 1
    assert tagged >= 20


#: The analyst workbench is for readers who write code: its cells may print.
PRINTS_ALLOWED = {"06_analyst_workbench"}


@pytest.mark.parametrize("path", [p for p in NOTEBOOK_PATHS if p.stem not in PRINTS_ALLOWED], ids=lambda p: p.stem)
def test_no_code_cell_prints(path):
    """Prose from the data is formatted text (HTML or Markdown), never print()'s monospace."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    printing = [
        i
        for i, c in enumerate(nb["cells"])
        if c["cell_type"] == "code" and re.search(r"\bprint\(", "".join(c["source"]))
    ]
    assert printing == [], f"{path.name}: code cells {printing} call print(); show the text as HTML (explainer.views)"
