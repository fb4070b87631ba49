"""Stage: nlp doc + actors -> statements (who said what).

A statement is found where a reporting cue (``kg/lexicons/reporting_cues.txt``) has
a subject that names an actor, or where "according to X" introduces a claim. Its
content is the cue's clausal complement, else the quotation in the sentence.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator, Mapping
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from kg import lexicon
from kg.extract.confidence import CONFIDENCE
from kg.extract.syntax import STRIP, SUBJECTS, mention_in, sentence_of, speaker_of, without_clauses
from kg.extract.tokens import doc_text, tokens_where
from kg.records import Actor, Article, Mention, Statement

_CONTENT_DEPS = ("ccomp", "parataxis", "xcomp", "dobj")  # in order of preference
_QUOTE = re.compile(r"[\"“”„«»]([^\"“”„«»]{3,})[\"“”„«»]")


def extract_statements(doc: Doc, article: Article, actors: Mapping[Mention, Actor]) -> Iterator[Statement]:
    """Every attributed statement in ``doc`` whose speaker is one of ``actors``' mentions.

    Besides speaker, cue and content, a statement keeps its channel ("told the Al-Arabiya
    television network") and the source that relayed it ("was quoted by Channel 10", or a
    statement reported inside another's content), and a quotation that runs on into the next
    sentence ("“...,” Prosor said. “...”") is attributed to the same speaker.
    """
    by_start = {m.start: m for m in actors if not actors[m].is_place}  # places do not speak
    people = sorted((m for m in actors if actors[m].entity_type == "Person"), key=lambda m: m.start)
    found: list[Statement] = []
    cues = {t.i for t in tokens_where(doc, "lemma", lexicon.reporting_cues())}
    starts = sorted(cues | {t.i for t in tokens_where(doc, "lower", {"according"})})  # where a rule below starts
    for sent in doc.sents:
        for token in (doc[i] for i in starts[bisect_left(starts, sent.start): bisect_left(starts, sent.end)]):
            if article.in_boilerplate(token.idx, token.idx + len(token)):
                continue  # a caption glued to a sentence: only the sentence's own words count
            if token.i in cues and token.pos_ in {"VERB", "AUX"} and not _infinitive(token):
                speaker = speaker_of(token, by_start, people)
                content = _content(token, sent)
                if not (speaker and content):  # "..., the SDF said on Tuesday.": read off the words' order
                    speaker, content = trailing_attribution(token, sent, by_start, people) or (speaker, content)
                if speaker and content:
                    mention, rule, confidence = speaker
                    found.append(_statement(article, actors, mention, token, token.lemma_.lower(), content, sent,
                                            rule, confidence, channel=_channel(token, by_start),
                                            relay=_relay(token, by_start)))
            elif token.lower_ == "according" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
                mention = _according_source(doc[token.i + 1], by_start)
                rest = _according_content(token, sent)
                if mention and rest:
                    rule = "statement:according-to"
                    found.append(_statement(article, actors, mention, doc[token.i : token.i + 2], "according to",
                                            rest, sent, rule, CONFIDENCE[rule]))
        continued = _continued_quote(sent, found, article)
        if continued:
            found.append(continued)
    for st in found:
        outer = next((o for o in found if o is not st and o.start <= st.cue_start < o.end), None)
        if outer is not None and st.reported_by is None:
            st = replace(st, reported_by=outer.speaker_mention)
        yield st


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
    if cue.i - comma.i == 1:  # "..., said the SDF's spokesman Farhad Shami."
        between = [t for t in after if t.pos_ in {"PROPN", "NOUN", "DET", "ADJ", "PART"}]
    if not between or len(between) > 12 or any(t.pos_ in {"VERB"} and t.dep_ not in {"amod", "compound"}
                                               for t in between):
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


def _statement(article, actors, mention, cue: Token | Span, lemma, content, sent, rule, confidence,
               channel: Mention | None = None, relay: Mention | None = None) -> Statement:
    text, start, end, direct = content
    return Statement(
        article_id=article.article_id,
        speaker=actors[mention],
        speaker_mention=mention,
        cue=cue.text,
        cue_lemma=lemma,
        cue_start=cue.idx if isinstance(cue, Token) else cue.start_char,
        content=text,
        start=start,
        end=end,
        sentence=sentence_of(sent, article),
        direct=direct,
        rule=rule,
        confidence=confidence,
        channel=channel,
        reported_by=relay,
    )


def _according_source(to: Token, by_start: Mapping[int, Mention]) -> Mention | None:
    """The source named by "according to X": X's phrase without appositions and clauses."""
    objects = [c for c in to.children if c.dep_ == "pobj"]
    if not objects:
        return None
    skip = set()
    for token in objects[0].subtree:
        if token.dep_ in {"appos", "relcl", "acl"}:
            skip.update(token.subtree)
    return mention_in([t for t in objects[0].subtree if t not in skip], by_start, head=objects[0])


def quotations(doc: Doc) -> list[tuple[int, int]]:
    """Character spans of the quotations in ``doc`` (inside the marks), which may run over several sentences
    but not over a paragraph. Curly marks pair by direction; straight ones in turn."""
    if "kg_quotes" in doc.user_data:
        return doc.user_data["kg_quotes"]
    found: list[tuple[int, int]] = []
    text = doc_text(doc)
    for paragraph in re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]*)*", text):
        opened: int | None = None
        straight: int | None = None
        for match in re.finditer(r"[\"“”]", paragraph.group()):
            at = paragraph.start() + match.start()
            mark = match.group()
            if mark == "“":
                opened = at + 1
            elif mark == "”" and opened is not None:
                found.append((opened, at))
                opened = None
            elif mark == '"':
                if straight is None:
                    straight = at + 1
                else:
                    found.append((straight, at))
                    straight = None
    found = [(a, b) for a, b in found if b - a >= 3]
    doc.user_data["kg_quotes"] = found
    return found


def _content(cue: Token, sent: Span) -> tuple[str, int, int, bool] | None:
    """What a cue reports: the quotation it introduces or closes, else its clause."""
    clause = _clause_content(cue, sent)
    quote = _quote_of(cue, clause)
    if quote is not None:
        start, end = quote
        text = doc_text(sent.doc)[start:end]
        stripped = text.strip(STRIP)
        offset = start + len(text) - len(text.lstrip(STRIP))
        return stripped, offset, offset + len(stripped), True
    return clause


def _quote_of(cue: Token, clause: tuple[str, int, int, bool] | None) -> tuple[int, int] | None:
    """The quotation that is the cue's content: it ends just before the cue ("“...,” Prosor said"), starts just
    after it ("said: “...”"), or holds the cue's clause. A quotation inside a reported clause is not it."""
    doc = cue.doc
    cue_end = cue.idx + len(cue)
    subject_start = min([t.idx for c in cue.children if c.dep_ in SUBJECTS for t in c.subtree] + [cue.idx])
    for start, end in quotations(doc):
        if start <= cue.idx < end:
            continue
        if clause is not None and start <= clause[1] and clause[2] <= end + 1:
            return start, end  # the clause is the quotation
        between = doc_text(doc)[end:subject_start] if end <= subject_start else ""
        if end <= subject_start and len(between) <= 4 and not re.search(r"[\w\n]", between):
            if clause is None or clause[2] <= end + 1 or clause[1] >= end:
                return start, end
        after = doc_text(doc)[cue_end:start] if start >= cue_end else ""
        if start >= cue_end and len(after) <= 4 and not re.search(r"[\w\n]", after):
            return start, end
    if clause is None:  # "was quoted as having said that “...”": a quotation within the cue's own phrase
        last = cue.right_edge.idx + len(cue.right_edge)
        for start, end in quotations(doc):
            if cue_end <= start and end <= last:
                return start, end
    return None


def _clause_content(cue: Token, sent: Span) -> tuple[str, int, int, bool] | None:
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
            tokens = [t for t in child.subtree if not (t.dep_ == "mark" and t.head == child)]
            if not tokens:
                continue
            span = sent.doc[tokens[0].i : tokens[-1].i + 1]
            text = span.text.strip(STRIP)
            if len(text.split()) >= 2:
                return text, span.start_char, span.end_char, False
    # "The museum, Mr. Obama said, would make ...": the cue is a parenthesis in what it reports
    if cue.dep_ in {"parataxis", "ccomp", "advcl"} and cue.head != cue and cue.head.pos_ in {"VERB", "AUX"}:
        skip = set(cue.subtree)
        tokens = [t for t in cue.head.subtree if t not in skip and sent.start <= t.i < sent.end]
        if tokens:
            span = sent.doc[tokens[0].i : tokens[-1].i + 1]
            text = span.text.strip(STRIP)
            if len(text.split()) >= 3:
                return text, span.start_char, span.end_char, False
    return None


def _according_content(token: Token, sent: Span) -> tuple[str, int, int, bool] | None:
    head = token.head if token.head != token else None
    if head is None:
        return None
    tokens = [t for t in head.subtree if not (token.i <= t.i and t in set(token.subtree))]
    tokens = [t for t in tokens if t not in set(token.subtree)]
    if not tokens:
        return None
    span = sent.doc[tokens[0].i : tokens[-1].i + 1]
    text = span.text.strip(STRIP)
    return (text, span.start_char, span.end_char, False) if len(text.split()) >= 3 else None
