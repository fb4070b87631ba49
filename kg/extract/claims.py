"""Stage: nlp doc + actors -> allegations and denials.

An allegation is found where
* a verb of accusing has an accuser and an accused: "HRW accused pro-Assad forces of
  executing 248 people", "a report blaming the army for the massacre" (the report's author
  accuses);
* a reported claim describes a wrongdoing by an actor: "Razek said that the Syrian military
  used nerve gas" (the speaker accuses the clause's subject, and whoever it acted "under the
  supervision of", "with the help of" or "on the orders of").

A denial is found where a verb of denying has a denier and an allegation as its object ("rejected
the accusations against his country") or a denied clause ("denied that its forces used ...").
Word lists are data: ``accusation_verbs``, ``denial_verbs``, ``accusation_nouns``, ``offences``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

from spacy.tokens import Doc, Token

from kg import lexicon
from kg.extract.confidence import CONFIDENCE
from kg.extract.syntax import STRIP, Cover, clause, sentence_of, speaker_of
from kg.extract.tokens import tokens_where
from kg.rdf.ontology import narrower
from kg.records import Actor, Allegation, Article, Denial, Mention, Statement

_ACCOMPLICE_HEADS = {"supervision", "help", "support", "backing", "orders", "order", "direction", "assistance",
                     "command", "instructions"}


def act_type(text: str) -> str | None:
    """The kind of wrongdoing a clause names (an event-type id), or None if it names none.

    >>> act_type("the army used nerve gas against protesters"), act_type("the talks went well")
    ('chemical-attack', None)
    """
    lowered = " " + " ".join(text.lower().split()) + " "
    for phrase, kind in lexicon.ordered_mapping("offences"):
        if f" {phrase} " in lowered or f" {phrase}," in lowered or f" {phrase}." in lowered:
            return kind
    return None


class _Index:
    def __init__(self, actors: Mapping[Mention, Actor]) -> None:
        self.actors = actors
        self.by_start = {m.start: m for m in actors if not actors[m].is_place}
        self.people = sorted((m for m in actors if actors[m].entity_type == "Person"), key=lambda m: m.start)
        self.cover = Cover(self.by_start.values())

    def named_in(self, tokens: Iterable[Token]) -> list[Mention]:
        """Every actor mention starting in ``tokens``, in text order, without repeats of one actor."""
        found: list[Mention] = []
        for t in tokens:
            m = self.by_start.get(t.idx)
            if m and all(self.actors[m] is not self.actors[f] for f in found):
                found.append(m)
        return found


def extract_allegations(doc: Doc, article: Article, actors: Mapping[Mention, Actor],
                        statements: Iterable[Statement]) -> Iterator[Allegation]:
    """Allegations made with verbs of accusing, and allegations inside reported claims."""
    index = _Index(actors)
    for token in tokens_where(doc, "lemma", lexicon.load("accusation_verbs")):
        if article.in_boilerplate(token.idx, token.idx + len(token)):
            continue
        if token.pos_ == "VERB":
            found = _accusation(token, index, article)
            if found:
                yield found
    for st in statements:
        found = _alleged_in_statement(doc, st, index, article)
        if found:
            yield found


def _accusation(verb: Token, index: _Index, article: Article) -> Allegation | None:
    """ "X accused Y of Z", "a report accusing Y of Z", "Y was accused by X of Z"."""
    if verb.lemma_.lower() == "hold" and not any(c.lower_ == "responsible" for c in verb.children):
        return None
    accused_tokens: list[Token] = []
    accuser = None
    rule = "allegation:accusation-verb"
    passive = any(c.dep_ == "nsubjpass" for c in verb.children)
    for child in verb.children:
        if child.dep_ == "dobj" or (passive and child.dep_ == "nsubjpass"):
            accused_tokens.extend(_phrase(child))
        if passive and child.dep_ == "agent":
            found = index.named_in(child.subtree)
            accuser = found[0] if found else None
    if not passive:
        speaker = speaker_of(verb, index.by_start, index.people)
        if speaker:
            accuser, rule = speaker[0], "allegation:accusation-verb"
        elif verb.dep_ in {"acl", "relcl"}:  # "a report accusing ...": the report's author accuses
            author = _author_of(verb.head, index)
            if author:
                accuser, rule = author, "allegation:report-accusing"
    accused = [m for m in index.named_in(accused_tokens) if m is not accuser]
    # "accusing X of Z": the prep hangs on the verb or, as the parser often has it, on the accused
    preps = [c for c in verb.children if c.dep_ == "prep" and c.lower_ in {"of", "for", "over"}]
    if not preps and verb.lemma_.lower() in {"accuse", "charge"}:
        preps = [c for h in verb.children if h.dep_ in {"dobj", "nsubjpass"} for c in h.children
                 if c.dep_ == "prep" and c.lower_ == "of"]
    act_tokens = sorted(preps[0].subtree, key=lambda t: t.i) if preps else []
    accused_tokens = [t for t in accused_tokens if t not in set(act_tokens)]
    if not accuser or not accused or not act_tokens:
        return None
    act = _text(act_tokens[1:] or act_tokens)
    if not act:
        return None
    sent = verb.sent
    return Allegation(article.article_id, accuser, tuple(accused), act, act_type(act), verb.text, verb.idx,
                      act_tokens[0].idx, act_tokens[-1].idx + len(act_tokens[-1]), sentence_of(sent, article),
                      rule, CONFIDENCE[rule])


def _author_of(noun: Token, index: _Index) -> Mention | None:
    """Who made a report: its possessor, or the subject of the verb it is the object of ("HRW published a report")."""
    for child in noun.children:
        if child.dep_ == "poss":
            found = index.named_in(child.subtree)
            if found:
                return found[0]
    if noun.dep_ in {"dobj", "nsubjpass"} and noun.head.pos_ in {"VERB", "AUX"}:
        speaker = speaker_of(noun.head, index.by_start, index.people)
        if speaker:
            return speaker[0]
        for child in noun.head.children:
            if child.dep_ == "agent":
                found = index.named_in(child.subtree)
                if found:
                    return found[0]
    return None


def _alleged_in_statement(doc: Doc, st: Statement, index: _Index, article: Article) -> Allegation | None:
    """A reported claim with a clause saying an actor did wrong: the speaker accuses that actor."""
    if act_type(st.content) is None:
        return None
    span = doc.char_span(st.start, st.end, alignment_mode="expand")
    if span is None:
        return None
    accused: list[Mention] = []
    acts: list[tuple[str, str, int, int]] = []
    for verb in span:
        if verb.pos_ not in {"VERB", "AUX"} or _negated(verb) or not _acts(verb):
            continue
        words = clause(verb, span)
        kind = act_type(_text(words)) if words else None
        if kind in narrower("killing") and _combatants(verb):
            continue  # "the army killed 70 IS fighters": a report of combat, not an accusation
        doers = [m for m in _doers(verb, words, index) if index.actors[m] is not index.actors[st.speaker_mention]]
        if kind and doers:
            accused.extend(m for m in doers if all(index.actors[m] is not index.actors[a] for a in accused))
            acts.append((_text(words), kind, words[0].idx, words[-1].idx + len(words[-1])))
    if not accused:
        return None
    act, kind, start, end = acts[0]
    rule = "allegation:reported-claim"
    return Allegation(article.article_id, st.speaker_mention, tuple(accused), act, kind, st.cue, st.cue_start,
                      start, end, st.sentence, rule, min(st.confidence, CONFIDENCE[rule]))


def _combatants(verb: Token) -> bool:
    """The verb's victims are fighters ("killed 18 ISIL commanders", "killed 50 terrorists")."""
    objects = [c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}]
    return any(t.lemma_.lower() in lexicon.load("combatant_nouns") for o in objects
               for t in (o, *o.conjuncts))


def _acts(verb: Token) -> bool:
    """A verb that can state a wrongdoing: "used", "carried out", "killed", or "be responsible for"."""
    if verb.lemma_.lower() in lexicon.load("act_verbs"):
        return True
    return verb.lemma_.lower() == "be" and any(c.lower_ == "responsible" for c in verb.children)


def _agent_heads(agent: Token) -> list[Token]:
    """Who a passive's "by" names: its object, or, for "by airstrikes carried out by X", X."""
    heads = [c for c in agent.children if c.dep_ == "pobj"]
    for head in list(heads):
        for child in head.children:
            if child.dep_ in {"acl", "relcl"}:
                heads.extend(p for a in child.children if a.dep_ == "agent" for p in a.children if p.dep_ == "pobj")
    return heads


def _negated(verb: Token) -> bool:
    """ "did not use", "can no longer use"."""
    for child in verb.children:
        if child.dep_ == "neg" or child.lower_ in {"never", "no"}:
            return True
        if child.lower_ == "longer" and any(g.lower_ == "no" for g in child.children):
            return True
    return False


def _doers(verb: Token, words: list[Token], index: _Index) -> list[Mention]:
    """The actors a clause says acted: the actor its subject names (an owner included: "Assad's forces"),
    the agent of a passive, and those it acted under the supervision / with the help / on the orders of."""
    heads: list[Token] = []
    for child in verb.children:
        if child.dep_ == "nsubj":
            heads.append(child)
            heads.extend(c for c in child.conjuncts)
        elif child.dep_ == "agent":
            heads.extend(_agent_heads(child))
    tokens: list[Token] = []
    for head in heads:
        tokens.append(head)
        tokens.extend(t for t in head.subtree if t.dep_ in {"compound", "poss", "amod"} and t.head == head
                      or t.head.dep_ == "poss" and t.head.head == head)
    for token in words:
        if token.lower_ in _ACCOMPLICE_HEADS:
            for child in token.children:
                if child.dep_ == "prep" and child.lower_ == "of":
                    tokens.extend(child.subtree)
    found: list[Mention] = []
    for t in sorted(set(tokens), key=lambda t: t.i):
        m = index.cover.first(t)
        if m and all(index.actors[m] is not index.actors[f] for f in found):
            found.append(m)
    return found


def _phrase(head: Token) -> list[Token]:
    """A noun phrase and its conjuncts, without relative clauses."""
    skip: set[Token] = set()
    for t in head.subtree:
        if t.dep_ in {"relcl", "acl"} and t != head:
            skip.update(t.subtree)
    return [t for t in head.subtree if t not in skip]


def _text(tokens: list[Token]) -> str:
    if not tokens:
        return ""
    doc = tokens[0].doc
    return doc[tokens[0].i : tokens[-1].i + 1].text.strip(STRIP)


def extract_denials(doc: Doc, article: Article, actors: Mapping[Mention, Actor]) -> Iterator[Denial]:
    """Denials of allegations: a verb of denying whose object is an allegation or a denied clause."""
    index = _Index(actors)
    for token in tokens_where(doc, "lemma", lexicon.load("denial_verbs")):
        if token.pos_ != "VERB":
            continue
        if article.in_boilerplate(token.idx, token.idx + len(token)):
            continue
        speaker = speaker_of(token, index.by_start, index.people)
        if not speaker:
            continue
        denier = speaker[0]
        objects = [c for c in token.children if c.dep_ in {"dobj", "ccomp"}]
        if not objects:
            continue
        obj = objects[0]
        nouns = lexicon.load("accusation_nouns")
        if obj.dep_ == "dobj" and obj.lower_ not in nouns and not any(t.lower_ in nouns for t in obj.children):
            continue
        defended: list[Mention] = []
        for t in obj.subtree:
            if t.lower_ == "against" and t.dep_ == "prep":
                defended = index.named_in(t.subtree)
                break
        if not defended and obj.dep_ == "ccomp":
            defended = _doers(obj, list(obj.subtree), index)
        if not defended:
            defended = [denier]
        span = doc[obj.left_edge.i : obj.right_edge.i + 1]
        yield Denial(article.article_id, denier, tuple(defended), act_type(span.text), token.text, token.idx,
                     span.start_char, span.end_char, sentence_of(token.sent, article), "denial:verb", speaker[2])
