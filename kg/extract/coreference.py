"""Stage: nominal references -> mentions of the actors they refer to.

Where the parse supports it, a phrase that names no one refers to an actor named before:

* "his country", "her government" -> the state the last person named represents
  (from the article's affiliations: "Syria's ambassador ... Bashar al-Jafari ... rejected the
  accusations against his country");
* "the officer", "the ambassador", "the minister" -> the last person named with that role
  ("Captain Abd al-Salam Ahmed Abdul Razek ... the officer said").

The new mentions carry the antecedent's name as their canonical name, so actor resolution
binds them to it, and their rule says how they were found.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.tokens import Doc

from kg import lexicon
from kg.extract.confidence import CONFIDENCE
from kg.extract.syntax import Cover, sentence_of
from kg.extract.tokens import tokens_where
from kg.records import Affiliation, Article, Mention
from kg.resolve import gazetteer

_STATE_NOUNS = {"country", "government", "nation", "state", "regime"}
_PRONOUNS = {"his", "her"}
_MAX_DISTANCE = 600  # characters back to look for the antecedent


def resolve_nominals(doc: Doc, article: Article, mentions: Iterable[Mention],
                     affiliations: Iterable[Affiliation]) -> Iterator[Mention]:
    """Mentions for "his country" and "the officer"-like phrases whose antecedent is clear."""
    mentions = sorted(mentions, key=lambda m: m.start)
    cover = Cover(mentions)
    people = [m for m in mentions if m.entity_type == "Person"]
    states: dict[str, str] = {}  # person's surface form -> the state it represents
    roles: list[tuple[int, str, Mention]] = []  # (offset, role word, person)
    for af in affiliations:
        if af.member.entity_type != "Person":
            continue
        state = gazetteer.state_name(af.organization.text) if af.organization.entity_type == "State" else None
        if state:
            states[af.member.text] = state
        for word in af.role.split():
            roles.append((af.member.start, word, af.member))
    for token in tokens_where(doc, "lower", _PRONOUNS | {"an", "a", "the"}):  # the words the rules below start at
        if article.in_boilerplate(token.idx, token.idx + len(token)):
            continue
        nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
        if token.text.lower() in _PRONOUNS and nxt is not None and nxt.text.lower() in _STATE_NOUNS:
            before = [p for p in people if p.end <= token.idx and token.idx - p.end <= _MAX_DISTANCE]
            owner = before[-1] if before else None
            state = _state_of(owner, people, states) if owner else None
            if state:
                span = doc[token.i : token.i + 2]
                yield _mention(span, article, "State", state, "coreference:possessive-state")
        elif token.lower_ in {"an", "a"} and nxt is not None and nxt.lower_ in lexicon.load_mapping("roles"):
            # "An officer ... claimed X. The officer, Captain Y, told ...": named right after
            named = _named_next(doc, token.i + 2, nxt.text.lower())
            if named is not None and not cover.at(nxt):
                span = doc[token.i + 1 : token.i + 2]
                yield _mention(span, article, "Person", named, "coreference:role-noun-cataphora")
        elif token.text.lower() == "the" and nxt is not None and nxt.text.lower() in lexicon.load_mapping("roles"):
            after = doc[token.i + 2] if token.i + 2 < len(doc) else None
            if after is not None and (after.ent_type_ == "PERSON" or after.text in {",", "of"}):
                continue  # "the officer, Captain X" names the person right there; "the head of ..." is a role
            named = [p for off, word, p in roles if word == nxt.text.lower() and p.end <= token.idx
                     and token.idx - p.end <= _MAX_DISTANCE]
            if named:
                span = doc[token.i + 1 : token.i + 2]
                yield _mention(span, article, "Person", _name(named[-1], people), "coreference:role-noun")


def _named_next(doc: Doc, start: int, noun: str, window: int = 80) -> str | None:
    """The person named in "The <noun>, <title> <Name>" within the next ``window`` tokens."""
    for i in range(start, min(len(doc) - 3, start + window)):
        if doc[i].lower_ == "the" and doc[i + 1].lower_ == noun and doc[i + 2].text == ",":
            for j in range(i + 3, min(len(doc), i + 8)):
                if doc[j].ent_type_ == "PERSON":
                    k = j
                    while k + 1 < len(doc) and doc[k + 1].ent_iob_ == "I":
                        k += 1
                    return doc[j : k + 1].text
            return None
    return None


def _state_of(person: Mention, people: list[Mention], states: dict[str, str]) -> str | None:
    """The state a person represents: from its own affiliation, or that of another mention of the same name."""
    if person.text in states:
        return states[person.text]
    last = person.text.split()[-1]
    for other, state in states.items():
        if other.split()[-1] == last:
            return state
    return None


def _name(person: Mention, people: list[Mention]) -> str:
    """The fullest name given for a person up to this point."""
    last = person.text.split()[-1]
    names = [p.text for p in people if p.text.split()[-1] == last]
    return max(names, key=lambda n: len(n.split()))


def _mention(span, article: Article, entity_type: str, canonical: str, rule: str) -> Mention:
    return Mention(article.article_id, span.start_char, span.end_char, span.text, entity_type, rule,
                   sentence_of(span, article), confidence=CONFIDENCE[rule], canonical=canonical)
