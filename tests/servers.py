"""Real SPARQL servers for the tests: Oxigraph's ``oxigraph serve`` and Virtuoso's ``virtuoso-t``.

Each server runs in a temporary folder, bound to 127.0.0.1 on free ports, and is stopped (and
waited for) when its context manager exits, failures included. Every wait is bounded.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

HOST = "127.0.0.1"
START_TIMEOUT = 90.0  # seconds; a fresh Virtuoso database takes a few seconds to create
STOP_TIMEOUT = 20.0


def oxigraph_binary() -> str | None:
    """The ``oxigraph`` server binary (PyPI ``oxigraph``): beside this Python first, then on PATH."""
    beside = Path(sys.executable).parent / "oxigraph"
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    return shutil.which("oxigraph")


def virtuoso_binary() -> str | None:
    """Virtuoso's server binary (Debian package ``virtuoso-opensource``), if installed."""
    return shutil.which("virtuoso-t")


def free_port() -> int:
    """A TCP port nothing listens on right now (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    """A running server: its base URL, the process, and its log file (shown when it fails)."""

    name: str
    base: str
    process: subprocess.Popen
    log: Path
    user: str | None = None
    password: str | None = None

    def log_tail(self, chars: int = 3000) -> str:
        try:
            return self.log.read_text(encoding="utf-8", errors="replace")[-chars:]
        except OSError:
            return ""


def _wait_until_up(server: Server, probe: str, timeout: float = START_TIMEOUT) -> None:
    """Poll ``probe`` until the server answers at all (any HTTP status), or fail with its log."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"{server.name} exited with status {server.process.returncode}:\n{server.log_tail()}")
        try:
            with urllib.request.urlopen(probe, timeout=2):
                return
        except urllib.error.HTTPError:
            return  # it answers
        except (OSError, urllib.error.URLError):
            time.sleep(0.2)
    raise RuntimeError(f"{server.name} did not answer {probe} within {timeout:.0f} s:\n{server.log_tail()}")


def _stop(process: subprocess.Popen) -> None:
    """Stop the server we started (its own process group), politely first, then for good."""
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    try:
        process.wait(timeout=STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        process.wait(timeout=STOP_TIMEOUT)


def _libc() -> object | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        import ctypes

        return ctypes.CDLL("libc.so.6", use_errno=True)
    except OSError:
        return None


_LIBC = _libc()
_PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:
    """Run in the child before exec: Linux sends the server SIGTERM if the test process dies without stopping
    it (killed, or a hard exit), so no server outlives the tests."""
    if _LIBC is not None:
        _LIBC.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)  # type: ignore[attr-defined]


def _spawn(args: list[str], cwd: Path, log: Path) -> subprocess.Popen:
    with log.open("wb") as out:
        return subprocess.Popen(args, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                start_new_session=True, preexec_fn=_die_with_parent if _LIBC is not None else None)


@contextmanager
def oxigraph_server(union_default_graph: bool = True, location: Path | None = None,
                    port: int | None = None) -> Iterator[Server]:
    """``oxigraph serve`` on a temporary database (or the one at ``location``, kept afterwards, e.g. to start
    the server again on the same data): ``/query``, ``/update`` and ``/store`` under ``server.base``.

    ``--union-default-graph`` makes queries without ``GRAPH`` see every named graph, as ``kg query`` does locally.
    """
    binary = oxigraph_binary()
    if binary is None:
        raise RuntimeError("the oxigraph binary is not installed (pip install oxigraph)")
    folder = Path(tempfile.mkdtemp(prefix="kg-oxigraph-"))
    port = port or free_port()
    args = [binary, "serve", "--location", str(location or folder / "db"), "--bind", f"{HOST}:{port}"]
    if union_default_graph:
        args.append("--union-default-graph")
    log = folder / "server.log"
    server = Server("oxigraph", f"http://{HOST}:{port}", _spawn(args, folder, log), log)
    try:
        _wait_until_up(server, f"{server.base}/query?query=ASK%7B%7D")
        yield server
    finally:
        _stop(server.process)
        shutil.rmtree(folder, ignore_errors=True)


VIRTUOSO_INI = """\
[Database]
DatabaseFile       = {dir}/virtuoso.db
ErrorLogFile       = {dir}/virtuoso.log
LockFile           = {dir}/virtuoso.lck
TransactionFile    = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
ErrorLogLevel      = 7
FileExtend         = 200
MaxCheckpointRemap = 2000
Striping           = 0
TempStorage        = TempDatabase

[TempDatabase]
DatabaseFile       = {dir}/virtuoso-temp.db
TransactionFile    = {dir}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping           = 0

[Parameters]
ServerPort               = {host}:{sql_port}
LiteMode                 = 0
DisableUnixSocket        = 1
DisableTcpSocket         = 0
MaxClientConnections     = 10
CheckpointInterval       = 0
O_DIRECT                 = 0
CaseMode                 = 2
MaxStaticCursorRows      = 5000
CheckpointAuditTrail     = 0
AllowOSCalls             = 0
SchedulerInterval        = 10
DirsAllowed              = .
ThreadCleanupInterval    = 0
ThreadThreshold          = 10
ResourcesCleanupInterval = 0
FreeTextBatchSize        = 100000
SingleCPU                = 0
PrefixResultNames        = 0
RdfFreeTextRulesSize     = 100
IndexTreeMaps            = 64
MaxMemPoolSize           = 200000000
MaxQueryMem              = 1G
VectorSize               = 1000
MaxVectorSize            = 1000000
AdjustVectorSize         = 0
ThreadsPerQuery          = 4
AsyncQueueMaxThreads     = 10
NumberOfBuffers          = 20000
MaxDirtyBuffers          = 15000

[HTTPServer]
ServerPort                  = {host}:{http_port}
ServerRoot                  = {dir}/vsp
MaxClientConnections        = 10
DavRoot                     = DAV
EnabledDavVSP               = 0
HTTPProxyEnabled            = 0
TempASPXDir                 = 0
ServerThreads               = 10
MaxKeepAlives               = 10
KeepAliveTimeout            = 10
MaxCachedProxyConnections   = 10
ProxyConnectionCacheTimeout = 15
HTTPThreadSize              = 280000
HttpPrintWarningsInOutput   = 0
Charset                     = UTF-8
EnabledGzipContent          = 0

[Client]
SQL_PREFETCH_ROWS  = 100
SQL_PREFETCH_BYTES = 16000
SQL_QUERY_TIMEOUT  = 0
SQL_TXN_TIMEOUT    = 0

[URIQA]
DynamicLocal = 0
DefaultHost  = {host}:{http_port}

[SPARQL]
ResultSetMaxRows           = 1000000
MaxQueryCostEstimationTime = 400
MaxQueryExecutionTime      = 120
"""


@contextmanager
def virtuoso_server() -> Iterator[Server]:
    """``virtuoso-t`` in the foreground on a fresh temporary database (user ``dba``, password ``dba``).

    Updates go to ``/sparql-auth`` (digest authentication), queries to ``/sparql``.
    """
    binary = virtuoso_binary()
    if binary is None:
        raise RuntimeError("virtuoso-t is not installed (apt-get install virtuoso-opensource)")
    folder = Path(tempfile.mkdtemp(prefix="kg-virtuoso-"))
    (folder / "vsp").mkdir()
    sql_port, http_port = free_port(), free_port()
    while http_port == sql_port:
        http_port = free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.format(dir=folder, host=HOST, sql_port=sql_port, http_port=http_port),
                   encoding="utf-8")
    log = folder / "server.log"
    process = _spawn([binary, "+foreground", "+configfile", str(ini)], folder, log)
    server = Server("virtuoso", f"http://{HOST}:{http_port}", process, folder / "virtuoso.log", "dba", "dba")
    try:
        _wait_until_up(server, f"{server.base}/sparql?query=ASK%7B%7D")
        yield server
    finally:
        _stop(server.process)
        shutil.rmtree(folder, ignore_errors=True)


@dataclass
class StubServer:
    """A small HTTP server in a thread that plays a SPARQL store, and the requests it received."""

    base: str
    received: list[dict]
    busy: dict[str, int]  # "now": requests being answered, "peak": the most at once


@contextmanager
def stub_server(*, fail: int = 0, status: int = 503, user: str | None = None, password: str | None = None,
                max_body: int | None = None, queries: bool = True, redirect: str | None = None,
                delay: float = 0.0, message: bytes = b"busy") -> Iterator[StubServer]:
    """A stand-in SPARQL server on 127.0.0.1: the first ``fail`` requests get ``status`` (with ``Retry-After: 0``);
    with ``user``, HTTP Basic authentication is required (a ``401`` with a Basic challenge otherwise); a body
    longer than ``max_body`` bytes gets ``413``. Updates and PUTs get ``204``; queries an empty SPARQL JSON
    result (``404`` without ``queries``); with ``redirect``, every request is sent there (``307``); with ``delay``,
    every answer waits that many seconds (``message`` is the body of the failures). Each request
    is recorded (method, path, headers, body, status) in
    ``received``."""
    import base64
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    received: list[dict] = []
    busy = {"now": 0, "peak": 0}
    busy_lock = threading.Lock()
    expected = "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode() if user else None

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: object) -> None:  # quiet
            pass

        def _answer(self) -> None:
            with busy_lock:
                busy["now"] += 1
                busy["peak"] = max(busy["peak"], busy["now"])
            try:
                self._answer_one()
            finally:
                with busy_lock:
                    busy["now"] -= 1

        def _answer_one(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            record = {"method": self.command, "path": self.path, "headers": dict(self.headers), "body": body}
            received.append(record)
            if delay:
                time.sleep(delay)
            if redirect:
                record["status"] = 307
                self._send(307, b"", {"Location": redirect})
            elif len(received) <= fail:
                record["status"] = status
                self._send(status, message, {"Retry-After": "0"})
            elif expected and self.headers.get("Authorization") != expected:
                record["status"] = 401
                self._send(401, b"", {"WWW-Authenticate": 'Basic realm="stub"'})
            elif max_body is not None and len(body) > max_body:
                record["status"] = 413
                self._send(413, b"request too large")
            elif self.command in ("PUT", "POST") and not body.startswith(b"query="):
                record["status"] = 204
                self._send(204, b"")
            elif not queries:
                record["status"] = 404
                self._send(404, b"no query endpoint here")
            else:
                record["status"] = 200
                self._send(200, b'{"head":{"vars":["g","n"]},"results":{"bindings":[]}}',
                           {"Content-Type": "application/sparql-results+json"})

        def _send(self, code: int, body: bytes, headers: dict[str, str] | None = None) -> None:
            self.send_response(code)
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_GET = do_POST = do_PUT = _answer

    httpd = ThreadingHTTPServer((HOST, 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield StubServer(f"http://{HOST}:{httpd.server_address[1]}", received, busy)
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=STOP_TIMEOUT)
