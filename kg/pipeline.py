"""The one module that composes the stages of a build.

    articles -> nlp docs -> mentions -> actors -> statements -> RDF -> network -> HTML
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import URIRef

from kg import iris, rdf
from kg.actors import merge_actors, name_key, resolve_in_article
from kg.errors import NoArticles
from kg.mentions import extract_mentions
from kg.network import actor_network
from kg.nlp import load_pipeline
from kg.output import sorted_quads, to_oxigraph, write_text, write_trig
from kg.readers import read_articles
from kg.records import Actor, Article, Mention, Problem, Statement
from kg.statements import extract_statements
from kg.validate import ontology_text
from kg.view import render_view

ONTOLOGY_GRAPH = URIRef(iris.BASE + "graph/ontology")


@dataclass(frozen=True)
class ArticleExtraction:
    """Everything extracted from one article, before cross-article resolution."""

    article: Article
    mentions: tuple[Mention, ...]
    local_actors: dict[Mention, Actor]
    statements: tuple[Statement, ...]
    publisher: Actor | None


@dataclass(frozen=True)
class BuildSummary:
    articles: int
    skipped: int
    actors: int
    places: int
    mentions: int
    statements: int
    allegations: int
    events: int
    triples: int
    out: str
    files: tuple[str, ...]


def extract_article(doc, article: Article) -> ArticleExtraction:
    """Per-article stages: mentions, article-level actors, statements."""
    mentions = tuple(extract_mentions(doc, article))
    local = resolve_in_article(mentions)
    statements = tuple(extract_statements(doc, article, local))
    publisher = None
    if article.source:
        publisher = Actor(key=name_key(article.source), label=article.source, entity_type="Media")
    return ArticleExtraction(article, mentions, local, statements, publisher)


def extract_all(articles: Iterable[Article], model: str | None = None, batch_size: int = 32):
    """Run the pipeline over a stream of articles, one extraction per article."""
    nlp = load_pipeline(model)
    pairs = ((a.text, a) for a in articles)
    for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        yield extract_article(doc, article)


def build(
    paths: Iterable[str | Path],
    out: str | Path,
    *,
    model: str | None = None,
    date: str | None = None,
    source: str | None = None,
    on_problem: Callable[[Problem], None] = lambda p: None,
) -> BuildSummary:
    """Build the knowledge graph of the articles at ``paths`` into the folder ``out``.

    Writes ``out/graph.trig`` (one named graph per article, the actors graph, the rules
    graph and the ontology) and ``out/graph.html``. Raises :class:`kg.errors.NoArticles`
    when nothing could be read.
    """
    paths = [str(p) for p in paths]
    out = Path(out)
    problems: list[Problem] = []

    def report(problem: Problem) -> None:
        problems.append(problem)
        on_problem(problem)

    articles = read_articles(paths, date=date, source=source, on_problem=report)
    extractions = list(extract_all(articles, model))
    if not extractions:
        raise NoArticles(paths)

    local_actors = [a for x in extractions for a in x.local_actors.values()]
    local_actors += [x.publisher for x in extractions if x.publisher]
    merged = merge_actors(local_actors)

    quads: list[tuple] = []
    rules: set[str] = set()
    n_mentions = n_statements = 0
    for x in extractions:
        graph = iris.article_iri(x.article.article_id)
        actor_of = {m: merged[a.key] for m, a in x.local_actors.items()}
        publisher = merged[x.publisher.key] if x.publisher else None
        # a speaker that resolved to a place across the corpus is not an actor: its statements are dropped
        statements = [st for st in x.statements if not actor_of[st.speaker_mention].is_place]
        for s, p, o in rdf.article_triples(x.article, x.mentions, statements, actor_of, publisher):
            quads.append((s, p, o, graph))
        rules.update(m.rule for m in x.mentions)
        rules.update(st.rule for st in statements)
        n_mentions += len(x.mentions)
        n_statements += len(statements)
    unique = sorted({id(a): a for a in merged.values()}.values(), key=lambda a: a.key)
    quads += [(s, p, o, iris.ACTORS_GRAPH) for s, p, o in rdf.actor_triples(unique)]
    quads += [(s, p, o, rdf.RULES_GRAPH) for s, p, o in rdf.rule_triples(sorted(rules))]
    ordered = sorted_quads(quads, extra=ontology_quads())

    trig = out / "graph.trig"
    write_trig(ordered, trig)
    store = ox.Store()
    store.extend(ordered)
    html = out / "graph.html"
    render_view(actor_network(store), html, title="conflict-kg: actors")

    resolved = {id(a): a for a in merged.values()}.values()
    actors = [a for a in resolved if not a.is_place]
    summary = BuildSummary(
        articles=len(extractions),
        skipped=len(problems),
        actors=len(actors),
        places=len(resolved) - len(actors),
        mentions=n_mentions,
        statements=n_statements,
        allegations=0,
        events=0,
        triples=len(ordered),
        out=str(out),
        files=(str(trig), str(html), str(out / "summary.json")),
    )
    write_text(json.dumps(asdict(summary), indent=2) + "\n", out / "summary.json")
    return summary


def ontology_quads() -> list[ox.Quad]:
    """The ontology (classes, properties, the event-type scheme) as a graph of its own, so labels resolve."""
    graph = to_oxigraph(ONTOLOGY_GRAPH)
    return [ox.Quad(t.subject, t.predicate, t.object, graph)
            for t in ox.parse(ontology_text(), format=ox.RdfFormat.TURTLE)]
