"""The extraction cache of a build (``OUT/extractions``): what each article gave, so that
``kg build --append`` adds articles without running the NLP again over those it has seen.

One file per article, named by a hash of its id, holding the article's text hash and its
:class:`kg.records.ArticleExtraction` (pickled: the folder is the user's own output; do not
point ``--append`` at an output folder from an untrusted source).

The cache belongs to the outputs it was built with: it changes only when they are committed. A build saves each
extraction as it is made in a folder of its own (``OUT/.extractions.pending``), stages the new cache folder
(hard links to the files it keeps, old and new) with the other outputs (:class:`kg.files.Staging`), and empties
the pending folder once all are committed. A build that fails or is killed leaves ``OUT/extractions`` as it was;
what it had extracted stays pending, and a later ``--append`` takes an article from there instead of extracting it
again when its text is the same (:func:`pending`).
"""

from __future__ import annotations

import errno
import hashlib
import io
import os
import pickle
import shutil
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from kg.files import Staging, atomic_path, writing
from kg.records import ArticleExtraction, Problem

CACHE_DIR = "extractions"
PENDING_DIR = ".extractions.pending"
_VERSION = 1
#: Where the classes that files written before kg's stage packages name live now (the records are the same).
_MOVED = {("kg.pipeline", "ArticleExtraction"): ("kg.records", "ArticleExtraction"),
          ("kg.timex", "ResolvedTime"): ("kg.records", "ResolvedTime")}


class _Unpickler(pickle.Unpickler):
    """Reads a cache file, finding the classes that moved where they are now."""

    def find_class(self, module: str, name: str) -> object:
        return super().find_class(*_MOVED.get((module, name), (module, name)))


def _loads(data: bytes) -> object:
    return _Unpickler(io.BytesIO(data)).load()


@dataclass(frozen=True)
class Cached:
    """One article's extraction as a cache file holds it."""

    path: Path
    text_hash: str
    extraction: ArticleExtraction


@dataclass(frozen=True)
class Damaged:
    """A cache file that cannot be used, and why."""

    path: Path  # named by the article it held (file_name)
    reason: str


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def file_name(article_id: str) -> str:
    """The name of an article's cache file."""
    return hashlib.sha256(article_id.encode("utf-8", "surrogatepass")).hexdigest()[:32] + ".pickle"


def dumps(extraction: ArticleExtraction) -> bytes:
    """What a cache file holds for one article's extraction (a worker makes it; :func:`loads` reads it back)."""
    return pickle.dumps((_VERSION, text_hash(extraction.article.text), extraction), protocol=pickle.HIGHEST_PROTOCOL)


def loads(data: bytes) -> ArticleExtraction:
    """The extraction in :func:`dumps`'s bytes."""
    return _loads(data)[2]


def read_file(path: Path) -> Cached | Damaged:
    """The extraction in the cache file at ``path``, or why it cannot be used."""
    try:
        held = _loads(path.read_bytes())
    except OSError as exc:
        return Damaged(path, f"cannot be read ({exc.strerror or exc})")
    except Exception as exc:  # noqa: BLE001 (whatever a truncated or damaged pickle raises)
        return Damaged(path, f"is truncated or damaged ({type(exc).__name__}: {str(exc)[:80]})")
    if not (isinstance(held, tuple) and len(held) == 3):
        return Damaged(path, "is not an extraction file of kg")
    version, digest, extraction = held
    if version != _VERSION:
        return Damaged(path, f"was written by another version of kg (cache format {version!r}, this one reads "
                             f"{_VERSION})")
    if not isinstance(extraction, ArticleExtraction):
        return Damaged(path, "is not an extraction file of kg")
    article = extraction.article
    if not isinstance(digest, str) or file_name(article.article_id) != path.name:
        return Damaged(path, "does not hold the extraction its name says")
    return Cached(path, digest, extraction)


def load_all(out: Path) -> Iterator[Cached | Damaged]:
    """Every file of the committed cache, read (:func:`read_file`), in a stable order."""
    folder = out / CACHE_DIR
    if not folder.is_dir():
        return
    for path in sorted(folder.glob("*.pickle")):
        yield read_file(path)


def save_pending(out: Path, extraction: ArticleExtraction, data: bytes | None = None) -> Path:
    """Keep one article's new extraction until the build commits (replacing an earlier one of the same id);
    ``data``, when given, is its :func:`dumps` already made. Raises :class:`kg.errors.DiskFull` on a full disk."""
    path = out / PENDING_DIR / file_name(extraction.article.article_id)
    with writing(path), atomic_path(path) as tmp:
        tmp.write_bytes(dumps(extraction) if data is None else data)
    return path


def pending(out: Path, article_id: str, digest: str) -> Cached | None:
    """The extraction an earlier build that did not finish made of the article ``article_id`` when its text had the
    hash ``digest`` (None: none, another text, or a file that cannot be used)."""
    path = out / PENDING_DIR / file_name(article_id)
    if not path.is_file():
        return None
    found = read_file(path)
    if isinstance(found, Cached) and found.text_hash == digest and found.extraction.article.article_id == article_id:
        return found
    return None


def stage(stage: Staging, files: Iterable[Path]) -> Path:
    """Stage the new cache folder: the cache files ``files`` (committed or pending), linked (or copied where the
    file system has no hard links) into a new folder that :meth:`kg.files.Staging.commit` puts in place."""
    folder = stage.folder(CACHE_DIR)
    for source in files:
        target = folder / source.name
        with writing(target):
            try:
                os.link(source, target)
            except OSError as exc:
                if exc.errno in (errno.ENOSPC, errno.EDQUOT):
                    raise
                shutil.copyfile(source, target)
    return folder


def clear_pending(out: Path) -> None:
    """Forget the pending extractions (once the build that made them is committed)."""
    shutil.rmtree(out / PENDING_DIR, ignore_errors=True)


def read_committed(out: Path, settle: Callable[[], None], every: int) -> tuple[dict[str, Cached], list[Damaged]]:
    """The committed extraction cache: what each article gave, by article id, and the files that cannot be used
    (``settle`` called every ``every`` files: :func:`kg.extract.run.settled_heap`)."""
    known: dict[str, Cached] = {}
    damaged: list[Damaged] = []
    for entry in load_all(out):
        if isinstance(entry, Damaged):
            damaged.append(entry)
            continue
        known[entry.extraction.article.article_id] = entry
        if len(known) % every == 0:
            settle()
    settle()
    return known, damaged


def damaged_problems(damaged: list[Damaged], seen: set[str]) -> Iterator[Problem]:
    """A problem for each damaged cache file: its article was extracted again (its text was given, ``seen``), or it
    is lost."""
    given = {file_name(article_id): article_id for article_id in seen}
    for entry in damaged:
        article_id = given.get(entry.path.name)
        if article_id is not None:
            yield Problem(str(entry.path), f"this extraction file {entry.reason}: its article {article_id!r} was "
                                           "extracted again", skipped=False)
        else:
            yield Problem(str(entry.path), f"this extraction file {entry.reason}: the article it held is lost from "
                                           "the build (give that article's text again with --append to put it back)")
