"""The analysis written out, each measure of :data:`kg.analysis.measures.MEASURES` the same way: as triples of the
store's analysis graph, as ``OUT/analysis.json`` and as the tables of ``OUT/report.md``."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping
from typing import Any

import networkx as nx
from rdflib import URIRef

from kg.analysis import measures
from kg.rdf import iris
from kg.rdf.namespaces import CKG, RDF, RDFS
from kg.rdf.terms import literal, typed
from kg.rdf.triples import Triple
from kg.records import Analysis, Node

#: Rows in each table of the report.
TOP = 10


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
    for measure in measures.MEASURES:
        if measure.ranking is not None:
            values = analysis.measures[measure.name]
            if measure.ranking.among is not None:
                values = {n: values.get(n, measure.default) for n in analysis.measures[measure.ranking.among]}
            out += [f"## {measure.ranking.title}", "", *ranked(values, measure.ranking.header, measure.ranking.fmt)]
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


def _cell(text: str) -> str:
    """Text safe in a Markdown table cell: one line, pipes and markup characters escaped."""
    text = " ".join(text.split())
    for char in "\\|*_`<>[]#":
        text = text.replace(char, "\\" + char)
    return text
