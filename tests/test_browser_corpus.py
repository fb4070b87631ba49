"""The actors view (``OUT/graph.html``) in headless Chromium, at corpus scale and with hostile data.

A build of the first :data:`CORPUS_ARTICLES` articles of ``../shared/corpus/fakes-syria-news.jsonl`` is made once for
the session. Its page must show at most ``kg.view.actors.DEFAULT_SHOWN`` actors by default, find an actor by part of
an alias, change what it shows when the date range changes, draw map markers offline, and show, for a clicked actor,
its evidence with each article's title, outlet and date; with no request but for the file itself and no console
error. How long the page takes to open is measured by ``bench/view.py``, not here.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import browser as harness  # tests/browser.py
import networkx as nx
import pytest
from conftest import SHARED

from kg.analysis.context import ArticleInfo, EventInfo, PlaceInfo, ViewContext
from kg.analysis.measures import analyze
from kg.view.actors import DEFAULT_SHOWN, render_actor_view

pytestmark = pytest.mark.skipif(harness.skip_reason() is not None, reason=harness.skip_reason() or "")

CORPUS = SHARED / "corpus" / "fakes-syria-news.jsonl"
CORPUS_ARTICLES = 300
EX, IMG_MARKER, SCRIPT_MARKER = harness.EX, harness.IMG_MARKER, harness.SCRIPT_MARKER


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    with harness.browser() as browser:
        yield browser


@pytest.fixture(scope="session")
def corpus_build(tmp_path_factory, runner) -> Path:
    """The first CORPUS_ARTICLES articles of the corpus, built once for the session (loads the spaCy model)."""
    if not CORPUS.is_file():
        pytest.skip(f"{CORPUS} not found: the corpus is in ../shared beside the project")
    from kg.cli import cli

    folder = tmp_path_factory.mktemp("corpus-build")
    lines = CORPUS.read_text(encoding="utf-8").splitlines()[:CORPUS_ARTICLES]
    source = folder / "corpus.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = folder / "out"
    result = runner.invoke(cli, ["build", str(source), "--out", str(out), "--workers", "2"])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture
def page_of(chromium) -> Iterator[Any]:
    pages: list[Any] = []

    def opener(path: Path) -> tuple[Any, Any]:
        page, log = harness.open_view(chromium, path)
        pages.append(page)
        return page, log

    yield opener
    for page in pages:
        harness.close(page)


def assert_clean(log) -> None:
    assert log.errors() == []
    assert log.dialogs == []
    assert log.foreign_requests() == []
    assert all(url.startswith("file:") for url in log.requests), log.requests


def shown_ids(page) -> list[str]:
    return sorted(page.evaluate("kgNodes.getIds()"))


# --- the corpus build ---------------------------------------------------------------------------------------------


@pytest.mark.model
def test_corpus_view_shows_the_strongest_part(corpus_build, page_of):
    page, log = page_of(corpus_build / "graph.html")
    data = page.evaluate("({actors: kgData.actors.length, links: kgData.links.length})")
    assert data["actors"] > 1000 and data["links"] > 1000  # the corpus is big enough to need the cut
    nodes, edges = harness.counts(page)
    assert 20 <= nodes <= DEFAULT_SHOWN and edges > 0
    # neutral relations are off by default, no actor is shown alone, each pair is one edge
    assert page.evaluate("kgData.relations.filter(r => r.polarity === 0).every(r => !r.on)")
    assert page.evaluate("""kgNodes.getIds().every(id => kgEdges.get().some(e => e.from === id || e.to === id))""")
    pairs = page.evaluate("kgEdges.get().map(e => [e.from, e.to].sort().join(' '))")
    assert len(pairs) == len(set(pairs))
    # the labels shown at the zoom the layout ends on do not overlap
    boxes = page.evaluate("""kgNodes.get().filter(n => n.label).map(n => kgNetwork.getBoundingBox(n.id))""")
    assert len(boxes) >= 10
    assert not any(not (a["right"] < b["left"] or a["left"] > b["right"] or a["bottom"] < b["top"]
                        or a["top"] > b["bottom"]) for i, a in enumerate(boxes) for b in boxes[i + 1:])
    # more actors with the slider
    page.evaluate("""() => { const s = document.getElementById('kg-shown'); s.value = '300';
                              s.dispatchEvent(new Event('change')); }""")
    harness.wait_ready(page)
    assert harness.counts(page)[0] > nodes
    assert_clean(log)


@pytest.mark.model
def test_corpus_search_by_part_of_an_alias_and_evidence(corpus_build, page_of):
    page, log = page_of(corpus_build / "graph.html")
    # an actor with a relation and an alias of two words or more that its label does not contain
    found = page.evaluate("""() => {
      const related = new Set();
      kgData.links.forEach(l => { if (kgData.relations[l[2]].on) { related.add(l[0]); related.add(l[1]); } });
      for (let i = 0; i < kgData.actors.length; i++) {
        const a = kgData.actors[i];
        if (!related.has(i)) continue;
        for (const name of a.names) {
          const part = name.slice(1, Math.max(5, name.length - 1));
          if (part.length >= 5 && !a.label.toLowerCase().includes(part.toLowerCase())) return [i, a.id, part];
        }
      }
      return null; }""")
    assert found, "no related actor has an alias in the first 300 articles"
    index, iri, part = found
    page.fill("#kg-search", part)
    button = page.locator(f'#kg-matches button[data-actor="{iri}"]')
    assert button.count() == 1
    button.click()
    assert page.evaluate("kgState.focus") == index
    assert iri in shown_ids(page) and page.evaluate("kgNetwork.getSelectedNodes()") == [iri]

    evidence = page.locator("#evidence").inner_text()
    link = page.evaluate(f"kgData.links.find(l => (l[0] === {index} || l[1] === {index}) && kgData.relations[l[2]].on)")
    article = page.evaluate(f"kgData.articles[{link[3]}]")
    assert article["title"] and article["outlet"] and article["date"]
    assert page.evaluate(f"kgData.sentences[{link[4]}]")[:40] in evidence
    assert article["title"] in evidence and article["outlet"] in evidence and article["date"] in evidence
    page.click("#kg-unfocus")
    assert page.evaluate("kgState.focus") == -1
    assert_clean(log)


@pytest.mark.model
def test_corpus_allegations_view_reads_at_scale(corpus_build, page_of):
    """``allegations.html``: the same page on who accuses whom and who denies whose accusation only."""
    page, log = page_of(corpus_build / "allegations.html")
    assert set(page.evaluate("kgData.relations.map(r => r.name)")) <= {"accuses", "denies"}
    nodes, edges = harness.counts(page)
    assert 10 <= nodes <= DEFAULT_SHOWN and edges > 0
    # the date range as in the actors view: every relation shown lies in a narrower range
    before = sorted(page.evaluate("kgEdges.getIds()"))
    low, high = page.evaluate("kgData.days")
    page.evaluate(f"""() => {{ const r = document.getElementById('kg-to'); r.value = '{low + (high - low) // 3}';
                              r.dispatchEvent(new Event('change')); }}""")
    harness.wait_ready(page)
    assert sorted(page.evaluate("kgEdges.getIds()")) != before
    assert page.evaluate("""kgData.links.filter(l => kgEdges.get().some(e => e.id === Math.min(l[0], l[1]) + '|' +
        Math.max(l[0], l[1])) && kgData.relations[l[2]].on).every(l => l[5] >= kgState.from && l[5] <= kgState.to)""")
    assert_clean(log)


@pytest.mark.model
def test_corpus_date_range_changes_what_is_shown(corpus_build, page_of):
    page, log = page_of(corpus_build / "graph.html")
    before = (shown_ids(page), sorted(page.evaluate("kgEdges.getIds()")))
    low, high = page.evaluate("kgData.days")
    assert high - low > 365  # the corpus spans years
    page.evaluate(f"""() => {{ const r = document.getElementById('kg-to'); r.value = '{low + (high - low) // 3}';
                              r.dispatchEvent(new Event('change')); }}""")
    harness.wait_ready(page)
    after = (shown_ids(page), sorted(page.evaluate("kgEdges.getIds()")))
    assert after != before
    assert page.evaluate("kgState.to") == low + (high - low) // 3
    # every shown relation lies in the range
    assert page.evaluate("""kgData.links.filter(l => kgEdges.get().some(e => e.id === Math.min(l[0], l[1]) + '|' +
        Math.max(l[0], l[1])) && kgData.relations[l[2]].on).every(l => l[5] >= kgState.from && l[5] <= kgState.to)""")
    # the timeline follows the range
    page.click("#tab-timeline")
    dots = page.locator("#kg-timeline-svg circle.kg-dot").count()
    assert dots > 0
    assert_clean(log)


@pytest.mark.model
def test_corpus_map_shows_markers_offline(corpus_build, page_of):
    page, log = page_of(corpus_build / "graph.html")
    page.click("#tab-map")
    markers = page.locator("#kg-map-svg circle.kg-marker")
    assert markers.count() > 0
    assert page.locator("#kg-countries").count() == 1  # the outlines, inlined
    markers.last.click()  # the smallest, drawn last, on top
    evidence = page.locator("#evidence").inner_text()
    assert markers.last.get_attribute("data-place") in evidence
    assert "\u201c" in evidence  # a sentence
    # the timeline of that place: its events only
    page.click("#tab-timeline")
    place = page.evaluate("kgState.place")
    assert page.evaluate(f"kgData.places[{place}].label") == markers.last.get_attribute("data-place")
    dots = page.locator("#kg-timeline-svg circle.kg-dot").count()
    dated = page.evaluate("kgData.events.filter(e => e[1] >= 0 && e[7].indexOf(kgState.place) >= 0).length")
    assert 0 < dots == dated
    assert_clean(log)


# --- hostile data ---------------------------------------------------------------------------------------------------


def hostile() -> tuple[nx.MultiDiGraph, ViewContext]:
    label = f"Evil {IMG_MARKER} {SCRIPT_MARKER}"
    sentence = f"He said {IMG_MARKER} and {SCRIPT_MARKER}."
    graph = nx.MultiDiGraph()
    graph.add_node(EX + "evil", label=label, type="Person", evidence=[{"sentence": sentence, "article": "a1"}])
    graph.add_node(EX + "victim", label="Victim", type="State")
    graph.add_edge(EX + "evil", EX + "victim", key=EX + "claim|v", relation=f"accuses {IMG_MARKER}", polarity=-1,
                   evidence=[{"assertion": EX + "claim", "sentence": sentence, "article": "a1"}])
    context = ViewContext(
        articles={"a1": ArticleInfo(id="a1", title=f"Title {SCRIPT_MARKER}", outlet=f"Outlet {IMG_MARKER}",
                                    date="2017-04-05", url="javascript:window.kgPwned=3")},
        aliases={EX + "evil": (f"alias {IMG_MARKER}",)},
        events=(EventInfo(iri=EX + "event", type="attack", type_label=f"attack {IMG_MARKER}", sentence=sentence,
                          article="a1", confidence=0.8, places=(EX + "place",), actors=(EX + "evil",), killed=3),),
        places={EX + "place": PlaceInfo(iri=EX + "place", label=f"Town {SCRIPT_MARKER}", coordinates=(36.2, 37.1))},
    )
    return graph, context


def test_actor_view_payloads_stay_text(tmp_path, page_of):
    graph, context = hostile()
    path = render_actor_view(graph, analyze(graph), context, tmp_path / "evil.html", title=f"kg {IMG_MARKER}")
    page, log = page_of(path)
    assert harness.counts(page) == (2, 1)
    page.fill("#kg-search", "alias <img")
    page.locator("#kg-matches button").first.click()
    evidence = page.locator("#evidence").inner_text()
    assert f"Title {SCRIPT_MARKER}" in evidence and f"Outlet {IMG_MARKER}" in evidence and "2017-04-05" in evidence
    assert page.locator("#evidence a").count() == 0  # a javascript: link is no link
    page.click("#tab-map")
    page.locator("circle.kg-marker").first.click()
    assert f"Town {SCRIPT_MARKER}" in page.locator("#evidence").inner_text()
    page.click("#tab-timeline")
    page.locator("circle.kg-dot").first.click()
    page.wait_for_timeout(200)
    assert page.evaluate("document.querySelectorAll('img').length") == 0
    assert page.evaluate("typeof window.kgPwned") == "undefined"
    assert page.evaluate("document.querySelectorAll('script').length") == 4  # data, outlines, vis-network, the page's
    assert page.title() == f"kg {IMG_MARKER}"
    assert_clean(log)


def test_actor_view_link_to_the_article(tmp_path, page_of):
    graph, context = hostile()
    info = context.articles["a1"]
    context.articles["a1"] = ArticleInfo(id="a1", title="Plain", outlet="Outlet", date="2017-04-05",
                                         url="https://example.org/article")
    path = render_actor_view(graph, analyze(graph), context, tmp_path / "link.html")
    page, log = page_of(path)
    page.evaluate("kgFocus(kgData.actors.findIndex(a => a.label.startsWith('Evil')))")
    link = page.locator("#evidence a").first
    assert link.get_attribute("href") == "https://example.org/article" and link.inner_text() == "Plain"
    assert info.title != "Plain"
    assert_clean(log)


def test_actor_view_filters_and_camps(tmp_path, page_of):
    """Outlet, article, confidence, event type and relation filters."""
    graph = nx.MultiDiGraph()
    for name in "abcd":
        graph.add_node(EX + name, label=name.upper(), type="State")
    edges = [("a", "b", "accuses", -1, "x1", "r1"), ("c", "d", "praises", 1, "x2", "r2"),
             ("a", "c", "attacks", -1, "ev", "r2"), ("b", "d", "speaks about", 0, "x3", "r1")]
    for u, v, relation, polarity, assertion, article in edges:
        graph.add_edge(EX + u, EX + v, key=EX + assertion, relation=relation, polarity=polarity,
                       evidence=[{"assertion": EX + assertion, "sentence": f"{u} {relation} {v}.", "article": article}])
    context = ViewContext(
        articles={"r1": ArticleInfo(id="r1", title="One", outlet="Reuters", date="2017-01-01"),
                  "r2": ArticleInfo(id="r2", title="Two", outlet="AFP", date="2017-02-01")},
        assertions={EX + "x1": (0.9, ""), EX + "x2": (0.4, ""), EX + "ev": (0.7, "")},
        events=(EventInfo(iri=EX + "ev", type="air-strike", type_label="air strike", sentence="a attacks c.",
                          article="r2", confidence=0.7, actors=(EX + "a", EX + "c")),),
    )
    result = analyze(graph)
    path = render_actor_view(graph, result, context, tmp_path / "filters.html")
    page, log = page_of(path)

    def pairs() -> list[str]:
        return sorted(page.evaluate("kgEdges.get().map(e => e.from.slice(-1) + e.to.slice(-1))"))

    assert pairs() == ["ab", "ac", "cd"]  # "speaks about" is off
    page.locator('input.kg-relation-filter[value="speaks about"]').check()
    assert pairs() == ["ab", "ac", "bd", "cd"]
    page.select_option("#kg-outlet", "AFP")
    assert pairs() == ["ac", "cd"]
    page.select_option("#kg-outlet", "")
    page.evaluate("""() => { const r = document.getElementById('kg-confidence'); r.value = '50';
                              r.dispatchEvent(new Event('change')); }""")
    assert pairs() == ["ab", "ac", "bd"]  # 0.4 < 0.5; relations with no confidence recorded count as 1.0
    page.select_option("#kg-event-type", "0")  # air strike: the attack stays, the others are no events
    assert pairs() == ["ab", "ac", "bd"]
    page.select_option("#kg-article", str(page.evaluate("kgData.articles.findIndex(a => a.id === 'r1')")))
    assert pairs() == ["ab", "bd"]

    assert_clean(log)


def test_actor_view_colour_by_camp(tmp_path, page_of):
    graph = nx.MultiDiGraph()
    for name in "abcd":
        graph.add_node(EX + name, label=name.upper(), type="State")
    for n, (u, v) in enumerate(["ab", "ac", "ad", "bc", "bd", "cd"]):  # each actor: three signed relations
        polarity = 1 if (u, v) in {("a", "c"), ("b", "d")} else -1
        graph.add_edge(EX + u, EX + v, key=EX + f"x{n}", relation="praises" if polarity > 0 else "accuses",
                       polarity=polarity,
                       evidence=[{"assertion": EX + f"x{n}", "sentence": f"{u} {v}.", "article": "r"}])
    result = analyze(graph)
    camp = result.measures["camp"]
    assert camp[EX + "a"] == camp[EX + "c"] != camp[EX + "b"] == camp[EX + "d"]
    path = render_actor_view(graph, result, ViewContext(), tmp_path / "camps.html")
    page, log = page_of(path)
    colours = page.evaluate("Object.fromEntries(kgNodes.get().map(n => [n.id, n.color]))")
    page.select_option("#kg-color", "camp")
    camps = page.evaluate("Object.fromEntries(kgNodes.get().map(n => [n.id, n.color]))")
    camp_colours = page.evaluate("Object.fromEntries(kgData.camps.map(c => [c.camp, c.color]))")
    assert camps != colours and len(set(camps.values())) == 2
    assert camps == {node: camp_colours[str(camp[node])] for node in graph}
    legend = page.locator("#kg-legend").inner_text()
    assert f"camp {camp[EX + 'a']}" in legend and f"camp {camp[EX + 'b']}" in legend
    assert_clean(log)
