"""The printed handout (``explainer html``): folds print open, answers print after the questions, a student
copy without the answer key and a teacher copy with it, and an index that always lists every notebook.

The pages are exported from the notebooks' stored outputs (``site.execute`` is replaced), so these
tests start no kernel. The browser test at the end prints a page with Chromium (slow).
"""

from __future__ import annotations

import concurrent.futures
import os
import re
import shutil
import tempfile
from pathlib import Path

import nbformat
import pytest

from explainer.commands import handout, site
from explainer.commands.cli import main as cli_main
from explainer.markup import esc

from .paths import ARTIFACTS, NOTEBOOKS, ROOT
from .test_teacher_material import answer_runs, plain_words

ALL = sorted(p.stem for p in NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))


@pytest.fixture
def stored(monkeypatch):
    """``site.execute`` gives the notebook as stored, with its outputs, instead of running it."""
    monkeypatch.setattr(site, "execute", lambda path, timeout=600: nbformat.read(path, as_version=4))


def build(out: Path, *names: str, teacher: bool = False) -> list:
    with open(os.devnull, "w") as log:
        return site.build(out, list(names), log=log, teacher=teacher)


# ---------------------------------------------------------------- answers after the questions


def test_answers_after_moves_each_fold_to_a_later_page_and_leaves_a_line_to_write_on():
    fragment = (
        '<div class="explainer-snapshot"><ol><li><p>Q1</p><details><summary>Open</summary><p>A1</p></details></li>'
        "<li><p>Q2</p><details><summary>Open</summary><p>A2</p></details></li></ol></div>"
    )
    assert handout.answers_after(fragment) == (
        '<div class="explainer-snapshot"><ol><li><p>Q1</p><details class="explainer-print-later"><summary>Open'
        '</summary><p>A1</p></details><p class="explainer-write-in">Your call, and why:</p></li><li><p>Q2</p>'
        '<details class="explainer-print-later"><summary>Open</summary><p>A2</p></details>'
        '<p class="explainer-write-in">Your call, and why:</p></li></ol></div>'
        '<section class="explainer-answers-later"><h3>Answers to the questions before this page: read them once '
        'you have written yours</h3><ol><li value="1"><p>A1</p></li><li value="2"><p>A2</p></li></ol></section>'
    )
    assert handout.answers_after("<p>No fold here</p>") == "<p>No fold here</p>"


def test_print_css_opens_folds_and_breaks_the_page_before_the_answers():
    css = " ".join(site.PRINT_CSS.split())
    assert "@media print { details::details-content { content-visibility: visible; display: block; }" in css
    assert "details.explainer-print-later { display: none; }" in css
    assert ".explainer-answers-later { display: block; break-before: page; }" in css
    ours = " ".join(handout.PRINT_CSS.split())
    assert ours.index(".explainer-answers-later, .explainer-write-in { display: none; }") < ours.index("@media print")
    assert ours in css
    assert 'addEventListener("beforeprint"' in site.PRINT_CSS


def test_the_ledgers_entries_come_after_the_claims_students_judge(tmp_path, stored, content):
    build(tmp_path, "01_key_points")
    page = (tmp_path / "01_key_points.html").read_text(encoding="utf-8")
    judge = page.index("Judge each claim (")
    later = page.index('<section class="explainer-answers-later">')
    verdicts = page.index("Open after you have judged every claim:")
    assert judge < later < verdicts
    # Every claim judged has its line to write on before the page break, and its entry after it.
    judged = page[judge:later]
    assert judged.count('<details class="explainer-print-later">') == judged.count("Your call, and why:") == 15
    entries = page[later : page.index("</section>", later)]
    assert entries.count("<li value=") == 15
    for claim in content.claims:
        words = " ".join(claim.what_the_record_shows.split())[:60]
        assert plain_words(words) in plain_words(entries), claim.id


def test_every_page_with_a_commit_first_fold_prints_its_answers_later(tmp_path, stored):
    build(tmp_path, *ALL)
    for name in ALL:
        page = (tmp_path / f"{name}.html").read_text(encoding="utf-8")
        for snapshot in re.findall(r'<div class="explainer-snapshot">.*?(?=<div class="jp-Cell|\Z)', page, re.S):
            # Folds marked to print in place (not a question's answer) are left where they are.
            folds = len(re.findall(r'<details(?! class="explainer-in-place")(?: [^>]*)?>', snapshot))
            later = snapshot.count('<details class="explainer-print-later">')
            assert folds == later, f"{name}: {folds - later} folded answers would print under their question"
            if folds:
                assert snapshot.index("explainer-answers-later") > snapshot.rindex("explainer-write-in"), name


# ---------------------------------------------------------------- student copy and teacher copy


def test_the_student_copy_never_holds_the_key_and_the_teachers_does(tmp_path, stored, content, monkeypatch):
    monkeypatch.delenv("EXPLAINER_CLASS", raising=False)
    build(tmp_path / "student", "05_debate", "01_key_points")
    build(tmp_path / "teacher", "05_debate", teacher=True)
    student = (tmp_path / "student" / "05_debate.html").read_text(encoding="utf-8")
    teacher = (tmp_path / "teacher" / "05_debate.html").read_text(encoding="utf-8")
    shown = plain_words(student)
    for answer in content.model_answers:
        assert not any(run in shown for run in answer_runs(answer.answer)), answer.id
        assert any(run in plain_words(teacher) for run in answer_runs(answer.answer)), answer.id
    banner, heading = esc(handout.TEACHER_BANNER), esc(handout.TEACHER_HEADING)
    for copy in (student, (tmp_path / "student" / "01_key_points.html").read_text(encoding="utf-8")):
        assert heading not in copy and banner not in copy and "teacher's copy" not in plain_words(copy)
    body = teacher[teacher.index("<body") :]
    assert body.index(banner) < body.index("Debate: should help") < body.index(heading)
    assert (
        "<p><b>The assessed prompt for this class</b> (the default; no class file found): "
        "Should help for Ukraine come with something in return? <code>help-in-return</code></p>"
    ) in teacher
    assert "Model answers for the writing tasks" in teacher and "Example answers at each rubric level" in teacher
    assert banner in (tmp_path / "teacher" / "index.html").read_text(encoding="utf-8")


def test_html_teacher_goes_to_its_own_folder(monkeypatch):
    seen = []
    monkeypatch.setattr(site, "main", lambda argv: seen.append(argv) or 0)
    assert cli_main(["html", "--teacher", "05_debate"]) == 0
    assert cli_main(["html", "05_debate"]) == 0
    assert seen == [["05_debate", "--out", "_site-teacher", "--teacher"], ["05_debate", "--out", "_site"]]


# ---------------------------------------------------------------- the index


def test_building_one_page_keeps_every_notebook_in_the_index(tmp_path, stored):
    build(tmp_path, "02_aid_figures")
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    items = re.findall(r"<li>(.*?)</li>", index)
    assert [re.search(r"(\d\d) &middot;", item).group(1) for item in items] == [name[:2] for name in ALL]
    assert items[2].startswith('<a href="02_aid_figures.html">02 &middot; Aid figures')
    assert items[5].endswith("(no page yet: <code>explainer html 05_debate</code>)</small>")
    # A second build of another page keeps the first page and its link.
    build(tmp_path, "05_debate")
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["02_aid_figures.html", "05_debate.html", "index.html"]
    assert index.count("<li><a href=") == 2
    assert '<li><a href="02_aid_figures.html">' in index and '<li><a href="05_debate.html">' in index


# ---------------------------------------------------------------- on paper, in Chromium

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.slow
@pytest.mark.skipif(CHROMIUM is None and os.environ.get("CI") != "true", reason="needs Debian's Chromium")
def test_printed_page_opens_folds_and_puts_the_ledger_after_the_calls(tmp_path, stored):
    """01 printed (print media) in Chromium: the claims with lines to write on, then, on a new page, the entries."""
    from playwright.sync_api import sync_playwright

    build(tmp_path, "01_key_points")
    out = ARTIFACTS / "handout"
    out.mkdir(parents=True, exist_ok=True)
    args = ["--headless", "--no-sandbox", "--disable-gpu", "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"]

    def print_in_chromium():
        with sync_playwright() as p, tempfile.TemporaryDirectory() as profile:
            browser = p.chromium.launch_persistent_context(profile, executable_path=CHROMIUM, args=args, headless=True)
            try:
                page = browser.new_page()
                page.goto((tmp_path / "01_key_points.html").as_uri(), wait_until="load")
                # On screen: the answers are folded, the printed-only parts hidden.
                assert not page.locator(".explainer-answers-later").first.is_visible()
                fold = page.locator("details.explainer-print-later").first
                assert fold.is_visible() and not fold.get_by_text("What the record shows").is_visible()
                page.emulate_media(media="print")
                assert page.locator("details.explainer-print-later").first.is_hidden()
                assert page.locator(".explainer-write-in").count() == 15
                assert page.locator(".explainer-write-in").first.is_visible()
                later = page.locator(".explainer-answers-later")
                assert later.is_visible() and later.evaluate("e => getComputedStyle(e).breakBefore") == "page"
                last_call = page.locator(".explainer-write-in").last.bounding_box()
                assert later.bounding_box()["y"] > last_call["y"]
                # The ledger's summary fold (not a question's answer) prints open where it is.
                summary = page.get_by_text("Open after you have judged every claim").locator("xpath=ancestor::details")
                assert summary.locator("li").first.is_visible()
                page.screenshot(path=str(out / "01-print-media.png"), full_page=False)
                page.pdf(path=str(out / "01-student.pdf"), format="A4", print_background=True)
            finally:
                browser.close()

    # Playwright's sync API refuses to run where an asyncio loop is running (an earlier test's, in
    # this thread), so the browser is driven from a thread of its own.
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        pool.submit(print_in_chromium).result(timeout=300)
    assert (out / "01-student.pdf").stat().st_size > 10_000
    assert ROOT in (out / "01-student.pdf").parents
