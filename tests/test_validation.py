"""The validator names every mistake: file, record and field, in one line each.

The malformed-data cases here are written out by hand; ``test_malformed_data.py``
adds the ones discovered from the record declarations. Every rule in
``explainer.model.RULES`` has its own broken copies of the data below.
"""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

import explainer
from explainer.commands.cli import check
from explainer.model import RULES


def run_check(data_dir: Path) -> tuple[int, list[str]]:
    out = io.StringIO()
    code = check(str(data_dir), out=out)
    return code, out.getvalue().splitlines()


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text not found in {path.name}: {old!r}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def cut(path: Path, start: str, end: str | None = None) -> str:
    """Remove the text from ``start`` up to ``end`` (or the end of the file); return what was removed."""
    text = path.read_text(encoding="utf-8")
    assert start in text, f"fixture text not found in {path.name}: {start!r}"
    i = text.index(start)
    j = text.index(end, i) if end else len(text)
    path.write_text(text[:i] + text[j:], encoding="utf-8")
    return text[i:j]


def test_shipped_data_is_valid():
    code, lines = run_check(Path(explainer.paths.PACKAGE_DATA))
    assert code == 0, "\n".join(lines)
    assert len(lines) == 1 and lines[0].startswith("OK: ")


# Each case: (mutate(data_dir), the exact problem line, with DATA for the folder).
CASES = {
    "yaml syntax error": (
        lambda d: (d / "rating_scale.yaml").write_text("- id: accurate\n  label: [unclosed\n"),
        "DATA/rating_scale.yaml: YAML syntax error at line 3, column 1: did not find expected ',' or ']'",
    ),
    "empty file": (
        lambda d: (d / "rating_scale.yaml").write_text("\n\n"),
        "DATA/rating_scale.yaml: is empty",
    ),
    "missing file": (
        lambda d: (d / "rating_scale.yaml").unlink(),
        "DATA/rating_scale.yaml: is missing",
    ),
    "dated verdict off the scale": (
        lambda d: edit(d / "claims_asof.yaml", "  rating: opinion\n", "  rating: unproven\n"),
        "DATA/claims_asof.yaml: record asof-gift-of-trust-2025-02-21: field rating: "
        "refers to 'unproven', which is not in rating_scale",
    ),
    "binary file": (
        lambda d: (d / "rating_scale.yaml").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00"),
        "DATA/rating_scale.yaml: is a binary file, not text",
    ),
    "not utf-8": (
        lambda d: (d / "rating_scale.yaml").write_bytes(b"- id: caf\xe9\n"),
        "DATA/rating_scale.yaml: is not UTF-8 text (byte 9)",
    ),
    "mapping instead of list": (
        lambda d: (d / "rating_scale.yaml").write_text("id: accurate\n"),
        "DATA/rating_scale.yaml: should hold a list of records, holds a dict",
    ),
    "python tag": (
        lambda d: (d / "rating_scale.yaml").write_text("- !!python/object/apply:os.system ['echo hacked']\n"),
        "DATA/rating_scale.yaml: uses a YAML tag that is not allowed at line 1 "
        "(could not determine a constructor for the tag 'tag:yaml.org,2002:python/object/apply:os.system')",
    ),
    "alias bomb": (
        lambda d: (d / "rating_scale.yaml").write_text(
            'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
            + "".join(f"{n}: &{n} [{', '.join(['*' + p] * 9)}]\n" for p, n in zip("abcdefgh", "bcdefghi"))
        ),
        "DATA/rating_scale.yaml: uses YAML anchors and aliases (&name, *name); write records out in full",
    ),
    "unknown field": (
        lambda d: edit(d / "rating_scale.yaml", "  label: Accurate\n", "  label: Accurate\n  colour: green\n"),
        "DATA/rating_scale.yaml: record accurate: field colour: unknown field (known: description, id, label, value)",
    ),
    "missing field": (
        lambda d: edit(d / "rating_scale.yaml", "  label: Accurate\n", ""),
        "DATA/rating_scale.yaml: record accurate: field label: is missing",
    ),
    "wrong type": (
        lambda d: edit(d / "rating_scale.yaml", "  value: 1\n", "  value: first\n"),
        "DATA/rating_scale.yaml: record accurate: field value: expected a number, got 'first'",
    ),
    "number too small": (
        lambda d: edit(d / "rating_scale.yaml", "  value: 1\n", "  value: -1\n"),
        "DATA/rating_scale.yaml: record accurate: field value: must be at least 1, got -1",
    ),
    "duplicate id": (
        lambda d: edit(d / "rating_scale.yaml", "- id: misleading\n", "- id: accurate\n"),
        "DATA/rating_scale.yaml: record accurate: field id: duplicate id (also in DATA/rating_scale.yaml)",
    ),
    "bad id": (
        lambda d: edit(d / "rating_scale.yaml", "- id: misleading\n", "- id: Mis leading\n"),
        "DATA/rating_scale.yaml: record Mis leading: field id: 'Mis leading' is not a valid id "
        "(lower-case letters, digits, '-' and '_')",
    ),
    "impossible date": (
        lambda d: edit(d / "phases.yaml", "start: 2025-01-01", "start: 2025-02-30"),
        "DATA/phases.yaml: record pressure: field start: '2025-02-30' is not a real calendar date "
        "(day is out of range for month)",
    ),
    "not a date": (
        lambda d: edit(d / "phases.yaml", "start: 2025-01-01", "start: early January"),
        "DATA/phases.yaml: record pressure: field start: expected a date as YYYY-MM-DD, got 'early January'",
    ),
    "phase ends before it starts": (
        lambda d: edit(d / "phases.yaml", "start: 2025-01-01", "start: 2025-12-01"),
        "DATA/phases.yaml: record pressure: field end: ends (2025-02-17) before it starts (2025-12-01)",
    ),
    "dangling reference": (
        lambda d: edit(d / "claims.yaml", "rating: inaccurate", "rating: wrongish"),
        "DATA/claims.yaml: record former-president: field rating: refers to 'wrongish', which is not in rating_scale",
    ),
    "stray yml file": (
        lambda d: (d / "events.yml").write_text("- id: x\n"),
        "DATA/events.yml: content files end in .yaml, not .yml",
    ),
    "china share over 100 percent": (
        lambda d: edit(d / "minerals_china.yaml", "  percent: 62\n", "  percent: 150\n"),
        "DATA/minerals_china.yaml: record iea-2023-mining: field percent: must be at most 100, got 150",
    ),
    "occupied share over 100 percent": (
        lambda d: edit(d / "minerals_occupation.yaml", "  high: 20\n", "  high: 150\n"),
        "DATA/minerals_occupation.yaml: record zelensky-2025-02-08: field high: must be at most 100, got 150",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_malformed_data_gives_one_clear_line(case, data_copy):
    mutate, expected = CASES[case]
    mutate(data_copy)
    code, lines = run_check(data_copy)
    expected = expected.replace("DATA", str(data_copy))
    assert code == 2
    assert expected in lines, "\n".join(lines)
    assert lines[-1].endswith("found; nothing was changed.")
    assert all("Traceback" not in line for line in lines)


def test_load_raises_content_error_with_the_same_problems(data_copy):
    edit(data_copy / "rating_scale.yaml", "  value: 1\n", "  value: first\n")
    with pytest.raises(explainer.ContentError) as caught:
        explainer.load(data_copy)
    lines = [str(p) for p in caught.value.problems]
    assert lines[0] == f"{data_copy}/rating_scale.yaml: record accurate: field value: expected a number, got 'first'"
    # The broken level is left out, so claims, dated verdicts and transfer claims rated with it are reported too.
    shipped = explainer.load()
    rated = [r.id for r in (*shipped.claims, *shipped.claims_asof, *shipped.transfer_claims) if r.rating == "accurate"]
    assert len(lines) == 1 + len(rated)
    assert all("refers to 'accurate', which is not in rating_scale" in line for line in lines[1:])


def test_cli_exit_codes_and_no_traceback(data_copy):
    cmd = [sys.executable, "-m", "explainer", "check", str(data_copy)]
    good = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
    assert good.returncode == 0, good.stdout + good.stderr
    (data_copy / "claims.yaml").write_text("- id: [unclosed\n")
    bad = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
    assert bad.returncode == 2
    assert "Traceback" not in bad.stdout + bad.stderr
    assert f"{data_copy}/claims.yaml: YAML syntax error" in bad.stdout


def test_not_a_directory(tmp_path):
    code, lines = run_check(tmp_path / "nowhere")
    assert code == 2
    assert lines[0] == f"{tmp_path / 'nowhere'}: is not a directory of content"


def test_environment_variable_points_at_another_copy(data_copy, monkeypatch):
    edit(data_copy / "rating_scale.yaml", "label: Accurate", "label: Correct")
    monkeypatch.setenv("EXPLAINER_DATA", str(data_copy))
    assert explainer.load().get("rating_scale", "accurate").label == "Correct"
    monkeypatch.delenv("EXPLAINER_DATA")
    assert explainer.load().get("rating_scale", "accurate").label == "Accurate"


def test_cache_notices_edits(data_copy):
    first = explainer.load(data_copy)
    assert explainer.load(data_copy) is first
    edit(data_copy / "rating_scale.yaml", "label: Accurate", "label: Right")
    second = explainer.load(data_copy)
    assert second is not first
    assert second.get("rating_scale", "accurate").label == "Right"


# ----------------------------------------------------------------------------
# The rules of explainer.model: each broken copy gives exactly the lines listed


def _phase_backwards(d: Path) -> None:
    (d / "phases").mkdir(exist_ok=True)
    (d / "phases" / "backwards.yaml").write_text(
        "- id: backwards\n  name: Backwards\n  start: 2025-06-02\n  end: 2025-06-01\n  summary: Ends first.\n",
        encoding="utf-8",
    )


def _second_signed_length(d: Path) -> None:
    path = d / "deal_terms.yaml"
    text = path.read_text(encoding="utf-8")
    record = text[text.index("- id: signed-length\n") :]
    path.write_text(text + record.replace("- id: signed-length\n", "- id: signed-length-again\n"), encoding="utf-8")


def _swap_levels_4_and_1(d: Path) -> None:
    edit(d / ANSWERS, "  level: 4\n", "  level: 0\n")
    edit(d / ANSWERS, "  level: 1\n", "  level: 4\n")
    edit(d / ANSWERS, "  level: 0\n", "  level: 1\n")


QUIZ = "quizzes/00_start_here.yaml"
ACTORS = "actors.yaml"
ANSWERS = "model_answers.yaml"
PROMPTS = "writing_prompts.yaml"
NO_PAGE_COUNT = '  text: "Not stated: no page count for these drafts is on record."\n'

# rule name -> [(what is broken, mutate(data_dir), the exact problem lines)]
RULE_CASES = {
    # The skill check (data/skillcheck.yaml): answers among the options and agreeing with the record,
    # parallel forms, no item repeated.
    "skill_answer_is_an_option": [
        (
            "a skill-check answer that is none of its options",
            lambda d: edit(d / "skillcheck.yaml", "  answer: claimed\n", "  answer: guessed\n"),
            [
                "DATA/skillcheck.yaml: record b-measure-350: field answer: 'guessed' is not one of the options "
                "(appropriated, allocated, committed, received, claimed, demanded)",
                "DATA/skillcheck.yaml: record b-measure-350: field answer: 'guessed', "
                "but aid_headlines/trump-2025-02-19-claimed says 'claimed'",
            ],
        ),
    ],
    "forms_are_parallel": [
        (
            "a skill with more items in form A than in form B",
            lambda d: edit(d / "skillcheck.yaml", "  form: B\n  skill: producer\n", "  form: A\n  skill: producer\n"),
            [
                "DATA/skillcheck.yaml: record a-producer-fund-policies: field form: "
                "skill 'producer' has 3 items in form A but 1 in form B"
            ],
        ),
    ],
    "no_item_repeats": [
        (
            "two skill-check items drawn from the same quote",
            lambda d: edit(
                d / "skillcheck.yaml",
                "  material: quotes/macron-2025-02-28-aggressor\n",
                "  material: quotes/macron-2025-02-24-we-paid\n",
            ),
            [
                "DATA/skillcheck.yaml: record b-quote-aggressor: field material: "
                "repeats the material of a-check-sixty-percent",
                "DATA/skillcheck.yaml: record b-quote-aggressor: field sources: lacks "
                "cnn-2025-02-24-macron-corrects-trump, kyivpost-2025-02-25-macron-corrects-trump, "
                "kiel-2025-02-14-three-year-report, a source of quotes/macron-2025-02-24-we-paid",
                "DATA/skillcheck.yaml: record b-quote-aggressor: field answer: 'translation', "
                "but quotes/macron-2025-02-24-we-paid says 'own-words'",
            ],
        ),
    ],
    "answer_matches_the_record": [
        (
            "a readout's item answered as the speaker's own words",
            lambda d: edit(
                d / "skillcheck.yaml",
                "  answer: readout\n  why: >-\n    The words speak",
                "  answer: own-words\n  why: >-\n    The words speak",
            ),
            [
                "DATA/skillcheck.yaml: record a-quote-starmer-call: field answer: 'own-words', "
                "but quotes/starmer-2025-02-19-elected-leader says 'readout'"
            ],
        ),
    ],
    "phase_in_order": [
        (
            "a phase ends before it starts",
            _phase_backwards,
            [
                "DATA/phases/backwards.yaml: record backwards: field end: "
                "ends (2025-06-01) before it starts (2025-06-02)"
            ],
        ),
    ],
    "event_end_after_start": [
        (
            "an event ends before it begins",
            lambda d: edit(d / "events.yaml", "  date: 2025-01-09\n", "  date: 2025-01-09\n  end_date: 2025-01-08\n"),
            [
                "DATA/events.yaml: record last-biden-aid-package: field end_date: "
                "is before the event's date (2025-01-09)"
            ],
        ),
    ],
    "one_kind_of_role": [
        (
            "an actor with both one role and dated roles",
            lambda d: edit(
                d / ACTORS, "  name: Yulia Svyrydenko\n", "  name: Yulia Svyrydenko\n  role: Prime Minister\n"
            ),
            [
                "DATA/actors.yaml: record svyrydenko: field role: "
                "give either role (one for the whole story) or dated roles, not both or neither"
            ],
        ),
        (
            "an actor with no role at all",
            lambda d: edit(d / ACTORS, "  role: President of Ukraine\n", ""),
            [
                "DATA/actors.yaml: record zelensky: field role: "
                "give either role (one for the whole story) or dated roles, not both or neither"
            ],
        ),
    ],
    "roles_follow_one_another": [
        (
            "a role that ends before it begins",
            lambda d: edit(
                d / ACTORS,
                "    since: 2025-07-17\n    until: 2026-01-13\n",
                "    since: 2025-07-17\n    until: 2025-07-01\n",
            ),
            [
                "DATA/actors.yaml: record shmyhal: field roles[1].until: "
                "2025-07-01 is before the role's first day (2025-07-17)"
            ],
        ),
        (
            "a role that begins before the one listed before it ends",
            lambda d: edit(
                d / ACTORS,
                "    since: 2025-07-17\n    sources: [pravda-2025-07-17-svyrydenko-pm]\n",
                "    since: 2025-07-10\n    sources: [pravda-2025-07-17-svyrydenko-pm]\n",
            ),
            [
                "DATA/actors.yaml: record svyrydenko: field roles[1].since: "
                "2025-07-10 is not after roles[0], held until 2025-07-16; list roles in date order"
            ],
        ),
        (
            "a role in the middle left open at both ends",
            lambda d: edit(d / ACTORS, "    since: 2025-07-17\n    until: 2026-01-13\n", ""),
            [
                "DATA/actors.yaml: record shmyhal: field roles[1].since: "
                "is missing; only the first role may be open at the start",
                "DATA/actors.yaml: record shmyhal: field roles[1].until: "
                "is missing; only the last role may be open at the end",
            ],
        ),
    ],
    "speaker_holds_a_role": [
        (
            "a quote dated in a gap between its speaker's roles",
            lambda d: edit(d / ACTORS, "    since: 2025-02-24\n", "    since: 2025-03-01\n"),
            [
                "DATA/quotes.yaml: record merz-2025-02-28-aggressor-victim: field date: "
                "2025-02-28 is outside every dated role of speaker 'merz'"
            ],
        ),
    ],
    "scale_values_distinct": [
        (
            "two rated levels share a value",
            lambda d: edit(d / "rating_scale.yaml", "  value: 2\n", "  value: 1\n"),
            ["DATA/rating_scale.yaml: record needs-context: field value: 1 is also the value of 'accurate'"],
        ),
    ],
    "counters_go_both_ways": [
        (
            "an answer that is not answered back",
            lambda d: edit(
                d / "positions.yaml",
                "  counters:\n  - ukraine-aid-is-not-a-debt\n  - europe-fair-minerals-partnership\n",
                "  counters:\n  - ukraine-aid-is-not-a-debt\n  - europe-fair-minerals-partnership\n"
                "  - europe-elected-leader\n",
            ),
            [
                "DATA/positions.yaml: record us-support-should-pay-back: field counters[2]: "
                "'europe-elected-leader' does not list 'us-support-should-pay-back' among its counters"
            ],
        ),
        (
            "a same-side answer that is not dissent",
            lambda d: edit(
                d / "positions.yaml",
                "  counters:\n  - ukraine-aid-is-not-a-debt\n  - europe-fair-minerals-partnership\n",
                "  counters:\n  - ukraine-aid-is-not-a-debt\n  - europe-fair-minerals-partnership\n"
                "  - us-aid-serves-a-us-aim\n",
            ),
            [
                "DATA/positions.yaml: record us-support-should-pay-back: field counters[2]: "
                "'us-aid-serves-a-us-aim' does not list 'us-support-should-pay-back' among its counters",
                "DATA/positions.yaml: record us-support-should-pay-back: field counters[2]: "
                "'us-aid-serves-a-us-aim' is on the same side; only dissent answers its own side",
            ],
        ),
    ],
    "stance_follows_the_camp_line": [
        (
            "an argument off its camp's line that is not marked dissent",
            lambda d: edit(
                d / "positions.yaml",
                "- id: us-sell-not-give\n  side: us-administration\n  stance: in-return\n",
                "- id: us-sell-not-give\n  side: us-administration\n  stance: no-bill\n",
            ),
            [
                "DATA/positions.yaml: record us-sell-not-give: field stance: 'no-bill' is not the line of "
                "'us-administration' ('in-return'); mark the argument dissent or change its stance"
            ],
        ),
    ],
    "translation_names_its_language": [
        (
            "a translation without its language",
            lambda d: edit(d / "quotes.yaml", "  form: translation\n  language: German\n", "  form: translation\n", 1),
            [
                "DATA/quotes.yaml: record scholz-2025-02-19-democratic-legitimacy: field language: "
                "a translation needs the language of the original"
            ],
        ),
        (
            "a language on words spoken in English",
            lambda d: edit(
                d / "quotes.yaml",
                "  date: 2025-02-03\n  form: spoken\n",
                "  date: 2025-02-03\n  form: spoken\n  language: English\n",
                1,
            ),
            [
                "DATA/quotes.yaml: record trump-2025-02-03-secure-rare-earth: field language: "
                "is given, but the quote's form is 'spoken', not a translation"
            ],
        ),
    ],
    "event_inside_phase": [
        (
            "an event falls outside its phase",
            lambda d: edit(d / "events.yaml", "  date: 2025-01-09\n", "  date: 2025-03-01\n"),
            [
                "DATA/events.yaml: record last-biden-aid-package: field date: "
                "2025-03-01 is outside phase 'pressure' (2025-01-01 to 2025-02-17)"
            ],
        ),
    ],
    "question_answerable": [
        (
            "a choice question with one option",
            lambda d: cut(d / QUIZ, "        - text: A former president", "      explanation:"),
            [
                f"DATA/{QUIZ}: record quiz-00-start-here: field questions[0].options: "
                "a choice question needs at least 3 options, has 0"
            ],
        ),
        (
            "a choice question with two right options",
            lambda d: edit(
                d / QUIZ,
                "win back the White House\n          correct: false\n",
                "win back the White House\n          correct: true\n",
            ),
            [
                f"DATA/{QUIZ}: record quiz-00-start-here: field questions[0].options: "
                "needs exactly one correct option, has 2"
            ],
        ),
        (
            "a wrong option that names no misconception",
            lambda d: edit(d / QUIZ, "          misconception: Taking the article's wording on trust\n", ""),
            [
                f"DATA/{QUIZ}: record quiz-00-start-here: field questions[0].options[0].misconception: "
                "a wrong option must name the misconception it stands for"
            ],
        ),
        (
            "a number question without an answer",
            lambda d: edit(d / QUIZ, "      answer: 23\n", ""),
            [f"DATA/{QUIZ}: record quiz-00-start-here: field questions[2].answer: a number question needs an answer"],
        ),
        (
            "a number question without a tolerance",
            lambda d: edit(d / QUIZ, "      answer: 23\n      tolerance: 0.5\n", "      answer: 23\n"),
            [
                f"DATA/{QUIZ}: record quiz-00-start-here: field questions[2].tolerance: "
                "a number question needs a tolerance"
            ],
        ),
    ],
    "application_has_material": [
        (
            "an application question that names no material",
            lambda d: edit(d / QUIZ, "      material: quotes/trump-2025-02-18-four-percent\n", ""),
            [
                f"DATA/{QUIZ}: record quiz-00-start-here: field questions[3].material: "
                "an application question must name its material"
            ],
        ),
        (
            "material in no collection",
            lambda d: edit(d / QUIZ, "material: quotes/trump", "material: speeches/trump"),
            [
                f"DATA/{QUIZ}: record quiz-00-start-here: field questions[3].material: "
                "'speeches/trump-2025-02-18-four-percent' is not collection/id"
            ],
        ),
        (
            "material that is not in the record",
            lambda d: edit(d / QUIZ, "material: quotes/trump-2025-02-18-four-percent", "material: quotes/trump-never"),
            [f"DATA/{QUIZ}: record quiz-00-start-here: field questions[3].material: no record 'trump-never' in quotes"],
        ),
        (
            "material on a question about the page",
            lambda d: edit(d / QUIZ, "      purpose: application\n", ""),
            [
                f"DATA/{QUIZ}: record quiz-00-start-here: field questions[3].material: "
                "only an application question names material"
            ],
        ),
    ],
    "technical_terms_are_sourced": [
        (
            "a technical term without a source",
            lambda d: edit(d / "glossary.yaml", "  sources: [telegraph-2025-02-draft-contract]\n", ""),
            [
                "DATA/glossary.yaml: record sovereign-immunity: field sources: "
                "a technical term needs at least one source"
            ],
        ),
    ],
    "forms_are_unique": [
        (
            "two terms share a form",
            lambda d: edit(d / "glossary.yaml", "  aliases: [readouts]\n", "  aliases: [readouts, Binder]\n"),
            ["DATA/glossary.yaml: record binder: field aliases: 'Binder' is already a form of readout"],
        ),
    ],
    "every_version_has_every_term": [
        (
            "a version lacks a term",
            lambda d: cut(d / "deal_terms.yaml", "- id: signed-length\n"),
            ["DATA/deal_versions.yaml: record signed: has no record in deal_terms for term 'length'"],
        ),
        (
            "a version has a term twice",
            _second_signed_length,
            [
                "DATA/deal_terms.yaml: record signed-length-again: field term: "
                "version 'signed' has 2 records for term 'length'"
            ],
        ),
    ],
    "silent_terms_say_so": [
        (
            "a silent term's text does not say so",
            lambda d: edit(d / "deal_terms.yaml", NO_PAGE_COUNT, '  text: "No page count is on record."\n'),
            [
                "DATA/deal_terms.yaml: record early-drafts-length: field text: "
                "the term is not stated, so the text must begin 'Not stated'"
            ],
        ),
        (
            "a stated term's text says it is not stated",
            lambda d: edit(d / "deal_terms.yaml", "  text: 12 pages.\n", "  text: Not stated here.\n"),
            [
                "DATA/deal_terms.yaml: record signed-length: field text: "
                "begins 'Not stated' but the term is marked stated"
            ],
        ),
        (
            "a silent term has a label",
            lambda d: edit(
                d / "deal_terms.yaml", NO_PAGE_COUNT + '  short: "not stated"\n', NO_PAGE_COUNT + "  short: none\n"
            ),
            [
                "DATA/deal_terms.yaml: record early-drafts-length: field short: "
                "the term is not stated, so the label must be 'not stated'"
            ],
        ),
        (
            "a stated term is labelled not stated",
            lambda d: edit(d / "deal_terms.yaml", '  short: "12 pages"\n', '  short: "not stated"\n'),
            ["DATA/deal_terms.yaml: record signed-length: field short: is 'not stated' but the term is marked stated"],
        ),
    ],
    "estimate_bounds_in_order": [
        (
            "an estimate gives neither a share nor a value",
            lambda d: edit(d / "minerals_occupation.yaml", "  high: 20\n", ""),
            [
                "DATA/minerals_occupation.yaml: record zelensky-2025-02-08: field high: "
                "gives neither a share (high) nor a value (value_usd_bn)"
            ],
        ),
        (
            "an estimate's low bound is above its high one",
            lambda d: edit(d / "minerals_occupation.yaml", "  low: 33\n  high: 33\n", "  low: 30\n  high: 20\n"),
            ["DATA/minerals_occupation.yaml: record secdev-2022-critical-minerals: field low: 30 is above high (20)"],
        ),
    ],
    # Model answers for the writing tasks of notebook 05 (issue 11).
    "every_side_answers_every_task": [
        (
            "a side has no model answer for a task",
            lambda d: cut(d / ANSWERS, "- id: other-side-ukraine\n", "- id: other-side-european-leaders\n"),
            ["DATA/model_answers.yaml: task 05-other-side-best-case has no model answer for side 'ukraine'"],
        ),
        (
            "a side has two model answers for a task",
            lambda d: edit(d / ANSWERS, "  side: ukraine\n", "  side: us-administration\n"),
            [
                "DATA/model_answers.yaml: record other-side-ukraine: field side: "
                "'us-administration' already has a model answer for 05-other-side-best-case "
                "(other-side-us-administration)",
                "DATA/model_answers.yaml: task 05-other-side-best-case has no model answer for side 'ukraine'",
            ],
        ),
        (
            "a model answer names no side",
            lambda d: edit(d / ANSWERS, "  side: ukraine\n", ""),
            [
                "DATA/model_answers.yaml: record other-side-ukraine: field side: "
                "a model answer needs a side (or a level, for a rubric example)",
                "DATA/model_answers.yaml: task 05-other-side-best-case has no model answer for side 'ukraine'",
            ],
        ),
    ],
    "one_example_per_level": [
        (
            "two examples at one level and none at another",
            lambda d: edit(d / ANSWERS, "  level: 2\n", "  level: 3\n"),
            [
                "DATA/model_answers.yaml: record rubric-level-2: field level: "
                "level 3 already has an example (rubric-level-3)",
                "DATA/model_answers.yaml: record rubric-level-2: field level: is 3, but its row scores average 2.0",
                "DATA/model_answers.yaml: 05-debate-position has no example answer for rubric level 2",
            ],
        ),
        (
            "an example leaves a row of the rubric unscored",
            lambda d: cut(d / ANSWERS, "  - row: clarity\n    score: 4\n", "  quotes:\n  - hegseth"),
            ["DATA/model_answers.yaml: record rubric-level-4: field scores: scores no row clarity of the rubric"],
        ),
        (
            "an example scores a row twice",
            lambda d: edit(d / ANSWERS, "  - row: clarity\n    score: 4\n", "  - row: evidence\n    score: 4\n"),
            [
                "DATA/model_answers.yaml: record rubric-level-4: field scores: scores no row clarity of the rubric",
                "DATA/model_answers.yaml: record rubric-level-4: field scores: scores row evidence more than once",
            ],
        ),
        (
            "an example's level is not what its rows score",
            _swap_levels_4_and_1,
            [
                "DATA/model_answers.yaml: record rubric-level-4: field level: is 1, but its row scores average 4.0",
                "DATA/model_answers.yaml: record rubric-level-1: field level: is 4, but its row scores average 1.2",
            ],
        ),
        (
            "an example for the other writing task",
            lambda d: edit(
                d / ANSWERS,
                "- id: rubric-level-3\n  task: 05-debate-position\n",
                "- id: rubric-level-3\n  task: 05-other-side-best-case\n",
            ),
            [
                "DATA/model_answers.yaml: record rubric-level-3: field task: "
                "rubric examples are for 05-debate-position, not 05-other-side-best-case",
                "DATA/model_answers.yaml: record rubric-level-3: field answer: "
                "has 195 words; 05-other-side-best-case asks for 100 to 150",
            ],
        ),
        (
            "a model answer is scored",
            lambda d: edit(
                d / ANSWERS,
                "  side: ukraine\n",
                "  side: ukraine\n  scores:\n  - row: evidence\n    score: 4\n    why: Good.\n",
            ),
            [
                "DATA/model_answers.yaml: record other-side-ukraine: field scores: "
                "only a rubric example (with a level) is scored"
            ],
        ),
    ],
    "quoted_words_are_exact": [
        (
            "a quotation is reworded",
            lambda d: edit(d / ANSWERS, "“We do not recognize the debt”", "“We do not accept the debt”"),
            [
                "DATA/model_answers.yaml: record other-side-ukraine: field answer: “We do not accept the debt” "
                "is not in the words of its quotes (zelensky-2025-02-15-not-ready-to-protect, "
                "zelensky-2025-02-23-no-debt, zelensky-2025-03-04-ready-to-sign)"
            ],
        ),
        (
            "a quotation whose quote record is not listed",
            lambda d: edit(d / ANSWERS, "  - zelensky-2025-02-23-no-debt\n", ""),
            [
                "DATA/model_answers.yaml: record other-side-ukraine: field answer: “We do not recognize the debt” "
                "is not in the words of its quotes (zelensky-2025-02-15-not-ready-to-protect, "
                "zelensky-2025-03-04-ready-to-sign)"
            ],
        ),
        (
            "a quotation in straight quotes in a weak example",
            lambda d: edit(
                d / ANSWERS, "Ukraine should be\n    grateful.", 'Ukraine should be\n    "grateful for the help".'
            ),
            [
                "DATA/model_answers.yaml: record rubric-level-1: field answer: “grateful for the help” "
                "is not in the words of its quotes (none listed)"
            ],
        ),
        (
            "the sources cite none of a quote's sources",
            lambda d: edit(d / ANSWERS, "  - ap-2025-02-15-zelensky-munich\n", ""),
            [
                "DATA/model_answers.yaml: record other-side-ukraine: field quotes[0]: "
                "the sources cite none of the sources of 'zelensky-2025-02-15-not-ready-to-protect'"
            ],
        ),
    ],
    # The prompts a teacher can set for the assessed position (issue 20).
    "prompts_are_sound": [
        (
            "the default prompt is missing",
            lambda d: edit(d / PROMPTS, "- id: help-in-return\n", "- id: help-in-return-renamed\n"),
            [
                "DATA/writing_prompts.yaml: no prompt 'help-in-return', the one asked by default",
                "DATA/writing_prompts.yaml: record help-in-return-renamed: field answered_in_key: "
                "the model answers answer help-in-return, not this prompt",
            ],
        ),
        (
            "a prompt asks for fewer words at most than at least",
            lambda d: edit(
                d / PROMPTS,
                "  min_words: 150\n  max_words: 250\n\n- id: conditions",
                "  min_words: 300\n  max_words: 250\n\n- id: conditions",
            ),
            ["DATA/writing_prompts.yaml: record stake-as-guarantee: field min_words: 300 is more than max_words 250"],
        ),
    ],
    "answers_within_word_limits": [
        (
            "an answer longer than its task asks",
            lambda d: edit(d / ANSWERS, "not as a debtor.", "not as a debtor. " + "And more. " * 5),
            [
                "DATA/model_answers.yaml: record other-side-ukraine: field answer: "
                "has 153 words; 05-other-side-best-case asks for 100 to 150"
            ],
        ),
    ],
    # Hindsight on the claims and allied purchases (issue 15).
    "one_hindsight_per_claim": [
        (
            "a claim has two hindsight records",
            lambda d: (d / "claims_hindsight.yaml").write_text(
                (d / "claims_hindsight.yaml").read_text(encoding="utf-8")
                + "\n- id: hindsight-again\n  claim: deal-framed-as-security-guarantee\n"
                "  what_later_events_showed: The same again.\n  as_of: 2026-04-16\n"
                "  sources: [reuters-2025-12-18-fund-policies]\n  confidence: confirmed\n",
                encoding="utf-8",
            ),
            [
                "DATA/claims_hindsight.yaml: record hindsight-again: field claim: "
                "'deal-framed-as-security-guarantee' already has a hindsight record (hindsight-security-guarantee)"
            ],
        ),
    ],
    "hindsight_not_before_its_evidence": [
        (
            "a hindsight record is dated before its evidence",
            lambda d: edit(d / "claims_hindsight.yaml", "  as_of: 2026-01-12\n", "  as_of: 2025-12-01\n"),
            [
                "DATA/claims_hindsight.yaml: record hindsight-500bn: field as_of: "
                "2025-12-01 is before its source spglobal-2026-01-12-dobra-winner (2026-01-12)"
            ],
        ),
    ],
    "corrections_shown_with_their_quotes": [
        (
            "a correction whose note is missing from its quote",
            lambda d: edit(d / "corrections.yaml", "found 57% of Ukrainians", "found 58% of Ukrainians"),
            [
                "DATA/corrections.yaml: record correction-trump-four-percent: field note: "
                "quote 'trump-2025-02-18-four-percent' lacks this note in its context"
            ],
        ),
        (
            "a correction pointing at another speaker's quote",
            lambda d: edit(
                d / "corrections.yaml",
                "  speaker: trump\n  date: 2025-02-18\n  statement: Zelensky's approval",
                "  speaker: zelensky\n  date: 2025-02-18\n  statement: Zelensky's approval",
            ),
            [
                "DATA/corrections.yaml: record correction-trump-four-percent: field quotes: "
                "'trump-2025-02-18-four-percent' is trump's, not zelensky's"
            ],
        ),
    ],
    "hindsight_no_firmer_than_its_evidence": [
        (
            "a conclusion firmer than the reported event it rests on",
            lambda d: edit(
                d / "claims_hindsight.yaml",
                "    - fund-fully-operational\n  context_events:\n    - us-threatens-intel-cutoff-peace-plan\n",
                "    - fund-fully-operational\n    - us-threatens-intel-cutoff-peace-plan\n  context_events:\n",
            ),
            [
                "DATA/claims_hindsight.yaml: record hindsight-security-guarantee: field confidence: "
                "'confirmed' is firmer than its weakest necessary evidence, "
                "event us-threatens-intel-cutoff-peace-plan ('reported')"
            ],
        ),
        (
            "a single-source event caps a conclusion below confirmed",
            lambda d: edit(
                d / "events" / "after_signing.yaml",
                "  sources: [reuters-2025-12-18-fund-policies]\n  confidence: confirmed\n",
                "  sources: [reuters-2025-12-18-fund-policies]\n  confidence: single source\n",
            ),
            [
                "DATA/claims_hindsight.yaml: record hindsight-security-guarantee: field confidence: "
                "'confirmed' is firmer than its weakest necessary evidence, "
                "event fund-fully-operational ('single source')",
                "DATA/claims_hindsight.yaml: record hindsight-rare-earth: field confidence: "
                "'confirmed' is firmer than its weakest necessary evidence, "
                "event fund-fully-operational ('single source')",
            ],
        ),
    ],
    "allied_money_kept_apart": [
        (
            "an allied purchase measured as something else",
            lambda d: edit(d / "aid" / "allied_purchases.csv", "0.578,allied-funded,", "0.578,committed,"),
            [
                "DATA/aid/allied_purchases.csv: record nl-2025-08-04: field measure: "
                "is 'committed'; purchases paid for by allies are measured as 'allied-funded'"
            ],
        ),
        (
            "allied money recorded as a figure for US aid",
            lambda d: edit(d / "aid" / "headline_figures.csv", ",76,received,", ",76,allied-funded,"),
            [
                "DATA/aid/headline_figures.csv: record zelensky-2025-02-01-received: field measure: "
                "'allied-funded' money is the allies', not US aid; record it in aid_allied_purchases"
            ],
        ),
    ],
    "one_way_to_time_a_task": [
        (
            "a task timed both as a whole and per question",
            lambda d: edit(
                d / "tasks.yaml",
                "  minutes_each: 1.5\n  each: question\n",
                "  minutes_each: 1.5\n  each: question\n  minutes: 4\n",
            ),
            [
                "DATA/tasks.yaml: record 00-quiz: field minutes: "
                "give either minutes or minutes_each, not both or neither"
            ],
        ),
        (
            "a task timed per item without saying per what",
            lambda d: edit(d / "tasks.yaml", "  minutes_each: 3\n  each: claim\n", "  minutes_each: 3\n"),
            ["DATA/tasks.yaml: record 01-judge-claims: field each: minutes_each needs each: question or claim"],
        ),
    ],
    "tasks_point_into_their_own_notebook": [
        (
            "a notebook's task times another notebook's quiz",
            lambda d: edit(d / "tasks.yaml", "  quiz: quiz-00-start-here\n", "  quiz: quiz-01-key-points\n"),
            [
                "DATA/tasks.yaml: record 00-quiz: field quiz: quiz-01-key-points belongs to 01_key_points, "
                "not 00_start_here",
                "DATA/quizzes/00_start_here.yaml: record quiz-00-start-here: no task in tasks.yaml times this quiz",
            ],
        ),
    ],
    "answer_is_an_option": [
        (
            "a prediction's answer that is none of its options",
            lambda d: edit(d / "predictions.yaml", "  answer: paused\n", "  answer: halted\n"),
            [
                "DATA/predictions.yaml: record 04-aid-after-oval-office: field answer: "
                "'halted' is not one of the options (carried-on, paused, stepped-up, ended)"
            ],
        ),
    ],
    "answer_no_firmer_than_its_events": [
        (
            "a prediction firmer than the reported event it rests on",
            lambda d: edit(d / "predictions.yaml", "  confidence: reported\n", "  confidence: confirmed\n"),
            [
                "DATA/predictions.yaml: record 07-fund-first-investment: field confidence: "
                "'confirmed', but the weakest of its events is 'reported'"
            ],
        ),
    ],
    "sources_cover_its_events": [
        (
            "a prediction that leaves out a source of its events",
            lambda d: edit(d / "predictions.yaml", "    - goodtimeinvest-2026-04-16-first-investment\n", ""),
            [
                "DATA/predictions.yaml: record 07-fund-first-investment: field sources: "
                "lacks goodtimeinvest-2026-04-16-first-investment, a source of fund-first-investment-decision"
            ],
        ),
    ],
    "every_quiz_and_exercise_is_timed": [
        (
            "an exercise nobody timed",
            lambda d: edit(d / "tasks.yaml", "  exercise: ex-00-read-a-verdict\n", ""),
            [
                "DATA/exercises/00_start_here.yaml: record ex-00-read-a-verdict: "
                "no task in tasks.yaml times this exercise"
            ],
        ),
    ],
    # The ledger as it stood on a given day (issue 21, section 5).
    "asof_sources_published_by_then": [
        (
            "a dated verdict cites a source published after its day",
            lambda d: edit(
                d / "claims_asof.yaml",
                "    - politico-2025-02-19-leaders-defend-zelensky\n    - newsaz",
                "    - politico-2025-02-23-resign-for-nato\n    - newsaz",
            ),
            [
                "DATA/claims_asof.yaml: record asof-european-support-2025-02-21: field sources: "
                "politico-2025-02-23-resign-for-nato (23 Feb 2025) is later than 2025-02-21"
            ],
        ),
        (
            "a source known only to the month counts from the end of the month",
            lambda d: edit(
                d / "claims_asof.yaml",
                "    - hurriyet-2025-02-20-no-statement\n\n- id: asof-european",
                "    - euromaidan-2025-02-20-kellogg-meeting\n\n- id: asof-european",
            ),
            [
                "DATA/claims_asof.yaml: record asof-press-conference-2025-02-21: field sources: "
                "euromaidan-2025-02-20-kellogg-meeting (Feb 2025) is later than 2025-02-21"
            ],
        ),
    ],
    "asof_dates_in_order": [
        (
            "two dated verdicts of a claim on one day",
            lambda d: edit(d / "claims_asof.yaml", "  as_of: 2025-02-16\n", "  as_of: 2025-02-21\n"),
            [
                "DATA/claims_asof.yaml: record asof-security-guarantee-2025-02-21: field as_of: "
                "2025-02-21 is not after asof-security-guarantee-2025-02-16 (2025-02-21) for the same claim"
            ],
        ),
    ],
    "asof_latest_is_the_ledgers": [
        (
            "the latest dated verdict differs from the ledger's",
            lambda d: edit(d / "claims_asof.yaml", "  rating: misleading\n", "  rating: needs-context\n"),
            [
                "DATA/claims_asof.yaml: record asof-alternatives-2025-02-21: field rating: "
                "'needs-context' is zelensky-proposed-alternatives's latest dated verdict; "
                "the ledger gives 'misleading'"
            ],
        ),
    ],
    "asof_every_claim_on_the_articles_day": [
        (
            "a claim with no verdict as of the article's day",
            lambda d: edit(
                d / "claims_asof.yaml",
                "  claim: european-leaders-support\n  as_of: 2025-02-21\n",
                "  claim: european-leaders-support\n  as_of: 2025-02-22\n",
            ),
            [
                "DATA/claims.yaml: record european-leaders-support: field rating: "
                "has no dated verdict on or before the article's day (2025-02-21)"
            ],
        ),
    ],
    "reading_rates_are_positive": [
        (
            "tables read at no speed at all",
            lambda d: edit(d / "pace.yaml", "table_words_per_minute: 100\n", "table_words_per_minute: 0\n"),
            [
                "DATA/pace.yaml: record reading-pace: field table_words_per_minute: "
                "a reading rate must be above 0 words a minute"
            ],
        ),
    ],
    "plans_hold_together": [
        (
            "a step in a fourth lesson of a three-lesson unit",
            lambda d: edit(d / "lesson_plans.yaml", "    - lesson: 3\n", "    - lesson: 4\n"),
            ["DATA/lesson_plans.yaml: record unit-3-lessons: field steps[16].lesson: lesson 4 of a 3-lesson plan"],
        ),
        (
            "allowances as long as the lesson",
            lambda d: edit(d / "lesson_plans.yaml", "  startup_minutes: 5\n", "  startup_minutes: 43\n"),
            [
                "DATA/lesson_plans.yaml: record lesson-45: field lesson_minutes: "
                "the start-up and hand-in allowances fill the whole lesson"
            ],
        ),
    ],
    "passages_unique": [
        (
            "two passages with one id",
            lambda d: edit(d / "transfer" / "treasury-2025-04-30.yaml", "    - id: p6\n", "    - id: p5\n"),
            [
                "DATA/transfer/treasury-2025-04-30.yaml: record treasury-2025-04-30: field passages: "
                "passage id 'p5' is used twice"
            ],
        ),
    ],
    "claims_judge_their_passages": [
        (
            "a ledger entry on an opinion",
            lambda d: edit(d / "transfer_claims.yaml", "  passage: p1\n", "  passage: p4\n"),
            [
                "DATA/transfer_claims.yaml: record treasury-signed-30-april: field passage: "
                "p4 is a statement of opinion, not a fact",
                "DATA/transfer/treasury-2025-04-30.yaml: record treasury-2025-04-30: field passages[0]: "
                "p1 is a fact: it needs one ledger entry, has 0",
            ],
        ),
        (
            "quoted words the passage does not hold",
            lambda d: edit(d / "transfer_claims.yaml", '"On April 30, the', '"On May 1, the'),
            [
                "DATA/transfer_claims.yaml: record treasury-signed-30-april: field quoted: "
                "these words are not in passage p1"
            ],
        ),
    ],
    "every_fact_has_one_entry": [
        (
            "a checkable passage nobody judged",
            lambda d: cut(d / "transfer_claims.yaml", "- id: treasury-recognises-past-support\n"),
            [
                "DATA/transfer/treasury-2025-04-30.yaml: record treasury-2025-04-30: field passages[1]: "
                "p2 is a fact: it needs one ledger entry, has 0"
            ],
        ),
        (
            "a statement of intent without what came later",
            lambda d: cut(
                d / "transfer" / "treasury-2025-04-30.yaml",
                "      later: >-\n        The record we hold",
                "      events: [fund-first-investment-decision]",
            ),
            [
                "DATA/transfer/treasury-2025-04-30.yaml: record treasury-2025-04-30: field passages[4].later: "
                "p5 is a statement of intent: say what came later"
            ],
        ),
    ],
}
RULE_CASE_IDS = [(rule, n) for rule, cases in RULE_CASES.items() for n in range(len(cases))]


def test_every_rule_has_its_cases():
    assert set(RULE_CASES) == {rule.__name__ for rule in RULES}


def test_shipped_data_breaks_no_rule(content):
    for rule in RULES:
        assert list(rule(content)) == [], rule.__name__


@pytest.mark.parametrize(("rule", "n"), RULE_CASE_IDS, ids=[f"{r}-{RULE_CASES[r][n][0]}" for r, n in RULE_CASE_IDS])
def test_rule_names_the_record_that_breaks_it(rule, n, data_copy):
    _what, mutate, expected = RULE_CASES[rule][n]
    mutate(data_copy)
    expected = [line.replace("DATA", str(data_copy)) for line in expected]
    code, lines = run_check(data_copy)
    assert code == 2
    assert lines[:-1] == expected
    assert lines[-1] == f"{len(expected)} problem{'s' if len(expected) > 1 else ''} found; nothing was changed."
    _content, problems = explainer.validate(data_copy)
    assert [str(p) for p in problems] == expected


def test_cli_reports_a_broken_rule(data_copy):
    cut(data_copy / "deal_terms.yaml", "- id: signed-length\n")
    cmd = [sys.executable, "-m", "explainer", "check", str(data_copy)]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and done.stderr == ""
    assert done.stdout.splitlines() == [
        f"{data_copy}/deal_versions.yaml: record signed: has no record in deal_terms for term 'length'",
        "1 problem found; nothing was changed.",
    ]
