"""Every notebook runs with the network blocked, and a second Run All gives the same outputs."""

from __future__ import annotations

import json
import re

import pytest

from tests import kernels
from tests.paths import notebook_paths

_VOLATILE = [
    (re.compile(r"at 0x[0-9a-f]+"), "at 0xADDR"),
    # explainer.workbench.new_workspace makes a new numbered copy on every run, by design:
    # earlier copies (a student's work) are never touched or reused.
    (re.compile(r"\b(data-copy|scratch)-\d+\b"), r"\1-N"),
    (re.compile(r'"model_id": "[0-9a-f]+"'), '"model_id": "ID"'),
    (re.compile(r"/tmp/[^\s'\"]+"), "TMPPATH"),
]


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


@pytest.fixture(scope="module", params=notebook_paths(), ids=lambda p: p.stem)
def offline_twice(request, tmp_path_factory):
    """A notebook run twice, Run All after Run All, in one kernel that has no network."""
    work = tmp_path_factory.mktemp("work")
    with kernels.Session(request.param, offline=True, env={"EXPLAINER_WORK": str(work)}) as s:
        first = s.run_notebook()
        second = s.run_notebook()
        attempts = s.network_attempts()
        isolated = kernels.can_unshare_network()
    return request.param, first, second, attempts, isolated


def test_notebook_runs_with_the_network_blocked(offline_twice):
    path, first, _second, attempts, isolated = offline_twice
    errors = [o for c in first if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors, errors
    assert not attempts, f"{path.name} tried to reach the network:\n" + "\n".join(attempts)
    if not isolated:
        pytest.xfail("no network namespace here (not root); only the audit hook blocked connections")


def test_second_run_all_gives_the_same_outputs(offline_twice):
    path, first, second, _attempts, _isolated = offline_twice
    a, b = _normalised(first), _normalised(second)
    diffs = [i for i, (x, y) in enumerate(zip(a, b)) if x != y]
    assert not diffs, f"{path.name}: code cells {diffs} differ on the second run:\n" + "\n".join(
        f"--- first:\n{a[i][:600]}\n--- second:\n{b[i][:600]}" for i in diffs[:3]
    )
