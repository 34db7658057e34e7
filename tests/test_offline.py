"""Every notebook runs with the network blocked, and a second Run All gives the same outputs.

Both read the session's shared run of each notebook (``tests/notebook_runs.py``),
which is offline: the first check costs no run of its own.
"""

from __future__ import annotations

import json
import re

import pytest

from tests.paths import notebook_paths

_VOLATILE = [
    (re.compile(r"at 0x[0-9a-f]+"), "at 0xADDR"),
    # explainer.workbench.new_workspace makes a new numbered copy on every run, by design:
    # earlier copies (a student's work) are never touched or reused.
    (re.compile(r"\b(data-copy|scratch)-\d+\b"), r"\1-N"),
    (re.compile(r'"model_id": "[0-9a-f]+"'), '"model_id": "ID"'),
    (re.compile(r"/tmp/[^\s'\"]+"), "TMPPATH"),
]

NOTEBOOK_PATHS = notebook_paths()


def _normalised(cells) -> list[str]:
    out = []
    for cell in cells:
        if cell.cell_type != "code":
            continue
        outputs = []
        merged = []  # consecutive stream outputs of one name are one output, however they were chunked
        for o in cell.outputs:
            if (
                o.output_type == "stream"
                and merged
                and merged[-1].get("output_type") == "stream"
                and merged[-1]["name"] == o.name
            ):
                merged[-1]["text"] += o.text
            else:
                merged.append(dict(o))
        for o in merged:
            o = {k: v for k, v in o.items() if k not in ("execution_count", "metadata", "transient")}
            text = json.dumps(o, sort_keys=True)
            for rx, sub in _VOLATILE:
                text = rx.sub(sub, text)
            outputs.append(text)
        out.append("\n".join(outputs))
    return out


@pytest.mark.parametrize("path", NOTEBOOK_PATHS, ids=lambda p: p.stem)
def test_notebook_runs_with_the_network_blocked(path, notebook_runs):
    run = notebook_runs.get(path)
    errors = run.errors()
    assert not errors, f"{path.name}:\n" + "\n".join(errors)
    assert not run.network_attempts, f"{path.name} tried to reach the network:\n" + "\n".join(run.network_attempts)
    if not run.isolated:
        pytest.xfail("no network namespace here (not root); only the audit hook blocked connections")


@pytest.mark.notebook_run("again")
@pytest.mark.parametrize("path", NOTEBOOK_PATHS, ids=lambda p: p.stem)
def test_second_run_all_gives_the_same_outputs(path, notebook_runs):
    run = notebook_runs.get(path)
    run.need("again")
    a, b = _normalised(run.executed.cells), _normalised(run.second)
    assert len(a) == len(b), f"{path.name}: {len(a)} code cells, then {len(b)}"
    diffs = [i for i, (x, y) in enumerate(zip(a, b)) if x != y]
    assert not diffs, f"{path.name}: code cells {diffs} differ on the second run:\n" + "\n".join(
        f"--- first:\n{a[i][:600]}\n--- second:\n{b[i][:600]}" for i in diffs[:3]
    )
