"""Stage: RDF -> the actor network (networkx), read by SPARQL projection from the graph.

Nodes are actors; edges are assertions between actors, each carrying its evidence
(the assertion's IRI, sentence and article). Polarity: accusing, denying, condemning
and attacking are negative; praising and supporting positive; speaking about someone
is neutral.
"""

from __future__ import annotations

import networkx as nx
import pyoxigraph as ox

_NODES = """
PREFIX ckg: <https://w3id.org/conflict-kg/ontology#>
PREFIX itsrdf: <http://www.w3.org/2005/11/its/rdf#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?actor ?label ?class (COUNT(?m) AS ?mentions) WHERE {
  ?actor a ?class ; skos:prefLabel ?label .
  VALUES ?class { ckg:Person ckg:State ckg:ArmedGroup ckg:Organization ckg:Media ckg:Group }
  OPTIONAL { ?m itsrdf:taIdentRef ?actor }
} GROUP BY ?actor ?label ?class
"""

# a statement links its speaker to each actor named inside the statement's content span
_SPEAKS_ABOUT = """
PREFIX ckg: <https://w3id.org/conflict-kg/ontology#>
PREFIX itsrdf: <http://www.w3.org/2005/11/its/rdf#>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?statement ?speaker ?other ?sentence ?article WHERE {
  ?statement a ckg:Statement ; ckg:speaker ?speaker ; nif:sentence ?s ; prov:wasDerivedFrom ?a .
  ?s nif:anchorOf ?sentence .
  ?a dcterms:identifier ?article .
  ?m nif:sentence ?s ; itsrdf:taIdentRef ?other .
  ?other a ?class .
  VALUES ?class { ckg:Person ckg:State ckg:ArmedGroup ckg:Organization ckg:Media ckg:Group }
  FILTER(?other != ?speaker)
}
"""


def actor_network(store: ox.Store) -> nx.MultiDiGraph:
    """The actor network of the graph in ``store``.

    >>> net = actor_network(ox.Store())
    >>> net.number_of_nodes(), net.number_of_edges()
    (0, 0)
    """
    graph = nx.MultiDiGraph()
    for row in store.query(_NODES, use_default_graph_as_union=True):
        graph.add_node(row["actor"].value, label=row["label"].value, type=row["class"].value.rsplit("#", 1)[-1],
                       size_value=float(row["mentions"].value))
    for row in store.query(_SPEAKS_ABOUT, use_default_graph_as_union=True):
        speaker, other = row["speaker"].value, row["other"].value
        if speaker not in graph or other not in graph:
            continue
        key = f"{row['statement'].value}|{other}"
        graph.add_edge(speaker, other, key=key, relation="speaks about", polarity=0,
                       evidence=[{"sentence": row["sentence"].value, "article": row["article"].value}])
    return graph
