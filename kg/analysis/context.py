"""Stage: RDF -> what the actor view shows beside the network: the articles (title, outlet, date, link), the
actors' other names, each assertion's confidence and date, and the events with their places and tolls.

Read by SPARQL from the store, as :mod:`kg.analysis.network` reads the network; rows are sorted, so what is built
from them does not depend on the order a store gives them in.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph as ox

from kg.rdf.namespaces import PREFIXES
from kg.rdf.ontology import EVENT_TYPES, event_types

_PREFIXES = "".join(f"PREFIX {prefix}: <{iri}>\n" for prefix, iri in PREFIXES.items())

_ARTICLES = _PREFIXES + """
SELECT ?id ?title ?date ?url ?outlet WHERE {
  ?article a ckg:Article ; dcterms:identifier ?id .
  OPTIONAL { ?article dcterms:title ?title }
  OPTIONAL { ?article schema:datePublished ?date }
  OPTIONAL { ?article schema:url ?url }
  OPTIONAL { ?article schema:publisher/skos:prefLabel ?outlet }
}"""
_ALIASES = _PREFIXES + "SELECT ?actor ?alias WHERE { ?actor skos:altLabel ?alias }"
# every assertion the network draws an edge from has its article (prov:wasDerivedFrom) and a confidence
_ASSERTIONS = _PREFIXES + """
SELECT ?assertion ?confidence ?date WHERE {
  ?assertion prov:wasDerivedFrom ?article ; ckg:confidence ?confidence .
  OPTIONAL { ?assertion sem:hasTimeStamp ?date }
}"""
_EVENTS = _PREFIXES + """
SELECT ?event ?type ?sentence ?article ?confidence ?date WHERE {
  ?event a ckg:Event ; sem:eventType ?type ; nif:sentence/nif:anchorOf ?sentence ;
         prov:wasDerivedFrom/dcterms:identifier ?article ; ckg:confidence ?confidence .
  OPTIONAL { ?event sem:hasTimeStamp ?date }
}"""
_EVENT_PLACES = _PREFIXES + """
SELECT ?event ?place ?label ?lat ?long WHERE {
  ?event a ckg:Event ; sem:hasPlace ?place . ?place skos:prefLabel ?label .
  OPTIONAL { ?place geo:lat ?lat ; geo:long ?long }
}"""
_EVENT_ACTORS = _PREFIXES + """
SELECT ?event ?role ?actor WHERE {
  ?event a ckg:Event ; ?role ?actor . VALUES ?role { ckg:agent ckg:target ckg:victim }
}"""
_CASUALTIES = _PREFIXES + """
SELECT ?event ?figure ?count ?kind WHERE {
  ?event a ckg:Event ; ckg:casualties ?figure . ?figure ckg:count ?count ; ckg:casualtyKind ?kind .
}"""


@dataclass(frozen=True)
class ArticleInfo:
    """What a reader needs to find an article again: its title, outlet, publication date (ISO) and link."""

    id: str
    title: str = ""
    outlet: str = ""
    date: str = ""
    url: str = ""


@dataclass(frozen=True)
class PlaceInfo:
    """A place with its coordinates (latitude, longitude), when the gazetteer gave them."""

    iri: str
    label: str
    coordinates: tuple[float, float] | None = None


@dataclass(frozen=True)
class EventInfo:
    """An event as the views show it: type (id and label), sentence, article, date (its own, else ""), confidence,
    places, actors (agents, targets and victims) and tolls."""

    iri: str
    type: str
    type_label: str
    sentence: str
    article: str
    confidence: float
    date: str = ""
    places: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    killed: int = 0
    injured: int = 0


@dataclass(frozen=True)
class ViewContext:
    """Everything :func:`view_context` reads: articles by id, other names by actor, (confidence, date) by
    assertion IRI, events (sorted by IRI) and the places they happened in, by IRI."""

    articles: dict[str, ArticleInfo] = field(default_factory=dict)
    aliases: dict[str, tuple[str, ...]] = field(default_factory=dict)
    assertions: dict[str, tuple[float, str]] = field(default_factory=dict)
    events: tuple[EventInfo, ...] = ()
    places: dict[str, PlaceInfo] = field(default_factory=dict)


def view_context(store: ox.Store) -> ViewContext:
    """The view's context of the graph in ``store`` (not changed).

    >>> view_context(ox.Store()).events
    ()
    """
    def rows(query: str, *names: str) -> list[tuple[str, ...]]:
        return sorted(tuple("" if row[n] is None else row[n].value for n in names)
                      for row in store.query(query, use_default_graph_as_union=True))

    articles = {}
    for id_, title, date, url, outlet in rows(_ARTICLES, "id", "title", "date", "url", "outlet"):
        if id_ not in articles:  # one outlet per article (the first by name when a graph had several)
            articles[id_] = ArticleInfo(id=id_, title=" ".join(title.split()), outlet=outlet, date=date[:10],
                                        url=url if url.lower().startswith(("http://", "https://")) else "")
    aliases: dict[str, list[str]] = {}
    for actor, alias in rows(_ALIASES, "actor", "alias"):
        aliases.setdefault(actor, []).append(alias)
    assertions: dict[str, tuple[float, str]] = {}
    for iri, confidence, date in rows(_ASSERTIONS, "assertion", "confidence", "date"):
        assertions.setdefault(iri, (_float(confidence), date[:10]))

    places: dict[str, PlaceInfo] = {}
    where: dict[str, list[str]] = {}
    for event, place, label, lat, long in rows(_EVENT_PLACES, "event", "place", "label", "lat", "long"):
        if place not in places:
            coordinates = (_float(lat), _float(long)) if lat and long else None
            places[place] = PlaceInfo(iri=place, label=label, coordinates=coordinates)
        if place not in where.setdefault(event, []):
            where[event].append(place)
    who: dict[str, list[str]] = {}
    for event, _, actor in rows(_EVENT_ACTORS, "event", "role", "actor"):
        if actor not in who.setdefault(event, []):
            who[event].append(actor)
    tolls: dict[str, dict[str, int]] = {}
    for event, _, count, kind in rows(_CASUALTIES, "event", "figure", "count", "kind"):
        toll = tolls.setdefault(event, {"killed": 0, "injured": 0})
        if kind in toll:
            toll[kind] += int(_float(count))
    labels = {id_: kind.label for id_, kind in event_types().items()}
    events: list[EventInfo] = []
    seen: set[str] = set()
    for event, kind, sentence, article, confidence, date in rows(
            _EVENTS, "event", "type", "sentence", "article", "confidence", "date"):
        if event in seen:  # an event with two sentences or types: its first
            continue
        seen.add(event)
        type_id = kind[len(EVENT_TYPES):] if kind.startswith(EVENT_TYPES) else kind.rsplit("#", 1)[-1]
        toll = tolls.get(event, {})
        events.append(EventInfo(iri=event, type=type_id, type_label=labels.get(type_id) or type_id,
                                sentence=sentence, article=article, confidence=_float(confidence), date=date[:10],
                                places=tuple(where.get(event, ())), actors=tuple(who.get(event, ())),
                                killed=toll.get("killed", 0), injured=toll.get("injured", 0)))
    return ViewContext(articles=articles, aliases={a: tuple(names) for a, names in aliases.items()},
                       assertions=assertions, events=tuple(events), places=places)


def _float(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        return 0.0


__all__ = ["ArticleInfo", "EventInfo", "PlaceInfo", "ViewContext", "view_context"]
