"""Map elements that render themselves (folium/branca style): the map, its data, layers, legend and controls.

Data reaches the page only as JSON inside scripts, with `<`, `>`, `&` and line separators escaped, and the
runtime (atlas.js) puts it into the page with textContent. The legend is the one piece of HTML built here, from
escaped text.
"""

from __future__ import annotations

import json
from typing import Any

import folium
from branca.element import MacroElement
from folium.map import Layer
from folium.template import Template

from isk_atlas.maps import assets

# folium's CDN links for Leaflet: used as they are online, replaced by installed copies offline.
LEAFLET_JS = ("leaflet", "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js")
LEAFLET_CSS = ("leaflet_css", "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.css")

# Afghanistan and the southern edge of its northern neighbours.
DEFAULT_BOUNDS = [[29.3, 60.4], [39.4, 75.2]]


def js_json(value: Any) -> str:
    """JSON safe to put inside a <script>: nothing in it can close the script or open a tag."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


class AtlasRuntime(MacroElement):
    """The project's own map runtime and styles, inlined in the page header (they are small)."""

    _template = Template(
        """
        {% macro header(this, kwargs) %}
            <style>{{ this.css }}</style>
            <script>{{ this.js }}</script>
        {% endmacro %}
        """
    )

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._name = "AtlasRuntime"
        self.css = assets.runtime_css()
        self.js = assets.runtime_js()


class AtlasMap(folium.Map):
    """A folium Map that needs only Leaflet (no Bootstrap, jQuery or icon fonts) and carries the runtime."""

    default_js = [LEAFLET_JS]  # noqa: RUF012 - folium declares these as plain class lists
    default_css = [LEAFLET_CSS]  # noqa: RUF012

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("tiles", None)
        kwargs.setdefault("prefer_canvas", True)
        kwargs.setdefault("control_scale", True)
        kwargs.setdefault("location", [34.5, 67.5])
        kwargs.setdefault("zoom_start", 6)
        super().__init__(**kwargs)
        self.add_child(AtlasRuntime(), name="atlas_runtime")
        self.tiles_added = False


class AtlasData(MacroElement):
    """What every layer of one map shares: area geometries, source metadata and evidence sentences."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            IskAtlas.data({{ this._parent.get_name() }}, {{ this.payload }});
        {% endmacro %}
        """
    )

    def __init__(self, areas: dict[str, Any], sources: dict[str, Any], evidence: dict[str, str]) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._name = "AtlasData"
        self.payload = js_json({"areas": areas, "sources": sources, "evidence": evidence})


class EventLayer(Layer):
    """One event type as one GeoJSON layer on the shared canvas, built in the browser from compact rows."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = IskAtlas.eventLayer({{ this._parent.get_name() }}, {{ this.payload }},
                {{ this.config }});
        {% endmacro %}
        """
    )

    def __init__(self, name: str, payload: dict[str, Any], config: dict[str, Any], show: bool = True) -> None:
        super().__init__(name=name, overlay=True, control=True, show=show)
        self._name = "EventLayer"
        self.count = len(payload["rows"])
        self.payload = js_json(payload)
        self.config = js_json({"name": name, "events": True, "maxLabels": 200, **config})


class AreaLayer(Layer):
    """Areas that are not events (basemap, neighbours' outlines, the presence choropleth)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = IskAtlas.areaLayer({{ this._parent.get_name() }}, {{ this.payload }},
                {{ this.config }});
        {% endmacro %}
        """
    )

    def __init__(
        self,
        name: str,
        items: list[dict[str, Any]],
        config: dict[str, Any],
        overlay: bool = True,
        control: bool = True,
        show: bool = True,
    ) -> None:
        super().__init__(name=name, overlay=overlay, control=control, show=show)
        self._name = "AreaLayer"
        self.count = len(items)
        self.payload = js_json(items)
        defaults = {"stroke": "#777", "weight": 1, "fill": "#f4f1ea", "fillOpacity": 1, "labels": False}
        self.config = js_json({"name": name, "events": False, **defaults, **config})


class Legend(MacroElement):
    """A legend control; `html` must be built from escaped text (see render.legend_html)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            IskAtlas.legend({{ this._parent.get_name() }}, {{ this.html }});
        {% endmacro %}
        """
    )

    def __init__(self, html: str) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._name = "Legend"
        self.raw_html = html
        self.html = js_json(html)


class TimeControl(MacroElement):
    """A date-range filter with a slider and a play button over every event layer of the map."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            IskAtlas.timeControl({{ this._parent.get_name() }}, {{ this.config }});
        {% endmacro %}
        """
    )

    def __init__(self, first: str, last: str, days: int, undated: int) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._name = "TimeControl"
        self.config = js_json({"min": first, "max": last, "days": days, "undated": undated})


class Attribution(MacroElement):
    """Data credits in Leaflet's attribution control (escaped: Leaflet treats attributions as HTML)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            IskAtlas.attribution({{ this._parent.get_name() }}, {{ this.text }});
        {% endmacro %}
        """
    )

    def __init__(self, escaped_text: str) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._name = "Attribution"
        self.text = js_json(escaped_text)
