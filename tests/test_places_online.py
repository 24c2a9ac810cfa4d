"""Online geocoders against a local stand-in for Nominatim on 127.0.0.1 (no network needed)."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import parse_qs, urlparse

import pandas as pd
import pytest

from isk_atlas.places import GazetteerGeocoder, Geocoder, GeocoderChain, geocode
from isk_atlas.places.online import (
    ArcGISGeocoder,
    GeoNamesGeocoder,
    JsonCache,
    NominatimGeocoder,
    default_user_agent,
)

# What the stand-in knows, in Nominatim's jsonv2 shape (addressdetails=1).
KNOWN: dict[str, dict[str, Any]] = {
    "ishkashim": {
        "place_id": 1,
        "osm_type": "node",
        "osm_id": 123,
        "lat": "36.7106",
        "lon": "71.6127",
        "class": "place",
        "type": "town",
        "addresstype": "town",
        "name": "Ishkashim",
        "display_name": "Ishkashim, Badakhshan, Afghanistan",
        "importance": 0.4,
        "address": {"town": "Ishkashim", "state": "Badakhshan", "ISO3166-2-lvl4": "AF-BDS", "country_code": "af"},
    },
    "kerman province": {
        "place_id": 2,
        "osm_type": "relation",
        "osm_id": 456,
        "lat": "29.6",
        "lon": "57.0",
        "class": "boundary",
        "type": "administrative",
        "addresstype": "province",
        "name": "Kerman Province",
        "display_name": "Kerman Province, Iran",
        "address": {"province": "Kerman Province", "ISO3166-2-lvl4": "IR-08", "country_code": "ir"},
    },
}

GEONAMES: dict[str, dict[str, Any]] = {
    "khorugh": {
        "geonameId": 1221194,
        "name": "Khorugh",
        "lat": "37.48974",
        "lng": "71.55304",
        "countryCode": "TJ",
        "countryName": "Tajikistan",
        "adminName1": "Gorno-Badakhshan",
        "fcode": "PPLA",
        "fcl": "P",
    }
}

ARCGIS: dict[str, dict[str, Any]] = {
    "shindand": {
        "address": "Shindand, Herat, AFG",
        "location": {"x": 62.1406, "y": 33.3039},
        "score": 100,
        "attributes": {"Addr_type": "Locality", "Country": "AFG", "PlaceName": "Shindand"},
    }
}


class NominatimStandIn(BaseHTTPRequestHandler):
    requests: ClassVar[list[dict[str, list[str]]]] = []
    fail: ClassVar[bool] = False

    def do_GET(self) -> None:
        url = urlparse(self.path)
        params = parse_qs(url.query)
        type(self).requests.append({"path": [url.path], "user_agent": [self.headers.get("User-Agent", "")], **params})
        if type(self).fail:
            self.send_response(500)
            self.end_headers()
            return
        query = (params.get("q") or params.get("singleLine") or [""])[0].strip().lower()
        if url.path.endswith("/findAddressCandidates"):  # the ArcGIS geocoding service
            found = [ARCGIS[query]] if query in ARCGIS else []
            body = json.dumps({"spatialReference": {"wkid": 4326}, "candidates": found}).encode()
        elif url.path == "/searchJSON":  # the GeoNames search service
            body = json.dumps({"geonames": [GEONAMES[query]] if query in GEONAMES else []}).encode()
        else:
            body = json.dumps([KNOWN[query]] if query in KNOWN else []).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:  # quiet test output
        pass


@pytest.fixture
def server() -> Iterator[str]:
    NominatimStandIn.requests = []
    NominatimStandIn.fail = False
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), NominatimStandIn)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


def nominatim(domain: str, cache_path: Path) -> NominatimGeocoder:
    return NominatimGeocoder(
        domain=domain,
        scheme="http",
        user_agent="isk-atlas-tests/1.0",
        cache=JsonCache(cache_path),
        min_delay_seconds=0.0,
        max_retries=1,
        error_wait_seconds=0.0,
        timeout=5,
    )


def test_nominatim_answer_becomes_a_match(server: str, tmp_path: Path) -> None:
    service = nominatim(server, tmp_path / "cache.json")
    assert isinstance(service, Geocoder)
    match = service.geocode("Ishkashim")
    assert match.resolved and not match.certain  # online answers are for review
    assert (match.name, match.admin1, match.country, match.kind, match.precision) == (
        "Ishkashim",
        "AF-BDS",
        "AFG",
        "town",
        "point",
    )
    assert match.lat == pytest.approx(36.7106) and match.lon == pytest.approx(71.6127)
    assert match.source == "nominatim" and match.place_id == "osm:node/123"
    province = service.geocode("Kerman province")
    assert (province.kind, province.precision, province.country) == ("province", "province", "IRN")
    request = NominatimStandIn.requests[0]
    assert request["path"] == ["/search"]
    assert request["user_agent"] == ["isk-atlas-tests/1.0"]


def test_cache_prevents_a_second_request(server: str, tmp_path: Path) -> None:
    cache_path = tmp_path / "cache.json"
    first = nominatim(server, cache_path).geocode("Ishkashim")
    missing = nominatim(server, cache_path).geocode("Atlantis")
    assert len(NominatimStandIn.requests) == 2
    assert not missing.resolved and missing.source == "nominatim"
    # a new process (a fresh geocoder on the same cache file) asks nothing again, found or not found
    again = nominatim(server, cache_path)
    assert again.geocode("Ishkashim") == first
    assert not again.geocode("atlantis").resolved
    assert len(NominatimStandIn.requests) == 2
    stored = json.loads(cache_path.read_text(encoding="utf-8"))
    assert stored["nominatim|ishkashim"]["admin1"] == "AF-BDS"
    assert stored["nominatim|atlantis"] is None


def test_service_errors_are_not_cached(server: str, tmp_path: Path) -> None:
    NominatimStandIn.fail = True
    service = nominatim(server, tmp_path / "cache.json")
    assert not service.geocode("Ishkashim").resolved
    assert len(NominatimStandIn.requests) == 2  # the first try and one retry
    NominatimStandIn.fail = False
    assert service.geocode("Ishkashim").resolved


def test_chain_asks_online_only_for_what_the_gazetteer_lacks(server: str, tmp_path: Path) -> None:
    gazetteer = GazetteerGeocoder(pd.read_csv(Path(__file__).with_name("places_fixture.csv")))
    service = nominatim(server, tmp_path / "cache.json")
    chain = GeocoderChain([gazetteer, service])
    assert chain.geocode("Herat").source == "gazetteer"
    assert NominatimStandIn.requests == []
    assert chain.geocode("Ishkashim").source == "nominatim"
    assert geocode("Ishkashim", geocoder=gazetteer).resolved is False  # offline by default
    assert geocode("Ishkashim", geocoder=gazetteer, online=service).source == "nominatim"
    assert len(NominatimStandIn.requests) == 1


def test_default_user_agent_identifies_the_project(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ISK_ATLAS_USER_AGENT", raising=False)
    assert default_user_agent().startswith("isk-atlas/")
    monkeypatch.setenv("ISK_ATLAS_USER_AGENT", "my-team/2.0 (me@example.org)")
    assert default_user_agent() == "my-team/2.0 (me@example.org)"


def test_damaged_cache_is_ignored(server: str, tmp_path: Path) -> None:
    cache_path = tmp_path / "cache.json"
    cache_path.write_text("{not json", encoding="utf-8")
    assert nominatim(server, cache_path).geocode("Ishkashim").resolved
    assert json.loads(cache_path.read_text(encoding="utf-8"))["nominatim|ishkashim"]["name"] == "Ishkashim"


def test_geonames_answer_becomes_a_match(server: str, tmp_path: Path) -> None:
    service = GeoNamesGeocoder(
        "isk-atlas-tests", domain=server, scheme="http", cache=JsonCache(tmp_path / "gn.json"), min_delay_seconds=0
    )
    match = service.geocode("Khorugh")
    assert (match.name, match.country, match.kind, match.place_id, match.source) == (
        "Khorugh",
        "TJK",
        "town",
        "gn:1221194",
        "geonames",
    )
    assert match.lon == pytest.approx(71.55304)
    assert NominatimStandIn.requests[0]["username"] == ["isk-atlas-tests"]
    assert not service.geocode("Atlantis").resolved


def test_arcgis_answer_becomes_a_match(server: str, tmp_path: Path) -> None:
    service = ArcGISGeocoder(
        domain=server, scheme="http", cache=JsonCache(tmp_path / "arcgis.json"), min_delay_seconds=0
    )
    match = service.geocode("Shindand")
    assert (match.name, match.country, match.kind, match.precision, match.source) == (
        "Shindand",
        "AFG",
        "town",
        "point",
        "arcgis",
    )
    assert (match.lat, match.lon) == pytest.approx((33.3039, 62.1406))
    assert NominatimStandIn.requests[0]["outFields"] == ["Addr_type,Country,PlaceName"]
    assert not service.geocode("Atlantis").resolved
    service.geocode("Shindand")
    assert len(NominatimStandIn.requests) == 2  # the second Shindand came from the cache
