"""The extraction cache of a build (``OUT/extractions``): what each article gave, so that
``kg build --append`` adds articles without running the NLP again over those it has seen.

One file per article, named by a hash of its id, holding the article's text hash and its
:class:`kg.pipeline.ArticleExtraction` (pickled: the folder is the user's own output; do not
point ``--append`` at an output folder from an untrusted source).

The cache belongs to the outputs it was built with: it changes only when they are committed. A build saves each
extraction as it is made in a folder of its own (``OUT/.extractions.pending``), stages the new cache folder
(hard links to the files it keeps, old and new) with the other outputs (:class:`kg.output.Staging`), and empties
the pending folder once all are committed. A build that fails or is killed leaves ``OUT/extractions`` as it was;
what it had extracted stays pending, and a later ``--append`` takes an article from there instead of extracting it
again when its text is the same (:func:`pending`).
"""

from __future__ import annotations

import errno
import hashlib
import os
import pickle
import shutil
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kg.output import Staging, atomic_path, writing

if TYPE_CHECKING:
    from kg.pipeline import ArticleExtraction

CACHE_DIR = "extractions"
PENDING_DIR = ".extractions.pending"
_VERSION = 1


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


def dumps(extraction) -> bytes:
    """What a cache file holds for one article's extraction (a worker makes it; :func:`loads` reads it back)."""
    return pickle.dumps((_VERSION, text_hash(extraction.article.text), extraction), protocol=pickle.HIGHEST_PROTOCOL)


def loads(data: bytes):
    """The extraction in :func:`dumps`'s bytes."""
    return pickle.loads(data)[2]


def read_file(path: Path) -> Cached | Damaged:
    """The extraction in the cache file at ``path``, or why it cannot be used."""
    try:
        held = pickle.loads(path.read_bytes())
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
    article = getattr(extraction, "article", None)
    if not isinstance(digest, str) or article is None or file_name(article.article_id) != path.name:
        return Damaged(path, "does not hold the extraction its name says")
    return Cached(path, digest, extraction)


def load_all(out: Path) -> Iterator[Cached | Damaged]:
    """Every file of the committed cache, read (:func:`read_file`), in a stable order."""
    folder = out / CACHE_DIR
    if not folder.is_dir():
        return
    for path in sorted(folder.glob("*.pickle")):
        yield read_file(path)


def save_pending(out: Path, extraction, data: bytes | None = None) -> Path:
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
    file system has no hard links) into a new folder that :meth:`kg.output.Staging.commit` puts in place."""
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
