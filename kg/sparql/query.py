"""Running SPARQL: the named queries this project ships, a .rq file, or an inline query.

Queries run over the union of all named graphs (the default graph is their union),
so they work the same on a build's output folder and on a plain Turtle file.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import pyoxigraph as ox

from kg.errors import BadOption, QueryError
from kg.sparql.bind import bind_values, find_services

FORMATS = ("table", "csv", "tsv", "plain-tsv", "json")


def named_queries() -> dict[str, str]:
    """Name -> SPARQL text of every query shipped in ``kg/sparql/queries/``."""
    folder = resources.files("kg.sparql").joinpath("queries")
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


def run_query(query: str, store: ox.Store, bindings: dict[str, str] | None = None, allow_service: bool = False,
              ) -> ox.QuerySolutions | SortedSolutions | ox.QueryBoolean | ox.QueryTriples:
    """Run ``query`` (a name, a .rq path or SPARQL text) over the union of the store's graphs,
    with ``bindings`` (variable -> value) bound safely (:func:`kg.sparql.bind.bind_values`). A federated query
    (``SERVICE``, a request to another host) is refused unless ``allow_service`` (:func:`refuse_services`)."""
    text = bind_values(resolve_query(query), bindings or {})
    if not allow_service:
        refuse_services(text, "add --allow-service to run it")
    order = _ORDER_BY.search(text)
    try:
        if order is None:
            return store.query(text, use_default_graph_as_union=True)
        results = store.query(text[: order.start()], use_default_graph_as_union=True)
    except SyntaxError as exc:
        raise QueryError(f"the query is not valid SPARQL: {exc}") from exc
    keys = order_keys(text)
    if not isinstance(results, ox.QuerySolutions) or not {k for k, _ in keys} <= {
            v.value for v in results.variables}:
        return store.query(text, use_default_graph_as_union=True)  # ordered by what it does not select
    return SortedSolutions(results, keys)


def refuse_services(query: str, how: str) -> None:
    """Raise :class:`kg.errors.QueryError` when ``query`` calls a remote service (``SERVICE``): the engine would send
    that host a request (any host, from this machine); ``how`` says how to allow it."""
    services = find_services(query)
    if services:
        shown = ", ".join(f"SERVICE {s}".strip() for s in services[:3])
        raise QueryError(f"the query calls a remote service ({shown}): federated queries make this machine send "
                         f"requests to other hosts, so they are refused; {how}")


# A trailing ORDER BY of selected variables is done here rather than by Oxigraph, which decodes every IRI and
# string from its index at each comparison (ordering the 72,540 rows of `mentions` took 2 of its 4.4 s at 1M
# triples); rows sort in SPARQL's order (unbound, blank nodes, IRIs, then literals: numbers by value).
_KEY = r"(?:(ASC|DESC)\s*\(\s*\?(\w+)\s*\)|\?(\w+))"
_ORDER_BY = re.compile(rf"\bORDER\s+BY\s+((?:{_KEY}\s*)+)$", re.IGNORECASE)


def order_keys(query: str) -> list[tuple[str, bool]]:
    """The (variable, descending) keys of a query's trailing ORDER BY of variables ([] when it has none).

    >>> order_keys("SELECT * WHERE { ?s ?p ?o } ORDER BY ?s DESC(?o)")
    [('s', False), ('o', True)]
    """
    order = _ORDER_BY.search(query)
    if order is None:
        return []
    return [(m.group(2) or m.group(3), (m.group(1) or "").upper() == "DESC")
            for m in re.finditer(_KEY, order.group(1), re.IGNORECASE)]
_NUMERIC = frozenset(f"http://www.w3.org/2001/XMLSchema#{t}" for t in (
    "integer", "decimal", "double", "float", "int", "long", "short", "byte", "nonNegativeInteger",
    "positiveInteger", "nonPositiveInteger", "negativeInteger", "unsignedInt", "unsignedLong", "unsignedShort",
    "unsignedByte"))


def _order_key(term: object) -> tuple:
    """A term's place in SPARQL's ORDER BY."""
    if term is None:
        return (0,)
    if isinstance(term, ox.BlankNode):
        return (1, term.value)
    if isinstance(term, ox.NamedNode):
        return (2, term.value)
    if isinstance(term, ox.Literal):
        if term.datatype.value in _NUMERIC:
            try:
                return (3, 0, float(term.value), "")
            except ValueError:
                pass
        return (3, 1, 0.0, term.value)
    return (4, str(term))


class SortedSolutions:
    """The rows of a SELECT query, ordered here; used like :class:`pyoxigraph.QuerySolutions`
    (``variables``, iteration, ``serialize``)."""

    def __init__(self, results: ox.QuerySolutions, keys: list[tuple[str, bool]]) -> None:
        self.variables: list[ox.Variable] = list(results.variables)
        solutions = list(results)
        position = {v.value: i for i, v in enumerate(self.variables)}
        known: dict[object, tuple] = {}  # a term's key, worked out once (articles repeat on many rows)

        def column(name: str) -> list[tuple]:
            i = position[name]
            return [known[t] if t in known else known.setdefault(t, _order_key(t))
                    for t in (sol[i] for sol in solutions)]

        order = list(range(len(solutions)))
        # stable sorts, the last keys first; consecutive keys in the same direction in one sort
        groups: list[tuple[list[str], bool]] = []
        for name, descending in keys:
            if groups and groups[-1][1] == descending:
                groups[-1][0].append(name)
            else:
                groups.append(([name], descending))
        for names, descending in reversed(groups):
            columns = [column(n) for n in names]
            rows = list(zip(*columns, strict=True)) if len(columns) > 1 else columns[0]
            order.sort(key=rows.__getitem__, reverse=descending)
        self._solutions = [solutions[i] for i in order]

    def __iter__(self) -> Iterator[ox.QuerySolution]:
        return iter(self._solutions)

    def __len__(self) -> int:
        return len(self._solutions)

    def serialize(self, format: ox.QueryResultsFormat) -> bytes:  # noqa: A002 (pyoxigraph's name)
        """The rows in a W3C results format, written by pyoxigraph from their TSV form (N-Triples terms)."""
        names = [v.value for v in self.variables]
        lines = ["\t".join(f"?{n}" for n in names)]
        lines += ["\t".join("" if sol[n] is None else str(sol[n]) for n in names) for sol in self._solutions]
        parsed = ox.parse_query_results("\n".join(lines) + "\n", format=ox.QueryResultsFormat.TSV)
        return parsed.serialize(format=format)


def format_results(results: ox.QuerySolutions | SortedSolutions | ox.QueryBoolean | ox.QueryTriples,
                   fmt: str = "table", excel_safe: bool = False, width: int | None = None) -> str:
    """Results as ``table`` (for people), ``csv``, ``tsv`` or ``json`` (W3C SPARQL 1.1 results formats, exact), or
    ``plain-tsv`` (bare values, for spreadsheets). ``excel_safe`` (csv and plain-tsv) writes a cell that a
    spreadsheet would take for a formula with a ``'`` before it (:func:`excel_safe_cell`). The table shows IRIs
    shortened (:func:`short_iri`) and, given a ``width`` (a terminal's), cuts its widest columns to fit in it."""
    if fmt not in FORMATS:
        raise BadOption("--format", fmt, " | ".join(FORMATS))
    if excel_safe and fmt not in ("csv", "plain-tsv"):
        raise BadOption("--excel-safe with --format", fmt, "csv or plain-tsv (the formats for spreadsheets)")
    if isinstance(results, ox.QueryTriples):
        return ox.serialize(results, format=ox.RdfFormat.TURTLE).decode("utf-8")
    if isinstance(results, ox.QueryBoolean) and fmt == "plain-tsv":
        return "true\n" if bool(results) else "false\n"
    if fmt == "plain-tsv" or (fmt == "csv" and excel_safe):
        return _cells(results, fmt, excel_safe)
    if fmt in ("json", "csv", "tsv"):
        rfmt = {"json": ox.QueryResultsFormat.JSON, "csv": ox.QueryResultsFormat.CSV,
                "tsv": ox.QueryResultsFormat.TSV}[fmt]
        data = results.serialize(format=rfmt).decode("utf-8")
        return json.dumps(json.loads(data), ensure_ascii=False, indent=1) if fmt == "json" else data
    if isinstance(results, ox.QueryBoolean):
        return "true" if bool(results) else "false"
    variables = [v.value for v in results.variables]
    shorten = _iri_shortener()
    solutions = [[sol[v] for v in variables] for sol in results]
    rows = [[shorten(t.value) if isinstance(t, ox.NamedNode) else _plain(t) for t in sol] for sol in solutions]
    iri_columns = {i for i in range(len(variables)) if any(isinstance(sol[i], ox.NamedNode) for sol in solutions)}
    return _table(variables, rows, width, iri_columns)


def _iri_shortener():
    """:func:`short_iri` with the project's prefixes (imported here: only the table needs them)."""
    from kg.rdf.iris import BASE
    from kg.rdf.namespaces import PREFIXES

    namespaces = sorted(((iri, prefix) for prefix, iri in PREFIXES.items()), key=lambda p: -len(p[0]))
    return lambda iri: short_iri(iri, BASE, namespaces)


def short_iri(iri: str, base: str, namespaces: list[tuple[str, str]]) -> str:
    """The part of ``iri`` that tells it apart: relative to ``base`` (the project's data: ``article/000_31ee…``,
    ``person/joe-stork``), else in prefix form (``ckg:State``, ``evt:air-strike``) with ``namespaces`` (namespace,
    prefix), else whole.

    >>> ns = [("https://w3id.org/conflict-kg/ontology#", "ckg")]
    >>> base = "https://example.org/id/"
    >>> short_iri(base + "person/joe-stork", base, ns), short_iri(ns[0][0] + "State", base, ns)
    ('person/joe-stork', 'ckg:State')
    >>> short_iri("http://www.wikidata.org/entity/Q44329", base, ns)
    'http://www.wikidata.org/entity/Q44329'
    """
    if iri.startswith(base) and len(iri) > len(base):
        return iri[len(base):]
    for namespace, prefix in namespaces:
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return iri


_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def excel_safe_cell(value: str) -> str:
    r"""``value`` as a spreadsheet takes it for text: a ``'`` before a value that begins with =, +, -, @, a tab or a
    carriage return (OWASP's advice against formula injection), which would otherwise be a formula.

    >>> excel_safe_cell('=HYPERLINK("http://x")'), excel_safe_cell("-3"), excel_safe_cell("Aleppo")
    ('\'=HYPERLINK("http://x")', "'-3", 'Aleppo')
    """
    return "'" + value if value.startswith(_FORMULA) else value


def _cells(results: ox.QuerySolutions | SortedSolutions | ox.QueryBoolean, fmt: str, excel_safe: bool) -> str:
    """Rows of bare values: the W3C CSV format (its header, values, quoting, CRLF; for ``excel_safe``), or plain TSV
    (a value's tabs and line breaks become spaces; LF)."""
    if isinstance(results, ox.QueryBoolean):  # W3C CSV has no boolean form: pyoxigraph writes it
        return results.serialize(format=ox.QueryResultsFormat.CSV).decode("utf-8")
    variables = [v.value for v in results.variables]
    rows = [[_csv_value(sol[v]) for v in variables] for sol in results]
    if excel_safe:
        rows = [[excel_safe_cell(c) for c in row] for row in rows]
    buffer = io.StringIO()
    if fmt == "csv":
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(variables)
        writer.writerows(rows)
        return buffer.getvalue()
    for row in [variables, *rows]:
        buffer.write("\t".join(_LINE_BREAKS.sub(" ", c) for c in row) + "\n")
    return buffer.getvalue()


_LINE_BREAKS = re.compile(r"\r\n|[\t\n\r]")


def _csv_value(term: object) -> str:
    """A term as the W3C CSV results format writes it: an IRI or a literal's lexical form bare, ``_:`` a blank node."""
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return _plain(term)


def _plain(term: object) -> str:
    if term is None:
        return ""
    return str(getattr(term, "value", term))


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def _shown(cell: str) -> str:
    r"""A cell as the table shows it: line breaks and tabs as spaces, other control characters (NUL, BEL, ESC of a
    terminal's escape sequences, DEL ...) written as ``\xNN``, so that a value cannot ring, move or restyle a
    terminal.

    >>> _shown("a\x1b[31mred\x00\x07\x7f\r\nb")
    'a\\x1b[31mred\\x00\\x07\\x7f b'
    """
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", _LINE_BREAKS.sub(" ", cell))


#: The narrowest a column is cut to (its header too, when even that is too wide).
MIN_COLUMN = 6
#: The narrowest a column of text is cut to so that the IRIs stay whole.
MIN_TEXT_COLUMN = 24
_GAP = "  "


def column_widths(natural: list[int], headers: list[int], width: int | None,
                  keep: set[int] | frozenset[int] = frozenset()) -> list[int]:
    """Widths of the table's columns: each its ``natural`` width (its longest cell or header), the widest cut
    first, to the same width, until the columns and the gaps between them fit in ``width`` (no limit: None); not
    below its header's width (``headers``) if those fit, never below :data:`MIN_COLUMN`. The columns ``keep``
    (IRIs) stay whole if the others can be fitted without going under :data:`MIN_TEXT_COLUMN`.

    >>> column_widths([10, 50, 80], [5, 5, 5], 60)
    [10, 23, 23]
    >>> column_widths([10, 50, 80], [5, 5, 5], None)
    [10, 50, 80]
    >>> column_widths([30, 30, 30], [20, 20, 20], 40)
    [12, 12, 12]
    >>> column_widths([10, 50, 80], [5, 5, 5], 90, keep={1})
    [10, 50, 26]
    """
    gaps = len(_GAP) * (len(natural) - 1)
    if width is None or sum(natural) + gaps <= width:
        return list(natural)
    if keep:
        kept = [n if i in keep else min(n, max(h, MIN_TEXT_COLUMN)) for i, (n, h) in enumerate(zip(natural, headers,
                                                                                                    strict=True))]
        if sum(kept) + gaps <= width:
            return _capped(natural, kept, width - gaps)
    floor = [min(n, max(h, MIN_COLUMN)) for n, h in zip(natural, headers, strict=True)]
    if sum(floor) + gaps > width:
        floor = [min(n, MIN_COLUMN) for n in natural]
    return _capped(natural, floor, width - gaps)


def _capped(natural: list[int], floor: list[int], room: int) -> list[int]:
    """Each column's natural width capped by the largest cap that fits the columns in ``room``, none below its
    ``floor``."""
    low, high = 0, max(natural)
    while low < high:
        cap = (low + high + 1) // 2
        if sum(max(f, min(n, cap)) for n, f in zip(natural, floor, strict=True)) <= room:
            low = cap
        else:
            high = cap - 1
    return [max(f, min(n, low)) for n, f in zip(natural, floor, strict=True)]


def _cut(text: str, width: int, keep_end: bool = False) -> str:
    """``text`` in ``width`` characters: its end (or, for an IRI, ``keep_end``: its beginning) replaced by ``…``.

    >>> _cut("abcdefghij", 6), _cut("article/000_31eeee/denial/12-30", 16, keep_end=True)
    ('abcde…', '…ee/denial/12-30')
    """
    if len(text) <= width:
        return text
    if keep_end:
        return "…" + text[len(text) - width + 1:]
    return text[: width - 1] + "…"


def _table(header: list[str], rows: list[list[str]], width: int | None = None,
           iri_columns: set[int] | frozenset[int] = frozenset()) -> str:
    shown = [[_shown(cell) for cell in row] for row in rows]
    natural = [max([len(h)] + [len(r[i]) for r in shown]) for i, h in enumerate(header)]
    widths = column_widths(natural, [len(h) for h in header], width, iri_columns)
    heads = [_cut(h, w) for h, w in zip(header, widths, strict=True)]
    cut = [[_cut(c, w, i in iri_columns) for i, (c, w) in enumerate(zip(r, widths, strict=True))] for r in shown]
    out = io.StringIO()
    out.write(_GAP.join(h.ljust(w) for h, w in zip(heads, widths, strict=True)).rstrip() + "\n")
    out.write(_GAP.join("-" * w for w in widths) + "\n")
    for r in cut:
        out.write(_GAP.join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() + "\n")
    out.write(f"({len(rows)} row{'s' if len(rows) != 1 else ''})\n")
    return out.getvalue()


def rows(results: ox.QuerySolutions | SortedSolutions) -> list[dict[str, str]]:
    """Results as a list of ``{variable: value}`` (unbound variables left out)."""
    variables = [v.value for v in results.variables]
    return [{v: _plain(sol[v]) for v in variables if sol[v] is not None} for sol in results]


__all__ = ["FORMATS", "named_queries", "describe", "resolve_query", "run_query", "refuse_services",
           "format_results", "excel_safe_cell", "rows", "short_iri", "column_widths", "SortedSolutions"]
