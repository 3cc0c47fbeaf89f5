"""The plain records that flow between pipeline stages. All frozen; all offsets index ``Article.text``."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date


@dataclass(frozen=True)
class Article:
    """One input article after loading: cleaned text plus what is known about it.

    ``published`` is ``None`` until :func:`geotimeline.temporal.estimate_published` fills it;
    ``published_estimated`` says whether it came from the text rather than from the user.
    """

    id: str
    text: str
    title: str = ""
    source: str = ""
    path: str = ""
    published: date | None = None
    published_precision: str = "day"  # day | month | year: how far the date is certain
    published_estimated: bool = False
    published_note: str = ""  # how the date was known or estimated, and how sure
    focus: str = ""  # where the user says this article's news is (replaces the focus setting)


@dataclass(frozen=True)
class Toponym:
    """A place-name span. ``kind`` is ``literal`` ("in Iraq") or ``demonym`` ("Iraqi forces")."""

    start: int
    end: int
    text: str
    kind: str = "literal"
    source: str = "ner"  # ner | gazetteer | pattern


@dataclass(frozen=True)
class GazetteerEntry:
    """One gazetteer row. ``feature`` is one of: city, admin1, country, continent, region, or a
    physical kind (sea, strait, desert, peninsula, valley, river, mountains, gulf, lake, ...)."""

    id: str
    name: str
    lat: float
    lon: float
    feature: str
    country_code: str = ""
    admin1: str = ""
    population: int = 0
    source: str = "geonames"
    names: int = 0  # how many names its source knows it by, in every language: how widely it is known

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Place:
    """A toponym resolved to a gazetteer entry, with the score and the runner-up candidates."""

    toponym: Toponym
    entry: GazetteerEntry
    score: float
    why: str = ""
    alternatives: tuple[tuple[str, str, float], ...] = ()  # (gazetteer id, name, score)

    @property
    def start(self) -> int:
        return self.toponym.start

    @property
    def end(self) -> int:
        return self.toponym.end


@dataclass(frozen=True)
class DateMention:
    """A temporal expression: TimeML type and TIMEX3 value, plus the interval it denotes.

    ``date_start``/``date_end`` are inclusive days (``None`` for durations and sets, and for
    references such as "now" that have no useful interval).
    """

    start: int
    end: int
    text: str
    type: str  # DATE | TIME | DURATION | SET
    value: str  # TIMEX3 value, e.g. 2017-03-07, 2017-03, 2019, P8M, PRESENT_REF
    date_start: date | None = None
    date_end: date | None = None
    precision: str = ""  # day | week | weekend | month | season | quarter | half | year | decade | century
    mod: str = ""  # TIMEX3 mod: START | MID | END | APPROX ...
    anchored: bool = False  # True when resolved relative to the publication date or another date


@dataclass(frozen=True)
class Clause:
    """A predicate in a parsed sentence: a verb, or a noun naming an occurrence ("the attack").

    ``mood`` says whether the text reports it as happening: ``actual`` (happened or is
    happening), ``scheduled`` (will happen), ``habitual`` (present simple: generic or habitual;
    with a calendar date it is scheduled), ``generic`` (what usually happens: "usually", "often"),
    ``hypothetical`` (may, could, if, hopes to ...), ``negated``, ``opinion`` (believe, worry ...),
    ``report`` (said, told ...) or ``state`` (be, have, live, remain ...).
    """

    start: int  # the predicate word
    end: int
    lemma: str
    mood: str
    what: str = ""  # the predicate with its subject and object, as written
    actors: tuple[str, ...] = ()
    nominal: bool = False
    category: str = ""  # coarse kind of happening (attack, fire, crime, meeting ...), for merging
    embedded: str = ""  # the link that puts it inside another clause (ccomp: reported; advcl: subordinate; relcl, acl: describing a noun); "" when told outright
    present: bool = False  # told in the present ("fighters are flowing"): of now, not of a date told before


@dataclass(frozen=True)
class Anchor:
    """Where a place or a date attaches in its sentence's parse.

    ``clause`` indexes the sentence's clauses (-1: none). ``role`` for a place is ``locative``
    ("in X", "near X", "X's outskirts"), ``object`` ("retook X", "the bombing of X"), ``patient``
    ("X fell", "X was shelled"), ``actor`` ("X said"), ``home`` ("US officials", "a woman from
    X"), ``topic`` ("relations with X") or ``other``; for a date it is ``time``. ``chain`` lists
    the clauses it sits in, innermost first, through links that share their time (conjoined
    verbs, infinitives, a noun inside a verb's arguments), not through reported or subordinate
    clauses.
    """

    start: int
    end: int
    clause: int
    role: str
    chain: tuple[int, ...] = ()


@dataclass(frozen=True)
class Reading:
    """What the dependency parse says of one sentence: its clauses and where its places and dates attach."""

    start: int
    end: int
    clauses: tuple[Clause, ...] = ()
    anchors: tuple[Anchor, ...] = ()

    def anchor(self, start: int, end: int) -> Anchor | None:
        return next((a for a in self.anchors if a.start == start and a.end == end), None)


@dataclass(frozen=True)
class Event:
    """A place and a date tied by a sentence of an article.

    ``kind`` is ``event`` when the text reports something happening at that place at that time,
    ``mention`` when the place and the date only share a sentence (kept, shown on request).
    """

    id: str
    article_id: str
    place: Place
    date: DateMention | None
    date_start: date | None
    date_end: date | None
    precision: str
    date_source: str  # sentence | context | published | manual
    sentence_start: int
    sentence_end: int
    sentence: str
    corrected: str = ""  # what a corrections file changed ("place pinned in corrections.toml", ...)
    kind: str = "event"  # event (an occurrence at that place and time) | mention (place and date only co-occur)
    what: str = ""  # what happened, a short phrase from the text
    actors: tuple[str, ...] = ()  # who did it, as the text names them
    confidence: float = 0.0  # 0-1: how sure, and how central to the article (ranks its events)
    also: tuple[tuple[int, int], ...] = ()  # other sentences telling the same occurrence
    category: str = ""  # coarse kind of happening, for merging across articles
    date_label: str = ""  # how to show a date with no interval ("27 June (year unknown)")


@dataclass(frozen=True)
class ArticleResult:
    """Everything extracted from one article."""

    article: Article
    places: tuple[Place, ...] = ()
    dates: tuple[DateMention, ...] = ()
    events: tuple[Event, ...] = ()
    warnings: tuple[str, ...] = field(default_factory=tuple)
