"""Talking to a remote SPARQL 1.1 server over HTTP: queries, credentials, retries and clear errors.

Credentials come only from the environment (``KG_ENDPOINT_USER`` and ``KG_ENDPOINT_PASSWORD``),
never from a command line or a URL, and never appear in a message. ``auth`` picks how they are
sent: ``basic``, ``digest``, or ``auto`` (the default: the scheme the server's ``401`` challenge
asks for, digest when it offers both).

Transient failures (connection refused or reset, timeouts, HTTP 429/502/503/504) are retried
with exponential back-off a limited number of times; then, and for every other failure, a
:class:`RemoteError` names the endpoint, what was being sent and what went wrong.

Remote queries see what the *server* calls its default graph. ``kg query --data`` queries the
union of all named graphs; to get the same answers from a server:

- Oxigraph: start it with ``oxigraph serve --union-default-graph`` (otherwise the default graph
  is empty and the named queries return no rows);
- Virtuoso: queries without ``FROM`` already see every graph (its own system graphs included);
- Fuseki: set ``tdb2:unionDefaultGraph true`` on the dataset.
"""

from __future__ import annotations

import os
import re
import time
import urllib.parse
from collections.abc import Callable, Mapping
from typing import Any

import pyoxigraph as ox
import requests
from requests.auth import AuthBase, HTTPBasicAuth, HTTPDigestAuth

from kg.errors import BadOption, KGError, QueryError

USER_ENV = "KG_ENDPOINT_USER"
PASSWORD_ENV = "KG_ENDPOINT_PASSWORD"
AUTH_MODES = ("auto", "basic", "digest")
TRANSIENT_STATUS = frozenset({429, 502, 503, 504})
ATTEMPTS = 5  # tries per request, the first included
BACKOFF = 0.5  # seconds before the first retry, doubled after each
MAX_WAIT = 30.0  # the longest pause between two tries (a server's Retry-After included)
CONNECT_TIMEOUT = 10.0
TIMEOUT = 300.0  # seconds to wait for an answer (a big batch can take a while on a slow server)
RESULTS_ACCEPT = "application/sparql-results+json, application/sparql-results+xml;q=0.5"
GRAPH_ACCEPT = "application/n-triples, text/turtle;q=0.9, application/rdf+xml;q=0.5"
RDF_RESULTS = {
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "text/plain": ox.RdfFormat.N_TRIPLES,
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/x-turtle": ox.RdfFormat.TURTLE,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/ld+json": ox.RdfFormat.JSON_LD,
}

Results = ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples


class RemoteError(KGError):
    """A remote SPARQL server could not be reached, refused a request or answered nonsense.

    ``status`` is the HTTP status of the refusal, if the server answered.
    """

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


def shown(url: str) -> str:
    """``url`` as it may appear in a message: without any ``user:password@`` part.

    >>> shown("http://bob:secret@example.org:8890/sparql-auth")
    'http://example.org:8890/sparql-auth'
    """
    parts = urllib.parse.urlsplit(url)
    if parts.username is None and parts.password is None:
        return url
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    netloc = f"{host}:{parts.port}" if parts.port else host
    return urllib.parse.urlunsplit(parts._replace(netloc=netloc))


def check_url(url: str, option: str) -> str:
    """``url`` if it is an http(s) URL without credentials in it, else a :class:`BadOption`."""
    try:
        parts = urllib.parse.urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError as exc:
        raise BadOption(option, shown(url), f"an http:// or https:// URL ({exc})") from exc
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise BadOption(option, shown(url), "an http:// or https:// URL, e.g. http://localhost:7878/update")
    if parts.username is not None or parts.password is not None:
        raise BadOption(option, shown(url),
                        f"a URL without credentials: set {USER_ENV} and {PASSWORD_ENV} in the environment instead")
    return url


def credentials(environ: Mapping[str, str] | None = None) -> tuple[str, str] | None:
    """``(user, password)`` from ``KG_ENDPOINT_USER`` / ``KG_ENDPOINT_PASSWORD``, or None when neither is set."""
    env = os.environ if environ is None else environ
    user, password = env.get(USER_ENV), env.get(PASSWORD_ENV)
    if not user and not password:
        return None
    if not user or password is None:
        missing = USER_ENV if not user else PASSWORD_ENV
        raise RemoteError(f"{missing} is not set: set both {USER_ENV} and {PASSWORD_ENV}, or neither")
    return user, password


class _NoAuth(AuthBase):
    """No credentials; also keeps requests from reading ~/.netrc (credentials come from the environment only)."""

    def __call__(self, r: requests.PreparedRequest) -> requests.PreparedRequest:
        return r


def _challenges(response: requests.Response) -> set[str]:
    """The authentication schemes a 401 answer offers (lower case)."""
    header = response.headers.get("WWW-Authenticate", "")
    return {m.lower() for m in re.findall(r"(?:^|,)\s*([A-Za-z][\w-]*)(?=\s|,|$)", header)} & {"basic", "digest"}


def _excerpt(text: str, limit: int = 300) -> str:
    """A server's error body, short, on one line, HTML tags dropped."""
    flat = " ".join(re.sub(r"<[^>]+>", " ", text).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


class Client:
    """An HTTP session to SPARQL endpoints: one persistent connection, authentication, retries.

    ``attempts`` is the number of tries per request; the pause before retry *k* is
    ``backoff * 2**(k-1)`` seconds (or the server's ``Retry-After``), at most 30 s.
    """

    def __init__(self, *, auth: str = "auto", attempts: int = ATTEMPTS, backoff: float = BACKOFF,
                 timeout: float = TIMEOUT, environ: Mapping[str, str] | None = None,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        if auth not in AUTH_MODES:
            raise BadOption("--auth", auth, " | ".join(AUTH_MODES))
        if attempts < 1:
            raise BadOption("--retries", attempts - 1, "0 or more")
        self.mode = auth
        self.attempts = attempts
        self.backoff = backoff
        self.timeout = (min(CONNECT_TIMEOUT, timeout), timeout)
        self._sleep = sleep
        self._credentials = credentials(environ)
        self.session = requests.Session()
        self.session.headers["User-Agent"] = "conflict-kg"
        self.session.auth = self._auth_for(auth if auth != "auto" else None)

    def _auth_for(self, scheme: str | None) -> AuthBase:
        if self._credentials is None or scheme is None:
            return _NoAuth()
        user, password = self._credentials
        return HTTPDigestAuth(user, password) if scheme == "digest" else HTTPBasicAuth(user, password)

    def close(self) -> None:
        self.session.close()

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def request(self, method: str, url: str, *, what: str, ok_statuses: tuple[int, ...] = (),
                **kwargs: Any) -> requests.Response:
        """Send one request, retrying transient failures; a 2xx response (or one in ``ok_statuses``) or a
        :class:`RemoteError`.

        ``what`` says what is being sent, for messages ("graph <...>, batch 2 of 5").
        """
        where = shown(url)
        reason = ""
        kwargs.setdefault("allow_redirects", False)  # credentials never follow a redirect; say where it points
        for attempt in range(1, self.attempts + 1):
            wait = self.backoff * 2 ** (attempt - 1)
            try:
                response = self.session.request(method, url, timeout=self.timeout, **kwargs)
            except requests.Timeout:
                reason = f"no answer within {self.timeout[1]:g} s"
            except requests.ConnectionError as exc:
                reason = _connection_reason(exc)
            except requests.exceptions.ChunkedEncodingError:
                reason = "the connection broke off during the answer"
            except requests.RequestException as exc:
                raise RemoteError(f"{what} could not be sent to {where}: {type(exc).__name__}") from None
            else:
                if response.status_code == 401:
                    response = self._authenticate(response, method, url, **kwargs)
                if 200 <= response.status_code < 300 or response.status_code in ok_statuses:
                    return response
                if 300 <= response.status_code < 400:
                    target = urllib.parse.urljoin(url, response.headers.get("Location", ""))
                    raise RemoteError(f"{where} redirected {what} to {shown(target)} (HTTP {response.status_code}): "
                                      "give that URL instead", response.status_code)
                if response.status_code not in TRANSIENT_STATUS:
                    raise self._refused(response, where, what)
                reason = f"HTTP {response.status_code} {response.reason}"
                wait = _retry_after(response, wait)
            if attempt < self.attempts:
                self._sleep(min(wait, MAX_WAIT))
        tries = f"{self.attempts} attempt{'s' if self.attempts != 1 else ''}"
        raise RemoteError(f"{what} could not be sent to {where}: {reason} (gave up after {tries})")

    def _authenticate(self, response: requests.Response, method: str, url: str, **kwargs: Any) -> requests.Response:
        """In ``auto`` mode, answer a first 401 with the scheme it asks for; the choice then holds for the session."""
        if self.mode != "auto" or self._credentials is None or not isinstance(self.session.auth, _NoAuth):
            return response
        offered = _challenges(response)
        scheme = "digest" if "digest" in offered else "basic" if "basic" in offered else None
        if scheme is None:
            return response
        self.session.auth = self._auth_for(scheme)
        return self.session.request(method, url, timeout=self.timeout, **kwargs)

    def _refused(self, response: requests.Response, where: str, what: str) -> RemoteError:
        status = f"HTTP {response.status_code} {response.reason}"
        if response.status_code in (401, 403):
            if self._credentials is None:
                hint = f"the server asks for credentials: set {USER_ENV} and {PASSWORD_ENV}"
            elif response.status_code == 401:
                hint = (f"authentication failed: check {USER_ENV} / {PASSWORD_ENV}"
                        + (" and --auth" if self.mode != "auto" else ""))
            else:
                hint = "the user is not allowed to do this (for Virtuoso, grant it SPARQL_UPDATE)"
            return RemoteError(f"{where} refused {what}: {status}: {hint}", response.status_code)
        body = _excerpt(response.text) if response.content else ""
        return RemoteError(f"{where} refused {what}: {status}" + (f": {body}" if body else ""), response.status_code)


def _connection_reason(exc: requests.ConnectionError) -> str:
    text = str(exc)
    for marker, reason in (("Connection refused", "connection refused (is the server running?)"),
                           ("Connection reset", "connection reset by the server"),
                           ("Name or service not known", "unknown host"),
                           ("nodename nor servname", "unknown host"),
                           ("Temporary failure in name resolution", "the host name could not be resolved"),
                           ("RemoteDisconnected", "the server closed the connection without answering"),
                           ("CERTIFICATE_VERIFY_FAILED", "its TLS certificate could not be verified")):
        if marker in text:
            return reason
    return f"connection failed ({type(exc).__name__})"


def _retry_after(response: requests.Response, default: float) -> float:
    value = response.headers.get("Retry-After", "")
    try:
        return max(0.0, float(value))
    except ValueError:
        return default


def _media_type(response: requests.Response) -> str:
    return response.headers.get("Content-Type", "").split(";")[0].strip().lower()


def parse_results(response: requests.Response, where: str) -> Results:
    """A query's answer as pyoxigraph results: solutions or a boolean (SPARQL results JSON or XML), triples (RDF)."""
    media = _media_type(response)
    try:
        if media in RDF_RESULTS:
            graph = ox.Store()
            graph.load(response.content, format=RDF_RESULTS[media], to_graph=ox.DefaultGraph())
            return graph.query("CONSTRUCT WHERE { ?s ?p ?o }")
        fmt = ox.QueryResultsFormat.XML if media.endswith("xml") else ox.QueryResultsFormat.JSON
        return ox.parse_query_results(response.content, format=fmt)
    except (SyntaxError, ValueError) as exc:
        raise RemoteError(f"{where} answered with {media or 'no content type'} that could not be read: "
                          f"{_excerpt(str(exc))}") from None


_FORM = re.compile(r"""<[^<>"{}|^`\\\s]*>|"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|#[^\n]*|"""
                   r"\b(SELECT|CONSTRUCT|DESCRIBE|ASK)\b", re.IGNORECASE)


def query_form(text: str) -> str:
    """``SELECT``, ``CONSTRUCT``, ``DESCRIBE`` or ``ASK``: the form of a SPARQL query (IRIs, strings and
    comments skipped; ``SELECT`` when none is found).

    >>> query_form("PREFIX ex: <http://ex.org/ASK#> # CONSTRUCT\\nDESCRIBE ?x WHERE { ?x ex:p 'SELECT' }")
    'DESCRIBE'
    """
    for match in _FORM.finditer(text):
        if match.group(1):
            return match.group(1).upper()
    return "SELECT"


def run_remote(query: str, endpoint: str, bindings: dict[str, str] | None = None, *, method: str = "POST",
               auth: str = "auto", attempts: int = ATTEMPTS, backoff: float = BACKOFF, timeout: float = TIMEOUT,
               client: Client | None = None) -> Results:
    """Run ``query`` (a named query, a .rq path or SPARQL text) on the SPARQL query ``endpoint``, with
    ``bindings`` (variable -> value) bound as ``kg query --bind`` does (:func:`kg.sparql.bind.bind_values`).

    POST sends the query form-encoded (``application/x-www-form-urlencoded``, which every server
    accepts; Virtuoso 7 does not answer ``application/sparql-query`` bodies); GET puts it in the URL.
    SELECT and ASK answers are asked as SPARQL results JSON, CONSTRUCT and DESCRIBE answers as
    N-Triples (or Turtle, RDF/XML), and returned as the same pyoxigraph objects a local query
    gives, so :func:`kg.sparql.query.format_results` prints them. Credentials and retries: see :class:`Client`.
    """
    from kg.sparql.bind import bind_values
    from kg.sparql.query import resolve_query

    check_url(endpoint, "--endpoint")
    if method.upper() not in ("GET", "POST"):
        raise BadOption("--method", method, "GET | POST")
    text = bind_values(resolve_query(query), bindings or {})
    own = client is None
    http = client or Client(auth=auth, attempts=attempts, backoff=backoff, timeout=timeout)
    try:
        accept = GRAPH_ACCEPT if query_form(text) in ("CONSTRUCT", "DESCRIBE") else RESULTS_ACCEPT
        headers = {"Accept": accept}
        if method.upper() == "GET":
            response = _query_request(http, "GET", endpoint, headers=headers, params={"query": text})
        else:
            response = _query_request(http, "POST", endpoint, headers=headers, data={"query": text})
        return parse_results(response, shown(endpoint))
    finally:
        if own:
            http.close()


def _query_request(http: Client, method: str, endpoint: str, **kwargs: Any) -> requests.Response:
    try:
        return http.request(method, endpoint, what="the query", **kwargs)
    except RemoteError as exc:
        if exc.status == 400:
            raise QueryError(str(exc)) from None
        raise


def query_endpoint_for(update_url: str) -> str:
    """The query endpoint that goes with an update or graph store endpoint (see :data:`QUERY_ENDPOINT_RULES`).

    >>> query_endpoint_for("http://localhost:7878/update")
    'http://localhost:7878/query'
    >>> query_endpoint_for("http://localhost:8890/sparql-auth")
    'http://localhost:8890/sparql'
    >>> query_endpoint_for("http://localhost:3030/ds/data?x=1")
    'http://localhost:3030/ds/query?x=1'
    """
    parts = urllib.parse.urlsplit(update_url)
    path = parts.path
    for ending, replacement in QUERY_ENDPOINT_RULES:
        if path.endswith(ending):
            path = path[: -len(ending)] + replacement
            break
    return urllib.parse.urlunsplit(parts._replace(path=path))


QUERY_ENDPOINT_RULES: tuple[tuple[str, str], ...] = (
    ("/update", "/query"),  # Oxigraph /update, Fuseki /DATASET/update
    ("/store", "/query"),  # Oxigraph's graph store
    ("/data", "/query"),  # Fuseki's graph store /DATASET/data
    ("/sparql-auth", "/sparql"),  # Virtuoso
    ("/sparql-graph-crud-auth", "/sparql"),  # Virtuoso's graph store
    ("/sparql-graph-crud", "/sparql"),
)
"""How ``kg load`` finds the query endpoint for its final check when ``--query-endpoint`` is not given:
the first rule whose ending matches the URL's path replaces it; any other URL is used as it is (stores
such as Blazegraph or Stardog answer queries and updates at one URL)."""


__all__ = ["AUTH_MODES", "Client", "PASSWORD_ENV", "QUERY_ENDPOINT_RULES", "RemoteError", "Results", "USER_ENV",
           "check_url", "credentials", "parse_results", "query_endpoint_for", "query_form", "run_remote", "shown"]
