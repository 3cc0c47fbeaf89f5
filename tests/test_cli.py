import json

import pytest

from geotimeline.cli import main

ARTICLE = ("Fighting in Mosul", "Iraqi forces entered Mosul on March 7, 2017, officials said, after weeks of fighting in the city.")


@pytest.fixture
def corpus(tmp_path):
    d = tmp_path / "seeds"
    d.mkdir()
    (d / "a.txt").write_text("\n".join(ARTICLE), encoding="utf-8")
    return d


@pytest.fixture
def cli(tiny_gazetteer_path, monkeypatch):
    monkeypatch.setenv("GEOTIMELINE_GAZETTEER", str(tiny_gazetteer_path))

    def run(*argv):
        return main([*argv, "--quiet"] if argv and argv[0] != "gazetteer" else list(argv))
    return run


def test_build_writes_report(cli, corpus, tmp_path, capsys):
    out = tmp_path / "out"
    assert cli("build", str(corpus), "-o", str(out)) == 0
    assert (out / "index.html").exists() and (out / "events.csv").exists()
    assert "1 articles" in capsys.readouterr().out
    assert "2017-03-07" in (out / "events.csv").read_text(encoding="utf-8")


def test_build_embed_writes_the_embeddable_page(cli, corpus, tmp_path):
    out = tmp_path / "out"
    assert cli("build", str(corpus), "-o", str(out), "--embed") == 0
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == ["embed.html", "events.csv", "events.geojson", "index.html",
                                                      "timeline.json"]
    assert 'class="gt-embed"' in (out / "embed.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("flags", [["--png"], ["--pdf"], ["--png", "--pdf", "--paper", "letter"]])
def test_png_or_pdf_without_chromium_stops_before_any_work(cli, corpus, tmp_path, capsys, monkeypatch, flags):
    monkeypatch.setenv("GEOTIMELINE_CHROMIUM", str(tmp_path / "no-chromium"))
    out = tmp_path / "out"
    assert cli("build", str(corpus), "-o", str(out), *flags) == 2
    err = capsys.readouterr().err
    asked = " and ".join(f for f in flags if f in ("--png", "--pdf"))
    assert f"{asked} needs Chromium" in err and "apt install chromium" in err and "Traceback" not in err
    assert not out.exists()


@pytest.mark.parametrize(("flags", "message"), [(["--png", "--png-size", "wide"], "--png-size must be WIDTHxHEIGHT"),
                                                (["--png", "--png-size", "10x10"], "each side must be"),
                                                (["--pdf", "--paper", "a3"], "--paper must be one of a4, letter")])
def test_bad_picture_size_or_paper_stops_before_any_work(cli, corpus, tmp_path, capsys, flags, message):
    out = tmp_path / "out"
    assert cli("build", str(corpus), "-o", str(out), *flags) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert not out.exists()


def test_build_skips_bad_file_with_exit_1(cli, corpus, tmp_path, capsys):
    (corpus / "bad.txt").write_bytes(b"\x00\x01binary")
    assert cli("build", str(corpus), "-o", str(tmp_path / "out")) == 1
    err = capsys.readouterr().err
    assert "bad.txt" in err and "binary" in err and "Traceback" not in err


def test_build_with_nothing_readable_is_a_clear_error(cli, tmp_path, capsys):
    empty = tmp_path / "empty"
    empty.mkdir()
    assert cli("build", str(empty), "-o", str(tmp_path / "out")) == 2
    assert "no readable articles" in capsys.readouterr().err


def test_malformed_manifest_is_a_clear_error(cli, corpus, tmp_path, capsys):
    (corpus / "articles.csv").write_text("id,published\na,not-a-date\n", encoding="utf-8")
    assert cli("build", str(corpus), "-o", str(tmp_path / "out")) == 2
    err = capsys.readouterr().err
    assert "articles.csv:2" in err and "Traceback" not in err


def test_extract_jsonl_schema(cli, tmp_path):
    src = tmp_path / "c.jsonl"
    src.write_text(json.dumps({"id": "x", "text": ARTICLE[1], "published": "2017-03-15"}) + "\n", encoding="utf-8")
    out = tmp_path / "o.jsonl"
    assert cli("extract", str(src), "-o", str(out)) == 0
    [rec] = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert rec["id"] == "x" and rec["published"] == {"date": "2017-03-15", "estimated": False,
                                                     "precision": "day", "note": "from the input"}
    place = next(p for p in rec["places"] if p["text"] == "Mosul")
    assert {"start", "end", "text", "name", "lat", "lon", "gazetteer_id", "country_code", "feature", "score"} <= set(place)
    assert ARTICLE[1][place["start"]:place["end"]] == "Mosul"
    date = rec["dates"][0]
    assert (date["text"], date["type"], date["value"], date["precision"]) == ("March 7, 2017", "DATE", "2017-03-07", "day")
    assert rec["events"][0]["date_start"] == "2017-03-07"


def test_lookup_prints_ranked_candidates(cli, capsys):
    assert cli("lookup", "Nice") == 0
    out = capsys.readouterr().out
    assert out.index("FR") < out.index("US")


def test_unknown_setting_is_a_clear_error(cli, corpus, capsys):
    assert cli("build", str(corpus), "--set", "colour=blue") == 2
    assert "unknown setting" in capsys.readouterr().err


def test_gazetteer_info(cli, capsys):
    assert cli("gazetteer", "info") == 0
    assert "city" in capsys.readouterr().out


def test_no_command_prints_help(capsys):
    assert main([]) == 2


def test_article_that_breaks_a_stage_is_skipped_not_fatal(cli, corpus, tmp_path, capsys, monkeypatch):
    (corpus / "b.txt").write_text("Paris. " * 50, encoding="utf-8")
    import geotimeline.pipeline as pipeline

    real = pipeline.find_dates

    def fussy(text, *a, **k):
        if text.startswith("Paris"):
            raise ValueError("text too long")
        return real(text, *a, **k)

    monkeypatch.setattr(pipeline, "find_dates", fussy)
    assert cli("build", str(corpus), "-o", str(tmp_path / "out")) == 1
    assert "b.txt" in capsys.readouterr().err
    assert (tmp_path / "out" / "index.html").exists()
