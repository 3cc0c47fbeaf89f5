from datetime import date

import pytest

from geotimeline.events import COLUMNS, assemble_events, events_to_frame, iso_at_precision
from geotimeline.records import Article, ArticleResult, DateMention, GazetteerEntry, Place, Toponym

MOSUL = GazetteerEntry("99072", "Mosul", 36.335, 43.119, "city", "IQ")
RAQQA = GazetteerEntry("163915", "Ar Raqqah", 35.95, 39.01, "city", "SY")
IRAQ = GazetteerEntry("99237", "Iraq", 33.0, 44.0, "country", "IQ")


def place(text, name, entry, kind="literal"):
    s = text.index(name)
    return Place(Toponym(s, s + len(name), name, kind), entry, 0.9)


def day(text, expr, d, typ="DATE", precision="day"):
    s = text.index(expr)
    return DateMention(s, s + len(expr), expr, typ, d.isoformat() if d else "P8M", d, d, precision)


TEXT = "Mosul fell on March 7, 2017. Raqqa was calm. Iraqi troops rested for eight months."
SENTS = [(0, 28), (29, 44), (45, 82)]


def test_sentence_context_and_published_dates():
    art = Article("a", TEXT, title="T", published=date(2017, 3, 15), published_precision="month")
    places = [place(TEXT, "Mosul", MOSUL), place(TEXT, "Raqqa", RAQQA), place(TEXT, "Iraqi", IRAQ, "demonym")]
    dates = [day(TEXT, "March 7, 2017", date(2017, 3, 7)), day(TEXT, "eight months", None, "DURATION", "")]
    events = assemble_events(art, places, dates, SENTS)
    got = [(e.place.entry.name, e.date_source, e.precision, e.date_start) for e in events]
    assert got == [
        ("Mosul", "sentence", "day", date(2017, 3, 7)),
        ("Ar Raqqah", "context", "day", date(2017, 3, 7)),
        # the duration is not a date; the only earlier date is two sentences away: publication month
        ("Iraq", "published", "month", date(2017, 3, 1)),
    ]
    assert events[0].sentence == "Mosul fell on March 7, 2017."


def test_demonym_does_not_double_count_a_literal_place():
    text = "Iraqi forces entered Mosul."
    art = Article("a", text, published=date(2017, 3, 15))
    events = assemble_events(art, [place(text, "Iraqi", IRAQ, "demonym"), place(text, "Mosul", MOSUL)], [], [(0, len(text))])
    assert [e.place.entry.name for e in events] == ["Mosul"]


def test_frame_columns_and_chronological_order():
    art = Article("a", TEXT, title="T", published=date(2017, 3, 15))
    places = [place(TEXT, "Mosul", MOSUL), place(TEXT, "Raqqa", RAQQA)]
    month = DateMention(29, 34, "Raqqa", "DATE", "2017-03", date(2017, 3, 1), date(2017, 3, 31), "month")
    events = assemble_events(art, places, [day(TEXT, "March 7, 2017", date(2017, 3, 7))], SENTS)
    undated_art = Article("b", "Mosul.", published=None)
    undated = assemble_events(undated_art, [place("Mosul.", "Mosul", MOSUL)], [], [(0, 6)])
    frame = events_to_frame([ArticleResult(undated_art, events=tuple(undated)), ArticleResult(art, events=tuple(events))])
    assert list(frame.columns[: len(COLUMNS)]) == COLUMNS
    assert list(frame["date"]) == ["2017-03-07", "2017-03-07", ""]
    assert frame.iloc[-1]["date_source"] == "none"
    assert month.precision == "month"


@pytest.mark.parametrize("start, end, precision, value, expected", [
    (date(2017, 3, 7), date(2017, 3, 7), "day", "2017-03-07", "2017-03-07"),
    (date(2017, 3, 1), date(2017, 3, 31), "month", "2017-03", "2017-03"),
    (date(2017, 1, 1), date(2017, 12, 31), "year", "2017", "2017"),
    (date(2015, 11, 9), date(2015, 11, 15), "week", "2015-W46", "2015-W46"),
    (date(1990, 1, 1), date(1999, 12, 31), "decade", "199", "199X"),
    (None, None, "", "", ""),
])
def test_iso_at_precision(start, end, precision, value, expected):
    mention = DateMention(0, 1, "x", "DATE", value, start, end, precision)
    assert iso_at_precision(start, end, precision, mention) == expected
