"""Map elements that render themselves (folium/branca style): the map, its data, layers, legend and controls.

Data reaches the page only as JSON inside scripts, with `<`, `>`, `&` and line separators escaped, and the
runtime (atlas.js) puts it into the page with textContent. The legend is the one piece of HTML built here, from
escaped text.
"""

from __future__ import annotations

import json
import re
from typing import Any

import folium
from branca.element import Element, MacroElement
from folium.map import Layer
from folium.template import Template

from isk_atlas.maps import assets

# folium's CDN links for Leaflet: used as they are online, replaced by installed copies offline.
LEAFLET_JS = ("leaflet", "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js")
LEAFLET_CSS = ("leaflet_css", "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.css")

# Afghanistan and the southern edge of its northern neighbours.
DEFAULT_BOUNDS = [[29.3, 60.4], [39.4, 75.2]]


class JsonText(str):
    """Text that `js_json` made: safe inside a <script> as it is (so it can be built once and used by many maps)."""

    __slots__ = ()


def js_json(value: Any) -> JsonText:
    """JSON safe to put inside a <script>: nothing in it can close the script or open a tag, and nothing in it
    opens a Jinja tag (`{{`, `{%`, `{#`), because branca compiles a macro's output as a template once more (see
    `_AtlasElement`).

    Outside strings JSON never has `{` followed by `{`, `%` or `#`, so the replacements touch string contents
    only, where the escape `\\u007b` reads back as `{`.
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return JsonText(
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
        .replace("{{", "\\u007b\\u007b")
        .replace("{%", "\\u007b%")
        .replace("{#", "\\u007b#")
    )


class _AtlasElement(MacroElement):
    """A page element of this project's, written as folium's plugins are: a `_template` of macros that branca's
    `MacroElement.render` places in the page. Branca compiles each macro's output as a template once more, so what
    the macros write is code and JSON from `js_json` (no Jinja tag can open in it); the build renders pages with
    their data set aside (`Payloads`), so article text never goes through that second compile."""


class _AtlasLayer(Layer):
    """A layer of this project's, listed in the layer control. Its script adds it to the map itself (`added_to_map`,
    at the end of its template) rather than through the child folium's `Layer.render` adds on every render, which
    a map rendered twice (shown in a notebook, then saved) would hold twice; folium is told `show=False` so that it
    adds none (folium >= 0.20 reads `show` for nothing else: tests/test_maps_export.py checks)."""

    def __init__(self, name: str, overlay: bool, control: bool, show: bool) -> None:
        super().__init__(name=name, overlay=overlay, control=control, show=False)
        self.shown = show

    def added_to_map(self, map_name: str) -> str:
        """The line that adds the layer to its map when shown, as folium's `ElementAddToElement` writes it after
        the layer's script (branca puts a line break and four spaces between two scripts): pages are unchanged."""
        if not self.shown:
            return ""
        return f"\n    \n            {self.get_name()}.addTo({map_name});\n        "


class _InlineRuntime(Element):
    """The runtime's styles and script as the page header holds them: its template only inserts them, so the 47 KB
    of script are not compiled as a template on each page."""

    _template = Template(
        """
            <style>{{ this.css }}</style>
            <script>{{ this.js }}</script>
        """
    )

    def __init__(self) -> None:
        super().__init__()
        self.css = assets.runtime_css()
        self.js = assets.runtime_js()


class AtlasRuntime(MacroElement):
    """The project's own map runtime and styles, inlined in the page header (they are small). Added to the header
    when the map is rendered, as folium's `JSCSSMixin` adds its links there."""

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._name = "AtlasRuntime"

    def render(self, **kwargs: Any) -> None:  # type: ignore[override]  # as MacroElement: adds to the figure
        self.get_root().header.add_child(_InlineRuntime(), name=self.get_name())  # type: ignore[attr-defined]
        super().render(**kwargs)  # type: ignore[no-untyped-call]


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

    def _repr_html_(self, **kwargs: Any) -> str:
        """The map in a notebook, as the Workbench's maps show (isk_atlas.maps.notebook): the page `save` writes
        (offline, its data never compiled as a template), in a sandboxed frame."""
        from isk_atlas.maps.export import render_html
        from isk_atlas.maps.notebook import frame_html

        return frame_html(render_html(self, offline=True), title="isk-atlas map")


class FitBounds(_AtlasElement):
    """Frame the map on bounds at once, without Leaflet's pan animation (which ends after the layers are drawn
    and makes the canvas draw everything a second time), and again if the map had no size yet (atlas.js)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            {{ this._parent.get_name() }}.fitBounds({{ this.bounds }}, {animate: false});
            IskAtlas.keepFrame({{ this._parent.get_name() }}, {{ this.bounds }});
        {% endmacro %}
        """
    )

    def __init__(self, bounds: list[list[float]]) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._name = "FitBounds"
        self.bounds = js_json(bounds)


class AtlasData(_AtlasElement):
    """What every layer of one map shares: `{areas: {id: GeoJSON geometry}, names: {id: name}, sources: [...],
    evidence: [...]}` (layers cite sources and evidence sentences by index), as `js_json` text."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            IskAtlas.data({{ this._parent.get_name() }}, {{ this.payload_text(kwargs) }});
        {% endmacro %}
        """
    )

    def __init__(self, payload: JsonText) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._name = "AtlasData"
        self.payload = _checked(payload)

    def payload_text(self, kwargs: dict[str, Any]) -> str:
        return _payload_text(self.payload, kwargs)


class Payloads:
    """The big JSON texts of a page, set aside while it is rendered and checked (see export.render_html).

    Each stands in the page as a token, NUL '"' number NUL, until `pieces` cuts the page at the tokens. A payload
    is `js_json` text inside a <script>, with a `"` in it and no `<` or `>`: no markup and no CDN link can begin,
    end or cross inside it (nor inside a token), so the page with tokens has the same markup and links as the
    page itself. Local paths are looked for in the payloads and across the joins too (export._mentions).
    """

    MARK = "\x00"

    def __init__(self) -> None:
        self.texts: list[JsonText] = []

    def token(self, payload: JsonText) -> str:
        self.texts.append(payload)
        return f'{self.MARK}"{len(self.texts) - 1}{self.MARK}'

    def pieces(self, skeleton: str) -> list[str] | None:
        """The page as pieces to join: text, payload, text, ... (None unless the tokens are all there, in order)."""
        parts = _TOKEN.split(skeleton)
        if parts[1::2] != [str(i) for i in range(len(self.texts))]:
            return None
        parts[1::2] = self.texts
        return parts


_TOKEN = re.compile('\x00"([0-9]+)\x00')


def _payload_text(payload: JsonText, kwargs: dict[str, Any]) -> str:
    """The payload, or its token when the page is rendered with `payloads=Payloads()`."""
    payloads = kwargs.get("payloads")
    return payload if not isinstance(payloads, Payloads) else payloads.token(payload)


def _checked(payload: JsonText) -> JsonText:
    if not isinstance(payload, JsonText):
        raise TypeError("page data must come from js_json (escaped for a <script>)")
    return payload


class EventLayer(_AtlasLayer):
    """One event type on the shared canvas, drawn in the browser from compact columns (see render.layer_payload):
    a mark per point or launch, one polygon per area and review status carrying its reports."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}{% set payload = this.payload_text(kwargs) %}
            var {{ this.get_name() }} = IskAtlas.eventLayer({{ this._parent.get_name() }}, {{ payload }},
                {{ this.config }});
        {{ this.added_to_map(this._parent.get_name()) }}{% endmacro %}
        """
    )

    def __init__(self, name: str, payload: JsonText, config: dict[str, Any], count: int, show: bool = True) -> None:
        super().__init__(name=name, overlay=True, control=True, show=show)
        self._name = "EventLayer"
        self.count = count
        self.payload = _checked(payload)
        # maxLabels: launch arrows labelled at once; with more in view, none is (see placeLabels in atlas.js).
        self.config = js_json({"name": name, "events": True, "maxLabels": 200, **config})

    def payload_text(self, kwargs: dict[str, Any]) -> str:
        return _payload_text(self.payload, kwargs)


class AreaLayer(_AtlasLayer):
    """Areas that are not events (basemap, neighbours' outlines, the presence choropleth)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}{% set payload = this.payload_text(kwargs) %}
            var {{ this.get_name() }} = IskAtlas.areaLayer({{ this._parent.get_name() }}, {{ payload }},
                {{ this.config }});
        {{ this.added_to_map(this._parent.get_name()) }}{% endmacro %}
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

    def payload_text(self, kwargs: dict[str, Any]) -> str:
        return _payload_text(self.payload, kwargs)


class Legend(_AtlasElement):
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


class TimeControl(_AtlasElement):
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


class Attribution(_AtlasElement):
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
