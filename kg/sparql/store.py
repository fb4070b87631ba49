"""The embedded triplestore: a persistent Oxigraph store beside each build (``OUT/store``).

``kg build`` writes it next to ``graph.trig``; ``kg query --data OUT`` queries it without
re-parsing the TriG; ``kg load``, ``kg export`` and ``kg serve`` read it. Any RDF file can be
opened too (it is loaded into a store in memory).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

from kg.errors import BadOption, DataNotFound, DiskFull, KGError, NotWritable, OutputLocked, QueryError
from kg.files import COMMIT_JOURNAL, locked, recover

STORE_DIR = "store"
GRAPH_FILE = "graph.trig"
RDF_FORMATS = {
    ".trig": ox.RdfFormat.TRIG,
    ".ttl": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".nq": ox.RdfFormat.N_QUADS,
    ".n3": ox.RdfFormat.N3,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".owl": ox.RdfFormat.RDF_XML,
    ".xml": ox.RdfFormat.RDF_XML,
    ".jsonld": ox.RdfFormat.JSON_LD,
}


WRITE_CHUNK = 16 << 20  # bytes of N-Quads the loader hands to Oxigraph's bulk loader at a time


#: The store writer's second process: N-Quads from stdin into a new store, a chunk of bytes (cut at a line's end)
#: at a time. A thread reads the pipe meanwhile (Oxigraph's bulk loader lets go of the GIL), so the build never
#: waits on a full pipe while a chunk is being indexed; at most 4 chunks wait. The store is compacted
#: (``optimize``) by whoever opens it next (the build's analysis does, while it renders the views), not here.
_LOADER = """
import ctypes, os, queue, signal, sys, threading
try:  # Linux: killed with the build, so that a killed build leaves no writer behind in what it staged
    ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
except (OSError, AttributeError):
    pass
if os.getppid() != int(sys.argv[3]):
    sys.exit("the build that started the store writer is gone")
import pyoxigraph as ox
store = ox.Store(sys.argv[1])
size = int(sys.argv[2])
chunks = queue.Queue(maxsize=4)
def read():
    while True:
        data = sys.stdin.buffer.read(size)
        chunks.put(data)
        if not data:
            return
threading.Thread(target=read, daemon=True).start()
rest = b""
while True:
    data = chunks.get()
    if not data:
        break
    data = rest + data
    cut = data.rfind(b"\\n") + 1
    rest = data[cut:]
    if cut:
        store.bulk_load(data[:cut], format=ox.RdfFormat.N_QUADS, lenient=True)
if rest.strip():
    store.bulk_load(rest, format=ox.RdfFormat.N_QUADS, lenient=True)
store.flush()
"""


def write_nquads(folder: Path, data: Iterable[bytes], chunk: int = WRITE_CHUNK) -> Path:
    """Write N-Quads (``data``: pieces of a document, each ending at a line's end, consumed as a stream) as a
    persistent store in the new, empty ``folder``.

    They go through a pipe to a second Python process that loads them into the store, ``chunk`` bytes at a time:
    it parses and indexes on another core while this one makes the next quads, and neither holds more than a few
    chunks (Oxigraph's own ``oxigraph load`` would be as fast but holds about 1 GB whatever the size).
    """
    with tempfile.TemporaryFile() as errors:
        loader = subprocess.Popen([sys.executable, "-c", _LOADER, str(folder), str(chunk), str(os.getpid())],
                                  stdin=subprocess.PIPE,
                                  stdout=subprocess.DEVNULL, stderr=errors)
        assert loader.stdin is not None
        try:
            for piece in data:
                loader.stdin.write(piece)
            loader.stdin.close()
        except BrokenPipeError:
            pass  # the loader died: its status and message below
        except BaseException:
            loader.kill()
            loader.wait()
            raise
        if loader.wait() != 0:
            errors.seek(0)
            message = errors.read().decode("utf-8", "replace").strip().splitlines()[-1:] or ["no message"]
            if "no space left on device" in message[0].lower() or "os error 28" in message[0].lower():
                raise DiskFull(folder)
            raise KGError(f"writing the store in {folder} failed (status {loader.returncode}): {message[0][:300]}")
    return folder


def replace_graph(store: ox.Store, graph: ox.NamedNode, quads: Iterable[ox.Quad]) -> None:
    """Replace the named ``graph`` of ``store`` by the triples of ``quads``, in one SPARQL update (all or
    nothing), and flush it to the disk."""
    body = "\n".join(f"{q.subject} {q.predicate} {q.object} ." for q in quads)
    store.update(f"DROP SILENT GRAPH {graph} ; INSERT DATA {{ GRAPH {graph} {{ {body} }} }}")
    store.flush()


def graph_file(path: str | Path) -> Path:
    """The RDF file behind ``--data``: a build's folder (its graph.trig) or an RDF file."""
    p = Path(path)
    if p.is_dir():
        p = p / GRAPH_FILE
    if not p.is_file():
        raise DataNotFound(str(path))
    return p


def open_store(path: str | Path) -> ox.Store:
    """A store over the graph at ``path``: a build folder's persistent store (read-only), else the RDF file
    (a build's graph.trig, or any .ttl/.trig/.nt/.nq/... file) loaded in memory."""
    p = Path(path)
    if p.is_dir() and (p / COMMIT_JOURNAL).is_file():
        finish_commit(p)
    if p.is_dir() and (p / STORE_DIR).is_dir():
        try:
            return ox.Store.read_only(str(p / STORE_DIR))
        except OSError as exc:
            if (p / COMMIT_JOURNAL).is_file():  # a build began renaming its outputs into place meanwhile
                finish_commit(p)
                return open_store(p)
            raise QueryError(f"the store in {p / STORE_DIR} cannot be opened ({exc}): rebuild with `kg build`") from exc
    file = graph_file(p)
    fmt = RDF_FORMATS.get(file.suffix.lower())
    if fmt is None:
        raise BadOption("--data", str(path), f"an RDF file ending in {', '.join(RDF_FORMATS)}, or a build folder")
    store = ox.Store()
    try:
        store.bulk_load(path=str(file), format=fmt)
    except (SyntaxError, ValueError) as exc:
        raise QueryError(f"{file} is not valid {file.suffix} RDF: {exc}") from exc
    return store


def finish_commit(out: Path) -> None:
    """Let a commit that is under way in ``out`` finish, or finish one a killed build left half done, before
    reading: the writer holds the folder (:func:`kg.files.locked`) while it renames, a killed one does not."""
    while (out / COMMIT_JOURNAL).is_file():
        try:
            with locked(out, "kg (finishing a build's commit)"):
                recover(out)
        except OutputLocked:  # held: a writer is committing now; its journal goes when it is done
            time.sleep(0.05)
        except (OSError, DiskFull, NotWritable):  # a folder this user cannot write: read what is there
            return


def graphs(store: ox.Store) -> dict[str, list[ox.Quad]]:
    """The store's quads by named graph IRI ("" for the default graph), each graph's quads sorted."""
    found: dict[str, list[ox.Quad]] = defaultdict(list)
    for quad in store:
        name = quad.graph_name.value if isinstance(quad.graph_name, ox.NamedNode) else ""
        found[name].append(quad)
    return {g: sorted(qs, key=lambda q: (str(q.subject), str(q.predicate), str(q.object)))
            for g, qs in sorted(found.items())}


EXPORT_FORMATS = {
    "ttl": ox.RdfFormat.TURTLE,
    "trig": ox.RdfFormat.TRIG,
    "nq": ox.RdfFormat.N_QUADS,
    "nt": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
}


def export(store: ox.Store, fmt: str) -> bytes:
    """The store's content in ``fmt`` (ttl, trig, nq, nt, jsonld), in a stable order.

    Formats without named graphs (ttl, nt) get the union of all graphs; JSON-LD has a ``@context`` of the project's
    prefixes and writes compact IRIs (:func:`kg.rdf.serialize.compact_jsonld`).
    """
    import io

    from kg.rdf.serialize import compact_jsonld, quad_key, serialize, write_dataset

    if fmt not in EXPORT_FORMATS:
        raise BadOption("--format", fmt, " | ".join(EXPORT_FORMATS))
    if EXPORT_FORMATS[fmt] in (ox.RdfFormat.TRIG, ox.RdfFormat.N_QUADS):
        buffer = io.BytesIO()
        write_dataset(store, buffer, EXPORT_FORMATS[fmt])
        return buffer.getvalue()
    quads = sorted(store, key=quad_key)
    if fmt in ("ttl", "nt"):
        triples = sorted({ox.Triple(q.subject, q.predicate, q.object) for q in quads},
                         key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
        return serialize(triples, EXPORT_FORMATS[fmt])
    if fmt == "jsonld":  # compact, with a @context of the project's prefixes
        return compact_jsonld(serialize(quads, EXPORT_FORMATS[fmt]))
    return serialize(quads, EXPORT_FORMATS[fmt])


def rdflib_dataset(path: str | Path):
    """An rdflib ``Dataset`` over the graph at ``path``, backed by Oxigraph (``oxrdflib``), for rdflib code.

    Queries through it run on Oxigraph's engine; the build's store is opened read-only.
    """
    from oxrdflib import OxigraphStore
    from rdflib import Dataset

    return Dataset(store=OxigraphStore(store=open_store(path)))
