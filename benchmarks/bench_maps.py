"""Map scale: N synthetic events through events_frame, build_maps, the offline page and headless Chromium.

    python -m benchmarks.bench_maps                 # 10,000 and 50,000 events
    python -m benchmarks.bench_maps --sizes 1000    # any sizes
    python -m benchmarks.bench_maps --no-browser    # skip the browser draw

Events are made up from the gazetteer's Afghan places (point attacks and district presence), its provinces
(province presence, counter-operations) and a few launches, with dates spread over four years. Reported per
size: seconds for `events_frame`, `build_maps` (all four maps), rendering the offline combined page, its size in
bytes, and seconds from page load until the runtime has drawn every layer (target: 50,000 in a few seconds,
where one folium Marker per event takes minutes). Prints one JSON object.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import tempfile
import time
from pathlib import Path
from typing import Any

from isk_atlas.geo import load_admin1, load_gazetteer
from isk_atlas.layers import events_frame
from isk_atlas.maps import build_maps, render_html
from isk_atlas.schema import Event, SourceMeta


def synthetic_events(n: int, seed: int = 7) -> list[Event]:
    rng = random.Random(seed)
    places = load_gazetteer()
    places = places[(places["country"] == "AFG") & places["kind"].isin(["town", "district", "quarter"])]
    places = places.dropna(subset=["admin1"])
    rows = list(zip(places["id"], places["admin1"], strict=True))
    provinces = list(load_admin1().query("kind == 'province'")["id"])
    start = dt.date(2019, 1, 1)
    events = []
    for i in range(n):
        day = start + dt.timedelta(days=rng.randrange(4 * 365))
        common: dict[str, Any] = {
            "event_id": f"e{i}",
            "date_start": day,
            "date_precision": "day",
            "sources": [{"source_id": f"s{i % 50}"}],
            "status": "confirmed" if i % 3 else "extracted",
            "summary": f"synthetic event {i}",
        }
        roll = rng.random()
        if roll < 0.55:
            place_id, admin1 = rng.choice(rows)
            killed = rng.randrange(40)
            events.append(
                Event(event_type="attack", sub_type="bombing", place_text=place_id, place_id=place_id,
                      admin1=admin1, geo_precision="point", killed_low=killed, killed_high=killed, **common)
            )  # fmt: skip
        elif roll < 0.85:
            place_id, admin1 = rng.choice(rows)
            events.append(
                Event(event_type="presence", place_text=place_id, place_id=place_id, admin1=admin1,
                      geo_precision="district", **common)
            )  # fmt: skip
        elif roll < 0.99:
            province = rng.choice(provinces)
            events.append(
                Event(event_type="counter_operation", place_text=province, place_id=province, admin1=province,
                      geo_precision="province", **common)
            )  # fmt: skip
        else:
            events.append(
                Event(event_type="cross_border_launch", place_text="Takhar", place_id="AF-TAK", admin1="AF-TAK",
                      geo_precision="province", target_place_text="Tajikistan", target_place_id="TJK",
                      target_country="TJK", rockets=rng.randrange(1, 10), **common)
            )  # fmt: skip
    return events


def browser_draw_seconds(html_path: Path) -> tuple[float, dict[str, int]]:
    from playwright.sync_api import sync_playwright

    from isk_atlas.maps.screenshot import launch_chromium, wait_until_drawn

    with sync_playwright() as p:
        browser = launch_chromium(p)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort())
            started = time.perf_counter()
            page.goto(html_path.resolve().as_uri(), wait_until="load")
            wait_until_drawn(page, timeout_ms=300_000)
            seconds = time.perf_counter() - started
            counts: dict[str, int] = page.evaluate("() => IskAtlas.counts()")
        finally:
            browser.close()
    return seconds, counts


def run(n: int, browser: bool) -> dict[str, Any]:
    events = synthetic_events(n)
    metadata = {f"s{i}": SourceMeta(source_id=f"s{i}", file=f"s{i}.txt", title=f"Source {i}") for i in range(50)}
    out: dict[str, Any] = {"events": n}
    t = time.perf_counter()
    events_frame(events)
    out["events_frame_s"] = round(time.perf_counter() - t, 3)
    t = time.perf_counter()
    maps = build_maps(events, metadata)
    out["build_maps_s"] = round(time.perf_counter() - t, 3)
    t = time.perf_counter()
    page = render_html(maps["combined"], offline=True)
    out["render_offline_combined_s"] = round(time.perf_counter() - t, 3)
    out["combined_html_bytes"] = len(page.encode("utf-8"))
    if browser:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "combined.html"
            path.write_text(page, encoding="utf-8")
            seconds, counts = browser_draw_seconds(path)
        out["browser_load_and_draw_s"] = round(seconds, 3)
        out["features_drawn"] = counts
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 50_000])
    parser.add_argument("--no-browser", action="store_true")
    args = parser.parse_args()
    print(json.dumps({"maps": [run(n, not args.no_browser) for n in args.sizes]}, indent=2))


if __name__ == "__main__":
    main()
