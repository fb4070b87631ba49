"""Stage: nlp doc + mentions -> the same names where the model missed them (one sense per discourse).

A statistical NER tags a name in one sentence and misses it in the next: in a headline ("RSF attack on Gezira
village kills up to 100"), at the start of a sentence, beside an unusual word. Within one article a name keeps its
sense, so every other occurrence of a name the article's mentions hold is a mention of the same type, and a person's
surname alone ("Barre" after "Abdifatah Barre") is that person. Only names are repeated (a capitalised or
all-capital word in them, and not a word of the common-word list alone), never generic nouns ("officials"), and a
repeat never overlaps a mention that is already there.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc

from kg import lexicon
from kg.extract.confidence import CONFIDENCE
from kg.extract.syntax import sentence_of
from kg.records import Article, Mention

#: the types whose names keep their sense through an article
_NAMED = {"Person", "Organization", "ArmedGroup", "State", "Media", "Place"}
#: words that are part of names but never a name alone
_NOT_ALONE = {"al", "el", "bin", "ibn", "abu", "van", "von", "de", "del", "da", "di", "la", "le", "jr", "sr"}


def extract_repeats(doc: Doc, article: Article, mentions: Iterable[Mention]) -> Iterator[Mention]:
    """Mentions of the names of ``mentions`` at the article's other occurrences of them, in text order.

    Each repeat takes the type and the rule its name has most often in the article (the rule that would have found
    it, which later stages read: "ruler:state-body" ...), and the confidence of ``mention:repeat``; a surname
    alone is its person's (rule ``repeat``).
    """
    mentions = list(mentions)
    names: dict[tuple[str, ...], Counter[tuple[str, str]]] = {}
    for m in mentions:
        if m.entity_type not in _NAMED:
            continue
        words = tuple(m.text.split())
        if not _is_name(words):
            continue
        names.setdefault(words, Counter())[m.entity_type, m.rule] += 1
        if m.entity_type == "Person" and len(words) >= 2 and _is_name(words[-1:]):
            names.setdefault(words[-1:], Counter())["Person", "repeat"] += 0  # a surname: a person if nothing else
    if not names:
        return
    taken = [False] * len(doc)
    by_char = {t.idx: t.i for t in doc}
    for m in mentions:
        first = by_char.get(m.start)
        if first is None:
            first = next((t.i for t in doc if t.idx <= m.start < t.idx + len(t)), None)
        if first is None:
            continue
        i = first
        while i < len(doc) and doc[i].idx < m.end:
            taken[i] = True
            i += 1
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for words in names:
        by_first.setdefault(words[0], []).append(words)
    for candidates in by_first.values():
        candidates.sort(key=len, reverse=True)
    i = 0
    while i < len(doc):
        token = doc[i]
        found = None
        for words in by_first.get(token.text, ()):
            end = i + len(words)
            if end <= len(doc) and tuple(t.text for t in doc[i:end]) == words and not any(taken[i:end]):
                if end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper():
                    continue  # part of a longer name ("Price" of "Price Waterhouse")
                before = doc[i - 1] if i > 0 else None
                if before is not None and before.pos_ == "PROPN" and before.text[:1].isupper() \
                        and not before.is_sent_start:
                    continue  # the end of a longer name
                found = (words, end)
                break
        if found is None:
            i += 1
            continue
        words, end = found
        span = doc[i:end]
        types = names[words]
        entity_type, rule = types.most_common(1)[0][0] if sum(types.values()) else ("Person", "repeat")
        if not article.in_boilerplate(span.start_char, span.end_char):
            yield Mention(article_id=article.article_id, start=span.start_char, end=span.end_char, text=span.text,
                          entity_type=entity_type, rule=rule, sentence=sentence_of(span, article),
                          confidence=CONFIDENCE["mention:repeat"])
        for k in range(i, end):
            taken[k] = True
        i = end


def _is_name(words: tuple[str, ...]) -> bool:
    """A name: some word capitalised (or all capitals, as "RSF"), and not one common word or particle alone.

    >>> _is_name(("RSF",)), _is_name(("Abdifatah", "Barre")), _is_name(("officials",)), _is_name(("The",))
    (True, True, False, False)
    """
    if not any(w[:1].isupper() for w in words):
        return False
    if len(words) == 1:
        word = words[0]
        if len(word) < 2 or word.lower() in _NOT_ALONE or word.lower() in STOP_WORDS \
                or word.lower() in lexicon.load("common_words"):
            return False
        if not word[:1].isupper():
            return False
    return True
