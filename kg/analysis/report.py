"""The analysis written out, each measure of :data:`kg.analysis.measures.MEASURES` the same way: as triples of the
store's analysis graph, as ``OUT/analysis.json`` and as the tables of ``OUT/report.md``."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from typing import Any

import networkx as nx
from rdflib import URIRef

from kg.analysis import balance, measures
from kg.rdf import iris
from kg.rdf.namespaces import CKG, RDF, RDFS
from kg.rdf.terms import literal, typed
from kg.rdf.triples import Triple
from kg.records import Analysis, Node

#: Rows in each table of the report.
TOP = 20


def analysis_triples(analysis: Analysis) -> Iterator[Triple]:
    """The analysis of the actor network as triples about the actors (for the analysis graph): the value of each
    measure an actor has, and the camps with the camps they stand against."""
    for measure in measures.MEASURES:
        for node, value in analysis.measures[measure.name].items():
            yield URIRef(str(node)), measure.term, \
                iris.camp_iri(value) if measure.datatype == CKG.Camp else typed(value, measure.datatype)
    for camp in analysis.camps:
        node = iris.camp_iri(camp.number)
        yield node, RDF.type, CKG.Camp
        yield node, RDFS.label, literal(f"camp {camp.number}")
        for other in camp.opposes:
            yield node, CKG.opposes, iris.camp_iri(other)


def analysis_json(analysis: Analysis, graph: nx.MultiDiGraph) -> dict[str, Any]:
    """The analysis as JSON-ready data: per actor (sorted by PageRank) and network-wide."""

    def label(node: Node) -> str:
        return str(graph.nodes[node].get("label", node)) if node in graph else str(node)

    actors = []
    pagerank = analysis.measures["pagerank"]
    for node in sorted(graph, key=lambda n: (-pagerank.get(n, 0.0), str(n))):
        row = {"actor": str(node), "label": label(node), "type": graph.nodes[node].get("type")}
        for measure in measures.MEASURES:
            value = analysis.measures[measure.name].get(node, measure.default)
            row[measure.name] = round(value, measure.digits) if value is not None and measure.digits is not None \
                else value
        actors.append(row)
    return {
        "actors": len(graph), "relations": analysis.relations,
        "reciprocity": None if analysis.overall_reciprocity is None else round(analysis.overall_reciprocity, 4),
        "balance": None if analysis.balance is None else round(analysis.balance, 4),
        "signed_pairs": analysis.signed_pairs,
        "camp_min_relations": balance.CAMP_MIN_RELATIONS,
        "camp_relations": {"explained": analysis.camp_relations[0], "contradicted": analysis.camp_relations[1]},
        "camps": [{"camp": c.number, "members": [label(m) for m in c.members], "opposes": list(c.opposes),
                   "allied": list(c.allied)} for c in analysis.camps],
        "frustrated": [{"actors": sorted(label(n) for n in pair), "weight": w}
                       for pair, w in sorted(analysis.frustrated.items(), key=lambda kv: sorted(map(str, kv[0])))],
        "mutual_accusations": [{"a": label(a), "b": label(b), "a_accuses_b": ab, "b_accuses_a": ba}
                               for a, b, ab, ba in analysis.mutual],
        "per_actor": actors,
    }


def report_markdown(analysis: Analysis, graph: nx.MultiDiGraph, *, top: int = TOP) -> str:
    """A readable report: the top tables (most accusing, most accused, central, bridges), mutual accusations and
    the camps, each figure with what it rests on (the relations and the articles behind it). Article text is
    written as Markdown-escaped table cells."""

    shared = Counter(str(attrs.get("label", node)) for node, attrs in graph.nodes(data=True))

    def label(node: Node) -> str:
        text = str(graph.nodes[node].get("label", node)) if node in graph else str(node)
        if shared[text] > 1:  # two actors with one name: say which
            text += f" <{str(node).rstrip('/').rsplit('/', 1)[-1]}>"
        return _cell(text)

    def kind(node: Node) -> str:
        return _cell(str(graph.nodes[node].get("type", ""))) if node in graph else ""

    def ranked(values: Mapping[Node, float], ranking: measures.Ranking) -> list[str]:
        rows = sorted(((v, n) for n, v in values.items() if v), key=lambda vn: (-vn[0], str(vn[1])))[:top]
        if not rows:
            return ["(none)", ""]
        direction, relation = ranking.rests_on
        # a count of relations of one kind is its own number of relations: only its articles are said
        relations = "" if relation else " relations |"
        lines = [f"| # | actor | type | {ranking.header} |{relations} articles |",
                 "|---:|---|---|---:|" + ("---:|" if relation is None else "") + "---:|"]
        for rank, (v, n) in enumerate(rows, 1):
            edges = _edges_of(graph, n, direction, relation)
            count = "" if relation else f" {len(edges)} |"
            lines.append(f"| {rank} | {label(n)} | {kind(n)} | {ranking.fmt.format(v)} |{count} "
                         f"{len(_articles(edges))} |")
        return [*lines, ""]

    sources = _articles([data for _, _, data in graph.edges(data=True)])
    out = ["# Actor network report", "",
           f"{analysis.actors} actors; {sum(analysis.relations.values())} relations between them, from "
           f"{len(sources)} articles: " + (", ".join(f"{rel} {n}" for rel, n in analysis.relations.items()) or "none")
           + ".", "",
           f"Each table gives the top {top}, and what each figure rests on: the actor's relations it counts (all its "
           "relations for PageRank and betweenness) and the articles they come from. A figure that rests on one "
           "article is one report.", ""]
    if analysis.overall_reciprocity is not None:
        out += [f"Reciprocity of accusations: {analysis.overall_reciprocity:.2f} (the share of accusing pairs "
                "that accuse each other).", ""]
    for measure in measures.MEASURES:
        if measure.ranking is not None:
            values = analysis.measures[measure.name]
            if measure.ranking.among is not None:
                values = {n: values.get(n, measure.default) for n in analysis.measures[measure.ranking.among]}
            out += [f"## {measure.ranking.title}", "", *ranked(values, measure.ranking)]
    out += ["## Mutual accusations", ""]
    if analysis.mutual:
        out += ["| actor | actor | A accuses B | B accuses A | articles |", "|---|---|---:|---:|---:|"]
        for a, b, ab, ba in analysis.mutual[:top]:
            edges = [d for u, v, d in graph.edges(data=True) if d.get("relation") == measures.ACCUSES
                     and {u, v} == {a, b}]
            out += [f"| {label(a)} | {label(b)} | {ab} | {ba} | {len(_articles(edges))} |"]
    else:
        out += ["(none)"]
    out += ["", "## Camps (structural balance)", "", *_camps_section(analysis, graph, label, top)]
    return "\n".join(out) + "\n"


def _camps_section(analysis: Analysis, graph: nx.MultiDiGraph, label: Callable[[Node], str], top: int) -> list[str]:
    """The camps: over which actors, how many signed relations they explain and contradict, each camp with its
    members and the relations and articles it rests on."""
    camp = analysis.measures.get("camp", {})
    signed = [(u, v, d) for u, v, d in graph.edges(data=True) if u != v and d.get("polarity")]
    among = [(u, v, d) for u, v, d in signed if u in camp and v in camp]
    out = [f"Camps are worked out over the actors with at least {balance.CAMP_MIN_RELATIONS} signed relations "
           "(negative: accusing, denying, condemning, attacking; positive: praising, supplying arms, belonging) "
           "with other such actors; groups of people (" + ", ".join(sorted(balance.CAMP_EXCLUDED_TYPES))
           + ": civilians, protesters ...) are in none, since violence against them does not make them a side. "
           "Each connected part of those actors is split in two.", ""]
    if not camp:
        return [*out, f"No actor has enough signed relations ({len(signed)} signed relations in all)."]
    explained, contradicted = analysis.camp_relations
    total = explained + contradicted
    out += [f"{len(camp)} actors are in camps; {len(among)} of the {len(signed)} signed relations are between "
            f"them, from {len(_articles([d for _, _, d in among]))} articles. The camps explain {explained} of them "
            f"({explained / total:.0%}: negative across camps, positive within) and contradict {contradicted}"
            f" ({contradicted / total:.0%}: negative within a camp, positive across)"
            + (f"; by pairs of actors, they explain {analysis.balance:.0%} of {analysis.signed_pairs}."
               if analysis.balance is not None else "."), ""]
    out += ["| camp | actors | members (by PageRank) | stands against | relations within | relations across | "
            "articles |", "|---:|---:|---|---|---:|---:|---:|"]
    for c in analysis.camps[:top]:
        members = set(c.members)
        within = [d for u, v, d in among if u in members and v in members]
        across = [d for u, v, d in among if (u in members) != (v in members)]
        names = ", ".join(label(m) for m in c.members[:10]) + (" …" if len(c.members) > 10 else "")
        out += [f"| {c.number} | {len(c.members)} | {names} | {', '.join(map(str, c.opposes)) or '-'} | "
                f"{len(within)} | {len(across)} | {len(_articles(within + across))} |"]
    if len(analysis.camps) > top:
        out += ["", f"… and {len(analysis.camps) - top} more camps (analysis.json lists them all)."]
    if analysis.frustrated:
        out += ["", "Where the camps fail: the pairs of actors whose relations they contradict most (negative within a "
                "camp, positive across), with the relations and articles behind each.", "",
                "| actor | actor | camps | contradicted relations | articles |", "|---|---|---|---:|---:|"]
        worst = sorted(analysis.frustrated.items(), key=lambda kv: (-kv[1], sorted(map(str, kv[0]))))[:top]
        for pair, weight in worst:
            a, b = sorted(pair, key=str)
            edges = [d for u, v, d in among if {u, v} == {a, b}]
            out += [f"| {label(a)} | {label(b)} | {camp[a]}, {camp[b]} | {weight} | {len(_articles(edges))} |"]
    return out


def _edges_of(graph: nx.MultiDiGraph, node: Node, direction: str, relation: str | None) -> list[dict[str, Any]]:
    """The data of ``node``'s edges as source (``out``), target (``in``) or either (``both``), of ``relation``
    (None: any).

    >>> g = nx.MultiDiGraph([("a", "b", {"relation": "accuses"}), ("b", "a", {"relation": "praises"})])
    >>> len(_edges_of(g, "a", "out", "accuses")), len(_edges_of(g, "a", "in", "accuses")), len(_edges_of(g, "a",
    ...     "both", None))
    (1, 0, 2)
    """
    if node not in graph:
        return []
    edges = []
    if direction in ("out", "both"):
        edges += [d for _, _, d in graph.out_edges(node, data=True)]
    if direction in ("in", "both"):
        edges += [d for u, _, d in graph.in_edges(node, data=True) if direction == "in" or u != node]
    return [d for d in edges if relation is None or d.get("relation") == relation]


def _articles(edges: list[dict[str, Any]]) -> set[str]:
    """The articles the evidence of ``edges`` comes from.

    >>> sorted(_articles([{"evidence": [{"article": "x"}, {"article": "y"}]}, {"evidence": [{"article": "x"}]}]))
    ['x', 'y']
    """
    return {str(e["article"]) for d in edges for e in d.get("evidence", ()) if e.get("article")}


def _cell(text: str) -> str:
    """Text safe in a Markdown table cell: one line, pipes and markup characters escaped."""
    text = " ".join(text.split())
    for char in "\\|*_`<>[]#":
        text = text.replace(char, "\\" + char)
    return text
