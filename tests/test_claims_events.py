"""Allegations, denials and events on sentences written for the tests (loads the model)."""

from __future__ import annotations

import pytest

from kg.extract.nlp import load_pipeline
from kg.extract.run import extract_article
from kg.records import Article

pytestmark = pytest.mark.model


def extract(text: str, date: str | None = None):
    article = Article("t", text, date=date)
    x = extract_article(load_pipeline()(text), article)
    label = {m: a.label for m, a in x.local_actors.items()}
    return x, label


def test_verbal_accusation_with_act():
    x, label = extract("Amnesty International accused the Syrian army of torturing detainees in Aleppo prisons.")
    (al,) = x.allegations
    assert label[al.accuser] == "Amnesty International"
    assert [label[m] for m in al.accused] == ["Syrian army"]
    assert "torturing detainees" in al.act


def test_a_report_accusing_is_the_authors_allegation():
    x, label = extract("Human Rights Watch published a report accusing Kurdish forces of demolishing villages.")
    (al,) = x.allegations
    assert label[al.accuser] == "Human Rights Watch"
    assert "demolishing villages" in al.act


def test_reported_claim_of_wrongdoing_accuses_the_clause_subject_and_its_supervisors():
    x, label = extract("Colonel Ahmed Berri said that the Syrian army used chlorine gas under the supervision "
                       "of Iranian officers.")
    (al,) = x.allegations
    assert label[al.accuser] == "Ahmed Berri"
    assert {label[m] for m in al.accused} == {"Syrian army", "Iran"}
    assert al.act_type == "chemical-attack"


def test_a_claim_without_wrongdoing_is_no_allegation():
    x, _ = extract("John Kerry said that the talks with Russia on the chemical weapons deal went well.")
    assert x.allegations == ()
    assert len(x.statements) == 1


def test_negated_wrongdoing_is_no_allegation():
    x, _ = extract("The minister said that the Syrian army did not use chemical weapons in Ghouta.")
    assert x.allegations == ()


def test_denial_defends_the_party_named_and_answers_the_allegation():
    x, label = extract("Human Rights Watch accused Turkey of shelling Kurdish villages. "
                       "Turkish Foreign Minister Mevlut Cavusoglu rejected the accusations against his country.")
    (dn,) = x.denials
    assert label[dn.denier] == "Mevlut Cavusoglu"
    assert [label[m] for m in dn.defended] == ["Turkey"]


def test_rejecting_a_proposal_is_no_denial():
    x, _ = extract("John Kerry rejected an initial proposal from his Russian counterpart.")
    assert x.denials == ()


def test_killing_event_with_toll_place_time_and_source():
    x, label = extract("At least 27 people were killed in Idlib on Tuesday, the Syrian Observatory for Human "
                       "Rights said.", date="2017-04-06")
    (ev,) = [e for e in x.events if e.event_type == "killing"]
    assert [c.count for c in ev.casualties] == [27]
    assert ev.casualties[0].qualifier == "at least"
    assert [label[m] for m in ev.places] == ["Idlib"]
    assert ev.time is not None and ev.time.date == "2017-04-04"
    assert label[ev.reported_by] == "Syrian Observatory for Human Rights"


def test_no_date_is_guessed_without_a_publication_date():
    x, _ = extract("At least 27 people were killed in Idlib on Tuesday, activists said.")
    (ev,) = [e for e in x.events if e.event_type == "killing"]
    assert ev.time is not None and ev.time.date is None


def test_veto_praise_and_signing():
    x, label = extract("Russia and China vetoed the resolution. Iranian President Hassan Rouhani praised "
                       "Syria's decision. Syria announced that it had signed the Chemical Weapons Convention.")
    kinds = {e.event_type: e for e in x.events}
    assert {label[m] for m in kinds["veto"].agents} == {"Russia", "China"}
    assert [label[m] for m in kinds["praise"].agents] == ["Hassan Rouhani"]
    assert [label[m] for m in kinds["praise"].targets] == ["Syria"]
    assert [label[m] for m in kinds["signing"].agents] == ["Syria"]


def test_arms_delivery_noun_event():
    x, label = extract("Qatar is increasing its delivery of anti-tank missiles to rebel fighters.")
    (ev,) = [e for e in x.events if e.event_type == "arms-supply"]
    assert [label[m] for m in ev.agents] == ["Qatar"]


def test_a_quotation_over_two_sentences_is_one_content():
    x, label = extract("“This is in their heads. This is in their consciousness,” Patrick Caddell said.")
    (st,) = x.statements
    assert label[st.speaker_mention] == "Patrick Caddell" and st.direct
    assert st.content.startswith("This is in their heads") and st.content.endswith("consciousness")


def test_a_quotation_inside_a_reported_clause_does_not_replace_the_clause():
    x, _ = extract("Donald Trump said that he was making “a demand” of the Syrian government.")
    (st,) = x.statements
    assert not st.direct and "making" in st.content


def test_participle_cue_takes_the_head_verbs_subject():
    x, label = extract("Hillary Clinton mocked the complaint, saying that the system was not rigged.")
    assert [label[st.speaker_mention] for st in x.statements] == ["Hillary Clinton"]


def test_a_demonym_is_not_the_voice_of_a_non_state_body():
    x, label = extract("The Syrian opposition said that government forces killed 40 civilians in Douma.")
    assert all(label[st.speaker_mention] != "Syria" for st in x.statements)
    assert all(label[al.accuser] != "Syria" for al in x.allegations)


def test_reported_combat_is_no_allegation():
    x, _ = extract("Al-Manar reported that the Syrian army killed 70 Islamic State fighters near the border.")
    assert x.allegations == ()
    assert any(e.event_type == "killing" for e in x.events)
