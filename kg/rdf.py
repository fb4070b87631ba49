"""Stage: records -> RDF quads under the conflict-kg ontology.

Each article's assertions and their provenance go to the article's named graph (the
article IRI); resolved actors go to the actors graph; the rules that extracted
anything go to the rules graph.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal

import pyoxigraph as ox
from rdflib import URIRef
from rdflib.term import Node

from kg import iris
from kg.analysis import Analysis
from kg.namespace import CKG, DCTERMS, EVT, ITSRDF, NIF, ORG, OWL, PROV, RDF, RDFS, SDO, SEM, SKOS, WGS, XSD
from kg.records import Actor, Affiliation, Allegation, Article, Denial, Event, Mention, Sentence, Statement

Triple = tuple[Node, Node, Node]
RULES_GRAPH = URIRef(iris.BASE + "graph/rules")


def actor_iri(actor: Actor) -> URIRef:
    return iris.actor_iri(actor.entity_type, actor.key)


def place_iri(actor: Actor) -> URIRef:
    """The place an actor names as a location: itself for a place, its territory for a state."""
    return iris.actor_iri("Place", actor.key)


def allegation_iri(allegation: Allegation) -> URIRef:
    return iris.span_iri(allegation.article_id, "allegation", allegation.start, allegation.end, allegation.cue_start)


def _literal(value: object, datatype: URIRef | None = None) -> ox.Literal:
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


def _int(value: int) -> ox.Literal:
    # xsd:integer, not NIF's xsd:nonNegativeInteger: Oxigraph stores derived integer types as xsd:integer,
    # so only xsd:integer survives a round trip through a store unchanged (ckgsh:SpanShape keeps them >= 0)
    return _literal(value, datatype=XSD.integer)


def _degrees(value: float) -> ox.Literal:
    return _literal(Decimal(str(round(value, 5))), datatype=XSD.decimal)


def _confidence(value: float) -> ox.Literal:
    return _literal(Decimal(str(round(value, 3))), datatype=XSD.decimal)


def article_triples(
    article: Article,
    mentions: Iterable[Mention],
    statements: Iterable[Statement],
    actor_of: Mapping[Mention, Actor],
    publisher: Actor | None = None,
    affiliations: Iterable[Affiliation] = (),
    resolved_by: Mapping[Mention, str] | None = None,
    allegations: Iterable[Allegation] = (),
    denials: Iterable[tuple[Denial, Iterable[URIRef]]] = (),
    events: Iterable[Event] = (),
) -> Iterator[Triple]:
    """The triples of one article's named graph.

    ``actor_of`` maps each mention to the resolved, corpus-level actor it names.
    """
    a = iris.article_iri(article.article_id)
    yield a, RDF.type, CKG.Article
    yield a, DCTERMS.identifier, _literal(article.article_id)
    yield a, NIF.isString, _literal(article.text)
    if article.title:
        yield a, DCTERMS.title, _literal(article.title)
    if article.date:
        yield a, SDO.datePublished, _literal(article.date, datatype=XSD.date)
    if article.url:
        yield a, SDO.url, _literal(article.url, datatype=XSD.anyURI)
    if publisher is not None:
        yield a, SDO.publisher, actor_iri(publisher)

    sentences: dict[Sentence, URIRef] = {}

    def sentence(s: Sentence) -> URIRef:
        if s not in sentences:
            sentences[s] = iris.span_iri(article.article_id, "sentence", s.start, s.end)
        return sentences[s]

    for m in mentions:
        node = iris.span_iri(article.article_id, "mention", m.start, m.end)
        entity = actor_of[m]
        yield node, RDF.type, CKG.Mention
        yield node, NIF.referenceContext, a
        yield node, NIF.beginIndex, _int(m.start)
        yield node, NIF.endIndex, _int(m.end)
        yield node, NIF.anchorOf, _literal(m.text)
        yield node, NIF.sentence, sentence(m.sentence)
        yield node, ITSRDF.taIdentRef, actor_iri(entity)
        yield node, CKG.mentionType, CKG[m.entity_type]
        yield node, CKG.extractedBy, iris.rule_iri(m.rule)
        if resolved_by and m in resolved_by:
            yield node, CKG.resolvedBy, iris.rule_iri(resolved_by[m])
        yield node, CKG.confidence, _confidence(m.confidence)

    for st in statements:
        node = iris.span_iri(article.article_id, "statement", st.start, st.end, st.cue_start)
        speaker = actor_of[st.speaker_mention]
        yield node, RDF.type, CKG.Statement
        yield node, CKG.speaker, actor_iri(speaker)
        yield node, CKG.cue, _literal(st.cue)
        yield node, CKG.content, _literal(st.content)
        yield node, CKG.directQuote, _literal(st.direct)
        for prop, m in ((CKG.channel, st.channel), (CKG.reportedBy, st.reported_by)):
            if m is not None and not actor_of[m].is_place and actor_of[m] is not actor_of[st.speaker_mention]:
                yield node, prop, actor_iri(actor_of[m])
        yield node, NIF.sentence, sentence(st.sentence)
        yield node, PROV.wasDerivedFrom, a
        yield node, CKG.extractedBy, iris.rule_iri(st.rule)
        yield node, CKG.confidence, _confidence(st.confidence)

    for n, af in enumerate(affiliations):
        member, org = actor_of[af.member], actor_of[af.organization]
        if member.is_place or org.is_place or member.key == org.key:
            continue
        node = iris.span_iri(article.article_id, "affiliation", af.member.start, af.member.end, n)
        yield node, RDF.type, CKG.Affiliation
        yield node, ORG.member, actor_iri(member)
        yield node, ORG.organization, actor_iri(org)
        if af.role:
            yield node, CKG.roleName, _literal(af.role)
        yield node, NIF.sentence, sentence(af.sentence)
        yield node, PROV.wasDerivedFrom, a
        yield node, CKG.extractedBy, iris.rule_iri(af.rule)
        yield node, CKG.confidence, _confidence(af.confidence)

    def provenance(node: URIRef, s: Sentence, rule: str, confidence: float) -> Iterator[Triple]:
        yield node, NIF.sentence, sentence(s)
        yield node, PROV.wasDerivedFrom, a
        yield node, CKG.extractedBy, iris.rule_iri(rule)
        yield node, CKG.confidence, _confidence(confidence)

    def actor(m: Mention) -> URIRef:
        return actor_iri(actor_of[m])

    for al in allegations:
        node = allegation_iri(al)
        yield node, RDF.type, CKG.Allegation
        yield node, CKG.accuser, actor(al.accuser)
        yield node, CKG.speaker, actor(al.accuser)
        for m in al.accused:
            yield node, CKG.accused, actor(m)
        yield node, CKG.act, _literal(al.act)
        yield node, CKG.content, _literal(al.act)
        yield node, CKG.cue, _literal(al.cue)
        if al.act_type:
            yield node, CKG.actType, EVT[al.act_type]
        yield from provenance(node, al.sentence, al.rule, al.confidence)

    for dn, answered in denials:
        node = iris.span_iri(article.article_id, "denial", dn.start, dn.end, dn.cue_start)
        yield node, RDF.type, CKG.Denial
        yield node, CKG.denier, actor(dn.denier)
        yield node, CKG.speaker, actor(dn.denier)
        for m in dn.defended:
            yield node, CKG.defends, actor(m)
        yield node, CKG.cue, _literal(dn.cue)
        yield node, CKG.content, _literal(article.text[dn.start : dn.end])
        for allegation in answered:
            yield node, CKG.answers, allegation
        yield from provenance(node, dn.sentence, dn.rule, dn.confidence)

    for ev in events:
        node = iris.span_iri(article.article_id, "event", ev.start, ev.end, ev.cue_start)
        yield node, RDF.type, CKG.Event
        yield node, SEM.eventType, EVT[ev.event_type]
        for prop, members in ((CKG.agent, ev.agents), (CKG.target, ev.targets), (CKG.victim, ev.victims)):
            for m in members:
                yield node, prop, actor(m)
        for m in ev.places:
            yield node, SEM.hasPlace, place_iri(actor_of[m])
        if ev.time is not None:
            yield node, CKG.timeExpression, _literal(ev.time.expression)
            if ev.time.date:
                yield node, SEM.hasTimeStamp, _literal(ev.time.date, datatype=XSD.date)
        # the source of an event: the speaker who reported it, else the outlet that published the article
        source = actor(ev.reported_by) if ev.reported_by is not None and not actor_of[ev.reported_by].is_place \
            else (actor_iri(publisher) if publisher is not None else None)
        if source is not None:
            yield node, CKG.reportedBy, source
        yield from provenance(node, ev.sentence, ev.rule, ev.confidence)
        for n, casualty in enumerate(ev.casualties):
            figure = URIRef(f"{node}/casualties/{n}")
            yield node, CKG.casualties, figure
            yield figure, RDF.type, CKG.CasualtyFigure
            yield figure, CKG.count, _literal(casualty.count, datatype=XSD.integer)
            yield figure, CKG.casualtyKind, _literal(casualty.kind)
            if casualty.qualifier:
                yield figure, CKG.qualifier, _literal(casualty.qualifier)
            if source is not None:
                yield figure, CKG.reportedBy, source
            yield from provenance(figure, ev.sentence, ev.rule, ev.confidence)

    for s, node in sentences.items():
        yield node, RDF.type, CKG.Sentence
        yield node, NIF.referenceContext, a
        yield node, NIF.beginIndex, _int(s.start)
        yield node, NIF.endIndex, _int(s.end)
        yield node, NIF.anchorOf, _literal(s.text)


def actor_triples(actors: Iterable[Actor]) -> Iterator[Triple]:
    """The triples of the actors graph: one node per resolved actor or place."""
    for actor in actors:
        node = actor_iri(actor)
        yield node, RDF.type, CKG[actor.entity_type]
        yield node, SKOS.prefLabel, _literal(actor.label)
        for alias in actor.aliases:
            if alias != actor.label:
                yield node, SKOS.altLabel, _literal(alias)
        for iri in actor.same_as:
            yield node, OWL.sameAs, URIRef(iri)
        if actor.code:
            yield node, CKG.cameoCode, _literal(actor.code)
        if actor.coordinates is not None:
            yield node, WGS.lat, _degrees(actor.coordinates[0])
            yield node, WGS.long, _degrees(actor.coordinates[1])


def territory_triples(states: Iterable[Actor]) -> Iterator[Triple]:
    """A place for each state named as where something happened ("killed in Syria")."""
    for state in states:
        yield from actor_triples([Actor(key=state.key, label=state.label, entity_type="Place",
                                        coordinates=state.coordinates)])


def rule_triples(rules: Iterable[str]) -> Iterator[Triple]:
    """The triples describing each extraction rule used."""
    for rule in rules:
        node = iris.rule_iri(rule)
        yield node, RDF.type, CKG.ExtractionRule
        yield node, RDFS.label, _literal(rule)
        yield node, OWL.versionInfo, _literal(iris.RULE_VERSION)


def analysis_triples(analysis: Analysis) -> Iterator[Triple]:
    """The analysis of the actor network as triples about the actors (for the analysis graph): their
    accusation counts, PageRank, betweenness, community, reciprocity, bridges, and the camps they stand in."""
    for node, made in analysis.accusations_made.items():
        actor = URIRef(str(node))
        yield actor, CKG.accusationsMade, _int(made)
        yield actor, CKG.accusationsReceived, _int(analysis.accusations_received.get(node, 0))
        yield actor, CKG.pageRank, _double(analysis.pagerank.get(node, 0.0))
        yield actor, CKG.betweenness, _double(analysis.betweenness.get(node, 0.0))
        if node in analysis.community:
            yield actor, CKG.community, _int(analysis.community[node])
        if node in analysis.reciprocity:
            yield actor, CKG.reciprocity, _double(analysis.reciprocity[node])
        if node in analysis.bridges:
            yield actor, CKG.bridges, _int(analysis.bridges[node])
        if node in analysis.camp:
            yield actor, CKG.inCamp, iris.camp_iri(analysis.camp[node])
    for camp in analysis.camps:
        node = iris.camp_iri(camp.number)
        yield node, RDF.type, CKG.Camp
        yield node, RDFS.label, _literal(f"camp {camp.number}")
        for other in camp.opposes:
            yield node, CKG.opposes, iris.camp_iri(other)


def _double(value: float) -> ox.Literal:
    """A double rounded to 6 significant digits, so the same analysis writes the same text, in the lexical
    form Oxigraph stores (so the store gives back the same text)."""
    return _literal(ox.Literal(float(f"{value:.6g}")).value, datatype=XSD.double)
