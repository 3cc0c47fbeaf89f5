"""Event accuracy on the 25 LGL articles annotated for events (``../shared/eval/events/``).

Runs geotimeline's whole pipeline on each article (text from ``geo/lgl.jsonl``, the event file's
``published`` as the publication date) and scores distinct (place, date interval) events per
article against the gold events:

- a system event matches a gold item when its point lies within the item's ``km`` and the date
  intervals overlap;
- precision: distinct system events that match a gold event, over distinct system events, leaving
  out those that match only a ``borderline`` item; ``kind = "mention"`` rows are not events;
- recall: gold events matched by some system event;
- top event: articles whose highest-confidence event matches a gold event, over articles with
  a gold event.

The baseline, in the same run, is the rule geotimeline used before events were told apart from
mentions: every place with a date in its sentence or the next one, else the publication date
(every row ``assemble_events`` writes, mentions included).

    python3 benchmarks/events.py [--errors FILE]

The data is read from ``../shared/eval/``, never copied. It is small: a check, not a fitting set.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _eval  # the shared corpus reader beside this script

GOLD = _eval.EVAL / "events" / "lgl_events_dev.json"


def load_gold() -> tuple[dict, dict[str, dict]]:
    """The event annotations and the LGL documents they annotate, by id."""
    if not GOLD.exists():
        sys.exit(f"{GOLD} not found: the evaluation data lives in ../shared/eval/ beside the project")
    gold = json.loads(GOLD.read_text(encoding="utf-8"))["docs"]
    texts = {d["id"]: d for d in _eval.load_corpus("geo", "lgl") if d["id"] in gold}
    return gold, texts


def _overlap(a0: str, a1: str, b0: str, b1: str) -> bool:
    return a0 <= b1 and b0 <= a1


def _matches(ev: tuple, item: dict) -> bool:
    from geotimeline.gazetteer import haversine_km

    lat, lon, start, end = ev[:4]
    if not item.get("date_start") or "lat" not in item:
        return False
    return (haversine_km(lat, lon, item["lat"], item["lon"]) <= item.get("km", 40)
            and _overlap(start, end, item["date_start"], item["date_end"]))


def score(gold_doc: dict, events: list[tuple], tally: dict, errors: list | None, doc_id: str, system: str,
          text: str) -> None:
    """Add one article's distinct events ``[(lat, lon, start, end, label, confidence, sentence)]``."""
    distinct: dict[tuple, tuple] = {}
    for ev in events:
        key = (round(ev[0], 3), round(ev[1], 3), ev[2], ev[3])
        if key not in distinct or ev[5] > distinct[key][5]:
            distinct[key] = ev
    gold_events = gold_doc["events"]
    border = gold_doc["borderline"]
    for ev in distinct.values():
        if any(_matches(ev, g) for g in gold_events):
            tally["tp"] += 1
        elif any(_matches(ev, b) for b in border):
            tally["borderline"] += 1
        else:
            tally["fp"] += 1
            if errors is not None:
                errors.append({"system": system, "doc": doc_id, "kind": "spurious", "event": ev[4],
                               "date": f"{ev[2]}..{ev[3]}", "sentence": ev[6][:200]})
    for g in gold_events:
        tally["gold"] += 1
        if any(_matches(ev, g) for ev in distinct.values()):
            tally["found"] += 1
        elif errors is not None:
            errors.append({"system": system, "doc": doc_id, "kind": "missed", "event": g["place"],
                           "date": f"{g['date_start']}..{g['date_end']}", "quote": g["quote"][:200]})
    if gold_events:
        tally["articles"] += 1
        if events:
            top = max(events, key=lambda e: e[5])
            right = any(_matches(top, g) for g in gold_events)
            tally["top"] += right
            if errors is not None and not right:
                errors.append({"system": system, "doc": doc_id, "kind": "wrong top", "event": top[4],
                               "date": f"{top[2]}..{top[3]}", "sentence": top[6][:200]})


def process_both(pipeline, article):
    """geotimeline's result for ``article``, and the rows the old rule (no parse) gives."""
    from geotimeline.events import assemble_events
    from geotimeline.pipeline import sentence_spans
    from geotimeline.toponyms import attach_text

    result = pipeline.process(article)
    sentences = sentence_spans(attach_text(pipeline.nlp(article.text), article.text))
    return result, assemble_events(result.article, result.places, result.dates, sentences, pipeline.settings)


def system_events(events, baseline: bool) -> list[tuple]:
    out = []
    for e in events:
        if e.date_start is None or (not baseline and e.kind != "event"):
            continue
        p = e.place.entry
        out.append((p.lat, p.lon, e.date_start.isoformat(), e.date_end.isoformat(),
                    f"{p.name} ({e.place.toponym.text}) [{e.kind}]", 0.0 if baseline else e.confidence, e.sentence))
    return out


def run(errors_path: str | None) -> dict:
    from geotimeline.pipeline import Pipeline
    from geotimeline.records import Article

    gold, texts = load_gold()
    pipeline = Pipeline()
    pipeline.nlp("Warm up in Paris.")
    errors: list | None = [] if errors_path else None
    tallies = {s: dict.fromkeys(("tp", "fp", "borderline", "gold", "found", "articles", "top"), 0)
               for s in ("geotimeline", "baseline")}
    t0 = time.perf_counter()
    for doc_id, g in gold.items():
        d = texts[doc_id]
        result, old = process_both(pipeline, Article(doc_id, d["text"], published=date.fromisoformat(g["published"])))
        for system, events in (("geotimeline", result.events), ("baseline", old)):
            score(g, system_events(events, system == "baseline"), tallies[system], errors, doc_id, system, d["text"])
    seconds = time.perf_counter() - t0
    if errors_path:
        Path(errors_path).write_text("\n".join(json.dumps(e, ensure_ascii=False) for e in errors) + "\n",
                                     encoding="utf-8")
    figures = {}
    for system, t in tallies.items():
        kept = t["tp"] + t["fp"]
        p = t["tp"] / kept if kept else 0.0
        r = t["found"] / t["gold"] if t["gold"] else 0.0
        figures[system] = {"precision": p, "recall": r, "F1": 2 * p * r / (p + r) if p + r else 0.0,
                           "events": kept + t["borderline"], "borderline": t["borderline"],
                           "top event": t["top"] / t["articles"] if t["articles"] else 0.0}
    figures["seconds"] = seconds
    return figures


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--errors", help="write every missed and spurious event as JSON Lines here")
    args = ap.parse_args(argv)
    figures = run(args.errors)
    cols = ["precision", "recall", "F1", "top event", "events", "borderline"]
    print("| system | " + " | ".join(cols) + " |")
    print("|---|" + "---|" * len(cols))
    for system in ("geotimeline", "baseline"):
        f = figures[system]
        print(f"| {system} | " + " | ".join(str(f[c]) if isinstance(f[c], int) else f"{f[c]:.3f}" for c in cols) + " |")
    print(f"\n{len(load_gold()[0])} articles in {figures['seconds']:.1f} s")


if __name__ == "__main__":
    main()
