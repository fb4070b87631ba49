"""The ACLED-style export (``kg export OUT --format acled-csv``): one row per event, with the columns of ACLED's data
export, so that the graph drops into the tools analysts of conflict data already use.

A row's values, from the graph:

- ``event_id_cnty``: the ISO 3166 alpha-3 code of the event's country (``XXX`` when unknown) and 8 digits from a hash
  of the event's IRI, so the same event keeps its id from one export to the next;
- ``event_date`` (ISO), ``year`` and ``time_precision``: the day the event is dated to (1); else the publication
  date of its article (2, "within days of": the event was reported then; 3 when the text gives a time that is not a
  day, "last May"); empty when there is neither;
- ``event_type`` and ``sub_event_type``: ACLED's, of the event's type in the scheme (empty for a type ACLED does not
  code: a meeting, a praise); ``kg_event_type`` the scheme's own label;
- ``actor1`` the event's agent (``assoc_actor_1`` the other agents, ``; `` between them), ``actor2`` its target, else
  its victims (``assoc_actor_2`` the others), by name in alphabetical order (a graph keeps no order);
- ``country``, ``iso`` (ISO 3166 numeric, as ACLED writes it), ``location``, ``latitude``, ``longitude``: its place
  (a town before a country, then by name), the country from GeoNames;
- ``fatalities``: the lowest figure of the people reported killed (ACLED's convention: the lowest figure the reports
  allow), 0 when none is reported;
- ``source``: the outlet that published the article, else who reported the event; ``notes``: the sentence;
- ``cameo``, ``plover``: the event's CAMEO code and PLOVER type; ``kg_event``: its IRI.

Text from articles can hold what a spreadsheet runs as a formula: a text cell that begins with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return is written with a ``'`` before it (as ``kg query --excel-safe`` does); the numbers
the export computes itself (dates, coordinates, fatalities) are written as numbers.
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Iterable
from dataclasses import dataclass, field

import pyoxigraph as ox

from kg.rdf.namespaces import PREFIXES
from kg.sparql.query import excel_safe_cell

#: The columns written, in ACLED's order, then kg's own.
COLUMNS = ("event_id_cnty", "event_date", "year", "time_precision", "event_type", "sub_event_type", "actor1",
           "assoc_actor_1", "actor2", "assoc_actor_2", "iso", "country", "location", "latitude", "longitude",
           "source", "notes", "fatalities", "kg_event_type", "cameo", "plover", "kg_event")
#: Columns the export computes (numbers and dates, codes of the ontology): written as they are.
_COMPUTED = frozenset({"event_id_cnty", "event_date", "year", "time_precision", "iso", "latitude", "longitude",
                       "fatalities", "cameo", "plover", "kg_event"})

_PREFIX = "".join(f"PREFIX {prefix}: <{iri}>\n" for prefix, iri in PREFIXES.items())

_EVENTS = _PREFIX + """
SELECT ?event ?typeLabel ?acledType ?acledSub ?date ?time ?published ?sentence ?cameo ?plover ?publisher ?reporter
WHERE {
  ?event a ckg:Event ; sem:eventType ?type ; prov:wasDerivedFrom ?article .
  ?type skos:prefLabel ?typeLabel .
  OPTIONAL { ?type ckg:acledEventType ?acledType }
  OPTIONAL { ?type ckg:acledSubEventType ?acledSub }
  OPTIONAL { ?event sem:hasTimeStamp ?date }
  OPTIONAL { ?event ckg:timeExpression ?time }
  OPTIONAL { ?article schema:datePublished ?published }
  OPTIONAL { ?article schema:publisher/skos:prefLabel ?publisher }
  OPTIONAL { ?event ckg:reportedBy/skos:prefLabel ?reporter }
  OPTIONAL { ?event nif:sentence/nif:anchorOf ?sentence }
  OPTIONAL { ?event ckg:cameoCode ?cameo }
  OPTIONAL { ?event ckg:ploverType ?plover }
}"""
_PARTIES = _PREFIX + """
SELECT ?event ?role ?label WHERE {
  ?event a ckg:Event ; ?role ?actor . ?actor skos:prefLabel ?label .
  VALUES ?role { ckg:agent ckg:target ckg:victim }
}"""
_PLACES = _PREFIX + """
SELECT ?event ?label ?lat ?long ?same WHERE {
  ?event a ckg:Event ; sem:hasPlace ?place . ?place skos:prefLabel ?label .
  OPTIONAL { ?place geo:lat ?lat ; geo:long ?long }
  OPTIONAL { ?place owl:sameAs ?same }
}"""
_FATALITIES = _PREFIX + """
SELECT ?event (MIN(?count) AS ?fewest) WHERE {
  ?event a ckg:Event ; ckg:casualties ?figure . ?figure ckg:casualtyKind "killed" ; ckg:count ?count .
} GROUP BY ?event"""


@dataclass
class _Place:
    label: str
    latitude: str = ""
    longitude: str = ""
    geonames: str = ""


@dataclass
class _Event:
    iri: str
    values: dict[str, str]
    parties: dict[str, set[str]] = field(default_factory=dict)
    places: dict[str, _Place] = field(default_factory=dict)
    fatalities: int = 0


def _value(term: object) -> str:
    return "" if term is None else term.value  # type: ignore[attr-defined]


def _select(store: ox.Store, query: str) -> Iterable[ox.QuerySolution]:
    return store.query(query, use_default_graph_as_union=True)


def _events(store: ox.Store) -> list[_Event]:
    events: dict[str, _Event] = {}
    names = ("typeLabel", "acledType", "acledSub", "date", "time", "published", "sentence", "cameo", "plover",
             "publisher", "reporter")
    for row in _select(store, _EVENTS):
        iri = _value(row["event"])
        found = {name: _value(row[name]) for name in names}
        if iri in events:  # an optional part with two values (two outlets ...): the least of each, so it is stable
            known = events[iri].values
            for name, value in found.items():
                known[name] = min((x for x in (known[name], value) if x), default="")
        else:
            events[iri] = _Event(iri, found)
    for row in _select(store, _PARTIES):
        event = events.get(_value(row["event"]))
        if event is not None:
            role = _value(row["role"]).rsplit("#", 1)[-1]
            event.parties.setdefault(role, set()).add(_value(row["label"]))
    for row in _select(store, _PLACES):
        event = events.get(_value(row["event"]))
        if event is None:
            continue
        place = event.places.setdefault(_value(row["label"]), _Place(_value(row["label"])))
        place.latitude = place.latitude or _value(row["lat"])
        place.longitude = place.longitude or _value(row["long"])
        same = _value(row["same"])
        if "geonames.org/" in same:
            place.geonames = place.geonames or same
    for row in _select(store, _FATALITIES):
        event = events.get(_value(row["event"]))
        if event is not None and row["fewest"] is not None:
            event.fatalities = int(_value(row["fewest"]))
    return [events[iri] for iri in sorted(events)]


def _country(place: _Place) -> tuple[str, str, str]:
    """The (name, alpha-3, numeric) of the country a place lies in, from GeoNames; empty when not known."""
    import pycountry

    from kg.resolve.places import lookup_place

    info = lookup_place(place.label, fuzzy=False)
    if info is None or not info.country_code or (place.geonames and info.geonames_uri
                                                 and info.geonames_uri != place.geonames):
        return "", "", ""
    country = pycountry.countries.get(alpha_2=info.country_code)
    if country is None:
        return "", "", ""
    name = getattr(country, "common_name", None) or country.name
    return name, country.alpha_3, str(int(country.numeric))


def _main_place(places: dict[str, _Place]) -> _Place | None:
    """The place a row gives: one with a GeoNames record (a town, a region) before one without (a country named as
    where it happened), then by name."""
    if not places:
        return None
    return sorted(places.values(), key=lambda p: (not p.geonames, p.label))[0]


def _names(labels: set[str]) -> tuple[str, str]:
    ordered = sorted(labels)
    return (ordered[0] if ordered else "", "; ".join(ordered[1:]))


def acled_rows(store: ox.Store) -> list[dict[str, str]]:
    """One row per event of the graph in ``store``, ACLED's columns (:data:`COLUMNS`), in the order of the events'
    dates (undated last), then of their IRIs."""
    rows: list[dict[str, str]] = []
    countries: dict[str, tuple[str, str, str]] = {}
    for event in _events(store):
        v = event.values
        if v["date"]:
            date, precision = v["date"], "1"
        elif v["published"]:
            date, precision = v["published"], "3" if v["time"] else "2"
        else:
            date, precision = "", ""
        actor1, assoc1 = _names(event.parties.get("agent", set()))
        actor2, assoc2 = _names(event.parties.get("target", set()) or event.parties.get("victim", set()))
        place = _main_place(event.places)
        if place is not None and place.label not in countries:
            countries[place.label] = _country(place)
        country, alpha3, numeric = countries[place.label] if place is not None else ("", "", "")
        digits = int(hashlib.sha256(event.iri.encode("utf-8")).hexdigest(), 16) % 10**8
        rows.append({
            "event_id_cnty": f"{alpha3 or 'XXX'}{digits:08d}",
            "event_date": date,
            "year": date[:4],
            "time_precision": precision,
            "event_type": v["acledType"],
            "sub_event_type": v["acledSub"],
            "actor1": actor1,
            "assoc_actor_1": assoc1,
            "actor2": actor2,
            "assoc_actor_2": assoc2,
            "iso": numeric,
            "country": country,
            "location": place.label if place is not None else "",
            "latitude": place.latitude if place is not None else "",
            "longitude": place.longitude if place is not None else "",
            "source": v["publisher"] or v["reporter"],
            "notes": v["sentence"],
            "fatalities": str(event.fatalities),
            "kg_event_type": v["typeLabel"],
            "cameo": v["cameo"],
            "plover": v["plover"],
            "kg_event": event.iri,
        })
    rows.sort(key=lambda r: (not r["event_date"], r["event_date"], r["kg_event"]))
    return rows


def acled_csv(store: ox.Store) -> bytes:
    """The ACLED-style CSV of the graph in ``store`` (UTF-8, a header line, RFC 4180 quoting), safe to open in a
    spreadsheet: a text cell that would run as a formula is written with a ``'`` before it."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for row in acled_rows(store):
        writer.writerow({k: (value if k in _COMPUTED else excel_safe_cell(value)) for k, value in row.items()})
    return buffer.getvalue().encode("utf-8")
