"""The place choices of a review card: the proposal first, then what the geocoder offers for a name."""

from __future__ import annotations

from isk_atlas.places import PlaceModel, geocode
from isk_atlas.review.places import PLACE_FIELDS, geocoded_choices, place_choices, proposed_choice
from isk_atlas.schema import Event


def _event(**fields: object) -> Event:
    values: dict[str, object] = {"event_id": "e1", "event_type": "attack", "place_text": "Jalalabad",
                                 "sources": [{"source_id": "s1"}]}  # fmt: skip
    return Event.model_validate({**values, **fields})


def test_the_geocoders_answer_then_its_alternatives(place_model: PlaceModel) -> None:
    choices, match = geocoded_choices("Jalalabad", place_model)
    assert match == geocode("Jalalabad", geocoder=place_model.geocoder), "the public geocoder, as it is"
    assert choices[0].place_id == match.place_id
    assert [c.place_id for c in choices[1:]] == [a.place_id for a in match.alternatives]
    assert set(choices[0].fields) == set(PLACE_FIELDS)
    assert choices[0].fields["admin2"] == "Jalalabad", "the district by name, as the register writes it"
    kyrgyz = next(c for c in choices if c.fields["country"] == "KGZ")
    assert kyrgyz.fields["geo_precision"] == "province" and "KGZ" in kyrgyz.label


def test_an_unknown_name_gives_no_choice(place_model: PlaceModel) -> None:
    choices, match = geocoded_choices("Zzyzxabad", place_model)
    assert choices == [] and not match.resolved


def test_the_proposal_comes_first_and_is_not_repeated(place_model: PlaceModel) -> None:
    town = geocode("Jalalabad", geocoder=place_model.geocoder)
    event = _event(place_id=town.place_id, admin1="AF-NAN", country="AFG", lat=town.lat, lon=town.lon,
                   geo_precision="point")  # fmt: skip
    choices = place_choices(event, place_model)
    assert choices[0] == proposed_choice(event) and choices[0].label.startswith("as proposed: Jalalabad")
    assert [c.place_id for c in choices].count(town.place_id) == 1
    assert len(choices) == 1 + len(town.alternatives)
