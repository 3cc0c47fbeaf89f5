"""Date accuracy on the development corpora (TempEval-3's TimeBank and AQUAINT), scored as TempEval-3 does.

Runs geotimeline's date stage (``temporal.find_dates``) on every document of
``../shared/eval/time/*.jsonl`` with the document creation time as the publication date, and a
baseline in the same run (``dateparser.search_dates`` with ``RELATIVE_BASE`` set to that date).
Prints, per corpus and system: extraction P/R/F1 strict (identical span) and relaxed (overlap),
type accuracy and value accuracy over the relaxed matches, value F1 (relaxed F1 x value
accuracy, the headline score) and documents/s.

Then, with the creation time hidden, it estimates each document's publication date
(``temporal.estimate_published``) and prints how often the estimate is within 7 days of the
truth and in the right month.

    python3 benchmarks/dates.py [--corpus timebank] [--limit N] [--errors FILE] [--no-baseline]

Definitions: ``../shared/eval/README.md``. The data is read from there, never copied.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _eval  # the shared corpus reader beside this script

CORPORA = {"timebank": "TimeBank", "aquaint": "AQUAINT"}


@dataclass
class Tally:
    """Counts for one system on one corpus."""

    gold: int = 0
    predicted: int = 0
    strict: int = 0  # predicted spans identical to a gold span
    relaxed: int = 0  # one-to-one pairs of overlapping spans
    type_ok: int = 0  # relaxed pairs with the gold type
    value_ok: int = 0  # relaxed pairs with the gold value
    seconds: float = 0.0
    docs: int = 0

    def figures(self) -> dict[str, float]:
        def prf(hits: int) -> tuple[float, float, float]:
            p = hits / self.predicted if self.predicted else 0.0
            r = hits / self.gold if self.gold else 0.0
            return p, r, 2 * p * r / (p + r) if p + r else 0.0

        sp, sr, sf = prf(self.strict)
        rp, rr, rf = prf(self.relaxed)
        type_acc = self.type_ok / self.relaxed if self.relaxed else 0.0
        value_acc = self.value_ok / self.relaxed if self.relaxed else 0.0
        return {"P strict": sp, "R strict": sr, "F1 strict": sf, "P relaxed": rp, "R relaxed": rr,
                "F1 relaxed": rf, "type acc": type_acc, "value acc": value_acc, "value F1": rf * value_acc,
                "docs/s": self.docs / self.seconds if self.seconds else 0.0}


def score_document(doc: dict, predicted: list[tuple[int, int, str, str]], tally: Tally,
                   errors_out: list | None = None, system: str = "") -> None:
    """Add one document's predictions ``[(start, end, type, value)]`` to ``tally``.

    Each gold timex is paired with at most one prediction (the identical span if any, else the
    one overlapping it most), and each prediction with at most one gold timex.
    """
    gold = doc["timexes"]
    tally.gold += len(gold)
    tally.predicted += len(predicted)
    used: set[int] = set()
    text = doc["text"]

    def context(s: int, e: int) -> str:
        return text[max(0, s - 50):s] + "[" + text[s:e] + "]" + text[e:e + 50]

    for g in gold:
        options = [i for i, p in enumerate(predicted) if i not in used and p[0] < g["end"] and g["start"] < p[1]]
        if not options:
            if errors_out is not None:
                errors_out.append({"system": system, "doc": doc["id"], "kind": "missed", "text": g["text"],
                                   "gold": [g["type"], g["value"]], "context": context(g["start"], g["end"])})
            continue
        i = max(options, key=lambda j: ((predicted[j][0], predicted[j][1]) == (g["start"], g["end"]),
                                        min(predicted[j][1], g["end"]) - max(predicted[j][0], g["start"])))
        used.add(i)
        s, e, type_, value = predicted[i][:4]
        tally.relaxed += 1
        tally.strict += (s, e) == (g["start"], g["end"])
        tally.type_ok += type_ == g["type"]
        tally.value_ok += value == g["value"]
        if errors_out is not None and ((s, e) != (g["start"], g["end"]) or type_ != g["type"] or value != g["value"]):
            errors_out.append({"system": system, "doc": doc["id"], "kind": "wrong", "text": g["text"],
                               "got_text": text[s:e], "gold": [g["type"], g["value"]], "got": [type_, value],
                               "dct": doc["doc_date"], "context": context(g["start"], g["end"])})
    if errors_out is not None:
        for i, p in enumerate(predicted):
            if i not in used:
                errors_out.append({"system": system, "doc": doc["id"], "kind": "spurious", "text": text[p[0]:p[1]],
                                   "got": [p[2], p[3]], "context": context(p[0], p[1])})


def predict_geotimeline(doc: dict) -> list[tuple[int, int, str, str]]:
    from geotimeline.temporal import find_dates

    published = date.fromisoformat(doc["doc_date"]) if doc.get("doc_date") else None
    return [(d.start, d.end, d.type, d.value) for d in find_dates(doc["text"], published)]


def predict_baseline(doc: dict) -> list[tuple[int, int, str, str]]:
    """``dateparser.search_dates`` anchored to the creation time. It reports no offsets, so its
    strings are found left to right; each is re-read with ``DateDataParser`` for its period, so
    that "1998" is valued ``1998`` and "October" ``1997-10`` rather than as a day."""
    from dateparser.date import DateDataParser
    from dateparser.search import search_dates

    dct = datetime.fromisoformat(doc["doc_date"])
    settings = {"RELATIVE_BASE": dct}
    found = search_dates(doc["text"], languages=["en"], settings=settings) or []
    parser = DateDataParser(languages=["en"], settings=settings)
    out, pos = [], 0
    for string, when in found:
        s = doc["text"].find(string, pos)
        if s < 0:
            continue
        pos = s + len(string)
        period = parser.get_date_data(string).period or "day"
        if period == "time" or re.search(r"\d:\d\d|[ap]\.?m\b", string, re.I):
            out.append((s, pos, "TIME", when.strftime("%Y-%m-%dT%H:%M")))
        elif period == "year":
            out.append((s, pos, "DATE", f"{when.year:04d}"))
        elif period == "month":
            out.append((s, pos, "DATE", f"{when.year:04d}-{when.month:02d}"))
        elif period == "week":
            y, w, _ = when.isocalendar()
            out.append((s, pos, "DATE", f"{y:04d}-W{w:02d}"))
        else:
            out.append((s, pos, "DATE", when.date().isoformat()))
    return out


def estimate_publication(doc: dict) -> date | None:
    from geotimeline.records import Article
    from geotimeline.temporal import estimate_published

    return estimate_published(Article(id=doc["id"], text=doc["text"])).published


def load_corpus(name: str, limit: int | None = None) -> list[dict]:
    return _eval.load_corpus("time", name, limit)


def run(corpora: list[str], limit: int | None, errors_path: str | None, baseline: bool = True) -> tuple[dict, dict]:
    import dateparser

    dateparser.parse("1 March 2020")  # load dateparser's data outside the timing
    predict_geotimeline({"text": "On Friday, March 6, 2020.", "doc_date": "2020-03-07"})
    systems = [("geotimeline", predict_geotimeline)] + ([("baseline", predict_baseline)] if baseline else [])
    errors: list | None = [] if errors_path else None
    results, estimates = {}, {}
    for name in corpora:
        docs = load_corpus(name, limit)
        for system, predict in systems:
            tally = Tally(docs=len(docs))
            t0 = time.perf_counter()
            preds = [predict(d) for d in docs]
            tally.seconds = time.perf_counter() - t0
            for d, p in zip(docs, preds, strict=True):
                score_document(d, p, tally, errors, f"{name}/{system}")
            results[(name, system)] = tally.figures()
        estimates[name] = score_estimates(docs, errors)
    if errors_path:
        Path(errors_path).write_text("\n".join(json.dumps(e, ensure_ascii=False) for e in errors) + "\n",
                                     encoding="utf-8")
    return results, estimates


def score_estimates(docs: list[dict], errors_out: list | None = None) -> dict[str, float]:
    """Share of documents whose estimated publication date is within 7 days of, and in the same
    month as, the hidden creation time; and the share given any estimate at all."""
    week = month = some = 0
    for d in docs:
        truth = date.fromisoformat(d["doc_date"])
        guess = estimate_publication(d)
        if guess is None:
            continue
        some += 1
        week += abs((guess - truth).days) <= 7
        month += (guess.year, guess.month) == (truth.year, truth.month)
        if errors_out is not None and abs((guess - truth).days) > 7:
            errors_out.append({"system": "estimate", "doc": d["id"], "kind": "pubdate",
                               "gold": truth.isoformat(), "got": guess.isoformat()})
    n = len(docs) or 1
    return {"within 7 days": week / n, "right month": month / n, "estimated": some / n}


def print_tables(results: dict, estimates: dict) -> None:
    cols = ["P strict", "R strict", "F1 strict", "P relaxed", "R relaxed", "F1 relaxed", "type acc",
            "value acc", "value F1", "docs/s"]
    print("| corpus | system | " + " | ".join(cols) + " |")
    print("|---|---|" + "---|" * len(cols))
    for (name, system), fig in results.items():
        cells = [f"{fig[c]:.0f}" if c == "docs/s" else f"{fig[c]:.3f}" for c in cols]
        print(f"| {CORPORA[name]} | {system} | " + " | ".join(cells) + " |")
    print()
    print("Publication date estimated with the creation time hidden:")
    print("| corpus | within 7 days | right month | any estimate |")
    print("|---|---|---|---|")
    for name, fig in estimates.items():
        print(f"| {CORPORA[name]} | {fig['within 7 days']:.3f} | {fig['right month']:.3f} | {fig['estimated']:.3f} |")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", choices=sorted(CORPORA), action="append", help="corpus (default: all)")
    ap.add_argument("--limit", type=int, help="first N documents of each corpus")
    ap.add_argument("--errors", help="write every miss, wrong value and spurious timex as JSON Lines here")
    ap.add_argument("--no-baseline", action="store_true", help="skip the dateparser baseline (it is slow)")
    args = ap.parse_args(argv)
    print_tables(*run(args.corpus or list(CORPORA), args.limit, args.errors, not args.no_baseline))


if __name__ == "__main__":
    main()
