"""Article -> [Toponym]: place-name spans from spaCy's entities plus gazetteer matching.

spaCy finds most names (GPE, LOC, FAC); a gazetteer pass over proper-noun runs finds the ones
it misses ("Houran Valley", "Bab el Mandeb Strait") while refusing common words, dates and
names inside people and organisations. Demonyms ("Iraqi forces") are kept as ``demonym``
toponyms: associative mentions of a country, not literal places.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence

from spacy.lang.en.stop_words import STOP_WORDS

from .gazetteer import DIVISIONS, GENERIC_FEATURES, SETTLEMENTS, Gazetteer, fold, same_name
from .records import Toponym
from .settings import Settings

Span = tuple[int, int]

PLACE_LABELS = {"GPE", "LOC", "FAC"}
BLOCKING_LABELS = {"PERSON", "ORG", "WORK_OF_ART", "EVENT", "PRODUCT", "LAW", "LANGUAGE", "NORP",
                   "DATE", "TIME", "MONEY", "QUANTITY", "PERCENT", "CARDINAL", "ORDINAL"}
# a place name followed by one of these is the name of an organisation or a title
_ORG_TAIL = re.compile(
    r"^\s*(Post|Times|Journal|Herald|Tribune|Gazette|Chronicle|Examiner|Daily|News|Press|Telegraph|"
    r"University|College|Institute|Institution|Airlines|Airways|Club|FC|United|"
    r"Capitals|Nationals|Senators|Wizards|Redskins|Commanders|Mystics|Street|Avenue|Road|Boulevard|"
    r"Consensus|Declaration|Accords?|Agreement|Protocol|Convention|Summit)\b"
)
# words that are never a place on their own, whatever the gazetteer holds
_NEVER = {
    "west", "east", "north", "south", "western", "eastern", "northern", "southern", "central",
    "northeast", "northwest", "southeast", "southwest", "north east", "north west", "south east", "south west",
    "midwest", "olympic", "olympics", "west nile",  # the virus, far more often than Uganda's sub-region
    "the west", "the east", "the north", "the south", "earth", "world", "the world", "globe",
    "home", "state", "city", "capital", "centre", "center", "homeland", "region", "province",
    "police", "army", "independence", "victory", "union", "liberty", "progress", "hope", "unity",
    "march", "may", "june", "july", "august", "april", "january", "sunday", "friday", "date",
    "islam", "islamic", "allah", "god", "caliphate", "daesh", "isis", "isil", "al qaeda",
    "media", "gaza group", "commando", "nato", "un", "eu",
    # words that head court and office names ("Superior Court", "White House")
    "officer", "superior", "supreme", "federal", "circuit", "district", "municipal", "white",
    "metro", "border", "village", "republic", "justice", "green", "orange", "channel", "young",
}
# a name after a title is a person's ("coach Ripley", "Officer Bell", "Sen. Warner")
_TITLE_BEFORE = re.compile(
    r"\b(?:Mr|Mrs|Ms|Miss|Dr|Sen|Rep|Gov|Gen|Col|Maj|Capt|Lt|Sgt|Cpl|Pvt|Det|Rev|Fr|Sr|Jr|St|"
    r"coach|Coach|Officer|officer|Judge|judge|Sheriff|Deputy|Detective|Trooper|Pastor|President|"
    r"Senator|Governor|Mayor|Chief|Principal|Superintendent|Commissioner|Councilman|Councilwoman|"
    r"Prof|Professor|Justice|Agent|Attorney|Sister|Brother|Father|Uncle|Aunt)\.?\s+$"
)
# a region of a place: "Northeast Georgia", "East Oxford", "North Texas"
_DIRECTION = re.compile(r"^(?:(?:North|South|East|West)(?:east|west|ern)?|Northern|Southern|Eastern|"
                        r"Western|Central|Upper|Lower|Greater|Downtown|Inner|Outer|Mid|Middle)[\s-]+(?=[A-Z])")
# an organisation named for the place it serves: "Oakland Police Department", "Titus County
# Jail", "Georgia Public Service Commission" - the place is named and located
_JURISDICTION = re.compile(
    r"^(?:County|City|State|Township|Town|Village|Parish|Area|Regional|Metro|Metropolitan)?\s*(?:"
    r"Police|Fire|Sheriff|Sheriff['’]s|Department|Dept|Board|Council|Commission|Commissioners|Court|"
    r"Courthouse|House|Senate|Legislature|General Assembly|Assembly|Public|School|Schools|Library|Mayor|"
    r"Governor|Chamber|Government|Parliament|Health|Transportation|Parks|Emergency|Water|Utilities|"
    r"Housing|Municipal|District|Division|Office|Bureau|Agency|Authority|Legislative|Planning|Zoning|"
    r"Attorney|Prosecutor|Clerk|Treasurer|Administrator|Manager|Hall|Jail|Correctional|Detention|"
    r"Sanitation|Highway|Roads|Animal|Elections?|Tax|Assessor|Coroner|Medical Examiner|"
    # the town's institutions: "Dublin Historical Society", "Vancouver International Airport"
    r"Historical|Community|Convention|Visitors|Veterans|Science|Performing|Environmental|Museum|"
    r"International Airport|Airport|Hospital|Medical Center|Memorial|Society|Association|Foundation|"
    r"Symphony|Orchestra|Zoo|Rotary|Kiwanis|Lions|Economic|Recreation|Arts|Humane|Transit|Port|Harbor|"
    # schools, courts and local offices: "Paris High School", "Clarke County Superior Court",
    # "Harwinton First Selectman", "Laurel County Fiscal Court", "Cottonport Fire Station"
    r"High School|Middle School|Elementary|Junior High|Seniors? Center|Superior Court|Circuit Court|"
    r"Crown Court|Common Pleas|Probate Court|Juvenile Court|Fiscal Court|Magistrate|Fire Station|"
    r"Regional Park|First Selectman|Selectm[ae]n|Democratic|Republican|Credit Union|Fairgrounds|"
    r"Law Enforcement|Senior Citizens|Crimestoppers|Auditor|Commonwealth['’]s)(?![\w])"
)
# institutions as often named after a person as after their town ("Story Elementary School",
# "Reid Hospital", "The Belk Foundation"): the name must be a sizeable town's
_NAMED_FOR_PEOPLE = re.compile(r"^(?:High School|Middle School|Elementary|Junior High|Memorial|Hospital|Medical Center|"
                               r"Foundation|Society|Association|Museum|Hall|Symphony|Orchestra|Arts)\b")
# the words that make a school's level: "Central High School", "Lincoln Middle School"
_SCHOOL_LEVEL = re.compile(r"High|Middle|Junior|Senior|Elementary|Primary|Secondary|Grammar")
# a hall with a name of its own ("Carnegie Hall", "Centennial Hall"); a town's hall is its "City
# Hall", "Town Hall" or "County Hall"
_NAMED_HALL = re.compile(r"^Halls?\b")
# a unit word spaCy took into a place's name: "Fargo City Commissioner", "Kermanshah province"
_UNIT_WORDS = {"City", "city", "State", "state", "Province", "province"}
_DATELINE = re.compile(
    r"(?:^|(?<=[.!?]\s)|(?<=\n))(?P<name>[A-Z][\w.'’\-]+(?: [A-Z][\w.'’\-]+){0,3})"
    # "SALINA, Kan. Strong winds": a state abbreviation may end the dateline by itself
    r"(?:(?P<state>,\s+[A-Z][A-Za-z]*\.(?:\s?[A-Z][a-z]*\.)?\s+(?=[A-Z]))|"
    r"(?:,\s+[A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+)?)?\s*(?:--|—|–|\s-\s|:\s|\(AP\)|\(Reuters\)|\(AFP\)))"
)
# a legislator's party and home: "Rep. Torrey Westrom, R-Elbow Lake,", "(D-N.Y.)", "DFL-Cook"
_PARTY_HOME = re.compile(
    r"(?:(?<=,\s)|(?<=\())(?:D|R|I|DFL|Ind)-(?P<name>[A-Z][\w.'’]*(?:\s[A-Z][\w.'’]*){0,2})(?=[,;)]|\.?\s|\.?$)")
_ADMIN_WORDS = re.compile(r"^\s+(province|governorate|state|region|district|county|prefecture|oblast|department)\b", re.I)
_FACILITY_HEAD = re.compile(r"\b(Camp|Fort|Base|Prison|Airport|Airbase|Air Base)\s+$")
#: labels spaCy's small model gives places it misreads ("Calcutta" as a product)
_MISREAD = frozenset({"PERSON", "ORG", "PRODUCT"})
_PLACE_CUE = re.compile(
    r"\b(in|at|from|to|near|into|outside|across|around|towards?|through|retook|recaptured|captured|"
    # verbs whose object is a place: "Russian forces shelled Kupiansk"
    r"shelled|bombed|bombarded|besieged|encircled|stormed|liberated|evacuated|fled|raided|overran|"
    r"(?:town|city|village|capital|province|region|state|district|county|governorate|prefecture|island|"
    r"outskirts|streets|people|residents|suburbs?|most|parts?|(?:north|south|east|west)(?:-?east|-?west)?)\s+of|"
    r"capital,?|capital\s+city|called|(?-i:province|region|state)|"
    r"(?:St|Ave|Rd|Blvd|Dr|Ln|Street|Avenue|Road|Drive|Lane|Hwy|Highway)\.?,)\s+(?:the\s+)?"
    # "in southwestern Niger", "in central Mali"
    r"(?:(?:north|south|east|west|northeast|northwest|southeast|southwest)(?:ern)?\s+|central\s+)?$",
    re.I,
)
#: a "person" whose last word names a kind of place is a place spaCy misread ("Greer Station")
_PLACE_KIND_END = re.compile(
    r"\s(?:Station|Street|Avenue|Road|Park|Hall|Center|Centre|Church|School|County|City|Township|Village|"
    r"Square|Bridge|Lake|River|Creek|Mountain|Hospital|Airport|Mall|Plaza|Heights|Springs)$")
_LEADING = re.compile(r"^(?:the|The)\s+")
_TRAILING = re.compile(r"(?:['’]s|['’])$")
_CONNECTORS = {"of", "el", "al", "de", "du", "des", "la", "le", "ad", "as", "an", "ar", "bin", "dos", "da"}
_MAX_TOKENS = 5
PREFIX_MIN_POPULATION = 100_000  # a town named only as the first word of a longer name must be this big
HAMLET = 1000  # people: a place this small is not known by its other spellings


def find_toponyms(doc, gazetteer: Gazetteer, settings: Settings | None = None,
                  date_spans: Sequence[Span] = ()) -> list[Toponym]:
    """Return the place-name spans of a spaCy ``Doc``, in text order, without overlaps.

    ``date_spans`` are the temporal expressions already found (never places).
    """
    settings = settings or Settings()
    text = text_of(doc)
    found: list[Toponym] = []
    dates: list[Span] = [tuple(s) for s in date_spans]
    blocked: list[Span] = list(dates)

    # spaCy's small model often calls a place a person or an organisation ("Mali", "Sinjar");
    # a name the gazetteer knows well, or one in a place's context, is taken back - everywhere
    # it occurs in the article (one sense per name)
    reclaimed = {_clean(e.text) for e in doc.ents if e.label_ in _MISREAD and _reclaimable(e, gazetteer, settings)}
    for ent in doc.ents:
        if ent.label_ in PLACE_LABELS or (ent.label_ in _MISREAD and _clean(ent.text) in reclaimed):
            for s, e in _split_list(ent.start_char, ent.end_char, text, gazetteer):
                top = _from_entity(s, e, text, gazetteer)
                if top is not None and not gazetteer.has_name(top.text) \
                        and gazetteer.has_name(top.text, kinds=("demonym",)):
                    top = Toponym(top.start, top.end, top.text, "demonym", "ner")  # "Sri Lankan" as a GPE
                if top is not None and not gazetteer.has_name(top.text) \
                        and (part := doc.char_span(s, e, alignment_mode="expand")) is not None \
                        and (head := _jurisdiction(part, gazetteer)) is not None:
                    blocked.append((head.end, e))  # "the Henderson County Jail" as a facility
                    top = head
                if ent.label_ == "FAC" and (top is None or not gazetteer.has_name(top.text)) \
                        and (served := _served_place(ent, gazetteer)) is not None:
                    blocked.append((ent.start_char, served.start))  # "St. Paul's Church in Elizabethtown"
                    top = served
                if top is not None and (top.start < s or top.end > e):
                    # widened to the gazetteer's longer name ("Democratic Republic of the Congo"
                    # from spaCy's "the Congo"): what spaCy labelled inside it is part of the name
                    blocked = [b for b in blocked if not (top.start <= b[0] and b[1] <= top.end)]
                if top is not None and not _overlaps(top, blocked):
                    found.append(top)
                elif top is None:
                    # spaCy's span may carry a tail the gazetteer lacks ("Syria's Raqqa"): still block it
                    blocked.append((s, e))
        elif ent.label_ == "ORG" and len(pair := _split_list(ent.start_char, ent.end_char, text, gazetteer)) == 2 \
                and "," not in ent.text and all(_sizeable(text[a:b], gazetteer, exact=True) for a, b in pair):
            found += [Toponym(a, b, text[a:b], "literal", "ner") for a, b in pair]  # "Fargo-Moorhead"
        elif ent.label_ == "ORG" and _COUNTY_CO.fullmatch(ent.text) and any(
                c.feature == "admin2" for c in gazetteer.candidates(_clean(ent.text))):
            top = _from_entity(ent.start_char, ent.end_char, text, gazetteer)
            if top is not None:
                found.append(top)  # "Loudon Co. man dies in wreck": the county, not a company
        elif ent.label_ == "ORG" and (pair := _route(ent.start_char, ent.end_char, text, gazetteer)):
            found += [Toponym(a, b, text[a:b], "literal", "ner") for a, b in pair]  # "the English Channel to Dover"
        elif ent.label_ in {"ORG", "PERSON"} and (top := _cut_place(ent, text, gazetteer)) is not None:
            found.append(top)  # "in Dera Ismail Khan", with "Ismail Khan" taken for a person
        elif ent.label_ in {"ORG", "PERSON"} and (top := _jurisdiction(ent, gazetteer)) is not None:
            found.append(top)
            blocked.append((top.end, ent.end_char))
        elif ent.label_ == "ORG" and (top := _served_place(ent, gazetteer) or _branch_country(ent, gazetteer)) is not None:
            found.append(top)  # "the University of Rochester", "Taco Bell Canada"
            blocked.append((ent.start_char, top.start))
        elif ent.label_ == "NORP":
            name = _TRAILING.sub("", ent.text.strip())
            if gazetteer.has_name(name, kinds=("demonym",)):
                found.append(Toponym(ent.start_char, ent.start_char + len(name), name, "demonym", "ner"))
            elif _reclaimable(ent, gazetteer, settings) and (top := _from_entity(
                    ent.start_char, ent.end_char, text, gazetteer)) is not None:
                found.append(top)  # "the northern town of Toruń", taken for a nationality
            else:
                blocked.append((ent.start_char, ent.end_char))
        elif ent.label_ in _MISLABELLED and not _overlaps((ent.start_char, ent.end_char), dates) \
                and _misplaced_place(ent, gazetteer, settings) \
                and (top := _from_entity(ent.start_char, ent.end_char, text, gazetteer)) is not None:
            found.append(top)  # "in Owerri" taken for a date, "in Vladikavkaz" for a work of art
        elif ent.label_ in BLOCKING_LABELS:
            blocked.append((ent.start_char, ent.end_char))

    # a surname or given name of a person the article names is a person's elsewhere too
    # ("Mike Trapani" ... "Trapani's first film"), unless it is a country or a region, or spaCy
    # reads it alone as a place at least as often as in a person's name ("Village Malakal" ...
    # "in Malakal")
    # not "Greer Station", nor an office named for its town that spaCy calls a person ("Alexandria
    # Police", "Alexandria Commonwealth's Attorney")
    people = [e for e in doc.ents if e.label_ == "PERSON" and not _PLACE_KIND_END.search(e.text)
              and not (len(e) > 1 and _jurisdiction(e, gazetteer) is not None)]
    named = {t.text for e in people if len(e) > 1 for t in e if t.is_title}
    as_person = Counter(t.text for e in people for t in e)
    # spaCy's place readings count where they are written as places go ("in Malakal", "Darfur and
    # Malakal"), not "against Fairfield" in a story about Elizabeth Fairfield
    as_place = Counter(e.text for e in doc.ents if e.label_ in PLACE_LABELS
                       and (_cued(text, e.start_char) or _LISTED.match(text, e.end_char)
                            or _LISTED_BEFORE.search(text, max(0, e.start_char - 30), e.start_char)))
    person_words = {w for w in named if as_person[w] > as_place[w]}
    found = [t for t in found if not _person_like(t, text, person_words, gazetteer)]
    # datelines and the members of "Barrow, Jackson and Madison counties" are places whatever
    # spaCy called them
    placed = [(t.start, t.end) for t in found] + dates
    found += _datelines(text, gazetteer, placed)
    found += _county_lists(text, gazetteer, placed)
    taken = [(t.start, t.end) for t in found] + blocked
    found += _party_homes(text, gazetteer, taken)
    found += [t for t in _gazetteer_matches(doc, gazetteer, settings, taken)
              if not _person_like(t, text, person_words, gazetteer)]
    # the other members of a list of places, whatever spaCy called them
    members = _list_members(text, found, [(t.start, t.end) for t in found] + dates, gazetteer, settings, person_words)
    found += members
    taken += [(t.start, t.end) for t in members]
    found += _abbreviations(text, found, taken, gazetteer)
    found += _initials(doc, found, taken, gazetteer)
    found += _propagate(text, found, taken, person_words)
    people = _people(doc) & person_words
    found = [t for t in found if t.text not in people or _famous(t.text, gazetteer)]
    acronyms = _defined_acronyms(text, gazetteer)
    found = [t for t in found if not _unlikely(t, text, gazetteer, acronyms)]
    # a known name may be the tail of a longer one the gazetteer also knows: "Beida" of "Goz
    # Beida", "Jos" of "Ceamurlia de Jos" (the longer is the place meant)
    found = [_widened(t, text, gazetteer, dates) for t in found]
    found.sort(key=lambda t: (t.start, -t.end))
    result: list[Toponym] = []
    # "West Nile virus", "Marburg haemorrhagic fever", "Lyme disease": a disease's name; where the
    # article names a disease after a town, the town's bare name is the disease too ("imported
    # Marburg") unless written where places go ("in Marburg")
    diseases = {t.text for t in found if _DISEASE_AFTER.match(text, t.end) and not _famous(t.text, gazetteer)}
    for t in found:
        if result and t.start < result[-1].end:
            continue
        if _DISEASE_AFTER.match(text, t.end):
            continue
        if t.text in diseases and not _cued(text, t.start):
            continue
        if _OUTLET_BEFORE.search(text, max(0, t.start - 25), t.start):
            continue  # "the news agency Xinhua", "the broadcaster Al Arabiya"
        if _INITIALS_PLURAL.fullmatch(t.text):
            continue  # "CARs" (Central Asian Republics), "NGOs": initials in the plural name things
        if _SAINT.match(t.text) and text[t.end:t.end + 2] in {"'s", "’s"}:
            continue  # "St. Paul's Church", "St. Mary's Hospital": a saint's, not the city
        if t.text in _ROUTE_PREFIXES and _ROUTE_NUMBER.match(text, t.end):
            continue  # "U.S. 79", "US 1": a highway
        if _VENUE.fullmatch(t.text) and not _sizeable(t.text, gazetteer):
            continue  # "City Park", "Town Hall": a venue of the story's town, not the hamlet of that name
        result.append(t)
    return result


_SAINT = re.compile(r"(?:St\.?|Saint)\s")
#: a country's initials before a number name a highway ("off U.S. 79"), not the country
_ROUTE_PREFIXES = {"U.S.", "US", "U.S"}
_ROUTE_NUMBER = re.compile(r"[ -]\d{1,3}[A-Z]?\b(?!\s*(?:%|percent|million|billion|[a-z]+s\b))")
#: a name made of a generic word and a venue's: the town's own park, hall or square
_VENUE = re.compile(
    r"(?:City|Town|Central|Memorial|Civic|Union|Main|Community|Municipal|County|Veterans|Village|Market)\s+"
    r"(?:Park|Hall|Center|Centre|Square|Station|Plaza|Street|Stadium|Library|Arena|Field|Building|Green)")


#: words that make a place name before them the name of a disease or pathogen
_DISEASE_AFTER = re.compile(
    r"[\s-]*(?:virus(?:es)?|viral|(?:ha?emorrhagic\s+)?fever|disease|encephalitis|ebolavirus|strain|"
    r"flu|influenza|syndrome|bacteri(?:um|a)|pathogen)\b", re.I)


#: words before a news outlet's name
_OUTLET_BEFORE = re.compile(r"\b(?:news\s+agency|agency|newspaper|broadcaster|daily|news\s+service)\s+$", re.IGNORECASE)

_LIST_SEP = r"(?:,\s+(?:and\s+|or\s+)?|\s+(?:and|or)\s+)"
_NEXT_MEMBER = re.compile(rf"^{_LIST_SEP}(?P<name>[A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+){{0,2}})")
_PREVIOUS_MEMBER = re.compile(rf"(?:^|[^\w'’-])(?P<name>[A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+){{0,2}}){_LIST_SEP}$")


#: a list member may be a city by another of its names ("Minsk, Gomel, Brest, Grodno and Vitebsk":
#: Grodno is Hrodna) when the city is this big
LIST_ALTERNATE_MIN_POPULATION = 100_000


def _list_members(text: str, found: list[Toponym], taken: list[Span], gazetteer: Gazetteer,
                  settings: Settings, person_words: set[str]) -> list[Toponym]:
    """The other members of a list of places: "Darfur and Malakal", "Suba, Migori, Homa Bay,
    Rongo, Siaya" where spaCy took only some. A member must be a division, a town of at least
    ``min_population_unrecognised`` people or one whose name has several words ("Decatur and
    Avondale Estates"), or by another of its names a city of ``LIST_ALTERNATE_MIN_POPULATION``,
    and not a person's name in the article."""
    out: list[Toponym] = []
    queue = [t for t in found if t.kind == "literal"]
    while queue:
        t = queue.pop()
        sides = [(_NEXT_MEMBER.match(text[t.end:t.end + 60]), t.end),
                 (_PREVIOUS_MEMBER.search(text[max(0, t.start - 60):t.start]), max(0, t.start - 60))]
        for m, base in sides:
            if not m:
                continue
            words = m["name"].split(" ")
            for n in range(len(words), 0, -1):  # the longest run of words that is a place
                name = " ".join(words[:n]) if base == t.end else " ".join(words[-n:])
                s = base + m.start("name") + (0 if base == t.end else len(m["name"]) - len(name))
                span = (s, s + len(name))
                if span in taken or not _free(span, taken) or name.lower() in _NEVER or name in person_words:
                    continue
                if any((e.feature in DIVISIONS or e.population >= settings.min_population_unrecognised or " " in name)
                       if fold(e.name) == fold(name) else e.population >= LIST_ALTERNATE_MIN_POPULATION
                       for e in gazetteer.candidates(name)):
                    top = Toponym(span[0], span[1], name, "literal", "pattern")
                    out.append(top)
                    taken.append(span)
                    queue.append(top)
                    break
    return out


def _initials(doc, found: list[Toponym], taken: list[Span], gazetteer: Gazetteer) -> list[Toponym]:
    """Initials spaCy took for an organisation that the gazetteer knows as a division or country
    of a country the article already names ("NSW" in an article about Sydney and Queensland)."""
    countries = set()
    for t in found:
        entries = gazetteer.candidates(t.text) if t.kind == "literal" else []
        if entries:
            countries.add(entries[0].country_code)
    out: list[Toponym] = []
    for ent in doc.ents:
        name = ent.text
        if ent.label_ != "ORG" or not (2 <= len(name) <= 4 and name.isalpha() and name.isupper()):
            continue
        entries = [e for e in gazetteer.candidates(name) if e.feature in {"admin1", "country"}]
        if not entries or entries[0].country_code not in countries:
            continue
        span = (ent.start_char, ent.end_char)
        if _free(span, taken):
            out.append(Toponym(span[0], span[1], name, "literal", "pattern"))
            taken.append(span)
    return out


_CAPITALISED = re.compile(r"[A-Z][\w'’-]*")
_BRACKETED = r"\s*\(\s*([A-Z]{2,6})\s*\)"  # initials in brackets: " (NSW)"
_DEFINED = re.compile(r"((?:[A-Z][\w'’-]*\s+(?:(?:of|and|for|the|on|in|de)\s+)*){1,7}[A-Z][\w'’-]*)" + _BRACKETED)


def _initials_of(name: str) -> str:
    """The first letters of a name's capitalised words: "NSW" for "New South Wales"."""
    return "".join(w[0] for w in _CAPITALISED.findall(name))


def _defined_acronyms(text: str, gazetteer: Gazetteer) -> set[str]:
    """Initials defined in brackets after a name that is not a place: "the African Leaders
    Malaria Alliance (ALMA)". "New South Wales (NSW)" defines a place's initials and is kept.

    The name's capitalised words, read from the end, must give the initials.
    """
    out = set()
    for m in _DEFINED.finditer(text):
        abbr = m[2]
        name = m[1][list(_CAPITALISED.finditer(m[1]))[-len(abbr):][0].start():]
        if _initials_of(name) == abbr and not gazetteer.has_name(name):
            out.add(abbr)
    return out


def _abbreviations(text: str, found: list[Toponym], taken: list[Span], gazetteer: Gazetteer) -> list[Toponym]:
    """A place's initials given in brackets after it stand for it everywhere in the article:
    "New South Wales (NSW)", "the Democratic Republic of the Congo (DRC)". Only initials the
    gazetteer also knows for that place are taken, so the resolver places them the same way."""
    out: list[Toponym] = []
    for t in [t for t in found if t.kind == "literal"]:
        m = re.match(_BRACKETED, text[t.end:t.end + 12])
        if not m:
            continue
        abbr = m[1]
        if _initials_of(t.text) != abbr or not any(fold(e.name) == fold(t.text) for e in gazetteer.candidates(abbr)):
            continue
        for span in _free_occurrences(text, abbr, taken):
            out.append(Toponym(span[0], span[1], abbr, "literal", "pattern"))
            taken.append(span)
    return out


def _free(span: Span, taken: list[Span]) -> bool:
    """Whether a span overlaps nothing taken (an entity spaCy labelled otherwise but spanning
    exactly the same text does not count)."""
    return not _overlaps(span, [o for o in taken if o != span])


def _free_occurrences(text: str, name: str, taken: list[Span]) -> Iterator[Span]:
    """Where ``name`` occurs as a whole word, overlapping nothing taken."""
    for m in re.finditer(r"(?<![\w.-])" + re.escape(name) + r"(?![\w-])", text):
        if _free(m.span(), taken):
            yield m.span()


def _people(doc) -> set[str]:
    """Names spaCy reads as a person at two mentions or more and as a place at none ("Flores
    said", "Flores, 26, had just left the Army"): with a full name that ends in it ("Matthew D.
    Flores"), a person in this article."""
    person = Counter(e.text for e in doc.ents if e.label_ == "PERSON")
    place = {e.text for e in doc.ents if e.label_ in PLACE_LABELS}
    return {name for name, n in person.items() if n >= 2 and name not in place}


_CONTAINER_AFTER = re.compile(r",\s+(?P<name>[A-Z][\w'’]*\.?(?:\s+[A-Z][\w'’]*\.?)?)(?=\s*(?:[,.;:)—–]|-\s|$))")


def _container_after(text: str, end: int, gazetteer: Gazetteer) -> bool:
    """Whether a state or country follows the name after a comma and ends the phrase, as places
    are written ("Greer, South Carolina.", "Springfield, Ohio —", "Salina, Kan.,"): by its own
    name or an abbreviation with a full stop, not another name it has ("White House, Lincoln ...")."""
    m = _CONTAINER_AFTER.match(text, end, end + 40)
    if not m:
        return False
    written = m["name"]
    for name in {written, written.rstrip(".")}:
        for e in gazetteer.candidates(name):
            if e.feature in {"admin1", "country"} and (fold(e.name) == fold(name) or written.endswith(".")):
                return True
    return False


#: a name in a list of places or before its state: "Malakal and Juba", "Fairfield, Ohio"
_LISTED = re.compile(r"(?:,|\s+and|\s+or)\s+[A-Z]")
_LISTED_BEFORE = re.compile(r"[A-Z][\w.]*(?:,|\s+and|\s+or)\s+$")


def _cued(text: str, start: int) -> bool:
    """Whether the words before ``start`` are where a place goes ("in", "the town of")."""
    return bool(_PLACE_CUE.search(text, max(0, start - 25), start))


def _unlikely(t: Toponym, text: str, gazetteer: Gazetteer, acronyms: set[str]) -> bool:
    """Names that are seldom the place they match: initials the article defines for something
    else ("African Leaders Malaria Alliance (ALMA)"); a two-letter name not in capitals ("Lu", a
    surname) unless famous; a name known only as another spelling of a hamlet ("Harden" for
    Hardin, 542 people), unless a pattern found it or it is written where places go."""
    if t.text in acronyms:
        return True
    if len(t.text) <= 2 and not t.text.isupper() and not _famous(t.text, gazetteer):
        return True
    return t.kind == "literal" and t.source != "pattern" and not _cued(text, t.start) \
        and _hamlet_alias(t.text, gazetteer)


def _hamlet_alias(name: str, gazetteer: Gazetteer) -> bool:
    entries = gazetteer.candidates(name)
    return bool(entries) and all(e.feature in SETTLEMENTS and e.population < HAMLET and fold(e.name) != fold(name)
                                 for e in entries)


def _famous(name: str, gazetteer: Gazetteer) -> bool:
    """Whether a name is a country's, a capital's or a region's: "Washington said" is the government."""
    return any(e.feature not in GENERIC_FEATURES or e.feature == "capital" for e in gazetteer.candidates(name))


def _person_like(t: Toponym, text: str, person_words: set[str], gazetteer: Gazetteer) -> bool:
    if t.kind != "literal":
        return False
    if _after_title(text, t.start):
        return True
    if t.text in person_words:
        return not any(e.feature not in GENERIC_FEATURES or e.feature == "admin1" for e in gazetteer.candidates(t.text))
    return False


def _propagate(text: str, found: list[Toponym], taken: list[Span], person_words: set[str]) -> list[Toponym]:
    """One sense per discourse: a name recognised as a place once is a place at its other
    mentions too ("Alexandria woman charged ..." when the text later says "in Alexandria")."""
    names = {t.text for t in found if t.kind == "literal" and t.text not in person_words and len(t.text) > 3}
    out: list[Toponym] = []
    for name in sorted(names, key=len, reverse=True):
        for span in _free_occurrences(text, name, taken):
            if _after_title(text, span[0]):
                continue
            if _ORG_TAIL.match(text[span[1]:span[1] + 20]):
                continue
            out.append(Toponym(span[0], span[1], name, "literal", "propagated"))
            taken.append(span)
    return out


def _after_title(text: str, start: int) -> bool:
    """Whether a title ("coach", "Officer", "Sen.") comes right before ``start``."""
    return bool(_TITLE_BEFORE.search(text[max(0, start - 20):start]))


def _split_list(start: int, end: int, text: str, gazetteer: Gazetteer | None = None) -> list[Span]:
    """Split "Gainesville, Ga." or "Toronto, Ontario, Canada" into its names; with a gazetteer,
    also a pair the gazetteer knows each half of but not the whole ("Fargo-Moorhead",
    "Greenbrier-Pocahontas County")."""
    spans, s = [], start
    for m in re.finditer(r",\s+", text[start:end]):
        spans.append((s, start + m.start()))
        s = start + m.end()
    spans.append((s, end))
    spans = [(a, b) for a, b in spans if b > a]
    if gazetteer is None:
        return spans
    out: list[Span] = []
    for a, b in spans:
        name = _LEADING.sub("", text[a:b])
        a = b - len(name)
        m = re.fullmatch(r"([A-Z][^-–]*?)\s*[-–]\s*([A-Z].*)", name)
        if m and not gazetteer.has_name(name) and gazetteer.has_name(m[1]) and gazetteer.has_name(m[2]):
            out += [(a + m.start(1), a + m.end(1)), (a + m.start(2), a + m.end(2))]
        else:
            out.append((a, b))
    return out


#: "Loudon Co.", "the Knox Co." (a county, as local news abbreviates it)
_COUNTY_CO = re.compile(r"(?:the\s+)?[A-Z][\w'’-]*(?:\s[A-Z][\w'’-]*)?\s+Co\.?")
#: two places spaCy ran into one name: "the English Channel to Dover", "Minneapolis and St. Paul"
_TWO_PLACES = re.compile(r"(?:the\s+)?([A-Z][\w.'’ -]*?)\s+(?:to|and|&|via|from)\s+(?:the\s+)?([A-Z][\w.'’ -]*)")


def _route(start: int, end: int, text: str, gazetteer: Gazetteer) -> list[Span]:
    """The two places of an organisation-labelled span that is two place names joined by "to",
    "and" or "via", each a sizeable place or a named feature the gazetteer knows."""
    m = _TWO_PLACES.fullmatch(text, start, end)
    if m is None or gazetteer.has_name(text[start:end]):
        return []
    halves = [(m.start(1), m.end(1)), (m.start(2), m.end(2))]
    if all(_sizeable(text[a:b], gazetteer, exact=True) for a, b in halves):
        return halves
    return []


def _jurisdiction(ent, gazetteer: Gazetteer) -> Toponym | None:
    """The place at the head of an organisation named for it ("Oakland Police Department")."""
    toks = [t for t in ent if not t.is_space]
    if toks and toks[0].lower_ == "the":
        toks = toks[1:]
    if toks and gazetteer.has_name(text_of(ent.doc)[toks[0].idx:ent.end_char]):
        return None  # the whole is a place's name ("Beni Suef"), not a place and an office
    for n in range(min(4, len(toks) - 1), 0, -1):
        head = toks[:n]
        if not all(t.text[:1].isupper() or t.text in {".", "-"} for t in head):
            continue
        s, e = head[0].idx, head[-1].idx + len(head[-1].text)
        name = text_of(ent.doc)[s:e]
        if name.lower() in _NEVER or not gazetteer.has_name(name):
            continue
        tail = text_of(ent.doc)[e:ent.end_char].lstrip()
        if _SCHOOL_LEVEL.fullmatch(head[-1].text) and tail.startswith("School"):
            continue  # "Central High School": no town of Central High
        if (_JURISDICTION.match(tail) or tail in _UNIT_WORDS) and not _NAMED_HALL.match(tail) \
                and not (_NAMED_FOR_PEOPLE.match(tail) and not _sizeable(name, gazetteer)):
            return Toponym(s, e, name, "literal", "ner")
        found = gazetteer.candidates(name)
        if ent.label_ == "ORG" and not _ORG_TAIL.match(tail) and found and found[0].feature in {"country", "admin1"}:
            return Toponym(s, e, name, "literal", "ner")  # "Texas Southern University", "Ohio Supreme Court"
    return None


_SERVED = re.compile(r"\s(?:of|in)\s+(?:the\s+)?(?:(?:Metropolitan|Greater)\s+)?$")
SERVED_MIN_POPULATION = 5000  # a town heading or ending an institution's name must be a real town


def _served_place(ent, gazetteer: Gazetteer) -> Toponym | None:
    """The place an organisation is "of" or "in": "the University of Rochester", "United Way of
    Metropolitan Atlanta", "the Disabilities Board of Charleston County", "Lutheran School in
    Lombard". A town must have some people, so that "Sisters of Mercy" names no place."""
    text = text_of(ent.doc)
    toks = [t for t in ent if not t.is_space]
    for n in range(min(4, len(toks) - 2), 0, -1):
        name_toks = toks[-n:]
        s, e = name_toks[0].idx, ent.end_char
        name = _TRAILING.sub("", text[s:e])
        if not name[:1].isupper() or name.lower() in _NEVER or not _SERVED.search(text[ent.start_char:s]):
            continue
        if name not in _NOT_SERVED and _sizeable(name, gazetteer):
            return Toponym(s, s + len(name), name, "literal", "ner")
    return None


def _branch_country(ent, gazetteer: Gazetteer) -> Toponym | None:
    """The country an organisation's branch is named for: "Taco Bell Canada", "ABC Australia",
    "SOS Children's Villages Sudan"."""
    toks = [t for t in ent if not t.is_space]
    for n in (2, 1):
        if len(toks) <= n:
            continue
        s, e = toks[-n].idx, ent.end_char
        name = text_of(ent.doc)[s:e]
        if toks[-n - 1].text in _NOT_BRANCH or name in _NOT_SERVED or not re.fullmatch(r"[A-Z][\w .]*", name):
            continue  # "Peanut Corporation of America", "United Russia", "Tri-State's"
        if any(c.feature == "country" for c in gazetteer.candidates(name)):
            return Toponym(s, e, name, "literal", "ner")
    return None


_NOT_BRANCH = {"of", "United", "-", "Voice", "Radio", "Television", "Air"}


# what organisations are "of" that is not a place: "Bank of America", "Chamber of Commerce"
_NOT_SERVED = {"America", "Commerce", "Law", "Industry", "Labor", "Agriculture", "Health", "Education", "Mercy"}


def _sizeable(name: str, gazetteer: Gazetteer, exact: bool = False) -> bool:
    """Whether a name is a division's, a country's, or a town's of some size (``exact``: by
    that very name, not an alternate one)."""
    return any((c.feature not in SETTLEMENTS or c.population >= SERVED_MIN_POPULATION)
               and (not exact or fold(c.name) == fold(name)) for c in gazetteer.candidates(name))


def _datelines(text: str, gazetteer: Gazetteer, taken: list[Span]) -> list[Toponym]:
    """All-capitals datelines: "COLUMBUS -- ", "HAMILTON — ", "MONROE - ", "BEIRUT: ",
    "BAGHDAD (AP) ...", "SALINA, Kan. Strong winds ...", "DeKALB – "."""
    out = []
    for m in _DATELINE.finditer(text):
        s, e = m.span("name")
        name = m["name"].rstrip(".")
        e = s + len(name)
        letters = [c for c in name if c.isalpha()]
        if len(name) < 3 or sum(c.isupper() for c in letters) < 0.75 * len(letters):
            continue
        if _overlaps((s, e), taken) or not gazetteer.has_name(name.title()):
            continue
        out.append(Toponym(s, e, name, "literal", "pattern"))
        taken.append((s, e))
    return out


def _party_homes(text: str, gazetteer: Gazetteer, taken: list[Span]) -> list[Toponym]:
    """The home a legislator's party tag names: "R-Elbow Lake", "D-N.Y.", "(R-Ocilla)"."""
    out = []
    for m in _PARTY_HOME.finditer(text):
        s, words = m.start("name"), m["name"].split(" ")
        # the longest run of words the gazetteer knows: "N.D." in "D-N.D. These bonuses"
        names = [" ".join(words[:n]) for n in range(len(words), 0, -1)]
        name = next((c for n in names for c in (n, n.rstrip(".")) if gazetteer.has_name(c)), "")
        e = s + len(name)
        if name and _free((s, e), taken):
            out.append(Toponym(s, e, name, "literal", "pattern"))
            taken.append((s, e))
    return out


_NAME_WORD = r"[A-Z](?:[\w'’-]|\.(?=\w))*"
_CONNECTOR = r"(?:of|the|de|del|do|da|dos|das|di|du|des|el|al|la|le|y)"
_LEFT_NAME = re.compile(rf"(?:{_NAME_WORD}\s+(?:{_CONNECTOR}\s+){{0,2}}){{1,3}}$")
_RIGHT_NAME = re.compile(rf"^(?:\s+(?:{_CONNECTOR}\s+){{0,2}}{_NAME_WORD}){{1,2}}")


def _widen(start: int, end: int, text: str, gazetteer: Gazetteer) -> tuple[int, int]:
    """Widen a span to the longest name around it the gazetteer knows: spaCy's "the Congo" in
    "Democratic Republic of the Congo", "Beni" in "Beni Suef", "Rio Grande" in "Rio Grande do Sul"."""
    best = (start, end)
    left = _LEFT_NAME.search(text, max(0, start - 40), start) if start and text[start - 1] == " " else None
    right = _RIGHT_NAME.match(text[end:end + 40])
    lefts = [start]
    if left:  # each word boundary inside the run before the span, longest first
        lefts = [left.start() + m.start() for m in re.finditer(r"(?:^|(?<=\s))\S", left.group())] + [start]
    rights = [end]
    if right:
        rights = [end] + [end + m.end() for m in re.finditer(rf"{_NAME_WORD}", right.group())]
    for s in lefts:
        for e in sorted(rights, reverse=True):
            if (s, e) == (start, end) or (e - s) <= best[1] - best[0]:
                continue
            name = text[s:e]
            if not name[:1].isupper() or re.match(rf"{_CONNECTOR}\b", name) or re.search(rf"\b{_CONNECTOR}$", name):
                continue
            if gazetteer.has_name(name):
                best = (s, e)
    return best


def _cut_place(ent, text: str, gazetteer: Gazetteer) -> Toponym | None:
    """A sizeable place whose name spaCy cut, taking its tail for a person or an organisation,
    written where places go: "in Dera Ismail Khan" ("Ismail Khan")."""
    start, end = _widen(ent.start_char, ent.end_char, text, gazetteer)
    if start >= ent.start_char or end < ent.end_char:
        return None
    name = text[start:end]
    if not _cued(text, start) or not _sizeable(name, gazetteer, exact=True):
        return None
    return Toponym(start, end, name, "literal", "ner")


def _widened(t: Toponym, text: str, gazetteer: Gazetteer, dates: list[Span]) -> Toponym:
    if t.kind != "literal":
        return t
    start, end = _widen(t.start, t.end, text, gazetteer)
    if (start, end) == (t.start, t.end) or _overlaps((start, end), dates) \
            or text[start:end].split()[0].lower() in STOP_WORDS:  # "The Paris" is Paris
        return t
    if end > t.end and not _sizeable(text[start:end], gazetteer):
        return t  # "Kansas City", but not the hamlet "Hanover Town" of "Hanover Town Hall"
    return Toponym(start, end, text[start:end], t.kind, t.source)


def _from_entity(start: int, end: int, text: str, gazetteer: Gazetteer) -> Toponym | None:
    """Trim an entity span to its name ("the Niger Delta" -> "Niger Delta") and vet it."""
    span = text[start:end]
    lead = _LEADING.match(span)
    if lead:
        start += lead.end()
    span = text[start:end]
    tail = _TRAILING.search(span)
    if tail:
        end -= len(tail.group())
    name = text[start:end].strip()
    if not name or name.lower() in _NEVER or not any(c.isupper() for c in name[:1]):
        return None
    if not gazetteer.has_name(name) or re.match(rf"\s+(?:{_CONNECTOR}\s+)?[A-Z]", text[end:end + 8]) \
            or text[max(0, start - 5):start].rstrip().endswith(("of", "the")):
        start, end = _widen(start, end, text, gazetteer)
        name = text[start:end]
    if _ORG_TAIL.match(text[end:end + 20]):
        return None
    if _FACILITY_HEAD.search(text[max(0, start - 12):start]):
        return None  # "Camp Bucca", "Fort Hood": a facility, not the town of that name
    direction = _DIRECTION.match(name)
    if direction and not gazetteer.has_name(name) and gazetteer.has_name(name[direction.end():]):
        start += direction.end()  # "Northern Iraq", "South Philadelphia": placed at the whole
        name = name[direction.end():]
    unit = _UNIT_TAIL.search(name)
    if unit and not gazetteer.has_name(name) and gazetteer.has_name(name[:unit.start()]):
        # "the Ochamchire district", "Matara district": a division named for its town, which the
        # gazetteer may know only as the town (the resolver reads the word after it)
        end = start + unit.start()
        name = name[:unit.start()]
    if not gazetteer.has_name(name):
        # "Syria's Raqqa", "Kurdish-held Kobani": the words after a possessive or a
        # hyphenated adjective may still be a known place
        m = re.match(r"^(.*?(?:['’]s|-\w+))\s+(?P<tail>[A-Z].*)$", name)
        if m and gazetteer.has_name(m["tail"]):
            s = start + m.start("tail")
            return Toponym(s, s + len(m["tail"]), m["tail"], "literal", "ner")
        # unknown to the gazetteer: keep it (the online fill or a correction may place it)
    return Toponym(start, end, name, "literal", "ner")


#: a lower-case division word spaCy took into a name: "the Ochamchire district"
_UNIT_TAIL = re.compile(r"\s+(?:district|province|region|oblast|governorate|prefecture|county|municipality|township)$")
_KIND_AFTER = re.compile(r"\s+(?:city|town|village|province|county|district|prefecture)\b")


def _gazetteer_matches(doc, gazetteer: Gazetteer, settings: Settings, taken: list[Span]) -> list[Toponym]:
    """Names spaCy missed: runs of proper nouns that the gazetteer knows as notable places."""
    out: list[Toponym] = []
    text = text_of(doc)
    # Token objects are costly to make: read offsets and IS_ALPHA as arrays, make tokens only
    # where a capitalised word starts
    offsets, alpha = doc.to_array("IDX").tolist(), doc.to_array("IS_ALPHA").tolist()
    size = len(offsets)
    i = 0
    while i < size:
        if not (alpha[i] and text[offsets[i]].isupper()):
            i += 1
            continue
        tok = doc[i]
        tokens = [tok]  # the run of name-like tokens from here: capitalised words, "of", hyphens
        for j in range(i + 1, min(i + _MAX_TOKENS, size)):
            t = doc[j]
            if t.is_space or t.is_punct and t.text not in "-'’":
                break
            if not (t.text[:1].isupper() or t.lower_ in _CONNECTORS or t.text in "-'’"):
                break
            tokens.append(t)
        matched = False
        for n in range(len(tokens), 0, -1):
            span_toks = tokens[:n]
            last = span_toks[-1]
            if not last.text[:1].isupper():
                continue
            start, end = tok.idx, last.idx + len(last.text)
            name = text[start:end]
            if name.lower() in _NEVER or _overlaps((start, end), taken):
                continue
            if n == 1 and name.isupper() and len(name) >= 3 and any(
                    e.feature == "country" for e in gazetteer.candidates(name)):
                pass  # a country's initials: "DRC", "UAE", "USA"
            elif n == 1 and _KIND_AFTER.match(text, end) and not tok.is_stop:
                pass  # "Heze city alone has registered ...": the word says what it is
            elif n == 1 and (not _proper(tok) or tok.is_sent_start or tok.is_stop or len(name) < 4):
                continue  # a lone capitalised word is too often not a name
            entries = gazetteer.candidates(name) if gazetteer.has_name(name) else []
            if not entries or not _notable(entries, settings):
                continue
            if n == 1 and _inside_name(doc, tok.i) and not _DIRECTION.match(doc[tok.i - 1].text + " " + name) \
                    and not any(e.feature == "country" for e in entries):
                continue  # the tail of a longer name: "a West Side Taco Bell" is no town of Bell (but
                # "SOS Children's Villages Sudan" works in Sudan)
            if n == 1 and not any((fold(e.name) == fold(name) and _notable([e], settings))
                                  or e.feature not in {"city", *DIVISIONS} for e in entries):
                # one word matching a notable place only by an alternate name ("Hamas" for Hamm,
                # "Dawn" for Fajar: the notable one must bear it) is too weak
                continue
            if _ORG_TAIL.match(text[end:end + 20]):
                continue
            if n < len(tokens) and tokens[n].text[:1].isupper() and not _KIND_AFTER.match(text, end) \
                    and not town_word_near(text, start, end) \
                    and all(e.feature in SETTLEMENTS and e.population < PREFIX_MIN_POPULATION for e in entries):
                continue  # "the Golden Dawn party": a small town's name heading a longer name is not the town
            out.append(Toponym(start, end, name, "literal", "gazetteer"))
            taken.append((start, end))
            i += n
            matched = True
            break
        if not matched:
            i += 1
    return out


def _inside_name(doc, i: int) -> bool:
    """Whether token ``i`` follows a capitalised word of the same name: "Taco" in "a West Side Taco
    Bell", not a sentence's first word ("In Euclid", "Trailing Watertown's") nor the end of a
    hyphenated adjective ("sub-Saharan Africa")."""
    if i == 0:
        return False
    prev = doc[i - 1]
    if not (prev.is_alpha and prev.text[:1].isupper()) or prev.is_sent_start or prev.is_stop:
        return False
    return not (i >= 2 and doc[i - 2].text == "-" and not doc[i - 2].whitespace_)


def _clean(name: str) -> str:
    return _TRAILING.sub("", _LEADING.sub("", name.strip()))


#: a plural of initials ("CARs", "NGOs", "IDPs") is never a place, whatever it folds to ("Kars")
_INITIALS_PLURAL = re.compile(r"[A-Z]{2,}['’]?s")
#: words of the calendar that are also towns (March, Spring, Easter): as a date-like entity, a date
_CALENDAR_WORDS = frozenset({
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "spring", "summer", "autumn", "fall", "winter", "christmas", "easter", "ramadan", "today", "tonight",
    "yesterday", "tomorrow", "noon", "midnight", "weekend", "week", "month", "year", "day", "night",
})
#: labels spaCy's small model gives place names it does not know (a work of art, a date, a law...)
_MISLABELLED = frozenset({"WORK_OF_ART", "EVENT", "LAW", "LANGUAGE", "DATE", "TIME", "PRODUCT"})


#: "Town, " before a name: the name may be what holds the town
_AFTER_PLACE_COMMA = re.compile(r"\b[A-Z][\w'’.\-]+,\s+$")
#: what may hold a town in "Town, Container"
_CONTAINER_KINDS = {"admin1", "admin2", "country", "island", "region"}


def _misplaced_place(ent, gazetteer: Gazetteer, settings: Settings) -> bool:
    """Whether an entity spaCy gave another label is a sizeable place written where places go
    ("in Owerri", "near Vladikavkaz", "the city of X"): no digits, a capitalised name the gazetteer
    knows by that exact name, a capital or a place of ``min_population_unrecognised`` people."""
    name = _clean(ent.text)
    if not name or not name[0].isupper() or any(c.isdigit() for c in name) or name.lower() in _NEVER \
            or any(w.lower() in _CALENDAR_WORDS for w in name.split()):
        return False
    text = text_of(ent.doc)
    if _AFTER_PLACE_COMMA.search(text, max(0, ent.start_char - 40), ent.start_char) and any(
            e.feature in _CONTAINER_KINDS and same_name(fold(e.name), fold(name)) for e in gazetteer.candidates(name)):
        return True  # "near Moria, Lesvos": what holds the place before it
    if not _cued(text, ent.start_char):
        return False
    return any(fold(e.name) == fold(name) and e.feature in SETTLEMENTS | {"country"}
               and (e.population >= settings.min_population_unrecognised or e.feature == "capital")
               for e in gazetteer.candidates(name))


#: a national capital this big is not taken for a person when spaCy calls its name alone one
_BIG_CAPITAL = 500_000


#: a town's name before these is where someone lives: "a Glen Allen woman", "two Harlem teens"
_RESIDENT_AFTER = re.compile(r"\s+(?:man|woman|men|women|residents?|teens?|teenagers?|boy|girl|couple|natives?|"
                             r"youths?|motorist|driver)\b")


def _cued_twice(text: str, name: str) -> bool:
    """Whether ``name`` is written where places go at least twice: after "in", "near" ... or
    before "man", "woman", "resident"."""
    n = 0
    for m in re.finditer(rf"\b{re.escape(name)}\b", text):
        n += _cued(text, m.start()) or bool(_RESIDENT_AFTER.match(text, m.end()))
    return n >= 2


#: words that say the name after them is a settlement's, whatever its size
_KIND_OF = re.compile(r"\b(?:city|town|village|island|hamlet|port|borough)\s+of\s+$", re.I)


def _reclaimable(ent, gazetteer: Gazetteer, settings: Settings) -> bool:
    """Whether a PERSON/ORG/NORP entity is really a place: a country, region or feature by its exact
    name, or a capital or notable place written where places go ("in X", "the town of X")."""
    name = _clean(ent.text)
    if not name or name.lower() in _NEVER or not gazetteer.has_name(name):
        return False
    if _ORG_TAIL.match(text_of(ent.doc)[ent.end_char:ent.end_char + 20]):
        return False
    entries = [e for e in gazetteer.candidates(name) if fold(e.name) == fold(name) or e.feature == "country"]
    if any(e.feature not in GENERIC_FEATURES for e in entries):
        return True
    text = text_of(ent.doc)
    if any(e.feature in {"admin1", "admin2"} for e in entries) and admin_word_near(text, ent.start_char, ent.end_char):
        return True  # "Sokoto state", "Shan state", "off Basilan province" taken for a person
    if _KIND_OF.search(text, max(0, ent.start_char - 25), ent.start_char) and any(
            e.feature in SETTLEMENTS for e in entries):
        return True  # "the Italian island of Lampedusa", "the village of Dogon Daji": said to be a place
    if ent.label_ == "PERSON" and len(ent) >= 2 and any(e.feature in {"admin1", "country"} and fold(e.name) == fold(name)
                                                        for e in entries):
        return True  # "Khyber Pakhtunkhwa", "Rio Grande do Sul": no one's name is a province's, word for word
    if ent.label_ == "PERSON" and len(ent) == 1 and any(
            e.feature == "capital" and e.population >= _BIG_CAPITAL for e in entries):
        return True  # "Tbilisi has denied the allegation": a capital's name alone is its government
    cue = (_cued(text, ent.start_char) or town_word_near(text, ent.start_char, ent.end_char)
           or _container_after(text, ent.end_char, gazetteer))
    if cue and ent.label_ == "PERSON" and _cued_twice(text, name) and any(
            e.population >= HAMLET and e.feature in SETTLEMENTS for e in entries):
        return True  # "Missing Glen Allen woman ... her parents' home in Glen Allen": a town, twice over
    # written where places go, a spelling one letter from a sizeable place's counts too ("residents of Lvov")
    return cue and any(e.population >= settings.min_population_unrecognised or e.feature == "capital"
                       for e in gazetteer.candidates(name) if same_name(fold(e.name), fold(name)))


#: proper-noun tags, used when the pipeline has a tagger (the default pipeline has none)
_PROPER = frozenset({"NNP", "NNPS", "PROPN"})


def _proper(tok) -> bool:
    """Whether a token reads as a proper noun: the tagger's word when the pipeline has a tagger,
    otherwise any capitalised word (the callers already skip sentence starts and stop words)."""
    if tok.tag_:
        return tok.tag_ in _PROPER
    return tok.text[:1].isupper()


_TEXT_KEY = "geotimeline.text"


def attach_text(doc, text: str):
    """Give a Doc the text it was made from (spaCy keeps it exactly), so :func:`text_of` never
    has to rebuild it."""
    doc.user_data[_TEXT_KEY] = text
    return doc


def text_of(doc) -> str:
    """``doc.text``, which spaCy rebuilds from every token on each access, computed once per Doc."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


def _notable(entries, settings: Settings) -> bool:
    best = entries[0]
    if any(e.feature not in GENERIC_FEATURES for e in entries):
        return True  # countries, regions and features from the curated tables
    if any(e.feature in {"capital", *DIVISIONS} and e.population >= settings.min_population_unrecognised for e in entries):
        return True
    return best.population >= settings.min_population_unrecognised


def _overlaps(span: Span | Toponym, others: Sequence[Span]) -> bool:
    s, e = (span.start, span.end) if isinstance(span, Toponym) else span
    return any(s < oe and os_ < e for os_, oe in others)


_ADMIN_OF = re.compile(r"\b(?:province|governorate|state|region|prefecture|department)\s+of\s+(?:the\s+)?$", re.I)


# words that make a name a town's: its council, police, schools, mayor, people ("a Palestine man":
# a country's people are named by a demonym instead)
_TOWN_AFTER = re.compile(
    r"^(?:'s)?\s+(?:City\s+(?:Council|Hall|Commission|Manager|Schools?)|city\s+(?:council|hall|limits|manager|officials)|"
    r"Town\s+(?:Council|Board|Hall)|Village\s+Board|Police(?:\s+(?:Department|Dept\.?|Chief))?|police|Fire\s+(?:Department|Chief)|"
    r"Mayor|mayor|Independent\s+School\s+District|ISD|(?:City\s+)?School\s+(?:District|Board)|Public\s+Library|"
    r"(?:man|woman|resident|residents|native|couple|teen|boy|girl)\b)")
_TOWN_BEFORE = re.compile(r"\b(?:[Cc]ity|[Tt]own|[Vv]illage|[Bb]orough|[Mm]ayor)\s+of\s+$|\bdowntown\s+$")


def town_word_near(text: str, start: int, end: int) -> bool:
    """Whether the words around a name make it a town's: "the Palestine City Council", "a
    Palestine man", "the city of Athens", "downtown London"."""
    return bool(_TOWN_AFTER.match(text[end:end + 40]) or _TOWN_BEFORE.search(text[max(0, start - 20):start]))


_LIST_NAME = r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2}"
# "Barrow, Jackson and Madison counties": the names of a list that ends in a plural unit word
_LIST_END = rf",?\s+(?:and|or|&)\s+{_LIST_NAME}\s+(?P<unit>counties|parishes)\b"
_COUNTY_LIST = re.compile(rf"(?:{_LIST_NAME},\s+)*{_LIST_NAME}{_LIST_END}")
# ... and what follows a name that is a county: "county", or the rest of such a list
_COUNTY_AFTER = re.compile(rf"^(?:\s+(?:County|county|Parish|parish)\b|(?:,\s+{_LIST_NAME})*{_LIST_END}|\s+(?:counties|parishes)\b)")


def county_word_near(text: str, start: int, end: int) -> bool:
    """Whether a name is a county's by the words after it: "Laurel county", or a member of "Barrow,
    Jackson and Madison counties"."""
    return bool(_COUNTY_AFTER.match(text[end:end + 200]))


def county_names(name: str) -> tuple[str, str]:
    """The names a county or parish called ``name`` goes by in the gazetteer."""
    return f"{name} County", f"{name} Parish"


def _county_lists(text: str, gazetteer: Gazetteer, taken: list[Span]) -> list[Toponym]:
    """Each member of "Barrow, Jackson and Madison counties" that the gazetteer knows as a county
    (or parish): the name alone is written, the unit word comes once at the end."""
    out: list[Toponym] = []
    for m in _COUNTY_LIST.finditer(text):
        for n in re.finditer(_LIST_NAME, m[0][:m.start("unit") - m.start()]):
            span = (m.start() + n.start(), m.start() + n.end())
            name = n[0]
            if not _free(span, taken):
                continue
            if any(gazetteer.has_name(c) for c in county_names(name)):
                out.append(Toponym(span[0], span[1], name, "literal", "pattern"))
                taken.append(span)
    return out


def admin_word_near(text: str, start: int, end: int) -> bool:
    """Whether the words around a name make it a first-level division's: "province",
    "governorate", "state"... after it, or "the state of" / "the province of" before it."""
    return bool(_ADMIN_WORDS.match(text[end:end + 20]) or _ADMIN_OF.search(text[max(0, start - 30):start]))
