"""The actors view: the actor network with each actor's figures from the analysis."""

from __future__ import annotations

import networkx as nx

from kg.records import Analysis


def actor_view(network: nx.MultiDiGraph, result: Analysis) -> nx.MultiDiGraph:
    """A copy of the actor network for the view: nodes sized by PageRank, with their figures."""
    view = network.copy()
    pagerank, camp = result.measures["pagerank"], result.measures["camp"]
    for node, attrs in view.nodes(data=True):
        attrs["size_value"] = pagerank.get(node, 0.0)
        facts = [("accuses", result.measures["accusations_made"].get(node, 0)),
                 ("accused", result.measures["accusations_received"].get(node, 0)),
                 ("PageRank", f"{pagerank.get(node, 0.0):.3f}")]
        if node in camp:
            facts.append(("camp", camp[node]))
        attrs["facts"] = facts
    return view
