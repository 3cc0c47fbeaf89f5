"""[Toponym] -> [Place]: rank each name's gazetteer candidates with the article as context.

Evidence, combined as a score per candidate:

- feature prior: countries, continents, curated regions and features for bare names; capitals
  before other places of the same name; a first-level division only when the text says
  "province"/"state"... or no place of its name lies inside it;
- population (log scale), so big places win when nothing else speaks;
- the article's countries (named, or implied by demonyms) and first-level divisions; a country
  nothing else in the article lies in gives way to a reading where everything else lies;
- how the name is written: "Name, Container" both ways ("Buffalo, New York"), a list of one
  kind of place ("Oregon, Washington and Idaho"), a town's words ("a Palestine man"), a list of
  counties ("Barrow and Jackson counties": the names are looked up as counties);
- spatial coherence: near the other places the article names, and near some reading of the
  other names ("Palestine" and "Elkhart" both have a reading in one Texas county);
- one sense per name per article: every mention of a name gets the same place.

``Place.score`` is the winner's share of the candidates' softmax; ``why`` and
``alternatives`` say how it won, so a user can spot a wrong pick.
"""

from __future__ import annotations

import functools
import json
import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from itertools import pairwise
from pathlib import Path

from .gazetteer import DIVISIONS, SETTLEMENTS, Gazetteer, fold, haversine_km, same_name
from .records import GazetteerEntry, Place, Toponym
from .settings import Settings
from .toponyms import admin_word_near, county_names, county_word_near, town_word_near

#: the kinds of entry with a weight of their own (``is_<kind>``); other kinds are ``is_physical``
FEATURES = ("country", "continent", "region", "capital", "admin1", "admin2", "city")
#: the fitted weights of the evidence (see :func:`features`), shipped beside the script that refits
#: them (``benchmarks/fit_resolver.py``); the ``resolver_weights`` setting points elsewhere
WEIGHTS_FILE = "resolver_weights.json"
OWN_CITY_SHARE = 0.1  # a division named after a city holding this share of its people means the city
NEAR_KM = 150.0  # "near another place the article names"
MAX_SUPPORT = 3  # a candidate counts at most this many other names with a reading near it
MAX_SUPPORTERS = 5  # a name with more readings than this supports nothing
#: evidence no gold data tests, weighed as the evidence it stands for: a focus the user gives
#: counts as much as a country the article names, or another place it names nearby
TIED_WEIGHTS = {"focus_country": "country_named", "focus_area": "near_other_place"}
MAX_CANDIDATES = 50
MAX_PASSES = 5  # context passes: each scores every name with the last pass's winners as context


def resolver_weights(settings: Settings | None = None) -> tuple[dict[str, float], float]:
    """``(weights, sharpness)``: the shipped fitted weights, or those of the ``resolver_weights``
    setting's file. Sharpness turns score differences into shares (a softmax temperature)."""
    path = (settings.resolver_weights if settings else "") or ""
    return _load_weights(path)


@functools.lru_cache(maxsize=8)
def _load_weights(path: str) -> tuple[dict[str, float], float]:
    from .errors import SettingsError

    try:
        text = (Path(path).read_text(encoding="utf-8") if path
                else (resources.files("geotimeline") / "data" / WEIGHTS_FILE).read_text(encoding="utf-8"))
        data = json.loads(text)
        weights = {str(k): float(v) for k, v in data["weights"].items()}
        for tied, to in TIED_WEIGHTS.items():
            weights.setdefault(tied, weights.get(to, 0.0))
        return weights, float(data.get("sharpness", 1.0))
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise SettingsError(f"resolver_weights {path or WEIGHTS_FILE}: cannot read the weights ({exc})") from None


@dataclass(frozen=True)
class Focus:
    """Where the user says the news is (the ``focus`` setting, ``--focus``, or an article's
    ``focus`` in the manifest): countries, or a circle. Readings inside it gain as much as a
    reading in a country the article names (or near another place it names, for a circle);
    nothing outside is excluded."""

    countries: frozenset[str] = frozenset()
    lat: float = 0.0
    lon: float = 0.0
    radius_km: float = 0.0

    def contains(self, e: GazetteerEntry) -> bool:
        if self.countries:
            return e.country_code in self.countries
        return haversine_km(self.lat, self.lon, e.lat, e.lon) <= self.radius_km

    @property
    def feature(self) -> str:
        return "focus_country" if self.countries else "focus_area"

    def __str__(self) -> str:
        if self.countries:
            return ",".join(sorted(self.countries))
        return f"{self.lat:g},{self.lon:g},{self.radius_km:g} km"


_NUMBER = re.compile(r"[-+]?\d+(?:\.\d*)?")


def parse_focus(text: str, gazetteer: Gazetteer | None = None) -> Focus | None:
    """Read a focus: country codes or names (``"UA,RU"``, ``"Ukraine; Russia"``), or a circle
    ``"lat,lon,radius_km"``. Empty means none. Raises ``ValueError`` saying what is wrong; with a
    gazetteer, country names become codes and unknown countries are errors.

    >>> parse_focus("ua, ru").countries == {"UA", "RU"}
    True
    >>> str(parse_focus("46.48,30.72,150"))
    '46.48,30.72,150 km'
    """
    parts = [p.strip() for p in re.split(r"[,;]", text or "") if p.strip()]
    if not parts:
        return None
    if all(_NUMBER.fullmatch(p) for p in parts):
        if len(parts) != 3:
            raise ValueError(f"focus {text!r}: a circle is lat,lon,radius_km (three numbers)")
        lat, lon, radius = map(float, parts)
        if not (-90 <= lat <= 90 and -180 <= lon <= 180 and radius > 0):
            raise ValueError(f"focus {text!r}: needs -90 <= lat <= 90, -180 <= lon <= 180 and a radius above 0 km")
        return Focus(lat=lat, lon=lon, radius_km=radius)
    codes = set()
    for part in parts:
        if _NUMBER.fullmatch(part) or not re.fullmatch(r"[^\W\d_][\w .'()-]*", part):
            raise ValueError(f"focus {text!r}: {part!r} is neither a country (code or name) nor part of lat,lon,radius_km")
        if gazetteer is None:
            codes.add(part.upper() if len(part) == 2 else part)
            continue
        country = gazetteer.country(part) if len(part) == 2 else None
        if country is None:
            country = next((e for e in gazetteer.candidates(part) if e.feature == "country"), None)
        if country is None:
            raise ValueError(f"focus {text!r}: no country with the code or name {part!r} in the gazetteer")
        codes.add(country.country_code)
    return Focus(countries=frozenset(codes))


def resolve(toponyms: Sequence[Toponym], text: str, gazetteer: Gazetteer,
            settings: Settings | None = None, focus: Focus | None = None) -> list[Place]:
    """Resolve every toponym to its most likely gazetteer entry (unknown names are dropped).

    >>> gaz = Gazetteer.from_entries([
    ...     GazetteerEntry("1", "Iraq", 33.0, 44.0, "country", "IQ", population=38_000_000),
    ...     GazetteerEntry("2", "Sinjar", 36.32, 41.88, "city", "IQ", population=38_000),
    ...     GazetteerEntry("3", "Sinjar", 35.7, 37.0, "city", "SY", population=40_000)])
    >>> text = "Kurds retook Sinjar in Iraq."
    >>> places = resolve([Toponym(13, 19, "Sinjar"), Toponym(23, 27, "Iraq")], text, gaz)
    >>> places[0].entry.country_code
    'IQ'
    """
    ranked = rank_candidates(toponyms, text, gazetteer, settings, focus=focus)
    places: list[Place] = []
    for t in toponyms:
        scored = ranked.get(_name_key(t))
        if not scored:
            continue
        share, best, why = scored[0]
        alts = tuple((e.id, _label(e), share_) for share_, e, _ in scored[1:4])
        places.append(Place(t, best, share, why, alts))
    places.sort(key=lambda p: p.start)
    return places


def rank_candidates(toponyms: Sequence[Toponym], text: str, gazetteer: Gazetteer,
                    settings: Settings | None = None, trace: dict | None = None,
                    focus: Focus | None = None) -> dict[tuple[str, str], list[tuple[float, GazetteerEntry, str]]]:
    """Rank every candidate of every name: ``{(folded name, kind): [(share, entry, why), ...]}``,
    best first. Shares are the softmax of the scores (they sum to 1 per name). One sense per
    name per article: the ranking is per name, not per mention. ``trace``, if given, receives
    every candidate's features at the last pass, ``{(name, kind): [(entry, features), ...]}``
    (what ``benchmarks/fit_resolver.py`` fits the weights on). ``focus`` favours the readings
    inside it."""
    by_name: dict[tuple[str, str], list[Toponym]] = defaultdict(list)
    for t in toponyms:
        by_name[_name_key(t)].append(t)

    def at_any_mention(test) -> set[tuple[str, str]]:
        return {name_kind for name_kind, tops in by_name.items() if any(test(text, t.start, t.end) for t in tops)}

    county_words = at_any_mention(county_word_near)
    candidates: dict[tuple[str, str], list[GazetteerEntry]] = {}
    for (key, kind), tops in by_name.items():
        kinds = ("demonym",) if kind == "demonym" else ("name", "alt")
        found = gazetteer.candidates(tops[0].text, kinds=kinds)
        if kind == "demonym":
            found = [e for e in found if e.feature == "country"]
        elif (key, kind) in county_words:
            # "Jackson and Barrow counties": the counties called so, where the gazetteer has them
            found = [e for c in county_names(tops[0].text) for e in gazetteer.candidates(c)
                     if e.feature == "admin2"] or found
        if found:
            candidates[(key, kind)] = found[:MAX_CANDIDATES]

    # pass 1: what the article is about - countries named outright or by demonym
    countries: set[str] = set()
    for (_, kind), found in candidates.items():
        if kind == "demonym" or found[0].feature == "country":
            countries.add(found[0].country_code)
    admin_words = at_any_mention(admin_word_near)
    town_words = at_any_mention(town_word_near)
    containers = _containers(toponyms, text)
    in_towns = _containers(toponyms, text, connectors={" in "}, between=_FACILITY_IN)
    contained: dict[tuple[str, str], set[tuple[str, str]]] = defaultdict(set)
    for inner, outers in containers.items():
        for outer in outers:
            contained[outer].add(inner)
    peers = _list_peers(toponyms, text)
    support = _support(candidates, {k: tops[0].text for k, tops in by_name.items()})

    # pass 2: score without spatial context; then again with the last pass's winners as context,
    # until they settle: "Georgia" read as the state in one pass makes it context for "Atlanta" in the next
    def score_all(anchors: dict[tuple[str, str], GazetteerEntry] | None):
        anchors = anchors or {}
        out = {}
        for name_kind, found in candidates.items():
            others = {k: e for k, e in anchors.items() if k != name_kind}
            ctx = _Context(
                key=name_kind[0], demonym=name_kind[1] == "demonym", admin_word=name_kind in admin_words,
                town_word=name_kind in town_words,
                countries=countries, inferred=_inferred_countries(others.values()),
                admin1_named={e.admin1 for e in others.values() if e.feature == "admin1"},
                containers=[anchors[c] for c in containers.get(name_kind, ()) if c in anchors],
                others=list(others.values()),
                inside=[candidates[c] for c in contained.get(name_kind, ()) if c in candidates],
                peers=[anchors[p] for p in peers.get(name_kind, ()) if p in anchors],
                support=support.get(name_kind, {}), focus=focus,
            )
            scored = []
            for e in found:
                f, why = features(e, found, ctx)
                scored.append((score_of(f, weights), e, why, f))
            scored.sort(key=lambda x: (-x[0], -x[1].population, x[1].id))
            out[name_kind] = scored
        return out

    weights, sharpness = resolver_weights(settings)

    final = score_all(None)
    for _ in range(MAX_PASSES):
        anchors = {k: v[0][1] for k, v in final.items()}
        final = score_all(anchors)
        if all(v[0][1] is anchors[k] for k, v in final.items()):
            break
    if trace is not None:
        trace.update({k: [(e, f) for _, e, _, f in v] for k, v in final.items()})
    ranked = {}
    for name_kind, scored in final.items():
        best = scored[0][0]
        shares = [math.exp(sharpness * (s - best)) for s, *_ in scored]
        total = sum(shares)
        ranked[name_kind] = [(round(w / total, 3), e, why) for w, (_, e, why, _) in zip(shares, scored, strict=True)]
        outer = _missing_inside(name_kind, candidates[name_kind], containers, final) \
            or _missing_in_town(name_kind, candidates[name_kind], in_towns, final)
        if outer is not None:
            # "Grantville, Pennsylvania" with no Grantville in Pennsylvania in the gazetteer: the
            # state the text names, not a namesake elsewhere the reader would know is wrong
            why = f"no {by_name[name_kind][0].text} in {outer.name} in the gazetteer: placed at {outer.name}, as the text says"
            ranked[name_kind] = [(1.0, outer, why)] + [(0.0, e, w) for _, e, w in ranked[name_kind]]
    return ranked


def _missing_inside(name_kind, found, containers, final) -> GazetteerEntry | None:
    """The state or country that "Name, Container" puts a name in when none of the name's
    readings lies inside it."""
    for c in containers.get(name_kind, ()):
        outer = final[c][0][1] if c in final else None
        if outer is None or outer.feature not in {"admin1", "country"}:
            continue
        if any(_LEVEL.get(e.feature, 0) >= _LEVEL[outer.feature] for e in found):
            continue  # "China, Japan": a list of peers, not one inside the other
        if not any(within(e, outer) for e in found):
            return outer
    return None


def _missing_in_town(name_kind, found, in_towns, final) -> GazetteerEntry | None:
    """The town that "Name in Town" puts a name in when the name's readings are all other towns
    away from it: "near Hopkins Park in DeKalb" is a park of DeKalb, not the village of Hopkins
    Park 100 km off (a part of a town the gazetteer lacks: a park, a ranch, a neighbourhood)."""
    for c in in_towns.get(name_kind, ()):
        town = final[c][0][1] if c in final else None
        if town is None or town.feature not in SETTLEMENTS:
            continue
        if all(e.feature in SETTLEMENTS and haversine_km(e.lat, e.lon, town.lat, town.lon) > IN_TOWN_KM
               for e in found):
            return town
    return None


#: how far from a town a place "in" it may lie
IN_TOWN_KM = 30


def _name_key(t: Toponym) -> tuple[str, str]:
    return fold(t.text), t.kind


@dataclass
class _Context:
    """What the rest of the article says about one name."""

    key: str  # the folded name
    demonym: bool
    admin_word: bool  # "province", "state"... follows a mention
    town_word: bool  # "City Council", "police", "a ... man" follows a mention, or "city of" precedes it
    countries: set[str]  # named outright or by demonym
    inferred: dict[str, float]  # country -> share of the other places lying in it
    admin1_named: set[str]
    containers: list[GazetteerEntry]  # what "Name, Container" puts it in
    others: list[GazetteerEntry]
    inside: list[list[GazetteerEntry]]  # the candidates of each name this one contains ("Buffalo, New York")
    peers: list[GazetteerEntry]  # the other members of a list it is written in
    support: dict[str, list[str]]  # candidate id -> the other names (as written) with a reading near it
    focus: Focus | None = None  # where the user says the news is


_CONTAINED_IN = {", ", ",", " in ", " in the ", " province of ", " state of ", " region of "}


def _containers(toponyms: Sequence[Toponym], text: str, connectors: set[str] = frozenset(),
                between: re.Pattern | None = None) -> dict[tuple[str, str], set[tuple[str, str]]]:
    """``{name: {container name}}`` for every "Name, Container" ("Gainesville, Ga."), "Name in
    Container" ("Fuyang in Anhui province") and "Name province of Container" ("the Punjab province
    of Pakistan"); with ``between``, also where that pattern joins them."""
    out: dict[tuple[str, str], set[tuple[str, str]]] = defaultdict(set)
    ordered = sorted(toponyms, key=lambda t: t.start)
    for a, b in pairwise(ordered):
        gap = text[a.end:b.start]
        if a.kind == b.kind == "literal" and (gap in (connectors or _CONTAINED_IN)
                                              or (between is not None and between.fullmatch(gap))):
            out[_name_key(a)].add(_name_key(b))
    return out


#: a facility named for a place, in a town: "Heathrow airport in London", "Hopkins Park in DeKalb"
_FACILITY_IN = re.compile(r"\s+(?:International\s+)?(?:[Aa]irport|[Pp]ark|[Rr]anch|[Nn]eighbou?rhood|[Ss]tation|"
                          r"[Pp]rison|[Cc]amp|[Mm]all|[Ss]tadium|[Hh]arbou?r)\s+in\s+")


_LIST_SEPARATORS = {", ", ",", " and ", ", and ", " or ", ", or ", " & ", "/"}


def _list_peers(toponyms: Sequence[Toponym], text: str) -> dict[tuple[str, str], set[tuple[str, str]]]:
    """``{name: {the other names of its list}}`` for names written as a list ("Texas, Georgia
    and Ohio", "Mexico, China, Japan"). A pair joined only by a comma may be "Name, Container"
    and is left to :func:`_containers`."""
    out: dict[tuple[str, str], set[tuple[str, str]]] = defaultdict(set)
    group: list[Toponym] = []
    seps: list[str] = []

    def close():
        if len(group) >= 3 or (len(group) == 2 and seps[0].strip(", ")):
            keys = {_name_key(t) for t in group}
            for k in keys:
                out[k] |= keys - {k}

    for t in sorted(toponyms, key=lambda t: t.start):
        if t.kind != "literal":
            continue
        if group and text[group[-1].end:t.start] in _LIST_SEPARATORS:
            seps.append(text[group[-1].end:t.start])
            group.append(t)
            continue
        close()
        group, seps = [t], []
    close()
    return out


_LEVEL = {"country": 3, "admin1": 2, "admin2": 1}


def _peer_of(found: list[GazetteerEntry], outer: GazetteerEntry) -> bool:
    """Whether a name has a reading as high as ``outer`` that ``outer`` does not contain: then
    "Georgia, Illinois" lists two states rather than putting one inside the other."""
    level = _LEVEL.get(outer.feature, 0)
    return any(_LEVEL.get(e.feature, 0) >= level and not within(e, outer) for e in found)


def _support(candidates: dict[tuple[str, str], list[GazetteerEntry]],
             written: dict[tuple[str, str], str]) -> dict[tuple[str, str], dict[str, list[str]]]:
    """For each candidate of each name, the other names that have some reading near it (within
    ``NEAR_KM``, or inside it for a division). Unlike nearness to the other names' current
    winners, this finds the one county where "Palestine", "Elkhart" and "Grapeland" all lie,
    even when each alone would be read elsewhere. Names with many readings ("Springfield")
    support nothing: some reading of theirs is near almost anywhere."""
    local = {k: [e for e in found if e.feature in SETTLEMENTS or e.feature == "admin2"]
             for k, found in candidates.items() if len(found) <= MAX_SUPPORTERS}
    out: dict[tuple[str, str], dict[str, list[str]]] = {}
    for key, found in candidates.items():
        per: dict[str, list[str]] = {}
        for e in found:
            if e.feature not in SETTLEMENTS and e.feature not in DIVISIONS and e.feature != "country":
                continue
            names = [written[other] for other, readings in local.items() if other[0] != key[0] and any(
                _near_or_inside(c, e) for c in readings)]
            if names:
                per[e.id] = names
        out[key] = per
    return out


def _near_or_inside(c: GazetteerEntry, e: GazetteerEntry) -> bool:
    """Whether a local reading ``c`` (a place or county) lies inside ``e``, a country or
    first-level division, or near ``e``, anything else."""
    if e.feature in {"country", "admin1"}:
        return within(c, e)
    return abs(c.lat - e.lat) < NEAR_KM / 111 and haversine_km(c.lat, c.lon, e.lat, e.lon) < NEAR_KM


def within(e: GazetteerEntry, c: GazetteerEntry) -> bool:
    """Whether ``c`` (a country, division or place) contains ``e``; a division counts as inside
    itself, so a name's own reading never makes it a peer of that reading."""
    if e.feature == "country" or _LEVEL.get(e.feature, 0) >= _LEVEL.get(c.feature, 0) > 0 and e.id != c.id:
        return False
    if c.feature == "country":
        return e.country_code == c.country_code
    if c.feature == "admin1":
        return e.admin1 == c.admin1 and e.country_code == c.country_code
    if c.feature == "admin2":
        return e.feature in SETTLEMENTS and haversine_km(e.lat, e.lon, c.lat, c.lon) < 60
    if c.feature == "island":
        # no island outlines are shipped: a town near the island's point is on it ("Moria, Lesvos")
        return e.feature in SETTLEMENTS and e.country_code == c.country_code \
            and haversine_km(e.lat, e.lon, c.lat, c.lon) < ISLAND_KM
    return False


#: how far from an island's point a town "on" it may lie (no outlines are shipped: big islands
#: contain less than they should, never more)
ISLAND_KM = 60


def _inferred_countries(others) -> dict[str, float]:
    """The share of the article's other places (countries among them; continents and regions
    not) lying in each country: "Georgia" next to "Atlanta" and "Macon" is the state."""
    ccs = [e.country_code for e in others if e.country_code and e.feature not in {"continent", "region"}]
    return {cc: n / len(ccs) for cc, n in Counter(ccs).items()} if ccs else {}


def _named_like_its_division(e: GazetteerEntry, found: list[GazetteerEntry], key: str) -> bool:
    """A city whose division is named after it, under a spelling GeoNames gives the division but
    not the city: "Gomel" is the Gomel region's name and one of Homyel''s. The name is the city's as
    much as the division's. Not a city named apart with a word of its own ("New York City",
    "Quebec City"): there the bare name is the division's."""
    if e.feature not in SETTLEMENTS:
        return False
    name = fold(e.name)
    return any(c.feature == "admin1" and c.admin1 == e.admin1 and c.country_code == e.country_code
               and same_name(fold(c.name), key) and e.population >= OWN_CITY_SHARE * c.population
               and not (name.startswith(fold(c.name) + " ") or name.endswith(" " + fold(c.name)))
               for c in found)


def features(e: GazetteerEntry, found: list[GazetteerEntry], ctx: _Context) -> tuple[dict[str, float], str]:
    """The evidence for reading the name as ``e``: ``({feature: value}, why)``. A candidate's
    score is the weighted sum (:func:`score_of`); the weights are fitted on gold data."""
    f: dict[str, float] = {}
    why = []
    kind = e.feature if e.feature in FEATURES else "physical"
    prior = f"is_{kind}"
    if e.feature in DIVISIONS:
        if ctx.admin_word:
            f["admin_word"] = 1.0
            why.append('"province"/"state" follows the name')
        elif any(c.feature in SETTLEMENTS and c.admin1 == e.admin1 and c.country_code == e.country_code
                 and c.population >= OWN_CITY_SHARE * e.population for c in found):
            prior = "division_of_own_city"  # a division named after its own city: the city is meant
        elif any(c.feature == "capital" and c.country_code == e.country_code for c in found):
            prior = "division_of_capital_name"  # "Washington": the capital, unless the article is about the state
    f[prior] = 1.0
    if ctx.town_word and e.feature in SETTLEMENTS and not ctx.admin_word:
        f["town_word"] = 1.0
        why.append("a town's council, police or people are named")
    population = math.log10(e.population + 1)
    # a division's or a country's people are counted over an area, a town's in one place: their
    # populations weigh differently ("Washington" alone is the capital, not the state)
    f["log_population" if e.feature in SETTLEMENTS else "area_log_population"] = population
    # how widely known: the number of names it has in the world's languages (Odesa, Ukraine about
    # 70; Odessa, Texas about 15)
    f["log_names"] = math.log10(e.names + 1)
    if ctx.demonym:
        f["demonym_log_population"] = population  # "French" is France before Réunion
    elif e.feature == "country" and ctx.inferred and not ctx.inferred.get(e.country_code) and any(
            c.feature != "country" and ctx.inferred.get(c.country_code, 0.0) >= 0.5 for c in found):
        f["isolated_country"] = 1.0
        why.append(f"nothing else in the article lies in {e.country_code}")
    why.append(f"{e.feature}")
    if e.population:
        why.append(f"population {e.population:,}")
    if same_name(fold(e.name), ctx.key) or _named_like_its_division(e, found, ctx.key):
        f["exact_name"] = 1.0
    for c in ctx.containers:
        if within(e, c) and not _peer_of(found, c):
            f["container"] = 1.0
            why.append(f"in {c.name}, as the text says")
            break
    if e.feature in _LEVEL:
        for inner in ctx.inside:
            if any(within(i, e) for i in inner) and not _peer_of(inner, e):
                f["contains"] = 1.0
                why.append("contains the place named before it")
                break
    if ctx.peers and e.feature in {"country", "admin1"}:
        same = [p for p in ctx.peers if p.feature == e.feature
                and (e.feature == "country" or p.country_code == e.country_code)]
        if len(same) * 2 > len(ctx.peers):
            f["list_peer"] = 1.0
            why.append(f"listed with other {'countries' if e.feature == 'country' else 'divisions of ' + e.country_code}")
    if e.country_code and e.feature != "country":
        if e.country_code in ctx.countries:
            f["country_named"] = 1.0
            why.append(f"article names its country ({e.country_code})")
        elif ctx.inferred.get(e.country_code, 0.0) >= 0.5:
            f["country_inferred"] = ctx.inferred[e.country_code]
            why.append(f"article's places lie mostly in {e.country_code}")
    if e.admin1 and e.admin1 in ctx.admin1_named and e.feature != "admin1":
        f["admin1_named"] = 1.0
        why.append("article names its province/state")
    if ctx.others and e.feature not in {"country", "continent", "region"}:
        near = [o for o in ctx.others if o.feature not in {"continent", "region", "country"}
                and haversine_km(e.lat, e.lon, o.lat, o.lon) < NEAR_KM]
        if near:
            f["near_other_place"] = 1.0
            why.append(f"near {near[0].name}")
    if ctx.focus is not None and ctx.focus.contains(e):
        f[ctx.focus.feature] = 1.0
        why.append(f"inside the focus ({ctx.focus})")
    if names := ctx.support.get(e.id):
        f["supported"] = float(min(len(names), MAX_SUPPORT))
        why.append(f"{', '.join(names[:3])} can lie near it")
    return f, "; ".join(why)


def score_of(f: dict[str, float], weights: dict[str, float]) -> float:
    return sum(weights.get(k, 0.0) * v for k, v in f.items())


def _label(e: GazetteerEntry) -> str:
    return f"{e.name} ({e.feature}, {e.country_code})" if e.country_code else f"{e.name} ({e.feature})"
