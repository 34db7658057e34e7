"""Handing in: everything a student saved, in one file the teacher can read back.

A hand-in file is one JSON document::

    {"format": "minerals-for-security hand-in", "version": 1,
     "student": "<id from student.json>", "name": "<name or pseudonym>",
     "handed_in": "2026-12-05T14:03:35",
     "files": {"claim-calls.json": "<the file's text>", "05-debate-position-1.md": "...", ...}}

``files`` holds every file of the student's ``my_work/`` as it was, text for
text: the histories keep the time of each entry (``at``) and a saved text its
own ``<!-- saved … -->`` line, so nothing is re-encoded and the class summary
reads a hand-in exactly as it reads a copied ``my_work/`` folder. A file that
is not text is left out and named in ``left_out``.

The file is written into ``my_work/hand-in/`` under a new name each time
(never over an earlier hand-in). Where the hub's configuration names a class
folder (the ``EXPLAINER_HANDIN`` environment variable, set for every student's
server, e.g. ``c.Spawner.environment``), a copy goes there too, named so that
two students, or two hand-ins, never write the same file.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

from .studentwork import latest_name, record_name, student_id, work_dir

FORMAT = "minerals-for-security hand-in"
VERSION = 1
#: The folder under ``my_work/`` that keeps the student's own copy of each hand-in.
HANDIN_DIR = "hand-in"
#: The environment variable naming the class folder hand-ins are copied into (set in the hub's configuration).
EXCHANGE_ENV = "EXPLAINER_HANDIN"


@dataclass(frozen=True)
class HandIn:
    """What one hand-in wrote.

    Attributes
    ----------
    path : pathlib.Path
        The student's own copy, in ``my_work/hand-in/``.
    document : dict
        The hand-in itself (what the file holds).
    copied_to : pathlib.Path or None
        The copy in the class folder, if one is configured and the copy was written.
    problem : str
        Why the copy to the class folder failed ("" if it did not fail or none is configured).
    """

    path: Path
    document: dict
    copied_to: Path | None = None
    problem: str = ""

    @property
    def text(self) -> str:
        """The hand-in file's text (what a download holds)."""
        return self.path.read_text(encoding="utf-8")


def exchange_dir() -> Path | None:
    """The class folder hand-ins are copied into, from ``EXPLAINER_HANDIN``; None when not set."""
    value = os.environ.get(EXCHANGE_ENV, "").strip()
    return Path(value).expanduser() if value else None


def default_name() -> str:
    """The name to offer: the one last handed in under, else the hub's user name, else ""."""
    return latest_name() or os.environ.get("JUPYTERHUB_USER", "")


def document(name: str, now: dt.datetime | None = None) -> dict:
    """Everything in the student's work folder, as one hand-in document.

    Parameters
    ----------
    name : str
        The student's name or pseudonym, as the teacher will see it.
    now : datetime, optional
        The hand-in's time (default: now).
    """
    student = student_id()  # first: it may create student.json, which the hand-in then carries
    folder = work_dir()
    files, left_out = {}, []
    for path in sorted(folder.iterdir()) if folder.is_dir() else []:
        if not path.is_file() or path.name.startswith("."):
            continue
        try:
            files[path.name] = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            left_out.append(path.name)
    doc = {
        "format": FORMAT,
        "version": VERSION,
        "student": student,
        "name": name.strip(),
        "handed_in": (now or dt.datetime.now()).isoformat(timespec="seconds"),
        "files": files,
    }
    if left_out:
        doc["left_out"] = left_out
    return doc


def _stem(name: str) -> str:
    """The start of a hand-in file's name: the student's name in lower case, words joined by ``-``."""
    return "-".join(re.findall(r"[a-z0-9]+", name.lower()))[:40].strip("-") or "student"


def _write_new(folder: Path, stem: str, text: str) -> Path:
    """Write ``text`` to a file of ``folder`` named from ``stem`` that does not exist yet."""
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(1, 1000):
        path = folder / (f"{stem}.json" if n == 1 else f"{stem}-{n}.json")
        try:
            with open(path, "x", encoding="utf-8") as f:
                f.write(text)
            return path
        except FileExistsError:
            continue
    raise OSError(f"{folder}: no free name for {stem}.json")


def hand_in(name: str, now: dt.datetime | None = None) -> HandIn:
    """Write a hand-in file of everything saved so far, and copy it to the class folder if one is set.

    Parameters
    ----------
    name : str
        The student's name or pseudonym; it must not be empty.
    now : datetime, optional
        The hand-in's time (default: now).

    Returns
    -------
    HandIn

    Raises
    ------
    ValueError
        If ``name`` is empty.
    OSError
        If the student's own copy cannot be written (the class-folder copy failing is reported in
        :attr:`HandIn.problem` instead, since the student still has their file to download).
    """
    if not name.strip():
        raise ValueError("write your name or a pseudonym first")
    record_name(name.strip())
    doc = document(name, now)
    text = json.dumps(doc, indent=1, ensure_ascii=False)
    stamp = re.sub(r"[^0-9T]", "", doc["handed_in"])
    path = _write_new(work_dir() / HANDIN_DIR, f"{_stem(name)}-{stamp}", text)
    exchange = exchange_dir()
    if exchange is None:
        return HandIn(path, doc)
    try:
        copied = _write_new(exchange, f"{_stem(name)}-{doc['student'][:8]}-{stamp}", text)
    except OSError as err:
        return HandIn(path, doc, problem=f"{exchange}: {err.strerror or err}")
    return HandIn(path, doc, copied_to=copied)


def read_document(path) -> dict:
    """A hand-in file's document; raises ValueError naming what is wrong with it."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise ValueError("not a text file") from None
    except json.JSONDecodeError as err:
        raise ValueError(f"not valid JSON ({err.msg} at line {err.lineno})") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValueError("not a hand-in file")
    if data.get("version") != VERSION:
        raise ValueError(f"a hand-in of version {data.get('version')!r}; this explainer reads version {VERSION}")
    for key in ("student", "name", "handed_in"):
        if not isinstance(data.get(key), str) or not data[key]:
            raise ValueError(f"has no valid {key!r}")
    files = data.get("files")
    if not isinstance(files, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in files.items()):
        raise ValueError("has no valid 'files'")
    return data
