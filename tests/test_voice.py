"""The project's own voice describes and weighs evidence; the sides argue.

Two checks replace the old blacklist of tabloid words:

1. **Evaluative statements are attributed or tied to a verdict.** The prose the project writes
   about the dispute (the ledger's verdicts and records, hindsight, corrections of speakers, the
   article's summary and key points) is cut into clauses. A clause
   with a word of judgement in it (false, fair, misleading, weak...) must either name a speaker or
   producer together with a verb of saying or counting ("DW rated it false"), or sit in a verdict
   field and be about the thing under review ("the article's label narrows..."). A clause about
   motives (wanted to, sought to, sincere, cynical...) must be attributed: weighing evidence is the
   verdict's job, reading minds is no one's.
2. **A reviewer's list of framing phrases** ("sales pitch", "dressed ... in the language of",
   "waved ... away", the tabloid words) appears nowhere in project prose, notebooks included.

People's own words (anything in quotation marks) are theirs and are not checked. The tests plant
bad sentences in a copy of the content to show that each check fails when it should.
"""

from __future__ import annotations

import dataclasses
import json
import re
import types

import pytest
import yaml

from explainer.model import claims
from explainer.views import claims as claim_views
from tests.paths import DATA, NOTEBOOKS

# ----------------------------------------------------------------------------
# The reviewer's list: framing phrases refused everywhere in project prose

FRAMING = {
    "sales pitch": r"\bsales pitch",
    "dressed ... in the language of": r"\bdress(ed|es|ing)?\b[^.;]{0,60}\bin the (language|clothes|garb|costume) of",
    "pitched ... as": r"\bpitch(ed|es|ing)\b[^.;]{0,40}\bas\b",
    "window dressing": r"\bwindow[- ]dressing",
    "fig leaf": r"\bfig[- ]leaf",
    "smokescreen": r"\bsmoke ?screen",
    "spin": r"\bspin\b",
    "ploy": r"\bploys?\b",
    "gambit": r"\bgambits?\b",
    "pretext": r"\bpretexts?\b",
    "posturing": r"\bposturing\b",
    "in reality": r"\bin reality\b",
    "really wanted": r"\breally (wanted|meant|aimed|intended)",
    "the real reason": r"\bthe real (reason|aim|goal|motive|purpose)",
    "disguised": r"\bdisguis\w*",
    "cloaked": r"\bcloak\w*",
    "veneer": r"\bveneer\b",
    "so-called": r"\bso-called\b",
    "waved ... away": r"\bwav(ed|es|ing)\b[^.;]{0,30}\baway\b",
    "jabs": r"\bjabs?\b",
    "hit back": r"\bhit(s|ting)? back\b",
    "caved": r"\bcav(ed|es|ing) in\b|\bcaved\b",
    "bowed to": r"\bbow(ed|s)? to\b",
    "lashed out": r"\blash(ed|es|ing) out",
    "slammed": r"\bslamm(ed|ing)\b",
    "blasted": r"\bblast(ed|ing)\b",
    "tirade": r"\btirades?\b",
    "rant": r"\brant(s|ed|ing)?\b",
    "bully": r"\bbull(y|ied|ies|ying)\b",
    "humiliate": r"\bhumiliat\w*",
    "ambush": r"\bambush\w*",
    "berate": r"\berat(e|ed|es|ing)\b",
    "outburst": r"\boutbursts?\b",
    "meltdown": r"\bmeltdowns?\b",
    "shameful": r"\bshameful\b",
    "disgraceful": r"\bdisgraceful\b",
    "outrageous": r"\boutrageous\b",
    "appalling": r"\bappalling\b",
    "bizarre": r"\bbizarre\b",
    "unhinged": r"\bunhinged\b",
    "erratic": r"\berratic\b",
    "puppet": r"\bpuppets?\b",
    "stooge": r"\bstooges?\b",
    "grovel": r"\bgrovel\w*",
    "extort": r"\bextort\w*",
    "shakedown": r"\bshakedowns?\b",
    "ransom": r"\bransom\b",
    "warmonger": r"\bwarmonger\w*",
    "freeloader": r"\bfreeloader\w*",
    "beggar": r"\bbeggars?\b",
    "betrayal": r"\bbetray\w*",
    "capitulate": r"\bcapitulat\w*",
    "appease": r"\bappeas\w*",
    "strongman": r"\bstrongm[ae]n\b",
    "thug": r"\bthugs?\b",
    "spineless": r"\bspineless\b",
    "reckless": r"\breckless\w*",
}
FRAMING_RE = {name: re.compile(pattern, re.IGNORECASE) for name, pattern in FRAMING.items()}

#: Quoted words are the speaker's (or the article's), not ours.
QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"|‘[^’]*’|(?<![\w])'[^'\n]{1,200}'(?![\w])")


def unquoted(text: str) -> str:
    """``text`` with every quotation blanked out."""
    return QUOTED.sub(" … ", " ".join(text.split()))


def framing_in(text: str) -> list[str]:
    """The reviewer's framing phrases found in ``text`` outside quotation marks."""
    bare = unquoted(text)
    return [name for name, pattern in FRAMING_RE.items() if pattern.search(bare)]


# ----------------------------------------------------------------------------
# Evaluative statements: attributed, or tied to a verdict and its evidence

#: Words that judge: truth, fairness, size or quality.
JUDGEMENT = re.compile(
    r"\b(right|wrong|fair|fairly|unfair|false|untrue|true|accurate|inaccurate|misleading|overstat\w*"
    r"|exaggerat\w*|understat\w*|correct|incorrect|mistaken|dubious|baseless|unfounded|spurious|credible"
    r"|legitimate|illegitimate|reasonable|unreasonable|absurd|serious|unrealistic|success\w*|fail(ed|s|ure)?"
    r"|slow(ly|er)?|small|weak|strong|good|bad|better|worse|best|worst|generous|hollow|sham|soft(en|ens|ened)"
    r"|shrinks?|careful|careless|naive|empty|solid|clearly|obviously|simply|merely)\b",
    re.IGNORECASE,
)
#: Words that read minds: motives and character. Never ours, even in a verdict.
MOTIVE = re.compile(
    r"\b((wanted|wants|sought|seeks|aimed|aims|tried|tries|intended|intends|hoped|hopes) to"
    r"|in order to|motives?|sincer\w*|insincer\w*|genuine(ly)?|cynic\w*|honest\w*|dishonest\w*"
    r"|calculated|cover for|to look \w+|to appear \w+|desperat\w*|eager\w*|greed\w*|vanity)\b",
    re.IGNORECASE,
)
#: Verbs that attribute a view or a count to someone.
SAYING = re.compile(
    r"\b(said|says|say|saying|called|calls|calling|wrote|writes|told|tells|described|describes|counted"
    r"|counts|count|rated|rates|found|finds|reported|reports|argued|argues|replied|complained|promised"
    r"|announced|warned|offered|asked|claimed|claims|accused|accusing|noted|notes|read|gave|gives|put"
    r"|puts|estimated|estimates|judged|listed|lists|cited|cites|recorded|records|named|added|adding)\b",
    re.IGNORECASE,
)
#: Speakers and producers named in general terms.
GENERIC_SPEAKERS = (
    "the article",
    "the piece",
    "officials",
    "the White House",
    "the government",
    "European leaders",
    "European capitals",
    "the commission",
    "the institute",
    "fact check",
)
#: What a verdict is about: the article's claim or a speaker's statement under review.
UNDER_REVIEW = re.compile(
    r"\b(the article|the article's|the piece|the claim|the label|the sentence|the figure|the number"
    r"|the word|the words|the gist|key point \d|the line|the closing line|the headline|the comparison"
    r"|the statement|the article's reading)\b",
    re.IGNORECASE,
)
#: Clauses end at these: a judgement must be attributed in its own clause, not next door.
CLAUSE_BREAK = re.compile(r"(?<=[.;:?!])\s+|\s+—\s+|,\s+(?=(?:but|which|while|though|although)\b)")


@dataclasses.dataclass(frozen=True)
class Prose:
    """One field of project prose: where it is, whether it is a verdict, and its text."""

    where: str
    verdict: bool
    text: str


def project_prose(content) -> list[Prose]:
    """The prose the project writes about the dispute, each field marked verdict or not.

    Verdict fields weigh a claim or a statement against its evidence: a claim's
    ``explanation``, a hindsight record, a correction's ``note`` and record. The
    rest describe: the evidence itself, the article's summary and key points, the
    paraphrased claims and statements. (The rating scale and the glossary define
    the words of judgement themselves; they are held to the framing list only.)
    """
    out = []
    for c in content.claims:
        out.append(Prose(f"claims.yaml: {c.id}: claim_reviewed", False, c.claim_reviewed))
        out.append(Prose(f"claims.yaml: {c.id}: explanation", True, c.explanation))
        out.append(Prose(f"claims.yaml: {c.id}: what_the_record_shows", False, c.what_the_record_shows))
    for h in content.claims_hindsight:
        out.append(Prose(f"claims_hindsight.yaml: {h.id}: what_later_events_showed", True, h.what_later_events_showed))
    for c in content.corrections:
        out.append(Prose(f"corrections.yaml: {c.id}: statement", False, c.statement))
        out.append(Prose(f"corrections.yaml: {c.id}: note", True, c.note))
        out.append(Prose(f"corrections.yaml: {c.id}: what_the_record_shows", True, c.what_the_record_shows))
    article = content.article
    out.append(Prose("article.yaml: summary", False, article.summary))
    out.append(Prose("article.yaml: date_note", False, article.date_note))
    for k in article.key_points:
        out.append(Prose(f"article.yaml: {k.id}: summary", False, k.summary))
    return out


def speakers(content) -> re.Pattern:
    """Names a clause can attribute a view to: people (full name or surname), producers, generic speakers."""
    names = set(GENERIC_SPEAKERS)
    for actor in content.actors:
        names.add(actor.name)
        names.add(actor.name.split()[-1])
    for source in content.sources:
        names.add(source.publisher)
        names.add(re.sub(r"\s*\(.*\)$", "", source.publisher).split()[0])
    names = {n for n in names if len(n) >= 2}
    alternatives = sorted((re.escape(n) for n in names), key=len, reverse=True)
    return re.compile(r"(?<![\w])(" + "|".join(alternatives) + r")(?:'s)?(?![\w])")


def clauses(text: str) -> list[str]:
    """``text`` cut into clauses, with quotations blanked (a quotation's words are its speaker's)."""
    return [c for c in CLAUSE_BREAK.split(unquoted(text)) if c and c.strip(" .…")]


def voice_findings(content) -> list[str]:
    """Every clause of project prose that takes a side in the project's own voice, or uses a framing phrase.

    Returns
    -------
    list of str
        ``"FILE: RECORD: FIELD: problem: clause"``, one per problem; empty when the voice is neutral.
    """
    who = speakers(content)
    found = []
    for prose in project_prose(content):
        for name in framing_in(prose.text):
            found.append(f"{prose.where}: framing phrase {name!r}")
        for clause in clauses(prose.text):
            attributed = bool(who.search(clause) and SAYING.search(clause))
            if (m := MOTIVE.search(clause)) and not attributed:
                found.append(f"{prose.where}: motive {m.group(0)!r} not attributed: {clause.strip()}")
            elif (m := JUDGEMENT.search(clause)) and not attributed:
                if not (prose.verdict and UNDER_REVIEW.search(clause)):
                    found.append(
                        f"{prose.where}: judgement {m.group(0)!r} neither attributed nor a verdict's: {clause.strip()}"
                    )
    return found


def voice_tally(content) -> dict[str, int]:
    """How many clauses were read, and how many evaluative ones passed by attribution or as a verdict's."""
    who = speakers(content)
    tally = {"clauses": 0, "attributed": 0, "verdict": 0}
    for prose in project_prose(content):
        for clause in clauses(prose.text):
            tally["clauses"] += 1
            if JUDGEMENT.search(clause) or MOTIVE.search(clause):
                if who.search(clause) and SAYING.search(clause):
                    tally["attributed"] += 1
                elif prose.verdict and UNDER_REVIEW.search(clause):
                    tally["verdict"] += 1
    return tally


# ----------------------------------------------------------------------------
# The shipped prose


def test_the_project_voice_takes_no_side(content):
    assert voice_findings(content) == []


def test_the_check_reads_the_prose_and_meets_evaluations(content):
    """Not a check that passes by reading nothing: it reads every field and meets judgements of both kinds."""
    tally = voice_tally(content)
    assert tally["clauses"] >= 250
    assert tally["attributed"] >= 8
    assert tally["verdict"] >= 5


def _data_prose():
    """Every prose field of data/ outside sources and quotes (others' titles and words are not ours)."""
    fields = {
        "summary", "context", "explanation", "what_the_record_shows", "what_later_events_showed", "title",
        "note", "text", "feedback", "prompt", "task", "solution", "hint", "meaning", "in_this_story",
        "definition", "date_note", "description", "counts", "answer", "why", "claim", "statement",
        "claim_reviewed",
    }  # fmt: skip
    for path in sorted(DATA.rglob("*.yaml")):
        if path.parent.name in ("sources", "quotes") or path.name == "quotes.yaml":
            continue

        def walk(node, where):
            if isinstance(node, dict):
                for key, value in node.items():
                    if key in fields and isinstance(value, str):
                        yield f"{where}.{key}", value
                    else:
                        yield from walk(value, f"{where}.{key}")
            elif isinstance(node, list):
                for i, item in enumerate(node):
                    yield from walk(item, f"{where}[{i}]")

        yield from walk(yaml.safe_load(path.read_text(encoding="utf-8")), path.name)


def _notebook_prose():
    for nb in sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb")):
        for i, cell in enumerate(json.loads(nb.read_text(encoding="utf-8"))["cells"]):
            if cell["cell_type"] == "markdown":
                yield f"{nb.name} cell {i}", "".join(cell["source"])


def test_no_framing_phrase_anywhere_in_project_prose():
    texts = [*_data_prose(), *_notebook_prose()]
    assert len(texts) >= 500
    found = [f"{where}: {names}" for where, text in texts if (names := framing_in(text))]
    assert found == []


# ----------------------------------------------------------------------------
# Planted sentences: each check fails on real bad prose


def _with(content, collection: str, record_id: str | None = None, **changes):
    """A copy of the content's prose collections with one record changed."""
    names = ("claims", "claims_hindsight", "corrections", "actors", "sources")
    copy = types.SimpleNamespace(**{n: getattr(content, n) for n in names}, article=content.article)
    if record_id is None:
        setattr(copy, collection, dataclasses.replace(getattr(content, collection), **changes))
    else:
        records = getattr(content, collection)
        setattr(copy, collection, tuple(dataclasses.replace(r, **changes) if r.id == record_id else r for r in records))
    return copy


def test_a_planted_sales_pitch_verdict_is_caught(content):
    """The sentence issue 19 found, planted back into its verdict."""
    planted = _with(
        content,
        "claims",
        "deal-framed-as-security-guarantee",
        explanation=(
            "The article is right that US officials dressed the deal in the language of security. What it "
            "leaves out is that this was a sales pitch, not a term of the deal."
        ),
    )
    assert voice_findings(planted) == [
        "claims.yaml: deal-framed-as-security-guarantee: explanation: framing phrase 'sales pitch'",
        "claims.yaml: deal-framed-as-security-guarantee: explanation: framing phrase 'dressed ... in the language of'",
    ]


def test_a_planted_motive_is_caught_even_in_a_verdict(content):
    planted = _with(
        content,
        "claims",
        "zelensky-rejected-proposal",
        explanation="The article is right, and Zelensky refused because he wanted to look tough at home.",
    )
    assert voice_findings(planted) == [
        "claims.yaml: zelensky-rejected-proposal: explanation: motive 'wanted to' not attributed: "
        "The article is right, and Zelensky refused because he wanted to look tough at home."
    ]


@pytest.mark.parametrize(
    ("sentence", "problem"),
    [
        ("Trump's promise of security was hollow.", "judgement 'hollow'"),
        ("In the end the deal was weak.", "judgement 'weak'"),
        ("Europe was generous and the United States was not.", "judgement 'generous'"),
    ],
)
def test_a_planted_unattributed_judgement_in_hindsight_is_caught(content, sentence, problem):
    planted = _with(content, "claims_hindsight", "hindsight-500bn", what_later_events_showed=sentence)
    found = voice_findings(planted)
    assert len(found) == 1 and found[0].startswith(
        f"claims_hindsight.yaml: hindsight-500bn: what_later_events_showed: {problem}"
    )


def test_a_judgement_passes_when_attributed_or_about_the_claim(content):
    fine = (
        "DW's fact check rated the figure false. The article's label is misleading. "
        "Zelensky called the demand 'not serious', and Trump said the deal was good."
    )
    assert voice_findings(_with(content, "claims", "rare-earth-deal", explanation=fine)) == []


def test_a_verdict_may_judge_the_claim_but_a_summary_may_not(content):
    sentence = "The figure is false."
    assert voice_findings(_with(content, "claims", "us-provided-98bn", explanation=sentence)) == []
    found = voice_findings(_with(content, "article", summary=sentence))
    assert found == [
        "article.yaml: summary: judgement 'false' neither attributed nor a verdict's: The figure is false."
    ]


def test_an_attribution_next_door_does_not_cover_a_judgement(content):
    """The judgement must be attributed in its own clause: "Trump said X, which was false" is ours."""
    planted = _with(
        content,
        "claims_hindsight",
        "hindsight-98bn",
        what_later_events_showed="Trump said the US gave $350bn, which was false.",
    )
    assert voice_findings(planted) == [
        "claims_hindsight.yaml: hindsight-98bn: what_later_events_showed: judgement 'false' neither attributed "
        "nor a verdict's: which was false."
    ]


def test_quoted_words_are_the_speakers_not_ours():
    assert framing_in('Trump called the talks a “shakedown”, and Vance said "they bullied us".') == []
    assert framing_in("Officials slammed the deal.") == ["slammed"]


# ----------------------------------------------------------------------------
# Corrections reach the reader, and go to every side


def test_every_corrected_quote_carries_its_note(content):
    assert list(claims.corrections_shown_with_their_quotes(content)) == []
    quote = content.get("quotes", "trump-2025-02-18-four-percent")
    assert quote.context.endswith("A KIIS poll of 4-9 Feb found 57% of Ukrainians trusting him.")


def test_a_correction_missing_from_its_quote_is_named(content):
    planted = _with(content, "corrections", "correction-trump-four-percent", note="Most Ukrainians trusted him.")
    planted.get = content.get
    assert list(claims.corrections_shown_with_their_quotes(planted)) == [
        claims.Finding(
            "corrections",
            "correction-trump-four-percent",
            "note",
            "quote 'trump-2025-02-18-four-percent' lacks this note in its context",
        )
    ]


def test_corrections_are_pinned_and_go_to_both_sides(content):
    by_id = {c.id: c for c in content.corrections}
    assert {c.speaker for c in content.corrections} == {"trump", "zelensky", "macron"}
    assert by_id["correction-trump-350bn"].quotes == ("trump-2025-02-18-350bn", "trump-2025-02-19-comedian")
    assert by_id["correction-trump-never-started-it"].note == (
        "Russia began the full-scale war by invading Ukraine on 24 Feb 2022."
    )
    assert "un-ga-2022-03-02-es-11-1" in by_id["correction-trump-never-started-it"].sources
    assert by_id["correction-trump-four-percent"].sources == (
        "kiis-2025-02-19-trust-in-zelensky",
        "ap-2025-02-fact-check-trump-zelensky",
    )
    zelensky = by_id["correction-zelensky-aid-never-received"]
    assert zelensky.note == "Much of the money Congress voted was never meant to reach Ukraine."
    assert "appropriated against money received" in zelensky.what_the_record_shows
    # 24 Feb 2025: each side of the Oval Office exchange gets its correction (notebook 05 quotes both).
    assert by_id["correction-macron-sixty-percent"].note == "about half of all donors' aid rather than 60%."
    assert by_id["correction-trump-europe-loaning"].note == "Europe's aid includes loans but is not only loans:"


def test_corrections_html_lists_every_speaker(content):
    html = claim_views.corrections_html(content)
    assert html.startswith(
        "<p><b>7 statements the record contradicts</b>, by Volodymyr Zelensky, Donald Trump, Emmanuel Macron. "
        "Every speaker's figures and facts are checked the same way.</p>"
    )
    assert html.count("<tr") == 8  # the header and seven rows


# ----------------------------------------------------------------------------
# Facts stated in the project's own voice


def test_the_invasion_and_the_election_law_are_stated_as_facts(content):
    record = content.get("claims", "trump-called-zelensky-dictator")
    assert "Article 19 of Ukraine's law on martial law (No. 389-VIII of 2015) forbids presidential" in " ".join(
        record.what_the_record_shows.split()
    )
    assert {"rada-2015-05-12-law-389-martial-law", "ap-2022-02-24-russia-invades"} <= set(record.sources)
    law = content.get("sources", "rada-2015-05-12-law-389-martial-law")
    assert (law.publisher, law.url) == ("Verkhovna Rada of Ukraine", "https://zakon.rada.gov.ua/laws/show/389-19")
    term = content.get("glossary", "martial-law")
    assert "24 February 2022" in term.definition and "forbids national elections" in term.definition
