"""Find the parts of an article that are not reporting.

Share buttons, photo credits and captions, "(More: ...)" links, adverts and copyright
lines must never become facts. :func:`find_boilerplate` returns their character
ranges; the readers store them in ``Article.boilerplate``.

The patterns are data, in ``kg/lexicons/boilerplate.txt`` (one ``KIND: REGEX`` rule
a line; the file's header explains the kinds), so a new pattern is a one-line change.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

__all__ = ["BoilerplateRules", "find_boilerplate", "load_rules"]

KINDS = ("line", "credit-line", "credit", "inline", "tail")

#: ``line`` and ``credit-line`` rules only apply to lines up to this long: boilerplate lines are short.
MAX_LINE_CHARS = 300
#: A line that ends with a photo credit is a caption paragraph when it has at most this many words ...
MAX_CAPTION_WORDS = 100
#: ... and a line glued to a credit line is its caption when it has at most this many words.
MAX_GLUED_CAPTION_WORDS = 60
#: How far back (characters) a caption glued into running text may start before its credit.
MAX_CAPTION_CHARS = 400

_DEFINE = re.compile(r"define\s+([A-Z][A-Z0-9_]*)\s*=\s*(.+)")
_RULE = re.compile(r"([a-z-]+):\s?(.+)")
_MACRO = re.compile(r"\{([A-Z][A-Z0-9_]*)\}")

# A sentence ends at . ! or ? (plus closing quotes/brackets) followed by space and a capital,
# digit or opening quote; not after an initial ("U.S.") or a title ("Gen.").
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)\]]*\s+(?=[\"\u201c\u2018'(\[]?[A-Z0-9])")
_ABBREVIATION = re.compile(
    r"(?:\b[A-Z]|\b(?:Mr|Mrs|Ms|Dr|Prof|Gen|Lt|Col|Maj|Capt|Sgt|Cpl|Pvt|Adm|Brig|Cmdr|Gov|Sen|Rep|Pres|St|"
    r"Jr|Sr|No|Nos|Vol|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|vs|etc|approx|Inc|Ltd|Co|Corp))$"
)


@dataclass(frozen=True)
class BoilerplateRules:
    """Compiled rules, by kind."""

    line: tuple[re.Pattern[str], ...] = ()
    credit_line: tuple[re.Pattern[str], ...] = ()
    credit: tuple[re.Pattern[str], ...] = ()
    inline: tuple[re.Pattern[str], ...] = ()
    tail: tuple[re.Pattern[str], ...] = ()


def load_rules(path: str | Path | None = None) -> BoilerplateRules:
    """Compile the rules of ``path`` (default: ``kg/lexicons/boilerplate.txt``).

    Raises ``ValueError`` naming the file and line of a bad rule.
    """
    if path is None:
        source = "kg/lexicons/boilerplate.txt"
        content = resources.files("kg").joinpath("lexicons/boilerplate.txt").read_text(encoding="utf-8")
    else:
        source = str(path)
        content = Path(path).read_text(encoding="utf-8")
    macros: dict[str, str] = {}
    rules: dict[str, list[re.Pattern[str]]] = {kind: [] for kind in KINDS}
    for number, raw in enumerate(content.splitlines(), start=1):
        entry = raw.strip()
        if not entry or entry.startswith("#"):
            continue
        where = f"{source}:{number}"
        defined = _DEFINE.fullmatch(entry)
        if defined:
            macros[defined.group(1)] = _expand(defined.group(2).strip(), macros, where)
            continue
        rule = _RULE.fullmatch(entry)
        if not rule or rule.group(1) not in KINDS:
            raise ValueError(f"{where}: expected 'KIND: REGEX' with KIND one of {', '.join(KINDS)}, got {entry!r}")
        pattern = _expand(rule.group(2).strip(), macros, where)
        try:
            rules[rule.group(1)].append(re.compile(pattern, re.MULTILINE))
        except re.error as error:
            raise ValueError(f"{where}: bad regular expression {rule.group(2)!r}: {error}") from None
    return BoilerplateRules(
        line=tuple(rules["line"]),
        credit_line=tuple(rules["credit-line"]),
        credit=tuple(rules["credit"]),
        inline=tuple(rules["inline"]),
        tail=tuple(rules["tail"]),
    )


def _expand(pattern: str, macros: dict[str, str], where: str) -> str:
    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in macros:
            raise ValueError(f"{where}: {{{name}}} is used before `define {name} = ...`")
        return f"(?:{macros[name]})"

    return _MACRO.sub(replace, pattern)


@cache
def _default_rules() -> BoilerplateRules:
    return load_rules()


def find_boilerplate(text: str, rules: BoilerplateRules | None = None) -> tuple[tuple[int, int], ...]:
    """Sorted, non-overlapping ``(start, end)`` ranges of ``text`` that are not reporting.

    >>> text = "Rebels took the town.\\n  • Share\\nMore: Other news"
    >>> [text[s:e] for s, e in find_boilerplate(text)]
    ['• Share', 'More: Other news']
    """
    rules = rules or _default_rules()
    lines = _lines(text)
    title = next((i for i, (s, e) in enumerate(lines) if text[s:e].strip()), -1)
    ranges: list[tuple[int, int]] = []
    marked = [False] * len(lines)
    credit_lines: list[int] = []

    for i, (start, end) in enumerate(lines):
        stripped = text[start:end].strip()
        if not stripped or len(stripped) > MAX_LINE_CHARS:
            continue
        if any(p.fullmatch(stripped) for p in rules.credit_line) or any(p.fullmatch(stripped) for p in rules.credit):
            credit_lines.append(i)
            marked[i] = True
        elif any(p.fullmatch(stripped) for p in rules.line):
            marked[i] = True

    # A short line glued to a credit line (no blank line between) is the photo's caption.
    for i in credit_lines:
        for j in (i - 1, i + 1):
            if 0 <= j < len(lines) and j != title and not marked[j]:
                line = text[lines[j][0] : lines[j][1]]
                if line.strip() and len(line.split()) <= MAX_GLUED_CAPTION_WORDS:
                    marked[j] = True

    for i, (start, end) in enumerate(lines):
        if marked[i]:
            ranges.append(_strip_range(text, start, end))
            continue
        line = text[start:end]
        for pattern in rules.credit:
            for match in pattern.finditer(line):
                if match.end() == match.start():
                    continue
                ranges.append(_caption(text, start, end, start + match.start(), start + match.end()))
        for pattern in rules.inline:
            ranges.extend(_strip_range(text, start + m.start(), start + m.end()) for m in pattern.finditer(line))
        for pattern in rules.tail:
            match = pattern.search(line)
            if match:
                ranges.append(_strip_range(text, start + match.start(), end))

    return _merge(r for r in ranges if r[1] > r[0])


def _lines(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every line, without its line break."""
    spans = []
    start = 0
    for match in re.finditer(r"\r\n|\n|\r", text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return spans


def _strip_range(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _caption(text: str, line_start: int, line_end: int, credit_start: int, credit_end: int) -> tuple[int, int]:
    """The range of a photo credit found inside a line, with its caption."""
    after = text[credit_end:line_end]
    if not after.strip(" \t.;,)") and len(text[line_start:line_end].split()) <= MAX_CAPTION_WORDS:
        return _strip_range(text, line_start, line_end)  # a caption paragraph ending with its credit
    # A caption glued into running text: the sentence just before the credit.
    floor = max(line_start, credit_start - MAX_CAPTION_CHARS)
    before = text[floor:credit_start]
    caption_start = credit_start
    boundaries = [
        m for m in _SENTENCE_END.finditer(before) if m.end() < len(before.rstrip()) and not _abbreviation(before, m)
    ]
    if boundaries:
        caption_start = floor + boundaries[-1].end()
    elif floor == line_start:
        caption_start = line_start
    return _strip_range(text, caption_start, credit_end)


def _abbreviation(before: str, match: re.Match[str]) -> bool:
    return before[match.start()] == "." and bool(_ABBREVIATION.search(before[: match.start()]))


def _merge(ranges: Iterable[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    merged: list[list[int]] = []
    for start, end in sorted(ranges):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return tuple((s, e) for s, e in merged)
