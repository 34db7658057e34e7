"""The classroom layer: quizzes in every notebook, answer keys, the debate, presenter mode, static site."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import yaml

from explainer.classroom import studentwork
from explainer.commands import answer_key
from explainer.commands.cli import main as cli_main
from explainer.content import validate
from explainer.markup import esc
from explainer.model import writing
from explainer.model.claims import closing_line_claim
from explainer.model.debate import SIDES, positions_for
from explainer.views.debate import ArgumentMap, PositionWriter
from explainer.views.quiz import ExerciseView, QuizView
from tests.paths import DATA, NOTEBOOKS, ROOT

NOTEBOOK_PATHS = sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))


def _code(path: Path) -> str:
    nb = json.loads(path.read_text(encoding="utf-8"))
    return "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")


# ----------------------------------------------------------------------------
# Quizzes and exercises: data like all content, one of each in every notebook


def test_quiz_and_exercise_data_are_validated_like_all_content(data_copy):
    quiz_file = data_copy / "quizzes" / "00_start_here.yaml"
    text = quiz_file.read_text(encoding="utf-8")
    assert "correct: false" in text
    quiz_file.write_text(text.replace("correct: false", "correct: true", 1), encoding="utf-8")
    exercises = data_copy / "exercises" / "00_start_here.yaml"
    exercises.write_text(exercises.read_text(encoding="utf-8") + "\n- id: ex-broken\n  notebook: 00_start_here\n")
    _content, problems = validate(data_copy)
    lines = [str(p) for p in problems]
    assert any("quizzes/00_start_here.yaml" in x and "needs exactly one correct option, has 2" in x for x in lines)
    assert any("exercises/00_start_here.yaml: record ex-broken: field title: is missing" in x for x in lines)


@pytest.mark.parametrize("path", NOTEBOOK_PATHS, ids=lambda p: p.stem)
def test_every_notebook_has_a_quiz_and_shows_it(content, path):
    quizzes = [q for q in content.quizzes if q.notebook == path.stem]
    assert quizzes, f"no quiz in data/quizzes/ has notebook: {path.stem}"
    code = _code(path)
    assert any(re.search(rf"QuizView\(content,\s*[\"']{re.escape(q.id)}[\"']\)", code) for q in quizzes), (
        f"{path.name} has no QuizView cell for {', '.join(q.id for q in quizzes)}"
    )


@pytest.mark.parametrize("path", NOTEBOOK_PATHS, ids=lambda p: p.stem)
def test_every_notebook_has_an_exercise_and_shows_it(content, path):
    exercises = [e for e in content.exercises if e.notebook == path.stem]
    assert exercises, f"no exercise in data/exercises/ has notebook: {path.stem}"
    code = _code(path)
    assert any(re.search(rf"ExerciseView\(content,\s*[\"']{re.escape(e.id)}[\"']\)", code) for e in exercises)


def test_quizzes_and_exercises_name_existing_notebooks(content):
    stems = {p.stem for p in NOTEBOOK_PATHS}
    for record in (*content.quizzes, *content.exercises):
        assert record.notebook in stems, f"{record.id}: no notebooks/{record.notebook}.ipynb"


def test_every_quiz_answered_from_python_gives_the_right_feedback(content, work_dir):
    for quiz in content.quizzes:
        view = QuizView(content, quiz.id)
        for question in quiz.questions:
            qv = view.questions[question.id]
            if question.kind == "choice":
                for option in question.options:
                    qv.answer(option.text)
                    assert qv.check() is option.correct, (quiz.id, question.id, option.text)
                    assert esc(option.feedback) in qv.feedback.value
                    assert ("Correct" in qv.feedback.value) is option.correct
            else:
                qv.answer(str(question.answer + question.tolerance + abs(question.answer) + 1))
                assert qv.check() is False
                assert "too high" in qv.feedback.value
                qv.answer(str(question.answer))
                assert qv.check() is True
                assert esc(question.explanation) in qv.feedback.value
    assert list(work_dir.glob("quiz-*.json")), "answers are saved for the student"


def test_exercise_hints_then_solution(content):
    for ex in content.exercises:
        view = ExerciseView(content, ex.id)
        assert esc(ex.solution) not in view.children[0].value + view.revealed.value
        for n in range(len(ex.hints)):
            view.next_hint()
            assert esc(ex.hints[n]) in view.revealed.value
            assert esc(ex.solution) not in view.revealed.value
        view.reveal()
        assert esc(ex.solution) in view.revealed.value


# ----------------------------------------------------------------------------
# Answer keys come from the same records


def test_committed_answer_key_matches_the_data(content):
    committed = (ROOT / "docs" / "teacher" / "answer-key.md").read_text(encoding="utf-8")
    assert committed == answer_key.answer_key(content), (
        "docs/teacher/answer-key.md is stale: run `python -m explainer answer-key --out docs/teacher/answer-key.md`"
    )


def test_answer_key_gives_every_right_answer_and_solution(content):
    key = answer_key.answer_key(content)
    for quiz in content.quizzes:
        assert quiz.id in key
        for q in quiz.questions:
            right = next(o.text for o in q.options if o.correct) if q.kind == "choice" else f"{q.answer:g}"
            assert right in key
    for ex in content.exercises:
        assert ex.solution in key


def test_answer_key_gives_every_model_answer_and_rubric_example(content):
    key = answer_key.answer_key(content)
    section = key[key.index(f"### {answer_key.MODEL_ANSWERS_HEADING}") :]
    assert f"### {answer_key.RUBRIC_EXAMPLES_HEADING}" in section
    for answer in content.model_answers:
        for paragraph in filter(str.strip, answer.answer.split("\n")):
            assert f"> {' '.join(paragraph.split())}" in section, answer.id
        for row in answer.scores:
            assert f"| {row.score} | {' '.join(row.why.split())} |" in section, (answer.id, row.row)
    for level, name in writing.LEVELS.items():
        assert f"#### Level {level}: {name} (" in section


def test_answer_key_command_writes_the_file(tmp_path, capsys):
    target = tmp_path / "key.md"
    assert cli_main(["answer-key", "--out", str(target)]) == 0
    committed = ROOT / "docs" / "teacher" / "answer-key.md"
    assert target.read_text(encoding="utf-8") == committed.read_text(encoding="utf-8")
    assert cli_main(["answer-key", "--out", "-"]) == 0
    assert capsys.readouterr().out.endswith(target.read_text(encoding="utf-8"))


# ----------------------------------------------------------------------------
# The debate: no position without its evidence

SIDE_COUNTRY = {"us-administration": {"United States"}, "ukraine": {"Ukraine"}}


def test_every_side_has_arguments_grounded_in_dated_quotes_and_events(content):
    for side in SIDES:
        assert len(positions_for(content, side)) >= 2, side
    for p in content.positions:
        assert p.quotes and p.events and p.sources, p.id
        for qid in p.quotes:
            quote = content.get("quotes", qid)
            country = content.get("actors", quote.speaker).country
            if p.side in SIDE_COUNTRY:
                assert country in SIDE_COUNTRY[p.side], f"{p.id}: {qid} is not from {p.side}"
            else:
                assert country not in {"United States", "Ukraine"}, f"{p.id}: {qid} is not European"
            assert set(quote.sources) & set(p.sources), f"{p.id}: cites none of the sources of {qid}"
        for cid in p.counters:
            other = content.get("positions", cid)
            assert other.side != p.side or p.dissent or other.dissent, f"{p.id}: counter {cid} is on the same side"


def test_argument_map_shows_evidence_and_follows_counters(content):
    view = ArgumentMap(content)
    for side in SIDES:
        view.pick_side(side)
        assert view.current.side == side
        for quote in (content.get("quotes", q) for q in view.current.quotes):
            assert esc(quote.words) in view.detail.value
        for event in (content.get("events", e) for e in view.current.events):
            assert esc(event.title) in view.detail.value
    start = next(p for p in content.positions if p.counters)
    view.pick_side(start.side)
    view.argument.value = start.id
    target = content.get("positions", view.counter.value)
    view.follow()
    assert view.side.value == target.side and view.current.id == target.id
    assert esc(target.claim) in view.detail.value
    assert not view.output.outputs


def test_position_writer_saves_new_files_and_restores_the_latest(work_dir):
    writer = PositionWriter("my-position")
    assert writer.save() is None and "Nothing saved" in writer.status.value
    writer.text.value = "First draft"
    first = writer.save()
    writer.text.value = "Second draft"
    second = writer.save()
    assert first != second and first.exists() and second.exists()
    assert "First draft" in first.read_text(encoding="utf-8")
    assert esc(second) in writer.status.value
    again = PositionWriter("my-position")
    assert again.text.value == "Second draft"
    assert studentwork.latest_text("my-position") == "Second draft"


def test_closing_line_is_an_opinion_in_the_ledger(content):
    claim = closing_line_claim(content)
    assert claim is not None, "the claims ledger has no entry for the article's closing line"
    assert "opinion" in claim.explanation.lower()


# ----------------------------------------------------------------------------
# The analyst workbench: a fresh copy, new records, every chart picks them up


def test_workbench_copy_is_fresh_and_additions_reach_every_chart(work_dir):
    import explainer
    from explainer import workbench

    first, second = workbench.new_workspace(), workbench.new_workspace()
    assert first != second and first.parent == second.parent == work_dir
    additions = workbench.example_additions()
    assert set(additions) >= {"sources", "events", "aid_headlines"}
    for collection, records in additions.items():
        workbench.add_records(first, collection, records)
    content, problems = validate(first)
    assert not problems, [str(p) for p in problems]
    shipped = explainer.load()
    for collection, records in additions.items():
        assert len(content.records(collection)) == len(shipped.records(collection)) + len(records)
    new_ids = [r["id"] for records in additions.values() for r in records]
    drawn = workbench.charts_with(content, new_ids)
    assert drawn["headline_figures"] == ["trump-2025-02-24-claimed"]
    assert drawn["events_timeline"] == ["trump-more-than-300bn"]
    assert drawn["verdict_counts"] == [] and drawn["deal_changes"] == []
    assert set(drawn) == {fn.__name__ for fn in explainer.charts.CHART_FUNCTIONS}
    assert not list((DATA / "events").glob("my_additions*.yaml")), "the shipped data is never changed"


# ----------------------------------------------------------------------------
# Citation and licences


def test_citation_and_licences():
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff["cff-version"] == "1.2.0" and cff["title"] and cff["authors"] and cff["license"] == "MIT"
    assert "MIT License" in (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert "CC BY 4.0" in (ROOT / "LICENSE-CONTENT.md").read_text(encoding="utf-8")


# ----------------------------------------------------------------------------
# Static site (from the session's shared notebook runs) and presenter mode (slow: Voila runs 00 itself)


def test_static_site_has_one_page_per_notebook_and_no_errors(tmp_path, content, notebook_runs, monkeypatch):
    """``make html``'s build, on the session's shared run of each notebook (what ``site.execute`` would return)."""
    from explainer.commands import site
    from explainer.lesson_time import notebook_time

    monkeypatch.setattr(site, "execute", lambda path, timeout=600: notebook_runs.get(path).notebook())
    with open(os.devnull, "w") as log:
        pages = site.build(tmp_path / "_site", log=log)
    assert [p.notebook for p in pages] == NOTEBOOK_PATHS
    index = (tmp_path / "_site" / "index.html").read_text(encoding="utf-8")
    for page in pages:
        html = page.html.read_text(encoding="utf-8")
        assert page.errors == 0 and page.stderr == 0, page.notebook.name
        assert "Traceback" not in html and 'data-mime-type="application/vnd.jupyter.stderr"' not in html
        assert "application/vnd.jupyter.widget-state+json" in html, f"{page.html.name}: no widget state embedded"
        assert f'href="{page.html.name}"' in index
        assert page.time == f"about {notebook_time(content, page.notebook.stem, page.notebook).total} minutes"
        assert f"<small>({page.time})</small>" in index
        assert '.ipynb"' not in re.sub(r'href="https?://[^"]*"', "", html), f"{page.html.name}: link to a notebook"


def test_site_execute_stores_the_widget_state_the_pages_embed(tmp_path):
    """What the static-site test takes from the shared run, ``site.execute`` gives too: outputs and widget state."""
    import nbformat

    from explainer.commands import site

    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell("import ipywidgets\nipywidgets.IntSlider(value=7)")]
    path = tmp_path / "widget.ipynb"
    nbformat.write(nb, path)
    ran = site.execute(path, timeout=120)
    state = ran.metadata["widgets"]["application/vnd.jupyter.widget-state+json"]["state"]
    assert any(m["model_name"] == "IntSliderModel" and m["state"]["value"] == 7 for m in state.values()), state
    assert "application/vnd.jupyter.widget-view+json" in ran.cells[0].outputs[0]["data"]
    assert "application/vnd.jupyter.widget-state+json" in site.export(ran)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.slow  # Voila runs the notebook in a kernel of its own
def test_voila_presenter_view_hides_the_code(content):
    port = _free_port()
    voila = Path(sys.executable).with_name("voila")
    proc = subprocess.Popen(
        [
            str(voila),
            "00_start_here.ipynb",
            "--no-browser",
            "--strip_sources=True",
            "--Voila.ip=127.0.0.1",
            f"--port={port}",
            "--Voila.port_retries=0",
        ],
        cwd=NOTEBOOKS,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        html, deadline = None, time.monotonic() + 120
        while html is None and time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=120) as resp:
                    html = resp.read().decode("utf-8")
            except OSError:
                assert proc.poll() is None, "voila exited"
                time.sleep(0.5)
        assert html is not None, "voila did not answer"
        assert esc(content.article.headline) in html, "the notebook's output is on the page"
        for source_text in ("import explainer", "explainer.setup()", "NBVAL_CHECK_OUTPUT"):
            assert source_text not in html
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()


def test_make_present_uses_voila_with_code_hidden_on_localhost():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    rule = makefile.split("\npresent:", 1)[1].split("\n\n", 1)[0]
    assert "-m explainer present $(NB)" in rule  # the flags: tests/test_cli.py
    from explainer.commands.cli import present_command

    argv = present_command("02_aid_figures")
    assert "voila" in argv and "--strip_sources=True" in argv and "--Voila.ip=127.0.0.1" in argv
    assert "02_aid_figures.ipynb" in argv
    assert "\nhtml:" in makefile and "-m explainer html" in makefile


def test_data_dir_untouched_by_the_classroom_layer():
    assert not list(DATA.rglob("my_work")), "student work never goes into data/"
