"""Extraction speed on one core: MB of article text per second and articles per second, printed as JSON.

Run as `python -m benchmarks.bench_extract [--repeat N]`. The corpus is the shared source articles (read from
ISK_ATLAS_SHARED_SOURCES or ../shared/sources), each processed N times as if they were distinct articles (the
cache is not used). The gazetteer is the project's (`isk_atlas.geo`) when it is built, else the small test one.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET_MB_PER_S = 1.0


def _index() -> tuple[object, str]:
    from isk_atlas.mentions import default_index

    try:
        return default_index(), "isk_atlas.geo"
    except Exception:
        sys.path.insert(0, str(ROOT / "tests"))
        from extract_fixtures import small_index

        return small_index(), "tests/extract_fixtures (geo not built)"


def main(argv: list[str] | None = None) -> dict[str, object]:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=40, help="times each article is processed")
    parser.add_argument("--sources", type=Path, default=None)
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

    total_chars = 0
    total_bytes = 0
    events = 0
    start = time.process_time()
    wall = time.perf_counter()
    for round_number in range(args.repeat):
        for source in sources:
            # A fresh id per round, and no memo of earlier articles' words: each article costs what a new one would.
            index._fuzzy_cache.clear()  # type: ignore[attr-defined]
            index._exact.clear()  # type: ignore[attr-defined]
            found = extractor.extract(
                source.text,
                f"{source.source_id}-{round_number}",
                source.meta.published,
                source.meta.published_precision,
            )
            events += len(found)
            total_chars += len(source.text)
            total_bytes += len(source.text.encode("utf-8"))
    cpu_s = time.process_time() - start
    wall_s = time.perf_counter() - wall
    # The same articles again with the index's memo of fuzzy look-ups kept, as in a long run over many articles.
    warm_start = time.process_time()
    for round_number in range(args.repeat):
        for source in sources:
            extractor.extract(source.text, f"{source.source_id}-w{round_number}", source.meta.published,
                              source.meta.published_precision)  # fmt: skip
    warm_cpu_s = time.process_time() - warm_start
    articles = args.repeat * len(sources)
    mb_per_s = total_bytes / 1e6 / cpu_s
    result: dict[str, object] = {
        "benchmark": "extract",
        "gazetteer": gazetteer,
        "articles": articles,
        "megabytes": round(total_bytes / 1e6, 3),
        "events": events,
        "cpu_seconds": round(cpu_s, 3),
        "wall_seconds": round(wall_s, 3),
        "warmup_seconds": round(warmup_s, 3),
        "mb_per_s": round(mb_per_s, 3),
        "articles_per_s": round(articles / cpu_s, 1),
        "mb_per_s_with_memo": round(total_bytes / 1e6 / warm_cpu_s, 3),
        "target_mb_per_s": TARGET_MB_PER_S,
        "meets_target": mb_per_s >= TARGET_MB_PER_S,
    }
    print(json.dumps(result))
    return result


if __name__ == "__main__":
    main()
