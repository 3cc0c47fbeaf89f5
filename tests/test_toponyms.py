import pytest

from geotimeline.settings import Settings
from geotimeline.toponyms import admin_word_near, find_toponyms, town_word_near


def spans(nlp, gaz, text):
    return [(t.text, t.kind) for t in find_toponyms(nlp(text), gaz, Settings())]


@pytest.mark.parametrize("text, expected", [
    ("Fighting continued in Mosul and Baghdad on Tuesday.", [("Mosul", "literal"), ("Baghdad", "literal")]),
    ("Iraqi forces advanced toward Ramadi.", [("Iraqi", "demonym"), ("Ramadi", "literal")]),
    ("The Washington Post reported the attack.", []),
    ("Officials met in the Middle East.", [("Middle East", "literal")]),
    # a name spaCy misses, found by the gazetteer pass
    ("An Iraqi MP called for a clean-up of the Houran Valley.", [("Iraqi", "demonym"), ("Houran Valley", "literal")]),
    # "City, State" written as one entity is two places
    ("She moved to Gainesville, Ga., in 2001.", [("Gainesville", "literal"), ("Ga.", "literal")]),
    # an organisation named for the place it serves names that place
    ("The Oakland Police Department said the man fled.", [("Oakland", "literal")]),
    # ... and so does one named for the town's institutions
    ("She chairs the Oakland Historical Society.", [("Oakland", "literal")]),
    ("A meeting takes place at the Oakland Seniors Center tonight.", [("Oakland", "literal")]),
    # ... also when spaCy calls the whole a facility or a place
    ("He was held in the Hall County Jail on Friday.", [("Hall County", "literal")]),
    ('"We are safe," said Gainesville City Commissioner Tim Mahoney.', [("Gainesville", "literal")]),
    # a school named for its town names the town, but only a town of some size: schools are
    # as often named after people
    ("Tuition at Gainesville High School rose.", [("Gainesville", "literal")]),
    ("He is a junior at Ripley High School.", []),
    # the place an organisation is "of" is named and located
    ("The Disabilities Board of Hall County met.", [("Hall County", "literal")]),
    ("He banks at the Bank of America.", []),
    # the other members of a list of places, whatever spaCy called them
    ("Cases rose in Gainesville, Tyler and Elkhart.", [("Gainesville", "literal"), ("Tyler", "literal"), ("Elkhart", "literal")]),
    ("Officials in Paris and Elkhart said so.", [("Paris", "literal"), ("Elkhart", "literal")]),
    # the members of a list of counties, whatever spaCy called them
    ("Enrollment has slowed in places like Jackson and Hall counties.", [("Jackson", "literal"), ("Hall", "literal")]),
    ("The areas in Hall, Jackson, Grant and Wilkin counties flooded.", [("Hall", "literal"), ("Jackson", "literal")]),
    # a name after a street address is the town's
    ("Henry, 19, of 1935 Orchard St., Gainesville, was arrested.", [("Gainesville", "literal")]),
    # an all-capitals dateline
    ("Threat dubious. COLUMBUS -- A text message about a threat spread.", [("COLUMBUS", "literal")]),
    ("Threat dubious. COLUMBUS - A text message about a threat spread.", [("COLUMBUS", "literal")]),
    ("Bomb found. BAGHDAD: A car bomb killed four.", [("BAGHDAD", "literal")]),
    ("UPDATE: The game was cancelled.", []),
    # a legislator's party tag names the home town or state
    ("Sen. Jane Doe, R-Gainesville, said the bill was fine.", [("Gainesville", "literal")]),
    ("Rep. John Lewis (D-Ga.) spoke.", [("Ga.", "literal")]),
    # a compass word alone is never a place, even where a gazetteer has a town of that name
    ("They met at Northwest Eighth Avenue in Columbus.", [("Columbus", "literal")]),
    # a region of a place: the place
    ("Most schools in Northeast Georgia are hiring.", [("Georgia", "literal")]),
    # initials in brackets stand for the place everywhere in the article
    ("Horses in New South Wales (NSW) fell ill. The NSW ban holds.",
     [("New South Wales", "literal"), ("NSW", "literal"), ("NSW", "literal")]),
    # initials spaCy calls an organisation, of a division of a country the article names
    ("Vets in Sydney agreed. The NSW government banned racing.", [("Sydney", "literal"), ("NSW", "literal")]),
    # a place naming a disease is not a place there
    ("Marburg virus spread in Mosul, not in Marburg.", [("Mosul", "literal"), ("Marburg", "literal")]),
    # ... and so is the town's bare name elsewhere in that article, unless written where places go
    ("Marburg virus spread. Because Marburg kills slowly, doctors in Marburg were calm.", [("Marburg", "literal")]),
    ("West Nile cases rose in Texas.", [("Texas", "literal")]),
    # a sentence's first word, when the next word says it is a place
    ("Heze city alone has registered 1,734 cases.", [("Heze", "literal")]),
    # a news outlet's name
    ("China's official news agency Xinhua reported that 1,118 new cases were recorded.", [("China", "literal")]),
    # spaCy's part of a longer name is widened to the name the gazetteer knows
    ("Cases rose in Angola and the Democratic Republic of the Congo.",
     [("Angola", "literal"), ("Democratic Republic of the Congo", "literal")]),
    # ... also a known name that is the tail of a longer known one, however it was found
    ("Children in camps near Goz Beida were malnourished.", [("Goz Beida", "literal")]),
    # a capital spaCy calls an organisation or a product, written where places go
    ("State media reported that most of Harare has been left without water.", [("Harare", "literal")]),
    ("Stall owners in Calcutta were trained.", [("Calcutta", "literal")]),
    ("Cases rose in the capital city Harare on Monday.", [("Harare", "literal")]),
    ("He lived in Salisbury, presently called Harare, for years.", [("Salisbury", "literal"), ("Harare", "literal")]),
    # a country an organisation's branch is named for, but not a party's or a company's "of"
    ("The outbreak caused Taco Bell Canada to recall green onions.", [("Canada", "literal")]),
    ("Officials of United Russia met on Monday.", []),
    # initials the article defines for something that is not a place
    ("The African Leaders Malaria Alliance (ALMA) met. Friends of ALMA bought nets in Alma.", [("Alma", "literal")]),
    # a two-letter name not in capitals is a surname unless famous
    ("Blood samples from Lu later confirmed the virus. Lu was first diagnosed with pneumonia.", []),
    # another spelling of a hamlet's name is more likely a person's
    ("According to WIVB Channel 4, Harden attended 4th grade at a school. Harden was nine.", []),
    # a word of a person's name that spaCy reads alone as a place at least as often is a place
    ("Coach Tyler Smith arrived. The team plays in Tyler on Friday.", [("Tyler", "literal")]),
    # a name the article gives a person, by full name and then alone, is the person's
    ("Matthew D. Flores was shot in Atlanta. Flores had moved to Flores from Texas. Flores said nothing. Flores was 26.",
     [("Atlanta", "literal"), ("Texas", "literal")]),
    # a town written where places go, whatever spaCy called it ("Toruń" a nationality, "Pulawy"
    # an organisation), and spelled without the letters Polish or Turkish add
    ("Dead swans were discovered in the northern town of Toruń.", [("Toruń", "literal")]),
    ("The case was confirmed at the national laboratory, in the town of Pulawy.", [("Pulawy", "literal")]),
    # a pair of towns written as one ("Fargo-Moorhead"), whatever spaCy called it
    ("The river will crest in Fargo-Moorhead on Friday.", [("Fargo", "literal"), ("Moorhead", "literal")]),
    # a name after a title is a person
    ("The score pleased coach Paris after the match.", []),
])
def test_find_toponyms(nlp, tiny_gazetteer, text, expected):
    assert spans(nlp, tiny_gazetteer, text) == expected


def test_offsets_index_the_text(nlp, tiny_gazetteer):
    text = "Kurdish forces retook Sinjar from militants; later they entered Mosul."
    for t in find_toponyms(nlp(text), tiny_gazetteer, Settings()):
        assert text[t.start:t.end] == t.text


def test_dates_are_never_places(nlp, tiny_gazetteer):
    text = "Nice weather in March. They met in Nice."
    tops = find_toponyms(nlp(text), tiny_gazetteer, Settings(), date_spans=[(16, 21)])
    assert all(t.start != 16 for t in tops)


@pytest.mark.parametrize("tail, expected", [(" province", True), (" Governorate", True), (" city", False), ("", False)])
def test_admin_word_near(tail, expected):
    text = "Anbar" + tail
    assert admin_word_near(text, 0, 5) is expected


@pytest.mark.parametrize("before, after, expected", [
    ("A ", " man was sentenced.", True),
    ("The ", " City Council met.", True),
    ("The ", " Police Department said.", True),
    ("the city of ", " said.", True),
    ("in downtown ", ".", True),
    ("Talks on ", " stalled.", False),
    ("The ", " Liberation Organization said.", False),
    ("A ", " mandate was signed.", False),
])
def test_town_word_near(before, after, expected):
    text = before + "Palestine" + after
    assert town_word_near(text, len(before), len(before) + len("Palestine")) is expected


def test_state_of_before_the_name():
    text = "in the state of Washington"
    assert admin_word_near(text, text.index("Washington"), len(text))


def test_one_sense_per_discourse(nlp, tiny_gazetteer):
    # spaCy rarely tags a sentence-initial name used as an adjective; a later "in Gainesville" does
    text = "Gainesville woman charged. Police in Gainesville arrested her on Monday."
    found = [(t.text, t.start) for t in find_toponyms(nlp(text), tiny_gazetteer, Settings())]
    assert ("Gainesville", 0) in found and ("Gainesville", text.rindex("Gainesville")) in found


def test_a_persons_surname_is_not_a_place(nlp, tiny_gazetteer):
    text = "Director Mike Oakland made the film. Oakland said the film was hard to make."
    assert [t.text for t in find_toponyms(nlp(text), tiny_gazetteer, Settings())] == []


@pytest.mark.parametrize("text, expected", [
    ("A car bomb exploded in Atlanta on 3 May.", ["Atlanta"]),  # the real model's label does not matter ...
    ("It happened in March in Spring.", []),  # ... but calendar words stay dates
])
def test_a_sizeable_place_where_places_go_is_a_place_whatever_its_label(nlp, tiny_gazetteer, text, expected):
    from geotimeline.toponyms import _misplaced_place

    doc = nlp(text)
    found = [t.text for t in find_toponyms(doc, tiny_gazetteer)]
    assert [n for n in expected if n in found] == expected
    span = doc.char_span(text.index("Atlanta"), text.index("Atlanta") + 7) if "Atlanta" in text else None
    if span is not None:
        assert _misplaced_place(span, tiny_gazetteer, Settings())  # as if spaCy had called it a date
    from geotimeline.gazetteer import Gazetteer
    from geotimeline.records import GazetteerEntry

    towns = Gazetteer.from_entries([GazetteerEntry("1", "Spring", 30.08, -95.42, "city", "US", "US.TX", 54_000),
                                    GazetteerEntry("2", "March", 52.55, 0.09, "city", "GB", "GB.ENG", 22_000)])
    for word in ("March", "Spring"):
        if word in text:
            w = doc.char_span(text.index(word, 12), text.index(word, 12) + len(word))
            assert not _misplaced_place(w, towns, Settings())


def test_a_plural_of_initials_is_never_a_place(nlp):
    from geotimeline.gazetteer import Gazetteer
    from geotimeline.records import GazetteerEntry

    gaz = Gazetteer.from_entries([GazetteerEntry("1", "Kars", 40.6, 43.1, "city", "TR", "TR.36", 115_000),
                                  GazetteerEntry("2", "India", 22.0, 79.0, "country", "IN", "", 1_300_000_000)],
                                 {"1": ["CAR", "CARs"]})
    text = "Trade between the CARs and India grew, officials in Kars said."
    assert [t.text for t in find_toponyms(nlp(text), gaz)] == ["India", "Kars"]


@pytest.mark.parametrize("text, expected", [
    # a state after a comma is where a place goes, whatever spaCy calls the name
    ("Greer, South Carolina. The city offers beautiful scenery. Greer Station took on a new look in 2008.",
     ["Greer", "South Carolina"]),
    # a highway is not the country
    ("Barnett was arrested at a residence off of U.S. 79, east of Palestine.", ["Palestine"]),
    # the town's own park is no hamlet called City Park
    ("The 2009 Fourth of July Celebration at City Park will offer music.", []),
    # a small town's name heading a longer name is not the town; the capital is
    ("Members of the Golden Dawn party attacked migrants in Athens.", ["Athens"]),
    # written where places go, another name of a big city ("Lvov" for Lviv, which spaCy calls a person)
    ("On 2 July 2020, residents of Lvov held a rally.", ["Lvov"]),
    # a building's town; a saint's church is not the city of St. Paul
    ("They were married at St. Paul's United Brethren Church in Elizabethtown.", ["Elizabethtown"]),
    # a list's members by another of their names (Grodno is Hrodna), whatever spaCy called them
    ("Thousands protested in Minsk, Gomel, Brest, Grodno and Vitebsk.", ["Minsk", "Gomel", "Brest", "Grodno", "Vitebsk"]),
    # what holds the town before it, whatever spaCy called it ("Lesvos" a product)
    ("On 1 July 2021, a Molotov cocktail was thrown at a migrant camp near Moria, Lesvos.", ["Moria", "Lesvos"]),
    # a small town of several words in a list of places, whatever spaCy called it
    ("Legislators will eyeball an annexation plan for Decatur and Avondale Estates this week.",
     ["Decatur", "Avondale Estates"]),
    # the object of shelling is a place, whatever spaCy called it
    ("On 14 May 2022, Russian forces shelled Kupiansk (Kharkivska oblast).", ["Kupiansk"]),
    # said to be a town, island or province, whatever its size and whatever spaCy called it
    ("Hundreds of migrants were rescued off the Italian island of Lampedusa.", ["Lampedusa"]),
    ("A ferry caught fire off Basilan province late Wednesday.", ["Basilan"]),
    # a country written where places go ("Niger" a work of art)
    ("Gunmen on motorbikes killed 25 people in southwestern Niger on Tuesday.", ["Niger"]),
    # a town spaCy cut in two, its tail taken for a person; a province's whole name taken for one
    ("A roadside bomb exploded in Dera Ismail Khan, Khyber Pakhtunkhwa.", ["Dera Ismail Khan", "Khyber Pakhtunkhwa"]),
    # a town's name at the end of a longer name is not the town; a sentence's first word is no name
    ("He shot his girlfriend in a West Side Taco Bell in July 2008.", []),
    ("In Euclid, in the northeast, firefighters agreed to a pay cut.", ["Euclid"]),
    # a word only a notable place bears as another name, and small towns as their own, is no place
    ("Members of the Golden Dawn party marched on Friday.", []),
    # a school's level is no town ("Central High", Oklahoma)
    ("The Springfield school board will meet at 7 p.m. Thursday at Central High School.", ["Springfield"]),
])
def test_venues_routes_and_datelines(full_pipeline, text, expected):
    from geotimeline.records import Article

    *_, toponyms = full_pipeline.recognise(Article("t", text))
    assert [t.text for t in toponyms if t.kind == "literal"] == expected


def test_a_hall_with_a_name_of_its_own_is_no_town(full_pipeline):
    # "Centennial Hall" is not in Centennial, Colorado, nor "Carnegie Hall" in Carnegie; a town's
    # hall is its City Hall
    from geotimeline.records import Article

    text = "A meeting will be held at Centennial Hall, then at Carnegie Hall and at Fargo City Hall."
    assert [p.entry.name for p in full_pipeline.process(Article("t", text)).places] == ["Fargo"]


def test_a_persons_surname_is_the_person_where_it_is_not_written_as_a_place(full_pipeline):
    # spaCy calls the bare surname a place more often than a person, but never where places go
    from geotimeline.records import Article

    text = ("New twist in Fairfield hearing. A plea deal is discussed for Elizabeth Fairfield, a Lebanon woman. "
            "Charges were filed against Fairfield on March 16. Fairfield declined to plead. "
            "Fairfield's trial is to start May 4. Fairfield was in jail.")
    places = full_pipeline.process(Article("t", text)).places
    assert "Fairfield" not in {p.toponym.text for p in places if p.start > 40}


def test_a_town_on_the_island_named_after_it(full_pipeline):
    from geotimeline.records import Article

    text = "On 1 July 2021, a Molotov cocktail was thrown at a migrant camp near Moria, Lesvos."
    r = full_pipeline.process(Article("t", text))
    assert [(p.toponym.text, p.entry.country_code) for p in r.places] == [("Moria", "GR"), ("Lesvos", "GR")]
    assert [(e.kind, e.place.toponym.text) for e in r.events] == [("event", "Moria"), ("mention", "Lesvos")]


def test_an_office_named_for_its_town_is_no_person(full_pipeline):
    # spaCy calls "Alexandria Police" and "Alexandria Commonwealth's" people; the town's name
    # must not become a person's name for the rest of the article
    from geotimeline.records import Article

    text = ("When Alexandria police found the body, she had been missing for two days. On Monday, an "
            "Alexandria grand jury indicted a man, according to Alexandria Commonwealth’s Attorney Randy "
            "Sengel. Alexandria Police said he was arrested in another state.")
    places = full_pipeline.process(Article("t", text)).places
    assert [p.toponym.text for p in places].count("Alexandria") >= 3


def test_a_facility_in_a_town_is_in_that_town(full_pipeline):
    # "Heathrow airport in London" is no Heathrow, Florida
    from geotimeline.records import Article

    r = full_pipeline.process(Article("t", "Workers went on strike at Heathrow airport in London on Friday."))
    assert {(p.toponym.text, p.entry.name, p.entry.country_code) for p in r.places} == {
        ("Heathrow", "London", "GB"), ("London", "London", "GB")}
