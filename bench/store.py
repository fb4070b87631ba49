"""Store benchmark: the named queries on the embedded Oxigraph store and on rdflib, and `kg load` into a server.

    .venv/bin/python bench/store.py [--repeat 3] [--out DIR] [--rdflib-timeout 60]

Builds ../shared/corpus/fakes-syria-news.jsonl repeated REPEAT times with distinct ids (3 x 792 articles give
about 1.2 million triples) through `kg build` (or reuses DIR when it already holds a build), then in one run:
times every named query on the embedded store (best of 3, results consumed) and on rdflib's in-memory store (one
run each, in a child process stopped after --rdflib-timeout seconds), and times `kg load` into a local Oxigraph
server (`oxigraph serve`, started on 127.0.0.1 and stopped at the end). Targets: every named query under 0.5 s on
the embedded store at 1M triples; loading at least 100,000 triples/s.
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


def time_oxigraph(out: Path, names: list[str]) -> dict[str, float]:
    from kg.query import open_data, run_query

    store = open_data(out)
    timings = {}
    for name in names:
        best = float("inf")
        for _ in range(3):
            start = time.perf_counter()
            result = run_query(name, store)
            for _row in result:
                pass
            best = min(best, time.perf_counter() - start)
        timings[name] = best
    return timings


def _rdflib_worker(trig: str, names: list[str], queue) -> None:
    from rdflib import Dataset

    from kg.query import resolve_query

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


def time_load(out: Path, triples: int) -> float | None:
    from kg.server import oxigraph_binary

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
            done = kg("load", str(out), "--endpoint", f"http://127.0.0.1:{port}/update")
            seconds = time.perf_counter() - start
            if done.returncode != 0:
                print(f"kg load failed: {done.stderr.strip()[-1000:]}")
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
    from kg.query import named_queries, open_data, rows, run_query

    (count,) = rows(run_query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", open_data(out)))
    triples = int(count["n"])
    names = sorted(named_queries())
    print(f"graph: {triples} triples (quads) in {out}")
    oxigraph = time_oxigraph(out, names)
    rdflib = time_rdflib(out, names, args.rdflib_timeout)
    print(f"rdflib parse of graph.trig: {rdflib.get('(parse)', float('nan')):.1f} s")
    print(f"\n{'query':<16} {'oxigraph s':>11} {'rdflib s':>10} {'ratio':>7}")
    for name in names:
        r = rdflib.get(name)
        shown = f"{r:10.3f}" if r is not None else f"{'>' + str(int(args.rdflib_timeout)):>10}"
        ratio = f"{r / oxigraph[name]:7.0f}" if r is not None and oxigraph[name] > 0 else "      -"
        print(f"{name:<16} {oxigraph[name]:11.3f} {shown} {ratio}")
    slowest = max(oxigraph.values())
    print(f"slowest named query on the embedded store: {slowest:.3f} s (target < 0.5 s)")
    rate = time_load(out, triples)
    if rate is not None:
        print(f"kg load into a local Oxigraph server: {rate:,.0f} triples/s (target >= 100,000)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
