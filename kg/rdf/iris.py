"""The one place that mints IRIs for data.

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


@functools.lru_cache(maxsize=1 << 16)
def actor_iri(entity_type: str, key: str) -> URIRef:
    return URIRef(BASE + _segment(entity_type.lower()) + "/" + _segment(slug(key)))


@functools.lru_cache(maxsize=1 << 10)
def rule_iri(rule: str) -> URIRef:
    return URIRef(BASE + "rule/" + _segment(slug(rule)) + "/" + RULE_VERSION)


def camp_iri(number: int) -> URIRef:
    """The IRI of a camp found by the analysis.

    >>> str(camp_iri(3))
    'https://w3id.org/conflict-kg/id/camp/3'
    """
    return URIRef(f"{BASE}camp/{int(number)}")
