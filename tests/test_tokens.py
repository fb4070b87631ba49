"""The per-Doc indexes the extractors use: cue tokens by lemma or text, and sentences of spans."""

from __future__ import annotations

import itertools

from spacy.lang.en import English
from spacy.tokens import Doc

from kg.extract.mentions import sentence_of
from kg.extract.tokens import tokens_where
from kg.records import Article, Sentence

WORDS = ["Russia", "Denied", "the", "claim", ".", "Syria", "denies", "it", "and", "DENIED", "again", "."]
LEMMAS = ["Russia", "Deny", "the", "claim", ".", "Syria", "deny", "it", "and", "deny", "again", "."]
STARTS = [True, False, False, False, False, True, False, False, False, False, False, False]


def _doc() -> Doc:
    return Doc(English().vocab, words=WORDS, lemmas=LEMMAS, sent_starts=STARTS)


def test_tokens_where_gives_what_a_walk_over_every_token_gives():
    doc = _doc()
    for words in ({"deny"}, {"deny", "claim"}, {"russia", "."}, set(), {"absent"}, {w.lower() for w in LEMMAS}):
        walked = [t.i for t in doc if t.lemma_.lower() in words]
        assert [t.i for t in tokens_where(doc, "lemma", words)] == walked
        walked = [t.i for t in doc if t.lower_ in words]
        assert [t.i for t in tokens_where(doc, "lower", words)] == walked
        for start, end in ((0, 5), (5, 12), (3, 7), (12, 12)):
            assert [t.i for t in tokens_where(doc, "lemma", words, start, end)] == [
                t.i for t in doc[start:end] if t.lemma_.lower() in words]


def test_lemmas_differing_in_case_are_one_word_in_document_order():
    assert [t.text for t in tokens_where(_doc(), "lemma", {"deny"})] == ["Denied", "denies", "DENIED"]


def test_an_empty_doc_has_no_tokens():
    assert tokens_where(Doc(English().vocab, words=[]), "lemma", {"deny"}) == []


def test_sentence_of_equals_spacys_sentence_for_every_span():
    doc = _doc()
    article = Article(article_id="a", text=doc.text)
    for start, end in itertools.combinations(range(len(doc) + 1), 2):
        span = doc[start:end]
        sent = span.sent
        assert sentence_of(span, article) == Sentence("a", sent.start_char, sent.end_char, sent.text)


def test_doc_text_and_entities_are_what_spacy_gives_made_once():
    from kg.extract.tokens import doc_text, entity_bounds

    doc = Doc(English().vocab, words=WORDS, lemmas=LEMMAS, sent_starts=STARTS,
              ents=["B-GPE", "O", "O", "O", "O", "B-GPE", "O", "O", "O", "O", "B-DATE", "O"])
    assert doc_text(doc) == doc.text and doc_text(doc) is doc_text(doc)
    assert entity_bounds(doc, "GPE") == [(e.start, e.end) for e in doc.ents if e.label_ == "GPE"] == [(0, 1), (5, 6)]
    assert entity_bounds(doc, "DATE") == [(10, 11)] and entity_bounds(doc, "DATE") is entity_bounds(doc, "DATE")
    assert entity_bounds(doc, "PERSON") == []


def test_what_the_indexes_keep_in_a_doc_holds_no_reference_to_it():
    import gc

    from kg.extract.tokens import doc_text, entity_bounds

    doc = Doc(English().vocab, words=WORDS, lemmas=LEMMAS, sent_starts=STARTS,
              ents=["B-GPE", "O", "O", "O", "O", "B-GPE", "O", "O", "O", "O", "B-DATE", "O"])
    doc_text(doc), entity_bounds(doc, "DATE"), tokens_where(doc, "lemma", {"deny"})
    sentence_of(doc[0:1], Article("a", doc.text))
    assert not any(referent is doc for value in doc.user_data.values() for referent in gc.get_referents(value)
                   for referent in [referent, *gc.get_referents(referent)])
