"""Article -> [DateMention]: find temporal expressions, type them, normalise and anchor them.

Finding, typing and anchoring are rules here (dateparser's ``search_dates`` reports "may" the
verb, "Sun" the paper and "we" as Wednesday, and gives no offsets); dateparser parses the
numeric formats we find. Relative expressions are anchored to the publication date, and the
sentence's tense decides the direction ("on Friday" in a past-tense sentence is the Friday
before).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from .records import Article, DateMention

Span = tuple[int, int]


def find_dates(text: str, published: date | None, sentences: Sequence[Span] | None = None) -> list[DateMention]:
    """Return the temporal expressions in ``text``, in order, anchored to ``published``.

    ``sentences`` are ``(start, end)`` spans used to read each expression's tense; without
    them sentences are split on punctuation.

    >>> [(d.text, d.value) for d in find_dates("On Friday, 40 soldiers were killed in Ramadi.",
    ...                                          date(2015, 3, 14))]
    [('Friday', '2015-03-13')]
    """
    anchor = published or date.today()
    sentences = list(sentences) if sentences else split_sentences(text)
    found: list[tuple[int, int, _Rule, re.Match]] = []
    for rule in _RULES:
        for m in rule.pattern.finditer(text):
            s, e = m.span("t")
            found.append((s, e, rule, m))
    # longest match wins where expressions overlap; then left to right
    found.sort(key=lambda x: (-(x[1] - x[0]), x[0]))
    taken: list[tuple[int, int, _Rule, re.Match]] = []
    for item in found:
        if all(item[1] <= t[0] or item[0] >= t[1] for t in taken):
            taken.append(item)
    taken.sort(key=lambda x: x[0])
    mentions: list[DateMention] = []
    previous: DateMention | None = None
    quarter: tuple[int, int] | None = None
    for s, e, rule, m in taken:
        ctx = _Context(anchor, _tense(text, s, e, sentences), previous, quarter, text, s, e)
        mention = rule.handler(m, ctx)
        if mention is None:
            continue
        if mention.end:  # the handler drew its own span (e.g. "twenty years" of "twenty years after")
            s, e = mention.start, mention.end
        s, mod = _extend_left(text, s, mention)
        mention = replace(mention, start=s, end=e, text=text[s:e], mod=mention.mod or mod)
        if published is None and mention.anchored and not mention.value.endswith("_REF"):
            # nothing to anchor to: say so rather than invent a date from today's; a month and
            # day written out keep what they say ("On 27 June": XXXX-06-27)
            mention = replace(mention, value=_year_unknown(mention), date_start=None, date_end=None)
        mentions.append(mention)
        if mention.date_start is not None and mention.type in {"DATE", "TIME"} and mention.precision != "ref":
            previous = mention
        if rule.handler in (_quarter, _relative_unit) and re.match(r"\d{4}-Q\d$", mention.value):
            quarter = (int(mention.value[:4]), int(mention.value[-1]))
            if re.search(_YEAR_AGO, mention.text, re.I):
                quarter = (quarter[0] + 1, quarter[1])  # the quarter spoken of is the one a year on
    return mentions


_WRITTEN_MONTH = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\b", re.I)


def _year_unknown(mention: DateMention) -> str:
    """``XXXX-06-27`` for "27 June", ``XXXX-06`` for "in June", when no year is known; else ``XXXX``."""
    if (mention.type == "DATE" and mention.precision in {"day", "month"} and _WRITTEN_MONTH.search(mention.text)
            and not re.search(r"\b\d{4}\b", mention.text) and re.match(r"\d{4}-\d\d", mention.value)):
        return "XXXX" + mention.value[4:10 if mention.precision == "day" else 7]
    return "XXXX"


def estimate_published(article: Article, sentences: Sequence[Span] | None = None) -> Article:
    """Return the article with an estimated publication date when it has none.

    Evidence, best first:

    1. a byline or dateline near the top (a full date with a year in the first 600 characters);
    2. the latest calendar day the body reports in a clause that is not about the future
       ("Aug. 7", its year taken from the latest year the text names): news is published on
       or just after the last day it reports;
    3. the latest month, then the latest year, the text names.

    Boilerplate has already been removed by :mod:`geotimeline.load`, so sidebars cannot vote.
    The result is marked as estimated, with how and how sure, and never later than today.
    """
    if article.published is not None:
        return article
    text = article.text
    sentences = list(sentences) if sentences else split_sentences(text)
    plain = find_dates(text, None, sentences)
    dated = [d for d in plain if d.type in {"DATE", "TIME"} and not d.anchored and d.date_start
             and d.date_start <= date.today()]
    head = [d for d in dated if d.start < 600 and d.precision == "day" and d.date_start.year > 1900]
    if head:
        d = head[0]
        return replace(article, published=d.date_start, published_estimated=True, published_precision="day",
                       published_note=f"estimated from the byline/dateline {d.text!r} (confident)")
    years = [d.date_start.year for d in dated if d.precision in {"day", "month", "season", "quarter", "year"}]
    if not years:
        return replace(article, published=None, published_estimated=True, published_precision="year",
                       published_note="unknown: the text names no date; relative dates are left unanchored")
    latest_year = max(years)
    # read the yearless dates as of the end of the latest year named, then take the last day reported
    provisional = min(date(latest_year, 12, 31), date.today())
    reported = [d for d in find_dates(text, provisional, sentences)
                if d.precision == "day" and d.type in {"DATE", "TIME"} and d.date_start
                and re.search(r"[A-Za-z]{3}.*\d|\d.*[A-Za-z]{3}|\d{4}-\d\d", d.text)  # a calendar date, not "Friday"
                and _tense(text, d.start, d.end, sentences) != "future" and d.date_start.year >= latest_year]
    if reported:
        d = max(reported, key=lambda x: x.date_start)
        return replace(article, published=d.date_start, published_estimated=True, published_precision="month",
                       published_note=f"estimated: the last day the text reports, {d.text!r} (uncertain: the "
                                      "article is at least this recent, usually within days)")
    months = [d for d in dated if d.precision in {"month", "day"} and d.date_start.year == latest_year]
    if months:
        d = max(months, key=lambda x: x.date_end)
        return replace(article, published=min(d.date_end, date.today()), published_estimated=True,
                       published_precision="month", published_note=f"estimated: latest month named, {d.text!r} (weak)")
    return replace(article, published=min(date(latest_year, 12, 31), date.today()), published_estimated=True,
                   published_precision="year", published_note=f"estimated: latest year named, {latest_year} (weak)")


_ABBREVIATION = re.compile(r"(?:\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|Mrs?|Ms|Dr|Prof|Gen|Sen|Rep|Gov|"
                          r"Lt|Col|Sgt|Capt|Adm|Rev|St|Jr|Sr|Inc|Corp|Co|Ltd|No|vs|[A-Z])|\.[A-Z])\.$")


def split_sentences(text: str) -> list[Span]:
    """Split on sentence punctuation and blank lines (a fallback when spaCy's are not at hand)."""
    spans, start = [], 0
    for m in re.finditer(r"(?<=[.!?…])[\"'”’)]*\s+(?=[\"“‘(]?[A-Z0-9])|\n\s*\n", text):
        if text[m.start() - 1] == "." and _ABBREVIATION.search(text, max(0, m.start() - 8), m.start()):
            continue  # "Oct. 23", "Dr. Slepian", "the U.S. Embassy"
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return [s for s in spans if s[1] > s[0]]


# -- rules --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Context:
    anchor: date
    tense: str  # past | future | "" (the sentence does not say)
    previous: DateMention | None
    quarter: tuple[int, int] | None = None  # the last (year, quarter) the text spoke of
    text: str = ""
    start: int = 0
    end: int = 0

    def before(self, n: int = 20) -> str:
        return self.text[max(0, self.start - n):self.start]

    def after(self, n: int = 20) -> str:
        return self.text[self.end:self.end + n]


@dataclass(frozen=True)
class _Rule:
    pattern: re.Pattern
    handler: Callable[[re.Match, _Context], DateMention | None]


MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
MONTHS["sept"] = 9
WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
_ONES = "one two three four five six seven eight nine".split()
_TEENS = "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
NUMBERS: dict[str, int | str] = {w: i + 1 for i, w in enumerate(_ONES)}
NUMBERS.update({w: i + 10 for i, w in enumerate(_TEENS)})
NUMBERS.update({w: 10 * (i + 2) for i, w in enumerate(_TENS)})
NUMBERS.update({"a": 1, "an": 1, "a couple of": 2, "couple of": 2, "a dozen": 12, "dozen": 12, "hundred": 100,
                "a hundred": 100, "one hundred": 100, "a thousand": 1000, "a few": "X", "few": "X",
                "several": "X", "many": "X", "some": "X", "a number of": "X", "dozens of": "X"})
_SPELLED = (rf"(?:(?:{'|'.join(_TENS)})(?:[\s-](?:{'|'.join(_ONES)}))?|{'|'.join(_TEENS)}|{'|'.join(_ONES)})")
ORDINALS = {w: i + 1 for i, w in enumerate(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth "
    "fifteenth sixteenth seventeenth eighteenth nineteenth twentieth".split())}
ORDINALS.update({f"twenty{sep}{w}": 20 + i for i, w in enumerate("first second third fourth fifth sixth seventh eighth ninth".split(), 1) for sep in " -"})
ORDINALS.update({"thirtieth": 30, "thirty first": 31, "thirty-first": 31})


def number(raw: str) -> int | float | str | None:
    """``"twenty four"`` -> 24, ``"2 1/2"`` -> 2.5, ``"several"`` -> ``"X"``; None if not a number."""
    t = re.sub(r"\s+", " ", raw.lower().replace("-", " ")).strip()
    if re.fullmatch(r"\d+(?:\.\d+)?", t.replace(",", "")):
        v = float(t.replace(",", ""))
        return int(v) if v.is_integer() else v
    if m := re.fullmatch(r"(\d+) 1/2", t):
        return int(m[1]) + 0.5
    if t in NUMBERS:
        return NUMBERS[t]
    parts = t.split()
    if len(parts) == 2 and parts[0] in _TENS and parts[1] in _ONES:
        return NUMBERS[parts[0]] + NUMBERS[parts[1]]
    return None


def spelled_year(raw: str) -> int | None:
    """``"nineteen ninety-six"`` -> 1996, ``"two thousand"`` -> 2000."""
    t = re.sub(r"[\s-]+", " ", raw.lower()).strip()
    if m := re.fullmatch(r"two thousand(?: and)?(?: (.+))?", t):
        rest = number(m[1]) if m[1] else 0
        return 2000 + rest if isinstance(rest, int) and rest < 100 else None
    parts = t.split(" ", 1)
    if len(parts) == 2 and parts[0] in {"nineteen", "eighteen", "twenty"}:
        tail = parts[1].replace("oh ", "")
        rest = 0 if tail == "hundred" else number(tail)
        if isinstance(rest, int) and rest < 100:
            return NUMBERS[parts[0]] * 100 + rest
    return None


UNIT = {"day": "D", "week": "W", "month": "M", "year": "Y", "decade": "DE", "century": "CE",
        "hour": "H", "minute": "M", "second": "S", "quarter": "Q", "weekend": "WE"}
SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
MODS = {"early": "START", "the beginning of": "START", "the start of": "START", "beginning of": "START",
        "start of": "START", "mid": "MID", "mid-": "MID", "the middle of": "MID", "middle of": "MID",
        "late": "END", "the end of": "END", "end of": "END", "the close of": "END"}

_MONTH = (r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December|"
          r"Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.|Sept|Jan|Feb|Aug|Oct|Nov|Dec)(?![a-z])")
_WEEKDAY = r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_YEAR = r"(?:1[6-9]\d\d|20\d\d)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_NUM = (rf"\b(?:\d+(?:\.\d+)?(?:\s+1/2)?|{_SPELLED}|a\ couple\ of|a\ few|a\ dozen|a\ hundred|one\ hundred|"
        r"a\ number\ of|dozens\ of|few|several|many|an?)")
_YEARW = (rf"(?:{_YEAR}|(?:nineteen|twenty)[\s-](?:{'|'.join(_TENS)})(?:[\s-](?:{'|'.join(_ONES)}))?|"
          rf"nineteen[\s-](?:{'|'.join(_TEENS)}|oh[\s-](?:{'|'.join(_ONES)})|hundred)|"
          rf"two\ thousand(?:\s+(?:and\s+)?(?:{'|'.join(_TEENS)}|{'|'.join(_ONES)}))?)")
_UNITS = r"(?:day|week|month|year|decade|centur(?:y|ie)|hour|minute)s?"
_MOD = r"(?:\b(?P<mod>early-?|mid-?|late-?|the\ (?:beginning|start|middle|end|close)\ of|(?:beginning|start|middle|end)\ of)\s*)"
_REL = r"\b(?P<rel>last|next|this|past|coming|previous|following)"
_STEP = {"last": -1, "past": -1, "previous": -1, "this": 0, "next": 1, "coming": 1, "following": 1}  # in units
_NOT_NUMBER = r"(?<![\d,.$£€])"
_END = r"(?![\d%])"
_YEAR_AGO = r"year-ago|year-earlier|prior-year"  # "the year-ago third quarter"


def _rule(pattern: str, flags: int = 0):
    def wrap(fn):
        # every expression starts a word; saying so first lets the engine skip mid-word positions fast
        _RULES.append(_Rule(re.compile(rf"(?<![\w])(?:{pattern})", flags | re.X), fn))
        return fn
    return wrap


_RULES: list[_Rule] = []


def _mention(type_: str, value: str, start: date | None = None, end: date | None = None,
             precision: str = "", mod: str = "", anchored: bool = False) -> DateMention:
    return DateMention(0, 0, "", type_, value, start, end, precision, mod, anchored)


def _month_range(y: int, m: int) -> tuple[date, date]:
    return date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1])


def _narrow(start: date, end: date, mod: str) -> tuple[date, date]:
    """Narrow an interval to its first, middle or last third for START/MID/END."""
    span = (end - start).days + 1
    third = max(1, span // 3)
    if mod == "START":
        return start, start + timedelta(days=third - 1)
    if mod == "MID":
        return start + timedelta(days=third), end - timedelta(days=third)
    if mod == "END":
        return end - timedelta(days=third - 1), end
    return start, end


def _modifier(m: re.Match) -> str:
    raw = (m.groupdict().get("mod") or "").strip().lower()
    return MODS.get(raw, MODS.get(raw.rstrip("-"), "")) if raw else ""


def _infer_year(month: int, day: int | None, ctx: _Context) -> int:
    """Year for a month (and day) written without one: the occurrence nearest the anchor, where
    a distance the clause's tense contradicts counts four times over (so "payable Jan. 2" in
    November is next January, "crashed in December" in March is last December)."""
    y = ctx.anchor.year

    def cost(yy: int) -> float:
        if day:
            when = date(yy, month, min(day, calendar.monthrange(yy, month)[1]))
        else:
            when = date(yy, month, 15)
        diff = (when - ctx.anchor).days
        if not day and (yy, month) == (ctx.anchor.year, ctx.anchor.month):
            diff = 0
        wrong = (ctx.tense == "past" and diff > 7) or (ctx.tense == "future" and diff < -7)
        return abs(diff) * (4 if wrong else 1)

    return min((y - 1, y, y + 1), key=cost)


def _month_num(token: str) -> int:
    return MONTHS[token.lower().rstrip(".")]


def _day_num(token: str) -> int:
    return int(re.match(r"\d+", token).group())


def _year_value(raw: str) -> int:
    return int(raw) if raw.isdigit() else spelled_year(raw)


def _quarter_base(ctx: _Context) -> tuple[int, int]:
    """The quarter "the quarter" means: the last one the text named, else the last one that
    ended before the anchor (news reports on the quarter just closed)."""
    if ctx.quarter:
        return ctx.quarter
    q = (ctx.anchor.month - 1) // 3  # quarters completed this year
    return (ctx.anchor.year, q) if q else (ctx.anchor.year - 1, 4)


def _year_mention(year: int, anchored: bool = True) -> DateMention:
    return _mention("DATE", str(year), date(year, 1, 1), date(year, 12, 31), "year", anchored=anchored)


def _week_mention(d: date, anchored: bool = True) -> DateMention:
    """The ISO week that holds a day (``2015-W46``), Monday to Sunday."""
    y, w, _ = d.isocalendar()
    monday = d - timedelta(days=d.weekday())
    return _mention("DATE", f"{y}-W{w:02d}", monday, monday + timedelta(days=6), "week", anchored=anchored)


def _quarter_mention(year: int, q: int, anchored: bool = True) -> DateMention:
    return _mention("DATE", f"{year}-Q{q}", date(year, 3 * q - 2, 1), _month_range(year, 3 * q)[1], "quarter",
                    anchored=anchored)


_ORD = rf"(?:{'|'.join(sorted(ORDINALS, key=len, reverse=True))})"
_CLOCK = (r"(?:(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?(?:\s*(?:[AaPp]\.?[Mm]\.?))?|(?:1[0-2]|[1-9])\s*(?:[ap]\.m\.|[AP]M\b)|"
          r"noon|midnight)(?:\s+(?:GMT|UTC|EST|EDT|CST|CDT|PST|PDT|IST|CET|BST)\b)?")
_DAYPART = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI", "overnight": "NI"}


# absolute day dates: "March 7, 2017", "7 March 2017", "Thursday 12 March 2015", "March 6 of this year"
@_rule(rf"(?P<t>(?:(?:this\s+coming\s+)?{_WEEKDAY},?\s+)?(?:(?:(?P<rel0>last|next|this)\s+)?(?P<m1>{_MONTH})\s+(?P<d1>{_DAY}|{_ORD})|(?:the\s+)?(?P<d2>{_DAY}|{_ORD})\s+(?:of\s+)?(?P<m2>{_MONTH}))"
       rf"(?:,?\s+(?P<y>{_YEARW})(?:,?\s+(?P<time>\d{{1,2}}:\d\d(?::\d\d)?(?:\s*[AaPp]\.?[Mm]\.?)?(?:\s+[A-Z]{{2,4}}\b)?))?|\s+of\s+(?P<rel>this|last|next)\s+year)?){_END}")
def _absolute_day(m: re.Match, ctx: _Context) -> DateMention | None:
    month = _month_num(m["m1"] or m["m2"])
    raw_day = (m["d1"] or m["d2"]).lower()
    if raw_day in ORDINALS and m["d2"] and not m.group("t").lower().startswith("the"):
        return None  # "second March" is not a date; "the second of March" is
    day = ORDINALS.get(raw_day) or _day_num(raw_day)
    anchored = False
    if m["y"]:
        year = _year_value(m["y"])
    elif m["rel"]:
        year = ctx.anchor.year + _STEP[m["rel"]]
        anchored = True
    elif m["rel0"]:  # "last Oct. 23": the latest one before the anchor; "next May 1": the first after
        rel, y = m["rel0"].lower(), ctx.anchor.year
        ahead = (month, day) > (ctx.anchor.month, ctx.anchor.day)
        year = y - (rel == "last" and ahead) + (rel == "next" and not ahead)
        anchored = True
    else:
        year = _infer_year(month, day, ctx)
        anchored = True
    try:
        d = date(year, month, day)
    except (ValueError, TypeError):
        return None
    if m["time"]:
        return _mention("TIME", f"{d.isoformat()}T{_clock_value(m['time'])}", d, d, "day", anchored=anchored)
    return _mention("DATE", d.isoformat(), d, d, "day", anchored=anchored)


# month and year: "March 2017", "September of 2015", "early March", "last July", "June last year"
@_rule(rf"(?P<t>{_MOD}?(?:(?P<rel>last|next|this|past)\s+)?(?P<m>{_MONTH})(?:,?\s+(?:of\s+)?(?P<y>{_YEARW})|\s+(?P<rely>this|last|next)\s+year)?){_END}(?!\.?\s+\d)")
def _month(m: re.Match, ctx: _Context) -> DateMention | None:
    name = m["m"]
    if (name.endswith(".") or name in {"Jan", "Aug"}) and not (m["y"] or m["rely"]):
        return None  # "Jan." alone is more often an abbreviation than a date
    mod = _modifier(m)
    if name == "May" and not (m["y"] or m["rel"] or mod or m["rely"]):
        # "May" the month needs company: "in May", "since May" but not "May I" / "we May"
        if not re.search(r"\b(in|since|until|till|by|from|of|through|during|before|after|early|late|mid|last|next)\s*$",
                         ctx.before(14).lower()):
            return None
    if name == "March" and not (m["y"] or m["rel"] or mod or m["rely"]):
        if re.match(r"\s+(on|to|in|through|against|for|from)\b", ctx.after(5).lower()) and not re.search(
                r"\b(in|since|until|by|of|during|before|after)\s*$", ctx.before(12).lower()):
            return None  # "March on the capital" is a verb
    month = _month_num(name)
    anchored = not m["y"]
    if m["y"]:
        year = _year_value(m["y"])
    elif m["rely"]:
        year = ctx.anchor.year + _STEP[m["rely"]]
    elif m["rel"]:
        rel = m["rel"]
        if rel == "this":
            year = ctx.anchor.year
        elif rel == "past":
            year = ctx.anchor.year if month < ctx.anchor.month else ctx.anchor.year - 1
        elif rel == "last":
            # "last May" is the latest May before the anchor, but the month just gone is "last
            # month": "last February" written in March is the February of the year before
            year = ctx.anchor.year if month < ctx.anchor.month - 1 else ctx.anchor.year - 1
        else:
            year = ctx.anchor.year if month > ctx.anchor.month else ctx.anchor.year + 1
    else:
        year = _infer_year(month, None, ctx)
    start, end = _month_range(year, month)
    start, end = _narrow(start, end, mod)
    return _mention("DATE", f"{year:04d}-{month:02d}", start, end, "month", mod, anchored)


# seasons: "summer 2015", "last winter", "the spring of 2013"
@_rule(rf"(?P<t>{_MOD}?(?:(?P<rel>last|next|this\s+past|this|past)\s+)?(?:the\s+)?(?P<s>[Ss]pring|[Ss]ummer|[Aa]utumn|[Ww]inter|[Ff]all)(?:\s+(?:of\s+)?(?P<y>{_YEARW}))?){_END}")
def _season(m: re.Match, ctx: _Context) -> DateMention | None:
    season = m["s"].lower()
    if not (m["y"] or m["rel"]):
        return None  # bare "fall" / "spring" are usually verbs or nouns
    code = SEASONS[season]
    starts = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}
    a, b = starts[code]
    rel = re.sub(r"\s+", " ", (m["rel"] or "").lower())
    if m["y"]:
        year = _year_value(m["y"])
        if year is None:
            return None
    elif rel in {"this past", "past"}:
        year = ctx.anchor.year if date(ctx.anchor.year, a, 1) <= ctx.anchor else ctx.anchor.year - 1  # the latest begun
    else:
        year = ctx.anchor.year + _STEP[rel]
    start = date(year, a, 1)
    end = _month_range(year + (1 if b < a else 0), b)[1]
    return _mention("DATE", f"{year}-{code}", *_narrow(start, end, _modifier(m)), "season", _modifier(m), not m["y"])


# quarters: "the first quarter of 2017", "Q3 2019", "third-quarter profit", "the 1988 second quarter",
# "next year's first quarter", "the fiscal first quarter"
@_rule(rf"(?P<t>(?:(?:the|(?P<rely>this|last|next)\s+year's|(?P<yp>{_YEAR}))\s+)?(?:(?P<ago>{_YEAR_AGO})\s+)?(?:(?:fiscal|(?P<yp2>{_YEAR}))\s+)?"
       rf"(?P<q>first|second|third|fourth|1st|2nd|3rd|4th)[\s-](?:fiscal\s+)?quarter(?:\s+(?:of\s+)?(?:fiscal\s+)?(?P<y>{_YEAR}))?"
       rf"|\b(?P<qn>Q[1-4])\s+(?P<y2>{_YEAR})){_END}", re.I)
def _quarter(m: re.Match, ctx: _Context) -> DateMention | None:
    raw = (m["q"] or m["qn"]).lower()
    q = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}.get(raw) or int(raw[1])
    explicit = m["y"] or m["y2"] or m["yp"] or m["yp2"]
    if explicit:
        year = int(explicit)
    elif m["rely"]:
        year = ctx.anchor.year + _STEP[m["rely"].lower()]
    else:
        year = ctx.anchor.year
        if date(year, 3 * q - 2, 1) > ctx.anchor and ctx.tense == "past":
            year -= 1
    if m["ago"]:
        year -= 1  # "the year-ago third quarter"
    return _quarter_mention(year, q, anchored=not explicit)


# halves: "the first half of 1990", "the last half of this year", "the first two quarters of 1990"
@_rule(rf"(?P<t>(?:the\s+)?(?P<h>first|second|last|latter)\s+(?:half|two\s+quarters)\s+of\s+(?:(?P<rely>this|last|next)\s+year"
       rf"|(?:the\s+)?(?:fiscal\s+)?(?P<y>{_YEARW}))){_END}", re.I)
def _half(m: re.Match, ctx: _Context) -> DateMention | None:
    year = _year_value(m["y"]) if m["y"] else ctx.anchor.year + _STEP[m["rely"].lower()]
    if year is None:
        return None
    h = 1 if m["h"].lower() == "first" else 2
    start, end = date(year, 6 * h - 5, 1), _month_range(year, 6 * h)[1]
    return _mention("DATE", f"{year}-H{h}", start, end, "half", anchored=not m["y"])


# a number of quarters: "the past two quarters" (bare "three quarters" is a fraction)
@_rule(rf"(?P<t>(?:the\s+)?(?:past|last|previous|next|coming|first|final)\s+(?P<n>{_NUM})\s+(?:fiscal\s+)?quarters){_END}", re.I)
def _quarters(m: re.Match, ctx: _Context) -> DateMention | None:
    n = number(m["n"])
    return _mention("DURATION", f"P{n}Q") if isinstance(n, int) else None


# quarters spoken of again: "the quarter", "the latest quarter", "the year-ago period", "the 1988 quarter"
@_rule(rf"(?P<t>\b(?:the|this|that)\s+(?:(?P<which>latest|current|same|recent|just-ended|past|year-ago|year-earlier|comparable|"
       rf"corresponding|fiscal|(?P<y>{_YEAR}))\s+)?(?P<u>quarter|period)(?:\s+(?P<rel>last\s+year|a\s+year\s+(?:ago|earlier)))?"
       rf"|\blast\s+year's\s+(?P<u2>quarter|period)|\b(?P<adj>year-ago|year-earlier)(?!\s+(?:quarter|period)))(?![\w-])", re.I)
def _quarter_reference(m: re.Match, ctx: _Context) -> DateMention | None:
    which = (m["which"] or "").lower()
    unit = (m["u"] or m["u2"] or "").lower()
    if unit == "period" and not (which or m["rel"]) or unit == "period" and which in {"past", "recent", "same"} and not m["rel"]:
        return None  # "the period" alone is not a date
    if re.match(r"\s+of\b", ctx.after(4)) or (unit and m.group("t")[0].isupper() and ctx.start and ctx.text[ctx.start - 1] not in ".\n\"' "):
        return None  # "the quarter of a century", "the French Quarter"
    if not (ctx.quarter or re.search(r"quarter|period|fiscal|profit|earnings|net|revenue|sales|results", ctx.text, re.I)):
        return None
    year, q = _quarter_base(ctx)
    if which == "current":
        year, q = ctx.anchor.year, (ctx.anchor.month - 1) // 3 + 1
    if which in {"year-ago", "year-earlier"} or m["rel"] or m["u2"] or m["adj"]:
        year -= 1
    if m["y"]:
        year = int(m["y"])
    if m["adj"] and not ctx.quarter:
        return _year_mention(year)
    return _quarter_mention(year, q)


# decades: "the 1990s", "the early 2000s", "the '90s", "the nineties"
@_rule(rf"(?P<t>(?:the\s+)?{_MOD}?(?:(?P<dec>(?:1[6-9]|20)\d0|')(?P<short>\d0)?s|(?P<word>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b)){_END}")
def _decade(m: re.Match, ctx: _Context) -> DateMention | None:
    if m["word"]:
        if not m.group("t").lower().startswith("the"):
            return None  # "in his forties" is an age
        decade = 1900 + 10 * (_TENS.index(m["word"][:-3].lower() + "y") + 2)
    elif m["dec"] == "'":
        if not m["short"]:
            return None
        decade = (1900 if int(m["short"]) > 20 else 2000) + int(m["short"])
    else:
        if m["short"]:
            return None
        decade = int(m["dec"])
    mod = _modifier(m)
    start, end = _narrow(date(decade, 1, 1), date(decade + 9, 12, 31), mod)
    return _mention("DATE", str(decade // 10), start, end, "decade", mod)


# years: "2017", "early 2019", "the end of 2016", "late last year", "this year", "the year two thousand"
@_rule(rf"(?P<t>{_MOD}?(?:(?:the\s+year\s+)?{_NOT_NUMBER}(?P<y>{_YEARW})|(?P<rel>last|next|this|past|previous)\s+year|"
       rf"(?P<inner>earlier|later)\s+(?:this|in\s+the)\s+year)){_END}(?!\s*(?:[-–]\s*\d|per\s?cent|percent|%))", re.I)
def _year(m: re.Match, ctx: _Context) -> DateMention | None:
    mod = _modifier(m)
    anchored = False
    if m["y"]:
        after = m.string[m.end("y"):m.end("y") + 25]
        if re.match(r"\s+(?:people|fighters|troops|soldiers|men|women|children|members|militants|"
                    r"km|kilometres|kilometers|miles|meters|metres|feet|dollars|euros|pounds|cases|"
                    r"deaths|strikes|attacks|refugees|families|residents|votes|times|shares|jobs|units|"
                    r"cars|homes|employees|workers|acres|tons|tonnes|barrels|points)\b", after, re.I):
            return None
        before = m.string[max(0, m.start("y") - 12):m.start("y")]
        if re.search(r"(?:about|some|nearly|over|than|around|approximately|up to|least|No\.?|number|Article|Route|Flight)\s+$", before, re.I):
            return None
        if m["y"][0].isalpha() and not m["y"][0].isupper() and not re.search(r"(?:in|of|since|by|until|year)\s+$", before, re.I):
            return None  # a spelled year needs a cue: "in nineteen ninety-six"
        year = _year_value(m["y"])
        if year is None:
            return None
    elif m["inner"]:
        year, anchored = ctx.anchor.year, True
        if m["inner"].lower() == "earlier":
            start, end = date(year, 1, 1), ctx.anchor
        else:
            start, end = ctx.anchor, date(year, 12, 31)
        return _mention("DATE", str(year), start, end, "year", "", anchored)
    else:
        rel = m["rel"].lower()
        year = ctx.anchor.year + _STEP[rel]
        anchored = True
    start, end = _narrow(date(year, 1, 1), date(year, 12, 31), mod)
    return _mention("DATE", str(year), start, end, "year", mod, anchored)


# "the year" as TimeML reads it: the financial year ("the year ended June 30") or the current one
@_rule(r"(?P<t>\bthe\s+(?:(?P<full>full|fiscal|current(?:\s+fiscal)?)\s+)?year)\b(?![-'])")
def _the_year(m: re.Match, ctx: _Context) -> DateMention | None:
    if re.match(r"\s+(?:ended|ending|to\s+(?:date|[A-Z]))", ctx.after(12)):
        return _mention("DURATION", "P1Y")
    if m["full"] or re.search(r"\b(?:for|of|in|during|through)\s+$", ctx.before(10)) and not re.match(r"\s*(?:'s|of\b)", ctx.after(4)):
        y = ctx.anchor.year
        return _year_mention(y)
    return None


# relative days and weekdays: "yesterday", "on Friday", "last Thursday", "next Monday"
@_rule(rf"(?P<t>(?:(?P<rel>last|next|this|past|coming)\s+)?(?P<wd>{_WEEKDAY})(?P<plural>s)?(?:\s+(?P<part>morning|afternoon|evening|night)(?P<plural2>s)?)?)(?!\s*,?\s+(?:{_MONTH}|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}|\d{{1,2}}[/.-]\d))")
def _weekday(m: re.Match, ctx: _Context) -> DateMention | None:
    target = WEEKDAYS[m["wd"].lower()]
    if m["plural"] or m["plural2"]:
        part = _DAYPART[m["part"]] if m["part"] else ""
        return _mention("SET", f"XXXX-WXX-{target + 1}" + (f"T{part}" if part else ""))
    rel = (m["rel"] or "").lower()
    direction = "future" if rel in {"next", "coming"} else "past" if rel in {"last", "past"} else ctx.tense or "past"
    delta = (ctx.anchor.weekday() - target) % 7
    if direction == "past":
        d = ctx.anchor - timedelta(days=delta)
        if rel == "last" and delta == 0:
            d -= timedelta(days=7)
    else:
        d = ctx.anchor + timedelta(days=(target - ctx.anchor.weekday()) % 7 or (7 if rel == "next" else 0))
    kind, value = "DATE", d.isoformat()
    if m["part"]:
        kind, value = "TIME", f"{d.isoformat()}T{_DAYPART[m['part']]}"
    return _mention(kind, value, d, d, "day", anchored=True)


@_rule(r"(?P<t>\b(?:the\s+day\s+before\s+yesterday|yesterday|today|tomorrow|tonight|"
       r"(?:this|yesterday|tomorrow)\s+(?:morning|afternoon|evening)|last\s+night))\b(?!'s\s+(?:world|society|economy|generation))", re.I)
def _relative_day(m: re.Match, ctx: _Context) -> DateMention | None:
    t = m["t"].lower()
    offset = -2 if "before yesterday" in t else -1 if t.startswith(("yesterday", "last night")) else 1 if t.startswith("tomorrow") else 0
    d = ctx.anchor + timedelta(days=offset)
    part = next((v for k, v in _DAYPART.items() if k in t), None)
    if part:
        return _mention("TIME", f"{d.isoformat()}T{part}", d, d, "day", anchored=True)
    return _mention("DATE", d.isoformat(), d, d, "day", anchored=True)


# lengths as adjectives: "a day-long meeting", "a decades-long battle", "a year-long inquiry"
# ("a" is in the pattern only so that "a decades-long" is not read as "a decade")
@_rule(r"(?P<t>(?:\ban?\s+)?\b(?P<u>hour|day|week|month|year|decade)(?P<many>s)?-long)\b", re.I)
def _long(m: re.Match, ctx: _Context) -> DateMention | None:
    unit = m["u"].lower()
    code = UNIT[unit]
    if m["many"]:
        value = "PXY" if code == "DE" else "PTXH" if unit == "hour" else f"PX{code}"
    else:
        value = "P10Y" if code == "DE" else "PT1H" if unit == "hour" else f"P1{code}"
    return replace(_mention("DURATION", value), start=m.start("u"), end=m.end("t"))  # without the "a"


# "the week of March 6": the week that holds that day
@_rule(rf"(?P<t>\bthe\s+week\s+of\s+(?P<m>{_MONTH})\s+(?P<d>{_DAY})(?:,?\s+(?P<y>{_YEAR}))?){_END}")
def _week_of(m: re.Match, ctx: _Context) -> DateMention | None:
    month, day = _month_num(m["m"]), _day_num(m["d"])
    year = int(m["y"]) if m["y"] else _infer_year(month, day, ctx)
    try:
        d = date(year, month, day)
    except ValueError:
        return None
    return _week_mention(d, anchored=not m["y"])


# a day told from the date before it: "that day", "later that year", "the next morning", "the day after"
@_rule(r"(?P<t>\b(?:(?P<inner>earlier|later)\s+)?that\s+(?:same\s+)?(?P<u>day|morning|afternoon|evening|night|week|month|year)"
       r"|\bthe\s+(?P<dir>next|following|previous)\s+(?P<u2>day|morning|afternoon|evening|night))\b", re.I)
def _anaphoric_day(m: re.Match, ctx: _Context) -> DateMention | None:
    prev = ctx.previous
    if prev is None or prev.date_start is None or not prev.value[:4].isdigit():
        return None  # "that day" with nothing before it to point at is not a date we can give
    unit = (m["u"] or m["u2"]).lower()
    step = {"next": 1, "following": 1, "previous": -1}.get((m["dir"] or "").lower(), 0)
    if unit in {"week", "month", "year"}:
        if prev.precision not in {"day", "week", "month", "year"}:
            return None
        y, mo = prev.date_start.year, prev.date_start.month
        if unit == "year":
            return _year_mention(y, anchored=False)
        if unit == "month" and prev.precision != "year":
            return _mention("DATE", f"{y}-{mo:02d}", *_month_range(y, mo), "month")
        if unit == "week" and prev.precision in {"day", "week"}:
            return _week_mention(prev.date_start, anchored=False)
        return None
    if prev.precision != "day":
        return None
    d = prev.date_start + timedelta(days=step)
    part = _DAYPART.get(unit)
    if part:
        return _mention("TIME", f"{d.isoformat()}T{part}", d, d, "day")
    return _mention("DATE", d.isoformat(), d, d, "day")


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The n-th given weekday of a month (n = -1: the last)."""
    if n > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    last = _month_range(year, month)[1]
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def _easter(year: int) -> date:
    """Western Easter Sunday (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return date(year, month, day + 1)


#: holidays with a fixed or computable date (the ones news in English names most)
_HOLIDAYS: dict[str, Callable[[int], date]] = {
    "new year's day": lambda y: date(y, 1, 1), "new year's eve": lambda y: date(y, 12, 31),
    "valentine's day": lambda y: date(y, 2, 14), "st. patrick's day": lambda y: date(y, 3, 17),
    "independence day": lambda y: date(y, 7, 4), "bastille day": lambda y: date(y, 7, 14),
    "halloween": lambda y: date(y, 10, 31), "veterans day": lambda y: date(y, 11, 11),
    "armistice day": lambda y: date(y, 11, 11), "remembrance day": lambda y: date(y, 11, 11),
    "christmas eve": lambda y: date(y, 12, 24), "christmas day": lambda y: date(y, 12, 25),
    "christmas": lambda y: date(y, 12, 25), "boxing day": lambda y: date(y, 12, 26),
    "thanksgiving day": lambda y: _nth_weekday(y, 11, 3, 4), "thanksgiving": lambda y: _nth_weekday(y, 11, 3, 4),
    "labor day": lambda y: _nth_weekday(y, 9, 0, 1), "memorial day": lambda y: _nth_weekday(y, 5, 0, -1),
    "martin luther king day": lambda y: _nth_weekday(y, 1, 0, 3), "presidents' day": lambda y: _nth_weekday(y, 2, 0, 3),
    "easter sunday": _easter, "easter": _easter, "good friday": lambda y: _easter(y) - timedelta(days=2),
}


@_rule(r"(?P<t>\b(?:(?P<rel>last|next|this)\s+)?(?P<h>" + "|".join(
    re.escape(h).replace("'", "['’]?").replace(r"\ ", r"\s+") for h in sorted(_HOLIDAYS, key=len, reverse=True))
    + rf")(?:\s*,?\s+(?P<y>{_YEAR}))?)\b", re.I)
def _holiday(m: re.Match, ctx: _Context) -> DateMention | None:
    name = re.sub(r"\s+", " ", m["h"].lower().replace("’", "'"))
    name = next((h for h in _HOLIDAYS if h.replace("'", "") == name.replace("'", "")), None)
    if name is None or not m["h"][0].isupper():
        return None  # a holiday's name is capitalised (the pattern ignores case for "last", "next", "this")
    if m["y"]:
        year = int(m["y"])
    else:
        this = _HOLIDAYS[name](ctx.anchor.year)
        rel = (m["rel"] or "").lower()
        if rel == "last":
            year = ctx.anchor.year if this < ctx.anchor else ctx.anchor.year - 1
        elif rel == "next":
            year = ctx.anchor.year if this > ctx.anchor else ctx.anchor.year + 1
        elif rel == "this":
            year = ctx.anchor.year
        else:
            year = _infer_year(this.month, this.day, ctx)
    if name in {"thanksgiving", "easter", "christmas"} and re.match(r"\s+(?:dinner|break|holiday|season|shopping|sales?|weekend|week|vacation|card|tree|party|parade|message)s?\b", ctx.after(12), re.I):
        return None  # "Christmas shopping", "the Thanksgiving weekend": a season, not the day
    d = _HOLIDAYS[name](year)
    return _mention("DATE", d.isoformat(), d, d, "day", anchored=not m["y"])


# a clock time or part of day with its day: "10 p.m. Wednesday", "noon Thursday", "5 p.m. EST Nov. 9",
# "mid-afternoon yesterday"
@_rule(rf"(?P<t>(?:(?P<clock>{_CLOCK})|(?:mid-?|early\s+|late\s+)?(?P<part>morning|afternoon|evening))(?:\s+(?:on\s+)?|,\s+)"
       rf"(?P<day>(?:last\s+|next\s+)?{_WEEKDAY}|yesterday|today|tomorrow|{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?)){_END}", re.I)
def _clock_day(m: re.Match, ctx: _Context) -> DateMention | None:
    day = _parse_piece(m["day"], replace(ctx, start=m.start("day"), end=m.end("day")))
    if day is None or day.date_start is None:
        return None
    d = day.date_start
    if m["part"]:
        return _mention("TIME", f"{d.isoformat()}T{_DAYPART[m['part'].lower()]}", d, d, "day", anchored=day.anchored)
    return _mention("TIME", f"{d.isoformat()}T{_clock_value(m['clock'])}", d, d, "day", anchored=day.anchored)


# "last week", "this month", "next weekend", "earlier this month", "later this week"
@_rule(rf"(?P<t>(?:(?P<inner>earlier|later)\s+)?{_MOD}?{_REL}\s+(?P<u>week|weekend|month|decade|quarter)){_END}", re.I)
def _relative_unit(m: re.Match, ctx: _Context) -> DateMention | None:
    rel, unit = m["rel"].lower(), m["u"].lower()
    step = _STEP[rel]
    a = ctx.anchor
    mod = _modifier(m) or {"earlier": "START", "later": "END"}.get((m["inner"] or "").lower(), "")
    if unit in {"week", "weekend"}:
        monday = a - timedelta(days=a.weekday()) + timedelta(weeks=step)
        y, w, _ = monday.isocalendar()
        if unit == "weekend":
            sat = monday + timedelta(days=5)
            return _mention("DATE", f"{y}-W{w:02d}-WE", sat, sat + timedelta(days=1), "week", anchored=True)
        return _mention("DATE", f"{y}-W{w:02d}", *_narrow(monday, monday + timedelta(days=6), mod), "week", mod, True)
    if unit == "month":
        y, mo = divmod(a.year * 12 + a.month - 1 + step, 12)
        start, end = _month_range(y, mo + 1)
        return _mention("DATE", f"{y}-{mo + 1:02d}", *_narrow(start, end, mod), "month", mod, True)
    if unit == "quarter":
        q0 = (a.month - 1) // 3 + step
        y, q = a.year + q0 // 4, q0 % 4 + 1
        return _quarter_mention(y, q)
    dec = (a.year // 10 + step) * 10
    return _mention("DATE", str(dec // 10), date(dec, 1, 1), date(dec + 9, 12, 31), "decade", mod, True)


# "the weekend": the one just past in a past-tense clause, else the coming one
@_rule(r"(?P<t>\bthe\s+weekend)\b(?!\s+of\b)", re.I)
def _the_weekend(m: re.Match, ctx: _Context) -> DateMention | None:
    a = ctx.anchor
    if ctx.tense == "future" or re.search(r"\b(?:ahead\s+of|before|this)\s+$", ctx.before(12), re.I):
        sat = a + timedelta(days=(5 - a.weekday()) % 7)
    else:
        sat = a - timedelta(days=(a.weekday() - 5) % 7)
    y, w, _ = sat.isocalendar()
    return _mention("DATE", f"{y}-W{w:02d}-WE", sat, sat + timedelta(days=1), "week", anchored=True)


# "three weeks ago", "a month after that", "two years later"; "a month after the vote" is a duration
@_rule(rf"(?P<t>(?P<dur>\b(?P<n>{_NUM})\s+(?P<u>{_UNITS}))\s+(?:or\s+so\s+)?(?P<dir>ago|earlier|later|after\s+that|before\s+that|after|before)\b)", re.I)
def _offset(m: re.Match, ctx: _Context) -> DateMention | None:
    n = number(m["n"])
    unit = re.sub(r"(ie)?s$", "", m["u"].lower()).replace("centur", "century")
    direction = m["dir"].lower()

    def as_duration() -> DateMention | None:  # the span without "after"/"later"
        duration = _duration(m, ctx)
        return duration and replace(duration, start=m.start("dur"), end=m.end("dur"))

    if unit == "decade" and direction in {"ago", "earlier"} and isinstance(n, int):
        unit, n = "year", 10 * n  # "a decade ago" is the year ten years back
    if direction in {"after", "before"} or n is None or not isinstance(n, int) or unit not in {"day", "week", "month", "year"}:
        if direction == "ago" and n == "X":
            return _mention("DATE", "PAST_REF", precision="ref", anchored=True)
        return as_duration()
    base = ctx.anchor
    if direction != "ago":
        if ctx.previous is None or ctx.previous.date_start is None:
            if not (unit == "year" and n == 1 and direction == "earlier"):
                return as_duration()  # "two years later" with nothing to be later than
        else:
            base = ctx.previous.date_start
    sign = -1 if direction in {"ago", "earlier", "before", "before that"} else 1
    if unit == "year" and n == 1 and direction in {"ago", "earlier"} and ctx.quarter:
        year, q = _quarter_base(ctx)  # earnings: "up from $4 million a year earlier"
        return _quarter_mention(year - 1, q)
    if unit == "day":
        d = base + timedelta(days=sign * n)
        return _mention("DATE", d.isoformat(), d, d, "day", anchored=True)
    if unit == "week":
        return _week_mention(base + timedelta(weeks=sign * n))
    if unit == "month":
        y, mo = divmod(base.year * 12 + base.month - 1 + sign * n, 12)
        start, end = _month_range(y, mo + 1)
        return _mention("DATE", f"{y}-{mo + 1:02d}", start, end, "month", anchored=True)
    y = base.year + sign * n
    return _year_mention(y)


# durations: "eight months", "the past several weeks", "more than a year", "a minute and a half"
@_rule(rf"(?P<t>(?:(?:the\s+)?(?:past|last|previous|next|coming|first|final)\s+)?(?P<n>{_NUM})[\s-]+(?P<u>{_UNITS})(?:-long)?"
       rf"(?P<half>\s+and\s+a\s+half)?){_END}", re.I)
def _duration(m: re.Match, ctx: _Context) -> DateMention | None:
    n = number(m["n"])
    if n is None:
        return None
    if re.match(r"(?:-|\s+)old\b|\s+of\s+age\b|\s+younger|\s+older", ctx.text[m.end("u"):m.end("u") + 12]):
        return None  # ages are not durations: "6-year-old", "52 years old"
    unit = re.sub(r"s$", "", m["u"].lower())
    unit = "century" if unit.startswith("centur") else unit
    code = UNIT[unit]
    if m.groupdict().get("half") and isinstance(n, int):
        n += 0.5
    if isinstance(n, float) and not n.is_integer():
        whole = int(n)
        smaller = {"Y": ("M", 6), "M": ("D", 15), "W": ("D", 3), "D": ("H", 12)}
        if unit == "hour":
            return _mention("DURATION", f"PT{whole}H30M" if whole else "PT30M")
        if unit == "minute":
            return _mention("DURATION", f"PT{whole}M30S" if whole else "PT30S")
        if code in smaller:
            small, k = smaller[code]
            rest = f"T{k}H" if small == "H" else f"{k}{small}"
            return _mention("DURATION", f"P{whole}{code}{rest}" if whole else f"P{rest}")
    if isinstance(n, float):
        n = int(n)
    if unit == "hour" and n == 24 and re.search(r"\b(?:the|past|last)\s", m.group("t"), re.I):
        return _mention("DURATION", "P1D")  # TimeML: "the last twenty four hours" is a day
    if unit in {"hour", "minute", "second"}:
        return _mention("DURATION", f"PT{n}{code}")
    if code == "DE":
        n, code = ("X" if n == "X" else n * 10), "Y"
    if code == "CE":
        n, code = ("X" if n == "X" else n * 100), "Y"
    return _mention("DURATION", f"P{n}{code}")


@_rule(r"(?P<t>\b(?:recent|the\s+past|the\s+last)\s+(?P<u>days|weeks|months|years|decades)\b)", re.I)
def _recent(m: re.Match, ctx: _Context) -> DateMention | None:
    if m["t"].lower().startswith("recent"):
        return _mention("DATE", "PAST_REF", precision="ref", anchored=True)  # TimeML: "in recent years"
    code = {"days": "D", "weeks": "W", "months": "M", "years": "Y", "decades": "DE"}[m["u"].lower()]
    return _mention("DURATION", f"PX{code}" if code != "DE" else "PXY")


@_rule(r"(?P<t>\b(?:years|decades|months|weeks)\b)(?=\s*(?:ago|of|[,.;]|$))")
def _vague_duration(m: re.Match, ctx: _Context) -> DateMention | None:
    before = m.string[max(0, m.start("t") - 6):m.start("t")].lower()
    if not re.search(r"\bfor\s+$", before):
        return None
    code = {"years": "Y", "decades": "DE", "months": "M", "weeks": "W"}[m["t"].lower()]
    return _mention("DURATION", f"PX{code}" if code != "DE" else "PXY")


# sets: "every week", "daily", "each year", "every Friday", "each July", "every quarter"
@_rule(rf"(?P<t>\b(?:(?:every|each)\s+(?P<u>day|week|month|year|quarter|morning|night|{_WEEKDAY}|{_MONTH})|(?P<adv>daily|weekly|monthly|annually|yearly|nightly|hourly))\b)", re.I)
def _set(m: re.Match, ctx: _Context) -> DateMention | None:
    u = (m["u"] or m["adv"]).lower()
    if m["adv"] and (re.match(r"\s+[A-Z]", ctx.after(3)) or re.search(r"(?:Party|national|newspaper|the)\s+$", ctx.before(12))):
        return None  # "the Communist Party daily Granma" is a newspaper
    codes = {"day": "P1D", "daily": "P1D", "week": "P1W", "weekly": "P1W", "month": "P1M", "monthly": "P1M",
             "year": "P1Y", "annually": "P1Y", "yearly": "P1Y", "quarter": "P1Q", "quarterly": "P1Q",
             "morning": "TMO", "night": "TNI", "nightly": "TNI", "hourly": "PT1H"}
    if u in WEEKDAYS:
        return _mention("SET", f"XXXX-WXX-{WEEKDAYS[u] + 1}")
    if u.rstrip(".") in MONTHS:
        return _mention("SET", f"XXXX-{_month_num(u):02d}")
    return _mention("SET", codes[u])


# references: "now", "recently", "the past", "the future", "currently", "soon", "in coming months"
@_rule(r"(?P<t>\b(?:now|nowadays|currently|(?:more\s+)?recently|lately|the\s+past|(?:the\s+)?(?:near|distant|foreseeable)\s+future|"
       r"the\s+future|these\s+days|at\s+present|the\s+present|(?:the\s+)?coming\s+(?:days|weeks|months|years))\b)(?!\s+that\b)", re.I)
def _reference(m: re.Match, ctx: _Context) -> DateMention | None:
    t = m["t"].lower()
    if t in {"recently", "lately", "the past"} or t.endswith("recently"):
        return _mention("DATE", "PAST_REF", precision="ref", anchored=True)
    if "future" in t or "coming" in t:
        return _mention("DATE", "FUTURE_REF", precision="ref", anchored=True)
    return _mention("DATE", "PRESENT_REF", precision="ref", anchored=True)


def _clock_value(raw: str) -> str:
    t = raw.lower()
    if t.startswith("noon"):
        return "12:00"
    if t.startswith("midnight"):
        return "24:00"
    hm = re.match(r"(\d{1,2})(?::(\d\d))?", t)
    hour = int(hm[1]) + (12 if "p" in re.sub(r"[a-z]{3}$", "", t) and int(hm[1]) < 12 else 0)
    if "a" in t and hour == 12:
        hour = 0
    return f"{hour:02d}:{hm[2] or '00'}"


# clock times: "8:31 AM", "at 9:30 a.m.", "noon"
@_rule(rf"(?P<t>\b{_CLOCK})")
def _clock(m: re.Match, ctx: _Context) -> DateMention | None:
    if m["t"].lower() in {"noon", "midnight"} and not re.search(r"\b(?:at|by|until|before|after|from|till)\s+$", ctx.before(8)):
        return None
    return _mention("TIME", f"{ctx.anchor.isoformat()}T{_clock_value(m['t'])}", ctx.anchor, ctx.anchor, "day", anchored=True)


def _parse_piece(piece: str, ctx: _Context) -> DateMention | None:
    """The rules' reading of the whole of ``piece`` (a part of a composite expression), a
    day-precision reading preferred."""
    best = None
    for rule in _RULES:
        if rule.handler is _clock_day:
            continue
        m = rule.pattern.fullmatch(piece) or rule.pattern.match(piece)
        if m and m.group("t") == piece:
            found = rule.handler(m, ctx)
            if found is not None and (best is None or found.precision == "day"):
                best = found
    return best


# numeric dates: "2017-03-07", "03/07/2017" (parsed by dateparser, month first as in US news)
@_rule(r"(?P<t>\b(?:(?:19|20)\d\d-[01]\d-[0-3]\d|[01]?\d/[0-3]?\d/(?:19|20)\d\d)\b)")
def _numeric(m: re.Match, ctx: _Context) -> DateMention | None:
    parsed = _parse_with_dateparser(m["t"], ctx.anchor)
    if parsed is None:
        return None
    return _mention("DATE", parsed.isoformat(), parsed, parsed, "day")


def _dateparser_settings(anchor: date) -> dict:
    """The one place geotimeline's state becomes dateparser settings."""
    from datetime import datetime

    return {"RELATIVE_BASE": datetime(anchor.year, anchor.month, anchor.day),
            "DATE_ORDER": "MDY", "PREFER_DAY_OF_MONTH": "first", "RETURN_TIME_AS_PERIOD": True}


def _parse_with_dateparser(text: str, anchor: date) -> date | None:
    import dateparser

    parsed = dateparser.parse(text, languages=["en"], settings=_dateparser_settings(anchor))
    return parsed.date() if parsed else None


# -- tense and modifiers ---------------------------------------------------------------------------

# Words that say which way a clause points in time; the nearest one decides, so in "said it would
# close Monday" it is "would". Prepositions and adjectives that lean forward ("until", "by", "due",
# "next") are weaker than any verb: "had filed reports by Wednesday" and "until Thursday, they had
# not called" are past.
_FUTURE_WORDS = frozenset("""will wo shall 'll would going plan plans planned planning expect expects
expected intend intends scheduled slated payable expire expires resume resumes begin begins start
starts to""".split())
# an election with no verb to date it is one to come: "His seat is up for re-election in November"
_WEAK_FUTURE_WORDS = frozenset("""set until till by due effective upcoming coming next meets opens hosts election
elections reelection""".split())
_PAST_WORDS = frozenset("""was were had did said told ago last earlier previously met took began came saw went made
told gave left fell rose won lost held got brought bought sold paid sent spent struck fought fled flew
ran became broke built caught chose drove found felt kept knew led meant shot sought spoke stood stole
swore taught thought threw wrote arose beat blew drew grew hung hid laid rode sank sat shook slid
swept tore woke wore wept withdrew overthrew forgave froze dealt dug died""".split())
_NOT_PAST_ED = frozenset("""expected scheduled planned slated supposed proposed needed hundred indeed speed
seed feed breed proceed succeed exceed united limited based related armed red bed""".split())
_CLAUSE_END = re.compile(r"[;:!?]|,\s+(?:and|but|while|when|after|before|as|which|who)\b|\b(?:but|while|whereas|that)\b")


#: an occurrence said to be on a day, in the present: "the meeting is at 7 p.m.", "cleanup days are"
_ON_THE_CALENDAR = re.compile(r"\b(?:meeting|hearing|sale|session|services?|concert|ceremony|festival|workshop|"
                              r"forum|fundraiser|day|days)\s+(?:is|are)\b[^.;]{0,30}$", re.I)


def _word_tense(word: str, weak: bool = False) -> str:
    w = word.lower()
    if w in _FUTURE_WORDS or (weak and w in _WEAK_FUTURE_WORDS):
        return "future"
    if weak and w == "since":
        return "past"
    if w in _PAST_WORDS or (w.endswith("ed") and len(w) > 4 and w not in _NOT_PAST_ED):
        return "past"
    return ""


def _tense(text: str, start: int, end: int, sentences: Sequence[Span]) -> str:
    """``past`` or ``future`` as the nearest tense-bearing word of the expression's clause says
    (looking back first, then ahead; verbs before prepositions such as "until"), or ``""`` when
    the clause does not say."""
    for s, e in sentences:
        if s <= start < e:
            break
    else:
        s, e = max(0, start - 150), min(len(text), end + 150)
    before, after = text[s:start], text[end:e]
    cut = list(_CLAUSE_END.finditer(before))
    if cut:
        before = before[cut[-1].end():]
    m = _CLAUSE_END.search(after)
    if m:
        after = after[:m.start()]
    before = re.sub(r"\bnext\s+to\b", " ", before, flags=re.I)  # "next to the embassy" is a place
    before_words = re.findall(r"[\w']+", before)[::-1]
    after_words = [w for w in re.findall(r"[\w']+", after)[:12]
                   if w.lower() not in {"to", "by", "until", "till", "set", "coming", "last", "next", "due"}]
    if re.search(r"\bas\s+(?:early|soon)\s+as\s+$", before, re.I):
        return "future"  # "could arrive as early as Tuesday"
    if _ON_THE_CALENDAR.search(before):
        return "future"  # "The meeting is at 7 p.m. Tuesday": an occurrence on the calendar
    for weak in (False, True):
        for i, word in enumerate(before_words):
            if word.lower() == "to" and not re.match(r"\s*\d", text[start - 1:start]):
                continue  # "to" is future only before a verb ("to resume Monday"), checked below
            if i + 1 < len(before_words) and before_words[i + 1].lower() in {"be", "being"}:
                continue  # "will be held", "to be released": the auxiliary before it decides
            if t := _word_tense(word, weak):
                return t
        if not weak and re.search(r"\bto\s+(?!the\b|a\b)[a-z]+\s+(?:\w+\s+){0,3}$", text[s:start]):
            return "future"
        for word in after_words:
            if t := _word_tense(word, weak):
                return t
    return ""


_LEFT = re.compile(
    r"(?P<mod>\b(?:about|around|approximately|roughly|some|nearly|almost|more\s+than|over|less\s+than|under|"
    r"up\s+to|at\s+least|no\s+more\s+than|at\s+most|only|just|fiscal|earlier|later|late|early|mid-?)"
    r"|\bthe(?:\s+(?:past|last|next|first|previous|coming|following|final|same|entire|full|whole))?)\s+$", re.I)
_LEFT_MODS = {"about": "APPROX", "around": "APPROX", "approximately": "APPROX", "roughly": "APPROX",
              "some": "APPROX", "nearly": "LESS_THAN", "almost": "LESS_THAN", "more than": "MORE_THAN",
              "over": "MORE_THAN", "less than": "LESS_THAN", "under": "LESS_THAN", "up to": "EQUAL_OR_LESS",
              "at least": "EQUAL_OR_MORE", "no more than": "EQUAL_OR_LESS", "at most": "EQUAL_OR_LESS",
              "earlier": "START", "early": "START", "later": "END", "late": "END", "mid": "MID", "mid-": "MID"}


def _extend_left(text: str, start: int, mention: DateMention) -> tuple[int, str]:
    """Take in the words TimeML counts as part of an expression: "nearly two years", "the four
    days", "late yesterday", "fiscal 1989", "the last decade". Returns the new start and the
    modifier's TIMEX3 mod."""
    m = _LEFT.search(text, max(0, start - 40), start)
    if not m:
        return start, ""
    word = re.sub(r"\s+", " ", m["mod"].lower())
    body = text[start:start + 30].lower()
    if word.startswith("the"):
        if word != "the" and (mention.type == "DURATION" or mention.precision == "ref"):
            return m.start("mod"), ""  # "the past three months"
        adjectival = re.match(r"[\w.]+-\w+|(?!(?:a|an|one)\b)\w+\s+(?:day|week|month|year|hour)\b(?!s)", body)
        if mention.type == "DURATION" and word == "the" and not adjectival:
            return m.start("mod"), ""  # "the four days", not "the eight-year war"
        if word == "the" and re.match(r"(?:past|last|next|previous|coming|following)\b", body) and mention.anchored:
            return m.start("mod"), ""  # "the last decade", "the past year"
        return start, ""
    if word == "fiscal":
        return (m.start("mod"), "") if mention.precision in {"year", "quarter"} else (start, "")
    if word in {"earlier", "later", "late", "early", "mid", "mid-"}:
        if mention.type in {"DATE", "TIME"} and mention.precision == "day" and not re.match(r"\d", body):
            return m.start("mod"), _LEFT_MODS[word]
        return start, ""
    if word in {"only", "just"} or not re.match(rf"(?:\d|{_SPELLED}\b|an?\b|several|few|a\s+few|a\s+couple|hundred)", body):
        return start, ""
    if mention.type == "DURATION" or (mention.type == "DATE" and mention.anchored and word in {
            "about", "around", "nearly", "almost", "approximately", "roughly", "some"}):
        return m.start("mod"), _LEFT_MODS.get(word, "")
    if mention.type == "TIME" and word in {"about", "around", "approximately", "roughly"}:
        return m.start("mod"), "APPROX"
    return start, ""
