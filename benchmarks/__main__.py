"""`make bench`: run every benchmark, print one JSON document and write it to benchmarks/results/latest.json.

    python -m benchmarks            # full run (about 5-10 minutes on 2 cores)
    python -m benchmarks --quick    # tiny sizes, a smoke run of the whole harness (seconds)
    python -m benchmarks --only maps --out /tmp/bench.json

Each benchmark runs as its own process (`benchmarks.bench_build`, `benchmarks.bench_maps`), so a crash or a
peak in one does not spoil the others' numbers; a failed one is reported with its exit status and stderr.
Environment: ISK_BENCH_QUICK=1 is the same as --quick.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from benchmarks.browser import chromium_version
from isk_atlas.atomic import write_text

RESULTS = Path(__file__).with_name("results") / "latest.json"
BENCHMARKS = ("build", "maps", "export")
TIMEOUT_S = {"build": 900.0, "maps": 900.0, "export": 600.0}


def machine() -> dict[str, Any]:
    """What the numbers were measured on."""
    cpu_model = None
    memory_gb = None
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu_model = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory_gb = round(int(line.split()[1]) / 1024 / 1024, 1)
                break
    except OSError:
        pass
    try:
        load = [round(x, 2) for x in os.getloadavg()]
    except OSError:
        load = None
    return {
        "cores": os.cpu_count(),
        "cpu_model": cpu_model or platform.processor() or None,
        "memory_gb": memory_gb,
        "load_average_at_start": load,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "chromium": chromium_version(),
    }


def run_one(name: str, quick: bool, timeout_s: float) -> dict[str, Any]:
    command = [sys.executable, "-m", f"benchmarks.bench_{name}"] + (["--quick"] if quick else [])
    started = time.perf_counter()
    try:
        done = subprocess.run(
            command, capture_output=True, text=True, timeout=timeout_s, check=False, cwd=Path(__file__).parents[1]
        )
    except subprocess.TimeoutExpired:
        return {"status": "timed out", "timeout_s": timeout_s}
    seconds = round(time.perf_counter() - started, 1)
    try:
        result: dict[str, Any] = json.loads(done.stdout)
    except json.JSONDecodeError:
        return {"status": "failed", "exit_status": done.returncode, "seconds": seconds, "stderr": done.stderr[-2000:]}
    result["seconds"] = seconds
    return result


def _first(row: dict[str, Any], *keys: str) -> Any:
    """The first of `keys` the row has (the geocoder's benchmark named its rates differently over time)."""
    return next((row[key] for key in keys if row.get(key) is not None), None)


def summary(results: dict[str, Any]) -> dict[str, Any]:
    """The headline numbers and which targets are met, read from the full results."""
    maps = results.get("maps", {})
    build = results.get("build", {}).get("build", {})
    extraction = results.get("build", {}).get("extraction", {})
    geocode = results.get("build", {}).get("geocode", {})
    in_process = results.get("build", {}).get("rebuild_in_process", {})
    project = maps.get("project", {}) if isinstance(maps.get("project"), dict) else {}

    def drawn(which: Any) -> dict[str, Any]:
        """Per size: HTML bytes, drawn time and whether it timed out (or why it was not measured)."""
        if not isinstance(which, dict):
            return {}
        return {
            size: {k: row.get(k) for k in ("html_bytes", "drawn_ms", "timed_out", "status", "error") if k in row}
            for size, row in which.items()
            if isinstance(row, dict)
        }

    return {
        "map_targets": maps.get("targets"),
        "project": drawn(project),
        "naive_folium": drawn(maps.get("naive_folium")),
        "canvas_geojson": drawn(maps.get("canvas_geojson")),
        "compact_canvas": drawn(maps.get("compact_canvas")),
        "ratios": maps.get("ratios"),
        "extract_mb_per_s": extraction.get("extract_mb_per_s"),  # per CPU second: the target's
        "extract_mb_per_s_wall": extraction.get("extract_mb_per_s_wall"),
        "extract_articles_per_s": extraction.get("extract_articles_per_s"),
        "full_build_s": (build.get("full") or {}).get("seconds"),
        "rebuild_after_one_s": (build.get("rebuild_after_adding_one") or {}).get("seconds"),
        "rebuild_share_of_full": build.get("rebuild_share_of_full"),
        "rebuild_share_of_full_cpu": build.get("rebuild_share_of_full_cpu"),
        "rebuild_target_met": build.get("rebuild_target_met"),
        "unchanged_rebuild_s": (build.get("unchanged_rebuild") or {}).get("seconds"),
        "unchanged_share_of_full": build.get("unchanged_share_of_full"),
        "full_build_in_process_s": (in_process.get("full") or {}).get("seconds"),
        "rebuild_in_process_s": (in_process.get("rebuild_after_adding_one") or {}).get("seconds"),
        "rebuild_in_process_share": in_process.get("rebuild_share_of_full"),
        "rebuild_in_process_share_cpu": in_process.get("rebuild_share_of_full_cpu"),
        "rebuild_in_process_target_met": in_process.get("rebuild_target_met"),
        "rebuild_stages_wall_s": {
            "process": ((build.get("rebuild_after_adding_one") or {}).get("stages") or {}).get("wall_s"),
            "in_process": ((in_process.get("rebuild_after_adding_one") or {}).get("stages") or {}).get("wall_s"),
        },
        "build_scope": build.get("scope"),
        "build_succeeded": build.get("succeeded"),
        "build_error": ((build.get("full") or {}).get("stderr_tail") or [None])[-2]
        if build.get("succeeded") is False
        else None,
        "exports_whole_and_through_memo": results.get("export"),
        "geocode_exact_per_s": _first(geocode, "exact_geocodes_per_second", "exact_lookups_per_second"),
        "geocode_exact_index_per_s": geocode.get("exact_index_lookups_per_second"),
        "geocode_fuzzy_per_s": _first(geocode, "fuzzy_geocodes_per_second", "fuzzy_lookups_per_second"),
        "geocode_targets": geocode.get("targets"),
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="run the isk-atlas benchmarks and print JSON")
    parser.add_argument("--quick", action="store_true", help="tiny sizes: a fast smoke run of the harness")
    parser.add_argument("--only", choices=BENCHMARKS, action="append", help="run only this benchmark (repeatable)")
    parser.add_argument("--out", type=Path, default=None, help=f"where to write the JSON (default {RESULTS})")
    args = parser.parse_args(argv)
    quick = args.quick or os.environ.get("ISK_BENCH_QUICK", "") in {"1", "true", "yes"}
    started = time.perf_counter()
    document: dict[str, Any] = {
        "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "quick": quick,
        "machine": machine(),
    }
    results: dict[str, Any] = {}
    for name in args.only or BENCHMARKS:
        print(f"running benchmarks.bench_{name}{' --quick' if quick else ''} ...", file=sys.stderr, flush=True)
        results[name] = run_one(name, quick, TIMEOUT_S[name])
    document["summary"] = summary(results)
    document |= results
    document["total_seconds"] = round(time.perf_counter() - started, 1)
    text = json.dumps(document, indent=1, default=str) + "\n"
    out = args.out or (RESULTS.with_name("quick.json") if quick else RESULTS)
    write_text(out, text)
    sys.stdout.write(text)
    failed = [name for name, result in results.items() if result.get("status") in {"failed", "timed out"}]
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
