"""places + dates -> [Event]; and :func:`events_to_frame`, the one event table the report reads.

An event is a place, a date and the sentence that ties them. A sentence with places and no
date takes the nearest date in the sentences around it (``date_source="context"``), else the
publication date (``"published"``). Durations, sets and vague references ("now", "recently")
never date an event.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date, timedelta

import pandas as pd

from .clauses import EVENT_NOUNS, category_of
from .records import Article, ArticleResult, Clause, DateMention, Event, Place, Reading
from .gazetteer import SETTLEMENTS, haversine_km
from .resolve import within
from .settings import Settings

Span = tuple[int, int]

#: events.csv / events.geojson columns, in order (the README documents each)
COLUMNS = [
    "event_id", "date", "date_start", "date_end", "precision", "place", "lat", "lon",
    "country_code", "feature", "gazetteer_id", "article_id", "article_title", "published",
    "sentence",
    # beyond the required columns: how the date and place were found
    "date_text", "date_value", "date_source", "place_text", "place_kind", "score",
    "published_estimated", "alternatives", "why", "corrected",
    # what happened: events told apart from mentions (README, "events.csv")
    "kind", "what", "actors", "confidence", "sources", "other_sentences",
]


#: the roles in which a place is where something happens
SCENE_ROLES = {"locative", "object", "patient", "participant", "authority", "naming"}
#: roles that place a report ("said in X") as well as an occurrence
_REPORT_SCENES = {"locative"}
#: roles that say where a clause happened, whoever did it
_WHERE_ROLES = {"locative", "object", "patient"}
#: moods in which a clause reports an occurrence
OCCURRING = {"actual", "scheduled"}
#: how much each way of finding the date is worth to an event's confidence
_DATE_WEIGHT = {"sentence": 1.0, "context": 0.75, "published": 0.6}
_ROLE_WEIGHT = {"locative": 1.0, "object": 0.95, "patient": 0.9, "participant": 0.85, "authority": 0.75,
                "naming": 0.9, "focus": 0.7}


def assemble_events(article: Article, places: Sequence[Place], dates: Sequence[DateMention],
                    sentences: Sequence[Span], settings: Settings | None = None,
                    readings: Sequence[Reading] | None = None) -> list[Event]:
    """Tie places to dates; return the article's events and mentions, events first by confidence.

    Every place with a date in or near its sentence (or the publication date) is a row, as
    before. With the sentences' ``readings`` (:mod:`geotimeline.clauses`), a row is an
    ``event`` only when the parse says something happens there then: the place is where a
    predicate happens (not an actor, a home or a topic), the predicate is reported as happening
    or scheduled, and the date is the predicate's own (or, for a concrete past occurrence with no
    date of its own, the nearest earlier date or the publication date). Other rows are
    ``mention``s. A dated occurrence with no place of its own ("A March 7 fire gutted the
    block") happens at the article's focus (its dateline, else its most-named place). The same
    occurrence told twice is one event listing both sentences. Without readings every row is
    an event (no parser to tell them apart).

    >>> from geotimeline.records import Toponym, GazetteerEntry
    >>> a = Article("a1", "Mosul fell on March 7, 2017.", published=date(2017, 3, 15))
    >>> p = Place(Toponym(0, 5, "Mosul"), GazetteerEntry("1", "Mosul", 36.3, 43.1, "city", "IQ"), 0.9)
    >>> d = DateMention(14, 27, "March 7, 2017", "DATE", "2017-03-07", date(2017, 3, 7), date(2017, 3, 7), "day")
    >>> [(e.place.entry.name, e.date_start.isoformat()) for e in assemble_events(a, [p], [d], [(0, 28)])]
    [('Mosul', '2017-03-07')]
    """
    settings = settings or Settings()
    usable = _on_the_story_day([d for d in dates if _usable(d)])
    by_sentence = {r.start: r for r in readings or ()}
    parsed = readings is not None
    story_days = _story_days(usable, sentences, by_sentence)
    rows: list[dict] = []
    for si, (s, e) in enumerate(sentences):
        here = [p for p in places if s <= p.start < e]
        if not here:
            continue
        literal = [p for p in here if p.toponym.kind == "literal"]
        # a demonym ("Iraqi forces") counts only where the sentence names no place outright
        here = literal or here
        reading = by_sentence.get(s)
        in_sentence = [d for d in usable if s <= d.start < e]
        # one row per place and sentence: the first mention that makes an event, else the first
        # ("KYIV (AP) - Russian missiles struck Kyiv": the dateline is no scene, the object is)
        by_entry: dict[str, list[Place]] = {}
        for p in here:
            by_entry.setdefault(p.entry.id, []).append(p)
        for same in by_entry.values():
            row = None
            if parsed:
                row = next((r for p in same if (r := _classify(article.text, p, reading, in_sentence, story_days,
                                                               sentences, si, settings)) is not None), None)
            if row is None:  # a mention (or, unparsed, an event) dated the old way
                p = same[0]
                d, source = _nearest(p, in_sentence, usable, sentences, si, settings.context_sentences)
                row = {"place": p, "date": d, "source": source, "kind": "mention" if parsed else "event",
                       "clause": None, "weight": 0.0}
            row.update(sentence=(s, e), index=si)
            rows.append(row)
    if parsed:
        _inner_places_first(rows)
        rows += _focus_events(article, places, usable, sentences, by_sentence, rows)
    return _finish(article, rows, len(sentences))


def sentences_to_read(article: Article, places: Sequence[Place], dates: Sequence[DateMention],
                      sentences: Sequence[Span], settings: Settings | None = None) -> list[Span]:
    """The sentences whose parse can make an event: those naming a place outright with a usable
    date in them or in the sentences before (a date they could take), and, when the article has a
    focus place, those with a usable date. Others give mentions whatever the parse says, so the
    pipeline does not parse them (the parse costs about as much per token as NER).

    >>> from geotimeline.records import Toponym, GazetteerEntry
    >>> a = Article("a1", "Mosul is old. It fell on March 7. Mosul is far.")
    >>> p = lambda s: Place(Toponym(s, s + 5, "Mosul"), GazetteerEntry("1", "Mosul", 36.3, 43.1, "city", "IQ"), 0.9)
    >>> d = DateMention(25, 32, "March 7", "DATE", "XXXX-03-07", None, None, "day")
    >>> sentences_to_read(a, [p(0), p(34)], [d], [(0, 13), (14, 33), (34, 47)])
    [(14, 33), (34, 47)]
    """
    settings = settings or Settings()
    usable = [d for d in dates if _usable(d)]
    focus = focus_place(article, places) is not None
    literal = [p for p in places if p.toponym.kind == "literal" or held_in(article.text, p)]
    out = []
    for si, (s, e) in enumerate(sentences):
        dated = any(s <= d.start < e for d in usable)
        if dated and focus:
            out.append((s, e))
        elif any(s <= p.start < e for p in literal) and (
                dated or _story_day(usable, sentences, si)
                or (any(d.end <= s for d in usable) and _REFERS_BACK.search(article.text, s, e))
                or (not usable and article.published is not None and si <= _NEWS_LEAD)):
            out.append((s, e))
    return out


#: what happens within a country, named by its people or its name: "the Sri Lankan civil war",
#: "the Nigerian elections", "the Turkish earthquake" (not "the Russian offensive": the actor)
_HELD_WITHIN = re.compile(r"(?:['’]s)?\s+(?:[\w-]+\s+){0,2}?(?:civil\s+war|elections?|referendum|earthquake|quake|"
                          r"floods?|flooding|uprising|revolution|insurgency|unrest|riots?|drought|famine|census)\b",
                          re.I)


def held_in(text: str, p: Place) -> bool:
    """Whether a country, named or by its people, names an occurrence held within it."""
    return p.entry.feature == "country" and bool(_HELD_WITHIN.match(text, p.end))


def _classify(text: str, p: Place, reading: Reading | None, in_sentence: list[DateMention], usable: list[DateMention],
              sentences: Sequence[Span], si: int, settings: Settings) -> dict | None:
    """The event row for place ``p`` when its sentence reports an occurrence there; else ``None``."""
    if reading is None or (p.toponym.kind != "literal" and not held_in(text, p)) \
            or _PARTY_TAG.search(text[max(0, p.start - 4):p.start]):
        return None
    if _CREDIT_LINE.search(text, *sentences[si]):
        return None  # "Associated Press writers ... in San Francisco contributed to this report."
    if _ACTOR_COMPOUND.match(text, p.end):
        return None  # "the US-led coalition", "Iran-backed militias": who, not where
    anchor = reading.anchor(p.start, p.end)
    if anchor is None or anchor.clause < 0 or anchor.role not in SCENE_ROLES:
        return None
    if anchor.role == "naming" and p.entry.feature in {"country", "continent"} and not held_in(text, p):
        return None  # "a US commando raid", "the Russian offensive": the country is the actor
    clause = reading.clauses[anchor.clause]
    if anchor.role == "authority" and any(a.role in _WHERE_ROLES and a.clause == anchor.clause
                                          for a in reading.anchors if a is not anchor):
        return None  # "Berea police arrested a man in Richmond": what they did was in Richmond
    if _says(clause) and (anchor.role == "authority" or (
            anchor.role in {"participant", "home"} and _AUTHORITY_IN.search(text, max(0, p.start - 30), p.start))):
        return _reported_by_authority(p, anchor, clause, reading, in_sentence)
    tied = []
    for d in in_sentence:
        if _SINCE.search(text, max(0, d.start - 10), d.start):
            continue  # "have pulled 500,000 pounds of trash since 1997": a tally up to now, not then
        da = reading.anchor(d.start, d.end)
        if da is not None and da.clause >= 0 and (da.clause in anchor.chain or anchor.clause in da.chain):
            tied.append(d)
    if not tied:
        # "remained hospitalized Sunday, a day after being stung ... around Las Vegas": the day before
        tied = [shifted for d in in_sentence if (shifted := _days_before(text, d, clause)) is not None]
    if not tied:
        # "began about 10:30 a.m. Monday, when he shot a man near X": the "when" clause is that time
        tied = [d for d in in_sentence if _WHEN_AFTER.match(text, d.end) and d.end < clause.start
                and not any(d.end < x.start < clause.start for x in in_sentence)]
    if _statistic(text, clause, sentences[si][1], reading):
        return None
    if tied:
        d = min(tied, key=lambda d: abs(d.start - p.start))
        dated = reading.clauses[reading.anchor(d.start, d.end).clause]
        if dated is clause and (up := _up_for(text, clause)) is not None:
            clause = dated = up  # "... is up for a vote Tuesday"
        elif clause.lemma == "be" and dated is clause and _occurrence_is_dated(text, clause):
            # "The meeting is at 7 p.m. Tuesday at City Hall", "Lebanon's heavy trash disposal day
            # is April 24-25 at the street department": an occurrence put on the calendar
            past = text[clause.start:clause.end].lower() in {"was", "were"}
            clause = dated = replace(clause, mood="actual" if past else "scheduled")
        elif clause.lemma == "be" and dated is clause and not _there_was(text, clause):
            return None  # "The weather in Dublin was awful on Tuesday": a state, not an occurrence
        if clause.lemma in _NOT_OCCURRENCES and dated.lemma not in _NOT_OCCURRENCES and dated.mood in OCCURRING:
            # "In Mosul there has been fierce fighting, and on March 7 the army recaptured ...":
            # what happened then is the dated clause's
            clause = dated
        elif clause.lemma in _ALLEGING and dated.nominal and dated.mood in OCCURRING and anchor.clause in (
                reading.anchor(d.start, d.end).chain):
            # "is suspected in the armed robbery Friday of two people in their Grovetown home": who
            # did it is in doubt, that it happened is not
            clause = dated
        clause = _dated(clause, d)
        d = _before_it_was_said(text, d, clause, reading, in_sentence)
        if clause.mood in OCCURRING and not (_says(clause) and anchor.role not in _REPORT_SCENES):
            return {"place": p, "date": d, "source": "sentence", "kind": "event", "clause": clause,
                    "weight": _ROLE_WEIGHT[anchor.role] * (0.7 if _says(clause) else 1.0)}
        if (clause.mood == "report" and anchor.role in _REPORT_SCENES and clause.embedded in {"", "advcl"}
                and _WHERE_BEFORE.search(text, max(0, p.start - 12), p.start)):
            # "Speaking in Brussels on Tuesday, Stoltenberg said ...", "told reporters in Kyiv on
            # Monday": a statement made there then ("said from Denver headquarters" is where the
            # speaker was, not a statement's scene); it ranks below what happened
            return {"place": p, "date": d, "source": "sentence", "kind": "event", "clause": clause,
                    "weight": _ROLE_WEIGHT[anchor.role] * 0.6}
        return None
    if (clause.mood == "actual" and not clause.present and clause.embedded == "ccomp" and anchor.role in _BORROWING
            and clause.lemma not in _NOT_OCCURRENCES and in_sentence):
        said = [d for d in in_sentence if _said_on(reading, d)]
        # "has infected 115,000 people since September": a tally up to the report, not then
        other = [d for d in in_sentence if d not in said and not _SINCE.search(text, max(0, d.start - 10), d.start)]
        if len(said) == 1 and len(other) <= 1:
            # "State television said on Thursday that a gas explosion in Tehran killed four people":
            # an occurrence with no day of its own is news on the day it is reported, or on the
            # one other day the report names before it ("Four people died in a stampede ... when
            # word spread that it was offering free entry Saturday night, police said Sunday")
            d = other[0] if other and _no_later(other[0], said[0]) else said[0] if not other else None
            if d is not None:
                return {"place": p, "date": d, "source": "context", "kind": "event",
                        "clause": clause, "weight": _ROLE_WEIGHT[anchor.role] * 0.8}
    if (clause.mood != "actual" or clause.present or clause.lemma in _NOT_OCCURRENCES or _says(clause)
            or clause.embedded not in _BORROWING_LINKS or anchor.role not in _BORROWING or in_sentence):
        # only a concrete past occurrence at a named scene, told as the sentence's own news (not inside
        # "reports that ...", "once ...", "the time they ..."), borrows a date from elsewhere, and only
        # in a sentence that gives none: a date that dates another clause says the story has moved
        return None
    # the date of the sentence before (the story so far); never the publication date, which
    # says when it was written, not when it happened
    d = (_antecedent_date(text, clause, usable, sentences, si)
         or _story_day(usable, sentences, si))
    if d is None and not usable and si <= _NEWS_LEAD and clause.embedded == "":
        # an article that names no day at all reports its news as of the day it was published
        # ("Police pickup ... exploded on a mine near the village Dvani"), if told outright in its
        # opening (not what someone believes or says)
        return {"place": p, "date": None, "source": "published", "kind": "event",
                "clause": clause, "weight": _ROLE_WEIGHT[anchor.role] * 0.8}
    if d is None:
        return None
    return {"place": p, "date": d, "source": "context", "kind": "event",
            "clause": clause, "weight": _ROLE_WEIGHT[anchor.role] * 0.8}


#: "The suicide bombing occurred in ...": a clause about an occurrence the story has already
#: named; its noun, after "the", "this" or "that" and up to three modifiers
_DEFINITE_NOUN = (r"(?:the|this|that|those|these|its|their)\s+(?:[\w-]+\s+){0,3}?("
                  + "|".join(sorted(EVENT_NOUNS, key=len, reverse=True)) + r")\b")
_DEFINITE_OCCURRENCE = re.compile("^" + _DEFINITE_NOUN, re.I)
_REFERS_BACK = re.compile(r"\b" + _DEFINITE_NOUN, re.I)
#: how near an occurrence noun must be to a date to be the occurrence dated ("the attack on Tuesday",
#: "Tuesday's bombing", "a March 7 fire")
_NOUN_NEAR_DATE = 40


def _antecedent_date(text: str, clause: Clause, usable: Sequence[DateMention], sentences: Sequence[Span],
                     si: int) -> DateMention | None:
    """The date of the occurrence a definite noun refers back to: "Incidents such as the attack on
    Tuesday ... (ten sentences on) The suicide bombing occurred in the town of X" happened on
    Tuesday. The antecedent is the last earlier date with an occurrence noun of the same kind
    beside it, however far back; the clause must name its occurrence with "the" (or "this",
    "that") for the story to be referring back to it.
    """
    m = _DEFINITE_OCCURRENCE.match(clause.what)
    if m is None:
        return None
    kind = category_of(m.group(1).lower())
    if not kind:
        return None
    before = sentences[si][0]
    for d in sorted((d for d in usable if d.end <= before), key=lambda d: d.start, reverse=True):
        s, e = next((s, e) for s, e in sentences if s <= d.start < e)
        window = text[max(s, d.start - _NOUN_NEAR_DATE):min(e, d.end + _NOUN_NEAR_DATE)]
        if any(category_of(w) == kind for w in re.findall(r"[a-z]+", window.lower()) if w in EVENT_NOUNS):
            return d
    return None


def _reported_by_authority(p: Place, anchor, clause: Clause, reading: Reading,
                           in_sentence: list[DateMention]) -> dict | None:
    """"Henrico County police announced today that the woman was found safe this morning": what
    a local authority reports happened where it has authority, unless the report names another
    place for it; dated by its own time, else by the report's day."""
    for ci, c in enumerate(reading.clauses):
        if (c.embedded != "ccomp" or c.mood != "actual" or c.present
                or c.lemma in _NOT_OCCURRENCES or _says(c)):
            continue
        if any(a.clause == ci and a.role in SCENE_ROLES for a in reading.anchors if a is not anchor):
            return None  # the report says where
        own = [d for d in in_sentence if (a := reading.anchor(d.start, d.end)) is not None and ci in a.chain]
        said = [d for d in in_sentence if (a := reading.anchor(d.start, d.end)) is not None
                and anchor.clause in a.chain]
        d = (own or said or [None])[0]
        if d is None:
            return None
        return {"place": p, "date": d, "source": "sentence" if own else "context", "kind": "event",
                "clause": c, "weight": _ROLE_WEIGHT["authority"] * 0.8}
    return None


_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
#: "Sunday, a day after being stung", "Friday, two days after the fire"
_DAYS_AFTER = re.compile(r",?\s+(?:just\s+|only\s+)?(an?|one|two|three|four|five|six|seven|\d)\s+(days?|weeks?)\s+after\b",
                         re.I)


def _days_before(text: str, d: DateMention, clause: Clause) -> DateMention | None:
    """The day of what happened "a day after" (two days, a week ...) before a day: for a clause
    told after those words."""
    m = _DAYS_AFTER.match(text, d.end)
    if m is None or d.precision != "day" or d.date_start is None or clause.start < m.end():
        return None
    n = _NUMBER_WORDS.get(m[1].lower()) or int(m[1])
    day = d.date_start - timedelta(days=n * (7 if m[2].lower().startswith("week") else 1))
    return replace(d, type="DATE", value=day.isoformat(), date_start=day, date_end=day)


def _up_for(text: str, clause: Clause) -> Clause | None:
    """A "be" clause that puts an occurrence ahead ("is up for re-election", "is up for a vote"),
    as a scheduled occurrence; else ``None``."""
    if clause.lemma == "be" and _UP_FOR.match(text, clause.end):
        return replace(clause, lemma="be up for", mood="scheduled")
    return None


def _occurrence_is_dated(text: str, clause: Clause) -> bool:
    """Whether a "be" clause says when an occurrence is: its subject ends in an occurrence noun."""
    if _RANKED.match(text, clause.end):
        return False  # "The shooting was the deadliest at a US school since Uvalde last May": a ranking
    verb = text[clause.start:clause.end]
    m = re.search(rf"\s{re.escape(verb)}\b", clause.what)
    return m is not None and m.start() > 0 and bool(_OCCURRENCE_SUBJECT.search(clause.what[:m.start()]))


def _there_was(text: str, clause: Clause) -> bool:
    """"There was an explosion in Kabul on Tuesday": "be" that says an occurrence took place."""
    return bool(re.match(r"there\b", clause.what, re.I)) and any(
        w in EVENT_NOUNS for w in re.findall(r"[a-z]+", text[clause.end:clause.end + 60].lower()))


def _dated(clause: Clause, d: DateMention) -> Clause:
    """A present-tense clause with a calendar date is on the calendar, not a habit: "A third
    meeting takes place at 5 this evening"."""
    if clause.mood == "habitual" and d.precision in {"day", "week", "weekend", "month"}:
        return replace(clause, mood="scheduled")
    return clause


#: what holds the places named with it: "Grantville, Pennsylvania", "Moria, Lesvos"
_OUTER = {"admin1", "admin2", "country", "island"}


def _inner_places_first(rows: list[dict]) -> None:
    """"Grantville, Pennsylvania": an event at a town is not also an event at its state or
    country; nested places are kept once, at the most specific level."""
    events = [r for r in rows if r["kind"] == "event"]
    for r in events:
        outer = r["place"].entry
        if outer.feature not in _OUTER:
            continue
        if any(o["sentence"] == r["sentence"] and 0 < r["place"].start - o["place"].end <= 2
               and o["place"].entry.feature not in _OUTER for o in rows):
            r["kind"] = "mention"  # "Grantville, Pennsylvania": the state only says which Grantville
            continue
        for other in events:
            inner = other["place"].entry
            if (other is not r and other["sentence"] == r["sentence"] and inner.id != outer.id
                    and _date_key(other) == _date_key(r) and within(inner, outer)):
                r["kind"] = "mention"
                break


def _focus_events(article: Article, places: Sequence[Place], usable: list[DateMention], sentences: Sequence[Span],
                  by_sentence: dict, rows: list[dict]) -> list[dict]:
    """Dated occurrences whose clause names no scene, placed at the article's focus."""
    focus = focus_place(article, places)
    if focus is None:
        return []
    # what someone said happened ("..., Mr. Lynch said") is placed at the story's place only when
    # a dateline gives it; the most-named place is a guess
    links = _BORROWING_LINKS if dateline_place(article, places) is not None else {""}
    out = []
    for si, (s, e) in enumerate(sentences):
        reading = by_sentence.get(s)
        if reading is None or _CREDIT_LINE.search(article.text, s, e):
            continue
        scenes = {a.clause for a in reading.anchors if a.role in SCENE_ROLES}
        where = [reading.anchor(p.start, p.end) for p in places
                 if s <= p.start < e and p.toponym.kind == "literal" and p.entry.id != focus.entry.id
                 and _WHERE_BEFORE.search(article.text, max(s, p.start - 12), p.start)]
        for d in usable:
            if not s <= d.start < e:
                continue
            da = reading.anchor(d.start, d.end)
            if da is None or da.clause < 0 or set(da.chain) & scenes or _SINCE.search(
                    article.text, max(0, d.start - 10), d.start):
                continue
            if any(a is None or a.clause < 0 or a.clause in da.chain or da.clause in a.chain for a in where):
                # "Officers caught up with him near Atlanta in June": the text says where ("sentenced
                # him on Thursday for criticizing the war in Ukraine" says where the war is)
                continue
            clause = reading.clauses[da.clause]
            clause = _dated(clause, d)
            clause = _up_for(article.text, clause) or clause  # "His seat is up for re-election in November"
            if (clause.mood not in OCCURRING or clause.embedded not in links
                    or clause.lemma in _NOT_OCCURRENCES
                    or _says(clause) or _statistic(article.text, clause, e, reading)):
                continue
            if d.precision in {"decade", "century"} or not (clause.nominal or clause.actors or clause.what):
                continue
            # "A two-car accident here late Friday": the text says it was at the story's place
            here = _HERE.search(article.text, s, e) is not None
            out.append({"place": focus, "date": d, "source": "sentence", "kind": "event", "clause": clause,
                        "weight": _ROLE_WEIGHT["locative" if here else "focus"], "sentence": (s, e), "index": si})
            break  # one occurrence per sentence
    return out


#: how near its dateline (the same city area) a town the story names more often may be, to be where
#: the story happened
NEAR_DATELINE_KM = 30
#: the share of an article's place mentions (countries included) its most-named place needs to be
#: its focus without a dateline: a local story's town, not one stop of a wide-ranging analysis
FOCUS_SHARE = 0.25
#: what follows a dateline's place: "PATASKALA -- ", "BEIRUT: ", "SALINA, Kan. ", "TEGA CAY  " (a dash lost)
_DATELINE_END = re.compile(r"\s*(?:--|—|–|-\s|:\s|,\s|\(AP\)|\(Reuters\))|\s{2,}(?=[A-Z])")
#: a preposition saying a place is where: a sentence naming one is not placed at the story's focus
_WHERE_BEFORE = re.compile(r"\b(?:in|at|near|outside|inside|on the outskirts of)\s+(?:the\s+)?$", re.I)
#: who helped write the story, where they were: "AP writers Lisa Leff in San Francisco contributed to this report."
_CREDIT_LINE = re.compile(r"\bcontributed(?:\s+(?:to|reporting|from)\b[^.]*)?[.”\"]*\s*$")
#: a local authority named by where it is: "Police in Memphis said ..."
_AUTHORITY_IN = re.compile(r"\b(?:[Pp]olice|authorities|officials|deputies|troopers|firefighters|prosecutors|sheriff['’]s office)"
                           r"\s+in\s+(?:the\s+)?$")
#: the subject of "X is on <date>" that makes it an occurrence: "the meeting", "disposal day"
_OCCURRENCE_SUBJECT = re.compile(r"\b(?:" + "|".join(sorted(EVENT_NOUNS | {"day", "days", "sale", "meet"}, key=len,
                                                              reverse=True)) + r")$", re.I)
#: what ranks an occurrence among others, after "was": "the deadliest", "the first", "the most serious"
_RANKED = re.compile(r"\s+(?:also\s+|now\s+)?(?:the|its|their)\s+(?:\w+est|most|least|first|second|third|last|worst|best)\b",
                     re.I)
#: "be up for" an occurrence: "His council seat is up for re-election in November", "is up for a vote"
_UP_FOR = re.compile(r"\s+up\s+for\s+(?:a\s+|an\s+|its\s+|final\s+)*(?:re-?election|election|vote|renewal|auction|"
                     r"sale|approval|review|debate|discussion|hearing)\b", re.I)
#: words that put an occurrence at the story's own place
_HERE = re.compile(r"\b(?:here|in town|in the city|in the village)\b(?![’'\w])")
#: a date a "when" clause describes: "Monday, when he shot a man"
_WHEN_AFTER = re.compile(r",?\s+when\b")
#: "since 1997", "ever since March": the start of what has gone on until now, not when it happened
_SINCE = re.compile(r"\bsince\s+(?:the\s+)?$", re.I)
#: a dateline in mixed case needs a dash after it (and its state): "Springfield, Ohio — "
_MIXED_DATELINE_END = re.compile(r"(?:,\s+[A-Z][\w.]*(?:\s[A-Z][\w.]*)?)?\s*(?:--|—|–)\s")
#: where a dateline can start: the text's start, a new line or a sentence's end
_LINE_START = re.compile(r"(?:^|\n|[.!?]\s+)\s*$")
#: how many sentences back an undated occurrence looks for the day the story is on: a narrative
#: keeps its day across a quote or two ("... on Sunday." "I just can't say." "Police found her in X.")
BORROW_REACH = 3
#: how far back the story's day may be when a day named just after bounds it (see ``_story_day``)
BOUNDED_REACH = 6
BOUND_AHEAD = 2
#: how many sentences open an article: where an article that names no day tells its news
_NEWS_LEAD = 6
#: how an occurrence that borrows a date may sit in its sentence: told outright, or as what someone
#: said or believed happened; not in a time clause ("once the Taliban took over", whose time is
#: its main clause's) or describing a noun ("the time they formed a government")
_BORROWING_LINKS = {"", "ccomp"}
#: roles in which a place's occurrence may take the date of the sentence before
_BORROWING = {"locative", "object", "patient", "participant"}
#: "the US-led coalition", "Iran-backed militias", "a Texas-based firm": the place says who
_ACTOR_COMPOUND = re.compile(r"[-‐–]\s?(?:led|backed|based|born|funded|made|protected|brokered|sponsored|supported|"
                             r"allied|owned|run|trained|armed|aligned|controlled|held)\b")
#: a legislator's party tag names a home, never a scene: "Rep. Gilliard, D-Charleston"
_PARTY_TAG = re.compile(r"\b(?:D|R|I|DFL)-$")


#: verbs that say who is thought to have done something: the occurrence itself is a fact
_ALLEGING = {"suspect", "accuse", "blame", "implicate", "link", "connect", "tie", "question", "seek", "want"}
#: predicates that are not occurrences in themselves
_NOT_OCCURRENCES = {"be", "have", "do", "get", "make", "say", "tell", "report", "accord", "include", "remain",
                    "continue", "become", "seem", "know", "live", "work", "serve", "use", "need", "want",
                    "show", "call", "mean", "keep", "add"}
_SAYING = {"say", "tell", "report", "announce", "state", "add", "note", "explain", "claim", "write",
           "ask", "speak", "declare", "confirm", "deny", "warn", "describe", "comment", "reply", "respond"}


#: verbs of a quantity changing: with a number they report a statistic, not an occurrence
_QUANTITY_CHANGE = {"push", "drop", "rise", "fall", "increase", "decrease", "decline", "grow", "double", "triple",
                    "halve", "climb", "jump", "surge", "plunge", "soar", "dip", "slip", "edge", "shrink",
                    "total", "exceed", "average"}
_AMOUNT = re.compile(r"\b(?:from|to|by)\s+(?:about\s+|nearly\s+|almost\s+|around\s+|some\s+|more\s+than\s+|"
                     r"less\s+than\s+)?[$€£]?\d|\b(?:percent|per\s+cent|percentage\s+points?)\b|\d\s*%")


#: what a statistic measures: "the unemployment rate", "home prices", "voter turnout"
_MEASURE = re.compile(r"\b(?:rates?|unemployment|prices?|levels?|percentage|average|index|share|revenues?|sales|"
                      r"enrollment|turnout)\b", re.I)
_FIGURE = re.compile(r"[$€£]?\d[\d,.]*\s*(?:%|percent|per cent|million|billion)?")
#: "Benton County was up 0.1 percent": a count gone up or down
_UP_OR_DOWN = re.compile(r"\s+(?:up|down)\b")


def _statistic(text: str, clause: Clause, sentence_end: int, reading: Reading | None = None) -> bool:
    """A count going up or down ("cases dropped from 103 last year to 76", "the number has more
    than doubled to 31"): a statistic, not something that happened at a place. "Ramadi fell"
    names no number and stays an occurrence. What is counted is part of the statistic too
    ("emergency room visits grew from 17,709 in 2003 to 33,760 in 2007")."""
    changes = [clause] if not clause.nominal or reading is None else [clause, *reading.clauses]
    if any((c.lemma in _QUANTITY_CHANGE or c.lemma == "be" and _UP_OR_DOWN.match(text, c.end))
           and _AMOUNT.search(text, c.start, sentence_end) for c in changes):
        return True
    # "Boone County's unemployment rate reached 7.7 in February": a measure (its subject) given a figure
    verb = clause.what.find(text[clause.start:clause.end])
    return (verb > 0 and bool(_MEASURE.search(clause.what, 0, verb))
            and bool(_FIGURE.search(text, clause.end, sentence_end)))


def _says(clause: Clause) -> bool:
    """A verb of saying that reports speech; "residents reported a loud bang" reports what they
    saw and heard, and the parse reading gives it the mood ``actual``."""
    return clause.lemma in _SAYING and clause.mood != "actual"


def _abroad(dateline: Place, places: Sequence[Place]) -> bool:
    """Whether the story is about another country than its dateline's: it names one country
    abroad (its places and people: "Ukrainian") at least twice, and more often than the dateline's
    ("MOSCOW — A Russian court ... the war in Ukraine ... killings in Bucha" is a Moscow story)."""
    home = sum(p.entry.country_code == dateline.entry.country_code for p in places)
    abroad = Counter(p.entry.country_code for p in places
                     if p.entry.country_code and p.entry.country_code != dateline.entry.country_code)
    return bool(abroad) and max(abroad.values()) >= 2 and max(abroad.values()) > home


def dateline_place(article: Article, places: Sequence[Place]) -> Place | None:
    """The article's dateline: "BYESVILLE -- ", "Springfield, Ohio — ", "BEIRUT: "."""
    for p in places:
        if p.start >= 400:
            break
        if p.toponym.kind != "literal":
            continue
        if p.toponym.text.isupper() and _DATELINE_END.match(article.text, p.end):
            return p
        if _LINE_START.search(article.text, 0, p.start) and _MIXED_DATELINE_END.match(article.text, p.end):
            return p  # "Springfield, Ohio — Police received ...", "Goose Creek — A man was hit ..."
    return None


def focus_place(article: Article, places: Sequence[Place]) -> Place | None:
    """Where the article is: its dateline ("BYESVILLE --"), else the place it names most often (at
    least twice, and at least ``FOCUS_SHARE`` of its place mentions), the most specific on a tie."""
    literal = [p for p in places if p.toponym.kind == "literal"]
    dateline = dateline_place(article, literal)
    counts: dict[str, list[Place]] = {}
    for p in literal:
        counts.setdefault(p.entry.id, []).append(p)
    if dateline is not None and _abroad(dateline, places):
        dateline = None  # "WASHINGTON — ... troops in Iraq ... He died in January 2008": filed, not there
    if dateline is not None:
        # "SAN FRANCISCO — A fourth Oakland police officer ...": the reporter files from the
        # dateline; a town nearby that the story names more often is where it happened
        near = [ps for k, ps in counts.items() if k != dateline.entry.id and ps[0].entry.feature in SETTLEMENTS
                and len(ps) >= 2 and len(ps) > len(counts[dateline.entry.id])
                and haversine_km(ps[0].entry.lat, ps[0].entry.lon, dateline.entry.lat, dateline.entry.lon) < NEAR_DATELINE_KM]
        return max(near, key=len)[0] if near else dateline
    # the story's place is a good share of all it names: a place a wide-ranging story passes
    # through ("the Houran Valley" in an essay on Iraq, Syria, Afghanistan ...) is not where it is
    counts = {k: v for k, v in counts.items() if v[0].entry.feature not in {"country", "continent", "region"}
              and len(v) >= FOCUS_SHARE * len(literal)}
    level = {"country": 0, "continent": 0, "region": 0, "admin1": 1, "admin2": 2}
    best = max(counts.values(), key=lambda ps: (len(ps), level.get(ps[0].entry.feature, 3), -ps[0].start), default=[])
    return best[0] if len(best) >= 2 else _home_state(article, literal)


def _home_state(article: Article, literal: Sequence[Place]) -> Place | None:
    """The state a local story keeps to: the one division it names that holds every other place
    it names (who is "Texas-based" aside): "Gov. Chet Culver ... Iowa law ... Sen. Rich Olive,
    D-Story City ... Rep. Vicki Lensing, D-Iowa City"."""
    where = [p for p in literal if not _ACTOR_COMPOUND.match(article.text, p.end)]
    for state in (p for p in where if p.entry.feature == "admin1"):
        others = [p for p in where if p.entry.id != state.entry.id]
        if others and all(within(p.entry, state.entry) for p in others):
            return state
    return None


def _finish(article: Article, rows: list[dict], n_sentences: int) -> list[Event]:
    """Rows -> events: dated, one per occurrence, ranked by confidence; then the mentions."""
    events: dict[tuple, dict] = {}
    mentions: list[dict] = []
    for r in rows:
        d = r["date"]
        if d is not None:
            start, end, precision = d.date_start, d.date_end, d.precision
        elif article.published is not None:
            start, end, precision = _published_interval(article)
        else:
            start = end = None
            precision, r["source"] = "", "none"
        r.update(start=start, end=end, precision=precision)
        if r["kind"] == "event" and start is None and not (d is not None and d.value.startswith("XXXX-")):
            r["kind"] = "mention"  # an occurrence with no time is not an event on a timeline
        if r["kind"] != "event":
            mentions.append(r)
            continue
        key = (r["place"].entry.id, start, end, d.value if d is not None and start is None else "")
        r["confidence"] = _confidence(r, n_sentences) * _recency(end, article.published)
        kept = events.get(key)
        if kept is None:
            r["also"] = []
            events[key] = r
        else:  # the same occurrence told again: the better telling speaks for it
            confidence = min(1.0, max(kept["confidence"], r["confidence"]) + 0.05)
            if r["confidence"] > kept["confidence"]:
                r["also"] = kept["also"] + [kept["sentence"]]
                events[key] = kept = r
            if r["sentence"] != kept["sentence"] and r["sentence"] not in kept["also"]:
                kept["also"].append(r["sentence"])
            kept["also"] = [x for x in dict.fromkeys(kept["also"]) if x != kept["sentence"]]
            kept["confidence"] = confidence
    _background(list(events.values()))
    _lede_first(list(events.values()))
    told = {(r["place"].entry.id, r["start"], r["end"], r["sentence"]) for r in events.values()}
    mentions = [r for r in mentions if (r["place"].entry.id, r["start"], r["end"], r["sentence"]) not in told]
    ordered = sorted(events.values(), key=lambda r: (-r["confidence"], r["sentence"][0]))
    out: list[Event] = []
    for r in ordered + mentions:
        p, d, clause = r["place"], r["date"], r["clause"]
        s, e = r["sentence"]
        out.append(Event(
            id=f"{article.id}-{len(out) + 1:03d}", article_id=article.id, place=p, date=d,
            date_start=r["start"], date_end=r["end"], precision=r["precision"], date_source=r["source"],
            sentence_start=s, sentence_end=e, sentence=article.text[s:e], kind=r["kind"],
            what=clause.what if clause else "", actors=clause.actors if clause else (),
            confidence=round(r.get("confidence", 0.0), 3), also=tuple(r.get("also", ())),
            category=(clause.category or clause.lemma) if clause else "",
            date_label=year_unknown_label(d) if d is not None and r["start"] is None else "",
        ))
    return out


#: how much an occurrence told in or after the article's first dated sentence, and over before that
#: sentence's latest occurrence began, is worth against it
BACKGROUND = 0.8


def _background(events: list[dict]) -> None:
    """News tells its latest occurrence first: one told then or later that was over before the
    lede's own occurrence began is background ("Kenyan police fired tear gas in Nairobi on Monday
    ... Last week two people died in Kisumu")."""
    dated = [r for r in events if r["source"] == "sentence" and r["start"] is not None]
    if not dated:
        return
    # the lede's own news is its latest occurrence: "The girlfriend of the dealer who hanged
    # himself in a Georgia jail last summer agreed Monday to a plea deal"
    lead = min(dated, key=lambda r: (r["index"], -r["start"].toordinal()))
    for r in events:
        if r["index"] >= lead["index"] and r["end"] is not None and r["end"] < lead["start"]:
            r["confidence"] *= BACKGROUND


#: what an occurrence told after the article's first one is worth against it
AFTER_LEDE = 0.8


def _lede_first(events: list[dict]) -> None:
    """News tells its main occurrence first: "Flooding killed 11 people in Rio Grande do Sul,
    officials said Friday. Hundreds of families were evacuated from their homes in Porto Alegre"
    is about the flooding, however surely the evacuation is placed and dated."""
    first = min((r["index"] for r in events), default=None)
    for r in events:
        if r["index"] != first:
            r["confidence"] *= AFTER_LEDE


def _confidence(r: dict, n_sentences: int) -> float:
    """How sure the event is and how central to its article: the place's role and score, how the
    date was found, and how early the article tells it (news puts its main occurrence first)."""
    # an occurrence placed at the story's focus has its own date: the role weight alone says the
    # place was inferred ("Mary Ellen Smith, 87, of Zanesville, died Saturday at Genesis Hospital")
    date_weight = _DATE_WEIGHT.get(r["source"], 0.5)
    lead = 1.0 - 0.3 * min(1.0, r["index"] / max(8, n_sentences))
    precise = 1.0 if r["precision"] in {"day", "week", "weekend"} else 0.9 if r["precision"] == "month" else 0.8
    clause = r["clause"]
    tense = 0.85 if clause is not None and clause.mood == "scheduled" else 1.0
    return r["weight"] * date_weight * lead * precise * tense * (0.5 + 0.5 * r["place"].score)


def _recency(end: date | None, published: date | None) -> float:
    """News reports what just happened, or is about to: an occurrence months or years before the
    article was written is its background ("In 2000, a woman was stung ..."), not its news."""
    if end is None or published is None:
        return 1.0
    days = (published - end).days
    return 1.0 if days <= RECENT_DAYS else 0.85 if days <= 365 else 0.7


#: how many days before publication an occurrence still counts as the article's news
RECENT_DAYS = 31


def _nearest(p: Place, in_sentence: list[DateMention], usable: list[DateMention], sentences: Sequence[Span],
             si: int, reach: int) -> tuple[DateMention | None, str]:
    """The old rule's date for a place: the nearest in its sentence, else the nearest around it."""
    if in_sentence:
        return min(in_sentence, key=lambda d: abs(d.start - p.start)), "sentence"
    d = _context_date(usable, sentences, si, reach)
    return d, "context" if d else "published"


def _on_the_story_day(dates: list[DateMention]) -> list[DateMention]:
    """A time of day alone ("at approximately 10:30 a.m.") is on the day the story last named:
    TimeML anchors it to the publication day, but a report written the day after means the day
    of the story, which stays its day however long the telling until it names another ("a blaze
    Monday morning" ... eighteen sentences on ... "Firefighters cleared the scene at 10:30 a.m.")."""
    out: list[DateMention] = []
    last: DateMention | None = None
    for d in dates:
        if _CLOCK_ONLY.fullmatch(d.text) and last is not None and d.date_start is not None:
            if last.precision == "day":
                d = replace(d, date_start=last.date_start, date_end=last.date_end)
        elif d.precision == "day" and not _CLOCK_ONLY.fullmatch(d.text):
            last = d
        out.append(d)
    return out


def _usable(d: DateMention) -> bool:
    """A date that can date an event: a calendar date or time with an interval, or one whose year
    alone is unknown ("On 27 June" with no publication date: ``XXXX-06-27``)."""
    if d.type not in {"DATE", "TIME"} or d.precision == "ref":
        return False
    return d.date_start is not None or bool(_PARTIAL.match(d.value))


def _date_key(r: dict) -> tuple:
    d = r["date"]
    return (d.date_start, d.date_end) if d is not None else (None, None)


#: a time of day alone ("at approximately 10:30 a.m."): TimeML anchors it to the publication day,
#: but a report written the day after means the day of the story, which the text gave before
_CLOCK_ONLY = re.compile(r"(?:(?:approximately|about|around|roughly|nearly|shortly|just|before|after|at)\s+)*"
                         r"\d{1,2}(?:[:.]\d\d)?\s*(?:[ap]\.?\s?m\.?|o'clock|hours?)?|noon|midnight", re.I)
_PARTIAL = re.compile(r"^XXXX-\d\d(?:-\d\d)?$")
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"]


def year_unknown_label(d: DateMention) -> str:
    """"27 June (year unknown)" for ``XXXX-06-27``; "June (year unknown)" for ``XXXX-06``."""
    m = _PARTIAL.match(d.value)
    if not m:
        return ""
    parts = d.value.split("-")
    month = _MONTHS[int(parts[1]) - 1]
    return (f"{int(parts[2])} {month}" if len(parts) == 3 else month) + " (year unknown)"


def events_to_frame(results: Iterable[ArticleResult]) -> pd.DataFrame:
    """Return the chronological event table: one row per event, the columns of :data:`COLUMNS`.

    Sorted by interval start, then narrower intervals first (a day before its month), undated last.
    The same occurrence reported by several articles (same place, same day or week, same kind of
    happening) is one row whose ``sources`` lists every article.
    """
    rows = []
    for r in results:
        a = r.article
        text = a.text
        for ev in r.events:
            p, d = ev.place, ev.date
            rows.append({
                "event_id": ev.id,
                "date": iso_at_precision(ev.date_start, ev.date_end, ev.precision, d) or (ev.date.value if ev.date_label else ""),
                "date_start": ev.date_start.isoformat() if ev.date_start else "",
                "date_end": ev.date_end.isoformat() if ev.date_end else "",
                "precision": ev.precision,
                "place": p.entry.name, "lat": p.entry.lat, "lon": p.entry.lon,
                "country_code": p.entry.country_code, "feature": p.entry.feature,
                "gazetteer_id": p.entry.id, "article_id": a.id, "article_title": a.title,
                "published": a.published.isoformat() if a.published else "",
                "sentence": ev.sentence,
                "date_text": d.text if d else "", "date_value": d.value if d else "",
                "date_source": ev.date_source, "place_text": p.toponym.text, "place_kind": p.toponym.kind,
                "score": p.score, "published_estimated": a.published_estimated,
                "alternatives": "; ".join(f"{label} {score:.2f}" for _, label, score in p.alternatives),
                "why": p.why, "corrected": ev.corrected,
                "kind": ev.kind, "what": ev.what, "actors": "; ".join(ev.actors), "confidence": ev.confidence,
                "sources": a.id, "other_sentences": " … ".join(text[s:e] for s, e in ev.also),
                # offsets inside the sentence, for highlighting (not exported)
                "_place_start": p.start - ev.sentence_start, "_place_end": p.end - ev.sentence_start,
                "_date_start": (d.start - ev.sentence_start) if d and ev.date_source == "sentence" and ev.sentence_start <= d.start < ev.sentence_end else -1,
                "_date_end": (d.end - ev.sentence_start) if d and ev.date_source == "sentence" and ev.sentence_start <= d.start < ev.sentence_end else -1,
                "_date_label": ev.date_label, "_category": ev.category,
            })
    rows = merge_across_articles(rows)
    hidden = ["_place_start", "_place_end", "_date_start", "_date_end", "_date_label"]
    frame = pd.DataFrame(rows, columns=COLUMNS + hidden)
    if frame.empty:
        return frame
    span = pd.to_datetime(frame["date_end"], errors="coerce") - pd.to_datetime(frame["date_start"], errors="coerce")
    frame["_undated"] = frame["date_start"] == ""
    frame["_span"] = span.dt.days.fillna(1e9)
    frame = frame.sort_values(["_undated", "date_start", "_span", "article_id", "event_id"], kind="stable")
    return frame.drop(columns=["_undated", "_span"]).reset_index(drop=True)


def merge_across_articles(rows: list[dict]) -> list[dict]:
    """One row for an occurrence several articles report: same place, same day (or the same
    week when either is dated to a week), same kind of happening. The most confident report
    stays; ``sources`` lists every article, its own first."""
    kept: list[dict] = []
    by_key: dict[tuple, dict] = {}
    for r in rows:
        key = _occurrence_key(r)
        if key is None:
            kept.append(r)
            continue
        first = by_key.get(key)
        if first is None:
            by_key[key] = r
            kept.append(r)
        elif r["article_id"] not in first["sources"].split("; "):
            winner, other = (r, first) if r["confidence"] > first["confidence"] else (first, r)
            winner["sources"] = "; ".join(dict.fromkeys(winner["sources"].split("; ") + other["sources"].split("; ")))
            winner["other_sentences"] = " … ".join(x for x in (winner["other_sentences"], other["sentence"]) if x)
            if winner is r:
                kept[kept.index(first)] = r
                by_key[key] = r
    return kept


def _occurrence_key(r: dict) -> tuple | None:
    if r["kind"] != "event" or not r["_category"] or not r["date_start"]:
        return None
    if r["precision"] == "day":
        when = r["date_start"]
    elif r["precision"] == "week":
        when = "W" + date.fromisoformat(r["date_start"]).strftime("%G-%V")
    else:
        return None
    return r["gazetteer_id"], when, r["_category"]


def iso_at_precision(start: date | None, end: date | None, precision: str, mention: DateMention | None) -> str:
    """The date at its precision: ``2017``, ``2017-03``, ``2017-03-07``, ``2015-W46``, ``2019-SU``."""
    if start is None:
        return ""
    if precision == "day":
        return start.isoformat()
    if precision == "month":
        return start.strftime("%Y-%m")
    if precision == "year":
        return str(start.year)
    if mention is not None and mention.value and mention.value[0].isdigit():
        return mention.value if precision != "decade" else mention.value + "X"
    return f"{start.isoformat()}/{end.isoformat()}" if end else start.isoformat()


def _no_later(d: DateMention, than: DateMention) -> bool:
    return d.date_start is not None and than.date_start is not None and d.date_start <= than.date_start


_WEEKDAY = re.compile(r"(?:(?:early|late|on|last|this|overnight)\s+)*(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
                      r"(?:\s+(?:morning|afternoon|evening|night))?", re.I)


def _before_it_was_said(text: str, d: DateMention, clause: Clause, reading: Reading,
                        in_sentence: list[DateMention]) -> DateMention:
    """A weekday of what happened, told in the past and reported on an earlier day, is the one
    before that report: "Authorities said on Tuesday that a gunman killed five people late on
    Friday" (in an article of the Friday after) is the Friday before the Tuesday."""
    if (clause.mood != "actual" or clause.present or d.date_start is None or d.precision != "day"
            or not _WEEKDAY.fullmatch(d.text.strip())):
        return d
    said = [x for x in in_sentence if x is not d and x.date_start is not None and _said_on(reading, x)]
    if not said or said[0].date_start >= d.date_start:
        return d
    day = d.date_start - timedelta(days=7 * -(-(d.date_start - said[0].date_start).days // 7))
    return replace(d, value=day.isoformat() + d.value[10:], date_start=day, date_end=day)


def _said_on(reading: Reading, d: DateMention) -> bool:
    """Whether ``d`` dates the sentence's own verb of saying ("..., police said Sunday")."""
    a = reading.anchor(d.start, d.end)
    if a is None or a.clause < 0:
        return False
    clause = reading.clauses[a.clause]
    return _says(clause) and clause.embedded == ""


def _story_days(usable: list[DateMention], sentences: Sequence[Span], by_sentence: dict) -> list[DateMention]:
    """The dates a later sentence may borrow: not the day something was said when its sentence
    names another ("Four people died ... Saturday night, a police spokesman said Sunday." "About
    200 people flocked to the discotheque ..." happened Saturday night)."""
    out = []
    for s, e in sentences:
        inside = [d for d in usable if s <= d.start < e]
        reading = by_sentence.get(s)
        if reading is not None and len(inside) > 1:
            told = [d for d in inside if _said_on(reading, d)]
            if len(told) < len(inside):
                inside = [d for d in inside if d not in told]
        out += inside
    return out


def _story_day(usable: Sequence[DateMention], sentences: Sequence[Span], si: int) -> DateMention | None:
    """The day an undated occurrence in sentence ``si`` borrows: the last date named up to
    :data:`BORROW_REACH` sentences before; or, further back (up to :data:`BOUNDED_REACH`), when a
    date in the next :data:`BOUND_AHEAD` sentences falls on that day or within a week after it: the
    story is told in order and has not left those days ("... robbery Friday." four sentences on:
    "Police stopped her in Newton County." "She drove back to Harlem on Sunday.")."""
    d = _context_date(usable, sentences, si, BORROW_REACH, earlier_only=True)
    if d is not None or not usable:
        return d
    before = _context_date(usable, sentences, si, BOUNDED_REACH, earlier_only=True)
    if before is None or before.date_start is None or before.precision != "day":
        return None
    for sj in range(si + 1, min(len(sentences), si + 1 + BOUND_AHEAD)):
        s, e = sentences[sj]
        after = [x for x in usable if s <= x.start < e and x.date_start is not None and x.precision == "day"]
        if after:
            gap = (after[0].date_start - before.date_start).days
            return before if 0 <= gap <= 7 else None
    return None


def _context_date(usable: Sequence[DateMention], sentences: Sequence[Span], si: int, reach: int,
                  earlier_only: bool = False) -> DateMention | None:
    """The nearest usable date within ``reach`` sentences, the preceding sentence first."""
    for dist in range(1, reach + 1):
        for sj in (si - dist,) if earlier_only else (si - dist, si + dist):
            if 0 <= sj < len(sentences):
                s, e = sentences[sj]
                inside = [d for d in usable if s <= d.start < e]
                if inside:
                    return inside[-1] if sj < si else inside[0]
    return None


def _published_interval(article: Article) -> tuple[date, date, str]:
    pub = article.published
    if article.published_precision == "month":
        import calendar

        return pub.replace(day=1), pub.replace(day=calendar.monthrange(pub.year, pub.month)[1]), "month"
    if article.published_precision == "year":
        return date(pub.year, 1, 1), date(pub.year, 12, 31), "year"
    return pub, pub, "day"
