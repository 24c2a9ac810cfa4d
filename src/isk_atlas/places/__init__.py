"""Geocoding: from a place as written ("Bandare-Hairataan", "Fayzabad" near "Badakhshan") to a place on the map,
with its precision, a score, ranked alternatives and the reason, or an honest `resolved=False`.

    >>> from isk_atlas.places import geocode
    >>> geocode("MazareSharif").admin1  # doctest: +SKIP
    'AF-BAL'

Geocoders share one small interface (geopy's style): `geocode(query, context=None) -> Match`. The embedded
gazetteer (`GazetteerGeocoder`) is the default and works offline; online services (`isk_atlas.places.online`)
are opt-in and chained behind it with `GeocoderChain` or `geocode(..., online=True)`.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING, Protocol, runtime_checkable

import geopandas as gpd
import pandas as pd

from isk_atlas.places.gazetteer import FUZZY_ACCEPT, FUZZY_CERTAIN, GazetteerGeocoder, GazetteerIndex
from isk_atlas.places.match import PRECISIONS, RELATIONS, Candidate, Match

if TYPE_CHECKING:
    from isk_atlas.mentions import ToponymIndex

__all__ = [
    "FUZZY_ACCEPT",
    "FUZZY_CERTAIN",
    "PRECISIONS",
    "RELATIONS",
    "Candidate",
    "GazetteerGeocoder",
    "GazetteerIndex",
    "Geocoder",
    "GeocoderChain",
    "Match",
    "default_geocoder",
    "geocode",
    "geocode_many",
    "mention_index",
]


@runtime_checkable
class Geocoder(Protocol):
    """Anything that turns a place name (and optional context text) into a `Match`."""

    source: str

    def geocode(self, query: str, context: str | None = None) -> Match: ...


class GeocoderChain:
    """Asks each geocoder in turn; the first resolved answer wins, else the first (unresolved) answer is kept."""

    source = "chain"

    def __init__(self, geocoders: Sequence[Geocoder]) -> None:
        if not geocoders:
            raise ValueError("a geocoder chain needs at least one geocoder")
        self.geocoders = tuple(geocoders)

    def geocode(self, query: str, context: str | None = None) -> Match:
        first: Match | None = None
        for geocoder in self.geocoders:
            match = geocoder.geocode(query, context)
            if match.resolved:
                return match
            first = first or match
        assert first is not None
        return first


@cache
def default_geocoder() -> GazetteerGeocoder:
    """The embedded-gazetteer geocoder, built once per process."""
    return GazetteerGeocoder()


OnlineOption = bool | Geocoder | Sequence[Geocoder]


def _resolve_geocoder(online: OnlineOption, geocoder: Geocoder | None) -> Geocoder:
    base: Geocoder = geocoder if geocoder is not None else default_geocoder()
    if online is False:
        return base
    if online is True:
        from isk_atlas.places.online import default_online_geocoders

        return GeocoderChain([base, *default_online_geocoders()])
    if isinstance(online, Geocoder):
        return GeocoderChain([base, online])
    return GeocoderChain([base, *online])


def geocode(
    name: str, context: str | None = None, *, online: OnlineOption = False, geocoder: Geocoder | None = None
) -> Match:
    """Resolve one place name as written. `context`: the text around it (provinces and countries named there
    disambiguate). `online`: False (default, offline), True (the gazetteer, then Nominatim, cached), or
    geocoders to ask when the gazetteer does not know the name."""
    return _resolve_geocoder(online, geocoder).geocode(name, context)


MATCH_COLUMNS = (
    "query",
    "name",
    "place_id",
    "kind",
    "admin1",
    "admin2",
    "country",
    "lat",
    "lon",
    "precision",
    "score",
    "reason",
    "resolved",
    "certain",
    "source",
    "alternatives",
)


def geocode_many(
    names: Sequence[str],
    context: str | Sequence[str | None] | None = None,
    *,
    online: OnlineOption = False,
    geocoder: Geocoder | None = None,
) -> gpd.GeoDataFrame:
    """Geocode many names (one shared context, or one context per name) into a GeoDataFrame in EPSG:4326.

    One row per name, in order; unresolved names keep their row with empty place fields and no geometry.
    `alternatives` holds the alternative place ids, `|`-joined.
    """
    if isinstance(context, str) or context is None:
        contexts: Sequence[str | None] = [context] * len(names)
    else:
        contexts = context
        if len(contexts) != len(names):
            raise ValueError(f"{len(names)} names but {len(contexts)} contexts")
    chosen = _resolve_geocoder(online, geocoder)
    matches = [chosen.geocode(name, ctx) for name, ctx in zip(names, contexts, strict=True)]
    frame = pd.DataFrame(
        {
            col: [
                "|".join(alt.place_id for alt in m.alternatives) if col == "alternatives" else getattr(m, col)
                for m in matches
            ]
            for col in MATCH_COLUMNS
        }
    )
    frame["lat"] = pd.to_numeric(frame["lat"], errors="coerce").astype("float64")
    frame["lon"] = pd.to_numeric(frame["lon"], errors="coerce").astype("float64")
    frame["score"] = frame["score"].astype("float64")
    geometry = gpd.points_from_xy(frame["lon"], frame["lat"], crs="EPSG:4326")
    geometry[frame["lat"].isna().to_numpy() | frame["lon"].isna().to_numpy()] = None
    return gpd.GeoDataFrame(frame, geometry=geometry, crs="EPSG:4326")


@cache
def mention_index() -> ToponymIndex:
    """The mention finder of the extraction step over the project's gazetteer, resolving every span through the
    default geocoder (the same place model as `geocode`). Built once per process."""
    from isk_atlas.mentions import ToponymIndex
    from isk_atlas.places.districts import places_gazetteer

    return ToponymIndex.from_gazetteer(places_gazetteer(), default_geocoder())
