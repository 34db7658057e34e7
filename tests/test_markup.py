"""Markup in the content is shown literally everywhere: notebook outputs, widgets, charts.

Every free-text field of every record in a copy of data/ gets HTML put into
it; every notebook is run on that copy and every view it makes is driven
(with the probe in ``tests/probe.py``), so notebooks and views added later are
covered without edits.
"""

from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
import sys
import types
import typing
from pathlib import Path

import pytest

from explainer.content import COLLECTIONS
from explainer.model.deal import NOT_STATED, NOT_STATED_SHORT
from tests import kernels
from tests.datafiles import files_of, hints, read_csv, read_yaml, write_csv, write_yaml
from tests.paths import DATA, notebook_paths

NOTEBOOK_PATHS = notebook_paths()

PAYLOADS = (
    '<script>alert("x")</script><img src=x onerror=alert(1)><b>unclosed US$1 and US$2 ',
    "<img src=x onerror=alert(1)><b>unclosed ",
    "<b>",
)
RAW_STRICT = re.compile(r"<script>alert|<img src=x onerror|<b>unclosed")
ESCAPED = ("&lt;script&gt;", "&lt;img src=x onerror=alert(1)&gt;", "&lt;b&gt;")
# Not prose: ids and addresses are checked as such, notebook names are file names, and
# country names are keys the code looks up ("China", "World"; the timeline's European filter);
# a glossary term's aliases are words the code matches in the notebooks' prose.
NOT_TEXT = {"id", "url", "notebook", "country", "countries", "aliases"}
# Fields of one record kind that hold an id, not prose: a quiz question's material ("collection/id"),
# a prediction's answer (the id of one of its options), a skill-check item's answer and material
# and a transfer claim's passage (a passage id).
# A lesson plan step's section is a notebook heading and its saves are files of my_work/.
NOT_TEXT_OF = {
    "Question": {"material"},
    "Prediction": {"answer"},
    "SkillItem": {"answer", "material"},
    "PlanStep": {"section", "saves"},
    "TransferClaim": {"passage"},
}
# Words in double quotes in a model answer are checked against its quote records, so the markup
# put into an answer quotes with single quotes (the answer's own text is left as it is).
QUOTES_CHECKED = {"answer"}


def _is_free_text(f, tp, cls=None) -> bool:
    if f.name in NOT_TEXT or f.metadata.get("ref") or f.name in NOT_TEXT_OF.get(getattr(cls, "__name__", ""), ()):
        return False
    opt = [a for a in typing.get_args(tp) if a is not type(None)]
    tp = opt[0] if typing.get_origin(tp) in (typing.Union, types.UnionType) and len(opt) == 1 else tp
    return tp is str or (typing.get_origin(tp) is tuple and typing.get_args(tp)[0] is str)


def _mark(text: str, limit: int | None) -> str:
    # A deal term the text is silent on is marked by words a rule checks: "Not stated" leads its
    # text and "not stated" is its whole label. The markup goes after the first and leaves the second.
    if text == NOT_STATED_SHORT:
        return text
    if text.startswith(NOT_STATED):
        rest = limit - len(NOT_STATED) if limit is not None else None
        return NOT_STATED + _mark(text[len(NOT_STATED) :], rest)
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
        elif _is_free_text(f, tp, cls):
            limit = f.metadata.get("max_chars")

            def mark(text, limit=limit, name=f.name):
                if seen is not None:
                    seen.append(text)
                if text in keep:
                    return text
                marked = _mark(text, limit)
                if name in QUOTES_CHECKED and marked.endswith(text):
                    marked = marked[: len(marked) - len(text)].replace('"', "'") + text
                return marked

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


@pytest.mark.slow  # each notebook run again, on the marked-up copy of the data
@pytest.mark.parametrize("path", NOTEBOOK_PATHS, ids=lambda p: p.stem)
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
