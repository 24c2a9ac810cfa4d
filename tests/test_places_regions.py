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


def test_a_border_before_its_guards_names_a_force_not_a_zone() -> None:
    for text in ("tajik border guards raided the house", "afghan-uzbek border police stopped them"):
        regions, spans = find_region_phrases(text)
        assert (regions, spans) == ([], []), text
    regions, _ = find_region_phrases("fighters gathered near the tajik border guarded by few posts")
    assert [region for region, _, _ in regions] == ["region:afghan-tajik-border"]
