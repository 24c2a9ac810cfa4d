"""A small map of where a proposed event would be drawn: the same page as the maps, framed on the event, shown
in a sandboxed iframe.

The page is rendered offline (`isk_atlas.maps.render_html`: Leaflet inlined, basemap from `geo/`), so the card
draws in a JupyterLab with no internet; the whole page is escaped into the iframe's `srcdoc`.
"""

from __future__ import annotations

import html
import json
from collections.abc import Mapping

from branca.element import Element, Figure, MacroElement
from jinja2 import Template

from isk_atlas.maps import build_maps, render_html
from isk_atlas.maps.elements import DEFAULT_BOUNDS, FitBounds
from isk_atlas.maps.render import PageMemo
from isk_atlas.schema import Event, SourceMeta

# Which map draws an event of each type.
MAP_OF_TYPE = {
    "presence": "presence",
    "attack": "attacks",
    "counter_operation": "attacks",
    "cross_border_launch": "cross_border",
}
# Degrees around the event's point the small map shows (about 150 km each way): the province and its neighbours.
FRAME_DEGREES = 1.4
WIDTH, HEIGHT = 420, 300
# A few hundred pixels leave no room for the legend, the time filter and the layer list (the card says what the
# event is); the data credit stays, in small type.
SMALL_MAP_CSS = (
    ".isk-legend, .isk-time, .leaflet-control-layers { display: none !important; }"
    " .leaflet-control-attribution { font-size: 8px !important; max-width: 100%; }"
)


class FitOnResize(MacroElement):
    """Frame the map on `bounds` again whenever its window changes size: a notebook lays the frame out after the
    page has loaded, and Leaflet's first fit of a frame with no size yet leaves the whole world in view."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (map, bounds) {
          function fit() { map.invalidateSize(); map.fitBounds(bounds, {animate: false}); }
          window.addEventListener("resize", fit);
          window.addEventListener("load", fit);
        })({{ this._parent.get_name() }}, {{ this.bounds }});
        {% endmacro %}
        """
    )

    def __init__(self, bounds: list[list[float]]) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._name = "FitOnResize"
        self.bounds = json.dumps(bounds)


def minimap_page(
    event: Event, metadata: Mapping[str, SourceMeta], texts: Mapping[str, str], memo: PageMemo | None = None
) -> str:
    """The offline HTML page of the event's map with that event alone, framed on it when it has coordinates,
    its legend and controls hidden. `memo`: the review's own (the reference areas are worked out once for all its
    cards; the maps' memo would lose its layers to one-event pages)."""
    fmap = build_maps([event], metadata, texts, memo=memo)[MAP_OF_TYPE[event.event_type]]
    figure = fmap.get_root()
    assert isinstance(figure, Figure)
    figure.header.add_child(Element(f"<style>{SMALL_MAP_CSS}</style>"), name="isk_small_map")
    bounds = event_bounds(event)
    if bounds is not None:
        fmap.add_child(FitBounds(bounds))
    fmap.add_child(FitOnResize(bounds or DEFAULT_BOUNDS))
    return render_html(fmap, offline=True)


def event_bounds(event: Event) -> list[list[float]] | None:
    """[[south, west], [north, east]] around the event's point (and its target's), None without coordinates."""
    points = [(event.lat, event.lon), (event.target_lat, event.target_lon)]
    known = [(lat, lon) for lat, lon in points if lat is not None and lon is not None]
    if not known:
        return None
    south = min(lat for lat, _ in known) - FRAME_DEGREES
    north = max(lat for lat, _ in known) + FRAME_DEGREES
    west = min(lon for _, lon in known) - FRAME_DEGREES
    east = max(lon for _, lon in known) + FRAME_DEGREES
    return [[round(south, 4), round(west, 4)], [round(north, 4), round(east, 4)]]


def minimap_html(
    event: Event, metadata: Mapping[str, SourceMeta], texts: Mapping[str, str], memo: PageMemo | None = None
) -> str:
    """An iframe holding `minimap_page`, sandboxed: its scripts run but cannot reach the notebook."""
    page = minimap_page(event, metadata, texts, memo)
    return (
        f'<iframe title="where it would be drawn" sandbox="allow-scripts" width="{WIDTH}" height="{HEIGHT}" '
        f'style="border:1px solid #ccc" srcdoc="{html.escape(page, quote=True)}"></iframe>'
    )
