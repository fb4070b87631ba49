"""Actor resolution on hand-made mentions (no model)."""

from __future__ import annotations

from kg.actors import match_key, merge_actors, resolve_in_article
from kg.records import Mention, Sentence


def mention(text: str, entity_type: str = "Person", start: int = 0, article: str = "a") -> Mention:
    sentence = Sentence(article, 0, 1000, "")
    return Mention(article, start, start + len(text), text, entity_type, "test", sentence)


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
