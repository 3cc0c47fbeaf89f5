"""Speed and memory on one machine, in one run (issue #7's figures). Prints:

- cold `geotimeline build` of the seeds (new process, gazetteer built, empty result cache);
- warm extraction throughput (model loaded) in articles/s and words/s on news articles (the
  texts of ``../shared/eval/geo/``, repeated to ``--articles``), with one job and with two;
- the same throughput for a naive baseline (spaCy's full pipeline plus
  ``dateparser.search_dates`` over each whole text), as a ratio;
- peak resident memory; gazetteer open time, build time and size.

    python3 benchmarks/speed.py [--articles 1000] [--baseline-articles 200] [--skip-gazetteer-build]
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _eval import load_corpus

ROOT = Path(__file__).resolve().parent.parent


def news(n: int):
    from geotimeline.records import Article

    docs = load_corpus("geo", "lgl") + load_corpus("geo", "geovirus")
    out = []
    for i in range(n):
        d = docs[i % len(docs)]
        published = date.fromisoformat(d["doc_date"]) if d.get("doc_date") else None
        out.append(Article(f"{i}-{d['id']}", d["text"], published=published))
    return out


def throughput(articles, jobs: int) -> float:
    from geotimeline.pipeline import Pipeline, process_many
    from geotimeline.settings import Settings

    pipeline = Pipeline(Settings(progress=False))
    pipeline.process(articles[0])  # warm: model loaded, caches filled
    t = time.perf_counter()
    for _ in process_many(iter(articles), pipeline, jobs):
        pass
    return time.perf_counter() - t


def ner_alone(articles) -> float:
    """Seconds for spaCy's NER alone (the pipeline geotimeline loads for it) over the texts."""
    from geotimeline.pipeline import load_spacy
    from geotimeline.settings import Settings

    nlp = load_spacy(Settings().spacy_model)
    nlp(articles[0].text)
    t = time.perf_counter()
    for a in articles:
        nlp(a.text)
    return time.perf_counter() - t


def baseline(articles) -> float:
    import dateparser.search
    import spacy

    from geotimeline.settings import Settings

    nlp = spacy.load(Settings().spacy_model)  # every component
    nlp(articles[0].text)
    t = time.perf_counter()
    for a in articles:
        nlp(a.text)
        dateparser.search.search_dates(a.text, languages=["en"],
                                       settings={"RELATIVE_BASE": _midnight(a.published or date(2020, 1, 1))})
    return time.perf_counter() - t


def _midnight(d: date):
    from datetime import datetime

    return datetime(d.year, d.month, d.day)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--baseline-articles", type=int, default=200)
    ap.add_argument("--skip-gazetteer-build", action="store_true")
    args = ap.parse_args()

    from geotimeline.gazetteer import Gazetteer, build_gazetteer
    from geotimeline.settings import Settings

    path = Settings().gazetteer_path
    Gazetteer.open(path, progress=False).close()
    opens = []
    for _ in range(20):
        t = time.perf_counter()
        Gazetteer.open(path).close()
        opens.append(time.perf_counter() - t)
    print(f"gazetteer open: median {statistics.median(opens) * 1000:.1f} ms (target <= 200 ms); "
          f"size {Path(path).stat().st_size / 1e6:.0f} MB (target <= 150 MB)")
    if not args.skip_gazetteer_build:
        with tempfile.TemporaryDirectory() as tmp:
            t = time.perf_counter()
            build_gazetteer(Path(tmp) / "g.sqlite", progress=False)
            print(f"gazetteer build: {time.perf_counter() - t:.1f} s (target <= 60 s)")

    colds = []
    for _ in range(3):
        with tempfile.TemporaryDirectory() as out:
            t = time.perf_counter()
            subprocess.run([sys.executable, "-m", "geotimeline", "build", str(ROOT / "seeds"), "-o", out, "--quiet"],
                           check=True, capture_output=True)
            colds.append(time.perf_counter() - t)
    print(f"cold build of the seeds: median {statistics.median(colds):.2f} s (target <= 3 s)")

    articles = news(args.articles)
    words = sum(len(a.text.split()) for a in articles)
    one = throughput(articles, 1)
    print(f"warm extraction, 1 job: {len(articles) / one:.1f} articles/s, {words / one:,.0f} words/s "
          f"({words / len(articles):.0f} words per article; target >= 18 articles/s with one job, issue #17)")
    ner = ner_alone(articles)
    print(f"spaCy NER alone, same texts, same run: {len(articles) / ner:.1f} articles/s; the whole pipeline "
          f"(parse for events included) takes {one / ner:.2f}x its time")
    two = throughput(articles, 2)
    print(f"warm extraction, 2 jobs: {len(articles) / two:.1f} articles/s = {one / two:.2f}x one job (target >= 1.8x)")
    sample = articles[: args.baseline_articles]
    base = baseline(sample)
    rate = len(sample) / base
    print(f"naive baseline (spaCy full pipeline + dateparser.search_dates): {rate:.1f} articles/s; "
          f"geotimeline is {len(articles) / one / rate:.1f}x faster (target >= 3x)")
    print(f"peak resident memory of this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB "
          "(target <= 700 MB)")


if __name__ == "__main__":
    main()
