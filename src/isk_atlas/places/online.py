"""Online geocoders (opt-in, never used unless asked): geopy's Nominatim, GeoNames and ArcGIS, each one small class
behind the same `geocode(query, context=None) -> Match` interface as the embedded gazetteer.

Every service call goes through geopy's RateLimiter (Nominatim's usage policy: at most one request per second,
an identifying user agent), with a timeout and retries, and every answer, found or not found, is kept in an
on-disk JSON cache under `isk_atlas.paths.cache_dir()` so a rerun never repeats a request. Failures (timeouts,
service errors after the retries) are not cached: the name comes back unresolved and is asked again next time.
Online answers are marked with the service name in `Match.source` and are never `certain`: an analyst reviews
them.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, Final

import pycountry
from filelock import FileLock
from geopy.exc import GeopyError
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders import ArcGIS, GeoNames, Nominatim

from isk_atlas import __version__
from isk_atlas.atomic import write_text
from isk_atlas.names import normalize
from isk_atlas.paths import cache_dir
from isk_atlas.places.match import Match, Precision, precision_of

__all__ = [
    "ArcGISGeocoder",
    "GeoNamesGeocoder",
    "JsonCache",
    "NominatimGeocoder",
    "OnlineGeocoder",
    "default_online_geocoders",
    "default_user_agent",
]

DEFAULT_TIMEOUT: Final = 10.0
DEFAULT_RETRIES: Final = 2
ONLINE_SCORE: Final = 0.8  # the service found something; how well it fits is for the analyst to judge


def default_user_agent() -> str:
    """An identifying user agent (Nominatim refuses anonymous ones); ISK_ATLAS_USER_AGENT overrides it."""
    return os.environ.get("ISK_ATLAS_USER_AGENT") or f"isk-atlas/{__version__} (analyst geocoding; python-geopy)"


def iso3(alpha2: str | None) -> str | None:
    """ISO3 code of an ISO 3166-1 alpha-2 code ("af" -> "AFG"), or None."""
    if not alpha2:
        return None
    country = pycountry.countries.get(alpha_2=alpha2.upper())
    return str(country.alpha_3) if country is not None else None


class JsonCache:
    """A JSON file of answers keyed by service and query; written atomically, under a file lock."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        self._data: dict[str, Any] | None = None

    def _load(self) -> dict[str, Any]:
        if self._data is None:
            try:
                loaded = json.loads(self.path.read_text(encoding="utf-8"))
            except FileNotFoundError:
                loaded = {}
            except (OSError, ValueError):
                loaded = {}  # a damaged cache only costs repeated requests
            self._data = loaded if isinstance(loaded, dict) else {}
        return self._data

    def __contains__(self, key: str) -> bool:
        with self._lock:
            return key in self._load()

    def get(self, key: str) -> Any:
        with self._lock:
            return self._load().get(key)

    def put(self, key: str, value: Any) -> None:
        with self._lock:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with FileLock(str(self.path) + ".lock"):
                # merge what another process wrote meanwhile
                self._data = None
                data = self._load()
                data[key] = value
                write_text(self.path, json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1))


Record = dict[str, Any]


class OnlineGeocoder:
    """The shared machinery: cache lookup, rate-limited call, conversion of the service's answer to a Match.

    Subclasses set `source`, build the geopy geocoder and turn a geopy Location into a record
    (`name, lat, lon, kind, admin1, country`).
    """

    source = "online"

    def __init__(
        self,
        service: Any,
        *,
        cache: JsonCache | None = None,
        min_delay_seconds: float = 1.0,
        max_retries: int = DEFAULT_RETRIES,
        error_wait_seconds: float = 2.0,
        query_args: dict[str, Any] | None = None,
    ) -> None:
        self.service = service
        self.cache = cache if cache is not None else JsonCache(cache_dir() / f"geocode-{self.source}.json")
        self.query_args = dict(query_args or {})
        self._call: Callable[..., Any] = RateLimiter(
            service.geocode,
            min_delay_seconds=min_delay_seconds,
            max_retries=max_retries,
            error_wait_seconds=error_wait_seconds,
            swallow_exceptions=False,
        )

    def cache_key(self, query: str) -> str:
        return f"{self.source}|{normalize(query)}"

    def geocode(self, query: str, context: str | None = None) -> Match:
        if not isinstance(query, str) or not normalize(query):
            return Match.unresolved(str(query), self.source)
        key = self.cache_key(query)
        if key in self.cache:
            record = self.cache.get(key)
        else:
            try:
                location = self._call(query, **self.query_args)
            except GeopyError:
                return Match.unresolved(query, self.source)  # not cached: asked again next time
            record = self.record(location) if location is not None else None
            self.cache.put(key, record)
        if not record:
            return Match.unresolved(query, self.source)
        kind = str(record.get("kind") or "town")
        precision: Precision = precision_of(kind)
        return Match(
            query=query,
            name=record.get("name"),
            place_id=record.get("place_id"),
            kind=kind,
            admin1=record.get("admin1"),
            admin2=None,
            country=record.get("country"),
            lat=float(record["lat"]),
            lon=float(record["lon"]),
            precision=precision,
            score=ONLINE_SCORE,
            reason="exact",
            resolved=True,
            certain=False,
            source=self.source,
        )

    def record(self, location: Any) -> Record:
        return {
            "name": str(location.address).split(",")[0],
            "lat": float(location.latitude),
            "lon": float(location.longitude),
            "kind": "town",
            "admin1": None,
            "country": None,
            "place_id": None,
        }


_NOMINATIM_KINDS: Final[dict[str, str]] = {
    "country": "country",
    "state": "province",
    "province": "province",
    "region": "province",
    "state_district": "district",
    "county": "district",
    "district": "district",
    "municipality": "district",
    "city": "town",
    "town": "town",
    "village": "town",
    "hamlet": "town",
    "suburb": "quarter",
    "quarter": "quarter",
    "neighbourhood": "quarter",
    "city_district": "quarter",
}


class NominatimGeocoder(OnlineGeocoder):
    """OpenStreetMap's Nominatim (one request per second, a real user agent)."""

    source = "nominatim"

    def __init__(
        self,
        *,
        user_agent: str | None = None,
        domain: str | None = None,
        scheme: str | None = None,
        timeout: float = DEFAULT_TIMEOUT,
        cache: JsonCache | None = None,
        min_delay_seconds: float = 1.0,
        max_retries: int = DEFAULT_RETRIES,
        error_wait_seconds: float = 2.0,
    ) -> None:
        options: dict[str, Any] = {"user_agent": user_agent or default_user_agent(), "timeout": timeout}
        if domain:
            options["domain"] = domain
        if scheme:
            options["scheme"] = scheme
        super().__init__(
            Nominatim(**options),
            cache=cache,
            min_delay_seconds=max(min_delay_seconds, 0.0),
            max_retries=max_retries,
            error_wait_seconds=error_wait_seconds,
            query_args={"addressdetails": True, "language": "en"},
        )

    def record(self, location: Any) -> Record:
        raw: dict[str, Any] = location.raw if isinstance(location.raw, dict) else {}
        address: dict[str, Any] = raw.get("address") or {}
        addresstype = str(raw.get("addresstype") or raw.get("type") or "")
        osm = f"osm:{raw.get('osm_type', '')}/{raw.get('osm_id', '')}" if raw.get("osm_id") else None
        return {
            "name": str(raw.get("name") or location.address.split(",")[0]),
            "lat": float(location.latitude),
            "lon": float(location.longitude),
            "kind": _NOMINATIM_KINDS.get(
                addresstype, "landmark" if raw.get("class") not in {"place", "boundary"} else "town"
            ),
            "admin1": address.get("ISO3166-2-lvl4"),
            "country": iso3(address.get("country_code")),
            "place_id": osm,
        }


_GEONAMES_KINDS: Final[dict[str, str]] = {"PCLI": "country", "ADM1": "province", "ADM2": "district"}


class GeoNamesGeocoder(OnlineGeocoder):
    """The GeoNames search service (needs a free account name: ISK_ATLAS_GEONAMES_USERNAME)."""

    source = "geonames"

    def __init__(
        self,
        username: str,
        *,
        timeout: float = DEFAULT_TIMEOUT,
        cache: JsonCache | None = None,
        min_delay_seconds: float = 1.0,
        max_retries: int = DEFAULT_RETRIES,
        domain: str | None = None,
        scheme: str | None = None,
    ) -> None:
        options: dict[str, Any] = {"username": username, "timeout": timeout}
        if domain:
            options["domain"] = domain
        if scheme:
            options["scheme"] = scheme
        super().__init__(GeoNames(**options), cache=cache, min_delay_seconds=min_delay_seconds, max_retries=max_retries)

    def record(self, location: Any) -> Record:
        raw: dict[str, Any] = location.raw if isinstance(location.raw, dict) else {}
        fcode = str(raw.get("fcode") or "")
        return {
            "name": str(raw.get("name") or location.address.split(",")[0]),
            "lat": float(location.latitude),
            "lon": float(location.longitude),
            "kind": _GEONAMES_KINDS.get(fcode, "town" if fcode.startswith("PPL") else "landmark"),
            "admin1": None,
            "country": iso3(raw.get("countryCode")),
            "place_id": f"gn:{raw['geonameId']}" if raw.get("geonameId") else None,
        }


class ArcGISGeocoder(OnlineGeocoder):
    """Esri's ArcGIS World Geocoding Service (anonymous use; results are points)."""

    source = "arcgis"

    def __init__(
        self,
        *,
        timeout: float = DEFAULT_TIMEOUT,
        cache: JsonCache | None = None,
        min_delay_seconds: float = 1.0,
        max_retries: int = DEFAULT_RETRIES,
        domain: str | None = None,
        scheme: str | None = None,
    ) -> None:
        options: dict[str, Any] = {"timeout": timeout}
        if domain:
            options["domain"] = domain
        if scheme:
            options["scheme"] = scheme
        super().__init__(
            ArcGIS(**options),
            cache=cache,
            min_delay_seconds=min_delay_seconds,
            max_retries=max_retries,
            query_args={"out_fields": "Addr_type,Country,PlaceName"},
        )

    def record(self, location: Any) -> Record:
        raw: dict[str, Any] = location.raw if isinstance(location.raw, dict) else {}
        attributes: dict[str, Any] = raw.get("attributes") or {}
        country = attributes.get("Country")
        return {
            "name": str(attributes.get("PlaceName") or str(location.address).split(",")[0]),
            "lat": float(location.latitude),
            "lon": float(location.longitude),
            "kind": _ARCGIS_KINDS.get(str(attributes.get("Addr_type") or ""), "landmark"),
            "admin1": None,
            "country": country if isinstance(country, str) and len(country) == 3 else None,
            "place_id": None,
        }


_ARCGIS_KINDS: Final[dict[str, str]] = {
    "Country": "country",
    "Region": "province",
    "Subregion": "district",
    "Zone": "district",
    "Locality": "town",
    "Neighborhood": "quarter",
    "District": "quarter",
}


def default_online_geocoders() -> list[OnlineGeocoder]:
    """Nominatim, then GeoNames when ISK_ATLAS_GEONAMES_USERNAME is set."""
    geocoders: list[OnlineGeocoder] = [NominatimGeocoder()]
    username = os.environ.get("ISK_ATLAS_GEONAMES_USERNAME")
    if username:
        geocoders.append(GeoNamesGeocoder(username))
    return geocoders
