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

import re
from collections.abc import Iterable
from functools import cache

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.pipeline import EntityRuler
from spacy.tokens import Doc, Span

from kg import lexicon
from kg.extract import names, tables
from kg.extract.syntax import POSSESSIVE, VERBS_TABLE, verb_form
from kg.resolve import cameo, gazetteer, places

MENTIONS_KEY = "kg_mentions"
_DETERMINERS = {"the", "a", "an"}


RULER_PREFIX = "KG_"


def add_to(nlp: Language) -> None:
    """Add this project's components to ``nlp`` (once), and the model's index of English verbs to its vocabulary
    (:func:`kg.extract.syntax.verb_form`)."""
    _add_verbs(nlp)
    if "kg_line_breaks" not in nlp.pipe_names:
        nlp.add_pipe("kg_line_breaks", before="parser")
    if "kg_entity_ruler" not in nlp.pipe_names:
        nlp.add_pipe("kg_entity_ruler", before="ner")
    if "kg_names" not in nlp.pipe_names:
        nlp.add_pipe("kg_names", after="ner")
    if "kg_state_bodies" not in nlp.pipe_names:
        nlp.add_pipe("kg_state_bodies", after="kg_names")
    if "kg_named_forces" not in nlp.pipe_names:
        nlp.add_pipe("kg_named_forces", after="kg_state_bodies")
    if "kg_mentions" not in nlp.pipe_names:
        nlp.add_pipe("kg_mentions", last=True)


def _add_verbs(nlp: Language) -> None:
    """The lemmatizer's index of English verbs (a rule-mode lemmatizer's ``lemma_index``), as the vocabulary's
    lookup table :data:`kg.extract.syntax.VERBS_TABLE`; nothing where the pipeline has none."""
    if nlp.vocab.lookups.has_table(VERBS_TABLE) or "lemmatizer" not in nlp.pipe_names:
        return
    pipe = nlp.get_pipe("lemmatizer")
    stock = getattr(getattr(pipe, "table", None), "stock", pipe)  # kg's table keeps the stock lemmatizer
    lookups = getattr(stock, "lookups", None)
    if lookups is None or not lookups.has_table("lemma_index"):
        return
    verbs = lookups.get_table("lemma_index").get("verb", [])
    nlp.vocab.lookups.add_table(VERBS_TABLE, dict.fromkeys(verbs, True))


#: The project's own lists of names and what each names: a name of several words is matched in any case by
#: ``kg_entity_ruler``'s phrase matcher ("the Kurdistan Workers' party"), a name of one word as written.
_LEXICON_NAMES = (("media", "Media"), ("organizations", "Organization"), ("armed_groups", "ArmedGroup"))


def entity_patterns() -> list[dict]:
    """Entity-ruler patterns built from the lexicons (``label``: ``KG_<type>``, ``id``: the rule).

    >>> any(p["label"] == "KG_ArmedGroup" for p in entity_patterns())
    True
    """
    patterns: list[dict] = []
    for lexicon_name, entity_type in _LEXICON_NAMES:  # one word as written ("Hamas", never "hamas"), or in capitals
        for name in lexicon.names(lexicon_name):  # as a headline writes it ("HAMAS", "DAESH")
            if " " not in name.strip() and "'" not in name and "’" not in name:
                capitals = [name.upper()] if len(name) >= 4 and name.upper() != name else []
                for form in [name, *capitals]:
                    patterns.append({"label": RULER_PREFIX + entity_type, "pattern": form,
                                     "id": f"lexicon:{lexicon_name}"})
    modifiers = sorted(lexicon.load("armed_group_modifiers") | {d.lower() for d in lexicon.load_mapping("demonyms")}
                       | set(cameo.demonyms()))
    modifier = {"LOWER": {"IN": modifiers}}
    pro = [{"LOWER": {"IN": ["pro", "anti"]}}, {"ORTH": "-"}, {"IS_TITLE": True}]
    # the heads of one word in one pattern of each shape (a pattern costs the matcher a pass over the tokens)
    heads = sorted(lexicon.load("armed_group_heads"))
    one_word_heads = [[{"LOWER": {"IN": [h for h in heads if " " not in h]}}]]
    for head_tokens in one_word_heads + [[{"LOWER": word} for word in h.split()] for h in heads if " " in h]:
        armed = {"label": RULER_PREFIX + "ArmedGroup", "id": "ruler:armed-group"}
        patterns.append({**armed, "pattern": [{**modifier, "OP": "+"}, *head_tokens]})
        patterns.append({**armed, "pattern": [*pro, {**modifier, "OP": "*"}, *head_tokens]})
        patterns.append({**armed, "pattern": [{"LOWER": "pro"}, {"ORTH": "-"}, {"LOWER": "government"},
                                              {**modifier, "OP": "*"}, *head_tokens]})
    # "forces loyal to Bashar Assad", "elite forces loyal to Assad"
    loyal = [{**modifier, "OP": "*"}, {"LOWER": {"IN": ["forces", "troops", "fighters", "units"]}},
             {"LOWER": "loyal"}, {"LOWER": "to"}, {"IS_TITLE": True, "OP": "+"}]
    patterns.append({"label": RULER_PREFIX + "ArmedGroup", "id": "ruler:forces-loyal-to", "pattern": loyal})
    patterns.append({"label": RULER_PREFIX + "ArmedGroup", "id": "ruler:forces-loyal-to",  # "... Bashar al-Assad"
                     "pattern": [*loyal, {"LOWER": {"IN": ["al", "el"]}}, {"ORTH": "-"}, {"IS_TITLE": True}]})
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
    # a body of a state that the article does not name: "the police", "police officers", "prosecutors"
    for words in (["police"], ["police", "force"], ["police", "officers"], ["policemen"], ["prosecutors"],
                  ["the", "prosecution"], ["security", "services"], ["intelligence", "services"],
                  ["civil", "defence"], ["civil", "defense"]):
        patterns.append({"label": RULER_PREFIX + "Organization", "id": "ruler:state-body",
                         "pattern": [{"LOWER": w} for w in words]})
    # a group qualified by who installed, backs or leads it: "Russian-installed officials", "the Saudi-led coalition",
    # "Iranian-backed militia", "Turkish-backed fighters"
    patronage = {"LOWER": {"IN": sorted(lexicon.load("patronage_words"))}}
    patron = {"LOWER": {"IN": sorted({*modifiers, *(n for n in gazetteer.state_names() if " " not in n),
                                      "us", "u.s.", "un", "nato", "hamas", "hezbollah", "government", "state"})}}
    for heads, kind in ((sorted(lexicon.load("armed_group_heads") | {"coalition", "alliance", "militiamen"}),
                         "ArmedGroup"),
                        (["officials", "authorities", "administration", "police", "government", "ministry",
                          "council", "media"], "Organization")):
        patterns.append({"label": RULER_PREFIX + kind, "id": "ruler:patronage", "pattern": [
            patron, {"ORTH": "-"}, patronage, {"LOWER": {"IN": sorted(_BODY_MODIFIERS | {"military", "health"})},
                                               "OP": "*"}, {"LOWER": {"IN": heads}}]})
    # a state's body named with a one-word state or adjective: "Somali police", "Pakistani military government"
    # (a state of several words is matched whole, so that "South Sudan army" is not "Sudan army": the ruler keeps
    # the longest match)
    names = {*cameo.demonyms(), *(n for n in gazetteer.state_names() if len(n) > 2), *cameo.country_names()} \
        - lexicon.load("not_states")
    one_word = sorted(n for n in names if " " not in n)
    by_kind: dict[str, list[str]] = {}
    for head, kind in lexicon.load_mapping("state_bodies").items():
        by_kind.setdefault(kind, []).append(head)
    for kind, heads in sorted(by_kind.items()):  # a state of several words: a phrase of kg_entity_ruler
        for size in sorted({len(h.split()) for h in heads}):
            words = [h.split() for h in heads if len(h.split()) == size]
            body = [{"ORTH": {"IN": ["'s", "’s"]}, "OP": "?"}, {"LOWER": {"IN": sorted(_BODY_MODIFIERS)}, "OP": "*"},
                    *({"LOWER": {"IN": sorted({w[k] for w in words})}} for k in range(size))]
            state_body = {"label": RULER_PREFIX + kind, "id": "ruler:state-body"}
            patterns.append({**state_body, "pattern": [{"LOWER": {"IN": one_word}}, *body]})
    patterns.append({"label": RULER_PREFIX + "Group", "id": "lexicon:people-groups",
                     "pattern": [{"LOWER": {"IN": sorted(lexicon.load("people_groups"))}}]})
    return patterns


#: Words that begin a person's name or title in the field's group entries: such a name is not the group's.
_PERSON_NAME_STARTS = {"abu", "abou", "sheikh", "sheik", "shaykh", "mullah", "mulla", "imam", "sayyed", "sayyid",
                       "seyyed", "ayatollah", "emir", "amir", "ibn", "bin", "mr", "mrs", "dr", "general", "commander"}

#: What a body of the field's dictionaries is typed as in the ruler (by :attr:`kg.cameo.Entry.entity_type`).
_FIELD_RULE = "field:cameo"


def field_names(tokenizer) -> list[tuple[str, tuple[str, ...]]]:
    """The bodies of the field's dictionaries (:func:`kg.cameo.body_names`) that ``kg_entity_ruler`` marks, each
    ``(label, words)``: armed non-state groups ("al-Shabaab", "Kurdistan Workers' Party"), international bodies,
    state institutions. Words match in any case; a one-word name only where it is written with a capital ("Hamas",
    "ETA", never "eta"), and never one that is a generic agent noun, a state or a capital.

    >>> ("KG_ArmedGroup", ("al", "-", "shabaab")) in field_names(__import__("spacy").blank("en").tokenizer)
    True
    """
    found: list[tuple[str, tuple[str, ...]]] = []
    own = {name.lower() for lexicon_name in ("media", "organizations", "armed_groups")
           for name in lexicon.names(lexicon_name)}  # the project's own lists type these names
    seen: set[tuple[str, ...]] = {tuple(t.text for t in tokenizer(name)) for name in own}
    agents = cameo.agents()
    titles = {t.rstrip(".") for t in lexicon.person_titles()} | set(lexicon.load_mapping("roles"))
    for entry in cameo.body_names():
        words = tuple(t.text for t in tokenizer(entry.name))
        if not words or words in seen or len("".join(words)) < 3:
            continue
        if words[0] in titles or words[0] in _PERSON_NAME_STARTS:  # an office ("secretary of state") or a
            continue  # person the dictionary codes as the group ("Abu Musab", "Sheikh Nasrallah")
        if len(words) == 1 and (words[0] in agents or gazetteer.is_state(words[0]) or cameo.capital_of(words[0])
                                or words[0] in lexicon.load("common_words")):
            continue
        if all(w.isdigit() or w.lower().rstrip(".") in _DATE_WORDS for w in words):
            continue  # a group named for a day ("21 June", "17 November"): in the news, the date far more often
        seen.add(words)
        found.append((RULER_PREFIX + entry.entity_type, words))
    return found


def _state_names_of_several_words() -> list[str]:
    """States named in several words ("South Sudan", "Democratic Republic of the Congo"), whose bodies
    ``kg_entity_ruler`` marks ("South Sudan army")."""
    names = {*cameo.demonyms(), *(n for n in gazetteer.state_names() if len(n) > 2), *cameo.country_names()} \
        - lexicon.load("not_states")
    return sorted(n for n in names if " " in n and "." not in n and len(n.split()) <= 4)


def _body_end(doc: Doc, j: int, heads: dict[str, str]) -> tuple[int, str] | None:
    """Where a state's body named from token ``j`` on ends, and what it is: an optional possessive, modifiers
    ("federal", "regular"), then the longest head ("air force", "prosecutor general's office"); None without
    a head."""
    if j < len(doc) and doc[j].text in POSSESSIVE:
        j += 1
    while j < len(doc):
        for size in (3, 2, 1):
            if j + size <= len(doc):
                words = " ".join(t.lower_ for t in doc[j : j + size])
                if words in heads:
                    return j + size, heads[words]
        if doc[j].lower_ not in _BODY_MODIFIERS:
            return None
        j += 1
    return None


class KgEntityRuler:
    """``kg_entity_ruler``: spaCy's entity ruler with this project's patterns (:func:`entity_patterns`), plus the
    names of the field's dictionaries (:func:`field_names`), the project's own names of several words
    (``kg/lexicons/media.txt``, ``organizations.txt``, ``armed_groups.txt``) and the bodies of states named in
    several words ("South Sudan army") matched as phrases in any case: a ``PhraseMatcher`` on ``LOWER``, where
    thousands of names cost one pass over the tokens (as token patterns of the ruler they cost one pass each).

    All the matches are weighed together as the entity ruler weighs its own: the longest first, and a match whose
    first or last token another took is dropped ("pro-Assad forces" over the field's "Assad forces"; "Islamic
    State" then "militants" beside it)."""

    def __init__(self, nlp: Language) -> None:
        self.ruler = EntityRuler(nlp, "kg_entity_ruler", validate=True, overwrite_ents=False)
        with nlp.select_pipes(disable=nlp.pipe_names):  # phrase patterns need only the tokenizer
            self.ruler.add_patterns(entity_patterns())
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.labels: dict[int, tuple[str, str, bool]] = {}  # match id -> (label, rule, one word)
        by_key: dict[tuple[str, str, bool], list[Doc]] = {}
        for label, words in field_names(nlp.tokenizer):
            for variant in {words, tuple("’" if w == "'" else w for w in words)}:  # "Kurdistan Workers’ Party"
                by_key.setdefault((label, _FIELD_RULE, len(words) == 1), []).append(
                    Doc(nlp.vocab, words=list(variant)))
        for lexicon_name, entity_type in _LEXICON_NAMES:  # the project's own names of several words
            for name in lexicon.names(lexicon_name):
                words = tuple(t.lower_ for t in nlp.make_doc(name))
                if len(words) > 1:
                    for variant in {words, tuple("’" if w == "'" else "'" if w == "’" else w for w in words)}:
                        by_key.setdefault((RULER_PREFIX + entity_type, f"lexicon:{lexicon_name}", False), []).append(
                            Doc(nlp.vocab, words=list(variant)))
        for (label, rule, one), docs in by_key.items():
            key = f"{label}|{rule}|{int(one)}"
            self.matcher.add(key, docs)
            self.labels[nlp.vocab.strings[key]] = (label, rule, one)
        self.states = nlp.vocab.strings.add("kg_state_of_several_words")
        self.matcher.add("kg_state_of_several_words", [nlp.make_doc(n) for n in _state_names_of_several_words()])
        self.heads = lexicon.load_mapping("state_bodies")

    def __call__(self, doc: Doc) -> Doc:
        found: list[tuple[int, int, str, str]] = []  # start, end, label, rule
        for match_id, start, end in self.matcher(doc):
            if match_id == self.states:
                body = _body_end(doc, end, self.heads)
                if body is not None:
                    found.append((start, body[0], RULER_PREFIX + body[1], "ruler:state-body"))
                continue
            label, rule, one = self.labels[match_id]
            if not (one and doc[start].is_lower):  # "Hamas", "ETA", never "eta"
                found.append((start, end, label, rule))
        for match_id, start, end in self.ruler.match(doc):
            label, rule = self.ruler._ent_ids[match_id]  # the ruler's own record of a pattern's label and id
            found.append((start, end, label, rule))
        # as the entity ruler sets its matches: the longest first (then the earliest, then a name of the lists
        # before a pattern), skipping one whose first or last token is taken or that overlaps an entity already set
        found.sort(key=lambda m: (m[1] - m[0], -m[0]), reverse=True)
        ents = list(doc.ents)
        taken: set[int] = set()
        for start, end, label, rule in found:
            if any(t.ent_type for t in doc[start:end]) or start in taken or end - 1 in taken:
                continue
            first = _hyphen_chain_start(doc, start) if end - start == 1 else start
            if first < start:  # "Tehrik-i-Taliban Pakistan": a longer name that holds a known one, not that one
                start, end, rule = first, _state_after(doc, end), "name:extension"  # over the model's pieces
                if any(i in taken for i in range(start, end)):
                    continue
            if end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_ \
                    and not doc[end].whitespace_ and doc[end + 1].is_upper:
                # "SPLA-IO", "SPLM-N": another body of the same kind, named with it (known by its own name)
                end, rule = end + 2, "name:extension"
                if any(t.ent_type for t in doc[start:end]) or end - 1 in taken:
                    continue
            ents = [e for e in ents if not (e.start < end and e.end > start)]
            ents.append(Span(doc, start, end, label=label, span_id=rule))
            taken.update(range(start, end))
        doc.ents = sorted(ents, key=lambda e: e.start)
        return doc


#: Particles that open a name's hyphenated word without beginning another name: "al-Shabaab", "Ahrar al-Sham".
_NAME_PARTICLES = {"al", "el", "ad", "ash", "as", "an", "ar", "at", "az", "ibn", "bin", "abu", "abd", "e", "i", "ul",
                   "ut", "ud", "us"}


def _hyphen_chain_start(doc: Doc, start: int) -> int:
    """The first word of the hyphenated chain a token ends ("Tehrik" of "Tehrik-i-Taliban"), where it is a
    capitalised word and not a particle; ``start`` itself otherwise ("al-Shabaab", "pro-Assad", "Kurdish-led")."""
    j = start
    while j >= 2 and doc[j - 1].text == "-" and not doc[j - 1].whitespace_ and not doc[j - 2].whitespace_:
        j -= 2
    if j < start and doc[j].text[:1].isupper() and doc[j].is_alpha and doc[j].lower_ not in _NAME_PARTICLES \
            and doc[j].lower_ not in ("pro", "anti"):
        return j
    return start


def _state_after(doc: Doc, end: int) -> int:
    """``end``, past a state's one-word name right after it ("Tehrik-i-Taliban Pakistan")."""
    if end < len(doc) and doc[end].text[:1].isupper() and not doc[end - 1].whitespace_.count("\n") \
            and gazetteer.state_name(doc[end].text):
        return end + 1
    return end


@Language.factory("kg_entity_ruler", requires=["doc.ents"], assigns=["doc.ents"])
def make_entity_ruler(nlp: Language, name: str) -> KgEntityRuler:
    return KgEntityRuler(nlp)


class _Table:
    """A component that applies a table of :mod:`kg.extract.tables` (set by :func:`kg.extract.tables.tabulate`,
    which takes it from the stock component it replaces)."""

    def __init__(self) -> None:
        self.table: tables.AttributeTable | tables.LemmaTable | None = None

    def __call__(self, doc: Doc) -> Doc:
        if self.table is None:
            raise RuntimeError("a kg table component runs only as kg.extract.tables.tabulate puts it in place")
        return self.table(doc)


@Language.factory("kg_attribute_table", requires=["token.tag", "token.dep"],
                  assigns=["token.pos", "token.morph", "token.lemma"])
def make_attribute_table(nlp: Language, name: str) -> _Table:
    return _Table()


@Language.factory("kg_lemma_table", requires=["token.pos", "token.morph"], assigns=["token.lemma"])
def make_lemma_table(nlp: Language, name: str) -> _Table:
    return _Table()


#: Words between a state and the body it has: "Sudan's regular army", "the Ethiopian federal army".
_BODY_MODIFIERS = {"federal", "national", "regular", "armed", "security", "special", "regional", "central",
                   "interim", "transitional", "military", "de", "facto"}


@Language.component("kg_state_bodies", requires=["doc.ents"], assigns=["doc.ents"])
def kg_state_bodies(doc: Doc) -> Doc:
    """A state's body named with the state: "Congo's military", "the Myanmar junta", "Pakistan army", "Somali
    police", "Ukraine's government" (heads and what each is: ``kg/lexicons/state_bodies.txt``); a government
    named with its leader, a person the field's dictionaries code as a state's government or elite ("the Assad
    regime", "the Putin government": :func:`kg.resolve.cameo.leader_state`).

    The span (state, an optional possessive, optional modifiers, the head) becomes one entity: forces and police
    are actors of their own (their state is their owner), a government, regime or junta speaks for its state.
    """
    heads = lexicon.load_mapping("state_bodies")
    ents = list(doc.ents)
    changed = False
    for i, ent in enumerate(ents):
        if ent.label_ not in ("GPE", "NORP", "PERSON"):
            continue
        body = _body_end(doc, ent.end, heads)
        end, kind = body if body is not None else (None, "")
        if end is None:
            continue
        leader = ent.label_ == "PERSON"  # "the Assad regime": a leader the field's dictionaries know
        if not (cameo.leader_state(_trim(ent).text) if leader else gazetteer.state_name(_trim(ent).text)):
            continue
        if end is None or (i + 1 < len(ents) and ents[i + 1].start < end and ents[i + 1].label_.startswith(
                RULER_PREFIX)) or (leader and kind != "State"):
            continue  # a leader names his government ("the Assad regime"), not an army ("Assad forces")
        ents[i] = Span(doc, ent.start, end, label=RULER_PREFIX + kind, span_id="ruler:state-body")
        changed = True
    for i, ent in enumerate(ents):  # "the Amhara regional government": a place's own government
        if ent.label_ in ("GPE", "LOC", "FAC", "PERSON", "ORG") and not gazetteer.state_name(_trim(ent).text):
            end, rule = _local_government_end(doc, ent.end), "ruler:local-government"
            if end is None:  # "the Manchester police", "the Gaza health ministry" (the model's ORG holds it)
                end, rule = _local_body_end(doc, ent, heads), "ruler:local-body"
            inside = i + 1 < len(ents) and ents[i + 1].start < (end or 0)
            if end is not None and not (inside and not (ents[i + 1].ent_id_ == "ruler:state-body"
                                                        and ents[i + 1].end <= end)):
                ents[i] = Span(doc, ent.start, end, label=RULER_PREFIX + "Organization", span_id=rule)
                changed = True
    for i, ent in enumerate(ents):  # "the Greater Manchester Police": a police force's own name
        start = _police_name_start(doc, ent, ents[i - 1].end if i else 0)
        if start is not None:
            ents[i] = Span(doc, start, ent.end, label=RULER_PREFIX + "Organization", span_id="ruler:local-body")
            changed = True
    if changed:
        kept = []
        for ent in ents:  # a body's span swallows what the model found inside it
            if kept and ent.start < kept[-1].end:
                if ent.end - ent.start > kept[-1].end - kept[-1].start:
                    kept[-1] = ent
                continue
            kept.append(ent)
        doc.ents = kept
    return doc


#: Words between a place and its government: "the Amhara regional government", "Gondar city government".
_LOCAL_LEVELS = {"regional", "city", "provincial", "state", "municipal", "local", "district", "county", "military",
                 "civil", "interim"}
#: What a place's own government is called.
_LOCAL_HEADS = {"government", "administration", "council", "authorities", "authority"}


def _local_government_end(doc: Doc, end: int) -> int | None:
    """The end of a place's government named after the place's name (which ends at ``end``): a level word or two
    and a head, in lower case ("regional government", "city council", "military administration"), or None."""
    j = end
    while j < len(doc) and j - end < 2 and doc[j].lower_ in _LOCAL_LEVELS and doc[j].is_lower:
        j += 1
    if j > end and j < len(doc) and doc[j].lower_ in _LOCAL_HEADS and doc[j].is_lower:
        return j + 1
    return None


def _local_body_end(doc: Doc, ent: Span, heads: dict[str, str]) -> int | None:
    """The end of a place's own body named with the place alone ("the Manchester police", "the Gaza health
    ministry"): the place's name (``ent``, which may hold the body's words), then a body that
    ``state_bodies.txt`` calls an organisation; None where ``ent`` names no known place or no such body follows."""
    name = _trim(ent)
    if not name.text[:1].isupper() or not (ent.label_ in ("GPE", "LOC", "FAC")
                                           or places.is_place(name.text, fuzzy=False)):
        return None
    body = _body_end(doc, name.end, heads)
    if body is None or body[1] != "Organization" or body[0] < ent.end:
        return None
    return body[0]


def _police_name_start(doc: Doc, ent: Span, after: int) -> int | None:
    """Where the name of a police force begins that the ruler found as its head alone ("Greater Manchester"
    "Police"): capitalised proper nouns right before a capitalised "Police" that no entity holds; None if there
    are none."""
    if ent.ent_id_ != "ruler:state-body" or not ent[0].text.istitle() or ent[0].lower_ not in ("police", "policemen"):
        return None
    start = ent.start
    while start > after and doc[start - 1].pos_ == "PROPN" and doc[start - 1].is_title and doc[start - 1].is_alpha \
            and doc[start - 1].lower_ not in _DETERMINERS and not doc[start - 1].whitespace_.count("\n") \
            and not gazetteer.state_name(doc[start - 1].text) and not cameo.demonym_state(doc[start - 1].text):
        start -= 1
    if start == ent.start or doc[start].is_sent_start:
        return None
    return start


#: How many proper nouns may name the forces of ``kg_named_forces`` ("Tigray forces", "Mai-Mai militias").
_FORCE_NAME_WORDS = 3


@cache
def _force_words() -> tuple[frozenset[str], frozenset[str]]:
    """The one-word heads of ``kg_named_forces`` and the words that are no name before them (made once)."""
    heads = frozenset(h for h in lexicon.load("armed_group_heads") if " " not in h)
    generic = lexicon.load("armed_group_modifiers") | set(lexicon.load_mapping("armed_group_sides")) \
        | lexicon.load("common_words") | _DETERMINERS
    return heads, frozenset(generic)


@Language.component("kg_named_forces", requires=["doc.ents", "token.pos"], assigns=["doc.ents"])
def kg_named_forces(doc: Doc) -> Doc:
    """Forces named with a proper noun the word lists do not know: a region's, a people's, a movement's or a
    commander's ("Tigray forces", "Houthi rebels", "Amhara militias", "Haftar forces"): the proper nouns and the
    lower-case head of ``armed_group_heads.txt`` ("forces", "rebels", "militias") become one armed group, in place
    of what the model made of the name (a place, a person, nothing).

    A head written with a capital is part of a name the model or the ruler knows ("Rapid Support Forces"), and what
    the ruler found stays ("Israeli forces", "government forces"), and so does an organisation the model named ("M23
    rebels": M23, typed by its head in ``kg_mentions``)."""
    heads, generic = _force_words()
    ents = list(doc.ents)
    owner = {i: k for k, e in enumerate(ents) for i in range(e.start, e.end)}
    found: list[Span] = []
    for token in doc:
        if token.lower_ not in heads or not token.is_lower or (
                token.i in owner and len(ents[owner[token.i]]) > 1):  # "rebels" alone may take its name
            continue
        start = token.i
        while start > 0 and token.i - start < _FORCE_NAME_WORDS and doc[start - 1].pos_ == "PROPN" \
                and doc[start - 1].text[:1].isupper() and doc[start - 1].lower_ not in generic \
                and not any(c.isdigit() for c in doc[start - 1].text):  # "M23 rebels": a coded name, M23
            start -= 1
        if start == token.i or any(ents[owner[i]].label_.startswith(RULER_PREFIX) or ents[owner[i]].start < start
                                   or (ents[owner[i]].label_ == "ORG" and not _people_adjective(ents[owner[i]]))
                                   for i in range(start, token.i) if i in owner):
            continue  # an organisation's name stays its own ("Wagner fighters": Wagner's)
        found.append(Span(doc, start, token.i + 1, label=RULER_PREFIX + "ArmedGroup", span_id="ruler:armed-group"))
    for left, right in zip(ents, ents[1:], strict=False):  # "Bolivarian National" + "Armed Forces": one name
        if left.label_ == "ORG" and right.label_ == RULER_PREFIX + "ArmedGroup" and right.start == left.end \
                and right.ent_id_ == "ruler:armed-group" and all(t.is_title for t in right):
            start = left.start + (1 if left[0].lower_ == "the" else 0)
            found.append(Span(doc, start, right.end, label=RULER_PREFIX + "ArmedGroup", span_id="name:extension"))
    if found:
        taken = {i for span in found for i in range(span.start, span.end)}
        doc.ents = sorted([e for e in ents if not taken & set(range(e.start, e.end))] + found, key=lambda e: e.start)
    return doc


def _people_adjective(ent: Span) -> bool:
    """A one-word name shaped as a people's or region's adjective ("Tigrayan", "Amharan"), which the model often
    takes for an organisation."""
    return len(ent) == 1 and ent.text.lower().endswith(("an", "ian", "ese", "ish")) and ent.text[:1].isupper()


@Language.component("kg_names", requires=["doc.ents"], assigns=["doc.ents"])
def kg_names(doc: Doc) -> Doc:
    """The model's entities cut to the names they hold, and the teams of results tables (:mod:`kg.extract.names`)."""
    ents = names.team_entities(doc, names.cut_entities(doc), RULER_PREFIX + "Organization", "context:results-table")
    doc.ents = ents
    return doc


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
    doc.spans[MENTIONS_KEY] = names.consistent_mentions(doc, list(typed_mentions(doc.ents)), _place_context)
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
    if span.label_ in ("ORG", "PERSON", "GPE", "NORP"):  # "the Provisional IRA responsible": a name ends capitalised
        last = end
        while last - 1 > start and span.doc[last - 1].is_lower and span.doc[last - 1].is_alpha:
            last -= 1  # "Raqqa the de facto": the lower-case words after the name
        if last < end and span.doc[last - 1].text[:1].isupper():
            end = last
    return Span(span.doc, start, end, label=span.label, span_id=span.ent_id)


def _split_possessive(span: Span) -> list[Span]:
    """``Israel's Channel 10 News`` names two parties: the owner (a state) and the owned. A name with an apostrophe
    of its own ("Kurdistan Workers' Party") and a state's body ("Congo's military") stay whole."""
    doc = span.doc
    if span.label_.startswith(RULER_PREFIX):
        return [span]
    for i in range(span.start + 1, span.end - 1):
        if doc[i].text in POSSESSIVE and (doc[i].text in ("'s", "’s") or gazetteer.is_state(doc[span.start:i].text)):
            owner = Span(doc, span.start, i, label="GPE" if gazetteer.is_state(doc[span.start:i].text) else span.label)
            return [owner, Span(doc, i + 1, span.end, label=span.label, span_id=span.ent_id)]
    return [span]


_PLACE_PREPOSITIONS = {"in", "at", "near", "from", "outside", "around", "across", "into", "to"}
_PLACE_NOUNS = {"town", "towns", "city", "cities", "village", "villages", "province", "district", "region",
                "suburb", "suburbs", "countryside", "outskirts", "neighbourhood", "neighborhood", "area",
                "provinces", "districts", "regions", "neighbourhoods", "neighborhoods", "areas", "quarter", "quarters",
                "fronts", "surroundings", "vicinity", "environs"}


def _place_context(span: Span, prepositions: frozenset[str] | set[str] = _PLACE_PREPOSITIONS) -> bool:
    """The words around a span say it is a place: "in X", "the town of X", "X and Y" after such words."""
    root = span.root
    while root.dep_ == "conj" and root.head != root:  # "al-Bayda and Baniyas"
        root = root.head
    if root.dep_ != "pobj":
        return False
    preposition = root.head
    if preposition.lower_ in prepositions:
        return True
    return preposition.lower_ == "of" and preposition.head.lower_ in _PLACE_NOUNS


#: Prepositions of where something is or happens, not of whom something comes from or goes to ("from Iran", "to
#: Assad")
_TOPONYM_PREPOSITIONS = frozenset({"in", "at", "near", "outside", "around", "across", "into", "towards", "toward"})
#: The shapes of Arabic place names in English: an article ("al-Latamina", "Al Hamdaniya", "el-Bab") or the endings of
#: place nouns ("Latamina", "Hamdaniya", "Zakiyeh", "Thayabiya")
_TOPONYM_SHAPE = re.compile(r"^(?:(?:al|el|Al|El|ad|as|ash|ar|at|az|an)[- ]\S+|\S+(?:iyah|iyeh|iya|ieh|iyya|ina|aya))$")


def _toponym(span: Span) -> bool:
    """A name shaped as an Arabic place's (:data:`_TOPONYM_SHAPE`): one word, with its article or not; not a
    person's, whose given name comes before the article ("Ali al-Hassan")."""
    return 1 <= len(span) <= 3 and bool(_TOPONYM_SHAPE.match(span.text))


def _lost_possessive_place(text: str) -> bool:
    """A town of 20,000 people or more with an "s" glued on, its possessive's apostrophe lost ("Idlibs", "Aleppos");
    not a place's own name ("Homs"), nor a given name with an "s" ("Williams").

    >>> _lost_possessive_place("Idlibs"), _lost_possessive_place("Homs"), _lost_possessive_place("Williams")
    (True, False, False)
    """
    return len(text) > 4 and text.endswith("s") and not text.endswith("ss") and text[:1].isupper() \
        and not places.is_place(text, fuzzy=False) \
        and places.is_place(text[:-1], min_population=_POSSESSIVE_PLACE_POPULATION, fuzzy=False)


#: How many people a town must hold to be read in a name with its possessive's apostrophe lost ("Idlibs").
_POSSESSIVE_PLACE_POPULATION = 20_000


def _known_name_start(text: str) -> bool:
    """Whether ``text`` begins a name of an actor the dictionaries know (the field's, ``armed_groups.txt``,
    ``organizations.txt``, ``media.txt``), article and hyphens aside: "al-Nusra" begins "al-Nusra Front"."""
    return _bare(text) in _known_name_starts()


def _bare(text: str) -> str:
    return re.sub(r"^(?:al|el|the) ", "", re.sub(r"[-\s]+", " ", cameo.fold(text)))


@cache
def _known_name_starts() -> frozenset[str]:
    names = {e.name for e in cameo.entries() if e.kind not in ("country", "capital", "discard")}
    for lexicon_name in ("armed_groups", "organizations", "media"):
        names |= lexicon.load(lexicon_name)
    starts: set[str] = set()
    for name in names:
        words = _bare(name).split()
        starts.update(" ".join(words[:n]) for n in range(1, min(len(words), 3) + 1))
        starts.update(" ".join(words[i:]) for i in range(1, len(words)))  # "Nusra" of "Jabhat al-Nusra"
    return frozenset(starts)


def _place_in_brackets(span: Span) -> bool:
    """A name in brackets after a place's, not a state's, an acronym or a known body's: the place's other name
    ("Palmyra (Tadmur)", "Ain al-Arab (Kobani)"); not a dateline's outlet ("BEIRUT (Sputnik) -")."""
    doc = span.doc
    if not (span.start >= 2 and doc[span.start - 1].text == "(" and span.end < len(doc) and doc[span.end].text == ")"):
        return False
    if span.end + 1 < len(doc) and doc[span.end + 1].text in ("-", "–", "—", ":"):
        return False
    text = span.text
    if text.isupper() or gazetteer.state_name(text) or cameo.named(text) is not None \
            or any(t.lower_ in lexicon.media_words() for t in span):
        return False
    before = next((e for e in doc.ents if e.end == span.start - 1), None)
    return before is not None and not gazetteer.state_name(before.text) and (
        before.label_ in ("GPE", "LOC", "FAC") or places.is_place(before.text, fuzzy=False))


def _named_as_place(span: Span) -> bool:
    """A name the text itself calls a place: "the town of Hader", "al-Aziziyeh neighborhood", "Damascus
    Countryside" (a place noun ending the name), "al-Ghab Plain" (``place_name_ends.txt``)."""
    doc = span.doc
    if len(span) >= 2 and span[-1].is_title and (span[-1].lower_ in _PLACE_NOUNS and span[-1].lower_ != "area"
                                                   or span[-1].lower_ in lexicon.load("place_name_ends")):
        return True
    after = doc[span.end] if span.end < len(doc) else None
    if after is not None and after.lower_ in _PLACE_NOUNS and after.lower_ != "area":
        return True
    if after is not None and span.label_ in ("PERSON", "ORG") and after.lower_ in lexicon.load("place_words_after"):
        return True  # "shelled al-Neel street", "the Nisr mountain": a street's or a mountain's name
    if span.start >= 2 and doc[span.start - 1].lower_ == "of" and doc[span.start - 2].lower_ in _PLACE_NOUNS \
            and doc[span.start - 2].lower_ != "area":
        return True  # "the town of Hader" by the words, whatever the parse made of it
    root = span.root
    while root.dep_ == "conj" and root.head != root:
        root = root.head
    last = max(root.conjuncts, key=lambda t: t.i, default=None)
    if last is not None and last.pos_ == "PROPN" and last.right_edge.i + 1 < len(doc) \
            and doc[last.right_edge.i + 1].lower_ in _PLACE_NOUNS and doc[last.right_edge.i + 1].lower_.endswith("s"):
        return True  # "in Kadin and Tirtyah areas", "the Rastan and Talbiseh towns": each a place
    if root.dep_ in ("compound", "nmod") and root.head.i >= span.end and root.head.lower_ in _PLACE_NOUNS \
            and root.head.lower_ != "area":
        return True  # "in Kadin Salma and Tirtyah areas": the names the place noun's phrase holds
    return root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lower_ in _PLACE_NOUNS \
        and root.head.head.lower_ != "area"


_ACTING_DEPS = {"nsubj", "nsubjpass", "poss"}


def _acts(span: Span) -> bool:
    """The span is who acts or speaks in its clause, or owns what is said or done: the subject of a verb
    ("Moscow accused ..."), a possessor ("Kyiv's account"), the agent of a passive ("rejected by Washington"),
    the object of "according to"; not where something happens ("in Moscow")."""
    root = span.root
    while root.dep_ in ("conj", "appos") and root.head != root:
        root = root.head
    if root.dep_ in _ACTING_DEPS:
        return True
    head = root.head
    return root.dep_ == "pobj" and (head.dep_ == "agent" or (head.lower_ == "to" and head.head.lower_ == "according"))


#: words of a dateline's date: months, weekdays and their abbreviations
#: two words glued without their space ("JoyceKaram"), not a name's inner capital ("McDonald", "MacArthur", "YouTube",
#: "FitzGerald")
_GLUED_WORDS = re.compile(r"^(?!Fitz)\w*[a-z]{3}[A-Z]")
#: a handle in brackets after a post's author: capitals inside a word ("(EjmAlrai)", "(YaZeynab)"), not an acronym
#: ("(RSF)", "(MoD)": :func:`_type_of` asks for four lower-case letters)
_HANDLE = re.compile(r"^[A-Z][a-z]+[A-Z][A-Za-z]*$")

_DAY_WORDS = {"mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "monday", "tuesday", "wednesday",
              "thursday", "friday", "saturday", "sunday"}
_DATE_WORDS = names.MONTHS | _DAY_WORDS | {"sun"}


@cache
def _event_nouns() -> frozenset[str]:
    """Nouns of attacks and of the events an article reports (``attack_nouns.txt``, ``event_nouns.txt`` but its
    deliveries and supplies): a name that ends in one names an event ("Al Raqqa Massacre"), not an actor."""
    events = {noun for noun, kind in lexicon.load_mapping("event_nouns").items() if not kind.startswith("arms")}
    return frozenset(events | set(lexicon.load_mapping("attack_nouns")))


@cache
def _agent_nouns() -> frozenset[str]:
    """Nouns a force's word may qualify and still name the force: its people, roles, means and sites ("police
    spokesman", "army helicopters", "an army base")."""
    return frozenset(lexicon.load("person_nouns") | set(lexicon.load_mapping("unnamed_speakers"))
                     | set(lexicon.load_mapping("roles")) | lexicon.load("weapon_nouns")
                     | lexicon.load("armed_group_assets") | lexicon.load("military_sites")
                     | lexicon.load("armed_group_heads"))


def _describes_a_thing(span: Span) -> bool:
    """A lone generic force's word that only describes a thing after it ("a military parade", "its military
    operations spokesman", "an army-green scarf"): the force is not there as an actor. Its people, roles, means and
    sites keep it ("a police spokesman", "army helicopters", "the army base": :func:`_agent_nouns`)."""
    if len(span) != 1 or not span[0].is_lower:
        return False
    token = span[0]
    head = token.head
    if token.dep_ not in ("amod", "compound", "npadvmod", "nmod") or head.i <= token.i:
        return False
    agents = _agent_nouns()
    return head.lower_ not in agents and head.lemma_.lower() not in agents


def _misspelt_function_word(text: str) -> bool:
    """A long function word of English with a letter added at its end ("Meanwhilee", "Howeverr"), which the model
    takes for a name.

    >>> _misspelt_function_word("Meanwhilee"), _misspelt_function_word("Meanwhile"), _misspelt_function_word("Evers")
    (True, False, False)
    """
    word = text.lower()
    return len(word) >= 7 and word[:-1] in STOP_WORDS


#: an Arabic article, alone or hyphenated to its noun ("al-Sham", "al Haq", "ash-Sham")
_ARTICLE_WORD = re.compile(r"(?:al|el|ul|ad|as|ash|ar|an)(?:-|$)")


#: Nouns of a kind of body written right before its name ("the medical charity [Medecins Sans Frontieres]").
_BODY_KIND_NOUNS = {"charity", "organisation", "organization", "group", "agency", "ngo", "party", "newspaper",
                    "channel", "network", "movement", "coalition", "alliance", "union", "company", "firm", "outlet"}

#: Months' short forms (not "May", "March": names too).
_MONTH_ABBREVIATIONS = {"jan", "feb", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"}

#: A machine's model ("F-16", "Su-34", "MiG-29", "Mi-8s"): a few letters, a dash, figures.
_MACHINE_MODEL = re.compile(r"^[A-Z][A-Za-z]{0,3}-\d{1,3}[A-Z]?s?$")

#: Last words of a capitalised phrase that is no name: weapons in general and a toll ("Syria Death in Damascus").
_NOT_NAME_ENDS = {"weapons", "weapon", "death", "deaths", "casualties", "toll", "injuries"}


def _glossed(span: Span) -> bool:
    """The name is a term glossed in lower case in brackets after it ("CW (chemical weapons)", "Jabal (mountain)"):
    one to three lower-case words, none a group's, a force's or a people's word ("the Shabiha (pro-government
    militia)" is a group)."""
    doc, end = span.doc, span.end
    if end >= len(doc) or doc[end].text != "(":
        return False
    close = next((j for j in range(end + 1, min(len(doc), end + 5)) if doc[j].text == ")"), None)
    if close is None or close == end + 1:
        return False
    words = [t for t in doc[end + 1 : close]]
    group_words = lexicon.load("armed_group_heads") | lexicon.load("people_groups") | lexicon.load("person_nouns") \
        | lexicon.body_nouns()
    return all(t.is_lower and t.is_alpha for t in words) and words[0].lower_ not in _DETERMINERS \
        and not any(t.lower_ in group_words or t.lemma_ in group_words for t in words)


def _a_gloss(span: Span) -> bool:
    """The name is one capitalised word in brackets after an Arabic name it translates ("al-Jamiaa (University)
    Hospital")."""
    doc, start = span.doc, span.start
    return len(span) == 1 and span[0].is_title and start >= 2 and span.end < len(doc) and doc[span.end].text == ")" \
        and doc[start - 1].text == "(" and bool(_ARTICLE_WORD.match(doc[start - 2].lower_)) \
        and not gazetteer.state_name(span.text)


#: Words of organisations' names that no person's name holds ("Human Rights Watch", "the Red Crescent Society").
_ORGANISATION_WORDS = {"watch", "network", "union", "league", "party", "front", "movement", "association", "society",
                       "federation", "organization", "organisation", "group", "rights", "crescent", "cross", "fund",
                       "program", "programme", "initiative", "alliance", "international", "company", "corporation"}

#: Small words inside a person's name ("Staffan de Mistura", "Abu Bakr al-Baghdadi").
_NAME_PARTICLES_INSIDE = {"de", "da", "di", "del", "van", "von", "bin", "ibn", "al", "el", "abu", "la", "le"}


def _titled_person(span: Span) -> bool:
    """The model's organisation is a person's name after a title or a role ("UN envoy [Staffan de Mistura]",
    "Foreign Minister [Sergei Lavrov]"): two to four capitalised words (or a name's particles), right after the
    title, none a body's, an outlet's or a place's word, and no body the field's dictionaries know."""
    doc = span.doc
    words = [t for t in span if t.lower_ not in _DETERMINERS]
    if not 2 <= len(words) <= 4 or span.start == 0 or doc[span.start - 1].lower_.rstrip(".") not in _role_titles():
        return False
    if not all((t.is_title and t.is_alpha) or t.lower_ in _NAME_PARTICLES_INSIDE or "-" in t.text for t in words) \
            or not words[0].is_title or any(t.tag_ == "NNPS" or t.lower_.endswith("ies") for t in words):
        return False  # (not "Aid Agencies": a plural)
    nouns = lexicon.body_nouns() | lexicon.load("institution_nouns") | lexicon.media_words() \
        | lexicon.load("armed_body_heads") | lexicon.load("body_heads") | _ORGANISATION_WORDS
    return not any(t.lower_ in nouns or t.lower_ in _role_titles() for t in words) \
        and cameo.named(span.text) is None and not gazetteer.state_name(words[0].text) \
        and not places.is_place(span.text, fuzzy=False)


@cache
def _role_titles() -> frozenset[str]:
    """Titles and role nouns written right before a person's name ("envoy", "spokesman", "Minister")."""
    return names.title_words() | set(lexicon.load_mapping("roles"))


def _body_of_a_role(span: Span) -> bool:
    """The name is the object of "of" after a role held in a body ("leader of [Ulster Vanguard]", "a member of
    [Sinn Fein]": ``body_roles.txt``)."""
    root, doc = span.root, span.doc
    of = span.start - 2 if span.start >= 2 and doc[span.start - 1].lower_ == "the" else span.start - 1
    return of >= 1 and doc[of].lower_ == "of" and root.dep_ == "pobj" and root.head.i == of \
        and doc[of - 1].lower_ in lexicon.load("body_roles")


#: Offices written after the name of the body that has them ("a former Stormont Cabinet Minister").
_OFFICES = {"minister", "secretary", "spokesman", "spokeswoman", "spokesperson", "commander", "chairman"}


def _before_an_office(span: Span) -> bool:
    """The name stands before an office's capitalised title, with no name after it ("a former [Stormont Cabinet]
    Minister, called"): the body that has the office."""
    doc = span.doc
    return span.end + 1 < len(doc) and doc[span.end].is_title and doc[span.end].lower_ in _OFFICES \
        and not (doc[span.end + 1].is_title and doc[span.end + 1].pos_ == "PROPN")


def _type_of(span: Span) -> tuple[str, str] | None:
    if len(span) == 0 or not any(c.isalpha() for c in span.text):
        return None
    label = span.label_
    text = span.text
    if label in ("ORG", "PERSON") and len(span) >= 2 and span[0].is_digit and len(span[0]) <= 3 \
            and span[-1].lower_.endswith("s"):
        return None  # "Drone Strike Kills 3 Popular Fighters", "10 Terrorists": a count of people, not a name
    if label.startswith(RULER_PREFIX):
        if span.ent_id_ in ("ruler:armed-group", "ruler:state-body") and _describes_a_thing(span):
            return None  # "a military parade", "its military operations spokesman", "an army-green scarf"
        if span.ent_id_ == _FIELD_RULE and not any(c.isupper() for c in text):
            return None  # "would cross a red line": a body's name of common words, written without capitals
        return label[len(RULER_PREFIX):], span.ent_id_ or "ruler"
    if label in ("PERSON", "ORG", "GPE", "LOC", "FAC") and (
            (sum(t.is_alpha for t in span) > 1 or any(t.like_num for t in span))  # "Thu Aug", "Jul 2016"
            and all(t.lower_.rstrip(".") in _DATE_WORDS or t.is_punct or t.like_num for t in span)
            or any(":" in t.text and any(c.isdigit() for c in t.text) for t in span)):
        return None  # "Thu Aug", "KSA 01:41": a dateline's date or time, not a name
    if label in ("PERSON", "ORG", "GPE", "LOC", "FAC") and not any(c.isupper() for c in text):
        return None  # "warplanes", "the opposition": a name is written with capitals, a common noun without
    if label in ("PERSON", "ORG", "GPE", "LOC", "FAC") and len(span) >= 3 and span[-1].is_lower \
            and span[-2].text == "-" and span[-1].lower_.endswith(("ed", "held", "run")):
        # "Assads Moscow-backed", "Syrias Sunni-led": an adjective made of a name, not a name ("Kim Young-hoon" is)
        return None
    if label in ("PERSON", "ORG", "GPE", "LOC", "FAC") and any(_GLUED_WORDS.search(t.text) for t in span):
        return None  # "KabaniKensabba", "MoreImage": words glued without their space, a page's handle or tags
    if len(span) == 1 and _HANDLE.match(span.text) and sum(c.islower() for c in span.text) >= 4 \
            and span.start > 0 and span.doc[span.start - 1].text == "(":
        return None  # "Elijah J. Magnier (EjmAlrai) February 5 2015": an embedded post's handle, its "@" lost
    if label in ("PERSON", "ORG", "GPE", "LOC", "FAC") and len(span) == 1 and span[0].tag_ in ("NN", "NNS"):
        return None  # "Barrel bombs kill 20": a common noun (as the tagger reads it) capitalised in a headline
    if label in ("PERSON", "ORG") and len(span) == 1 and span[0].tag_ == "JJ" and span[0].dep_ == "amod" \
            and span[0].head.is_lower:
        return None  # "(Photos Heavy smoke billows": an adjective capitalised after a caption's word
    doc = span.doc
    if label in ("ORG", "PERSON", "PRODUCT") and span.end < len(doc) and doc[span.end].lower_ in lexicon.load(
            "weapon_nouns") and not gazetteer.state_name(text):
        return None  # "six Tupolev warplanes", "Tomahawk missiles": the machine's make, not an actor
    attacks = lexicon.load_mapping("attack_nouns")
    if label in ("ORG", "PERSON") and len(span) >= 2 and (span[-1].lower_ in lexicon.load("weapon_nouns")
                                                          or span[-1].lower_ in _NOT_NAME_ENDS):
        # "Terrorists Rocket Shells", "Tomahawk Missiles", "Syrian Chemical Weapons": weapons, no actor; "Syria
        # Death", "Civilian Deaths": a headline's toll
        return None
    if label in ("ORG", "PERSON") and len(span) >= 2 and any(_MACHINE_MODEL.match(t.text) for t in span):
        return None  # "Belgian F-16", "Russian Sukhoi Su-34": an aircraft's or a weapon's model, no actor
    if label in ("ORG", "PERSON") and len(span) <= 3 and span[-1].lower_.endswith("ism") and len(span[-1]) > 5:
        return None  # "Takfiri Terrorism", "Wahhabism": a doctrine or a crime, no actor
    if label == "PERSON" and span[0].lower_ in lexicon.load("weapon_nouns"):
        return None  # "Russian Su-24 Warplane Crashes in Syria": a headline's machine, no person
    if len(span) == 1 and span[0].lower_ in _event_nouns():
        return None  # "Airstrike on Village in Aleppo": a headline's event, capitalised
    if label in ("ORG", "PERSON") and len(span) >= 2 and (span[-1].lower_ in _event_nouns() or (
            span[0].lower_ in attacks and span[0].lower_.endswith("s"))):
        return None  # "New Terrorist Mortar Shell Attacks", "Al Raqqa Massacre", "Attacks on Ghouta": an event
    if span.end + 1 < len(doc) and doc[span.end].text == "-" and doc[span.end + 1].lower_ == "based":
        return None  # "the Britain-based monitor": where it sits, not who speaks
    if label == "NORP":
        state = gazetteer.state_name(text)
        if state and len(span) == 1:
            return "State", "ner:NORP+lexicon:demonym"
        return None
    if label in ("PERSON", "ORG") and len(span) > 1 and span[0].text in lexicon.names("place_prefixes"):
        return "Place", f"ner:{label}+lexicon:place-prefix"  # "Kafr Takharim", "Jisr al-Shughour"
    if span.start >= 2 and doc[span.start - 1].text == "(" and doc[span.start - 2].text in lexicon.names(
            "instrument_words"):
        return None  # "International Humanitarian Law (IHL)": a law's or a treaty's acronym, no actor
    if label in ("PERSON", "ORG") and len(span) == 1 and (span[0].lower_ in lexicon.load("institution_nouns")
                                                          or span[0].lower_ in names.titles()):
        return None  # "Hospital", "the Premier said": an institution's noun or a title alone names no one
    if label in ("PERSON", "ORG") and (_glossed(span) or _a_gloss(span)):
        return None  # "CW (chemical weapons)", "a Fatwa (religious decree)", "al-Jamiaa (University) Hospital"
    if label in ("PERSON", "ORG") and _place_in_brackets(span):
        return "Place", f"ner:{label}+context:place-alias"  # "the city of Palmyra (Tadmur)": the place's other name
    if label in ("PERSON", "ORG", "GPE", "NORP") and _named_as_place(span):
        return "Place", f"ner:{label}+context:place-noun"  # "the town of Hader", "al-Aziziyeh neighborhood"
    if label in ("PERSON", "ORG") and _place_context(span) and places.is_place(text, fuzzy=False):
        return "Place", f"ner:{label}+context+gazetteer:place"  # "in the towns of al-Bayda and Baniyas"
    if label in ("PERSON", "ORG") and len(span) == 1 and _lost_possessive_place(text) \
            and not gazetteer.lost_possessive_state(text):
        return "Place", f"ner:{label}+gazetteer:place-possessive"  # "Idlibs countryside": Idlib's, its apostrophe lost
    if label in ("PERSON", "ORG") and _toponym(span) and (_place_context(span, _TOPONYM_PREPOSITIONS) or (
            span.root.dep_ == "dobj" and span.root.head.lemma_.lower() in lexicon.load("place_object_verbs"))
            or (span.end < len(doc) and doc[span.end].lower_ == "area")) \
            and not _acts(span) and not _known_name_start(text) and not any(
                t.lower_ in lexicon.media_words() or t.lower_ in lexicon.body_nouns() for t in span):
        # "clashes in al-Latamina", "shelling near Hamdaniya", "al-Masbah area"
        return "Place", f"ner:{label}+context+shape:toponym"
    if label in ("GPE", "ORG", "PERSON") and cameo.capital_of(text) and _acts(span):
        return "State", f"ner:{label}+metonymy:capital"  # "Moscow accused ...": the state acts through its capital
    if label in ("GPE", "LOC", "ORG") and any(c.isdigit() for c in text) and any(c.isalpha() for c in text) \
            and not places.is_place(text, fuzzy=False):
        after = doc[span.end].lower_ if span.end < len(doc) else ""
        if after in lexicon.load("armed_group_heads"):
            return "ArmedGroup", f"ner:{label}+context:armed-head"  # "M23 rebels"
        return "Organization", f"ner:{label}+shape:code"  # a coded name is not a place: "M23", "G-7"
    if label == "ORG" and span[-1].lower_ in lexicon.load("armed_body_heads"):
        generic = lexicon.load("armed_group_heads") | lexicon.load("armed_group_modifiers") | lexicon.load(
            "armed_body_heads")
        if all(t.lower_ in generic for t in span):  # "the Army", "Security Forces": a generic force
            return "ArmedGroup", "ruler:armed-group"
        return "ArmedGroup", "ner:ORG+lexicon:armed-body-head"  # "Rapid Support Forces", "Irish Republican Army"
    if text in lexicon.names("not_actors"):
        return None  # "VX", "Twitter": what the model often takes for a person or a body, never one here
    if len(span) == 1 and (span[0].lower_ in lexicon.load("generic_media_words")
                           or span[0].lower_ in lexicon.load("furniture_words")):
        return None  # "Category News Latest": a page's section or button, not an outlet ("Sky News" is one)
    if len(span) == 1 and span.end < len(span.doc) and span.doc[span.end].is_lower \
            and f"{span[0].lower_} {span.doc[span.end].lower_}" in lexicon.load_mapping("attack_nouns"):
        return None  # "- Air raids kill thousands -": a headline's attack, its first word capitalised
    if len(span) == 1 and (span[0].lower_ in lexicon.load_mapping("vague_quantities")
                           or span[0].lower_ in lexicon.load("armed_name_starts")):
        return None  # "Thousands flee": a quantity capitalised; "Liwa" alone: an armed group's name cut short
    if label in ("PERSON", "ORG") and len(span) == 1 and span[0].is_title and verb_form(span[0]):
        return None  # "ISIL Beheads 8 Militants despite Surrendering", "Claimed": a headline's verb
    if len(span) == 1 and span[0].lower_.rstrip(".") in _MONTH_ABBREVIATIONS:
        return None  # "13 Jun 2016": a dateline's month
    if len(span) == 1 and span[0].lower_.rstrip(".") in _DAY_WORDS:
        return None  # "Thu": a dateline's day alone ("May" and "Sun" may be names: months and "sun" are not here)
    if label in ("PERSON", "ORG") and len(span) == 1 and _misspelt_function_word(span[0].text):
        return None  # "Meanwhilee the coalition denied": a sentence's first word misspelt, not a name
    if label == "PERSON" and len(span) == 1 and (span[0].lower_ in lexicon.load("person_nouns")
                                                 or span[0].lower_ in lexicon.load("peoples")):
        return None  # "Girl evacuated": a caption's common noun of a person, capitalised, is no person's name
    if label == "PERSON" and any(t.lower_ in lexicon.load("not_in_person_names") for t in span):
        return None  # "Russian Helicopter is Shot Down": a headline's verb phrase, capitalised, is no person
    if label in ("PERSON", "ORG") and cameo.armed_group_variant(text) is not None:
        # "Fatah al-Sham" (Jabhat Fateh al-Sham), "Tahrir al Sham": an armed group's name spelt another way or without
        # its first word, which the model took for a person's
        return "ArmedGroup", f"ner:{label}+{cameo.VARIANT_RULE}"
    if label in ("PERSON", "ORG") and len(span) >= 2 and span[0].lower_ in lexicon.load("armed_name_starts") \
            and any(_ARTICLE_WORD.match(t.lower_) for t in span[1:]):
        return "ArmedGroup", f"ner:{label}+lexicon:armed-name-start"  # "Faylaq al-Sham", "Ahrar al-Cham"
    if label in ("PERSON", "ORG") and span.start > 0 and doc[span.start - 1].is_title \
            and doc[span.start - 1].lower_ in lexicon.load("armed_name_starts") \
            and any(_ARTICLE_WORD.match(t.lower_) for t in span):
        return "ArmedGroup", f"ner:{label}+lexicon:armed-name-start"  # "Liwa [Fursan al-Haq]": its first word left out
    if label == "PERSON" and len(span) > 7:
        return None  # a list of names glued together ("Walid Khaled al-Jalakh Walid al-Hosni Mohammad Ibin ..."
    if label == "PERSON":
        if gazetteer.is_state(text) or gazetteer.lost_possessive_state(text):
            return "State", "ner:PERSON+gazetteer:state"  # "Russias": "Russia's" without its apostrophe
        if _body_of_a_role(span) or _before_an_office(span):
            return "Organization", "ner:PERSON+context:body-of-role"  # "leader of Ulster Vanguard"
        if span.start > 0 and doc[span.start - 1].lower_ in _BODY_KIND_NOUNS and doc[span.start - 1].is_lower:
            return "Organization", "ner:PERSON+context:body-noun"  # "medical charity Medcins Sans Frontieres"
        return "Person", "ner:PERSON"
    if span[-1].text in lexicon.names("instrument_words"):
        return None
    if label == "ORG" and _titled_person(span):
        return "Person", "ner:ORG+context:title"  # "UN envoy Staffan de Mistura": the model's body after a title
    if label == "ORG":
        if len(span) == 1 and span[0].is_title and text.lower().endswith(("ish", "ese", "ian", "ern")):
            return None  # "Kurdish", "Lebanese", "Northeastern" alone: a people's or a region's adjective
        if any(t.lower_ in lexicon.media_words() for t in span):
            return "Media", "ner:ORG+lexicon:media"
        if gazetteer.is_state(text) or gazetteer.lost_possessive_state(text):
            return "State", "ner:ORG+gazetteer:state"  # "Lebanons": "Lebanon's" without its apostrophe
        if len(span) <= 3 and places.is_place(text, min_population=100_000, fuzzy=False):
            return "Place", "ner:ORG+gazetteer:city"  # the model often takes a city for an organisation
        return "Organization", "ner:ORG"
    if label == "GPE":
        if gazetteer.is_state(text) or gazetteer.lost_possessive_state(text):
            return "State", "ner:GPE+gazetteer:state"
        return "Place", "ner:GPE"
    if label in {"LOC", "FAC"}:
        return "Place", f"ner:{label}"
    return None
