"""Who accuses whom: accusations made and received, their reciprocity, and mutual accusers."""

from __future__ import annotations

from collections import Counter

import networkx as nx

from kg.analysis.network import ACCUSES
from kg.analysis.weights import weighted_digraph
from kg.records import Node


def accusations_made(graph: nx.MultiDiGraph) -> dict[Node, int]:
    """How many accusations each actor makes (out-degree over ``accuses`` edges).

    >>> g = nx.MultiDiGraph([("a", "b", {"relation": "accuses"}), ("a", "c", {"relation": "accuses"}),
    ...                      ("b", "a", {"relation": "praises"})])
    >>> accusations_made(g)
    {'a': 2, 'b': 0, 'c': 0}
    """
    counts = Counter(u for u, _, rel in graph.edges(data="relation") if rel == ACCUSES)
    return {node: counts.get(node, 0) for node in graph}


def accusations_received(graph: nx.MultiDiGraph) -> dict[Node, int]:
    """How many accusations each actor is the target of (in-degree over ``accuses`` edges).

    >>> g = nx.MultiDiGraph([("a", "b", {"relation": "accuses"}), ("c", "b", {"relation": "accuses"})])
    >>> accusations_received(g)
    {'a': 0, 'b': 2, 'c': 0}
    """
    counts = Counter(v for _, v, rel in graph.edges(data="relation") if rel == ACCUSES)
    return {node: counts.get(node, 0) for node in graph}


def reciprocity(graph: nx.MultiDiGraph) -> dict[Node, float]:
    """For each actor that accuses someone: the share of the actors it accuses that accuse it back.

    >>> g = nx.MultiDiGraph([("a", "b", {"relation": "accuses"}), ("b", "a", {"relation": "accuses"}),
    ...                      ("a", "c", {"relation": "accuses"})])
    >>> reciprocity(g)
    {'a': 0.5, 'b': 1.0}
    """
    accused = weighted_digraph(graph, {ACCUSES})
    out = {}
    for node in graph:
        targets = list(accused.successors(node))
        if targets:
            out[node] = sum(1 for t in targets if accused.has_edge(t, node)) / len(targets)
    return out


def mutual_accusations(graph: nx.MultiDiGraph) -> list[tuple[Node, Node, int, int]]:
    """Pairs of actors that accuse each other: ``(a, b, a's accusations of b, b's of a)``, most first.

    >>> g = nx.MultiDiGraph([("a", "b", {"relation": "accuses"}), ("b", "a", {"relation": "accuses"})])
    >>> mutual_accusations(g)
    [('a', 'b', 1, 1)]
    """
    accused = weighted_digraph(graph, {ACCUSES})
    pairs = []
    for u, v, weight in accused.edges(data="weight"):
        if str(u) < str(v) and accused.has_edge(v, u):
            pairs.append((u, v, weight, accused[v][u]["weight"]))
    return sorted(pairs, key=lambda p: (-(p[2] + p[3]), str(p[0]), str(p[1])))
