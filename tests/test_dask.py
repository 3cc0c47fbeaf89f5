"""extract --engine dask: the same output as one process, on a local Dask cluster."""

import io
import json

import pytest

from geotimeline.cli import main
from geotimeline.pipeline import extract
from geotimeline.settings import Settings

from .conftest import browser_required

LINES = [{"id": f"d{i}", "text": f"Iraqi forces entered Mosul on March {i + 1}, 2017, officials in Baghdad said. "
                                 f"Talks opened in Paris the next day.", "published": "2017-03-20"} for i in range(16)]


@pytest.fixture(scope="module")
def distributed():
    try:
        import distributed
    except ImportError:
        if browser_required():  # CI installs the dask extra: there a missing Dask is a failure
            pytest.fail("Dask is not installed (CI must install geotimeline[dask])")
        pytest.skip("Dask is not installed (pip install 'geotimeline[dask]')")
    return distributed


@pytest.fixture
def corpus(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text("\n".join(json.dumps(x) for x in LINES[:8]) + "\n{broken\n"
                    + "\n".join(json.dumps(x) for x in LINES[8:]) + "\n", encoding="utf-8")
    return path


def test_existing_scheduler_gives_identical_output(distributed, corpus, tiny_gazetteer_path):
    settings = Settings(progress=False, gazetteer_path=str(tiny_gazetteer_path))
    one = io.StringIO()
    n, problems = extract(corpus, one, settings)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as cluster:
        out = io.StringIO()
        m, dask_problems = extract(corpus, out, settings, engine="dask", scheduler=cluster.scheduler_address)
    assert (m, len(dask_problems)) == (n, len(problems)) == (16, 1)
    assert out.getvalue() == one.getvalue()
    assert [json.loads(x)["id"] for x in out.getvalue().splitlines()] == [x["id"] for x in LINES]


def test_cli_local_cluster(distributed, corpus, tmp_path, tiny_gazetteer_path, monkeypatch, capsys):
    monkeypatch.setenv("GEOTIMELINE_GAZETTEER", str(tiny_gazetteer_path))
    assert main(["extract", str(corpus), "-o", str(tmp_path / "one.jsonl"), "--quiet"]) == 1
    assert main(["extract", str(corpus), "-o", str(tmp_path / "dask.jsonl"), "--engine", "dask", "--jobs", "1",
                 "--quiet"]) == 1
    assert (tmp_path / "dask.jsonl").read_bytes() == (tmp_path / "one.jsonl").read_bytes()
    assert main(["extract", str(corpus), "--scheduler", "tcp://127.0.0.1:1"]) == 2
    assert "--scheduler goes with --engine dask" in capsys.readouterr().err
