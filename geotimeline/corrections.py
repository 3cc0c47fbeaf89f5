"""The user's corrections (``corrections.toml`` in the seeds folder), applied on every build.

Five kinds of table, each repeatable; ``article`` limits a correction to one article::

    [[place]]                   # pin a place name, as written in the text, to a gazetteer entry
    name = "Nice"
    to = "2990440"              # a gazetteer id (geotimeline lookup Nice shows them)
    article = "002_da1534e9c0cd0481"

    [[place]]                   # ... or to coordinates
    name = "Camp Speicher"
    lat = 34.606
    lon = 43.541
    label = "Camp Speicher air base"

    [[drop]]                    # not a place at all
    name = "Jordan"
    article = "003_92edea3bc177c257"

    [[published]]               # the article's publication date
    article = "004_2cee8ff8bae27df3"
    date = "2015-11-20"
    precision = "day"           # day | month | year

    [[hide]]                    # one event, by its event_id
    event = "002_da1534e9c0cd0481-014"

    [[event]]                   # an event the text does not yield, added by hand
    article = "001_0ed69e4ed4df0e35"
    to = "2460596"              # or lat/lon (+ label)
    date = "2012-04-06"         # or "2012-04", "2012"
    text = "Rebels declared independence in Timbuktu."

The publication date is applied before extraction (it anchors relative dates); everything else
after, so the per-article cache stays valid. Every correction is checked before anything is
written: an unknown table or key, an unknown gazetteer id or article, coordinates off the
globe, a malformed date each stop the build with the file and the table at fault.
"""

from __future__ import annotations

import calendar
import dataclasses
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .errors import InputError
from .gazetteer import Gazetteer, fold
from .records import Article, ArticleResult, Event, GazetteerEntry, Place, Toponym

FILE_NAME = "corrections.toml"
_KEYS = {
    "place": ({"name"}, {"article", "to", "lat", "lon", "label"}),
    "drop": ({"name"}, {"article"}),
    "published": ({"article", "date"}, {"precision"}),
    "hide": ({"event"}, set()),
    "event": ({"article", "date"}, {"to", "lat", "lon", "label", "text", "end"}),
}
_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


class CorrectionsError(InputError):
    """``corrections.toml`` is malformed or names something that does not exist."""


@dataclass(frozen=True)
class Correction:
    """One table of the file: its kind (``place``, ``drop``, ``published``, ``hide``, ``event``),
    its position among the tables of that kind (1-based, for messages) and its keys."""

    kind: str
    number: int
    values: dict

    def get(self, key: str, default=None):
        return self.values.get(key, default)

    @property
    def label(self) -> str:
        return f"[[{self.kind}]] #{self.number}"


@dataclass
class Corrections:
    path: Path | None = None
    items: list[Correction] = field(default_factory=list)

    def of(self, kind: str) -> list[Correction]:
        return [c for c in self.items if c.kind == kind]

    def __bool__(self) -> bool:
        return bool(self.items)


def corrections_path(source: str | Path) -> Path | None:
    """``corrections.toml`` in the seeds folder (or beside a single seeds file), if there is one."""
    source = Path(source)
    folder = source if source.is_dir() else source.parent
    path = folder / FILE_NAME
    return path if path.is_file() else None


def load_corrections(path: Path | None) -> Corrections:
    """Parse and check the file's shape (keys, types, dates, coordinates); ``path=None`` is empty."""
    if path is None:
        return Corrections()
    try:
        return parse_corrections(path.read_text(encoding="utf-8"), path)
    except UnicodeDecodeError:
        raise CorrectionsError("not UTF-8 text", str(path)) from None


def parse_corrections(text: str, path: Path) -> Corrections:
    """Parse corrections from ``text`` (``path`` names it in messages)."""
    try:
        import tomllib
    except ImportError:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise CorrectionsError(f"not valid TOML: {exc}", str(path)) from None
    items: list[Correction] = []
    for kind, tables in data.items():
        if kind not in _KEYS:
            raise CorrectionsError(f"unknown table [[{kind}]]; use one of: {', '.join(f'[[{k}]]' for k in _KEYS)}", str(path))
        if not isinstance(tables, list):
            raise CorrectionsError(f"write [[{kind}]] (an array of tables), not [{kind}]", str(path))
        for i, values in enumerate(tables, 1):
            c = Correction(kind, i, dict(values))
            _check_shape(c, path)
            items.append(c)
    return Corrections(path, items)


def _check_shape(c: Correction, path: Path) -> None:
    def fail(msg: str):
        raise CorrectionsError(f"{c.label}: {msg}", str(path))

    required, optional = _KEYS[c.kind]
    missing = required - set(c.values)
    if missing:
        fail(f"missing {', '.join(sorted(missing))}")
    unknown = set(c.values) - required - optional
    if unknown:
        fail(f"unknown key(s) {', '.join(sorted(unknown))}; allowed: {', '.join(sorted(required | optional))}")
    for key, value in c.values.items():
        if key in {"lat", "lon"}:
            if not isinstance(value, (int, float)) or isinstance(value, bool):
                fail(f"{key} must be a number, not {value!r}")
        elif not isinstance(value, (str, date)):
            fail(f"{key} must be a string, not {value!r}")
    if c.kind in {"place", "event"}:
        has_to, has_point = "to" in c.values, "lat" in c.values or "lon" in c.values
        if has_to == has_point:
            fail("give either to = \"GAZETTEER_ID\" or lat and lon")
        if has_point:
            lat, lon = c.get("lat"), c.get("lon")
            if lat is None or lon is None:
                fail("give both lat and lon")
            if not (-90 <= lat <= 90 and -180 <= lon <= 180):
                fail(f"coordinates ({lat}, {lon}) are off the globe: lat must be in -90..90, lon in -180..180")
    if c.kind in {"published", "event"}:
        for key in ("date", "end"):
            if key in c.values:
                try:
                    parse_partial_date(c.values[key])
                except ValueError as exc:
                    fail(f"{key}: {exc}")
    if c.kind == "published" and c.get("precision", "day") not in {"day", "month", "year"}:
        fail(f"precision must be day, month or year, not {c.get('precision')!r}")


def parse_partial_date(value) -> tuple[date, date, str]:
    """``2017-03-07``, ``2017-03`` or ``2017`` (or a TOML date) -> (first day, last day, precision)."""
    if isinstance(value, date):
        return value, value, "day"
    m = _PARTIAL_DATE.match(str(value).strip())
    if not m:
        raise ValueError(f"{value!r} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)")
    y, mo, d = int(m.group(1)), m.group(2), m.group(3)
    try:
        if d:
            day = date(y, int(mo), int(d))
            return day, day, "day"
        if mo:
            last = calendar.monthrange(y, int(mo))[1]
            return date(y, int(mo), 1), date(y, int(mo), last), "month"
        return date(y, 1, 1), date(y, 12, 31), "year"
    except ValueError as exc:
        raise ValueError(f"{value!r}: {exc}") from None


def check_references(corrections: Corrections, gazetteer: Gazetteer, article_ids: Iterable[str] | None) -> None:
    """Every gazetteer id must exist; every article must be among ``article_ids`` (unless ``None``)."""
    known = None if article_ids is None else set(article_ids)
    where = str(corrections.path) if corrections.path else FILE_NAME
    for c in corrections.items:
        to = c.get("to")
        if to is not None and gazetteer.get(str(to)) is None:
            hint = f" (try: geotimeline lookup {c.get('name')!r})" if c.get("name") else ""
            raise CorrectionsError(f"{c.label}: gazetteer id {to!r} not found{hint}", where)
        article = c.get("article")
        if article is not None and known is not None and article not in known:
            close = sorted(a for a in known if a.startswith(str(article)[:6]))[:3]
            hint = f"; did you mean {', '.join(close)}?" if close else ""
            raise CorrectionsError(f"{c.label}: no article {article!r} among the seeds{hint}", where)


def apply_published(article: Article, corrections: Corrections) -> Article:
    """The article with the publication date the corrections set for it (applied before extraction)."""
    for c in corrections.of("published"):
        if c.get("article") == article.id:
            start, _, precision = parse_partial_date(c.get("date"))
            return dataclasses.replace(article, published=start, published_precision=c.get("precision", precision),
                                       published_estimated=False, published_note=f"set in {FILE_NAME}")
    return article


def apply(results: Sequence[ArticleResult], corrections: Corrections, gazetteer: Gazetteer) -> list[ArticleResult]:
    """Pin, drop, hide and add, article by article; every changed event says so in ``corrected``."""
    if not corrections:
        return list(results)
    hidden = {str(c.get("event")) for c in corrections.of("hide")}
    out = []
    for r in results:
        aid = r.article.id
        pins = {fold(str(c.get("name"))): c for c in corrections.of("place") if c.get("article") in (None, aid)}
        drops = {fold(str(c.get("name"))) for c in corrections.of("drop") if c.get("article") in (None, aid)}
        swapped: dict[int, Place] = {}
        places = []
        for p in r.places:
            key = fold(p.toponym.text)
            if key in drops:
                continue
            if key in pins:
                fixed = _pinned(p, pins[key], gazetteer)
                swapped[id(p)] = fixed
                places.append(fixed)
            else:
                places.append(p)
        events = []
        for e in r.events:
            key = fold(e.place.toponym.text)
            if key in drops or e.id in hidden:
                continue
            if id(e.place) in swapped or key in pins:
                place = swapped.get(id(e.place)) or _pinned(e.place, pins[key], gazetteer)
                e = dataclasses.replace(e, place=place, corrected=f"place pinned in {FILE_NAME}")
            events.append(e)
        added = [c for c in corrections.of("event") if c.get("article") == aid]
        for n, c in enumerate(added, 1):
            events.append(_added_event(r.article, c, n, gazetteer))
        out.append(dataclasses.replace(r, places=tuple(places), events=tuple(events)))
    return out


def _entry_for(c: Correction, gazetteer: Gazetteer, name: str) -> GazetteerEntry:
    if c.get("to") is not None:
        return gazetteer.get(str(c.get("to")))
    lat, lon = float(c.get("lat")), float(c.get("lon"))
    near = gazetteer.reverse((lat, lon))
    cc = near.raw.get("country_code", "") if near is not None and hasattr(near, "raw") else ""
    return GazetteerEntry(f"manual:{lat:.5f},{lon:.5f}", c.get("label") or name, lat, lon, "place", cc,
                          source=f"coordinates from {FILE_NAME}")


def _pinned(place: Place, c: Correction, gazetteer: Gazetteer) -> Place:
    entry = _entry_for(c, gazetteer, place.toponym.text)
    before = ((place.entry.id, f"{place.entry.name} (the pick before correction)", place.score),)
    return Place(place.toponym, entry, 1.0, why=f"pinned in {FILE_NAME} ({c.label})", alternatives=before)


def _added_event(article: Article, c: Correction, n: int, gazetteer: Gazetteer) -> Event:
    start, end, precision = parse_partial_date(c.get("date"))
    if c.get("end") is not None:
        end = parse_partial_date(c.get("end"))[1]
        precision = "interval" if end != start else precision
    entry = _entry_for(c, gazetteer, c.get("label") or "")
    text = str(c.get("text") or "")
    place = Place(Toponym(0, 0, entry.name, source="manual"), entry, 1.0, why=f"added by hand in {FILE_NAME} ({c.label})")
    return Event(id=f"{article.id}-hand{n}", article_id=article.id, place=place, date=None, date_start=start,
                 date_end=end, precision=precision, date_source="manual", sentence_start=0, sentence_end=len(text),
                 sentence=text, corrected=f"added by hand in {FILE_NAME}")


def toml_block(kind: str, values: dict) -> str:
    """One ``[[kind]]`` table as TOML text (strings JSON-quoted, which TOML reads the same)."""
    lines = [f"[[{kind}]]"]
    for key, value in values.items():
        if value is None or value == "":
            continue
        lines.append(f"{key} = {value!r}" if isinstance(value, (int, float)) else f"{key} = {json.dumps(str(value), ensure_ascii=False)}")
    return "\n".join(lines) + "\n"


HEADER = """# geotimeline corrections, applied on every build (format: the README, "Corrections").
# Written by `geotimeline correct`; edit by hand as you like.
"""


def add_correction(source: str | Path, kind: str, values: dict, gazetteer: Gazetteer,
                   article_ids: Iterable[str]) -> tuple[Path, str]:
    """Append one correction to the seeds' ``corrections.toml`` after checking it; return (file, block)."""
    source = Path(source)
    folder = source if source.is_dir() else source.parent
    path = folder / FILE_NAME
    existing = path.read_text(encoding="utf-8") if path.is_file() else HEADER
    block = toml_block(kind, values)
    text = existing + ("" if existing.endswith("\n\n") else "\n" if existing.endswith("\n") else "\n\n") + block
    check_references(parse_corrections(text, path), gazetteer, article_ids)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
    return path, block
