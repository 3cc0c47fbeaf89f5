"""corrections.toml: pins, drops, publication dates, hidden and hand-made events; checked strictly."""

import csv
import io

import pytest

from geotimeline.cli import main
from geotimeline.corrections import (
    CorrectionsError,
    load_corrections,
    parse_partial_date,
)
from geotimeline.pipeline import build


def events(out):
    return list(csv.DictReader(io.StringIO((out / "events.csv").read_text(encoding="utf-8"))))


def write(corpus, text):
    (corpus / "corrections.toml").write_text(text, encoding="utf-8")


def test_pin_drop_published_hide_and_add(corpus, tmp_path, tiny_pipeline):
    out = tmp_path / "out"
    build(corpus, out, pipeline=tiny_pipeline)
    before = {e["event_id"]: e for e in events(out)}
    assert before["b-002"]["place"] == "Sinjār" and before["b-002"]["country_code"] == "IQ"
    assert before["b-002"]["date"] == "2015-11-13"  # the Friday before the 14th
    write(corpus, """
[[place]]
name = "Sinjar"
to = "164094"          # the Syrian Sinjar, in article b only
article = "b"

[[drop]]
name = "Baghdad"

[[published]]
article = "b"
date = "2015-11-21"

[[hide]]
event = "a-001"

[[event]]
article = "a"
lat = 36.34
lon = 43.13
label = "Mosul old city"
date = "2017-07"
text = "The old city fell in July."
""")
    result = build(corpus, out, pipeline=tiny_pipeline)
    assert result.processed == 1  # only b, whose publication date changed
    after = {e["event_id"]: e for e in events(out)}
    sinjar = [e for e in after.values() if e["place_text"] == "Sinjar"]
    assert sinjar and all(e["gazetteer_id"] == "164094" and e["country_code"] == "SY" for e in sinjar)
    assert all(e["corrected"] == "place pinned in corrections.toml" for e in sinjar)
    assert "the pick before correction" in sinjar[0]["alternatives"]
    assert sinjar[0]["date"] == "2015-11-20"  # Friday is now read against the corrected date
    assert not [e for e in after.values() if e["place"] == "Baghdad"]
    assert "a-001" not in after
    hand = after["a-hand1"]
    assert (hand["place"], hand["date"], hand["precision"], hand["date_source"]) == ("Mosul old city", "2017-07", "month", "manual")
    assert hand["country_code"] == "IQ" and hand["corrected"] == "added by hand in corrections.toml"
    page = (out / "index.html").read_text(encoding="utf-8")
    assert "added by hand in corrections.toml" in page


@pytest.mark.parametrize("text, message", [
    ("[[pin]]\nname = 'x'\n", "unknown table [[pin]]"),
    ("[place]\nname = 'x'\n", "write [[place]]"),
    ("[[place]]\nname = 'Mosul'\n", "give either to"),
    ("[[place]]\nname = 'Mosul'\nto = '1'\ncolour = 'red'\n", "unknown key(s) colour"),
    ("[[drop]]\narticle = 'a'\n", "[[drop]] #1: missing name"),
    ("[[place]]\nname = 'M'\nlat = 91\nlon = 0\n", "off the globe"),
    ("[[place]]\nname = 'M'\nlat = 1\n", "give both lat and lon"),
    ("[[published]]\narticle = 'a'\ndate = '2017-13-01'\n", "[[published]] #1: date"),
    ("[[published]]\narticle = 'a'\ndate = '2017-02-01'\nprecision = 'week'\n", "precision must be"),
    ("[[place]\nname = 'x'\n", "not valid TOML"),
])
def test_malformed_corrections_say_where(corpus, tmp_path, text, message):
    write(corpus, text)
    with pytest.raises(CorrectionsError) as err:
        load_corrections(corpus / "corrections.toml")
    assert message in str(err.value) and "corrections.toml" in str(err.value)


@pytest.mark.parametrize("text, message", [
    ("[[place]]\nname = 'Nice'\nto = '999'\n", "gazetteer id '999' not found"),
    ("[[drop]]\nname = 'Nice'\narticle = 'zzz'\n", "no article 'zzz' among the seeds"),
])
def test_unknown_ids_stop_the_build_and_keep_the_report(corpus, tmp_path, tiny_pipeline, text, message):
    out = tmp_path / "out"
    build(corpus, out, pipeline=tiny_pipeline)
    before = (out / "index.html").read_bytes()
    write(corpus, text)
    with pytest.raises(CorrectionsError, match=message):
        build(corpus, out, pipeline=tiny_pipeline)
    assert (out / "index.html").read_bytes() == before


def test_partial_dates():
    assert [d.isoformat() for d in parse_partial_date("2017-02")[:2]] == ["2017-02-01", "2017-02-28"]
    assert parse_partial_date("2016")[2] == "year"
    with pytest.raises(ValueError):
        parse_partial_date("March 2017")


def test_correct_command_writes_checked_corrections(corpus, tiny_gazetteer_path, monkeypatch, capsys):
    monkeypatch.setenv("GEOTIMELINE_GAZETTEER", str(tiny_gazetteer_path))
    seeds = ["--seeds", str(corpus), "--quiet"]
    assert main(["correct", "Sinjar", "--to", "164094", "--article", "b", *seeds]) == 0
    assert main(["correct", "Baghdad", "--drop", *seeds]) == 0
    assert main(["correct", "--published", "2015-11-21", "--article", "b", *seeds]) == 0
    assert main(["correct", "--hide", "a-001", *seeds]) == 0
    assert main(["correct", "Camp", "--lat", "34.6", "--lon", "43.5", "--label", "Camp Speicher", *seeds]) == 0
    assert "run `geotimeline build` to apply it" in capsys.readouterr().out
    parsed = load_corrections(corpus / "corrections.toml")
    assert [c.kind for c in parsed.items] == ["place", "place", "drop", "published", "hide"]
    assert parsed.of("place")[1].values == {"name": "Camp", "lat": 34.6, "lon": 43.5, "label": "Camp Speicher"}
    text = (corpus / "corrections.toml").read_text(encoding="utf-8")
    for bad in (["correct", "Nice", "--to", "999", *seeds], ["correct", "Nice", "--to", "2990440", "--article", "q", *seeds],
                ["correct", "Nice", *seeds], ["correct", "--hide", "nope-001", *seeds],
                ["correct", "--published", "2015", *seeds]):
        assert main(bad) == 2
    assert (corpus / "corrections.toml").read_text(encoding="utf-8") == text  # nothing half-written
    assert "Traceback" not in capsys.readouterr().err
