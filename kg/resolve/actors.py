"""Stage: mentions -> actors, resolved within an article and then across articles."""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import replace
from difflib import SequenceMatcher
from functools import lru_cache

from kg import lexicon
from kg.records import Actor, Affiliation, Mention, Sentence  # noqa: F401 (Sentence: doctests)
from kg.resolve import cameo, gazetteer

# when mentions of one name disagree on the type, the more specific reading wins a tie
_TYPE_PRIORITY = ("Person", "State", "Media", "ArmedGroup", "Organization", "Group", "Place")


def name_key(name: str) -> str:
    """A readable identity for a name: case, accents and apostrophes folded, the Arabic article (al-, el-) dropped.

    >>> name_key("Bashar al-Ja’afari")
    'bashar jaafari'
    """
    return _name_key(name)


@lru_cache(maxsize=1 << 16)
def _name_key(name: str) -> str:
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

    The Arabic "servant of" names are written many ways: Abdel Rahman, Abdelrahman, Abdul Rahman, Abdurrahman.

    >>> len({match_key(n) for n in ("Rami Abdel Rahman", "Rami Abdulrahman", "Rami Abdurrahman", "Rami Abd al-Rahman")})
    1

    A long name's small words and a state's name or adjective at its head are written either way.

    >>> len({match_key(n) for n in ("Syrian Observatory for Human Rights", "Syria Observatory of Human Rights")})
    1
    """
    return _match_key(name)


@lru_cache(maxsize=1 << 16)
def _match_key(name: str) -> str:
    key = name_key(name)
    key = re.sub(r"\babd(?:el|ul|ur|al|ar|ol|ou|u|e)?(?: (?:el|ul|al|ur|ar))? ?(?=[b-df-hj-km-np-tv-z][a-z]{2})",
                 "abd ", key)
    words = key.split()
    if len(words) >= 3:  # "Syrian Observatory of Human Rights", "... for Human Rights"
        words = [words[0]] + [w for w in words[1:] if w not in _CONNECTORS]
    if len(words) >= 3 and words[0] not in _CONNECTORS:  # "Syria Observatory ..." and "Syrian Observatory ..."
        state = gazetteer.state_name(words[0])
        if state is not None and " " not in state:
            words[0] = name_key(state)
    return re.sub(r"(\w)\1+", r"\1", " ".join(words))


#: small words a long name is written with or without ("Syrian Observatory of / for Human Rights")
_CONNECTORS = {"of", "for", "the", "and", "on", "in"}


def _strip_titles(name: str) -> str:
    titles = {t.rstrip(".") for t in lexicon.person_titles()}
    words = name.split()
    while len(words) > 1 and words[0].lower().rstrip(".") in titles and words[1][:1].isupper():
        words = words[1:]  # "General Ali Mamlouk", never "spokesman of armed opposition" -> "of armed opposition"
    return " ".join(words)


def armed_group_key(text: str) -> tuple[str, str, str] | None:
    """(state, side, branch) of a generic armed-group phrase, or None for a named group.

    One state, side and branch is one actor: "rebel militias" and "opposition forces" are
    the rebels; "the Syrian military" is the Syrian army; "forces loyal to Bashar Assad"
    and "pro-Assad forces" are the pro-Assad forces.

    >>> armed_group_key("the Syrian military")
    ('Syria', '', 'army')
    >>> armed_group_key("rebel outfits") == armed_group_key("opposition forces")
    True
    >>> armed_group_key("elite forces loyal to Bashar Assad") == armed_group_key("Pro-Assad forces")
    True
    >>> armed_group_key("Unit 450") is None
    True
    >>> armed_group_key("the South Sudan army")
    ('South Sudan', '', 'army')
    """
    return _armed_group_key(text)


@lru_cache(maxsize=1 << 16)
def _armed_group_key(text: str) -> tuple[str, str, str] | None:
    words = re.sub(r"\s*-\s*", "-", re.sub(r"['’]s\b", "", text.replace("’", "'"))).split()
    lowered = [w.lower() for w in words]
    heads = lexicon.load("armed_group_heads")
    branches = lexicon.load_mapping("armed_group_branches")
    sides = lexicon.load_mapping("armed_group_sides")
    if "loyal" in lowered and lowered.index("loyal") + 1 < len(lowered) and lowered[lowered.index("loyal") + 1] == "to":
        patron = words[lowered.index("loyal") + 2 :]
        state = cameo.demonym_state(patron[0]) if len(patron) == 1 else None
        if state:  # "forces loyal to Syrian [President ...]", the name cut off: the state's own forces
            return state, "", "forces"
        return "", "pro-" + match_key(patron[-1]) if patron else "", "forces"
    two = " ".join(lowered[-2:])
    head = two if two in heads or two in branches else lowered[-1] if lowered else ""
    if head not in heads and head not in branches:
        return None
    state = side = ""
    before = words[: -len(head.split())]
    for size in (4, 3, 2):  # a state of several words: "South Sudan army", "Central African Republic troops"
        for k in range(len(before) - size + 1):
            name = gazetteer.state_name(" ".join(before[k : k + size]))
            if name and not state:
                state, words, lowered = name, words[:k] + ["_"] + words[k + size :], \
                    lowered[:k] + ["_"] + lowered[k + size :]
    for word, low in zip(words[: -len(head.split())], lowered, strict=False):
        if low == "_":
            continue
        if low.startswith(("pro-", "anti-")) and low not in sides:
            side = low.split("-", 1)[0] + "-" + match_key(word.split("-", 1)[1])
        elif low in sides:
            side = sides[low]
        elif gazetteer.state_name(word):
            state = gazetteer.state_name(word) or ""
        elif low in branches:
            head = branches[low]
    if not side and head in sides:  # the head names the side itself: "rebels", "militants", "loyalists"
        side = sides[head]
    if side in ("rebels", "jihadists"):
        state = ""  # "Syrian rebels" fight the Syrian state: the demonym is where, not whose
    return state, side, branches.get(head, "army" if head in branches.values() else "forces")


def _canonical(mention: Mention) -> str:
    if mention.canonical:
        return mention.canonical
    if mention.entity_type == "State":  # "Syrian", "Moscow" (acting for Russia), "Ukrainian officials"
        if _junta(mention):
            return mention.text  # "the Myanmar junta": an actor of its own
        if government := _government(mention):
            return government  # "Ukrainian officials", "the Assad regime": the state
        return gazetteer.state_name(mention.text) or cameo.capital_of(mention.text) \
            or gazetteer.state_in(mention.text) or mention.text
    if mention.entity_type == "Person":
        return _strip_titles(mention.text)
    return mention.text


_GENERIC_WORDS = {"the", "a", "an", "its", "their", "his", "her", "elite", "special", "armed", "local", "other",
                  "some", "several", "many", "these", "those", "federal", "national", "regular", "country's"}


_GENERIC_RULES = ("ruler:armed-group", "ruler:state-body", "ruler:forces-loyal-to", "lexicon:people-groups")


def field_body(mention: Mention) -> cameo.Entry | None:
    """The body of the field's dictionaries a named group or organisation is ("ISIL" -> the Islamic State,
    "Israel Defense Forces" -> ISRMIL), or None (a person, a state, a place, a generic force)."""
    if mention.entity_type not in ("ArmedGroup", "Organization", "Media") or mention.rule in _GENERIC_RULES \
            or mention.canonical:
        return None
    entry = cameo.named(mention.text)
    return entry if entry is not None and entry.kind != "person" else None


def body_parts(text: str) -> tuple[str, str, str] | None:
    """:func:`armed_group_key` with a state's own forces one branch: "Turkish forces", "Turkish troops" and "the
    Turkish army" are the Turkish military (a branch is kept where named: navy, air force, police).

    >>> body_parts("Turkish forces") == body_parts("the Turkish army") == body_parts("Turkey's military")
    True
    """
    parts = armed_group_key(text)
    if parts is None:
        return None
    state, side, branch = parts
    if state and not side and branch == "forces":
        branch = "army"
    return state, side, branch


def _armed_identity(mention: Mention) -> str | None:
    """What makes a generic armed group or a state's body one actor: its state, side and branch ("Syria army",
    "rebels forces", "Somalia police").

    Without a state or a side, the words that qualify it ("Kurdish forces", "US-led coalition forces") are its
    identity; a bare "the troops" or "gunmen" names no one beyond its article. A state's named army in the field's
    dictionaries ("Israel Defense Forces", code ISRMIL) is that state's army.
    """
    if mention.entity_type not in ("ArmedGroup", "Organization") or mention.canonical:
        return None
    entry = field_body(mention)
    if entry is not None and entry.kind == "institution" and entry.code[3:] == "MIL" \
            and re.search(r"\b(army|forces|military|troops)\b", entry.name):
        state = cameo.state_of_code(entry.code)
        return f"{state} army" if state else None
    if not mention.rule.startswith("ruler:") or (mention.entity_type == "Organization"
                                                 and mention.rule != "ruler:state-body"):
        return None  # a named group ("Free Syrian Army") is known by its name
    parts = body_parts(mention.text)
    if parts is None:
        if mention.rule == "ruler:state-body":  # "Lebanon's health ministry", "the prosecutor general's office"
            state, rest = gazetteer.state_and_rest(mention.text)
            head = " ".join(w for w in rest.split() if w not in _GENERIC_WORDS)
            if not head:
                return None
            # "the security services" without a state: its article's (one country's ministry is not another's)
            return f"{state} {head}" if state else f"{head} in {mention.article_id}"
        return None
    state, side, branch = parts
    known = set(lexicon.load("armed_group_heads")) | set(lexicon.load_mapping("armed_group_sides")) \
        | set(lexicon.load_mapping("armed_group_branches")) | _GENERIC_WORDS
    words = re.findall(r"[\w'-]+", re.sub(r"['’]s\b", "", mention.text.lower()))
    if "loyal" in words:  # "forces loyal to Bashar al-Assad": whose, the side says ("pro-assad")
        words = words[: words.index("loyal")]
    qualifiers = [w for w in words if w not in known and not gazetteer.state_name(w)
                  and not w.startswith(("pro-", "anti-"))]  # "Kurdish", "US-led", "Turkish-backed"
    # a region's adjective is its name: "Tigrayan forces" are the Tigray forces
    qualifiers = [w[:-2] if w.endswith("an") and len(w) >= 6 and w.isalpha() else w for w in qualifiers]
    if state or qualifiers or side.startswith(("pro-", "anti-")):
        return " ".join(p for p in (state, side, *qualifiers, branch) if p)
    # "the rebels", "militants": whose they are is said by the article, not by the words
    return " ".join(p for p in (side, branch) if p) + f" in {mention.article_id}"


_GOVERNMENT_HEADS = {"government", "governments", "regime", "junta", "administration", "leadership", "officials",
                     "military government", "authorities"}

#: The heads of a government that is an actor of its own beside its state: a junta, which seized the state.
_OWN_GOVERNMENT_HEADS = {"junta", "military government"}


@lru_cache(maxsize=1 << 16)
def _government_of(mention: Mention) -> tuple[str, str] | None:
    """(the state, the head) of a mention that names a state's government, or None."""
    if mention.entity_type != "State" or mention.rule != "ruler:state-body":
        return None
    state, rest = gazetteer.state_and_rest(mention.text)
    head = " ".join(w for w in rest.split() if w not in _GENERIC_WORDS)
    if not state:  # "the Assad regime": the government of the state its leader governs
        words = re.sub(r"^the\s+", "", mention.text, flags=re.I).split()
        for size in (2, 1):
            if len(words) > size and " ".join(words[-size:]).lower() in _GOVERNMENT_HEADS:
                state = cameo.leader_state(" ".join(words[:-size]))
                head = " ".join(words[-size:]).lower()
                break
    return (state, head) if state and head in _GOVERNMENT_HEADS else None


def _government(mention: Mention) -> str | None:
    """The state whose government a mention names ("Somalia's government", "the Syrian regime", "the Myanmar
    junta"), or None. A state's government, regime, officials and authorities act as the state: they are the state's
    actor (as the careful readers of the dev and seed gold read them); a junta is an actor of its own
    (:func:`_junta`)."""
    found = _government_of(mention)
    return found[0] if found else None


def _junta(mention: Mention) -> str | None:
    """The state whose junta (or military government) a mention names: an actor of its own, the state's (CAMEO
    XXXGOV), or None."""
    found = _government_of(mention)
    return found[0] if found and found[1] in _OWN_GOVERNMENT_HEADS else None


def _speaking_group(mention: Mention) -> bool:
    """A bare group that speaks for a side only its article gives: "officials", "residents", "witnesses"."""
    return mention.entity_type == "Group" and mention.rule == "lexicon:people-groups" \
        and mention.text.lower() in lexicon.load("speaking_groups")


def _variant_name(mention: Mention) -> str | None:
    """The name of the armed group a mention typed by :func:`kg.resolve.cameo.armed_group_variant` names, as the
    group's own name is keyed ("Fatah al-Sham": Jabhat Fateh al-Sham), or None."""
    if not mention.rule.endswith(cameo.VARIANT_RULE):
        return None
    variant = cameo.armed_group_variant(mention.text)
    if variant is None:
        return None
    entry = cameo.named(variant)
    return cameo.fold(entry.canonical) if entry is not None and entry.kind != "person" else variant


def _base_key(mention: Mention) -> str:
    junta = _junta(mention)
    if junta:
        return match_key(f"{junta} government")
    government = _government(mention)
    if government:
        return match_key(government)
    variant = _variant_name(mention)
    if variant is not None:
        return match_key(variant)
    identity = _armed_identity(mention)
    if identity is not None:
        return match_key(identity) + " #armed"
    entry = field_body(mention)
    if entry is not None:  # "ISIL" and "Daesh": one entry of the field's dictionaries
        return match_key(cameo.fold(entry.canonical))
    if _speaking_group(mention):
        return match_key(_canonical(mention)) + f" in {mention.article_id}"  # "officials": whose, the article says
    return match_key(_canonical(mention))


_ACRONYM_SKIP = {"of", "for", "the", "and", "on", "in", "to", "de", "al"}


def acronym(name: str) -> str:
    """The initials of a name's words, skipping small words: "Human Rights Watch" -> "HRW".

    >>> acronym("United Nations"), acronym("Organisation for the Prohibition of Chemical Weapons")
    ('UN', 'OPCW')
    """
    words = re.findall(r"[\w']+", name)
    return "".join(w[0].upper() for w in words if w.lower() not in _ACRONYM_SKIP)


#: the words between a name and another name of the same one: "Sajidullah, alias Sheena", "X, also known as Y"
_ALIAS_LINK = re.compile(r"^\s*[,(]?\s*(?:alias|also known as|aka|a\.k\.a\.?|better known as|nicknamed|known as"
                         r"|(?:(?:who )?(?:used|uses|using|went by|goes by|going by)|under) (?:the |a )?"
                         r"(?:false |fake )?(?:name|alias|pseudonym|nom de guerre)(?: of)?)\s*[\"“‘']?\s*$",
                         re.IGNORECASE)


def _bind_aliases(mentions: list[Mention], keys: dict[Mention, str], rules: dict[Mention, str]) -> dict[str, str]:
    """A name given as another's alias is that one: "Sajidullah, alias Sheena", "Abu Bakr al-Baghdadi, also known as
    Ibrahim Awad", "McVeigh used the name "Robert Kling""; so is every other use of it in the article. The alias
    takes the first name's type. Returns the keys bound: alias -> name."""
    defined: dict[str, tuple[str, str]] = {}
    for first, second in zip(mentions, mentions[1:], strict=False):
        sentence = first.sentence
        if second.sentence != sentence or first.entity_type == "Place":
            continue
        between = sentence.text[first.end - sentence.start : second.start - sentence.start]
        if _ALIAS_LINK.match(between):
            defined[keys[second]] = (keys[first], first.entity_type)
    for m in mentions:
        found = defined.get(keys[m])
        if found is not None and keys[m] != found[0]:
            keys[m], rules[m] = found[0], "resolution:alias"
    return {alias: name for alias, (name, _) in defined.items()}


def _may_abbreviate(short: str, name: str) -> bool:
    """Whether an acronym in brackets can stand for the name before it: any name of several words (the acronym may
    come from another language: "Kurdistan Workers' Party (PKK)"), but a one-word name only by its first letter
    (the model cut "Tehrik-i-Taliban Pakistan (TTP)" to "Pakistan (TTP)").

    >>> _may_abbreviate("RSF", "Rapid Support Forces"), _may_abbreviate("TTP", "Pakistan")
    (True, False)
    """
    words = re.findall(r"[\w']+", name)
    return len(words) > 1 or (bool(words) and short[:1].upper() == words[0][:1].upper())


def _is_acronym(text: str) -> bool:
    bare = text.replace(".", "")
    return 2 <= len(bare) <= 8 and bare.isalpha() and bare.isupper()


_NAMED_TYPES = {"Organization", "Media", "ArmedGroup"}


def resolve_in_article(mentions: Iterable[Mention]) -> dict[Mention, Actor]:
    """Group one article's mentions into actors.

    Within an article a mention is bound to a fuller name given there: a surname to the
    person's full name ("Razek"), an acronym to the name it abbreviates ("HRW", "U.N."),
    a shortened name to the longer one ("Security Council" -> "UN Security Council"),
    an unqualified armed force to the qualified one ("the army" -> "the Syrian army").
    Other mentions join by their name key. Each mention records the rule that bound it.
    """
    mentions = sorted(mentions, key=lambda m: (m.start, m.end))
    keys = {m: _base_key(m) for m in mentions}
    rules = {m: "resolution:name" for m in mentions}
    # a force the user's dictionary names ("Syrian army" -> Syrian Arab Army) takes along its generic synonyms
    listed = {armed_group_key(m.text): keys[m] for m in mentions
              if m.entity_type == "ArmedGroup" and m.canonical and armed_group_key(m.text)}
    for m in mentions:
        parts = armed_group_key(m.text) if m.entity_type == "ArmedGroup" and not m.canonical else None
        if parts in listed:
            keys[m], rules[m] = listed[parts], "resolution:dictionary-synonym"

    full_names: dict[str, str] = {}  # a person's last name -> the key of the longest full name
    shorter: dict[str, set[str]] = defaultdict(set)  # the end of a full name, or its given name -> full names
    for m in mentions:
        parts = keys[m].split()
        if m.entity_type == "Person" and len(parts) > 1 and len(keys[m]) > len(full_names.get(parts[-1], "")):
            full_names[parts[-1]] = keys[m]
        if m.entity_type == "Person" and len(parts) > 1:
            for i in range(1, len(parts)):
                shorter[" ".join(parts[i:])].add(keys[m])
            if len(parts[0]) > 3:
                shorter[parts[0]].add(keys[m])
    for m in mentions:  # "Musa Jibril" after "Ahmad Musa Jibril"; "Sewnet" after "Sewnet Wubalem"
        found = shorter.get(keys[m], set())
        if m.entity_type == "Person" and not m.canonical and len(found) == 1 and keys[m] not in full_names:
            keys[m], rules[m] = _longest(found, shorter), "resolution:part-of-name"
    _bind_brackets(mentions, keys, rules)
    aliases = _bind_aliases(mentions, keys, rules)
    for last, key in full_names.items():  # "Kling" (of "Robert Kling", McVeigh's alias): the man the alias names
        named_as = aliases.get(key, key)
        full_names[last] = full_names.get(named_as, named_as) if " " not in named_as else named_as
    own = {keys[m]: m for m in mentions if not keys[m].endswith("#armed")}
    short_named: dict[str, set[str]] | None = None  # made when a mention needs it (rarely)
    for m in mentions:  # "Observatorys", "Daeshs": a possessive whose apostrophe the text lost
        if m.text.endswith("s") and m.text[-2:-1].isalpha() and keys[m][:-1] in own \
                and own[keys[m][:-1]].entity_type != "Place" and not m.canonical:
            keys[m], rules[m] = keys[m][:-1], "resolution:stripped-possessive"
        elif (entry := _lost_possessive_body(m)) is not None:  # "Daeshs"
            keys[m], rules[m] = match_key(cameo.fold(entry.canonical)), "resolution:stripped-possessive"
        elif m.text.endswith("s") and m.entity_type in ("Organization", "Media") and not m.canonical \
                and len(longer := (short_named := short_named or _names_written(mentions, keys)).get(
                    keys[m][:-1], set())) == 1:
            # "the Observatorys chief" where the article names the Syrian Observatory for Human Rights;
            # "Washingtons plan" where it names Washington (the United States)
            keys[m], rules[m] = next(iter(longer)), "resolution:stripped-possessive"
    heads: dict[Mention, Mention] = {}  # a generic bound to the named group it heads or describes -> that group
    for named_group, generic in zip(mentions, mentions[1:], strict=False):  # "the M23 rebels", "Hamas militants"
        if generic.rule == "ruler:armed-group" and keys[generic].endswith("#armed") \
                and generic.start - named_group.end \
                <= 1 and named_group.entity_type in ("Organization", "ArmedGroup") \
                and not keys[named_group].endswith("#armed") and generic.sentence == named_group.sentence \
                and not (body_parts(generic.text) or ("x",))[0] \
                and not _a_states(named_group.text):  # "Syrias rebels": Syria's, a possessive's lost apostrophe
            keys[generic], rules[generic] = keys[named_group], "resolution:group-head"
            heads[generic] = named_group
    _bind_bare_bodies(mentions, keys, rules)
    heads.update(_bind_appositions(mentions, keys, rules))
    named = [m for m in mentions if m.entity_type in _NAMED_TYPES and not keys[m].endswith("#armed")]
    initials = {acronym(_canonical(m)): keys[m] for m in named if len(_canonical(m).split()) > 1}
    armed = [m for m in mentions if keys[m].endswith("#armed")]

    for m in mentions:
        key = keys[m]
        # a surname alone; a one-word name the model typed as something else only when that type is unsure
        if m.entity_type == "Person" or (len(key.split()) == 1 and m.entity_type in ("Organization", "Place")):
            if key in full_names and full_names[key] != key and not m.canonical:
                keys[m] = full_names[key]  # (an alias bound to a surname stays an alias: "Robert Kling" -> "McVeigh")
                rules[m] = "resolution:alias" if rules[m] == "resolution:alias" else "resolution:surname"
                continue
        if m.entity_type in _NAMED_TYPES and _is_acronym(m.text) and m.text.replace(".", "") in initials:
            keys[m], rules[m] = initials[m.text.replace(".", "")], "resolution:acronym"
            continue
        if m in named and len(key.split()) >= 2:
            longer = [o for o in named if o.entity_type == m.entity_type and len(keys[o]) > len(key)
                      and (keys[o].endswith(" " + key) or (m.entity_type == "Media" and keys[o].startswith(key + " ")))]
            if longer:
                keys[m], rules[m] = keys[min(longer, key=lambda o: abs(o.start - m.start))], "resolution:short-name"
                continue
        if m in armed and rules[m] == "resolution:name":
            state, side, branch = body_parts(m.text) or ("", "", "")
            if not state and (side or branch != "forces"):  # a bare "forces" could be anyone's
                qualified = [o for o in armed if (body_parts(o.text) or ("",))[0]
                             and body_parts(o.text)[1:] == (side, branch)]
                if not qualified and side == "government":  # "government forces" where one state's army is named
                    own = [o for o in armed if (body_parts(o.text) or ("",))[0] and body_parts(o.text)[1] in (
                        "", "government") and {body_parts(o.text)[2], branch} <= {"army", "forces"}]
                    qualified = own if len({keys[o] for o in own}) == 1 else []
                if qualified:
                    before = [o for o in qualified if o.start < m.start] or qualified
                    keys[m], rules[m] = keys[before[-1]], "resolution:armed-force-back-reference"
                    continue
            headed = {keys[o] for o in mentions if rules[o] == "resolution:group-head"
                      and _head_word(o.text) == _head_word(m.text)}
            if len(headed) == 1 and (_armed_identity(m) or "").endswith(f" in {m.article_id}"):
                # "the rebels" where the article calls one named group so ("the M23 rebels"): that group
                keys[m], rules[m] = headed.pop(), "resolution:generic-to-named-group"
                continue
            if not state and side in ("rebels", "jihadists", "terrorists") and not side.startswith("pro-"):
                # "the rebels" in an article that names one armed group outside the state's forces: that group
                nation = _nation_of(m.text)  # "Palestinian militants": a Palestinian group, if one is named
                groups_named = {keys[o] for o in mentions if ((o.entity_type == "ArmedGroup" and o not in armed
                                                               and rules[o] == "resolution:name"
                                                               and not o.rule.startswith("ruler:")
                                                               and not cameo.state_force(o.text))
                                                              or rules[o] == "resolution:group-head")
                                and (nation is None or _group_nation(o) in (None, nation))}
                if len(groups_named) == 1:
                    keys[m], rules[m] = groups_named.pop(), "resolution:generic-to-named-group"

    _bind_epithets(mentions, keys, rules)
    for generic, named_group in heads.items():  # the group's name as bound above ("AU troops": the African Union)
        keys[generic] = keys[named_group]
    groups: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        groups[keys[m]].append(m)
    resolved: dict[Mention, Actor] = {}
    for group in groups.values():
        # the actor is known by the names it is given, not by what was bound to it ("the rebels", "the army")
        own = [m for m in group if rules[m] in ("resolution:name", "resolution:dictionary-synonym")] or group
        actor = _actor(_readable_key(own), group, tuple(rules[m] for m in group))
        for m in group:
            resolved[m] = actor
    return resolved


def _epithets(text: str) -> list[str]:
    """The patronage epithets in ``text`` ("Kurdish-led", "US-backed"), lower-cased."""
    words = lexicon.load("patronage_words")
    return [w.lower() for w in re.findall(r"[\w.]+-\w+", text) if w.rsplit("-", 1)[1].lower() in words]


def _bind_epithets(mentions: list[Mention], keys: dict[Mention, str], rules: dict[Mention, str]) -> None:
    """A generic armed group qualified by a patronage epithet ("US-backed and Kurdish-led militias") is the one
    named group the article writes with that epithet ("the Kurdish-led Syrian Democratic Forces")."""
    written: dict[str, set[str]] = defaultdict(set)  # epithet -> keys of the named groups written after it
    for o in mentions:
        if o.entity_type in ("ArmedGroup", "Organization") and not keys[o].endswith("#armed") \
                and rules[o] == "resolution:name" and not o.rule.startswith("ruler:"):
            before = o.sentence.text[max(0, o.start - o.sentence.start - 40) : o.start - o.sentence.start].split()
            # "the Kurdish-led [Syrian Democratic Forces]", "[US-backed SDF]"
            for epithet in _epithets(" ".join(before[-2:])) + _epithets(o.text):
                written[epithet].add(keys[o])
    if not written:
        return
    for m in mentions:
        if keys[m].endswith("#armed") and rules[m] == "resolution:name":
            found = {k for e in _epithets(m.text) for k in written.get(e, ())}
            if len(found) == 1:
                keys[m], rules[m] = found.pop(), "resolution:generic-to-named-group"


def _nation_of(text: str) -> str | None:
    """The state a generic group's demonym names ("Palestinian militants": Palestine), or None."""
    for word in re.findall(r"[A-Z][\w]+", text):
        state = cameo.demonym_state(word)
        if state:
            return state
    return None


def _group_nation(mention: Mention) -> str | None:
    """The state a named group belongs to by its code in the field's dictionaries (Hamas, PSEREBHMS: Palestine;
    Hezbollah, LBNREB: Lebanon), or None where the dictionaries do not know it or code it by a region."""
    entry = field_body(mention)
    return cameo.state_of_code(entry.code[:3]) if entry is not None and len(entry.code) >= 3 else None


def _names_written(mentions: list[Mention], keys: Mapping[Mention, str]) -> dict[str, set[str]]:
    """The keys of an article's actors by the names it writes them with: a name as written ("Washington", bound to
    the United States) and a long name's short forms ("observatory" of the Syrian Observatory for Human Rights)."""
    found: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        if m.entity_type in ("Organization", "Media"):
            for form in short_forms(name_key(m.text)):
                found[match_key(form)].add(keys[m])
        if m.entity_type != "Place" and len(m.text) > 3:
            found[match_key(name_key(m.text))].add(keys[m])
    return found


def _lost_possessive_body(mention: Mention) -> cameo.Entry | None:
    """The body of the field's dictionaries a name the model found is (three words at most), with a possessive's
    "s" whose apostrophe the text lost ("Daeshs", "Al Qaedas"), or None."""
    if mention.text.count(" ") > 2 or mention.canonical or not mention.rule.startswith("ner:") \
            or mention.entity_type not in ("Person", "Organization", "Place"):
        return None
    return cameo.possessive_body(mention.text)


def _head_word(text: str) -> str:
    """The last word of a group's name, lower case and singular: "insurgent" of "the IS insurgents"."""
    words = text.lower().split()
    return words[-1].removesuffix("s") if words else ""


#: Rules that bind a generic noun to a named actor ("rebels" of "the M23 rebels"): the noun is not one of its names.
_BOUND_GENERIC = {"resolution:group-head", "resolution:generic-to-named-group", "resolution:armed-force-back-reference",
                  "resolution:apposition", "resolution:described-body"}


def _description_words(text: str) -> set[str]:
    """The words of a body's name or description that say what it is, lower case: not its kind of body
    (``body_descriptions.txt``), a state or people, where it sits ("Britain-based") or small words.

    >>> sorted(_description_words("a U.S.-based human rights group")), sorted(_description_words("Human Rights Watch"))
    (['human', 'rights'], ['human', 'rights', 'watch'])
    """
    words = {w for w in re.split(r"[^\w.]+", text.lower()) if len(w) > 2}
    return {w for w in words if w not in lexicon.load("body_descriptions") and w not in _DESCRIPTION_SKIP
            and not gazetteer.state_name(w) and not w.endswith(".")}


#: words of a description that do not say what a body is
_DESCRIPTION_SKIP = {"based", "local", "main", "the", "and", "for", "monitoring", "international", "national",
                     "leading", "prominent", "independent", "activist", "activists", "war", "pro", "anti"}


def bind_descriptions(described: Mapping[Mention, Actor], actors: Mapping[Mention, Actor],
                      speakers: Iterable[tuple[Mention, Actor]]) -> dict[Mention, Actor]:
    """Unnamed bodies described as they speak ("a human rights group said", "the civil defence group said"; the
    heads of ``body_descriptions.txt``) are a named non-governmental body that speaks in the article and whose name
    shares a word of what it is ("a human rights group said" ... "the Syrian Network for Human Rights said"; a
    "monitoring group" may be any of several, and no word says which): a description with "a" introduces one, the
    first named after it, never one named before ("the UN mission MONUSCO said" ... "a local civil society group
    said"); another refers back to the last named before it, else to the first after it. Returns each description's
    mention -> that body's actor, and the body's other mentions -> the same actor, which now holds the descriptions
    too (``resolution:described-body``; they are not its names); empty where no such body speaks."""
    heads = lexicon.load("body_descriptions")
    found = [m for m in described if m.text.lower().split()[-1:] and m.text.lower().split()[-1] in heads]
    if not found:
        return {}
    descriptions = {a.key for a in described.values()}
    bodies = sorted(((m.start, a) for m, a in speakers if a.entity_type == "Organization"
                     and a.key not in descriptions and (not a.code or a.code.startswith("NGO"))),
                    key=lambda pair: pair[0])
    if not bodies:
        return {}
    bound: dict[str, tuple[Actor, list[Mention]]] = {}
    for m in found:
        words = _description_words(m.text)
        named = [(start, a) for start, a in bodies if words & _description_words(a.label)]
        after = [a for start, a in named if start > m.start]
        before = [a for start, a in named if start < m.start]
        introduced = m.sentence.text[: m.start - m.sentence.start].lower().split()[-1:] in (["a"], ["an"])
        for body in after[:1] if introduced else before[-1:] or after[:1]:
            bound.setdefault(body.key, (body, []))[1].append(m)
    result: dict[Mention, Actor] = {}
    for key, (body, descriptions_of) in bound.items():
        holder = replace(body, mentions=body.mentions + tuple(descriptions_of),
                         mention_rules=body.mention_rules + ("resolution:described-body",) * len(descriptions_of))
        result.update({m: holder for m, a in actors.items() if a.key == key})
        result.update({m: holder for m in descriptions_of})
    return result


#: a description set beside a name: "Syria's National Defense Forces, a pro-Assad militia, ..."
_APPOSITION = re.compile(r"\s*,\s*(?:an?\s+|the\s+)\s*$", re.IGNORECASE)


#: a description's second noun sharing its determiner, up to the phrase's end: "Hezbollah, the Iranian-backed militia
#: and political Lebanese group, fired" (not a list of parties: "Hamas, the army and police, ...")
_COORDINATED_DESCRIPTION = re.compile(r"and (?!(?:the|a|an|its|their|his|her)\b)(?:[\w-]+ ){0,3}"
                                      r"(?:group|movement|organi[sz]ation|party|faction|network|outfit)\s*[,.;)]",
                                      re.IGNORECASE)


def _bind_appositions(mentions: list[Mention], keys: dict[Mention, str],
                      rules: dict[Mention, str]) -> dict[Mention, Mention]:
    """A generic force set beside a named group as its description is that group: "Syria's National Defense Forces,
    a pro-Assad militia, ..."; with "the", only where the description closes its phrase (", the Iranian-backed
    militia, fired ...": not a list, "Hamas, the army and the police"), or where a second noun of the description
    shares its determiner (", the Iranian-backed militia and political Lebanese group, fired ..."). Returns the
    descriptions bound -> the named group."""
    bound: dict[Mention, Mention] = {}
    for first, second in zip(mentions, mentions[1:], strict=False):
        sentence = first.sentence
        if second.sentence != sentence or second.rule not in ("ruler:armed-group", "ruler:patronage") \
                or second.entity_type != "ArmedGroup" or first.rule in ("ruler:armed-group", "ruler:patronage") \
                or first.entity_type not in ("Organization", "ArmedGroup"):
            continue
        between = sentence.text[first.end - sentence.start : second.start - sentence.start]
        after = sentence.text[second.end - sentence.start :].lstrip(" ")
        match = _APPOSITION.fullmatch(between)
        if match is None or not (after[:1] in (",", ".", ")", ";") and not after.startswith((", and", ", or"))
                                 or _COORDINATED_DESCRIPTION.match(after)):
            continue
        keys[second], rules[second] = keys[first], "resolution:apposition"
        bound[second] = first
    return bound


def _bind_bare_bodies(mentions: list[Mention], keys: dict[Mention, str], rules: dict[Mention, str]) -> None:
    """A state's body named without its state ("the security services", "the health ministry") is the one the
    article names with its state ("Britain's security services") when it names one (else it is known in its
    article only: :func:`_armed_identity`)."""
    bodies = [m for m in mentions if m.rule == "ruler:state-body" and m.entity_type == "Organization"
              and not m.canonical]
    named: dict[str, set[str]] = defaultdict(set)
    parts = {m: gazetteer.state_and_rest(m.text) for m in bodies}
    for m in bodies:
        state, rest = parts[m]
        if state:
            named[rest].add(keys[m])
    for m in bodies:
        state, rest = parts[m]
        if not state and rules[m] == "resolution:name" and len(named[rest]) == 1:
            keys[m], rules[m] = next(iter(named[rest])), "resolution:armed-force-back-reference"


def _longest(keys: set[str], shorter: Mapping[str, set[str]]) -> str:
    """The fullest of the names a part of a name stands for (they are one person when one contains the others)."""
    return max(keys, key=lambda k: (len(k.split()), k))


def _bind_brackets(mentions: list[Mention], keys: dict[Mention, str], rules: dict[Mention, str]) -> None:
    """An acronym in brackets right after a name is that name: "Rapid Support Forces (RSF)", "South Sudan army
    (SPLA)"; so is every other use of it in the article."""
    defined: dict[str, str] = {}
    for first, second in zip(mentions, mentions[1:], strict=False):
        sentence = first.sentence
        if second.sentence != sentence or not _is_acronym(second.text) or first.entity_type in ("Place", "Person"):
            continue
        between = sentence.text[first.end - sentence.start : second.start - sentence.start]
        after = sentence.text[second.end - sentence.start : second.end - sentence.start + 1]
        before = sentence.text[: first.start - sentence.start].split()[-1:]
        if before and before[0][:1].isupper() and first.rule.startswith("ruler:"):
            continue  # "the so-called Free Syria Army (FSA)" read as "Syria Army": the acronym is of a longer name
        if between.strip() == "(" and after == ")" and _may_abbreviate(second.text, first.text):
            defined[second.text.replace(".", "")] = keys[first]
    for m in mentions:
        key = defined.get(m.text.replace(".", ""))
        if key is not None and keys[m] != key:
            keys[m], rules[m] = key, "resolution:bracket-acronym"


def _a_states(text: str) -> bool:
    """A state's name, or its possessive with the apostrophe lost ("Syrias").

    >>> _a_states("Syrias"), _a_states("Syria"), _a_states("Hamas")
    (True, True, False)
    """
    return bool(gazetteer.state_name(text) or text.endswith("s") and gazetteer.state_name(text[:-1]))


def _actor(key: str, group: list[Mention], rules: tuple[str, ...] = ()) -> Actor:
    # a body known by its acronym has the type of its spelled-out name ("RSF" after "Rapid Support Forces (RSF)")
    # (nor does a description bound to it vote: "the Britain-based monitor" of the Syrian Observatory)
    spelled_out = [m for m, r in zip(group, rules or ("",) * len(group), strict=True)
                   if r not in ("resolution:acronym", "resolution:bracket-acronym", "resolution:described-body")]
    types = Counter(m.entity_type for m in (spelled_out if len(spelled_out) < len(group) else group) or group)
    entity_type = min(types, key=lambda t: (-types[t], _TYPE_PRIORITY.index(t)))
    # nor is an alias the name it goes by ("Robert Kling", the name McVeigh used)
    named = [m for m, r in zip(group, rules or ("",) * len(group), strict=True)
             if r not in _BOUND_GENERIC and r != "resolution:alias"]
    # "the M23 rebels": a group the text calls an armed one (a state is never one, whatever one article says)
    armed_by_head = "resolution:group-head" in rules and entity_type not in ("State", "Person", "Place", "Media")
    if armed_by_head:
        entity_type = "ArmedGroup"
        named = [m for m in named if m.entity_type in ("Organization", "ArmedGroup")]
    names = Counter(_canonical(m) for m in named if m.entity_type == entity_type or armed_by_head)
    if not names:
        names = Counter(_canonical(m) for m in group if m.entity_type == entity_type)
    if entity_type == "Person":  # the fullest form of the name
        label = min(names, key=lambda n: (-len(n.split()), -names[n], n))
    else:  # the most used form (case aside, and spelled out rather than an acronym), then the fullest
        folded = Counter()
        for n, count in names.items():
            folded[n.casefold()] += count
        spelled = [n for n in names if not _is_acronym(n)] or list(names)
        best = min(spelled, key=lambda n: (-folded[n.casefold()], -len(n.split()), n.casefold()))
        variants = [n for n in names if n.casefold() == best.casefold()]
        label = min(variants, key=lambda n: (-names[n], sum(c.isupper() for c in n), n))
    # a generic noun bound to the actor ("the army" after "Sudan's army") refers to it but is not one of its names
    bound = {m for m, r in zip(group, rules or ("",) * len(group), strict=True) if r in _BOUND_GENERIC}
    aliases = tuple(sorted(({m.text for m in group if m not in bound} | set(names)) - {label}))
    return Actor(key=key, label=label, entity_type=entity_type, aliases=aliases, mentions=tuple(group),
                 mention_rules=rules or tuple("resolution:name" for _ in group),
                 code=actor_code(group, entity_type, label))


#: CAMEO sector codes of a state's bodies by their branch or head word.
_BRANCH_CODES = {"army": "MIL", "navy": "MIL", "air force": "MIL", "forces": "MIL", "security forces": "MIL",
                 "police": "COP", "government": "GOV", "intelligence": "SPY", "security services": "SPY"}


def actor_code(group: list[Mention], entity_type: str, label: str) -> str:
    """The CAMEO actor code of an actor, as the field's dictionaries code it: a state ("SYR"), its government
    ("SYRGOV") and forces ("SYRMIL", police "SYRCOP"), a body they list ("IGOUNO", "SOMREB"), a generic side
    ("REB"); "" where none applies.

    >>> s = Sentence("a", 0, 9, "")
    >>> actor_code([Mention("a", 0, 5, "Syria", "State", "ner:GPE", s, 0.8)], "State", "Syria")
    'SYR'
    >>> military = Mention("a", 0, 14, "Congo's military", "ArmedGroup", "ruler:state-body", s, 0.7)
    >>> actor_code([military], "ArmedGroup", "x")
    'CODMIL'
    """
    found: Counter[str] = Counter()
    for m in group:
        entry = field_body(m)
        government = _government(m)
        if entry is not None:
            found[entry.code] += 1
        elif government:
            code = cameo.state_code(government)
            if code:
                found[code + ("GOV" if _junta(m) else "")] += 1
        elif m.entity_type == "State":
            code = cameo.state_code(_canonical(m))
            if code:
                found[code] += 1
        elif (state := cameo.state_force(m.text)) and cameo.state_code(state):
            found[cameo.state_code(state) + "MIL"] += 1  # "the Syrian Arab Army": SYRMIL
        elif m.rule == "ruler:state-body" and (body := _body_sector(m.text)):
            state, sector = body
            found[cameo.state_code(state) + sector] += 1  # "the Iraqi parliament": IRQLEG
        elif m.entity_type in ("ArmedGroup", "Organization") and m.rule.startswith("ruler:"):
            parts = body_parts(m.text)
            if parts is not None:
                state, side, branch = parts
                code = cameo.state_code(state) if state else ""
                sector = {"rebels": "REB", "jihadists": "REB", "terrorists": "REB", "government": "MIL"}.get(
                    side, "") if not side.startswith(("pro-", "anti-")) else ""
                sector = sector or _BRANCH_CODES.get(branch, "")
                if (code or sector) and not (code and not sector):
                    found[(code or "") + sector] += 1
    if not found and entity_type == "Person":
        entry = cameo.named(label)
        if entry is not None and entry.kind == "person":
            found[entry.code] += 1
    # the most specific code: "SYRMIL" from "the Syrian army" over "MIL" from "the army" bound to it
    return min(found, key=lambda c: (-len(c), -found[c], c)) if found else ""


#: CAMEO sectors of a state's legislature and courts by their head word (``state_bodies.txt`` names them).
_BODY_SECTORS = {"parliament": "LEG", "legislature": "LEG", "senate": "LEG", "congress": "LEG", "lawmakers": "LEG",
                 "supreme court": "JUD", "constitutional court": "JUD", "high court": "JUD", "judiciary": "JUD"}


def _body_sector(text: str) -> tuple[str, str] | None:
    """(the state, the CAMEO sector) of a state's legislature or court named with the state ("the Iraqi
    parliament", "Russia's Supreme Court"), or None."""
    state, rest = gazetteer.state_and_rest(text)
    head = " ".join(w for w in rest.lower().split() if w not in _GENERIC_WORDS)
    return (state, _BODY_SECTORS[head]) if state and head in _BODY_SECTORS and cameo.state_code(state) else None


def _readable_key(group: list[Mention]) -> str:
    """The identity of a group of mentions: the readable key of its fullest name (ties: alphabetical)."""
    listed = {name_key(m.canonical) for m in group if m.canonical}
    if listed:  # the user's dictionary names it
        return min(listed)
    keys = set()
    for m in group:
        identity = _armed_identity(m)
        entry = field_body(m)
        if junta := _junta(m):
            keys.add(name_key(f"{junta} government"))
        elif government := _government(m):
            keys.add(name_key(government))
        elif identity:
            keys.add(name_key(identity + " armed group"))
        elif _speaking_group(m):
            keys.add(name_key(f"{_canonical(m)} in {m.article_id}"))
        elif (lost := _lost_possessive_body(m)) is not None:
            keys.add(name_key(cameo.fold(lost.canonical)))
        elif (variant := _variant_name(m)) is not None:
            keys.add(name_key(variant))
        else:
            keys.add(name_key(cameo.fold(entry.canonical) if entry is not None else _canonical(m)))
    return min(keys, key=lambda k: (-len(k.split()), -len(k), k))


def leaders_of(affiliations: Iterable[tuple[Affiliation, Mapping[Mention, Actor]]]) -> dict[str, str]:
    """Surname match key of each head of state or government -> the state, from roles such as "Syrian President".

    A surname claimed by two states is left out.
    """
    found: dict[str, set[str]] = defaultdict(set)
    for affiliation, local in affiliations:
        member, org = local.get(affiliation.member), local.get(affiliation.organization)
        if member and org and member.entity_type == "Person" and org.entity_type == "State" \
                and lexicon.load_mapping("roles").get(affiliation.role) == "leader":
            found[match_key(member.key).split()[-1]].add(org.label)
    return {surname: next(iter(states)) for surname, states in found.items() if len(states) == 1}


#: Words after the name of a body in an unnamed speaker's phrase: "the Islamic State group", "Daesh terrorist group".
_BODY_TAILS = {"group", "groups", "terrorist", "terrorists", "militant", "militants", "jihadist", "jihadists",
               "organization", "organisation", "movement", "faction", "fighters", "network"}


def body_within(text: str) -> cameo.Entry | None:
    """The body of the field's dictionaries an unnamed speaker's phrase names with a qualifier or a generic tail,
    or None.

    >>> body_within("Takfiri ISIL group").canonical, body_within("the Islamic State [IS] group").canonical
    ('the islamic state', 'the islamic state')
    >>> body_within("a local civil society group") is None
    True
    """
    words = re.sub(r"\[[^\]]*\]|\([^)]*\)", " ", text).split()  # a bracket's acronym: "Islamic State [IS] group"
    while words and words[-1].lower() in _BODY_TAILS:
        words.pop()
    for k in range(min(3, len(words))):  # leading qualifiers: "Takfiri", "the so-called"
        entry = cameo.named(" ".join(words[k:]))
        if entry is not None and entry.kind != "person":
            return entry
    return None


def _merge_key(actor: Actor) -> str:
    """The key under which article-level actors meet: their key's :func:`match_key`, the body's for an unnamed
    speaker whose phrase names one ("the Islamic State group said")."""
    if actor.mentions and all(m.rule == "statement:unnamed-speaker" for m in actor.mentions) \
            and actor.entity_type in ("Organization", "ArmedGroup", "Media"):
        entry = body_within(actor.label)
        if entry is not None:
            return match_key(cameo.fold(entry.canonical))
    return match_key(actor.key)


def _local(group: list[Actor]) -> bool:
    """Whether the actors are one article's own (a generic group or an unnamed speaker: "rebels in ARTICLE")."""
    return any(f" in {name_key(m.article_id)}" in name_key(a.key) for a in group for m in a.mentions[:1])


#: Nouns too common to stand alone for the one long name they head ("the Council", "the Ministry").
_GENERIC_BODY_NOUNS = {"ministry", "council", "committee", "commission", "agency", "office", "court", "department",
                       "organization", "organisation", "union", "front", "army", "forces", "force", "group",
                       "movement", "party", "government", "authority", "authorities", "board", "bureau", "center",
                       "centre", "institute", "service", "services", "network", "coalition", "alliance", "league"}


def short_forms(key: str) -> list[str]:
    """The short forms of a long name's key: the words before its first "for", "of" or "on" (two at least), and
    the last of them where it is no common noun of bodies.

    >>> short_forms("syrian observatory for human rights")
    ['syrian observatory', 'observatory']
    >>> short_forms("council of europe"), short_forms("international committee of the red cross")
    ([], ['international committee'])
    """
    words = key.split()
    cut = next((i for i, w in enumerate(words) if w in ("for", "of", "on")), None)
    if cut is None or cut < 2 or cut == len(words) - 1:
        return []
    forms = [" ".join(words[:cut])]
    if words[cut - 1] not in _GENERIC_BODY_NOUNS:
        forms.append(words[cut - 1])
    return forms


def merge_actors(actors: Iterable[Actor], leaders: Mapping[str, str] | None = None) -> dict[str, Actor]:
    """Merge article-level actors into one actor each across articles.

    Actors meet when their keys match (spelling variants included), when a surname or an
    acronym used alone in one article is the unambiguous short form of a full name given in
    another, and when "pro-X forces" name the forces of the state whose leader X is
    (``leaders``, from :func:`leaders_of`). Returns ``{article-level key: merged actor}``.
    """
    actors = list(actors)
    groups: dict[str, list[Actor]] = defaultdict(list)
    for actor in actors:
        groups[_merge_key(actor)].append(actor)
    parent = {k: k for k in groups}

    def find(k: str) -> str:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    def union(short: str, full: str) -> None:
        a, b = find(short), find(full)
        if a != b:
            parent[a] = b

    surnames: dict[str, set[str]] = defaultdict(set)
    initials: dict[str, set[str]] = defaultdict(set)
    for k, group in groups.items():
        kind = group[0].entity_type
        words = k.split()
        if kind == "Person" and len(words) > 1:
            surnames[words[-1]].add(k)
        elif kind in _NAMED_TYPES and len(group[0].label.split()) > 1:
            initials[acronym(group[0].label)].add(k)
            for alias in {alias for a in group for alias in a.aliases if _is_acronym(alias)}:
                initials[alias.replace(".", "")].add(k)  # defined in brackets: "Rapid Support Forces (RSF)"
    for k, group in groups.items():  # "Francois Hollandes government", "Observatorys", "TRT Worlds": a possessive
        stem = groups.get(k[:-1]) if k.endswith("s") else None  # whose apostrophe was lost
        if stem and not _local(group) and not _local(stem) and (
                group[0].entity_type == stem[0].entity_type == "Person" and len(k.split()) >= 2
                or {group[0].entity_type, stem[0].entity_type} <= {"Organization", "Media"} and len(k) > 4):
            union(k, k[:-1])
    for keys in initials.values():  # "Syrian Obervatory for Human Rights": a misspelling of a long name
        named_keys = sorted(k for k in keys if not _local(groups[k]))  # never "rebels in article 1" and "... 2"
        for a, b in itertools.combinations(named_keys, 2):
            if len(a.split()) == len(b.split()) >= 3 and SequenceMatcher(None, a, b).ratio() >= 0.9:
                union(a, b)
    for k, group in groups.items():
        kind = group[0].entity_type
        if kind == "Person" and len(k.split()) == 1 and len(surnames.get(k, ())) == 1:
            union(k, next(iter(surnames[k])))
        label = next((a.label for a in group if _is_acronym(a.label)), group[0].label)  # "SOHR" beside "Sohr"
        if kind in _NAMED_TYPES and (_is_acronym(label) or _is_acronym(label[:-1])
                                     and label.endswith("s")):  # "SOHRs": a possessive's lost apostrophe
            bare = label.replace(".", "")
            full = initials.get(bare, set()) or (initials.get(bare[:-1], set()) if bare.endswith("s") else set())
            if len({find(f) for f in full}) == 1:  # one actor, whatever its spellings
                union(k, next(iter(full)))
    long_names: dict[str, set[str]] = defaultdict(set)  # a short form -> the long names it shortens
    for k, group in groups.items():
        if group[0].entity_type in ("Organization", "Media"):
            for form in short_forms(name_key(group[0].key)):
                long_names[match_key(form)].add(k)
    ends: dict[str, set[str]] = defaultdict(set)  # the last words (three at least) of a name -> the longer names
    for k, group in groups.items():
        if group[0].entity_type in ("Organization", "Media"):
            words = k.split()
            for i in range(1, len(words) - 2):  # "Health Ministry" could be any state's: never two words alone
                ends[" ".join(words[i:])].add(k)
    for k, group in groups.items():  # "Observatory for Human Rights": the end of one longer name
        if group[0].entity_type in ("Organization", "Media") and len({find(o) for o in ends.get(k, ())}) == 1 \
                and not _local(group):
            union(k, next(iter(ends[k])))
    for k, group in groups.items():  # "the Observatory", "Syrian Observatory": the Syrian Observatory for Human Rights
        longer = long_names.get(k, ()) or (  # "the Observatorys chief": a possessive whose apostrophe was lost
            long_names.get(k[:-1], ()) if k.endswith("s") and group[0].entity_type in ("Organization", "Media")
            else ())
        if len(longer) == 1 and group[0].entity_type not in ("State", "ArmedGroup") and not _local(group):
            union(k, next(iter(longer)))
    for k, group in list(groups.items()):  # a government's forces may be added to ``groups`` on the way
        parts = next((armed_group_key(m.text) for a in group for m in a.mentions
                      if m.entity_type == "ArmedGroup" and armed_group_key(m.text)), None)
        if parts and parts[1].startswith("pro-") and leaders and parts[1][4:] in leaders:
            government = match_key(f"{leaders[parts[1][4:]]} government {parts[2]}") + " armed group"
            groups.setdefault(government, [])
            parent.setdefault(government, government)
            union(k, government)

    clusters: dict[str, list[Actor]] = defaultdict(list)
    for k, group in groups.items():
        clusters[find(k)].extend(group)
    merged: dict[str, Actor] = {}
    for _, group in sorted(clusters.items()):
        if not group:
            continue
        mentions = [m for a in group for m in a.mentions]
        local = {a.key for a in group if _local([a])}  # "islamic state is group in ARTICLE": not the key of all
        key = min({a.key for a in group}, key=lambda k: (k in local, -len(k.split()), -len(k), k))
        if mentions:
            actor = _actor(key, mentions, tuple(r for a in group for r in a.mention_rules))
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


def merged_rules(local: Mapping[Mention, Actor], merged: Mapping[str, Actor]) -> dict[Mention, str]:
    """The mentions whose article-level actor was merged with another article's, marked as such."""
    return {m: "resolution:across-articles" for m, a in local.items()
            if merged[a.key].key != a.key and match_key(merged[a.key].key) != match_key(a.key)}
