"""Stage: nlp doc + actors (+ the other extractors' findings) -> events coded by the CAMEO verb dictionary.

A general verb-phrase event coder, after PETRARCH2: a verb is looked up by its spaCy lemma in the CAMEO verb
dictionary (``kg/lexicons/cameo_verbs.tsv``, converted from PETRARCH2's ``CAMEO.2.0.txt`` by
``scripts/cameo_verbs.py``, MIT licence); the most specific of its patterns that the clause matches (the nouns
before the verb, the nouns and prepositional phrases after it: "RUSH * (TO BORDER)" 154, "STAGE * DEMONSTRATION"
141) gives the CAMEO code, else the verb's own code, else its block's ("---": no event). The event's type is the
scheme's type whose CAMEO code is the longest prefix of that code, and the code is kept on the event
(:class:`kg.records.CodedEvent`).

Who did what to whom: the source is the verb's subject (active) or its by-agent (passive), the target its object,
the object of the preposition the pattern marks with ``+`` ("MEET * (WITH +)"), else of the first preposition
that takes a party ("met with", "called on"), a passive's subject, or the subject of the clause it governs
("demanded that Bashir stand trial"); each an actor mention in that phrase, never a place. A pronoun subject is the
speaker of the statement the verb is reported in, else the subject of the clause it hangs on. An event names both
parties (or two acting together: "Putin and Erdogan met"), as the field's coders require; a protest, a show of
force, coercion or violence (CAMEO 14-20) is an event with one of them, as ACLED codes it.

What is not coded: what the other extractors make of a verb (a comment, CAMEO 01, is the statements'; an
accusation at an allegation's cue the claims'; a denial's cue; an event of ``kg.extract.events`` at the same
token), a negated deed ("did not attack"; a cooperation refused is a rejection, as CAMEO codes it: "will not lift
the ban" 124, "cannot accept refugees" 121), a hypothetical one ("if X attacks", "could attack", "may meet"), a
verb that is the background or the content of another (an infinitive of purpose, "accused X of attacking", a
relative clause, "after he came"). The future is coded as the field codes it: a cooperative act announced ("will
meet", "agreed to provide aid") is an expression of intent (CAMEO 03x: 036, 033 ...), a hostile one a threat (13x:
"vowed to attack" 138); an intent verb with the verb it governs ("pledged to send troops") is one event, coded by
both.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources

from spacy.tokens import Doc, Token

from kg import lexicon
from kg.extract.confidence import CONFIDENCE
from kg.extract.syntax import (
    Cover,
    clause,
    is_negated,
    is_noun_infinitive,
    places_in,
    sentence_of,
    subjects_of,
    time_in,
    without_clauses,
)
from kg.extract.tokens import tokens_where
from kg.rdf.ontology import plover_of_cameo, type_of_cameo
from kg.records import Actor, Allegation, Article, CodedEvent, Denial, Event, Mention, Statement

#: Prepositions whose object can be the party an act is directed at ("met with", "called on", "fired at").
TARGET_PREPS = ("with", "to", "on", "against", "at", "upon", "into", "toward", "towards", "from", "for", "over", "of")
_PRONOUNS = {"it", "they", "he", "she", "we", "i"}
_HYPOTHETICAL = {"could", "might", "may", "should", "must", "can", "ought"}
_FUTURE = {"will", "'ll", "shall", "would", "wo"}
_CONDITIONS = {"if", "unless", "whether"}
#: The CAMEO code an intention or a future of each root becomes (CAMEO 03x, "express intent to ..."; 13x, threats).
_INTENT = {"04": "036", "05": "032", "06": "031", "07": "033", "08": "035"}
_THREAT = {"14": "133", "15": "138", "16": "131", "17": "130", "18": "1383", "19": "138", "20": "138"}
#: The CAMEO code of a cooperation refused ("will not lift the ban" 124, "cannot accept" 121, "will not meet" 125).
_REFUSAL = {"03": "120", "04": "125", "05": "120", "06": "121", "07": "122", "08": "124"}
_REFUSING = {"will", "'ll", "wo", "would", "shall", "can", "ca", "do", "does"}


# --- the dictionary ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Words:
    """A noun of a pattern: any of its phrases (each a tuple of words, all of which must be there)."""

    phrases: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Prep:
    """A prepositional phrase of a pattern: one of the prepositions, then what its object must hold; ``role`` is
    "target" or "source" when the pattern marks its object as the event's target (``+``) or source (``$``)."""

    preps: tuple[str, ...]
    inner: tuple[Words, ...]
    role: str = ""


@dataclass(frozen=True)
class Pattern:
    code: str
    before: tuple[Words, ...]
    after: tuple[Words | Prep, ...]
    subject_is_target: bool  # "+" before the verb
    order: int  # its place in the dictionary

    @property
    def weight(self) -> int:
        """How specific the pattern is: its words and prepositions."""
        words = sum(len(w.phrases[0]) for w in self.before)
        for element in self.after:
            words += 1 + sum(len(w.phrases[0]) for w in element.inner) if isinstance(element, Prep) \
                else len(element.phrases[0])
        return words


@dataclass(frozen=True)
class Entry:
    """A verb of the dictionary: the words that must follow it, its own code, its block's code and patterns."""

    particles: tuple[str, ...]
    code: str
    block_code: str
    patterns: tuple[Pattern, ...]

    @property
    def default(self) -> str:
        return self.code or self.block_code


def _tokens(text: str) -> list[str]:
    """A pattern's text as its items: words, ``{phrases}``, ``(groups)``, markers."""
    return re.findall(r"\([^)]*\)|\{[^}]*\}|\S+", text)


def _words(item: str, synsets: Mapping[str, tuple[tuple[str, ...], ...]]) -> Words | None:
    item = item.strip()
    if item.startswith("&"):
        phrases = synsets.get(item.rstrip("_"))
        return Words(phrases) if phrases else None
    if item.startswith("{"):
        words: list[str] = []
        for word in item.strip("{}").split():
            if word.startswith("&"):  # a synonym set inside a phrase: its first word stands for it
                found = synsets.get(word)
                words.extend(found[0] if found else ())
            else:
                words.extend(w for w in re.split(r"[_\-]", word) if w)
        return Words((tuple(words),)) if words else None
    if not re.search(r"[a-z]", item):
        return None
    return Words(tuple(tuple(w for w in re.split(r"[_\-]", alt) if w) for alt in item.split("/") if alt))


def _pattern(code: str, before: str, after: str, synsets: Mapping[str, tuple[tuple[str, ...], ...]],
             order: int) -> Pattern:
    pre = tuple(w for w in (_words(i, synsets) for i in _tokens(before) if i not in {"$", "+", "^", "%"}) if w)
    post: list[Words | Prep] = []
    for item in _tokens(after):
        if item.startswith("("):
            parts = _tokens(item[1:-1])
            if not parts:
                continue
            role = "target" if "+" in parts[1:] else "source" if "$" in parts[1:] else ""
            inner = tuple(w for w in (_words(i, synsets) for i in parts[1:] if i not in {"$", "+", "^", "%"}) if w)
            post.append(Prep(tuple(p for p in parts[0].split("/") if p), inner, role))
        elif item not in {"$", "+", "^", "%"}:
            found = _words(item, synsets)
            if found:
                post.append(found)
    return Pattern(code, pre, tuple(post), "+" in _tokens(before), order)


@cache
def dictionary() -> dict[str, tuple[Entry, ...]]:
    """The CAMEO verb dictionary: lemma -> its entries (a verb can sit in several blocks, with or without
    particles)."""
    text = resources.files("kg").joinpath("lexicons/cameo_verbs.tsv").read_text(encoding="utf-8")
    synsets: dict[str, tuple[tuple[str, ...], ...]] = {}
    blocks: list[tuple[str, list[tuple[str, str, str]], list[Pattern]]] = []
    order = 0
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        kind, *fields = line.split("\t")
        if kind == "synset":
            synsets[fields[0]] = tuple(tuple(p.split()) for p in fields[1].split("|") if p.strip())
        elif kind == "block":
            blocks.append((fields[1], [], []))
        elif kind == "verb" and blocks:
            blocks[-1][1].append((fields[0], fields[1], fields[2]))
        elif kind == "pattern" and blocks:
            order += 1
            blocks[-1][2].append(_pattern(fields[0], fields[1], fields[2], synsets, order))
    entries: dict[str, list[Entry]] = {}
    for block_code, verbs, patterns in blocks:
        for lemma, particles, code in verbs:
            entries.setdefault(lemma, []).append(Entry(tuple(particles.split()), code, block_code, tuple(patterns)))
    return {lemma: tuple(found) for lemma, found in entries.items()}


# --- matching a verb ----------------------------------------------------------------------------------------------


def _forms(token: Token) -> set[str]:
    return {token.lower_, token.lemma_.lower()}


@cache
def _plural(word: str) -> str:
    if word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    return word + ("es" if word.endswith(("ss", "sh", "ch", "x")) else "s")


def _region_forms(region: Iterable[Token]) -> set[str]:
    """The words of a region as written and as lemmas, which a pattern's words are looked up in."""
    forms: set[str] = set()
    for t in region:
        forms |= _forms(t)
    return forms


def _has(words: Words, forms: set[str]) -> bool:
    return any(all(w in forms or _plural(w) in forms for w in phrase) for phrase in words.phrases)


def _anchor(pattern: Pattern) -> frozenset[str] | None:
    """Words one of which a region must hold for ``pattern`` to match it: the first words of one of its noun
    elements (or their plurals), else the prepositions of one of its phrases; None for a pattern of no words."""
    for element in (*pattern.before, *pattern.after):
        if isinstance(element, Words):
            return frozenset(w for phrase in element.phrases for w in (phrase[0], _plural(phrase[0])))
    for element in pattern.after:
        return frozenset(element.preps)
    return None


#: id of a block's patterns -> (word -> the indexes of the patterns anchored on it, the patterns of no words)
_ANCHORS: dict[int, tuple[dict[str, list[int]], list[int]]] = {}


def _candidates(patterns: tuple[Pattern, ...], forms: set[str]) -> list[Pattern]:
    """The patterns that may match a verb whose argument words are ``forms``, in their order: a pattern whose
    anchor (:func:`_anchor`) is not among them cannot."""
    index = _ANCHORS.get(id(patterns))
    if index is None:
        by_word: dict[str, list[int]] = {}
        always: list[int] = []
        for k, pattern in enumerate(patterns):
            anchor = _anchor(pattern)
            for word in anchor if anchor is not None else ():
                by_word.setdefault(word, []).append(k)
            if anchor is None:
                always.append(k)
        index = _ANCHORS[id(patterns)] = (by_word, always)
    by_word, always = index
    found = set(always)
    for word in forms:
        found.update(by_word.get(word, ()))
    return [patterns[k] for k in sorted(found)]


def _exact(pattern: Pattern, region: Iterable[Token]) -> int:
    """How many of a pattern's words stand in the text as the pattern writes them ("sanctions" for SANCTIONS
    rather than for SANCTION): the tie-break between patterns of equal weight."""
    written = {t.lower_ for t in region}
    words = [w for element in (*pattern.before, *pattern.after)
             for part in (element.inner if isinstance(element, Prep) else (element,))
             for w in part.phrases[0]]
    return sum(1 for w in words if w in written)


@dataclass(frozen=True)
class Coding:
    """What the dictionary makes of a verb: its code and where the pattern says the parties are."""

    code: str
    pattern: Pattern | None
    target_prep: Token | None = None  # the preposition whose object is the target
    source_prep: Token | None = None

    @property
    def swapped(self) -> bool:
        """Coded with the roles swapped ("X faces trial": someone arrests X)."""
        return self.code.startswith(":") or bool(self.pattern and self.pattern.subject_is_target)

    @property
    def cameo(self) -> str:
        """The source's code ("042" of "042:043"), "" for no event."""
        code = self.code.lstrip(":").split(":")[0]
        return "" if not code or code.startswith("-") else code


def _match(pattern: Pattern, before: list[Token], after: list[Token],
           forms: tuple[set[str], set[str]] | None = None) -> Coding | None:
    """The coding a pattern gives the verb whose argument words are ``before`` and ``after`` it, or None; ``forms``:
    the words of both regions (:func:`_region_forms`), when the caller matches many patterns on them."""
    before_forms, after_forms = forms or (_region_forms(before), _region_forms(after))
    if not all(_has(w, before_forms) for w in pattern.before):
        return None
    target = source = None
    for element in pattern.after:
        if isinstance(element, Words):
            if not _has(element, after_forms):
                return None
            continue
        found = None
        for t in after:
            if t.lower_ in element.preps:
                inside = [c for c in t.subtree if c is not t] or [c for c in after if c.i > t.i]
                inside_forms = _region_forms(inside)
                if all(_has(w, inside_forms) for w in element.inner):
                    found = t
                    break
        if found is None:
            return None
        if element.role == "target":
            target = found
        elif element.role == "source":
            source = found
    return Coding(pattern.code, pattern, target, source)


def _arguments(verb: Token) -> list[Token]:
    """The words of a verb's own phrases, which its patterns are matched on: its subtree without the clauses of the
    other verbs in it ("said that ... demands" is no pattern of "quoted"), in the order of the text."""
    found: list[Token] = []
    todo = list(verb.children)
    while todo:
        t = todo.pop()
        if t.pos_ in {"VERB", "AUX"} and t.dep_ not in {"aux", "auxpass"}:
            continue
        found.append(t)
        todo.extend(t.children)
    return sorted(found, key=lambda t: t.i)


def code_verb(verb: Token) -> Coding | None:
    """The CAMEO coding of a verb by the dictionary: its most specific matching pattern, else its own or its
    block's code; None when the dictionary has no event for it."""
    entries = dictionary().get(verb.lemma_.lower())
    if not entries:
        return None
    near = {c.lower_ for c in verb.children if c.dep_ in {"prt", "prep", "advmod", "dative", "agent"}}
    with_particles = [e for e in entries if e.particles and set(e.particles) <= near]
    candidates = with_particles or [e for e in entries if not e.particles]
    if not candidates:
        return None
    words = _arguments(verb)
    before = [t for t in words if t.i < verb.i]
    after = [t for t in words if t.i > verb.i]
    forms = (_region_forms(before), _region_forms(after))
    best: Coding | None = None
    rank: tuple[int, int, int] = (0, 0, 0)
    for entry in candidates:
        for pattern in _candidates(entry.patterns, forms[0] | forms[1]):
            if best is not None and pattern.weight < rank[0]:
                continue
            found = _match(pattern, before, after, forms)
            if found is not None:
                mine = (pattern.weight, _exact(pattern, words), -pattern.order)
                if best is None or mine > rank:
                    best, rank = found, mine
    if best is not None and best.pattern is not None and best.pattern.weight > 0:
        return best if best.cameo or best.code.startswith(":") else None
    if verb.lemma_.lower() in pattern_only_verbs():
        return None  # a light verb: its object says what was done, and no pattern matched it
    default = next((e.default for e in candidates if e.default and not e.default.startswith("-")), "")
    return Coding(default, None) if default else None


# --- the coder ------------------------------------------------------------------------------------------------------


def _root(code: str) -> str:
    return code[:2]


def _modality(verb: Token) -> str:
    """"negated", "hypothetical", "future" or "" (a reported fact), from the verb and the clauses above it."""
    if is_negated(verb):
        return "negated"
    if is_noun_infinitive(verb):
        return "hypothetical"  # "the opportunity to attack the Prime Minister"
    node = verb
    while True:
        if any(c.dep_ == "mark" and c.lower_ in _CONDITIONS for c in node.children):
            return "hypothetical"
        if node.dep_ not in {"xcomp", "conj", "ccomp", "advcl", "relcl", "acl"} or node.head.i == node.i:
            break
        node = node.head
    auxiliaries = {c.lower_ for c in verb.children if c.dep_ in {"aux", "auxpass"}}
    if verb.dep_ == "conj":  # "will meet and discuss": the first verb's auxiliaries
        auxiliaries |= {c.lower_ for c in verb.head.children if c.dep_ in {"aux", "auxpass"}}
    if auxiliaries & _HYPOTHETICAL:
        return "hypothetical"
    if auxiliaries & _FUTURE or any(c.lower_ == "going" and c.dep_ == "aux" for c in verb.children):
        return "future"
    return ""


def refused(verb: Token) -> bool:
    """Whether a negated verb says its subject will not or does not do it ("will not lift", "cannot accept",
    "does not recognise"): a refusal, not a deed denied ("did not attack")."""
    return bool({c.lower_ for c in verb.children if c.dep_ in {"aux", "auxpass"}} & _REFUSING)


def _intended(code: str) -> str:
    """The code of an act announced rather than done: an intent to cooperate (03x), a threat (13x); codes of other
    roots as they are.

    >>> _intended("042"), _intended("0841"), _intended("190"), _intended("112")
    ('036', '035', '138', '112')
    """
    return _INTENT.get(_root(code)) or _THREAT.get(_root(code)) or code


def _mentions(heads: Iterable[Token], cover: Cover, actors: Mapping[Mention, Actor]) -> list[Mention]:
    """The actor mentions (not places) a phrase names: the one its head word is part of, else the first other in
    the phrase, its relative clauses aside ("sanctions on Iran", "a proposal by South Korea"), each conjunct's."""
    found: list[Mention] = []
    for head in heads:
        for h in (head, *head.conjuncts):
            own = [m for m in cover.at(h) if not actors[m].is_place]
            if not own:
                phrase = sorted(without_clauses(h), key=lambda t: t.i)
                own = [m for t in phrase for m in cover.at(t) if not actors[m].is_place]
            found.extend(m for m in own[:1] if m not in found)
    return found


def _pobj(prep: Token) -> list[Token]:
    return [c for c in prep.children if c.dep_ == "pobj"]


def _sources(verb: Token, coding: Coding, passive: bool) -> list[Token]:
    if coding.source_prep is not None:
        return _pobj(coding.source_prep)
    if passive:
        return [p for c in verb.children if c.dep_ == "agent" for p in _pobj(c)]
    subjects = subjects_of(verb)
    if subjects and subjects[0].lower_ in {"who", "that", "which"} and verb.dep_ == "relcl":
        return [verb.head]  # "the rebels who attacked ...": the rebels
    return subjects


def _targets(verb: Token, coding: Coding, passive: bool) -> list[list[Token]]:
    """The phrases that may name the target, the likeliest first: the object of the preposition the pattern marks,
    a passive's subject, the object, then the objects of the prepositions that take a party ("staged a protest
    against X", "met with X")."""
    if coding.target_prep is not None:
        return [_pobj(coding.target_prep)]
    if passive:
        return [[c for c in verb.children if c.dep_ == "nsubjpass"]]
    found = [[c for c in verb.children if c.dep_ in {"dobj", "dative"}]]
    # whom the object was aimed at: "lifted the sanctions imposed on Eritrea"
    found.extend(_pobj(p) for o in found[0] for a in o.children if a.dep_ == "acl" and a.tag_ == "VBN"
                 for p in a.children if p.dep_ == "prep" and p.lower_ in {"on", "against", "upon"})
    preps = [c for c in verb.children if c.dep_ == "prep" and c.lower_ in TARGET_PREPS]
    found.extend(_pobj(p) for p in sorted(preps, key=lambda p: TARGET_PREPS.index(p.lower_)))
    # "demanded that Bashir stand trial", "warned that Iran would pay": whom the clause it governs is about
    found.extend([g for g in c.children if g.dep_ == "nsubj"] for c in verb.children if c.dep_ == "ccomp")
    return [heads for heads in found if heads]


def _pronoun_source(verb: Token, statement: Statement | None, cover: Cover,
                    actors: Mapping[Mention, Actor]) -> list[Mention]:
    """Who a pronoun subject stands for: the speaker of the statement it is reported in ("Syria said it would
    meet ..."), else the subject of the clause its verb hangs on."""
    if statement is not None:
        node = verb
        while node.dep_ == "xcomp" and not any(c.dep_ == "nsubj" for c in node.children) and node.head.i != node.i:
            node = node.head  # "They have tried to assassinate me": the subject of "tried"
        pronoun = next((c.lower_ for c in node.children if c.dep_ in {"nsubj", "nsubjpass"}), "")
        if pronoun == "they" and actors[statement.speaker_mention].entity_type == "Person":
            return []  # a person's "they" is others: "They have tried to assassinate me," Maduro said
        return [statement.speaker_mention]
    node = verb
    while node.dep_ in {"advcl", "conj", "xcomp", "ccomp"} and node.head.i != node.i:
        node = node.head
        named = [c for c in node.children if c.dep_ == "nsubj" and c.lower_ not in _PRONOUNS]
        if named:
            return _mentions(named, cover, actors)
    return []


@cache
def pattern_only_verbs() -> frozenset[str]:
    """Light verbs, coded only through a pattern ("gave an interview", "took a toll"):
    ``kg/lexicons/cameo_pattern_only.txt``."""
    return lexicon.load("cameo_pattern_only")


@cache
def intent_verbs() -> frozenset[str]:
    """Verbs that announce the act they govern ("agreed to meet", "vowed to retaliate"):
    ``kg/lexicons/intent_verbs.txt``."""
    return lexicon.load("intent_verbs")


@dataclass(frozen=True)
class _Coded:
    """A verb coded: the CAMEO code, the rule, the verb whose subject is the source and the verb (with its coding)
    whose object is the target: the same verb, or for an intent and its act the act ("pledged to send troops")."""

    code: str
    rule: str
    coding: Coding
    act: Token
    act_coding: Coding


def backgrounded(verb: Token) -> bool:
    """Whether a verb is no event reported in its own right but the background or the content of another: an
    infinitive of purpose or of a noun ("a resolution to extend", "to test"), a gerund after a preposition
    ("accused X of attacking", "by creating"), a relative clause, a clause of time or cause ("after he came"), or
    a verb inside one of those ("to help the country patrol its borders")."""
    node = verb
    while node.head.i != node.i:
        if _backgrounds(node):
            return True
        node = node.head
    return False


def _backgrounds(verb: Token) -> bool:
    if verb.dep_ in {"pcomp", "relcl", "csubj", "csubjpass"}:
        return True
    if verb.dep_ == "acl" and verb.tag_ in {"VB", "VBG"}:
        return True
    if verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.head.dep_ == "dobj":
        return True  # what the object of another act is: "lifted the sanctions imposed on Eritrea"
    if verb.dep_ == "advcl" and any(c.dep_ == "mark" for c in verb.children):
        return True
    return verb.dep_ != "xcomp" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


#: CAMEO roots of saying (comment, disapprove): a reporting verb with a clause of what was said codes nothing of its
#: own, its clause is a statement or an allegation ("X claimed that Y was responsible"); a demand that someone act
#: is a demand (10), a warning that one will is a threat (13)
_SAYING_ROOTS = {"01", "11"}


def code_event(verb: Token) -> _Coded | None:
    """What the coder makes of a verb, its modality weighed; None for no event."""
    head = verb.head
    if backgrounded(verb):
        return None
    if verb.dep_ == "xcomp" and head.pos_ == "VERB" and head.lemma_.lower() in intent_verbs():
        return None  # the intent verb above codes the pair
    coding = code_verb(verb)
    if coding is not None and _root(coding.cameo) in _SAYING_ROOTS and verb.lemma_.lower() in lexicon.reporting_cues() \
            and any(c.dep_ == "ccomp" for c in verb.children):
        return None  # "Prosecutors claim McVeigh arrived ...": a report of its clause, the statements' and claims'
    below = next((c for c in verb.children if c.dep_ == "xcomp" and c.pos_ == "VERB"), None)
    modality = _modality(verb)
    if modality == "negated" and coding is not None and _root(coding.cameo) in _REFUSAL and refused(verb):
        # a cooperation refused is a rejection, as CAMEO codes it; a deed denied ("did not attack") is nothing
        return _Coded(_REFUSAL[_root(coding.cameo)], "event:cameo-refusal", coding, verb, coding)
    if modality in {"negated", "hypothetical"}:
        return None
    if below is not None and verb.lemma_.lower() in intent_verbs():
        inner = code_verb(below)
        if _modality(below) in {"negated", "hypothetical"}:
            pass
        elif inner is not None and inner.cameo:
            return _Coded(_intended(inner.cameo), "event:cameo-intent", coding or inner, below, inner)
        elif coding is not None and coding.cameo and modality == "" \
                and verb.lemma_.lower() in lexicon.load("agreement_verbs"):
            # an agreement to an act the dictionary does not know ("agreed to set up a company"): an agreement
            return _Coded(_intended(coding.cameo), "event:cameo-intent", coding, verb, coding)
    if coding is None or not coding.cameo:
        return None
    if modality == "future":
        return _Coded(_intended(coding.cameo), "event:cameo-intent", coding, verb, coding)
    return _Coded(coding.cameo, "event:cameo-pattern" if coding.pattern else "event:cameo-verb", coding, verb,
                  coding)


def enough_parties(code: str, sources: list[Mention], targets: list[Mention],
                   actors: Mapping[Mention, Actor], alone: bool = False) -> bool:
    """Who did what to whom: both parties named, as the field's coders require (a source and a target, or two
    parties acting together: "Putin and Erdogan met"); a protest, a show of force, coercion or violence (CAMEO
    14-20) is an event with one of them, as ACLED codes it ("Turkish drones hit power stations"); an act that
    stands alone (:func:`_stands_alone`) is an event with its source."""
    if sources and targets:
        return True
    if len({actors[m].key for m in sources}) >= 2:
        return True
    if alone and sources:
        return True
    return bool(sources or targets) and _root(code) >= "14"


#: PLOVER types that are an event with their source alone, a pattern naming the act by its object: material
#: cooperation whose recipient PLOVER's manual does not require (AID, RETREAT: aid given, prisoners freed, arms laid
#: down; COOPERATE requires one) and the verbal conflict a source voices on its own (REJECT, THREATEN, REQUEST);
#: ACCUSE is the claims extractor's, and the other types added events no reader of the dev articles listed
ALONE_PLOVER = frozenset({"AID", "RETREAT", "REJECT", "THREATEN", "REQUEST"})
#: auxiliaries of a refusal that says what its source will not do ("will not lift the ban", "cannot accept"), not
#: what it does not do now ("does not accept")
_WILL_NOT = _REFUSING - {"do", "does"}


def _stands_alone(coded: _Coded, verb: Token) -> bool:
    """Whether an act is an event with its source alone, its recipient unnamed or no party ("Germany provided 6.3
    million euros to support projects", "rebels freed prisoners", "the minister agreed to resign", "the
    government will not lift the ban"): an announced act (an intent or a threat: "agreed to ...", "vowed to ..."),
    a refusal of what the source will or can do, or a material cooperation of :data:`ALONE_PLOVER` that a pattern
    of the dictionary names by its object (the verb alone says too little: "gave his name")."""
    if coded.rule == "event:cameo-intent":
        return True
    if coded.rule == "event:cameo-refusal":
        return bool({c.lower_ for c in verb.children if c.dep_ in {"aux", "auxpass"}} & _WILL_NOT)
    pattern = coded.act_coding.pattern
    return pattern is not None and pattern.weight > 0 and plover_of_cameo(coded.act_coding.cameo) in ALONE_PLOVER


def extract_coded_events(doc: Doc, article: Article, actors: Mapping[Mention, Actor],
                         statements: Iterable[Statement], allegations: Iterable[Allegation],
                         denials: Iterable[Denial], events: Iterable[Event]) -> Iterator[CodedEvent]:
    """Every event the CAMEO verb dictionary codes in ``doc`` at a verb no other extractor made something of."""
    statements = list(statements)
    allegations = list(allegations)
    events = list(events)
    accused = {a.cue_start for a in allegations}
    taken = {d.cue_start for d in denials} | {e.cue_start for e in events}
    found_at = {e.cue_start: e.event_type for e in events}
    cover = Cover(actors)
    table = dictionary()
    for verb in tokens_where(doc, "lemma", table | dict.fromkeys(intent_verbs())):
        if verb.pos_ != "VERB" or verb.idx in taken or article.in_boilerplate(verb.idx, verb.idx + len(verb)):
            continue
        coded = code_event(verb)
        if coded is None:
            continue
        # what the claims and statements say: comments (01) are the statements', an accusation (11x) at an
        # allegation's cue the claims'; an appeal, a demand or a threat made in words is more than a statement
        if _root(coded.code) == "01" or (verb.idx in accused and _root(coded.code) == "11"):
            continue
        if _root(coded.code) < "18" and any(a.start <= verb.idx < a.end for a in allegations):
            continue  # what an allegation says someone did is the claims' finding, but for the violence it reports
        kind = type_of_cameo(coded.code)
        if kind is None or any(found_at.get(t.idx) == kind for t in _arguments(coded.act)):
            continue  # the event a noun of its phrase already names ("entered their second day of talks")
        passive = any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children)
        act_passive = any(c.dep_ in {"nsubjpass", "auxpass"} for c in coded.act.children)
        statement = next((s for s in statements if s.start <= verb.idx < s.end), None)
        source_heads = _sources(verb, coded.coding, passive)
        target_heads = _targets(coded.act, coded.act_coding, act_passive)
        if coded.act_coding.swapped:
            source_heads, target_heads = [], [source_heads]
        if source_heads and source_heads[0].lower_ in _PRONOUNS:
            sources = _pronoun_source(verb, statement, cover, actors)
        else:
            sources = _mentions(source_heads, cover, actors)
        targets: list[Mention] = []
        acting = {actors[m].key for m in sources}
        for heads in target_heads:  # an actor does nothing to itself here ("the army said it ... the army")
            targets = [m for m in _mentions(heads, cover, actors) if actors[m].key not in acting]
            if targets:
                break
        if not enough_parties(coded.code, sources, targets, actors, _stands_alone(coded, verb)):
            continue
        words = clause(verb)
        yield CodedEvent(
            article_id=article.article_id, event_type=kind, cue=verb.text, cue_start=verb.idx, start=words[0].idx,
            end=words[-1].idx + len(words[-1]), agents=tuple(sources), targets=tuple(targets), victims=(),
            places=tuple(places_in(words, cover, actors)), time=time_in(words, article), casualties=(),
            reported_by=statement.speaker_mention if statement else None, sentence=sentence_of(verb.sent, article),
            rule=coded.rule, confidence=CONFIDENCE[coded.rule], cameo=coded.code)
