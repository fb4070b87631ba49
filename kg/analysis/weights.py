"""The actor network collapsed to simple weighted graphs, which the measures work on."""

from __future__ import annotations

import networkx as nx

#: Seed of the measures that draw at random (Louvain's communities, the sampled betweenness), so that the same graph
#: always gives the same figures.
SEED = 42


def weighted_digraph(graph: nx.MultiDiGraph, relations: set[str] | None = None) -> nx.DiGraph:
    """The multigraph collapsed to one edge per ordered pair, ``weight`` = the number of edges (of
    ``relations`` only, when given). A new graph; ``graph`` is not changed.

    >>> g = nx.MultiDiGraph([("a", "b", {"relation": "accuses"}), ("a", "b", {"relation": "accuses"})])
    >>> weighted_digraph(g)["a"]["b"]["weight"]
    2
    """
    return _collapse(graph, nx.DiGraph(), relations)


def undirected_weights(graph: nx.MultiDiGraph) -> nx.Graph:
    return _collapse(graph, nx.Graph(), loops=False)


def _collapse(graph: nx.MultiDiGraph, into: nx.Graph, relations: set[str] | None = None, *,
              loops: bool = True) -> nx.Graph:
    """``into`` (an empty DiGraph or Graph) given every actor and one edge per pair, ``weight`` = how many
    edges of ``graph`` (of ``relations`` only, when given; self-loops only if ``loops``) join the pair."""
    into.add_nodes_from(graph)
    for u, v, rel in graph.edges(data="relation"):
        if (relations is not None and rel not in relations) or (u == v and not loops):
            continue
        if into.has_edge(u, v):
            into[u][v]["weight"] += 1
        else:
            into.add_edge(u, v, weight=1)
    return into
