"""Tests of the offline HTML view (kg.view.render)."""

from __future__ import annotations

import copy
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from kg.view import render as view
from kg.view.render import render_view

EX = "https://example.org/actor/"
IMG_PAYLOAD = "<img src=x onerror=alert(1)>"
SCRIPT_PAYLOAD = "</script><script>alert(1)</script>"


def small_graph() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    g.add_node(EX + "putin", label="Vladimir Putin", type="Person", size_value=5.0, evidence=["Putin spoke."])
    g.add_node(EX + "ukraine", label="Ukraine", type="State")
    g.add_node(EX + "hamas", label="Hamas", type="ArmedGroup", evidence=[f"Sentence {i}." for i in range(7)])
    g.add_node(EX + "reuters", label="Reuters", type="Media", size_value=0.5)
    g.add_edge(
        EX + "putin",
        EX + "ukraine",
        key=EX + "a1",
        relation="accuses",
        polarity=-1,
        evidence=[{"sentence": "Putin accused Ukraine of shelling.", "article": "art-1"}],
    )
    g.add_edge(EX + "putin", EX + "ukraine", key=EX + "a2", relation="praises", polarity=1, evidence=[])
    g.add_edge(
        EX + "hamas",
        EX + "reuters",
        key=EX + "a3",
        relation="mentioned with",
        polarity=0,
        evidence=[{"sentence": f"Hamas and Reuters {i}.", "article": f"art-{i}"} for i in range(7)],
    )
    return g


def big_graph(n: int = 600) -> nx.MultiDiGraph:
    rnd = nx.gnm_random_graph(n, 2 * n, seed=7, directed=True)
    g = nx.MultiDiGraph()
    types = list(view.TYPE_COLORS)
    for i in rnd.nodes:
        g.add_node(f"{EX}n{i:04d}", label=f"Actor {i}", type=types[i % len(types)])
    for k, (u, v) in enumerate(rnd.edges):
        g.add_edge(f"{EX}n{u:04d}", f"{EX}n{v:04d}", key=f"{EX}e{k}", relation="said", polarity=(k % 3) - 1)
    return g


def embedded_data(html: str) -> dict[str, Any]:
    match = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', html, re.S)
    assert match, "the page embeds its data in a JSON script element"
    return json.loads(match.group(1))


class TagCollector(HTMLParser):
    """Collects the start tags and the text of each <script> element as a browser parses them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag == "script":
            self._in_script = True
            self.scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts[-1] += data


def render(tmp_path: Path, graph: nx.MultiDiGraph, name: str = "view.html", **kwargs: Any) -> str:
    out = render_view(graph, tmp_path / name, **kwargs)
    return out.read_text(encoding="utf-8")


def test_writes_a_page(tmp_path: Path) -> None:
    out = render_view(small_graph(), tmp_path / "sub" / "view.html", title="Ukraine war")
    assert out == tmp_path / "sub" / "view.html"
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert "<title>Ukraine war</title>" in html
    assert "vis.Network" in html  # the vis-network library is inlined
    assert [p.name for p in out.parent.iterdir()] == ["view.html"]  # no temporary file left behind


def test_no_external_resources(tmp_path: Path) -> None:
    html = render(tmp_path, small_graph())
    assert not re.search(r'(src|href)="https?://', html, re.I)
    assert not re.search(r"<link\b", html, re.I)
    assert "cdn.jsdelivr.net" not in html and "cdnjs" not in html and "bootstrap" not in html.lower()
    assert "default-src 'none'" in html  # the CSP forbids any fetch


def test_untrusted_text_is_escaped(tmp_path: Path) -> None:
    g = nx.MultiDiGraph()
    g.add_node(EX + "x", label=IMG_PAYLOAD + SCRIPT_PAYLOAD, type="Person", evidence=[SCRIPT_PAYLOAD + IMG_PAYLOAD])
    g.add_node(EX + "y", label="Y & <b>Z</b>", type="Group")
    g.add_edge(
        EX + "x",
        EX + "y",
        key=EX + "a<1>",
        relation=IMG_PAYLOAD,
        polarity=-1,
        evidence=[{"sentence": SCRIPT_PAYLOAD, "article": IMG_PAYLOAD}],
    )
    html = render(tmp_path, g, title=SCRIPT_PAYLOAD + IMG_PAYLOAD)

    assert IMG_PAYLOAD not in html
    assert SCRIPT_PAYLOAD not in html
    assert "<b>Z</b>" not in html
    assert "alert(1)</script" not in html
    parser = TagCollector()
    parser.feed(html)
    assert "img" not in parser.tags and "b" not in parser.tags
    assert parser.tags.count("script") == 3  # data, vis-network, the page's own script: no injected one
    assert all("<img" not in s and "</script" not in s.lower() for s in parser.scripts)
    # the text itself survives, to be shown as text
    data = json.loads(parser.scripts[0])
    node = next(n for n in data["nodes"] if n["id"] == EX + "x")
    assert node["kg"]["label"] == IMG_PAYLOAD + SCRIPT_PAYLOAD
    assert node["kg"]["evidence"] == [{"sentence": SCRIPT_PAYLOAD + IMG_PAYLOAD, "article": ""}]
    assert data["edges"][0]["kg"]["evidence"] == [{"sentence": SCRIPT_PAYLOAD, "article": IMG_PAYLOAD}]
    # the page's script builds tooltips as text nodes, never as HTML
    assert "innerHTML" not in parser.scripts[2] and "textContent" in parser.scripts[2]


def test_script_json_escapes_markup() -> None:
    text = view.script_json({"a": "</script><!-- & \u2028"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"a": "</script><!-- & \u2028"}


def test_legend_lists_types(tmp_path: Path) -> None:
    html = render(tmp_path, small_graph())
    legend = re.search(r'<aside id="legend">(.*?)</aside>', html, re.S)
    assert legend
    present = {attrs["type"] for _, attrs in small_graph().nodes(data=True)}
    for kind, color in view.TYPE_COLORS.items():
        item = re.search(rf'<li data-type="{kind}"><label><input type="checkbox" class="kg-type-filter" '
                         rf'value="{kind}" checked><span class="swatch shape-\w+" style="background-color: {color}">',
                         legend[1])
        assert bool(item) == (kind in present), kind  # the types the graph has, each with a filter
    for name in ("negative", "positive", "neutral"):
        assert f'data-polarity="{name}"' in legend[1]
    assert 'data-type="Other"' not in legend[1]

    g = small_graph()
    g.add_node(EX + "odd", label="Odd", type="Unknown")
    assert 'data-type="Other"' in render(tmp_path, g, "other.html")


def test_deterministic(tmp_path: Path) -> None:
    first = render_view(small_graph(), tmp_path / "a.html").read_bytes()
    second = render_view(small_graph(), tmp_path / "b.html").read_bytes()
    assert first == second

    # insertion order does not matter
    g = small_graph()
    shuffled = nx.MultiDiGraph()
    shuffled.add_nodes_from(reversed(list(g.nodes(data=True))))
    shuffled.add_edges_from(reversed(list(g.edges(keys=True, data=True))))
    assert render_view(shuffled, tmp_path / "c.html").read_bytes() == first

    big_a = render_view(big_graph(), tmp_path / "big_a.html").read_bytes()
    big_b = render_view(big_graph(), tmp_path / "big_b.html").read_bytes()
    assert big_a == big_b


def test_embedded_counts_match_graph(tmp_path: Path) -> None:
    g = small_graph()
    data = embedded_data(render(tmp_path, g))
    assert len(data["nodes"]) == g.number_of_nodes() == 4
    assert len(data["edges"]) == g.number_of_edges() == 3
    assert {n["id"] for n in data["nodes"]} == set(g.nodes)
    assert {e["kg"]["iri"] for e in data["edges"]} == {k for _, _, k in g.edges(keys=True)}
    assert len({e["id"] for e in data["edges"]}) == 3


def test_visual_encoding(tmp_path: Path) -> None:
    data = embedded_data(render(tmp_path, small_graph()))
    nodes = {n["id"]: n for n in data["nodes"]}
    edges = {e["kg"]["iri"]: e for e in data["edges"]}

    assert nodes[EX + "putin"]["color"] == view.TYPE_COLORS["Person"]
    assert nodes[EX + "reuters"]["color"] == view.TYPE_COLORS["Media"]
    sizes = [n["size"] for n in nodes.values()]
    assert min(sizes) == view.MIN_NODE_SIZE and max(sizes) == view.MAX_NODE_SIZE
    assert nodes[EX + "putin"]["size"] == view.MAX_NODE_SIZE  # size_value 5.0 is the largest
    assert nodes[EX + "reuters"]["size"] < nodes[EX + "ukraine"]["size"]  # 0.5 < degree 2

    neg, pos, neutral = edges[EX + "a1"], edges[EX + "a2"], edges[EX + "a3"]
    assert neg["color"]["color"] == view.POLARITY_COLORS[-1] and neg["dashes"] is False
    assert pos["color"]["color"] == view.POLARITY_COLORS[1] and pos["dashes"] is False
    assert neutral["color"]["color"] == view.POLARITY_COLORS[0] and neutral["dashes"] is True
    assert all(e["arrows"] == "to" for e in edges.values())
    assert neg["smooth"]["roundness"] != pos["smooth"]["roundness"]  # parallel edges are bent apart
    assert "smooth" not in neutral

    # tooltips: at most five evidence items, with their article, and a count of the rest
    assert neutral["kg"]["evidence"][0] == {"sentence": "Hamas and Reuters 0.", "article": "art-0"}
    assert len(neutral["kg"]["evidence"]) == view.MAX_EVIDENCE and neutral["kg"]["more"] == 2
    assert len(nodes[EX + "hamas"]["kg"]["evidence"]) == view.MAX_EVIDENCE and nodes[EX + "hamas"]["kg"]["more"] == 2
    assert neg["kg"]["relation"] == "accuses" and neg["kg"]["polarity"] == "negative"


def test_small_graph_uses_physics(tmp_path: Path) -> None:
    options = embedded_data(render(tmp_path, small_graph()))["options"]
    assert options["physics"]["enabled"] is True
    assert options["physics"]["stabilization"]["enabled"] is True
    assert options["layout"]["randomSeed"] == view.LAYOUT_SEED


def test_big_graph_has_static_layout(tmp_path: Path) -> None:
    g = big_graph(600)
    data = embedded_data(render(tmp_path, g))
    assert len(data["nodes"]) == 600 and len(data["edges"]) == g.number_of_edges()
    assert data["options"]["physics"]["enabled"] is False
    assert data["options"]["layout"]["randomSeed"] == view.LAYOUT_SEED
    positions = [(n["x"], n["y"]) for n in data["nodes"]]
    assert all(isinstance(c, float) for xy in positions for c in xy)
    assert len(set(positions)) == 600  # spread out, not piled up
    xs = [x for x, _ in positions]
    assert max(xs) - min(xs) > 500


def test_input_graph_not_mutated(tmp_path: Path) -> None:
    for g in (small_graph(), big_graph(550)):
        before = (copy.deepcopy(dict(g.nodes(data=True))), copy.deepcopy(list(g.edges(keys=True, data=True))))
        render_view(g, tmp_path / "view.html")
        assert (dict(g.nodes(data=True)), list(g.edges(keys=True, data=True))) == before


def test_empty_graph(tmp_path: Path) -> None:
    html = render(tmp_path, nx.MultiDiGraph())
    assert "Nothing to show" in html
    data = embedded_data(html)
    assert data["nodes"] == [] and data["edges"] == []
    assert "vis.Network" not in html
    assert not re.search(r'(src|href)="https?://', html, re.I)


def test_missing_attributes_get_defaults(tmp_path: Path) -> None:
    g = nx.MultiDiGraph()
    g.add_edge(EX + "a", EX + "b")  # no label, type, relation, polarity or evidence
    g.add_node(EX + "c", size_value=float("nan"), evidence="one sentence")
    data = embedded_data(render(tmp_path, g))
    nodes = {n["id"]: n for n in data["nodes"]}
    assert nodes[EX + "a"]["label"] == "a" and nodes[EX + "a"]["kg"]["type"] == "Other"
    assert nodes[EX + "c"]["kg"]["evidence"] == [{"sentence": "one sentence", "article": ""}]
    edge = data["edges"][0]
    assert edge["dashes"] is True and edge["kg"]["evidence"] == []


def test_write_is_atomic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "view.html"
    target.write_text("old page", encoding="utf-8")

    def broken_replace(src: str, dst: str) -> None:
        raise OSError("disk full")

    from kg import files

    monkeypatch.setattr(files.os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        render_view(small_graph(), target)
    assert target.read_text(encoding="utf-8") == "old page"
    assert [p.name for p in tmp_path.iterdir()] == ["view.html"]

    monkeypatch.undo()
    render_view(small_graph(), target)
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert [p.name for p in tmp_path.iterdir()] == ["view.html"]


def test_one_filter_per_relation(tmp_path: Path) -> None:
    g = small_graph()
    g.add_edge(EX + "putin", EX + "ukraine", relation="mentions", polarity=1)
    g.add_edge(EX + "ukraine", EX + "putin", relation="mentions", polarity=-1)
    g.add_edge(EX + "ukraine", EX + "putin", relation="mentions", polarity=-1)
    html = render(tmp_path, g)
    assert html.count('class="kg-relation-filter" value="mentions"') == 1
    assert re.search(r'data-relation="mentions" data-polarity="negative"', html)  # its commonest polarity


def test_empty_page_is_ready_at_once(tmp_path: Path) -> None:
    assert '<body data-kg-ready="true">' in render(tmp_path, nx.MultiDiGraph())


# --- the actors view (kg.view.actors) ------------------------------------------------------------------------------


def actors_case() -> tuple[nx.MultiDiGraph, Any]:
    from kg.analysis.context import ArticleInfo, EventInfo, PlaceInfo, ViewContext

    g = small_graph()
    g.add_node(EX + "alone", label="Alone", type="Person")
    g.edges[EX + "putin", EX + "ukraine", EX + "a1"]["evidence"][0]["assertion"] = EX + "a1"
    context = ViewContext(
        articles={"art-1": ArticleInfo(id="art-1", title="Shelling", outlet="Reuters", date="2017-04-05"),
                  "art-2": ArticleInfo(id="art-2", title="Other", outlet="AFP", date="2016-01-01")},
        aliases={EX + "putin": ("Putin", "V. Putin")},
        assertions={EX + "a1": (0.75, "2017-04-01")},
        events=(EventInfo(iri=EX + "ev", type="air-strike", type_label="air strike", sentence="Jets struck.",
                          article="art-2", confidence=0.5, places=(EX + "town",), actors=(EX + "ukraine",), killed=4),),
        places={EX + "town": PlaceInfo(iri=EX + "town", label="Town", coordinates=(36.0, 37.0))},
    )
    return g, context


def test_actor_page_data() -> None:
    from kg.analysis.measures import analyze
    from kg.view.actors import page_data

    g, context = actors_case()
    data = page_data(g, analyze(g), context)
    actors = {a["id"]: a for a in data["actors"]}
    index = {a["id"]: i for i, a in enumerate(data["actors"])}
    assert actors[EX + "putin"]["names"] == ["Putin", "V. Putin"]  # aliases, the label left out
    assert sorted(a["rank"] for a in data["actors"]) == list(range(len(g)))
    relations = {r["name"]: r for r in data["relations"]}
    assert relations["accuses"]["on"] and relations["praises"]["on"] and not relations["mentioned with"]["on"]
    assert [r["polarity"] for r in data["relations"]] == sorted((r["polarity"] for r in data["relations"]),
                                                                key=lambda p: {-1: 0, 1: 1, 0: 2}[p])
    articles = [a["id"] for a in data["articles"]]
    accusation = next(x for x in data["links"] if x[2] == data["relations"].index(relations["accuses"]))
    assert accusation[:2] == [index[EX + "putin"], index[EX + "ukraine"]]
    assert articles[accusation[3]] == "art-1"
    assert data["sentences"][accusation[4]] == "Putin accused Ukraine of shelling."
    assert accusation[5] == 17257 and accusation[6] == 75  # its own date (2017-04-01) and confidence
    unknown = [x for x in data["links"] if x[2] == data["relations"].index(relations["mentioned with"])]
    # no date of its own: its article's (art-1, art-2), else (an article the context does not know) undated
    assert sorted((articles[x[3]], x[5]) for x in unknown) == [
        ("art-0", -1), ("art-1", 17261), ("art-2", 16801), ("art-3", -1), ("art-4", -1), ("art-5", -1), ("art-6", -1)]
    (event,) = data["events"]
    assert event[1] == 16801 and event[4] == 4 and data["places"][event[7][0]]["lat"] == 36.0  # the article's date
    assert event[8] == [index[EX + "ukraine"]] and data["eventTypes"][event[0]]["label"] == "air strike"
    assert data["days"] == [16801, 17261] and data["outlets"] == ["AFP", "Reuters"]


def test_actor_view_deterministic_and_escaped(tmp_path: Path) -> None:
    from kg.analysis.measures import analyze
    from kg.view.actors import render_actor_view

    g, context = actors_case()
    g.add_node(EX + "x", label=IMG_PAYLOAD + SCRIPT_PAYLOAD, type="Person")
    g.add_edge(EX + "x", EX + "putin", relation="accuses", polarity=-1,
               evidence=[{"assertion": EX + "z", "sentence": SCRIPT_PAYLOAD, "article": IMG_PAYLOAD}])
    first = render_actor_view(g, analyze(g), context, tmp_path / "a.html").read_bytes()
    shuffled = nx.MultiDiGraph()
    shuffled.add_nodes_from(reversed(list(g.nodes(data=True))))
    shuffled.add_edges_from(reversed(list(g.edges(keys=True, data=True))))
    assert render_actor_view(shuffled, analyze(shuffled), context, tmp_path / "b.html").read_bytes() == first
    html = first.decode("utf-8")
    assert IMG_PAYLOAD not in html and SCRIPT_PAYLOAD not in html and "default-src 'none'" in html
    parser = TagCollector()
    parser.feed(html)
    assert "img" not in parser.tags and parser.tags.count("script") == 4  # data, outlines, vis-network, the page's
    assert "innerHTML" not in parser.scripts[3] and "textContent" in parser.scripts[3]
    assert not re.search(r'(src|href)="https?://', html, re.I) and "fetch(" not in parser.scripts[3]
