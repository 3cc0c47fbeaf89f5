from datetime import date

import pytest

from geotimeline.records import Article
from geotimeline.temporal import estimate_published, find_dates, split_sentences

PUB = date(2015, 3, 14)  # a Saturday


# (sentence, published, expected [(text, type, value)]) - a bug report becomes one new row
CASES = [
    # tense: verbs outrank forward-leaning prepositions; "next to" is a place; "will be held" is future
    ("Until Thursday, they had not called him a suspect.", date(1999, 5, 7), [("Thursday", "DATE", "1999-05-06")]),
    ("He had filed the reports by Wednesday.", date(1990, 8, 16), [("Wednesday", "DATE", "1990-08-15")]),
    ("Dozens were killed in the blasts next to the embassies on Friday.", date(1998, 8, 8),
     [("Friday", "DATE", "1998-08-07")]),
    ("The summit will be held on April 24.", date(1999, 2, 10), [("April 24", "DATE", "1999-04-24")]),
    # an occurrence on the calendar, told in the present, is the coming day; one told in the past, the last
    ("The meeting is at 7 p.m. Tuesday at City Hall.", date(2022, 10, 14), [("7 p.m. Tuesday", "TIME", "2022-10-18T19:00")]),
    ("The council meets Tuesday.", date(2022, 10, 14), [("Tuesday", "DATE", "2022-10-18")]),
    ("The council met Tuesday.", date(2022, 10, 14), [("Tuesday", "DATE", "2022-10-11")]),
    # an election no verb dates is one to come; one won is past
    ("His council seat is up for re-election in November.", date(2009, 3, 17), [("November", "DATE", "2009-11")]),
    ("He won re-election in November.", date(2009, 3, 17), [("November", "DATE", "2008-11")]),
    # a short past form the "-ed" rule leaves out
    ("Mr. Fithian died in September.", date(2009, 3, 19), [("September", "DATE", "2008-09")]),
    ("His son could arrive as early as Tuesday, officials said.", date(2000, 4, 3), [("Tuesday", "DATE", "2000-04-04")]),
    ("Police have searched for him since shortly after the Oct. 23 slaying.", date(1999, 5, 6),
     [("Oct. 23", "DATE", "1998-10-23")]),
    ("He was shot to death last Oct. 23 at his home.", date(1999, 4, 19), [("last Oct. 23", "DATE", "1998-10-23")]),
    ("She made the late-November trip.", date(2000, 1, 28), [("late-November", "DATE", "1999-11")]),
    ("Just a decade ago they were under the Soviet umbrella.", date(1999, 3, 12), [("a decade ago", "DATE", "1989")]),
    ("Two helicopters crashed last February.", date(1998, 3, 1), [("last February", "DATE", "1997-02")]),
    ("It fell last May.", date(1998, 2, 27), [("last May", "DATE", "1997-05")]),
    ("Costs rose this past spring, unlike last spring.", date(1989, 10, 30),
     [("this past spring", "DATE", "1989-SP"), ("last spring", "DATE", "1988-SP")]),
    ("Oil hit that level in the winter of nineteen ninety-four.", date(1998, 2, 23),
     [("the winter of nineteen ninety-four", "DATE", "1994-WI")]),
    ("Earnings fell in the last half of 1989 and the first two quarters of 1990.", date(1989, 10, 26),
     [("the last half of 1989", "DATE", "1989-H2"), ("the first two quarters of 1990", "DATE", "1990-H1")]),
    ("It lost money in the past two quarters; three quarters of voters agreed.", date(1989, 10, 27),
     [("the past two quarters", "DURATION", "P2Q")]),
    ("In the year-ago third quarter it earned $22 million. The year-ago period had a charge.", date(1989, 10, 30),
     [("the year-ago third quarter", "DATE", "1988-Q3"), ("The year-ago period", "DATE", "1988-Q3")]),
    ("Elian was found on Thanksgiving Day clinging to an inner tube.", date(2000, 1, 6),
     [("Thanksgiving Day", "DATE", "1999-11-25")]),
    ("Christmas shopping was slow.", date(2015, 11, 1), []),
    ("He was shot on Oct. 23, 1998. Earlier that day the family sent a fax.", date(1999, 5, 1),
     [("Oct. 23, 1998", "DATE", "1998-10-23"), ("Earlier that day", "DATE", "1998-10-23")]),
    ("He fled in June 1998 and returned later that year.", date(2000, 1, 1),
     [("June 1998", "DATE", "1998-06"), ("later that year", "DATE", "1998")]),
    ("That day was hot.", PUB, []),
    ("After a decades-long battle and a day-long meeting, nothing changed.", PUB,
     [("decades-long", "DURATION", "PXY"), ("day-long", "DURATION", "P1D")]),
    ("A hearing is set for the week of March 6.", date(2000, 2, 24), [("the week of March 6", "DATE", "2000-W10")]),
    ("40 soldiers were killed on Friday in Ramadi.", PUB, [("Friday", "DATE", "2015-03-13")]),
    ("On Thursday, reports indicated an alliance.", PUB, [("Thursday", "DATE", "2015-03-12")]),
    ("A fierce assault has gone on since Wednesday.", PUB, [("Wednesday", "DATE", "2015-03-11")]),
    ("The minister will visit on Monday.", PUB, [("Monday", "DATE", "2015-03-16")]),
    ("As of yesterday, 150 fighters held out.", PUB, [("yesterday", "DATE", "2015-03-13")]),
    ("The army took it on March 7, 2017, officials said.", date(2017, 3, 15), [("March 7, 2017", "DATE", "2017-03-07")]),
    ("Militias on March 6 of this year took a road.", date(2017, 3, 15), [("March 6 of this year", "DATE", "2017-03-06")]),
    ("On March 1, IS released a video.", date(2017, 3, 15), [("March 1", "DATE", "2017-03-01")]),
    ("November of 2016 saw a border clash.", PUB, [("November of 2016", "DATE", "2016-11")]),
    ("He was killed in a raid late last year.", date(2020, 2, 25), [("late last year", "DATE", "2019")]),
    ("Since last July they have changed tactics.", date(2020, 2, 25), [("last July", "DATE", "2019-07")]),
    ("Clashes since October killed 100.", date(2020, 2, 25), [("October", "DATE", "2019-10")]),
    ("They retook the town last week.", date(2015, 11, 20), [("last week", "DATE", "2015-W46")]),
    ("A report released this month said so.", date(2020, 2, 25), [("this month", "DATE", "2020-02")]),
    ("At its peak last year it held a third of Iraq.", date(2015, 11, 20), [("last year", "DATE", "2014")]),
    ("Prices fell in the 1990s.", PUB, [("the 1990s", "DATE", "199")]),
    ("Attacks rose in the summer of 2014.", PUB, [("the summer of 2014", "DATE", "2014-SU")]),
    ("Profits fell in the first quarter of 2017.", PUB, [("the first quarter of 2017", "DATE", "2017-Q1")]),
    ("It happened three weeks ago.", PUB, [("three weeks ago", "DATE", "2015-W08")]),
    ("Russia intervened in September of 2015.", PUB, [("September of 2015", "DATE", "2015-09")]),
    ("By the end of 2016 it was clear.", PUB, [("the end of 2016", "DATE", "2016")]),
    # the year of a yearless date follows the clause's tense
    ("The dividend is payable Jan. 2 to holders of record.", date(1989, 11, 2), [("Jan. 2", "DATE", "1990-01-02")]),
    ("Two helicopters crashed in December.", date(1998, 3, 4), [("December", "DATE", "1997-12")]),
    ("Sources said Monday the talks would go on.", date(1998, 3, 4), [("Monday", "DATE", "1998-03-02")]),
    ("The talks are set to resume Monday in Belfast.", date(1998, 3, 4), [("Monday", "DATE", "1998-03-09")]),
    # earnings reports: quarters named and spoken of again
    ("Profit rose 5% in the third quarter.", date(1989, 11, 2), [("the third quarter", "DATE", "1989-Q3")]),
    ("It posted a third-quarter loss.", date(1989, 11, 2), [("third-quarter", "DATE", "1989-Q3")]),
    ("Net rose in the third quarter to $5 million from $4 million a year earlier.", date(1989, 11, 2),
     [("the third quarter", "DATE", "1989-Q3"), ("a year earlier", "DATE", "1988-Q3")]),
    ("Sales in the latest quarter fell.", date(1989, 11, 2), [("the latest quarter", "DATE", "1989-Q3")]),
    # spans as TimeML draws them
    ("It landed on March 7, 2017, 10:30 PST.", date(2017, 3, 15), [("March 7, 2017, 10:30 PST", "TIME", "2017-03-07T10:30")]),
    ("The offer expires at 5 p.m. EST Nov. 9.", date(1989, 11, 2), [("5 p.m. EST Nov. 9", "TIME", "1989-11-09T17:00")]),
    ("It lasted nearly two years.", PUB, [("nearly two years", "DURATION", "P2Y")]),
    ("In the last twenty four hours, shares fell.", PUB, [("the last twenty four hours", "DURATION", "P1D")]),
    ("It was his plan twenty years after the war.", PUB, [("twenty years", "DURATION", "P20Y")]),
    ("He came in January nineteen ninety-seven.", PUB, [("January nineteen ninety-seven", "DATE", "1997-01")]),
    ("Late yesterday the deal closed.", PUB, [("Late yesterday", "DATE", "2015-03-13")]),
    ("Over the weekend, talks broke down.", date(1989, 10, 30), [("the weekend", "DATE", "1989-W43-WE")]),
    ("Prices rose in recent years.", PUB, [("recent years", "DATE", "PAST_REF")]),
    # ages and newspapers are not temporal expressions
    ("The 6-year-old boy and his 52 years old uncle.", PUB, []),
    ("the Communist Party daily Granma said", PUB, []),
    # durations and sets are not dates
    ("Flights leave on Tuesday nights.", PUB, [("Tuesday nights", "SET", "XXXX-WXX-2TNI")]),
    ("The festival is held each July.", PUB, [("each July", "SET", "XXXX-07")]),
    ("For the year ended June 30, net fell.", date(1989, 11, 2), [("the year", "DURATION", "P1Y"), ("June 30", "DATE", "1989-06-30")]),
    ("after eight months of airstrikes", PUB, [("eight months", "DURATION", "P8M")]),
    ("over the last several weeks it was pushed back", PUB, [("the last several weeks", "DURATION", "PXW")]),
    ("after more than a year of battles", PUB, [("more than a year", "DURATION", "P1Y")]),
    ("Patrols go out every week.", PUB, [("every week", "SET", "P1W")]),
    ("It is over now.", PUB, [("now", "DATE", "PRESENT_REF")]),
    # false positives dateparser makes
    ("We may see more attacks.", PUB, []),
    ("They march on the capital.", PUB, []),
    ("The Sun reported it.", PUB, []),
    ("We will decouple from China.", PUB, []),
    ("It has 2,000 fighters and 2000 troops.", PUB, []),
    ("Only 7 per cent of attacks in 2020.", PUB, [("2020", "DATE", "2020")]),
]


@pytest.mark.parametrize("text, published, expected", CASES, ids=[c[0][:40] for c in CASES])
def test_find_dates(text, published, expected):
    found = [(d.text, d.type, d.value) for d in find_dates(text, published)]
    assert found == expected


def test_offsets_index_the_text():
    text = "Fighting began on March 7, 2017.\n\nA month after that, Raqqa fell."
    for d in find_dates(text, date(2017, 3, 15)):
        assert text[d.start:d.end] == d.text


def test_relative_to_previous_date():
    text = "A truck attack hit Jerusalem at the beginning of 2017. A month after that, a rocket hit Eilat."
    dates = find_dates(text, date(2017, 3, 15))
    assert [(d.text, d.value) for d in dates] == [("the beginning of 2017", "2017"), ("A month after that", "2017-02")]
    assert dates[0].mod == "START" and dates[0].date_end < date(2017, 6, 1)


def test_modifier_narrows_interval():
    [d] = find_dates("He was killed late last year.", date(2020, 2, 25))
    assert d.mod == "END" and d.date_start >= date(2019, 9, 1) and d.date_end == date(2019, 12, 31)


def test_estimate_published_from_byline_not_sidebar():
    text = "Title here\n\nArindam Mukherjee • January 26, 2024, 18:57:54 IST\n\nISIS fought in 2019 and 2020."
    art = estimate_published(Article("x", text))
    assert art.published == date(2024, 1, 26) and art.published_estimated
    assert "byline" in art.published_note


def test_estimate_published_from_latest_date_is_marked_uncertain():
    text = "x " * 400 + "Mosul fell on March 7, 2017. Earlier, on March 1, 2017, a video appeared."
    art = estimate_published(Article("x", text))
    assert art.published == date(2017, 3, 7) and art.published_estimated and "uncertain" in art.published_note


def test_estimate_published_reads_yearless_days_in_the_latest_year_named():
    text = ("x " * 400 + "The plant opened in 1996. Police said the blast on Aug. 7 killed 12. "
            "The dividend is payable Dec. 15.")
    art = estimate_published(Article("x", text))
    # "Dec. 15" is in a future clause and does not count; "Aug. 7" is read in 1996
    assert art.published == date(1996, 8, 7) and "Aug. 7" in art.published_note


def test_estimate_published_unknown_when_no_dates():
    art = estimate_published(Article("x", "No dates at all here."))
    assert art.published is None and art.published_estimated and "unknown" in art.published_note


def test_known_date_is_kept():
    art = Article("x", "Text from 2019.", published=date(2020, 1, 1))
    assert estimate_published(art) is art


def test_split_sentences():
    text = "One here. Two there!\n\nThree"
    assert [text[s:e] for s, e in split_sentences(text)] == ["One here.", "Two there!", "Three"]


def test_relative_dates_without_publication_date_stay_unanchored():
    [d] = find_dates("Ramadi fell on Friday.", None)
    assert d.text == "Friday" and d.value == "XXXX" and d.date_start is None
    [d] = find_dates("Mosul fell on March 7, 2017.", None)
    assert d.value == "2017-03-07"
