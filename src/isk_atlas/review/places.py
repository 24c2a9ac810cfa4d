"""The places a proposed event's place could be: the proposal, then what the geocoder offers for a name.

The review card's place dropdown lists these; its text box asks `isk_atlas.places.geocode` for what the
analyst types. A choice carries the event fields it sets (place id, province, district, country, coordinates,
precision); the place as the source writes it (`place_text`) is never changed by a choice.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from isk_atlas.places import Candidate, Match, geocode, mention_index
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


def geocoded_choices(name: str, context: str | None = None) -> tuple[list[PlaceChoice], Match]:
    """The geocoder's answer for `name` and its alternatives, best first (empty when nothing matches)."""
    match = geocode(name, context=context)
    choices = []
    if match.resolved and match.place_id is not None:
        choices.append(_choice(match.place_id, match.name or name, match.kind, match.admin1, match.admin2,
                               match.country, match.lat, match.lon, match.precision, match.score))  # fmt: skip
    for alternative in match.alternatives:
        choices.append(_candidate_choice(alternative))
    unique: dict[str | None, PlaceChoice] = {}
    for choice in choices:
        unique.setdefault(choice.place_id, choice)
    return list(unique.values()), match


def place_choices(event: Event, context: str | None = None) -> list[PlaceChoice]:
    """The proposal first, then the geocoder's places for the name as written (the proposal's own place once)."""
    proposed = proposed_choice(event)
    others, _ = geocoded_choices(event.place_text, context)
    return [proposed, *(choice for choice in others if choice.place_id != proposed.place_id)]


def _candidate_choice(candidate: Candidate) -> PlaceChoice:
    return _choice(candidate.place_id, candidate.name, candidate.kind, candidate.admin1, candidate.admin2,
                   candidate.country, candidate.lat, candidate.lon, candidate.precision, candidate.score)  # fmt: skip


def _choice(
    place_id: str,
    name: str,
    kind: str | None,
    admin1: str | None,
    admin2_id: str | None,
    country: str | None,
    lat: float | None,
    lon: float | None,
    precision: str | None,
    score: float,
) -> PlaceChoice:
    # The record names the district (as the register does); the gazetteer's records hold its id.
    district = mention_index().place_name(admin2_id) if admin2_id else None
    geo_precision = precision if precision in GEO_PRECISIONS else "point"
    fields = {
        "place_id": place_id,
        "admin1": admin1,
        "admin2": district,
        "country": country,
        "lat": lat,
        "lon": lon,
        "geo_precision": geo_precision,
    }
    where = ", ".join(part for part in (kind, admin1, country) if part)
    return PlaceChoice(f"{name} ({where}; drawn as {geo_precision}; score {score:.2f})", fields)
