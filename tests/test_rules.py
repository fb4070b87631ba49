"""The rules of the claims, events, affiliations and coreference extractors on small hand-built Docs (no model),
as spaCy's own tests/pipeline do: each sentence's parse is written out, so a rule is tested on the parse it was
written for, whatever a model would give."""

from __future__ import annotations

from spacy.lang.en import English
from spacy.tokens import Doc

from kg.extract.affiliations import extract_affiliations
from kg.extract.claims import extract_allegations, extract_denials
from kg.extract.coreference import resolve_nominals
from kg.extract.events import extract_events
from kg.extract.statements import extract_statements
from kg.extract.syntax import sentence_of
from kg.records import Affiliation, Article, Mention
from kg.resolve.actors import resolve_in_article

_GLUED = {".", ",", "'s", "’s", ":", ";"}
#: English lexical attributes (lower case, numbers, punctuation) for the words; no model.
VOCAB = English().vocab


def parse(table: str) -> Doc:
    """A Doc from one token a line: ``word lemma POS dep head [entity]``, ``head`` the index of the head token
    (its own index for the root), ``entity`` an IOB tag such as ``B-PERSON``."""
    rows = [line.split() for line in table.strip().splitlines()]
    words = [r[0] for r in rows]
    spaces = [i + 1 < len(words) and words[i + 1] not in _GLUED for i in range(len(words))]
    return Doc(VOCAB, words=words, spaces=spaces, lemmas=[r[1] for r in rows], pos=[r[2] for r in rows],
               deps=[r[3] for r in rows], heads=[int(r[4]) for r in rows],
               ents=[r[5] if len(r) > 5 else "O" for r in rows])


def mentions(doc: Doc, article: Article, spans: dict[tuple[int, int], str], rule: str = "test") -> list[Mention]:
    """Mentions of the token spans ``(start, end)``, each of the type given."""
    found = []
    for (start, end), entity_type in spans.items():
        span = doc[start:end]
        found.append(Mention(article.article_id, span.start_char, span.end_char, span.text, entity_type, rule,
                             sentence_of(span, article), 0.7))
    return sorted(found, key=lambda m: m.start)


def setup(table: str, spans: dict[tuple[int, int], str], date: str | None = None):
    doc = parse(table)
    article = Article("t", doc.text, date=date)
    actors = resolve_in_article(mentions(doc, article, spans))
    return doc, article, actors


def labels(found, actors) -> list[str]:
    return [actors[m].label for m in found]


# --- claims: allegations ---------------------------------------------------------------------------------------

ACCUSED_OF = """
HRW        HRW       PROPN nsubj 1
accused    accuse    VERB  ROOT  1
Syria      Syria     PROPN dobj  1
of         of        ADP   prep  1
using      use       VERB  pcomp 3
chemical   chemical  ADJ   amod  6
weapons    weapon    NOUN  dobj  4
.          .         PUNCT punct 1
"""


def test_a_verb_of_accusing_gives_accuser_accused_and_act():
    doc, article, actors = setup(ACCUSED_OF, {(0, 1): "Organization", (2, 3): "State"})
    (al,) = extract_allegations(doc, article, actors, [])
    assert actors[al.accuser].label == "HRW" and labels(al.accused, actors) == ["Syria"]
    assert al.act == "using chemical weapons" and al.act_type == "chemical-attack"
    assert al.rule == "allegation:accusation-verb" and al.confidence == 0.7
    assert doc.text[al.start:al.end] == "of using chemical weapons"


def test_no_allegation_without_an_act():
    doc, article, actors = setup("""
HRW        HRW       PROPN nsubj 1
accused    accuse    VERB  ROOT  1
Syria      Syria     PROPN dobj  1
.          .         PUNCT punct 1
""", {(0, 1): "Organization", (2, 3): "State"})
    assert list(extract_allegations(doc, article, actors, [])) == []


def test_a_passive_accusation_takes_its_accuser_from_the_agent():
    doc, article, actors = setup("""
Syria      Syria     PROPN nsubjpass 2
was        be        AUX   auxpass   2
accused    accuse    VERB  ROOT      2
by         by        ADP   agent     2
HRW        HRW       PROPN pobj      3
of         of        ADP   prep      2
shelling   shell     VERB  pcomp     5
villages   village   NOUN  dobj      6
.          .         PUNCT punct     2
""", {(0, 1): "State", (4, 5): "Organization"})
    (al,) = extract_allegations(doc, article, actors, [])
    assert actors[al.accuser].label == "HRW" and labels(al.accused, actors) == ["Syria"]
    assert al.act == "shelling villages"


def test_a_report_accusing_is_its_authors_allegation():
    doc, article, actors = setup("""
HRW        HRW       PROPN nsubj 1
published  publish   VERB  ROOT  1
a          a         DET   det   3
report     report    NOUN  dobj  1
accusing   accuse    VERB  acl   3
Turkey     Turkey    PROPN dobj  4
of         of        ADP   prep  4
shelling   shell     VERB  pcomp 6
villages   village   NOUN  dobj  7
.          .         PUNCT punct 1
""", {(0, 1): "Organization", (5, 6): "State"})
    (al,) = extract_allegations(doc, article, actors, [])
    assert actors[al.accuser].label == "HRW" and labels(al.accused, actors) == ["Turkey"]
    assert al.rule == "allegation:report-accusing"


def test_holding_responsible_accuses_but_holding_talks_does_not():
    responsible = """
Russia     Russia    PROPN nsubj 1
held       hold      VERB  ROOT  1
Syria      Syria     PROPN dobj  1
responsible responsible ADJ oprd 1
for        for       ADP   prep  1
the        the       DET   det   6
massacre   massacre  NOUN  pobj  4
.          .         PUNCT punct 1
"""
    doc, article, actors = setup(responsible, {(0, 1): "State", (2, 3): "State"})
    (al,) = extract_allegations(doc, article, actors, [])
    assert labels(al.accused, actors) == ["Syria"] and al.act == "the massacre"
    talks = responsible.replace("responsible responsible ADJ oprd 1", "talks      talk      NOUN  oprd  1")
    doc, article, actors = setup(talks, {(0, 1): "State", (2, 3): "State"})
    assert list(extract_allegations(doc, article, actors, [])) == []


CLAIM = """
Berri      Berri     PROPN nsubj 1
said       say       VERB  ROOT  1
that       that      SCONJ mark  5
the        the       DET   det   4
army       army      NOUN  nsubj 5
used       use       VERB  ccomp 1
chlorine   chlorine  NOUN  dobj  5
.          .         PUNCT punct 1
"""


def claims_in(table: str, spans: dict[tuple[int, int], str]):
    doc, article, actors = setup(table, spans)
    statements = list(extract_statements(doc, article, actors))
    return list(extract_allegations(doc, article, actors, statements)), statements, actors


def test_a_reported_claim_of_wrongdoing_accuses_the_clauses_subject():
    found, (st,), actors = claims_in(CLAIM, {(0, 1): "Person", (3, 5): "ArmedGroup"})
    (al,) = found
    assert actors[al.accuser].label == "Berri" and labels(al.accused, actors) == ["the army"]
    assert al.act_type == "chemical-attack" and al.rule == "allegation:reported-claim"
    assert al.confidence == min(st.confidence, 0.6) and al.cue == "said"


def test_a_negated_claim_accuses_no_one():
    negated = CLAIM.replace("used       use       VERB  ccomp 1", "use        use       VERB  ccomp 1")
    rows = negated.strip().splitlines()
    rows[5:5] = ["did did AUX aux 7", "not not PART neg 7"]
    # the clause's head moves two tokens on: renumber the heads that pointed past the insertion
    table = "\n".join(rows).replace("mark  5", "mark  7").replace("nsubj 5", "nsubj 7").replace("dobj  5", "dobj  7")
    found, statements, _ = claims_in(table, {(0, 1): "Person", (3, 5): "ArmedGroup"})
    assert len(statements) == 1 and found == []


def test_killing_fighters_is_combat_not_an_accusation():
    combat = """
Manar      Manar     PROPN nsubj 1
reported   report    VERB  ROOT  1
that       that      SCONJ mark  5
the        the       DET   det   4
army       army      NOUN  nsubj 5
killed     kill      VERB  ccomp 1
70         70        NUM   nummod 7
fighters   fighter   NOUN  dobj  5
.          .         PUNCT punct 1
"""
    spans = {(0, 1): "Media", (3, 5): "ArmedGroup"}
    found, statements, _ = claims_in(combat, spans)
    assert len(statements) == 1 and found == []
    civilians = combat.replace("fighters   fighter", "civilians  civilian")
    found, _, actors = claims_in(civilians, spans)
    assert [al.act_type for al in found] == ["killing"]


# --- claims: denials -------------------------------------------------------------------------------------------


def test_a_denial_defends_the_party_the_accusations_are_against():
    doc, article, actors = setup("""
Cavusoglu  Cavusoglu PROPN nsubj 1
rejected   reject    VERB  ROOT  1
the        the       DET   det   3
accusations accusation NOUN dobj 1
against    against   ADP   prep  3
Turkey     Turkey    PROPN pobj  4
.          .         PUNCT punct 1
""", {(0, 1): "Person", (5, 6): "State"})
    (dn,) = extract_denials(doc, article, actors)
    assert actors[dn.denier].label == "Cavusoglu" and labels(dn.defended, actors) == ["Turkey"]
    assert dn.rule == "denial:verb" and dn.confidence == 0.7 and dn.act_type is None


def test_rejecting_what_is_no_accusation_is_no_denial():
    doc, article, actors = setup("""
Kerry      Kerry     PROPN nsubj 1
rejected   reject    VERB  ROOT  1
the        the       DET   det   3
proposal   proposal  NOUN  dobj  1
.          .         PUNCT punct 1
""", {(0, 1): "Person"})
    assert list(extract_denials(doc, article, actors)) == []


def test_a_denied_clause_defends_its_doer_and_names_the_act():
    doc, article, actors = setup("""
Russia     Russia    PROPN nsubj 1
denied     deny      VERB  ROOT  1
that       that      SCONJ mark  4
Syria      Syria     PROPN nsubj 4
used       use       VERB  ccomp 1
chemical   chemical  ADJ   amod  6
weapons    weapon    NOUN  dobj  4
.          .         PUNCT punct 1
""", {(0, 1): "State", (3, 4): "State"})
    (dn,) = extract_denials(doc, article, actors)
    assert actors[dn.denier].label == "Russia" and labels(dn.defended, actors) == ["Syria"]
    assert dn.act_type == "chemical-attack"


def test_a_denial_by_he_is_the_last_persons_and_trusted_less():
    doc, article, actors = setup("""
Prosor     Prosor    PROPN nsubj 1
spoke      speak     VERB  ROOT  1
.          .         PUNCT punct 1
He         he        PRON  nsubj 4
denied     deny      VERB  ROOT  4
the        the       DET   det   6
allegations allegation NOUN dobj 4
.          .         PUNCT punct 4
""", {(0, 1): "Person"})
    (dn,) = extract_denials(doc, article, actors)
    assert actors[dn.denier].label == "Prosor" and labels(dn.defended, actors) == ["Prosor"]
    assert dn.confidence == 0.5


# --- events ----------------------------------------------------------------------------------------------------

KILLED = """
At         at        ADP   advmod 1
least      least     ADJ   advmod 2
27         27        NUM   nummod 3
people     people    NOUN  nsubjpass 5
were       be        AUX   auxpass 5
killed     kill      VERB  ROOT  5
in         in        ADP   prep  5
Idlib      Idlib     PROPN pobj  6  B-GPE
on         on        ADP   prep  5
Tuesday    Tuesday   PROPN pobj  8  B-DATE
.          .         PUNCT punct 5
"""


def test_a_killing_with_toll_place_and_time():
    doc, article, actors = setup(KILLED, {(7, 8): "Place", (3, 4): "Group"}, date="2017-04-06")
    (ev,) = extract_events(doc, article, actors, [], [])
    assert ev.event_type == "killing" and ev.rule == "event:verb" and ev.confidence == 0.65
    assert [(c.count, c.qualifier, c.kind) for c in ev.casualties] == [(27, "at least", "killed")]
    assert labels(ev.places, actors) == ["Idlib"] and labels(ev.victims, actors) == ["people"]
    assert ev.agents == () and ev.time.expression == "on Tuesday" and ev.time.date == "2017-04-04"


def test_no_date_is_guessed_without_a_publication_date():
    doc, article, actors = setup(KILLED, {(7, 8): "Place"})
    (ev,) = extract_events(doc, article, actors, [], [])
    assert ev.time.expression == "on Tuesday" and ev.time.date is None


def test_a_veto_by_two_and_a_praise_of_an_owner():
    doc, article, actors = setup("""
Russia     Russia    PROPN nsubj 3
and        and       CCONJ cc    0
China      China     PROPN conj  0
vetoed     veto      VERB  ROOT  3
the        the       DET   det   5
resolution resolution NOUN dobj  3
.          .         PUNCT punct 3
Rouhani    Rouhani   PROPN nsubj 8
praised    praise    VERB  ROOT  8
Syria      Syria     PROPN poss  11
's         's        PART  case  9
decision   decision  NOUN  dobj  8
.          .         PUNCT punct 8
""", {(0, 1): "State", (2, 3): "State", (7, 8): "Person", (9, 10): "State"})
    veto, praise = extract_events(doc, article, actors, [], [])
    assert veto.event_type == "veto" and labels(veto.agents, actors) == ["Russia", "China"]
    assert praise.event_type == "praise" and labels(praise.agents, actors) == ["Rouhani"]
    assert labels(praise.targets, actors) == ["Syria"]


def test_a_verb_needing_its_words_is_no_event_without_them():
    table = """
Syria      Syria     PROPN nsubj 1
signed     sign      VERB  ROOT  1
the        the       DET   det   3
convention convention NOUN dobj  1
.          .         PUNCT punct 1
"""
    doc, article, actors = setup(table, {(0, 1): "State"})
    assert [ev.event_type for ev in extract_events(doc, article, actors, [], [])] == ["signing"]
    doc, article, actors = setup(table.replace("convention convention", "photos     photo"), {(0, 1): "State"})
    assert list(extract_events(doc, article, actors, [], [])) == []


def test_an_event_in_an_allegation_is_done_by_the_accused_and_reported_by_the_accuser():
    doc, article, actors = setup("""
HRW        HRW       PROPN nsubj 1
accused    accuse    VERB  ROOT  1
militias   militia   NOUN  dobj  1
of         of        ADP   prep  1
executing  execute   VERB  pcomp 3
civilians  civilian  NOUN  dobj  4
.          .         PUNCT punct 1
""", {(0, 1): "Organization", (2, 3): "ArmedGroup", (5, 6): "Group"})
    allegations = list(extract_allegations(doc, article, actors, []))
    (ev,) = extract_events(doc, article, actors, [], allegations)
    assert ev.event_type == "summary-execution" and ev.rule == "event:verb+allegation" and ev.confidence == 0.5
    assert labels(ev.agents, actors) == ["militias"] and actors[ev.reported_by].label == "HRW"
    assert labels(ev.victims, actors) == ["civilians"]


def test_an_arms_delivery_named_by_a_noun():
    doc, article, actors = setup("""
Qatar      Qatar     PROPN nsubj 2
is         be        AUX   aux   2
increasing increase  VERB  ROOT  2
its        its       PRON  poss  4
delivery   delivery  NOUN  dobj  2
of         of        ADP   prep  4
missiles   missile   NOUN  pobj  5
to         to        ADP   prep  4
rebels     rebel     NOUN  pobj  7
.          .         PUNCT punct 2
""", {(0, 1): "State", (8, 9): "ArmedGroup"})
    (ev,) = extract_events(doc, article, actors, [], [])
    assert ev.event_type == "arms-supply" and ev.rule == "event:noun"
    assert labels(ev.agents, actors) == ["Qatar"] and labels(ev.targets, actors) == ["rebels"]


# --- affiliations ----------------------------------------------------------------------------------------------


def affiliations_of(table: str, spans: dict[tuple[int, int], str]):
    doc, article, _ = setup(table, spans)
    found = mentions(doc, article, spans)
    return [(af.member.text, af.organization.text, af.role, af.rule)
            for af in extract_affiliations(doc, article, found)]


def test_a_title_ties_a_person_to_a_state_in_a_role():
    assert affiliations_of("""
Syrian     Syrian    ADJ   amod     1  B-NORP
President  President PROPN compound 3
Bashar     Bashar    PROPN compound 3 B-PERSON
Assad      Assad     PROPN nsubj    4 I-PERSON
spoke      speak     VERB  ROOT     4
.          .         PUNCT punct    4
""", {(0, 1): "State", (2, 4): "Person"}) == [("Bashar Assad", "Syrian", "president", "affiliation:title")]


def test_a_possessive_ties_a_person_to_an_organisation_without_a_role():
    assert affiliations_of("""
HRW        HRW       PROPN poss     3  B-ORG
's         's        PART  case     0
Joe        Joe       PROPN compound 3  B-PERSON
Stork      Stork     PROPN nsubj    4  I-PERSON
said       say       VERB  ROOT     4
.          .         PUNCT punct    4
""", {(0, 1): "Organization", (2, 4): "Person"}) == [("Joe Stork", "HRW", "", "affiliation:possessive")]


def test_an_apposition_ties_a_person_to_the_state_it_names():
    assert affiliations_of("""
Ron        Ron       PROPN compound 1  B-PERSON
Prosor     Prosor    PROPN nsubj    7  I-PERSON
,          ,         PUNCT punct    1
Israel     Israel    PROPN poss     5  B-GPE
's         's        PART  case     3
ambassador ambassador NOUN appos    1
,          ,         PUNCT punct    1
said       say       VERB  ROOT     7
.          .         PUNCT punct    7
""", {(0, 2): "Person", (3, 4): "State"}) == [("Ron Prosor", "Israel", "ambassador", "affiliation:apposition")]


def test_a_person_is_not_affiliated_to_a_person():
    assert affiliations_of("""
Assad      Assad     PROPN poss     2  B-PERSON
's         's        PART  case     0
Shaaban    Shaaban   PROPN nsubj    3  B-PERSON
said       say       VERB  ROOT     3
.          .         PUNCT punct    3
""", {(0, 1): "Person", (2, 3): "Person"}) == []


# --- coreference -----------------------------------------------------------------------------------------------


def nominals(table: str, spans: dict[tuple[int, int], str], affiliated: list[tuple[int, int, str]] = ()):
    """The mentions coreference adds, given the affiliations ``(member span, organisation span, role)``."""
    doc, article, _ = setup(table, spans)
    found = mentions(doc, article, spans)
    by_span = {(doc.char_span(m.start, m.end).start, doc.char_span(m.start, m.end).end): m for m in found}
    affiliations = [Affiliation("t", by_span[member], by_span[org], role, by_span[member].sentence, "test", 0.7)
                    for member, org, role in affiliated]
    return [(m.text, m.entity_type, m.canonical, m.rule, m.confidence)
            for m in resolve_nominals(doc, article, found, affiliations)]


COUNTRY = """
Syria      Syria     PROPN poss     2
's         's        PART  case     0
ambassador ambassador NOUN nsubj    5
Bashar     Bashar    PROPN compound 4 B-PERSON
Jafari     Jafari    PROPN appos    2 I-PERSON
rejected   reject    VERB  ROOT     5
claims     claim     NOUN  dobj     5
against    against   ADP   prep     6
his        his       PRON  poss     9
country    country   NOUN  pobj     7
.          .         PUNCT punct    5
"""


def test_his_country_is_the_state_the_last_person_represents():
    found = nominals(COUNTRY, {(0, 1): "State", (3, 5): "Person"}, [((3, 5), (0, 1), "ambassador")])
    assert found == [("his country", "State", "Syria", "coreference:possessive-state", 0.5)]


def test_his_country_without_a_represented_state_names_no_one():
    assert nominals(COUNTRY, {(0, 1): "State", (3, 5): "Person"}) == []


OFFICER = """
Captain    Captain   PROPN compound 2
Abdul      Abdul     PROPN compound 2 B-PERSON
Razek      Razek     PROPN nsubj    5 I-PERSON
of         of        ADP   prep     2
Syria      Syria     PROPN pobj     3 B-GPE
defected   defect    VERB  ROOT     5
.          .         PUNCT punct    5
The        the       DET   det      8
officer    officer   NOUN  nsubj    9
said       say       VERB  ROOT     9
.          .         PUNCT punct    9
"""
RAZEK = {(1, 3): "Person", (4, 5): "State"}


def test_the_officer_is_the_last_person_named_in_that_role():
    found = nominals(OFFICER, RAZEK, [((1, 3), (4, 5), "officer")])
    assert found == [("officer", "Person", "Abdul Razek", "coreference:role-noun", 0.5)]


def test_the_officer_named_right_there_is_not_an_antecedents():
    table = OFFICER.replace("said       say       VERB  ROOT     9\n", ",          ,         PUNCT punct    8\n")
    assert nominals(table, RAZEK, [((1, 3), (4, 5), "officer")]) == []


def test_the_officer_is_no_one_without_a_person_in_that_role():
    assert nominals(OFFICER, RAZEK, [((1, 3), (4, 5), "ambassador")]) == []


def test_an_officer_named_later_is_the_persons_cataphora():
    found = nominals("""
An         an        DET   det      1
officer    officer   NOUN  nsubj    2
claimed    claim     VERB  ROOT     2
abuse      abuse     NOUN  dobj     2
.          .         PUNCT punct    2
The        the       DET   det      6
officer    officer   NOUN  nsubj    10
,          ,         PUNCT punct    6
Captain    Captain   PROPN compound 10
Razek      Razek     PROPN appos    6  B-PERSON
told       tell      VERB  ROOT     10
reporters  reporter  NOUN  dobj     10
.          .         PUNCT punct    10
""", {(9, 10): "Person"})
    assert found == [("officer", "Person", "Razek", "coreference:role-noun-cataphora", 0.5)]
