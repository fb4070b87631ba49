"""Syntax helpers shared by the extractors: which actor mentions a phrase names, what attack a verb reports.

An extractor imports these, never another extractor.
"""

from __future__ import annotations

from collections.abc import Mapping

from spacy.tokens import Token

from kg import lexicon
from kg.records import Actor, Mention


def covered(heads: list[Token], spans: list[Mention], actors: Mapping[Mention, Actor],
             owners: bool = False) -> list[Mention]:
    """The actor mentions that heads (with their conjuncts, and owners: "Syria's decision") name."""
    tokens: list[Token] = []
    for head in heads:
        for h in (head, *head.conjuncts):
            tokens.append(h)
            tokens.extend(t for t in h.children if t.dep_ in {"compound", "amod"})
            if owners:
                for t in h.children:
                    if t.dep_ == "poss":
                        tokens.extend(t.subtree)
    found: list[Mention] = []
    for t in sorted(set(tokens), key=lambda t: t.i):
        for m in spans:
            if m.start <= t.idx < m.end and not actors[m].is_place and m not in found:
                found.append(m)
    return found


def attack_type(token: Token) -> str | None:
    """The event type of the attack a noun names by its means ("air strike" -> air-strike, "shelling", "car bomb"
    -> bombing, "suicide bombing"), or None when the noun names no attack (``kg/lexicons/attack_nouns.txt``)."""
    if token.pos_ not in {"NOUN", "PROPN"}:
        return None
    words = lexicon.load_mapping("attack_nouns")
    before = token.doc[token.i - 1].lower_ if token.i > 0 else ""
    kind = words.get(f"{before} {token.lower_}") or words.get(token.lower_)
    if kind == "bombing" and any(t.lower_ in {"suicide", "self-detonating"} for t in token.subtree):
        return "suicide-bombing"
    return kind


def is_attack_noun(token: Token) -> bool:
    return attack_type(token) is not None


def attack_cause(verb: Token, passive: bool) -> Token | None:
    """The attack a killing verb reports as its cause: its subject ("an Israeli strike killed 10", also where the
    parser hangs the verb on the noun: "airstrikes killed ..."), or "in"/"by" an attack in a passive ("were
    killed in air strikes by Pakistani forces", "killed by a Russian missile")."""
    if not passive:
        for child in verb.children:
            if child.dep_ == "nsubj" and is_attack_noun(child):
                return child
        if verb.dep_ in {"acl", "relcl"}:  # the parser hangs the verb on the noun, or on its phrase's last word
            node = verb.head
            for _ in range(3):  # "An Israeli strike on a school killed ...": killed <- school <- on <- strike
                if is_attack_noun(node):
                    return node
                if node.dep_ not in {"pobj", "prep"} or node.head == node:
                    break
                node = node.head
        return None
    for child in verb.children:
        if child.dep_ in {"prep", "agent"} and child.lower_ in {"in", "by", "during", "after", "from"}:
            for obj in child.children:
                if obj.dep_ == "pobj" and is_attack_noun(obj):
                    return obj
    return None


def nominal_agents(noun: Token, spans: list[Mention], actors: Mapping[Mention, Actor]) -> list[Mention]:
    """Who made an attack a noun names: its modifiers and owner ("an intentional Russian missile strike",
    "Hezbollah's rockets", "A Saudi-led coalition air strike"), "by X" ("air strikes by Pakistani forces"), and
    "carried out / launched by X"."""
    heads: list[Token] = []
    for child in noun.children:
        if child.dep_ in {"amod", "compound", "poss", "nmod"}:
            heads.append(child)
        elif child.dep_ == "prep" and child.lower_ == "by":
            heads.extend(c for c in child.children if c.dep_ == "pobj")
        elif child.dep_ in {"acl", "relcl"}:
            heads.extend(p for a in child.children if a.dep_ == "agent" for p in a.children if p.dep_ == "pobj")
    found = covered(heads, spans, actors, owners=True)
    return [m for m in found if actors[m].entity_type != "Group"]
