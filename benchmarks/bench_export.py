"""Export benchmark: what writing the GeoJSON, GeoPackage and CSV exports whole costs at 10,000 and 100,000 events,
and what an export through a warm `ExportMemo` costs after one event changed (a live process's rebuild).

The exports are written whole unless this shows that a whole write costs more than 0.2 s at 10,000 events; each
format's best of three is reported (the machine is shared).

    python -m benchmarks.bench_export [--quick] [--sizes 10000,100000]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from benchmarks.corpus import synthetic_events

WHOLE_WRITE_BUDGET_S = 0.2
REPEATS = 3


def _best(action: Callable[[], object], repeats: int = REPEATS) -> float:
    best = float("inf")
    for _ in range(repeats):
        started = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - started)
    return round(best, 3)


def export_numbers(events: int, folder: Path) -> dict[str, Any]:
    """Seconds to write each export of `events` synthetic events whole, and all three through a warm memo after
    one event's summary changed."""
    from isk_atlas import export
    from isk_atlas.layers import events_frame

    frame = events_frame(synthetic_events(events)[0])
    table = export._Table(export._for_files(frame.to_crs(export.CRS)))
    whole = {
        "convert_s": _best(lambda: export._Table(export._for_files(frame.to_crs(export.CRS)))),
        "geojson_s": _best(lambda: export._write_geojson(table, folder / "whole.geojson", None)),
        "gpkg_s": _best(lambda: export._write_gpkg(table, folder / "whole.gpkg")),
        "csv_s": _best(lambda: export._write_csv(table, folder / "whole.csv", None)),
    }
    whole["all_three_s"] = _best(lambda: export.write_all(frame, folder / "whole"))
    memo = export.ExportMemo()
    export.write_all(frame, folder / "memo", memo)
    remembered = float("inf")
    for edit in range(REPEATS):  # another edit each time: an unchanged file would be left alone, not written
        changed = frame.copy()
        changed.loc[changed.index[0], "summary"] = f"one summary edited ({edit})"
        started = time.perf_counter()
        export.write_all(changed, folder / "memo", memo)
        remembered = min(remembered, time.perf_counter() - started)
    return {
        "events": events,
        "whole": whole,
        "through_warm_memo_after_one_change_s": round(remembered, 3),
        "whole_write_budget_s": WHOLE_WRITE_BUDGET_S,
        "over_budget": sorted(k for k in ("geojson_s", "gpkg_s", "csv_s") if whole[k] > WHOLE_WRITE_BUDGET_S),
    }


def run(sizes: Sequence[int]) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="isk-bench-export-") as tmp:
        return {str(size): export_numbers(size, Path(tmp)) for size in sizes}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="export benchmark")
    parser.add_argument("--quick", action="store_true", help="tiny sizes (smoke run)")
    parser.add_argument("--sizes", default="10000,100000", help="numbers of events")
    args = parser.parse_args(argv)
    sizes = [500] if args.quick else [int(size) for size in args.sizes.split(",") if size]
    json.dump(run(sizes), sys.stdout, indent=1)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
