"""Copying made visible: runs of eight words or more shared with a model answer or another student."""

from __future__ import annotations

from explainer.model.overlap import CopyFlag, Overlap, copy_flags, shared_runs

MODEL = (
    "The best case for the US administration starts with who pays. Congress appropriated about "
    "$174bn for Ukraine in five acts, and the new administration asked what Americans would get back."
)
QUOTE = "“My No. 2 thing is to get paid back”"


def test_a_copied_run_is_found_as_it_stands_in_the_copy():
    copy = "I think the best case for the US Administration starts with who pays, and that matters."
    assert shared_runs(copy, MODEL) == [Overlap("the best case for the US Administration starts with who pays", 11)]


def test_seven_shared_words_are_not_a_copy_and_eight_are():
    seven = "Yes: the best case for the US administration, I say."
    eight = "Yes: the best case for the US administration starts, I say."
    assert shared_runs(seven, MODEL) == []
    assert shared_runs(eight, MODEL) == [Overlap("the best case for the US administration starts", 8)]


def test_punctuation_case_and_apostrophes_do_not_hide_a_copy():
    a = "Congress appropriated about $174bn for Ukraine — in five acts; and the new administration’s view"
    runs = shared_runs(a, MODEL)
    assert [r.words for r in runs] == [12]  # Congress … the new
    assert runs[0].passage == "Congress appropriated about $174bn for Ukraine — in five acts; and the new"


def test_quoting_the_same_speaker_is_not_copying():
    a = f"Trump said at the cabinet meeting on 26 February 2025: {QUOTE}. I disagree with him."
    b = f"At the cabinet meeting, Trump put it plainly: {QUOTE}. That settles my view."
    assert shared_runs(a, b) == []
    # A straight-quoted copy of the quote is left out too.
    assert shared_runs('He said "My No. 2 thing is to get paid back" and meant it.', b) == []


def test_a_run_does_not_continue_across_a_quotation_or_a_blank_line():
    a = "one two three four five six seven “quoted words here” eight nine ten"
    b = "one two three four five six seven eight nine ten"
    assert shared_runs(a, b) == []
    assert shared_runs("one two three four\n\nfive six seven eight", "one two three four five six seven eight") == []


def test_copy_flags_names_each_pair_once_with_its_longest_run():
    positions = {
        "ana": "Honestly the best case for the US administration starts with who pays. Done.",
        "ben": "My own words about aid and the deal, none of them borrowed from anyone else at all.",
        "cy": "My own words about aid and the deal, none of them borrowed, I promise.",
    }
    flags = copy_flags(positions, {"other-side-us-administration": MODEL})
    assert flags == [
        CopyFlag(
            "ana",
            "other-side-us-administration",
            Overlap("the best case for the US administration starts with who pays", 11),
        ),
        CopyFlag("ben", "cy", Overlap("My own words about aid and the deal, none of them borrowed", 12)),
    ]
