"""Build benchmarks on the synthetic corpus: generation, extraction throughput, full build, rebuild, memory.

- corpus: generation rate at each size, and whether the same seed gives a byte-identical corpus;
- extraction: `isk_atlas.sources.load_sources` + `isk_atlas.events.extract.Extractor` over the corpus without a
  cache, as MB/s and articles/s per CPU second (per core: the target reads these) and MB/s per wall-clock second
  (the gazetteer index is built first and timed on its own);
- full build and rebuild, the whole pipeline (load, register, index, extract, merge, frame, exports, maps), two
  ways, each on its own copy of the corpus with an empty extraction cache, then after adding one article (median
  of REBUILD_REPEATS, each adding one more), target: the rebuild takes at most 10% of the full build:
  - `process`: `isk-atlas build --timings` as a fresh process each time (the command line); the per-stage times
    come from the build itself, `startup` is the rest of the process's wall time (interpreter, command line,
    lock), and the process's CPU seconds (getrusage) are reported beside the wall-clock seconds;
  - `in_process`: one fresh Python process that imports the build's modules, runs `pipeline.collect` +
    `pipeline.write_outputs` with one `BuildState`, adds an article and runs them again with the same state (a
    notebook kernel that stays alive);
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
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from benchmarks.corpus import Places, add_article, corpus_digest, load_places, write_corpus

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
    """Throughput of loading and extracting every article of `corpus`, no cache. `extract_mb_per_s` and
    `extract_articles_per_s` are per CPU second of this process (`time.process_time`: per core, what the target
    of 1 MB/s reads); `extract_mb_per_s_wall` per wall-clock second, lower when the machine is shared."""
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
    started, started_cpu = time.perf_counter(), time.process_time()
    events = extractor.run(loaded.sources)
    extract_s = time.perf_counter() - started
    extract_cpu_s = time.process_time() - started_cpu
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
        "extract_cpu_s": round(extract_cpu_s, 3),
        "extract_mb_per_s": round(text_bytes / 1_000_000 / extract_cpu_s, 3),
        "extract_mb_per_s_wall": round(text_bytes / 1_000_000 / extract_s, 3),
        "extract_articles_per_s": round(count / extract_cpu_s, 1),
        "load_and_extract_articles_per_s": round(count / (load_s + extract_s), 1),
        "events": found,
        "events_by_type": dict(sorted(by_type.items())),
    }


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


# The in-process benchmark runs in a child of its own, so that its first build pays the imports honestly (this
# process has imported most of isk_atlas already). The build's modules are imported first, under their own timer.
_IN_PROCESS = """
import json, os, sys, time
started_wall, started_cpu = time.perf_counter(), time.process_time()
from isk_atlas.pipeline import StageTimes, collect, import_build_modules, write_outputs
imports = StageTimes()
with imports.stage("imports"):
    import_build_modules()
from isk_atlas.state import BuildState
state = BuildState()  # kept from one build to the next, as a notebook's Workbench and `build --watch` keep theirs
from pathlib import Path
from benchmarks.corpus import add_article, load_places
corpus, register, out = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
articles, seed, repeats = int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6])
places = load_places()

def build(stages):
    wall, cpu = time.perf_counter(), time.process_time()
    report = write_outputs(collect(corpus, register, stages=stages, state=state), out, state=state)
    return {"seconds": time.perf_counter() - wall, "cpu_s": time.process_time() - cpu,
            "stages": report.stages.as_dict(), "articles_extracted": report.extracted,
            "articles_from_cache": report.from_cache, "events": len(report.events),
            "problems": [str(p) for p in report.problems[:3]], "load_average": os.getloadavg()}

full = build(imports)
full["seconds"] += imports.wall_s["imports"]
full["cpu_s"] += imports.cpu_s["imports"]
full["interpreter_start_cpu_s"] = started_cpu
rebuilds = []
for step in range(repeats):
    added = add_article(corpus, articles + step, seed, places)
    rebuilds.append(build(None) | {"added": added.file})
print(json.dumps({"full": full, "rebuilds": rebuilds}))
"""


def _median_run(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """The run whose seconds are the median (the lower middle one for an even count), with every run's seconds."""
    ordered = sorted(runs, key=lambda run: run["seconds"])
    middle = dict(ordered[(len(ordered) - 1) // 2])
    middle["runs_seconds"] = [round(run["seconds"], 3) for run in runs]
    return middle


def _rounded(run: dict[str, Any]) -> dict[str, Any]:
    return {key: round(value, 3) if isinstance(value, float) else value for key, value in run.items()}


def _shares(full: dict[str, Any], rebuild: dict[str, Any]) -> dict[str, Any]:
    """Rebuild over full, in wall-clock and in CPU seconds, and whether the wall-clock share meets the target."""
    share = round(rebuild["seconds"] / full["seconds"], 3)
    cpu_share = round(rebuild["cpu_s"] / full["cpu_s"], 3) if full.get("cpu_s") and "cpu_s" in rebuild else None
    return {
        "rebuild_share_of_full": share,
        "rebuild_share_of_full_cpu": cpu_share,
        "rebuild_target_share": REBUILD_TARGET_SHARE,
        "rebuild_target_met": share <= REBUILD_TARGET_SHARE,
    }


def in_process_numbers(corpus: Path, workdir: Path, seed: int, timeout_s: float) -> dict[str, Any]:
    """Full build and rebuilds after adding one article, all in one fresh Python process (a notebook kernel)."""
    if _extraction_modules() is None:
        return {"status": "not measured", "reason": "extraction not on this branch"}
    own = workdir / "corpus-in-process"
    shutil.copytree(corpus, own)
    cache = workdir / "cache-in-process"
    register = workdir / "register.yaml"
    register.write_text("[]\n", encoding="utf-8")  # the curated register cites the real articles, not these
    articles = sum(1 for p in own.iterdir() if p.suffix == ".txt")
    env = dict(os.environ, ISK_ATLAS_CACHE=str(cache))
    command = [sys.executable, "-c", _IN_PROCESS, str(own), str(register), str(workdir / "out-in-process")]
    command += [str(articles), str(seed), str(REBUILD_REPEATS)]
    done = _timed_process(command, env, timeout_s, cwd=Path(__file__).parents[1])
    try:
        measured = json.loads(done["stdout_tail"][-1])
    except (IndexError, KeyError, json.JSONDecodeError):
        return {"status": "failed", **done}
    full = _rounded(measured["full"])
    rebuild = _rounded(_median_run(measured["rebuilds"]))
    return {
        "scope": "pipeline.collect + pipeline.write_outputs in one process (imports, load, register, index, "
        "extract, merge, frame, exports, maps); the full build is the process's first, imports included",
        "articles": articles,
        "full": full,
        "rebuild_after_adding_one": rebuild,
        **_shares(full, rebuild),
        "full_without_imports_s": round(full["seconds"] - full["stages"]["wall_s"].get("imports", 0.0), 3),
        "rebuild_share_of_full_without_imports": round(
            rebuild["seconds"] / (full["seconds"] - full["stages"]["wall_s"].get("imports", 0.0)), 3
        ),
    }


def _timed_process(
    command: list[str], env: dict[str, str], timeout_s: float, cwd: Path | None = None
) -> dict[str, Any]:
    started = time.perf_counter()
    cpu_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    try:
        done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=timeout_s, check=False, cwd=cwd)
    except subprocess.TimeoutExpired:
        return {"seconds": None, "timed_out": True, "timeout_s": timeout_s}
    seconds = time.perf_counter() - started
    cpu_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (cpu_after.ru_utime - cpu_before.ru_utime) + (cpu_after.ru_stime - cpu_before.ru_stime)
    errors = [line for line in done.stderr.splitlines() if line.strip()]
    return {
        "seconds": round(seconds, 3),
        "cpu_s": round(cpu, 3),
        "exit_status": done.returncode,
        "stderr_lines": len(errors),
        "stderr_head": errors[:3],
        "stderr_tail": errors[-3:],
        "stdout_tail": done.stdout.strip().splitlines()[-1:] if done.stdout.strip() else [],
        "load_average": [round(x, 2) for x in os.getloadavg()],
    }


def _with_stages(run: dict[str, Any]) -> dict[str, Any]:
    """A process run with the build's own --timings line read in, and `startup` (the rest of the wall time)."""
    try:
        timings = json.loads(run["stdout_tail"][-1])
    except (IndexError, KeyError, json.JSONDecodeError):
        return run
    stages = timings["stages"]
    inside = sum(stages["wall_s"].values())
    stages["wall_s"] = {"startup": round(run["seconds"] - inside, 3), **stages["wall_s"]}
    stages["cpu_s"] = {"startup": timings["startup_cpu_s"], **stages["cpu_s"]}
    out = {key: value for key, value in run.items() if key != "stdout_tail"}
    return out | {
        "stages": stages,
        "articles_extracted": timings["articles_extracted"],
        "articles_from_cache": timings["articles_from_cache"],
        "events": timings["events"],
    }


def build_numbers(corpus: Path, workdir: Path, seed: int, places: Places, timeout_s: float) -> dict[str, Any]:
    """`isk-atlas build` as a fresh process: full (empty cache), unchanged, and after adding one article."""
    if _extraction_modules() is None:
        return {"status": "not measured", "reason": "extraction not on this branch"}
    own = workdir / "corpus-process"
    shutil.copytree(corpus, own)
    cache = workdir / "cache-process"
    env = dict(os.environ, ISK_ATLAS_CACHE=str(cache))
    out = workdir / "out-process"
    register = workdir / "register.yaml"
    register.write_text("[]\n", encoding="utf-8")  # the curated register cites the real articles, not these
    command = [sys.executable, "-m", "isk_atlas", "build", "--sources", str(own), "--register", str(register)]
    command += ["--out", str(out), "--quiet", "--timings"]
    articles = sum(1 for p in own.iterdir() if p.suffix == ".txt")
    full = _with_stages(_timed_process(command, env, timeout_s))
    full_peak = _maxrss_mb(resource.RUSAGE_CHILDREN)
    warm = _with_stages(_timed_process(command, env, timeout_s))  # nothing changed: all from cache
    # Each rebuild adds one more article (1,001st, 1,002nd, ...); the median of REBUILD_REPEATS is reported,
    # since a few seconds on a shared machine are noisy.
    rebuilds = []
    for step in range(REBUILD_REPEATS):
        added = add_article(own, articles + step, seed, places)
        rebuilds.append(_with_stages(_timed_process(command, env, timeout_s)) | {"added": added.file})
    succeeded = full.get("exit_status") == 0 and all(r.get("exit_status") == 0 for r in rebuilds)
    timed = [r for r in rebuilds if r.get("seconds") is not None]
    rebuild = _median_run(timed) if timed else dict(rebuilds[0])
    shares: dict[str, Any] = {"rebuild_share_of_full": None, "rebuild_target_share": REBUILD_TARGET_SHARE}
    shares["rebuild_target_met"] = None
    if succeeded and full.get("seconds") and rebuild.get("seconds") is not None:
        shares = _shares(full, rebuild)
    # A fresh process that finds nothing to do still starts Python, imports the libraries, reads the articles and
    # checks the outputs: no rebuild in a fresh process can cost less than this share of the full build.
    if full.get("seconds") and warm.get("seconds") is not None:
        shares["unchanged_share_of_full"] = round(warm["seconds"] / full["seconds"], 3)
    return {
        "scope": "isk-atlas build (whole pipeline, fresh process, empty register)",
        "succeeded": succeeded,
        "articles": articles,
        "full": full,
        "unchanged_rebuild": warm,
        "rebuild_after_adding_one": rebuild,
        **shares,
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
        report["rebuild_in_process"] = in_process_numbers(corpus, workdir, seed, BUILD_TIMEOUT_S)
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
