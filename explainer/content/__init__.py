"""Loading and checking ``data/``: read every file once, validate it, hand out records.

``load()`` is the one entry point. It reads the directory named by its
argument, else by the ``EXPLAINER_DATA`` environment variable, else the
``data/`` of the project copy the notebook runs in (a student's own copy on a
JupyterHub), else the ``data/`` folder shipped beside the package. The result is cached until a file
in the directory changes, so notebooks can call it freely.

``validate()`` checks, in order: each file can be read and parsed
(:mod:`.files`, :mod:`.yaml_loader`); each record has the fields its type
declares (:mod:`.schema`); every id it refers to exists; and every rule of
every topic in :mod:`explainer.model` holds. Each problem names the file, the
record and the field.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..model import COLLECTIONS, RULES
from ..paths import resolve_data_dir
from .errors import ContentError, Problem
from .files import MAX_FILE_BYTES, files_for, read_csv, read_yaml, signature
from .schema import Reporter, build, references
from .store import Content

__all__ = [
    "COLLECTIONS",
    "MAX_FILE_BYTES",
    "Content",
    "ContentError",
    "Problem",
    "load",
    "validate",
]


def validate(data_dir=None) -> tuple[Content | None, list[Problem]]:
    """Read and check every file; return the content (if usable) and all problems.

    This never raises for bad data: every problem is returned as a
    :class:`~explainer.content.errors.Problem` naming the file, record and field.
    """
    root = resolve_data_dir(data_dir)
    shown_root = str(data_dir) if data_dir else str(root)

    def show(path: Path) -> str:
        return os.path.join(shown_root, os.path.relpath(path, root))

    if not root.is_dir():
        return None, [Problem(shown_root, "is not a directory of content")]

    problems: list[Problem] = []
    collections: dict[str, tuple] = {}
    origin: dict[tuple[str, str], str] = {}  # (collection, id) -> file shown
    known: set[Path] = set()
    first_file: dict[str, str] = {}  # collection -> its first file shown, for findings about no one record
    for spec in COLLECTIONS:
        files = files_for(spec, root)
        known.update(files)
        first_file[spec.name] = show(files[0] if files else root / f"{spec.path}.{spec.fmt}")
        if not files:
            problems.append(Problem(show(root / f"{spec.path}.{spec.fmt}"), "is missing"))
            collections[spec.name] = ()
            continue
        recs = []
        for path in files:
            shown = show(path)
            raws = (
                read_csv(path, shown, spec.record, problems) if spec.fmt == "csv" else read_yaml(path, shown, problems)
            )
            if raws is None:
                continue
            if spec.single:
                raws = [raws]
            elif not isinstance(raws, list):
                problems.append(Problem(shown, f"should hold a list of records, holds a {type(raws).__name__}"))
                continue
            rep = Reporter(shown)
            for n, raw in enumerate(raws, start=1):
                rid = raw.get("id") if isinstance(raw, dict) else None
                rep.record = str(rid) if isinstance(rid, (str, int)) and str(rid).strip() else f"#{n}"
                rec = build(spec.record, raw, rep)
                if rec is None:
                    continue
                if (spec.name, rec.id) in origin:
                    rep.add(f"duplicate id (also in {origin[(spec.name, rec.id)]})", "id")
                    continue
                origin[(spec.name, rec.id)] = shown
                recs.append(rec)
            problems.extend(rep.problems)
        collections[spec.name] = tuple(recs)

    ids = {name: {rec.id for rec in recs} for name, recs in collections.items()}
    dangling = False
    for spec in COLLECTIONS:
        for rec in collections[spec.name]:
            for field, target, value in references(rec):
                if value not in ids.get(target, ()):
                    dangling = True
                    problems.append(
                        Problem(
                            origin[(spec.name, rec.id)], f"refers to {value!r}, which is not in {target}", rec.id, field
                        )
                    )

    content = Content(root, collections)
    if not dangling:  # rules look records up by id: run them once every reference resolves
        for rule in RULES:
            for finding in rule(content):
                shown = origin.get((finding.collection, finding.record)) or first_file[finding.collection]
                problems.append(Problem(shown, finding.message, finding.record, finding.field))

    for path in sorted(root.rglob("*")):
        if path.suffix in (".yaml", ".yml", ".csv") and path not in known:
            if path.suffix == ".yml":
                problems.append(Problem(show(path), "content files end in .yaml, not .yml"))
            elif not any(part.startswith(".") for part in path.relative_to(root).parts):
                problems.append(Problem(show(path), "is not a known content file; see explainer.content.COLLECTIONS"))

    if problems:
        return None, problems
    return content, []


_cache: dict[Path, tuple[tuple, Content]] = {}


def load(data_dir=None) -> Content:
    """Load and validate all content; cached until a file in the directory changes.

    Parameters
    ----------
    data_dir : str or Path, optional
        The data directory. Defaults to ``$EXPLAINER_DATA``, else the
        ``data/`` of the project copy the working directory is in, else the
        ``data/`` folder shipped with the package (see :func:`explainer.paths.resolve_data_dir`).

    Returns
    -------
    Content

    Raises
    ------
    ContentError
        If anything in the directory fails validation; its ``problems`` list
        names the file, record and field of each.
    """
    root = resolve_data_dir(data_dir).resolve()
    sig = signature(root) if root.is_dir() else ()
    hit = _cache.get(root)
    if hit and hit[0] == sig:
        return hit[1]
    content, problems = validate(data_dir or root)
    if problems:
        raise ContentError(problems)
    _cache[root] = (sig, content)
    return content
