import json
from datetime import date

import pytest

from geotimeline.errors import InputError, ManifestError
from geotimeline.load import (article_from_record, decode_bytes, iter_articles, read_article,
                              read_manifest, strip_boilerplate, strip_markdown)

PARA = "Heavy fighting was reported in Mosul on Tuesday, officials said, as Iraqi forces advanced on the old city."


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_decodes_common_encodings(tmp_path, encoding):
    text = "Café owners in Montréal said the “crisis” hit on Monday – prices rose sharply across the city."
    path = tmp_path / "a.txt"
    path.write_bytes(text.encode(encoding))
    article = read_article(path)
    assert "Café" in article.text and "“crisis”" in article.text
    assert not article.text.startswith("\ufeff")


@pytest.mark.parametrize("data, message", [
    (b"", "empty file"),
    (b"   \n\n", "empty file"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary"),
])
def test_bad_files_raise_input_error_naming_the_file(tmp_path, data, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    with pytest.raises(InputError, match=message) as exc:
        read_article(path)
    assert str(path) in str(exc.value)


def test_folder_with_bad_file_yields_error_and_keeps_going(tmp_path):
    (tmp_path / "a.txt").write_text(PARA, encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "c.txt").write_text("", encoding="utf-8")
    items = list(iter_articles(tmp_path))
    assert [type(i).__name__ for i in items] == ["Article", "InputError", "InputError"]


def test_missing_source_is_an_error_not_a_crash(tmp_path):
    items = list(iter_articles(tmp_path / "nope"))
    assert len(items) == 1 and isinstance(items[0], InputError)


def test_boilerplate_removed_and_sidebar_date_dropped():
    raw = "\n".join([
        "Home", "  • World", "  • Opinion", "Trending:", "  • Some celebrity",
        "Fighting in Mosul", "Share on Facebook Share on Twitter", "Advertisement",
        "Jane Reporter • March 8, 2017", PARA, "Advertisement", "Subscribe", "Prefer", "Google",
        "Fighting in Mosul",
        "A second paragraph follows here, long enough to count as prose in any article we read.",
        "Trending on Example Video", "Jazz Shaw 8:31 AM on December 04, 2022",
        "Copyright @ 2024. Example - All Rights Reserved", "Cookie Policy",
    ])
    title, text = strip_boilerplate(raw)
    assert title == "Fighting in Mosul"
    assert "Jane Reporter • March 8, 2017" in text  # byline kept: evidence for the date
    for gone in ["December 04, 2022", "Advertisement", "Share on", "Trending", "Copyright", "Cookie", "Prefer", "• World"]:
        assert gone not in text
    assert text.count("Fighting in Mosul") == 1
    assert PARA in text


def test_repeated_headline_lists_after_the_body_are_dropped():
    heads = ["Russian drones over Poland: a wake-up call for Nato?", "Why a mayor was arrested in a corruption probe"]
    raw = "\n".join(["Title of the piece here", PARA, PARA.replace("Mosul", "Raqqa"), *heads, *heads, *heads])
    _, text = strip_boilerplate(raw)
    assert "Poland" not in text and "mayor" not in text


def test_markdown_markup_removed():
    assert strip_markdown("# Title\n\nFighting in **Mosul** ([map](http://x))") == "Title\n\nFighting in Mosul (map)"


def test_html_main_text_extracted(tmp_path):
    html = f"""<!doctype html><html><head><title>Mosul report</title>
    <meta property="article:published_time" content="2017-03-08"></head><body>
    <nav><a href="/">Home</a><a href="/world">World</a></nav>
    <article><h1>Mosul report</h1><p>{PARA}</p><p>{PARA.replace('Tuesday', 'Wednesday')}</p></article>
    <footer>Copyright 2017 Example News</footer></body></html>"""
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    article = read_article(path)
    assert "Mosul on Tuesday" in article.text
    assert "<p>" not in article.text and "Home" not in article.text.split("\n")[0:1]
    assert article.published == date(2017, 3, 8)


def test_html_saved_as_txt_is_read_as_html(tmp_path):
    path = tmp_path / "page.txt"
    path.write_text(f"<html><body><article><p>{PARA}</p><p>{PARA}</p></article></body></html>", encoding="utf-8")
    assert "<p>" not in read_article(path).text


def test_jsonl_records_and_bad_lines(tmp_path):
    path = tmp_path / "corpus.jsonl"
    lines = [
        json.dumps({"id": "a", "text": "  Rain in Paris.  ", "published": "2017-03-07", "title": "Rain"}),
        "{not json",
        json.dumps({"id": "b", "text": ""}),
        json.dumps({"id": "c", "text": "Snow in Mosul.", "published": "2017-03"}),
        json.dumps(["not", "an", "object"]),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(iter_articles(path))
    assert items[0].text == "  Rain in Paris.  "  # offsets index the text exactly as given
    assert items[0].published == date(2017, 3, 7) and items[0].title == "Rain"
    assert isinstance(items[1], InputError) and f"{path}:2" in str(items[1])
    assert isinstance(items[2], InputError) and "empty" in str(items[2])
    assert items[3].published_precision == "month"
    assert isinstance(items[4], InputError)


@pytest.mark.parametrize("published", ["yesterday", "2017-02-30x", "99999999999999999999-1"])
def test_jsonl_bad_published_date(published):
    with pytest.raises(InputError, match="not an ISO date"):
        article_from_record({"id": "x", "text": "t", "published": published}, "f:1")


def test_manifest_applies_title_and_date(tmp_path):
    (tmp_path / "a.txt").write_text(PARA, encoding="utf-8")
    (tmp_path / "articles.csv").write_text(
        "id,title,published,precision,source,note\na,Battle for Mosul,2017-03-08,month,Example,\n", encoding="utf-8")
    [article] = list(iter_articles(tmp_path))
    assert article.title == "Battle for Mosul" and article.published == date(2017, 3, 8)
    assert article.published_precision == "month" and not article.published_estimated


@pytest.mark.parametrize("body, message", [
    ("title\nx\n", "'id' column"),
    ("id,published\na,2017-13-01\n", "not a YYYY-MM-DD"),
    ("id,precision\na,week\n", "precision"),
    ("id\na\na\n", "listed twice"),
])
def test_malformed_manifest_names_file_and_line(tmp_path, body, message):
    path = tmp_path / "articles.csv"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(ManifestError, match=message) as exc:
        read_manifest(path)
    assert str(path) in str(exc.value)


def test_decode_bytes_rejects_binary():
    with pytest.raises(InputError):
        decode_bytes(b"abc\x00def" * 10, "x")
