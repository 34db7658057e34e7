"""Broken copies of data/: the check names each problem in one line, and a notebook shows the list.

The cases are discovered: each picks its record from whatever the data holds
(by the field declarations in explainer.model), so they keep working as the
data grows. The hand-written cases and the rules' cases in
``test_validation.py`` are not repeated here.
"""

from __future__ import annotations

import csv
import dataclasses
import json
import re
import shutil
import subprocess
import sys
import time
import typing
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat
import pytest

from explainer.content import COLLECTIONS, MAX_FILE_BYTES
from tests import kernels
from tests.datafiles import SPECS, files_of, hints, read_csv, read_yaml, rel, write_csv, write_yaml
from tests.paths import DATA, ROOT

# ----------------------------------------------------------------------------
# Finding a record to break


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


def case_role_dated_in_words(d):
    def change(rec):
        rec["roles"][-1]["since"] = "July 2025"

    where, rid, rec = edit(d, "actors", change, lambda rec: len(rec.get("roles", [])) > 1)
    i = len(rec["roles"]) - 1
    return E(f"{where}: record {rid}: field roles[{i}].since: expected a date as YYYY-MM-DD, got 'July 2025'")


def case_unknown_field_in_a_role(d):
    where, rid, _ = edit(
        d, "actors", lambda rec: rec["roles"][0].update(start="2025-01-20"), lambda rec: "roles" in rec
    )
    return E(f"{where}: record {rid}: field roles[0].start: unknown field (known: role, since, sources, until)")


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
    return E(f"{where}: record {rid}: field questions[{i}].options: a choice question needs at least 3 options, has 1")


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
    """One broken copy of data/ per case: ``(base folder, {case: (copy, expected line or skip)})``."""
    base = tmp_path_factory.mktemp("broken")
    made = {}
    for name, case in CASES.items():
        d = base / name / "data"
        shutil.copytree(DATA, d)
        try:
            made[name] = (d, case(d))
        except pytest.skip.Exception as skipped:
            made[name] = (d, skipped)
    return base, made


@pytest.fixture(scope="module")
def checked(broken):
    """Every broken copy checked by the CLI, each in a fresh ``python -m explainer check``, four at a time."""
    _base, made = broken

    def check(d):
        cmd = [sys.executable, "-m", "explainer", "check", str(d)]
        t0 = time.monotonic()
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=120, cwd=ROOT)
        return done.returncode, done.stdout, done.stderr, time.monotonic() - t0

    with ThreadPoolExecutor(max_workers=4) as pool:
        return dict(zip(made, pool.map(check, [d for d, _ in made.values()])))


def test_there_are_at_least_25_new_cases():
    assert len(CASES) >= 25


def _line_matches(pattern: str, lines: list[str], d: Path) -> bool:
    rx = re.compile(pattern.replace("DATA/", re.escape(f"{d}/")))
    return any(rx.fullmatch(line) for line in lines)


@pytest.mark.slow  # a process per case; make check loads the same copies in one kernel (below)
@pytest.mark.parametrize("case", sorted(CASES))
def test_cli_names_the_problem_in_one_line(case, broken, checked):
    base, made = broken
    results = checked
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
    _base, made = broken
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
    base, made = broken
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
    assert not list(base.rglob("RAN-CODE")), "a YAML tag ran code"
