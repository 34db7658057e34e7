"""The package as a student installs it: the built wheel, the runtime dependencies only, far from the checkout.

``-m wheel`` (slow; about two minutes with uv's cache): build the wheel, check
what it carries, install it into a fresh virtual environment with the four
runtime dependencies (ipywidgets, matplotlib, pandas, PyYAML) at the locked
versions plus ipykernel (what any Jupyter front end brings), copy the notebooks
out with ``explainer notebooks`` into an empty folder outside the checkout,
and run every notebook there, offline, in that environment's kernel. The
checkout is nowhere on the path: if the package reads a file it did not ship,
a notebook fails here.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from tests.kernels import Session
from tests.paths import ROOT

pytestmark = pytest.mark.wheel

LOCK = ROOT / "binder" / "requirements.txt"
UV = [sys.executable, "-m", "uv"]
EXTRAS_ONLY = ("jupyterlab", "voila", "nbconvert", "nbclient", "pytest")  # must not be in a runtime install

INSPECT = """
import importlib.util, json, explainer, explainer.paths
content = explainer.load()
print(json.dumps({
    "explainer": explainer.__file__,
    "data": str(explainer.paths.resolve_data_dir()),
    "sources": len(content.sources),
    "extras_present": [m for m in %r if importlib.util.find_spec(m) is not None],
}))
"""


def _run(argv, *, timeout, what, **kwargs):
    try:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=timeout, **kwargs)
    except subprocess.TimeoutExpired:
        pytest.fail(f"{what}: not finished after {timeout} s", pytrace=False)
    assert done.returncode == 0, f"{what} failed ({done.returncode}):\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done


def _size_mib(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink()) / 2**20


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """(python, bin folder, the student's folder, env) of a fresh runtime-only install of the built wheel."""
    tmp = tmp_path_factory.mktemp("wheel")
    started = time.monotonic()
    _run([*UV, "build", "--wheel", "--out-dir", str(tmp / "dist"), str(ROOT)], timeout=600, what="uv build --wheel")
    (wheel,) = (tmp / "dist").glob("*.whl")
    venv = tmp / "venv"
    _run([*UV, "venv", "--quiet", "--python", sys.executable, str(venv)], timeout=120, what="uv venv")
    python = venv / "bin" / "python"
    _run(
        [*UV, "pip", "install", "--quiet", "--python", str(python), "--constraint", str(LOCK), str(wheel), "ipykernel"],
        timeout=900,
        what="uv pip install WHEEL ipykernel",
    )
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "EXPLAINER_DATA", "EXPLAINER_WORK"}}
    env.update(PATH=f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}", VIRTUAL_ENV=str(venv), MPLBACKEND="Agg")
    student = tmp / "far" / "away" / "class"
    done = _run(
        [str(venv / "bin" / "explainer"), "notebooks", str(student)], cwd=tmp, env=env, timeout=60, what="notebooks"
    )
    print(
        f"\nwheel {wheel.name} ({wheel.stat().st_size / 2**20:.1f} MiB) installed with its runtime dependencies: "
        f"{_size_mib(venv):.0f} MiB, in {time.monotonic() - started:.0f} s\n{done.stdout}"
    )
    return python, wheel, student, env


def test_the_wheel_carries_the_content(installed):
    _, wheel, _, _ = installed
    names = zipfile.ZipFile(wheel).namelist()
    shipped = [n for n in names if n.startswith("explainer/shipped/")]
    on_disk = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "data").rglob("*") if p.is_file())
    assert sorted(n.removeprefix("explainer/shipped/") for n in shipped if "/data/" in f"/{n}") >= on_disk
    notebooks = sorted(n.rsplit("/", 1)[1] for n in shipped if n.startswith("explainer/shipped/notebooks/"))
    assert notebooks == sorted(p.name for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    assert "explainer/shipped/examples/workbench_additions.yaml" in names
    stray = [n for n in names if any(part in n for part in (".ipynb_checkpoints", "my_work/", "__pycache__", "tests/"))]
    assert not stray, stray


def test_runtime_install_has_no_lab_or_site_tools_and_reads_shipped_data(installed, tmp_path):
    python, _, _, env = installed
    done = _run([str(python), "-c", INSPECT % (EXTRAS_ONLY,)], cwd=tmp_path, env=env, timeout=120, what="inspect")
    found = json.loads(done.stdout.strip().splitlines()[-1])
    site = Path(python).parent.parent
    assert Path(found["explainer"]).is_relative_to(site), "the kernel must import the installed wheel"
    assert Path(found["data"]).is_relative_to(site) and found["data"].endswith("explainer/shipped/data")
    assert found["sources"] > 50
    assert found["extras_present"] == [], f"a runtime install must not bring {found['extras_present']}"


def test_explainer_notebooks_never_replaces_a_students_file(installed):
    _, _, student, env = installed
    mine = student / "notebooks" / "00_start_here.ipynb"
    before = mine.read_bytes()
    done = _run(
        [str(Path(env["VIRTUAL_ENV"]) / "bin" / "explainer"), "notebooks", str(student), "--data"],
        env=env,
        timeout=60,
        what="notebooks --data",
    )
    assert "kept as it was: notebooks/00_start_here.ipynb" in done.stdout
    assert mine.read_bytes() == before
    assert (student / "data" / "claims.yaml").is_file()
    (student / "data").rename(student / "data-unused")  # the notebooks below read the shipped data


def test_every_notebook_runs_from_the_students_folder(installed):
    python, _, student, env = installed
    folder = student / "notebooks"
    failed = {}
    for path in sorted(folder.glob("[0-9][0-9]_*.ipynb")):
        run_env = {k: env[k] for k in ("PATH", "VIRTUAL_ENV", "MPLBACKEND")}
        with Session(path, env=run_env, cwd=folder, offline=True, allow_errors=True, python=str(python)) as s:
            s.run_notebook()
            errors = [
                f"cell {n}: {o.ename}: {o.evalue}"
                for n, c in enumerate(s.nb.cells)
                if c.cell_type == "code"
                for o in c.outputs
                if o.output_type == "error"
            ]
            where = s.run("import explainer; print(explainer.__file__)").outputs[0]["text"]
        if errors or not Path(where.strip()).is_relative_to(python.parent.parent):
            failed[path.name] = errors or [f"imported {where.strip()}"]
    assert not failed, failed
