"""Publication dates as records and pages give them, read into ISO dates."""

from __future__ import annotations

import re
from datetime import date as Date
from email.utils import parsedate_to_datetime

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_WEEKDAY = r"(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?\s+)?"
_TIME = r"(?:(?:[T\s]|,\s*|\s+at\s+)\d{1,2}[:.]\d{2}.*)?"
_DATE_FORMATS = [
    re.compile(r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})" + _TIME, re.I),
    re.compile(r"(?P<year>\d{4})/(?P<month>\d{1,2})/(?P<day>\d{1,2})" + _TIME, re.I),
    re.compile(r"(?P<month>\d{1,2})/(?P<day>\d{1,2})/(?P<year>\d{4})" + _TIME, re.I),
    re.compile(
        _WEEKDAY + r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r",?\s+(?P<year>\d{4})" + _TIME, re.I
    ),
    re.compile(_WEEKDAY + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})" + _TIME, re.I),
]


def normalise_date(value: str) -> str | None:
    """``value`` as an ISO date ``YYYY-MM-DD``, or None when it is not a date this reads.

    Accepted: ISO dates and datetimes, ``YYYY/MM/DD``, ``M/D/YYYY`` (month first),
    ``13 February 2012``, ``February 13, 2012`` (optionally with a weekday and a time) and
    RFC 2822 dates (``Wed, 05 Apr 2017 09:14:00 +0000``).

    >>> normalise_date("4/5/2017"), normalise_date("13 February 2012"), normalise_date("31/31/2012")
    ('2017-04-05', '2012-02-13', None)
    """
    text = value.strip()
    for pattern in _DATE_FORMATS:
        match = pattern.fullmatch(text)
        if not match:
            continue
        month_text = match.group("month")
        month = int(month_text) if month_text.isdigit() else _MONTHS.get(month_text.lower())
        if month is None:
            return None
        try:
            return Date(int(match.group("year")), month, int(match.group("day"))).isoformat()
        except ValueError:
            return None
    if re.match(r"[A-Za-z]{3},", text):
        try:
            return parsedate_to_datetime(text).date().isoformat()
        except (TypeError, ValueError, IndexError):
            return None
    return None
