"""The places a proposed event's place could be: the proposal, then what the geocoder offers for a name.

The review card's place dropdown lists these; its text box asks the geocoder of the caller's place model
(`isk_atlas.places.PlaceModel`) for what the analyst types. A choice carries the event fields it sets (place id,
province, district, country, coordinates, precision); the place as the source writes it (`place_text`) is never
changed by a choice.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from isk_atlas.places import Candidate, Match, PlaceModel
from isk_atlas.schema import GEO_PRECISIONS, Event

PLACE_FIELDS = ("place_id", "admin1", "admin2", "country", "lat", "lon", "geo_precision")


@dataclass(frozen=True)
class PlaceChoice:
    """One entry of the place dropdown: its label and the event fields it sets."""

    label: str
    fields: dict[str, Any]

    @property
    def place_id(self) -> str | None:
        value = self.fields.get("place_id")
        return str(value) if value is not None else None


def proposed_choice(event: Event) -> PlaceChoice:
    """The place as extraction resolved it."""
    fields = {name: getattr(event, name) for name in PLACE_FIELDS}
    where = ", ".join(part for part in (event.admin2, event.admin1, event.country) if part)
    label = f"as proposed: {event.place_text}" + (f" ({where}, {event.geo_precision})" if where else "")
    return PlaceChoice(label, fields)


def geocoded_choices(name: str, model: PlaceModel, context: str | None = None) -> tuple[list[PlaceChoice], Match]:
    """The answer of `model`'s geocoder for `name` and its alternatives, best first (empty when nothing matches)."""
    match = model.geocoder.geocode(name, context)
    places: list[Match | Candidate] = [match] if match.resolved and match.place_id is not None else []
    places += match.alternatives
    unique: dict[str | None, PlaceChoice] = {}
    for place in places:
        unique.setdefault(place.place_id, _choice(place, name, model))
    return list(unique.values()), match


def place_choices(event: Event, model: PlaceModel, context: str | None = None) -> list[PlaceChoice]:
    """The proposal first, then the geocoder's places for the name as written (the proposal's own place once)."""
    proposed = proposed_choice(event)
    others, _ = geocoded_choices(event.place_text, model, context)
    return [proposed, *(choice for choice in others if choice.place_id != proposed.place_id)]


def _choice(place: Match | Candidate, query: str, model: PlaceModel) -> PlaceChoice:
    # The record names the district (as the register does); the gazetteer's records hold its id.
    district = model.mentions.place_name(place.admin2) if place.admin2 else None
    geo_precision = place.precision if place.precision in GEO_PRECISIONS else "point"
    fields = {
        "place_id": place.place_id,
        "admin1": place.admin1,
        "admin2": district,
        "country": place.country,
        "lat": place.lat,
        "lon": place.lon,
        "geo_precision": geo_precision,
    }
    where = ", ".join(part for part in (place.kind, place.admin1, place.country) if part)
    label = f"{place.name or query} ({where}; drawn as {geo_precision}; score {place.score:.2f})"
    return PlaceChoice(label, fields)
