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

Words in tables (an HTML ``<table>`` in an output, a Markdown row starting
with ``|``) are read at the pace's slower table rate. The total is rounded up
to the pace's step. The same function gives the line at the top of each
notebook and the teacher guide's table, and a test keeps the two in step.

**Sections.** A notebook is cut at its ``## `` headings: the opening (the
title cell and the cells before the next heading), then one section per
heading. Each heading cell's metadata marks its sections ``core``,
``extension`` or ``reference`` (``{"explainer": {"sections": {heading: kind}}}``),
and the line right under the heading shows it (:data:`MARKERS`, written by
tools/section_marks.py). :func:`section_times` times each section; the core
time is the core sections' (the opening included), rounded as the total is.

**Lesson plans** (``data/lesson_plans.yaml``) name core sections; a step
takes its section's computed minutes (:func:`plan_steps`), a lesson adds its
stated start-up and hand-in allowances, :func:`plan_problems` says what keeps
a plan from running as written and :func:`plan_table` gives the guide's table.
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


#: The cell metadata key of the sections a cell's headings open: ``{"explainer": {"sections": {heading: kind}}}``.
METADATA_KEY = "explainer"
#: The kinds of section. ``core``: what every student does to follow the story and practise the
#: skills; ``extension``: what a teacher may leave out; ``reference``: looked up, not read through.
SECTION_KINDS = ("core", "extension", "reference")
#: The line shown under each heading, written from its metadata (tools/section_marks.py).
MARKERS = {
    "core": "*Core: every route through the unit includes this part.*",
    "extension": "*Extension: your teacher may leave this part out.*",
    "reference": "*Reference: look things up here when you need them.*",
}
#: What the notebook's opening (its title cell and the cells before the first section) is called.
OPENING = "Opening"

_TABLE = re.compile(r"<table\b.*?</table\s*>", re.IGNORECASE | re.DOTALL)
_MARKER_LINES = frozenset(MARKERS.values())


@dataclass(frozen=True)
class Reading:
    """What a student reads in part of a notebook: prose words, words in tables, charts."""

    words: int = 0
    table_words: int = 0
    charts: int = 0

    def __add__(self, other: Reading) -> Reading:
        return Reading(self.words + other.words, self.table_words + other.table_words, self.charts + other.charts)


@dataclass(frozen=True)
class SectionTime:
    """The time one section of a notebook takes.

    Attributes
    ----------
    heading : str
        The text of its ``## `` heading (:data:`OPENING` for the notebook's opening).
    kind : str or None
        ``core``, ``extension`` or ``reference`` from the heading cell's metadata; None if not marked.
    words, table_words, charts : int
        What a student reads: prose words, words in tables, charts.
    reading : float
        Minutes of reading, each kind of word at its own rate.
    tasks : tuple of (Task, float)
        The tasks whose cells are in this section, with their minutes.
    """

    heading: str
    kind: str | None
    words: int
    table_words: int
    charts: int
    reading: float
    tasks: tuple

    @property
    def minutes(self) -> float:
        """Reading plus tasks, not rounded."""
        return self.reading + sum(m for _t, m in self.tasks)


@dataclass(frozen=True)
class NotebookTime:
    """The time a notebook takes, and what it is made of.

    Attributes
    ----------
    notebook : str
        The notebook's file name without ``.ipynb``.
    words, table_words, charts : int
        What a student reads: prose words, words in tables, and charts to look at.
    reading : float
        Minutes of reading at the content's pace (tables at their own rate).
    tasks : tuple of (Task, float)
        Each task of the notebook with its minutes.
    total : int
        Reading plus tasks, rounded up to the pace's step.
    sections : tuple of SectionTime
        The same time, section by section, in notebook order.
    """

    notebook: str
    words: int
    table_words: int
    charts: int
    reading: float
    tasks: tuple
    total: int
    sections: tuple = ()

    @property
    def task_minutes(self) -> float:
        """The minutes of all the tasks together."""
        return sum(minutes for _task, minutes in self.tasks)

    @property
    def marked(self) -> bool:
        """Whether every section of the notebook is marked core, extension or reference."""
        return bool(self.sections) and all(s.kind is not None for s in self.sections)

    def core(self, content) -> int | None:
        """The core route's time: the core sections (the opening included), rounded as the total is.

        None while any section of the notebook is not marked.
        """
        if not self.marked:
            return None
        return lessons.rounded(content, sum(s.minutes for s in self.sections if s.kind == "core"))


def _words(text: str) -> int:
    return sum(1 for token in text.split() if _WORD.search(token))


def _html_text(markup: str) -> str:
    return html.unescape(_TAG.sub(" ", _SCRIPT.sub(" ", markup)))


def _markdown_text(markdown: str) -> str:
    return _html_text(_LINK_TARGET.sub(" ", _IMAGE.sub(" ", markdown)))


def _joined(value) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


def _html_reading(markup: str) -> Reading:
    """Words outside and inside ``<table>`` elements, and charts, of HTML."""
    markup = _SCRIPT.sub(" ", markup)
    in_tables = sum(_words(_html_text(t)) for t in _TABLE.findall(markup))
    return Reading(_words(_html_text(_TABLE.sub(" ", markup))), in_tables, len(_CHART.findall(markup)))


def _markdown_reading(markdown: str) -> Reading:
    """Words of Markdown: a line starting with ``|`` is a table row; marker lines are not read."""
    prose, rows = [], []
    for line in markdown.splitlines():
        if line.strip() in _MARKER_LINES:
            continue
        (rows if line.lstrip().startswith("|") else prose).append(line)
    return Reading(_words(_markdown_text("\n".join(prose))), _words(_markdown_text("\n".join(rows))))


def _output_reading(output: dict) -> Reading:
    """What one stored output gives to read, as a student sees it."""
    if output.get("output_type") == "stream":
        return Reading(_words(_joined(output.get("text", ""))))
    data = output.get("data", {})
    if "text/html" in data:
        return _html_reading(_joined(data["text/html"]))
    if "image/png" in data or "image/svg+xml" in data:
        return Reading(charts=1)
    if "text/markdown" in data:
        return _markdown_reading(_joined(data["text/markdown"]))
    if "text/plain" in data and "application/vnd.jupyter.widget-view+json" not in data:
        return Reading(_words(_joined(data["text/plain"])))
    return Reading()


def task_tags(cell: dict) -> list[str]:
    """The task ids a cell's tags name (``task:<id>``)."""
    return [t[len(TASK_TAG) :] for t in cell.get("metadata", {}).get("tags", []) if t.startswith(TASK_TAG)]


def headings(source: str) -> list[str]:
    """The ``## `` headings of a Markdown cell's text, in order."""
    return [line[3:].strip() for line in source.splitlines() if line.startswith("## ")]


def section_marks(cell: dict) -> dict:
    """The kinds a cell's metadata gives its headings: ``{heading: kind}`` (empty if none)."""
    marks = cell.get("metadata", {}).get(METADATA_KEY, {}).get("sections", {})
    return dict(marks) if isinstance(marks, dict) else {}


@dataclass
class _Part:
    heading: str
    kind: str | None
    reading: Reading
    tasks: list


def _parts(notebook: dict) -> list[_Part]:
    """The notebook cut at its ``## `` headings: the opening, then one part per heading.

    The first cell (the title, with the overview and prerequisites under it) and
    the cells up to the next heading make the opening, which every route
    includes. A heading halfway down a cell starts its section there: the lines
    above it belong to the section before.
    """
    parts = [_Part(OPENING, "core", Reading(), [])]
    for n, cell in enumerate(notebook.get("cells", [])):
        source = _joined(cell.get("source", ""))
        if cell.get("cell_type") == "markdown":
            marks = section_marks(cell)
            lines = []
            for line in source.splitlines():
                if n > 0 and line.startswith("## "):
                    parts[-1].reading += _markdown_reading("\n".join(lines))
                    heading = line[3:].strip()
                    kind = marks.get(heading)
                    parts.append(_Part(heading, kind if kind in SECTION_KINDS else None, Reading(), []))
                    lines = []
                lines.append(line)
            parts[-1].reading += _markdown_reading("\n".join(lines))
            continue
        if cell.get("cell_type") != "code":
            continue
        tags = cell.get("metadata", {}).get("tags", [])
        if task_tags(cell):
            parts[-1].tasks.extend(task_tags(cell))
            continue
        if REFERENCE_TAG in tags:
            continue
        for output in cell.get("outputs", []):
            parts[-1].reading += _output_reading(output)
    return parts


def reading_parts(notebook: dict) -> Reading:
    """What a student reads in ``notebook`` (a notebook as parsed JSON): prose words, table words, charts.

    Words are tokens with a letter or digit, from Markdown cells and from the
    outputs of code cells that are neither tasks nor tagged ``reference``;
    words inside an HTML ``<table>`` or on a Markdown table row (a line
    starting with ``|``) are table words; charts are images in those outputs.
    """
    total = Reading()
    for part in _parts(notebook):
        total += part.reading
    return total


def reading_length(notebook: dict) -> tuple[int, int]:
    """The words (prose and tables together) and charts a student reads in ``notebook``.

    Parameters
    ----------
    notebook : dict
        The notebook, as ``json.load`` reads an ``.ipynb`` file.

    Returns
    -------
    (int, int)
        Words and charts, as :func:`reading_parts` counts them.
    """
    reading = reading_parts(notebook)
    return reading.words + reading.table_words, reading.charts


def write_marks(notebook: dict) -> bool:
    """Write each marked heading's visible marker line from its cell's metadata, in place.

    The marker is the line right under the heading (:data:`MARKERS`); a stale
    one is replaced and a heading without a kind loses its marker. Running it
    twice changes nothing the second time.

    Returns
    -------
    bool
        Whether any cell changed.
    """
    changed = False
    for n, cell in enumerate(notebook.get("cells", [])):
        if n == 0 or cell.get("cell_type") != "markdown":
            continue
        marks = section_marks(cell)
        lines, out = _joined(cell.get("source", "")).split("\n"), []
        i = 0
        while i < len(lines):
            line = lines[i]
            out.append(line)
            i += 1
            if not line.startswith("## "):
                continue
            if i < len(lines) and lines[i].strip() in _MARKER_LINES:
                i += 1  # the old marker: written again below from the metadata
            kind = marks.get(line[3:].strip())
            if kind in MARKERS:
                out.append(MARKERS[kind])
        text = "\n".join(out)
        if text != _joined(cell.get("source", "")):
            cell["source"] = text
            changed = True
    return changed


def mark_problems(notebook: dict, name: str, every_heading: bool = True) -> list[str]:
    """What is wrong with a notebook's section marks, one line each naming the notebook and heading.

    A marker line that differs from the metadata, metadata naming a heading
    its cell lacks or a kind that is not one of :data:`SECTION_KINDS`, and
    (with ``every_heading``) a ``## `` heading without a kind.
    """
    problems = []
    for n, cell in enumerate(notebook.get("cells", [])):
        if n == 0 or cell.get("cell_type") != "markdown":
            continue
        source = _joined(cell.get("source", ""))
        marks, found = section_marks(cell), headings(source)
        for heading, kind in marks.items():
            if heading not in found:
                problems.append(f"{name}, cell {n}: its metadata marks {heading!r}, a heading the cell does not have")
            elif kind not in SECTION_KINDS:
                problems.append(f"{name}, {heading!r}: kind {kind!r} is not one of {', '.join(SECTION_KINDS)}")
        for heading in found:
            if every_heading and heading not in marks:
                problems.append(f"{name}, {heading!r}: no section kind in the cell's metadata")
        lines = source.split("\n")
        for i, line in enumerate(lines):
            if not line.startswith("## "):
                continue
            below = lines[i + 1].strip() if i + 1 < len(lines) else ""
            shown = below if below in _MARKER_LINES else None
            wanted = MARKERS.get(marks.get(line[3:].strip()))
            if shown != wanted:
                problems.append(
                    f"{name}, {line[3:].strip()!r}: the line under the heading is {shown!r}, its metadata gives "
                    f"{wanted!r} (python tools/section_marks.py writes it)"
                )
    return problems


def set_mark(notebook: dict, heading: str, kind: str) -> None:
    """Mark section ``heading`` of ``notebook`` as ``kind`` in its cell's metadata and write its marker.

    Raises
    ------
    ValueError
        If ``kind`` is not one of :data:`SECTION_KINDS` or no cell after the title has the heading.
    """
    if kind not in SECTION_KINDS:
        raise ValueError(f"{kind!r}: a section is {', '.join(SECTION_KINDS)}")
    for cell in notebook.get("cells", [])[1:]:
        if cell.get("cell_type") == "markdown" and heading in headings(_joined(cell.get("source", ""))):
            meta = cell.setdefault("metadata", {}).setdefault(METADATA_KEY, {})
            meta.setdefault("sections", {})[heading] = kind
            write_marks(notebook)
            return
    raise ValueError(f"no section headed {heading!r} (a '## ' line in a Markdown cell after the title)")


def _project() -> Path:
    """The project copy the working directory (a notebook's kernel) is in.

    Never the checkout explainer runs from: a notebook copied out of its
    project would be timed by another file of the same name.
    """
    root = find_project()
    if root is None:
        raise FileNotFoundError(f"no project folder (with data/ and notebooks/) above {Path.cwd()}")
    return root


def _section_time(content, stem: str, part: _Part) -> SectionTime:
    tasks = []
    for task_id in part.tasks:
        try:
            task = content.get("tasks", task_id)
        except KeyError:
            raise ValueError(f"{stem}: a cell tagged {TASK_TAG}{task_id} names no task of data/tasks.yaml") from None
        tasks.append((task, lessons.task_minutes(content, task)))
    r = part.reading
    reading = lessons.reading_minutes(content, r.words, r.charts, r.table_words)
    return SectionTime(part.heading, part.kind, r.words, r.table_words, r.charts, reading, tuple(tasks))


def _read(stem: str, path: Path | None) -> dict:
    path = Path(path) if path else notebook_path(stem, _project())
    return json.loads(path.read_text(encoding="utf-8"))


def section_times(content, stem: str, path: Path | None = None) -> tuple[SectionTime, ...]:
    """Each section of notebook ``stem`` with its kind, what it gives to read and its tasks.

    Parameters
    ----------
    content : Content
    stem : str
        The notebook's file name without ``.ipynb`` (``"03_minerals_and_the_deal"``).
    path : Path, optional
        The notebook file (default: ``notebooks/<stem>.ipynb`` of the project copy).

    Returns
    -------
    tuple of SectionTime
        The opening first, then one per ``## `` heading, in notebook order. A
        task falls in the section that holds its tagged cell.

    Raises
    ------
    ValueError
        If a cell's ``task:`` tag names no task of ``data/tasks.yaml``.
    """
    return tuple(_section_time(content, stem, part) for part in _parts(_read(stem, path)))


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
    sections = section_times(content, stem, path)
    r = Reading()
    for section in sections:
        r += Reading(section.words, section.table_words, section.charts)
    reading = lessons.reading_minutes(content, r.words, r.charts, r.table_words)
    tasks = tuple((t, lessons.task_minutes(content, t)) for t in lessons.tasks_for(content, stem))
    total = lessons.rounded(content, reading + sum(m for _t, m in tasks))
    return NotebookTime(stem, r.words, r.table_words, r.charts, reading, tasks, total, sections)


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
    """How the time is made up, a line each: the reading (prose, tables, charts), then every task."""
    pace = content.pace
    parts = [f"{time.words:,} words at {_minutes(pace.words_per_minute)} words a minute"]
    if time.table_words:
        parts.append(f"{time.table_words:,} words in tables at {_minutes(pace.table_words_per_minute)} words a minute")
    if time.charts:
        parts.append(f"{time.charts} chart{'s' if time.charts != 1 else ''} at {_minutes(pace.chart_minutes)} min each")
    listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    reading = f"Reading: {listed}: {_minutes(round(time.reading, 1))} min"
    return [reading, *(_task_line(content, t, m) for t, m in time.tasks)]


def time_text(content, time: NotebookTime) -> str:
    """The time in one sentence: "About 75 minutes: 13 of reading and 62 for the tasks".

    When every section is marked, the core sections' time follows: "; the core sections alone about 40".
    """
    text = (
        f"About {time.total} minutes: {_minutes(round(time.reading))} of reading and "
        f"{_minutes(time.task_minutes)} for the tasks"
    )
    core = time.core(content)
    if core is not None and core < time.total:
        text += f"; the core sections alone, about {core}"
    return text


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
        f"<p>The total is rounded up to the next {step} minutes. Reading pace for prose: "
        f"{esc(credits(content, content.pace.sources))}; the slower pace for tables, the allowance for "
        "charts and the task times are our own estimates.</p></details>"
    )


def _core_cell(content, time: NotebookTime) -> str:
    core = time.core(content)
    return "not marked" if core is None else f"{core} min"


def times_table(content, project: Path | None = None) -> str:
    """Every notebook's time as a Markdown table (reading, tasks, core route, full), for the teacher guide.

    Parameters
    ----------
    content : Content
    project : Path, optional
        The project copy (default: found from the working directory).

    Returns
    -------
    str
        One row per notebook in ``notebooks/``, in name order. A notebook not
        yet marked in sections has "not marked" for its core time.
    """
    lines = ["| Notebook | Reading | Tasks | Core | Full |", "|---|---|---|---|---|"]
    for path in notebook_paths(project=project or _project()):
        time = notebook_time(content, path.stem, path)
        lines.append(
            f"| `{path.stem}` | {round(time.reading)} min | {time.task_minutes:g} min | "
            f"{_core_cell(content, time)} | {time.total} min |"
        )
    return "\n".join(lines) + "\n"


def sections_table(content, stem: str, path: Path | None = None) -> str:
    """Notebook ``stem`` section by section as a Markdown table: kind, words, table words, charts, tasks, minutes.

    Minutes are the section's reading and tasks, to one decimal, not rounded up.
    """
    lines = [
        f"**{stem}**",
        "",
        "| Section | Kind | Words | In tables | Charts | Tasks | Minutes |",
        "|---|---|---|---|---|---|---|",
    ]
    for s in section_times(content, stem, path):
        tasks = ", ".join(f"{t.id} ({m:g})" for t, m in s.tasks) or "-"
        lines.append(
            f"| {s.heading} | {s.kind or 'not marked'} | {s.words} | {s.table_words} | {s.charts} | {tasks} | "
            f"{_minutes(round(s.minutes, 1))} |"
        )
    return "\n".join(lines) + "\n"


# ----------------------------------------------------------------------------
# Lesson plans: each step's minutes are its section's computed time


@dataclass(frozen=True)
class StepTime:
    """One step of a lesson plan with the section it names and its computed minutes.

    ``section`` is None when the notebook has no section of that heading
    (:func:`plan_problems` names it); ``minutes`` is then 0.
    """

    step: object
    section: SectionTime | None
    minutes: float


def _step_minutes(content, step, section: SectionTime) -> float:
    """The section's minutes, with a per-item task cut to the step's ``covers`` items."""
    minutes = section.reading
    for task, task_minutes in section.tasks:
        if step.covers is not None and task.each:
            minutes += float(task.minutes_each) * min(step.covers, lessons.count(content, task))
        else:
            minutes += task_minutes
    return minutes


def plan_steps(content, plan_id: str, project: Path | None = None) -> tuple[StepTime, ...]:
    """The steps of lesson plan ``plan_id`` (``data/lesson_plans.yaml``), each with its section's minutes.

    Parameters
    ----------
    content : Content
    plan_id : str
    project : Path, optional
        The project copy whose notebooks are read (default: found from the working directory).
    """
    plan = content.get("lesson_plans", plan_id)
    project = project or _project()
    found: dict[str, dict] = {}
    steps = []
    for step in plan.steps:
        if step.notebook not in found:
            path = project / "notebooks" / f"{step.notebook}.ipynb"
            found[step.notebook] = (
                {s.heading: s for s in section_times(content, step.notebook, path)} if path.is_file() else {}
            )
        section = found[step.notebook].get(step.section)
        steps.append(StepTime(step, section, _step_minutes(content, step, section) if section else 0.0))
    return tuple(steps)


def lesson_minutes(content, plan_id: str, project: Path | None = None) -> dict[int, float]:
    """Each lesson of a plan: start-up allowance + its steps' computed minutes + hand-in allowance."""
    plan = content.get("lesson_plans", plan_id)
    totals = {n: plan.startup_minutes + plan.handin_minutes for n in range(1, plan.lessons + 1)}
    for s in plan_steps(content, plan_id, project):
        totals[s.step.lesson] = totals.get(s.step.lesson, 0.0) + s.minutes
    return totals


def plan_problems(content, project: Path | None = None) -> list[str]:
    """What keeps each lesson plan from running as written, one line each naming file, plan and field.

    Every step names a notebook that exists and a section of it that is marked
    ``core`` (a plan is accepted only once every section it names is marked);
    ``covers`` goes with a section holding a task timed per item; and every
    lesson's computed minutes fit its length.
    """
    project = project or _project()
    problems = []
    for plan in content.lesson_plans:
        where = f"data/lesson_plans.yaml: record {plan.id}: field"
        for n, s in enumerate(plan_steps(content, plan.id, project)):
            step, section = s.step, s.section
            if not (project / "notebooks" / f"{step.notebook}.ipynb").is_file():
                problems.append(f"{where} steps[{n}].notebook: no notebook {step.notebook}")
            elif section is None:
                problems.append(f"{where} steps[{n}].section: {step.notebook} has no section {step.section!r}")
            elif section.kind is None:
                problems.append(
                    f"{where} steps[{n}].section: {step.notebook}, {step.section!r} is not marked "
                    f"(python tools/section_marks.py --set {step.notebook} {step.section!r} core)"
                )
            elif section.kind != "core":
                problems.append(f"{where} steps[{n}].section: {step.notebook}, {step.section!r} is {section.kind}")
            elif step.covers is not None and not any(t.each for t, _m in section.tasks):
                problems.append(f"{where} steps[{n}].covers: {step.section!r} has no task timed per item")
        for lesson, minutes in lesson_minutes(content, plan.id, project).items():
            if minutes > plan.lesson_minutes:
                which = f"lesson {lesson}" if plan.lessons > 1 else "the lesson"
                problems.append(
                    f"{where} lesson_minutes: {which} takes {_minutes(round(minutes, 1))} min "
                    f"(allowances and the sections' computed times), more than {plan.lesson_minutes}"
                )
    return problems


def _at(minutes: float) -> int:
    return int(minutes + 0.5)


def _span(start: float, end: float) -> str:
    """A step's place in the lesson, "15–29"; a step shorter than half a minute is one minute mark, "15"."""
    a, b = _at(start), _at(end)
    return f"{a}–{b}" if b > a else f"{a}"


def plan_table(content, plan_id: str, project: Path | None = None) -> str:
    """Lesson plan ``plan_id`` as the teacher guide's Markdown table, minutes computed, never typed.

    Each lesson is a table: the start-up allowance, one row per step (its
    notebook and section, what students do, what is handed in) and the hand-in
    at the end; the minutes column runs from the start of the lesson, each
    step taking its section's computed time. A last line gives each lesson's
    total against its length.
    """
    plan = content.get("lesson_plans", plan_id)
    steps = plan_steps(content, plan_id, project)
    totals = lesson_minutes(content, plan_id, project)
    out = [f"### {plan.title}", "", f"Goal: {plan.goal}", ""]
    for lesson in range(1, plan.lessons + 1):
        if plan.lessons > 1:
            out += [f"**Lesson {lesson}**", ""]
        out += ["| Minutes | Takes | Notebook, section | Students do | Handed in |", "|---|---|---|---|---|"]
        at = float(plan.startup_minutes)
        out.append(f"| {_span(0, at)} | {_minutes(at)} min | Start-up | Log in; open the Binder or hub link | - |")
        mine = [s for s in steps if s.step.lesson == lesson]
        for s in mine:
            each = next((t.each for t, _m in s.section.tasks if t.each), "item") if s.section else "item"
            covers = f" ({s.step.covers} {each}s)" if s.step.covers else ""
            out.append(
                f"| {_span(at, at + s.minutes)} | {_minutes(round(s.minutes, 1))} min | "
                f'`{s.step.notebook}`, "{s.step.section}"{covers} | '
                f"{s.step.do} | {s.step.handed_in or '-'} |"
            )
            at += s.minutes
        last = mine[-1].step.notebook if mine else ""
        out.append(
            f"| {_span(at, at + plan.handin_minutes)} | {_minutes(plan.handin_minutes)} min | Hand in | "
            f"Press **Hand in my work** at the end of `{last}` | everything saved so far, in one file |"
        )
        out += ["", f"Computed: {_minutes(round(totals[lesson], 1))} of {plan.lesson_minutes} minutes.", ""]
    if plan.homework:
        out += [f"Homework: {plan.homework}", ""]
    out.append(f"Allowances: {plan.allowance_note}")
    return "\n".join(out) + "\n"
