"""The named graphs of a build: one per article, then the actors, rules and ontology graphs, streamed as N-Quads
for the store and as TriG, a graph at a time."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import pyoxigraph as ox

from kg.rdf import iris
from kg.rdf.ontology import ontology_text
from kg.rdf.serialize import GraphWriter, sorted_graph, to_oxigraph
from kg.rdf.triples import actor_triples, article_triples, rule_triples, territory_triples
from kg.records import Actor, ResolvedArticle


def build_graphs(articles: Iterable[ResolvedArticle], actors: Iterable[Actor], writer: GraphWriter,
                 shared: list[ox.Quad]) -> Iterator[bytes]:
    """The build's quads as N-Quads, for the store: each article's named graph (also written to ``writer``,
    sorted; the articles must come in the order of their graph IRIs, which all sort before the shared graphs),
    then the graphs of the ``actors`` (each resolved actor once), the rules and the ontology (kept, sorted, in
    ``shared``, for the writer to end with)."""
    rules: set[str] = set()
    territories: dict[str, Actor] = {}
    for resolved in articles:
        graph = iris.article_iri(resolved.article.article_id)
        actor_of = resolved.actor_of
        for ev in resolved.events:
            territories.update((actor_of[m].key, actor_of[m]) for m in ev.places if not actor_of[m].is_place)
        quads, nquads = sorted_graph((s, p, o, graph) for s, p, o in article_triples(resolved))
        writer.write(quads)
        yield nquads
        rules.update(resolved.rules())
    unique = sorted(actors, key=lambda a: a.key)
    territory = [a for k, a in sorted(territories.items()) if not any(u.is_place and u.key == k for u in unique)]
    rest = [(s, p, o, iris.ACTORS_GRAPH) for s, p, o in actor_triples(unique)]
    rest += [(s, p, o, iris.ACTORS_GRAPH) for s, p, o in territory_triples(territory)]
    rest += [(s, p, o, iris.RULES_GRAPH) for s, p, o in rule_triples(sorted(rules))]
    quads, nquads = sorted_graph(rest, extra=ontology_quads())
    shared.extend(quads)
    yield nquads


def ontology_quads() -> list[ox.Quad]:
    """The ontology (classes, properties, the event-type scheme) as a graph of its own, so labels resolve."""
    graph = to_oxigraph(iris.ONTOLOGY_GRAPH)
    return [ox.Quad(t.subject, t.predicate, t.object, graph)
            for t in ox.parse(ontology_text(), format=ox.RdfFormat.TURTLE)]
