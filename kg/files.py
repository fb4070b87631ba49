"""Writing files: each one atomically, and a build's outputs all together.

:func:`atomic_path` is the one way kg writes a file in place: the content goes to a temporary file beside the
target, is flushed to the disk (``fsync``) and renamed over the target in one step, so a reader never sees a
half-written file and a killed run leaves the old one. :class:`Staging` goes one further for a build's outputs:
all are staged under temporary names and renamed into place together, with a journal that :func:`recover` rolls
forward, so the outputs are all old or all new. :func:`locked` holds an output folder for one writing command at a
time, and :func:`writing` turns a full disk into a clear error.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import os
import re
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from kg.errors import DiskFull, NotWritable, OutputLocked


@contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``path`` (missing folders are made); on success what was written there is
    flushed to the disk and replaces ``path`` in one rename; on failure it is removed and ``path`` is left as it was.
    The file gets the permissions the umask gives a new file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)
    try:
        yield Path(tmp)
        _sync(tmp)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _sync(path: str) -> None:
    """Flush a written file's data to the disk, so the rename that follows never shows an empty or partial file
    after a crash of the machine."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


_FULL = (errno.ENOSPC, errno.EDQUOT)


@contextmanager
def writing(path: Path) -> Iterator[None]:
    """Turn a full disk (or quota) while writing ``path`` into :class:`kg.errors.DiskFull`, a clear message and exit
    status 2, instead of an OSError's traceback."""
    try:
        yield
    except OSError as exc:
        if exc.errno in _FULL or (exc.errno is None and "no space left on device" in str(exc).lower()):
            raise DiskFull(exc.filename or path) from None  # (Oxigraph's errors carry the message, no errno)
        raise


LOCK_FILE = ".lock"


@contextmanager
def locked(out: Path, command: str) -> Iterator[None]:
    """Hold the output folder ``out`` for one writing ``command`` (``fcntl.flock`` on ``OUT/.lock``, released when
    the process ends, however it ends). Another command holding it makes this fail at once with
    :class:`kg.errors.OutputLocked` naming its pid and command: a second writer does not wait. The lock file holds
    the holder's pid and command while it is held (read for that message); it is never removed."""
    path = out / LOCK_FILE
    try:
        with writing(path):
            out.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o666)
    except OSError as exc:  # a folder this user may not write, a read-only file system, a file named so
        raise NotWritable(str(out), exc) from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise OutputLocked(str(out), _holder(fd)) from None
        try:
            os.ftruncate(fd, 0)
            os.pwrite(fd, json.dumps({"pid": os.getpid(), "command": command}).encode("utf-8"), 0)
        except OSError:
            pass  # (a full disk): the lock holds all the same, only its holder is not named
        try:
            yield
        finally:
            with contextlib.suppress(OSError):
                os.ftruncate(fd, 0)  # released: no holder to name
    finally:
        os.close(fd)


def _holder(fd: int) -> dict:
    """Who holds the lock, as it wrote in the lock file ({} when it has not written yet)."""
    for _ in range(20):  # it writes its pid just after taking the lock
        try:
            holder = json.loads(os.pread(fd, 4096, 0) or b"null")
        except (OSError, ValueError):
            holder = None
        if isinstance(holder, dict):
            return holder
        time.sleep(0.01)
    return {}


COMMIT_JOURNAL = ".commit.json"
_STAGED = re.compile(r"^\.(?P<name>[^/]+)\.(?P<token>(?P<pid>\d+)-\d+)\.(?:tmp|old)$")


class Staging:
    """A build's outputs, written beside their targets under temporary names, then renamed into place together.

    :meth:`commit` first writes a journal of the renames (``OUT/.commit.json``), then renames, then removes the
    journal: a run killed before the journal leaves the previous outputs untouched (the staged files are cleared
    by the next run); one killed during the renames is rolled forward by :func:`recover`, which every command that
    writes or reads an output folder calls first. Either way the outputs are all old or all new.
    """

    def __init__(self, out: Path) -> None:
        self.out = out
        self.token = f"{os.getpid()}-{time.time_ns()}"
        self.moves: list[tuple[str, str]] = []
        out.mkdir(parents=True, exist_ok=True)

    def file(self, name: str) -> Path:
        """Where to write the output ``OUT/name`` now."""
        tmp = self.out / f".{name}.{self.token}.tmp"
        self.moves.append((tmp.name, name))
        return tmp

    def folder(self, name: str) -> Path:
        """A new, empty folder to write the output folder ``OUT/name`` into now."""
        tmp = self.file(name)
        tmp.mkdir()
        return tmp

    def commit(self) -> None:
        journal = self.out / COMMIT_JOURNAL
        with atomic_path(journal) as tmp:
            tmp.write_text(json.dumps({"token": self.token, "moves": self.moves}), encoding="utf-8")
        _apply(self.out, self.token, self.moves)
        journal.unlink()

    def discard(self) -> None:
        for tmp, _ in self.moves:
            _remove(self.out / tmp)

    def __enter__(self) -> Staging:
        return self

    def __exit__(self, kind: object, *rest: object) -> None:
        if kind is not None:
            self.discard()


def recover(out: Path) -> bool:
    """Finish a commit a killed run left half done (roll it forward) and clear what a killed run staged; True if
    there was a commit to finish. The caller holds the folder (:func:`locked`); files staged by a process that is
    still running (another writer that does not take the lock) are left alone all the same."""
    journal = Path(out) / COMMIT_JOURNAL
    finished = False
    if journal.is_file():
        try:
            plan = json.loads(journal.read_text(encoding="utf-8"))
            _apply(Path(out), plan["token"], [tuple(m) for m in plan["moves"]])
            finished = True
        except (OSError, ValueError, KeyError, TypeError):
            pass  # a journal cut short: its run never began renaming
        journal.unlink(missing_ok=True)
    if Path(out).is_dir():
        for entry in Path(out).iterdir():
            staged = _STAGED.match(entry.name)
            if staged and not _running(int(staged.group("pid"))):
                _remove(entry)
    return finished


def _running(pid: int) -> bool:
    """Whether ``pid`` is another process that is running now (this one's leftovers are its own to clear)."""
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # running, as another user
    return True


def _apply(out: Path, token: str, moves: list[tuple[str, str]]) -> None:
    for tmp_name, target_name in moves:
        tmp, target = out / tmp_name, out / target_name
        if not tmp.exists():
            continue  # renamed already
        if tmp.is_dir() and target.exists():
            old = out / f".{target_name}.{token}.old"
            if not old.exists():
                os.replace(target, old)
            else:
                _remove(target)
        os.replace(tmp, target)
    for _, target_name in moves:
        _remove(out / f".{target_name}.{token}.old")


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def write_text(text: str, path: Path, *, errors: str = "strict") -> None:
    """Write ``text`` (UTF-8, ``errors`` as :meth:`str.encode` takes it) to ``path`` atomically."""
    with writing(path), atomic_path(path) as tmp:
        tmp.write_bytes(text.encode("utf-8", errors))


def write_bytes(data: bytes, path: Path) -> None:
    """Write ``data`` to ``path`` atomically."""
    with writing(path), atomic_path(path) as tmp:
        tmp.write_bytes(data)
