"""Driving the project through its command line, the way a user's script would (shared by the benchmarks)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path


def kg(*args: str) -> subprocess.CompletedProcess[str]:
    """Run ``python -m kg ARGS`` and capture its output."""
    return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True, encoding="utf-8")


def query(name: str, data: Path) -> list[dict[str, str]]:
    """The rows of ``kg query NAME --data DATA --format json`` as ``{variable: value}``."""
    done = kg("query", name, "--data", str(data), "--format", "json")
    if done.returncode != 0:
        raise RuntimeError(f"kg query {name} failed ({done.returncode}): {done.stderr.strip()[-2000:]}")
    bindings = json.loads(done.stdout)["results"]["bindings"]
    return [{key: value["value"] for key, value in row.items()} for row in bindings]


def build(source: Path, out: Path, model: str | None = None) -> None:
    """``kg build SOURCE --out OUT``; raises when nothing was built, warns when inputs were skipped."""
    done = kg("build", str(source), "--out", str(out), *(["--model", model] if model else []))
    if done.returncode not in (0, 1) or not (out / "graph.trig").is_file():
        raise RuntimeError(f"kg build failed ({done.returncode}): {done.stderr.strip()[-2000:]}")
    if done.returncode == 1:
        print(f"warning: kg build exited 1: {done.stderr.strip()[-500:]}", file=sys.stderr)
