"""The per-article run: each article through the spaCy pipeline and the extractors, as a stream, in this process,
in worker processes (``--workers``) or as tasks on a Dask cluster (``--dask``).

The extractors run in the order of what they need: mentions, affiliations, the nominal references they allow
("his country"), the article's actors, statements, allegations and denials, events. This is the one module that
calls them all; they do not call each other.
"""

from __future__ import annotations

import functools
import gc
import itertools
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace

from spacy.tokens import Doc

from kg.errors import DaskUnreachable, MissingDependency
from kg.extract import cache
from kg.extract.affiliations import extract_affiliations
from kg.extract.cameo_verbs import extract_coded_events
from kg.extract.claims import extract_allegations, extract_denials
from kg.extract.coreference import resolve_nominals
from kg.extract.events import extract_events
from kg.extract.mentions import DictionaryMatcher, extract_mentions
from kg.extract.nlp import load_pipeline
from kg.extract.repeats import extract_repeats
from kg.extract.statements import extract_statements
from kg.readers.articles import count_articles
from kg.records import Actor, Article, ArticleExtraction
from kg.resolve.actors import bind_descriptions, name_key, resolve_in_article
from kg.resolve.dictionary import ActorDictionary
from kg.resolve.events import merge_reports


def extract_article(doc: Doc, article: Article, dictionary: DictionaryMatcher | None = None) -> ArticleExtraction:
    """Per-article stages: mentions, article-level actors, statements (with the speakers they name that no mention
    did), affiliations, allegations, denials, events."""
    mentions = tuple(extract_mentions(doc, article, dictionary))
    mentions = tuple(sorted(mentions + tuple(extract_repeats(doc, article, mentions)), key=lambda m: (m.start, m.end)))
    affiliations = tuple(extract_affiliations(doc, article, mentions))
    mentions = tuple(sorted(mentions + tuple(resolve_nominals(doc, article, mentions, affiliations)),
                            key=lambda m: (m.start, m.end)))
    local = resolve_in_article(mentions)
    statements = tuple(extract_statements(doc, article, local))
    unnamed = {st.speaker_mention: st.speaker for st in statements if st.speaker_mention not in local}
    if unnamed:  # speakers the statements found that no mention named ("a witness said"): actors of the article
        mentions = tuple(sorted(mentions + tuple(unnamed), key=lambda m: (m.start, m.end)))
        # a name the model missed ("the Observatory said", "Jan Egeland said") is resolved as names are, with the
        # article's other names and across articles; a description ("a witness") is an actor of its article
        names = {m for m in unnamed if _proper_name(m.text)}
        if names:
            local = resolve_in_article([m for m in mentions if m not in unnamed or m in names])
        described = {m: a for m, a in unnamed.items() if m not in names}
        local = {**local, **described}
        bound = bind_descriptions(described, local, ((st.speaker_mention, st.speaker) for st in statements))
        if bound:  # "a human rights group said" where the article names the Syrian Network for Human Rights
            local = {**local, **bound}
            statements = tuple(replace(st, speaker=local[st.speaker_mention]) for st in statements)
    allegations = tuple(extract_allegations(doc, article, local, statements))
    denials = tuple(extract_denials(doc, article, local, affiliations, statements))
    events = tuple(extract_events(doc, article, local, statements, allegations))
    events += tuple(extract_coded_events(doc, article, local, statements, allegations, denials, events))
    events = tuple(merge_reports(events, local))
    publisher = None
    if article.source:
        publisher = Actor(key=name_key(article.source), label=article.source, entity_type="Media")
    return ArticleExtraction(article, mentions, local, statements, affiliations, allegations, denials, events,
                             publisher)


def _proper_name(text: str) -> bool:
    """Every word capitalised: a name ("Observatory", "Jan Egeland"), not a description ("a police source").

    >>> _proper_name("Jan Egeland"), _proper_name("Kherson city's military administration")
    (True, False)
    """
    words = [w for w in text.split() if any(c.isalpha() for c in w)]
    return bool(words) and all(w[:1].isupper() for w in words)


def extractions(articles: Iterable[Article], model: str | None = None, batch_size: int = 32,
                dictionary: ActorDictionary | None = None, workers: int = 1,
                dask: str | None = None) -> Iterator[tuple[ArticleExtraction, bytes | None]]:
    """Run the pipeline over a stream of articles, one extraction per article.

    The articles stream through ``nlp.pipe`` in batches; no list of Docs is kept. With ``workers`` > 1,
    batches go to that many processes (each loads the pipeline once) with at most two batches per
    worker in flight, so memory stays bounded whatever the corpus size; the order read is kept. With
    ``dask`` (a scheduler address, or ``"local"`` for a LocalCluster of ``workers`` processes), each batch is a
    task on a Dask distributed cluster, two per worker in flight, and extractions come in the order they finish.
    Each comes with its bytes for the extraction cache (:func:`kg.extract.cache.dumps`) when another process made
    it (it had to be pickled to come back anyway), else None.
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
        try:
            found = extract_article(doc, article, matcher)
        except Exception as exc:  # a bug of an extractor: this article loses its findings, the others are built
            found = ArticleExtraction(article, (), {}, (), (), (), (), (), None,
                                      failure=f"{type(exc).__name__}: {str(exc)[:200]}")
        yield found


def _extract_batch(batch: list[Article], model: str | None, dictionary: ActorDictionary | None,
                   batch_size: int) -> list[bytes]:
    """One batch in a worker process (``--workers``) or a Dask task (``--dask``): each article's extraction as the
    bytes of its cache file (:func:`kg.extract.cache.dumps`), so that the build keeps them as they are."""
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


#: Articles extracted between two :func:`settled_heap` settlements.
SETTLE_EVERY = 200
#: While a build holds its extractions: collections of the middle generation between two full collections.
FULL_COLLECTION_EVERY = 100


@contextmanager
def settled_heap() -> Iterator[Callable[[], None]]:
    """Keep what the build holds for good (its extractions: millions of small objects) out of the way of Python's
    cyclic garbage collector, which otherwise walks all of them at every full collection (3.1 of 17 s of the global
    steps at 2,376 articles, more as the corpus grows). The function given, called now and then, collects the
    garbage of the objects made since the last call and freezes the rest (``gc.freeze``); all are unfrozen at
    the end. Objects freed by their reference count are freed as ever, frozen or not.

    Meanwhile the collector's own full collections come ten times rarer (its third threshold 10 -> 100): after a
    freeze it counts no long-lived object, so it walked the young heap in full after every tenth collection of the
    middle generation, 19 times in 400 articles (0.73 s), for garbage that ``settle`` collects anyway."""
    def settle() -> None:
        gc.collect()
        gc.freeze()

    thresholds = gc.get_threshold()
    gc.set_threshold(thresholds[0], thresholds[1], max(thresholds[2], FULL_COLLECTION_EVERY))
    try:
        yield settle
    finally:
        gc.unfreeze()
        gc.set_threshold(*thresholds)


def progress_bar(show: bool | None, paths: list[str]):
    """A tqdm bar of articles done, with articles/s and the time left (when the input can be counted
    cheaply, :func:`kg.readers.articles.count_articles`), on stderr, silent when stderr is not a terminal.

    The bar runs without tqdm's monitor thread (it refreshes a bar left idle for 10 s; this one moves with every
    article): beside a second thread, even one asleep, the model's parser and entity recogniser ran 15% slower
    (20.6 s against 17.9 s on 400 articles, one core; the profile shows the time in pthread locking)."""
    from tqdm import tqdm

    class Bar(tqdm):
        monitor_interval = 0  # no monitor thread

    if show is None:
        show = sys.stderr.isatty()
    total = count_articles(paths) if show else None
    return Bar(total=total or None, unit=" articles", desc="extracting", file=sys.stderr, disable=not show,
               leave=False, dynamic_ncols=True, smoothing=0.1)
