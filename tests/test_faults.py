"""The fault matrix: a build killed (SIGKILL) at several points, a failed build, a full disk, a damaged cache file
and a second writer, each against an output folder holding a build of batch A. After each, the previous output is
whole (or, for a build killed after it began committing, the new one is), and ``--append`` with the next batch
gives exactly A + B: byte for byte the graph a build of A and B from scratch writes, nothing lost, nothing of a
failed build's own articles let in."""

from __future__ import annotations

import errno
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.cli import cli
from kg.extract.cache import CACHE_DIR, PENDING_DIR
from kg.files import LOCK_FILE

pytestmark = pytest.mark.model

TEXTS = [
    "Rebels said the army shelled Idlib on Monday, killing 3 civilians.",
    "Human Rights Watch accused the government of bombing a hospital in Aleppo.",
    "The Syrian army denied shelling Douma, the state news agency said.",
    "Russia said its jets struck militants near Homs on Tuesday.",
    "The opposition accused Iran of sending fighters to Deraa, a spokesman said.",
    "Activists said a car bomb killed 12 people in Hama on Friday.",
    "The United Nations said aid convoys reached Raqqa after weeks of fighting.",
    "Turkey denied that its troops fired on Kurdish forces near Afrin.",
    "A monitoring group said clashes in Latakia killed 5 soldiers.",
]


def batch(folder: Path, name: str, ids: list[str], first: int) -> Path:
    """A JSONL file of articles with these ids, their texts from TEXTS[first:]."""
    path = folder / f"{name}.jsonl"
    path.write_text("".join(json.dumps({"id": i, "text": f"{TEXTS[n]} ({i})", "source": "AP"}) + "\n"
                            for n, i in enumerate(ids, start=first)), encoding="utf-8")
    return path


A_IDS, B_IDS, C_IDS = ["a-1", "a-2", "a-10"], ["b-1", "b-2"], ["c-1", "c-2", "c-3", "c-4"]


@pytest.fixture(scope="module")
def built(tmp_path_factory, runner) -> dict[str, Path]:
    """Batch files A, B, C; a build of A (copied by each test); the reference build of A and B from scratch."""
    folder = tmp_path_factory.mktemp("faults")
    files = {"A": batch(folder, "A", A_IDS, 0), "B": batch(folder, "B", B_IDS, 3), "C": batch(folder, "C", C_IDS, 5)}
    both = folder / "AB.jsonl"
    both.write_text(files["A"].read_text(encoding="utf-8") + files["B"].read_text(encoding="utf-8"), encoding="utf-8")
    template, reference = folder / "template", folder / "reference"
    for out, source in ((template, files["A"]), (reference, both)):
        result = runner.invoke(cli, ["build", str(source), "--out", str(out)])
        assert result.exit_code == 0, result.output
    return {**files, "AB": both, "template": template, "reference": reference}


@pytest.fixture
def out(built, tmp_path) -> Path:
    """An output folder holding the build of batch A."""
    target = tmp_path / "out"
    shutil.copytree(built["template"], target, symlinks=True)
    return target


def snapshot(folder: Path) -> dict[str, bytes]:
    """The committed output: every file but the store's (checked by :func:`whole`) and those of a run that did not
    finish (staged, pending: hidden) and the lock file."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and p.relative_to(folder).parts[0] != "store"
            and not p.relative_to(folder).parts[0].startswith(".")}


def whole(folder: Path) -> set[str]:
    """The ids of the articles of a consistent output: its TriG parses strictly, holds what its store holds, its
    summary counts them, its cache has one file an article."""
    trig = (folder / "graph.trig").read_bytes()
    parsed = ox.Dataset(ox.parse(trig, format=ox.RdfFormat.TRIG))
    store = ox.Store.read_only(str(folder / "store"))
    assert len(parsed) == len(store) and all(quad in store for quad in parsed)
    summary = json.loads((folder / "summary.json").read_text(encoding="utf-8"))
    assert summary["triples"] == len(store)
    ids = {row["id"].value for row in store.query(
        "SELECT ?id WHERE { ?a <http://purl.org/dc/terms/identifier> ?id ; "
        "<http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#isString> ?text }",
        use_default_graph_as_union=True)}
    assert summary["articles"] == len(ids) == len(list((folder / CACHE_DIR).glob("*.pickle")))
    return ids


def appended(runner, built, out: Path, batch_file: Path | None = None) -> dict:
    """``kg build B --append`` into ``out``: it must give exactly A + B, the reference build's graph."""
    result = runner.invoke(cli, ["build", str(batch_file or built["B"]), "--out", str(out), "--append"])
    assert result.exit_code == 0, result.output
    assert whole(out) == set(A_IDS) | set(B_IDS)
    assert (out / "graph.trig").read_bytes() == (built["reference"] / "graph.trig").read_bytes()
    assert sorted(p.name for p in out.iterdir() if p.name.startswith(".")) == [LOCK_FILE]  # nothing staged left
    return json.loads((out / "summary.json").read_text(encoding="utf-8"))


# --- killed ------------------------------------------------------------------------------------------------------

#: Runs `kg ARGS...` and kills itself (SIGKILL) at a point of the build: python DRIVER POINT N ARGS...
DRIVER = '''
import os, signal, sys
from kg.extract import cache
from kg import files as output
from kg import pipeline

point, n = sys.argv[1], int(sys.argv[2])
calls = {"n": 0}

def die():
    os.kill(os.getpid(), signal.SIGKILL)

def count():
    calls["n"] += 1
    if calls["n"] >= n:
        die()

def after(function):
    def wrapped(*args, **kwargs):
        result = function(*args, **kwargs)
        count()
        return result
    return wrapped

if point == "extracting":  # after N articles' extractions were saved
    cache.save_pending = after(cache.save_pending)
elif point == "store":  # while the store is being written, after N pieces of N-Quads
    write = pipeline.write_nquads
    def dying(folder, data):
        def pieces():
            for piece in data:
                yield piece
                count()
        return write(folder, pieces())
    pipeline.write_nquads = dying
elif point == "analysis":  # after the actors view is written, during the analysis
    pipeline.render_actor_view = after(pipeline.render_actor_view)
elif point == "commit":  # after the journal and N renames of the commit
    replace = os.replace
    def renaming(src, dst):
        replace(src, dst)
        if os.path.exists(os.path.join(os.path.dirname(str(dst)), output.COMMIT_JOURNAL)):
            count()
    os.replace = renaming
elif point == "committed":  # everything committed, the pending extractions not yet cleared
    cache.clear_pending = lambda out: die()

from kg.cli import main
sys.argv = ["kg", *sys.argv[3:]]
main()
'''


def killed(tmp_path: Path, point: str, n: int, *args: str) -> None:
    driver = tmp_path / "driver.py"
    driver.write_text(DRIVER, encoding="utf-8")
    done = subprocess.run([sys.executable, str(driver), point, str(n), *args], capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == -signal.SIGKILL, (done.returncode, done.stderr[-2000:])


@pytest.mark.parametrize(("point", "n", "resumed"), [("extracting", 1, 1), ("store", 1, 2), ("analysis", 1, 2)])
def test_killed_before_the_commit_leaves_the_previous_output_and_append_resumes(
        runner, built, out: Path, tmp_path: Path, point: str, n: int, resumed: int) -> None:
    before = snapshot(out)
    killed(tmp_path, point, n, "build", str(built["B"]), "--out", str(out), "--append")
    assert snapshot(out) == before and whole(out) == set(A_IDS)  # the previous output, its cache included, whole
    assert len(list((out / PENDING_DIR).glob("*.pickle"))) == resumed  # what the killed run finished
    summary = appended(runner, built, out)
    assert (summary["new"], summary["unchanged"], summary["resumed"]) == (2, 0, resumed)  # not extracted again


@pytest.mark.parametrize(("point", "n"), [("commit", 2), ("committed", 1)])
def test_killed_while_committing_gives_the_new_output_whole(runner, built, out: Path, tmp_path: Path, point: str,
                                                            n: int) -> None:
    killed(tmp_path, point, n, "build", str(built["B"]), "--out", str(out), "--append")
    listed = runner.invoke(cli, ["query", "articles", "--data", str(out), "-f", "csv"])  # a reader finishes it
    assert listed.exit_code == 0, listed.output
    assert whole(out) == set(A_IDS) | set(B_IDS)
    assert (out / "graph.trig").read_bytes() == (built["reference"] / "graph.trig").read_bytes()
    summary = appended(runner, built, out)
    assert (summary["new"], summary["unchanged"]) == (0, 2)


def test_a_killed_build_then_append_keeps_the_earlier_articles_and_no_others(runner, built, out: Path,
                                                                             tmp_path: Path) -> None:
    """The issue's case: a build of other articles (not --append) killed part-way, then --append of a new batch:
    the earlier articles are all kept, and none of the killed build's is let in."""
    before = snapshot(out)
    killed(tmp_path, "extracting", 2, "build", str(built["C"]), "--out", str(out))
    assert snapshot(out) == before
    appended(runner, built, out)


# --- failed -------------------------------------------------------------------------------------------------------

def test_a_failed_build_leaves_the_cache_and_append_keeps_the_earlier_articles(runner, built, out: Path) -> None:
    before = snapshot(out)
    result = runner.invoke(cli, ["build", str(out.parent / "does-not-exist"), "--out", str(out)])
    assert result.exit_code == 2 and "no article could be read" in result.output
    assert snapshot(out) == before
    summary = appended(runner, built, out)
    assert (summary["new"], summary["unchanged"]) == (2, 0)


def test_a_build_failing_half_way_leaves_the_previous_output(runner, built, out: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    import kg.pipeline

    def failing(*args, **kwargs):
        raise RuntimeError("simulated failure while writing the views")

    before = snapshot(out)
    monkeypatch.setattr(kg.pipeline, "render_actor_view", failing)
    result = runner.invoke(cli, ["build", str(built["C"]), "--out", str(out)])
    assert result.exit_code != 0 and isinstance(result.exception, RuntimeError)
    monkeypatch.undo()
    assert snapshot(out) == before and whole(out) == set(A_IDS)
    appended(runner, built, out)


# --- disk full ----------------------------------------------------------------------------------------------------

def test_disk_full_while_saving_an_extraction_is_a_clear_error(runner, built, out: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    real = Path.write_bytes

    def full(self: Path, data: bytes) -> int:
        if ".pickle." in self.name:  # an extraction being saved (under its temporary name)
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real(self, data)

    before = snapshot(out)
    monkeypatch.setattr(Path, "write_bytes", full)
    result = runner.invoke(cli, ["build", str(built["B"]), "--out", str(out), "--append"])
    monkeypatch.undo()
    assert result.exit_code == 2, result.output
    assert "error: no space left on device while writing " in result.output and ".pickle" in result.output
    assert isinstance(result.exception, SystemExit)  # a message, no traceback
    assert snapshot(out) == before and whole(out) == set(A_IDS)
    appended(runner, built, out)


def _can_mount_tmpfs() -> bool:
    if not shutil.which("unshare"):
        return False
    try:
        return subprocess.run(["unshare", "-r", "-m", "sh", "-c", "mount -t tmpfs -o size=1m tmpfs /mnt"],
                              capture_output=True, timeout=20).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


#: In a user and mount namespace: a build of A on a small tmpfs, filled up but for LEAVE KiB, then `--append B`
#: (which fails), then the filler removed and `--append B` again; the folder copied out after each step.
FULL_DISK = '''
set -u
mount -t tmpfs -o size=24m tmpfs "$DISK"
cp -a "$TEMPLATE" "$DISK/out"
dd if=/dev/zero of="$DISK/filler" bs=64k 2>/dev/null
truncate -s "-${LEAVE}K" "$DISK/filler"
"$PYTHON" -m kg build "$B" --out "$DISK/out" --append > "$WORK/full.out" 2> "$WORK/full.err"
echo $? > "$WORK/full.status"
cp -a "$DISK/out" "$WORK/after-full"
rm "$DISK/filler"
"$PYTHON" -m kg build "$B" --out "$DISK/out" --append > "$WORK/again.out" 2> "$WORK/again.err"
echo $? > "$WORK/again.status"
cp -a "$DISK/out" "$WORK/after-again"
'''


@pytest.mark.skipif(not _can_mount_tmpfs(), reason="no user namespaces to mount a small tmpfs in")
@pytest.mark.parametrize("leave", [0, 64, 512])  # full from the start; full while writing the store or the views
def test_a_real_full_disk(built, tmp_path: Path, leave: int) -> None:
    (tmp_path / "disk").mkdir()
    env = {**os.environ, "DISK": str(tmp_path / "disk"), "TEMPLATE": str(built["template"]), "B": str(built["B"]),
           "WORK": str(tmp_path), "PYTHON": sys.executable, "LEAVE": str(leave)}
    subprocess.run(["unshare", "-r", "-m", "sh", "-c", FULL_DISK], env=env, check=True, timeout=600)
    errors = (tmp_path / "full.err").read_text(encoding="utf-8")
    assert (tmp_path / "full.status").read_text().strip() == "2", errors
    assert "error: no space left on device while writing " in errors and "Traceback" not in errors
    assert snapshot(tmp_path / "after-full") == snapshot(built["template"])
    assert whole(tmp_path / "after-full") == set(A_IDS)
    assert (tmp_path / "again.status").read_text().strip() == "0", (tmp_path / "again.err").read_text()
    final = tmp_path / "after-again"
    assert whole(final) == set(A_IDS) | set(B_IDS)
    assert (final / "graph.trig").read_bytes() == (built["reference"] / "graph.trig").read_bytes()


# --- a damaged cache file -----------------------------------------------------------------------------------------

def _cache_file(out: Path, article_id: str) -> Path:
    from kg.extract.cache import file_name

    return out / CACHE_DIR / file_name(article_id)


def test_a_damaged_cache_file_is_named_and_its_article_extracted_again(runner, built, out: Path) -> None:
    damaged = _cache_file(out, "a-2")
    damaged.write_bytes(damaged.read_bytes()[: damaged.stat().st_size // 2])  # truncated
    result = runner.invoke(cli, ["build", str(built["AB"]), "--out", str(out), "--append"])
    assert result.exit_code == 0, result.output
    lines = [line for line in result.output.splitlines() if str(damaged) in line]
    assert len(lines) == 1 and "truncated or damaged" in lines[0] and "'a-2' was extracted again" in lines[0]
    assert whole(out) == set(A_IDS) | set(B_IDS)
    assert (out / "graph.trig").read_bytes() == (built["reference"] / "graph.trig").read_bytes()
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert (summary["new"], summary["unchanged"], summary["skipped"]) == (3, 2, 0)


def test_a_damaged_cache_file_whose_text_is_not_given_is_reported_lost(runner, built, out: Path) -> None:
    damaged = _cache_file(out, "a-2")
    damaged.write_bytes(b"")
    result = runner.invoke(cli, ["build", str(built["B"]), "--out", str(out), "--append"])
    assert result.exit_code == 1, result.output
    assert f"warning: skipped {damaged}: " in result.output and "lost from the build" in result.output
    assert whole(out) == {"a-1", "a-10", *B_IDS}


# --- a second writer ----------------------------------------------------------------------------------------------

def _holder_pid(out: Path) -> int | None:
    try:
        return json.loads((out / LOCK_FILE).read_text(encoding="utf-8") or "null")["pid"]
    except (OSError, ValueError, TypeError, KeyError):
        return None


def test_a_second_writer_fails_at_once_naming_the_first_and_readers_read_on(runner, built, out: Path) -> None:
    before = snapshot(out)
    first = subprocess.Popen([sys.executable, "-m", "kg", "build", str(built["B"]), "--out", str(out), "--append"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 120
        while _holder_pid(out) != first.pid:
            assert first.poll() is None and time.monotonic() < deadline, "the first build never took the folder"
            time.sleep(0.01)
        first.send_signal(signal.SIGSTOP)  # it holds the folder, mid-build
        for args in (["build", str(built["C"]), "--out", str(out), "--append"], ["analyze", str(out)]):
            started = time.monotonic()
            result = runner.invoke(cli, args)
            assert result.exit_code == 2, result.output
            assert f"in use by kg build (pid {first.pid})" in result.output
            assert time.monotonic() - started < 10  # at once, not after the first one
        listed = runner.invoke(cli, ["query", "articles", "--data", str(out), "-f", "csv"])
        assert listed.exit_code == 0 and all(i in listed.output for i in A_IDS)  # readers read the committed output
        assert snapshot(out) == before
    finally:
        first.send_signal(signal.SIGCONT)
        _, errors = first.communicate(timeout=300)
    assert first.returncode == 0, errors
    assert whole(out) == set(A_IDS) | set(B_IDS)
    assert (out / "graph.trig").read_bytes() == (built["reference"] / "graph.trig").read_bytes()

