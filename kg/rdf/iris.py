"""The one place that mints IRIs for data: articles, their sentences, mentions and findings, actors, places,
rules, camps and the build's named graphs.

Every IRI is built from stable parts (an article's id, character offsets, an actor's
key) and percent-encodes everything outside the unreserved characters of RFC 3986,
so whatever an article contains (quotes, spaces, Arabic script) the IRI is valid.

>>> str(article_iri("fakes-1914947530"))
'https://w3id.org/conflict-kg/id/article/fakes-1914947530'
>>> str(article_iri('a "quoted" name'))
'https://w3id.org/conflict-kg/id/article/a%20%22quoted%22%20name'
>>> str(actor_iri("Person", "bashar al-assad"))
'https://w3id.org/conflict-kg/id/person/bashar-al-assad'
"""

from __future__ import annotations

import functools
import re
import unicodedata
from urllib.parse import quote

from rdflib import URIRef

from kg.records import (
    Actor,
    Affiliation,
    Allegation,
    Denial,
    Event,
    Mention,
    Sentence,
    Statement,
)

BASE = "https://w3id.org/conflict-kg/id/"
ACTORS_GRAPH = URIRef(BASE + "graph/actors")
ANALYSIS_GRAPH = URIRef(BASE + "graph/analysis")
RULES_GRAPH = URIRef(BASE + "graph/rules")
ONTOLOGY_GRAPH = URIRef(BASE + "graph/ontology")
RULE_VERSION = "0.1.0"


def _segment(value: str) -> str:
    """Percent-encode one path segment (UTF-8; only unreserved characters kept)."""
    return quote(value, safe="-._~")


@functools.lru_cache(maxsize=1 << 16)  # names and rules repeat on every mention: each slugged once
def slug(text: str) -> str:
    """Lower-case, accent-folded, dash-separated form of a name for use in an IRI.

    >>> slug("Bashar Ja’afari")
    'bashar-ja-afari'
    >>> slug("  ")
    '_'
    """
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(c for c in folded if not unicodedata.combining(c)).lower()
    folded = re.sub(r"[\W_]+", "-", folded).strip("-")
    return folded or "_"


@functools.lru_cache(maxsize=1 << 12)
def article_iri(article_id: str) -> URIRef:
    return URIRef(BASE + "article/" + _segment(article_id))


def span_iri(article_id: str, kind: str, start: int, end: int, n: int | None = None) -> URIRef:
    """A sentence, mention or assertion of an article, identified by its offsets (and ``n`` where spans repeat)."""
    suffix = f"-{n}" if n is not None else ""
    return URIRef(f"{article_iri(article_id)}/{kind}/{start}-{end}{suffix}")


def sentence_iri(sentence: Sentence) -> URIRef:
    return span_iri(sentence.article_id, "sentence", sentence.start, sentence.end)


def mention_iri(mention: Mention) -> URIRef:
    return span_iri(mention.article_id, "mention", mention.start, mention.end)


def statement_iri(statement: Statement) -> URIRef:
    """A statement, by its content's span, its cue and, after those, where its speaker is named: "X and Y said
    ..." are two statements of one content, one per speaker."""
    iri = span_iri(statement.article_id, "statement", statement.start, statement.end, statement.cue_start)
    return URIRef(f"{iri}-{statement.speaker_mention.start}")


def affiliation_iri(affiliation: Affiliation, n: int) -> URIRef:
    """An affiliation, by its member's mention and its place ``n`` among the article's affiliations."""
    member = affiliation.member
    return span_iri(affiliation.article_id, "affiliation", member.start, member.end, n)


def allegation_iri(allegation: Allegation) -> URIRef:
    return span_iri(allegation.article_id, "allegation", allegation.start, allegation.end, allegation.cue_start)


def denial_iri(denial: Denial) -> URIRef:
    return span_iri(denial.article_id, "denial", denial.start, denial.end, denial.cue_start)


def event_iri(event: Event) -> URIRef:
    return span_iri(event.article_id, "event", event.start, event.end, event.cue_start)


def casualty_iri(event: Event, n: int) -> URIRef:
    """The ``n``-th casualty figure of an event."""
    return URIRef(f"{event_iri(event)}/casualties/{n}")


@functools.lru_cache(maxsize=1 << 16)
def actor_iri(entity_type: str, key: str) -> URIRef:
    return URIRef(BASE + _segment(entity_type.lower()) + "/" + _segment(slug(key)))


def actor_node(actor: Actor) -> URIRef:
    """The IRI of a resolved actor (or place)."""
    return actor_iri(actor.entity_type, actor.key)


def place_node(actor: Actor) -> URIRef:
    """The place an actor names as a location: itself for a place, its territory for a state."""
    return actor_iri("Place", actor.key)


@functools.lru_cache(maxsize=1 << 10)
def rule_iri(rule: str) -> URIRef:
    return URIRef(BASE + "rule/" + _segment(slug(rule)) + "/" + RULE_VERSION)


def camp_iri(number: int) -> URIRef:
    """The IRI of a camp found by the analysis.

    >>> str(camp_iri(3))
    'https://w3id.org/conflict-kg/id/camp/3'
    """
    return URIRef(f"{BASE}camp/{int(number)}")
