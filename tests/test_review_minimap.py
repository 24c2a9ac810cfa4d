"""The small map of a review card: the maps' own drawing, offline, framed on the event, escaped into an iframe."""

from __future__ import annotations

import html
import json
import re

from isk_atlas.maps import external_references
from isk_atlas.review.minimap import FRAME_DEGREES, minimap_html, minimap_page
from isk_atlas.schema import Event, SourceMeta
from tests.hostile_fixtures import SCRIPT

META = {"s1": SourceMeta(source_id="s1", file="s1.txt", title="A report", publisher="Wire")}


def _event(**fields: object) -> Event:
    values: dict[str, object] = {
        "event_id": "minimap-1",
        "event_type": "attack",
        "sub_type": "bombing",
        "place_text": "Asadabad",
        "admin1": "AF-KNR",
        "country": "AFG",
        "lat": 34.873,
        "lon": 71.147,
        "geo_precision": "point",
        "sources": [{"source_id": "s1", "start": 0, "end": 10}],
    }
    return Event.model_validate({**values, **fields})


def test_the_page_draws_offline_and_is_framed_on_the_event() -> None:
    page = minimap_page(_event(), META, {"s1": "Asadabad was attacked."})
    assert external_references(page) == [], "no CDN: it draws in a JupyterLab without internet"
    assert "minimap-1" in page and "Attacks" in page, "the attacks map's drawing, with the event"
    frame = [[34.873 - FRAME_DEGREES, 71.147 - FRAME_DEGREES], [34.873 + FRAME_DEGREES, 71.147 + FRAME_DEGREES]]
    assert f"fitBounds({json.dumps([[round(v, 4) for v in corner] for corner in frame], separators=(',', ':'))}" in page


def test_an_event_without_coordinates_keeps_the_whole_country() -> None:
    page = minimap_page(_event(lat=None, lon=None, geo_precision="province"), META, {})
    assert re.findall(r"\.fitBounds\((\[\[[^\n]*\]\]), \{animate", page) == ["[[29.3,60.4],[39.4,75.2]]"]
    assert "})(map_" in page and "[[29.3, 60.4], [39.4, 75.2]]);" in page, "and again when the frame is resized"


def test_the_page_is_escaped_into_a_sandboxed_iframe() -> None:
    event = _event(place_text=SCRIPT, notes=SCRIPT)
    frame = minimap_html(event, META, {"s1": SCRIPT})
    assert frame.startswith("<iframe") and frame.endswith("</iframe>") and frame.count("<") == 2
    assert 'sandbox="allow-scripts"' in frame and "allow-same-origin" not in frame
    srcdoc = re.search(r'srcdoc="([^"]*)"', frame)
    assert srcdoc is not None

    def names_folded(page: str) -> str:  # folium names each element with a random id
        return re.sub(r"_[0-9a-f]{32}", "_id", page)

    assert names_folded(html.unescape(srcdoc.group(1))) == names_folded(minimap_page(event, META, {"s1": SCRIPT}))


def test_legend_and_controls_are_hidden_the_credit_kept() -> None:
    page = minimap_page(_event(), META, {})
    assert ".isk-legend, .isk-time, .leaflet-control-layers { display: none" in page
    assert "GeoNames" in page, "the data credit stays on every map"
