"""Shared headless-Chromium timing: how long a saved map page takes until every layer is drawn.

Debian's `/usr/bin/chromium` driven by the `playwright` package (never a downloaded browser). Every page is opened
from a file with all network requests refused (an offline export must not need any; a request is counted).

"Drawn" means, measured in the page from navigation start (`performance.now()`):
1. the `load` event has fired (folium pages run their inline scripts before it, so every layer was added), and
2. Leaflet has settled: across animation frames the census of layers on the map stopped changing for
   `SETTLE_MS`, no canvas renderer has a redraw pending and no marker cluster is still animating or loading
   chunks; the time reported is the first frame of that settled stretch, not its end;
3. if the page announces completion itself by setting `window.iskAtlasDrawn = performance.now()` (for maps that
   draw in chunks or after timers), the later of that signal and (2).
A page that is not drawn within the timeout is reported with `timed_out: true` and the time it was given.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from isk_atlas.maps.screenshot import CHROMIUM_ARGS, CHROMIUM_PATH

CHROMIUM = CHROMIUM_PATH
SETTLE_MS = 300
VIEWPORT = {"width": 1280, "height": 800}

# Runs in the page after `load`: waits for Leaflet to settle and returns timings and a census of what is drawn.
_SETTLE_JS = """
async ([settleMs, deadlineMs]) => {
  const frame = () => new Promise(resolve => requestAnimationFrame(() => resolve(performance.now())));
  const loadedAt = performance.now();
  const L = window.L;
  const maps = [];
  if (L && L.Map) {
    for (const key of Object.keys(window)) {
      let value;
      try { value = window[key]; } catch (e) { continue; }
      if (value instanceof L.Map && !maps.includes(value)) maps.push(value);
    }
  }
  const census = () => {
    let onMap = 0, points = 0, paths = 0, groups = 0, busy = false;
    const features = new Set();
    const walk = (layer, depth) => {
      if (depth > 6) return;
      if (typeof layer.getLayers === 'function') {
        for (const child of layer.getLayers()) walk(child, depth + 1);
      } else if (layer._latlng || layer._latlngs) {
        features.add(L.stamp(layer));
      }
    };
    for (const map of maps) {
      for (const layer of Object.values(map._layers)) {
        onMap += 1;
        if (L.Renderer && layer instanceof L.Renderer && layer._redrawRequest) busy = true;
        if (layer._inZoomAnimation || (layer._queue && layer._queue.length)) busy = true;
        if (typeof layer.getLayers === 'function') { groups += 1; walk(layer, 0); }
        else if (layer._latlngs) paths += 1;
        else if (layer._latlng) points += 1;
      }
    }
    return {maps: maps.length, layers_on_map: onMap, points_on_map: points, paths_on_map: paths,
            groups_on_map: groups, features_in_groups: features.size, busy};
  };
  let last = null, stableSince = null, now = loadedAt, frames = 0, counted = census(), firstFrame = null;
  while (now < deadlineMs) {
    now = await frame();
    frames += 1;
    if (firstFrame === null) firstFrame = now;
    counted = census();
    const key = JSON.stringify([counted.layers_on_map, counted.points_on_map, counted.paths_on_map,
                                counted.features_in_groups]);
    if (counted.busy || key !== last) { last = key; stableSince = counted.busy ? null : now; continue; }
    if (stableSince === null) stableSince = now;
    const signalled = typeof window.iskAtlasDrawn === 'number';
    if (now - stableSince >= settleMs && (signalled || window.iskAtlasDrawn === undefined)) break;
  }
  const settled = stableSince !== null && now - stableSince >= settleMs;
  const signal = typeof window.iskAtlasDrawn === 'number' ? window.iskAtlasDrawn : null;
  const nav = performance.getEntriesByType('navigation')[0];
  return {
    leaflet: Boolean(L && L.Map),
    settled,
    drawn_ms: settled ? Math.max(stableSince, signal || 0) : null,
    page_signal_ms: signal,
    load_event_ms: nav ? nav.loadEventEnd : loadedAt,
    dom_content_loaded_ms: nav ? nav.domContentLoadedEventEnd : null,
    frames,
    first_frame_after_load_ms: firstFrame,
    dom_nodes: document.getElementsByTagName('*').length,
    marker_elements: document.querySelectorAll('.leaflet-marker-icon').length,
    svg_paths: document.querySelectorAll('path.leaflet-interactive').length,
    canvases: document.querySelectorAll('.leaflet-pane canvas').length,
    census: counted,
  };
}
"""


@dataclass
class DrawResult:
    """One page opened once: its timings (milliseconds from navigation start) and what it drew."""

    html: str
    html_bytes: int
    timed_out: bool = False
    timeout_s: float = 0.0
    drawn_ms: float | None = None
    load_event_ms: float | None = None
    wall_s: float | None = None
    network_requests: int = 0
    console_errors: list[str] = field(default_factory=list)
    page: dict[str, Any] = field(default_factory=dict)  # the in-page census
    profile: dict[str, float] = field(default_factory=dict)  # Chromium's own counters (script, layout, style...)
    error: str | None = None

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


def chromium_version() -> str | None:
    if not Path(CHROMIUM).exists():
        return None
    try:
        out = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.strip() or None


def browser_available() -> bool:
    if not Path(CHROMIUM).exists():
        return False
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return False
    return True


# Chromium's CDP counters that say where the time went (seconds unless the name says otherwise).
_PROFILE_METRICS = (
    "ScriptDuration",
    "LayoutDuration",
    "RecalcStyleDuration",
    "TaskDuration",
    "JSHeapUsedSize",
    "Nodes",
    "LayoutCount",
)


class Browser:
    """One headless Chromium for a whole benchmark run; each page gets a fresh context (no shared cache)."""

    def __init__(self) -> None:
        from playwright.sync_api import sync_playwright

        self._manager = sync_playwright()
        self._playwright = self._manager.start()
        self._browser = self._playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)

    @property
    def version(self) -> str:
        return str(self._browser.version)

    def close(self) -> None:
        try:
            self._browser.close()
        finally:
            self._manager.__exit__(None, None, None)

    def measure(self, html: Path, timeout_s: float = 60.0) -> DrawResult:
        """Open `html` once and wait until drawn (or `timeout_s` passes)."""
        from playwright.sync_api import Error as PlaywrightError

        result = DrawResult(html=html.name, html_bytes=html.stat().st_size, timeout_s=timeout_s)
        context = self._browser.new_context(viewport=VIEWPORT)  # type: ignore[arg-type]
        errors: list[str] = []
        outside: list[str] = []

        def refuse(route: Any) -> None:
            outside.append(route.request.url)
            route.abort()

        context.route("http://**/*", refuse)
        context.route("https://**/*", refuse)
        page = context.new_page()
        page.on("console", lambda msg: errors.append(msg.text[:300]) if msg.type == "error" else None)
        page.on("pageerror", lambda exc: errors.append(str(exc)[:300]))
        cdp = context.new_cdp_session(page)
        cdp.send("Performance.enable")
        started = time.perf_counter()
        try:
            page.goto(html.resolve().as_uri(), wait_until="load", timeout=timeout_s * 1000)
            remaining_ms = max(1.0, timeout_s * 1000 - (time.perf_counter() - started) * 1000)
            page.set_default_timeout(remaining_ms + 5_000)
            deadline = page.evaluate("performance.now()") + remaining_ms
            page_result = page.evaluate(_SETTLE_JS, [SETTLE_MS, deadline])
            result.page = page_result
            result.drawn_ms = page_result["drawn_ms"]
            result.load_event_ms = page_result["load_event_ms"]
            result.timed_out = not page_result["settled"]
            metrics = cdp.send("Performance.getMetrics")["metrics"]
            result.profile = {m["name"]: m["value"] for m in metrics if m["name"] in _PROFILE_METRICS}
        except PlaywrightError as exc:
            message = str(exc)
            result.timed_out = "Timeout" in message or "timeout" in message
            result.error = None if result.timed_out else message.splitlines()[0][:300]
        finally:
            result.wall_s = round(time.perf_counter() - started, 3)
            result.network_requests = len(outside)
            result.console_errors = errors[:10]
            context.close()
        return result

    def measure_repeated(self, html: Path, repeats: int, timeout_s: float) -> dict[str, Any]:
        """Median of `repeats` openings (stops repeating after a timeout); every run's drawn time is kept."""
        runs = []
        for _ in range(max(1, repeats)):
            run = self.measure(html, timeout_s)
            runs.append(run)
            if run.timed_out or run.error:
                break
        drawn = [r.drawn_ms for r in runs if r.drawn_ms is not None]
        best = runs[len(runs) // 2] if not runs[-1].timed_out else runs[-1]
        summary = best.as_json()
        summary["runs_drawn_ms"] = [round(d, 1) for d in drawn]
        summary["drawn_ms"] = round(statistics.median(drawn), 1) if drawn and not runs[-1].timed_out else None
        return summary


@contextmanager
def open_browser() -> Iterator[Browser]:
    browser = Browser()
    try:
        yield browser
    finally:
        browser.close()


def copy_leaflet_images(folder: Path) -> None:
    """Leaflet's default marker images beside a page, so the naive page's markers load from disk."""
    import xstatic.pkg.leaflet as leaflet

    target = folder / "images"
    if not target.exists():
        shutil.copytree(Path(leaflet.BASE_DIR) / "images", target)
