"""A user's actor dictionary: canonical names, aliases, types and external identifiers.

Event-data coders (CAMEO, ICEWS, Phoenix) keep hand-made actor dictionaries; ``kg build
--actors FILE`` reads one so that the names a user knows are found, typed and labelled the
way the user wants, and linked to Wikidata, GeoNames and the like (``owl:sameAs``).

CSV (``.csv``, or ``.tsv`` separated by tabs)
    A header line, then one actor per line::

        name,type,aliases,same_as
        Bashar al-Assad,person,Assad|Bashar Assad|President Assad,http://www.wikidata.org/entity/Q44329
        United Nations,igo,UN|U.N.,http://www.wikidata.org/entity/Q1065

    * Column names are case-insensitive; ``name`` and ``type`` are required, ``aliases``
      and ``same_as`` optional (``alias`` and ``sameAs`` are accepted too). An ``id``
      column and any other column are ignored, unless its name looks like a misspelt
      known column, which is an error.
    * ``aliases`` and ``same_as`` hold several values separated by ``|``.
    * ``type`` is one of Person, State, ArmedGroup, Organization, Media, Group, Place
      (case-insensitive), or a synonym: country, armed group, militia, military, org,
      organisation, IGO, NGO, outlet, individual, location (see :data:`TYPE_SYNONYMS`).
    * ``same_as`` holds absolute IRIs. A Wikidata page address
      (``https://www.wikidata.org/wiki/Q858``) is rewritten to the item's concept IRI
      (``http://www.wikidata.org/entity/Q858``).
    * Cells are separated by commas (or by semicolons or tabs, when the header line uses
      them); a value holding the separator is quoted (``"Assad, Bashar"``), and no value
      spans two lines. The file is UTF-8, with or without a byte-order mark. Empty lines
      and lines whose first cell starts with ``#`` are skipped.

Turtle (``.ttl``)
    Resources typed with one of the classes ``ckg:Person``, ``ckg:State``,
    ``ckg:ArmedGroup``, ``ckg:Organization``, ``ckg:Media``, ``ckg:Group`` or
    ``ckg:Place``; the name is the ``skos:prefLabel`` (or, without one, the
    ``rdfs:label``), the aliases are every ``skos:altLabel`` and ``skos:hiddenLabel``
    and the labels in other languages, and ``owl:sameAs`` gives the external IRIs::

        @prefix ckg:  <https://w3id.org/conflict-kg/ontology#> .
        @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
        @prefix owl:  <http://www.w3.org/2002/07/owl#> .
        @prefix wd:   <http://www.wikidata.org/entity/> .
        @prefix :     <https://example.org/actors/> .

        :assad a ckg:Person ;
            skos:prefLabel "Bashar al-Assad"@en ;
            skos:altLabel "Assad"@en , "Bashar Assad"@en ;
            owl:sameAs wd:Q44329 .

    The resource's own IRI (``:assad``) only names the entry inside the file: the
    actor's IRI is minted from its name (:func:`entry_key`), and what it is the same as
    is said with ``owl:sameAs``. An entry's line is the line where its resource first
    appears.

Matching (:meth:`ActorDictionary.lookup`) compares names folded by :func:`fold`: case,
accents, curly and straight apostrophes, dots ("U.N." is "UN"), a leading "the" and a
trailing possessive "'s" do not matter. A folded name may belong to one entry only, and
two entries may not name the same actor or the same external IRI: each of these is a
:class:`DictionaryError` naming both lines.
"""

from __future__ import annotations

import csv
import difflib
import io
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pyoxigraph
import rdflib
from rdflib.term import BNode, Literal, URIRef

from kg.errors import KGError
from kg.rdf.namespaces import CKG, OWL, RDF, RDFS, SKOS
from kg.records import ENTITY_TYPES, Actor
from kg.resolve.actors import match_key, name_key

__all__ = [
    "ActorDictionary", "DictionaryEntry", "DictionaryError", "TYPE_SYNONYMS", "entry_key", "fold", "load_dictionary",
]

#: spellings accepted in the ``type`` column of a CSV dictionary (compared lower-cased, with
#: runs of spaces, ``-`` and ``_`` read as one space), besides the type names themselves
TYPE_SYNONYMS: dict[str, str] = {
    "person": "Person", "individual": "Person",
    "state": "State", "country": "State",
    "armed group": "ArmedGroup", "armedgroup": "ArmedGroup", "militia": "ArmedGroup", "military": "ArmedGroup",
    "organization": "Organization", "organisation": "Organization", "org": "Organization",
    "igo": "Organization", "ngo": "Organization",
    "media": "Media", "outlet": "Media", "news outlet": "Media",
    "group": "Group",
    "place": "Place", "location": "Place",
}

SEPARATOR = "|"  # between the values of the aliases and same_as cells
CSV_COLUMNS = ("name", "type", "aliases", "same_as")
_COLUMN_SYNONYMS = {"alias": "aliases", "sameas": "same_as", "owl:sameas": "same_as"}
_IGNORED_COLUMNS = ("id",)
_EXTENSIONS = {".csv": "csv", ".tsv": "csv", ".ttl": "turtle", ".turtle": "turtle"}
_CLASSES = {CKG[t]: t for t in ENTITY_TYPES}
_WIKIDATA = re.compile(r"https?://(?:www\.|m\.)?wikidata\.org/(?:wiki|entity)/([QPL][1-9]\d*)", re.I)
_WIKIDATA_ENTITY = "http://www.wikidata.org/entity/"
# schemes whose IRIs carry no "//" authority; any other "scheme:rest" without "//" is likely a prefixed name
_OPAQUE_SCHEMES = {"urn", "mailto", "tag", "info", "doi", "geo", "data", "tel", "isbn"}


class DictionaryError(KGError):
    """An actor dictionary that cannot be used: the message names the file and line, the bad value and the fix."""


@dataclass(frozen=True)
class DictionaryEntry:
    """One actor (or place) of a user's dictionary."""

    name: str  # canonical name: becomes the actor's preferred label
    entity_type: str  # one of kg.records.ENTITY_TYPES
    aliases: tuple[str, ...] = ()
    same_as: tuple[str, ...] = ()  # external IRIs (Wikidata, GeoNames ...), absolute
    origin: str = ""  # "file:line" where the entry was defined

    def __post_init__(self) -> None:
        where = f"{self.origin}: " if self.origin else ""
        if not fold(self.name):
            raise DictionaryError(f"{where}the entry's name {self.name!r} is empty: give the actor's name")
        if self.entity_type not in ENTITY_TYPES:
            raise DictionaryError(
                f"{where}type {self.entity_type!r} of {self.name!r} is not one of {', '.join(ENTITY_TYPES)}"
            )

    @property
    def surfaces(self) -> tuple[str, ...]:
        """The canonical name and the aliases, each once, in order."""
        return tuple(dict.fromkeys((self.name, *self.aliases)))


@dataclass(frozen=True)
class ActorDictionary:
    """The entries of one or more dictionary files, indexed by folded name.

    Building one checks that no folded name or alias, no actor key and no external IRI
    is claimed by two entries; to combine files, build one from both files' entries:
    ``ActorDictionary(a.entries + b.entries)``.
    """

    entries: tuple[DictionaryEntry, ...] = ()
    _index: dict[str, DictionaryEntry] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "entries", tuple(self.entries))
        object.__setattr__(self, "_index", _index(self.entries))

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[DictionaryEntry]:
        return iter(self.entries)

    def lookup(self, surface: str) -> DictionaryEntry | None:
        """The entry whose name or alias is ``surface`` once folded (:func:`fold`), or None.

        >>> d = ActorDictionary((DictionaryEntry("United Nations", "Organization", ("UN",)),))
        >>> d.lookup("the U.N.'s").name
        'United Nations'
        >>> d.lookup("UNSC") is None
        True
        """
        return self._index.get(fold(surface))

    def names(self) -> Iterator[tuple[str, DictionaryEntry]]:
        """Every surface form with its entry: each entry's canonical name, then its aliases, in file order.

        For building a spaCy ``PhraseMatcher`` or ``EntityRuler``; forms that differ only
        in folding ("UN", "U.N.") are all listed, since they tokenize differently.
        """
        for entry in self.entries:
            for surface in entry.surfaces:
                yield surface, entry


def fold(surface: str) -> str:
    """The form under which dictionary names match.

    Case, accents, curly and straight apostrophes, dots, a leading "the" and a trailing
    possessive "'s" are folded; other punctuation (hyphens, commas) reads as a space.

    >>> fold("the U.N.'s")
    'un'
    >>> fold("Bashar al-Ja’afari") == fold("BASHAR AL JA'AFARI")
    True
    >>> fold("  Élysée ")
    'elysee'
    """
    text = unicodedata.normalize("NFKD", surface)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = text.replace(".", "")
    text = re.sub(r"['’‘`´ʼʹ′]", "'", text)
    text = re.sub(r"'s?\s*$", "", text)  # possessive: "Assad's", "rebels'"
    text = text.replace("'", "")
    text = re.sub(r"[^\w&]+|_+", " ", text).strip()
    return re.sub(r"^the (?=\S)", "", text)


def entry_key(entry: DictionaryEntry) -> str:
    """The resolver's key for an entry: :func:`kg.resolve.actors.name_key` of its name, so mentions of that name
    merge with it.

    >>> entry_key(DictionaryEntry("Bashar al-Assad", "Person"))
    'bashar assad'
    """
    return name_key(entry.name)


def load_dictionary(path: str | Path) -> ActorDictionary:
    """Read an actor dictionary from a CSV (``.csv``, ``.tsv``) or Turtle (``.ttl``) file.

    Raises :class:`DictionaryError` for a missing or unreadable file, an unknown format,
    a bad line or resource, or two entries claiming one name.
    """
    path = Path(path)
    kind = _EXTENSIONS.get(path.suffix.lower())
    if path.is_dir():
        raise DictionaryError(f"actor dictionary {str(path)!r} is a folder: give a .csv or .ttl file")
    if not path.exists():
        raise DictionaryError(f"actor dictionary {str(path)!r} does not exist: check the path given to --actors")
    if kind is None:
        shown = repr(path.suffix) if path.suffix else "no extension"
        raise DictionaryError(
            f"actor dictionary {str(path)!r} has {shown}: give a .csv (or .tsv) file with columns "
            f"{','.join(CSV_COLUMNS)}, or a Turtle file (.ttl)"
        )
    text = _read_text(path)
    if not text.strip():
        raise DictionaryError(
            f"actor dictionary {str(path)!r} is empty: " + (
                f"give a header line `{','.join(CSV_COLUMNS)}` and one actor per line" if kind == "csv"
                else "give resources typed ckg:Person, ckg:State ... with a skos:prefLabel"
            )
        )
    entries = _read_csv(path, text) if kind == "csv" else _read_turtle(path, text)
    if not entries:
        raise DictionaryError(
            f"actor dictionary {str(path)!r} holds no entry: " + (
                "add one actor per line under the header" if kind == "csv"
                else f"type each actor with one of {', '.join('ckg:' + t for t in ENTITY_TYPES)}"
            )
        )
    return ActorDictionary(tuple(entries))


# ---------------------------------------------------------------------------
# reading


def _read_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise DictionaryError(f"actor dictionary {str(path)!r} cannot be read: {error.strerror or error}") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise DictionaryError(
            f"{path}:{line}: byte {error.start} (0x{data[error.start]:02x}) is not valid UTF-8: "
            "re-save the file as UTF-8"
        ) from None


def _read_csv(path: Path, text: str) -> list[DictionaryEntry]:
    lines = text.splitlines()
    header_line = next((line for line in lines if line.strip() and not line.lstrip().startswith("#")), "")
    if path.suffix.lower() == ".tsv":
        delimiter = "\t"
    else:
        delimiter = max(",;\t", key=header_line.count) if any(c in header_line for c in ",;\t") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows = _rows(path, reader)
    try:
        line, _, header = next(rows)
    except StopIteration:  # only comments
        return []
    columns = _columns(path, line, header)
    entries = []
    for line, end, row in rows:
        origin = f"{path}:{line}"
        if any("\n" in cell or "\r" in cell for cell in row):
            raise DictionaryError(
                f"{origin}: a quoted value runs from line {line} to line {end}: a quote (\") is not closed; "
                "close it, or double a quote inside a value (\"\")"
            )
        if len(row) > len(header):
            raise DictionaryError(
                f"{origin}: the row has {len(row)} cells but the header has {len(header)}: quote a value "
                f"that holds {_shown_delimiter(delimiter)} (e.g. \"Assad{delimiter} Bashar\"), or add the column "
                "to the header"
            )
        cell = {name: row[index].strip() if index < len(row) else "" for name, index in columns.items()}
        entries.append(_entry(origin, cell["name"], cell["type"], cell.get("aliases", ""), cell.get("same_as", "")))
    return entries


def _shown_delimiter(delimiter: str) -> str:
    return {"\t": "a tab", ",": "a comma", ";": "a semicolon"}.get(delimiter, repr(delimiter))


def _rows(path: Path, reader: Any) -> Iterator[tuple[int, int, list[str]]]:
    """The rows that are neither empty nor comments, each with the lines it starts and ends on."""
    start = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise DictionaryError(f"{path}:{start}: CSV syntax error: {error}; fix the row") from None
        line, start = start, reader.line_num + 1
        if not any(cell.strip() for cell in row) or row[0].lstrip().startswith("#"):
            continue
        yield line, start - 1, row


def _columns(path: Path, line: int, header: list[str]) -> dict[str, int]:
    """The index of each known column; unknown columns are ignored unless they look like a misspelt known one."""
    shown = ", ".join(repr(c.strip()) for c in header if c.strip()) or "none"
    columns: dict[str, int] = {}
    for index, raw in enumerate(header):
        name = re.sub(r"[\s-]+", "_", raw.strip().lower())
        name = _COLUMN_SYNONYMS.get(name, name)
        if name in CSV_COLUMNS:
            if name in columns:
                raise DictionaryError(
                    f"{path}:{line}: the header has two {name!r} columns (its columns are: {shown}); keep one"
                )
            columns[name] = index
        elif name and name not in _IGNORED_COLUMNS:
            close = difflib.get_close_matches(name, CSV_COLUMNS, n=1, cutoff=0.75)
            if close:
                raise DictionaryError(
                    f"{path}:{line}: unknown column {raw.strip()!r}: did you mean {close[0]!r}? "
                    f"The columns are {', '.join(CSV_COLUMNS)}"
                )
    missing = [name for name in ("name", "type") if name not in columns]
    if missing:
        what = " and ".join(repr(m) for m in missing) + (" columns" if len(missing) > 1 else " column")
        raise DictionaryError(
            f"{path}:{line}: the CSV header has no {what} (its columns are: {shown}); the first line must "
            f"name the columns {','.join(CSV_COLUMNS)} (aliases and same_as are optional)"
        )
    return columns


def _entry(origin: str, name: str, type_value: str, aliases: str, same_as: str) -> DictionaryEntry:
    """A CSV row's entry, its values checked."""
    name = _clean(name)
    if not fold(name):
        what = "is empty" if not name else f"{name!r} holds no letter or digit"
        raise DictionaryError(f"{origin}: the name {what}: give the actor's name in the 'name' column")
    return DictionaryEntry(
        name=name,
        entity_type=_entity_type(origin, name, type_value),
        aliases=_aliases(origin, name, aliases.split(SEPARATOR)),
        same_as=tuple(dict.fromkeys(_iri(origin, name, v) for v in same_as.split(SEPARATOR) if v.strip())),
        origin=origin,
    )


def _clean(text: str) -> str:
    return " ".join(text.split())


def _entity_type(origin: str, name: str, value: str) -> str:
    key = re.sub(r"[\s_-]+", " ", value.strip().lower()).removeprefix("ckg:")
    if key in TYPE_SYNONYMS:
        return TYPE_SYNONYMS[key]
    synonyms = ", ".join(s for s in TYPE_SYNONYMS if s not in {t.lower() for t in ENTITY_TYPES})
    what = f"type {value.strip()!r}" if value.strip() else "no type"
    raise DictionaryError(
        f"{origin}: {what} for {name!r}: give one of {', '.join(ENTITY_TYPES)} "
        f"(case does not matter; also accepted: {synonyms})"
    )


def _aliases(origin: str, name: str, values: Iterable[str]) -> tuple[str, ...]:
    aliases: dict[str, None] = {}
    for raw in values:
        alias = _clean(raw)
        if not alias:
            continue
        if not fold(alias):
            raise DictionaryError(
                f"{origin}: alias {raw.strip()!r} of {name!r} holds no letter or digit: remove it"
            )
        if alias != name:
            aliases[alias] = None
    return tuple(aliases)


def _iri(origin: str, name: str, value: str) -> str:
    """An external identifier checked as an absolute IRI; a Wikidata page address becomes the item's IRI."""
    value = value.strip()
    wikidata = _WIKIDATA.fullmatch(value)
    if wikidata:
        return _WIKIDATA_ENTITY + wikidata.group(1).upper()
    hint = "write an absolute IRI such as http://www.wikidata.org/entity/Q858"
    if re.fullmatch(r"(?:wd:)?[QP][1-9]\d*", value, re.I):
        qid = value.rsplit(":", 1)[-1].upper()
        raise DictionaryError(
            f"{origin}: same_as {value!r} of {name!r} is a Wikidata id, not an IRI: write {_WIKIDATA_ENTITY}{qid}"
        )
    try:
        pyoxigraph.NamedNode(value)
    except ValueError as error:
        raise DictionaryError(f"{origin}: same_as {value!r} of {name!r} is not a valid IRI ({error}): {hint}") from None
    scheme, rest = value.split(":", 1)
    if scheme.lower() == "file":
        raise DictionaryError(f"{origin}: same_as {value!r} of {name!r} is a local file, not an identifier: {hint}")
    if scheme.lower() in {"http", "https"} and not urlsplit(value).netloc:
        raise DictionaryError(f"{origin}: same_as {value!r} of {name!r} has no host: {hint}")
    if scheme.lower() not in _OPAQUE_SCHEMES and not rest.startswith("//"):
        raise DictionaryError(
            f"{origin}: same_as {value!r} of {name!r} looks like a prefixed name, not an IRI: {hint}"
        )
    return value


# ---------------------------------------------------------------------------
# Turtle


def _read_turtle(path: Path, text: str) -> list[DictionaryEntry]:
    graph = rdflib.Graph()
    try:
        graph.parse(data=text, format="turtle", publicID=path.resolve().as_uri())
    except Exception as error:  # rdflib raises BadSyntax and a few plain exceptions: one line, never a traceback
        raise DictionaryError(f"{_syntax_message(path, error)}; fix the Turtle syntax") from None
    typed = {s for cls in _CLASSES for s in graph.subjects(RDF.type, cls)}
    for subject in sorted(set(graph.subjects(RDF.type, CKG.Actor)) - typed, key=str):
        raise DictionaryError(
            f"{_origin(path, text, graph, subject)}: {_shown(graph, subject)} is a ckg:Actor of no kind: type it "
            f"with one of {', '.join('ckg:' + t for t in ENTITY_TYPES)}"
        )
    entries = [_turtle_entry(path, text, graph, subject) for subject in typed]
    return sorted(entries, key=lambda e: (_line_number(e.origin), e.name))


def _syntax_message(path: Path, error: Exception) -> str:
    why, line = getattr(error, "_why", None), getattr(error, "lines", None)
    if isinstance(why, str) and isinstance(line, int):  # rdflib's BadSyntax
        source, at = getattr(error, "_str", b""), getattr(error, "_i", None)
        near = ""
        if isinstance(source, bytes) and isinstance(at, int):
            snippet = source[at:].decode("utf-8", "replace").split("\n", 1)[0].strip()[:40]
            near = f" near {snippet!r}" if snippet else ""
        return f"{path}:{line + 1}: broken Turtle: {why}{near}"
    first = next((ln.strip() for ln in str(error).splitlines() if ln.strip()), type(error).__name__)
    return f"{path}: broken Turtle: {first}"


def _turtle_entry(path: Path, text: str, graph: rdflib.Graph, subject: URIRef | BNode) -> DictionaryEntry:
    origin = _origin(path, text, graph, subject)
    shown = _shown(graph, subject)
    classes = sorted(_CLASSES[c] for c in graph.objects(subject, RDF.type) if c in _CLASSES)
    if len(classes) > 1:
        raise DictionaryError(
            f"{origin}: {shown} is typed {' and '.join('ckg:' + c for c in classes)}: give it one type"
        )
    preferred = _labels(origin, shown, graph, subject, SKOS.prefLabel)
    plain = _labels(origin, shown, graph, subject, RDFS.label)
    main = preferred or plain
    if not main:
        raise DictionaryError(f"{origin}: {shown} has no skos:prefLabel: add `skos:prefLabel \"Its name\"@en`")
    by_language: dict[str, list[Literal]] = {}
    for label in main:
        by_language.setdefault((label.language or "").lower(), []).append(label)
    for language, labels in by_language.items():
        if len({_clean(str(label)) for label in labels}) > 1:
            prop = "skos:prefLabel" if preferred else "rdfs:label"
            names = " and ".join(repr(n) for n in sorted({_clean(str(label)) for label in labels}))
            raise DictionaryError(
                f"{origin}: {shown} has two {prop} {f'in @{language}' if language else 'without a language'} "
                f"({names}): keep one and make the other a skos:altLabel"
            )
    name = _clean(str(min(main, key=_label_order)))
    if not fold(name):
        raise DictionaryError(f"{origin}: the name of {shown} is {name!r}: give the actor's name as its prefLabel")
    others = [*main, *(plain if preferred else [])]
    others += _labels(origin, shown, graph, subject, SKOS.altLabel) + _labels(
        origin, shown, graph, subject, SKOS.hiddenLabel
    )
    aliases = _aliases(origin, name, (str(label) for label in sorted(others, key=_label_order)))
    same_as = []
    for value in graph.objects(subject, OWL.sameAs):
        if not isinstance(value, URIRef):
            kind = "a literal" if isinstance(value, Literal) else "a blank node"
            raise DictionaryError(
                f"{origin}: owl:sameAs {str(value)!r} of {shown} is {kind}: give an IRI, e.g. "
                f"<{_WIKIDATA_ENTITY}Q858> or wd:Q858 with `@prefix wd: <{_WIKIDATA_ENTITY}>`"
            )
        base = path.resolve().parent.as_uri() + "/"
        if str(value).startswith(base):  # a relative IRI, resolved against the file's own location
            raise DictionaryError(
                f"{origin}: owl:sameAs <{str(value)[len(base):]}> of {shown} is a relative IRI: give an absolute "
                f"IRI, e.g. <{_WIKIDATA_ENTITY}Q858> or wd:Q858 with `@prefix wd: <{_WIKIDATA_ENTITY}>`"
            )
        same_as.append(_iri(origin, name, str(value)))
    return DictionaryEntry(name, classes[0], aliases, tuple(sorted(set(same_as))), origin)


def _labels(origin: str, shown: str, graph: rdflib.Graph, subject: URIRef | BNode, prop: URIRef) -> list[Literal]:
    labels = []
    for value in graph.objects(subject, prop):
        if not isinstance(value, Literal):
            raise DictionaryError(
                f"{origin}: {graph.namespace_manager.normalizeUri(prop)} of {shown} is {value.n3()}, not a string: "
                'write the name in quotes, e.g. "Bashar al-Assad"@en'
            )
        labels.append(value)
    return labels


def _label_order(label: Literal) -> tuple[int, str, str]:
    """English first, then no language, then the other languages."""
    language = (label.language or "").lower()
    rank = 0 if language == "en" or language.startswith("en-") else 1 if not language else 2
    return rank, language, str(label)


def _shown(graph: rdflib.Graph, subject: URIRef | BNode) -> str:
    if isinstance(subject, BNode):
        return "a blank node"
    try:
        return graph.namespace_manager.normalizeUri(subject)
    except Exception:  # a prefix rdflib cannot shorten to
        return subject.n3()


def _origin(path: Path, text: str, graph: rdflib.Graph, subject: URIRef | BNode) -> str:
    line = _turtle_line(text, graph, subject)
    return f"{path}:{line}" if line else str(path)


def _turtle_line(text: str, graph: rdflib.Graph, subject: URIRef | BNode) -> int | None:
    """The line where a resource first appears as written, preferring a line it starts (the subject of a block)."""
    if not isinstance(subject, URIRef):
        return None
    iri = str(subject)
    forms = [f"<{iri}>"]
    for prefix, namespace in graph.namespaces():
        if iri.startswith(str(namespace)) and len(iri) > len(str(namespace)):
            forms.append(f"{prefix}:{iri[len(str(namespace)):]}")
    found: list[tuple[bool, int]] = []
    for form in forms:
        pattern = r"(?<![\w:.-])" + re.escape(form) + r"(?![\w:-]|\.[\w:-])"
        for match in re.finditer(pattern, text):
            line_start = text.rfind("\n", 0, match.start()) + 1
            starts_line = not text[line_start:match.start()].strip()
            found.append((not starts_line, text.count("\n", 0, match.start()) + 1))
    return min(found)[1] if found else None


def _line_number(origin: str) -> int:
    tail = origin.rsplit(":", 1)[-1]
    return int(tail) if tail.isdigit() else 0


# ---------------------------------------------------------------------------
# conflicts


def _index(entries: Iterable[DictionaryEntry]) -> dict[str, DictionaryEntry]:
    """Folded name -> entry; raises :class:`DictionaryError` when two entries claim a name, an actor or an IRI."""
    index: dict[str, DictionaryEntry] = {}
    keys: dict[str, DictionaryEntry] = {}
    iris: dict[str, DictionaryEntry] = {}
    for entry in entries:
        for surface in entry.surfaces:
            folded = fold(surface)
            other = index.setdefault(folded, entry)
            if other is not entry:
                what = "name" if surface == entry.name else "alias"
                same = "" if folded == surface else f" (both read as {folded!r})"
                raise DictionaryError(
                    f"{_where(entry)}: the {what} {surface!r} of {entry.name!r} is already a name of {other.name!r} "
                    f"({_where(other)}){same}: a name or alias can belong to one entry only; remove it from one of "
                    "the two entries, or merge them"
                )
        key = match_key(entry_key(entry))
        other = keys.setdefault(key, entry)
        if other is not entry:
            raise DictionaryError(
                f"{_where(entry)}: {entry.name!r} and {other.name!r} ({_where(other)}) would be one actor: names that "
                "differ only in case, accents, apostrophes, punctuation, al-/el- or doubled letters are merged; merge "
                "the two entries (one as an alias of the other)"
            )
        for iri in entry.same_as:
            other = iris.setdefault(iri, entry)
            if other is not entry:
                raise DictionaryError(
                    f"{_where(entry)}: {entry.name!r} and {other.name!r} ({_where(other)}) are both the same as "
                    f"<{iri}>: merge the two entries, or correct the identifier of one"
                )
    return index


def _where(entry: DictionaryEntry) -> str:
    return entry.origin or f"entry {entry.name!r}"


def with_dictionary(merged: dict[str, Actor], dictionary: ActorDictionary) -> dict[str, Actor]:
    """Give each actor the dictionary's aliases and external identifiers where it lists the actor."""
    updated: dict[int, Actor] = {}
    for actor in merged.values():
        if id(actor) in updated:
            continue
        entry = dictionary.lookup(actor.label)
        if entry is None:
            updated[id(actor)] = actor
            continue
        aliases = tuple(sorted(set(actor.aliases) | (set(entry.aliases) - {actor.label})))
        updated[id(actor)] = replace(actor, same_as=entry.same_as, aliases=aliases)
    return {key: updated[id(actor)] for key, actor in merged.items()}
