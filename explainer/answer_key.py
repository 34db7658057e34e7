"""Answer keys for teachers, generated from the quiz and exercise records.

The key is written from the same records the quizzes are built from, so the
two cannot disagree: ``python -m explainer answer-key --out docs/answer-key.md``
rewrites the committed key, and a test fails if the committed file is stale.
"""

from __future__ import annotations

from .model.sources import credits

HEADER = """# Answer keys

*Generated from `data/quizzes/` and `data/exercises/` by `python -m explainer answer-key
--out docs/answer-key.md`. Do not edit by hand: change the quiz or exercise records and
regenerate. A test fails if this file and the records disagree.*

Students see the feedback below when they press **Check**: a wrong option's feedback is headed
by the misconception it stands for, and the explanation follows a right answer or a second wrong
one. Each student sees the options in an order of their own; they are listed here in the order of
the quiz file. Hints and solutions stay hidden until students ask for them.
"""


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
        hint, then each exercise's hints and solution.
    """
    notebooks = sorted({q.notebook for q in content.quizzes} | {e.notebook for e in content.exercises})
    lines = [HEADER]
    for notebook in notebooks:
        lines += [f"## {notebook}", ""]
        for quiz in sorted((q for q in content.quizzes if q.notebook == notebook), key=lambda q: q.id):
            lines += [f"### Quiz: {quiz.title} (`{quiz.id}`)", ""]
            for n, question in enumerate(quiz.questions, start=1):
                lines += _question(n, question, content)
        for exercise in sorted((e for e in content.exercises if e.notebook == notebook), key=lambda e: e.id):
            lines += _exercise(exercise, content)
    return "\n".join(lines).rstrip("\n") + "\n"


def write(content, path) -> None:
    """Write the answer key to ``path`` (UTF-8, Unix line endings)."""
    from pathlib import Path

    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(answer_key(content), encoding="utf-8", newline="\n")
