"""Checking a graph against the ontology's SHACL shapes (ontology/shapes.ttl)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pyshacl import validate
from rdflib import Dataset, Graph
from rdflib.namespace import RDF, SH

from kg.errors import QueryError
from kg.rdf.ontology import ontology_text
from kg.sparql.store import graph_file

_RDFLIB_FORMATS = {".trig": "trig", ".ttl": "turtle", ".nt": "nt", ".nq": "nquads", ".n3": "n3", ".rdf": "xml",
                   ".owl": "xml", ".xml": "xml", ".jsonld": "json-ld"}


@cache
def _graph(name: str) -> Graph:
    return Graph().parse(data=ontology_text(name), format="turtle")


@dataclass(frozen=True)
class ValidationReport:
    conforms: bool
    text: str
    violations: int


def validate_file(path: str | Path) -> ValidationReport:
    """Validate the graph at ``path`` (a build folder or an RDF file), all its named graphs as one."""
    file = graph_file(path)
    data = Graph()
    try:
        for s, p, o, _ in Dataset().parse(file, format=_RDFLIB_FORMATS.get(file.suffix.lower())).quads():
            data.add((s, p, o))
    except Exception as exc:  # rdflib raises many kinds of parse errors
        raise QueryError(f"{file} is not valid RDF: {exc}") from exc
    return validate_graph(data)


def validate_graph(data: Graph) -> ValidationReport:
    """Validate ``data`` against the shapes; the ontology supplies the class hierarchy."""
    conforms, report_graph, text = validate(
        data, shacl_graph=_graph("shapes.ttl"), ont_graph=_graph("conflict.ttl"), inference="none",
        advanced=True, allow_warnings=True,
    )
    violations = len(list(report_graph.subjects(RDF.type, SH.ValidationResult)))
    return ValidationReport(bool(conforms), text, violations)
