"""Exports for other tools: the actor network as GraphML and GEXF (Gephi, Cytoscape), the graph as compact JSON-LD."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest

from kg.analysis.export import network_bytes, network_for_export, relation_attribute
from kg.analysis.measures import MEASURES, analyze
from kg.analysis.network import RELATIONS, actor_network
from kg.cli import cli
from kg.pipeline import export_network
from kg.sparql.store import export

EX = "https://example.org/"

TRIG = """
@prefix ckg: <https://w3id.org/conflict-kg/ontology#> .
@prefix nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> .
@prefix itsrdf: <http://www.w3.org/2005/11/its/rdf#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix ex: <https://example.org/> .
@prefix id: <https://w3id.org/conflict-kg/id/> .
ex:actors {
  ex:syria a ckg:State ; skos:prefLabel "Syria" .
  ex:hrw a ckg:Organization ; skos:prefLabel "Human Rights Watch" .
  ex:stork a ckg:Person ; skos:prefLabel "Joe \\u0007Stork" .
  ex:sana a ckg:Media ; skos:prefLabel "SANA"@en .
  ex:loner a ckg:Person ; skos:prefLabel "Nobody" .
}
id:article\\/art-1 {
  ex:a1 a ckg:Article ; dcterms:identifier "art-1" .
  ex:a2 a ckg:Article ; dcterms:identifier "art-2" .
  ex:s1 a ckg:Sentence ; nif:anchorOf "HRW accused Syria of torture." .
  ex:s2 a ckg:Sentence ; nif:anchorOf "Syria denied it, SANA said." .
  ex:s3 a ckg:Sentence ; nif:anchorOf "HRW accused Syria again." .
  ex:m1 a ckg:Mention ; itsrdf:taIdentRef ex:hrw ; nif:sentence ex:s1 ; nif:beginIndex 0 ; nif:referenceContext ex:a1 .
  ex:al a ckg:Allegation ; ckg:accuser ex:hrw ; ckg:accused ex:syria ; ckg:act "torture" ;
        nif:sentence ex:s1 ; prov:wasDerivedFrom ex:a1 ; ckg:confidence "0.7"^^xsd:decimal .
  ex:al2 a ckg:Allegation ; ckg:accuser ex:hrw ; ckg:accused ex:syria ; nif:sentence ex:s3 ; prov:wasDerivedFrom ex:a2 .
  ex:de a ckg:Denial ; ckg:denier ex:syria ; ckg:answers ex:al ; nif:sentence ex:s2 ; prov:wasDerivedFrom ex:a1 .
  ex:st a ckg:Statement ; ckg:speaker ex:syria ; ckg:reportedBy ex:sana ; nif:sentence ex:s2 ;
        prov:wasDerivedFrom ex:a1 .
  ex:af a ckg:Affiliation ; org:member ex:stork ; org:organization ex:hrw ; nif:sentence ex:s1 ;
        prov:wasDerivedFrom ex:a1 .
}
"""

LEGAL = (str, int, float, bool)


@pytest.fixture
def store() -> ox.Store:
    store = ox.Store()
    store.load(TRIG.encode(), format=ox.RdfFormat.TRIG)
    return store


@pytest.fixture
def trig_file(tmp_path: Path) -> Path:
    path = tmp_path / "g.trig"
    path.write_text(TRIG, encoding="utf-8")
    return path


def _relations(net: nx.MultiDiGraph) -> Counter:
    """(source, target, relation) -> assertions, of the actor network."""
    return Counter((str(u), str(v), d["relation"]) for u, v, d in net.edges(data=True))


def _check_read_back(read: nx.Graph, net: nx.MultiDiGraph) -> None:
    assert set(read) == set(map(str, net))
    weights = Counter()
    for u, v, data in read.edges(data=True):
        weights[(u, v, data["relation"])] += int(data["weight"])
        assert all(isinstance(value, LEGAL) for value in data.values()), data
    assert weights == _relations(net)
    for node, data in read.nodes(data=True):
        assert all(isinstance(value, LEGAL) for value in data.values()), data
        assert data["label"] == net.nodes[node]["label"].replace("\x07", "")
        assert data["type"] == net.nodes[node]["type"]


def test_graphml_reads_back_with_the_actors_and_relations_of_the_network(store, tmp_path) -> None:
    net = actor_network(store)
    path = tmp_path / "actors.graphml"
    path.write_bytes(export_network_of(store, "graphml"))
    read = nx.read_graphml(path)
    _check_read_back(read, net)
    assert read.is_directed()  # a multigraph where two actors have relations of two kinds
    hrw, syria = EX + "hrw", EX + "syria"
    (accuses,) = [d for u, v, d in read.edges(data=True) if (u, v) == (hrw, syria)]
    assert accuses["relation"] == "accuses" and accuses["polarity"] == -1
    assert accuses["weight"] == 2 and accuses["articles"] == 2  # two allegations, from two articles
    assert accuses["sentence"] == "HRW accused Syria of torture." and accuses["article"] == "art-1"
    # the analysis' measures, and counts per relation
    result = analyze(net)
    assert read.nodes[syria]["accusations_received"] == result.measures["accusations_received"][syria] == 2
    assert read.nodes[syria]["pagerank"] == pytest.approx(result.measures["pagerank"][syria], abs=1e-6)
    assert read.nodes[hrw][relation_attribute("accuses", "out")] == 2
    assert read.nodes[syria][relation_attribute("accuses", "in")] == 2
    assert read.nodes[syria][relation_attribute("denies", "out")] == 1
    assert read.nodes[syria]["camp"] != read.nodes[hrw]["camp"]
    # an actor without a camp (no signed relation) has no camp attribute, not a made-up number
    assert "camp" not in read.nodes[EX + "loner"] and read.nodes[EX + "loner"]["pagerank"] > 0


def export_network_of(store: ox.Store, fmt: str) -> bytes:
    net = actor_network(store)
    return network_bytes(network_for_export(net, analyze(net)), fmt)


def test_gexf_reads_back_with_the_actors_and_relations_of_the_network(store, tmp_path) -> None:
    net = actor_network(store)
    path = tmp_path / "actors.gexf"
    path.write_bytes(export_network_of(store, "gexf"))
    read = nx.read_gexf(path)
    _check_read_back(read, net)
    assert read.nodes[EX + "syria"]["label"] == "Syria"
    assert b"lastmodifieddate" not in path.read_bytes()


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_network_exports_are_deterministic_and_leave_the_network_unchanged(store, fmt) -> None:
    net = actor_network(store)
    before = list(net.edges(keys=True, data=True))
    first = network_bytes(network_for_export(net, analyze(net)), fmt)
    assert list(net.edges(keys=True, data=True)) == before
    assert first == export_network_of(store, fmt)


def test_every_relation_and_measure_is_an_attribute() -> None:
    net = nx.MultiDiGraph([("a", "b", {"relation": "accuses", "polarity": -1})])
    out = network_for_export(net, analyze(net))
    attrs = out.nodes["a"]
    for relation in RELATIONS:
        assert attrs[relation_attribute(relation, "out")] == (1 if relation == "accuses" else 0)
    assert {m.name for m in MEASURES if m.default is not None} <= set(attrs)


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_cli_exports_the_network(runner, trig_file, tmp_path, fmt) -> None:
    target = tmp_path / f"actors.{fmt}"
    result = runner.invoke(cli, ["export", str(trig_file), "--format", fmt, "-o", str(target)])
    assert result.exit_code == 0, result.output
    read = (nx.read_graphml if fmt == "graphml" else nx.read_gexf)(target)
    assert EX + "hrw" in read and target.read_bytes() == export_network(trig_file, fmt)


def test_jsonld_has_a_context_of_prefixes_and_the_same_quads(store) -> None:
    data = export(store, "jsonld")
    document = json.loads(data)
    context = document["@context"]
    assert context["ckg"] == "https://w3id.org/conflict-kg/ontology#"
    assert context["@base"] == "https://w3id.org/conflict-kg/id/"
    body = json.dumps(document["@graph"])
    assert "https://w3id.org/conflict-kg/ontology#" not in body and '"ckg:accuser"' in body
    assert '"@type": ["ckg:Allegation"]' in body and '"xsd:decimal"' in body
    assert '"@id": "article/art-1"' in body  # the data's IRIs relative to the base
    # read back, by Oxigraph and by rdflib: the same quads, named graphs kept
    assert set(ox.parse(data, format=ox.RdfFormat.JSON_LD)) == set(store)
    from rdflib import Dataset

    dataset = Dataset()
    dataset.parse(data=data.decode("utf-8"), format="json-ld")
    assert len(dataset) == len(set(store)) and len(set(dataset.graphs())) >= 2
    assert export(store, "jsonld") == data


def test_jsonld_export_can_be_queried(runner, store, tmp_path) -> None:
    path = tmp_path / "g.jsonld"
    path.write_bytes(export(store, "jsonld"))
    result = runner.invoke(cli, ["query", "accusations", "--data", str(path), "-f", "csv"])
    assert result.exit_code == 0, result.output
    assert "Human Rights Watch,Syria,2" in result.output


@pytest.mark.model
def test_the_seeds_network_exports_whole(seeds_build: Path, tmp_path: Path) -> None:
    from kg.sparql.store import open_store

    net = actor_network(open_store(seeds_build))
    for fmt, read in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        path = tmp_path / f"seeds.{fmt}"
        path.write_bytes(export_network(seeds_build, fmt))
        _check_read_back(read(path), net)
    document = json.loads(export(open_store(seeds_build), "jsonld"))
    assert set(ox.parse(json.dumps(document).encode(), format=ox.RdfFormat.JSON_LD)) == set(open_store(seeds_build))


def test_every_export_format_is_in_the_readme() -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    formats = next(p for p in cli.commands["export"].params if p.name == "fmt").type.choices
    (row,) = [line for line in readme.splitlines() if line.startswith("| `kg export")]
    for fmt in formats:
        assert fmt in row, (fmt, row)


def test_jsonld_keeps_whole_the_iris_a_relative_reference_would_change() -> None:
    from kg.rdf.iris import BASE

    store = ox.Store()
    label = ox.NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel")
    for rest in ("article/..", "article/./x", "a:b/c", "person/x?y", "person/x#y", "person/joe-stork"):
        store.add(ox.Quad(ox.NamedNode(BASE + rest), label, ox.Literal(rest), ox.NamedNode(BASE + "graph/actors")))
    data = export(store, "jsonld")
    assert set(ox.parse(data, format=ox.RdfFormat.JSON_LD)) == set(store)
    assert '"@id": "person/joe-stork"' in data.decode() and f'"@id": "{BASE}article/.."' in data.decode()
