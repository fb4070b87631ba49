"""Stage: mentions -> actors, resolved within an article and then across articles."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import replace

from kg import gazetteer, lexicon
from kg.records import Actor, Mention

# when mentions of one name disagree on the type, the more specific reading wins a tie
_TYPE_PRIORITY = ("Person", "State", "Media", "ArmedGroup", "Organization", "Group", "Place")


def name_key(name: str) -> str:
    """A readable identity for a name: case, accents and apostrophes folded, the Arabic article (al-, el-) dropped.

    >>> name_key("Bashar al-Ja’afari")
    'bashar jaafari'
    """
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"['’`ʼ‘]", "", text)
    text = re.sub(r"\b(?:al|el)[- ](?=\w)", "", text)
    return re.sub(r"[^\w]+", " ", text).strip()


def match_key(name: str) -> str:
    """The key under which spelling variants of one name meet: :func:`name_key` with doubled letters collapsed.

    Transliterations such as Ja'afari / Jaafari / Jafari and al-Jafari / Jafari share it.

    >>> match_key("Bashar Ja’afari") == match_key("Bashar al-Jafari")
    True
    >>> match_key("Bashar Assad") == match_key("Bashar al-Jafari")
    False
    """
    return re.sub(r"(\w)\1+", r"\1", name_key(name))


def _strip_titles(name: str) -> str:
    words = name.split()
    while len(words) > 1 and words[0].lower().rstrip(".") in {t.rstrip(".") for t in lexicon.person_titles()}:
        words = words[1:]
    return " ".join(words)


def _canonical(mention: Mention) -> str:
    if mention.entity_type == "State":
        return gazetteer.state_name(mention.text) or mention.text
    if mention.entity_type == "Person":
        return _strip_titles(mention.text)
    return mention.text


def resolve_in_article(mentions: Iterable[Mention]) -> dict[Mention, Actor]:
    """Group one article's mentions into actors.

    A person named by surname alone ("Razek") joins the full name given in the same
    article ("Abd al-Salam Ahmed Abdul Razek"); other mentions join by their name key.
    Returns, for each mention, the article-level actor it refers to.
    """
    mentions = list(mentions)
    full_names: dict[str, str] = {}  # match key of a person's last name -> match key of the longest full name
    for m in mentions:
        if m.entity_type == "Person":
            key = match_key(_canonical(m))
            parts = key.split()
            if len(parts) > 1 and len(key) > len(full_names.get(parts[-1], "")):
                full_names[parts[-1]] = key
    groups: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        key = match_key(_canonical(m))
        if key in full_names and (m.entity_type == "Person" or len(key.split()) == 1):
            key = full_names[key]
        groups[key].append(m)
    resolved: dict[Mention, Actor] = {}
    for group in groups.values():
        actor = _actor(_readable_key(group), group)
        for m in group:
            resolved[m] = actor
    return resolved


def _actor(key: str, group: list[Mention]) -> Actor:
    types = Counter(m.entity_type for m in group)
    entity_type = min(types, key=lambda t: (-types[t], _TYPE_PRIORITY.index(t)))
    names = Counter(_canonical(m) for m in group)
    label = min(names, key=lambda n: (-len(n.split()), -names[n], n))
    aliases = tuple(sorted(({m.text for m in group} | set(names)) - {label}))
    return Actor(key=key, label=label, entity_type=entity_type, aliases=aliases, mentions=tuple(group))


def _readable_key(group: list[Mention]) -> str:
    """The identity of a group of mentions: the readable key of its longest name (ties: alphabetical)."""
    keys = {name_key(_canonical(m)) for m in group}
    return min(keys, key=lambda k: (-len(k.split()), k))


def merge_actors(actors: Iterable[Actor]) -> dict[str, Actor]:
    """Merge article-level actors whose keys match into one actor each, across articles.

    Returns ``{article-level key: merged actor}`` for every key given.
    """
    by_match: dict[str, list[Actor]] = defaultdict(list)
    for actor in actors:
        by_match[match_key(actor.key)].append(actor)
    merged: dict[str, Actor] = {}
    for _, group in sorted(by_match.items()):
        mentions = [m for a in group for m in a.mentions]
        key = min({a.key for a in group}, key=lambda k: (-len(k.split()), k))
        if mentions:
            actor = _actor(key, mentions)
            outlet = any(a.entity_type == "Media" and not a.mentions for a in group)
            if outlet and actor.entity_type != "Media":  # it published an article: it is an outlet
                actor = replace(actor, entity_type="Media")
        else:  # known only from metadata, e.g. an outlet that published an article
            first = min(group, key=lambda a: a.label)
            actor = Actor(key=key, label=first.label, entity_type=first.entity_type,
                          aliases=tuple(sorted({a.label for a in group} - {first.label})))
        for a in group:
            merged[a.key] = actor
    return merged
