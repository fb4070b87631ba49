"""RDF literals, built as pyoxigraph's directly (rdflib's Literal is the slowest part of writing RDF), each kind
of value written one way."""

from __future__ import annotations

import functools
from decimal import Decimal

import pyoxigraph as ox
from rdflib import URIRef

from kg.rdf.namespaces import XSD


def literal(value: object, datatype: URIRef | None = None) -> ox.Literal:
    """A literal built as pyoxigraph's directly (rdflib's Literal is the slowest part of writing RDF): the lexical
    form is ``str(value)``, exactly as given."""
    if isinstance(value, bool):  # as rdflib writes a Python value: true/false, xsd:boolean
        return ox.Literal("true" if value else "false", datatype=_datatype(str(datatype or XSD.boolean)))
    if datatype is None:
        if not isinstance(value, str):
            raise TypeError(f"give a datatype for the literal {value!r}")
        return ox.Literal(value)
    return ox.Literal(str(value), datatype=_datatype(str(datatype)))


@functools.lru_cache(maxsize=64)
def _datatype(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def integer(value: int) -> ox.Literal:
    # xsd:integer, not NIF's xsd:nonNegativeInteger: Oxigraph stores derived integer types as xsd:integer,
    # so only xsd:integer survives a round trip through a store unchanged (ckgsh:SpanShape keeps them >= 0)
    return literal(value, datatype=XSD.integer)


def degrees(value: float) -> ox.Literal:
    return literal(Decimal(str(round(value, 5))), datatype=XSD.decimal)


def confidence(value: float) -> ox.Literal:
    return literal(Decimal(str(round(value, 3))), datatype=XSD.decimal)


def double(value: float) -> ox.Literal:
    """A double rounded to 6 significant digits, so the same analysis writes the same text, in the lexical
    form Oxigraph stores (so the store gives back the same text)."""
    return literal(ox.Literal(float(f"{value:.6g}")).value, datatype=XSD.double)


def typed(value: object, datatype: URIRef) -> ox.Literal:
    """A number as the literal of ``datatype`` (xsd:integer or xsd:double), written as :func:`integer` and
    :func:`double` write them."""
    if datatype == XSD.integer:
        return integer(value)
    if datatype == XSD.double:
        return double(value)
    raise ValueError(f"no literal of datatype {datatype} is written here")
