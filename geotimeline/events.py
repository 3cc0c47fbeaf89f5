"""places + dates -> [Event]; and :func:`events_to_frame`, the one event table the report reads.

An event is a place, a date and the sentence that ties them. A sentence with places and no
date takes the nearest date in the sentences around it (``date_source="context"``), else the
publication date (``"published"``). Durations, sets and vague references ("now", "recently")
never date an event.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

import pandas as pd

from .records import Article, ArticleResult, DateMention, Event, Place
from .settings import Settings

Span = tuple[int, int]

#: events.csv / events.geojson columns, in order (the README documents each)
COLUMNS = [
    "event_id", "date", "date_start", "date_end", "precision", "place", "lat", "lon",
    "country_code", "feature", "gazetteer_id", "article_id", "article_title", "published",
    "sentence",
    # beyond the required columns: how the date and place were found
    "date_text", "date_value", "date_source", "place_text", "place_kind", "score",
    "published_estimated", "alternatives", "why", "corrected",
]


def assemble_events(article: Article, places: Sequence[Place], dates: Sequence[DateMention],
                    sentences: Sequence[Span], settings: Settings | None = None) -> list[Event]:
    """Tie places to dates sentence by sentence; return the article's events in text order.

    >>> from geotimeline.records import Toponym, GazetteerEntry
    >>> a = Article("a1", "Mosul fell on March 7, 2017.", published=date(2017, 3, 15))
    >>> p = Place(Toponym(0, 5, "Mosul"), GazetteerEntry("1", "Mosul", 36.3, 43.1, "city", "IQ"), 0.9)
    >>> d = DateMention(14, 27, "March 7, 2017", "DATE", "2017-03-07", date(2017, 3, 7), date(2017, 3, 7), "day")
    >>> [(e.place.entry.name, e.date_start.isoformat()) for e in assemble_events(a, [p], [d], [(0, 28)])]
    [('Mosul', '2017-03-07')]
    """
    settings = settings or Settings()
    usable = [d for d in dates if d.type in {"DATE", "TIME"} and d.date_start is not None and d.precision != "ref"]
    events: list[Event] = []
    for si, (s, e) in enumerate(sentences):
        here = [p for p in places if s <= p.start < e]
        if not here:
            continue
        literal = [p for p in here if p.toponym.kind == "literal"]
        # a demonym ("Iraqi forces") counts only where the sentence names no place outright
        here = literal or here
        seen: set[str] = set()
        in_sentence = [d for d in usable if s <= d.start < e]
        for p in here:
            if p.entry.id in seen:
                continue
            seen.add(p.entry.id)
            if in_sentence:
                d = min(in_sentence, key=lambda d: abs(d.start - p.start))
                source = "sentence"
            else:
                d = _context_date(usable, sentences, si, settings.context_sentences)
                source = "context" if d else "published"
            if d is not None:
                start, end, precision = d.date_start, d.date_end, d.precision
            elif article.published is not None:
                start, end, precision = _published_interval(article)
            else:
                start = end = None
                precision, source = "", "none"
            events.append(Event(
                id=f"{article.id}-{len(events) + 1:03d}", article_id=article.id, place=p, date=d,
                date_start=start, date_end=end, precision=precision, date_source=source,
                sentence_start=s, sentence_end=e, sentence=article.text[s:e],
            ))
    return events


def events_to_frame(results: Iterable[ArticleResult]) -> pd.DataFrame:
    """Return the chronological event table: one row per event, the columns of :data:`COLUMNS`.

    Sorted by interval start, then narrower intervals first (a day before its month), undated last.
    """
    rows = []
    for r in results:
        a = r.article
        for ev in r.events:
            p, d = ev.place, ev.date
            rows.append({
                "event_id": ev.id,
                "date": iso_at_precision(ev.date_start, ev.date_end, ev.precision, d),
                "date_start": ev.date_start.isoformat() if ev.date_start else "",
                "date_end": ev.date_end.isoformat() if ev.date_end else "",
                "precision": ev.precision,
                "place": p.entry.name, "lat": p.entry.lat, "lon": p.entry.lon,
                "country_code": p.entry.country_code, "feature": p.entry.feature,
                "gazetteer_id": p.entry.id, "article_id": a.id, "article_title": a.title,
                "published": a.published.isoformat() if a.published else "",
                "sentence": ev.sentence,
                "date_text": d.text if d else "", "date_value": d.value if d else "",
                "date_source": ev.date_source, "place_text": p.toponym.text, "place_kind": p.toponym.kind,
                "score": p.score, "published_estimated": a.published_estimated,
                "alternatives": "; ".join(f"{label} {score:.2f}" for _, label, score in p.alternatives),
                "why": p.why, "corrected": ev.corrected,
                # offsets inside the sentence, for highlighting (not exported)
                "_place_start": p.start - ev.sentence_start, "_place_end": p.end - ev.sentence_start,
                "_date_start": (d.start - ev.sentence_start) if d and ev.date_source == "sentence" else -1,
                "_date_end": (d.end - ev.sentence_start) if d and ev.date_source == "sentence" else -1,
            })
    frame = pd.DataFrame(rows, columns=COLUMNS + ["_place_start", "_place_end", "_date_start", "_date_end"])
    if frame.empty:
        return frame
    span = pd.to_datetime(frame["date_end"], errors="coerce") - pd.to_datetime(frame["date_start"], errors="coerce")
    frame["_undated"] = frame["date_start"] == ""
    frame["_span"] = span.dt.days.fillna(1e9)
    frame = frame.sort_values(["_undated", "date_start", "_span", "article_id", "event_id"], kind="stable")
    return frame.drop(columns=["_undated", "_span"]).reset_index(drop=True)


def iso_at_precision(start: date | None, end: date | None, precision: str, mention: DateMention | None) -> str:
    """The date at its precision: ``2017``, ``2017-03``, ``2017-03-07``, ``2015-W46``, ``2019-SU``."""
    if start is None:
        return ""
    if precision == "day":
        return start.isoformat()
    if precision == "month":
        return start.strftime("%Y-%m")
    if precision == "year":
        return str(start.year)
    if mention is not None and mention.value and mention.value[0].isdigit():
        return mention.value if precision != "decade" else mention.value + "X"
    return f"{start.isoformat()}/{end.isoformat()}" if end else start.isoformat()


def _context_date(usable: Sequence[DateMention], sentences: Sequence[Span], si: int, reach: int) -> DateMention | None:
    """The nearest usable date within ``reach`` sentences, the preceding sentence first."""
    for dist in range(1, reach + 1):
        for sj in (si - dist, si + dist):
            if 0 <= sj < len(sentences):
                s, e = sentences[sj]
                inside = [d for d in usable if s <= d.start < e]
                if inside:
                    return inside[-1] if sj < si else inside[0]
    return None


def _published_interval(article: Article) -> tuple[date, date, str]:
    pub = article.published
    if article.published_precision == "month":
        import calendar

        return pub.replace(day=1), pub.replace(day=calendar.monthrange(pub.year, pub.month)[1]), "month"
    if article.published_precision == "year":
        return date(pub.year, 1, 1), date(pub.year, 12, 31), "year"
    return pub, pub, "day"
