"""spaCy components of this project, registered in one place.

``kg_mentions`` turns the model's named entities into typed mentions of actors and
places (``doc.spans["kg_mentions"]``; a span's label is the entity type, its
``id_`` the rule that typed it).
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.language import Language
from spacy.tokens import Doc, Span

from kg import gazetteer, lexicon

MENTIONS_KEY = "kg_mentions"
_DETERMINERS = {"the", "a", "an"}
_POSSESSIVE = {"'s", "’s", "'", "’"}


def add_to(nlp: Language) -> None:
    """Add this project's components to ``nlp`` (once)."""
    if "kg_mentions" not in nlp.pipe_names:
        nlp.add_pipe("kg_mentions", last=True)


@Language.component("kg_mentions", requires=["doc.ents"], assigns=["doc.spans"])
def kg_mentions(doc: Doc) -> Doc:
    """Type the model's entities as actor or place mentions in ``doc.spans["kg_mentions"]``."""
    doc.spans[MENTIONS_KEY] = list(typed_mentions(doc.ents))
    return doc


def typed_mentions(ents: Iterable[Span]) -> Iterable[Span]:
    for ent in ents:
        for part in _split_possessive(_trim(ent)):
            typed = _type_of(part)
            if typed is not None:
                entity_type, rule = typed
                yield Span(part.doc, part.start, part.end, label=entity_type, span_id=rule)


def _trim(span: Span) -> Span:
    """Drop a leading determiner and a trailing possessive from an entity span."""
    start, end = span.start, span.end
    while start < end and span.doc[start].lower_ in _DETERMINERS:
        start += 1
    while end > start and span.doc[end - 1].text in _POSSESSIVE:
        end -= 1
    return Span(span.doc, start, end, label=span.label)


def _split_possessive(span: Span) -> list[Span]:
    """``Israel's Channel 10 News`` names two parties: the owner and the owned."""
    doc = span.doc
    for i in range(span.start + 1, span.end - 1):
        if doc[i].text in _POSSESSIVE:
            owner = Span(doc, span.start, i, label="GPE" if gazetteer.is_state(doc[span.start:i].text) else span.label)
            return [owner, Span(doc, i + 1, span.end, label=span.label)]
    return [span]


def _type_of(span: Span) -> tuple[str, str] | None:
    if len(span) == 0 or not any(t.is_alpha for t in span):
        return None
    label = span.label_
    text = span.text
    if label == "PERSON":
        if gazetteer.is_state(text):
            return "State", "ner:PERSON+gazetteer:state"
        return "Person", "ner:PERSON"
    if label == "ORG":
        if any(t.lower_ in lexicon.media_words() for t in span):
            return "Media", "ner:ORG+lexicon:media"
        if gazetteer.is_state(text):
            return "State", "ner:ORG+gazetteer:state"
        return "Organization", "ner:ORG"
    if label == "GPE":
        if gazetteer.is_state(text):
            return "State", "ner:GPE+gazetteer:state"
        return "Place", "ner:GPE"
    if label in {"LOC", "FAC"}:
        return "Place", f"ner:{label}"
    return None
