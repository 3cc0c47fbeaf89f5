"""Small folium elements: inlined Leaflet, the event markers, the offline country basemap.

Each is a class plus a Jinja ``_template`` (folium's own pattern). Data reaches JavaScript only
through :func:`to_js_json`, which escapes ``<``, ``>`` and ``&`` so article text cannot close a
``<script>`` element.
"""

from __future__ import annotations

import base64
import json
import re
from functools import lru_cache
from importlib import resources

from branca.element import Element, MacroElement
from jinja2 import Template


def to_js_json(value) -> str:
    """JSON that is safe inside an HTML ``<script>`` element."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


@lru_cache(maxsize=1)
def leaflet_assets() -> tuple[str, str]:
    """Return Leaflet's ``(js, css)`` from the installed ``xstatic-leaflet``, images as data URIs."""
    data = resources.files("xstatic.pkg.leaflet") / "data"
    js = (data / "leaflet.js").read_text(encoding="utf-8")
    css = (data / "leaflet.css").read_text(encoding="utf-8")
    js = re.sub(r"//# sourceMappingURL=\S+", "", js)

    def inline(m: re.Match) -> str:
        name = m.group(1)
        raw = (data / "images" / name).read_bytes()
        return f"url(data:image/png;base64,{base64.b64encode(raw).decode('ascii')})"

    css = re.sub(r"url\(images/([\w\-.]+\.png)\)", inline, css)
    return js, css


class InlineLeaflet(Element):
    """Leaflet's JavaScript and CSS written into the page, so it loads with no network."""

    def __init__(self):
        js, css = leaflet_assets()
        # "</" must not occur inside a script element's text
        safe_js = js.replace("</", "<\\/")
        html = f"<style>{css}</style>\n<script>{safe_js}</script>"
        super().__init__(html)


class CountryOutlines(MacroElement):
    """An offline basemap: simplified country outlines (Natural Earth, via PyPI's countryinfo)."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.geoJSON({{ this.data }}, {
            style: {color: "#8a94a6", weight: 0.7, fillColor: "#eef1f5", fillOpacity: 1},
            interactive: false
        });
        {{ this.get_name() }}.addTo({{ this._parent.get_name() }});
        geotimeline.basemaps["Country outlines (offline)"] = {{ this.get_name() }};
        {% endmacro %}
    """)

    def __init__(self):
        super().__init__()
        self._name = "CountryOutlines"
        self.data = to_js_json(country_outlines())


class OnlineTiles(MacroElement):
    """An online tile layer offered in the layer switcher, off by default (the page is offline)."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        geotimeline.basemaps[{{ this.label }}] = L.tileLayer({{ this.url }}, {
            attribution: {{ this.attribution }}, maxZoom: 18
        });
        {% endmacro %}
    """)

    def __init__(self, url: str, attribution: str, label: str = "OpenStreetMap tiles (online)"):
        super().__init__()
        self._name = "OnlineTiles"
        self.url, self.attribution, self.label = to_js_json(url), to_js_json(attribution), to_js_json(label)


class EventMarkers(MacroElement):
    """One marker per place, linked to the event table by ``gazetteer_id`` (see report.js)."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = geotimeline.addPlaces({{ this._parent.get_name() }}, {{ this.places }});
        {% endmacro %}
    """)

    def __init__(self, places: list[dict]):
        super().__init__()
        self._name = "EventMarkers"
        self.places = to_js_json(places)


@lru_cache(maxsize=1)
def country_outlines() -> dict:
    """A GeoJSON FeatureCollection of country outlines, coordinates rounded to 0.01°."""
    from countryinfo import all_countries

    features = []
    for country in all_countries():
        info = country.info()
        gj = info.get("geoJSON") or {}
        for f in gj.get("features", []) if isinstance(gj, dict) else []:
            geom = f.get("geometry") or {}
            if geom.get("type") not in {"Polygon", "MultiPolygon"}:
                continue
            features.append({
                "type": "Feature",
                "properties": {"name": info.get("name", "")},
                "geometry": {"type": geom["type"], "coordinates": _round(geom["coordinates"])},
            })
    return {"type": "FeatureCollection", "features": features}


def _round(coords):
    if coords and isinstance(coords[0], (int, float)):
        return [round(coords[0], 2), round(coords[1], 2)]
    return [_round(c) for c in coords]
