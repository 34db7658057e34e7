"""A classroom: ten kernels running every notebook at once on two cores (``-m classroom``; minutes)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests import kernels
from tests.paths import ARTIFACTS, ROOT, notebook_paths

CLASS_SIZE = 10


@pytest.mark.classroom
def test_ten_kernels_run_every_notebook_at_once(tmp_path):
    marker = f"explainer-classroom-{uuid.uuid4().hex[:8]}"
    cpus = "0,1" if (os.cpu_count() or 1) > 2 else None
    results: dict[int, list] = {}
    peak = {"total_mib": 0.0, "kernels": 0}
    stop = threading.Event()

    def sample():
        while not stop.is_set():
            total, n = 0.0, 0
            for proc in Path("/proc").iterdir():
                if not proc.name.isdigit():
                    continue
                try:
                    if marker.encode() in (proc / "environ").read_bytes():
                        total += kernels.rss_mib(int(proc.name))
                        n += 1
                except OSError:
                    continue
            if total > peak["total_mib"]:
                peak["total_mib"], peak["kernels"] = total, n
            stop.wait(0.25)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    t0 = time.monotonic()
    # Each student runs in a process of its own (nbclient's event loop is per process).
    with ThreadPoolExecutor(max_workers=CLASS_SIZE) as pool:
        list(pool.map(_run_student_in_process, [(n, str(tmp_path), marker, cpus) for n in range(CLASS_SIZE)]))
    wall = time.monotonic() - t0
    stop.set()
    sampler.join()
    for n in range(CLASS_SIZE):
        done = tmp_path / f"student-{n}.json"
        results[n] = (
            json.loads(done.read_text())
            if done.exists()
            else [
                {
                    "notebook": "(all)",
                    "ok": False,
                    "errors": [(tmp_path / f"student-{n}.log").read_text()[-2000:]],
                    "peak_mib": None,
                    "seconds": None,
                }
            ]
        )
    runs = [r for rs in results.values() for r in rs]
    per_nb = {}
    for r in runs:
        if r["peak_mib"]:
            per_nb.setdefault(r["notebook"], []).append(r["peak_mib"])
    report = {
        "students": CLASS_SIZE,
        "cores": os.cpu_count() if cpus is None else 2,
        "wall_seconds": round(wall, 1),
        "peak_total_kernel_rss_mib": round(peak["total_mib"], 1),
        "kernels_alive_at_peak": peak["kernels"],
        "peak_kernel_rss_mib_by_notebook": {nb: round(max(v), 1) for nb, v in sorted(per_nb.items())},
        "failures": [
            f"student {n} {r['notebook']}: {r['errors']}" for n, rs in results.items() for r in rs if not r["ok"]
        ],
    }
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "classroom.json").write_text(json.dumps(report, indent=2))
    print("\nclassroom:", json.dumps(report, indent=2))
    assert not report["failures"], "\n".join(report["failures"])
    assert len(runs) == CLASS_SIZE * len(notebook_paths())
    assert report["kernels_alive_at_peak"] >= CLASS_SIZE // 2, "the kernels did not overlap: not a classroom test"


def _run_student_in_process(args) -> None:
    n, tmp, marker, cpus = args
    code = (
        "import json, time\n"
        "from tests import kernels\n"
        "from tests.paths import notebook_paths\n"
        f"n, tmp, marker, cpus = {n!r}, {tmp!r}, {marker!r}, {cpus!r}\n"
        "paths = notebook_paths()\n"
        "order = paths[n % len(paths):] + paths[:n % len(paths)]\n"
        "env = {'EXPLAINER_WORK': f'{tmp}/student-{n}', 'EXPLAINER_CLASSROOM': marker}\n"
        "out = []\n"
        "for path in order:\n"
        "    t0 = time.monotonic()\n"
        "    try:\n"
        "        with kernels.Session(path, env=env, cpus=cpus, timeout=600) as s:\n"
        "            cells = s.run_notebook()\n"
        "            mib = s.peak_mib()\n"
        "        errors = [f'{o.ename}: {o.evalue}' for c in cells if c.cell_type == 'code'\n"
        "                  for o in c.outputs if o.output_type == 'error']\n"
        "        out.append({'notebook': path.stem, 'ok': not errors, 'errors': errors, 'peak_mib': mib,\n"
        "                    'seconds': time.monotonic() - t0})\n"
        "    except Exception as err:\n"
        "        out.append({'notebook': path.stem, 'ok': False, 'errors': [repr(err)[:500]],\n"
        "                    'peak_mib': None, 'seconds': time.monotonic() - t0})\n"
        "open(f'{tmp}/student-{n}.json', 'w').write(json.dumps(out))\n"
    )
    with open(f"{tmp}/student-{n}.log", "w") as log:
        subprocess.run([sys.executable, "-c", code], cwd=ROOT, timeout=3600, stdout=log, stderr=subprocess.STDOUT)
