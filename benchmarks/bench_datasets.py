"""A reference dataset at scale: a synthetic UCDP GED file of 100,000 rows (GED's 49 columns, the group on most
rows, the others to be filtered out) loaded by the build's reader, then drawn beside the register on the combined
map in headless Chromium (the map figures of `bench_maps` are the bar: 100,000 events drawn in 2.25-3.37 s, 9.4 MB).

    python -m benchmarks.bench_datasets [--rows N] [--repeats N] [--no-browser]

prints one JSON document.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from isk_atlas.datasets.formats import GED_COLUMNS

ROWS = 100_000
LOAD_TARGET_S = 5.0
# Of every 10 rows, 9 name the group (side "IS"); the tenth is another dyad, which the reader must leave out.
OTHER_DYAD_EVERY = 10


def write_synthetic_ged(path: Path, rows: int, seed: int = 19) -> int:
    """A GED-shaped CSV of `rows` rows at Afghanistan's towns and districts of the gazetteer (GED codes events at
    settlements: many share a place), `adm_1` named as GED writes it (`Kunar province`), with every precision
    code and quoted commas in the sources; returns how many rows name the group."""
    from isk_atlas.geo import load_admin1, load_gazetteer

    admin1 = load_admin1()
    province_names = dict(zip(admin1["id"], admin1["name"], strict=True))
    gazetteer = load_gazetteer()
    settlements = gazetteer[
        (gazetteer["country"] == "AFG")
        & gazetteer["lat"].notna()
        & gazetteer["admin1"].isin(list(province_names))
        & gazetteer["kind"].isin(["town", "district"])
    ]
    places = [
        (str(province_names[a1]), float(lat), float(lon))
        for a1, lat, lon in zip(settlements["admin1"], settlements["lat"], settlements["lon"], strict=True)
    ]
    rng = random.Random(seed)
    first = dt.date(2015, 1, 1)
    group = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(GED_COLUMNS)
        for i in range(rows):
            name, lat, lon = rng.choice(places)
            is_group = i % OTHER_DYAD_EVERY != 0
            group += is_group
            day = first + dt.timedelta(days=rng.randrange(3650))
            where = rng.choice("1111222344456")
            low = rng.randrange(0, 20)
            values = {column: "" for column in GED_COLUMNS}
            values.update(
                id=str(1_000_000 + i),
                relid=f"AFG-{day.year}-1-{i}",
                year=str(day.year),
                active_year="1",
                code_status="Clear",
                type_of_violence=rng.choice("113"),
                dyad_name="Government of Afghanistan - IS" if is_group else "Government of Afghanistan - Taleban",
                side_a="Government of Afghanistan",
                side_b="IS" if is_group else "Taleban",
                number_of_sources="1",
                source_article=f'Synthetic Wire, {day.isoformat()}, "Report {i}, {name}"',
                source_headline=f"Report {i}",
                where_prec=where,
                where_coordinates=f"{name} town",
                where_description=f"near {name}",
                adm_1=f"{name} province",
                adm_2="",
                latitude="" if where in "456" else f"{lat:.4f}",
                longitude="" if where in "456" else f"{lon:.4f}",
                country="Afghanistan",
                country_id="700",
                region="Asia",
                event_clarity="1",
                date_prec=rng.choice("11112345"),
                date_start=f"{day.isoformat()} 00:00:00.000",
                date_end=f"{day.isoformat()} 00:00:00.000",
                deaths_a=str(rng.randrange(0, 5)),
                deaths_b=str(rng.randrange(0, 5)),
                best=str(low + 1),
                low=str(low),
                high=str(low + rng.randrange(0, 10)),
            )
            writer.writerow(values.values())
    return group


def run(rows: int, repeats: int, use_browser: bool, reference: bool = False) -> dict[str, Any]:
    from isk_atlas.datasets.build import beside_news
    from isk_atlas.datasets.load import load_datasets
    from isk_atlas.layers import events_frame
    from isk_atlas.maps import build_maps, save
    from isk_atlas.paths import default_register_path
    from isk_atlas.register import load_register

    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "datasets"
        folder.mkdir()
        started = time.perf_counter()
        expected = write_synthetic_ged(folder / "GEDEvent_synthetic.csv", rows)
        written_s = time.perf_counter() - started
        size_mb = (folder / "GEDEvent_synthetic.csv").stat().st_size / 1e6

        import isk_atlas.datasets.frame  # noqa: F401 - the imports are the build's "imports" stage, not loading

        started, cpu = time.perf_counter(), time.process_time()
        loaded = load_datasets(folder)
        load_s, load_cpu_s = time.perf_counter() - started, time.process_time() - cpu
        kept = len(loaded.frame)

        events = load_register(default_register_path())
        started = time.perf_counter()
        frame, _exported, extras = beside_news(events_frame(events), loaded)
        maps = build_maps(events, {}, frame=frame, extras=extras)
        html = save(maps["combined"], Path(scratch) / "combined.html", offline=True)
        maps_s = time.perf_counter() - started
        report: dict[str, Any] = {
            "rows": rows,
            "file_mb": round(size_mb, 1),
            "write_s": round(written_s, 2),
            "load_s": round(load_s, 3),
            # On a shared machine wall time waits for other processes; CPU time is this process's own work.
            "load_cpu_s": round(load_cpu_s, 3),
            "load_target_s": LOAD_TARGET_S,
            "load_met": load_s < LOAD_TARGET_S,
            "kept": kept,
            "kept_expected": expected,
            "problems": len(loaded.problems),
            "build_and_save_map_s": round(maps_s, 2),
            "html_mb": round(html.stat().st_size / 1e6, 1),
            "events_on_map": kept + len(events),
        }
        if use_browser:
            from benchmarks.browser import browser_available, open_browser

            if browser_available():
                pages = {"drawn": html}
                if reference:  # bench_maps' combined map of as many news events, drawn alongside on this machine now
                    from benchmarks.bench_maps import project_page
                    from benchmarks.corpus import synthetic_events

                    news, metadata = synthetic_events(rows)
                    pages["reference_news"] = Path(scratch) / "reference.html"
                    project_page(news, metadata, pages["reference_news"])
                    report["reference_news_events"] = rows
                    report["reference_news_html_mb"] = round(pages["reference_news"].stat().st_size / 1e6, 1)
                runs: dict[str, list[Any]] = {label: [] for label in pages}
                with open_browser() as browser:
                    for _ in range(max(1, repeats)):  # the pages in turn, so a busy moment of the machine hits both
                        for label, page in pages.items():
                            runs[label].append(browser.measure(page, timeout_s=60))
                for label, measured in runs.items():
                    prefix = "" if label == "drawn" else f"{label}_"
                    drawn = [run.drawn_ms for run in measured if run.drawn_ms is not None and not run.timed_out]
                    report[f"{prefix}drawn_ms"] = round(statistics.median(drawn), 1) if drawn else None
                    report[f"{prefix}runs_drawn_ms"] = [round(ms, 1) for ms in drawn]
                    report[f"{prefix}network_requests"] = sum(run.network_requests for run in measured)
                    report[f"{prefix}console_errors"] = [e for run in measured for e in run.console_errors]
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--rows", type=int, default=ROWS)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument(
        "--reference", action="store_true", help="also draw the news-only map of as many events (bench_maps' page)"
    )
    args = parser.parse_args(argv)
    print(json.dumps(run(args.rows, args.repeats, not args.no_browser, args.reference), indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
