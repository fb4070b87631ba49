"""The ontology shipped with the package (``kg/ontology``, a link to the project's ``ontology/`` folder): its text,
and the vocabulary it declares once for everyone: the event-type scheme and its hierarchy.

>>> sorted(narrower("killing"))
['killing', 'mass-killing', 'summary-execution']
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

import pyoxigraph as ox
from rdflib.namespace import SKOS

#: The namespace of the event-type scheme (``evt:``).
EVENT_TYPES = "https://w3id.org/conflict-kg/event-type/"
_BROADER = ox.NamedNode(str(SKOS.broader))


def ontology_text(name: str = "conflict.ttl") -> str:
    """The text of a file of the ontology folder, shipped with the package."""
    return resources.files("kg").joinpath(f"ontology/{name}").read_text(encoding="utf-8")


@cache
def _triples() -> tuple[ox.Triple, ...]:
    return tuple(ox.parse(ontology_text(), format=ox.RdfFormat.TURTLE))


@cache
def event_type_terms() -> tuple[str, ...]:
    """Every term the ontology declares in the event-type namespace (the scheme and its concepts), sorted."""
    return tuple(sorted({t.subject.value[len(EVENT_TYPES):] for t in _triples()
                         if isinstance(t.subject, ox.NamedNode) and t.subject.value.startswith(EVENT_TYPES)}))


@cache
def narrower(concept: str) -> frozenset[str]:
    """An event type and every type under it (``skos:broader``, transitively), as ids of the scheme."""
    below: dict[str, set[str]] = {}
    for t in _triples():
        if t.predicate == _BROADER:
            below.setdefault(t.object.value[len(EVENT_TYPES):], set()).add(t.subject.value[len(EVENT_TYPES):])
    found, todo = {concept}, [concept]
    while todo:
        for child in below.get(todo.pop(), ()):
            if child not in found:
                found.add(child)
                todo.append(child)
    return frozenset(found)


_CKG = "https://w3id.org/conflict-kg/ontology#"
_LABEL = str(SKOS.prefLabel)
_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


@dataclass(frozen=True)
class EventType:
    """A concept of the event-type scheme and its place in the field's typologies (empty where none applies).

    >>> event_types()["air-strike"].acled_sub_event_type
    'Air/drone strike'
    """

    id: str
    label: str
    broader: str  # the id of the broader type, "" for a top concept
    cameo: str  # its own CAMEO code
    plover: str  # its PLOVER event type ("ASSAULT")
    plover_mode: str  # the mode of that type ("aerial")
    acled_event_type: str
    acled_sub_event_type: str


@cache
def event_types() -> dict[str, EventType]:
    """Every concept of the event-type scheme by its id, as ``ontology/conflict.ttl`` declares it."""
    fields: dict[str, dict[str, str]] = {}
    names = {_LABEL: "label", str(SKOS.broader): "broader", _CKG + "cameoCode": "cameo", _CKG + "ploverType": "plover",
             _CKG + "ploverMode": "plover_mode", _CKG + "acledEventType": "acled_event_type",
             _CKG + "acledSubEventType": "acled_sub_event_type"}
    for t in _triples():
        subject = t.subject.value
        if not (isinstance(t.subject, ox.NamedNode) and subject.startswith(EVENT_TYPES)):
            continue
        concept = fields.setdefault(subject[len(EVENT_TYPES):], {})
        name = names.get(t.predicate.value)
        if name:
            value = t.object.value
            concept[name] = value[len(EVENT_TYPES):] if name == "broader" else value
    concepts = {t.subject.value[len(EVENT_TYPES):] for t in _triples()
                if t.predicate.value == _TYPE and t.object.value == _CKG + "EventType"}
    empty = dict.fromkeys(names.values(), "")
    return {id_: EventType(id=id_, **{**empty, **found}) for id_, found in sorted(fields.items()) if id_ in concepts}


def cameo_of(event_type: str) -> str:
    """The CAMEO code of an event type: its own, else that of the nearest broader type that has one ("" if none).

    >>> cameo_of("air-strike"), cameo_of("armed-clash"), cameo_of("killing")
    ('195', '19', '')
    """
    types = event_types()
    seen: set[str] = set()
    while event_type in types and event_type not in seen:
        seen.add(event_type)
        if types[event_type].cameo:
            return types[event_type].cameo
        event_type = types[event_type].broader
    return ""


@cache
def _types_by_code() -> dict[str, str]:
    return {t.cameo: t.id for t in event_types().values() if t.cameo}


def type_of_cameo(code: str) -> str | None:
    """The event type whose CAMEO code is the longest prefix of ``code`` (every CAMEO root 01-20 has one), or None
    for what is no CAMEO event code.

    >>> type_of_cameo("1951"), type_of_cameo("190"), type_of_cameo("0874"), type_of_cameo("036"), type_of_cameo("99")
    ('air-strike', 'attack', 'retreat', 'intent-to-cooperate', None)
    """
    by_code = _types_by_code()
    for end in range(len(code), 1, -1):
        if code[:end] in by_code:
            return by_code[code[:end]]
    return None


@cache
def _plover_table() -> dict[str, str]:
    """CAMEO code -> PLOVER event type, from ``kg/lexicons/cameo_plover.tsv`` (made by scripts/cameo_plover.py)."""
    text = resources.files("kg").joinpath("lexicons/cameo_plover.tsv").read_text(encoding="utf-8")
    table: dict[str, str] = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            code, plover = line.split("\t")[:2]
            table.setdefault(code, plover)
    return table


def plover_of_cameo(code: str) -> str:
    """The PLOVER event type of a CAMEO code by the CAMEO-to-PLOVER table (its longest listed prefix), "" where
    PLOVER has none (CAMEO 01 and 02, comments and appeals, which PLOVER drops).

    >>> plover_of_cameo("0841"), plover_of_cameo("081"), plover_of_cameo("1712"), plover_of_cameo("010")
    ('RETREAT', 'CONCEDE', 'ASSAULT', '')
    """
    table = _plover_table()
    for end in range(len(code), 1, -1):
        if code[:end] in table:
            return table[code[:end]]
    return ""
