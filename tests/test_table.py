"""`kg query -f table`: IRIs shortened to the part that tells them apart, columns that fit the terminal."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.cli import cli

ID = "https://w3id.org/conflict-kg/id/"
LONG = "A sentence long enough to overflow any terminal it is shown on, " * 4

TTL = f"""
@prefix ckg: <https://w3id.org/conflict-kg/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<{ID}article/000_31eeee2ea416536c/allegation/165-262-142> a ckg:Allegation ;
    ckg:accuser <{ID}person/abd-salam-ahmed-abdul-razek> ; ckg:act "{LONG}" .
<{ID}person/abd-salam-ahmed-abdul-razek> a ckg:Person ; skos:prefLabel "Abd al-Salam Ahmed Abdul Razek" .
<http://www.wikidata.org/entity/Q44329> skos:prefLabel "elsewhere" .
"""

QUERY = """PREFIX ckg: <https://w3id.org/conflict-kg/ontology#>
SELECT ?allegation ?accuser ?class ?act WHERE { ?allegation a ?class ; ckg:accuser ?accuser ; ckg:act ?act }"""


@pytest.fixture
def data(tmp_path: Path) -> Path:
    path = tmp_path / "g.ttl"
    path.write_text(TTL, encoding="utf-8")
    return path


@pytest.mark.parametrize("columns", [60, 80, 120, 200])
def test_the_table_fits_the_terminal_and_shows_iris_short(runner, data, monkeypatch, columns) -> None:
    monkeypatch.setenv("COLUMNS", str(columns))
    result = runner.invoke(cli, ["query", QUERY, "--data", str(data)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert max(map(len, lines)) <= columns, lines
    assert "https://" not in result.output
    header, rule, row, count = lines
    assert header.split() == ["allegation", "accuser", "class", "act"] and count == "(1 row)"
    assert "ckg:Allegation" in row or columns < 80  # an ontology term in prefix form
    assert "Allegation  " in row
    assert "…" in row  # the sentence is cut
    if columns >= 200:  # room for the IRIs whole, relative to the data's base
        assert "article/000_31eeee2ea416536c/allegation/165-262-142" in row
        assert "person/abd-salam-ahmed-abdul-razek" in row
    else:  # an IRI keeps its end, which tells it apart
        assert "165-262-142  " in row and "abdul-razek  " in row


def test_other_iris_stay_whole_and_other_formats_are_unchanged(runner, data, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    query = "SELECT ?s WHERE { ?s <http://www.w3.org/2004/02/skos/core#prefLabel> 'elsewhere' }"
    table = runner.invoke(cli, ["query", query, "--data", str(data)])
    assert "http://www.wikidata.org/entity/Q44329" in table.output
    monkeypatch.setenv("COLUMNS", "40")
    csv = runner.invoke(cli, ["query", QUERY, "--data", str(data), "-f", "csv"])
    assert csv.exit_code == 0
    assert f"{ID}article/000_31eeee2ea416536c/allegation/165-262-142" in csv.output and LONG.strip() in csv.output
    tsv = runner.invoke(cli, ["query", QUERY, "--data", str(data), "-f", "tsv"])
    assert f"<{ID}person/abd-salam-ahmed-abdul-razek>" in tsv.output


def test_a_short_table_is_not_cut(runner, data, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    query = "SELECT ?label WHERE { ?s <http://www.w3.org/2004/02/skos/core#prefLabel> ?label } ORDER BY ?label"
    result = runner.invoke(cli, ["query", query, "--data", str(data)])
    assert result.output.splitlines()[2:4] == ["Abd al-Salam Ahmed Abdul Razek", "elsewhere"]
