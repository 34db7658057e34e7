"""Teacher material stays off the students' route.

The answer key, the model answers and the rubric examples live with the teacher guide in
``docs/teacher/``. Only the teacher's part of the README points there: no notebook (text or stored
output), not 00's routes, not Binder's start page (the notebook every Binder link opens, and the
``binder/`` files), and no view a student runs shows a model answer.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse

import pytest

from explainer.commands import answer_key, links
from explainer.commands.cli import main as cli_main

ROOT = Path(__file__).resolve().parent.parent
TEACHER = ROOT / "docs" / "teacher"
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))

#: What points at teacher material: its folder, its files (old and new places), the model answers' data.
POINTERS = re.compile(r"docs/teacher|teacher-guide|answer-key|model_answers\.yaml", re.I)


def notebook_text(path: Path) -> str:
    """Everything a reader of the notebook sees: Markdown, and every stored output's text and HTML."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    parts = []
    for cell in nb["cells"]:
        if cell["cell_type"] == "markdown":
            parts.append("".join(cell["source"]))
        for out in cell.get("outputs", []):
            parts.append("".join(out.get("text", "")))
            for kind in ("text/html", "text/plain", "text/markdown"):
                parts.append("".join(out.get("data", {}).get(kind, "")))
    return "\n".join(parts)


def plain_words(text: str) -> str:
    """Text without tags or entities, as single-spaced lowercase words."""
    text = re.sub(r"<[^>]+>|&[a-z#0-9]+;", " ", text)
    return " ".join(re.sub(r"[^\w$€']+", " ", text.lower()).split())


def answer_runs(answer: str, n: int = 8) -> set[str]:
    """Every run of ``n`` words of a model answer that is its own prose, not words it quotes.

    Quoted words are left out: the notebooks show the same quotes, and sharing a quotation is not
    showing the answer.
    """
    runs = set()
    for chunk in re.split(r"“[^”]*”|\"[^\"]*\"", answer):
        words = plain_words(chunk).split()
        runs |= {" ".join(words[i : i + n]) for i in range(len(words) - n + 1)}
    return runs


@pytest.fixture(scope="module")
def model_runs(content):
    return {a.id: answer_runs(a.answer) for a in content.model_answers}


def test_the_teacher_folder_holds_the_guide_and_the_key():
    assert sorted(p.name for p in TEACHER.iterdir()) == sorted(
        ["answer-key.md", "teacher-guide.md", "explainer-class.yaml"]
    )
    assert not (ROOT / "docs" / "answer-key.md").exists()
    assert not (ROOT / "docs" / "teacher-guide.md").exists()
    assert answer_key.KEY_PATH == Path("docs", "teacher", "answer-key.md")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_no_notebook_points_at_teacher_material(path):
    found = sorted({m.group(0) for m in POINTERS.finditer(notebook_text(path))})
    assert found == [], f"{path.name} points at teacher material: {found}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_no_notebook_shows_a_model_answer(path, model_runs):
    shown = plain_words(notebook_text(path))
    leaked = sorted(answer_id for answer_id, runs in model_runs.items() if any(run in shown for run in runs))
    assert leaked == [], f"{path.name} shows model answers or rubric examples: {leaked}"


def test_the_leak_check_finds_a_model_answer(content, model_runs):
    """The check above is not blind: the answer key itself is caught by it."""
    key = plain_words((TEACHER / "answer-key.md").read_text(encoding="utf-8"))
    assert {a for a, runs in model_runs.items() if any(run in key for run in runs)} == {
        a.id for a in content.model_answers
    }
    assert POINTERS.search("see docs/teacher/answer-key.md")


def test_no_student_view_reads_the_model_answers():
    """Views are what students run; the model answers are read only by the answer key, the checks and
    the teacher's class summary (which flags positions sharing long runs with them)."""
    readers = sorted(
        p.relative_to(ROOT).as_posix()
        for p in (ROOT / "explainer").rglob("*.py")
        if re.search(r"model_answers|rubric_examples", p.read_text(encoding="utf-8"))
    )
    assert readers == [
        "explainer/classroom/summary.py",
        "explainer/commands/answer_key.py",
        "explainer/model/writing.py",
    ]


def test_binder_start_page_is_00_and_no_launch_link_opens_teacher_material():
    assert links.START == "00_start_here"
    url = urlparse(links.binder_url())
    assert parse_qs(url.query)["labpath"] == ["notebooks/00_start_here.ipynb"]
    for path in (ROOT / "binder").iterdir():
        assert not POINTERS.search(path.read_text(encoding="utf-8")), path.name
    # Every Binder, Colab or hub link in the README or the guide opens a notebook, never docs/.
    for doc in (ROOT / "README.md", TEACHER / "teacher-guide.md"):
        for href in re.findall(r"https://mybinder\.org/\S+|https://colab\.research\.google\.com/\S+", doc.read_text()):
            target = unquote(href)
            assert "docs/" not in target, (doc.name, href)


def readme_sections() -> dict[str, str]:
    """The README's text under each level-2 heading."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    parts = re.split(r"^## (.+)$", text, flags=re.M)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


def test_only_the_readmes_part_for_teachers_points_at_teacher_material():
    where = sorted(title for title, body in readme_sections().items() if re.search(r"docs/teacher", body))
    assert where == ["For teachers"]
    teachers = readme_sections()["For teachers"]
    for name in ("docs/teacher/teacher-guide.md", "docs/teacher/answer-key.md", "docs/teacher/explainer-class.yaml"):
        assert name in teachers, name


def test_answer_key_writes_into_the_teacher_folder_of_the_project(tmp_path, monkeypatch, capsys):
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "notebooks" / "00_start_here.ipynb").write_text("{}")
    monkeypatch.chdir(tmp_path / "notebooks")
    assert cli_main(["answer-key"]) == 0
    written = tmp_path / "docs" / "teacher" / "answer-key.md"
    assert capsys.readouterr().out == f"Wrote {written}.\n"
    assert written.read_text(encoding="utf-8") == (TEACHER / "answer-key.md").read_text(encoding="utf-8")


def test_answer_key_outside_a_project_says_where_to_write(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert cli_main(["answer-key"]) == 2
    assert capsys.readouterr().err == (
        f"{tmp_path}: no project folder here or above; give --out FILE, or --out - to print\n"
    )
