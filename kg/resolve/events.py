"""Reports of one event within an article: an article tells an event more than once ("Kerry and Lavrov entered
their second day of talks" ... "as the U.S. and Russia negotiate"), and each telling is one event, not two."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace

from kg.records import Actor, Event, Mention
from kg.resolve import cameo


def merge_reports(events: Iterable[Event], actors: Mapping[Mention, Actor]) -> list[Event]:
    """The article's events, each event told more than once kept once: reports of the same type whose agents stand
    for the same parties (an actor, or the state its CAMEO code names: John Kerry, USAGOV, for the United States)
    and whose places, times, targets and tolls do not contradict. The first report keeps its sentence and takes the
    agents, targets, places, time and tolls the others add (rule ``+reports``); nothing else is invented.

    >>> from kg.records import Sentence
    >>> s = Sentence("a", 0, 10, "x")
    >>> def ev(agents, start): return Event("a", "negotiation", "talks", start, start, start + 5, agents, (), (), (),
    ...                                     None, (), None, s, "event:verb", 0.6)
    >>> kerry = Mention("a", 0, 5, "Kerry", "Person", "ner", s, 0.8)
    >>> us = Mention("a", 30, 34, "U.S.", "State", "ner", s, 0.8)
    >>> acts = {kerry: Actor("john kerry", "John Kerry", "Person", code="USAGOV"),
    ...         us: Actor("united states", "United States", "State", code="USA")}
    >>> [len(e.agents) for e in merge_reports([ev((kerry,), 0), ev((us,), 30)], acts)]
    [2]
    """
    kept: list[Event] = []
    for event in sorted(events, key=lambda e: (e.cue_start, e.start)):
        for i, earlier in enumerate(kept):
            if _same_event(earlier, event, actors):
                kept[i] = _joined(earlier, event, actors)
                break
        else:
            kept.append(event)
    return kept


def _side(actor: Actor) -> str:
    """The party an actor stands for: the state it acts for by its CAMEO code ("USAGOV" -> United States; not a
    state's rebels, "TURREB"), else itself."""
    state = cameo.acts_for_state(actor.code) if actor.code else None
    return f"state:{state}" if state else actor.key


def _sides(mentions: tuple[Mention, ...], actors: Mapping[Mention, Actor]) -> frozenset[str]:
    return frozenset(_side(actors[m]) for m in mentions if m in actors)


def _keys(mentions: tuple[Mention, ...], actors: Mapping[Mention, Actor]) -> frozenset[str]:
    return frozenset(actors[m].key for m in mentions if m in actors)


def _killed(event: Event) -> set[int]:
    return {c.count for c in event.casualties if c.kind == "killed"}


def _same_event(a: Event, b: Event, actors: Mapping[Mention, Actor]) -> bool:
    """Two reports of one event: the same type, agents standing for the same parties, and nothing contradicting."""
    if a.event_type != b.event_type or not a.agents or not b.agents:
        return False
    if _sides(a.agents, actors) != _sides(b.agents, actors):
        return False
    if a.places and b.places and not (_keys(a.places, actors) & _keys(b.places, actors)):
        return False
    if a.targets and b.targets and not (_sides(a.targets, actors) & _sides(b.targets, actors)):
        return False
    if a.time is not None and b.time is not None and (a.time.start, a.time.end) != (b.time.start, b.time.end):
        return False
    return not (_killed(a) and _killed(b) and _killed(a) != _killed(b))


def _joined(first: Event, other: Event, actors: Mapping[Mention, Actor]) -> Event:
    """The first report with what the other adds (an actor once)."""
    def union(xs: tuple[Mention, ...], ys: tuple[Mention, ...]) -> tuple[Mention, ...]:
        return xs + tuple(y for y in ys if y not in xs and y in actors and actors[y].key not in _keys(xs, actors))
    return replace(first, agents=union(first.agents, other.agents), targets=union(first.targets, other.targets),
                   victims=union(first.victims, other.victims), places=union(first.places, other.places),
                   time=first.time or other.time, casualties=first.casualties or other.casualties,
                   reported_by=first.reported_by or other.reported_by,
                   rule=first.rule if first.rule.endswith("+reports") else first.rule + "+reports")
