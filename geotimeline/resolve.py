"""[Toponym] -> [Place]: rank each name's gazetteer candidates with the article as context.

Evidence, combined as a score per candidate:

- feature prior: countries, continents, curated regions and features for bare names; capitals
  before other places of the same name; a first-level division only when the text says
  "province"/"state"... or no place of its name lies inside it;
- population (log scale), so big places win when nothing else speaks;
- the article's countries (named, or implied by demonyms) and first-level divisions;
- spatial coherence: near the other places the article names;
- one sense per name per article: every mention of a name gets the same place.

``Place.score`` is the winner's share of the candidates' softmax; ``why`` and
``alternatives`` say how it won, so a user can spot a wrong pick.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence

from .gazetteer import Gazetteer, fold, haversine_km
from .records import GazetteerEntry, Place, Toponym
from .settings import Settings
from .toponyms import admin_word_follows

FEATURE_PRIOR = {"country": 2.0, "continent": 2.0, "region": 2.0, "capital": 0.7, "admin1": 0.0, "city": 0.0}
PHYSICAL_PRIOR = 1.8  # seas, straits, deserts, valleys... (curated: named by news on purpose)
COUNTRY_CONTEXT = 0.8
ADMIN_CONTEXT = 0.5
ADMIN_WORD = 1.2
NEAR_BONUS = 0.5
NEAR_KM = 400.0
MAX_CANDIDATES = 50
SHARPNESS = 4.0  # softmax temperature: a lead of 0.5 in score is a 7:1 preference


def resolve(toponyms: Sequence[Toponym], text: str, gazetteer: Gazetteer,
            settings: Settings | None = None) -> list[Place]:
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
    ranked = rank_candidates(toponyms, text, gazetteer, settings)
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
                    settings: Settings | None = None) -> dict[tuple[str, str], list[tuple[float, GazetteerEntry, str]]]:
    """Rank every candidate of every name: ``{(folded name, kind): [(share, entry, why), ...]}``,
    best first. Shares are the softmax of the scores (they sum to 1 per name). One sense per
    name per article: the ranking is per name, not per mention."""
    by_name: dict[tuple[str, str], list[Toponym]] = defaultdict(list)
    for t in toponyms:
        by_name[_name_key(t)].append(t)

    candidates: dict[tuple[str, str], list[GazetteerEntry]] = {}
    for (key, kind), tops in by_name.items():
        kinds = ("demonym",) if kind == "demonym" else ("name", "alt")
        found = gazetteer.candidates(tops[0].text, kinds=kinds)
        if kind == "demonym":
            found = [e for e in found if e.feature == "country"]
        if found:
            candidates[(key, kind)] = found[:MAX_CANDIDATES]

    # pass 1: what the article is about - countries named outright or by demonym
    countries: set[str] = set()
    for (_, kind), found in candidates.items():
        if kind == "demonym" or found[0].feature == "country":
            countries.add(found[0].country_code)
    admin_words = {
        name_kind for name_kind, tops in by_name.items()
        if any(admin_word_follows(text, t.end) for t in tops)
    }

    # pass 2: score without spatial context; pass 3: again, near pass 2's other winners
    def score_all(anchors: dict[tuple[str, str], GazetteerEntry] | None):
        admin1_named = {e.admin1 for e in (anchors or {}).values() if e.feature == "admin1"}
        out = {}
        for name_kind, found in candidates.items():
            others = [e for k, e in (anchors or {}).items() if k != name_kind]
            scored = []
            for e in found:
                s, why = _score(e, found, name_kind in admin_words, countries, admin1_named, others, name_kind[0],
                                name_kind[1] == "demonym")
                scored.append((s, e, why))
            scored.sort(key=lambda x: (-x[0], -x[1].population, x[1].id))
            out[name_kind] = scored
        return out

    first = score_all(None)
    final = score_all({k: v[0][1] for k, v in first.items()})
    ranked = {}
    for name_kind, scored in final.items():
        best = scored[0][0]
        weights = [math.exp(SHARPNESS * (s - best)) for s, _, _ in scored]
        total = sum(weights)
        ranked[name_kind] = [(round(w / total, 3), e, why) for w, (_, e, why) in zip(weights, scored, strict=True)]
    return ranked


def _name_key(t: Toponym) -> tuple[str, str]:
    return fold(t.text), t.kind


def _score(e: GazetteerEntry, found: list[GazetteerEntry], admin_word: bool, countries: set[str],
           admin1_named: set[str], others: list[GazetteerEntry], key: str, demonym: bool = False) -> tuple[float, str]:
    why = []
    prior = FEATURE_PRIOR.get(e.feature, PHYSICAL_PRIOR)
    if e.feature == "admin1":
        if admin_word:
            prior += ADMIN_WORD
            why.append('"province"/"state" follows the name')
        elif any(c.feature in {"city", "capital"} and c.admin1 == e.admin1 for c in found):
            prior -= 0.5  # a division named after its own city: the city is meant
    score = prior + math.log10(e.population + 1) / 10
    if demonym:
        score += math.log10(e.population + 1) / 3  # "French" is France before Réunion
    why.append(f"{e.feature}")
    if e.population:
        why.append(f"population {e.population:,}")
    if fold(e.name) == key:
        score += 0.1
    if e.country_code and e.country_code in countries and e.feature != "country":
        score += COUNTRY_CONTEXT
        why.append(f"article names its country ({e.country_code})")
    if e.admin1 and e.admin1 in admin1_named and e.feature != "admin1":
        score += ADMIN_CONTEXT
        why.append("article names its province/state")
    if others and e.feature not in {"country", "continent", "region"}:
        near = [o for o in others if o.feature not in {"continent", "region"}
                and haversine_km(e.lat, e.lon, o.lat, o.lon) < NEAR_KM]
        if near:
            score += NEAR_BONUS
            why.append(f"near {near[0].name}")
    return score, "; ".join(why)


def _label(e: GazetteerEntry) -> str:
    return f"{e.name} ({e.feature}, {e.country_code})" if e.country_code else f"{e.name} ({e.feature})"
