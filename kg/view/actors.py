"""The actors view: the actor network with each actor's figures from the analysis."""

from __future__ import annotations

import networkx as nx

from kg.analysis.measures import Analysis


def actor_view(network: nx.MultiDiGraph, result: Analysis) -> nx.MultiDiGraph:
    """A copy of the actor network for the view: nodes sized by PageRank, with their figures."""
    view = network.copy()
    for node, attrs in view.nodes(data=True):
        attrs["size_value"] = result.pagerank.get(node, 0.0)
        facts = [("accuses", result.accusations_made.get(node, 0)),
                 ("accused", result.accusations_received.get(node, 0)),
                 ("PageRank", f"{result.pagerank.get(node, 0.0):.3f}")]
        if node in result.camp:
            facts.append(("camp", result.camp[node]))
        attrs["facts"] = facts
    return view
