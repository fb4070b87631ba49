"""Minted IRIs are valid whatever the text contains, and stable."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from kg.rdf import iris

NASTY = ['a "quoted" id', "with space", "<angle>", "line\nbreak", "بشار الجعفري", "emoji 🙂", "%41", "a/b?c#d", ""]


@pytest.mark.parametrize("value", NASTY)
def test_article_and_actor_iris_are_valid(value):
    for iri in (
        iris.article_iri(value),
        iris.actor_iri("Person", value),
        iris.span_iri(value, "mention", 1, 5),
        iris.rule_iri(value),
    ):
        ox.NamedNode(str(iri))  # raises ValueError on an invalid IRI
        assert " " not in iri and '"' not in iri and "<" not in iri and "\n" not in iri


def test_distinct_ids_give_distinct_iris():
    assert len({iris.article_iri(v) for v in NASTY}) == len(NASTY)


def test_iris_are_stable():
    assert iris.article_iri("x 1") == iris.article_iri("x 1")
    assert str(iris.span_iri("a", "mention", 3, 9)).endswith("/article/a/mention/3-9")
