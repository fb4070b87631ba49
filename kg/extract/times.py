"""Time expressions ("on Monday", "last May", "February 4") resolved against the publication date.

A reader of values in text, not an extractor: it never sees a Doc, and the events extractor calls it on the date
expression it found in an event's clause.

News event coders date an event from the article that reports it: the event happened at or
before publication, so a relative expression means its latest reading on or before the
publication date:

* "Monday" / "on Monday" / "Friday afternoon": the latest such weekday on or before the
  publication date (the same day if published on a Monday); "last Monday" is the latest one
  strictly before it; "Monday last week" the Monday of the previous week;
* "today", "tonight", "this morning": the publication date; "yesterday", "last night": the day
  before; "the day before yesterday": two days before; "three days ago": three days before;
* "February 4" / "4 February" / "Feb. 4": that day in the publication year, or the previous year
  when that would be after publication ("December 30" published 2013-01-02 is 2012-12-30);
* "May" / "in May": the latest May that began on or before publication; "last May": May of the
  previous year unless May is before the publication month ("last December" published in
  January 2013 is December 2012);
* "this week" / "earlier this week": Monday of the publication week to the publication date;
  "last week": Monday to Sunday of the week before; "the weekend": the latest Saturday on or
  before publication (to its Sunday); "last weekend" the one before when published on a weekend;
* "this month" / "this year": from its first day to the publication date; "last month",
  "last year": the whole previous month or year; "two weeks ago", "a month ago", "five years ago";
* absolute dates need no publication date: "February 4, 2012", "4 February 2012",
  "2012-02-04", "2/4/2012" (M/D/YYYY only), "May 2012", "2011".

Periods that run past the publication date are cut at it (events are at or before
publication). A week or weekend has granularity ``"week"`` (ACLED's time precision 2).
Leading "on", "in", "since", "by", "earlier", "late", "the", ... and trailing parts of the day
("night", "afternoon") are ignored for parsing; ``expression`` is kept as given.

Nothing is guessed: an expression this module does not understand, a future one ("tomorrow",
"next week"), one relative to another event ("the day before"), and every relative expression
when the publication date is unknown resolve to granularity ``"unresolved"``; the machine
clock is never read.

>>> resolve_time("on Monday", "2013-08-21").date
'2013-08-19'
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, timedelta

from kg.extract.numbers import parse_count
from kg.records import ResolvedTime

__all__ = ["resolve_time"]

WEEKDAYS = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2, "weds": 2,
    "thursday": 3, "thu": 3, "thur": 3, "thurs": 3, "friday": 4, "fri": 4, "saturday": 5, "sat": 5,
    "sunday": 6, "sun": 6,
}  # fmt: skip
MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
DAYPARTS = frozenset(
    "morning afternoon evening night dawn daybreak sunrise sunset dusk midday noon midnight overnight".split()
)
#: Words dropped from the front of an expression before parsing.
LEADING = frozenset(
    "on in since by earlier later early late mid the at during over around about from overnight small wee".split()
)
#: "<word> of" dropped from the front: "the night of August 21", "the end of last year", "early hours of Monday".
LEADING_OF = DAYPARTS | {"hours", "end", "beginning", "start", "middle"}

GRANULARITIES = ("day", "week", "month", "year", "unresolved")

_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_US = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_YEAR = re.compile(r"\d{4}")
_DAY = re.compile(r"\d{1,2}")


def resolve_time(expression: str, published: str | None) -> ResolvedTime:
    """Resolve ``expression`` against the article's publication date ``published`` (ISO date or None).

    >>> resolve_time("last May", "2013-08-21")
    ResolvedTime(expression='last May', date=None, granularity='month', start='2013-05-01', end='2013-05-31')
    >>> resolve_time("yesterday", None).granularity
    'unresolved'
    """
    try:
        return _resolve(expression, _published_date(published))
    except (ValueError, OverflowError, TypeError, AttributeError):  # a malformed date: never guess, never fail
        return _unresolved(expression)


def _resolve(expression: str, pub: date | None) -> ResolvedTime:
    tokens = _tokens(expression)
    absolute = _absolute(tokens)
    if absolute is not None:
        return _period(expression, *absolute)
    if pub is None:
        return _unresolved(expression)
    relative = _relative(tokens, pub)
    if relative is None:
        return _unresolved(expression)
    start, end, granularity = relative
    if end > pub:
        end = pub
    if start > end:
        return _unresolved(expression)
    return _period(expression, start, end, granularity)


# --- parsing --------------------------------------------------------------------------------------------------


def _tokens(expression: str) -> list[str]:
    """Lower-cased words of ``expression`` without punctuation, possessives, ordinals and filler."""
    text = expression.lower().replace("\u2019", "'").replace("\u2013", "-").replace("\u2014", "-")
    text = re.sub(r"'s\b", "", text)
    text = re.sub(r"(\d)(?:st|nd|rd|th)\b", r"\1", text)
    text = re.sub(r"(?<!\d)-|-(?!\d)", " ", text)  # "mid-May", "twenty-five"; keep "2012-02-04"
    text = re.sub(r"[^\w/\-]+", " ", text)
    tokens = text.split()
    while tokens:
        if tokens[0] in LEADING and len(tokens) > 1:
            tokens.pop(0)
        elif tokens[0] in LEADING_OF and len(tokens) > 2 and tokens[1] in {"of", "on"}:
            del tokens[:2]
        else:
            break
    if tokens[-2:] == ["last", "night"]:
        return ["yesterday"]
    if len(tokens) == 2 and tokens[0] == "this" and tokens[1] in DAYPARTS:
        return ["today"]
    while len(tokens) > 1 and (tokens[-1] in DAYPARTS or tokens[-1] in {"at", "in", "the", "during", "local", "time"}):
        tokens.pop()
    tokens = [t for t in tokens if t not in {"the", "of"}] or tokens
    if len(tokens) > 1 and tokens[0] in WEEKDAYS and _absolute(tokens[1:]) is not None:
        tokens = tokens[1:]  # "Monday, February 4, 2013": the date decides
    if len(tokens) > 1 and tokens[0] in WEEKDAYS and _month_day(tokens[1:]) is not None:
        tokens = tokens[1:]
    return tokens


def _absolute(tokens: list[str]) -> tuple[date, date, str] | None:
    """(start, end, granularity) of an expression that names its year."""
    if len(tokens) == 1:
        token = tokens[0]
        if match := _ISO.fullmatch(token):
            day = _date(int(match[1]), int(match[2]), int(match[3]))
            return (day, day, "day") if day else None
        if match := _US.fullmatch(token):
            day = _date(int(match[3]), int(match[1]), int(match[2]))
            return (day, day, "day") if day else None
        if _YEAR.fullmatch(token) and 1000 <= int(token) <= 2999:
            year = int(token)
            return date(year, 1, 1), date(year, 12, 31), "year"
        return None
    if len(tokens) == 2 and tokens[0] in MONTHS and _YEAR.fullmatch(tokens[1]):
        year, month = int(tokens[1]), MONTHS[tokens[0]]
        return _month(year, month) + ("month",)
    if len(tokens) == 3 and _YEAR.fullmatch(tokens[2]):
        month_day = _month_day(tokens[:2])
        if month_day is not None:
            day = _date(int(tokens[2]), *month_day)
            return (day, day, "day") if day else None
    return None


def _relative(tokens: list[str], pub: date) -> tuple[date, date, str] | None:
    """(start, end, granularity) of an expression read against the publication date ``pub``."""
    n = len(tokens)
    first = tokens[0] if tokens else ""
    if n == 1:
        if first in {"today", "tonight", "now"}:
            return pub, pub, "day"
        if first == "yesterday":
            return _day(pub - timedelta(days=1))
        if first in WEEKDAYS:
            return _day(_weekday_on_or_before(pub, WEEKDAYS[first]))
        if first in MONTHS:
            return _latest_month(pub, MONTHS[first])
        if first in {"week", "month", "year", "weekend"}:
            return _this(pub, first)
        return None
    if tokens == ["day", "before", "yesterday"]:
        return _day(pub - timedelta(days=2))
    if n == 2 and first == "this":
        if tokens[1] in WEEKDAYS:
            return _day(_weekday_on_or_before(pub, WEEKDAYS[tokens[1]]))
        if tokens[1] in MONTHS:
            return _latest_month(pub, MONTHS[tokens[1]])
        return _this(pub, tokens[1])
    if n == 2 and first == "last":
        return _last(pub, tokens[1])
    if n == 3 and tokens[0] in WEEKDAYS and tokens[1] in {"last", "this"} and tokens[2] == "week":
        monday = pub - timedelta(days=pub.weekday()) - timedelta(days=7 if tokens[1] == "last" else 0)
        return _day(monday + timedelta(days=WEEKDAYS[tokens[0]]))
    if n >= 3 and tokens[-1] == "ago":
        return _ago(pub, tokens[:-2], tokens[-2])
    month_day = _month_day(tokens)
    if month_day is not None:
        for year in (pub.year, pub.year - 1):
            day = _date(year, *month_day)
            if day is not None and day <= pub:
                return _day(day)
    return None


def _this(pub: date, unit: str) -> tuple[date, date, str] | None:
    if unit == "week":
        return pub - timedelta(days=pub.weekday()), pub, "week"
    if unit == "weekend":
        saturday = _weekday_on_or_before(pub, 5)
        return saturday, saturday + timedelta(days=1), "week"
    if unit == "month":
        return pub.replace(day=1), pub, "month"
    if unit == "year":
        return pub.replace(month=1, day=1), pub, "year"
    return None


def _last(pub: date, unit: str) -> tuple[date, date, str] | None:
    """ "last week", "last weekend", "last month", "last year", "last Monday", "last May"."""
    if unit in WEEKDAYS:
        return _day(_weekday_on_or_before(pub - timedelta(days=1), WEEKDAYS[unit]))
    if unit in MONTHS:
        month = MONTHS[unit]
        return _month(pub.year if month < pub.month else pub.year - 1, month) + ("month",)
    if unit == "week":
        monday = pub - timedelta(days=pub.weekday() + 7)
        return monday, monday + timedelta(days=6), "week"
    if unit == "weekend":
        saturday = _weekday_on_or_before(pub, 5) - timedelta(days=7 if pub.weekday() >= 5 else 0)
        return saturday, saturday + timedelta(days=1), "week"
    if unit == "month":
        return _month(*_add_months(pub.year, pub.month, -1)) + ("month",)
    if unit == "year":
        return date(pub.year - 1, 1, 1), date(pub.year - 1, 12, 31), "year"
    return None


def _ago(pub: date, amount: list[str], unit: str) -> tuple[date, date, str] | None:
    """ "three days ago", "a week ago", "two months ago", "five years ago"."""
    if amount in (["a"], ["an"], ["one"]):
        number = 1
    else:
        count = parse_count(" ".join(amount))
        if count is None or count.vague or count.qualifier or count.upper is not None:
            return None
        number = count.value
    unit = unit.removesuffix("s")
    if unit == "day":
        return _day(pub - timedelta(days=number))
    if unit == "week":
        day = pub - timedelta(weeks=number)
        monday = day - timedelta(days=day.weekday())
        return monday, monday + timedelta(days=6), "week"
    if unit == "month":
        return _month(*_add_months(pub.year, pub.month, -number)) + ("month",)
    if unit == "year":
        return date(pub.year - number, 1, 1), date(pub.year - number, 12, 31), "year"
    return None


def _month_day(tokens: list[str]) -> tuple[int, int] | None:
    """(month, day) of "February 4" or "4 February"; the day is checked later against a year."""
    if len(tokens) != 2:
        return None
    first, second = tokens
    if first in MONTHS and _DAY.fullmatch(second) and 1 <= int(second) <= 31:
        return MONTHS[first], int(second)
    if second in MONTHS and _DAY.fullmatch(first) and 1 <= int(first) <= 31:
        return MONTHS[second], int(first)
    return None


# --- dates ----------------------------------------------------------------------------------------------------


def _published_date(published: object) -> date | None:
    if isinstance(published, datetime):
        return published.date()
    if isinstance(published, date):
        return published
    if not isinstance(published, str):
        return None
    try:
        return date.fromisoformat(published.strip()[:10])
    except ValueError:
        return None


def _date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _day(day: date) -> tuple[date, date, str]:
    return day, day, "day"


def _month(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _latest_month(pub: date, month: int) -> tuple[date, date, str]:
    return _month(pub.year if month <= pub.month else pub.year - 1, month) + ("month",)


def _add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _weekday_on_or_before(day: date, weekday: int) -> date:
    return day - timedelta(days=(day.weekday() - weekday) % 7)


def _period(expression: str, start: date, end: date, granularity: str) -> ResolvedTime:
    if granularity == "day":
        return ResolvedTime(expression, start.isoformat(), "day", start.isoformat(), start.isoformat())
    return ResolvedTime(expression, None, granularity, start.isoformat(), end.isoformat())


def _unresolved(expression: str) -> ResolvedTime:
    return ResolvedTime(expression, None, "unresolved")
