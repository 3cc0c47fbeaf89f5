"""Place accuracy on the development corpora (LGL, GeoVirus), measured the way the field does.

Runs geotimeline's pipeline (``Pipeline.process``) on every document of
``../shared/eval/geo/*.jsonl`` with ``doc_date`` as the publication date, and a baseline in the
same run (spaCy GPE/LOC/FAC entities resolved to the most populous gazetteer candidate). Prints,
per corpus and system: recognition P/R/F1 (exact and lenient), accuracy@161 km, median error and
AUC over the recognised toponyms, end-to-end recall@161 and documents/s.

    python3 benchmarks/places.py [--corpus lgl] [--limit N] [--errors FILE]

Definitions: ``../shared/eval/README.md``. The data is read from there, never copied.
Unresolved gold toponyms (street addresses) are neither gold nor false positives.
"""

from __future__ import annotations

import argparse
import json
import math
import statistics
import sys
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _eval  # the shared corpus reader beside this script

CORPORA = {"lgl": "LGL", "geovirus": "GeoVirus"}
# The corpora's annotation guidelines differ on demonyms: LGL marks "Iraqi" in "Iraqi forces"
# as a toponym of Iraq, GeoVirus does not. geotimeline keeps demonyms as their own kind of
# toponym; each corpus is scored on the kinds its guidelines annotate.
KINDS = {"lgl": {"literal", "demonym"}, "geovirus": {"literal"}}
KM_161 = 161.0
EARTH_HALF = 20039.0


@dataclass
class Tally:
    """Counts for one system on one corpus."""

    gold: int = 0
    predicted: int = 0
    exact: int = 0  # predicted spans identical to a gold span
    lenient_pred: int = 0  # predicted spans overlapping a gold span
    lenient_gold: int = 0  # gold spans overlapped by a predicted span
    errors_km: list[float] = field(default_factory=list)  # per recognised gold toponym (lenient)
    seconds: float = 0.0
    docs: int = 0

    def figures(self) -> dict[str, float]:
        def f1(p: float, r: float) -> float:
            return 2 * p * r / (p + r) if p + r else 0.0

        p_ex = self.exact / self.predicted if self.predicted else 0.0
        r_ex = self.exact / self.gold if self.gold else 0.0
        p_le = self.lenient_pred / self.predicted if self.predicted else 0.0
        r_le = self.lenient_gold / self.gold if self.gold else 0.0
        errs = self.errors_km
        within = sum(e <= KM_161 for e in errs)
        return {
            "P exact": p_ex, "R exact": r_ex, "F1 exact": f1(p_ex, r_ex),
            "P lenient": p_le, "R lenient": r_le, "F1 lenient": f1(p_le, r_le),
            "acc@161": within / len(errs) if errs else 0.0,
            "median km": statistics.median(errs) if errs else float("nan"),
            "AUC": sum(math.log1p(e) for e in errs) / len(errs) / math.log(EARTH_HALF) if errs else float("nan"),
            "e2e@161": within / self.gold if self.gold else 0.0,
            "docs/s": self.docs / self.seconds if self.seconds else 0.0,
        }


def score_document(doc: dict, predicted: list[tuple[int, int, float, float]], tally: Tally,
                   errors_out: list | None = None, system: str = "") -> None:
    """Add one document's predictions ``[(start, end, lat, lon)]`` to ``tally``."""
    from geotimeline.gazetteer import haversine_km

    gold = doc["toponyms"]
    ignore = [(u["start"], u["end"]) for u in doc.get("unresolved_toponyms", [])]
    preds = [p for p in predicted if not any(p[0] < e and s < p[1] for s, e in ignore)
             or any(p[0] < g["end"] and g["start"] < p[1] for g in gold)]
    tally.gold += len(gold)
    tally.predicted += len(preds)
    gold_spans = {(g["start"], g["end"]) for g in gold}
    tally.exact += sum((p[0], p[1]) in gold_spans for p in preds)
    tally.lenient_pred += sum(any(p[0] < g["end"] and g["start"] < p[1] for g in gold) for p in preds)
    for g in gold:
        # the prediction for a gold toponym: the exact span if any, else the widest overlap
        overlapping = [p for p in preds if p[0] < g["end"] and g["start"] < p[1]]
        if not overlapping:
            if errors_out is not None:
                errors_out.append({"system": system, "doc": doc["id"], "kind": "missed", "name": g["name"],
                                   "context": doc["text"][max(0, g["start"] - 60):g["end"] + 60]})
            continue
        tally.lenient_gold += 1
        best = max(overlapping, key=lambda p: ((p[0], p[1]) == (g["start"], g["end"]),
                                               min(p[1], g["end"]) - max(p[0], g["start"])))
        km = haversine_km(g["lat"], g["lon"], best[2], best[3])
        tally.errors_km.append(km)
        if errors_out is not None and km > KM_161:
            errors_out.append({"system": system, "doc": doc["id"], "kind": "misplaced", "name": g["name"],
                               "km": round(km), "gold": [g["lat"], g["lon"], g.get("fcode"), g.get("admin1")],
                               "got": best[4] if len(best) > 4 else "",
                               "context": doc["text"][max(0, g["start"] - 60):g["end"] + 60]})
    if errors_out is not None:
        for p in preds:
            if not any(p[0] < g["end"] and g["start"] < p[1] for g in gold):
                errors_out.append({"system": system, "doc": doc["id"], "kind": "spurious",
                                   "name": doc["text"][p[0]:p[1]], "got": p[4] if len(p) > 4 else "",
                                   "context": doc["text"][max(0, p[0] - 60):p[1] + 60]})


def predict_geotimeline(pipeline, doc: dict, kinds: set[str]) -> list[tuple]:
    from geotimeline.records import Article

    published = date.fromisoformat(doc["doc_date"]) if doc.get("doc_date") else None
    places = pipeline.process(Article(id=doc["id"], text=doc["text"], published=published)).places
    return [(p.start, p.end, p.entry.lat, p.entry.lon, f"{p.entry.name} ({p.entry.feature}, {p.entry.country_code})")
            for p in places if p.toponym.kind in kinds]


def predict_baseline(pipeline, doc: dict, kinds: set[str]) -> list[tuple]:
    out = []
    for ent in pipeline.nlp(doc["text"]).ents:
        if ent.label_ in {"GPE", "LOC", "FAC"}:
            found = pipeline.gazetteer.candidates(ent.text)
            if found:
                e = found[0]
                out.append((ent.start_char, ent.end_char, e.lat, e.lon, f"{e.name} ({e.feature}, {e.country_code})"))
    return out


def load_corpus(name: str, limit: int | None = None) -> list[dict]:
    return _eval.load_corpus("geo", name, limit)


def run(corpora: list[str], limit: int | None, errors_path: str | None) -> dict:
    from geotimeline.pipeline import Pipeline

    pipeline = Pipeline()
    pipeline.nlp("Warm up in Paris.")
    errors: list | None = [] if errors_path else None
    results = {}
    for name in corpora:
        docs = load_corpus(name, limit)
        for system, predict in (("geotimeline", predict_geotimeline), ("baseline", predict_baseline)):
            tally = Tally()
            t0 = time.perf_counter()
            preds = [predict(pipeline, d, KINDS[name]) for d in docs]
            tally.seconds = time.perf_counter() - t0
            tally.docs = len(docs)
            for d, p in zip(docs, preds, strict=True):
                score_document(d, p, tally, errors, f"{name}/{system}")
            results[(name, system)] = tally.figures()
    if errors_path:
        Path(errors_path).write_text("\n".join(json.dumps(e, ensure_ascii=False) for e in errors) + "\n",
                                     encoding="utf-8")
    return results


def print_table(results: dict) -> None:
    cols = ["P exact", "R exact", "F1 exact", "F1 lenient", "acc@161", "median km", "AUC", "e2e@161", "docs/s"]
    print("| corpus | system | " + " | ".join(cols) + " |")
    print("|---|---|" + "---|" * len(cols))
    for (name, system), fig in results.items():
        cells = []
        for c in cols:
            v = fig[c]
            cells.append(f"{v:.1f}" if c in {"median km", "docs/s"} else f"{v:.3f}")
        print(f"| {CORPORA[name]} | {system} | " + " | ".join(cells) + " |")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", choices=sorted(CORPORA), action="append", help="corpus (default: all)")
    ap.add_argument("--limit", type=int, help="first N documents of each corpus")
    ap.add_argument("--errors", help="write every miss, misplacement and spurious place as JSON Lines here")
    args = ap.parse_args(argv)
    print_table(run(args.corpus or list(CORPORA), args.limit, args.errors))


if __name__ == "__main__":
    main()
