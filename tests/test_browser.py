"""The seeds' report in headless Chromium (Debian's package, driven by Playwright).

Every request is routed: anything but file:, data:, blob: or about: is counted and refused, so
the page is proven to work offline.
"""

import pytest

from .conftest import browser_required, chromium_path

pytestmark = [pytest.mark.browser, pytest.mark.full_gazetteer]
LOCAL = ("file:", "data:", "blob:", "about:")


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


@pytest.fixture
def page(browser, seeds_report):
    context = browser.new_context(viewport={"width": 1300, "height": 850})
    page = context.new_page()
    page.errors, page.remote = [], []
    page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: page.errors.append(str(e)))

    def route(r):
        if r.request.url.startswith(LOCAL):
            r.continue_()
        else:
            page.remote.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.goto((seeds_report / "index.html").as_uri())
    page.wait_for_selector(".leaflet-interactive")
    yield page
    context.close()


def test_offline_and_no_console_errors(page):
    page.wait_for_timeout(300)
    assert page.remote == []
    assert page.errors == []
    assert page.locator(".leaflet-interactive").count() > 10  # markers and outlines drawn


def test_row_click_opens_marker_popup(page):
    row = page.locator("tr[data-place]").filter(has_text="Mosul").first
    row.click()
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    assert "Mosul" in popup.inner_text()
    assert "gt-selected" in row.get_attribute("class")
    assert page.errors == []


def test_keyboard_enter_on_row_opens_popup(page):
    row = page.locator("tr[data-place]").filter(has_text="Sinjar").first
    row.focus()
    page.keyboard.press("Enter")
    page.locator(".leaflet-popup-content").wait_for()
    assert "Sinj" in page.locator(".leaflet-popup-content").inner_text()


def test_marker_click_highlights_its_rows(page):
    place_id = page.locator("tr[data-place]").filter(has_text="Mosul").first.get_attribute("data-place")
    page.evaluate("id => geotimeline.markers[id].fire('click')", place_id)
    selected = page.locator("tr.gt-selected")
    assert selected.count() >= 1
    assert all(selected.nth(i).get_attribute("data-place") == place_id for i in range(selected.count()))


def test_filter_hides_rows(page):
    total = page.locator("tr[data-place]").count()
    page.fill("#gt-filter", "Mosul")
    visible = page.locator("tr[data-place]:visible").count()
    assert 0 < visible < total
    assert f"{visible} of {total}" in page.inner_text("#gt-count")
