"""Named regions: the countries each lies in and the border zone of each neighbour."""

from __future__ import annotations

from isk_atlas.places.regions import BORDER_ZONES, border_zone, find_region_phrases, region_countries


def test_each_neighbour_has_the_border_zone_it_shares_with_afghanistan() -> None:
    assert BORDER_ZONES["PAK"] == "region:afghan-pakistani-border"
    assert set(BORDER_ZONES) == {"TJK", "UZB", "TKM", "PAK", "IRN", "CHN"}
    for neighbour, zone in BORDER_ZONES.items():
        assert region_countries(zone) == ("AFG", ("AFG", neighbour))


def test_a_border_zone_phrase_names_its_zone() -> None:
    regions, _ = find_region_phrases("a post along the border with tajikistan")
    assert [region for region, _, _ in regions] == ["region:afghan-tajik-border"]


def test_the_shortened_pakistani_border_names_its_zone() -> None:
    for text in ("captured at the pak-afghan border", "a post on the afghan-pak frontier"):
        regions, _ = find_region_phrases(text)
        assert [region for region, _, _ in regions] == ["region:afghan-pakistani-border"], text
    regions, _ = find_region_phrases("a pakistani afghan policy")
    assert regions == []


def test_a_border_zone_is_told_from_other_regions() -> None:
    assert all(border_zone(zone) for zone in BORDER_ZONES.values())
    assert not border_zone("region:east") and not border_zone("PAK")
