"""Binder, built as repo2docker builds it: requirements first, then postBuild, then notebook 00.

The build test (``-m binder``; about a minute with pip's wheel cache) makes a
fresh virtual environment, installs ``binder/requirements.txt`` into it, runs
``binder/postBuild`` from a copy of the repository, and executes
``notebooks/00_start_here.ipynb`` from ``notebooks/`` with nbclient in that
environment. A missing install step fails here, not in a classroom. It then
starts the environment's JupyterLab and checks that the news pop-up and update
check are off for every user.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import time
import tomllib
import urllib.request

import pytest

from explainer.commands import links
from tests.paths import ROOT

BINDER = ROOT / "binder"
PIP_SECONDS = 900  # a cold cache downloads about 100 wheels; a warm one takes about a minute
RUN_SECONDS = 300


def _names_and_specs(lines) -> dict[str, str]:
    found = {}
    for line in lines:
        line = line.split("#", 1)[0].strip()
        if line:
            name, rest = re.match(r"^([A-Za-z0-9_.-]+)\s*(.*)$", line).groups()
            found[name.lower()] = rest.replace(" ", "")
    return found


def test_binder_requirements_are_the_package_dependencies():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = _names_and_specs(project["dependencies"])
    assert _names_and_specs((BINDER / "requirements.txt").read_text().splitlines()) == wanted


def test_binder_pins_python_311_and_installs_the_package_in_postbuild():
    assert (BINDER / "runtime.txt").read_text() == "python-3.11\n"
    post = (BINDER / "postBuild").read_text()
    assert post.startswith("#!/usr/bin/env bash\n")
    assert os.access(BINDER / "postBuild", os.X_OK), "repo2docker runs postBuild only when it is executable"
    assert "pip install --no-deps -e ." in post
    assert "overrides.json" in post


def test_readme_binder_links_come_from_pyproject():
    lab, voila = links.binder_url(), links.binder_url(notebook="02_aid_figures", voila=True)
    badge = f"[![Launch on Binder](https://mybinder.org/badge_logo.svg)]({lab})"
    for doc, wanted in (("README.md", (badge, voila)), ("docs/teacher-guide.md", (lab, voila))):
        text = (ROOT / doc).read_text()
        missing = [link for link in wanted if link not in text]
        assert not missing, f"{doc} should hold these links (from pyproject.toml's Repository): {missing}"
    assert lab == (
        "https://mybinder.org/v2/gh/minerals-for-security/minerals-for-security/main"
        "?labpath=notebooks%2F00_start_here.ipynb"
    )


def test_binder_url_follows_a_fork():
    fork = "https://github.com/a-school/minerals-fork"
    assert links.binder_url(fork, "04_diplomatic_fallout") == (
        "https://mybinder.org/v2/gh/a-school/minerals-fork/main?labpath=notebooks%2F04_diplomatic_fallout.ipynb"
    )
    with pytest.raises(ValueError, match="GitHub"):
        links.binder_url("https://gitlab.com/a/b")


def _copy_repository(dest):
    """The files repo2docker would see: git's tracked and new files, as they are in the work tree."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        timeout=60,
    )
    if listed.returncode != 0:
        pytest.skip("the Binder build test copies the repository with git, and this is not a git checkout")
    for name in filter(None, listed.stdout.decode().split("\0")):
        src = ROOT / name
        if src.is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / name)


def _run(argv, *, cwd, env, timeout, what):
    try:
        done = subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        pytest.fail(f"{what}: not finished after {timeout} s", pytrace=False)
    assert done.returncode == 0, f"{what} failed ({done.returncode}):\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done


RUN_NOTEBOOK = """
import json, sys, nbformat, explainer
from nbclient import NotebookClient
nb = nbformat.read("00_start_here.ipynb", as_version=4)
NotebookClient(nb, timeout=240, kernel_name="python3").execute()
errors = [o for c in nb.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
print(json.dumps({"explainer": explainer.__file__, "errors": len(errors), "cells": len(nb.cells)}))
"""


@pytest.mark.binder
def test_binder_build_order_in_a_fresh_environment(tmp_path):
    repo, venv, home = tmp_path / "repo", tmp_path / "venv", tmp_path / "home"
    repo.mkdir()
    home.mkdir()
    _copy_repository(repo)
    started = time.monotonic()
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    bin_dir = venv / ("Scripts" if os.name == "nt" else "bin")
    python = bin_dir / "python"
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "EXPLAINER_DATA", "JUPYTER_PATH", "JUPYTER_CONFIG_DIR"}
        and not k.startswith("JUPYTERLAB_")
    }
    env.update(
        PATH=f"{bin_dir}{os.pathsep}{env.get('PATH', '')}",
        VIRTUAL_ENV=str(venv),
        HOME=str(home),
        PIP_DISABLE_PIP_VERSION_CHECK="1",
        JUPYTER_RUNTIME_DIR=str(tmp_path / "runtime"),
        EXPLAINER_WORK=str(tmp_path / "work"),
        MPLBACKEND="Agg",
    )
    # pip's own cache (wheels from earlier installs) is in the real home: keep using it.
    env["PIP_CACHE_DIR"] = os.environ.get("PIP_CACHE_DIR") or os.path.expanduser("~/.cache/pip")

    # repo2docker's order: requirements.txt, then postBuild from the repository's root.
    _run(
        [str(python), "-m", "pip", "install", "-q", "-r", "binder/requirements.txt"],
        cwd=repo,
        env=env,
        timeout=PIP_SECONDS,
        what="pip install -r binder/requirements.txt",
    )
    _run(["bash", "binder/postBuild"], cwd=repo, env=env, timeout=PIP_SECONDS, what="binder/postBuild")
    overrides = venv / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
    assert json.loads(overrides.read_text())["@jupyterlab/apputils-extension:notification"] == {
        "fetchNews": "false",
        "checkForUpdates": False,
    }

    done = _run(
        [str(python), "-c", RUN_NOTEBOOK],
        cwd=repo / "notebooks",
        env=env,
        timeout=RUN_SECONDS,
        what="running notebooks/00_start_here.ipynb",
    )
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["errors"] == 0
    assert result["explainer"].startswith(str(repo)), "the notebook must import the package postBuild installed"

    _check_lab_has_no_news(bin_dir, repo, env, tmp_path)
    print(f"\nBinder build order: {time.monotonic() - started:.0f} s from a fresh environment to notebook 00 run")


def _check_lab_has_no_news(bin_dir, repo, env, tmp_path):
    """The environment's own JupyterLab reads the overrides: news and update check off for a new user."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    token = secrets.token_hex(8)
    argv = [
        str(bin_dir / "jupyter"),
        "lab",
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        argv.append("--allow-root")
    env = dict(env, JUPYTERLAB_SETTINGS_DIR=str(tmp_path / "user-settings"))
    log = tmp_path / "lab.log"
    with log.open("w") as out:
        proc = subprocess.Popen(argv, cwd=repo, env=env, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/lab/api/settings/@jupyterlab/apputils-extension:notification?token={token}"
    try:
        deadline, answer = time.monotonic() + 90, None
        while time.monotonic() < deadline and answer is None:
            assert proc.poll() is None, f"JupyterLab exited: {log.read_text()[-2000:]}"
            try:
                with urllib.request.urlopen(url, timeout=5) as r:
                    answer = json.load(r)
            except OSError:
                time.sleep(0.3)
        assert answer is not None, f"JupyterLab did not answer in 90 s: {log.read_text()[-2000:]}"
        # Overrides change the defaults every user starts from (the user's own settings stay empty).
        defaults = {k: v.get("default") for k, v in answer["schema"]["properties"].items()}
        assert (defaults["fetchNews"], defaults["checkForUpdates"]) == ("false", False)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)
