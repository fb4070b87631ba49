"""``kg load``: send a build's named graphs to a SPARQL 1.1 triplestore, replacing what was there.

Two protocols:

- **SPARQL 1.1 Update** (``endpoint``, e.g. Oxigraph ``http://HOST:7878/update``, Fuseki
  ``http://HOST:3030/DATASET/update``, Virtuoso ``http://HOST:8890/sparql-auth``): each graph is
  sent as ``DROP SILENT GRAPH <g> ; INSERT DATA { GRAPH <g> { ... } }``. Small graphs share a
  request (up to ``batch_size`` triples in all); a graph bigger than ``batch_size`` goes alone, whole, so each
  graph is replaced in one request, all or nothing (only a server that refuses the size makes kg split a graph,
  the ``DROP`` before the first part).
- **SPARQL 1.1 Graph Store HTTP Protocol** (``graph_store``, e.g. Oxigraph ``http://HOST:7878/store``,
  Fuseki ``http://HOST:3030/DATASET/data``): ``PUT URL?graph=<g>`` with the graph as N-Triples.
- **Bulk** (``graph_store`` with ``bulk=True``, Oxigraph only): the graphs the server holds are deleted
  (``DELETE URL?graph=<g>``), then whole graphs travel as N-Quads, up to ``batch_size`` triples a request, in
  ``POST URL?no_transaction&lenient`` (Oxigraph's bulk loader: about twice as fast, but not atomic: a load
  that fails half-way can leave part of a graph, which the final count check reports and a re-run replaces).

Either way a re-load replaces each graph instead of duplicating it; graphs on the server that
the build does not have are left alone. A journal in the build folder (``OUT/.loaded/``) remembers which graphs
reached the server (a digest of their triples): run again, after a failure or a ``kg build --append``, a load sends
only the graphs that are missing there, changed, or not whole. First the server's query endpoint (``query_endpoint``, by
default derived from the URL by :data:`kg.sparql.remote.QUERY_ENDPOINT_RULES`) is asked which of the graphs
it holds already: only those are dropped (or PUT), the others are only inserted (or POSTed), which
is a third faster on Oxigraph; if it cannot tell, every graph is dropped (PUT). At the end the
triples of each graph are counted there and compared with the local counts.

The graphs are read from the build's store (:func:`kg.sparql.store.open_store`) one at a time, as
N-Triples, by a thread that runs ahead of the requests, so reading overlaps sending; ``connections`` requests
(default 2) are under way at once, so the server stores one while the next travels (a graph's requests, when
the server made kg split it, go one after the other from one thread).
Credentials, authentication, retries and error messages: see :mod:`kg.sparql.remote`.
"""

from __future__ import annotations

import gc
import hashlib
import json
import queue
import re
import sys
import threading
import time
import urllib.parse
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.errors import BadOption, KGError
from kg.sparql.remote import (
    ATTEMPTS,
    BACKOFF,
    TIMEOUT,
    Client,
    RemoteError,
    check_url,
    query_endpoint_for,
    run_remote,
    shown,
)
from kg.sparql.store import open_store

BATCH_SIZE = 10_000  # triples per SPARQL Update request
COUNT_CHUNK = 200  # graphs counted per query in the final check
READ_AHEAD = 8  # requests prepared ahead of the one being sent
CONNECTIONS = 2  # requests under way at once
UPDATE_TYPE = "application/sparql-update; charset=utf-8"
NTRIPLES_TYPE = "application/n-triples; charset=utf-8"
NQUADS_TYPE = "application/n-quads; charset=utf-8"
BULK_BATCH_SIZE = 100_000  # triples per bulk request


@dataclass
class LoadSummary:
    """What ``kg load`` did: graphs and triples sent, requests, time taken (reading, sending and checking).

    ``mismatches`` maps a graph IRI to ``(local count, count on the server)``; empty when all agree
    (or when ``checked`` is false). ``replaced`` is how many of the graphs the server held before.
    """

    endpoint: str
    protocol: str
    graphs: int
    triples: int
    seconds: float
    requests: int
    checked: bool
    query_endpoint: str | None = None
    mismatches: dict[str, tuple[int, int]] = field(default_factory=dict)
    replaced: int | None = None  # graphs the server had already (None: it could not tell)
    skipped: int = 0  # graphs not sent: an earlier load sent the same triples and the server still has them all

    @property
    def triples_per_second(self) -> float:
        return self.triples / self.seconds if self.seconds > 0 else 0.0

    @property
    def ok(self) -> bool:
        return not self.mismatches

    def as_dict(self) -> dict[str, Any]:
        """The summary as JSON-ready data."""
        return {"endpoint": self.endpoint, "protocol": self.protocol, "graphs": self.graphs, "triples": self.triples,
                "seconds": round(self.seconds, 3), "triples_per_second": round(self.triples_per_second),
                "requests": self.requests, "replaced": self.replaced, "skipped": self.skipped,
                "checked": self.checked,
                "query_endpoint": self.query_endpoint,
                "mismatches": {g: {"local": local, "remote": remote}
                               for g, (local, remote) in self.mismatches.items()}}


@dataclass
class _Piece:
    """Triples of one graph in a request; ``drop`` for the graph's first piece (SPARQL Update)."""

    graph: str
    lines: bytes  # N-Triples, a triple a line
    triples: int
    drop: bool = True
    batch: tuple[int, int] | None = None  # (number, of how many) when a big graph is split
    digest: str = ""  # of the graph's whole N-Triples, for the load journal

    def update(self) -> bytes:
        iri = str(ox.NamedNode(self.graph)).encode("utf-8")
        insert = b"INSERT DATA { GRAPH " + iri + b" {\n" + self.lines + b"} }"
        return b"DROP SILENT GRAPH " + iri + b" ;\n" + insert if self.drop else insert

    def quads(self) -> bytes:
        """The triples as N-Quads in the graph (in N-Triples a raw line break only ends a line, so each
        line's closing `` .`` is the one replaced)."""
        iri = str(ox.NamedNode(self.graph)).encode("utf-8")
        return self.lines.replace(b" .\n", b" " + iri + b" .\n")

    def halves(self) -> tuple[_Piece, _Piece] | None:
        """The piece cut in two (the DROP stays with the first half); None if it cannot be."""
        if self.triples < 2 or _has_blank_nodes(self.lines):
            return None
        rows = self.lines.splitlines(keepends=True)
        mid = len(rows) // 2
        return (_Piece(self.graph, b"".join(rows[:mid]), mid, self.drop, self.batch),
                _Piece(self.graph, b"".join(rows[mid:]), len(rows) - mid, False, self.batch))


@dataclass
class _Request:
    """One HTTP request of the load: SPARQL Update for some pieces (``update``), or one graph's triples
    (``graph-store``: PUT to replace the graph, POST to create it)."""

    protocol: str
    method: str
    url: str
    pieces: list[_Piece]

    @property
    def triples(self) -> int:
        return sum(p.triples for p in self.pieces)

    @property
    def body(self) -> bytes:
        if self.protocol == "graph-store":
            return self.pieces[0].lines
        if self.protocol == "bulk":
            return b"".join(p.quads() for p in self.pieces)
        return b" ;\n".join(p.update() for p in self.pieces)

    @property
    def content_type(self) -> str:
        return {"graph-store": NTRIPLES_TYPE, "bulk": NQUADS_TYPE}.get(self.protocol, UPDATE_TYPE)

    @property
    def what(self) -> str:
        """The graphs it carries, for messages."""
        first, last = self.pieces[0], self.pieces[-1]
        if first.graph != last.graph:
            count = len({p.graph for p in self.pieces})
            return f"graphs <{first.graph}> … <{last.graph}> ({count} graphs)"
        batch = f" (batch {first.batch[0]} of {first.batch[1]})" if first.batch else ""
        return f"graph <{first.graph}>{batch}"

    def halves(self) -> tuple[_Request, _Request] | None:
        """The request cut in two, between graphs if it holds several; None if it cannot be."""
        if self.protocol == "graph-store" or (self.protocol == "bulk" and len(self.pieces) < 2):
            return None
        if len(self.pieces) > 1:
            mid = len(self.pieces) // 2
            first, second = self.pieces[:mid], self.pieces[mid:]
        else:
            cut = self.pieces[0].halves()
            if cut is None:
                return None
            first, second = [cut[0]], [cut[1]]
        return (_Request(self.protocol, self.method, self.url, first),
                _Request(self.protocol, self.method, self.url, second))


_TOO_BIG = re.compile(r"SP031|exceeded|too (?:long|large|big)|stack overflow", re.IGNORECASE)


class _Sender:
    """Sends the requests of a load; halves a SPARQL Update request the server finds too big (HTTP 413, or
    Virtuoso's "SP031 ... generated SQL text has exceeded 10000 lines") and keeps the smaller size after."""

    def __init__(self, client: Client, bar: Any) -> None:
        self.client = client
        self.bar = bar
        self.limit: int | None = None
        self.sent = 0
        self._lock = threading.Lock()  # requests go from several threads

    def send(self, request: _Request) -> None:
        if self.limit is not None and request.triples > self.limit and (cut := request.halves()):
            for half in cut:
                self.send(half)
            return
        try:
            self.client.request(request.method, request.url, what=request.what, data=request.body,
                                headers={"Content-Type": request.content_type})
        except RemoteError as exc:
            too_big = exc.status == 413 or (exc.status in (400, 500) and _TOO_BIG.search(str(exc)))
            cut = request.halves() if too_big else None
            if cut is None:
                raise
            self.limit = max(1, request.triples // 2)
            for half in cut:
                self.send(half)
            return
        with self._lock:
            self.sent += 1
            self.bar.update(request.triples)


def load(data: str | Path, endpoint: str | None = None, *, graph_store: str | None = None,
         query_endpoint: str | None = None, auth: str = "auto", batch_size: int = BATCH_SIZE,
         attempts: int = ATTEMPTS, backoff: float = BACKOFF, timeout: float = TIMEOUT, check: bool = True,
         progress: bool | None = None, bulk: bool = False, force: bool = False,
         connections: int = CONNECTIONS) -> LoadSummary:
    """Send every named graph of ``data`` (a build folder, or an RDF file with named graphs) to a triplestore.

    Give exactly one of ``endpoint`` (a SPARQL 1.1 Update endpoint) and ``graph_store`` (a Graph Store
    Protocol endpoint); ``bulk`` (with ``graph_store``, Oxigraph only) uses Oxigraph's non-transactional bulk
    loader, see the module's help. ``force`` sends every graph, even those the load journal says the server has
    unchanged. ``progress`` shows a progress bar on stderr (default: when stderr is a terminal). ``connections``
    requests are under way at once (the server parses one while kg reads and sends the next).
    A request that still fails after ``attempts`` tries stops the load with a :class:`kg.sparql.remote.RemoteError`
    naming the endpoint and the graph; counts that differ after loading are in the summary's ``mismatches``.
    """
    if (endpoint is None) == (graph_store is None):
        raise BadOption("--endpoint/--graph-store", endpoint or graph_store, "exactly one of the two")
    target = check_url(endpoint or graph_store or "", "--endpoint" if endpoint else "--graph-store")
    if query_endpoint is not None:
        check_url(query_endpoint, "--query-endpoint")
    if batch_size < 1:
        raise BadOption("--batch-size", batch_size, "a positive number of triples")
    if bulk and graph_store is None:
        raise BadOption("--bulk", "--endpoint", "--bulk with --graph-store URL (Oxigraph's /store)")
    started = time.perf_counter()
    store = open_store(data)
    names = _graph_names(store, data)
    protocol = "update" if endpoint else "bulk" if bulk else "graph-store"
    asked = query_endpoint or query_endpoint_for(target)
    before = remote_state(names, asked, auth=auth, timeout=timeout)
    present = None if before is None else set(before)
    journal = _Journal(data, target)
    skipped: list[str] = []

    def unchanged(graph: str, digest: str, count: int) -> bool:
        """Sent before with the same triples, and the server still has them all: nothing to send."""
        if not force and before is not None and before.get(graph) == count and journal.digests.get(graph) == digest:
            skipped.append(graph)
            return True
        return False

    if connections < 1:
        raise BadOption("--connections", connections, "1 or more requests at once")
    local: dict[str, int] = {}
    with Client(auth=auth, attempts=attempts, backoff=backoff, timeout=timeout) as client, \
            _progress(len(store), len(names), progress) as bar, journal:
        sender = _Sender(client, bar)
        # read ahead in a thread; the requests go from `connections` threads (each graph's in one of them)
        requests = _read_ahead(_requests(protocol, target, store, names, batch_size, local, present, unchanged))
        if protocol == "bulk":  # replacing a graph: delete it first (each alone, so a failure names it)
            requests = _deleting_first(requests, client, target, present, journal)
        done = threading.Lock()

        def send(request: _Request) -> None:
            sender.send(request)
            with done:
                journal.sent({p.graph: p.digest for p in request.pieces})
                bar.set_postfix_str(f"graph {len(local)}/{len(names)}", refresh=False)

        _send_all(requests, send, connections)
        bar.update(sum(local[g] for g in skipped))
        mismatches: dict[str, tuple[int, int]] = {}
        if check:
            remote = remote_counts(names, asked, client)
            mismatches = {g: (n, remote.get(g, 0)) for g, n in local.items() if remote.get(g, 0) != n}
            journal.forget(mismatches)
    return LoadSummary(endpoint=shown(target), protocol=protocol, graphs=len(names), triples=sum(local.values()),
                       seconds=time.perf_counter() - started, requests=sender.sent, checked=check,
                       query_endpoint=shown(asked) if check else None, mismatches=mismatches,
                       replaced=None if present is None else len(present), skipped=len(skipped))


def _send_all(requests: Iterable[_Request], send: Callable[[_Request], None], connections: int) -> None:
    """``send`` each request, ``connections`` at once; the first failure stops the load (requests not yet
    started are not sent) and is raised once those in flight have ended."""
    if connections == 1:
        for request in requests:
            send(request)
        return
    pool = ThreadPoolExecutor(max_workers=connections, thread_name_prefix="kg-load-send")
    flying: deque[Future[None]] = deque()
    try:
        for request in requests:
            flying.append(pool.submit(send, request))
            while flying and (len(flying) > connections or flying[0].done()):
                flying.popleft().result()
        while flying:
            flying.popleft().result()
    except BaseException:
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown(wait=True)


def _deleting_first(requests: Iterator[_Request], client: Client, target: str, present: set[str] | None,
                    journal: _Journal) -> Iterator[_Request]:
    """For --bulk: before each request, the graphs in it that the server holds (all, if it cannot tell) are
    deleted, each alone, so that a failure names the graph."""
    for request in requests:
        for graph in [p.graph for p in request.pieces if present is None or p.graph in present]:
            journal.forget([graph])
            client.request("DELETE", _graph_url(target, graph), what=f"graph <{graph}> (deleting it)",
                           ok_statuses=(404,))
        yield request


class _Journal:
    """Which graphs reached a server (by a digest of their N-Triples), in ``OUT/.loaded/`` of a build folder, so
    that a load run again (after a failure, or after ``kg build --append``) sends only what is missing or changed.
    Written at most every few seconds and at the end, also when the load fails."""

    FLUSH_SECONDS = 2.0

    def __init__(self, data: str | Path, target: str) -> None:
        folder = Path(data) / ".loaded" if Path(data).is_dir() else None
        key = hashlib.sha256(shown(target).encode("utf-8")).hexdigest()[:24]
        self.path = folder / f"{key}.json" if folder is not None else None
        self.digests: dict[str, str] = {}
        self.flushed = time.monotonic()
        if self.path is not None and self.path.is_file():
            try:
                loaded = json.loads(self.path.read_text(encoding="utf-8"))
                self.digests = {str(g): str(d) for g, d in loaded.get("graphs", {}).items()}
            except (OSError, ValueError, AttributeError):
                self.digests = {}  # unreadable: everything is sent again

    def sent(self, graphs: dict[str, str]) -> None:
        self.digests.update(graphs)
        if time.monotonic() - self.flushed > self.FLUSH_SECONDS:
            self.flush()

    def forget(self, graphs: Iterable[str]) -> None:
        for graph in graphs:
            self.digests.pop(graph, None)

    def flush(self) -> None:
        self.flushed = time.monotonic()
        if self.path is None:
            return
        from kg.files import write_text

        try:
            write_text(json.dumps({"graphs": self.digests}, sort_keys=True), self.path)
        except OSError:
            pass  # a read-only build folder: the next load sends everything

    def __enter__(self) -> _Journal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.flush()


def _graph_names(store: ox.Store, data: str | Path) -> list[str]:
    """The IRIs of the store's named graphs, sorted; an error if any triple is outside them."""
    names: list[str] = []
    loose = 0
    for graph in store.named_graphs():
        if isinstance(graph, ox.NamedNode):
            names.append(graph.value)
        else:
            loose += sum(1 for _ in store.quads_for_pattern(None, None, None, graph))
    loose += sum(1 for _ in store.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    if loose:
        raise KGError(f"{data} has {loose} triple{'s' if loose != 1 else ''} outside named graphs: kg load sends "
                      "named graphs only; load a build folder (kg build) or a TriG / N-Quads file")
    if not names:
        raise KGError(f"{data} has no triples to load")
    return sorted(names)


def ntriples(store: ox.Store, graph: str) -> bytes:
    """The graph's triples as N-Triples, one a line (also valid SPARQL inside ``INSERT DATA``).

    >>> s = ox.Store()
    >>> s.add(ox.Quad(ox.NamedNode("http://ex.org/a"), ox.NamedNode("http://ex.org/p"), ox.Literal('"hi"\\n'),
    ...               ox.NamedNode("http://ex.org/g")))
    >>> ntriples(s, "http://ex.org/g").decode()
    '<http://ex.org/a> <http://ex.org/p> "\\\\"hi\\\\"\\\\n" .\\n'
    """
    return store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(graph))


def _has_blank_nodes(lines: bytes) -> bool:
    """Whether N-Triples may hold blank nodes (their labels only hold within one request, so such a graph is
    never split). Errs on the side of yes: ``_:`` inside a literal counts too."""
    return lines.startswith(b"_:") or b"\n_:" in lines or b" _:" in lines


def _requests(protocol: str, target: str, store: ox.Store, names: list[str], batch_size: int,
              counts: dict[str, int], present: set[str] | None = None,
              unchanged: Callable[[str, str, int], bool] = lambda graph, digest, count: False) -> Iterator[_Request]:
    """The requests that send the graphs ``names``; fills ``counts`` (graph -> triples) as it goes.

    SPARQL Update: small graphs share a request up to ``batch_size`` triples; a bigger graph goes whole in a
    request of its own, so that each graph is replaced in one request, all or nothing (split only when the server
    refuses the size, see :class:`_Sender`). Graphs for which ``unchanged`` says so are not sent. Graph Store
    Protocol: a request a graph. Graphs the server holds (all of them when ``present`` is None) are replaced:
    dropped in their INSERT DATA's request, or PUT; the others are only inserted, or POSTed (faster: nothing to
    drop).
    """
    pending: list[_Piece] = []
    for graph in names:
        lines = ntriples(store, graph)
        count = lines.count(b"\n")
        counts[graph] = count
        digest = hashlib.sha256(lines).hexdigest()
        if unchanged(graph, digest, count):
            continue
        replace = present is None or graph in present
        piece = _Piece(graph, lines, count, replace, digest=digest)
        if protocol == "graph-store":
            yield _Request(protocol, "PUT" if replace else "POST", _graph_url(target, graph), [piece])
            continue
        if protocol == "bulk":  # whole graphs (blank node labels hold within one request), many a request
            if pending and sum(p.triples for p in pending) + count > batch_size:
                yield _Request(protocol, "POST", _with_query(target, "no_transaction&lenient"), pending)
                pending = []
            pending.append(piece)
            continue
        # a graph with blank nodes, or bigger than a batch, goes alone (a blank node label means one node only
        # within one INSERT DATA; a big graph is replaced in one request)
        alone = _has_blank_nodes(lines) or count > batch_size
        if pending and (alone or sum(p.triples for p in pending) + count > batch_size):
            yield _Request(protocol, "POST", target, pending)
            pending = []
        if alone:
            yield _Request(protocol, "POST", target, [piece])
            continue
        pending.append(piece)
    if pending:
        url = _with_query(target, "no_transaction&lenient") if protocol == "bulk" else target
        yield _Request(protocol, "POST", url, pending)


def _with_query(url: str, query: str) -> str:
    return f"{url}{'&' if urllib.parse.urlsplit(url).query else '?'}{query}"


def _graph_url(target: str, graph: str) -> str:
    """The Graph Store Protocol URL of one graph."""
    return _with_query(target, f"graph={urllib.parse.quote(graph, safe='')}")


_DONE = object()


def _read_ahead(requests: Iterator[_Request], ahead: int = READ_AHEAD) -> Iterator[_Request]:
    """``requests``, prepared by a background thread up to ``ahead`` in advance (its errors re-raised here)."""
    buffer: queue.Queue[Any] = queue.Queue(maxsize=ahead)
    stop = threading.Event()

    def produce() -> None:
        try:
            for item in requests:
                while not stop.is_set():
                    try:
                        buffer.put(item, timeout=0.1)
                        break
                    except queue.Full:
                        continue
                if stop.is_set():
                    return
            buffer.put(_DONE)
        except BaseException as exc:  # handed to the consumer
            buffer.put(exc)
        finally:
            # a load abandoned half-way: end the reading here, in the thread that made its pyoxigraph results
            # (they may only be dropped by that thread)
            close = getattr(requests, "close", None)
            if close is not None:
                close()

    # pyoxigraph's results may only be freed by the thread that made them, and Python frees garbage held in
    # reference cycles in whichever thread its collector runs: collect what this thread left before the reader
    # starts, so that the reader's collections do not meet it
    gc.collect()
    worker = threading.Thread(target=produce, name="kg-load-reader", daemon=True)
    worker.start()
    try:
        while True:
            item = buffer.get()
            if item is _DONE:
                return
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()
        worker.join(timeout=5)


def remote_state(graph_iris: list[str], query_endpoint: str, *, auth: str = "auto",
                 timeout: float = TIMEOUT) -> dict[str, int] | None:
    """How many triples the server holds in each of ``graph_iris`` (the graphs it does not have are left out),
    asked once without retries; None when it cannot tell (no query endpoint there, an error ...), and then every
    graph is treated as present, and sent."""
    try:
        with Client(auth=auth, attempts=1, timeout=timeout) as client:
            return remote_counts(graph_iris, query_endpoint, client)
    except KGError:
        return None


def remote_counts(graph_iris: list[str], query_endpoint: str, client: Client) -> dict[str, int]:
    """The number of triples in each graph on the server (graphs it does not have are left out)."""
    counts: dict[str, int] = {}
    for start in range(0, len(graph_iris), COUNT_CHUNK):
        chunk = graph_iris[start:start + COUNT_CHUNK]
        values = " ".join(str(ox.NamedNode(g)) for g in chunk)
        text = f"SELECT ?g (COUNT(*) AS ?n) WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ ?s ?p ?o }} }} GROUP BY ?g"
        try:
            results = run_remote(text, query_endpoint, client=client)
        except KGError as exc:
            raise RemoteError(f"the check after loading failed: {exc} (give the right --query-endpoint, "
                              "or --no-check)", getattr(exc, "status", None)) from None
        if not isinstance(results, ox.QuerySolutions):
            raise RemoteError(f"{shown(query_endpoint)} did not answer the counting query with solutions")
        for solution in results:
            graph, number = solution["g"], solution["n"]
            if isinstance(graph, ox.NamedNode) and isinstance(number, ox.Literal):
                counts[graph.value] = int(number.value)
    return counts


class _progress:
    """A tqdm bar of triples sent (postfix: graphs read), silent when stderr is not a terminal."""

    def __init__(self, total: int, graphs: int, show: bool | None) -> None:
        from tqdm import tqdm

        if show is None:
            show = sys.stderr.isatty()
        self.bar = tqdm(total=total, unit=" triples", unit_scale=True, desc="loading", file=sys.stderr,
                        disable=not show, leave=False, dynamic_ncols=True)
        self.bar.set_postfix_str(f"graph 0/{graphs}", refresh=False)

    def __enter__(self) -> Any:
        return self.bar

    def __exit__(self, *exc: object) -> None:
        self.bar.close()


__all__ = ["BATCH_SIZE", "BULK_BATCH_SIZE", "LoadSummary", "load", "ntriples", "remote_counts", "remote_state"]
