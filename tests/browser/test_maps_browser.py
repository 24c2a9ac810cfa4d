"""The offline combined map in headless Chromium with the network cut: it draws every layer, makes no request,
logs no error, toggles, opens popups naming sources, and keeps hostile text inert."""

from __future__ import annotations

import collections
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from isk_atlas.geo import load_admin1
from isk_atlas.maps import LAYER_NAMES, build_maps, save
from isk_atlas.maps.elements import DEFAULT_BOUNDS
from isk_atlas.maps.notebook import frame_html
from isk_atlas.maps.render import BASEMAP_NAME, CHOROPLETH_NAME, NEIGHBOURS_NAME
from isk_atlas.maps.screenshot import DRAWN_JS, launch_chromium, wait_until_drawn
from isk_atlas.register import load_register
from isk_atlas.schema import Event, SourceMeta
from tests.conftest import ROOT, SHARED_SOURCES, require_chromium
from tests.hostile_fixtures import SCRIPT, TEXT, hostile_events, hostile_metadata

pytestmark = pytest.mark.browser

ARTIFACTS = ROOT / "test-artifacts"
VIEWPORT = {"width": 1400, "height": 900}


@dataclass
class OpenedPage:
    page: Any
    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    draw_seconds: float = 0.0


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = launch_chromium(p)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def register() -> list[Event]:
    return load_register(ROOT / "data" / "register.yaml")


def _metadata(events: list[Event]) -> dict[str, SourceMeta]:
    """The articles' metadata when the shared sources are at hand, else a stand-in title per cited source."""
    if SHARED_SOURCES.is_dir():
        from isk_atlas.sources import load_metadata

        return load_metadata(SHARED_SOURCES)
    cited = {sid for event in events for sid in event.source_ids}
    return {sid: SourceMeta(source_id=sid, file=f"{sid}.txt", title=f"Article {sid}") for sid in cited}


@pytest.fixture(scope="module")
def metadata(register: list[Event]) -> dict[str, SourceMeta]:
    return _metadata(register)


@pytest.fixture(scope="module")
def pages_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("maps")


@pytest.fixture(scope="module")
def combined_html(register: list[Event], metadata: dict[str, SourceMeta], pages_dir: Path) -> Path:
    return save(build_maps(register, metadata)["combined"], pages_dir / "combined.html", offline=True)


@pytest.fixture(scope="module")
def hostile_html(pages_dir: Path) -> Path:
    maps = build_maps(hostile_events(), hostile_metadata(), texts={"evil": TEXT})
    return save(maps["attacks"], pages_dir / "hostile.html", offline=True)


def _open(browser: Any, html: Path) -> Iterator[OpenedPage]:
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    opened = OpenedPage(page)

    def route(route: Any) -> None:
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            opened.requests.append(route.request.url)
            route.abort()

    def on_dialog(dialog: Any) -> None:
        opened.dialogs.append(dialog.message)
        dialog.dismiss()

    page.route("**/*", route)
    page.on("console", lambda msg: opened.console_errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda error: opened.page_errors.append(str(error)))
    page.on("dialog", on_dialog)
    page.goto(html.as_uri(), wait_until="load")
    opened.draw_seconds = wait_until_drawn(page, timeout_ms=15_000)
    try:
        yield opened
    finally:
        context.close()


@pytest.fixture
def combined(browser: Any, combined_html: Path) -> Iterator[OpenedPage]:
    yield from _open(browser, combined_html)


@pytest.fixture
def hostile(browser: Any, hostile_html: Path) -> Iterator[OpenedPage]:
    yield from _open(browser, hostile_html)


def _click_event(opened: OpenedPage, layer: str, event_id: str) -> str:
    """Click the event's mark on the canvas and return the text of the popup that opens."""
    where = opened.page.evaluate("([l, e]) => IskAtlas.locate(l, e)", [layer, event_id])
    assert where is not None, f"{event_id} is not drawn in {layer}"
    opened.page.mouse.click(where["x"], where["y"])
    popup = opened.page.locator(".leaflet-popup-content")
    popup.wait_for(state="visible", timeout=5_000)
    text: str = popup.inner_text()
    return text


def test_offline_map_draws_with_no_network_and_no_errors(combined: OpenedPage) -> None:
    combined.page.wait_for_timeout(300)  # late requests (fonts, tiles) would show up here
    assert combined.requests == []
    assert combined.console_errors == []
    assert combined.page_errors == []
    assert combined.draw_seconds < 10
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "combined.png"
    combined.page.screenshot(path=str(shot))
    assert shot.stat().st_size > 50_000  # a drawn map, not a blank page


MAP_SIZE_JS = "() => { const {map} = Object.values(IskAtlas.maps)[0]; const s = map.getSize(); return [s.x, s.y]; }"


@pytest.mark.parametrize("window_says", [True, False], ids=["window-resized", "no-window-resize"])
def test_a_map_built_in_a_frame_with_no_size_yet_draws_once_the_frame_is_laid_out(
    browser: Any, combined_html: Path, window_says: bool
) -> None:
    # A notebook may lay the map's frame out after the page has run: the map must then take the frame's size and
    # its framed view (not the whole world), whether or not the frame's window tells Leaflet of the resize.
    context = browser.new_context(viewport=VIEWPORT)
    try:
        page = context.new_page()
        output = frame_html(combined_html.read_text(encoding="utf-8"), title="isk-atlas map: combined")
        page.set_content(f'<div id="host" style="width:0;height:700px">{output}</div>')
        frame = page.locator("iframe").element_handle().content_frame()
        frame.wait_for_function(DRAWN_JS, timeout=15_000)
        assert frame.evaluate(MAP_SIZE_JS)[0] == 0
        if not window_says:  # as JupyterLab's frame on a loaded machine did: the map never heard of its size
            frame.evaluate(
                "() => { const {map} = Object.values(IskAtlas.maps)[0];"
                " L.DomEvent.off(window, 'resize', map._onResize, map); }"
            )
        page.evaluate("() => { document.getElementById('host').style.width = '900px'; }")
        frame.wait_for_function(f"() => ({MAP_SIZE_JS})().join() === '900,700'", timeout=5_000)
        framed = frame.evaluate(
            "(b) => { const {map} = Object.values(IskAtlas.maps)[0]; return [map.getZoom(), map.getBoundsZoom(b)]; }",
            DEFAULT_BOUNDS,
        )
        assert framed[0] == framed[1] > 0
        where = frame.evaluate(
            "([l, e]) => IskAtlas.locate(l, e)",
            [LAYER_NAMES["attack"], "2021-10-15-kandahar-imam-bargah-mosque-bombing"],
        )
        box = page.locator("iframe").bounding_box()
        page.mouse.click(box["x"] + where["x"], box["y"] + where["y"])
        frame.locator(".leaflet-popup-content", has_text="Kandahar").wait_for(state="visible", timeout=5_000)
    finally:
        context.close()


def test_each_layer_has_the_register_features(combined: OpenedPage, register: list[Event]) -> None:
    counts = combined.page.evaluate("() => IskAtlas.counts()")
    by_type = collections.Counter(event.event_type for event in register if event.status != "rejected")
    for event_type, name in LAYER_NAMES.items():
        assert counts[name] == by_type[event_type], name
    admin1 = load_admin1()
    assert counts[BASEMAP_NAME] == len(admin1)
    assert counts[NEIGHBOURS_NAME] == int((admin1["country"] != "AFG").sum())
    assert counts[CHOROPLETH_NAME] == int((admin1["kind"] == "province").sum())
    assert all(combined.page.evaluate("() => IskAtlas.visible()").values())


def test_unticking_a_layer_in_the_control_hides_it(combined: OpenedPage) -> None:
    name = LAYER_NAMES["attack"]
    box = combined.page.locator(".leaflet-control-layers-overlays label", has_text=name).locator("input")
    box.uncheck()
    visible = combined.page.evaluate("() => IskAtlas.visible()")
    assert visible[name] is False
    assert visible[LAYER_NAMES["presence"]] is True
    assert combined.page.evaluate("([l, e]) => IskAtlas.locate(l, e)", [name, "x"]) is None
    box.check()
    assert combined.page.evaluate("() => IskAtlas.visible()")[name] is True


def test_clicking_a_marker_opens_a_popup_naming_its_source(
    combined: OpenedPage, register: list[Event], metadata: dict[str, SourceMeta]
) -> None:
    event = next(e for e in register if e.event_id == "2021-10-15-kandahar-imam-bargah-mosque-bombing")
    text = _click_event(combined, LAYER_NAMES["attack"], event.event_id)
    title = metadata[event.source_ids[0]].title
    assert title and title in text
    assert "Sources" in text and "Kandahar" in text
    assert combined.console_errors == [] and combined.page_errors == []


def test_a_launch_arrow_opens_its_popup_too(combined: OpenedPage) -> None:
    text = _click_event(combined, LAYER_NAMES["cross_border_launch"], "2022-04-18-hairatan-rockets-uzbekistan")
    assert "Cross-border launch" in text and "Target" in text


def test_hostile_text_opens_no_dialog_and_sets_no_flag(hostile: OpenedPage) -> None:
    started = time.perf_counter()
    text = _click_event(hostile, LAYER_NAMES["attack"], "hostile-attack")
    hostile.page.wait_for_timeout(200)
    assert SCRIPT in text  # shown as the text it is
    assert hostile.dialogs == []
    assert hostile.page.evaluate("() => window.__pwned") is None
    assert hostile.page.locator(".leaflet-popup-content img").count() == 0
    assert hostile.page.locator(".leaflet-popup-content a").count() == 0  # the javascript: url is no link
    assert hostile.requests == []  # not even the broken image's request
    assert hostile.page_errors == [] and hostile.console_errors == []
    assert time.perf_counter() - started < 5


def test_an_area_report_never_covers_a_point_from_the_mouse(combined: OpenedPage, register: list[Event]) -> None:
    # A Kabul-province attack comes after this Kabul point in the register: the point must still be clickable.
    event = next(e for e in register if e.event_id == "2023-01-11-kabul-foreign-ministry-bombing")
    # Zoom in on it: at country scale the Kabul points overlap each other (not what this test is about).
    assert combined.page.evaluate("([l, e]) => IskAtlas.focus(l, e, 15)", [LAYER_NAMES["attack"], event.event_id])
    text = _click_event(combined, LAYER_NAMES["attack"], event.event_id)
    assert event.summary.splitlines()[0][:40] in text
    # The province-level report is in the same layer, as an area, not a pin.
    area = combined.page.evaluate(
        "([l, e]) => IskAtlas.locate(l, e)", [LAYER_NAMES["attack"], "2022-08-11-rahimullah-haqqani-killed"]
    )
    assert area is not None


def test_country_level_reports_are_outlines_that_do_not_catch_clicks_inside(combined: OpenedPage) -> None:
    styles = combined.page.evaluate(
        """(names) => { const out = {};
          names.forEach(name => IskAtlas.marks(name).forEach(m => {
            if (m.drawn === "country") m.ids.forEach(id => { out[id] = m.fill; }); }));
          return out; }""",
        list(LAYER_NAMES.values()),
    )
    assert "2019-taliban-offensive-against-isk" in styles
    assert set(styles.values()) == {False}
    # Mid-Afghanistan (Ghor, no point there): a click inside the outlines opens no country-level popup.
    where = combined.page.evaluate(
        "() => { const m = Object.values(IskAtlas.maps)[0].map;"
        " const p = m.latLngToContainerPoint([34.1, 64.9]);"
        " const b = m.getContainer().getBoundingClientRect(); return {x: b.left + p.x, y: b.top + p.y}; }"
    )
    combined.page.mouse.click(where["x"], where["y"])
    combined.page.wait_for_timeout(200)
    assert combined.page.locator(".leaflet-popup-content").count() == 0


def test_a_launch_known_only_country_to_country_is_dashed_and_says_so(combined: OpenedPage) -> None:
    name, event_id = LAYER_NAMES["cross_border_launch"], "2022-07-17-rockets-uzbekistan"
    dashes = combined.page.evaluate(
        """(name) => { const out = {};
          IskAtlas.marks(name).forEach(m => m.ids.forEach(id => { out[id] = m.dashArray; })); return out; }""",
        name,
    )
    assert dashes[event_id] and dashes["2022-07-05-rockets-majnuntol-uzbekistan"]  # both start at "Afghanistan"
    assert not dashes["2022-04-18-hairatan-rockets-uzbekistan"]  # both ends are places
    assert combined.page.evaluate("([l, e]) => IskAtlas.focus(l, e, 11)", [name, event_id])
    text = _click_event(combined, name, event_id)
    assert "only the country is reported" in text


def test_the_time_filter_keeps_only_the_reports_in_range(combined: OpenedPage, register: list[Event]) -> None:
    start, end = "2022-01-01", "2022-12-31"

    def in_range(event: Event) -> bool:
        if event.date_start is None:
            return False
        last = (event.date_end or event.date_start).isoformat()
        return last >= start and event.date_start.isoformat() <= end

    expected = collections.Counter(event.event_type for event in register if in_range(event))
    page = combined.page
    page.fill(".isk-from", start)
    page.fill(".isk-to", end)
    page.locator(".isk-undated input").uncheck()
    counts = page.evaluate("() => IskAtlas.counts()")
    for event_type, name in LAYER_NAMES.items():
        assert counts[name] == expected[event_type], name
    assert sum(expected.values()) < len(register)
    assert combined.page_errors == [] and combined.console_errors == []


# ------------------------------------------------------------------- labels never cover each other

LAUNCHES = LAYER_NAMES["cross_border_launch"]
HAIRATAN = "2022-04-18-hairatan-rockets-uzbekistan"
# Each launch label as the browser lays it out: text, whether it is visible, its rect in the page. (A label whose
# line was just filtered out fades out for a moment: transparent, not shown.)
LINE_LABELS_JS = """() => Array.from(document.querySelectorAll('.isk-line-label')).map(node => {
  const r = node.getBoundingClientRect(), style = getComputedStyle(node);
  return {text: node.textContent, shown: style.visibility === 'visible' && style.opacity !== '0',
          box: [r.left, r.top, r.right, r.bottom]}; })"""


def _line_labels(opened: OpenedPage) -> list[dict[str, Any]]:
    labels: list[dict[str, Any]] = opened.page.evaluate(LINE_LABELS_JS)
    return labels


def _shown_line_labels(opened: OpenedPage) -> set[str]:
    return {label["text"] for label in _line_labels(opened) if label["shown"]}


def _intersect(a: list[float], b: list[float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _overlapping(boxes: list[tuple[str, list[float]]]) -> list[tuple[str, str]]:
    return [(name_a, name_b) for k, (name_a, a) in enumerate(boxes) for name_b, b in boxes[k + 1 :] if _intersect(a, b)]


def _assert_no_label_covers_another(opened: OpenedPage) -> dict[str, Any]:
    """No two shown labels intersect: launch labels by their rects in the page, area names by the boxes the label
    canvas drew them in; returns the hook's report."""
    lines = [(label["text"], label["box"]) for label in _line_labels(opened) if label["shown"]]
    drawn: dict[str, Any] = opened.page.evaluate("() => IskAtlas.labels()")
    areas = [(area["name"], area["box"]) for area in drawn["areas"]]
    assert _overlapping(lines) == []
    assert _overlapping(areas) == []
    assert _overlapping(lines + areas) == []
    assert sorted(line["text"] for line in drawn["lines"]) == sorted(text for text, _ in lines)
    controls = opened.page.evaluate(
        """() => Array.from(document.querySelectorAll('.leaflet-control')).map(node => {
          const r = node.getBoundingClientRect(); return ['control', [r.left, r.top, r.right, r.bottom]]; })"""
    )
    assert [pair for pair in _overlapping(controls + lines + areas) if "control" in pair] == []  # none under them
    return drawn


def _assert_every_hidden_launch_label_lacks_room(opened: OpenedPage) -> None:
    """A launch label is hidden only when it would stick out of the map, sit under a control or touch (within the
    1 px kept free) a label shown."""
    labels = _line_labels(opened)
    controls = opened.page.evaluate(
        """() => Array.from(document.querySelectorAll('.leaflet-control')).map(node => {
          const r = node.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; })"""
    )
    shown = [label["box"] for label in labels if label["shown"]]
    for label in labels:
        if label["shown"]:
            continue
        left, top, right, bottom = label["box"]
        near = [left - 1, top - 1, right + 1, bottom + 1]
        outside = left < 0 or top < 0 or right > VIEWPORT["width"] or bottom > VIEWPORT["height"]
        assert outside or any(_intersect(near, box) for box in controls + shown), label


def test_no_two_shown_labels_overlap_at_the_default_view(combined: OpenedPage) -> None:
    # The old page showed all four launch labels around Hairatan/Termez piled on each other, and drew "Tashkent
    # City" over "Tashkent Region".
    labels = _line_labels(combined)
    assert len(labels) == 4
    shown = _shown_line_labels(combined)
    assert "2022-05-01" in shown and 0 < len(shown) < len(labels)
    drawn = _assert_no_label_covers_another(combined)
    _assert_every_hidden_launch_label_lacks_room(combined)
    names = {area["name"] for area in drawn["areas"]}
    assert {"Herat", "Kandahar", "Helmand", "Kabul", "Badakhshan", "Tashkent Region"} <= names
    assert len(names) > 60  # most names still fit
    assert combined.page_errors == [] and combined.console_errors == []


def test_zooming_in_on_hairatan_shows_the_labels_hidden_before(combined: OpenedPage) -> None:
    hidden = {label["text"] for label in _line_labels(combined) if not label["shown"]}
    assert "2022-04-18, 10 rockets" in hidden
    names_before = {area["name"] for area in combined.page.evaluate("() => IskAtlas.labels()")["areas"]}
    assert "Tashkent City" not in names_before
    assert combined.page.evaluate("([l, e]) => IskAtlas.focus(l, e, 10)", [LAUNCHES, HAIRATAN])
    shown = _shown_line_labels(combined)
    assert hidden <= shown
    _assert_no_label_covers_another(combined)
    _assert_every_hidden_launch_label_lacks_room(combined)
    # Back out: they are hidden again (the zoom, not the first placement, decides).
    combined.page.evaluate("() => { Object.values(IskAtlas.maps)[0].map.setZoom(6, {animate: false}); }")
    assert _shown_line_labels(combined) != shown
    _assert_no_label_covers_another(combined)


def test_a_hidden_launch_label_shows_while_the_mouse_is_on_its_line(combined: OpenedPage) -> None:
    hidden = {label["text"] for label in _line_labels(combined) if not label["shown"]}
    where = combined.page.evaluate("([l, e]) => IskAtlas.locate(l, e)", [LAUNCHES, HAIRATAN])
    combined.page.mouse.move(where["x"], where["y"])
    assert _shown_line_labels(combined) & hidden  # the label of the line under the mouse
    combined.page.wait_for_timeout(100)  # Leaflet handles at most one hover every 32 ms
    combined.page.mouse.move(where["x"], where["y"] + 250)
    assert not _shown_line_labels(combined) & hidden


def test_filtering_and_toggling_place_the_labels_again(combined: OpenedPage) -> None:
    page = combined.page
    page.fill(".isk-from", "2022-04-01")
    page.fill(".isk-to", "2022-04-30")
    assert _shown_line_labels(combined) == {"2022-04-18, 10 rockets"}  # alone in range: room for it now
    page.fill(".isk-to", "2023-03-16")
    assert "2022-04-18, 10 rockets" not in _shown_line_labels(combined)
    names_with = {area["name"] for area in _assert_no_label_covers_another(combined)["areas"]}
    # Without the launches, the province names their labels pushed out come back.
    page.locator(".leaflet-control-layers-overlays label", has_text=LAUNCHES).locator("input").uncheck()
    names_without = {area["name"] for area in _assert_no_label_covers_another(combined)["areas"]}
    assert names_with < names_without
    assert combined.page_errors == [] and combined.console_errors == []


@pytest.fixture
def attacks(
    browser: Any, register: list[Event], metadata: dict[str, SourceMeta], pages_dir: Path
) -> Iterator[OpenedPage]:
    html = save(build_maps(register, metadata)["attacks"], pages_dir / "attacks.html", offline=True)
    yield from _open(browser, html)


def test_an_area_whose_name_has_no_room_names_itself_under_the_mouse(attacks: OpenedPage) -> None:
    # The attacks map has no other layer naming areas: the basemap does, quietly (no pointer, no popup).
    drawn = {area["name"] for area in attacks.page.evaluate("() => IskAtlas.labels()")["areas"]}
    assert "Tashkent Region" in drawn and "Tashkent City" not in drawn
    where = attacks.page.evaluate(
        """(name) => { const st = Object.values(IskAtlas.maps)[0];
          const f = st.layers[name].features.find(f => f.properties.name === 'Tashkent City');
          const p = st.map.latLngToContainerPoint(f.properties.at), b = st.map.getContainer().getBoundingClientRect();
          return {x: b.left + p.x, y: b.top + p.y}; }""",
        BASEMAP_NAME,
    )
    attacks.page.mouse.move(where["x"], where["y"])
    attacks.page.wait_for_timeout(100)  # Leaflet handles at most one hover every 32 ms
    attacks.page.mouse.move(where["x"] + 1, where["y"] + 1)
    tooltip = attacks.page.locator(".leaflet-tooltip")
    tooltip.wait_for(state="visible", timeout=5_000)
    assert tooltip.inner_text() == "Tashkent City"
    assert "leaflet-interactive" not in (
        attacks.page.locator(".leaflet-overlay-pane canvas").get_attribute("class") or ""
    )
    attacks.page.mouse.click(where["x"] + 1, where["y"] + 1)
    attacks.page.wait_for_timeout(200)
    assert attacks.page.locator(".leaflet-popup-content").count() == 0


def many_launches(count: int) -> list[Event]:
    """`count` launches on a grid along the Afghan-Uzbek-Tajik border, each a short arrow north (0.2 degrees
    apart: at country scale they pile up, at a close zoom a few are in view)."""
    events = []
    for k in range(count):
        lat, lon = 36.6 + 0.2 * (k % 4), 65.5 + 0.2 * (k // 4)
        events.append(
            Event(
                event_id=f"launch-{k:03d}",
                event_type="cross_border_launch",
                sub_type="rocket_fire",
                summary=f"Launch {k}",
                date_start=f"2022-{1 + k % 12:02d}-{1 + k % 28:02d}",
                date_precision="day",
                place_text=f"Site {k}",
                country="AFG",
                lat=lat,
                lon=lon,
                geo_precision="point",
                target_place_text=f"Target {k}",
                target_country="UZB",
                target_lat=lat + 0.1,
                target_lon=lon,
                rockets=1 + k % 9,
                sources=[{"source_id": "s1"}],
                status="confirmed",
            )
        )
    return events


@pytest.fixture
def launches(browser: Any, pages_dir: Path) -> Iterator[OpenedPage]:
    metadata = {"s1": SourceMeta(source_id="s1", file="s1.txt", title="Report one")}
    html = save(build_maps(many_launches(260), metadata)["cross_border"], pages_dir / "launches.html", offline=True)
    yield from _open(browser, html)


def test_too_many_launches_in_view_get_no_labels_until_zoomed_in(launches: OpenedPage) -> None:
    # 260 arrows in view, more than the page labels at once (200): no label at all, not a pile of hidden ones.
    assert launches.page.evaluate("() => IskAtlas.counts()")[LAUNCHES] == 260
    assert _line_labels(launches) == []
    # The arrow under the mouse still names itself.
    where = launches.page.evaluate("([l, e]) => IskAtlas.locate(l, e)", [LAUNCHES, "launch-130"])
    launches.page.mouse.move(where["x"], where["y"])
    assert len(_shown_line_labels(launches)) == 1
    # Close in, a few arrows are in view: each gets its label where there is room, none covering another.
    assert launches.page.evaluate("([l, e]) => IskAtlas.focus(l, e, 10)", [LAUNCHES, "launch-130"])
    labels = _line_labels(launches)
    assert 1 < len(labels) < 60
    assert sum(label["shown"] for label in labels) > 1
    _assert_no_label_covers_another(launches)
    _assert_every_hidden_launch_label_lacks_room(launches)
    assert launches.page_errors == [] and launches.console_errors == []


# ------------------------------------------------------------------- areas carry their reports (one polygon each)


def _presence(event_id: str, day: str, status: str = "confirmed", **place: Any) -> Event:
    return Event(
        event_id=event_id,
        event_type="presence",
        summary=f"Report {event_id}",
        date_start=day,
        date_precision="day",
        country="AFG",
        sources=[{"source_id": "s1"}],
        status=status,
        **place,
    )


def area_events() -> list[Event]:
    """3 reviewed and 1 unreviewed province-level report in Nangarhar, 12 in Kunar (one a month of 2022), and one
    point in Kabul."""
    nangarhar = {"place_text": "Nangarhar", "place_id": "AF-NAN", "admin1": "AF-NAN", "geo_precision": "province"}
    kunar = {"place_text": "Kunar", "place_id": "AF-KNR", "admin1": "AF-KNR", "geo_precision": "province"}
    events = [
        _presence(f"nan-{i}", day, **nangarhar) for i, day in enumerate(("2022-02-01", "2022-03-01", "2022-09-01"))
    ]
    events.append(_presence("nan-unreviewed", "2022-04-01", status="extracted", **nangarhar))
    events += [_presence(f"knr-{month:02d}", f"2022-{month:02d}-10", **kunar) for month in range(1, 13)]
    kabul = {"place_text": "Kabul", "admin1": "AF-KAB", "lat": 34.53, "lon": 69.17, "geo_precision": "point"}
    events.append(_presence("kabul-point", "2022-06-01", **kabul))
    return events


@pytest.fixture
def areas(browser: Any, pages_dir: Path) -> Iterator[OpenedPage]:
    metadata = {"s1": SourceMeta(source_id="s1", file="s1.txt", title="Report one", publisher="Agency")}
    html = save(build_maps(area_events(), metadata)["presence"], pages_dir / "areas.html", offline=True)
    yield from _open(browser, html)


def _marks(opened: OpenedPage) -> list[dict[str, Any]]:
    marks: list[dict[str, Any]] = opened.page.evaluate("(name) => IskAtlas.marks(name)", LAYER_NAMES["presence"])
    return marks


def _choropleth(opened: OpenedPage, area_id: str) -> int:
    count: int = opened.page.evaluate(
        """([name, id]) => { let n = null; const st = Object.values(IskAtlas.maps)[0];
          st.layers[name].layer.eachLayer(c => { if (c.feature.properties.id === id) n = c.feature.properties.count; });
          return n; }""",
        [CHOROPLETH_NAME, area_id],
    )
    return count


def test_reports_in_one_province_are_one_polygon_per_review_status(areas: OpenedPage) -> None:
    marks = _marks(areas)
    by_ids = {tuple(sorted(mark["ids"])): mark for mark in marks}
    assert len(marks) == 4  # Nangarhar reviewed, Nangarhar unreviewed, Kunar, the Kabul point
    nangarhar = by_ids[("nan-0", "nan-1", "nan-2")]
    assert nangarhar["area"] and nangarhar["drawn"] == "province" and not nangarhar["unreviewed"]
    hollow = by_ids[("nan-unreviewed",)]
    assert hollow["area"] and hollow["unreviewed"] and hollow["dashArray"]
    assert by_ids[("kabul-point",)]["area"] is False
    assert areas.page.evaluate("() => IskAtlas.counts()")[LAYER_NAMES["presence"]] == 17  # events, not polygons
    assert _choropleth(areas, "AF-KNR") == 12 and _choropleth(areas, "AF-NAN") == 4


def test_an_area_popup_lists_its_reports_a_page_at_a_time(areas: OpenedPage) -> None:
    text = _click_event(areas, LAYER_NAMES["presence"], "knr-05")
    assert "12 reports placed only as the province Kunar" in text
    popup = areas.page.locator(".leaflet-popup-content")
    assert popup.locator(".isk-event").count() == 10
    assert "Report one" in text and "Agency" in text  # every listed report names its source
    popup.locator("button.isk-more").click()
    assert popup.locator(".isk-event").count() == 12
    assert popup.locator("button.isk-more").count() == 0
    listed = popup.inner_text()
    assert all(f"Report knr-{month:02d}" in listed for month in range(1, 13))


def test_the_time_filter_recounts_the_areas(areas: OpenedPage) -> None:
    page = areas.page
    page.fill(".isk-from", "2022-01-01")
    page.fill(".isk-to", "2022-06-30")
    page.locator(".isk-undated input").uncheck()
    ids = sorted(id_ for mark in _marks(areas) for id_ in mark["ids"])
    assert ids == sorted(["nan-0", "nan-1", "nan-unreviewed", "kabul-point", *(f"knr-{m:02d}" for m in range(1, 7))])
    assert page.evaluate("() => IskAtlas.counts()")[LAYER_NAMES["presence"]] == 10
    assert _choropleth(areas, "AF-KNR") == 6 and _choropleth(areas, "AF-NAN") == 3
    text = _click_event(areas, LAYER_NAMES["presence"], "knr-02")
    assert "6 reports placed only as the province Kunar" in text and "Report knr-09" not in text
    page.fill(".isk-from", "2022-11-01")
    page.fill(".isk-to", "2022-12-31")
    assert [mark["ids"] for mark in _marks(areas)] == [["knr-11", "knr-12"]]
    assert areas.page_errors == [] and areas.console_errors == []


def test_a_point_click_opens_its_own_popup(areas: OpenedPage) -> None:
    assert areas.page.evaluate("([l, e]) => IskAtlas.focus(l, e, 12)", [LAYER_NAMES["presence"], "kabul-point"])
    text = _click_event(areas, LAYER_NAMES["presence"], "kabul-point")
    assert "Report kabul-point" in text and "Kunar" not in text


# ------------------------------------------------------------- the user's district boundaries (isk-atlas geo districts)


def test_a_district_report_is_drawn_as_its_district_with_a_user_district_layer(
    browser: Any, pages_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shapely

    from tests.districts_fixtures import home_with_districts

    area = shapely.box(68.95, 37.15, 69.05, 37.25)
    monkeypatch.setenv("ISK_ATLAS_HOME", str(home_with_districts(tmp_path / "home", {"Emam Saheb": area})))
    district = {"place_text": "Imam Sahib", "place_id": "AF-KDZ.imam-sahib", "admin1": "AF-KDZ",
                "admin2": "Imam Sahib", "geo_precision": "district"}  # fmt: skip
    events = [_presence("imam-sahib", "2022-05-01", **district), _presence("kabul", "2022-05-02", place_text="Kabul",
              admin1="AF-KAB", lat=34.53, lon=69.17, geo_precision="point")]  # fmt: skip
    metadata = {"s1": SourceMeta(source_id="s1", file="s1.txt", title="Report one")}
    html = save(build_maps(events, metadata)["presence"], pages_dir / "districts.html", offline=True)
    for opened in _open(browser, html):
        by_id = {mark["ids"][0]: mark for mark in _marks(opened)}
        assert by_id["imam-sahib"]["area"] and by_id["imam-sahib"]["drawn"] == "district"
        assert by_id["kabul"]["area"] is False
        assert opened.page.evaluate("([l, e]) => IskAtlas.focus(l, e, 10)", [LAYER_NAMES["presence"], "imam-sahib"])
        text = _click_event(opened, LAYER_NAMES["presence"], "imam-sahib")
        assert "placed only as the district Imam Sahib" in text and "drawn as the whole district" in text
        assert opened.page_errors == [] and opened.console_errors == []
