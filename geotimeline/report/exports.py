"""The event table as files: ``events.csv``, ``events.geojson`` and ``timeline.json`` (TimelineJS3)."""

from __future__ import annotations

import html
import math
from collections.abc import Sequence

import pandas as pd

from ..events import COLUMNS
from ..records import ArticleResult


def frame_to_csv(frame: pd.DataFrame) -> str:
    return frame.reindex(columns=COLUMNS).to_csv(index=False, lineterminator="\n")


def frame_to_geojson(frame: pd.DataFrame) -> dict:
    """An RFC 7946 FeatureCollection: one Point per event, the CSV's columns as properties."""
    features = []
    for row in frame.reindex(columns=COLUMNS).to_dict("records"):
        features.append({
            "type": "Feature",
            "id": row["event_id"],
            "geometry": {"type": "Point", "coordinates": [round(float(row["lon"]), 6), round(float(row["lat"]), 6)]},
            "properties": {k: plain(v) for k, v in row.items()},
        })
    return {"type": "FeatureCollection", "features": features}


def frame_to_timelinejs(frame: pd.DataFrame, results: Sequence[ArticleResult]) -> dict:
    """The events in TimelineJS3's JSON format (``new TL.Timeline(id, data)`` opens it).

    A day is a day; a month or a year is given at that precision; a longer or odd interval (a
    week, a season, a decade) gets an ``end_date``, so TimelineJS draws it as a span. Undated
    events are left out (TimelineJS needs a year). TimelineJS renders ``text`` as HTML, so every
    piece of article text is escaped and only our own ``<mark>`` and ``<p>`` tags remain.
    """
    events = []
    for r in frame.to_dict("records"):
        if not r["date_start"] or r.get("kind", "event") != "event":
            continue  # mentions stay in the CSV and GeoJSON, not on the timeline
        start, end = pd.Timestamp(r["date_start"]), pd.Timestamp(r["date_end"] or r["date_start"])
        ev = {
            "unique_id": _css_id(r["event_id"]),
            "start_date": _tl_date(start, r["precision"], r["date"]),
            "text": {"headline": html.escape(r["place"] + (f": {r['what']}" if r.get("what") else "")),
                     "text": f"<p>{_marked_sentence(r)}</p><p>{html.escape(_caption(r))}</p>"},
            "group": html.escape(r["article_title"] or r["article_id"]),
        }
        if r["precision"] not in {"day", "month", "year"} and end > start:
            ev["end_date"] = _tl_date(end, "day", r["date"])
        events.append(ev)
    titles = "; ".join(html.escape(x.article.title or x.article.id) for x in results[:5])
    more = f" and {len(results) - 5} more" if len(results) > 5 else ""
    return {
        "title": {"text": {"headline": "Events by place and date",
                           "text": f"<p>{len(events)} dated events from {len(results)} article(s): {titles}{more}</p>"}},
        "events": events,
    }


def plain(v):
    """A pandas/numpy cell as a plain JSON value (NaN becomes None)."""
    if isinstance(v, float) and math.isnan(v):
        return None
    if hasattr(v, "item"):
        return v.item()
    return v


def _tl_date(ts: pd.Timestamp, precision: str, label: str) -> dict:
    """A TimelineJS date at the event's precision (``display_date`` for weeks, seasons, …)."""
    d = {"year": ts.year}
    if precision != "year":
        d["month"] = ts.month
    if precision not in {"year", "month"}:
        d["day"] = ts.day
    if precision not in {"day", "month", "year"}:
        d["display_date"] = label
    return d


def _caption(r: dict) -> str:
    src = {"sentence": "", "context": " (date from a nearby sentence)",
           "published": " (date of publication)", "manual": " (added by hand)", "none": ""}.get(r["date_source"], "")
    return f"{r['date']}{src} · {r['place']}, {r['feature']}{' · ' + r['country_code'] if r['country_code'] else ''} · {r['article_id']}"


def _marked_sentence(r: dict) -> str:
    """The sentence, escaped, with the place and the date wrapped in ``<mark>``."""
    s = r["sentence"]
    marks = sorted([(int(r["_place_start"]), int(r["_place_end"]))]
                   + ([(int(r["_date_start"]), int(r["_date_end"]))] if int(r["_date_start"]) >= 0 else []))
    out, pos = [], 0
    for a, b in marks:
        if a < pos or b > len(s) or b <= a:
            continue
        out += [html.escape(s[pos:a]), "<mark>", html.escape(s[a:b]), "</mark>"]
        pos = b
    out.append(html.escape(s[pos:]))
    return "".join(out)


def _css_id(event_id: str) -> str:
    return "ev-" + "".join(c if c.isalnum() or c in "-_" else "_" for c in event_id)
