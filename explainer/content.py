"""Load every file in a data directory once, validate it, hand out records.

``load()`` is the one entry point. It reads the directory named by its
argument, else by the ``EXPLAINER_DATA`` environment variable, else the
``data/`` folder shipped beside the package. The result is cached until a file
in the directory changes, so notebooks can call it freely.
"""

from __future__ import annotations

import collections.abc
import csv
import dataclasses
import functools
import io
import os
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from . import records as r
from .aid_records import AID_COLLECTIONS
from .deal_records import DEAL_COLLECTIONS
from .errors import ContentError, Problem
from .schema import Reporter, build, nested, references

MAX_FILE_BYTES = 2_000_000
PACKAGE_DATA = Path(__file__).resolve().parent.parent / "data"


@dataclass(frozen=True)
class Collection:
    """Where one kind of record lives and what type it has.

    A YAML collection named ``events`` is read from ``events.yaml`` and from
    every ``*.yaml`` file in an ``events/`` folder, so new records can be added
    in a file of their own. A CSV collection is one ``.csv`` file whose header
    names the record's fields.
    """

    name: str
    record: type
    path: str
    fmt: str = "yaml"
    single: bool = False


COLLECTIONS: tuple[Collection, ...] = (
    Collection("sources", r.Source, "sources"),
    Collection("rating_scale", r.RatingLevel, "rating_scale"),
    Collection("claims", r.Claim, "claims"),
    Collection("article", r.Article, "article", single=True),
    Collection("actors", r.Actor, "actors"),
    Collection("phases", r.Phase, "phases"),
    Collection("events", r.Event, "events"),
    Collection("quotes", r.Quote, "quotes"),
    Collection("positions", r.Position, "positions"),
    Collection("quizzes", r.Quiz, "quizzes"),
    Collection("exercises", r.Exercise, "exercises"),
    *(Collection(*spec) for spec in DEAL_COLLECTIONS),
) + tuple(Collection(*spec) for spec in AID_COLLECTIONS)


# ----------------------------------------------------------------------------
# Reading files safely


class _DuplicateKey(yaml.YAMLError):
    """A mapping that gives the same key twice (YAML would silently keep the last)."""

    def __init__(self, key: str, record: str | None, first, second):
        super().__init__(key)
        self.key, self.record, self.lines = key, record, (first.line + 1, second.line + 1)


_STR, _SEQ, _MAP = "tag:yaml.org,2002:str", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """Safe YAML loader that leaves dates as text for the validator to check.

    ``construct_document`` turns the plain lists, mappings and strings that
    content files are made of into Python directly (about twice as fast as
    PyYAML's general constructor); any other node goes through the safe
    constructor as usual. ``aliased`` tells whether a list or mapping was used
    twice (``&name`` / ``*name``).
    """

    aliased = False
    general = False

    # Path resolvers are not used: skip their bookkeeping on every node.
    def descend_resolver(self, current_node, current_index):
        pass

    def ascend_resolver(self):
        pass

    def resolve(self, kind, value, implicit):
        if kind is yaml.ScalarNode:
            if implicit[0]:
                for tag, regexp in _implicit_resolvers(type(self), value[:1]):
                    if regexp.match(value):
                        return tag
            return _STR
        return _SEQ if kind is yaml.SequenceNode else _MAP

    def construct_document(self, node):
        memo: dict[int, object] = {}
        construct = self.construct_object

        def convert(node):
            key = id(node)
            if key in memo:
                if not isinstance(node, yaml.ScalarNode):
                    self.aliased = True
                return memo[key]
            kind, tag = type(node), node.tag
            if kind is yaml.ScalarNode:
                value = node.value if tag == _STR else construct(node, deep=True)
            elif kind is yaml.SequenceNode and tag == _SEQ:
                value = memo[key] = []
                value.extend(convert(child) for child in node.value)
            elif (
                kind is yaml.MappingNode
                and tag == _MAP
                and not any(k.tag == "tag:yaml.org,2002:merge" for k, _v in node.value)
            ):
                self._check_keys(node)
                value = memo[key] = {}
                for key_node, value_node in node.value:
                    k = convert(key_node)
                    if not isinstance(k, collections.abc.Hashable):
                        raise yaml.constructor.ConstructorError(
                            "while constructing a mapping",
                            node.start_mark,
                            "found unhashable key",
                            key_node.start_mark,
                        )
                    value[k] = convert(value_node)
            else:
                self.general = True  # anything inside went the general way: check for aliases after
                value = construct(node, deep=True)
            memo[key] = value
            return value

        try:
            return convert(node)
        finally:
            self.constructed_objects, self.recursive_objects, self.state_generators = {}, {}, []

    def _check_keys(self, node):

        seen = {}
        for key_node, _value in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                if key_node.value in seen:
                    ids = [v.value for k, v in node.value if k.value == "id" and isinstance(v, yaml.ScalarNode)]
                    rid = ids[0] if ids else None
                    raise _DuplicateKey(key_node.value, rid, seen[key_node.value], key_node.start_mark)
                seen[key_node.value] = key_node.start_mark

    def construct_mapping(self, node, deep=False):
        self._check_keys(node)
        return super().construct_mapping(node, deep=deep)


# Dates stay text (the validator checks them and names the field), and only
# true/false are booleans: YAML 1.1 would read yes, no, on and off (and "NO",
# Norway's country code) as booleans too.
_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


@functools.cache
def _implicit_resolvers(loader: type, first: str) -> tuple:
    """The implicit resolvers to try on a plain scalar starting with ``first``, in order."""
    table = loader.yaml_implicit_resolvers
    return tuple(table.get(first, [])) + tuple(table.get(None, []))


def _read_text(path: Path, shown: str, problems: list[Problem]) -> str | None:
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


def _shares_nodes(tree) -> bool:
    """True if any list or mapping appears twice: the mark of a YAML alias."""
    seen: set[int] = set()
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, (list, dict)):
            if id(node) in seen:
                return True
            seen.add(id(node))
            stack.extend(node.values() if isinstance(node, dict) else node)
    return False


def _read_yaml(path: Path, shown: str, problems: list[Problem]):
    text = _read_text(path, shown, problems)
    if text is None:
        return None
    loader = _Loader(text)
    try:
        tree = loader.get_single_data()
    except _DuplicateKey as err:
        first, second = err.lines
        problems.append(
            Problem(shown, f"is given twice (lines {first} and {second}); give each field once", err.record, err.key)
        )
        return None
    except yaml.constructor.ConstructorError as err:
        tag = getattr(err, "problem", "") or str(err)
        line = f" at line {err.problem_mark.line + 1}" if err.problem_mark else ""
        if "constructor for the tag" in tag:
            problems.append(Problem(shown, f"uses a YAML tag that is not allowed{line} ({tag})"))
        else:
            problems.append(Problem(shown, f"YAML error{line}: {tag}"))
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
    finally:
        loader.dispose()
    if tree is None:
        problems.append(Problem(shown, "is empty"))
        return None
    if loader.aliased or (loader.general and _shares_nodes(tree)):
        problems.append(Problem(shown, "uses YAML anchors and aliases (&name, *name); write records out in full"))
        return None
    return tree


def _read_csv(path: Path, shown: str, cls, problems: list[Problem]):
    text = _read_text(path, shown, problems)
    if text is None:
        return None
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        header = reader.fieldnames or []
        fields = [f.name for f in dataclasses.fields(cls)]
        required = [
            f.name
            for f in dataclasses.fields(cls)
            if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
        ]
        bad_header = False
        for name in required:
            if name not in header:
                problems.append(Problem(shown, "column is missing from the header", None, name))
                bad_header = True
        for name in header:
            if name not in fields:
                problems.append(Problem(shown, f"unknown column (known: {', '.join(fields)})", None, name))
                bad_header = True
        if len(set(header)) != len(header):
            problems.append(Problem(shown, "the header names a column twice"))
            bad_header = True
        if bad_header:
            return None
        rows = []
        for row in reader:
            line = reader.line_num
            if None in row:
                problems.append(
                    Problem(shown, f"line {line} has more cells than the header", row.get("id") or f"line {line}")
                )
                continue
            rows.append(
                {k: (v if v is None else v.strip()) for k, v in row.items() if v is not None and v.strip() != ""}
            )
        if not rows:
            problems.append(Problem(shown, "has a header but no rows"))
            return None
        return rows
    except csv.Error as err:
        problems.append(Problem(shown, f"CSV error at line {reader.line_num}: {err}"))
        return None


# ----------------------------------------------------------------------------
# The content object


class Content:
    """All validated content of one data directory.

    Collections are attributes: ``content.events`` is a tuple of
    :class:`~explainer.records.Event`, ``content.article`` the one
    :class:`~explainer.records.Article`. ``content.get("sources", id)`` looks a
    record up by id; ``content.frame("events")`` gives a pandas DataFrame.
    """

    def __init__(self, data_dir: Path, collections: dict[str, tuple]):
        self.data_dir = data_dir
        self._collections = collections
        self._index = {name: {rec.id: rec for rec in recs} for name, recs in collections.items()}
        self._frames: dict = {}

    def __getattr__(self, name):
        collections = self.__dict__.get("_collections", {})
        if name in collections:
            spec = _SPECS[name]
            return collections[name][0] if spec.single else collections[name]
        raise AttributeError(name)

    def __dir__(self):
        return sorted(set(super().__dir__()) | set(self._collections))

    def __repr__(self):
        counts = ", ".join(f"{len(v)} {k}" for k, v in self._collections.items())
        return f"<Content from {self.data_dir}: {counts}>"

    @property
    def names(self) -> tuple[str, ...]:
        """Names of all collections, in load order."""
        return tuple(self._collections)

    def records(self, name: str) -> tuple:
        """All records of the collection ``name``."""
        return self._collections[name]

    def get(self, name: str, record_id: str):
        """The record with ``record_id`` in collection ``name``.

        Raises
        ------
        KeyError
            With a message naming the collection and the id.
        """
        try:
            return self._index[name][record_id]
        except KeyError:
            raise KeyError(f"no record {record_id!r} in {name}") from None

    def frame(self, name: str):
        """The collection ``name`` as a pandas DataFrame (one row per record).

        List fields become text joined with ``"; "``; nested records are left
        out (use :meth:`records` for those). The frame is built once and a copy
        is returned, so callers may change it freely.
        """
        if name not in self._frames:
            import pandas as pd

            spec = _SPECS[name]
            columns = [f.name for f in dataclasses.fields(spec.record)]
            rows = []
            for rec in self._collections[name]:
                row = {}
                for col in columns:
                    value = getattr(rec, col)
                    if isinstance(value, tuple):
                        if value and dataclasses.is_dataclass(value[0]):
                            continue
                        value = "; ".join(map(str, value))
                    row[col] = value
                rows.append(row)
            frame = pd.DataFrame(rows)
            for col in frame.columns:
                if spec.fmt == "yaml" and frame[col].map(lambda v: hasattr(v, "isoformat")).all():
                    frame[col] = pd.to_datetime(frame[col])
            self._frames[name] = frame
        return self._frames[name].copy()

    def sources_for(self, ids) -> tuple[r.Source, ...]:
        """The source records for ``ids``, each once, in the order given."""
        seen = dict.fromkeys(ids)
        return tuple(self.get("sources", i) for i in seen)


_SPECS = {c.name: c for c in COLLECTIONS}


# ----------------------------------------------------------------------------
# Loading


def resolve_data_dir(data_dir=None) -> Path:
    """The data directory to use: argument, then ``EXPLAINER_DATA``, then the shipped one."""
    chosen = data_dir or os.environ.get("EXPLAINER_DATA") or PACKAGE_DATA
    return Path(chosen).expanduser()


def _files_for(spec: Collection, root: Path) -> list[Path]:
    if spec.fmt == "csv":
        return [root / f"{spec.path}.csv"]
    files = []
    single = root / f"{spec.path}.yaml"
    if single.exists():
        files.append(single)
    folder = root / spec.path
    if folder.is_dir():
        files.extend(sorted(folder.glob("*.yaml")))
    return files


def _known_files(root: Path) -> set[Path]:
    known = set()
    for spec in COLLECTIONS:
        known.update(_files_for(spec, root))
        if spec.fmt == "yaml":
            known.add(root / f"{spec.path}.yaml")
    return known


def _signature(root: Path) -> tuple:
    entries = []
    for dirpath, _dirs, files in os.walk(root):
        for name in files:
            p = os.path.join(dirpath, name)
            try:
                st = os.stat(p)
            except OSError:
                continue
            entries.append((p, st.st_mtime_ns, st.st_size))
    return tuple(sorted(entries))


def validate(data_dir=None) -> tuple[Content | None, list[Problem]]:
    """Read and check every file; return the content (if usable) and all problems.

    This never raises for bad data: every problem is returned as a
    :class:`~explainer.errors.Problem` naming the file, record and field.
    """
    root = resolve_data_dir(data_dir)
    shown_root = str(data_dir) if data_dir else str(root)

    def show(path: Path) -> str:
        return os.path.join(shown_root, os.path.relpath(path, root))

    problems: list[Problem] = []
    if not root.is_dir():
        return None, [Problem(shown_root, "is not a directory of content")]

    collections: dict[str, tuple] = {}
    origin: dict[tuple[str, str], str] = {}  # (collection, id) -> file shown
    for spec in COLLECTIONS:
        files = _files_for(spec, root)
        if not files:
            ext = "csv" if spec.fmt == "csv" else "yaml"
            problems.append(Problem(show(root / f"{spec.path}.{ext}"), "is missing"))
            collections[spec.name] = ()
            continue
        recs = []
        for path in files:
            shown = show(path)
            rep = Reporter(shown)
            if spec.fmt == "csv":
                raws = _read_csv(path, shown, spec.record, problems)
            else:
                raws = _read_yaml(path, shown, problems)
            if raws is None:
                continue
            if spec.single:
                raws = [raws]
            elif not isinstance(raws, list):
                problems.append(Problem(shown, f"should hold a list of records, holds a {type(raws).__name__}"))
                continue
            for n, raw in enumerate(raws, start=1):
                rid = raw.get("id") if isinstance(raw, dict) else None
                rep.record = str(rid) if isinstance(rid, (str, int)) and str(rid).strip() else f"#{n}"
                rec = build(spec.record, raw, rep)
                if rec is None:
                    continue
                key = (spec.name, rec.id)
                if key in origin:
                    rep.add(f"duplicate id (also in {origin[key]})", "id")
                    continue
                origin[key] = shown
                for field, msg in _rules(rec):
                    rep.add(msg, field)
                recs.append(rec)
            problems.extend(rep.problems)
        collections[spec.name] = tuple(recs)

    ids = {name: {rec.id for rec in recs} for name, recs in collections.items()}
    for spec in COLLECTIONS:
        for rec in collections[spec.name]:
            shown = origin[(spec.name, rec.id)]
            for field, target, value in references(rec):
                if value not in ids.get(target, ()):
                    problems.append(Problem(shown, f"refers to {value!r}, which is not in {target}", rec.id, field))
    problems.extend(_cross_rules(collections, origin))

    known = _known_files(root)
    for path in sorted(root.rglob("*")):
        if path.suffix in (".yaml", ".yml", ".csv") and path not in known:
            if path.suffix == ".yml":
                problems.append(Problem(show(path), "content files end in .yaml, not .yml"))
            elif not any(part.startswith(".") for part in path.relative_to(root).parts):
                problems.append(Problem(show(path), "is not a known content file; see explainer.content.COLLECTIONS"))

    if problems:
        return None, problems
    return Content(root, collections), []


def _rules(rec):
    for path, sub in nested(rec):
        for field, msg in r.record_rules(sub):
            yield (f"{path}.{field}" if path else field), msg


def _cross_rules(collections, origin) -> list[Problem]:
    """Rules that need two collections: events sit inside their phase's dates."""
    out = []
    phases = {p.id: p for p in collections.get("phases", ())}
    for ev in collections.get("events", ()):
        phase = phases.get(ev.phase)
        if phase and not (phase.start <= ev.date <= phase.end):
            out.append(
                Problem(
                    origin[("events", ev.id)],
                    f"{ev.date} is outside phase {phase.id!r} ({phase.start} to {phase.end})",
                    ev.id,
                    "date",
                )
            )
    return out


_cache: dict[Path, tuple[tuple, Content]] = {}


def load(data_dir=None) -> Content:
    """Load and validate all content; cached until a file in the directory changes.

    Parameters
    ----------
    data_dir : str or Path, optional
        The data directory. Defaults to ``$EXPLAINER_DATA``, else the
        ``data/`` folder shipped with the package.

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
    sig = _signature(root) if root.is_dir() else ()
    hit = _cache.get(root)
    if hit and hit[0] == sig:
        return hit[1]
    content, problems = validate(data_dir or root)
    if problems:
        raise ContentError(problems)
    _cache[root] = (sig, content)
    return content
