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
class Event:
    """A place and a date tied by a sentence of an article."""

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


@dataclass(frozen=True)
class ArticleResult:
    """Everything extracted from one article."""

    article: Article
    places: tuple[Place, ...] = ()
    dates: tuple[DateMention, ...] = ()
    events: tuple[Event, ...] = ()
    warnings: tuple[str, ...] = field(default_factory=tuple)
