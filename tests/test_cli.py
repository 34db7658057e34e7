"""The ``explainer`` command: every subcommand answers --help, check runs, and make calls the same entry points."""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
import tomllib

import pytest

from explainer import paths
from explainer.commands import cli
from tests.paths import NOTEBOOKS, ROOT


@pytest.fixture(autouse=True)
def no_real_server(monkeypatch):
    """`explainer lab` replaces its process with the server (os.execv): here it must never get that far."""

    def refuse(argv, cwd):
        pytest.fail(f"a test started a real server: {argv} in {cwd}")

    monkeypatch.setattr(cli, "launch", refuse)


SUBCOMMANDS = ("lab", "present", "html", "check", "answer-key", "nbgitpuller-link", "ledger")


def _script():
    """The callable that pip's ``explainer`` console script runs."""
    target = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]["explainer"]
    module, _, name = target.partition(":")
    return getattr(importlib.import_module(module), name)


def test_console_script_is_the_cli():
    assert _script() is cli.main


@pytest.mark.parametrize("command", SUBCOMMANDS)
def test_each_subcommand_answers_help(command, capsys):
    with pytest.raises(SystemExit) as done:
        _script()([command, "--help"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith(f"usage: explainer {command}")


def test_help_lists_every_subcommand(capsys):
    with pytest.raises(SystemExit):
        cli.main(["--help"])
    out = capsys.readouterr().out
    for command in SUBCOMMANDS:
        assert command in out


def test_check_smoke_run_as_python_dash_m():
    done = subprocess.run(
        [sys.executable, "-m", "explainer", "check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.startswith(f"OK: {ROOT / 'data'} is valid (")
    assert done.stderr == ""


def test_unknown_option_is_refused_except_for_the_servers(capsys):
    with pytest.raises(SystemExit) as done:
        cli.main(["check", "--bogus"])
    assert done.value.code == 2
    assert "unrecognized arguments: --bogus" in capsys.readouterr().err


def test_lab_command_opens_notebook_00_locally_without_news():
    argv = cli.lab_command(9999, ["--no-browser"])
    assert argv[:3] == [sys.executable, "-m", "jupyterlab"]
    for flag in (
        "--ServerApp.ip=127.0.0.1",
        "--ServerApp.port=9999",
        "--LabApp.default_url=/lab/tree/00_start_here.ipynb",
        "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        "--no-browser",
    ):
        assert flag in argv
    assert not any("token" in a.lower() for a in argv), "the token must stay on (JupyterLab's default)"
    assert ("--allow-root" in argv) == (os.geteuid() == 0)
    assert argv.count("--allow-root") <= 1
    assert cli.lab_command(extra=["--allow-root"]).count("--allow-root") == 1


def test_options_given_again_replace_ours_rather_than_repeat():
    # traitlets refuses an option given twice; the browser tests add some of ours again.
    argv = cli.lab_command(9999, ["--LabApp.news_url=None", "--ServerApp.port=1234", "--no-browser", "--no-browser"])
    assert argv.count("--LabApp.news_url=None") == 1
    assert "--ServerApp.port=9999" not in argv and argv.count("--ServerApp.port=1234") == 1
    assert argv.count("--no-browser") == 1
    voila = cli.present_command("01_key_points", 8866, ["--Voila.ip=127.0.0.1", "--port=5555"])
    assert voila.count("--Voila.ip=127.0.0.1") == 1 and "--port=8866" not in voila and "--port=5555" in voila


def test_present_command_hides_code_on_localhost():
    argv = cli.present_command("02_aid_figures", 8870)
    assert argv[:4] == [sys.executable, "-m", "voila", "02_aid_figures.ipynb"]
    assert {"--strip_sources=True", "--Voila.ip=127.0.0.1", "--port=8870", "--Voila.port_retries=0"} <= set(argv)


def test_present_names_a_missing_notebook(capsys):
    assert cli.main(["present", "99_nothing"]) == 2
    assert capsys.readouterr().err == f"99_nothing: no such notebook (the notebooks are in {NOTEBOOKS})\n"


def test_servers_outside_a_project_say_where_they_looked(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(paths, "SHIPPED", tmp_path)  # an installed package with no notebooks beside it
    assert cli.main(["lab"]) == 2
    assert capsys.readouterr().err.startswith(f"{tmp_path}: no notebooks/ folder here or above;")


def test_makefile_targets_call_the_same_entry_points():
    def recipe(target, *variables):
        done = subprocess.run(
            ["make", "--no-print-directory", "-n", target, "STAMP=", "LAB=", *variables],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    if subprocess.run(["which", "make"], capture_output=True).returncode != 0:
        pytest.skip("make is not installed")
    assert recipe("lab", "PORT=8123").strip() == ".venv/bin/python -m explainer lab --port=8123"
    present = ".venv/bin/python -m explainer present 02_aid_figures --port=8866"
    assert recipe("present", "NB=02_aid_figures").strip() == present
    assert recipe("html", "NO_INPUT=1").strip() == ".venv/bin/python -m explainer html --out _site --no-input"
    assert recipe("check-data").strip() == ".venv/bin/python -m explainer check data"
    lint = [
        ".venv/bin/python -m explainer check data",
        ".venv/bin/ruff check explainer tests benchmarks tools",
        ".venv/bin/ruff format --check explainer tests benchmarks tools",
    ]
    # make check: before every commit, the tests not marked slow; make test (CI): all of them, in one session
    assert recipe("check").splitlines() == [*lint, '.venv/bin/python -m pytest -m "not slow"']
    assert recipe("test").splitlines() == [*lint, ".venv/bin/python -m pytest"]


def test_nbgitpuller_link_prints_the_teacher_guide_link(capsys):
    assert cli.main(["nbgitpuller-link", "--hub", "https://HUB/"]) == 0
    link = capsys.readouterr().out.strip()
    assert link == (
        "https://HUB/hub/user-redirect/git-pull?"
        "repo=https%3A%2F%2Fgithub.com%2Fminerals-for-security%2Fminerals-for-security"
        "&branch=main&urlpath=lab%2Ftree%2Fminerals-for-security%2Fnotebooks%2F00_start_here.ipynb"
    )
    assert link in (ROOT / "docs" / "teacher" / "teacher-guide.md").read_text()


def test_nbgitpuller_link_for_a_local_clone_and_another_notebook(capsys):
    args = ["--hub", "http://127.0.0.1:8000", "--repo", "file:///srv/class/minerals.git"]
    args += ["--notebook", "02_aid_figures"]
    assert cli.main(["nbgitpuller-link", *args]) == 0
    assert capsys.readouterr().out == (
        "http://127.0.0.1:8000/hub/user-redirect/git-pull?repo=file%3A%2F%2F%2Fsrv%2Fclass%2Fminerals.git"
        "&branch=main&urlpath=lab%2Ftree%2Fminerals.git%2Fnotebooks%2F02_aid_figures.ipynb\n"
    )


def test_notebooks_copies_the_lessons_and_never_replaces_a_file(tmp_path, capsys):
    dest = tmp_path / "class"
    (dest / "notebooks").mkdir(parents=True)
    (dest / "notebooks" / "02_aid_figures.ipynb").write_text("my answers")
    assert cli.main(["notebooks", str(dest)]) == 0
    out = capsys.readouterr().out.splitlines()
    lessons = sorted(p.name for p in NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
    assert out == [
        f"{dest}: {len(lessons) - 1} files copied, 1 already there and kept",
        "  kept as it was: notebooks/02_aid_figures.ipynb",
        f"Open {dest}/notebooks/00_start_here.ipynb in Jupyter, or run `explainer lab` in {dest}.",
    ]
    assert sorted(p.name for p in (dest / "notebooks").iterdir()) == lessons
    assert (dest / "notebooks" / "02_aid_figures.ipynb").read_text() == "my answers"
    assert (dest / "notebooks" / "00_start_here.ipynb").read_bytes() == (NOTEBOOKS / "00_start_here.ipynb").read_bytes()
    assert not (dest / "data").exists()


def test_notebooks_with_data_copies_a_writable_data_folder(tmp_path, capsys):
    dest = tmp_path / "class"
    assert cli.main(["notebooks", str(dest), "--data"]) == 0
    data = sorted(p.relative_to(ROOT / "data") for p in (ROOT / "data").rglob("*") if p.is_file())
    assert sorted(p.relative_to(dest / "data") for p in (dest / "data").rglob("*") if p.is_file()) == data
    assert os.access(dest / "data" / "claims.yaml", os.W_OK)
    lessons = list(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
    copied = len(data) + len(lessons)
    assert capsys.readouterr().out.startswith(f"{dest}: {copied} files copied, 0 already there and kept\n")


def test_notebooks_into_a_file_is_one_line_and_exit_2(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "class").write_text("not a folder")
    assert cli.main(["notebooks", "class"]) == 2
    assert capsys.readouterr().err == "class: is a file, not a folder\n"


def test_servers_without_the_lab_extra_name_it(monkeypatch, capsys):
    monkeypatch.setattr(cli, "_missing", lambda *modules: list(modules))
    assert cli.main(["present", "02_aid_figures"]) == 2
    assert capsys.readouterr().err == (
        "explainer present needs voila, which this environment lacks: pip install 'minerals-for-security[lab]'\n"
    )
    assert cli.main(["html"]) == 2
    assert capsys.readouterr().err == (
        "explainer html needs nbconvert, nbclient, nbformat, which this environment lacks: "
        "pip install 'minerals-for-security[site]'\n"
    )


def test_labsettings_turns_the_news_off_and_keeps_other_settings(tmp_path):
    import json

    from explainer.commands import labsettings

    path = labsettings.overrides_path(tmp_path)
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"@jupyterlab/apputils-extension:themes": {"theme": "JupyterLab Dark"}}))
    assert labsettings.write_overrides(tmp_path) == path
    assert json.loads(path.read_text()) == {
        "@jupyterlab/apputils-extension:themes": {"theme": "JupyterLab Dark"},
        "@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False},
    }


def test_html_passes_its_options_to_the_site_builder(monkeypatch):
    from explainer.commands import site

    seen = []
    monkeypatch.setattr(site, "main", lambda argv: seen.append(argv) or 0)
    assert cli.main(["html", "02_aid_figures", "--no-input", "--hub", "https://hub.school.example"]) == 0
    assert seen == [["02_aid_figures", "--out", "_site", "--no-input", "--hub", "https://hub.school.example"]]


# ----------------------------------------------------------------------------
# explainer ledger [--as-of YYYY-MM-DD] (issue 21, section 5)

LEDGER_12_FEB = [
    "The ledger as of 12 Feb 2025 (only evidence published by then):",
    "deal-framed-as-security-guarantee: Accurate - Washington presented the minerals deal to Kyiv as a security "
    "guarantee [ap-2025-02-03-trump-rare-earth-security, telegraph-2025-02-12-bessent-kyiv, "
    "kyivindependent-2025-02-12-bessent-draft]",
    "rare-earth-deal: No verdict yet (none recorded by then) - The deal under dispute was a rare-earth minerals deal",
    "trump-demanded-500bn: Accurate - Trump sought $500bn worth of minerals from Ukraine "
    "[foxnews-2025-02-10-baier-interview, afp-2025-02-11-russian-someday]",
]


def test_ledger_as_of_a_day_before_the_article(capsys):
    assert cli.main(["ledger", "--as-of", "2025-02-12"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 16
    assert lines[:4] == LEDGER_12_FEB
    assert lines[8] == (
        "former-president: Inaccurate - Donald Trump was a former president during the dispute "
        "[afp-2025-02-11-russian-someday, kyivindependent-2025-02-12-bessent-draft]"
    )
    assert sum("No verdict yet" in line for line in lines) == 12


def test_ledger_as_of_the_articles_day(capsys):
    assert cli.main(["ledger", "--as-of", "2025-02-21"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "The ledger as of 21 Feb 2025 (only evidence published by then):"
    assert lines[1] == (
        "deal-framed-as-security-guarantee: Needs context - Washington presented the minerals deal to Kyiv as a "
        "security guarantee [ap-2025-02-03-trump-rare-earth-security, telegraph-2025-02-12-bessent-kyiv, "
        "unn-2025-02-15-why-not-signed, ap-2025-02-15-zelensky-munich, pravda-2025-02-20-waltz-sign-deal]"
    )
    assert lines[12] == (
        "press-conference-cancelled: Needs context - A joint US-Ukrainian press conference was called off "
        "[ap-2025-02-20-kellogg-kyiv, pravda-2025-02-20-kellogg-no-statements, hurriyet-2025-02-20-no-statement]"
    )
    assert len(lines) == 16 and not any("No verdict yet" in line for line in lines)


def test_ledger_without_a_day_is_todays(capsys):
    assert cli.main(["ledger"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "The ledger today (all the evidence on record):"
    assert lines[14] == (
        "zelensky-proposed-alternatives: Misleading - Zelensky offered NATO ties and investment instead of a "
        "resource deal [ap-2025-02-15-zelensky-munich, kyivpost-2025-02-15-munich-speech, ap-2025-02-20-kellogg-kyiv, "
        "euromaidan-2025-02-20-kellogg-meeting, politico-2025-02-23-resign-for-nato, afp-2025-02-23-resign-for-nato, "
        "babel-2025-02-26-full-text, pravda-2025-03-05-zelensky-letter]"
    )


@pytest.mark.parametrize("bad", ["2025-02-30", "21/02/2025", "yesterday"])
def test_ledger_refuses_a_bad_date_in_one_line(bad, capsys):
    assert cli.main(["ledger", "--as-of", bad]) == 2
    assert capsys.readouterr().out == f"--as-of: {bad!r} is not a real date of the form YYYY-MM-DD\n"
