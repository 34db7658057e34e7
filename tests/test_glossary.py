"""Words a student can follow: the glossary's data, and every notebook defining the terms it uses."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from explainer.content import validate
from explainer.model.glossary import GLOSSARY_LINK, MAX_WORDS, first_use, prose_only, terms_in
from explainer.paths import notebook_path
from explainer.views.glossary import glossary_html, hover_link
from tests.paths import NOTEBOOKS

NOTEBOOK_PATHS = sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
# Notebooks whose prose links each term's first use to its definition (a hover): every one.
HOVER_AT_FIRST_USE = tuple(p.stem for p in NOTEBOOK_PATHS)

ISSUE_TERMS = (
    "appropriation",
    "obligation",
    "disbursement",
    "allocated",
    "committed",
    "dfc",
    "division",
    "supplemental-appropriation",
    "right-of-first-refusal",
    "offtake",
    "sovereign-immunity",
    "ratification",
    "readout",
    "rare-earth-elements",
    "critical-minerals",
    "reserves",
    "resources",
)


def _markdown(path: Path) -> str:
    nb = json.loads(path.read_text(encoding="utf-8"))
    return "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")


def _glossary_calls(path: Path) -> list[list[str]]:
    """The term ids passed to ``glossary_section(content, ...)`` in the notebook's code cells."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    calls = []
    for cell in nb["cells"]:
        if cell["cell_type"] != "code":
            continue
        for node in ast.walk(ast.parse("".join(cell["source"]))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "glossary_section":
                calls.append([a.value for a in node.args[1:] if isinstance(a, ast.Constant)])
    return calls


def test_the_glossary_has_thirty_short_definitions_and_the_issues_terms(content):
    assert len(content.glossary) >= 30
    for term in content.glossary:
        assert len(term.definition.split()) <= MAX_WORDS, term.id
        assert '"' not in term.definition, f"{term.id}: a double quote would end the hover's title"
        if term.technical:
            assert term.sources, term.id
    assert set(ISSUE_TERMS) <= {t.id for t in content.glossary}
    for term_id in ISSUE_TERMS:
        assert content.get("glossary", term_id).technical, term_id


def test_the_validator_names_an_unsourced_technical_term_and_a_shared_form(data_copy):
    path = data_copy / "glossary.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        "  sources: [pravda-2025-05-08-rada-ratifies]\n", "", 1
    )  # verkhovna-rada, technical: sources gone
    text = text.replace("  aliases: [readouts]\n", "  aliases: [readouts, Rada]\n", 1)
    path.write_text(text, encoding="utf-8")
    _content, problems = validate(data_copy)
    assert sorted(str(p) for p in problems) == [
        f"{path}: record readout: field aliases: 'Rada' is already a form of verkhovna-rada",
        f"{path}: record verkhovna-rada: field sources: a technical term needs at least one source",
    ]


def test_terms_are_found_as_whole_words_longest_form_first(content):
    found = terms_in(content, "Rare earths are not critical minerals; Congress appropriated it. A readout-like note.")
    assert [t.id for t in found] == ["rare-earth-elements", "critical-minerals", "appropriation"]
    assert terms_in(content, "misappropriated funds") == []
    text = "## Verdicts\n`ledger` [the ledger](other.ipynb) <b title='opinion'>x</b> and then the verdict."
    assert [t.id for t in terms_in(content, prose_only(text))] == ["verdict"]


@pytest.mark.parametrize("path", NOTEBOOK_PATHS, ids=lambda p: p.stem)
def test_every_notebook_defines_the_glossary_terms_it_uses(content, path):
    used = [t.id for t in terms_in(content, prose_only(_markdown(path)))]
    calls = _glossary_calls(path)
    assert len(calls) == 1, f"{path.name}: expected one glossary_section(content, ...) cell, found {len(calls)}"
    listed = calls[0]
    assert sorted(listed) == sorted(used), (
        f"{path.name}: terms used but not defined: {sorted(set(used) - set(listed))}; "
        f"defined but not used: {sorted(set(listed) - set(used))}"
    )
    html = glossary_html(content, listed)
    for term_id in listed:
        assert f'id="glossary-{term_id}"' in html


@pytest.mark.parametrize("stem", HOVER_AT_FIRST_USE)
def test_each_terms_first_use_carries_its_definition(content, stem):
    markdown = _markdown(notebook_path(stem))
    prose = prose_only(markdown)
    links = [(m.start(1), m.end(1), m.group(2), m.group(3)) for m in GLOSSARY_LINK.finditer(markdown)]
    for term in terms_in(content, prose):
        at = first_use(content, prose, term).start()
        link = next((lk for lk in links if lk[0] <= at < lk[1]), None)
        assert link is not None, f"{stem}: the first use of {term.id!r} is not a glossary link"
        assert link[2] == term.id, (stem, term.id, link[2])
        assert link[3] == term.definition, f"{stem}: the hover of {term.id!r} differs from data/glossary.yaml"


def test_hover_link_is_the_markdown_the_test_reads(content):
    link = hover_link(content, "readout", "readouts")
    m = GLOSSARY_LINK.fullmatch(link)
    assert m and m.groups() == ("readouts", "readout", content.get("glossary", "readout").definition)


def test_the_security_guarantee_definition_does_not_answer_the_units_question(content):
    # Issue #21: the hover meets students from 00's first sentence, before claim 1, 03's prediction
    # and 05's first prompt ask whether the deal held a guarantee; a definition defines, it does not settle that.
    definition = content.get("glossary", "security-guarantee").definition
    assert definition == "A promise by one state to help defend another if it is attacked."
