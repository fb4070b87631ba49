"""Crash safety: a build killed at any point leaves the previous output whole and consistent, and the next
``--append`` run completes the new one."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.errors import OutputLocked
from kg.extract.cache import CACHE_DIR, PENDING_DIR
from kg.files import COMMIT_JOURNAL, LOCK_FILE, Staging, locked, recover

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "fakes-syria-news.jsonl"


# --- the commit protocol, without a model ----------------------------------------------


def outputs(folder: Path) -> dict[str, str]:
    found = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            found[str(path.relative_to(folder))] = path.read_text(encoding="utf-8")
    return found


def old_build(tmp_path: Path) -> Path:
    out = tmp_path / "out"
    (out / "store").mkdir(parents=True)
    (out / "store" / "data").write_text("old store", encoding="utf-8")
    (out / "graph.trig").write_text("old trig", encoding="utf-8")
    return out


def stage_new(out: Path) -> Staging:
    stage = Staging(out)
    (stage.folder("store") / "data").write_text("new store", encoding="utf-8")
    stage.file("graph.trig").write_text("new trig", encoding="utf-8")
    stage.file("report.md").write_text("new report", encoding="utf-8")
    return stage


def test_commit_renames_everything_into_place(tmp_path: Path) -> None:
    out = old_build(tmp_path)
    stage_new(out).commit()
    assert outputs(out) == {"store/data": "new store", "graph.trig": "new trig", "report.md": "new report"}


def test_killed_before_the_commit_leaves_the_old_output(tmp_path: Path) -> None:
    out = old_build(tmp_path)
    stage_new(out)  # never committed: the process "died" here
    assert not recover(out)
    assert outputs(out) == {"store/data": "old store", "graph.trig": "old trig"}  # staged files cleared


@pytest.mark.parametrize("done", [0, 1, 2, 3])
def test_killed_during_the_renames_is_rolled_forward(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                     done: int) -> None:
    out = old_build(tmp_path)
    stage = stage_new(out)
    real = os.replace
    calls = {"n": 0}

    def dying_replace(src, dst):  # the process dies after `done` renames
        if Path(dst).name != COMMIT_JOURNAL and calls["n"] >= done:
            raise KeyboardInterrupt("killed")
        if Path(dst).name != COMMIT_JOURNAL:
            calls["n"] += 1
        return real(src, dst)

    monkeypatch.setattr(os, "replace", dying_replace)
    with pytest.raises(KeyboardInterrupt):
        stage.commit()
    monkeypatch.setattr(os, "replace", real)
    assert (out / COMMIT_JOURNAL).is_file()
    assert recover(out)
    assert outputs(out) == {"store/data": "new store", "graph.trig": "new trig", "report.md": "new report"}
    assert not (out / COMMIT_JOURNAL).exists()


def test_recover_leaves_the_staged_files_of_a_live_writer(tmp_path: Path) -> None:
    """Even without the lock (another program's writer), what a running process staged is not removed."""
    out = tmp_path / "out"
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        live = out / f".graph.trig.{sleeper.pid}-1.tmp"
        mine = Staging(out).file("graph.trig")
        for path in (live, mine):
            path.write_text("staged", encoding="utf-8")
        with locked(out, "test"):
            recover(out)
        assert live.exists() and not mine.exists()  # this process's own leftovers go
    finally:
        sleeper.kill()
        sleeper.wait()
    with locked(out, "test"):
        recover(out)
    assert not live.exists()  # its writer is gone: cleared


HOLD = """
import sys, time
from pathlib import Path
from kg.files import locked
with locked(Path(sys.argv[1]), "kg build"):
    print("held", flush=True)
    time.sleep(60)
"""


def test_the_output_folder_has_one_writer_at_a_time(tmp_path: Path) -> None:
    out = tmp_path / "out"
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(out)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        with pytest.raises(OutputLocked, match=rf"in use by kg build \(pid {holder.pid}\)"):
            with locked(out, "kg analyze"):
                pass
    finally:
        holder.kill()
        holder.wait()
    with locked(out, "kg analyze"):  # the holder is gone (killed): its lock went with it
        assert json.loads((out / LOCK_FILE).read_text(encoding="utf-8")) == {"pid": os.getpid(),
                                                                             "command": "kg analyze"}


# --- a real build killed with SIGKILL ----------------------------------------------------


def sample(tmp_path: Path, n: int, name: str) -> Path:
    path = tmp_path / name
    with CORPUS.open(encoding="utf-8") as fh:
        path.write_text("".join(line for _, line in zip(range(n), fh, strict=False)), encoding="utf-8")
    return path


def kg(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True, timeout=600)


def consistent(out: Path) -> bytes:
    """The output's TriG, after checking that it parses strictly and holds what the store holds."""
    trig = (out / "graph.trig").read_bytes()
    parsed = ox.Dataset(ox.parse(trig, format=ox.RdfFormat.TRIG))
    store = ox.Store.read_only(str(out / "store"))
    assert len(parsed) == len(store)
    assert all(quad in store for quad in parsed)
    assert json.loads((out / "summary.json").read_text(encoding="utf-8"))["triples"] == len(store)
    return trig


def kill_when(process: subprocess.Popen, ready, timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    while not ready():
        assert process.poll() is None, f"the build ended before it could be killed: {process.returncode}"
        assert time.monotonic() < deadline, "the build never reached the point to kill it at"
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=60)


@pytest.mark.model
@pytest.mark.skipif(not CORPUS.is_file(), reason="../shared/corpus is not beside the project")
@pytest.mark.parametrize("when", ["extracting", "writing"])
def test_sigkill_leaves_the_previous_build_and_append_completes(tmp_path: Path, when: str) -> None:
    small, big = sample(tmp_path, 30, "small.jsonl"), sample(tmp_path, 90, "big.jsonl")
    reference = tmp_path / "reference"
    assert kg("build", str(big), "--out", str(reference)).returncode == 0
    out = tmp_path / "out"
    assert kg("build", str(small), "--out", str(out)).returncode == 0
    before = consistent(out)

    cached = sorted(p.read_bytes() for p in (out / CACHE_DIR).iterdir())
    process = subprocess.Popen([sys.executable, "-m", "kg", "build", str(big), "--out", str(out)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    pending = out / PENDING_DIR
    if when == "extracting":  # some articles extracted and kept, the rest not yet
        kill_when(process, lambda: pending.is_dir() and len(list(pending.glob("*.pickle"))) >= 40)
    else:  # extraction done, the new store and TriG being written beside the old ones
        kill_when(process, lambda: any(p.name.startswith(".graph.trig.") for p in out.iterdir()))
    assert process.returncode == -signal.SIGKILL
    assert consistent(out) == before  # the previous output, whole
    assert sorted(p.read_bytes() for p in (out / CACHE_DIR).iterdir()) == cached  # its cache too

    finished = len(list(pending.glob("*.pickle")))  # the first articles of big are small's 30
    done = kg("build", str(big), "--out", str(out), "--append")
    assert done.returncode == 0, done.stderr
    counts = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert counts["unchanged"] == 30 and counts["new"] == 60  # to the committed output
    assert counts["resumed"] == finished - 30  # what the killed run finished is not redone
    assert consistent(out) == (reference / "graph.trig").read_bytes()
    assert [p.name for p in out.iterdir() if p.name.startswith(".")] == [LOCK_FILE]  # nothing staged is left
