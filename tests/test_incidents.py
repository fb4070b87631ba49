"""One article, one story: a name keeps its sense through the article (the model's misses filled in), and one
incident's reports (a headline, a toll, a claim) meet in one event's participants. Rules on hand-built Docs."""

from __future__ import annotations

from test_rules import labels, mentions, parse, setup  # tests/ is on sys.path (conftest.py)

from kg.extract.claims import extract_allegations, extract_denials
from kg.extract.events import extract_events
from kg.extract.repeats import extract_repeats
from kg.extract.statements import extract_statements
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
        ("RSF", "ArmedGroup", "test"), ("Barre", "Person", "repeat")]
    assert repeats[0].start == 0 and repeats[1].confidence < found[0].confidence


def test_generic_nouns_and_common_words_are_not_repeated():
    doc = parse(HEADLINE)
    article = Article("t", doc.text)
    found = mentions(doc, article, {(15, 16): "Group", (2, 3): "Organization"})  # "officials", a stray "kills"
    assert list(extract_repeats(doc, article, found)) == []


TWO_REPORTS = """
Rebels    rebel     NOUN  nsubj     1
killed    kill      VERB  ROOT      1
50        50        NUM   nummod    3
civilians civilian  NOUN  dobj      1
.         .         PUNCT punct     1
The       the       DET   det       6
50        50        NUM   nummod    7
civilians civilian  NOUN  nsubjpass 9
were      be        AUX   auxpass   9
killed    kill      VERB  ROOT      9
in        in        ADP   prep      9
Kishishe  Kishishe  PROPN pobj      10
.         .         PUNCT punct     9
Two       two       NUM   nummod    14
soldiers  soldier   NOUN  nsubjpass 16
were      be        AUX   auxpass   16
killed    kill      VERB  ROOT      16
.         .         PUNCT punct     16
"""


def test_the_reports_of_one_toll_share_agents_and_places():
    doc, article, actors = setup(TWO_REPORTS, {(0, 1): "ArmedGroup", (3, 4): "Group", (7, 8): "Group",
                                               (11, 12): "Place", (14, 15): "Group"})
    first, second, third = extract_events(doc, article, actors, [], [])
    assert labels(first.agents, actors) == ["Rebels"] and labels(first.places, actors) == ["Kishishe"]
    assert labels(second.agents, actors) == ["Rebels"] and second.rule == "event:verb+incident"
    assert second.confidence <= 0.5 and first.rule == "event:verb+incident"
    assert third.agents == () and third.rule == "event:verb"  # another toll, another incident


SAYING_THEY = """
Congo     Congo     PROPN nsubj  1
accused   accuse    VERB  ROOT   1
the       the       DET   det    4
M23       M23       PROPN compound 4
rebels    rebel     NOUN  dobj   1
of        of        ADP   prep   4
breaching breach    VERB  pcomp  5
a         a         DET   det    8
truce     truce     NOUN  dobj   6
,         ,         PUNCT punct  1
saying    say       VERB  advcl  1
that      that      SCONJ mark   13
they      they      PRON  nsubj  13
killed    kill      VERB  ccomp  10
50        50        NUM   nummod 15
people    people    NOUN  dobj   13
.         .         PUNCT punct  1
"""


def test_they_in_an_accusers_words_is_the_accused():
    doc, article, actors = setup(SAYING_THEY, {(0, 1): "State", (3, 5): "ArmedGroup", (15, 16): "Group"})
    statements = list(extract_statements(doc, article, actors))
    allegations = list(extract_allegations(doc, article, actors, statements))
    killings = [e for e in extract_events(doc, article, actors, statements, allegations) if e.cue == "killed"]
    assert [labels(e.agents, actors) for e in killings] == [["M23 rebels"]]


CLAIMS_THAT = """
Pakistan  Pakistan  PROPN nsubj    1
denied    deny      VERB  ROOT     1
Taliban   Taliban   PROPN compound 3
claims    claim     NOUN  dobj     1
that      that      SCONJ mark     7
Pakistani Pakistani ADJ   amod     6
forces    force     NOUN  nsubj    7
killed    kill      VERB  acl      3
10        10        NUM   nummod   9
civilians civilian  NOUN  dobj     7
.         .         PUNCT punct    1
"""


def test_a_claim_that_an_actor_did_wrong_is_its_claimants_allegation():
    doc, article, actors = setup(CLAIMS_THAT, {(0, 1): "State", (2, 3): "ArmedGroup", (5, 7): "ArmedGroup",
                                               (9, 10): "Group"})
    (found,) = [a for a in extract_allegations(doc, article, actors, []) if a.rule == "allegation:nominal-claim"]
    assert actors[found.accuser].label == "Taliban" and labels(found.accused, actors) == ["Pakistani forces"]
    assert found.act_type == "killing" and found.cue == "claims"


def test_a_claim_with_no_claimant_or_no_wrong_accuses_no_one():
    doc, article, actors = setup(CLAIMS_THAT.replace("killed    kill ", "met       meet "),
                                 {(0, 1): "State", (2, 3): "ArmedGroup", (5, 7): "ArmedGroup", (9, 10): "Group"})
    assert [a for a in extract_allegations(doc, article, actors, []) if a.rule == "allegation:nominal-claim"] == []


BLAMED_ON = """
The       the       DET   det      1
army      army      NOUN  nsubj    2
blamed    blame     VERB  ROOT     2
the       the       DET   det      4
deaths    death     NOUN  dobj     2
in        in        ADP   prep     4
Kishishe  Kishishe  PROPN pobj     5
on        on        ADP   prep     4
the       the       DET   det      9
M23       M23       PROPN pobj     7
.         .         PUNCT punct    2
"""


def test_blaming_a_wrong_on_an_actor_where_the_parser_hangs_on_on_the_object():
    doc, article, actors = setup(BLAMED_ON, {(1, 2): "ArmedGroup", (6, 7): "Place", (9, 10): "ArmedGroup"})
    (found,) = extract_allegations(doc, article, actors, [])
    assert actors[found.accuser].label == "army" and labels(found.accused, actors) == ["M23"]
    assert found.act == "the deaths in Kishishe"


WHICH_IT_ACCUSES = """
Turkey     Turkey     PROPN nsubj  1
irritates  irritate   VERB  ROOT   1
Iraq       Iraq       PROPN dobj   1
,          ,          PUNCT punct  1
but        but        CCONJ cc     1
the        the        DET   det    6
government government NOUN  nsubj  7
fights     fight      VERB  conj   1
the        the        DET   det    9
PKK        PKK        PROPN dobj   7
,          ,          PUNCT punct  9
which      which      PRON  dobj   13
it         it         PRON  nsubj  13
accuses    accuse     VERB  relcl  9
of         of         ADP   prep   13
subverting subvert    VERB  pcomp  14
its        its        PRON  poss   17
authority  authority  NOUN  dobj   15
.          .          PUNCT punct  1
"""


def test_it_accusing_in_a_relative_clause_is_the_nearest_named_subject_above():
    doc, article, actors = setup(WHICH_IT_ACCUSES, {(0, 1): "State", (2, 3): "State", (6, 7): "Organization",
                                                    (9, 10): "ArmedGroup"})
    (found,) = extract_allegations(doc, article, actors, [])
    assert actors[found.accuser].label == "government" and labels(found.accused, actors) == ["PKK"]
    assert found.rule == "allegation:accusation-verb+pronoun"


AS_A_RESULT = """
15         15         NUM   nummod    1
people     people     NOUN  nsubjpass 3
were       be         AUX   auxpass   3
killed     kill       VERB  ROOT      3
as         as         ADP   prep      3
a          a          DET   det       6
result     result     NOUN  pobj      4
of         of         ADP   prep      6
Turkish    Turkish    ADJ   amod      9
airstrikes airstrike  NOUN  pobj      7
.          .          PUNCT punct     3
"""


def test_a_killing_as_a_result_of_strikes_is_the_strikes_and_their_makers():
    doc, article, actors = setup(AS_A_RESULT, {(1, 2): "Group", (8, 9): "State"})
    found = list(extract_events(doc, article, actors, [], []))
    assert {e.event_type for e in found} == {"air-strike", "killing"}
    assert all(labels(e.agents, actors) == ["Turkey"] for e in found)  # "Turkish": the state


WHICH_REJECTED = """
The       the       DET   det    1
report    report    NOUN  nsubj  8
,         ,         PUNCT punct  1
which     which     PRON  dobj   5
Israel    Israel    PROPN nsubj  5
rejected  reject    VERB  relcl  1
as        as        ADP   prep   5
biased    biased    ADJ   amod   6
strained  strain    VERB  ROOT   8
ties      tie       NOUN  dobj   8
.         .         PUNCT punct  8
"""


def test_a_report_which_an_actor_rejected_is_its_denial():
    doc, article, actors = setup(WHICH_REJECTED, {(4, 5): "State"})
    (found,) = extract_denials(doc, article, actors)
    assert actors[found.denier].label == "Israel" and labels(found.defended, actors) == ["Israel"]
    assert found.start == doc[0].idx and found.end == doc[1].idx + len("report")  # the report, not its clause


CHARGES_DENY = """
Riyadh    Riyadh    PROPN nsubj  1
accuses   accuse    VERB  ccomp  8
the       the       DET   det    3
Houthis   Houthis   PROPN dobj   1
of        of        ADP   prep   1
aiding    aid       VERB  pcomp  4
Iran      Iran      PROPN dobj   5
—         —         PUNCT punct  8
charges   charge    VERB  ROOT   8
Tehran    Tehran    PROPN nsubj  10
denies    deny      VERB  ccomp  8
.         .         PUNCT punct  8
"""


def test_charges_an_actor_denies_defend_the_accused_where_the_parser_makes_charges_a_verb():
    doc, article, actors = setup(CHARGES_DENY, {(0, 1): "State", (3, 4): "ArmedGroup", (6, 7): "State",
                                                (9, 10): "State"})
    (found,) = extract_denials(doc, article, actors)
    assert actors[found.denier].label == "Iran" and labels(found.defended, actors) == ["Houthis"]  # Tehran: Iran


SHOT_DEAD = """
Gunmen     gunman     NOUN  nsubj     1
shot       shoot      VERB  ROOT      1
dead       dead       ADJ   oprd      1
a          a          DET   det       5
government government NOUN  compound  5
official   official   NOUN  dobj      1
.          .          PUNCT punct     1
Two        two        NUM   nummod    8
men        man        NOUN  nsubjpass 10
were       be         AUX   auxpass   10
shot       shoot      VERB  ROOT      10
.          .          PUNCT punct     10
"""


def test_shooting_dead_one_person_is_a_killing_of_one():
    doc, article, actors = setup(SHOT_DEAD, {(0, 1): "Group"})
    (ev,) = extract_events(doc, article, actors, [], [])  # "two men were shot": not said to be dead
    assert ev.event_type == "killing" and [(c.count, c.text) for c in ev.casualties] == [(1, "official")]
    assert labels(ev.agents, actors) == ["Gunmen"]


def test_a_plural_or_counted_victim_is_not_one():
    doc, article, actors = setup(SHOT_DEAD.replace("official   official   NOUN  dobj ",
                                                   "officials  official   NOUN  dobj "), {(0, 1): "Group"})
    (ev,) = extract_events(doc, article, actors, [], [])
    assert ev.casualties == ()


CLAIMED = """
Six            six            NUM   nummod    1
soldiers       soldier        NOUN  nsubjpass 3
were           be             AUX   auxpass   3
killed         kill           VERB  ROOT      3
.              .              PUNCT punct     3
The            the            DET   det       6
Taliban        Taliban        PROPN nsubj     7
claimed        claim          VERB  ROOT      7
responsibility responsibility NOUN  dobj      7
.              .              PUNCT punct     7
"""


def test_a_claim_of_responsibility_names_the_agent_of_the_attack_before_it():
    doc, article, actors = setup(CLAIMED, {(1, 2): "Group", (6, 7): "ArmedGroup"})
    (ev,) = extract_events(doc, article, actors, [], [])
    assert labels(ev.agents, actors) == ["Taliban"] and ev.rule == "event:verb+responsibility"
    assert ev.confidence <= 0.55


def test_no_claim_of_responsibility_names_no_agent():
    negated = CLAIMED.replace("claimed        claim          VERB  ROOT      7",
                              "claimed        claim          VERB  ROOT      7\nnot not PART neg 7")
    negated = negated.replace("responsibility responsibility NOUN  dobj      7",
                              "responsibility responsibility NOUN  dobj      7")
    doc, article, actors = setup(negated, {(1, 2): "Group", (6, 7): "ArmedGroup"})
    (ev,) = extract_events(doc, article, actors, [], [])
    assert ev.agents == ()


AGED = """
A          a          DET   det       2
78-year-old 78-year-old ADJ amod      2 B-DATE
woman      woman      NOUN  nsubjpass 4
was        be         AUX   auxpass   4
killed     kill       VERB  ROOT      4
in         in         ADP   prep      4
Sadove     Sadove     PROPN pobj      5
.          .          PUNCT punct     4
"""


def test_an_age_is_not_a_time():
    doc, article, actors = setup(AGED, {(6, 7): "Place"}, date="2023-01-01")
    (ev,) = extract_events(doc, article, actors, [], [])
    assert ev.time is None and [c.count for c in ev.casualties] == [1]


def _mentions(text: str, parts: list[tuple[str, str]], rule: str = "test") -> list:
    from kg.records import Mention, Sentence
    sentence = Sentence("a", 0, len(text), text)
    found, start = [], 0
    for part, entity_type in parts:
        start = text.index(part, start)
        found.append(Mention("a", start, start + len(part), part, entity_type, rule, sentence, 0.7))
        start += len(part)
    return found


def test_a_name_given_as_an_alias_is_the_same_one():
    from kg.resolve.actors import resolve_in_article
    text = "The bomber, Sajidullah, alias Sheena, came from Khost; Sheena had trained there."
    found = _mentions(text, [("Sajidullah", "Person"), ("Sheena", "Organization"), ("Khost", "Place"),
                             ("Sheena", "Organization")])
    actors = resolve_in_article(found)
    assert actors[found[0]] is actors[found[1]] is actors[found[3]] and actors[found[2]] is not actors[found[0]]


def test_a_name_someone_used_is_an_alias_of_theirs_and_never_their_label():
    from kg.resolve.actors import resolve_in_article
    text = ('Timothy McVeigh rented it. He said McVeigh used the name "Robert Kling." A license in the name of '
            '"Robert Kling" was shown; a caller gave the name "Kling".')
    found = _mentions(text, [("Timothy McVeigh", "Person"), ("McVeigh", "Person"), ("Robert Kling", "Person"),
                             ("Robert Kling", "Person"), ("Kling", "Person")])
    actors = resolve_in_article(found)
    assert len({id(actors[m]) for m in found}) == 1
    assert actors[found[0]].label == "Timothy McVeigh" and "Robert Kling" in actors[found[0]].aliases
    other = _mentions(text.replace("used the name", "met"), [("Timothy McVeigh", "Person"), ("McVeigh", "Person"),
                                                             ("Robert Kling", "Person")])
    actors = resolve_in_article(other)
    assert actors[other[2]] is not actors[other[0]]


def test_a_generic_force_set_beside_a_named_group_as_its_description_is_that_group_but_not_in_a_list():
    from kg.resolve.actors import resolve_in_article
    text = "A commander of the National Defense Forces, a pro-Assad militia, was killed."
    found = _mentions(text, [("National Defense Forces", "ArmedGroup"), ("pro-Assad militia", "ArmedGroup")])
    from dataclasses import replace
    found = [found[0], replace(found[1], rule="ruler:armed-group")]
    actors = resolve_in_article(found)
    assert actors[found[1]] is actors[found[0]] and actors[found[0]].label == "National Defense Forces"
    assert actors[found[0]].mention_rules[-1] == "resolution:apposition"
    text = "Hamas, the army and the police clashed."
    found = _mentions(text, [("Hamas", "ArmedGroup"), ("army", "ArmedGroup"), ("police", "ArmedGroup")])
    found = [found[0], *(replace(m, rule="ruler:armed-group") for m in found[1:])]
    actors = resolve_in_article(found)
    assert actors[found[1]] is not actors[found[0]]



    from kg.resolve.actors import resolve_in_article
    text = "Tehrik-i-Taliban Pakistan (TTP) attacked; Pakistan said the TTP lied."
    found = _mentions(text, [("Pakistan", "State"), ("TTP", "ArmedGroup"), ("Pakistan", "State"),
                             ("TTP", "ArmedGroup")])
    actors = resolve_in_article(found)
    assert actors[found[1]] is actors[found[3]] and actors[found[1]] is not actors[found[0]]


def test_a_generic_noun_bound_to_a_force_is_not_one_of_its_names():
    from kg.resolve.actors import resolve_in_article
    text = "Sudan's army said the army had retaken Wad Madani."
    found = _mentions(text, [("Sudan's army", "ArmedGroup"), ("army", "ArmedGroup")], rule="ruler:armed-group")
    actors = resolve_in_article(found)
    actor = actors[found[0]]
    assert actors[found[1]] is actor and "army" not in actor.aliases


BARRAGE = """
Hezbollah Hezbollah PROPN poss     3
's        's        PART  case     0
rocket    rocket    NOUN  compound 3
barrage   barrage   NOUN  nsubj    4
hit       hit       VERB  ROOT     4
a         a         DET   det      6
kibbutz   kibbutz   NOUN  dobj     4
.         .         PUNCT punct    4
"""


def test_an_attack_named_by_its_means_and_maker_is_an_event():
    doc, article, actors = setup(BARRAGE, {(0, 1): "ArmedGroup"})
    (ev,) = extract_events(doc, article, actors, [], [])
    assert ev.event_type == "shelling" and ev.cue == "barrage" and ev.rule == "event:attack-noun"
    assert labels(ev.agents, actors) == ["Hezbollah"]


PLANNED = """
Supplies  supply    NOUN  nsubj    1
aimed     aim       VERB  ROOT     1
to        to        PART  aux      3
coincide  coincide  VERB  xcomp    1
with      with      ADP   prep     3
U.S.      U.S.      PROPN compound 6
strikes   strike    NOUN  pobj     4
.         .         PUNCT punct    1
"""


def test_an_attack_only_planned_or_imagined_is_no_event():
    doc, article, actors = setup(PLANNED, {(5, 6): "State"})
    assert list(extract_events(doc, article, actors, [], [])) == []
    doc, article, actors = setup(BARRAGE.replace("hit       hit       VERB  ROOT     4",
                                                 "hit       hit       VERB  ROOT     4\nnot not PART neg 4"),
                                 {(0, 1): "ArmedGroup"})
    assert list(extract_events(doc, article, actors, [], [])) == []


ARRESTED = """
Four      four      NUM   nummod    1
suspects  suspect   NOUN  nsubjpass 3
were      be        AUX   auxpass   3
arrested  arrest    VERB  ROOT      3
.         .         PUNCT punct     3
Suspects  suspect   NOUN  nsubjpass 7
were      be        AUX   auxpass   7
later     later     ADV   advmod    7
arrested  arrest    VERB  ROOT      7
.         .         PUNCT punct     7
"""


def test_counted_people_arrested_are_an_event_without_named_parties():
    doc, article, actors = setup(ARRESTED, {})
    (ev,) = extract_events(doc, article, actors, [], [])  # the uncounted, unnamed second: too little to tell
    assert ev.event_type == "arrest" and ev.cue_start == doc[3].idx


SEIZED = """
Soldiers  soldier   NOUN  nsubj     1
seized    seize     VERB  ROOT      1
11        11        NUM   nummod    3
villagers villager  NOUN  dobj      1
and       and       CCONJ cc        1
the       the       DET   det       6
town      town      NOUN  conj      3
.         .         PUNCT punct     1
"""


def test_seizing_people_is_an_abduction_and_seizing_a_town_territory():
    doc, article, actors = setup(SEIZED, {(0, 1): "ArmedGroup", (3, 4): "Group"})
    (ev,) = extract_events(doc, article, actors, [], [])
    assert ev.event_type == "territory-seized"  # "the town" among the objects: the place reading wins
    doc, article, actors = setup(SEIZED.replace("town      town", "women     woman"), {(0, 1): "ArmedGroup",
                                                                                        (3, 4): "Group"})
    (ev,) = extract_events(doc, article, actors, [], [])
    assert ev.event_type == "abduction" and labels(ev.agents, actors) == ["Soldiers"]


def test_a_long_names_variants_and_its_acronym_meet_across_articles():
    from kg.resolve.actors import merge_actors, resolve_in_article
    found = []
    for n, name in enumerate(["Syrian Observatory for Human Rights", "Syria Observatory of Human Rights", "SOHR",
                              "SOHRs"]):
        text = f"{name} said so."
        found.extend(resolve_in_article(_mentions_in(text, name, f"art{n}")).values())
    merged = merge_actors(found)
    assert len({id(a) for a in merged.values()}) == 1
    assert merged[found[0].key].label in {"Syrian Observatory for Human Rights", "Syria Observatory of Human Rights"}
    assert "SOHR" in merged[found[0].key].aliases


def _mentions_in(text: str, name: str, article: str) -> list:
    from kg.records import Mention, Sentence
    return [Mention(article, 0, len(name), name, "Organization", "test", Sentence(article, 0, len(text), text), 0.7)]


DENIED_THAT = """
Cavusoglu Cavusoglu PROPN nsubj  1
denied    deny      VERB  ROOT   1
that      that      SCONJ mark   5
Turkey    Turkey    PROPN nsubj  5
had       have      AUX   aux    5
shelled   shell     VERB  ccomp  1
villages  village   NOUN  dobj   5
.         .         PUNCT punct  1
"""


def test_what_a_speaker_denies_is_not_what_he_alleges():
    from kg.records import Statement
    doc, article, actors = setup(DENIED_THAT, {(0, 1): "Person", (3, 4): "State"})
    speaker = next(m for m in actors if m.text == "Cavusoglu")
    content = doc[3:7]
    st = Statement(article.article_id, actors[speaker], speaker, "denied", "deny", doc[1].idx, content.text,
                   content.start_char, content.end_char, speaker.sentence, False, "statement:reporting-verb", 0.7)
    assert list(extract_allegations(doc, article, actors, [st])) == []
    said = Statement(article.article_id, actors[speaker], speaker, "said", "say", doc[1].idx, content.text,
                     content.start_char, content.end_char, speaker.sentence, False, "statement:reporting-verb", 0.7)
    assert [labels(a.accused, actors) for a in extract_allegations(doc, article, actors, [said])] == [["Turkey"]]


IDENTIFIED_AS = """
Police    police    NOUN  nsubj    1
identified identify VERB  ROOT     1
Smith     Smith     PROPN dobj     1
as        as        ADP   prep     1
the       the       DET   det      5
man       man       NOUN  pobj     3
who       who       PRON  nsubj    7
ordered   order     VERB  relcl    5
the       the       DET   det      9
bombing   bombing   NOUN  dobj     7
.         .         PUNCT punct    1
"""


def test_identifying_someone_as_the_one_who_did_a_wrong_accuses_him():
    doc, article, actors = setup(IDENTIFIED_AS, {(0, 1): "Organization", (2, 3): "Person"})
    (found,) = extract_allegations(doc, article, actors, [])
    assert actors[found.accuser].label == "Police" and labels(found.accused, actors) == ["Smith"]
    assert found.act == "the man who ordered the bombing"


def test_identifying_someone_as_what_he_is_accuses_no_one():
    text = IDENTIFIED_AS.replace("ordered   order ", "wrote     write ")
    text = text.replace("bombing   bombing ", "book      book    ")
    doc, article, actors = setup(text, {(0, 1): "Organization", (2, 3): "Person"})
    assert list(extract_allegations(doc, article, actors, [])) == []


NAME_BEHIND = """
Maduro    Maduro    PROPN nsubj    1
said      say       VERB  ROOT     1
the       the       DET   det      3
name      name      NOUN  nsubj    6
of        of        ADP   prep     3
Santos    Santos    PROPN pobj     4
is        be        AUX   ccomp    1
behind    behind    ADP   prep     6
this      this      DET   det      9
attack    attack    NOUN  pobj     7
.         .         PUNCT punct    1
"""


def test_the_name_of_someone_behind_an_attack_is_that_someone():
    doc, article, actors = setup(NAME_BEHIND, {(0, 1): "Person", (5, 6): "Person"})
    statements = list(extract_statements(doc, article, actors))
    found = [a for a in extract_allegations(doc, article, actors, statements) if a.rule == "allegation:reported-claim"]
    assert [(actors[a.accuser].label, labels(a.accused, actors)) for a in found] == [("Maduro", ["Santos"])]


WAR_TOLL = """
50        50        NUM   nummod    1
Palestinians Palestinian PROPN nsubjpass 4
have      have      AUX   aux       4
been      be        AUX   auxpass   4
killed    kill      VERB  ROOT      4
in        in        ADP   prep      4
Israel    Israel    PROPN poss      9
's        's        PART  case      6
military  military  ADJ   amod      9
campaign  campaign  NOUN  pobj      5
,         ,         PUNCT punct     4
according accord    VERB  prep      4
to        to        ADP   prep      11
data      datum     NOUN  pobj      12
provided  provide   VERB  acl       13
by        by        ADP   agent     14
the       the       DET   det       18
health    health    NOUN  compound  18
ministry  ministry  NOUN  pobj      15
.         .         PUNCT punct     4
"""


def test_killed_in_a_war_its_words_say_who_waged_is_an_event_of_theirs_not_an_allegation():
    doc, article, actors = setup(WAR_TOLL, {(1, 2): "Group", (6, 7): "State", (17, 19): "Organization"})
    statements = list(extract_statements(doc, article, actors))
    assert [actors[st.speaker_mention].label for st in statements] == ["health ministry"]  # not "data"
    allegations = list(extract_allegations(doc, article, actors, statements))
    assert allegations == []  # a war's toll reported, no wrong alleged
    (killing,) = [e for e in extract_events(doc, article, actors, statements, allegations)]
    assert labels(killing.agents, actors) == ["Israel"] and killing.event_type == "killing"
    assert killing.casualties[0].count == 50


THEY_KILLED = """
“         “         PUNCT punct     8
They      they      PRON  nsubj     2
killed    kill      VERB  ccomp     8
two       two       NUM   nummod    4
guards    guard     NOUN  dobj      2
,         ,         PUNCT punct     8
”         ”         PUNCT punct     8
Maduro    Maduro    PROPN nsubj     8
said      say       VERB  ROOT      8
.         .         PUNCT punct     8
"""


def test_a_persons_they_is_not_the_person_a_groups_they_is_the_group():
    doc, article, actors = setup(THEY_KILLED, {(7, 8): "Person"})
    statements = list(extract_statements(doc, article, actors))
    (killing,) = extract_events(doc, article, actors, statements, [])
    assert statements and killing.agents == ()
    doc, article, actors = setup(THEY_KILLED.replace("Maduro    Maduro    PROPN", "Hamas     Hamas     PROPN"),
                                 {(7, 8): "ArmedGroup"})
    statements = list(extract_statements(doc, article, actors))
    (killing,) = extract_events(doc, article, actors, statements, [])
    assert labels(killing.agents, actors) == ["Hamas"]


IS_ATTACKS = """
Fighters  fighter   NOUN  nsubjpass 2
were      be        AUX   auxpass   2
killed    kill      VERB  ROOT      2
in        in        ADP   prep      2
IS        be        AUX   pobj      3
attacks   attack    NOUN  attr      4
.         .         PUNCT punct     2
"""


def test_killed_in_attacks_the_parser_hangs_on_the_attackers_name_are_theirs():
    doc, article, actors = setup(IS_ATTACKS, {(0, 1): "Group", (4, 5): "ArmedGroup"})
    killings = [e for e in extract_events(doc, article, actors, [], []) if e.event_type == "killing"]
    assert [labels(e.agents, actors) for e in killings] == [["IS"]]


NAMED_GROUP = """
The       the       DET   det       4
"         "         PUNCT punct     4
Islamic   Islamic   PROPN nmod      3
State     State     PROPN nmod      4
group     group     NOUN  nsubj     5
killed    kill      VERB  ROOT      5
130       130       NUM   nummod    7
people    people    NOUN  dobj      5
.         .         PUNCT punct     5
"""


def test_the_name_a_groups_noun_is_modified_by_is_the_agent():
    doc, article, actors = setup(NAMED_GROUP, {(2, 4): "ArmedGroup"})
    (killing,) = [e for e in extract_events(doc, article, actors, [], []) if e.event_type == "killing"]
    assert labels(killing.agents, actors) == ["Islamic State"] and killing.casualties[0].count == 130


QUOTE_OPENED_WITH_A_SPACE = """
“         “         PUNCT punct     3
The       the       DET   det       2
army      army      NOUN  nsubj     3
fought    fight     VERB  ROOT      3
.         .         PUNCT punct     3
We        we        PRON  nsubj     6
won       win       VERB  ccomp     9
”         ”         PUNCT punct     9
it        it        PRON  nsubj     9
said      say       VERB  ROOT      9
.         .         PUNCT punct     9
"""


def test_a_quote_opened_with_a_space_before_a_pronouns_cue_breaks_nothing():
    # the quotation starts at the space after its mark, where no token begins
    doc, article, actors = setup(QUOTE_OPENED_WITH_A_SPACE, {(2, 3): "ArmedGroup"})
    assert doc.text.startswith("“ The army")
    statements = list(extract_statements(doc, article, actors))
    assert all(st.cue == "said" for st in statements)


THEY_WERE_RESPONSIBLE = """
A         a         DET   det       1
bomber    bomber    NOUN  nsubj     2
killed    kill      VERB  ROOT      2
six       six       NUM   nummod    4
soldiers  soldier   NOUN  dobj      2
.         .         PUNCT punct     2
Mujahid   Mujahid   PROPN nsubj     13
,         ,         PUNCT punct     6
the       the       DET   det       9
spokesperson spokesperson NOUN appos 6
for       for       ADP   prep      9
the       the       DET   det       12
Taliban   Taliban   PROPN pobj      10
claimed   claim     VERB  ROOT      13
they      they      PRON  nsubj     15
were      be        AUX   ccomp     13
responsible responsible ADJ acomp   15
.         .         PUNCT punct     13
"""


def test_a_spokesman_claiming_they_were_responsible_names_his_group_the_agent():
    doc, article, actors = setup(THEY_WERE_RESPONSIBLE, {(6, 7): "Person", (12, 13): "ArmedGroup"})
    (killing,) = [e for e in extract_events(doc, article, actors, [], []) if e.event_type == "killing"]
    assert labels(killing.agents, actors) == ["Taliban"] and killing.rule.endswith("+responsibility")


FIGHTING_BETWEEN = """
UNMISS    UNMISS    PROPN nsubj     1
received  receive   VERB  ROOT      1
reports   report    NOUN  dobj      1
of        of        ADP   prep      2
fighting  fighting  NOUN  pobj      3
in        in        ADP   prep      4
the       the       DET   det       7
area      area      NOUN  pobj      5
between   between   ADP   prep      7
M23       M23       PROPN pobj      8
and       and       CCONJ cc        9
Mai-Mai   Mai-Mai   PROPN conj      9
.         .         PUNCT punct     1
"""


def test_fighting_between_two_sides_is_their_clash_not_the_reporters():
    doc, article, actors = setup(FIGHTING_BETWEEN, {(0, 1): "Organization", (9, 10): "ArmedGroup",
                                                    (11, 12): "ArmedGroup"})
    (clash,) = [e for e in extract_events(doc, article, actors, [], []) if e.cue == "fighting"]
    assert clash.event_type == "armed-clash" and labels(clash.agents, actors) == ["M23", "Mai-Mai"]
    one_side = FIGHTING_BETWEEN.replace("CCONJ cc        9", "CCONJ cc        1")
    one_side = one_side.replace("PROPN conj      9", "PROPN conj      1")  # one side only
    doc, article, actors = setup(one_side, {(0, 1): "Organization", (9, 10): "ArmedGroup"})
    assert [e for e in extract_events(doc, article, actors, [], []) if e.cue == "fighting"] == []


BURNED_THEM = """
Soldiers  soldier   NOUN  nsubj     1
bound     bind      VERB  ROOT      1
11        11        NUM   nummod    3
villagers villager  NOUN  dobj      1
and       and       CCONJ cc        1
burned    burn      VERB  conj      1
them      they      PRON  dobj      5
alive     alive     ADJ   oprd      5
.         .         PUNCT punct     1
"""


def test_them_killed_in_a_joined_clause_are_those_the_first_verb_counts():
    doc, article, actors = setup(BURNED_THEM, {(0, 1): "ArmedGroup", (3, 4): "Group"})
    (killing,) = [e for e in extract_events(doc, article, actors, [], []) if e.cue == "burned"]
    assert killing.casualties[0].count == 11 and labels(killing.agents, actors) == ["Soldiers"]


GUNMEN_FROM_THE_GROUP = """
Shabaab   Shabaab   PROPN nsubj     1
struck    strike    VERB  ROOT      1
.         .         PUNCT punct     1
Gunmen    gunman    NOUN  nsubj     7
from      from      ADP   prep      3
the       the       DET   det       6
group     group     NOUN  pobj      4
killed    kill      VERB  ROOT      7
three     three     NUM   nummod    9
policemen policeman NOUN  dobj      7
.         .         PUNCT punct     7
"""


def test_gunmen_from_the_group_are_the_group_last_named():
    doc, article, actors = setup(GUNMEN_FROM_THE_GROUP, {(0, 1): "ArmedGroup"})
    (killing,) = [e for e in extract_events(doc, article, actors, [], []) if e.cue == "killed"]
    assert labels(killing.agents, actors) == ["Shabaab"] and killing.casualties[0].count == 3


ATTACKS_ON = """
Soldiers  soldier   NOUN  nsubj     1
came      come      VERB  ROOT      1
after     after     ADP   prep      1
bomb      bomb      NOUN  compound  4
attacks   attack    NOUN  pobj      2
on        on        ADP   prep      4
a         a         DET   det       8
military  military  ADJ   amod      8
convoy    convoy    NOUN  pobj      5
.         .         PUNCT punct     1
"""


def test_attacks_on_something_no_one_is_said_to_have_made_are_told_the_attack_on_it_is_not_again():
    doc, article, actors = setup(ATTACKS_ON, {(0, 1): "Group"})
    found = [e for e in extract_events(doc, article, actors, [], []) if e.cue == "attacks"]
    assert [(e.event_type, e.agents) for e in found] == [("attack", ())]
    definite = ATTACKS_ON.replace("bomb      bomb      NOUN  compound  4", "the       the       DET   det       4")
    doc, article, actors = setup(definite.replace("attacks   attack    NOUN", "attack    attack    NOUN"),
                                 {(0, 1): "Group"})
    assert [e for e in extract_events(doc, article, actors, [], []) if e.cue == "attack"] == []


THE_ALLIANCE = """
The       the       DET   det       2
Saudi-led Saudi-led ADJ   amod      2
coalition coalition NOUN  nsubj     3
struck    strike    VERB  ROOT      3
.         .         PUNCT punct     3
The       the       DET   det       6
alliance  alliance  NOUN  nsubj     7
killed    kill      VERB  ROOT      7
Samad     Samad     PROPN dobj      7
.         .         PUNCT punct     7
"""


def test_the_alliance_that_killed_is_the_coalition_named_before():
    doc, article, actors = setup(THE_ALLIANCE, {(1, 3): "ArmedGroup", (8, 9): "Person"}, )
    (killing,) = [e for e in extract_events(doc, article, actors, [], []) if e.cue == "killed"]
    assert labels(killing.agents, actors) == ["Saudi-led coalition"]


RUNNING_TOTAL = """
Thousands thousand  NOUN  nsubj     2
have      have      AUX   aux       2
died      die       VERB  ROOT      2
and       and       CCONJ cc        2
millions  million   NOUN  nsubjpass 7
have      have      AUX   aux       7
been      be        AUX   auxpass   7
displaced displace  VERB  conj      2
since     since     ADP   prep      7
the       the       DET   det       10
start     start     NOUN  pobj      8
.         .         PUNCT punct     2
"""


def test_a_toll_counted_since_a_time_with_no_one_named_is_a_running_total_not_an_event():
    doc, article, actors = setup(RUNNING_TOTAL, {})
    assert [e for e in extract_events(doc, article, actors, [], []) if e.cue == "died"] == []
    doc, article, actors = setup(RUNNING_TOTAL.replace("since     since ", "during   during "), {})
    assert [e.cue for e in extract_events(doc, article, actors, [], [])] == ["died"]


HEADLINE_TWO = """
Shelling  shelling  NOUN  nsubj     1
kills     kill      VERB  ROOT      1
two       two       NUM   nummod    3
civilians civilian  NOUN  dobj      1
.         .         PUNCT punct     1
Russian   Russian   ADJ   amod      6
forces    force     NOUN  nsubj     7
killed    kill      VERB  ROOT      7
two       two       NUM   nummod    9
civilians civilian  NOUN  dobj      7
.         .         PUNCT punct     7
"""


def test_a_small_toll_the_headline_tells_is_the_bodys_incident():
    doc, article, actors = setup(HEADLINE_TWO, {(5, 7): "ArmedGroup"})
    sentences = list(doc.sents)
    assert sentences[0].start_char == 0
    killings = [e for e in extract_events(doc, article, actors, [], []) if e.event_type == "killing"]
    assert [labels(e.agents, actors) for e in killings] == [["Russian forces"], ["Russian forces"]]
    assert killings[0].rule.endswith("+incident")


IF_RATIFIES = """
If        if        SCONJ mark      2
Syria     Syria     PROPN nsubj     2
ratifies  ratify    VERB  advcl     6
the       the       DET   det       4
treaty    treaty    NOUN  dobj      2
,         ,         PUNCT punct     6
we        we        PRON  nsubj     6
win       win       VERB  ROOT      6
.         .         PUNCT punct     6
"""


def test_a_deed_in_a_condition_or_denied_is_no_event():
    doc, article, actors = setup(IF_RATIFIES, {(1, 2): "State"})
    assert [e for e in extract_events(doc, article, actors, [], []) if e.cue == "ratifies"] == []
    told = IF_RATIFIES.replace("If        if        SCONJ mark      2", "Then      then      ADV   advmod    2")
    doc, article, actors = setup(told, {(1, 2): "State"})
    assert [e.cue for e in extract_events(doc, article, actors, [], []) if e.cue == "ratifies"] == ["ratifies"]


FLED = """
Thousands thousand  NOUN  nsubj     2
have      have      AUX   aux       2
fled      flee      VERB  ROOT      2
their     their     PRON  poss      4
homes     home      NOUN  dobj      2
.         .         PUNCT punct     2
The       the       DET   det       7
attack    attack    NOUN  nsubj     8
caused    cause     VERB  ROOT      8
displacement displacement NOUN dobj 8
.         .         PUNCT punct     8
They      they      PRON  nsubj     12
fled      flee      VERB  ROOT      12
.         .         PUNCT punct     12
"""


def test_people_who_fled_their_homes_and_displacement_caused_are_displacements_a_flight_alone_is_not():
    doc, article, actors = setup(FLED, {})
    found = [(e.cue, e.event_type, e.agents) for e in extract_events(doc, article, actors, [], [])
             if e.event_type == "displacement"]
    assert found == [("fled", "displacement", ()), ("displacement", "displacement", ())]


KILLING_BY = """
The       the       DET   det       1
kidnapping kidnapping NOUN nsubj    9
and       and       CCONJ cc        1
killing   killing   NOUN  conj      1
of        of        ADP   prep      1
three     three     NUM   nummod    6
teenagers teenager  NOUN  pobj      4
by        by        ADP   prep      1
Hamas     Hamas     PROPN pobj      7
started   start     VERB  ROOT      9
the       the       DET   det       11
war       war       NOUN  dobj      9
.         .         PUNCT punct     9
The       the       DET   det       14
US        US        PROPN nsubj     15
condemned condemn   VERB  ROOT      15
the       the       DET   det       17
killing   killing   NOUN  dobj      15
.         .         PUNCT punct     15
"""


def test_a_killing_by_someone_is_their_event_a_killing_condemned_is_not_the_condemners():
    doc, article, actors = setup(KILLING_BY, {(8, 9): "ArmedGroup", (14, 15): "State"})
    found = [(e.cue, e.event_type, labels(e.agents, actors), [c.count for c in e.casualties])
             for e in extract_events(doc, article, actors, [], []) if e.rule == "event:noun"]
    assert found == [("kidnapping", "abduction", ["Hamas"], []), ("killing", "killing", ["Hamas"], [3])]


CARRIED_OUT = """
Salman    Salman    PROPN compound  1
Abedi     Abedi     PROPN nsubj     11
,         ,         PUNCT punct     1
the       the       DET   det       5
British   British   PROPN compound  5
Libyan    Libyan    ADJ   appos     1
who       who       PRON  nsubj     7
carried   carry     VERB  relcl     5
out       out       ADP   prt       7
the       the       DET   det       10
bombing   bombing   NOUN  dobj      7
died      die       VERB  ROOT      11
.         .         PUNCT punct     11
"""


def test_carrying_out_a_bombing_is_a_bombing_by_the_named_man_the_relative_clause_is_said_of():
    doc, article, actors = setup(CARRIED_OUT, {(0, 2): "Person", (4, 5): "State"})
    (bombing,) = [e for e in extract_events(doc, article, actors, [], []) if e.cue == "carried"]
    assert bombing.event_type == "bombing" and labels(bombing.agents, actors) == ["Salman Abedi"]


COMPOUND_CHAIN = """
the       the       DET   det       4
SPLA-IO   SPLA-IO   PROPN compound  2
Anyanya   Anyanya   PROPN compound  3
division  division  NOUN  compound  4
forces    force     NOUN  nsubj     5
ambushed  ambush    VERB  ROOT      5
them      they      PRON  dobj      5
.         .         PUNCT punct     5
"""


def test_a_name_deep_in_a_chain_of_compounds_is_the_agent():
    doc, article, actors = setup(COMPOUND_CHAIN, {(1, 2): "ArmedGroup", (2, 3): "Place"})
    (ambush,) = [e for e in extract_events(doc, article, actors, [], []) if e.cue == "ambushed"]
    assert labels(ambush.agents, actors) == ["SPLA-IO"]


GO_ON = """
Kerry     Kerry     PROPN nsubj     1
said      say       VERB  ROOT      1
the       the       DET   det       3
talks     talk      NOUN  nsubj     5
would     would     AUX   aux       5
go        go        VERB  ccomp     1
on        on        ADP   prt       5
.         .         PUNCT punct     1
"""


def test_a_clause_ending_with_its_verbs_particle_is_said():
    doc, article, actors = setup(GO_ON, {(0, 1): "Person"})
    assert [st.content for st in extract_statements(doc, article, actors)] == ["the talks would go on"]
    stranded = GO_ON.replace("on        on        ADP   prt       5", "for       for       ADP   prep      5")
    doc, article, actors = setup(stranded, {(0, 1): "Person"})
    assert [st.content for st in extract_statements(doc, article, actors)] == []


WHETHER_BEHIND = """
Monitors  monitor   NOUN  nsubj     1
said      say       VERB  ROOT      1
they      they      PRON  nsubj     5
could     could     AUX   aux       5
not       not       PART  neg       5
determine determine VERB  ccomp     1
whether   whether   SCONJ mark      9
Russia    Russia    PROPN nsubj     9
was       be        AUX   aux       9
behind    behind    ADP   ccomp     5
it        it        PRON  pobj      9
.         .         PUNCT punct     1
"""


def test_a_wrong_said_in_doubt_accuses_no_one():
    doc, article, actors = setup(WHETHER_BEHIND.replace("behind    behind    ADP   ccomp     5",
                                                        "bombed    bomb      VERB  ccomp     5"),
                                 {(0, 1): "Group", (7, 8): "State"})
    statements = list(extract_statements(doc, article, actors))
    assert statements and [a for a in extract_allegations(doc, article, actors, statements)
                           if a.rule == "allegation:reported-claim"] == []
    told = WHETHER_BEHIND.replace("whether   whether   SCONJ mark      9", "that      that      SCONJ mark      9")
    told = told.replace("not       not       PART  neg       5", "also      also      ADV   advmod    5")
    told = told.replace("behind    behind    ADP   ccomp     5", "bombed    bomb      VERB  ccomp     5")
    doc, article, actors = setup(told, {(0, 1): "Group", (7, 8): "State"})
    statements = list(extract_statements(doc, article, actors))
    found = [a for a in extract_allegations(doc, article, actors, statements) if a.rule == "allegation:reported-claim"]
    assert found and all(labels(a.accused, actors) == ["Russia"] for a in found)


TALKS_TWICE = """
Kerry     Kerry     PROPN nsubj     1
met       meet      VERB  ROOT      1
Lavrov    Lavrov    PROPN dobj      1
in        in        ADP   prep      1
Geneva    Geneva    PROPN pobj      3
.         .         PUNCT punct     1
Turkish   turkish   ADJ   amod      7
rebels    rebel     NOUN  nsubj     8
met       meet      VERB  ROOT      8
.         .         PUNCT punct     8
"""


def _event(kind, agents, places=(), start=0):
    from kg.records import Event, Sentence
    s = Sentence("t", 0, 10, "x")
    return Event("t", kind, "met", start, start, start + 3, tuple(agents), (), (), tuple(places), None, (), None, s,
                 "event:verb", 0.6)


def test_reports_of_one_event_by_a_state_and_its_officials_are_one_event():
    from kg.records import Actor, Mention, Sentence
    from kg.resolve.events import merge_reports
    s = Sentence("t", 0, 10, "x")
    kerry, us, rebels, turkey, geneva, kyiv = (Mention("t", i, i + 1, n, "x", "test", s, 0.8)
                                               for i, n in enumerate("Kerry US rebels Turkey Geneva Kyiv".split()))
    actors = {kerry: Actor("kerry", "Kerry", "Person", code="USAGOV"), us: Actor("us", "US", "State", code="USA"),
              rebels: Actor("turkish rebels", "rebels", "ArmedGroup", code="TURREB"),
              turkey: Actor("turkey", "Turkey", "State", code="TUR"),
              geneva: Actor("geneva", "Geneva", "Place"), kyiv: Actor("kyiv", "Kyiv", "Place")}
    merged = merge_reports([_event("negotiation", [kerry], [geneva], 0), _event("negotiation", [us], [], 5)], actors)
    assert len(merged) == 1 and merged[0].agents == (kerry, us) and merged[0].places == (geneva,)
    assert merged[0].rule == "event:verb+reports"
    # another place, another kind, or a state's rebels rather than its government: two events
    assert len(merge_reports([_event("negotiation", [kerry], [geneva]), _event("negotiation", [us], [kyiv], 5)],
                             actors)) == 2
    assert len(merge_reports([_event("negotiation", [kerry]), _event("praise", [us], [], 5)], actors)) == 2
    assert len(merge_reports([_event("attack", [turkey]), _event("attack", [rebels], [], 5)], actors)) == 2
    assert len(merge_reports([_event("killing", []), _event("killing", [], [], 5)], actors)) == 2


PARTICIPLE = """
Six       six       NUM   nummod    1
soldiers  soldier   NOUN  nsubjpass 3
were      be        AUX   auxpass   3
killed    kill      VERB  ROOT      3
with      with      ADP   prep      3
an        an        DET   det       6
Afghan    Afghan    PROPN pobj      4
injured   injure    VERB  advcl     3
.         .         PUNCT punct     3
"""


def test_a_passive_participle_takes_no_subject_from_its_clause():
    from kg.extract.syntax import subjects_of
    doc = parse(PARTICIPLE)
    doc[7].tag_ = "VBN"
    assert subjects_of(doc[7]) == []
    # a present participle is its clause subject's act ("..., leaving six dead")
    doc = parse(PARTICIPLE.replace("injured   injure    VERB  advcl", "fleeing   flee      VERB  advcl"))
    doc[7].tag_ = "VBG"
    assert [t.text for t in subjects_of(doc[7])] == ["soldiers"]
    doc = parse(TALKS_TWICE)
    assert [t.text for t in subjects_of(doc[1])] == ["Kerry"]


STRIKES = """
Saudi     Saudi     PROPN compound  1
strike    strike    NOUN  nsubj     2
kills     kill      VERB  ROOT      2
Samad     Samad     PROPN dobj      2
.         .         PUNCT punct     2
Strikes   strike    NOUN  nsubj     6
killed    kill      VERB  ROOT      6
six       six       NUM   nummod    8
others    other     NOUN  dobj      6
.         .         PUNCT punct     6
"""


def test_an_air_strike_with_no_agent_is_the_one_party_the_articles_air_strikes_name():
    doc, article, actors = setup(STRIKES, {(0, 1): "State", (3, 4): "Person", (8, 9): "Group"})
    found = list(extract_events(doc, article, actors, [], []))
    later = [e for e in found if e.cue_start >= doc[5].idx]
    assert {e.event_type for e in later} == {"air-strike", "killing"}
    assert all(labels(e.agents, actors) == ["Saudi Arabia"] and e.rule.endswith("+means") for e in later)
    # two parties' strikes in the article: the agentless one stays without
    doc, article, actors = setup(STRIKES.replace("Samad     Samad     PROPN dobj", "Houthis   Houthis   PROPN dobj")
                                 + "Houthi    Houthi    PROPN compound  11\nstrikes   strike    NOUN  nsubj     12\n"
                                   "hit       hit       VERB  ROOT      12\nthem      they      PRON  dobj      12\n",
                                 {(0, 1): "State", (3, 4): "ArmedGroup", (8, 9): "Group", (10, 11): "ArmedGroup"})
    found = list(extract_events(doc, article, actors, [], []))
    assert not any(e.rule.endswith("+means") for e in found)


VENUE = """
The         the         DET   det      2
Rolando     Rolando     PROPN compound 2
bombing     bombing     NOUN  nsubj    3
killed      kill        VERB  ROOT     3
13          13          NUM   dobj     3
.           .           PUNCT punct    3
Rebels      rebel       NOUN  nsubj    7
had         have        VERB  ROOT     7
the         the         DET   det      9
opportunity opportunity NOUN  dobj     7
to          to          PART  aux      11
attack      attack      VERB  acl      9
the         the         DET   det      13
minister    minister    NOUN  dobj     11
.           .           PUNCT punct    7
"""


def test_an_unknown_organisation_before_an_attack_noun_is_where_it_struck_not_who():
    doc, article, actors = setup(VENUE, {(1, 2): "Organization", (6, 7): "ArmedGroup", (13, 14): "Person"})
    found = list(extract_events(doc, article, actors, [], []))
    assert [(e.event_type, labels(e.agents, actors)) for e in found] == [("bombing", []), ("killing", [])]
    doc, article, actors = setup(VENUE, {(1, 2): "ArmedGroup", (6, 7): "ArmedGroup", (13, 14): "Person"})
    found = list(extract_events(doc, article, actors, [], []))
    assert [(e.event_type, labels(e.agents, actors)) for e in found] == [("bombing", ["Rolando"]),
                                                                         ("killing", ["Rolando"])]


def test_the_infinitive_of_a_noun_is_no_deed():
    from kg.extract.cameo_verbs import extract_coded_events
    doc, article, actors = setup(VENUE, {(1, 2): "ArmedGroup", (6, 7): "ArmedGroup", (13, 14): "Person"})
    assert not any(e.cue == "attack" for e in extract_events(doc, article, actors, [], []))
    assert not any(e.cue == "attack" for e in extract_coded_events(doc, article, actors, [], [], [], []))
    doc, article, actors = setup(VENUE.replace("attack      attack      VERB  acl      9",
                                               "attack      attack      VERB  conj     7"),
                                 {(1, 2): "ArmedGroup", (6, 7): "ArmedGroup", (13, 14): "Person"})
    assert any(e.cue == "attack" for e in extract_events(doc, article, actors, [], []))


THREATENED = """
The       the       DET   det       1
Taliban   Taliban   PROPN nsubj     2
threatened threaten VERB  ROOT      2
to        to        PART  aux       4
attack    attack    VERB  xcomp     2
and       and       CCONJ cc        4
kill      kill      VERB  conj      4
U.S.      U.S.      PROPN compound  8
troops    troop     NOUN  dobj      6
.         .         PUNCT punct     2
"""


def test_an_act_a_threat_or_an_intent_only_announces_is_no_event():
    doc, article, actors = setup(THREATENED, {(1, 2): "ArmedGroup", (7, 9): "ArmedGroup"})
    assert [e.cue for e in extract_events(doc, article, actors, [], [])] == []
    told = THREATENED.replace("threatened threaten", "went       go       ")
    doc, article, actors = setup(told, {(1, 2): "ArmedGroup", (7, 9): "ArmedGroup"})
    assert "kill" in {e.cue for e in extract_events(doc, article, actors, [], [])}  # told: an event


def test_a_description_of_two_nouns_sharing_its_determiner_is_the_named_group_but_a_list_is_not():
    from dataclasses import replace

    from kg.resolve.actors import resolve_in_article
    text = "Hezbollah, the Iranian-backed militia and political Lebanese group, fired rockets."
    found = _mentions(text, [("Hezbollah", "ArmedGroup"), ("Iranian-backed militia", "ArmedGroup")])
    found = [found[0], replace(found[1], rule="ruler:patronage")]
    actors = resolve_in_article(found)
    assert actors[found[1]] is actors[found[0]] and actors[found[0]].label == "Hezbollah"
    text = "Hamas, the army and police, fired rockets."
    found = _mentions(text, [("Hamas", "ArmedGroup"), ("army", "ArmedGroup"), ("police", "ArmedGroup")])
    found = [found[0], *(replace(m, rule="ruler:armed-group") for m in found[1:])]
    actors = resolve_in_article(found)
    assert actors[found[1]] is not actors[found[0]]


def test_a_generic_headed_by_a_name_follows_that_name_where_it_is_bound_to_a_fuller_one():
    from dataclasses import replace

    from kg.resolve.actors import resolve_in_article
    text = "The Rapid Support Forces attacked. Witnesses said RSF fighters looted the market."
    found = _mentions(text, [("Rapid Support Forces", "ArmedGroup"), ("RSF", "ArmedGroup"),
                             ("fighters", "ArmedGroup")])
    found = [*found[:2], replace(found[2], rule="ruler:armed-group")]
    actors = resolve_in_article(found)
    assert actors[found[2]] is actors[found[1]] is actors[found[0]]
    assert actors[found[0]].label == "Rapid Support Forces" and "fighters" not in actors[found[0]].aliases
