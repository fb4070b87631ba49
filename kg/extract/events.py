"""Stage: nlp doc + actors (+ statements, allegations) -> events.

An event is found at a verb of ``kg/lexicons/event_verbs.txt`` ("Russia and China vetoed ...",
"at least 43 people were killed in Syria on Monday", "Putin and Rouhani praised Syria's
decision"). Its participants come from the parse: agents are the subject (or the passive's
agent, or, for "accusing X of executing ...", the accused), targets the object, victims the
groups killed; places are the places and countries it happened "in", "at" or "near"; its time
is a date expression in its clause, resolved against the publication date; casualty figures
are normalised (:mod:`kg.extract.numbers`). An event inside a reported statement is reported by that
statement's speaker.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace
from functools import cache

from spacy.tokens import Doc, Span, Token

from kg import lexicon
from kg.extract.confidence import CONFIDENCE
from kg.extract.numbers import find_counts
from kg.extract.syntax import (
    Cover,
    attack_cause,
    attack_type,
    clause,
    governing_clauses,
    is_attack_noun,
    is_negated,
    is_noun_infinitive,
    nominal_agent_heads,
    sentence_of,
)
from kg.extract.times import resolve_time
from kg.extract.tokens import entity_bounds, tokens_where
from kg.rdf.ontology import narrower
from kg.records import Actor, Allegation, Article, Casualty, Event, Mention, ResolvedTime, Statement

_PLACE_PREPS = {"in", "at", "near", "across", "outside", "inside", "around", "into", "on"}
_PRONOUNS = {"it", "they", "he", "she", "we"}
_AGE = re.compile(r"\byears?[- ]old\b|\baged?\b", re.IGNORECASE)


def event_verbs(name: str = "event_verbs") -> dict[str, tuple[str, frozenset[str]]]:
    """Lemma (or noun) -> (event type, words its object or phrase must contain, or empty)."""
    table = {}
    for lemma, value in lexicon.load_mapping(name).items():
        kind, _, words = value.partition("|")
        table[lemma] = (kind.strip(), frozenset(words.split()))
    return table


def extract_events(doc: Doc, article: Article, actors: Mapping[Mention, Actor], statements: Iterable[Statement],
                   allegations: Iterable[Allegation]) -> Iterator[Event]:
    """Every event reported in ``doc`` at a verb or noun of the event lexicons; the reports of one incident (the
    same toll in one article) share their agents and places (:func:`_incidents`)."""
    found = list(_claimed(list(_verb_events(doc, article, actors, statements, allegations)),
                          _responsibility(doc, article, actors), doc))
    yield from _by_means(list(_incidents(found, actors)), actors)


def _verb_events(doc: Doc, article: Article, actors: Mapping[Mention, Actor], statements: Iterable[Statement],
                 allegations: Iterable[Allegation]) -> Iterator[Event]:
    statements = list(statements)
    allegations = list(allegations)
    cover = Cover(actors)
    table = event_verbs()
    done: set[int] = set()  # the attack nouns already told as a killing's cause
    people_table = event_verbs("event_verbs_people")
    for verb in tokens_where(doc, "lemma", table.keys() | people_table.keys()):
        lemma = verb.lemma_.lower()
        if verb.pos_ not in {"VERB"}:
            continue
        if article.in_boilerplate(verb.idx, verb.idx + len(verb)):
            continue
        if _imagined(verb) or _announced(verb):
            continue  # "if the United States ratifies its offer", "did not attack", "would strike", "vowed to strike"
        words = clause(verb)
        objects = [t for c in verb.children if c.dep_ in {"dobj", "prep", "dative", "attr", "oprd", "acomp", "advmod",
                                                           "prt", "xcomp"} for t in c.subtree]
        kind, needs = table.get(lemma, ("", frozenset()))
        if not kind or (needs and not any(t.lower_ in needs for t in objects)):
            # "soldiers seized 11 people": a verb of taking whose object is people
            kind, needs = people_table.get(lemma, ("", frozenset()))
            if not kind or not _people_object(verb) or (needs and not any(t.lower_ in needs for t in objects)):
                continue
        if kind == "attack":  # "carried out the bombing", "launched air strikes": the attack its object names
            kind = next((attack_type(c) for c in verb.children if c.dep_ == "dobj" and attack_type(c)), kind)
        passive = any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children)
        statement = next((s for s in statements if s.start <= verb.idx < s.end), None)
        allegation = next((a for a in allegations if a.start <= verb.idx < a.end), None)
        means = attack_cause(verb, passive)  # "an Israeli strike killed 10", "killed in airstrikes by Russian forces"
        agents = _agents(verb, passive, cover, actors, statement, allegation)
        if means is not None:
            agents = [m for m in agents if not _venue(m, means, actors)]
        if means is not None and not agents:
            agents = _makers(means, cover, actors)
        targets = [] if passive else _covered([c for c in verb.children if c.dep_ == "dobj"], cover, actors,
                                              owners=True)
        victims: list[Mention] = []
        counts: list[Casualty] = []
        if kind in narrower("killing"):
            sufferers = [c for c in verb.children if c.dep_ in ({"nsubjpass"} if passive else {"dobj"})]
            if lemma == "die":
                sufferers = [c for c in verb.children if c.dep_ == "nsubj"]
                agents = []
            if verb.dep_ == "conj" and sufferers and all(t.lower_ in {"them", "him", "her"} for t in sufferers):
                # "bound 11 villagers and burned them alive": those of the verb it is joined to
                sufferers = [c for c in verb.head.children if c.dep_ == "dobj"] or sufferers
            victims = [m for m in _covered(sufferers, cover, actors) if actors[m].entity_type == "Group"]
            for head in sufferers:
                phrase = doc[head.left_edge.i : head.right_edge.i + 1]
                counts.extend(Casualty(c.value, c.qualifier, c.text, "killed") for _, _, c in find_counts(phrase.text))
            if not counts and len(sufferers) == 1 and _one_person(sufferers[0], cover, actors):
                counts = [Casualty(1, "", sufferers[0].text, "killed")]  # "shot dead a government official"
        places = _places(words, cover, actors)
        when = _time(words, article)
        sent = verb.sent
        reporter = statement.speaker_mention if statement else None
        if allegation and not reporter:
            reporter = allegation.accuser
        numbered = any(g.dep_ == "nummod" or g.like_num for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}
                       for g in c.children)  # "four suspects were arrested", "detained 12 people"
        if not (agents or targets or victims or counts or places or numbered or kind == "displacement"):
            continue  # (people who fled their homes are an event with no one named: the object said so)
        if kind in narrower("killing") and not (agents or places) and _running_total(list(verb.subtree)):
            continue  # "Thousands have died ... since the start of the conflict": a war's toll, no event
        if means is not None:
            done.add(means.idx)
        if means is not None and kind in narrower("killing") and is_attack_noun(means):  # the attack, with its toll
            rule = "event:attack-noun+toll" + ("+allegation" if allegation else "")
            yield Event(
                article_id=article.article_id, event_type=attack_type(means) or "attack", cue=means.text,
                cue_start=means.idx, start=words[0].idx, end=words[-1].idx + len(words[-1]), agents=tuple(agents),
                targets=(), victims=tuple(victims), places=tuple(places), time=when,
                casualties=tuple(counts[:1]),
                reported_by=reporter, sentence=sentence_of(sent, article), rule=rule, confidence=CONFIDENCE[rule])
        rule = "event:verb" + ("+allegation" if allegation else "")
        yield Event(
            article_id=article.article_id, event_type=kind, cue=verb.text, cue_start=verb.idx, start=words[0].idx,
            end=words[-1].idx + len(words[-1]), agents=tuple(agents), targets=tuple(t for t in targets
                                                                                    if t not in agents),
            victims=tuple(victims), places=tuple(places), time=when, casualties=tuple(counts[:1]),
            reported_by=reporter, sentence=sentence_of(sent, article),
            rule=rule, confidence=CONFIDENCE[rule],
        )
    yield from _noun_events(doc, article, actors, cover, statements)
    yield from _attack_noun_events(doc, article, actors, cover, statements, done)


def _running_total(words: list[Token]) -> bool:
    """Words that count since a time ("since the start of the conflict", "since April 2023"), their own or those of a
    clause joined to them ("Thousands have died and 9 million have been displaced since ..."): a running total."""
    return any(t.lower_ == "since" for t in words)


#: the smallest toll that names one incident of an article (two "two killed" may be two incidents)
_INCIDENT_TOLL = 3


def _incidents(events: list[Event], actors: Mapping[Mention, Actor]) -> Iterator[Event]:
    """The events, each report of an incident given the agents and places its other reports name.

    An article tells one incident several times: the headline ("RSF attack kills up to 100"), the lead ("an attack
    on a village has killed up to 100, activists said"), a claim ("the RSF said it attacked"). Events of one
    article with the same toll (at least :data:`_INCIDENT_TOLL` killed, or any toll the headline tells) and no place
    that contradicts are one incident: an event that names no agent takes the agents its other reports agree on
    (one set of actors), and one with no place takes theirs. Nothing is invented: the agents come from the
    article's own words, and the event keeps its rule with ``+incident``.
    """
    groups: dict[int, list[int]] = {}
    for i, ev in enumerate(events):
        killed = [c.count for c in ev.casualties if c.kind == "killed"]
        if killed:
            groups.setdefault(killed[0], []).append(i)
    filled: dict[int, Event] = {}
    for toll, members in groups.items():
        if len(members) < 2 or (toll < _INCIDENT_TOLL and not any(events[i].sentence.start == 0 for i in members)):
            continue  # a small toll is one incident where the headline tells it ("shelling kills two civilians")
        for i in members:
            ev = events[i]
            if ev.agents and ev.places:
                continue
            others = [events[j] for j in members if j != i and _same_places(ev, events[j], actors)]
            agents, places = ev.agents, ev.places
            if not agents:
                sets = {frozenset(actors[m].key for m in o.agents) for o in others if o.agents}
                if len(sets) == 1:
                    agents = next(o.agents for o in others if o.agents)
            if not places:
                place_sets = {frozenset(actors[m].key for m in o.places) for o in others if o.places}
                if len(place_sets) == 1:
                    places = next(o.places for o in others if o.places)
            if (agents, places) != (ev.agents, ev.places):
                filled[i] = replace(ev, agents=agents, places=places, rule=ev.rule + "+incident",
                                    confidence=min(ev.confidence, CONFIDENCE["event:incident"]))
    for i, ev in enumerate(events):
        yield filled.get(i, ev)


#: attack types named by a means one side of an article's fighting wields (its aircraft, its guns)
_MEANS_TYPES = {"air-strike", "shelling"}


def _by_means(events: list[Event], actors: Mapping[Mention, Actor]) -> Iterator[Event]:
    """The events, each air strike or shelling that names no agent given the one party the article's other air
    strikes (shellings) name ("Saudi-led air strike kills top Houthi official" ... "in several strikes which killed
    six others"), and the killing told in the same clause with it (rule ``+means``). Where the article names two
    parties for them, or none, nothing is given."""
    parties: dict[str, set[frozenset[str]]] = {}
    for ev in events:
        if ev.event_type in _MEANS_TYPES and ev.agents:
            parties.setdefault(ev.event_type, set()).add(frozenset(actors[m].key for m in ev.agents))
    given = {kind: next(e.agents for e in events if e.event_type == kind and e.agents)
             for kind, sets in parties.items() if len(sets) == 1}
    clauses = {(ev.start, ev.end): given[ev.event_type] for ev in events
               if ev.event_type in given and not ev.agents}
    for ev in events:
        agents = clauses.get((ev.start, ev.end)) if ev.event_type in given or ev.event_type in narrower("killing") \
            else None
        if ev.agents or not agents:
            yield ev
            continue
        yield replace(ev, agents=agents, rule=ev.rule + "+means",
                      confidence=min(ev.confidence, CONFIDENCE["event:means"]))


#: how many sentences before a claim of responsibility the attacks it claims may be told
_CLAIM_REACH = 4
_CLAIM_VERBS = {"claim", "accept", "admit", "take", "assume", "acknowledge"}


def _responsibility(doc: Doc, article: Article, actors: Mapping[Mention, Actor]) -> list[tuple[int, list[Mention]]]:
    """Claims of responsibility: "The Provisional IRA accepted responsibility for the bombings", "the Taliban
    claimed responsibility", as (the claim's token index, the claimants)."""
    cover = Cover(actors)
    found = []
    for token in doc:
        if token.lower_ == "responsible" and token.dep_ == "acomp" and token.head.lemma_ == "be" \
                and token.head.dep_ == "ccomp" and token.head.head.lemma_.lower() in _CLAIM_VERBS \
                and any(c.dep_ == "nsubj" and c.lower_ in {"they", "we", "it"} for c in token.head.children):
            verb = token.head.head  # "Mujahid claimed they were responsible for the attack": a claim of their own
        elif token.lower_ != "responsibility" or token.dep_ != "dobj" or token.head.lemma_.lower() not in _CLAIM_VERBS:
            continue
        else:
            verb = token.head
        if article.in_boilerplate(verb.idx, verb.idx + len(verb)):
            continue
        if any(c.dep_ == "neg" or c.lower_ in {"never", "no"} for c in verb.children):
            continue  # "no group has claimed responsibility", "did not claim responsibility"
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        if not subjects and verb.dep_ in {"conj", "xcomp", "advcl"}:
            subjects = [c for c in verb.head.children if c.dep_ == "nsubj"]
        if any(d.lower_ == "no" for s in subjects for d in s.children):
            continue
        # "Zabiullah Mujahid, the spokesperson for the Taliban, claimed ...": the group he speaks for
        spoken_for = [p for s in subjects for a in s.children if a.dep_ == "appos" for c in a.children
                      if c.dep_ == "prep" and c.lower_ in {"for", "of"} for p in c.children if p.dep_ == "pobj"]
        claimants = [m for m in _covered(spoken_for, cover, actors) if actors[m].entity_type != "Group"] or \
            [m for m in _covered(subjects, cover, actors, owners=True) if actors[m].entity_type != "Group"]
        if claimants:
            found.append((token.i, claimants))
    return found


def _claimed(events: list[Event], claims: list[tuple[int, list[Mention]]], doc: Doc) -> Iterator[Event]:
    """The events, each attack or killing that names no agent given the claimant of a claim of responsibility
    told in its sentence or in the :data:`_CLAIM_REACH` sentences after it ("A suicide bomber killed six ... The
    Taliban claimed responsibility"): the agent as the claimant says (rule ``+responsibility``)."""
    if not claims:
        yield from events
        return
    violent = narrower("attack") | narrower("killing")
    starts = [s.start_char for s in doc.sents]
    claim_sentences = [(bisect_right(starts, doc[i].idx) - 1, claimants) for i, claimants in claims]
    for ev in events:
        if ev.agents or ev.event_type not in violent:
            yield ev
            continue
        at = bisect_right(starts, ev.cue_start) - 1
        claimants = next((c for s, c in claim_sentences if 0 <= s - at <= _CLAIM_REACH), None)
        if claimants is None:
            yield ev
            continue
        yield replace(ev, agents=tuple(claimants), rule=ev.rule + "+responsibility",
                      confidence=min(ev.confidence, CONFIDENCE["event:responsibility"]))


def _same_places(a: Event, b: Event, actors: Mapping[Mention, Actor]) -> bool:
    """No place of one contradicts the other's: either names none, or they share one."""
    if not a.places or not b.places:
        return True
    return bool({actors[m].key for m in a.places} & {actors[m].key for m in b.places})


#: verbs whose object is what an event brought about ("caused widespread displacement")
_CAUSE_VERBS = {"cause", "trigger", "prompt", "spark", "force", "lead", "result", "create"}


#: nouns of deeds whose agent is the "by" of their phrase only ("the killing of three teenagers by Hamas
#: militants"), never the subject of the verb above them ("the US condemned the killing of 11 villagers")
_BY_KINDS = {"killing", "abduction", "assassination", "summary-execution"}


#: nouns of fighting whose agents are the two sides "between" names, never the subject of the verb above them
#: ("MONUSCO received reports of fighting between ...": not MONUSCO's)
_BETWEEN_KINDS = {"armed-clash"}


def _noun_events(doc: Doc, article: Article, actors, cover, statements) -> Iterator[Event]:
    """ "Saudi Arabia is increasing its delivery of small arms to rebel militias"; "Kerry and Lavrov entered
    their second day of talks"."""
    table = event_verbs("event_nouns")
    for noun in tokens_where(doc, "lower", table):
        if noun.pos_ not in {"NOUN", "PROPN"}:
            continue
        if article.in_boilerplate(noun.idx, noun.idx + len(noun)):
            continue
        kind, needs = table[noun.lower_]
        phrase = list(noun.subtree)
        if needs and not any(t.lower_ in needs for t in phrase):
            continue
        owners = [c for c in noun.children if c.dep_ == "poss"]
        agents = _covered(owners, cover, actors) if owners else []
        counts: list[Casualty] = []
        if kind in _BY_KINDS:  # "the killing of three teenagers by Hamas militants": who did it, or no event
            # "the kidnapping and killing of three teenagers by X": a noun joined to another with no phrase of its
            # own shares the other's
            owner = noun.head if noun.dep_ == "conj" and not any(c.dep_ == "prep" for c in noun.children) else noun
            by = [c for p in owner.children if p.dep_ == "agent" or (p.dep_ == "prep" and p.lower_ == "by")
                  for c in p.children if c.dep_ == "pobj"]
            agents = [m for m in _covered(by, cover, actors, owners=True) if actors[m].entity_type != "Group"]
            if not agents:
                continue
            of = [c for p in owner.children if p.dep_ == "prep" and p.lower_ == "of" for c in p.children
                  if c.dep_ == "pobj"]
            if kind in narrower("killing"):
                for head in of:
                    phrase = doc[head.left_edge.i : head.right_edge.i + 1]
                    counts.extend(Casualty(c.value, c.qualifier, c.text, "killed")
                                  for _, _, c in find_counts(phrase.text))
        if kind in _BETWEEN_KINDS:  # "fighting between M23 rebels and Mai-Mai militias": both sides, or no event
            sides = [c for p in noun.subtree if p.dep_ == "prep" and p.lower_ == "between" for c in p.children
                     if c.dep_ == "pobj"]  # the parser may hang "between" on a word of the phrase ("in the area")
            agents = [m for m in _covered(sides, cover, actors) if actors[m].entity_type != "Group"]
            if len(agents) < 2:
                continue
        governor = noun.head
        while governor.pos_ not in {"VERB", "AUX"} and governor.head != governor:
            governor = governor.head
        if not agents and governor.pos_ in {"VERB", "AUX"}:
            subjects = [c for c in governor.children if c.dep_ == "nsubj"]
            named = [a for s in subjects for a in s.children if a.dep_ == "appos"]
            agents = _covered(named, cover, actors) or _covered(subjects, cover, actors)
        targets = [m for p in noun.children if p.dep_ == "prep" and p.lower_ in {"to", "with", "against", "for"}
                   for m in _covered([c for c in p.children if c.dep_ == "pobj"], cover, actors)]
        words = clause(governor) if governor.pos_ in {"VERB", "AUX"} else phrase
        if kind == "displacement":  # "the attack had caused widespread displacement": no one displaced anyone
            agents = []
            if noun.dep_ != "dobj" or governor.lemma_.lower() not in _CAUSE_VERBS:
                continue
        elif not agents:
            continue
        statement = next((s for s in statements if s.start <= noun.idx < s.end), None)
        yield Event(
            article_id=article.article_id, event_type=kind, cue=noun.text, cue_start=noun.idx, start=words[0].idx,
            end=words[-1].idx + len(words[-1]), agents=tuple(agents), targets=tuple(t for t in targets
                                                                                    if t not in agents),
            victims=(), places=tuple(_places(words, cover, actors)), time=_time(words, article),
            casualties=tuple(counts[:1]), reported_by=statement.speaker_mention if statement else None,
            sentence=sentence_of(noun.sent, article), rule="event:noun", confidence=CONFIDENCE["event:noun"],
        )


def _people_object(verb: Token) -> bool:
    """The verb's object (or a passive's subject) names people: a person noun or a people group, maybe counted."""
    people = lexicon.load("person_nouns") | lexicon.load("people_groups")
    for c in verb.children:
        if c.dep_ in {"dobj", "nsubjpass"}:
            if c.lemma_.lower() in people or c.lower_ in people or c.lower_ in {"people", "persons", "hostages"}:
                return True
    return False


def _one_person(head: Token, cover: Cover, actors: Mapping[Mention, Actor]) -> bool:
    """A victim phrase naming one person: a person's name, or a singular person noun ("a man", "the deputy
    district commissioner") with no number and no conjunct."""
    if head.conjuncts or any(c.dep_ == "nummod" or c.like_num for c in head.children):
        return False
    if any(actors[m].entity_type == "Person" for m in cover.at(head)):
        return True
    plural = head.tag_ in {"NNS", "NNPS"} or "Plur" in head.morph.get("Number")
    return head.pos_ == "NOUN" and not plural and head.lemma_.lower() == head.lower_ \
        and head.lower_ in lexicon.load("person_nouns")


#: auxiliaries of a clause that tells what may or would happen, not what did
_UNREAL = {"would", "could", "might", "may", "should", "will", "shall", "'ll", "must"}


def _attack_noun_events(doc: Doc, article: Article, actors, cover, statements, done: set[int]) -> Iterator[Event]:
    """ "Hezbollah's rocket barrage at a kibbutz", "an Israeli strike on the school", "air strikes by Pakistani
    forces": an attack named by its means with who made it (a modifier, an owner, a "by"), where no killing verb
    already told it. Attacks that a clause only plans, threatens or imagines ("would launch strikes") are not told."""
    for noun in doc:
        kind = attack_type(noun)
        if kind is None or noun.pos_ != "NOUN" or noun.idx in done:
            continue
        if noun.i + 1 < len(doc) and attack_type(doc[noun.i + 1]) is not None and doc[noun.i + 1].head == noun:
            continue  # "missile" in "missile strike": the head noun tells it
        if article.in_boilerplate(noun.idx, noun.idx + len(noun)):
            continue
        governor = noun.head
        while governor.pos_ not in {"VERB", "AUX"} and governor.head != governor:
            governor = governor.head
        if governor.pos_ in {"VERB", "AUX"} and not _told(governor):
            continue
        agents = _makers(noun, cover, actors)
        aimed = [c for p in noun.children if p.dep_ == "prep" and p.lower_ in {"on", "against"} for c in p.children
                 if c.dep_ == "pobj"]
        if not agents and not (aimed and noun.tag_ == "NNS" or aimed and not any(
                d.lower_ in {"the", "this", "that"} for d in noun.children)):
            continue  # an attack no one is said to have made is told by what it hit: "bomb attacks on a convoy"
        targets = [m for p in noun.children if p.dep_ == "prep" and p.lower_ in {"on", "against", "at"}
                   for m in _covered([c for c in p.children if c.dep_ == "pobj"], cover, actors)]
        phrase = list(noun.subtree)
        words = clause(governor) if governor.pos_ in {"VERB", "AUX"} else phrase
        statement = next((s for s in statements if s.start <= noun.idx < s.end), None)
        rule = "event:attack-noun"
        yield Event(
            article_id=article.article_id, event_type=kind, cue=noun.text, cue_start=noun.idx, start=words[0].idx,
            end=words[-1].idx + len(words[-1]), agents=tuple(agents), targets=tuple(t for t in targets
                                                                                    if t not in agents),
            victims=(), places=tuple(_places(phrase, cover, actors) or _places(words, cover, actors)),
            time=_time(words, article), casualties=(),
            reported_by=statement.speaker_mention if statement else None,
            sentence=sentence_of(noun.sent, article), rule=rule, confidence=CONFIDENCE[rule],
        )


#: verbs under which an attack is not told as having happened: "threatened strikes", "planned an offensive",
#: "supplies aimed to coincide with U.S. strikes"
_NOT_TOLD = {"threaten", "plan", "vow", "warn", "consider", "prepare", "deny", "reject", "avoid", "prevent", "fear",
             "call", "urge", "demand", "propose", "want", "seek", "aim", "intend", "hope", "expect"}


#: what makes a clause a condition or a possibility rather than a report
_CONDITIONS = {"if", "unless", "whether"}
_MODALS = {"would", "could", "might", "may", "should"}


def _imagined(verb: Token) -> bool:
    """A verb that tells no deed: negated ("did not attack"), under a modal ("would strike"), the infinitive of a noun
    ("the opportunity to attack"), or in a condition, its own or a clause's it hangs on ("if the United States
    ratifies its offer")."""
    if is_negated(verb) or any(c.dep_ == "aux" and c.lower_ in _MODALS for c in verb.children):
        return True
    if is_noun_infinitive(verb):
        return True  # "the opportunity to attack the Prime Minister": not a deed
    return any(c.dep_ == "mark" and c.lower_ in _CONDITIONS for node in governing_clauses(verb) for c in node.children)


def _announced(verb: Token) -> bool:
    """An act that a verb of intent, threat or appeal only announces: the infinitive it governs, with the verbs
    joined to it ("threatened to shell their bases", "vowed to attack and kill", "called on the army to crack down",
    "agreed to release the hostages"); the coder of ``kg.extract.cameo_verbs`` codes the pair as an intent or a
    threat."""
    node = verb
    while node.dep_ == "conj" and node.head.i != node.i:
        node = node.head
    return node.dep_ == "xcomp" and node.head.lemma_.lower() in _announcing_verbs()


@cache
def _announcing_verbs() -> frozenset[str]:
    """Verbs of planning, threatening or wanting (:data:`_NOT_TOLD`) and of intent (``intent_verbs.txt``)."""
    return frozenset(_NOT_TOLD | lexicon.load("intent_verbs"))


def _told(verb: Token) -> bool:
    """Whether a verb's clause tells what happened: not negated, not under a modal ("would launch"), and not
    under a verb of planning, threatening or wanting up its chain of clauses ("aimed to coincide with strikes")."""
    for _ in range(4):
        if verb.lemma_.lower() in _NOT_TOLD:
            return False
        if any(c.lower_ in _UNREAL or c.dep_ == "neg" for c in verb.children):
            return False
        if verb.dep_ not in {"xcomp", "ccomp", "advcl", "conj", "pcomp"} or verb.head == verb:
            return True
        verb = verb.head
    return True


def _makers(noun: Token, cover: Cover, actors: Mapping[Mention, Actor]) -> list[Mention]:
    """Who made the attack a noun names (:func:`kg.extract.syntax.nominal_agent_heads`): not a group of people, nor
    a venue named in front of it (:func:`_venue`)."""
    return [m for m in _covered(nominal_agent_heads(noun), cover, actors, owners=True)
            if actors[m].entity_type != "Group" and not _venue(m, noun, actors)]


def _venue(mention: Mention, noun: Token, actors: Mapping[Mention, Actor]) -> bool:
    """An organisation no dictionary knows, named in front of an attack noun, is where it struck ("the Cafetería
    Rolando bombing", "the Manchester Arena attack"), unlike a party the field codes ("a NATO air strike")."""
    actor = actors[mention]
    if actor.entity_type != "Organization" or actor.code:
        return False
    span = noun.doc.char_span(mention.start, mention.end, alignment_mode="expand")
    return bool(span) and span[-1].dep_ in {"compound", "nmod", "amod"} and span[-1].head == noun


def _covered(heads: list[Token], cover: Cover, actors: Mapping[Mention, Actor],
             owners: bool = False) -> list[Mention]:
    """The actor mentions that heads (with their conjuncts, and owners: "Syria's decision") name."""
    tokens: list[Token] = []
    for head in heads:
        for h in (head, *head.conjuncts):
            tokens.append(h)
            modifiers = [t for t in h.children if t.dep_ in {"compound", "amod", "nmod"}]  # the "IS" militant group
            while modifiers:  # and a chain of them: "the SPLA-IO Anyanya division forces"
                tokens.extend(modifiers)
                modifiers = [t for m in modifiers for t in m.children if t.dep_ == "compound"]
            if owners:
                for t in h.children:
                    if t.dep_ == "poss":
                        tokens.extend(t.subtree)
    found: list[Mention] = []
    for t in sorted(set(tokens), key=lambda t: t.i):
        for m in cover.at(t):
            if not actors[m].is_place and m not in found:
                found.append(m)
    return found


def _agents(verb: Token, passive: bool, cover, actors, statement: Statement | None,
            allegation: Allegation | None) -> list[Mention]:
    if passive:
        return _covered([t for c in verb.children if c.dep_ == "agent" for t in c.children if t.dep_ == "pobj"],
                        cover, actors)
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if not subjects and verb.dep_ == "conj":
        subjects = [c for c in verb.head.children if c.dep_ == "nsubj"]
    if subjects and subjects[0].lower_ in {"who", "that", "which"} and verb.dep_ == "relcl":
        subjects = [verb.head]  # "an officer who defected": the officer
        if verb.head.dep_ == "appos":  # "Salman Abedi, the British-Libyan who carried out ...": Salman Abedi
            subjects = [verb.head.head]
    if subjects and subjects[0].lower_ in _PRONOUNS:
        # "Ukrainian forces killed two civilians when they shelled ...": the subject of the clause it hangs on
        if verb.dep_ in {"advcl", "conj", "relcl", "xcomp"} and verb.head.pos_ in {"VERB", "AUX"}:
            governing = [c for c in verb.head.children if c.dep_ == "nsubj" and c.lower_ not in _PRONOUNS]
            found = _covered(governing, cover, actors, owners=True)
            if found:
                return found
        if allegation is not None and allegation.accused and subjects[0].lower_ in {"it", "they"}:
            return list(allegation.accused)  # "accused the M23 of ..., saying that they killed 50": the accused
        # "Syria announced that it had signed ...": the pronoun is the speaker; a person's "they" is others
        # ("They have tried to assassinate me," Maduro said)
        if statement and subjects[0].lower_ == "they" and actors[statement.speaker_mention].entity_type == "Person":
            return []
        return [statement.speaker_mention] if statement and subjects[0].lower_ in {"it", "they", "we"} else []
    if not subjects and verb.tag_ == "VBG" and verb.dep_ in {"advcl", "xcomp"} and verb.head.pos_ in {"VERB", "AUX"}:
        # "Taliban fighters set off a car bomb ..., killing at least five": who did the act that killed
        subjects = [c for c in verb.head.children if c.dep_ == "nsubj"]
    # "Israel's ambassador, Ron Prosor, condemned ...": the person named in apposition acts
    # (a subject that is a name acts itself: "Salman Abedi, the British-Libyan who ...")
    named = [a for s in subjects if not any(actors[m].entity_type == "Person" for m in cover.at(s))
             for a in s.children if a.dep_ == "appos"]
    found = _covered(named, cover, actors) or _covered(subjects, cover, actors, owners=True) \
        or _members_of(subjects, cover, actors)
    if not found and allegation is not None and not subjects:
        return list(allegation.accused)  # "accusing X of executing ...": X executed
    return found


#: nouns that stand for the armed group named before them ("gunmen from the group", "fighters of the movement")
_GROUP_ANAPHORS = {"group", "movement", "militia", "organisation", "organization", "insurgency", "alliance",
                   "coalition"}
#: the rules of generic forces ("the army", "rebels") and a state's bodies: not what "the group" stands for
_GENERIC_ARMED = frozenset({"ruler:armed-group", "ruler:forces-loyal-to", "ruler:state-body"})


def _members_of(subjects: list[Token], cover: Cover, actors: Mapping[Mention, Actor]) -> list[Mention]:
    """Who the members a subject names belong to: "fighters of the RSF", "gunmen from al-Shabaab"; "gunmen from the
    group": the armed group last named before them in the article."""
    found: list[Mention] = []
    for subject in subjects:
        if subject.lower_ in _GROUP_ANAPHORS and any(d.lower_ == "the" for d in subject.children) \
                and not cover.at(subject):  # "the alliance had killed Samad": the one named before
            found.extend(m for m in _last_armed_group(subject, actors) if m not in found)
        for prep in subject.children:
            if prep.dep_ != "prep" or prep.lower_ not in {"of", "from"}:
                continue
            for obj in (c for c in prep.children if c.dep_ == "pobj"):
                named = [m for m in _covered([obj], cover, actors, owners=True) if actors[m].entity_type != "Group"]
                if not named and obj.lower_ in _GROUP_ANAPHORS and any(d.lower_ == "the" for d in obj.children):
                    named = _last_armed_group(obj, actors)
                found.extend(m for m in named if m not in found)
    return found


def _last_armed_group(anaphor: Token, actors: Mapping[Mention, Actor]) -> list[Mention]:
    """The armed group (not a generic force, not a state's) named last before ``anaphor``, if any."""
    before = [m for m in actors if m.end <= anaphor.idx and actors[m].entity_type == "ArmedGroup"
              and m.rule not in _GENERIC_ARMED]
    return [max(before, key=lambda m: m.start)] if before else []


def _places(words: list[Token], cover: Cover, actors: Mapping[Mention, Actor]) -> list[Mention]:
    """The places and states a clause says it happened "in", "at", "near" ..."""
    found: list[Mention] = []
    for t in words:
        if t.dep_ == "prep" and t.lower_ in _PLACE_PREPS:
            for pt in t.subtree:
                for m in cover.at(pt):
                    if actors[m].entity_type in {"Place", "State"} and m not in found:
                        found.append(m)
    return found


def _time(words: list[Token], article: Article) -> ResolvedTime | None:
    """The first date expression of a clause, resolved against the publication date."""
    doc = words[0].doc
    members = set(t.i for t in words)
    for start, end in entity_bounds(doc, "DATE"):  # in the order of the text
        if start in members and not _AGE.search(doc[start:end].text):  # "a 78-year-old": an age, not a time
            expression = _with_preposition(Span(doc, start, end, label="DATE"))
            return resolve_time(expression, article.date)
    return None


def _with_preposition(ent: Span) -> str:
    doc = ent.doc
    if ent.start > 0 and doc[ent.start - 1].lower_ in {"on", "in", "since", "last", "this"}:
        return doc[ent.start - 1 : ent.end].text
    return ent.text
