"""Stage: RDF -> the actor network (networkx), read by SPARQL projection from the graph.

Nodes are actors; edges are assertions between actors, each keyed by the assertion's IRI
and carrying its evidence (sentence and article). Polarity: accusing, denying, condemning
and attacking are negative; praising and supplying arms positive; speaking about someone
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


# signed relations: (SPARQL selecting ?edge ?source ?target ?sentence ?article, relation, polarity)
_PREFIXES = """
PREFIX ckg: <https://w3id.org/conflict-kg/ontology#>
PREFIX evt: <https://w3id.org/conflict-kg/event-type/>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>
"""
_RELATIONS = [
    ("""SELECT ?edge ?source ?target ?sentence ?article WHERE {
          ?edge a ckg:Allegation ; ckg:accuser ?source ; ckg:accused ?target ; nif:sentence/nif:anchorOf ?sentence ;
                prov:wasDerivedFrom/dcterms:identifier ?article }""", "accuses", -1),
    ("""SELECT ?edge ?source ?target ?sentence ?article WHERE {
          ?edge a ckg:Denial ; ckg:denier ?source ; ckg:answers/ckg:accuser ?target ;
                nif:sentence/nif:anchorOf ?sentence ; prov:wasDerivedFrom/dcterms:identifier ?article }""",
     "denies", -1),
    ("""SELECT ?edge ?source ?target ?sentence ?article WHERE {
          ?edge a ckg:Event ; sem:eventType ?type ; ckg:agent ?source ; ckg:target ?target ;
                nif:sentence/nif:anchorOf ?sentence ; prov:wasDerivedFrom/dcterms:identifier ?article
          VALUES ?type { evt:condemnation evt:attack evt:attack-on-civilians evt:chemical-attack evt:killing } }""",
     "condemns or attacks", -1),
    ("""SELECT ?edge ?source ?target ?sentence ?article WHERE {
          ?edge a ckg:Event ; sem:eventType ?type ; ckg:agent ?source ; ckg:target ?target ;
                nif:sentence/nif:anchorOf ?sentence ; prov:wasDerivedFrom/dcterms:identifier ?article
          VALUES ?type { evt:praise evt:arms-supply } }""", "praises or supports", 1),
]


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
    for query, relation, polarity in _RELATIONS:
        for row in store.query(_PREFIXES + query, use_default_graph_as_union=True):
            source, target = row["source"].value, row["target"].value
            if source not in graph or target not in graph or source == target:
                continue
            graph.add_edge(source, target, key=f"{row['edge'].value}|{target}", relation=relation,
                           polarity=polarity,
                           evidence=[{"sentence": row["sentence"].value, "article": row["article"].value}])
    return graph
