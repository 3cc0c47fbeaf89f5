import csv
import io
import json
from datetime import date

import pytest

from geotimeline.events import COLUMNS, assemble_events, events_to_frame
from geotimeline.records import Article, ArticleResult, GazetteerEntry, Place, Toponym
from geotimeline.report import frame_to_geojson, render_html, write_report
from geotimeline.report.elements import EventMarkers, to_js_json
from geotimeline.settings import Settings

PAYLOADS = ['<img src=x onerror=alert(1)>', '</script><script>alert(2)</script>', '"><svg onload=alert(3)>']


def results_with(text_extra: str = ""):
    text = f"Mosul fell. {text_extra}"
    art = Article("art-1", text, title=f"Title {text_extra}", published=date(2017, 3, 15))
    p = Place(Toponym(0, 5, "Mosul"), GazetteerEntry("99072", "Mosul", 36.335, 43.119, "city", "IQ"), 0.9)
    events = assemble_events(art, [p], [], [(0, len(text))])
    return [ArticleResult(art, (p,), (), tuple(events))]


@pytest.fixture
def page():
    results = results_with()
    return render_html(events_to_frame(results), results, Settings())


def test_page_is_self_contained(page):
    assert "<script src=" not in page and "<link" not in page
    for host in ("cdn.jsdelivr", "cdnjs", "unpkg", "code.jquery", "bootstrapcdn", "googleapis"):
        assert host not in page
    assert "L.circleMarker" in page  # Leaflet is inlined
    assert "geotimeline.addPlaces(map_geotimeline," in page  # our marker element rendered
    assert "GeoNames" in page and "CC BY 4.0" in page


def test_marker_element_renders_its_snippet():
    el = EventMarkers([{"id": "1", "name": "x"}])
    el._id = "t"
    import folium

    m = folium.Map(tiles=None)
    m._id = "m"
    el.add_to(m)
    assert 'var event_markers_t = geotimeline.addPlaces(map_m, [{"id":"1","name":"x"}]);' in m.get_root().render()


def test_render_is_deterministic_apart_from_timestamp():
    results = results_with()
    frame = events_to_frame(results)
    a = render_html(frame, results, Settings()).split("generated")[1:]
    b = render_html(frame, results, Settings()).split("generated")[1:]
    assert [x[30:] for x in a] == [x[30:] for x in b]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_article_text_is_escaped(payload):
    results = results_with(payload)
    page = render_html(events_to_frame(results), results, Settings())
    assert payload not in page
    assert "alert(" in page  # the text is there, but inert


def test_to_js_json_cannot_close_a_script():
    assert "</script>" not in to_js_json({"x": "</script><b>&"})


def test_write_report_outputs(tmp_path):
    results = results_with()
    frame = events_to_frame(results)
    paths = write_report(frame, results, tmp_path, Settings())
    assert sorted(p.name for p in paths) == ["events.csv", "events.geojson", "index.html"]
    rows = list(csv.DictReader(io.StringIO((tmp_path / "events.csv").read_text(encoding="utf-8"))))
    assert list(rows[0].keys()) == COLUMNS
    assert rows[0]["place"] == "Mosul" and rows[0]["date"] == "2017-03-15"
    gj = json.loads((tmp_path / "events.geojson").read_text(encoding="utf-8"))
    assert gj["type"] == "FeatureCollection"
    assert gj["features"][0]["geometry"] == {"type": "Point", "coordinates": [43.119, 36.335]}
    assert not list(tmp_path.glob(".*.tmp"))


def test_failed_write_keeps_previous_report(tmp_path, monkeypatch):
    results = results_with()
    frame = events_to_frame(results)
    write_report(frame, results, tmp_path, Settings())
    before = (tmp_path / "index.html").read_bytes()
    import geotimeline.report as report

    def boom(*a, **k):
        raise RuntimeError("disk full")

    monkeypatch.setattr(report, "render_html", boom)
    with pytest.raises(RuntimeError):
        write_report(frame, results, tmp_path, Settings())
    assert (tmp_path / "index.html").read_bytes() == before
    assert not list(tmp_path.glob(".*.tmp"))


def test_geojson_properties_match_csv_columns():
    results = results_with()
    gj = frame_to_geojson(events_to_frame(results))
    assert list(gj["features"][0]["properties"]) == COLUMNS
