"""Briefing outputs: ``map.png`` and ``timeline.png`` for slides, ``briefing.pdf`` to print.

One page template (``briefing.html.j2`` + ``briefing.js``) draws the events three ways, chosen by
its ``mode``: ``map`` (every event place, no clusters, the main places labelled where their
labels do not collide, a legend naming the articles by title, the sources credited), ``timeline``
(the events on a time axis labelled with place and what happened; long gaps broken, spans drawn
as bars, undated events beside it) and ``pdf`` (title, map, timeline and the main events table on
one landscape page; rows that do not fit are counted, never cut). Headless Chromium takes the
pictures and prints the page (:mod:`geotimeline.report.chromium`). Only events are drawn, not
mentions.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime, timezone

import pandas as pd

from .. import __version__
from ..errors import GeotimelineError
from ..records import ArticleResult
from . import basemap_json, event_span, page_data, render_page, shows_us
from .assets import inline_assets
from .chromium import print_pdf, screenshot
from .elements import to_js_json

#: landscape paper sizes in millimetres
PAPERS = {"a4": (297.0, 210.0), "letter": (279.4, 215.9)}
#: printed page margin in millimetres
MARGIN = 9
#: the pictures' smallest and largest side in CSS pixels
SIZES = (320, 4096)
CREDIT = "Places: GeoNames (CC BY 4.0) · Outlines: Natural Earth"


def parse_size(text: str) -> tuple[int, int]:
    """``"1600x900"`` -> ``(1600, 900)``; anything else is a user error."""
    m = re.fullmatch(r"\s*(\d+)\s*[x×X]\s*(\d+)\s*", text or "")
    if not m:
        raise GeotimelineError(f"--png-size must be WIDTHxHEIGHT in pixels, like 1600x900; got {text!r}")
    size = (int(m.group(1)), int(m.group(2)))
    check_size(size)
    return size


def check_size(size: tuple[int, int]) -> None:
    if not all(SIZES[0] <= side <= SIZES[1] for side in size):
        raise GeotimelineError(f"--png-size: each side must be {SIZES[0]} to {SIZES[1]} pixels; got {size[0]}x{size[1]}")


def check_paper(paper: str) -> None:
    if paper not in PAPERS:
        raise GeotimelineError(f"--paper must be one of {', '.join(PAPERS)}; got {paper!r}")


def briefing_files(frame: pd.DataFrame, results: Sequence[ArticleResult], title: str, chromium: str, *,
                   png: bool, pdf: bool, size: tuple[int, int], paper: str) -> dict[str, bytes]:
    """``map.png`` and ``timeline.png`` (``png``) and ``briefing.pdf`` (``pdf``), drawn by ``chromium``."""
    data = briefing_data(frame, results, title)
    files: dict[str, bytes] = {}
    if png:
        files["map.png"] = screenshot(render_briefing(data, "map", size=size), chromium, size)
        files["timeline.png"] = screenshot(render_briefing(data, "timeline", size=size), chromium, size)
    if pdf:
        files["briefing.pdf"] = print_pdf(render_briefing(data, "pdf", paper=paper), chromium, page_pixels(paper))
    return files


def briefing_data(frame: pd.DataFrame, results: Sequence[ArticleResult], title: str) -> dict:
    """The events (not the mentions) as the briefing page reads them, with its title and credit."""
    events = frame[frame["kind"] == "event"] if "kind" in frame else frame
    data = page_data(events, results)
    n_events, n_places, n_articles = len(data["events"]), len(data["places"]), len(results)
    data["title"] = title
    span = event_span(events)
    data["subtitle"] = (f"{n_events} event{'s' if n_events != 1 else ''} at {n_places} place{'s' if n_places != 1 else ''}"
                        + (f", {span}" if span else "") + f" · {n_articles} article{'s' if n_articles != 1 else ''}")
    data["generated"] = datetime.now(timezone.utc).strftime("%-d %b %Y")
    data["credit"] = CREDIT + (" · US states: Census Bureau" if shows_us(data) else "")
    return data


def render_briefing(data: dict, mode: str, *, size: tuple[int, int] = (1600, 900), paper: str = "a4") -> str:
    """The briefing page for one ``mode`` (``map``, ``timeline`` or ``pdf``)."""
    width, height = PAPERS[paper]
    outlines_json, borders_json = basemap_json(shows_us(data))
    return render_page(
        "briefing.html.j2", css=["report.css", "briefing.css"], js=["common.js", "briefing.js"],
        mode=mode, size=size, paper=(width, height), margin=MARGIN, title=data["title"],
        assets=inline_assets(), version=__version__,
        data_json=to_js_json(data), outlines_json=outlines_json, borders_json=borders_json)


def page_pixels(paper: str) -> tuple[int, int]:
    """The window that lays the page out as it prints: the paper in CSS pixels (96 per inch)."""
    width, height = PAPERS[paper]
    return round(width / 25.4 * 96), round(height / 25.4 * 96)
