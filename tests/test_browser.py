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

from .conftest import browser_required, chromium_path

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


def test_png_is_drawn_by_headless_chromium(tmp_path):
    if not chromium_path():
        pytest.skip("Chromium is not installed")
    from geotimeline.report.png import render_png

    html = (tmp_path / "p.html")
    html.write_text("<html><body style='background:#123456'>map</body></html>")
    png = render_png(html.read_text(), chromium_path(), size=(320, 200))
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert int.from_bytes(png[16:20], "big") == 320 and int.from_bytes(png[20:24], "big") == 200


def test_build_png_draws_the_map(browser, hostile_report, tmp_path):
    import shutil

    from geotimeline.report import write_report

    # the report folder's own events, re-rendered with --png into a copy
    out = tmp_path / "out"
    shutil.copytree(hostile_report, out)
    results = _hostile_results()
    paths = write_report(events_to_frame(results), results, out, Settings(), png=True)
    png = (out / "map.png").read_bytes()
    assert out / "map.png" in paths and png[:8] == b"\x89PNG\r\n\x1a\n"
    assert (int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")) == (1600, 900)
    assert not (out / "embed.html").exists()  # not asked for this time
