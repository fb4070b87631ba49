"""The ontology shipped with the package (``kg/ontology``, a link to the project's ``ontology/`` folder): its text,
and its terms as a graph of their own in every build, so that labels resolve."""

from __future__ import annotations

from importlib import resources

import pyoxigraph as ox

from kg.rdf import iris
from kg.rdf.serialize import to_oxigraph


def ontology_text(name: str = "conflict.ttl") -> str:
    """The text of a file of the ontology folder, shipped with the package."""
    return resources.files("kg").joinpath(f"ontology/{name}").read_text(encoding="utf-8")


def ontology_quads() -> list[ox.Quad]:
    """The ontology (classes, properties, the event-type scheme) as a graph of its own, so labels resolve."""
    graph = to_oxigraph(iris.ONTOLOGY_GRAPH)
    return [ox.Quad(t.subject, t.predicate, t.object, graph)
            for t in ox.parse(ontology_text(), format=ox.RdfFormat.TURTLE)]
