"""Stage: records -> RDF quads under the conflict-kg ontology.

Each article's assertions and their provenance go to the article's named graph (the
article IRI); resolved actors go to the actors graph; the rules that extracted
anything go to the rules graph.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from rdflib import URIRef
from rdflib.term import Node

from kg.rdf import iris, terms
from kg.rdf.namespaces import CKG, DCTERMS, EVT, ITSRDF, NIF, ORG, OWL, PROV, RDF, RDFS, SDO, SEM, SKOS, WGS, XSD
from kg.rdf.ontology import cameo_of, event_types, plover_of_cameo
from kg.records import Actor, CodedEvent, Event, Mention, ResolvedArticle, Sentence

Triple = tuple[Node, Node, Node]


def article_triples(resolved: ResolvedArticle) -> Iterator[Triple]:
    """The triples of one article's named graph, each mention naming its resolved, corpus-level actor."""
    article, mentions, actor_of, publisher = resolved.article, resolved.mentions, resolved.actor_of, resolved.publisher
    statements, affiliations, resolved_by = resolved.statements, resolved.affiliations, resolved.resolved_by
    allegations, denials, events = resolved.allegations, resolved.denials, resolved.events
    a = iris.article_iri(article.article_id)
    yield a, RDF.type, CKG.Article
    yield a, DCTERMS.identifier, terms.literal(article.article_id)
    yield a, NIF.isString, terms.literal(article.text)
    if article.title:
        yield a, DCTERMS.title, terms.literal(article.title)
    if article.date:
        yield a, SDO.datePublished, terms.literal(article.date, datatype=XSD.date)
    if article.url:
        yield a, SDO.url, terms.literal(article.url, datatype=XSD.anyURI)
    if publisher is not None:
        yield a, SDO.publisher, iris.actor_node(publisher)

    sentences: dict[Sentence, URIRef] = {}

    def sentence(s: Sentence) -> URIRef:
        if s not in sentences:
            sentences[s] = iris.sentence_iri(s)
        return sentences[s]

    for m in mentions:
        node = iris.mention_iri(m)
        entity = actor_of[m]
        yield node, RDF.type, CKG.Mention
        yield node, NIF.referenceContext, a
        yield node, NIF.beginIndex, terms.integer(m.start)
        yield node, NIF.endIndex, terms.integer(m.end)
        yield node, NIF.anchorOf, terms.literal(m.text)
        yield node, NIF.sentence, sentence(m.sentence)
        yield node, ITSRDF.taIdentRef, iris.actor_node(entity)
        yield node, CKG.mentionType, CKG[m.entity_type]
        yield node, CKG.extractedBy, iris.rule_iri(m.rule)
        if resolved_by and m in resolved_by:
            yield node, CKG.resolvedBy, iris.rule_iri(resolved_by[m])
        yield node, CKG.confidence, terms.confidence(m.confidence)

    for st in statements:
        node = iris.statement_iri(st)
        speaker = actor_of[st.speaker_mention]
        yield node, RDF.type, CKG.Statement
        yield node, CKG.speaker, iris.actor_node(speaker)
        yield node, CKG.cue, terms.literal(st.cue)
        yield node, CKG.content, terms.literal(st.content)
        yield node, CKG.directQuote, terms.literal(st.direct)
        for prop, m in ((CKG.channel, st.channel), (CKG.reportedBy, st.reported_by)):
            if m is not None and not actor_of[m].is_place and actor_of[m] is not actor_of[st.speaker_mention]:
                yield node, prop, iris.actor_node(actor_of[m])
        yield node, NIF.sentence, sentence(st.sentence)
        yield node, PROV.wasDerivedFrom, a
        yield node, CKG.extractedBy, iris.rule_iri(st.rule)
        yield node, CKG.confidence, terms.confidence(st.confidence)

    for n, af in enumerate(affiliations):
        member, org = actor_of[af.member], actor_of[af.organization]
        if member.is_place or org.is_place or member.key == org.key:
            continue
        node = iris.affiliation_iri(af, n)
        yield node, RDF.type, CKG.Affiliation
        yield node, ORG.member, iris.actor_node(member)
        yield node, ORG.organization, iris.actor_node(org)
        if af.role:
            yield node, CKG.roleName, terms.literal(af.role)
        yield node, NIF.sentence, sentence(af.sentence)
        yield node, PROV.wasDerivedFrom, a
        yield node, CKG.extractedBy, iris.rule_iri(af.rule)
        yield node, CKG.confidence, terms.confidence(af.confidence)

    def provenance(node: URIRef, s: Sentence, rule: str, confidence: float) -> Iterator[Triple]:
        yield node, NIF.sentence, sentence(s)
        yield node, PROV.wasDerivedFrom, a
        yield node, CKG.extractedBy, iris.rule_iri(rule)
        yield node, CKG.confidence, terms.confidence(confidence)

    def actor(m: Mention) -> URIRef:
        return iris.actor_node(actor_of[m])

    for al in allegations:
        node = iris.allegation_iri(al)
        yield node, RDF.type, CKG.Allegation
        yield node, CKG.accuser, actor(al.accuser)
        yield node, CKG.speaker, actor(al.accuser)
        for m in al.accused:
            yield node, CKG.accused, actor(m)
        yield node, CKG.act, terms.literal(al.act)
        yield node, CKG.content, terms.literal(al.act)
        yield node, CKG.cue, terms.literal(al.cue)
        if al.act_type:
            yield node, CKG.actType, EVT[al.act_type]
        yield node, CKG.actAsFact, terms.literal(al.act_as_fact)
        yield from provenance(node, al.sentence, al.rule, al.confidence)

    for dn, answered in denials:
        node = iris.denial_iri(dn)
        yield node, RDF.type, CKG.Denial
        yield node, CKG.denier, actor(dn.denier)
        yield node, CKG.speaker, actor(dn.denier)
        for m in dn.defended:
            yield node, CKG.defends, actor(m)
        yield node, CKG.cue, terms.literal(dn.cue)
        yield node, CKG.content, terms.literal(article.text[dn.start : dn.end])
        for allegation in answered:
            yield node, CKG.answers, allegation
        yield from provenance(node, dn.sentence, dn.rule, dn.confidence)

    for ev in events:
        node = iris.event_iri(ev)
        yield node, RDF.type, CKG.Event
        yield node, SEM.eventType, EVT[ev.event_type]
        yield from _typology(node, ev)
        for prop, members in ((CKG.agent, ev.agents), (CKG.target, ev.targets), (CKG.victim, ev.victims)):
            for m in members:
                yield node, prop, actor(m)
        for m in ev.places:
            yield node, SEM.hasPlace, iris.place_node(actor_of[m])
        if ev.time is not None:
            yield node, CKG.timeExpression, terms.literal(ev.time.expression)
            if ev.time.date:
                yield node, SEM.hasTimeStamp, terms.literal(ev.time.date, datatype=XSD.date)
        # the source of an event: the speaker who reported it, else the outlet that published the article
        source = actor(ev.reported_by) if ev.reported_by is not None and not actor_of[ev.reported_by].is_place \
            else (iris.actor_node(publisher) if publisher is not None else None)
        if source is not None:
            yield node, CKG.reportedBy, source
        yield from provenance(node, ev.sentence, ev.rule, ev.confidence)
        for n, casualty in enumerate(ev.casualties):
            figure = iris.casualty_iri(ev, n)
            yield node, CKG.casualties, figure
            yield figure, RDF.type, CKG.CasualtyFigure
            yield figure, CKG.count, terms.literal(casualty.count, datatype=XSD.integer)
            yield figure, CKG.casualtyKind, terms.literal(casualty.kind)
            if casualty.qualifier:
                yield figure, CKG.qualifier, terms.literal(casualty.qualifier)
            if source is not None:
                yield figure, CKG.reportedBy, source
            yield from provenance(figure, ev.sentence, ev.rule, ev.confidence)

    for s, node in sentences.items():
        yield node, RDF.type, CKG.Sentence
        yield node, NIF.referenceContext, a
        yield node, NIF.beginIndex, terms.integer(s.start)
        yield node, NIF.endIndex, terms.integer(s.end)
        yield node, NIF.anchorOf, terms.literal(s.text)


def _typology(node: URIRef, ev: Event) -> Iterator[Triple]:
    """An event's CAMEO code (the one its verb was coded with, else its type's, else the nearest broader type's) and
    the PLOVER event type of the code it was coded with (else its type's)."""
    coded = ev.cameo if isinstance(ev, CodedEvent) else ""
    code = coded or cameo_of(ev.event_type)
    if code:
        yield node, CKG.cameoCode, terms.literal(code)
    kind = event_types().get(ev.event_type)
    plover = (plover_of_cameo(coded) if coded else "") or (kind.plover if kind else "")
    if plover:
        yield node, CKG.ploverType, terms.literal(plover)


def actor_triples(actors: Iterable[Actor]) -> Iterator[Triple]:
    """The triples of the actors graph: one node per resolved actor or place."""
    for actor in actors:
        node = iris.actor_node(actor)
        yield node, RDF.type, CKG[actor.entity_type]
        yield node, SKOS.prefLabel, terms.literal(actor.label)
        for alias in actor.aliases:
            if alias != actor.label:
                yield node, SKOS.altLabel, terms.literal(alias)
        for iri in actor.same_as:
            yield node, OWL.sameAs, URIRef(iri)
        if actor.code:
            yield node, CKG.cameoCode, terms.literal(actor.code)
        if actor.coordinates is not None:
            yield node, WGS.lat, terms.degrees(actor.coordinates[0])
            yield node, WGS.long, terms.degrees(actor.coordinates[1])


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
        yield node, RDFS.label, terms.literal(rule)
        yield node, OWL.versionInfo, terms.literal(iris.RULE_VERSION)
