"""Word lists are data: each lives in ``kg/lexicons/NAME.txt``, one entry a line.

Blank lines and ``#`` comments are ignored, so a new cue is a one-line change.
"""

from __future__ import annotations

from functools import cache
from importlib import resources


@cache
def load(name: str) -> frozenset[str]:
    """The entries of ``kg/lexicons/{name}.txt``, lower-cased.

    >>> "said" in load("reporting_cues") or "say" in load("reporting_cues")
    True
    """
    return frozenset(entry.lower() for entry in _entries(name))


@cache
def load_mapping(name: str) -> dict[str, str]:
    """``alias = value`` entries of ``kg/lexicons/{name}.txt``: lower-cased alias -> value as written."""
    pairs = (entry.partition("=") for entry in _entries(name))
    return {alias.strip().lower(): value.strip() for alias, _, value in pairs}


@cache
def names(name: str) -> tuple[str, ...]:
    """The entries of ``kg/lexicons/{name}.txt`` as written (case kept), for case-sensitive name lists."""
    return tuple(_entries(name))


@cache
def ordered_mapping(name: str) -> tuple[tuple[str, str], ...]:
    """``alias = value`` entries in file order (lower-cased alias), for lists where order is priority."""
    pairs = (entry.partition("=") for entry in _entries(name))
    return tuple((alias.strip().lower(), value.strip()) for alias, _, value in pairs)


def _entries(name: str) -> list[str]:
    text = resources.files("kg").joinpath(f"lexicons/{name}.txt").read_text(encoding="utf-8")
    entries = (line.split("#", 1)[0].strip() for line in text.splitlines())
    return [e for e in entries if e]


def reporting_cues() -> frozenset[str]:
    """Lemmas of verbs that introduce what someone said."""
    return load("reporting_cues")


def media_words() -> frozenset[str]:
    """Words that mark an organisation's name as a news outlet."""
    return load("media_words")


def person_titles() -> frozenset[str]:
    """Titles and honorifics that precede a person's name and are not part of it."""
    return load("person_titles")


@cache
def body_nouns() -> frozenset[str]:
    """One-word nouns of armed groups and state bodies ("coalition", "forces", "ministry"), which end no person's
    name: the heads of ``armed_group_heads``, the keys of ``state_bodies`` and "coalition", "alliance"."""
    heads = load("armed_group_heads") | set(load_mapping("state_bodies")) | {"coalition", "alliance"}
    return frozenset(h for h in heads if " " not in h)

