"""Small folium elements for the report's map: the offline basemap, online tiles, the events.

Each is a class plus a Jinja ``_template`` (folium's own pattern). Data reaches JavaScript only
through :func:`to_js_json`, which escapes ``<``, ``>`` and ``&`` so article text cannot close a
``<script>`` element.
"""

from __future__ import annotations

import json

from branca.element import MacroElement
from jinja2 import Template


def to_js_json(value) -> str:
    """JSON that is safe inside an HTML ``<script>`` element."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


class CountryOutlines(MacroElement):
    """The offline basemap: simplified country outlines, read from the page's JSON block."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = geotimeline.addOutlines({{ this._parent.get_name() }}, {{ this.data_id }});
        {% endmacro %}
    """)

    def __init__(self, data_id: str):
        super().__init__()
        self._name = "CountryOutlines"
        self.data_id = to_js_json(data_id)


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


class EventLayer(MacroElement):
    """The events: clustered markers, legend, timeline and table, all wired by report.js."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = geotimeline.init({{ this._parent.get_name() }}, {{ this.data_id }});
        {% endmacro %}
    """)

    def __init__(self, data_id: str):
        super().__init__()
        self._name = "EventLayer"
        self.data_id = to_js_json(data_id)
