"""The ontology parses, documents every term, and stays in sync with kg.rdf.namespaces."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from kg.rdf.namespaces import CKG, EVT

ONTOLOGY = Path(__file__).resolve().parent.parent / "ontology"


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY / "conflict.ttl", format="turtle")


@pytest.mark.parametrize("name", ["conflict.ttl", "shapes.ttl"])
def test_parses_with_a_strict_parser(name):
    quads = list(ox.parse(path=str(ONTOLOGY / name), format=ox.RdfFormat.TURTLE))
    assert len(quads) > 50


def _declared(graph: Graph, namespace: str) -> set[str]:
    return {str(s) for s in graph.subjects() if str(s).startswith(namespace)}


def test_every_ckg_term_is_in_the_namespace_class_and_back(ontology):
    in_file = {t[len(str(CKG)) :] for t in _declared(ontology, str(CKG))}
    in_class = {name for name in CKG.__annotations__}
    assert in_file == in_class


def test_every_event_type_is_in_the_namespace_class_and_back(ontology):
    in_file = {t[len(str(EVT)) :] for t in _declared(ontology, str(EVT))}
    assert in_file == set(EVT._extras)


def test_closed_namespace_rejects_an_unknown_term():
    with pytest.raises(AttributeError):
        CKG.Allegaton  # noqa: B018  (a typo must not mint a term)


def test_every_term_has_a_label_and_a_comment(ontology):
    terms = {s for s in ontology.subjects(RDF.type, None) if str(s).startswith((str(CKG), str(EVT)))}
    terms |= set(ontology.subjects(RDF.type, OWL.Ontology))
    missing = sorted(str(t) for t in terms if not ontology.value(t, RDFS.label) or not ontology.value(t, RDFS.comment))
    assert not missing, f"terms without rdfs:label or rdfs:comment: {missing}"


def test_event_types_form_a_skos_scheme_with_cameo_codes(ontology):
    concepts = set(ontology.subjects(SKOS.inScheme, EVT.scheme))
    assert len(concepts) >= 15
    codes = {str(ontology.value(c, CKG.cameoCode)) for c in concepts if ontology.value(c, CKG.cameoCode)}
    assert {"112", "016", "051", "057", "2041", "129"} <= codes
    for concept in concepts:
        assert ontology.value(concept, SKOS.prefLabel), concept


def test_actor_classes_are_actors(ontology):
    for name in ("Person", "State", "ArmedGroup", "Organization", "Media", "Group"):
        assert (CKG[name], RDFS.subClassOf, CKG.Actor) in ontology
    assert (CKG.Place, RDFS.subClassOf, CKG.Actor) not in ontology
