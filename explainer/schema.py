"""Turn raw YAML/CSV values into typed records, collecting every problem.

The rules come from the dataclasses in :mod:`explainer.records`: a field's
annotation gives its type, its metadata gives reference targets, length and
size limits. Nothing here is specific to one kind of record.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import types
import typing
from functools import cache

from .errors import Problem

_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,79}$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$")
_MISSING = object()


class Reporter:
    """Collects problems for one file, remembering the record being read."""

    def __init__(self, file: str):
        self.file = file
        self.problems: list[Problem] = []
        self.record: str | None = None

    def add(self, message: str, field: str | None = None, record: str | None = _MISSING):
        rec = self.record if record is _MISSING else record
        self.problems.append(Problem(self.file, message, rec, field))


@cache
def _hints(cls) -> dict[str, typing.Any]:
    return typing.get_type_hints(cls)


@cache
def _fields(cls) -> tuple[dataclasses.Field, ...]:
    return dataclasses.fields(cls)


def _optional(tp) -> tuple[bool, typing.Any]:
    """(is_optional, inner type) for ``X | None``."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(args) == 1 and len(typing.get_args(tp)) == 2:
            return True, args[0]
    return False, tp


def _show(value) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def build(cls, raw, rep: Reporter, path: str = ""):
    """Build a ``cls`` record from a raw mapping; ``None`` if it is unusable."""
    if not isinstance(raw, dict):
        rep.add(f"expected a mapping of fields, got {type(raw).__name__}", path or None)
        return None
    values = {}
    ok = True
    known = {f.name for f in _fields(cls)}
    for key in raw:
        if key not in known:
            where = f"{path}.{key}" if path else str(key)
            rep.add(f"unknown field (known: {', '.join(sorted(known))})", where)
            ok = False
    for f in _fields(cls):
        where = f"{path}.{f.name}" if path else f.name
        tp = _hints(cls)[f.name]
        optional, inner = _optional(tp)
        has_default = f.default is not dataclasses.MISSING
        raw_value = raw.get(f.name, _MISSING)
        if raw_value is _MISSING or raw_value is None or raw_value == "":
            if optional or has_default:
                values[f.name] = f.default if has_default else None
                continue
            rep.add("is missing" if raw_value is _MISSING else "is empty", where)
            ok = False
            continue
        value = _convert(inner, raw_value, f.metadata, rep, where)
        if value is _MISSING:
            ok = False
        else:
            values[f.name] = value
    if not ok:
        return None
    return cls(**values)


def _convert(tp, value, meta, rep: Reporter, where: str):
    origin = typing.get_origin(tp)
    if origin is tuple:
        item_tp = typing.get_args(tp)[0]
        if isinstance(value, str) and rep.file.endswith(".csv"):
            # A CSV cell holds a list as items separated by ";".
            value = [part.strip() for part in value.split(";") if part.strip()]
        if not isinstance(value, list):
            rep.add(f"expected a list, got {_show(value)}", where)
            return _MISSING
        min_items = meta.get("min_items", 0)
        if len(value) < min_items:
            rep.add(f"needs at least {min_items} item{'s' if min_items > 1 else ''}", where)
            return _MISSING
        out = []
        bad = False
        for i, item in enumerate(value):
            converted = _convert(item_tp, item, {**meta, "min_items": 0}, rep, f"{where}[{i}]")
            if converted is _MISSING:
                bad = True
            out.append(converted)
        if bad:
            return _MISSING
        if item_tp is str or item_tp is dt.date:
            dupes = sorted({str(x) for x in out if out.count(x) > 1})
            if dupes:
                rep.add(f"lists {', '.join(dupes)} more than once", where)
                return _MISSING
        return tuple(out)
    if dataclasses.is_dataclass(tp):
        built = build(tp, value, rep, where)
        return _MISSING if built is None else built
    if origin is typing.Literal:
        allowed = typing.get_args(tp)
        if value not in allowed:
            rep.add(f"{_show(value)} is not one of: {', '.join(map(str, allowed))}", where)
            return _MISSING
        return value
    if tp is bool:
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.lower() in ("true", "false"):
            return value.lower() == "true"
        rep.add(f"expected true or false, got {_show(value)}", where)
        return _MISSING
    if tp in (int, float):
        return _number(tp, value, meta, rep, where)
    if tp is dt.date:
        return _date(value, rep, where)
    if tp is str:
        return _string(value, meta, rep, where)
    raise TypeError(f"unsupported field type {tp!r}")  # a bug in records.py, not in data


def _number(tp, value, meta, rep, where):
    if isinstance(value, bool):
        rep.add(f"expected a number, got {_show(value)}", where)
        return _MISSING
    if isinstance(value, str):
        try:
            value = float(value.replace(",", "")) if tp is float else int(value)
        except ValueError:
            rep.add(f"expected a number, got {_show(value)}", where)
            return _MISSING
    if not isinstance(value, (int, float)) or value != value or value in (float("inf"), float("-inf")):
        rep.add(f"expected a number, got {_show(value)}", where)
        return _MISSING
    if tp is int and not float(value).is_integer():
        rep.add(f"expected a whole number, got {_show(value)}", where)
        return _MISSING
    low = meta.get("min_value")
    if low is not None and value < low:
        rep.add(f"must be at least {low}, got {_show(value)}", where)
        return _MISSING
    return tp(value)


def _date(value, rep, where):
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and _DATE.match(value.strip()):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError as err:
            rep.add(f"{_show(value)} is not a real calendar date ({err})", where)
            return _MISSING
    rep.add(f"expected a date as YYYY-MM-DD, got {_show(value)}", where)
    return _MISSING


def _string(value, meta, rep, where):
    if isinstance(value, (dict, list)):
        rep.add(f"expected text, got a {type(value).__name__}", where)
        return _MISSING
    if isinstance(value, bool):
        rep.add(f"expected text, got {_show(value)}", where)
        return _MISSING
    if not isinstance(value, (str, int, float)):  # !!binary, !!set, a tagged timestamp...
        rep.add(f"expected text, got {type(value).__name__} (from a YAML tag)", where)
        return _MISSING
    value = str(value).strip()
    if not value:
        rep.add("is empty", where)
        return _MISSING
    limit = meta.get("max_chars")
    if limit and len(value) > limit:
        rep.add(f"is {len(value)} characters long; the limit is {limit}", where)
        return _MISSING
    leaf = where.rsplit(".", 1)[-1].split("[", 1)[0]
    if leaf == "id" and not _ID.match(value):
        rep.add(f"{_show(value)} is not a valid id (lower-case letters, digits, '-' and '_')", where)
        return _MISSING
    if leaf == "url" and not _URL.match(value):
        rep.add(f"{_show(value)} is not a web address (http:// or https://)", where)
        return _MISSING
    return value


def references(record, path: str = ""):
    """Yield ``(field, collection, id)`` for every reference a record holds."""
    for f in _fields(type(record)):
        value = getattr(record, f.name)
        where = f"{path}.{f.name}" if path else f.name
        target = f.metadata.get("ref")
        if target and value is not None:
            if isinstance(value, tuple):
                for i, v in enumerate(value):
                    yield f"{where}[{i}]", target, v
            else:
                yield where, target, value
        elif isinstance(value, tuple):
            for i, v in enumerate(value):
                if dataclasses.is_dataclass(v):
                    yield from references(v, f"{where}[{i}]")
        elif dataclasses.is_dataclass(value):
            yield from references(value, where)


def nested(record, path: str = ""):
    """Yield ``(path, record)`` for a record and every record nested in it."""
    yield path, record
    for f in _fields(type(record)):
        value = getattr(record, f.name)
        where = f"{path}.{f.name}" if path else f.name
        if isinstance(value, tuple):
            for i, v in enumerate(value):
                if dataclasses.is_dataclass(v):
                    yield from nested(v, f"{where}[{i}]")
        elif dataclasses.is_dataclass(value):
            yield from nested(value, where)
