"""Command line: ``python -m explainer check [DATA_DIR] [--stale-after MONTHS]``, ``answer-key [--out FILE]``
and ``class-summary DIR``."""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from .content import resolve_data_dir, validate
from .model.sources import STALE_AFTER_MONTHS, stale_warning

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
    """Print the answer key, or write it to ``out_path``; returns the exit code."""
    from .answer_key import answer_key as build
    from .answer_key import write

    out = out or sys.stdout
    content, problems = validate(data_dir)
    if problems:
        return check(data_dir, out=out)
    if out_path:
        write(content, out_path)
        print(f"Wrote {out_path}.", file=out)
    else:
        out.write(build(content))
    return EXIT_OK


def class_summary(folder, out_path="class-summary.html", data_dir=None, out=None) -> int:
    """Sum up a folder of students' work: print a table, write an HTML report; returns the exit code.

    Bad or partial files are named and skipped; nothing in ``folder`` is changed.
    """
    from pathlib import Path

    from . import class_summary as cs

    out = out or sys.stdout
    folder, target = Path(folder), Path(out_path)
    if not folder.is_dir():
        print(f"{folder}: not a folder of students' work", file=out)
        return EXIT_BAD_DATA
    if target.resolve().is_relative_to(folder.resolve()):
        print(f"{target}: the report must be written outside {folder}, which is left unchanged", file=out)
        return EXIT_BAD_DATA
    content, problems = validate(data_dir)
    if problems:
        return check(data_dir, out=out)
    work = cs.read_class(content, folder)
    print(cs.text_report(content, work), file=out)
    for line in work.skipped:
        print(line, file=out)
    target.write_text(cs.html_report(content, work), encoding="utf-8")
    print(f"Wrote {target}.", file=out)
    return EXIT_OK


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m explainer",
        description="Tools for the Minerals for Security explainer's content.",
    )
    sub = parser.add_subparsers(dest="command", required=True)
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
    p_key = sub.add_parser("answer-key", help="write the answer key for every quiz and exercise (Markdown)")
    p_key.add_argument("--out", help="file to write (default: print it), e.g. docs/answer-key.md")
    p_key.add_argument("--data", dest="data_dir", help="data directory (default: as for check)")
    p_class = sub.add_parser(
        "class-summary", help="sum up a folder of students' my_work folders: table and HTML report"
    )
    p_class.add_argument("folder", help="one sub-folder per student, each a copy of their my_work/")
    p_class.add_argument("--out", default="class-summary.html", help="HTML report to write (default: %(default)s)")
    p_class.add_argument("--data", dest="data_dir", help="data directory (default: as for check)")
    args = parser.parse_args(argv)
    if args.command == "check":
        return check(args.data_dir, stale_after=args.stale_after)
    if args.command == "answer-key":
        return answer_key(args.data_dir, args.out)
    if args.command == "class-summary":
        return class_summary(args.folder, args.out, args.data_dir)
    return EXIT_BAD_DATA  # pragma: no cover - argparse enforces the choices


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
