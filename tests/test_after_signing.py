"""What happened after the fund's launch (notebook 07): the later events, allied purchases, hindsight, review date."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import sys

import pytest

from explainer.commands import cli
from explainer.model import aid
from explainer.model import claims as ledger
from explainer.model import sources as src
from explainer.model import timeline as tl

LAUNCH = dt.date(2025, 5, 23)


def later_events(content):
    return [e for e in tl.events_in_order(content) if e.date > LAUNCH]


# ---------------------------------------------------------------- the later events


def test_at_least_fifteen_sourced_events_after_the_launch(content):
    later = later_events(content)
    assert len(later) == 33
    assert later[0].id == "svyrydenko-washington-fund-steps" and later[-1].id == "fund-first-investment-decision"
    assert all(e.sources for e in later)
    assert sum(e.date.year == 2026 for e in later) == 8


def test_later_events_fall_in_the_later_phases_and_stop_in_april_2026(content):
    later_phases = [p.id for p in tl.phases_in_order(content) if p.start > LAUNCH]
    assert later_phases == ["setting-up", "capital-and-packages", "first-projects"]
    assert {e.phase for e in later_events(content)} == set(later_phases)
    assert content.get("phases", "first-projects").end == dt.date(2026, 4, 30)
    assert max(e.last_day for e in content.events) == dt.date(2026, 4, 16)


def test_thin_reporting_is_marked_reported(content):
    reported = {e.id for e in later_events(content) if e.confidence == "reported"}
    assert reported == {
        "intelligence-for-energy-strikes",
        "us-threatens-intel-cutoff-peace-plan",
        "dobra-award-questioned",
        "fund-first-investment-decision",
    }
    blog = content.get("sources", "goodtimeinvest-2026-04-16-first-investment")
    assert blog.kind == "blog"


def test_fund_figures_are_commitments(content):
    e = content.get("events", "dfc-commits-75m")
    assert "$75m investment commitment" in e.summary and "$150m" in e.summary
    assert "no source found says how much had been paid in" in e.summary


def test_later_quotes_name_their_form(content):
    later = {q.id: q for q in content.quotes if q.date > LAUNCH}
    assert len(later) == 7
    assert later["svyrydenko-2026-01-12-first-step"].form_note == "translated from Ukrainian"
    assert later["vance-2025-08-10-done-funding"].words == "we're done with the funding of the Ukraine war business"


# ---------------------------------------------------------------- allied purchases (PURL)


def test_allied_purchases_are_a_measure_of_their_own(content):
    measure = content.get("aid_measures", aid.ALLIED_FUNDED)
    assert measure.label == "Allied-funded (PURL)" and "never added to a US total" in measure.definition
    assert {r.measure for r in content.aid_allied_purchases} == {aid.ALLIED_FUNDED}
    assert aid.ALLIED_FUNDED not in {h.measure for h in content.aid_headlines}


def test_allied_purchases_query(content):
    totals = aid.allied_purchases(content, "total")
    assert list(totals.amount_usd_bn) == [2.0, 2.0, 3.12, 4.0, 4.3, 5.0, 4.5]
    assert list(totals.columns) == [
        "date",
        "kind",
        "amount_usd_bn",
        "funded_by",
        "who",
        "counts",
        "measure",
        "source",
        "id",
    ]
    packages = aid.allied_purchases(content, "package")
    assert list(packages.id) == ["nl-2025-08-04", "nordic-2025-08-05", "nb8-2025-11-13", "uk-2026-02-10"]
    assert packages.iloc[0].source == "NATO, 4 Aug 2025"
    assert len(aid.allied_purchases(content)) == 11
    with pytest.raises(ValueError, match="unknown kind 'gifts'"):
        aid.allied_purchases(content, "gifts")


def test_purl_money_in_2025_is_a_range(content):
    year = aid.allied_year_totals(content, 2025)
    assert [(r.id, r.amount_usd_bn) for r in year] == [("total-2025-12-31", 4.3), ("raised-2025-politico", 5.0)]
    with pytest.raises(ValueError, match="no figure on record for all PURL money raised in 2024"):
        aid.allied_year_totals(content, 2024)


# ---------------------------------------------------------------- hindsight


def test_hindsight_for_the_claims_later_events_bear_on(content):
    assert {h.claim for h in content.claims_hindsight} == {
        "deal-framed-as-security-guarantee",
        "rare-earth-deal",
        "trump-demanded-500bn",
        "us-provided-98bn",
        "shift-to-transactional-diplomacy",
        "european-leaders-support",
        "aid-gift-of-trust",
    }
    assert ledger.hindsight_for(content, "former-president") is None
    h = ledger.hindsight_for(content, "deal-framed-as-security-guarantee")
    assert h.as_of == dt.date(2026, 4, 16)
    assert h.what_later_events_showed.startswith("Nothing that followed turned the deal into a security guarantee.")


def test_hindsight_is_kept_apart_from_the_verdict(content):
    frame = ledger.hindsight_frame(content)
    assert list(frame.columns) == [
        "Claim (paraphrased)",
        "Verdict (knowable then)",
        "What later events showed",
        "As of",
        "Confidence",
        "Sources",
    ]
    assert len(frame) == 7
    first = frame.iloc[0]
    assert first["Verdict (knowable then)"] == "Needs context" and first["As of"] == "16 Apr 2026"
    claim = content.get("claims", "deal-framed-as-security-guarantee")
    assert not hasattr(claim, "what_later_events_showed")


# ---------------------------------------------------------------- issue 19: the epilogue completed


def test_guarantees_were_offered_in_the_peace_talks_not_by_the_deal(content):
    offer = content.get("events", "us-offers-article5-like-guarantees")
    assert offer.date == dt.date(2025, 12, 15) and offer.confidence == "confirmed"
    assert {content.get("sources", s).publisher for s in offer.sources} == {
        "Reuters",
        "Politico",
        "The Wall Street Journal",
    }
    assert "not to the minerals agreement, and nothing had been signed when the record stops" in offer.summary
    paris = content.get("events", "paris-declaration-guarantees")
    assert paris.date == dt.date(2026, 1, 6) and paris.confidence == "confirmed"
    assert "a monitoring mechanism under US leadership" in paris.summary
    assert "a bilateral security-guarantee framework and a prosperity plan" in paris.summary
    assert "several reports say the United States did not sign the declaration itself" in paris.summary
    assert {"guarantees", "peace-plan"} <= set(paris.tags)


def test_the_2026_appropriation_is_dated_and_its_ukraine_money_unconfirmed(content):
    act = content.get("events", "appropriations-act-2026-signed")
    assert act.date == dt.date(2026, 2, 3) and act.confidence == "confirmed"
    assert "Consolidated Appropriations Act, 2026 (H.R. 7148)" in act.summary
    assert "What it appropriates for Ukraine could not be read in the enacted text" in act.summary
    assert "No original producer confirming an enacted figure was found." in act.summary
    assert content.get("sources", "americanseeker-2026-01-house-defense-approps").kind == "blog"
    ndaa = content.get("events", "ndaa-2026-signed")
    assert "No act of 2025 found in the sources appropriated new money for Ukraine" in ndaa.summary
    assert "none for Ukraine was found in 2025" not in ndaa.summary
    quiz = next(q for q in content.get("quizzes", "quiz-07-what-happened-next").questions if q.id == "q-ndaa-400m")
    assert "what the full-year appropriation signed on 3 February 2026 provides for Ukraine" in quiz.explanation
    h = ledger.hindsight_for(content, "us-provided-98bn")
    assert "No act of 2025 found in the sources appropriated new money for Ukraine" in h.what_later_events_showed
    assert "appropriations-act-2026-signed" in h.events


def test_eram_sale_is_financed_by_three_allies_and_us_fmf(content):
    eram = content.get("events", "eram-sale-approved")
    assert eram.title.endswith("financed by allies and US")
    assert "Denmark, the Netherlands and Norway together with US Foreign Military Financing" in eram.summary
    assert content.get("sources", eram.sources[0]).publisher == "Defense Security Cooperation Agency"
    h = ledger.hindsight_for(content, "shift-to-transactional-diplomacy")
    assert "together with US Foreign Military Financing" in h.what_later_events_showed
    assert "a missile sale paid for by Denmark, the Netherlands and Norway." not in h.what_later_events_showed


def test_dobra_report_came_before_the_award_and_carries_the_denial(content):
    questioned = content.get("events", "dobra-award-questioned")
    award = content.get("events", "dobra-winner-selected")
    assert questioned.date == dt.date(2026, 1, 8) < award.date == dt.date(2026, 1, 12)
    nyt = content.get("sources", "nyt-2026-01-08-dobra-lauder")
    assert (nyt.publisher, nyt.date) == ("The New York Times", dt.date(2026, 1, 8))
    assert nyt.id in questioned.sources
    assert "rejected any suggestion of favouritism" in questioned.summary
    assert "four days before the award was announced" in questioned.date_note


def test_kiel_2025_figures_are_military_allocations(content):
    kiel = content.get("events", "kiel-2025-aid-slows")
    assert "military aid allocated by all donors in 2025 stood at €32.5bn" in kiel.summary
    assert "€41.6bn\n    of military aid a year" not in kiel.summary
    assert "€41.6bn of military aid a year in 2022-24" in kiel.summary


@pytest.mark.parametrize("event_id", ["fund-fully-operational", "dfc-seeks-fund-administrator"])
def test_fund_events_with_their_primary_text_are_confirmed(content, event_id):
    assert content.get("events", event_id).confidence == "confirmed"


def test_the_deadline_is_confirmed_and_only_the_threat_is_reported(content):
    deadline = content.get("events", "trump-sets-peace-plan-deadline")
    threat = content.get("events", "us-threatens-intel-cutoff-peace-plan")
    assert (deadline.date, deadline.confidence) == (dt.date(2025, 11, 21), "confirmed")
    assert (threat.date, threat.confidence) == (dt.date(2025, 11, 21), "reported")
    assert content.get("sources", deadline.sources[0]).publisher == "Fox News Radio (The Brian Kilmeade Show)"
    assert "Only this threat rests on anonymous sources" in threat.summary


def test_conclusion_rests_only_on_confirmed_events(content):
    h = ledger.hindsight_for(content, "deal-framed-as-security-guarantee")
    assert h.confidence == "confirmed"
    assert {content.get("events", e).confidence for e in h.events} == {"confirmed"}
    assert set(h.context_events) == {
        "us-threatens-intel-cutoff-peace-plan",
        "intelligence-for-energy-strikes",
        "fund-first-investment-decision",
    }
    assert list(ledger.hindsight_no_firmer_than_its_evidence(content)) == []


def test_where_each_thread_stops(content):
    later = later_events(content)
    frame = tl.thread_ends(later, {"The fund": ("fund",), "US law": ("congress",), "Guarantees": ("guarantees",)})
    assert frame.values.tolist() == [
        [
            "The fund",
            "Ukrainian officials are reported to say the fund approved its first investment",
            "16 Apr 2026",
            "reported",
        ],
        [
            "US law",
            "Trump signs the full-year appropriations act for 2026, defence included",
            "3 Feb 2026",
            "confirmed",
        ],
        [
            "Guarantees",
            "In Paris, US envoys back guarantees and a US-led ceasefire-monitoring mechanism",
            "6 Jan 2026",
            "confirmed",
        ],
    ]


def test_confidence_rank_orders_the_levels():
    ranks = [ledger.confidence_rank(c) for c in ("confirmed", "single source", "conflicting", "reported", "unverified")]
    assert ranks == [0, 1, 2, 3, 4]


def test_hindsight_record_names_its_evidence_and_what_it_only_mentions(content):
    from explainer.views import claims as claims_views

    html = claims_views.hindsight_record_html(content, "deal-framed-as-security-guarantee")
    assert (
        "<b>It rests on:</b> The Pentagon holds back weapons already promised to Ukraine (1 Jul 2025, confirmed);"
        in html
    )
    assert (
        "<b>It also mentions, without resting on them:</b> "
        "Washington reportedly threatens to cut intelligence and weapons over a peace plan (21 Nov 2025, reported);"
    ) in html


def test_hindsight_table_can_hold_one_record_back(content):
    from explainer.views import claims as claims_views

    frame = ledger.hindsight_frame(content, leave_out=("deal-framed-as-security-guarantee",))
    assert len(frame) == 6
    assert "Washington presented the minerals deal to Kyiv as a security guarantee" not in set(
        frame["Claim (paraphrased)"]
    )
    html = claims_views.hindsight_html(content, leave_out=("deal-framed-as-security-guarantee",))
    assert "7 of the ledger's 15 claims have a hindsight record (1 held back for later in this notebook):" in html


def test_notebook_07_asks_before_it_answers():
    import json

    from .paths import NOTEBOOKS

    nb = json.loads((NOTEBOOKS / "07_what_happened_next.ipynb").read_text(encoding="utf-8"))
    sources = ["".join(c["source"]) for c in nb["cells"]]
    exercise = next(i for i, s in enumerate(sources) if 'ExerciseView(content, "ex-07-guarantee-after-all")' in s)
    answer = next(i for i, s in enumerate(sources) if "hindsight_record_html(" in s)
    assert exercise < answer
    table = next(s for s in sources if "hindsight_html(" in s)
    assert 'leave_out=("deal-framed-as-security-guarantee",)' in table


# ---------------------------------------------------------------- review date and staleness


def test_review_line_and_newest_source(content):
    assert content.review.reviewed == dt.date(2026, 11, 29)
    newest = src.newest_source(content)
    assert newest.id == "goodtimeinvest-2026-04-16-first-investment"
    assert src.review_line(content) == (
        "Content last reviewed on 29 November 2026; the newest source is dated 16 Apr 2026 (Good Time Invest)."
    )


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (dt.date(2026, 4, 16), 1, dt.date(2026, 5, 16)),
        (dt.date(2026, 1, 31), 1, dt.date(2026, 2, 28)),
        (dt.date(2024, 1, 31), 1, dt.date(2024, 2, 29)),
        (dt.date(2025, 12, 15), 1, dt.date(2026, 1, 15)),
        (dt.date(2026, 4, 16), 12, dt.date(2027, 4, 16)),
        (dt.date(2026, 4, 16), 0, dt.date(2026, 4, 16)),
    ],
)
def test_add_months(day, months, expected):
    assert src.add_months(day, months) == expected


def test_stale_warning_only_once_the_newest_source_is_too_old(content):
    assert src.stale_warning(content, dt.date(2027, 4, 16), 12) is None
    assert src.stale_warning(content, dt.date(2027, 4, 17), 12) == (
        "Warning: the newest source (16 Apr 2026, goodtimeinvest-2026-04-16-first-investment) is more than "
        "12 months old; the content may be out of date (last reviewed 29 Nov 2026)."
    )
    assert src.stale_warning(content, dt.date(2026, 5, 17), 1).startswith("Warning: ")
    assert "more than 1 month old" in src.stale_warning(content, dt.date(2026, 5, 17), 1)
    with pytest.raises(ValueError, match="months must be 0 or more"):
        src.stale_warning(content, dt.date(2026, 5, 17), -1)


def run_check(today, stale_after):
    out = io.StringIO()
    code = cli.check(None, out=out, stale_after=stale_after, today=today)
    return code, out.getvalue().splitlines()


def test_check_adds_one_warning_line_and_still_exits_0():
    code, lines = run_check(dt.date(2026, 11, 29), 6)
    assert code == cli.EXIT_OK and len(lines) == 2
    assert lines[0].startswith("OK: ")
    assert lines[1].startswith("Warning: the newest source (16 Apr 2026") and "more than 6 months old" in lines[1]


def test_check_is_silent_while_the_content_is_fresh():
    code, lines = run_check(dt.date(2026, 11, 29), src.STALE_AFTER_MONTHS)
    assert code == cli.EXIT_OK and len(lines) == 1
    code, lines = run_check(dt.date(2030, 1, 1), None)  # no threshold: no warning at all
    assert code == cli.EXIT_OK and len(lines) == 1


def test_command_line_option_and_its_default():
    assert src.STALE_AFTER_MONTHS == 12
    cmd = [sys.executable, "-m", "explainer", "check", "--stale-after", "1"]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    # The newest source is from April 2026, so one month has passed whenever this runs.
    assert done.returncode == 0 and done.stderr == ""
    lines = done.stdout.splitlines()
    assert len(lines) == 2 and lines[1].startswith("Warning: the newest source (16 Apr 2026")
    bad = subprocess.run([*cmd[:-1], "soon"], capture_output=True, text=True, timeout=120)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr
    assert bad.stderr.splitlines()[-1].endswith("argument --stale-after: expected a whole number of months, got 'soon'")
    assert (
        "--stale-after MONTHS"
        in subprocess.run([*cmd[:4], "--help"], capture_output=True, text=True, timeout=120).stdout
    )


# ---------------------------------------------------------------- notebook 07's stored outputs


def test_notebook_07_states_the_key_figures():
    import json

    from .htmltext import words
    from .paths import NOTEBOOKS

    nb = json.loads((NOTEBOOKS / "07_what_happened_next.ipynb").read_text(encoding="utf-8"))
    text = " ".join(
        words("".join(out.get("data", {}).get("text/html", "")))
        for cell in nb["cells"]
        if cell["cell_type"] == "code"
        for out in cell.get("outputs", [])
    )
    for line in (
        "Content last reviewed on 29 November 2026; the newest source is dated 16 Apr 2026 (Good Time Invest).",
        "After the launch on 23 May 2025: 33 events in 3 phases.",
        "reported: 4",
        "PURL money in 2025: $4.3bn to $5bn",
        "7 of the ledger's 15 claims have a hindsight record (1 held back for later in this notebook):",
        "Guarantees and the peace plan In Paris, US envoys back guarantees and a US-led "
        "ceasefire-monitoring mechanism 6 Jan 2026",
    ):
        assert line in text, line


# ---------------------------------------------------------------- notebook 07's prose as formatted HTML


def test_allied_figures_as_html_keep_who_gave_them_and_what_they_count(content):
    from explainer.views import aid as aid_views

    from .htmltext import words

    totals = words(aid_views.allied_totals_html(content))
    assert totals.startswith(
        "2 Sep 2025: $2bn, Denys Shmyhal, Ukraine's Defence Minister: Money allies had provided for PURL purchases"
    )
    assert 'Mark Rutte, NATO Secretary General: Committed so far ("more than $4bn")' in totals
    assert totals.count("10 Feb 2026") == 2
    assert words(aid_views.allied_year_html(content, 2025)) == (
        "PURL money in 2025: $4.3bn to $5bn "
        "$4.3bn, Volodymyr Zelensky, President of Ukraine: Contributions since August 2025. "
        '$5bn, Politico (its own summary): Raised in 2025 ("approximately $5bn").'
    )


def test_hindsight_as_html_keeps_the_dates_and_the_verdicts_then(content):
    from explainer.views import claims as claims_views
    from explainer.views import display

    from .htmltext import words

    table = claims_views.hindsight_html(content)
    assert words(table).startswith("7 of the ledger's 15 claims have a hindsight record:")
    assert table.count("<tr") == 8  # the header and one row a record
    assert "Opinion (weighed, not rated)" in table and "16 Apr 2026" in table
    record = words(claims_views.hindsight_record_html(content, "deal-framed-as-security-guarantee"))
    assert record.startswith(
        "What later events showed (as of 16 April 2026; confirmed): Nothing that followed turned the deal into a "
        "security guarantee."
    )
    assert "do not bear" in claims_views.hindsight_record_html(content, "former-president")
    assert words(display.review_note_html(content)).startswith("Brought up to date with what happened after")


def test_a_thread_with_no_event_says_so(content):
    # A reader's copy of the data may drop or retag a thread's events: the table says so, it does not fail.
    frame = tl.thread_ends(later_events(content), {"Nothing": ("no-such-tag",)})
    assert frame.values.tolist() == [["Nothing", "no event on record", "", ""]]
