"""DataFrame -> the report: ``index.html`` (map + chronological table), ``events.csv``, ``events.geojson``.

The page is one self-contained file: Leaflet is inlined from the installed ``xstatic-leaflet``
and the basemap is country outlines shipped with the package, so it opens with no network.
Every file is written beside its target and renamed into place only when all are complete.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Sequence
from datetime import datetime, timezone
from pathlib import Path

import folium
import pandas as pd
from jinja2 import Environment, PackageLoader, select_autoescape

from .. import __version__
from ..events import COLUMNS
from ..records import ArticleResult
from ..settings import Settings
from .elements import CountryOutlines, EventMarkers, InlineLeaflet, OnlineTiles, to_js_json

ATTRIBUTION = ('Places: <a href="https://www.geonames.org/">GeoNames</a> (CC BY 4.0); '
               'outlines: Natural Earth via countryinfo')


def write_report(frame: pd.DataFrame, results: Sequence[ArticleResult], output: Path,
                 settings: Settings | None = None) -> list[Path]:
    """Write ``index.html``, ``events.csv`` and ``events.geojson`` into ``output``; return their paths."""
    settings = settings or Settings()
    output.mkdir(parents=True, exist_ok=True)
    files = {
        "events.csv": frame_to_csv(frame),
        "events.geojson": json.dumps(frame_to_geojson(frame), ensure_ascii=False, indent=1),
        "index.html": render_html(frame, results, settings),
    }
    return _write_all_or_nothing(output, files)


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
            "properties": {k: _plain(v) for k, v in row.items()},
        })
    return {"type": "FeatureCollection", "features": features}


def render_html(frame: pd.DataFrame, results: Sequence[ArticleResult], settings: Settings) -> str:
    """Render the report page: the folium map's parts inside our Jinja page skeleton."""
    rows = frame.to_dict("records")
    places = _places(rows)
    fmap = folium.Map(location=[20, 10], zoom_start=2, tiles=None, max_zoom=18, min_zoom=1,
                      control_scale=True, prefer_canvas=False, world_copy_jump=True)
    fmap._id = "geotimeline"  # stable JS names: same input, byte-identical page
    # no CDN: Leaflet is inlined below; jQuery/Bootstrap/awesome-markers are not used at all
    fmap.default_js = []
    fmap.default_css = []
    outlines = CountryOutlines()
    outlines._id = "outlines"
    outlines.add_to(fmap)
    if settings.tile_url:
        tiles = OnlineTiles(settings.tile_url, settings.tile_attribution)
        tiles._id = "tiles"
        tiles.add_to(fmap)
    markers = EventMarkers(places)
    markers._id = "events"
    markers.add_to(fmap)
    figure = fmap.get_root()
    figure.render()
    map_html = figure.html.render()
    map_script = figure.script.render()
    map_header = figure.header.render()

    env = Environment(loader=PackageLoader("geotimeline.report", "templates"),
                      autoescape=select_autoescape(["html", "j2"]))
    template = env.get_template("index.html.j2")
    static = Path(__file__).parent / "templates"
    articles = [r.article for r in results]
    return template.render(
        leaflet=InlineLeaflet().render(),
        css=(static / "report.css").read_text(encoding="utf-8"),
        js=(static / "report.js").read_text(encoding="utf-8").replace("</", "<\\/"),
        map_header=map_header, map_html=map_html, map_script=map_script,
        rows=[_row_view(r) for r in rows],
        articles=articles,
        n_places=len(places),
        attribution=ATTRIBUTION,
        config=to_js_json({"attribution": ATTRIBUTION}),
        generated=datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        version=__version__,
    )


def _places(rows: list[dict]) -> list[dict]:
    """One marker per gazetteer entry, with the events that mention it."""
    by_id: dict[str, dict] = {}
    for r in rows:
        p = by_id.setdefault(r["gazetteer_id"], {
            "id": r["gazetteer_id"], "name": r["place"], "lat": r["lat"], "lon": r["lon"],
            "feature": r["feature"], "country": r["country_code"], "events": [],
        })
        p["events"].append({"id": r["event_id"], "date": r["date"] or "undated", "article": r["article_id"]})
    return list(by_id.values())


def _row_view(r: dict) -> dict:
    """A table row: the sentence cut into plain, place and date segments for highlighting."""
    sentence = r["sentence"]
    marks = [(int(r["_place_start"]), int(r["_place_end"]), "place")]
    if int(r["_date_start"]) >= 0:
        marks.append((int(r["_date_start"]), int(r["_date_end"]), "date"))
    marks.sort()
    segments, pos = [], 0
    for s, e, kind in marks:
        if s < pos or e > len(sentence):
            continue
        if s > pos:
            segments.append((sentence[pos:s], ""))
        segments.append((sentence[s:e], kind))
        pos = e
    segments.append((sentence[pos:], ""))
    view = dict(r)
    view["segments"] = [seg for seg in segments if seg[0]]
    return view


def _plain(v):
    if isinstance(v, float) and v != v:
        return None
    if hasattr(v, "item"):
        return v.item()
    return v


def _write_all_or_nothing(output: Path, files: dict[str, str]) -> list[Path]:
    """Write every file to a temporary name first; rename them into place only when all exist."""
    temps: list[tuple[str, Path]] = []
    try:
        for name, content in files.items():
            fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=output)
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
                f.write(content)
            temps.append((name, Path(tmp)))
    except BaseException:
        for _, tmp in temps:
            tmp.unlink(missing_ok=True)
        raise
    paths = []
    for name, tmp in temps:
        target = output / name
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
        paths.append(target)
    return paths
