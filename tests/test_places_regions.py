"""Named regions: the countries each lies in and the border zone of each neighbour."""

from __future__ import annotations

from isk_atlas.places.regions import BORDER_ZONES, find_region_phrases, region_countries


def test_each_neighbour_has_the_border_zone_it_shares_with_afghanistan() -> None:
    assert BORDER_ZONES["PAK"] == "region:afghan-pakistani-border"
    assert set(BORDER_ZONES) == {"TJK", "UZB", "TKM", "PAK", "IRN", "CHN"}
    for neighbour, zone in BORDER_ZONES.items():
        assert region_countries(zone) == ("AFG", ("AFG", neighbour))


def test_a_border_zone_phrase_names_its_zone() -> None:
    regions, _ = find_region_phrases("a post along the border with tajikistan")
    assert [region for region, _, _ in regions] == ["region:afghan-tajik-border"]
