"""Property-based tests: arbitrary Unicode never raises, and every offset indexes the cleaned text."""

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geotimeline.errors import InputError
from geotimeline.load import (
    article_from_record,
    decode_bytes,
    read_article,
    strip_boilerplate,
    strip_markdown,
)
from geotimeline.records import Article
from geotimeline.temporal import find_dates

# text with the things that break parsers: newlines, markup, digits, date words, any code point
WORDS = st.sampled_from(["Mosul", "Iraq", "Baghdad", "on", "Friday", "March", "7", "2017", "last", "week", "-", ",",
                         ".", "\n", "\n\n", "<b>", "</p>", "#", "*", "Sinjar", "Nice", "the", "1990s", "'", "May"])
TEXT = st.one_of(st.text(max_size=400),
                 st.lists(st.one_of(WORDS, st.text(max_size=8)), max_size=80).map(" ".join))
ANCHOR = st.one_of(st.none(), st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))
SLOW = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@SLOW
@given(data=st.binary(max_size=600))
def test_decoding_any_bytes_gives_text_or_a_clear_error(data):
    try:
        assert isinstance(decode_bytes(data, "x.txt"), str)
    except InputError as exc:
        assert "x.txt" in str(exc)


@SLOW
@given(text=TEXT)
def test_cleaning_never_raises(text):
    title, body = strip_boilerplate(text)
    assert isinstance(title, str) and isinstance(body, str)
    assert isinstance(strip_markdown(text), str)


@SLOW
@given(text=TEXT, name=st.sampled_from(["a.txt", "a.md", "a.html"]))
def test_reading_any_file_gives_an_article_or_a_clear_error(tmp_path_factory, text, name):
    path = tmp_path_factory.mktemp("p") / name
    path.write_text(text, encoding="utf-8")  # hypothesis' text() leaves out lone surrogates
    try:
        article = read_article(path)
    except InputError as exc:
        assert str(path) in str(exc)
    else:
        assert article.text.strip()


@SLOW
@given(record=st.dictionaries(st.sampled_from(["id", "text", "published", "title"]),
                              st.one_of(st.text(max_size=60), st.integers(), st.none()), max_size=4))
def test_any_json_record_gives_an_article_or_a_clear_error(record):
    try:
        article = article_from_record(record, "c.jsonl:3")
    except InputError as exc:
        assert "c.jsonl:3" in str(exc)
    else:
        assert isinstance(article.text, str)


@SLOW
@given(text=TEXT, anchor=ANCHOR)
def test_every_date_offset_indexes_the_text(text, anchor):
    for d in find_dates(text, anchor):
        assert text[d.start:d.end] == d.text
        assert d.type in {"DATE", "TIME", "DURATION", "SET"}
        if d.date_start and d.date_end:
            assert d.date_start <= d.date_end


@pytest.mark.filterwarnings("ignore")
@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=TEXT, anchor=ANCHOR)
def test_every_offset_of_the_whole_extraction_indexes_the_text(tiny_pipeline, text, anchor):
    if not text.strip():
        return
    result = tiny_pipeline.process(Article("p", text, published=anchor))
    for p in result.places:
        assert text[p.start:p.end] == p.toponym.text
    for d in result.dates:
        assert text[d.start:d.end] == d.text
    for e in result.events:
        assert text[e.sentence_start:e.sentence_end] == e.sentence
        assert e.sentence_start <= e.place.start < e.sentence_end
