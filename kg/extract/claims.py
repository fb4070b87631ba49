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

import re
from collections.abc import Iterable, Iterator, Mapping

from spacy.tokens import Doc, Token

from kg import lexicon
from kg.extract.confidence import CONFIDENCE
from kg.extract.syntax import (
    PLACE_PREPS,
    STRIP,
    Cover,
    attack_cause,
    clause,
    governing_clauses,
    is_attack_noun,
    nominal_agent_heads,
    sentence_of,
    speaker_of,
)
from kg.extract.tokens import tokens_where
from kg.rdf.ontology import narrower
from kg.records import Actor, Affiliation, Allegation, Article, Denial, Mention, Statement
from kg.resolve import cameo, gazetteer

_ACCOMPLICE_HEADS = {"supervision", "help", "support", "backing", "orders", "order", "direction", "assistance",
                     "command", "instructions"}
#: subjects that stand for whom their "of" names: "the name of X is behind this attack", "the hand of X"
_PROXY_HEADS = {"name", "hand", "hands", "fingerprints", "signature", "footprints"}


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
    accusations: list[Allegation] = []
    for token in tokens_where(doc, "lemma", lexicon.load("accusation_verbs")):
        if article.in_boilerplate(token.idx, token.idx + len(token)):
            continue
        if token.pos_ == "VERB":
            found = _accusation(token, index, article)
            if found:
                accusations.append(found)
                yield found
    for st in statements:
        # "X accused the M23 of breaching a cease-fire, saying that they killed 50": "they" are the accused
        accused = [m for al in accusations if al.sentence == st.sentence and index.actors[al.accuser]
                   is index.actors[st.speaker_mention] for m in al.accused]
        found = _alleged_in_statement(doc, st, index, article, accused)
        if found:
            yield found
    yield from _nominal_claims(doc, article, index)


def _accusation(verb: Token, index: _Index, article: Article) -> Allegation | None:
    """ "X accused Y of Z", "a report accusing Y of Z", "Y was accused by X of Z"."""
    lemma = verb.lemma_.lower()
    if lemma == "hold" and not any(t.lower_ in ("responsible", "accountable") for c in verb.children
                                   for t in (c, *c.subtree)):
        return None
    accused_tokens: list[Token] = []
    accuser = None
    rule = "allegation:accusation-verb"
    passive = any(c.dep_ == "nsubjpass" for c in verb.children)
    for child in verb.children:
        if child.dep_ == "dobj" or (passive and child.dep_ == "nsubjpass"):
            if child.lower_ in {"who", "whom", "that", "which"} and verb.dep_ == "relcl":
                child = verb.head  # "Galarraga, who they suspected of ...": the one the clause is about
            accused_tokens.extend(_phrase(child))
        if passive and child.dep_ == "agent":
            found = index.named_in(child.subtree)
            accuser = found[0] if found else None
    if not passive:
        speaker = speaker_of(verb, index.by_start, index.people)
        if speaker is None and any(c.dep_ == "nsubj" and c.lower_ in {"they", "it"} for c in verb.children):
            speaker = _main_subject(verb, index)  # "The government offered ... Galarraga, who they suspected"
        if speaker:
            accuser = speaker[0]
            rule = "allegation:accusation-verb" + ("+pronoun" if speaker[1].endswith("+pronoun") else "")
        elif verb.dep_ in {"acl", "relcl"}:  # "a report accusing ...": the report's author accuses
            author = _author_of(verb.head, index)
            if author:
                accuser, rule = author, "allegation:report-accusing"
    on = [c for c in verb.children if c.dep_ == "prep" and c.lower_ == "on"] if lemma == "blame" else []
    if lemma == "blame" and not on:  # "blamed the deaths in Kishishe on ...": the parser hangs "on" on the object
        on = [c for d in verb.children if d.dep_ == "dobj" for c in d.children if c.dep_ == "prep" and c.lower_ == "on"]
    if on:  # "blamed the deaths on Rwandan forces": the object is the act, "on" names the accused
        skip = {t for p in on for t in p.subtree}
        act_tokens = sorted((t for t in _phrase(next(iter(c for c in verb.children if c.dep_ == "dobj"), on[0]))
                             if t not in skip), key=lambda t: t.i)
        accused_tokens = [t for p in on for t in p.subtree]
        accused = [m for m in index.named_in(accused_tokens) if m is not accuser]
        preps = []
    else:
        accused = [m for m in index.named_in(accused_tokens) if m is not accuser]
        # "accusing X of Z": the prep hangs on the verb or, as the parser often has it, on the accused or on
        # "responsible" ("held X responsible for Z")
        # "identified X as the man who rented the truck used in the bombing": who did a wrong (checked below)
        preps = [c for c in verb.children if c.dep_ == "prep" and c.lower_ in (
            {"as"} if lemma == "identify" else {"of", "for", "over"})]
        if not preps and lemma in {"accuse", "charge", "hold", "blame", "suspect"}:
            preps = [c for h in verb.children if h.dep_ in {"dobj", "nsubjpass", "oprd", "acomp", "ccomp"}
                     for c in h.subtree if c.dep_ == "prep" and c.lower_ in {"of", "for"}
                     and c.head.lower_ not in {"one", "some", "many", "most", "all", "each"}
                     and index.cover.first(c) is None]  # (not the "of" of "Islamic State of Iraq")
        act_tokens = sorted(preps[0].subtree, key=lambda t: t.i) if preps else []
    accused = [m for m in accused if not any(t.idx == m.start for t in act_tokens)]
    if accuser and accused and not act_tokens and lemma in {"blame", "accuse", "suspect", "hold"} \
            and act_type(verb.sent.text) is not None:
        # "who carried out the slayings ..., though locals have blamed IS and the Assad regime": the wrong its
        # sentence names
        act_tokens = [t for t in verb.sent if not t.is_space]
        preps = []
    if not accuser or not accused or not act_tokens:
        return None
    act = _text(act_tokens[1:] if preps else act_tokens) or _text(act_tokens)
    if not act or (lemma == "identify" and act_type(act) is None):
        return None  # "identified him as a journalist": no wrong
    # "blamed X for the attack", "blamed the deaths on X", "held X responsible for the bombing": the deed is told as
    # having happened, its doer alleged; "accused X of shelling": the deed itself is the accuser's claim
    named_deed = [c for p in preps[:1] if p.lower_ == "for" for c in p.children if c.dep_ == "pobj"]
    as_fact = bool(on) or not preps or any(c.pos_ in {"NOUN", "PROPN"} and c.tag_ != "VBG" for c in named_deed)
    sent = verb.sent
    return Allegation(article.article_id, accuser, tuple(accused), act, act_type(act), verb.text, verb.idx,
                      act_tokens[0].idx, act_tokens[-1].idx + len(act_tokens[-1]), sentence_of(sent, article),
                      rule, CONFIDENCE[rule], act_as_fact=as_fact and lemma != "identify")


def _main_subject(verb: Token, index: _Index) -> tuple[Mention, str, float] | None:
    """For a pronoun subject in a clause hanging on another, the named subject of the nearest verb it hangs on
    ("the Kurdistan regional government has facilitated ... to combat the PKK, which it accuses of ...")."""
    node = verb
    while node.head != node:
        node = node.head
        if node.pos_ not in {"VERB", "AUX"}:
            continue
        found = [m for c in node.children if c.dep_ == "nsubj" and c.pos_ != "PRON"
                 for m in index.named_in(c.subtree)]
        if found:
            rule = "allegation:accusation-verb+pronoun"
            return found[0], rule, CONFIDENCE[rule]
    return None


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


def _alleged_in_statement(doc: Doc, st: Statement, index: _Index, article: Article,
                          accused_before: list[Mention] = ()) -> Allegation | None:
    """A reported claim with a clause saying an actor did wrong: the speaker accuses that actor. A claim that an
    actor "was responsible" or "is behind" something accuses it of that."""
    if act_type(st.content) is None and not _RESPONSIBLE.search(st.content):
        return None
    if st.cue_lemma.lower() in lexicon.load("denial_verbs"):
        return None  # "denied that Turkey had shelled villages": what is denied is not alleged
    span = doc.char_span(st.start, st.end, alignment_mode="expand")
    if span is None:
        return None
    accused, acts = _wrongdoings(list(span), span, index, index.actors[st.speaker_mention], accused_before)
    if not accused:
        return None
    act, kind, start, end = acts[0]
    rule = "allegation:reported-claim"
    # "said the government was responsible for that attack": the attack happened, its author is alleged
    return Allegation(article.article_id, st.speaker_mention, tuple(accused), act, kind, st.cue, st.cue_start,
                      start, end, st.sentence, rule, min(st.confidence, CONFIDENCE[rule]),
                      act_as_fact=bool(_RESPONSIBLE.search(act)))


#: lemmas of the nouns of others' claims
_CLAIM_LEMMAS = {"claim", "report", "allegation", "accusation", "charge", "rumour", "rumor", "suggestion"}


def _in_doubt(verb: Token) -> bool:
    """A clause said in doubt, not as a claim: "whether" or "if" opens it ("could not determine whether Russia or the
    Syrian government was behind the attack"), a negated verb governs it, or it is what claims looked into say
    ("will investigate claims that ...": ``inquiry_verbs.txt``)."""
    chain = governing_clauses(verb)
    if any(c.dep_ == "mark" and c.lower_ in {"whether", "if"} for node in chain[:3] for c in node.children) \
            or any(_negated(node) for node in chain[1:]):
        return True
    # "will investigate claims that the army used ...", "would probe reports fighters committed ...": the claims
    # of others looked into (the noun the clause hangs on, or, parsed apart, the one right before it)
    inquiry = lexicon.load("inquiry_verbs")
    nouns = [node.head for node in chain[:3] if node.dep_ in {"acl", "relcl"}]
    before = verb.left_edge.i - 1
    while before >= 0 and verb.doc[before].dep_ == "mark":
        before -= 1
    if before >= 0:
        nouns.append(verb.doc[before])
    return any(n.lemma_.lower() in _CLAIM_LEMMAS and n.dep_ == "dobj" and n.head.lemma_.lower() in inquiry
               for n in nouns)


def _wrongdoings(tokens: list[Token], span, index: _Index, claimant: Actor, accused_before: Iterable[Mention] = ()
                 ) -> tuple[list[Mention], list[tuple[str, str, int, int]]]:
    """The actors the clauses among ``tokens`` say did wrong, and the acts (text, type, start, end): a verb that can
    state a wrongdoing, not negated, whose clause names one, with a doer not on the claimant's side."""
    accused: list[Mention] = []
    acts: list[tuple[str, str, int, int]] = []
    for verb in tokens:
        if verb.pos_ not in {"VERB", "AUX"} or _negated(verb) or not _acts(verb) or _in_doubt(verb):
            continue
        words = clause(verb, span)
        kind = act_type(_text(words)) if words else None
        if kind is None and verb.lemma_.lower() == "be" and _acts(verb):
            kind = act_type(verb.sent.text) or "attack"  # "ETA were responsible", "X is behind this attack"
        if kind in narrower("killing") | narrower("attack") and _combatants(verb, index):
            continue  # "the army killed 70 IS fighters", "struck a rebel depot": a report of combat, not an accusation
        doers = _doers(verb, words, index)
        if not doers and accused_before and any(c.dep_ == "nsubj" and c.lower_ in {"they", "it"}
                                                for c in verb.children):
            doers = list(accused_before)
        cause = attack_cause(verb, any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children))
        if cause is not None and not is_attack_noun(cause):
            cause = None  # "killed in Israel's military campaign": a war's toll, not a wrong alleged
        if not doers and cause is not None:  # "An Israeli strike killed 10": who made the strike
            doers = [m for m in _named(nominal_agent_heads(cause), index) if index.actors[m].entity_type != "Group"]
            kind = kind or "attack"
            words = [t for t in span if min(cause.left_edge.i, words[0].i) <= t.i <= max(
                cause.right_edge.i, words[-1].i)]
        doers = [m for m in doers if not _same_side(index.actors[m], claimant) and not index.actors[m].is_place
                 and index.actors[m].label.lower() not in lexicon.load("victim_nouns")]
        if kind and doers:
            accused.extend(m for m in doers if all(index.actors[m] is not index.actors[a] for a in accused))
            acts.append((_text(words), kind, words[0].idx, words[-1].idx + len(words[-1])))
    return accused, acts


#: nouns of a claim whose "that" clause says what was claimed ("the Taliban's claims that air strikes by
#: Pakistani forces killed 10", "accusations that the army shelled ...")
_CLAIM_NOUNS = {"claim", "claims", "allegation", "allegations", "accusation", "accusations", "charge", "charges"}


def _nominal_claims(doc: Doc, article: Article, index: _Index) -> Iterator[Allegation]:
    """ "claims by the Taliban that air strikes by Pakistani forces killed 10", "Israel's claim that ...": the
    claimant (the noun's owner, a name before it, or its "by") accuses the actors its clause says did wrong."""
    for noun in doc:
        if noun.lower_ not in _CLAIM_NOUNS or noun.pos_ != "NOUN":
            continue
        if article.in_boilerplate(noun.idx, noun.idx + len(noun)):
            continue
        clauses = [c for c in noun.children if c.dep_ in {"acl", "ccomp", "relcl", "appos"}
                   and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)]
        if not clauses:
            continue
        owners = [t for c in noun.children if c.dep_ in {"poss", "compound"} for t in c.subtree]
        owners += [t for c in noun.children if c.dep_ == "prep" and c.lower_ == "by" for t in c.subtree]
        claimant = index.named_in(owners)
        if not claimant:
            continue
        tokens = [t for c in clauses for t in c.subtree]
        span = doc[min(t.i for t in tokens): max(t.i for t in tokens) + 1]
        accused, acts = _wrongdoings(tokens, span, index, index.actors[claimant[0]])
        accused = [m for m in accused if index.actors[m] is not index.actors[claimant[0]]]
        if not accused:
            continue
        act, kind, start, end = acts[0]
        rule = "allegation:nominal-claim"
        yield Allegation(article.article_id, claimant[0], tuple(accused), act, kind, noun.text, noun.idx, start, end,
                         sentence_of(noun.sent, article), rule, CONFIDENCE[rule])


#: CAMEO codes of a state's forces named without their state ("the military", "the police")
_STATELESS_FORCES = frozenset({"MIL", "COP", "SPY"})


def _same_side(doer: Actor, speaker: Actor) -> bool:
    """A speaker reporting its own side's deed ("the Israeli military said its forces struck ...", Russia on
    Russian forces) reports, it does not accuse: the same actor; a state's body and its state, by their names,
    their CAMEO codes ("Assad said Syrian warplanes bombed ...") or a state's own news agency
    (``state_media.txt``: "SANA said army units struck ..."); or a state's forces named without their state in the
    words of a state's officials ("U.S. officials said the military fired ...")."""
    if doer is speaker:
        return True
    state_media = lexicon.load_mapping("state_media")
    speaker_state = next((state_media[n.lower()] for n in (speaker.label, *speaker.aliases)
                          if n.lower() in state_media), None)
    states = {gazetteer.state_in(doer.label) or gazetteer.state_name(doer.label),
              speaker_state or gazetteer.state_in(speaker.label) or gazetteer.state_name(speaker.label)}
    if len(states) == 1 and None not in states:
        return True
    # "Assad said Syrian warplanes bombed ...": the state a speaker's CAMEO code says it acts for is the doer's
    spoken_for = cameo.acts_for_state(speaker.code) if speaker.code else None
    if spoken_for and spoken_for in {gazetteer.state_name(doer.label), gazetteer.state_in(doer.label),
                                     cameo.acts_for_state(doer.code) if doer.code else None}:
        return True
    # "U.S. officials said the military fired ...": a state's own people speak of its forces unqualified
    return doer.code in _STATELESS_FORCES and (speaker_state is not None or bool(speaker.code) and cameo.acts_for_state(
        speaker.code) is not None)


def _combatants(verb: Token, index: _Index | None = None) -> bool:
    """The verb's victims are fighters or what fighters hold ("killed 18 ISIL commanders", "killed 50 terrorists",
    "a rebel weapons depot struck by Syrian bombs", "stormed the group's strongholds": ``military_sites.txt``;
    "killed key Daesh ministers", "targeted ISIS sites": what an armed group the article names owns), or the
    verb's toll is ("targeted the sites, killing 71 terrorists")."""
    objects = [c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}]
    if verb.tag_ == "VBG" and verb.dep_ in {"advcl", "xcomp", "conj", "acl"} and verb.head != verb:
        # "carried out strikes on IS positions, killing nine": the toll of combat
        head = verb.head
        if head.pos_ == "VERB" and _combatants(head, index) or head.pos_ in {"NOUN", "PROPN"} and (
                head.lower_ in lexicon.load("military_sites")
                or head.lemma_.lower() in lexicon.load("combatant_nouns")):
            return True
    if verb.dep_ == "acl" and not objects:
        objects = [verb.head]  # "a depot struck by ...": what the participle says was struck
    # "carried out strikes on IS positions", "fired on rebel positions": what the attack was aimed at
    objects += [t for o in (verb, *objects) for prep in o.children if prep.dep_ == "prep"
                and prep.lower_ in {"on", "against"} for p in prep.children if p.dep_ == "pobj"
                for t in (p, *(c for c in p.children if c.dep_ in {"attr", "appos"}))]  # "IS [is] positions"
    if _held_by_fighters(objects, index):
        return True
    # "targeted the sites ..., killing 71 terrorists": the toll its participle counts
    tolls = [c for c in verb.children if c.tag_ == "VBG" and c.dep_ in {"advcl", "xcomp", "conj"}]
    return any(_held_by_fighters([o for o in t.children if o.dep_ in {"dobj", "nsubjpass"}], None) for t in tolls)


def _held_by_fighters(objects: list[Token], index: _Index | None) -> bool:
    combatants = lexicon.load("combatant_nouns")
    sites = lexicon.load("military_sites")
    for o in objects:
        for t in (o, *o.conjuncts):
            if t.lemma_.lower() in combatants or t.lower_ in sites:
                return True
            for m in t.children:
                if m.dep_ in {"amod", "compound"} and m.lemma_.lower() in combatants:
                    return True
                if index is not None and m.dep_ == "compound" and t.lower_ in lexicon.load("armed_group_assets"):
                    owner = index.cover.first(m)
                    if owner is not None and index.actors[owner].entity_type == "ArmedGroup" \
                            and cameo.acts_for_state(index.actors[owner].code) is None:
                        return True  # "key Daesh ministers", "ISIS sites" (not "Syrian army" property: a state's)
    return False


#: verbs of acts whose wrong is in what they act on ("moved stocks of poison gas", "used nerve gas")
_TRANSITIVE_ACTS = {"move", "carry", "use", "deploy", "supply", "hide", "disperse", "stockpile", "arm", "drop"}
#: what one is "hit with" that is no blow
_PENALTIES = {"fine", "sanction", "penalty", "ban", "tariff", "charge", "lawsuit", "suit", "subpoena", "indictment"}


def _acts(verb: Token) -> bool:
    """A verb that can state a wrongdoing: "used", "carried out", "killed", or "be responsible for"."""
    lemma = verb.lemma_.lower()
    if lemma in lexicon.load("act_verbs"):
        if lemma in _TRANSITIVE_ACTS and not any(c.dep_ in {"dobj", "nsubjpass", "auxpass"} for c in verb.children):
            return False  # "forces moved closer to the lines": moving nothing is no deed
        if any(p.lemma_.lower() in _PENALTIES for c in verb.children if c.dep_ == "prep" and c.lower_ == "with"
               for p in c.children):
            return False  # "Google hit with a fine": a penalty, not a blow
        return True
    return verb.lemma_.lower() == "be" and any(c.lower_ in {"responsible", "behind", "accountable", "culpable"}
                                               for c in verb.children)


_RESPONSIBLE = re.compile(r"\b(responsible|behind|accountable|culpable)\b", re.IGNORECASE)


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
        if child.dep_ == "nsubj" and not (verb.dep_ == "pcomp" and verb.head.lower_ in PLACE_PREPS):
            # (not "... attacks on the village in north [Syria killing] one civilian": a place the parser made a
            # subject)
            heads.append(child)
            heads.extend(c for c in child.conjuncts)
        elif child.dep_ == "agent":
            heads.extend(_agent_heads(child))
    if not heads and verb.dep_ == "conj" and verb.head.pos_ in {"VERB", "AUX"}:  # "bound 11 villagers and burned"
        heads = [c for c in verb.head.children if c.dep_ == "nsubj"]
    heads += [p for h in heads if h.lower_ in _PROXY_HEADS for c in h.children if c.dep_ == "prep" and c.lower_ == "of"
              for p in c.children if p.dep_ == "pobj"]  # "the name of Juan Manuel Santos is behind this attack"
    tokens: list[Token] = []
    for head in heads:
        tokens.append(head)
        tokens.extend(t for t in head.subtree if t.dep_ in {"compound", "poss", "amod"} and t.head == head
                      or t.head.dep_ == "poss" and t.head.head == head)
    for token in words:
        if token.lower_ in _ACCOMPLICE_HEADS and not (token.dep_ == "pobj" and token.head.lower_ == "in"):
            # (not "jets acting in support of the regime's forces": those are whom they helped)
            for child in token.children:
                if child.dep_ == "prep" and child.lower_ == "of":
                    tokens.extend(child.subtree)
    doc = verb.doc
    # (not the X of "the anti-X coalition")
    return [m for m in _covering(tokens, index)
            if not doc.text[max(0, m.start - 8):m.start].replace(" ", "").lower().endswith("anti-")]


def _named(heads: list[Token], index: _Index) -> list[Mention]:
    """The actor mentions covering ``heads`` (with their conjuncts) and their modifiers and owners, once each, in
    text order."""
    heads = [c for h in heads for c in (h, *h.conjuncts)]  # "Syrian or Russian air raids": both
    return _covering([t for h in heads for t in (h, *h.children) if t is h or t.dep_ in {"compound", "amod", "poss"}],
                     index)


def _covering(tokens: list[Token], index: _Index) -> list[Mention]:
    """The actor mentions covering ``tokens``, one per actor, in text order."""
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


def extract_denials(doc: Doc, article: Article, actors: Mapping[Mention, Actor],
                    affiliations: Iterable[Affiliation] = (), statements: Iterable[Statement] = ()) -> Iterator[Denial]:
    """Denials of allegations: a verb of denying (``denial_verbs``) whose object is an allegation ("denied the
    accusations", "rejected the report as biased", "denied any involvement") or a denied clause ("denied it had
    launched strikes"), wherever the verb stands: "X denied", "a charge denied by Hamas", "charges the group
    denies", "a statement denying responsibility", "..., rejecting the claims". A statement whose content says the
    speaker's side did not do a wrong ("Moscow says it does not target civilians") is a denial too.

    The defended party is whoever the allegation is against ("accusations against X"), else the doer of the
    denied clause (a pronoun is the denier), else the denier and the side it speaks for ("Kanyuka, M23's
    spokesman, denied involvement" defends M23).
    """
    index = _Index(actors)
    sides: dict[Mention, list[Mention]] = {}
    for af in affiliations:
        if af.member in actors and af.organization in actors and not actors[af.organization].is_place:
            sides.setdefault(af.member, []).append(af.organization)
    nouns = lexicon.load("accusation_nouns")
    seen: set[int] = set()
    for token in tokens_where(doc, "lemma", lexicon.load("denial_verbs")):
        if token.pos_ != "VERB" or article.in_boilerplate(token.idx, token.idx + len(token)):
            continue
        found = _denial(token, index, nouns, sides, article)
        if found is not None and found.cue_start not in seen:
            seen.add(found.cue_start)
            yield found
    for st in statements:  # "Moscow, which says it does not deliberately target civilians"
        found = _denied_in_statement(doc, st, index, sides, article)
        if found is not None and found.cue_start not in seen:
            seen.add(found.cue_start)
            yield found


_SELF = {"it", "its", "they", "their", "we", "our", "he", "his", "she", "her", "i", "my"}


def _denier(verb: Token, index: _Index) -> tuple[Mention, float] | None:
    """Who denies: the verb's subject, the agent of "denied by X", the one whose statement or answer denies
    ("ETA issued a statement denying ...", "..., rejecting the claims")."""
    speaker = speaker_of(verb, index.by_start, index.people)
    if speaker:
        return speaker[0], speaker[2]
    for child in verb.children:
        if child.dep_ == "agent":
            found = index.named_in(child.subtree)
            if found:
                return found[0], CONFIDENCE["denial:report-answer"]
    if verb.dep_ in {"acl", "relcl"}:
        if verb.head.lower_ in {"statement", "statements", "communique", "response", "reply", "letter"}:
            author = _author_of(verb.head, index)
            if author:
                return author, CONFIDENCE["denial:report-answer"]
    if verb.dep_ in {"advcl", "xcomp", "conj", "acl"} and verb.head.pos_ in {"VERB", "AUX"}:
        speaker = speaker_of(verb.head, index.by_start, index.people)
        if speaker:
            return speaker[0], CONFIDENCE["denial:participle"]
    return None


def _denial(verb: Token, index: _Index, nouns: frozenset[str], sides, article: Article) -> Denial | None:
    denier = _denier(verb, index)
    if denier is None:
        return None
    objects = [c for c in verb.children if c.dep_ in {"dobj", "ccomp", "nsubjpass"}]
    if not objects and verb.dep_ in {"relcl", "acl", "ccomp"} and verb.head.lower_ in nouns:
        objects = [verb.head]  # "charges the group denies", "a charge denied by Hamas" (the parser may make
        # "charges" a verb: "X accuse Y of Z — charges the group and Tehran deny")
    if not objects:
        return None
    obj = objects[0]
    if obj.lower_ in {"which", "that", "what"} and verb.dep_ == "relcl":
        obj = verb.head  # "The report, which Israel rejected as biased"
    if obj.dep_ != "ccomp" and obj.lower_ not in nouns and not any(t.lower_ in nouns for t in obj.children):
        return None
    mention, confidence = denier
    defended: list[Mention] = []
    if obj.dep_ == "ccomp":  # "denied it had launched strikes": who did it, a pronoun being the denier
        defended = _denied_doers(obj, mention, index)
    else:
        for t in obj.subtree:
            if t.lower_ == "against" and t.dep_ == "prep" and t.head == obj:
                defended = index.named_in(t.subtree)
                break
        if not defended:  # "Taliban claims that its air strikes killed 10": the clause inside the claim
            clauses = [c for c in obj.children if c.dep_ in {"acl", "ccomp", "relcl"} and c != verb]
            accusing = [c for c in clauses if c.lemma_.lower() in lexicon.load("accusation_verbs")]
            if accusing:  # "X accuse the Houthis of being proxies of Iran, charges the group denies": the accused
                defended = [m for c in accusing for d in c.children if d.dep_ in {"dobj", "nsubjpass"}
                            for m in index.named_in(_phrase(d))]
            elif clauses:
                defended = _denied_doers(clauses[0], mention, index)
    if not defended:
        defended = [mention, *sides.get(mention, [])]
    span = verb.doc[obj.left_edge.i : obj.right_edge.i + 1] if obj != verb.head else verb.doc[
        obj.left_edge.i : obj.i + 1]
    return Denial(article.article_id, mention, tuple(dict.fromkeys(defended)), act_type(span.text), verb.text,
                  verb.idx, span.start_char, span.end_char, sentence_of(verb.sent, article), "denial:verb", confidence)


def _denied_doers(verb: Token, denier: Mention, index: _Index) -> list[Mention]:
    """The actors a denied clause says acted; "it", "its", "they" are the denier. A denied claim ("denies
    Taliban claims that its air strikes killed 10") is about what the claim says."""
    inner = [c for c in verb.children if c.dep_ == "ccomp"]
    if inner and verb.lemma_.lower() in lexicon.reporting_cues() | lexicon.load("accusation_verbs"):
        return _denied_doers(inner[0], denier, index)
    subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass", "agent"}]
    if any(t.lower_ in _SELF for s in subjects for t in (s, *s.children) if t.dep_ in {"nsubj", "poss", "nsubjpass"}
           or t is s):
        return [denier]
    return _doers(verb, list(verb.subtree), index)


def _denied_in_statement(doc: Doc, st: Statement, index: _Index, sides, article: Article) -> Denial | None:
    """A statement that its speaker's side did not do a wrong: "it does not deliberately target civilians",
    "it has never targeted civilian populations"."""
    span = doc.char_span(st.start, st.end, alignment_mode="expand")
    if span is None:
        return None
    for verb in span:
        if verb.pos_ not in {"VERB", "AUX"} or not _negated(verb) or not _acts(verb):
            continue
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        if not subjects or subjects[0].lower_ not in _SELF:
            continue
        words = clause(verb, span)
        kind = act_type(_text(words))
        if kind is None:
            continue
        defended = [st.speaker_mention, *sides.get(st.speaker_mention, [])]
        return Denial(article.article_id, st.speaker_mention, tuple(defended), kind, st.cue, st.cue_start,
                      words[0].idx, words[-1].idx + len(words[-1]), st.sentence, "denial:negated-claim",
                      min(st.confidence, CONFIDENCE["denial:negated-claim"]))
    return None
