"""The validator names every mistake: file, record and field, in one line each."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

import explainer
from explainer.cli import check


def run_check(data_dir: Path) -> tuple[int, list[str]]:
    out = io.StringIO()
    code = check(str(data_dir), out=out)
    return code, out.getvalue().splitlines()


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text not found in {path.name}: {old!r}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def test_shipped_data_is_valid():
    code, lines = run_check(Path(explainer.content.PACKAGE_DATA))
    assert code == 0, "\n".join(lines)
    assert len(lines) == 1 and lines[0].startswith("OK: ")


# Each case: (mutate(data_dir), the exact problem line, with DATA for the folder).
CASES = {
    "yaml syntax error": (
        lambda d: (d / "rating_scale.yaml").write_text("- id: accurate\n  label: [unclosed\n"),
        "DATA/rating_scale.yaml: YAML syntax error at line 3, column 1: did not find expected ',' or ']'",
    ),
    "empty file": (
        lambda d: (d / "rating_scale.yaml").write_text("\n\n"),
        "DATA/rating_scale.yaml: is empty",
    ),
    "missing file": (
        lambda d: (d / "rating_scale.yaml").unlink(),
        "DATA/rating_scale.yaml: is missing",
    ),
    "binary file": (
        lambda d: (d / "rating_scale.yaml").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00"),
        "DATA/rating_scale.yaml: is a binary file, not text",
    ),
    "not utf-8": (
        lambda d: (d / "rating_scale.yaml").write_bytes(b"- id: caf\xe9\n"),
        "DATA/rating_scale.yaml: is not UTF-8 text (byte 9)",
    ),
    "mapping instead of list": (
        lambda d: (d / "rating_scale.yaml").write_text("id: accurate\n"),
        "DATA/rating_scale.yaml: should hold a list of records, holds a dict",
    ),
    "python tag": (
        lambda d: (d / "rating_scale.yaml").write_text("- !!python/object/apply:os.system ['echo hacked']\n"),
        "DATA/rating_scale.yaml: uses a YAML tag that is not allowed at line 1 "
        "(could not determine a constructor for the tag 'tag:yaml.org,2002:python/object/apply:os.system')",
    ),
    "alias bomb": (
        lambda d: (d / "rating_scale.yaml").write_text(
            'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
            + "".join(f"{n}: &{n} [{', '.join(['*' + p] * 9)}]\n" for p, n in zip("abcdefgh", "bcdefghi"))
        ),
        "DATA/rating_scale.yaml: uses YAML anchors and aliases (&name, *name); write records out in full",
    ),
    "unknown field": (
        lambda d: edit(d / "rating_scale.yaml", "  label: Accurate\n", "  label: Accurate\n  colour: green\n"),
        "DATA/rating_scale.yaml: record accurate: field colour: unknown field (known: description, id, label, value)",
    ),
    "missing field": (
        lambda d: edit(d / "rating_scale.yaml", "  label: Accurate\n", ""),
        "DATA/rating_scale.yaml: record accurate: field label: is missing",
    ),
    "wrong type": (
        lambda d: edit(d / "rating_scale.yaml", "  value: 1\n", "  value: first\n"),
        "DATA/rating_scale.yaml: record accurate: field value: expected a number, got 'first'",
    ),
    "number too small": (
        lambda d: edit(d / "rating_scale.yaml", "  value: 1\n", "  value: -1\n"),
        "DATA/rating_scale.yaml: record accurate: field value: must be at least 1, got -1",
    ),
    "duplicate id": (
        lambda d: edit(d / "rating_scale.yaml", "- id: misleading\n", "- id: accurate\n"),
        "DATA/rating_scale.yaml: record accurate: field id: duplicate id (also in DATA/rating_scale.yaml)",
    ),
    "bad id": (
        lambda d: edit(d / "rating_scale.yaml", "- id: misleading\n", "- id: Mis leading\n"),
        "DATA/rating_scale.yaml: record Mis leading: field id: 'Mis leading' is not a valid id "
        "(lower-case letters, digits, '-' and '_')",
    ),
    "impossible date": (
        lambda d: edit(d / "phases.yaml", "start: 2025-01-01", "start: 2025-02-30"),
        "DATA/phases.yaml: record pressure: field start: '2025-02-30' is not a real calendar date "
        "(day is out of range for month)",
    ),
    "not a date": (
        lambda d: edit(d / "phases.yaml", "start: 2025-01-01", "start: early January"),
        "DATA/phases.yaml: record pressure: field start: expected a date as YYYY-MM-DD, got 'early January'",
    ),
    "phase ends before it starts": (
        lambda d: edit(d / "phases.yaml", "start: 2025-01-01", "start: 2025-12-01"),
        "DATA/phases.yaml: record pressure: field end: ends (2025-02-17) before it starts (2025-12-01)",
    ),
    "dangling reference": (
        lambda d: edit(d / "claims.yaml", "rating: inaccurate", "rating: wrongish"),
        "DATA/claims.yaml: record former-president: field rating: refers to 'wrongish', which is not in rating_scale",
    ),
    "stray yml file": (
        lambda d: (d / "events.yml").write_text("- id: x\n"),
        "DATA/events.yml: content files end in .yaml, not .yml",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_malformed_data_gives_one_clear_line(case, data_copy):
    mutate, expected = CASES[case]
    mutate(data_copy)
    code, lines = run_check(data_copy)
    expected = expected.replace("DATA", str(data_copy))
    assert code == 2
    assert expected in lines, "\n".join(lines)
    assert lines[-1].endswith("found; nothing was changed.")
    assert all("Traceback" not in line for line in lines)


def test_load_raises_content_error_with_the_same_problems(data_copy):
    edit(data_copy / "rating_scale.yaml", "  value: 1\n", "  value: first\n")
    with pytest.raises(explainer.ContentError) as caught:
        explainer.load(data_copy)
    lines = [str(p) for p in caught.value.problems]
    assert lines[0] == f"{data_copy}/rating_scale.yaml: record accurate: field value: expected a number, got 'first'"
    # The broken level is left out, so claims rated with it are reported too, by name.
    rated = [c.id for c in explainer.load().claims if c.rating == "accurate"]
    assert len(lines) == 1 + len(rated)
    assert all("refers to 'accurate', which is not in rating_scale" in line for line in lines[1:])


def test_cli_exit_codes_and_no_traceback(data_copy):
    cmd = [sys.executable, "-m", "explainer", "check", str(data_copy)]
    good = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
    assert good.returncode == 0, good.stdout + good.stderr
    (data_copy / "claims.yaml").write_text("- id: [unclosed\n")
    bad = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
    assert bad.returncode == 2
    assert "Traceback" not in bad.stdout + bad.stderr
    assert f"{data_copy}/claims.yaml: YAML syntax error" in bad.stdout


def test_not_a_directory(tmp_path):
    code, lines = run_check(tmp_path / "nowhere")
    assert code == 2
    assert lines[0] == f"{tmp_path / 'nowhere'}: is not a directory of content"


def test_environment_variable_points_at_another_copy(data_copy, monkeypatch):
    edit(data_copy / "rating_scale.yaml", "label: Accurate", "label: Correct")
    monkeypatch.setenv("EXPLAINER_DATA", str(data_copy))
    assert explainer.load().get("rating_scale", "accurate").label == "Correct"
    monkeypatch.delenv("EXPLAINER_DATA")
    assert explainer.load().get("rating_scale", "accurate").label == "Accurate"


def test_cache_notices_edits(data_copy):
    first = explainer.load(data_copy)
    assert explainer.load(data_copy) is first
    edit(data_copy / "rating_scale.yaml", "label: Accurate", "label: Right")
    second = explainer.load(data_copy)
    assert second is not first
    assert second.get("rating_scale", "accurate").label == "Right"
