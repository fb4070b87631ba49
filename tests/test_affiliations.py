"""Roles and affiliations read from the parse (loads the model)."""

from __future__ import annotations

import pytest

from kg.extract.affiliations import extract_affiliations
from kg.extract.mentions import extract_mentions
from kg.extract.nlp import load_pipeline
from kg.records import Article

pytestmark = pytest.mark.model


def affiliations(text: str) -> set[tuple[str, str, str]]:
    article = Article("t", text)
    doc = load_pipeline()(text)
    mentions = list(extract_mentions(doc, article))
    return {(a.member.text, a.role, a.organization.text) for a in extract_affiliations(doc, article, mentions)}


def test_title_before_a_name():
    found = affiliations("Russian Foreign Minister Sergei Lavrov met his counterpart on Friday.")
    assert ("Sergei Lavrov", "foreign minister", "Russian") in found


def test_apposition_with_a_role_of_an_organisation():
    found = affiliations("The head of the World Health Organization, Margaret Chan, said the outbreak was over.")
    assert any(m == "Margaret Chan" and r == "head" and "World Health Organization" in o for m, r, o in found)


def test_possessive_owner_of_an_armed_group():
    found = affiliations("Witnesses said Bashar Assad's security forces fired on the crowd.")
    assert any(m == "security forces" and o == "Bashar Assad" for m, _, o in found)


def test_no_affiliation_without_a_role_or_owner():
    assert affiliations("John Smith arrived in Geneva on Monday.") == set()
