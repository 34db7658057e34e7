"""import_ms / import_floor_ms / import_ratio: ``import explainer`` in a fresh interpreter against bare start-up.

``import_ms`` is the median wall time of ``python -c "import explainer"``;
its floor, ``import_floor_ms``, is ``python -c "import pathlib"`` (the
interpreter, ``site`` and pathlib, the one standard module ``explainer.paths``
needs, about 12 ms of imports on its own: an editable install by setuptools
imported it at every start-up, which hid it in a floor of ``python -c pass``),
and ``import_ratio`` is the one over the other. Runs
alternate (floor, import) so load on the machine falls on both alike, and
each runs in an empty temporary folder so the working directory plays no
part.

The details add ``python -X importtime``'s own figure for ``explainer``
(its cumulative time, median of the runs) and, for scale, PyYAML's and what
importing the content layer costs (``explainer.content``: the records of
:mod:`explainer.model` and PyYAML, what ``explainer.load()`` needs first).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time

#: What is timed, and its floor.
IMPORT, FLOOR = "import explainer", "import pathlib"
#: ``-X importtime`` figures reported in the details: the module whose cumulative time is read, per statement.
IMPORTTIME = {
    "explainer": "import explainer",
    "yaml": "import yaml",
    "explainer.content": "import explainer.content",
}


def _env() -> dict:
    env = dict(os.environ)
    # A reader's Python keeps the bytecode it compiles; without that every run would compile the package.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("PYTHONPROFILEIMPORTTIME", None)
    return env


def _wall(code: str, cwd: str, env: dict) -> float:
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], cwd=cwd, env=env, check=True)
    return (time.perf_counter() - t0) * 1000


def importtime_us(module: str, code: str, cwd: str, env: dict) -> int:
    """The cumulative microseconds ``python -X importtime`` reports for ``module`` when running ``code``."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code], cwd=cwd, env=env, check=True, capture_output=True, text=True
    )
    for line in done.stderr.splitlines():
        parts = [p.strip() for p in line.removeprefix("import time:").split("|")]
        if len(parts) == 3 and parts[2] == module:
            return int(parts[1])
    raise ValueError(f"{code!r} did not import {module}")


def measure(repeats: int = 21) -> dict:
    """Time ``import explainer`` against ``python -c "import pathlib"``, alternated, each in a fresh interpreter.

    Parameters
    ----------
    repeats : int
        Runs of each, after one warm-up run (which also writes the bytecode).

    Returns
    -------
    dict
        ``import_ms`` and ``floor_ms`` (medians), ``ratio``, ``added_ms``,
        ``importtime_ms`` (``-X importtime`` cumulative figures, see
        :data:`IMPORTTIME`) and the raw samples.
    """
    env = _env()
    with tempfile.TemporaryDirectory(prefix="bench-import-") as cwd:
        for code in (FLOOR, IMPORT, *IMPORTTIME.values()):  # warm-up: bytecode written, files in the page cache
            _wall(code, cwd, env)
        imports, floors = [], []
        for _ in range(repeats):
            floors.append(_wall(FLOOR, cwd, env))
            imports.append(_wall(IMPORT, cwd, env))
        importtime = {
            module: statistics.median(importtime_us(module, code, cwd, env) for _ in range(max(5, repeats // 3))) / 1000
            for module, code in IMPORTTIME.items()
        }
    imp, flo = statistics.median(imports), statistics.median(floors)
    return {
        "import_ms": round(imp, 2),
        "floor_ms": round(flo, 2),
        "ratio": round(imp / flo, 3),
        "added_ms": round(imp - flo, 2),
        "importtime_ms": {module: round(ms, 2) for module, ms in importtime.items()},
        "samples_ms": [round(x, 2) for x in imports],
        "floor_samples_ms": [round(x, 2) for x in floors],
    }


if __name__ == "__main__":  # python -m benchmarks.imports: this measurement alone
    import json

    print(json.dumps({k: v for k, v in measure().items() if "samples" not in k}, indent=2))
