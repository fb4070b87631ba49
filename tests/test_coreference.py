"""Nominal references bound to the actors they refer to (loads the model)."""

from __future__ import annotations

import pytest

from kg.extract.affiliations import extract_affiliations
from kg.extract.coreference import resolve_nominals
from kg.extract.mentions import extract_mentions
from kg.extract.nlp import load_pipeline
from kg.records import Article
from kg.resolve.actors import resolve_in_article

pytestmark = pytest.mark.model


def nominals(text: str) -> dict[str, tuple[str, str]]:
    article = Article("t", text)
    doc = load_pipeline()(text)
    mentions = list(extract_mentions(doc, article))
    found = list(resolve_nominals(doc, article, mentions, extract_affiliations(doc, article, mentions)))
    resolved = resolve_in_article(mentions + found)
    return {m.text: (resolved[m].label, m.rule) for m in found}


def test_his_country_is_the_state_the_speaker_represents():
    found = nominals("Iran's ambassador to the United Nations, Ali Rezaei, rejected the charges against his country.")
    assert found.get("his country", ("", ""))[0] == "Iran"


def test_no_country_without_a_known_affiliation():
    assert "his country" not in nominals("John Smith said he would return to his country next year.")


def test_the_role_noun_refers_to_the_person_with_that_role():
    found = nominals("Russian Foreign Minister Sergei Lavrov arrived in Geneva. The minister said talks would resume.")
    assert found.get("minister", ("", ""))[0] == "Sergei Lavrov"


def test_an_unnamed_role_is_the_person_named_right_after():
    found = nominals("An officer who fled the army said the unit had used gas. "
                     "The officer, Captain Omar Haddad, told reporters that the gas came from abroad.")
    assert found.get("officer", ("", ""))[0] == "Omar Haddad"
