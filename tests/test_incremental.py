"""Rebuilds reuse per-article results; the output folder is locked; slow articles time out."""

import time

import pytest

from geotimeline.errors import InputError
from geotimeline.lock import OutputLocked, output_lock
from geotimeline.pipeline import CACHE_DIR, ArticleTimeout, Pipeline, build, process_one
from geotimeline.records import Article
from geotimeline.settings import Settings

from .conftest import NEWS


def test_rebuild_processes_only_what_changed(corpus, tmp_path, tiny_pipeline):
    out = tmp_path / "out"
    first = build(corpus, out, pipeline=tiny_pipeline)
    assert (first.articles, first.processed) == (3, 3)
    report = (out / "events.csv").read_text(encoding="utf-8")
    again = build(corpus, out, pipeline=tiny_pipeline)
    assert again.processed == 0
    assert (out / "events.csv").read_text(encoding="utf-8") == report  # the same report from the cache
    (corpus / "b.txt").write_text(NEWS["b"] + " Fighters reached Baghdad on Saturday.", encoding="utf-8")
    changed = build(corpus, out, pipeline=tiny_pipeline)
    assert changed.processed == 1
    assert "Fighters reached Baghdad" in (out / "events.csv").read_text(encoding="utf-8")
    assert build(corpus, out, pipeline=tiny_pipeline, force=True).processed == 3


def test_manifest_and_settings_are_part_of_the_key(corpus, tmp_path, tiny_pipeline, nlp, tiny_gazetteer):
    out = tmp_path / "out"
    build(corpus, out, pipeline=tiny_pipeline)
    manifest = corpus / "articles.csv"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace("2016-01-13", "2016-01-20"), encoding="utf-8")
    assert build(corpus, out, pipeline=tiny_pipeline).processed == 1  # a new publication date
    other = Pipeline(Settings(progress=False, context_sentences=0), nlp=nlp, gazetteer=tiny_gazetteer)
    assert build(corpus, out, pipeline=other).processed == 3
    # settings that cannot change a result do not invalidate it
    tiles = Pipeline(Settings(progress=False, context_sentences=0, tile_url=""), nlp=nlp, gazetteer=tiny_gazetteer)
    assert build(corpus, out, pipeline=tiles).processed == 0


def test_corrupt_cache_entries_are_recomputed_and_stale_ones_pruned(corpus, tmp_path, tiny_pipeline):
    out = tmp_path / "out"
    build(corpus, out, pipeline=tiny_pipeline)
    entries = sorted((out / CACHE_DIR).rglob("*.pickle"))
    assert len(entries) == 3
    entries[0].write_bytes(b"geotimeline-result-1\n\x80\x05 truncated")
    entries[1].write_bytes(b"")
    rebuilt = build(corpus, out, pipeline=tiny_pipeline)
    assert rebuilt.processed == 2 and rebuilt.articles == 3
    (corpus / "c.txt").unlink()
    build(corpus, out, pipeline=tiny_pipeline)
    assert len(list((out / CACHE_DIR).rglob("*.pickle"))) == 2  # c's entry is gone


def test_second_build_into_a_locked_folder_stops_cleanly(corpus, tmp_path, tiny_pipeline):
    out = tmp_path / "out"
    build(corpus, out, pipeline=tiny_pipeline)
    before = (out / "index.html").read_bytes()
    with output_lock(out):
        with pytest.raises(OutputLocked, match="another geotimeline build is writing here"):
            build(corpus, out, pipeline=tiny_pipeline)
    assert (out / "index.html").read_bytes() == before
    assert build(corpus, out, pipeline=tiny_pipeline).articles == 3  # released when the holder ends


def test_stray_temporaries_from_a_killed_build_are_removed(corpus, tmp_path, tiny_pipeline):
    out = tmp_path / "out"
    out.mkdir()
    (out / ".index.html.abc.tmp").write_text("half a page")
    build(corpus, out, pipeline=tiny_pipeline)
    assert not list(out.glob(".*.tmp"))


def test_an_article_over_the_time_limit_is_skipped_with_a_message(tiny_gazetteer, nlp, monkeypatch):
    pipeline = Pipeline(Settings(progress=False, article_timeout=0.2), nlp=nlp, gazetteer=tiny_gazetteer)
    monkeypatch.setattr(pipeline, "process", lambda article: time.sleep(5))
    t = time.perf_counter()
    result = process_one(pipeline, Article("slow", "Mosul.", path="seeds/slow.txt"))
    assert time.perf_counter() - t < 2
    assert isinstance(result, InputError)
    assert "seeds/slow.txt" in str(result) and "longer than 0.2 s" in str(result)


def test_a_change_to_the_extraction_code_invalidates_results(corpus, tmp_path, tiny_pipeline, monkeypatch):
    from geotimeline import cache

    out = tmp_path / "out"
    build(corpus, out, pipeline=tiny_pipeline)
    assert build(corpus, out, pipeline=tiny_pipeline).processed == 0
    monkeypatch.setattr(cache, "_code_digest", lambda: "a fixed resolver")
    assert build(corpus, out, pipeline=tiny_pipeline).processed == 3


def test_counts_add_up_when_inputs_fail(corpus, tmp_path, tiny_pipeline, monkeypatch, capsys):
    """A binary file, an empty one and one that times out: skipped, and not counted as processed."""
    from geotimeline.cli import cmd_build

    out = tmp_path / "out"
    build(corpus, out, pipeline=tiny_pipeline)  # a and b come from the cache below
    (corpus / "bin.txt").write_bytes(b"\x00\x01binary")
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "slow.txt").write_text("Rain in Mosul on March 7, 2017.", encoding="utf-8")
    (corpus / "c.txt").write_text((corpus / "c.txt").read_text(encoding="utf-8") + " More.", encoding="utf-8")
    real = tiny_pipeline.process

    def process(article):
        if article.id == "slow":
            raise ArticleTimeout()
        return real(article)

    monkeypatch.setattr(tiny_pipeline, "process", process)
    result = build(corpus, out, pipeline=tiny_pipeline)
    assert (result.articles, result.processed, result.reused, len(result.problems)) == (3, 1, 2, 3)
    monkeypatch.setattr("geotimeline.pipeline.Pipeline", lambda settings: tiny_pipeline)
    args = type("Args", (), dict(seeds=str(corpus), output=str(out), jobs=1, embed=False, png=False, pdf=False,
                                 png_size="1600x900", paper="a4", force=True))
    assert cmd_build(args, tiny_pipeline.settings) == 1
    line = capsys.readouterr().out
    assert line.startswith("3 articles,") and "-" not in line.split("events")[0]


def test_an_article_whose_parse_fails_is_reported_and_skipped(corpus, tmp_path, tiny_pipeline, monkeypatch):
    import geotimeline.pipeline as pipeline_module

    real = pipeline_module.parse_sentences

    def parse(parser, doc, *args):
        if "Sinjar" in doc.text:
            raise IndexError("a parse gone wrong")
        return real(parser, doc, *args)

    monkeypatch.setattr(pipeline_module, "parse_sentences", parse)
    out = tmp_path / "out"
    result = build(corpus, out, pipeline=tiny_pipeline, force=True)
    assert result.articles == 2 and any("b.txt" in p and "could not be parsed" in p for p in result.problems)
    assert (out / "index.html").exists() and "Sinjar" not in (out / "events.csv").read_text(encoding="utf-8")
