"""The saved pages: hostile article text stays text, offline pages are self-contained, credits are shown."""

from __future__ import annotations

import html
import json
import warnings
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import folium
import numpy as np
import pandas as pd
import pytest

from isk_atlas.geo import ATTRIBUTION
from isk_atlas.maps import (
    LAYER_NAMES,
    MAP_KEYS,
    OfflineError,
    build_maps,
    external_references,
    render_html,
    save,
)
from isk_atlas.maps.elements import LEAFLET_JS, js_json
from isk_atlas.register import load_register
from tests.conftest import ROOT
from tests.hostile_fixtures import BREAKOUT, SCRIPT, TEXT, hostile_events, hostile_metadata


@pytest.fixture(scope="module")
def hostile_maps() -> dict[str, folium.Map]:
    return build_maps(hostile_events(), hostile_metadata(), texts={"evil": TEXT})


@pytest.fixture(scope="module")
def hostile_pages(hostile_maps: dict[str, folium.Map]) -> dict[str, str]:
    return {key: render_html(fmap, offline=True) for key, fmap in hostile_maps.items()}


@pytest.fixture(scope="module")
def register_maps() -> dict[str, folium.Map]:
    return build_maps(load_register(ROOT / "data" / "register.yaml"), {})


@pytest.fixture(scope="module")
def combined_offline(register_maps: dict[str, folium.Map]) -> str:
    return render_html(register_maps["combined"], offline=True)


class _Markup(HTMLParser):
    """Tags and attributes as a browser's parser sees them (script bodies are not markup)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes.extend((tag, name, value) for name, value in attrs)


def _markup(page: str) -> _Markup:
    parser = _Markup()
    parser.feed(page)
    parser.close()
    return parser


def test_the_four_maps_are_built(hostile_maps: dict[str, folium.Map]) -> None:
    assert list(hostile_maps) == list(MAP_KEYS)
    assert all(isinstance(fmap, folium.Map) for fmap in hostile_maps.values())


@pytest.mark.parametrize("key", MAP_KEYS)
def test_hostile_text_never_becomes_markup(hostile_pages: dict[str, str], key: str) -> None:
    page = hostile_pages[key]
    for raw in (SCRIPT, "<script>window.__pwned", BREAKOUT, "<img src=x", "<img"):
        assert raw not in page
    markup = _markup(page)
    assert "img" not in markup.tags
    assert not [(tag, name) for tag, name, _ in markup.attributes if name.startswith("on")]
    assert "__pwned" not in " ".join(str(value) for _, _, value in markup.attributes)


def test_hostile_text_is_still_there_as_escaped_data(hostile_pages: dict[str, str]) -> None:
    # The page keeps what the source says (the analyst must see it), only as inert JSON string data.
    page = hostile_pages["combined"]
    assert js_json(SCRIPT)[1:-1] in page
    assert js_json(BREAKOUT)[1:-1] in page


def test_a_javascript_url_is_never_a_link(hostile_pages: dict[str, str]) -> None:
    for page in hostile_pages.values():
        assert "javascript:alert" not in page
        assert "document.domain" not in page
        hrefs = [value for _, name, value in _markup(page).attributes if name == "href"]
        assert not [h for h in hrefs if h and h.strip().lower().startswith("javascript")]


def test_offline_pages_reference_nothing_outside_themselves(
    hostile_pages: dict[str, str], combined_offline: str
) -> None:
    for page in [*hostile_pages.values(), combined_offline]:
        assert external_references(page) == []
        scripts = [value for tag, name, value in _markup(page).attributes if tag == "script" and name == "src"]
        assert scripts == []
    assert "data:image/png;base64," in combined_offline  # Leaflet's images are inlined


def test_external_references_finds_every_kind_of_outside_link() -> None:
    page = (
        '<script src="https://cdn.example.org/a.js"></script>'
        '<link rel="stylesheet" href="//cdn.example.org/b.css">'
        '<img src="tiles/1/2/3.png">'
        '<div style="background: url(https://example.org/c.png)"></div>'
        "<style>@import 'x.css'; .y { background: url(\"d.png\") }</style>"
        '<a href="#top">top</a><img src="data:image/png;base64,AAAA">'
    )
    found = external_references(page)
    assert len(found) == 6, found
    for part in ("a.js", "b.css", "3.png", "c.png", "@import", "d.png"):
        assert any(part in item for item in found), part
    assert external_references('<a href="#x"></a><img src="data:image/gif;base64,R0lG">') == []


def test_save_refuses_an_offline_page_that_still_loads_a_cdn_script(tmp_path: Path) -> None:
    fmap = build_maps(hostile_events(), {})["attacks"]
    fmap.get_root().header.add_child(folium.JavascriptLink("https://cdn.example.org/extra/plugin.js"))  # type: ignore[attr-defined]
    target = tmp_path / "attacks.html"
    with pytest.raises(OfflineError) as caught:
        save(fmap, target, offline=True)
    assert any("plugin.js" in ref for ref in caught.value.references)
    assert "plugin.js" in str(caught.value)
    assert not target.exists()
    assert list(tmp_path.iterdir()) == []  # no half-written temporary file either


def test_save_refuses_a_page_that_would_leak_a_local_path(tmp_path: Path) -> None:
    event = hostile_events()[1].model_copy(update={"notes": f"copied from {ROOT / 'notes.txt'}"})
    fmap = build_maps([event], {})["presence"]
    with pytest.raises(OfflineError, match="local path"):
        save(fmap, tmp_path / "presence.html")


def test_saved_file_has_no_local_paths_or_user_names(
    tmp_path: Path, register_maps: dict[str, folium.Map], combined_offline: str
) -> None:
    target = save(register_maps["combined"], tmp_path / "combined.html")
    page = target.read_text(encoding="utf-8")
    assert len(page) > 100_000 and "IskAtlas.eventLayer(" in page
    for private in ("/work/", "/root", "/home/", str(Path.home()), str(ROOT), str(tmp_path)):
        assert private not in page, private
    assert "file://" not in page


def test_attribution_and_legend_are_shown(combined_offline: str) -> None:
    assert "IskAtlas.attribution(" in combined_offline
    assert js_json(html.escape(ATTRIBUTION)) in combined_offline
    assert "IskAtlas.legend(" in combined_offline
    for heading in ("How precisely placed", *LAYER_NAMES.values()):
        assert heading in combined_offline, heading
    # The legend counts what each layer draws.
    register = load_register(ROOT / "data" / "register.yaml")
    launches = sum(event.event_type == "cross_border_launch" for event in register)
    assert f"{LAYER_NAMES['cross_border_launch']} ({launches})" in combined_offline


def test_online_pages_keep_cdn_links_and_add_tiles(register_maps: dict[str, folium.Map]) -> None:
    fmap = register_maps["cross_border"]  # rendering online adds tiles to this map object
    page = render_html(fmap, offline=False)
    assert f'<script src="{LEAFLET_JS[1]}"></script>' in page
    assert "{z}/{x}/{y}" in page  # a web tile layer
    assert external_references(page)
    # Rendering online again does not stack a second tile layer.
    assert render_html(fmap, offline=False).count("{z}/{x}/{y}") == page.count("{z}/{x}/{y}")
    # An offline page of the same build has neither.
    offline = render_html(register_maps["attacks"], offline=True)
    assert LEAFLET_JS[1] not in offline and "{z}/{x}/{y}" not in offline


def test_online_save_writes_the_cdn_page(tmp_path: Path, register_maps: dict[str, folium.Map]) -> None:
    target = save(register_maps["presence"], tmp_path / "online.html", offline=False)
    assert LEAFLET_JS[1] in target.read_text(encoding="utf-8")


def test_building_and_rendering_warns_about_nothing() -> None:
    events = [*load_register(ROOT / "data" / "register.yaml"), *hostile_events()]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        maps = build_maps(events, hostile_metadata())
        render_html(maps["combined"])
    assert [str(w.message) for w in caught] == []


def test_page_columns_send_repeated_values_once() -> None:
    from isk_atlas.maps.render import CODE_CHARS, page_column

    # Up to 64 distinct values: one character per row indexes them ("." for none).
    repeated = page_column(pd.Series(["Kabul", "Kunar", "Kabul", "Kabul", None, ""], dtype=object))
    assert repeated == {"v": ["Kabul", "Kunar"], "i": "0100.."}
    assert page_column(pd.Series([3, None, 3], dtype="Int64")) == {"v": [3], "i": "0.0"}
    many = pd.Series([f"place {i % 100}" for i in range(300)], dtype=object)
    column = page_column(many)
    assert isinstance(column, dict) and column["i"][:3] == [0, 1, 2] and len(column["v"]) == 100
    # Mostly distinct values travel as they are.
    assert page_column(pd.Series(["a", "b", None], dtype=object)) == ["a", "b", None]
    assert page_column(pd.Series([1.5, 2.0], dtype="float64")) == [1.5, 2]
    strings = pd.Series(["x", "x", "y", None], dtype="string")
    assert page_column(strings) == {"v": ["x", "y"], "i": "001."}
    assert strings.isna().tolist() == [False, False, False, True]  # the frame's own column is left as it was
    # The page decodes with the same alphabet.
    runtime = (Path(__file__).parents[1] / "src" / "isk_atlas" / "maps" / "atlas.js").read_text(encoding="utf-8")
    assert f'var CODE_CHARS = "{CODE_CHARS}";' in runtime and len(CODE_CHARS) == 64


def test_area_outlines_travel_as_integer_steps() -> None:
    import shapely

    from isk_atlas.maps.render import area_rings

    (polygon,) = area_rings(shapely.box(60, 30, 61, 31.5))
    (ring,) = polygon
    xy = np.cumsum(np.array(ring).reshape(-1, 2), axis=0) / 1000
    assert shapely.equals(shapely.Polygon(xy), shapely.box(60, 30, 61, 31.5))
    holed = shapely.box(0, 0, 10, 10).difference(shapely.box(4, 4, 6, 6))
    assert [len(rings) for rings in area_rings(shapely.MultiPolygon([holed, shapely.box(20, 20, 21, 21)]))] == [2, 1]


def test_a_layer_carries_each_event_once_and_names_its_area(register_maps: dict[str, folium.Map]) -> None:
    from isk_atlas.maps.elements import EventLayer

    register = [e for e in load_register(ROOT / "data" / "register.yaml") if e.status != "rejected"]
    layers = [child for child in register_maps["combined"]._children.values() if isinstance(child, EventLayer)]
    assert sorted(layer.layer_name for layer in layers) == sorted(LAYER_NAMES.values())
    for layer in layers:
        payload = json.loads(layer.payload)
        ids = payload["cols"]["id"]
        assert payload["n"] == len(ids) == layer.count
        assert "t" not in payload["cols"]  # the type is the layer's
    total = sum(layer.count for layer in layers)
    assert total == sum(1 for e in register) - len(_unlocated(register))


def _unlocated(events: list[Any]) -> list[Any]:
    from isk_atlas.layers import events_frame

    frame = events_frame(events)
    return list(frame[frame.geometry.isna()]["event_id"])


JINJA = "{{ 7*7 }} {% if true %}yes{% endif %} {# note #} {{{ cycler.__init__.__globals__ }}}"


@pytest.mark.parametrize(
    "value", [JINJA, "{{", "{%", "{#", "{{{", "{{{{", "a{b}c", {"k": [JINJA, {"n": "{%"}]}, "{\u2028{"]
)
def test_js_json_opens_no_jinja_tag_and_reads_back_the_same(value: Any) -> None:
    text = js_json(value)
    for opener in ("{{", "{%", "{#"):
        assert opener not in text
    assert json.loads(text) == value


def test_article_text_that_looks_like_a_template_is_shown_not_run() -> None:
    # branca compiles a macro's output as a Jinja template once more: text from an article must reach the page
    # as it is written, never evaluated (which would run code on the analyst's machine).
    events = hostile_events()
    events[0] = events[0].model_copy(update={"summary": f"SSTI {JINJA}", "place_text": "{{ 6*7 }}"})
    page = render_html(build_maps(events, hostile_metadata(), texts={"evil": TEXT})["combined"], offline=True)
    assert "SSTI 49" not in page
    assert js_json(f"SSTI {JINJA}")[1:-1] in page
    assert js_json("{{ 6*7 }}")[1:-1] in page
    assert "__globals__" in page and "function" not in page.split("SSTI", 1)[1][:200]


def test_a_frame_passed_in_gives_the_same_pages_as_one_built_here() -> None:
    from isk_atlas.layers import events_frame

    events = load_register(ROOT / "data" / "register.yaml")
    events[0] = events[0].model_copy(update={"status": "rejected"})  # rejected: in the frame, never drawn
    own = build_maps(events, {})
    given = build_maps(events, {}, frame=events_frame(events))
    for key in MAP_KEYS:
        assert _without_names(render_html(given[key])) == _without_names(render_html(own[key]))
    with pytest.raises(ValueError, match="rows"):
        build_maps(events, {}, frame=events_frame(events[1:]))


def _without_names(page: str) -> str:
    """The page with folium's random element names made uniform (they differ from one build to the next)."""
    import re

    return re.sub(r"_[0-9a-f]{32}", "_id", page)


def test_basemap_names_are_ranked_afghan_provinces_first_then_larger_areas(
    register_maps: dict[str, folium.Map],
) -> None:
    from isk_atlas.geo import load_admin1
    from isk_atlas.maps.elements import AreaLayer
    from isk_atlas.maps.render import BASEMAP_NAME

    basemap = next(
        child
        for child in register_maps["attacks"]._children.values()
        if isinstance(child, AreaLayer) and child.layer_name == BASEMAP_NAME
    )
    items = json.loads(basemap.payload)
    rank = {item["id"]: item["rank"] for item in items}
    assert sorted(rank.values()) == list(range(len(items)))  # every name has its own place in the order
    admin1 = load_admin1()
    afghan = set(admin1.loc[admin1["country"] == "AFG", "id"])
    assert max(rank[i] for i in afghan) < min(r for i, r in rank.items() if i not in afghan)
    by_name = {item["name"]: rank[item["id"]] for item in items}
    assert by_name["Tashkent Region"] < by_name["Tashkent City"]  # the region around the city comes first
    assert json.loads(basemap.config)["tooltip"] == "name"  # a name left out for room still shows on hover


def test_a_district_report_is_drawn_as_the_users_district_area(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import shapely

    from isk_atlas.schema import Event
    from tests.districts_fixtures import home_with_districts

    event = Event(event_id="imam-sahib", event_type="attack", place_text="Imam Sahib", place_id="AF-KDZ.imam-sahib",
                  admin1="AF-KDZ", admin2="Imam Sahib", country="AFG", geo_precision="district",
                  sources=[{"source_id": "s1"}], status="confirmed")  # fmt: skip
    before = render_html(build_maps([event], {})["attacks"])
    assert "AF-KDZ.imam-sahib" not in before and "whole district shaded" not in before
    home = home_with_districts(tmp_path / "home", {"Emam Saheb": shapely.box(68.95, 37.15, 69.05, 37.25)})
    monkeypatch.setenv("ISK_ATLAS_HOME", str(home))
    page = render_html(build_maps([event], {})["attacks"])
    assert '"AF-KDZ.imam-sahib"' in page  # the outline travels with the page, under the district's id
    assert "whole district shaded (your district layer)" in page


def test_the_popup_of_an_event_abroad_names_its_country() -> None:
    from isk_atlas.maps.elements import EventLayer
    from isk_atlas.maps.render import country_name

    assert country_name("DEU") == "Germany"
    assert country_name("XKX") == "XKX"  # not in ISO 3166: the code stands
    assert country_name(None) is None
    # an arrest known only as Germany's (no outline of Germany on the maps) is drawn, and its row names the country
    register = [e for e in load_register(ROOT / "data" / "register.yaml") if e.status != "rejected"]
    germany = register[0].model_copy(
        update={
            "event_id": "abroad-germany",
            "event_type": "counter_operation",
            "sub_type": "arrest",
            "place_text": "Germany",
            "place_id": "DEU",
            "admin1": None,
            "admin2": None,
            "country": "DEU",
            "geo_precision": "country",
            "lat": None,
            "lon": None,
        }
    )
    maps = build_maps([germany], {})
    (layer,) = [
        child
        for child in maps["combined"]._children.values()
        if isinstance(child, EventLayer) and child.layer_name == LAYER_NAMES["counter_operation"]
    ]
    payload = json.loads(layer.payload)
    assert payload["n"] == 1 and "Germany" in json.dumps(payload["cols"]["cn"])
