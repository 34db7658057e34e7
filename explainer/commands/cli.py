"""Command line: ``explainer`` (or ``python -m explainer``) with one subcommand per task.

``lab`` and ``present`` start JupyterLab and Voila, ``html`` writes the static
site, ``check`` (with ``--stale-after MONTHS``) and ``answer-key`` work on the
content, ``times`` prints each notebook's computed time, ``ledger`` (with ``--as-of
YYYY-MM-DD``) prints the claims ledger as it stood on a day, ``class-summary DIR``
sums up a class's saved work, ``notebooks DIR`` copies the notebooks out of an
installed package, and ``nbgitpuller-link`` prints a JupyterHub link. They need no ``make``, so they
work the same on Windows, macOS and Linux; the Makefile calls them too.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

from ..content import validate
from ..model.sources import STALE_AFTER_MONTHS, stale_warning
from ..paths import notebook_file, notebook_path, project_root, resolve_data_dir

EXIT_OK, EXIT_BAD_DATA = 0, 2


def check(data_dir=None, out=None, stale_after: int | None = None, today: dt.date | None = None) -> int:
    """Validate a data directory and report; returns the exit code.

    Prints one summary line when the content is valid (exit 0), else one line
    per problem naming the file, record and field, then a count (exit 2).
    With ``stale_after`` (months), valid content whose newest source is older
    than that before ``today`` (default: the real date) gets one more line, a
    warning; the exit code stays 0.
    """
    out = out or sys.stdout
    try:
        content, problems = validate(data_dir)
    except RecursionError:
        print(f"{data_dir or resolve_data_dir()}: content is nested too deeply to check", file=out)
        return EXIT_BAD_DATA
    if problems:
        for problem in problems:
            print(problem, file=out)
        n = len(problems)
        print(f"{n} problem{'s' if n != 1 else ''} found; nothing was changed.", file=out)
        return EXIT_BAD_DATA
    counts = ", ".join(f"{len(content.records(name))} {name}" for name in content.names)
    print(f"OK: {content.data_dir} is valid ({counts}).", file=out)
    warning = stale_warning(content, today or dt.date.today(), stale_after) if stale_after is not None else None
    if warning:
        print(warning, file=out)
    return EXIT_OK


def _months(text: str) -> int:
    """A whole number of months, 0 or more (argparse type)."""
    try:
        months = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number of months, got {text!r}") from None
    if months < 0:
        raise argparse.ArgumentTypeError(f"expected 0 or more months, got {months}")
    return months


def answer_key(data_dir=None, out_path=None, out=None) -> int:
    """Write the answer key to ``out_path`` (default: the teacher's folder, ``docs/teacher/``; ``-`` prints it).

    Returns the exit code: 2 when there is no project folder to write into.
    """
    from .answer_key import answer_key as build
    from .answer_key import default_path, write

    out = out or sys.stdout
    content, problems = validate(data_dir)
    if problems:
        return check(data_dir, out=out)
    if out_path == "-":
        out.write(build(content))
        return EXIT_OK
    try:
        target = out_path or default_path()
    except FileNotFoundError as error:
        print(error, file=sys.stderr)
        return 2
    write(content, target)
    print(f"Wrote {target}.", file=out)
    return EXIT_OK


def times(data_dir=None, out=None, sections=False, plan=None) -> int:
    """Print each notebook's computed time (reading, tasks, core route, full) as a Markdown table.

    With ``sections``, each notebook's sections follow (kind, words, tasks,
    minutes); with ``plan``, that lesson plan's table instead (minutes from the
    sections it names), then any line saying why it does not run as written.
    Returns the exit code.
    """
    from ..lesson_time import notebook_paths, plan_problems, plan_table, sections_table, times_table

    out = out or sys.stdout
    content, problems = validate(data_dir)
    if problems:
        return check(data_dir, out=out)
    try:
        if plan:
            if plan not in {p.id for p in content.lesson_plans}:
                print(f"{plan}: no such lesson plan ({', '.join(p.id for p in content.lesson_plans)})", file=out)
                return EXIT_BAD_DATA
            out.write(plan_table(content, plan))
            mine = [line for line in plan_problems(content) if f"record {plan}:" in line]
            out.write("".join(f"\n{line}" for line in mine) + ("\n" if mine else ""))
            return EXIT_BAD_DATA if mine else EXIT_OK
        out.write(times_table(content))
        if sections:
            for path in notebook_paths():
                out.write("\n" + sections_table(content, path.stem, path))
    except FileNotFoundError as error:
        print(error, file=out)
        return EXIT_BAD_DATA
    return EXIT_OK


def ledger(as_of: str | None = None, data_dir=None, out=None) -> int:
    """Print the claims ledger, one line per claim; with ``as_of``, as it stood on that day.

    ``as_of`` is a date as ``YYYY-MM-DD``: each claim's verdict from the
    evidence published by then, or that none was recorded yet. Returns the
    exit code (2, with one line saying why, for a date that is not one).
    """
    from ..model.asof import ledger_lines

    out = out or sys.stdout
    day = None
    if as_of is not None:
        try:
            day = dt.date.fromisoformat(as_of)
        except ValueError:
            print(f"--as-of: {as_of!r} is not a real date of the form YYYY-MM-DD", file=out)
            return EXIT_BAD_DATA
    content, problems = validate(data_dir)
    if problems:
        return check(data_dir, out=out)
    print("\n".join(ledger_lines(content, day)), file=out)
    return EXIT_OK


def class_summary(folder, out_path=None, data_dir=None, out=None) -> int:
    """Sum up a class's work: print a table and, where asked, write an HTML report; returns the exit code.

    ``folder`` holds one sub-folder per student (a copy of their ``my_work/``)
    and hand-in files, or is one hand-in file. A bad entry costs only that
    entry and a bad file only that file; each is named. Nothing in ``folder``
    is changed, and the report is only written where ``out_path`` says.
    """
    from ..classroom import summary

    out = out or sys.stdout
    folder = Path(folder)
    if not folder.is_dir() and not (folder.is_file() and folder.suffix == ".json"):
        print(f"{folder}: not a folder of students' work or a hand-in file", file=out)
        return EXIT_BAD_DATA
    target = Path(out_path) if out_path else None
    base = folder if folder.is_dir() else folder.parent
    if target and folder.is_dir() and target.resolve().is_relative_to(base.resolve()):
        print(f"{target}: the report must be written outside {folder}, which is left unchanged", file=out)
        return EXIT_BAD_DATA
    content, problems = validate(data_dir)
    if problems:
        return check(data_dir, out=out)
    work = summary.read_class(content, folder)
    print(summary.text_report(content, work), file=out)
    for line in work.skipped:
        print(line, file=out)
    if target:
        try:
            target.write_text(summary.html_report(content, work), encoding="utf-8")
        except OSError as err:
            print(f"{target}: cannot write the report ({err.strerror or err})", file=out)
            return EXIT_BAD_DATA
        print(f"Wrote {target}.", file=out)
    return EXIT_OK


# JupyterLab's "official Jupyter news" pop-up and its update check: off for every student.
QUIET_LAB = ["--LabApp.news_url=None", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]


def as_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def _merged(ours: list[str], extra) -> list[str]:
    """``ours`` then ``extra``, each option once: an ``--name=value`` in ``extra`` replaces ours.

    traitlets refuses an option given twice (``news_url only accepts one value``).
    """
    given = {a.split("=", 1)[0] for a in extra if a.startswith("--")}
    kept = [a for a in ours if not (a.startswith("--") and a.split("=", 1)[0] in given)]
    return kept + [a for i, a in enumerate(extra) if a not in kept and a not in extra[:i]]


def lab_command(port: int = 8888, extra=()) -> list[str]:
    """How ``explainer lab`` starts JupyterLab: 127.0.0.1, token on, notebook 00 open, no news pop-up."""
    ours = [
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--LabApp.default_url=/lab/tree/00_start_here.ipynb",
        *QUIET_LAB,
    ]
    argv = [sys.executable, "-m", "jupyterlab", *_merged(ours, list(extra))]
    if as_root() and "--allow-root" not in argv:  # as root JupyterLab quits unless told
        argv.append("--allow-root")
    return argv


def present_command(notebook: str, port: int = 8866, extra=()) -> list[str]:
    """How ``explainer present NB`` starts Voila on one notebook, code hidden (127.0.0.1)."""
    name = notebook_file(notebook)
    ours = ["--strip_sources=True", "--Voila.ip=127.0.0.1", f"--port={port}", "--Voila.port_retries=0"]
    return [sys.executable, "-m", "voila", name, *_merged(ours, list(extra))]


def launch(argv: list[str], cwd: Path) -> int:
    """Run a server in ``cwd``; on POSIX it replaces this process, so its PID is the server's."""
    sys.stdout.flush()
    sys.stderr.flush()
    if os.name == "posix":
        os.chdir(cwd)
        os.execv(argv[0], argv)  # pragma: no cover - does not return
    try:
        return subprocess.call(argv, cwd=cwd)
    except KeyboardInterrupt:  # Ctrl + C stops the server: not an error
        return EXIT_OK


def _missing(*modules: str) -> list[str]:
    from importlib.util import find_spec

    return [name for name in modules if find_spec(name) is None]


def _needs_extra(command: str, extra: str, missing: list[str]) -> int:
    print(
        f"explainer {command} needs {', '.join(missing)}, which this environment lacks: "
        f"pip install 'minerals-for-security[{extra}]'",
        file=sys.stderr,
    )
    return EXIT_BAD_DATA


def copy_notebooks(folder, data: bool = False, out=None) -> int:
    """``explainer notebooks DIR``: copy the notebooks (and with ``data`` the data) into ``folder``."""
    from .copies import copy_project

    try:
        report = copy_project(folder, data=data)
    except OSError as error:
        print(f"{error.filename or folder}: {error.strerror or error}", file=sys.stderr)
        return EXIT_BAD_DATA
    print("\n".join(report.lines()), file=out or sys.stdout)
    return EXIT_OK


def _serve(kind: str, args, extra) -> int:
    if missing := _missing("jupyterlab" if kind == "lab" else "voila"):
        return _needs_extra(kind, "lab", missing)
    try:
        root = project_root()
    except FileNotFoundError as error:
        print(f"{error}; run `explainer {kind}` inside a copy of the project", file=sys.stderr)
        return EXIT_BAD_DATA
    if kind == "lab":
        return launch(lab_command(args.port, extra), root / "notebooks")
    try:
        path = notebook_path(args.notebook, root)
    except FileNotFoundError as error:
        print(error, file=sys.stderr)
        return EXIT_BAD_DATA
    return launch(present_command(path.name, args.port, extra), path.parent)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        prog="explainer",
        description="The Minerals for Security explainer: open it, present it, export it, check its content.",
        epilog="`python -m explainer ...` does the same as `explainer ...`.",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    p_lab = sub.add_parser(
        "lab",
        help="open JupyterLab on notebooks/00_start_here.ipynb (127.0.0.1, token on)",
        description="Open JupyterLab on notebooks/00_start_here.ipynb (127.0.0.1 only, token on). "
        "Other options are passed to JupyterLab.",
    )
    p_lab.add_argument("--port", type=int, default=8888, help="port (default: 8888)")
    p_present = sub.add_parser(
        "present",
        help="show one notebook in Voila with the code hidden (presenter mode)",
        description="Show one notebook in Voila, code hidden, at http://127.0.0.1:PORT. "
        "Other options are passed to Voila.",
    )
    p_present.add_argument("notebook", help="a notebook of notebooks/, e.g. 02_aid_figures")
    p_present.add_argument("--port", type=int, default=8866, help="port (default: 8866)")
    p_html = sub.add_parser(
        "html",
        help="run every notebook offline and write a static site (default: _site/)",
        description="Run every notebook offline and write a static, printable site.",
    )
    p_html.add_argument("notebooks", nargs="*", help="notebooks to export (default: all)")
    p_html.add_argument("--out", help="output folder (default: _site/, or _site-teacher/ with --teacher)")
    p_html.add_argument("--no-input", action="store_true", help="leave the code out of the pages")
    p_html.add_argument("--teacher", action="store_true", help="the teacher's copy: each page ends with its answer key")
    p_html.add_argument(
        "--hub", help="a JupyterHub for the pages' launch links (default: $EXPLAINER_HUB, else [tool.explainer] hub)"
    )
    p_copy = sub.add_parser(
        "notebooks",
        help="copy the lesson notebooks into DIR/notebooks/ (never replacing a file already there)",
        description="Copy the lesson notebooks that came with the package into DIR/notebooks/, for a student "
        "to open and work in. Files already there are kept as they are.",
    )
    p_copy.add_argument("folder", metavar="DIR", help="the folder to write (made if missing)")
    p_copy.add_argument(
        "--data", action="store_true", help="also copy the data files into DIR/data/, to edit (the notebooks read them)"
    )
    p_link = sub.add_parser(
        "nbgitpuller-link",
        help="print the link that gives each student a copy of the project on a JupyterHub",
        description="Print the nbgitpuller link for a JupyterHub: the first click copies the project into "
        "the student's home folder, later clicks fetch updates without overwriting the student's changes.",
    )
    p_link.add_argument("--hub", required=True, help="the hub's address, e.g. https://hub.example.org")
    p_link.add_argument("--repo", help="repository URL (default: [project.urls] Repository in pyproject.toml)")
    p_link.add_argument("--notebook", default="00_start_here", help="notebook to open (default: 00_start_here)")
    p_link.add_argument("--branch", default="main", help="branch to pull (default: main)")
    p_check = sub.add_parser("check", help="validate every content file in a data directory")
    p_check.add_argument(
        "data_dir",
        nargs="?",
        help="data directory (default: $EXPLAINER_DATA, else the shipped data/)",
    )
    p_check.add_argument(
        "--stale-after",
        type=_months,
        default=STALE_AFTER_MONTHS,
        metavar="MONTHS",
        help=f"warn when the newest source is more than MONTHS months old (default: {STALE_AFTER_MONTHS})",
    )
    p_key = sub.add_parser(
        "answer-key", help="write the teachers' answer key: quizzes, exercises, model answers (Markdown)"
    )
    p_key.add_argument(
        "--out", help="file to write, or - to print it (default: docs/teacher/answer-key.md in the project folder)"
    )
    p_key.add_argument("--data", dest="data_dir", help="data directory (default: as for check)")
    p_times = sub.add_parser(
        "times", help="print each notebook's time, computed from its length and tasks (Markdown table)"
    )
    p_times.add_argument("--data", dest="data_dir", help="data directory (default: as for check)")
    p_times.add_argument("--sections", action="store_true", help="each notebook's sections too (kind, minutes)")
    p_times.add_argument("--plan", help="print a lesson plan of data/lesson_plans.yaml as a table (lesson-45...)")
    p_ledger = sub.add_parser(
        "ledger",
        help="print the claims ledger, one line per claim; --as-of YYYY-MM-DD: as it stood on that day",
        description="Print each claim of the article with its verdict and sources. With --as-of, the verdict "
        "from the evidence published by that day, or that none was recorded yet.",
    )
    p_ledger.add_argument("--as-of", dest="as_of", metavar="YYYY-MM-DD", help="the day (default: today's ledger)")
    p_ledger.add_argument("--data", dest="data_dir", help="data directory (default: as for check)")
    p_class = sub.add_parser(
        "class-summary", help="sum up a class's hand-in files and my_work folders: a table, and HTML with --out"
    )
    p_class.add_argument(
        "folder", help="a folder of hand-in files and copies of students' my_work/ folders, or one hand-in file"
    )
    p_class.add_argument("--out", help="also write the HTML report (class and per-student pages) to this file")
    p_class.add_argument("--data", dest="data_dir", help="data directory (default: as for check)")
    args, extra = parser.parse_known_args(argv)
    if extra and args.command not in ("lab", "present"):
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    if args.command in ("lab", "present"):
        return _serve(args.command, args, extra)
    if args.command == "notebooks":
        return copy_notebooks(args.folder, data=args.data)
    if args.command == "html":
        if missing := _missing("nbconvert", "nbclient", "nbformat"):
            return _needs_extra("html", "site", missing)
        from .site import main as site_main

        options = [*(["--no-input"] if args.no_input else []), *(["--hub", args.hub] if args.hub else [])]
        options += ["--teacher"] if args.teacher else []
        out = args.out or ("_site-teacher" if args.teacher else "_site")  # never the students' site
        return site_main([*args.notebooks, "--out", out, *options])
    if args.command == "nbgitpuller-link":
        from .links import nbgitpuller_link

        print(nbgitpuller_link(args.hub, args.repo, args.notebook, branch=args.branch))
        return EXIT_OK
    if args.command == "check":
        return check(args.data_dir, stale_after=args.stale_after)
    if args.command == "answer-key":
        return answer_key(args.data_dir, args.out)
    if args.command == "times":
        return times(args.data_dir, sections=args.sections, plan=args.plan)
    if args.command == "ledger":
        return ledger(args.as_of, args.data_dir)
    if args.command == "class-summary":
        return class_summary(args.folder, args.out, args.data_dir)
    return EXIT_BAD_DATA  # pragma: no cover - argparse enforces the choices


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
