"""The HTML views in a real browser: headless Chromium (Debian's ``chromium``) driven by Playwright.

The seeds build's networks drawn whole by ``kg.view.render`` are opened from disk and checked: no console
or page error, no request but for the file itself, as many nodes and edges in vis-network as in the
networkx graph they were drawn from, evidence in the tooltips, and working filters, physics toggle and
find box; the build's own views (``graph.html``, ``allegations.html``: the actors page) show their relations.
A hand-made graph full of HTML and script payloads checks that nothing from the data runs,
and a graph above ``kg.view.render.PHYSICS_MAX_NODES`` that the precomputed layout opens with physics off.

One browser serves the whole module (see ``tests/browser.py``). The tests are skipped, with the
reason, when chromium or playwright is missing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import browser as harness  # tests/browser.py (tests/ is on sys.path: conftest.py)
import networkx as nx
import pyoxigraph as ox
import pytest

from kg.analysis.network import CLAIMS, actor_network, allegation_network
from kg.view import render as view
from kg.view.render import render_view

pytestmark = pytest.mark.skipif(harness.skip_reason() is not None, reason=harness.skip_reason() or "")

#: The networks drawn whole by kg.view.render from the seeds build (the build's graph.html and allegations.html
#: are the actors page: tests of their own below and in tests/test_browser_corpus.py).
VIEWS: dict[str, Callable[[ox.Store], nx.MultiDiGraph]] = {
    "allegations.html": allegation_network,
}
EX, IMG_MARKER, SCRIPT_MARKER = harness.EX, harness.IMG_MARKER, harness.SCRIPT_MARKER
IMG_PAYLOAD = "<img src=x onerror=alert(1)>"
SCRIPT_PAYLOAD = "</script><script>alert(2)</script>"


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    with harness.browser() as browser:
        yield browser


@pytest.fixture(scope="module")
def seeds_graphs(seeds_build: Path) -> dict[str, nx.MultiDiGraph]:
    """The networkx graph behind each view of the seeds build."""
    store = ox.Store.read_only(str(seeds_build / "store"))
    try:
        return {name: network(store) for name, network in VIEWS.items()}
    finally:
        del store


@pytest.fixture(scope="module")
def seeds_network(seeds_build: Path) -> nx.MultiDiGraph:
    """The actor network of the seeds build, which its views (graph.html, allegations.html) draw."""
    store = ox.Store.read_only(str(seeds_build / "store"))
    try:
        return actor_network(store)
    finally:
        del store


@pytest.fixture(scope="module")
def seeds_pages(seeds_graphs: dict[str, nx.MultiDiGraph], tmp_path_factory) -> dict[str, Path]:
    """Each graph of the seeds build drawn whole by kg.view.render (the library's page for any network; the build's
    own views are the actors page, tested below and in tests/test_browser_corpus.py)."""
    folder = tmp_path_factory.mktemp("seeds-pages")
    return {name: render_view(graph, folder / name, title=f"conflict-kg: {name}") for name, graph in
            seeds_graphs.items()}


@pytest.fixture
def open_page(chromium) -> Iterator[Callable[..., tuple[Any, Any]]]:
    """Opens a view (waiting until it is ready); every page opened is closed after the test."""
    pages: list[Any] = []

    def opener(path: Path, **kwargs: Any) -> tuple[Any, Any]:
        page, log = harness.open_view(chromium, path, **kwargs)
        pages.append(page)
        return page, log

    yield opener
    for page in pages:
        harness.close(page)


def assert_clean(log) -> None:
    assert log.errors() == []
    assert log.dialogs == []
    assert log.foreign_requests() == []


# --- the seeds build -----------------------------------------------------------------------------


@pytest.mark.model  # the seeds build loads the spaCy pipeline
@pytest.mark.parametrize("name", list(VIEWS))
def test_seeds_view_is_offline_and_complete(name, seeds_pages, seeds_graphs, open_page):
    graph = seeds_graphs[name]
    assert graph.number_of_nodes() > 0 and graph.number_of_edges() > 0
    page, log = open_page(seeds_pages[name])
    assert harness.counts(page) == (graph.number_of_nodes(), graph.number_of_edges())
    assert page.evaluate("[kgNodes.length, kgEdges.length]") == [graph.number_of_nodes(), graph.number_of_edges()]
    assert log.requests, "the page's own request was not recorded"
    assert all(url.startswith("file:") for url in log.requests), log.requests
    assert_clean(log)


@pytest.mark.model
@pytest.mark.parametrize("name", list(VIEWS))
def test_seeds_tooltip_shows_evidence(name, seeds_pages, seeds_graphs, open_page):
    graph = seeds_graphs[name]
    with_evidence = [node for node, attrs in graph.nodes(data=True) if attrs.get("evidence")]
    assert with_evidence, f"no node of {name} has evidence"
    # graph.html: actors carry evidence; allegations.html: its allegations and denials do, its actors not
    page, log = open_page(seeds_pages[name])
    node = harness.loneliest(page, with_evidence)
    text = harness.tooltip_of(page, node)
    sentences = [" ".join(e["sentence"].split()) for e in graph.nodes[node]["evidence"]]
    assert " ".join(graph.nodes[node]["label"].split()) in text
    assert any(sentence[:60] in text for sentence in sentences), (text, sentences)
    assert_clean(log)


@pytest.mark.model
@pytest.mark.parametrize("name", list(VIEWS))
def test_seeds_filters(name, seeds_pages, seeds_graphs, open_page):
    graph = seeds_graphs[name]
    n_nodes, n_edges = graph.number_of_nodes(), graph.number_of_edges()
    types = Counter(attrs["type"] for _, attrs in graph.nodes(data=True))
    relations = Counter(attrs["relation"] for _, _, attrs in graph.edges(data=True))
    page, log = open_page(seeds_pages[name])
    shown = page.evaluate("Array.from(document.querySelectorAll('input.kg-type-filter')).map(box => box.value)")
    assert sorted(shown) == sorted(types)
    shown = page.evaluate("Array.from(document.querySelectorAll('input.kg-relation-filter')).map(box => box.value)")
    assert sorted(shown) == sorted(relations)

    kind, count = types.most_common(1)[0]
    box = page.locator(f'input.kg-type-filter[value="{kind}"]')
    box.uncheck()
    assert harness.counts(page)[0] == n_nodes - count
    relation, hidden = relations.most_common(1)[0]
    page.locator(f'input.kg-relation-filter[value="{relation}"]').uncheck()
    assert harness.counts(page) == (n_nodes - count, n_edges - hidden)
    box.check()
    page.locator(f'input.kg-relation-filter[value="{relation}"]').check()
    assert harness.counts(page) == (n_nodes, n_edges)
    assert_clean(log)


@pytest.mark.model
@pytest.mark.parametrize("name", list(VIEWS))
def test_seeds_physics_toggle_and_find(name, seeds_pages, seeds_graphs, open_page):
    graph = seeds_graphs[name]
    page, log = open_page(seeds_pages[name])
    physics = page.locator("#kg-physics")
    assert not physics.is_checked()  # turned off once the layout is stable
    physics.check()
    page.wait_for_timeout(300)  # let it move
    assert page.evaluate("kgNetwork.physics.options.enabled") is True
    physics.uncheck()
    assert page.evaluate("kgNetwork.physics.options.enabled") is False

    options = page.evaluate("Array.from(document.querySelectorAll('#kg-find option')).map(o => o.value)")
    assert options[0] == "" and sorted(options[1:]) == sorted(graph.nodes)
    node = sorted(graph.nodes)[len(graph) // 2]
    page.select_option("#kg-find", node)
    assert page.evaluate("kgNetwork.getSelectedNodes()") == [node]
    page.select_option("#kg-find", "")
    assert page.evaluate("kgNetwork.getSelectedNodes()") == []
    # finding a node whose type is filtered out does nothing (and raises nothing)
    kind = graph.nodes[node]["type"]
    page.locator(f'input.kg-type-filter[value="{kind}"]').uncheck()
    page.select_option("#kg-find", node)
    assert page.evaluate("kgNetwork.getSelectedNodes()") == []
    page.wait_for_timeout(100)
    assert_clean(log)


# --- hostile data ----------------------------------------------------------------------------------


def hostile_graph() -> nx.MultiDiGraph:
    label = f"Evil {IMG_PAYLOAD} {SCRIPT_PAYLOAD} {IMG_MARKER} {SCRIPT_MARKER}"
    sentence = f"He said {IMG_PAYLOAD} and {SCRIPT_PAYLOAD} then {IMG_MARKER} and {SCRIPT_MARKER}."
    graph = nx.MultiDiGraph()
    graph.add_node(EX + "evil", label=label, type="Person", size_value=3.0,
                   evidence=[{"sentence": sentence, "article": f"art {IMG_MARKER}"}],
                   facts=[(f"fact {SCRIPT_MARKER}", IMG_MARKER)])
    graph.add_node(EX + "victim", label="Victim", type="State", evidence=[{"sentence": "Plain.", "article": "a"}])
    graph.add_edge(EX + "evil", EX + "victim", key=EX + "claim", relation=f"accuses {IMG_MARKER}", polarity=-1,
                   evidence=[{"assertion": EX + "claim", "sentence": sentence, "article": SCRIPT_MARKER}])
    return graph


def test_payloads_in_the_data_stay_text(tmp_path, open_page):
    graph = hostile_graph()
    title = f"kg {IMG_MARKER} {SCRIPT_MARKER}"
    path = render_view(graph, tmp_path / "evil.html", title=title)
    page, log = open_page(path)
    assert harness.counts(page) == (2, 1)

    text = harness.tooltip_of(page, EX + "evil")
    label = graph.nodes[EX + "evil"]["label"]
    assert label in text
    assert graph.nodes[EX + "evil"]["evidence"][0]["sentence"] in text
    options = page.evaluate("Array.from(document.querySelectorAll('#kg-find option')).map(o => o.textContent)")
    assert f"{label} (Person)" in options
    relations = page.evaluate("Array.from(document.querySelectorAll('input.kg-relation-filter')).map(b => b.value)")
    assert relations == [f"accuses {IMG_MARKER}"]
    assert page.evaluate("document.querySelector('h1').textContent") == title
    assert page.title() == title

    page.wait_for_timeout(200)  # an injected onerror would have fired by now
    assert log.dialogs == []
    assert page.evaluate("document.querySelectorAll('img').length") == 0
    assert page.evaluate("document.querySelectorAll('script').length") == 3  # data, vis-network, the page's
    assert page.evaluate("typeof window.kgPwned") == "undefined"
    assert_clean(log)


# --- a big graph -----------------------------------------------------------------------------------


def test_big_graph_opens_with_physics_off(tmp_path, open_page):
    n = view.PHYSICS_MAX_NODES + 100
    graph = harness.synthetic_graph(n)
    path = render_view(graph, tmp_path / "big.html")
    page, log = open_page(path)  # waits for data-kg-ready
    assert page.evaluate("document.body.getAttribute('data-kg-ready')") == "true"
    assert harness.counts(page) == (n, graph.number_of_edges())
    assert page.evaluate("kgNetwork.physics.options.enabled") is False
    assert not page.locator("#kg-physics").is_checked()
    drawn = page.evaluate("kgNetwork.getPositions()")  # vis-network rounds them to whole pixels
    for node in view.graph_data(graph)["nodes"][:: n // 10]:  # where the Python layout put them
        assert drawn[node["id"]] == pytest.approx({"x": node["x"], "y": node["y"]}, abs=1.0)
    assert_clean(log)


# --- the actors view of the seeds (graph.html; the corpus: tests/test_browser_corpus.py) ---------------------------


@pytest.mark.model
def test_seeds_actor_view_shows_signed_relations(seeds_build, seeds_network, open_page):
    network = seeds_network
    signed = {node for u, v, p in network.edges(data="polarity") if p for node in (u, v)}
    page, log = open_page(seeds_build / "graph.html")
    shown = page.evaluate("kgNodes.getIds()")
    assert set(shown) == signed  # by default every actor with a positive or negative relation (far fewer than 150)
    actor = max(shown, key=network.degree)
    page.evaluate("(id) => kgFocus(kgData.actors.findIndex(a => a.id === id))", actor)
    evidence = page.locator("#evidence").inner_text()
    assert network.nodes[actor]["label"] in evidence
    sentences = [" ".join(e["sentence"].split())[:50] for _, _, d in network.edges(actor, data=True)
                 for e in d["evidence"]]
    assert any(s in evidence for s in sentences)
    assert_clean(log)


@pytest.mark.model
def test_seeds_allegations_view_is_the_actors_page_on_the_claims(seeds_build, seeds_network, open_page):
    network = seeds_network
    claims = {(u, v) for u, v, r in network.edges(data="relation") if r in CLAIMS}
    assert claims
    page, log = open_page(seeds_build / "allegations.html")
    relations = page.evaluate("kgData.relations.map(r => r.name)")
    assert set(relations) <= CLAIMS and "accuses" in relations
    shown = page.evaluate("kgEdges.get().map(e => [e.from, e.to])")
    assert shown and all((u, v) in claims or (v, u) in claims for u, v in shown)
    assert_clean(log)
