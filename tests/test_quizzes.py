"""Quizzes that measure understanding: not guessable, shuffled per student, explained, readable without a kernel."""

from __future__ import annotations

import json
import math
import re

from explainer.classroom import studentwork
from explainer.content import validate
from explainer.markup import esc
from explainer.model.quizzes import choice_stats, content_words, cue_stats, option_order
from explainer.views.quiz import QuizView, quiz_html

from .paths import NOTEBOOKS


def _choice_questions(content):
    return [(quiz, q) for quiz in content.quizzes for q in quiz.questions if q.kind == "choice"]


def test_the_right_option_is_seldom_the_longest_or_the_shortest(content):
    stats = choice_stats(content.quizzes)
    assert stats["questions"] >= 20
    assert stats["longest_correct"] <= stats["questions"] / 3, stats
    assert stats["shortest_correct"] <= stats["questions"] / 3, stats


def test_the_right_option_is_spread_evenly_over_the_positions(content):
    """Positions in the quiz files (before any shuffle): each within one of its fair share."""
    questions = [q for _quiz, q in _choice_questions(content)]
    counts = choice_stats(content.quizzes)["positions"]
    for position in range(max(len(q.options) for q in questions)):
        expected = sum(1 / len(q.options) for q in questions if len(q.options) > position)
        got = counts.get(position, 0)
        assert math.floor(expected) - 1 <= got <= math.ceil(expected) + 1, (position, got, round(expected, 2))


def test_choice_statistics_count_ties_and_positions():
    from types import SimpleNamespace as NS

    def quiz(*questions):
        return NS(questions=questions)

    def opt(text, correct=False):
        return NS(text=text, correct=correct)

    q1 = NS(kind="choice", options=(opt("aaa", True), opt("bbb"), opt("c")))  # tied longest
    q2 = NS(kind="choice", options=(opt("a"), opt("bb", True), opt("ccc")))
    q3 = NS(kind="number", options=())
    assert choice_stats([quiz(q1, q2, q3)]) == {
        "questions": 2,
        "longest_correct": 1,
        "shortest_correct": 0,
        "positions": {0: 1, 1: 1},
    }


def test_every_choice_question_has_three_options_and_every_wrong_one_a_named_misconception(content):
    for quiz, q in _choice_questions(content):
        assert len(q.options) >= 3, (quiz.id, q.id)
        for option in q.options:
            if option.correct:
                assert option.misconception is None, (q.id, option.text)
            else:
                assert option.misconception and option.feedback, (q.id, option.text)
                assert option.misconception not in option.feedback, (q.id, "feedback only repeats the name")


def test_the_validator_names_a_question_with_two_options_or_an_unnamed_misconception(data_copy):
    path = data_copy / "quizzes" / "02_aid_figures.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("          misconception: Taking one category for the total\n", "", 1)
    start = text.index('        - text: "2024"')
    end = text.index("      explanation: The flat stretch")
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    _content, problems = validate(data_copy)
    lines = sorted(str(p) for p in problems)
    assert lines == [
        f"{path}: record quiz-02-aid-figures: field questions[2].options: "
        "a choice question needs at least 3 options, has 2",
        f"{path}: record quiz-02-aid-figures: field questions[3].options[0].misconception: "
        "a wrong option must name the misconception it stands for",
    ]


def test_every_notebook_quiz_asks_at_least_one_reasoning_question(content):
    for quiz in content.quizzes:
        assert any(q.skill == "reasoning" for q in quiz.questions), quiz.id


def test_options_keep_their_order_for_one_student_and_change_for_another(content, tmp_path, monkeypatch):
    def orders(student):
        monkeypatch.setenv("EXPLAINER_WORK", str(tmp_path / student))
        views = [QuizView(content, quiz.id) for quiz in content.quizzes]
        return [tuple(qv.control.options) for v in views for qv in v.questions.values() if qv.question.kind == "choice"]

    first = orders("ana")
    assert orders("ana") == first, "a reload changed the order"
    other = orders("ben")
    assert other != first
    assert [sorted(o) for o in other] == [sorted(o) for o in first]
    canonical = [tuple(o.text for o in q.options) for _quiz, q in _choice_questions(content)]
    assert first != canonical, "options are shown in file order"


def test_option_order_depends_on_the_seed_only(content):
    _quiz, q = _choice_questions(content)[0]
    assert option_order(q, "s1/quiz") == option_order(q, "s1/quiz")
    shuffles = {tuple(o.text for o in option_order(q, f"s{n}/quiz")) for n in range(30)}
    assert len(shuffles) > 1
    assert all(sorted(s) == sorted(o.text for o in q.options) for s in shuffles)


def test_the_student_id_is_made_once_and_kept(work_dir):
    first = studentwork.student_id()
    assert studentwork.student_id() == first
    saved = json.loads((work_dir / "student.json").read_text())
    assert saved["id"] == first
    (work_dir / "student.json").write_text("{broken")
    new = studentwork.student_id()
    assert new != first
    assert [p.read_text() for p in work_dir.glob("student.unreadable-*.json")] == ["{broken"]


def test_wrong_answers_name_the_misconception_and_the_second_one_brings_the_explanation(content, work_dir):
    quiz, q = next((quiz, q) for quiz, q in _choice_questions(content) if sum(not o.correct for o in q.options) >= 2)
    qv = QuizView(content, quiz.id).questions[q.id]
    wrong = [o for o in q.options if not o.correct]
    qv.answer(wrong[0].text)
    assert qv.check() is False
    assert esc(wrong[0].misconception) in qv.feedback.value
    assert esc(wrong[0].feedback) in qv.feedback.value
    assert esc(q.explanation) not in qv.feedback.value
    qv.answer(wrong[1].text)
    assert qv.check() is False
    assert esc(q.explanation) in qv.feedback.value
    # A reload remembers the two wrong tries.
    again = QuizView(content, quiz.id).questions[q.id]
    assert again.wrong_tries == 2
    history = studentwork.load_history(quiz.id)
    assert [(h["question"], h["correct"]) for h in history] == [(q.id, False), (q.id, False)]


def test_a_right_answer_shows_the_explanation_at_once(content, work_dir):
    for quiz, q in _choice_questions(content):
        qv = QuizView(content, quiz.id).questions[q.id]
        qv.answer(next(o.text for o in q.options if o.correct))
        assert qv.check() is True
        assert esc(q.explanation) in qv.feedback.value
        assert "Misconception" not in qv.feedback.value


def test_quizzes_render_without_a_kernel_with_no_answers(content):
    for quiz in content.quizzes:
        html = quiz_html(quiz)
        view_html = QuizView(content, quiz.id)._repr_mimebundle_()["text/html"]
        assert view_html.startswith('<div class="explainer-snapshot">') and html in view_html
        for q in quiz.questions:
            assert esc(q.prompt) in html
            for option in q.options:
                assert f"<li>{esc(option.text)}</li>" in html
                assert esc(option.feedback) not in html
                if option.misconception:
                    assert esc(option.misconception) not in html
            assert esc(q.explanation) not in html
            if q.kind == "number":
                assert f"<p>Your answer: ________ ({esc(q.unit)})</p>" in html
        assert "correct" not in html.lower().replace("correctly", "")


def test_the_signed_deal_gives_washington_no_half_of_the_revenues(content):
    q = next(q for q in content.get("quizzes", "quiz-05-debate").questions if q.id == "q-debt-settled")
    text = q.explanation
    assert "half share" not in text
    assert "Ukraine pays half of the state's revenue from new licences into a joint fund" in text
    assert "share equally" in text and "first ten years" in text


def _notebook_text(name: str) -> str:
    """Everything a notebook holds, its Markdown, code and stored outputs, as one string.

    The quiz's own output is left out: it shows the questions themselves, the material included.
    """
    cells = json.loads((NOTEBOOKS / f"{name}.ipynb").read_text(encoding="utf-8"))["cells"]
    parts = []
    for cell in cells:
        parts.append("".join(cell["source"]))
        if "QuizView(" in "".join(cell["source"]):
            continue
        for output in cell.get("outputs", []):
            parts.append(json.dumps(output, ensure_ascii=False))
            for value in output.get("data", {}).values():
                parts.append("".join(value) if isinstance(value, list) else str(value))
    return "\n".join(parts)


def _markdown_above_quiz(quiz) -> str:
    """The Markdown cell a student reads just before the quiz, without its heading."""
    cells = json.loads((NOTEBOOKS / f"{quiz.notebook}.ipynb").read_text(encoding="utf-8"))["cells"]
    at = next(i for i, c in enumerate(cells) if c["cell_type"] == "code" and f'"{quiz.id}"' in "".join(c["source"]))
    above = next(c for c in reversed(cells[:at]) if c["cell_type"] == "markdown")
    return "\n".join(line for line in "".join(above["source"]).splitlines() if not line.startswith("#"))


def _applications(quiz):
    return [q for q in quiz.questions if q.purpose == "application"]


def test_every_quiz_asks_an_application_question_on_material_its_notebook_did_not_show(content):
    counts = {quiz.notebook: len(_applications(quiz)) for quiz in content.quizzes}
    assert counts == {
        "00_start_here": 1,
        "01_key_points": 1,
        "02_aid_figures": 1,
        "03_minerals_and_the_deal": 1,
        "04_diplomatic_fallout": 1,
        "05_debate": 1,
        "06_analyst_workbench": 1,
        "07_what_happened_next": 1,
        "08_check_it_yourself": 1,
    }
    for quiz in content.quizzes:
        shown = _notebook_text(quiz.notebook)
        for q in _applications(quiz):
            collection, _, record_id = q.material.partition("/")
            record = content.get(collection, record_id)
            assert record_id not in shown, (quiz.notebook, q.id, "the notebook names the material")
            words = getattr(record, "words", None)
            if words:
                assert " ".join(words.split())[:30] not in shown, (quiz.notebook, q.id, "the notebook shows the quote")
            for quoted in re.findall(r'"([^"]+)"', q.prompt):
                if len(quoted.split()) >= 3 and not quoted.startswith(("quotes", "starmer")):
                    assert quoted not in shown, (quiz.notebook, q.id, quoted)
            assert q.kind == "choice" and q.sources, q.id
            right = next(o for o in q.options if o.correct)
            assert right.feedback.startswith("Right.") and len(q.explanation) > 80, q.id


def test_the_validator_names_an_application_question_without_material_or_with_a_missing_record(data_copy):
    path = data_copy / "quizzes" / "05_debate.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("      material: quotes/trump-2025-02-10-russian-someday\n", "", 1)
    path.write_text(text, encoding="utf-8")
    path6 = data_copy / "quizzes" / "06_analyst_workbench.yaml"
    text6 = path6.read_text(encoding="utf-8").replace(
        "quotes/starmer-2025-02-28-unwavering-support", "quotes/nobody", 1
    )
    path6.write_text(text6, encoding="utf-8")
    _content, problems = validate(data_copy)
    lines = sorted(str(p) for p in problems)
    assert lines == [
        f"{path}: record quiz-05-debate: field questions[4].material: an application question must name its material",
        f"{path6}: record quiz-06-analyst-workbench: field questions[4].material: no record 'nobody' in quotes",
    ]


def test_absolute_words_mark_wrong_options_no_more_often_than_right_ones(content):
    """Ruling out "every", "never", "only"... gains a student nothing: wrong options carry them no more often."""
    stats = cue_stats(content.quizzes)
    assert stats["right"] >= 30 and stats["wrong"] >= 60, stats
    assert stats["absolute_wrong"] / stats["wrong"] <= stats["absolute_right"] / stats["right"], stats


def test_the_prompt_and_hint_point_at_the_right_option_no_more_often_than_a_blind_pick(content):
    """Shared words between question and option are a cue; the right option may lead on them no more than by chance."""
    stats = cue_stats(content.quizzes)
    assert stats["hinted"] <= stats["chance"], stats
    for quiz in content.quizzes:
        for q in quiz.questions:
            if q.kind == "number":
                answer = f"{q.answer:g}"
                assert not re.search(rf"\b{re.escape(answer)}\b", f"{q.prompt} {q.hint or ''}"), (q.id, answer)
    hint = next(
        q.hint for q in content.get("quizzes", "quiz-04-diplomatic-fallout").questions if q.id == "q-rada-votes"
    )
    assert hint == "Find the ratification vote of 8 May in the timeline."


def test_cue_statistics_count_absolute_words_and_shared_words():
    from types import SimpleNamespace as NS

    def opt(text, correct=False):
        return NS(text=text, correct=correct)

    q1 = NS(
        kind="choice",
        prompt="Who paid for the weapons?",
        hint=None,
        options=(opt("The allies who bought them", True), opt("Nobody ever paid"), opt("Every donor")),
    )
    q2 = NS(
        kind="choice",
        prompt="Which figure counts aid received?",
        hint="Look at Kyiv's count.",
        options=(opt("Kyiv's count of aid received", True), opt("Only the CRS total"), opt("Kiel")),
    )
    stats = cue_stats([NS(questions=(q1, q2, NS(kind="number", options=())))])
    assert stats == {"right": 2, "wrong": 4, "absolute_right": 0, "absolute_wrong": 3, "hinted": 1, "chance": 2 / 3}
    assert content_words("The US's $98.5bn, of all.") == {"us", "$98.5bn", "all"}


#: Word pairs that are a name, not wording: sharing them gives nothing away.
_NAMES = {("united", "states")}


def _phrases(text: str) -> set[tuple[str, str]]:
    """Pairs of consecutive content words (stop words left out), names excepted."""
    words = [w for w in re.findall(r"[a-z0-9$%]+", text.lower()) if w in content_words(w)]
    return {pair for pair in zip(words, words[1:], strict=False)} - _NAMES


def test_the_markdown_just_above_a_quiz_gives_no_answer_away(content):
    """The cell read just before answering repeats no option's wording and favours the right one no more than chance."""
    leads, chance = 0, 0.0
    for quiz in content.quizzes:
        above = _markdown_above_quiz(quiz)
        for q in quiz.questions:
            if q.kind == "number":
                assert not re.search(rf"\b{re.escape(f'{q.answer:g}')}\b", above), (quiz.id, q.id)
                continue
            shared = {o.correct: 0 for o in q.options}
            for option in q.options:
                assert not _phrases(above) & _phrases(option.text), (quiz.id, q.id, option.text)
                overlap = len(content_words(above) & content_words(option.text))
                shared[option.correct] = max(shared[option.correct], overlap)
            leads += shared[True] > shared[False]
            chance += 1 / len(q.options)
    assert leads <= chance, (leads, chance)


def test_the_phrase_check_finds_a_printed_answer():
    above = "No version commits the United States to defend Ukraine."
    assert _phrases(above) & _phrases("The United States promised to defend Ukraine if attacked")
    assert not _phrases(above) & _phrases("The US backed Ukraine's search for guarantees")


def test_07_weighs_evidence_with_a_confirmed_event_not_a_reported_one(content):
    q = next(
        q for q in content.get("quizzes", "quiz-07-what-happened-next").questions if q.id == "q-guarantee-evidence"
    )
    right = next(o for o in q.options if o.correct)
    assert right.text.startswith('US officials offering Ukraine "Article 5-like" guarantees')
    reported = next(o for o in q.options if "reported" in o.text)
    assert not reported.correct and reported.misconception == "Resting a conclusion on the least firm evidence"
    by_source = {s: e for e in content.events for s in e.sources}
    assert by_source["reuters-2025-12-15-article5-like"].confidence == "confirmed"
    assert by_source["reuters-2025-11-21-intel-threat"].confidence == "reported"
