"""Extraction speed on one core: MB of article text per second and articles per second, printed as JSON.

Run as `python -m benchmarks.bench_extract [--repeat N] [--synthetic N] [--index]`. The corpus is the shared source
articles (read from ISK_ATLAS_SHARED_SOURCES or ../shared/sources), each processed N times as if they were distinct
articles (the extraction cache is not used), in three ways: the index's memo of fuzzy look-ups forgotten before
every article (`mb_per_s`, the cold rate: every article as if it were the first, which the 1 MB/s target applies
to), at the start of each pass over the corpus (`mb_per_s_corpus_pass`), or kept (`mb_per_s_with_memo`, the
sustained rate of a long run). Rates are per CPU second (`time.process_time`) of the median pass, in one process:
per core, which is what the target reads; `*_mb_per_s_wall` gives the same passes per wall-clock second, lower on
a loaded machine. The gazetteer is the project's (`isk_atlas.geo`) when it is built, else the small test one.

`--synthetic N` (default 200; 0 skips it) also measures the cold rate on the first N articles of the benchmarks'
synthetic corpus (`benchmarks/corpus.py`, event-dense, the corpus of `bench_build`'s extraction step):
`synthetic_mb_per_s`. When the texts of the real-news corpus are at hand (`--realdev`, default `data/realdev`;
they are kept out of git), the cold rate on its development split too, the realistic workload: `realdev_mb_per_s`
(the held-out split is never read). `--index` times, in fresh processes, what getting the extraction's toponym index
(`isk_atlas.places.PlaceModel().mentions`, the geocoder behind it) costs when it is built and when it is loaded from
the index cache (`index_build_cpu_s`, `index_cached_cpu_s`). `load_average` is the 1-minute load when the run ended:
on a shared machine, CPU-time rates drop as it rises.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
TARGET_MB_PER_S = 1.0

# Prints the CPU seconds a fresh place model's mention finder takes in a fresh process (imports excluded).
_INDEX_PROBE = """
import time
from isk_atlas.places import PlaceModel
start = time.process_time()
PlaceModel().mentions
print(time.process_time() - start)
"""


def _index() -> tuple[object, str]:
    from isk_atlas.places import PlaceModel

    try:
        return PlaceModel().mentions, "isk_atlas.geo"
    except Exception:
        sys.path.insert(0, str(ROOT / "tests"))
        from extract_fixtures import small_index

        return small_index(), "tests/extract_fixtures (geo not built)"


def _cold_passes(
    extractor: Any,
    index: Any,
    sources: Sequence[Any],
    repeat: int,
    memo: str,
    counted: list[int],
    wall: list[float] | None = None,
) -> list[float]:
    """CPU seconds of each of `repeat` passes over `sources` (their wall-clock seconds appended to `wall`, when
    given). `memo`: "article" forgets the index's memo of fuzzy look-ups before every article (each costs what a
    new one would), "pass" at the start of the pass only (later articles profit from names earlier ones used, as
    in a corpus), "kept" never (steady state)."""

    def forget() -> None:
        # the index keeps nothing of the texts it read; the geocoder behind it keeps its reading of recent contexts
        # (sentences) and its context-free answers: a fresh geocoder on the same place index has neither
        # (its tables of area keys belong to the place index and are kept)
        index.geocoder = type(index.geocoder)(index.geocoder.index)
        index.geocoder.index.context_reader = index.geocoder.index.context_reader.fresh()

    times = []
    for round_number in range(repeat):
        if memo == "pass":
            forget()
        start, wall_start = time.process_time(), time.perf_counter()
        events = 0
        for source in sources:
            if memo == "article":
                forget()
            # A fresh id per round: nothing is cached by source.
            found = extractor.extract(
                source.text,
                f"{source.source_id}-{memo}-{round_number}",
                source.meta.published,
                source.meta.published_precision,
            )
            events += len(found)
        times.append(time.process_time() - start)
        if wall is not None:
            wall.append(time.perf_counter() - wall_start)
        counted.append(events)
    return times


def _cold_rate(name: str, sources: Sequence[Any], repeat: int, extractor: Any, index: Any) -> dict[str, object]:
    """The cold rate on `sources` (median of `repeat` passes), per CPU second (`{name}_mb_per_s`, what the target
    reads) and per wall-clock second (`{name}_mb_per_s_wall`, which swings with the machine's load)."""
    total_bytes = sum(len(source.text.encode("utf-8")) for source in sources)
    counted: list[int] = []
    wall: list[float] = []
    times = _cold_passes(extractor, index, sources, repeat, "article", counted, wall)
    return {
        f"{name}_articles": len(sources),
        f"{name}_megabytes": round(total_bytes / 1e6, 3),
        f"{name}_events": counted[0],
        f"{name}_mb_per_s": round(total_bytes / 1e6 / statistics.median(times), 3),
        f"{name}_mb_per_s_wall": round(total_bytes / 1e6 / statistics.median(wall), 3),
    }


def _synthetic(articles: int, repeat: int, extractor: Any, index: Any) -> dict[str, object]:
    """The cold rate on the first `articles` articles of the synthetic corpus (median of `repeat` passes)."""
    sys.path.insert(0, str(ROOT))
    from benchmarks.corpus import write_corpus
    from isk_atlas.sources import load_sources

    with tempfile.TemporaryDirectory() as folder:
        write_corpus(Path(folder), articles)
        sources = load_sources(Path(folder)).sources
    return _cold_rate("synthetic", sources, repeat, extractor, index)


def _realdev(folder: Path, repeat: int, extractor: Any, index: Any) -> dict[str, object]:
    """The cold rate on the development split of the real-news corpus (`data/realdev`: its manifest and, kept out
    of git, its texts), when its texts are at hand; nothing otherwise. Only the development split is read."""
    from isk_atlas.evaluate import load_corpus

    manifest, texts = folder / "sources.csv", folder / "texts"
    if not manifest.is_file() or not texts.is_dir():
        return {}
    sources = load_corpus(manifest, texts, "dev").sources
    return _cold_rate("realdev", sources, repeat, extractor, index) if sources else {}


def _index_seconds() -> dict[str, object]:
    """CPU seconds of `PlaceModel().mentions` in fresh processes: built (no cache), then built into and loaded from an
    empty index cache (the load is the median of three processes)."""

    def probe(environment: dict[str, str]) -> float:
        done = subprocess.run(
            [sys.executable, "-c", _INDEX_PROBE], env={**os.environ, **environment}, capture_output=True, text=True,
            check=True,
        )  # fmt: skip
        return float(done.stdout.strip().splitlines()[-1])

    with tempfile.TemporaryDirectory() as cache:
        built = probe({"ISK_ATLAS_INDEX_CACHE": "0", "ISK_ATLAS_CACHE": cache})
        fresh = {"ISK_ATLAS_CACHE": cache, "ISK_ATLAS_INDEX_CACHE": str(Path(cache) / "index")}
        probe(fresh)  # fills the cache
        loaded = statistics.median(probe(fresh) for _ in range(3))
    return {"index_build_cpu_s": round(built, 3), "index_cached_cpu_s": round(loaded, 3)}


def main(argv: list[str] | None = None) -> dict[str, object]:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=40, help="times each article is processed")
    parser.add_argument("--sources", type=Path, default=None)
    parser.add_argument("--synthetic", type=int, default=200, help="synthetic articles to measure too (0: none)")
    parser.add_argument("--synthetic-repeat", type=int, default=3, help="passes over the synthetic articles")
    parser.add_argument(
        "--realdev", type=Path, default=ROOT / "data" / "realdev",
        help="the real-news corpus whose development split is measured when its texts are at hand ('' : none)",
    )  # fmt: skip
    parser.add_argument("--realdev-repeat", type=int, default=5, help="passes over the real development articles")
    parser.add_argument("--index", action="store_true", help="time building and loading the index too")
    args = parser.parse_args(argv)

    from isk_atlas.events.extract import Extractor
    from isk_atlas.sources import load_sources

    folder = args.sources or Path(os.environ.get("ISK_ATLAS_SHARED_SOURCES", ROOT.parent / "shared" / "sources"))
    sources = load_sources(folder).sources
    if not sources:
        raise SystemExit(f"no articles in {folder}")
    index, gazetteer = _index()
    build_start = time.perf_counter()
    extractor = Extractor(index=index)  # type: ignore[arg-type]
    extractor.extract(sources[0].text, "warmup", sources[0].meta.published)
    warmup_s = time.perf_counter() - build_start

    total_bytes = sum(len(source.text.encode("utf-8")) for source in sources)
    counted: list[int] = []
    rates: dict[str, float] = {}
    cpu: dict[str, float] = {}
    walls: dict[str, list[float]] = {}
    wall = time.perf_counter()
    for memo in ("article", "pass", "kept"):
        walls[memo] = []
        times = _cold_passes(extractor, index, sources, args.repeat, memo, counted, walls[memo])
        cpu[memo] = sum(times)
        rates[memo] = total_bytes / 1e6 / statistics.median(times)  # the median pass: robust on a shared machine
    wall_s = time.perf_counter() - wall
    articles = args.repeat * len(sources)
    if len(set(counted)) != 1:
        raise SystemExit(f"the memo changed the events found: {sorted(set(counted))}")
    cold = rates["article"]
    result: dict[str, object] = {
        "benchmark": "extract",
        "gazetteer": gazetteer,
        "articles": articles,
        "megabytes": round(total_bytes * args.repeat / 1e6, 3),
        "events": counted[0] * args.repeat,
        # Rates are MB of article text per CPU second of one process (time.process_time), i.e. per core: what the
        # target reads; `mb_per_s_wall` is the same pass per wall-clock second, lower when the machine is shared.
        "rates_per": "CPU second (one process, one core)",
        "cpu_seconds": round(cpu["article"], 3),
        "wall_seconds": round(wall_s, 3),
        "warmup_seconds": round(warmup_s, 3),
        # Every article as if it were the first: no memo of names from earlier articles.
        "mb_per_s": round(cold, 3),
        "mb_per_s_wall": round(total_bytes / 1e6 / statistics.median(walls["article"]), 3),
        "articles_per_s": round(articles / cpu["article"], 1),
        # One pass over the corpus from an empty memo: later articles reuse the names earlier ones looked up.
        "mb_per_s_corpus_pass": round(rates["pass"], 3),
        # Sustained throughput of a long run (the memo of fuzzy look-ups kept, bounded in size); here every name
        # is a memo hit after the first pass, which a corpus of new articles only approaches.
        "mb_per_s_with_memo": round(rates["kept"], 3),
        "target_mb_per_s": TARGET_MB_PER_S,
        "target_applies_to": "mb_per_s",
        "meets_target": cold >= TARGET_MB_PER_S,
        "meets_target_with_memo": rates["kept"] >= TARGET_MB_PER_S,
    }
    if args.synthetic > 0:
        result.update(_synthetic(args.synthetic, args.synthetic_repeat, extractor, index))
    if args.realdev and str(args.realdev) not in ("", "."):
        result.update(_realdev(args.realdev, args.realdev_repeat, extractor, index))
    if args.index:
        result.update(_index_seconds())
    result["load_average"] = round(os.getloadavg()[0], 2)
    print(json.dumps(result))
    return result


if __name__ == "__main__":
    main()
