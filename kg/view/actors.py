"""The actors view (``OUT/graph.html``): the actor network at any scale, with time, a map and filters.

The page gets all the data once, in compact tables (actors, articles, sentences, relations, links, events, places),
and draws what the reader asks for: by default the strongest part of the network (the actors with the highest
PageRank that have a signed relation in the date range, :data:`DEFAULT_SHOWN` at most, a slider for more), each pair's
relations merged into one edge whose width is their count, neutral relations ("speaks about", "reports", "quotes")
off, isolated actors hidden. A search box finds an actor by any part of its name or of an alias; clicking an actor
shows its neighbours and its evidence: each sentence with its article's title, outlet, date, and link when the
record had one. A date-range slider filters relations and events (an event's own date, else its article's); a
timeline and a map (places with coordinates, markers sized by the killed, coloured by event type) show the events.

The rules of :mod:`kg.view.render` hold: no network request (the Content-Security-Policy forbids any), untrusted
text only inside the JSON data block and put into the page as text, the same input gives a byte-identical file.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import Counter
from pathlib import Path
from typing import Any

import jinja2
import networkx as nx

from kg.analysis.context import ViewContext
from kg.files import write_text
from kg.records import Analysis
from kg.view import render
from kg.view.geo import world_outlines

#: Actors drawn by default (the strongest part of the network); the slider goes up to MAX_SHOWN.
DEFAULT_SHOWN = 150
MAX_SHOWN = 600
#: Actors whose name is written beside their node (the most related ones; all of them when one actor is in focus).
LABELLED = 40
#: Longest sentence kept (the rest is cut with an ellipsis).
MAX_SENTENCE_CHARS = render.MAX_SENTENCE_CHARS
#: Colours of event types, most frequent first (the rest share OTHER_EVENT_COLOR).
EVENT_COLORS = ("#d62728", "#ff7f0e", "#9467bd", "#8c564b", "#1f77b4", "#e377c2", "#17becf", "#bcbd22")
OTHER_EVENT_COLOR = "#7f7f7f"
#: Colours of the camps of the structural-balance analysis (camp number modulo their count).
CAMP_COLORS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2")
_EPOCH = dt.date(1970, 1, 1)
_TEMPLATES = Path(__file__).with_name("templates")


def actor_view(network: nx.MultiDiGraph, result: Analysis) -> nx.MultiDiGraph:
    """A copy of the actor network for the view: nodes sized by PageRank, with their figures."""
    view = network.copy()
    pagerank, camp = result.measures["pagerank"], result.measures["camp"]
    for node, attrs in view.nodes(data=True):
        attrs["size_value"] = pagerank.get(node, 0.0)
        attrs["facts"] = _facts(node, result)
        if node in camp:
            attrs["camp"] = camp[node]
    return view


def _facts(node: Any, result: Analysis) -> list[tuple[str, Any]]:
    pagerank, camp = result.measures["pagerank"], result.measures["camp"]
    facts: list[tuple[str, Any]] = [("accuses", result.measures["accusations_made"].get(node, 0)),
                                    ("accused", result.measures["accusations_received"].get(node, 0)),
                                    ("PageRank", f"{pagerank.get(node, 0.0):.3f}")]
    if node in camp:
        facts.append(("camp", camp[node]))
    return facts


def render_actor_view(network: nx.MultiDiGraph, result: Analysis, context: ViewContext, path: str | Path, *,
                      title: str = "conflict-kg: actors") -> Path:
    """Write the actors view of ``network`` (with ``result``'s figures and ``context``'s articles and events) to
    ``path`` atomically and return the path."""
    target = Path(path)
    data = page_data(network, result, context)
    write_text(_render_html(data, title), target, errors="replace")
    return target


def page_data(network: nx.MultiDiGraph, result: Analysis, context: ViewContext) -> dict[str, Any]:
    """The JSON-ready tables the page draws from, deterministic for the same input.

    ``links`` are ``[source, target, relation, article, sentence, day, confidence %, event type]`` (indexes into
    ``actors``, ``relations``, ``articles``, ``sentences``, ``eventTypes``; ``day``: days since 1970-01-01, -1 when
    unknown; event type -1 for a relation that is not an event); ``events`` are ``[type, day, article, sentence,
    killed, injured, confidence %, places, actors]``.
    """
    pagerank = result.measures["pagerank"]
    camp = result.measures["camp"]
    sentences = _Table()
    article_ids = sorted(context.articles)
    for _, _, attrs in network.edges(data=True):  # articles the context does not know (a partial store) still show
        for item in attrs.get("evidence") or ():
            if item.get("article") and item["article"] not in context.articles:
                article_ids.append(item["article"])
    article_ids = sorted(set(article_ids))
    article_index = {a: i for i, a in enumerate(article_ids)}
    articles = []
    for a in article_ids:
        info = context.articles.get(a)
        articles.append({"id": a, "title": info.title if info else "", "outlet": info.outlet if info else "",
                         "date": info.date if info else "", "url": info.url if info else ""})
    article_day = [_day(a["date"]) for a in articles]

    # the event types, most frequent first
    type_counts = Counter(e.type for e in context.events)
    type_labels = {e.type: e.type_label for e in context.events}
    type_ids = sorted(type_counts, key=lambda t: (-type_counts[t], t))
    type_index = {t: i for i, t in enumerate(type_ids)}
    event_types = [{"id": t, "label": type_labels[t], "count": type_counts[t],
                    "color": EVENT_COLORS[i] if i < len(EVENT_COLORS) else OTHER_EVENT_COLOR}
                   for i, t in enumerate(type_ids)]
    event_type_of = {e.iri: type_index[e.type] for e in context.events}

    nodes = sorted(network.nodes, key=str)
    order = sorted(nodes, key=lambda n: (-pagerank.get(n, 0.0), str(network.nodes[n].get("label", "")), str(n)))
    rank = {n: i for i, n in enumerate(order)}
    actor_index = {n: i for i, n in enumerate(nodes)}
    actors = []
    for node in nodes:
        attrs = network.nodes[node]
        label = render._label(node, attrs)
        names = sorted({" ".join(a.split()) for a in context.aliases.get(str(node), ())} - {label})
        evidence = []
        for item in attrs.get("evidence") or ():
            if isinstance(item, dict) and item.get("sentence"):
                evidence.append([article_index.get(item.get("article", ""), -1),
                                 sentences.add(_cut(item["sentence"]))])
        actors.append({"id": str(node), "label": label, "names": names, "type": render._node_type(attrs),
                       "rank": rank[node], "camp": camp.get(node, -1), "facts": [[k, str(v)] for k, v in
                                                                                 _facts(node, result)],
                       "evidence": evidence})

    relation_names = sorted({str(d.get("relation") or "related to") for _, _, d in network.edges(data=True)})
    polarity_of = {}
    for _, _, d in network.edges(data=True):
        polarity_of.setdefault(str(d.get("relation") or "related to"), render._polarity(d.get("polarity")))
    order_of = {-1: 0, 1: 1, 0: 2}
    relation_names.sort(key=lambda r: (order_of[polarity_of[r]], r))
    relation_index = {r: i for i, r in enumerate(relation_names)}
    relations = [{"name": r, "polarity": polarity_of[r], "color": render.POLARITY_COLORS[polarity_of[r]],
                  "count": 0, "on": polarity_of[r] != 0} for r in relation_names]

    links = []
    for u, v, _, attrs in render._sorted_edges(network):
        if u == v:
            continue
        relation = relation_index[str(attrs.get("relation") or "related to")]
        for item in attrs.get("evidence") or ():
            if not isinstance(item, dict):
                continue
            assertion = str(item.get("assertion", ""))
            article = article_index.get(str(item.get("article", "")), -1)
            confidence, date = context.assertions.get(assertion, (1.0, ""))
            day = _day(date) if date else (article_day[article] if article >= 0 else -1)
            links.append([actor_index[u], actor_index[v], relation, article,
                          sentences.add(_cut(str(item.get("sentence") or ""))), day, round(confidence * 100),
                          event_type_of.get(assertion, -1)])
            relations[relation]["count"] += 1
    links.sort()

    place_ids = sorted(context.places)
    place_index = {p: i for i, p in enumerate(place_ids)}
    places = []
    for p in place_ids:
        info = context.places[p]
        lat, lon = info.coordinates if info.coordinates else (None, None)
        places.append({"id": p, "label": info.label, "lat": lat, "lon": lon})
    events = []
    for e in context.events:
        article = article_index.get(e.article, -1)
        day = _day(e.date) if e.date else (article_day[article] if article >= 0 else -1)
        events.append([type_index[e.type], day, article, sentences.add(_cut(e.sentence)), e.killed, e.injured,
                       round(e.confidence * 100), [place_index[p] for p in e.places if p in place_index],
                       [actor_index[a] for a in e.actors if a in actor_index]])
    events.sort()

    days = [x[5] for x in links if x[5] >= 0] + [x[1] for x in events if x[1] >= 0]
    outlets = sorted({a["outlet"] for a in articles if a["outlet"]})
    camps = sorted({c for c in camp.values()})
    return {
        "actors": actors, "articles": articles, "sentences": sentences.items, "relations": relations,
        "links": links, "events": events, "eventTypes": event_types, "places": places, "outlets": outlets,
        "types": [{"type": t, "color": c} for t, c in render.TYPE_COLORS.items()] +
                 [{"type": render.OTHER_TYPE, "color": render.OTHER_COLOR}],
        "camps": [{"camp": c, "color": CAMP_COLORS[c % len(CAMP_COLORS)]} for c in camps],
        "days": [min(days), max(days)] if days else [],
        "defaultShown": DEFAULT_SHOWN, "maxShown": MAX_SHOWN, "labelled": LABELLED,
        "options": _options(),
    }


class _Table:
    """Strings stored once, referred to by index."""

    def __init__(self) -> None:
        self.items: list[str] = []
        self._index: dict[str, int] = {}

    def add(self, text: str) -> int:
        if text not in self._index:
            self._index[text] = len(self.items)
            self.items.append(text)
        return self._index[text]


def _cut(text: str) -> str:
    return render._shorten(text, MAX_SENTENCE_CHARS)


def _day(date: str) -> int:
    """Days since 1970-01-01 of an ISO date (its first 10 characters), -1 when it is none."""
    try:
        return (dt.date.fromisoformat(date[:10]) - _EPOCH).days
    except ValueError:
        return -1


def _options() -> dict[str, Any]:
    """vis-network options: physics until stable, node and label sizes scaled so that small labels only show
    when zoomed in (labels do not pile up)."""
    return {
        "autoResize": True,
        "layout": {"randomSeed": render.LAYOUT_SEED, "improvedLayout": False},
        "nodes": {
            "shape": "dot", "borderWidth": 1,
            "scaling": {"min": 6, "max": 36, "label": {"enabled": True, "min": 14, "max": 24, "maxVisible": 24,
                                                       "drawThreshold": 5}},
            "font": {"face": "sans-serif", "strokeWidth": 3, "strokeColor": "#ffffff"},
        },
        "edges": {
            "smooth": False,
            "arrows": {"to": {"enabled": False, "scaleFactor": 0.5}},
            "selectionWidth": 2,
        },
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": True},
        "physics": {
            "enabled": True, "solver": "forceAtlas2Based",
            "forceAtlas2Based": {"gravitationalConstant": -70, "centralGravity": 0.03, "springLength": 100,
                                 "springConstant": 0.06, "avoidOverlap": 0.6},
            "minVelocity": 1.0,
            "stabilization": {"enabled": True, "iterations": 400, "updateInterval": 50, "fit": True},
        },
    }


def _render_html(data: dict[str, Any], title: str) -> str:
    n_connected = len({x[0] for x in data["links"]} | {x[1] for x in data["links"]})
    return _template().render(
        title=title,
        n_actors=len(data["actors"]),
        n_connected=n_connected,
        n_links=len(data["links"]),
        n_events=len(data["events"]),
        n_articles=len(data["articles"]),
        empty=not data["actors"],
        data_json=render.script_json(data),
        world_json=render.script_json(world_outlines() if data["places"] else []),
        vis_js="" if not data["actors"] else render._vis_js(),
    )


@functools.cache
def _template() -> jinja2.Template:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(_TEMPLATES)), autoescape=True, trim_blocks=True,
                             lstrip_blocks=True, undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    return env.get_template("actors.html")
