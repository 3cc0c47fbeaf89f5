"""Article -> [Toponym]: place-name spans from spaCy's entities plus gazetteer matching.

spaCy finds most names (GPE, LOC, FAC); a gazetteer pass over proper-noun runs finds the ones
it misses ("Houran Valley", "Bab el Mandeb Strait") while refusing common words, dates and
names inside people and organisations. Demonyms ("Iraqi forces") are kept as ``demonym``
toponyms: associative mentions of a country, not literal places.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .gazetteer import GENERIC_FEATURES, Gazetteer, fold
from .records import Toponym
from .settings import Settings

Span = tuple[int, int]

PLACE_LABELS = {"GPE", "LOC", "FAC"}
BLOCKING_LABELS = {"PERSON", "ORG", "WORK_OF_ART", "EVENT", "PRODUCT", "LAW", "LANGUAGE", "NORP",
                   "DATE", "TIME", "MONEY", "QUANTITY", "PERCENT", "CARDINAL", "ORDINAL"}
# a place name followed by one of these is the name of an organisation or a title
_ORG_TAIL = re.compile(
    r"^\s*(Post|Times|Journal|Herald|Tribune|Gazette|Chronicle|Examiner|Daily|News|Press|Telegraph|"
    r"University|College|Institute|Institution|Airlines|Airways|Club|FC|United|Police|Council|"
    r"Capitals|Nationals|Senators|Wizards|Redskins|Commanders|Mystics|Street|Avenue|Road|Boulevard|"
    r"Consensus|Declaration|Accords?|Agreement|Protocol|Convention|Summit)\b"
)
# words that are never a place on their own, whatever the gazetteer holds
_NEVER = {
    "west", "east", "north", "south", "western", "eastern", "northern", "southern", "central",
    "the west", "the east", "the north", "the south", "earth", "world", "the world", "globe",
    "home", "state", "city", "capital", "centre", "center", "homeland", "region", "province",
    "police", "army", "independence", "victory", "union", "liberty", "progress", "hope", "unity",
    "march", "may", "june", "july", "august", "april", "january", "sunday", "friday", "date",
    "islam", "islamic", "allah", "god", "caliphate", "daesh", "isis", "isil", "al qaeda",
    "media", "gaza group", "commando", "nato", "un", "eu",
}
_ADMIN_WORDS = re.compile(r"^\s+(province|governorate|state|region|district|county|prefecture|oblast|department)\b", re.I)
_FACILITY_HEAD = re.compile(r"\b(Camp|Fort|Base|Prison|Airport|Airbase|Air Base)\s+$")
_PLACE_CUE = re.compile(
    r"\b(in|at|from|to|near|into|outside|across|around|towards?|through|retook|recaptured|captured|"
    r"(?:town|city|village|capital|province|region|outskirts|streets|people|residents)\s+of|capital,?)\s+(?:the\s+)?$",
    re.I,
)
_LEADING = re.compile(r"^(?:the|The)\s+")
_TRAILING = re.compile(r"(?:['’]s|['’])$")
_CONNECTORS = {"of", "el", "al", "de", "du", "des", "la", "le", "ad", "as", "an", "ar", "bin", "dos", "da"}
_MAX_TOKENS = 5


def find_toponyms(doc, gazetteer: Gazetteer, settings: Settings | None = None,
                  date_spans: Sequence[Span] = ()) -> list[Toponym]:
    """Return the place-name spans of a spaCy ``Doc``, in text order, without overlaps.

    ``date_spans`` are the temporal expressions already found (never places).
    """
    settings = settings or Settings()
    text = doc.text
    found: list[Toponym] = []
    blocked: list[Span] = [tuple(s) for s in date_spans]

    # spaCy's small model often calls a place a person or an organisation ("Mali", "Sinjar");
    # a name the gazetteer knows well, or one in a place's context, is taken back - everywhere
    # it occurs in the article (one sense per name)
    reclaimed = {_clean(e.text) for e in doc.ents if e.label_ in {"PERSON", "ORG"} and _reclaimable(e, gazetteer, settings)}
    for ent in doc.ents:
        if ent.label_ in PLACE_LABELS or (ent.label_ in {"PERSON", "ORG"} and _clean(ent.text) in reclaimed):
            top = _from_entity(ent.start_char, ent.end_char, text, gazetteer)
            if top is not None and not _overlaps(top, blocked):
                found.append(top)
            elif top is None:
                # spaCy's span may carry a tail the gazetteer lacks ("Syria's Raqqa"): still block it
                blocked.append((ent.start_char, ent.end_char))
        elif ent.label_ == "NORP":
            name = _TRAILING.sub("", ent.text.strip())
            if gazetteer.has_name(name, kinds=("demonym",)):
                found.append(Toponym(ent.start_char, ent.start_char + len(name), name, "demonym", "ner"))
            else:
                blocked.append((ent.start_char, ent.end_char))
        elif ent.label_ in BLOCKING_LABELS:
            blocked.append((ent.start_char, ent.end_char))

    taken = [(t.start, t.end) for t in found] + blocked
    found += _gazetteer_matches(doc, gazetteer, settings, taken)
    found.sort(key=lambda t: (t.start, -t.end))
    result: list[Toponym] = []
    for t in found:
        if result and t.start < result[-1].end:
            continue
        result.append(t)
    return result


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
    if _ORG_TAIL.match(text[end:end + 20]):
        return None
    if _FACILITY_HEAD.search(text[max(0, start - 12):start]):
        return None  # "Camp Bucca", "Fort Hood": a facility, not the town of that name
    if not gazetteer.has_name(name):
        # "Syria's Raqqa", "Kurdish-held Kobani": the words after a possessive or a
        # hyphenated adjective may still be a known place
        m = re.match(r"^(.*?(?:['’]s|-\w+))\s+(?P<tail>[A-Z].*)$", name)
        if m and gazetteer.has_name(m["tail"]):
            s = start + m.start("tail")
            return Toponym(s, s + len(m["tail"]), m["tail"], "literal", "ner")
        # unknown to the gazetteer: keep it (the online fill or a correction may place it)
    return Toponym(start, end, name, "literal", "ner")


def _gazetteer_matches(doc, gazetteer: Gazetteer, settings: Settings, taken: list[Span]) -> list[Toponym]:
    """Names spaCy missed: runs of proper nouns that the gazetteer knows as notable places."""
    out: list[Toponym] = []
    tokens = list(doc)
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if not _name_start(tok):
            i += 1
            continue
        matched = False
        for n in range(min(_MAX_TOKENS, len(tokens) - i), 0, -1):
            span_toks = tokens[i:i + n]
            last = span_toks[-1]
            if not (last.text[:1].isupper()) or any(t.is_space or t.is_punct and t.text not in "-'’" for t in span_toks):
                continue
            if not all(t.pos_ == "PROPN" or t.text[:1].isupper() or t.lower_ in _CONNECTORS or t.text in "-'’"
                       for t in span_toks):
                continue
            start, end = tok.idx, last.idx + len(last.text)
            name = doc.text[start:end]
            if name.lower() in _NEVER or _overlaps((start, end), taken):
                continue
            if n == 1 and (tok.pos_ != "PROPN" or tok.is_sent_start or tok.is_stop or len(name) < 4):
                continue  # a lone capitalised word is too often not a name
            entries = gazetteer.candidates(name) if gazetteer.has_name(name) else []
            if not entries or not _notable(entries, settings):
                continue
            if n == 1 and not any(fold(e.name) == fold(name) or e.feature not in {"city", "admin1", "admin2"} for e in entries):
                continue  # one word matching only an alternate name ("Hamas" for Hamm) is too weak
            if _ORG_TAIL.match(doc.text[end:end + 20]):
                continue
            out.append(Toponym(start, end, name, "literal", "gazetteer"))
            taken.append((start, end))
            i += n
            matched = True
            break
        if not matched:
            i += 1
    return out


def _clean(name: str) -> str:
    return _TRAILING.sub("", _LEADING.sub("", name.strip()))


def _reclaimable(ent, gazetteer: Gazetteer, settings: Settings) -> bool:
    """Whether a PERSON/ORG entity is really a place: a country, region or feature by its exact
    name, or a capital or notable place written where places go ("in X", "the town of X")."""
    name = _clean(ent.text)
    if not name or name.lower() in _NEVER or not gazetteer.has_name(name):
        return False
    if _ORG_TAIL.match(ent.doc.text[ent.end_char:ent.end_char + 20]):
        return False
    entries = [e for e in gazetteer.candidates(name) if fold(e.name) == fold(name) or e.feature == "country"]
    if any(e.feature not in GENERIC_FEATURES for e in entries):
        return True
    before = ent.doc.text[max(0, ent.start_char - 25):ent.start_char]
    cue = bool(_PLACE_CUE.search(before))
    return cue and any(e.population >= settings.min_population_unrecognised or e.feature == "capital" for e in entries)


def _name_start(tok) -> bool:
    return tok.text[:1].isupper() and tok.is_alpha


def _notable(entries, settings: Settings) -> bool:
    best = entries[0]
    if any(e.feature not in GENERIC_FEATURES for e in entries):
        return True  # countries, regions and features from the curated tables
    if any(e.feature in {"capital", "admin1", "admin2"} and e.population >= settings.min_population_unrecognised for e in entries):
        return True
    return best.population >= settings.min_population_unrecognised


def _overlaps(span: Span | Toponym, others: Sequence[Span]) -> bool:
    s, e = (span.start, span.end) if isinstance(span, Toponym) else span
    return any(s < oe and os_ < e for os_, oe in others)


def admin_word_follows(text: str, end: int) -> bool:
    """Whether "province", "governorate", "state"... follows a name (a first-level division)."""
    return bool(_ADMIN_WORDS.match(text[end:end + 20]))
