"""Peak memory of `geotimeline extract` as the corpus grows: it should stay flat (streaming).

Writes JSON Lines corpora of N short news-like articles (sentences from ``../shared/eval/geo/``)
and runs `geotimeline extract` on each in a new process, printing its peak resident memory and
throughput. `--jobs` is passed through (peak memory is then the parent's; each worker is similar).

    python3 benchmarks/extract_memory.py [--sizes 1000 4000] [--jobs 1]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _eval import load_corpus


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 4000])
    ap.add_argument("--jobs", type=int, default=1)
    args = ap.parse_args()
    sentences = [s.strip() + "." for d in load_corpus("geo", "lgl") for s in d["text"].split(". ") if 40 < len(s) < 300]
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            path = Path(tmp) / f"c{n}.jsonl"
            with path.open("w", encoding="utf-8") as f:
                for i in range(n):
                    text = " ".join(sentences[(i * 3 + k) % len(sentences)] for k in range(3))
                    f.write(json.dumps({"id": f"a{i}", "text": text, "published": "2011-06-01"}) + "\n")
            t = time.perf_counter()
            # each size in a new process that reports its own peak resident memory
            proc = subprocess.run([sys.executable, "-c", _WRAPPER, str(path), str(args.jobs)],
                                  capture_output=True, text=True, check=True)
            elapsed = time.perf_counter() - t
            peak_mb = float(proc.stdout.strip().splitlines()[-1])
            print(f"{n:>7,} articles: peak {peak_mb:.0f} MB, {n / elapsed:.0f} articles/s ({elapsed:.1f} s)")


_WRAPPER = """
import os, resource, sys
from geotimeline.pipeline import extract
from geotimeline.settings import Settings
with open(os.devnull, "w", encoding="utf-8") as out:
    extract(sys.argv[1], out, Settings(progress=False), jobs=int(sys.argv[2]))
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""

if __name__ == "__main__":
    main()
