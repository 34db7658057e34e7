"""Reading content files: text that is safe to parse, YAML through the safe loader, CSV rows.

Every reader appends a :class:`~explainer.content.errors.Problem` naming the
file for anything wrong and returns ``None``; nothing here raises for bad data.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import os
from pathlib import Path

import yaml

from . import yaml_loader
from .errors import Problem

MAX_FILE_BYTES = 2_000_000


def read_text(path: Path, shown: str, problems: list[Problem]) -> str | None:
    """The UTF-8 text of ``path``, or None (with a problem) if it is too large, binary, empty or unreadable."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            problems.append(Problem(shown, f"is {size:,} bytes; the limit is {MAX_FILE_BYTES:,}"))
            return None
        data = path.read_bytes()
    except OSError as err:
        problems.append(Problem(shown, f"cannot be read ({err.strerror or err})"))
        return None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        problems.append(Problem(shown, "is UTF-16 text; save it as UTF-8"))
        return None
    if b"\x00" in data:
        problems.append(Problem(shown, "is a binary file, not text"))
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        problems.append(Problem(shown, f"is not UTF-8 text (byte {err.start})"))
        return None
    if not text.strip():
        problems.append(Problem(shown, "is empty"))
        return None
    return text


def read_yaml(path: Path, shown: str, problems: list[Problem]):
    """The parsed content of a YAML file (see :mod:`~explainer.content.yaml_loader`), or None."""
    text = read_text(path, shown, problems)
    if text is None:
        return None
    try:
        tree = yaml_loader.parse(text)
    except yaml_loader.DuplicateKey as err:
        first, second = err.lines
        problems.append(
            Problem(shown, f"is given twice (lines {first} and {second}); give each field once", err.record, err.key)
        )
        return None
    except yaml_loader.Aliased:
        problems.append(Problem(shown, "uses YAML anchors and aliases (&name, *name); write records out in full"))
        return None
    except yaml.constructor.ConstructorError as err:
        why = getattr(err, "problem", "") or str(err)
        line = f" at line {err.problem_mark.line + 1}" if err.problem_mark else ""
        if "constructor for the tag" in why:
            problems.append(Problem(shown, f"uses a YAML tag that is not allowed{line} ({why})"))
        else:
            problems.append(Problem(shown, f"YAML error{line}: {why}"))
        return None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        why = getattr(err, "problem", None) or "cannot be parsed"
        problems.append(Problem(shown, f"YAML syntax error{where}: {why}"))
        return None
    except (ValueError, RecursionError, MemoryError) as err:
        problems.append(Problem(shown, f"cannot be parsed as YAML ({type(err).__name__})"))
        return None
    if tree is None:
        problems.append(Problem(shown, "is empty"))
    return tree


def read_csv(path: Path, shown: str, cls, problems: list[Problem]) -> list[dict] | None:
    """The rows of a CSV file as dicts without empty cells, or None if its header does not fit ``cls``."""
    text = read_text(path, shown, problems)
    if text is None:
        return None
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        header = reader.fieldnames or []
        fields = dataclasses.fields(cls)
        names = [f.name for f in fields]
        required = [
            f.name for f in fields if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
        ]
        problems_before = len(problems)
        for name in required:
            if name not in header:
                problems.append(Problem(shown, "column is missing from the header", None, name))
        for name in header:
            if name not in names:
                problems.append(Problem(shown, f"unknown column (known: {', '.join(names)})", None, name))
        if len(set(header)) != len(header):
            problems.append(Problem(shown, "the header names a column twice"))
        if len(problems) > problems_before:
            return None
        rows = []
        for row in reader:
            if None in row:
                line = reader.line_num
                problems.append(
                    Problem(shown, f"line {line} has more cells than the header", row.get("id") or f"line {line}")
                )
                continue
            rows.append({k: v.strip() for k, v in row.items() if v is not None and v.strip() != ""})
        if not rows:
            problems.append(Problem(shown, "has a header but no rows"))
            return None
        return rows
    except csv.Error as err:
        problems.append(Problem(shown, f"CSV error at line {reader.line_num}: {err}"))
        return None


def files_for(collection, root: Path) -> list[Path]:
    """The files that hold ``collection`` under ``root`` (see :class:`~explainer.model.fields.Collection`)."""
    if collection.fmt == "csv":
        return [root / f"{collection.path}.csv"]
    files = []
    single = root / f"{collection.path}.yaml"
    if single.exists():
        files.append(single)
    folder = root / collection.path
    if folder.is_dir():
        files.extend(sorted(folder.glob("*.yaml")))
    return files


def signature(root: Path) -> tuple:
    """Every file under ``root`` with its modification time and size: changes when any file does."""
    entries = []
    for dirpath, _dirs, names in os.walk(root):
        for name in names:
            p = os.path.join(dirpath, name)
            try:
                st = os.stat(p)
            except OSError:
                continue
            entries.append((p, st.st_mtime_ns, st.st_size))
    return tuple(sorted(entries))
