"""Maps: four keys, escaping of hostile text, legend and attribution, offline export that fails loudly."""

from __future__ import annotations

import types

import folium
import pytest

from isk_atlas.maps import MAP_KEYS, OfflineError, build_maps, external_references, save
from isk_atlas.maps.export import render_html
from isk_atlas.mentions import evidence_sentence
from tests.maps_geo_stub import HOSTILE_PLACE, HOSTILE_TITLE, SAMPLE_TEXTS, sample_events, sample_metadata, stub_geo  # noqa: F401


@pytest.fixture
def maps(stub_geo: types.ModuleType) -> dict[str, folium.Map]:  # noqa: F811
    return build_maps(sample_events(), sample_metadata(), SAMPLE_TEXTS)


def test_four_maps(maps: dict[str, folium.Map]) -> None:
    assert tuple(maps) == MAP_KEYS


def test_hostile_text_is_escaped(maps: dict[str, folium.Map]) -> None:
    page = render_html(maps["combined"])
    assert "<script>alert" not in page
    assert "<img src=x" not in page
    assert "onerror=alert" in page.replace("\\u003e", ">").replace("\\u003c", "<")  # present only as escaped data
    assert HOSTILE_TITLE not in page and HOSTILE_PLACE not in page


def test_legend_attribution_and_rejected(maps: dict[str, folium.Map]) -> None:
    page = render_html(maps["combined"])
    assert "How precisely placed" in page
    assert "Boundaries: test boxes" in page
    assert "e-rejected" not in page
    assert "e-point" in page


def test_offline_save_is_self_contained(maps: dict[str, folium.Map], tmp_path) -> None:
    path = save(maps["combined"], tmp_path / "combined.html")
    page = path.read_text(encoding="utf-8")
    assert external_references(page) == []
    assert "cdn.jsdelivr" not in page
    assert "sourceMappingURL" not in page


def test_offline_save_fails_loudly(maps: dict[str, folium.Map], tmp_path) -> None:
    fmap = maps["attacks"]
    fmap.get_root().header.add_child(folium.JavascriptLink("https://example.org/plugin.js"), name="plugin")
    with pytest.raises(OfflineError, match=r"plugin\.js"):
        save(fmap, tmp_path / "attacks.html")
    assert not (tmp_path / "attacks.html").exists()


def test_external_reference_checker() -> None:
    assert external_references('<img src="https://x/y.png">')
    assert external_references('<link href="local.css">')
    assert external_references("<style>a{background:url(http://x/a.png)}</style>")
    assert not external_references('<img src="data:image/png;base64,AA"><a href="#x">')


def test_online_save_keeps_cdn(maps: dict[str, folium.Map], tmp_path) -> None:
    page = save(maps["presence"], tmp_path / "p.html", offline=False).read_text(encoding="utf-8")
    assert "leaflet.js" in page and "tile.openstreetmap" in page


def test_evidence_sentence() -> None:
    text = SAMPLE_TEXTS["s1"]
    assert evidence_sentence(text, 15, 20) == "Gunmen attacked a clinic in Jalalabad on Monday."
