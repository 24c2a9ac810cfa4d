"""A short Markdown table of the headline numbers of a benchmark run, for the README.

python -m benchmarks.table [benchmarks/results/latest.json]
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from benchmarks.__main__ import RESULTS


def _mb(size: Any) -> str:
    return "-" if size is None else f"{size / 1_000_000:.1f} MB"


def _seconds(ms: Any, timed_out: Any = False, timeout_s: Any = None) -> str:
    if timed_out:
        return f"> {timeout_s:.0f} s (timed out)" if timeout_s else "timed out"
    return "-" if ms is None else f"{ms / 1000:.2f} s"


def _map_rows(maps: dict[str, Any]) -> list[str]:
    rows = []
    names = (
        ("project", "isk-atlas maps (combined, offline)"),
        ("compact_canvas", "reference: compact arrays on canvas"),
        ("canvas_geojson", "reference: folium GeoJson on canvas"),
        ("naive_folium", "naive folium (Marker + Popup each)"),
    )
    for key, label in names:
        section = maps.get(key)
        if not isinstance(section, dict):
            continue
        for size, row in sorted(((k, v) for k, v in section.items() if isinstance(v, dict)), key=lambda kv: int(kv[0])):
            if "html_bytes" not in row:
                rows.append(f"| {label} | {int(size):,} | {row.get('status', '-')} | | |")
                continue
            drawn = _seconds(row.get("drawn_ms"), row.get("timed_out"), row.get("timeout_s"))
            python_s = row.get("python_build_s")
            if python_s is None and "build_maps_s" in row:
                python_s = round(row["build_maps_s"] + row.get("save_s", 0.0), 2)
            rows.append(f"| {label} | {int(size):,} | {_mb(row['html_bytes'])} | {drawn} | {python_s} s |")
    return rows


def _row(label: str, summary: dict[str, Any], keys: tuple[str, ...], template: str) -> str:
    values = [summary.get(key) for key in keys]
    if values[0] is None:
        return f"| {label} | not measured |"
    return f"| {label} | {template.format(*('-' if v is None else v for v in values))} |"


def render(document: dict[str, Any]) -> str:
    machine = document.get("machine", {})
    summary = document.get("summary", {})
    lines = [
        f"Measured {document.get('when', '?')} on {machine.get('cores')} cores ({machine.get('cpu_model')}), "
        f"{machine.get('memory_gb')} GB, Python {machine.get('python')}, {machine.get('chromium')}; "
        f"load average at start {machine.get('load_average_at_start')}.",
        "",
        "| map | events | HTML | drawn in Chromium | Python build |",
        "| --- | ---: | ---: | ---: | ---: |",
        *_map_rows(document.get("maps", {})),
        "",
        "| build step | result |",
        "| --- | ---: |",
        _row(
            "extraction (per CPU second)",
            summary,
            ("extract_mb_per_s", "extract_articles_per_s"),
            "{} MB/s, {} articles/s",
        ),
        _row("full build, 1,000 articles (`isk-atlas build`)", summary, ("full_build_s",), "{} s")
        if summary.get("build_succeeded") is not False
        else f"| full build, 1,000 articles | failed: {summary.get('build_error')} |",
        _row(
            "rebuild after adding one (`isk-atlas build`)",
            summary,
            ("rebuild_after_one_s", "rebuild_share_of_full", "rebuild_share_of_full_cpu"),
            "{} s ({} of the full build; CPU {})",
        ),
        _row(
            "nothing changed (`isk-atlas build`): the floor of a fresh process",
            summary,
            ("unchanged_rebuild_s", "unchanged_share_of_full"),
            "{} s ({} of the full build)",
        ),
        _row("full build, 1,000 articles (one session)", summary, ("full_build_in_process_s",), "{} s"),
        _row(
            "rebuild after adding one (one session)",
            summary,
            ("rebuild_in_process_s", "rebuild_in_process_share", "rebuild_in_process_share_cpu"),
            "{} s ({} of the full build; CPU {})",
        ),
        _row(
            "geocoding (one core)",
            summary,
            ("geocode_exact_per_s", "geocode_fuzzy_per_s", "geocode_exact_index_per_s"),
            "{} exact/s, {} fuzzy/s (index lookups alone {}/s)",
        ),
    ]
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    path = Path(args[0]) if args else RESULTS
    sys.stdout.write(render(json.loads(path.read_text(encoding="utf-8"))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
