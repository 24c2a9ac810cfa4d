"""Build benchmarks on the synthetic corpus: generation, extraction throughput, full build, rebuild, memory.

- corpus: generation rate at each size, and whether the same seed gives a byte-identical corpus;
- extraction: `isk_atlas.sources.load_sources` + `isk_atlas.events.extract.Extractor` over the corpus without a
  cache, as MB/s and articles/s (the gazetteer index is built first and timed on its own);
- full build and rebuild: `isk-atlas build` run as a fresh process on the corpus with an empty extraction cache,
  then again after one article is added (target: the rebuild takes at most 10% of the full build). When the
  pipeline is not wired yet, the extraction stage (load + extract through the on-disk cache) is timed the same
  way and the result says so (`scope`);
- memory: peak resident set of this process and of the build processes (getrusage), and tracemalloc's peak
  while extracting 100 articles.

    python -m benchmarks.bench_build [--quick] [--articles 1000] [--sizes 100,1000,10000]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from benchmarks.corpus import Places, add_article, corpus_digest, load_places, make_article, write_corpus

REBUILD_TARGET_SHARE = 0.10
REBUILD_REPEATS = 3
BUILD_TIMEOUT_S = 600.0


def _mb(size: int) -> float:
    return round(size / 1_000_000, 3)


def _maxrss_mb(who: int) -> float:
    # ru_maxrss is in kilobytes on Linux
    return round(resource.getrusage(who).ru_maxrss / 1024, 1)


def corpus_numbers(folder: Path, sizes: Sequence[int], seed: int, places: Places) -> dict[str, Any]:
    out: dict[str, Any] = {"places": places.origin, "places_fingerprint": places.fingerprint, "seed": seed}
    for size in sizes:
        target = folder / f"corpus-{size}"
        started = time.perf_counter()
        articles = write_corpus(target, size, seed, places)
        seconds = time.perf_counter() - started
        size_bytes = sum(len(a.text.encode()) for a in articles)
        out[str(size)] = {
            "articles": size,
            "mb": _mb(size_bytes),
            "seconds": round(seconds, 3),
            "articles_per_second": round(size / seconds),
        }
    smallest = min(sizes)
    again = folder / "corpus-again"
    write_corpus(again, smallest, seed, places)
    out["reproducible"] = corpus_digest(again) == corpus_digest(folder / f"corpus-{smallest}")
    shutil.rmtree(again)
    return out


def _extraction_modules() -> tuple[Any, Any, Any] | None:
    try:
        from isk_atlas.events.cache import ExtractionCache
        from isk_atlas.events.extract import Extractor
        from isk_atlas.sources import load_sources
    except ImportError:
        return None
    return load_sources, Extractor, ExtractionCache


def extraction_numbers(corpus: Path) -> dict[str, Any]:
    """Throughput of loading and extracting every article of `corpus`, no cache."""
    modules = _extraction_modules()
    if modules is None:
        return {"status": "not measured", "reason": "isk_atlas.sources / isk_atlas.events.extract not on this branch"}
    load_sources, extractor_class, _ = modules
    started = time.perf_counter()
    extractor = extractor_class()
    _ = extractor.version  # builds the toponym index from the gazetteer
    index_s = time.perf_counter() - started
    started = time.perf_counter()
    loaded = load_sources(corpus)
    load_s = time.perf_counter() - started
    text_bytes = sum(len(s.text.encode()) for s in loaded.sources)
    started = time.perf_counter()
    events = extractor.run(loaded.sources)
    extract_s = time.perf_counter() - started
    count = len(loaded.sources)
    found = sum(len(v) for v in events.values())
    by_type: dict[str, int] = {}
    for batch in events.values():
        for event in batch:
            by_type[event.event_type] = by_type.get(event.event_type, 0) + 1
    return {
        "articles": count,
        "mb": _mb(text_bytes),
        "problems": len(loaded.problems),
        "index_build_s": round(index_s, 3),
        "load_s": round(load_s, 3),
        "extract_s": round(extract_s, 3),
        "extract_mb_per_s": round(text_bytes / 1_000_000 / extract_s, 3),
        "extract_articles_per_s": round(count / extract_s, 1),
        "load_and_extract_articles_per_s": round(count / (load_s + extract_s), 1),
        "events": found,
        "events_by_type": dict(sorted(by_type.items())),
    }


def in_process_rebuild(corpus: Path, workdir: Path, seed: int, places: Places) -> dict[str, Any]:
    """Full extraction through an empty on-disk cache, then again after adding one article, in one process
    (as when an analyst reruns a notebook cell): the rebuild pays loading, hashing and cache reads only."""
    modules = _extraction_modules()
    if modules is None:
        return {"status": "not measured"}
    load_sources, extractor_class, cache_class = modules
    folder = workdir / "in-process-cache"
    shutil.rmtree(folder, ignore_errors=True)
    extractor = extractor_class()
    _ = extractor.version
    started = time.perf_counter()
    extractor.run(load_sources(corpus).sources, cache_class(folder))
    full_s = time.perf_counter() - started
    articles = sum(1 for p in corpus.iterdir() if p.suffix == ".txt")
    runs = []
    for step in range(REBUILD_REPEATS):
        add_article(corpus, articles + step, seed, places)
        started = time.perf_counter()
        cache = cache_class(folder)  # a fresh cache object: entries come from disk, as in a new session
        extractor.run(load_sources(corpus).sources, cache)
        runs.append(time.perf_counter() - started)
    rebuild_s = statistics.median(runs)
    for step in range(REBUILD_REPEATS):  # leave the corpus as it was for the process benchmark
        (corpus / make_article(articles + step, seed, places).file).unlink()
        _drop_last_csv_row(corpus / "sources.csv")
    share = round(rebuild_s / full_s, 3)
    return {
        "scope": "load + extract through the on-disk cache, same process (index already built)",
        "articles": articles,
        "full_s": round(full_s, 3),
        "rebuild_after_adding_one_s": round(rebuild_s, 3),
        "runs_s": [round(r, 3) for r in runs],
        "cache_hits": cache.hits,
        "cache_misses": cache.misses,
        "rebuild_share_of_full": share,
        "rebuild_target_met": share <= REBUILD_TARGET_SHARE,
    }


def _drop_last_csv_row(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(lines[:-1]), encoding="utf-8")


def tracemalloc_peak(corpus: Path, articles: int = 100) -> dict[str, Any]:
    modules = _extraction_modules()
    if modules is None:
        return {"status": "not measured"}
    load_sources, extractor_class, _ = modules
    extractor = extractor_class()
    _ = extractor.version
    loaded = load_sources(corpus)
    tracemalloc.start()
    extractor.run(loaded.sources[:articles])
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {"articles": min(articles, len(loaded.sources)), "extract_peak_mb": _mb(peak)}


_EXTRACT_STAGE = """
import sys, time
from pathlib import Path
from isk_atlas.events.cache import ExtractionCache
from isk_atlas.events.extract import Extractor
from isk_atlas.sources import load_sources
loaded = load_sources(Path(sys.argv[1]))
cache = ExtractionCache(Path(sys.argv[2]))
Extractor().run(loaded.sources, cache)
print(cache.hits, cache.misses)
"""


def _timed_process(command: list[str], env: dict[str, str], timeout_s: float) -> dict[str, Any]:
    started = time.perf_counter()
    try:
        done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=timeout_s, check=False)
    except subprocess.TimeoutExpired:
        return {"seconds": None, "timed_out": True, "timeout_s": timeout_s}
    seconds = time.perf_counter() - started
    errors = [line for line in done.stderr.splitlines() if line.strip()]
    return {
        "seconds": round(seconds, 3),
        "exit_status": done.returncode,
        "stderr_lines": len(errors),
        "stderr_head": errors[:3],
        "stderr_tail": errors[-3:],
        "stdout_tail": done.stdout.strip().splitlines()[-1:] if done.stdout.strip() else [],
    }


def build_numbers(corpus: Path, workdir: Path, seed: int, places: Places, timeout_s: float) -> dict[str, Any]:
    """Full build on `corpus` in a fresh process with an empty cache, then a rebuild after adding one article."""
    if _extraction_modules() is None:
        return {"status": "not measured", "reason": "extraction not on this branch"}
    cache = workdir / "cache"
    shutil.rmtree(cache, ignore_errors=True)
    env = dict(os.environ, ISK_ATLAS_CACHE=str(cache))
    out = workdir / "out"
    register = workdir / "register.yaml"
    register.write_text("[]\n", encoding="utf-8")  # the curated register cites the real articles, not these
    scope = "isk-atlas build (whole pipeline, fresh process, empty register)"
    command = [sys.executable, "-m", "isk_atlas", "build", "--sources", str(corpus), "--register", str(register)]
    command += ["--out", str(out), "--quiet"]
    articles = sum(1 for p in corpus.iterdir() if p.suffix == ".txt")
    full = _timed_process(command, env, timeout_s)
    if "NotImplementedError" in " ".join(full.get("stderr_tail", [])):
        scope = "extraction stage only (load + extract through the on-disk cache, fresh process): pipeline not wired"
        command = [sys.executable, "-c", _EXTRACT_STAGE, str(corpus), str(cache / "extract")]
        full = _timed_process(command, env, timeout_s)
    full_peak = _maxrss_mb(resource.RUSAGE_CHILDREN)
    warm = _timed_process(command, env, timeout_s)  # nothing changed: all from cache
    # Each rebuild adds one more article (1,001st, 1,002nd, ...); the median of REBUILD_REPEATS is reported,
    # since a few seconds on a shared machine are noisy.
    rebuilds = []
    for step in range(REBUILD_REPEATS):
        added = add_article(corpus, articles + step, seed, places)
        rebuilds.append(_timed_process(command, env, timeout_s) | {"added": added.file})
    seconds = [r["seconds"] for r in rebuilds if r.get("seconds") is not None]
    rebuild = dict(rebuilds[0])
    rebuild["runs_seconds"] = seconds
    rebuild["seconds"] = round(statistics.median(seconds), 3) if seconds else None
    share = None
    succeeded = full.get("exit_status") == 0 and all(r.get("exit_status") == 0 for r in rebuilds)
    if succeeded and full.get("seconds") and rebuild.get("seconds") is not None:
        share = round(rebuild["seconds"] / full["seconds"], 3)
    return {
        "scope": scope,
        "succeeded": succeeded,
        "articles": articles,
        "full": full,
        "unchanged_rebuild": warm,
        "rebuild_after_adding_one": rebuild,
        "rebuild_share_of_full": share,
        "rebuild_target_share": REBUILD_TARGET_SHARE,
        "rebuild_target_met": None if share is None else share <= REBUILD_TARGET_SHARE,
        "build_process_peak_rss_mb": full_peak,
    }


def geocode_numbers(quick: bool) -> dict[str, Any]:
    """The geocoder's own benchmark (benchmarks/bench_geocode.py), run as a process, when it is present."""
    script = Path(__file__).with_name("bench_geocode.py")
    if not script.exists():
        return {"status": "not measured", "reason": "benchmarks/bench_geocode.py not on this branch"}
    command = [sys.executable, "-m", "benchmarks.bench_geocode"]
    if quick:
        command += ["--queries", "2000"]
    done = subprocess.run(
        command, capture_output=True, text=True, timeout=300, check=False, cwd=Path(__file__).parents[1]
    )
    try:
        result: dict[str, Any] = json.loads(done.stdout)
    except json.JSONDecodeError:
        return {"status": "failed", "exit_status": done.returncode, "stderr": done.stderr[-500:]}
    return result


def run(sizes: Sequence[int], articles: int, seed: int = 7, quick: bool = False) -> dict[str, Any]:
    places = load_places()
    report: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="isk-bench-build-") as tmp:
        workdir = Path(tmp)
        report["corpus"] = corpus_numbers(workdir, sorted({*sizes, articles}), seed, places)
        corpus = workdir / f"corpus-{articles}"
        report["extraction"] = extraction_numbers(corpus)
        report["memory"] = {"extraction_tracemalloc": tracemalloc_peak(corpus, 20 if quick else 100)}
        report["rebuild_in_process"] = in_process_rebuild(corpus, workdir, seed, places)
        report["build"] = build_numbers(corpus, workdir, seed, places, BUILD_TIMEOUT_S)
    report["geocode"] = geocode_numbers(quick)
    report["memory"]["this_process_peak_rss_mb"] = _maxrss_mb(resource.RUSAGE_SELF)
    return report


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="corpus, extraction and build benchmarks")
    parser.add_argument("--quick", action="store_true", help="tiny sizes (smoke run)")
    parser.add_argument("--articles", type=int, default=1_000, help="corpus size for extraction and builds")
    parser.add_argument("--sizes", default="100,1000,10000", help="corpus sizes to generate")
    args = parser.parse_args(argv)
    if args.quick:
        sizes, articles = [20, 40], 40
    else:
        sizes, articles = [int(s) for s in args.sizes.split(",") if s], args.articles
    report = run(sizes, articles, quick=args.quick)
    json.dump(report, sys.stdout, indent=1)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
