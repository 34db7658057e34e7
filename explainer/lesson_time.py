"""How long a notebook takes, computed from the notebook itself.

The time has two parts:

- **Reading**: the words a student reads, at the pace in ``data/pace.yaml``
  (with the study it rests on), plus a short allowance for each chart. The
  words are those of the Markdown cells and of the code cells' outputs (the
  stored outputs, as a student sees them), except the outputs of cells tagged
  ``reference`` (source lists, the glossary, this time line itself) and of
  task cells, whose time is counted as a task.
- **Tasks**: every quiz, exercise, writing task, judgement, guess or explorer,
  each a record in ``data/tasks.yaml`` and a cell tagged ``task:<id>``.

The total is rounded up to the pace's step. The same function gives the
line at the top of each notebook and the teacher guide's table, and a test
keeps the two in step.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from pathlib import Path

from .markup import as_written, esc
from .model import lessons
from .model.sources import credits
from .paths import find_project, notebook_path, notebook_paths

#: Cells whose outputs are looked up rather than read (source lists, glossaries, this line).
REFERENCE_TAG = "reference"
#: The prefix of the tag that marks the cell holding a task: ``task:01-judge-claims``.
TASK_TAG = "task:"

_WORD = re.compile(r"[^\W_]")  # a token counts as a word if it has a letter or digit in it
_SCRIPT = re.compile(r"<(script|style)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]*>")
_CHART = re.compile(r"<(img|svg)\b", re.IGNORECASE)
# A Markdown link's target and title (its words stay), an image, and HTML tags.
_LINK_TARGET = re.compile(r"(?<=\])\([^)\n]*\)")
_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")


@dataclass(frozen=True)
class NotebookTime:
    """The time a notebook takes, and what it is made of.

    Attributes
    ----------
    notebook : str
        The notebook's file name without ``.ipynb``.
    words, charts : int
        What a student reads: words, and charts to look at.
    reading : float
        Minutes of reading at the content's pace.
    tasks : tuple of (Task, float)
        Each task of the notebook with its minutes.
    total : int
        Reading plus tasks, rounded up to the pace's step.
    """

    notebook: str
    words: int
    charts: int
    reading: float
    tasks: tuple
    total: int

    @property
    def task_minutes(self) -> float:
        """The minutes of all the tasks together."""
        return sum(minutes for _task, minutes in self.tasks)


def _words(text: str) -> int:
    return sum(1 for token in text.split() if _WORD.search(token))


def _html_text(markup: str) -> str:
    return html.unescape(_TAG.sub(" ", _SCRIPT.sub(" ", markup)))


def _markdown_text(markdown: str) -> str:
    return _html_text(_LINK_TARGET.sub(" ", _IMAGE.sub(" ", markdown)))


def _joined(value) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


def _output_reading(output: dict) -> tuple[int, int]:
    """(words, charts) of one stored output, as a student sees it."""
    if output.get("output_type") == "stream":
        return _words(_joined(output.get("text", ""))), 0
    data = output.get("data", {})
    if "text/html" in data:
        markup = _joined(data["text/html"])
        return _words(_html_text(markup)), len(_CHART.findall(markup))
    if "image/png" in data or "image/svg+xml" in data:
        return 0, 1
    if "text/markdown" in data:
        return _words(_markdown_text(_joined(data["text/markdown"]))), 0
    if "text/plain" in data and "application/vnd.jupyter.widget-view+json" not in data:
        return _words(_joined(data["text/plain"])), 0
    return 0, 0


def task_tags(cell: dict) -> list[str]:
    """The task ids a cell's tags name (``task:<id>``)."""
    return [t[len(TASK_TAG) :] for t in cell.get("metadata", {}).get("tags", []) if t.startswith(TASK_TAG)]


def reading_length(notebook: dict) -> tuple[int, int]:
    """The words and charts a student reads in ``notebook`` (a notebook as parsed JSON).

    Parameters
    ----------
    notebook : dict
        The notebook, as ``json.load`` reads an ``.ipynb`` file.

    Returns
    -------
    (int, int)
        Words (tokens with a letter or digit, from Markdown cells and from the
        outputs of code cells that are neither tasks nor tagged ``reference``)
        and charts (images in those outputs).
    """
    words = charts = 0
    for cell in notebook.get("cells", []):
        source = _joined(cell.get("source", ""))
        if cell.get("cell_type") == "markdown":
            words += _words(_markdown_text(source))
            continue
        if cell.get("cell_type") != "code":
            continue
        tags = cell.get("metadata", {}).get("tags", [])
        if REFERENCE_TAG in tags or task_tags(cell):
            continue
        for output in cell.get("outputs", []):
            w, c = _output_reading(output)
            words += w
            charts += c
    return words, charts


def _project() -> Path:
    """The project copy the working directory (a notebook's kernel) is in.

    Never the checkout explainer runs from: a notebook copied out of its
    project would be timed by another file of the same name.
    """
    root = find_project()
    if root is None:
        raise FileNotFoundError(f"no project folder (with data/ and notebooks/) above {Path.cwd()}")
    return root


def notebook_time(content, stem: str, path: Path | None = None) -> NotebookTime:
    """How long notebook ``stem`` takes: its reading at the content's pace plus its tasks.

    Parameters
    ----------
    content : Content
    stem : str
        The notebook's file name without ``.ipynb`` (``"02_aid_figures"``).
    path : Path, optional
        The notebook file (default: ``notebooks/<stem>.ipynb`` of the project copy).

    Returns
    -------
    NotebookTime
    """
    path = Path(path) if path else notebook_path(stem, _project())
    words, charts = reading_length(json.loads(path.read_text(encoding="utf-8")))
    reading = lessons.reading_minutes(content, words, charts)
    tasks = tuple((t, lessons.task_minutes(content, t)) for t in lessons.tasks_for(content, stem))
    total = lessons.rounded(content, reading + sum(m for _t, m in tasks))
    return NotebookTime(stem, words, charts, reading, tasks, total)


def _minutes(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _task_line(content, task, minutes: float) -> str:
    """One task as a line: "quiz, 4 questions at 1.5 min each: 6 min"."""
    what = task.what[0].upper() + task.what[1:]
    if task.each:
        n = lessons.count(content, task)
        each = f"{n} {task.each}{'s' if n != 1 else ''} at {_minutes(task.minutes_each)} min each"
        return f"{what}, {each}: {_minutes(minutes)} min"
    return f"{what}: {_minutes(minutes)} min"


def time_lines(content, time: NotebookTime) -> list[str]:
    """How the time is made up, a line each: the reading, then every task."""
    pace = content.pace
    charts = ""
    if time.charts:
        charts = f" and {time.charts} chart{'s' if time.charts != 1 else ''} at {_minutes(pace.chart_minutes)} min each"
    reading = (
        f"Reading: {time.words:,} words at {_minutes(pace.words_per_minute)} words a minute{charts}: "
        f"{_minutes(round(time.reading, 1))} min"
    )
    return [reading, *(_task_line(content, t, m) for t, m in time.tasks)]


def time_text(content, time: NotebookTime) -> str:
    """The time in one sentence: "About 75 minutes: 13 of reading and 62 for the tasks"."""
    return (
        f"About {time.total} minutes: {_minutes(round(time.reading))} of reading and "
        f"{_minutes(time.task_minutes)} for the tasks"
    )


def time_html(content, stem: str) -> str:
    """The "Time to learn" line at the top of notebook ``stem``, with how it is worked out, as safe HTML.

    Computed from the notebook file each time it runs (see :func:`notebook_time`).
    If the file cannot be found (a notebook copied out of its project), the
    line says so instead of failing.
    """
    try:
        time = notebook_time(content, stem)
    except (OSError, ValueError) as error:
        return as_written(f'<p class="explainer-time"><b>Time to learn:</b> not worked out ({esc(error)}).</p>')
    items = "".join(f"<li>{esc(line)}</li>" for line in time_lines(content, time))
    step = _minutes(content.pace.round_to)
    return as_written(
        f'<p class="explainer-time"><b>Time to learn:</b> {esc(time_text(content, time))}.</p>'
        f"<details><summary>How this time is worked out</summary><ul>{items}</ul>"
        f"<p>The total is rounded up to the next {step} minutes. Reading pace: "
        f"{esc(credits(content, content.pace.sources))}; the task times are our own estimates.</p></details>"
    )


def times_table(content, project: Path | None = None) -> str:
    """Every notebook's time as a Markdown table (reading, tasks, total), for the teacher guide.

    Parameters
    ----------
    content : Content
    project : Path, optional
        The project copy (default: found from the working directory).

    Returns
    -------
    str
        One row per notebook in ``notebooks/``, in name order.
    """
    lines = ["| Notebook | Reading | Tasks | Time |", "|---|---|---|---|"]
    for path in notebook_paths(project=project or _project()):
        time = notebook_time(content, path.stem, path)
        lines.append(f"| `{path.stem}` | {round(time.reading)} min | {time.task_minutes:g} min | {time.total} min |")
    return "\n".join(lines) + "\n"
