"""Stage: nlp doc -> mentions of actors and places."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import replace

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from kg.extract.components import MENTIONS_KEY
from kg.extract.tokens import doc_text
from kg.records import Article, Mention, Sentence
from kg.resolve.dictionary import ActorDictionary

_CONFIDENCE = {"Person": 0.8, "State": 0.85, "Place": 0.75}


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


class DictionaryMatcher:
    """Finds the names of a user's actor dictionary in docs (built once per build)."""

    def __init__(self, dictionary: ActorDictionary, vocab) -> None:
        from spacy.lang.en import English

        self.dictionary = dictionary
        self.matcher = PhraseMatcher(vocab)
        tokenizer = English(vocab=vocab).tokenizer
        for surface, _entry in dictionary.names():
            self.matcher.add("DICT", [tokenizer(surface)])

    def spans(self, doc: Doc) -> list[Span]:
        found = [doc[start:end] for _, start, end in self.matcher(doc)]
        found.sort(key=lambda s: (-(s.end - s.start), s.start))
        chosen: list[Span] = []
        taken: set[int] = set()
        for span in found:  # longest first, no overlaps
            if not taken.intersection(range(span.start, span.end)):
                chosen.append(span)
                taken.update(range(span.start, span.end))
        return chosen


def extract_mentions(doc: Doc, article: Article, dictionary: DictionaryMatcher | None = None) -> Iterator[Mention]:
    """Every typed mention in ``doc`` outside the article's boilerplate, in text order.

    Names of the user's actor dictionary take the dictionary's type and canonical name, and
    win over an overlapping mention the model found.
    """
    mentions = [_mention(span, span.label_, span.id_ or "ner", article) for span in doc.spans.get(MENTIONS_KEY, [])]
    if dictionary is not None:
        listed = []
        for span in dictionary.spans(doc):
            entry = dictionary.dictionary.lookup(span.text)
            if entry is not None:
                listed.append(replace(_mention(span, entry.entity_type, "dictionary", article), canonical=entry.name,
                                      confidence=0.95))
        mentions = [m for m in mentions if not any(m.start < d.end and d.start < m.end for d in listed)] + listed
        for i, m in enumerate(mentions):
            entry = dictionary.dictionary.lookup(m.text) if not m.canonical else None
            if entry is not None:
                mentions[i] = replace(m, entity_type=entry.entity_type, canonical=entry.name)
    for m in sorted(mentions, key=lambda m: (m.start, m.end)):
        if not article.in_boilerplate(m.start, m.end):
            yield m


def _mention(span: Span, entity_type: str, rule: str, article: Article) -> Mention:
    return Mention(
        article_id=article.article_id,
        start=span.start_char,
        end=span.end_char,
        text=span.text,
        entity_type=entity_type,
        rule=rule,
        sentence=sentence_of(span, article),
        confidence=_CONFIDENCE.get(entity_type, 0.7),
    )
