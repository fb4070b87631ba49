"""Stage: the actor network -> its analysis (who accuses whom, camps, central and bridge actors).

Every measure is a function that takes the actor network (a networkx ``MultiDiGraph`` as
:func:`kg.analysis.network.actor_network` returns it: edges with ``relation`` and ``polarity``), leaves it
unchanged, and returns ``{actor: value}``; networkx's way, one family a module (:mod:`~kg.analysis.accusations`,
:mod:`~kg.analysis.centrality`, :mod:`~kg.analysis.communities`, :mod:`~kg.analysis.balance`).

A measure is one entry of :data:`MEASURES`: its function, the ontology property and datatype it is written with.
:func:`analyze` runs them all into one :class:`~kg.records.Analysis`, and :mod:`kg.analysis.report` writes every
entry out the same way: in the store's analysis graph, ``OUT/analysis.json`` and ``OUT/report.md``. A new measure
is a function and an entry here (and its property in the ontology).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import networkx as nx
from rdflib import URIRef

from kg.analysis.accusations import accusations_made, accusations_received, mutual_accusations, reciprocity
from kg.analysis.balance import camp_relations, camp_summary, camps, frustration, signed_pairs
from kg.analysis.centrality import betweenness, pagerank
from kg.analysis.communities import bridges, communities
from kg.analysis.network import ACCUSES
from kg.analysis.weights import weighted_digraph
from kg.rdf.namespaces import CKG, XSD
from kg.records import Analysis, Node


@dataclass(frozen=True)
class Ranking:
    """A table of ``report.md``: the actors with the highest values of a measure (``among``: only the actors that
    have a value of that other measure). ``rests_on``: the relations a value rests on, whose number and articles the
    table gives: an actor's relations of that kind (None: of any) as source (``out``), target (``in``) or either
    (``both``)."""

    title: str
    header: str
    fmt: str = "{}"
    among: str | None = None
    rests_on: tuple[str, str | None] = ("both", None)


@dataclass(frozen=True)
class Measure:
    """A measure of the actor network and how it is written out.

    ``compute`` takes the network and the values of the measures named in ``needs`` (worked out before it);
    ``term`` is the property of the analysis graph, with values of ``datatype`` (``ckg:Camp``: a camp's number,
    written as the camp's IRI); ``analysis.json`` gives ``default`` to an actor without a value and rounds to
    ``digits``; ``ranking``, when given, is its table in ``report.md``.
    """

    name: str
    compute: Callable[..., Mapping[Node, Any]]
    term: URIRef
    datatype: URIRef
    default: Any = None
    digits: int | None = None
    needs: tuple[str, ...] = ()
    ranking: Ranking | None = None


#: Every measure, in the order analysis.json lists them (and report.md its tables).
MEASURES: tuple[Measure, ...] = (
    Measure("accusations_made", accusations_made, CKG.accusationsMade, XSD.integer, default=0,
            ranking=Ranking("Most accusing", "accusations made", rests_on=("out", ACCUSES))),
    Measure("accusations_received", accusations_received, CKG.accusationsReceived, XSD.integer, default=0,
            ranking=Ranking("Most accused", "accusations received", rests_on=("in", ACCUSES))),
    Measure("pagerank", pagerank, CKG.pageRank, XSD.double, default=0.0, digits=6,
            ranking=Ranking("Central actors (PageRank)", "PageRank", "{:.4f}")),
    Measure("betweenness", betweenness, CKG.betweenness, XSD.double, default=0.0, digits=6,
            ranking=Ranking("Bridge actors (betweenness)", "betweenness", "{:.4f}", among="bridges")),
    Measure("community", communities, CKG.community, XSD.integer),
    Measure("camp", camps, CKG.inCamp, CKG.Camp),
    Measure("reciprocity", reciprocity, CKG.reciprocity, XSD.double, digits=4),
    Measure("bridges", bridges, CKG.bridges, XSD.integer, default=0, needs=("community",)),
)


def analyze(graph: nx.MultiDiGraph, *, known: Mapping[str, Mapping[Node, Any]] | None = None) -> Analysis:
    """Run every measure on ``graph`` (not changed); ``known``: the values of measures worked out already (the
    build works out the betweenness of a large network in another process meanwhile).

    >>> g = nx.MultiDiGraph([("a", "b", {"relation": "accuses", "polarity": -1}),
    ...                      ("b", "a", {"relation": "accuses", "polarity": -1}),
    ...                      ("a", "b", {"relation": "attacks", "polarity": -1})])
    >>> result = analyze(g)
    >>> result.mutual, result.measures["camp"]["a"] != result.measures["camp"]["b"], result.overall_reciprocity
    ([('a', 'b', 1, 1)], True, 1.0)
    >>> result.camp_relations  # three negative relations across the two camps
    (3, 0)
    """
    done: dict[str, dict[Node, Any]] = {name: dict(values) for name, values in (known or {}).items()}
    for measure in MEASURES:
        if measure.name not in done:
            done[measure.name] = dict(measure.compute(graph, *(done[n] for n in measure.needs)))
    accused = weighted_digraph(graph, {ACCUSES})
    return Analysis(
        measures={measure.name: done[measure.name] for measure in MEASURES},
        mutual=mutual_accusations(graph),
        camps=camp_summary(graph, done["camp"], done["pagerank"]),
        frustrated=frustration(graph, done["camp"]),
        signed_pairs=sum(1 for pair in signed_pairs(graph) if all(n in done["camp"] for n in pair)),
        overall_reciprocity=nx.overall_reciprocity(accused) if accused.number_of_edges() else None,
        actors=graph.number_of_nodes(),
        relations=dict(sorted(Counter(rel for _, _, rel in graph.edges(data="relation")).items())),
        camp_relations=camp_relations(graph, done["camp"]),
    )


__all__ = [
    "MEASURES", "Measure", "Ranking", "accusations_made", "accusations_received", "analyze", "betweenness",
    "bridges", "camps", "communities", "frustration", "mutual_accusations", "pagerank", "reciprocity",
    "signed_pairs", "weighted_digraph",
]
