"""The corrections of the 2026 audit (issue 10), pinned so that a later edit cannot undo them."""

from __future__ import annotations

from explainer.model import deal as dr


def test_dictator_motive_reports_the_gravy_train_line(content):
    claim = content.get("claims", "dictator-motive")
    assert "gravy train" in claim.what_the_record_shows and "gravy train" in claim.explanation
    quote = content.get("quotes", "trump-2025-02-19-gravy-train")
    assert quote.words == 'Zelenskyy probably wants to keep the "gravy train" going.'
    assert quote.form == "written" and quote.event == "trump-dictator-post"
    solution = content.get("exercises", "ex-01-check-a-claim").solution
    assert "no source shows Trump giving that reason" not in solution
    assert "gravy train" in solution


def test_the_hardest_clauses_belong_to_the_draft_of_21_february(content):
    assert [v.id for v in dr.versions(content)] == [
        "early-drafts",
        "revised-us-draft",
        "february-text",
        "march-draft",
        "signed",
    ]
    early = dr.terms_of(content, "early-drafts")
    assert not early["money-demanded"].stated
    assert "100%" not in early["fund-control"].short
    assert "No public report places a 100% US financial interest" in early["fund-control"].text
    revised = dr.terms_of(content, "revised-us-draft")
    assert revised["fund-control"].short == "US 100% interest"
    assert "$500bn" in revised["money-demanded"].text
    assert str(content.get("deal_versions", "revised-us-draft").date) == "2025-02-21"


def test_signed_fund_control_names_both_preferential_rights(content):
    text = dr.term(content, "signed", "fund-control").text
    assert "preferential right to invest" in text
    assert "offtake (purchase)" in text
    assert "no US right of first refusal" in text


def test_signed_reinvestment_is_a_term_of_the_later_partnership_agreement(content):
    t = dr.term(content, "signed", "reinvestment")
    assert "after 2035" in t.text and "partnership agreement" in t.text


def test_quotes_in_the_original_producers_wording(content):
    assert (
        content.get("quotes", "bessent-2025-02-23-economic-security").words
        == "I call it an economic security guarantee."
    )
    assert content.get("sources", "foxnews-2025-02-23-bessent-no-military-guarantees").url.startswith(
        "https://www.foxnews.com/"
    )
    assert content.get("quotes", "trump-2025-02-03-secure-rare-earth").words.endswith(
        "I want to have security of rare earth."
    )
    vance = content.get("quotes", "vance-2025-02-28-disrespectful").words
    assert "come into the Oval Office and try to litigate this" in vance  # the transcripts (issue 19)
    resign = content.get("quotes", "zelensky-2025-02-23-leave-my-post")
    assert resign.form == "translation" and "exchange it for NATO" in resign.words


def test_nato_was_already_on_the_table_at_munich(content):
    claim = content.get("claims", "zelensky-proposed-alternatives")
    assert "already on the table in his Munich speech of 15 Feb" in claim.explanation
    assert "kyivpost-2025-02-15-munich-speech" in claim.sources


def test_division_b_carries_its_own_short_title(content):
    act = content.get("aid_appropriations", "causaa-2023")
    assert act.act.startswith("Ukraine Supplemental Appropriations Act, 2023 (Division B of")
    assert act.public_law == "P.L. 117-180, Div. B"


def test_labels_of_the_items_that_were_unverified(content):
    assert content.get("occupation_estimates", "svyrydenko-2025-02-23").confidence == "confirmed"
    assert content.get("occupation_estimates", "hrynchuk-2025-05").confidence == "confirmed"
    assert content.get("occupation_estimates", "secdev-2022-value").confidence == "single source"
    kiel = content.get("sources", "kiel-2025-tracker-us-aid-standstill")
    assert kiel.date_precision == "year" and kiel.date_text == "2025"
    assert "Ukrainska Pravda" in content.get("sources", "bloomberg-2025-02-22-ukraine-aid-count").via
