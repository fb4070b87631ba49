"""The actor network with its analysis for network tools (Gephi, Cytoscape, yEd): GraphML and GEXF.

:func:`network_for_export` makes from the actor network (:func:`kg.analysis.network.actor_network`) and its
analysis a graph whose every attribute is a string, an integer, a float or a boolean, as GraphML and GEXF require:

- a node per actor: ``label``, ``type``, ``mentions``, each measure of :data:`kg.analysis.measures.MEASURES` that
  the actor has a value of (``camp``, ``community`` and ``reciprocity`` are left out where it has none, never
  written as a made-up number), and per relation the assertions it is the source (``out_accuses``) and the target
  (``in_accuses``) of, then its first evidence sentence and the article it comes from;
- an edge per source, target and relation (its key the relation's name): ``label`` and ``relation`` (the
  relation's name), ``polarity``, ``weight``
  (the assertions behind it), ``articles`` (in how many articles), the first evidence sentence and its article.

:func:`network_bytes` writes it out, the same bytes for the same network.
"""

from __future__ import annotations

import io
import re
from collections import defaultdict
from typing import Any

import networkx as nx

from kg.analysis.measures import MEASURES
from kg.analysis.network import RELATIONS
from kg.records import Analysis, Node

#: Export formats of the actor network.
NETWORK_FORMATS = ("graphml", "gexf")

_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def relation_attribute(relation: str, direction: str) -> str:
    """The node attribute counting an actor's assertions of ``relation`` as source (``out``) or target (``in``).

    >>> relation_attribute("supplies arms", "out"), relation_attribute("accuses", "in")
    ('out_supplies_arms', 'in_accuses')
    """
    return f"{direction}_{relation.replace(' ', '_')}"


def network_for_export(graph: nx.MultiDiGraph, analysis: Analysis) -> nx.MultiDiGraph:
    """``graph`` (the actor network, not changed) with ``analysis`` as flat attributes, one edge per source, target
    and relation.

    >>> g = nx.MultiDiGraph()
    >>> g.add_node("a", label="A", type="State", mentions=2, evidence=[{"sentence": "A hit B.", "article": "x"}])
    >>> g.add_node("b", label="B", type="Person", mentions=1)
    >>> for n in (1, 2, 3):
    ...     _ = g.add_edge("a", "b", key=f"e{n}", relation="attacks", polarity=-1,
    ...                    evidence=[{"assertion": f"e{n}", "sentence": "A hit B.", "article": "x"}])
    >>> from kg.analysis.measures import analyze
    >>> out = network_for_export(g, analyze(g))
    >>> edge = out["a"]["b"]["attacks"]
    >>> edge["relation"], edge["polarity"], edge["weight"], edge["articles"], edge["sentence"], edge["article"]
    ('attacks', -1, 3, 1, 'A hit B.', 'x')
    >>> out.nodes["a"]["out_attacks"], out.nodes["b"]["in_attacks"], out.nodes["a"]["camp"] != out.nodes["b"]["camp"]
    (3, 3, True)
    >>> "evidence" in out.nodes["a"], g.number_of_edges()
    (False, 3)
    """
    out = nx.MultiDiGraph()
    counts: dict[Node, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    grouped: dict[tuple[Node, Node, str], list[dict[str, Any]]] = defaultdict(list)
    for source, target, data in graph.edges(data=True):
        relation = data["relation"]
        counts[source][relation_attribute(relation, "out")] += 1
        counts[target][relation_attribute(relation, "in")] += 1
        grouped[(source, target, relation)].append(data)
    for node in sorted(graph, key=str):
        attrs = graph.nodes[node]
        row: dict[str, Any] = {"label": _text(attrs.get("label", node)), "type": _text(attrs.get("type", "")),
                               "mentions": int(attrs.get("mentions", 0))}
        for measure in MEASURES:
            value = analysis.measures.get(measure.name, {}).get(node, measure.default)
            if value is not None:
                row[measure.name] = _flat(round(value, measure.digits) if measure.digits is not None else value)
        for relation in RELATIONS:
            for direction in ("out", "in"):
                name = relation_attribute(relation, direction)
                row[name] = counts[node][name]
        evidence = attrs.get("evidence") or [{}]
        row["sentence"] = _text(evidence[0].get("sentence", ""))
        row["article"] = _text(evidence[0].get("article", ""))
        out.add_node(str(node), **row)
    for (source, target, relation), found in sorted(grouped.items(), key=lambda kv: tuple(map(str, kv[0]))):
        evidence = sorted((e for data in found for e in data.get("evidence", ())),
                          key=lambda e: (str(e.get("article", "")), str(e.get("assertion", ""))))
        first = evidence[0] if evidence else {}
        out.add_edge(str(source), str(target), key=relation, label=relation, relation=relation,
                     polarity=int(found[0]["polarity"]), weight=len(found),
                     articles=len({e.get("article") for e in evidence}),
                     sentence=_text(first.get("sentence", "")), article=_text(first.get("article", "")))
    return out


def network_bytes(graph: nx.MultiDiGraph, fmt: str) -> bytes:
    """``graph`` (as :func:`network_for_export` makes it) as GraphML or GEXF 1.2, UTF-8; the same bytes for the same
    graph (GEXF's date of last change, which networkx sets to today, is left out).

    >>> g = nx.MultiDiGraph()
    >>> g.add_edge("a", "b", key="accuses", relation="accuses", weight=1)
    'accuses'
    >>> b"<graphml" in network_bytes(g, "graphml"), b"lastmodifieddate" in network_bytes(g, "gexf")
    (True, False)
    """
    if fmt == "graphml":
        buffer = io.BytesIO()
        nx.write_graphml_xml(graph, buffer, encoding="utf-8", prettyprint=True)
        return buffer.getvalue()
    if fmt == "gexf":
        from networkx.readwrite.gexf import GEXFWriter

        writer = GEXFWriter(encoding="utf-8", prettyprint=True, version="1.2draft")
        meta = writer.xml.find("meta")
        if meta is not None:
            meta.attrib.pop("lastmodifieddate", None)
            creator = meta.find("creator")
            if creator is not None:
                creator.text = "conflict-kg"
        writer.add_graph(graph)
        buffer = io.BytesIO()
        writer.write(buffer)
        return buffer.getvalue()
    raise ValueError(f"unknown network format {fmt!r}: one of {', '.join(NETWORK_FORMATS)}")


def _flat(value: Any) -> str | int | float | bool:
    """A value GraphML and GEXF can hold: a bool, int, float or string (a list is joined with ``; ``).

    >>> _flat(3), _flat(0.5), _flat(["a", "b"]), _flat({"k": 1})
    (3, 0.5, 'a; b', "{'k': 1}")
    """
    if isinstance(value, bool | int | float):
        return value
    if isinstance(value, list | tuple | set | frozenset):
        return "; ".join(sorted(map(_text, value)) if isinstance(value, set | frozenset) else map(_text, value))
    return _text(value)


def _text(value: Any) -> str:
    """``value`` as text XML 1.0 can carry (control characters it forbids dropped)."""
    return _XML_ILLEGAL.sub("", str(value))


__all__ = ["NETWORK_FORMATS", "network_bytes", "network_for_export", "relation_attribute"]
