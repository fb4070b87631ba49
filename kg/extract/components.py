"""spaCy components of this project, registered in one place.

``kg_entity_ruler`` (an ``entity_ruler`` placed before the model's ``ner``) marks what
the small model misses or mislabels in war reporting: armed forces and units, media
outlets, international bodies, groups of people, all from the word lists in
``kg/lexicons``. Its labels are ``KG_<type>``; the model's NER fills in around them.

``kg_mentions`` turns the entities into typed mentions of actors and places
(``doc.spans["kg_mentions"]``; a span's label is the entity type, its ``id_`` the rule
that typed it).
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.language import Language
from spacy.tokens import Doc, Span

from kg import lexicon
from kg.extract.syntax import POSSESSIVE
from kg.resolve import gazetteer, places

MENTIONS_KEY = "kg_mentions"
_DETERMINERS = {"the", "a", "an"}


RULER_PREFIX = "KG_"


def add_to(nlp: Language) -> None:
    """Add this project's components to ``nlp`` (once)."""
    if "kg_line_breaks" not in nlp.pipe_names:
        nlp.add_pipe("kg_line_breaks", before="parser")
    if "kg_entity_ruler" not in nlp.pipe_names:
        ruler = nlp.add_pipe("entity_ruler", name="kg_entity_ruler", before="ner",
                             config={"validate": True, "overwrite_ents": False})
        with nlp.select_pipes(disable=nlp.pipe_names):  # phrase patterns need only the tokenizer
            ruler.add_patterns(entity_patterns())
    if "kg_mentions" not in nlp.pipe_names:
        nlp.add_pipe("kg_mentions", last=True)


def entity_patterns() -> list[dict]:
    """Entity-ruler patterns built from the lexicons (``label``: ``KG_<type>``, ``id``: the rule).

    >>> any(p["label"] == "KG_ArmedGroup" for p in entity_patterns())
    True
    """
    patterns: list[dict] = []
    for lexicon_name, entity_type in (("media", "Media"), ("organizations", "Organization"),
                                      ("armed_groups", "ArmedGroup")):
        for name in lexicon.names(lexicon_name):
            patterns.append({"label": RULER_PREFIX + entity_type, "pattern": name, "id": f"lexicon:{lexicon_name}"})
    modifiers = sorted(lexicon.load("armed_group_modifiers") | {d.lower() for d in lexicon.load_mapping("demonyms")})
    modifier = {"LOWER": {"IN": modifiers}}
    pro = [{"LOWER": {"IN": ["pro", "anti"]}}, {"ORTH": "-"}, {"IS_TITLE": True}]
    for head in sorted(lexicon.load("armed_group_heads")):
        head_tokens = [{"LOWER": word} for word in head.split()]
        armed = {"label": RULER_PREFIX + "ArmedGroup", "id": "ruler:armed-group"}
        patterns.append({**armed, "pattern": [{**modifier, "OP": "+"}, *head_tokens]})
        patterns.append({**armed, "pattern": [*pro, {**modifier, "OP": "*"}, *head_tokens]})
        patterns.append({**armed, "pattern": [{"LOWER": "pro"}, {"ORTH": "-"}, {"LOWER": "government"},
                                              {**modifier, "OP": "*"}, *head_tokens]})
    # "forces loyal to Bashar Assad", "elite forces loyal to Assad"
    patterns.append({"label": RULER_PREFIX + "ArmedGroup", "id": "ruler:forces-loyal-to",
                     "pattern": [{**modifier, "OP": "*"}, {"LOWER": {"IN": ["forces", "troops", "fighters", "units"]}},
                                 {"LOWER": "loyal"}, {"LOWER": "to"}, {"IS_TITLE": True, "OP": "+"}]})
    for head in sorted(lexicon.load("armed_group_standalone")):
        patterns.append({"label": RULER_PREFIX + "ArmedGroup", "id": "ruler:armed-group",
                         "pattern": [{"LOWER": word} for word in head.split()]})
    # a numbered unit: "Unit 450", "Brigade 105", "the 4th Division"
    unit_words = ["unit", "brigade", "division", "battalion", "regiment", "corps"]
    patterns.append({"label": RULER_PREFIX + "ArmedGroup", "id": "ruler:armed-unit",
                     "pattern": [{"LOWER": {"IN": unit_words}, "IS_TITLE": True}, {"IS_DIGIT": True}]})
    patterns.append({"label": RULER_PREFIX + "ArmedGroup", "id": "ruler:armed-unit",
                     "pattern": [{"TEXT": {"REGEX": r"^\d+(st|nd|rd|th)$"}},
                                 {"LOWER": {"IN": unit_words}, "IS_TITLE": True}]})
    # an organ of an international body: "a U.N. commission", "the UN panel"
    organs = ["commission", "panel", "inquiry", "investigators", "mission", "team", "monitors", "agency"]
    for body in (["UN"], ["U.N."], ["United", "Nations"]):
        patterns.append({"label": RULER_PREFIX + "Organization", "id": "ruler:un-organ",
                         "pattern": [*({"ORTH": w} for w in body), {"LOWER": {"IN": organs}}]})
    for noun in sorted(lexicon.load("people_groups")):
        patterns.append({"label": RULER_PREFIX + "Group", "id": "lexicon:people-groups",
                         "pattern": [{"LOWER": noun}]})
    return patterns


@Language.component("kg_line_breaks", assigns=["token.is_sent_start"])
def kg_line_breaks(doc: Doc) -> Doc:
    """Start a sentence after a line break that ends a title, a caption or a paragraph.

    A sentence never runs across a blank line, nor across a line break followed by a capital,
    a digit, a quote or a bullet ("Syrian President Bashar Assad\nAn officer ..."). A line
    broken inside a sentence (hard-wrapped text continuing in lower case) is left alone.
    """
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if token.is_space or "\n" not in previous.text + previous.whitespace_:
            continue
        paragraph = previous.is_space and previous.text.count("\n") >= 2
        first = token.text[:1]
        if paragraph or first.isupper() or first.isdigit() or first in "\"“‘'•*-–—(":
            token.is_sent_start = True
    return doc


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
    while end > start and span.doc[end - 1].text in POSSESSIVE:
        end -= 1
    return Span(span.doc, start, end, label=span.label, span_id=span.ent_id)


def _split_possessive(span: Span) -> list[Span]:
    """``Israel's Channel 10 News`` names two parties: the owner and the owned."""
    doc = span.doc
    for i in range(span.start + 1, span.end - 1):
        if doc[i].text in POSSESSIVE:
            owner = Span(doc, span.start, i, label="GPE" if gazetteer.is_state(doc[span.start:i].text) else span.label)
            return [owner, Span(doc, i + 1, span.end, label=span.label, span_id=span.ent_id)]
    return [span]


_PLACE_PREPOSITIONS = {"in", "at", "near", "from", "outside", "around", "across", "into", "to"}
_PLACE_NOUNS = {"town", "towns", "city", "cities", "village", "villages", "province", "district", "region",
                "suburb", "suburbs", "countryside", "outskirts", "neighbourhood", "neighborhood", "area"}


def _place_context(span: Span) -> bool:
    """The words around a span say it is a place: "in X", "the town of X", "X and Y" after such words."""
    root = span.root
    while root.dep_ == "conj" and root.head != root:  # "al-Bayda and Baniyas"
        root = root.head
    if root.dep_ != "pobj":
        return False
    preposition = root.head
    if preposition.lower_ in _PLACE_PREPOSITIONS:
        return True
    return preposition.lower_ == "of" and preposition.head.lower_ in _PLACE_NOUNS


def _named_as_place(span: Span) -> bool:
    """A name the text itself calls a place: "the town of Hader", "al-Aziziyeh neighborhood"."""
    doc = span.doc
    after = doc[span.end] if span.end < len(doc) else None
    if after is not None and after.lower_ in _PLACE_NOUNS and after.lower_ != "area":
        return True
    root = span.root
    while root.dep_ == "conj" and root.head != root:
        root = root.head
    return root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lower_ in _PLACE_NOUNS \
        and root.head.head.lower_ != "area"


def _type_of(span: Span) -> tuple[str, str] | None:
    if len(span) == 0 or not any(c.isalpha() for c in span.text):
        return None
    label = span.label_
    text = span.text
    if label.startswith(RULER_PREFIX):
        return label[len(RULER_PREFIX):], span.ent_id_ or "ruler"
    doc = span.doc
    if span.end + 1 < len(doc) and doc[span.end].text == "-" and doc[span.end + 1].lower_ == "based":
        return None  # "the Britain-based monitor": where it sits, not who speaks
    if label == "NORP":
        state = lexicon.load_mapping("demonyms").get(text.lower().removesuffix("s"))
        if state and len(span) == 1:
            return "State", "ner:NORP+lexicon:demonym"
        return None
    if label in ("PERSON", "ORG", "GPE", "NORP") and _named_as_place(span):
        return "Place", f"ner:{label}+context:place-noun"  # "the town of Hader", "al-Aziziyeh neighborhood"
    if label in ("PERSON", "ORG") and _place_context(span) and places.is_place(text, fuzzy=False):
        return "Place", f"ner:{label}+context+gazetteer:place"  # "in the towns of al-Bayda and Baniyas"
    if label == "PERSON":
        if gazetteer.is_state(text):
            return "State", "ner:PERSON+gazetteer:state"
        return "Person", "ner:PERSON"
    if text in lexicon.names("not_actors") or span[-1].text in lexicon.names("instrument_words"):
        return None
    if label == "ORG":
        if any(t.lower_ in lexicon.media_words() for t in span):
            return "Media", "ner:ORG+lexicon:media"
        if gazetteer.is_state(text):
            return "State", "ner:ORG+gazetteer:state"
        if len(span) <= 3 and places.is_place(text, min_population=100_000, fuzzy=False):
            return "Place", "ner:ORG+gazetteer:city"  # the model often takes a city for an organisation
        return "Organization", "ner:ORG"
    if label == "GPE":
        if gazetteer.is_state(text):
            return "State", "ner:GPE+gazetteer:state"
        return "Place", "ner:GPE"
    if label in {"LOC", "FAC"}:
        return "Place", f"ner:{label}"
    return None
