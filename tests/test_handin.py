"""Handing in: one file holding everything a student saved, copied to the class folder on a hub."""

from __future__ import annotations

import base64
import datetime as dt
import json
import re

import pytest

from explainer.classroom import handin, studentwork
from explainer.views.handin import HandInView

NOW = dt.datetime(2026, 12, 5, 14, 30, 0)


@pytest.fixture
def saved(work_dir, monkeypatch):
    """A student who made a call, a guess, checked a quiz answer and saved a position twice."""
    monkeypatch.delenv(handin.EXCHANGE_ENV, raising=False)
    monkeypatch.delenv("JUPYTERHUB_USER", raising=False)
    studentwork.record_call("claim-aid-350bn", "false", "Kiel counts less")
    studentwork.record_guess(studentwork.AID_GUESS, 120)
    studentwork.record_answer("quiz-02-aid-figures", "q-measure", "b", True)
    studentwork.save_text("05-debate-position", "First draft.")
    studentwork.save_text("05-debate-position", "Second draft.")
    return work_dir


def test_a_hand_in_holds_every_saved_file_as_it_was(saved):
    done = handin.hand_in("Sam K.", NOW)
    doc = json.loads(done.path.read_text(encoding="utf-8"))
    assert doc == done.document
    assert doc["format"] == "minerals-for-security hand-in" and doc["version"] == 1
    assert doc["name"] == "Sam K." and doc["handed_in"] == "2026-12-05T14:30:00"
    assert doc["student"] == studentwork.student_id()
    assert sorted(doc["files"]) == [
        "05-debate-position-1.md",
        "05-debate-position-2.md",
        "claim-calls.json",
        "guesses.json",
        "name.json",
        "quiz-quiz-02-aid-figures.json",
        "student.json",
    ]
    for name, text in doc["files"].items():
        assert text == (saved / name).read_text(encoding="utf-8")
    calls = json.loads(doc["files"]["claim-calls.json"])
    assert calls[0]["verdict"] == "false" and re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d", calls[0]["at"])
    assert done.path.parent == saved / "hand-in" and done.path.name == "sam-k-20261205T143000.json"
    assert done.copied_to is None and done.problem == ""


def test_handing_in_again_never_writes_over_an_earlier_hand_in(saved):
    first = handin.hand_in("Sam", NOW)
    second = handin.hand_in("Sam", NOW)
    assert [first.path.name, second.path.name] == ["sam-20261205T143000.json", "sam-20261205T143000-2.json"]
    assert first.path.exists()
    # The earlier hand-in is not inside the later one: only my_work's own files are.
    assert not any(name.startswith("sam-") for name in second.document["files"])


def test_a_name_is_needed_and_the_last_one_is_offered_next_time(saved, monkeypatch):
    with pytest.raises(ValueError, match="^write your name or a pseudonym first$"):
        handin.hand_in("   ", NOW)
    assert not (saved / "hand-in").exists()
    monkeypatch.setenv("JUPYTERHUB_USER", "student-3")
    assert handin.default_name() == "student-3"
    handin.hand_in("Sam", NOW)
    handin.hand_in("Kit", NOW)
    assert handin.default_name() == "Kit"


def test_on_a_hub_a_copy_goes_to_the_class_folder(saved, tmp_path, monkeypatch):
    exchange = tmp_path / "exchange"
    monkeypatch.setenv(handin.EXCHANGE_ENV, str(exchange))
    done = handin.hand_in("Sam", NOW)
    sid = studentwork.student_id()[:8]
    assert done.copied_to == exchange / f"sam-{sid}-20261205T143000.json"
    assert done.copied_to.read_text(encoding="utf-8") == done.path.read_text(encoding="utf-8")


def test_a_failed_copy_to_the_class_folder_keeps_the_students_own_file(saved, tmp_path, monkeypatch):
    blocker = tmp_path / "exchange"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv(handin.EXCHANGE_ENV, str(blocker))
    done = handin.hand_in("Sam", NOW)
    assert done.path.exists() and done.copied_to is None
    assert done.problem == f"{blocker}: File exists"


def test_a_file_that_is_not_text_is_named_and_left_out(saved):
    (saved / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n\xff\xfe")
    done = handin.hand_in("Sam", NOW)
    assert done.document["left_out"] == ["photo.png"]
    assert "photo.png" not in done.document["files"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{", "not valid JSON (Expecting property name enclosed in double quotes at line 1)"),
        ('{"format": "something else"}', "not a hand-in file"),
        (
            '{"format": "minerals-for-security hand-in", "version": 9}',
            "a hand-in of version 9; this explainer reads version 1",
        ),
        (
            '{"format": "minerals-for-security hand-in", "version": 1, "student": "x", "name": "", "handed_in": "t"}',
            "has no valid 'name'",
        ),
        (
            '{"format": "minerals-for-security hand-in", "version": 1, "student": "x", "name": "n", "handed_in": "t",'
            ' "files": {"a.json": 3}}',
            "has no valid 'files'",
        ),
    ],
)
def test_a_bad_hand_in_file_is_named_with_what_is_wrong(tmp_path, text, message):
    path = tmp_path / "h.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError) as err:
        handin.read_document(path)
    assert str(err.value) == message


def test_the_button_hands_in_and_offers_the_same_file_to_download(saved):
    view = HandInView()
    view.name.value = ""
    assert view.hand_in() is None
    assert view.status.value == "<p><b>Not handed in:</b> write your name or a pseudonym first.</p>"
    view.name.value = "Sam"
    view.button.click()
    (done,) = view.handed_in
    assert "✔ Handed in 7 saved files as" in view.status.value
    payload = re.search(
        r'download="([^"]+)" href="data:application/json;charset=utf-8;base64,([^"]+)"', view.status.value
    )
    assert payload.group(1) == done.path.name
    assert base64.b64decode(payload.group(2)).decode("utf-8") == done.path.read_text(encoding="utf-8")
