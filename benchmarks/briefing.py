"""How much of each briefing picture reads: labels placed on the map and the timeline, and rows
in the PDF's table, for the seeds and for news from ``../shared/eval/`` (LGL: US local news,
GeoVirus: international epidemic news).

Each collection is processed by the pipeline; its events are laid out by the briefing page in
headless Chromium (Debian's, via Playwright) at 1600×900 and on A4, as ``--png``/``--pdf`` draw
them. Prints, per collection: places labelled on the map, label overlaps (counted from the
labels' boxes), events labelled on the timeline, and table rows listed in the PDF. Rerun after
changes to the briefing page and update BENCHMARKS.md.

    python3 benchmarks/briefing.py [--articles 25]
"""

from __future__ import annotations

import argparse
import shutil
import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _eval import load_corpus  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
OVERLAPS = """() => { const r = [...document.querySelectorAll('.bf-label, .bf-tl-label, .bf-country, .bf-legend, .bf-credit')]
  .map(n => n.getBoundingClientRect()).filter(b => b.width); let n = 0;
  r.forEach((a, i) => r.slice(i + 1).forEach(b => { if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) n++; }));
  return n; }"""


def collections(n: int):
    from geotimeline.load import iter_articles
    from geotimeline.records import Article
    from geotimeline.settings import Settings

    yield "seeds", [a for a in iter_articles(ROOT / "seeds", Settings()) if isinstance(a, Article)]
    for name in ("lgl", "geovirus"):
        docs = load_corpus("geo", name, n)
        yield f"{name} ({len(docs)})", [
            Article(d["id"], d["text"], title=d.get("title") or "",
                    published=date.fromisoformat(d["doc_date"]) if d.get("doc_date") else None) for d in docs]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=25, help="articles from each evaluation corpus (default 25)")
    args = ap.parse_args()
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        sys.exit("briefing: needs Debian's chromium (apt install chromium)")
    from playwright.sync_api import sync_playwright

    from geotimeline.events import events_to_frame
    from geotimeline.pipeline import Pipeline
    from geotimeline.report import collection_title
    from geotimeline.report.briefing import briefing_data, page_pixels, render_briefing
    from geotimeline.settings import Settings

    pipeline = Pipeline(Settings(progress=False))
    print("| collection | events | map: places labelled | timeline: events labelled | PDF: table rows | label overlaps |")
    print("|---|---|---|---|---|---|")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
        for name, articles in collections(args.articles):
            results = [pipeline.process(a) for a in articles]
            frame = events_to_frame(results)
            data = briefing_data(frame, results, collection_title(frame, results))
            stats, overlaps = {}, 0
            for mode in ("map", "timeline", "pdf"):
                size = page_pixels("a4") if mode == "pdf" else (1600, 900)
                page = browser.new_page(viewport={"width": size[0], "height": size[1]})
                page.set_content(render_briefing(data, mode))
                page.wait_for_function("document.documentElement.dataset.ready === '1'")
                stats[mode] = page.evaluate("Object.fromEntries([...document.documentElement.attributes]"
                                            ".filter(a => a.name.startsWith('data-')).map(a => [a.name.slice(5), a.value]))")
                overlaps += page.evaluate(OVERLAPS)
                page.close()
            m, t, d = stats["map"], stats["timeline"], stats["pdf"]
            print(f"| {name} | {t['timeline-events']} | {m['map-labels']} of {m['map-places']} | "
                  f"{t['timeline-labels']} of {t['timeline-events']} | {d['table-rows']} of {d['table-events']} | {overlaps} |")
        browser.close()


if __name__ == "__main__":
    main()
