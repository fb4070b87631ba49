"""Communities of actors (Louvain) and the bridge actors related to several of them."""

from __future__ import annotations

from collections.abc import Mapping

import networkx as nx

from kg.analysis.weights import SEED, undirected_weights
from kg.records import Node


def communities(graph: nx.MultiDiGraph) -> dict[Node, int]:
    """Louvain communities of the undirected, weighted actor graph: ``{actor: community}``, community 0
    the largest (ties by the smallest actor IRI); an actor with no relation is a community of its own.

    >>> g = nx.MultiDiGraph([("a", "b", {}), ("b", "a", {}), ("c", "d", {}), ("d", "c", {})])
    >>> communities(g)
    {'a': 0, 'b': 0, 'c': 1, 'd': 1}
    """
    undirected = undirected_weights(graph)
    parts = nx.community.louvain_communities(undirected, weight="weight", seed=SEED) if len(undirected) else []
    ordered = sorted((sorted(map(str, part)), part) for part in parts)
    ordered.sort(key=lambda item: -len(item[1]))
    found = {node: index for index, (_, part) in enumerate(ordered) for node in part}
    return {node: found[node] for node in graph}


def bridges(graph: nx.MultiDiGraph, community: Mapping[Node, int] | None = None) -> dict[Node, int]:
    """Bridge actors: each actor whose related actors belong to two or more communities, and how many.

    >>> g = nx.MultiDiGraph([("a", "b", {}), ("b", "c", {})])
    >>> bridges(g, {"a": 0, "b": 0, "c": 1})
    {'b': 2}
    """
    community = communities(graph) if community is None else community
    out = {}
    undirected = undirected_weights(graph)
    for node in graph:
        reached = {community.get(n) for n in undirected.neighbors(node)}
        if len(reached) >= 2:
            out[node] = len(reached)
    return out
