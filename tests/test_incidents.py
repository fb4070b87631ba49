"""One article, one story: a name keeps its sense through the article (the model's misses filled in), and one
incident's reports (a headline, a toll, a claim) meet in one event's participants. Rules on hand-built Docs."""

from __future__ import annotations

from test_rules import mentions, parse  # tests/ is on sys.path (conftest.py)

from kg.extract.repeats import extract_repeats
from kg.records import Article

HEADLINE = """
RSF       RSF       PROPN compound 1
attack    attack    NOUN  nsubj    2
kills     kill      VERB  ROOT     2
100       100       NUM   dobj     2
.         .         PUNCT punct    2
Fighters  fighter   NOUN  nsubj    8
of        of        ADP   prep     5
RSF       RSF       PROPN pobj     6
attacked  attack    VERB  ROOT     8
Abdifatah Abdifatah PROPN compound 10
Barre     Barre     PROPN dobj     8
;         ;         PUNCT punct    8
Barre     Barre     PROPN nsubj    13
died      die       VERB  conj     8
and       and       CCONJ cc       13
officials official  NOUN  nsubj    16
said      say       VERB  conj     13
.         .         PUNCT punct    16
"""


def test_a_name_the_model_missed_is_the_name_it_found_elsewhere():
    doc = parse(HEADLINE)
    article = Article("t", doc.text)
    found = mentions(doc, article, {(7, 8): "ArmedGroup", (9, 11): "Person", (15, 16): "Group"})
    repeats = list(extract_repeats(doc, article, found))
    assert [(m.text, m.entity_type, m.rule) for m in repeats] == [
        ("RSF", "ArmedGroup", "repeat"), ("Barre", "Person", "repeat")]
    assert repeats[0].start == 0 and repeats[1].confidence < found[0].confidence


def test_generic_nouns_and_common_words_are_not_repeated():
    doc = parse(HEADLINE)
    article = Article("t", doc.text)
    found = mentions(doc, article, {(15, 16): "Group", (2, 3): "Organization"})  # "officials", a stray "kills"
    assert list(extract_repeats(doc, article, found)) == []
