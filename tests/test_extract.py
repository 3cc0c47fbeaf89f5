"""geotimeline extract streams: lazy input, results in input order, worker processes, progress."""

import io
import json

from geotimeline.cli import main
from geotimeline.pipeline import Pipeline, count_inputs, extract, process_many
from geotimeline.records import Article
from geotimeline.settings import Settings

LINES = [
    {"id": f"n{i}", "text": f"Iraqi forces entered Mosul on March {i + 1}, 2017, officials in Baghdad said.",
     "published": "2017-03-20"} for i in range(12)
]


def corpus(tmp_path, bad_line=True):
    path = tmp_path / "corpus.jsonl"
    lines = [json.dumps(x) for x in LINES]
    if bad_line:
        lines.insert(5, "{not json")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_input_is_read_lazily_and_results_come_in_order(tiny_gazetteer_path, nlp, tiny_gazetteer):
    pipeline = Pipeline(Settings(progress=False, gazetteer_path=str(tiny_gazetteer_path)), nlp=nlp, gazetteer=tiny_gazetteer)
    pulled = []

    def articles():
        for i in range(1000):
            pulled.append(i)
            yield Article(f"a{i}", f"Fighting near Mosul on day {i}.")

    for jobs in (1, 2):
        pulled.clear()
        stream = process_many(articles(), pipeline, jobs)
        first = next(stream)
        assert first.article.id == "a0"
        assert len(pulled) <= 4 * jobs + 1  # a window, not the whole corpus
        ids = [next(stream).article.id for _ in range(20)]
        assert ids == [f"a{i}" for i in range(1, 21)]
        stream.close()


def test_jobs_give_identical_output(tmp_path, tiny_gazetteer_path, monkeypatch, capsys):
    monkeypatch.setenv("GEOTIMELINE_GAZETTEER", str(tiny_gazetteer_path))
    path = corpus(tmp_path)
    assert main(["extract", str(path), "-o", str(tmp_path / "one.jsonl"), "--quiet"]) == 1  # the bad line
    assert main(["extract", str(path), "-o", str(tmp_path / "two.jsonl"), "--jobs", "2", "--quiet"]) == 1
    one = (tmp_path / "one.jsonl").read_text(encoding="utf-8")
    assert one == (tmp_path / "two.jsonl").read_text(encoding="utf-8")
    assert [json.loads(x)["id"] for x in one.splitlines()] == [x["id"] for x in LINES]
    err = capsys.readouterr().err
    assert err.count("corpus.jsonl:6: not a JSON object") == 2 and "Traceback" not in err
    assert main(["extract", str(path), "--jobs", "0"]) == 2


def test_progress_bar_on_request_and_counts(tmp_path, tiny_pipeline, capsys):
    path = corpus(tmp_path, bad_line=False)
    assert count_inputs(path) == len(LINES)
    loud = Pipeline(Settings(progress=True), nlp=tiny_pipeline.nlp, gazetteer=tiny_pipeline.gazetteer)
    out = io.StringIO()
    n, problems = extract(path, out, pipeline=loud)
    assert (n, problems) == (len(LINES), [])
    assert f"{len(LINES)}/{len(LINES)}" in capsys.readouterr().err
    extract(path, io.StringIO(), pipeline=tiny_pipeline)  # progress off: nothing on stderr
    assert capsys.readouterr().err == ""
