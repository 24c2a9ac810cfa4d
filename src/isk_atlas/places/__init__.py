"""Geocoding: from a place as written ("Bandare-Hairataan", "Fayzabad" near "Badakhshan") to a place on the map,
with its precision, a score, ranked alternatives and the reason, or an honest `resolved=False`.

    >>> from isk_atlas.places import geocode
    >>> geocode("MazareSharif").admin1  # doctest: +SKIP
    'AF-BAL'

Geocoders share one small interface (geopy's style): `geocode(query, context=None) -> Match`. The embedded
gazetteer (`GazetteerGeocoder`) is the default and works offline; online services (`isk_atlas.places.online`)
are opt-in and chained behind it with `GeocoderChain` or `geocode(..., online=True)`.

A `PlaceModel` is the place model one caller builds once and passes on (a command, a notebook's `Workbench`, a
watching build): the gazetteer, its index, the geocoder over it and the mention finder of extraction. `geocode()`
without a `geocoder` builds a fresh one each call (seconds): pass `geocoder=model.geocoder` when geocoding many.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol, runtime_checkable

import geopandas as gpd
import pandas as pd

from isk_atlas.places.gazetteer import FUZZY_ACCEPT, FUZZY_CERTAIN, GazetteerGeocoder, GazetteerIndex, load_index
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
    "PlaceModel",
    "geocode",
    "geocode_many",
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


class PlaceModel:
    """The project's place model, owned by the caller that builds it and passed to what reads places: the
    gazetteer (`isk_atlas.places.districts.places_gazetteer`, or the frame given), its index (from the index cache
    when an earlier process built it), the geocoder over that index and extraction's mention finder, the same place
    model as the geocoder's. Each part is built on first use (seconds), then kept while the model lives; to read
    changed reference data, make a new model."""

    def __init__(self, gazetteer: pd.DataFrame | None = None) -> None:
        self._gazetteer = gazetteer
        self._index: GazetteerIndex | None = None
        self._geocoder: GazetteerGeocoder | None = None
        self._mentions: ToponymIndex | None = None
        self._lock = threading.RLock()  # threads extracting at once build each part once

    @property
    def gazetteer(self) -> pd.DataFrame:
        with self._lock:
            if self._gazetteer is None:
                from isk_atlas.places.districts import places_gazetteer

                self._gazetteer = places_gazetteer()
            return self._gazetteer

    @property
    def index(self) -> GazetteerIndex:
        with self._lock:
            if self._index is None:
                self._index = load_index(self.gazetteer)
            return self._index

    @property
    def geocoder(self) -> GazetteerGeocoder:
        with self._lock:
            if self._geocoder is None:
                self._geocoder = GazetteerGeocoder(self.index)
            return self._geocoder

    @property
    def mentions(self) -> ToponymIndex:
        """The mention finder over the gazetteer, resolving every span through `geocoder`."""
        with self._lock:
            if self._mentions is None:
                from isk_atlas.mentions import ToponymIndex

                self._mentions = ToponymIndex.from_gazetteer(self.gazetteer, self.geocoder)
            return self._mentions


OnlineOption = bool | Geocoder | Sequence[Geocoder]


def _resolve_geocoder(online: OnlineOption, geocoder: Geocoder | None) -> Geocoder:
    base: Geocoder = geocoder if geocoder is not None else PlaceModel().geocoder
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
    geocoders to ask when the gazetteer does not know the name. `geocoder`: the embedded gazetteer's (a
    `PlaceModel`'s), else a fresh one built for this call."""
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
