"""The one module that composes the stages of a build.

    articles -> nlp docs -> mentions -> actors -> statements -> RDF -> network -> HTML
"""

from __future__ import annotations

import functools
import gc
import itertools
import json
import pickle
import threading
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import Future
from contextlib import contextmanager
from dataclasses import asdict, dataclass, replace
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
from rdflib import URIRef

from kg import cache, gazetteer, iris, places, rdf
from kg.actors import armed_group_key, leaders_of, merge_actors, merged_rules, name_key, resolve_in_article
from kg.affiliations import extract_affiliations
from kg.analysis import Analysis, analysis_json, analyze, report_markdown
from kg.claims import extract_allegations, extract_denials
from kg.coreference import resolve_nominals
from kg.dictionary import ActorDictionary, load_dictionary
from kg.errors import DaskUnreachable, MissingDependency, NoArticles, NoBuild
from kg.events import extract_events
from kg.mentions import DictionaryMatcher, extract_mentions
from kg.network import actor_network, allegation_network
from kg.nlp import load_pipeline
from kg.output import (
    GraphWriter,
    Staging,
    by_graph,
    graph_key,
    locked,
    quad_key,
    recover,
    sorted_graph,
    sorted_quads,
    to_oxigraph,
    write_dataset,
    write_text,
    writing,
)
from kg.readers import count_articles, read_articles
from kg.records import Actor, Affiliation, Allegation, Article, Denial, Event, Mention, Problem, Statement
from kg.statements import extract_statements
from kg.store import STORE_DIR, write_nquads
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
    affiliations: tuple[Affiliation, ...]
    allegations: tuple[Allegation, ...]
    denials: tuple[Denial, ...]
    events: tuple[Event, ...]
    publisher: Actor | None


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


def extract_article(doc, article: Article, dictionary: DictionaryMatcher | None = None) -> ArticleExtraction:
    """Per-article stages: mentions, article-level actors, statements, affiliations."""
    mentions = tuple(extract_mentions(doc, article, dictionary))
    affiliations = tuple(extract_affiliations(doc, article, mentions))
    mentions = tuple(sorted(mentions + tuple(resolve_nominals(doc, article, mentions, affiliations)),
                            key=lambda m: (m.start, m.end)))
    local = resolve_in_article(mentions)
    statements = tuple(extract_statements(doc, article, local))
    allegations = tuple(extract_allegations(doc, article, local, statements))
    denials = tuple(extract_denials(doc, article, local))
    events = tuple(extract_events(doc, article, local, statements, allegations))
    publisher = None
    if article.source:
        publisher = Actor(key=name_key(article.source), label=article.source, entity_type="Media")
    return ArticleExtraction(article, mentions, local, statements, affiliations, allegations, denials, events,
                             publisher)


def extract_all(articles: Iterable[Article], model: str | None = None, batch_size: int = 32,
                dictionary: ActorDictionary | None = None, workers: int = 1,
                dask: str | None = None) -> Iterator[ArticleExtraction]:
    """Run the pipeline over a stream of articles, one extraction per article (see :func:`_extractions`)."""
    for extraction, _ in _extractions(articles, model, batch_size, dictionary, workers, dask):
        yield extraction


def _extractions(articles: Iterable[Article], model: str | None = None, batch_size: int = 32,
                 dictionary: ActorDictionary | None = None, workers: int = 1,
                 dask: str | None = None) -> Iterator[tuple[ArticleExtraction, bytes | None]]:
    """Run the pipeline over a stream of articles, one extraction per article.

    The articles stream through ``nlp.pipe`` in batches; no list of Docs is kept. With ``workers`` > 1,
    batches go to that many processes (each loads the pipeline once) with at most two batches per
    worker in flight, so memory stays bounded whatever the corpus size; the order read is kept. With
    ``dask`` (a scheduler address, or ``"local"`` for a LocalCluster of ``workers`` processes), each batch is a
    task on a Dask distributed cluster, two per worker in flight, and extractions come in the order they finish.
    Each comes with its bytes for the extraction cache (:func:`kg.cache.dumps`) when another process made it (it
    had to be pickled to come back anyway), else None.
    """
    stream = iter(articles)
    first = next(stream, None)
    if first is None:  # nothing to extract (an --append of known articles): no model to load
        return
    articles = itertools.chain([first], stream)
    if dask is not None:
        yield from _extract_dask(articles, dask, model, dictionary, batch_size, workers)
        return
    if workers <= 1:
        yield from ((x, None) for x in _extract_stream(articles, model, dictionary, batch_size))
        return
    import multiprocessing
    from collections import deque
    from itertools import islice

    context = multiprocessing.get_context("spawn")  # no state inherited from the parent's threads
    stream = iter(articles)
    with context.Pool(workers, initializer=load_pipeline, initargs=(model,)) as pool:
        pending: deque = deque()
        while True:
            while len(pending) < 2 * workers and (batch := list(islice(stream, batch_size))):
                pending.append(pool.apply_async(_extract_batch, (batch, model, dictionary, batch_size)))
            if not pending:
                break
            yield from ((cache.loads(data), data) for data in pending.popleft().get())


def _extract_stream(articles: Iterable[Article], model: str | None, dictionary: ActorDictionary | None,
                    batch_size: int) -> Iterator[ArticleExtraction]:
    """Articles through the pipeline (loaded once per process) and the per-article stages, as a stream."""
    nlp = load_pipeline(model)
    matcher = _dictionary_matcher(model, dictionary.entries) if dictionary else None
    pairs = ((a.text, a) for a in articles)
    for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        yield extract_article(doc, article, matcher)


def _extract_batch(batch: list[Article], model: str | None, dictionary: ActorDictionary | None,
                   batch_size: int) -> list[bytes]:
    """One batch in a worker process (``--workers``) or a Dask task (``--dask``): each article's extraction as the
    bytes of its cache file (:func:`kg.cache.dumps`), so that the build keeps them as they are."""
    return [cache.dumps(x) for x in _extract_stream(batch, model, dictionary, batch_size)]


@functools.lru_cache(maxsize=2)
def _dictionary_matcher(model: str | None, entries: tuple) -> DictionaryMatcher:
    """The user's dictionary compiled once per process (a worker gets it again with every batch)."""
    return DictionaryMatcher(ActorDictionary(entries), load_pipeline(model).vocab)

#: Seconds to wait for a Dask scheduler to answer, and for a LocalCluster to start.
DASK_TIMEOUT = 15


def _extract_dask(articles: Iterable[Article], address: str, model: str | None,
                  dictionary: ActorDictionary | None, batch_size: int, workers: int,
                  ) -> Iterator[tuple[ArticleExtraction, bytes]]:
    """The per-article extraction as tasks on a Dask distributed cluster (kg must be installed on its workers)."""
    try:
        from distributed import Client, LocalCluster, as_completed
    except ImportError:
        raise MissingDependency("dask distributed", "--dask", "pip install 'conflict-kg[dask]'") from None
    from itertools import islice

    cluster = None
    try:
        if address == "local":
            cluster = LocalCluster(n_workers=max(1, workers), threads_per_worker=1, processes=True,
                                   host="127.0.0.1", dashboard_address=None, silence_logs=50)
            client = Client(cluster, timeout=DASK_TIMEOUT)
        else:
            client = Client(address, timeout=DASK_TIMEOUT)
    except (OSError, TimeoutError, ValueError) as exc:
        if cluster is not None:
            cluster.close()
        raise DaskUnreachable(address, exc) from None
    try:
        window = 2 * max(1, len(client.scheduler_info().get("workers", {})))
        stream = iter(articles)
        running = as_completed()
        for _ in range(window):
            if batch := list(islice(stream, batch_size)):
                running.add(client.submit(_extract_batch, batch, model, dictionary, batch_size, pure=False))
        for future in running:
            yield from ((cache.loads(data), data) for data in future.result())
            future.release()
            if batch := list(islice(stream, batch_size)):
                running.add(client.submit(_extract_batch, batch, model, dictionary, batch_size, pure=False))
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


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
    dictionary (CSV or Turtle, see :mod:`kg.dictionary`). ``workers`` processes run the NLP and the
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
        with _settled_heap() as settle:
            known, damaged = _read_cache(out, settle) if append else ({}, [])
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

            with _progress(progress, paths) as bar:
                for x, data in _extractions(fresh(articles), model, dictionary=dictionary, workers=workers,
                                            dask=dask):
                    # kept as it comes, outside the committed cache: an interrupted run resumes with --append
                    path = cache.save_pending(out, x, data)
                    made[x.article.article_id] = cache.Cached(path, cache.text_hash(x.article.text), x)
                    bar.update(1)
                    if len(made) % SETTLE_EVERY == 0:
                        settle()
            settle()
            _report_damaged(damaged, seen, report)
            if not made and not (seen & set(known)):
                raise NoArticles(paths)
            merged_ids = sorted(set(known) | set(made))
            kept = [made[i] if i in made else known[i] for i in merged_ids]
            extractions = [c.extraction for c in kept]
            changes = {"new": len(set(made) - set(known)), "updated": len(set(made) & set(known)),
                       "unchanged": len((seen & set(known)) - set(made)), "resumed": resumed}
            summary = _write_build(out, extractions, [c.path for c in kept], dictionary, changes,
                                   skipped=sum(p.skipped for p in problems), settle=settle)
        cache.clear_pending(out)  # all committed
        return summary


def _read_cache(out: Path, settle: Callable[[], None]) -> tuple[dict[str, cache.Cached], list[cache.Damaged]]:
    """The committed extraction cache: what each article gave, by article id, and the files that cannot be used."""
    known: dict[str, cache.Cached] = {}
    damaged: list[cache.Damaged] = []
    for entry in cache.load_all(out):
        if isinstance(entry, cache.Damaged):
            damaged.append(entry)
            continue
        known[entry.extraction.article.article_id] = entry
        if len(known) % SETTLE_EVERY == 0:
            settle()
    settle()
    return known, damaged


def _report_damaged(damaged: list[cache.Damaged], seen: set[str], report: Callable[[Problem], None]) -> None:
    """Name each damaged cache file: its article was extracted again (its text was given), or it is lost."""
    given = {cache.file_name(article_id): article_id for article_id in seen}
    for entry in damaged:
        article_id = given.get(entry.path.name)
        if article_id is not None:
            report(Problem(str(entry.path), f"this extraction file {entry.reason}: its article {article_id!r} was "
                                            "extracted again", skipped=False))
        else:
            report(Problem(str(entry.path), f"this extraction file {entry.reason}: the article it held is lost from "
                                            "the build (give that article's text again with --append to put it "
                                            "back)"))


def _write_build(out: Path, extractions: list[ArticleExtraction], cache_files: list[Path],
                 dictionary: ActorDictionary | None, changes: dict[str, int], skipped: int,
                 settle: Callable[[], None]) -> BuildSummary:
    """Resolve the actors across the articles, write every output (the extraction cache ``cache_files`` too),
    staged, and commit them together (``settle``: see :func:`_settled_heap`)."""
    local_actors = [a for x in extractions for a in x.local_actors.values()]
    local_actors += [x.publisher for x in extractions if x.publisher]
    merged = merge_actors(local_actors, leaders=leaders_of([(a, x.local_actors) for x in extractions
                                                            for a in x.affiliations]))
    if dictionary:
        merged = with_dictionary(merged, dictionary)
    merged = with_coordinates(merged, extractions)

    answers = link_denials(extractions, merged)
    settle()
    counts = {"mentions": 0, "statements": 0, "allegations": 0, "denials": 0, "events": 0}
    # the quads go to the store and the TriG as a stream, an article's graph at a time (articles in the order of
    # their graphs in the files, kg.output.graph_key, which all sort before the shared graphs): the whole graph is
    # never in memory
    in_order = sorted(extractions, key=lambda x: graph_key(iris.article_iri(x.article.article_id)))
    shared: list[ox.Quad] = []
    trig = out / "graph.trig"
    # every output is staged under a temporary name and all are renamed into place at the end (kg.output.Staging):
    # a build killed, or failing, before that leaves the previous output whole, its extraction cache included
    with writing(out), Staging(out) as stage:
        cache.stage(stage, cache_files)
        store_dir = stage.folder(STORE_DIR)
        staged_trig = stage.file("graph.trig")
        with writing(staged_trig), staged_trig.open("wb") as fh:
            writer = GraphWriter(fh)
            write_nquads(store_dir, _graph_quads(in_order, merged, answers, counts, writer, shared))
            # the network is projected from the store just written; the analysis goes into it and ends the TriG
            analyzed = _analyze(ox.Store(str(store_dir)), out, stage, trig=(writer, shared))

        resolved = {id(a): a for a in merged.values()}.values()
        actors = [a for a in resolved if not a.is_place]
        summary = BuildSummary(
            articles=len(extractions),
            skipped=skipped,
            **changes,
            actors=len(actors),
            places=len(resolved) - len(actors),
            mentions=counts["mentions"],
            statements=counts["statements"],
            allegations=counts["allegations"],
            denials=counts["denials"],
            events=counts["events"],
            triples=analyzed.quads,
            out=str(out),
            files=(str(trig), str(out / STORE_DIR), *analyzed.files, str(out / "summary.json")),
        )
        write_text(json.dumps(asdict(summary), indent=2) + "\n", stage.file("summary.json"))
        stage.commit()
    return summary


#: Articles extracted between two :func:`_settled_heap` settlements.
SETTLE_EVERY = 200


@contextmanager
def _settled_heap() -> Iterator[Callable[[], None]]:
    """Keep what the build holds for good (its extractions: millions of small objects) out of the way of Python's
    cyclic garbage collector, which otherwise walks all of them at every full collection (3.1 of 17 s of the global
    steps at 2,376 articles, more as the corpus grows). The function given, called now and then, collects the
    garbage of the objects made since the last call and freezes the rest (``gc.freeze``); all are unfrozen at
    the end. Objects freed by their reference count are freed as ever, frozen or not."""
    def settle() -> None:
        gc.collect()
        gc.freeze()

    try:
        yield settle
    finally:
        gc.unfreeze()


def _graph_quads(extractions: list[ArticleExtraction], merged: Mapping[str, Actor], answers: Mapping[Denial, tuple],
                 counts: dict[str, int], writer: GraphWriter, shared: list[ox.Quad]) -> Iterator[bytes]:
    """The build's quads as N-Quads, for the store: each article's named graph (also written to ``writer``,
    sorted), then the actors, rules and ontology graphs (kept, sorted, in ``shared``); fills ``counts`` as it
    goes."""
    rules: set[str] = set()
    territories: dict[str, Actor] = {}
    for x in extractions:
        graph = iris.article_iri(x.article.article_id)
        actor_of = {m: merged[a.key] for m, a in x.local_actors.items()}
        publisher = merged[x.publisher.key] if x.publisher else None
        resolved_by = {m: rule for a in x.local_actors.values() for m, rule in zip(a.mentions, a.mention_rules,
                                                                                   strict=True)}
        resolved_by.update(merged_rules(x.local_actors, merged))
        # what resolved to a place across the corpus is not an actor: it neither speaks, accuses nor denies
        statements = [st for st in x.statements if not actor_of[st.speaker_mention].is_place]
        allegations = [al for al in x.allegations if not actor_of[al.accuser].is_place
                       and not any(actor_of[m].is_place for m in al.accused)]
        denials = [(dn, answers.get(dn, ())) for dn in x.denials if not actor_of[dn.denier].is_place
                   and not any(actor_of[m].is_place for m in dn.defended)]
        events = [_actors_only(ev, actor_of) for ev in x.events]
        for ev in events:
            territories.update((actor_of[m].key, actor_of[m]) for m in ev.places if not actor_of[m].is_place)
        quads, nquads = sorted_graph((s, p, o, graph) for s, p, o in rdf.article_triples(
            x.article, x.mentions, statements, actor_of, publisher, x.affiliations, resolved_by, allegations,
            denials, events))
        writer.write(quads)
        yield nquads
        rules.update(m.rule for m in x.mentions)
        for records in (statements, x.affiliations, allegations, [d for d, _ in denials], events):
            rules.update(r.rule for r in records)
        rules.update(resolved_by.values())
        for name, records in (("mentions", x.mentions), ("statements", statements), ("allegations", allegations),
                              ("denials", denials), ("events", events)):
            counts[name] += len(records)
    unique = sorted({id(a): a for a in merged.values()}.values(), key=lambda a: a.key)
    territory = [a for k, a in sorted(territories.items()) if not any(u.is_place and u.key == k for u in unique)]
    rest = [(s, p, o, iris.ACTORS_GRAPH) for s, p, o in rdf.actor_triples(unique)]
    rest += [(s, p, o, iris.ACTORS_GRAPH) for s, p, o in rdf.territory_triples(territory)]
    rest += [(s, p, o, rdf.RULES_GRAPH) for s, p, o in rdf.rule_triples(sorted(rules))]
    quads, nquads = sorted_graph(rest, extra=ontology_quads())
    shared.extend(quads)
    yield nquads


def _progress(show: bool | None, paths: list[str]):
    """A tqdm bar of articles done, with articles/s and the time left (when the input can be counted
    cheaply, :func:`kg.readers.count_articles`), on stderr, silent when stderr is not a terminal."""
    import sys

    from tqdm import tqdm

    if show is None:
        show = sys.stderr.isatty()
    total = count_articles(paths) if show else None
    return tqdm(total=total or None, unit=" articles", desc="extracting", file=sys.stderr, disable=not show,
                leave=False, dynamic_ncols=True, smoothing=0.1)


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
    centrality = _betweenness_elsewhere(network)
    # meanwhile (another process works out the betweenness of a large network): the allegations and their view
    render_view(allegation_network(store), stage.file("allegations.html"), title="conflict-kg: allegations")
    result = analyze(network, centrality=_result(centrality))
    added = sorted_quads((s, p, o, iris.ANALYSIS_GRAPH) for s, p, o in rdf.analysis_triples(result))
    graph = to_oxigraph(iris.ANALYSIS_GRAPH)
    body = "\n".join(f"{q.subject} {q.predicate} {q.object} ." for q in added)
    store.update(f"DROP SILENT GRAPH {graph} ; INSERT DATA {{ GRAPH {graph} {{ {body} }} }}")
    store.flush()
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
    render_view(_actor_view(network, result), stage.file("graph.html"), title="conflict-kg: actors")
    compacting.join()
    del store  # closes the database
    files = tuple(str(out / name) for name in ("graph.html", "allegations.html", "analysis.json", "report.md"))
    return AnalyzeSummary(actors=network.number_of_nodes(), relations=network.number_of_edges(),
                          camps=len(result.camps), triples=len(added), quads=quads, files=files)


#: Networks of more actors than this get their betweenness (the slowest measure) from another process.
HELPER_MIN_ACTORS = 1000

#: The other process: a pickled network on stdin, its pickled betweenness on stdout (a fresh interpreter, so that
#: nothing of the caller's own script runs again in it, as it would under multiprocessing's spawn).
_BETWEENNESS = """
import pickle, sys
from kg.analysis import betweenness
sys.stdout.buffer.write(pickle.dumps(betweenness(pickle.load(sys.stdin.buffer))))
"""


def _betweenness_elsewhere(network: nx.MultiDiGraph) -> Future | None:
    """The betweenness of a large ``network`` being worked out in another process (on a core the build leaves idle
    while it renders the allegation view), or None for a small network."""
    if network.number_of_nodes() <= HELPER_MIN_ACTORS:
        return None
    import os
    import subprocess
    import sys
    from concurrent.futures import ThreadPoolExecutor

    data = pickle.dumps(network, protocol=pickle.HIGHEST_PROTOCOL)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        p for p in (str(Path(__file__).resolve().parent.parent), os.environ.get("PYTHONPATH")) if p)}

    def run() -> dict | None:
        done = subprocess.run([sys.executable, "-c", _BETWEENNESS], input=data, capture_output=True, env=env)
        return pickle.loads(done.stdout) if done.returncode == 0 else None

    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kg-betweenness")
    future = pool.submit(run)
    pool.shutdown(wait=False)
    return future


def _result(future: Future | None) -> dict | None:
    """What another process worked out, or None when it could not (then it is worked out here)."""
    if future is None:
        return None
    try:
        return future.result()
    except (OSError, pickle.UnpicklingError, EOFError):
        return None


def _actor_view(network: nx.MultiDiGraph, result: Analysis) -> nx.MultiDiGraph:
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


def _actors_only(event: Event, actor_of: Mapping[Mention, Actor]) -> Event:
    """An event whose participants are actors and whose places are places or states."""
    def keep(ms):
        return tuple(m for m in ms if not actor_of[m].is_place)

    return replace(event, agents=keep(event.agents), targets=keep(event.targets), victims=keep(event.victims))


def allegiances(extractions: list[ArticleExtraction], merged: Mapping[str, Actor]) -> dict[str, str]:
    """Actor key -> the key of the state it belongs to: its state's forces ("Syrian army"), its officials
    ("Syria's ambassador"), its leader ("Syrian President Bashar Assad")."""
    states = {a.label: a.key for a in merged.values() if a.entity_type == "State"}
    side: dict[str, str] = {}
    for actor in merged.values():
        if actor.entity_type == "ArmedGroup":
            owners = {parts[0] for m in actor.mentions if (parts := armed_group_key(m.text)) and parts[0] in states}
            if len(owners) == 1:
                side[actor.key] = states[owners.pop()]
    for x in extractions:
        for af in x.affiliations:
            member, org = merged[x.local_actors[af.member].key], merged[x.local_actors[af.organization].key]
            if org.entity_type == "State" and member.key != org.key:
                side.setdefault(member.key, org.key)
    return side


def link_denials(extractions: list[ArticleExtraction], merged: Mapping[str, Actor]) -> dict[Denial, tuple]:
    """The allegations each denial answers.

    In its own article, a denial answers the allegations against a party it defends. Across
    articles, it answers those against a party it defends for the same kind of act. Allegations
    are indexed by (accused, act type), so the step grows with the corpus, not its square.
    """
    side = allegiances(extractions, merged)
    by_party: dict[tuple[str, str | None], list[tuple[str, URIRef]]] = defaultdict(list)
    for x in extractions:
        for al in x.allegations:
            parties = {merged[x.local_actors[m].key].key for m in al.accused}
            parties |= {side[p] for p in parties if p in side}  # against Assad's forces is against Syria
            for party in parties:
                by_party[party, al.act_type].append((x.article.article_id, rdf.allegation_iri(al)))
                by_party[party, None].append((x.article.article_id, rdf.allegation_iri(al)))
    answers: dict[Denial, tuple] = {}
    for x in extractions:
        for dn in x.denials:
            found: set[URIRef] = set()
            for m in dn.defended:
                key = merged[x.local_actors[m].key].key
                found.update(iri for article, iri in by_party.get((key, None), ()) if article == x.article.article_id)
                if dn.act_type:
                    found.update(iri for _, iri in by_party.get((key, dn.act_type), ()))
            answers[dn] = tuple(sorted(found))
    return answers


def with_coordinates(merged: dict[str, Actor], extractions: list[ArticleExtraction]) -> dict[str, Actor]:
    """Give places (and states, for their territory) coordinates and a GeoNames link from the gazetteer.

    A place is looked up in the country its articles are mostly about (their most named state);
    a match in another country gives it no coordinates rather than wrong ones.
    """
    hints: dict[str, str | None] = {}
    article_states: dict[str, set[str]] = {}
    for x in extractions:
        states = Counter(a.label for a in x.local_actors.values() if a.entity_type == "State")
        hints[x.article.article_id] = gazetteer.state_code(states.most_common(1)[0][0]) if states else None
        article_states[x.article.article_id] = {c for c in map(gazetteer.state_code, states) if c}
    named = {id(a): {c for m in a.mentions for c in article_states.get(m.article_id, ())} for a in merged.values()}
    updated: dict[int, Actor] = {}
    for actor in merged.values():
        if id(actor) in updated:
            continue
        updated[id(actor)] = actor
        if actor.entity_type not in ("Place", "State") or actor.coordinates is not None:
            continue
        votes = Counter(hints.get(m.article_id) for m in actor.mentions if hints.get(m.article_id))
        hint = votes.most_common(1)[0][0] if votes else None
        code = gazetteer.state_code(actor.label) if actor.entity_type == "State" else None
        info = places.lookup_place(actor.label, code or hint)
        if info is None or (actor.entity_type == "State" and info.kind != "country"):
            continue
        if actor.entity_type == "Place" and hint and info.country_code != hint and info.kind != "country" \
                and info.population < 500_000 and info.country_code not in named.get(id(actor), ()):
            continue  # "al-Bayda" in a report on Syria is not the Libyan city
        same_as = actor.same_as if actor.entity_type == "State" or not info.geonames_uri else \
            tuple(sorted({*actor.same_as, info.geonames_uri}))
        updated[id(actor)] = replace(actor, coordinates=(info.latitude, info.longitude), same_as=same_as)
    return {key: updated[id(actor)] for key, actor in merged.items()}


def with_dictionary(merged: dict[str, Actor], dictionary: ActorDictionary) -> dict[str, Actor]:
    """Give each actor the dictionary's aliases and external identifiers where it lists the actor."""
    updated: dict[int, Actor] = {}
    for actor in merged.values():
        if id(actor) in updated:
            continue
        entry = dictionary.lookup(actor.label)
        if entry is None:
            updated[id(actor)] = actor
            continue
        aliases = tuple(sorted(set(actor.aliases) | (set(entry.aliases) - {actor.label})))
        updated[id(actor)] = replace(actor, same_as=entry.same_as, aliases=aliases)
    return {key: updated[id(actor)] for key, actor in merged.items()}


def ontology_quads() -> list[ox.Quad]:
    """The ontology (classes, properties, the event-type scheme) as a graph of its own, so labels resolve."""
    graph = to_oxigraph(ONTOLOGY_GRAPH)
    return [ox.Quad(t.subject, t.predicate, t.object, graph)
            for t in ox.parse(ontology_text(), format=ox.RdfFormat.TURTLE)]
