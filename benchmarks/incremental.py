"""Full build vs rebuild after one article changed, on a 500-article corpus.

The corpus is the news texts of ``../shared/eval/geo/`` (read from there, written to a temporary
folder as ``.txt`` files with a manifest of publication dates). Every build is a new
``geotimeline build`` process, as a user runs it; the gazetteer is already built. Prints:

- full build (empty cache);
- rebuild with one article changed (target: under 3 s and under a tenth of the full build);
- rebuild with nothing changed; and ``--force`` (everything processed again).

    python3 benchmarks/incremental.py [--articles 500]
"""

from __future__ import annotations

import argparse
import csv
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _eval import load_corpus


def make_corpus(folder: Path, n: int) -> None:
    docs = load_corpus("geo", "lgl") + load_corpus("geo", "geovirus")
    rows = []
    for i in range(n):
        doc = docs[i % len(docs)]
        name = f"{i:04d}_{doc['id'].replace(':', '_')}"
        (folder / f"{name}.txt").write_text(doc["text"], encoding="utf-8")
        rows.append({"id": name, "title": doc["text"][:60].split(".")[0], "published": doc.get("doc_date") or "",
                     "precision": "day", "source": doc.get("source", ""), "note": ""})
    with (folder / "articles.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)


def timed_build(seeds: Path, out: Path, *extra: str) -> tuple[float, str]:
    t = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "geotimeline", "build", str(seeds), "-o", str(out), "--quiet", *extra],
                          capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - t
    if proc.returncode not in (0, 1):
        sys.exit(f"build failed ({proc.returncode}): {proc.stderr[-2000:]}")
    return elapsed, proc.stdout.strip()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=500)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        seeds, out = Path(tmp) / "seeds", Path(tmp) / "output"
        seeds.mkdir()
        make_corpus(seeds, args.articles)
        full, said = timed_build(seeds, out)
        print(f"full build, {args.articles} articles, empty cache: {full:.1f} s  [{said}]")
        victim = sorted(seeds.glob("*.txt"))[args.articles // 2]
        victim.write_text(victim.read_text(encoding="utf-8") + "\n\nOfficials in Baghdad said on Monday that talks would resume.\n",
                          encoding="utf-8")
        one, said = timed_build(seeds, out)
        print(f"rebuild, one article changed: {one:.2f} s = {one / full:.3f} of the full build "
              f"(targets < 3 s, < 0.1)  [{said}]")
        same, said = timed_build(seeds, out)
        print(f"rebuild, nothing changed: {same:.2f} s  [{said}]")
        forced, said = timed_build(seeds, out, "--force")
        print(f"rebuild with --force: {forced:.1f} s")
        size = sum(p.stat().st_size for p in (out / ".cache").rglob("*.pickle"))
        print(f"cache: {size / 1e6:.1f} MB for {args.articles} articles; report {(out / 'index.html').stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
