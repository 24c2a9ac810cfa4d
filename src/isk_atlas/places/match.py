"""The answer of a geocoder: `Match` (the chosen place, how precise, how sure, why) and its `Candidate`s."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Final, Literal

Precision = Literal["point", "district", "province", "region", "country"]
Reason = Literal["exact", "variant", "fuzzy", "context"]

PRECISIONS: Final = ("point", "district", "province", "region", "country")
REASONS: Final = ("exact", "variant", "fuzzy", "context")

# What a gazetteer kind means for drawing: a district or province is an area, not a pin on its seat.
KIND_PRECISION: Final[dict[str, Precision]] = {
    "country": "country",
    "province": "province",
    "region": "region",
    "district": "district",
    "town": "point",
    "quarter": "point",
    "landmark": "point",
    "border_crossing": "point",
}


def precision_of(kind: str | None) -> Precision:
    """The drawing precision of a gazetteer kind (unknown kinds are points)."""
    return KIND_PRECISION.get(kind or "", "point")


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

    @classmethod
    def from_candidate(
        cls,
        query: str,
        candidate: Candidate,
        *,
        reason: Reason,
        certain: bool,
        alternatives: tuple[Candidate, ...] = (),
        source: str = "gazetteer",
    ) -> Match:
        return cls(
            query=query,
            name=candidate.name,
            place_id=candidate.place_id,
            kind=candidate.kind,
            admin1=candidate.admin1,
            admin2=candidate.admin2,
            country=candidate.country,
            lat=candidate.lat,
            lon=candidate.lon,
            precision=candidate.precision,
            score=candidate.score,
            reason=reason,
            alternatives=alternatives,
            resolved=True,
            certain=certain,
            source=source,
        )

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
