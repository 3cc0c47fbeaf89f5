"""Reports in headless Chromium (Debian's package, driven by Playwright).

Every request is routed: anything but file:, data:, blob: or about: is counted and refused, so
a page is proven to work offline. Dialogs (``alert``) and console errors are recorded, so an
injected script that ran would fail the test.
"""

from datetime import date

import pytest

from geotimeline.events import assemble_events, events_to_frame
from geotimeline.records import (
    Article,
    ArticleResult,
    DateMention,
    GazetteerEntry,
    Place,
    Toponym,
)
from geotimeline.report import write_report
from geotimeline.settings import Settings

from .conftest import ROOT, browser_required, chromium_path

pytestmark = [pytest.mark.browser]
LOCAL = ("file:", "data:", "blob:", "about:")
PAYLOADS = ['<img src=x onerror=alert(1)>', '</script><script>alert(2)</script>',
            '<a href="javascript:alert(3)">click</a>', '"><svg onload=alert(4)>']


@pytest.fixture(scope="module")
def browser():
    path = chromium_path()
    if not path:
        if browser_required():
            pytest.fail("Chromium is not installed (CI must install Debian's chromium)")
        pytest.skip("Chromium is not installed")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=path, args=["--no-sandbox", "--disable-gpu",
                                                          "--disable-background-networking"])
        yield b
        b.close()


def open_report(browser, path, viewport=(1300, 850)):
    context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
    page = context.new_page()
    page.errors, page.remote, page.dialogs = [], [], []
    page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: page.errors.append(str(e)))

    def dialog(d):
        page.dialogs.append(d.message)
        d.dismiss()

    page.on("dialog", dialog)

    def route(r):
        if r.request.url.startswith(LOCAL):
            r.continue_()
        else:
            page.remote.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.goto(path.as_uri())
    page.wait_for_function("document.documentElement.dataset.ready === '1'")
    return context, page


@pytest.fixture
def page(browser, seeds_report):
    """The seeds report with mentions shown too, so every row and marker is there to test."""
    context, page = open_report(browser, seeds_report / "index.html")
    page.check("#gt-mentions")
    yield page
    context.close()


def test_events_by_default_mentions_on_request(browser, seeds_report):
    import pandas as pd

    frame = pd.read_csv(seeds_report / "events.csv")
    n_events, n_all = int((frame["kind"] == "event").sum()), len(frame)
    assert 0 < n_events < n_all
    context, page = open_report(browser, seeds_report / "index.html")
    try:
        assert visible_rows(page).count() == n_events
        assert "of %d events" % n_events in page.locator("#gt-count").inner_text()
        # every visible row says what happened; a mention row says it is one
        whats = page.locator("#gt-events tbody tr:not([hidden]) .gt-what-text").all_text_contents()
        assert len(whats) == n_events and all(w.strip() for w in whats)
        page.check("#gt-mentions")
        assert visible_rows(page).count() == n_all
        assert page.locator("#gt-events tbody tr.gt-mention:not([hidden])").count() == n_all - n_events
        page.uncheck("#gt-mentions")
        assert visible_rows(page).count() == n_events
    finally:
        context.close()


def visible_rows(page):
    # not ":visible": rows scrolled out of view are skipped by content-visibility, yet shown
    return page.locator("#gt-events tbody tr:not([hidden])")


def shown_markers(page):
    return page.evaluate("geotimeline.markers.filter(m => m.shown).length")


@pytest.mark.full_gazetteer
def test_offline_and_no_console_errors(page):
    page.wait_for_timeout(300)
    assert page.remote == []
    assert page.errors == [] and page.dialogs == []
    assert page.locator(".leaflet-interactive").count() > 10  # country outlines drawn
    assert page.locator(".gt-pin, .marker-cluster").count() > 5  # markers and clusters drawn
    assert "GeoNames" in page.inner_text(".leaflet-control-attribution")


@pytest.mark.full_gazetteer
def test_row_click_opens_marker_popup(page):
    row = page.locator("#gt-events tbody tr").filter(has_text="Mosul").first
    row.click()
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    assert "Mosul" in popup.inner_text()
    assert "gt-selected" in row.get_attribute("class")
    assert page.errors == []


@pytest.mark.full_gazetteer
def test_keyboard_enter_on_row_opens_popup(page):
    # the row whose place is Sinjar (other rows may quote the name in what happened)
    row = page.locator("#gt-events tbody tr").filter(has=page.locator("td.gt-place", has_text="Sinj")).first
    row.focus()
    page.keyboard.press("Enter")
    page.locator(".leaflet-popup-content").wait_for()
    assert "Sinj" in page.locator(".leaflet-popup-content").inner_text()
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.tagName") == "TR"


@pytest.mark.full_gazetteer
def test_marker_click_highlights_its_rows(page):
    place_id = page.locator("#gt-events tbody tr").filter(has_text="Mosul").first.get_attribute("data-place")
    index = page.evaluate("id => geotimeline.data.places.findIndex(p => p.id === id)", place_id)
    page.evaluate("i => geotimeline.markers[i].fire('click')", index)
    selected = page.locator("tr.gt-selected")
    assert selected.count() >= 2
    assert all(selected.nth(i).get_attribute("data-place") == place_id for i in range(selected.count()))


@pytest.mark.full_gazetteer
def test_real_marker_click_in_the_map(page):
    # a country marker is never clustered away at world zoom: click it as a user would
    page.evaluate("geotimeline.map.setView([33, 44], 4, {animate: false})")
    page.locator(".gt-pin-country").first.wait_for()  # drawn after the view settles (slow under load)
    size = page.viewport_size
    pins = [p for p in page.locator(".gt-pin-country").all()
            if (box := p.bounding_box()) and 0 <= box["x"] < size["width"] and 0 <= box["y"] < size["height"]]
    assert pins, "no country marker on screen around Iraq"
    pins[0].click()
    page.locator(".leaflet-popup-content").wait_for()
    assert page.locator("tr.gt-selected").count() >= 1
    assert page.errors == []


@pytest.mark.full_gazetteer
def test_selecting_a_country_or_division_draws_its_outline(page):
    for kind in ("country", "region"):
        i = page.evaluate("""kind => geotimeline.data.events.findIndex(e => e.place.kind === kind
                             && (kind === 'country' ? geotimeline.outlineIndex[e.place.cc] : e.place.outline))""", kind)
        assert i >= 0, f"the seeds have no {kind} with an outline"
        page.locator(f"#gt-events tbody tr[data-i='{i}']").click()
        assert page.evaluate("geotimeline.selection.getLayers().length") == 1
        assert page.locator("path.leaflet-interactive[stroke-dasharray], path[stroke='#8250df']").count() >= 1
    page.locator("#gt-events tbody tr").filter(has_text="Mosul").first.click()
    assert page.evaluate("geotimeline.selection.getLayers().length") == 0  # a city has none


@pytest.mark.full_gazetteer
def test_text_filter_hides_rows_and_markers(page):
    total, markers = page.locator("#gt-events tbody tr").count(), shown_markers(page)
    page.fill("#gt-filter", "Mosul")
    page.wait_for_timeout(100)
    visible = visible_rows(page).count()
    assert 0 < visible < total
    assert f"{visible} of {total}" in page.inner_text("#gt-count")
    assert 0 < shown_markers(page) < markers


@pytest.mark.full_gazetteer
def test_slider_filters_map_table_and_timeline(page):
    total, markers = page.locator("#gt-events tbody tr").count(), shown_markers(page)
    page.focus("#gt-from")
    page.keyboard.press("End")  # from = the last day: "to" follows, one day left
    page.wait_for_timeout(100)
    last = page.evaluate("geotimeline.t.max")
    rows = visible_rows(page)
    assert 0 < rows.count() < total
    ends = page.evaluate("Array.from(document.querySelectorAll('#gt-events tbody tr:not([hidden])'))"
                         ".map(r => geotimeline.data.events[+r.dataset.i].e)")
    assert all(e >= last for e in ends)  # every row left overlaps the chosen day
    assert shown_markers(page) < markers
    assert "All dates" not in page.inner_text("#gt-range-label")
    page.click("#gt-range-reset")
    page.wait_for_timeout(100)
    assert visible_rows(page).count() == total and shown_markers(page) == markers


@pytest.mark.full_gazetteer
def test_brush_on_the_timeline_filters(page):
    total = page.locator("#gt-events tbody tr").count()
    box = page.locator("#gt-strip").bounding_box()
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] * 0.55, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.75, y, steps=5)
    page.mouse.up()
    page.wait_for_timeout(100)
    assert page.evaluate("geotimeline.windowed()")
    assert 0 < visible_rows(page).count() < total
    assert int(page.input_value("#gt-from")) > 0
    page.click("#gt-zoom")  # stretch the range across the axis
    assert page.evaluate("[geotimeline.t.v0, geotimeline.t.v1]") == page.evaluate("[geotimeline.state.from, geotimeline.state.to]")
    assert page.inner_text("#gt-zoom") == "Zoom out"
    page.click("#gt-zoom")
    assert page.evaluate("geotimeline.t.v0 === geotimeline.t.min && geotimeline.t.v1 === geotimeline.t.max")


@pytest.mark.full_gazetteer
def test_click_on_a_timeline_bar_selects_its_event(page):
    box = page.locator("#gt-strip").bounding_box()
    hit = page.evaluate("""() => { const g = geotimeline, geo = g.geometry(), laneH = (geo.h - geo.axis - 4) / g.lanes;
        const e = g.t.dated.filter(e => e.precision === 'month')[0];
        return {i: e.i, lane: e.lane, x: (e.x0 + e.x1) / 2, y: 2 + e.lane * laneH + 1}; }""")
    page.mouse.click(box["x"] + hit["x"], box["y"] + hit["y"])
    selected = page.locator("tr.gt-selected")
    assert selected.count() == 1
    # the bar under the pointer (the narrowest, where bars overlap) is the one selected
    lane, x0, x1 = page.evaluate("(e => [e.lane, e.x0, e.x1])(geotimeline.data.events[geotimeline.selected])")
    assert lane == hit["lane"] and x0 - 2 <= hit["x"] <= x1 + 2
    assert selected.first.get_attribute("data-i") == str(page.evaluate("geotimeline.selected"))


@pytest.mark.full_gazetteer
def test_selects_filter_and_headers_sort(page):
    total = page.locator("#gt-events tbody tr").count()
    page.select_option("#gt-country", "SY")
    rows = visible_rows(page)
    assert 0 < rows.count() < total
    assert set(rows.locator(".gt-country").all_text_contents()) == {"SY"}
    page.select_option("#gt-country", "")
    page.select_option("#gt-precision", "year")
    assert set(visible_rows(page).locator(".gt-precision").all_text_contents()) <= {"year", "year · from context",
                                                                              "year · from published"}
    page.select_option("#gt-precision", "")
    page.click("#gt-events th button[data-sort=place]")
    names = visible_rows(page).locator(".gt-place-name").all_text_contents()
    assert names == sorted(names, key=str.lower) or names == sorted(names)
    assert page.get_attribute("#gt-events th:nth-child(2)", "aria-sort") == "ascending"
    page.click("#gt-events th button[data-sort=place]")
    assert page.get_attribute("#gt-events th:nth-child(2)", "aria-sort") == "descending"
    assert visible_rows(page).locator(".gt-place-name").first.text_content() == names[-1]


@pytest.mark.full_gazetteer
def test_legend_toggles_an_article_in_both_views(page):
    total, markers = page.locator("#gt-events tbody tr").count(), shown_markers(page)
    box = page.locator(".gt-legend input[data-article]").first
    article = box.get_attribute("data-article")
    box.uncheck()
    rows = visible_rows(page)
    assert 0 < rows.count() < total
    assert article not in {rows.nth(i).get_attribute("data-article") for i in range(rows.count())}
    assert shown_markers(page) <= markers
    box.check()
    assert visible_rows(page).count() == total


# ---- article text carrying HTML or script: built from records, no gazetteer needed ----

def _hostile_results():
    results = []
    for k, payload in enumerate(PAYLOADS):
        text = f"Mosul fell on March 7, 2017. {payload} Fighters left Mosul {payload}."
        art = Article(f"a{k}{payload[:6]}", text, title=f"Title {payload}", source=f"javascript:alert({k})",
                      published=date(2017, 3, 15))
        place = Place(Toponym(0, 5, "Mosul"), GazetteerEntry("99072", f"Mosul {payload}", 36.335, 43.119, "city", "IQ"),
                      0.9, why=payload, alternatives=(("1", payload, 0.1),))
        when = DateMention(14, 27, "March 7, 2017", "DATE", "2017-03-07", date(2017, 3, 7), date(2017, 3, 7), "day")
        events = assemble_events(art, [place], [when], [(0, len(text))])
        results.append(ArticleResult(art, (place,), (when,), tuple(events)))
    return results


@pytest.fixture(scope="module")
def hostile_report(tmp_path_factory):
    results = _hostile_results()
    out = tmp_path_factory.mktemp("hostile")
    write_report(events_to_frame(results), results, out, Settings(), embed=True)
    return out


@pytest.mark.parametrize("name", ["index.html", "embed.html"])
def test_injection_payloads_stay_inert(browser, hostile_report, name):
    context, page = open_report(browser, hostile_report / name)
    try:
        if name == "index.html":
            for i in range(page.locator("#gt-events tbody tr").count()):
                page.locator("#gt-events tbody tr").nth(i).click()
            page.locator(".leaflet-popup-content").wait_for()
            text = page.text_content("#gt-events")
            assert "<img src=x onerror=alert(1)>" in text and "</script><script>alert(2)</script>" in text
            assert page.locator("#gt-events img, #gt-events svg, #gt-events a, #gt-events script").count() == 0
        page.evaluate("geotimeline.markers[0].fire('click'); geotimeline.markers[0].openPopup()")
        page.wait_for_timeout(300)
        assert page.locator(".leaflet-popup-content img, .leaflet-popup-content svg").count() == 0
        assert page.locator("img[src=x], svg[onload]").count() == 0
        assert page.dialogs == [] and page.errors == [] and page.remote == []
    finally:
        context.close()


def test_embed_fills_its_container(browser, hostile_report):
    context, page = open_report(browser, hostile_report / "embed.html", viewport=(640, 400))
    try:
        box = page.locator(".gt-map").bounding_box()
        assert box["width"] == 640 and box["height"] > 250
        assert page.locator("header, footer, #gt-events").count() == 0
    finally:
        context.close()


def test_screenshot_is_drawn_by_headless_chromium_at_twice_the_density(tmp_path):
    if not chromium_path():
        pytest.skip("Chromium is not installed")
    from geotimeline.report.chromium import screenshot

    png = screenshot("<html><body style='background:#123456'>map</body></html>", chromium_path(), (320, 200))
    width, height, pixels = decode_png(png)
    assert (width, height) == (640, 400)
    assert pixels[10][10][:3] == (0x12, 0x34, 0x56)


# ---- briefing outputs: pictures, print, titles and deep links, on events built from records ----

BRIEF = [
    ("a-mosul", "Iraqi forces push into Mosul as the siege of the old city enters its second week", date(2017, 3, 15), [
        ("Mosul", "99072", 36.335, 43.119, "city", "IQ", "March 7, 2017", "2017-03-07", "day", "Iraqi forces entered Mosul", 0.95),
        ("Sinjar", "94298", 36.322, 41.877, "city", "IQ", "March 2017", "2017-03", "month", "Kurdish fighters retook Sinjar", 0.5),
        ("Ramadi", "98717", 33.426, 43.299, "city", "IQ", "1991", "1991", "year", "the first siege of the city", 0.3)]),
    ("b-paris", "Talks in Paris", date(2016, 1, 13), [
        ("Paris", "2988507", 48.853, 2.349, "capital", "FR", "January 12, 2016", "2016-01-12", "day",
         "Diplomats met to discuss Syria", 0.8),
        ("Raqqa", "163915", 35.953, 39.009, "city", "SY", "January 10, 2016", "2016-01-10", "day", "Air strikes hit Raqqa", 0.6)]),
    ("c-aleppo", "Undated report from Aleppo", None, [
        ("Aleppo", "170063", 36.202, 37.158, "city", "SY", None, None, None, "Shelling hit the old city", 0.4)]),
]
TITLE = "Iraq and Syria, 1991–2017"


def briefing_results(extra: int = 0):
    """Three titled articles: days, a month, a year long before the rest, an undated event; ``extra``
    more days in Iraq in the first."""
    import calendar

    from geotimeline.events import events_to_frame

    results, what = [], {}
    for aid, title, published, rows in BRIEF:
        rows = list(rows)
        if aid == "a-mosul":
            rows += [(f"Town {k}", f"9{k:05d}", 33 + k * 0.07, 41 + (k % 9) * 0.4, "city", "IQ", f"2017-02-{k % 28 + 1:02d}",
                      f"2017-02-{k % 28 + 1:02d}", "day", f"a raid near town {k}", 0.2) for k in range(extra)]
        text, places, dates, spans = "", [], [], []
        for name, gid, lat, lon, feature, cc, when, value, precision, happened, conf in rows:
            start = len(text)
            text += f"In {name}, {happened.lower()}" + (f" on {when}" if when else "") + ". "
            places.append(Place(Toponym(start + 3, start + 3 + len(name), name),
                                GazetteerEntry(gid, name, lat, lon, feature, cc), 0.9))
            if when:
                at = text.index(when, start)
                y, m, d = (int(x) for x in (value + "-0-0").split("-")[:3])
                last = date(y, m, d) if d else date(y, m, calendar.monthrange(y, m)[1]) if m else date(y, 12, 31)
                dates.append(DateMention(at, at + len(when), when, "DATE", value, date(y, m or 1, d or 1), last, precision))
            spans.append((start, len(text) - 1))
            what[name] = (happened, conf)
        art = Article(aid, text, title=title, path=f"/news/{aid}.txt", published=published)
        results.append(ArticleResult(art, tuple(places), tuple(dates), tuple(assemble_events(art, places, dates, spans))))
    frame = events_to_frame(results)
    frame["what"] = [what[p][0] for p in frame["place"]]
    frame["confidence"] = [what[p][1] for p in frame["place"]]
    frame["kind"] = "event"  # the undated one too
    return frame, results


def decode_png(data: bytes):
    """(width, height, rows of RGBA pixels) of an 8-bit RGB or RGBA PNG, as Chromium writes them."""
    import struct
    import zlib

    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, color = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and color in (2, 6)
            bpp = 4 if color == 6 else 3
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw, stride, prev, rows = zlib.decompress(idat), width * bpp, bytearray(width * bpp), []
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b, c = prev[i], prev[i - bpp] if i >= bpp else 0
            if kind == 1:
                line[i] = (line[i] + a) & 255
            elif kind == 2:
                line[i] = (line[i] + b) & 255
            elif kind == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append([tuple(line[x * bpp:x * bpp + 3]) + ((line[x * bpp + 3],) if bpp == 4 else (255,))
                     for x in range(width)])
        prev = line
    return width, height, rows


def colour_count(rows, hex_colour: str, tolerance: int = 8, top: int = 0) -> int:
    want = tuple(int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return sum(all(abs(px[i] - want[i]) <= tolerance for i in range(3)) for row in rows[top:] for px in row)


def dark_count(rows, top: int, bottom: int) -> int:
    return sum(sum(px[:3]) < 200 for row in rows[top:bottom] for px in row)


def require_chromium():
    if not chromium_path():
        if browser_required():
            pytest.fail("Chromium is not installed (CI must install Debian's chromium)")
        pytest.skip("Chromium is not installed")


@pytest.fixture(scope="module")
def briefing_report(tmp_path_factory):
    require_chromium()
    frame, results = briefing_results()
    out = tmp_path_factory.mktemp("briefing")
    write_report(frame, results, out, Settings(title=TITLE), embed=True, png=True, pdf=True, png_size=(1200, 675))
    return out


def open_briefing(browser, mode, frame, results, size=(1200, 675), paper="a4"):
    """The briefing page a picture or the PDF is made from, open in a page of the same size."""
    from geotimeline.report.briefing import briefing_data, page_pixels, render_briefing

    html = render_briefing(briefing_data(frame, results, TITLE), mode, size=size, paper=paper)
    viewport = size if mode != "pdf" else page_pixels(paper)
    context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
    page = context.new_page()
    page.errors, page.dialogs = [], []
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
    page.set_content(html)
    page.wait_for_function("document.documentElement.dataset.ready === '1'")
    return context, page


def stat(page, name):
    return int(page.evaluate(f"document.documentElement.getAttribute('data-{name}')"))


def boxes(page, selector):
    return [b for b in (page.locator(selector).nth(i).bounding_box() for i in range(page.locator(selector).count())) if b]


def overlapping(rects):
    return [(a, b) for i, a in enumerate(rects) for b in rects[i + 1:]
            if a["x"] < b["x"] + b["width"] and b["x"] < a["x"] + a["width"]
            and a["y"] < b["y"] + b["height"] and b["y"] < a["y"] + a["height"]]


def test_pictures_have_the_asked_size_title_labels_and_colours(briefing_report):
    from geotimeline.report import PALETTE

    for name in ("map.png", "timeline.png"):
        data = (briefing_report / name).read_bytes()
        assert b"pHYs" in data[:64]  # 192 dpi: placed at 1200×675 in a slide
        width, height, rows = decode_png(data)
        assert (width, height) == (2400, 1350)
        assert dark_count(rows, 0, 90) > 2000, f"{name}: no title drawn"  # the title band (45 CSS px)
        for colour in PALETTE[:3]:  # every article's colour: markers, bars, label edges
            assert colour_count(rows, colour, top=100) > 30, f"{name}: {colour} not drawn"
    _, _, rows = decode_png((briefing_report / "map.png").read_bytes())
    assert dark_count(rows, 100, 1350) > 5000  # place labels, legend and credit in the map


def test_map_picture_labels_every_place_without_overlap(browser):
    frame, results = briefing_results()
    context, page = open_briefing(browser, "map", frame, results)
    try:
        assert page.inner_text(".bf-title") == TITLE
        assert stat(page, "map-places") == 6 and stat(page, "map-labels") == 6 and stat(page, "map-label-overlaps") == 0
        labels = page.locator(".bf-label").all_inner_texts()
        assert {t.split(" (")[0] for t in labels} == {"Mosul", "Sinjar", "Ramadi", "Paris", "Raqqa", "Aleppo"}
        rects = boxes(page, ".bf-label") + boxes(page, ".bf-legend") + boxes(page, ".bf-credit") + boxes(page, ".bf-country")
        assert overlapping(rects) == []
        assert all(0 <= r["x"] and r["x"] + r["width"] <= 1200 and r["y"] + r["height"] <= 675 for r in rects)
        # the countries in view are named, faintly, where they fit
        countries = page.locator(".bf-country").all_text_contents()
        assert stat(page, "map-countries") == len(countries) and {"Turkey", "Syria", "France"} <= set(countries)
        legend = page.locator(".bf-legend-title").all_inner_texts()
        assert legend[1] == "Talks in Paris" and legend[0].startswith("Iraqi forces push") and legend[0].endswith("…")
        assert "GeoNames" in page.inner_text(".bf-credit") and "Natural Earth" in page.inner_text(".bf-credit")
        assert page.locator(".marker-cluster").count() == 0 and page.locator(".gt-pin").count() >= 6
        assert page.errors == []
    finally:
        context.close()


def test_timeline_picture_breaks_long_gaps_and_sets_undated_aside(browser):
    frame, results = briefing_results()
    context, page = open_briefing(browser, "timeline", frame, results)
    try:
        assert stat(page, "timeline-events") == 6 and stat(page, "timeline-labels") == 6
        assert overlapping(boxes(page, ".bf-tl-label")) == []
        # 1991 | January 2016 | March 2017: two breaks, two strokes each
        assert page.locator(".bf-break").count() == 4
        assert "Aleppo" in page.inner_text(".bf-undated")
        heads = page.locator(".bf-tl-labels .bf-tl-head").all_inner_texts()
        assert "Mosul · 7 Mar 2017" in heads and "Ramadi · 1991" in heads and "Sinjar · Mar 2017" in heads
        assert page.locator(".bf-foot .bf-legend-title").all_inner_texts()[1] == "Talks in Paris"
    finally:
        context.close()


def test_timeline_labels_keep_room_for_two_lines(browser):
    # the first label measured ("Air strikes hit Raqqa") holds one line; the next needs two
    frame, results = briefing_results()
    context, page = open_briefing(browser, "timeline", frame[frame["article_id"] == "b-paris"], results[1:2])
    try:
        assert page.evaluate("[...document.querySelectorAll('.bf-tl-label')].every(n => n.scrollHeight <= n.clientHeight + 1)")
    finally:
        context.close()


@pytest.mark.parametrize("mode", ["map", "timeline", "pdf"])
def test_briefing_pages_keep_injection_payloads_inert(browser, mode):
    from geotimeline.events import events_to_frame

    results = _hostile_results()
    frame = events_to_frame(results)
    frame["what"] = PAYLOADS[: len(frame)]
    context, page = open_briefing(browser, mode, frame, results)
    try:
        page.wait_for_timeout(200)
        assert page.locator("img[src=x], svg[onload], a[href^=javascript], .bf-sheet script").count() == 0
        assert "<img src=x onerror=alert(1)>" in page.inner_text("body")
        assert page.dialogs == [] and page.errors == []
    finally:
        context.close()


def test_briefing_with_no_events_says_so(browser):
    frame, results = briefing_results()
    frame["kind"] = "mention"
    for mode in ("map", "timeline", "pdf"):
        context, page = open_briefing(browser, mode, frame[frame["kind"] == "event"], results)
        try:
            assert page.locator(".bf-empty").count() == (2 if mode == "pdf" else 1)
            assert "Show mentions too" in page.locator(".bf-empty").first.inner_text() and page.errors == []
        finally:
            context.close()


def test_briefing_pdf_is_one_landscape_page(briefing_report):
    from pypdf import PdfReader

    pdf = PdfReader(briefing_report / "briefing.pdf")
    assert len(pdf.pages) == 1
    box = pdf.pages[0].mediabox
    assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == (297, 210)
    text = pdf.pages[0].extract_text()
    assert TITLE in text and "What happened" in text and "Talks in Paris" in text
    assert all(name in text for name in ("Mosul", "Sinjar", "Ramadi", "Paris", "Raqqa", "Aleppo"))
    assert "more event" not in text  # six events fit
    assert "Sources:" in text and "(15 Mar 2017)" in text  # each article with its date (and publisher)


def test_briefing_pdf_counts_the_events_that_do_not_fit(browser, tmp_path):
    from pypdf import PdfReader

    require_chromium()
    frame, results = briefing_results(extra=60)
    write_report(frame, results, tmp_path, Settings(title=TITLE), pdf=True, paper="letter")
    pdf = PdfReader(tmp_path / "briefing.pdf")
    assert len(pdf.pages) == 1
    box = pdf.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (792, 612)
    context, page = open_briefing(browser, "pdf", frame, results, paper="letter")
    try:
        rows, total = stat(page, "table-rows"), stat(page, "table-events")
        assert total == 66 and 5 < rows < total
        assert f"+ {total - rows} more events not listed" in pdf.pages[0].extract_text()
        assert overlapping(boxes(page, ".bf-label") + boxes(page, ".bf-legend") + boxes(page, ".bf-credit")) == []
        section = page.locator(".bf-events").bounding_box()
        last = page.locator(".bf-table tbody tr").last.bounding_box()
        assert last["y"] + last["height"] <= section["y"] + section["height"] + 0.5  # no row cut
        # the most confident events are the ones listed, in date order
        listed = page.locator(".bf-t-what").all_inner_texts()
        assert "Iraqi forces entered Mosul" in listed and "Diplomats met to discuss Syria" in listed
    finally:
        context.close()


def test_legend_table_and_popups_name_articles_by_title(browser, briefing_report):
    context, page = open_report(browser, briefing_report / "index.html")
    try:
        assert page.inner_text("h1") == TITLE
        legend = page.locator(".gt-legend-title").all_inner_texts()
        assert legend[1] == "Talks in Paris" and not any(t.startswith(("a-mosul", "b-paris")) for t in legend)
        hover = page.locator(".gt-legend-item").first.get_attribute("title")
        assert hover.startswith(BRIEF[0][1]) and "file: a-mosul.txt" in hover
        row = page.locator('#gt-events tbody tr[data-article="b-paris"]').first
        assert "Talks in Paris" in row.locator(".gt-article").inner_text()
        assert "file: b-paris.txt" in row.locator(".gt-article").get_attribute("title")
        page.locator('#gt-events tbody tr[data-place="2988507"]').click()
        page.locator(".leaflet-popup-content").wait_for()
        popup = page.inner_text(".leaflet-popup-content")
        assert "(Talks in Paris)" in popup and "b-paris" not in popup
    finally:
        context.close()


def test_row_clicked_as_the_page_opens_shows_its_clustered_marker(browser, briefing_report):
    # Raqqa sits in a cluster at the first view; the click comes within the clusters' 200 ms
    # zoom animation if they were on the map before the first fit (they left markers unshown)
    for _ in range(2):
        context, page = open_report(browser, briefing_report / "index.html")
        try:
            page.locator('#gt-events tbody tr[data-place="163915"]').click()
            page.locator(".leaflet-popup-content").wait_for(timeout=5000)
            assert "Raqqa" in page.inner_text(".leaflet-popup-content")
            assert page.evaluate("geotimeline.markers.filter(m => m.shown && m._icon).length") >= 3
        finally:
            context.close()


def test_deep_link_opens_the_filtered_view_and_follows_changes(browser, briefing_report):
    import urllib.parse

    context = browser.new_context(viewport={"width": 1300, "height": 850})
    page = context.new_page()
    try:
        page.goto((briefing_report / "index.html").as_uri() + "#from=2016-01-11&to=2016-01-31&article=b-paris")
        page.wait_for_function("document.documentElement.dataset.ready === '1'")
        assert visible_rows(page).count() == 1 and shown_markers(page) == 1
        assert "Paris" in visible_rows(page).first.inner_text()
        assert page.input_value("#gt-article") == "1"
        page.select_option("#gt-article", "")
        page.fill("#gt-filter", "diplomats")
        page.wait_for_timeout(400)
        link = urllib.parse.parse_qs(page.evaluate("location.hash")[1:])
        assert link == {"from": ["2016-01-11"], "to": ["2016-01-31"], "q": ["diplomats"]}
        assert visible_rows(page).count() == 1 and "Paris" in visible_rows(page).first.inner_text()
        page.evaluate("location.hash = '#place=99072'")  # a link followed in the same page
        page.wait_for_function("geotimeline.shown === 1 && geotimeline.state.place >= 0")
        assert "Mosul" in visible_rows(page).first.inner_text() and page.input_value("#gt-filter") == ""
        assert page.locator("#gt-place-chip").is_visible()
        page.click("#gt-place-clear")
        page.wait_for_function("location.hash === ''")
        assert visible_rows(page).count() == 6
    finally:
        context.close()


def test_deep_link_works_inside_an_iframe(browser, briefing_report):
    host = briefing_report / "host.html"
    host.write_text('<!DOCTYPE html><html><body><h1>Briefing</h1><iframe id="f" '
                    'src="embed.html#article=a-mosul&place=94298" style="width:800px;height:480px;border:0"></iframe>'
                    '</body></html>', encoding="utf-8")
    context = browser.new_context(viewport={"width": 1000, "height": 700})
    page = context.new_page()
    try:
        page.goto(host.as_uri())
        frame = page.frame_locator("#f")
        frame.locator("html[data-ready='1']").wait_for(state="attached")
        inner = next(f for f in page.frames if f.url.split("#")[0].endswith("embed.html"))
        assert inner.evaluate("geotimeline.shown") == 1
        assert inner.evaluate("geotimeline.data.places[geotimeline.state.place].name") == "Sinjar"
        assert "Only Sinjar" in frame.locator("#gt-place-chip").inner_text()
        frame.locator(".gt-legend summary").click()  # folded in a small frame
        frame.locator('.gt-legend input[data-article="b-paris"]').check()
        inner.wait_for_function("location.hash === '#article=a-mosul%2Cb-paris&place=94298'")
        assert page.evaluate("location.hash") == ""  # the host page's own address is left alone
    finally:
        context.close()


@pytest.mark.full_gazetteer
def test_seed_briefing_reads_at_slide_size(browser, full_pipeline, tmp_path):
    """The seeds' pictures and PDF, as an analyst gets them: the screenshot-based check."""
    from pypdf import PdfReader

    from geotimeline.events import events_to_frame
    from geotimeline.pipeline import build, process_corpus
    from geotimeline.report import PALETTE

    require_chromium()
    build(ROOT / "seeds", tmp_path, pipeline=full_pipeline, png=True, pdf=True)
    width, height, rows = decode_png((tmp_path / "map.png").read_bytes())
    assert (width, height) == (3200, 1800)
    assert dark_count(rows, 0, 120) > 5000  # the title
    for colour in PALETTE[:5]:
        assert colour_count(rows, colour, top=160) > 40, f"map.png: article colour {colour} not drawn"
    width, height, rows = decode_png((tmp_path / "timeline.png").read_bytes())
    assert (width, height) == (3200, 1800) and dark_count(rows, 0, 120) > 5000
    assert len(PdfReader(tmp_path / "briefing.pdf").pages) == 1

    results = [r for r in process_corpus(ROOT / "seeds", full_pipeline)]
    frame = events_to_frame(results)
    frame = frame[frame["kind"] == "event"]
    context, page = open_briefing(browser, "map", frame, results, size=(1600, 900))
    try:
        # most places named, none overlapping; the legend names the articles by title
        assert stat(page, "map-labels") >= 0.8 * stat(page, "map-places") and stat(page, "map-label-overlaps") == 0
        assert overlapping(boxes(page, ".bf-label") + boxes(page, ".bf-legend") + boxes(page, ".bf-credit")) == []
        assert "ISIS and Boko Haram: An alliance from hell" in page.locator(".bf-legend-title").all_inner_texts()
    finally:
        context.close()
    context, page = open_briefing(browser, "timeline", frame, results, size=(1600, 900))
    try:
        assert stat(page, "timeline-labels") >= 0.75 * stat(page, "timeline-events")
        assert overlapping(boxes(page, ".bf-tl-label")) == []
        fonts = page.evaluate("[...document.querySelectorAll('.bf-tl-label')].map(n => parseFloat(getComputedStyle(n).fontSize))")
        assert min(fonts) >= 14  # readable on a slide
        # every date is shown whole ("Mauritania · week of 24 Feb 2020" takes two lines)
        assert page.evaluate("""[...document.querySelectorAll('.bf-tl-label')].every(n => {
            const d = n.querySelector('.bf-tl-date').getBoundingClientRect(), b = n.getBoundingClientRect();
            return d.width > 0 && d.right <= b.right + 0.5 && d.bottom <= b.bottom + 0.5; })""")
    finally:
        context.close()
    context, page = open_briefing(browser, "pdf", frame, results)
    try:  # on paper too, nothing covers anything
        assert overlapping(boxes(page, ".bf-label") + boxes(page, ".bf-legend") + boxes(page, ".bf-credit") +
                           boxes(page, ".bf-country")) == []
        assert overlapping(boxes(page, ".bf-tl-label")) == []
    finally:
        context.close()
