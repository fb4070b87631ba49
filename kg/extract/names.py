"""Names as the model finds them, cut to the name and kept consistent within an article.

The small model's entity spans often run past a name: into the score or the date that follows it in a table
("Durham 114", "JOHANNESBURG 1996-08-30"), across a line break ("Jim Adams\\n"), over two names joined by a
spaced dash, a comma, "v" or a score ("Lithuania - Danius Gleveckas", "Oval , London", "Birmingham v Barnsley",
"Norwich 1 Wolverhampton 0"), over a month before a name ("August Chicago NAPM") or a demonym before a person's
name ("American Dennis Mitchell"), or up to the bracket that opens an acronym ("National League for Democracy (").
:func:`name_parts` cuts such a span into the names it holds; the model's label stays with each part.

Rows of results and standings tables name teams: "Pohang 3 Ulsan 2", "Stoke 4 3 1 0 7 4 10",
"Benetton ( Italy ) 92 Dinamo ( Russia ) 81" (:func:`table_names`), a name written alone on a line before its
figures; a state's name there stays the state (a national side), a person's full name stays a person.

Within an article a name keeps one reading (:func:`consistent_mentions`): a surname or given name of a person the
article names in full is that person wherever the model typed it otherwise or missed it ("Lebed" after "Alexander
Lebed", "TARANGO" in a headline after "Jeff Tarango"); a name a table or a result shows as a team is that team
elsewhere in the article unless the text puts it somewhere ("in Surrey"); a state's name the model missed is the
state ("ROMANIA" in a headline); a dateline ("DUBLIN 1996-08-30") names a place.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache

from spacy.tokens import Doc, Span, Token

from kg import lexicon
from kg.extract.syntax import MONTHS
from kg.resolve import cameo, gazetteer, places

#: A figure in a table or a score: 12, 4-38, 429-7, 1996-08-30, .556, 1/2, 234,330, 12:44.90, 5-0-
_FIGURE = re.compile(r"^[-+]?(?:\d[\d,.:/-]*|\.\d+)$")
_ORDINAL = re.compile(r"^\d+(?:st|nd|rd|th)$", re.IGNORECASE)
_DASHES = {"-", "–", "—", "--"}
_VERSUS = {"v", "vs", "v.", "vs."}
#: Words after a comma that end a company's name: "Bear Stearns & Co , Inc" is one name.
_COMPANY_ENDS = {"inc", "inc.", "ltd", "ltd.", "co", "co.", "corp", "corp.", "llc", "plc", "ag", "sa", "nv", "bv",
                 "spa", "gmbh", "lp", "llp"}
#: Lower-case words inside a name: "Queen of the South", "Bosnia and Herzegovina", "Joost van der Westhuizen".
_NAME_JOINERS = {"of", "the", "and", "&", "de", "la", "le", "del", "della", "di", "da", "do", "dos", "du", "van",
                 "von", "der", "den", "y", "al", "el", "bin", "ibn", "st", "st.", "on", "upon", "for"}
_NAME_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"}
#: Names that never hold a figure (an organisation's or a building's may: "Channel 4", "Terminal 5").
_FIGURELESS = {"PERSON", "GPE", "LOC", "NORP"}


def is_figure(token: Token) -> bool:
    """A number as tables and scores write it (not a word like "two")."""
    return bool(_FIGURE.match(token.text)) and any(c.isdigit() for c in token.text)


def is_line_break(token: Token) -> bool:
    return token.is_space and "\n" in token.text


def _spaced(token: Token) -> bool:
    """A token written apart from both neighbours: the dash of "Lithuania - Danius", not of "Guinea-Bissau"."""
    doc = token.doc
    return token.i > 0 and bool(doc[token.i - 1].whitespace_) and bool(token.whitespace_)


def lines(doc: Doc) -> list[list[Token]]:
    """The tokens of each line of ``doc`` (space tokens left out), in order; found once per Doc (kept in
    ``doc.user_data``: the components and extractors that read a Doc's lines read the same text)."""
    found = doc.user_data.get("kg_lines")  # token indexes: user_data travels with the Doc between processes
    if found is None:
        found = []
        line: list[int] = []
        for token in doc:
            if is_line_break(token):
                if line:
                    found.append(line)
                line = []
            elif not token.is_space:
                line.append(token.i)
        if line:
            found.append(line)
        doc.user_data["kg_lines"] = found
    return [[doc[i] for i in line] for line in found]


def _table_line(tokens: list[Token]) -> bool:
    """A line of figures rather than prose: two figures or more and hardly a lower-case word."""
    figures = sum(is_figure(t) for t in tokens)
    lower = sum(t.is_alpha and t.is_lower and t.lower_ not in _NAME_JOINERS for t in tokens)
    return figures >= 2 and lower <= max(1, figures // 2)


# --- cutting the model's spans to the names they hold -------------------------------------------------------------

def name_parts(span: Span, table_line: bool = False) -> list[Span]:
    """The names ``span`` holds, each with ``span``'s label (a state's name taking ``GPE``).

    The span is cut at line breaks, spaced dashes, "v", a headline's verbs ("Attack Kills Four"), brackets, commas
    (not before a company's ending such as "Inc"), "and" between two persons' full names and, in a table's line or
    in a person's or place's name, at figures; each part loses the figures, ordinals, months and punctuation at its
    ends, and a person's name the demonym before it ("American Dennis Mitchell": "American" is kept apart as
    ``NORP``).
    """
    label = span.label_
    if label not in _NAME_LABELS:
        return [span]
    doc = span.doc
    cut_at_figures = table_line or label in _FIGURELESS
    parts: list[tuple[int, int]] = []
    start = span.start
    for token in span:
        i = token.i
        separator = (token.is_space or (token.text in _DASHES and _spaced(token)) or token.lower_ in _VERSUS
                     or (token.text[:1].isupper() and token.lower_ in lexicon.load("headline_verbs"))
                     or token.text in ("(", ")", "[", "]", ";", ":", "/") or _url(token)
                     or token.lower_ in lexicon.load("lost_contractions")
                     or (i > span.start and token.lower_ in lexicon.load("furniture_ends"))  # "Syria Category News"
                     or (token.text == "," and not (i + 1 < span.end and doc[i + 1].lower_ in _COMPANY_ENDS))
                     or (cut_at_figures and is_figure(token))
                     or _date_inside(doc, span, i)
                     or (token.lower_ == "and" and label == "PERSON" and i - start >= 2 and span.end - i > 2)
                     or _glue_the(doc, span, i))
        if separator:
            parts.append((start, i))
            start = i + 1
    parts.append((start, span.end))
    found: list[Span] = []
    for start, end in parts:
        start, end = _trim_ends(doc, start, end, label, cut_at_figures)
        if start >= end or not any(c.isalpha() for c in doc[start:end].text):
            continue
        if label == "PERSON" and end - start >= 3 and _demonym(doc[start]) and doc[start + 1].text[:1].isupper():
            found.append(Span(doc, start, start + 1, label="NORP"))
            start += 1
        furniture = lexicon.load("furniture_words")
        while end - start >= 2 and doc[start].lower_ in lexicon.load("name_hedges"):
            start += 1  # "So called Islamic State group", "self-styled Islamic State": the name without the hedge
        while label in ("PERSON", "ORG") and end - start >= 2 and (doc[start].lower_ in furniture or (
                start > 0 and doc[start - 1].lower_ in furniture
                and doc[start].lower_ in lexicon.load("generic_media_words"))):
            start += 1  # "Watch TRT World's Nafisa Latic", "Showcase Category News": a page's furniture glued on;
            # "Related News Thousands of Afghan migrants": the section's name too
        while label in ("PERSON", "ORG") and end - start >= 2 and doc[end - 1].lower_ in lexicon.load("furniture_ends"):
            end -= 1  # "Youtube Subscribe", "Zor Tags": and after it
        while label == "PERSON" and end - start >= 2 and doc[end - 1].lower_ in lexicon.load("peoples"):
            end -= 1  # "Bashar al Assads Alawite sect": the people or faith after a name is no part of it
        while label == "PERSON" and end - start >= 2 and doc[end - 1].lower_ in lexicon.body_nouns():
            end -= 1  # "Matthew Bruch Coalition": a person's name glued to the body after it
        if label == "PERSON" and end - start >= 2 and doc[start].text[:1].isupper() \
                and doc[start].lower_ in lexicon.load("body_heads"):
            # "the UK-based Observatory Rami Abdurrahman", "said Observatory director Rami Abdel Rahman": the body,
            # then the person (a role noun alone is no name)
            found.append(Span(doc, start, start + 1, label="ORG"))
            start += 1
            if all(t.lower_ in _role_words() for t in doc[start:end]):
                continue
        if label in ("PERSON", "ORG") and end - start >= 2 and gazetteer.lost_possessive_state(doc[start].text):
            found.append(Span(doc, start, start + 1, label="GPE"))  # "Syrias Afrin": "Syria's" lost its apostrophe
            start += 1
        body_end = _lost_possessive_body_end(doc, start, end) if label in ("PERSON", "ORG") else start
        body_person = False
        if body_end > start:  # "Al-Qaedas Syria affiliate", "AFPs reporter": a body's possessive, its apostrophe lost
            found.append(Span(doc, start, body_end, label="ORG"))
            start = body_end
            # "State Departments [Jen Psaki]": two or three capitalised words after it, no place's, are its person's
            body_person = 2 <= end - start <= 3 and all(t.is_title and t.is_alpha for t in doc[start:end]) \
                and not state_named(doc[start:end].text) and not place_like(doc[start:end].text)
        if label in ("PERSON", "ORG") and end - start >= 2 and gazetteer.lost_possessive_state(doc[end - 1].text) \
                and place_like(doc[start : end - 1].text):
            # "in the western part of Mosul Iraqs second largest city": a place, then "Iraq's"
            found.append(Span(doc, start, end - 1, label="GPE"))
            found.append(Span(doc, end - 1, end, label="GPE"))
            continue
        if label == "PERSON" and end - start >= 3 and doc[end - 1].text.endswith("s") \
                and gazetteer.state_name(doc[end - 1].text) and not gazetteer.state_name(doc[start : end - 1].text):
            # "Mohammad al-Shaar Syrias", "Youssef Diab Russians": a person's name, then a state's lost possessive
            # or its people
            found.append(Span(doc, start, end - 1, label=label, span_id=span.id_))
            found.append(Span(doc, end - 1, end, label="GPE" if gazetteer.lost_possessive_state(doc[end - 1].text)
                              else "NORP"))
            continue
        listed = _place_list(doc, start, end) if label in ("PERSON", "ORG") else []
        if listed:  # "Aleppo Idlib Homs": a list of places glued together (a page's tags), each a place
            found.extend(Span(doc, a, b, label="GPE") for a, b in listed)
            continue
        if label == "PERSON" and end - start >= 3 and _city_before_a_full_name(doc, start, end):
            found.append(Span(doc, start, start + 1, label="GPE"))  # "Aleppo Mohammad Hazouri said": a dateline's
            start += 1  # city glued to the speaker's full name
        if label == "PERSON" and end - start == 2 and _surname_then_state(doc, start, span):
            found.append(Span(doc, start, start + 1, label=label, span_id=span.id_))  # "Assad Turkey": two names,
            start += 1  # their comma lost
        elif label == "PERSON" and end - start == 2 and _two_surnames(doc, start, span):
            # "Blaming Assad Trump says": the surnames of two persons the article names in full, their comma lost
            found.append(Span(doc, start, start + 1, label=label, span_id=span.id_))
            start += 1
        second = _second_full_name(doc, start, end) if label == "PERSON" else start
        if second > start:  # "Bashar Assad Hafez Assad": two full names of one family, glued
            found.append(Span(doc, start, second, label=label, span_id=span.id_))
            start = second
        state_end = _of_a_state_end(doc, start, end) if label == "ORG" else end
        if state_end == end and label == "ORG":
            state_end = _known_body_then_name(doc, start, end)  # "the Syrian Coalition Anas al-Abdah said"
        person_after = True
        if state_end == end and label == "ORG":
            state_end, person_after = _named_elsewhere_at_end(doc, span, start, end)  # "Syria Staffan de Mistura"
        if state_end < end:  # "the speaker of the Peoples Council of Syria Hadiya Khalaf Abbas": the body, then a name
            found.append(Span(doc, start, state_end, label="ORG", span_id=span.id_))
            start, body_person = state_end, person_after and end - state_end <= 3
        body = _body_after(doc, start, end) if label == "PERSON" and end - start >= 3 else end
        if body < end:  # "said Kenneth Roth Human Rights Watchs executive director": the person, then the body
            end = body
        outlet = _outlet_before(doc, start, end) if label == "PERSON" and end - start >= 3 else start
        if outlet > start:  # "TRT World's Ahmed al Burai" (the apostrophe lost): the outlet, then its reporter
            found.append(Span(doc, start, outlet, label="ORG"))
            start = outlet
        text = doc[start:end].text
        part_label = "GPE" if label != "GPE" and (start, end) != (span.start, span.end) and (
            state_named(text) or end - start == 1 and end < len(doc)
            and doc[end].lower_ in lexicon.load("lost_contractions")  # "After Aleppo Ill see": the city
            and places.is_place(text, min_population=_DATELINE_CITY_POPULATION, fuzzy=False)) else label
        if part_label not in ("GPE", "LOC") and start == span.start and end < span.end and _glue_the(doc, span, end):
            part_label = "GPE"  # "Eastern Ghouta" of "in Eastern Ghouta the Observatory said"
        if body_person and part_label == "ORG":
            part_label = "PERSON"
        found.append(Span(doc, start, end, label=part_label, span_id=span.id_))
    if len(found) == 1 and (found[0].start, found[0].end, found[0].label_) == (span.start, span.end, label):
        return [span]
    return found


#: How many people a city must hold to be read as a dateline's city before a person's full name.
_DATELINE_CITY_POPULATION = 100_000


def _lost_possessive_body_end(doc: Doc, start: int, end: int) -> int:
    """The end of the name of a body the field's dictionaries know, in its first three words, with a possessive's "s"
    whose apostrophe the text lost and more words after it ("Al-Qaedas Syria", "AFPs reporter", "EUs Mogherini"),
    or ``start``. A name the dictionaries know whole ("United Nations") is not cut."""
    if cameo.named(doc[start:end].text) is not None:
        return start
    for i in range(start, min(end - 1, start + 3)):
        if cameo.possessive_body(doc[start : i + 1].text) is not None:
            return i + 1
    return start


def _known_body_then_name(doc: Doc, start: int, end: int) -> int:
    """The end of a body's name the field's dictionaries know, at the start of ``doc[start:end]``, where two or three
    capitalised words of a person's name run on after it ("Syrian Coalition [Anas al-Abdah]"), or ``end``."""
    first = start + 1 if doc[start].lower_ == "the" else start
    if end - first < 4 or cameo.named(doc[first:end].text) is not None:
        return end
    for k in range(first + 2, min(first + 5, end - 1)):
        rest = doc[k:end]
        if not 2 <= len(rest) <= 3 or not all(t.is_title or t.lower_.startswith(("al-", "el-")) for t in rest) \
                or any(t.lower_ in _role_words() or t.lower_ in lexicon.body_nouns() for t in rest):
            continue
        entry = cameo.named(doc[first:k].text)
        if entry is not None and entry.kind != "person" and not place_like(rest.text) \
                and cameo.named(rest.text) is None:
            return k
    return end


def _named_elsewhere_at_end(doc: Doc, span: Span, start: int, end: int) -> tuple[int, bool]:
    """Where a name of two words or more that the model finds on its own elsewhere in the article begins at the end
    of an organisation's span ("the UN Special Envoy for Syria [Staffan de Mistura]"), and whether the model found
    it as a person's there or a body's word is in it; ``(end, False)`` if none does."""
    alone = {e.text: e.label_ for e in doc.ents if e.label_ in ("PERSON", "ORG") and len(e) >= 2
             and (e.end <= span.start or e.start >= span.end)}
    bodies = lexicon.body_nouns() | lexicon.load("body_heads") | lexicon.media_words()
    for k in range(start + 1, end - 1):
        label = alone.get(doc[k:end].text)
        if label is not None:
            person = label == "PERSON" or not any(t.lower_ in bodies or t.is_upper for t in doc[k:end])
            return k, person
    return end, False


def _of_a_state_end(doc: Doc, start: int, end: int) -> int:
    """The end of a body's name that ends in "of" and a state's one-word name, where capitalised words run on after
    it ("Peoples Council of Syria [Hadiya]"), or ``end``. A name the field's dictionaries know whole is not cut."""
    for k in range(start + 2, end - 1):
        if doc[k - 1].lower_ == "of" and doc[k].text[:1].isupper() and gazetteer.state_name(doc[k].text) \
                and doc[k + 1].is_title and doc[k + 1].is_alpha and doc[k + 1].lower_ not in _FUNCTION_WORDS \
                and not gazetteer.state_name(doc[k : k + 2].text) and cameo.named(doc[start:end].text) is None:
            return k + 1
    return end


def _body_after(doc: Doc, start: int, end: int) -> int:
    """Where a body's name the field's dictionaries know begins inside a person's name, after two words at least, and
    runs on past it, a possessive's apostrophe lost or not ("Kenneth Roth Human [Rights Watchs]"); ``end`` if none."""
    for i in range(start + 2, end):
        for j in range(min(len(doc), end + 4), end, -1):
            name = doc[i:j].text
            entry = cameo.named(name) or cameo.possessive_body(name)
            if entry is not None and entry.kind != "person" and " " in name:
                return i
    return end


def _city_before_a_full_name(doc: Doc, start: int, end: int) -> bool:
    """A large city's one-word name before two or more capitalised words ("Aleppo Mohammad Hazouri"), not a place's
    (``place_name_ends.txt``: "Damascus Central Prison"); a given name that is also a city's keeps a name of two
    words whole ("Paris Hilton")."""
    first = doc[start]
    rest = doc[start + 1 : end]
    return first.is_title and len(rest) >= 2 and all(t.text[:1].isupper() for t in rest) \
        and rest[-1].lower_ not in lexicon.load("place_name_ends") and not gazetteer.state_name(first.text) \
        and places.is_place(first.text, min_population=_DATELINE_CITY_POPULATION, fuzzy=False)


def _date_inside(doc: Doc, span: Span, i: int) -> bool:
    """A date's month inside a name, after a word of it ("Latakia June 6 2015": a dateline's place and date): the
    name ends there (the figures after it are dropped as no name)."""
    token = doc[i]
    return i > span.start and token.text[:1].isupper() and token.lower_.rstrip(".") in MONTHS \
        and i + 1 < span.end and doc[i + 1].is_digit and len(doc[i + 1].text) in (1, 2, 4)


#: Prepositions that put the name after them somewhere ("in Eastern Ghouta").
_LOCATIVES = {"in", "near", "at", "outside", "around", "across", "inside", "on", "into", "over"}


@cache
def _role_words() -> frozenset[str]:
    """The words of the role nouns ("director", "chief", "spokesman") and of persons' titles."""
    roles = {word for role in lexicon.load_mapping("roles") for word in role.split()}
    return frozenset(roles | lexicon.load("title_words") | lexicon.load("person_nouns"))


def _glue_the(doc: Doc, span: Span, i: int) -> bool:
    """Token ``i`` of ``span`` is a "the" between a place and a name the text ran together, its commas lost ("in
    Eastern Ghouta the Observatory said"): inside the span, after a capitalised word (not "of the", "for the"),
    before one, where what comes before it is a place (the text puts it somewhere, or the gazetteer knows it);
    never a person's epithet ("met Alexander the Great")."""
    if not (doc[i].lower_ == "the" and span.start < i < span.end - 1 and doc[i - 1].text[:1].isupper()
            and doc[i - 1].lower_ not in _NAME_JOINERS and doc[i + 1].text[:1].isupper()):
        return False
    before = [t.lower_ for t in doc[max(0, span.start - 2):span.start]]
    located = bool(before) and (before[-1] in _LOCATIVES or (  # "in Eastern [Ghouta the Observatory]", "on eastern"
        len(before) == 2 and before[0] in _LOCATIVES and doc[span.start - 1].is_alpha))
    return located or state_named(doc[span.start:i].text) \
        or places.is_place(doc[span.start:i].text, min_population=15_000, fuzzy=False)


#: the population of a town a glued list of places names (smaller ones share their names with people too often:
#: "Hassan Ali" would be two towns)
_LISTED_PLACE_POPULATION = 50_000


def _listed_with_places(doc: Doc, start: int, end: int) -> bool:
    """Whether the words from ``start`` to ``end`` stand in a list whose other members the model found as places
    ("Damascus [Aleppo Homs] and Hama")."""
    root = doc[start:end].root
    members = [t for t in (*root.conjuncts, doc[start - 1] if start > 0 else None,
                           doc[end] if end < len(doc) else None) if t is not None]
    return any(t.ent_type_ in ("GPE", "LOC") and not start <= t.i < end for t in members)


def _place_list(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """The places a name is a list of, each a state or a town of :data:`_LISTED_PLACE_POPULATION` people or more
    ("Aleppo Idlib Homs"), three at least and nothing else, or two that the article names as places elsewhere
    ("Tartous Homs"); empty for any other name (a name may be two towns': "Washington Irving")."""
    found: list[tuple[int, int]] = []
    i = start
    while i < end:
        j = next((j for j in range(min(end, i + 3), i, -1) if doc[j - 1].text[:1].isupper() and (
            gazetteer.state_name(doc[i:j].text)
            or places.is_place(doc[i:j].text, min_population=_LISTED_PLACE_POPULATION, fuzzy=False))), None)
        if j is None or not doc[i].text[:1].isupper():
            return []
        found.append((i, j))
        i = j
    if len(found) == 2 and _places_elsewhere(doc, start, end) >= {doc[i:j].text for i, j in found}:
        return found  # "Tartous Homs" where the article names Tartous and Homs as places apart
    if len(found) == 2 and gazetteer.state_name(doc[found[0][0]:found[0][1]].text):
        return found  # "shelters in Syria Iraq or Turkey", "U.S. Idlib": a state and another place, a comma lost
    if len(found) == 2 and _listed_with_places(doc, start, end):
        return found  # "major cities Damascus Aleppo Homs and Hama": in a list of places, a comma lost
    return found if len(found) >= 3 else []


def _places_elsewhere(doc: Doc, start: int, end: int) -> set[str]:
    """The names the model found as places or states outside ``doc[start:end]``."""
    return {e.text for e in doc.ents if e.label_ in ("GPE", "LOC") and (e.end <= start or e.start >= end)}


def _two_surnames(doc: Doc, start: int, span: Span) -> bool:
    """Whether the two words at ``start`` are the surnames of two persons the model names in full elsewhere in
    ``doc`` (outside ``span``), and neither is a given name there ("Assad Trump" beside Bashar al-Assad and Donald
    Trump; "Ali Hassan" beside Hassan Nasrallah stays one name).

    >>> from spacy.lang.en import English
    >>> from spacy.tokens import Span
    >>> doc = English()("Assad Trump says . Bashar Assad met Donald Trump .")
    >>> doc.ents = [Span(doc, 0, 2, "PERSON"), Span(doc, 4, 6, "PERSON"), Span(doc, 7, 9, "PERSON")]
    >>> _two_surnames(doc, 0, doc.ents[0])
    True
    """
    surnames, given = _full_names_elsewhere(doc, span)
    first, last = _bare_word(doc[start].text), _bare_word(doc[start + 1].text)
    return first != last and first in surnames and last in surnames and not ({first, last} & given) \
        and not surnames[first] & surnames[last]


def _surname_then_state(doc: Doc, start: int, span: Span) -> bool:
    """Whether the two words at ``start`` are the surname of a person the model names in full elsewhere in ``doc``
    (and no given name there), then a state's name: "Blaming Assad Turkey", a comma lost between them. A surname
    that is a state's ("Michael Jordan") is a surname: the article names no one "... Michael" in full.

    >>> from spacy.lang.en import English
    >>> from spacy.tokens import Span
    >>> doc = English()("Assad Turkey talks . Bashar Assad spoke")
    >>> doc.ents = [Span(doc, 0, 2, "PERSON"), Span(doc, 4, 6, "PERSON")]
    >>> _surname_then_state(doc, 0, doc.ents[0])
    True
    """
    surnames, given = _full_names_elsewhere(doc, span)
    first = _bare_word(doc[start].text)
    return first in surnames and first not in given and state_named(doc[start + 1].text)


def _bare_word(word: str) -> str:
    return re.sub(r"^(?:al|el)-", "", word.lower())


def _full_names_elsewhere(doc: Doc, span: Span) -> tuple[dict[str, set[str]], set[str]]:
    """The surnames (with the full names that end with each) and the given names of the persons the model names
    in full in ``doc`` outside ``span``."""
    surnames: dict[str, set[str]] = {}
    given: set[str] = set()
    for ent in doc.ents:
        if ent.label_ == "PERSON" and len(ent) >= 2 and (ent.end <= span.start or ent.start >= span.end):
            surnames.setdefault(_bare_word(ent[-1].text), set()).add(ent.text)
            given.add(_bare_word(ent[0].text))
    return surnames, given


def _second_full_name(doc: Doc, start: int, end: int) -> int:
    """Where a second full name begins in a person's name whose surname ends it twice ("Bashar Assad Hafez Assad",
    "Omar Al Shishani Alaa Al Din Al Shishani"): after the surname's first use, each part two words at least;
    ``start`` where the surname is used once.

    >>> from spacy.lang.en import English
    >>> doc = English()("Bashar Assad Hafez Assad said")
    >>> _second_full_name(doc, 0, 4), _second_full_name(doc, 0, 2)
    (2, 0)
    """
    surname = doc[end - 1].text
    for i in range(start + 1, end - 2):
        if doc[i].text == surname and doc[i].text[:1].isupper():
            return i + 1
    return start


def _outlet_before(doc: Doc, start: int, end: int) -> int:
    """The end of a news outlet's name (``kg/lexicons/media.txt``, with or without a possessive's "s") that opens
    the words from ``start`` to ``end`` and leaves two words at least; ``start`` where none does."""
    outlets = lexicon.names("media")
    for size in (3, 2, 1):
        if end - (start + size) >= 2:
            words = doc[start : start + size].text
            if words in outlets or (words.endswith("s") and words[:-1] in outlets):
                return start + size
    return start


def _demonym(token: Token) -> bool:
    return token.text[:1].isupper() and bool(cameo.demonym_state(token.text))


def _url(token: Token) -> bool:
    """A web address glued into a name ("SEND httpsabahdai.ly912r3U DHA", its "://" lost).

    >>> from spacy.lang.en import English
    >>> [_url(t) for t in English()("DHA httpsabahdai.ly912r3U bit.ly/x Reuters St.")]
    [False, True, True, False, False]
    """
    text = token.lower_
    return token.like_url or text.startswith(("http", "www.")) and len(text) > 8 \
        or bool(re.search(r"[a-z]\.[a-z]{2,3}\d*[a-z0-9]*", text) and any(c.isdigit() for c in text))


#: Adverbs and conjunctions that begin a sentence, never a name ("Once Syrias economic powerhouse Aleppo").
_LEADING_WORDS = {"once", "when", "while", "after", "before", "although", "though", "if", "since", "because", "but",
                  "and", "or", "then", "meanwhile", "also", "yet", "even", "despite", "whereas", "however",
                  "outside", "inside", "near", "across", "during", "amid", "among", "from", "with", "for", "into"}

#: Number words that end no name ("Monitor One woman was killed": a headline glued to the sentence's count).
_NUMBER_WORDS = {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"}
_YEAR = re.compile(r"^(19|20)\d\d$")

#: Words that end no name: a name's last word written with a capital is another phrase's first ("Sweida An").
_FUNCTION_WORDS = {"a", "an", "the", "from", "of", "to", "in", "on", "at", "by", "with", "for", "and", "or", "as"}


def _trim_ends(doc: Doc, start: int, end: int, label: str, figures: bool) -> tuple[int, int]:
    """Drop punctuation, ``figures`` (when asked), ordinals (a person's: "Pires 46th") and months (not a
    person's: "August") at the ends of ``doc[start:end]``."""
    while end - start >= 2 and doc[start].lower_ in ("the", "a", "an") and doc[start].is_lower:
        start += 1  # "the U.S. Idlib": the determiner is no part of the name (nor of the names run together)
    while end - start >= 2 and doc[start].text[:1].isupper() and doc[start].lower_ in _LEADING_WORDS:
        start += 1  # "Once Syrias economic powerhouse", "Meanwhile Hezbollah": a sentence's first word, no name's
    while start < end and (doc[start].is_punct or doc[start].is_space or (figures and is_figure(doc[start]))
                           or (label != "PERSON" and doc[start].lower_.rstrip(".") in MONTHS
                               and end - start > 1 and doc[start + 1].text[:1].isupper())):
        start += 1
    # a dateline glued to the name: "Oct 2016 Air ...", "March 3 Syrian ..."
    while end - start > 2 and label != "PERSON" and doc[start].lower_.rstrip(".") in MONTHS \
            and is_figure(doc[start + 1]):
        start += 2
    while end > start and ((doc[end - 1].is_punct and doc[end - 1].text != ".") or doc[end - 1].is_space
                           or (figures and is_figure(doc[end - 1]))
                           or (label == "PERSON" and _ORDINAL.match(doc[end - 1].text))):
        end -= 1
    if end > start and doc[end - 1].text == "." and end - start == 1:
        end -= 1
    while end - start >= 2 and doc[end - 1].text[:1].isupper() and (doc[end - 1].lower_ in _FUNCTION_WORDS
                                                                     or doc[end - 1].lower_ in _NUMBER_WORDS):
        end -= 1  # "Sweida An army unit", "Raqqa From Daesh", "Monitor One woman": the next phrase's first word
    if end - start >= 2 and label == "ORG" and _YEAR.match(doc[end - 1].text):
        end -= 1  # "Aid Agencies 2015": a related story's year
    if end - start >= 2 and label == "ORG" and _YEAR.match(doc[start].text):
        start += 1  # "14 August 2016 Scores of civilians": a dateline's year
    if end - start >= 1 and end < len(doc) and doc[end - 1].lower_ in ("al", "el") and doc[end].is_title \
            and doc[end].is_alpha and not doc[end].ent_type_ and not doc[end - 1].whitespace_.count("\n"):
        end += 1  # "Jaysh Al [Fateh]": an Arabic article ends no name, the word it goes with was left out
    if end - start >= 2 and label == "ORG" and doc[end - 1].tag_ == "JJ" and end < len(doc) \
            and doc[end - 1].head.i >= end and doc[end].is_lower:
        end -= 1  # "in Syrias Raqqa Local reports": an adjective of the noun after the name
    if end - start >= 2 and end < len(doc) and doc[end - 1].text[:1].isupper() and doc[end].is_lower \
            and f"{doc[end - 1].lower_} {doc[end].lower_}" in lexicon.load_mapping("attack_nouns"):
        end -= 1  # "BEIRUT Air strikes in Syria killed ...": the headline's "Air" begins the attack, not the name
    return start, end


def cut_entities(doc: Doc) -> list[Span]:
    """The model's entities of ``doc`` cut to the names they hold (:func:`name_parts`), a person's name made whole
    (:func:`whole_person_names`); the ruler's entities stay."""
    table = {t.i for line in lines(doc) if _table_line(line) for t in line}
    cut: list[Span] = []
    for ent in doc.ents:
        if ent.label_.startswith("KG_"):
            cut.append(ent)
        else:
            cut.extend(name_parts(ent, table_line=ent.start in table))
    return names_of_a_state(doc, whole_person_names(doc, _article_joined(doc, _hyphen_tail_joined(doc, cut))))


def _hyphen_tail_joined(doc: Doc, ents: list[Span]) -> list[Span]:
    """A name the model began inside a hyphenated word ("Deir ez-[Zor]") is the whole place's name where the
    gazetteer knows it ("Deir ez-Zor"); otherwise it stays as it is."""
    out: list[Span] = []
    for ent in sorted(ents, key=lambda e: e.start):
        s = ent.start
        if s >= 3 and doc[s - 1].text == "-" and not doc[s - 1].whitespace_ and not doc[s - 2].whitespace_ \
                and doc[s - 2].is_lower and doc[s - 2].is_alpha and len(doc[s - 2]) <= 3 and doc[s - 3].is_title:
            before = out[-1] if out and out[-1].end == s - 2 and len(out[-1]) == 1 else None  # "Deir" found alone
            if before is not None or not out or out[-1].end <= s - 3:
                whole = Span(doc, s - 3, ent.end, label="GPE")
                if places.is_place(whole.text, fuzzy=False):
                    if before is not None:
                        out.pop()
                    out.append(whole)
                    continue
        e = ent.end
        if e + 3 <= len(doc) and doc[e].is_lower and doc[e].is_alpha and len(doc[e]) <= 3 and doc[e + 1].text == "-" \
                and not doc[e].whitespace_ and not doc[e + 1].whitespace_ and doc[e + 2].is_title \
                and ent[-1].whitespace_ and not doc[e + 2].ent_type_:
            whole = Span(doc, ent.start, e + 3, label="GPE")  # "[Deir] ez-Zor"
            if places.is_place(whole.text, fuzzy=False):
                out.append(whole)
                continue
        out.append(ent)
    return out


def _article_joined(doc: Doc, ents: list[Span]) -> list[Span]:
    """A name that ends in an Arabic article and the one-word name right after it are one name ("Jaysh Al" "Fateh":
    Jaish al-Fatah, not Fatah)."""
    out: list[Span] = []
    for ent in sorted(ents, key=lambda e: e.start):
        before = out[-1] if out else None
        if before is not None and before.end == ent.start and len(ent) == 1 and ent[0].is_title \
                and len(before) >= 2 and doc[before.end - 1].lower_ in ("al", "el") \
                and not before.label_.startswith("KG_") and not doc[before.end - 1].whitespace_.count("\n"):
            out[-1] = Span(doc, before.start, ent.end, label=before.label_, span_id=before.id_)
            continue
        out.append(ent)
    return out


def names_of_a_state(doc: Doc, ents: list[Span]) -> list[Span]:
    """An organisation's name the model cut before "of" and a state ("Global New Light" "of" "Myanmar", "Federal
    Security Service" "of" "Russia") is one organisation: two or more capitalised words, "of", the state, and no
    possessive after it."""
    out: list[Span] = []
    i = 0
    ents = sorted(ents, key=lambda e: e.start)
    while i < len(ents):
        ent = ents[i]
        state = ents[i + 1] if i + 1 < len(ents) else None
        if ent.label_ == "ORG" and len(ent) >= 2 and all(t.text[:1].isupper() for t in ent) \
                and state is not None and state.label_ == "GPE" and state.start == ent.end + 1 \
                and doc[ent.end].lower_ == "of" and gazetteer.state_name(state.text) \
                and not (state.end < len(doc) and doc[state.end].lower_ in ("'s", "’s")):
            out.append(Span(doc, ent.start, state.end, label="ORG", span_id=ent.id_))
            i += 2
            continue
        out.append(ent)
        i += 1
    return out


def whole_person_names(doc: Doc, ents: list[Span]) -> list[Span]:
    """Persons' names the model cut short: two persons' spans side by side are one name ("Aung San" "Suu Kyi"),
    and a given name the model left out between a title (or a demonym, or punctuation) and a person's name joins
    it ("Attorney General Tarek" + "William Saab"): a capitalised proper noun that is no title, rank or role
    (``person_titles.txt``, ``title_words.txt``, ``roles.txt``), month, state, city or demonym, no other entity,
    and no word the article writes in lower case."""
    titles = title_words()
    lower_words = {t.lower_ for t in doc if t.is_lower and t.is_alpha}
    taken = {i for e in ents for i in range(e.start, e.end)}
    out: list[Span] = []
    for ent in sorted(ents, key=lambda e: e.start):
        if ent.label_ != "PERSON":
            out.append(ent)
            continue
        if out and out[-1].label_ == "PERSON" and out[-1].end == ent.start and not doc[ent.start - 1].whitespace_ \
                .count("\n") and not any(t.is_punct for t in doc[out[-1].end - 1 : ent.start + 1]) \
                and _second_full_name(doc, out[-1].start, ent.end) == out[-1].start \
                and not _place_list(doc, out[-1].start, ent.end) \
                and not (ent.end - out[-1].start == 2 and _two_surnames(doc, out[-1].start,
                                                                         doc[out[-1].start : ent.end])):
            # (not "Bashar Assad Hafez Assad", not "Assad" "Trump")
            out[-1] = Span(doc, out[-1].start, ent.end, label="PERSON")
            continue
        start = ent.start
        while start > 0 and ent.start - start < 2:
            t = doc[start - 1]
            if not (t.is_alpha and t.text[:1].isupper() and t.pos_ == "PROPN" and len(t) > 1) or t.i in taken \
                    or t.lower_ in titles or t.lower_ in MONTHS or t.lower_ in lower_words or "\n" in t.whitespace_ \
                    or t.lower_ in lexicon.load("furniture_words") \
                    or gazetteer.state_name(t.text) or places.is_place(t.text, min_population=100_000, fuzzy=False):
                break
            before = doc[t.i - 1] if t.i > 0 else None
            if before is not None and not (before.lower_.rstrip(".") in titles or before.is_punct or before.is_space
                                           or _demonym(before)):
                break  # only a word between a title, a demonym or punctuation and the name
            start -= 1
        out.append(ent if start == ent.start else Span(doc, start, ent.end, label="PERSON", span_id=ent.id_))
    return out


# --- tables of results and standings ------------------------------------------------------------------------------

def _name_token(token: Token) -> bool:
    text = token.text
    if any(c.isdigit() for c in text):
        return False
    if token.is_alpha or "'" in text or "’" in text or (text.endswith(".") and text[:-1].isalpha()):
        return text[:1].isupper() or token.lower_ in _NAME_JOINERS
    return text in ("&", "-", ".")


def _row_name(tokens: list[Token], i: int) -> int:
    """The end of the name that begins at ``tokens[i]`` (``i`` when none does): capitalised words, at most five."""
    j = i
    while j < len(tokens) and j - i < 5 and _name_token(tokens[j]):
        j += 1
    while j > i and not tokens[j - 1].text[:1].isupper():  # a name ends capitalised
        j -= 1
    return j


def _skip_bracket(tokens: list[Token], i: int) -> int:
    """Past a short bracket of words after a name ("( Italy )", "( V )"); ``i`` when there is none."""
    if i < len(tokens) and tokens[i].text == "(":
        for j in range(i + 1, min(len(tokens), i + 6)):
            if tokens[j].text == ")":
                return j + 1 if all(not is_figure(t) for t in tokens[i + 1:j]) else i
    return i


def table_names(doc: Doc) -> Iterator[Span]:
    """The names a results or standings table puts at the head of a row, as spans of ``doc``.

    A standings row is a name and two figures or more, nothing else ("Stoke 4 3 1 0 7 4 10", "NEW YORK 74 59 .556
    -"); a result row two names each with its score, the second score maybe followed by a bracket ("Pohang 3 Ulsan 2
    ( halftime 1-0 )"). A name is one to five capitalised words, maybe with a bracket after it ("Benetton ( Italy
    )"); common nouns heading a row ("Sales 1,234 1,100") are not names: the model must tag them as proper nouns
    or find an entity there.
    """
    for tokens in lines(doc):
        if len(tokens) < 3 or tokens[0].text[:1].isupper() is False:
            continue
        names: list[tuple[int, int]] = []
        end = _row_name(tokens, 0)
        if end == 0:
            continue
        names.append((0, end))
        k = _skip_bracket(tokens, end)
        if _date_at(tokens, k):
            continue  # a dateline: "LONDON 1996-08-30"
        figures = k
        while figures < len(tokens) and (is_figure(tokens[figures]) or tokens[figures].text in _DASHES):
            figures += 1
        scored = sum(is_figure(t) for t in tokens[k:figures])
        if figures == len(tokens) and scored >= 2:
            pass  # a standings row
        elif scored == 1 and figures == k + 1 and figures < len(tokens):
            second = _row_name(tokens, figures)
            if second == figures:
                continue
            k2 = _skip_bracket(tokens, second)
            if k2 >= len(tokens) or not is_figure(tokens[k2]) or "-" in tokens[k2].text:
                continue
            rest = k2 + 1
            if rest < len(tokens) and _skip_bracket_any(tokens, rest) != len(tokens):
                continue
            names.append((figures, second))
        else:
            continue
        for a, b in names:
            span = doc[tokens[a].i : tokens[b - 1].i + 1]
            if _proper(span):
                yield span


def _date_at(tokens: list[Token], i: int) -> bool:
    """A date written with figures begins at ``tokens[i]``: "1996-08-30", "30/08/1996"."""
    text = "".join(t.text for t in tokens[i:i + 5])
    return bool(re.match(r"^(?:(?:19|20)\d\d[-/.]\d\d?[-/.]\d\d?|\d\d?[-/.]\d\d?[-/.](?:19|20)\d\d)", text))


def _skip_bracket_any(tokens: list[Token], i: int) -> int:
    """Past a closing bracket group of any content ("( halftime 1-0 )", "( in 12 )")."""
    if tokens[i].text != "(":
        return i
    for j in range(i + 1, len(tokens)):
        if tokens[j].text == ")":
            return j + 1
    return i


def _proper(span: Span) -> bool:
    """The words are a proper name: tagged so by the model, or an entity the model found there."""
    if any(t.ent_type_ and t.ent_type_ not in ("CARDINAL", "QUANTITY", "PERCENT", "MONEY") for t in span):
        return True
    capitalised = [t for t in span if t.text[:1].isupper()]
    return bool(capitalised) and all(t.pos_ == "PROPN" for t in capitalised)


def state_named(text: str) -> bool:
    """``text`` is a state's name ("Lithuania", "the United States"), not its adjective ("Libyan")."""
    return gazetteer.is_state(text) and not cameo.demonym_state(text) \
        and text.lower() not in lexicon.load_mapping("demonyms")


def place_like(text: str) -> bool:
    """A name the gazetteers know as a place (any size) that is not a state."""
    return not gazetteer.state_name(text) and places.is_place(_title(text), fuzzy=False)


def _title(text: str) -> str:
    return text.title() if text.isupper() and len(text) > 3 else text


def team_entities(doc: Doc, ents: Iterable[Span], label: str, rule: str) -> list[Span]:
    """``ents`` with the names of results and standings tables as teams (``label``, ``rule``): a team's name
    replaces what the model found over it and its row's figures; a state stays a state (a national side), a
    person's full name that is no place stays a person (a player's row)."""
    ents = list(ents)
    teams: list[Span] = []
    for span in table_names(doc):
        text = span.text
        if state_named(_title(text)):
            teams.append(Span(doc, span.start, span.end, label="GPE"))
            continue
        over = [e for e in ents if e.start < span.end and span.start < e.end]
        if any(e.label_.startswith("KG_") for e in over):
            continue
        if any(e.label_ == "PERSON" for e in over) and len(span) >= 2 and not place_like(span[0].text) \
                and not place_like(text):
            teams.append(Span(doc, span.start, span.end, label="PERSON"))
            continue
        teams.append(Span(doc, span.start, span.end, label=label, span_id=rule))
    if not teams:
        return ents
    taken = {i for t in teams for i in range(t.start, t.end)}
    rows = {t.start: t for t in teams}
    kept = [e for e in ents if not taken.intersection(range(e.start, e.end))
            and not _row_figures_only(e, rows)]
    return sorted(kept + teams, key=lambda e: e.start)


def _row_figures_only(ent: Span, rows: dict[int, Span]) -> bool:
    """A model entity over the figures after a team's name ("Somerset 4": the "4" part) is dropped with it."""
    return all(is_figure(t) or t.is_punct for t in ent) and ent.label_ in _NAME_LABELS


# --- one reading per article ---------------------------------------------------------------------------------------

_PARTICLES = {"al", "el", "bin", "ibn", "abu", "van", "von", "de", "der", "da", "di", "du", "la", "le", "mc", "o"}


def person_name_parts(people: Iterable[Span]) -> dict[str, str]:
    """Given names and surnames of the persons named in full (two words or more, an initial counting: "A.
    Hollioake"): word -> "given" / "surname".

    >>> from spacy.lang.en import English
    >>> doc = English()("Alexander Lebed met Wang Donghai and A. Hollioake")
    >>> sorted(person_name_parts([doc[0:2], doc[3:5], doc[6:8]]).items())
    [('Alexander', 'given'), ('Donghai', 'surname'), ('Hollioake', 'surname'), ('Lebed', 'surname'), ('Wang', 'given')]
    """
    parts: dict[str, str] = {}
    for span in people:
        initials = [t for t in span if re.fullmatch(r"(?:[A-Z]\.)+", t.text)]
        words = [t.text for t in span if t.is_alpha and t.text[:1].isupper() and t.lower_ not in _PARTICLES
                 and len(t.text) > 1]
        if not words or len(words) + len(initials) < 2:
            continue
        parts[words[-1]] = "surname"
        if len(words) >= 2:
            parts.setdefault(words[0], "given")
    return parts


def _qualifiers(doc: Doc) -> set[str]:
    """Words the article uses mostly to qualify a noun ("Houthi rebels", "the Houthi leader"): a group's or a
    place's name even where a person bears it ("Abdul Malik al-Houthi")."""
    qualifying: dict[str, int] = {}
    alone: dict[str, int] = {}
    for token in doc:
        if token.ent_type_ == "PERSON" and (token.i + 1 < len(doc) and doc[token.i + 1].ent_type_ == "PERSON"
                                            or token.i > 0 and doc[token.i - 1].ent_type_ == "PERSON"):
            continue  # inside a person's full name
        if token.text[:1].isupper():
            counts = qualifying if _modifier(token) else alone
            counts[token.text] = counts.get(token.text, 0) + 1
    return {word for word, n in qualifying.items() if n >= alone.get(word, 0)}


def caps_line_tokens(doc_lines: Iterable[list[Token]]) -> set[int]:
    """The tokens of the lines (:func:`lines`) written in capitals (headlines, datelines)."""
    found: set[int] = set()
    for tokens in doc_lines:
        alpha = [t for t in tokens if t.is_alpha and len(t.text) > 1]
        if alpha and sum(t.is_upper for t in alpha) >= 0.8 * len(alpha):
            found.update(t.i for t in tokens)
    return found


#: Lower-case words a headline in title case keeps inside its run of capitalised words ("Kurds Set Up Body to Govern
#: Raqqa After Daesh Defeat").
_HEADLINE_JOINERS = {"of", "in", "on", "to", "for", "and", "the", "a", "an", "at", "by", "with", "as", "after", "from",
                     "over", "into", "amid", "against", "-", ":", "'s", "’s"}


def headline_run_tokens(doc: Doc) -> set[int]:
    """The tokens of headlines written in title case inside the text (lists of related stories glued to an
    article: "Lavrov Reveals US Secretary of State Kerrys Demands in Syria Activists Use Pokemon Go"): a run of six
    words or more, capitalised but for a headline's small words, that holds a verb. A name is no such run: it has
    no verb ("Syrian Observatory for Human Rights")."""
    found: set[int] = set()
    i = 0
    while i < len(doc):
        j = i
        while j < len(doc) and "\n" not in doc[j].text and (
                doc[j].text[:1].isupper() or doc[j].like_num or doc[j].lower_ in _HEADLINE_JOINERS):
            j += 1
        run = doc[i:j]
        capitalised = [t for t in run if t.text[:1].isupper()]
        if len(run) >= 6 and len(capitalised) >= 4 and any(
                t.pos_ in ("VERB", "AUX") or t.lower_ in lexicon.load("headline_verbs") for t in capitalised[1:]):
            found.update(t.i for t in run)
        i = j + 1 if j == i else j
    return found


def same_name(a: str, b: str) -> bool:
    """The same name, whatever its case where one is written in capitals ("TARANGO" = "Tarango")."""
    return a == b or (a.isupper() != b.isupper() and a.lower() == b.lower())


def state_spans(doc: Doc, taken: set[int]) -> Iterator[Span]:
    """States named by tokens the model left out (``taken``: the tokens of entities), capitalised or in capitals:
    "Lithuania" in a score line, "ROMANIA" in a headline; one or two words, never a lower-case word."""
    firsts = _state_first_words()
    i = 0
    while i < len(doc):
        found = None
        if doc[i].lower_ not in firsts:
            i += 1
            continue
        for size in (3, 2, 1):
            span = doc[i : i + size]
            if len(span) < size or taken.intersection(range(i, i + size)):
                continue
            words = [t for t in span if t.is_alpha]
            if len(words) != size or not all(t.text[:1].isupper() for t in words):
                continue
            text = span.text
            if len(text) <= 3 and not text.isupper():
                continue
            if text.isupper() and len(text) <= 3:  # "US", "UK" in a headline: only when the line is not shouting
                continue
            if _plain_state_name(text) and (text.isupper() or text == _title(text)):
                found = span
                break
        if found is not None:
            yield found
            i = found.end
        else:
            i += 1


@cache
def _plain_state_names() -> frozenset[str]:
    """States' names as ISO 3166 and ``state_aliases.txt`` give them, lower case (not the field's dictionaries'
    other names, which hold adjectives: "Turkmen")."""
    import pycountry

    found = {alias for alias in lexicon.load_mapping("state_aliases")}
    for country in pycountry.countries:
        for name in (country.name, getattr(country, "common_name", None), getattr(country, "official_name", None)):
            if name:
                found.add(name.lower())
                found.add(name.split(",")[0].lower())
    return frozenset(found)


def _plain_state_name(text: str) -> bool:
    text = text.lower()
    return (text[4:] if text.startswith("the ") else text) in _plain_state_names()


@cache
def _state_first_words() -> frozenset[str]:
    """The first words of states' names, lower case: where :func:`state_spans` need look at all."""
    return frozenset(name.split()[0] for name in _plain_state_names() if name)


def dateline_place(tokens: list[Token], taken: set[int]) -> Span | None:
    """The place a dateline opens with ("DUBLIN 1996-08-30", "JUBA -", "BEIRUT ( Reuters )"): a line's first
    words in capitals, a place the gazetteers know, followed by a date, a dash or a bracket."""
    j = 0
    while j < len(tokens) and j < 3 and tokens[j].is_alpha and tokens[j].is_upper:
        j += 1
    if j == 0 or j >= len(tokens) or taken.intersection(t.i for t in tokens[:j]):
        return None
    after = tokens[j]
    if not (_date_at(tokens, j) or after.text in _DASHES or after.text in ("(", ",")):
        return None
    if not _date_at(tokens, j) and j + 1 < len(tokens) and tokens[j + 1].is_upper and len(tokens[j + 1]) > 1:
        return None  # "CRICKET - ENGLISH COUNTY CHAMPIONSHIP": a headline, not a dateline
    span = tokens[0].doc[tokens[0].i : tokens[j - 1].i + 1]
    text = _title(span.text)
    return span if places.is_place(text, fuzzy=False) and not gazetteer.state_name(text) else None


def common_word(token: Token) -> bool:
    """A word English writes in lower case: one of kg's lexicon of such words or one the article writes so."""
    return token.lower_ in lexicon.load("common_words")


#: The rules that type a name as a team (a results table's row); the article's other mentions of it follow.
TEAM_RULES = frozenset({"context:results-table"})


def consistent_mentions(doc: Doc, spans: list[Span], in_place_context) -> list[Span]:
    """The typed mention spans of ``doc`` (label: the entity type, ``id_``: the rule) given one reading per name.

    - a one-word mention the model typed as an organisation or a place that is the given name or surname of a
      person the article names in full is that person ("Wang" after "Wang Donghai", "TARANGO" after "Jeff
      Tarango"), and so is the surname where the model found nothing ("Lebed" after "Alexander Lebed");
    - a name a results table shows as a team is that team elsewhere in the article where the model typed it a
      place or a person, unless ``in_place_context`` (a span -> bool) says the text puts it somewhere;
    - a name written in capitals (a headline) that the article writes elsewhere in lower case takes that type;
    - states the model left out, and the place a dateline opens with, are added.

    Only the model's typing is changed (rules beginning ``ner:``), never a state's, a lexicon's or the ruler's.
    """
    doc_spans = sorted(spans, key=lambda s: s.start)
    doc_lines = list(lines(doc))
    caps = caps_line_tokens(doc_lines)
    lower_words = {t.lower_ for t in doc if t.is_lower and t.is_alpha and t.i not in caps}
    people = [s for s in doc_spans if s.label_ == "Person" and len(s) >= 2 and s[-1].lower_ not in _COMPANY_ENDS
              and "&" not in s.text and not any(t.lower_ in lower_words for t in s if len(t) > 2)
              and not gazetteer.state_name(s[0].text)  # "Syrias Idlib": a state's place the model took for a name
              and not any(t.lower_ in lexicon.media_words() or t.lower_ in lexicon.load("common_words") for t in s)]
    qualifiers = _qualifiers(doc)
    parts = {p: kind for p, kind in person_name_parts(people).items()
             if p not in qualifiers and p.lower() not in _group_words()}
    cities = {p for p in parts if places.is_place(_title(p), min_population=15_000, fuzzy=False)}
    datelines = {(p.start, p.end) for p in (dateline_place(tokens, set()) for tokens in doc_lines) if p is not None}
    contests = {(s.start, s.end) for s in doc_spans if s.id_.startswith("ner:") and s.label_ in ("Place", "Person")
                and s.text not in parts and _in_contest(s) and place_like(s.text)}
    teams = {s.text.lower() for s in doc_spans if (s.id_ in TEAM_RULES or (s.start, s.end) in contests)
             and (s.start, s.end) not in datelines}
    headlines = headline_run_tokens(doc)
    named_outside_headlines = {s.text.lower() for s in doc_spans if s.start not in headlines and s.start not in caps}
    typed_outside_caps: dict[str, tuple[str, str]] = {}
    for s in doc_spans:
        if s.start not in caps and s.label_ in ("Person", "Organization", "Place", "State", "Media", "ArmedGroup"):
            typed_outside_caps.setdefault(s.text.lower(), (s.label_, s.id_))
    surnames_alone = {s.text for s in doc_spans if s.id_ == "ner:PERSON" and len(s) == 1}
    out: list[Span] = []
    for s in doc_spans:
        label, rule = s.label_, s.id_
        model = rule.startswith("ner:") and label != "State"
        said_person = rule == "ner:PERSON+gazetteer:state"  # the model's person, taken for a state by its name
        if (s.start, s.end) in datelines and label != "State":
            label, rule = "Place", "context:dateline"
        elif (s.start, s.end) in contests:
            label, rule = "Organization", rule + "+context:contest"
        elif (model or said_person) and len(s) == 1 and label in ("Organization", "Place", "State") \
                and not _modifier(s[0]) and not in_place_context(s) \
                and any((s.text == p or s.start in caps and same_name(s.text, p)) and (said_person or p not in cities)
                        for p in parts):
            label, rule = "Person", rule + "+document:person-name"
        elif rule == "ner:ORG" and len(s) == 2 and s[-1].text in surnames_alone and all(t.is_title for t in s) \
                and not gazetteer.state_name(s[0].text) and s[0].lower_ not in lexicon.load("common_words") \
                and s.start not in caps:
            label, rule = "Person", rule + "+document:person-name"  # "Eva Forest", then "Forest" alone: a person
        elif model and s.text.lower() in teams and label in ("Place", "Person") and not in_place_context(s) \
                and not _after_place_word(s):
            label, rule = "Organization", rule + "+document:team"
        elif rule in ("ner:ORG", "ner:PERSON") and s.start in headlines \
                and s.text.lower() not in named_outside_headlines:
            continue  # a name in a related story's headline glued to the article, which the article never names
        elif rule == "ner:ORG" and s.start in caps and s.text.lower() not in typed_outside_caps:
            continue  # the small model's organisations in a headline in capitals ("BASEBALL", "MAJOR LEAGUE
            # RESULTS", "ENGLAND BEAT MOLDOVA IN"): only a name the article writes again is kept
        elif rule in ("ner:PERSON", "ner:ORG") and len(s) == 1 and s[0].lower_ in lower_words and s.text not in parts:
            continue  # "Attendance", "Extras", "Population": a word the article writes in lower case, capitalised at a
            # line's start or in a headline
        out.append(s if (label, rule) == (s.label_, s.id_) else Span(doc, s.start, s.end, label=label, span_id=rule))
    taken = {i for e in doc.ents for i in range(e.start, e.end)} | {i for s in out for i in range(s.start, s.end)}
    added = list(_added(doc, doc_lines, taken, parts, teams, caps))
    added.extend(unnamed_persons(doc, taken, [s for s in out if s.label_ == "Person"], lower_words))
    added.extend(bodies_of_roles(doc, taken))
    titled = {s.start for s in added if s.id_ == TITLED_NAME_RULE}
    titles = title_words()
    # the model's organisation made of the title the name stands after ("Division General" Alejandro Pérez)
    out = [s for s in out if not (s.id_ == "ner:ORG" and s.end in titled and s[-1].lower_.rstrip(".") in titles)]
    return sorted(out + added, key=lambda s: (s.start, s.end))


#: The rules of :func:`unnamed_persons`.
TITLED_NAME_RULE = "document:titled-name"
LISTED_NAME_RULE = "document:listed-name"


@cache
def titles() -> frozenset[str]:
    """Titles, ranks and offices written before a person's name (lower case, without a final dot)."""
    return frozenset({t.rstrip(".") for t in lexicon.person_titles()} | lexicon.load("title_words"))


@cache
def title_words() -> frozenset[str]:
    """Titles, ranks and role words written before a person's name (never a part of the name)."""
    return titles() | {w for role in lexicon.load_mapping("roles") for w in role.split()}


def _name_run_end(doc: Doc, start: int, taken: set[int], lower_words: set[str]) -> tuple[int, int]:
    """The end of a run of capitalised proper nouns from ``start`` that may be a person's name the model left out
    (no title, month, state, big place, demonym, lower-case word of the article, or word of a body's name), and how
    many words it holds (an Arabic article's "al-Ghadiri" is one); ``(start, 0)`` if there is none."""
    titles = title_words()
    not_names = lexicon.load("common_words") | _group_words() | lexicon.load("furniture_words")
    end, words = start, 0
    while end < len(doc) and words < 4:
        t = doc[end]
        if end > start and "\n" in doc[end - 1].whitespace_:
            break
        if end > start and t.lower_ in ("al", "el") and end + 2 < len(doc) and doc[end + 1].text == "-" \
                and doc[end + 2].is_title and not t.whitespace_ and not doc[end + 1].whitespace_ \
                and not taken.intersection(range(end, end + 3)):
            end, words = end + 3, words + 1  # "Nagham al-Ghadiri"
            continue
        if not (t.is_alpha and t.text[:1].isupper() and not t.is_upper and t.pos_ == "PROPN") or t.i in taken \
                or t.lower_ in titles or t.lower_ in MONTHS or t.lower_ in lower_words or t.lower_ in not_names \
                or gazetteer.state_name(t.text) or _demonym(t) \
                or places.is_place(t.text, min_population=100_000, fuzzy=False):
            break
        end, words = end + 1, words + 1
    return end, words


#: The rule of :func:`bodies_of_roles`.
ROLE_BODY_RULE = "document:body-of-role"


def bodies_of_roles(doc: Doc, taken: set[int]) -> Iterator[Span]:
    """An acronym the model left out that a role belongs to: "the acting chief of the RUC", "a spokesman for the
    SPLA" (a capitalised word of two to six letters after "the", the object of "of" or "for" after a role noun)."""
    roles = _role_words()
    for t in doc:
        if t.i in taken or not (t.is_upper and t.is_alpha and 2 <= len(t) <= 6) or t.i == 0 \
                or doc[t.i - 1].lower_ != "the" or t.dep_ != "pobj" or t.head.lower_ not in ("of", "for") \
                or t.head.head.lower_ not in roles or t.lower_ in lexicon.load("not_actors"):
            continue
        if t.i + 1 < len(doc) and doc[t.i + 1].text[:1].isupper() and doc[t.i + 1].is_alpha:
            continue  # "the RUC Special Branch": a name the acronym only begins
        yield Span(doc, t.i, t.i + 1, label="Organization", span_id=ROLE_BODY_RULE)


def unnamed_persons(doc: Doc, taken: set[int], persons: list[Span], lower_words: set[str]) -> Iterator[Span]:
    """Persons' names the model left out: two or three capitalised proper nouns right after a rank or title
    ("Division General Alejandro Pérez"), or an item of a list whose neighbours are persons' names ("Alejandro Pérez,
    Brayan Oropeza, Luis Guerra"). A run of four such words or more is no one's name here; none of its words is a
    title, a month, a state, a big city, a demonym, a word the article writes in lower case or a body's word."""
    titles = title_words()
    ends = {s.end for s in persons}
    starts = {s.start for s in persons}
    body_ends = {e.end for e in doc.ents if e.label_ in ("ORG", "KG_Organization", "KG_Media", "KG_ArmedGroup")}
    i = 1
    while i < len(doc):
        if i in taken or not doc[i].text[:1].isupper() or doc[i - 1].text[:1].isupper() and i - 1 not in taken \
                and doc[i - 1].lower_.rstrip(".") not in titles:
            i += 1
            continue
        end, words = _name_run_end(doc, i, taken, lower_words)
        if not 2 <= words <= 3 or (end < len(doc) and doc[end].text[:1].isupper() and doc[end].is_alpha):
            i = max(end, i + 1)
            continue
        before, after = doc[i - 1], doc[end] if end < len(doc) else None
        titled = before.lower_.rstrip(".") in titles and before.text[:1].isupper()
        person_before = i - 1 in ends or (i >= 2 and doc[i - 2].lower_ == "," and i - 2 in ends)  # "X, [Y]"
        person_after = after is not None and after.lower_ in (",", "and") and (
            end + 1 in starts or (end + 2 in starts and doc[end + 1].lower_ == "and"))  # "[Y], and Z"
        listed = before.lower_ in (",", "and") and (person_before or person_after)
        # "the Syrian Coalition [Anas Abdah] said": a body's person, named right after it, before the verb
        titled = titled or (i in body_ends and after is not None and after.pos_ in ("VERB", "AUX"))
        if titled or listed:
            yield Span(doc, i, end, label="Person", span_id=TITLED_NAME_RULE if titled else LISTED_NAME_RULE)
        i = end


def _in_contest(span: Span) -> bool:
    """The span wins, loses or draws a match, or is beaten: "Leicestershire beat Somerset", "lost to Kent",
    "drew with Hull" (verbs: ``kg/lexicons/contest_verbs.txt``)."""
    root = span.root
    while root.dep_ == "conj" and root.head != root:
        root = root.head
    verbs = lexicon.load("contest_verbs")
    if root.dep_ in ("nsubj", "dobj"):
        return root.head.pos_ == "VERB" and root.head.lemma_.lower() in verbs
    if root.dep_ == "pobj" and root.head.lower_ in ("to", "with", "against"):
        verb = root.head.head
        return verb.pos_ == "VERB" and verb.lemma_.lower() in verbs
    return False


def _after_place_word(span: Span) -> bool:
    """The word before the span puts it somewhere: "at Detroit", "in Surrey" (whatever the parse)."""
    return span.start > 0 and span.doc[span.start - 1].lower_ in ("in", "at", "near", "outside")


@cache
def _group_words() -> frozenset[str]:
    """The words of armed groups' names in the field's dictionaries ("Jaysh al-Islam", "Ahrar al-Sham"): a group's
    name the model took for a person's gives no person's name."""
    return frozenset(w for e in cameo.entries() if e.kind == "nonstate" for w in e.name.replace("-", " ").split()
                     if len(w) > 2)


def _modifier(token: Token) -> bool:
    """The word qualifies a noun after it ("Houthi rebels"): a group's or a place's name, not a person's."""
    return token.dep_ in ("compound", "amod", "nmod") and token.head.i > token.i and token.head.pos_ == "NOUN"


def _added(doc: Doc, doc_lines: list[list[Token]], taken: set[int], parts: dict[str, str], teams: set[str],
           caps: set[int]) -> Iterator[Span]:
    """Mentions the model left out: datelines' places, states, surnames of persons named in full, teams."""
    surnames = {p for p, kind in parts.items() if kind == "surname" and not gazetteer.state_name(p)
                and not places.is_place(_title(p), min_population=15_000, fuzzy=False)}
    for tokens in doc_lines:
        place = dateline_place(tokens, taken)
        if place is not None:
            taken.update(range(place.start, place.end))
            yield Span(doc, place.start, place.end, label="Place", span_id="context:dateline")
    for span in state_spans(doc, taken):
        taken.update(range(span.start, span.end))
        yield Span(doc, span.start, span.end, label="State", span_id="gazetteer:state")
    for token in doc:
        if token.i in taken or not token.is_alpha or not token.text[:1].isupper():
            continue
        proper = (token.pos_ == "PROPN" or token.i in caps) and not _modifier(token)
        if proper and any(token.text == p or token.i in caps and same_name(token.text, p) for p in surnames):
            yield Span(doc, token.i, token.i + 1, label="Person", span_id="document:person-name")
        elif proper and token.lower_ in teams and not _after_place_word(doc[token.i : token.i + 1]):
            yield Span(doc, token.i, token.i + 1, label="Organization", span_id="document:team")
