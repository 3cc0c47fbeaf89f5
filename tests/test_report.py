import csv
import io
import json
from datetime import date

import pytest

from geotimeline.errors import GeotimelineError
from geotimeline.events import COLUMNS, assemble_events, events_to_frame
from geotimeline.records import Article, ArticleResult, GazetteerEntry, Place, Toponym
from geotimeline.report import (
    collection_title,
    frame_to_geojson,
    frame_to_timelinejs,
    page_data,
    render_html,
    shown_alternatives,
    write_report,
)
from geotimeline.report.briefing import parse_size
from geotimeline.report.chromium import with_density
from geotimeline.report.elements import EventLayer, to_js_json
from geotimeline.report.outlines import SHIPPED, country_outlines, dumps, generate
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
    assert "window.L=" in page  # Leaflet is inlined
    assert "MarkerClusterGroup" in page  # and the marker-cluster plugin
    assert "sourceMappingURL" not in page
    assert 'geotimeline.init(map_geotimeline, "gt-data")' in page  # our event layer rendered
    assert "GeoNames" in page and "CC BY 4.0" in page


def test_event_layer_renders_its_snippet():
    el = EventLayer("gt-data")
    el._id = "t"
    import folium

    m = folium.Map(tiles=None)
    m._id = "m"
    el.add_to(m)
    assert 'var event_layer_t = geotimeline.init(map_m, "gt-data");' in m.get_root().render()


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
    assert sorted(p.name for p in paths) == ["events.csv", "events.geojson", "index.html", "timeline.json"]
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
    from geotimeline import report

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


def test_timeline_json_is_timelinejs3(tmp_path):
    results = results_with(PAYLOADS[0])
    tl = frame_to_timelinejs(events_to_frame(results), results)
    assert set(tl) == {"title", "events"} and tl["title"]["text"]["headline"]
    (ev,) = tl["events"]
    assert ev["start_date"] == {"year": 2017, "month": 3, "day": 15}  # the publication day
    assert ev["text"]["headline"] == "Mosul" and ev["unique_id"] == "ev-art-1-001"
    # TimelineJS renders text as HTML: article text is escaped, only our own tags remain
    assert "<img" not in json.dumps(tl) and "&lt;img src=x onerror=alert(1)&gt;" in ev["text"]["text"]
    assert ev["text"]["text"].startswith("<p><mark>Mosul</mark> fell.")


def test_timeline_json_spans_and_precision():
    frame = events_to_frame(results_with())
    frame.loc[0, ["date", "date_start", "date_end", "precision"]] = ["2017-SU", "2017-06-21", "2017-09-22", "season"]
    ev = frame_to_timelinejs(frame, results_with())["events"][0]
    assert ev["start_date"] == {"year": 2017, "month": 6, "day": 21, "display_date": "2017-SU"}
    assert ev["end_date"]["month"] == 9
    frame.loc[0, ["date", "date_start", "date_end", "precision"]] = ["2017-03", "2017-03-01", "2017-03-31", "month"]
    ev = frame_to_timelinejs(frame, results_with())["events"][0]
    assert ev["start_date"] == {"year": 2017, "month": 3} and "end_date" not in ev


def test_page_data_indexes_places_and_articles():
    results = results_with()
    data = page_data(events_to_frame(results), results)
    assert data["articles"][0]["id"] == "art-1" and data["articles"][0]["color"].startswith("#")
    assert data["places"] == [{"id": "99072", "name": "Mosul", "lat": 36.335, "lon": 43.119, "feature": "city",
                               "kind": "city", "cc": "IQ"}]
    (ev,) = data["events"]
    assert (ev["p"], ev["a"], ev["start"], ev["marks"][:2]) == (0, 0, "2017-03-15", [0, 5])
    assert data["countries"] == {"IQ": "Iraq"}


def test_embed_page_has_no_chrome():
    results = results_with()
    page = render_html(events_to_frame(results), results, Settings(), embed=True)
    assert 'class="gt-embed"' in page and "gt-timeline" in page
    assert "<header" not in page and "<footer" not in page and 'id="gt-events"' not in page


def test_embed_written_and_stale_extras_removed(tmp_path):
    results = results_with()
    frame = events_to_frame(results)
    write_report(frame, results, tmp_path, Settings(), embed=True)
    assert (tmp_path / "embed.html").is_file()
    (tmp_path / "map.png").write_bytes(b"old")
    write_report(frame, results, tmp_path, Settings())
    assert not (tmp_path / "embed.html").exists() and not (tmp_path / "map.png").exists()


@pytest.mark.parametrize("asked", [{"png": True}, {"pdf": True}, {"png": True, "pdf": True}])
def test_png_or_pdf_without_chromium_is_a_clear_error_and_writes_nothing(tmp_path, monkeypatch, asked):
    monkeypatch.setenv("GEOTIMELINE_CHROMIUM", str(tmp_path / "no-such-browser"))
    results = results_with()
    flags = " and ".join(f"--{k}" for k in asked)
    with pytest.raises(GeotimelineError, match=f"^{flags} needs Chromium"):
        write_report(events_to_frame(results), results, tmp_path / "out", Settings(), **asked)
    assert not (tmp_path / "out").exists()


def test_briefing_outputs_not_asked_for_again_are_removed(tmp_path):
    results = results_with()
    for name in ("map.png", "timeline.png", "briefing.pdf"):
        (tmp_path / name).write_bytes(b"old")
    write_report(events_to_frame(results), results, tmp_path, Settings())
    assert not any((tmp_path / n).exists() for n in ("map.png", "timeline.png", "briefing.pdf"))


def test_articles_are_named_by_title_with_file_for_hover():
    import dataclasses

    (r,) = results_with()
    results = [dataclasses.replace(r, article=dataclasses.replace(r.article, title="A long title " + "word " * 20,
                                                                  path="/in/art-1.txt"))]
    (a,) = page_data(events_to_frame(results), results)["articles"]
    assert a["title"].startswith("A long title") and a["file"] == "art-1.txt"
    assert len(a["short"]) <= 60 and a["short"].endswith("…") and not a["short"].endswith(" …")
    page = render_html(events_to_frame(results), results, Settings())
    assert "<strong>A long title word" in page and "file art-1.txt," in page


def test_an_article_with_no_title_is_named_by_its_first_line():
    import dataclasses

    (r,) = results_with()
    r = dataclasses.replace(r, article=dataclasses.replace(r.article, title="", text="  \nMosul fell to the army today. More."))
    (a,) = page_data(events_to_frame([r]), [r])["articles"]
    assert a["title"] == "Mosul fell to the army today. More." and a["short"] == a["title"]


def test_us_state_borders_drawn_only_for_events_in_the_us():
    from geotimeline.report.briefing import briefing_data, render_briefing
    from geotimeline.report.outlines import us_state_borders

    (feature,) = us_state_borders()["features"]
    lines = feature["geometry"]["coordinates"]
    assert feature["geometry"]["type"] == "MultiLineString" and len(lines) > 100
    assert all(-180 <= x <= -60 and 15 <= y <= 72 for line in lines for x, y in line)
    results = results_with()
    assert 'id="gt-us-borders"' not in render_html(events_to_frame(results), results, Settings())
    text = "Springfield flooded."
    art = Article("us", text, title="T", published=date(2017, 3, 15))
    p = Place(Toponym(0, 11, "Springfield"), GazetteerEntry("4250542", "Springfield", 39.8, -89.64, "city", "US", "US.IL"), 0.9)
    us = [ArticleResult(art, (p,), (), tuple(assemble_events(art, [p], [], [(0, len(text))])))]
    page = render_html(events_to_frame(us), us, Settings())
    assert 'id="gt-us-borders"' in page and "US states: <a href=\"https://www.census.gov/\">Census Bureau" in page
    data = briefing_data(events_to_frame(us), us, "T")
    assert "Census Bureau" in data["credit"] and 'id="gt-us-borders"' in render_briefing(data, "map")


def test_runner_ups_with_no_share_are_not_shown():
    assert shown_alternatives("Mali (country, ML) 0.31; Mali (city, CN) 0.00; Mali (city, US) 0.04") == \
        "Mali (country, ML) 0.31"
    assert shown_alternatives("") == ""
    text = "Mosul fell."
    art = Article("a", text, title="T", published=date(2017, 3, 15))
    p = Place(Toponym(0, 5, "Mosul"), GazetteerEntry("99072", "Mosul", 36.335, 43.119, "city", "IQ"), 0.9,
              alternatives=(("1", "Mosul (city, US)", 0.08), ("2", "Mosul (city, CN)", 0.001)))
    results = [ArticleResult(art, (p,), (), tuple(assemble_events(art, [p], [], [(0, len(text))])))]
    frame = events_to_frame(results)
    assert "Mosul (city, CN) 0.00" in frame["alternatives"][0]  # the CSV keeps every runner-up
    assert page_data(frame, results)["events"][0]["alts"] == "Mosul (city, US) 0.08"


def test_title_names_the_page_and_defaults_to_the_collection():
    results = results_with()
    frame = events_to_frame(results)
    assert collection_title(frame, results) == "Events in 1 article published March 2017"
    page = render_html(frame, results, Settings(title="Iraq, spring 2017"))
    assert "<title>Iraq, spring 2017</title>" in page and "<h1>Iraq, spring 2017</h1>" in page
    assert "<h1>Events in 1 article published March 2017</h1>" in render_html(frame, results, Settings())


@pytest.mark.parametrize(("spans", "published", "title"), [
    ([], [date(2017, 5, 1), date(2018, 5, 1)], "Events in 2 articles published 2017–2018"),
    ([("2012-01-01", "2012-12-31")], [date(2015, 3, 14), date(2015, 3, 20)], "Events in 2 articles published March 2015"),
    ([("2015-03-13", "2015-03-13")], [None, None], "Events in 2 articles, March 2015"),  # no publication date
    ([("2015-03-13", "2015-03-13"), ("2015-10-01", "2015-10-31")], [None, None], "Events in 2 articles, March–October 2015"),
    ([("2012-01-01", "2012-12-31"), ("2020-02-24", "2020-03-01")], [None, None], "Events in 2 articles, 2012–2020"),
    ([], [None, None], "Events in 2 articles"),
])
def test_collection_title_spans(spans, published, title):
    import pandas as pd

    frame = pd.DataFrame({"kind": ["event"] * len(spans), "date_start": [s for s, _ in spans],
                          "date_end": [e for _, e in spans]})
    results = [ArticleResult(Article(str(k), "x", published=day), (), (), ()) for k, day in enumerate(published)]
    assert collection_title(frame, results) == title


@pytest.mark.parametrize(("text", "size"), [("1600x900", (1600, 900)), ("1920×1080", (1920, 1080)), (" 800X450 ", (800, 450))])
def test_png_size(text, size):
    assert parse_size(text) == size


@pytest.mark.parametrize("text", ["1600", "1600x", "big", "100x100", "99999x900"])
def test_png_size_rejects(text):
    with pytest.raises(GeotimelineError, match="--png-size"):
        parse_size(text)


def test_pictures_say_their_density():
    import struct
    import zlib

    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 1, 8, 2, 0, 0, 0)) + \
        chunk(b"IDAT", zlib.compress(b"\0" + b"\0" * 6)) + chunk(b"IEND", b"")
    out = with_density(with_density(png, 192), 192)
    assert out.count(b"pHYs") == 1 and out.index(b"pHYs") == out.index(b"IHDR") + 4 + 13 + 4 + 4
    at = out.index(b"pHYs")
    assert struct.unpack(">IIB", out[at + 4:at + 13]) == (7559, 7559, 1)
    assert zlib.crc32(out[at:at + 13]) == struct.unpack(">I", out[at + 13:at + 17])[0]


def test_shipped_outlines_are_what_the_generator_makes():
    from importlib import resources

    shipped = (resources.files("geotimeline") / "data" / SHIPPED).read_text(encoding="utf-8")
    assert shipped == dumps(generate()), "regenerate with: python3 -m geotimeline.report.outlines"
    isos = {f["properties"]["iso"] for f in country_outlines()["features"]}
    assert {"IQ", "SY", "FR", "US", "NG", "ML"} <= isos
    assert len(shipped) < 200_000
