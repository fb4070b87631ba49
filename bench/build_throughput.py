"""Throughput of `kg build` on the shared corpus: articles/s, words/s and peak memory.

    .venv/bin/python bench/build_throughput.py [--articles N]

Reads ../shared/corpus/fakes-syria-news.jsonl (repeated with distinct ids when N is larger
than the corpus), builds it into a temporary folder in a child process, and prints the figures.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "fakes-syria-news.jsonl"


def corpus(n: int) -> list[dict]:
    records = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]
    out = []
    for i in range(n):
        record = dict(records[i % len(records)])
        record["id"] = f"{record['id']}-r{i // len(records)}"
        out.append(record)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=792)
    args = parser.parse_args()
    if not CORPUS.is_file():
        print(f"skipped: {CORPUS} not found (../shared must sit beside the project)")
        return 0
    records = corpus(args.articles)
    words = sum(len(r["text"].split()) for r in records)
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in.jsonl"
        src.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "kg", "build", str(src), "--out", str(Path(tmp) / "out")], check=True,
                       stdout=subprocess.DEVNULL)
        seconds = time.perf_counter() - start
        summary = json.loads((Path(tmp) / "out" / "summary.json").read_text(encoding="utf-8"))
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"articles        {len(records)}")
    print(f"words           {words}")
    print(f"seconds         {seconds:.1f}")
    print(f"articles/s      {len(records) / seconds:.1f}")
    print(f"words/s         {words / seconds:.0f}")
    print(f"peak RSS (MB)   {peak_mb:.0f}")
    print(f"triples         {summary['triples']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
