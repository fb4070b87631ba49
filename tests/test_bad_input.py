"""A corpus of bad input through `kg build`: each bad file gets one line naming it (and the line) and the reason,
everything else is built, the exit status says something was skipped, and no traceback is shown."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.cli import cli
from kg.readers.articles import MAX_ARTICLE_CHARS
from kg.sparql.validate import validate_file

pytestmark = pytest.mark.model

GOOD = "Rebels said the army shelled the town of Douma on Monday, killing 12 civilians."
HOSTILE_NAMES = ('The spokesman "Abu <b>Omar</b>" O\'Neil 🙂 and محمد الأحمد\nsaid on Monday that Human Rights '
                 "Watch accused the army of shelling Douma.")

#: file name -> (content, expected words in its message, or None when it must be built)
CASES: dict[str, tuple[bytes, str | None]] = {
    "empty.txt": (b"", "empty"),
    "whitespace.txt": (b" \n\t \r\n  ", "whitespace"),
    "image.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10" + bytes(range(256)) * 4, "PNG"),
    "undecodable.txt": (b"The army \x81\x8d\x8f\x90\x9d shelled " + bytes(range(0x80, 0x100)) * 8, "decode"),
    "cp1252.txt": ("Ça va \u201cwell\u201d, said the minister. " .encode("cp1252") + GOOD.encode("cp1252"), None),
    "utf16.txt": (("\ufeff" + "Über talks: " + GOOD).encode("utf-16-le"), None),
    "huge.txt": (((GOOD + " ") * (MAX_ARTICLE_CHARS // len(GOOD) * 20 + 1)).encode("utf-8")[:20 * 2**20],
                 "too long"),
    "long-sentence.txt": (("The army " + " and ".join(["shelled the town"] * 1700) + ".").encode("utf-8"), None),
    "script.html": (f"<html><body><script>alert('x')</script><article><p>{GOOD}</p>"
                    "<p>More text here about the talks.</p></article></body></html>".encode(), None),
    "names.txt": (HOSTILE_NAMES.encode("utf-8"), None),
    "twice.jsonl": ((json.dumps({"id": "dup", "text": GOOD}) + "\n" + json.dumps({"id": "dup", "text": GOOD})
                     + "\n").encode(), "duplicate article id"),
    "broken.jsonl": ((json.dumps({"id": "ok-1", "text": GOOD}) + "\n{not json\n"
                      + json.dumps({"id": "ok-3", "text": GOOD}) + "\n").encode(), "invalid JSON"),
    "no-text.csv": (b"id,title,body_html\n1,Title,<p>x</p>\n", "no text column"),
}


@pytest.fixture(scope="module")
def built(tmp_path_factory, runner):
    folder = tmp_path_factory.mktemp("bad-input")
    for name, (content, _) in CASES.items():
        (folder / name).write_bytes(content)
    out = tmp_path_factory.mktemp("bad-out")
    result = runner.invoke(cli, ["build", str(folder), "--out", str(out)])
    return folder, out, result


def test_build_goes_on_and_says_something_was_skipped(built) -> None:
    _, out, result = built
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert (out / "graph.trig").is_file() and validate_file(out).conforms


@pytest.mark.parametrize("name", [n for n, (_, words) in CASES.items() if words])
def test_each_bad_file_gets_one_line_naming_it_and_why(built, name: str) -> None:
    folder, _, result = built
    words = CASES[name][1]
    lines = [line for line in result.output.splitlines() if f"{folder / name}" in line]
    assert lines, result.output
    assert any(words.lower() in line.lower() for line in lines), lines
    assert all(line.startswith("warning: skipped ") for line in lines)


def test_line_numbers_are_named(built) -> None:
    folder, _, result = built
    assert re.search(rf"{re.escape(str(folder / 'broken.jsonl'))}:2\b.*invalid JSON", result.output)
    assert re.search(rf"{re.escape(str(folder / 'twice.jsonl'))}:2\b.*duplicate", result.output)


def test_everything_else_is_built_and_decoded_right(built, runner) -> None:
    _, out, _ = built
    store = ox.Store.read_only(str(out / "store"))
    texts = {row["id"].value: row["text"].value for row in store.query(
        """PREFIX dcterms: <http://purl.org/dc/terms/> PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
        SELECT ?id ?text WHERE { ?a dcterms:identifier ?id ; nif:isString ?text }""", use_default_graph_as_union=True)}
    assert set(texts) == {"cp1252", "utf16", "long-sentence", "script", "names", "dup", "ok-1", "ok-3"}
    assert texts["cp1252"].startswith("Ça va \u201cwell\u201d")
    assert texts["utf16"].startswith("Über talks")
    assert "alert" not in texts["script"]
    assert texts["names"] == HOSTILE_NAMES


def test_a_folder_with_no_articles_is_an_error(tmp_path: Path, runner) -> None:
    (tmp_path / "nothing").mkdir()
    (tmp_path / "nothing" / "notes.docx").write_bytes(b"PK\x03\x04")
    result = runner.invoke(cli, ["build", str(tmp_path / "nothing"), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "no articles" in result.output and "no article could be read" in result.output
    assert "Traceback" not in result.output
