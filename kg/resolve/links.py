"""Links across articles: which state each actor stands with, and which allegations each denial answers."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping

from rdflib import URIRef

from kg.rdf.iris import allegation_iri
from kg.records import Actor, ArticleExtraction, Denial
from kg.resolve.actors import armed_group_key


def allegiances(extractions: list[ArticleExtraction], merged: Mapping[str, Actor]) -> dict[str, str]:
    """Actor key -> the key of the state it belongs to: its state's forces ("Syrian army"), its officials
    ("Syria's ambassador"), its leader ("Syrian President Bashar Assad")."""
    states = {a.label: a.key for a in merged.values() if a.entity_type == "State"}
    side: dict[str, str] = {}
    for actor in merged.values():
        if actor.entity_type == "ArmedGroup":
            owners = {parts[0] for m in actor.mentions if (parts := armed_group_key(m.text)) and parts[0] in states}
            if len(owners) == 1:
                side[actor.key] = states[owners.pop()]
    for x in extractions:
        for af in x.affiliations:
            member, org = merged[x.local_actors[af.member].key], merged[x.local_actors[af.organization].key]
            if org.entity_type == "State" and member.key != org.key:
                side.setdefault(member.key, org.key)
    return side


def link_denials(extractions: list[ArticleExtraction], merged: Mapping[str, Actor]) -> dict[Denial, tuple]:
    """The allegations each denial answers.

    In its own article, a denial answers the allegations against a party it defends. Across
    articles, it answers those against a party it defends for the same kind of act. Allegations
    are indexed by (accused, act type), so the step grows with the corpus, not its square.
    """
    side = allegiances(extractions, merged)
    by_party: dict[tuple[str, str | None], list[tuple[str, URIRef]]] = defaultdict(list)
    for x in extractions:
        for al in x.allegations:
            parties = {merged[x.local_actors[m].key].key for m in al.accused}
            parties |= {side[p] for p in parties if p in side}  # against Assad's forces is against Syria
            for party in parties:
                by_party[party, al.act_type].append((x.article.article_id, allegation_iri(al)))
                by_party[party, None].append((x.article.article_id, allegation_iri(al)))
    answers: dict[Denial, tuple] = {}
    for x in extractions:
        for dn in x.denials:
            found: set[URIRef] = set()
            for m in dn.defended:
                key = merged[x.local_actors[m].key].key
                found.update(iri for article, iri in by_party.get((key, None), ()) if article == x.article.article_id)
                if dn.act_type:
                    found.update(iri for _, iri in by_party.get((key, dn.act_type), ()))
            answers[dn] = tuple(sorted(found))
    return answers
