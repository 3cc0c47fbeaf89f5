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


# ---- events told apart from mentions (real parse, tiny gazetteer) ----

def _process(pipeline, text, published=date(2017, 3, 15), aid="a"):
    return pipeline.process(Article(aid, text, published=published))


def test_an_occurrence_is_an_event_and_an_actors_home_a_mention(tiny_pipeline):
    text = ("A car bomb exploded in Mosul on March 7, 2017, killing 12 people. "
            "US officials have long worried about Baghdad in 2017.")
    r = _process(tiny_pipeline, text)
    events = [(e.place.entry.name, e.date_start) for e in r.events if e.kind == "event"]
    assert events == [("Mosul", date(2017, 3, 7))]
    mentions = {e.place.toponym.text for e in r.events if e.kind == "mention"}
    assert {"US", "Baghdad"} <= mentions  # nothing is lost
    top = r.events[0]
    assert top.kind == "event" and "bomb exploded" in top.what and 0 < top.confidence <= 1


def test_a_date_with_no_year_keeps_month_and_day(tiny_pipeline):
    text = "On 27 June, a group rammed their car into the journalists' car in Mosul."
    r = _process(tiny_pipeline, text, published=None)
    (ev,) = [e for e in r.events if e.kind == "event"]
    assert ev.date.value == "XXXX-06-27" and ev.date_start is None
    assert ev.date_label == "27 June (year unknown)"
    frame = events_to_frame([r])
    row = frame[frame["kind"] == "event"].iloc[0]
    assert row["date"] == "XXXX-06-27" and row["date_value"] == "XXXX-06-27"


def test_one_occurrence_in_two_articles_is_one_row(tiny_pipeline):
    one = _process(tiny_pipeline, "A car bomb exploded in Mosul on March 7, 2017.", aid="one")
    two = _process(tiny_pipeline, "Police said a bomb blast hit Mosul on March 7, 2017.", aid="two")
    frame = events_to_frame([one, two])
    rows = frame[(frame["kind"] == "event") & (frame["place"] == "Mosul")]
    assert len(rows) == 1
    assert set(rows.iloc[0]["sources"].split("; ")) == {"one", "two"}


def test_the_same_occurrence_told_twice_is_one_event(tiny_pipeline):
    text = "A car bomb exploded in Mosul on March 7, 2017. The blast in Mosul on March 7, 2017 killed 12."
    r = _process(tiny_pipeline, text)
    events = [e for e in r.events if e.kind == "event"]
    assert len(events) == 1 and len(events[0].also) == 1


def test_witnesses_reporting_what_they_saw_report_an_event_where_they_were(tiny_pipeline):
    text = "People in parts of Florida and Georgia reported a loud boom on March 7, 2017."
    r = _process(tiny_pipeline, text)
    assert {e.place.entry.name for e in r.events if e.kind == "event"} == {"Florida", "Georgia"}
    said = _process(tiny_pipeline, "Officials in Florida reported on March 7, 2017 that the storm had passed.")
    assert [e.kind for e in said.events] == ["mention"]  # a statement, not a sighting


def test_a_time_of_day_is_on_the_story_day_across_quotes(tiny_pipeline):
    text = ('A fireball lit the sky over Florida on Sunday night. "I know it is one of the two," he said. '
            '"I cannot tell which." "It was bright." People in Georgia reported a loud boom about 9:40 p.m.')
    r = _process(tiny_pipeline, text, published=date(2017, 3, 7))  # a Tuesday
    (boom,) = [e for e in r.events if e.place.entry.name == "Georgia"]
    assert boom.kind == "event" and boom.date_start == date(2017, 3, 5)


def test_a_time_of_day_keeps_the_story_day_however_long_the_telling(tiny_pipeline):
    filler = " ".join(f"Neighbour {n} watched." for n in range(12))
    text = (f"Firefighters fought a blaze in Mosul on Monday morning. {filler} "
            "Firefighters cleared the scene in Mosul at approximately 10:30 a.m. "
            "A fire in Baghdad on Saturday was smaller. Crews left Baghdad at 9 a.m.")
    r = _process(tiny_pipeline, text, published=date(2017, 3, 7))  # a Tuesday
    days = {(e.place.entry.name, e.date_start) for e in r.events if e.kind == "event"}
    assert days == {("Mosul", date(2017, 3, 6)), ("Baghdad", date(2017, 3, 4))}


def test_an_undated_occurrence_keeps_the_day_the_story_is_on(tiny_pipeline):
    text = ('A car bomb exploded in Mosul on March 7, 2017. "It was terrible," he said. '
            '"We ran." Police later stopped the driver in Baghdad.')
    r = _process(tiny_pipeline, text)
    (stop,) = [e for e in r.events if e.place.entry.name == "Baghdad"]
    assert stop.kind == "event" and stop.date_start == date(2017, 3, 7)


def test_a_sentence_with_its_own_date_borrows_none(tiny_pipeline):
    text = "A car bomb exploded in Mosul on March 7, 2017. Troops fought in Baghdad, which the army had left on March 1."
    r = _process(tiny_pipeline, text)
    assert not [e for e in r.events if e.place.entry.name == "Baghdad" and e.date_start == date(2017, 3, 7)]


def test_a_statistic_is_not_an_occurrence(full_pipeline):
    from datetime import date

    from geotimeline.records import Article

    text = ("GUERNSEY COUNTY -- The county's courts were busy in 2008. Civil filings in Guernsey County rose in February. "
            "\"Other civil\" cases dropped as well, from 103 last year to 76. "
            "A fire destroyed a barn in Guernsey County on March 3.")
    events = [e for e in full_pipeline.process(Article("s", text, published=date(2009, 3, 20))).events if e.kind == "event"]
    whats = {e.what for e in events}
    assert "A fire destroyed a barn" in whats
    assert not any("dropped" in w for w in whats)  # a count going down, not an occurrence


def test_residents_protesting_protest_where_they_live(full_pipeline):
    from geotimeline.records import Article

    events = full_pipeline.process(Article("p", "On 2 July 2020, residents of Lviv held a rally against the closure of a hospital.")).events
    assert [(e.kind, e.place.entry.name, e.date_start.isoformat()) for e in events] == [("event", "Lviv", "2020-07-02")]
    # the home of someone who did something else is not where it happened
    events = full_pipeline.process(Article("h", "On 2 July 2020, a resident of Lviv was arrested in Kyiv.")).events
    assert [(e.kind, e.place.entry.name) for e in events if e.kind == "event"] == [("event", "Kyiv")]


@pytest.mark.parametrize("text, place", [
    # an occurrence in a time clause does not borrow the last sentence's date ("once ..." has its own time)
    ("ISKP grew stronger in 2019. This came undone once the Taliban took over Afghanistan.", None),
    # weighing an action is not doing it
    ("On March 3, 2019, the Pentagon weighed pulling forces from Niger.", None),
])
def test_who_not_where_and_undated_clauses(full_pipeline, text, place):
    from datetime import date

    from geotimeline.records import Article

    events = full_pipeline.process(Article("w", text, published=date(2022, 1, 5))).events
    assert [e.place.toponym.text for e in events if e.kind == "event"] == ([place] if place else [])


def test_a_place_a_wide_story_passes_through_is_not_its_focus(full_pipeline):
    from geotimeline.events import focus_place
    from geotimeline.records import Article

    essay = ("Iraq and Syria fell apart. Iraq, Syria and Afghanistan suffered. Iraq and Turkey argued. "
             "The Houran Valley is in Iraq. Fighters hid in the Houran Valley. Pakistan and Iraq talked.")
    result = full_pipeline.process(Article("e", essay))
    assert focus_place(result.article, result.places) is None
    local = "Salina police arrested a man. Salina officials said the Salina plant will close. Kansas agreed."
    result = full_pipeline.process(Article("l", local))
    assert focus_place(result.article, result.places).entry.name == "Salina"


def test_a_place_in_x_led_says_who():
    from geotimeline.events import _ACTOR_COMPOUND

    text = "the US-led coalition, Iran-backed militias, a Texas-based firm, a Mosul-born poet, Mosul-Baghdad road"
    hits = [name for name in ("US", "Iran", "Texas", "Mosul") if _ACTOR_COMPOUND.match(text, text.index(name) + len(name))]
    assert hits == ["US", "Iran", "Texas", "Mosul"]
    assert not _ACTOR_COMPOUND.match(text, text.rindex("Mosul") + len("Mosul"))


def test_a_time_of_day_does_not_end_the_sentence_before_its_day(tiny_pipeline):
    # spaCy's sentence recogniser breaks after "4 p.m."; the day after it is the same sentence's
    from geotimeline.pipeline import attach_text, sentence_spans

    text = "A meeting will be held in Mosul at 4 p.m. May 14. It starts at 7 p.m. The public is invited."
    doc = attach_text(tiny_pipeline.nlp(text), text)
    assert [text[s:e] for s, e in sentence_spans(doc)] == [
        "A meeting will be held in Mosul at 4 p.m. May 14.", "It starts at 7 p.m.", "The public is invited."]
    r = _process(tiny_pipeline, text, published=date(2017, 5, 1))
    assert [(e.place.entry.name, e.date_start) for e in r.events if e.kind == "event"] == [("Mosul", date(2017, 5, 14))]


@pytest.mark.parametrize("text, place", [
    # a date opening the sentence dates its main clause, wherever the parse hangs it; the car
    # belonging to an activist in a town burned in that town
    ("Around 16 June 2021 (as reported), unidentified persons set fire to a car belonging to an activist "
     "in Bila Tserkva.", "Bila Tserkva"),
    ("On 9 August 2020, after the presidential election, thousands of people protested in Grodno.", "Hrodna"),
    # ... the main clause of what was said, when the sentence ends "..., officials said"
    ("On 16 June 2021, a member of parliament was detained in Moscow on suspicion of fraud, the Investigative "
     "Committee said.", "Moscow"),
])
def test_an_opening_date_dates_the_main_clause(full_pipeline, text, place):
    r = _process(full_pipeline, text, published=None)
    assert [(e.place.entry.name, e.date.value) for e in r.events if e.kind == "event"][:1] == [
        (place, "2021-06-16" if "2021" in text else "2020-08-09")]


def test_what_happens_before_or_during_an_occurrence_shares_its_place(full_pipeline):
    text = "Clashes broke out between police and fans before the match in Belgrade on 12 October 2022."
    r = _process(full_pipeline, text, published=None)
    assert [(e.place.entry.name, e.date.value) for e in r.events if e.kind == "event"] == [("Belgrade", "2022-10-12")]


def test_a_dateline_is_no_scene_subject_or_actor(full_pipeline):
    text = "KYIV, Ukraine (AP) — Russian missiles struck Kyiv early Monday, killing at least three people, officials said."
    r = _process(full_pipeline, text, published=date(2022, 10, 14))
    (ev,) = [e for e in r.events if e.kind == "event"]
    assert ev.place.toponym.text == "Kyiv" and ev.date_start == date(2022, 10, 10)
    assert ev.what == "Russian missiles struck Kyiv" and ev.actors == ("Russian missiles",)


def test_a_location_acted_on_is_where_it_happens_whatever_the_verb(full_pipeline):
    text = "Farmers blocked roads near Thessaloniki with tractors on Monday to protest rising fuel costs."
    r = _process(full_pipeline, text, published=date(2022, 10, 14))
    assert [(e.place.toponym.text, e.date_start) for e in r.events if e.kind == "event"] == [
        ("Thessaloniki", date(2022, 10, 10))]


def test_a_present_clause_borrows_no_earlier_date_and_a_dated_clause_says_what(tiny_pipeline):
    text = "A car bomb exploded in Mosul on March 7, 2017. Fighters are flowing into Baghdad from the north."
    r = _process(tiny_pipeline, text)
    assert [e.place.entry.name for e in r.events if e.kind == "event"] == ["Mosul"]
    text = "In Mosul there has been fierce fighting, and on March 7, 2017, the Iraqi army recaptured the airport."
    (ev,) = [e for e in _process(tiny_pipeline, text).events if e.kind == "event"]
    assert "recaptured the airport" in ev.what


def test_the_news_ranks_before_its_background(tiny_pipeline):
    text = "On March 7, 2000, a car bomb exploded in Baghdad. On March 7, 2017, a car bomb exploded in Mosul."
    r = _process(tiny_pipeline, text, published=date(2017, 3, 8))
    assert [e.place.entry.name for e in r.events if e.kind == "event"] == ["Mosul", "Baghdad"]


def test_a_dateline_in_mixed_case_places_what_a_report_says_happened(tiny_pipeline):
    text = ("Shots fired.\n\nMosul, Iraq — Police received a report that two men were robbed at gunpoint "
            "about 10 p.m. on Saturday, March 4. The men were not hurt.")
    r = _process(tiny_pipeline, text, published=date(2017, 3, 6))
    assert [(e.place.entry.name, e.date_start) for e in r.events if e.kind == "event"] == [("Mosul", date(2017, 3, 4))]
    # without a dateline, the most-named place is no place for what someone said happened
    text = ("Mosul is tense. Mosul has a new council. The association started accepting applications "
            "in September, Mr. Lynch said.")
    assert not [e for e in _process(tiny_pipeline, text).events if e.kind == "event"]


def test_a_sentence_naming_where_is_not_placed_at_the_focus(tiny_pipeline):
    text = ("MOSUL — Police arrested a man on March 7, 2017. He had fled in May. "
            "Troops linked up with Bravo Company near Baghdad in June.")
    r = _process(tiny_pipeline, text)
    focus_months = {e.date.value[5:7] for e in r.events if e.kind == "event" and e.place.entry.name == "Mosul"}
    assert "05" in focus_months and "06" not in focus_months  # "fled in May" is at the focus, June near Baghdad


def test_a_negated_clause_is_no_event_whatever_the_tagger_makes_of_nt(tiny_pipeline):
    text = "It began like an ordinary Sunday service, but at the church in Mosul, it wasn’t an ordinary Sunday."
    r = _process(tiny_pipeline, text)
    assert not [e for e in r.events if e.kind == "event"]


@pytest.mark.parametrize("text", [
    # what a statistic counts is part of it
    "Emergency room visits in Mosul grew from 17,709 visits in 2003 to 33,760 in 2007.",
    # what usually happens is no occurrence, whatever day it names
    "In Mosul, shop owners usually open their shops on Monday.",
    "In Mosul, the jobless rate was up 0.1 percent in January.",
    # a tally since a date is not an occurrence then
    "Volunteers have pulled 500,000 pounds of trash from the river in Mosul since 1997.",
])
def test_statistics_and_what_usually_happens_are_not_events(full_pipeline, text):
    r = _process(full_pipeline, text, published=date(2009, 3, 19))
    assert not [e for e in r.events if e.kind == "event"]


def test_a_dateline_whose_dash_was_lost_is_still_the_dateline(tiny_pipeline):
    text = "Fire in town.\n\nMOSUL  Local fire departments battled a blaze at 9:30 this morning. Nobody was hurt."
    (ev,) = [e for e in _process(tiny_pipeline, text).events if e.kind == "event"]
    assert ev.place.entry.name == "Mosul" and ev.date_start == date(2017, 3, 15)
    assert ev.what == "Local fire departments battled a blaze" and ev.actors == ("Local fire departments",)


def test_the_better_telling_speaks_for_an_occurrence_told_twice(tiny_pipeline):
    text = ("Officials met in Baghdad on March 7, 2017. Flowers piled up in Mosul. "
            "A car bomb exploded in Mosul on March 7, 2017.")
    (ev,) = [e for e in _process(tiny_pipeline, text).events if e.kind == "event" and e.place.entry.name == "Mosul"]
    assert "bomb exploded" in ev.what and len(ev.also) == 1


def test_a_town_near_the_dateline_that_the_story_is_about_is_where_it_happened(full_pipeline):
    text = ("SAN FRANCISCO — A fourth Oakland police officer shot on Saturday has died. Oakland police "
            "said the officer was taken off life support Monday night. Flowers piled up outside Oakland city hall.")
    r = _process(full_pipeline, text, published=date(2009, 3, 24))
    assert {e.place.entry.name for e in r.events if e.kind == "event"} == {"Oakland"}


def test_what_happens_as_something_else_happens_shares_its_day(full_pipeline):
    text = ("Kansas storm overturns big rigs. SALINA, Kan. Strong winds toppled 13 vehicles in central Kansas as a "
            "storm system moved into the state Monday.")
    r = _process(full_pipeline, text, published=date(2009, 3, 23))
    (ev,) = [e for e in r.events if e.kind == "event"]
    assert ev.place.entry.name == "Kansas" and ev.date_start == date(2009, 3, 23)
    assert ev.what.startswith("Strong winds toppled 13 vehicles")


def test_a_dateline_at_home_for_a_story_abroad_is_not_where_it_happened(tiny_pipeline):
    text = ("WASHINGTON — The military is inspecting facilities in Iraq. Soldiers in Iraq died of shocks. "
            "He died in January 2016. Inspectors in Iraq found faults.")
    r = _process(tiny_pipeline, text)
    assert not [e for e in r.events if e.kind == "event" and e.place.entry.name == "Washington"]


def test_the_occurrence_told_again_later_keeps_the_day_it_was_first_dated(full_pipeline):
    from geotimeline.records import Article

    text = ("Incidents such as the terrorist attack on Tuesday show the threat. Analysts disagree. "
            "Some call peace a pipe dream. Others say it is near. Nobody knows. "
            "The suicide bombing occurred in the town of Akuressa, in Matara district.")
    events = [e for e in full_pipeline.process(Article("b", text, published=date(2009, 3, 15))).events
              if e.kind == "event"]
    assert [(e.place.entry.name, e.date_start) for e in events] == [("Matara", date(2009, 3, 10))]
    # an occurrence of another kind ("the meeting") is not the one dated, nor is one named without "the"
    for later in ("The meeting took place in Matara.", "A bombing occurred in Matara."):
        text2 = text[: text.index("The suicide")] + later
        events = full_pipeline.process(Article("c", text2, published=date(2009, 3, 15))).events
        assert not [e for e in events if e.kind == "event"]


@pytest.mark.parametrize("text, what", [
    ("Police said a man is suspected in the armed robbery Friday of two people in their Augusta home.",
     "the armed robbery"),
    ("A man is suspected in the shooting Friday of a clerk in Augusta.", "the shooting"),
])
def test_who_is_suspected_is_in_doubt_not_that_it_happened(full_pipeline, text, what):
    from geotimeline.records import Article

    events = [e for e in full_pipeline.process(Article("s", text, published=date(2022, 10, 17))).events
              if e.kind == "event"]
    assert [(e.place.entry.name, e.date_start, e.what) for e in events] == [("Augusta", date(2022, 10, 14), what)]


@pytest.mark.parametrize("after, dated", [
    ("She returned home on Sunday, March 29.", True),  # the story is still on those days
    ("She returned home on April 20.", False),  # weeks later: the story has moved on
    ("She is in jail.", False),  # nothing bounds it: too far back to borrow
])
def test_a_day_named_just_after_bounds_an_occurrence_told_far_from_its_day(full_pipeline, after, dated):
    from geotimeline.records import Article

    text = ("A store in Augusta was robbed on Friday, March 27, 2009. Police looked for the car. "
            "\"I was scared,\" a clerk said. Officers then searched the area. "
            "Police stopped the suspect in Macon. " + after)
    events = full_pipeline.process(Article("n", text, published=date(2009, 3, 31))).events
    macon = [(e.kind, e.date_start) for e in events if e.place.entry.name == "Macon" and e.kind == "event"]
    assert macon == ([("event", date(2009, 3, 27))] if dated else [])


@pytest.mark.parametrize("text, expected", [
    # a court, a hospital or a school in a town acts there
    ("A court in Istanbul on Thursday sentenced a journalist to two years in prison.", [("Istanbul", "2023-03-09")]),
    # a statement made at a place on a day is an occurrence there, ranked below what happened
    ("Speaking in Brussels on Tuesday, NATO's chief said the alliance would increase its support.",
     [("Brussels", "2023-03-07")]),
    # ... but where a speaker called from is not where anything happened
    ("\"We have found a site,\" the company's president said Friday from Denver headquarters.", []),
    # an occurrence with no day of its own is news on the day it is reported
    ("Iranian state television said on Thursday that a gas explosion at a building in Tehran killed four people.",
     [("Tehran", "2023-03-09")]),
    # people said to be in a town act there, on the story's day
    ("The congress voted on Friday against early elections. Protesters in Lima clashed with police.",
     [("Lima", "2023-03-10")]),
    # two places spaCy ran into one organisation name
    ("Hundreds of migrants crossed the English Channel to Dover on Thursday.",
     [("English Channel", "2023-03-09"), ("Dover", "2023-03-09")]),
])
def test_scenes_of_courts_statements_reports_and_people(full_pipeline, text, expected):
    from geotimeline.records import Article

    events = full_pipeline.process(Article("c", text, published=date(2023, 3, 10))).events
    assert [(e.place.entry.name, e.date_start.isoformat()) for e in events if e.kind == "event"] == expected


def test_a_blast_in_a_village_of_a_district_named_for_its_town(full_pipeline):
    from geotimeline.records import Article

    text = ("Blast injures three in Abkhazia. Two servicemen were injured in an explosion in the village of "
            "Achguara of the Ochamchire district on March 29, the news agency reported. "
            "Tbilisi has denied the allegation.")
    r = full_pipeline.process(Article("a", text, published=date(2009, 3, 30)))
    # the district is placed at the town it is named for; a big capital spaCy calls a person is a place
    assert {p.toponym.text for p in r.places} >= {"Ochamchire", "Tbilisi"}
    events = [(e.place.entry.name, e.date_start) for e in r.events if e.kind == "event"]
    assert events == [("Ochamchire", date(2009, 3, 29))]


@pytest.mark.parametrize("published, first, expected", [
    # an article that names no day reports its news as of the day it was published
    (date(2009, 3, 30), "A police car exploded on a mine near Tskhinvali.", [("Ts’khinvali", date(2009, 3, 30))]),
    # ... told outright in its opening, not in the background far below
    (date(2009, 3, 30), "Nothing happened. " * 7 + "A police car exploded on a mine near Tskhinvali.", []),
    # ... nor what someone believes
    (date(2009, 3, 30), "White believes cargo shipped from Europe to Tskhinvali would help.", []),
    # without a publication date there is no day to give it
    (None, "A police car exploded on a mine near Tskhinvali.", []),
])
def test_an_article_with_no_day_reports_news_of_its_publication_day(full_pipeline, published, first, expected):
    from geotimeline.records import Article

    events = full_pipeline.process(Article("d", first, published=published)).events
    assert [(e.place.entry.name, e.date_start) for e in events if e.kind == "event"] == expected


@pytest.mark.parametrize("text, kind", [
    ("Boone County's unemployment rate reached 7.7 in February.", "mention"),
    ("That pushed the state's jobless rate in Boone County up slightly from January's 9.3 percent in February.", "mention"),
    # a count of victims is no statistic of a place: the killing happened there
    ("A total of 12 people were killed in a blast in Kabul on Monday.", "event"),
])
def test_a_measure_given_a_figure_is_a_statistic(full_pipeline, text, kind):
    from geotimeline.records import Article

    events = full_pipeline.process(Article("m", text, published=date(2009, 3, 30))).events
    assert [e.kind for e in events if e.place.entry.feature != "admin1"][:1] == [kind]


def test_what_a_local_authority_reports_happened_where_it_has_authority(full_pipeline):
    from geotimeline.records import Article

    text = ("Missing Glen Allen woman is found. Henrico County police announced today that Tasha Shelton "
            "was found safe this morning at a hotel. Shelton had been reported missing from her home in Glen Allen.")
    r = full_pipeline.process(Article("g", text, published=date(2009, 3, 31)))
    # a town of 15,000 spaCy calls a person is a town when twice written as one
    assert [p.toponym.text for p in r.places].count("Glen Allen") == 2
    events = [(e.place.entry.name, e.date_start, e.what) for e in r.events if e.kind == "event"]
    assert events[0] == ("Henrico County", date(2009, 3, 31), "Tasha Shelton was found safe")
    # a report that says where the occurrence was places it there, not at the authority
    text = "Henrico County police said on Monday that a man was arrested in Richmond."
    r = full_pipeline.process(Article("h", text, published=date(2009, 3, 31)))
    assert "Henrico County" not in [e.place.entry.name for e in r.events if e.kind == "event"]


def test_the_day_something_was_said_is_not_the_story_s_day(full_pipeline):
    from geotimeline.records import Article

    text = ("Four people died in a stampede at a discotheque outside Yekaterinburg when word spread that it was "
            "offering free entry Saturday night, a police spokesman said Sunday. About 200 people flocked to the "
            "discotheque in the town of Pervouralsk after it announced free admission, the spokesman said.")
    events = full_pipeline.process(Article("y", text, published=date(2009, 3, 22))).events
    got = {(e.place.entry.name, e.date_start) for e in events if e.kind == "event"}
    assert got == {("Yekaterinburg", date(2009, 3, 21)), ("Pervouralsk", date(2009, 3, 21))}


def test_a_when_clause_describing_a_date_happens_then(full_pipeline):
    from geotimeline.records import Article

    text = ("The events that culminated in his arrest began about 10:30 a.m. Monday, when he shot a man "
            "near Grand Avenue in Pasadena, according to police.")
    events = full_pipeline.process(Article("w", text, published=date(2009, 3, 31))).events
    assert [(e.place.entry.name, e.date_start, e.what) for e in events if e.kind == "event"] == [
        ("Pasadena", date(2009, 3, 30), "shot a man near Grand Avenue in Pasadena")]


def test_a_credit_line_and_a_county_abbreviated(full_pipeline):
    from geotimeline.records import Article

    text = ("A Knox Co. man was killed Friday in a crash in Loudon Co., police said. "
            "Associated Press writers Lisa Leff in San Francisco and Terry Collins in Oakland contributed to this report.")
    events = full_pipeline.process(Article("k", text, published=date(2009, 3, 17))).events
    assert [(e.place.entry.name, e.date_start) for e in events if e.kind == "event"] == [
        ("Loudon County", date(2009, 3, 13))]


@pytest.mark.parametrize("text, expected", [
    # a state spaCy calls a person ("Sokoto state") is the state
    ("Around 5 March 2023 (as reported), Fulani militia attacked a village, Sokoto state, killing 7 farmers.",
     [("Sokoto", "admin1", "2023-03-05")]),
    # "south of Nablus" says where from Nablus, not in it ("in the south of Lebanon" is in Lebanon)
    ("On 7 March 2023, Israeli forces demolished two houses in the village of Burin, south of Nablus.",
     [("Būrīn", "city", "2023-03-07")]),
    ("Fighting raged in the south of Lebanon on 6 March 2023.", [("Lebanon", "country", "2023-03-06")]),
    # what police in a town say happened there, unless they say where
    ("Police in Memphis said a man was shot and killed Saturday night outside a convenience store.",
     [("Memphis", "city", "2023-03-04")]),
])
def test_states_reference_points_and_police_in_a_town(full_pipeline, text, expected):
    from geotimeline.records import Article

    events = full_pipeline.process(Article("s", text, published=date(2023, 3, 10))).events
    assert [(e.place.entry.name, e.place.entry.feature, e.date_start.isoformat())
            for e in events if e.kind == "event"] == expected


def test_st_is_saint(full_pipeline):
    from geotimeline.records import Article

    r = full_pipeline.process(Article("p", "ST. PAUL -- A man was charged on Monday in St. Paul.", published=date(2009, 3, 31)))
    assert {(p.entry.name, p.entry.country_code) for p in r.places} == {("Saint Paul", "US")}


@pytest.mark.parametrize("text, expected", [
    # a state of things is no occurrence, whatever day it names
    ("The weather in Dublin was awful on Tuesday.", []),
    # "there was" an occurrence, or an occurrence put on the calendar, is
    ("There was an explosion in Kabul on Tuesday.", [("Kabul", "an explosion")]),
    ("Lebanon's heavy trash disposal day is April 24 at the street department in Lebanon, Indiana.",
     [("Lebanon", "Lebanon's heavy trash disposal day is April 24")]),
])
def test_be_says_a_state_unless_its_subject_is_an_occurrence(full_pipeline, text, expected):
    from geotimeline.records import Article

    events = full_pipeline.process(Article("b", text, published=date(2009, 3, 26))).events
    assert [(e.place.entry.name, e.what) for e in events if e.kind == "event"] == expected


def test_remaining_in_hospital_is_a_state(full_pipeline):
    from geotimeline.records import Article

    text = "A 53-year-old man remained hospitalized Sunday in Reno, a day after being stung by bees."
    events = full_pipeline.process(Article("r", text, published=date(2009, 3, 23))).events
    assert not [e for e in events if e.kind == "event"]


@pytest.mark.parametrize("gap, day", [("a day", date(2009, 3, 21)), ("two days", date(2009, 3, 20)),
                                      ("a week", date(2009, 3, 15))])
def test_what_happened_days_before_a_named_day(full_pipeline, gap, day):
    from geotimeline.records import Article

    text = (f"A man remained hospitalized Sunday, {gap} after being stung in what authorities are calling "
            "the worst bee attack around Reno in 20 years.")
    events = full_pipeline.process(Article("d", text, published=date(2009, 3, 23))).events
    assert [(e.place.entry.name, e.date_start) for e in events if e.kind == "event"] == [("Reno", day)]


def _events(pipeline, text, published):
    """The events (not the mentions) of one article, best first."""
    return [e for e in _process(pipeline, text, published).events if e.kind == "event"]


def test_a_ranking_is_not_an_occurrence_on_a_day(full_pipeline):
    text = "The shooting was the deadliest at a US school since Uvalde, Texas, last May."
    events = _events(full_pipeline, text, date(2023, 3, 28))
    assert not events


def test_a_dateline_at_home_holds_against_as_many_mentions_abroad(full_pipeline):
    text = ("MOSCOW — A Russian court on Thursday sentenced opposition politician Ilya Yashin to eight and a half "
            "years in prison for criticizing the war in Ukraine. Yashin was arrested in June after a video about "
            "killings in Bucha.")
    events = _events(full_pipeline, text, date(2023, 3, 10))
    assert (events[0].place.entry.name, events[0].date_start) == ("Moscow", date(2023, 3, 9))
    assert "Bucha" not in {e.place.entry.name for e in events}  # what the video was about is no June event


@pytest.mark.parametrize("text, expected", [
    ("The mayor of Chicago, Lori Lightfoot, conceded defeat on Tuesday night.", ["Chicago"]),
    # what an authority did somewhere else happened there
    ("Berea police arrested a man in Richmond on Monday.", ["Richmond"]),
    ("The mayor of Chicago traveled to Paris on Tuesday.", ["Paris"]),
])
def test_who_acts_for_a_place_acts_there_unless_told_where(full_pipeline, text, expected):
    events = _events(full_pipeline, text, date(2023, 3, 10))
    assert [e.place.entry.name for e in events] == expected


def test_a_local_story_without_a_focus_town_happens_in_the_state_holding_its_places(full_pipeline):
    text = ("Gov. Chet Culver is urging the legislature to strengthen Iowa law. Culver spoke about this issue today "
            "at a meeting of the task force, where he was joined by Sen. Rich Olive, D-Story City and Rep. Vicki "
            "Lensing, D-Iowa City. The task force was formed after reports about a Texas-based company.")
    events = _events(full_pipeline, text, date(2009, 3, 15))
    assert [(e.place.entry.name, e.date_start) for e in events] == [("Iowa", date(2009, 3, 15))]
    # a story that names a town in another state keeps to no state
    other = text.replace("D-Iowa City", "D-Omaha, Nebraska")
    events = _events(full_pipeline, other, date(2009, 3, 15))
    assert not events


@pytest.mark.parametrize("text, place", [
    ("HUME, Ill. – A delegation of the school district committee met with the board of education Monday night.", "Hume"),
    ("Martha was born in Grantville, Pennsylvania, on November 4, 1913.", "Grantville"),
])
def test_a_village_too_small_for_geonames_is_placed(full_pipeline, text, place):
    events = _events(full_pipeline, text, date(2009, 3, 17))
    top = [e for e in events][0]
    assert top.place.entry.name == place and top.place.entry.country_code == "US"


@pytest.mark.parametrize("text, expected", [
    # what is held within a country, named by its people, happens there; what its army does, not
    ("The Nigerian elections were held on Saturday.", [("Nigeria", date(2023, 3, 4))]),
    ("The Russian offensive began on Monday.", []),
    # a relative clause saying when an occurrence took place dates it
    ("The war in Ukraine, which began on Monday, has displaced thousands.", [("Ukraine", date(2023, 3, 6))]),
])
def test_what_happens_within_a_country_and_when_it_began(full_pipeline, text, expected):
    events = _events(full_pipeline, text, date(2023, 3, 10))
    assert [(e.place.entry.name, e.date_start) for e in events] == expected


def test_here_is_the_storys_place(full_pipeline):
    text = ("PARIS, Texas — A two-car accident here late Friday claimed the life of a former high school student. "
            "Jessica Kay, 18, of Paris died Saturday in a Dallas hospital from injuries received in the collision.")
    events = _events(full_pipeline, text, date(2009, 3, 23))
    assert [(e.place.entry.name, e.date_start) for e in events][0] == ("Paris", date(2009, 3, 20))


@pytest.mark.parametrize("text, published, expected", [
    # a name the parse broke in two keeps the role of its first part
    ("Flooding killed at least 11 people in the southern Brazilian state of Rio Grande do Sul on Friday, "
     "officials said.", date(2023, 3, 10), [("Rio Grande do Sul", date(2023, 3, 10))]),
    # a participle after its clause shares its day; "after leaving X" says when, so it keeps its own time
    ("A cyclone made landfall on Friday, bringing heavy rain to the port city of Quelimane.", date(2023, 3, 12),
     [("Quelimane", date(2023, 3, 10))]),
    ("He was arrested after leaving Quelimane, police said on Friday.", date(2023, 3, 12), []),
    # a weekday reported on an earlier day is the one before it (published on a Friday)
    ("Authorities in Texas said on Tuesday that a gunman killed five people at a home in Cleveland, "
     "north of Houston, late on Friday.", date(2023, 3, 10), [("Cleveland", date(2023, 3, 3))]),
    # what an authority reports after telling it happened where it has authority
    ("Deputies arrested a Lake City man Saturday after a standoff at a home that lasted nearly four hours, "
     "the Columbia County Sheriff's Office said.", date(2023, 3, 6), [("Columbia County", date(2023, 3, 4))]),
    # a tally "since" a day is dated by its report
    ("The World Health Organization said on Thursday that a measles outbreak in Madagascar has infected "
     "more than 115,000 people since September.", date(2023, 3, 10), [("Madagascar", date(2023, 3, 9))]),
    # being up for an occurrence schedules it
    ("ISLE OF PALMS — Two members will appear on the May 12 ballot for a special election. "
     "His council seat is up for re-election in November.", date(2009, 3, 17),
     [("Isle of Palms", date(2009, 5, 12)), ("Isle of Palms", date(2009, 11, 1))]),
    # an occurrence at the story's place ranks by its own date
    ("Mary Ellen Smith, 87, of Zanesville, died Saturday at Genesis Hospital. She was a teacher. "
     "Services will be held at 11 a.m. Wednesday at the Bryan & Hardwick Funeral Home in Zanesville.",
     date(2023, 3, 6), [("Zanesville", date(2023, 3, 4)), ("Zanesville", date(2023, 3, 8))]),
])
def test_where_and_when_an_occurrence_is_read(full_pipeline, text, published, expected):
    events = _events(full_pipeline, text, published)
    assert [(e.place.entry.name, e.date_start) for e in events] == expected


@pytest.mark.parametrize("text, published, order", [
    # what was over before the lede's news began is background
    ("Kenyan police fired tear gas at opposition supporters in Nairobi on Monday as protests entered a "
     "second week. Opposition leaders have called for demonstrations every Monday. "
     "Last week two people died in Kisumu.", date(2023, 3, 10), ["Nairobi", "Kisumu"]),
    # also when the lede itself tells it
    ("A man who robbed a bank in Xenia on Friday was arrested in Dayton on Monday.", date(2009, 3, 31),
     ["Dayton", "Xenia"]),
    # the lede comes first, however surely what follows is placed and dated
    ("Flooding caused by days of heavy rain killed at least 11 people in the southern Brazilian state of "
     "Rio Grande do Sul, officials said Friday. Hundreds of families were evacuated from their homes in "
     "Porto Alegre. Meteorologists expect more rain next week.", date(2023, 3, 10),
     ["Rio Grande do Sul", "Porto Alegre"]),
])
def test_an_articles_events_rank_its_lede_first(full_pipeline, text, published, order):
    assert [e.place.entry.name for e in _events(full_pipeline, text, published)] == order
