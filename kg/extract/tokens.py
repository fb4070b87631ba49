"""Finding cue tokens fast: the tokens of a Doc whose lower-cased lemma (or text) is in a word list.

Each extractor looks for its cue words (verbs of denying, event nouns, ...); rather than every extractor
walking every token and asking spaCy for its lemma, each Doc is indexed once per field (kept in
``doc.user_data``) and an extractor visits only the tokens whose word is in its list, in document order.

>>> from spacy.lang.en import English
>>> from spacy.tokens import Doc
>>> doc = Doc(English().vocab, words=["Russia", "denied", "it", "and", "Syria", "DENIED", "too"])
>>> [t.text for t in tokens_where(doc, "lower", {"denied"})]
['denied', 'DENIED']
>>> [t.text for t in tokens_where(doc, "lower", {"denied"}, start=2)]
['DENIED']
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Collection

import numpy
from spacy.attrs import LEMMA, LOWER
from spacy.tokens import Doc, Token

FIELDS = ("lemma", "lower")


def _index(doc: Doc, field: str) -> dict[str, list[int]]:
    key = f"kg_tokens_by_{field}"
    index = doc.user_data.get(key)
    if index is None:
        if field not in FIELDS:
            raise ValueError(f"field {field!r}: give one of {', '.join(FIELDS)}")
        index = {}
        if len(doc):
            # the field's string id of every token at once, grouped by id (a stable sort keeps each group in
            # document order); each id's string is looked up once
            codes = doc.to_array(LEMMA if field == "lemma" else LOWER)
            order = numpy.argsort(codes, kind="stable")
            distinct, firsts = numpy.unique(codes[order], return_index=True)
            strings = doc.vocab.strings
            merged = False
            for code, group in zip(distinct.tolist(), numpy.split(order, firsts[1:]), strict=True):
                word = strings[code]
                word = word.lower() if field == "lemma" else word
                if word in index:
                    index[word].extend(group.tolist())
                    merged = True
                else:
                    index[word] = group.tolist()
            if merged:
                for found in index.values():
                    found.sort()  # lemmas that differ only in case ("Deny", "deny") share a word
        doc.user_data[key] = index
    return index


def tokens_where(doc: Doc, field: str, words: Collection[str], start: int = 0, end: int | None = None,
                 ) -> list[Token]:
    """The tokens of ``doc`` (from token ``start`` to ``end``) whose lower-cased ``field`` (``"lemma"`` or
    ``"lower"``, the text) is one of ``words``, in document order."""
    index = _index(doc, field)
    if len(words) < len(index):
        hits = [i for w in words if w in index for i in index[w]]
    else:
        hits = [i for w, found in index.items() if w in words for i in found]
    hits.sort()
    if start or end is not None:
        hits = hits[bisect_left(hits, start): bisect_left(hits, len(doc) if end is None else end)]
    return [doc[i] for i in hits]



def doc_text(doc: Doc) -> str:
    """``doc.text``, kept in the Doc (spaCy joins every token again at each ``doc.text``)."""
    text = doc.user_data.get("kg_text")
    if text is None:
        text = doc.user_data["kg_text"] = doc.text
    return text


def entity_bounds(doc: Doc, label: str) -> list[tuple[int, int]]:
    """The (start, end) tokens of the Doc's named entities of ``label``, in the order of the text, found once per
    Doc (``doc.ents`` makes every entity span again at each call). Bounds, not spans: a span kept in the Doc would
    hold the Doc in a reference cycle, which only the cyclic garbage collector frees."""
    key = f"kg_ents_{label}"
    bounds = doc.user_data.get(key)
    if bounds is None:
        bounds = doc.user_data[key] = [(ent.start, ent.end) for ent in doc.ents if ent.label_ == label]
    return bounds


__all__ = ["doc_text", "entity_bounds", "tokens_where"]
