"""Actor resolution on hand-made mentions (no model)."""

from __future__ import annotations

from kg.records import Mention, Sentence
from kg.resolve.actors import match_key, merge_actors, resolve_in_article


def mention(text: str, entity_type: str = "Person", start: int = 0, article: str = "a", rule: str = "") -> Mention:
    sentence = Sentence(article, 0, 1000, "")
    rule = rule or ("ruler:armed-group" if entity_type == "ArmedGroup" else "test")
    return Mention(article, start, start + len(text), text, entity_type, rule, sentence, 0.7)


def test_transliteration_variants_share_a_key():
    assert match_key("Bashar al-Jafari") == match_key("Bashar Ja'afari") == match_key("Bashar Jaafari")
    assert match_key("El-Baradei") == match_key("Baradei")


def test_people_sharing_a_given_name_stay_apart():
    mentions = [mention("Bashar Assad", start=0), mention("Bashar al-Jafari", start=50)]
    resolved = resolve_in_article(mentions)
    assert resolved[mentions[0]].key != resolved[mentions[1]].key


def test_surname_joins_the_full_name_in_the_same_article():
    full = mention("Abd al-Salam Ahmed Abdul Razek", start=0)
    short = mention("Razek", start=100)
    resolved = resolve_in_article([full, short])
    assert resolved[short] is resolved[full]
    assert resolved[full].label == "Abd al-Salam Ahmed Abdul Razek"
    assert "Razek" in resolved[full].aliases


def test_titles_are_not_part_of_the_name():
    a, b = mention("President Bashar Assad"), mention("Bashar Assad", start=40)
    resolved = resolve_in_article([a, b])
    assert resolved[a] is resolved[b]
    assert resolved[a].label == "Bashar Assad"


def test_states_resolve_to_their_common_name():
    a, b = mention("the United States", "State"), mention("U.S.", "State", start=30)
    resolved = resolve_in_article([a, b])
    assert resolved[a] is resolved[b]
    assert resolved[a].label == "United States"


def test_across_articles_one_node_per_key():
    first = resolve_in_article([mention("Bashar al-Jafari", article="a")])
    second = resolve_in_article([mention("Bashar Ja'afari", article="b")])
    merged = merge_actors(list(first.values()) + list(second.values()))
    assert len({id(a) for a in merged.values()}) == 1
    actor = next(iter(merged.values()))
    assert {"Bashar al-Jafari", "Bashar Ja'afari"} <= {actor.label, *actor.aliases}


def test_type_disagreement_is_settled_by_majority():
    ms = [mention("Homs", "Place", 0), mention("Homs", "Organization", 10), mention("Homs", "Place", 20)]
    resolved = resolve_in_article(ms)
    assert {resolved[m].entity_type for m in ms} == {"Place"}


def test_an_outlet_that_published_an_article_stays_media():
    from kg.records import Actor

    mentioned = resolve_in_article([mention("Reuters", "Organization")])
    publisher = Actor(key="reuters", label="reuters", entity_type="Media")
    merged = merge_actors([*mentioned.values(), publisher])
    assert {a.entity_type for a in merged.values()} == {"Media"}
    assert len({id(a) for a in merged.values()}) == 1


def test_acronym_binds_to_the_name_it_abbreviates():
    full, short = mention("Human Rights Watch", "Organization", 0), mention("HRW", "Organization", 60)
    resolved = resolve_in_article([full, short])
    assert resolved[short] is resolved[full]
    assert resolved[full].label == "Human Rights Watch"
    assert dict(zip(resolved[full].mentions, resolved[full].mention_rules, strict=True))[short] == "resolution:acronym"


def test_dotted_acronym_binds_too():
    full, short = mention("United Nations", "Organization", 0), mention("U.N.", "Organization", 60)
    resolved = resolve_in_article([full, short])
    assert resolved[short] is resolved[full]


def test_short_name_binds_to_the_longer_one():
    full, short = mention("UN Security Council", "Organization", 0), mention("Security Council", "Organization", 90)
    resolved = resolve_in_article([full, short])
    assert resolved[short] is resolved[full]


def test_a_body_and_its_parent_stay_apart():
    parent = mention("United Nations", "Organization", 0)
    organ = mention("United Nations Human Rights Commission", "Organization", 40)
    resolved = resolve_in_article([parent, organ])
    assert resolved[parent] is not resolved[organ]


def test_unqualified_army_is_the_qualified_one_named_before():
    first = mention("Syrian army", "ArmedGroup", 0)
    same = mention("the Syrian military", "ArmedGroup", 40)
    later = mention("army", "ArmedGroup", 90)
    resolved = resolve_in_article([first, same, later])
    assert resolved[first] is resolved[same] is resolved[later]


def test_rebels_under_several_names_are_one_actor_but_not_the_army():
    ms = [mention("rebel militias", "ArmedGroup", 0), mention("rebel outfits", "ArmedGroup", 30),
          mention("opposition forces", "ArmedGroup", 60), mention("Syrian army", "ArmedGroup", 90)]
    resolved = resolve_in_article(ms)
    assert resolved[ms[0]] is resolved[ms[1]] is resolved[ms[2]]
    assert resolved[ms[3]] is not resolved[ms[0]]


def test_surname_alone_in_another_article_joins_the_unique_full_name():
    a = resolve_in_article([mention("Bashar Assad", article="a")])
    b = resolve_in_article([mention("Assad", article="b")])
    merged = merge_actors([*a.values(), *b.values()])
    assert len({id(x) for x in merged.values()}) == 1


def test_an_ambiguous_surname_is_not_merged_across_articles():
    a = resolve_in_article([mention("Bashar Assad", article="a"), mention("Hafez Assad", start=40, article="a")])
    b = resolve_in_article([mention("Assad", article="b")])
    merged = merge_actors([*a.values(), *b.values()])
    assert len({id(x) for x in merged.values()}) == 3


def test_pro_leader_forces_are_the_government_forces_of_the_leaders_state():
    a = resolve_in_article([mention("pro-Assad forces", "ArmedGroup", article="a")])
    b = resolve_in_article([mention("Syrian government forces", "ArmedGroup", article="b")])
    without = merge_actors([*a.values(), *b.values()])
    assert len({id(x) for x in without.values()}) == 2
    merged = merge_actors([*a.values(), *b.values()], leaders={"asad": "Syria"})
    assert len({id(x) for x in merged.values()}) == 1


def test_pro_leader_forces_without_the_government_forces_elsewhere():
    """The leader's government forces are named nowhere: merging adds that group itself (it used to change the
    dictionary it was iterating over and crash the build)."""
    a = resolve_in_article([mention("pro-Assad forces", "ArmedGroup", article="a")])
    b = resolve_in_article([mention("rebels", "ArmedGroup", article="b")])
    merged = merge_actors([*a.values(), *b.values()], leaders={"asad": "Syria"})
    assert len({id(x) for x in merged.values()}) == 2


def test_unqualified_forces_in_different_articles_are_not_one_actor():
    a = resolve_in_article([mention("the troops", "ArmedGroup", article="a")])
    b = resolve_in_article([mention("troops", "ArmedGroup", article="b")])
    merged = merge_actors([*a.values(), *b.values()])
    assert len({id(x) for x in merged.values()}) == 2


def test_qualified_forces_keep_their_qualifier():
    ms = [mention("Kurdish forces", "ArmedGroup", 0), mention("US-led coalition forces", "ArmedGroup", 40),
          mention("rebels", "ArmedGroup", 90)]
    resolved = resolve_in_article(ms)
    assert len({id(resolved[m]) for m in ms}) == 3


def test_rebels_are_never_bound_to_a_state_force_named_before():
    ms = [mention("Russian forces", "ArmedGroup", 0), mention("rebels", "ArmedGroup", 40),
          mention("militants", "ArmedGroup", 80)]
    resolved = resolve_in_article(ms)
    assert len({id(resolved[m]) for m in ms}) == 3


def test_a_named_armed_group_is_not_a_states_army():
    """A state's forces are its military ("Syrian forces" = "Syrian army", as "Turkish forces" = "Turkish troops"),
    but a named group with the state's adjective in its name is not."""
    ms = [mention("Free Syrian Army", "ArmedGroup", 0, rule="lexicon:armed_groups"),
          mention("Syrian army", "ArmedGroup", 40), mention("Syrian Democratic Forces", "ArmedGroup", 80,
                                                             rule="lexicon:armed_groups"),
          mention("Syrian forces", "ArmedGroup", 120)]
    resolved = resolve_in_article(ms)
    assert len({id(resolved[m]) for m in ms}) == 3
    assert resolved[ms[1]] is resolved[ms[3]]


def test_a_qualifier_keeps_forces_apart():
    ms = [mention("Syrian Kurdish fighters", "ArmedGroup", 0), mention("Syrian forces", "ArmedGroup", 40)]
    resolved = resolve_in_article(ms)
    assert resolved[ms[0]] is not resolved[ms[1]]
