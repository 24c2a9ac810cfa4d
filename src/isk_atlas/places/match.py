"""The answer of a geocoder: `Match` (the chosen place, how precise, how sure, why) and its `Candidate`s."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from typing import Any, Final, Literal

from isk_atlas.geo import KIND_PRECISION

Precision = Literal["point", "district", "province", "region", "country"]
Reason = Literal["exact", "variant", "fuzzy", "context"]

PRECISIONS: Final = ("point", "district", "province", "region", "country")
REASONS: Final = ("exact", "variant", "fuzzy", "context")


def precision_of(kind: str | None) -> Precision:
    """The drawing precision of a gazetteer kind (unknown kinds are points)."""
    precision = KIND_PRECISION.get(kind or "", "point")
    assert precision in PRECISIONS
    return precision  # type: ignore[return-value]


@dataclass(frozen=True, slots=True)
class Candidate:
    """One place a name could mean, as ranked by a geocoder."""

    place_id: str
    name: str
    kind: str
    admin1: str | None
    admin2: str | None
    country: str | None
    lat: float | None
    lon: float | None
    precision: Precision
    score: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "place_id": self.place_id,
            "name": self.name,
            "kind": self.kind,
            "admin1": self.admin1,
            "admin2": self.admin2,
            "country": self.country,
            "lat": self.lat,
            "lon": self.lon,
            "precision": self.precision,
            "score": round(self.score, 4),
        }


@dataclass(frozen=True, slots=True)
class Match:
    """A place name as written (`query`) and the place it was resolved to, or `resolved=False`.

    `score` (0-1) says how well the name matched; `certain` is True only when the match is unambiguous and
    its score reaches the geocoder's certainty threshold. `alternatives` lists the other candidates, best first.
    An unresolved name keeps `name=None` and all place fields None: it is reported, never guessed.
    """

    query: str
    name: str | None = None
    place_id: str | None = None
    kind: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    precision: Precision | None = None
    score: float = 0.0
    reason: Reason | None = None
    alternatives: tuple[Candidate, ...] = field(default_factory=tuple)
    resolved: bool = False
    certain: bool = False
    source: str = "gazetteer"

    @classmethod
    def unresolved(cls, query: str, source: str = "gazetteer", alternatives: tuple[Candidate, ...] = ()) -> Match:
        return cls(query=query, source=source, alternatives=alternatives)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (the `isk-atlas geocode` output line)."""
        return {
            "query": self.query,
            "name": self.name,
            "place_id": self.place_id,
            "kind": self.kind,
            "admin1": self.admin1,
            "admin2": self.admin2,
            "country": self.country,
            "lat": self.lat,
            "lon": self.lon,
            "precision": self.precision,
            "score": round(self.score, 4),
            "reason": self.reason,
            "certain": self.certain,
            "resolved": self.resolved,
            "source": self.source,
            "alternatives": [alt.to_dict() for alt in self.alternatives],
        }


# Setting a frozen dataclass's slots directly: `Match(query, *values)` sets its 16 fields through
# object.__setattr__ one by one, which dominates the cost of a precomputed answer.
_new_object = object.__new__
_MATCH_FIELD_NAMES: Final = tuple(f.name for f in fields(Match))
_SET_MATCH_FIELD: Final = tuple(getattr(Match, name).__set__ for name in _MATCH_FIELD_NAMES)


def match_from_fields(query: str, values: Sequence[Any]) -> Match:
    """`Match(query, *values)` for `values` in field order after `query` (a precomputed answer), faster: the fields
    are set through their slot descriptors, with no keyword handling or defaults."""
    if len(values) != 15:
        raise ValueError(f"a Match has 15 fields after query, got {len(values)}")
    match: Match = _new_object(Match)
    s = _SET_MATCH_FIELD
    s[0](match, query)
    s[1](match, values[0])
    s[2](match, values[1])
    s[3](match, values[2])
    s[4](match, values[3])
    s[5](match, values[4])
    s[6](match, values[5])
    s[7](match, values[6])
    s[8](match, values[7])
    s[9](match, values[8])
    s[10](match, values[9])
    s[11](match, values[10])
    s[12](match, values[11])
    s[13](match, values[12])
    s[14](match, values[13])
    s[15](match, values[14])
    return match
