"""Stage: the actor network -> analysis (who accuses whom, camps, central and bridge actors).

Every measure is a function that takes the actor network (a networkx ``MultiDiGraph`` as
:func:`kg.network.actor_network` returns it: edges with ``relation`` and ``polarity``), leaves it
unchanged, and returns ``{actor: value}``. :func:`analyze` runs them all into one
:class:`Analysis`; :func:`analysis_triples`, :func:`analysis_json` and :func:`report_markdown`
write it out (for the store, ``OUT/analysis.json`` and ``OUT/report.md``).

Camps come from structural balance: actors joined by positive relations (praise, arms, membership)
should stand together, actors joined by negative ones (accusing, denying, condemning, attacking)
apart. Each connected part of the signed graph is split in two so as to leave as few relations
"frustrated" (negative within a camp, positive across) as possible.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

ACCUSES = "accuses"
#: Seed of Louvain's community detection, so the same graph gives the same communities.
SEED = 42
#: Betweenness is exact up to this many actors, estimated from BETWEENNESS_SAMPLES source actors above.
BETWEENNESS_EXACT_MAX = 1000
BETWEENNESS_SAMPLES = 500
#: Rows in each table of the report.
TOP = 10

Node = Hashable


# --- measures: graph -> {node: value} ------------------------------------------------


def accusations_made(graph: nx.MultiDiGraph) -> dict[Node, int]:
    """How many accusations each actor makes (out-degree over ``accuses`` edges).

    >>> g = nx.MultiDiGraph([("a", "b", {"relation": "accuses"}), ("a", "c", {"relation": "accuses"}),
    ...                      ("b", "a", {"relation": "praises"})])
    >>> accusations_made(g)
    {'a': 2, 'b': 0, 'c': 0}
    """
    counts = Counter(u for u, _, rel in graph.edges(data="relation") if rel == ACCUSES)
    return {node: counts.get(node, 0) for node in graph}


def accusations_received(graph: nx.MultiDiGraph) -> dict[Node, int]:
    """How many accusations each actor is the target of (in-degree over ``accuses`` edges).

    >>> g = nx.MultiDiGraph([("a", "b", {"relation": "accuses"}), ("c", "b", {"relation": "accuses"})])
    >>> accusations_received(g)
    {'a': 0, 'b': 2, 'c': 0}
    """
    counts = Counter(v for _, v, rel in graph.edges(data="relation") if rel == ACCUSES)
    return {node: counts.get(node, 0) for node in graph}


def weighted_digraph(graph: nx.MultiDiGraph, relations: set[str] | None = None) -> nx.DiGraph:
    """The multigraph collapsed to one edge per ordered pair, ``weight`` = the number of edges (of
    ``relations`` only, when given). A new graph; ``graph`` is not changed.

    >>> g = nx.MultiDiGraph([("a", "b", {"relation": "accuses"}), ("a", "b", {"relation": "accuses"})])
    >>> weighted_digraph(g)["a"]["b"]["weight"]
    2
    """
    return _collapse(graph, nx.DiGraph(), relations)


def pagerank(graph: nx.MultiDiGraph) -> dict[Node, float]:
    """PageRank over all relations (an edge a relation; actors much accused, quoted or attacked rank high).

    >>> g = nx.MultiDiGraph([("a", "c", {"relation": "accuses"}), ("b", "c", {"relation": "accuses"})])
    >>> max(pagerank(g).items(), key=lambda kv: kv[1])[0]
    'c'
    """
    if graph.number_of_nodes() == 0:
        return {}
    return nx.pagerank(weighted_digraph(graph), weight="weight")


def betweenness(graph: nx.MultiDiGraph, *, samples: int | None = None) -> dict[Node, float]:
    """Betweenness centrality on the undirected actor graph: how often an actor lies on the shortest
    path between two others (normalised to 0..1).

    Exact up to :data:`BETWEENNESS_EXACT_MAX` actors; above, estimated from ``samples`` (default
    :data:`BETWEENNESS_SAMPLES`) seeded source actors (Brandes' sampling, as networkx's ``k``), so the time
    grows linearly with the graph instead of with its square.

    >>> g = nx.MultiDiGraph([("a", "b", {"relation": "accuses"}), ("b", "c", {"relation": "praises"})])
    >>> betweenness(g)
    {'a': 0.0, 'b': 1.0, 'c': 0.0}
    """
    undirected = nx.Graph(weighted_digraph(graph))
    n = undirected.number_of_nodes()
    if samples is None and n > BETWEENNESS_EXACT_MAX:
        samples = BETWEENNESS_SAMPLES
    if samples is None or samples >= n:
        return nx.betweenness_centrality(undirected, normalized=True)
    return nx.betweenness_centrality(undirected, k=samples, normalized=True, seed=SEED)


def communities(graph: nx.MultiDiGraph) -> dict[Node, int]:
    """Louvain communities of the undirected, weighted actor graph: ``{actor: community}``, community 0
    the largest (ties by the smallest actor IRI); an actor with no relation is a community of its own.

    >>> g = nx.MultiDiGraph([("a", "b", {}), ("b", "a", {}), ("c", "d", {}), ("d", "c", {})])
    >>> communities(g)
    {'a': 0, 'b': 0, 'c': 1, 'd': 1}
    """
    undirected = _undirected_weights(graph)
    parts = nx.community.louvain_communities(undirected, weight="weight", seed=SEED) if len(undirected) else []
    ordered = sorted((sorted(map(str, part)), part) for part in parts)
    ordered.sort(key=lambda item: -len(item[1]))
    found = {node: index for index, (_, part) in enumerate(ordered) for node in part}
    return {node: found[node] for node in graph}


def signed_pairs(graph: nx.MultiDiGraph) -> dict[frozenset[Node], int]:
    """Each pair of actors with a signed relation and the sum of the polarities between them (either
    direction; neutral relations do not count); pairs summing to 0 are left out.

    >>> g = nx.MultiDiGraph([("a", "b", {"polarity": -1}), ("b", "a", {"polarity": -1}), ("a", "c", {"polarity": 1})])
    >>> sorted((sorted(p), s) for p, s in signed_pairs(g).items())
    [(['a', 'b'], -2), (['a', 'c'], 1)]
    """
    sums: dict[frozenset[Node], int] = defaultdict(int)
    for u, v, polarity in graph.edges(data="polarity", default=0):
        if u != v and polarity:
            sums[frozenset((u, v))] += 1 if polarity > 0 else -1
    return {pair: total for pair, total in sums.items() if total}


def camps(graph: nx.MultiDiGraph) -> dict[Node, int]:
    """Camps from structural balance: ``{actor: camp}`` for the actors with a signed relation.

    Each connected part of the signed graph is split in two (camps ``2k`` and ``2k + 1``), placing actors
    with positive relations together and actors with negative ones apart, so that as few relations as
    possible are frustrated (weighted by how many assertions back each pair). Camp numbers follow the
    size of the part, largest first.

    >>> g = nx.MultiDiGraph([("a", "b", {"polarity": -1}), ("a", "c", {"polarity": 1}),
    ...                      ("b", "d", {"polarity": 1}), ("c", "d", {"polarity": -1})])
    >>> result = camps(g)
    >>> result["a"] == result["c"] != result["b"] == result["d"]
    True
    """
    signed = _signed_graph(graph)
    assignment: dict[Node, int] = {}
    parts = sorted(nx.connected_components(signed), key=lambda p: (-len(p), min(map(str, p))))
    for index, part in enumerate(parts):
        side = _balance(signed.subgraph(part))
        # side 0 is the side of the part's smallest actor IRI, so the numbering is stable
        first = min(part, key=str)
        for node in part:
            assignment[node] = 2 * index + (side[node] ^ side[first])
    return assignment


def frustration(graph: nx.MultiDiGraph, assignment: Mapping[Node, int]) -> dict[frozenset[Node], int]:
    """The signed pairs that ``assignment`` (camps) leaves frustrated: negative within a camp, positive
    across, with their weight.

    >>> g = nx.MultiDiGraph([("a", "b", {"polarity": -1})])
    >>> [(sorted(pair), weight) for pair, weight in frustration(g, {"a": 0, "b": 0}).items()]
    [(['a', 'b'], 1)]
    """
    out = {}
    # in a fixed order (a frozenset's order follows string hashing, which differs from one process to the next, and
    # the spanning tree that splits a part breaks ties by the order edges were added)
    for pair, total in sorted(signed_pairs(graph).items(), key=lambda item: sorted(map(str, item[0]))):
        u, v = sorted(pair, key=str)
        same = assignment.get(u) == assignment.get(v)
        if (total < 0 and same) or (total > 0 and not same):
            out[pair] = abs(total)
    return out


def reciprocity(graph: nx.MultiDiGraph) -> dict[Node, float]:
    """For each actor that accuses someone: the share of the actors it accuses that accuse it back.

    >>> g = nx.MultiDiGraph([("a", "b", {"relation": "accuses"}), ("b", "a", {"relation": "accuses"}),
    ...                      ("a", "c", {"relation": "accuses"})])
    >>> reciprocity(g)
    {'a': 0.5, 'b': 1.0}
    """
    accused = weighted_digraph(graph, {ACCUSES})
    out = {}
    for node in graph:
        targets = list(accused.successors(node))
        if targets:
            out[node] = sum(1 for t in targets if accused.has_edge(t, node)) / len(targets)
    return out


def mutual_accusations(graph: nx.MultiDiGraph) -> list[tuple[Node, Node, int, int]]:
    """Pairs of actors that accuse each other: ``(a, b, a's accusations of b, b's of a)``, most first.

    >>> g = nx.MultiDiGraph([("a", "b", {"relation": "accuses"}), ("b", "a", {"relation": "accuses"})])
    >>> mutual_accusations(g)
    [('a', 'b', 1, 1)]
    """
    accused = weighted_digraph(graph, {ACCUSES})
    pairs = []
    for u, v, weight in accused.edges(data="weight"):
        if str(u) < str(v) and accused.has_edge(v, u):
            pairs.append((u, v, weight, accused[v][u]["weight"]))
    return sorted(pairs, key=lambda p: (-(p[2] + p[3]), str(p[0]), str(p[1])))


def bridges(graph: nx.MultiDiGraph, community: Mapping[Node, int] | None = None) -> dict[Node, int]:
    """Bridge actors: each actor whose related actors belong to two or more communities, and how many.

    >>> g = nx.MultiDiGraph([("a", "b", {}), ("b", "c", {})])
    >>> bridges(g, {"a": 0, "b": 0, "c": 1})
    {'b': 2}
    """
    community = communities(graph) if community is None else community
    out = {}
    undirected = _undirected_weights(graph)
    for node in graph:
        reached = {community.get(n) for n in undirected.neighbors(node)}
        if len(reached) >= 2:
            out[node] = len(reached)
    return out


# --- all of it ---------------------------------------------------------------------


@dataclass(frozen=True)
class Camp:
    """A camp of actors (structural balance) and the camps it stands against (negative relations across)."""

    number: int
    members: tuple[Node, ...]
    opposes: tuple[int, ...]
    allied: tuple[int, ...] = ()  # camps it has positive relations with across parts (rare: frustrated)


@dataclass(frozen=True)
class Analysis:
    """Every measure of the actor network, ``{actor: value}`` each, and the network-wide figures."""

    accusations_made: dict[Node, int]
    accusations_received: dict[Node, int]
    pagerank: dict[Node, float]
    betweenness: dict[Node, float]
    community: dict[Node, int]
    camp: dict[Node, int]
    reciprocity: dict[Node, float]
    bridges: dict[Node, int]
    mutual: list[tuple[Node, Node, int, int]]
    camps: tuple[Camp, ...]
    frustrated: dict[frozenset[Node], int]
    signed_pairs: int
    overall_reciprocity: float | None
    actors: int = 0
    relations: dict[str, int] = field(default_factory=dict)

    @property
    def balance(self) -> float | None:
        """The share of signed pairs the camps explain (1.0: perfectly balanced)."""
        return None if not self.signed_pairs else 1 - len(self.frustrated) / self.signed_pairs


def analyze(graph: nx.MultiDiGraph, *, centrality: Mapping[Node, float] | None = None) -> Analysis:
    """Run every measure on ``graph`` (not changed); ``centrality``: its :func:`betweenness`, when it was
    worked out already (the build does it in another process meanwhile).

    >>> g = nx.MultiDiGraph([("a", "b", {"relation": "accuses", "polarity": -1}),
    ...                      ("b", "a", {"relation": "accuses", "polarity": -1})])
    >>> result = analyze(g)
    >>> result.mutual, result.camp["a"] != result.camp["b"], result.overall_reciprocity
    ([('a', 'b', 1, 1)], True, 1.0)
    """
    community = communities(graph)
    camp = camps(graph)
    frustrated = frustration(graph, camp)
    accused = weighted_digraph(graph, {ACCUSES})
    overall = nx.overall_reciprocity(accused) if accused.number_of_edges() else None
    return Analysis(
        accusations_made=accusations_made(graph),
        accusations_received=accusations_received(graph),
        pagerank=pagerank(graph),
        betweenness=dict(centrality) if centrality is not None else betweenness(graph),
        community=community,
        camp=camp,
        reciprocity=reciprocity(graph),
        bridges=bridges(graph, community),
        mutual=mutual_accusations(graph),
        camps=_camp_summary(graph, camp),
        frustrated=frustrated,
        signed_pairs=len(signed_pairs(graph)),
        overall_reciprocity=overall,
        actors=graph.number_of_nodes(),
        relations=dict(sorted(Counter(rel for _, _, rel in graph.edges(data="relation")).items())),
    )


# --- writing it out ----------------------------------------------------------------


def analysis_json(analysis: Analysis, graph: nx.MultiDiGraph) -> dict[str, Any]:
    """The analysis as JSON-ready data: per actor (sorted by PageRank) and network-wide."""

    def label(node: Node) -> str:
        return str(graph.nodes[node].get("label", node)) if node in graph else str(node)

    actors = []
    for node in sorted(graph, key=lambda n: (-analysis.pagerank.get(n, 0.0), str(n))):
        actors.append({
            "actor": str(node), "label": label(node), "type": graph.nodes[node].get("type"),
            "accusations_made": analysis.accusations_made.get(node, 0),
            "accusations_received": analysis.accusations_received.get(node, 0),
            "pagerank": round(analysis.pagerank.get(node, 0.0), 6),
            "betweenness": round(analysis.betweenness.get(node, 0.0), 6),
            "community": analysis.community.get(node),
            "camp": analysis.camp.get(node),
            "reciprocity": None if node not in analysis.reciprocity else round(analysis.reciprocity[node], 4),
            "bridges": analysis.bridges.get(node, 0),
        })
    return {
        "actors": len(graph), "relations": analysis.relations,
        "reciprocity": None if analysis.overall_reciprocity is None else round(analysis.overall_reciprocity, 4),
        "balance": None if analysis.balance is None else round(analysis.balance, 4),
        "signed_pairs": analysis.signed_pairs,
        "camps": [{"camp": c.number, "members": [label(m) for m in c.members], "opposes": list(c.opposes),
                   "allied": list(c.allied)} for c in analysis.camps],
        "frustrated": [{"actors": sorted(label(n) for n in pair), "weight": w}
                       for pair, w in sorted(analysis.frustrated.items(), key=lambda kv: sorted(map(str, kv[0])))],
        "mutual_accusations": [{"a": label(a), "b": label(b), "a_accuses_b": ab, "b_accuses_a": ba}
                               for a, b, ab, ba in analysis.mutual],
        "per_actor": actors,
    }


def report_markdown(analysis: Analysis, graph: nx.MultiDiGraph, *, top: int = TOP) -> str:
    """A readable report: the top tables (most accusing, most accused, central, bridges), mutual
    accusations and the camps. Article text is written as Markdown-escaped table cells."""

    shared = Counter(str(attrs.get("label", node)) for node, attrs in graph.nodes(data=True))

    def label(node: Node) -> str:
        text = str(graph.nodes[node].get("label", node)) if node in graph else str(node)
        if shared[text] > 1:  # two actors with one name: say which
            text += f" <{str(node).rstrip('/').rsplit('/', 1)[-1]}>"
        return _cell(text)

    def ranked(values: Mapping[Node, float], header: str, fmt: str = "{}") -> list[str]:
        rows = sorted(((v, n) for n, v in values.items() if v), key=lambda vn: (-vn[0], str(vn[1])))[:top]
        if not rows:
            return ["(none)", ""]
        lines = [f"| actor | type | {header} |", "|---|---|---:|"]
        lines += [f"| {label(n)} | {graph.nodes[n].get('type', '')} | {fmt.format(v)} |" for v, n in rows]
        return [*lines, ""]

    out = ["# Actor network report", "",
           f"{analysis.actors} actors; relations: "
           + (", ".join(f"{rel} {n}" for rel, n in analysis.relations.items()) or "none") + ".", ""]
    if analysis.overall_reciprocity is not None:
        out += [f"Reciprocity of accusations: {analysis.overall_reciprocity:.2f} (the share of accusing pairs "
                "that accuse each other).", ""]
    out += ["## Most accusing", "", *ranked(analysis.accusations_made, "accusations made")]
    out += ["## Most accused", "", *ranked(analysis.accusations_received, "accusations received")]
    out += ["## Central actors (PageRank)", "", *ranked(analysis.pagerank, "PageRank", "{:.4f}")]
    out += ["## Bridge actors (betweenness)", "",
            *ranked({n: analysis.betweenness.get(n, 0.0) for n in analysis.bridges}, "betweenness", "{:.4f}")]
    out += ["## Mutual accusations", ""]
    if analysis.mutual:
        out += ["| actor | actor | A accuses B | B accuses A |", "|---|---|---:|---:|"]
        out += [f"| {label(a)} | {label(b)} | {ab} | {ba} |" for a, b, ab, ba in analysis.mutual[:top]]
    else:
        out += ["(none)"]
    out += ["", "## Camps (structural balance)", ""]
    if analysis.camps:
        if analysis.balance is not None:
            out += [f"The camps explain {analysis.balance:.0%} of the {analysis.signed_pairs} pairs of actors "
                    "with positive or negative relations.", ""]
        out += ["| camp | members | stands against |", "|---:|---|---|"]
        for c in analysis.camps[:top]:
            members = ", ".join(label(m) for m in c.members[:top]) + (" …" if len(c.members) > top else "")
            out += [f"| {c.number} | {members} | {', '.join(map(str, c.opposes)) or '-'} |"]
    else:
        out += ["(no positive or negative relations)"]
    return "\n".join(out) + "\n"


# --- helpers -----------------------------------------------------------------------


def _undirected_weights(graph: nx.MultiDiGraph) -> nx.Graph:
    return _collapse(graph, nx.Graph(), loops=False)


def _collapse(graph: nx.MultiDiGraph, into: nx.Graph, relations: set[str] | None = None, *,
              loops: bool = True) -> nx.Graph:
    """``into`` (an empty DiGraph or Graph) given every actor and one edge per pair, ``weight`` = how many
    edges of ``graph`` (of ``relations`` only, when given; self-loops only if ``loops``) join the pair."""
    into.add_nodes_from(graph)
    for u, v, rel in graph.edges(data="relation"):
        if (relations is not None and rel not in relations) or (u == v and not loops):
            continue
        if into.has_edge(u, v):
            into[u][v]["weight"] += 1
        else:
            into.add_edge(u, v, weight=1)
    return into


def _signed_graph(graph: nx.MultiDiGraph) -> nx.Graph:
    signed = nx.Graph()
    # in a fixed order (a frozenset's order follows string hashing, which differs from one process to the next, and
    # the spanning tree that splits a part breaks ties by the order edges were added)
    for pair, total in sorted(signed_pairs(graph).items(), key=lambda item: sorted(map(str, item[0]))):
        u, v = sorted(pair, key=str)
        signed.add_edge(u, v, sign=1 if total > 0 else -1, weight=abs(total))
    return signed


def _balance(part: nx.Graph) -> dict[Node, int]:
    """Two sides (0/1) of a connected signed graph with little frustration: a spanning-tree colouring
    (positive edge: same side, negative: other side), heaviest edges first, then single-actor moves
    while any lowers the frustrated weight."""
    nodes = sorted(part, key=str)
    side = {nodes[0]: 0}
    tree = nx.maximum_spanning_tree(part, weight="weight")
    for u, v in nx.bfs_edges(tree, nodes[0]):
        side[v] = side[u] ^ (part[u][v]["sign"] < 0)

    def gain(node: Node) -> int:  # frustrated weight removed by moving node to the other side
        total = 0
        for other, data in part[node].items():
            same = side[node] == side[other]
            frustrated_now = (data["sign"] < 0) == same
            total += data["weight"] if frustrated_now else -data["weight"]
        return total

    for _ in range(10 * len(nodes)):
        best = max(nodes, key=lambda n: (gain(n), -nodes.index(n)))
        if gain(best) <= 0:
            break
        side[best] ^= 1
    return side


def _camp_summary(graph: nx.MultiDiGraph, camp: Mapping[Node, int]) -> tuple[Camp, ...]:
    members: dict[int, list[Node]] = defaultdict(list)
    for node, number in camp.items():
        members[number].append(node)
    opposes: dict[int, set[int]] = defaultdict(set)
    allied: dict[int, set[int]] = defaultdict(set)
    # in a fixed order (a frozenset's order follows string hashing, which differs from one process to the next, and
    # the spanning tree that splits a part breaks ties by the order edges were added)
    for pair, total in sorted(signed_pairs(graph).items(), key=lambda item: sorted(map(str, item[0]))):
        u, v = sorted(pair, key=str)
        a, b = camp[u], camp[v]
        if a != b:
            (opposes if total < 0 else allied)[a].add(b)
            (opposes if total < 0 else allied)[b].add(a)
    pagerank_of = pagerank(graph)
    return tuple(
        Camp(number, tuple(sorted(nodes, key=lambda n: (-pagerank_of.get(n, 0.0), str(n)))),
             tuple(sorted(opposes[number])), tuple(sorted(allied[number])))
        for number, nodes in sorted(members.items())
    )


def _cell(text: str) -> str:
    """Text safe in a Markdown table cell: one line, pipes and markup characters escaped."""
    text = " ".join(text.split())
    for char in "\\|*_`<>[]#":
        text = text.replace(char, "\\" + char)
    return text


__all__ = [
    "Analysis", "Camp", "accusations_made", "accusations_received", "analysis_json", "analyze", "betweenness",
    "bridges", "camps", "communities", "frustration", "mutual_accusations", "pagerank", "reciprocity",
    "report_markdown", "signed_pairs", "weighted_digraph",
]
