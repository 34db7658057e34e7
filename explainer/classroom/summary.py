"""A teacher's view of the class: students' collected ``my_work`` folders, summed up.

``python -m explainer class-summary DIR`` reads one sub-folder of ``DIR`` per
student (a copy of that student's ``my_work/``), and reports

- for each claim of the ledger, the class's verdicts against the ledger's;
- for each quiz question, the share of students right at their first try and
  the wrong option chosen most often at first try (the misconception to
  discuss in class);
- the "your call first" answers: the class's guesses at the US aid total
  (02) against the totals in the news, and, for each term of the deal, how
  many predicted it would change (03) against the record;
- the figures calculator (02): for each mix the project's rules flag, how
  many students tried one;
- the text checked alone (08): for each of its claims, the class's verdicts
  against the project's ledger, and which passages students marked checkable
  (:mod:`explainer.classroom.transfer_summary`).

It prints a table and writes a short HTML report. A file that cannot be read,
or that holds anything but well-formed entries, is named and skipped, whole.
Nothing in ``DIR`` is changed.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..markup import esc, table_html
from ..model import aid, arithmetic, claims
from ..model import deal as dr
from . import transfer_summary
from .studentwork import (
    AID_GUESS,
    CALCULATOR_FILE,
    CALLS_FILE,
    CHOICE_PREDICTIONS,
    DEAL_PREDICTION,
    DEAL_PREDICTION_VERSIONS,
    GUESSES_FILE,
    TRANSFER_CALLS_FILE,
    TRANSFER_MARKS_FILE,
    quiz_file,
)


@dataclass
class ClassWork:
    """What a folder of students' work holds, after bad files are set aside."""

    students: list[str] = field(default_factory=list)
    calls: dict = field(default_factory=dict)  # student -> {claim: verdict}
    first_tries: dict = field(default_factory=dict)  # student -> {(quiz, question): (answer, correct)}
    guesses: dict = field(default_factory=dict)  # student -> {guess name: first value}
    mixes: dict = field(default_factory=dict)  # student -> set of calculator rule ids their tries broke
    transfer_calls: dict = field(default_factory=dict)  # student -> {text id:claim id: first verdict} (08)
    transfer_marks: dict = field(default_factory=dict)  # student -> {text id: passages marked checkable} (08)
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
    quizzes = {quiz_file(q.id): q for q in content.quizzes}
    for student_dir in sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".")):
        student = student_dir.name
        calls, tries, guesses, mixes, usable = {}, {}, {}, set(), False
        transfer_calls, transfer_marks = {}, {}
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
                elif path.name == GUESSES_FILE:
                    entries = _history(path, {"guess": str})
                    for n, e in enumerate(entries):
                        _check_guess(content, n, e)
                    for e in entries:
                        guesses.setdefault(e["guess"], e["value"])
                elif path.name == CALCULATOR_FILE:
                    entries = _history(path, {"first": str, "op": str, "second": str, "flags": list})
                    for n, e in enumerate(entries):
                        unknown = [f for f in e["flags"] if f not in arithmetic.RULES]
                        if unknown:
                            raise ValueError(f"entry {n} names no rule of the calculator ({unknown[0]!r})")
                    mixes.update(f for e in entries for f in e["flags"])
                elif path.name == TRANSFER_CALLS_FILE:
                    transfer_calls = transfer_summary.read_calls(content, path)
                elif path.name == TRANSFER_MARKS_FILE:
                    transfer_marks = transfer_summary.read_marks(content, path)
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
            work.guesses[student] = guesses
            work.mixes[student] = mixes
            work.transfer_calls[student] = transfer_calls
            work.transfer_marks[student] = transfer_marks
    return work


def _check_guess(content, n: int, entry: dict) -> None:
    """Raise ValueError naming what is wrong with one entry of a guesses file."""
    name, value = entry["guess"], entry.get("value")
    if name == AID_GUESS:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
            raise ValueError(f"entry {n} guesses the aid total as {value!r}, not a number above zero")
    elif name == DEAL_PREDICTION:
        terms = {k.id for k in content.deal_term_kinds}
        if not isinstance(value, list) or not all(isinstance(t, str) and t in terms for t in value):
            raise ValueError(f"entry {n} predicts terms that are not the deal's ({value!r})")
    elif name in CHOICE_PREDICTIONS:
        options = [o.id for o in content.get("predictions", name).options]
        if value not in options:
            raise ValueError(f"entry {n} answers {name} with {value!r}, not one of {', '.join(options)}")
    else:
        raise ValueError(f"entry {n} names no question of the notebooks ({name!r})")


def aid_guess_row(content, work: ClassWork) -> dict:
    """The class's first guesses at the US aid total, and which total in the news each lies nearest.

    Returns
    -------
    dict
        ``guesses`` (sorted, US$ billion), ``median`` (None without guesses)
        and ``nearest``: how many guesses lie nearest to a total of each
        measure, in the order the measures are first met from the smallest
        total up.
    """
    values = sorted(g[AID_GUESS] for g in work.guesses.values() if AID_GUESS in g)
    nearest = Counter(min(aid.aid_figures(content), key=lambda h: abs(h.amount_usd_bn - v)).measure for v in values)
    order = list(dict.fromkeys(h.measure for h in aid.aid_figures(content)))
    median = None
    if values:
        mid = len(values) // 2
        median = values[mid] if len(values) % 2 else (values[mid - 1] + values[mid]) / 2
    return {"guesses": values, "median": median, "nearest": {m: nearest[m] for m in order if nearest[m]}}


def prediction_rows(content, work: ClassWork) -> list[dict]:
    """Per deal term: what the record shows and how many students predicted a change, and how many were right."""
    left, right = DEAL_PREDICTION_VERSIONS
    predictions = [g[DEAL_PREDICTION] for g in work.guesses.values() if DEAL_PREDICTION in g]
    rows = []
    for row in dr.prediction_rows(content, left, right, ()):
        said_changed = sum(row["term_id"] in p for p in predictions)
        rows.append(
            {
                "term": row["term"],
                "changed": row["changed"],
                "predicted": len(predictions),
                "said_changed": said_changed,
                "right": said_changed if row["changed"] else len(predictions) - said_changed,
            }
        )
    return rows


def mix_rows(work: ClassWork) -> list[dict]:
    """Per mix the calculator flags (:data:`explainer.model.arithmetic.RULES`): how many students tried one.

    Returns
    -------
    list of dict
        ``rule``, ``mix`` (what it mixes, in words) and ``students``, in the rules' order.
    """
    return [
        {"rule": rule_id, "mix": label, "students": sum(rule_id in m for m in work.mixes.values())}
        for rule_id, (label, _rule) in arithmetic.RULES.items()
    ]


def choice_rows(content, work: ClassWork) -> list[dict]:
    """Per one-choice prediction (04, 07): the class's count per option, the record's answer and how many chose it.

    Returns
    -------
    list of dict
        ``name``, ``question``, ``answer`` (the option text the record bears
        out), ``confidence``, ``votes`` ({option text: count}, in the file's
        order), ``predicted`` and ``right``.
    """
    rows = []
    for name in CHOICE_PREDICTIONS:
        p = content.get("predictions", name)
        votes = Counter(g[name] for g in work.guesses.values() if name in g)
        rows.append(
            {
                "name": name,
                "question": p.question,
                "answer": next(o.text for o in p.options if o.id == p.answer),
                "confidence": p.confidence,
                "votes": {o.text: votes.get(o.id, 0) for o in p.options},
                "predicted": sum(votes.values()),
                "right": votes.get(p.answer, 0),
            }
        )
    return rows


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
    guess = aid_guess_row(content, work)
    if guess["guesses"]:
        fmt = [aid.fmt_value(v, "nominal") for v in guess["guesses"]]
        nearest = ", ".join(f"{m} {n}" for m, n in guess["nearest"].items())
        lines += [
            "",
            f"Guesses at the US aid total (02): {len(fmt)}; median {aid.fmt_value(guess['median'], 'nominal')}; "
            f"from {fmt[0]} to {fmt[-1]}; nearest total in the news: {nearest}",
        ]
    rows = prediction_rows(content, work)
    if rows and rows[0]["predicted"]:
        lines += ["", f"{'Deal term (03)':<25} {'Record':<20} {'Predicted a change':>18}  Right"]
        for r in rows:
            record = "changed" if r["changed"] else "same in substance"
            said = f"{r['said_changed']}/{r['predicted']}"
            lines.append(f"{r['term']:<25} {record:<20} {said:>18}  {r['right']}/{r['predicted']}")
    for r in (r for r in choice_rows(content, work) if r["predicted"]):
        votes = ", ".join(f"{text} {n}" for text, n in r["votes"].items())
        lines += [
            "",
            f"Prediction {r['name']}: {r['right']}/{r['predicted']} chose the record's answer, "
            f'"{r["answer"]}" ({r["confidence"]}); {votes}',
        ]
    if any(r["students"] for r in mix_rows(work)):
        lines += ["", f"{'Mix flagged by the figures calculator (02)':<60} Students who tried it"]
        lines += [f"{r['mix']:<60} {r['students']}" for r in mix_rows(work)]
    lines += transfer_summary.text_lines(content, work.transfer_calls, work.transfer_marks, claim_rows(content, work))
    return "\n".join(lines)


def _your_call_html(content, work: ClassWork) -> str:
    """The "your call first" section of the HTML report (empty when no one answered)."""
    parts = []
    guess = aid_guess_row(content, work)
    if guess["guesses"]:
        values = ", ".join(esc(aid.fmt_value(v, "nominal")) for v in guess["guesses"])
        nearest = "".join(f"<li>{esc(m)}: {n}</li>" for m, n in guess["nearest"].items())
        parts.append(
            f"<h3>The US aid total (02)</h3><p>{len(guess['guesses'])} guesses, median "
            f"{esc(aid.fmt_value(guess['median'], 'nominal'))}: {values}.</p>"
            f"<p>Nearest total in the news, by what it measures:</p><ul>{nearest}</ul>"
        )
    rows = prediction_rows(content, work)
    if rows and rows[0]["predicted"]:
        cells = [
            (
                esc(r["term"]),
                "changed" if r["changed"] else "same in substance",
                f"{r['said_changed']} of {r['predicted']}",
                f"{r['right']} of {r['predicted']}",
            )
            for r in rows
        ]
        head = ("Term", "The record", "Predicted a change", "Right")
        parts.append("<h3>Which deal terms changed (03)</h3>" + table_html(head, cells))
    for r in (r for r in choice_rows(content, work) if r["predicted"]):
        cells = [
            (esc(text), str(n), "the record's answer" if text == r["answer"] else "") for text, n in r["votes"].items()
        ]
        parts.append(
            f"<h3>{esc(r['question'])} ({esc(r['name'][:2])})</h3>"
            f"<p>{r['right']} of {r['predicted']} chose the record's answer; how firmly it stands: "
            f"{esc(r['confidence'])}.</p>" + table_html(("Option", "Students", ""), cells)
        )
    if not parts:
        return ""
    return "<h2>Your call first: the class's guesses before the reveal</h2>" + "".join(parts)


def _mixes_html(work: ClassWork) -> str:
    """The figures calculator's section of the HTML report (empty when no one tried a flagged mix)."""
    rows = mix_rows(work)
    if not any(r["students"] for r in rows):
        return ""
    table = table_html(("Mix flagged", "Students who tried it"), ((esc(r["mix"]), str(r["students"])) for r in rows))
    return f"<h2>The figures calculator (02): the mixes students tried</h2>{table}"


def html_report(content, work: ClassWork) -> str:
    """The summary as a short, self-contained HTML page."""
    scale = [level.label for level in claims.scale(content)]
    claim_table = table_html(
        ("Claim", "Ledger", *(esc(label) for label in scale), "Agree with the ledger"),
        (
            (
                esc(r["claim"]),
                esc(r["ledger"]),
                *(str(r["votes"][label]) for label in scale),
                f"{r['agree']} of {r['judged']}",
            )
            for r in claim_rows(content, work)
        ),
    )
    quiz_table = table_html(
        ("Quiz", "Question", "Right at first try", "Most chosen wrong option (first tries)", "Misconception"),
        (
            (
                esc(r["quiz"]),
                esc(r["question"]),
                f"{r['right_first']} of {r['answered']} ({_share(r['right_first'], r['answered'])})",
                esc(r["top_wrong"] or "-") + (f" ({r['top_wrong_count']})" if r["top_wrong"] else ""),
                esc(r["misconception"] or ""),
            )
            for r in question_rows(content, work)
            if r["answered"]
        ),
    )
    skipped = "".join(f"<li>{esc(s)}</li>" for s in work.skipped)
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Class summary</title>'
        "<style>body{font-family:sans-serif;max-width:70em;margin:1em auto}table{border-collapse:collapse}"
        "td,th{border:1px solid #999;padding:3px 6px;text-align:left}</style></head><body>"
        f"<h1>Class summary</h1><p>{len(work.students)} students: {esc(', '.join(work.students))}.</p>"
        "<h2>The claims: your class against the ledger</h2><p>Each student's first call, made before the "
        f"ledger's verdict was shown.</p>{claim_table}"
        f"<h2>The quizzes: right at the first try, and the misconception to discuss</h2>{quiz_table}"
        + _your_call_html(content, work)
        + _mixes_html(work)
        + transfer_summary.section_html(content, work.transfer_calls, work.transfer_marks, claim_rows(content, work))
        + (f"<h2>Files skipped</h2><ul>{skipped}</ul>" if skipped else "")
        + "</body></html>\n"
    )
