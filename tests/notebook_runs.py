"""Each notebook run once per test session, and the checks that read that one run.

Running the eight notebooks is most of what the tests cost, and most notebook
checks ask the same of a fresh run: no cell fails, nothing reaches the
network, the pinned outputs are the stored ones, the static site has a page
for each. :class:`NotebookRuns` runs each notebook once, the strictest way any
of them needs it, and keeps the result for all of them:

- offline (``Session(offline=True)``: a network namespace of its own where
  ``unshare -n`` works, and an audit hook that refuses and logs every connection);
- in the notebooks folder, in a fresh ``EXPLAINER_WORK`` of its own (a
  notebook must run on its own, not only after the one before it);
- every cell run even after one fails (as nbval and Run All do), so each
  check reports the failing cell rather than an aborted run;
- with the widget state stored in the notebook's metadata, as
  ``explainer.commands.site.execute`` stores it for the static site.

The runs start in the background as soon as the tests are collected, one
notebook at a time in a process of its own (``python -m tests.notebook_runs``),
and ``tests/conftest.py`` puts the tests that read them last: on two cores the
kernel runs beside the other tests instead of after them.

Tests that need more of the same kernel say so with a marker, and the run
does it while the kernel is still up (the plan is made from the tests that
were collected, so ``make check`` pays for none of it):

- ``@pytest.mark.notebook_run("again")``: a second Run All in the same kernel;
- ``@pytest.mark.notebook_run("restarted")``: answers given, the kernel
  restarted, Run All again, the answers read back.

Such tests are slow (another run of every notebook) and are marked ``slow``
by ``tests/conftest.py``.
"""

from __future__ import annotations

import copy
import json
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from .paths import ROOT

AGAIN, RESTARTED = "again", "restarted"
STAGES = (AGAIN, RESTARTED)
SANITIZE = ROOT / "tests" / "sanitize.cfg"


@dataclass
class NotebookRun:
    """One notebook's run in the session, and what was done in its kernel afterwards."""

    path: Path
    executed: object  # the notebook after Run All: outputs and metadata.widgets (do not change it)
    network_attempts: list[str]
    isolated: bool  # the kernel had a network namespace of its own (else only the audit hook)
    stages: frozenset = frozenset()
    second: list | None = None  # the cells after a second Run All in the same kernel
    given: dict = field(default_factory=dict)  # answers given after the runs (RESTARTED)
    shown: dict = field(default_factory=dict)  # what the answer fields show after restart + Run All
    saved: list[str] = field(default_factory=list)  # files the answers added or changed in the work folder
    runs: int = 1  # Run Alls of this notebook in the session

    def errors(self) -> list[str]:
        """``cell N: Name: message`` for every error output of the first run."""
        return [
            f"cell {n}: {o.ename}: {o.evalue}"
            for n, c in enumerate(self.executed.cells)
            if c.cell_type == "code"
            for o in c.outputs
            if o.output_type == "error"
        ]

    def notebook(self):
        """A copy of the executed notebook, to change or export."""
        return copy.deepcopy(self.executed)

    def need(self, stage: str) -> None:
        if stage not in self.stages:
            raise RuntimeError(
                f"{self.path.name}: the {stage!r} stage was not planned; "
                f'mark the test with @pytest.mark.notebook_run("{stage}")'
            )


class NotebookRuns:
    """The session's runs, one per notebook, each made once in the background."""

    def __init__(self, stages=()):
        unknown = set(stages) - set(STAGES)
        if unknown:
            raise ValueError(f"unknown notebook_run stages {sorted(unknown)}; known: {STAGES}")
        self.stages = frozenset(stages)
        self._tmp = Path(tempfile.mkdtemp(prefix="explainer-runs-"))
        # One at a time: on two cores, one for the kernel and one for the other tests.
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="notebook-run")
        self._futures: dict[Path, Future] = {}
        self._procs: dict[Path, subprocess.Popen] = {}
        self._closed = False

    def start(self, paths) -> None:
        """Begin running ``paths`` in the background, in this order (those not begun already)."""
        for path in paths:
            path = Path(path).resolve()
            if path not in self._futures and not self._closed:
                self._futures[path] = self._pool.submit(self._run, path)

    def get(self, path: Path) -> NotebookRun:
        """The run of ``path``, waiting for it if it is not done yet."""
        path = Path(path).resolve()
        self.start([path])
        return self._futures[path].result()

    @property
    def count(self) -> dict[str, int]:
        """Run Alls per notebook so far (for the report at the end of the session)."""
        return {
            p.stem: f.result().runs
            for p, f in self._futures.items()
            if f.done() and not f.exception() and not f.cancelled()
        }

    def close(self) -> None:
        """Stop what has not started, end the run under way (its process and kernel), remove the files."""
        self._closed = True
        for future in self._futures.values():
            future.cancel()
        for proc in list(self._procs.values()):
            if proc.poll() is None:
                proc.terminate()  # the worker's Session shuts its kernel down on SIGTERM's exception
                try:
                    proc.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    proc.kill()
        self._pool.shutdown(wait=True)
        shutil.rmtree(self._tmp, ignore_errors=True)

    def _run(self, path: Path) -> NotebookRun:
        out = self._tmp / path.stem
        out.mkdir()
        log = out / "worker.log"
        with open(log, "w") as sink:
            proc = subprocess.Popen(
                [sys.executable, "-m", "tests.notebook_runs", str(path), str(out), *sorted(self.stages)],
                cwd=ROOT,
                stdout=sink,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # a Ctrl-C at the terminal reaches pytest, which then ends this
            )
            self._procs[path] = proc
            code = proc.wait()
        if code != 0 or not (out / "result.json").exists():
            raise RuntimeError(f"{path.name}: the notebook run failed (exit {code}):\n{log.read_text()[-3000:]}")
        found = json.loads((out / "result.json").read_text(encoding="utf-8"))
        second = out / "again.ipynb"
        return NotebookRun(
            path,
            nbformat.read(out / "first.ipynb", as_version=4),
            found["network_attempts"],
            found["isolated"],
            self.stages,
            nbformat.read(second, as_version=4).cells if second.exists() else None,
            found["given"],
            found["shown"],
            found["saved"],
            found["runs"],
        )


def run_here(path: Path, out: Path, stages) -> None:
    """Run ``path`` offline in a new kernel and do ``stages`` in it; write what was found to ``out``."""
    from . import kernels

    work = out / "work"
    found = {"given": {}, "shown": {}, "saved": [], "runs": 0}
    with kernels.Session(path, offline=True, env={"EXPLAINER_WORK": str(work)}, allow_errors=True, timeout=600) as s:
        s.run_notebook()
        found["runs"] += 1
        s.client.set_widgets_metadata()  # what nbclient's execute() does at its end
        nbformat.write(s.nb, out / "first.ipynb")
        earlier = []  # the first Run All's widgets, still alive after a second one
        if AGAIN in stages:
            earlier = s.probe("widget_ids()")
            again = copy.deepcopy(s.nb)
            again.cells = s.run_notebook()
            found["runs"] += 1
            nbformat.write(again, out / "again.ipynb")
        if RESTARTED in stages:
            before = _files(work)
            found["given"] = s.probe(f"fill_answers(skip={earlier!r})")  # in the views of the last Run All
            if found["given"]:
                found["saved"] = sorted(name for name, stamp in _files(work).items() if before.get(name) != stamp)
                s.restart()
                s.run_notebook()
                found["runs"] += 1
                found["shown"] = s.probe("read_answers()")
        found["network_attempts"] = s.network_attempts()
        found["isolated"] = kernels.can_unshare_network()
    (out / "result.json").write_text(json.dumps(found), encoding="utf-8")


def _files(folder: Path) -> dict[str, list[int]]:
    """Every file below ``folder``: its size and modification time."""
    if not folder.exists():
        return {}
    return {
        str(p.relative_to(folder)): [p.stat().st_size, p.stat().st_mtime_ns] for p in folder.rglob("*") if p.is_file()
    }


# ----------------------------------------------------------------------------
# Pinned outputs, compared as nbval compares them (``pytest --nbval-lax``)
#
# Only cells tagged ``nbval-check-output`` are compared with their stored
# outputs; ``tests/sanitize.cfg`` is applied to both sides; streams of one
# name are joined; metadata, execution counts, output types, stream names,
# widget views and images are left out; each remaining field (every MIME type
# of data, every stream's text) must hold the same values in the same order.

SKIP_COMPARE = frozenset(
    {
        "metadata",
        "traceback",
        "prompt_number",
        "output_type",
        "name",
        "execution_count",
        "application/vnd.jupyter.widget-view+json",
        "image/png",
        "image/jpeg",
    }
)


def sanitize_patterns(path: Path = SANITIZE) -> list[tuple[str, str]]:
    from nbval.plugin import get_sanitize_patterns

    return get_sanitize_patterns(path.read_text(encoding="utf-8"))


def options(cell) -> dict:
    """nbval's options for a cell, from its tags and its comments (``check``, ``skip``...)."""
    from nbval.plugin import find_comment_markers, find_metadata_tags

    found = dict(find_metadata_tags(cell.metadata))
    found.update(find_comment_markers(cell.source))
    return found


def _fields(outputs, patterns) -> dict[str, list]:
    from nbval.plugin import coalesce_streams

    def clean(value):
        if not isinstance(value, str):
            return value
        for regex, replace in patterns:
            value = re.sub(regex, replace, value)
        return value

    fields: dict[str, list] = {}
    for out in coalesce_streams(copy.deepcopy(list(outputs))):
        if out.output_type == "stream":
            out = {"output_type": "stream", out.name: out.text}
        for key, value in out.items():
            if key in SKIP_COMPARE:
                continue
            if key == "data":
                for mime, data in value.items():
                    if mime not in SKIP_COMPARE:
                        fields.setdefault(mime, []).append(clean(data))
            else:
                fields.setdefault(key, []).append(clean(value))
    return fields


def output_differences(fresh, stored, patterns) -> list[str]:
    """How a cell's fresh outputs differ from its stored ones, as nbval would see it ([] if not at all)."""
    new, old = _fields(fresh, patterns), _fields(stored, patterns)
    if set(old) - set(new):
        return [f"missing output fields: {sorted(set(old) - set(new))}"]
    if set(new) - set(old):
        return [f"unexpected output fields: {sorted(set(new) - set(old))}"]
    problems = []
    for key, values in old.items():
        if len(values) != len(new[key]):
            problems.append(f"{key}: {len(values)} stored outputs, {len(new[key])} now")
        else:
            problems += [
                f"{key}:\n--- stored:\n{_short(a)}\n--- now:\n{_short(b)}" for a, b in zip(values, new[key]) if a != b
            ]
    return problems


def pinned_differences(run: NotebookRun, stored, patterns) -> list[str]:
    """For each pinned cell of ``stored`` whose fresh outputs differ: what differs."""
    problems = []
    for n, (old, new) in enumerate(zip(stored.cells, run.executed.cells)):
        if old.cell_type != "code":
            continue
        if old.execution_count is None and old.outputs:
            problems.append(f"cell {n}: an unrun cell has stored outputs")
        if options(old).get("check") and old.execution_count is not None:
            problems += [f"cell {n}: {d}" for d in output_differences(new.outputs, old.outputs, patterns)]
    return problems


def _short(value, limit: int = 1200) -> str:
    text = str(value)
    return text if len(text) <= limit else text[:limit] + f"... ({len(text) - limit} more characters)"


if __name__ == "__main__":  # python -m tests.notebook_runs NOTEBOOK OUT [STAGE ...]
    import signal

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))  # unwinds the Session: its kernel is shut down
    run_here(Path(sys.argv[1]), Path(sys.argv[2]), set(sys.argv[3:]))
