"""The offline combined map in headless Chromium: no network, no console errors, layers, toggling, popups."""

from __future__ import annotations

import os
import types
from pathlib import Path

import pytest

from isk_atlas.maps import build_maps, save
from isk_atlas.maps.screenshot import CHROMIUM_ARGS, CHROMIUM_PATH, wait_until_drawn
from tests.maps_geo_stub import SAMPLE_TEXTS, sample_events, sample_metadata, stub_geo  # noqa: F401

pytestmark = pytest.mark.browser
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def _need_chromium() -> None:
    if not Path(CHROMIUM_PATH).is_file():
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail(f"CI needs Chromium at {CHROMIUM_PATH}")
        pytest.skip(f"no Chromium at {CHROMIUM_PATH}")


def test_offline_combined_map(stub_geo: types.ModuleType, tmp_path: Path) -> None:  # noqa: F811
    _need_chromium()
    from playwright.sync_api import sync_playwright

    html = save(build_maps(sample_events(), sample_metadata(), SAMPLE_TEXTS)["combined"], tmp_path / "combined.html")
    requests: list[str] = []
    errors: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM_PATH, args=CHROMIUM_ARGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 800})
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: errors.append(str(e)))

            def route(r: object) -> None:
                url = r.request.url  # type: ignore[attr-defined]
                if url.startswith("file:"):
                    r.continue_()  # type: ignore[attr-defined]
                else:
                    requests.append(url)
                    r.abort()  # type: ignore[attr-defined]

            page.route("**/*", route)
            page.goto(html.as_uri())
            wait_until_drawn(page)
            counts = page.evaluate("IskAtlas.counts()")
            assert counts["Presence"] == 3  # point-less presence: province, region, country (nowhere is not drawn)
            assert counts["Attacks"] == 2  # rejected never drawn
            assert counts["Counter-operations"] == 1
            assert counts["Cross-border launches"] == 2
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / "combined.png"))
            # click the Jalalabad attack: its popup names the source
            point = page.evaluate(
                "(() => { const st = Object.values(IskAtlas.maps)[0]; let ll;"
                " st.layers['Attacks'].layer.eachLayer(l => { if (l.feature && l.feature.properties.id === 'e-point')"
                " ll = l.getLatLng(); }); const p = st.map.latLngToContainerPoint(ll); return [p.x, p.y]; })()"
            )
            box = page.locator(".leaflet-container").bounding_box()
            page.mouse.click(box["x"] + point[0], box["y"] + point[1])
            popup = page.locator(".leaflet-popup-content")
            popup.wait_for(timeout=3000)
            text = popup.inner_text()
            assert "Report on attacks in the east" in text
            assert "Gunmen attacked a clinic in Jalalabad on Monday." in text
            # toggling a layer hides it
            page.get_by_label("Attacks").uncheck()
            assert page.evaluate("IskAtlas.visible()")["Attacks"] is False
        finally:
            browser.close()
    assert requests == []
    assert errors == []
