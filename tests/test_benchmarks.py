"""Fast tests of the benchmark harness on tiny sizes: the corpus generator, the event generator, the baseline map
pages and the report logic. No timing assertions; the one browser test is marked `browser`."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest

from benchmarks import __main__ as bench_main
from benchmarks import bench_build, bench_maps
from benchmarks.browser import browser_available
from benchmarks.corpus import (
    SOURCES_COLUMNS,
    add_article,
    builtin_places,
    corpus_digest,
    load_places,
    make_article,
    synthetic_events,
    write_corpus,
)
from isk_atlas.schema import EVENT_TYPES, Event


def test_same_seed_gives_byte_identical_corpus(tmp_path: Path) -> None:
    write_corpus(tmp_path / "a", 12, seed=3)
    write_corpus(tmp_path / "b", 12, seed=3)
    write_corpus(tmp_path / "c", 12, seed=4)
    assert corpus_digest(tmp_path / "a") == corpus_digest(tmp_path / "b")
    assert corpus_digest(tmp_path / "a") != corpus_digest(tmp_path / "c")


def test_smaller_corpus_is_a_prefix_and_one_more_article_is_the_next(tmp_path: Path) -> None:
    small = write_corpus(tmp_path / "small", 4, seed=5)
    large = write_corpus(tmp_path / "large", 5, seed=5)
    assert [a.text for a in small] == [a.text for a in large[:4]]
    added = add_article(tmp_path / "small", 4, seed=5)
    assert added.text == large[4].text
    assert corpus_digest(tmp_path / "small") == corpus_digest(tmp_path / "large")


def test_sources_csv_has_the_agreed_columns_and_one_row_per_file(tmp_path: Path) -> None:
    articles = write_corpus(tmp_path, 30, seed=1)
    with (tmp_path / "sources.csv").open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        assert tuple(reader.fieldnames or ()) == SOURCES_COLUMNS
        rows = list(reader)
    assert [r["file"] for r in rows] == [a.file for a in articles]
    for row in rows:
        assert (tmp_path / row["file"]).is_file()
        assert row["file"] == row["source_id"] + ".txt"
        assert re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", row["published"])
        assert row["published_precision"] == ("day" if len(row["published"]) == 10 else "month")
        assert not row["url"] or row["url"].startswith("https://")


def test_articles_name_real_places_and_report_events() -> None:
    places = builtin_places()
    names = {p.name for p in (*places.districts, *places.towns)}
    texts = [make_article(i, 9, places).text for i in range(40)]
    assert all(any(name in text for name in names) for text in texts)
    joined = " ".join(texts)
    assert "ISIS-K" in joined
    assert re.search(r"\b\d+ (?:people|dead|fighters|suspected members)", joined)
    assert "rockets" in joined.lower()


def _word_runs(text: str, length: int = 12) -> set[tuple[str, ...]]:
    words = re.findall(r"[a-z0-9']+", text.lower())
    return {tuple(words[i : i + length]) for i in range(len(words) - length + 1)}


def test_articles_share_no_twelve_word_run_with_the_source_articles(shared_sources: Path) -> None:
    source_runs: set[tuple[str, ...]] = set()
    for path in shared_sources.glob("*.txt"):
        source_runs |= _word_runs(path.read_text(encoding="utf-8"))
    places = builtin_places()
    for i in range(60):
        assert not (_word_runs(make_article(i, 2, places).text) & source_runs)


def test_synthetic_events_are_valid_spread_and_reproducible() -> None:
    events, metadata = synthetic_events(400, seed=2)
    again, _ = synthetic_events(400, seed=2)
    assert len(events) == 400 and all(isinstance(e, Event) for e in events)
    assert [e.model_dump() for e in events] == [e.model_dump() for e in again]
    assert {e.event_type for e in events} == set(EVENT_TYPES)
    assert len({e.event_id for e in events}) == 400
    assert all(s in metadata for e in events for s in e.source_ids)
    for event in events:
        if event.geo_precision in ("province", "region", "country"):
            assert event.lat is None  # an area report is never a pin
        else:
            assert event.lat is not None and event.lon is not None
        if event.event_type == "cross_border_launch":
            assert event.target_lat is not None and event.target_country in {"UZB", "TJK", "TKM"}
    places = load_places()
    province_ids = {p.id for p in places.provinces}
    assert {e.place_id for e in events if e.geo_precision == "province"} <= province_ids


def _escaping_events() -> tuple[list[Event], dict[str, object]]:
    events, metadata = synthetic_events(6, seed=8)
    events[0].summary = "<script>alert(1)</script> & more"
    return events, metadata  # type: ignore[return-value]


def test_naive_page_has_one_marker_and_popup_per_event_escaped_and_no_remote_assets() -> None:
    events, metadata = _escaping_events()
    page = bench_maps.naive_folium_page(events, metadata, load_places())  # type: ignore[arg-type]
    assert page.count("L.marker(") == len(events)
    assert page.count("L.popup(") == len(events)
    assert "<script>alert(1)</script>" not in page
    assert not re.search(r'<(script src|link rel="stylesheet" href)="https?://', page)
    assert "Leaflet" in page  # the library is inlined


def test_canvas_page_draws_one_geojson_layer_per_type_on_canvas() -> None:
    events, metadata = _escaping_events()
    page = bench_maps.canvas_geojson_page(events, metadata, load_places())  # type: ignore[arg-type]
    assert page.count("L.geoJson(") == len({e.event_type for e in events})
    assert '"preferCanvas": true' in page
    assert "<script>alert(1)</script>" not in page
    assert not re.search(r'<script src="https?://', page)


def test_html_breakdown_finds_the_largest_block() -> None:
    page = "<html><script>" + "x" * 500 + "</script><style>a{}</style><script>var m = 1;</script></html>"
    breakdown = bench_maps.html_breakdown(page)
    assert breakdown["inline_blocks"] == 3
    assert breakdown["largest"][0]["bytes"] == 500


def test_ratios_and_targets_are_computed_only_where_both_were_measured() -> None:
    naive = {
        "1000": {"html_bytes": 1000, "drawn_ms": 900.0},
        "10000": {"html_bytes": 9000, "drawn_ms": None, "timed_out": True, "timeout_s": 90.0},
    }
    project = {"10000": {"html_bytes": 3000, "drawn_ms": 1000.0}, "100000": {"html_bytes": 9, "drawn_ms": 9000.0}}
    ratios = bench_maps._ratios(project, naive, {})
    assert "1000" not in ratios
    assert ratios["10000"]["naive_over_project_html_bytes"] == 3.0
    assert "timed out" in ratios["10000"]["naive_over_project_drawn_ms"]
    targets = bench_maps._targets(project)
    assert targets["10000_html_met"] is True
    assert targets["10000_drawn_met"] is True
    assert targets["100000_drawn_met"] is False


def test_maps_run_without_browser_reports_sizes_and_project_status() -> None:
    report = bench_maps.run([40], [20], repeats=1, use_browser=False)
    assert report["canvas_geojson"]["40"]["events"] == 40
    assert report["canvas_geojson"]["40"]["html_bytes"] > 0
    assert report["naive_folium"]["20"]["browser"] == "unavailable"
    assert "40" in report["project"] or report["project"].get("status") == "not measured"
    json.dumps(report)


def test_corpus_numbers_report_rates_and_reproducibility(tmp_path: Path) -> None:
    numbers = bench_build.corpus_numbers(tmp_path, [3, 6], seed=1, places=builtin_places())
    assert numbers["reproducible"] is True
    assert numbers["6"]["articles"] == 6 and numbers["6"]["mb"] > 0


def test_timed_process_reports_exit_status_and_timeout(tmp_path: Path) -> None:
    import os
    import sys

    ok = bench_build._timed_process([sys.executable, "-c", "print('done')"], dict(os.environ), 30)
    assert ok["exit_status"] == 0 and ok["stdout_tail"] == ["done"]
    slow = bench_build._timed_process([sys.executable, "-c", "import time; time.sleep(5)"], dict(os.environ), 0.2)
    assert slow["timed_out"] is True and slow["seconds"] is None


def test_summary_reads_headline_numbers() -> None:
    results = {
        "maps": {
            "project": {"10000": {"html_bytes": 5, "drawn_ms": 7.0, "timed_out": False}},
            "naive_folium": {"10000": {"html_bytes": 50, "drawn_ms": None, "timed_out": True}},
            "targets": {"10000_html_met": True},
        },
        "build": {
            "extraction": {"extract_mb_per_s": 1.5},
            "build": {"full": {"seconds": 10.0}, "rebuild_share_of_full": 0.05, "rebuild_target_met": True},
        },
    }
    summary = bench_main.summary(results)
    assert summary["project"]["10000"]["drawn_ms"] == 7.0
    assert summary["naive_folium"]["10000"]["timed_out"] is True
    assert summary["extract_mb_per_s"] == 1.5
    assert summary["full_build_s"] == 10.0
    assert summary["rebuild_target_met"] is True


def test_machine_names_cores_python_and_memory() -> None:
    info = bench_main.machine()
    assert info["cores"] and info["cores"] >= 1
    assert re.fullmatch(r"\d+\.\d+\.\d+", info["python"])


@pytest.mark.browser
def test_browser_times_a_naive_page_until_every_marker_is_drawn(tmp_path: Path) -> None:
    if not browser_available():
        pytest.skip("Debian's chromium or the playwright package is missing")
    from benchmarks.browser import copy_leaflet_images, open_browser

    events, metadata = synthetic_events(25, seed=4)
    page = tmp_path / "naive.html"
    page.write_text(bench_maps.naive_folium_page(events, metadata, load_places()), encoding="utf-8")
    copy_leaflet_images(tmp_path)
    with open_browser() as browser:
        result = browser.measure(page, timeout_s=30)
    assert not result.timed_out and result.error is None
    assert result.drawn_ms is not None and result.drawn_ms >= (result.load_event_ms or 0)
    assert result.page["census"]["features_in_groups"] == 25
    assert result.page["marker_elements"] == 25
    assert result.network_requests == 0
    assert result.console_errors == []


def test_compact_page_sends_each_source_once_and_escapes() -> None:
    events, metadata = _escaping_events()
    page = bench_maps.compact_canvas_page(events, metadata, load_places())  # type: ignore[arg-type]
    assert "<script>alert(1)</script>" not in page
    assert page.count("L.circleMarker(") == 1  # one loop, not one object per event
    cited = {s for e in events for s in e.source_ids}
    for source_id in cited:
        assert page.count(json.dumps(metadata[source_id].title)) == 1  # type: ignore[attr-defined]


@pytest.mark.browser
def test_compact_page_draws_every_event_and_writes_popups_on_click(tmp_path: Path) -> None:
    if not browser_available():
        pytest.skip("Debian's chromium or the playwright package is missing")
    from playwright.sync_api import sync_playwright

    from benchmarks.browser import CHROMIUM, CHROMIUM_ARGS

    events, metadata = synthetic_events(40, seed=6)
    page_path = tmp_path / "compact.html"
    page_path.write_text(bench_maps.compact_canvas_page(events, metadata, load_places()), encoding="utf-8")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(page_path.as_uri())
        page.wait_for_function("typeof window.iskAtlasDrawn === 'number'")
        opened = page.evaluate(
            """() => {
              const map = Object.values(window).find(v => v instanceof L.Map);
              let count = 0, first = null;
              map.eachLayer(layer => { if (layer instanceof L.CircleMarker) { count += 1; first = first || layer; } });
              first.fire('click', {latlng: first.getLatLng()}, true);
              const popup = document.querySelector('.leaflet-popup-content');
              return {count, text: popup ? popup.textContent : null};
            }"""
        )
        browser.close()
    assert opened["count"] == 40
    assert opened["text"] and "Synthetic report" in opened["text"]


def test_table_renders_measured_and_unmeasured_rows() -> None:
    from benchmarks.table import render

    document = {
        "machine": {"cores": 2, "python": "3.11.7"},
        "maps": {
            "project": {"10000": {"status": "not measured"}},
            "naive_folium": {"10000": {"html_bytes": 9_300_000, "timed_out": True, "timeout_s": 90.0}},
            "compact_canvas": {"10000": {"html_bytes": 1_350_000, "drawn_ms": 815.0, "python_build_s": 0.7}},
        },
        "summary": {"extract_mb_per_s": 0.3},
    }
    table = render(document)
    assert "| isk-atlas maps (combined, offline) | 10,000 | not measured |" in table
    assert "> 90 s (timed out)" in table
    assert "| 1.4 MB | 0.81 s | 0.7 s |" in table
    assert "0.3 MB/s" in table


def _fake_maps_module(monkeypatch: pytest.MonkeyPatch) -> None:
    """A stand-in `isk_atlas.maps` with the agreed interface, so the harness is tested before the real one."""
    import sys
    import types

    import folium

    def build_maps(events: list[Event], metadata: dict[str, object], texts: object = None) -> dict[str, folium.Map]:
        maps = {}
        for name in ("presence", "attacks", "cross_border", "combined"):
            fmap = folium.Map(tiles=None)
            for event in events[:5]:
                folium.CircleMarker((event.lat or 34.0, event.lon or 67.0)).add_to(fmap)
            maps[name] = fmap
        return maps

    def save(fmap: folium.Map, path: Path, offline: bool = True) -> None:
        Path(path).write_text(fmap.get_root().render(), encoding="utf-8")

    module = types.ModuleType("isk_atlas.maps")
    module.build_maps = build_maps  # type: ignore[attr-defined]
    module.save = save  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "isk_atlas.maps", module)


def test_maps_run_measures_the_project_maps_through_the_agreed_interface(monkeypatch: pytest.MonkeyPatch) -> None:
    _fake_maps_module(monkeypatch)
    report = bench_maps.run([30], [], repeats=1, use_browser=False)
    project = report["project"]["30"]
    assert project["html_bytes"] > 0 and project["maps"] == ["attacks", "combined", "cross_border", "presence"]
    assert project["build_maps_s"] >= 0 and project["build_profile_top"]
    assert project["html_breakdown"]["inline_blocks"] >= 1


def test_a_project_build_that_hangs_or_fails_is_reported(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import time

    def hangs(*_: object) -> dict[str, object]:
        time.sleep(30)
        return {}

    def fails(*_: object) -> dict[str, object]:
        raise ValueError("no such layer")

    monkeypatch.setattr(bench_maps, "project_page", hangs)
    assert bench_maps.project_page_in_child([], {}, tmp_path / "x.html", 0.5)["status"] == "timed out"
    monkeypatch.setattr(bench_maps, "project_page", fails)
    failed = bench_maps.project_page_in_child([], {}, tmp_path / "x.html", 20)
    assert failed["status"] == "failed" and "no such layer" in failed["error"]


def test_in_process_build_times_every_stage_and_extracts_only_the_added_article(tmp_path: Path) -> None:
    pytest.importorskip("isk_atlas.events.extract")
    places = load_places()
    corpus = tmp_path / "corpus"
    write_corpus(corpus, 6, seed=3, places=places)
    before = corpus_digest(corpus)
    result = bench_build.in_process_numbers(corpus, tmp_path / "work", seed=3, timeout_s=300)
    assert result.get("status") is None, result
    full, rebuild = result["full"], result["rebuild_after_adding_one"]
    stages = ("imports", "load", "register", "index", "extract", "merge", "check outputs", "frame", "exports", "maps")
    assert list(full["stages"]["wall_s"]) == list(stages)
    assert (full["articles_extracted"], full["articles_from_cache"]) == (6, 0)
    # The rebuild pays no imports and no index; only its new article is extracted.
    assert "imports" not in rebuild["stages"]["wall_s"] and rebuild["stages"]["cpu_s"]["index"] < 0.05
    assert rebuild["articles_extracted"] == 1
    assert rebuild["articles_from_cache"] in {6 + step for step in range(bench_build.REBUILD_REPEATS)}
    assert len(rebuild["runs_seconds"]) == bench_build.REBUILD_REPEATS
    assert result["rebuild_share_of_full"] == round(rebuild["seconds"] / full["seconds"], 3)
    assert result["rebuild_target_met"] is (result["rebuild_share_of_full"] <= 0.1)
    assert corpus_digest(corpus) == before  # the benchmark worked on its own copy


def test_process_runs_are_split_into_stages_with_startup_as_the_rest() -> None:
    timings = {
        "stages": {"wall_s": {"imports": 2.0, "maps": 3.0}, "cpu_s": {"imports": 1.9, "maps": 2.5}},
        "startup_cpu_s": 0.2,
        "articles_extracted": 1,
        "articles_from_cache": 1000,
        "events": 3300,
    }
    run = {"seconds": 5.75, "cpu_s": 4.8, "exit_status": 0, "stdout_tail": [json.dumps(timings)]}
    split = bench_build._with_stages(run)
    assert split["stages"]["wall_s"] == {"startup": 0.75, "imports": 2.0, "maps": 3.0}
    assert split["stages"]["cpu_s"]["startup"] == 0.2
    assert split["articles_from_cache"] == 1000 and "stdout_tail" not in split
    failed = {"seconds": 1.0, "exit_status": 1, "stdout_tail": []}
    assert bench_build._with_stages(failed) == failed
    runs = [{"seconds": 3.0}, {"seconds": 1.0}, {"seconds": 2.0}]
    assert bench_build._median_run(runs) == {"seconds": 2.0, "runs_seconds": [3.0, 1.0, 2.0]}


def test_summary_reads_both_ways_of_building() -> None:
    results = {
        "build": {
            "build": {
                "full": {"seconds": 12.0},
                "rebuild_after_adding_one": {"seconds": 9.0, "stages": {"wall_s": {"maps": 4.0}}},
                "rebuild_share_of_full": 0.75,
                "rebuild_share_of_full_cpu": 0.8,
                "rebuild_target_met": False,
                "unchanged_rebuild": {"seconds": 2.4},
                "unchanged_share_of_full": 0.2,
            },
            "rebuild_in_process": {
                "full": {"seconds": 14.0},
                "rebuild_after_adding_one": {"seconds": 1.4, "stages": {"wall_s": {"maps": 1.0}}},
                "rebuild_share_of_full": 0.1,
                "rebuild_target_met": True,
            },
        }
    }
    summary = bench_main.summary(results)
    assert (summary["full_build_s"], summary["rebuild_after_one_s"], summary["rebuild_target_met"]) == (
        12.0,
        9.0,
        False,
    )
    assert (summary["full_build_in_process_s"], summary["rebuild_in_process_s"]) == (14.0, 1.4)
    assert summary["rebuild_in_process_share"] == 0.1 and summary["rebuild_in_process_target_met"] is True
    assert summary["rebuild_stages_wall_s"] == {"process": {"maps": 4.0}, "in_process": {"maps": 1.0}}
    from benchmarks.table import render

    table = render({"summary": summary | {"build_succeeded": True}})
    assert "| rebuild after adding one (`isk-atlas build`) | 9.0 s (0.75 of the full build; CPU 0.8) |" in table
    assert "| rebuild after adding one (one session) | 1.4 s (0.1 of the full build; CPU -) |" in table
    assert "the floor of a fresh process | 2.4 s (0.2 of the full build) |" in table


def test_the_synthetic_ged_file_has_ged_columns_and_loads_as_expected(tmp_path: Path) -> None:
    from benchmarks.bench_datasets import OTHER_DYAD_EVERY, write_synthetic_ged
    from isk_atlas.datasets.formats import GED_COLUMNS
    from isk_atlas.datasets.load import load_datasets

    (tmp_path / "datasets").mkdir()
    path = tmp_path / "datasets" / "GEDEvent_synthetic.csv"
    expected = write_synthetic_ged(path, 50)
    with path.open(encoding="utf-8") as handle:
        assert tuple(next(csv.reader(handle))) == GED_COLUMNS
    assert expected == 50 - 50 // OTHER_DYAD_EVERY
    loaded = load_datasets(tmp_path / "datasets")
    assert loaded.problems == []
    assert len(loaded.frame) == expected
    assert loaded.frame["admin1"].str.startswith("AF-").all()


def test_extraction_benchmark_measures_the_real_development_split_only_when_its_texts_are_at_hand(
    tmp_path: Path,
) -> None:
    from extract_fixtures import small_index

    from benchmarks import bench_extract
    from isk_atlas.events.extract import Extractor

    index = small_index()
    extractor = Extractor(index=index)
    assert bench_extract._realdev(tmp_path / "absent", 1, extractor, index) == {}
    folder = tmp_path / "realdev"
    (folder / "texts").mkdir(parents=True)
    rows = [("a1", "dev", "Gunmen attacked a mosque in Kunduz city on Friday, killing three people."),
            ("a2", "holdout", "A bomb hit a bus in Kabul on Monday.")]  # fmt: skip
    (folder / "sources.csv").write_text(
        "source_id,published,split\n" + "".join(f"{i},2024-03-02,{split}\n" for i, split, _ in rows)
    )
    for source_id, _, text in rows:
        (folder / "texts" / f"{source_id}.txt").write_text(text + "\n")
    result = bench_extract._realdev(folder, 2, extractor, index)
    assert result["realdev_articles"] == 1  # the development split alone
    assert result["realdev_events"] == len(extractor.extract(rows[0][2] + "\n", "a1"))
    assert float(str(result["realdev_mb_per_s"])) > 0 and float(str(result["realdev_mb_per_s_wall"])) > 0
