"""Camps from structural balance: actors joined by positive relations (praise, arms, membership) should stand
together, actors joined by negative ones (accusing, denying, condemning, attacking) apart. Each connected part of the
signed graph is split in two so as to leave as few relations "frustrated" (negative within a camp, positive across)
as possible.

Only the actors that enough evidence places take part (:func:`camp_actors`): those with at least
:data:`CAMP_MIN_RELATIONS` signed relations with other such actors, groups of people (:data:`CAMP_EXCLUDED_TYPES`:
civilians, protesters, residents) left out, since violence against them does not make them a side. On a corpus, an
actor named in one accusation, or "civilians" attacked by every side, would otherwise decide the camps."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping

import networkx as nx

from kg.records import Camp, Node

#: The signed relations (assertions) with other actors of the camps that an actor needs to be in a camp.
CAMP_MIN_RELATIONS = 3
#: Actor types in no camp: groups of people, whom violence targets without making them a side.
CAMP_EXCLUDED_TYPES = frozenset({"Group"})


def camp_actors(graph: nx.MultiDiGraph, min_relations: int = CAMP_MIN_RELATIONS) -> dict[Node, int]:
    """The actors camps are worked out over, with their signed relations (assertions, either direction) with each
    other: the largest set of actors (not of :data:`CAMP_EXCLUDED_TYPES`) each of which has at least
    ``min_relations`` signed relations with the others (actors are dropped one round after another until none
    falls short).

    >>> g = nx.MultiDiGraph([("a", "b", {"polarity": -1}), ("b", "a", {"polarity": -1}), ("a", "c", {"polarity": 1}),
    ...                      ("c", "b", {"polarity": -1}), ("d", "a", {"polarity": -1}), ("a", "v", {"polarity": -1})])
    >>> g.nodes["v"]["type"] = "Group"
    >>> camp_actors(g, 2)
    {'a': 3, 'b': 3, 'c': 2}
    >>> camp_actors(g, 1)["d"], "v" in camp_actors(g, 1)
    (1, False)
    """
    edges = [(u, v) for u, v, polarity in graph.edges(data="polarity", default=0) if u != v and polarity
             and graph.nodes[u].get("type") not in CAMP_EXCLUDED_TYPES
             and graph.nodes[v].get("type") not in CAMP_EXCLUDED_TYPES]
    kept = {n for edge in edges for n in edge}
    while True:
        counts: dict[Node, int] = defaultdict(int)
        for u, v in edges:
            if u in kept and v in kept:
                counts[u] += 1
                counts[v] += 1
        short = {n for n in kept if counts[n] < min_relations}
        if not short:
            return {n: counts[n] for n in sorted(kept, key=str)}
        kept -= short


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


def camps(graph: nx.MultiDiGraph, *, min_relations: int = CAMP_MIN_RELATIONS) -> dict[Node, int]:
    """Camps from structural balance: ``{actor: camp}`` for the actors of :func:`camp_actors` (``min_relations``).

    Each connected part of the signed graph is split in two (camps ``2k`` and ``2k + 1``), placing actors
    with positive relations together and actors with negative ones apart, so that as few relations as
    possible are frustrated (weighted by how many assertions back each pair). Camp numbers follow the
    size of the part, largest first.

    >>> g = nx.MultiDiGraph([("a", "b", {"polarity": -1}), ("a", "c", {"polarity": 1}),
    ...                      ("b", "d", {"polarity": 1}), ("c", "d", {"polarity": -1})])
    >>> result = camps(g, min_relations=1)
    >>> result["a"] == result["c"] != result["b"] == result["d"]
    True
    >>> camps(g)  # nobody has three signed relations
    {}
    """
    signed = _signed_graph(graph.subgraph(camp_actors(graph, min_relations)))
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
    """The signed pairs of actors in camps that ``assignment`` (camps) leaves frustrated: negative within a camp,
    positive across, with their weight.

    >>> g = nx.MultiDiGraph([("a", "b", {"polarity": -1}), ("a", "c", {"polarity": -1})])
    >>> [(sorted(pair), weight) for pair, weight in frustration(g, {"a": 0, "b": 0}).items()]
    [(['a', 'b'], 1)]
    """
    out = {}
    for pair, total in signed_pairs(graph).items():
        u, v = tuple(pair)
        if u not in assignment or v not in assignment:
            continue
        same = assignment.get(u) == assignment.get(v)
        if (total < 0 and same) or (total > 0 and not same):
            out[pair] = abs(total)
    return out


def camp_relations(graph: nx.MultiDiGraph, assignment: Mapping[Node, int]) -> tuple[int, int]:
    """How many signed relations (assertions) between actors in camps ``assignment`` explains (negative across
    camps, positive within) and how many it contradicts.

    >>> g = nx.MultiDiGraph([("a", "b", {"polarity": -1}), ("a", "b", {"polarity": 1}), ("a", "c", {"polarity": -1})])
    >>> camp_relations(g, {"a": 0, "b": 1})
    (1, 1)
    """
    explained = contradicted = 0
    for u, v, polarity in graph.edges(data="polarity", default=0):
        if u == v or not polarity or u not in assignment or v not in assignment:
            continue
        if (polarity > 0) == (assignment[u] == assignment[v]):
            explained += 1
        else:
            contradicted += 1
    return explained, contradicted


def camp_summary(graph: nx.MultiDiGraph, camp: Mapping[Node, int], pagerank: Mapping[Node, float],
                 ) -> tuple[Camp, ...]:
    """Each camp with its members (by ``pagerank``, highest first) and the camps it stands against or with."""
    members: dict[int, list[Node]] = defaultdict(list)
    for node, number in camp.items():
        members[number].append(node)
    opposes: dict[int, set[int]] = defaultdict(set)
    allied: dict[int, set[int]] = defaultdict(set)
    for pair, total in signed_pairs(graph).items():
        u, v = tuple(pair)
        if u not in camp or v not in camp:
            continue
        a, b = camp[u], camp[v]
        if a != b:
            (opposes if total < 0 else allied)[a].add(b)
            (opposes if total < 0 else allied)[b].add(a)
    return tuple(
        Camp(number, tuple(sorted(nodes, key=lambda n: (-pagerank.get(n, 0.0), str(n)))),
             tuple(sorted(opposes[number])), tuple(sorted(allied[number])))
        for number, nodes in sorted(members.items())
    )


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
