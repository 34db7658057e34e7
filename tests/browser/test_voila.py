"""Presenter mode: a notebook in Voila, started as ``make present NB=...`` starts it.

The page must show no code, no errors, and widgets that work by keyboard alone:
every control reachable with Tab and operable with keys.
"""

from __future__ import annotations

import pytest

from ..paths import NOTEBOOKS
from .pages import (
    accessibility_problems,
    console_collector,
    mark_controls,
    operate_all,
    screenshot_full,
    source_lines_shown,
    tab_reachable,
    voila_problems,
    voila_report,
    voila_wait_rendered,
)

pytestmark = pytest.mark.browser

PRESENTED = "01_key_points.ipynb"


@pytest.fixture(scope="module")
def presented(browser, start_voila, screenshots):
    if not (NOTEBOOKS / PRESENTED).exists():
        pytest.skip(f"{PRESENTED} is missing")
    server = start_voila(PRESENTED)
    page = browser.new_page()
    errors = console_collector(page, server.base_url)
    page.goto(server.url("/"), timeout=120_000)
    seconds = voila_wait_rendered(page)
    screenshot_full(page, screenshots / f"voila-{PRESENTED.removesuffix('.ipynb')}.png", "#rendered_cells")
    yield page, errors, seconds
    page.close()


def test_presenter_mode_shows_no_code_and_no_errors(presented):
    page, errors, _ = presented
    report = voila_report(page)
    assert report["codeInputs"] == 0, "code cells are shown in presenter mode"
    shown = source_lines_shown(NOTEBOOKS / PRESENTED, report["text"])
    assert not shown, f"source code shown in presenter mode: {shown[:5]}"
    problems = voila_problems(report) + errors + accessibility_problems(page, "body")
    assert not problems, "\n".join(problems)


def test_presenter_mode_every_control_reachable_with_tab(presented):
    page, _, _ = presented
    controls = mark_controls(page, "body")
    assert controls, "the presented notebook shows no widgets"
    expected = {str(c["index"]) for c in controls}
    reached = tab_reachable(page, "body", expected)
    missed = [f"{c['kind']} {c['label']!r}" for c in controls if str(c["index"]) not in reached]
    assert not missed, f"not reachable with Tab: {missed}"


def test_presenter_mode_widgets_work_from_the_keyboard(presented):
    page, errors, _ = presented
    before = len(errors)
    report = operate_all(page, "body")
    assert report.operated, "the presented notebook shows no widgets"
    problems = report.failures() + voila_problems(voila_report(page)) + errors[before:]
    assert not problems, "\n".join(problems)


def test_hand_in_downloads_one_file_of_everything_saved(presented):
    """The "Hand in my work" button in the browser: the link it shows downloads the hand-in file."""
    import json

    page, errors, _ = presented
    before = len(errors)
    name = page.locator(".widget-text:has(label:text-is('Your name')) input")
    name.scroll_into_view_if_needed()
    name.fill("Browser Student")
    page.get_by_role("button", name="Hand in my work").click()
    link = page.get_by_role("link", name="Download your hand-in file")
    link.wait_for(timeout=30_000)
    with page.expect_download() as download:
        link.click()
    doc = json.loads(open(download.value.path(), encoding="utf-8").read())
    assert download.value.suggested_filename.startswith("browser-student-")
    assert doc["format"] == "minerals-for-security hand-in" and doc["name"] == "Browser Student"
    assert "student.json" in doc["files"]
    assert errors[before:] == []
