"""Actors, claims and events in any conflict's news: the field's dictionaries, a state's bodies, capitals acting
for their state, acronyms defined in brackets, generic groups, attacks named by their means, denials wherever the
verb stands. Rules on hand-made mentions and hand-built Docs; a marked few run the model on whole sentences."""

from __future__ import annotations

import importlib.util
from dataclasses import replace
from pathlib import Path

import pytest
from spacy.lang.en import English
from spacy.tokens import Doc, Span

from kg.extract.components import field_names, kg_named_forces, kg_state_bodies
from kg.extract.statements import unnamed_actor
from kg.records import Article, Mention, Sentence
from kg.resolve import cameo, gazetteer
from kg.resolve.actors import _base_key, actor_code, body_parts, merge_actors, resolve_in_article

ROOT = Path(__file__).resolve().parent.parent


def mention(text: str, entity_type: str, start: int, sentence: Sentence, rule: str = "test",
            article: str = "a") -> Mention:
    return Mention(article, start, start + len(text), text, entity_type, rule, sentence, 0.7)


def mentions_in(text: str, *spans: tuple) -> list[Mention]:
    """The mentions ``(phrase, type, rule[, which occurrence])`` of one sentence ``text``."""
    s = sentence_of(text)
    return [at(text, phrase, kind, s, rule, nth=(rest or (0,))[0]) for phrase, kind, rule, *rest in spans]


def sentence_of(text: str, article: str = "a") -> Sentence:
    return Sentence(article, 0, len(text), text)


def at(text: str, part: str, entity_type: str, sentence: Sentence, rule: str = "test", nth: int = 0) -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = text.index(part, start + 1)
    return mention(part, entity_type, start, sentence, rule, sentence.article_id)


# --- the field's dictionaries ---------------------------------------------------------------------------------

def test_the_field_dictionaries_give_codes_and_one_canonical_name_per_body():
    assert cameo.named("al-Shabaab").code == "SOMREB"
    assert cameo.named("ISIL").canonical == cameo.named("Daesh").canonical == cameo.named("ISIS").canonical
    assert cameo.named("Kurdistan Workers' Party").entity_type == "ArmedGroup"
    assert cameo.named("United Nations").code.startswith("IGO")
    assert cameo.named("the bakery down the road") is None


def test_capitals_adjectives_and_agents():
    assert cameo.capital_of("Kyiv") == "Ukraine" and cameo.capital_of("Damascus") == "Syria"
    assert cameo.capital_of("Aleppo") is None
    assert gazetteer.state_name("Congolese") == "Congo" and gazetteer.state_name("Burmese") == "Myanmar"
    assert gazetteer.is_state("Burma")
    assert cameo.agent_code("police") == "COP" and cameo.agent_code("rebels") == "REB"
    assert cameo.state_code("Syria") == "SYR"


def test_the_converter_reads_tabari_entries(tmp_path):
    spec = importlib.util.spec_from_file_location("field_dictionaries", ROOT / "scripts" / "field_dictionaries.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    source = tmp_path / "groups.txt"
    source.write_text("# a comment\nAL-SHABAAB\t[SOMREB]\n+SHABAAB_\n\nHAMID_KARZAI_  # note\n"
                      "\t[AFGGOV >011222]\n", encoding="latin-1")
    blocks = module.read_blocks(source)
    assert blocks[0] == (["al-shabaab", "shabaab"], [("SOMREB", "", "")])
    assert blocks[1] == (["hamid karzai"], [("AFGGOV", "2001-12-22", "")])
    rows = module.simple_rows(source, "nonstate")
    assert ("nonstate", "SOMREB", "shabaab", "al-shabaab", "", "") in rows


def test_the_converter_keeps_bodies_sharing_a_sectors_code_apart_and_persons_out_of_bodies(tmp_path):
    spec = importlib.util.spec_from_file_location("field_dictionaries", ROOT / "scripts" / "field_dictionaries.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    rows = [("institution", "USAMIL", "pentagon", "united states military", "", ""),
            ("institution", "USAMIL", "john kirby", "united states military", "", ""),
            ("institution", "USAMIL", "central command", "united states military", "", ""),
            ("person", "USAGOV", "john kerry", "john kerry", "2013-02-01", ""),
            ("nonstate", "IMGMUSISI", "abu bakr al-baghdadi", "the islamic state", "", ""),
            ("nonstate", "IMGMUSISI", "al-baghdadi", "the islamic state", "", ""),
            ("nonstate", "IMGMUSISI", "isil", "the islamic state", "", ""),
            ("nonstate", "ARGREB", "colonel dorrego anti-imperialist command", "che guevara command", "", "")]
    kept = module._without_persons_in_bodies(rows)
    assert ("person", "USAMIL", "john kirby", "john kirby", "", "") in kept
    assert ("institution", "USAMIL", "central command", "united states military", "", "") in kept
    assert ("person", "IMGMUSISI", "abu bakr al-baghdadi", "abu bakr al-baghdadi", "", "") in kept
    assert ("person", "IMGMUSISI", "al-baghdadi", "al-baghdadi", "", "") in kept  # his surname alone
    assert ("nonstate", "IMGMUSISI", "isil", "the islamic state", "", "") in kept
    assert rows[-1] in kept  # a body's name that starts with a rank
    cpj, rsf = cameo.named("Committee to Protect Journalists"), cameo.named("Reporters Without Borders")
    assert cpj.canonical != rsf.canonical
    assert cameo.named("ISIL").canonical == cameo.named("ISIS").canonical  # a group's own code: one body
    assert cameo.named("John Kirby") is None or cameo.named("John Kirby").kind == "person"


def test_field_names_skip_offices_and_the_one_word_ones_want_a_capital():
    found = field_names(English().tokenizer)
    assert ("KG_ArmedGroup", ("al", "-", "shabaab")) in found
    assert not any(words == ("secretary", "of", "state") for _, words in found)
    nlp = English()
    nlp.add_pipe("kg_entity_ruler")
    doc = nlp("The FSB said that fsb agents, Al-Shabaab and the Lawyers’ Committee for Human Rights met.")
    assert [(e.text, e.label_) for e in doc.ents] == [
        ("FSB", "KG_Organization"), ("Al-Shabaab", "KG_ArmedGroup"),
        ("Lawyers’ Committee for Human Rights", "KG_Organization")]


def test_a_name_extended_with_a_hyphen_and_capitals_is_another_body_of_the_same_kind():
    nlp = English()
    nlp.add_pipe("kg_entity_ruler")
    doc = nlp("The SPLA said the SPLA-IO fled, and the SPLA - a force - stayed.")
    assert [(e.text, e.label_, e.ent_id_) for e in doc.ents] == [
        ("SPLA", "KG_ArmedGroup", "field:cameo"), ("SPLA-IO", "KG_ArmedGroup", "name:extension"),
        ("SPLA", "KG_ArmedGroup", "field:cameo")]


def test_a_known_name_inside_a_longer_hyphenated_name_is_that_longer_name():
    nlp = English()
    nlp.add_pipe("kg_entity_ruler")
    doc = nlp("Tehrik-i-Taliban Pakistan and the Taliban and al-Shabaab and pro-Hamas fighters met.")
    assert [(e.text, e.ent_id_) for e in doc.ents] == [
        ("Tehrik-i-Taliban Pakistan", "name:extension"), ("Taliban", "lexicon:armed_groups"),
        ("al-Shabaab", "field:cameo"), ("pro-Hamas fighters", "ruler:armed-group")]


def test_the_bodies_of_a_state_of_several_words_are_one_entity_the_longest_head_wins():
    nlp = English()
    nlp.add_pipe("kg_entity_ruler")
    doc = nlp("The South Sudan army and the South Sudan's federal police and the Central African Republic air "
              "force met South Sudan.")
    assert [(e.text, e.label_) for e in doc.ents] == [
        ("South Sudan army", "KG_ArmedGroup"), ("South Sudan's federal police", "KG_Organization"),
        ("Central African Republic air force", "KG_ArmedGroup")]


# --- a state's bodies ---------------------------------------------------------------------------------------------

def state_body(words: list[str], ents: list[str]) -> list[tuple[str, str]]:
    doc = Doc(English().vocab, words=words, ents=ents)  # a vocab that knows lower case
    return [(e.text, e.label_) for e in kg_state_bodies(doc).ents]


def test_a_states_forces_named_with_the_state_are_one_entity():
    assert state_body(["Congo", "'s", "military", "accused", "them"], ["B-GPE", "O", "O", "O", "O"]) == [
        ("Congo 's military", "KG_ArmedGroup")]
    assert state_body(["the", "Ethiopian", "federal", "army", "fought"], ["O", "B-NORP", "O", "O", "O"]) == [
        ("Ethiopian federal army", "KG_ArmedGroup")]
    assert state_body(["South", "Sudan", "police", "said"], ["B-GPE", "I-GPE", "O", "O"]) == [
        ("South Sudan police", "KG_Organization")]
    assert state_body(["the", "Myanmar", "junta", "denied"], ["O", "B-GPE", "O", "O"]) == [
        ("Myanmar junta", "KG_State")]


def test_a_government_named_with_its_leader_is_one_entity_a_leaders_forces_are_not():
    assert state_body(["the", "Assad", "regime", "fell"], ["O", "B-PERSON", "O", "O"]) == [
        ("Assad regime", "KG_State")]
    assert state_body(["the", "Maduro", "administration", "said"], ["O", "B-PERSON", "O", "O"]) == [
        ("Maduro administration", "KG_State")]
    # someone the field's dictionaries do not know as a state's leader names no government
    assert state_body(["the", "Smith", "administration", "said"], ["O", "B-PERSON", "O", "O"]) == [
        ("Smith", "PERSON")]
    # "Assad forces" are an armed group the ruler types, not a government
    assert state_body(["Assad", "forces", "shelled"], ["B-PERSON", "O", "O"]) == [("Assad", "PERSON")]


def test_a_states_officials_authorities_and_government_act_as_the_state():
    text = "Lebanese officials and the Lebanese authorities and Lebanon"
    s = sentence_of(text)
    officials = at(text, "Lebanese officials", "State", s, "ruler:state-body")
    authorities = at(text, "Lebanese authorities", "State", s, "ruler:state-body")
    state = at(text, "Lebanon", "State", s)
    assert _base_key(officials) == _base_key(authorities) == _base_key(state)
    actor = resolve_in_article([officials, authorities, state])[state]
    assert (actor.label, actor.entity_type, actor.code) == ("Lebanon", "State", "LBN")
    assert {"Lebanese officials", "Lebanese authorities"} <= set(actor.aliases)


def test_a_junta_is_an_actor_of_its_own_beside_its_state():
    text = "the Myanmar junta and Myanmar"
    s = sentence_of(text)
    junta = at(text, "Myanmar junta", "State", s, "ruler:state-body")
    state = at(text, "Myanmar", "State", s)
    assert _base_key(junta) != _base_key(state)
    assert resolve_in_article([junta, state])[junta].code == "MMRGOV"


def test_a_leaders_regime_resolves_to_the_government_of_his_state():
    text = "the Assad regime and the Syrian government"
    s = sentence_of(text)
    regime = at(text, "Assad regime", "State", s, "ruler:state-body")
    government = at(text, "Syrian government", "State", s, "ruler:state-body")
    assert _base_key(regime) == _base_key(government)


def named_forces(words: list[str], pos: list[str], ents: list[str]) -> list[tuple[str, str]]:
    doc = Doc(English().vocab, words=words, pos=pos, ents=ents)
    return [(e.text, e.label_) for e in kg_named_forces(doc).ents]


def test_forces_named_with_a_proper_noun_are_one_armed_group():
    # a region the model missed, a place it found, a generic head the ruler found alone
    assert named_forces(["Tigray", "forces", "killed", "120"], ["PROPN", "NOUN", "VERB", "NUM"],
                        ["O", "O", "O", "B-CARDINAL"]) == [("Tigray forces", "KG_ArmedGroup"), ("120", "CARDINAL")]
    assert named_forces(["the", "Darfur", "rebels", "won"], ["DET", "PROPN", "NOUN", "VERB"],
                        ["O", "B-GPE", "B-KG_ArmedGroup", "O"]) == [("Darfur rebels", "KG_ArmedGroup")]


def test_forces_named_with_a_regions_adjective_the_model_took_for_an_organisation_are_an_armed_group():
    assert named_forces(["the", "Tigrayan", "forces", "left"], ["DET", "PROPN", "NOUN", "VERB"],
                        ["O", "B-ORG", "O", "O"]) == [("Tigrayan forces", "KG_ArmedGroup")]
    # an organisation's name that is no adjective stays its own: "Wagner fighters" are Wagner's
    assert named_forces(["Wagner", "fighters", "left"], ["PROPN", "NOUN", "VERB"],
                        ["B-ORG", "O", "O"]) == [("Wagner", "ORG")]


def test_tigrayan_forces_are_the_tigray_forces():
    text = "Tigray forces and the Tigrayan forces"
    s = sentence_of(text)
    ms = [at(text, "Tigray forces", "ArmedGroup", s, "ruler:armed-group"),
          at(text, "Tigrayan forces", "ArmedGroup", s, "ruler:armed-group")]
    assert _base_key(ms[0]) == _base_key(ms[1])


def test_named_forces_leave_names_codes_and_the_rulers_finds_alone():
    # a capital head is a name's ("Rapid Support Forces"); a coded name is its own ("M23 rebels": M23)
    assert named_forces(["Rapid", "Support", "Forces", "said"], ["PROPN", "PROPN", "PROPN", "VERB"],
                        ["B-ORG", "I-ORG", "I-ORG", "O"]) == [("Rapid Support Forces", "ORG")]
    assert named_forces(["M23", "rebels", "said"], ["PROPN", "NOUN", "VERB"], ["O", "O", "O"]) == []
    assert named_forces(["Israeli", "forces", "came"], ["PROPN", "NOUN", "VERB"],
                        ["B-KG_ArmedGroup", "I-KG_ArmedGroup", "O"]) == [("Israeli forces", "KG_ArmedGroup")]
    # words of the lists are no name: "Government forces" is the ruler's
    assert named_forces(["Government", "forces", "came"], ["PROPN", "NOUN", "VERB"], ["O", "O", "O"]) == []


def test_a_place_that_is_not_a_state_has_its_own_police_not_the_states():
    assert state_body(["Aleppo", "police", "said"], ["B-GPE", "O", "O"]) == [("Aleppo police", "KG_Organization")]
    assert kg_state_bodies(Doc(English().vocab, words=["Aleppo", "police", "said"], ents=["B-GPE", "O", "O"])) \
        .ents[0].ent_id_ == "ruler:local-body"
    # the model's organisation holding the body; a police force's own name; a place's army is no body of its own
    assert state_body(["the", "Gaza", "health", "ministry", "said"], ["B-ORG", "I-ORG", "I-ORG", "I-ORG", "O"]) == [
        ("the Gaza health ministry", "KG_Organization")]
    assert state_body(["Aleppo", "army", "said"], ["B-GPE", "O", "O"]) == [("Aleppo", "GPE")]
    assert state_body(["Lyon", "police", "said"], ["B-PERSON", "O", "O"]) == [("Lyon police", "KG_Organization")]
    assert state_body(["Abbas", "police", "said"], ["B-PERSON", "O", "O"]) == [("Abbas", "PERSON")]


def test_a_states_forces_are_its_military_whatever_the_word():
    assert body_parts("Turkish forces") == body_parts("the Turkish army") == body_parts("Turkey's military")
    assert body_parts("Turkish forces") != body_parts("Syrian army")
    assert body_parts("rebel fighters")[1] == "rebels"


def test_congos_military_and_the_congolese_army_are_one_actor_apart_from_congo():
    text = "Congo's military said the Congolese army and Congo"
    s = sentence_of(text)
    ms = [at(text, "Congo's military", "ArmedGroup", s, "ruler:state-body"),
          at(text, "Congolese army", "ArmedGroup", s, "ruler:armed-group"),
          at(text, "Congo", "State", s, nth=1)]
    resolved = resolve_in_article(ms)
    assert resolved[ms[0]] is resolved[ms[1]]
    assert resolved[ms[2]] is not resolved[ms[0]]


def test_government_forces_are_the_one_state_army_the_article_names():
    text = "the South Sudan army said government forces fought"
    s = sentence_of(text)
    ms = [at(text, "South Sudan army", "ArmedGroup", s, "ruler:state-body"),
          at(text, "government forces", "ArmedGroup", s, "ruler:armed-group")]
    resolved = resolve_in_article(ms)
    assert resolved[ms[0]] is resolved[ms[1]] and resolved[ms[0]].label == "South Sudan army"


def test_government_forces_where_two_state_armies_are_named_are_neither():
    text = "the Turkish army and the Syrian army said government forces fought"
    s = sentence_of(text)
    ms = [at(text, "Turkish army", "ArmedGroup", s, "ruler:armed-group"),
          at(text, "Syrian army", "ArmedGroup", s, "ruler:armed-group"),
          at(text, "government forces", "ArmedGroup", s, "ruler:armed-group")]
    resolved = resolve_in_article(ms)
    assert resolved[ms[2]] is not resolved[ms[0]] and resolved[ms[2]] is not resolved[ms[1]]


def test_a_states_body_without_its_state_is_the_one_its_article_names_or_its_articles_own():
    text = "Britain's security services said the security services knew"
    s = sentence_of(text)
    ms = [at(text, "Britain's security services", "Organization", s, "ruler:state-body"),
          at(text, "security services", "Organization", s, "ruler:state-body", nth=1)]
    resolved = resolve_in_article(ms)
    assert resolved[ms[0]] is resolved[ms[1]]
    elsewhere = sentence_of("the security services knew", article="b")
    bare = at("the security services knew", "security services", "Organization", elsewhere, "ruler:state-body")
    assert "in b" in resolve_in_article([bare])[bare].key  # another country's, maybe: known in its article


# --- names -------------------------------------------------------------------------------------------------------

def test_an_acronym_in_brackets_names_what_precedes_it():
    text = "the Sudan People's Liberation Front (SPLA) attacked. Later SPLA fighters left."
    s = sentence_of(text)
    ms = [at(text, "Sudan People's Liberation Front", "ArmedGroup", s, "ner:ORG"),
          at(text, "SPLA", "Organization", s), at(text, "SPLA", "Organization", s, nth=1)]
    resolved = resolve_in_article(ms)
    assert resolved[ms[0]] is resolved[ms[1]] is resolved[ms[2]]
    assert resolved[ms[0]].label == "Sudan People's Liberation Front"
    assert resolved[ms[1]].mention_rules[1:] == ("resolution:bracket-acronym",) * 2


def test_an_acronym_defined_in_one_article_names_the_same_body_in_another():
    text = "the Rapid Support Forces (RSF) attacked"
    s = sentence_of(text)
    one = resolve_in_article([at(text, "Rapid Support Forces", "ArmedGroup", s, "ner:ORG"),
                              at(text, "RSF", "Organization", s)])
    other_text = "RSF said"
    other = resolve_in_article([mention("RSF", "Organization", 0, sentence_of(other_text, "b"), article="b")])
    merged = merge_actors([*one.values(), *other.values()])
    assert len({id(a) for a in merged.values()}) == 1


def test_a_part_of_a_persons_name_is_that_person():
    text = "Sewnet Wubalem and Ahmad Musa Jibril. Sewnet said Musa Jibril spoke."
    s = sentence_of(text)
    ms = [at(text, "Sewnet Wubalem", "Person", s), at(text, "Ahmad Musa Jibril", "Person", s),
          at(text, "Sewnet", "Person", s, nth=1), at(text, "Musa Jibril", "Person", s, nth=1)]
    resolved = resolve_in_article(ms)
    assert resolved[ms[2]] is resolved[ms[0]] and resolved[ms[3]] is resolved[ms[1]]


def test_two_people_sharing_a_given_name_are_not_bound_by_it():
    text = "Ahmed Hassan and Ahmed Ali. Ahmed said"
    s = sentence_of(text)
    ms = [at(text, "Ahmed Hassan", "Person", s), at(text, "Ahmed Ali", "Person", s),
          at(text, "Ahmed", "Person", s, nth=2)]
    resolved = resolve_in_article(ms)
    assert resolved[ms[2]] is not resolved[ms[0]] and resolved[ms[2]] is not resolved[ms[1]]


def test_variants_of_one_group_meet_through_the_field_dictionaries():
    text = "ISIL and Daesh and the Islamic State"
    s = sentence_of(text)
    ms = [at(text, "ISIL", "ArmedGroup", s, "field:cameo"), at(text, "Daesh", "ArmedGroup", s, "field:cameo"),
          at(text, "Islamic State", "ArmedGroup", s, "lexicon:armed_groups")]
    resolved = resolve_in_article(ms)
    assert resolved[ms[0]] is resolved[ms[1]] is resolved[ms[2]]


# --- generic groups ------------------------------------------------------------------------------------------------

def test_rebels_after_a_named_group_are_that_group():
    text = "the M23 rebels attacked. The rebels left."
    s = sentence_of(text)
    ms = [at(text, "M23", "Organization", s, "ner:ORG"), at(text, "rebels", "ArmedGroup", s, "ruler:armed-group"),
          at(text, "rebels", "ArmedGroup", s, "ruler:armed-group", nth=1)]
    resolved = resolve_in_article(ms)
    assert resolved[ms[0]] is resolved[ms[1]] is resolved[ms[2]]
    assert resolved[ms[0]].label == "M23" and resolved[ms[0]].entity_type == "ArmedGroup"


def test_terrorists_in_an_article_that_names_only_a_states_own_force_are_not_that_force():
    ms = mentions_in("The Syrian Arab Army shelled terrorist groups. The terrorist groups fled.",
                     ("Syrian Arab Army", "ArmedGroup", "lexicon:armed_groups"),
                     ("terrorist groups", "ArmedGroup", "ruler:armed-group"),
                     ("terrorist groups", "ArmedGroup", "ruler:armed-group", 1))
    resolved = resolve_in_article(ms)
    assert resolved[ms[1]] is not resolved[ms[0]] and resolved[ms[2]] is not resolved[ms[0]]
    assert actor_code([ms[0]], "ArmedGroup", "Syrian Arab Army") == "SYRMIL"


def test_forces_loyal_to_a_leader_are_his_side_whatever_his_name_is_written_and_a_states_adjective_its_forces():
    ms = mentions_in("Forces loyal to Syrian President Bashar al-Assad shelled it. Pro-Assad forces advanced.",
                     ("Forces loyal to Syrian President Bashar al-Assad", "ArmedGroup", "ruler:forces-loyal-to"),
                     ("Pro-Assad forces", "ArmedGroup", "ruler:armed-group"))
    assert _base_key(ms[0]) == _base_key(ms[1])
    assert body_parts("forces loyal to Syrian") == body_parts("Syrian forces")  # the name cut off after the adjective


def test_an_acronym_in_brackets_after_a_generic_force_cut_from_a_longer_name_is_not_that_force():
    ms = mentions_in("clashes between the so-called Free Syria Army (FSA) and ISIL",
                     ("Syria Army", "ArmedGroup", "ruler:state-body"), ("FSA", "ArmedGroup", "lexicon:armed_groups"))
    resolved = resolve_in_article(ms)
    assert resolved[ms[0]] is not resolved[ms[1]]
    # the whole name before the brackets: the acronym is its
    ms = mentions_in("the South Sudan army (SPLA) said",
                     ("South Sudan army", "ArmedGroup", "ruler:state-body"), ("SPLA", "ArmedGroup", "ner:ORG"))
    resolved = resolve_in_article(ms)
    assert resolved[ms[0]] is resolved[ms[1]]


def test_a_bare_group_noun_is_the_one_named_group_the_article_calls_so():
    # two armed groups are named, but only one is called "insurgents": the bare noun is that one, and a bare
    # "rebels" (a head the article gives no named group) stays the article's own
    text = "Mai-Mai fought the IS insurgents. The insurgents left, rebels said."
    s = sentence_of(text)
    ms = [at(text, "Mai-Mai", "ArmedGroup", s, "field:cameo"), at(text, "IS", "ArmedGroup", s, "lexicon:armed_groups"),
          at(text, "insurgents", "ArmedGroup", s, "ruler:armed-group"),
          at(text, "insurgents", "ArmedGroup", s, "ruler:armed-group", nth=1),
          at(text, "rebels", "ArmedGroup", s, "ruler:armed-group")]
    resolved = resolve_in_article(ms)
    assert resolved[ms[3]] is resolved[ms[1]] is not resolved[ms[0]]
    assert resolved[ms[4]] is not resolved[ms[1]] and resolved[ms[4]] is not resolved[ms[0]]
    assert "insurgents" not in resolved[ms[1]].aliases  # a noun bound to the group is not one of its names


def test_policemen_police_officers_and_the_police_force_are_the_police():
    text = "Spanish Police said. The police force and police officers and policemen came."
    s = sentence_of(text)
    ms = [at(text, "Spanish Police", "Organization", s, "ruler:state-body"),
          at(text, "police force", "Organization", s, "ruler:state-body"),
          at(text, "police officers", "Organization", s, "ruler:state-body"),
          at(text, "policemen", "Organization", s, "ruler:state-body")]
    resolved = resolve_in_article(ms)
    assert resolved[ms[0]] is resolved[ms[1]] is resolved[ms[2]] is resolved[ms[3]]
    assert body_parts("Somali policemen") == body_parts("Somalia's police") == ("Somalia", "", "police")


def test_bare_rebels_and_officials_stay_in_their_article():
    def actors(article: str):
        text = "rebels and officials and civilians"
        s = sentence_of(text, article)
        ms = [at(text, "rebels", "ArmedGroup", s, "ruler:armed-group"),
              at(text, "officials", "Group", s, "lexicon:people-groups"),
              at(text, "civilians", "Group", s, "lexicon:people-groups")]
        return list(resolve_in_article(ms).values())

    merged = merge_actors([*actors("a"), *actors("b")])
    labels = sorted(a.label for a in {id(a): a for a in merged.values()}.values())
    assert labels == ["civilians", "officials", "officials", "rebels", "rebels"]


# --- whole sentences (the model) -------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def extract():
    from kg.extract.nlp import load_pipeline
    from kg.extract.run import extract_article

    nlp = load_pipeline(None)

    def run(text: str):
        x = extract_article(nlp(text), Article(article_id="t", text=text, date="2024-01-01"))
        label = {m: x.local_actors[m].label for m in x.mentions}
        return x, label

    return run


@pytest.mark.model
def test_a_capital_that_accuses_is_its_state(extract):
    x, label = extract("Moscow accused Ukraine's army of firing a missile at a residential area.")
    (al,) = x.allegations
    assert label[al.accuser] == "Russia" and [label[m] for m in al.accused] == ["Ukraine's army"]


@pytest.mark.model
def test_a_capital_where_something_happens_is_a_place(extract):
    x, _ = extract("He was born in Moscow.")
    assert [m.entity_type for m in x.mentions if m.text == "Moscow"] == ["Place"]


@pytest.mark.model
def test_a_report_ending_with_its_source_is_attributed_to_it(extract):
    x, label = extract("Turkish airstrikes killed at least 15 people, the SDF said.")
    (st,) = x.statements
    assert label[st.speaker_mention] == "SDF" and st.content.startswith("Turkish airstrikes killed")


@pytest.mark.model
def test_an_attack_named_by_its_means_has_its_agent_and_toll(extract):
    x, label = extract("An Israeli air strike killed 10 people in the town, Lebanese officials said.")
    strike = [ev for ev in x.events if ev.event_type == "air-strike"]
    assert strike and [label[m] for m in strike[0].agents] == ["Israel"] and strike[0].casualties[0].count == 10
    assert [label[m] for al in x.allegations for m in al.accused] == ["Israel"]


@pytest.mark.model
def test_a_speaker_reporting_its_own_side_does_not_accuse(extract):
    x, _ = extract("Russia's defence ministry said Russian warplanes carried out strikes that killed 20 militants.")
    assert x.allegations == ()


@pytest.mark.model
def test_denials_wherever_the_verb_stands(extract):
    x, label = extract("It is a charge denied by Hamas.")
    assert [(label[d.denier], [label[m] for m in d.defended]) for d in x.denials] == [("Hamas", ["Hamas"])]
    x, label = extract("Turkey denied it had launched strikes against civilians.")
    assert [(label[d.denier], [label[m] for m in d.defended]) for d in x.denials] == [("Turkey", ["Turkey"])]
    x, label = extract("Moscow, which says it does not deliberately target civilians, has seized much of the region.")
    assert [(label[d.denier], d.rule) for d in x.denials] == [("Russia", "denial:negated-claim")]


@pytest.mark.model
def test_a_spokesmans_denial_defends_his_side(extract):
    x, label = extract("Lawrence Kanyuka, M23's political spokesman, denied the allegations of involvement.")
    (d,) = x.denials
    assert {label[m] for m in d.defended} == {"Lawrence Kanyuka", "M23"}


@pytest.mark.model
def test_an_infinitive_reports_nothing(extract):
    x, _ = extract("The government is doing everything possible to respond to the demands for reform.")
    assert x.statements == ()


# --- page furniture ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, furniture", [
    ("Title\n\nJUBA - The army said it.", "JUBA -"),
    ("Title\nJanuary 25, 2017 (JUBA) - South Sudan army (SPLA) has denied it.", "January 25, 2017 (JUBA) -"),
    ("Title\nGAZA STRIP: Civil defence rescuers said.", "GAZA STRIP:"),
    ("Title\nDONETSK, Ukraine (Reuters) - Ukrainian forces killed two.", "DONETSK, Ukraine (Reuters) -"),
    ("Title\nFILE - Salman Abedi, the bomber, is seen in this image.", "FILE - Salman Abedi, the bomber, is seen in "
                                                                      "this image."),
])
def test_datelines_and_file_captions_are_not_reporting(text, furniture):
    from kg.readers.boilerplate import find_boilerplate

    assert [text[a:b] for a, b in find_boilerplate(text)] == [furniture]


@pytest.mark.parametrize("text", ["Title\nThe UN said: it is bad.", "Title\nThe army said - and it matters - so.",
                                  "Title\nUS, UN condemn Myanmar junta over killing"])
def test_reporting_is_not_a_dateline(text):
    from kg.readers.boilerplate import find_boilerplate

    assert not find_boilerplate(text)


def test_a_possessive_whose_apostrophe_was_lost_is_its_owner():
    text = "the Observatory said. The Observatorys director and Syrias army"
    s = sentence_of(text)
    ms = [at(text, "Observatory", "Organization", s, "ner:ORG"),
          at(text, "Observatorys", "Organization", s, "ner:ORG")]
    resolved = resolve_in_article(ms)
    assert resolved[ms[0]] is resolved[ms[1]]
    assert gazetteer.state_name("Syrias") == "Syria" and gazetteer.state_name("Philippines") == "Philippines"


def test_a_lost_possessive_of_a_long_names_short_form_is_that_body():
    text = "the Syrian Observatory for Human Rights said. The Observatorys chief said more"
    s = sentence_of(text)
    ms = [at(text, "Syrian Observatory for Human Rights", "Organization", s, "lexicon:organizations"),
          at(text, "Observatorys", "Organization", s, "ner:ORG")]
    resolved = resolve_in_article(ms)
    assert resolved[ms[0]] is resolved[ms[1]]
    # across articles: an article that names only "the Observatorys chief" meets the body named in full elsewhere
    other = "The Observatorys chief said."
    alone = at(other, "Observatorys", "Organization", sentence_of(other, "b"), "ner:ORG")
    alone = replace(alone, article_id="b")
    local = list(resolve_in_article(ms).values()) + list(resolve_in_article([alone]).values())
    merged = merge_actors(local)
    assert len({id(a) for a in merged.values()}) == 1
    # a name as the article writes it elsewhere, whatever it was bound to
    text = "Washington said so. Washingtons plan failed"
    s = sentence_of(text)
    ms = [at(text, "Washington", "State", s, "ner:GPE"), at(text, "Washingtons", "Organization", s, "ner:ORG")]
    resolved = resolve_in_article(ms)
    assert resolved[ms[0]] is resolved[ms[1]]


def test_a_tag_list_glued_into_the_text_is_not_reporting():
    from kg.readers.boilerplate import find_boilerplate

    text = ("Title\nthe group said. Tags Syria Islamic State IS civilians The Islamic State group has left. "
            "Tags are fun.")
    assert [text[a:b] for a, b in find_boilerplate(text)] == ["Tags Syria Islamic State IS civilians"]
    assert cameo.named("IS").canonical == cameo.named("ISIL").canonical


def test_the_town_of_a_name_is_a_place_whatever_the_parse():
    from kg.extract.components import typed_mentions
    words = ["a", "car", "in", "the", "town", "of", "Hader", "exploded"]
    doc = Doc(English().vocab, words=words, ents=["O", "O", "O", "O", "O", "O", "B-ORG", "O"],
              deps=["det", "nsubj", "prep", "det", "pobj", "prep", "nsubj", "ROOT"], heads=[1, 7, 1, 4, 2, 4, 7, 7])
    assert [(s.text, s.label_) for s in typed_mentions(doc.ents)] == [("Hader", "Place")]


RAIDS = """
Civilians  civilian  NOUN  nsubjpass 2
were       be        AUX   auxpass   2
killed     kill      VERB  ccomp     15
in         in        ADP   prep      2
Syrian     syrian    ADJ   amod      8
or         or        CCONJ cc        4
Russian    russian   ADJ   conj      4
air        air       NOUN  compound  8
raids      raid      NOUN  pobj      3
that       that      PRON  nsubjpass 11
is         be        AUX   auxpass   11
controlled control   VERB  relcl     8
by         by        ADP   agent     11
IS         IS        PROPN pobj      12
monitors   monitor   NOUN  nsubj     15
said       say       VERB  ROOT      15
.          .         PUNCT punct     15
"""


def test_the_raids_of_two_states_accuse_both_and_who_holds_the_region_no_one():
    from test_rules import claims_in, labels
    found, _, actors = claims_in(RAIDS, {(4, 5): "State", (6, 7): "State", (13, 14): "ArmedGroup", (14, 15): "Group"})
    assert [labels(al.accused, actors) for al in found] == [["Syria", "Russia"]]
    # a verb of attacking under the raids names their maker
    found, _, actors = claims_in(RAIDS.replace("controlled control", "carried    carry     "),
                                 {(4, 5): "State", (6, 7): "State", (13, 14): "ArmedGroup", (14, 15): "Group"})
    assert "IS" in labels(found[0].accused, actors)


DEPOT = """
Russia   Russia   PROPN nsubj  1
said     say      VERB  ROOT   1
gas      gas      NOUN  nsubj  3
leaked   leak     VERB  ccomp  1
from     from     ADP   prep   3
a        a        DET   det    7
rebel    rebel    ADJ   amod   7
depot    depot    NOUN  pobj   4
struck   strike   VERB  acl    7
by       by       ADP   agent  8
Syrian   syrian   ADJ   amod   11
bombs    bomb     NOUN  pobj   9
.        .        PUNCT punct  1
"""


def test_striking_what_fighters_hold_is_combat_not_an_accusation():
    from test_rules import claims_in, labels
    spans = {(0, 1): "State", (10, 11): "State"}
    found, _, _ = claims_in(DEPOT, spans)
    assert found == []
    school = DEPOT.replace("rebel    rebel    ADJ   amod", "crowded  crowded  ADJ   amod").replace(
        "depot    depot ", "market   market")
    found, _, actors = claims_in(school, spans)
    assert [labels(al.accused, actors) for al in found] == [["Syria"]]


OWN_FORCES = """
Russian   russian   ADJ   amod   1
officials official  NOUN  nsubj  2
said      say       VERB  ROOT   2
the       the       DET   det    4
military  military  NOUN  nsubj  5
shelled   shell     VERB  ccomp  2
the       the       DET   det    7
market    market    NOUN  dobj   5
.         .         PUNCT punct  2
"""


def _own_forces_claims(table: str):
    from test_rules import mentions, parse

    from kg.extract.claims import extract_allegations
    from kg.extract.statements import extract_statements
    from kg.records import Article
    from kg.resolve.actors import resolve_in_article
    doc = parse(table)
    article = Article("t", doc.text)
    found = mentions(doc, article, {(0, 2): "State"}, rule="ruler:state-body") + \
        mentions(doc, article, {(3, 5): "ArmedGroup"}, rule="ruler:armed-group")
    actors = resolve_in_article(sorted(found, key=lambda m: m.start))
    statements = list(extract_statements(doc, article, actors))
    return list(extract_allegations(doc, article, actors, statements)), actors


def test_a_states_officials_speak_of_its_forces_unqualified_as_its_own():
    found, actors = _own_forces_claims(OWN_FORCES)
    assert sorted(a.code for a in actors.values()) == ["MIL", "RUS"]  # officials act as their state
    assert found == []
    # another state's forces, named, are accused
    found, actors = _own_forces_claims(OWN_FORCES.replace("the       the       DET   det    4",
                                                          "Ukraine   Ukraine   PROPN poss   4"))
    assert len(found) == 1


STORMED = """
Sources   source    NOUN  nsubj  1
said      say       VERB  ROOT   1
soldiers  soldier   NOUN  nsubj  3
stormed   storm     VERB  ccomp  1
Nusra     Nusra     PROPN poss   5
strongholds stronghold NOUN dobj 3
.         .         PUNCT punct  1
"""


def test_storming_what_fighters_hold_is_combat_and_whom_jets_support_did_nothing():
    from test_rules import claims_in, labels
    spans = {(0, 1): "Group", (2, 3): "ArmedGroup", (4, 5): "ArmedGroup"}
    assert claims_in(STORMED, spans)[0] == []
    found, _, actors = claims_in(STORMED.replace("strongholds stronghold", "villages  village   "), spans)
    assert [labels(al.accused, actors) for al in found] == [["soldiers"]]
    support = """
Reuters   Reuters   PROPN nsubj  1
said      say       VERB  ROOT   1
jets      jet       NOUN  nsubj  7
acting    act       VERB  acl    2
in        in        ADP   prep   3
support   support   NOUN  pobj   4
of        of        ADP   prep   5
Assad     Assad     PROPN pobj   6
bombed    bomb      VERB  ccomp  1
a         a         DET   det    10
market    market    NOUN  dobj   8
.         .         PUNCT punct  1
"""
    support = support.replace("acting    act       VERB  acl    2", "acting    act       VERB  acl    2")
    rows = support.strip().splitlines()
    rows[2] = "jets      jet       NOUN  nsubj  8"
    found, _, actors = claims_in("\n".join(rows), {(0, 1): "Media", (2, 3): "ArmedGroup", (7, 8): "Person"})
    assert [labels(al.accused, actors) for al in found] == [["jets"]]
    with_help = "\n".join(rows).replace("in        in        ADP   prep   3", "with      with      ADP   prep   3")
    found, _, actors = claims_in(with_help, {(0, 1): "Media", (2, 3): "ArmedGroup", (7, 8): "Person"})
    assert [labels(al.accused, actors) for al in found] == [["jets", "Assad"]]


def test_the_harmed_are_never_accused():
    from test_rules import claims_in, labels
    table = """
Monitors  monitor   NOUN  nsubj  1
said      say       VERB  ROOT   1
coalition coalition NOUN  nsubj  4
and       and       CCONJ cc     2
civilians civilian  NOUN  conj   2
killed    kill      VERB  ccomp  1
.         .         PUNCT punct  1
"""
    rows = table.strip().splitlines()
    rows[2] = "coalition coalition NOUN  nsubj  5"
    found, _, actors = claims_in("\n".join(rows), {(0, 1): "Group", (2, 3): "ArmedGroup", (4, 5): "Group"})
    assert [labels(al.accused, actors) for al in found] == [["coalition"]]


LEADER = """
Assad     Assad     PROPN nsubj  1
said      say       VERB  ROOT   1
Syrian    syrian    ADJ   amod   3
forces    force     NOUN  nsubj  4
bombed    bomb      VERB  ccomp  1
a         a         DET   det    6
market    market    NOUN  dobj   4
.         .         PUNCT punct  1
"""


def test_a_leader_on_his_states_forces_reports_and_on_anothers_accuses():
    from test_rules import claims_in, labels
    spans = {(0, 1): "Person", (2, 4): "ArmedGroup"}
    found, _, actors = claims_in(LEADER, spans)
    assert [a.code for a in actors.values()][0] == "SYRGOV" and found == []
    found, _, actors = claims_in(LEADER.replace("Syrian    syrian", "Turkish   turkish"), spans)
    assert [labels(al.accused, actors) for al in found] == [["Turkish forces"]]


def test_a_states_lost_possessive_before_rebels_does_not_make_them_the_state():
    from test_rules import mentions, parse

    from kg.records import Article
    from kg.resolve.actors import resolve_in_article
    table = """
Syrias    Syrias    PROPN compound 1
rebels    rebel     NOUN  nsubj    2
attacked  attack    VERB  ROOT     2
.         .         PUNCT punct    2
"""
    doc = parse(table)
    article = Article("t", doc.text)
    found = mentions(doc, article, {(0, 1): "Organization"}, rule="ner:ORG") + \
        mentions(doc, article, {(1, 2): "ArmedGroup"}, rule="ruler:armed-group")
    local = resolve_in_article(found)
    assert local[found[1]].key != local[found[0]].key
    # the same with a group's name: its fighters are the group
    doc = parse(table.replace("Syrias    Syrias", "Hamas     Hamas "))
    found = mentions(doc, article, {(0, 1): "Organization"}, rule="ner:ORG") + \
        mentions(doc, article, {(1, 2): "ArmedGroup"}, rule="ruler:armed-group")
    local = resolve_in_article(found)
    assert local[found[1]].key == local[found[0]].key and local[found[0]].entity_type == "ArmedGroup"
    # across articles, one article's "Syria rebels" read as a group does not make the state an armed group
    from kg.resolve.actors import _actor
    doc = parse("Syria Syria PROPN nsubj 1\nsaid say VERB ROOT 1\nSyria Syria PROPN nsubj 3\nsaid say VERB ROOT 3\n"
                "rebels rebel NOUN nsubj 4")
    syria = mentions(doc, article, {(0, 1): "State", (2, 3): "State"})
    rebels = mentions(doc, article, {(4, 5): "ArmedGroup"}, rule="ruler:armed-group")
    actor = _actor("syria", syria + rebels, ("resolution:name", "resolution:name", "resolution:group-head"))
    assert (actor.entity_type, actor.label) == ("State", "Syria")


INQUIRY = """
UN      UN      PROPN nsubj  1
said    say     VERB  ROOT   1
it      it      PRON  nsubj  4
would   would   AUX   aux    4
probe   probe   VERB  ccomp  1
claims  claim   NOUN  dobj   4
that    that    SCONJ mark   9
the     the     DET   det    8
army    army    NOUN  nsubj  9
used    use     VERB  acl    5
nerve   nerve   NOUN  compound 11
gas     gas     NOUN  dobj   9
.       .       PUNCT punct  1
"""


def test_what_claims_looked_into_say_is_not_the_inquirers_allegation():
    from test_rules import claims_in
    spans = {(0, 1): "Organization", (7, 9): "ArmedGroup"}
    assert claims_in(INQUIRY, spans)[0] == []
    found, _, _ = claims_in(INQUIRY.replace("probe   probe ", "repeat  repeat"), spans)
    assert len(found) == 1


MOVED = """
Activists activist NOUN  nsubj  1
said      say      VERB  ROOT   1
the       the      DET   det    3
army      army     NOUN  nsubj  4
moved     move     VERB  ccomp  1
nerve     nerve    NOUN  compound 6
gas       gas      NOUN  dobj   4
.         .        PUNCT punct  1
"""


def test_moving_nothing_is_no_deed_and_a_fine_is_no_blow():
    from test_rules import claims_in
    spans = {(0, 1): "Group", (2, 4): "ArmedGroup"}
    assert len(claims_in(MOVED, spans)[0]) == 1
    closer = MOVED.replace("gas       gas      NOUN  dobj   4", "closer    closer   ADV   advmod 4").replace(
        "nerve     nerve    NOUN  compound 6", "still     still    ADV   advmod   4")
    assert claims_in(closer, spans)[0] == []
    hit = """
Activists activist NOUN  nsubj  1
said      say      VERB  ROOT   1
the       the      DET   det    3
army      army     NOUN  nsubj  4
hit       hit      VERB  ccomp  1
Google    Google   PROPN dobj   4
with      with     ADP   prep   4
a         a        DET   det    8
fine      fine     NOUN  pobj   6
.         .        PUNCT punct  1
"""
    spans = {(0, 1): "Group", (2, 4): "ArmedGroup", (5, 6): "Organization"}
    assert claims_in(hit, spans)[0] == []
    assert len(claims_in(hit.replace("fine      fine ", "bomb      bomb "), spans)[0]) == 1


def test_attacking_forces_is_combat():
    from test_rules import claims_in
    spans = {(0, 1): "Group", (2, 4): "ArmedGroup"}
    attacked = MOVED.replace("moved     move ", "attacked  attack").replace(
        "nerve     nerve    NOUN  compound", "unarmed   unarmed  ADJ   amod    ")
    assert len(claims_in(attacked.replace("gas       gas ", "villagers villager"), spans)[0]) == 1
    assert claims_in(attacked.replace("gas       gas ", "forces    force"), spans)[0] == []


def test_a_states_news_agency_on_its_states_forces_reports():
    from test_rules import claims_in, labels
    table = LEADER.replace("Assad     Assad     PROPN nsubj", "SANA      SANA      PROPN nsubj")
    spans = {(0, 1): "Media", (2, 4): "ArmedGroup"}
    assert claims_in(table, spans)[0] == []
    found, _, actors = claims_in(table.replace("Syrian    syrian", "Turkish   turkish"), spans)
    assert [labels(al.accused, actors) for al in found] == [["Turkish forces"]]
    found, _, actors = claims_in(table.replace("SANA      SANA ", "AFP       AFP  "), spans)
    assert [labels(al.accused, actors) for al in found] == [["Syrian forces"]]


def test_a_place_the_parser_made_the_subject_of_a_gerund_is_not_a_doer():
    from test_rules import claims_in, labels
    table = """
SANA      SANA      PROPN nsubj  1
said      say       VERB  ROOT   1
rebels    rebel     NOUN  nsubj  3
shelled   shell     VERB  ccomp  1
the       the       DET   det    5
village   village   NOUN  dobj   3
in        in        ADP   prep   3
Syria     Syria     PROPN nsubj  8
killing   kill      VERB  pcomp  6
civilians civilian  NOUN  dobj   8
.         .         PUNCT punct  1
"""
    found, _, actors = claims_in(table, {(0, 1): "Media", (2, 3): "ArmedGroup", (7, 8): "State"})
    assert [labels(al.accused, actors) for al in found] == [["rebels"]]


def test_strikes_on_fighters_positions_are_combat():
    from test_rules import claims_in
    table = """
Monitors  monitor   NOUN  nsubj  1
said      say       VERB  ROOT   1
jets      jet       NOUN  nsubj  3
carried   carry     VERB  ccomp  1
out       out       ADP   prt    3
strikes   strike    NOUN  dobj   3
on        on        ADP   prep   5
IS        IS        PROPN compound 8
positions position  NOUN  pobj   6
.         .         PUNCT punct  1
"""
    spans = {(0, 1): "Group", (2, 3): "ArmedGroup", (7, 8): "ArmedGroup"}
    assert claims_in(table, spans)[0] == []
    assert len(claims_in(table.replace("positions position", "homes     home    "), spans)[0]) == 1


def test_the_toll_of_strikes_on_positions_is_combat_too():
    from test_rules import claims_in
    table = """
Monitors  monitor   NOUN  nsubj  1
said      say       VERB  ROOT   1
jets      jet       NOUN  nsubj  3
struck    strike    VERB  ccomp  1
positions position  NOUN  dobj   3
killing   kill      VERB  advcl  3
nine      nine      NUM   dobj   5
.         .         PUNCT punct  1
"""
    spans = {(0, 1): "Group", (2, 3): "ArmedGroup"}
    assert claims_in(table, spans)[0] == []
    assert len(claims_in(table.replace("positions position", "homes     home    "), spans)[0]) >= 1


OWNED = """
Carter    Carter    PROPN nsubj  1
said      say       VERB  ROOT   1
jets      jet       NOUN  nsubj  3
killed    kill      VERB  ccomp  1
Daesh     Daesh     PROPN compound 5
ministers minister  NOUN  dobj   3
.         .         PUNCT punct  1
"""


def test_killing_what_an_armed_group_owns_is_combat_and_anti_x_is_not_x():
    from test_rules import claims_in, labels
    spans = {(0, 1): "Person", (2, 3): "ArmedGroup", (4, 5): "ArmedGroup"}
    assert claims_in(OWNED, spans)[0] == []
    village = OWNED.replace("Daesh     Daesh     PROPN compound", "village   village   NOUN  compound")
    found, _, actors = claims_in(village, {(0, 1): "Person", (2, 3): "ArmedGroup"})
    assert [labels(al.accused, actors) for al in found] == [["jets"]]
    anti = """
Monitors  monitor   NOUN  nsubj  1
said      say       VERB  ROOT   1
the       the       DET   det    6
anti      anti      ADJ   amod   5
-         -         PUNCT punct  5
Daesh     Daesh     PROPN compound 6
coalition coalition NOUN  nsubj  7
killed    kill      VERB  ccomp  1
civilians civilian  NOUN  dobj   7
.         .         PUNCT punct  1
"""
    found, _, actors = claims_in(anti, {(0, 1): "Group", (5, 6): "ArmedGroup"})
    assert found == []
    big = anti.replace("anti      anti      ADJ   amod   5", "big       big       ADJ   amod   6")
    found, _, actors = claims_in(big, {(0, 1): "Group", (5, 6): "ArmedGroup"})
    assert [labels(al.accused, actors) for al in found] == [["Daesh"]]


BLAMED = """
Colombia  Colombia  PROPN nsubj  1
blamed    blame     VERB  ROOT   1
the       the       DET   det    3
ELN       ELN       PROPN dobj   1
for       for       ADP   prep   1
the       the       DET   det    6
bombing   bombing   NOUN  pobj   4
.         .         PUNCT punct  1
"""


def test_an_allegation_says_whether_its_act_is_told_as_fact_or_as_the_accusers_claim():
    from test_rules import claims_in
    spans = {(0, 1): "State", (3, 4): "ArmedGroup"}
    (al,) = claims_in(BLAMED, spans)[0]
    assert al.act_as_fact  # the bombing happened; who did it is what Colombia alleges
    accused = BLAMED.replace("blamed    blame ", "accused   accuse").replace("for       for ", "of        of  ") \
        .replace("the       the       DET   det    6\n", "").replace("bombing   bombing   NOUN  pobj   4",
                                                                     "bombing   bomb      VERB  pcomp  4")
    accused = accused.replace(".         .         PUNCT punct  1", "Bogota    Bogota    PROPN dobj   5\n"
                                                                     ".         .         PUNCT punct  1")
    (al,) = claims_in(accused, spans)[0]
    assert not al.act_as_fact and al.act == "bombing Bogota"


@pytest.mark.parametrize(("act", "kind"), [
    ("committing war crimes in Aleppo", "war-crime"), ("shelling the market", "shelling"),
    ("air strikes on a hospital", "air-strike"), ("looting shops", "property-destruction"),
    ("kidnapped two aid workers", "abduction"), ("raped women in the camp", "sexual-violence"),
])
def test_an_acts_words_give_its_type(act, kind):
    from kg.extract.claims import act_type
    assert act_type(act) == kind


def test_a_role_described_by_a_phrase_keeps_its_title_word():
    text = "the spokesman of armed opposition said and General Ali Mamlouk said"
    s = sentence_of(text)
    ms = [at(text, "spokesman of armed opposition", "Person", s, "statement:unnamed-speaker"),
          at(text, "General Ali Mamlouk", "Person", s)]
    resolved = resolve_in_article(ms)
    assert [resolved[m].label for m in ms] == ["spokesman of armed opposition", "Ali Mamlouk"]


def _actors_of(text: str, article: str, spans: list[tuple]) -> list:
    """The article's actors of ``spans``: (phrase, type, rule[, which occurrence of the phrase])."""
    s = sentence_of(text, article)
    return list({id(a): a for a in resolve_in_article(
        [at(text, phrase, kind, s, rule, nth=(rest or (0,))[0]) for phrase, kind, rule, *rest in spans]).values()}
        .values())


def _merged(*articles: list) -> dict[str, str]:
    merged = merge_actors([a for actors in articles for a in actors])
    return {a.label: merged[a.key].label for actors in articles for a in actors}


def test_an_unnamed_speaker_naming_a_known_body_with_a_tail_is_that_body_across_articles():
    one = _actors_of("ISIL said", "a", [("ISIL", "ArmedGroup", "field:cameo")])
    # an unnamed speaker's actor, as the statements make it: one per phrase and article, here named twice
    text = "the Daesh group said and the Daesh group added"
    s = sentence_of(text, "b")
    said, added = (at(text, "Daesh group", "Organization", s, "statement:unnamed-speaker", nth) for nth in (0, 1))
    speaker = unnamed_actor(said)
    two = [replace(speaker, mentions=(said, added), mention_rules=speaker.mention_rules * 2)]
    three = _actors_of("a local civil society group said", "c",
                       [("local civil society group", "Organization", "statement:unnamed-speaker")])
    labels = _merged(one, two, three)
    assert labels["Daesh group"] == labels["ISIL"]
    assert labels["local civil society group"] == "local civil society group"


def test_a_known_body_with_a_lost_possessive_is_that_body():
    text = "Daeshs fighters and Kurds"
    actors = resolve_in_article([at(text, "Daeshs", "Person", sentence_of(text), "ner:PERSON")])
    assert next(iter(actors.values())).key == "islamic state"
    text = "Al Qaedas Syrian branch"  # a name of two words too
    actors = resolve_in_article([at(text, "Al Qaedas", "Person", sentence_of(text), "ner:PERSON")])
    assert next(iter(actors.values())).key == "qaida"


def test_an_armed_groups_name_spelt_another_way_or_without_its_first_word_is_that_group():
    one = _actors_of("Jabhat Fateh al-Sham fighters", "a",
                     [("Jabhat Fateh al-Sham", "ArmedGroup", "lexicon:armed_groups")])
    two = _actors_of("the al-Qaeda linked Fatah al-Sham refused", "b",
                     [("Fatah al-Sham", "ArmedGroup", "ner:PERSON+lexicon:armed-group-variant")])
    labels = _merged(one, two)
    assert labels["Fatah al-Sham"] == labels["Jabhat Fateh al-Sham"]


def test_a_body_named_by_an_unnamed_speakers_phrase_in_one_article_keeps_its_own_name_as_its_key():
    text = "the Islamic State (IS) group said"
    said = at(text, "Islamic State (IS) group", "ArmedGroup", sentence_of(text), "statement:unnamed-speaker")
    one = unnamed_actor(said)  # "islamic state is group in a"
    two = _actors_of("ISIL fighters", "b", [("ISIL", "ArmedGroup", "field:cameo")])
    merged = merge_actors([one, *two])
    assert merged[one.key] is merged[two[0].key]
    assert merged[one.key].key == "islamic state"


def test_the_head_of_a_long_name_stands_for_it_across_articles_but_not_a_common_noun():
    one = _actors_of("the Syrian Observatory for Human Rights and the Council of Europe", "a",
                     [("Syrian Observatory for Human Rights", "Organization", "ner:ORG"),
                      ("Council of Europe", "Organization", "ner:ORG")])
    two = _actors_of("the Observatory and the Syrian Observatory and the Council said", "b",
                     [("Observatory", "Person", "ner:PERSON"), ("Syrian Observatory", "Organization", "ner:ORG"),
                      ("Council", "Organization", "ner:ORG")])
    labels = _merged(one, two)
    assert labels["Observatory"] == labels["Syrian Observatory"] == "Syrian Observatory for Human Rights"
    assert labels["Council"] == "Council"


def test_misspellings_and_the_end_of_a_long_name_are_that_name_and_so_is_its_acronym():
    one = _actors_of("the Syrian Observatory for Human Rights said", "a",
                     [("Syrian Observatory for Human Rights", "Organization", "ner:ORG")])
    two = _actors_of("the Syrian Obervatory for Human Rights said", "b",
                     [("Syrian Obervatory for Human Rights", "Organization", "ner:ORG")])
    three = _actors_of("SOHR and the Observatory for Human Rights said", "c",
                       [("SOHR", "Organization", "ner:ORG"),
                        ("Observatory for Human Rights", "Organization", "ner:ORG")])
    four = _actors_of("the Syrian Network for Human Rights said", "d",
                      [("Syrian Network for Human Rights", "Organization", "ner:ORG")])
    labels = _merged(one, two, three, four)
    assert labels["Syrian Obervatory for Human Rights"] == labels["SOHR"] \
        == labels["Syrian Observatory for Human Rights"]
    assert labels["Observatory for Human Rights"] == labels["SOHR"]
    assert labels["Syrian Network for Human Rights"] == "Syrian Network for Human Rights"
    # one article's own groups are never one actor across articles, however alike their names
    rebels = [_actors_of("the Syrian rebels fought", a, [("Syrian rebels", "ArmedGroup", "ruler:armed-group")])
              for a in ("fakes-1918398784", "fakes-1918398785")]
    assert len({merged.key for merged in merge_actors([*rebels[0], *rebels[1]]).values()}) == 2


def test_a_persons_full_name_with_a_lost_possessive_is_that_person_across_articles():
    one = _actors_of("Francois Hollande said", "a", [("Francois Hollande", "Person", "ner:PERSON")])
    two = _actors_of("Francois Hollandes government said", "b", [("Francois Hollandes", "Person", "ner:PERSON")])
    three = _actors_of("Francois Hollandes said", "c", [("Francois Hollandes", "Organization", "ner:ORG")])
    labels = _merged(one, two)
    assert labels["Francois Hollandes"] == "Francois Hollande"
    assert _merged(one, three)["Francois Hollandes"] == "Francois Hollandes"  # a body of that name is not him


def test_a_states_legislature_and_courts_are_its_bodies_with_their_cameo_sector():
    assert state_body(["the", "Iraqi", "parliament", "rejected"], ["O", "B-NORP", "O", "O"]) == [
        ("Iraqi parliament", "KG_Organization")]
    text = "the Iraqi parliament and Iraq's parliament and Russia's Supreme Court"
    s = sentence_of(text)
    ms = [at(text, "Iraqi parliament", "Organization", s, "ruler:state-body"),
          at(text, "Iraq's parliament", "Organization", s, "ruler:state-body"),
          at(text, "Russia's Supreme Court", "Organization", s, "ruler:state-body")]
    resolved = resolve_in_article(ms)
    assert resolved[ms[0]] is resolved[ms[1]] and resolved[ms[0]].code == "IRQLEG"
    assert resolved[ms[2]].code == "RUSJUD"


def test_a_places_own_government_is_an_organisation_of_its_own():
    assert state_body(["the", "Amhara", "regional", "government", "denied"], ["O", "B-PERSON", "O", "O", "O"]) == [
        ("Amhara regional government", "KG_Organization")]
    assert state_body(["Gondar", "city", "government", "said"], ["B-LOC", "O", "O", "O"]) == [
        ("Gondar city government", "KG_Organization")]
    # a state's government is the state's body (kg_state_bodies), and a place alone is a place
    assert state_body(["the", "Amhara", "region", "said"], ["O", "B-PERSON", "O", "O"]) == [("Amhara", "PERSON")]


def test_an_organisations_name_ending_in_armed_forces_written_with_capitals_is_one_armed_group():
    doc = Doc(English().vocab, words=["the", "Bolivarian", "National", "Armed", "Forces", "said"],
              pos=["DET", "PROPN", "PROPN", "PROPN", "PROPN", "VERB"],
              ents=["B-ORG", "I-ORG", "I-ORG", "B-KG_ArmedGroup", "I-KG_ArmedGroup", "O"])
    doc.ents = [doc.ents[0], Span(doc, 3, 5, label="KG_ArmedGroup", span_id="ruler:armed-group")]
    assert [(e.text, e.label_) for e in kg_named_forces(doc).ents] == [
        ("Bolivarian National Armed Forces", "KG_ArmedGroup")]


def test_a_civil_defence_is_a_states_body_and_a_bare_one_stays_in_its_article():
    assert state_body(["Lebanon", "'s", "civil", "defence", "agency", "said"], ["B-GPE", "O", "O", "O", "O", "O"]) \
        == [("Lebanon 's civil defence agency", "KG_Organization")]

    def actors(article: str):
        text = "Civil defence rescuers said"
        s = sentence_of(text, article)
        return list(resolve_in_article([at(text, "Civil defence", "Organization", s, "ruler:state-body")]).values())

    merged = merge_actors([*actors("a"), *actors("b")])
    assert len({a.key for a in merged.values()}) == 2


def test_a_bodys_name_with_a_lost_possessive_is_that_body_across_articles():
    one = _actors_of("TRT World said", "a", [("TRT World", "Media", "lexicon:media")])
    two = _actors_of("TRT Worlds reporter said", "b", [("TRT Worlds", "Organization", "ner:ORG")])
    assert _merged(one, two)["TRT Worlds"] == "TRT World"


def test_a_field_body_named_for_a_day_is_not_marked_but_a_longer_name_with_a_day_is():
    words = {words for _, words in field_names(English().tokenizer)}
    assert ("21", "june") not in words and ("may", "15") not in words and ("17", "november") not in words
    assert ("revolutionary", "organization", "17", "november") in words


def test_a_body_described_as_it_speaks_is_the_named_body_it_introduces_or_refers_back_to():
    from kg.extract.statements import unnamed_actor
    from kg.resolve.actors import bind_descriptions

    def bound(text: str, described: list[str], named: list[str]) -> dict[str, str]:
        s = sentence_of(text)
        parts = sorted([(at(text, d, "Organization", s, "statement:unnamed-speaker"), True) for d in described]
                       + [(at(text, n, "Organization", s, "ner:ORG"), False) for n in named],
                       key=lambda pair: pair[0].start)
        local = resolve_in_article([m for m, unnamed in parts if not unnamed])
        descriptions = {m: unnamed_actor(m) for m, unnamed in parts if unnamed}
        actors = {**local, **descriptions}
        found = bind_descriptions(descriptions, actors, [(m, actors[m]) for m, _ in parts])
        return {m.text: a.label for m, a in found.items() if m in descriptions}

    # "a ..." introduces the body named after it; "the ..." refers back to the one named before it
    text = ("Scores were killed, a human rights group said. The Syrian Network for Human Rights said the RSF "
            "attacked. The toll may rise, the rights group said.")
    assert bound(text, ["human rights group", "rights group"], ["Syrian Network for Human Rights"]) == {
        "human rights group": "Syrian Network for Human Rights", "rights group": "Syrian Network for Human Rights"}
    # "a ..." never refers back; nor is a description bound where no word of the name says what it is
    text = "The UN mission MONUSCO said 30 died. A local civil society group said the toll rose."
    assert bound(text, ["local civil society group"], ["MONUSCO"]) == {}
    text = "Scores were killed, a pro-democracy group said. The Madani Resistance Committee said the RSF attacked."
    assert bound(text, ["pro-democracy group"], ["Madani Resistance Committee"]) == {}
    # the body holds the descriptions, which are not its names
    s = sentence_of("a human rights group said. Human Rights Watch said")
    group = at(s.text, "human rights group", "Organization", s, "statement:unnamed-speaker")
    hrw = at(s.text, "Human Rights Watch", "Organization", s, "ner:ORG")
    local = resolve_in_article([hrw])
    actors = {**local, group: unnamed_actor(group)}
    holder = bind_descriptions({group: actors[group]}, actors, [(group, actors[group]), (hrw, actors[hrw])])[hrw]
    assert holder.mention_rules[-1] == "resolution:described-body" and "human rights group" not in holder.aliases


def test_a_police_forces_own_name_before_police_is_one_body():
    doc = Doc(English().vocab, words=["from", "the", "Greater", "Manchester", "Police", "."],
              pos=["ADP", "DET", "PROPN", "PROPN", "PROPN", "PUNCT"])
    doc.ents = [Span(doc, 4, 5, label="KG_Organization", span_id="ruler:state-body")]
    ents = kg_state_bodies(doc).ents
    assert [(e.text, e.ent_id_) for e in ents] == [("Greater Manchester Police", "ruler:local-body")]
    # a state's name or adjective before it is the state's police (the ruler's), the determiner is no name
    doc = Doc(English().vocab, words=["the", "Spanish", "Police", "came"], pos=["DET", "PROPN", "PROPN", "VERB"])
    doc.ents = [Span(doc, 2, 3, label="KG_Organization", span_id="ruler:state-body")]
    assert [e.text for e in kg_state_bodies(doc).ents] == ["Police"]


def test_a_generic_group_with_a_demonym_is_the_one_named_group_of_that_nation():
    # Hezbollah (LBNREB) and Hamas (PSEREBHMS) are named: "Palestinian militants" are Hamas, "Syrian rebels" no one
    text = "Hezbollah fired. The attack by Palestinian militants on Israel, to eliminate Hamas. Syrian rebels left."
    s = sentence_of(text)
    ms = [at(text, "Hezbollah", "ArmedGroup", s, "field:cameo"),
          at(text, "Palestinian militants", "ArmedGroup", s, "ruler:armed-group"),
          at(text, "Hamas", "ArmedGroup", s, "field:cameo"),
          at(text, "Syrian rebels", "ArmedGroup", s, "ruler:armed-group")]
    resolved = resolve_in_article(ms)
    assert resolved[ms[1]] is resolved[ms[2]] is not resolved[ms[0]]
    assert resolved[ms[3]] is not resolved[ms[0]] and resolved[ms[3]] is not resolved[ms[2]]


def test_a_generic_group_with_an_epithet_is_the_one_named_group_written_with_it():
    text = "Deir ez-Zor is held by the Kurdish-led Syrian Democratic Forces. US-backed and Kurdish-led militias " \
        "took it. Turkish-backed militias and the Free Syrian Army came."
    s = sentence_of(text)
    ms = [at(text, "Syrian Democratic Forces", "ArmedGroup", s, "ner:ORG"),
          at(text, "Kurdish-led militias", "ArmedGroup", s, "ruler:patronage"),
          at(text, "Turkish-backed militias", "ArmedGroup", s, "ruler:patronage"),
          at(text, "Free Syrian Army", "ArmedGroup", s, "ner:ORG")]
    resolved = resolve_in_article(ms)
    assert resolved[ms[1]] is resolved[ms[0]]
    assert "Kurdish-led militias" not in resolved[ms[0]].aliases
    assert resolved[ms[2]] is not resolved[ms[0]] and resolved[ms[2]] is not resolved[ms[3]]


def test_a_name_of_the_field_aliases_is_marked_as_the_body_it_stands_for():
    names = {e.name: e for e in cameo.body_names()}
    assert names["provisional ira"].code == names["irish republican army"].code == "WEUREB"
    assert names["provisional ira"].entity_type == "ArmedGroup"
    assert ("KG_ArmedGroup", ("provisional", "ira")) in field_names(English().tokenizer)
