"""Casualty figures as written ("at least 43", "dozens", "twenty-five") normalised to numbers.

A reader of values in text, not an extractor: it never sees a Doc, and the events extractor (or anything else)
calls it on the words it found.

Conflict-event coders (ACLED) turn each reported figure into one integer, always the most
conservative reading; this module does the same:

* a qualifier is kept apart, as written (lower case), and does not change the figure:
  "at least 43" -> 43 "at least", "more than 100" -> 100 "more than", "up to 30" -> 30 "up to";
* a range codes its lower end: "20 to 30", "between 20 and 30", "two or three" -> 20 / 20 / 2
  (the upper end is kept in :attr:`Count.upper`);
* a vague plural codes its unit, as ACLED does ("tens" 10, "dozens" 12, "hundreds" 100):
  "scores" 20 (a score is twenty), "thousands" 1,000, "millions" 1,000,000, and
  "tens of thousands" 10,000, "hundreds of thousands" 100,000;
* "several", "a few", "few" and "a handful" code 3, the smallest plural above "a couple" (2).
  (Some older ACLED codebooks impute 10 for "several"/"many"; that is an imputation for an
  unknown figure, not a reading of the text, so it is left to the caller.) Multiplied out:
  "several hundred" 300, "a few dozen" 36, "several thousand" 3,000;
* "many", "numerous" and "a number of" name no figure: no :class:`Count`.

The vague words and their figures are data, in ``kg/lexicons/vague_quantities.txt``.
Everything here is a pure function that never raises on any input.

>>> parse_count("at least 43")
Count(value=43, qualifier='at least', text='43', vague=False, upper=None)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache

from kg.lexicon import load_mapping

__all__ = ["Count", "find_counts", "parse_count"]

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
SCALES = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
#: Group nouns that multiply what precedes them: "a dozen", "two dozen", "half a dozen", "a score of".
GROUPS = {"dozen": 12, "score": 20}

#: Qualifiers, longest first so that "no more than" wins over "more than".
QUALIFIERS: tuple[str, ...] = tuple(
    sorted(
        (
            "at least", "at most", "more than", "fewer than", "less than", "no fewer than", "no less than",
            "not less than", "no more than", "as many as", "as few as", "upwards of", "upward of", "in excess of",
            "close to", "up to", "an estimated", "estimated", "approximately", "about", "around", "roughly", "some",
            "nearly", "almost", "over", "under", "just over", "just under", "well over", "between",
        ),
        key=lambda q: -len(q.split()),
    )
)  # fmt: skip

#: Words after a figure that make it a measure, not a count of people ("12 km", "two days", "40 percent").
UNIT_WORDS = frozenset(
    """
    year years month months week weeks day days hour hours minute minutes second seconds decade decades
    km kilometre kilometres kilometer kilometers mile miles metre metres meter meters feet kg tonnes tons
    percent per cent pc dollars euros pounds am pm gmt o'clock
    """.split()
)
#: Words before a four-digit figure that make it a year: "in 2013", "since 2011", "May 2012".
YEAR_CUES = frozenset(
    """
    in since by until till through throughout during from between of before after early late mid year
    spring summer autumn fall winter the and to - \u2013
    """.split()
)
MONTHS = frozenset(
    """
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec
    """.split()
)

_MAX_DIGITS = 15  # longer digit strings are identifiers, not counts (and int() of a huge string can raise)

_TOKEN = re.compile(r"\d+(?:,\d{3}(?!\d))*(?:\.\d+)?|[^\W\d_]+|\S")
# Dates and clock times are masked before counting: "2013-08-21", "8/21/2013", "10:30", "3 p.m.".
_NOT_COUNTS = re.compile(
    r"\b\d{4}-\d{1,2}-\d{1,2}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b|\b\d{1,2}:\d{2}\b"
    r"|\b\d{1,2}\s*(?:a\.m\.|p\.m\.|am\b|pm\b)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Count:
    """A figure as a coder records it.

    ``text`` is the figure as written without its qualifier ("43" of "at least 43");
    ``upper`` is the upper end of a range ("20 to 30" -> value 20, upper 30), else None.

    >>> Count(12, "", "dozens", True).value
    12
    """

    value: int
    qualifier: str
    text: str
    vague: bool
    upper: int | None = None


@dataclass(frozen=True)
class _Token:
    text: str
    low: str
    start: int
    end: int

    @property
    def is_digits(self) -> bool:
        return self.text[:1].isdigit()


@dataclass(frozen=True)
class _Figure:
    value: int
    end: int  # index of the first token after the figure
    vague: bool


def parse_count(text: str) -> Count | None:
    """The first figure in ``text`` (a noun phrase or the words before "were killed"), or None.

    It takes what it is given: "2013" is 2013 here (:func:`find_counts` skips years in running text).

    >>> parse_count("tens of thousands")
    Count(value=10000, qualifier='', text='tens of thousands', vague=True, upper=None)
    >>> parse_count("a number of people") is None
    True
    """
    found = _scan(text, in_context=False)
    return found[0][2] if found else None


def find_counts(text: str) -> list[tuple[int, int, Count]]:
    """Every figure in ``text`` with its character span (qualifier included).

    Skips what only looks like a count: years ("in 2013", "May 4, 2012"), days of months
    ("February 4"), dates and clock times, percentages, money, ordinals ("21st"), ages and
    other adjectival compounds ("12-year-old", "five-day"), measures ("30 km", "two days"),
    names with numbers ("AK-47", "F-16") and "no one".

    >>> [(s, e, c.value) for s, e, c in find_counts("at least 43 people were killed and dozens wounded")]
    [(0, 11, 43), (35, 41, 12)]
    """
    return _scan(text, in_context=True)


def _scan(text: str, *, in_context: bool) -> list[tuple[int, int, Count]]:
    if not isinstance(text, str) or not text:
        return []
    tokens = [_Token(m.group(), m.group().lower(), m.start(), m.end()) for m in _TOKEN.finditer(text)]
    masked = [(m.start(), m.end()) for m in _NOT_COUNTS.finditer(text)] if in_context else []
    found: list[tuple[int, int, Count]] = []
    i = 0
    while i < len(tokens):
        match = _count_at(text, tokens, i)
        if match is None:
            i += 1
            continue
        first, fig_start, end, figure, upper = match
        start, stop = tokens[first].start, tokens[end - 1].end
        if in_context and not _is_count(text, tokens, first, fig_start, end, figure, upper, masked):
            i = end  # the whole figure, a range included, is not a count
            continue
        qualifier = " ".join(t.low for t in tokens[first:fig_start])
        figure_text = text[tokens[fig_start].start : stop]
        found.append((start, stop, Count(figure.value, qualifier, figure_text, figure.vague, upper)))
        i = end
    return found


def _count_at(text: str, tokens: list[_Token], i: int) -> tuple[int, int, int, _Figure, int | None] | None:
    """(first token, first figure token, end token, figure, upper) of a count starting at token ``i``."""
    qualifier_end = _qualifier_at(tokens, i)
    starts = [qualifier_end, i] if qualifier_end is not None else [i]
    for fig_start in starts:
        figure = _figure_at(text, tokens, fig_start)
        if figure is None:
            continue
        qualifier = " ".join(t.low for t in tokens[i:fig_start])
        end, upper = figure.end, None
        connectors = {"and"} if qualifier == "between" else {"to", "-", "\u2013", "\u2014", "or"}
        if end < len(tokens) and tokens[end].low in connectors:
            second = _figure_at(text, tokens, end + 1)
            if second is not None and second.vague == figure.vague:
                low, high = sorted((figure.value, second.value))
                if high > low:
                    figure, upper = _Figure(low, second.end, figure.vague), high
                    end = second.end
        return i, fig_start, end, figure, upper
    return None


def _qualifier_at(tokens: list[_Token], i: int) -> int | None:
    for qualifier in QUALIFIERS:
        words = qualifier.split()
        if [t.low for t in tokens[i : i + len(words)]] == words:
            return i + len(words)
    return None


def _figure_at(text: str, tokens: list[_Token], i: int) -> _Figure | None:
    if i >= len(tokens):
        return None
    if tokens[i].is_digits:
        return _digits_at(text, tokens, i)
    return _vague_at(tokens, i) or _words_at(text, tokens, i)


def _digits_at(text: str, tokens: list[_Token], i: int) -> _Figure | None:
    raw = tokens[i].text.replace(",", "")
    if len(raw) > _MAX_DIGITS:
        return None
    try:
        number = Decimal(raw)
    except InvalidOperation:  # e.g. "²", a digit to str.isdigit() but not to Decimal
        return None
    end = i + 1
    if end < len(tokens) and tokens[end].low in SCALES and _spaced(text, tokens[end - 1], tokens[end]):
        number *= SCALES[tokens[end].low]
        end += 1
    if number != number.to_integral_value():
        return None  # "1.5" is not a count of people
    return _Figure(int(number), end, False)


#: fractions of a number ("a quarter of a million") and how many of them
_FRACTIONS = {"quarter": 4, "quarters": 4, "third": 3, "thirds": 3}
_FRACTION_COUNTS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3}


def _words_at(text: str, tokens: list[_Token], i: int) -> _Figure | None:
    """Spelled-out numbers: "three", "twenty-five", "one hundred and twenty", "a dozen", "half a dozen", "a quarter
    of a million"."""
    if tokens[i].low == "half" and i + 2 < len(tokens) and tokens[i + 1].low in {"a", "an"}:
        whole = _words_at(text, tokens, i + 1)  # "half a dozen", "half a million"
        return _Figure(whole.value // 2, whole.end, False) if whole is not None and whole.value > 1 else None
    if tokens[i].low in _FRACTION_COUNTS and i + 4 < len(tokens) and tokens[i + 1].low in _FRACTIONS \
            and tokens[i + 2].low == "of" and tokens[i + 3].low in {"a", "an"}:
        whole = _words_at(text, tokens, i + 3)  # "a quarter of a million", "three quarters of a million"
        if whole is not None and whole.value > 1:
            share = whole.value * _FRACTION_COUNTS[tokens[i].low] // _FRACTIONS[tokens[i + 1].low]
            return _Figure(share, whole.end, False)
    j = i
    total = current = 0
    seen = False
    last = ""  # kind of the last number word: "a", "unit", "tens", "hundred", "scale"
    scale_cap = None
    while j < len(tokens):
        word = tokens[j].low
        nxt = tokens[j + 1].low if j + 1 < len(tokens) else ""
        if word in {"a", "an"} and not seen and (nxt == "hundred" or nxt in SCALES or nxt in GROUPS):
            current, last = 1, "a"
        elif word in UNITS and last in {"", "hundred", "scale", "and"}:
            current += UNITS[word]
            last = "unit" if UNITS[word] < 10 else "teen"
        elif word in UNITS and last == "tens" and 0 < UNITS[word] < 10:
            current += UNITS[word]
            last = "unit"
        elif word in TENS and last in {"", "hundred", "scale", "and"}:
            current += TENS[word]
            last = "tens"
        elif word == "-" and last == "tens" and nxt in UNITS and 0 < UNITS[nxt] < 10 and _glued(tokens, j):
            pass
        elif word == "hundred" and last in {"a", "unit", "teen", "tens"} and current < 100:
            current *= 100
            last = "hundred"
        elif word in SCALES and last in {"a", "unit", "teen", "tens", "hundred"}:
            scale = SCALES[word]
            if scale_cap is not None and scale >= scale_cap:
                break
            total, current, scale_cap = total + current * scale, 0, scale
            last = "scale"
        elif word == "and" and last in {"hundred", "scale"} and (nxt in UNITS or nxt in TENS):
            last = "and"
        elif word in GROUPS and last in {"a", "unit", "teen", "tens"}:
            return _Figure((total + current) * GROUPS[word], j + 1, False)
        else:
            break
        seen = seen or last != "a"
        j += 1
    if not seen or last in {"a", "and"}:
        return None
    end = j
    while end > i + 1 and tokens[end - 1].low in {"-", "and"}:
        end -= 1
    return _Figure(total + current, end, False)


def _vague_at(tokens: list[_Token], i: int) -> _Figure | None:
    """Vague quantities of ``vague_quantities.txt``, composed: "several hundred", "tens of thousands"."""
    match = _vague_phrase(tokens, i)
    if match is None:
        return None
    value, end = match
    if value < 10:  # a multiplier: "several hundred", "a few dozen", "a couple of hundred", "several thousands"
        k = end + 1 if end < len(tokens) and tokens[end].low == "of" else end
        if k < len(tokens):
            word = tokens[k].low
            unit = SCALES.get(word) or GROUPS.get(word) or (100 if word == "hundred" else None)
            if unit is not None and word != "score":
                return _Figure(value * unit, k + 1, True)
            plural = _vague_phrase(tokens, k)
            if plural is not None and plural[0] >= 10:
                value, end = _plural_of(tokens, *plural)
                return _Figure(match[0] * value, end, True)
        return _Figure(value, end, True)
    value, end = _plural_of(tokens, value, end)
    return _Figure(value, end, True)


def _plural_of(tokens: list[_Token], value: int, end: int) -> tuple[int, int]:
    """ "tens" + "of thousands" -> 10,000: a plural unit of a larger plural unit multiplies."""
    if end + 1 < len(tokens) and tokens[end].low == "of":
        larger = _vague_phrase(tokens, end + 1)
        if larger is not None and larger[0] >= 1000 and larger[0] > value:
            return value * larger[0], larger[1]
    return value, end


def _vague_phrase(tokens: list[_Token], i: int) -> tuple[int, int] | None:
    table = _vague_table()
    for length in range(min(_longest_vague(), len(tokens) - i), 0, -1):
        phrase = " ".join(t.low for t in tokens[i : i + length])
        if phrase in table:
            return table[phrase], i + length
    return None


@cache
def _vague_table() -> dict[str, int]:
    table: dict[str, int] = {}
    for phrase, value in load_mapping("vague_quantities").items():
        try:
            table[" ".join(phrase.split())] = int(value.replace(",", "").replace("_", ""))
        except ValueError:
            continue
    return table


@cache
def _longest_vague() -> int:
    return max((len(p.split()) for p in _vague_table()), default=1)


def _spaced(text: str, a: _Token, b: _Token) -> bool:
    """``b`` follows ``a`` after only white space."""
    return text[a.end : b.start].isspace() if b.start > a.end else False


def _glued(tokens: list[_Token], j: int) -> bool:
    return tokens[j - 1].end == tokens[j].start and tokens[j].end == tokens[j + 1].start


def _is_count(
    text: str,
    tokens: list[_Token],
    first: int,
    fig_start: int,
    end: int,
    figure: _Figure,
    upper: int | None,
    masked: list[tuple[int, int]],
) -> bool:
    """Whether a figure found in running text counts something (see :func:`find_counts`)."""
    head, tail = tokens[fig_start], tokens[end - 1]
    if any(s < tail.end and head.start < e for s, e in masked):
        return False
    before = text[head.start - 1] if head.start > 0 else " "
    after = text[tail.end] if tail.end < len(text) else " "
    if before.isalnum() or before in "$\u00a3\u20ac#/" or after.isalnum() or after in "%/:\u00b0":
        return False  # "M16", "$5", "1st", "40%", "9/11"
    if before == "-" and head.start > 1 and text[head.start - 2].isalpha():
        return False  # "AK-47", "F-16"
    if after in "-\u2013" and end < len(tokens) - 1 and tokens[end].start == tail.end:
        following = tokens[end + 1]
        if following.start == tokens[end].end and not following.is_digits:
            return False  # "12-year-old", "five-day", "30-strong"
    following_word = tokens[end].low if end < len(tokens) else ""
    if following_word in UNIT_WORDS or (following_word == "o" and text[tail.end :].lower().startswith(" o'clock")):
        return False
    previous = tokens[fig_start - 1].low if fig_start > 0 else ""
    if head.low == "one" and end == fig_start + 1 and (previous == "no" or following_word == "another"):
        return False  # "no one", "one another"
    if head.is_digits and fig_start == first:
        before_previous = tokens[fig_start - 2].low if fig_start > 1 else ""
        if previous in MONTHS or (previous == "." and before_previous in MONTHS):
            return False  # "February 4", "Feb. 4", "May 2012", "February 4-5"
    if head.is_digits and end == fig_start + 1 and 1 <= figure.value <= 31 and following_word in MONTHS:
        return False  # "4 February"
    if head.is_digits and "," not in head.text and len(head.text) == 4 and 1900 <= figure.value <= 2100:
        if upper is None or 1900 <= upper <= 2100:
            if following_word not in SCALES and _year_context(tokens, fig_start):
                return False
    return True


def _year_context(tokens: list[_Token], first: int) -> bool:
    """Whether the words before token ``first`` introduce a year: "in", "since", a month, "May 4,"."""
    previous = [t.low for t in tokens[max(0, first - 4) : first]]
    if not previous:
        return False
    if previous[-1] in YEAR_CUES or previous[-1] in MONTHS:
        return True
    # "February 4, 2012", "4 February 2012", "Feb. 2012"
    window = [w for w in previous if w not in {",", "."}]
    return bool(window) and (window[-1] in MONTHS or (len(window) > 1 and window[-2] in MONTHS))
