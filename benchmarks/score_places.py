"""How well the geocoder reads place phrases as real reports write them: right province, right country, and points
within 15 km of the reference.

    python -m benchmarks.score_places data/realdev/place_phrases.csv [--misses]

The file has one phrase a row (columns source_id, phrase, context, country, admin1, admin2, place_id, precision, lat,
lon, notes; `context` may name the province or country the article gives). Each phrase is geocoded as `isk-atlas
geocode --context CONTEXT PHRASE` would. Printed (JSON):
- `province`: right `admin1` among the phrases whose reference lies in one Afghan province;
- `country`: right country among the phrases whose reference names one (a border zone's `countries` count);
- `within_15_km`: reference points of point- or district-level places the answer lies within 15 km of.
`--misses` lists the phrases each measure missed: for development sets only (a held-out set is scored for its
numbers, never read phrase by phrase while rules change).
"""

from __future__ import annotations

import argparse
import csv
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from isk_atlas.places import Geocoder, PlaceModel, geocode

RADIUS_KM = 15.0
EARTH_KM = 6371.0088


@dataclass(frozen=True)
class Phrase:
    line: int
    phrase: str
    context: str | None
    country: str | None
    admin1: str | None
    precision: str | None
    lat: float | None
    lon: float | None


def _number(text: str | None) -> float | None:
    try:
        return float(text) if text not in (None, "") else None
    except ValueError:
        return None


def read_phrases(path: Path) -> list[Phrase]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [
        Phrase(
            line=number,
            phrase=row["phrase"],
            context=row.get("context") or None,
            country=row.get("country") or None,
            admin1=row.get("admin1") or None,
            precision=row.get("precision") or None,
            lat=_number(row.get("lat")),
            lon=_number(row.get("lon")),
        )
        for number, row in enumerate(rows, start=2)
        if row.get("phrase")
    ]


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_KM * math.asin(math.sqrt(a))


def score(
    phrases: Sequence[Phrase], geocoder: Geocoder | None = None
) -> tuple[dict[str, Any], dict[str, list[dict[str, Any]]]]:
    """The three measures (right, of how many, share) and the misses of each; `geocoder`: default the project's
    place model's (one for every phrase)."""
    geocoder = geocoder if geocoder is not None else PlaceModel().geocoder
    counts = {name: [0, 0] for name in ("province", "country", "within_15_km")}
    misses: dict[str, list[dict[str, Any]]] = {name: [] for name in counts}
    for phrase in phrases:
        match = geocode(phrase.phrase, phrase.context, geocoder=geocoder)
        countries = {match.country, *getattr(match, "countries", ())} - {None}
        answer = {"line": phrase.line, "phrase": phrase.phrase, "context": phrase.context, "got": match.place_id,
                  "admin1": match.admin1, "country": match.country}  # fmt: skip
        checks: list[tuple[str, bool]] = []
        if phrase.country == "AFG" and phrase.admin1:
            checks.append(("province", match.admin1 == phrase.admin1))
        if phrase.country:
            checks.append(("country", phrase.country in countries))
        if phrase.lat is not None and phrase.lon is not None and phrase.precision in ("point", "district"):
            near = match.lat is not None and match.lon is not None
            far = distance_km(phrase.lat, phrase.lon, match.lat, match.lon) if near else math.inf  # type: ignore[arg-type]
            checks.append(("within_15_km", far <= RADIUS_KM))
        for name, right in checks:
            counts[name][1] += 1
            counts[name][0] += int(right)
            if not right:
                misses[name].append({**answer, "expected": _expected(phrase, name)})
    measures = {
        name: {"right": right, "of": total, "share": round(right / total, 3) if total else None}
        for name, (right, total) in counts.items()
    }
    return {"phrases": len(phrases), **measures}, misses


def _expected(phrase: Phrase, measure: str) -> Any:
    if measure == "province":
        return phrase.admin1
    if measure == "country":
        return phrase.country
    return [phrase.lat, phrase.lon]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("phrases", type=Path, nargs="+", help="place phrase CSV files")
    parser.add_argument("--misses", action="store_true", help="list what each measure missed (development sets)")
    args = parser.parse_args(argv)
    phrases = [phrase for path in args.phrases for phrase in read_phrases(path)]
    measures, misses = score(phrases)
    print(json.dumps(measures))
    if args.misses:
        for name, missed in misses.items():
            for miss in missed:
                print(json.dumps({"measure": name, **miss}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
