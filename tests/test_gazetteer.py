import sqlite3

import pytest
from geopy.location import Location

from geotimeline.errors import GazetteerError
from geotimeline.gazetteer import Gazetteer, OnlineFill, check_cache, fold, haversine_km, name_keys


@pytest.mark.parametrize("name, key", [
    ("Tikrīt", "tikrit"), ("Ta'mim", "tamim"), ("Bab el-Mandeb", "bab el mandeb"),
    ("  São  Paulo ", "sao paulo"), ("Ar Raqqah", "ar raqqah"),
])
def test_fold(name, key):
    assert fold(name) == key


@pytest.mark.parametrize("name, expected", [
    ("Ar Raqqah", {"raqqa", "raqqah", "ar raqqa", "ar raqqah"}),
    ("al-Anbar", {"al anbar", "anbar"}),
    ("Mosul", {"mosul"}),
])
def test_name_keys(name, expected):
    assert name_keys(name) == expected


def test_geocode_returns_geopy_location_with_raw_row(tiny_gazetteer):
    loc = tiny_gazetteer.geocode("Mosul")
    assert isinstance(loc, Location)
    assert loc.raw["id"] == "99072" and loc.raw["country_code"] == "IQ"
    assert (loc.latitude, loc.longitude) == (36.335, 43.119)


def test_geocode_list_and_nothing_found(tiny_gazetteer):
    assert len(tiny_gazetteer.geocode("Paris", exactly_one=False)) == 2
    assert tiny_gazetteer.geocode("Atlantis") is None
    assert tiny_gazetteer.candidates("Atlantis") == []


@pytest.mark.parametrize("query, expected_id", [
    ("Sinjar", "448149"),  # alternate name, most populous first
    ("Shingal", "448149"),
    ("the Middle East", "11980025"),  # without context population orders; resolve.py decides
    ("Wadi Houran", "feature:houran-valley"),
    ("al-Ramadi", "91895"),
])
def test_candidates_by_alternate_names_and_variants(tiny_gazetteer, query, expected_id):
    assert expected_id in [e.id for e in tiny_gazetteer.candidates(query)]


def test_demonyms_are_separate(tiny_gazetteer):
    assert [e.id for e in tiny_gazetteer.candidates("Iraqi", kinds=("demonym",))] == ["99237"]
    assert tiny_gazetteer.candidates("Iraqi") == []


def test_reverse_finds_nearest_place(tiny_gazetteer):
    assert tiny_gazetteer.reverse((36.3, 43.1)).raw["name"] == "Mosul"
    assert tiny_gazetteer.reverse("33.4, 43.3").raw["name"] == "Ramadi"


def test_haversine():
    assert haversine_km(0, 0, 0, 1) == pytest.approx(111.19, abs=0.1)


def test_saved_cache_reopens_fast(tiny_gazetteer_path):
    gaz = Gazetteer.open(tiny_gazetteer_path, build=False)
    assert gaz.geocode("Nice").raw["country_code"] == "FR"


def test_corrupt_cache_is_detected(tmp_path):
    path = tmp_path / "g.sqlite"
    path.write_bytes(b"this is not a database" * 100)
    assert "unreadable" in check_cache(path)
    with pytest.raises(GazetteerError, match="unreadable"):
        Gazetteer.open(path, build=False)


def test_interrupted_build_is_detected(tmp_path):
    path = tmp_path / "g.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE meta (key TEXT, value TEXT)")
    conn.commit()
    conn.close()
    assert "incomplete" in check_cache(path)
    assert check_cache(tmp_path / "missing.sqlite") == "missing"


def test_cache_from_other_curated_tables_is_stale(tmp_path):
    from geotimeline._gazetteer_sources import curated_digest
    from geotimeline.gazetteer import SCHEMA_VERSION

    def cache(**meta):
        path = tmp_path / f"g{len(meta)}.sqlite"
        conn = sqlite3.connect(path)
        conn.execute("CREATE TABLE meta (key TEXT, value TEXT)")
        conn.executemany("INSERT INTO meta VALUES (?, ?)",
                         [("version", SCHEMA_VERSION), ("complete", "1"), *meta.items()])
        conn.commit()
        conn.close()
        return path

    assert "curated tables" in check_cache(cache(curated="0" * 16))  # a row was added to features.csv
    assert check_cache(cache(curated=curated_digest(), x="1")) == ""
    assert check_cache(cache()) == ""  # a custom table saved from entries has no sources to compare


class FakeGeocoder:
    """A geopy-style adapter that answers from a dict and counts calls (never the network)."""

    def __init__(self, answers):
        self.answers, self.calls = answers, []

    def geocode(self, query, exactly_one=True):
        self.calls.append(query)
        hit = self.answers.get(query)
        if hit is None:
            return None
        return Location(query, (hit[0], hit[1], 0), {"osm_type": "node", "osm_id": 42, "addresstype": "village",
                                                     "address": {"country_code": "iq"}})


def test_online_fill_writes_answers_into_the_cache(tmp_path, tiny_gazetteer_path):
    path = tmp_path / "g.sqlite"
    path.write_bytes(tiny_gazetteer_path.read_bytes())
    fake = FakeGeocoder({"Kocho": (36.2, 41.9)})
    gaz = Gazetteer.open(path, build=False)
    gaz.online = OnlineFill(fake, min_delay=0)
    entry = gaz.candidates("Kocho")[0]
    assert (entry.lat, entry.country_code, entry.feature) == (36.2, "IQ", "city")
    assert gaz.candidates("Nowhere-at-all") == [] and gaz.candidates("Nowhere-at-all") == []
    gaz.close()
    # next run: offline, from the cache; the miss is remembered too
    again = Gazetteer.open(path, build=False)
    again.online = OnlineFill(fake, min_delay=0)
    assert again.candidates("Kocho")[0].id == entry.id
    again.candidates("Nowhere-at-all")
    assert fake.calls == ["Kocho", "Nowhere-at-all"]


def test_division_extent_is_the_hull_of_its_places(tiny_gazetteer):
    assert tiny_gazetteer.extent("admin1:US.GA") is None  # hand-written entries carry no outline
    from geotimeline._gazetteer_sources import hull

    ring = hull([(34.3, -83.8), (33.7, -84.4), (31.0, -81.5), (32.0, -83.0), (30.9, -84.6)])
    assert ring[0] == ring[-1] and len(ring) == 5  # (32, -83) is inside
    assert hull([(1, 1), (1, 1), (2, 2)]) is None  # fewer than three distinct places
    assert hull([(60, -179), (61, 179), (62, -178)]) is None  # across the antimeridian


@pytest.mark.full_gazetteer
def test_full_gazetteer_has_division_outlines(full_gazetteer):
    ring = full_gazetteer.extent("admin1:US.GA")
    lats, lons = [p[0] for p in ring], [p[1] for p in ring]
    assert min(lats) < 33.75 < max(lats) and min(lons) < -84.39 < max(lons)  # Atlanta is inside Georgia
    assert full_gazetteer.extent("99072") is None  # a city has none


def test_division_point_is_the_centre_of_its_territory():
    """Ontario's places all lie in its south; the samples of Canada's outline nearest to them
    reach Hudson Bay, so its point lands near the middle of the province, as GeoNames' does."""
    from geotimeline._gazetteer_sources import area_centre, territory_centres

    ontario = [(43.7, -79.4), (45.4, -75.7), (42.98, -81.2), (46.5, -84.3), (48.4, -89.2), (49.8, -94.5)]
    quebec = [(45.5, -73.6), (46.8, -71.2), (48.4, -68.5), (48.2, -79.0)]
    manitoba = [(49.9, -97.1), (53.8, -101.2), (58.8, -94.2)]
    centres = territory_centres({"CA.08": ontario, "CA.10": quebec, "CA.03": manitoba, "XX.01": [(1.0, 1.0)]})
    assert "XX.01" not in centres  # no outline: the caller falls back to the places' area
    geonames_point = (49.25, -84.5)
    assert haversine_km(*centres["CA.08"], *geonames_point) < 161
    assert haversine_km(*area_centre(ontario), *geonames_point) > 161


def _big_cache(path):
    from geotimeline.records import GazetteerEntry

    filler = [GazetteerEntry(f"x{i}", f"Town {i}", (i % 170) - 85.0, (i % 350) - 175.0, "city", "FR", "", i)
              for i in range(6000)]
    Gazetteer.from_entries(filler).save(path)
    return path


def _zero(path, start, length=100_000):
    with path.open("r+b") as f:
        f.seek(start)
        f.write(b"\x00" * length)


def test_pages_overwritten_with_zeros_are_detected_and_rebuilt(tmp_path, monkeypatch, capsys):
    path = _big_cache(tmp_path / "g.sqlite")
    assert check_cache(path) == ""  # checked once, then remembered
    _zero(path, path.stat().st_size // 3)
    assert "damaged" in check_cache(path)
    with pytest.raises(GazetteerError, match="damaged"):
        Gazetteer.open(path, build=False)
    rebuilt = []
    monkeypatch.setattr("geotimeline.gazetteer.build_gazetteer",
                        lambda p, progress=True: rebuilt.append(p) or _big_cache(p))
    gaz = Gazetteer.open(path, progress=False)
    err = capsys.readouterr().err
    assert rebuilt == [path] and "damaged" in err and "rebuilding it" in err
    assert gaz.stats() == {"city": 6000}


def test_a_damaged_page_met_while_reading_is_a_clear_error(tmp_path):
    from geotimeline.gazetteer import _write_stamp

    path = _big_cache(tmp_path / "g.sqlite")
    _zero(path, path.stat().st_size // 3)
    _write_stamp(path)  # damage the open-time check did not see
    gaz = Gazetteer.open(path, build=False)
    with pytest.raises(GazetteerError, match=r"g\.sqlite is damaged .*run the command again"):
        gaz.stats()
    gaz.close()
    assert "damaged" in check_cache(path)  # the error forgot the check, so the next open rebuilds


@pytest.mark.full_gazetteer
def test_small_us_towns_come_from_their_zip_codes_once(full_gazetteer):
    from geotimeline.gazetteer import fold

    hume = [e for e in full_gazetteer.candidates("Hume") if e.admin1 == "US.IL"]
    assert len(hume) == 1 and hume[0].population == 0 and abs(hume[0].lat - 39.80) < 0.1
    # a town GeoNames has is not added again under its post-office name
    springfield = [e for e in full_gazetteer.candidates("Springfield") if e.admin1 == "US.IL"]
    assert [e.source.startswith("GeoNames") for e in springfield] == [True] * len(springfield)
    assert all(fold(e.name) == "springfield" for e in springfield)
