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
- the skill check (00 before, 07 after): each student's and the class's
  score per skill before and after, the gain, and the items each form used.
  The guesses at the US aid total are reported in two groups: made in 00,
  before any total was shown, or in 02, after 01 could have shown some.
- the text checked alone (08): for each of its claims, the class's verdicts
  against the project's ledger, and which passages students marked checkable
  (:mod:`explainer.classroom.transfer_summary`).

It prints a table and writes a short HTML report. A file that cannot be read,
or that holds anything but well-formed entries, is named and skipped, whole.
Nothing in ``DIR`` is changed.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..markup import esc, table_html
from ..model import aid, arithmetic, claims, classconfig, overlap
from ..model import deal as dr
from ..model import skillcheck as sc
from . import handin, transfer_summary
from .entries import entries, first_calls
from .studentwork import (
    AID_GUESS,
    CALCULATOR_FILE,
    CALLS_FILE,
    CHOICE_PREDICTIONS,
    DEAL_PREDICTION,
    DEAL_PREDICTION_VERSIONS,
    GUESSES_FILE,
    SKILLCHECK_FILE,
    TRANSFER_CALLS_FILE,
    TRANSFER_MARKS_FILE,
    quiz_file,
)


@dataclass
class ClassWork:
    """What a class's work holds, after bad entries and files are set aside."""

    students: list[str] = field(default_factory=list)
    calls: dict = field(default_factory=dict)  # student -> {claim: verdict}
    reasons: dict = field(default_factory=dict)  # student -> {claim: the one-line reason given with the first call}
    first_tries: dict = field(default_factory=dict)  # student -> {(quiz, question): (answer, correct)}
    guesses: dict = field(default_factory=dict)  # student -> {guess name: first value}
    mixes: dict = field(default_factory=dict)  # student -> set of calculator rule ids their tries broke
    writing: dict = field(default_factory=dict)  # student -> {task: (latest saved text, when saved)}
    handed_in: dict = field(default_factory=dict)  # student -> when the hand-in read was made ("" for a folder)
    guess_asked_in: dict = field(default_factory=dict)  # student -> where the first aid guess was made ("00", "02")
    skillchecks: dict = field(default_factory=dict)  # student -> {when: (form, {item: correct})}, first answers
    transfer_calls: dict = field(default_factory=dict)  # student -> {text id:claim id: first verdict} (08)
    transfer_marks: dict = field(default_factory=dict)  # student -> {text id: passages marked checkable} (08)
    skipped: list[str] = field(default_factory=list)  # "where: why; skipped"


_SAVED = re.compile(r"<!-- saved (\S+) -->\n")
_WRITING = re.compile(r"(.+)-(\d+)\.md")


def _student_files(folder: Path, skipped: list):
    """Each student's files: ``(student, when handed in, {file name: (shown path, text)})``.

    A sub-folder is a copy of one student's ``my_work/``; a ``.json`` file of the
    folder is a hand-in (:mod:`explainer.classroom.handin`). Of several hand-ins
    by one student (the same id), the latest is read and the others are named.
    """
    found = []
    if folder.is_file():
        paths, base = [folder], folder.parent
    else:
        paths, base = sorted(p for p in folder.iterdir() if not p.name.startswith(".")), folder
    handins = {}
    for path in paths:
        shown = str(path.relative_to(base))
        if path.is_dir():
            files = {}
            for f in sorted(p for p in path.iterdir() if p.is_file() and not p.name.startswith(".")):
                try:
                    files[f.name] = (str(f.relative_to(base)), f.read_text(encoding="utf-8"))
                except UnicodeDecodeError:
                    if f.suffix in (".json", ".md"):
                        skipped.append(f"{f.relative_to(base)}: not a text file; skipped")
                except OSError as err:
                    skipped.append(f"{f.relative_to(base)}: {err.strerror or err}; skipped")
            found.append((path.name, "", files))
        elif path.suffix == ".json":
            try:
                doc = handin.read_document(path)
            except (OSError, ValueError) as err:
                skipped.append(f"{shown}: {err}; skipped")
                continue
            files = {name: (f"{shown}:{name}", text) for name, text in doc["files"].items()}
            earlier = handins.get(doc["student"])
            if earlier and earlier[1] >= doc["handed_in"]:
                skipped.append(f"{shown}: an earlier hand-in by {doc['name']} than {earlier[3]}; skipped")
                continue
            if earlier:
                skipped.append(f"{earlier[3]}: an earlier hand-in by {earlier[0]} than {shown}; skipped")
            handins[doc["student"]] = (doc["name"], doc["handed_in"], files, shown)
    found += [(name, when, files) for name, when, files, _shown in handins.values()]
    # Two students handing in under one name are told apart by a number.
    names = Counter(name for name, _w, _f in found)
    seen = Counter()
    labelled = []
    for name, when, files in sorted(found, key=lambda f: (f[0].lower(), f[1])):
        seen[name] += 1
        labelled.append((f"{name} ({seen[name]})" if names[name] > 1 else name, when, files))
    return labelled


def read_class(content, folder) -> ClassWork:
    """Read every student's work in ``folder``, skipping bad entries and files.

    Parameters
    ----------
    content : Content
        For the claims, the rating scale and the quizzes the files refer to.
    folder : str or Path
        A folder holding one sub-folder per student (a copy of their ``my_work/``)
        and hand-in files, or one hand-in file.

    Returns
    -------
    ClassWork
        A malformed entry costs only that entry, a file that is not a list of
        entries only that file: each is named in :attr:`ClassWork.skipped`.
    """
    work = ClassWork()
    for student, when, files in _student_files(Path(folder), work.skipped):
        got = _StudentWork()
        for name, (shown, text) in files.items():
            reader = _READERS.get(name) or (quizzes_by_file(content).get(name) and _read_quiz)
            if reader is None and _WRITING.fullmatch(name):
                reader = _read_writing
            if reader is None:
                continue
            try:
                reader(content, name, text, shown, got, work.skipped)
            except ValueError as err:
                work.skipped.append(f"{shown}: {err}; skipped")
        if got.usable:
            work.students.append(student)
            work.calls[student], work.reasons[student] = got.calls, got.reasons
            work.first_tries[student] = got.tries
            work.guesses[student] = got.guesses
            work.mixes[student] = got.mixes
            work.writing[student] = {task: got.writing[task][1:] for task in got.writing}
            work.handed_in[student] = when
            if got.guess_asked_in:
                work.guess_asked_in[student] = got.guess_asked_in
            if got.skillchecks:
                work.skillchecks[student] = got.skillchecks
            work.transfer_calls[student] = got.transfer_calls
            work.transfer_marks[student] = got.transfer_marks
    return work


@dataclass
class _StudentWork:
    calls: dict = field(default_factory=dict)
    reasons: dict = field(default_factory=dict)
    tries: dict = field(default_factory=dict)
    guesses: dict = field(default_factory=dict)
    mixes: set = field(default_factory=set)
    writing: dict = field(default_factory=dict)  # task -> (number, text, when)
    guess_asked_in: str | None = None
    skillchecks: dict = field(default_factory=dict)  # when -> (form, {item: correct})
    transfer_calls: dict = field(default_factory=dict)  # text id:claim id -> first verdict (08)
    transfer_marks: dict = field(default_factory=dict)  # text id -> passages first marked checkable (08)
    usable: bool = False  # at least one entry or text was kept: the student is counted


def quizzes_by_file(content) -> dict:
    """The quizzes by the name of the file their answers are saved in: ``{file name: Quiz}``."""
    return {quiz_file(q.id): q for q in content.quizzes}


def _read_calls(content, name, text, shown, got, skipped):
    levels = {level.id for level in content.rating_scale}
    known = {c.id for c in content.claims}
    for claim, e in first_calls(text, shown, skipped, known, levels, "the ledger").items():
        got.usable = True
        if claim not in got.calls:
            got.calls[claim] = e["verdict"]
            got.reasons[claim] = e["reason"].strip() if isinstance(e.get("reason"), str) else ""


def _read_guesses(content, name, text, shown, got, skipped):
    for n, e in entries(text, {"guess": str}, skipped, shown):
        try:
            _check_guess(content, n, e)
        except ValueError as err:
            skipped.append(f"{shown}: {err}; skipped")
            continue
        if e["guess"] == AID_GUESS and e["guess"] not in got.guesses:
            # A guess saved before 00 asked it was made in 02.
            got.guess_asked_in = e.get("asked_in", "02")
        got.guesses.setdefault(e["guess"], e["value"])
        got.usable = True


def _read_mixes(content, name, text, shown, got, skipped):
    for n, e in entries(text, {"first": str, "op": str, "second": str, "flags": list}, skipped, shown):
        unknown = [f for f in e["flags"] if f not in arithmetic.RULES]
        if unknown:
            skipped.append(f"{shown}: entry {n} names no rule of the calculator ({unknown[0]!r}); skipped")
            continue
        got.mixes.update(e["flags"])
        got.usable = True


def _read_quiz(content, name, text, shown, got, skipped):
    quiz = quizzes_by_file(content)[name]
    questions = {q.id for q in quiz.questions}
    for n, e in entries(text, {"question": str, "correct": bool}, skipped, shown):
        if e["question"] not in questions:
            skipped.append(f"{shown}: entry {n} names no question of {quiz.id} ({e['question']!r}); skipped")
            continue
        got.tries.setdefault((quiz.id, e["question"]), (e.get("answer"), e["correct"]))
        got.usable = True


def _read_writing(content, name, text, shown, got, skipped):
    task, number = _WRITING.fullmatch(name).groups()
    saved = _SAVED.match(text)
    body = (text[saved.end() :] if saved else text).strip()
    if not body:
        raise ValueError("an empty text")
    if task not in got.writing or int(number) > got.writing[task][0]:
        got.writing[task] = (int(number), body, saved.group(1) if saved else "")
    got.usable = True


def _check_guess(content, n: int, entry: dict) -> None:
    """Raise ValueError naming what is wrong with one entry of a guesses file."""
    name, value = entry["guess"], entry.get("value")
    if name == AID_GUESS:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
            raise ValueError(f"entry {n} guesses the aid total as {value!r}, not a number above zero")
        if entry.get("asked_in", "02") not in ("00", "02"):
            raise ValueError(f"entry {n} was asked in {entry['asked_in']!r}, not in notebook 00 or 02")
        totals = {h.id for h in content.aid_headlines}
        seen = entry.get("seen", [])
        if not isinstance(seen, list) or not all(isinstance(t, str) and t in totals for t in seen):
            raise ValueError(f"entry {n} lists totals seen that are not headline figures ({seen!r})")
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


def aid_guess_row(content, work: ClassWork, asked_in: str | None = None) -> dict:
    """The class's first guesses at the US aid total, and which total in the news each lies nearest.

    With ``asked_in`` ("00" or "02"), only the guesses made in that notebook.

    Returns
    -------
    dict
        ``guesses`` (sorted, US$ billion), ``median`` (None without guesses)
        and ``nearest``: how many guesses lie nearest to a total of each
        measure, in the order the measures are first met from the smallest
        total up.
    """
    values = sorted(
        g[AID_GUESS]
        for student, g in work.guesses.items()
        if AID_GUESS in g and asked_in in (None, work.guess_asked_in.get(student, "02"))
    )
    nearest = Counter(min(aid.aid_figures(content), key=lambda h: abs(h.amount_usd_bn - v)).measure for v in values)
    order = list(dict.fromkeys(h.measure for h in aid.aid_figures(content)))
    median = None
    if values:
        mid = len(values) // 2
        median = values[mid] if len(values) % 2 else (values[mid - 1] + values[mid]) / 2
    return {"guesses": values, "median": median, "nearest": {m: nearest[m] for m in order if nearest[m]}}


#: The two groups of guesses at the US aid total: where each was made, and what the student had seen by then.
GUESS_GROUPS = {
    "00": "before any total was shown",
    "02": "after notebook 01 could have shown some totals",
}


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
    """Per claim: the ledger's verdict, the class's count per verdict, how many agree, and the reasons given.

    ``reasons`` holds ``(student, verdict label, reason)`` for each first call made with a reason.
    """
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
                "reasons": [
                    (student, content.get("rating_scale", calls[claim.id]).label, work.reasons[student][claim.id])
                    for student, calls in work.calls.items()
                    if claim.id in calls and work.reasons.get(student, {}).get(claim.id)
                ],
            }
        )
    return rows


def question_rows(content, work: ClassWork) -> list[dict]:
    """Per quiz question: its text, the spread of first answers, right at first try, the most chosen wrong one.

    Returns
    -------
    list of dict
        ``quiz``, ``question`` (id), ``prompt``, ``spread`` (per option: text,
        first answers, right or not, its misconception; for a number question
        the answers given), ``answered``, ``right_first``, ``top_wrong``,
        ``top_wrong_count`` and ``misconception``.
    """
    rows = []
    for quiz in content.quizzes:
        for q in quiz.questions:
            firsts = [t[(quiz.id, q.id)] for t in work.first_tries.values() if (quiz.id, q.id) in t]
            wrong = Counter(str(answer) for answer, correct in firsts if not correct)
            top, n_top = wrong.most_common(1)[0] if wrong else (None, 0)
            option = next((o for o in q.options if o.text == top), None)
            chosen = Counter(str(answer) for answer, _correct in firsts)
            spread = [(o.text, chosen.get(o.text, 0), o.correct, o.misconception) for o in q.options] or [
                (answer, n, None, None) for answer, n in chosen.most_common()
            ]
            rows.append(
                {
                    "quiz": quiz.id,
                    "question": q.id,
                    "prompt": q.prompt,
                    "spread": spread,
                    "answered": len(firsts),
                    "right_first": sum(correct for _answer, correct in firsts),
                    "top_wrong": top,
                    "top_wrong_count": n_top,
                    "misconception": option.misconception if option else None,
                }
            )
    return rows


def copy_flags(content, work: ClassWork) -> list[overlap.CopyFlag]:
    """Written positions sharing a run of 8 words or more with a model answer, a rubric example or each other.

    Each task's positions are compared with every model answer and rubric
    example, and with the other students' positions for the same task. Words
    in quotation marks are left out (quoting the same speaker is not copying).
    ``author`` and ``other`` read ``student: task``.
    """
    references = {f"model answer {a.id}": a.answer for a in content.model_answers}
    tasks = sorted({task for texts in work.writing.values() for task in texts})
    flags = []
    for task in tasks:
        positions = {f"{s}: {task}": texts[task][0] for s, texts in work.writing.items() if task in texts}
        flags += overlap.copy_flags(positions, references)
    return flags


def assessed_question(content) -> str:
    """The question the written positions answer, as the class configuration sets it, in one line."""
    try:
        config = classconfig.class_config(content)
    except classconfig.ClassConfigError as err:
        return f"not known: {err}"
    where = f"set in {config.path}" if config.path else "the default; no class configuration file"
    return f"{config.assessed_prompt.question} ({where})"


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
    for asked_in, when in GUESS_GROUPS.items():
        guess = aid_guess_row(content, work, asked_in)
        if guess["guesses"]:
            fmt = [aid.fmt_value(v, "nominal") for v in guess["guesses"]]
            nearest = ", ".join(f"{m} {n}" for m, n in guess["nearest"].items())
            lines += [
                "",
                f"Guesses at the US aid total made in {asked_in}, {when}: {len(fmt)}; "
                f"median {aid.fmt_value(guess['median'], 'nominal')}; "
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
    lines += skillcheck_lines(content, work)
    written = sum(len(texts) for texts in work.writing.values())
    if written:
        lines += [
            "",
            f"Written positions: {written} from {sum(bool(t) for t in work.writing.values())} students",
            f"Assessed question: {assessed_question(content)}",
        ]
    for flag in copy_flags(content, work):
        lines.append(
            f"Shared run of {flag.overlap.words} words: {flag.author} and {flag.other}: “{flag.overlap.passage}”"
        )
    return "\n".join(lines)


def _your_call_html(content, work: ClassWork) -> str:
    """The "your call first" section of the HTML report (empty when no one answered)."""
    parts = []
    for asked_in, when in GUESS_GROUPS.items():
        guess = aid_guess_row(content, work, asked_in)
        if not guess["guesses"]:
            continue
        values = ", ".join(esc(aid.fmt_value(v, "nominal")) for v in guess["guesses"])
        nearest = "".join(f"<li>{esc(m)}: {n}</li>" for m, n in guess["nearest"].items())
        parts.append(
            f"<h3>The US aid total, guessed in {asked_in}, {esc(when)}</h3><p>{len(guess['guesses'])} guesses, "
            f"median {esc(aid.fmt_value(guess['median'], 'nominal'))}: {values}.</p>"
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


def _claims_html(content, work: ClassWork) -> str:
    scale = [level.label for level in claims.scale(content)]
    parts = []
    for r in claim_rows(content, work):
        counts = ", ".join(f"{esc(label)} {r['votes'][label]}" for label in scale if r["votes"][label]) or "no calls"
        reasons = "".join(
            f"<li><b>{esc(student)}</b> ({esc(label)}): {esc(reason)}</li>" for student, label, reason in r["reasons"]
        )
        parts.append(
            f"<h3>{esc(r['claim'])}</h3><p>Ledger: <b>{esc(r['ledger'])}</b>. The class: {counts}; "
            f"{r['agree']} of {r['judged']} agree with the ledger.</p>"
            + (
                f"<details><summary>Reasons given ({len(r['reasons'])})</summary><ul>{reasons}</ul></details>"
                if reasons
                else ""
            )
        )
    return "".join(parts)


def _questions_html(content, work: ClassWork) -> str:
    parts = []
    for r in (r for r in question_rows(content, work) if r["answered"]):
        cells = [
            (
                esc(text),
                str(n),
                "right" if correct else ("" if correct is None else "wrong"),
                esc(misconception or ""),
            )
            for text, n, correct, misconception in r["spread"]
        ]
        parts.append(
            f"<h3>{esc(r['quiz'])}: {esc(r['prompt'])}</h3>"
            f"<p>{r['right_first']} of {r['answered']} right at the first try "
            f"({_share(r['right_first'], r['answered'])}).</p>"
            + table_html(("Answer", "First answers", "", "Misconception it shows"), cells)
        )
    return "".join(parts)


def _copies_html(content, work: ClassWork) -> str:
    flags = copy_flags(content, work)
    if not flags:
        return (
            "<h2>Shared passages</h2><p>No written position shares a run of 8 words or more with a model "
            "answer, a rubric example or another student's position (quotations left out).</p>"
        )
    items = "".join(
        f"<li><b>{esc(f.author)}</b> and <b>{esc(f.other)}</b> share {f.overlap.words} words: "
        f"<q>{esc(f.overlap.passage)}</q></li>"
        for f in flags
    )
    return (
        "<h2>Shared passages</h2><p>Runs of 8 words or more that a written position shares with a model answer, "
        "a rubric example or another student's position; words in quotation marks are left out. A shared run is "
        f"a reason to talk with the student, not proof of copying.</p><ul>{items}</ul>"
    )


def _student_id(student: str) -> str:
    return "student-" + re.sub(r"[^a-z0-9]+", "-", student.lower()).strip("-")


def _student_html(content, work: ClassWork, student: str) -> str:
    """One student's page: their calls with reasons, quiz first tries, guesses and written positions."""
    calls = work.calls.get(student, {})
    rows = [
        (
            esc(c.claim_reviewed),
            esc(content.get("rating_scale", calls[c.id]).label),
            esc(content.get("rating_scale", c.rating).label),
            esc(work.reasons.get(student, {}).get(c.id, "")),
        )
        for c in content.claims
        if c.id in calls
    ]
    tries = work.first_tries.get(student, {})
    quiz_rows = [(esc(q), esc(qid), esc(str(a)), "right" if ok else "wrong") for (q, qid), (a, ok) in tries.items()]
    guesses = "".join(
        f"<li><code>{esc(name)}</code>: {esc(value)}</li>" for name, value in work.guesses.get(student, {}).items()
    )
    writing = "".join(
        f"<h4>{esc(task)}</h4><p><small>Saved {esc(when or 'at an unknown time')}.</small></p>"
        + "".join(f"<p>{esc(par)}</p>" for par in text.split("\n\n"))
        for task, (text, when) in sorted(work.writing.get(student, {}).items())
    )
    when = work.handed_in.get(student)
    return (
        f'<section class="student" id="{_student_id(student)}"><h2>{esc(student)}</h2>'
        + (f"<p>Handed in {esc(when)}.</p>" if when else "<p>Read from a copy of their work folder.</p>")
        + (
            "<h3>Calls on the claims</h3>" + table_html(("Claim", "Their call", "Ledger", "Their reason"), rows)
            if rows
            else ""
        )
        + (
            "<h3>Quiz answers (first tries)</h3>" + table_html(("Quiz", "Question", "Answer", ""), quiz_rows)
            if quiz_rows
            else ""
        )
        + (f"<h3>Guesses and predictions</h3><ul>{guesses}</ul>" if guesses else "")
        + (
            f"<h3>Written positions</h3><p><small>Assessed question: {esc(assessed_question(content))}</small></p>"
            f"{writing}"
            if writing
            else ""
        )
        + "</section>"
    )


def html_report(content, work: ClassWork) -> str:
    """The summary as a self-contained HTML page: the class, then a page per student."""
    skipped = "".join(f"<li>{esc(s)}</li>" for s in work.skipped)
    students = ", ".join(f'<a href="#{_student_id(s)}">{esc(s)}</a>' for s in work.students)
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Class summary</title>'
        "<style>body{font-family:sans-serif;max-width:70em;margin:1em auto}table{border-collapse:collapse}"
        "td,th{border:1px solid #999;padding:3px 6px;text-align:left}"
        "section.student{break-before:page;border-top:2px solid #333;margin-top:2em}</style></head><body>"
        f"<h1>Class summary</h1><p>{len(work.students)} students: {students}.</p>"
        "<h2>The claims: your class against the ledger</h2><p>Each student's first call, made before the "
        f"ledger's verdict was shown, and the reason they gave.</p>{_claims_html(content, work)}"
        "<h2>The quizzes: each question's first answers, and the misconceptions chosen</h2>"
        + _questions_html(content, work)
        + _your_call_html(content, work)
        + _mixes_html(work)
        + skillcheck_html(content, work)
        + transfer_summary.section_html(content, work.transfer_calls, work.transfer_marks, claim_rows(content, work))
        + _copies_html(content, work)
        + (f"<h2>Entries and files skipped</h2><ul>{skipped}</ul>" if skipped else "")
        + "".join(_student_html(content, work, s) for s in work.students)
        + "</body></html>\n"
    )


# ----------------------------------------------------------------------------
# The skill check (00 before the unit, 07 after it)


def _read_skillcheck(content, name, text, shown, got, skipped):
    """A skill-check file into ``got.skillchecks``: ``{when: (form, {item id: correct})}``, first answers."""
    forms = {i.id: i.form for i in content.skillcheck}
    for n, e in entries(text, {"when": str, "form": str, "item": str, "correct": bool}, skipped, shown):
        if e["when"] not in sc.WHENS:
            problem = f"entry {n} is neither before nor after the unit ({e['when']!r})"
        elif forms.get(e["item"]) != e["form"]:
            problem = f"entry {n} names no item of form {e['form']!r} ({e['item']!r})"
        elif got.skillchecks.get(e["when"], (e["form"],))[0] != e["form"]:
            problem = f"entry {n} mixes forms {got.skillchecks[e['when']][0]} and {e['form']} in the check {e['when']}"
        else:
            form, answers = got.skillchecks.setdefault(e["when"], (e["form"], {}))
            answers.setdefault(e["item"], e["correct"])
            got.usable = True
            continue
        skipped.append(f"{shown}: {problem}; skipped")


def skillcheck_rows(content, work: ClassWork) -> dict:
    """The skill check summed up, before and after the unit.

    Returns
    -------
    dict
        ``students``: per student, ``{when: (form, {skill: (right, asked)})}``;
        ``class``: per skill, ``{"before": (right, asked), "after": (right,
        asked), "gain": percentage points or None}``, where the gain compares
        the students who took both checks; ``forms``: per form, the item ids
        by skill.
    """
    per_student = {}
    for student, taken in sorted(work.skillchecks.items()):
        per_student[student] = {}
        for when, (form, answers) in taken.items():
            per_skill = {}
            for item in sc.form_items(content, form):
                if item.id in answers:
                    right, asked = per_skill.get(item.skill, (0, 0))
                    per_skill[item.skill] = (right + answers[item.id], asked + 1)
            per_student[student][when] = (form, per_skill)
    both = [s for s, t in per_student.items() if set(t) == set(sc.WHENS)]
    summed = {}
    for skill in sc.SKILLS:
        row = {}
        for when in sc.WHENS:
            cells = [t[when][1][skill] for t in per_student.values() if when in t and skill in t[when][1]]
            row[when] = (sum(r for r, _ in cells), sum(a for _, a in cells))
        paired = [[per_student[s][when][1].get(skill, (0, 0)) for s in both] for when in sc.WHENS]
        shares = [sum(r for r, _ in p) / sum(a for _, a in p) if sum(a for _, a in p) else None for p in paired]
        row["gain"] = None if None in shares else round(100 * (shares[1] - shares[0]))
        summed[skill] = row
    forms = {
        f: {skill: [i.id for i in sc.form_items(content, f) if i.skill == skill] for skill in sc.SKILLS}
        for f in sc.FORMS
    }
    return {"students": per_student, "class": summed, "forms": forms, "both": both}


def _right(cell) -> str:
    right, asked = cell
    return f"{right}/{asked} {_share(right, asked)}" if asked else "-"


def _total(per_skill: dict) -> tuple[int, int]:
    return sum(r for r, _ in per_skill.values()), sum(a for _, a in per_skill.values())


def skillcheck_lines(content, work: ClassWork) -> list[str]:
    """The skill check's part of the text report (nothing when no one took it)."""
    rows = skillcheck_rows(content, work)
    if not rows["students"]:
        return []
    lines = ["", f"Skill check (00 before, 07 after): {len(rows['students'])} students, {len(rows['both'])} took both"]
    lines.append(f"{'Student':<12} {'Before':<16} {'After':<16}")
    for student, taken in rows["students"].items():
        cells = [f"{_right(_total(taken[w][1]))} ({taken[w][0]})" if w in taken else "-" for w in sc.WHENS]
        lines.append(f"{student:<12} {cells[0]:<16} {cells[1]:<16}")
    lines.append(f"{'Skill':<40} {'Before':>12} {'After':>12}  Gain (students who took both)")
    for skill, r in rows["class"].items():
        gain = "-" if r["gain"] is None else f"{r['gain']:+d} points"
        lines.append(f"{sc.SKILL_LABELS[skill]:<40} {_right(r['before']):>12} {_right(r['after']):>12}  {gain}")
    for form, by_skill in rows["forms"].items():
        lines.append(f"Form {form}: " + "; ".join(f"{skill}: {', '.join(ids)}" for skill, ids in by_skill.items()))
    return lines


def skillcheck_html(content, work: ClassWork) -> str:
    """The skill check's section of the HTML report (empty when no one took it)."""
    rows = skillcheck_rows(content, work)
    if not rows["students"]:
        return ""
    head = ("Student", *(f"{w}: {sc.SKILL_LABELS[s]}" for w in sc.WHENS for s in sc.SKILLS))
    body = []
    for student, taken in rows["students"].items():
        cells = [esc(student)]
        for when in sc.WHENS:
            form, per_skill = taken.get(when, ("", {}))
            cells += [f"{_right(per_skill[s])} ({form})" if s in per_skill else "-" for s in sc.SKILLS]
        body.append(cells)
    summed = [
        (
            esc(sc.SKILL_LABELS[s]),
            _right(r["before"]),
            _right(r["after"]),
            "-" if r["gain"] is None else f"{r['gain']:+d} points",
        )
        for s, r in rows["class"].items()
    ]
    forms = "".join(
        f"<li>Form {f}: "
        + "; ".join(f"{esc(sc.SKILL_LABELS[s])}: {esc(', '.join(ids))}" for s, ids in by.items())
        + "</li>"
        for f, by in rows["forms"].items()
    )
    return (
        "<h2>The skill check: before (00) and after (07)</h2>"
        f"<p>{len(rows['students'])} students took it, {len(rows['both'])} both times. Which form a student "
        "takes first is set by their id, so half a class starts with each.</p>"
        + table_html(("Skill", "Before", "After", "Gain (students who took both)"), summed)
        + table_html(head, body)
        + f"<p>The items each form used:</p><ul>{forms}</ul>"
    )


def _read_transfer_calls(content, name, text, shown, got, skipped):
    for call, verdict in transfer_summary.read_calls(content, text, shown, skipped).items():
        got.transfer_calls.setdefault(call, verdict)
        got.usable = True


def _read_transfer_marks(content, name, text, shown, got, skipped):
    for text_id, marked in transfer_summary.read_marks(content, text, shown, skipped).items():
        got.transfer_marks.setdefault(text_id, marked)
        got.usable = True


# What reads each file of a student's work (quizzes and written texts are found by their names).
_READERS = {
    CALLS_FILE: _read_calls,
    GUESSES_FILE: _read_guesses,
    CALCULATOR_FILE: _read_mixes,
    SKILLCHECK_FILE: _read_skillcheck,
    TRANSFER_CALLS_FILE: _read_transfer_calls,
    TRANSFER_MARKS_FILE: _read_transfer_marks,
}
