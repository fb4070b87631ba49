"""`--bind`: a bound query gives the rows of the whole query that have the value, whatever binds the variable."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.errors import BadOption
from kg.sparql.bind import bind_values
from kg.sparql.query import run_query

EX = "http://example.org/"
PREFIX = f"PREFIX : <{EX}>\n"


def _store(triples: list[tuple[str, str, object]]) -> ox.Store:
    store = ox.Store()
    for s, p, o in triples:
        obj = o if isinstance(o, ox.Literal) else ox.NamedNode(EX + o) if isinstance(o, str) else ox.Literal(o)
        store.add(ox.Quad(ox.NamedNode(EX + s), ox.NamedNode(EX + p), obj, ox.NamedNode(EX + "g")))
    return store


def _rows(results) -> list[tuple]:
    names = [v.value for v in results.variables]
    return sorted(tuple(str(sol[n]) if sol[n] is not None else "" for n in names) for sol in results)


def _check(store: ox.Store, query: str, variable: str, value: ox.NamedNode | ox.Literal) -> list[tuple]:
    """The bound query's rows, checked against the whole query's rows that have the value."""
    plain = isinstance(value, ox.Literal) and value.datatype.value.endswith("#string")
    written = f"<{value.value}>" if isinstance(value, ox.NamedNode) else value.value if plain else str(value)
    whole = run_query(PREFIX + query, store)
    column = [v.value for v in whole.variables].index(variable)
    expected = [r for r in _rows(run_query(PREFIX + query, store)) if r[column] == str(value)]
    got = _rows(run_query(PREFIX + query, store, {variable: written}))
    assert got == expected, bind_values(PREFIX + query, {variable: written})
    return got


EVENTS = [("e1", "place", "aleppo"), ("e1", "type", "killing"), ("e2", "type", "killing"),
          ("e3", "place", "homs"), ("e3", "type", "shelling"), ("aleppo", "label", ox.Literal("Aleppo")),
          ("homs", "label", ox.Literal("Homs"))]


def test_an_optional_variable_is_filtered_not_given_to_rows_without_it():
    query = """SELECT ?e ?type ?place WHERE { ?e :type ?type OPTIONAL { ?e :place ?p . ?p :label ?place } }"""
    got = _check(_store(EVENTS), query, "place", ox.Literal("Aleppo"))
    assert got == [(f"<{EX}e1>", f"<{EX}killing>", '"Aleppo"')]  # not e2 (no place), not e3 (Homs)


def test_an_optional_sub_select_is_restricted_and_the_rows_filtered():
    query = """SELECT ?e ?type ?place WHERE {
      { SELECT ?e ?type WHERE { ?e :type ?type } }
      OPTIONAL { SELECT ?e ?place WHERE { ?e :place ?p . { SELECT ?p ?place WHERE { ?p :label ?place } } } }
    } ORDER BY ?e"""
    assert len(_check(_store(EVENTS), query, "place", ox.Literal("Homs"))) == 1
    text = bind_values(PREFIX + query, {"place": "Homs"})
    assert text.count('VALUES (?place) { ("Homs") }') == 2  # both sub-selects that bind it for certain
    assert 'FILTER(sameTerm(?place, "Homs"))' in text


def test_a_variable_every_row_binds_is_bound_first_by_values():
    query = "SELECT ?e ?type WHERE { ?e :type ?type OPTIONAL { ?e :place ?p } }"
    text = bind_values(PREFIX + query, {"type": f"<{EX}killing>"})
    assert "VALUES (?type)" in text and "FILTER" not in text
    assert len(_check(_store(EVENTS), query, "type", ox.NamedNode(EX + "killing"))) == 2


def test_a_variable_bound_in_one_branch_of_a_union_is_filtered():
    query = "SELECT ?e ?x ?y WHERE { { ?e :place ?x } UNION { ?e :type ?y } }"
    text = bind_values(PREFIX + query, {"x": f"<{EX}homs>"})
    assert "FILTER(sameTerm(?x" in text
    assert len(_check(_store(EVENTS), query, "x", ox.NamedNode(EX + "homs"))) == 1


def test_a_variable_bound_in_every_branch_of_a_union_is_bound_first():
    query = "SELECT ?e ?x WHERE { { ?e :place ?x } UNION { ?e :type ?x } }"
    assert "FILTER" not in bind_values(PREFIX + query, {"x": f"<{EX}homs>"})
    assert len(_check(_store(EVENTS), query, "x", ox.NamedNode(EX + "killing"))) == 2


def test_bind_and_inline_values_are_filtered():
    query = """SELECT ?e ?kind WHERE { ?e :type ?t BIND(STRAFTER(STR(?t), "/org/") AS ?kind) }"""
    assert "FILTER(sameTerm(?kind" in bind_values(PREFIX + query, {"kind": "x"})
    query = "SELECT ?e ?t WHERE { VALUES ?t { :killing UNDEF } ?e :type ?z FILTER(!BOUND(?t) || ?t = ?z) }"
    assert len(_check(_store(EVENTS), query, "t", ox.NamedNode(EX + "killing"))) == 2


def test_a_sub_select_that_does_not_project_the_variable_keeps_its_own():
    # the inner ?p is another variable: binding the outer ?p must not restrict it
    query = """SELECT ?e ?p WHERE { ?e :type ?p { SELECT ?e WHERE { ?e :place ?p } } }"""
    text = bind_values(PREFIX + query, {"p": f"<{EX}killing>"})
    assert text.count("VALUES") == 1
    assert len(_check(_store(EVENTS), query, "p", ox.NamedNode(EX + "killing"))) == 1


def test_a_sub_select_inside_minus_is_not_restricted():
    query = """SELECT ?e ?t WHERE { ?e :type ?t MINUS { SELECT ?e ?t WHERE { ?e :place ?x ; :type ?t } } }"""
    text = bind_values(PREFIX + query, {"t": f"<{EX}killing>"})
    assert text.count("VALUES") == 1
    assert len(_check(_store(EVENTS), query, "t", ox.NamedNode(EX + "killing"))) == 1  # e2 (e1 has a place)


def test_brackets_and_keywords_in_strings_iris_and_comments_are_not_structure():
    query = """# OPTIONAL { ?place } UNION {
    SELECT ?e ?place WHERE { ?e :type ?t . # } OPTIONAL {
      OPTIONAL { ?e :place ?p . ?p :label ?place FILTER(?place != "} UNION { ?x") }
      FILTER(STR(?t) != "OPTIONAL { }" && ?t != <http://example.org/x#OPTIONAL>)
    }"""
    got = _check(_store(EVENTS), query, "place", ox.Literal("Aleppo"))
    assert len(got) == 1


def test_construct_binds_in_its_where_clause_not_its_template():
    store = _store(EVENTS)
    query = PREFIX + "CONSTRUCT { ?e :at ?place } WHERE { ?e :type ?t OPTIONAL { ?e :place ?place } }"
    triples = list(run_query(query, store, {"place": f"<{EX}homs>"}))
    assert [(t.subject.value, t.object.value) for t in triples] == [(EX + "e3", EX + "homs")]


def test_an_unknown_variable_is_an_error_that_lists_the_query_variables():
    listed = r"'plac' is not valid: expected a variable of the query: one of e, p, place, type$"
    with pytest.raises(BadOption, match=listed):
        bind_values("SELECT ?e ?place WHERE { ?e :type ?type OPTIONAL { ?e :place ?p . ?p :label ?place } }",
                    {"plac": "Aleppo"})
    # a variable of a sub-select it does not project is not the query's
    with pytest.raises(BadOption, match="'x' is not valid"):
        bind_values("SELECT ?e WHERE { { SELECT ?e WHERE { ?e :p ?x } } }", {"x": "1"})


def test_a_sub_select_expression_is_bound_by_a_filter():
    query = """SELECT ?e ?kind WHERE { { SELECT ?e (STRAFTER(STR(?t), "org/") AS ?kind) WHERE { ?e :type ?t } } }"""
    assert "FILTER(sameTerm(?kind" in bind_values(PREFIX + query, {"kind": "killing"})
    assert len(_check(_store(EVENTS), query, "kind", ox.Literal("killing"))) == 2


def test_an_aggregate_is_not_a_variable_to_bind():
    with pytest.raises(BadOption, match="computed by the SELECT clause"):
        bind_values("SELECT ?a (COUNT(*) AS ?n) WHERE { ?a :p ?b } GROUP BY ?a", {"n": "3"})


def test_a_query_without_where_clause_cannot_be_bound():
    with pytest.raises(BadOption, match="WHERE clause"):
        bind_values(f"DESCRIBE <{EX}e1>", {"e": "x"})


def test_the_values_still_cannot_close_the_query():
    evil = 'x" } } ; DROP ALL ; SELECT * WHERE { ?s ?p ?o . FILTER("1'
    query = "SELECT ?e ?place WHERE { ?e :type ?t OPTIONAL { ?e :place ?p . ?p :label ?place } }"
    assert _check(_store(EVENTS), query, "place", ox.Literal(evil)) == []


_SHAPES = [
    "SELECT ?s ?a ?b WHERE { ?s :a ?a OPTIONAL { ?s :b ?b } }",
    "SELECT ?s ?a ?b WHERE { { SELECT ?s ?a WHERE { ?s :a ?a } } OPTIONAL { SELECT ?s ?b WHERE { ?s :b ?b } } }",
    "SELECT ?s ?a ?b WHERE { { ?s :a ?a } UNION { ?s :b ?b } }",
    "SELECT ?s ?a ?b WHERE { ?s :a ?a OPTIONAL { ?s :b ?b OPTIONAL { ?b :a ?x } } }",
    "SELECT ?s ?a ?b WHERE { ?s :a ?a . OPTIONAL { ?a :b ?b } FILTER(?s != :n0) }",
    "SELECT DISTINCT ?s ?a ?b WHERE { ?s :a|:b ?a OPTIONAL { SELECT ?a ?b WHERE { ?a :b ?b } } }",
    "SELECT ?s ?a ?b WHERE { ?s :a ?a MINUS { ?s :b ?a } OPTIONAL { ?s :b ?b } }",
]
_NODES = st.sampled_from([f"n{i}" for i in range(4)])


@settings(max_examples=60, deadline=None)
@given(triples=st.lists(st.tuples(_NODES, st.sampled_from(["a", "b"]), _NODES), min_size=1, max_size=12),
       shape=st.sampled_from(_SHAPES), variable=st.sampled_from(["s", "a", "b"]), node=_NODES)
def test_any_bound_variable_gives_the_whole_query_rows_that_have_it(triples, shape, variable, node):
    _check(_store(triples), shape, variable, ox.NamedNode(EX + node))
