"""Stage: nlp doc + mentions -> affiliations (who belongs to, represents or serves whom, in what role).

Read from the parse around a name: a title before it ("Syrian President Bashar Assad",
"Russian Foreign Minister Sergei Lavrov"), an apposition ("Syria's ambassador to the United
Nations, Bashar al-Jafari"; "The head of the United Nations Human Rights Commission, Navi
Pillay"), or a possessive ("HRW's Joe Stork", "Assad's security forces"). Role nouns are data
(``kg/lexicons/roles.txt``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.tokens import Doc, Span, Token

from kg import lexicon
from kg.extract.confidence import CONFIDENCE
from kg.extract.syntax import POSSESSIVE
from kg.records import Affiliation, Article, Mention

_MEMBER_TYPES = {"Person", "ArmedGroup", "Group"}
_ORG_TYPES = {"State", "Organization", "ArmedGroup", "Media", "Person"}


def _role_of(tokens: Iterable[Token]) -> str:
    """The longest role phrase (from roles.txt) among ``tokens``, e.g. "foreign minister"."""
    words = [t.text.lower() for t in tokens]
    roles = lexicon.load_mapping("roles")
    found = ""
    for n in (3, 2, 1):
        for i in range(len(words) - n + 1):
            phrase = " ".join(words[i : i + n])
            if phrase in roles and len(phrase) > len(found):
                found = phrase
    return found


def role_kind(role: str) -> str:
    """The kind of a role ("leader", "envoy", "official" ...), from roles.txt.

    >>> role_kind("president"), role_kind("ambassador")
    ('leader', 'envoy')
    """
    return lexicon.load_mapping("roles").get(role.lower(), "")


def extract_affiliations(doc: Doc, article: Article, mentions: Iterable[Mention]) -> Iterator[Affiliation]:
    """Every affiliation of a person or an armed group stated around its name."""
    mentions = [m for m in mentions if m.entity_type != "Place"]
    by_token: dict[int, Mention] = {}
    for m in mentions:
        for token in doc.char_span(m.start, m.end, alignment_mode="expand") or []:
            by_token[token.i] = m
    seen: set[tuple] = set()
    for m in mentions:
        if m.entity_type not in _MEMBER_TYPES:
            continue
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            continue
        for phrase, rule in _context_phrases(span):
            role = _role_of(phrase) if m.entity_type == "Person" else ""
            for org in _organisations(phrase, by_token, m):
                key = (m, org, role)
                if key not in seen and (role or rule == "affiliation:possessive"):
                    seen.add(key)
                    yield Affiliation(article.article_id, m, org, role, m.sentence, rule, CONFIDENCE[rule])


def _context_phrases(span: Span) -> Iterator[tuple[list[Token], str]]:
    doc = span.doc
    # a title or possessive right before the name: "Syrian President", "Syria's U.N. Ambassador", "HRW's"
    i = span.start - 1
    start = span.start
    possessive = False
    while i >= 0 and span.start - i <= 8:
        if doc[i].text in POSSESSIVE and i > 0 and doc[i - 1].ent_type_:
            possessive = True  # the owner: a whole entity ("Bashar Assad's", "HRW's")
            i -= 1
            while i > 0 and doc[i].ent_iob_ == "I":
                i -= 1
        elif not _title_like(doc[i]):
            break
        start = i
        i -= 1
    if start < span.start:
        yield list(doc[start : span.start]), "affiliation:possessive" if possessive else "affiliation:title"
    root = span.root
    # an apposition: "Syria's ambassador to the United Nations, Bashar al-Jafari" / "Ron Prosor, Israel's ambassador"
    if root.dep_ == "appos":
        head = root.head
        while head.dep_ in ("pobj", "prep") and head.head != head:  # "the head [of [the Commission]], Navi Pillay"
            head = head.head
        skip = set(root.subtree)
        yield [t for t in head.subtree if t not in skip], "affiliation:apposition"
    for child in root.children:
        if child.dep_ == "appos":
            yield list(child.subtree), "affiliation:apposition"


def _title_like(token: Token) -> bool:
    if token.text in POSSESSIVE or token.text.lower() in {"of", "the", "foreign", "defense", "defence", "deputy",
                                                            "vice", "interior", "state", "general", "special"}:
        return True
    if token.text.lower() in lexicon.load_mapping("roles") or token.text.lower() in lexicon.person_titles():
        return True
    if token.text.lower() in lexicon.load("armed_group_modifiers"):
        return True
    return token.ent_type_ != "" and token.ent_type_ != "PERSON" and token.ent_type_ != "DATE"


def _organisations(phrase: list[Token], by_token: dict[int, Mention], member: Mention) -> list[Mention]:
    """The organisation a phrase ties its member to: a possessive or demonym owner, else "of X", else "for X"."""
    found: list[tuple[int, Mention]] = []
    for token in phrase:
        org = by_token.get(token.i)
        if org is None or org == member or any(org == f for _, f in found) or org.entity_type not in _ORG_TYPES:
            continue
        if org.entity_type == "Person" and member.entity_type == "Person":
            continue
        after = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
        j = token.i - 1
        while j >= 0 and token.doc[j].lower_ in {"the", "a", "an"}:
            j -= 1
        before = token.doc[j] if j >= 0 else None
        possessive = after is not None and after.text in POSSESSIVE
        of = before is not None and before.text.lower() in {"of", "for"}
        if possessive or of or org.entity_type == "State":
            found.append((0 if possessive else 1 if of else 2, org))
    return [org for _, org in sorted(found, key=lambda pair: pair[0])][:1]
