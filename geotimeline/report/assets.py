"""Leaflet and Leaflet.markercluster, read from their installed PyPI packages and inlined.

``xstatic-leaflet`` and ``xstatic-leaflet-markercluster`` ship the files; CSS images become data
URIs and source-map comments are dropped, so the page asks the network for nothing.
"""

from __future__ import annotations

import base64
import re
from functools import lru_cache
from importlib import resources


def _data(package: str):
    return resources.files(f"xstatic.pkg.{package}") / "data"


def _js(text: str) -> str:
    """Script text that is safe inside ``<script>``: no source map, no ``</``."""
    return re.sub(r"//# sourceMappingURL=\S+", "", text).replace("</", "<\\/")


@lru_cache(maxsize=1)
def inline_assets() -> str:
    """``<style>`` and ``<script>`` elements holding Leaflet and the marker-cluster plugin."""
    leaflet, cluster = _data("leaflet"), _data("leaflet_markercluster")
    css = (leaflet / "leaflet.css").read_text(encoding="utf-8")

    def image(m: re.Match) -> str:
        raw = (leaflet / "images" / m.group(1)).read_bytes()
        return f"url(data:image/png;base64,{base64.b64encode(raw).decode('ascii')})"

    css = re.sub(r"url\(images/([\w\-.]+\.png)\)", image, css)
    css += "\n" + (cluster / "MarkerCluster.css").read_text(encoding="utf-8")
    css += "\n" + (cluster / "MarkerCluster.Default.css").read_text(encoding="utf-8")
    js = _js((leaflet / "leaflet.js").read_text(encoding="utf-8"))
    js += "\n" + _js((cluster / "leaflet.markercluster.js").read_text(encoding="utf-8"))
    return f"<style>{css}</style>\n<script>{js}</script>"
