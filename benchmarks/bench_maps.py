"""Maps of many events: HTML size and time until every layer is drawn, the project's way against naive folium.

Three ways to put N synthetic events (`benchmarks.corpus.synthetic_events`) on a map, each saved as one offline
HTML file and opened in headless Chromium (`benchmarks.browser`):

- `project`: `isk_atlas.maps.build_maps(events, metadata)["combined"]` saved with `save(..., offline=True)`;
- `naive_folium`: one `folium.Marker` with a `folium.Popup` per event in one feature group per event type (what
  a first notebook does); measured at 1,000 and 10,000 events only, capped by a timeout (it takes minutes at
  100,000), and never extrapolated;
- `canvas_geojson`: a plain-folium reference for the technique: one `folium.GeoJson` per event type drawn as
  circle markers on a canvas renderer, popups built lazily from feature properties (`folium.GeoJsonPopup`);
- `compact_canvas`: a second reference: column arrays per type and a source table sent once, canvas circle
  markers, popups written on click (`compact_canvas_page`); it shows what the targets cost at the least.

The references draw every event as a point (area reports at their place's centre); they measure the technique,
not the honest-precision drawing the project's maps do.

The two folium baselines get Leaflet inlined from the `xstatic-leaflet` package so they too open offline; their
HTML size includes it, as the project's offline export includes its assets. Ratios are naive / other.

    python -m benchmarks.bench_maps [--quick] [--sizes 10000,100000] [--naive-sizes 1000,10000]
"""

from __future__ import annotations

import argparse
import cProfile
import html
import io
import json
import pstats
import re
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from benchmarks.browser import Browser, browser_available, chromium_version, copy_leaflet_images
from benchmarks.corpus import Places, load_places, synthetic_events
from isk_atlas.schema import Event, SourceMeta

TARGET_10K_BYTES = 3_000_000
TARGET_10K_DRAWN_S = 1.5
TARGET_100K_DRAWN_S = 8.0
NAIVE_TIMEOUT_S = 90.0
PROJECT_TIMEOUT_S = 60.0
PROJECT_BUILD_TIMEOUT_S = 240.0
CENTER = (34.5, 67.5)
TYPE_COLOURS = {
    "presence": "#1f78b4",
    "attack": "#e31a1c",
    "cross_border_launch": "#ff7f00",
    "counter_operation": "#33a02c",
}

_REMOTE_ASSET = re.compile(
    r'^\s*<(?:script src|link rel="stylesheet" href)="https?://[^"]*"\s*/?>(?:</script>)?\s*$\n?', re.M
)


def inline_leaflet(page: str) -> str:
    """A folium page with its CDN links removed and Leaflet (and jQuery, which folium's popups use) inlined."""
    import xstatic.pkg.jquery as jquery
    import xstatic.pkg.leaflet as leaflet

    base = Path(leaflet.BASE_DIR)
    css = (base / "leaflet.css").read_text(encoding="utf-8")
    js = (base / "leaflet.js").read_text(encoding="utf-8")
    jq = (Path(jquery.BASE_DIR) / "jquery.min.js").read_text(encoding="utf-8")
    page = _REMOTE_ASSET.sub("", page)
    return page.replace("<head>", f"<head>\n<style>{css}</style>\n<script>{js}</script>\n<script>{jq}</script>", 1)


def _place_lookup(places: Places) -> dict[str, tuple[float, float]]:
    groups = (places.provinces, places.districts, places.towns, places.regions, places.targets, (places.country,))
    return {p.id: (p.lat, p.lon) for group in groups for p in group}


def _location(event: Event, lookup: dict[str, tuple[float, float]]) -> tuple[float, float]:
    if event.lat is not None and event.lon is not None:
        return (event.lat, event.lon)
    return lookup.get(event.place_id or "", CENTER)


def _popup_text(event: Event, metadata: dict[str, SourceMeta]) -> str:
    cited = [metadata[s] for s in event.source_ids if s in metadata]
    names = "; ".join(f"{m.title} ({m.publisher}, {m.published})" for m in cited)
    return f"{event.summary} {event.date_start} [{event.geo_precision}] Sources: {names}"


def naive_folium_page(events: Sequence[Event], metadata: dict[str, SourceMeta], places: Places) -> str:
    """One folium.Marker with a popup per event, one feature group per event type."""
    import folium

    lookup = _place_lookup(places)
    fmap = folium.Map(location=CENTER, zoom_start=6, tiles=None)
    groups = {t: folium.FeatureGroup(name=t).add_to(fmap) for t in TYPE_COLOURS}
    for event in events:
        popup = folium.Popup(html.escape(_popup_text(event, metadata)), max_width=320)
        folium.Marker(_location(event, lookup), popup=popup).add_to(groups[event.event_type])
    folium.LayerControl().add_to(fmap)
    return inline_leaflet(fmap.get_root().render())


def canvas_geojson_page(events: Sequence[Event], metadata: dict[str, SourceMeta], places: Places) -> str:
    """One GeoJSON layer per type on a canvas renderer; popups built on click from feature properties."""
    import folium

    lookup = _place_lookup(places)
    fmap = folium.Map(location=CENTER, zoom_start=6, tiles=None, prefer_canvas=True)
    by_type: dict[str, list[dict[str, Any]]] = {t: [] for t in TYPE_COLOURS}
    for event in events:
        lat, lon = _location(event, lookup)
        cited = [metadata[s] for s in event.source_ids if s in metadata]
        by_type[event.event_type].append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [round(lon, 4), round(lat, 4)]},
                "properties": {
                    "summary": event.summary,
                    "date": str(event.date_start),
                    "precision": event.geo_precision,
                    "sources": "; ".join(f"{m.title} ({m.publisher}, {m.published})" for m in cited),
                },
            }
        )
    for event_type, features in by_type.items():
        if not features:
            continue  # folium's popup wants at least one feature to read the fields from
        colour = TYPE_COLOURS[event_type]
        folium.GeoJson(
            {"type": "FeatureCollection", "features": features},
            name=event_type,
            marker=folium.CircleMarker(radius=4, weight=1, color=colour, fill=True, fill_color=colour),
            popup=folium.GeoJsonPopup(fields=["summary", "date", "precision", "sources"]),
            zoom_on_click=False,
        ).add_to(fmap)
    folium.LayerControl().add_to(fmap)
    return inline_leaflet(fmap.get_root().render())


_COMPACT_JS = """
(function () {
  var map = {{ this._parent.get_name() }};
  var data = {{ this.payload }};
  var renderer = L.canvas({padding: 0.5});
  var control = L.control.layers(null, null, {collapsed: false}).addTo(map);
  var entities = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"};
  function esc(text) { return String(text).replace(/[&<>"']/g, function (c) { return entities[c]; }); }
  Object.keys(data.layers).forEach(function (type) {
    var d = data.layers[type], group = L.featureGroup(), colour = data.colours[type];
    for (var i = 0; i < d.lat.length; i++) {
      var marker = L.circleMarker([d.lat[i], d.lon[i]],
        {renderer: renderer, radius: 4, weight: 1, color: colour, fillOpacity: 0.6});
      marker._row = i;
      group.addLayer(marker);
    }
    group.bindPopup(function (layer) {
      var i = layer._row, cited = d.src[i].map(function (k) { return data.sources[k]; });
      return "<b>" + esc(d.summary[i]) + "</b><br>" + esc(d.date[i]) + " (" + esc(d.precision[i]) + ")<br>" +
        cited.map(function (s) { return esc(s[0]) + ", " + esc(s[1]) + ", " + esc(s[2]); }).join("<br>");
    });
    group.addTo(map);
    control.addOverlay(group, type);
  });
  window.iskAtlasDrawn = performance.now();
})();
"""


def compact_canvas_page(events: Sequence[Event], metadata: dict[str, SourceMeta], places: Places) -> str:
    """Reference for the technique: column arrays per type, a source table once, canvas circle markers.

    Every event's data travels as a few array cells (no per-feature GeoJSON keys, no per-event JS object in
    the HTML); popups are written on click from those cells; the sources are listed once and cited by index.
    """
    import folium
    from branca.element import MacroElement
    from jinja2 import Template

    lookup = _place_lookup(places)
    source_index: dict[str, int] = {}
    sources: list[list[str]] = []
    layers: dict[str, dict[str, list[Any]]] = {
        t: {"lat": [], "lon": [], "date": [], "precision": [], "summary": [], "src": []} for t in TYPE_COLOURS
    }
    for event in events:
        lat, lon = _location(event, lookup)
        cited = []
        for source_id in event.source_ids:
            if source_id not in source_index:
                meta = metadata.get(source_id)
                source_index[source_id] = len(sources)
                sources.append([meta.title, meta.publisher, str(meta.published or "")] if meta else [source_id, "", ""])
            cited.append(source_index[source_id])
        row = layers[event.event_type]
        row["lat"].append(round(lat, 4))
        row["lon"].append(round(lon, 4))
        row["date"].append(str(event.date_start or ""))
        row["precision"].append(event.geo_precision)
        row["summary"].append(event.summary)
        row["src"].append(cited)
    payload = json.dumps({"sources": sources, "layers": layers, "colours": TYPE_COLOURS}, separators=(",", ":"))

    class Layers(MacroElement):  # type: ignore[misc]
        _template = Template("{% macro script(this, kwargs) %}" + _COMPACT_JS + "{% endmacro %}")

        def __init__(self) -> None:
            super().__init__()
            # "</" must not end the inline script early; JSON allows the escaped slash
            self.payload = payload.replace("</", "<\\/")

    fmap = folium.Map(location=CENTER, zoom_start=6, tiles=None, prefer_canvas=True)
    fmap.add_child(Layers())
    return inline_leaflet(fmap.get_root().render())


def project_page(events: Sequence[Event], metadata: dict[str, SourceMeta], path: Path) -> dict[str, Any]:
    """Build and save the project's combined map; Python-side timings and a profile of the build."""
    from isk_atlas.maps import build_maps, save

    events = list(events)
    cpu = time.process_time()
    started = time.perf_counter()
    maps = build_maps(events, metadata)
    built = time.perf_counter()
    built_cpu = time.process_time() - cpu
    save(maps["combined"], path, offline=True)
    saved = time.perf_counter()
    # Again in the same process (reference geography already loaded), under the profiler for where time goes.
    profiler = cProfile.Profile()
    cpu = time.process_time()
    profiler.enable()
    build_maps(events, metadata)
    profiler.disable()
    again_cpu = time.process_time() - cpu
    stream = io.StringIO()
    pstats.Stats(profiler, stream=stream).sort_stats("cumulative").print_stats(12)
    return {
        "build_maps_s": round(built - started, 3),
        "build_maps_cpu_s": round(built_cpu, 3),
        "build_maps_again_cpu_s_profiled": round(again_cpu, 3),
        "save_s": round(saved - built, 3),
        "maps": sorted(maps),
        "build_profile_top": _profile_lines(stream.getvalue()),
    }


def _project_child(
    events: Sequence[Event], metadata: dict[str, SourceMeta], path: Path, results: Any
) -> None:  # pragma: no cover - runs in a forked child
    try:
        results.put(project_page(events, metadata, path))
    except BaseException as exc:  # a failing maps build is a result to report, not a crash of the run
        results.put({"status": "failed", "error": f"{type(exc).__name__}: {exc}"[:500]})


def project_page_in_child(
    events: Sequence[Event], metadata: dict[str, SourceMeta], path: Path, timeout_s: float
) -> dict[str, Any]:
    """`project_page` in a forked process, so a build that takes minutes is stopped and reported, not waited on."""
    import multiprocessing
    import queue

    context = multiprocessing.get_context("fork")
    results = context.Queue()
    child = context.Process(target=_project_child, args=(events, metadata, path, results), daemon=True)
    started = time.perf_counter()
    child.start()
    try:
        outcome: dict[str, Any] = results.get(timeout=timeout_s)
    except queue.Empty:
        child.kill()
        child.join()
        return {"status": "timed out", "python_timeout_s": timeout_s}
    child.join()
    outcome.setdefault("python_wall_s", round(time.perf_counter() - started, 3))
    return outcome


def _profile_lines(text: str) -> list[str]:
    lines = [line.strip() for line in text.splitlines()]
    start = next((i for i, line in enumerate(lines) if line.startswith("ncalls")), len(lines))
    return [re.sub(r"\s+", " ", line) for line in lines[start + 1 :] if line][:12]


def html_breakdown(page: str, top: int = 6) -> dict[str, Any]:
    """Where the bytes of a page go: its largest inline <script>/<style> blocks, each with how it starts."""
    blocks = []
    for match in re.finditer(r"<(script|style)[^>]*>(.*?)</\1>", page, re.S):
        body = match.group(2)
        blocks.append({"tag": match.group(1), "bytes": len(body.encode()), "starts": " ".join(body[:90].split())})
    blocks.sort(key=lambda b: -int(b["bytes"]))
    return {
        "inline_blocks": len(blocks),
        "largest": blocks[:top],
        "data_uris_bytes": sum(len(m.group()) for m in re.finditer(r"data:[a-z/+.-]+;base64,[A-Za-z0-9+/=]+", page)),
    }


def _write(folder: Path, name: str, page: str) -> tuple[Path, float]:
    started = time.perf_counter()
    path = folder / name
    path.write_text(page, encoding="utf-8")
    return path, time.perf_counter() - started


def _measure(browser: Browser | None, path: Path, events: int, repeats: int, timeout_s: float) -> dict[str, Any]:
    size = path.stat().st_size
    out: dict[str, Any] = {"events": events, "html_bytes": size, "bytes_per_event": round(size / max(events, 1), 1)}
    if browser is None:
        out["browser"] = "unavailable"
        return out
    drawn = browser.measure_repeated(path, repeats, timeout_s)
    census = drawn.get("page", {}).get("census", {})
    out |= {
        "drawn_ms": drawn["drawn_ms"],
        "runs_drawn_ms": drawn["runs_drawn_ms"],
        "load_event_ms": drawn["load_event_ms"],
        "timed_out": drawn["timed_out"],
        "timeout_s": timeout_s,
        "wall_s": drawn["wall_s"],
        "network_requests": drawn["network_requests"],
        "console_errors": drawn["console_errors"],
        "error": drawn["error"],
        "first_frame_after_load_ms": drawn.get("page", {}).get("first_frame_after_load_ms"),
        "leaflet_maps_found": census.get("maps"),
        "features_in_layers": census.get("features_in_groups"),
        "layers_on_map": census.get("layers_on_map"),
        "dom_nodes": drawn.get("page", {}).get("dom_nodes"),
        "page_signal_ms": drawn.get("page", {}).get("page_signal_ms"),
        "chromium_profile": {k: round(v, 3) for k, v in drawn.get("profile", {}).items()},
    }
    return out


def _baseline(
    name: str,
    make: Callable[[Sequence[Event], dict[str, SourceMeta], Places], str],
    events: Sequence[Event],
    metadata: dict[str, SourceMeta],
    places: Places,
    folder: Path,
    browser: Browser | None,
    repeats: int,
    timeout_s: float,
) -> dict[str, Any]:
    started = time.perf_counter()
    page = make(events, metadata, places)
    built = time.perf_counter() - started
    path, wrote = _write(folder, f"{name}-{len(events)}.html", page)
    result = _measure(browser, path, len(events), repeats, timeout_s)
    result["python_build_s"] = round(built + wrote, 3)
    return result


def _ratio(numerator: float | None, denominator: float | None) -> float | None:
    if numerator is None or not denominator:
        return None
    return round(numerator / denominator, 2)


def run(
    sizes: Sequence[int],
    naive_sizes: Sequence[int],
    repeats: int = 3,
    naive_timeout_s: float = NAIVE_TIMEOUT_S,
    use_browser: bool = True,
    seed: int = 11,
) -> dict[str, Any]:
    places = load_places()
    report: dict[str, Any] = {
        "places": places.origin,
        "sizes": list(sizes),
        "naive_sizes": list(naive_sizes),
        "repeats": repeats,
        "drawn_definition": "ms from navigation start until load fired and Leaflet's layers stopped changing "
        "(no pending canvas redraw), median of repeats; see benchmarks/browser.py",
    }
    try:
        import isk_atlas.maps  # noqa: F401

        project_error = None
    except ImportError as exc:
        project_error = f"isk_atlas.maps not importable on this branch: {exc}"
    browser = Browser() if use_browser and browser_available() else None
    report["browser"] = browser.version if browser else None
    report["chromium"] = chromium_version()
    project: dict[str, Any] = {}
    naive: dict[str, Any] = {}
    canvas: dict[str, Any] = {}
    compact: dict[str, Any] = {}
    try:
        with tempfile.TemporaryDirectory(prefix="isk-bench-maps-") as tmp:
            folder = Path(tmp)
            copy_leaflet_images(folder)
            for count in sorted({*sizes, *naive_sizes}):
                started = time.perf_counter()
                events, metadata = synthetic_events(count, seed=seed, places=places)
                generated = round(time.perf_counter() - started, 3)
                if count in naive_sizes:
                    naive[str(count)] = _baseline(
                        "naive", naive_folium_page, events, metadata, places, folder, browser, 1, naive_timeout_s
                    )
                if count not in sizes:
                    continue
                canvas[str(count)] = _baseline(
                    "canvas",
                    canvas_geojson_page,
                    events,
                    metadata,
                    places,
                    folder,
                    browser,
                    repeats,
                    PROJECT_TIMEOUT_S,
                )
                canvas[str(count)]["events_generated_s"] = generated
                compact[str(count)] = _baseline(
                    "compact",
                    compact_canvas_page,
                    events,
                    metadata,
                    places,
                    folder,
                    browser,
                    repeats,
                    PROJECT_TIMEOUT_S,
                )
                if project_error is not None:
                    project[str(count)] = {"status": "not measured", "reason": project_error}
                    continue
                path = folder / f"project-{count}.html"
                python_side = project_page_in_child(events, metadata, path, PROJECT_BUILD_TIMEOUT_S)
                if "status" in python_side:
                    project[str(count)] = python_side
                    continue
                measured = _measure(browser, path, count, repeats, PROJECT_TIMEOUT_S)
                measured |= python_side
                measured["html_breakdown"] = html_breakdown(path.read_text(encoding="utf-8"))
                project[str(count)] = measured
    finally:
        if browser is not None:
            browser.close()
    report["project"] = project if project else {"status": "not measured", "reason": project_error}
    report["naive_folium"] = naive
    report["canvas_geojson"] = canvas
    report["compact_canvas"] = compact
    report["ratios"] = _ratios(project, naive, canvas, compact)
    report["targets"] = _targets(project)
    return report


def _ratios(
    project: dict[str, Any], naive: dict[str, Any], canvas: dict[str, Any], compact: dict[str, Any] | None = None
) -> dict[str, Any]:
    """naive / project and naive / canvas at every size where both were measured (never extrapolated)."""
    out: dict[str, Any] = {}
    for size, base in naive.items():
        row: dict[str, Any] = {}
        naive_ms = None if base.get("timed_out") else base.get("drawn_ms")
        others = (
            ("project", project.get(size)),
            ("canvas_geojson", canvas.get(size)),
            ("compact_canvas", (compact or {}).get(size)),
        )
        for name, other in others:
            if not other or "html_bytes" not in other:
                continue
            row[f"naive_over_{name}_html_bytes"] = _ratio(base["html_bytes"], other["html_bytes"])
            row[f"naive_over_{name}_drawn_ms"] = _ratio(naive_ms, other.get("drawn_ms"))
            if base.get("timed_out"):
                row[f"naive_over_{name}_drawn_ms"] = f"naive timed out after {base.get('timeout_s')} s"
        if row:
            out[size] = row
    return out


def _targets(project: dict[str, Any]) -> dict[str, Any]:
    def drawn_s(size: str) -> float | None:
        ms = project.get(size, {}).get("drawn_ms")
        return None if ms is None else ms / 1000

    ten, hundred = project.get("10000", {}), project.get("100000", {})
    checks: dict[str, Any] = {
        "10000_html_bytes_max": TARGET_10K_BYTES,
        "10000_drawn_s_max": TARGET_10K_DRAWN_S,
        "100000_drawn_s_max": TARGET_100K_DRAWN_S,
    }
    checks["10000_html_met"] = None if "html_bytes" not in ten else ten["html_bytes"] <= TARGET_10K_BYTES
    d10, d100 = drawn_s("10000"), drawn_s("100000")
    checks["10000_drawn_met"] = None if d10 is None else d10 <= TARGET_10K_DRAWN_S
    checks["100000_drawn_met"] = None if d100 is None else d100 <= TARGET_100K_DRAWN_S
    if "html_bytes" in hundred and hundred.get("timed_out"):
        checks["100000_drawn_met"] = False
    return checks


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="map size and draw-time benchmark")
    parser.add_argument("--quick", action="store_true", help="tiny sizes, one repeat (smoke run)")
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--naive-sizes", default="1000,10000")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--naive-timeout", type=float, default=NAIVE_TIMEOUT_S)
    parser.add_argument("--no-browser", action="store_true")
    args = parser.parse_args(argv)
    if args.quick:
        sizes, naive_sizes, repeats = [300], [100, 300], 1
    else:
        sizes = [int(s) for s in args.sizes.split(",") if s]
        naive_sizes = [int(s) for s in args.naive_sizes.split(",") if s]
        repeats = args.repeats
    report = run(sizes, naive_sizes, repeats, args.naive_timeout, use_browser=not args.no_browser)
    json.dump(report, sys.stdout, indent=1)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
