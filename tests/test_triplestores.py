"""Loading builds into real SPARQL servers and querying them there: Oxigraph and Virtuoso.

The servers are started by the fixtures (see ``tests/servers.py``), bound to 127.0.0.1 on free
ports, and stopped at the end of the module, failures included. Oxigraph's tests are skipped when
the ``oxigraph`` binary (PyPI ``oxigraph``) is missing, Virtuoso's when ``virtuoso-t`` (Debian
``virtuoso-opensource``, installed on CI by ``.ci/install-servers``) is missing. A stand-in server in
a thread covers Basic authentication, retries and over-large requests.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
import servers  # tests/servers.py (tests/ is on sys.path: conftest.py)

from kg.cli import cli
from kg.errors import BadOption
from kg.sparql.load import LoadSummary, load, remote_counts
from kg.sparql.query import named_queries, run_query
from kg.sparql.remote import PASSWORD_ENV, USER_ENV, Client, RemoteError, credentials, query_endpoint_for, run_remote
from kg.sparql.store import graphs, open_store

pytestmark = pytest.mark.model  # the seeds build loads the spaCy pipeline

needs_oxigraph = pytest.mark.skipif(servers.oxigraph_binary() is None,
                                    reason="the oxigraph server binary is not installed (pip install oxigraph)")
needs_virtuoso = pytest.mark.skipif(servers.virtuoso_binary() is None,
                                    reason="virtuoso-t is not installed (.ci/install-servers, Debian package "
                                           "virtuoso-opensource)")
XSD = "http://www.w3.org/2001/XMLSchema#"
SECRET = "s3cr3t-Pa55"


BOOLEAN = ox.NamedNode(XSD + "boolean")


def term(value: object) -> str | None:
    """A result term in N-Triples syntax, an xsd:boolean in its canonical form (Virtuoso answers "1" and "0",
    other lexical forms of true and false)."""
    if value is None:
        return None
    if isinstance(value, ox.Literal) and value.datatype == BOOLEAN and value.value in ("1", "0"):
        return str(ox.Literal("true" if value.value == "1" else "false", datatype=BOOLEAN))
    return str(value)


def rowset(results: ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples) -> tuple[list[str], set[tuple]]:
    """Variables and rows (as a set of tuples of N-Triples terms, None when unbound) of query results."""
    if isinstance(results, ox.QueryBoolean):
        return [], {(bool(results),)}
    if isinstance(results, ox.QueryTriples):
        return [], {(term(t.subject), term(t.predicate), term(t.object)) for t in results}
    variables = sorted(v.value for v in results.variables)
    return variables, {tuple(term(s[v]) for v in variables) for s in results}


def local_counts(data: Path) -> dict[str, int]:
    return {g: len(quads) for g, quads in graphs(open_store(data)).items()}


def assert_loaded(summary: LoadSummary, expected: dict[str, int]) -> None:
    assert summary.ok, summary.mismatches
    assert summary.checked
    assert summary.graphs == len(expected)
    assert summary.triples == sum(expected.values())


@pytest.fixture(scope="module")
def expected(seeds_build: Path) -> dict[str, int]:
    """Triples per named graph of the seeds build."""
    return local_counts(seeds_build)


@pytest.fixture(scope="module")
def local_results(seeds_build: Path) -> dict[str, tuple[list[str], set[tuple]]]:
    store = open_store(seeds_build)
    return {name: rowset(run_query(name, store)) for name in named_queries()}


@pytest.fixture(scope="module")
def oxigraph():
    if servers.oxigraph_binary() is None:
        pytest.skip("the oxigraph server binary is not installed (pip install oxigraph)")
    with servers.oxigraph_server(union_default_graph=True) as server:
        yield server


@pytest.fixture(scope="module")
def virtuoso():
    if servers.virtuoso_binary() is None:
        pytest.skip("virtuoso-t is not installed (.ci/install-servers)")
    with servers.virtuoso_server() as server:
        yield server


@pytest.fixture()
def dba(monkeypatch, virtuoso):
    """Virtuoso's credentials in the environment, the only place kg takes them from."""
    monkeypatch.setenv(USER_ENV, virtuoso.user)
    monkeypatch.setenv(PASSWORD_ENV, virtuoso.password)
    return virtuoso


@pytest.fixture(autouse=True)
def no_credentials(monkeypatch):
    monkeypatch.delenv(USER_ENV, raising=False)
    monkeypatch.delenv(PASSWORD_ENV, raising=False)


@pytest.fixture(scope="module")
def tricky(tmp_path_factory) -> Path:
    """A TriG file of literals and IRIs that are hard to escape: quotes, newlines, backslashes, ``\\u`` written
    out, control characters, right-to-left and astral characters, language tags and datatypes."""
    texts = ['say "hi"', "line 1\nline 2\r\nline 3", "back\\slash \\u0041 \\n \\\\", "tab\tand bell\x07",
             "é ’ “quoted” Ḥamāh حمص 😀", '"""triple""" and \'\'\'single\'\'\'', "} } ; DROP ALL #", "",
             "<not an IRI>", "trailing backslash \\"]
    g = ox.NamedNode("https://example.org/graph/tricky")
    s = ox.NamedNode("https://example.org/id/Ḥamāh%20city")
    quads = [ox.Quad(s, ox.NamedNode(f"https://example.org/p{i}"), ox.Literal(t), g) for i, t in enumerate(texts)]
    quads += [
        ox.Quad(s, ox.NamedNode("https://example.org/label"), ox.Literal("حمص", language="ar"), g),
        ox.Quad(s, ox.NamedNode("https://example.org/label"), ox.Literal("Homs", language="en-gb"), g),
        ox.Quad(s, ox.NamedNode("https://example.org/n"), ox.Literal("43", datatype=ox.NamedNode(XSD + "integer")),
                g),
        ox.Quad(s, ox.NamedNode("https://example.org/c"), ox.Literal("0.75", datatype=ox.NamedNode(XSD + "decimal")),
                g),
        ox.Quad(s, ox.NamedNode("https://example.org/d"),
                ox.Literal("2013-09-13", datatype=ox.NamedNode(XSD + "date")), g),
        ox.Quad(s, ox.NamedNode("https://example.org/b"), ox.Literal("true", datatype=ox.NamedNode(XSD + "boolean")),
                g),
        ox.Quad(s, ox.NamedNode("https://example.org/same"), ox.NamedNode("https://example.org/id/Homs?a=1&b=é#x"),
                g),
    ]
    path = tmp_path_factory.mktemp("tricky") / "tricky.trig"
    path.write_bytes(ox.serialize(quads, format=ox.RdfFormat.TRIG))
    return path


def assert_same_triples(data: Path, query_endpoint: str) -> None:
    for graph, quads in graphs(open_store(data)).items():
        remote = run_remote(f"SELECT ?s ?p ?o WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}", query_endpoint)
        assert rowset(remote)[1] == {tuple(sorted_spo(q)) for q in quads}


def sorted_spo(quad: ox.Quad) -> tuple[str | None, ...]:
    """A quad's triple in the variable order of ``rowset`` (o, p, s)."""
    return term(quad.object), term(quad.predicate), term(quad.subject)


# ------------------------------------------------------------------------------------------------- no server


def test_query_endpoint_rules():
    assert query_endpoint_for("http://localhost:7878/update") == "http://localhost:7878/query"
    assert query_endpoint_for("http://localhost:7878/store") == "http://localhost:7878/query"
    assert query_endpoint_for("http://h:3030/ds/update") == "http://h:3030/ds/query"
    assert query_endpoint_for("http://h:3030/ds/data") == "http://h:3030/ds/query"
    assert query_endpoint_for("http://h:8890/sparql-auth") == "http://h:8890/sparql"
    assert query_endpoint_for("http://h:8890/sparql-graph-crud-auth") == "http://h:8890/sparql"
    assert query_endpoint_for("http://h:9999/blazegraph/sparql") == "http://h:9999/blazegraph/sparql"


def test_credentials_only_from_the_environment(seeds_build):
    assert credentials({}) is None
    assert credentials({USER_ENV: "dba", PASSWORD_ENV: "x"}) == ("dba", "x")
    with pytest.raises(RemoteError, match=PASSWORD_ENV):
        credentials({USER_ENV: "dba"})
    with pytest.raises(Exception, match="without credentials") as caught:
        load(seeds_build, f"http://dba:{SECRET}@127.0.0.1:1/update")
    assert SECRET not in str(caught.value)


def test_server_down_is_a_clear_error_after_retries(seeds_build):
    port = servers.free_port()  # nothing listens there
    url = f"http://127.0.0.1:{port}/update"
    started = time.monotonic()
    with pytest.raises(RemoteError) as caught:
        load(seeds_build, url, attempts=3, backoff=0.05)
    message = str(caught.value)
    assert time.monotonic() - started < 10
    assert url in message and "connection refused" in message and "3 attempts" in message
    assert "graph" in message
    with pytest.raises(RemoteError, match="connection refused"):
        run_remote("ASK {}", f"http://127.0.0.1:{port}/query", attempts=1)


def test_transient_errors_are_retried(seeds_build, expected):
    with servers.stub_server(fail=3, status=503) as stub:
        summary = load(seeds_build, stub.base + "/update", backoff=0.01, check=False)
    # which graphs exist is asked once (no retry); then the update is retried until it gets through
    assert [(r["method"], r["status"]) for r in stub.received] == [("POST", 503)] * 3 + [("POST", 204)]
    assert stub.received[0]["body"].startswith(b"query=") and b"DROP SILENT" in stub.received[-1]["body"]
    assert summary.triples == sum(expected.values()) and summary.replaced is None
    with servers.stub_server(fail=100, status=429) as stub, pytest.raises(RemoteError) as caught:
        load(seeds_build, stub.base + "/update", attempts=3, backoff=0.01, check=False)
    assert len(stub.received) == 1 + 3
    assert "HTTP 429" in str(caught.value) and "gave up after 3 attempts" in str(caught.value)


def test_basic_auth_and_no_secret_in_messages(seeds_build, expected, monkeypatch):
    with servers.stub_server(user="kg", password=SECRET) as stub:
        with pytest.raises(RemoteError, match=f"asks for credentials: set {USER_ENV}"):
            load(seeds_build, stub.base + "/update", check=False)
        monkeypatch.setenv(USER_ENV, "kg")
        monkeypatch.setenv(PASSWORD_ENV, SECRET)
        for auth in ("auto", "basic"):
            summary = load(seeds_build, stub.base + "/update", auth=auth, check=False)
            assert summary.triples == sum(expected.values())
        assert all("Authorization" not in r["headers"] or r["headers"]["Authorization"].startswith("Basic ")
                   for r in stub.received)
        monkeypatch.setenv(PASSWORD_ENV, "wrong-" + SECRET)
        with pytest.raises(RemoteError) as caught:
            load(seeds_build, stub.base + "/update", check=False)
    assert "authentication failed" in str(caught.value) and SECRET not in str(caught.value)


def test_redirects_are_not_followed(seeds_build, monkeypatch):
    monkeypatch.setenv(USER_ENV, "kg")
    monkeypatch.setenv(PASSWORD_ENV, SECRET)
    with servers.stub_server(redirect="https://elsewhere.example/update") as stub, pytest.raises(RemoteError) as caught:
        load(seeds_build, stub.base + "/update", auth="basic", check=False)
    assert "redirected" in str(caught.value) and "https://elsewhere.example/update" in str(caught.value)


def test_too_big_requests_are_halved(seeds_build, expected):
    with servers.stub_server(max_body=60_000, queries=False) as stub:  # no query endpoint: every graph dropped
        summary = load(seeds_build, stub.base + "/update", check=False)
    assert summary.replaced is None
    accepted = [r["body"].decode("utf-8") for r in stub.received if r["status"] == 204]
    assert any(r["status"] == 413 for r in stub.received)
    assert all(len(body.encode("utf-8")) <= 60_000 for body in accepted)
    assert sum(body.count(" .\n") for body in accepted) == sum(expected.values()) == summary.triples
    drops = [line for body in accepted for line in body.splitlines() if line.startswith("DROP SILENT GRAPH")]
    assert len(drops) == len(expected)  # one DROP a graph, before its first batch


def test_server_error_is_a_clear_error_and_not_retried(seeds_build, runner):
    with servers.stub_server(fail=100, status=500, message=b"Internal error: no space left on device") as stub:
        with pytest.raises(RemoteError) as caught:
            load(seeds_build, stub.base + "/update", backoff=0.01, check=False)
        assert len(stub.received) == 1 + 1  # the question of what it holds, then one update: a 500 is not retried
        result = runner.invoke(cli, ["load", str(seeds_build), "--endpoint", stub.base + "/update"])
    message = str(caught.value)
    assert "HTTP 500" in message and "no space left on device" in message and stub.base in message
    assert result.exit_code == 2 and "HTTP 500" in result.output and "Traceback" not in result.output


@pytest.mark.parametrize("connections", [1, 3])
def test_requests_go_several_at_once_and_a_failure_stops_the_rest(seeds_build, expected, connections):
    with servers.stub_server(delay=0.2) as stub:  # every answer takes 0.2 s: requests sent at once overlap
        summary = load(seeds_build, graph_store=stub.base + "/store", check=False, connections=connections)
    assert summary.triples == sum(expected.values()) and summary.requests == len(expected)
    assert stub.busy["peak"] == min(connections, len(expected))
    with servers.stub_server(fail=1000, status=500, delay=0.05) as stub:
        with pytest.raises(RemoteError, match="HTTP 500"):
            load(seeds_build, graph_store=stub.base + "/store", check=False, connections=connections)
    sent = [r for r in stub.received if r["path"].startswith("/store")]
    # the first failure stops the load: no request is started after it, only those already under way end
    assert 1 <= len(sent) <= connections + 1


def test_a_server_that_does_not_answer_times_out(seeds_build):
    with servers.stub_server(delay=3) as stub, pytest.raises(RemoteError) as caught:
        load(seeds_build, stub.base + "/update", timeout=0.5, attempts=2, backoff=0.01, check=False)
    assert "no answer within 0.5 s" in str(caught.value) and "2 attempts" in str(caught.value)


def test_load_refuses_triples_outside_named_graphs(tmp_path):
    path = tmp_path / "plain.ttl"
    path.write_text("<http://ex.org/a> <http://ex.org/p> 1 .\n", encoding="utf-8")
    with pytest.raises(Exception, match="outside named graphs"):
        load(path, "http://127.0.0.1:1/update")


# ------------------------------------------------------------------------------------------------- Oxigraph


@needs_oxigraph
def test_oxigraph_load_and_reload(oxigraph, seeds_build, expected):
    update, query = oxigraph.base + "/update", oxigraph.base + "/query"
    for _ in range(2):  # the second load replaces the graphs, it does not add to them
        summary = load(seeds_build, update, force=True)
        assert_loaded(summary, expected)
        assert summary.replaced in (0, len(expected))
        assert summary.query_endpoint == query
        with Client() as client:
            assert remote_counts(list(expected), query, client) == expected
    total = run_remote("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", query)
    assert int(next(iter(total))["n"].value) == sum(expected.values())


@needs_oxigraph
def test_oxigraph_small_batches(oxigraph, seeds_build, expected):
    summary = load(seeds_build, oxigraph.base + "/update", batch_size=300, force=True)
    assert_loaded(summary, expected)
    # a graph bigger than a batch goes whole, alone (replaced in one request); the small ones share requests
    big = sum(1 for n in expected.values() if n > 300)
    assert big <= summary.requests <= len(expected)  # never more requests than graphs: no graph was split
    with Client() as client:
        assert remote_counts(list(expected), oxigraph.base + "/query", client) == expected


@needs_oxigraph
@pytest.mark.parametrize("name", sorted(named_queries()))
def test_oxigraph_named_queries(oxigraph, seeds_build, local_results, name):
    load(seeds_build, oxigraph.base + "/update", check=False, force=True)
    remote = rowset(run_remote(name, oxigraph.base + "/query"))
    assert remote == local_results[name]


@needs_oxigraph
def test_oxigraph_get_and_construct(oxigraph, seeds_build):
    load(seeds_build, oxigraph.base + "/update", check=False, force=True)
    store = open_store(seeds_build)
    for text in ("ASK { ?s a <https://w3id.org/conflict-kg/ontology#Article> }",
                 "CONSTRUCT { ?s ?p ?o } WHERE { ?s a <https://w3id.org/conflict-kg/ontology#Article> ; ?p ?o }"):
        local = rowset(run_query(text, store))
        assert rowset(run_remote(text, oxigraph.base + "/query", method="GET")) == local
        assert rowset(run_remote(text, oxigraph.base + "/query")) == local


@needs_oxigraph
def test_oxigraph_graph_store_protocol(seeds_build, expected):
    with servers.oxigraph_server() as server:
        for replaced in (0, len(expected)):  # POST new graphs, then PUT them again
            summary = load(seeds_build, graph_store=server.base + "/store", force=True)
            assert_loaded(summary, expected)
            assert summary.protocol == "graph-store" and summary.requests == len(expected)
            assert summary.replaced == replaced
        with Client() as client:
            assert remote_counts(list(expected), server.base + "/query", client) == expected


@needs_oxigraph
def test_oxigraph_bulk_load(seeds_build, expected):
    """--bulk: deletes the graphs the server has, then sends whole graphs as N-Quads through the bulk loader;
    a re-load replaces (same counts, nothing doubled) and leaves graphs the build does not have alone."""
    with servers.oxigraph_server() as server:
        other = ("INSERT DATA { GRAPH <https://example.org/other> { "
                 "<https://example.org/s> <https://example.org/p> 1 } }")
        with Client() as client:
            client.request("POST", server.base + "/update", what="setup", data=other.encode(),
                           headers={"Content-Type": "application/sparql-update"})
        for replaced in (0, len(expected)):
            summary = load(seeds_build, graph_store=server.base + "/store", bulk=True, batch_size=2_000, force=True)
            assert_loaded(summary, expected)
            assert summary.protocol == "bulk" and summary.replaced == replaced
            assert 1 < summary.requests < len(expected)  # several graphs a request, and more than one request
        with Client() as client:
            counts = remote_counts([*expected, "https://example.org/other"], server.base + "/query", client)
        assert counts == {**expected, "https://example.org/other": 1}


def test_bulk_needs_graph_store(seeds_build):
    with pytest.raises(BadOption, match="--bulk"):
        load(seeds_build, "http://127.0.0.1:9/update", bulk=True, force=True)


@needs_oxigraph
def test_oxigraph_escaping(oxigraph, tricky):
    for kwargs in ({"endpoint": oxigraph.base + "/update"}, {"graph_store": oxigraph.base + "/store"},
                   {"graph_store": oxigraph.base + "/store", "bulk": True}):
        summary = load(tricky, **kwargs)
        assert summary.ok and summary.triples == len(list(open_store(tricky)))
        assert_same_triples(tricky, oxigraph.base + "/query")


@needs_oxigraph
def test_oxigraph_blank_nodes_stay_together(oxigraph, tmp_path):
    """A blank node's triples reach the server in one INSERT DATA, whatever the batch size."""
    path = tmp_path / "blank.trig"
    path.write_text("""@prefix ex: <https://example.org/> .
        ex:g1 { _:a ex:p 1 , 2 , 3 . ex:s ex:q _:a . }
        ex:g2 { _:b ex:p 4 , 5 . }
        ex:g3 { ex:s ex:p 6 , 7 , 8 . }
    """, encoding="utf-8")
    summary = load(path, oxigraph.base + "/update", batch_size=2)
    assert summary.ok and summary.triples == 9 and summary.requests == 3  # each graph whole, in one request
    nodes = run_remote("SELECT ?g (COUNT(DISTINCT ?o) AS ?n) WHERE { GRAPH ?g { ?s <https://example.org/p> ?o } "
                       "FILTER(isBlank(?s)) } GROUP BY ?g", oxigraph.base + "/query")
    assert {(str(s["g"]), int(s["n"].value)) for s in nodes} == {("<https://example.org/g1>", 3),
                                                                  ("<https://example.org/g2>", 2)}
    linked = run_remote("ASK { GRAPH <https://example.org/g1> { <https://example.org/s> <https://example.org/q> ?b . "
                        "?b <https://example.org/p> 1, 2, 3 } }", oxigraph.base + "/query")
    assert bool(linked)


@needs_oxigraph
def test_oxigraph_count_mismatch_is_reported(oxigraph, seeds_build, expected):
    """A wrong --query-endpoint (another, empty server) makes every count differ."""
    with servers.oxigraph_server() as empty:
        summary = load(seeds_build, oxigraph.base + "/update", query_endpoint=empty.base + "/query", force=True)
    assert not summary.ok
    assert summary.mismatches == {g: (n, 0) for g, n in expected.items()}


@needs_oxigraph
def test_oxigraph_bad_query_is_a_query_error(oxigraph):
    from kg.errors import QueryError

    with pytest.raises(QueryError, match="HTTP 400"):
        run_remote("SELECT ?x WHERE { ?x ?y }", oxigraph.base + "/query")


@needs_oxigraph
def test_cli_load_and_remote_query_oxigraph(oxigraph, seeds_build, expected, runner, local_results):
    from kg.cli import cli

    if "load" not in cli.commands:
        pytest.skip("kg load is not in kg/cli.py yet")
    result = runner.invoke(cli, ["load", str(seeds_build), "--endpoint", oxigraph.base + "/update"])
    assert result.exit_code == 0, result.output
    assert f"{sum(expected.values())} triples" in result.output
    assert "loading" not in result.output  # no progress bar when stderr is not a terminal
    with servers.oxigraph_server() as empty:  # counts checked at the wrong place: every graph differs
        result = runner.invoke(cli, ["load", str(seeds_build), "--endpoint", oxigraph.base + "/update",
                                     "--query-endpoint", empty.base + "/query"])
    assert result.exit_code == 1 and "Traceback" not in result.output
    down = f"http://127.0.0.1:{servers.free_port()}/update"
    retries = ["--retries", "1"] if "retries" in {p.name for p in cli.commands["load"].params} else []
    result = runner.invoke(cli, ["load", str(seeds_build), "--endpoint", down, *retries])
    assert result.exit_code != 0 and "connection refused" in result.output and "Traceback" not in result.output
    if "endpoint" not in {p.name for p in cli.commands["query"].params}:
        pytest.skip("kg query --endpoint is not in kg/cli.py yet")
    result = runner.invoke(cli, ["query", "actors", "--endpoint", oxigraph.base + "/query", "-f", "json"])
    assert result.exit_code == 0, result.output
    parsed = ox.parse_query_results(result.stdout_bytes, format=ox.QueryResultsFormat.JSON)
    assert rowset(parsed) == local_results["actors"]


# ------------------------------------------------------------------------------------------------- Virtuoso


@needs_virtuoso
def test_virtuoso_load_and_reload(dba, seeds_build, expected):
    for _ in range(2):
        summary = load(seeds_build, dba.base + "/sparql-auth", force=True)
        assert_loaded(summary, expected)
        assert summary.query_endpoint == dba.base + "/sparql"
    with Client() as client:
        assert remote_counts(list(expected), dba.base + "/sparql", client) == expected


@needs_virtuoso
@pytest.mark.parametrize("name", sorted(named_queries()))
def test_virtuoso_named_queries(dba, seeds_build, local_results, name):
    """Virtuoso answers queries without FROM over all its graphs, so the named queries need no change."""
    load(seeds_build, dba.base + "/sparql-auth", check=False, force=True)
    remote = rowset(run_remote(name, dba.base + "/sparql"))
    assert remote == local_results[name]


@needs_virtuoso
def test_virtuoso_graph_store_protocol(dba, seeds_build, expected):
    summary = load(seeds_build, graph_store=dba.base + "/sparql-graph-crud-auth", auth="digest", force=True)
    assert_loaded(summary, expected)
    assert summary.query_endpoint == dba.base + "/sparql"


@needs_virtuoso
def test_virtuoso_escaping(dba, tricky):
    summary = load(tricky, dba.base + "/sparql-auth")
    assert summary.ok
    assert_same_triples(tricky, dba.base + "/sparql")


@needs_virtuoso
def test_virtuoso_wrong_password(virtuoso, seeds_build, monkeypatch, runner):
    monkeypatch.setenv(USER_ENV, "dba")
    monkeypatch.setenv(PASSWORD_ENV, SECRET)
    for auth in ("auto", "digest", "basic"):
        with pytest.raises(RemoteError) as caught:
            load(seeds_build, virtuoso.base + "/sparql-auth", auth=auth, attempts=1, force=True)
        message = str(caught.value)
        assert "HTTP 401" in message and "authentication failed" in message and SECRET not in message
        assert virtuoso.base + "/sparql-auth" in message
    monkeypatch.delenv(USER_ENV)
    monkeypatch.delenv(PASSWORD_ENV)
    with pytest.raises(RemoteError, match="asks for credentials"):
        load(seeds_build, virtuoso.base + "/sparql-auth", force=True)
    from kg.cli import cli

    if "load" not in cli.commands:
        pytest.skip("kg load is not in kg/cli.py yet")
    monkeypatch.setenv(USER_ENV, "dba")
    monkeypatch.setenv(PASSWORD_ENV, SECRET)
    result = runner.invoke(cli, ["load", str(seeds_build), "--endpoint", virtuoso.base + "/sparql-auth", "--force"])
    assert result.exit_code != 0
    assert "authentication failed" in result.output and SECRET not in result.output
    assert "Traceback" not in result.output


@needs_virtuoso
def test_cli_load_virtuoso(dba, seeds_build, expected, runner):
    """Credentials from the environment (the dba fixture), digest authentication chosen from the challenge."""
    from kg.cli import cli

    if "load" not in cli.commands:
        pytest.skip("kg load is not in kg/cli.py yet")
    result = runner.invoke(cli, ["load", str(seeds_build), "--endpoint", dba.base + "/sparql-auth", "--force"])
    assert result.exit_code == 0, result.output
    assert f"{len(expected)} graphs, {sum(expected.values())} triples" in result.output


# ------------------------------------------------------------------------------------------------- faults


@needs_oxigraph
def test_a_load_run_again_sends_only_what_is_missing(seeds_build, expected, tmp_path):
    build = tmp_path / "build"
    shutil.copytree(seeds_build, build)
    with servers.oxigraph_server() as server:
        first = load(build, server.base + "/update")
        assert_loaded(first, expected)
        assert first.skipped == 0 and first.requests >= 1
        again = load(build, server.base + "/update")
        assert_loaded(again, expected)
        assert again.skipped == len(expected) and again.requests == 0  # nothing missing: nothing sent
        lost = sorted(expected)[0]
        with Client() as client:
            client.request("POST", server.base + "/update", what="setup", data=f"DROP GRAPH <{lost}>".encode(),
                           headers={"Content-Type": "application/sparql-update"})
        third = load(build, server.base + "/update")
        assert_loaded(third, expected)
        assert third.skipped == len(expected) - 1 and third.requests == 1  # only the lost graph
        forced = load(build, server.base + "/update", force=True)
        assert_loaded(forced, expected)
        assert forced.skipped == 0
        with Client() as client:
            assert remote_counts(list(expected), server.base + "/query", client) == expected


def summary_requests_all(local: dict[str, int]) -> int:
    """Requests a load of all of ``local`` takes (batches of 10,000 triples)."""
    return -(-sum(local.values()) // 10_000)


def many_graphs(folder: Path, graphs: int = 4000, triples: int = 40) -> dict[str, int]:
    """A build folder whose store holds many small graphs (a load that takes a few seconds)."""
    from kg.sparql.store import write_nquads

    (folder / "store").mkdir(parents=True)
    quads = (ox.Quad(ox.NamedNode(f"https://example.org/s{g}/{t}"), ox.NamedNode("https://example.org/p"),
                     ox.Literal(f"value {g} {t} \"quoted\" é"), ox.NamedNode(f"https://example.org/graph/{g}"))
             for g in range(graphs) for t in range(triples))
    write_nquads(folder / "store", [ox.serialize(quads, format=ox.RdfFormat.N_QUADS)])
    return {f"https://example.org/graph/{g}": triples for g in range(graphs)}


@needs_oxigraph
def test_server_killed_mid_load_leaves_whole_graphs_and_a_rerun_sends_the_rest(tmp_path):
    build = tmp_path / "build"
    local = many_graphs(build)
    db, port = tmp_path / "db", servers.free_port()
    with servers.oxigraph_server(location=db, port=port) as server:
        loading = subprocess.Popen([sys.executable, "-m", "kg", "load", str(build), "--endpoint",
                                    server.base + "/update", "--retries", "1", "--timeout", "5"],
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        count = "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
        deadline = time.monotonic() + 120
        while int(next(iter(run_remote(count, server.base + "/query")))["n"].value) < len(local) // 10:
            assert loading.poll() is None and time.monotonic() < deadline, "the load ended before the kill"
            time.sleep(0.05)
        os.killpg(server.process.pid, signal.SIGKILL)  # the server dies mid-load
        server.process.wait(timeout=30)
        out, err = loading.communicate(timeout=120)
    assert loading.returncode == 2, out + err
    assert "Traceback" not in err and "connection refused" in err and "graph" in err

    with servers.oxigraph_server(location=db, port=port) as server:  # the same data, the same URL
        with Client() as client:
            there = remote_counts(list(local), server.base + "/query", client)
        assert 0 < len(there) < len(local)
        assert all(n == local[g] for g, n in there.items())  # every graph there is whole: none half written
        rerun = load(build, server.base + "/update")
        assert rerun.ok and rerun.triples == sum(local.values())
        # what got through before the kill is not sent again (but for the request in flight when the server died,
        # whose answer never came: up to a batch of 10,000 triples, 250 of these graphs)
        assert rerun.skipped >= len(there) - 10_000 // 40 and rerun.requests < summary_requests_all(local)
        with Client() as client:
            assert remote_counts(list(local), server.base + "/query", client) == local


def test_credentials_never_on_a_command_line_nor_in_output(seeds_build, tmp_path):
    """The password travels in the environment only: not in the process listing, not in what kg prints."""
    with servers.stub_server(user="kg", password=SECRET, delay=0.3) as stub:
        env = {**os.environ, USER_ENV: "kg", PASSWORD_ENV: SECRET}
        process = subprocess.Popen([sys.executable, "-m", "kg", "load", str(seeds_build), "--endpoint",
                                    stub.base + "/update", "--no-check"], env=env, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, text=True)
        seen = []
        while process.poll() is None:
            try:
                seen.append(Path(f"/proc/{process.pid}/cmdline").read_bytes())
            except OSError:
                break
            time.sleep(0.05)
        out, err = process.communicate(timeout=120)
    assert process.returncode == 0, err
    assert seen and all(SECRET.encode() not in cmdline for cmdline in seen)
    assert SECRET not in out and SECRET not in err
    assert any(r["headers"].get("Authorization", "").startswith("Basic ") for r in stub.received)
