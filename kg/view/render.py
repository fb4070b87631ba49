"""A self-contained, offline, interactive HTML view of the actor graph.

:func:`render_view` writes one HTML file that draws the actor graph with vis-network:
nodes coloured by actor type and sized by ``size_value``, edges coloured by polarity,
and tooltips that list the evidence sentences behind each actor and each relation.

The page makes no network request. The vis-network build that ships inside the pyvis
package is inlined into the page, and the page carries its own small template
(``kg/view/templates/view.html``) instead of pyvis's, which pulls Bootstrap from a CDN. A
Content-Security-Policy in the page forbids any fetch as a second line of defence.

Everything that comes from articles (labels, sentences, article names) is untrusted.
It reaches the page only inside one ``<script type="application/json">`` block, where
``<``, ``>`` and ``&`` are written as ``\\u003c``, ``\\u003e`` and ``\\u0026``, and the
page's script puts it into the DOM as text nodes (``textContent``), never as HTML.

The output is deterministic: the same graph gives a byte-identical file.
"""

from __future__ import annotations

import functools
import json
import math
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
import networkx as nx

from kg.files import write_text

#: Colour of each actor type, in legend order (no red or green: those mean polarity on edges).
TYPE_COLORS: dict[str, str] = {
    "Person": "#4e79a7",
    "State": "#b07aa1",
    "ArmedGroup": "#f28e2b",
    "Organization": "#edc948",
    "Media": "#76b7b2",
    "Group": "#ff9da7",
    "Place": "#9c755f",
    "Allegation": "#e15759",
    "Denial": "#59a14f",
}
#: vis-network shape of each node type (default: a dot).
TYPE_SHAPES: dict[str, str] = {"Allegation": "diamond", "Denial": "square"}
#: Type and colour of a node whose ``type`` is missing or not one of :data:`TYPE_COLORS`.
OTHER_TYPE = "Other"
OTHER_COLOR = "#bab0ac"

#: Edge colour by the sign of ``polarity``.
POLARITY_COLORS: dict[int, str] = {-1: "#d62728", 0: "#9e9e9e", 1: "#2ca02c"}
POLARITY_NAMES: dict[int, str] = {-1: "negative", 0: "neutral", 1: "positive"}
_POLARITY_OF = {name: value for value, name in POLARITY_NAMES.items()}

#: Node sizes (vis-network ``size``, in pixels) are scaled into this range.
MIN_NODE_SIZE = 10.0
MAX_NODE_SIZE = 40.0
#: Display labels longer than this are cut (the full label is in the tooltip).
MAX_LABEL_CHARS = 40
#: Evidence items listed in one tooltip, and the longest sentence shown in full.
MAX_EVIDENCE = 5
MAX_SENTENCE_CHARS = 300
#: Above this many nodes the layout is computed in Python and physics is turned off.
PHYSICS_MAX_NODES = 500
#: Edges carry their relation as a visible label when the graph has at most this many edges.
EDGE_LABEL_MAX_EDGES = 150
#: Above this many nodes the Python layout's repulsion is estimated from LAYOUT_SAMPLE random nodes per step.
LAYOUT_EXACT_MAX = 2000
LAYOUT_SAMPLE = 1000
#: Seed of vis-network's layout and of the Python layout.
LAYOUT_SEED = 42
#: Side, in pixels, of the square each node gets on average in the Python layout.
LAYOUT_SPACING = 100.0
#: Pull of the Python layout towards the centre (keeps small components and isolated actors close).
LAYOUT_GRAVITY = 8.0

#: Characters written as ``\uXXXX`` in JSON embedded in a ``<script>`` element.
_SCRIPT_ESCAPES = {ord(c): f"\\u{ord(c):04x}" for c in "<>&\u2028\u2029"}
_TEMPLATES = Path(__file__).with_name("templates")
_VIS_JS = ("templates", "lib", "vis-9.1.2", "vis-network.min.js")


def render_view(graph: nx.MultiDiGraph, path: str | Path, *, title: str = "conflict-kg") -> Path:
    """Write an interactive HTML view of ``graph`` to ``path`` and return the path.

    ``graph`` is not changed. Its nodes are actor IRIs with ``label``, ``type`` and the
    optional ``size_value`` (default: the node's degree) and ``evidence`` (sentences that
    mention the actor); its edges have ``relation``, ``polarity`` (-1, 0 or +1) and
    ``evidence`` (dicts with ``sentence`` and ``article``). Any networkx graph is
    accepted; a missing attribute gets a sensible default.

    The file is written atomically (a temporary file in the same folder, then
    ``os.replace``); missing parent folders are created. An empty graph gives a page
    that says there is nothing to show.
    """
    target = Path(path)
    data = graph_data(graph)
    html = _render_html(data, title)
    write_text(html, target, errors="replace")
    return target


def graph_data(graph: nx.Graph) -> dict[str, Any]:
    """The JSON-ready data the page draws: vis-network ``nodes``, ``edges`` and ``options``.

    Nodes and edges are sorted, so the same graph always gives the same data. Each node
    and edge carries a ``kg`` object with the text its tooltip shows.
    """
    node_ids = sorted(graph.nodes, key=str)
    edges = _sorted_edges(graph)
    big = len(node_ids) > PHYSICS_MAX_NODES
    labels = {node: _label(node, graph.nodes[node]) for node in node_ids}
    sizes = _node_sizes(graph, node_ids)
    positions = _static_layout(node_ids, edges) if big else {}

    nodes: list[dict[str, Any]] = []
    for node in node_ids:
        attrs = graph.nodes[node]
        kind = _node_type(attrs)
        sentences = [e for e in (_evidence_item(raw) for raw in _as_list(attrs.get("evidence"))) if e]
        facts = [[str(name), str(value)] for name, value in _as_list(attrs.get("facts"))
                 if isinstance(name, str)] if isinstance(attrs.get("facts"), (list, tuple)) else []
        item: dict[str, Any] = {
            "id": str(node),
            "label": _shorten(labels[node], MAX_LABEL_CHARS),
            "color": TYPE_COLORS.get(kind, OTHER_COLOR),
            "size": sizes[node],
            "kg": {
                "iri": str(node),
                "label": labels[node],
                "type": kind,
                "facts": facts,
                "evidence": sentences[:MAX_EVIDENCE],
                "more": max(0, len(sentences) - MAX_EVIDENCE),
            },
        }
        if kind in TYPE_SHAPES:
            item["shape"] = TYPE_SHAPES[kind]
        if node in positions:
            item["x"], item["y"] = positions[node]
        nodes.append(item)

    pair_count = Counter(frozenset((str(u), str(v))) for u, v, _, _ in edges)
    pair_seen: Counter[frozenset[str]] = Counter()
    show_edge_labels = len(edges) <= EDGE_LABEL_MAX_EDGES
    vis_edges: list[dict[str, Any]] = []
    for index, (u, v, key, attrs) in enumerate(edges):
        polarity = _polarity(attrs.get("polarity"))
        relation = str(attrs.get("relation") or "related to")
        evidence = [e for e in (_evidence_item(raw) for raw in _as_list(attrs.get("evidence"))) if e]
        item = {
            "id": f"e{index}",
            "from": str(u),
            "to": str(v),
            "arrows": "to",
            "color": {"color": POLARITY_COLORS[polarity], "highlight": POLARITY_COLORS[polarity], "opacity": 0.85},
            "dashes": polarity == 0,
            "width": round(1.0 + 0.75 * math.sqrt(min(len(evidence), 16)), 2),
            "kg": {
                "iri": "" if key is None else str(key),
                "source": labels[u],
                "target": labels[v],
                "relation": relation,
                "polarity": POLARITY_NAMES[polarity],
                "evidence": evidence[:MAX_EVIDENCE],
                "more": max(0, len(evidence) - MAX_EVIDENCE),
            },
        }
        if show_edge_labels:
            item["label"] = relation
        pair = frozenset((str(u), str(v)))
        if pair_count[pair] > 1:  # bend parallel and reciprocal edges apart
            roundness = round(0.12 * (pair_seen[pair] % 8 + 1), 2)  # at most 0.96: stronger bends look broken
            item["smooth"] = {"enabled": True, "type": "curvedCW", "roundness": roundness}
            pair_seen[pair] += 1
        vis_edges.append(item)

    return {"nodes": nodes, "edges": vis_edges, "options": _options(len(node_ids), big)}


def script_json(value: object) -> str:
    """``value`` as JSON that is safe inside an HTML ``<script>`` element.

    ``<``, ``>`` and ``&`` (which JSON only has inside strings) are written as ``\\u003c``,
    ``\\u003e`` and ``\\u0026``, so no ``</script>`` or ``<!--`` can appear; U+2028 and
    U+2029 are escaped too. Keys are sorted, so the text is deterministic.
    """
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)
    for char, escaped in _SCRIPT_ESCAPES.items():  # str.replace each: far faster than str.translate on megabytes
        text = text.replace(chr(char), escaped)
    return text


# --- nodes and edges ---------------------------------------------------------------


def _sorted_edges(graph: nx.Graph) -> list[tuple[Hashable, Hashable, Hashable | None, Mapping[str, Any]]]:
    if graph.is_multigraph():
        raw = [(u, v, k, d) for u, v, k, d in graph.edges(keys=True, data=True)]
    else:
        raw = [(u, v, None, d) for u, v, d in graph.edges(data=True)]
    return sorted(raw, key=lambda e: (str(e[0]), str(e[1]), "" if e[2] is None else str(e[2])))


def _label(node: Hashable, attrs: Mapping[str, Any]) -> str:
    label = attrs.get("label")
    if isinstance(label, str) and label.strip():
        return " ".join(label.split())
    iri = str(node)
    return iri.rstrip("/#").rsplit("/", 1)[-1].rsplit("#", 1)[-1] or iri


def _node_type(attrs: Mapping[str, Any]) -> str:
    kind = attrs.get("type")
    return kind if isinstance(kind, str) and kind in TYPE_COLORS else OTHER_TYPE


def _node_sizes(graph: nx.Graph, node_ids: list[Hashable]) -> dict[Hashable, float]:
    """``size_value`` (default: degree) scaled by its square root into the pixel range."""
    roots: dict[Hashable, float] = {}
    for node in node_ids:
        value = _number(graph.nodes[node].get("size_value"))
        if value is None:
            value = float(graph.degree(node))
        roots[node] = math.sqrt(max(value, 0.0))
    if not roots:
        return {}
    low, high = min(roots.values()), max(roots.values())
    middle = (MIN_NODE_SIZE + MAX_NODE_SIZE) / 2
    if high - low < 1e-12:
        return {node: middle for node in node_ids}
    span = MAX_NODE_SIZE - MIN_NODE_SIZE
    return {node: round(MIN_NODE_SIZE + span * (roots[node] - low) / (high - low), 2) for node in node_ids}


def _number(value: object) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def _polarity(value: object) -> int:
    number = _number(value)
    if number is None or number == 0:
        return 0
    return 1 if number > 0 else -1


def _as_list(value: object) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, (str, bytes, Mapping)):
        return [value]
    if isinstance(value, Iterable):
        return list(value)
    return [value]


def _evidence_item(raw: object) -> dict[str, str] | None:
    """One edge evidence item as ``{"sentence", "article"}`` with the sentence cut short."""
    if isinstance(raw, Mapping):
        sentence, article = raw.get("sentence"), raw.get("article")
    else:
        sentence, article = raw, None
    if not isinstance(sentence, str) or not sentence.strip():
        return None
    return {
        "sentence": _shorten(sentence, MAX_SENTENCE_CHARS),
        "article": "" if article is None else _shorten(str(article), MAX_SENTENCE_CHARS),
    }


def _shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


def _options(n_nodes: int, big: bool) -> dict[str, Any]:
    """vis-network options: physics with stabilisation for small graphs, none for big ones."""
    physics: dict[str, Any]
    if big:
        physics = {"enabled": False}
    else:
        physics = {
            "enabled": True,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {
                "gravitationalConstant": -60,
                "centralGravity": 0.01,
                "springLength": 120,
                "springConstant": 0.08,
                "avoidOverlap": 0.4,
            },
            "minVelocity": 0.75,
            "stabilization": {"enabled": True, "iterations": 600, "updateInterval": 25, "fit": True},
        }
    return {
        "autoResize": True,
        "layout": {"randomSeed": LAYOUT_SEED, "improvedLayout": n_nodes <= 100},
        "nodes": {
            "shape": "dot",
            "borderWidth": 1,
            "font": {"size": 14, "face": "sans-serif", "strokeWidth": 3, "strokeColor": "#ffffff"},
        },
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.6}},
            "font": {"size": 10, "color": "#555555", "align": "middle", "strokeWidth": 3, "strokeColor": "#ffffff"},
            "smooth": False if big else {"enabled": True, "type": "continuous", "roundness": 0.5},
            "selectionWidth": 2,
        },
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": big, "navigationButtons": False},
        "physics": physics,
    }


# --- layout for big graphs ---------------------------------------------------------


def _static_layout(
    node_ids: list[Hashable], edges: list[tuple[Hashable, Hashable, Hashable | None, Mapping[str, Any]]]
) -> dict[Hashable, tuple[float, float]]:
    """Positions in pixels from a seeded Fruchterman-Reingold layout (numpy only).

    networkx's ``spring_layout`` needs scipy from 500 nodes on, which this project does
    not depend on; this is the same force model, computed in row blocks so memory stays
    small, with a pull to the centre that keeps small components and isolated actors close by.
    The result is scaled so that each node gets a square of about ``LAYOUT_SPACING`` pixels a side.
    """
    import numpy as np

    n = len(node_ids)
    if n == 0:
        return {}
    if n == 1:
        return {node_ids[0]: (0.0, 0.0)}
    index = {node: i for i, node in enumerate(node_ids)}
    pairs = sorted({(min(index[u], index[v]), max(index[u], index[v])) for u, v, _, _ in edges if u != v})
    src = np.array([p[0] for p in pairs], dtype=np.intp)
    dst = np.array([p[1] for p in pairs], dtype=np.intp)

    rng = np.random.default_rng(LAYOUT_SEED)
    pos = rng.random((n, 2))
    k = math.sqrt(1.0 / n)
    iterations = 60 if n <= 2000 else 30
    temperature = 0.1
    cooling = temperature / (iterations + 1)
    sampled = n > LAYOUT_EXACT_MAX
    block = max(1, 1_000_000 // (LAYOUT_SAMPLE if sampled else n))
    for _ in range(iterations):
        disp = np.zeros((n, 2))
        # repulsion from every node, or (big graphs) from a fresh random sample scaled up to all of them,
        # so an iteration costs n x LAYOUT_SAMPLE instead of n x n
        others = pos[rng.choice(n, LAYOUT_SAMPLE, replace=False)] if sampled else pos
        weight = n / LAYOUT_SAMPLE if sampled else 1.0
        for start in range(0, n, block):
            delta = pos[start : start + block, None, :] - others[None, :, :]
            dist2 = np.maximum(np.einsum("ijk,ijk->ij", delta, delta), 1e-6)
            disp[start : start + block] += weight * np.einsum("ijk,ij->ik", delta, (k * k) / dist2)
        if len(pairs):
            delta = pos[src] - pos[dst]
            dist = np.maximum(np.sqrt(np.einsum("ij,ij->i", delta, delta)), 1e-3)
            pull = delta * (dist / k)[:, None]
            np.add.at(disp, src, -pull)
            np.add.at(disp, dst, pull)
        disp -= LAYOUT_GRAVITY * (pos - pos.mean(axis=0))
        length = np.maximum(np.sqrt(np.einsum("ij,ij->i", disp, disp)), 1e-9)
        pos += disp * (np.minimum(length, temperature) / length)[:, None]
        temperature -= cooling
    pos -= pos.mean(axis=0)
    rms = math.sqrt(float(np.einsum("ij,ij->", pos, pos)) / n) or 1.0
    pos *= LAYOUT_SPACING * math.sqrt(n / (2 * math.pi)) / rms  # the RMS radius of a disc of n such squares
    return {node: (round(float(x), 1), round(float(y), 1)) for node, (x, y) in zip(node_ids, pos, strict=True)}


# --- page --------------------------------------------------------------------------


def _render_html(data: dict[str, Any], title: str) -> str:
    type_counts = Counter(node["kg"]["type"] for node in data["nodes"])
    legend = [{"type": kind, "color": color, "count": type_counts[kind], "shape": TYPE_SHAPES.get(kind, "dot")}
              for kind, color in TYPE_COLORS.items() if type_counts.get(kind)]
    if type_counts.get(OTHER_TYPE):
        legend.append({"type": OTHER_TYPE, "color": OTHER_COLOR, "count": type_counts[OTHER_TYPE], "shape": "dot"})
    # one filter per relation name (its polarity: the commonest one it has)
    relation_counts = Counter(edge["kg"]["relation"] for edge in data["edges"])
    relation_polarity: dict[str, Counter[str]] = {}
    for edge in data["edges"]:
        relation_polarity.setdefault(edge["kg"]["relation"], Counter())[edge["kg"]["polarity"]] += 1
    order = {name: i for i, name in enumerate(("negative", "positive", "neutral"))}
    relations = []
    for relation, count in relation_counts.items():
        polarity = min(relation_polarity[relation].items(), key=lambda kv: (-kv[1], order[kv[0]]))[0]
        relations.append({"name": relation, "count": count, "polarity": polarity,
                          "color": POLARITY_COLORS[_POLARITY_OF[polarity]],
                          "style": "dashed" if polarity == "neutral" else "solid"})
    relations.sort(key=lambda r: (order[r["polarity"]], r["name"]))
    polarities = [
        {"name": POLARITY_NAMES[p], "color": POLARITY_COLORS[p], "style": "dashed" if p == 0 else "solid"}
        for p in (-1, 1, 0)
    ]
    empty = not data["nodes"]
    return _template().render(
        title=title,
        n_nodes=len(data["nodes"]),
        n_edges=len(data["edges"]),
        empty=empty,
        legend=legend,
        relations=relations,
        polarities=polarities,
        big=data["options"]["physics"]["enabled"] is False,
        data_json=script_json(data),
        vis_js="" if empty else _vis_js(),
    )


@functools.cache
def _template() -> jinja2.Template:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(_TEMPLATES)),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    return env.get_template("view.html")


@functools.cache
def _vis_js() -> str:
    """The vis-network build shipped inside pyvis, checked to be safe to inline."""
    source = resources.files("pyvis").joinpath(*_VIS_JS).read_text(encoding="utf-8")
    lowered = source.lower()
    if "</script" in lowered or "<!--" in lowered:
        raise RuntimeError("the vis-network build shipped with pyvis cannot be inlined into a <script> element")
    return source
