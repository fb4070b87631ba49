"""The one module that composes the stages of a build; each stage is a package of its own.

    files --readers--> articles --extract--> extractions --resolve--> resolved articles --rdf--> the store, TriG
          --analysis--> network, measures, analysis.json, report.md --view--> graph.html, allegations.html
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

import pyoxigraph as ox

from kg.analysis.centrality import betweenness_elsewhere, result_of
from kg.analysis.context import view_context
from kg.analysis.export import network_bytes, network_for_export
from kg.analysis.measures import analyze
from kg.analysis.network import actor_network, claims_network
from kg.analysis.report import analysis_json, analysis_triples, report_markdown
from kg.errors import NoArticles, NoBuild
from kg.extract import cache
from kg.extract.run import SETTLE_EVERY, extractions, progress_bar, settled_heap
from kg.files import Staging, locked, recover, write_text, writing
from kg.rdf import iris
from kg.rdf.graphs import build_graphs
from kg.rdf.serialize import GraphWriter, by_graph, graph_key, quad_key, sorted_quads, to_oxigraph, write_dataset
from kg.readers.articles import KINDS, read_articles
from kg.records import Article, ArticleExtraction, Problem, ResolvedArticle
from kg.resolve.actors import leaders_of, merge_actors
from kg.resolve.articles import resolve_article
from kg.resolve.dictionary import ActorDictionary, load_dictionary, with_dictionary
from kg.resolve.links import link_denials
from kg.resolve.places import with_coordinates
from kg.sparql.store import STORE_DIR, open_store, replace_graph, write_nquads
from kg.view.actors import render_actor_view


@dataclass(frozen=True)
class BuildSummary:
    articles: int
    skipped: int
    new: int
    updated: int
    unchanged: int
    resumed: int  # of the new and updated: extracted by an earlier build that did not finish (--append)
    actors: int
    places: int
    mentions: int
    statements: int
    allegations: int
    denials: int
    events: int
    triples: int
    out: str
    files: tuple[str, ...]


def build(
    paths: Iterable[str | Path],
    out: str | Path,
    *,
    model: str | None = None,
    date: str | None = None,
    source: str | None = None,
    actors_file: str | Path | None = None,
    append: bool = False,
    on_problem: Callable[[Problem], None] = lambda p: None,
    workers: int = 1,
    progress: bool | None = None,
    dask: str | None = None,
) -> BuildSummary:
    """Build the knowledge graph of the articles at ``paths`` into the folder ``out``.

    Writes ``out/graph.trig`` (one named graph per article, the actors graph, the rules
    graph and the ontology) and ``out/graph.html``. ``actors_file`` is a user's actor
    dictionary (CSV or Turtle, see :mod:`kg.resolve.dictionary`). ``workers`` processes run the NLP and the
    per-article extraction; ``progress`` shows a progress bar on stderr (default: when it is a terminal).
    Raises :class:`kg.errors.NoArticles` when nothing could be read.
    """
    paths = [str(p) for p in paths]
    out = Path(out)
    problems: list[Problem] = []

    def report(problem: Problem) -> None:
        problems.append(problem)
        on_problem(problem)

    dictionary = load_dictionary(actors_file) if actors_file else None
    with locked(out, "kg build"):  # one writer at a time; a second fails at once, naming this one
        recover(out)  # a build killed while renaming its outputs into place: finish that first
        articles = read_articles(paths, date=date, source=source, on_problem=report)
        with settled_heap() as settle:
            known, damaged = cache.read_committed(out, settle, SETTLE_EVERY) if append else ({}, [])
            seen: set[str] = set()
            made: dict[str, cache.Cached] = {}  # extracted now, or by an earlier build that did not finish
            resumed = 0

            def fresh(stream: Iterable[Article]) -> Iterator[Article]:
                """The articles to extract: new ones, and known ones whose text changed (unless a build that did
                not finish extracted that text: with --append, its extraction is taken)."""
                nonlocal resumed
                for article in stream:
                    seen.add(article.article_id)
                    digest = cache.text_hash(article.text)
                    previous = known.get(article.article_id)
                    if previous is not None and previous.text_hash == digest:
                        bar.update(1)  # known and unchanged: done
                        continue
                    done = cache.pending(out, article.article_id, digest) if append else None
                    if done is None:
                        yield article
                        continue
                    made[article.article_id] = done
                    resumed += 1
                    bar.update(1)

            with progress_bar(progress, paths) as bar:
                for x, data in extractions(fresh(articles), model, dictionary=dictionary, workers=workers,
                                           dask=dask):
                    if x.failure:  # an extractor's bug: said, and the article kept without findings
                        report(Problem(x.article.origin or x.article.article_id, f"kg could not extract its findings "
                                       f"({x.failure}); it is in the graph without them. This is a bug of kg: "
                                       f"please report it with the article"))
                    # kept as it comes, outside the committed cache: an interrupted run resumes with --append
                    path = cache.save_pending(out, x, data)
                    made[x.article.article_id] = cache.Cached(path, cache.text_hash(x.article.text), x)
                    bar.update(1)
                    if len(made) % SETTLE_EVERY == 0:
                        settle()
            settle()
            for problem in cache.damaged_problems(damaged, seen):
                report(problem)
            if not made and not (seen & set(known)):
                raise NoArticles(paths, KINDS)
            kept = [made[i] if i in made else known[i] for i in sorted(set(known) | set(made))]
            changes = {"new": len(set(made) - set(known)), "updated": len(set(made) & set(known)),
                       "unchanged": len((seen & set(known)) - set(made)), "resumed": resumed}
            summary = _write_build(out, [c.extraction for c in kept], [c.path for c in kept], dictionary, changes,
                                   skipped=sum(p.skipped for p in problems), settle=settle)
        cache.clear_pending(out)  # all committed
        return summary


def _write_build(out: Path, done: list[ArticleExtraction], cache_files: list[Path],
                 dictionary: ActorDictionary | None, changes: dict[str, int], skipped: int,
                 settle: Callable[[], None]) -> BuildSummary:
    """Resolve the actors across the articles, write every output (the extraction cache ``cache_files`` too),
    staged, and commit them together (``settle``: see :func:`kg.extract.run.settled_heap`)."""
    local_actors = [a for x in done for a in x.local_actors.values()]
    local_actors += [x.publisher for x in done if x.publisher]
    merged = merge_actors(local_actors, leaders=leaders_of([(a, x.local_actors) for x in done
                                                            for a in x.affiliations]))
    if dictionary:
        merged = with_dictionary(merged, dictionary)
    merged = with_coordinates(merged, done)
    answers = link_denials(done, merged)
    settle()
    counts = {"mentions": 0, "statements": 0, "allegations": 0, "denials": 0, "events": 0}

    def counted(resolved: ResolvedArticle) -> ResolvedArticle:
        for name in counts:
            counts[name] += len(getattr(resolved, name))
        return resolved

    # the quads go to the store and the TriG as a stream, an article's graph at a time (articles in the order of
    # their graphs in the files, kg.rdf.serialize.graph_key, which all sort before the shared graphs): the whole
    # graph is never in memory
    in_order = sorted(done, key=lambda x: graph_key(iris.article_iri(x.article.article_id)))
    resolved = (counted(resolve_article(x, merged, answers)) for x in in_order)
    unique = list({id(a): a for a in merged.values()}.values())
    shared: list[ox.Quad] = []
    trig = out / "graph.trig"
    # every output is staged under a temporary name and all are renamed into place at the end (kg.files.Staging):
    # a build killed, or failing, before that leaves the previous output whole, its extraction cache included
    with writing(out), Staging(out) as stage:
        cache.stage(stage, cache_files)
        store_dir = stage.folder(STORE_DIR)
        staged_trig = stage.file("graph.trig")
        with writing(staged_trig), staged_trig.open("wb") as fh:
            writer = GraphWriter(fh)
            write_nquads(store_dir, build_graphs(resolved, unique, writer, shared))
            # the network is projected from the store just written; the analysis goes into it and ends the TriG
            analyzed = _analyze(ox.Store(str(store_dir)), out, stage, trig=(writer, shared))

        actors = [a for a in unique if not a.is_place]
        summary = BuildSummary(articles=len(done), skipped=skipped, **changes, actors=len(actors),
                               places=len(unique) - len(actors), **counts, triples=analyzed.quads, out=str(out),
                               files=(str(trig), str(out / STORE_DIR), *analyzed.files, str(out / "summary.json")))
        write_text(json.dumps(asdict(summary), indent=2) + "\n", stage.file("summary.json"))
        stage.commit()
    return summary


@dataclass(frozen=True)
class AnalyzeSummary:
    """What ``kg analyze`` (and the end of ``kg build``) wrote."""

    actors: int
    relations: int
    camps: int
    triples: int  # in the analysis graph
    quads: int  # in the whole store, the analysis graph included
    files: tuple[str, ...]


def analyze_output(out: str | Path) -> AnalyzeSummary:
    """Analyse the actor network of the build in ``out`` again and write the results: the analysis graph in the
    store (replaced in one SPARQL update, so all or nothing), then ``graph.trig`` (from the store), ``analysis.json``,
    ``report.md`` and the views ``graph.html`` and ``allegations.html``, staged and renamed into place together.
    """
    out = Path(out)
    store_dir = out / STORE_DIR
    if not out.is_dir():
        raise NoBuild(str(out))
    with locked(out, "kg analyze"):
        recover(out)
        if not store_dir.is_dir():
            raise NoBuild(str(out))
        with writing(out), Staging(out) as stage:
            summary = _analyze(ox.Store(str(store_dir)), out, stage)
            stage.commit()
    return summary


def _analyze(store: ox.Store, out: Path, stage: Staging,
             trig: tuple[GraphWriter, list[ox.Quad]] | None = None) -> AnalyzeSummary:
    """The analysis into ``store`` (replacing its analysis graph) and the files made from it, staged in ``stage``:
    ``graph.trig`` (written from the store, or, during a build, ``trig``: ended with the shared graphs and the
    analysis graph), ``analysis.json``, ``report.md``, ``graph.html``, ``allegations.html``."""
    network = actor_network(store)
    helper = betweenness_elsewhere(network)
    # meanwhile (another process works out the betweenness of a large network): the views' context
    context = view_context(store)  # the articles, events and places the views show beside the network
    centrality = result_of(helper)
    result = analyze(network, known=None if centrality is None else {"betweenness": centrality})
    added = sorted_quads((s, p, o, iris.ANALYSIS_GRAPH) for s, p, o in analysis_triples(result))
    replace_graph(store, to_oxigraph(iris.ANALYSIS_GRAPH), added)
    if trig is None:
        with stage.file("graph.trig").open("wb") as fh:
            write_dataset(store, fh)
    else:
        writer, shared = trig
        for group in by_graph(sorted([*shared, *added], key=quad_key)):
            writer.write(group)
        writer.close()
    quads = len(store)
    # the store is compacted (its files merged: queries on a freshly loaded store are up to 2x slower) on another
    # core (Oxigraph lets go of the GIL) while the rest is written
    compacting = threading.Thread(target=store.optimize, name="kg-optimize")
    compacting.start()
    write_text(json.dumps(analysis_json(result, network), ensure_ascii=False, indent=1) + "\n",
               stage.file("analysis.json"))
    write_text(report_markdown(result, network), stage.file("report.md"))
    render_actor_view(network, result, context, stage.file("graph.html"), title="conflict-kg: actors")
    # the allegations view: the same page on who accuses whom and who denies whose accusation
    render_actor_view(claims_network(network), result, context, stage.file("allegations.html"),
                      title="conflict-kg: allegations")
    compacting.join()
    del store  # closes the database
    files = tuple(str(out / name) for name in ("graph.html", "allegations.html", "analysis.json", "report.md"))
    return AnalyzeSummary(actors=network.number_of_nodes(), relations=network.number_of_edges(),
                          camps=len(result.camps), triples=len(added), quads=quads, files=files)


def export_network(data: str | Path, fmt: str) -> bytes:
    """The actor network of the build (or RDF file) ``data`` with its analysis, as GraphML or GEXF
    (:mod:`kg.analysis.export`): what ``kg analyze`` measures, for Gephi and Cytoscape."""
    network = actor_network(open_store(data))
    return network_bytes(network_for_export(network, analyze(network)), fmt)
