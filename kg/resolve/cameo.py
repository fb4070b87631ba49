"""The event-data field's actor dictionaries (PETRARCH2 / Phoenix), as lookups: ``kg/lexicons/cameo_actors.tsv``.

The file is made from the originals by ``scripts/field_dictionaries.py`` (MIT licence, notice beside it). It gives
every state's names, adjectives and capital, named state institutions, office holders with the dates of their
codes, international bodies, armed non-state groups and generic agent nouns, each with its CAMEO actor code
(``SYR``, ``SYRGOV``, ``IGOUNO``, ``SOMREB``; an agent's sector code such as ``COP`` has no country), so that the
graph joins event-data sets coded with the same scheme.

>>> named("al shabaab").code, named("ISIL").canonical == named("Daesh").canonical
('SOMREB', True)
>>> capital_of("Kyiv"), demonym_state("Congolese"), agent_code("policemen")
('Ukraine', 'Congo', 'COP')
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from importlib import resources

import pycountry

FILE = "lexicons/cameo_actors.tsv"

#: Sector codes (the last three letters of a code) and the actor class a body of that sector is.
SECTOR_TYPES = {
    "MIL": "ArmedGroup", "REB": "ArmedGroup", "INS": "ArmedGroup", "UAF": "ArmedGroup", "SEP": "ArmedGroup",
    "COP": "Organization", "SPY": "Organization", "GOV": "Organization", "JUD": "Organization",
    "LEG": "Organization", "PTY": "Organization", "NGO": "Organization", "IGO": "Organization",
    "MED": "Media", "OPP": "Organization", "HRI": "Organization",
}

#: Sector codes of a state's own bodies and people: its government, elite, forces, police, intelligence, courts and
#: legislature act for the state ("USAGOV" for the United States); its rebels or opposition ("TURREB") do not.
STATE_SECTORS = frozenset({"", "GOV", "ELI", "MIL", "COP", "SPY", "JUD", "LEG"})


@dataclass(frozen=True)
class Entry:
    """One name of the field's dictionaries."""

    kind: str  # country, capital, institution, person, international, nonstate, agent, discard
    code: str  # the CAMEO actor code
    name: str  # lower case
    canonical: str  # the entry's first name: synonyms share it
    start: str = ""  # ISO dates bounding the code ("" when open)
    end: str = ""

    @property
    def entity_type(self) -> str:
        """The ontology class of what this entry names."""
        if self.kind in ("country", "capital"):
            return "State"
        if self.kind == "person":
            return "Person"
        if self.kind == "nonstate":
            return "ArmedGroup"
        for sector, kind in SECTOR_TYPES.items():
            if sector in self.code[3:]:
                return kind
        return "Organization"


def fold(name: str) -> str:
    """A name as the dictionary writes it: lower case, one space between words, no leading "the".

    >>> fold("The  Islamic State"), fold("Kurdistan Workers’ Party")
    ('islamic state', "kurdistan workers' party")
    """
    return _fold(name)


@lru_cache(maxsize=1 << 16)
def _fold(name: str) -> str:
    name = re.sub(r"\s+", " ", name.replace("’", "'").replace("‘", "'").lower()).strip()
    return name[4:] if name.startswith("the ") else name


@cache
def entries() -> tuple[Entry, ...]:
    text = resources.files("kg").joinpath(FILE).read_text(encoding="utf-8")
    found = []
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        kind, code, name, canonical, start, end = (line.split("\t") + [""] * 6)[:6]
        found.append(Entry(kind, code, name, canonical, start, end))
    return tuple(found)


@cache
def _by_name() -> dict[str, tuple[Entry, ...]]:
    index: dict[str, list[Entry]] = {}
    for entry in entries():
        index.setdefault(fold(entry.name), []).append(entry)
    return {name: tuple(found) for name, found in index.items()}


def lookup(name: str, kinds: tuple[str, ...] | None = None) -> tuple[Entry, ...]:
    """Every entry of the name (folded), of the given kinds; a name of ``field_aliases.txt`` ("IS") is the name it
    stands for."""
    return _lookup(name, kinds)


@lru_cache(maxsize=1 << 16)
def _lookup(name: str, kinds: tuple[str, ...] | None = None) -> tuple[Entry, ...]:
    found = _by_name().get(fold(name), ())
    if not found:
        from kg import lexicon

        alias = lexicon.load_mapping("field_aliases").get(name.lower())
        found = _by_name().get(fold(alias), ()) if alias else ()
    return tuple(e for e in found if kinds is None or e.kind in kinds)


_BODIES = ("nonstate", "international", "institution")


def named(name: str, date: str | None = None) -> Entry | None:
    """The body (armed group, international body, state institution) or office holder ``name`` names, or None.

    With ``date`` (ISO), an office holder's code is the one in force on that day.
    """
    found = lookup(name, _BODIES) or lookup(name, ("person",))
    if date:
        dated = [e for e in found if (not e.start or e.start <= date) and (not e.end or date <= e.end)]
        found = tuple(dated) or found
    return found[0] if found else None


def possessive_body(name: str) -> Entry | None:
    """The body (not a person) ``name`` names with a possessive's "s" whose apostrophe the text lost ("Daeshs", "Al
    Qaedas", "AFPs"), or None: a name the dictionaries know as written is itself ("Hamas"), and an acronym's
    possessive keeps its capitals ("Klas" is a given name, not the KLA's).

    >>> possessive_body("Daeshs").code, possessive_body("AFPs").code, possessive_body("Klas"), possessive_body("Hamas")
    ('IMGMUSISI', 'MED', None, None)
    """
    stem = name[:-1]
    if len(name) < 3 or not name.endswith("s") or name.endswith("ss") or not stem[-1:].isalpha() \
            or (len(stem) <= 4 and not stem.isupper()) or named(name) is not None:
        return None
    entry = named(stem)
    return entry if entry is not None and entry.kind != "person" else None


def body_names() -> list[Entry]:
    """Entries that name a body: armed non-state groups, international bodies (not companies) and state
    institutions, for the entity ruler; with the names of ``field_aliases.txt`` ("Provisional IRA"), each as an
    entry of the body it stands for."""
    from kg import lexicon

    found = [e for e in entries() if e.kind in _BODIES and not e.code.startswith("MNC") and "BUS" not in e.code[3:]]
    for alias, name in lexicon.load_mapping("field_aliases").items():
        entry = next(iter(_by_name().get(fold(name), ())), None)
        if entry is not None and entry.kind in _BODIES:
            found.append(replace(entry, name=alias))
    return found


@cache
def _state_by_code() -> dict[str, str]:
    """CAMEO country code (ISO 3166 alpha-3) -> the state's name as :mod:`kg.gazetteer` writes it (pycountry's
    common name, or the short name of ``state_aliases.txt`` where one of the code's names is listed there)."""
    from kg import lexicon

    aliases = {fold(k): v for k, v in lexicon.load_mapping("state_aliases").items()}
    found = {}
    for country in pycountry.countries:
        found[country.alpha_3] = getattr(country, "common_name", None) or country.name.split(",")[0]
    for entry in entries():
        if entry.kind == "country" and entry.code in found and fold(entry.name) in aliases:
            found[entry.code] = aliases[fold(entry.name)]
    return found


def acts_for_state(code: str) -> str | None:
    """The state an actor of CAMEO code ``code`` acts for: its government, elite or forces ("USAGOV" -> "United
    States"), or None (a non-state code, or a state's rebels: "TURREB").

    >>> acts_for_state("RUSGOV"), acts_for_state("TURREB")
    ('Russia', None)
    """
    return state_of_code(code) if code[3:6] in STATE_SECTORS else None


def state_of_code(code: str) -> str | None:
    """The state a CAMEO code's first three letters name ("SYRGOV" -> "Syria"), or None for a non-state code."""
    return _state_by_code().get(code[:3])


def leader_state(name: str) -> str | None:
    """The state whose government or elite the person ``name`` belongs to in the field's dictionaries ("Assad"
    -> "Syria", CAMEO SYRGOV; "Putin" -> "Russia"), or None: who a "<leader> regime" is the government of.

    >>> leader_state("Assad"), leader_state("Nelson Mandela Bay")
    ('Syria', None)
    """
    for entry in lookup(name, ("person",)):
        if entry.code[3:6] in {"GOV", "ELI"}:
            state = state_of_code(entry.code)
            if state:
                return state
    return None


@cache
def country_names() -> dict[str, str]:
    """Every folded name and adjective of a state in the dictionaries -> the state's common name."""
    found = {}
    for entry in entries():
        if entry.kind == "country":
            state = state_of_code(entry.code)
            if state:
                found.setdefault(fold(entry.name), state)
    return found


_ADJECTIVE_ENDINGS = ("an", "ese", "i", "ish", "ch", "ic", "ot")


@cache
def demonyms() -> dict[str, str]:
    """State adjectives (one word, in an adjective's form: "congolese", "burmese", "somali") -> the state."""
    return {name: state for name, state in country_names().items()
            if " " not in name and "." not in name and name.endswith(_ADJECTIVE_ENDINGS) and len(name) > 3
            and not name.endswith("stan")}


def demonym_state(word: str) -> str | None:
    folded = fold(word)
    return demonyms().get(folded) or demonyms().get(folded.removesuffix("s"))


@cache
def capitals() -> dict[str, str]:
    """Folded capital -> the state it is the capital of."""
    found = {}
    for entry in entries():
        if entry.kind == "capital":
            state = state_of_code(entry.code)
            if state:
                found[fold(entry.name)] = state
    return found


def capital_of(name: str) -> str | None:
    """The state whose capital ``name`` is, or None."""
    return capitals().get(fold(name))


@cache
def agents() -> dict[str, str]:
    """Generic agent nouns (folded, singular and plural) -> their sector code ("police" -> "COP")."""
    return {fold(e.name): e.code for e in entries() if e.kind == "agent"}


def agent_code(noun: str) -> str | None:
    return agents().get(fold(noun))


@cache
def discards() -> frozenset[str]:
    """Phrases that never name an actor."""
    return frozenset(fold(e.name) for e in entries() if e.kind == "discard")


def state_code(state: str) -> str | None:
    """The CAMEO code of a state given by its common name ("Syria" -> "SYR")."""
    for code, name in _state_by_code().items():
        if name == state:
            return code
    return None


#: The rule part of a mention whose name :func:`armed_group_variant` read: the mention is that group.
VARIANT_RULE = "lexicon:armed-group-variant"

#: Arabic articles and the small words a transliterated name is written with or without.
_ARTICLES = frozenset({"al", "el", "ad", "as", "ash", "ar", "an", "at", "az", "ul", "the"})


def skeleton(name: str) -> str:
    """A transliterated name's consonants, under which its spellings meet: each word's first and last letters and
    the consonants between, articles left out. A final vowel stays, so a nisba is another word ("Shami" is not
    "Sham").

    >>> skeleton("Jabhat Fatah al-Sham") == skeleton("Jabhat Fateh al Sham") == skeleton("Jabhat Fath al-Sham")
    True
    >>> skeleton("al-Qaeda") == skeleton("Al Qaida"), skeleton("Fathi al-Shami") == skeleton("Fateh al-Sham")
    (True, False)
    """
    words = [w for w in re.split(r"[\s\-'’]+", fold(name)) if w and w not in _ARTICLES]
    return " ".join(re.sub(r"(\w)\1+", r"\1", w[0] + re.sub(r"[aeiouy]", "", w[1:-1]) + w[-1]) if len(w) > 2 else w
                    for w in words)


def armed_group_variant(name: str) -> str | None:
    """The armed group's name, as the dictionaries write it (``armed_groups.txt``, the field's non-state groups),
    that ``name`` spells another way, writes without its first word ("Fatah al-Sham" for "Jabhat Fateh al-Sham",
    "Tahrir al Sham" for "Hayat Tahrir al-Sham") or with that word in English after it ("Fateh al-Sham Front",
    ``armed_name_meanings.txt``); None for a name of fewer than two words besides articles.

    >>> armed_group_variant("Fatah al-Sham"), armed_group_variant("Tahrir al Sham")
    ('Jabhat Fateh al-Sham', 'Hayat Tahrir al-Sham')
    >>> armed_group_variant("Fatah Sham Front"), armed_group_variant("Jaysh al-Islam")
    ('Jabhat Fateh al-Sham', 'Jaish al-Islam')
    >>> armed_group_variant("Fatah al-Shams")  # its possessive's apostrophe lost
    'Jabhat Fateh al-Sham'

    >>> armed_group_variant("Fathi al-Shami"), armed_group_variant("al-Sham")
    (None, None)
    """
    key = skeleton(name)
    if key.count(" ") < 1:
        return None
    found = _armed_group_skeletons().get(key)
    if found is None and name.endswith("s") and not name.endswith("ss"):  # "Fatah al-Shams": a possessive's "s"
        found = _armed_group_skeletons().get(skeleton(name[:-1]))
    return found


@cache
def _armed_group_skeletons() -> dict[str, str]:
    from kg import lexicon

    names = sorted(lexicon.names("armed_groups")) + sorted({e.name for e in entries() if e.kind == "nonstate"})
    starts = lexicon.load("armed_name_starts") | lexicon.load("short_form_starts")
    meanings = lexicon.load_mapping("armed_name_meanings")
    found: dict[str, str] = {}
    for name in names:
        key = skeleton(name)
        words = key.split()
        found.setdefault(key, name)
        first = re.split(r"[\s\-]+", fold(name))[0]
        if first in starts and len(words) >= 3:
            found.setdefault(" ".join(words[1:]), name)
            if first in meanings:  # "Fateh al-Sham Front" for "Jabhat Fateh al-Sham"
                found.setdefault(" ".join(words[1:] + [skeleton(meanings[first])]), name)
    return found


def state_force(name: str) -> str | None:
    """The state whose own forces ``name`` names where the field's dictionaries lack the name
    (``state_forces.txt``: "Syrian Arab Army" is Syria's), or None.

    >>> state_force("the Syrian Arab Army"), state_force("Free Syrian Army")
    ('Syria', None)
    """
    return _state_forces().get(fold(name))


@cache
def _state_forces() -> dict[str, str]:
    from kg import lexicon

    return {fold(name): state for name, state in lexicon.load_mapping("state_forces").items()}
