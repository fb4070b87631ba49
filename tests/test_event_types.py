"""The event-type scheme and the field's typologies: CAMEO codes (every root, longest prefix), PLOVER event types and
modes, ACLED event and sub-event types; the shapes that check them; the `events` and `event-types` queries."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pyoxigraph as ox
import pytest
from pyshacl import validate
from rdflib import Graph, Literal

from kg import lexicon
from kg.rdf.graphs import ontology_quads
from kg.rdf.namespaces import CKG, EVT
from kg.rdf.ontology import cameo_of, event_types, narrower, plover_of_cameo, type_of_cameo
from kg.rdf.serialize import to_oxigraph
from kg.rdf.triples import actor_triples, article_triples
from kg.records import Actor, Article, Casualty, CodedEvent, Event, Mention, ResolvedArticle, ResolvedTime, Sentence
from kg.sparql.query import rows, run_query

ROOT = Path(__file__).resolve().parent.parent
PLOVER_DIR = ROOT.parent / "shared" / "field" / "plover"

#: PLOVER's 16 event types (PLOVER manual, chapter "Event Categories").
PLOVER = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
          "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
#: ACLED's 6 event types and their 25 sub-event types (ACLED's public codebook).
ACLED = {
    "Battles": {"Armed clash", "Government regains territory", "Non-state actor overtakes territory"},
    "Explosions/Remote violence": {"Chemical weapon", "Air/drone strike", "Suicide bomb",
                                   "Shelling/artillery/missile attack", "Remote explosive/landmine/IED", "Grenade"},
    "Violence against civilians": {"Sexual violence", "Attack", "Abduction/forced disappearance"},
    "Protests": {"Peaceful protest", "Protest with intervention", "Excessive force against protesters"},
    "Riots": {"Violent demonstration", "Mob violence"},
    "Strategic developments": {"Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
                               "Headquarters or base established", "Looting/property destruction",
                               "Non-violent transfer of territory", "Other"},
}


@pytest.fixture(scope="module")
def types():
    return event_types()


def test_every_concept_of_the_scheme_is_read(types):
    in_file = {t for t in EVT._extras if t != "scheme"}
    assert set(types) == in_file


def test_the_type_ids_the_extractors_emit_are_kept(types):
    """Every type a lexicon of the extractors names (and the events' fallback "attack") is a type of the scheme."""
    emitted = {"attack"}
    for name in ("event_verbs", "event_nouns", "attack_nouns", "offences"):
        emitted |= {value.split("|")[0].strip() for value in lexicon.load_mapping(name).values()}
    assert emitted - set(types) == set()


def test_every_cameo_root_has_a_type_and_codes_are_unique(types):
    codes = [t.cameo for t in types.values() if t.cameo]
    assert len(codes) == len(set(codes)), sorted(c for c in codes if codes.count(c) > 1)
    assert {f"{root:02d}" for root in range(1, 21)} <= set(codes)
    assert all(re.fullmatch(r"[0-9]{2,4}", c) for c in codes)


@pytest.mark.parametrize(("code", "expected"), [
    ("010", "statement"), ("016", "denial"), ("0211", "appeal"), ("036", "intent-to-cooperate"),
    ("042", "visit"), ("046", "negotiation"), ("0571", "signing"), ("0841", "release"), ("0871", "ceasefire"),
    ("112", "accusation"), ("1121", "accusation"), ("129", "veto"), ("138", "threat-of-force"), ("141", "protest"),
    ("145", "riot"), ("173", "arrest"), ("181", "abduction"), ("1831", "suicide-bombing"), ("190", "attack"),
    ("192", "territory-seized"), ("194", "shelling"), ("195", "air-strike"), ("2041", "chemical-attack"),
])
def test_a_cameo_code_falls_to_the_type_of_its_longest_prefix(code, expected):
    assert type_of_cameo(code) == expected


def test_every_cameo_code_of_the_plover_table_falls_to_a_type_whose_code_prefixes_it(types):
    table = Path(ROOT / "kg" / "lexicons" / "cameo_plover.tsv").read_text(encoding="utf-8")
    codes = [line.split("\t")[0] for line in table.splitlines() if line and not line.startswith("#")]
    assert len(codes) > 200
    for code in codes:
        kind = type_of_cameo(code)
        assert kind is not None and code.startswith(types[kind].cameo), code
    assert type_of_cameo("99") is None and type_of_cameo("") is None


def test_a_type_without_a_code_takes_its_nearest_broader_types():
    assert cameo_of("drone-strike") == "195"
    assert cameo_of("armed-clash") == "19"
    assert cameo_of("grenade-attack") == "183"
    assert cameo_of("killing") == ""  # CAMEO codes killings by their means
    assert cameo_of("no-such-type") == ""


def test_every_plover_type_is_in_the_scheme_and_nothing_else(types):
    used = {t.plover for t in types.values() if t.plover}
    assert used == PLOVER


def test_the_plover_type_of_a_coded_type_is_the_cameo_to_plover_tables(types):
    """The table (CAMEO2PLOVER-2021, kg/lexicons/cameo_plover.tsv) gives each code's PLOVER type; PLOVER drops
    CAMEO 01 and 02 (comments and appeals)."""
    for t in types.values():
        if t.cameo:
            assert t.plover == plover_of_cameo(t.cameo), (t.id, t.cameo)
    assert plover_of_cameo("01") == "" and plover_of_cameo("0211") == ""


def _manual_modes() -> dict[str, set[str]]:
    """The modes of each PLOVER type, read from the tables of the PLOVER manual."""
    text = (PLOVER_DIR / "PLOVER_MANUAL.tex").read_text(encoding="utf-8")
    modes: dict[str, set[str]] = {}
    for section in re.split(r"\\section\{", text)[1:]:
        name = section.split("}", 1)[0].strip()
        if name not in PLOVER:
            continue
        for table in re.findall(r"\\begin\{table\}(.*?)\\end\{table\}", section, re.S):
            if "mode" not in table.lower():
                continue
            for row in table.split("\\\\"):
                row = " ".join(row.replace("\\hline", " ").split())
                cell = row.split("&")[0].strip()
                if "&" in row and re.fullmatch(r"[a-z][a-z-]*", cell) and cell not in {"name"}:
                    modes.setdefault(name, set()).add(cell)
    modes["REJECT"] = modes.get("REJECT", set()) | modes.get("REQUEST", set())  # "These modes are shared"
    return modes


@pytest.mark.skipif(not (PLOVER_DIR / "PLOVER_MANUAL.tex").is_file(),
                    reason="../shared/field/plover/PLOVER_MANUAL.tex not found (../shared must sit beside the project)")
def test_every_plover_mode_is_a_mode_of_its_type_in_the_manual(types):
    modes = _manual_modes()
    assert {"aerial", "heavy-weapons", "explosives", "suicide-attack", "firearms"} <= modes["ASSAULT"]
    wrong = [(t.id, t.plover, t.plover_mode) for t in types.values()
             if t.plover_mode and t.plover_mode not in modes.get(t.plover, set())]
    assert not wrong
    assert not [t.id for t in types.values() if t.plover_mode and not t.plover]


def test_the_modes_analysts_ask_for_are_in_the_scheme(types):
    modes = {t.plover_mode for t in types.values()}
    assert {"aerial", "drone", "heavy-weapons", "firearms", "explosives", "suicide-attack", "unconventional",
            "arrest", "abduct", "sexual", "visit", "ceasefire", "release", "demo", "riot"} <= modes


def test_every_acled_sub_event_type_is_in_the_scheme_under_its_event_type(types):
    found: dict[str, set[str]] = {}
    for t in types.values():
        assert (t.acled_event_type in ACLED) if t.acled_event_type else not t.acled_sub_event_type, t.id
        if t.acled_sub_event_type:
            assert t.acled_sub_event_type in ACLED[t.acled_event_type], t.id
            found.setdefault(t.acled_event_type, set()).add(t.acled_sub_event_type)
    assert found == ACLED


def test_a_type_under_an_acled_type_carries_one_itself(types):
    """So that the `events` query reads the ACLED sub-event type off the event's own type."""
    for t in types.values():
        if t.acled_event_type:
            for below in narrower(t.id):
                assert types[below].acled_event_type, below


@pytest.mark.parametrize(("kind", "acled"), [
    ("air-strike", "Air/drone strike"), ("shelling", "Shelling/artillery/missile attack"),
    ("suicide-bombing", "Suicide bomb"), ("bombing", "Remote explosive/landmine/IED"), ("arrest", "Arrests"),
    ("abduction", "Abduction/forced disappearance"), ("armed-clash", "Armed clash"),
    ("chemical-attack", "Chemical weapon"), ("protest", "Peaceful protest"), ("riot", "Violent demonstration"),
])
def test_the_existing_modes_map_to_acled(types, kind, acled):
    assert types[kind].acled_sub_event_type == acled


def test_violent_types_stay_under_attack_or_killing_for_the_actor_network(types):
    violent = {t.id for t in types.values() if t.plover == "ASSAULT"}
    assert violent <= narrower("attack") | narrower("killing")


# --- the shapes ------------------------------------------------------------------------------------------------


def _conforms(graph: Graph) -> tuple[bool, str]:
    shapes = Graph().parse(ROOT / "ontology" / "shapes.ttl", format="turtle")
    ok, _, text = validate(graph, shacl_graph=shapes, inference="none")
    return ok, text


def test_the_scheme_conforms_to_the_event_type_shape():
    ok, text = _conforms(Graph().parse(ROOT / "ontology" / "conflict.ttl", format="turtle"))
    assert ok, text


@pytest.mark.parametrize(("prop", "value"), [
    (CKG.ploverType, "ATTACK"),  # not a PLOVER type
    (CKG.acledSubEventType, "Drone strike"),  # not an ACLED sub-event type
    (CKG.cameoCode, "19x"),
    (CKG.ploverMode, "Heavy Weapons"),
])
def test_a_wrong_typology_value_does_not_conform(prop, value):
    graph = Graph().parse(ROOT / "ontology" / "conflict.ttl", format="turtle")
    graph.remove((EVT["defection"], prop, None))
    graph.add((EVT["defection"], prop, Literal(value)))
    assert not _conforms(graph)[0]


def test_a_sub_event_type_without_its_event_type_does_not_conform():
    graph = Graph().parse(ROOT / "ontology" / "conflict.ttl", format="turtle")
    graph.remove((EVT["air-strike"], CKG.acledEventType, None))
    assert not _conforms(graph)[0]


# --- the queries -----------------------------------------------------------------------------------------------

_TEXT = "Russian jets bombed Aleppo. Kerry met Lavrov. Rebels clashed with the army."


def _resolved(first_sentence: str = "") -> ResolvedArticle:
    text = first_sentence + _TEXT[len(first_sentence):] if first_sentence else _TEXT
    article = Article("a1", text, date="2024-03-05")
    sentence = Sentence("a1", 0, 27, text[:27])
    rest = Sentence("a1", 28, len(text), text[28:])
    russia = Mention("a1", 0, 7, "Russian", "State", "ner:NORP", sentence, 0.8)
    aleppo = Mention("a1", 20, 26, "Aleppo", "Place", "ner:GPE", sentence, 0.8)
    kerry = Mention("a1", 28, 33, "Kerry", "Person", "ner:PERSON", rest, 0.8)
    lavrov = Mention("a1", 38, 44, "Lavrov", "Person", "ner:PERSON", rest, 0.8)
    actors = {russia: Actor("russia", "Russia", "State"), kerry: Actor("john kerry", "John Kerry", "Person"),
              lavrov: Actor("sergei lavrov", "=cmd|' /C calc'!A0", "Person"),  # a formula in a name
              aleppo: Actor("aleppo", "Aleppo", "Place", coordinates=(36.20124, 37.16117),
                            same_as=("https://sws.geonames.org/170063/",))}

    def event(kind: str, cue: str, start: int, agents: tuple[Mention, ...], targets: tuple[Mention, ...] = (),
              cameo: str | None = None, **more: object) -> Event:
        fields = dict(article_id="a1", event_type=kind, cue=cue, cue_start=_TEXT.index(cue), start=start,
                      end=start + 10, agents=agents, targets=targets, victims=(), places=(), time=None, casualties=(),
                      reported_by=None, sentence=sentence if start < 28 else rest, rule="event:verb", confidence=0.6)
        fields.update(more)
        return Event(**fields) if cameo is None else CodedEvent(**fields, cameo=cameo)

    events = (event("air-strike", "bombed", 0, (russia,), places=(aleppo,),
                    time=ResolvedTime("on Monday", "2024-03-04", "day", "2024-03-04", "2024-03-04"),
                    casualties=(Casualty(18, "", "18", "killed"), Casualty(15, "at least", "at least 15", "killed"),
                                Casualty(40, "", "40", "injured"))),
              event("consultation", "met", 28, (kerry,), (lavrov,), cameo="0841"),  # a code with its own PLOVER type
              event("killing", "clashed", 46, ()))
    return ResolvedArticle(article=article, mentions=tuple(actors), actor_of=actors, resolved_by={},
                           publisher=Actor("reuters", "Reuters", "Media"), statements=(), affiliations=(),
                           allegations=(), denials=(), events=events)


def _store(resolved: ResolvedArticle) -> ox.Store:
    store = ox.Store()
    graph = ox.NamedNode("https://example.org/g")
    actors = {*resolved.actor_of.values(), resolved.publisher}
    for s, p, o in [*article_triples(resolved), *actor_triples(actors)]:
        store.add(ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o), graph))
    store.extend(ontology_quads())
    return store


@pytest.fixture(scope="module")
def store() -> ox.Store:
    return _store(_resolved())


def test_the_events_query_gives_the_cameo_code_plover_type_and_acled_sub_event_type(store):
    found = {r["eventType"]: r for r in rows(run_query("events", store))}
    assert found["air strike"]["cameo"] == "195"
    assert found["air strike"]["plover"] == "ASSAULT"
    assert found["air strike"]["acled"] == "Air/drone strike"
    assert found["air strike"]["agentLabel"] == "Russia"
    # a coded event keeps its own code, and that code's PLOVER type (RETREAT), not its type's (CONSULT)
    assert (found["meeting or consultation"]["cameo"], found["meeting or consultation"]["plover"]) == ("0841",
                                                                                                       "RETREAT")
    assert "acled" not in found["meeting or consultation"]
    assert "cameo" not in found["killing"] and found["killing"]["plover"] == "ASSAULT"


def test_the_event_types_query_lists_the_scheme(store, types):
    listed = {r["id"]: r for r in rows(run_query("event-types", store))}
    assert set(listed) == set(types)
    assert listed["drone-strike"] == {
        "id": "drone-strike", "label": "drone strike", "broader": "air-strike", "plover": "ASSAULT", "mode": "drone",
        "acledEventType": "Explosions/Remote violence", "acledSubEventType": "Air/drone strike",
        "type": str(EVT["drone-strike"])}
    assert listed["attack"]["cameo"] == "19" and "broader" not in listed["attack"]


# --- the ACLED-style export ------------------------------------------------------------------------------------


def _export(runner, store: ox.Store, tmp_path: Path) -> list[dict[str, str]]:
    from kg.cli import cli

    data = tmp_path / "graph.nq"
    store.dump(str(data), format=ox.RdfFormat.N_QUADS)
    out = tmp_path / "events.csv"
    result = runner.invoke(cli, ["export", str(data), "--format", "acled-csv", "-o", str(out)])
    assert result.exit_code == 0, result.output
    with out.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_the_acled_export_writes_a_row_per_event_with_acleds_columns(runner, store, tmp_path):
    rows = _export(runner, store, tmp_path)
    assert len(rows) == 3
    assert list(rows[0])[:6] == ["event_id_cnty", "event_date", "year", "time_precision", "event_type",
                                 "sub_event_type"]
    strike = rows[0]  # dated events first
    assert strike["event_date"] == "2024-03-04" and strike["year"] == "2024" and strike["time_precision"] == "1"
    assert (strike["event_type"], strike["sub_event_type"]) == ("Explosions/Remote violence", "Air/drone strike")
    assert strike["actor1"] == "Russia" and strike["actor2"] == ""
    assert (strike["location"], strike["latitude"], strike["longitude"]) == ("Aleppo", "36.20124", "37.16117")
    assert (strike["country"], strike["iso"]) == ("Syria", "760")
    assert strike["event_id_cnty"].startswith("SYR") and strike["event_id_cnty"][3:].isdigit()
    assert strike["fatalities"] == "15"  # the lowest figure of the killed; the injured are not fatalities
    assert strike["source"] == "Reuters" and strike["notes"] == "Russian jets bombed Aleppo."
    assert (strike["cameo"], strike["plover"], strike["kg_event_type"]) == ("195", "ASSAULT", "air strike")


def test_the_acled_export_dates_an_undated_event_by_its_publication_and_says_so(runner, store, tmp_path):
    meeting = next(r for r in _export(runner, store, tmp_path) if r["kg_event_type"] == "meeting or consultation")
    assert (meeting["event_date"], meeting["time_precision"]) == ("2024-03-05", "2")
    assert meeting["event_type"] == "" and meeting["fatalities"] == "0"  # ACLED codes no meeting; no toll: 0
    assert meeting["actor1"] == "John Kerry" and meeting["cameo"] == "0841"
    assert meeting["event_id_cnty"].startswith("XXX")  # no place, no country


def test_the_acled_export_is_safe_to_open_in_a_spreadsheet(runner, tmp_path):
    rows = _export(runner, _store(_resolved("=HYPERLINK(1) jets bombed ")), tmp_path)
    meeting = next(r for r in rows if r["kg_event_type"] == "meeting or consultation")
    assert meeting["actor2"] == "'=cmd|' /C calc'!A0"
    assert rows[0]["notes"].startswith("'=HYPERLINK(1)")
    assert rows[0]["latitude"] == "36.20124"  # numbers it computes stay numbers


def test_the_acled_export_ids_are_stable(store):
    from kg.sparql.acled import acled_rows

    assert [r["event_id_cnty"] for r in acled_rows(store)] == [r["event_id_cnty"] for r in acled_rows(store)]


@pytest.mark.parametrize(("args", "says"), [
    (["export", "no-such-folder", "--format", "acled-csv"], "no graph at 'no-such-folder'"),
    (["export", ".", "--format", "acled"], "'acled' is not one of"),
])
def test_a_mistake_in_the_export_command_is_a_clear_message(runner, tmp_path, monkeypatch, args, says):
    from kg.cli import cli

    monkeypatch.chdir(tmp_path)
    result = runner.invoke(cli, args)
    assert result.exit_code == 2
    assert says in result.output and "Traceback" not in result.output
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit)


def test_every_type_no_extractor_gives_is_listed_in_the_readme_as_not_coded():
    """A type is given by the events extractor's lexicons, by the CAMEO verb coder (a code of the dictionary, or
    the intent, threat or rejection it becomes), or listed in the README's "Not coded yet"."""
    from kg.extract.cameo_verbs import _REFUSAL, _intended, dictionary

    given = {"attack"}
    for name in ("event_verbs", "event_nouns", "attack_nouns", "offences"):  # offences: allegations' act types
        given |= {value.split("|")[0].strip() for value in lexicon.load_mapping(name).values()}
    codes = {e.default for entries in dictionary().values() for e in entries if e.default}
    codes |= {p.code for entries in dictionary().values() for e in entries for p in e.patterns}
    codes = {c.lstrip(":").split(":")[0] for c in codes} - {"", "---"}
    codes = {c for c in codes if not c.startswith("01")}  # comments are the statements'
    codes |= {_intended(c) for c in codes} | set(_REFUSAL.values())
    given |= {type_of_cameo(c) for c in codes}
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    listed = readme[readme.index("**Not coded yet**"):readme.index("### `kg export OUT --format acled-csv`")]
    heads = {t for line in listed.splitlines() if line.startswith("- `")
             for t in re.findall(r"`([a-z-]+)`", line.split(":")[0])}
    assert sorted(set(event_types()) - given - heads) == []  # every type no extractor gives is listed ...
    assert sorted(heads & given) == []  # ... and none that one gives
