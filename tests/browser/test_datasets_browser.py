"""The exported combined map with a reference dataset, in headless Chromium with the network cut: the dataset's
layer and the timeline are drawn with no request, the timeline follows the layer toggles, and popups name the
dataset's row."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from isk_atlas.maps.screenshot import launch_chromium, wait_until_drawn
from isk_atlas.pipeline import BuildOptions, run_build
from tests.conftest import require_chromium
from tests.datasets_fixtures import ged_row, write_ged

pytestmark = pytest.mark.browser
LAYER = "UCDP GED"


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("datasets_map")
    (root / "datasets").mkdir()
    (root / "no_articles").mkdir()
    write_ged(
        root / "datasets" / "ged.csv",
        [
            ged_row(id=101),
            ged_row(id=102, where_prec=4, adm_1="Kunar province", latitude="", longitude="", date_start="2022-03-04",
                    date_end="2022-03-04"),
            ged_row(id=103, date_start="2022-03-20", date_end="2022-03-20"),
        ],
    )  # fmt: skip
    options = BuildOptions(
        sources_dir=root / "no_articles", out_dir=root / "out", datasets_dir=root / "datasets", quiet=True
    )
    report = run_build(options)
    assert report.problems == []
    return root / "out" / "maps" / "combined.html"


@pytest.fixture
def page(exported: Path) -> Iterator[tuple[Any, list[str], list[str]]]:
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = launch_chromium(p)
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        opened = context.new_page()
        requests: list[str] = []
        errors: list[str] = []

        def route(route: Any) -> None:
            if route.request.url.startswith("file:"):
                route.continue_()
            else:
                requests.append(route.request.url)
                route.abort()

        opened.route("**/*", route)
        opened.on("pageerror", lambda error: errors.append(str(error)))
        opened.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
        opened.goto(exported.as_uri(), wait_until="load")
        wait_until_drawn(opened, timeout_ms=15_000)
        yield opened, requests, errors
        browser.close()


def _shown(opened: Any) -> list[str]:
    state = opened.evaluate("() => Object.values(IskAtlasTimeline.state)[0]")
    return list(state["shown"])


def test_the_dataset_layer_and_the_timeline_draw_offline_with_no_request(
    page: tuple[Any, list[str], list[str]],
) -> None:
    opened, requests, errors = page
    opened.wait_for_timeout(300)
    assert requests == [] and errors == []
    assert opened.evaluate("() => IskAtlas.counts()")[LAYER] == 3
    assert opened.evaluate("() => IskAtlas.visible()")[LAYER] is True
    months = opened.locator(".isk-time .isk-timeline g.isk-month")
    assert months.count() >= 2
    assert opened.locator(f'.isk-timeline rect[data-layer="{LAYER}"]').count() == 2  # 2021-09 and 2022-03
    assert LAYER in _shown(opened)
    assert "UCDP GED (3)" in opened.locator(".isk-legend").inner_text()


def test_the_timeline_follows_the_layer_toggles(page: tuple[Any, list[str], list[str]]) -> None:
    opened, _, _ = page
    box = opened.locator(".leaflet-control-layers-overlays label", has_text=LAYER).locator("input")
    box.uncheck()
    assert LAYER not in _shown(opened)
    assert opened.locator(f'.isk-timeline rect[data-layer="{LAYER}"]').count() == 0
    box.check()
    assert LAYER in _shown(opened)
    assert opened.locator(f'.isk-timeline rect[data-layer="{LAYER}"]').count() == 2


def test_a_dataset_popup_names_the_dataset_its_row_and_source(page: tuple[Any, list[str], list[str]]) -> None:
    opened, _, _ = page
    assert opened.evaluate("([l, e]) => IskAtlas.open(l, e)", [LAYER, "ucdp-ged-101"])
    popup = opened.locator(".leaflet-popup-content")
    popup.wait_for(state="visible", timeout=5_000)
    text = popup.inner_text()
    assert "UCDP GED #101" in text
    assert 'Test Wire, 2021-09-19, "Blasts in Jalalabad", 3 killed' in text
    assert "Sources" not in text  # no article is cited: the dataset is the source


def test_clicking_a_month_filters_the_map_to_it(page: tuple[Any, list[str], list[str]]) -> None:
    opened, _, _ = page
    month = opened.locator('.isk-timeline g.isk-month[data-month="2022-03"] rect').last
    month.click()
    assert opened.locator(".isk-from").input_value() == "2022-03-01"
    assert opened.locator(".isk-to").input_value() == "2022-03-31"
    assert opened.evaluate("() => IskAtlas.counts()")[LAYER] == 2
