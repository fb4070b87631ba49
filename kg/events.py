"""Stage: nlp doc + actors (+ statements, allegations) -> events.

An event is found at a verb of ``kg/lexicons/event_verbs.txt`` ("Russia and China vetoed ...",
"at least 43 people were killed in Syria on Monday", "Putin and Rouhani praised Syria's
decision"). Its participants come from the parse: agents are the subject (or the passive's
agent, or, for "accusing X of executing ...", the accused), targets the object, victims the
groups killed; places are the places and countries it happened "in", "at" or "near"; its time
is a date expression in its clause, resolved against the publication date; casualty figures
are normalised (:mod:`kg.numbers`). An event inside a reported statement is reported by that
statement's speaker.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

from spacy.tokens import Doc, Span, Token

from kg import lexicon
from kg.mentions import sentence_of
from kg.numbers import find_counts
from kg.records import Actor, Allegation, Article, Casualty, Event, Mention, Statement
from kg.timex import resolve_time
from kg.syntax import attack_cause, attack_type, covered, nominal_agents
from kg.tokens import entity_bounds, tokens_where

_KILLING = {"killing", "summary-execution", "mass-killing"}
_PLACE_PREPS = {"in", "at", "near", "across", "outside", "inside", "around", "into", "on"}
_PRONOUNS = {"it", "they", "he", "she", "we"}


def event_verbs(name: str = "event_verbs") -> dict[str, tuple[str, frozenset[str]]]:
    """Lemma (or noun) -> (event type, words its object or phrase must contain, or empty)."""
    table = {}
    for lemma, value in lexicon.load_mapping(name).items():
        kind, _, words = value.partition("|")
        table[lemma] = (kind.strip(), frozenset(words.split()))
    return table


def extract_events(doc: Doc, article: Article, actors: Mapping[Mention, Actor], statements: Iterable[Statement],
                   allegations: Iterable[Allegation]) -> Iterator[Event]:
    """Every event reported in ``doc`` at a verb or noun of the event lexicons."""
    statements = list(statements)
    allegations = list(allegations)
    spans = sorted((m for m in actors), key=lambda m: m.start)
    table = event_verbs()
    for verb in tokens_where(doc, "lemma", table):
        lemma = verb.lemma_.lower()
        if verb.pos_ not in {"VERB"}:
            continue
        if article.in_boilerplate(verb.idx, verb.idx + len(verb)):
            continue
        kind, needs = table[lemma]
        clause = _clause(verb)
        objects = [t for c in verb.children if c.dep_ in {"dobj", "prep", "dative", "attr"} for t in c.subtree]
        if needs and not any(t.lower_ in needs for t in objects):
            continue
        passive = any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children)
        statement = next((s for s in statements if s.start <= verb.idx < s.end), None)
        allegation = next((a for a in allegations if a.start <= verb.idx < a.end), None)
        means = attack_cause(verb, passive)  # "an Israeli strike killed 10", "killed in airstrikes by Russian forces"
        agents = _agents(verb, passive, spans, actors, statement, allegation)
        if means is not None and not agents:
            agents = nominal_agents(means, spans, actors)
        targets = [] if passive else covered([c for c in verb.children if c.dep_ == "dobj"], spans, actors,
                                              owners=True)
        victims: list[Mention] = []
        counts = []
        if kind in _KILLING:
            sufferers = [c for c in verb.children if c.dep_ in ({"nsubjpass"} if passive else {"dobj"})]
            if lemma == "die":
                sufferers = [c for c in verb.children if c.dep_ == "nsubj"]
                agents = []
            victims = [m for m in covered(sufferers, spans, actors) if actors[m].entity_type == "Group"]
            for head in sufferers:
                phrase = doc[head.left_edge.i : head.right_edge.i + 1]
                counts.extend(c for _, _, c in find_counts(phrase.text))
        places = _places(verb, clause, spans, actors)
        when = _time(clause, article)
        sent = verb.sent
        reporter = statement.speaker_mention if statement else None
        if allegation and not reporter:
            reporter = allegation.accuser
        if not (agents or targets or victims or counts or places):
            continue
        if means is not None and kind in _KILLING:  # the attack itself, with its toll: "an Israeli strike killed 10"
            yield Event(
                article_id=article.article_id, event_type=attack_type(means) or "attack", cue=means.text,
                cue_start=means.idx,
                start=clause[0].idx, end=clause[-1].idx + len(clause[-1]), agents=tuple(agents), targets=(),
                victims=tuple(victims), places=tuple(places), time=when,
                casualties=tuple(Casualty(c.value, c.qualifier, c.text, "killed") for c in counts[:1]),
                reported_by=reporter, sentence=sentence_of(sent, article), rule="event:attack-noun+toll",
                confidence=0.5 if allegation else 0.6)
        yield Event(
            article_id=article.article_id, event_type=kind, cue=verb.text, cue_start=verb.idx, start=clause[0].idx,
            end=clause[-1].idx + len(clause[-1]), agents=tuple(agents), targets=tuple(t for t in targets
                                                                                      if t not in agents),
            victims=tuple(victims), places=tuple(places), time=when,
            casualties=tuple(Casualty(c.value, c.qualifier, c.text, "killed") for c in counts[:1]),
            reported_by=reporter, sentence=sentence_of(sent, article),
            rule="event:verb" + ("+allegation" if allegation else ""), confidence=0.5 if allegation else 0.65,
        )
    yield from _noun_events(doc, article, actors, spans, statements)


def _noun_events(doc: Doc, article: Article, actors, spans, statements) -> Iterator[Event]:
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
        agents = covered(owners, spans, actors) if owners else []
        governor = noun.head
        while governor.pos_ not in {"VERB", "AUX"} and governor.head != governor:
            governor = governor.head
        if not agents and governor.pos_ in {"VERB", "AUX"}:
            subjects = [c for c in governor.children if c.dep_ == "nsubj"]
            named = [a for s in subjects for a in s.children if a.dep_ == "appos"]
            agents = covered(named, spans, actors) or covered(subjects, spans, actors)
        targets = [m for p in noun.children if p.dep_ == "prep" and p.lower_ in {"to", "with", "against", "for"}
                   for m in covered([c for c in p.children if c.dep_ == "pobj"], spans, actors)]
        clause = _clause(governor) if governor.pos_ in {"VERB", "AUX"} else phrase
        if not agents:
            continue
        statement = next((s for s in statements if s.start <= noun.idx < s.end), None)
        yield Event(
            article_id=article.article_id, event_type=kind, cue=noun.text, cue_start=noun.idx, start=clause[0].idx,
            end=clause[-1].idx + len(clause[-1]), agents=tuple(agents), targets=tuple(t for t in targets
                                                                                      if t not in agents),
            victims=(), places=tuple(_places(governor, clause, spans, actors)), time=_time(clause, article),
            casualties=(), reported_by=statement.speaker_mention if statement else None,
            sentence=sentence_of(noun.sent, article), rule="event:noun", confidence=0.55,
        )


def _clause(verb: Token) -> list[Token]:
    skip: set[Token] = set()
    for child in verb.children:
        if child.dep_ in {"ccomp", "advcl", "conj", "relcl", "parataxis"} and any(
                g.dep_ in {"nsubj", "nsubjpass"} for g in child.children):
            skip.update(child.subtree)
    return [t for t in verb.subtree if t not in skip]


def _agents(verb: Token, passive: bool, spans, actors, statement: Statement | None,
            allegation: Allegation | None) -> list[Mention]:
    if passive:
        return covered([t for c in verb.children if c.dep_ == "agent" for t in c.children if t.dep_ == "pobj"],
                        spans, actors)
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if not subjects and verb.dep_ == "conj":
        subjects = [c for c in verb.head.children if c.dep_ == "nsubj"]
    if subjects and subjects[0].lower_ in {"who", "that", "which"} and verb.dep_ == "relcl":
        subjects = [verb.head]  # "an officer who defected": the officer
    if subjects and subjects[0].lower_ in _PRONOUNS:
        # "Ukrainian forces killed two civilians when they shelled ...": the subject of the clause it hangs on
        if verb.dep_ in {"advcl", "conj", "relcl", "xcomp"} and verb.head.pos_ in {"VERB", "AUX"}:
            governing = [c for c in verb.head.children if c.dep_ == "nsubj" and c.lower_ not in _PRONOUNS]
            found = covered(governing, spans, actors, owners=True)
            if found:
                return found
        # "Syria announced that it had signed ...": the pronoun is the speaker
        return [statement.speaker_mention] if statement and subjects[0].lower_ in {"it", "they", "we"} else []
    if not subjects and verb.tag_ == "VBG" and verb.dep_ in {"advcl", "xcomp"} and verb.head.pos_ in {"VERB", "AUX"}:
        # "Taliban fighters set off a car bomb ..., killing at least five": who did the act that killed
        subjects = [c for c in verb.head.children if c.dep_ == "nsubj"]
    # "Israel's ambassador, Ron Prosor, condemned ...": the person named in apposition acts
    named = [a for s in subjects for a in s.children if a.dep_ == "appos"]
    found = covered(named, spans, actors) or covered(subjects, spans, actors, owners=True)
    if not found and allegation is not None and not subjects:
        return list(allegation.accused)  # "accusing X of executing ...": X executed
    return found


def _places(verb: Token, clause: list[Token], spans, actors) -> list[Mention]:
    found: list[Mention] = []
    for t in clause:
        if t.dep_ == "prep" and t.lower_ in _PLACE_PREPS:
            for pt in t.subtree:
                for m in spans:
                    if m.start <= pt.idx < m.end and actors[m].entity_type in {"Place", "State"} and m not in found:
                        found.append(m)
    return found


def _time(clause: list[Token], article: Article):
    doc = clause[0].doc
    members = set(t.i for t in clause)
    for start, end in entity_bounds(doc, "DATE"):  # in the order of the text
        if start in members:
            expression = _with_preposition(Span(doc, start, end, label="DATE"))
            return resolve_time(expression, article.date)
    return None


def _with_preposition(ent: Span) -> str:
    doc = ent.doc
    if ent.start > 0 and doc[ent.start - 1].lower_ in {"on", "in", "since", "last", "this"}:
        return doc[ent.start - 1 : ent.end].text
    return ent.text
