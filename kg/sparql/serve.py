"""``kg serve``: a local SPARQL endpoint over a build's store, for tools such as YASGUI.

It runs Oxigraph's own server (PyPI package ``oxigraph``) read-only over ``OUT/store``, on
127.0.0.1 unless told otherwise, with the union of all named graphs as the default graph (so
the named queries work unchanged).
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from kg.errors import DataNotFound, KGError
from kg.sparql.store import STORE_DIR


def oxigraph_binary() -> str:
    """The ``oxigraph`` server program, beside this Python or on the PATH."""
    beside = Path(sys.executable).parent / "oxigraph"
    if beside.is_file():
        return str(beside)
    found = shutil.which("oxigraph")
    if found is None:
        raise KGError("the `oxigraph` server is not installed: `pip install oxigraph==0.5.13` "
                      "(it is a dependency of conflict-kg; reinstall with `make install`)")
    return found


def server_command(out: str | Path, bind: str = "127.0.0.1:7878", cors: bool = False) -> list[str]:
    """The command line that serves ``out``'s store read-only."""
    store = Path(out) / STORE_DIR
    if not store.is_dir():
        raise DataNotFound(str(out))
    command = [oxigraph_binary(), "serve-read-only", "--location", str(store), "--bind", bind,
               "--union-default-graph"]
    return command + (["--cors"] if cors else [])


def serve(out: str | Path, bind: str = "127.0.0.1:7878", cors: bool = False) -> int:
    """Serve ``out`` until stopped: this process becomes the Oxigraph server, so stopping it (Ctrl-C, a
    signal) stops the server, and no server is left behind."""
    command = server_command(out, bind, cors)
    sys.stdout.flush()
    sys.stderr.flush()
    os.execv(command[0], command)
    return 0  # not reached
