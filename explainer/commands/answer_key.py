"""Answer keys for teachers, generated from the quiz and exercise records.

The key is written from the same records the quizzes are built from, so the
two cannot disagree: ``python -m explainer answer-key`` rewrites the committed
key in the teacher's folder (:data:`KEY_PATH`), and a test fails if the
committed file is stale. The key is teacher material: the README's part for
teachers links to it, and no notebook does (``tests/test_teacher_material.py``).
"""

from __future__ import annotations

from pathlib import Path

from ..model import writing
from ..model.debate import SIDES, quote_line
from ..model.sources import credits
from ..paths import find_project

HEADER = """# Answer keys

*Generated from `data/quizzes/`, `data/exercises/` and `data/model_answers.yaml` by `python -m
explainer answer-key --out docs/teacher/answer-key.md`. Do not edit by hand: change the records and
regenerate. A test fails if this file and the records disagree.*

Students see the feedback below when they press **Check**: a wrong option's feedback is headed
by the misconception it stands for, and the explanation follows a right answer or a second wrong
one. Each student sees the options in an order of their own; they are listed here in the order of
the quiz file. Hints and solutions stay hidden until students ask for them.
"""


#: Where the committed key lives, in the project folder: beside the teacher guide, off the students' route.
KEY_PATH = Path("docs", "teacher", "answer-key.md")


def default_path() -> Path:
    """The committed key's file in the project folder the working directory is in (:data:`KEY_PATH`).

    Raises
    ------
    FileNotFoundError
        Outside a copy of the project (nowhere to put the teacher's folder).
    """
    root = find_project()
    if root is None:
        raise FileNotFoundError(f"{Path.cwd()}: no project folder here or above; give --out FILE, or --out - to print")
    return root / KEY_PATH


def _number(value: float) -> str:
    return f"{value:g}"


def _question(n: int, question, content) -> list[str]:
    skill = " *(reasoning)*" if question.skill == "reasoning" else ""
    lines = [f"**Q{n}. {question.prompt}**{skill}", ""]
    if question.kind == "choice":
        for option in question.options:
            mark = "**✔ correct**" if option.correct else "✘"
            lines.append(f"- {mark} {option.text}  ")
            if option.misconception:
                lines.append(f"  *Misconception:* {option.misconception}.  ")
            lines.append(f"  *Feedback:* {option.feedback}")
    else:
        unit = f" {question.unit}" if question.unit else ""
        lines.append(f"- **Answer:** {_number(question.answer)}{unit} (accepted within ±{_number(question.tolerance)})")
    lines.append("")
    lines.append(f"*Explanation:* {question.explanation}")
    if question.hint:
        lines.append("")
        lines.append(f"*Hint:* {question.hint}")
    lines += ["", f"*Sources:* {credits(content, question.sources)}", ""]
    return lines


def _exercise(exercise, content) -> list[str]:
    lines = [f"### Exercise: {exercise.title} (`{exercise.id}`)", "", f"*Task:* {exercise.task}", ""]
    for n, hint in enumerate(exercise.hints, start=1):
        lines.append(f"- Hint {n}: {hint}")
    if exercise.hints:
        lines.append("")
    lines += [f"*Solution:* {exercise.solution}", ""]
    if exercise.solution_code:
        lines += ["```python", exercise.solution_code.rstrip("\n"), "```", ""]
    lines += [f"*Sources:* {credits(content, exercise.sources)}", ""]
    return lines


MODEL_ANSWERS_HEADING = "Model answers for the writing tasks"
RUBRIC_EXAMPLES_HEADING = "Example answers at each rubric level"

MODEL_ANSWERS_INTRO = """For each writing task in notebook 05, one model answer per side, each giving that side its
strongest case in its own best evidence. The answers of a task are close in length, so none is
given more room than another. Anything in quotation marks is copied exactly from the quote records
listed under the answer (a check enforces it); every figure says what it measures. They are for
teachers: students write first and compare afterwards.
"""

RUBRIC_EXAMPLES_INTRO = """One example of the written position at each level of the discussion rubric in
`docs/teacher/teacher-guide.md`, scored row by row, with why. The level says nothing about the side: a
strong answer can argue for any side and a weak one can too, so the examples argue for different
sides, and each side with a weak example also has a strong one. Quotations in them are exact even
where the answer is weak.
"""


def _blockquote(prose: str) -> list[str]:
    paragraphs = [" ".join(p.split()) for p in prose.split("\n") if p.strip()]
    lines = []
    for n, paragraph in enumerate(paragraphs):
        if n:
            lines.append(">")
        lines.append(f"> {paragraph}")
    return lines


def _evidence(answer, content) -> list[str]:
    lines = []
    if answer.quotes:
        lines += ["*Quoted:*", ""]
        lines += [f"- {quote_line(content, content.get('quotes', q))}" for q in answer.quotes]
        lines.append("")
    lines += [f"*Sources:* {credits(content, answer.sources)}", ""]
    return lines


def _model_answers(content) -> list[str]:
    lines = [f"### {MODEL_ANSWERS_HEADING}", "", MODEL_ANSWERS_INTRO]
    for task, title in writing.TASKS.items():
        low, high = writing.WORD_LIMITS[task]
        lines += [f"#### {title} (`{task}`)", "", f"*Length asked for:* {low} to {high} words.", ""]
        for answer in writing.model_answers(content, task):
            lines += [f"**{SIDES[answer.side]}** ({answer.words} words)", ""]
            lines += _blockquote(answer.answer) + [""]
            lines += _evidence(answer, content)
    return lines


def _rubric_examples(content) -> list[str]:
    lines = [f"### {RUBRIC_EXAMPLES_HEADING}", "", RUBRIC_EXAMPLES_INTRO]
    for answer in writing.rubric_examples(content):
        label = SIDES.get(answer.side, "")
        side = f"argues for {'the ' + label[4:] if label.startswith('The ') else label}, " if answer.side else ""
        lines += [f"#### Level {answer.level}: {writing.LEVELS[answer.level]} ({side}{answer.words} words)", ""]
        lines += _blockquote(answer.answer) + [""]
        lines += ["| Rubric row | Score | Why |", "|---|---|---|"]
        for row in sorted(answer.scores, key=lambda s: list(writing.RUBRIC_ROWS).index(s.row)):
            why = " ".join(row.why.split()).replace("|", "\\|")
            lines.append(f"| {writing.RUBRIC_ROWS[row.row]} | {row.score} | {why} |")
        lines.append("")
        lines += _evidence(answer, content)
    return lines


def answer_key(content) -> str:
    """The answer key for every quiz and exercise, as Markdown.

    Parameters
    ----------
    content : Content

    Returns
    -------
    str
        One section per notebook (in notebook order), with each question's
        correct answer, the feedback for every option, the explanation and
        hint, then each exercise's hints and solution; notebook 05's section
        ends with the model answers for its writing tasks and the example
        answers at each rubric level.
    """
    notebooks = sorted({q.notebook for q in content.quizzes} | {e.notebook for e in content.exercises})
    lines = [HEADER]
    for notebook in notebooks:
        lines += [f"## {notebook}", "", notebook_key(content, notebook)]
    return "\n".join(lines).rstrip("\n") + "\n"


def notebook_key(content, notebook: str) -> str:
    """The key for one notebook, as Markdown without its heading ("" when it has no quiz or exercise).

    Its quizzes, then its exercises; for notebook 05 also the model answers
    and the rubric examples. The teacher's printed copy (``explainer html
    --teacher``) appends it to the notebook's page.
    """
    lines = []
    for quiz in sorted((q for q in content.quizzes if q.notebook == notebook), key=lambda q: q.id):
        lines += [f"### Quiz: {quiz.title} (`{quiz.id}`)", ""]
        for n, question in enumerate(quiz.questions, start=1):
            lines += _question(n, question, content)
    for exercise in sorted((e for e in content.exercises if e.notebook == notebook), key=lambda e: e.id):
        lines += _exercise(exercise, content)
    if notebook == writing.NOTEBOOK:
        lines += _model_answers(content) + _rubric_examples(content)
    return "\n".join(lines)


def write(content, path) -> None:
    """Write the answer key to ``path`` (UTF-8, Unix line endings)."""
    from pathlib import Path

    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(answer_key(content), encoding="utf-8", newline="\n")
