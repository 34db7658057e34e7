"""Hard to break: bad data, markup in content, no network, re-runs, a full classroom, restarts.

Everything here is discovered: the malformed-data cases pick their records
from whatever the data holds (by the field declarations in the records), and
every notebook in notebooks/ and every interactive view it makes is run and
driven (with the probe in benchmarks/probe.py), so notebooks and widgets
added later are covered without edits.

The 19 malformed-data cases in test_validation.py are not repeated here.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
import typing
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat
import pytest
import yaml
from conftest import DATA, ROOT

from explainer.content import COLLECTIONS, MAX_FILE_BYTES, _Loader

sys.path.insert(0, str(ROOT))
from benchmarks import kernels  # noqa: E402

NOTEBOOK_PATHS = kernels.notebooks()
NB_IDS = [p.stem for p in NOTEBOOK_PATHS]
SPECS = {c.name: c for c in COLLECTIONS}
ARTIFACTS = ROOT / "test-artifacts"


# ----------------------------------------------------------------------------
# Reading and writing the data generically


def files_of(d: Path, name: str) -> list[Path]:
    spec = SPECS[name]
    if spec.fmt == "csv":
        return [d / f"{spec.path}.csv"]
    single = d / f"{spec.path}.yaml"
    return ([single] if single.exists() else []) + sorted((d / spec.path).glob("*.yaml"))


def read_yaml(path: Path):
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)  # noqa: S506 - a SafeLoader


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
    return f"DATA/{path.relative_to(d).as_posix()}"


def edit(d: Path, name: str, change, pick=lambda rec: True):
    """Apply ``change(record dict)`` to the first record of ``name`` that ``pick`` accepts.

    Returns ``(file as DATA/..., record id, the record after the change)``.
    """
    for path in files_of(d, name):
        tree = read_yaml(path)
        records = [tree] if SPECS[name].single else tree
        for rec in records:
            if isinstance(rec, dict) and pick(rec):
                change(rec)
                write_yaml(path, tree)
                return rel(d, path), rec.get("id"), rec
    pytest.skip(f"no record in {name} fits this case")


def hints(cls) -> dict:
    return typing.get_type_hints(cls)


def field_where(test) -> tuple[str, str] | None:
    """The first (collection, field) of a YAML collection whose declaration passes ``test``."""
    for spec in COLLECTIONS:
        if spec.fmt != "yaml":
            continue
        for f in dataclasses.fields(spec.record):
            if test(f, hints(spec.record)[f.name]):
                return spec.name, f.name
    return None


def csv_amount() -> tuple[str, str] | None:
    """The first CSV collection and column declared as a non-negative amount."""
    for spec in COLLECTIONS:
        if spec.fmt == "csv":
            for f in dataclasses.fields(spec.record):
                if f.metadata.get("min_value") == 0:
                    return spec.name, f.name
    return None


def first_yaml(d: Path) -> Path:
    """The top-level YAML file the file-level cases break (the rating scale: everything cites it)."""
    return files_of(d, "rating_scale")[0]


def set_csv_cell(d: Path, value: str) -> tuple[str, str, str]:
    found = csv_amount()
    if found is None:
        pytest.skip("no CSV collection with an amount column")
    name, column = found
    path = files_of(d, name)[0]
    header, rows = read_csv(path)
    rows[0][column] = value
    write_csv(path, header, rows)
    return rel(d, path), rows[0]["id"], column


def question(pick):
    """A picker for the quiz holding the first question that ``pick`` accepts."""

    def quiz_has(rec):
        return any(pick(q) for q in rec.get("questions", []))

    return quiz_has


def qindex(rec, pick) -> int:
    return next(i for i, q in enumerate(rec["questions"]) if pick(q))


def is_choice(q) -> bool:
    return q.get("kind") == "choice" and len(q.get("options", [])) >= 2


def is_number(q) -> bool:
    return q.get("kind") == "number"


def E(text: str) -> str:
    return re.escape(text)


# ----------------------------------------------------------------------------
# The malformed-data cases: each returns a regular expression for its line.


def _file_level(text: str | bytes):
    def case(d):
        path = first_yaml(d)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return E(rel(d, path)) + ": "

    return case


def case_tab_indentation(d):
    path = first_yaml(d)
    path.write_text("- id: accurate\n\tlabel: Accurate\n", encoding="utf-8")
    return E(f"{rel(d, path)}: YAML syntax error at line 2, column 1: ") + ".*tab.*|.*cannot start any token.*"


def case_two_documents(d):
    path = first_yaml(d)
    path.write_text("- id: a\n---\n- id: b\n", encoding="utf-8")
    return E(f"{rel(d, path)}: YAML syntax error at line 2, column 1: ") + ".+"


def case_key_given_twice(d):
    path = first_yaml(d)
    tree = read_yaml(path)
    write_yaml(path, tree)
    rid = tree[0]["id"]
    text = path.read_text(encoding="utf-8").replace(f"- id: {rid}\n", f"- id: {rid}\n  id: {rid}\n", 1)
    path.write_text(text, encoding="utf-8")
    return E(f"{rel(d, path)}: record {rid}: field id: is given twice (lines 1 and 2); give each field once")


def case_unhashable_key(d):
    path = first_yaml(d)
    path.write_text("- ? [a, b]\n  : x\n", encoding="utf-8")
    return E(f"{rel(d, path)}: YAML error at line 1: found unhashable key")


def case_python_name_tag(d):
    path = first_yaml(d)
    path.write_text("- !!python/name:os.system\n", encoding="utf-8")
    return E(
        f"{rel(d, path)}: uses a YAML tag that is not allowed at line 1 (could not determine a constructor "
        "for the tag 'tag:yaml.org,2002:python/name:os.system')"
    )


def case_python_object_new_tag_runs_nothing(d):
    path = first_yaml(d)
    marker = d.parent / "RAN-CODE"
    path.write_text(f"- !!python/object/new:os.system [touch {marker}]\n", encoding="utf-8")
    return E(f"{rel(d, path)}: uses a YAML tag that is not allowed at line 1 (") + ".*python/object/new:os.system'\\)"


def case_local_tag(d):
    path = first_yaml(d)
    path.write_text("- !include other.yaml\n", encoding="utf-8")
    return E(
        f"{rel(d, path)}: uses a YAML tag that is not allowed at line 1 (could not determine a constructor "
        "for the tag '!include')"
    )


def case_binary_value_in_text(d):
    path = first_yaml(d)
    text = path.read_text(encoding="utf-8")
    tree = read_yaml(path)
    rid, label = tree[0]["id"], tree[0]["label"]
    path.write_text(text.replace(f"label: {label}\n", "label: !!binary aGk=\n", 1), encoding="utf-8")
    return E(f"{rel(d, path)}: record {rid}: field label: expected text, got bytes (from a YAML tag)")


def case_set_value_in_text(d):
    path = first_yaml(d)
    tree = read_yaml(path)
    rid = tree[0]["id"]
    write_yaml(path, tree)
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^  description: .*$", "  description: !!set {a, b}", text, count=1)
    path.write_text(text, encoding="utf-8")
    return E(f"{rel(d, path)}: record {rid}: field description: expected text, got set (from a YAML tag)")


def case_nesting_too_deep(d):
    path = first_yaml(d)
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    return E(f"{rel(d, path)}: ") + "(YAML syntax error at line 1, .*nesting depth.*|cannot be parsed as YAML.*)"


def case_utf16(d):
    path = first_yaml(d)
    path.write_bytes(path.read_text(encoding="utf-8").encode("utf-16"))
    return E(f"{rel(d, path)}: is UTF-16 text; save it as UTF-8")


def case_directory_instead_of_file(d):
    path = first_yaml(d)
    path.unlink()
    path.mkdir()
    return E(f"{rel(d, path)}: cannot be read (Is a directory)")


def case_file_too_large(d):
    path = first_yaml(d)
    size = MAX_FILE_BYTES + 100_000
    path.write_text("#" * (size - 1) + "\n", encoding="utf-8")
    return E(f"{rel(d, path)}: is {size:,} bytes; the limit is {MAX_FILE_BYTES:,}")


def case_unknown_content_file(d):
    (d / "notes.yaml").write_text("- id: x\n", encoding="utf-8")
    return E("DATA/notes.yaml: is not a known content file; see explainer.content.COLLECTIONS")


def case_record_is_a_sentence(d):
    path = first_yaml(d)
    path.write_text("- just a sentence\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    return E(f"{rel(d, path)}: record #1: expected a mapping of fields, got str")


def case_record_is_empty(d):
    path = first_yaml(d)
    path.write_text("-\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    return E(f"{rel(d, path)}: record #1: expected a mapping of fields, got NoneType")


def case_record_without_id(d):
    where, _rid, _rec = edit(d, "rating_scale", lambda rec: rec.pop("id"))
    return E(f"{where}: record #1: field id: is missing")


def case_single_alias(d):
    path = first_yaml(d)
    first = read_yaml(path)[0]
    path.write_text(f"- &first {json.dumps(first)}\n- *first\n", encoding="utf-8")
    return E(f"{rel(d, path)}: uses YAML anchors and aliases (&name, *name); write records out in full")


def case_negative_amount(d):
    where, rid, column = set_csv_cell(d, "-5")
    return E(f"{where}: record {rid}: field {column}: must be at least 0, got -5") + r"(\.0)?"


def case_amount_in_words(d):
    where, rid, column = set_csv_cell(d, "about 5 billion")
    return E(f"{where}: record {rid}: field {column}: expected a number, got 'about 5 billion'")


def case_amount_not_a_number(d):
    where, rid, column = set_csv_cell(d, "nan")
    return E(f"{where}: record {rid}: field {column}: expected a number, got ") + "('nan'|nan)"


def case_amount_infinite(d):
    where, rid, column = set_csv_cell(d, "inf")
    return E(f"{where}: record {rid}: field {column}: expected a number, got ") + "('inf'|inf)"


def case_true_as_a_number(d):
    where, rid, _ = edit(d, "rating_scale", lambda rec: rec.update(value=True))
    return E(f"{where}: record {rid}: field value: expected a number, got True")


def case_fraction_for_a_whole_number(d):
    where, rid, _ = edit(d, "rating_scale", lambda rec: rec.update(value=1.5))
    return E(f"{where}: record {rid}: field value: expected a whole number, got 1.5")


def case_list_for_text(d):
    where, rid, _ = edit(d, "rating_scale", lambda rec: rec.update(label=["Accurate", "Right"]))
    return E(f"{where}: record {rid}: field label: expected text, got a list")


def case_text_too_long(d):
    found = field_where(lambda f, tp: f.metadata.get("max_chars"))
    name, field = found
    limit = next(f for f in dataclasses.fields(SPECS[name].record) if f.name == field).metadata["max_chars"]
    where, rid, _ = edit(d, name, lambda rec: rec.update({field: "x" * (limit + 50)}))
    return E(f"{where}: record {rid}: field {field}: is {limit + 50} characters long; the limit is {limit}")


def case_word_not_allowed(d):
    name, field = field_where(lambda f, tp: typing.get_origin(tp) is typing.Literal)
    allowed = typing.get_args(hints(SPECS[name].record)[field])
    where, rid, _ = edit(d, name, lambda rec: rec.update({field: "certainly"}), lambda rec: field in rec)
    return E(f"{where}: record {rid}: field {field}: 'certainly' is not one of: {', '.join(map(str, allowed))}")


def case_yes_is_not_a_boolean(d):
    pick = question(is_choice)

    def change(rec):
        rec["questions"][qindex(rec, is_choice)]["options"][0]["correct"] = "yes"

    where, rid, rec = edit(d, "quizzes", change, pick)
    i = qindex(rec, is_choice)
    return E(f"{where}: record {rid}: field questions[{i}].options[0].correct: expected true or false, got 'yes'")


def case_month_13(d):
    where, rid, _ = edit(d, "phases", lambda rec: rec.update(start="2025-13-01"))
    return E(f"{where}: record {rid}: field start: '2025-13-01' is not a real calendar date ") + r"\(month.*\)"


def case_date_as_a_number(d):
    where, rid, _ = edit(d, "events", lambda rec: rec.update(date=20250219))
    return E(f"{where}: record {rid}: field date: expected a date as YYYY-MM-DD, got 20250219")


def case_script_url(d):
    where, rid, _ = edit(d, "sources", lambda rec: rec.update(url="javascript:alert(1)"))
    return E(f"{where}: record {rid}: field url: 'javascript:alert(1)' is not a web address (http:// or https://)")


def case_dangling_reference_in_a_list(d):
    where, rid, _ = edit(d, "events", lambda rec: rec["sources"].__setitem__(0, "no-such-source"))
    return E(f"{where}: record {rid}: field sources[0]: refers to 'no-such-source', which is not in sources")


def case_dangling_reference_in_a_question(d):
    def change(rec):
        rec["questions"][0]["sources"][0] = "no-such-source"

    where, rid, _ = edit(d, "quizzes", change)
    return E(
        f"{where}: record {rid}: field questions[0].sources[0]: refers to 'no-such-source', which is not in sources"
    )


def case_same_source_listed_twice(d):
    first = {}

    def change(rec):
        first["id"] = rec["sources"][0]
        rec["sources"] = [rec["sources"][0], rec["sources"][0]]

    where, rid, _ = edit(d, "events", change)
    return E(f"{where}: record {rid}: field sources: lists {first['id']} more than once")


def case_duplicate_id_in_another_file(d):
    files = files_of(d, "events")
    tree = read_yaml(files[0])
    extra = d / SPECS["events"].path / "zz-robustness.yaml"
    extra.parent.mkdir(exist_ok=True)
    write_yaml(extra, [tree[0]])
    return E(f"{rel(d, extra)}: record {tree[0]['id']}: field id: duplicate id (also in {rel(d, files[0])})")


def case_event_outside_its_phase(d):
    where, rid, rec = edit(d, "events", lambda rec: rec.update(date="2000-01-01"))
    return E(f"{where}: record {rid}: field date: 2000-01-01 is outside phase '{rec['phase']}' (") + r".* to .*\)"


def case_event_ends_before_it_starts(d):
    where, rid, rec = edit(d, "events", lambda rec: rec.update(end_date="2000-01-01"))
    return E(f"{where}: record {rid}: field end_date: is before the event's date ({rec['date']})")


def case_two_right_answers(d):
    def change(rec):
        for option in rec["questions"][qindex(rec, is_choice)]["options"]:
            option["correct"] = True

    where, rid, rec = edit(d, "quizzes", change, question(is_choice))
    q = rec["questions"][qindex(rec, is_choice)]
    return E(
        f"{where}: record {rid}: field questions[{qindex(rec, is_choice)}].options: "
        f"needs exactly one correct option, has {len(q['options'])}"
    )


def case_one_option(d):
    def change(rec):
        q = rec["questions"][qindex(rec, is_choice)]
        q["options"] = q["options"][:1]

    where, rid, rec = edit(d, "quizzes", change, question(is_choice))
    i = next(i for i, q in enumerate(rec["questions"]) if q.get("kind") == "choice" and len(q["options"]) == 1)
    return E(f"{where}: record {rid}: field questions[{i}].options: a choice question needs at least two options")


def case_number_question_without_answer(d):
    where, rid, rec = edit(
        d, "quizzes", lambda rec: rec["questions"][qindex(rec, is_number)].pop("answer"), question(is_number)
    )
    i = qindex(rec, is_number)
    return E(f"{where}: record {rid}: field questions[{i}].answer: a number question needs an answer")


def case_negative_tolerance(d):
    def change(rec):
        rec["questions"][qindex(rec, is_number)]["tolerance"] = -1

    where, rid, rec = edit(d, "quizzes", change, question(is_number))
    return E(f"{where}: record {rid}: field questions[{qindex(rec, is_number)}].tolerance: must be at least 0, got -1")


def case_unknown_field_in_a_question(d):
    where, rid, _ = edit(d, "quizzes", lambda rec: rec["questions"][0].update(colour="red"))
    return E(f"{where}: record {rid}: field questions[0].colour: unknown field (known: ") + ".*\\)"


def case_text_instead_of_a_list(d):
    where, rid, _ = edit(d, "article", lambda rec: rec.update(key_points="three points"))
    return E(f"{where}: record {rid}: field key_points: expected a list, got 'three points'")


def case_too_few_key_points(d):
    where, rid, _ = edit(d, "article", lambda rec: rec.update(key_points=rec["key_points"][:1]))
    return E(f"{where}: record {rid}: field key_points: needs at least 3 items")


def _csv_file(d):
    found = csv_amount()
    if found is None:
        pytest.skip("no CSV collection")
    return found[0], files_of(d, found[0])[0]


def case_csv_column_missing(d):
    _name, path = _csv_file(d)
    header, rows = read_csv(path)
    header = [h for h in header if h != "sources"]
    write_csv(path, header, [{k: v for k, v in r.items() if k in header} for r in rows])
    return E(f"{rel(d, path)}: field sources: column is missing from the header")


def case_csv_row_too_long(d):
    _name, path = _csv_file(d)
    lines = path.read_text(encoding="utf-8").splitlines()
    rid = next(csv.reader([lines[1]]))[0]
    lines[1] += ",surplus"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return E(f"{rel(d, path)}: record {rid}: line 2 has more cells than the header")


def case_csv_header_only(d):
    _name, path = _csv_file(d)
    path.write_text(path.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    return E(f"{rel(d, path)}: has a header but no rows")


CASES = {name[len("case_") :]: fn for name, fn in sorted(globals().items()) if name.startswith("case_")}


@pytest.fixture(scope="module")
def broken(tmp_path_factory):
    """One broken copy of data/ per case, checked by the CLI, all at once."""
    base = tmp_path_factory.mktemp("broken")
    made = {}
    for name, case in CASES.items():
        d = base / name / "data"
        shutil.copytree(DATA, d)
        try:
            made[name] = (d, case(d))
        except pytest.skip.Exception as skipped:
            made[name] = (d, skipped)

    def check(d):
        cmd = [sys.executable, "-m", "explainer", "check", str(d)]
        t0 = time.monotonic()
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=120, cwd=ROOT)
        return done.returncode, done.stdout, done.stderr, time.monotonic() - t0

    with ThreadPoolExecutor(max_workers=4) as pool:
        results = dict(zip(made, pool.map(check, [d for d, _ in made.values()])))
    return base, made, results


def test_there_are_at_least_25_new_cases():
    assert len(CASES) >= 25


def _line_matches(pattern: str, lines: list[str], d: Path) -> bool:
    rx = re.compile(pattern.replace(re.escape("DATA/"), re.escape(f"{d}/")).replace("DATA/", re.escape(f"{d}/")))
    return any(rx.fullmatch(line) for line in lines)


@pytest.mark.parametrize("case", sorted(CASES))
def test_cli_names_the_problem_in_one_line(case, broken):
    base, made, results = broken
    d, expected = made[case]
    if isinstance(expected, BaseException):
        pytest.skip(str(expected))
    code, out, err, seconds = results[case]
    lines = out.splitlines()
    assert code == 2, out + err
    assert err == "", f"stderr: {err}"
    assert "Traceback" not in out
    assert _line_matches(expected, lines, d), f"expected /{expected}/ in:\n{out}"
    assert re.fullmatch(r"\d+ problems? found; nothing was changed\.", lines[-1])
    assert seconds < 60, "the check must not hang"
    assert not list(base.rglob("RAN-CODE")), "a YAML tag ran code"


@pytest.fixture(scope="module")
def loaded_in_a_notebook(broken):
    """Every broken copy loaded with explainer.setup(DIR) in one notebook kernel, a cell each."""
    _base, made, _results = broken
    names = [n for n, (_d, exp) in made.items() if not isinstance(exp, BaseException)]
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell("import explainer")]
    nb.cells += [nbformat.v4.new_code_cell(f"explainer.setup({str(made[n][0])!r})") for n in names]
    with kernels.Session(nb, allow_errors=True, timeout=120) as session:
        cells = session.run_notebook()
    return dict(zip(names, cells[1:]))


@pytest.mark.parametrize("case", sorted(CASES))
def test_notebook_shows_the_problem_list_without_a_traceback(case, broken, loaded_in_a_notebook):
    _base, made, _results = broken
    d, expected = made[case]
    if isinstance(expected, BaseException):
        pytest.skip(str(expected))
    cell = loaded_in_a_notebook[case]
    # What the reader sees: printed lines, or the error output's lines (explainer.notebook
    # shows a ContentError as its problem lines in place of the traceback; the cell fails).
    shown = []
    for out in cell.outputs:
        if out.output_type == "stream":
            shown += out.text.splitlines()
        elif out.output_type == "error":
            assert out.ename == "ContentError", f"{out.ename}: {out.evalue}"
            shown += [line for tb in out.traceback for line in tb.splitlines()]
        else:
            pytest.fail(f"unexpected output: {out}")
    text = "\n".join(shown)
    lines = shown
    assert lines, "nothing was shown"
    for frame in ("Traceback", 'File "', "---->", "\x1b["):
        assert frame not in text, f"a traceback was shown:\n{text}"
    assert re.fullmatch(r"\d+ problems? in the content:", lines[0]), text
    assert _line_matches(expected, lines, d), f"expected /{expected}/ in:\n{text}"
    assert lines[-1] == "Fix the file(s) above, or run `python -m explainer check` for the same list."


# ----------------------------------------------------------------------------
# Markup in content is shown literally everywhere


PAYLOADS = (
    '<script>alert("x")</script><img src=x onerror=alert(1)><b>unclosed US$1 and US$2 ',
    "<img src=x onerror=alert(1)><b>unclosed ",
    "<b>",
)
RAW_STRICT = re.compile(r"<script>alert|<img src=x onerror|<b>unclosed")
ESCAPED = ("&lt;script&gt;", "&lt;img src=x onerror=alert(1)&gt;", "&lt;b&gt;")
# Not prose: ids and addresses are checked as such, notebook names are file names, and
# country names are keys the code looks up ("China", "World"; the timeline's European filter).
NOT_TEXT = {"id", "url", "notebook", "country", "countries"}


def _is_free_text(f, tp) -> bool:
    if f.name in NOT_TEXT or f.metadata.get("ref"):
        return False
    opt = [a for a in typing.get_args(tp) if a is not type(None)]
    tp = opt[0] if typing.get_origin(tp) in (typing.Union, __import__("types").UnionType) and len(opt) == 1 else tp
    return tp is str or (typing.get_origin(tp) is tuple and typing.get_args(tp)[0] is str)


def _mark(text: str, limit: int | None) -> str:
    for payload in PAYLOADS:
        if limit is None or len(payload) + 6 <= limit:
            return payload + (text if limit is None else text[: limit - len(payload)])
    return text


def _mark_record(cls, raw: dict, keep: frozenset = frozenset(), seen: list | None = None) -> None:
    """Put markup into the free text of one raw record, in place.

    Texts in ``keep`` are left alone; with ``seen`` given, nothing is changed
    and every free text is appended to it instead.
    """
    types = hints(cls)
    for f in dataclasses.fields(cls):
        value = raw.get(f.name)
        if value in (None, ""):
            continue
        tp = types[f.name]
        inner = [a for a in typing.get_args(tp) if a is not type(None)]
        item = typing.get_args(tp)[0] if typing.get_origin(tp) is tuple else None
        if item is not None and dataclasses.is_dataclass(item) and isinstance(value, list):
            for sub in value:
                if isinstance(sub, dict):
                    _mark_record(item, sub, keep, seen)
        elif dataclasses.is_dataclass(tp) and isinstance(value, dict):
            _mark_record(tp, value, keep, seen)
        elif inner and dataclasses.is_dataclass(inner[0]) and isinstance(value, dict):
            _mark_record(inner[0], value, keep, seen)
        elif _is_free_text(f, tp):
            limit = f.metadata.get("max_chars")

            def mark(text, limit=limit):
                if seen is not None:
                    seen.append(text)
                return text if text in keep else _mark(text, limit)

            if isinstance(value, list):
                raw[f.name] = [mark(str(v)) for v in value]
            elif isinstance(value, str) and item is not None:  # CSV list: "a;b"
                raw[f.name] = ";".join(mark(v) for v in value.split(";"))
            else:
                raw[f.name] = mark(str(value))


def _each_record(target: Path):
    for spec in COLLECTIONS:
        for path in files_of(target, spec.name):
            if path.exists():
                yield spec, path


def marked_copy(target: Path) -> Path:
    """A copy of data/ with markup put into every free-text field of every record.

    A text that is part of another (the article's words inside its closing
    line) is left alone, with the text around it: code may match one within
    the other, and a prefix on both would break that.
    """
    shutil.copytree(DATA, target)
    texts: list[str] = []
    for spec, path in _each_record(target):
        if spec.fmt == "csv":
            for row in read_csv(path)[1]:
                _mark_record(spec.record, row, seen=texts)
        else:
            tree = read_yaml(path)
            for rec in [tree] if spec.single else tree:
                _mark_record(spec.record, rec, seen=texts)
    distinct = sorted(set(texts), key=len)
    keep = set()
    for i, short in enumerate(distinct):
        if len(short) >= 12:
            for longer in distinct[i + 1 :]:
                if short in longer:
                    keep.update((short, longer))
    keep = frozenset(keep)
    for spec, path in _each_record(target):
        if spec.fmt == "csv":
            header, rows = read_csv(path)
            for row in rows:
                _mark_record(spec.record, row, keep)
            write_csv(path, header, rows)
        else:
            tree = read_yaml(path)
            for rec in [tree] if spec.single else tree:
                _mark_record(spec.record, rec, keep)
            write_yaml(path, tree)
    return target


@pytest.fixture(scope="module")
def marked_data(tmp_path_factory):
    d = marked_copy(tmp_path_factory.mktemp("marked") / "data")
    done = subprocess.run(
        [sys.executable, "-m", "explainer", "check", str(d)], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, "the marked-up copy should still be valid:\n" + done.stdout[-3000:]
    return d


def _texts_of_outputs(outputs) -> list[tuple[str, str]]:
    found = []
    for out in outputs:
        data = out.get("data", {})
        for mime in ("text/html", "text/markdown", "image/svg+xml", "application/javascript"):
            if mime in data:
                value = data[mime]
                found.append((mime, "".join(value) if isinstance(value, list) else value))
    return found


@pytest.mark.parametrize("path", NOTEBOOK_PATHS, ids=NB_IDS)
def test_markup_in_content_is_shown_literally(path, marked_data, tmp_path):
    with kernels.Session(path, env={"EXPLAINER_DATA": str(marked_data), "EXPLAINER_WORK": str(tmp_path)}) as s:
        cells = s.run_notebook()
        driven = s.probe("drive_all()")
        live = s.probe("html_texts()")
        charts = s.probe("chart_texts()")
        state = s.widget_state()
    shown = []
    for cell in cells:
        if cell.cell_type == "code":
            shown += [(f"cell output {mime}", text) for mime, text in _texts_of_outputs(cell.outputs)]
            for out in cell.outputs:
                assert out.output_type != "error", f"{out.ename}: {out.evalue}"
    for model in state.values():
        name = model.get("_model_name", "")
        if name in ("HTMLModel", "HTMLMathModel"):
            shown.append((f"{name} (frontend)", model.get("value", "")))
        if model.get("description_allow_html"):
            shown.append((f"{name}.description", model.get("description", "")))
        for out in model.get("outputs", []) or []:
            shown += [(f"Output widget {mime}", text) for mime, text in _texts_of_outputs([out])]
    shown += [(f"{cls} (kernel)", text) for cls, text in live]
    bad = [
        (where, text[max(0, m.start() - 80) : m.end() + 40]) for where, text in shown if (m := RAW_STRICT.search(text))
    ]
    assert not bad, f"markup interpreted in {path.name}:\n" + "\n".join(f"{w}: ...{t}..." for w, t in bad[:10])
    assert not driven["errors"], driven["errors"]
    # Charts draw text as text: no mathtext between two dollar signs, no HTML anywhere.
    for text, parse_math in charts:
        if "$" in text:
            assert not parse_math, f"chart text would be read as mathtext: {text!r}"
    # The content really was shown (else this test would prove nothing for this notebook).
    escaped = sum(text.count(e) for _w, text in shown for e in ESCAPED)
    drawn = sum(1 for text, _ in charts if "<b>" in text or "<img" in text)
    plain = sum("<b>" in "".join(o.get("text", "")) for c in cells if c.cell_type == "code" for o in c.outputs)
    assert escaped + drawn + plain > 0, f"{path.name} showed none of the marked-up content"


# ----------------------------------------------------------------------------
# No network, and the same outputs on a second run-all in the same kernel


_VOLATILE = [
    (re.compile(r"at 0x[0-9a-f]+"), "at 0xADDR"),
    # explainer.workbench.new_workspace makes a new numbered copy on every run, by design:
    # earlier copies (a student's work) are never touched or reused.
    (re.compile(r"\b(data-copy|scratch)-\d+\b"), r"\1-N"),
    (re.compile(r'"model_id": "[0-9a-f]+"'), '"model_id": "ID"'),
    (re.compile(r"/tmp/[^\s'\"]+"), "TMPPATH"),
]


def _normalised(cells) -> list[str]:
    out = []
    for cell in cells:
        if cell.cell_type != "code":
            continue
        outputs = []
        merged = []  # consecutive stream outputs of one name are one output, however they were chunked
        for o in cell.outputs:
            if (
                o.output_type == "stream"
                and merged
                and merged[-1].get("output_type") == "stream"
                and merged[-1]["name"] == o.name
            ):
                merged[-1]["text"] += o.text
            else:
                merged.append(dict(o))
        for o in merged:
            o = {k: v for k, v in o.items() if k not in ("execution_count", "metadata", "transient")}
            text = json.dumps(o, sort_keys=True)
            for rx, sub in _VOLATILE:
                text = rx.sub(sub, text)
            outputs.append(text)
        out.append("\n".join(outputs))
    return out


@pytest.fixture(scope="module", params=NOTEBOOK_PATHS, ids=NB_IDS)
def offline_twice(request, tmp_path_factory):
    """A notebook run twice, Run All after Run All, in one kernel that has no network."""
    work = tmp_path_factory.mktemp("work")
    with kernels.Session(request.param, offline=True, env={"EXPLAINER_WORK": str(work)}) as s:
        first = s.run_notebook()
        second = s.run_notebook()
        attempts = s.network_attempts()
        isolated = kernels.can_unshare_network()
    return request.param, first, second, attempts, isolated


def test_notebook_runs_with_the_network_blocked(offline_twice):
    path, first, _second, attempts, isolated = offline_twice
    errors = [o for c in first if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors, errors
    assert not attempts, f"{path.name} tried to reach the network:\n" + "\n".join(attempts)
    if not isolated:
        pytest.xfail("no network namespace here (not root); only the audit hook blocked connections")


def test_second_run_all_gives_the_same_outputs(offline_twice):
    path, first, second, _attempts, _isolated = offline_twice
    a, b = _normalised(first), _normalised(second)
    diffs = [i for i, (x, y) in enumerate(zip(a, b)) if x != y]
    assert not diffs, f"{path.name}: code cells {diffs} differ on the second run:\n" + "\n".join(
        f"--- first:\n{a[i][:600]}\n--- second:\n{b[i][:600]}" for i in diffs[:3]
    )


# ----------------------------------------------------------------------------
# A student's work survives a kernel restart and a re-run


def test_saved_answers_survive_a_restart_and_a_rerun(tmp_path):
    checked = 0
    for path in NOTEBOOK_PATHS:
        work = tmp_path / path.stem
        with kernels.Session(path, env={"EXPLAINER_WORK": str(work)}) as s:
            s.run_notebook()
            given = s.probe("fill_answers()")
            if not given:
                continue
            s.restart()
            s.run_notebook()
            shown = s.probe("read_answers()")
        lost = {k: (v, shown.get(k)) for k, v in given.items() if shown.get(k) != v}
        assert not lost, f"{path.name}: answers lost after a restart and re-run (given, shown): {lost}"
        assert any(work.iterdir()), f"{path.name}: nothing was saved in {work}"
        checked += len(given)
    assert checked, "no notebook offers a quiz or a place to write"


# ----------------------------------------------------------------------------
# A classroom: ten kernels running every notebook at once on two cores


CLASS_SIZE = 10


@pytest.mark.classroom
def test_ten_kernels_run_every_notebook_at_once(tmp_path):
    marker = f"explainer-classroom-{uuid.uuid4().hex[:8]}"
    cpus = "0,1" if (os.cpu_count() or 1) > 2 else None
    results: dict[int, list] = {}
    peak = {"total_mib": 0.0, "kernels": 0}
    stop = threading.Event()

    def sample():
        while not stop.is_set():
            total, n = 0.0, 0
            for proc in Path("/proc").iterdir():
                if not proc.name.isdigit():
                    continue
                try:
                    if marker.encode() in (proc / "environ").read_bytes():
                        total += kernels.rss_mib(int(proc.name))
                        n += 1
                except OSError:
                    continue
            if total > peak["total_mib"]:
                peak["total_mib"], peak["kernels"] = total, n
            stop.wait(0.25)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    t0 = time.monotonic()
    # Each student runs in a process of its own (nbclient's event loop is per process).
    with ThreadPoolExecutor(max_workers=CLASS_SIZE) as pool:
        list(pool.map(_run_student_in_process, [(n, str(tmp_path), marker, cpus) for n in range(CLASS_SIZE)]))
    wall = time.monotonic() - t0
    stop.set()
    sampler.join()
    for n in range(CLASS_SIZE):
        done = tmp_path / f"student-{n}.json"
        results[n] = (
            json.loads(done.read_text())
            if done.exists()
            else [
                {
                    "notebook": "(all)",
                    "ok": False,
                    "errors": [(tmp_path / f"student-{n}.log").read_text()[-2000:]],
                    "peak_mib": None,
                    "seconds": None,
                }
            ]
        )
    runs = [r for rs in results.values() for r in rs]
    per_nb = {}
    for r in runs:
        if r["peak_mib"]:
            per_nb.setdefault(r["notebook"], []).append(r["peak_mib"])
    report = {
        "students": CLASS_SIZE,
        "cores": os.cpu_count() if cpus is None else 2,
        "wall_seconds": round(wall, 1),
        "peak_total_kernel_rss_mib": round(peak["total_mib"], 1),
        "kernels_alive_at_peak": peak["kernels"],
        "peak_kernel_rss_mib_by_notebook": {nb: round(max(v), 1) for nb, v in sorted(per_nb.items())},
        "failures": [
            f"student {n} {r['notebook']}: {r['errors']}" for n, rs in results.items() for r in rs if not r["ok"]
        ],
    }
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "classroom.json").write_text(json.dumps(report, indent=2))
    print("\nclassroom:", json.dumps(report, indent=2))
    assert not report["failures"], "\n".join(report["failures"])
    assert len(runs) == CLASS_SIZE * len(NOTEBOOK_PATHS)
    assert report["kernels_alive_at_peak"] >= CLASS_SIZE // 2, "the kernels did not overlap: not a classroom test"


def _run_student_in_process(args) -> None:
    n, tmp, marker, cpus = args
    code = (
        "import json, sys, time\n"
        f"sys.path.insert(0, {str(ROOT)!r})\n"
        "from benchmarks import kernels\n"
        f"n, tmp, marker, cpus = {n!r}, {tmp!r}, {marker!r}, {cpus!r}\n"
        "paths = kernels.notebooks()\n"
        "order = paths[n % len(paths):] + paths[:n % len(paths)]\n"
        "env = {'EXPLAINER_WORK': f'{tmp}/student-{n}', 'EXPLAINER_CLASSROOM': marker}\n"
        "out = []\n"
        "for path in order:\n"
        "    t0 = time.monotonic()\n"
        "    try:\n"
        "        with kernels.Session(path, env=env, cpus=cpus, timeout=600) as s:\n"
        "            cells = s.run_notebook()\n"
        "            mib = s.peak_mib()\n"
        "        errors = [f'{o.ename}: {o.evalue}' for c in cells if c.cell_type == 'code'\n"
        "                  for o in c.outputs if o.output_type == 'error']\n"
        "        out.append({'notebook': path.stem, 'ok': not errors, 'errors': errors, 'peak_mib': mib,\n"
        "                    'seconds': time.monotonic() - t0})\n"
        "    except Exception as err:\n"
        "        out.append({'notebook': path.stem, 'ok': False, 'errors': [repr(err)[:500]],\n"
        "                    'peak_mib': None, 'seconds': time.monotonic() - t0})\n"
        "open(f'{tmp}/student-{n}.json', 'w').write(json.dumps(out))\n"
    )
    with open(f"{tmp}/student-{n}.log", "w") as log:
        subprocess.run([sys.executable, "-c", code], cwd=ROOT, timeout=3600, stdout=log, stderr=subprocess.STDOUT)
