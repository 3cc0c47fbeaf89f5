"""The focus a user can give (setting, --focus, manifest column) and transliterated names."""

import pytest

from geotimeline.errors import InputError, ManifestError, SettingsError
from geotimeline.gazetteer import Gazetteer
from geotimeline.load import read_manifest, iter_articles
from geotimeline.records import Article, GazetteerEntry, Toponym
from geotimeline.resolve import parse_focus, resolve
from geotimeline.settings import Settings

ENTRIES = [
    GazetteerEntry("361058", "Alexandria", 31.20, 29.92, "city", "EG", "EG.06", 3_811_516, names=80),
    GazetteerEntry("4744091", "Alexandria", 38.80, -77.05, "city", "US", "US.VA", 159_428, names=20),
    GazetteerEntry("357994", "Egypt", 27.0, 30.0, "country", "EG", population=98_423_595),
    GazetteerEntry("6252001", "United States", 39.76, -98.5, "country", "US", population=327_167_434),
    GazetteerEntry("6290252", "Ukraine", 49.0, 32.0, "country", "UA", population=44_622_516),
    # GeoNames spells the Ukrainian city "Odesa"; "Odessa" is an alternate name of it
    GazetteerEntry("698740", "Odesa", 46.49, 30.74, "city", "UA", "UA.17", 1_010_537, names=64),
    GazetteerEntry("5527554", "Odessa", 31.85, -102.37, "city", "US", "US.TX", 114_428, names=15),
]
ALTS = {"698740": ["Odessa"], "6252001": ["US"]}


@pytest.fixture(scope="module")
def gaz():
    return Gazetteer.from_entries(ENTRIES, ALTS)


def where(gaz, text, name, focus=None, extra=()):
    tops = [Toponym(text.index(n), text.index(n) + len(n), n) for n in (*extra, name)]
    place = next(p for p in resolve(tops, text, gaz, focus=focus) if p.toponym.text == name)
    return place.entry.country_code, place.why


def test_focus_forms(gaz):
    assert parse_focus("") is None and parse_focus(" , ") is None
    assert parse_focus("us; eg").countries == {"US", "EG"}
    assert parse_focus("Egypt, US", gaz).countries == {"EG", "US"}  # names become codes
    circle = parse_focus("38.8,-77.05,50")
    assert (circle.lat, circle.lon, circle.radius_km) == (38.8, -77.05, 50)
    for bad, says in [("1,2", "three numbers"), ("91,0,10", "-90 <= lat"), ("10,10,0", "radius above 0"),
                      ("US,12", "neither a country"), ("<b>", "neither a country")]:
        with pytest.raises(ValueError, match=says):
            parse_focus(bad)
    with pytest.raises(ValueError, match="no country with the code or name 'Egipt'"):
        parse_focus("Egipt", gaz)
    with pytest.raises(ValueError, match="'ZZ'"):
        parse_focus("ZZ", gaz)


def test_readings_inside_the_focus_gain(gaz):
    text = "Protesters marched through Alexandria on Monday."
    assert where(gaz, text, "Alexandria")[0] == "EG"  # a city 24 times the size, when nothing else speaks
    cc, why = where(gaz, text, "Alexandria", parse_focus("US"))
    assert cc == "US" and "inside the focus (US)" in why
    assert where(gaz, text, "Alexandria", parse_focus("38.8,-77.0,100"))[0] == "US"
    assert where(gaz, text, "Alexandria", parse_focus("30,31,300"))[0] == "EG"


def test_nothing_outside_the_focus_is_excluded(gaz):
    text = "Protesters marched through Alexandria, Egypt, on Monday."
    assert where(gaz, text, "Alexandria", parse_focus("US"), extra=["Egypt"])[0] == "EG"


def test_a_transliteration_counts_as_the_name(gaz):
    # one letter from GeoNames' spelling is the same name, not another name the place also has
    assert where(gaz, "A car bomb exploded in Odessa.", "Odessa")[0] == "UA"
    assert where(gaz, "A car bomb exploded in Odessa.", "Odessa", parse_focus("US"))[0] == "US"


def test_bad_focus_setting_is_a_settings_error(gaz):
    with pytest.raises(SettingsError, match="three numbers"):
        Settings(focus="50,30")
    from geotimeline.pipeline import Pipeline

    with pytest.raises(SettingsError, match="'Atlantis'"):
        Pipeline(Settings(progress=False, focus="Atlantis"), nlp=object(), gazetteer=gaz)


def test_manifest_focus_per_article(tmp_path, nlp, gaz):
    from geotimeline.pipeline import Pipeline, process_one

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    text = "Protesters marched through Alexandria on Monday, March 2, 2020."
    for name in ("local", "world", "bad"):
        (seeds / f"{name}.txt").write_text(text, encoding="utf-8")
    (seeds / "articles.csv").write_text(
        "id,title,published,focus\nlocal,Local,2020-03-03,US\nworld,World,2020-03-03,\nbad,Bad,2020-03-03,Atlantis\n",
        encoding="utf-8")
    articles = {a.id: a for a in iter_articles(seeds)}
    assert articles["local"].focus == "US" and articles["world"].focus == ""
    pipeline = Pipeline(Settings(progress=False), nlp=nlp, gazetteer=gaz)
    assert process_one(pipeline, articles["local"]).places[0].entry.country_code == "US"
    assert process_one(pipeline, articles["world"]).places[0].entry.country_code == "EG"
    failed = process_one(pipeline, articles["bad"])
    assert isinstance(failed, InputError) and "'Atlantis'" in str(failed) and "bad.txt" in str(failed)
    # the setting applies where the manifest gives no focus; the manifest's replaces it
    pipeline = Pipeline(Settings(progress=False, focus="US"), nlp=nlp, gazetteer=gaz)
    assert process_one(pipeline, articles["world"]).places[0].entry.country_code == "US"
    assert process_one(pipeline, Article(**{**articles["world"].__dict__, "focus": "EG"})).places[0].entry.country_code == "EG"


def test_malformed_manifest_focus_names_the_line(tmp_path):
    path = tmp_path / "articles.csv"
    path.write_text("id,focus\na,US\nb,\"10,20\"\n", encoding="utf-8")
    with pytest.raises(ManifestError, match=r"articles.csv:3.*three numbers"):
        read_manifest(path)


def test_jsonl_focus(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text('{"id": "a", "text": "In Alexandria.", "focus": "US"}\n{"id": "b", "text": "x", "focus": "1,2"}\n',
                    encoding="utf-8")
    a, b = list(iter_articles(path))
    assert a.focus == "US" and isinstance(b, InputError) and "three numbers" in str(b)


def test_cli_focus(tmp_path, monkeypatch, capsys, gaz):
    from geotimeline.cli import main

    path = tmp_path / "gaz.sqlite"
    gaz.save(path)
    monkeypatch.setenv("GEOTIMELINE_GAZETTEER", str(path))
    assert main(["lookup", "Alexandria", "--quiet"]) == 0
    out = capsys.readouterr().out
    assert out.index(" EG ") < out.index(" US ")
    assert main(["lookup", "Alexandria", "--focus", "United States", "--quiet"]) == 0
    out = capsys.readouterr().out
    assert out.index(" US ") < out.index(" EG ") and "inside the focus (US)" in out
    assert main(["lookup", "Alexandria", "--focus", "Egipt", "--quiet"]) == 2
    assert "no country with the code or name 'Egipt'" in capsys.readouterr().err
