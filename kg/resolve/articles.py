"""Each article bound to the corpus: its mentions to the actors resolved across articles, its denials to the
allegations they answer, its findings kept where their parties are still actors."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from kg.records import Actor, ArticleExtraction, Denial, Event, Mention, ResolvedArticle
from kg.resolve.actors import merged_rules


def resolve_article(x: ArticleExtraction, merged: Mapping[str, Actor],
                    answers: Mapping[Denial, tuple]) -> ResolvedArticle:
    """``x`` with its mentions bound to the ``merged`` actors (:func:`kg.resolve.actors.merge_actors`) and its
    denials to the allegations they answer (:func:`kg.resolve.links.link_denials`)."""
    actor_of = {m: merged[a.key] for m, a in x.local_actors.items()}
    publisher = merged[x.publisher.key] if x.publisher else None
    resolved_by = {m: rule for a in x.local_actors.values() for m, rule in zip(a.mentions, a.mention_rules,
                                                                               strict=True)}
    resolved_by.update(merged_rules(x.local_actors, merged))
    # what resolved to a place across the corpus is not an actor: it neither speaks, accuses nor denies
    statements = tuple(st for st in x.statements if not actor_of[st.speaker_mention].is_place)
    allegations = tuple(al for al in x.allegations if not actor_of[al.accuser].is_place
                        and not any(actor_of[m].is_place for m in al.accused))
    denials = tuple((dn, answers.get(dn, ())) for dn in x.denials if not actor_of[dn.denier].is_place
                    and not any(actor_of[m].is_place for m in dn.defended))
    events = tuple(_actors_only(ev, actor_of) for ev in x.events)
    return ResolvedArticle(x.article, x.mentions, actor_of, resolved_by, publisher, statements, x.affiliations,
                           allegations, denials, events)


def _actors_only(event: Event, actor_of: Mapping[Mention, Actor]) -> Event:
    """An event whose participants are actors and whose places are places or states."""
    def keep(ms):
        return tuple(m for m in ms if not actor_of[m].is_place)

    return replace(event, agents=keep(event.agents), targets=keep(event.targets), victims=keep(event.victims))
