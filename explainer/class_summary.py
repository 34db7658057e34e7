"""A teacher's view of the class: students' collected ``my_work`` folders, summed up.

``python -m explainer class-summary DIR`` reads one sub-folder of ``DIR`` per
student (a copy of that student's ``my_work/``), and reports

- for each claim of the ledger, the class's verdicts against the ledger's;
- for each quiz question, the share of students right at their first try and
  the wrong option chosen most often at first try (the misconception to
  discuss in class).

It prints a table and writes a short HTML report. A file that cannot be read,
or that holds anything but well-formed entries, is named and skipped, whole.
Nothing in ``DIR`` is changed.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .model import claims
from .studentwork import CALLS_FILE
from .views.display import esc

QUIZ_PREFIX = "quiz-"


@dataclass
class ClassWork:
    """What a folder of students' work holds, after bad files are set aside."""

    students: list[str] = field(default_factory=list)
    calls: dict = field(default_factory=dict)  # student -> {claim: verdict}
    first_tries: dict = field(default_factory=dict)  # student -> {(quiz, question): (answer, correct)}
    skipped: list[str] = field(default_factory=list)  # "path: why"


def _history(path: Path, keys: dict) -> list[dict]:
    """A history file's entries; raises ValueError naming what is wrong."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise ValueError("not a text file") from None
    except json.JSONDecodeError as err:
        raise ValueError(f"not valid JSON ({err.msg} at line {err.lineno})") from None
    if not isinstance(data, list):
        raise ValueError("not a list of entries")
    for n, entry in enumerate(data):
        if not isinstance(entry, dict):
            raise ValueError(f"entry {n} is not a record")
        for key, kinds in keys.items():
            if not isinstance(entry.get(key), kinds):
                raise ValueError(f"entry {n} has no valid {key!r}")
    return data


def read_class(content, folder) -> ClassWork:
    """Read every student's work in ``folder`` (one sub-folder per student), skipping bad files.

    Parameters
    ----------
    content : Content
        For the claims, the rating scale and the quizzes the files refer to.
    folder : str or Path

    Returns
    -------
    ClassWork
    """
    folder = Path(folder)
    work = ClassWork()
    levels = {level.id for level in content.rating_scale}
    claims = {c.id for c in content.claims}
    quizzes = {f"{QUIZ_PREFIX}{q.id}.json": q for q in content.quizzes}
    for student_dir in sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".")):
        student = student_dir.name
        calls, tries, usable = {}, {}, False
        for path in sorted(student_dir.iterdir()):
            shown = path.relative_to(folder)
            try:
                if path.name == CALLS_FILE:
                    entries = _history(path, {"claim": str, "verdict": str})
                    for n, e in enumerate(entries):
                        if e["claim"] not in claims:
                            raise ValueError(f"entry {n} names no claim of the ledger ({e['claim']!r})")
                        if e["verdict"] not in levels:
                            raise ValueError(f"entry {n} has a verdict not on the scale ({e['verdict']!r})")
                    for e in entries:
                        calls.setdefault(e["claim"], e["verdict"])
                elif path.name in quizzes:
                    quiz = quizzes[path.name]
                    questions = {q.id for q in quiz.questions}
                    entries = _history(path, {"question": str, "correct": bool})
                    for n, e in enumerate(entries):
                        if e["question"] not in questions:
                            raise ValueError(f"entry {n} names no question of {quiz.id} ({e['question']!r})")
                    for e in entries:
                        tries.setdefault((quiz.id, e["question"]), (e.get("answer"), e["correct"]))
                else:
                    continue
                usable = True
            except (OSError, ValueError) as err:
                work.skipped.append(f"{shown}: {err}; skipped")
        if usable:
            work.students.append(student)
            work.calls[student] = calls
            work.first_tries[student] = tries
    return work


def claim_rows(content, work: ClassWork) -> list[dict]:
    """Per claim: the ledger's verdict, the class's count per verdict, and how many agree."""
    scale = claims.scale(content)
    rows = []
    for claim in content.claims:
        votes = Counter(calls[claim.id] for calls in work.calls.values() if claim.id in calls)
        rows.append(
            {
                "claim": claim.claim_reviewed,
                "ledger": content.get("rating_scale", claim.rating).label,
                "votes": {level.label: votes.get(level.id, 0) for level in scale},
                "judged": sum(votes.values()),
                "agree": votes.get(claim.rating, 0),
            }
        )
    return rows


def question_rows(content, work: ClassWork) -> list[dict]:
    """Per quiz question: answered, right at first try, and the most chosen wrong first answer."""
    rows = []
    for quiz in content.quizzes:
        for q in quiz.questions:
            firsts = [t[(quiz.id, q.id)] for t in work.first_tries.values() if (quiz.id, q.id) in t]
            wrong = Counter(str(answer) for answer, correct in firsts if not correct)
            top, n_top = wrong.most_common(1)[0] if wrong else (None, 0)
            option = next((o for o in q.options if o.text == top), None)
            rows.append(
                {
                    "quiz": quiz.id,
                    "question": q.id,
                    "answered": len(firsts),
                    "right_first": sum(correct for _answer, correct in firsts),
                    "top_wrong": top,
                    "top_wrong_count": n_top,
                    "misconception": option.misconception if option else None,
                }
            )
    return rows


def _share(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "-"


def text_report(content, work: ClassWork) -> str:
    """The summary as a plain-text table."""
    lines = [f"Class summary: {len(work.students)} students ({', '.join(work.students) or 'none'})", ""]
    lines.append(f"{'Claim':<60} {'Ledger':<14} {'Agree':>7}  Class verdicts")
    for r in claim_rows(content, work):
        votes = ", ".join(f"{label} {n}" for label, n in r["votes"].items() if n)
        agree = f"{r['agree']}/{r['judged']}"
        lines.append(f"{r['claim'][:60]:<60} {r['ledger']:<14} {agree:>7}  {votes or '-'}")
    lines += ["", f"{'Quiz question':<45} {'Right at first try':>18}  Most chosen wrong option"]
    for r in (r for r in question_rows(content, work) if r["answered"]):
        right = f"{r['right_first']}/{r['answered']} {_share(r['right_first'], r['answered'])}"
        wrong = f"{r['top_wrong']} ({r['top_wrong_count']})" if r["top_wrong"] else "-"
        if r["misconception"]:
            wrong += f" [{r['misconception']}]"
        lines.append(f"{r['question']:<45} {right:>18}  {wrong}")
    return "\n".join(lines)


def html_report(content, work: ClassWork) -> str:
    """The summary as a short, self-contained HTML page."""
    scale = [level.label for level in claims.scale(content)]
    claim_body = "".join(
        f"<tr><td>{esc(r['claim'])}</td><td>{esc(r['ledger'])}</td>"
        + "".join(f"<td>{r['votes'][label]}</td>" for label in scale)
        + f"<td>{r['agree']} of {r['judged']}</td></tr>"
        for r in claim_rows(content, work)
    )
    quiz_body = "".join(
        f"<tr><td>{esc(r['quiz'])}</td><td>{esc(r['question'])}</td><td>{r['right_first']} of {r['answered']} "
        f"({_share(r['right_first'], r['answered'])})</td><td>{esc(r['top_wrong'] or '-')}"
        + (f" ({r['top_wrong_count']})" if r["top_wrong"] else "")
        + "</td><td>"
        + esc(r["misconception"] or "")
        + "</td></tr>"
        for r in question_rows(content, work)
        if r["answered"]
    )
    skipped = "".join(f"<li>{esc(s)}</li>" for s in work.skipped)
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Class summary</title>'
        "<style>body{font-family:sans-serif;max-width:70em;margin:1em auto}table{border-collapse:collapse}"
        "td,th{border:1px solid #999;padding:3px 6px;text-align:left}</style></head><body>"
        f"<h1>Class summary</h1><p>{len(work.students)} students: {esc(', '.join(work.students))}.</p>"
        "<h2>The claims: your class against the ledger</h2><p>Each student's first call, made before the "
        "ledger's verdict was shown.</p><table><thead><tr><th>Claim</th><th>Ledger</th>"
        + "".join(f"<th>{esc(label)}</th>" for label in scale)
        + f"<th>Agree with the ledger</th></tr></thead><tbody>{claim_body}</tbody></table>"
        "<h2>The quizzes: right at the first try, and the misconception to discuss</h2>"
        "<table><thead><tr><th>Quiz</th><th>Question</th><th>Right at first try</th>"
        "<th>Most chosen wrong option (first tries)</th><th>Misconception</th></tr></thead>"
        f"<tbody>{quiz_body}</tbody></table>"
        + (f"<h2>Files skipped</h2><ul>{skipped}</ul>" if skipped else "")
        + "</body></html>\n"
    )
