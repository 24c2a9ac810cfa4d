"""A small map of where a proposed event would be drawn: the same page as the maps, framed on the event, shown
in a sandboxed iframe.

The page is rendered offline (`isk_atlas.maps.render_html`: Leaflet inlined, basemap from `geo/`), so the card
draws in a JupyterLab with no internet; the whole page is escaped into the iframe's `srcdoc`.
"""

from __future__ import annotations

import html
from collections.abc import Mapping

from isk_atlas.maps import build_maps, render_html
from isk_atlas.maps.elements import FitBounds
from isk_atlas.schema import Event, SourceMeta

# Which map draws an event of each type.
MAP_OF_TYPE = {"presence": "presence", "attack": "attacks", "counter_operation": "attacks",
               "cross_border_launch": "cross_border"}  # fmt: skip
# Degrees around the event's point the small map shows (about 150 km each way): the province and its neighbours.
FRAME_DEGREES = 1.4
WIDTH, HEIGHT = 420, 300


def minimap_page(event: Event, metadata: Mapping[str, SourceMeta], texts: Mapping[str, str]) -> str:
    """The offline HTML page of the event's map with that event alone, framed on it when it has coordinates."""
    fmap = build_maps([event], metadata, texts)[MAP_OF_TYPE[event.event_type]]
    points = [(event.lat, event.lon), (event.target_lat, event.target_lon)]
    known = [(lat, lon) for lat, lon in points if lat is not None and lon is not None]
    if known:
        south = min(lat for lat, _ in known) - FRAME_DEGREES
        north = max(lat for lat, _ in known) + FRAME_DEGREES
        west = min(lon for _, lon in known) - FRAME_DEGREES
        east = max(lon for _, lon in known) + FRAME_DEGREES
        fmap.add_child(FitBounds([[round(south, 4), round(west, 4)], [round(north, 4), round(east, 4)]]))
    return render_html(fmap, offline=True)


def minimap_html(event: Event, metadata: Mapping[str, SourceMeta], texts: Mapping[str, str]) -> str:
    """An iframe holding `minimap_page`, sandboxed: its scripts run but cannot reach the notebook."""
    page = minimap_page(event, metadata, texts)
    return (
        f'<iframe title="where it would be drawn" sandbox="allow-scripts" width="{WIDTH}" height="{HEIGHT}" '
        f'style="border:1px solid #ccc" srcdoc="{html.escape(page, quote=True)}"></iframe>'
    )
