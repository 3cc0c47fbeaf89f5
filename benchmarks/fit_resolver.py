"""Fit the place resolver's weights on gold data: a conditional logit over each name's candidates.

For every gold toponym of the chosen corpora that geotimeline recognises, the resolver's
candidates for that name are described by the evidence ``geotimeline.resolve.features`` computes
(kind of entry, population, the article's countries, containment, lists, nearby places...). The
weights maximise the probability the softmax over candidates gives to the right ones (within
161 km of the gold point; GeoVirus' countries, divisions, regions and continents by entity, as
``places.right_entity`` scores them), with a Gaussian prior centred on the weights it starts
from (``--start``, by default the shipped ones), so evidence the corpora rarely test keeps its
earlier weight. The context evidence depends on the
other names' readings, so the fit is repeated with the readings the last weights give.

    python3 benchmarks/fit_resolver.py [--corpus lgl] [--corpus geovirus] [--out FILE] [--rounds 3]

Without ``--out`` the weights go to ``geotimeline/data/resolver_weights.json``, the file the
resolver ships with. Fit on one corpus and test on the other with ``benchmarks/places.py
--weights FILE``; BENCHMARKS.md reports both ways and the fit on both.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from datetime import date
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import places as bench  # the place benchmark: corpora, span matching, right_entity

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "geotimeline" / "data" / "resolver_weights.json"
LAMBDA = 1.0  # L2 penalty on the weights (on the scale of one gold toponym's log-likelihood)


def recognised(corpora: list[str]) -> list[tuple[dict, list, str]]:
    """``(document, toponyms, corpus)`` for every document: the toponyms geotimeline finds
    (they do not depend on the weights, so they are found once)."""
    from geotimeline.pipeline import Pipeline
    from geotimeline.records import Article

    pipeline = Pipeline()
    out = []
    for corpus in corpora:
        for doc in bench.load_corpus(corpus):
            published = date.fromisoformat(doc["doc_date"]) if doc.get("doc_date") else None
            *_, toponyms = pipeline.recognise(Article(id=doc["id"], text=doc["text"], published=published))
            out.append((doc, [t for t in toponyms if t.kind in bench.KINDS[corpus]], corpus))
    return out


def samples(docs, settings, gazetteer) -> list[tuple[list[dict], list[bool], float]]:
    """One ``(candidate features, candidate is right, weight)`` per recognised gold toponym with a right
    candidate and a choice to make."""
    from geotimeline.gazetteer import haversine_km
    from geotimeline.resolve import _name_key, rank_candidates

    out = []
    for doc, toponyms, corpus in docs:
        trace: dict = {}
        rank_candidates(toponyms, doc["text"], gazetteer, settings, trace=trace)
        for g in doc["toponyms"]:
            over = [t for t in toponyms if t.start < g["end"] and g["start"] < t.end]
            if not over:
                continue
            t = max(over, key=lambda t: ((t.start, t.end) == (g["start"], g["end"]), min(t.end, g["end"]) - max(t.start, g["start"])))
            cands = trace.get(_name_key(t))
            if not cands or len(cands) < 2:
                continue
            right = []
            for e, _ in cands:
                km = haversine_km(g["lat"], g["lon"], e.lat, e.lon)
                pred = (t.start, t.end, e.lat, e.lon, f"{e.name} ({e.feature}, {e.country_code})", e.feature, e.id, e.country_code)
                right.append(bench.right_entity(g, pred, km, gazetteer) if corpus in bench.ENTITY_SCORED else km <= bench.KM_161)
            if any(right) and not all(right):
                out.append(([f for _, f in cands], right, corpus))
    # each corpus counts as much as the other, whatever its size: local US news (LGL) would
    # otherwise teach its preference for small towns to every other kind of news
    sizes = Counter(c for *_, c in out)
    return [(feats, right, len(out) / (len(sizes) * sizes[c])) for feats, right, c in out]


def fit(data, names: list[str], start: np.ndarray, prior: np.ndarray, lam: float = LAMBDA) -> np.ndarray:
    """Maximum a posteriori conditional likelihood (L-BFGS with the exact gradient): a Gaussian
    prior centred on ``prior`` (the weights fitted before), so evidence the data rarely tests
    (a bare region's name, a physical feature) keeps its earlier weight instead of falling to 0."""
    from scipy.optimize import minimize

    index = {n: i for i, n in enumerate(names)}
    groups = []
    for feats, right, weight in data:
        X = np.zeros((len(feats), len(names)))
        for r, f in enumerate(feats):
            for k, v in f.items():
                X[r, index[k]] = v
        groups.append((X, np.array(right), weight))

    def loss(w):
        total, grad = lam * 0.5 * (w - prior) @ (w - prior), lam * (w - prior)
        for X, right, weight in groups:
            s = X @ w
            m = s.max()
            p = np.exp(s - m)
            p_all = p / p.sum()
            p_right = p * right
            z_right = p_right.sum()
            total += weight * (np.log(p.sum()) - np.log(z_right))
            grad += weight * (X.T @ p_all - X.T @ (p_right / z_right))
        return total, grad

    res = minimize(loss, start, jac=True, method="L-BFGS-B")
    return res.x


def main(argv: list[str] | None = None) -> None:
    from geotimeline.gazetteer import Gazetteer
    from geotimeline.resolve import TIED_WEIGHTS, _load_weights, resolver_weights
    from geotimeline.settings import Settings

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", choices=sorted(bench.CORPORA), action="append", help="corpus to fit on (default: all)")
    ap.add_argument("--out", default=str(SHIPPED), help="where to write the weights (default: the shipped file)")
    ap.add_argument("--rounds", type=int, default=3, help="fits, each with the readings the last one gives")
    ap.add_argument("--start", help="weights file to start from and to centre the prior on (default: the shipped one)")
    args = ap.parse_args(argv)
    corpora = args.corpus or list(bench.CORPORA)
    t0 = time.perf_counter()
    settings = Settings(progress=False, resolver_weights=args.start or "")
    gazetteer = Gazetteer.open(settings.gazetteer_path, progress=False)
    docs = recognised(corpora)
    weights, sharpness = resolver_weights(settings)
    names = sorted(k for k in weights if k not in TIED_WEIGHTS)  # tied ones follow theirs when loaded
    w = np.array([weights[n] * sharpness for n in names])  # on the logit scale (sharpness 1)
    prior = w.copy()
    out = Path(args.out)
    for rnd in range(1, args.rounds + 1):
        data = samples(docs, settings, gazetteer)
        extra = sorted({k for feats, *_ in data for f in feats for k in f} - set(names))
        if extra:
            names += extra
            w = np.concatenate([w, np.zeros(len(extra))])
            prior = np.concatenate([prior, np.zeros(len(extra))])
        w = fit(data, names, w, prior)
        fitted = {n: round(float(v), 4) for n, v in zip(names, w)}
        out.write_text(json.dumps({
            "note": f"fitted by benchmarks/fit_resolver.py on {' + '.join(bench.CORPORA[c] for c in corpora)}",
            "sharpness": 1.0, "weights": fitted,
            "fit": {"corpora": corpora, "toponyms": len(data), "lambda": LAMBDA, "rounds": rnd},
        }, indent=1) + "\n", encoding="utf-8")
        _load_weights.cache_clear()  # the file was rewritten
        settings = Settings(progress=False, resolver_weights=str(out))
        print(f"round {rnd}: {len(data)} gold toponyms with a choice, {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    for n, v in sorted(fitted.items(), key=lambda kv: -abs(kv[1])):
        print(f"{n:26s} {v:8.3f}")
    print(f"-> {out}")


if __name__ == "__main__":
    main()
