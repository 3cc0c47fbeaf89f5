"""Sentences -> [Reading]: what spaCy's dependency parse says about the places and dates in them.

Only the sentences that hold a place or a usable date are parsed (the tagger and parser of the
same small English model, run on those sentences alone), so the cost grows with what the events
stage needs, not with the article. For each sentence:

- **clauses**: every verb or occurrence noun ("fire", "attack", "meeting") that a place or a date
  attaches to, with its mood (did it happen, will it, or is it an opinion, a habit, a state, a
  hypothesis), a short ``what`` phrase and its ``actors``;
- **anchors**: for each place, the clause it attaches to and its role there (where it happened,
  what was acted on, or only an actor's home, an actor, a topic); for each date, its clause.

The rules read the parse, not word order, so they hold for news in general: "in/at/near X" on a
verb is where it happened, "US officials", "a woman from X" and "X-based" are homes, "relations
with X" a topic, "retook the town of X" an object, "X fell" a patient.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from .records import Anchor, Clause, Reading
from .toponyms import text_of

Span = tuple[int, int]

#: prepositions that put an occurrence somewhere
LOCATIVE_PREPS = {
    "in", "at", "near", "outside", "inside", "from", "into", "to", "across", "throughout", "around",
    "on", "onto", "off", "along", "through", "toward", "towards", "within", "over", "behind",
    "beyond", "between", "among", "via", "upon", "amid", "nearby", "past", "by", "under", "above",
    "below", "beside", "opposite", "out",
}
#: nouns that name a spot: a place inside them is still where things happen ("a home in X",
#: "the town of X", "X's outskirts", "parts of X", "the west side of X")
LOCATION_NOUNS = {
    "city", "town", "village", "hamlet", "county", "state", "province", "region", "area", "part",
    "side", "outskirts", "suburb", "suburbs", "district", "neighborhood", "neighbourhood", "street",
    "road", "avenue", "boulevard", "lane", "drive", "highway", "home", "house", "residence",
    "apartment", "building", "center", "centre", "school", "hospital", "church", "mosque", "temple",
    "shrine", "synagogue", "store", "shop", "market", "mall", "plant", "factory", "mill", "mine",
    "base", "camp", "prison", "jail", "court", "courthouse", "hall", "park", "station", "airport",
    "port", "harbor", "harbour", "border", "coast", "capital", "downtown", "block", "complex",
    "field", "site", "scene", "headquarters", "restaurant", "bridge", "intersection", "territory",
    "zone", "shore", "island", "river", "lake", "valley", "community", "campus", "facility",
    "office", "hotel", "stadium", "arena", "farm", "ranch", "compound", "checkpoint", "crossing",
    "hill", "mountain", "mountains", "desert", "forest", "waters", "sea", "gulf", "bay", "beach",
    "front", "frontline", "line", "corridor", "province", "municipality", "township", "parish",
    "borough", "quarter", "square", "plaza", "museum", "library", "university", "college",
    "country", "nation", "republic", "peninsula", "strip", "bank", "heart", "edge", "north",
    "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "interior",
    "countryside", "vicinity", "portion", "section", "corner", "end", "middle", "rest", "most",
    "streets", "outpost", "port", "dock", "embassy", "consulate", "palace", "ministry", "parliament",
    "lot", "property", "address", "residence", "cemetery", "room", "unit", "floor", "tower",
    "history",  # "the worst flood in Iowa's history" happened in Iowa
}
#: nouns that name an occurrence ("a March 7 fire", "the attack on X", "a meeting in X")
EVENT_NOUNS = {
    "attack", "attacks", "bombing", "bombings", "blast", "explosion", "fire", "blaze", "shooting",
    "robbery", "burglary", "theft", "crash", "accident", "collision", "wreck", "meeting", "election",
    "vote", "referendum", "protest", "demonstration", "rally", "strike", "raid", "battle", "clash",
    "clashes", "fighting", "offensive", "assault", "earthquake", "quake", "flood", "flooding",
    "storm", "tornado", "hurricane", "cyclone", "typhoon", "landslide", "eruption", "outbreak",
    "ceremony", "funeral", "festival", "celebration", "concert", "conference", "summit", "visit",
    "trip", "tour", "hearing", "trial", "arrest", "arrests", "murder", "killing", "killings",
    "death", "kidnapping", "abduction", "ballot", "forum", "session", "game", "match", "race",
    "launch", "opening", "closure", "spill", "collapse", "derailment", "invasion", "siege",
    "airstrike", "airstrikes", "strikes", "shelling", "ambush", "massacre", "riot", "riots",
    "unrest", "vigil", "parade", "exhibition", "auction", "workshop", "seminar", "inauguration",
    "speech", "talks", "negotiations", "signing", "incident", "incidents", "stabbing", "ceasefire",
    "evacuation", "rescue", "chase", "pursuit", "standoff", "hijacking", "bomb", "explosions",
    "detonation", "sentencing", "verdict", "execution", "coup", "uprising", "revolt", "march",
    "walkout", "sit-in", "blockade", "bombardment", "fires", "wildfire", "drought", "epidemic",
    "deaths", "fatalities", "casualties", "injuries", "arson", "homicide", "assassination", "cases",
    "infections", "war",
    "operation", "operations", "exercise", "exercises", "deployment", "landing", "takeover",
    "capture", "recapture", "liberation", "withdrawal", "retreat", "advance", "incursion",
    "escalation", "skirmish", "firefight", "gunfight", "gunbattle", "crackdown", "demolition",
    "groundbreaking", "dedication", "reception", "gathering", "fundraiser", "debate", "primary",
    "caucus", "convention", "graduation", "wedding", "memorial", "service", "services", "show",
}
#: local bodies named for the place they act in ("Berea police", "a Navarro County jury")
AUTHORITY_NOUNS = {
    "police", "sheriff", "deputies", "firefighters", "council", "commission", "commissioners",
    "board", "court", "jury", "voters", "trustees", "selectmen", "legislature", "assembly",
    "aldermen", "supervisors", "magistrate", "coroner", "prosecutors", "troopers", "rescuers",
    "senate", "house", "parliament", "congress",
}
#: authorities only when capitalised: "the Iowa House", not "an Ontario cottage house"
_NAMED_AUTHORITIES = {"senate", "house", "parliament", "congress"}
#: an authority's office: "the Columbia County Sheriff's Office said"
_OFFICES = {"office", "department"}
#: nouns that say the name "of" them is a town's
_SETTLEMENT_WORDS = {"town", "city", "village", "borough", "township", "municipality", "hamlet"}
#: verbs whose object is what is talked or thought about
_DISCUSSING = {"discuss", "debate", "consider", "review", "address", "examine", "study", "assess", "weigh",
               "analyze", "analyse", "evaluate", "monitor"}
#: who acts for a place, named "of" it: "the mayor of Chicago", "the governor of Kaduna state"
_OFFICIALS = {"mayor", "governor"}
#: compass points: "south of X" without "the" says where from X, not in X
_DIRECTIONS = {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
               "north-east", "north-west", "south-east", "south-west", "northeastern", "northwestern"}
#: prepositions that say where a participant was ("a horse in Pahrump was killed")
_WHERE_SOMEONE_IS = {"in", "at", "inside", "near", "outside", "on"}
#: verbs of a clause that only describes a noun ("a car belonging to an activist in X", "a shop owned
#: by a family in X"): the place tells where the noun's occurrence is
_DESCRIBING = {"belong", "own", "base", "locate", "house", "run", "operate", "know", "name", "call", "register"}
#: verbs whose object is a place acted on ("retook Sinjar", "fled Aleppo", "visited Kyiv")
PLACE_VERBS = {
    "attack", "bomb", "shell", "strike", "hit", "raid", "storm", "seize", "capture", "take", "retake",
    "recapture", "liberate", "free", "enter", "invade", "occupy", "besiege", "surround", "encircle",
    "flee", "leave", "evacuate", "visit", "tour", "reach", "rock", "shake", "flood", "sweep", "ravage",
    "devastate", "overrun", "pound", "target", "bombard", "blockade", "cross", "abandon", "destroy",
    "damage", "level", "raze", "burn", "loot", "plunder", "control", "hold", "defend", "secure",
    "patrol", "clear", "approach", "infiltrate", "shell", "batter", "lash", "pummel", "engulf",
    "hammer", "blanket", "paralyse", "paralyze", "grip", "cut", "isolate", "lose", "win", "gain",
    "regain", "recover", "penetrate", "swamp", "inundate", "evacuate", "quarantine", "lock",
    "close", "reopen", "affect", "plague", "terrorize", "terrorise", "stun", "hit", "scour",
    "search", "comb", "cordon", "besiege", "blockade", "annex", "split", "divide", "bypass", "arrive",
    "return", "move", "travel", "drive", "fly", "sail", "march", "head", "relocate", "migrate",
}
#: verbs whose subject is a place that something happened to ("Ramadi fell", "Kirkuk burned")
PATIENT_VERBS = {
    "fall", "burn", "flood", "shake", "tremble", "collapse", "erupt", "suffer", "endure", "lose",
    "surrender", "capitulate", "fall silent", "experience", "record", "report", "see", "witness",
    "brace", "reel", "mourn", "vote", "celebrate", "host", "hold", "welcome", "sink", "quake",
}
#: verbs that state, not happen
STATE_VERBS = {
    "be", "have", "remain", "include", "contain", "consist", "own", "belong", "live", "reside",
    "lie", "border", "cost", "mean", "represent", "resemble", "lack", "deserve", "matter", "involve",
    "exist", "stay", "face", "serve", "employ", "house", "host", "sit", "stand", "span", "cover",
    "surround", "count", "number", "total", "seem", "look", "sound", "measure", "weigh",
    "depend", "rely", "boast", "feature", "dominate", "account", "comprise", "constitute",
    "equal", "exceed", "rank", "operate", "run", "know", "base", "locate", "situate", "name",
    "call", "govern", "oversee",
}
#: verbs of thinking and feeling
OPINION_VERBS = {
    "believe", "think", "worry", "fear", "hope", "want", "wish", "need", "like", "love", "hate",
    "regard", "consider", "expect", "feel", "understand", "doubt", "suspect", "assume", "suppose",
    "imagine", "prefer", "argue", "insist", "predict", "forecast", "anticipate", "estimate",
    "reckon", "guess", "view", "see", "criticize", "criticise", "praise", "blame", "accuse",
    "question", "concern", "welcome", "condemn", "oppose", "support", "favor", "favour", "urge",
}
#: verbs of saying that also tell what the speakers witnessed, when their object is a thing seen
#: or heard rather than a statement ("people reported a light", "residents reported flooding")
OBSERVATION_VERBS = {"report"}
#: verbs of saying
REPORT_VERBS = {
    "say", "tell", "report", "announce", "state", "add", "note", "explain", "claim", "write",
    "ask", "call", "speak", "declare", "confirm", "deny", "warn", "reveal", "describe", "mention",
    "indicate", "suggest", "acknowledge", "admit", "comment", "reply", "respond", "recall",
    "quote", "cite", "testify", "allege", "tweet", "post", "publish", "disclose", "stress",
}
#: verbs of saying that, with an object rather than a statement, do what they say
PROCLAIMING = {"declare"}
#: a verb whose infinitive is not (yet) a fact: "plans to visit X", "hopes to open"
INTENT_VERBS = {
    "plan", "want", "hope", "intend", "try", "seek", "aim", "expect", "propose", "threaten", "vow",
    "promise", "ask", "urge", "wish", "need", "would", "attempt", "prepare", "offer", "consider",
    "refuse", "fail", "hesitate", "struggle", "tend", "like", "love", "prefer", "request", "push",
    "encourage", "call", "allow", "permit", "enable", "help", "weigh", "mull", "contemplate", "ponder",
    "discuss", "debate", "explore", "study", "recommend", "suggest", "avoid",
}
#: a verb whose infinitive is on the calendar: "is scheduled to open", "is set to meet"
SCHEDULE_VERBS = {"schedule", "set", "slate", "due", "go", "begin", "start", "continue"}
_REMAINING = {"remain", "remains", "remained", "stay", "stays", "stayed"}
_MODALS = {"may", "might", "could", "would", "should", "must", "can", "ca", "'d", "shall"}
_FUTURE = {"will", "wo", "'ll", "shall"}
#: adjectives that leave what follows them undecided: "likely to close", "eager to sign"
_UNCERTAIN = {"likely", "unlikely", "eager", "hopeful", "willing", "unwilling", "reluctant", "ready", "keen",
              "prepared", "poised", "expected", "supposed", "unable"}
_AGENT_LINKS = {"nsubj", "nsubjpass", "csubj"}
#: the people of a place: when they protest, they protest there
_RESIDENTS = {"residents", "people", "inhabitants", "villagers", "citizens", "townspeople", "locals", "workers",
              "farmers", "students", "miners", "parents", "families"}
_TIME_SHARING = {"conj", "xcomp"}  # links across which a clause keeps its time
#: coarse kinds of happening, to tell whether two reports describe the same occurrence
CATEGORIES = {
    "attack": {"attack", "bomb", "bombing", "blast", "explosion", "explode", "detonate", "shell",
               "shelling", "strike", "airstrike", "airstrikes", "raid", "ambush", "assault", "shoot",
               "shooting", "fire", "kill", "killing", "massacre", "battle", "clash", "fight",
               "fighting", "offensive", "siege", "capture", "seize", "retake", "recapture", "storm",
               "invade", "invasion", "bombard", "bombardment", "stab", "stabbing", "wound", "injure",
               "gunfight", "firefight", "skirmish", "incursion", "hijack", "hijacking", "ram"},
    "disaster": {"earthquake", "quake", "flood", "flooding", "storm", "tornado", "hurricane",
                 "cyclone", "typhoon", "landslide", "eruption", "erupt", "drought", "wildfire",
                 "blaze", "burn", "collapse", "spill", "crash", "derailment", "accident", "collision",
                 "wreck", "sink", "outbreak", "epidemic"},
    "crime": {"robbery", "rob", "burglary", "theft", "steal", "murder", "arrest", "kidnap",
              "kidnapping", "abduct", "abduction", "arson", "homicide", "charge", "sentence",
              "sentencing", "convict", "verdict", "trial", "indict", "plead", "detain", "jail"},
    "protest": {"protest", "demonstration", "rally", "march", "riot", "riots", "unrest", "strike",
                "walkout", "vigil", "gather", "demonstrate", "uprising", "revolt"},
    "meeting": {"meeting", "meet", "conference", "summit", "session", "forum", "hearing", "talks",
                "negotiations", "speech", "speak", "visit", "tour", "trip", "announce", "sign",
                "signing", "vote", "election", "elect", "ballot", "referendum", "debate", "convene"},
    "movement": {"flee", "evacuate", "evacuation", "arrive", "leave", "travel", "return", "drive",
                 "fly", "move", "relocate", "withdraw", "withdrawal", "retreat", "advance", "deploy"},
    "ceremony": {"ceremony", "funeral", "festival", "celebration", "concert", "parade", "open",
                 "opening", "inauguration", "dedication", "graduation", "wedding", "memorial",
                 "marry", "bear", "die", "death"},
}
_CATEGORY_OF = {word: name for name, words in CATEGORIES.items() for word in words}


def category_of(word: str) -> str:
    """The coarse kind of happening a word names (``""`` if none): "bombing" -> "attack"."""
    return _CATEGORY_OF.get(word.lower(), "")


class Parser:
    """The tokenizer-to-parser components of a loaded spaCy pipeline (``tok2vec``, ``tagger``,
    ``parser``), run on the docs asked for; they may sit disabled in the NER pipeline, so one
    model is loaded once. Calling it on a text parses the text (for tests and debugging).

    The attribute ruler and lemmatizer are not run: they cost as much as the parser and the rules
    here need parts of speech and lemmas of a few words only. :func:`upos` reads the part of speech
    from the tag, and :func:`lemma` applies the lemmatizer's own tables to the words asked about.
    """

    COMPONENTS = ("tok2vec", "tagger", "parser")

    def __init__(self, nlp):
        self.nlp = nlp
        self.pipeline = [(n, nlp.get_pipe(n)) for n in self.COMPONENTS if n in nlp.component_names]
        if "lemmatizer" in nlp.component_names and not _LEMMA_TABLES:
            lookups = nlp.get_pipe("lemmatizer").lookups
            for table in ("lemma_rules", "lemma_exc", "lemma_index"):
                if lookups.has_table(table):
                    _LEMMA_TABLES[table] = lookups.get_table(table)  # keys hashed: ask with .get(str)

    @classmethod
    def of(cls, nlp) -> Parser | None:
        """The parser inside ``nlp``, or ``None`` when it has none."""
        return cls(nlp) if "parser" in nlp.component_names else None

    def __call__(self, text: str):
        doc = self.nlp.make_doc(text)
        for _, proc in self.pipeline:
            doc = proc(doc)
        return doc


def load_parser(name: str) -> Parser | None:
    """The parser of the spaCy pipeline ``name`` loaded on its own (no NER: the caller has
    entities already); ``None`` when the pipeline has no parser."""
    import spacy

    return Parser.of(spacy.load(name, exclude=["ner", "senter", "attribute_ruler"], disable=["lemmatizer"]))


def parse_sentences(parser: Parser | None, doc, wanted: Sequence[Span],
                    places: Sequence[Span], dates: Sequence[Span]) -> list[Reading]:
    """Parse the ``wanted`` sentences of ``doc`` (the NER doc of the whole article) and read them.

    ``places`` and ``dates`` are the character spans to anchor. Sentences are parsed as their own
    docs, in one batch through each component of ``parser``.
    """
    if parser is None or not wanted:
        return []
    spans = []
    text = text_of(doc)
    for s, e in wanted:
        m = _DATELINE.match(text, s, min(e, s + 160)) if s < DATELINE_WITHIN else None
        span = doc.char_span(m.end() if m else s, e, alignment_mode="expand")
        if span is not None and len(span):
            spans.append((s, span))
    docs = [_sentence_doc(span) for _, span in spans]
    for _, proc in parser.pipeline:
        docs = list(proc.pipe(docs))
    return [read_sentence(d, span.start_char, places, dates, start=s) for d, (s, span) in zip(docs, spans)]


#: how far into an article a dateline can be (after a headline)
DATELINE_WITHIN = 400
#: a dateline (and the headline before it, when the sentence splitter kept them together), parsed
#: apart from the sentence it opens, which the small model otherwise reads as "MOSCOW — [a court
#: that sentenced ...]": "MOSCOW — ", "KHARTOUM, March 9 (Reuters) - ", "LAGOS, Nigeria — "
_DATELINE = re.compile(r"(?:[^.!?]*[.!?]\s+)?[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+)*"
                       r"(?:,\s+[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*)?(?:,\s+[A-Z][a-z]+\.?\s+\d{1,2})?"
                       r"\s*(?:\((?:AP|Reuters|AFP|UPI|CNN|dpa)\))?(?:\s*(?:--|—|–)\s*|\s+-\s+)")


def _sentence_doc(span):
    """A new doc of the span's words, spaces and entities (five times cheaper than ``as_doc``,
    which copies every attribute array)."""
    from spacy.tokens import Doc

    words, spaces, ents = [], [], []
    for t in span:
        words.append(t.text)
        spaces.append(bool(t.whitespace_))
        iob = t.ent_iob_
        ents.append("O" if not t.ent_type_ else f"{'B' if iob == 'B' or t.i == span.start else 'I'}-{t.ent_type_}")
    return Doc(span.doc.vocab, words=words, spaces=spaces, ents=ents)


def read_sentence(sdoc, offset: int, places: Sequence[Span], dates: Sequence[Span],
                  start: int | None = None) -> Reading:
    """The clauses of one parsed sentence (``sdoc``, starting at ``offset`` in the article) that its
    places and dates attach to, and the anchors. ``start`` is where the sentence starts when the
    parse left out its dateline (whose place then has no anchor: the story is filed there)."""
    end = offset + len(sdoc.text)
    clause_tokens: list = []
    anchors: list[tuple[int, int, object, str]] = []
    for s, e in places:
        if offset <= s < end:
            span = sdoc.char_span(s - offset, e - offset, alignment_mode="expand")
            if span is not None and len(span):
                head, role = place_role(span)
                anchors.append((s, e, head, role))
    for s, e in dates:
        if offset <= s < end:
            span = sdoc.char_span(s - offset, e - offset, alignment_mode="expand")
            if span is not None and len(span):
                anchors.append((s, e, date_head(span), "time"))
    for *_, head, _ in anchors:
        if head is not None and head not in clause_tokens:
            clause_tokens.append(head)
    # the clauses each clause sits in, so "chain" can be followed
    for tok in list(clause_tokens):
        for up in _clause_ancestors(tok):
            if up not in clause_tokens:
                clause_tokens.append(up)
    index = {tok.i: n for n, tok in enumerate(clause_tokens)}
    clauses = tuple(_clause(tok, offset) for tok in clause_tokens)
    out = []
    for s, e, head, role in anchors:
        if head is None:
            out.append(Anchor(s, e, -1, role))
            continue
        chain = [index[head.i]] + [index[t.i] for t in _clause_ancestors(head) if t.i in index]
        out.append(Anchor(s, e, index[head.i], role, tuple(chain)))
    return Reading(offset if start is None else start, end, clauses, tuple(out))


def place_role(span) -> tuple[object, str]:
    """The clause token a place attaches to and its role there (see :class:`Anchor`)."""
    tok = _name_root(span)
    through_location = False  # reached through a location noun: "roads near X", "positions near X"
    where = False  # reached through a name said to be somewhere: "Bravo Company near X"
    settlement = False  # the name of a town said to be one: "the town of Natchez"
    for _ in range(12):
        dep, head = tok.dep_, tok.head
        if head.i == tok.i:
            return None, "other"
        if dep in {"conj", "appos"} and upos(head) == "PROPN":
            tok = head  # "Virginia, Maryland and North Carolina": the first member's role
            continue
        if dep == "pobj" or (dep == "pcomp" and upos(head) == "ADP"):
            prep, attach = head, head.head
            word = prep.lower_
            if prep.i == attach.i:
                return None, "other"
            if word == "of":
                if attach.lower_ in _DIRECTIONS and not any(c.dep_ in {"det", "poss", "amod"} for c in attach.children):
                    # "the village of Burin, south of Nablus", "160km south of Colombo": a point
                    # of reference, not where it happened ("in the south of Lebanon" is)
                    return _clause_of(attach), "other"
                if _is_location(attach) or (upos(attach) == "PROPN" and attach.ent_type_ in {"GPE", "LOC", "FAC"}):
                    # "the village of Achguara of the Ochamchire district": a place within a place
                    settlement = settlement or attach.lower_ in _SETTLEMENT_WORDS
                    tok = attach
                    continue
                if _is_event_noun(attach):
                    return attach, "object"
                if attach.lower_ in AUTHORITY_NOUNS | _OFFICIALS and attach.dep_ in {"nsubj", "nsubjpass"}:
                    return _clause_of(attach), "authority"  # "The mayor of Chicago conceded defeat"
                clause = _clause_of(attach)
                if attach.lower_ in _RESIDENTS and clause is not None and _category(clause, lemma(clause)) == "protest":
                    return clause, "participant"  # "residents of Lviv held a rally": where they live
                return clause, "home" if _is_agent(attach) else "other"
            if word in LOCATIVE_PREPS and (word != "by" or prep.dep_ != "agent"):
                if _is_verb(attach) or _is_event_noun(attach):
                    return attach, "locative"
                if _is_location(attach) or attach.ent_type_ in {"FAC", "ORG", "GPE", "LOC"} or (
                        upos(attach) == "PROPN" and attach.ent_type_ != "PERSON"):
                    through_location = through_location or _is_location(attach)
                    where = where or word in _WHERE_SOMEONE_IS
                    tok = attach
                    continue
                if upos(attach) in {"ADJ", "ADV"} and _is_verb(attach.head):
                    return attach.head, "locative"  # "active in X", "nearby in X"
                if word in _WHERE_SOMEONE_IS and upos(attach) in {"NOUN", "PROPN"}:
                    clause = _clause_of(attach)
                    while clause is not None and clause.dep_ == "acl" and lemma(clause) in _DESCRIBING:
                        clause = _clause_of(clause.head)  # "set fire to a car belonging to an activist in X"
                    if clause is not None and lemma(clause) in _DISCUSSING:
                        return clause, "topic"  # "met to discuss the situation in Haiti"
                    return clause, "participant"  # "a horse in Pahrump was killed"
                return _clause_of(attach), "home" if _is_agent(attach) else "other"
            # "linked up with Bravo Company near Baghdad": who it was with is there
            return _clause_of(attach), "participant" if where else "topic"
        if dep in {"compound", "amod", "poss", "nmod", "nummod", "npadvmod", "nn"} and upos(head) in {"NOUN", "PROPN", "PRON"}:
            acting = head.head if head.dep_ == "poss" and head.head.lower_ in _OFFICES else head
            if head.lower_ in AUTHORITY_NOUNS and dep != "amod" and acting.dep_ in {"nsubj", "nsubjpass"} \
                    and (head.lower_ not in _NAMED_AUTHORITIES or head.text[:1].isupper()):
                # "Berea police are searching", "a Navarro County jury", "the Columbia County Sheriff's Office said"
                return _clause_of(head), "authority"
            if _is_location(head) or (upos(head) == "PROPN" and head.ent_type_ in {"FAC", "GPE", "LOC"}):
                tok = head
                continue
            if _is_event_noun(head):
                return head, "naming"  # "the Mosul offensive"; but "a US raid" names the raider
            name_end = head
            while upos(name_end) == "PROPN" and name_end.dep_ in {"compound", "conj", "cc"} \
                    and upos(name_end.head) == "PROPN" and name_end.head.i > name_end.i:
                name_end = name_end.head
            if upos(name_end) == "PROPN":
                for part in [name_end, *[c for c in name_end.children if c.dep_ == "conj" and upos(c) == "PROPN"]]:
                    if _is_event_noun(part):
                        return part, "naming"  # "the Palestine Old Time Music & Dulcimer Festival"
            return _clause_of(head), "home"
        # a location acted on is where it happens, whatever the verb: "farmers blocked roads near X"
        if dep in {"dobj", "obj"}:
            return head, "object" if lemma(head) in PLACE_VERBS or through_location else "topic"
        if dep == "nsubjpass":
            return head, "patient" if lemma(head) in PLACE_VERBS | PATIENT_VERBS or through_location else "topic"
        if dep == "nsubj" and (_counted(head) or _declares_there(head)):
            return head, "participant"  # "Hong Kong reported its first case", "Peru declared a health emergency"
        if dep == "nsubj" and ((through_location and where) or settlement):
            # "A court in Istanbul sentenced", "a hospital in Gaza treated", "the town of Natchez
            # declared an emergency": who acts there, or the town itself
            return head, "participant"
        if dep == "nsubj":
            return head, "patient" if lemma(head) in PATIENT_VERBS - {"vote", "celebrate", "host", "hold", "welcome", "report", "record", "see"} else "actor"
        if dep in {"attr", "acomp", "oprd", "dative"}:
            return _clause_of(head), "topic"
        if dep in {"advmod", "npadvmod"} and _is_verb(head):
            return head, "locative"  # "went home", "headed north"
        tok = head
    return None, "other"


def _name_root(span):
    """The token through which a name attaches to its sentence. A name the parse broke in two
    ("the state of Rio Grande do Sul": "Rio Grande" under "of", "Sul" under "people") attaches
    where its first part does, which is where the phrase before it leads."""
    outside = [t for t in span if not span.start <= t.head.i < span.end or t.head.i == t.i]
    if len(outside) > 1 and outside[0].dep_ == "pobj":
        return outside[0]
    return span.root


def date_head(span):
    """The clause token a date attaches to: the nearest verb or occurrence noun above it."""
    tok = span.root
    if tok.dep_ in {"compound", "nummod", "amod", "nmod"} and not _is_event_noun(tok.head) and not _is_verb(tok.head):
        return None  # it dates a thing, not an occurrence: "a 1996 Chevrolet pickup"
    subject = tok
    while subject.dep_ == "conj" and subject.head.i != subject.i:
        subject = subject.head  # "January and February have started out well"
    if subject.dep_ in {"nsubj", "nsubjpass"} and _is_verb(subject.head) \
            and (lemma(subject.head) not in _TIME_SUBJECT_VERBS or subject.head.tag_ in {"VBZ", "VBP"}):
        # "January was real rough"; "Monday brings the rib plate special" (every Monday)
        return None  # "January was real rough", "2020 has started out well": the time is the topic
    opening = _opening_date(span)
    if opening is not None:
        return opening
    before = span.doc[span.start - 1] if span.start > 0 else None
    if before is not None and _is_event_noun(before) and span.root.dep_ in {"npadvmod", "compound", "nmod", "appos"}:
        return before  # "the armed robbery Friday of two individuals": the robbery's day
    for _ in range(12):
        head = tok.head
        if head.i == tok.i:
            return tok if _is_verb(tok) else None
        if head.i < span.start or head.i >= span.end:
            if _is_verb(head) or _is_event_noun(head):
                return head
        tok = head
    return None


#: words that may come before a date opening its sentence: "On 27 June, ...", "Around 16 June 2021, ..."
_DATE_OPENERS = {"on", "around", "about", "in", "at", "by", "early", "late", "during", "overnight", "the",
                 "sometime", "between", "from"}


#: verbs whose subject is a time when something happened: "November of 2016 saw a border clash"
_TIME_SUBJECT_VERBS = {"see", "witness", "bring", "mark"}


def _opening_date(span):
    """A date opening its sentence ("On 27 June, a group rammed ...", "Around 16 June 2021 (as
    reported), persons set fire to ...") dates the sentence's main clause, wherever the parse
    hangs it: nothing else has come yet for it to modify."""
    sent = span.sent
    if any(t.lower_ not in _DATE_OPENERS for t in span.doc[sent.start:span.start]):
        return None
    after = span.doc[span.end] if span.end < sent.end else None
    if after is None or after.lower_ in {"'s", "’s"} or after.tag_ == "POS" or span.root.dep_ in {"nsubj", "nsubjpass"}:
        return None  # "Monday's attack", "2020 was a hard year": the date is not an adverbial
    root = sent.root
    if lemma(root) in REPORT_VERBS:
        # "On 19 May, a deputy was detained in Moscow, the Committee said": what was said
        told = [c for c in root.children if c.dep_ == "ccomp" and _is_verb(c) and c.i > span.end]
        root = told[0] if told else root
    return root if _is_verb(root) and root.i >= span.end else None


def _clause_of(tok):
    """The nearest verb or occurrence noun at or above ``tok``."""
    for _ in range(12):
        if _is_verb(tok) or _is_event_noun(tok):
            return tok
        if tok.head.i == tok.i:
            return None
        tok = tok.head
    return None


#: prepositions that make an occurrence the earlier time another follows ("after the attack", "since
#: the war"); "before the match", "during the match" or "amid protests" share the time and place
_TIME_PREPS = {"after", "since", "following"}


#: prepositions that make an occurrence a topic, with a time of its own: "a video about killings in Bucha"
_TOPIC_PREPS = {"about", "regarding", "concerning"}


def _time_of_its_own(tok) -> bool:
    """A noun after "after", "since" or "about": what it names has a time of its own ("arrested
    in June after a video about killings in Bucha")."""
    return tok.dep_ == "pobj" and tok.head.lower_ in _TIME_PREPS | _TOPIC_PREPS


def _at_the_same_time(tok) -> bool:
    """A clause of what happened meanwhile: "winds toppled 13 vehicles as a storm moved into the
    state Monday", "... when militants attacked on Friday"."""
    return tok.dep_ == "advcl" and any(c.dep_ in {"mark", "advmod"} and c.lower_ in {"as", "when", "while", "whilst"}
                                       for c in tok.children)


#: verbs that say an occurrence took place: its clause dates the occurrence
_HAPPENING = {"erupt", "begin", "start", "occur", "happen", "end", "unfold", "break", "take"}


def _its_happening(tok) -> bool:
    """A relative clause saying when an occurrence took place dates it: "the Sri Lankan civil
    war, which erupted in 1972", "the fire, which started about 3 a.m."."""
    return tok.dep_ == "relcl" and _is_event_noun(tok.head) and lemma(tok) in _HAPPENING


def _purpose(tok) -> bool:
    """A "to" infinitive the parse hung as a subordinate clause is part of its verb, as a
    complement is: "Cronin was elected to finish out the term in February"."""
    return tok.dep_ == "advcl" and tok.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


def _what_followed(tok) -> bool:
    """A participle after its clause, with no word saying when, tells what came with it: "A
    cyclone made landfall on Friday, bringing heavy rain to Quelimane", "..., killing eight"."""
    return (tok.dep_ == "advcl" and tok.tag_ == "VBG" and tok.i > tok.head.i
            and not any(c.dep_ in {"mark", "advmod", "aux"} for c in tok.children if c.i < tok.i))


def _shares_time(tok) -> bool:
    """Whether a verb's clause happens when the clause above it does: conjoined with or completing
    it, or a clause of what happened meanwhile, of what came with it, of its purpose, or of when
    its occurrence began."""
    return (tok.dep_ in _TIME_SHARING or _at_the_same_time(tok) or _what_followed(tok) or _purpose(tok)
            or _its_happening(tok))


def _clause_ancestors(tok) -> list:
    """The clauses above ``tok`` that share its time: a noun inside a verb's arguments, a verb
    conjoined with or completing another ("found her and stopped her", "went to see")."""
    out = []
    for _ in range(12):
        if tok.head.i == tok.i:
            break
        if _is_verb(tok) and not _shares_time(tok):
            break  # a reported, subordinate or relative clause keeps its own time
        if _time_of_its_own(tok):
            break  # "shortly after the truck attack in Nice, ...": a time of its own, before the clause's
        up = tok.head
        while not (_is_verb(up) or _is_event_noun(up)) and up.head.i != up.i and not _time_of_its_own(up):
            up = up.head
        if not (_is_verb(up) or _is_event_noun(up)):
            break
        out.append(up)
        tok = up
    return out


#: past forms the small model's lemmatizer leaves as they are when it mistags them
_IRREGULAR = {"retook": "retake", "took": "take", "fled": "flee", "struck": "strike", "left": "leave",
              "shook": "shake", "swept": "sweep", "overran": "overrun", "held": "hold", "fell": "fall",
              "burnt": "burn", "won": "win", "lost": "lose", "drove": "drive", "flew": "fly", "went": "go",
              "began": "begin", "sank": "sink", "stole": "steal", "shot": "shoot", "hid": "hide",
              "seized": "seize", "recaptured": "recapture", "bombed": "bomb", "shelled": "shell"}


#: the lemmatizer tables of the parser's pipeline (rules, exceptions, index), loaded by load_parser
_LEMMA_TABLES: dict = {}
#: auxiliaries and contractions, which the model's attribute ruler would have lemmatized
_AUX_LEMMAS = {
    "'s": "be", "’s": "be", "'re": "be", "’re": "be", "'m": "be", "’m": "be", "is": "be", "are": "be",
    "am": "be", "was": "be", "were": "be", "been": "be", "being": "be", "'ve": "have", "’ve": "have",
    "has": "have", "had": "have", "having": "have", "'d": "would", "’d": "would", "ca": "can",
    "wo": "will", "'ll": "will", "’ll": "will", "does": "do", "did": "do", "done": "do", "doing": "do",
}
#: Penn Treebank tag -> universal part of speech (as the model's attribute ruler maps them)
_UPOS = {
    "NN": "NOUN", "NNS": "NOUN", "NNP": "PROPN", "NNPS": "PROPN", "VB": "VERB", "VBD": "VERB",
    "VBG": "VERB", "VBN": "VERB", "VBP": "VERB", "VBZ": "VERB", "MD": "AUX", "JJ": "ADJ", "JJR": "ADJ",
    "JJS": "ADJ", "RB": "ADV", "RBR": "ADV", "RBS": "ADV", "WRB": "SCONJ", "IN": "ADP", "RP": "ADP",
    "PRP": "PRON", "PRP$": "PRON", "WP": "PRON", "EX": "PRON", "WDT": "PRON", "WP$": "DET",
    "DT": "DET", "PDT": "DET", "CD": "NUM", "CC": "CCONJ", "TO": "PART", "POS": "PART", "UH": "INTJ",
}
_PRONOUN_NOUNS = {
    "something", "anything", "nothing", "everything", "someone", "anyone", "everyone", "nobody",
    "somebody", "anybody", "everybody", "no-one",
}


def upos(tok) -> str:
    """The universal part of speech of ``tok``, from its tag (no attribute ruler needed)."""
    tag = tok.tag_
    if tag == "IN" and tok.dep_ == "mark":
        return "SCONJ"
    if tag == "NN" and tok.lower_ in _PRONOUN_NOUNS:
        return "PRON"
    return _UPOS.get(tag, "X")


def lemma(tok) -> str:
    """The lemma of a verb or noun, lower case, mending the past forms the tables miss ("retook")."""
    word = _lemmatize(tok.lower_, tok.tag_)
    return _IRREGULAR.get(word, _IRREGULAR.get(tok.lower_, word))


@functools.lru_cache(maxsize=4096)
def _lemmatize(word: str, tag: str) -> str:
    """spaCy's English rule lemmatizer, keyed by the tag instead of the morphology it would need."""
    if tag.startswith("V") or tag == "MD":
        if word in _AUX_LEMMAS:
            return _AUX_LEMMAS[word]
        pos = "verb"
    elif tag in {"NN", "NNS"}:
        pos = "noun"
    else:
        return word
    if tag in {"NN", "VB", "VBP", "MD"}:
        return word  # already the base form
    index = _LEMMA_TABLES.get("lemma_index", {}).get(pos, {})
    forms, guesses = [], []
    for old, new in _LEMMA_TABLES.get("lemma_rules", {}).get(pos, ()):
        if word.endswith(old) and len(word) > len(old):
            form = word[: len(word) - len(old)] + new
            (forms if form in index or not form.isalpha() else guesses).append(form)
    forms = list(dict.fromkeys(forms))
    for form in _LEMMA_TABLES.get("lemma_exc", {}).get(pos, {}).get(word, ()):
        if form not in forms:
            forms.insert(0, form)
    return (forms or guesses or [word])[0]


def _is_verb(tok) -> bool:
    return upos(tok) in {"VERB", "AUX"} and tok.dep_ not in {"aux", "auxpass"}


def _is_event_noun(tok) -> bool:
    return upos(tok) in {"NOUN", "PROPN"} and (tok.lower_ in EVENT_NOUNS or lemma(tok) in EVENT_NOUNS)


def _is_location(tok) -> bool:
    return upos(tok) in {"NOUN", "PROPN"} and (tok.lower_ in LOCATION_NOUNS or lemma(tok) in LOCATION_NOUNS)


def _is_agent(tok) -> bool:
    """A noun for people or an organisation: the place beside it is their home, not a scene."""
    return upos(tok) in {"NOUN", "PROPN"} and not _is_location(tok) and not _is_event_noun(tok)


_NEGATIONS = {"not", "n't", "n’t", "never"}
#: adverbs that make a present-tense clause what usually happens, whatever date it names
_USUALLY = {"usually", "often", "always", "typically", "generally", "sometimes", "normally", "regularly",
            "frequently", "routinely", "seldom", "rarely", "commonly", "ordinarily"}


def mood(verb) -> str:
    """Whether the text reports ``verb`` as happening (see :class:`Clause`)."""
    if not _is_verb(verb):
        return "actual"
    kids = list(verb.children)
    auxes = {c.lower_ for c in kids if c.dep_ in {"aux", "auxpass"}}
    word = lemma(verb)
    if any(c.dep_ == "neg" or c.lower_ in _NEGATIONS for c in kids):
        return "negated"  # the tagger sometimes takes "n’t" for a pronoun
    if any(c.dep_ == "mark" and c.lower_ in {"if", "unless", "whether"} for c in kids):
        return "hypothetical"
    if auxes & _MODALS - {"shall"}:
        return "hypothetical"
    if auxes & _REMAINING or (verb.dep_ in {"acomp", "oprd", "xcomp"} and lemma(verb.head) in {"remain", "stay"}):
        return "state"  # "remained hospitalized Sunday": how someone still is, not what happened
    if verb.tag_ == "VBG" and verb.dep_ in {"dobj", "ccomp", "xcomp"} and lemma(verb.head) in INTENT_VERBS:
        return "hypothetical"  # "the Pentagon weighs pulling forces from West Africa"
    if verb.dep_ == "xcomp" and not _is_verb(verb.head) and verb.head.head.i != verb.head.i:
        # "may be able to secure", "is likely to close": the adjective's verb decides
        if verb.head.lower_ in _UNCERTAIN:
            return "hypothetical"
        inherited = mood(verb.head.head)
        if inherited not in {"actual", "report", "state"}:
            return inherited
    if verb.dep_ == "xcomp":
        governor = lemma(verb.head)
        if governor in SCHEDULE_VERBS or verb.head.lower_ in {"due", "set", "scheduled", "slated"}:
            return "scheduled"
        if governor in INTENT_VERBS or governor in OPINION_VERBS:
            return "hypothetical"
        inherited = mood(verb.head)
        if inherited not in {"actual", "report", "state"}:
            return inherited
    if word in STATE_VERBS and "expl" not in {c.dep_ for c in kids} and not _sent_to(verb, kids):
        if word != "be" or not any(c.dep_ == "prep" for c in kids) or verb.tag_ not in {"VBD"}:
            return "state"
    if auxes & _FUTURE:
        return "scheduled"
    if word in OPINION_VERBS:
        return "opinion"
    if word in REPORT_VERBS and not _sent_to(verb, kids):
        if word in OBSERVATION_VERBS and _observed(verb):
            return "actual"  # "residents reported a loud bang": what they saw and heard happened
        if _counted(verb):
            return "actual"  # "confirmed two new cases of Ebola in Beni": the cases are there
        if _spoke_at(kids):
            return "actual"  # "Culver spoke about this issue today at a meeting": a speech there
        if word in PROCLAIMING and any(c.dep_ in {"dobj", "obj"} and upos(c) in {"NOUN", "PROPN"} for c in kids) \
                and not any(c.dep_ == "ccomp" for c in kids):
            return "actual"  # "the town declared an emergency", "declared Tinubu the winner": an act
        return "report"
    if verb.tag_ in {"VBZ", "VBP"} and not auxes:
        if any(c.dep_ == "advmod" and c.lower_ in _USUALLY for c in kids):
            return "generic"  # "owners usually discover the damage the following morning"
        return "habitual"
    if auxes and auxes <= {"is", "are", "am", "'s", "'re"} and verb.tag_ == "VBN":
        return "habitual"  # a present passive states: "bees are established in X", "it is located"
    if verb.tag_ == "VB" and not auxes and verb.dep_ in {"ROOT", "conj"}:
        return "hypothetical"  # an imperative or an unfinished headline
    return "actual"


def _sent_to(verb, kids) -> bool:
    """A verb of saying or naming in the passive with "to" moves someone: "was admitted to
    hospital", "Police were called to the home"."""
    return any(c.dep_ == "auxpass" for c in kids) and any(c.dep_ == "prep" and c.lower_ == "to" for c in kids)


#: verbs that count cases, and what they count
CONFIRMING = {"confirm", "report", "record", "register", "detect", "announce", "identify"}
CASES = {"case", "cases", "infection", "infections", "death", "deaths", "fatality", "fatalities", "outbreak",
         "outbreaks", "patient", "patients"}


#: what a place declares within itself
_DECLARED = {"emergency", "disaster", "curfew", "lockdown", "quarantine", "epidemic", "outbreak"}


def _declares_there(verb) -> bool:
    """"Brazil declared a public health emergency": what a place declares is in force there."""
    return lemma(verb) in PROCLAIMING and any(c.dep_ in {"dobj", "obj"} and c.lower_ in _DECLARED
                                              for c in verb.children)


def _spoke_at(kids) -> bool:
    """Speaking at an occurrence, with no statement reported: "spoke today at a meeting of the
    task force", "addressed"... (not "said at a news conference that ...")."""
    if any(c.dep_ in {"ccomp", "dobj"} for c in kids):
        return False
    return any(c.dep_ == "prep" and c.lower_ == "at" and any(_is_event_noun(o) for o in c.children if o.dep_ == "pobj")
               for c in kids)


def _counted(verb) -> bool:
    """A verb that confirms cases of a disease (or deaths) it has for its object or, in the
    passive, its subject: what it counts happened ("Hong Kong reported its first case of bird
    flu", "A Zika case was confirmed in Miami-Dade County")."""
    kids = list(verb.children)
    return lemma(verb) in CONFIRMING and not any(c.dep_ == "ccomp" for c in kids) and any(
        c.dep_ in {"dobj", "obj", "nsubjpass"} and c.lower_ in CASES for c in kids)


def _observed(verb) -> bool:
    """Whether a verb of saying has a thing for its object and no reported clause: "reported a
    light", not "reported that ..." or "reported the news"."""
    kids = list(verb.children)
    if any(c.dep_ in {"ccomp", "xcomp", "advcl"} and _is_verb(c) for c in kids) or verb.dep_ == "ccomp":
        return False
    if not any(c.dep_ in {"nsubj"} and c.lower_ not in {"it", "police", "officials", "authorities"}
               for c in kids):
        return False
    objects = [c for c in kids if c.dep_ == "dobj"]
    return bool(objects) and all(upos(o) == "NOUN" and o.lower_ not in _STATEMENT_NOUNS for o in objects)


#: objects of "report" that are statements, not things witnessed
_STATEMENT_NOUNS = {
    "news", "results", "result", "earnings", "profit", "profits", "loss", "losses", "revenue", "figures",
    "findings", "details", "data", "number", "numbers", "increase", "decrease", "decline", "rise", "growth",
    "sales", "income", "story", "information", "statement",
}


def _clause(tok, offset: int) -> Clause:
    nominal = not _is_verb(tok)
    word = tok.lower_ if nominal else lemma(tok)
    if nominal:
        governor = _clause_of(tok.head) if tok.head.i != tok.i else None
        m = mood(governor) if governor is not None else "actual"
        m = m if m in {"scheduled", "hypothetical", "negated"} else "actual"
    else:
        m = mood(tok)
    return Clause(offset + tok.idx, offset + tok.idx + len(tok), word, m, _what(tok), _actors(tok),
                  nominal, _category(tok, word), _embedded(tok), not nominal and _present(tok))


def _present(verb) -> bool:
    """Told in the present: "are flowing", "is held", "says" (not "has fled", "was seen")."""
    auxes = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    finite = auxes[0] if auxes else verb
    return finite.tag_ in {"VBZ", "VBP"} and not any(a.lemma_ == "have" or a.lower_ in {"has", "have", "'ve"}
                                                      for a in auxes)


def _category(tok, word: str) -> str:
    """The kind of happening: of the predicate, else of an occurrence noun as its subject or
    object ("a bomb blast hit the town" is an attack)."""
    if word in _CATEGORY_OF:
        return _CATEGORY_OF[word]
    for child in tok.children:
        if child.dep_ in {"nsubj", "nsubjpass", "dobj"}:
            for t in (child, *[c for c in child.children if c.dep_ == "compound"]):
                if t.lower_ in _CATEGORY_OF:
                    return _CATEGORY_OF[t.lower_]
    return ""


def _embedded(tok) -> str:
    """How the clause sits inside another: ``""`` when told outright, else the link that embeds
    it: ``ccomp`` for a reported or believed clause ("she said they divorced in 2001"), ``advcl``
    for a subordinate one ("once the Taliban took over"), ``relcl``/``acl`` for one that describes
    a noun ("the spacecraft that launched Thursday"). What a report, a call or a claim says
    ("police received a report that two teens were robbed") is reported, as after "said"."""
    for _ in range(12):
        if tok.head.i == tok.i:
            return ""
        if _is_verb(tok) and tok.dep_ not in _TIME_SHARING and not _purpose(tok):
            if tok.dep_ == "acl" and tok.head.lower_ in _CONTENT_NOUNS and any(
                    c.dep_ == "mark" and c.lower_ == "that" for c in tok.children):
                return "ccomp"
            return tok.dep_ or "dep"
        tok = tok.head
    return ""


#: nouns whose "that" clause is what they report: "a report that ...", "claims that ..."
_CONTENT_NOUNS = {"report", "reports", "claim", "claims", "news", "word", "allegation", "allegations",
                  "complaint", "call", "tip", "statement", "announcement", "confirmation", "rumours", "rumors"}


_DASHES = {"—", "–", "--", "-"}


def _what(tok) -> str:
    """A short phrase of the text saying what happened: subject, verb and object, or the noun
    phrase of an occurrence noun ("40 Iraqi soldiers were killed", "a March 7 fire")."""
    if not _is_verb(tok):
        words = [t for t in tok.subtree if t.i <= tok.i and t.dep_ not in {"punct"}]
        words = [t for t in words if t.i >= tok.i - 5]
        return _join(words)
    words = [tok]
    for child in tok.children:
        if child.dep_ in {"nsubj", "nsubjpass"} and upos(child) != "PRON":
            sub = list(child.subtree)
            if len(sub) > 7:
                first = child.i - 3
                while first > sub[0].i and not child.doc[first - 1].whitespace_:
                    first -= 1  # not "old city man" for "a 27-year-old city man"
                sub = [t for t in sub if first <= t.i <= child.i]
            words += sub
        elif child.dep_ in {"aux", "auxpass", "neg", "prt"}:
            words.append(child)
        elif child.dep_ in {"dobj", "attr", "acomp", "oprd", "xcomp"}:
            # the object without what describes it ("a bill that would ban ...", "its first case,
            # a 65-year-old man who ..."): those clauses are left out whole
            described = {t.i for d in child.subtree if d.dep_ in {"relcl", "acl", "appos"} for t in d.subtree}
            sub = [t for t in child.subtree if t.i not in described and not (t.dep_ == "punct" and t.i > child.i)]
            cut = 8
            while cut < len(sub) and sub[cut].ent_iob_ == "I":
                cut += 1  # not "... a Navalny supporter in Saint" for "in Saint Petersburg"
            if cut < len(sub):
                # a phrase cut short ends before its last preposition: "killed at least 11 people",
                # not "... 11 people in the southern Brazilian"
                open_preps = [n for n, t in enumerate(sub[:cut]) if t.dep_ == "prep" and n > 0
                              and max(x.i for x in t.subtree) >= sub[cut].i]
                if open_preps:
                    cut = open_preps[-1]
            words += sub[:cut]
    words = sorted(set(words), key=lambda t: t.i)
    breaks = [n for n, t in enumerate(words) if (t.text in _DASHES or t.is_space) and t.i < tok.i]
    if not breaks and words and words[0].i == 0 and words[0].text.isupper() and len(words[0].text) > 1:
        # "SALINA, Kan. Strong winds toppled": a dateline ending in its state's abbreviation
        breaks = [n for n, t in enumerate(words[:6]) if n and len(t.text) > 2 and t.text.endswith(".")][:1]
    if breaks and any(t.text.isupper() and len(t.text) > 1 for t in words[:breaks[-1] + 1]):
        # "KYIV, Ukraine (AP) — Russian missiles struck", "TEGA CAY  Local fire departments": a
        # dateline is no subject
        words = words[breaks[-1] + 1:]
    return _join(words)


def _join(words) -> str:
    if not words:
        return ""
    out = []
    for n, t in enumerate(words):
        nxt = words[n + 1] if n + 1 < len(words) else None
        out.append(t.text + (t.whitespace_ if nxt is not None and nxt.i == t.i + 1 else (" " if nxt is not None else "")))
    return "".join(out).strip(" ,;:-–—")


def _actors(tok) -> tuple[str, ...]:
    """Who did it: the subject of an active verb or the agent of a passive one, as written; a
    verb sharing its subject with the one before takes that one's; a passive without an agent takes
    the subject of its "when" clause."""
    if not _is_verb(tok):
        return ()
    found = _subjects(tok)
    passive = any(c.dep_ == "auxpass" for c in tok.children)
    if not found and not passive and tok.dep_ == "conj" and _is_verb(tok.head):
        found = _subjects(tok.head)  # "Daesh lost Baiji, and lost Sinjar"
    if not found and passive:
        # "40 soldiers were killed when militants attacked": who did it is the attackers
        for clause in tok.children:
            if clause.dep_ == "advcl" and any(m.dep_ in {"mark", "advmod"} and m.lower_ in {"when", "as"}
                                              for m in clause.children):
                found = _subjects(clause)
                break
    return tuple(f for f in found if f)


def _subjects(tok) -> list[str]:
    found = []
    for child in tok.children:
        heads = []
        if child.dep_ == "nsubj" and not _dateline(child):
            heads = [child]
        elif child.dep_ == "agent":
            heads = [c for c in child.children if c.dep_ == "pobj"]
        for h in heads:
            for member in [h, *[c for c in h.children if c.dep_ == "conj"]]:
                if upos(member) in {"PRON", "DET"} or member.lower_ in {"who", "that", "which"}:
                    continue
                found.append(_noun_phrase(member))
    return found


def _dateline(tok) -> bool:
    """A subject that is the article's dateline: "KYIV, Ukraine (AP) —", "BYESVILLE --"."""
    sub = list(tok.subtree)
    return sub[-1].text in _DASHES and any(t.text.isupper() and len(t.text) > 1 for t in sub)


def _noun_phrase(tok) -> str:
    if tok.ent_type_:
        ent = next((e for e in tok.doc.ents if e.start <= tok.i < e.end), None)
        if ent is not None:
            return ent.text
    words = [t for t in tok.subtree if t.i <= tok.i and t.dep_ in {"compound", "amod", "nummod", "poss", "nmod"} or t.i == tok.i]
    words = [t for t in words if t.i >= tok.i - 4 and t.dep_ != "case"]
    text = tok.doc.text
    gaps = [n for n, t in enumerate(words[:-1])
            if len(between := text[t.idx + len(t):words[n + 1].idx]) >= 2 and not between.strip()]
    if gaps and all(t.text.isupper() for t in words[:gaps[-1] + 1] if t.is_alpha):
        words = words[gaps[-1] + 1:]  # "MOSUL  Local fire departments": the dateline is nobody
    return _join(words)
