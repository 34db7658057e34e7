"""Widgets driven from Python, as a student's clicks would drive them."""

from __future__ import annotations

import json

import pytest

from explainer.classroom import studentwork
from explainer.markup import esc
from explainer.views.claims import ClaimsExplorer
from explainer.views.quiz import ExerciseView, QuizView, grade


def test_claims_explorer_shows_the_picked_claim(content):
    view = ClaimsExplorer(content)
    first = view.detail.value
    other = content.claims[-1]
    view.picker.value = other.id
    assert view.detail.value != first
    assert other.explanation.split()[0] in view.detail.value
    level = content.get("rating_scale", other.rating)
    assert level.label in view.detail.value
    for source in content.sources_for(other.sources):
        assert source.publisher.replace("&", "&amp;") in view.detail.value


def _choice_question(content):
    for quiz in content.quizzes:
        for q in quiz.questions:
            if q.kind == "choice":
                return quiz, q
    pytest.skip("no choice question in the content")


def test_quiz_feedback_wrong_then_right_and_saved(content, work_dir):
    quiz, question = _choice_question(content)
    view = QuizView(content, quiz.id)
    qv = view.questions[question.id]
    wrong = next(o for o in question.options if not o.correct)
    right = next(o for o in question.options if o.correct)
    qv.answer(wrong.text)
    assert qv.check() is False
    assert "Not yet" in qv.feedback.value
    qv.answer(right.text)
    assert qv.check() is True
    assert "Correct" in qv.feedback.value
    history = json.loads((work_dir / f"quiz-{quiz.id}.json").read_text())
    assert [h["correct"] for h in history] == [False, True]
    # A new view (a re-run, or a restarted kernel) restores the last answer.
    again = QuizView(content, quiz.id)
    assert again.questions[question.id].control.value == right.text


def test_number_questions_are_graded_with_tolerance(content):
    numbers = [q for quiz in content.quizzes for q in quiz.questions if q.kind == "number"]
    assert numbers, "at least one quiz asks for a number"
    for q in numbers:
        assert grade(q, q.answer)[0] is True
        assert grade(q, str(q.answer + q.tolerance * 0.5))[0] is True
        assert grade(q, q.answer + q.tolerance + 1)[0] is False
        assert grade(q, "lots") == (False, "Type a number.")


def test_empty_answer_asks_for_one(content):
    _quiz, question = _choice_question(content)
    assert grade(question, None) == (False, "Choose or type an answer first.")


def test_exercise_solution_hidden_until_asked(content):
    ex = content.exercises[0]
    view = ExerciseView(content, ex.id)
    assert ex.solution[:30] not in view.children[0].value
    assert view.revealed.value == ""
    if ex.hints:
        view.next_hint()
        assert esc(ex.hints[0][:20]) in view.revealed.value
        assert ex.solution[:30] not in view.revealed.value
    view.reveal()
    assert "Solution" in view.revealed.value


def test_saved_text_is_never_overwritten(work_dir):
    first = studentwork.save_text("my position", "First draft")
    second = studentwork.save_text("my position", "Second draft")
    assert first != second
    assert first.read_text().endswith("First draft\n")
    assert studentwork.latest_text("my position") == "Second draft"


def test_unreadable_answer_file_is_kept_aside(work_dir):
    work_dir.mkdir(parents=True)
    (work_dir / "quiz-q.json").write_text("{not json")
    studentwork.record_answer("q", "q1", "A", True)
    kept = list(work_dir.glob("quiz-q.unreadable-*.json"))
    assert len(kept) == 1 and kept[0].read_text() == "{not json"
    assert studentwork.load_answers("q") == {"q1": "A"}
