"""How fast a big report opens: 5,000 events in headless Chromium (Debian's, driven by Playwright).

Synthesises a corpus of events (real places from the gazetteer when it is built, dates over
three years at day, week, month and year precision, sentences of news length), writes the report,
and prints its file size, the time to write it, and in Chromium the time from navigation to
interactive (every view built and wired: ``data-ready``), then the time one filter and one
slider move take to reach all three views, and the time headless Chromium takes to draw the
briefing outputs (``map.png``, ``timeline.png``, ``briefing.pdf``) of the same events. Rerun
after changes and update BENCHMARKS.md.

    python3 benchmarks/report_speed.py [--events 5000] [--articles 50] [--runs 5]
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

WORDS = ("officials said forces fighters the city province near border after attack army police "
         "government militants village district reported killed people town region local northern "
         "southern troops camp security offensive week aid residents control").split()


def synth_results(n_events: int, n_articles: int, seed: int = 7):
    from geotimeline.events import events_to_frame
    from geotimeline.records import (
        Article,
        ArticleResult,
        DateMention,
        Event,
        Place,
        Toponym,
    )

    rng = random.Random(seed)
    entries = _places(rng, max(50, n_events // 3))
    results = []
    per = max(1, n_events // n_articles)
    base = date(2016, 1, 1)
    for a in range(n_articles):
        published = base + timedelta(days=rng.randrange(3 * 365))
        events, sentences, text = [], [], ""
        art_id = f"{a:03d}_synthetic"
        for k in range(per if a < n_articles - 1 else n_events - per * (n_articles - 1)):
            entry = rng.choice(entries)
            when = published - timedelta(days=rng.randrange(120))
            precision = rng.choices(["day", "week", "month", "year"], [70, 5, 20, 5])[0]
            start, end = {
                "day": (when, when),
                "week": (when - timedelta(days=when.weekday()), when - timedelta(days=when.weekday()) + timedelta(days=6)),
                "month": (when.replace(day=1), (when.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)),
                "year": (date(when.year, 1, 1), date(when.year, 12, 31)),
            }[precision]
            words = " ".join(rng.choice(WORDS) for _ in range(rng.randrange(12, 30)))
            date_text = start.strftime("%B %d, %Y")
            sentence = f"In {entry.name}, {words} on {date_text}."
            s = len(text)
            text += sentence + " "
            p0 = s + 3
            place = Place(Toponym(p0, p0 + len(entry.name), entry.name), entry, round(rng.uniform(0.4, 1), 2),
                          why="population; country named in the article",
                          alternatives=((f"x{k}", f"{entry.name} (city, ZZ)", 0.1),))
            d0 = s + sentence.index(date_text)
            mention = DateMention(d0, d0 + len(date_text), date_text, "DATE", start.isoformat(), start, end, precision)
            events.append(Event(id=f"{art_id}-{k + 1:03d}", article_id=art_id, place=place, date=mention,
                                date_start=start, date_end=end, precision=precision, date_source="sentence",
                                sentence_start=s, sentence_end=s + len(sentence), sentence=sentence))
            sentences.append((s, s + len(sentence)))
        article = Article(art_id, text, title=f"Synthetic article {a}", published=published)
        results.append(ArticleResult(article, tuple(e.place for e in events), tuple(e.date for e in events), tuple(events)))
    return events_to_frame(results), results


def _places(rng: random.Random, n: int):
    """Real places from the built gazetteer (cities and countries), else random points."""
    from geotimeline.records import GazetteerEntry
    from geotimeline.settings import Settings

    path = Path(Settings().gazetteer_path)
    if path.is_file():
        import sqlite3

        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            rows = con.execute("SELECT id, name, lat, lon, feature, country_code FROM entries "
                               "WHERE feature IN ('city', 'capital', 'country', 'admin1') AND population > 50000 "
                               "ORDER BY id").fetchall()
        finally:
            con.close()
        rng.shuffle(rows)
        return [GazetteerEntry(str(i), name, lat, lon, feature, cc or "") for i, name, lat, lon, feature, cc in rows[:n]]
    return [GazetteerEntry(f"p{i}", f"Place {i}", rng.uniform(-50, 65), rng.uniform(-170, 175), "city", "")
            for i in range(n)]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=5000)
    ap.add_argument("--articles", type=int, default=50)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()

    from geotimeline.report import write_report
    from geotimeline.settings import Settings

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        sys.exit("report_speed: needs Debian's chromium (apt install chromium)")
    from playwright.sync_api import sync_playwright

    frame, results = synth_results(args.events, args.articles)
    with tempfile.TemporaryDirectory() as out:
        t = time.perf_counter()
        write_report(frame, results, Path(out), Settings())
        write_s = time.perf_counter() - t
        page_path = Path(out) / "index.html"
        size = page_path.stat().st_size
        print(f"report: {len(frame):,} events, {frame['gazetteer_id'].nunique():,} places, {len(results)} articles")
        print(f"index.html: {size / 1e6:.2f} MB; written in {write_s:.2f} s")
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
            walls, readies, filters, slides, remote, phases = [], [], [], [], [], []
            for _ in range(args.runs):
                page = browser.new_page(viewport={"width": 1400, "height": 900})
                page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(("file:", "data:", "about:"))
                           else (remote.append(r.request.url), r.abort()))
                t = time.perf_counter()
                page.goto(page_path.as_uri(), wait_until="commit")
                page.wait_for_function("document.documentElement.dataset.ready === '1'", polling=10, timeout=30000)
                walls.append(time.perf_counter() - t)
                readies.append(page.evaluate("geotimeline.readyMs") / 1000)
                phases.append(page.evaluate("""() => { const t = geotimeline.timings, out = {}; let prev = t.start;
                    out.before_script = t.start; for (const k of ['data', 'markers', 'table', 'layout', 'apply', 'fit'])
                    { out[k] = t[k] - prev; prev = t[k]; } return out; }"""))
                filters.append(page.evaluate("""() => { const t = performance.now();
                    const f = document.getElementById('gt-filter'); f.value = 'city';
                    f.dispatchEvent(new Event('input')); geotimeline.apply(); return performance.now() - t; }""") / 1000)
                slides.append(page.evaluate("""() => { const t = performance.now(), g = geotimeline;
                    g.setRange(g.t.min + Math.floor((g.t.max - g.t.min) / 3), g.t.max); return performance.now() - t; }""") / 1000)
                page.close()
            browser.close()
    med = statistics.median
    print(f"open -> interactive (navigation to every view wired), median of {args.runs}: "
          f"{med(walls):.2f} s wall, {med(readies):.2f} s by the page's clock (target < 2 s)")
    print("  of which: " + ", ".join(f"{k.replace('_', ' ')} {med([p[k] for p in phases]):.0f} ms" for k in phases[0]))
    print(f"text filter applied to map, table and timeline: {med(filters) * 1000:.0f} ms")
    print(f"slider range applied to map, table and timeline: {med(slides) * 1000:.0f} ms")
    print(f"network requests: {len(remote)}")
    briefing(frame, results, chromium)


def briefing(frame, results, chromium: str) -> None:
    """Time each briefing output, drawn by the Chromium command line as ``--png``/``--pdf`` do."""
    from geotimeline.report import collection_title
    from geotimeline.report.briefing import briefing_data, page_pixels, render_briefing
    from geotimeline.report.chromium import print_pdf, screenshot

    data = briefing_data(frame, results, collection_title(frame, results))
    for name, mode in (("map.png", "map"), ("timeline.png", "timeline"), ("briefing.pdf", "pdf")):
        t = time.perf_counter()
        page = render_briefing(data, mode)
        out = print_pdf(page, chromium, page_pixels("a4")) if mode == "pdf" else screenshot(page, chromium, (1600, 900))
        print(f"{name}: {time.perf_counter() - t:.2f} s, {len(out) / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
