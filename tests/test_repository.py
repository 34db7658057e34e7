"""How the tests and benchmarks fit together: benchmarks import from tests, never the reverse."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.paths import ROOT


def _imported_modules(path: Path) -> set[str]:
    """The top-level names of the modules ``path`` imports (``.conftest`` counts as ``conftest``)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module.split(".")[0] if not node.level else node.module.split(".")[-1])
    return found


def test_tests_never_import_benchmarks_or_conftest():
    offenders = {
        str(path.relative_to(ROOT)): sorted(_imported_modules(path) & {"benchmarks", "conftest"})
        for path in sorted((ROOT / "tests").rglob("*.py"))
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_benchmarks_take_the_kernel_helpers_and_probe_from_tests():
    assert not (ROOT / "benchmarks" / "probe.py").exists() and not (ROOT / "benchmarks" / "kernels.py").exists()
    assert "tests" in _imported_modules(ROOT / "benchmarks" / "bench.py")
    # The probe is read from its file into the kernel: it must be where the kernel helpers say.
    from tests import kernels

    assert kernels.PROBE == ROOT / "tests" / "probe.py" and kernels.PROBE.exists()
    assert kernels.OFFLINE_LAUNCHER.exists()
