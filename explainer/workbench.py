"""Helpers for analysts (notebook 06): a private copy of the data, new records, the charts that show them.

The shipped ``data/`` is never changed. :func:`new_workspace` copies it to a
fresh numbered folder in the student work folder; :func:`add_records` writes
new records into that copy (a new YAML file, or rows appended to a CSV);
pointing ``EXPLAINER_DATA`` (or :func:`explainer.load`) at the copy makes
every chart and the validator use it.
"""

from __future__ import annotations

import csv
import inspect
import io
import os
import shutil
from pathlib import Path

import yaml

from . import charts
from .classroom import studentwork
from .content import COLLECTIONS
from .paths import PACKAGE_DATA, SHIPPED

EXAMPLES = SHIPPED / "examples" / "workbench_additions.yaml"


def new_workspace(source=None, parent=None, stem: str = "data-copy") -> Path:
    """Copy a data folder to a new folder ``STEM-N`` that did not exist before.

    Parameters
    ----------
    source : str or Path, optional
        The data to copy (default: the shipped ``data/``).
    parent : str or Path, optional
        Where to create the copy (default: the student work folder).
    stem : str

    Returns
    -------
    pathlib.Path
        The new folder. Earlier copies are never touched.
    """
    source = Path(source or PACKAGE_DATA)
    parent = Path(parent or studentwork.work_dir())
    parent.mkdir(parents=True, exist_ok=True)
    n = 1
    while True:
        target = parent / f"{stem}-{n}"
        try:
            target.mkdir()  # fails if it exists: never reuse a folder
            break
        except FileExistsError:
            n += 1
    shutil.copytree(source, target, dirs_exist_ok=True, ignore=shutil.ignore_patterns("__pycache__", ".*"))
    return target


def _spec(collection: str):
    for spec in COLLECTIONS:
        if spec.name == collection:
            return spec
    raise KeyError(f"no collection {collection!r}; see explainer.content.COLLECTIONS")


def add_records(folder, collection: str, records, name: str = "my_additions") -> Path:
    """Add ``records`` (a list of dicts) to ``collection`` in the data folder ``folder``.

    A YAML collection gets a new file ``<collection>/<name>.yaml`` (numbered if
    that exists); a CSV collection gets the rows appended, lists joined with
    ``;`` as in the shipped files. Nothing is validated here: run
    :func:`explainer.validate` or ``python -m explainer check FOLDER`` next.

    Returns
    -------
    pathlib.Path
        The file written or extended.
    """
    folder = Path(folder)
    spec = _spec(collection)
    records = list(records)
    if spec.fmt == "csv":
        path = folder / f"{spec.path}.csv"
        text = path.read_text(encoding="utf-8")
        header = next(csv.reader(io.StringIO(text)))
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=header, lineterminator="\n")
        for rec in records:
            unknown = set(rec) - set(header)
            if unknown:
                raise KeyError(f"{path.name} has no column(s) {', '.join(sorted(unknown))}")
            writer.writerow({k: ";".join(v) if isinstance(v, (list, tuple)) else v for k, v in rec.items()})
        with path.open("a", encoding="utf-8", newline="") as fh:
            if text and not text.endswith("\n"):
                fh.write("\n")
            fh.write(out.getvalue())
        return path
    target_dir = folder / spec.path
    target_dir.mkdir(parents=True, exist_ok=True)
    path, n = target_dir / f"{name}.yaml", 1
    while path.exists():
        n += 1
        path = target_dir / f"{name}-{n}.yaml"
    path.write_text(yaml.safe_dump(records, sort_keys=False, allow_unicode=True, width=100), encoding="utf-8")
    return path


def example_additions(path=EXAMPLES) -> dict:
    """The sourced example records notebook 06 adds: ``{collection: [record, ...]}``."""
    return yaml.safe_load(Path(path).read_text(encoding="utf-8"))


def charts_with(content, ids) -> dict:
    """Which of the record ``ids`` each chart would show: ``{chart name: [ids found in its data]}``.

    Only each chart's ``prepare_*`` query runs: the data a chart would draw is
    searched, and no figure is made (drawing all nine from a second copy of
    the data cost notebook 06 a third of its run time and 40 MiB).
    """
    return {name: records_in(chart.prepare(content)[0], ids) for name, chart in charts.CHARTS.items()}


def records_in(frame, ids) -> list[str]:
    """Which of the record ``ids`` appear anywhere in ``frame`` (a cell may hold several, joined by ``;``)."""
    cells = set()
    for column in frame.columns:
        for value in frame[column].tolist():
            cells.update(part.strip() for part in str(value).split(";"))
    return sorted(set(ids) & cells)


def api_summary() -> str:
    """One line per public entry point: its name and the first line of its docstring."""
    import explainer

    from . import export, markup
    from .views import base, claims, debate, display, quiz

    groups = {
        "explainer": [getattr(explainer, n) for n in ("setup", "load", "validate", "resolve_data_dir")],
        "explainer.Content": [explainer.Content.get, explainer.Content.records, explainer.Content.frame],
        "explainer.charts": [*charts.CHART_FUNCTIONS, charts.prepare_headline_figures, charts.draw_headline_figures]
        + [charts.style, charts.info],
        "explainer.markup": [markup.esc, markup.sources_html, markup.table_html],
        "explainer.views.display": [display.show, display.table],
        "explainer.export": [export.chart_csv, export.export_chart, export.download_link],
        "explainer.views": [base.ChartView, base.View, claims.ClaimsExplorer],
        "explainer.views.quiz": [quiz.QuizView, quiz.ExerciseView, quiz.grade],
        "explainer.views.debate": [debate.ArgumentMap, debate.PositionWriter],
        "explainer.workbench": [new_workspace, add_records, charts_with, records_in],
    }
    lines = []
    for group, objs in groups.items():
        lines.append(group)
        for obj in objs:
            doc = (inspect.getdoc(obj) or "").splitlines()
            lines.append(f"  {obj.__name__:<24} {doc[0] if doc else ''}")
    return "\n".join(lines)


def point_at(folder) -> None:
    """Make every later :func:`explainer.load` (and chart) use ``folder``; None restores the default."""
    if folder is None:
        os.environ.pop("EXPLAINER_DATA", None)
    else:
        os.environ["EXPLAINER_DATA"] = str(folder)
