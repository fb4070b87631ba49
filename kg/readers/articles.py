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
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.errors import BadOption
from kg.readers.boilerplate import find_boilerplate
from kg.readers.dates import normalise_date
from kg.readers.decode import Unusable, decode
from kg.readers.html import DATE_META, html_article
from kg.records import Article, Problem

__all__ = ["EXTENSIONS", "FORMATS", "KINDS", "TEXT_COLUMNS", "count_articles", "normalise_date", "read_articles"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Format:
    """A kind of file kg reads: the reader's method that reads its articles, how :func:`count_articles` counts
    them without reading them (``"file"``: one; ``"lines"``: one a non-blank line; ``"rows"``: one a non-blank line
    after the header; ``""``: not without parsing), whether it is decoded as HTML, and whether its suffix is another
    name of a kind listed before it (not named in messages)."""

    read: str
    count: str
    html: bool = False
    alias: bool = False


#: File types read, by lower-cased extension: the one table the reader, count_articles, the messages and the
#: command line's help read.
FORMATS: dict[str, Format] = {
    ".txt": Format("txt", "file"),
    ".html": Format("html", "file", html=True),
    ".htm": Format("html", "file", html=True, alias=True),
    ".json": Format("json", ""),
    ".jsonl": Format("jsonl", "lines"),
    ".csv": Format("csv", "rows"),
}
EXTENSIONS = tuple(FORMATS)
#: One suffix a kind of file, as messages name them: ".txt, .html, .json, .jsonl or .csv".
NAMED = tuple(suffix for suffix, kind in FORMATS.items() if not kind.alias)
KINDS = ", ".join(NAMED[:-1]) + " or " + NAMED[-1]
#: Accepted names of the column (or JSON field) holding the article text, in order of preference.
TEXT_COLUMNS = ("text", "body", "content", "article")
#: Optional fields of a record.
OPTIONAL_FIELDS = ("id", "title", "source", "date", "url")

_SUFFIXES = ", ".join(EXTENSIONS)
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
            kind = FORMATS.get(file.suffix.lower())
            count = kind.count if kind is not None else "file"  # named but not read: a problem, counted as done
            try:
                if count == "lines":
                    with file.open("rb") as fh:
                        total += sum(1 for line in fh if line.strip())
                elif count == "rows":
                    with file.open("rb") as fh:
                        total += max(0, sum(1 for line in fh if line.strip()) - 1)
                elif count == "":
                    return None
                else:
                    total += 1
            except OSError:
                return None
    return total


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
                    self.problem(given, f"folder holds no articles: no {_SUFFIXES} files in it or its subfolders")
                for file in files:
                    yield from self.read_file(file)
            elif path.is_file():
                if path.suffix.lower() not in FORMATS:
                    kind = f"file type {path.suffix!r}" if path.suffix else "a file without an extension"
                    self.problem(given, f"cannot read {kind}: give {_SUFFIXES} files (or rename the file if it is one)")
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
        kind = FORMATS[path.suffix.lower()]
        try:
            data = path.read_bytes()
        except PermissionError:
            self.problem(path, "cannot read the file: permission denied (check its permissions)")
            return
        except OSError as error:
            self.problem(path, f"cannot read the file: {error.strerror or error}")
            return
        try:
            text = decode(data, kinds=KINDS, html=kind.html,
                          note=lambda reason: self.problem(path, reason, skipped=False))
            if not text.strip():
                raise Unusable("file holds only whitespace, no article text")
        except Unusable as error:
            self.problem(path, str(error))
            return
        articles: Iterable[Article | None] = getattr(self, kind.read)(path, text)
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
    def txt(self, path: Path, text: str) -> Iterator[Article]:
        title = next((line.strip() for line in text.splitlines() if line.strip()), "")
        yield self.article(article_id=path.stem, text=text, origin=str(path), title=title)

    def html(self, path: Path, text: str) -> Iterator[Article]:
        try:
            title, body, meta, url = html_article(text)
        except (AssertionError, ValueError) as error:  # html.parser gives up on some broken markup
            self.problem(path, f"cannot parse the HTML: {error}")
            return
        if not body.strip():
            self.problem(path, "no article text in the HTML: no paragraphs outside navigation, scripts and forms")
            return
        page_date = next((meta[key] for key in (*DATE_META, "time") if meta.get(key)), None)
        yield self.article(
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
            article = path.suffix.lower() in FORMATS
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
