"""The claims ledger as it stood on a day (issue 21, section 5): dated verdicts and the query over them."""

from __future__ import annotations

import datetime as dt

from explainer.model import asof

ARTICLE_DAY = dt.date(2025, 2, 21)


def _ratings(content, day):
    return {v.claim.id: v.rating for v in asof.verdicts_as_of(content, day)}


def test_the_articles_day_is_in_the_data(content):
    assert content.article.date == ARTICLE_DAY


def test_every_claim_has_a_verdict_on_the_articles_day(content):
    ratings = _ratings(content, ARTICLE_DAY)
    assert list(ratings) == [c.id for c in content.claims]
    assert None not in ratings.values()


def test_a_verdict_that_changed_is_recorded_on_both_days(content):
    assert asof.asof_days(content) == (dt.date(2025, 2, 12), dt.date(2025, 2, 16), ARTICLE_DAY)
    assert asof.changed_claims(content) == ("deal-framed-as-security-guarantee",)
    claim = "deal-framed-as-security-guarantee"
    assert _ratings(content, dt.date(2025, 2, 12))[claim] == "accurate"
    assert _ratings(content, dt.date(2025, 2, 15))[claim] == "accurate"
    assert _ratings(content, dt.date(2025, 2, 16))[claim] == "needs-context"
    assert _ratings(content, ARTICLE_DAY)[claim] == "needs-context"


def test_before_the_first_dated_verdict_there_is_none(content):
    before = asof.verdicts_as_of(content, dt.date(2025, 2, 11))
    assert [v.record for v in before] == [None] * len(content.claims)
    on_12 = _ratings(content, dt.date(2025, 2, 12))
    assert {k: v for k, v in on_12.items() if v} == {
        "deal-framed-as-security-guarantee": "accurate",
        "trump-demanded-500bn": "accurate",
        "former-president": "inaccurate",
    }


def test_today_the_dated_verdicts_are_the_ledgers(content):
    today = _ratings(content, dt.date(2026, 12, 5))
    assert today == {c.id: c.rating for c in content.claims}


def test_a_dated_verdict_shows_only_sources_published_by_then(content):
    (v,) = [v for v in asof.verdicts_as_of(content, dt.date(2025, 2, 12)) if v.claim.id == "former-president"]
    assert v.record.sources == ("afp-2025-02-11-russian-someday", "kyivindependent-2025-02-12-bessent-draft")


def test_published_by_counts_a_month_or_year_date_from_its_end(content):
    assert asof.published_by(content.get("sources", "euromaidan-2025-02-20-kellogg-meeting")) == dt.date(2025, 2, 28)
    assert asof.published_by(content.get("sources", "kyivindependent-2025-04-30-full-text")) == dt.date(2025, 12, 31)
    assert asof.published_by(content.get("sources", "ap-2025-02-20-kellogg-kyiv")) == dt.date(2025, 2, 20)


def test_the_frame_sets_the_verdict_then_beside_todays(content):
    frame = asof.asof_frame(content, dt.date(2025, 2, 12))
    assert list(frame.columns) == [
        "Claim (paraphrased)",
        "Verdict as of 12 Feb 2025",
        "What was known by then",
        "Sources by then",
        "Verdict today",
    ]
    first = frame.iloc[0]
    assert (first["Verdict as of 12 Feb 2025"], first["Verdict today"]) == ("Accurate", "Needs context")
    assert first["Sources by then"] == "AP, 3 Feb 2025; The Telegraph, 12 Feb 2025; Kyiv Independent, 12 Feb 2025"
    second = frame.iloc[1]
    assert (second["Verdict as of 12 Feb 2025"], second["Sources by then"]) == (asof.NO_VERDICT_YET, "")


def test_the_view_starts_on_the_articles_day_and_moves_with_its_control(content):
    from explainer.views.asof import LedgerAsOf

    view = LedgerAsOf(content)
    assert [label for label, _day in view.day.options] == [
        "12 Feb 2025",
        "16 Feb 2025",
        "21 Feb 2025 (the article's day)",
    ]
    assert view.day.value == ARTICLE_DAY
    assert view.table.value.startswith(
        "<p><b>As of 21 Feb 2025 (the article&#x27;s day):</b> 15 of the 15 claims had a verdict from the "
        "evidence published by then; 0 of those differ from today's.</p>"
    )
    view.day.value = dt.date(2025, 2, 12)
    assert view.table.value.startswith(
        "<p><b>As of 12 Feb 2025:</b> 3 of the 15 claims had a verdict from the evidence published by then; "
        "1 of those differs from today's.</p>"
    )
    assert view.table.value.count("No verdict yet (none recorded by then)") == 12


def test_the_static_copy_is_folded_and_shows_every_day(content):
    from explainer.views.asof import LedgerAsOf

    html = LedgerAsOf(content).snapshot_html()
    assert html.startswith(
        '<details class="explainer-in-place"><summary><b>Open after you have judged every claim:</b> the ledger '
        "as it stood on each "
        "recorded day</summary>"
    )
    days = ("As of 12 Feb 2025", "As of 16 Feb 2025", "As of 21 Feb 2025 (the article&#x27;s day)")
    for heading in (*days, "Today", "Hindsight record"):
        assert f'<th scope="col">{heading}</th>' in html
    assert html.count("<td>As of 16 Apr 2026</td>") == 2  # the two hindsight records held as of that day
    assert html.count("<i>No verdict yet</i>") == 24  # 12 claims on 12 Feb, the same 12 on 16 Feb
