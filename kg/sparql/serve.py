"""``kg serve``: a local SPARQL endpoint over a build's store, for tools such as YASGUI.

It answers the SPARQL 1.1 protocol (``GET /query?query=...``, ``POST /query`` with a form or an
``application/sparql-query`` body) over ``OUT/store`` opened read-only, with the union of all named graphs as the
default graph (so the named queries work unchanged), on 127.0.0.1 unless told otherwise. Queries run on
Oxigraph's engine (pyoxigraph); the endpoint is this project's own so that it can refuse what Oxigraph's server
would run: a federated query (``SERVICE``) makes the machine send a request to any host the query names, for
whoever can reach the endpoint (any web page, with ``--cors``), so it is refused with HTTP 400 unless
``--allow-service``.
"""

from __future__ import annotations

import shutil
import socket
import sys
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pyoxigraph as ox

from kg.errors import BadOption, DataNotFound, KGError, QueryError
from kg.sparql.query import refuse_services
from kg.sparql.store import STORE_DIR, open_store

#: The largest query accepted (bytes of a POST body).
MAX_QUERY_BYTES = 1 << 20

_RESULTS = {  # media type -> format, for SELECT and ASK
    "application/sparql-results+json": ox.QueryResultsFormat.JSON, "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML, "application/xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV, "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
_GRAPHS = {  # media type -> format, for CONSTRUCT and DESCRIBE
    "text/turtle": ox.RdfFormat.TURTLE, "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML, "application/n-quads": ox.RdfFormat.N_QUADS,
    "application/trig": ox.RdfFormat.TRIG, "text/plain": ox.RdfFormat.N_TRIPLES,
}


def oxigraph_binary() -> str:
    """The ``oxigraph`` server program, beside this Python or on the PATH (for a store of one's own)."""
    beside = Path(sys.executable).parent / "oxigraph"
    if beside.is_file():
        return str(beside)
    found = shutil.which("oxigraph")
    if found is None:
        raise KGError("the `oxigraph` server is not installed: `pip install oxigraph==0.5.13` "
                      "(it is a dependency of conflict-kg; reinstall with `make install`)")
    return found


def parse_bind(bind: str) -> tuple[str, int]:
    """``HOST:PORT`` (``[::1]:PORT`` for IPv6) as (host, port).

    >>> parse_bind("127.0.0.1:7878"), parse_bind("[::1]:80")
    (('127.0.0.1', 7878), ('::1', 80))
    """
    host, sep, port = bind.rpartition(":")
    if not sep or not host or not port.isdigit() or not 0 <= int(port) < 65536:
        raise BadOption("--bind", bind, "HOST:PORT, e.g. 127.0.0.1:7878")
    return host.strip("[]"), int(port)


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], store: ox.Store, cors: bool, allow_service: bool) -> None:
        self.address_family = socket.AF_INET6 if ":" in address[0] else socket.AF_INET
        self.store = store
        self.cors = cors
        self.allow_service = allow_service
        super().__init__(address, _Handler)


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    server_version = "kg-serve"

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        url = urlsplit(self.path)
        if url.path == "/":
            self._send(HTTPStatus.OK, b"conflict-kg: a read-only SPARQL endpoint at /query\n", "text/plain")
        elif url.path == "/query":
            self._answer(parse_qs(url.query, keep_blank_values=True))
        else:
            self._fail(HTTPStatus.NOT_FOUND, f"no such page: {url.path} (the SPARQL endpoint is /query)")

    def do_POST(self) -> None:  # noqa: N802
        url = urlsplit(self.path)
        if url.path != "/query":
            self._fail(HTTPStatus.NOT_FOUND if url.path != "/update" else HTTPStatus.FORBIDDEN,
                       "this endpoint is read-only: POST queries to /query")
            return
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_QUERY_BYTES:
            self._fail(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"a query of {length} bytes: at most {MAX_QUERY_BYTES}")
            return
        body = self.rfile.read(length).decode("utf-8", "replace")
        kind = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        params = parse_qs(url.query, keep_blank_values=True)
        if kind == "application/sparql-query":
            params["query"] = [body]
        elif kind == "application/x-www-form-urlencoded":
            params.update(parse_qs(body, keep_blank_values=True))
        else:
            self._fail(HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                       "send the query as application/sparql-query or application/x-www-form-urlencoded")
            return
        self._answer(params)

    def do_OPTIONS(self) -> None:  # noqa: N802 (a browser's preflight, with --cors)
        self._send(HTTPStatus.NO_CONTENT if self.server.cors else HTTPStatus.METHOD_NOT_ALLOWED, b"", "text/plain")

    def _answer(self, params: dict[str, list[str]]) -> None:
        queries = params.get("query", [])
        if len(queries) != 1:
            self._fail(HTTPStatus.BAD_REQUEST, "give one query (the query parameter)")
            return
        query = queries[0]
        try:
            if not self.server.allow_service:
                refuse_services(query, "start kg serve with --allow-service to answer them")
            results = self.server.store.query(query, **_dataset(params))
            media, data = _serialize(results, self.headers.get("Accept") or "")
        except (QueryError, SyntaxError, ValueError) as exc:
            self._fail(HTTPStatus.BAD_REQUEST, str(exc))
            return
        except LookupError as exc:
            self._fail(HTTPStatus.NOT_ACCEPTABLE, str(exc.args[0]))
            return
        except (OSError, RuntimeError) as exc:  # what the engine met while answering (a SERVICE that failed ...)
            self._fail(HTTPStatus.INTERNAL_SERVER_ERROR, f"the query failed: {exc}")
            return
        self._send(HTTPStatus.OK, data, media)

    def _fail(self, status: HTTPStatus, message: str) -> None:
        self._send(status, (message.strip() + "\n").encode("utf-8"), "text/plain; charset=utf-8")

    def _send(self, status: HTTPStatus, data: bytes, media: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", media)
        self.send_header("Content-Length", str(len(data)))
        if self.server.cors:
            self.send_header("Access-Control-Allow-Origin", "*")
            self.send_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
            self.send_header("Access-Control-Allow-Headers", "Content-Type, Accept")
        self.end_headers()
        self.wfile.write(data)


def _dataset(params: dict[str, list[str]]) -> dict:
    """The protocol's dataset parameters (default-graph-uri, named-graph-uri) as pyoxigraph's query options; by
    default the union of all graphs."""
    default = [ox.NamedNode(iri) for iri in params.get("default-graph-uri", [])]
    named = [ox.NamedNode(iri) for iri in params.get("named-graph-uri", [])]
    options: dict = {"default_graph": default} if default else {"use_default_graph_as_union": True}
    if named:
        options["named_graphs"] = named
    return options


def _serialize(results: ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples, accept: str) -> tuple[str, bytes]:
    """(media type, bytes) of the results in the format the Accept header prefers (JSON, Turtle by default)."""
    formats = _GRAPHS if isinstance(results, ox.QueryTriples) else _RESULTS
    media = _negotiate(accept, formats)
    if isinstance(results, ox.QueryTriples):
        return media, ox.serialize(results, format=formats[media])
    return media, results.serialize(format=formats[media])


def _negotiate(accept: str, formats: dict) -> str:
    """The media type of ``formats`` that the Accept header ranks highest (the first of ``formats`` for */* or no
    header); raises LookupError when it accepts none of them.

    >>> _negotiate("text/csv;q=0.5, application/sparql-results+xml", _RESULTS)
    'application/sparql-results+xml'
    >>> _negotiate("text/html,*/*;q=0.8", _GRAPHS)
    'text/turtle'
    """
    ranked: list[tuple[float, int, str]] = []
    for n, part in enumerate(accept.split(",")):
        media, *params = [p.strip() for p in part.split(";")]
        quality = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if media:
            ranked.append((-quality, n, media.lower()))
    if not ranked:
        return next(iter(formats))
    for negative, _, media in sorted(ranked):
        if negative < 0 and media in formats:
            return media
        if negative < 0 and media in ("*/*", "application/*", "text/*"):
            return next((m for m in formats if media == "*/*" or m.startswith(media[:-1])), next(iter(formats)))
    raise LookupError(f"none of the formats asked for ({accept}) can be given: give one of {', '.join(formats)}")


def serve(out: str | Path, bind: str = "127.0.0.1:7878", cors: bool = False, allow_service: bool = False) -> int:
    """Serve the build in ``out`` until stopped (Ctrl-C): the store as it was committed when the server started
    (a build committed meanwhile is served after a restart)."""
    if not (Path(out) / STORE_DIR).is_dir():
        raise DataNotFound(str(out))
    host, port = parse_bind(bind)
    store = open_store(out)
    try:
        server = _Server((host, port), store, cors, allow_service)
    except OSError as exc:
        raise KGError(f"cannot listen on {bind} ({exc.strerror or exc}): give another --bind HOST:PORT") from None
    print(f"SPARQL endpoint: http://{bind}/query  (all graphs as the default graph; federated queries "
          f"{'allowed' if allow_service else 'refused'}; Ctrl-C stops)", file=sys.stderr, flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


__all__ = ["oxigraph_binary", "parse_bind", "serve", "MAX_QUERY_BYTES"]
