from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from isk_atlas.cli import app
from isk_atlas.errors import InputError
from isk_atlas.pipeline import MAP_NAMES, BuildOptions, BuildReport, build_lock, run_build
from isk_atlas.places import PlaceModel
from isk_atlas.state import BuildState
from tests.conftest import ROOT

Build = Callable[[BuildOptions], BuildReport]


@pytest.fixture
def build(place_model: PlaceModel) -> Build:
    """`run_build` on the session's place model, in a fresh state each call (which gives a fresh build's bytes)."""
    return lambda options: run_build(options, BuildState(places=place_model))


runner = CliRunner()


def _features(out: Path) -> list[dict[str, object]]:
    return list(json.loads((out / "events.geojson").read_text())["features"])


def test_build_on_the_embedded_data_writes_every_output(tmp_path: Path) -> None:
    out = tmp_path / "out"
    report = run_build(BuildOptions(out_dir=out, quiet=True))
    assert report.problems == []
    expected = {out / "maps" / f"{name}.html" for name in MAP_NAMES}
    expected |= {out / f"events.{ext}" for ext in ("geojson", "gpkg", "csv")}
    assert expected <= set(report.outputs)
    assert all(path.stat().st_size > 0 for path in expected)
    features = _features(out)
    register_ids = {line.split(":", 1)[1].strip() for line in (ROOT / "data" / "register.yaml").read_text().splitlines()
                    if line.startswith("- event_id:")}  # fmt: skip
    assert {f["properties"]["event_id"] for f in features} == register_ids  # type: ignore[index]
    assert report.unlocated == []
    combined = (out / "maps" / "combined.html").read_text()
    assert "2022-04-18" in combined  # the Hairatan launch is on the map


def test_build_with_the_articles_adds_their_unreviewed_events(
    tmp_path: Path, shared_sources: Path, build: Build
) -> None:
    out = tmp_path / "out"
    report = build(BuildOptions(sources_dir=shared_sources, out_dir=out, quiet=True))
    assert report.problems == []
    statuses = {f["properties"]["status"] for f in _features(out)}  # type: ignore[index]
    assert "confirmed" in statuses
    # Register events keep their status; extracted ones the register lacks are marked as such.
    assert statuses <= {"confirmed", "edited", "extracted"}


def test_a_broken_register_row_is_reported_and_the_rest_is_built(tmp_path: Path) -> None:
    register = tmp_path / "register.yaml"
    text = (ROOT / "data" / "register.yaml").read_text()
    register.write_text(text.replace("event_type: attack", "event_type: riot", 1))
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", "--register", str(register), "--out", str(out), "--quiet"])
    assert result.exit_code == 1
    assert "register.yaml:" in result.stderr and "riot" in result.stderr
    assert (out / "maps" / "combined.html").exists()
    assert len(_features(out)) == text.count("- event_id:") - 1


def test_a_second_build_on_the_same_folder_is_refused(tmp_path: Path) -> None:
    with build_lock(tmp_path), pytest.raises(InputError, match="another build is writing"):
        run_build(BuildOptions(out_dir=tmp_path, quiet=True))


def test_missing_register_is_bad_input(tmp_path: Path) -> None:
    result = runner.invoke(app, ["build", "--register", str(tmp_path / "nope.yaml"), "--out", str(tmp_path / "o")])
    assert result.exit_code == 1
    assert "nope.yaml" in result.stderr


def test_cli_help_lists_the_design_commands() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for command in ("build", "geocode", "extract", "evaluate", "add-source", "geo"):
        assert command in result.stdout


def test_register_copy_is_not_modified_by_a_build(tmp_path: Path) -> None:
    register = tmp_path / "register.yaml"
    shutil.copy(ROOT / "data" / "register.yaml", register)
    before = register.read_bytes()
    run_build(BuildOptions(register_path=register, out_dir=tmp_path / "out", quiet=True))
    assert register.read_bytes() == before


def test_an_article_whose_extraction_fails_is_reported_and_the_others_are_mapped(
    tmp_path: Path, shared_sources: Path, build: Build, monkeypatch: pytest.MonkeyPatch
) -> None:
    from isk_atlas.events.extract import Extractor

    original = Extractor.extract_source

    def fragile(self: Extractor, source: object) -> list[object]:
        if getattr(source, "source_id", "") == "003_eb874b3569e05b4f":
            raise ValueError("figures out of order")
        return original(self, source)  # type: ignore[arg-type]

    monkeypatch.setattr(Extractor, "extract_source", fragile)
    out = tmp_path / "out"
    report = build(BuildOptions(sources_dir=shared_sources, out_dir=out, quiet=True))
    assert [p.path for p in report.problems] == [str(shared_sources / "003_eb874b3569e05b4f.txt")]
    assert "figures out of order" in str(report.problems[0])
    extracted_sources = {
        ref.split(":")[0]
        for f in _features(out)
        if f["properties"]["status"] == "extracted"  # type: ignore[index]
        for ref in str(f["properties"]["sources"]).split(";")  # type: ignore[index]
    }
    assert extracted_sources, "the other articles still give extracted events"
    assert "003_eb874b3569e05b4f" not in extracted_sources
    assert (out / "maps" / "combined.html").exists()


def test_a_build_removes_what_a_killed_build_left_behind(tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "maps").mkdir(parents=True)
    leftover = out / "maps" / ".combined.html.k3j2x9q1.html"
    leftover.write_text("half a page")
    run_build(BuildOptions(out_dir=out, quiet=True))
    assert not leftover.exists()
    assert (out / "maps" / "combined.html").exists()


def _small_corpus(folder: Path, shared_sources: Path, articles: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    chosen = sorted(shared_sources.glob("*.txt"))[:articles]
    for path in chosen:
        shutil.copy(path, folder / path.name)
    return chosen


def test_every_stage_is_timed_and_a_rebuild_extracts_only_the_new_article(
    tmp_path: Path, shared_sources: Path, build: Build
) -> None:
    from isk_atlas.pipeline import STAGES

    folder = tmp_path / "sources"
    chosen = _small_corpus(folder, shared_sources, 3)
    options = BuildOptions(sources_dir=folder, out_dir=tmp_path / "out", quiet=True)
    first = build(options)
    assert (first.extracted, first.from_cache) == (3, 0)
    assert list(first.stages.wall_s) == list(STAGES) and list(first.stages.cpu_s) == list(STAGES)
    assert all(seconds >= 0 for seconds in first.stages.wall_s.values())
    assert first.stages.cpu_s["extract"] > 0 and first.stages.wall_s["maps"] > 0

    again = build(options)  # same process, nothing changed: every article from the cache
    assert (again.extracted, again.from_cache) == (0, 3)
    assert [e.model_dump() for e in again.events] == [e.model_dump() for e in first.events]

    added = sorted(shared_sources.glob("*.txt"))[len(chosen)]
    shutil.copy(added, folder / added.name)
    rebuilt = build(options)
    assert (rebuilt.extracted, rebuilt.from_cache) == (1, 3)
    assert {ref.source_id for e in rebuilt.events for ref in e.sources} >= {added.stem}


def test_a_merge_that_fails_on_one_odd_event_is_reported_and_the_events_are_mapped_unmerged(
    tmp_path: Path, shared_sources: Path, build: Build, monkeypatch: pytest.MonkeyPatch
) -> None:
    from isk_atlas.events import merge

    def odd(*_: object, **__: object) -> object:
        raise ValueError("injured_low (12) is above injured_high (3)")

    monkeypatch.setattr(merge, "merge_with_register", odd)
    folder = tmp_path / "sources"
    _small_corpus(folder, shared_sources, 2)
    out = tmp_path / "out"
    report = build(BuildOptions(sources_dir=folder, out_dir=out, quiet=True))
    assert len(report.problems) == 1 and "mapped unmerged" in str(report.problems[0])
    assert "injured_low (12)" in str(report.problems[0])
    statuses = [f["properties"]["status"] for f in _features(out)]  # type: ignore[index]
    assert "extracted" in statuses and "confirmed" in statuses  # both the articles' and the register's events
    assert (out / "maps" / "combined.html").exists()


def test_a_build_whose_articles_are_all_cached_never_builds_the_toponym_index(
    tmp_path: Path, shared_sources: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from isk_atlas.events.cache import VERSION_FILE, ExtractionCache
    from isk_atlas.mentions import ToponymIndex
    from isk_atlas.places import PlaceModel

    folder = tmp_path / "sources"
    chosen = _small_corpus(folder, shared_sources, 2)
    options = BuildOptions(sources_dir=folder, out_dir=tmp_path / "out", quiet=True)
    first = run_build(options)
    real_mentions = PlaceModel.mentions.fget
    assert real_mentions is not None
    built: list[str] = []

    def counting_mentions(model: PlaceModel) -> ToponymIndex:
        built.append("index")
        return real_mentions(model)

    # As in a new process (each build without a state has a place model of its own): asking for the index counts.
    monkeypatch.setattr(PlaceModel, "mentions", property(counting_mentions))
    again = run_build(options)
    assert built == [] and (again.extracted, again.from_cache) == (0, 2)
    assert [e.model_dump() for e in again.events] == [e.model_dump() for e in first.events]

    added = sorted(shared_sources.glob("*.txt"))[len(chosen)]
    shutil.copy(added, folder / added.name)
    rebuilt = run_build(options)
    assert built == ["index"] and (rebuilt.extracted, rebuilt.from_cache) == (1, 2)
    assert rebuilt.stages.cpu_s["index"] >= 0 and rebuilt.stages.cpu_s["extract"] >= 0

    # A remembered version that is not the real one is found out as soon as the index is built: all is extracted
    # again under the real version, which is remembered instead.
    version_file = ExtractionCache.default().folder / VERSION_FILE
    remembered = json.loads(version_file.read_text())
    version_file.write_text(json.dumps(remembered | {"version": "not-the-real-one"}))
    (folder / added.name).write_text((folder / added.name).read_text() + "\nOne more line.\n")
    corrected = run_build(options)
    assert (corrected.extracted, corrected.from_cache) == (1, 2)
    assert json.loads(version_file.read_text())["version"] == remembered["version"]


def test_a_stage_inside_another_counts_for_itself_alone() -> None:
    import time

    from isk_atlas.pipeline import StageTimes

    stages = StageTimes()
    with stages.stage("extract"):
        time.sleep(0.05)
        with stages.stage("index"):
            time.sleep(0.2)
    assert list(stages.wall_s) == ["extract", "index"]
    assert 0.2 <= stages.wall_s["index"] < 0.4
    assert 0.05 <= stages.wall_s["extract"] < 0.15  # without the index's 0.2 s
    assert stages.as_dict()["wall_s"]["index"] == round(stages.wall_s["index"], 3)


def test_watch_builds_again_when_an_article_arrives_and_not_before(tmp_path: Path, shared_sources: Path) -> None:
    from isk_atlas.pipeline import watch

    folder = tmp_path / "sources"
    chosen = _small_corpus(folder, shared_sources, 2)
    options = BuildOptions(sources_dir=folder, out_dir=tmp_path / "out", quiet=True)
    reports: list[BuildReport] = []
    looks: list[float] = []

    def sleep(seconds: float) -> None:
        looks.append(seconds)
        if len(looks) == 3:  # nothing changed for three looks; then an article arrives
            added = sorted(shared_sources.glob("*.txt"))[len(chosen)]
            shutil.copy(added, folder / added.name)

    done = watch(options, reports.append, interval_s=0.25, builds=2, sleep=sleep)
    assert done == 2 and len(looks) == 3 and looks[0] == 0.25
    assert (reports[0].extracted, reports[0].from_cache) == (2, 0)
    assert (reports[1].extracted, reports[1].from_cache) == (1, 2)
    assert "imports" in reports[1].stages.wall_s and reports[1].stages.cpu_s["index"] < 1.0
    assert (tmp_path / "out" / "maps" / "combined.html").exists()


def test_outputs_built_from_the_same_inputs_are_not_drawn_again_unless_one_was_touched(
    tmp_path: Path, shared_sources: Path, build: Build
) -> None:
    from isk_atlas.pipeline import OUTPUTS_RECORD

    folder = tmp_path / "sources"
    _small_corpus(folder, shared_sources, 2)
    out = tmp_path / "out"
    options = BuildOptions(sources_dir=folder, out_dir=out, quiet=True)
    first = build(options)
    assert "maps" in first.stages.wall_s
    combined = out / "maps" / "combined.html"
    written = combined.stat().st_mtime_ns

    again = build(options)
    assert "maps" not in again.stages.wall_s and "check outputs" in again.stages.wall_s
    assert sorted(again.outputs) == sorted(first.outputs) and again.unlocated == first.unlocated
    assert combined.stat().st_mtime_ns == written

    combined.write_text("edited by hand", encoding="utf-8")  # an output changed since: everything is drawn again
    repaired = build(options)
    assert "maps" in repaired.stages.wall_s and "edited by hand" not in combined.read_text(encoding="utf-8")

    first_article = sorted(folder.glob("*.txt"))[0].name
    (folder / "sources.csv").write_text(f"file,title\n{first_article},A title\n", encoding="utf-8")  # new metadata
    changed = build(options)
    assert "maps" in changed.stages.wall_s
    assert (out / OUTPUTS_RECORD).exists()
    online = build(BuildOptions(sources_dir=folder, out_dir=out, quiet=True, offline=False))
    assert "maps" in online.stages.wall_s  # an option is an input too


def test_outputs_digest_follows_every_change_of_the_corpus() -> None:
    import datetime as dt

    from isk_atlas.pipeline import Corpus, outputs_digest
    from isk_atlas.schema import Event, SourceMeta, SourceRef

    def event(event_id: str, source: str) -> Event:
        return Event(
            event_id=event_id,
            event_type="attack",
            place_text="Kabul",
            admin1="AF-KAB",
            date_start=dt.date(2022, 12, 12),
            date_precision="day",
            sources=[SourceRef(source_id=source)],
        )

    corpus = Corpus(
        events=[event("e1", "s1"), event("e2", "s2")],
        metadata={name: SourceMeta(source_id=name, file=f"{name}.txt") for name in ("s1", "s2")},
        texts={"s1": "One text.", "s2": "Another text."},
        problems=[],
    )

    seen = {outputs_digest(corpus, True, False)}
    assert outputs_digest(corpus, True, False) in seen

    changes = [
        lambda: setattr(corpus.events[0], "killed_high", 4),  # an event changed in place
        lambda: corpus.events[1].sources.append(SourceRef(source_id="s1")),  # a list changed in place
        lambda: corpus.events.reverse(),  # the same events in another order
        lambda: corpus.texts.update(s2="Another text, edited."),
        lambda: corpus.texts.update(s2="Another text, edited \ud800 (a lone surrogate)."),
        lambda: setattr(corpus.metadata["s1"], "title", "A title"),
    ]
    for change in changes:
        change()
        digest = outputs_digest(corpus, True, False)
        assert digest not in seen
        seen.add(digest)
    assert outputs_digest(corpus, False, False) not in seen
