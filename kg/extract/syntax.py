"""What the extractors share: the sentence a span sits in, a verb's clause and subjects, who a phrase names, and
which mentions cover a token.

Each extractor (mentions, statements, claims, events, affiliations, coreference) imports from here, never from
another extractor, as textacy's extractors share ``extract/utils.py``.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence

from spacy.tokens import Span, Token

from kg import lexicon
from kg.extract.confidence import CONFIDENCE
from kg.extract.tokens import doc_text
from kg.records import Article, Mention, Sentence

#: Months, their short forms and the days of the week, lower case: a dateline's words, no name.
MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
           "dec", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}

#: The dependency labels of a verb's subjects.
SUBJECTS = frozenset({"nsubj", "nsubjpass"})
#: What is stripped from the ends of a phrase taken from the text (a content, an act).
STRIP = " \t\n,;:.\"“”'’‘-–—"
#: The tokens of a possessive ("Syria's", "the rebels'").
POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
#: Pronouns that stand for the last person named when they are a speaker.
_SPEAKER_PRONOUNS = {"he", "she"}
#: Nouns that make a demonym the voice of its state: "the Syrian government", not "the Syrian opposition".
_STATE_VOICES = {"government", "regime", "authorities", "authority", "leadership", "state", "presidency", "ministry",
                 "cabinet", "administration"}
_NESTED_CLAUSES = {"ccomp", "advcl", "conj", "relcl", "parataxis"}


def sentence_of(span: Span, article: Article) -> Sentence:
    """The sentence a span sits in, as a record (as ``span.sent``: the sentence of its first token). The sentences
    of a Doc are made once (``doc.user_data``)."""
    doc = span.doc
    if not doc.has_annotation("SENT_START") or "sents" in doc.user_hooks or "sent" in doc.user_span_hooks:
        sent = span.sent
        return Sentence(article.article_id, sent.start_char, sent.end_char, sent.text)
    cached = doc.user_data.get("kg_sentences")
    if cached is None or cached[0] != article.article_id:
        text = doc_text(doc)
        sents = list(doc.sents)
        cached = doc.user_data["kg_sentences"] = (
            article.article_id, [s.start for s in sents],
            [Sentence(article.article_id, s.start_char, s.end_char, text[s.start_char:s.end_char]) for s in sents])
    _, starts, records = cached
    return records[bisect_right(starts, span.start) - 1]


def clause(verb: Token, within: Span | None = None) -> list[Token]:
    """A verb's own clause: its subtree without the clauses nested in it that have subjects of their own (and,
    given ``within``, without what lies outside that span).

    >>> from spacy.tokens import Doc
    >>> from spacy.vocab import Vocab
    >>> doc = Doc(Vocab(), words=["Kerry", "said", "Assad", "lied"], heads=[1, 1, 3, 1],
    ...           deps=["nsubj", "ROOT", "nsubj", "ccomp"])
    >>> [t.text for t in clause(doc[1])]
    ['Kerry', 'said']
    """
    skip: set[Token] = set()
    for child in verb.children:
        if child.dep_ in _NESTED_CLAUSES and any(g.dep_ in SUBJECTS for g in child.children):
            skip.update(child.subtree)
    if within is None:
        return [t for t in verb.subtree if t not in skip]
    return [t for t in verb.subtree if t not in skip and within.start <= t.i < within.end]


def subjects_of(verb: Token) -> list[Token]:
    """The verb's subjects; a verb conjoined to another ("condemned X and said ...") shares its subject."""
    subjects = [c for c in verb.children if c.dep_ in SUBJECTS]
    if not subjects and verb.dep_ == "advcl" and verb.tag_ == "VBN" and not any(c.dep_ in {"aux", "auxpass"}
                                                                                for c in verb.children):
        return []  # "... were killed with an Afghan injured", "Asked about it, he said": a passive participle
    # "condemned X and said ...", "mocked the complaint, saying ...", "adding later ...": the head's subject
    if not subjects and verb.dep_ in {"conj", "advcl", "xcomp"} and verb.head != verb:
        subjects = [c for c in verb.head.children if c.dep_ in SUBJECTS]
    return subjects


def speaker_of(verb: Token, by_start: Mapping[int, Mention], people: Sequence[Mention],
               ) -> tuple[Mention, str, float] | None:
    """Who a verb's subject names, with the rule that found it and its confidence: a mention in the subject
    phrase (``by_start``: the actor mentions by their first character), or for "he"/"she" the last person named
    before it (``people``, in the order of the text)."""
    for child in subjects_of(verb):
        if child.lower_ in {"who", "which", "that"} and verb.dep_ == "relcl":  # "Moscow, which says ..."
            child = verb.head
        if child.text.lower() in _SPEAKER_PRONOUNS:
            earlier = [m for m in people if m.end <= child.idx]
            rule = "statement:reporting-verb+pronoun"
            return (earlier[-1], rule, CONFIDENCE[rule]) if earlier else None
        mention = mention_in(without_clauses(child), by_start, head=child)
        if mention:
            return mention, "statement:reporting-verb", CONFIDENCE["statement:reporting-verb"]
    return None


def mention_in(tokens: Iterable[Token], by_start: Mapping[int, Mention], head: Token | None = None,
               ) -> Mention | None:
    """The mention a phrase names: the one covering its head word, else the first person, else the first."""
    tokens = list(tokens)
    found = [by_start[t.idx] for t in tokens if t.idx in by_start]
    if head is not None:
        for m in found:
            if m.start <= head.idx < m.end:
                return m
    people = [m for m in found if m.entity_type == "Person"]
    if people:
        return people[0]
    if head is not None:  # the name nearest before the head word: "Israel's Channel 10 News"
        # ... but a demonym speaks only as a state's voice: "the Syrian government", not "the Syrian opposition"
        before = [m for m in found if m.start <= head.idx and (
            not m.rule.endswith("lexicon:demonym") or head.lemma_.lower() in _STATE_VOICES)]
        if before:
            return before[-1]
        found = [m for m in found if not m.rule.endswith("lexicon:demonym")]
    return found[0] if found else None


def without_clauses(head: Token) -> list[Token]:
    """A phrase without its relative clauses ("Razek, who served in the army, said ...")."""
    skip = set()
    for child in head.children:
        if child.dep_ in {"relcl", "acl"}:
            skip.update(child.subtree)
    return [t for t in head.subtree if t not in skip]


class Cover:
    """Mentions by the characters they cover: which of them a token is part of.

    >>> from kg.records import Sentence
    >>> s = Sentence("a", 0, 30, "")
    >>> cover = Cover([Mention("a", 0, 12, "Bashar Assad", "Person", "test", s, 0.7),
    ...                Mention("a", 17, 22, "Syria", "State", "test", s, 0.7)])
    >>> [m.text for m in cover.at(7)], cover.at(13)
    (['Bashar Assad'], [])
    """

    def __init__(self, mentions: Iterable[Mention]) -> None:
        self.mentions = sorted(mentions, key=lambda m: m.start)  # stable: mentions starting together keep their order
        self.starts = [m.start for m in self.mentions]
        self.reach: list[int] = []  # the furthest end of the mentions up to each one
        for m in self.mentions:
            self.reach.append(max(m.end, self.reach[-1]) if self.reach else m.end)

    def at(self, offset: int | Token) -> list[Mention]:
        """The mentions that cover the character at ``offset`` (or a token's first character), in the order of
        their starts."""
        if isinstance(offset, Token):
            offset = offset.idx
        found = []
        i = bisect_right(self.starts, offset) - 1
        while i >= 0 and self.reach[i] > offset:
            if self.mentions[i].end > offset:
                found.append(self.mentions[i])
            i -= 1
        found.reverse()
        return found

    def first(self, offset: int | Token) -> Mention | None:
        """The first mention (by its start) that covers the character at ``offset``, or None."""
        found = self.at(offset)
        return found[0] if found else None


def attack_type(token: Token) -> str | None:
    """The event type of the attack a noun names by its means ("air strike" -> air-strike, "shelling", "car bomb"
    -> bombing, "suicide bombing"), or None when the noun names no attack (``kg/lexicons/attack_nouns.txt``)."""
    if token.pos_ not in {"NOUN", "PROPN"}:
        return None
    words = lexicon.load_mapping("attack_nouns")
    before = token.doc[token.i - 1].lower_ if token.i > 0 else ""
    kind = words.get(f"{before} {token.lower_}") or words.get(token.lower_)
    if kind == "bombing" and any(t.lower_ in {"suicide", "self-detonating"} for t in token.subtree):
        return "suicide-bombing"
    return kind


def is_attack_noun(token: Token) -> bool:
    return attack_type(token) is not None


def attack_cause(verb: Token, passive: bool) -> Token | None:
    """The attack a killing verb reports as its cause: its subject ("an Israeli strike killed 10", also where the
    parser hangs the verb on the noun: "airstrikes killed ..."), or "in"/"by" an attack in a passive ("were
    killed in air strikes by Pakistani forces", "killed by a Russian missile"), or "in" a war whose words name who
    waged it ("killed in Israel's military campaign": the war is the cause, not an attack of its own)."""
    if not passive:
        for child in verb.children:
            if child.dep_ == "nsubj" and is_attack_noun(child):
                return child
        if verb.dep_ in {"acl", "relcl"}:  # the parser hangs the verb on the noun, or on its phrase's last word
            node = verb.head
            for _ in range(3):  # "An Israeli strike on a school killed ...": killed <- school <- on <- strike
                if is_attack_noun(node):
                    return node
                if node.dep_ not in {"pobj", "prep"} or node.head == node:
                    break
                node = node.head
        return None
    for child in verb.children:
        if child.dep_ in {"prep", "agent"} and child.lower_ in _CAUSE_PREPS:
            for obj in child.children:
                if obj.dep_ == "pobj" and is_attack_noun(obj):
                    return obj
                # "killed in IS attacks", the parser taking "IS" for a verb and the attacks for what it is
                inner = [c for c in obj.children if c.dep_ == "attr" and is_attack_noun(c)] \
                    if obj.dep_ == "pobj" else []
                if inner:
                    return inner[0]
                # "killed in Israel's military campaign": a war waged by someone the words name
                if obj.dep_ == "pobj" and child.lower_ in {"in", "during"} and obj.lemma_.lower() in _CONFLICT_NOUNS \
                        and any(c.dep_ in {"poss", "amod", "compound"} and c.pos_ in {"PROPN", "ADJ"}
                                for c in obj.children):
                    return obj
                # "killed as a result of the recent Turkish airstrikes", "in the wake of", "because of"
                if obj.dep_ in {"pobj", "prep", "pcomp"} and (obj.lower_ in _CAUSE_LINKS or child.lower_ == "because"):
                    for inner in obj.subtree:
                        if inner.dep_ == "pobj" and inner != obj and is_attack_noun(inner):
                            return inner
    return None


#: prepositions of a passive killing that name its cause ("killed in air strikes", "by a missile", "as a result of")
_CAUSE_PREPS = {"in", "by", "during", "after", "from", "following", "as", "because", "due", "amid"}
#: a war or its operations, the cause of a passive killing when its words name who waged it ("killed in Israel's
#: military campaign", "died in the Russian offensive"); not an attack noun of its own (an election campaign)
_CONFLICT_NOUNS = {"campaign", "operation", "offensive", "war", "onslaught", "crackdown", "bombardment", "siege"}
#: the nouns of a complex preposition that lead to the cause ("as a result of", "in the wake of", "due to")
_CAUSE_LINKS = {"result", "consequence", "wake", "course", "to", "of"}


def nominal_agent_heads(noun: Token) -> list[Token]:
    """The words that say who made an attack a noun names: its modifiers and owner ("an intentional Russian missile
    strike", "Hezbollah's rockets", "A Saudi-led coalition air strike"), "by X" ("air strikes by Pakistani forces"),
    and "carried out / launched by X"."""
    heads: list[Token] = []
    if noun.dep_ == "attr" and noun.head.dep_ == "pobj":  # "in IS attacks" parsed as "in [IS [attacks]]"
        heads.append(noun.head)
    for child in noun.children:
        if child.dep_ in {"amod", "compound", "poss", "nmod"}:
            heads.append(child)
        elif child.dep_ == "prep" and child.lower_ == "by":
            heads.extend(c for c in child.children if c.dep_ == "pobj")
        elif child.dep_ in {"acl", "relcl"} and child.lemma_.lower() in lexicon.load("act_verbs"):
            # "carried out by X", "fired by X"; not "a region controlled by X": who holds it made no attack
            heads.extend(p for a in child.children if a.dep_ == "agent" for p in a.children if p.dep_ == "pobj")
    return heads


#: The prepositions that say where something happened ("in Aleppo", "near the border").
PLACE_PREPS = frozenset({"in", "at", "near", "across", "outside", "inside", "around", "into", "on"})


def places_in(words: Iterable[Token], cover: Cover, actors: Mapping[Mention, object]) -> list[Mention]:
    """The places and states a clause says it happened "in", "at", "near" ... (the mentions of ``actors``, a
    mapping of mentions to their actors, whose type is Place or State), in the order of the text."""
    found: list[Mention] = []
    for t in words:
        if t.dep_ == "prep" and t.lower_ in PLACE_PREPS:
            for pt in t.subtree:
                for m in cover.at(pt):
                    if getattr(actors.get(m), "entity_type", m.entity_type) in {"Place", "State"} and m not in found:
                        found.append(m)
    return found


def time_in(words: Sequence[Token], article: Article) -> object | None:
    """The first date expression of a clause (with the preposition before it: "on Monday", "last May"), resolved
    against the article's publication date (a :class:`kg.records.ResolvedTime`), or None."""
    from kg.extract.times import resolve_time
    from kg.extract.tokens import entity_bounds

    if not words:
        return None
    doc = words[0].doc
    members = {t.i for t in words}
    for start, end in entity_bounds(doc, "DATE"):
        if start in members:
            if start > 0 and doc[start - 1].lower_ in {"on", "in", "since", "last", "this"}:
                start -= 1
            return resolve_time(doc[start:end].text, article.date)
    return None


#: the links by which a clause hangs on the clause that governs it
CLAUSE_LINKS = frozenset({"xcomp", "ccomp", "advcl", "conj"})


def governing_clauses(verb: Token, limit: int = 4) -> list[Token]:
    """``verb`` and the verbs of the clauses it hangs on, nearest first (at most ``limit``): where a condition
    ("if", "whether") or a negation that governs it is found.

    >>> from spacy.lang.en import English
    >>> from spacy.tokens import Doc
    >>> doc = Doc(English().vocab, words=["He", "said", "they", "left"], deps=["nsubj", "ROOT", "nsubj", "ccomp"],
    ...           heads=[1, 1, 3, 1])
    >>> [t.text for t in governing_clauses(doc[3])]
    ['left', 'said']
    """
    found = [verb]
    while len(found) < limit and found[-1].dep_ in CLAUSE_LINKS and found[-1].head != found[-1]:
        found.append(found[-1].head)
    return found


def is_noun_infinitive(verb: Token) -> bool:
    """Whether a verb is the infinitive of a noun, a possibility rather than a deed: "the opportunity to attack the
    Prime Minister", "a plan to seize the city".

    >>> from spacy.lang.en import English
    >>> from spacy.tokens import Doc
    >>> doc = Doc(English().vocab, words=["a", "plan", "to", "attack"], heads=[1, 1, 3, 1],
    ...           deps=["det", "ROOT", "aux", "acl"])
    >>> is_noun_infinitive(doc[3]), is_noun_infinitive(doc[1])
    (True, False)
    """
    return verb.dep_ == "acl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def is_negated(verb: Token) -> bool:
    """Whether a verb is negated: "did not attack", "never met", "no one was arrested".

    >>> from spacy.tokens import Doc
    >>> from spacy.vocab import Vocab
    >>> doc = Doc(Vocab(), words=["Iran", "did", "not", "attack"], heads=[3, 3, 3, 3],
    ...           deps=["nsubj", "aux", "neg", "ROOT"])
    >>> is_negated(doc[3]), is_negated(doc[0])
    (True, False)
    """
    for child in verb.children:
        if child.dep_ == "neg" or child.lower_ in {"not", "n't", "never"}:
            return True
        if child.dep_ in SUBJECTS and child.lower_ in {"nobody", "nothing", "none"}:
            return True
        if child.dep_ in SUBJECTS and any(d.dep_ == "det" and d.lower_ == "no" for d in child.children):
            return True
    return False


#: The vocabulary's lookup table of English verbs (the model's lemmatizer's index), added by
#: :func:`kg.extract.components.add_to`; a Doc whose vocabulary lacks it (a test's) has no verbs known.
VERBS_TABLE = "kg_verbs"


def verb_form(token: Token) -> bool:
    """The token is a verb's "-ing" or "-ed" form written with a capital ("Surrendering", "Capturing", "Claimed"),
    whatever the tagger took it for: a headline's verb, never a name (by the model's own index of English verbs)."""
    text = token.lower_
    lookups = token.vocab.lookups
    if len(text) < 6 or not text.endswith(("ing", "ed")) or not lookups.has_table(VERBS_TABLE):
        return False
    verbs = lookups.get_table(VERBS_TABLE)
    stem = text[:-3] if text.endswith("ing") else text[:-2]
    candidates = {stem, stem + "e", text[:-1]} | ({stem[:-1]} if len(stem) > 2 and stem[-1] == stem[-2] else set())
    return any(c in verbs for c in candidates)

