"""Names of states, from pycountry plus the short forms news use (``kg/lexicons/state_aliases.txt``)."""

from __future__ import annotations

import re
from functools import cache, lru_cache

import pycountry

from kg import lexicon


def _fold(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", name.lower().replace("’", "'").replace(".", "")).strip()


@cache
def state_names() -> dict[str, str]:
    """Folded state name -> the state's common English name.

    >>> state_names()["syria"]
    'Syria'
    """
    names: dict[str, str] = {}
    for country in pycountry.countries:
        common = getattr(country, "common_name", None) or country.name.split(",")[0]
        for name in {country.name, getattr(country, "official_name", None), common, country.name.split(",")[0]}:
            if name:
                names[_fold(name)] = common
    for alias, canonical in lexicon.load_mapping("state_aliases").items():
        names[_fold(alias)] = canonical
    from kg.resolve import cameo  # the field's dictionaries: other names and spellings of states ("Burma", "DRC")

    for name, canonical in cameo.country_names().items():
        if len(name) > 2 and name not in lexicon.load("not_states"):
            names.setdefault(_fold(name), canonical)
    return names


def is_state(name: str) -> bool:
    """True when ``name`` names a sovereign state.

    >>> is_state("Syria"), is_state("the United States"), is_state("Homs")
    (True, True, False)
    """
    folded = _fold(name)
    folded = folded[4:] if folded.startswith("the ") else folded
    return folded in state_names()


def state_name(name: str) -> str | None:
    """The common name of the state ``name`` names (a name or a demonym), or None.

    >>> state_name("the U.S."), state_name("Iranian"), state_name("Syrians")
    ('United States', 'Iran', 'Syria')
    """
    return _state_name(name)


def lost_possessive_state(word: str) -> bool:
    """A state's name with the "s" of a possessive whose apostrophe was lost ("Syrias", "Iraqs"), not a state
    whose name ends in "s" ("Philippines") nor another word.

    >>> lost_possessive_state("Syrias"), lost_possessive_state("Philippines"), lost_possessive_state("Syria")
    (True, False, False)
    """
    return word.endswith("s") and len(word) > 3 and state_name(word[:-1]) == word[:-1]


@lru_cache(maxsize=1 << 16)
def _state_name(name: str) -> str | None:
    folded = _fold(name)
    folded = folded[4:] if folded.startswith("the ") else folded
    if folded in state_names():
        return state_names()[folded]
    if folded.endswith("s") and len(folded) > 4 and folded[:-1] in state_names() and " " not in folded:
        return state_names()[folded[:-1]]  # "Syrias": a possessive whose apostrophe the text lost
    demonyms = lexicon.load_mapping("demonyms")
    from kg.resolve import cameo

    return demonyms.get(folded) or demonyms.get(folded.removesuffix("s")) or cameo.demonym_state(folded)


@cache
def _codes() -> dict[str, str]:
    codes: dict[str, str] = {}
    for country in pycountry.countries:
        for name in (country.name, getattr(country, "official_name", None), getattr(country, "common_name", None),
                     country.name.split(",")[0]):
            if name:
                codes.setdefault(_fold(name), country.alpha_2)
    return codes


def state_code(name: str) -> str | None:
    """The ISO 3166-1 alpha-2 code of the state ``name`` names (a name, short name or demonym).

    >>> state_code("Syria"), state_code("the U.S."), state_code("Iranian")
    ('SY', 'US', 'IR')
    """
    canonical = state_name(name)
    return _codes().get(_fold(canonical)) if canonical else None


def state_in(text: str) -> str | None:
    """The state a state's body is named with: "Myanmar junta", "Ukraine's government" -> the state, or None.

    >>> state_in("the Myanmar junta"), state_in("Ukraine's government"), state_in("South Sudan army")
    ('Myanmar', 'Ukraine', 'South Sudan')
    """
    return state_and_rest(text)[0]


def state_and_rest(text: str) -> tuple[str | None, str]:
    """The state a state's body is named with, and the rest of its name (lower case, no possessive).

    >>> state_and_rest("Lebanon's health ministry"), state_and_rest("the South Sudan army")
    (('Lebanon', 'health ministry'), ('South Sudan', 'army'))
    """
    words = re.sub(r"['’]s\b", "", text).split()
    if words and words[0].lower() == "the":
        words = words[1:]
    for end in range(len(words) - 1, 0, -1):
        found = state_name(" ".join(words[:end]))
        if found:
            return found, " ".join(words[end:]).lower()
    return None, " ".join(words).lower()
