"""The records that flow between the stages of a build.

    articles -> nlp docs -> mentions -> actors -> claims/events -> RDF -> analysis -> HTML

Every record is a frozen dataclass with domain field names. Character offsets
(``start``, ``end``) are Unicode code points into ``Article.text``, end exclusive.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field
from typing import Any

#: Actor classes of the ontology (``ckg:Person`` ...), plus ``Place`` for locations.
ACTOR_TYPES = ("Person", "State", "ArmedGroup", "Organization", "Media", "Group")
ENTITY_TYPES = ACTOR_TYPES + ("Place",)
#: A node of the actor network: an actor's IRI.
Node = Hashable


@dataclass(frozen=True)
class Article:
    """One news article as read from a file or a record.

    ``text`` is the article's full text; for a ``.txt`` file it is the whole decoded
    content, whose first line is also the title. ``boilerplate`` lists the
    ``(start, end)`` ranges of ``text`` that are not reporting (share buttons, photo
    captions and credits, "(More: ...)" links): no fact is taken from them.
    """

    article_id: str
    text: str
    title: str = ""
    date: str | None = None  # ISO 8601 date (YYYY-MM-DD) of publication
    source: str | None = None  # the outlet that published it
    url: str | None = None
    origin: str = ""  # where it was read: "path" or "path:line"
    boilerplate: tuple[tuple[int, int], ...] = ()

    def in_boilerplate(self, start: int, end: int) -> bool:
        """True when the span ``[start, end)`` overlaps a boilerplate range."""
        return any(start < b_end and b_start < end for b_start, b_end in self.boilerplate)


@dataclass(frozen=True)
class Problem:
    """A piece of input that could not be used (or only in part), and why."""

    origin: str  # the file, or "file:line" for a record in a JSONL or CSV file
    reason: str
    skipped: bool = True  # False: the article was built all the same (a field ignored, a doubtful encoding)

    def __str__(self) -> str:
        return f"{self.origin}: {self.reason}"


@dataclass(frozen=True)
class Sentence:
    article_id: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Mention:
    """A name in the text that refers to an actor or a place."""

    article_id: str
    start: int
    end: int
    text: str
    entity_type: str  # one of ENTITY_TYPES
    rule: str  # the rule that found it, e.g. "ner:PERSON"
    sentence: Sentence
    confidence: float
    canonical: str = ""  # the name a user's actor dictionary gives it, if any

    def __hash__(self) -> int:
        # where it is in which article, and by which rule: mentions equal in these are almost always equal, and
        # hashing them is a third of the cost of hashing every field (mentions are keys of the busiest dicts)
        return hash((self.article_id, self.start, self.end, self.rule))


@dataclass(frozen=True)
class Actor:
    """An actor or a place, resolved from one or more mentions.

    ``key`` is the stable identity the IRI is minted from; ``label`` the preferred
    name; ``aliases`` every other surface form seen.
    """

    key: str
    label: str
    entity_type: str
    aliases: tuple[str, ...] = ()
    same_as: tuple[str, ...] = ()  # external IRIs (Wikidata, GeoNames ...)
    coordinates: tuple[float, float] | None = None  # latitude, longitude of a place
    code: str = ""  # its CAMEO actor code ("SYR", "SYRMIL", "IGOUNO", "SOMREB") where the field gives one
    mentions: tuple[Mention, ...] = field(default=(), compare=False, repr=False)
    mention_rules: tuple[str, ...] = field(default=(), compare=False, repr=False)  # how each mention was bound

    @property
    def is_place(self) -> bool:
        return self.entity_type == "Place"


@dataclass(frozen=True)
class Statement:
    """Someone said something: speaker, reporting cue and what was said."""

    article_id: str
    speaker: Actor
    speaker_mention: Mention
    cue: str  # the reporting verb or phrase as written ("said", "told", "according to")
    cue_lemma: str
    cue_start: int  # offset of the cue: one content can be reported by two cues
    content: str  # what was said
    start: int  # span of the content in the article's text
    end: int
    sentence: Sentence
    direct: bool  # a direct quote
    rule: str
    confidence: float
    channel: Mention | None = None  # who it was said to: "told the Al-Arabiya television network"
    reported_by: Mention | None = None  # who relayed it: "was quoted by Channel 10"


@dataclass(frozen=True)
class Affiliation:
    """A person or armed group tied to a state or organisation, in a role where one is named."""

    article_id: str
    member: Mention
    organization: Mention
    role: str  # "ambassador", "president", "" for a bare affiliation ("Assad's security forces")
    sentence: Sentence
    rule: str
    confidence: float


@dataclass(frozen=True)
class Allegation:
    """An accuser says an accused party did something wrong (``act``)."""

    article_id: str
    accuser: Mention
    accused: tuple[Mention, ...]
    act: str  # what the accused is said to have done, as written
    act_type: str | None  # an id of the event-type scheme ("chemical-attack") when recognised
    cue: str
    cue_start: int
    start: int  # span of the act in the article's text
    end: int
    sentence: Sentence
    rule: str
    confidence: float
    # the text tells the act as having happened and alleges only who did it ("blamed the RSF for the attack", "said
    # Russia was behind the strike"), rather than the act itself as the accuser's claim ("accused X of shelling")
    act_as_fact: bool = False


@dataclass(frozen=True)
class Denial:
    """A denier denies an allegation, defending a party."""

    article_id: str
    denier: Mention
    defended: tuple[Mention, ...]
    act_type: str | None  # the kind of act denied, when the denial names one ("denied using chemical weapons")
    cue: str
    cue_start: int
    start: int  # span of what is denied
    end: int
    sentence: Sentence
    rule: str
    confidence: float


@dataclass(frozen=True)
class Casualty:
    """A casualty figure as reported: normalised count, qualifier, the text, killed or injured."""

    count: int
    qualifier: str
    text: str
    kind: str  # "killed" or "injured"


@dataclass(frozen=True)
class ResolvedTime:
    """A time expression and the day or period it denotes (ISO dates).

    >>> ResolvedTime("2011", None, "year", "2011-01-01", "2011-12-31").granularity
    'year'
    """

    expression: str  # as written, e.g. "on Monday", "last May", "February 4"
    date: str | None  # ISO YYYY-MM-DD when it resolves to one day, else None
    granularity: str  # "day", "week", "month", "year" or "unresolved"
    start: str | None = None  # ISO first day of the period (the day itself for a day)
    end: str | None = None  # ISO last day of the period


@dataclass(frozen=True)
class Event:
    """Something reported as having happened, with its participants, place, time and casualties."""

    article_id: str
    event_type: str  # an id of the event-type scheme
    cue: str
    cue_start: int
    start: int  # span of the event's clause in the article's text
    end: int
    agents: tuple[Mention, ...]
    targets: tuple[Mention, ...]
    victims: tuple[Mention, ...]
    places: tuple[Mention, ...]
    time: object | None  # kg.extract.times.ResolvedTime
    casualties: tuple[Casualty, ...]
    reported_by: Mention | None
    sentence: Sentence
    rule: str
    confidence: float


@dataclass(frozen=True)
class ArticleExtraction:
    """Everything extracted from one article, before cross-article resolution (what the extraction cache keeps)."""

    article: Article
    mentions: tuple[Mention, ...]
    local_actors: dict[Mention, Actor]
    statements: tuple[Statement, ...]
    affiliations: tuple[Affiliation, ...]
    allegations: tuple[Allegation, ...]
    denials: tuple[Denial, ...]
    events: tuple[Event, ...]
    publisher: Actor | None
    failure: str = ""  # why the extractors failed on this article (a bug of kg): it is kept without findings


@dataclass(frozen=True)
class ResolvedArticle:
    """One article's findings bound to the corpus: each mention to the actor resolved across articles
    (``actor_of``, and the rule that bound it in ``resolved_by``), each denial to the allegations it answers (their
    IRIs), and only the findings whose parties are still actors (what resolved to a place across the corpus neither
    speaks, accuses nor denies)."""

    article: Article
    mentions: tuple[Mention, ...]
    actor_of: dict[Mention, Actor]
    resolved_by: dict[Mention, str]
    publisher: Actor | None
    statements: tuple[Statement, ...]
    affiliations: tuple[Affiliation, ...]
    allegations: tuple[Allegation, ...]
    denials: tuple[tuple[Denial, tuple[str, ...]], ...]
    events: tuple[Event, ...]

    def rules(self) -> set[str]:
        """Every rule that found or bound something in the article."""
        found = {m.rule for m in self.mentions} | set(self.resolved_by.values())
        for records in (self.statements, self.affiliations, self.allegations, [d for d, _ in self.denials],
                        self.events):
            found.update(r.rule for r in records)
        return found


@dataclass(frozen=True)
class Camp:
    """A camp of actors (structural balance) and the camps it stands against (negative relations across)."""

    number: int
    members: tuple[Node, ...]
    opposes: tuple[int, ...]
    allied: tuple[int, ...] = ()  # camps it has positive relations with across parts (rare: frustrated)


@dataclass(frozen=True)
class Analysis:
    """The analysis of the actor network: each measure of :data:`kg.analysis.measures.MEASURES` by its name,
    ``{actor: value}`` each, and the network-wide figures."""

    measures: dict[str, dict[Node, Any]]
    mutual: list[tuple[Node, Node, int, int]]  # pairs that accuse each other, with how often each way
    camps: tuple[Camp, ...]
    frustrated: dict[frozenset[Node], int]  # signed pairs the camps leave frustrated, with their weight
    signed_pairs: int  # pairs of actors in camps with a positive or negative balance of relations
    overall_reciprocity: float | None
    actors: int = 0
    relations: dict[str, int] = field(default_factory=dict)  # relation -> edges
    camp_relations: tuple[int, int] = (0, 0)  # signed relations between actors in camps: explained, contradicted

    @property
    def balance(self) -> float | None:
        """The share of signed pairs the camps explain (1.0: perfectly balanced)."""
        return None if not self.signed_pairs else 1 - len(self.frustrated) / self.signed_pairs


@dataclass(frozen=True)
class CodedEvent(Event):
    """An event coded by the CAMEO verb dictionary: its ``event_type`` is the scheme's type for ``cameo`` (the type
    whose code is the longest prefix of it), and ``cameo`` the code the verb and its pattern gave ("0311", "195")."""

    cameo: str = ""
