"""The analysis of the actor network (kg.analysis.measures) and its projection from RDF (kg.analysis.network)."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest

from kg.analysis import measures as analysis
from kg.analysis.network import RELATIONS, actor_network, allegation_network
from kg.analysis.report import analysis_json, analysis_triples, report_markdown

EX = "https://example.org/"


def signed(edges: list[tuple[str, str, str, int]]) -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    for u, v, relation, polarity in edges:
        graph.add_node(u, label=u.upper(), type="State")
        graph.add_node(v, label=v.upper(), type="State")
        graph.add_edge(u, v, relation=relation, polarity=polarity)
    return graph


TWO_CAMPS_EDGES = [
    ("a", "b", "praises", 1), ("c", "d", "praises", 1), ("a", "c", "accuses", -1), ("d", "b", "accuses", -1),
    ("b", "c", "condemns", -1), ("c", "a", "accuses", -1), ("e", "f", "speaks about", 0),
]
TWO_CAMPS = signed(TWO_CAMPS_EDGES)


def test_measures_do_not_change_the_graph() -> None:
    before = (sorted(TWO_CAMPS.nodes(data=True), key=str), sorted(TWO_CAMPS.edges(keys=True, data=True), key=str))
    analysis.analyze(TWO_CAMPS)
    after = (sorted(TWO_CAMPS.nodes(data=True), key=str), sorted(TWO_CAMPS.edges(keys=True, data=True), key=str))
    assert before == after


def test_every_measure_returns_a_value_per_actor() -> None:
    for measure in (analysis.accusations_made, analysis.accusations_received, analysis.pagerank,
                    analysis.betweenness, analysis.communities):
        assert set(measure(TWO_CAMPS)) == set(TWO_CAMPS), measure.__name__


def test_camps_follow_structural_balance() -> None:
    camp = analysis.camps(TWO_CAMPS, min_relations=1)
    assert camp["a"] == camp["b"] and camp["c"] == camp["d"] and camp["a"] != camp["c"]
    assert "e" not in camp  # only neutral relations: in no camp
    assert analysis.frustration(TWO_CAMPS, camp) == {}
    # with each relation reported three times, every actor has enough signed relations for the analysis' camps
    thrice = signed(TWO_CAMPS_EDGES * 3)
    result = analysis.analyze(thrice)
    assert result.balance == 1.0 and result.camp_relations == (18, 0)
    (first, second) = result.camps
    assert first.opposes == (second.number,) and second.opposes == (first.number,)
    assert analysis.analyze(TWO_CAMPS).camps == ()  # d has two signed relations, then b and a fall short


def test_camps_leave_out_thin_evidence_and_groups_of_people() -> None:
    from kg.analysis.balance import CAMP_MIN_RELATIONS

    # three sides attack civilians, and two of them fight each other: civilians would put all three in one camp
    edges = [(side, "civilians", "attacks", -1) for side in ("x", "y", "z")] * CAMP_MIN_RELATIONS
    edges += [("x", "y", "attacks", -1), ("y", "x", "accuses", -1), ("x", "y", "condemns", -1),
              ("x", "z", "praises", 1), ("z", "x", "praises", 1), ("z", "x", "supplies arms", 1),
              ("z", "y", "accuses", -1), ("w", "x", "accuses", -1)]
    graph = signed(edges)
    graph.nodes["civilians"]["type"] = "Group"
    camp = analysis.camps(graph)
    assert set(camp) == {"x", "y", "z"}  # civilians: a group of people; w: one accusation
    assert camp["x"] == camp["z"] != camp["y"]
    result = analysis.analyze(graph)
    assert result.camp_relations == (7, 0)
    report = report_markdown(result, graph)
    assert f"at least {CAMP_MIN_RELATIONS} signed relations" in report
    assert "The camps explain 7 of them (100%" in report and "contradict 0" in report


def test_an_unbalanced_triangle_leaves_one_pair_frustrated() -> None:
    # the enemy of my enemy is my enemy too: no split explains all three
    graph = signed([("a", "b", "accuses", -1), ("b", "c", "accuses", -1), ("c", "a", "accuses", -1)])
    camp = analysis.camps(graph, min_relations=1)
    assert sum(analysis.frustration(graph, camp).values()) == 1


def test_camps_weigh_pairs_by_their_evidence() -> None:
    # a and b praise each other three times and accuse each other once: allies
    graph = signed([("a", "b", "praises", 1)] * 3 + [("b", "a", "accuses", -1), ("a", "c", "accuses", -1)])
    camp = analysis.camps(graph, min_relations=1)
    assert camp["a"] == camp["b"] != camp["c"]


def test_reciprocity_and_mutual_accusations() -> None:
    assert analysis.reciprocity(TWO_CAMPS) == {"a": 1.0, "c": 1.0, "d": 0.0}
    assert analysis.mutual_accusations(TWO_CAMPS) == [("a", "c", 1, 1)]
    assert analysis.analyze(TWO_CAMPS).overall_reciprocity == pytest.approx(2 / 3)


def test_most_accused_and_accusing() -> None:
    assert analysis.accusations_made(TWO_CAMPS) == {"a": 1, "b": 0, "c": 1, "d": 1, "e": 0, "f": 0}
    assert analysis.accusations_received(TWO_CAMPS) == {"a": 1, "b": 1, "c": 1, "d": 0, "e": 0, "f": 0}


def test_bridge_actors_join_communities() -> None:
    # two dense groups joined through m
    graph = nx.MultiDiGraph()
    for group in (("a1", "a2", "a3"), ("b1", "b2", "b3")):
        for u in group:
            for v in group:
                if u != v:
                    graph.add_edge(u, v, relation="praises", polarity=1)
    graph.add_edge("m", "a1", relation="speaks about", polarity=0)
    graph.add_edge("m", "b1", relation="speaks about", polarity=0)
    community = analysis.communities(graph)
    assert community["a1"] != community["b1"]
    bridges = analysis.bridges(graph, community)
    assert bridges["m"] == 2
    assert max(analysis.betweenness(graph), key=analysis.betweenness(graph).get) in {"m", "a1", "b1"}


def test_empty_graph() -> None:
    result = analysis.analyze(nx.MultiDiGraph())
    assert result.measures["pagerank"] == {} and result.camps == () and result.balance is None
    assert "# Actor network report" in report_markdown(result, nx.MultiDiGraph())


def test_a_measure_is_one_entry_of_the_registry(monkeypatch) -> None:
    """An entry added to MEASURES reaches the analysis, analysis.json, report.md and the analysis graph."""
    from kg.rdf.namespaces import CKG, XSD

    degree = analysis.Measure("degree", lambda g: dict(g.degree()), CKG.count, XSD.integer, default=0,
                              ranking=analysis.Ranking("Most related", "relations"))
    monkeypatch.setattr(analysis, "MEASURES", (*analysis.MEASURES, degree))
    result = analysis.analyze(TWO_CAMPS)
    assert result.measures["degree"]["c"] == 4
    assert {row["actor"]: row["degree"] for row in analysis_json(result, TWO_CAMPS)["per_actor"]}["c"] == 4
    assert "## Most related" in report_markdown(result, TWO_CAMPS)
    assert {(str(s), o.value) for s, p, o in analysis_triples(result) if p == CKG.count} >= {("c", "4"), ("e", "1")}


def test_every_measure_is_written_with_a_property_of_the_ontology() -> None:
    from rdflib import Graph
    from rdflib.namespace import OWL, RDF

    from kg.rdf.ontology import ontology_text

    properties = set(Graph().parse(data=ontology_text(), format="turtle").subjects(RDF.type, OWL.DatatypeProperty))
    properties |= set(Graph().parse(data=ontology_text(), format="turtle").subjects(RDF.type, OWL.ObjectProperty))
    result = analysis.analyze(TWO_CAMPS)
    written = {p for _, p, _ in analysis_triples(result)}
    for measure in analysis.MEASURES:
        assert measure.term in properties, measure.name
        assert measure.term in written or not result.measures[measure.name], measure.name
        assert all(measure.name in row for row in analysis_json(result, TWO_CAMPS)["per_actor"])


def test_report_escapes_labels() -> None:
    graph = signed([("a", "b", "accuses", -1)])
    graph.nodes["a"]["label"] = "A | <b>bold</b>\nnext"
    report = report_markdown(analysis.analyze(graph), graph)
    assert "A \\| \\<b\\>bold\\</b\\> next" in report
    assert "<b>" not in report


def test_json_is_serialisable_and_ranked() -> None:
    data = analysis_json(analysis.analyze(TWO_CAMPS), TWO_CAMPS)
    json.dumps(data)
    ranks = [row["pagerank"] for row in data["per_actor"]]
    assert ranks == sorted(ranks, reverse=True)
    assert data["mutual_accusations"] == [{"a": "A", "b": "C", "a_accuses_b": 1, "b_accuses_a": 1}]


TRIG = """
@prefix ckg: <https://w3id.org/conflict-kg/ontology#> .
@prefix nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> .
@prefix itsrdf: <http://www.w3.org/2005/11/its/rdf#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix ex: <https://example.org/> .
ex:actors {
  ex:syria a ckg:State ; skos:prefLabel "Syria" .
  ex:hrw a ckg:Organization ; skos:prefLabel "Human Rights Watch" .
  ex:stork a ckg:Person ; skos:prefLabel "Joe Stork" .
  ex:sana a ckg:Media ; skos:prefLabel "SANA" .
  ex:damascus a ckg:Place ; skos:prefLabel "Damascus" .
}
ex:art1 {
  ex:a1 a ckg:Article ; dcterms:identifier "art-1" .
  ex:s1 a ckg:Sentence ; nif:anchorOf "HRW accused Syria of torture." .
  ex:s2 a ckg:Sentence ; nif:anchorOf "Syria denied it, SANA said." .
  ex:m1 a ckg:Mention ; itsrdf:taIdentRef ex:hrw ; nif:sentence ex:s1 ; nif:beginIndex 0 ; nif:referenceContext ex:a1 .
  ex:m2 a ckg:Mention ; itsrdf:taIdentRef ex:syria ; nif:sentence ex:s1 ; nif:beginIndex 13 ;
        nif:referenceContext ex:a1 .
  ex:al a ckg:Allegation ; ckg:accuser ex:hrw ; ckg:accused ex:syria ; ckg:act "torture" ;
        nif:sentence ex:s1 ; prov:wasDerivedFrom ex:a1 .
  ex:de a ckg:Denial ; ckg:denier ex:syria ; ckg:answers ex:al ; nif:sentence ex:s2 ; prov:wasDerivedFrom ex:a1 .
  ex:st a ckg:Statement ; ckg:speaker ex:syria ; ckg:reportedBy ex:sana ; nif:sentence ex:s2 ;
        prov:wasDerivedFrom ex:a1 .
  ex:af a ckg:Affiliation ; org:member ex:stork ; org:organization ex:hrw ; nif:sentence ex:s1 ;
        prov:wasDerivedFrom ex:a1 .
}
"""


@pytest.fixture
def small_store() -> ox.Store:
    store = ox.Store()
    store.load(TRIG.encode(), format=ox.RdfFormat.TRIG)
    return store


def test_actor_network_is_a_signed_projection_of_the_rdf(small_store: ox.Store) -> None:
    net = actor_network(small_store)
    assert set(net) == {EX + "syria", EX + "hrw", EX + "stork", EX + "sana"}  # actors, not places
    edges = {(u.rsplit("/", 1)[1], v.rsplit("/", 1)[1], d["relation"], d["polarity"])
             for u, v, d in net.edges(data=True)}
    assert edges == {("hrw", "syria", "accuses", -1), ("syria", "hrw", "denies", -1),
                     ("stork", "hrw", "member of", 1), ("sana", "syria", "quotes", 0)}
    (accuses,) = [d for _, _, d in net.edges(data=True) if d["relation"] == "accuses"]
    assert accuses["evidence"] == [{"assertion": EX + "al", "sentence": "HRW accused Syria of torture.",
                                    "article": "art-1"}]
    assert net.nodes[EX + "hrw"]["evidence"] == [{"sentence": "HRW accused Syria of torture.", "article": "art-1"}]
    assert {name for name, (_, polarity) in RELATIONS.items() if polarity < 0} >= {"accuses", "denies", "attacks"}


def test_allegation_network(small_store: ox.Store) -> None:
    net = allegation_network(small_store)
    assert net.nodes[EX + "al"]["type"] == "Allegation" and net.nodes[EX + "al"]["label"] == "torture"
    assert net.nodes[EX + "de"]["type"] == "Denial"
    assert {(u.rsplit("/", 1)[1], v.rsplit("/", 1)[1], d["relation"]) for u, v, d in net.edges(data=True)} == {
        ("hrw", "al", "alleges"), ("al", "syria", "against"), ("syria", "de", "denies"), ("de", "al", "answers")}


@pytest.mark.model
def test_build_writes_the_analysis(seeds_build: Path) -> None:
    from kg.sparql.query import rows, run_query
    from kg.sparql.store import open_store

    for name in ("analysis.json", "report.md", "graph.html", "allegations.html"):
        assert (seeds_build / name).is_file(), name
    data = json.loads((seeds_build / "analysis.json").read_text(encoding="utf-8"))
    report = (seeds_build / "report.md").read_text(encoding="utf-8")
    top_accused = max(data["per_actor"], key=lambda a: a["accusations_received"])
    assert top_accused["label"] in report.split("## Most accused")[1].split("##")[0]
    # SPARQL ranks actors by the analysis written into the store
    ranked = rows(run_query("""PREFIX ckg: <https://w3id.org/conflict-kg/ontology#>
        SELECT ?actor ?rank WHERE { GRAPH <https://w3id.org/conflict-kg/id/graph/analysis> {
          ?actor ckg:pageRank ?rank } } ORDER BY DESC(?rank)""", open_store(seeds_build)))
    assert len(ranked) == data["actors"] and ranked[0]["actor"] == data["per_actor"][0]["actor"]
    in_camps = rows(run_query("""PREFIX ckg: <https://w3id.org/conflict-kg/ontology#>
        SELECT (COUNT(*) AS ?n) WHERE { ?actor ckg:inCamp ?camp . ?camp a ckg:Camp }""", open_store(seeds_build)))
    assert int(in_camps[0]["n"]) == sum(1 for a in data["per_actor"] if a["camp"] is not None) > 0


@pytest.mark.model
def test_analyze_again_changes_nothing(seeds_build: Path, tmp_path: Path, runner) -> None:
    import shutil

    from kg.cli import cli

    out = tmp_path / "copy"
    shutil.copytree(seeds_build, out)
    before = {name: (out / name).read_bytes() for name in ("graph.trig", "analysis.json", "report.md", "graph.html")}
    result = runner.invoke(cli, ["analyze", str(out)])
    assert result.exit_code == 0, result.output
    assert "camps" in result.output
    after = {name: (out / name).read_bytes() for name in before}
    assert after == before  # the analysis graph is replaced, not added to; the TriG from the store is the same


def test_analyze_without_a_build(tmp_path: Path, runner) -> None:
    from kg.cli import cli

    result = runner.invoke(cli, ["analyze", str(tmp_path)])
    assert result.exit_code != 0
    assert "no build at" in result.output and "kg build" in result.output
    assert "Traceback" not in result.output


def test_report_tells_actors_with_one_name_apart() -> None:
    graph = signed([("https://ex.org/a/x", "https://ex.org/a/y", "accuses", -1),
                    ("https://ex.org/a/z", "https://ex.org/a/y", "accuses", -1)])
    graph.nodes["https://ex.org/a/x"]["label"] = graph.nodes["https://ex.org/a/z"]["label"] = "forces"
    report = report_markdown(analysis.analyze(graph), graph)
    assert "forces \\<x\\>" in report and "forces \\<z\\>" in report


def test_betweenness_is_estimated_on_big_graphs_and_close_to_exact() -> None:
    graph = nx.MultiDiGraph()
    for u, v in nx.barabasi_albert_graph(400, 2, seed=3).edges():
        graph.add_edge(u, v, relation="speaks about", polarity=0)
    exact = analysis.betweenness(graph)
    estimate = analysis.betweenness(graph, samples=150)
    assert estimate == analysis.betweenness(graph, samples=150)  # seeded
    top_exact = sorted(exact, key=exact.get, reverse=True)[:5]
    top_estimate = sorted(estimate, key=estimate.get, reverse=True)[:5]
    assert len(set(top_exact) & set(top_estimate)) >= 4


class _Reversed:
    """A store that gives every query's rows in the reverse order."""

    def __init__(self, store: ox.Store) -> None:
        self.store = store

    def query(self, text: str, **options):
        return list(reversed(list(self.store.query(text, **options))))

    def quads_for_pattern(self, *pattern):
        return list(reversed(list(self.store.quads_for_pattern(*pattern))))


def test_networks_do_not_depend_on_the_order_of_the_rows(small_store: ox.Store) -> None:
    _same_whatever_the_order_of_the_rows(small_store)


@pytest.mark.model
def test_networks_of_a_build_do_not_depend_on_the_order_of_the_rows(seeds_build: Path) -> None:
    from kg.sparql.store import open_store

    _same_whatever_the_order_of_the_rows(open_store(seeds_build))


def _same_whatever_the_order_of_the_rows(store: ox.Store) -> None:
    for project in (actor_network, allegation_network):
        ordered, reversed_ = project(store), project(_Reversed(store))
        assert list(ordered.nodes(data=True)) == list(reversed_.nodes(data=True))
        assert list(ordered.edges(keys=True, data=True)) == list(reversed_.edges(keys=True, data=True))
    # so the analysis too (Louvain and sampled betweenness follow the order of the nodes)
    assert analysis_json(analysis.analyze(actor_network(store)), actor_network(store)) == \
        analysis_json(analysis.analyze(actor_network(_Reversed(store))), actor_network(_Reversed(store)))


def _large_network(n: int) -> nx.MultiDiGraph:
    import random

    rng = random.Random(7)
    graph = nx.MultiDiGraph()
    graph.add_nodes_from(f"a{i}" for i in range(n))
    for i in range(3 * n):
        graph.add_edge(f"a{rng.randrange(n)}", f"a{rng.randrange(n)}", key=f"e{i}", relation="accuses", polarity=-1)
    return graph


def test_a_large_network_gets_the_same_betweenness_from_the_helper_process() -> None:
    from kg.analysis import centrality

    network = _large_network(centrality.HELPER_MIN_ACTORS + 50)
    future = centrality.betweenness_elsewhere(network)
    assert future is not None  # large enough to be worked out elsewhere
    assert centrality.result_of(future) == analysis.betweenness(network)
    assert centrality.betweenness_elsewhere(_large_network(50)) is None  # small: worked out in the build itself


def test_a_helper_process_that_fails_leaves_the_betweenness_to_the_build(monkeypatch) -> None:
    from kg.analysis import centrality

    monkeypatch.setattr(centrality, "_BETWEENNESS", "raise SystemExit(3)")
    network = _large_network(centrality.HELPER_MIN_ACTORS + 50)
    assert centrality.result_of(centrality.betweenness_elsewhere(network)) is None
    assert analysis.analyze(network).measures["betweenness"] == analysis.betweenness(network)


def _speaks_about_both_ways(store: ox.Store) -> tuple[list, list]:
    from kg.analysis import network

    query, _ = RELATIONS["speaks about"]
    by_sparql = sorted(network._values(r, "source", "target", "edge", "sentence", "article")
                       for r in store.query(network._PREFIXES + query, use_default_graph_as_union=True))
    rows = network._all_rows(store, {"speakers": (network._SPEAKERS, ("edge", "source", "s", "sentence", "article")),
                                     "mentions": (network._MENTIONS, ("actor", "article", "start", "s"))})
    return network._speaks_about(rows["speakers"], rows["mentions"]), by_sparql


def test_speaks_about_is_what_its_sparql_definition_gives(small_store: ox.Store) -> None:
    small_store.update("""PREFIX ckg: <https://w3id.org/conflict-kg/ontology#>
        PREFIX itsrdf: <http://www.w3.org/2005/11/its/rdf#>
        PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
        INSERT DATA { GRAPH <https://example.org/a1> {
          <https://example.org/m3> a ckg:Mention ; itsrdf:taIdentRef <https://example.org/hrw> ;
              nif:sentence <https://example.org/s2> ; nif:beginIndex 40 ;
              nif:referenceContext <https://example.org/a1> } }""")
    joined, by_sparql = _speaks_about_both_ways(small_store)
    assert joined == by_sparql and len(joined) == 1
    assert {(u, v) for u, v, d in actor_network(small_store).edges(data=True) if d["relation"] == "speaks about"} \
        == {(EX + "syria", EX + "hrw")}


@pytest.mark.model
def test_speaks_about_on_a_build_is_what_its_sparql_definition_gives(seeds_build: Path) -> None:
    from kg.sparql.store import open_store

    joined, by_sparql = _speaks_about_both_ways(open_store(seeds_build))
    assert joined == by_sparql and joined


def test_report_tables_give_the_top_20_and_the_articles_each_figure_rests_on() -> None:
    graph = nx.MultiDiGraph()
    for n in range(25):  # 25 accusers of x, the first one three times in one article
        for k in range(3 if n == 0 else 1):
            graph.add_edge(f"s{n:02d}", "x", relation="accuses", polarity=-1,
                           evidence=[{"assertion": f"e{n}-{k}", "sentence": "...", "article": f"art-{n}"}])
    report = report_markdown(analysis.analyze(graph), graph)
    accusing = report.split("## Most accusing", 1)[1].split("##", 1)[0]
    rows = [line for line in accusing.splitlines() if line.startswith("| ") and line[2].isdigit()]
    assert len(rows) == 20
    assert rows[0].split("|")[2:6] == [" s00 ", "  ", " 3 ", " 1 "]  # three accusations, from one article
    accused = report.split("## Most accused", 1)[1].split("##", 1)[0]
    assert "| 1 | x |  | 27 | 25 |" in accused  # 27 accusations from 25 articles
    assert "from 25 articles" in report
