"""The dependency reading of sentences (clauses.py): where each place and date attaches, and
whether the clause reports something happening. Real parses by the small English model."""

import pytest

from geotimeline.clauses import load_parser, read_sentence
from geotimeline.settings import Settings


@pytest.fixture(scope="module")
def parser():
    return load_parser(Settings().spacy_model)


def read(parser, text, places=(), dates=()):
    spans = lambda words: [(text.index(w), text.index(w) + len(w)) for w in words]  # noqa: E731
    reading = read_sentence(parser(text), 0, spans(places), spans(dates))
    out = {}
    for a in reading.anchors:
        clause = reading.clauses[a.clause] if a.clause >= 0 else None
        out[text[a.start:a.end]] = (a.role, clause.lemma if clause else None, clause.mood if clause else None)
    return reading, out


@pytest.mark.parametrize("text, place, role", [
    ("Kurdish forces retook the Iraqi town of Sinjar on Friday.", "Sinjar", "object"),
    ("A car bomb exploded in Kirkuk on Monday.", "Kirkuk", "locative"),
    ("Martha was born in Grantville on November 4, 1913.", "Grantville", "locative"),
    ("Thousands of families fled Aleppo last week.", "Aleppo", "object"),
    ("Fighting raged on the outskirts of Mosul on Tuesday.", "Mosul", "locative"),
    ("US officials said on Monday that talks had stalled.", "US", "home"),
    ("A Henderson County woman was sentenced on Monday.", "Henderson County", "home"),
    ("Brian Munford, 43, of Richmond, was driving home on Sunday.", "Richmond", "home"),
    ("He spoke about relations with China on Friday.", "China", "topic"),
    ("In 2003, a horse in Pahrump was killed.", "Pahrump", "participant"),
    ("Berea police are searching for a suspect.", "Berea", "authority"),
    ("The mayor of Chicago conceded defeat on Tuesday.", "Chicago", "authority"),
    ("The river town of Natchez declared an emergency on Friday.", "Natchez", "participant"),
    ("The Iowa Senate approved a bill on Wednesday.", "Iowa", "authority"),
    ("This yellow brick Ontario cottage house was built in 1907.", "Ontario", "topic"),
    # what a meeting discusses is its topic
    ("The Security Council met in New York on Tuesday to discuss the situation in Haiti.", "Haiti", "topic"),
    # a place that counts cases, or declares an emergency, has them
    ("Hong Kong reported its first case of bird flu on Tuesday.", "Hong Kong", "participant"),
    ("Peru declared a health emergency on Tuesday.", "Peru", "participant"),
    ("Russia declared war on Tuesday.", "Russia", "actor"),
    ("Officials confirmed two new cases of Ebola in Beni on Monday.", "Beni", "locative"),
    ("Deputies arrested a man, the Columbia County Sheriff's Office said.", "Columbia County", "authority"),
    ("Troops linked up with Bravo Company near Baghdad in June.", "Baghdad", "participant"),
])
def test_place_roles(parser, text, place, role):
    _, got = read(parser, text, [place])
    assert got[place][0] == role


@pytest.mark.parametrize("text, mood", [
    ("Rebels attacked the town on Monday.", "actual"),
    ("A public meeting will be held on May 14.", "scheduled"),
    ("The army may attack the town in June.", "hypothetical"),
    ("Rebels did not attack the town on Monday.", "negated"),
    ("He doesn't regard Russia as the main antagonist.", "negated"),
    ("Officials have long worried about the town.", "opinion"),
    ("The Woodlands serves more than 5,000 people each year.", "state"),
    ("Killer bees are well established in the town.", "habitual"),
    # declaring a thing does it; declaring that something is so says it
    ("The town declared an emergency on Friday.", "actual"),
    ("The town declared that the water was safe.", "report"),
    # a verb of saying or naming in the passive with "to" moves someone
    ("Pope Francis was admitted to hospital in Rome on Wednesday.", "actual"),
    ("Police were called to the home on Monday.", "actual"),
    # confirming cases counts what happened
    ("A Zika virus case was confirmed in the county on Monday.", "actual"),
    ("Officials confirmed that the school would close.", "report"),
    # speaking at an occurrence is one; saying something there reports it
    ("Culver spoke about this issue today at a meeting of the task force.", "actual"),
    ("Culver said at a meeting that the task force would report.", "report"),
    ("The town is called Springfield.", "state"),
])
def test_moods(parser, text, mood):
    reading, _ = read(parser, text, [], [])
    doc = parser(text)
    root = next(t for t in doc if t.dep_ == "ROOT")
    from geotimeline.clauses import mood as mood_of

    assert mood_of(root) == mood


def test_the_date_of_another_clause_is_not_the_events(parser):
    text = "Kurdish forces retook Sinjar, officials said on Monday."
    reading, got = read(parser, text, ["Sinjar"], ["Monday"])
    place = reading.anchor(text.index("Sinjar"), text.index("Sinjar") + 6)
    when = reading.anchor(text.index("Monday"), text.index("Monday") + 6)
    assert got["Monday"][1] == "say" and got["Sinjar"][1] == "retake"
    assert when.clause not in place.chain and place.clause not in when.chain


def test_a_date_on_an_occurrence_noun_ties_it(parser):
    text = "Berea police are searching for a suspect in a March 21 robbery."
    reading, got = read(parser, text, ["Berea"], ["March 21"])
    assert got["March 21"][1] == "robbery"
    place = reading.anchor(0, 5)
    when = reading.anchor(text.index("March 21"), text.index("March 21") + 8)
    assert place.clause in when.chain


def test_what_and_actors(parser):
    text = "Kurdish forces retook the Iraqi town of Sinjar on Friday."
    reading, _ = read(parser, text, ["Sinjar"], ["Friday"])
    clause = reading.clauses[reading.anchors[0].clause]
    assert clause.what.startswith("Kurdish forces retook the Iraqi town")
    assert clause.actors == ("Kurdish forces",) or "Kurdish" in clause.actors[0]
    text = "40 Iraqi soldiers were killed in Ramadi on Friday."
    reading, _ = read(parser, text, ["Ramadi"], ["Friday"])
    assert reading.clauses[reading.anchors[0].clause].what == "40 Iraqi soldiers were killed"


@pytest.mark.parametrize("text, date, what", [
    # what describes the object is left out whole
    ("The Iowa Senate approved a bill Wednesday that would ban the sale of hemp products to minors.", "Wednesday",
     "The Iowa Senate approved a bill"),
    # a phrase cut short ends before its last preposition
    ("Flooding killed at least 11 people in the southern Brazilian state of Rio Grande do Sul on Friday.", "Friday",
     "Flooding killed at least 11 people"),
])
def test_what_is_a_whole_phrase(parser, text, date, what):
    reading, _ = read(parser, text, [], [date])
    assert reading.clauses[reading.anchors[0].clause].what == what


def test_a_model_year_dates_no_occurrence(parser):
    text = "A 1996 Chevrolet pickup was parked in the driveway."
    reading, got = read(parser, text, [], ["1996"])
    assert reading.anchors[0].clause == -1


@pytest.mark.parametrize("text, expected", [
    ("It may be able to secure a grant this week.", "hypothetical"),
    ("The center is likely to close this week.", "hypothetical"),
    ("The center was able to secure a grant last week.", "actual"),
])
def test_what_follows_an_adjective_takes_its_verbs_mood(parser, text, expected):
    from geotimeline.clauses import mood as mood_of

    doc = parser(text)
    verb = next(t for t in doc if t.dep_ == "xcomp")
    assert mood_of(verb) == expected


def test_an_occurrence_after_which_something_happens_has_its_own_time(parser):
    text = "At the beginning of 2017, shortly after the truck attack in Nice, there was a truck attack in Jerusalem."
    reading, _ = read(parser, text, ["Nice", "Jerusalem"], ["the beginning of 2017"])
    span = lambda w: (text.index(w), text.index(w) + len(w))  # noqa: E731
    nice, jerusalem, when = (reading.anchor(*span(w)) for w in ("Nice", "Jerusalem", "the beginning of 2017"))
    assert when.clause not in nice.chain and nice.clause not in when.chain
    assert when.clause in jerusalem.chain or jerusalem.clause in when.chain


@pytest.mark.parametrize("text, place, actors", [
    # a passive with no agent: who did it is the subject of its "when" clause
    ("In Ramadi, 40 Iraqi soldiers were killed when Islamic State militants attacked a military headquarters.", "Ramadi",
     ("Islamic State militants",)),
    # a verb sharing its subject with the one before
    ("Daesh lost Baiji, and lost Sinjar.", "Sinjar", ("Daesh",)),
    # who left before the bodies were found did not find them
    ("In Bucha, bodies of civilians were found after Russian troops withdrew.", "Bucha", ()),
    # a dateline is nobody
    ("KYIV, Ukraine (AP) — Russian missiles struck Kyiv early Monday.", "Kyiv", ("Russian missiles",)),
])
def test_who_did_it(parser, text, place, actors):
    reading, _ = read(parser, text, [place])
    start = text.rindex(place)
    assert reading.clauses[reading.anchor(start, start + len(place)).clause].actors == actors


def test_present_tense_is_marked(parser):
    text = "Evidence is lacking that fighters are flowing into the region from Iraq."
    reading, got = read(parser, text, ["Iraq"])
    assert got["Iraq"][1] == "flow" and reading.clauses[reading.anchors[0].clause].present
    text = "Fighters fled into the region from Iraq."
    reading, _ = read(parser, text, ["Iraq"])
    assert not reading.clauses[reading.anchors[0].clause].present


def test_a_bare_day_after_an_occurrence_noun_is_its_day(parser):
    text = "Her boyfriend is suspected in the armed robbery Friday of two people in their Grovetown home."
    _, got = read(parser, text, ["Grovetown"], ["Friday"])
    assert got["Friday"][1] == "robbery"


def test_what_a_report_says_is_reported_like_what_someone_said(parser):
    text = "Police received a report that two teens were robbed on Saturday."
    reading, got = read(parser, text, dates=["Saturday"])
    assert got["Saturday"][1] == "rob"
    assert reading.clauses[reading.anchors[0].clause].embedded == "ccomp"
    text = "The spacecraft that launched on Saturday docked."
    reading, got = read(parser, text, dates=["Saturday"])
    assert reading.clauses[reading.anchors[0].clause].embedded == "relcl"


def test_a_town_heading_an_occurrences_name_names_its_scene(parser):
    text = "The Palestine Old Time Music & Dulcimer Festival was in high gear on Saturday."
    _, got = read(parser, text, ["Palestine"], ["Saturday"])
    assert got["Palestine"][:2] == ("naming", "festival")


@pytest.mark.parametrize("text, date, head", [
    # a time that is what the sentence talks about dates nothing ...
    ("But January and February have started out well in Gainesville.", "February", None),
    ("January was real rough in Gainesville.", "January", None),
    # ... unless it is when something was seen
    ("November of 2016 saw a border clash on the border with Syria.", "November of 2016", "see"),
])
def test_a_time_as_subject(parser, text, date, head):
    _, got = read(parser, text, dates=[date])
    assert got[date][1] == head


def test_a_dateline_is_parsed_apart_from_the_sentence_it_opens(parser):
    from geotimeline.clauses import parse_sentences

    text = "MOSCOW — A Russian court on Thursday sentenced opposition politician Ilya Yashin to prison."
    doc = parser(text)
    (reading,) = parse_sentences(parser, doc, [(0, len(text))], [(0, 6)], [(text.index("Thursday"), text.index("Thursday") + 8)])
    assert reading.start == 0
    assert reading.anchor(0, 6) is None  # filed there: no role in what happened
    thursday = reading.anchor(text.index("Thursday"), text.index("Thursday") + 8)
    clause = reading.clauses[thursday.clause]
    assert clause.lemma == "sentence" and clause.embedded == ""


@pytest.mark.parametrize("text", [
    "Yashin was arrested in June for a video about killings in Bucha.",  # what the video is about
    "Yashin was arrested in June after a video of killings in Bucha.",  # what came before
])
def test_an_occurrence_that_is_a_topic_keeps_its_own_time(parser, text):
    reading, got = read(parser, text, ["Bucha"], ["June"])
    bucha, june = reading.anchor(text.index("Bucha"), text.index("Bucha") + 5), reading.anchor(
        text.index("June"), text.index("June") + 4)
    assert june.clause not in bucha.chain


def test_a_to_infinitive_hung_as_a_subordinate_clause_shares_its_verbs_time(parser):
    text = "Cronin was elected to finish out the former mayor's term in February."
    reading, _ = read(parser, text, [], ["February"])
    february = reading.anchor(text.index("February"), text.index("February") + 8)
    assert reading.clauses[february.clause].embedded == ""
