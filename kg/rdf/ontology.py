"""The ontology shipped with the package (``kg/ontology``, a link to the project's ``ontology/`` folder): its text,
and the vocabulary it declares once for everyone: the event-type scheme and its hierarchy.

>>> sorted(narrower("killing"))
['killing', 'mass-killing', 'summary-execution']
"""

from __future__ import annotations

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
