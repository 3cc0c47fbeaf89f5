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
    for s, e, rule, m in taken:
        ctx = _Context(anchor, _tense(text, s, sentences), previous, published is not None)
        mention = rule.handler(m, ctx)
        if mention is None:
            continue
        mention = replace(mention, start=s, end=e, text=text[s:e])
        if published is None and mention.anchored and not mention.value.endswith("_REF"):
            # nothing to anchor to: say so rather than invent a date from today's
            mention = replace(mention, value="XXXX", date_start=None, date_end=None)
        mentions.append(mention)
        if mention.date_start is not None and mention.type in {"DATE", "TIME"} and mention.precision != "ref":
            previous = mention
    return mentions


def estimate_published(article: Article, sentences: Sequence[Span] | None = None) -> Article:
    """Return the article with an estimated publication date when it has none.

    Evidence, best first: a byline or dateline near the top (a full date with a year, in the
    first 600 characters); else the latest full date in the body. Boilerplate has already been
    removed by :mod:`geotimeline.load`, so sidebars cannot vote. Marked as estimated, with how.
    """
    if article.published is not None:
        return article
    dates = [d for d in find_dates(article.text, None, sentences)
             if d.type in {"DATE", "TIME"} and not d.anchored and d.date_start]
    head = [d for d in dates if d.start < 600 and d.precision in {"day"} and d.date_start.year > 1900]
    if head:
        d = head[0]
        return replace(article, published=d.date_start, published_estimated=True, published_precision="day",
                       published_note=f"estimated from the byline/dateline {d.text!r} (confident)")
    days = [d for d in dates if d.precision == "day"]
    if days:
        d = max(days, key=lambda x: x.date_start)
        return replace(article, published=d.date_start, published_estimated=True, published_precision="month",
                       published_note=f"estimated: latest full date in the text, {d.text!r} (uncertain; "
                                      "the article is at least this recent)")
    coarse = [d for d in dates if d.precision in {"month", "year"}]
    if coarse:
        d = max(coarse, key=lambda x: x.date_end)
        return replace(article, published=d.date_end, published_estimated=True, published_precision="year",
                       published_note=f"estimated: latest date mentioned, {d.text!r} (weak evidence)")
    return replace(article, published=None, published_estimated=True, published_precision="year",
                   published_note="unknown: the text names no date; relative dates are left unanchored")


def split_sentences(text: str) -> list[Span]:
    """Split on sentence punctuation and blank lines (a fallback when spaCy's are not at hand)."""
    spans, start = [], 0
    for m in re.finditer(r"(?<=[.!?…])[\"'”’)]*\s+(?=[\"“‘(]?[A-Z0-9])|\n\s*\n", text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return [s for s in spans if s[1] > s[0]]


# -- rules --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Context:
    anchor: date
    tense: str  # past | future
    previous: DateMention | None
    known: bool  # the anchor is a real publication date


@dataclass(frozen=True)
class _Rule:
    pattern: re.Pattern
    handler: Callable[[re.Match, _Context], DateMention | None]


MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
MONTHS["sept"] = 9
WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
           "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15,
           "twenty": 20, "thirty": 30, "fifty": 50, "hundred": 100, "a couple of": 2, "couple of": 2,
           "a few": "X", "few": "X", "several": "X", "many": "X", "some": "X"}
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
_NUM = r"\b(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|fifty|a\ couple\ of|a\ few|few|several|many)"
_UNITS = r"(?:day|week|month|year|decade|centur(?:y|ie)|hour|minute)s?"
_MOD = r"(?:\b(?P<mod>early|mid-?|late|the\ (?:beginning|start|middle|end|close)\ of|(?:beginning|start|middle|end)\ of)\s*)"
_REL = r"\b(?P<rel>last|next|this|past|coming|previous|following)"
_NOT_NUMBER = r"(?<![\d,.$£€])"
_END = r"(?![\d%])"


def _rule(pattern: str, flags: int = 0):
    def wrap(fn):
        _RULES.append(_Rule(re.compile(pattern, flags | re.X), fn))
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
    """Year for a month (and day) written without one: the occurrence nearest the anchor in
    the sentence's direction (past tense: not after the anchor, bar a week's slack)."""
    y = ctx.anchor.year
    guess = date(y, month, min(day or 1, calendar.monthrange(y, month)[1]))
    if ctx.tense == "past" and guess > ctx.anchor + timedelta(days=7):
        return y - 1
    if ctx.tense == "future" and guess < ctx.anchor - timedelta(days=7 if day else 31):
        return y + 1
    return y


def _month_num(token: str) -> int:
    return MONTHS[token.lower().rstrip(".")]


def _day_num(token: str) -> int:
    return int(re.match(r"\d+", token).group())


# absolute day dates: "March 7, 2017", "7 March 2017", "Thursday 12 March 2015", "March 6 of this year"
@_rule(rf"(?P<t>(?:{_WEEKDAY},?\s+)?(?:(?P<m1>{_MONTH})\s+(?P<d1>{_DAY})|(?:the\s+)?(?P<d2>{_DAY})\s+(?:of\s+)?(?P<m2>{_MONTH}))"
       rf"(?:,?\s+(?P<y>{_YEAR})(?:,?\s+(?P<time>\d{{1,2}}:\d\d(?::\d\d)?(?:\s*[AaPp]\.?[Mm]\.?)?(?:\s+[A-Z]{{2,4}}\b)?))?|\s+of\s+(?P<rel>this|last|next)\s+year)?){_END}")
def _absolute_day(m: re.Match, ctx: _Context) -> DateMention | None:
    month = _month_num(m["m1"] or m["m2"])
    day = _day_num(m["d1"] or m["d2"])
    anchored = False
    if m["y"]:
        year = int(m["y"])
    elif m["rel"]:
        year = ctx.anchor.year + {"this": 0, "last": -1, "next": 1}[m["rel"]]
        anchored = True
    else:
        if (m["m1"] or m["m2"]) == "May" and not m["d1"] and not m["d2"]:
            return None
        year = _infer_year(month, day, ctx)
        anchored = True
    try:
        d = date(year, month, day)
    except ValueError:
        return None
    if m["time"]:
        hm = re.match(r"(\d{1,2}):(\d\d)", m["time"])
        hour = int(hm[1]) + (12 if re.search(r"[Pp]", m["time"]) and int(hm[1]) < 12 else 0)
        return _mention("TIME", f"{d.isoformat()}T{hour:02d}:{hm[2]}", d, d, "day", anchored=anchored)
    return _mention("DATE", d.isoformat(), d, d, "day", anchored=anchored)


# month and year: "March 2017", "September of 2015", "early March", "last July", "since October"
@_rule(rf"(?P<t>{_MOD}?(?:(?P<rel>last|next|this|past)\s+)?(?P<m>{_MONTH})(?:,?\s+(?:of\s+)?(?P<y>{_YEAR}))?){_END}(?!\s+\d)")
def _month(m: re.Match, ctx: _Context) -> DateMention | None:
    name = m["m"]
    if name.endswith(".") and not m["y"]:
        return None  # "Jan." alone is more often an abbreviation than a date
    mod = _modifier(m)
    if name == "May" and not (m["y"] or m["rel"] or mod):
        # "May" the month needs company: "in May", "since May" but not "May I" / "we May"
        before = m.string[max(0, m.start("t") - 12):m.start("t")].lower()
        if not re.search(r"\b(in|since|until|till|by|from|of|through|during|before|after|early|late|mid)\s*$", before):
            return None
    if name in {"March"} and not (m["y"] or m["rel"] or mod):
        before = m.string[max(0, m.start("t") - 12):m.start("t")].lower()
        after = m.string[m.end("t"):m.end("t") + 4].lower()
        if re.match(r"\s+(on|to|in|through|against|for|from)\b", after) and not re.search(
                r"\b(in|since|until|by|of|during|before|after)\s*$", before):
            return None  # "March on the capital" is a verb
    month = _month_num(name)
    anchored = not m["y"]
    if m["y"]:
        year = int(m["y"])
    elif m["rel"]:
        rel = m["rel"]
        if rel == "this":
            year = ctx.anchor.year
        elif rel in {"last", "past"}:
            year = ctx.anchor.year if month < ctx.anchor.month else ctx.anchor.year - 1
        else:
            year = ctx.anchor.year if month > ctx.anchor.month else ctx.anchor.year + 1
    else:
        year = _infer_year(month, None, ctx)
    start, end = _month_range(year, month)
    start, end = _narrow(start, end, mod)
    return _mention("DATE", f"{year:04d}-{month:02d}", start, end, "month", mod, anchored)


# seasons: "summer 2015", "last winter", "the spring of 2013"
@_rule(rf"(?P<t>{_MOD}?(?:(?P<rel>last|next|this|past)\s+)?(?:the\s+)?(?P<s>[Ss]pring|[Ss]ummer|[Aa]utumn|[Ww]inter|[Ff]all)(?:\s+(?:of\s+)?(?P<y>{_YEAR}))?){_END}")
def _season(m: re.Match, ctx: _Context) -> DateMention | None:
    season = m["s"].lower()
    if not (m["y"] or m["rel"]):
        return None  # bare "fall" / "spring" are usually verbs or nouns
    code = SEASONS[season]
    if m["y"]:
        year = int(m["y"])
    else:
        year = ctx.anchor.year + {"this": 0, "last": -1, "past": -1, "next": 1}[m["rel"]]
    starts = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}
    a, b = starts[code]
    start = date(year, a, 1)
    end = _month_range(year + (1 if b < a else 0), b)[1]
    return _mention("DATE", f"{year}-{code}", *_narrow(start, end, _modifier(m)), "season", _modifier(m), not m["y"])


# quarters: "the first quarter of 2017", "Q3 2019"
@_rule(rf"(?P<t>(?:the\s+)?(?P<q>first|second|third|fourth|Q[1-4])\s+(?:quarter\s+)?(?:of\s+)?(?P<y>{_YEAR})|(?:the\s+)?(?P<q2>first|second|third|fourth)\s+quarter)", re.I)
def _quarter(m: re.Match, ctx: _Context) -> DateMention | None:
    raw = (m["q"] or m["q2"]).lower()
    if raw in {"first", "second", "third", "fourth"} and m["q"] and "quarter" not in m.group("t").lower():
        return None
    q = {"first": 1, "second": 2, "third": 3, "fourth": 4}.get(raw) or int(raw[1])
    year = int(m["y"]) if m["y"] else ctx.anchor.year
    start = date(year, 3 * q - 2, 1)
    end = _month_range(year, 3 * q)[1]
    return _mention("DATE", f"{year}-Q{q}", start, end, "quarter", anchored=not m["y"])


# decades: "the 1990s", "the early 2000s", "the '90s"
@_rule(rf"(?P<t>(?:the\s+)?{_MOD}?(?P<dec>(?:1[6-9]|20)\d0|')(?P<short>\d0)?s){_END}")
def _decade(m: re.Match, ctx: _Context) -> DateMention | None:
    if m["dec"] == "'":
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


# years: "2017", "early 2019", "the end of 2016", "late last year", "this year", "last year"
@_rule(rf"(?P<t>{_MOD}?(?:{_NOT_NUMBER}(?P<y>{_YEAR})|(?P<rel>last|next|this|past|previous)\s+year|"
       rf"(?P<inner>earlier|later)\s+this\s+year)){_END}(?!\s*(?:[-–]\s*\d|per\s?cent|percent|%))", re.I)
def _year(m: re.Match, ctx: _Context) -> DateMention | None:
    mod = _modifier(m)
    anchored = False
    if m["y"]:
        after = m.string[m.end("y"):m.end("y") + 25]
        if re.match(r"\s+(?:people|fighters|troops|soldiers|men|women|children|members|militants|"
                    r"km|kilometres|kilometers|miles|meters|metres|feet|dollars|euros|pounds|cases|"
                    r"deaths|strikes|attacks|refugees|families|residents|votes|times)\b", after, re.I):
            return None
        before = m.string[max(0, m.start("y") - 12):m.start("y")]
        if re.search(r"(?:about|some|nearly|over|than|around|approximately|up to|least|No\.?|number)\s+$", before, re.I):
            return None
        year = int(m["y"])
    elif m["inner"]:
        year, anchored = ctx.anchor.year, True
        mod = mod or ("START" if m["inner"].lower() == "earlier" else "END")
        if m["inner"].lower() == "earlier":
            start, end = date(year, 1, 1), ctx.anchor
        else:
            start, end = ctx.anchor, date(year, 12, 31)
        return _mention("DATE", str(year), start, end, "year", "", anchored)
    else:
        rel = m["rel"].lower()
        year = ctx.anchor.year + {"this": 0, "last": -1, "past": -1, "previous": -1, "next": 1}[rel]
        anchored = True
    start, end = _narrow(date(year, 1, 1), date(year, 12, 31), mod)
    return _mention("DATE", str(year), start, end, "year", mod, anchored)


# relative days and weekdays: "yesterday", "on Friday", "last Thursday", "next Monday"
@_rule(rf"(?P<t>(?:(?P<rel>last|next|this|past|coming)\s+)?(?P<wd>{_WEEKDAY})(?:\s+(?P<part>morning|afternoon|evening|night))?)(?!\s*,?\s+(?:{_MONTH}|\d))")
def _weekday(m: re.Match, ctx: _Context) -> DateMention | None:
    target = WEEKDAYS[m["wd"].lower()]
    rel = (m["rel"] or "").lower()
    direction = "future" if rel in {"next", "coming"} else "past" if rel in {"last", "past"} else ctx.tense
    delta = (ctx.anchor.weekday() - target) % 7
    if direction == "past":
        d = ctx.anchor - timedelta(days=delta)
        if rel == "last" and delta == 0:
            d -= timedelta(days=7)
    else:
        d = ctx.anchor + timedelta(days=(target - ctx.anchor.weekday()) % 7 or (7 if rel == "next" else 0))
    kind, value = "DATE", d.isoformat()
    if m["part"]:
        kind, value = "TIME", f"{d.isoformat()}T{ {'morning': 'MO', 'afternoon': 'AF', 'evening': 'EV', 'night': 'NI'}[m['part']]}"
    return _mention(kind, value, d, d, "day", anchored=True)


@_rule(r"(?P<t>\b(?:the\s+day\s+before\s+yesterday|yesterday|today|tomorrow|tonight|"
       r"(?:this|yesterday|tomorrow)\s+(?:morning|afternoon|evening)|last\s+night))\b", re.I)
def _relative_day(m: re.Match, ctx: _Context) -> DateMention | None:
    t = m["t"].lower()
    offset = -2 if "before yesterday" in t else -1 if t.startswith(("yesterday", "last night")) else 1 if t.startswith("tomorrow") else 0
    d = ctx.anchor + timedelta(days=offset)
    parts = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI"}
    part = next((v for k, v in parts.items() if k in t), None)
    if part:
        return _mention("TIME", f"{d.isoformat()}T{part}", d, d, "day", anchored=True)
    return _mention("DATE", d.isoformat(), d, d, "day", anchored=True)


# "last week", "this month", "next weekend", "earlier this month", "later this week"
@_rule(rf"(?P<t>(?:(?P<inner>earlier|later)\s+)?{_MOD}?{_REL}\s+(?P<u>week|weekend|month|decade|quarter)){_END}", re.I)
def _relative_unit(m: re.Match, ctx: _Context) -> DateMention | None:
    rel, unit = m["rel"].lower(), m["u"].lower()
    step = {"last": -1, "past": -1, "previous": -1, "this": 0, "next": 1, "coming": 1, "following": 1}[rel]
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
        return _mention("DATE", f"{y}-Q{q}", date(y, 3 * q - 2, 1), _month_range(y, 3 * q)[1], "quarter", mod, True)
    dec = (a.year // 10 + step) * 10
    return _mention("DATE", str(dec // 10), date(dec, 1, 1), date(dec + 9, 12, 31), "decade", mod, True)


# "three weeks ago", "a month after that", "two years later"
@_rule(rf"(?P<t>\b(?P<n>{_NUM})\s+(?P<u>{_UNITS})\s+(?P<dir>ago|earlier|later|after\s+that|before\s+that|after|before)\b)", re.I)
def _offset(m: re.Match, ctx: _Context) -> DateMention | None:
    n = NUMBERS.get(m["n"].lower(), None) if not m["n"].isdigit() else int(m["n"])
    unit = re.sub(r"(ie)?s$", "", m["u"].lower()).replace("centur", "century")
    if n is None or n == "X" or unit not in {"day", "week", "month", "year"}:
        return None
    direction = m["dir"].lower()
    base = ctx.anchor
    if direction != "ago":
        if ctx.previous is None or ctx.previous.date_start is None:
            return None  # "two years later" with nothing to be later than: a duration, not a date
        base = ctx.previous.date_start
    sign = -1 if direction in {"ago", "earlier", "before", "before that"} else 1
    if unit == "day":
        d = base + timedelta(days=sign * n)
        return _mention("DATE", d.isoformat(), d, d, "day", anchored=True)
    if unit == "week":
        d = base + timedelta(weeks=sign * n)
        y, w, _ = d.isocalendar()
        monday = d - timedelta(days=d.weekday())
        return _mention("DATE", f"{y}-W{w:02d}", monday, monday + timedelta(days=6), "week", anchored=True)
    if unit == "month":
        y, mo = divmod(base.year * 12 + base.month - 1 + sign * n, 12)
        start, end = _month_range(y, mo + 1)
        return _mention("DATE", f"{y}-{mo + 1:02d}", start, end, "month", anchored=True)
    y = base.year + sign * n
    return _mention("DATE", str(y), date(y, 1, 1), date(y, 12, 31), "year", anchored=True)


# durations: "eight months", "the past several weeks", "more than a year", "for years"
@_rule(rf"(?P<t>(?:(?:the\s+)?(?:past|last|previous|next|coming|first)\s+)?(?P<n>{_NUM}|\d+(?:\.\d+)?)[\s-]+(?P<u>{_UNITS})(?:-long)?){_END}", re.I)
def _duration(m: re.Match, ctx: _Context) -> DateMention | None:
    raw = m["n"].lower()
    n = raw if raw.replace(".", "").isdigit() else NUMBERS.get(raw)
    if n is None:
        return None
    unit = re.sub(r"s$", "", m["u"].lower())
    unit = "century" if unit.startswith("centur") else unit
    code = UNIT[unit]
    if unit in {"hour", "minute"}:
        return _mention("DURATION", f"PT{n}{code}")
    if code == "DE":
        n, code = ("X" if n == "X" else int(float(n)) * 10), "Y"
    if code == "CE":
        n, code = ("X" if n == "X" else int(float(n)) * 100), "Y"
    return _mention("DURATION", f"P{n}{code}")


@_rule(r"(?P<t>\b(?:recent|the\s+past|the\s+last)\s+(?P<u>days|weeks|months|years|decades)\b)", re.I)
def _recent(m: re.Match, ctx: _Context) -> DateMention | None:
    code = {"days": "D", "weeks": "W", "months": "M", "years": "Y", "decades": "DE"}[m["u"].lower()]
    return _mention("DURATION", f"PX{code}" if code != "DE" else "PXY")


@_rule(r"(?P<t>\b(?:years|decades|months|weeks)\b)(?=\s*(?:ago|of|[,.;]|$))")
def _vague_duration(m: re.Match, ctx: _Context) -> DateMention | None:
    before = m.string[max(0, m.start("t") - 6):m.start("t")].lower()
    if not re.search(r"\bfor\s+$", before):
        return None
    code = {"years": "Y", "decades": "DE", "months": "M", "weeks": "W"}[m["t"].lower()]
    return _mention("DURATION", f"PX{code}" if code != "DE" else "PXY")


# sets: "every week", "daily", "each year", "every Friday"
@_rule(rf"(?P<t>\b(?:(?:every|each)\s+(?P<u>day|week|month|year|morning|night|{_WEEKDAY})|(?P<adv>daily|weekly|monthly|annually|yearly))\b)", re.I)
def _set(m: re.Match, ctx: _Context) -> DateMention | None:
    u = (m["u"] or m["adv"]).lower()
    codes = {"day": "P1D", "daily": "P1D", "week": "P1W", "weekly": "P1W", "month": "P1M", "monthly": "P1M",
             "year": "P1Y", "annually": "P1Y", "yearly": "P1Y", "morning": "TMO", "night": "TNI"}
    if u in WEEKDAYS:
        return _mention("SET", f"XXXX-WXX-{WEEKDAYS[u] + 1}")
    return _mention("SET", codes[u])


# references: "now", "recently", "the past", "the future", "currently"
@_rule(r"(?P<t>\b(?:now|nowadays|currently|recently|lately|the\s+past|the\s+future|these\s+days|at\s+present|the\s+present)\b)(?!\s+that\b)", re.I)
def _reference(m: re.Match, ctx: _Context) -> DateMention | None:
    t = m["t"].lower()
    if t in {"recently", "lately", "the past"}:
        return _mention("DATE", "PAST_REF", precision="ref", anchored=True)
    if t == "the future":
        return _mention("DATE", "FUTURE_REF", precision="ref", anchored=True)
    return _mention("DATE", "PRESENT_REF", precision="ref", anchored=True)


# clock times: "8:31 AM", "at 9:30 a.m.", "noon"
@_rule(r"(?P<t>\b(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?(?:\s*(?:[AaPp]\.?[Mm]\.?))?(?:\s+(?:GMT|UTC|EST|EDT|PST|IST|CET|BST))?|\b(?:1[0-2]|[1-9])\s*(?:[ap]\.m\.|[AP]M)|\bnoon\b|\bmidnight\b)")
def _clock(m: re.Match, ctx: _Context) -> DateMention | None:
    t = m["t"].lower()
    if t in {"noon", "midnight"}:
        return _mention("TIME", f"{ctx.anchor.isoformat()}T{'12:00' if t == 'noon' else '24:00'}", ctx.anchor, ctx.anchor, "day", anchored=True)
    hm = re.match(r"(\d{1,2})(?::(\d\d))?", t)
    hour = int(hm[1]) + (12 if "p" in t and int(hm[1]) < 12 else 0)
    return _mention("TIME", f"{ctx.anchor.isoformat()}T{hour:02d}:{hm[2] or '00'}", ctx.anchor, ctx.anchor, "day", anchored=True)


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


_FUTURE = re.compile(r"\b(will|won't|shall|'ll|going to|plans? to|planned|expects? to|expected to|"
                     r"scheduled|upcoming|next|would|intends? to|is to|are to)\b", re.I)


_PAST = re.compile(r"\b(said|was|were|had|did|took|began|came|saw|\w{3,}ed)\b", re.I)


def _tense(text: str, pos: int, sentences: Sequence[Span]) -> str:
    """Return ``future`` when the sentence around ``pos`` speaks of the future, else ``past``."""
    for s, e in sentences:
        if s <= pos < e:
            sentence = text[s:e]
            break
    else:
        sentence = text[max(0, pos - 150):pos + 150]
    # news reports the past; only explicit future markers, with no past-tense verb, turn it round
    return "future" if _FUTURE.search(sentence) and not _PAST.search(sentence) else "past"
