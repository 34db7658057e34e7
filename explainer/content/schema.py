"""Turn raw YAML/CSV values into typed records, collecting every problem.

The rules come from the dataclasses in :mod:`explainer.model`: a field's
annotation gives its type, its metadata gives reference targets, length and
size limits (see :mod:`explainer.model.fields`). Nothing here is specific to
one kind of record.
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


@cache
def _plan(cls):
    """What :func:`build` needs to know about ``cls``, worked out once per class.

    Returns ``(fields, known names, known names as text)``; each field is
    ``(name, optional, kind, has_default, default, metadata)``.
    """
    plan = []
    for f in _fields(cls):
        optional, inner = _optional(_hints(cls)[f.name])
        plan.append((f.name, optional, _kind(inner), f.default is not dataclasses.MISSING, f.default, f.metadata))
    known = frozenset(f.name for f in _fields(cls))
    return tuple(plan), known, ", ".join(sorted(known))


@cache
def _kind(tp):
    """How to convert a value to ``tp``: ``(kind, detail)``, worked out once per type."""
    origin = typing.get_origin(tp)
    if origin is tuple:
        item_tp = typing.get_args(tp)[0]
        return ("tuple", (item_tp, _kind(item_tp), item_tp is str or item_tp is dt.date))
    if dataclasses.is_dataclass(tp):
        return ("record", tp)
    if origin is typing.Literal:
        return ("literal", typing.get_args(tp))
    if tp is bool:
        return ("bool", None)
    if tp in (int, float):
        return ("number", tp)
    if tp is dt.date:
        return ("date", None)
    if tp is str:
        return ("str", None)
    raise TypeError(f"unsupported field type {tp!r}")  # a bug in a model module, not in data


def build(cls, raw, rep: Reporter, path: str = ""):
    """Build a ``cls`` record from a raw mapping; ``None`` if it is unusable."""
    if not isinstance(raw, dict):
        rep.add(f"expected a mapping of fields, got {type(raw).__name__}", path or None)
        return None
    values = {}
    ok = True
    plan, known, known_text = _plan(cls)
    for key in raw:
        if key not in known:
            where = f"{path}.{key}" if path else str(key)
            rep.add(f"unknown field (known: {known_text})", where)
            ok = False
    for name, optional, kind, has_default, default, meta in plan:
        where = f"{path}.{name}" if path else name
        raw_value = raw.get(name, _MISSING)
        if raw_value is _MISSING or raw_value is None or raw_value == "":
            if optional or has_default:
                values[name] = default if has_default else None
                continue
            rep.add("is missing" if raw_value is _MISSING else "is empty", where)
            ok = False
            continue
        value = _convert_kind(kind, raw_value, meta, rep, where, name)
        if value is _MISSING:
            ok = False
        else:
            values[name] = value
    if not ok:
        return None
    return cls(**values)


def _convert_kind(kind, value, meta, rep: Reporter, where: str, leaf: str):
    name, detail = kind
    if name == "str":
        return _string(value, meta, rep, where, leaf)
    if name == "tuple":
        item_tp, item_kind, check_dupes = detail
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
        item_meta = {**meta, "min_items": 0}
        for i, item in enumerate(value):
            converted = _convert_kind(item_kind, item, item_meta, rep, f"{where}[{i}]", leaf)
            if converted is _MISSING:
                bad = True
            out.append(converted)
        if bad:
            return _MISSING
        if check_dupes and len(set(out)) != len(out):
            dupes = sorted({str(x) for x in out if out.count(x) > 1})
            rep.add(f"lists {', '.join(dupes)} more than once", where)
            return _MISSING
        return tuple(out)
    if name == "record":
        built = build(detail, value, rep, where)
        return _MISSING if built is None else built
    if name == "literal":
        if value not in detail:
            rep.add(f"{_show(value)} is not one of: {', '.join(map(str, detail))}", where)
            return _MISSING
        return value
    if name == "bool":
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.lower() in ("true", "false"):
            return value.lower() == "true"
        rep.add(f"expected true or false, got {_show(value)}", where)
        return _MISSING
    if name == "number":
        return _number(detail, value, meta, rep, where)
    return _date(value, rep, where)


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
    low, high = meta.get("min_value"), meta.get("max_value")
    if low is not None and value < low:
        rep.add(f"must be at least {low}, got {_show(value)}", where)
        return _MISSING
    if high is not None and value > high:
        rep.add(f"must be at most {high}, got {_show(value)}", where)
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


def _string(value, meta, rep, where, leaf=None):
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
    if leaf is None:
        leaf = where.rsplit(".", 1)[-1].split("[", 1)[0]
    if leaf == "id" and not _ID.match(value):
        rep.add(f"{_show(value)} is not a valid id (lower-case letters, digits, '-' and '_')", where)
        return _MISSING
    if leaf == "url" and not _URL.match(value):
        rep.add(f"{_show(value)} is not a web address (http:// or https://)", where)
        return _MISSING
    return value


@cache
def _walk_plan(cls):
    """For :func:`references`: the fields of ``cls`` worth visiting.

    Each is ``(name, reference target or None, how)``: how is ``"one"`` or
    ``"many"`` for references, ``"record"`` or ``"records"`` for nested records.
    """
    plan = []
    for f in _fields(cls):
        optional, inner = _optional(_hints(cls)[f.name])
        target = f.metadata.get("ref")
        kind, detail = _kind(inner)
        if target:
            plan.append((f.name, target, "many" if kind == "tuple" else "one"))
        elif kind == "record":
            plan.append((f.name, None, "record"))
        elif kind == "tuple" and detail[1][0] == "record":
            plan.append((f.name, None, "records"))
    return tuple(plan)


def references(record, path: str = ""):
    """Yield ``(field, collection, id)`` for every reference a record holds."""
    for name, target, how in _walk_plan(type(record)):
        value = getattr(record, name)
        if value is None:
            continue
        where = f"{path}.{name}" if path else name
        if how == "one":
            yield where, target, value
        elif how == "many":
            for i, v in enumerate(value):
                yield f"{where}[{i}]", target, v
        elif how == "record":
            yield from references(value, where)
        else:
            for i, v in enumerate(value):
                yield from references(v, f"{where}[{i}]")
