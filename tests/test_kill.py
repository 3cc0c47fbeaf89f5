"""A build killed (or interrupted) mid-way leaves the previous report exactly as it was."""

import os
import signal
import subprocess
import sys
import time

import pytest

from geotimeline.lock import LOCK_NAME

TEXT = ("Iraqi forces entered Mosul on March {d}, 2017, officials in Baghdad said. "
        "Kurdish fighters retook Sinjar the next week, and talks opened in Paris on April {d}. ") * 6


def corpus(folder, n, marker):
    folder.mkdir(exist_ok=True)
    for i in range(n):
        (folder / f"a{i:03d}.txt").write_text(f"{marker} {i}\n\n" + TEXT.format(d=1 + i % 28), encoding="utf-8")


def run_build(seeds, out, env, **kw):
    return subprocess.Popen([sys.executable, "-m", "geotimeline", "build", str(seeds), "-o", str(out), "--quiet"],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kw)


def wait_until_half_way(proc, out, cached_before, timeout=120):
    """Until the build holds the output lock and has processed (and cached) a few articles."""
    lock, cache = out / LOCK_NAME, out / ".cache"
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if proc.poll() is not None:
            pytest.fail(f"the build ended before it could be stopped: {proc.communicate()}")
        if lock.exists() and lock.read_text().strip() == str(proc.pid) and \
                len(list(cache.rglob("*.pickle"))) >= cached_before + 5:
            return
        time.sleep(0.05)
    pytest.fail("the build never got going")


@pytest.fixture
def env(tiny_gazetteer_path):
    return {**os.environ, "GEOTIMELINE_GAZETTEER": str(tiny_gazetteer_path)}


@pytest.mark.parametrize("how", ["SIGKILL", "SIGINT"])
def test_stopped_build_keeps_the_previous_report(tmp_path, env, how):
    seeds, out = tmp_path / "seeds", tmp_path / "out"
    corpus(seeds, 3, "First")
    first = run_build(seeds, out, env)
    assert first.wait(120) == 0, first.communicate()
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file() and not p.name.startswith(".")}
    corpus(seeds, 120, "Second")  # long enough to be stopped half-way
    proc = run_build(seeds, out, env)
    wait_until_half_way(proc, out, cached_before=len(list((out / ".cache").rglob("*.pickle"))))
    proc.send_signal(getattr(signal, how))
    code = proc.wait(60)
    _, err = proc.communicate()
    if how == "SIGINT":
        assert code == 130 and "interrupted; nothing was overwritten" in err and "Traceback" not in err
    else:
        assert code == -signal.SIGKILL
    after = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file() and not p.name.startswith(".")}
    assert after == before  # not a byte changed, no half-written file beside them
    # the lock died with the build: the next build runs and writes the new report
    again = run_build(seeds, out, env)
    assert again.wait(300) == 0, again.communicate()
    assert "a119-" in (out / "events.csv").read_text(encoding="utf-8")
    assert not list(out.glob(".*.tmp"))
