"""Time expressions resolved against the publication date: the event is at or before publication."""

from __future__ import annotations

import random
import string
from datetime import date

import pytest

from kg.extract.times import resolve_time
from kg.records import ResolvedTime

# Publication dates used below, with their weekdays.
WED = "2013-08-21"  # Wednesday
MON = "2013-08-19"  # Monday
SAT = "2013-08-24"  # Saturday
SUN = "2013-08-25"  # Sunday
NEW_YEAR = "2013-01-02"  # Wednesday


def day(expression: str, published: str | None) -> str | None:
    resolved = resolve_time(expression, published)
    if resolved.granularity == "day":
        assert resolved.start == resolved.end == resolved.date
    return resolved.date


def period(expression: str, published: str | None) -> tuple[str, str | None, str | None]:
    resolved = resolve_time(expression, published)
    assert resolved.date is None
    return resolved.granularity, resolved.start, resolved.end


def test_publication_weekdays():
    assert [date.fromisoformat(d).strftime("%A") for d in (WED, MON, SAT, SUN, NEW_YEAR)] == [
        "Wednesday", "Monday", "Saturday", "Sunday", "Wednesday",
    ]  # fmt: skip


# --- weekdays -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("expression", "published", "expected"),
    [
        ("on Monday", WED, "2013-08-19"),
        ("Monday", WED, "2013-08-19"),
        ("on Tuesday", WED, "2013-08-20"),
        ("on Wednesday", WED, "2013-08-21"),  # the publication day itself
        ("on Thursday", WED, "2013-08-15"),  # Thursday has not come yet this week
        ("on Friday afternoon", WED, "2013-08-16"),
        ("on Wednesday night", WED, "2013-08-21"),
        ("Sunday night", WED, "2013-08-18"),
        ("early on Saturday", WED, "2013-08-17"),
        ("late Tuesday", WED, "2013-08-20"),
        ("Monday morning", WED, "2013-08-19"),
        ("in the early hours of Tuesday", WED, "2013-08-20"),
        ("on Monday", MON, "2013-08-19"),  # published on a Monday: that same day
        ("on Sunday", MON, "2013-08-18"),
        ("on Tuesday", MON, "2013-08-13"),
        ("on Friday", SAT, "2013-08-23"),
        ("on Saturday", SAT, "2013-08-24"),
        ("on Sunday", SAT, "2013-08-18"),
        ("on Sunday", SUN, "2013-08-25"),
        ("on Monday", SUN, "2013-08-19"),
        ("on Monday", NEW_YEAR, "2012-12-31"),  # across the year boundary
        ("on Thursday", NEW_YEAR, "2012-12-27"),
        ("this Monday", WED, "2013-08-19"),
        ("Saturday's", WED, "2013-08-17"),
        ("Saturday\u2019s attack", WED, None),
    ],
)
def test_weekdays_are_the_latest_on_or_before_publication(expression, published, expected):
    assert day(expression, published) == expected


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("Mon.", "2013-08-19"),
        ("Tue.", "2013-08-20"),
        ("Tues.", "2013-08-20"),
        ("Wed.", "2013-08-21"),
        ("Thu.", "2013-08-15"),
        ("Thurs.", "2013-08-15"),
        ("Fri.", "2013-08-16"),
        ("Sat.", "2013-08-17"),
        ("Sun.", "2013-08-18"),
        ("MONDAY", "2013-08-19"),
        ("on monday", "2013-08-19"),
    ],
)
def test_weekday_abbreviations_and_case(expression, expected):
    assert day(expression, WED) == expected


def test_last_weekday_is_strictly_before_publication():
    assert day("last Monday", WED) == "2013-08-19"
    assert day("last Monday", MON) == "2013-08-12"
    assert day("last Wednesday", WED) == "2013-08-14"


def test_weekday_of_last_week():
    assert day("Monday last week", WED) == "2013-08-12"
    assert day("on Friday of last week", WED) == "2013-08-16"
    assert day("Monday this week", WED) == "2013-08-19"


def test_weekday_with_an_explicit_date_takes_the_date():
    assert day("Monday, August 19", WED) == "2013-08-19"
    assert day("Wednesday, February 4, 2012", WED) == "2012-02-04"


# --- days relative to publication ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("expression", "published", "expected"),
    [
        ("today", WED, "2013-08-21"),
        ("earlier today", WED, "2013-08-21"),
        ("tonight", WED, "2013-08-21"),
        ("this morning", WED, "2013-08-21"),
        ("this afternoon", WED, "2013-08-21"),
        ("yesterday", WED, "2013-08-20"),
        ("yesterday afternoon", WED, "2013-08-20"),
        ("yesterday", NEW_YEAR, "2013-01-01"),
        ("yesterday", "2013-01-01", "2012-12-31"),
        ("last night", WED, "2013-08-20"),
        ("late last night", WED, "2013-08-20"),
        ("the day before yesterday", WED, "2013-08-19"),
        ("two days ago", WED, "2013-08-19"),
        ("3 days ago", NEW_YEAR, "2012-12-30"),
        ("a day ago", WED, "2013-08-20"),
    ],
)
def test_days_relative_to_publication(expression, published, expected):
    assert day(expression, published) == expected


# --- day and month without a year ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("expression", "published", "expected"),
    [
        ("February 4", WED, "2013-02-04"),
        ("4 February", WED, "2013-02-04"),
        ("Feb. 4", WED, "2013-02-04"),
        ("Feb 4", WED, "2013-02-04"),
        ("on February 4th", WED, "2013-02-04"),
        ("the 4th of February", WED, "2013-02-04"),
        ("August 21", WED, "2013-08-21"),  # the publication day
        ("August 22", WED, "2012-08-22"),  # would be after publication: the previous year
        ("Sept. 11", WED, "2012-09-11"),
        ("the night of August 20", WED, "2013-08-20"),
        ("December 30", NEW_YEAR, "2012-12-30"),
        ("30 December", NEW_YEAR, "2012-12-30"),
        ("Dec. 30", NEW_YEAR, "2012-12-30"),
        ("January 2", NEW_YEAR, "2013-01-02"),
        ("January 3", NEW_YEAR, "2012-01-03"),
        ("February 29", "2013-03-01", "2012-02-29"),  # no February 29 in 2013
        ("February 29", "2012-03-01", "2012-02-29"),
        ("February 30", WED, None),
        ("31 April", WED, None),
    ],
)
def test_month_and_day(expression, published, expected):
    assert day(expression, published) == expected


# --- absolute dates: no publication date needed -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("February 4, 2012", "2012-02-04"),
        ("Feb. 4, 2012", "2012-02-04"),
        ("4 February 2012", "2012-02-04"),
        ("on 4 February, 2012", "2012-02-04"),
        ("February 4th, 2012", "2012-02-04"),
        ("2012-02-04", "2012-02-04"),
        ("on 2012-02-04", "2012-02-04"),
        ("2/4/2012", "2012-02-04"),  # M/D/YYYY
        ("12/31/2012", "2012-12-31"),
        ("August 21, 2014", "2014-08-21"),  # after publication, but absolute: taken as written
    ],
)
@pytest.mark.parametrize("published", [WED, None])
def test_absolute_dates(expression, expected, published):
    assert day(expression, published) == expected


@pytest.mark.parametrize("expression", ["31/12/2012", "2012-02-30", "13/1/2012", "2012-13-01"])
def test_impossible_absolute_dates(expression):
    assert resolve_time(expression, WED).granularity == "unresolved"


@pytest.mark.parametrize("published", [WED, None])
def test_years_and_months_with_a_year(published):
    assert period("2011", published) == ("year", "2011-01-01", "2011-12-31")
    assert period("in 2011", published) == ("year", "2011-01-01", "2011-12-31")
    assert period("since 2011", published) == ("year", "2011-01-01", "2011-12-31")
    assert period("May 2012", published) == ("month", "2012-05-01", "2012-05-31")
    assert period("in February, 2012", published) == ("month", "2012-02-01", "2012-02-29")
    assert period("early 2012", published) == ("year", "2012-01-01", "2012-12-31")


# --- months without a year ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("expression", "published", "expected"),
    [
        ("last May", WED, ("month", "2013-05-01", "2013-05-31")),
        ("last July", WED, ("month", "2013-07-01", "2013-07-31")),
        ("last August", WED, ("month", "2012-08-01", "2012-08-31")),  # the publication month: a year ago
        ("last September", WED, ("month", "2012-09-01", "2012-09-30")),
        ("last December", "2013-01-15", ("month", "2012-12-01", "2012-12-31")),
        ("last January", "2013-01-15", ("month", "2012-01-01", "2012-01-31")),
        ("in May", WED, ("month", "2013-05-01", "2013-05-31")),
        ("May", WED, ("month", "2013-05-01", "2013-05-31")),
        ("in August", WED, ("month", "2013-08-01", "2013-08-21")),  # cut at publication
        ("in September", WED, ("month", "2012-09-01", "2012-09-30")),
        ("in December", NEW_YEAR, ("month", "2012-12-01", "2012-12-31")),
        ("mid-May", WED, ("month", "2013-05-01", "2013-05-31")),
        ("early March", WED, ("month", "2013-03-01", "2013-03-31")),
        ("Sept.", WED, ("month", "2012-09-01", "2012-09-30")),
        ("this May", WED, ("month", "2013-05-01", "2013-05-31")),
    ],
)
def test_months_without_a_year(expression, published, expected):
    assert period(expression, published) == expected


# --- weeks, months and years relative to publication -------------------------------------------------------------


@pytest.mark.parametrize(
    ("expression", "published", "expected"),
    [
        ("last week", WED, ("week", "2013-08-12", "2013-08-18")),
        ("last week", MON, ("week", "2013-08-12", "2013-08-18")),
        ("last week", SUN, ("week", "2013-08-12", "2013-08-18")),
        ("last week", NEW_YEAR, ("week", "2012-12-24", "2012-12-30")),
        ("earlier this week", WED, ("week", "2013-08-19", "2013-08-21")),
        ("this week", WED, ("week", "2013-08-19", "2013-08-21")),
        ("earlier this week", MON, ("week", "2013-08-19", "2013-08-19")),
        ("earlier this week", SUN, ("week", "2013-08-19", "2013-08-25")),
        ("earlier in the week", WED, ("week", "2013-08-19", "2013-08-21")),
        ("this week", NEW_YEAR, ("week", "2012-12-31", "2013-01-02")),
        ("the weekend", WED, ("week", "2013-08-17", "2013-08-18")),
        ("over the weekend", MON, ("week", "2013-08-17", "2013-08-18")),
        ("this weekend", SAT, ("week", "2013-08-24", "2013-08-24")),
        ("the weekend", SUN, ("week", "2013-08-24", "2013-08-25")),
        ("last weekend", WED, ("week", "2013-08-17", "2013-08-18")),
        ("last weekend", SAT, ("week", "2013-08-17", "2013-08-18")),
        ("last weekend", SUN, ("week", "2013-08-17", "2013-08-18")),
        ("a week ago", WED, ("week", "2013-08-12", "2013-08-18")),
        ("two weeks ago", WED, ("week", "2013-08-05", "2013-08-11")),
        ("last month", WED, ("month", "2013-07-01", "2013-07-31")),
        ("last month", NEW_YEAR, ("month", "2012-12-01", "2012-12-31")),
        ("this month", WED, ("month", "2013-08-01", "2013-08-21")),
        ("earlier this month", WED, ("month", "2013-08-01", "2013-08-21")),
        ("earlier in the month", WED, ("month", "2013-08-01", "2013-08-21")),
        ("three months ago", WED, ("month", "2013-05-01", "2013-05-31")),
        ("two months ago", NEW_YEAR, ("month", "2012-11-01", "2012-11-30")),
        ("last year", WED, ("year", "2012-01-01", "2012-12-31")),
        ("last year", NEW_YEAR, ("year", "2012-01-01", "2012-12-31")),
        ("the end of last year", WED, ("year", "2012-01-01", "2012-12-31")),
        ("this year", WED, ("year", "2013-01-01", "2013-08-21")),
        ("earlier this year", NEW_YEAR, ("year", "2013-01-01", "2013-01-02")),
        ("five years ago", WED, ("year", "2008-01-01", "2008-12-31")),
        ("a year ago", WED, ("year", "2012-01-01", "2012-12-31")),
    ],
)
def test_periods_relative_to_publication(expression, published, expected):
    assert period(expression, published) == expected


# --- never guess --------------------------------------------------------------------------------------------------

RELATIVE = [
    "on Monday", "Monday", "yesterday", "today", "last night", "last week", "earlier this week", "this week",
    "the weekend", "last May", "in May", "May", "February 4", "4 February", "Feb. 4", "last month", "this month",
    "last year", "this year", "two days ago", "last Monday", "December 30",
]  # fmt: skip


@pytest.mark.parametrize("expression", RELATIVE)
@pytest.mark.parametrize("published", [None, "", "not a date", "2013-02-30", "21/08/2013"])
def test_relative_expressions_without_a_publication_date_are_unresolved(expression, published):
    assert resolve_time(expression, published) == ResolvedTime(expression, None, "unresolved")


@pytest.mark.parametrize(
    "expression",
    [
        "",
        "   ",
        "tomorrow",
        "next week",
        "next Monday",
        "the previous day",
        "the day before",
        "the following day",
        "recent days",
        "in recent weeks",
        "the past week",
        "weeks",
        "two years",
        "a few days ago",
        "several weeks ago",
        "the 1990s",
        "last summer",
        "overnight",
        "earlier",
        "Ramadan",
        "August 21-22",
        "2011-2012",
        "at 10:30",
    ],
)
def test_what_it_does_not_understand_is_unresolved(expression):
    assert resolve_time(expression, WED) == ResolvedTime(expression, None, "unresolved")


def test_the_machine_clock_is_never_read(monkeypatch):
    import kg.extract.times

    class Exploding(date):
        @classmethod
        def today(cls):  # pragma: no cover - must not be called
            raise AssertionError("read the clock")

    monkeypatch.setattr(kg.extract.times, "date", Exploding)
    assert resolve_time("yesterday", None).granularity == "unresolved"
    assert resolve_time("Monday", None).granularity == "unresolved"


# --- the result ---------------------------------------------------------------------------------------------------


def test_expression_is_kept_as_given():
    resolved = resolve_time("  On MONDAY, ", WED)
    assert resolved.expression == "  On MONDAY, "
    assert resolved.date == "2013-08-19"


def test_a_day_is_its_own_period():
    assert resolve_time("on Monday", WED) == ResolvedTime("on Monday", "2013-08-19", "day", "2013-08-19", "2013-08-19")


def test_a_period_has_no_date():
    assert resolve_time("last May", WED) == ResolvedTime("last May", None, "month", "2013-05-01", "2013-05-31")


def test_publication_date_with_a_time_or_as_a_date():
    assert day("yesterday", "2013-08-21T09:30:00Z") == "2013-08-20"
    assert day("yesterday", date(2013, 8, 21)) == "2013-08-20"


def test_resolved_periods_never_end_after_publication():
    for expression in RELATIVE:
        resolved = resolve_time(expression, WED)
        assert resolved.granularity != "unresolved", expression
        assert resolved.end is not None and resolved.end <= WED, expression
        assert resolved.start is not None and resolved.start <= resolved.end, expression


def _random_expressions(seed: int, n: int) -> list[str]:
    rng = random.Random(seed)
    words = (
        "on last this the of Monday May Feb. 4 2012 31 ago days weeks 99999999999 - / , earlier night week year 0 "
        "2012-02-04 2/30/2012"
    ).split()
    texts = []
    for _ in range(n):
        if rng.random() < 0.5:
            texts.append(" ".join(rng.choice(words) for _ in range(rng.randint(0, 6))))
        else:
            texts.append("".join(rng.choice(string.printable) for _ in range(rng.randint(0, 30))))
    return texts


@pytest.mark.parametrize("expression", _random_expressions(20130821, 300))
@pytest.mark.parametrize("published", [WED, None])
def test_never_raises(expression, published):
    resolved = resolve_time(expression, published)
    assert resolved.expression == expression
    assert resolved.granularity in {"day", "week", "month", "year", "unresolved"}
    if resolved.granularity == "unresolved":
        assert resolved.date is None and resolved.start is None and resolved.end is None
    else:
        assert resolved.start is not None and resolved.end is not None and resolved.start <= resolved.end


def test_huge_numbers_do_not_overflow():
    assert resolve_time("99999999999 days ago", WED).granularity == "unresolved"
    assert resolve_time("99999 years ago", WED).granularity == "unresolved"
