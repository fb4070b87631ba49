"""Statement rules on small hand-built Docs (no model)."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

from kg.extract.statements import extract_statements
from kg.records import Article, Mention, Sentence
from kg.resolve.actors import resolve_in_article


def parsed(words, heads, deps, pos, lemmas) -> Doc:
    return Doc(Vocab(), words=words, heads=heads, deps=deps, pos=pos, lemmas=lemmas)


def mentions_for(doc: Doc, article: Article, names: dict[str, str]) -> list[Mention]:
    found = []
    for token in doc:
        if token.text in names:
            sent = token.sent
            found.append(
                Mention(
                    article.article_id,
                    token.idx,
                    token.idx + len(token),
                    token.text,
                    names[token.text],
                    "test",
                    Sentence(article.article_id, sent.start_char, sent.end_char, sent.text),
                    0.7,
                )
            )
    return found


def run(doc: Doc, names: dict[str, str], boilerplate=()):
    article = Article("t", doc.text, boilerplate=boilerplate)
    actors = resolve_in_article(mentions_for(doc, article, names))
    return list(extract_statements(doc, article, actors))


@pytest.fixture
def indirect() -> Doc:
    #        0       1      2       3      4        5      6      7        8
    words = ["Kerry", "said", "that", "the", "offer", "was", "not", "enough", "."]
    heads = [1, 1, 5, 4, 5, 1, 5, 5, 1]
    deps = ["nsubj", "ROOT", "mark", "det", "nsubj", "ccomp", "neg", "acomp", "punct"]
    pos = ["PROPN", "VERB", "SCONJ", "DET", "NOUN", "AUX", "PART", "ADJ", "PUNCT"]
    lemmas = ["Kerry", "say", "that", "the", "offer", "be", "not", "enough", "."]
    return parsed(words, heads, deps, pos, lemmas)


def test_indirect_speech_gives_speaker_cue_and_content(indirect):
    (st,) = run(indirect, {"Kerry": "Person"})
    assert st.speaker.label == "Kerry"
    assert st.cue == "said" and st.cue_lemma == "say"
    assert st.content == "the offer was not enough"
    assert not st.direct
    assert indirect.text[st.sentence.start : st.sentence.end] == st.sentence.text


def test_a_proper_noun_no_mention_names_is_a_speaker_of_its_own(indirect):
    (st,) = run(indirect, {})
    assert st.speaker.label == "Kerry" and st.speaker_mention.rule == "statement:unnamed-speaker"
    assert st.speaker.entity_type == "Person" and st.speaker.key == "kerry"  # a name: one actor in every article


def test_no_statement_without_a_speaker(indirect):
    words = ["It", "said", "that", "the", "offer", "was", "not", "enough", "."]
    doc = parsed(words, [t.head.i for t in indirect], [t.dep_ for t in indirect],
                 ["PRON"] + [t.pos_ for t in indirect][1:], ["it"] + [t.lemma_ for t in indirect][1:])
    assert run(doc, {}) == []


def test_no_statement_from_boilerplate(indirect):
    assert run(indirect, {"Kerry": "Person"}, boilerplate=((0, len(indirect.text)),)) == []


def test_direct_quote_is_the_content():
    words = ["“", "Words", "are", "not", "enough", ",", "”", "Kerry", "said", "."]
    heads = [2, 2, 8, 2, 2, 8, 8, 8, 8, 8]
    deps = ["punct", "nsubj", "ccomp", "neg", "acomp", "punct", "punct", "nsubj", "ROOT", "punct"]
    pos = ["PUNCT", "NOUN", "AUX", "PART", "ADJ", "PUNCT", "PUNCT", "PROPN", "VERB", "PUNCT"]
    lemmas = ["“", "word", "be", "not", "enough", ",", "”", "Kerry", "say", "."]
    doc = parsed(words, heads, deps, pos, lemmas)
    (st,) = run(doc, {"Kerry": "Person"})
    assert st.direct
    assert st.content == "Words are not enough"


def test_pronoun_speaker_is_the_last_person_named():
    words = ["Prosor", "spoke", ".", "He", "said", "that", "Assad", "must", "go", "."]
    heads = [1, 1, 1, 4, 4, 8, 8, 8, 4, 4]
    deps = ["nsubj", "ROOT", "punct", "nsubj", "ROOT", "mark", "nsubj", "aux", "ccomp", "punct"]
    pos = ["PROPN", "VERB", "PUNCT", "PRON", "VERB", "SCONJ", "PROPN", "AUX", "VERB", "PUNCT"]
    lemmas = ["Prosor", "speak", ".", "he", "say", "that", "Assad", "must", "go", "."]
    doc = parsed(words, heads, deps, pos, lemmas)
    (st,) = run(doc, {"Prosor": "Person", "Assad": "Person"})
    assert st.speaker.label == "Prosor"
    assert st.content == "Assad must go"
    assert st.confidence < 0.7
