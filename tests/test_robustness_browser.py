"""Maps built from hostile articles, opened in headless Chromium: no dialog, no injected script, no console error.

Every popup and tooltip is opened (a click and a mouseover on every layer), because folium fills them in
only then. The payloads of `tests/hostile` set `window.__isk_pwned` or call `alert`, so a flag that stays
unset and a dialog list that stays empty mean none of them ran. Offline maps must also fetch nothing.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from hostile import PWNED_FLAG, payloads, write_bad_inputs

from isk_atlas.maps.screenshot import CHROMIUM_ARGS, CHROMIUM_PATH

CHROMIUM = Path(CHROMIUM_PATH)
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}

pytestmark = pytest.mark.browser

# Opens what folium fills in lazily: every overlay shown, then a click and a mouseover on every layer, which
# propagate to the group a GeoJSON popup or tooltip is bound to. Returns how many layers were poked and the text
# of every popup that opened on the way (a later popup replaces an earlier one in the page).
OPEN_EVERYTHING = """
async () => {
  const maps = Object.keys(window).filter(k => k.startsWith('map_')).map(k => window[k])
    .filter(m => m && typeof m.eachLayer === 'function');
  let poked = 0;
  const seen = [];
  const popupText = () => {
    const node = document.querySelector('.leaflet-popup-content');
    if (node && node.innerText && seen[seen.length - 1] !== node.innerText) seen.push(node.innerText);
  };
  for (const map of maps) {
    for (const key of Object.keys(window)) {
      const control = window[key];
      if (control && Array.isArray(control._layers) && control._map === map) {
        for (const entry of control._layers) { if (!map.hasLayer(entry.layer)) map.addLayer(entry.layer); }
      }
    }
    const layers = [];
    map.eachLayer(layer => layers.push(layer));
    for (const layer of layers) {
      let latlng = null;
      try {
        latlng = layer.getLatLng ? layer.getLatLng()
          : layer.getBounds ? layer.getBounds().getCenter() : map.getCenter();
      } catch (e) { latlng = map.getCenter(); }
      for (const type of ['click', 'mouseover']) {
        try { layer.fire(type, {latlng: latlng, originalEvent: null}, true); } catch (e) {}
        await new Promise(resolve => setTimeout(resolve, 0));
      }
      try { if (layer.getPopup && layer.getPopup()) layer.openPopup(); } catch (e) {}
      try { if (layer.getTooltip && layer.getTooltip()) layer.openTooltip(); } catch (e) {}
      popupText();
      poked += 1;
    }
  }
  // The project's maps draw point reports from arrays, not as Leaflet layers: open every event's popup by its id.
  if (window.IskAtlas && IskAtlas.open) {
    for (const name of Object.keys(IskAtlas.counts())) {
      for (const mark of IskAtlas.marks(name)) {
        for (const id of mark.ids) {
          if (IskAtlas.open(name, id)) { popupText(); poked += 1; }
          await new Promise(resolve => setTimeout(resolve, 0));
        }
      }
    }
  }
  await new Promise(resolve => setTimeout(resolve, 50));
  return {poked: poked, popups: seen};
}
"""


@dataclass
class PageReport:
    dialogs: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    pwned: Any = None
    poked: int = 0
    text: str = ""
    popups: list[str] = field(default_factory=list)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        if IN_CI:
            pytest.fail(f"CI needs Chromium at {CHROMIUM}")
        pytest.skip(f"no Chromium at {CHROMIUM}")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            yield launched
        finally:
            launched.close()


def open_page(browser: Any, html: Path) -> PageReport:
    """Open a saved map with the network cut, poke every layer, and report what happened."""
    report = PageReport()
    context = browser.new_context()
    page = context.new_page()

    def on_dialog(dialog: Any) -> None:
        report.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def on_request(route: Any) -> None:
        url = route.request.url
        if not url.startswith(("file:", "data:", "blob:", "about:")):
            report.requests.append(url)
            route.abort()
        else:
            route.continue_()

    page.on("dialog", on_dialog)
    page.on("console", lambda message: message.type == "error" and report.console_errors.append(message.text))
    page.on("pageerror", lambda error: report.page_errors.append(str(error)))
    page.route("**/*", on_request)
    try:
        page.goto(html.resolve().as_uri(), wait_until="load", timeout=30_000)
        opened = page.evaluate(OPEN_EVERYTHING)
        report.poked = int(opened["poked"])
        report.popups = [str(text) for text in opened["popups"]]
        report.pwned = page.evaluate(f"() => window.{PWNED_FLAG} === undefined ? null : String(window.{PWNED_FLAG})")
        report.text = str(page.evaluate("() => document.body.innerText"))
    finally:
        context.close()
    return report


def assert_clean(report: PageReport, name: str) -> None:
    assert report.dialogs == [], f"{name}: a payload opened a dialog: {report.dialogs}"
    assert report.pwned is None, f"{name}: a payload ran (window.{PWNED_FLAG} = {report.pwned})"
    assert report.page_errors == [], f"{name}: script errors: {report.page_errors[:5]}"
    assert report.console_errors == [], f"{name}: console errors: {report.console_errors[:5]}"


# ---------------------------------------------------------------------------------------------- the harness


def _local_map() -> Any:
    """A folium map that loads Leaflet and jQuery from the installed xstatic packages (the test is offline)."""
    import folium
    import xstatic.pkg.jquery
    import xstatic.pkg.leaflet

    leaflet, jquery = Path(xstatic.pkg.leaflet.BASE_DIR), Path(xstatic.pkg.jquery.BASE_DIR)
    page = folium.Map(location=[36.7, 70.8], zoom_start=6, tiles=None)
    page.default_js = [("leaflet", (leaflet / "leaflet.js").as_uri()), ("jquery", (jquery / "jquery.min.js").as_uri())]
    page.default_css = [("leaflet_css", (leaflet / "leaflet.css").as_uri())]
    return page


def test_the_harness_sees_a_script_that_runs(browser: Any, tmp_path: Path) -> None:
    """Unescaped, folium runs the payloads (tooltips are raw HTML in a JS template literal, popups keep `${}`)."""
    import folium

    for payload in (payloads()[1], payloads()[11]):
        page = _local_map()
        marker = folium.CircleMarker([36.7, 70.8], tooltip=folium.Tooltip(payload), popup=folium.Popup(payload))
        marker.add_to(page)
        path = tmp_path / "unsafe.html"
        page.save(str(path))
        report = open_page(browser, path)
        assert report.poked >= 1 and report.page_errors == []
        assert report.pwned == "1", payload


def test_the_harness_passes_an_escaped_map(browser: Any, tmp_path: Path) -> None:
    import html

    import folium

    page = _local_map()
    for index, payload in enumerate(payloads()):
        # What a map must do with article text bound for a popup or tooltip: HTML-escape it, and escape the
        # three characters a JS template literal still interprets.
        safe = html.escape(payload).replace("`", "&#96;").replace("$", "&#36;").replace("\\", "&#92;")
        marker = folium.CircleMarker([36 + index / 10, 70.0], tooltip=folium.Tooltip(safe), popup=folium.Popup(safe))
        marker.add_to(page)
    path = tmp_path / "safe.html"
    page.save(str(path))
    report = open_page(browser, path)
    assert_clean(report, "safe.html")
    assert report.requests == []
    assert report.poked >= len(payloads())
    assert f"window.{PWNED_FLAG}=1" in report.text, "the payloads show as text"


# ---------------------------------------------------------------------------------------------- the project's maps


def _maps_ready() -> bool:
    try:
        import isk_atlas.maps  # noqa: F401
    except ImportError:
        return False
    return True


needs_maps = pytest.mark.skipif(not _maps_ready(), reason="isk_atlas.maps has not landed")


def hostile_events_and_metadata(folder: Path) -> tuple[list[Any], dict[str, Any], dict[str, str]]:
    """Events extracted from the hostile articles, plus register-style events whose every text is a payload."""
    from isk_atlas.events.extract import Extractor
    from isk_atlas.schema import Event, Figure, SourceRef
    from isk_atlas.sources import load_sources

    write_bad_inputs(folder)
    result = load_sources(folder)
    extractor = Extractor()
    events = [event for source in result.sources for event in extractor.extract_source(source)]
    metadata = {source.source_id: source.meta for source in result.sources}
    texts = {source.source_id: source.text for source in result.sources}
    hostile = "hostile_places"
    assert hostile in metadata
    for index, payload in enumerate(payloads()):
        lat, lon = 36.0 + index / 20, 70.0 + index / 20
        kind = ("attack", "presence", "counter_operation", "cross_border_launch")[index % 4]
        events.append(
            Event(
                event_id=f"hostile-{index}",
                event_type=kind,
                summary=payload,
                date_start=dt.date(2023, 3, 1 + index),
                date_end=dt.date(2023, 3, 1 + index),
                date_precision="day",
                place_text=payload,
                admin2=None,
                country="AFG",
                lat=lat,
                lon=lon,
                geo_precision="point",
                target_place_text=payload if kind == "cross_border_launch" else None,
                target_country="UZB" if kind == "cross_border_launch" else None,
                target_lat=37.22 if kind == "cross_border_launch" else None,
                target_lon=67.28 if kind == "cross_border_launch" else None,
                actor=payload,
                claimed_by=payload,
                target=payload,
                killed_low=1,
                killed_high=2,
                figures=[Figure(by=payload, killed=2, source_id=hostile)],
                sources=[SourceRef(source_id=hostile, start=0, end=min(40, len(texts[hostile])))],
                status="confirmed",
                notes=payload,
            )
        )
    return events, metadata, texts


@needs_maps
def test_maps_from_hostile_articles_run_no_script(browser: Any, tmp_path: Path) -> None:
    from isk_atlas.maps import build_maps, save

    events, metadata, texts = hostile_events_and_metadata(tmp_path / "sources")
    maps = build_maps(events, metadata, texts)
    assert set(maps) >= {"presence", "attacks", "cross_border", "combined"}
    reports = {}
    for name, built in maps.items():
        path = tmp_path / "maps" / f"{name}.html"
        path.parent.mkdir(parents=True, exist_ok=True)
        save(built, path, offline=True)
        raw = path.read_text(encoding="utf-8")
        # Escaped forms are fine; the payloads' raw markup must appear nowhere in the page.
        assert f'<img src=x onerror="window.{PWNED_FLAG}' not in raw
        assert f"</script><script>window.{PWNED_FLAG}" not in raw
        assert f"<svg onload=window.{PWNED_FLAG}" not in raw
        reports[name] = report = open_page(browser, path)
        assert_clean(report, name)
        assert report.requests == [], f"{name}: an offline map fetched {report.requests[:5]}"
        assert report.poked > 0
    # The payloads are shown as text (escaped), not dropped: an analyst sees what the article said.
    # Every popup is seen as it opens (the page keeps one at a time); each payload shows in some popup.
    shown = "\n".join(reports["combined"].popups)
    for payload in payloads():
        assert payload in shown, payload


@needs_maps
def test_the_pipeline_on_fresh_hostile_inputs_builds_safe_maps(
    browser: Any, tmp_path: Path, shared_sources: Path
) -> None:
    """Inputs generated afresh (a random seed each run) go through the whole build: no crash, no script, no loss."""
    import random

    from hostile import bad_register_rows, fresh_hostile_corpus

    from isk_atlas.pipeline import BuildOptions, run_build

    seed = random.SystemRandom().randrange(10**6)
    sources = tmp_path / "sources"
    shutil.copytree(shared_sources, sources)
    outcome = fresh_hostile_corpus(sources, seed=seed, count=10)
    register_text, _ = bad_register_rows()
    register = tmp_path / "register.yaml"
    register.write_text(register_text.replace("good_jurm", "000_6dcb4a9565982ec7"), encoding="utf-8")
    out = tmp_path / "out"
    report = run_build(BuildOptions(sources_dir=sources, register_path=register, out_dir=out, offline=True, quiet=True))
    named = {Path(problem.path or "").name for problem in report.problems}
    for name, loads in outcome.items():
        assert (name in named) is not loads, f"seed {seed}: {name} should {'load' if loads else 'be an error'}"
    assert "register.yaml" in named, "the broken register rows are reported"
    for name in ("presence", "attacks", "cross_border", "combined"):
        path = out / "maps" / f"{name}.html"
        assert path.is_file(), f"seed {seed}: {path} missing"
        page = open_page(browser, path)
        assert_clean(page, f"seed {seed}: {name}")
    for name in ("events.geojson", "events.gpkg", "events.csv"):
        assert (out / name).is_file()
