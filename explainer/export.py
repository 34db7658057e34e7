"""Chart export: the data behind any chart as CSV text, a download link, or a folder with a README.

Works for every figure made by an :mod:`explainer.charts` function, because
each carries its :class:`~explainer.charts.base.ChartInfo` (title, units,
alt text, source note and the data drawn). :func:`explainer.views.display.show`
puts the :func:`download_link` under every chart it shows.
"""

from __future__ import annotations

import re
from pathlib import Path

from .charts.base import csv_text, info
from .markup import as_written, data_link

LICENCE = "CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)"


def slug(title: str) -> str:
    """A file name made from a chart title: lower case, words joined by ``-``."""
    words = re.findall(r"[a-z0-9]+", title.lower())
    return "-".join(words)[:80].strip("-") or "chart"


def chart_csv(fig) -> str:
    """The data behind ``fig`` as CSV text, with title, units and source note as ``#`` lines on top."""
    return csv_text(fig, LICENCE)


def download_link(fig, text: str | None = None) -> str:
    """An HTML link that downloads the chart's CSV (with its source note), no server needed.

    The CSV travels inside the link as a base64 ``data:`` URI.
    """
    meta = info(fig)
    label = text or "Download the data behind this chart (CSV)"
    return data_link(f"{slug(meta.title)}.csv", label, chart_csv(fig), "text/csv", title=meta.source_note)


def export_chart(fig, folder, content=None) -> list[Path]:
    """Write ``<slug>.csv`` and a short ``README.md`` for ``fig`` into ``folder``.

    The README follows the Our World in Data pattern: title, what the data
    measure, units, sources, licence, and how to cite the original producers.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
    folder : str or Path
        Created if missing.
    content : Content, optional
        When given, the README lists each source in full (with its link).

    Returns
    -------
    list of Path
        The CSV file and the README.
    """
    meta = info(fig)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    name = slug(meta.title)
    csv_path = folder / f"{name}.csv"
    csv_path.write_text(chart_csv(fig), encoding="utf-8")
    cite = []
    if content is not None:
        for s in content.sources_for(meta.source_ids):
            line = f"- {s.citation}"
            if s.via:
                line += f" (read via {s.via})"
            if s.url:
                line += f". {s.url}"
            cite.append(line)
    else:
        cite.append(f"- {meta.source_note}")
    title_line = meta.title.replace("\n", " ")
    readme = "\n".join(
        [
            f"# {title_line}",
            "",
            f"**What it measures.** {meta.alt_text}",
            "",
            f"**Units.** {meta.units}",
            "",
            f"**Source.** {meta.source_note}",
            "",
            f"**File.** `{csv_path.name}`: the numbers drawn in the chart, one row per mark; "
            "the lines starting with `#` repeat the title, units and sources.",
            "",
            f"**Licence.** Our compilation is released under {LICENCE}. The figures belong to their "
            "original producers; their terms apply to the underlying data.",
            "",
            "**How to cite.** Cite the original producers, not this package:",
            *cite,
            "",
            "and, if you use our compilation, add: *Minerals for Security* explainer (data behind "
            f"the chart \u201c{title_line}\u201d).",
            "",
        ]
    )
    readme_path = folder / "README.md"
    readme_path.write_text(readme, encoding="utf-8")
    return [csv_path, readme_path]


def show_download(fig, text: str | None = None) -> None:
    """Display :func:`download_link` for ``fig`` in a notebook."""
    from IPython.display import HTML, display

    display(HTML(as_written(f'<p class="explainer-download">{download_link(fig, text)}</p>')))
