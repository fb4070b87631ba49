"""Stage: nlp doc + actors -> statements (who said what).

A statement is found where a reporting cue (``kg/lexicons/reporting_cues.txt``, or a verb the learned cue model of
:mod:`kg.extract.cues` takes for one) has a subject that names a speaker, where "according to X" introduces a
claim, where a speaker "issued a statement saying ...", where a noun of saying has its clause ("Trump's claim that
..."), and in transcript lines ("PENCE: ..."). Its content is the quotation the cue introduces or closes (with the
rest of the quotation that goes on in its paragraph), else the cue's clause to the end of its phrase, else the
report that the cue closes ("..., the SDF said").

Who speaks is read from the structure of the cue's subject: the name that is its head, a person in apposition
("the Lebanese Health Minister, Firass Abiad"), the body a spokesman speaks for ("a spokesman for the ministry",
"Syrian army spokesman"), never a name deeper in the phrase or inside a quotation; "he"/"she" is the person who
spoke last nearby, else the last person named outside quotations, of the pronoun the text gives them;
"it"/"they" the body that spoke last or that the sentence before is about. A subject that names no actor the
mentions know ("a witness", "a police source", "Kherson city's military administration") is a speaker of its
own, one per phrase and article (the caller adds it to the article's actors).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache

from spacy.tokens import Doc, Span, Token

from kg import lexicon
from kg.extract.confidence import CONFIDENCE
from kg.extract.cues import learned_cues
from kg.extract.syntax import MONTHS, STRIP, SUBJECTS, mention_in, sentence_of, without_clauses
from kg.extract.tokens import doc_text, tokens_where
from kg.records import Actor, Article, Mention, Statement
from kg.resolve import cameo, gazetteer

_CONTENT_DEPS = ("ccomp", "parataxis", "xcomp", "dobj")  # in order of preference
#: What follows an object in its phrase ("acknowledged these figures as reliable").
_VP_REST = {"oprd", "xcomp", "acomp", "prep", "dative", "ccomp", "advmod", "npadvmod"}
_QUOTE = re.compile(r"[\"“”„«»]([^\"“”„«»]{3,})[\"“”„«»]")
_JOIN = " … "  # between the parts of a quotation interrupted by its cue ("“A,” he said. “B.”")
#: Cues whose object is who is told, never what is said: "told the BBC", "warned the police of ...".
_LISTENER_CUES = {"tell", "inform", "brief", "assure", "warn", "remind", "ask", "urge", "answer"}
_PERSON_PRONOUNS = {"he": "he", "she": "she"}
_POSSESSIVES = {"his": "he", "her": "she", "its": "it", "their": "they"}
_BODY_PRONOUNS = {"it", "they"}
#: Nouns of a document that speaks for its author: "the statement by X said", "a report from X".
_DOCUMENT_NOUNS = {"statement", "report", "letter", "communique", "communiqué", "release", "post", "message",
                   "tweet", "announcement", "notice", "memo", "bulletin"}
#: "X issued a statement saying ...": verbs that put out a document.
_ISSUE_VERBS = {"issue", "release", "publish", "put", "send", "post"}


@dataclass
class _Context:
    """What the rules of one article look up: mentions by their start, people and bodies outside quotations."""

    doc: Doc
    article: Article
    actors: Mapping[Mention, Actor]
    by_start: dict[int, Mention] = field(default_factory=dict)
    people: list[Mention] = field(default_factory=list)
    bodies: list[Mention] = field(default_factory=list)
    places: list[tuple[int, int]] = field(default_factory=list)
    quote_starts: list[int] = field(default_factory=list)
    quotes: list[tuple[int, int]] = field(default_factory=list)
    unnamed: dict[tuple[int, int], Mention] = field(default_factory=dict)
    found: list[Statement] = field(default_factory=list)  # the statements so far, in the order of the text
    known: dict[Mention, Actor] = field(default_factory=dict)  # speakers' mentions the model missed, of known actors
    names: set[Mention] = field(default_factory=set)  # unnamed speakers that are names the model missed
    heads: dict[Mention, str] = field(default_factory=dict)  # unnamed speakers' head nouns
    gender: dict[str, str] = field(default_factory=dict)  # actor key -> "he" / "she", where the text says

    def __post_init__(self) -> None:
        self.quotes = quotations(self.doc)
        starts = self.quote_starts = [s for s, _ in self.quotes]

        def quoted(m: Mention) -> bool:
            i = bisect_right(starts, m.start) - 1
            return i >= 0 and self.quotes[i][0] <= m.start < self.quotes[i][1]

        speaking = [m for m in self.actors if not self.actors[m].is_place]  # places do not speak
        self.by_start = {m.start: m for m in speaking}
        self.places = sorted((m.start, m.end) for m in self.actors if self.actors[m].is_place)
        outside = sorted((m for m in speaking if not quoted(m)), key=lambda m: m.start)
        self.people = [m for m in outside if m.entity_type == "Person"]
        self.bodies = [m for m in outside if m.entity_type != "Person"]
        self.gender = _genders(self.doc, self.people, self.actors, quoted)

    def key(self, mention: Mention) -> str:
        actor = self.actors.get(mention) or self.known.get(mention)
        return actor.key if actor is not None else f"{mention.start}"


def extract_statements(doc: Doc, article: Article, actors: Mapping[Mention, Actor]) -> Iterator[Statement]:
    """Every attributed statement in ``doc`` whose speaker is one of ``actors``' mentions, or a speaker the
    statement's subject names that no mention covers (a mention and an actor of its own, rule
    ``statement:unnamed-speaker``: the caller adds them to the article's actors).

    Besides speaker, cue and content, a statement keeps its channel ("told the Al-Arabiya
    television network") and the source that relayed it ("was quoted by Channel 10", or a
    statement reported inside another's content), and a quotation that runs on into the next
    sentence ("“...,” Prosor said. “...”") is part of the same content.
    """
    ctx = _Context(doc, article, actors)
    found = ctx.found
    cues = {t.i for t in tokens_where(doc, "lemma", lexicon.reporting_cues())}
    learned = learned_cues(doc, cues, lambda offset: _in_quotes(ctx, offset), _deeds()) if LEARNED_CUES else {}
    cues |= set(learned)
    documents = {t.i for t in tokens_where(doc, "lower", _DOCUMENT_NOUNS)}
    nouns = {t.i for t in tokens_where(doc, "lemma", lexicon.load("claim_nouns")) if t.pos_ == "NOUN"}
    stances = {t.i for t in tokens_where(doc, "lemma", lexicon.load("stance_nouns")) if t.dep_ == "dobj"}
    starts = sorted(cues | documents | nouns | stances | {t.i for t in tokens_where(doc, "lower", {"according"})})
    for sent in doc.sents:
        for token in (doc[i] for i in starts[bisect_left(starts, sent.start): bisect_left(starts, sent.end)]):
            if article.in_boilerplate(token.idx, token.idx + len(token)):
                continue  # a caption glued to a sentence: only the sentence's own words count
            if token.lower_ == "according" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
                found.extend(_according(token, sent, ctx))
            elif token.i in cues and token.pos_ in {"VERB", "AUX"} and not _infinitive(token) and not _negated(token):
                found.extend(_reported(token, sent, ctx, learned=learned.get(token.i)))
            elif token.i in documents and token.dep_ == "dobj":
                found.extend(_issued_statement(token, sent, ctx))
            elif token.i in nouns:
                found.extend(_claim_noun(token, sent, ctx))
            elif token.i in stances:
                found.extend(_expressed_stance(token, sent, ctx))
        continued = _continued_quote(sent, found, article)
        if continued:
            found.append(continued)
    found.extend(_speaker_lines(ctx))
    found = _unique(found)
    for st in found:
        outer = next((o for o in found if o is not st and o.start <= st.cue_start < o.end), None)
        if outer is not None and st.reported_by is None:
            st = replace(st, reported_by=outer.speaker_mention)
        yield st


def _unique(found: list[Statement]) -> list[Statement]:
    """One statement per speaker, cue and content; an unnamed speaker's phrases said again are one actor."""
    seen: set[tuple[str, int, int]] = set()
    kept: list[Statement] = []
    for st in found:  # "“...,” he said, adding ...": one statement of one content by one speaker
        key = (st.speaker.key, st.start, st.end)
        if key not in seen:
            seen.add(key)
            kept.append(st)
    unnamed: dict[str, list[Mention]] = {}
    for st in kept:
        if st.speaker_mention.rule == UNNAMED_RULE:
            unnamed.setdefault(st.speaker.key, []).append(st.speaker_mention)
    if not unnamed:
        return kept
    actors = {}
    for key, mentions in unnamed.items():
        mentions = sorted(set(mentions), key=lambda m: m.start)
        first = next(st.speaker for st in kept if st.speaker.key == key)
        actors[key] = replace(first, mentions=tuple(mentions), mention_rules=("resolution:name",) * len(mentions),
                              aliases=tuple(sorted({m.text for m in mentions} - {first.label})))
    return [replace(st, speaker=actors[st.speaker.key]) if st.speaker.key in actors else st for st in kept]


# --- the cue and its speaker --------------------------------------------------------------------------------------

#: Whether verbs outside the lexicon that the learned model takes for cues report statements (kg/extract/cues.py).
LEARNED_CUES = True

#: The probability a learned cue needs to report an object or an infinitive ("questioned the integrity of the
#: vote"); below it, down to the model's threshold, it must report a clause or a quotation ("shows that ...").
LEARNED_OBJECT_THRESHOLD = 0.45
#: The event types whose verbs say something (kg/lexicons/event_verbs.txt): the others are deeds, never cues.
_SPEECH_EVENTS = {"condemnation", "praise", "threat"}


@cache
def _deeds() -> frozenset[str]:
    """Verbs the graph reads as deeds ("fired", "stormed", "killed"): no learned cue, whatever the model says."""
    return frozenset(verb for verb, kind in lexicon.load_mapping("event_verbs").items()
                     if kind.split("|")[0].strip() not in _SPEECH_EVENTS)


def _learned_content(cue: Token, content: tuple[str, int, int, bool], probability: float) -> bool:
    """Whether what a learned cue reports is a saying's content: a quotation, or words after the cue (the report
    before a cue is read for the lexicon's cues only: "an allegation Rwanda has denied" does not deny what precedes);
    not a document alone ("issued a statement": the statement's own rule reads it); an object or an infinitive only
    where the model is sure enough ("refused to comment" is an intention, not a saying)."""
    if content[3]:
        return True
    if content[2] <= cue.idx:
        return False
    if any(c.dep_ == "dobj" and c.lemma_.lower() in _DOCUMENT_NOUNS | {"interview", "speech"} for c in cue.children):
        return False
    if _says_a_clause(cue, content):
        return True
    return probability >= LEARNED_OBJECT_THRESHOLD and _propositional(cue)




def _propositional(cue: Token) -> bool:
    """Whether a cue's object says something: a noun of saying ("denied the claims", "rejected the allegations")
    or an object with what is said of it ("accused the rebels of breaching a cease-fire", "described the reports
    as credible", "called climate change a hoax"); not a thing ("praised the decision", "rejected a proposal")."""
    objects = [c for c in cue.children if c.dep_ == "dobj"]
    if not objects:
        return True  # an infinitive or a preposition's object: the model's certainty decides
    if objects[0].lemma_.lower() in lexicon.load("claim_nouns"):
        return True
    if objects[0].ent_type_ in {"PERSON", "ORG", "NORP", "GPE"} or objects[0].ent_type_.startswith("KG_") or \
            objects[0].lower_ in {"him", "her", "them", "us", "me"}:
        return True  # "criticized Trump", "endorsed her": what is said is about someone
    return any(c.dep_ in {"oprd", "xcomp", "acomp"} or (c.dep_ == "prep" and c.lower_ in {"of", "as", "for"} and any(
        g.pos_ in {"VERB", "NOUN"} for g in c.children)) for c in cue.children if c.i > objects[0].i)


def _says_a_clause(cue: Token, content: tuple[str, int, int, bool]) -> bool:
    """Whether a cue reports a clause or a quotation: a quotation, a clause under it ("shows that ..."), or the
    report before it that it closes."""
    if content[3] or content[2] <= cue.idx:
        return True
    return any(c.dep_ in {"ccomp", "parataxis"} or (c.dep_ in {"advcl", "conj"} and c.left_edge.lower_ in {
        "that", "whether", "if"}) for c in cue.children if c.idx <= content[1] + len(c.text) + 1 or c.idx < content[2])


#: The rule of a speaker the mentions do not know ("a witness", "a police source").
UNNAMED_RULE = "statement:unnamed-speaker"


def _reported(cue: Token, sent: Span, ctx: _Context, learned: float | None = None) -> list[Statement]:
    """The statements a reporting verb makes: one per speaker its subject names. A cue only the learned model
    found (:mod:`kg.extract.cues`) gives its statements the rule ``statement:learned-cue``."""
    speakers = _speakers(cue, ctx)
    content = _content(cue, sent, ctx)
    def holds_speaker(found) -> bool:  # the parse took the speaker's phrase into the clause before the cue
        return found is not None and not found[3] and found[2] <= cue.idx and any(
            found[1] <= m.start < found[2] for m, _, _ in speakers)

    if not (speakers and content) or holds_speaker(content):  # "..., the SDF said.": read off the words' order
        trailing = trailing_attribution(cue, sent, ctx.by_start, ctx.people)
        if trailing is not None:
            speakers = speakers or [trailing[0]]
            if content is None or holds_speaker(content):
                content = trailing[1]
    if not (speakers and content) or content[1] <= cue.idx < content[2]:
        return []  # "what they called a fabricated allegation": a content that holds its own cue says nothing
    if learned is not None and not _learned_content(cue, content, learned):
        return []
    content = _with_quote_group(content, cue, ctx)
    if learned is not None:
        speakers = [(m, "statement:learned-cue", min(c, CONFIDENCE["statement:learned-cue"])) for m, _, c in speakers]
    return [_statement(ctx, mention, cue, cue.lemma_.lower(), content, sent, rule, confidence,
                       channel=_channel(cue, ctx.by_start), relay=_relay(cue, ctx.by_start))
            for mention, rule, confidence in speakers]


def _subjects(cue: Token) -> list[Token]:
    """Who a cue's subject is: its active subject, the agent of a passive ("was quoted by X": the one quoted),
    or the subject of the verb a participle or conjoined verb hangs on ("..., saying", "and added")."""
    passive = any(c.dep_ in {"nsubjpass", "auxpass"} for c in cue.children)
    if passive and cue.lemma_.lower() != "quote":  # "civilians were reported missing": not who reported
        return [p for a in cue.children if a.dep_ == "agent" for p in a.children if p.dep_ == "pobj"]
    subjects = [c for c in cue.children if c.dep_ in SUBJECTS]
    head = cue
    while not subjects and head.dep_ in {"conj", "advcl", "xcomp"} and head.head != head:
        if head.dep_ == "advcl" and head.tag_ == "VBN":  # "Asked to point him out, Elliott gestured"
            return []
        head = head.head
        subjects = [c for c in head.children if c.dep_ in SUBJECTS]
        if any(c.dep_ == "nsubjpass" for c in subjects):
            return []
    return subjects


def _speakers(cue: Token, ctx: _Context) -> list[tuple[Mention, str, float]]:
    found: list[tuple[Mention, str, float]] = []
    for subject in _subjects(cue):
        if subject.lower_ in {"who", "which", "that"} and cue.dep_ == "relcl":  # "Moscow, which says ..."
            subject = cue.head
        speaker = _speaker_of_phrase(subject, ctx)
        if speaker is None:
            continue
        found.append(speaker)
        for other in _conjuncts(subject):  # "X and Y said": both
            more = _speaker_of_phrase(other, ctx, pronouns=False)
            if more is not None and more[0] not in {f[0] for f in found}:
                found.append(more)
        break
    return found


def _conjuncts(head: Token) -> list[Token]:
    found = []
    for child in head.children:
        if child.dep_ == "conj":
            found.append(child)
            found.extend(_conjuncts(child))
    return found


def _speaker_of_phrase(head: Token, ctx: _Context, pronouns: bool = True) -> tuple[Mention, str, float] | None:
    """The speaker a subject phrase names, with the rule and its confidence."""
    lower = _POSSESSIVES.get(head.text.lower(), head.text.lower())  # "his claim that ...": he
    if lower in _PERSON_PRONOUNS or lower in _BODY_PRONOUNS:
        if not pronouns:
            return None
        found = _person_for(head, ctx) if lower in _PERSON_PRONOUNS else _body_for(head, ctx)
        rule = "statement:reporting-verb+pronoun"
        return (found, rule, CONFIDENCE[rule]) if found else None
    mention = speaker_named(head, ctx)
    if mention is None:
        return None
    rule = UNNAMED_RULE if mention.rule == UNNAMED_RULE else "statement:reporting-verb"
    return mention, rule, CONFIDENCE[rule]  # a name the model missed of a known actor speaks as that actor


def speaker_named(head: Token, ctx: _Context) -> Mention | None:
    """Who a subject phrase names: a name of the phrase (:func:`named_in`), but a body the phrase names by a
    common noun is a body of its own ("Kherson city's military administration", "a UN investigation"), "the
    committee" the committee named before, and a phrase that names no actor an unnamed speaker."""
    mention = named_in(head, ctx.by_start, loose=False)
    if mention is None and _kind(head) == "Organization":
        outlet = [ctx.by_start[t.idx] for t in head.subtree if t.i < head.i and t.idx in ctx.by_start and (
            ctx.by_start[t.idx].entity_type == "Media" or (head.lower_ in lexicon.media_words() and ctx.by_start[
                t.idx].entity_type == "Organization"))]
        mention = outlet[-1] if outlet else None  # "Reuters news agency", "Russia's state-run Tass news agency"
        mention = mention or _body_anaphor(head, ctx) or _unnamed_speaker(head, ctx)
    if mention is None:
        mention = named_in(head, ctx.by_start)
    if mention is None:
        mention = _unnamed_speaker(head, ctx)
    return mention


def _kind(head: Token) -> str | None:
    if head.pos_ != "NOUN":
        return None
    kinds = lexicon.load_mapping("unnamed_speakers")
    return kinds.get(head.lemma_.lower()) or kinds.get(head.lower_)


def _reference(pronoun: Token, ctx: _Context) -> Token:
    """Where to look back from for a pronoun's speaker: the start of the quotation its cue closes ("“A. B. C,” he
    added": before A), else the pronoun."""
    sent = pronoun.sent
    for start, end in ctx.quotes:
        if sent.start_char <= end <= pronoun.idx and start < sent.start_char:
            found = ctx.doc.char_span(start, start + 1, alignment_mode="expand")
            if found is not None and len(found):  # a quotation opening with a space: no token starts there
                return found[0]
    return pronoun


def _sentences_back(token: Token, n: int) -> int:
    """The first character of the sentence ``n`` sentences before ``token``'s."""
    sent = token.sent
    for _ in range(n):
        if sent.start == 0:
            break
        sent = token.doc[sent.start - 1].sent
    return sent.start_char


def _person_for(pronoun: Token, ctx: _Context) -> Mention | None:
    """Who "he"/"she" speaking is: the person who spoke last, in its sentence or the two before ("“...,” he
    added"), else the last person named outside quotations; never one the text calls by the other pronoun."""
    word = _POSSESSIVES.get(pronoun.text.lower(), pronoun.text.lower())
    since = _sentences_back(_reference(pronoun, ctx), 2)
    for st in reversed(ctx.found):
        if st.sentence.start < since:
            break
        m = st.speaker_mention
        if m.entity_type == "Person" and m.start < pronoun.idx and ctx.gender.get(ctx.key(m), word) == word:
            return m
    i = bisect_right([m.end for m in ctx.people], pronoun.idx)
    while i > 0:
        i -= 1
        m = ctx.people[i]
        if ctx.gender.get(ctx.key(m), word) == word:
            return m
    return None


def _body_for(pronoun: Token, ctx: _Context) -> Mention | None:
    """Who "it"/"they" speaking is: the body that is the subject of a verb the pronoun's clause hangs on in its
    sentence ("Tigrayan forces issued a statement rejecting what they called ..."), else the body that spoke
    last in the sentence or the two before, else the body that is the subject of the sentence before ("The
    Provisional IRA accepted responsibility ... It claimed that ...")."""
    node = pronoun
    while node.head != node:
        node = node.head
        for child in node.children:
            if child.dep_ in SUBJECTS and child.i < pronoun.i and child.lower_ not in _BODY_PRONOUNS:
                mention = named_in(child, ctx.by_start)
                if mention is not None and mention.entity_type != "Person":
                    return mention
    since = _sentences_back(_reference(pronoun, ctx), 2)
    for st in reversed(ctx.found):
        if st.sentence.start < since:
            break
        if st.speaker_mention.entity_type != "Person" and st.speaker_mention.start < pronoun.idx:
            return st.speaker_mention
    sent = pronoun.sent
    if sent.start == 0:
        return None
    previous = pronoun.doc[sent.start - 1].sent
    for child in previous.root.children:
        if child.dep_ == "nsubj":
            mention = speaker_named(child, ctx) if child.lower_ not in _BODY_PRONOUNS else None
            if mention is not None and mention.entity_type != "Person" and mention.rule != UNNAMED_RULE:
                return mention
    return None


def _body_anaphor(head: Token, ctx: _Context) -> Mention | None:
    """ "The committee said": the last body named before whose name ends with that noun ("the Madani Resistance
    Committee"); "the group": the last group or organisation named, when the noun stands alone."""
    if any(c.dep_ not in {"det"} for c in head.children if c.i < head.i) or \
            not any(c.dep_ == "det" and c.lower_ == "the" for c in head.children):
        return None
    noun = head.lemma_.lower()
    for m in reversed(ctx.bodies):
        if m.end > head.idx:
            continue
        words = m.text.lower().split()
        if words and (words[-1] == noun or words[-1] == head.lower_):
            return m
        if noun in {"group", "organisation", "organization"} and m.entity_type in {"ArmedGroup", "Organization"} \
                and m.start >= _sentences_back(head, 3):
            return m
    return None


_GENDER_WORDS = {"he": "he", "him": "he", "his": "he", "himself": "he", "mr": "he", "mr.": "he", "sir": "he",
                 "she": "she", "her": "she", "hers": "she", "herself": "she", "mrs": "she", "mrs.": "she",
                 "ms": "she", "ms.": "she", "miss": "she"}


def _genders(doc: Doc, people: Sequence[Mention], actors: Mapping[Mention, Actor], quoted) -> dict[str, str]:
    """Which pronoun the text uses for each person it names, where it says: a title ("Mr", "Mrs"), or a
    pronoun in the clause the person is the subject of ("Erica Gasparri told local media she had reported ...")."""
    found: dict[str, str] = {}
    text = doc_text(doc)
    for m in people:
        key = actors[m].key
        if key in found:
            continue
        title = text[max(0, m.start - 6):m.start].split()
        if title and title[-1].lower() in _GENDER_WORDS and title[-1][0].isupper():
            found[key] = _GENDER_WORDS[title[-1].lower()]
            continue
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            continue
        head = span.root
        if head.dep_ not in SUBJECTS or head.head == head:
            continue
        for t in head.head.subtree:
            if t.i > span.end and t.lower_ in _GENDER_WORDS and t.pos_ == "PRON" and not quoted(
                    Mention(m.article_id, t.idx, t.idx + 1, t.text, "Person", "", m.sentence, 0)):
                found[key] = _GENDER_WORDS[t.lower_]
                break
    return found


def named_in(head: Token, by_start: Mapping[int, Mention], depth: int = 0, loose: bool = True) -> Mention | None:
    """The actor a noun phrase names, read from its structure: the name that is its head; a name in apposition
    ("the Lebanese Health Minister, Firass Abiad"; "Iraqi army First Lieutenant Waad Mohammed"); a name it is
    "known as"; and, unless not ``loose``, the author of a document ("the statement by X"), the body a role speaks
    for ("a spokesman for the ministry", "the head of X"), a name that modifies it ("Syrian army spokesman",
    "Israel's Channel 10"). A name deeper in the phrase ("an interview with a man in an old military uniform")
    is not its speaker."""
    tokens = without_clauses(head)
    own = [by_start[t.idx] for t in tokens if t.idx in by_start]
    covering = next((m for m in own if m.start <= head.idx < m.end), None)
    if covering is not None:
        # "Iraqi army First Lieutenant Waad Mohammed": a person right after the body, no comma between, is named
        for child in head.children:
            if child.dep_ == "appos" and child.i > head.i and child.doc[child.left_edge.i - 1].text != ",":
                person = next((m for m in own if m.start <= child.idx < m.end and m.entity_type == "Person"), None)
                if person is not None and covering.entity_type != "Person":
                    return person
        return covering
    for child in head.children:
        if child.dep_ == "appos":
            named = next((m for m in own if m.start <= child.idx < m.end), None)
            if named is not None:
                return named
        if child.dep_ == "relcl" and any(t.lemma_.lower() in {"name", "identify"} for t in child.subtree):
            # "the man, who gave his name as Wubet Fekremariam", "a resident who asked to be identified as X"
            person = next((by_start[t.idx] for t in child.subtree if t.idx in by_start
                           and by_start[t.idx].entity_type == "Person"), None)
            if person is not None:
                return person
        if child.dep_ == "acl" and child.lemma_.lower() in {"know", "call", "name"}:  # "known as MONUSCO"
            for p in child.children:
                for obj in (p.children if p.dep_ == "prep" else [p]):
                    if obj.dep_ in {"pobj", "oprd", "attr"} and obj.idx in by_start:
                        return by_start[obj.idx]
    if not loose:
        return None
    person = _person_in_apposition(head, by_start)
    if person is not None:  # "The head of the UN Human Rights Commission, Navi Pillay": the appositive hangs low
        return person
    if depth < 2:
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in {"of", "for", "from", "by", "at", "with", "in"}:
                if child.lower_ in {"with", "in"} and head.lemma_.lower() not in _DOCUMENT_NOUNS:
                    continue  # "a report in the Wall Street Journal", not "a man in a uniform"
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        named = named_in(obj, by_start, depth + 1)
                        if named is not None:
                            return named
    modifiers = [t for c in head.children if c.dep_ in {"compound", "amod", "poss", "nmod", "npadvmod"}
                 and c.i < head.i for t in c.subtree]
    if modifiers:
        return mention_in(modifiers + [head], by_start, head=head)
    return None


def _person_in_apposition(head: Token, by_start: Mapping[int, Mention]) -> Mention | None:
    """A person named in apposition to the phrase's head or to the object of one of its prepositions."""
    for node in [head] + [o for p in head.children if p.dep_ == "prep" for o in p.children if o.dep_ == "pobj"]:
        for child in node.children:
            if child.dep_ == "appos" and child.idx in by_start and by_start[child.idx].entity_type == "Person":
                return by_start[child.idx]
            if child.dep_ == "appos":
                covering = [m for m in by_start.values() if m.start <= child.idx < m.end and m.entity_type == "Person"]
                if covering:
                    return covering[0]
    return None


# --- speakers no mention names ----------------------------------------------------------------------------------

_UNNAMED_SKIP = {"a", "an", "the", "this", "that", "these", "those", "one", "some", "his", "her", "its", "their",
                 "our", "my", "your", "which", "whose", "what"}  # "the weapons which rights groups say kill"


def _unnamed_speaker(head: Token, ctx: _Context) -> Mention | None:
    """A speaker of its own for a subject that names no actor: a common noun of a person or a body that speaks
    (``kg/lexicons/unnamed_speakers.txt``: "a witness", "a onetime friend of the ringleader", "Kherson city's
    military administration"), or a run of proper nouns the model did not take for a name ("Jan Egeland" read as
    a date). A place never speaks."""
    doc = head.doc
    if ctx.article.in_boilerplate(head.idx, head.idx + len(head)):
        return None  # a dateline ("GAZA STRIP: ..."), a page's tags ("Tags Syria Free Syrian Army opposition groups")
    if head.pos_ == "PROPN":
        if head.ent_type_ in _NOT_SPEAKER_ENTS or head.lower_ in lexicon.person_titles() \
                or head.lower_ in lexicon.load("title_words") or head.lower_.rstrip(".") in MONTHS:
            return None  # a place, a title ("the Premier said"), a dateline's month ("Fri 07 Apr 2017 ...")
        first = head.i
        while first > head.left_edge.i and doc[first - 1].pos_ == "PROPN" and doc[first - 1].head == head \
                and doc[first - 1].dep_ == "compound":
            first -= 1
        words = doc[first : head.i + 1]
        while len(words) > 1 and (words[0].lower_.rstrip(".") in lexicon.person_titles()
                                  or gazetteer.lost_possessive_state(words[0].text)):
            words = words[1:]  # a title; "Syrias Assad said": Syria's, its apostrophe lost, before the name
        last = words[-1].lower_
        if all(t.lower_ in lexicon.load_mapping("roles") for t in words) or last in _not_speakers() \
                or (last.endswith("s") and last[:-1] in _not_speakers()):
            return None  # "Head" alone, capitalised: a role is no name; "Bombing": a headline's event; "Reports"
        if len(words) == 1 and (last in lexicon.load("person_nouns") or last in lexicon.load("peoples")
                                or last in lexicon.load("institution_nouns")):
            # "Girl evacuated The ministry said": a caption's common noun, capitalised; "The Institute pointed out":
            # a body named before, not a body of its own ("state TV said" speaks: its outlet)
            return None
        if any(t.lower_ in lexicon.load("furniture_words") for t in words):
            return None  # "Showcase Category News The blunders of MBS ...": a page's section, not a speaker's name
        turned_down = set(lexicon.names("instrument_words")) | set(lexicon.names("not_actors"))
        if any(t.ent_type_ in _NOT_SPEAKER_ENTS or t.text in turned_down for t in words):
            return None  # a name the mentions' rules turned down ("the Chemical Weapons Convention stipulates")
        if len(words) > 4 or not all(t.is_title or t.is_upper for t in words if t.is_alpha) \
                or (words.text.isupper() and len(words) > 1) or _in_quotes(ctx, head.idx):
            return None  # capitals in a quotation ("“Brutal” shelling")
        entity_type = "Media" if head.lower_ in lexicon.media_words() else _ENT_TYPES.get(head.ent_type_, "Person")
        if head.lower_ in lexicon.body_nouns():  # "the Coalition said": a body; "Matthew Bruch Coalition": not his
            while len(words) > 1 and words[0].ent_type_ == "PERSON":
                words = words[1:]
            entity_type = "Organization"
        if len(words) == 1 and head.is_upper and cameo.agent_code(head.text) is not None \
                and head.lower_ not in lexicon.media_words():
            # "an NGO said": a generic agent's acronym is an unnamed body of its article, not one name everywhere;
            # without its determiner ("... killed NGO AFP Sunday"), a headline's credit
            before = doc[head.i - 1] if head.i > 0 else None
            if before is None or before.lower_ not in ("a", "an", "the", "one", "another"):
                return None
            return _unnamed_mention(doc[before.i : head.i + 1], "Organization", ctx)
        known = _known_named(words.text, ctx)
        if known is not None:  # "Prosor said" where the model missed the name: the Ron Prosor named before
            return _unnamed_mention(words, entity_type, ctx, named=True, actor=ctx.actors[known])
        mention = _unnamed_mention(words, entity_type, ctx, named=True)
        if mention is not None:
            ctx.names.add(mention)  # a name is the same actor in every article ("Reuters")
        return mention
    kind = _kind(head)
    if kind is None and (head.pos_ != "NOUN" or head.lemma_.lower() in _not_speakers()
                         or head.tag_ != "NNS" or not _of_people(head)):
        return None  # "critics say", "developers say": people; "the study says", "data show": no speaker
    if any(c.dep_ in ("det", "neg") and c.lower_ == "no" for c in head.subtree if c.i < head.i):
        # "No group has claimed responsibility", "there were no more hospitals" ("no" of "more"): no one
        return None
    tokens = [t for t in without_clauses(head) if (t.i <= head.i and t.dep_ != "appos" and not t.is_punct
                                                   and not (t.dep_ == "advmod" and t.pos_ == "ADV"))
              or _in_prep_of(t, head)]  # (not "Earlier" of "Earlier the source said")
    if tokens and tokens[0].i > 0 and _dangling_preposition(doc[tokens[0].i - 1]):
        nouns = [k for k, t in enumerate(tokens) if t.i < head.i and t.dep_ == "compound" and t.pos_ == "NOUN"]
        if nouns:  # "Despite the violence authorities plan": a comma lost, "the violence" is the preposition's
            tokens = tokens[nouns[-1] + 1 :]
    definite = bool(tokens) and tokens[0].lower_ == "the"
    while tokens and (tokens[0].lower_ in _UNNAMED_SKIP or tokens[0].is_punct):
        tokens = tokens[1:]
    inner = [k for k, t in enumerate(tokens) if t.lower_ in ("a", "an", "the") and t.i < head.i]
    if inner:  # "killed more than 100 a monitoring group said": a comma lost before the speaker's phrase
        tokens = tokens[inner[-1] + 1 :]
    while len(tokens) > 1 and tokens[0].dep_ == "compound" and tokens[0].tag_ == "NNS" \
            and tokens[0].lemma_.lower() in _not_speakers():
        tokens = tokens[1:]  # "According to reports members of parliament revealed": a comma lost after "reports"
    based = [k for k, t in enumerate(tokens) if t.lower_ == "based" and t.i < head.i and k > 0
             and doc[t.i - 1].text != "-"]
    if based:  # "the Aleppo based Fastaqim group said" ("Aleppo-based" without its hyphen): where it sits is not it
        tokens = tokens[based[-1] + 1 :]
    if not tokens or tokens[0].i > head.i:
        return None
    if tokens[0].i == head.i and definite:  # "the source said": the source who spoke before
        earlier = [m for m in ctx.unnamed.values() if m.end <= head.idx and ctx.heads.get(m) in {
            head.lower_, head.lemma_.lower()}]
        if earlier:
            return max(earlier, key=lambda m: m.start)
        if head.lemma_.lower() in _ANAPHORIC:
            return None  # "the group said": a body named before, not a body of its own
    end = max(t.i for t in tokens)
    words = doc[tokens[0].i : end + 1]
    if len(words) > 8:
        return None
    plural = head.tag_ in {"NNS", "NNPS"}
    entity_type = ("Group" if plural else "Person") if kind == "Person" else kind or (
        "Group" if plural else "Organization")
    mention = _unnamed_mention(words, entity_type, ctx, named=kind != "Person")
    if mention is not None:
        ctx.heads[mention] = head.lemma_.lower()
    return mention




def _dangling_preposition(token: Token) -> bool:
    """A preposition the parser left without its object ("Despite" in "Despite the violence authorities plan"):
    the noun phrase after it lost a comma, and its first nouns are the preposition's object."""
    return token.dep_ == "prep" and token.pos_ in ("ADP", "SCONJ") and not any(True for _ in token.children)


def _of_people(noun: Token) -> bool:
    """A plural noun no word list knows names people (``people_endings.txt``: "critics", "bystanders", "evacuees"),
    not things ("several buildings", "de-escalation zones"); a noun of an armed group or of people's groups is
    people too ("brigades", "militias")."""
    lemma = noun.lemma_.lower()
    if lemma in _people_nouns() or noun.lower_ in _people_nouns():
        return True
    return lemma.endswith(_people_endings()) and not lemma.endswith(("ment", "ing"))


@cache
def _people_endings() -> tuple[str, ...]:
    return tuple(sorted(lexicon.load("people_endings")))


@cache
def _people_nouns() -> frozenset[str]:
    return frozenset(lexicon.load("person_nouns") | lexicon.load("armed_group_heads")
                     | lexicon.load("people_groups") | lexicon.load("combatant_nouns"))


@cache
def _not_speakers() -> frozenset[str]:
    """Common nouns that are no speaker when they are a cue's subject (``kg/lexicons/not_speakers.txt``: records,
    documents, quantities, spans of time, meetings), nor any noun of an event or an attack ("air strikes suggest
    ..."), a weapon, or a site or means of a force that is not its people ("three ammunition depots")."""
    nouns = set(lexicon.load("not_speakers"))
    for name in ("event_nouns", "attack_nouns"):
        nouns |= {key.split()[-1] for key in lexicon.load_mapping(name)}
    nouns |= lexicon.load("weapon_nouns") | {"munition", "munitions", "weapon", "weapons"}  # "munitions show"
    people = lexicon.load("person_nouns") | set(lexicon.load_mapping("unnamed_speakers"))
    nouns |= (lexicon.load("military_sites") | lexicon.load("armed_group_assets")) - people  # "ammunition depots"
    return frozenset(nouns)


_ANAPHORIC = {"group", "organisation", "organization", "man", "woman", "official", "source", "member", "party"}
_NOT_SPEAKER_ENTS = {"GPE", "LOC", "FAC", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL",
                     "WORK_OF_ART", "LAW", "EVENT", "PRODUCT", "LANGUAGE"}
_ENT_TYPES = {"PERSON": "Person", "ORG": "Organization", "NORP": "Group"}


def _known_named(name: str, ctx: _Context) -> Mention | None:
    """The one actor the article names ``name`` (a body by its name, "Reuters"; a person by the end of theirs,
    "Prosor": Ron Prosor), or None."""
    words = name.lower().split()
    found = {ctx.actors[m].key: m for m in ctx.people if m.text.lower().split()[-len(words):] == words}
    found.update({ctx.actors[m].key: m for m in ctx.bodies if m.text.lower().split() == words})
    return next(iter(found.values())) if len(found) == 1 else None


def _in_quotes(ctx: _Context, offset: int) -> bool:
    i = bisect_right(ctx.quote_starts, offset) - 1
    return i >= 0 and ctx.quotes[i][0] <= offset < ctx.quotes[i][1]


def _in_prep_of(token: Token, head: Token) -> bool:
    """Whether a token sits in an "of" phrase right after ``head`` ("a friend of the ringleader")."""
    node = token
    while node != head and node.head != node:
        if node.dep_ == "prep" and node.head == head:
            return node.lower_ == "of"
        node = node.head
    return False


def _unnamed_mention(words: Span, entity_type: str, ctx: _Context, named: bool = False,
                     actor: Actor | None = None) -> Mention | None:
    """The mention of an unnamed speaker: the phrase (a body's phrase may hold a name: "UN investigation"; a
    person's may not: "a friend of Abedi" is not unnamed). Given ``actor``, a name the model missed of an actor
    it found elsewhere ("Prosor" of Ron Prosor): rule ``statement:speaker-name``, bound to that actor."""
    key = (words.start_char, words.end_char)
    if key in ctx.unnamed:
        return ctx.unnamed[key]
    text = words.text
    if len(text) < 2 or any(a < words.end_char <= b for a, b in ctx.places):
        return None  # "Avdiivka said": a place does not speak (but "Kherson city's administration" does)
    if not named and any(words.start_char <= m.start < words.end_char for m in ctx.by_start.values()):
        return None
    rule = UNNAMED_RULE if actor is None else "statement:speaker-name"
    mention = Mention(ctx.article.article_id, words.start_char, words.end_char, text, entity_type, rule,
                      sentence_of(words, ctx.article), CONFIDENCE[UNNAMED_RULE if actor is None else
                                                                   "statement:reporting-verb"])
    ctx.unnamed[key] = mention
    if actor is not None:
        ctx.known[mention] = actor
    return mention


def unnamed_actor(mention: Mention, name: bool = False) -> Actor:
    """The actor of an unnamed speaker: one per phrase and article ("police source in ARTICLE"); a ``name`` the
    model missed ("Jan Egeland") is one actor across articles, as the names the mentions found are."""
    label = mention.text
    key = " ".join(re.findall(r"\w+", label.lower())) + ("" if name else f" in {mention.article_id}")
    return Actor(key=key, label=label, entity_type=mention.entity_type, mentions=(mention,),
                 mention_rules=("resolution:name",))


# --- content ------------------------------------------------------------------------------------------------------

_TRAILING_WORDS = {"on", "in", "a", "an", "the", "statement", "tuesday", "monday", "wednesday", "thursday", "friday",
                   "saturday", "sunday", "today", "yesterday", "late", "earlier", "later", "last", "week", "night",
                   "told", "reporters", "also", "separately", "this", "interview", "briefing", "news", "conference",
                   "online", "post", "posted", "social", "media", "telegram", "x", "twitter", "facebook"}


def trailing_attribution(cue: Token, sent: Span, by_start: Mapping[int, Mention], people: list[Mention],
                         ) -> tuple[tuple[Mention, str, float], tuple[str, int, int, bool]] | None:
    """A report that ends with who gave it: "Turkish airstrikes killed 15 people, the SDF said.", "..., said
    Colonel X, a spokesman." The small model often parses such a sentence wrongly; the words' order is plain: the
    content runs to the last comma before the speaker, the speaker and the cue end the sentence.
    """
    doc = sent.doc
    after = [t for t in doc[cue.i + 1 : sent.end] if not t.is_punct]
    if len(after) > 8 or any(t.pos_ in {"VERB", "AUX"} and t.lower_ not in _TRAILING_WORDS for t in after):
        return None
    commas = [t for t in doc[sent.start : cue.i] if t.text in {",", "”", "\"", "’"}]
    if not commas:
        return None
    comma = commas[-1]
    between = list(doc[comma.i + 1 : cue.i])
    if cue.i - comma.i == 1:
        named_after = any(t.idx in by_start for t in after)
        if named_after and cue.lemma_.lower() not in _LISTENER_CUES:  # "..., said the SDF's spokesman Farhad Shami."
            between = [t for t in after if t.pos_ in {"PROPN", "NOUN", "DET", "ADJ", "PART"}]
        else:  # "..., the regional Health Minister, Amal Haddad, told the BBC": the speaker's phrase before the cue
            between = []
            for _ in range(2):
                previous = [t for t in commas if t.i < comma.i]
                segment = list(doc[previous[-1].i + 1 : comma.i]) if previous else []
                if not segment or len(segment) > 8 or any(t.pos_ in {"VERB", "AUX"} and t.dep_ not in {
                        "amod", "compound"} for t in segment):
                    break
                between = segment + between
                comma = previous[-1]
            between = [t for t in between if t.text != ","]
    if not between or len(between) > 12 or any(t.pos_ in {"VERB"} and t.dep_ not in {"amod", "compound"}
                                               and not t.ent_type_ for t in between):  # "Tulsa" read as a verb
        return None
    pronoun = [t for t in between if t.lower_ in {"he", "she"}]
    if pronoun:
        earlier = [m for m in people if m.end <= pronoun[0].idx]
        rule = "statement:trailing-attribution+pronoun"
        speaker = (earlier[-1], rule, CONFIDENCE[rule]) if earlier else None
    else:
        mention = mention_in(between, by_start, head=between[-1])
        rule = "statement:trailing-attribution"
        speaker = (mention, rule, CONFIDENCE[rule]) if mention else None
    first = sent.start
    while first < comma.i and (doc[first].is_punct or doc[first].is_space):
        first += 1
    if speaker is None or comma.i - first < 3:
        return None
    span = doc[first : comma.i]
    text = span.text.strip(STRIP)
    offset = span.start_char + (len(span.text) - len(span.text.lstrip(STRIP)))
    return speaker, (text, offset, offset + len(text), False)


def _negated(cue: Token) -> bool:
    """ "He did not acknowledge it", "did not report any casualties": a negated cue reports nothing said."""
    return any(c.dep_ == "neg" for c in cue.children)


def _infinitive(cue: Token) -> bool:
    """ "to respond to the demands", "declined to comment", "is expected to announce": an infinitive reports
    nothing said."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in cue.children)


def _channel(cue: Token, by_start: Mapping[int, Mention]) -> Mention | None:
    """Who a statement was made to: "told the Al-Arabiya television network", "said in an interview with X"."""
    heads: list[Token] = []
    for child in cue.children:
        if child.dep_ in {"dative"} or (child.dep_ == "dobj" and cue.lemma_.lower() == "tell"):
            heads.append(child)
        elif child.dep_ == "prep" and child.lower_ in {"to", "on"}:
            heads.extend(c for c in child.children if c.dep_ == "pobj")
        elif child.dep_ == "prep" and child.lower_ == "in":  # "in an interview with X"
            heads.extend(g for c in child.children for p in c.children if p.lower_ == "with"
                         for g in p.children if g.dep_ == "pobj")
    for head in heads:
        mention = mention_in(without_clauses(head), by_start, head=head)
        if mention is not None:
            return mention
    return None


def _relay(cue: Token, by_start: Mapping[int, Mention]) -> Mention | None:
    """The source that relayed a statement: "X was quoted by Channel 10 as saying"."""
    if cue.lemma_.lower() != "quote":
        return None
    for child in cue.children:
        if child.dep_ == "agent":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return mention_in(list(objects[0].subtree), by_start, head=objects[0])
    return None


def _continued_quote(sent: Span, found: list[Statement], article: Article) -> Statement | None:
    """A sentence that is only a quotation, right after a quoted statement, continues that speaker's quote."""
    text = sent.text.strip()
    if not text or text[0] not in "\"“" or any(st.sentence.start == sent.start_char for st in found):
        return None
    if any(st.start <= sent.start_char < st.end for st in found):  # already in a statement's quotation
        return None
    quote = _QUOTE.search(sent.text)
    previous = [st for st in found if st.direct and st.sentence.end <= sent.start_char
                and sent.start_char - st.sentence.end <= 3]
    if quote is None or not previous or quote.start() > 2:
        return None
    last = previous[-1]
    start = sent.start_char + quote.start(1)
    return replace(last, content=quote.group(1).strip(STRIP), start=start, end=start + len(quote.group(1)),
                   cue_start=start, sentence=sentence_of(sent, article), rule="statement:quote-continuation",
                   channel=None, reported_by=last.reported_by,
                   confidence=min(last.confidence, CONFIDENCE["statement:quote-continuation"]))


def _statement(ctx: _Context, mention: Mention, cue: Token | Span, lemma: str, content, sent, rule: str,
               confidence: float, channel: Mention | None = None, relay: Mention | None = None,
               actor: Actor | None = None) -> Statement:
    text, start, end, direct = content
    speaker = actor or ctx.actors.get(mention) or ctx.known.get(mention) or unnamed_actor(mention,
                                                                                          mention in ctx.names)
    return Statement(
        article_id=ctx.article.article_id,
        speaker=speaker,
        speaker_mention=mention,
        cue=cue.text,
        cue_lemma=lemma,
        cue_start=cue.idx if isinstance(cue, Token) else cue.start_char,
        content=text,
        start=start,
        end=end,
        sentence=sentence_of(sent, ctx.article),
        direct=direct,
        rule=rule,
        confidence=confidence,
        channel=channel,
        reported_by=relay,
    )


def _according(token: Token, sent: Span, ctx: _Context) -> list[Statement]:
    """ "..., according to X": X said what the clause says; "according to X and Y": both."""
    objects = [c for c in token.doc[token.i + 1].children if c.dep_ == "pobj"]
    rest = _according_content(token, sent)
    if not objects or rest is None:
        return []
    rule = "statement:according-to"
    found = []
    for head in [objects[0], *_conjuncts(objects[0])]:
        head = _document_source(head)  # "according to data provided by the health ministry": the ministry
        mention = speaker_named(head, ctx)
        if mention is not None and mention.rule == UNNAMED_RULE and head.pos_ == "NOUN" and _kind(head) is None \
                and head.lower_ not in lexicon.media_words() | {"media"}:
            continue  # "according to their type, location and flight patterns": what it goes by, no one
        if mention is not None and mention not in {st.speaker_mention for st in found}:
            found.append(_statement(ctx, mention, token.doc[token.i : token.i + 2], "according to", rest, sent,
                                    rule, CONFIDENCE[rule]))
    return found


#: what a source gives rather than who: "according to data (figures, a tally) provided by X" attributes it to X
_DATA_NOUNS = {"data", "datum", "figure", "figures", "statistic", "statistics", "tally", "count", "record", "records",
               "estimate", "estimates", "number", "numbers", "toll"}


def _document_source(head: Token) -> Token:
    """Who gave the data a phrase names ("data provided by the health ministry", "figures from the UN"), or the
    phrase itself."""
    if head.lemma_.lower() not in _DATA_NOUNS and head.lower_ not in _DATA_NOUNS:
        return head
    for child in head.children:
        if child.dep_ == "acl":  # "provided / released / compiled by X"
            for agent in child.children:
                if agent.dep_ == "agent":
                    return next((p for p in agent.children if p.dep_ == "pobj"), head)
        if child.dep_ == "prep" and child.lower_ in {"from", "by"}:
            return next((p for p in child.children if p.dep_ == "pobj"), head)
    return head


def _issued_statement(noun: Token, sent: Span, ctx: _Context) -> list[Statement]:
    """ "X issued a statement saying/rejecting/denying ...": the participle's clause is what X said."""
    verb = noun.head
    if noun.dep_ != "dobj" or verb.lemma_.lower() not in _ISSUE_VERBS:
        return []
    participles = [c for c in noun.children if c.dep_ in {"acl", "relcl"} and c.tag_ == "VBG"]
    if not participles:
        return []
    participle = participles[0]
    if participle.lemma_.lower() in lexicon.reporting_cues():  # "a statement saying X": the cue's clause
        content = _clause_content(participle, sent)
    else:  # "a statement rejecting X": the participle's phrase
        span = sent.doc[participle.i : participle.right_edge.i + 1]
        text = span.text.strip(STRIP)
        content = (text, span.start_char, span.start_char + len(text), False) if len(text.split()) >= 2 else None
    speakers = _speakers(verb, ctx)
    if not (speakers and content):
        return []
    rule_speakers = [(m, "statement:issued-statement" if r == "statement:reporting-verb" else r, c)
                     for m, r, c in speakers]
    return [_statement(ctx, m, participle, participle.lemma_.lower(), content, sent, r,
                       min(c, CONFIDENCE["statement:issued-statement"]), channel=None)
            for m, r, c in rule_speakers]


#: verbs that make a stance noun said (``kg/lexicons/stance_nouns.txt``): "expressed concern", "voiced hope"
_STANCE_VERBS = {"express", "voice", "convey", "offer", "extend", "send", "reiterate", "register", "state"}
_STANCE_PREPS = {"about", "over", "for", "at", "on", "with", "regarding", "to", "in", "that"}


def _expressed_stance(noun: Token, sent: Span, ctx: _Context) -> list[Statement]:
    """ "X expressed concern about the fate of a journalist", "voiced hope that the new government will help",
    "offered his condolences to the families": a stance noun (``kg/lexicons/stance_nouns.txt``) as the object of a
    verb of expressing is a statement of the verb's subject; its content is the noun's phrase (CAMEO 01, a comment:
    012 pessimism, 013 optimism, 018 sympathy)."""
    verb = noun.head
    if verb.lemma_.lower() not in _STANCE_VERBS or verb.pos_ != "VERB" or _negated(verb) or _infinitive(verb):
        return []
    speakers = _speakers(verb, ctx)
    words = [t for t in noun.subtree if t.dep_ != "poss" or t.head != noun]
    # what the stance is about, where the parse hung it on the verb: "expressed pessimism Friday over the future"
    about = [p for p in verb.children if p.dep_ == "prep" and p.i > noun.i and p.lower_ in _STANCE_PREPS]
    span = sent.doc[words[0].i : (about[0].right_edge.i if about else words[-1].i) + 1]
    text = span.text.strip(STRIP)
    if not speakers or len(text.split()) < 2:
        return []
    rule = "statement:expressed-stance"
    return [_statement(ctx, m, verb, verb.lemma_.lower(), (text, span.start_char, span.start_char + len(text), False),
                       sent, rule if r == "statement:reporting-verb" else r, min(c, CONFIDENCE[rule]))
            for m, r, c in speakers]


def _claim_noun(noun: Token, sent: Span, ctx: _Context) -> list[Statement]:
    """ "Trump's claim that ...", "the accusation by Hamas that ...", "Israel's assertion that ...": a noun of
    saying (``kg/lexicons/claim_nouns.txt``) with its "that" clause, said by its owner."""
    clauses = [c for c in noun.children if c.dep_ in {"acl", "ccomp", "appos"} and c.pos_ in {"VERB", "AUX"}
               and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)]
    if not clauses:
        return []
    owners = [c for c in noun.children if c.dep_ in {"poss", "compound"} and c.i < noun.i]
    owners += [p for c in noun.children if c.dep_ == "prep" and c.lower_ in {"by", "from", "of"}
               for p in c.children if p.dep_ == "pobj"]
    speaker = None
    for owner in owners:
        speaker = _speaker_of_phrase(owner, ctx)
        if speaker is not None and speaker[1] != UNNAMED_RULE:
            break
        speaker = None
    if speaker is None:
        return []
    tokens = [t for t in clauses[0].subtree if not (t.dep_ == "mark" and t.head == clauses[0])]
    span = sent.doc[tokens[0].i : tokens[-1].i + 1]
    text = span.text.strip(STRIP)
    if len(text.split()) < 3:
        return []
    mention, rule, confidence = speaker
    rule = "statement:claim-noun" + ("+pronoun" if rule.endswith("+pronoun") else "")
    return [_statement(ctx, mention, noun, noun.lemma_.lower(), (text, span.start_char, span.end_char, False), sent,
                       rule, min(confidence, CONFIDENCE[rule]))]


_SPEAKER_LINE = re.compile(r"[ \t]*[\"“]?([A-Z][\w.'’-]*(?:[ \t][A-Z][\w.'’-]*){0,3})[ \t]*:[ \t]+"
                           r"(\S[^\n]*(?:\n(?![ \t]*\n)[^\n]*)*)")


def _speaker_lines(ctx: _Context) -> list[Statement]:
    """A paragraph that opens with a person's name and a colon, as in an interview's transcript or a headline
    ("PENCE: Gennifer Flowers will not be attending ...", "Pat Caddell: Democrat Voters Worried ..."): what
    follows the colon, and the quoted paragraphs after it up to the next name, is what the person said. A name
    in capitals is the person of that surname the article names, else a speaker of its own."""
    found: list[Statement] = []
    text = doc_text(ctx.doc)
    surnames = {m.text.split()[-1].lower(): m for m in ctx.people}
    paragraphs = _paragraphs(text)
    for n, (a, b) in enumerate(paragraphs):
        match = _SPEAKER_LINE.match(text, a, b)
        if match is None or ctx.article.in_boilerplate(match.start(1), match.end(1)):
            continue
        name_start, name_end = match.start(1), match.end(1)
        if any(name_start <= m.start < name_end for m in ctx.bodies):
            continue  # "UN: Both Israel, Gaza militants may be guilty": a headline's subject, not a speaker
        mention = next((m for m in ctx.people if m.start == name_start and m.end >= name_end - 1), None)
        actor = ctx.actors.get(mention) if mention is not None else None
        name = ctx.doc.char_span(name_start, name_end)
        if mention is None and match.group(1).isupper() and name is not None and all(t.is_alpha for t in name) \
                and len(name.text) > 3:
            known = surnames.get(match.group(1).split()[-1].lower())  # "PENCE": the Mike Pence the article names
            mention = _unnamed_mention(name, "Person", ctx, named=True,
                                       actor=ctx.actors[known] if known is not None else None)
            actor = ctx.known.get(mention) if mention is not None else None
        if mention is None:
            continue
        content_end = match.end(2)
        for c, d in paragraphs[n + 1 : n + 8]:  # the turn goes on in quoted paragraphs up to the next name
            if _SPEAKER_LINE.match(text, c, d) or text[c:d].lstrip()[:1] not in {'"', "“"}:
                break
            content_end = d
        stripped, offset, end = _trimmed(ctx.doc, match.start(2), content_end)
        if len(stripped.split()) < 3:
            continue
        colon = text.index(":", name_end)
        sent = ctx.doc.char_span(match.start(2), match.start(2) + 1, alignment_mode="expand")
        cue = ctx.doc.char_span(colon, colon + 1, alignment_mode="expand")
        if sent is None or cue is None:
            continue
        rule = UNNAMED_RULE if mention.rule == UNNAMED_RULE else "statement:speaker-line"
        direct = text[match.start(2):].lstrip()[:1] in {'"', "“"} or match.group(1).isupper()
        found.append(_statement(ctx, mention, cue, ":", (stripped, offset, end, direct), sent.sent, rule,
                                CONFIDENCE[rule], actor=actor))
    return found


def quotations(doc: Doc) -> list[tuple[int, int]]:
    """Character spans of the quotations in ``doc`` (inside the marks), which may run over several sentences
    but not over a paragraph. Curly marks pair by direction; straight ones (and two apostrophes, '') in turn."""
    if "kg_quotes" in doc.user_data:
        return doc.user_data["kg_quotes"]
    found: list[tuple[int, int]] = []
    text = doc_text(doc)
    for paragraph in _paragraphs(text):
        opened: int | None = None
        straight: int | None = None
        for match in re.finditer(r"''|[\"“”]", text[paragraph[0]:paragraph[1]]):  # '' as some wires write "
            at, after = paragraph[0] + match.start(), paragraph[0] + match.end()
            mark = match.group()
            if mark == "“":
                opened = after
            elif mark == "”" and opened is not None:
                found.append((opened, at))
                opened = None
            elif mark in {'"', "''"}:
                if straight is None:
                    straight = after
                else:
                    found.append((straight, at))
                    straight = None
    found = [(a, b) for a, b in found if b - a >= 3]
    doc.user_data["kg_quotes"] = found
    return found


def _paragraphs(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]*)*", text)]


def _content(cue: Token, sent: Span, ctx: _Context) -> tuple[str, int, int, bool] | None:
    """What a cue reports: the quotation it introduces or closes, else its clause, else the report before it that
    it closes ("..., the SDF said")."""
    clause = _clause_content(cue, sent)
    quote = _quote_of(cue, clause)
    if quote is not None:
        start, end = quote
        text = doc_text(sent.doc)[start:end]
        lead = doc_text(sent.doc)[sent.start_char:start]
        if end <= cue.idx and sent.start_char < start and re.search(r"\w", lead) and not re.search(r"[.!?]\W*$", lead):
            # "However laudable the goal, using the tax ''is a misguided approach,'' Burman said": the sentence is
            return _trimmed(sent.doc, sent.start_char, end) + (False,)
        stripped = text.strip(STRIP)
        offset = start + len(text) - len(text.lstrip(STRIP))
        return stripped, offset, offset + len(stripped), True
    if clause is not None and clause[1] > cue.idx:
        clause = _to_phrase_end(cue, clause, sent)
    return clause or _preceding_content(cue, sent)


def _to_phrase_end(cue: Token, clause: tuple[str, int, int, bool], sent: Span) -> tuple[str, int, int, bool]:
    """A clause after its cue runs on to the end of the cue's phrase: what the small model hung on the cue past
    the clause ("called for deducting capital investments, but on an even wider scale") is part of what was said,
    up to a verb of the cue's own ("..., adding that ...", "and added"), which says something else."""
    doc = sent.doc
    end = clause[2]
    for child in sorted(cue.children, key=lambda c: c.i):
        if child.idx < end or child.is_punct:
            continue
        if child.pos_ in {"VERB", "AUX"} and child.dep_ in {"conj", "advcl", "parataxis"} and not any(
                g.dep_ in SUBJECTS for g in child.children):
            break  # the speaker's next act
        if child.dep_ in {"cc"}:
            continue
        if child.dep_ in {"nsubj", "nsubjpass"} or (child.i > cue.i and child.lower_ in {"according"}):
            break
        last = child.right_edge
        end = max(end, last.idx + len(last))
    if end == clause[2]:
        return clause
    text, start, stop = _trimmed(doc, clause[1], end)
    return text, start, stop, clause[3]


def _trimmed(doc: Doc, start: int, end: int) -> tuple[str, int, int]:
    """The text from ``start`` to ``end`` without the marks and spaces at its ends, and its offsets."""
    text = doc_text(doc)[start:end]
    stripped = text.strip(STRIP)
    offset = start + len(text) - len(text.lstrip(STRIP))
    return stripped, offset, offset + len(stripped)


def _with_quote_group(content: tuple[str, int, int, bool], cue: Token, ctx: _Context,
                      ) -> tuple[str, int, int, bool]:
    """A quotation with the quotations of its paragraph that go on after it: "“A,” he said. “B.” “C.”" and
    "“A,” he said, “B.”" say A … B (… C). Between the first part and the next there may be only the cue's own
    clause (its subject, its channel, its time); between later parts, nothing but punctuation and spaces."""
    text, start, end, direct = content
    if not direct:
        return content
    full = doc_text(ctx.doc)
    paragraph = next(((a, b) for a, b in _paragraphs(full) if a <= start < b), None)
    if paragraph is None:
        return content
    own = {t.i for t in cue.subtree} | {cue.i}
    parts = [(start, end)]
    crossed = cue.idx > end  # the cue stands between the first part and the next
    for q_start, q_end in ctx.quotes:
        if q_start < parts[-1][1] + 1 or q_start <= cue.idx:
            continue
        if q_end > paragraph[1]:
            break
        gap = ctx.doc.char_span(parts[-1][1], q_start, alignment_mode="expand")
        words = [t for t in (gap or []) if t.is_alpha or t.is_digit]
        if words and not (crossed and len(parts) == 1 and all(t.i in own for t in words)):
            break
        parts.append((q_start, q_end))
    if len(parts) == 1:
        return content
    texts = [t for t in (full[a:b].strip(STRIP) for a, b in parts) if t]
    last = full[parts[-1][0]:parts[-1][1]]
    last_end = parts[-1][0] + len(last.rstrip(STRIP))
    return _JOIN.join(texts), start, last_end, True


def _quote_of(cue: Token, clause: tuple[str, int, int, bool] | None) -> tuple[int, int] | None:
    """The quotation that is the cue's content: it ends just before the cue ("“...,” Prosor said"), starts just
    after it ("said: “...”"), or holds the cue's clause. A quotation inside a reported clause is not it."""
    doc = cue.doc
    cue_end = cue.idx + len(cue)
    subject_start = min([t.idx for c in cue.children if c.dep_ in SUBJECTS for t in c.subtree] + [cue.idx])
    for start, end in quotations(doc):
        if start <= cue.idx < end:
            continue
        if clause is not None and start - 2 <= clause[1] and clause[2] <= end + 2:
            return start, end  # the clause is the quotation
        between = doc_text(doc)[end:subject_start] if end <= subject_start else ""
        if end <= subject_start and len(between) <= 4 and not re.search(r"[\w\n]", between) \
                and _runs_on(doc_text(doc), start, end):
            if clause is None or clause[2] <= end + 1 or clause[1] < end:  # not a clause after the quotation
                return start, end
        after = doc_text(doc)[cue_end:start] if start >= cue_end else ""
        if start >= cue_end and len(after) <= 4 and not re.search(r"[\w\n]", after):
            return start, end
        if start >= cue_end and re.fullmatch(r"\s*:\s*[\"“]?", after):  # "He said:" and the quotation below
            return start, end
    if clause is None and cue.lemma_.lower() == "quote":  # "was quoted as having said that “...”"
        last = cue.right_edge.idx + len(cue.right_edge)
        for start, end in quotations(doc):
            if cue_end <= start and end <= last:
                return start, end
    return None


def _runs_on(text: str, start: int, end: int) -> bool:
    """Whether a quotation that ends before a cue's subject runs on into the cue's clause ("“...,” Prosor said",
    "“...?” he asked") rather than ending its own sentence ("... “reinforce the security.” Paris announced ...")."""
    inner = text[start:end].rstrip()
    after = text[end + 1 : end + 3].lstrip()
    return bool(inner) and (inner[-1] in ",?!—–-…:;" or after[:1] == ",")


def _clause_content(cue: Token, sent: Span) -> tuple[str, int, int, bool] | None:
    listener = cue.lemma_.lower() in _LISTENER_CUES
    for child in cue.children:  # "told the network that X": the clause may hang on the listener
        if child.dep_ in {"dobj", "dative"}:
            for clause in child.subtree:
                if clause.dep_ in {"ccomp", "acl", "relcl"} and any(
                        g.dep_ == "mark" and g.lower_ == "that" for g in clause.children):
                    tokens = [t for t in clause.subtree if not (t.dep_ == "mark" and t.head == clause)]
                    span = sent.doc[tokens[0].i : tokens[-1].i + 1]
                    return span.text.strip(STRIP), span.start_char, span.end_char, False
    for child in sorted(cue.children, key=lambda c: _CONTENT_DEPS.index(c.dep_) if c.dep_ in _CONTENT_DEPS else 9):
        if child.dep_ in _CONTENT_DEPS:
            if child.dep_ == "dobj" and (listener or _names_a_person(child)):
                continue  # "told the BBC", "called Yuhua Bai": who is spoken to, not what is said
            tokens = [t for t in child.subtree if not (t.dep_ == "mark" and t.head == child)]
            if child.dep_ == "dobj":  # "acknowledged these figures as reliable", "described X by Trump behind ..."
                tokens += [t for c in cue.children if c.i > child.i and c.dep_ in _VP_REST for t in c.subtree]
                tokens.sort(key=lambda t: t.i)
                after = tokens[-1].i + 1 if tokens else child.i
                if after < sent.end and sent.doc[after].pos_ in {"VERB", "AUX"} and sent.doc[after].dep_ != "conj":
                    # "said Acts of protest are acts of patriotism": the parse cut the clause at its subject
                    tokens += [t for t in sent.doc[after : sent.end] if not t.is_punct or t.i < sent.end - 1]
            elif child.dep_ in {"ccomp", "xcomp"}:  # "said X, but Y": a clause of its own subject goes with it
                pending: list[Token] = []
                for c in sorted(cue.children, key=lambda c: c.i):
                    if c.i < child.i or c.dep_ not in {"conj", "cc"}:
                        continue
                    if c.dep_ == "cc":
                        pending = [c]
                    elif any(g.dep_ in SUBJECTS for g in c.children):
                        tokens += pending + list(c.subtree)
                        pending = []
                    else:
                        break  # "said X and added Y": the speaker's next act, not what was said
                tokens.sort(key=lambda t: t.i)
            if not tokens or (tokens[-1].pos_ == "ADP" and tokens[-1].dep_ != "prt"):
                continue  # "which the PKK claimed responsibility for"; a verb's particle ends a clause ("go on")
            span = sent.doc[tokens[0].i : tokens[-1].i + 1]
            text = span.text.strip(STRIP)
            if len(text.split()) >= 2:
                return text, span.start_char, span.end_char, False
    for child in cue.children:  # "tweeted in the early hours that Machado was ...": a "that" clause, however parsed
        if child.dep_ in {"advcl", "conj"} and child.i > cue.i and child.left_edge.lower_ in {"that", "whether"}:
            tokens = [t for t in child.subtree if t.i > child.left_edge.i]
            if tokens:
                span = sent.doc[tokens[0].i : tokens[-1].i + 1]
                text = span.text.strip(STRIP)
                if len(text.split()) >= 2:
                    return text, span.start_char, span.end_char, False
    for child in cue.children:  # "witnesses spoke of as many as 50 dead", "called for an investigation"
        if child.dep_ == "prep" and child.lower_ in {"of", "about", "for", "against"}:
            objects = [c for c in child.children if c.dep_ in {"pobj", "pcomp"}]  # "called for reducing the tax"
            if objects:
                span = sent.doc[objects[0].left_edge.i : objects[0].right_edge.i + 1]
                text = span.text.strip(STRIP)
                if len(text.split()) >= 2:
                    return text, span.start_char, span.end_char, False
    # "The museum, Mr. Obama said, would make ...": the cue is a parenthesis in what it reports
    if cue.dep_ in {"parataxis", "ccomp"} and cue.head != cue and cue.head.pos_ in {"VERB", "AUX"} \
            and cue.left_edge.i > sent.start and sent.doc[cue.left_edge.i - 1].text in {",", "—", "–"}:
        skip = set(cue.subtree)
        tokens = [t for t in cue.head.subtree if t not in skip and sent.start <= t.i < sent.end]
        if tokens:
            span = sent.doc[tokens[0].i : tokens[-1].i + 1]
            text = span.text.strip(STRIP)
            if len(text.split()) >= 3:
                return text, span.start_char, span.end_char, False
    return None


def _names_a_person(token: Token) -> bool:
    return token.ent_type_ == "PERSON" or token.lower_ in {"him", "her", "them", "me", "us", "you"}


def _preceding_content(cue: Token, sent: Span) -> tuple[str, int, int, bool] | None:
    """The report a cue closes, parsed as such: "Turkish airstrikes killed 15 people, the SDF said", "...,
    the Lebanese Health Minister, Firass Abiad, told the BBC": from the sentence's start to the comma before the
    cue's subject (or before the cue, when the subject follows it)."""
    subjects = [c for c in cue.children if c.dep_ in SUBJECTS]
    if not subjects or cue.dep_ not in {"ROOT", "parataxis", "conj"} or any(
            c.dep_ == "dobj" or (c.dep_ == "ccomp" and c.i < cue.i) for c in cue.children):
        return None  # "in what Macron called an attack", "..., prosecutors called Yuhua Bai": no report before
    left = min(cue.i, min(s.left_edge.i for s in subjects))
    doc = sent.doc
    i = left - 1
    while i > sent.start and doc[i].text in {"”", "\"", "’", "'"}:
        i -= 1
    if i <= sent.start or doc[i].text not in {",", "—", "–"}:
        return None
    first = sent.start
    while first < i and (doc[first].is_punct or doc[first].is_space):
        first += 1
    if i - first < 3 or not any(t.pos_ in {"VERB", "AUX"} and t.tag_ not in {"VB", "VBG"} for t in doc[first:i]):
        return None  # "To piece together his movements, prosecutors called ...": no finite clause, no report
    span = doc[first:i]
    text = span.text.strip(STRIP)
    offset = span.start_char + (len(span.text) - len(span.text.lstrip(STRIP)))
    return text, offset, offset + len(text), False


def _according_content(token: Token, sent: Span) -> tuple[str, int, int, bool] | None:
    """What "according to X" attributes: the clause it hangs on, before the phrase ("Two soldiers were killed,
    according to X") or after it ("According to X, two soldiers were killed")."""
    head = token.head if token.head != token else None
    if head is None:
        return None
    while head.dep_ == "conj" and head.head != head:  # "... stood at 200,000 and has since exploded, according to X"
        head = head.head
    phrase = set(token.subtree)
    tokens = [t for t in head.subtree if t not in phrase and sent.start <= t.i < sent.end]
    before = [t for t in tokens if t.i < token.i and not t.is_punct]
    after = [t for t in tokens if t.i > token.i and not t.is_punct]
    part = before if len(before) >= 3 or not after else after
    if not part:
        return None
    span = sent.doc[part[0].i : part[-1].i + 1]
    text = span.text.strip(STRIP)
    return (text, span.start_char, span.end_char, False) if len(text.split()) >= 3 else None
