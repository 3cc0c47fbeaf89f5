"""The offline gazetteer: a geopy-style geocoder over one indexed SQLite file.

Lookup lives here; disambiguation lives in :mod:`geotimeline.resolve`. The cache is built from
GeoNames data shipped on PyPI (see ``gazetteer/README.md``) by :func:`build_gazetteer`, which
:meth:`Gazetteer.open` calls on first use.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import math
import re
import sqlite3
import sys
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from geopy.location import Location
from geopy.point import Point

from .errors import GazetteerError
from .records import GazetteerEntry

#: bump when the schema or the build changes: an older cache is rebuilt automatically
SCHEMA_VERSION = "13"

#: populated places (GeoNames P features)
SETTLEMENTS = frozenset({"city", "capital"})
#: administrative divisions: states/provinces (admin1) and counties/districts (admin2)
DIVISIONS = frozenset({"admin1", "admin2"})
#: what GeoNames holds by the thousand: a name matching only these is not notable by itself
GENERIC_FEATURES = SETTLEMENTS | DIVISIONS

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE entries (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, lat REAL NOT NULL, lon REAL NOT NULL,
    feature TEXT NOT NULL, country_code TEXT NOT NULL DEFAULT '', admin1 TEXT NOT NULL DEFAULT '',
    population INTEGER NOT NULL DEFAULT 0, source TEXT NOT NULL DEFAULT '', names INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE names (key TEXT NOT NULL, entry_id TEXT NOT NULL, kind TEXT NOT NULL);
CREATE TABLE misses (key TEXT PRIMARY KEY);
-- approximate outlines of divisions: a JSON [[lat, lon], ...] ring (the hull of their places)
CREATE TABLE extents (entry_id TEXT PRIMARY KEY, ring TEXT NOT NULL);
"""
_INDEXES = """
CREATE INDEX names_key ON names(key);
CREATE INDEX entries_lat ON entries(lat);
"""

# the Arabic article and its sun-letter assimilations, as news transliterates them
_ARTICLE = re.compile(r"^(?:al|el|ar|as|an|ad|at|az|ash|adh|ath|the)[\s\-‐]+", re.I)
_APOSTROPHES = re.compile(r"[’'`‘ʼʻʿʾ]")
_NON_WORD = re.compile(r"[^\w]+")


# letters with no decomposition into a base letter and an accent: Polish, Turkish, Nordic, Croatian
_LETTERS = str.maketrans({"ł": "l", "Ł": "L", "ı": "i", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss",
                          "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe", "þ": "th", "Þ": "Th", "ð": "d", "ħ": "h"})


@functools.lru_cache(maxsize=1 << 16)
def fold(name: str) -> str:
    """Return the lookup key of a name: no accents, no apostrophes, lower case, single spaces.

    >>> fold("Tikrīt"), fold("Ta'mim"), fold("Bab el-Mandeb"), fold("Puławy"), fold("Doğubayazıt")
    ('tikrit', 'tamim', 'bab el mandeb', 'pulawy', 'dogubayazit')
    """
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c)).translate(_LETTERS)
    s = _APOSTROPHES.sub("", s).lower()
    return _NON_WORD.sub(" ", s).strip()


def name_keys(name: str) -> set[str]:
    """Return every key a name is indexed under: folded, without a leading article, ``-ah``→``-a``.

    >>> sorted(name_keys("Ar Raqqah"))
    ['ar raqqa', 'ar raqqah', 'raqqa', 'raqqah']
    """
    base = fold(name)
    keys = {base}
    bare = fold(_ARTICLE.sub("", name.strip()))
    if bare and len(bare) >= 3:
        keys.add(bare)
    for k in list(keys):
        if k.endswith("ah") and len(k) > 4:
            keys.add(k[:-1])
    keys.discard("")
    return keys


def query_keys(name: str) -> list[str]:
    """Return the keys to try for a name as written in text, most literal first."""
    name = re.sub(r"^the\s+", "", name.strip(), flags=re.I)
    keys = [fold(name)]
    for k in sorted(name_keys(name)):
        if k not in keys:
            keys.append(k)
    if keys[0].endswith(" co") and _COUNTY_ABBREVIATION.search(name):
        keys.append(keys[0][:-3] + " county")  # "Loudon Co." is Loudon County
    return [k for k in keys if k]


#: a county as local news abbreviates it: "Loudon Co."
_COUNTY_ABBREVIATION = re.compile(r"\s[Cc]o\.?$")


class Gazetteer:
    """An offline geocoder with geopy's interface over the SQLite gazetteer cache.

    >>> gaz = Gazetteer.from_entries([GazetteerEntry("1", "Ramadi", 33.42, 43.31, "city", "IQ")])
    >>> gaz.geocode("Ramadi").point.latitude
    33.42
    """

    def __init__(self, conn: sqlite3.Connection, path: str = ":memory:"):
        self._conn = conn
        self.path = path
        self._cache: dict[tuple[str, tuple[str, ...]], list[GazetteerEntry]] = {}
        self._has: dict[tuple[str, tuple[str, ...]], bool] = {}
        self.online = None  # an OnlineFill, when the user asked for one

    # -- construction -------------------------------------------------------------------

    @classmethod
    def open(cls, path: str | Path, *, build: bool = True, progress: bool = True) -> Gazetteer:
        """Open the cache at ``path``; build it first when it is missing, old or corrupt."""
        path = Path(path)
        problem = check_cache(path)
        if problem:
            if not build:
                msg = f"gazetteer cache {path}: {problem}; run `geotimeline gazetteer build`"
                raise GazetteerError(msg)
            if path.exists():
                print(f"gazetteer cache {path}: {problem}; rebuilding it", file=sys.stderr)
            else:
                print(f"building the offline gazetteer at {path} (once)", file=sys.stderr)
            build_gazetteer(path, progress=progress)
        # read-write so the optional online fill can add rows; the build is never re-run here
        conn = sqlite3.connect(str(path), check_same_thread=False)
        return cls(conn, str(path))

    @classmethod
    def from_entries(
        cls, entries: Iterable[GazetteerEntry], alt_names: dict[str, list[str]] | None = None,
        demonyms: dict[str, list[str]] | None = None,
    ) -> Gazetteer:
        """Build an in-memory gazetteer from a few rows (for tests and small custom tables)."""
        conn = sqlite3.connect(":memory:", check_same_thread=False)
        conn.executescript(_SCHEMA)
        alt_names = alt_names or {}
        demonyms = demonyms or {}
        rows = [e if e.names else dataclasses.replace(e, names=1 + len(alt_names.get(e.id, [])))
                for e in entries]
        _insert_entries(conn, rows)
        names = []
        for e in rows:
            names += [(k, e.id, "name") for k in name_keys(e.name)]
            for alt in alt_names.get(e.id, []):
                names += [(k, e.id, "alt") for k in name_keys(alt)]
            for dem in demonyms.get(e.id, []):
                names += [(k, e.id, "demonym") for k in name_keys(dem)]
        conn.executemany("INSERT INTO names VALUES (?,?,?)", names)
        conn.executescript(_INDEXES)
        conn.executemany("INSERT INTO meta VALUES (?, ?)", [("version", SCHEMA_VERSION), ("complete", "1")])
        conn.commit()
        return cls(conn)

    def save(self, path: str | Path) -> None:
        """Write this gazetteer to a cache file that :meth:`open` accepts (e.g. a custom table)."""
        target = sqlite3.connect(str(path))
        with target:
            self._conn.backup(target)
        target.close()

    # -- lookup ---------------------------------------------------------------------------

    def candidates(self, name: str, *, kinds: tuple[str, ...] = ("name", "alt")) -> list[GazetteerEntry]:
        """Return every entry a name may refer to, most populous first (``[]`` when none).

        ``kinds`` chooses which names count: ``name``/``alt`` for place names, ``demonym``
        for adjectives such as "Iraqi".
        """
        key = (name, kinds)
        hit = self._cache.get(key)
        if hit is not None:
            return hit
        found: dict[str, GazetteerEntry] = {}
        marks = ",".join("?" * len(kinds))
        for k in query_keys(name):
            rows = self._fetch(
                "SELECT DISTINCT e.* FROM names n JOIN entries e ON e.id = n.entry_id "
                f"WHERE n.key = ? AND n.kind IN ({marks})",
                (k, *kinds),
            )
            for row in rows:
                found.setdefault(row[0], _parse_row(row))
            if found:
                break  # a literal match beats a looser variant
        if not found and self.online is not None and "name" in kinds:
            entry = self.online.fill(self, name)
            if entry is not None:
                found[entry.id] = entry
        result = sorted(found.values(), key=lambda e: (-e.population, e.id))
        self._cache[key] = result
        return result

    def _fetch(self, sql: str, params: tuple = (), *, one: bool = False):
        """Run a read query; a damaged cache file becomes a :class:`GazetteerError` saying so (and
        the next :meth:`open` checks the file and rebuilds it)."""
        try:
            cur = self._conn.execute(sql, params)
            return cur.fetchone() if one else cur.fetchall()
        except sqlite3.DatabaseError as exc:
            if self.path != ":memory:":
                _stamp_path(Path(self.path)).unlink(missing_ok=True)
            msg = (f"gazetteer cache {self.path} is damaged ({exc}); run the command again to rebuild it "
                   "(or `geotimeline gazetteer build`)")
            raise GazetteerError(msg) from None

    def has_name(self, name: str, *, kinds: tuple[str, ...] = ("name", "alt")) -> bool:
        """Whether any entry carries this name (cheap: no rows are built; remembered)."""
        hit = self._has.get((name, kinds))
        if hit is not None:
            return hit
        marks = ",".join("?" * len(kinds))
        found = any(self._fetch(f"SELECT 1 FROM names WHERE key = ? AND kind IN ({marks}) LIMIT 1",
                                (k, *kinds), one=True) for k in query_keys(name))
        self._has[(name, kinds)] = found
        return found

    def get(self, entry_id: str) -> GazetteerEntry | None:
        """Return the entry with this id, or ``None``."""
        row = self._fetch("SELECT * FROM entries WHERE id = ?", (str(entry_id),), one=True)
        return _parse_row(row) if row else None

    def extent(self, entry_id: str) -> list[list[float]] | None:
        """A division's approximate outline (``[lat, lon]`` ring, the hull of its places), or ``None``."""
        row = self._fetch("SELECT ring FROM extents WHERE entry_id = ?", (entry_id,), one=True)
        return json.loads(row[0]) if row else None

    def country(self, country_code: str) -> GazetteerEntry | None:
        """Return the country entry for an ISO 3166 alpha-2 code, or ``None``."""
        row = self._fetch(
            "SELECT * FROM entries WHERE feature = 'country' AND country_code = ? "
            "ORDER BY population DESC LIMIT 1",
            (country_code.upper(),),
            one=True,
        )
        return _parse_row(row) if row else None

    def geocode(self, query: str, exactly_one: bool = True, *, limit: int | None = None,
                kinds: tuple[str, ...] = ("name", "alt")) -> Location | list[Location] | None:
        """Geocode a name as geopy does: the best :class:`geopy.location.Location`, a list, or ``None``.

        Without context the best is the most populous candidate; :mod:`geotimeline.resolve`
        does better with the article around the name.
        """
        found = self.candidates(query, kinds=kinds)
        if not found:
            return None
        locations = [_to_location(e) for e in found]
        if exactly_one:
            return locations[0]
        return locations[:limit] if limit else locations

    def reverse(self, query, exactly_one: bool = True, *, limit: int | None = None):
        """Return the nearest populated place (or places) to a point, as geopy ``Location``s."""
        point = Point(query)
        lat, lon = point.latitude, point.longitude
        for radius in (0.25, 1.0, 4.0, 16.0, 90.0):
            rows = self._fetch(
                "SELECT * FROM entries WHERE feature = 'city' AND lat BETWEEN ? AND ? "
                "AND lon BETWEEN ? AND ?",
                (lat - radius, lat + radius, lon - radius * 2, lon + radius * 2),
            )
            if rows:
                entries = sorted(
                    (_parse_row(r) for r in rows), key=lambda e: haversine_km(lat, lon, e.lat, e.lon)
                )
                locations = [_to_location(e) for e in entries]
                if exactly_one:
                    return locations[0]
                return locations[:limit] if limit else locations
        return None

    def add_entry(self, entry: GazetteerEntry, names: Iterable[str]) -> None:
        """Write one entry and its names into the cache (used by the online fill)."""
        _insert_entries(self._conn, [entry])
        keys = {k for n in names for k in name_keys(n)}
        self._conn.executemany("INSERT INTO names VALUES (?,?,'alt')", [(k, entry.id) for k in keys])
        self._conn.commit()
        self._cache.clear()
        self._has.clear()

    def stats(self) -> dict[str, int]:
        """Row counts per feature, for ``geotimeline gazetteer info``."""
        rows = self._fetch("SELECT feature, COUNT(*) FROM entries GROUP BY feature")
        return dict(rows)

    def meta(self) -> dict[str, str]:
        return dict(self._fetch("SELECT key, value FROM meta"))

    def close(self) -> None:
        self._conn.close()


class OnlineFill:
    """Ask an online geopy geocoder for names the gazetteer lacks, and cache the answers.

    Off unless the user asks (``online_fill``). ``geocoder`` is any geopy geocoder; by default
    Nominatim behind geopy's :class:`~geopy.extra.rate_limiter.RateLimiter`. Misses are cached
    too, so a name is asked for at most once.
    """

    def __init__(self, geocoder=None, *, user_agent: str = "geotimeline", min_delay: float = 1.0):
        from geopy.extra.rate_limiter import RateLimiter

        if geocoder is None:
            from geopy.geocoders import Nominatim

            geocoder = Nominatim(user_agent=user_agent)
        self._geocode = RateLimiter(geocoder.geocode, min_delay_seconds=min_delay, max_retries=1,
                                    swallow_exceptions=True)

    def fill(self, gaz: Gazetteer, name: str) -> GazetteerEntry | None:
        key = fold(name)
        if not key or gaz._fetch("SELECT 1 FROM misses WHERE key = ?", (key,), one=True):
            return None
        loc = self._geocode(name, exactly_one=True)
        if loc is None:
            gaz._conn.execute("INSERT OR IGNORE INTO misses VALUES (?)", (key,))
            gaz._conn.commit()
            return None
        raw = loc.raw if isinstance(loc.raw, dict) else {}
        ident = raw.get("osm_id") or raw.get("place_id") or key
        entry = GazetteerEntry(
            id=f"online:{raw.get('osm_type', 'x')}{ident}", name=name, lat=float(loc.latitude),
            lon=float(loc.longitude), feature=_online_feature(raw),
            country_code=str(raw.get("address", {}).get("country_code", "")).upper(),
            population=0, source="online geocoder (OpenStreetMap Nominatim, ODbL)",
        )
        gaz.add_entry(entry, [name])
        return entry


def _online_feature(raw: dict) -> str:
    kind = str(raw.get("addresstype") or raw.get("type") or "")
    if kind in {"country"}:
        return "country"
    if kind in {"state", "province", "region"}:
        return "admin1"
    if kind in {"city", "town", "village", "hamlet", "suburb"}:
        return "city"
    return kind or "place"


# -- geometry -------------------------------------------------------------------------------

#: words a name may be written short in (folded): "St. Paul", "Ft. Myers", "Mt. Vernon"
_ABBREVIATIONS = {"st": "saint", "ste": "sainte", "ft": "fort", "mt": "mount"}
_ABBREVIATED = re.compile(r"\b(st|ste|ft|mt)\b")


def same_name(name: str, written: str) -> bool:
    """Whether the name as written is the entry's own name or a spelling of it (a
    transliteration: one letter apart, "Odessa" for Odesa, "Homel" for Gomel; or two with the
    same first letter, "Kiev" for Kyiv, "Kharkov" for Kharkiv) rather than another name it is
    also known by.

    >>> same_name("odesa", "odessa"), same_name("kyiv", "kiev"), same_name("gomel", "homel")
    (True, True, True)
    >>> same_name("hamm", "hamas"), same_name("lima", "lome"), same_name("fort abbas", "abbas")
    (False, False, False)
    >>> same_name("saint paul", "st paul"), same_name("st paul", "st paul")
    (True, True)
    """
    if name == written:
        return True
    if _ABBREVIATED.search(name) or _ABBREVIATED.search(written):
        name, written = (_ABBREVIATED.sub(lambda m: _ABBREVIATIONS[m[1]], n) for n in (name, written))
        if name == written:
            return True  # "st paul" is Saint Paul, "ft worth" Fort Worth
    if min(len(name), len(written)) < 4 or abs(len(name) - len(written)) > 2:
        return False
    distance = _edit_distance(name, written, 2)
    return distance <= 1 or (distance == 2 and name[0] == written[0] and min(len(name), len(written)) >= 4
                             and name[-1] == written[-1])


def _edit_distance(a: str, b: str, cap: int) -> int:
    """Levenshtein distance, counted up to ``cap + 1``."""
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > cap:
            return cap + 1
        previous = current
    return previous[-1]


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


# -- cache checks and parsing --------------------------------------------------------------

def check_cache(path: Path) -> str:
    """Return what is wrong with the cache file (``""`` when it is usable)."""
    if not path.exists():
        return "missing"
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return f"unreadable ({exc})"
    if meta.get("complete") != "1":
        return "incomplete (an earlier build was interrupted)"
    if meta.get("version") != SCHEMA_VERSION:
        return f"built by an older geotimeline (schema {meta.get('version')}, need {SCHEMA_VERSION})"
    if "curated" in meta:  # built from the sources (a saved custom table has no such key)
        from ._gazetteer_sources import curated_digest

        if meta["curated"] != curated_digest():
            return "built from older curated tables (gazetteer/*.csv changed since)"
    return _check_pages(path)


def _stamp_path(path: Path) -> Path:
    return path.with_name(path.name + ".checked")


def _file_state(path: Path) -> str:
    st = path.stat()
    return f"{st.st_size} {st.st_mtime_ns}"


def _check_pages(path: Path) -> str:
    """SQLite's ``quick_check`` of every page, run once per state of the file (size and
    modification time, remembered in ``<cache>.checked``): a file overwritten in place is checked
    again on its next open, an unchanged one costs a stat."""
    stamp = _stamp_path(path)
    try:
        if stamp.read_text(encoding="utf-8").strip() == _file_state(path):
            return ""
    except OSError:
        pass
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            result = [r[0] for r in conn.execute("PRAGMA quick_check(5)").fetchall()]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return f"damaged ({exc})"
    if result != ["ok"]:
        return f"damaged (SQLite's page check: {'; '.join(result)})"
    _write_stamp(path)
    return ""


def _write_stamp(path: Path) -> None:
    try:
        _stamp_path(path).write_text(_file_state(path) + "\n", encoding="utf-8")
    except OSError:
        pass  # a read-only folder: the check runs again next time


def _parse_row(row) -> GazetteerEntry:
    return GazetteerEntry(*row)


def _to_location(entry: GazetteerEntry) -> Location:
    parts = [entry.name]
    if entry.feature != "country" and entry.country_code:
        parts.append(entry.country_code)
    raw = entry.to_dict()
    return Location(", ".join(parts), (entry.lat, entry.lon, 0.0), raw)


def _insert_entries(conn: sqlite3.Connection, entries: Iterable[GazetteerEntry]) -> None:
    conn.executemany(
        "INSERT OR REPLACE INTO entries VALUES (?,?,?,?,?,?,?,?,?,?)",
        [(e.id, e.name, e.lat, e.lon, e.feature, e.country_code, e.admin1, e.population, e.source, e.names)
         for e in entries],
    )


def build_gazetteer(path: str | Path, *, progress: bool = True) -> dict[str, int]:
    """Build the cache file at ``path`` from the sources; return row counts per feature.

    The build writes to a temporary file and renames it into place, so an interrupted build
    never leaves a half-written cache behind.
    """
    from ._gazetteer_sources import curated_digest, iter_source_rows

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    if tmp.exists():
        tmp.unlink()
    conn = sqlite3.connect(str(tmp))
    try:
        conn.execute("PRAGMA journal_mode=OFF")
        conn.execute("PRAGMA synchronous=OFF")
        conn.executescript(_SCHEMA)
        counts: dict[str, int] = {}
        batch_e: list[GazetteerEntry] = []
        batch_n: list[tuple[str, str, str]] = []
        extents: dict[str, list[list[float]]] = {}
        for entry, names in iter_source_rows(progress=progress, extents=extents):
            if not entry.names:
                entry = dataclasses.replace(entry, names=len({n for n, _ in names}))
            counts[entry.feature] = counts.get(entry.feature, 0) + 1
            batch_e.append(entry)
            seen: set[str] = set()
            for name, kind in names:
                for k in name_keys(name):
                    if (k, kind) not in seen:
                        seen.add((k, kind))
                        batch_n.append((k, entry.id, kind))
            if len(batch_e) >= 20000:
                _flush(conn, batch_e, batch_n)
        _flush(conn, batch_e, batch_n)
        conn.executemany("INSERT INTO extents VALUES (?, ?)",
                         ((i, json.dumps(r, separators=(",", ":"))) for i, r in sorted(extents.items())))
        conn.executescript(_INDEXES)
        conn.executemany(
            "INSERT INTO meta VALUES (?, ?)",
            [("version", SCHEMA_VERSION), ("complete", "1"), ("curated", curated_digest()),
             *((f"count:{k}", str(v)) for k, v in sorted(counts.items()))],
        )
        conn.commit()
        conn.execute("VACUUM")
    except BaseException:
        conn.close()
        tmp.unlink(missing_ok=True)
        raise
    conn.close()
    tmp.replace(path)
    _write_stamp(path)  # just built: no need to check its pages on the next open
    return counts


def _flush(conn, batch_e: list, batch_n: list) -> None:
    _insert_entries(conn, batch_e)
    conn.executemany("INSERT INTO names VALUES (?,?,?)", batch_n)
    batch_e.clear()
    batch_n.clear()

