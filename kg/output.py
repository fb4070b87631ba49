"""Writing RDF: deterministic, strict, atomic.

Quads are converted to pyoxigraph terms (which reject any invalid IRI), de-duplicated,
sorted, and written as TriG with fixed prefixes, through a temporary file renamed into
place, so the same input always gives byte-identical files and a killed build never
leaves a half-written one.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import functools
import itertools
import json
import os
import re
import shutil
import tempfile
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from kg.errors import DiskFull, NotWritable, OutputLocked
from kg.namespace import PREFIXES

Quad = tuple[Node, Node, Node, URIRef]


def to_oxigraph(term: Node) -> ox.NamedNode | ox.Literal | ox.BlankNode:
    """An rdflib term as a pyoxigraph term (a pyoxigraph term as it is); raises ValueError for an invalid IRI."""
    if isinstance(term, (ox.Literal, ox.NamedNode, ox.BlankNode)):
        return term
    if isinstance(term, URIRef):
        return _named_node(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    raise TypeError(f"not an RDF term: {term!r}")


@functools.lru_cache(maxsize=65536)
def _named_node(iri: str) -> ox.NamedNode:
    """IRIs repeat (predicates, classes, actors, the article's graph): each is checked and built once."""
    return ox.NamedNode(iri)


def sorted_quads(quads: Iterable[Quad], extra: Iterable[ox.Quad] = ()) -> list[ox.Quad]:
    """Convert, de-duplicate and sort quads into a deterministic order (graph, subject, predicate, object).

    ``extra`` quads are already pyoxigraph quads (e.g. parsed from a file).
    """
    return sorted_graph(quads, extra)[0]


def sorted_graph(quads: Iterable[Quad], extra: Iterable[ox.Quad] = ()) -> tuple[list[ox.Quad], bytes]:
    """:func:`sorted_quads`, with the same quads as N-Quads (what ``ox.serialize`` writes for them).

    Each term is converted and written once per call (an article's IRIs repeat on many quads); quads are
    de-duplicated and sorted by their terms' N-Triples forms, which is :func:`quad_key`, without building a
    quad twice.
    """
    seen: dict[object, tuple[ox.NamedNode | ox.Literal | ox.BlankNode, str]] = {}

    def term(t: Node) -> tuple[ox.NamedNode | ox.Literal | ox.BlankNode, str]:
        if type(t) is ox.Literal:  # literals rarely repeat: not worth keeping
            return t, str(t)
        got = seen.get(t)
        if got is None:
            converted = to_oxigraph(t)
            got = seen[t] = (converted, str(converted))
        return got

    rows: dict[tuple[str, str, str, str], tuple] = {}
    for s, p, o, g in quads:
        (s, s_nt), (p, p_nt), (o, o_nt), (g, g_nt) = term(s), term(p), term(o), term(g)
        rows[g_nt, s_nt, p_nt, o_nt] = (s, p, o, g)
    for quad in extra:
        rows[quad_key(quad)] = quad
    keys = sorted(rows)
    converted = [q if isinstance(q := rows[k], ox.Quad) else ox.Quad(*q) for k in keys]
    return converted, "".join([f"{s} {p} {o} {g} .\n" if g != _DEFAULT else f"{s} {p} {o} .\n"
                               for g, s, p, o in keys]).encode("utf-8")


_DEFAULT = str(ox.DefaultGraph())


def quad_key(quad: ox.Quad) -> tuple[str, str, str, str]:
    """The order of quads in every file this project writes: graph (:func:`graph_key`), subject, predicate,
    object, each by its N-Triples form."""
    return (graph_key(quad.graph_name), str(quad.subject), str(quad.predicate), str(quad.object))


def graph_key(graph: Node | ox.NamedNode | ox.BlankNode | ox.DefaultGraph) -> str:
    """The place of a graph in the files this project writes: its N-Triples form (``<IRI>``), which is not the
    order of the bare IRIs (``…/case-10`` sorts before ``…/case-1`` here, as ``0`` comes before ``>``). Whoever
    orders graphs for :class:`GraphWriter` orders them by this.

    >>> sorted(["http://x/case-1", "http://x/case-10"], key=lambda iri: graph_key(URIRef(iri)))
    ['http://x/case-10', 'http://x/case-1']
    """
    if isinstance(graph, (ox.NamedNode, ox.BlankNode, ox.DefaultGraph)):
        return str(graph)
    return str(to_oxigraph(graph))


@contextmanager
def atomic_path(path: Path):
    """Yield a temporary path beside ``path``; on success it replaces ``path`` in one rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)
    try:
        yield Path(tmp)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


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


def serialize(items: list, rdf_format: ox.RdfFormat) -> bytes:
    """Serialise sorted quads or triples; Turtle and TriG get this project's prefixes, in sorted order."""
    if rdf_format not in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG):
        return ox.serialize(items, format=rdf_format)
    data = ox.serialize(items, format=rdf_format, prefixes=PREFIXES)
    # the serializer's prefix order is its hash map's: sort the header so it can never vary
    n = len(PREFIXES)
    lines = data.split(b"\n", n)
    header, body = lines[:n], lines[n:]
    if not all(line.startswith(b"@prefix ") for line in header):
        return data
    return b"\n".join(sorted(header) + body)


class GraphWriter:
    """Writes RDF a graph at a time to an open binary file: each :meth:`write` gets one graph's quads sorted by
    :func:`quad_key`, the graphs in that order too, and what is written equals :func:`serialize` of all the quads
    at once (TriG: the prefix header once, then each graph), while memory holds one graph."""

    def __init__(self, fh: IO[bytes], rdf_format: ox.RdfFormat = ox.RdfFormat.TRIG) -> None:
        self.fh = fh
        self.rdf_format = rdf_format
        self.header_done = False
        self.last_graph: str | None = None

    def write(self, quads: list[ox.Quad]) -> None:
        if not quads:
            return
        graph = graph_key(quads[0].graph_name)
        if self.last_graph is not None and graph <= self.last_graph:
            raise ValueError(f"graphs out of order: {graph} after {self.last_graph}")
        self.last_graph = graph_key(quads[-1].graph_name)
        data = serialize(quads, self.rdf_format)
        if self.rdf_format == ox.RdfFormat.TRIG:
            n = len(PREFIXES)
            lines = data.split(b"\n", n)
            if len(lines) > n and all(line.startswith(b"@prefix ") for line in lines[:n]):
                if not self.header_done:
                    self.fh.write(b"\n".join(lines[:n]) + b"\n")
                    self.header_done = True
                data = lines[n]
        self.fh.write(data)

    def close(self) -> None:
        """Finish the file (an empty dataset still gets what :func:`serialize` gives for no quads)."""
        if not self.header_done and self.rdf_format == ox.RdfFormat.TRIG:
            self.fh.write(serialize([], self.rdf_format))
            self.header_done = True


def by_graph(quads: list[ox.Quad]) -> Iterator[list[ox.Quad]]:
    """Sorted quads cut into one list per graph."""
    for _, group in itertools.groupby(quads, key=lambda q: graph_key(q.graph_name)):
        yield list(group)


def write_dataset(store: ox.Store, fh: IO[bytes], rdf_format: ox.RdfFormat = ox.RdfFormat.TRIG) -> None:
    """Write the store as TriG (or N-Quads) to the open file ``fh``, in the order of :func:`quad_key`, a graph at
    a time (:class:`GraphWriter`)."""
    graphs = sorted(store.named_graphs(), key=graph_key)
    if next(iter(store.quads_for_pattern(None, None, None, ox.DefaultGraph())), None) is not None:
        graphs = sorted([*graphs, ox.DefaultGraph()], key=graph_key)
    writer = GraphWriter(fh, rdf_format)
    for graph in graphs:
        writer.write(sorted(store.quads_for_pattern(None, None, None, graph), key=quad_key))
    writer.close()


def write_text(text: str, path: Path) -> None:
    with writing(path), atomic_path(path) as tmp:
        tmp.write_text(text, encoding="utf-8")


def write_bytes(data: bytes, path: Path) -> None:
    with writing(path), atomic_path(path) as tmp:
        tmp.write_bytes(data)
