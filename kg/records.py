"""The records that flow between the stages of a build.

    articles -> nlp docs -> mentions -> actors -> claims/events -> RDF -> analysis -> HTML

Every record is a frozen dataclass with domain field names. Character offsets
(``start``, ``end``) are Unicode code points into ``Article.text``, end exclusive.
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: Actor classes of the ontology (``ckg:Person`` ...), plus ``Place`` for locations.
ACTOR_TYPES = ("Person", "State", "ArmedGroup", "Organization", "Media", "Group")
ENTITY_TYPES = ACTOR_TYPES + ("Place",)


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
    confidence: float = 0.7
    canonical: str = ""  # the name a user's actor dictionary gives it, if any


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
    confidence: float = 0.6
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
    confidence: float = 0.7


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
    confidence: float = 0.6


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
    confidence: float = 0.6


@dataclass(frozen=True)
class Casualty:
    """A casualty figure as reported: normalised count, qualifier, the text, killed or injured."""

    count: int
    qualifier: str
    text: str
    kind: str  # "killed" or "injured"


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
    time: object | None  # kg.timex.ResolvedTime
    casualties: tuple[Casualty, ...]
    reported_by: Mention | None
    sentence: Sentence
    rule: str
    confidence: float = 0.6
