"""Running SPARQL: the named queries this project ships, a .rq file, or an inline query.

Queries run over the union of all named graphs (the default graph is their union),
so they work the same on a build's output folder and on a plain Turtle file.
"""

from __future__ import annotations

import io
import json
import re
from importlib import resources
from pathlib import Path

import pyoxigraph as ox

from kg.errors import BadOption, QueryError
from kg.store import open_store

FORMATS = ("table", "csv", "tsv", "json")


def named_queries() -> dict[str, str]:
    """Name -> SPARQL text of every query shipped in ``kg/queries/``."""
    folder = resources.files("kg").joinpath("queries")
    return {
        entry.name[: -len(".rq")]: entry.read_text(encoding="utf-8")
        for entry in sorted(folder.iterdir(), key=lambda e: e.name)
        if entry.name.endswith(".rq")
    }


def describe(text: str) -> str:
    """The first comment line of a query: what it answers."""
    for line in text.splitlines():
        if line.startswith("#"):
            return line.lstrip("# ").strip()
    return ""


def resolve_query(query: str) -> str:
    """A named query, the path of a ``.rq`` file, or the SPARQL text itself."""
    queries = named_queries()
    if query in queries:
        return queries[query]
    path = Path(query)
    if query.endswith((".rq", ".sparql")) or (len(query) < 300 and "\n" not in query and path.is_file()):
        if not path.is_file():
            raise QueryError(f"query file {query!r} does not exist: give one of {', '.join(queries)}, "
                             "the path of a .rq file, or the SPARQL text")
        return path.read_text(encoding="utf-8")
    if not any(word in query.upper() for word in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")):
        raise QueryError(f"{query!r} is not a named query ({', '.join(queries)}), a .rq file or a SPARQL query")
    return query


_VARIABLE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def bind_values(query: str, bindings: dict[str, str]) -> str:
    r"""``query`` with its variables bound to user values by a SPARQL ``VALUES`` block at the start of its WHERE.

    A value written ``<...>`` is an IRI (checked), anything else a plain string literal. Values are
    written by pyoxigraph, which escapes them, so a value can never close the string or the IRI and
    add to the query.

    >>> bind_values("SELECT ?s WHERE { ?s ?p ?o }", {"o": 'x" } ; DROP ALL #'}).splitlines()[1].strip()
    'VALUES (?o) { ("x\\" } ; DROP ALL #") }'
    """
    if not bindings:
        return query
    terms = []
    for name, value in bindings.items():
        if not _VARIABLE.match(name):
            raise BadOption("--bind", name, "a SPARQL variable name (letters, digits, _), as in --bind source=HRW")
        if value.startswith("<") and value.endswith(">"):
            try:
                terms.append(str(ox.NamedNode(value[1:-1])))
            except ValueError as exc:
                raise BadOption("--bind", value, f"a valid IRI ({exc})") from exc
        else:
            terms.append(str(ox.Literal(value)))
    variables = " ".join(f"?{name}" for name in bindings)
    values = f"VALUES ({variables}) {{ ({' '.join(terms)}) }}"
    where = re.search(r"\bWHERE\s*\{", query, re.IGNORECASE)
    if where is None:  # "SELECT ... { }" without WHERE: bind after the query
        return f"{query.rstrip()}\n{values}"
    # first in the WHERE group, so the engine starts from the bound values
    return f"{query[: where.end()]}\n  {values}\n{query[where.end():]}"


def open_data(path: str | Path) -> ox.Store:
    """The store to query for ``--data``: a build folder's persistent store, or an RDF file loaded in memory."""
    return open_store(path)


def run_query(query: str, store: ox.Store, bindings: dict[str, str] | None = None,
              ) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
    """Run ``query`` (a name, a .rq path or SPARQL text) over the union of the store's graphs,
    with ``bindings`` (variable -> value) bound safely (:func:`bind_values`)."""
    text = bind_values(resolve_query(query), bindings or {})
    try:
        return store.query(text, use_default_graph_as_union=True)
    except SyntaxError as exc:
        raise QueryError(f"the query is not valid SPARQL: {exc}") from exc


def format_results(results: ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples, fmt: str = "table") -> str:
    """Results as ``table`` (for people), ``csv``, ``tsv`` or ``json`` (W3C SPARQL 1.1 results formats)."""
    if fmt not in FORMATS:
        raise BadOption("--format", fmt, " | ".join(FORMATS))
    if isinstance(results, ox.QueryTriples):
        return ox.serialize(results, format=ox.RdfFormat.TURTLE).decode("utf-8")
    if fmt in ("json", "csv", "tsv"):
        rfmt = {"json": ox.QueryResultsFormat.JSON, "csv": ox.QueryResultsFormat.CSV,
                "tsv": ox.QueryResultsFormat.TSV}[fmt]
        data = results.serialize(format=rfmt).decode("utf-8")
        return json.dumps(json.loads(data), ensure_ascii=False, indent=1) if fmt == "json" else data
    if isinstance(results, ox.QueryBoolean):
        return "true" if bool(results) else "false"
    variables = [v.value for v in results.variables]
    rows = [[_plain(sol[v]) for v in variables] for sol in results]
    return _table(variables, rows)


def _plain(term: object) -> str:
    if term is None:
        return ""
    return str(getattr(term, "value", term))


def _table(header: list[str], rows: list[list[str]], width: int = 60) -> str:
    cut = [[c if len(c) <= width else c[: width - 1] + "…" for c in (cell.replace("\n", " ") for cell in row)]
           for row in rows]
    widths = [max([len(h)] + [len(r[i]) for r in cut]) for i, h in enumerate(header)]
    out = io.StringIO()
    out.write("  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)).rstrip() + "\n")
    out.write("  ".join("-" * w for w in widths) + "\n")
    for r in cut:
        out.write("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() + "\n")
    out.write(f"({len(rows)} row{'s' if len(rows) != 1 else ''})\n")
    return out.getvalue()


def rows(results: ox.QuerySolutions) -> list[dict[str, str]]:
    """Results as a list of ``{variable: value}`` (unbound variables left out)."""
    variables = [v.value for v in results.variables]
    return [{v: _plain(sol[v]) for v in variables if sol[v] is not None} for sol in results]


__all__ = ["FORMATS", "named_queries", "describe", "resolve_query", "open_data", "run_query", "format_results",
           "rows"]
