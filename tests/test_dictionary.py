"""The user's actor dictionary: both file formats, name folding, conflicts and every kind of bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import KGError
from kg.records import ENTITY_TYPES
from kg.resolve.actors import name_key
from kg.resolve.dictionary import (
    ActorDictionary,
    DictionaryEntry,
    DictionaryError,
    entry_key,
    fold,
    load_dictionary,
)

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
WD = "http://www.wikidata.org/entity/"
TTL_PREFIXES = """\
@prefix ckg:  <https://w3id.org/conflict-kg/ontology#> .
@prefix owl:  <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix wd:   <http://www.wikidata.org/entity/> .
@prefix ex:   <https://example.org/actors/> .
"""


def write(tmp_path: Path, name: str, text: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def error_of(path: Path) -> str:
    """The message of the DictionaryError raised when loading ``path``: one line, naming the file."""
    with pytest.raises(DictionaryError) as info:
        load_dictionary(path)
    message = str(info.value)
    assert isinstance(info.value, KGError)
    assert "\n" not in message
    assert str(path) in message
    return message


# ---------------------------------------------------------------------------
# the example files


def test_example_csv_loads_with_types_synonyms_aliases_and_identifiers():
    dictionary = load_dictionary(EXAMPLES / "actors.csv")
    assert len(dictionary) >= 8
    assad = dictionary.lookup("Bashar al-Assad")
    assert assad is not None
    assert assad.entity_type == "Person"
    assert "Assad" in assad.aliases
    assert assad.same_as == (WD + "Q44329",)
    assert assad.origin == f"{EXAMPLES / 'actors.csv'}:6"
    assert dictionary.lookup("Syria").entity_type == "State"  # "country"
    assert dictionary.lookup("FSA").entity_type == "ArmedGroup"  # "armed group"
    assert dictionary.lookup("HRW").entity_type == "Organization"  # "NGO"
    assert dictionary.lookup("SANA").entity_type == "Media"
    assert dictionary.lookup("Damascus").entity_type == "Place"  # "location"
    assert {e.entity_type for e in dictionary} <= set(ENTITY_TYPES)


def test_example_turtle_holds_the_same_actors_as_the_example_csv():
    csv_entries = load_dictionary(EXAMPLES / "actors.csv")
    ttl_entries = load_dictionary(EXAMPLES / "actors.ttl")

    def facts(dictionary: ActorDictionary) -> set[tuple[str, str, tuple[str, ...]]]:
        return {(e.name, e.entity_type, e.same_as) for e in dictionary}

    assert facts(csv_entries) == facts(ttl_entries)
    for entry in csv_entries:
        assert set(entry.aliases) <= set(ttl_entries.lookup(entry.name).aliases)
    assert all(e.origin.startswith(f"{EXAMPLES / 'actors.ttl'}:") for e in ttl_entries)


# ---------------------------------------------------------------------------
# CSV


def test_csv_header_is_case_insensitive_and_extra_columns_are_ignored(tmp_path):
    path = write(
        tmp_path, "actors.csv",
        "ID,Name,TYPE,Aliases,Same As,Notes\n"
        "1,Human Rights Watch,Organisation,HRW| Human Rights  Watch ,https://www.wikidata.org/wiki/Q1\n",
    )
    (entry,) = load_dictionary(path).entries
    assert entry == DictionaryEntry(
        "Human Rights Watch", "Organization", ("HRW",), (WD + "Q1",), origin=f"{path}:2"
    )


def test_csv_types_accept_names_and_synonyms_in_any_case(tmp_path):
    rows = [
        ("person", "Person"), ("Individual", "Person"), ("STATE", "State"), ("country", "State"),
        ("ArmedGroup", "ArmedGroup"), ("armed group", "ArmedGroup"), ("armed_group", "ArmedGroup"),
        ("militia", "ArmedGroup"), ("military", "ArmedGroup"), ("org", "Organization"),
        ("organisation", "Organization"), ("Organization", "Organization"), ("IGO", "Organization"),
        ("ngo", "Organization"), ("media", "Media"), ("outlet", "Media"), ("group", "Group"),
        ("place", "Place"), ("Location", "Place"),
    ]
    text = "name,type\n" + "".join(f"Actor {chr(65 + i)},{value}\n" for i, (value, _) in enumerate(rows))
    entries = load_dictionary(write(tmp_path, "types.csv", text)).entries
    assert [e.entity_type for e in entries] == [expected for _, expected in rows]


def test_csv_comments_blank_lines_bom_and_quotes(tmp_path):
    text = (
        "\ufeff# my dictionary\n"
        "name,type,aliases\n"
        "\n"
        '"Assad, Bashar",person,"Assad|""the doctor"""\n'
        "# Syria,country\n"
        "Syria,country,\n"
    )
    entries = load_dictionary(write(tmp_path, "actors.csv", text)).entries
    assert [(e.name, e.aliases, e.origin.rsplit(":", 1)[1]) for e in entries] == [
        ("Assad, Bashar", ("Assad", '"the doctor"'), "4"),
        ("Syria", (), "6"),
    ]


@pytest.mark.parametrize(("suffix", "separator"), [(".tsv", "\t"), (".csv", ";"), (".csv", "\t")])
def test_csv_with_tabs_or_semicolons(tmp_path, suffix, separator):
    text = separator.join(["name", "type", "aliases"]) + "\n" + separator.join(["Syria", "State", "SY|SYR"]) + "\n"
    (entry,) = load_dictionary(write(tmp_path, "actors" + suffix, text)).entries
    assert (entry.name, entry.entity_type, entry.aliases) == ("Syria", "State", ("SY", "SYR"))


# ---------------------------------------------------------------------------
# Turtle


def test_turtle_labels_types_and_same_as(tmp_path):
    path = write(tmp_path, "actors.ttl", TTL_PREFIXES + """
ex:assad a ckg:Person ;
    skos:prefLabel "Bashar al-Assad"@en , "بشار الأسد"@ar ;
    skos:altLabel "Assad"@en ;
    skos:hiddenLabel "Bashar al-Asad" ;
    owl:sameAs wd:Q44329 .

ex:raqqa a ckg:Place ;
    rdfs:label "Raqqa" .

ex:ignored a skos:Concept ; skos:prefLabel "not an actor" .
""")
    dictionary = load_dictionary(path)
    assert [e.name for e in dictionary] == ["Bashar al-Assad", "Raqqa"]
    assad = dictionary.entries[0]
    assert assad.entity_type == "Person"
    assert set(assad.aliases) == {"Assad", "Bashar al-Asad", "بشار الأسد"}
    assert assad.same_as == (WD + "Q44329",)
    assert assad.origin == f"{path}:8"
    raqqa = dictionary.entries[1]
    assert (raqqa.entity_type, raqqa.origin) == ("Place", f"{path}:14")
    assert dictionary.lookup("not an actor") is None


def test_turtle_prefers_the_english_pref_label_as_the_name(tmp_path):
    path = write(tmp_path, "actors.ttl", TTL_PREFIXES + """
ex:aleppo a ckg:Place ; skos:prefLabel "Halab"@ar-Latn , "Aleppo"@en , "Alep"@fr .
""")
    (entry,) = load_dictionary(path).entries
    assert entry.name == "Aleppo"
    assert set(entry.aliases) == {"Halab", "Alep"}


# ---------------------------------------------------------------------------
# matching


@pytest.mark.parametrize(
    ("written", "surface"),
    [
        ("United Nations", "UNITED NATIONS"),  # case
        ("Bashar al-Ja'afari", "Bashar al-Ja’afari"),  # curly / straight apostrophe
        ("Bashar al-Ja’afari", "bashar al-ja'afari"),
        ("Élysée", "Elysee"),  # accents
        ("UN", "U.N."),  # dots
        ("U.N.", "UN"),
        ("United Nations", "the United Nations"),  # a leading "the"
        ("The Guardian", "Guardian"),
        ("Assad", "Assad's"),  # a trailing possessive
        ("Assad", "Assad’s"),
        ("UN", "the U.N.’s"),
        ("Free Syrian Army", "free  syrian   army"),  # spacing
    ],
)
def test_lookup_folds_the_surface(written, surface):
    dictionary = ActorDictionary((DictionaryEntry(written, "Organization"),))
    assert dictionary.lookup(surface) is dictionary.entries[0]
    assert fold(written) == fold(surface)


def test_lookup_is_exact_on_folded_names():
    dictionary = ActorDictionary((DictionaryEntry("United Nations", "Organization", ("UN",)),))
    assert dictionary.lookup("United Nations Security Council") is None
    assert dictionary.lookup("Nations") is None
    assert dictionary.lookup("") is None


def test_names_lists_canonical_names_and_aliases_in_order():
    un = DictionaryEntry("United Nations", "Organization", ("UN", "U.N."))
    assad = DictionaryEntry("Bashar al-Assad", "Person", ("Assad",))
    assert list(ActorDictionary((un, assad)).names()) == [
        ("United Nations", un), ("UN", un), ("U.N.", un), ("Bashar al-Assad", assad), ("Assad", assad),
    ]


def test_entry_key_is_the_resolvers_name_key():
    entry = DictionaryEntry("Bashar al-Assad", "Person", ("Assad",))
    assert entry_key(entry) == name_key("Bashar al-Assad") == "bashar assad"


def test_an_empty_dictionary_matches_nothing():
    dictionary = ActorDictionary()
    assert len(dictionary) == 0
    assert dictionary.lookup("UN") is None
    assert list(dictionary.names()) == []


# ---------------------------------------------------------------------------
# conflicts


def test_two_entries_claiming_one_alias_is_an_error_naming_both_lines(tmp_path):
    path = write(tmp_path, "actors.csv", (
        "name,type,aliases\n"
        "United Nations,IGO,UN\n"
        "Syria,country,\n"
        "Union Nationale,org,U.N.\n"
    ))
    message = error_of(path)
    assert f"{path}:4" in message and f"{path}:2" in message
    assert "'U.N.'" in message and "'un'" in message
    assert "remove it from one of the two entries" in message


def test_an_alias_equal_to_another_entrys_name_is_a_conflict(tmp_path):
    path = write(tmp_path, "actors.ttl", TTL_PREFIXES + """
ex:un a ckg:Organization ; skos:prefLabel "United Nations" .
ex:other a ckg:Organization ; skos:prefLabel "Other" ; skos:altLabel "the United Nations" .
""")
    message = error_of(path)
    assert f"{path}:9" in message and f"{path}:8" in message
    assert "'the United Nations'" in message


def test_two_entries_that_would_be_one_actor_is_a_conflict(tmp_path):
    path = write(tmp_path, "actors.csv", "name,type\nBashar al-Assad,person\nBashar Asad,person\n")
    message = error_of(path)
    assert f"{path}:3" in message and f"{path}:2" in message
    assert "would be one actor" in message


def test_two_entries_with_one_external_iri_is_a_conflict(tmp_path):
    path = write(tmp_path, "actors.csv", f"name,type,same_as\nSyria,State,{WD}Q858\nDamascus,Place,{WD}Q858\n")
    message = error_of(path)
    assert f"{path}:3" in message and f"{path}:2" in message
    assert f"<{WD}Q858>" in message


def test_a_conflict_across_two_files_names_both_files(tmp_path):
    first = load_dictionary(write(tmp_path, "a.csv", "name,type,aliases\nUnited Nations,IGO,UN\n"))
    second = load_dictionary(write(tmp_path, "b.csv", "name,type,aliases\nUnion Nationale,org,UN\n"))
    with pytest.raises(DictionaryError, match=r"b\.csv:2.*a\.csv:2"):
        ActorDictionary(first.entries + second.entries)


def test_aliases_of_one_entry_may_fold_alike():
    entry = DictionaryEntry("United Nations", "Organization", ("UN", "U.N.", "the UN"))
    assert ActorDictionary((entry,)).lookup("un") is entry


# ---------------------------------------------------------------------------
# bad input


def test_missing_file(tmp_path):
    message = error_of(tmp_path / "nope.csv")
    assert "does not exist" in message and "--actors" in message


def test_folder(tmp_path):
    assert "is a folder" in error_of(tmp_path)


def test_unknown_extension(tmp_path):
    message = error_of(write(tmp_path, "actors.xlsx", "name,type\n"))
    assert "'.xlsx'" in message and ".csv" in message and ".ttl" in message


def test_empty_file(tmp_path):
    assert "is empty" in error_of(write(tmp_path, "actors.csv", " \n"))


def test_header_only_holds_no_entry(tmp_path):
    assert "holds no entry" in error_of(write(tmp_path, "actors.csv", "name,type,aliases,same_as\n"))


def test_csv_without_name_or_type_column_shows_its_columns(tmp_path):
    message = error_of(write(tmp_path, "actors.csv", "actor,kind\nSyria,State\n"))
    assert "no 'name' and 'type' columns" in message
    assert "'actor', 'kind'" in message
    assert "name,type,aliases,same_as" in message


def test_csv_without_a_header_line(tmp_path):
    message = error_of(write(tmp_path, "actors.csv", "Syria,State\n"))
    assert "'Syria', 'State'" in message and ":1:" in message


def test_misspelt_column(tmp_path):
    message = error_of(write(tmp_path, "actors.csv", "name,type,aliasses\nSyria,State,SY\n"))
    assert "'aliasses'" in message and "did you mean 'aliases'" in message


def test_duplicate_column(tmp_path):
    assert "two 'name' columns" in error_of(write(tmp_path, "actors.csv", "name,type,Name\nSyria,State,X\n"))


def test_unknown_type_shows_the_value_and_the_accepted_ones(tmp_path):
    message = error_of(write(tmp_path, "actors.csv", "name,type\nSyria,State\nHezbollah,party\n"))
    assert f"{tmp_path / 'actors.csv'}:3" in message
    assert "'party'" in message and "'Hezbollah'" in message
    assert "Person, State, ArmedGroup, Organization, Media, Group, Place" in message
    assert "militia" in message


def test_missing_type(tmp_path):
    message = error_of(write(tmp_path, "actors.csv", "name,type\nSyria,\n"))
    assert ":2:" in message and "no type" in message


@pytest.mark.parametrize("name", ["", "   ", "..."])
def test_empty_name(tmp_path, name):
    message = error_of(write(tmp_path, "actors.csv", f"name,type,aliases\n{name},State,SY\n"))
    assert ":2:" in message and "'name' column" in message and (name.strip() == "" or repr(name) in message)


def test_empty_alias_is_skipped_but_a_punctuation_alias_is_an_error(tmp_path):
    (entry,) = load_dictionary(write(tmp_path, "ok.csv", "name,type,aliases\nSyria,State,||SY|\n")).entries
    assert entry.aliases == ("SY",)
    message = error_of(write(tmp_path, "bad.csv", "name,type,aliases\nSyria,State,SY|-\n"))
    assert ":2:" in message and "'-'" in message


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("http://www.wikidata.org/entity/Q 858", "not a valid IRI"),
        ("www.wikidata.org/entity/Q858", "not a valid IRI"),
        ("Q858", f"write {WD}Q858"),
        ("wd:Q858", f"write {WD}Q858"),
        ("geonames:163843", "prefixed name"),
        ("http://", "no host"),
        ("file:///home/me/syria.html", "local file"),
    ],
)
def test_invalid_iri_in_same_as(tmp_path, value, expected):
    message = error_of(write(tmp_path, "actors.csv", f"name,type,same_as\nSyria,State,{value}\n"))
    assert ":2:" in message and repr(value) in message and expected in message


def test_wikidata_page_addresses_become_concept_iris(tmp_path):
    text = (
        "name,type,same_as\n"
        "Syria,State,https://www.wikidata.org/wiki/Q858|http://www.wikidata.org/entity/Q858|urn:example:sy\n"
    )
    (entry,) = load_dictionary(write(tmp_path, "actors.csv", text)).entries
    assert entry.same_as == (WD + "Q858", "urn:example:sy")


def test_too_many_cells_says_to_quote(tmp_path):
    message = error_of(write(tmp_path, "actors.csv", "name,type\nAssad, Bashar,Person\n"))
    assert ":2:" in message and "3 cells" in message and "quote" in message


def test_unclosed_quote(tmp_path):
    message = error_of(write(tmp_path, "actors.csv", 'name,type\nSyria,State\n"Assad,Person\nFSA,militia\n'))
    assert ":3:" in message and "line 3 to line 4" in message and "not closed" in message


def test_invalid_utf8(tmp_path):
    message = error_of(write(tmp_path, "actors.csv", b"name,type\nSyria,State\nAl-Ma\xefarra,Place\n"))
    assert ":3:" in message and "UTF-8" in message


def test_broken_turtle_shows_rdflibs_message_in_one_line(tmp_path):
    text = TTL_PREFIXES + 'ex:a a ckg:Person ;\n    skos:prefLabel "A"\nex:b a ckg:Person .\n'
    path = write(tmp_path, "actors.ttl", text)
    message = error_of(path)
    assert f"{path}:9" in message
    assert "broken Turtle" in message and "expected" in message


def test_turtle_with_an_unbound_prefix(tmp_path):
    message = error_of(write(tmp_path, "actors.ttl", 'foo:a a ckg:Person .\n'))
    assert ":1:" in message and "not bound" in message


def test_turtle_without_a_label(tmp_path):
    path = write(tmp_path, "actors.ttl", TTL_PREFIXES + "\nex:x a ckg:Person ; owl:sameAs wd:Q1 .\n")
    message = error_of(path)
    assert f"{path}:8" in message and "ex:x" in message and "skos:prefLabel" in message


def test_turtle_with_two_types(tmp_path):
    path = write(tmp_path, "actors.ttl", TTL_PREFIXES + 'ex:x a ckg:Person , ckg:State ; skos:prefLabel "X" .\n')
    message = error_of(path)
    assert ":7:" in message and "ckg:Person and ckg:State" in message


def test_turtle_with_a_literal_same_as(tmp_path):
    path = write(tmp_path, "actors.ttl", TTL_PREFIXES + 'ex:x a ckg:State ; skos:prefLabel "X" ; owl:sameAs "Q1" .\n')
    message = error_of(path)
    assert ":7:" in message and "'Q1'" in message and "literal" in message


def test_turtle_with_a_relative_same_as_iri(tmp_path):
    path = write(tmp_path, "actors.ttl", TTL_PREFIXES + 'ex:x a ckg:State ; skos:prefLabel "X" ; owl:sameAs <Q1> .\n')
    message = error_of(path)
    assert ":7:" in message and "<Q1>" in message and "relative IRI" in message


def test_turtle_with_two_pref_labels_in_one_language(tmp_path):
    path = write(tmp_path, "actors.ttl", TTL_PREFIXES + 'ex:x a ckg:State ; skos:prefLabel "Syria"@en , "Sirya"@en .\n')
    message = error_of(path)
    assert "'Sirya' and 'Syria'" in message and "skos:altLabel" in message


def test_turtle_with_a_non_literal_label(tmp_path):
    path = write(tmp_path, "actors.ttl", TTL_PREFIXES + "ex:x a ckg:State ; skos:prefLabel ex:syria .\n")
    message = error_of(path)
    assert "skos:prefLabel" in message and "not a string" in message


def test_turtle_actor_of_no_kind(tmp_path):
    path = write(tmp_path, "actors.ttl", TTL_PREFIXES + 'ex:x a ckg:Actor ; skos:prefLabel "X" .\n')
    message = error_of(path)
    assert ":7:" in message and "ckg:Person" in message


def test_turtle_without_actors(tmp_path):
    path = write(tmp_path, "actors.ttl", TTL_PREFIXES + 'ex:x a skos:Concept ; skos:prefLabel "X" .\n')
    assert "holds no entry" in error_of(path)


def test_entries_check_their_own_values():
    with pytest.raises(DictionaryError, match="not one of"):
        DictionaryEntry("Syria", "Country")
    with pytest.raises(DictionaryError, match="empty"):
        DictionaryEntry(" ", "State")
