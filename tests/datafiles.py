"""Reading and writing a copy of data/ generically, by the collections explainer.model declares.

Shared by the tests that break the data (``test_malformed_data.py``) and mark it
up (``test_markup.py``). YAML is read the project's way
(:func:`explainer.content.yaml_loader.parse`: dates stay text, no aliases).
"""

from __future__ import annotations

import csv
import io
import typing
from pathlib import Path

import yaml

from explainer.content import COLLECTIONS
from explainer.content.yaml_loader import parse

SPECS = {c.name: c for c in COLLECTIONS}


def files_of(d: Path, name: str) -> list[Path]:
    """The files of collection ``name`` in the data folder ``d``."""
    spec = SPECS[name]
    if spec.fmt == "csv":
        return [d / f"{spec.path}.csv"]
    single = d / f"{spec.path}.yaml"
    return ([single] if single.exists() else []) + sorted((d / spec.path).glob("*.yaml"))


def read_yaml(path: Path):
    return parse(path.read_text(encoding="utf-8"))


def write_yaml(path: Path, tree) -> None:
    path.write_text(yaml.safe_dump(tree, sort_keys=False, allow_unicode=True, width=1000), encoding="utf-8")


def read_csv(path: Path) -> tuple[list[str], list[dict]]:
    reader = csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"), newline=""))
    return list(reader.fieldnames), list(reader)


def write_csv(path: Path, header: list[str], rows: list[dict]) -> None:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def rel(d: Path, path: Path) -> str:
    """``path`` as the check prints it, with ``DATA`` for the data folder ``d``."""
    return f"DATA/{path.relative_to(d).as_posix()}"


def hints(cls) -> dict:
    return typing.get_type_hints(cls)
