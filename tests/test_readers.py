"""Reading articles from .txt, .html, .json, .jsonl and .csv files and folders."""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

import pytest

from kg.errors import BadOption
from kg.readers.articles import normalise_date, read_articles
from kg.records import Article, Problem


def read(*paths: Path | str, **options: str) -> tuple[list[Article], list[Problem]]:
    problems: list[Problem] = []
    articles = list(read_articles(paths, on_problem=problems.append, **options))
    return articles, problems


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_bytes(content.encode("utf-8"))
    return path


def only_problem(problems: list[Problem]) -> Problem:
    assert len(problems) == 1, problems
    return problems[0]


# --- .txt -----------------------------------------------------------------------------------------------------------

TXT = "Rebels seize town\r\n\r\n  • Share\r\nFighters entered Saraqeb on Monday, the Observatory said.\r\n"


def test_txt_keeps_the_text_exactly(tmp_path: Path) -> None:
    path = write(tmp_path / "story-1.txt", TXT)
    [article], problems = read(path)
    assert problems == []
    assert article.text == TXT  # CRLF and spacing untouched
    assert article.article_id == "story-1"
    assert article.title == "Rebels seize town"
    assert article.origin == str(path)
    assert (article.date, article.source, article.url) == (None, None, None)
    start = article.text.index("Saraqeb")
    assert article.text[start : start + len("Saraqeb")] == "Saraqeb"
    assert [article.text[s:e] for s, e in article.boilerplate] == ["• Share"]


def test_txt_title_is_first_non_empty_line(tmp_path: Path) -> None:
    [article], _ = read(write(tmp_path / "a.txt", "\n\n   Headline here  \nBody."))
    assert article.title == "Headline here"
    assert article.text == "\n\n   Headline here  \nBody."


def test_utf8_bom_is_stripped(tmp_path: Path) -> None:
    [article], _ = read(write(tmp_path / "a.txt", b"\xef\xbb\xbfTitle\nBody \xe2\x80\x9cquoted\xe2\x80\x9d."))
    assert article.text == "Title\nBody \u201cquoted\u201d."
    assert article.title == "Title"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_bom(tmp_path: Path, encoding: str) -> None:
    text = "Ali said \u201chello\u201d in Homs.\nSecond line"
    data = text.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    [article], problems = read(write(tmp_path / "a.txt", data))
    assert problems == []
    assert article.text == text


def test_cp1252_smart_quotes_are_decoded(tmp_path: Path) -> None:
    data = "Assad\u2019s forces \u201cwon\u201d \u2014 caf\u00e9".encode("cp1252")
    [article], problems = read(write(tmp_path / "a.txt", data))
    assert problems == []
    assert article.text == "Assad\u2019s forces \u201cwon\u201d \u2014 caf\u00e9"


def test_bytes_neither_utf8_nor_cp1252_are_a_problem(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", b"Title\nBad \x81 byte \x8d here")
    articles, problems = read(path)
    assert articles == []
    problem = only_problem(problems)
    assert problem.origin == str(path)
    assert "byte 10 (0x81) is not valid UTF-8, nor is it Windows-1252 text" in problem.reason


def test_mostly_high_bytes_are_not_taken_for_cp1252(tmp_path: Path) -> None:
    arabic = "\u0642\u0627\u0644 \u0627\u0644\u062c\u064a\u0634 " * 20
    articles, problems = read(write(tmp_path / "a.txt", arabic.encode("cp1256")))
    assert articles == []
    assert "re-save it as UTF-8" in only_problem(problems).reason


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF"),
        (b"PK\x03\x04\x14\x00\x06\x00", "ZIP"),
    ],
)
def test_binary_files_are_a_problem(tmp_path: Path, data: bytes, kind: str) -> None:
    articles, problems = read(write(tmp_path / "photo.txt", data))
    assert articles == []
    assert f"binary file (looks like {kind}" in only_problem(problems).reason


def test_nul_bytes_mean_binary(tmp_path: Path) -> None:
    articles, problems = read(write(tmp_path / "a.txt", b"abc\x00\x01\x02def"))
    assert articles == []
    assert "binary file (contains NUL bytes)" in only_problem(problems).reason


@pytest.mark.parametrize(("content", "words"), [(b"", "empty file"), (b"  \n\t\r\n ", "only whitespace")])
def test_empty_and_whitespace_files(tmp_path: Path, content: bytes, words: str) -> None:
    for name in ("a.txt", "b.json", "c.jsonl", "d.csv", "e.html"):
        articles, problems = read(write(tmp_path / name, content))
        assert articles == []
        assert words in only_problem(problems).reason


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file(tmp_path: Path) -> None:
    path = write(tmp_path / "secret.txt", "Title\nBody")
    path.chmod(0)
    try:
        articles, problems = read(path)
    finally:
        path.chmod(0o644)
    assert articles == []
    assert "permission denied" in only_problem(problems).reason


def test_unreadable_file_without_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path / "secret.txt", "Title\nBody")

    def refuse(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", refuse)
    articles, problems = read(path)
    assert articles == []
    assert "permission denied" in only_problem(problems).reason


# --- .html ----------------------------------------------------------------------------------------------------------

HTML = """<!doctype html>
<html><head><title>Strike hits Idlib | Example News</title>
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2017-04-04T09:00:00+03:00">
<link rel="canonical" href="https://example.com/idlib">
<script>var s = "<p>not text</p>";</script><style>p { color: red }</style></head>
<body><header><nav><a href="/">Home</a><a href="/world">World</a></nav></header>
<article>
  <h1>Strike hits  Idlib</h1>
  <ul class="share-buttons"><li>Share</li><li>Tweet</li></ul>
  <figure><img src="x.jpg"><figcaption>Smoke rises. REUTERS/Jane Roe</figcaption></figure>
  <p>An air strike hit <b>Khan Sheikhoun</b> on Tuesday &amp; killed
     12 people, activists said.</p>
  <p>The army denied it.</p>
  <p>Photo: AP</p>
  <aside>Related: other news</aside>
  <form>Subscribe to our newsletter</form><noscript>Enable JavaScript</noscript>
</article>
<footer>&copy; 2017 Example</footer></body></html>
"""


def test_html_main_text(tmp_path: Path) -> None:
    path = write(tmp_path / "idlib.html", HTML)
    [article], problems = read(path)
    assert problems == []
    assert article.article_id == "idlib"
    assert article.title == "Strike hits Idlib"
    assert article.text == (
        "Strike hits Idlib\n\n"
        "An air strike hit Khan Sheikhoun on Tuesday & killed 12 people, activists said.\n\n"
        "The army denied it.\n\n"
        "Photo: AP"
    )
    assert article.date == "2017-04-04"
    assert article.source == "Example News"
    assert article.url == "https://example.com/idlib"
    assert [article.text[s:e] for s, e in article.boilerplate] == ["Photo: AP"]
    start = article.text.index("Khan Sheikhoun")
    assert article.text[start : start + 14] == "Khan Sheikhoun"


def test_html_title_falls_back_to_title_tag(tmp_path: Path) -> None:
    page = "<html><head><title>Talks resume</title></head><body><p>Talks resumed in Geneva.</p></body></html>"
    [article], _ = read(write(tmp_path / "talks.htm", page))
    assert article.title == "Talks resume"
    assert article.text == "Talks resume\n\nTalks resumed in Geneva."


def test_html_line_breaks_and_largest_article(tmp_path: Path) -> None:
    page = (
        "<body><article><h1>Main</h1><p>First line<br>second line of the main story, which is longer.</p></article>"
        "<article><p>Teaser.</p></article></body>"
    )
    [article], _ = read(write(tmp_path / "p.html", page))
    assert article.text == "Main\n\nFirst line\nsecond line of the main story, which is longer."


def test_html_without_paragraphs_is_a_problem(tmp_path: Path) -> None:
    page = "<html><head><title>Empty</title><script>x()</script></head><body><nav>Home</nav></body></html>"
    articles, problems = read(write(tmp_path / "e.html", page))
    assert articles == []
    assert "no article text in the HTML" in only_problem(problems).reason


def test_html_declared_charset(tmp_path: Path) -> None:
    page = '<html><head><meta charset="windows-1256"></head><body><p>\u0642\u0627\u0644</p></body></html>'
    [article], _ = read(write(tmp_path / "ar.html", page.encode("cp1256")))
    assert article.text == "\u0642\u0627\u0644"


# --- .json and .jsonl -------------------------------------------------------------------------------------------------

RECORD = {
    "id": "fakes-1",
    "title": "Syria attack symptoms",
    "source": "nna",
    "date": "4/5/2017",
    "text": "Wed 05 Apr 2017 Victims showed symptoms, WHO said. - REUTERS",
}


def test_jsonl_records(tmp_path: Path) -> None:
    second = {"text": "Second story.  Kept  as-is.", "date": "2017-04-07", "url": "https://x.test/2"}
    path = write(tmp_path / "news.jsonl", json.dumps(RECORD) + "\n\n" + json.dumps(second) + "\n")
    articles, problems = read(path)
    assert problems == []
    first, other = articles
    assert first.article_id == "fakes-1"
    assert first.text == RECORD["text"]
    assert first.title == "Syria attack symptoms"
    assert first.source == "nna"
    assert first.date == "2017-04-05"  # month first
    assert first.origin == f"{path}:1"
    assert [first.text[s:e] for s, e in first.boilerplate] == ["- REUTERS"]
    assert other.article_id == "news-2"  # no id: file stem and record number
    assert other.text == "Second story.  Kept  as-is."
    assert other.url == "https://x.test/2"
    assert other.origin == f"{path}:3"


def test_jsonl_broken_line_is_skipped_and_reading_goes_on(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "a", "text": "One."}),
        '{"id": "b", "text": "Two.',
        json.dumps({"id": "c", "text": "3."}),
    ]
    path = write(tmp_path / "n.jsonl", "\n".join(lines))
    articles, problems = read(path)
    assert [a.article_id for a in articles] == ["a", "c"]
    problem = only_problem(problems)
    assert problem.origin == f"{path}:2"
    assert "invalid JSON" in problem.reason


@pytest.mark.parametrize(
    ("record", "words"),
    [
        ({"id": "x", "body_text": "No text field."}, "no 'text' field (its fields are: 'id', 'body_text')"),
        ({"id": "x", "text": 42}, "has a number as 'text'"),
        ({"id": "x", "text": ["a", "b"]}, "has a list as 'text'"),
        ({"id": "x", "text": "   "}, "empty 'text'"),
        (["not", "an", "object"], "is list, expected an object"),
    ],
)
def test_bad_records(tmp_path: Path, record: object, words: str) -> None:
    path = write(tmp_path / "n.jsonl", json.dumps({"text": "Fine."}) + "\n" + json.dumps(record) + "\n")
    articles, problems = read(path)
    assert [a.text for a in articles] == ["Fine."]
    problem = only_problem(problems)
    assert problem.origin == f"{path}:2"
    assert words in problem.reason


def test_json_object_and_list(tmp_path: Path) -> None:
    single = write(tmp_path / "one.json", json.dumps(RECORD))
    many = write(tmp_path / "many.json", json.dumps([{"text": "A."}, {"id": 7, "text": "B."}], indent=2))
    articles, problems = read(single, many)
    assert problems == []
    assert [(a.article_id, a.origin) for a in articles] == [
        ("fakes-1", str(single)),
        ("many-1", f"{many}:2"),
        ("7", f"{many}:5"),
    ]


def test_json_syntax_error_names_the_line(tmp_path: Path) -> None:
    path = write(tmp_path / "bad.json", '[\n  {"text": "A."},\n  {"text": }\n]')
    articles, problems = read(path)
    assert articles == []
    problem = only_problem(problems)
    assert problem.origin == f"{path}:3"
    assert "JSON syntax error at line 3" in problem.reason


def test_jsonl_content_in_a_json_file_gets_a_hint(tmp_path: Path) -> None:
    path = write(tmp_path / "n.json", '{"text": "A."}\n{"text": "B."}\n')
    articles, problems = read(path)
    assert articles == []
    assert "belongs in a .jsonl file" in only_problem(problems).reason


def test_json_scalar_is_a_problem(tmp_path: Path) -> None:
    articles, problems = read(write(tmp_path / "n.json", "42"))
    assert articles == []
    assert "JSON holds number" in only_problem(problems).reason


# --- .csv -------------------------------------------------------------------------------------------------------------


def test_csv_with_text_column_and_multiline_cells(tmp_path: Path) -> None:
    content = 'ID,Title,Body,Date,Source\r\n1,First,"Line one\r\nline two, quoted ""here""",13 February 2012,bbc\r\n'
    content += ',Second,Another story.,"February 14, 2012",\r\n'
    path = write(tmp_path / "news.csv", content)
    articles, problems = read(path, source="fallback")
    assert problems == []
    first, second = articles
    assert first.article_id == "1"
    assert first.text == 'Line one\r\nline two, quoted "here"'
    assert first.title == "First"
    assert first.date == "2012-02-13"
    assert first.source == "bbc"
    assert first.origin == f"{path}:2"
    assert second.article_id == "news-2"
    assert second.date == "2012-02-14"
    assert second.source == "fallback"
    assert second.origin == f"{path}:4"


@pytest.mark.parametrize("column", ["text", "TEXT", "content", "Article"])
def test_csv_text_column_names(tmp_path: Path, column: str) -> None:
    [article], _ = read(write(tmp_path / "n.csv", f"id;{column}\nx;Rebels advanced.\n"))
    assert article.text == "Rebels advanced."


def test_csv_without_text_column(tmp_path: Path) -> None:
    path = write(tmp_path / "n.csv", "id,headline,summary\n1,A,B\n")
    articles, problems = read(path)
    assert articles == []
    problem = only_problem(problems)
    assert problem.origin == str(path)
    assert "no text column (its columns are: 'id', 'headline', 'summary')" in problem.reason


def test_csv_empty_text_cell(tmp_path: Path) -> None:
    path = write(tmp_path / "n.csv", "id,text\n1,Story.\n2,\n")
    articles, problems = read(path)
    assert [a.article_id for a in articles] == ["1"]
    assert only_problem(problems).origin == f"{path}:3"


# --- paths and folders ------------------------------------------------------------------------------------------------


def test_folders_are_walked_recursively_in_sorted_order(tmp_path: Path) -> None:
    for name in ["b.txt", "a.txt", "sub/c.txt", "sub/deeper/d.txt", "a2/e.txt", "z.jsonl"]:
        write(tmp_path / "corpus" / name, f"Title {name}\nBody.")
    write(tmp_path / "corpus" / "z.jsonl", json.dumps({"id": "z1", "text": "Z."}))
    write(tmp_path / "corpus" / ".hidden.txt", "Hidden\nBody.")
    write(tmp_path / "corpus" / ".git" / "x.txt", "Hidden\nBody.")
    write(tmp_path / "corpus" / "notes.md", "# not an article")
    write(tmp_path / "corpus" / "image.png", b"\x89PNG\r\n\x1a\n")
    articles, problems = read(tmp_path / "corpus")
    assert problems == []  # unknown extensions inside folders are ignored
    assert [a.article_id for a in articles] == ["a", "e", "b", "c", "d", "z1"]
    again, _ = read(tmp_path / "corpus")
    assert [a.origin for a in again] == [a.origin for a in articles]


def test_links_and_fifos_in_a_folder_are_named_and_never_opened(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write(corpus / "good.txt", "Title\nBody.")
    (corpus / "dangling.txt").symlink_to("gone.txt")
    (corpus / "self.txt").symlink_to("self.txt")  # a link to itself
    (corpus / "sub").mkdir()
    (corpus / "sub" / "up").symlink_to("..")  # a folder loop
    os.mkfifo(corpus / "pipe.txt")  # opening it would wait for a writer forever
    articles, problems = read(corpus)
    assert [a.article_id for a in articles] == ["good"]
    named = {Path(p.origin).name: p for p in problems}
    assert set(named) == {"dangling.txt", "self.txt", "up", "pipe.txt"}
    assert "broken symbolic link (to 'gone.txt'" in named["dangling.txt"].reason and named["dangling.txt"].skipped
    assert "symbolic link loop" in named["self.txt"].reason and named["self.txt"].skipped
    assert "FIFO" in named["pipe.txt"].reason and named["pipe.txt"].skipped
    assert "symbolic link loop" in named["up"].reason and str(corpus) in named["up"].reason
    assert not named["up"].skipped  # nothing is missed: the folder is read once


def test_a_file_mixing_utf8_and_cp1252_is_read_right_with_a_warning(tmp_path: Path) -> None:
    utf8, cp1252 = "Caf\u00e9 talks in Gen\u00e8ve: ".encode(), "na\u00efve \u201chope\u201d".encode("cp1252")
    path = write(tmp_path / "mixed.txt", utf8 + cp1252)
    [article], problems = read(path)
    assert article.text == "Caf\u00e9 talks in Gen\u00e8ve: na\u00efve \u201chope\u201d"  # no mojibake
    problem = only_problem(problems)
    assert problem.origin == str(path) and not problem.skipped
    assert "mixes UTF-8 and Windows-1252" in problem.reason and "re-save it as UTF-8" in problem.reason


def test_plain_cp1252_is_read_without_a_warning(tmp_path: Path) -> None:
    path = write(tmp_path / "old.txt", "Caf\u00e9 talks: na\u00efve \u201chope\u201d".encode("cp1252"))
    [article], problems = read(path)
    assert article.text == "Caf\u00e9 talks: na\u00efve \u201chope\u201d" and problems == []


def test_an_ignored_field_is_not_a_skip(tmp_path: Path) -> None:
    path = write(tmp_path / "n.jsonl", json.dumps({"id": "a", "text": "Story.", "title": ["x"]}))
    [article], problems = read(path)
    problem = only_problem(problems)
    assert not problem.skipped and "ignored" in problem.reason and "skipped" not in problem.reason


def test_explicit_unknown_extension_is_a_problem(tmp_path: Path) -> None:
    path = write(tmp_path / "notes.md", "Title\nBody")
    articles, problems = read(path)
    assert articles == []
    assert "cannot read file type '.md'" in only_problem(problems).reason


def test_missing_path(tmp_path: Path) -> None:
    articles, problems = read(tmp_path / "nope.txt", write(tmp_path / "ok.txt", "T\nB"))
    assert [a.article_id for a in articles] == ["ok"]
    problem = only_problem(problems)
    assert problem.origin == str(tmp_path / "nope.txt")
    assert "no such file or folder" in problem.reason


def test_folder_without_articles(tmp_path: Path) -> None:
    write(tmp_path / "empty" / "readme.md", "nothing")
    articles, problems = read(tmp_path / "empty")
    assert articles == []
    assert "folder holds no articles" in only_problem(problems).reason


def test_duplicate_ids(tmp_path: Path) -> None:
    first = write(tmp_path / "a.jsonl", json.dumps({"id": "x", "text": "First."}))
    second = write(tmp_path / "b.jsonl", json.dumps({"id": "x", "text": "Second."}) + "\n")
    same_text = write(tmp_path / "c.jsonl", json.dumps({"id": "y", "text": "First."}))
    articles, problems = read(first, second, same_text)
    assert [(a.article_id, a.text) for a in articles] == [("x", "First."), ("y", "First.")]
    problem = only_problem(problems)
    assert problem.origin == f"{second}:1"
    assert f"duplicate article id 'x', already read from {first}:1" in problem.reason


def test_a_file_named_twice_is_read_once(tmp_path: Path) -> None:
    path = write(tmp_path / "d" / "a.txt", "T\nB")
    articles, problems = read(path, tmp_path / "d", str(path))
    assert len(articles) == 1
    assert problems == []


def test_a_single_path_string(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", "T\nB")
    problems: list[Problem] = []
    articles = list(read_articles(str(tmp_path), on_problem=problems.append))
    assert [a.article_id for a in articles] == ["a"]
    assert problems == []


def test_default_on_problem_logs_a_warning(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING):
        assert list(read_articles([tmp_path / "missing"])) == []
    assert "no such file or folder" in caplog.text


# --- dates and defaults -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("2017-04-05", "2017-04-05"),
        ("2017-04-05T09:14:00Z", "2017-04-05"),
        ("2017-04-05 23:30:00-05:00", "2017-04-05"),
        ("4/5/2017", "2017-04-05"),
        ("12/31/2016", "2016-12-31"),
        ("13 February 2012", "2012-02-13"),
        ("February 13, 2012", "2012-02-13"),
        ("Feb 13 2012", "2012-02-13"),
        ("Wed, 05 Apr 2017 09:14:00 +0000", "2017-04-05"),
        ("  2017/04/05 ", "2017-04-05"),
        ("31/31/2012", None),
        ("13/2/2012", None),  # month first: there is no month 13
        ("2012-02-30", None),
        ("yesterday", None),
        ("", None),
        ("Smarch 3, 2012", None),
    ],
)
def test_normalise_date(value: str, iso: str | None) -> None:
    assert normalise_date(value) == iso


def test_bad_record_date_keeps_the_article_without_date(tmp_path: Path) -> None:
    path = write(tmp_path / "n.jsonl", json.dumps({"id": "a", "text": "Story.", "date": "31/31/2012"}))
    [article], problems = read(path, date="2020-01-01")
    assert article.date is None
    problem = only_problem(problems)
    assert problem.origin == f"{path}:1"
    assert "date '31/31/2012' is not a date I can read (use YYYY-MM-DD)" in problem.reason
    assert "kept without a date" in problem.reason and not problem.skipped


def test_date_and_source_defaults(tmp_path: Path) -> None:
    plain = write(tmp_path / "a.txt", "T\nB")
    record = write(tmp_path / "b.jsonl", json.dumps({"text": "B.", "date": "2017-04-05", "source": "nna"}))
    articles, problems = read(plain, record, date="March 3, 2014", source="sana")
    assert problems == []
    assert [(a.date, a.source) for a in articles] == [("2014-03-03", "sana"), ("2017-04-05", "nna")]


@pytest.mark.parametrize("bad", ["31/31/2012", "soon", ""])
def test_invalid_date_option_raises_at_once(bad: str) -> None:
    with pytest.raises(BadOption, match="--date"):
        read_articles([], date=bad)


def test_boilerplate_is_computed_for_every_format(tmp_path: Path) -> None:
    text = "Title\n  • Share\nBody."
    paths = [
        write(tmp_path / "a.txt", text),
        write(tmp_path / "b.jsonl", json.dumps({"text": text})),
        write(tmp_path / "c.json", json.dumps({"text": text})),
        write(tmp_path / "d.csv", f'text\n"{text}"\n'),
    ]
    articles, problems = read(*paths)
    assert problems == []
    assert len(articles) == 4
    for article in articles:
        assert [article.text[s:e] for s, e in article.boilerplate] == ["• Share"]


def test_lone_surrogates_from_json_escapes_are_replaced(tmp_path: Path) -> None:
    """Found by the property tests: a JSON "\\ud800" escape gives a string no encoder takes."""
    path = tmp_path / "in.jsonl"
    path.write_text('{"id": "a\\ud800", "title": "\\udfff", "text": "The army \\ud800 shelled the town."}\n',
                    encoding="utf-8")
    (article,) = read_articles([path])
    assert article.text == "The army \ufffd shelled the town." and article.article_id == "a\ufffd"
    assert article.title == "\ufffd"
    article.text.encode("utf-8")
