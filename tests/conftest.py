"""Shared fixtures. Expensive things (the spaCy model, gazetteers) are built once per session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from geotimeline.gazetteer import Gazetteer
from geotimeline.records import GazetteerEntry
from geotimeline.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"

# a tiny hand-written gazetteer: enough places to exercise lookup and resolution offline, fast
TINY_ENTRIES = [
    GazetteerEntry("99237", "Iraq", 33.0, 44.0, "country", "IQ", population=38_433_600),
    GazetteerEntry("163843", "Syria", 35.0, 38.0, "country", "SY", population=22_198_110),
    GazetteerEntry("3017382", "France", 46.0, 2.0, "country", "FR", population=66_987_244),
    GazetteerEntry("6252001", "United States", 39.76, -98.5, "country", "US", population=327_167_434),
    GazetteerEntry("98182", "Baghdad", 33.34, 44.40, "capital", "IQ", "IQ.07", 7_216_000),
    GazetteerEntry("99072", "Mosul", 36.335, 43.119, "city", "IQ", "IQ.15", 1_683_000),
    GazetteerEntry("448149", "Sinjār", 36.32, 41.88, "city", "IQ", "IQ.15", 38_294),
    GazetteerEntry("164094", "Sinjār", 35.59, 37.00, "city", "SY", "SY.01", 0),
    GazetteerEntry("91895", "Ramadi", 33.42, 43.31, "city", "IQ", "IQ.01", 223_500),
    GazetteerEntry("30762", "Ar Ramādī", 13.96, 43.78, "city", "YE", "YE.11", 1_000),
    GazetteerEntry("admin1:IQ.01", "Anbar", 33.4, 42.0, "admin1", "IQ", "IQ.01", 632_674),
    GazetteerEntry("2990440", "Nice", 43.70, 7.27, "city", "FR", "FR.93", 342_669),
    GazetteerEntry("4180000", "Nice", 39.12, -122.85, "city", "US", "US.CA", 2_731),
    GazetteerEntry("2988507", "Paris", 48.853, 2.349, "capital", "FR", "FR.11", 2_138_551),
    GazetteerEntry("4717560", "Paris", 33.66, -95.55, "city", "US", "US.TX", 24_782),
    GazetteerEntry("4140963", "Washington", 38.895, -77.036, "capital", "US", "US.DC", 689_545, names=30),
    GazetteerEntry("admin1:US.WA", "Washington", 47.5, -120.5, "admin1", "US", "US.WA", 6_544_495, names=2),
    GazetteerEntry("region:middle-east", "Middle East", 29.0, 45.0, "region", population=0, source="curated"),
    GazetteerEntry("11980025", "Middle East", 40.0, -75.0, "city", "US", "US.PA", 1_872),
    GazetteerEntry("admin1:US.GA", "Georgia", 32.76, -83.46, "admin1", "US", "US.GA", 4_835_606),
    GazetteerEntry("614540", "Georgia", 42.0, 43.5, "country", "GE", population=3_704_500),
    GazetteerEntry("4196586", "Gainesville", 34.30, -83.82, "city", "US", "US.GA", 33_804),
    GazetteerEntry("4156404", "Gainesville", 29.65, -82.32, "city", "US", "US.FL", 128_460),
    GazetteerEntry("admin1:US.FL", "Florida", 28.75, -82.5, "admin1", "US", "US.FL", 19_893_297),
    GazetteerEntry("4180439", "Atlanta", 33.75, -84.39, "city", "US", "US.GA", 463_878),
    GazetteerEntry("4671576", "Atlanta", 33.11, -94.16, "city", "US", "US.TX", 5_605),
    GazetteerEntry("2432678", "Goz Beida", 12.22, 21.41, "city", "TD", "TD.19", 58_941),
    GazetteerEntry("890299", "Harare", -17.83, 31.05, "capital", "ZW", "ZW.10", 1_542_813),
    GazetteerEntry("1269750", "India", 22.0, 79.0, "country", "IN", population=1_352_617_328),
    GazetteerEntry("1168579", "Pakistan", 30.0, 70.0, "country", "PK", population=212_215_030),
    GazetteerEntry("1275004", "Kolkata", 22.57, 88.36, "city", "IN", "IN.28", 4_631_392),
    GazetteerEntry("za-calcutta", "Calcutta", -25.0, 31.4, "city", "ZA", "ZA.07", 35_864),  # a namesake
    GazetteerEntry("6078112", "Alma", 48.55, -71.65, "city", "CA", "CA.10", 29_526),
    GazetteerEntry("6251999", "Canada", 60.0, -96.0, "country", "CA", population=37_058_856),
    GazetteerEntry("feature:nile", "Nile", 15.6, 32.5, "river", ""),
    GazetteerEntry("1788852", "Xinhua", 27.73, 111.3, "city", "CN", "CN.11", 1_117_000),
    GazetteerEntry("1808770", "Heze", 35.24, 115.47, "city", "CN", "CN.25", 1_346_717),
    GazetteerEntry("2017370", "Russia", 60.0, 100.0, "country", "RU", population=144_478_050),
    GazetteerEntry("admin2:IE.L.Lu", "Lu", 53.9, -6.5, "admin2", "IE", "IE.L", 106_839),
    GazetteerEntry("4236191", "Hardin", 39.16, -90.62, "city", "US", "US.IL", 542),
    GazetteerEntry("admin1:PK.04", "Punjab", 30.9, 72.5, "admin1", "PK", "PK.04", 50_694_236),
    GazetteerEntry("admin1:IN.23", "Punjab", 30.8, 75.4, "admin1", "IN", "IN.23", 10_607_916),
    GazetteerEntry("88319", "Beida", 32.76, 21.76, "city", "LY", "LY.63", 129_439),
    GazetteerEntry("admin2:US.Georgia.Hall County", "Hall County", 34.32, -83.82, "admin2", "US", "US.GA", 179_684),
    GazetteerEntry("4259418", "Oakland", 37.80, -122.27, "city", "US", "US.CA", 390_724),
    GazetteerEntry("4509177", "Columbus", 39.96, -83.0, "city", "US", "US.OH", 850_106),
    GazetteerEntry("admin1:AU.02", "New South Wales", -33.0, 146.0, "admin1", "AU", "AU.02", 7_500_000),
    GazetteerEntry("2147714", "Sydney", -33.87, 151.21, "city", "AU", "AU.02", 4_627_345),
    GazetteerEntry("2873759", "Marburg", 50.81, 8.77, "city", "DE", "DE.05", 72_000),
    GazetteerEntry("feature:houran-valley", "Houran Valley", 33.3, 41.3, "valley", "IQ", source="curated"),
    GazetteerEntry("admin1:US.OR", "Oregon", 44.0, -120.5, "admin1", "US", "US.OR", 4_200_000),
    GazetteerEntry("admin1:US.ID", "Idaho", 44.5, -114.5, "admin1", "US", "US.ID", 1_800_000),
    GazetteerEntry("admin1:US.NY", "New York", 42.8, -75.5, "admin1", "US", "US.NY", 19_400_000, names=2),
    GazetteerEntry("5128581", "New York City", 40.71, -74.01, "city", "US", "US.NY", 8_804_190, names=97),
    GazetteerEntry("5110629", "Buffalo", 42.89, -78.88, "city", "US", "US.NY", 278_349),
    GazetteerEntry("203312", "Democratic Republic of the Congo", -2.5, 23.5, "country", "CD", population=84_068_091),
    GazetteerEntry("2260494", "Republic of the Congo", -1.0, 15.0, "country", "CG", population=5_244_363),
    GazetteerEntry("3351879", "Angola", -12.5, 18.5, "country", "AO", population=30_809_762),
    GazetteerEntry("6254930", "Palestinian Territory", 31.9, 35.2, "country", "PS", population=4_569_000),
    GazetteerEntry("4717232", "Palestine", 31.76, -95.63, "city", "US", "US.TX", 18_322),
    GazetteerEntry("4736286", "Texas", 31.25, -99.25, "admin1", "US", "US.TX", 22_266_440),
    GazetteerEntry("4682464", "Tyler", 32.35, -95.30, "city", "US", "US.TX", 104_798),
    GazetteerEntry("admin2:US.Georgia.Jackson County", "Jackson County", 34.13, -83.56, "admin2", "US", "US.GA", 72_000),
    GazetteerEntry("4431410", "Jackson", 32.30, -90.18, "city", "US", "US.MS", 153_701),
    GazetteerEntry("4919987", "Elkhart", 41.68, -85.98, "city", "US", "US.IN", 53_000),
    GazetteerEntry("4689550", "Elkhart", 31.63, -95.58, "city", "US", "US.TX", 1_300),
    GazetteerEntry("admin1:UY.07", "Flores", -33.57, -56.83, "admin1", "UY", "UY.07", 25_000),
    GazetteerEntry("3083271", "Toruń", 53.01, 18.60, "city", "PL", "PL.73", 203_000),
    GazetteerEntry("760924", "Puławy", 51.42, 21.97, "city", "PL", "PL.75", 49_759),
    GazetteerEntry("5059163", "Fargo", 46.88, -96.79, "city", "US", "US.ND", 125_990),
    GazetteerEntry("5038108", "Moorhead", 46.87, -96.77, "city", "US", "US.MN", 44_505),
    GazetteerEntry("4443296", "Ripley", 34.73, -88.95, "city", "US", "US.MS", 3_200),
    GazetteerEntry("admin1:IS.05", "Northwest", 65.5, -21.0, "admin1", "IS", "IS.05", 7_000),
]
TINY_ALTS = {"admin1:AU.02": ["NSW"], "1275004": ["Calcutta"], "4236191": ["Harden"], "448149": ["Sinjar", "Shingal"], "164094": ["Sinjar"], "6252001": ["US", "U.S.", "America"],
             "region:middle-east": ["the Middle East"], "feature:houran-valley": ["Wadi Houran"],
             "admin1:US.GA": ["Ga."], "5128581": ["New York"], "2260494": ["Congo"], "6254930": ["Palestine"]}
TINY_DEMONYMS = {"99237": ["Iraqi", "Iraqis"], "163843": ["Syrian"], "3017382": ["French"], "6252001": ["American"]}


@pytest.fixture(scope="session")
def tiny_gazetteer() -> Gazetteer:
    return Gazetteer.from_entries(TINY_ENTRIES, TINY_ALTS, TINY_DEMONYMS)


@pytest.fixture(scope="session")
def tiny_gazetteer_path(tmp_path_factory, tiny_gazetteer) -> Path:
    path = tmp_path_factory.mktemp("gaz") / "tiny.sqlite"
    tiny_gazetteer.save(path)
    return path


@pytest.fixture(scope="session")
def nlp():
    from geotimeline.pipeline import load_spacy

    return load_spacy(Settings().spacy_model)


@pytest.fixture(scope="session")
def tiny_pipeline(nlp, tiny_gazetteer):
    from geotimeline.pipeline import Pipeline

    return Pipeline(Settings(progress=False), nlp=nlp, gazetteer=tiny_gazetteer)


@pytest.fixture(scope="session")
def full_gazetteer() -> Gazetteer:
    """The real gazetteer (built on first use, about 15 s)."""
    return Gazetteer.open(Settings().gazetteer_path, progress=False)


@pytest.fixture(scope="session")
def full_pipeline(nlp, full_gazetteer):
    from geotimeline.pipeline import Pipeline

    return Pipeline(Settings(progress=False), nlp=nlp, gazetteer=full_gazetteer)


@pytest.fixture(scope="session")
def seeds_report(tmp_path_factory, full_pipeline) -> Path:
    """The report built from the real seeds with the full gazetteer."""
    from geotimeline.pipeline import build

    out = tmp_path_factory.mktemp("report")
    build(ROOT / "seeds", out, pipeline=full_pipeline)
    return out


def chromium_path() -> str | None:
    import shutil

    return shutil.which("chromium") or shutil.which("chromium-browser")


def browser_required() -> bool:
    # CI installs Chromium: there a missing browser is a failure, not a skip
    return bool(os.environ.get("CI"))


NEWS = {
    "a": "Fighting in Mosul\n\nIraqi forces entered Mosul on March 7, 2017, officials said.",
    "b": "Raid in Sinjar\n\nKurdish fighters retook Sinjar on Friday, officials in Baghdad said.",
    "c": "Talks in Paris\n\nDiplomats met in Paris on January 12, 2016 to discuss Syria.",
}


@pytest.fixture
def corpus(tmp_path) -> Path:
    """Three short articles and their manifest in a seeds folder of their own."""
    d = tmp_path / "seeds"
    d.mkdir()
    for name, text in NEWS.items():
        (d / f"{name}.txt").write_text(text, encoding="utf-8")
    (d / "articles.csv").write_text("id,title,published\na,A,2017-03-08\nb,B,2015-11-14\nc,C,2016-01-13\n",
                                    encoding="utf-8")
    return d
