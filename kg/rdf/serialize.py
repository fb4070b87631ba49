"""Writing RDF: deterministic and strict.

Quads are converted to pyoxigraph terms (which reject any invalid IRI), de-duplicated, sorted, and written as TriG
(or another format) with fixed prefixes, so the same input always gives byte-identical files.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Iterable, Iterator
from typing import IO

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from kg.rdf.namespaces import PREFIXES, RDF

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


def jsonld_context() -> dict[str, str]:
    """The ``@context`` of the JSON-LD export: this project's prefixes, and the IRIs of its data (actors, articles,
    assertions) relative to their common base.

    >>> from kg.rdf.iris import BASE
    >>> ctx = jsonld_context()
    >>> ctx["ckg"], ctx["@base"] == BASE
    ('https://w3id.org/conflict-kg/ontology#', True)
    """
    from kg.rdf.iris import BASE

    return {"@base": BASE, **dict(sorted(PREFIXES.items()))}


def compact_jsonld(expanded: bytes) -> bytes:
    """Expanded JSON-LD (as Oxigraph writes it: full IRIs everywhere) written with :func:`jsonld_context`: property
    names, classes and datatypes as compact IRIs (``ckg:speaker``, ``xsd:integer``), the data's IRIs relative to
    the base (``article/000_31ee…``); the same triples, named graphs kept (``@graph``).

    >>> from kg.rdf.iris import BASE
    >>> data = b'[{"@id": "' + BASE.encode() + b'person/x", "@type": ["http://schema.org/Person"],'
    >>> data += b' "http://www.w3.org/2004/02/skos/core#prefLabel": [{"@value": "X"}]}]'
    >>> import json
    >>> json.loads(compact_jsonld(data))["@graph"]
    [{'@id': 'person/x', '@type': ['schema:Person'], 'skos:prefLabel': [{'@value': 'X'}]}]
    >>> json.loads(compact_jsonld(b'[{"@id": "_:b", "http://www.w3.org/1999/02/22-rdf-syntax-ns#type": '
    ...                              b'[{"@id": "https://w3id.org/conflict-kg/ontology#Camp"}]}]'))["@graph"]
    [{'@id': '_:b', '@type': ['ckg:Camp']}]
    """
    import json

    context = jsonld_context()
    base = context["@base"]
    prefixes = sorted(((iri, prefix) for prefix, iri in PREFIXES.items()), key=lambda p: -len(p[0]))

    def term(iri: str) -> str:  # a property, class or datatype: a compact IRI where a prefix fits
        for namespace, prefix in prefixes:
            if iri.startswith(namespace) and not iri[len(namespace):].startswith("//"):
                return f"{prefix}:{iri[len(namespace):]}"
        return iri

    def node_id(iri: str) -> str:  # a subject or object: relative to the base, else as a term
        rest = iri[len(base):]
        segments = rest.split("?", 1)[0].split("#", 1)[0].split("/")
        # relative only where resolving it against the base gives it back: no scheme-like first segment, no dot
        # segment ("article/.." would resolve to the base itself)
        if iri.startswith(base) and rest and ":" not in segments[0] and not rest.startswith(("/", "?", "#")) \
                and not {".", ".."} & set(segments):
            return rest
        return iri if iri.startswith("_:") else term(iri)

    rdf_type = str(RDF.type)

    def walk(value):
        if isinstance(value, list):
            return [walk(v) for v in value]
        if not isinstance(value, dict):
            return value
        out = {}
        for key, item in value.items():
            if key == "@id":
                out[key] = node_id(item)
            elif key == "@type":
                out[key] = [term(t) for t in item] if isinstance(item, list) else term(item)
            elif key in ("@value", "@language"):
                out[key] = item
            elif key == rdf_type and all(isinstance(v, dict) and list(v) == ["@id"] for v in item):
                out["@type"] = [term(v["@id"]) for v in item]  # classes, as JSON-LD writes them
            else:
                out[key if key.startswith("@") else term(key)] = walk(item)
        return out

    def lines(nodes: list, indent: str) -> str:  # a node a line; a named graph's nodes a line each
        shown = []
        for node in nodes:
            if isinstance(node, dict) and "@graph" in node:
                head = json.dumps({k: v for k, v in node.items() if k != "@graph"}, ensure_ascii=False)[:-1]
                shown.append(f'{indent}{head}, "@graph": [\n{lines(node["@graph"], indent + " ")}\n{indent}]}}')
            else:
                shown.append(indent + json.dumps(node, ensure_ascii=False))
        return ",\n".join(shown)

    document = json.loads(expanded)
    nodes = walk(document if isinstance(document, list) else [document])
    head = json.dumps({"@context": context}, ensure_ascii=False, indent=1)[:-2]
    return f'{head},\n "@graph": [\n{lines(nodes, "  ")}\n ]\n}}\n'.encode()
