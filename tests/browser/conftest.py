"""Fixtures for the browser tests: Debian's Chromium, JupyterLab and Voila.

JupyterLab is started with the command ``make lab`` runs (``explainer lab``, read from the
Makefile with ``make -n``), plus what a test needs: a free port, a token,
``--expose-app-in-browser`` and no news or update checks. One server and one
browser context serve the whole session. The server is started without a
shell, so the PID recorded is the server's own, and it is stopped by that PID.

Without Chromium the tests skip with the install command; under ``CI=true``
a missing browser is a failure.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from ..paths import ARTIFACTS, NOTEBOOKS, ROOT

SCREENSHOTS = ARTIFACTS / "screenshots"
BIN = Path(sys.executable).parent

INSTALL_HINT = (
    "Chromium is needed for the browser tests: install Debian's package with "
    "`sudo apt-get install chromium` (never `playwright install`)"
)
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # Nothing but the local servers: a CDN request fails at once instead of hanging.
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
]
# JupyterLab user settings for the test session only (a temporary settings
# directory, so a developer's own settings neither leak in nor get changed).
# Autosave is off so a test run never writes outputs into notebooks/.
LAB_SETTINGS = {
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
}
LAB_TEST_FLAGS = [
    "--no-browser",
    "--ServerApp.port_retries=0",
    "--expose-app-in-browser",
    "--LabApp.news_url=None",
    "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
]


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def make_command(target: str, needle: str, **variables) -> tuple[list[str], Path] | None:
    """The argv and working directory of the command ``make TARGET`` would run.

    ``make -n`` prints the recipe; in the line that contains ``needle``, leading
    ``cd DIR &&`` steps give the working directory and the rest is expanded by
    bash (so ``$(id -u)`` tests behave as they do under make) into argv.
    Returns None when make or the target is missing.
    """
    if shutil.which("make") is None:
        return None
    args = ["make", "--no-print-directory", "-n", target, "STAMP="]
    args += [f"{k}={v}" for k, v in variables.items()]
    done = subprocess.run(args, cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        return None
    lines = [line for line in done.stdout.replace("\\\n", " ").splitlines() if needle in line]
    if not lines:
        return None
    cwd, line = ROOT, lines[-1].strip()
    while m := re.match(r"cd\s+(\S+)\s*&&\s*", line):
        cwd, line = (cwd / m.group(1)).resolve(), line[m.end() :]
    expand = subprocess.run(
        ["bash", "-c", 'eval "set -- $1"; printf "%s\\0" "$@"', "_", line],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=True,
    )
    return [a for a in expand.stdout.split("\0") if a], cwd


def wait_for_http(url: str, proc: subprocess.Popen, log: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}; see {log}:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"server not ready after {timeout}s; see {log}")


def stop(proc: subprocess.Popen) -> None:
    """Stop a server we started, by its own PID; SIGTERM lets it shut its kernels down."""
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait(timeout=5)


class Server:
    """A running server: its process, URL, token and log."""

    def __init__(self, proc, base_url, token, log, argv):
        self.proc = proc
        self.pid = proc.pid
        self.base_url = base_url
        self.token = token
        self.log = log
        self.argv = argv

    def close(self) -> None:
        """Stop the server now (it is stopped at the end of the session otherwise)."""
        stop(self.proc)

    def url(self, path: str = "") -> str:
        sep = "&" if "?" in path else "?"
        return f"{self.base_url}{path}" + (f"{sep}token={self.token}" if self.token else "")


@pytest.fixture(scope="session")
def chromium() -> str:
    """Path to Chromium; skips (or fails under CI=true) when there is none."""
    found = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    problem = None
    if not found or not os.access(found, os.X_OK):
        problem = INSTALL_HINT
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            problem = "the browser tests need the playwright package: `pip install -e '.[test]'`"
    if problem:
        if in_ci():
            pytest.fail(f"{problem} (CI=true: a missing browser is a failure)", pytrace=False)
        pytest.skip(problem)
    return found


@pytest.fixture(scope="session")
def session_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("browser")


@pytest.fixture(scope="session")
def screenshots() -> Path:
    """test-artifacts/screenshots/ (git-ignored), emptied of the last run's pictures."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for old in SCREENSHOTS.glob("*.png"):
        old.unlink()
    return SCREENSHOTS


@pytest.fixture(scope="session")
def lab_server(chromium, session_dir) -> Server:
    """JupyterLab as ``make lab`` starts it, on a free port with a token."""
    port = free_port()
    token = secrets.token_hex(16)
    found = make_command("lab", "explainer lab", PORT=port)
    if found is None:
        pytest.fail("could not read the `make lab` command from the Makefile (make -n lab)", pytrace=False)
    argv, cwd = found
    argv += [*LAB_TEST_FLAGS, f"--IdentityProvider.token={token}"]
    if os.geteuid() == 0 and "--allow-root" not in argv:
        argv.append("--allow-root")
    settings = session_dir / "lab-settings"
    for name, values in LAB_SETTINGS.items():
        path = settings / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values))
    env = dict(
        os.environ,
        JUPYTERLAB_SETTINGS_DIR=str(settings),
        JUPYTERLAB_WORKSPACES_DIR=str(session_dir / "lab-workspaces"),
        JUPYTER_RUNTIME_DIR=str(session_dir / "runtime"),
        PATH=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
    )
    ARTIFACTS.mkdir(exist_ok=True)
    log = ARTIFACTS / "jupyterlab.log"
    with log.open("w") as out:
        proc = subprocess.Popen(argv, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
    (ARTIFACTS / "jupyterlab.pid").write_text(f"{proc.pid}\n")
    server = Server(proc, f"http://127.0.0.1:{port}", token, log, argv)
    try:
        wait_for_http(server.url("/api/status"), proc, log)
        yield server
    finally:
        stop(proc)
        (ARTIFACTS / "jupyterlab.pid").unlink(missing_ok=True)


def voila_command(notebook: str | Path, port: int) -> tuple[list[str], Path]:
    """How ``make present NB=...`` starts Voila on a notebook of notebooks/.

    Any other notebook (a path outside notebooks/, or no ``present`` target)
    gets the plain Voila command.
    """
    found = None
    if not Path(notebook).is_absolute():
        found = make_command("present", "explainer present", NB=Path(notebook).stem, PORT=port, VOILA_PORT=port)
    if found is None:
        path = Path(notebook) if Path(notebook).is_absolute() else NOTEBOOKS / notebook
        found = [str(BIN / "voila"), path.name, "--no-browser", "--strip_sources=True"], path.parent
    argv, cwd = found
    for flag in ("--no-browser", "--Voila.ip=127.0.0.1", "--Voila.port_retries=0", f"--port={port}"):
        if flag not in argv:
            argv.append(flag)
    return argv, cwd


@pytest.fixture(scope="session")
def start_voila(chromium, session_dir):
    """Start Voila on one notebook (presenter mode); stopped at the end of the session."""
    started = []

    def start(notebook: str | Path) -> Server:
        port = free_port()
        argv, cwd = voila_command(notebook, port)
        ARTIFACTS.mkdir(exist_ok=True)
        log = ARTIFACTS / f"voila-{Path(notebook).stem}.log"
        env = dict(
            os.environ,
            JUPYTER_RUNTIME_DIR=str(session_dir / "runtime"),
            PATH=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
        )
        with log.open("w") as out:
            proc = subprocess.Popen(argv, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
        started.append(proc)
        server = Server(proc, f"http://127.0.0.1:{port}", None, log, argv)
        # Ready when it serves its own script: a GET of "/" would run the notebook once more
        # (Voila runs it for every page it renders), before the test's own page does.
        wait_for_http(server.url("/voila/static/voila.js"), proc, log, timeout=90)
        return server

    yield start
    for proc in started:
        stop(proc)


@pytest.fixture(scope="session")
def browser(chromium, session_dir):
    """One persistent Chromium context for the whole session."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            str(session_dir / "chromium-profile"),
            executable_path=chromium,
            headless=True,
            args=CHROMIUM_ARGS,
            viewport={"width": 1280, "height": 900},
        )
        context.set_default_timeout(30_000)
        try:
            yield context
        finally:
            context.close()
