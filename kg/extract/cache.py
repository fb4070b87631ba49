"""The extraction cache of a build (``OUT/extractions``): what each article gave, so that
``kg build --append`` adds articles without running the NLP again over those it has seen.

One file per article, named by a hash of its id, holding the article's text hash and its
:class:`kg.records.ArticleExtraction` (pickled: the folder is the user's own output; do not
point ``--append`` at an output folder from an untrusted source). Each file is written
atomically as soon as its article is done, so a build that was killed keeps what it finished.
"""

from __future__ import annotations

import hashlib
import pickle
import shutil
from collections.abc import Iterator
from pathlib import Path

from kg.files import atomic_path
from kg.records import ArticleExtraction

CACHE_DIR = "extractions"
_VERSION = 2  # 2: the records live in kg.records (and the modules in the stage packages)


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _file(out: Path, article_id: str) -> Path:
    return out / CACHE_DIR / (hashlib.sha256(article_id.encode("utf-8", "surrogatepass")).hexdigest()[:32] + ".pickle")


def clear(out: Path) -> None:
    shutil.rmtree(out / CACHE_DIR, ignore_errors=True)


def dumps(extraction: ArticleExtraction) -> bytes:
    """What :func:`save` writes for one article's extraction (a worker makes it; :func:`loads` reads it back)."""
    return pickle.dumps((_VERSION, text_hash(extraction.article.text), extraction), protocol=pickle.HIGHEST_PROTOCOL)


def loads(data: bytes) -> ArticleExtraction:
    """The extraction in :func:`dumps`'s bytes."""
    return pickle.loads(data)[2]


def save(out: Path, extraction: ArticleExtraction, data: bytes | None = None) -> None:
    """Keep one article's extraction (replacing an earlier one of the same id); ``data``, when given, is its
    :func:`dumps` already made."""
    with atomic_path(_file(out, extraction.article.article_id)) as tmp:
        tmp.write_bytes(dumps(extraction) if data is None else data)


def load_all(out: Path) -> Iterator[tuple[str, ArticleExtraction]]:
    """Every cached extraction as (text hash, extraction), in a stable order; unreadable files are skipped."""
    folder = out / CACHE_DIR
    if not folder.is_dir():
        return
    for path in sorted(folder.glob("*.pickle")):
        try:
            version, digest, extraction = pickle.loads(path.read_bytes())
        except Exception:  # a damaged or foreign file: the article is simply extracted again
            continue
        if version == _VERSION and isinstance(extraction, ArticleExtraction):
            yield digest, extraction
