"""DataFrame -> the report: ``index.html``, ``events.csv``, ``events.geojson``, ``timeline.json``;
with ``embed`` also ``embed.html``, with ``png`` also ``map.png``.

The page is one self-contained file: Leaflet and its marker-cluster plugin are inlined from their
installed packages and the basemap is country outlines shipped with the package, so it opens
with no network. The events travel as one JSON block that ``report.js`` turns into the linked
map, timeline and table. Every file is written beside its target and renamed into place only
when all are complete.
"""

from __future__ import annotations

import calendar
import json
import os
import tempfile
from collections.abc import Mapping, Sequence
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path

import folium
import pandas as pd
from jinja2 import Environment, PackageLoader, select_autoescape

from .. import __version__
from ..load import first_line
from ..records import ArticleResult
from ..settings import Settings
from .assets import inline_assets
from .elements import CountryOutlines, EventLayer, OnlineTiles, to_js_json
from .exports import frame_to_csv, frame_to_geojson, frame_to_timelinejs, plain
from .outlines import country_names, country_outlines, us_state_borders

__all__ = ["frame_to_csv", "frame_to_geojson", "frame_to_timelinejs", "page_data", "render_html", "write_report"]

ATTRIBUTION = ('Places: <a href="https://www.geonames.org/">GeoNames</a> (CC BY 4.0); '
               'outlines: <a href="https://www.naturalearthdata.com/">Natural Earth</a> via countryinfo')
#: added where the US state borders are drawn (an event in the US)
US_ATTRIBUTION = '; US states: <a href="https://www.census.gov/">Census Bureau</a>'


#: outputs written only when asked for (``--embed``, ``--png``, ``--pdf``)
OPTIONAL_OUTPUTS = {"embed.html", "map.png", "timeline.png", "briefing.pdf"}
#: article titles longer than this are shortened where space is tight (legend, table, selects)
SHORT_TITLE = 60
#: runner-up places with a smaller share than this are not shown in the table and popups
MIN_ALTERNATIVE = 0.05
#: the pictures' size in CSS pixels unless ``--png-size`` says otherwise
PNG_SIZE = (1600, 900)
#: gazetteer feature -> how the map draws it
KINDS = {"city": "city", "capital": "capital", "admin1": "region", "admin2": "region", "region": "region",
         "country": "country", "continent": "country", "place": "city"}
#: article colours (Tableau 10, then 8 more), reused in turn past 18 articles
PALETTE = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
           "#9c755f", "#bab0ac", "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#8c564b", "#17becf",
           "#bcbd22", "#7f7f7f"]


def shows_us(data: dict) -> bool:
    """Whether a page of ``data`` (:func:`page_data`) draws the US state borders: when an event is
    in the US (local news needs them; elsewhere they only add weight)."""
    return any(p["cc"] == "US" for p in data["places"])


@lru_cache(maxsize=2)
def basemap_json(us: bool) -> tuple[str, str]:
    """The country outlines and (with ``us``) the US state borders as page JSON, made once."""
    return to_js_json(country_outlines()), to_js_json(us_state_borders()) if us else ""


@lru_cache(maxsize=1)
def _templates() -> Environment:
    return Environment(loader=PackageLoader("geotimeline.report", "templates"), autoescape=select_autoescape(["html", "j2"]))


def render_page(template: str, *, css: Sequence[str], js: Sequence[str], **values) -> str:
    """Render one of the report's page templates with its stylesheets and scripts inlined (read from
    ``templates/``; ``</`` escaped so no script text can close its element)."""
    static = Path(__file__).parent / "templates"
    return _templates().get_template(template).render(
        css="".join((static / name).read_text(encoding="utf-8") for name in css),
        js="\n".join((static / name).read_text(encoding="utf-8") for name in js).replace("</", "<\\/"), **values)


def report_title(settings: Settings, frame: pd.DataFrame, results: Sequence[ArticleResult]) -> str:
    """The ``title`` setting, else :func:`collection_title`."""
    return settings.title.strip() or collection_title(frame, results)


def write_report(frame: pd.DataFrame, results: Sequence[ArticleResult], output: Path,
                 settings: Settings | None = None, *, embed: bool = False, png: bool = False, pdf: bool = False,
                 png_size: tuple[int, int] = PNG_SIZE, paper: str = "a4",
                 extents: Mapping[str, list] | None = None) -> list[Path]:
    """Write the report files into ``output``; return their paths.

    ``extents`` maps gazetteer ids of divisions to their approximate outlines
    (:meth:`~geotimeline.gazetteer.Gazetteer.extent`), drawn when one is selected. ``png`` adds
    ``map.png`` and ``timeline.png`` (``png_size`` CSS pixels, drawn at twice the density), ``pdf``
    adds ``briefing.pdf`` on one landscape ``paper`` page (:mod:`geotimeline.report.briefing`).

    ``png`` and ``pdf`` need Chromium (:mod:`geotimeline.report.chromium`); without it a
    :class:`~geotimeline.errors.GeotimelineError` is raised before anything is written.
    """
    settings = settings or Settings()
    chromium = None
    if png or pdf:
        from .chromium import require_chromium

        chromium = require_chromium(briefing_flags(png, pdf))
    output.mkdir(parents=True, exist_ok=True)
    title = report_title(settings, frame, results)
    files: dict[str, str | bytes] = {
        "events.csv": frame_to_csv(frame),
        "events.geojson": json.dumps(frame_to_geojson(frame), ensure_ascii=False, indent=1),
        "timeline.json": json.dumps(frame_to_timelinejs(frame, results), ensure_ascii=False, indent=1),
        "index.html": render_html(frame, results, settings, title=title, extents=extents),
    }
    if embed:
        files["embed.html"] = render_html(frame, results, settings, title=title, embed=True, extents=extents)
    if png or pdf:
        from .briefing import briefing_files

        files.update(briefing_files(frame, results, title, chromium, png=png, pdf=pdf, size=png_size, paper=paper))
    return _write_all_or_nothing(output, files)


def briefing_flags(png: bool, pdf: bool) -> str:
    """The options asking for Chromium, as the user typed them (for messages)."""
    return " and ".join(f for f, on in (("--png", png), ("--pdf", pdf)) if on)


def render_html(frame: pd.DataFrame, results: Sequence[ArticleResult], settings: Settings,
                *, title: str = "", embed: bool = False, extents: Mapping[str, list] | None = None) -> str:
    """Render the report page: the folium map's parts inside our Jinja page skeleton.

    ``embed`` gives the version for an iframe or a briefing page: map and timeline filling their
    container, no header, table or footer.
    """
    data = page_data(frame, results, extents)
    us = shows_us(data)
    data["attribution"] = ATTRIBUTION + (US_ATTRIBUTION if us else "")
    title = title or report_title(settings, frame, results)
    fmap = folium.Map(location=[20, 10], zoom_start=2, tiles=None, max_zoom=18, min_zoom=1,
                      control_scale=True, prefer_canvas=False, world_copy_jump=True)
    fmap._id = "geotimeline"  # stable JS names: same input, byte-identical page
    # folium passes the zoom limits to tile layers only; marker clustering needs them on the map
    fmap.options.update(maxZoom=18, minZoom=1)
    # no CDN: Leaflet is inlined below; jQuery/Bootstrap/awesome-markers are not used at all
    fmap.default_js = []
    fmap.default_css = []
    outlines = CountryOutlines("gt-outlines")
    outlines._id = "outlines"
    outlines.add_to(fmap)
    if settings.tile_url:
        tiles = OnlineTiles(settings.tile_url, settings.tile_attribution)
        tiles._id = "tiles"
        tiles.add_to(fmap)
    layer = EventLayer("gt-data")
    layer._id = "events"
    layer.add_to(fmap)
    figure = fmap.get_root()
    figure.render()

    n_mentions = sum(e["kind"] != "event" for e in data["events"])
    outlines_json, borders_json = basemap_json(us)
    return render_page(
        "index.html.j2", css=["report.css"], js=["common.js", "report.js"],
        n_mentions=n_mentions,
        title=title,
        embed=embed,
        assets=inline_assets(),
        map_header=figure.header.render(), map_html=figure.html.render(), map_script=figure.script.render(),
        data_json=to_js_json(data),
        outlines_json=outlines_json, borders_json=borders_json,
        n_events=len(data["events"]) - n_mentions, n_places=len(data["places"]), articles=data["articles"],
        attribution=data["attribution"],
        generated=datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        version=__version__,
    )


def page_data(frame: pd.DataFrame, results: Sequence[ArticleResult],
              extents: Mapping[str, list] | None = None) -> dict:
    """The events as the page's script reads them: articles, places and events by index.

    Every string here is shown with ``textContent`` by ``report.js``; none is ever parsed as HTML.
    """
    articles, article_index = [], {}
    for i, r in enumerate(results):
        a = r.article
        article_index[a.id] = i
        # with no title (a JSON Lines record without one), the text's first line names it
        title = a.title or first_line(a.text)[:300] or a.id
        articles.append({"id": a.id, "title": title, "short": shorten(title),
                         "file": Path(a.path).name if a.path else a.id,
                         "source": a.source, "color": PALETTE[i % len(PALETTE)],
                         "published": a.published.isoformat() if a.published else "",
                         "estimated": a.published_estimated, "note": a.published_note})
    places, place_index, events = [], {}, []
    # the state's own code ("US.WV" -> "WV"): it tells apart places that share a name
    admin1 = {p.entry.id: p.entry.admin1.rpartition(".")[2] for r in results for p in r.places if p.entry.admin1}
    for r in frame.to_dict("records"):
        pid = r["gazetteer_id"]
        if pid not in place_index:
            place_index[pid] = len(places)
            places.append({"id": pid, "name": r["place"], "lat": round(float(r["lat"]), 5),
                           "lon": round(float(r["lon"]), 5), "feature": r["feature"],
                           "kind": KINDS.get(r["feature"], "feature"), "cc": r["country_code"] or ""})
            if admin1.get(pid):
                places[-1]["admin1"] = admin1[pid]
            if extents and extents.get(pid):
                places[-1]["outline"] = extents[pid]
        events.append({
            "id": r["event_id"], "p": place_index[pid], "a": article_index.get(r["article_id"], 0),
            "date": r["date"], "start": r["date_start"], "end": r["date_end"], "precision": r["precision"],
            "source": r["date_source"], "sentence": r["sentence"],
            "marks": [int(r["_place_start"]), int(r["_place_end"]), int(r["_date_start"]), int(r["_date_end"])],
            "text": r["place_text"], "score": round(float(r["score"]), 2), "alts": shown_alternatives(r["alternatives"]),
            "why": r["why"], "dateText": r["date_text"], "value": r["date_value"], "corrected": r["corrected"],
            "kind": r["kind"], "what": r["what"], "actors": r["actors"], "conf": round(float(r["confidence"] or 0), 2),
            "sources": [article_index[x] for x in str(r["sources"] or "").split("; ") if x in article_index],
            "label": r["_date_label"],
        })
    names = country_names()
    countries = {cc: names.get(cc, cc) for cc in sorted({p["cc"] for p in places if p["cc"]})}
    return {"articles": articles, "places": places, "events": [{k: plain(v) for k, v in e.items()} for e in events],
            "countries": countries}


def shorten(title: str, limit: int = SHORT_TITLE) -> str:
    """``title`` cut at a word boundary to at most ``limit`` characters, with "…" when cut.

    >>> shorten("ISIS is losing ground. Will that mean more attacks overseas?", 40)
    'ISIS is losing ground. Will that mean…'
    """
    title = " ".join(title.split())
    if len(title) <= limit:
        return title
    cut = title[: limit - 1]
    if " " in cut[limit // 2:]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:.-–—") + "…"


def shown_alternatives(text: str, floor: float = MIN_ALTERNATIVE) -> str:
    """The runner-up places worth showing: those with a share of at least ``floor``.

    A runner-up at 0.00 ("Mali (city, CN) 0.00") tells a reader nothing; the CSV keeps them all.

    >>> shown_alternatives("Mali (country, ML) 0.31; Mali (city, CN) 0.00")
    'Mali (country, ML) 0.31'
    """
    kept = []
    for item in str(text or "").split("; "):
        label, _, score = item.rpartition(" ")
        try:
            if float(score) < floor:
                continue
        except ValueError:
            pass
        kept.append(item)
    return "; ".join(k for k in kept if k)


def collection_title(frame: pd.DataFrame, results: Sequence[ArticleResult]) -> str:
    """A title made from the collection: how many articles, published when.

    "Events in 5 articles published 2015–2024"; with no publication dates, the span of the dated
    events instead ("Events in 5 articles, 2012–2020"). A span is one month, months within a
    year, or years.
    """
    n = len(results)
    head = f"Events in {n} article{'s' if n != 1 else ''}"
    published = [r.article.published.isoformat() for r in results if r.article.published]
    if published:
        return f"{head} published {date_span(published, published)}"
    span = event_span(frame)
    return f"{head}, {span}" if span else head


def event_span(frame: pd.DataFrame) -> str:
    """When the dated events happened, as :func:`date_span` says it ("" with none)."""
    events = frame[frame["kind"] == "event"] if "kind" in frame else frame
    starts = [d for d in events.get("date_start", pd.Series(dtype=str)).astype(str) if len(d) == 10]
    ends = [d for d in events.get("date_end", pd.Series(dtype=str)).astype(str) if len(d) == 10]
    return date_span(starts, ends or starts) if starts else ""


def date_span(starts: Sequence[str], ends: Sequence[str]) -> str:
    """The span from the earliest ISO day in ``starts`` to the latest in ``ends``.

    >>> date_span(["2015-03-13"], ["2015-10-31"]), date_span(["2012-01-01"], ["2020-03-01"])
    ('March–October 2015', '2012–2020')
    """
    first, last = min(starts), max(ends)
    if first[:7] == last[:7]:
        return f"{_month(first)} {first[:4]}"
    if first[:4] == last[:4]:
        return f"{_month(first)}–{_month(last)} {first[:4]}"
    return f"{first[:4]}–{last[:4]}"


def _month(iso: str) -> str:
    return calendar.month_name[int(iso[5:7])]


def _write_all_or_nothing(output: Path, files: dict[str, str | bytes]) -> list[Path]:
    """Write every file to a temporary name first; rename them into place only when all exist."""
    temps: list[tuple[str, Path]] = []
    try:
        for name, content in files.items():
            fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=output)
            temps.append((name, Path(tmp)))
            if isinstance(content, bytes):
                with os.fdopen(fd, "wb") as f:
                    f.write(content)
            else:
                with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
                    f.write(content)
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
    # an optional output not asked for this time would be stale: remove it
    for name in OPTIONAL_OUTPUTS - set(files):
        (output / name).unlink(missing_ok=True)
    return paths
