"""Exporting the data behind a chart: CSV text, folder with README, download link."""

from __future__ import annotations

import base64
import io
import re

import pandas as pd
import pytest

from explainer import charts, export


@pytest.fixture(scope="module")
def fig(content):
    return charts.appropriations_timeline(content)


def test_chart_csv_has_source_note_on_top_and_the_data_below(fig):
    text = export.chart_csv(fig)
    head = [line for line in text.splitlines() if line.startswith("#")]
    meta = charts.info(fig)
    assert head[0] == f"# {meta.title}"
    assert f"# {meta.source_note}" in head
    assert any("Units" in line for line in head)
    frame = pd.read_csv(io.StringIO(text), comment="#")
    assert list(frame.columns) == list(meta.data.columns)
    assert frame.total.sum() == pytest.approx(meta.data.total.sum())


@pytest.mark.parametrize("draw", charts.CHART_FUNCTIONS, ids=lambda fn: fn.__name__)
def test_chart_csv_works_for_any_chart(content, draw):
    f = draw(content)
    frame = pd.read_csv(io.StringIO(export.chart_csv(f)), comment="#")
    assert len(frame) == len(charts.info(f).data)


def test_export_chart_writes_csv_and_readme(fig, content, tmp_path):
    paths = export.export_chart(fig, tmp_path / "out", content)
    csv_path, readme = paths
    assert csv_path.suffix == ".csv" and csv_path.exists()
    assert re.fullmatch(r"[a-z0-9-]+\.csv", csv_path.name)
    text = readme.read_text(encoding="utf-8")
    meta = charts.info(fig)
    assert text.startswith(f"# {meta.title}")
    for part in ("What it measures", "Units", "Source", "CC BY 4.0", "How to cite", csv_path.name):
        assert part in text
    assert "Congressional Research Service" in text
    assert "https://www.everycrsreport.com/" in text  # full source list when content is given


def test_export_chart_without_content_still_names_producers(fig, tmp_path):
    _csv, readme = export.export_chart(fig, tmp_path)
    assert charts.info(fig).source_note in readme.read_text(encoding="utf-8")


def test_download_link_carries_the_csv(fig):
    html = export.download_link(fig)
    assert html.startswith("<a download=") and html.endswith("</a>")
    payload = re.search(r'base64,([A-Za-z0-9+/=]+)"', html).group(1)
    assert base64.b64decode(payload).decode("utf-8") == export.chart_csv(fig)
    assert "<script" not in html


def test_download_link_escapes_text(fig):
    html = export.download_link(fig, text="<b>data</b>")
    assert "&lt;b&gt;data&lt;/b&gt;" in html


def test_figure_not_from_a_chart_function_is_refused():
    from matplotlib.figure import Figure

    with pytest.raises(ValueError, match="not made by an explainer chart"):
        export.chart_csv(Figure())
