"""Ontology terms, written one way.

``CKG`` and ``EVT`` are closed namespaces: a term that is not declared raises ``AttributeError``. ``EVT``
takes its terms from ``ontology/conflict.ttl`` itself; ``tests/test_ontology.py`` keeps ``CKG`` in sync with it.
The external vocabularies are closed too, to the terms this project uses, so a typo cannot mint a term nobody
defined.
"""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD, DefinedNamespace
from rdflib.term import URIRef

from kg.rdf.ontology import EVENT_TYPES, event_type_terms

__all__ = [
    "CKG", "EVT", "NIF", "ITSRDF", "ORG", "SEM", "SDO", "WGS", "DCTERMS", "OWL", "PROV", "RDF", "RDFS", "SKOS", "XSD",
    "PREFIXES",
]


class CKG(DefinedNamespace):
    """The conflict-kg ontology (ontology/conflict.ttl)."""

    _NS = Namespace("https://w3id.org/conflict-kg/ontology#")
    _fail = True

    # classes
    Article: URIRef
    Sentence: URIRef
    Mention: URIRef
    Actor: URIRef
    Person: URIRef
    State: URIRef
    ArmedGroup: URIRef
    Organization: URIRef
    Media: URIRef
    Group: URIRef
    Place: URIRef
    Assertion: URIRef
    Statement: URIRef
    Allegation: URIRef
    Denial: URIRef
    Event: URIRef
    EventType: URIRef
    CasualtyFigure: URIRef
    ExtractionRule: URIRef
    Affiliation: URIRef
    Camp: URIRef
    # properties
    speaker: URIRef
    cue: URIRef
    content: URIRef
    directQuote: URIRef
    channel: URIRef
    reportedBy: URIRef
    accuser: URIRef
    accused: URIRef
    act: URIRef
    actType: URIRef
    actAsFact: URIRef
    denier: URIRef
    defends: URIRef
    answers: URIRef
    agent: URIRef
    target: URIRef
    victim: URIRef
    timeExpression: URIRef
    casualties: URIRef
    count: URIRef
    qualifier: URIRef
    casualtyKind: URIRef
    cameoCode: URIRef
    ploverType: URIRef
    ploverMode: URIRef
    acledEventType: URIRef
    acledSubEventType: URIRef
    extractedBy: URIRef
    confidence: URIRef
    mentionType: URIRef
    roleName: URIRef
    resolvedBy: URIRef
    # analysis
    inCamp: URIRef
    opposes: URIRef
    accusationsMade: URIRef
    accusationsReceived: URIRef
    pageRank: URIRef
    betweenness: URIRef
    community: URIRef
    reciprocity: URIRef
    bridges: URIRef


class EVT(DefinedNamespace):
    """The scheme of event types (concepts declared in ontology/conflict.ttl)."""

    _NS = Namespace(EVENT_TYPES)
    _fail = True
    _extras = list(event_type_terms())  # what the ontology declares: the event types are written there once


class NIF(DefinedNamespace):
    """NLP Interchange Format 2.0 core, the terms this project uses."""

    _NS = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
    _fail = True

    Context: URIRef
    Sentence: URIRef
    Phrase: URIRef
    isString: URIRef
    beginIndex: URIRef
    endIndex: URIRef
    anchorOf: URIRef
    referenceContext: URIRef
    sentence: URIRef


class ITSRDF(DefinedNamespace):
    """Internationalization Tag Set RDF, the terms this project uses."""

    _NS = Namespace("http://www.w3.org/2005/11/its/rdf#")
    _fail = True

    taIdentRef: URIRef


class SEM(DefinedNamespace):
    """Simple Event Model, the terms this project uses."""

    _NS = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
    _fail = True

    Event: URIRef
    Actor: URIRef
    Place: URIRef
    EventType: URIRef
    eventType: URIRef
    hasActor: URIRef
    hasPlace: URIRef
    hasTimeStamp: URIRef


class SDO(DefinedNamespace):
    """schema.org (http form), the terms this project uses."""

    _NS = Namespace("http://schema.org/")
    _fail = True

    NewsArticle: URIRef
    NewsMediaOrganization: URIRef
    Organization: URIRef
    Person: URIRef
    Place: URIRef
    datePublished: URIRef
    publisher: URIRef
    url: URIRef


class ORG(DefinedNamespace):
    """W3C Organization Ontology, the terms this project uses."""

    _NS = Namespace("http://www.w3.org/ns/org#")
    _fail = True

    Membership: URIRef
    member: URIRef
    organization: URIRef


class WGS(DefinedNamespace):
    """W3C WGS84 Geo Positioning, the terms this project uses."""

    _NS = Namespace("http://www.w3.org/2003/01/geo/wgs84_pos#")
    _fail = True

    lat: URIRef
    long: URIRef


#: prefixes used when writing Turtle / TriG, sorted for deterministic output
PREFIXES: dict[str, str] = {
    "ckg": str(CKG),
    "dcterms": str(DCTERMS),
    "evt": str(EVT),
    "geo": str(WGS),
    "itsrdf": str(ITSRDF),
    "nif": str(NIF),
    "org": str(ORG),
    "owl": str(OWL),
    "prov": str(PROV),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "schema": str(SDO),
    "sem": str(SEM),
    "skos": str(SKOS),
    "xsd": str(XSD),
}


def _bind_terms(*namespaces: type) -> None:
    """Each declared term as a plain class attribute, so ``CKG.speaker`` is an attribute read rather than a call of
    rdflib's ``DefinedNamespaceMeta.__getattr__`` (a tenth of the time spent writing RDF); an undeclared name still
    fails, through that same ``__getattr__``."""
    for namespace in namespaces:
        for name in getattr(namespace, "__annotations__", {}):
            type.__setattr__(namespace, name, namespace[name])


_bind_terms(CKG, NIF, ITSRDF, SEM, SDO, ORG, WGS, RDF, RDFS, XSD, OWL, PROV, SKOS, DCTERMS)
