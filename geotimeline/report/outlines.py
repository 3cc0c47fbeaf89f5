"""The offline basemap: country outlines from PyPI's ``countryinfo`` (Natural Earth), simplified,
and the borders between US states (US Census Bureau, via the ``us-atlas`` npm package).

Reading every country from ``countryinfo`` takes about a second, so the simplified outlines are
generated once and shipped as ``geotimeline/data/country_outlines.json``. Regenerate them with::

    python3 -m geotimeline.report.outlines

A test checks that the shipped file is exactly what this module generates. The state borders
(``geotimeline/data/us_state_borders.json``, drawn when an event is in the US: local news) come
from ``states-10m.json`` in us-atlas 3.0.1 (ISC; the Census Bureau's 2017 cartographic boundary
files, public domain), which no PyPI package ships::

    npm pack us-atlas@3.0.1 && tar xzf us-atlas-3.0.1.tgz
    python3 -m geotimeline.report.outlines --us-atlas package/states-10m.json
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from itertools import pairwise
from pathlib import Path

#: Douglas-Peucker tolerance in degrees (about 11 km at the equator; the 1:110m source is coarser): outlines stay recognisable
#: at the zoom levels a news map is read at, and the file stays small
TOLERANCE = 0.1
#: islands whose simplified ring is smaller than this (in square degrees) are dropped
MIN_AREA = 0.02
SHIPPED = "country_outlines.json"
US_SHIPPED = "us_state_borders.json"
#: state borders are read closer in (a local story's map shows a state or two): finer tolerance
US_TOLERANCE = 0.02


def simplify_ring(ring: list[list[float]], tolerance: float = TOLERANCE) -> list[list[float]]:
    """Douglas-Peucker simplification of a closed ring, coordinates rounded to 0.01°.

    >>> simplify_ring([[0, 0], [1, 0.001], [2, 0], [2, 2], [0, 2], [0, 0]])
    [[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]]
    """
    if len(ring) < 4:
        return ring
    keep = [False] * len(ring)
    keep[0] = keep[-1] = True
    # a closed ring's first and last points coincide: split it at its farthest point first
    far = max(range(len(ring)), key=lambda i: (ring[i][0] - ring[0][0]) ** 2 + (ring[i][1] - ring[0][1]) ** 2)
    keep[far] = True
    stack = [(0, far), (far, len(ring) - 1)]
    while stack:
        a, b = stack.pop()
        if b - a < 2:
            continue
        ax, ay = ring[a]
        bx, by = ring[b]
        dx, dy = bx - ax, by - ay
        norm = (dx * dx + dy * dy) ** 0.5
        best, best_d = -1, tolerance
        for i in range(a + 1, b):
            px, py = ring[i]
            d = abs(dy * px - dx * py + bx * ay - by * ax) / norm if norm else ((px - ax) ** 2 + (py - ay) ** 2) ** 0.5
            if d > best_d:
                best, best_d = i, d
        if best >= 0:
            keep[best] = True
            stack += [(a, best), (best, b)]
    out: list[list[float]] = []
    for point, k in zip(ring, keep):
        if k:
            p = [round(point[0], 2), round(point[1], 2)]
            if not out or p != out[-1]:
                out.append(p)
    return out


def _area(ring: list[list[float]]) -> float:
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in pairwise(ring))) / 2


def _polygon(rings: list) -> list | None:
    outer = simplify_ring(rings[0])
    if len(outer) < 4 or _area(outer) < MIN_AREA:
        return None
    holes = [h for h in (simplify_ring(r) for r in rings[1:]) if len(h) >= 4 and _area(h) >= MIN_AREA]
    return [outer, *holes]


def generate() -> dict:
    """Simplified outlines for every country ``countryinfo`` has a shape for, sorted by ISO code."""
    from countryinfo import all_countries

    features = []
    for country in all_countries():
        info = country.info()
        iso = (info.get("ISO") or {}).get("alpha2", "")
        gj = info.get("geoJSON") or {}
        polygons = []
        for f in gj.get("features", []) if isinstance(gj, dict) else []:
            geom = f.get("geometry") or {}
            if geom.get("type") == "Polygon":
                polygons.append(geom["coordinates"])
            elif geom.get("type") == "MultiPolygon":
                polygons.extend(geom["coordinates"])
        kept = [p for p in (_polygon(rings) for rings in polygons) if p]
        if not kept:
            continue
        geometry = {"type": "Polygon", "coordinates": kept[0]} if len(kept) == 1 else \
            {"type": "MultiPolygon", "coordinates": kept}
        features.append({"type": "Feature", "properties": {"iso": iso, "name": info.get("name", "")},
                         "geometry": geometry})
    features.sort(key=lambda f: (f["properties"]["iso"], f["properties"]["name"]))
    return {"type": "FeatureCollection", "features": features}


def country_names() -> dict[str, str]:
    """``{ISO alpha-2: English name}`` for the countries with an outline."""
    return {f["properties"]["iso"]: f["properties"]["name"] for f in country_outlines()["features"]
            if f["properties"]["iso"]}


@lru_cache(maxsize=1)
def country_outlines() -> dict:
    """The shipped outlines (a GeoJSON FeatureCollection with ``iso`` and ``name`` properties)."""
    text = (resources.files("geotimeline") / "data" / SHIPPED).read_text(encoding="utf-8")
    return json.loads(text)


def generate_us_borders(states_topojson: str | Path) -> dict:
    """The borders between US states: every arc of us-atlas's ``states`` object that two states
    share, simplified, as one MultiLineString feature."""
    topo = json.loads(Path(states_topojson).read_text(encoding="utf-8"))
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:  # quantized and delta-encoded
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append([x * sx + tx, y * sy + ty])
        arcs.append(points)
    users: dict[int, set[int]] = {}

    def walk(node, state: int) -> None:
        if isinstance(node, int):
            users.setdefault(node if node >= 0 else ~node, set()).add(state)
        else:
            for child in node:
                walk(child, state)

    for k, geometry in enumerate(topo["objects"]["states"]["geometries"]):
        walk(geometry.get("arcs", []), k)
    lines = [simplify_ring(arcs[i], US_TOLERANCE) for i in sorted(users) if len(users[i]) > 1]
    return {"type": "FeatureCollection", "features": [{
        "type": "Feature", "properties": {"name": "US state borders", "source": "US Census Bureau via us-atlas 3.0.1"},
        "geometry": {"type": "MultiLineString", "coordinates": [line for line in lines if len(line) > 1]}}]}


@lru_cache(maxsize=1)
def us_state_borders() -> dict:
    """The shipped borders between US states (a GeoJSON FeatureCollection of one MultiLineString)."""
    text = (resources.files("geotimeline") / "data" / US_SHIPPED).read_text(encoding="utf-8")
    return json.loads(text)


def dumps(collection: dict) -> str:
    return json.dumps(collection, ensure_ascii=False, separators=(",", ":")) + "\n"


if __name__ == "__main__":  # pragma: no cover - regenerates the shipped files
    import sys

    data = Path(__file__).resolve().parent.parent / "data"
    data.mkdir(exist_ok=True)
    if sys.argv[1:2] == ["--us-atlas"]:
        target, collection = data / US_SHIPPED, generate_us_borders(sys.argv[2])
    else:
        target, collection = data / SHIPPED, generate()
    target.write_text(dumps(collection), encoding="utf-8")
    print(f"{target.name}: {target.stat().st_size:,} bytes")
