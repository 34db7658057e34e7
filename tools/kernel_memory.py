"""Measure the peak memory of a kernel running each notebook (for the teacher guide).

For each notebook: start a fresh ``python3`` kernel with nbclient, run every
cell in order, then read the kernel process's ``VmHWM`` (peak resident set
size) from ``/proc/<pid>/status`` before shutting it down. An idle kernel is
measured the same way as a baseline. Linux only.

Usage: ``.venv/bin/python tools/kernel_memory.py [NOTEBOOK ...]``
"""

from __future__ import annotations

import os
import platform
import sys
import tempfile
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent


def _vm(pid: int, key: str) -> float:
    """A ``/proc/<pid>/status`` value in MiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1]) / 1024
    raise KeyError(key)


def measure(path: Path | None) -> tuple[float, float]:
    """(peak RSS, RSS at the end) in MiB of a kernel that ran ``path`` (None: idle)."""
    nb = nbformat.read(path, as_version=4) if path else nbformat.v4.new_notebook()
    cwd = path.parent if path else ROOT
    client = NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(cwd)}})
    with client.setup_kernel():
        pid = client.km.provisioner.process.pid
        for index, cell in enumerate(nb.cells):
            client.execute_cell(cell, index)
        return _vm(pid, "VmHWM"), _vm(pid, "VmRSS")


def main(argv=None) -> int:
    args = argv if argv is not None else sys.argv[1:]
    paths = [Path(a) for a in args] or sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    os.environ["EXPLAINER_WORK"] = tempfile.mkdtemp(prefix="explainer-mem-")
    os.environ.setdefault("MPLBACKEND", "Agg")
    print(f"# {platform.python_implementation()} {platform.python_version()}, {platform.machine()}, {os.cpu_count()} CPUs")
    print("| Notebook | Peak RSS (VmHWM), MiB | RSS at end, MiB |")
    print("|---|---:|---:|")
    peak, end = measure(None)
    print(f"| (idle kernel) | {peak:.0f} | {end:.0f} |")
    for path in paths:
        peak, end = measure(path)
        print(f"| {path.stem} | {peak:.0f} | {end:.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
