"""The CAMEO verb coder (kg/extract/cameo_verbs.py) on small hand-built Docs (no model), and its lexicon: the
dictionary converted from PETRARCH2 (scripts/cameo_verbs.py) and the CAMEO-to-PLOVER table (scripts/cameo_plover.py).
"""

from __future__ import annotations

import doctest
import importlib.util
from pathlib import Path

import pytest
from spacy.lang.en import English
from spacy.tokens import Doc

from kg.extract.cameo_verbs import backgrounded, code_verb, dictionary, extract_coded_events, intent_verbs
from kg.extract.syntax import sentence_of
from kg.rdf.ontology import type_of_cameo
from kg.records import Article, CodedEvent, Event, Mention, Statement
from kg.resolve.actors import resolve_in_article

ROOT = Path(__file__).resolve().parent.parent
FIELD = ROOT.parent / "shared" / "field"
VOCAB = English().vocab
_GLUED = {".", ",", "'s", "’s", ":", ";"}


def parse(table: str) -> Doc:
    """A Doc from one token a line: ``word lemma POS dep head [tag]`` (``head`` the index of the head token)."""
    rows = [line.split() for line in table.strip().splitlines()]
    words = [r[0] for r in rows]
    spaces = [i + 1 < len(words) and words[i + 1] not in _GLUED for i in range(len(words))]
    return Doc(VOCAB, words=words, spaces=spaces, lemmas=[r[1] for r in rows], pos=[r[2] for r in rows],
               deps=[r[3] for r in rows], heads=[int(r[4]) for r in rows],
               tags=[r[5] if len(r) > 5 else "" for r in rows])


def setup(table: str, spans: dict[tuple[int, int], str]):
    doc = parse(table)
    article = Article("t", doc.text)
    found = []
    for (start, end), entity_type in spans.items():
        span = doc[start:end]
        found.append(Mention("t", span.start_char, span.end_char, span.text, entity_type, "test",
                             sentence_of(span, article), 0.7))
    return doc, article, resolve_in_article(sorted(found, key=lambda m: m.start))


def coded(doc, article, actors, statements=(), allegations=(), denials=(), events=()) -> list[CodedEvent]:
    return list(extract_coded_events(doc, article, actors, statements, allegations, denials, events))


def labels(found, actors) -> list[str]:
    return [actors[m].label for m in found]


# --- the lexicon --------------------------------------------------------------------------------------------------


def test_the_dictionary_is_the_fields_with_its_licence():
    table = dictionary()
    assert len(table) > 1500
    assert {"meet", "attack", "arrest", "call", "expel", "release"} <= set(table)
    notice = (ROOT / "kg" / "lexicons" / "cameo_verbs.LICENSE").read_text(encoding="utf-8")
    assert "MIT" in notice and "Open Event Data" in notice
    assert "Open Event Data" in (ROOT / "kg" / "lexicons" / "cameo_verbs.tsv").read_text(encoding="utf-8")[:600]


def test_every_code_of_the_dictionary_falls_to_a_type_of_the_scheme():
    codes = {e.default for entries in dictionary().values() for e in entries if e.default}
    codes |= {p.code for entries in dictionary().values() for e in entries for p in e.patterns}
    codes = {c.lstrip(":").split(":")[0] for c in codes} - {"", "---"}
    assert len(codes) > 150
    assert [c for c in codes if type_of_cameo(c) is None] == []


def test_the_intent_verbs_are_a_lexicon():
    assert {"agree", "pledge", "vow", "threaten"} <= intent_verbs()


def _script(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("name", ["cameo_verbs", "cameo_plover"])
def test_the_conversion_scripts_examples_hold(name):
    result = doctest.testmod(_script(name))
    assert result.attempted > 0 and result.failed == 0


@pytest.mark.skipif(not (FIELD / "petrarch2" / "CAMEO.2.0.txt").is_file(),
                    reason="../shared/field not found (../shared must sit beside the project)")
@pytest.mark.parametrize(("name", "source", "option"), [
    ("cameo_verbs", FIELD / "petrarch2" / "CAMEO.2.0.txt", "--dictionary"),
    ("cameo_plover", FIELD / "plover" / "CAMEO2PLOVER-2021.txt", "--table"),
])
def test_the_lexicons_are_what_the_scripts_make_of_the_fields_files(tmp_path, monkeypatch, name, source, option):
    out = tmp_path / f"{name}.tsv"
    monkeypatch.setattr("sys.argv", [name, option, str(source), "--out", str(out)])
    assert _script(name).main() == 0
    committed = (ROOT / "kg" / "lexicons" / f"{name}.tsv").read_text(encoding="utf-8")
    assert out.read_text(encoding="utf-8") == committed


# --- coding a verb ------------------------------------------------------------------------------------------------

MET_WITH = """
Putin    Putin    PROPN nsubj 1
met      meet     VERB  ROOT  1
with     with     ADP   prep  1
Erdogan  Erdogan  PROPN pobj  2
in       in       ADP   prep  1
Moscow   Moscow   PROPN pobj  4
.        .        PUNCT punct 1
"""


def test_a_meeting_is_coded_with_its_source_and_the_target_of_its_preposition():
    doc, article, actors = setup(MET_WITH, {(0, 1): "Person", (3, 4): "Person", (5, 6): "Place"})
    (ev,) = coded(doc, article, actors)
    assert ev.cameo == "040" and ev.event_type == "consultation" and ev.cue == "met"
    assert labels(ev.agents, actors) == ["Putin"] and labels(ev.targets, actors) == ["Erdogan"]
    assert labels(ev.places, actors) == ["Moscow"]  # a place is where, never a party
    assert ev.rule == "event:cameo-verb" and ev.confidence == 0.5


def test_the_most_specific_pattern_gives_the_code():
    """STAGE * DEMONSTRATION (141) rather than the verb's block; the dictionary decides, not a rule of kg."""
    doc, article, actors = setup("""
Students     student      NOUN nsubj 1
staged       stage        VERB ROOT  1
a            a            DET  det   3
demonstration demonstration NOUN dobj 1
against      against      ADP  prep  1
Maduro       Maduro       PROPN pobj 4
.            .            PUNCT punct 1
""", {(0, 1): "Group", (5, 6): "Person"})
    (ev,) = coded(doc, article, actors)
    assert ev.cameo == "141" and ev.event_type == "protest" and ev.rule == "event:cameo-pattern"
    assert labels(ev.agents, actors) == ["Students"] and labels(ev.targets, actors) == ["Maduro"]


EXPELLED = """
France     France     PROPN nsubj 1
expelled   expel      VERB  ROOT  1
two        two        NUM   nummod 4
Russian    Russian    ADJ   amod  4
diplomats  diplomat   NOUN  dobj  1
.          .          PUNCT punct 1
"""


def test_between_patterns_of_equal_weight_the_word_as_written_decides():
    """The dictionary lists EXPEL * DIPLOMAT (161) and EXPEL * DIPLOMATS (174): each form its own."""
    doc, article, actors = setup(EXPELLED, {(0, 1): "State", (3, 4): "State"})
    (ev,) = coded(doc, article, actors)
    assert ev.cameo == "174" and labels(ev.agents, actors) == ["France"] and labels(ev.targets, actors) == ["Russia"]
    one = EXPELLED.replace("diplomats  diplomat", "diplomat   diplomat").replace(
        "two        two        NUM   nummod 4", "a          a          DET   det    4")
    doc, article, actors = setup(one, {(0, 1): "State", (3, 4): "State"})
    (ev,) = coded(doc, article, actors)
    assert ev.cameo == "161" and ev.event_type == "reduction-of-relations"


def test_a_passive_takes_its_source_from_the_agent_and_its_target_from_the_subject():
    doc, article, actors = setup("""
Diplomats  diplomat   NOUN  nsubjpass 2
were       be         AUX   auxpass 2
expelled   expel      VERB  ROOT  2
by         by         ADP   agent 2
France     France     PROPN pobj  3
.          .          PUNCT punct 2
""", {(0, 1): "Group", (4, 5): "State"})
    (ev,) = coded(doc, article, actors)
    assert labels(ev.agents, actors) == ["France"] and labels(ev.targets, actors) == ["Diplomats"]


def test_a_cue_another_extractor_took_is_not_coded_again():
    doc, article, actors = setup(EXPELLED, {(0, 1): "State", (3, 4): "State"})
    taken = Event("t", "troop-movement", "expelled", doc[1].idx, 0, 10, (), (), (), (), None, (), None,
                  sentence_of(doc[0:1], article), "event:verb", 0.65)
    assert coded(doc, article, actors, events=[taken]) == []


def test_a_one_sided_verbal_act_is_no_event_but_a_one_sided_attack_is():
    """Both parties named, as event coders require, but for protest, force, coercion and violence."""
    doc, article, actors = setup(MET_WITH, {(0, 1): "Person"})
    assert coded(doc, article, actors) == []
    doc, article, actors = setup("""
Turkey     Turkey     PROPN nsubj 1
shelled    shell      VERB  ROOT  1
villages   village    NOUN  dobj  1
.          .          PUNCT punct 1
""", {(0, 1): "State"})
    (ev,) = coded(doc, article, actors)
    assert ev.cameo.startswith(("19", "18", "20")) and labels(ev.agents, actors) == ["Turkey"]


# --- modality -----------------------------------------------------------------------------------------------------


def test_a_negated_verb_is_no_event():
    doc, article, actors = setup("""
Putin    Putin    PROPN nsubj 3
did      do       AUX   aux   3
not      not      PART  neg   3
meet     meet     VERB  ROOT  3
Erdogan  Erdogan  PROPN dobj  3
.        .        PUNCT punct 3
""", {(0, 1): "Person", (4, 5): "Person"})
    assert coded(doc, article, actors) == []


@pytest.mark.parametrize("word", ["could", "might", "should"])
def test_a_hypothetical_verb_is_no_event(word):
    doc, article, actors = setup(f"""
Putin    Putin    PROPN nsubj 2
{word}   {word}   AUX   aux   2
meet     meet     VERB  ROOT  2
Erdogan  Erdogan  PROPN dobj  2
.        .        PUNCT punct 2
""", {(0, 1): "Person", (3, 4): "Person"})
    assert coded(doc, article, actors) == []


def test_a_condition_is_no_event():
    doc, article, actors = setup("""
If       if       SCONJ mark  2
Iran     Iran     PROPN nsubj 2
attacks  attack   VERB  advcl 6
Israel   Israel   PROPN dobj  2
,        ,        PUNCT punct 6
Washington Washington PROPN nsubj 6
responds respond  VERB  ROOT  6
.        .        PUNCT punct 6
""", {(1, 2): "State", (3, 4): "State", (5, 6): "State"})
    assert [ev for ev in coded(doc, article, actors) if ev.cue == "attacks"] == []


def test_a_meeting_to_come_is_an_intent_to_meet():
    doc, article, actors = setup("""
Putin    Putin    PROPN nsubj 2
will     will     AUX   aux   2
meet     meet     VERB  ROOT  2
Erdogan  Erdogan  PROPN dobj  2
.        .        PUNCT punct 2
""", {(0, 1): "Person", (3, 4): "Person"})
    (ev,) = coded(doc, article, actors)
    assert ev.cameo == "036" and ev.event_type == "intent-to-cooperate" and ev.rule == "event:cameo-intent"
    assert labels(ev.targets, actors) == ["Erdogan"]


VOWED = """
The      the      DET   det   1
Taliban  Taliban  PROPN nsubj 2
vowed    vow      VERB  ROOT  2
to       to       PART  aux   4
attack   attack   VERB  xcomp 2
Pakistan Pakistan PROPN dobj  4
.        .        PUNCT punct 2
"""


def test_an_intent_verb_and_the_hostile_act_it_governs_are_one_threat():
    doc, article, actors = setup(VOWED, {(1, 2): "ArmedGroup", (5, 6): "State"})
    (ev,) = coded(doc, article, actors)  # one event, at the intent verb; "attack" is not coded apart
    assert ev.cue == "vowed" and ev.cameo.startswith("13") and ev.event_type.startswith("threat")
    assert labels(ev.agents, actors) == ["Taliban"] and labels(ev.targets, actors) == ["Pakistan"]


def test_an_intent_verb_and_the_cooperation_it_governs_are_an_intent_to_cooperate():
    doc, article, actors = setup("""
Hamas    Hamas    PROPN nsubj 1
agreed   agree    VERB  ROOT  1
to       to       PART  aux   3
release  release  VERB  xcomp 1
Israeli  Israeli  ADJ   amod  5
hostages hostage  NOUN  dobj  3
.        .        PUNCT punct 1
""", {(0, 1): "ArmedGroup", (4, 5): "State"})
    (ev,) = coded(doc, article, actors)
    assert ev.cameo.startswith("03") and ev.event_type == "intent-to-cooperate"
    assert labels(ev.agents, actors) == ["Hamas"] and labels(ev.targets, actors) == ["Israel"]


def test_a_pronoun_in_a_statement_is_its_speaker():
    doc, article, actors = setup("""
Iran     Iran     PROPN nsubj 1
said     say      VERB  ROOT  1
it       it       PRON  nsubj 4
would    would    AUX   aux   4
meet     meet     VERB  ccomp 1
European European ADJ   amod  6
officials official NOUN dobj  4
.        .        PUNCT punct 1
""", {(0, 1): "State", (5, 7): "Group"})
    iran = next(m for m in actors if m.text == "Iran")
    said = Statement("t", actors[iran], iran, "said", "say", doc[1].idx, "it would meet European officials",
                     doc[2].idx, doc[6].idx + len(doc[6]), sentence_of(doc[0:1], article), False,
                     "statement:reporting-verb", 0.7)
    (ev,) = coded(doc, article, actors, statements=[said])
    assert ev.cameo == "036" and labels(ev.agents, actors) == ["Iran"] and ev.reported_by == iran
    assert labels(ev.targets, actors) == ["European officials"]


def test_a_persons_they_in_his_statement_is_not_him():
    table = """
Maduro   Maduro   PROPN nsubj 1
said     say      VERB  ROOT  1
they     they     PRON  nsubj 4
would    would    AUX   aux   4
meet     meet     VERB  ccomp 1
European European ADJ   amod  6
officials official NOUN dobj  4
.        .        PUNCT punct 1
"""
    doc, article, actors = setup(table, {(0, 1): "Person", (5, 7): "Group"})
    maduro = next(m for m in actors if m.text == "Maduro")
    said = Statement("t", actors[maduro], maduro, "said", "say", doc[1].idx, "they would meet European officials",
                     doc[2].idx, doc[6].idx + len(doc[6]), sentence_of(doc[0:1], article), False,
                     "statement:reporting-verb", 0.7)
    assert [labels(ev.agents, actors) for ev in coded(doc, article, actors, statements=[said])] == []


def test_a_statements_own_cue_is_no_event_but_an_appeal_made_in_it_is():
    doc, article, actors = setup("""
Germany  Germany  PROPN nsubj 1
called   call     VERB  ROOT  1
on       on       ADP   prep  1
Russia   Russia   PROPN pobj  2
to       to       PART  aux   5
withdraw withdraw VERB  advcl 1
.        .        PUNCT punct 1
""", {(0, 1): "State", (3, 4): "State"})
    germany = next(m for m in actors if m.text == "Germany")
    called = Statement("t", actors[germany], germany, "called", "call", doc[1].idx, "on Russia to withdraw",
                       doc[2].idx, doc[5].idx + 8, sentence_of(doc[0:1], article), False, "statement:reporting-verb",
                       0.7)
    (ev,) = coded(doc, article, actors, statements=[called])
    assert ev.cue == "called" and ev.cameo.startswith("02") and ev.event_type == "appeal"
    assert labels(ev.agents, actors) == ["Germany"] and labels(ev.targets, actors) == ["Russia"]


def test_the_gerund_an_accusation_names_is_no_event_of_its_own():
    doc, article, actors = setup("""
Iraq     Iraq     PROPN nsubj 1
accused  accuse   VERB  ROOT  1
Iran     Iran     PROPN dobj  1
of       of       ADP   prep  1
attacking attack  VERB  pcomp 3  VBG
Kuwait   Kuwait   PROPN dobj  4
.        .        PUNCT punct 1
""", {(0, 1): "State", (2, 3): "State", (5, 6): "State"})
    assert backgrounded(doc[4])
    assert [ev.cue for ev in coded(doc, article, actors)] == ["accused"]


def test_a_verb_outside_the_dictionary_is_not_coded():
    doc = parse("""
Putin    Putin    PROPN nsubj 1
frobbed  frob     VERB  ROOT  1
Erdogan  Erdogan  PROPN dobj  1
""")
    assert code_verb(doc[1]) is None


def test_a_cooperation_refused_is_a_rejection_but_a_deed_denied_is_nothing():
    table = """
Lebanon  Lebanon  PROPN nsubj 3
will     will     AUX   aux   3
not      not      PART  neg   3
accept   accept   VERB  ROOT  3
Syrian   Syrian   ADJ   amod  5
refugees refugee  NOUN  dobj  3
.        .        PUNCT punct 3
"""
    doc, article, actors = setup(table, {(0, 1): "State", (4, 6): "Group"})
    (ev,) = coded(doc, article, actors)
    assert ev.cameo.startswith("12") and ev.event_type == "rejection" and ev.rule == "event:cameo-refusal"
    assert labels(ev.agents, actors) == ["Lebanon"] and labels(ev.targets, actors) == ["Syrian refugees"]
    doc, article, actors = setup(table.replace("will     will ", "did      do   "), {(0, 1): "State", (4, 6): "Group"})
    assert coded(doc, article, actors) == []


def test_two_parties_acting_together_are_enough():
    doc, article, actors = setup("""
Putin    Putin    PROPN nsubj 3
and      and      CCONJ cc    0
Erdogan  Erdogan  PROPN conj  0
met      meet     VERB  ROOT  3
in       in       ADP   prep  3
Sochi    Sochi    PROPN pobj  4
.        .        PUNCT punct 3
""", {(0, 1): "Person", (2, 3): "Person", (5, 6): "Place"})
    (ev,) = coded(doc, article, actors)
    assert labels(ev.agents, actors) == ["Putin", "Erdogan"] and ev.targets == ()


def test_a_demand_that_someone_act_targets_them():
    doc, article, actors = setup("""
The      the      DET   det   1
ICC      ICC      PROPN nsubj 2
demanded demand   VERB  ROOT  2
that     that     SCONJ mark  5
Bashir   Bashir   PROPN nsubj 5
stand    stand    VERB  ccomp 2
trial    trial    NOUN  dobj  5
.        .        PUNCT punct 2
""", {(1, 2): "Organization", (4, 5): "Person"})
    events = coded(doc, article, actors)
    demand = next(ev for ev in events if ev.cue == "demanded")
    assert demand.cameo.startswith("10") and labels(demand.targets, actors) == ["Bashir"]


def test_a_verb_inside_a_clause_of_purpose_is_background():
    doc = parse("""
Britain  Britain  PROPN nsubj 1
sent     send     VERB  ROOT  1
troops   troop    NOUN  dobj  1
to       to       PART  aux   4
help     help     VERB  advcl 1
Lebanon  Lebanon  PROPN nsubj 6
patrol   patrol   VERB  ccomp 4
borders  border   NOUN  dobj  6
""")
    assert backgrounded(doc[4]) and backgrounded(doc[6]) and not backgrounded(doc[1])


CLAIM_THAT = """
Turkey    Turkey    PROPN nsubj     1
claimed   claim     VERB  ROOT      1
the       the       DET   det       3
PKK       PKK       PROPN nsubj     4
was       be        AUX   ccomp     1
responsible responsible ADJ acomp   4
.         .         PUNCT punct     1
"""


def test_a_reporting_verb_with_a_clause_of_what_was_said_codes_no_act_of_its_own():
    doc, article, actors = setup(CLAIM_THAT, {(0, 1): "State", (3, 4): "ArmedGroup"})
    assert coded(doc, article, actors) == []
    doc, article, actors = setup("""
Turkey    Turkey    PROPN nsubj     1
criticized criticize VERB ROOT      1
the       the       DET   det       3
PKK       PKK       PROPN dobj      1
.         .         PUNCT punct     1
""", {(0, 1): "State", (3, 4): "ArmedGroup"})
    assert [(e.cameo[:2], labels(e.agents, actors)) for e in coded(doc, article, actors)] == [("11", ["Turkey"])]


# --- acts that stand alone ----------------------------------------------------------------------------------------


PROVIDED = """
Germany  Germany  PROPN nsubj 1
provided provide  VERB  ROOT  1
aid      aid      NOUN  dobj  1
to       to       ADP   prep  1
refugees refugee  NOUN  pobj  3
.        .        PUNCT punct 1
"""


def test_aid_given_is_an_event_of_its_source_alone_a_meeting_is_not():
    """PLOVER requires no recipient of AID, RETREAT, REJECT, THREATEN or REQUEST: a pattern of the dictionary
    that names the act by its object makes it an event with its source alone."""
    doc, article, actors = setup(PROVIDED, {(0, 1): "State"})
    (ev,) = coded(doc, article, actors)
    assert ev.cameo.startswith("07") and labels(ev.agents, actors) == ["Germany"] and ev.targets == ()
    doc, article, actors = setup(PROVIDED.replace("provided provide", "met      meet    "), {(0, 1): "State"})
    assert coded(doc, article, actors) == []


def test_a_refusal_of_what_one_will_do_stands_alone_a_deed_not_done_does_not():
    table = """
Israel   Israel   PROPN nsubj 3
will     will     AUX   aux   3
not      not      PART  neg   3
lift     lift     VERB  ROOT  3
the      the      DET   det   5
sanctions sanction NOUN dobj  3
.        .        PUNCT punct 3
"""
    doc, article, actors = setup(table, {(0, 1): "State"})
    (ev,) = coded(doc, article, actors)
    assert ev.rule == "event:cameo-refusal" and ev.cameo.startswith("12") and labels(ev.agents, actors) == ["Israel"]
    doc, article, actors = setup(table.replace("will     will ", "does     do   "), {(0, 1): "State"})
    assert coded(doc, article, actors) == []


AGREED_TO = """
Germany  Germany  PROPN nsubj 1
agreed   agree    VERB  ROOT  1
to       to       PART  aux   3
share    share    VERB  xcomp 1
information information NOUN dobj 3
.        .        PUNCT punct 1
"""


def test_an_agreement_to_an_act_the_dictionary_does_not_know_is_an_intent_to_cooperate():
    doc, article, actors = setup(AGREED_TO, {(0, 1): "State"})
    assert code_verb(doc[3]) is None  # "share" is not in the dictionary
    (ev,) = coded(doc, article, actors)
    assert ev.rule == "event:cameo-intent" and ev.cameo.startswith("03") and labels(ev.agents, actors) == ["Germany"]
    planned = AGREED_TO.replace("agreed   agree ", "planned  plan  ")
    doc, article, actors = setup(planned, {(0, 1): "State"})
    assert coded(doc, article, actors) == []  # a plan of an unknown act says nothing


def test_a_decision_to_act_is_the_act():
    doc, article, actors = setup("""
Mexico   Mexico   PROPN nsubj 1
decided  decide   VERB  ROOT  1
to       to       PART  aux   3
grant    grant    VERB  xcomp 1
asylum   asylum   NOUN  dobj  3
to       to       ADP   prep  3
Morales  Morales  PROPN pobj  5
.        .        PUNCT punct 1
""", {(0, 1): "State", (6, 7): "Person"})
    (ev,) = coded(doc, article, actors)
    assert ev.cue == "grant" and ev.cameo.startswith("07") and ev.rule != "event:cameo-intent"
    assert labels(ev.agents, actors) == ["Mexico"] and labels(ev.targets, actors) == ["Morales"]


def test_a_participle_that_describes_the_object_is_background_and_names_the_target():
    doc, article, actors = setup("""
The      the      DET   det   1
UN       UN       PROPN nsubj 2
lifted   lift     VERB  ROOT  2
sanctions sanction NOUN dobj  2
imposed  impose   VERB  acl   3 VBN
on       on       ADP   prep  4
Eritrea  Eritrea  PROPN pobj  5
.        .        PUNCT punct 2
""", {(1, 2): "Organization", (6, 7): "State"})
    (ev,) = coded(doc, article, actors)  # no sanction imposed: the easing only
    assert ev.cue == "lifted" and ev.cameo.startswith("08")
    assert labels(ev.agents, actors) == ["UN"] and labels(ev.targets, actors) == ["Eritrea"]
