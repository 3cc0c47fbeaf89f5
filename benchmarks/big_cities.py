"""Big-city probe: the world's big cities named bare in a short news sentence.

Built from the gazetteer's own source by rule, not from a hand list: every GeoNames city of
``--min-population`` (1,000,000) or more, under its name and under each of its Latin-script
alternate names (Lvov, Kharkov, Homel, Odessa ...). Each name goes alone into a short news
sentence ("Protesters gathered in Lvov on Monday."); the right reading is the most populous
place of that name. Names that are also a country, continent or region are left out (the
country is meant), and so are names with a namesake of comparable size (a second place of that
name with at least ``--comparable`` (0.2) of the first's population).

Prints accuracy (the name resolved within 50 km of the city) for primary names and alternate
names, how many were recognised as places at all and how many of those were right, and the
misses with ``--errors``. GeoNames' primary name is the international (usually English) one;
the alternate names the shipped data holds carry no language, so they mix English exonyms
(Kharkov, Lvov) with transliterations no English text uses ("Gaa Ding" for Shanghai): read the
alternate row as a stress test of recognition, and its last column as the resolver's share.

    python3 benchmarks/big_cities.py [--min-population 1000000] [--limit N] [--errors FILE]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

TEMPLATES = ("Protesters gathered in {} on Monday.", "A car bomb exploded in {} on Friday, police said.",
             "Officials in {} said the talks would resume next week.")
KM = 50.0


def probe(gazetteer, min_population: int, comparable: float) -> list[dict]:
    """Every (name, expected city) pair of the probe."""
    from geotimeline._gazetteer_sources import _keep_alt, _load_json

    cities = _load_json("cities500.json")
    big = [c for c in cities.values() if int(c["population"] or 0) >= min_population]
    items, seen = [], set()
    for c in sorted(big, key=lambda c: -int(c["population"])):
        names = [(c["name"], "primary")]
        names += [(a, "alternate") for a in c["alternatenames"]
                  if a != c["name"] and _keep_alt(a) and a.isascii() and " " not in a.strip("'’")[:1]]
        for name, kind in names:
            if name in seen:
                continue
            seen.add(name)
            found = gazetteer.candidates(name)
            if not found or any(e.feature in {"country", "continent", "region"} for e in found):
                continue
            top = max(found, key=lambda e: e.population)
            if str(top.id) != str(c["geonameid"]):
                continue  # another place of this name is bigger: not this city's name to test
            if any(e is not top and e.population >= comparable * top.population for e in found):
                continue
            items.append({"name": name, "kind": kind, "expected": top})
    return items


def main(argv: list[str] | None = None) -> None:
    from geotimeline.gazetteer import haversine_km
    from geotimeline.pipeline import Pipeline
    from geotimeline.records import Article
    from geotimeline.settings import Settings

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--min-population", type=int, default=1_000_000)
    ap.add_argument("--comparable", type=float, default=0.2)
    ap.add_argument("--limit", type=int)
    ap.add_argument("--errors", help="write each miss as JSON Lines here")
    ap.add_argument("--weights", help="resolver weights file (default: the shipped one)")

    args = ap.parse_args(argv)
    pipeline = Pipeline(Settings(progress=False, resolver_weights=args.weights or ""))
    items = probe(pipeline.gazetteer, args.min_population, args.comparable)[: args.limit]
    t0 = time.perf_counter()
    tally: dict[str, list[int]] = {"primary": [0, 0], "alternate": [0, 0]}
    found = {"primary": [0, 0], "alternate": [0, 0]}  # [recognised as a place, right among those]
    misses = []
    for n, item in enumerate(items):
        text = TEMPLATES[n % len(TEMPLATES)].format(item["name"])
        start = text.index(item["name"])
        places = pipeline.process(Article(f"probe{n}", text)).places
        got = next((p for p in places if p.start < start + len(item["name"]) and start < p.end), None)
        exp = item["expected"]
        ok = got is not None and haversine_km(got.entry.lat, got.entry.lon, exp.lat, exp.lon) <= KM
        tally[item["kind"]][0] += ok
        tally[item["kind"]][1] += 1
        found[item["kind"]][0] += got is not None
        found[item["kind"]][1] += ok
        if not ok:
            misses.append({"kind": item["kind"], "sentence": text, "expected": f"{exp.name} ({exp.country_code}, {exp.population:,})",
                           "got": f"{got.entry.name} ({got.entry.feature}, {got.entry.country_code}, {got.entry.population:,})"
                           if got else None})
    right = sum(t[0] for t in tally.values())
    total = sum(t[1] for t in tally.values())
    print("| names | sentences | resolved to the city | recognised as a place | right when recognised |")
    print("|---|---|---|---|---|")
    for kind, (ok, n) in tally.items():
        rec, rec_ok = found[kind]
        print(f"| {kind} names | {n} | **{ok / n if n else 0:.3f}** | {rec / n if n else 0:.3f} | {rec_ok / rec if rec else 0:.3f} |")
    print(f"| all | {total} | {right / total if total else 0:.3f} | | |")
    print(f"\n{len(misses)} misses, {time.perf_counter() - t0:.0f} s; cities of {args.min_population:,}+ people")
    if args.errors:
        Path(args.errors).write_text("".join(json.dumps(m, ensure_ascii=False) + "\n" for m in misses), encoding="utf-8")


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    main()
