"""`geotimeline add`: articles from URLs, feeds, saved pages, PDFs and text files, served by a
local HTTP server on 127.0.0.1 (no outside network) or written by the tests."""

from __future__ import annotations

import csv
import http.server
import threading
import time
import zlib
from pathlib import Path

import pytest

from geotimeline.cli import main
from geotimeline.ingest import Fetcher, SourceError, add_sources, article_id, content_hash

BODY = ("<p>Heavy rain flooded parts of Mosul on Monday, and rescuers evacuated hundreds of families "
        "from low-lying districts near the river, officials said.</p>"
        "<p>The state emergency agency said the water had risen faster than in any storm since 2012, "
        "cutting roads to the airport and closing schools across the city for two days.</p>")


def page(title_tags: str, body: str = BODY, heading: str = "") -> bytes:
    return (f"<!doctype html><html><head>{title_tags}</head><body><nav>Home | World | Sport</nav>"
            f"<article>{heading}{body}</article><footer>Copyright</footer></body></html>").encode()


PAGES = {
    "/jsonld.html": page('<title>Site | Mosul floods</title><script type="application/ld+json">'
                         '{"@context": "https://schema.org", "@type": "NewsArticle", "headline": '
                         '"Floods cut Mosul off from its airport", "datePublished": "2024-05-02T08:00:00Z", '
                         '"publisher": {"@type": "Organization", "name": "Daily Mosul"}}</script>'),
    "/meta.html": page('<title>Rescuers evacuate families in Mosul</title>'
                       '<meta property="og:title" content="Rescuers evacuate families in Mosul">'
                       '<meta property="og:site_name" content="Mosul Wire">'
                       '<meta property="article:published_time" content="2024-04-30T10:00:00+00:00">',
                       body=BODY.replace("Monday", "Tuesday")),
    "/time.html": page("<title>Schools close as water rises</title>",
                       body=BODY.replace("Monday", "Wednesday"),
                       heading='<h1>Schools close as water rises</h1><time datetime="2024-03-15">15 March 2024</time>'),
    "/nodate.html": page("", body=BODY.replace("Monday", "Thursday")),
    "/atom-item.html": page("<title>Roads reopen in Mosul</title>", body=BODY.replace("Monday", "Friday")),
    "/empty.html": b"<!doctype html><html><head><title>Index</title></head><body><nav>Home</nav></body></html>",
}
RSS = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Mosul Wire</title><link>http://example.invalid/</link>
<item><title>Thursday rain in Mosul</title><link>/nodate.html</link><pubDate>Thu, 02 May 2024 09:00:00 GMT</pubDate></item>
<item><title>Floods</title><link>/jsonld.html</link><pubDate>Thu, 02 May 2024 08:00:00 GMT</pubDate></item>
</channel></rss>"""
ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>City News</title><id>urn:x</id><updated>2024-05-03T00:00:00Z</updated>
<entry><title>Roads reopen</title><link href="/atom-item.html"/><id>urn:1</id><updated>2024-05-03T12:00:00Z</updated></entry>
</feed>"""


class Handler(http.server.BaseHTTPRequestHandler):
    requests: list[tuple[str, float, str]] = []

    def do_GET(self):  # noqa: N802 (http.server's name)
        Handler.requests.append((self.path, time.monotonic(), self.headers.get("User-Agent", "")))
        if self.path == "/old":
            self.send_response(301)
            self.send_header("Location", "/meta.html")
            self.end_headers()
            return
        if self.path == "/slow.html":
            time.sleep(1.5)
        if self.path == "/broken.html":
            self.send_error(500, "Internal Server Error")
            return
        feeds = {"/rss.xml": (RSS, "application/rss+xml"), "/atom.xml": (ATOM, "application/atom+xml")}
        if self.path in feeds:
            body, ctype = feeds[self.path]
        elif self.path in PAGES or self.path == "/slow.html":
            body, ctype = PAGES.get(self.path, PAGES["/meta.html"]), "text/html; charset=utf-8"
        else:
            self.send_error(404, "Not Found")
            return
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except BrokenPipeError:
            pass

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture
def fetcher():
    return Fetcher(user_agent="geotimeline-test/1.0", timeout=5, min_delay=0)


def manifest(seeds: Path) -> dict[str, dict]:
    with (seeds / "articles.csv").open(encoding="utf-8") as f:
        return {r["id"]: r for r in csv.DictReader(f)}


def by_url(seeds: Path) -> dict[str, dict]:
    return {r["url"].rsplit("/", 1)[-1]: r for r in manifest(seeds).values()}


def assert_consistent(seeds: Path) -> None:
    """Every manifest row has its file and every file its row; no temporary file is left."""
    rows = manifest(seeds)
    files = {p.stem for p in seeds.glob("*.txt")}
    assert set(rows) == files
    assert not [p for p in seeds.iterdir() if p.name.startswith(".")]


def test_pages_with_each_metadata_style_land_with_title_date_and_site(server, fetcher, tmp_path):
    urls = [f"{server}/jsonld.html", f"{server}/meta.html", f"{server}/time.html"]
    report = add_sources(urls, tmp_path, fetcher)
    assert len(report.added) == 3 and not report.failed
    rows = by_url(tmp_path)
    assert rows["jsonld.html"]["title"] == "Floods cut Mosul off from its airport"
    assert rows["jsonld.html"]["published"] == "2024-05-02"
    assert rows["meta.html"]["title"] == "Rescuers evacuate families in Mosul"
    assert rows["meta.html"]["published"] == "2024-04-30" and rows["meta.html"]["source"] == "Mosul Wire"
    assert rows["time.html"]["published"] == "2024-03-15"
    for ident, row in manifest(tmp_path).items():
        text = (tmp_path / f"{ident}.txt").read_text(encoding="utf-8")
        assert "Mosul" in text and "Home | World" not in text and "Copyright" not in text
        assert ident.endswith(content_hash(text)[:10])
    assert all(ua == "geotimeline-test/1.0" for *_, ua in Handler.requests)
    assert_consistent(tmp_path)


def test_a_redirect_is_followed_and_the_final_url_kept(server, fetcher, tmp_path):
    report = add_sources([f"{server}/old"], tmp_path, fetcher)
    (ident, found), = report.added
    assert found.url.endswith("/meta.html") and found.title == "Rescuers evacuate families in Mosul"


def test_rss_and_atom_items_take_the_items_title_and_date_when_the_page_lacks_them(server, fetcher, tmp_path):
    report = add_sources([f"{server}/rss.xml", f"{server}/atom.xml"], tmp_path, fetcher)
    assert not report.failed and len(report.added) == 3
    rows = by_url(tmp_path)
    assert rows["nodate.html"]["title"] == "Thursday rain in Mosul"  # the page has no title
    assert rows["nodate.html"]["published"] == "2024-05-02" and rows["nodate.html"]["note"] == "from the feed item"
    assert rows["jsonld.html"]["title"] == "Floods cut Mosul off from its airport"  # the page's own wins
    assert rows["atom-item.html"]["published"] == "2024-05-03"
    assert_consistent(tmp_path)


def test_adding_again_is_a_no_op(server, fetcher, tmp_path):
    add_sources([f"{server}/jsonld.html", f"{server}/rss.xml"], tmp_path, fetcher)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    again = add_sources([f"{server}/jsonld.html", f"{server}/rss.xml", f"{server}/jsonld.html?"], tmp_path, fetcher)
    assert not again.added and not again.failed
    assert {why for _, why in again.skipped} == {"already added (same URL)"}
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_the_same_text_under_another_url_is_not_added_twice(server, fetcher, tmp_path):
    add_sources([f"{server}/meta.html"], tmp_path, fetcher)
    saved = tmp_path.parent / f"{tmp_path.name}-saved.html"
    saved.write_bytes(PAGES["/meta.html"])
    report = add_sources([str(saved)], tmp_path, fetcher)
    assert report.skipped == [(str(saved), "already added (same text)")]


def test_failures_are_reported_the_rest_added_nothing_partial(server, tmp_path):
    fetcher = Fetcher(timeout=0.5, min_delay=0)
    sources = [f"{server}/broken.html", f"{server}/slow.html", f"{server}/empty.html", f"{server}/missing.html",
               "http://127.0.0.1:9/closed.html", f"{server}/meta.html"]
    report = add_sources(sources, tmp_path, fetcher)
    assert [f.url.rsplit("/", 1)[-1] for _, f in report.added] == ["meta.html"]
    why = dict(report.failed)
    assert why[f"{server}/broken.html"].startswith("HTTP 500")
    assert why[f"{server}/slow.html"] == "timed out after 0.5 s"
    assert why[f"{server}/empty.html"].startswith("not an article")
    assert why[f"{server}/missing.html"].startswith("HTTP 404")
    assert why["http://127.0.0.1:9/closed.html"].startswith("cannot fetch")
    assert_consistent(tmp_path)


def test_one_request_per_second_to_one_host(server, tmp_path):
    fetcher = Fetcher(min_delay=0.4)
    start = len(Handler.requests)
    add_sources([f"{server}/meta.html", f"{server}/time.html", f"{server}/jsonld.html"], tmp_path, fetcher)
    times = [t for path, t, _ in Handler.requests[start:]]
    assert len(times) == 3 and all(b - a >= 0.39 for a, b in zip(times, times[1:]))


def make_pdf(lines: list[str], title: str = "", created: str = "") -> bytes:
    """A one-page PDF with a text layer (Helvetica), and an information dictionary."""
    ops = ["BT /F1 11 Tf 72 760 Td 14 TL"]
    for line in lines:
        ops.append("(" + line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ") Tj T*")
    ops.append("ET")
    stream = zlib.compress("\n".join(ops).encode("latin-1"))
    info = "".join(f"/{k} ({v})" for k, v in (("Title", title), ("CreationDate", created)) if v)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        f"<< {info} >>".encode("latin-1"),
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for n, obj in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 6 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


PDF_LINES = ["Press release", "Rescuers evacuated hundreds of families from low-lying districts of",
             "Mosul on Monday after heavy rain flooded roads to the airport, the state", "emergency agency said.",
             "Schools across the city will stay closed for two days while the water recedes."]


def test_local_files_and_folders(tmp_path, fetcher):
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    (src / "release.pdf").write_bytes(make_pdf(PDF_LINES, title="Mosul flood release", created="D:20240506093000Z"))
    (src / "notitle.pdf").write_bytes(make_pdf(PDF_LINES[1:] + ["Roads reopened on Friday."]))
    (src / "scan.pdf").write_bytes(make_pdf([]))
    (src / "saved.htm").write_bytes(PAGES["/jsonld.html"])
    (src / "sub" / "note.md").write_text("# Water recedes in Mosul\n\nThe **water** fell on Tuesday in "
                                         "[Mosul](http://x) and shops reopened across the city.\n", encoding="utf-8")
    (src / "wire.txt").write_text("Curfew lifted in Mosul\n\nOfficials lifted the curfew on Wednesday.\n",
                                  encoding="utf-8")
    (src / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    seeds = tmp_path / "seeds"
    report = add_sources([str(src)], seeds, fetcher)
    assert dict(report.failed) == {str(src / "scan.pdf"): "the PDF has no text layer (a scan? OCR is not supported)"}
    rows = {r["title"]: r for r in manifest(seeds).values()}
    assert rows["Mosul flood release"]["published"] == "2024-05-06"
    assert any(t.startswith("Rescuers evacuated") for t in rows)  # no title in the PDF: its first line
    assert rows["Floods cut Mosul off from its airport"]["published"] == "2024-05-02"
    note = next(r for t, r in rows.items() if t.startswith("Water recedes"))
    assert "**" not in (seeds / f"{note['id']}.txt").read_text(encoding="utf-8")
    assert "Curfew lifted in Mosul" in rows
    assert_consistent(seeds)


def test_existing_manifest_rows_and_files_are_never_rewritten(server, fetcher, tmp_path):
    old_row = '000_old,"An old, hand-written row",2015-03-14,month,Hot Air,"a note, with a comma"\r\n'
    (tmp_path / "articles.csv").write_bytes(("id,title,published,precision,source,note\r\n" + old_row).encode())
    (tmp_path / "000_old.txt").write_bytes(b"An old article about Mosul.\n")
    add_sources([f"{server}/jsonld.html"], tmp_path, fetcher)
    data = (tmp_path / "articles.csv").read_bytes().decode()
    assert data.splitlines()[0] == "id,title,published,precision,source,note,url"
    assert data.splitlines(keepends=True)[1] == old_row
    assert (tmp_path / "000_old.txt").read_bytes() == b"An old article about Mosul.\n"
    assert manifest(tmp_path)["000_old"]["title"] == "An old, hand-written row"


def test_ids_are_readable_and_stable():
    from geotimeline.ingest import Found

    found = Found(text="Rain in Mosul.", title="Floods: Mosul cut off — “worst since 2012”")
    assert article_id(found) == f"floods-mosul-cut-off-worst-since-2012_{content_hash('Rain in Mosul.')[:10]}"
    assert article_id(Found(text="x", title="")) .startswith("article_")


def test_fetcher_reports_http_errors(server, fetcher):
    with pytest.raises(SourceError, match="HTTP 404"):
        fetcher.get(f"{server}/nope")


def test_add_then_build_gives_a_report_with_the_pages_titles_and_dates(server, tiny_gazetteer_path, monkeypatch,
                                                                       tmp_path, capsys):
    monkeypatch.setenv("GEOTIMELINE_GAZETTEER", str(tiny_gazetteer_path))
    seeds, out = tmp_path / "seeds", tmp_path / "out"
    assert main(["add", f"{server}/jsonld.html", f"{server}/meta.html", f"{server}/broken.html",
                 "--to", str(seeds), "--quiet"]) == 1  # one source failed
    err = capsys.readouterr().err
    assert "broken.html: HTTP 500" in err
    assert main(["build", str(seeds), "-o", str(out), "--quiet"]) == 0
    with (out / "events.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    titles = {(r["article_title"], r["published"]) for r in rows}
    assert ("Floods cut Mosul off from its airport", "2024-05-02") in titles
    assert ("Rescuers evacuate families in Mosul", "2024-04-30") in titles
