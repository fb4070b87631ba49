"""Stage: nlp doc -> mentions of actors and places."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from kg.extract.components import MENTIONS_KEY
from kg.extract.confidence import CONFIDENCE, mention_confidence
from kg.extract.syntax import sentence_of
from kg.records import Article, Mention
from kg.resolve.dictionary import ActorDictionary


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
                                      confidence=CONFIDENCE["dictionary"]))
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
        confidence=mention_confidence(entity_type),
    )
