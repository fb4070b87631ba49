"""Store benchmark: the named queries on the embedded Oxigraph store and on rdflib, and `kg load` into a server.

    .venv/bin/python bench/store.py [--repeat 3] [--out DIR] [--rdflib-timeout 60]

Builds ../shared/corpus/fakes-syria-news.jsonl repeated REPEAT times with distinct ids (3 x 792 articles give
about 1.2 million triples) through `kg build` (or reuses DIR when it already holds a build), then in one run:
times every named query on the embedded store (best of 3, results consumed) and on rdflib's in-memory store (one
run each, in a child process stopped after --rdflib-timeout seconds), and times `kg load` into a local Oxigraph
server (`oxigraph serve`, started on 127.0.0.1 and stopped at the end) three ways: SPARQL Update, Graph Store
Protocol, and Graph Store with --bulk. Targets: every named query under 0.5 s on the embedded store at 1M triples;
loading at least 100,000 triples/s.

The queries that answer one question about one thing are timed as the README shows them, bound: `sentence` for
an assertion (the mean over 20 picked at random), `by-source` for the source with most assertions. They are also
timed unbound, as full listings of every row, beside the other listings (mentions, events, statements, ...), with
their row counts.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from kgcli import kg

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "fakes-syria-news.jsonl"


def build(out: Path, repeat: int) -> None:
    records = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "corpus.jsonl"
        with src.open("w", encoding="utf-8") as fh:
            for r in range(repeat):
                for record in records:
                    fh.write(json.dumps({**record, "id": f"{record['id']}-r{r}"}) + "\n")
        start = time.perf_counter()
        done = kg("build", str(src), "--out", str(out))
        if done.returncode not in (0, 1):
            raise SystemExit(f"kg build failed: {done.stderr[-2000:]}")
        print(f"built {len(records) * repeat} articles in {time.perf_counter() - start:.0f} s")


def _best(store, name: str, bindings: dict[str, str] | None = None) -> tuple[float, int]:
    """Best of 3 runs (seconds) and the number of rows."""
    from kg.sparql.query import run_query

    best, count = float("inf"), 0
    for _ in range(3):
        start = time.perf_counter()
        count = sum(1 for _row in run_query(name, store, bindings))
        best = min(best, time.perf_counter() - start)
    return best, count


def time_oxigraph(out: Path, names: list[str]) -> dict[str, tuple[float, int]]:
    from kg.sparql.store import open_store

    store = open_store(out)
    return {name: _best(store, name) for name in names}


BOUND_PICKS = {
    "sentence": """PREFIX ckg: <https://w3id.org/conflict-kg/ontology#>
        PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
        SELECT ?value WHERE {
          ?a nif:sentence ?s ; a ?class .
          VALUES ?class { ckg:Statement ckg:Allegation ckg:Denial ckg:Event ckg:CasualtyFigure ckg:Affiliation }
          BIND(CONCAT("<", STR(?a), ">") AS ?value) }""",
    "by-source": """PREFIX ckg: <https://w3id.org/conflict-kg/ontology#>
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT ?value (COUNT(*) AS ?n) WHERE {
          ?a ckg:speaker|ckg:accuser|ckg:denier|ckg:reportedBy ?actor . ?actor skos:prefLabel ?value }
        GROUP BY ?value ORDER BY DESC(?n) LIMIT 1""",
}
BOUND_VARIABLE = {"sentence": "assertion", "by-source": "source"}


def time_bound(out: Path, samples: int = 20, seed: int = 2026) -> dict[str, tuple[float, int, str]]:
    """The bound queries as users run them: (mean seconds, mean rows, what was bound)."""
    import random

    from kg.sparql.query import rows, run_query
    from kg.sparql.store import open_store

    store = open_store(out)
    timings = {}
    for name, pick in BOUND_PICKS.items():
        values = [r["value"] for r in rows(run_query(pick, store))]
        values = random.Random(seed).sample(values, min(samples, len(values)))
        runs = [_best(store, name, {BOUND_VARIABLE[name]: value}) for value in values]
        shown = values[0] if len(values) == 1 else f"{len(values)} random {BOUND_VARIABLE[name]}s"
        timings[name] = (sum(t for t, _ in runs) / len(runs), round(sum(n for _, n in runs) / len(runs)), shown)
    return timings


def _rdflib_worker(trig: str, names: list[str], queue) -> None:
    from rdflib import Dataset

    from kg.sparql.query import resolve_query

    dataset = Dataset(default_union=True)
    start = time.perf_counter()
    dataset.parse(trig, format="trig")
    queue.put(("(parse)", time.perf_counter() - start))
    for name in names:
        start = time.perf_counter()
        for _row in dataset.query(resolve_query(name)):
            pass
        queue.put((name, time.perf_counter() - start))


def time_rdflib(out: Path, names: list[str], timeout: float) -> dict[str, float | None]:
    """One run of each query on rdflib; a query past ``timeout`` is stopped (None) and the rest go on in a new
    worker (which parses the TriG again)."""
    timings: dict[str, float | None] = {}
    remaining = list(names)
    while remaining:
        queue: multiprocessing.Queue = multiprocessing.Queue()
        worker = multiprocessing.Process(target=_rdflib_worker, args=(str(out / "graph.trig"), remaining, queue))
        worker.start()
        try:
            name, seconds = queue.get(timeout=600)  # the parse
            timings.setdefault("(parse)", seconds)
            while remaining:
                try:
                    name, seconds = queue.get(timeout=timeout)
                except Exception:  # the next query ran past the timeout
                    timings[remaining.pop(0)] = None
                    break
                timings[name] = seconds
                remaining.remove(name)
        finally:
            worker.kill()
            worker.join()
    return timings


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


LOAD_MODES = {
    "SPARQL Update": lambda base: ["--endpoint", f"{base}/update"],
    "Graph Store": lambda base: ["--graph-store", f"{base}/store"],
    "Graph Store --bulk": lambda base: ["--graph-store", f"{base}/store", "--bulk"],
}


def time_load(out: Path, triples: int, mode: str) -> float | None:
    from kg.sparql.serve import oxigraph_binary

    port = _free_port()
    with tempfile.TemporaryDirectory() as location:
        server = subprocess.Popen([oxigraph_binary(), "serve", "--location", location, "--bind", f"127.0.0.1:{port}"],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            deadline = time.monotonic() + 30
            while True:
                try:
                    urllib.request.urlopen(f"http://127.0.0.1:{port}/query?query=ASK%7B%7D", timeout=2).read()
                    break
                except OSError:
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.2)
            start = time.perf_counter()
            done = kg("load", str(out), *LOAD_MODES[mode](f"http://127.0.0.1:{port}"))
            seconds = time.perf_counter() - start
            if done.returncode != 0:
                print(f"kg load ({mode}) failed: {done.stderr.strip()[-1000:]}")
                return None
            return triples / seconds
        finally:
            server.terminate()
            server.wait(timeout=20)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", type=Path, default=None, help="build here (reused if it already holds a build)")
    parser.add_argument("--rdflib-timeout", type=float, default=60.0)
    args = parser.parse_args()
    if not CORPUS.is_file():
        print(f"skipped: {CORPUS} not found (../shared must sit beside the project)")
        return 0
    out = args.out or Path(tempfile.mkdtemp(prefix="kg-bench-store-"))
    if not (out / "store").is_dir():
        build(out, args.repeat)
    from kg.sparql.query import named_queries, rows, run_query
    from kg.sparql.store import open_store

    (count,) = rows(run_query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", open_store(out)))
    triples = int(count["n"])
    names = sorted(named_queries())
    print(f"graph: {triples} triples (quads) in {out}")
    oxigraph = time_oxigraph(out, names)
    bound = time_bound(out)
    rdflib = time_rdflib(out, names, args.rdflib_timeout)
    print(f"rdflib parse of graph.trig: {rdflib.get('(parse)', float('nan')):.1f} s")
    print(f"\nunbound: every row\n{'query':<16} {'rows':>8} {'oxigraph s':>11} {'rdflib s':>10} {'ratio':>7}")
    for name in names:
        seconds, count = oxigraph[name]
        r = rdflib.get(name)
        shown = f"{r:10.3f}" if r is not None else f"{'>' + str(int(args.rdflib_timeout)):>10}"
        ratio = f"{r / seconds:7.0f}" if r is not None and seconds > 0 else "      -"
        print(f"{name:<16} {count:8d} {seconds:11.3f} {shown} {ratio}")
    print(f"\nbound, as the README runs them\n{'query':<16} {'rows':>8} {'oxigraph s':>11}  bound to")
    for name, (seconds, count, what) in bound.items():
        print(f"{name:<16} {count:8d} {seconds:11.3f}  {what}")
    as_used = {name: seconds for name, (seconds, _) in oxigraph.items() if name not in bound}
    as_used.update({name: seconds for name, (seconds, _, _) in bound.items()})
    slowest = max(as_used, key=as_used.get)
    over = sorted(name for name, seconds in as_used.items() if seconds >= 0.5)
    print(f"slowest named query as used (bound ones bound): {slowest} {as_used[slowest]:.3f} s (target < 0.5 s); "
          f"{len(as_used) - len(over)}/{len(as_used)} under target" + (f"; over: {', '.join(over)}" if over else ""))
    for mode in LOAD_MODES:
        rate = time_load(out, triples, mode)
        if rate is not None:
            print(f"kg load ({mode}) into a local Oxigraph server: {rate:,.0f} triples/s (target >= 100,000)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
