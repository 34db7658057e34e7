"""Command line: ``python -m explainer check [DATA_DIR]`` and ``answer-key [--out FILE]``."""

from __future__ import annotations

import argparse
import sys

from .content import resolve_data_dir, validate

EXIT_OK, EXIT_BAD_DATA = 0, 2


def check(data_dir=None, out=None) -> int:
    """Validate a data directory and report; returns the exit code.

    Prints one summary line when the content is valid (exit 0), else one line
    per problem naming the file, record and field, then a count (exit 2).
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
    return EXIT_OK


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
    p_key = sub.add_parser("answer-key", help="write the answer key for every quiz and exercise (Markdown)")
    p_key.add_argument("--out", help="file to write (default: print it), e.g. docs/answer-key.md")
    p_key.add_argument("--data", dest="data_dir", help="data directory (default: as for check)")
    args = parser.parse_args(argv)
    if args.command == "check":
        return check(args.data_dir)
    if args.command == "answer-key":
        return answer_key(args.data_dir, args.out)
    return EXIT_BAD_DATA  # pragma: no cover - argparse enforces the choices


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
