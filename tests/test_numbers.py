"""Casualty figures: numerals, words, qualifiers, vague quantities, ranges, and what is not a count."""

from __future__ import annotations

import random
import string

import pytest

from kg.extract.numbers import Count, find_counts, parse_count


def value(text: str) -> int | None:
    count = parse_count(text)
    return None if count is None else count.value


def spans(text: str) -> list[tuple[str, int, str]]:
    """(span as written, value, qualifier) of every count found in ``text``."""
    return [(text[start:end], count.value, count.qualifier) for start, end, count in find_counts(text)]


# --- numerals ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("43", 43),
        ("0", 0),
        ("1,200", 1200),
        ("100,000", 100_000),
        ("1,234,567", 1_234_567),
        ("1.2 million", 1_200_000),
        ("3 million", 3_000_000),
        ("2.5 thousand", 2500),
        ("1.5 billion", 1_500_000_000),
        ("10 thousand", 10_000),
    ],
)
def test_numerals(text, expected):
    assert value(text) == expected


def test_a_figure_keeps_its_text_as_written():
    assert parse_count("43") == Count(43, "", "43", False)
    assert parse_count("1,200").text == "1,200"
    assert parse_count("1.2 million").text == "1.2 million"


def test_fractions_without_a_scale_are_not_counts():
    assert parse_count("1.5") is None
    assert parse_count("2.5 percent") is None


# --- qualifiers -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "qualifier", "number"),
    [
        ("at least 43", "at least", 43),
        ("more than 100", "more than", 100),
        ("some 30", "some", 30),
        ("about 30", "about", 30),
        ("around 30", "around", 30),
        ("nearly 30", "nearly", 30),
        ("almost 30", "almost", 30),
        ("up to 30", "up to", 30),
        ("over 30", "over", 30),
        ("as many as 1,000", "as many as", 1000),
        ("an estimated 100,000", "an estimated", 100_000),
        ("no fewer than 12", "no fewer than", 12),
        ("no more than 12", "no more than", 12),
        ("fewer than 10", "fewer than", 10),
        ("approximately 250", "approximately", 250),
        ("roughly 40", "roughly", 40),
        ("close to 60", "close to", 60),
        ("upwards of 200", "upwards of", 200),
        ("well over 100", "well over", 100),
        ("more than a dozen", "more than", 12),
        ("at least three", "at least", 3),
        ("nearly two dozen", "nearly", 24),
    ],
)
def test_qualifiers_are_kept_apart_and_do_not_change_the_figure(text, qualifier, number):
    count = parse_count(text)
    assert count is not None
    assert (count.value, count.qualifier) == (number, qualifier)


def test_qualifiers_are_lower_case_with_single_spaces():
    count = parse_count("At  Least 43")
    assert count == Count(43, "at least", "43", False)


def test_qualifier_text_is_the_figure_only():
    assert parse_count("more than a dozen").text == "a dozen"


# --- words ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("one", 1),
        ("three", 3),
        ("Three", 3),
        ("eleven", 11),
        ("nineteen", 19),
        ("twenty", 20),
        ("twenty-five", 25),
        ("twenty five", 25),
        ("ninety-nine", 99),
        ("a hundred", 100),
        ("one hundred", 100),
        ("one hundred and twenty", 120),
        ("two hundred fifty", 250),
        ("fifteen hundred", 1500),
        ("a thousand", 1000),
        ("two thousand three hundred", 2300),
        ("ten thousand", 10_000),
        ("a million", 1_000_000),
        ("one million two hundred thousand", 1_200_000),
        ("a dozen", 12),
        ("two dozen", 24),
        ("half a dozen", 6),
        ("half a million", 500_000),
        ("a score of", 20),
    ],
)
def test_number_words(text, expected):
    assert value(text) == expected


def test_exact_number_words_are_not_vague():
    assert not parse_count("a dozen").vague
    assert not parse_count("twenty-five").vague


# --- vague quantities (ACLED's convention: the unit of a vague plural) ------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("tens", 10),
        ("dozens", 12),
        ("Dozens", 12),
        ("scores", 20),
        ("hundreds", 100),
        ("thousands", 1000),
        ("millions", 1_000_000),
        ("tens of thousands", 10_000),
        ("hundreds of thousands", 100_000),
        ("several", 3),
        ("a few", 3),
        ("few", 3),
        ("a handful", 3),
        ("a couple", 2),
        ("several hundred", 300),
        ("a few dozen", 36),
        ("several thousand", 3000),
        ("several thousands", 3000),
        ("a couple of hundred", 200),
        ("a few hundred", 300),
    ],
)
def test_vague_quantities(text, expected):
    count = parse_count(text)
    assert count is not None
    assert count.value == expected
    assert count.vague


def test_vague_plural_with_of_keeps_only_the_figure():
    assert parse_count("dozens of people") == Count(12, "", "dozens", True)
    assert parse_count("several of the victims") == Count(3, "", "several", True)


def test_qualified_vague_quantity():
    assert parse_count("at least several hundred") == Count(300, "at least", "several hundred", True)


@pytest.mark.parametrize("text", ["many", "numerous", "a number of", "a number of people", "people", "the", "a", ""])
def test_no_figure(text):
    assert parse_count(text) is None


# --- ranges: the most conservative figure -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "low", "high", "qualifier", "written"),
    [
        ("between 20 and 30", 20, 30, "between", "20 and 30"),
        ("20 to 30", 20, 30, "", "20 to 30"),
        ("20-30", 20, 30, "", "20-30"),
        ("20\u201330", 20, 30, "", "20\u201330"),
        ("two or three", 2, 3, "", "two or three"),
        ("up to 30 or 40", 30, 40, "up to", "30 or 40"),
        ("dozens or hundreds", 12, 100, "", "dozens or hundreds"),
    ],
)
def test_ranges_code_their_lower_end(text, low, high, qualifier, written):
    count = parse_count(text)
    assert count == Count(low, qualifier, written, count.vague, high)


def test_a_figure_then_or_more_is_not_a_range():
    assert parse_count("one or more") == Count(1, "", "one", False)


# --- parse_count takes what it is given --------------------------------------------------------------------------


def test_parse_count_reads_the_first_figure_of_a_phrase():
    assert parse_count("at least 43 people") == Count(43, "at least", "43", False)
    assert parse_count("the bodies of 12 men") == Count(12, "", "12", False)


def test_parse_count_does_not_skip_years():
    assert value("2013") == 2013


# --- find_counts --------------------------------------------------------------------------------------------------


def test_find_counts_spans_include_the_qualifier():
    text = "at least 43 people were killed and dozens wounded"
    found = find_counts(text)
    assert [(start, end) for start, end, _ in found] == [(0, 11), (35, 41)]
    assert [count for _, _, count in found] == [Count(43, "at least", "43", False), Count(12, "", "dozens", True)]


def test_find_counts_in_a_sentence():
    text = "More than 1,300 people were killed, including hundreds of children, and some 3,600 were injured."
    assert spans(text) == [("More than 1,300", 1300, "more than"), ("hundreds", 100, ""), ("some 3,600", 3600, "some")]


def test_find_counts_words_and_numerals():
    text = "Twenty-five soldiers and three civilians died; tens of thousands fled."
    assert spans(text) == [("Twenty-five", 25, ""), ("three", 3, ""), ("tens of thousands", 10_000, "")]


def test_find_counts_of_nothing():
    assert find_counts("") == []
    assert find_counts("Nobody was hurt.") == []


@pytest.mark.parametrize(
    "text",
    [
        "in 2013",
        "since 2011",
        "by 2014",
        "during 1994",
        "in May 2012",
        "on February 4, 2012",
        "on 4 February 2012",
        "from 2011 to 2013",
        "between 2011 and 2013",
        "in 2011-2013",
        "the 2011 uprising",
    ],
)
def test_find_counts_skips_years(text):
    assert find_counts(text) == []


def test_a_four_digit_count_is_not_a_year():
    assert spans("some 2,013 people") == [("some 2,013", 2013, "some")]
    assert spans("killed 2000 people") == [("2000", 2000, "")]
    assert spans("in 2013 2 million people fled") == [("2 million", 2_000_000, "")]


@pytest.mark.parametrize(
    "text",
    [
        "on February 4",
        "on Feb. 4",
        "on 4 February",
        "on August 21-22",
        "on 2013-08-21",
        "on 8/21/2013",
        "at 10:30",
        "at 3 p.m.",
        "at 3pm",
        "the 1st battalion",
        "the 21st century",
        "the 1990s",
        "a 12-year-old boy",
        "a five-day truce",
        "a 30-strong unit",
        "AK-47 rifles",
        "F-16 jets",
        "M16",
        "40% of the town",
        "40 percent",
        "40 per cent",
        "$5 million",
        "30 km north",
        "two days of fighting",
        "for three years",
        "no one was hurt",
        "they blamed one another",
        "at 5 o'clock",
    ],
)
def test_find_counts_skips_what_only_looks_like_a_count(text):
    assert find_counts(text) == []


def test_one_of_the_wounded_is_a_count():
    assert spans("one of the wounded died") == [("one", 1, "")]


def test_a_count_next_to_a_date():
    text = "On August 21, 2013, at least 1,429 people were killed, including 426 children."
    assert spans(text) == [("at least 1,429", 1429, "at least"), ("426", 426, "")]


# --- robustness ---------------------------------------------------------------------------------------------------

_PIECES = [
    "at least", "more than", "some", "between", "and", "to", "or", "-", "\u2013", ",", ".", "%", "$", ":",
    "/", "half", "a", "an", "dozen", "dozens", "tens", "of", "thousands", "hundred", "million", "several",
    "twenty", "five", "one", "no", "in", "May", "February", "2013", "1,200", "1.5", "43", "0", "9" * 30,
    "\u00b2", "\u0664\u0663", "year-old", "km", "'s", "o'clock", "\n", "  ",
]  # fmt: skip


def _random_texts(seed: int, n: int) -> list[str]:
    rng = random.Random(seed)
    texts = []
    for _ in range(n):
        if rng.random() < 0.5:
            texts.append(" ".join(rng.choice(_PIECES) for _ in range(rng.randint(0, 12))))
        else:
            alphabet = string.printable + "\u2013\u2014\u00a3\u20ac\u00b2\u0663\u00e9"
            texts.append("".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40))))
    return texts


@pytest.mark.parametrize("text", _random_texts(20130821, 400))
def test_never_raises_and_spans_are_consistent(text):
    count = parse_count(text)
    assert count is None or (isinstance(count.value, int) and count.value >= 0)
    previous_end = 0
    for start, end, found in find_counts(text):
        assert 0 <= previous_end <= start < end <= len(text)
        assert text[start:end].endswith(found.text)
        assert found.value >= 0
        previous_end = end


@pytest.mark.parametrize("text", [None, 43, b"43"])
def test_non_strings_are_not_counts(text):
    assert parse_count(text) is None
    assert find_counts(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("more than a quarter of a million people were killed",
         [("more than a quarter of a million", 250_000, "more than")]),
        ("three quarters of a million refugees", [("three quarters of a million", 750_000, "")]),
        ("a third of the people", []),
    ],
)
def test_a_fraction_of_a_scale_is_that_share_of_it(text, expected):
    assert spans(text) == expected
