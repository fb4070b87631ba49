"""Stage: nlp doc -> mentions of actors and places."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Span

from kg.components import MENTIONS_KEY
from kg.records import Article, Mention, Sentence

_CONFIDENCE = {"Person": 0.8, "State": 0.85, "Place": 0.75}


def sentence_of(span: Span, article: Article) -> Sentence:
    """The sentence a span sits in, as a record."""
    sent = span.sent
    return Sentence(article.article_id, sent.start_char, sent.end_char, sent.text)


def extract_mentions(doc: Doc, article: Article) -> Iterator[Mention]:
    """Every typed mention in ``doc`` outside the article's boilerplate, in text order."""
    for span in sorted(doc.spans.get(MENTIONS_KEY, []), key=lambda s: (s.start_char, s.end_char)):
        if article.in_boilerplate(span.start_char, span.end_char):
            continue
        yield Mention(
            article_id=article.article_id,
            start=span.start_char,
            end=span.end_char,
            text=span.text,
            entity_type=span.label_,
            rule=span.id_ or "ner",
            sentence=sentence_of(span, article),
            confidence=_CONFIDENCE.get(span.label_, 0.7),
        )
