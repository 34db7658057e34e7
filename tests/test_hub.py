"""A classroom on a real JupyterHub (``-m hub``; about two minutes on two cores).

JupyterHub on 127.0.0.1 with configurable-http-proxy (npm, installed by
``.ci/run``), the dummy authenticator and the simple local-process spawner.
Eight students each get a server, follow the nbgitpuller link that the teacher
guide gives (``explainer nbgitpuller-link``, pointing at a local clone through
a ``file://`` URL), and run a notebook through the hub's API: a session, then
every code cell over the kernel's websocket. One student's copy of ``data/``
is edited first, and only that student's kernel sees the change. Then each
student saves a call and presses "Hand in my work": the hub's configuration
names a class folder (``EXPLAINER_HANDIN``), and the class summary is read
from that folder. The memory of
each student's server and kernel, and the total, go to
``test-artifacts/hub-classroom.json``; the teacher guide's sizing uses them.

Pitfalls handled here: a single-user server run as root quits unless allowed
(the hub then shows a bare 500); many kernels on one host can pick the same
TCP port (ipc transport, with a short runtime directory per student); the
``git-pull`` page does not pull by itself, so the test reads the
``/git-pull/api`` event stream as the page's script does. Every wait is
bounded, and the whole test has a deadline.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat
import pytest

import explainer
from explainer.classroom import summary
from explainer.commands.links import nbgitpuller_link
from tests import kernels
from tests.paths import ARTIFACTS, ROOT

STUDENTS = 8
NOTEBOOK = "02_aid_figures.ipynb"
DEADLINE_S = 900  # the whole test, set-up to teardown
BIN = Path(sys.executable).parent
FOLDER = "minerals-for-security"  # the local clone's folder name, so the pulled copy's name as on GitHub


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _proxy() -> str | None:
    found = os.environ.get("CONFIGPROXY") or shutil.which("configurable-http-proxy")
    return found if found and os.access(found, os.X_OK) else None


def _missing() -> str | None:
    try:
        import jupyterhub  # noqa: F401
        import nbgitpuller  # noqa: F401
        import websocket  # noqa: F401 (websocket-client, a jupyter_server dependency)
    except ImportError as err:
        return f"the hub test needs {err.name}: `pip install -e '.[test]'`"
    if _proxy() is None:
        return "the hub test needs configurable-http-proxy: `npm install -g configurable-http-proxy@4` (.ci/run does)"
    if shutil.which("git") is None:
        return "the hub test needs git"
    return None


class Clock:
    """One deadline for the whole test; every wait takes what is left of it, at most its own limit."""

    def __init__(self, seconds):
        self.end = time.monotonic() + seconds

    def left(self, cap: float) -> float:
        left = self.end - time.monotonic()
        if left <= 0:
            pytest.fail(f"the hub test ran past its {DEADLINE_S} s deadline", pytrace=False)
        return min(cap, left)


CONFIG = """
c = get_config()  # noqa
import os
c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = {port}
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = {hub_port}
c.JupyterHub.db_url = "sqlite:///{tmp}/jupyterhub.sqlite"
c.JupyterHub.cookie_secret_file = "{tmp}/cookie_secret"
c.JupyterHub.pid_file = "{tmp}/jupyterhub.pid"
c.ConfigurableHTTPProxy.command = [{proxy!r}]
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{proxy_api_port}"
c.ConfigurableHTTPProxy.pid_file = "{tmp}/proxy.pid"
c.JupyterHub.authenticator_class = "dummy"
c.Authenticator.allow_all = True
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = "{tmp}/home/{{username}}"
c.Spawner.cmd = [{singleuser!r}]
c.Spawner.default_url = "/lab"
c.Spawner.start_timeout = 180
c.Spawner.http_timeout = 180
# As root a single-user server quits unless allowed; kernels on ipc, each student's in a short folder.
c.Spawner.args = {args!r}
c.Spawner.environment = {{
    "EXPLAINER_HUB_TEST": {marker!r},
    "EXPLAINER_HANDIN": {exchange!r},
    "JUPYTER_RUNTIME_DIR": lambda spawner: "{runtime}/" + spawner.user.name,
    "MPLBACKEND": "Agg",
}}
c.JupyterHub.services = [{{"name": "teacher", "api_token": {token!r}}}]
c.JupyterHub.load_roles = [{{
    "name": "teacher",
    "scopes": ["admin:users", "admin:servers", "access:servers", "tokens"],
    "services": ["teacher"],
}}]
"""


class Hub:
    def __init__(self, base, token, clock):
        self.base, self.token, self.clock = base, token, clock

    def request(self, method, path, body=None, cap=60.0, stream=False, token=None):
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.base + path, data=data, method=method)
        req.add_header("Authorization", f"token {token or self.token}")
        if data is not None:
            req.add_header("Content-Type", "application/json")
        resp = urllib.request.urlopen(req, timeout=self.clock.left(cap))
        if stream:
            return resp
        with resp:
            text = resp.read().decode()
            return json.loads(text) if text.strip().startswith(("{", "[")) else text


def _wait_ready(hub, name, cap=240.0):
    deadline = time.monotonic() + hub.clock.left(cap)
    while time.monotonic() < deadline:
        server = hub.request("GET", f"/hub/api/users/{name}")["servers"].get("")
        if server and server.get("ready"):
            return
        time.sleep(0.5)
    pytest.fail(f"{name}'s server not ready after {cap} s", pytrace=False)


def _pull(hub, name, token, link) -> float:
    """Follow the teacher's link as the student's browser would, then read the pull's event stream to its end."""
    start = time.monotonic()
    query = urllib.parse.urlsplit(link).query
    assert link.startswith(hub.base + "/hub/user-redirect/git-pull?")
    page = hub.request("GET", link[len(hub.base) :], cap=60, token=token)  # redirected to /user/NAME/git-pull
    assert "nbgitpuller" in page.lower() or "git-pull" in page, f"{name}: the link did not reach the git-pull page"
    with hub.request("GET", f"/user/{name}/git-pull/api?{query}", cap=120, stream=True, token=token) as events:
        last = None
        for raw in events:
            line = raw.decode().strip()
            if line.startswith("data:"):
                last = json.loads(line[5:])
                if last.get("phase") in ("finished", "error"):
                    break
    assert last and last.get("phase") == "finished", f"{name}: the pull ended with {last}"
    return time.monotonic() - start


def _decode(frame) -> dict:
    """A kernel message from the server's websocket: JSON text, or binary with buffers (widget images)."""
    if isinstance(frame, str):
        return json.loads(frame)
    n = int.from_bytes(frame[:4], "big")
    offsets = [int.from_bytes(frame[4 + 4 * i : 8 + 4 * i], "big") for i in range(n)]
    return json.loads(frame[offsets[0] : offsets[1] if n > 1 else None])


def _run_notebook(hub, name, token, cells, probe) -> dict:
    """Run every code cell over the kernel's websocket; then ``probe``. Returns timings and the probe's output."""
    import websocket

    session = hub.request(
        "POST",
        f"/user/{name}/api/sessions",
        {"path": f"{FOLDER}/notebooks/{NOTEBOOK}", "type": "notebook", "kernel": {"name": "python3"}},
        token=token,
    )
    kernel_id = session["kernel"]["id"]
    ws_url = hub.base.replace("http", "ws", 1) + f"/user/{name}/api/kernels/{kernel_id}/channels"
    ws = websocket.create_connection(ws_url, header=[f"Authorization: token {token}"], timeout=hub.clock.left(60))
    sid = uuid.uuid4().hex
    start = time.monotonic()
    errors = []

    def execute(code: str, cap: float):
        msg_id = uuid.uuid4().hex
        header = {"msg_id": msg_id, "username": name, "session": sid, "msg_type": "execute_request", "version": "5.3"}
        content = {"code": code, "silent": False, "store_history": False, "user_expressions": {}, "allow_stdin": False}
        message = {"header": header, "parent_header": {}, "metadata": {}, "content": content, "channel": "shell"}
        ws.send(json.dumps(message))
        out, status, idle = [], None, False
        deadline = time.monotonic() + hub.clock.left(cap)
        while True:
            ws.settimeout(max(0.1, deadline - time.monotonic()))
            msg = _decode(ws.recv())
            if msg.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind = msg["msg_type"] if "msg_type" in msg else msg["header"]["msg_type"]
            if kind == "error":
                errors.append(f"{msg['content']['ename']}: {msg['content']['evalue'][:200]}")
            elif kind == "stream":
                out.append(msg["content"]["text"])
            elif kind == "execute_reply" and msg.get("channel") == "shell":
                status = msg["content"]["status"]
            elif kind == "status" and msg["content"]["execution_state"] == "idle":
                idle = True  # the cell's output has all arrived (iopub can trail the reply)
            if status and idle:
                return status, "".join(out)

    try:
        for code in cells:
            status, _ = execute(code, 300)
            if status != "ok":
                break
        ran = time.monotonic() - start
        _, shown = execute(probe, 60)
    finally:
        ws.close()
        hub.request("DELETE", f"/user/{name}/api/sessions/{session['id']}", token=token)
    return {"run_s": ran, "errors": errors, "probe": shown.strip()}


def _our_processes(marker):
    """(pid, student, role) of every process with our marker in its environment."""
    found = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            env = (proc / "environ").read_bytes().split(b"\0")
            if f"EXPLAINER_HUB_TEST={marker}".encode() not in env:
                continue
            user = next((e.split(b"=", 1)[1].decode() for e in env if e.startswith(b"JUPYTERHUB_USER=")), "?")
            cmd = (proc / "cmdline").read_bytes()
            role = "kernel" if b"ipykernel" in cmd else "server" if b"singleuser" in cmd else "other"
            found.append((int(proc.name), user, role))
        except OSError:
            continue
    return found


def _stop_pid(pid, sig=signal.SIGTERM):
    try:
        os.kill(pid, sig)
    except ProcessLookupError:
        pass


@pytest.mark.hub
def test_eight_students_pull_run_a_notebook_and_hand_in_on_a_real_jupyterhub(tmp_path):
    missing = _missing()
    if missing:
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail(f"{missing} (CI=true: a missing tool is a failure)", pytrace=False)
        pytest.skip(missing)
    clock = Clock(DEADLINE_S)
    marker, token = uuid.uuid4().hex[:12], secrets.token_hex(16)
    runtime = Path(f"/tmp/jh-{marker[:6]}")  # short: ipc socket paths are limited to about 100 bytes
    runtime.mkdir()

    # The class's repository: a clone of this one, served by a file:// URL.
    clone = tmp_path / "origin" / FOLDER
    subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True, timeout=clock.left(120))
    branch = subprocess.run(
        ["git", "rev-parse", "--abbrev-ref", "HEAD"], cwd=clone, capture_output=True, text=True, check=True
    ).stdout.strip()

    # The class folder the hub's configuration names: every student may add a file, none may change another's.
    exchange = tmp_path / "exchange"
    exchange.mkdir()
    exchange.chmod(0o1777)

    port = _free_port()
    config = tmp_path / "jupyterhub_config.py"
    args = ["--KernelManager.transport=ipc"] + (["--allow-root"] if os.geteuid() == 0 else [])
    config.write_text(
        CONFIG.format(
            port=port,
            hub_port=_free_port(),
            proxy_api_port=_free_port(),
            tmp=tmp_path,
            proxy=_proxy(),
            singleuser=str(BIN / "jupyterhub-singleuser"),
            args=args,
            marker=marker,
            runtime=runtime,
            token=token,
            exchange=str(exchange),
        )
    )
    ARTIFACTS.mkdir(exist_ok=True)
    log = ARTIFACTS / "jupyterhub.log"
    env = {k: v for k, v in os.environ.items() if k != "EXPLAINER_DATA"}
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    with log.open("w") as out:
        hub_proc = subprocess.Popen(
            [str(BIN / "jupyterhub"), "-f", str(config)], cwd=tmp_path, env=env, stdout=out, stderr=subprocess.STDOUT
        )
    hub = Hub(f"http://127.0.0.1:{port}", token, clock)
    names = [f"student{n}" for n in range(1, STUDENTS + 1)]
    peaks: dict[tuple[str, str], float] = {}
    total = {"peak_mib": 0.0}
    stop = threading.Event()

    def sample():
        while not stop.is_set():
            now = 0.0
            for pid, user, role in _our_processes(marker):
                try:
                    rss = kernels.rss_mib(pid)
                except (OSError, ValueError):
                    continue
                now += rss
                peaks[(user, role)] = max(peaks.get((user, role), 0.0), rss)
            total["peak_mib"] = max(total["peak_mib"], now)
            stop.wait(0.5)

    sampler = threading.Thread(target=sample, daemon=True)
    try:
        deadline = time.monotonic() + clock.left(90)
        while True:
            assert hub_proc.poll() is None, f"JupyterHub exited: {log.read_text()[-3000:]}"
            try:
                hub.request("GET", "/hub/api/", cap=5)
                break
            except OSError:
                assert time.monotonic() < deadline, f"JupyterHub not up after 90 s: {log.read_text()[-3000:]}"
                time.sleep(0.5)
        sampler.start()

        hub.request("POST", "/hub/api/users", {"usernames": names})
        t0 = time.monotonic()
        for name in names:
            hub.request("POST", f"/hub/api/users/{name}/server", {})
        for name in names:
            _wait_ready(hub, name)
        spawn_s = time.monotonic() - t0

        # Each student's own token: the link goes through /hub/user-redirect/, which needs a user.
        tokens = {n: hub.request("POST", f"/hub/api/users/{n}/tokens", {"note": "hub test"})["token"] for n in names}
        link = nbgitpuller_link(hub.base, f"file://{clone}", NOTEBOOK, branch=branch)
        with ThreadPoolExecutor(STUDENTS) as pool:
            pull_s = list(pool.map(lambda n: _pull(hub, n, tokens[n], link), names))
        for name in names:
            assert (tmp_path / "home" / name / FOLDER / "notebooks" / NOTEBOOK).exists(), f"{name}: nothing pulled"

        # One student changes their own copy of the data.
        actors = tmp_path / "home" / names[0] / FOLDER / "data" / "actors.yaml"
        actors.write_text(actors.read_text().replace("  name: Donald Trump\n", "  name: Donald J. Trump\n", 1))

        nb = nbformat.read(clone / "notebooks" / NOTEBOOK, as_version=4)
        cells = [c.source for c in nb.cells if c.cell_type == "code" and c.source.strip()]
        # After the notebook: what the student sees of the data, then a saved call and the "Hand in my work" button.
        probe = (
            "import explainer\nprint(explainer.load().get('actors', 'trump').name)\n"
            "from explainer.classroom import studentwork\n"
            "studentwork.record_call('us-provided-98bn', 'needs-context', 'the hub test')\n"
            "from explainer.views.handin import HandInView\n"
            "view = HandInView()\nview.button.click()\ndone = view.handed_in[0]\n"
            "print(done.copied_to.name if done.copied_to else done.problem)"
        )
        t0 = time.monotonic()
        with ThreadPoolExecutor(STUDENTS) as pool:
            runs = dict(zip(names, pool.map(lambda n: _run_notebook(hub, n, tokens[n], cells, probe), names)))
        run_s = time.monotonic() - t0
    finally:
        stop.set()
        if sampler.is_alive():
            sampler.join(timeout=5)
        leftovers = [pid for pid, _, _ in _our_processes(marker)]
        _stop_pid(hub_proc.pid)
        try:
            hub_proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            _stop_pid(hub_proc.pid, signal.SIGKILL)
            hub_proc.wait(timeout=10)
        for pid in leftovers + [pid for pid, _, _ in _our_processes(marker)]:
            _stop_pid(pid, signal.SIGKILL)
        proxy_pid = tmp_path / "proxy.pid"
        if proxy_pid.exists() and proxy_pid.read_text().strip().isdigit():
            _stop_pid(int(proxy_pid.read_text()), signal.SIGKILL)
        shutil.rmtree(runtime, ignore_errors=True)

    failures = {n: r["errors"] for n, r in runs.items() if r["errors"]}
    assert not failures, f"notebook {NOTEBOOK} failed on the hub: {failures}"
    seen = {n: runs[n]["probe"].splitlines() for n in names}
    assert seen[names[0]][0] == "Donald J. Trump", "the student's own edit of data/ is not what they see"
    assert {seen[n][0] for n in names[1:]} == {"Donald Trump"}, "one student's edit reached the others"
    # Each hand-in reached the class folder under the student's hub name (the name the button offers).
    for n in names:
        assert seen[n][1].startswith(f"{n}-") and (exchange / seen[n][1]).is_file(), f"{n}: {seen[n]}"
    work = summary.read_class(explainer.load(), exchange)
    assert work.students == names and work.skipped == []
    assert {calls["us-provided-98bn"] for calls in work.calls.values()} == {"needs-context"}

    memory = {
        name: {f"{role}_mib": round(peaks.get((name, role), 0), 1) for role in ("server", "kernel")} for name in names
    }
    report = {
        "students": STUDENTS,
        "notebook": NOTEBOOK,
        "cpus": os.cpu_count(),
        "spawn_all_s": round(spawn_s, 1),
        "pull_s_max": round(max(pull_s), 2),
        "run_all_s": round(run_s, 1),
        "run_s_per_student": {n: round(r["run_s"], 1) for n, r in runs.items()},
        "peak_rss_mib_per_student": memory,
        "peak_rss_mib_total": round(total["peak_mib"], 1),
    }
    (ARTIFACTS / "hub-classroom.json").write_text(json.dumps(report, indent=1) + "\n")
    per = [m["server_mib"] + m["kernel_mib"] for m in memory.values()]
    print(
        f"\nJupyterHub classroom: {STUDENTS} servers in {spawn_s:.0f} s, pulls <= {max(pull_s):.1f} s, "
        f"{NOTEBOOK} run by all in {run_s:.0f} s; peak RSS per student {min(per):.0f}-{max(per):.0f} MiB "
        f"(server + kernel), all together {total['peak_mib']:.0f} MiB"
    )
    assert all(m["server_mib"] > 0 and m["kernel_mib"] > 0 for m in memory.values()), f"memory not seen: {memory}"
