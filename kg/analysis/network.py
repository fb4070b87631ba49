"""Stage: RDF -> the actor network (networkx), read by SPARQL projection from the graph.

Nodes are actors (IRIs, with ``label``, ``type`` and ``mentions``); edges are assertions between
actors, keyed by the assertion's IRI (and the target, when one assertion links several), each with
``relation``, ``polarity`` and its ``evidence``: the assertion's IRI, its sentence and its article.

Polarity is signed: accusing, denying, condemning and attacking are negative (-1); praising,
supplying arms and belonging to an organisation are positive (+1); reporting, quoting and speaking
about someone are neutral (0). :data:`RELATIONS` lists each relation with its polarity.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import networkx as nx
import pyoxigraph as ox

from kg.rdf.namespaces import NIF, PREFIXES
from kg.rdf.ontology import narrower
from kg.rdf.serialize import to_oxigraph
from kg.records import ACTOR_TYPES

ACTOR_CLASSES = " ".join(f"ckg:{name}" for name in ACTOR_TYPES)

_PREFIXES = "".join(f"PREFIX {prefix}: <{iri}>\n" for prefix, iri in PREFIXES.items())

_NODES = _PREFIXES + f"""
SELECT ?actor ?label ?class (COUNT(?m) AS ?mentions) WHERE {{
  ?actor a ?class ; skos:prefLabel ?label .
  VALUES ?class {{ {ACTOR_CLASSES} }}
  OPTIONAL {{ ?m itsrdf:taIdentRef ?actor }}
}} GROUP BY ?actor ?label ?class
"""

# the sentences that name each actor (the first few of each go into the actor's evidence): sub-selects joined
# whole (4x faster on Oxigraph's store than a lookup a row), the sentences' text fetched only for those kept
_MENTIONS = _PREFIXES + """
SELECT ?actor ?s ?article ?start WHERE {
  { SELECT ?m ?actor WHERE { ?m itsrdf:taIdentRef ?actor } }
  { SELECT ?m ?start WHERE { ?m nif:beginIndex ?start } }
  { SELECT ?m ?s WHERE { ?m nif:sentence ?s } }
  { SELECT ?m ?article WHERE { ?m nif:referenceContext ?article } }
}"""
_ARTICLE_IDS = _PREFIXES + "SELECT ?article ?id WHERE { ?article a ckg:Article ; dcterms:identifier ?id }"
_ANCHOR_OF = to_oxigraph(NIF.anchorOf)
#: Sentences kept as an actor's own evidence.
ACTOR_EVIDENCE = 3

# every query selects ?edge ?source ?target ?sentence ?article
_EVIDENCE = "nif:sentence/nif:anchorOf ?sentence ; prov:wasDerivedFrom/dcterms:identifier ?article"


def _events(*concepts: str) -> str:
    """The projection of the events of the types ``concepts`` and those under them in the ontology's scheme."""
    types = " ".join(f"evt:{t}" for t in sorted(set().union(*(narrower(c) for c in concepts))))
    return f"""SELECT ?edge ?source ?target ?sentence ?article WHERE {{
      ?edge a ckg:Event ; sem:eventType ?type ; ckg:agent ?source ; ckg:target|ckg:victim ?target ; {_EVIDENCE} .
      VALUES ?type {{ {types} }} }}"""


#: The relation of an accuser to the accused, the one the analysis counts accusations of.
ACCUSES = "accuses"

#: relation -> (SPARQL projection, polarity)
RELATIONS: dict[str, tuple[str, int]] = {
    ACCUSES: (f"""SELECT ?edge ?source ?target ?sentence ?article WHERE {{
        ?edge a ckg:Allegation ; ckg:accuser ?source ; ckg:accused ?target ; {_EVIDENCE} }}""", -1),
    "denies": (f"""SELECT ?edge ?source ?target ?sentence ?article WHERE {{
        ?edge a ckg:Denial ; ckg:denier ?source ; ckg:answers/ckg:accuser ?target ; {_EVIDENCE} }}""", -1),
    "condemns": (_events("condemnation"), -1),
    "attacks": (_events("attack", "killing"), -1),
    "praises": (_events("praise"), 1),
    "supplies arms": (_events("arms-supply"), 1),
    "member of": (f"""SELECT ?edge ?source ?target ?sentence ?article WHERE {{
        ?edge a ckg:Affiliation ; org:member ?source ; org:organization ?target ; {_EVIDENCE} }}""", 1),
    "quotes": (f"""SELECT ?edge ?source ?target ?sentence ?article WHERE {{
        ?edge a ckg:Statement ; ckg:reportedBy ?source ; ckg:speaker ?target ; {_EVIDENCE} }}""", 0),
    "reports": (f"""SELECT ?edge ?source ?target ?sentence ?article WHERE {{
        ?edge a ckg:Event ; ckg:reportedBy ?source ; ckg:agent ?target ; {_EVIDENCE} }}""", 0),
    # a statement links its speaker to each actor named in the statement's sentence (what this query gives is
    # made by actor_network from _SPEAKERS and the mention rows it reads anyway, twice as fast; a test compares)
    "speaks about": (f"""SELECT ?edge ?source ?target ?sentence ?article WHERE {{
        ?edge a ckg:Statement ; ckg:speaker ?source ; nif:sentence ?s ; {_EVIDENCE} .
        ?m nif:sentence ?s ; itsrdf:taIdentRef ?target . }}""", 0),
}
_SPEAKERS = _PREFIXES + f"""SELECT ?edge ?source ?s ?sentence ?article WHERE {{
    ?edge a ckg:Statement ; ckg:speaker ?source ; nif:sentence ?s ; {_EVIDENCE} }}"""
#: The relations of the allegations view: who accuses whom, and who answers an accuser with a denial.
CLAIMS = frozenset({ACCUSES, "denies"})
NEGATIVE = frozenset(name for name, (_, polarity) in RELATIONS.items() if polarity < 0)
POSITIVE = frozenset(name for name, (_, polarity) in RELATIONS.items() if polarity > 0)


def actor_network(store: ox.Store) -> nx.MultiDiGraph:
    """The actor network of the graph in ``store`` (not changed).

    >>> net = actor_network(ox.Store())
    >>> net.number_of_nodes(), net.number_of_edges()
    (0, 0)
    """
    edge_vars = ("source", "target", "edge", "sentence", "article")
    rows = _all_rows(store, {"nodes": (_NODES, ("actor", "label", "class", "mentions")),
                             "ids": (_ARTICLE_IDS, ("article", "id")),
                             "mentions": (_MENTIONS, ("actor", "article", "start", "s")),
                             "speakers": (_SPEAKERS, ("edge", "source", "s", "sentence", "article")),
                             **{name: (_PREFIXES + query, edge_vars) for name, (query, _) in RELATIONS.items()
                                if name != "speaks about"}})
    rows["speaks about"] = _speaks_about(rows["speakers"], rows["mentions"])
    graph = nx.MultiDiGraph()
    for actor, label, kind, mentions in rows["nodes"]:
        graph.add_node(actor, label=label, type=kind.rsplit("#", 1)[-1], mentions=int(mentions),
                       size_value=float(mentions))
    ids = dict(rows["ids"])
    named: dict[str, list[tuple[str, int, str]]] = {}
    for actor, article, start, sentence in rows["mentions"]:
        if actor in graph and article in ids:
            named.setdefault(actor, []).append((ids[article], int(start), sentence))
    for actor, found in named.items():
        sentences: list[dict[str, str]] = []
        for article, _, node in sorted(found):
            text = next((q.object.value for q in store.quads_for_pattern(ox.NamedNode(node), _ANCHOR_OF, None)), None)
            if text is not None and all(text != e["sentence"] for e in sentences):
                sentences.append({"sentence": text, "article": article})
            if len(sentences) == ACTOR_EVIDENCE:
                break
        graph.nodes[actor]["evidence"] = sentences
    for relation, (_, polarity) in RELATIONS.items():
        for source, target, edge, sentence, article in rows[relation]:
            if source not in graph or target not in graph or source == target:
                continue
            key = f"{edge}|{target}"
            if graph.has_edge(source, target, key):  # the same assertion found twice (several sentences)
                continue
            graph.add_edge(source, target, key=key, relation=relation, polarity=polarity,
                           evidence=[{"assertion": edge, "sentence": sentence, "article": article}])
    return graph


def _speaks_about(speakers: list[tuple[str, ...]], mentions: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """The rows of the "speaks about" relation: each statement (edge, speaker, sentence node, sentence, article)
    with each actor mentioned (actor, article, start, sentence node) in its sentence, sorted."""
    named: dict[str, list[str]] = {}
    for actor, _, _, node in mentions:
        named.setdefault(node, []).append(actor)
    return sorted((source, target, edge, sentence, article) for edge, source, node, sentence, article in speakers
                  for target in named.get(node, ()))


#: Queries run at once by :func:`_all_rows` (Oxigraph lets go of the GIL while it evaluates one).
QUERY_THREADS = 2


def _all_rows(store: ox.Store, queries: dict[str, tuple[str, tuple[str, ...]]]) -> dict[str, list[tuple[str, ...]]]:
    """Each query's rows (name -> (SPARQL, variables)) as sorted tuples of the variables' values, so that what is
    built from them does not depend on the order a store gives them in; :data:`QUERY_THREADS` queries at a time."""
    def run(query: tuple[str, tuple[str, ...]]) -> list[tuple[str, ...]]:
        text, names = query
        return sorted(_values(row, *names) for row in store.query(text, use_default_graph_as_union=True))

    with ThreadPoolExecutor(max_workers=QUERY_THREADS, thread_name_prefix="kg-network") as pool:
        return dict(zip(queries, pool.map(run, queries.values()), strict=True))


def _values(row: ox.QuerySolution, *names: str) -> tuple[str, ...]:
    """The values of ``names`` in ``row`` ("" where unbound)."""
    return tuple("" if row[n] is None else row[n].value for n in names)


_ALLEGATIONS = _PREFIXES + f"""
SELECT ?allegation ?accuser ?accused ?act ?sentence ?article WHERE {{
  ?allegation a ckg:Allegation ; ckg:accuser ?accuser ; ckg:accused ?accused ; {_EVIDENCE} .
  OPTIONAL {{ ?allegation ckg:act ?act }}
}}"""
_DENIALS = _PREFIXES + f"""
SELECT ?denial ?denier ?allegation ?sentence ?article WHERE {{
  ?denial a ckg:Denial ; ckg:denier ?denier ; ckg:answers ?allegation ; {_EVIDENCE} .
}}"""


def claims_network(network: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The claims of an actor network (:func:`actor_network`): its :data:`CLAIMS` relations (who accuses whom, who
    denies whose accusation) and the actors they join, as a new graph (``network`` is not changed).

    >>> g = nx.MultiDiGraph()
    >>> _ = g.add_edge("a", "b", relation="accuses"), g.add_edge("a", "c", relation="praises")
    >>> sorted(claims_network(g).edges()), g.number_of_edges()
    ([('a', 'b')], 2)
    """
    claims = nx.MultiDiGraph()
    for source, target, key, attrs in network.edges(keys=True, data=True):
        if attrs.get("relation") in CLAIMS:
            for node in (source, target):
                if node not in claims:
                    claims.add_node(node, **network.nodes[node])
            claims.add_edge(source, target, key=key, **attrs)
    return claims


def allegation_network(store: ox.Store) -> nx.MultiDiGraph:
    """The allegations of the graph in ``store`` as a network: accuser -> allegation -> accused, and
    denier -> denial -> the allegation it answers. Allegation and denial nodes have ``type``
    ``Allegation`` / ``Denial``, the act (or denial) as ``label`` and their sentence as ``evidence``.

    >>> allegation_network(ox.Store()).number_of_nodes()
    0
    """
    actors = {row[0]: row for row in (_values(r, "actor", "label", "class", "mentions")
                                      for r in store.query(_NODES, use_default_graph_as_union=True))}
    graph = nx.MultiDiGraph()

    def add_actor(iri: str) -> bool:
        if iri not in actors:
            return False
        if iri not in graph:
            _, label, kind, mentions = actors[iri]
            graph.add_node(iri, label=label, type=kind.rsplit("#", 1)[-1], mentions=int(mentions),
                           size_value=float(mentions))
        return True

    # sorted rows: the graph does not depend on the order a store gives them in
    found = sorted((*_values(row, "allegation", "accuser", "accused", "sentence", "article"), row["act"] is not None,
                    "" if row["act"] is None else row["act"].value)
                   for row in store.query(_ALLEGATIONS, use_default_graph_as_union=True))
    for allegation, accuser, accused, sentence, article, has_act, act in found:
        if not (add_actor(accuser) and add_actor(accused)):
            continue
        evidence = {"assertion": allegation, "sentence": sentence, "article": article}
        if allegation not in graph:
            graph.add_node(allegation, label=act if has_act else "allegation", type="Allegation",
                           evidence=[evidence], size_value=1.0)
        graph.add_edge(accuser, allegation, key=f"{allegation}|accuser", relation="alleges", polarity=-1,
                       evidence=[evidence])
        graph.add_edge(allegation, accused, key=f"{allegation}|{accused}", relation="against", polarity=-1,
                       evidence=[evidence])
    for denial, denier, allegation, sentence, article in sorted(
            _values(row, "denial", "denier", "allegation", "sentence", "article")
            for row in store.query(_DENIALS, use_default_graph_as_union=True)):
        if allegation not in graph or not add_actor(denier):
            continue
        evidence = {"assertion": denial, "sentence": sentence, "article": article}
        if denial not in graph:
            graph.add_node(denial, label="denial", type="Denial", evidence=[evidence], size_value=1.0)
        graph.add_edge(denier, denial, key=f"{denial}|denier", relation="denies", polarity=-1, evidence=[evidence])
        graph.add_edge(denial, allegation, key=f"{denial}|{allegation}", relation="answers", polarity=0,
                       evidence=[evidence])
    return graph


__all__ = ["ACCUSES", "CLAIMS", "NEGATIVE", "POSITIVE", "RELATIONS", "actor_network", "allegation_network",
           "claims_network"]
