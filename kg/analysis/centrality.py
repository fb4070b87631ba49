"""Central actors: PageRank and betweenness, and betweenness worked out in another process for a large network
while the build does something else."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import networkx as nx

from kg.analysis.weights import SEED, weighted_digraph
from kg.records import Node

#: Betweenness is exact up to this many actors, estimated from BETWEENNESS_SAMPLES source actors above.
BETWEENNESS_EXACT_MAX = 1000
BETWEENNESS_SAMPLES = 500


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


#: Networks of more actors than this get their betweenness (the slowest measure) from another process.
HELPER_MIN_ACTORS = 1000

#: The other process: a pickled network on stdin, its pickled betweenness on stdout (a fresh interpreter, so that
#: nothing of the caller's own script runs again in it, as it would under multiprocessing's spawn).
_BETWEENNESS = """
import pickle, sys
from kg.analysis.centrality import betweenness
sys.stdout.buffer.write(pickle.dumps(betweenness(pickle.load(sys.stdin.buffer))))
"""


def betweenness_elsewhere(network: nx.MultiDiGraph) -> Future | None:
    """The betweenness of a large ``network`` being worked out in another process (on a core the build leaves idle
    while it renders the allegation view), or None for a small network."""
    if network.number_of_nodes() <= HELPER_MIN_ACTORS:
        return None
    data = pickle.dumps(network, protocol=pickle.HIGHEST_PROTOCOL)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        p for p in (str(Path(__file__).resolve().parent.parent.parent), os.environ.get("PYTHONPATH")) if p)}

    def run() -> dict | None:
        done = subprocess.run([sys.executable, "-c", _BETWEENNESS], input=data, capture_output=True, env=env)
        return pickle.loads(done.stdout) if done.returncode == 0 else None

    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kg-betweenness")
    future = pool.submit(run)
    pool.shutdown(wait=False)
    return future


def result_of(future: Future | None) -> dict | None:
    """What another process worked out, or None when it could not (then it is worked out here)."""
    if future is None:
        return None
    try:
        return future.result()
    except (OSError, pickle.UnpicklingError, EOFError):
        return None
