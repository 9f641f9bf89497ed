"""Our content (issue 9) as a measuring instrument, on its snapshot tests/fixtures/v2.yaml. Every expectation is
derived from the file and the rules, never from its wording or its counts, so the tests
hold for a fork that keeps to the same design: balanced keying, the weakest-link rule,
readable statements, concrete advice."""

import re

import pytest

from expected import V2, content, expected_result, extreme_answers, profiles
from readability import grade

DATA = content(V2)  # our content as shipped with issue 9 (a fork's file need not keep its design)
BANDS = DATA["bands"]
STATEMENTS = DATA["statements"]


def side(result):
    return BANDS[result["band"]]["side"]


def everyone(value):
    return {s["id"]: value for s in STATEMENTS}


def test_every_dimension_has_as_many_reverse_keyed_statements_as_agreeing_ones():
    for dimension in DATA["dimensions"]:
        own = [s for s in STATEMENTS if s["dimension"] == dimension["id"]]
        reverse = sum(1 for s in own if s.get("reverse"))
        assert len(own) >= 4 and reverse * 2 == len(own), dimension["id"]


@pytest.mark.parametrize("value", range(1, len(DATA["scale"]["labels"]) + 1))
def test_one_answer_to_everything_scores_the_middle_and_is_no_asset(value):
    """Acquiescence (all "Agree"), all neutral, any one answer everywhere: exactly 50."""
    result = expected_result(DATA, everyone(value))
    assert result["overall"] == 50
    assert side(result) == "liability"


@pytest.mark.parametrize("dimension", [d["id"] for d in DATA["dimensions"]])
def test_one_broken_dimension_keeps_the_verdict_on_the_liability_side(dimension):
    """The case: every dimension perfect but one, which the average alone would hide."""
    answers = extreme_answers(DATA, "asset")
    liability = extreme_answers(DATA, "liability")
    answers.update({s["id"]: liability[s["id"]] for s in STATEMENTS if s["dimension"] == dimension})
    result = expected_result(DATA, answers)
    assert result["dimensions"][dimension] == 0
    assert side(result) == "liability"


@pytest.mark.parametrize("statement", STATEMENTS, ids=lambda s: s["id"])
def test_every_statement_reads_at_grade_nine_or_below(statement):
    assert grade(statement["text"]) <= 9, statement["text"]


@pytest.mark.parametrize("statement", STATEMENTS, ids=lambda s: s["id"])
def test_no_reverse_keyed_statement_holds_a_negation(statement):
    """Disagreeing with a negative is a double negative: hard to answer as meant."""
    if statement.get("reverse"):
        words = re.findall(r"[a-z’']+", statement["text"].lower())
        assert not set(words) & {
            "not",
            "no",
            "never",
            "unless",
            "nobody",
            "nothing",
            "without",
            "don't",
            "doesn't",
            "isn't",
            "aren't",
            "won't",
        }, statement["text"]


def test_the_reference_profiles_tell_the_story_from_both_sides():
    """The first profile is how the vendor's CEO saw his company (an asset), the second how
    its customer lived it (a liability): the gap the story is about."""
    shown = [expected_result(DATA, p["answers"]) for p in profiles(DATA)]
    assert len(shown) >= 2
    assert side(shown[0]) == "asset" and side(shown[1]) == "liability"
    for id_, score in shown[1]["dimensions"].items():
        assert score < shown[0]["dimensions"][id_], id_


def test_advice_thresholds_are_band_edges():
    mins = {band["min"] for band in BANDS}
    levels = DATA["scoring"]["advice_levels"]
    assert levels["middle"] in mins and levels["high"] in mins
    assert DATA["scoring"]["floor"] in mins


@pytest.mark.parametrize("dimension", DATA["dimensions"], ids=lambda d: d["id"])
def test_advice_at_every_level_starts_with_this_weeks_action(dimension):
    for level, text in dimension["advice"].items():
        actions = re.findall(r"^- (.+)$", text, re.MULTILINE)
        assert len(actions) >= 2, (dimension["id"], level)
        assert actions[0].startswith("This week"), (dimension["id"], level)


def test_one_spelling_us_english():
    text = V2.read_text(encoding="utf-8").lower()
    uk = re.findall(
        r"\b\w*(organis|prioritis|recognis|optimis|behaviour|colour|favour|centre|licence|analys(?:e|ed|es|ing)\b|judgement|programme)\w*",
        text,
    )
    assert uk == []
