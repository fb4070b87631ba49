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
