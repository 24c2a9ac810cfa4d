"""The answer of a geocoder: `Match` (the chosen place, how precise, how sure, why, and how the phrase it was asked
about relates to it) and its `Candidate`s."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final, Literal, NamedTuple

from isk_atlas.geo import KIND_PRECISION

Precision = Literal["point", "district", "province", "region", "country"]
Reason = Literal["exact", "variant", "fuzzy", "context"]

PRECISIONS: Final = ("point", "district", "province", "region", "country")
REASONS: Final = ("exact", "variant", "fuzzy", "context")
# How a phrase relates to the place it resolved to: it is the place ("Kunduz"), something within it ("the Ministry
# of Education in Kabul", "the third police district of Kunduz city"), near it ("outside Kabul"), or in a direction
# from it ("south of Kunduz province").
RELATIONS: Final = (
    "is",
    "within",
    "near",
    "north of",
    "south of",
    "east of",
    "west of",
    "northeast of",
    "northwest of",
    "southeast of",
    "southwest of",
)


def precision_of(kind: str | None) -> Precision:
    """The drawing precision of a gazetteer kind (unknown kinds are points)."""
    precision = KIND_PRECISION.get(kind or "", "point")
    assert precision in PRECISIONS
    return precision  # type: ignore[return-value]


@dataclass(frozen=True, slots=True)
class Candidate:
    """One place a name could mean, as ranked by a geocoder. `countries`: every country it lies in (a border zone
    lies in two)."""

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
    countries: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "place_id": self.place_id,
            "name": self.name,
            "kind": self.kind,
            "admin1": self.admin1,
            "admin2": self.admin2,
            "country": self.country,
            "countries": list(self.countries),
            "lat": self.lat,
            "lon": self.lon,
            "precision": self.precision,
            "score": round(self.score, 4),
        }


class Match(NamedTuple):
    """A place name or phrase as written (`query`) and the place it was resolved to, or `resolved=False`.

    `score` (0-1) says how well the name matched; `certain` is True only when the match is unambiguous and
    its score reaches the geocoder's certainty threshold. `alternatives` lists the other candidates, best first.
    An unresolved name keeps `name=None` and all place fields None: it is reported, never guessed.
    A named tuple (immutable; `_replace` for a changed copy): the geocoder answers most names from a table of
    precomputed fields, and a tuple is built from them several times faster than a frozen dataclass.

    What reading a phrase found: `span`, the words of the query that named the place ("Kabul" in "the Ministry of
    Education in Kabul"; None when the whole query did); `relation`, how the phrase relates to the place (one of
    `RELATIONS`); `also`, further places the phrase names ("eastern and northern provinces": North Afghanistan;
    "Taloqan, the capital of Takhar": Takhar); `unnamed`, names the phrase holds that resolve to nothing ("the
    village of Qarluq in Imam Sahib district": Qarluq).
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
    alternatives: tuple[Candidate, ...] = ()
    resolved: bool = False
    certain: bool = False
    source: str = "gazetteer"
    countries: tuple[str, ...] = ()
    span: str | None = None
    relation: str | None = None
    also: tuple[Candidate, ...] = ()
    unnamed: tuple[str, ...] = ()

    @classmethod
    def unresolved(
        cls,
        query: str,
        source: str = "gazetteer",
        alternatives: tuple[Candidate, ...] = (),
        unnamed: tuple[str, ...] = (),
    ) -> Match:
        return cls(query=query, source=source, alternatives=alternatives, unnamed=unnamed)

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
            "countries": list(self.countries),
            "lat": self.lat,
            "lon": self.lon,
            "precision": self.precision,
            "score": round(self.score, 4),
            "reason": self.reason,
            "certain": self.certain,
            "resolved": self.resolved,
            "source": self.source,
            "span": self.span,
            "relation": self.relation,
            "also": [place.to_dict() for place in self.also],
            "unnamed": list(self.unnamed),
            "alternatives": [alt.to_dict() for alt in self.alternatives],
        }
