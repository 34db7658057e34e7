"""The printed handout: what the static pages of ``explainer html`` do on paper, and the teacher's copy.

On screen a page folds each answer away (a ``<details>`` element) until the
reader opens it. On paper nothing can be opened, so:

- every folded section prints open (:data:`PRINT_CSS`, and a ``beforeprint``
  script for browsers without ``::details-content``);
- an answer folded under a question the student answers first (a view's
  static copy: the claims to judge, a guess, a prediction) does not print
  under it. In its place the paper has a line to write on, and the answers
  print together after a page break, after the page on which students write
  their own calls (:func:`answers_after`). The claims ledger's entries
  therefore never print before the claims the students judge.

The student copy (the default) never holds the answer key. The teacher's copy
(``explainer html --teacher``) adds, at the end of each page, that notebook's
part of the key (:func:`teacher_section`): quiz answers, exercise solutions,
and for notebook 05 the model answers, the rubric examples and the prompt the
class configuration sets.
"""

from __future__ import annotations

import re

from ..markup import esc

#: The class of a folded answer that prints on a later page, not in place.
PRINT_LATER = "explainer-print-later"
#: The class of the section holding those answers, printed after a page break.
ANSWERS_LATER = "explainer-answers-later"
#: The class of the line to write on, printed where the answer was.
WRITE_IN = "explainer-write-in"
#: The class of the teacher's part of a page.
TEACHER_KEY = "explainer-teacher-key"

#: The heading over the answers printed after the questions.
ANSWERS_HEADING = "Answers to the questions before this page: read them once you have written yours"
#: What the paper says where a folded answer was.
WRITE_IN_TEXT = "Your call, and why:"
#: The heading of the teacher's part of a page.
TEACHER_HEADING = "For the teacher: this notebook's answer key"
#: The banner on every page of the teacher's copy.
TEACHER_BANNER = "Teacher's copy: it holds the answer key. Give students the student copy."

PRINT_CSS = f"""
.{ANSWERS_LATER}, .{WRITE_IN} {{ display: none; }}
@media print {{
  details::details-content {{ content-visibility: visible; display: block; }}
  details > summary {{ font-style: italic; }}
  details.{PRINT_LATER} {{ display: none; }}
  .{WRITE_IN} {{ display: block; border-bottom: 1px solid #000; min-height: 3.2em; margin: .4em 0 1em; }}
  .{ANSWERS_LATER} {{ display: block; break-before: page; }}
  .{TEACHER_KEY} {{ break-before: page; }}
}}"""

#: Opens every fold for printing (browsers without ``::details-content``) and closes them again after.
PRINT_SCRIPT = """<script>
(() => {
  const opened = [];
  window.addEventListener("beforeprint", () => {
    document.querySelectorAll("details:not([open])").forEach((d) => { d.open = true; opened.push(d); });
  });
  window.addEventListener("afterprint", () => { opened.splice(0).forEach((d) => { d.open = false; }); });
})();
</script>"""


_FOLD = re.compile(r"<details>(<summary>.*?</summary>)(.*?)</details>", re.S)


def answers_after(fragment: str) -> str:
    """A view's static copy with its folded answers also printed after a page break.

    Each ``<details>`` in ``fragment`` keeps its place on screen and is marked
    :data:`PRINT_LATER` (not printed there); a line to write on (:data:`WRITE_IN`)
    follows it; and a section (:data:`ANSWERS_LATER`, shown only on paper, after a
    page break) at the end of the fragment repeats each answer. Several answers
    are numbered in order, as their questions are (the claims to judge).

    A fold marked ``class="explainer-in-place"`` is not a question's answer (the
    ledger as it stood on a day, shown after the calls) and prints open where it is.

    Parameters
    ----------
    fragment : str
        HTML of one output (a view's ``explainer-snapshot``), whose folds are
        plain ``<details><summary>...</summary>...</details>``, none inside another,
        as the views write them.

    Returns
    -------
    str
        The fragment unchanged when it has no fold.
    """
    answers = [m.group(2) for m in _FOLD.finditer(fragment)]
    if not answers:
        return fragment
    marked = _FOLD.sub(
        lambda m: (
            f'<details class="{PRINT_LATER}">{m.group(1)}{m.group(2)}</details>'
            f'<p class="{WRITE_IN}">{esc(WRITE_IN_TEXT)}</p>'
        ),
        fragment,
    )
    if len(answers) == 1:
        items = f'<li style="list-style: none">{answers[0]}</li>'
    else:
        items = "".join(f'<li value="{n}">{body}</li>' for n, body in enumerate(answers, start=1))
    return f'{marked}<section class="{ANSWERS_LATER}"><h3>{esc(ANSWERS_HEADING)}</h3><ol>{items}</ol></section>'


def teacher_section(content, stem: str) -> str:
    """The teacher's part of one notebook's page: its answer key, as HTML ("" when it has none).

    For notebook 05 it opens with the prompt the class configuration sets for
    the written position (:func:`explainer.model.classconfig.assessed_prompt`).
    """
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    from ..model import classconfig, writing
    from .answer_key import notebook_key

    key = notebook_key(content, stem)
    if not key:
        return ""
    prompt = ""
    if stem == writing.NOTEBOOK:
        try:
            chosen = classconfig.class_config(content)
            source = f"set in {chosen.path}" if chosen.chosen else "the default; no class file found"
            prompt = (
                f"<p><b>The assessed prompt for this class</b> ({esc(source)}): "
                f"{esc(chosen.assessed_prompt.question)} <code>{esc(chosen.assessed_prompt.id)}</code></p>"
            )
        except classconfig.ClassConfigError as error:
            prompt = f"<p><b>The class file has a mistake:</b> {esc(error)}</p>"
    return (
        f'<section class="{TEACHER_KEY} jp-RenderedHTMLCommon"><h2>{esc(TEACHER_HEADING)}</h2>'
        f"{prompt}{markdown2html_mistune(key)}</section>"
    )
