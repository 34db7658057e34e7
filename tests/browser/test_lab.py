"""Every notebook as a student meets it: JupyterLab in Chromium, run all, use the widgets.

Notebooks are discovered in notebooks/ at collection time, and controls are
found by their ipywidgets classes, so notebooks and widgets added later are
covered without editing this file.
"""

from __future__ import annotations

import json
import time

import pytest

from ..paths import notebook_paths
from .axe import audit, serious
from .pages import (
    accessibility_problems,
    console_collector,
    lab_close,
    lab_open,
    lab_open_and_run,
    lab_report,
    lab_selector,
    operate_all,
    problems_in,
    screenshot_full,
)

pytestmark = pytest.mark.browser

NOTEBOOK_NAMES = [p.name for p in notebook_paths()]

# Typeset mathematics, as MathJax 2 and 3 leave it in the page.
TYPESET = "mjx-container, .MathJax, .MathJax_Display, .MathJax_Preview, .MathJax_SVG"

_FIND = r"""
([root, typeset]) => {
  const outputs = [...document.querySelectorAll(root + ' .jp-OutputArea-output')];
  const found = [];
  for (const out of outputs) {
    for (const el of out.querySelectorAll(typeset)) {
      const host = el.closest('.jp-OutputArea-output');
      found.push((host ? host.innerText : el.textContent).slice(0, 120).replace(/\s+/g, ' '));
    }
  }
  return {outputs: outputs.length, found};
}
"""


@pytest.fixture(scope="session")
def lab_page(browser, lab_server):
    """One JupyterLab page for the whole session, with its console errors collected."""
    collectors = []
    start = time.monotonic()
    page = lab_open(browser, lab_server, lambda p: collectors.append(console_collector(p, lab_server.base_url)))
    page.lab_load_seconds = time.monotonic() - start
    page.console_errors = collectors[0]
    yield page
    page.close()


@pytest.fixture(scope="session")
def timings(screenshots):
    """Seconds spent per notebook, written to test-artifacts/browser-timings.json at the end."""
    found = {}
    yield found
    (screenshots.parent / "browser-timings.json").write_text(json.dumps(found, indent=1) + "\n")


@pytest.fixture(scope="module", params=NOTEBOOK_NAMES)
def ran(request, lab_page, screenshots, timings):
    """A notebook opened in JupyterLab with all its cells run (kernel shut down afterwards)."""
    name = request.param
    first_error = len(lab_page.console_errors)
    report = lab_open_and_run(lab_page, name)
    selector = lab_selector(name)
    start = time.monotonic()
    shot = screenshots / f"lab-{name.removesuffix('.ipynb')}.png"
    screenshot_full(lab_page, shot, f"{selector} .jp-WindowedPanel-outer")
    report["timings"]["screenshot"] = time.monotonic() - start
    report.update(name=name, selector=selector, console_from=first_error, shot=shot)
    timings[name] = report["timings"]
    yield report
    lab_close(lab_page, name)


def console_errors(lab_page, report) -> list[str]:
    return lab_page.console_errors[report["console_from"] :]


def test_runs_without_errors(ran, lab_page):
    """Run all: every code cell ran, no error or stderr output, every widget rendered, no console error."""
    problems = problems_in(ran) + console_errors(lab_page, ran)
    assert not problems, f"{ran['name']}:\n" + "\n".join(problems)


def test_no_output_is_typeset_as_mathematics(ran, lab_page):
    """Text renders as written: no output of the notebook is typeset as mathematics.

    JupyterLab typesets ``$...$`` in HTML outputs with MathJax, which turned "in
    US$ billion (nominal), from $76bn to ..." into italic run-together symbols.
    Every HTML output of the project is marked for MathJax to skip
    (:func:`explainer.markup.as_written`); after the run, this waits for
    MathJax and fails if any output holds a typeset formula (MathJax 3's
    ``mjx-container``, MathJax 2's ``.MathJax``). Before the controls are operated:
    the outputs as the run left them.
    """
    lab_page.wait_for_timeout(1500)  # MathJax typesets after the outputs are attached
    result = lab_page.evaluate(_FIND, [ran["selector"], TYPESET])
    assert result["outputs"] > 0, f"{ran['name']}: no outputs were found to check"
    assert not result["found"], f"{ran['name']}: outputs typeset as mathematics:\n" + "\n".join(result["found"])


def test_every_control_works_from_the_keyboard(ran, lab_page):
    """Each slider, drop-down, toggle and button, operated by keyboard alone, changes what it drives."""
    before, start = len(lab_page.console_errors), time.monotonic()
    report = operate_all(lab_page, ran["selector"])
    ran["timings"].update(controls=time.monotonic() - start, operated=len(report.operated))
    if not report.operated:
        pytest.skip(f"{ran['name']} has no widgets")
    failures = report.failures() + lab_page.console_errors[before:]
    failures += [f"after operating its widgets: {p}" for p in problems_in(lab_report(lab_page, ran["name"]))]
    if failures:  # the state the widgets were left in, for whoever reads the failure
        screenshot_full(
            lab_page,
            ran["shot"].with_name(ran["shot"].stem + "-failed.png"),
            f"{ran['selector']} .jp-WindowedPanel-outer",
        )
    assert not failures, f"{ran['name']}:\n" + "\n".join(failures)


def test_outputs_are_readable_and_images_described(ran, lab_page):
    """WCAG AA text contrast in every output (widgets included), and alt text on every image."""
    problems = accessibility_problems(lab_page, ran["selector"])
    assert not problems, f"{ran['name']}:\n" + "\n".join(problems)


def test_axe_finds_no_serious_problems_in_the_outputs(ran, lab_page):
    """axe-core on the notebook's output areas (JupyterLab's own shell is recorded, not counted)."""
    first = ran["name"] == NOTEBOOK_NAMES[0]
    found = audit(lab_page, [f"{ran['selector']} .jp-OutputArea-output"], f"lab-{ran['name']}", shell=first)
    problems = serious(found["ours"])
    assert not problems, f"{ran['name']} in JupyterLab:\n" + "\n".join(problems)


def _questions_shown(lab_page, selector, content):
    """(quiz, question, its box) for every quiz question shown in the notebook."""
    root = lab_page.locator(selector)
    found = []
    for quiz in content.quizzes:
        for question in quiz.questions:
            prompt = " ".join(question.prompt.split())
            box = (
                root.locator(".widget-vbox")
                .filter(has=lab_page.locator(".widget-html", has_text=prompt))
                .filter(has=lab_page.get_by_role("button", name="Check", exact=True))
            )
            if box.count():
                found.append((quiz, question, box.last))
    return found


def _answers(question):
    """A wrong and a right answer, as a student would give them."""
    if question.kind == "choice":
        wrong = next(o.text for o in question.options if not o.correct)
        right = next(o.text for o in question.options if o.correct)
        return wrong, right
    wrong = question.answer + question.tolerance + max(1.0, abs(question.answer))
    return str(wrong), str(question.answer)


def _answer_with_mouse(box, question, text):
    if question.kind == "choice":
        target = box.get_by_role("radio", name=text, exact=True)
        if target.is_checked():
            # Left checked by the keyboard test: a click would change nothing, so the kernel would
            # grade whatever it last received. Choose another option first, as a student would.
            box.locator("input[type=radio]:not(:checked)").first.click()
        target.click()
    else:
        field = box.locator(".widget-text input")
        field.click()
        field.fill(text)
    box.get_by_role("button", name="Check", exact=True).click()


def _plain(text: str) -> str:
    return " ".join(text.split())


def _answer_and_wait(box, question, text, feedback, expected):
    """Answer, then wait for the feedback this answer brings (not what an earlier test left there).

    ``expected`` is text of that feedback, compared with spaces collapsed. The wait is for that
    text, not any change: a Check pressed by the keyboard test may still be answered late, and its
    feedback must not pass for this answer's.
    """
    before = feedback.inner_text()
    _answer_with_mouse(box, question, text)
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        now = feedback.inner_text()
        if _plain(expected) in _plain(now) and (now != before or time.monotonic() > deadline - 12):
            return now
        time.sleep(0.1)
    return feedback.inner_text()


def test_quiz_feedback_wrong_then_right(ran, lab_page, content):
    """Every quiz question shown: a wrong answer gets 'Not yet', the right one 'Correct', by mouse."""
    shown = _questions_shown(lab_page, ran["selector"], content)
    if not shown:
        pytest.skip(f"{ran['name']} shows no quiz")
    for quiz, question, box in shown:
        feedback = box.locator(".widget-html").last
        wrong, right = _answers(question)
        expected = "Not yet"
        if question.kind == "choice":
            expected = _plain(next(o for o in question.options if o.text == wrong).feedback)[:60]
        text = _answer_and_wait(box, question, wrong, feedback, expected)
        assert "Not yet" in text and expected in _plain(text), f"{quiz.id}/{question.id}: {text}"
        text = _answer_and_wait(box, question, right, feedback, "Correct")
        assert "Correct" in text and "Not yet" not in text, f"{quiz.id}/{question.id}: {text}"
