"""Where a student's answers and writing are kept, so nothing is lost.

Work is saved under ``my_work/`` beside the notebooks (or the folder named by
``EXPLAINER_WORK``). Saving never overwrites an earlier file: each save of a
written position gets a new numbered file, and quiz answers are appended to a
history. Files are written to a temporary name first and then renamed, so a
crash cannot leave half a file.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import uuid
from pathlib import Path

from ..model import deal

# The names of saved work: what the views save under and the class summary reads back.
#: The student's id (:func:`student_id`).
STUDENT_FILE = "student.json"
#: The student's own verdicts on the claims (:func:`record_call`).
CALLS_FILE = "claim-calls.json"
#: A student's calls on the claims of a text checked alone (notebook 08), kept apart from the article's.
TRANSFER_CALLS_FILE = "transfer-calls.json"
#: Which passages of a text checked alone the student marked as checkable claims.
TRANSFER_MARKS_FILE = "transfer-marks.json"
#: The "your call first" answers (:func:`record_guess`), under the names below.
GUESSES_FILE = "guesses.json"
#: The names the "your call first" answers are saved under: the US aid total (02), the deal's changed terms (03).
AID_GUESS = "02-us-aid-total"
DEAL_PREDICTION = "03-changed-terms"
#: The names of the one-choice predictions (records of ``data/predictions.yaml``, saved under their ids):
#: US weapons deliveries after the Oval Office meeting (04), the fund a year after signing (07).
AID_AFTER_OVAL_PREDICTION = "04-aid-after-oval-office"
FUND_INVESTMENT_PREDICTION = "07-fund-first-investment"
CHOICE_PREDICTIONS = (AID_AFTER_OVAL_PREDICTION, FUND_INVESTMENT_PREDICTION)

#: The names a student handed in under, as a history (:func:`record_name`).
NAME_FILE = "name.json"
#: The combinations tried in notebook 02's figures calculator (:func:`record_mix`).
CALCULATOR_FILE = "calculator.json"
#: The two versions the deal prediction of notebook 03 compares: those the grid of changes counts.
DEAL_PREDICTION_VERSIONS = deal.KEY_VERSIONS


def work_dir() -> Path:
    """The folder for student work (created when first needed)."""
    return Path(os.environ.get("EXPLAINER_WORK") or Path.cwd() / "my_work").expanduser()


def _atomic_write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def _slug(name: str) -> str:
    slug = re.sub(r"[^a-z0-9_-]+", "-", name.lower()).strip("-")
    return slug or "work"


def quiz_file(quiz_id: str) -> str:
    """The name of the file holding the answers checked in quiz ``quiz_id`` (:func:`record_answer`)."""
    return f"quiz-{_slug(quiz_id)}.json"


def save_text(name: str, text: str) -> Path:
    """Save ``text`` as a new file ``NAME-N.md``; earlier saves are kept.

    Returns
    -------
    pathlib.Path
        The file written.
    """
    folder = work_dir()
    folder.mkdir(parents=True, exist_ok=True)
    stem = _slug(name)
    n = 1 + max(
        (
            int(m.group(1))
            for p in folder.glob(f"{stem}-*.md")
            if (m := re.fullmatch(rf"{re.escape(stem)}-(\d+)\.md", p.name))
        ),
        default=0,
    )
    path = folder / f"{stem}-{n}.md"
    stamp = dt.datetime.now().isoformat(timespec="seconds")
    _atomic_write(path, f"<!-- saved {stamp} -->\n{text}\n")
    return path


def latest_text(name: str) -> str | None:
    """The most recently saved text under ``name``, or None."""
    folder = work_dir()
    stem = _slug(name)
    found = []
    for p in folder.glob(f"{stem}-*.md"):
        m = re.fullmatch(rf"{re.escape(stem)}-(\d+)\.md", p.name)
        if m:
            found.append((int(m.group(1)), p))
    if not found:
        return None
    body = max(found)[1].read_text(encoding="utf-8")
    return body.split("\n", 1)[1].rstrip("\n") if body.startswith("<!--") else body


def student_id() -> str:
    """This student's id, made once and kept in ``my_work/student.json``.

    The id seeds the order in which quiz options are shown, so a reload keeps
    the order and another student (another ``my_work/``) sees another. The
    file is created without overwriting: if two kernels race, both read the
    one that was written first.
    """
    path = work_dir() / STUDENT_FILE
    for _attempt in range(2):
        try:
            found = json.loads(path.read_text(encoding="utf-8")).get("id")
            if isinstance(found, str) and found:
                return found
            raise ValueError
        except FileNotFoundError:
            pass
        except (OSError, ValueError, AttributeError):
            # Unreadable: keep it aside rather than lose it, then make a new one.
            os.replace(path, path.with_suffix(f".unreadable-{dt.datetime.now():%Y%m%d%H%M%S}.json"))
        path.parent.mkdir(parents=True, exist_ok=True)
        new = uuid.uuid4().hex
        try:
            with open(path, "x", encoding="utf-8") as f:
                json.dump({"id": new, "created": dt.datetime.now().isoformat(timespec="seconds")}, f)
            return new
        except FileExistsError:
            continue
    raise OSError(f"cannot read or create {path}")


def load_history(quiz_id: str) -> list[dict]:
    """Every answer checked in quiz ``quiz_id``, oldest first (``question``, ``answer``, ``correct``, ``at``)."""
    path = work_dir() / quiz_file(quiz_id)
    try:
        history = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return [e for e in history if isinstance(e, dict) and "question" in e] if isinstance(history, list) else []


def load_answers(quiz_id: str) -> dict:
    """The saved answers of quiz ``quiz_id``: ``{question_id: answer}``."""
    path = work_dir() / quiz_file(quiz_id)
    try:
        history = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    answers = {}
    for entry in history if isinstance(history, list) else []:
        if isinstance(entry, dict) and "question" in entry:
            answers[entry["question"]] = entry.get("answer")
    return answers


def _append(path: Path, entry: dict) -> Path:
    """Add ``entry`` to the JSON history in ``path``; an unreadable file is kept aside, not lost."""
    try:
        history = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(history, list):
            raise ValueError
    except (OSError, ValueError):
        history = []
        if path.exists():
            os.replace(path, path.with_suffix(f".unreadable-{dt.datetime.now():%Y%m%d%H%M%S}.json"))
    history.append({**entry, "at": dt.datetime.now().isoformat(timespec="seconds")})
    _atomic_write(path, json.dumps(history, indent=1, ensure_ascii=False))
    return path


def record_answer(quiz_id: str, question_id: str, answer, correct: bool) -> Path:
    """Append one answer to the quiz's history file and return its path."""
    path = work_dir() / quiz_file(quiz_id)
    return _append(path, {"question": question_id, "answer": answer, "correct": correct})


def record_call(claim_id: str, verdict: str, reason: str = "", file: str = CALLS_FILE) -> Path:
    """Append a student's own verdict on one claim (made before seeing the ledger's) and return the file.

    Calls are kept in ``my_work/claim-calls.json`` (or ``file``: the calls on
    a text checked alone go to :data:`TRANSFER_CALLS_FILE`) as a history: a
    new call on the same claim is added, never written over the first.
    """
    return _append(work_dir() / file, {"claim": claim_id, "verdict": verdict, "reason": reason})


def _first_entries(file: str, key: str) -> dict:
    """The first entry of a history file for each value of ``key``: ``{value: entry}``.

    The first counts, because it is the one made before the answer was shown.
    """
    try:
        history = json.loads((work_dir() / file).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    first = {}
    for entry in history if isinstance(history, list) else []:
        if isinstance(entry, dict) and isinstance(entry.get(key), str):
            first.setdefault(entry[key], entry)
    return first


def load_calls(file: str = CALLS_FILE) -> dict:
    """The student's first call on each claim: ``{claim_id: {"verdict": ..., "reason": ...}}``.

    The first call counts, because it is the one made before the ledger's
    verdict was shown. ``file`` is the history to read (the article's calls by default).
    """
    return {
        claim: {"verdict": e.get("verdict"), "reason": e.get("reason", "")}
        for claim, e in _first_entries(file, "claim").items()
    }


def record_marks(text_id: str, checkable) -> Path:
    """Append which passages of the text ``text_id`` the student marked as checkable claims; return the file.

    Kept in ``my_work/transfer-marks.json`` as a history: the first marking
    counts, later ones are added, never written over it.
    """
    return _append(work_dir() / TRANSFER_MARKS_FILE, {"text": text_id, "checkable": list(checkable)})


def load_marks() -> dict:
    """The student's first marking of each text: ``{text_id: [passage ids marked checkable]}``."""
    return {text: e.get("checkable") for text, e in _first_entries(TRANSFER_MARKS_FILE, "text").items()}


def record_guess(name: str, value, **details) -> Path:
    """Append a student's "your call first" answer (made before the reveal) and return the file.

    Guesses are kept in ``my_work/guesses.json`` as a history, like claim
    calls: a new guess under the same ``name`` is added, never written over
    the first. ``details`` are saved with it (where the US aid total was
    asked, and which totals the student could have seen by then).
    """
    return _append(work_dir() / GUESSES_FILE, {"guess": name, "value": value, **details})


def load_guesses() -> dict:
    """The student's first guess under each name: ``{name: value}`` (the one made before the reveal)."""
    return {name: e.get("value") for name, e in _first_entries(GUESSES_FILE, "guess").items()}


def record_mix(first: str, op: str, second: str, flags) -> Path:
    """Append one combination tried in the figures calculator (notebook 02) and return the file.

    Parameters
    ----------
    first, second : str
        The figures' ids (``<collection>:<record id>``).
    op : str
        The operation's symbol.
    flags : iterable of str
        The ids of the rules the combination broke (empty if none).

    Every try is kept in ``my_work/calculator.json``, so the class summary
    can show which mixes students tried.
    """
    return _append(work_dir() / CALCULATOR_FILE, {"first": first, "op": op, "second": second, "flags": list(flags)})


def record_name(name: str) -> Path:
    """Append the name or pseudonym a student hands in under (:mod:`explainer.classroom.handin`)."""
    return _append(work_dir() / NAME_FILE, {"name": name})


def latest_name() -> str | None:
    """The name the student last handed in under, or None."""
    try:
        history = json.loads((work_dir() / NAME_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    names = [e["name"] for e in history if isinstance(e, dict) and isinstance(e.get("name"), str)]
    return names[-1] if names else None


#: The skill check's answers (:func:`record_skillcheck`), before the unit (00) and after it (07).
SKILLCHECK_FILE = "skillcheck.json"


def record_skillcheck(when: str, form: str, answers: dict, correct: dict) -> Path:
    """Append one submitted skill-check form, one entry per item, and return the file.

    Parameters
    ----------
    when : {"before", "after"}
    form : {"A", "B"}
    answers : dict
        ``{item id: option id}``.
    correct : dict
        ``{item id: bool}``.

    Entries are only added: a form submitted again is kept too, but the
    first entry for each item counts (:func:`load_skillcheck`).
    """
    path = work_dir() / SKILLCHECK_FILE
    for item, answer in answers.items():
        _append(path, {"when": when, "form": form, "item": item, "answer": answer, "correct": bool(correct[item])})
    return path


def load_skillcheck(when: str) -> dict:
    """The first saved entry for each item of the check ``when``: ``{item id: entry}`` (empty if not taken)."""
    try:
        history = json.loads((work_dir() / SKILLCHECK_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    first = {}
    for entry in history if isinstance(history, list) else []:
        if isinstance(entry, dict) and entry.get("when") == when and isinstance(entry.get("item"), str):
            first.setdefault(entry["item"], entry)
    return first


def first_guess(name: str) -> dict | None:
    """The whole first entry saved under ``name`` in the guesses (value, and where it was asked), or None."""
    return _first_entries(GUESSES_FILE, "guess").get(name)
