"""No notebook shows an answer before the student commits (issue #21, section 1).

Each row of :data:`ORDER` names a notebook, the code cell where the student
commits (a verdict, a guess, a prediction, a written answer) and the code
cells that show the answer to it. The test reads each notebook's cells in
order and fails where an answer-bearing cell comes before its commit step.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"

#: (notebook, the commit step, the cells that give its answer away): regular expressions on code cells.
ORDER = (
    # The skill check and the aid guess open 00, before the article (which gives a total) or any answer.
    (
        "00_start_here",
        r'SkillCheck\(content, "before"\)',
        r"article_html\(|ClaimJudge\(|QuizView\(|ExerciseView\(|glossary_section\(|AidGuess\(",
    ),
    ("00_start_here", r'AidGuess\(content, asked_in="00"\)', r"article_html\(|ClaimJudge\(|glossary_section\("),
    ("01_key_points", r"ClaimJudge\(content\)", r"ledger_verdicts_html\(|verdicts=True|verdict_counts\("),
    ("02_aid_figures", r"AidGuess\(content", r"headline_html\(|headline_figures|gap_html\("),
    ("03_minerals_and_the_deal", r"ChangePrediction\(content", r"VersionComparison\(|charts\.deal_changes\("),
    (
        "04_diplomatic_fallout",
        r'ChoicePrediction\(content, "04-aid-after-oval-office"\)',
        r"phases_frame\(|TimelineExplorer\(|events_timeline\(|events_in_phases\(",
    ),
    (
        "07_what_happened_next",
        r'ChoicePrediction\(content, "07-fund-first-investment"\)',
        r'period_html\(|thread_ends\(|TimelineExplorer\(|tagged\(after, "fund"',
    ),
    ("07_what_happened_next", r'ExerciseView\(content, "ex-07-guarantee-after-all"\)', r"hindsight_record_html\("),
    # The ledger as it stood on the article's day carries today's verdicts too: after the judge, and
    # after the ledger's own verdicts are revealed.
    ("01_key_points", r"ClaimJudge\(content\)", r"LedgerAsOf\(|verdicts_over_time_html\(|asof_html\("),
    ("01_key_points", r"ledger_verdicts_html\(content\)", r"LedgerAsOf\(|verdicts_over_time_html\(|asof_html\("),
    ("08_check_it_yourself", r"CheckableMarker\(content", r"transfer_ledger_html\(|transfer_judge\("),
    ("08_check_it_yourself", r"transfer_judge\(content", r"transfer_ledger_html\(|ledger_for\("),
)

#: Notebooks with no answer-bearing cell of their own, and why.
NO_REVEAL = {
    "05_debate": "the sides' arguments are material to weigh; no cell answers the writing tasks",
    "06_analyst_workbench": "a workbench for the student's own questions; it reveals no answer",
}


def leaks(cells, commit: str, answer: str) -> list[str]:
    """The answer-bearing code cells that come before the commit step, as "cell N: source".

    Raises
    ------
    LookupError
        When no cell matches ``commit`` or none matches ``answer`` (the table has gone stale).
    """
    code = [(i, c.source) for i, c in enumerate(cells) if c.cell_type == "code"]
    steps = [i for i, src in code if re.search(commit, src)]
    answers = [(i, src) for i, src in code if re.search(answer, src)]
    if not steps:
        raise LookupError(f"no cell matches the commit step {commit!r}")
    if not answers:
        raise LookupError(f"no cell matches the answers {answer!r}")
    return [f"cell {i}: {src.splitlines()[0]}" for i, src in answers if i < steps[0]]


def _cells(name: str):
    return nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4).cells


def test_every_notebook_is_listed():
    names = {p.stem for p in NOTEBOOKS.glob("[0-9][0-9]_*.ipynb")}
    assert names == {row[0] for row in ORDER} | set(NO_REVEAL)


@pytest.mark.parametrize(("notebook", "commit", "answer"), ORDER, ids=[f"{r[0]}:{r[1][:20]}" for r in ORDER])
def test_no_answer_before_the_commit_step(notebook, commit, answer):
    assert leaks(_cells(notebook), commit, answer) == []


def test_a_planted_reversal_is_caught():
    cells = _cells("04_diplomatic_fallout")
    _name, commit, answer = next(r for r in ORDER if r[0] == "04_diplomatic_fallout")
    step = next(i for i, c in enumerate(cells) if re.search(commit, c.source))
    # Plant the phases table (which names the pause) before the prediction.
    reversed_cells = [nbformat.v4.new_code_cell("display.table(timeline.phases_frame(content))"), *cells]
    assert leaks(reversed_cells, commit, answer) == ["cell 0: display.table(timeline.phases_frame(content))"]
    # Move the prediction after the hindsight: every answer cell before it is named.
    moved = [c for i, c in enumerate(cells) if i != step] + [cells[step]]
    assert len(leaks(moved, commit, answer)) >= 3


def test_a_stale_row_fails_loudly():
    with pytest.raises(LookupError, match="no cell matches the commit step"):
        leaks(_cells("04_diplomatic_fallout"), r"NoSuchView\(", r"phases_frame\(")


def test_01_keeps_the_verdicts_folded_in_its_stored_output():
    cells = _cells("01_key_points")
    cell = next(c for c in cells if c.cell_type == "code" and "ledger_verdicts_html(" in c.source)
    html = "".join(o.get("data", {}).get("text/html", "") for o in cell.outputs)
    opening = '<div class="explainer-output tex2jax_ignore mathjax_ignore"><details><summary><b>Open after'
    assert html.startswith(opening)
    assert "verdict_counts(" not in "".join(c.source for c in cells if c.cell_type == "code")


def test_08_keeps_the_texts_ledger_folded_in_its_stored_output():
    cells = _cells("08_check_it_yourself")
    cell = next(c for c in cells if c.cell_type == "code" and "transfer_ledger_html(" in c.source)
    html = "".join(o.get("data", {}).get("text/html", "") for o in cell.outputs)
    opening = '<div class="explainer-output tex2jax_ignore mathjax_ignore"><details><summary><b>Open after'
    assert html.startswith(opening)
