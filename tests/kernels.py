"""Run notebooks in kernels we control: timed, offline if asked, with peak memory.

Used by the notebook tests here and by ``python -m benchmarks``. Everything
is discovered: every ``notebooks/*.ipynb`` is run, and the code a notebook
imports is read from its cells, so notebooks added later are covered too.

A :class:`Session` is one kernel. It runs a notebook's cells with nbclient,
runs extra code (the probe in :mod:`tests.probe`) in the same kernel,
restarts, and reads the kernel's peak resident memory (``VmHWM`` in
``/proc/<pid>/status``; psutil is not a dependency).
"""

from __future__ import annotations

import ast
import copy
import json
import os
import re
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import nbformat
from jupyter_client.manager import AsyncKernelManager
from nbclient import NotebookClient

from .paths import NOTEBOOKS

PROBE = Path(__file__).resolve().parent / "probe.py"
OFFLINE_LAUNCHER = Path(__file__).resolve().parent / "offline_kernel.py"
MARK = "@@probe@@"


def read(path: Path):
    """The notebook at ``path`` as a NotebookNode (outputs as saved)."""
    return nbformat.read(path, as_version=4)


def _python_source(cell_source: str) -> str:
    """Cell source with IPython-only lines (magics, shell escapes) blanked."""
    return "\n".join("" if line.lstrip().startswith(("%", "!")) else line for line in cell_source.splitlines())


def imports_of(nb) -> list[str]:
    """The import statements in a notebook's code cells, each once, in order."""
    found: list[str] = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        try:
            tree = ast.parse(_python_source(cell.source))
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if isinstance(node, (ast.Import, ast.ImportFrom)) and not (
                isinstance(node, ast.ImportFrom) and node.module == "__future__"
            ):
                line = ast.unparse(node)
                if line not in found:
                    found.append(line)
    return found


def imports_notebook(nb):
    """A notebook that only imports what ``nb`` imports: the floor for ``nb``."""
    out = nbformat.v4.new_notebook()
    out.metadata = copy.deepcopy(nb.metadata)
    out.cells = [nbformat.v4.new_code_cell("\n".join(imports_of(nb)) or "pass")]
    return out


def modules_notebook(nb, modules: list[str]):
    """A notebook that only imports ``modules`` (what ``nb`` had loaded when it finished).

    This is the floor of ``nb``: a kernel after the same imports, including
    the ones the package makes lazily on first use (pandas inside a chart
    function, say), and nothing else: no data, no figures, no widgets.
    """
    out = nbformat.v4.new_notebook()
    out.metadata = copy.deepcopy(nb.metadata)
    wanted = [m for m in modules if m not in ("__main__", "__mp_main__") and not m.startswith("_explainer_probe")]
    out.cells = [
        nbformat.v4.new_code_cell(
            "import importlib as _il\n"
            f"for _m in {wanted!r}:\n"
            "    try:\n"
            "        _il.import_module(_m)\n"
            "    except Exception:\n"
            "        pass\n"
        )
    ]
    return out


def peak_rss_mib(pid: int) -> float:
    """Peak resident memory (VmHWM) of process ``pid`` in MiB."""
    status = Path(f"/proc/{pid}/status").read_text()
    kib = int(re.search(r"^VmHWM:\s+(\d+) kB", status, re.M).group(1))
    return kib / 1024


def rss_mib(pid: int) -> float:
    """Current resident memory (VmRSS) of process ``pid`` in MiB; 0 if it is gone."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0.0
    m = re.search(r"^VmRSS:\s+(\d+) kB", status, re.M)
    return int(m.group(1)) / 1024 if m else 0.0


def can_unshare_network() -> bool:
    """True if ``unshare -n`` works here (needs root or user namespaces)."""
    exe = shutil.which("unshare")
    if not exe:
        return False
    try:
        return subprocess.run([exe, "-n", "true"], capture_output=True, timeout=10).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


def _manager_class(prefix: list[str], launcher: list[str] | None, ipc_dir: str, python: str | None = None):
    """A kernel manager that starts the kernel behind ``prefix`` (and another launcher, or another Python)."""

    class Manager(AsyncKernelManager):
        def format_kernel_cmd(self, extra_arguments=None):
            cmd = super().format_kernel_cmd(extra_arguments)
            if python:
                cmd = [python, *cmd[1:]]
            if launcher:
                # [python, -m, ipykernel_launcher, -f, FILE] -> [python, LAUNCHER, -f, FILE]
                i = cmd.index("-m") if "-m" in cmd else None
                if i is not None:
                    cmd = [cmd[0], *launcher, *cmd[i + 2 :]]
            return [*prefix, *cmd]

        def __init__(self, **kwargs):
            kwargs.update(transport="ipc", ip=os.path.join(ipc_dir, "kernel"))
            super().__init__(**kwargs)

    return Manager


class Session:
    """One kernel running one notebook, plus whatever we run after it.

    Parameters
    ----------
    nb : NotebookNode or Path
    env : dict, optional
        Variables added to this process's environment for the kernel.
    cwd : Path
        The kernel's working folder (the notebooks folder, as in JupyterLab).
    offline : bool
        Run the kernel with no network: in its own network namespace where
        ``unshare -n`` works, and always with an audit hook that refuses and
        logs any connection that is not local (see ``offline_kernel.py``).
    timeout : int
        Seconds allowed per cell.
    cpus : str, optional
        ``taskset`` CPU list for the kernel (``"0,1"``).
    python : str, optional
        The Python that runs the kernel, with ipykernel installed (default: this one).
    """

    def __init__(
        self,
        nb,
        *,
        env=None,
        cwd: Path = NOTEBOOKS,
        offline=False,
        timeout=300,
        cpus=None,
        allow_errors=False,
        python=None,
    ):
        self.path = nb if isinstance(nb, Path) else None
        self.nb = read(nb) if isinstance(nb, Path) else nb
        self.env = {**os.environ, **(env or {})}
        self.env.setdefault("MPLBACKEND", "Agg")
        self.cwd = Path(cwd)
        self.offline = offline
        self.cpus = cpus
        self.timeout = timeout
        self.allow_errors = allow_errors
        self.python = python
        self.net_log: Path | None = None
        self._tmp = tempfile.mkdtemp(prefix="bench-kernel-")
        self.client: NotebookClient | None = None
        self._cm = None

    # -- life cycle --------------------------------------------------------
    def __enter__(self):
        # Unix sockets, not TCP: no port races between many kernels, nothing on the network,
        # and they work from inside a network namespace.
        prefix, launcher, ipc_dir = [], None, self._tmp
        if self.cpus and shutil.which("taskset"):
            prefix += ["taskset", "-c", self.cpus]
        if self.offline:
            self.net_log = Path(self._tmp) / "network-attempts.log"
            self.env["EXPLAINER_NET_LOG"] = str(self.net_log)
            launcher = [str(OFFLINE_LAUNCHER)]
            if can_unshare_network():
                prefix += [shutil.which("unshare"), "-n"]
        self.client = NotebookClient(
            self.nb,
            timeout=self.timeout,
            startup_timeout=240,
            kernel_name="python3",
            allow_errors=self.allow_errors,
            resources={"metadata": {"path": str(self.cwd)}},
            kernel_manager_class=_manager_class(prefix, launcher, ipc_dir, self.python),
        )
        self.client.reset_execution_trackers()
        self._cm = self.client.setup_kernel(env=self.env, cwd=str(self.cwd))
        self._cm.__enter__()
        self.run("pass")  # the kernel is ready when it has answered once
        return self

    def __exit__(self, *exc):
        try:
            if self._cm is not None:
                self._cm.__exit__(*exc)
        finally:
            shutil.rmtree(self._tmp, ignore_errors=True)
        return False

    @property
    def pid(self) -> int:
        """Process id of the kernel (``unshare`` and ``taskset`` exec, so it is the kernel's)."""
        return self.client.km.provisioner.process.pid

    def peak_mib(self) -> float:
        """The kernel's peak resident memory so far, in MiB."""
        return peak_rss_mib(self.pid)

    def restart(self) -> None:
        """Restart the kernel, as Kernel > Restart does in JupyterLab."""
        from jupyter_client.utils import run_sync

        run_sync(self.client.km.restart_kernel)(now=False)
        run_sync(self.client.kc.wait_for_ready)(timeout=240)
        self.client.reset_execution_trackers()
        self.run("pass")

    # -- running -----------------------------------------------------------
    def run_notebook(self) -> list:
        """Run every cell in order, like Run All; returns a copy of the cells after it."""
        for index, cell in enumerate(self.nb.cells):
            if cell.cell_type == "code":
                self.client.execute_cell(cell, index)
        return copy.deepcopy(self.nb.cells)

    def run(self, source: str):
        """Run ``source`` in the kernel as an extra cell; returns the executed cell."""
        cell = nbformat.v4.new_code_cell(source)
        self.nb.cells.append(cell)  # nbclient stores the cell back at its index
        try:
            self.client.execute_cell(cell, len(self.nb.cells) - 1, store_history=False)
        finally:
            self.nb.cells.pop()
        return cell

    def probe(self, call: str):
        """Call a function of :mod:`tests.probe` in the kernel and return its JSON result.

        The probe is loaded into the kernel once, as a module of its own, so the
        notebook's variables are left alone.
        """
        loader = (
            "import sys as _s, types as _t\n"
            "if '_explainer_probe' not in _s.modules:\n"
            "    _m = _t.ModuleType('_explainer_probe')\n"
            f"    exec(compile(open({str(PROBE)!r}).read(), {str(PROBE)!r}, 'exec'), _m.__dict__)\n"
            "    _s.modules['_explainer_probe'] = _m\n"
            "del _s, _t\n"
        )
        source = (
            loader
            + "import json as _json, sys as _sys\n"
            + f"_r = _sys.modules['_explainer_probe'].{call}\n"
            + f"print({MARK!r} + _json.dumps(_r, default=str))\n"
            + "del _r, _json, _sys\n"
        )
        cell = self.run(source)
        for out in cell.outputs:
            if out.get("output_type") == "stream" and MARK in out.get("text", ""):
                text = out["text"]
                return json.loads(text[text.index(MARK) + len(MARK) :].splitlines()[0])
        raise RuntimeError(f"probe {call} gave no result: {cell.outputs}")

    def modules(self) -> list[str]:
        """Every module loaded in the kernel now (``sys.modules``), sorted."""
        cell = self.run(f"import sys as _s, json as _j; print({MARK!r} + _j.dumps(sorted(_s.modules))); del _s, _j")
        text = "".join(o.get("text", "") for o in cell.outputs)
        return json.loads(text[text.index(MARK) + len(MARK) :].splitlines()[0])

    def widget_state(self) -> dict:
        """Every widget model's state as the frontend last heard it, by model id."""
        return copy.deepcopy(self.client.widget_state)

    def network_attempts(self) -> list[str]:
        """Connections the offline kernel refused, one line each."""
        if self.net_log and self.net_log.exists():
            return self.net_log.read_text().splitlines()
        return []


def timed_run(nb, **kwargs) -> dict:
    """Start a kernel, run ``nb``, stop it; wall time (s) and the kernel's peak memory (MiB)."""
    t0 = time.perf_counter()
    with Session(nb, **kwargs) as session:
        session.run_notebook()
        peak = session.peak_mib()
    return {"seconds": time.perf_counter() - t0, "peak_mib": peak}
