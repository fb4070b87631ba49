"""Read news articles from files and folders.

:func:`read_articles` turns ``.txt``, ``.html``/``.htm``, ``.json``, ``.jsonl`` and ``.csv``
files (or folders holding them) into :class:`~kg.records.Article` records. Bad input never
raises: each file or record that cannot be used is reported once through ``on_problem`` as a
:class:`~kg.records.Problem` with a specific, one-line reason, and reading goes on.

The text of a ``.txt`` file or of a record is kept exactly as decoded (no newline or
whitespace rewriting, only a leading UTF-8 byte-order mark dropped), so character offsets
index into it.
"""

from __future__ import annotations

import codecs
import csv
import errno
import io
import json
import logging
import os
import re
import stat
import sys
from collections.abc import Callable, Iterable, Iterator
from datetime import date as Date
from email.utils import parsedate_to_datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from kg.boilerplate import find_boilerplate
from kg.errors import BadOption
from kg.records import Article, Problem

__all__ = ["EXTENSIONS", "TEXT_COLUMNS", "normalise_date", "read_articles"]

log = logging.getLogger(__name__)

#: File types read, by lower-cased extension.
EXTENSIONS = (".txt", ".html", ".htm", ".json", ".jsonl", ".csv")
#: Accepted names of the column (or JSON field) holding the article text, in order of preference.
TEXT_COLUMNS = ("text", "body", "content", "article")
#: Optional fields of a record.
OPTIONAL_FIELDS = ("id", "title", "source", "date", "url")

_KINDS = ", ".join(EXTENSIONS)
_DATE_HELP = "use YYYY-MM-DD"
_DATE_EXPECTED = "a date such as 2017-04-05 (YYYY-MM-DD), 4/5/2017 (month first) or 5 April 2017"


def _log_problem(problem: Problem) -> None:
    log.warning("%s", problem)


def read_articles(
    paths: Iterable[str | Path],
    *,
    date: str | None = None,
    source: str | None = None,
    on_problem: Callable[[Problem], None] = _log_problem,
) -> Iterator[Article]:
    """Yield the articles of ``paths`` (files, or folders walked recursively in sorted order).

    ``date`` and ``source`` are used for articles that do not give their own. An invalid
    ``date`` raises :class:`~kg.errors.BadOption` at once; every problem with the input itself
    goes to ``on_problem`` (default: a logged warning) and reading continues.
    """
    default_date = None
    if date is not None:
        default_date = normalise_date(date)
        if default_date is None:
            raise BadOption("--date", date, _DATE_EXPECTED)
    if source is not None and not source.strip():
        raise BadOption("--source", source, "the name of the outlet, e.g. reuters")
    reader = _Reader(default_date, source.strip() if source else None, on_problem)
    return reader.read([paths] if isinstance(paths, (str, Path)) else list(paths))


#: The longest article text read (spaCy's default ``max_length``: longer texts would need more memory than the
#: parser and NER are built for); a longer one is named and skipped.
MAX_ARTICLE_CHARS = 1_000_000


_SURROGATE = re.compile("[\ud800-\udfff]")


def _valid(value: str) -> str:
    r"""``value`` with any lone surrogate replaced by U+FFFD (the text can then be encoded, parsed, written).

    >>> _valid("a\ud800b") == "a\ufffdb"
    True
    """
    return _SURROGATE.sub("\ufffd", value)


def count_articles(paths: Iterable[str | Path]) -> int | None:
    """About how many articles ``paths`` hold, cheaply, for a progress bar's time left: a line of a .jsonl, a
    row of a .csv, a .txt or .html file; None when a .json file (which must be parsed) or anything unreadable
    is among them. Problems are not reported here: reading does that.

    >>> count_articles([])
    0
    """
    total = 0
    for raw in [paths] if isinstance(paths, (str, Path)) else paths:
        path = Path(raw)
        files = _walk(path, lambda *_, **__: None) if path.is_dir() else [path]
        for file in files:
            suffix = file.suffix.lower()
            try:
                if suffix == ".jsonl":
                    with file.open("rb") as fh:
                        total += sum(1 for line in fh if line.strip())
                elif suffix == ".csv":
                    with file.open("rb") as fh:
                        total += max(0, sum(1 for line in fh if line.strip()) - 1)
                elif suffix == ".json":
                    return None
                else:
                    total += 1
            except OSError:
                return None
    return total


# --------------------------------------------------------------------------------------------------
# dates

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


# --------------------------------------------------------------------------------------------------
# bytes -> text

_MAGIC: list[tuple[bytes, str]] = [
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"%PDF", "PDF"),
    (b"PK\x03\x04", "ZIP (or DOCX/XLSX/ODT)"),
    (b"PK\x05\x06", "ZIP"),
    (b"\x1f\x8b", "GZIP"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"\x7fELF", "an ELF executable"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip"),
    (b"Rar!\x1a\x07", "RAR"),
    (b"\xfd7zXZ\x00", "XZ"),
    (b"\x28\xb5\x2f\xfd", "Zstandard"),
    (b"SQLite format 3\x00", "SQLite"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
    (b"ID3", "MP3"),
    (b"OggS", "OGG"),
    (b"{\\rtf", "RTF"),
]
_RIFF_KINDS = {b"WEBP": "WEBP", b"WAVE": "WAV", b"AVI ": "AVI"}
_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]
# C0 control characters that never occur in text (tab, newlines, form feed, vertical tab and DOS end-of-file do).
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x19\x1b-\x1f\x7f]")
_SPACES = re.compile(r"\s+")
_HTML_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)""", re.I)


class _Unusable(Exception):
    """A file or record that cannot be used; the message is the problem's reason."""


def _binary_kind(data: bytes) -> str | None:
    """What a binary file looks like, or None when it may be text."""
    if data[:4] == b"RIFF" and data[8:12] in _RIFF_KINDS:
        return _RIFF_KINDS[data[8:12]]
    if data[4:8] == b"ftyp":
        return "MP4/MOV"
    if data[:3] == b"BZh" and data[4:10] == b"1AY&SY":
        return "BZIP2"
    return next((kind for magic, kind in _MAGIC if data.startswith(magic)), None)


def _decode(data: bytes, *, html: bool = False, note: Callable[[str], None] = lambda reason: None) -> str:
    """The text of a file's bytes; raises :class:`_Unusable` for binary or undecodable bytes; ``note`` hears of a
    doubtful decoding (UTF-8 mixed with Windows-1252)."""
    if not data:
        raise _Unusable("empty file: it holds no article text")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as error:
                raise _Unusable(
                    f"starts with a {encoding.upper().replace('-SIG', '')} byte-order mark but byte "
                    f"{error.start} is not valid {encoding.upper().replace('-SIG', '')}: re-save the file as UTF-8"
                ) from None
            return text.removeprefix("\ufeff")
    kind = _binary_kind(data)
    if kind:
        raise _Unusable(f"binary file (looks like {kind}), not an article: give .txt, .html, .json, .jsonl or .csv")
    if b"\x00" in data[:8192]:
        raise _Unusable(
            "binary file (contains NUL bytes), not an article: give a text file "
            "(if it is UTF-16 text, re-save it as UTF-8 or with a byte-order mark)"
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        text = _decode_legacy(data, error, html=html, note=note)
    if len(_CONTROL.findall(text[:8192])) > 2:
        raise _Unusable("binary file (holds control characters), not an article: give a text file")
    return text


def _decode_legacy(data: bytes, error: UnicodeDecodeError, *, html: bool,
                   note: Callable[[str], None] = lambda reason: None) -> str:
    """Decode bytes that are not UTF-8: a charset declared in HTML, else Windows-1252 when it reads as text, or,
    when the bytes also hold UTF-8 characters, UTF-8 with the other bytes read as Windows-1252 (``note`` hears of
    it: such a file was pasted together, and would otherwise turn its UTF-8 characters into mojibake)."""
    if html:
        declared = _HTML_CHARSET.search(data[:4096])
        if declared:
            name = declared.group(1).decode("ascii", "replace")
            try:
                return data.decode(name)
            except (LookupError, UnicodeDecodeError):
                pass
    bad = f"byte {error.start} (0x{data[error.start]:02x}) is not valid UTF-8"
    utf8 = len(_UTF8_MULTIBYTE.findall(data))
    if utf8:
        return _decode_mixed(data, bad, utf8, note)
    try:
        text = data.decode("cp1252")  # strict: the five bytes cp1252 leaves undefined fail here
    except UnicodeDecodeError:
        raise _Unusable(f"cannot decode the file: {bad}, nor is it Windows-1252 text; re-save it as UTF-8") from None
    non_ascii = sum(1 for char in text if ord(char) > 127)
    if non_ascii > max(8, len(text) // 5):
        raise _Unusable(
            f"cannot decode the file: {bad}, and as Windows-1252 it is mostly non-ASCII gibberish; re-save it as UTF-8"
        )
    return text


# A character of two to four bytes in UTF-8 (RFC 3629: no overlong forms, no surrogates).
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
                             rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}"
                             rb"|\xf4[\x80-\x8f][\x80-\xbf]{2}")
_ESCAPED = re.compile("[\udc80-\udcff]")


def _decode_mixed(data: bytes, bad: str, utf8: int, note: Callable[[str], None]) -> str:
    """Bytes holding ``utf8`` UTF-8 characters and other bytes (``bad`` names the first): UTF-8, with each byte
    that is not part of a UTF-8 character read as Windows-1252.

    >>> _decode_mixed("café, ".encode() + "naïve".encode("cp1252"), "byte 9", 1, print)  # doctest: +ELLIPSIS
    mixes UTF-8 and Windows-1252: byte 9, but 1 character is; read as UTF-8 ... re-save it as UTF-8
    'café, naïve'
    """
    text = data.decode("utf-8", "surrogateescape")  # each byte that is not UTF-8: a lone surrogate
    fallback = len(_ESCAPED.findall(text))
    if fallback > max(8, len(text) // 5):
        raise _Unusable(f"cannot decode the file: {bad}, and as Windows-1252 it is mostly gibberish; re-save it "
                        "as UTF-8")
    try:
        text = _ESCAPED.sub(lambda m: bytes([ord(m.group()) - 0xDC00]).decode("cp1252"), text)
    except UnicodeDecodeError:  # one of the bytes cp1252 leaves undefined
        raise _Unusable(f"cannot decode the file: {bad}, nor is it Windows-1252 text; re-save it as UTF-8") from None
    note(f"mixes UTF-8 and Windows-1252: {bad}, but {utf8} character{'s are' if utf8 != 1 else ' is'}; read as "
         f"UTF-8 with the {fallback} other byte{'s' if fallback != 1 else ''} as Windows-1252: check the text, and "
         "re-save it as UTF-8")
    return text


# --------------------------------------------------------------------------------------------------
# HTML


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_SKIP_TAGS = _words(
    "script style nav header footer aside form noscript figure figcaption iframe svg button select option "
    "textarea template menu dialog object embed canvas video audio picture map head"
)
_VOID_TAGS = _words("area base br col embed hr img input link meta param source track wbr")
_BLOCK_TAGS = _words(
    "p div section article main h1 h2 h3 h4 h5 h6 li ul ol dl dt dd blockquote pre table thead tbody tr td th "
    "caption address center hr body html title details summary"
)
# class/id words of share-button lists, related links, adverts, comments ... (matched on -/_ parts)
_SKIP_CLASS_PARTS = _words(
    "share sharing sharebar shares social socials sociallinks related recommended newsletter subscribe "
    "subscription advert adverts advertisement advertising ads ad sponsor sponsored promo breadcrumb breadcrumbs "
    "cookie cookies comment comments sidebar popup modal outbrain taboola toolbar byline caption credit credits tags"
)
_STRUCTURAL = frozenset(("html", "body", "main", "article"))
_DATE_META = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "date",
    "pubdate",
    "publishdate",
    "publish-date",
    "publication_date",
    "dc.date",
    "dc.date.issued",
    "dcterms.created",
    "dcterms.date",
    "sailthru.date",
    "parsely-pub-date",
)


class _HTMLText(HTMLParser):
    """Collect the main paragraphs, title and metadata of an HTML page."""

    def __init__(self, *, skip_by_attributes: bool = True) -> None:
        super().__init__(convert_charrefs=True)
        self.skip_by_attributes = skip_by_attributes
        self.stack: list[tuple[str, bool, int | None]] = []  # (tag, skipped, article number)
        self.skipping = 0
        self.articles = 0
        self.buffer: list[str] = []
        self.paragraphs: list[tuple[str, int | None]] = []
        self.title_parts: list[str] | None = None
        self.title = ""
        self.h1: list[tuple[str, bool, int | None]] = []  # (text, skipped, article)
        self.h1_parts: list[str] | None = None
        self.meta: dict[str, str] = {}
        self.canonical = ""
        self.time: list[tuple[str, int | None]] = []

    # structure
    def _article(self) -> int | None:
        for _tag, _skipped, article in reversed(self.stack):
            if article is not None:
                return article
        return None

    def _flush(self) -> None:
        text = "".join(self.buffer)
        self.buffer = []
        lines = [" ".join(line.split()) for line in text.split("\n")]
        text = "\n".join(line for line in lines if line)
        if text:
            self.paragraphs.append((text, self._article()))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name.lower(): (value or "") for name, value in attrs}
        if tag == "meta":
            key = (values.get("property") or values.get("name") or values.get("itemprop") or "").lower()
            if key and values.get("content") and key not in self.meta:
                self.meta[key] = values["content"].strip()
            return
        if tag == "link":
            if "canonical" in values.get("rel", "").lower().split() and values.get("href"):
                self.canonical = self.canonical or values["href"].strip()
            return
        if tag == "time" and values.get("datetime"):
            self.time.append((values["datetime"], self._article()))
        if (tag in _BLOCK_TAGS or tag in _SKIP_TAGS) and not self.skipping:
            self._flush()
        if tag == "br":
            self.buffer.append("\n")
        if tag in _VOID_TAGS:
            return
        if tag == "title" and self.title_parts is None and not self.title:
            self.title_parts = []
        if tag == "h1" and self.h1_parts is None:
            self.h1_parts = []
        skipped = tag in _SKIP_TAGS or (
            self.skip_by_attributes and tag not in _STRUCTURAL and _skipped_by_attributes(values)
        )
        article = None
        if tag == "article" or (tag != "body" and "articlebody" in values.get("itemprop", "").lower()):
            self.articles += 1
            article = self.articles
        self.stack.append((tag, skipped, article))
        self.skipping += skipped

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID_TAGS or all(entry[0] != tag for entry in self.stack):
            return
        if tag in _BLOCK_TAGS and not self.skipping:
            self._flush()
        if tag == "title" and self.title_parts is not None:
            self.title = " ".join("".join(self.title_parts).split())
            self.title_parts = None
        while self.stack:
            entry_tag, skipped, _article = self.stack.pop()
            self.skipping -= skipped
            if entry_tag == "h1" and self.h1_parts is not None:
                self._end_h1()
            if entry_tag == tag:
                break

    def _end_h1(self) -> None:
        text = " ".join("".join(self.h1_parts or []).split())
        if text:
            self.h1.append((text, bool(self.skipping), self._article()))
        self.h1_parts = None

    def handle_data(self, data: str) -> None:
        if self.title_parts is not None:
            self.title_parts.append(data)
            return
        if self.h1_parts is not None:
            self.h1_parts.append(data)
        if not self.skipping:
            self.buffer.append(_SPACES.sub(" ", data))  # only <br> makes a line break

    def close(self) -> None:
        super().close()
        if not self.skipping:
            self._flush()
        if self.h1_parts is not None:
            self._end_h1()


def _skipped_by_attributes(values: dict[str, str]) -> bool:
    if "hidden" in values or values.get("aria-hidden", "").lower() == "true":
        return True
    if values.get("role", "").lower() in ("navigation", "banner", "contentinfo", "complementary", "search"):
        return True
    if re.search(r"display\s*:\s*none", values.get("style", ""), re.I):
        return True
    words = f"{values.get('class', '')} {values.get('id', '')}".lower().split()
    return any(part in _SKIP_CLASS_PARTS for word in words for part in re.split(r"[-_]+", word))


def _html_article(text: str) -> tuple[str, str, dict[str, str], str]:
    """(title, body paragraphs joined by blank lines, meta tags, canonical url) of an HTML page."""
    parser = _HTMLText()
    parser.feed(text)
    parser.close()
    if not parser.paragraphs:  # a page whose every container has a "share"-like class: keep more rather than none
        parser = _HTMLText(skip_by_attributes=False)
        parser.feed(text)
        parser.close()
    paragraphs = parser.paragraphs
    counts: dict[int, int] = {}
    for paragraph, article in paragraphs:
        if article is not None:
            counts[article] = counts.get(article, 0) + len(paragraph)
    main = max(counts, key=lambda a: (counts[a], -a)) if counts else None
    if main is not None:
        paragraphs = [(p, a) for p, a in paragraphs if a == main]
    title = next((t for t, _skipped, a in parser.h1 if main is not None and a == main), "")
    title = title or next((t for t, skipped, _a in parser.h1 if not skipped), "")
    title = title or parser.meta.get("og:title", "") or parser.title or next((t for t, _s, _a in parser.h1), "")
    title = " ".join(title.split())
    body = [p for p, _a in paragraphs]
    if title in body[:3]:
        body.remove(title)
    meta = dict(parser.meta)
    if main is not None:
        times = [t for t, a in parser.time if a == main]
        if times:
            meta.setdefault("time", times[0])
    return title, "\n\n".join(body), meta, parser.canonical or parser.meta.get("og:url", "")


# --------------------------------------------------------------------------------------------------
# the reader


class _Reader:
    def __init__(self, date: str | None, source: str | None, on_problem: Callable[[Problem], None]) -> None:
        self.default_date = date
        self.default_source = source
        self.report = on_problem
        self.seen_ids: dict[str, str] = {}
        self.seen_files: set[str] = set()

    def problem(self, origin: str | Path, reason: str, *, skipped: bool = True) -> None:
        """Report what could not be used (``skipped``), or what was used all the same but needs a look."""
        self.report(Problem(str(origin), reason, skipped))

    def read(self, paths: list[str | Path]) -> Iterator[Article]:
        for given in paths:
            path = Path(given)
            if path.is_dir():
                files = list(_walk(path, self.problem))
                if not files:
                    self.problem(given, f"folder holds no articles: no {_KINDS} files in it or its subfolders")
                for file in files:
                    yield from self.read_file(file)
            elif path.is_file():
                if path.suffix.lower() not in EXTENSIONS:
                    kind = f"file type {path.suffix!r}" if path.suffix else "a file without an extension"
                    self.problem(given, f"cannot read {kind}: give {_KINDS} files (or rename the file if it is one)")
                    continue
                yield from self.read_file(path)
            elif path.exists() or path.is_symlink():
                self.problem(given, "not a regular file or folder (or a broken link): give article files or folders")
            else:
                self.problem(given, "no such file or folder: check the path")

    def read_file(self, path: Path) -> Iterator[Article]:
        try:
            key = str(path.resolve())
        except OSError:
            key = str(path)
        if key in self.seen_files:
            return  # named twice (or both directly and through its folder): read once
        self.seen_files.add(key)
        suffix = path.suffix.lower()
        try:
            data = path.read_bytes()
        except PermissionError:
            self.problem(path, "cannot read the file: permission denied (check its permissions)")
            return
        except OSError as error:
            self.problem(path, f"cannot read the file: {error.strerror or error}")
            return
        try:
            text = _decode(data, html=suffix in (".html", ".htm"),
                           note=lambda reason: self.problem(path, reason, skipped=False))
            if not text.strip():
                raise _Unusable("file holds only whitespace, no article text")
        except _Unusable as error:
            self.problem(path, str(error))
            return
        if suffix == ".txt":
            articles: Iterable[Article | None] = [self.txt(path, text)]
        elif suffix in (".html", ".htm"):
            articles = [self.html(path, text)]
        elif suffix == ".json":
            articles = self.json(path, text)
        elif suffix == ".jsonl":
            articles = self.jsonl(path, text)
        else:
            articles = self.csv(path, text)
        for article in articles:
            if article is not None and self.fits(article) and self.unique(article):
                yield article

    def fits(self, article: Article) -> bool:
        if len(article.text) <= MAX_ARTICLE_CHARS:
            return True
        self.problem(
            article.origin,
            f"article too long: {len(article.text):,} characters, more than the {MAX_ARTICLE_CHARS:,} the NLP "
            "pipeline takes at once (spaCy's max_length): split it into articles",
        )
        return False

    def unique(self, article: Article) -> bool:
        first = self.seen_ids.get(article.article_id)
        if first is not None:
            self.problem(
                article.origin,
                f"duplicate article id {article.article_id!r}, already read from {first}: skipped "
                "(give each article a unique id or file name)",
            )
            return False
        self.seen_ids[article.article_id] = article.origin
        return True

    def article(
        self,
        *,
        article_id: str,
        text: str,
        origin: str,
        title: str = "",
        date: str | None = None,
        source: str | None = None,
        url: str | None = None,
    ) -> Article:
        iso = None
        if date is not None and date.strip():
            iso = normalise_date(date)
            if iso is None:
                self.problem(
                    origin,
                    f"date {date.strip()!r} is not a date I can read ({_DATE_HELP}); the article is kept without "
                    "a date",
                    skipped=False,
                )
        elif self.default_date is not None:
            iso = self.default_date
        # a lone UTF-16 surrogate (a JSON "\ud800" escape) is no character: U+FFFD stands in for it
        article_id, text, title = _valid(article_id), _valid(text), _valid(title)
        source, url = (_valid(v) if v is not None else None for v in (source, url))
        return Article(
            article_id=article_id,
            text=text,
            title=title,
            date=iso,
            source=(source.strip() if source and source.strip() else None) or self.default_source,
            url=url.strip() if url and url.strip() else None,
            origin=origin,
            boilerplate=find_boilerplate(text),
        )

    # formats
    def txt(self, path: Path, text: str) -> Article:
        title = next((line.strip() for line in text.splitlines() if line.strip()), "")
        return self.article(article_id=path.stem, text=text, origin=str(path), title=title)

    def html(self, path: Path, text: str) -> Article | None:
        try:
            title, body, meta, url = _html_article(text)
        except (AssertionError, ValueError) as error:  # html.parser gives up on some broken markup
            self.problem(path, f"cannot parse the HTML: {error}")
            return None
        if not body.strip():
            self.problem(path, "no article text in the HTML: no paragraphs outside navigation, scripts and forms")
            return None
        page_date = next((meta[key] for key in (*_DATE_META, "time") if meta.get(key)), None)
        return self.article(
            article_id=path.stem,
            text=f"{title}\n\n{body}" if title else body,
            origin=str(path),
            title=title,
            date=page_date,
            source=meta.get("og:site_name"),
            url=url,
        )

    def json(self, path: Path, text: str) -> Iterator[Article | None]:
        try:
            value = json.loads(text)
        except json.JSONDecodeError as error:
            self.problem(
                f"{path}:{error.lineno}",
                f"JSON syntax error at line {error.lineno} column {error.colno}: {error.msg}; "
                + ("one object per line belongs in a .jsonl file" if error.msg == "Extra data" else "fix the file"),
            )
            return
        except RecursionError:
            self.problem(path, "JSON nested too deeply to read: give an object or a list of objects")
            return
        if isinstance(value, dict):
            yield self.record(value, origin=str(path), fallback_id=f"{path.stem}-1")
        elif isinstance(value, list):
            lines = _element_lines(text)
            for number, item in enumerate(value, start=1):
                line = lines[number - 1] if number - 1 < len(lines) else None
                origin = f"{path}:{line}" if line else str(path)
                yield self.record(item, origin=origin, fallback_id=f"{path.stem}-{number}", number=number)
        else:
            self.problem(path, f"JSON holds {_json_kind(value)}: expected an object or a list of objects with 'text'")

    def jsonl(self, path: Path, text: str) -> Iterator[Article | None]:
        number = 0
        for line_number, line in enumerate(text.split("\n"), start=1):
            if not line.strip():
                continue
            number += 1
            origin = f"{path}:{line_number}"
            try:
                value = json.loads(line)
            except json.JSONDecodeError as error:
                self.problem(origin, f"invalid JSON on this line: {error.msg} (column {error.colno}); fix or remove it")
                continue
            except RecursionError:
                self.problem(origin, "JSON nested too deeply on this line: give one object per line")
                continue
            yield self.record(value, origin=origin, fallback_id=f"{path.stem}-{number}")

    def csv(self, path: Path, text: str) -> Iterator[Article | None]:
        header = text.split("\n", 1)[0]
        delimiter = max(",;\t|", key=header.count) if any(c in header for c in ",;\t|") else ","
        csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        try:
            columns = next(reader)
        except csv.Error as error:
            self.problem(f"{path}:1", f"cannot read the CSV header: {error}")
            return
        names = [column.strip().lower() for column in columns]
        text_column = next((names.index(name) for name in TEXT_COLUMNS if name in names), None)
        if text_column is None:
            shown = ", ".join(repr(c.strip()) for c in columns if c.strip()) or "none"
            self.problem(
                path,
                f"CSV has no text column (its columns are: {shown}); name the column holding the article text "
                f"one of: {', '.join(TEXT_COLUMNS)}",
            )
            return
        fields = {name: names.index(name) for name in OPTIONAL_FIELDS if name in names}
        number = 0
        start = reader.line_num + 1
        while True:
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as error:
                self.problem(f"{path}:{start}", f"CSV syntax error: {error}; fix the row")
                start = reader.line_num + 1
                continue
            origin = f"{path}:{start}"
            start = reader.line_num + 1
            if not any(cell.strip() for cell in row):
                continue
            number += 1
            record = {name: row[index] for name, index in fields.items() if index < len(row)}
            if text_column >= len(row):
                self.problem(origin, f"row has {len(row)} fields and no {columns[text_column].strip()!r} value")
                continue
            record["text"] = row[text_column]
            yield self.record(record, origin=origin, fallback_id=f"{path.stem}-{number}")

    def record(self, value: Any, *, origin: str, fallback_id: str, number: int | None = None) -> Article | None:
        where = f"record {number}" if number else "record"
        if not isinstance(value, dict):
            self.problem(origin, f"{where} is {_json_kind(value)}, expected an object with a 'text' field")
            return None
        keys = {str(key).lower(): key for key in value}
        text_key = next((keys[name] for name in TEXT_COLUMNS if name in keys), None)
        if text_key is None:
            shown = ", ".join(repr(str(k)) for k in value) or "none"
            self.problem(
                origin, f"{where} has no 'text' field (its fields are: {shown}); add the article text as 'text'"
            )
            return None
        text = value[text_key]
        if not isinstance(text, str):
            self.problem(
                origin, f"{where} has a {_json_kind(text)} as {text_key!r}, expected the article text (a string)"
            )
            return None
        if not text.strip():
            self.problem(origin, f"{where} has an empty {text_key!r}: no article text")
            return None
        fields: dict[str, str | None] = {}
        for name in OPTIONAL_FIELDS:
            raw = value.get(keys[name]) if name in keys else None
            if raw is None or isinstance(raw, (dict, list, bool)):
                if raw is not None:
                    self.problem(origin, f"{where} has a {_json_kind(raw)} as {name!r}, expected a string: the field "
                                         "is ignored, the article kept", skipped=False)
                fields[name] = None
            else:
                fields[name] = str(raw)
        article_id = (fields["id"] or "").strip() or fallback_id
        return self.article(
            article_id=article_id,
            text=text,
            origin=origin,
            title=" ".join((fields["title"] or "").split()),
            date=fields["date"],
            source=fields["source"],
            url=fields["url"],
        )


def _walk(folder: Path, problem: Callable[..., None]) -> Iterator[Path]:
    """Article files under ``folder``, depth first in sorted name order; hidden entries skipped. What cannot be
    read is named to ``problem`` (path, reason, skipped=...): a broken link, a link loop, a FIFO, socket or device
    (never opened: reading a FIFO would wait for a writer); it counts as skipped when its name is an article's."""
    seen: set[str] = set()

    def walk(current: Path, above: tuple[str, ...]) -> Iterator[Path]:
        real = os.path.realpath(current)
        if real in above:
            problem(current, f"a symbolic link loop: it leads back to {real}, a folder being read; not followed",
                    skipped=False)
            return
        if real in seen:
            return  # a folder read already, through another link
        seen.add(real)
        try:
            with os.scandir(current) as scan:
                entries = sorted(scan, key=lambda e: e.name)
        except PermissionError:
            problem(current, "cannot list the folder: permission denied (check its permissions)")
            return
        except OSError as error:
            problem(current, f"cannot list the folder: {error.strerror or error}")
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            article = path.suffix.lower() in EXTENSIONS
            try:
                if entry.is_dir():
                    yield from walk(path, (*above, real))
                elif entry.is_file():
                    if article:
                        yield path
                else:
                    _name_unreadable(entry, problem, article)
            except OSError as error:
                if error.errno == errno.ELOOP:
                    problem(path, "a symbolic link loop (it leads back to itself): not followed", skipped=article)
                else:
                    problem(path, f"cannot read it: {error.strerror or error}", skipped=article)

    yield from walk(folder, ())


def _name_unreadable(entry: os.DirEntry, problem: Callable[..., None], article: bool) -> None:
    """Name a folder's entry that is neither a file nor a folder: a broken link, a FIFO, a socket, a device."""
    path = Path(entry.path)
    if entry.is_symlink():
        try:
            target = os.readlink(path)
        except OSError:
            target = "?"
        problem(path, f"a broken symbolic link (to {target!r}, which does not exist): not read", skipped=article)
        return
    mode = entry.stat(follow_symlinks=False).st_mode
    kind = ("a FIFO (named pipe)" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode)
            else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "not a regular file")
    problem(path, f"{kind}, not a file of articles: not read", skipped=article)


def _element_lines(text: str) -> list[int]:
    """Line numbers where each element of a (valid) top-level JSON list starts."""
    decoder = json.JSONDecoder()
    lines: list[int] = []
    index = text.index("[") + 1
    length = len(text)
    while True:
        while index < length and text[index] in " \t\r\n,":
            index += 1
        if index >= length or text[index] == "]":
            return lines
        lines.append(text.count("\n", 0, index) + 1)
        _value, index = decoder.raw_decode(text, index)


def _json_kind(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "list"
    if isinstance(value, dict):
        return "object"
    return type(value).__name__
