"""A learned reporting cue: a verb that attributes what someone said, meant or found beyond the reporting lexicon
("a poll shows that ...", "Clinton questioned whether ...", "critics point out that ...").

A logistic regression over the verb's place in the parse (its lemma, its dependency, the kinds of its subject and
complements, the words next to it), trained on the PolNeAR training split by ``scripts/train_cue_model.py``
(``make train-cues``). The weights ship in ``kg/models/cue_model.json``; no download, no other dependency: a
verb's score is the sum of the weights of its features. The statements extractor takes as a cue every verb of the
lexicon and every other verb whose probability reaches the model's threshold.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from importlib import resources

from spacy.tokens import Doc, Token

#: The dependencies of a verb's children that say what kind of verb it is.
_CHILD_DEPS = ("ccomp", "xcomp", "dobj", "dative", "advcl", "prep", "nsubj", "nsubjpass", "neg", "aux", "prt",
               "attr", "acomp", "oprd", "agent", "mark", "parataxis")
_PRONOUNS = {"i", "we", "you", "he", "she", "it", "they", "who", "which", "that"}
_QUOTE_MARKS = {'"', "“", "”", "''", "``"}


def subject_kind(token: Token) -> str:
    """What a subject is, for the features: a pronoun, an entity type, a proper or a common noun."""
    if token.lower_ in _PRONOUNS:
        return "pron:" + token.lower_
    if token.ent_type_:
        return "ent:" + token.ent_type_.removeprefix("KG_")
    return "pos:" + token.pos_


def features(token: Token, quoted: bool = False) -> list[str]:
    """The features of a verb as a candidate cue: its lemma alone and with what it governs, its dependency and
    its head, the kind of its subject, how its complement clause opens, the words beside it, and whether it is
    inside a quotation."""
    lemma = token.lemma_.lower()
    found = [f"l={lemma}", f"d={token.dep_}", f"t={token.tag_}", f"l={lemma}|d={token.dep_}",
             f"l={lemma}|t={token.tag_}"]
    deps = set()
    for child in token.children:
        dep = child.dep_
        if dep not in _CHILD_DEPS:
            continue
        deps.add(dep)
        if dep == "prep":
            found += [f"p={child.lower_}", f"l={lemma}|p={child.lower_}"]
        elif dep in {"nsubj", "nsubjpass"}:
            kind = subject_kind(child)
            found += [f"s={kind}", f"l={lemma}|s={kind.split(':')[0]}"]
        elif dep in {"ccomp", "advcl", "xcomp", "parataxis"}:
            opener = child.left_edge.lower_ if child.left_edge.i < child.i else "-"
            found += [f"o={dep}:{opener}", f"l={lemma}|o={dep}:{opener}"]
        elif dep == "dobj":
            found += [f"obj={subject_kind(child).split(':')[0]}", f"ol={child.lemma_.lower()}"]
    for dep in sorted(deps):
        found += [f"c={dep}", f"l={lemma}|c={dep}"]
    if token.head != token:
        found += [f"h={token.head.lemma_.lower()}", f"hd={token.head.dep_}", f"h={token.head.pos_}|d={token.dep_}"]
    doc = token.doc
    if token.i + 1 < len(doc):
        found.append(f"n={doc[token.i + 1].lower_}")
    if token.i > 0:
        found.append(f"b={doc[token.i - 1].lower_}")
    if quoted:
        found.append("quoted")
    near = {t.text for t in doc[max(0, token.left_edge.i - 3): token.left_edge.i]} | {
        t.text for t in doc[token.i + 1: token.i + 4]}
    if near & _QUOTE_MARKS:  # "“...,” she said", "said: “...”"
        found += ["qnear", f"l={lemma}|qnear"]
    return found


@dataclass(frozen=True)
class CueModel:
    """Weights of a logistic regression over :func:`features`, with the probability a verb needs to be a cue."""

    weights: dict[str, float]
    bias: float
    threshold: float
    about: dict

    def probability(self, token: Token, quoted: bool = False) -> float:
        score = self.bias + sum(self.weights.get(f, 0.0) for f in features(token, quoted))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score))))


@cache
def model() -> CueModel | None:
    """The shipped model (``kg/models/cue_model.json``), or None where it is not there."""
    path = resources.files("kg").joinpath("models/cue_model.json")
    if not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    return CueModel(data["weights"], data["bias"], data["threshold"], data.get("about", {}))


def learned_cues(doc: Doc, known: set[int], quoted=lambda offset: False, skip: frozenset[str] = frozenset(),
                 ) -> dict[int, float]:
    """The verbs of ``doc`` (token indices, not in ``known``, lemmas not in ``skip``) that the model takes for cues,
    with their probabilities."""
    found = model()
    if found is None:
        return {}
    probabilities = {}
    for t in doc:
        if t.pos_ == "VERB" and t.i not in known and t.lemma_.lower() not in skip:
            p = found.probability(t, quoted(t.idx))
            if p >= found.threshold:
                probabilities[t.i] = p
    return probabilities
