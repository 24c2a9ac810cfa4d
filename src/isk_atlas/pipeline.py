"""The whole pipeline behind `isk-atlas build`: sources -> events -> register -> layers -> maps and exports.

One broken article or register row is reported and skipped; everything else is built. Outputs are written
atomically and a lock keeps two builds from writing the same output folder.

A rebuild pays only for what changed where it can: unchanged articles are not extracted again (the extraction
cache on disk, keyed by content hash), and outputs built from the same inputs are not drawn again (their digest
is recorded beside them). A process that stays alive (a notebook, `isk-atlas build --watch`) pays neither the
imports nor the toponym index twice, and passes the `isk_atlas.state.BuildState` it keeps (with its place model)
to each build: the stages after the merge then redo only what changed. Without a state, every stage computes from
its inputs. Each stage's wall-clock and CPU seconds are in `BuildReport.stages`.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from isk_atlas.atomic import exclusive_lock, remove_stale_temporaries
from isk_atlas.errors import InputError
from isk_atlas.paths import data_dir, default_register_path, default_sources_dir
from isk_atlas.schema import Event, SourceMeta

if TYPE_CHECKING:
    from isk_atlas.datasets.load import Datasets
    from isk_atlas.events.cache import ExtractionCache
    from isk_atlas.events.extract import Extractor
    from isk_atlas.sources import Source
    from isk_atlas.state import BuildState

MAP_NAMES = ("presence", "attacks", "cross_border", "combined")
# The stages of a build, in the order they run (`StageTimes` keys).
STAGES = (
    "imports", "load", "register", "index", "extract", "merge", "datasets", "check outputs", "frame", "exports", "maps"
)  # fmt: skip


@dataclass
class StageTimes:
    """Wall-clock and CPU seconds of each build stage, in the order the stages ran.

    A stage may run inside another (the toponym index, built when the first article misses the cache, inside
    extraction): its seconds count for it alone, not for the stage around it.
    """

    wall_s: dict[str, float] = field(default_factory=dict)
    cpu_s: dict[str, float] = field(default_factory=dict)
    _open: list[str] = field(default_factory=list, repr=False)

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        wall, cpu = time.perf_counter(), time.process_time()
        self.wall_s.setdefault(name, 0.0)
        self.cpu_s.setdefault(name, 0.0)
        outer = self._open[-1] if self._open else None
        self._open.append(name)
        try:
            yield
        finally:
            self._open.pop()
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            self.wall_s[name] += wall
            self.cpu_s[name] += cpu
            if outer is not None:
                self.wall_s[outer] -= wall
                self.cpu_s[outer] -= cpu

    def update(self, other: StageTimes) -> None:
        for name, seconds in other.wall_s.items():
            self.wall_s[name] = self.wall_s.get(name, 0.0) + seconds
        for name, seconds in other.cpu_s.items():
            self.cpu_s[name] = self.cpu_s.get(name, 0.0) + seconds

    def as_dict(self) -> dict[str, dict[str, float]]:
        """`{"wall_s": {stage: seconds}, "cpu_s": {...}}`, rounded to the millisecond."""
        return {
            "wall_s": {name: round(seconds, 3) for name, seconds in self.wall_s.items()},
            "cpu_s": {name: round(seconds, 3) for name, seconds in self.cpu_s.items()},
        }


@dataclass(frozen=True)
class BuildOptions:
    sources_dir: Path | None = None
    register_path: Path | None = None
    out_dir: Path = Path("out")
    offline: bool = True
    quiet: bool = False
    screenshots: bool = False
    # Reference datasets (UCDP GED, ACLED exports): None reads data/datasets/; all_actors ignores the actor list.
    datasets_dir: Path | None = None
    all_actors: bool = False


@dataclass
class BuildReport:
    outputs: list[Path] = field(default_factory=list)
    problems: list[InputError] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    unlocated: list[str] = field(default_factory=list)
    stages: StageTimes = field(default_factory=StageTimes)
    # Articles whose events came from the extraction cache, and those extracted in this build.
    from_cache: int = 0
    extracted: int = 0


@contextmanager
def build_lock(out_dir: Path) -> Iterator[None]:
    """Refuse to start while another build writes the same folder (it would interleave files).

    Holding the lock, leftovers of a build that was killed midway (hidden temporaries) are removed: their
    targets still hold the previous complete outputs.
    """
    with exclusive_lock(out_dir):
        remove_stale_temporaries(out_dir)
        yield


@dataclass
class Corpus:
    """What the pipeline knows before drawing: events to map, source metadata and article texts."""

    events: list[Event]
    metadata: dict[str, SourceMeta]
    texts: dict[str, str]
    problems: list[InputError]
    stages: StageTimes = field(default_factory=StageTimes)
    from_cache: int = 0
    extracted: int = 0
    # Events of reference datasets, drawn and exported beside these, never merged with them (isk_atlas.datasets).
    datasets: Datasets | None = None


def known_place_ids() -> set[str]:
    """Every id a register event may be pinned to: gazetteer entries and named regions."""
    from isk_atlas.geo import load_gazetteer, load_regions

    return set(load_gazetteer()["id"]) | set(load_regions()["id"])


def import_build_modules() -> None:
    """Import every module a build uses, up front, so that their cost is one stage of its own ("imports")
    instead of hiding in whichever stage first needs geopandas or folium. Free once a process has them."""
    import isk_atlas.events.extract
    import isk_atlas.events.merge
    import isk_atlas.export
    import isk_atlas.layers
    import isk_atlas.maps
    import isk_atlas.register  # noqa: F401


def collect(
    sources_dir: Path | None = None,
    register_path: Path | None = None,
    cache: bool = True,
    stages: StageTimes | None = None,
    state: BuildState | None = None,
) -> Corpus:
    """Read the sources and the register, extract what the register lacks, and merge (the register wins).

    With `cache`, extractions are read from and written to the cache folder (through the state's cache object when
    a `state` is given, which keeps them in memory too)."""
    from isk_atlas.events.cache import ExtractionCache, copy_event
    from isk_atlas.events.extract import Extractor
    from isk_atlas.events.merge import merge_with_register
    from isk_atlas.places import PlaceModel
    from isk_atlas.register import read_register
    from isk_atlas.sources import load_metadata, load_sources

    stages = stages if stages is not None else StageTimes()
    sources_dir = sources_dir or default_sources_dir()
    register_path = register_path or default_register_path()
    problems: list[InputError] = []

    with stages.stage("load"):
        source_set = load_sources(sources_dir)
        problems += source_set.problems
        metadata: dict[str, SourceMeta] = {}
        if sources_dir.resolve() != default_sources_dir().resolve() and default_sources_dir().is_dir():
            # The register cites the embedded sources; their metadata serves the popups whatever folder is read.
            metadata.update(load_metadata(default_sources_dir(), problems))
        metadata.update(source_set.metadata())
        texts = {source.source_id: source.text for source in source_set.sources}

    with stages.stage("register"):
        register: list[Event] = []
        if register_path.exists():
            # Broken rows are reported and left out; every valid row is still mapped.
            register, register_problems = read_register(
                register_path, known_sources=set(metadata), known_places=known_place_ids()
            )
            problems += register_problems
        else:
            problems.append(InputError(register_path, "register file not found"))

    extraction_cache = None
    if cache:
        extraction_cache = state.extraction_cache() if state is not None else ExtractionCache.default()
    with stages.stage("index"):
        extractor = Extractor(places=state.places if state is not None else PlaceModel())
        version = _remembered_version(extractor, extraction_cache)
    with stages.stage("extract"):
        per_source, from_cache, extracted_now = _extract(
            source_set.sources, extractor, version, extraction_cache, problems, stages
        )
    with stages.stage("merge"):
        extracted = [event for events in per_source.values() for event in events]
        try:
            events = merge_with_register(extracted, register).events
        except ValueError as error:  # pydantic's ValidationError too: one odd merged event never stops a build
            problems.append(InputError(None, f"merging extracted events failed, they are mapped unmerged: {error}"))
            events = [event for event in register if event.status != "rejected"]
            # Copies with lists of their own: the extracted events are the extraction cache's (see _extract).
            events += [copy_event(event, "extracted") for event in extracted]
    return Corpus(
        events=events,
        metadata=metadata,
        texts=texts,
        problems=problems,
        stages=stages,
        from_cache=from_cache,
        extracted=extracted_now,
    )


class _VersionChanged(Exception):
    """The remembered extractor version was not the real one (found on building the index): extract again."""


def _remembered_version(extractor: Extractor, cache: ExtractionCache | None) -> str:
    """The extractor's version without building the toponym index when an earlier build with the same code and
    data remembered it; else computed (building the index, seconds) and remembered."""
    if cache is None:
        return extractor.version
    from isk_atlas.events.cache import code_signature

    signature = code_signature()
    remembered = cache.remembered_version(signature)
    if remembered is not None:
        return remembered
    version = extractor.version
    cache.remember_version(signature, version)
    return version


def _extract(
    sources: list[Source],
    extractor: Extractor,
    version: str,
    cache: ExtractionCache | None,
    problems: list[InputError],
    stages: StageTimes,
) -> tuple[dict[str, list[Event]], int, int]:
    """Events per source through the cache, with how many articles came from the cache and how many were
    extracted. The toponym index is built only when the first article misses the cache, and then the remembered
    version is checked against the real one (a mismatch: extract again under the real one).

    Events from the cache are the cache's own, not copies: the caller (the merge) must only read them."""
    from isk_atlas.events.cache import code_signature, extract_all

    def extract_one(source: Source) -> list[Event]:
        if extractor.index is None:
            with stages.stage("index"):
                extractor.index = extractor.places.mentions
            if extractor.version != version:
                raise _VersionChanged
        return extractor.extract_source(source)

    def counts() -> tuple[int, int]:
        return (cache.hits, cache.misses) if cache is not None else (0, 0)

    found: list[InputError] = []
    hits, misses = counts()
    try:
        per_source = extract_all(sources, extract_one, version, cache, found, copies=False)
    except _VersionChanged:
        found = []
        hits, misses = counts()
        version = extractor.version
        if cache is not None:
            cache.remember_version(code_signature(), version)
        per_source = extract_all(sources, extractor.extract_source, version, cache, found, copies=False)
    problems += found
    if cache is None:
        return per_source, 0, len(sources)
    return per_source, cache.hits - hits, cache.misses - misses


# Beside the outputs: what they were built from, and each file's size and modification time when written.
OUTPUTS_RECORD = ".isk-atlas-outputs.json"


def outputs_digest(corpus: Corpus, offline: bool, screenshots: bool) -> str:
    """SHA-256 of everything the outputs are made of: the events, the sources' metadata and texts, the options,
    and the code and reference data that draw them (`code_signature`)."""
    import hashlib
    import json

    from isk_atlas.events.cache import code_signature

    digest = hashlib.sha256(f"{code_signature()}|offline={offline}|screenshots={screenshots}".encode())
    for event in corpus.events:
        digest.update(event.model_dump_json().encode() + b"\n")
    if corpus.datasets is not None:
        digest.update(f"\0datasets {corpus.datasets.digest}\n".encode())
    digest.update(b"\0metadata\n")
    for source_id in sorted(corpus.metadata):
        digest.update(corpus.metadata[source_id].model_dump_json().encode() + b"\n")
    digest.update(b"\0texts\n")
    for source_id in sorted(corpus.texts):
        text_digest = hashlib.sha256(corpus.texts[source_id].encode("utf-8", "surrogatepass")).digest()
        digest.update(json.dumps(source_id).encode() + text_digest)
    return digest.hexdigest()


def _unchanged_outputs(out_dir: Path, digest: str) -> tuple[list[Path], list[str]] | None:
    """The outputs and unlocated events of the last build into out_dir, if it was built from `digest` and every
    output is still as that build wrote it (same size and modification time); else None."""
    import json

    try:
        record = json.loads((out_dir / OUTPUTS_RECORD).read_text(encoding="utf-8"))
        if record["digest"] != digest:
            return None
        outputs = []
        for name, (size, mtime_ns) in record["files"].items():
            path = out_dir / name
            stat = path.stat()
            if (stat.st_size, stat.st_mtime_ns) != (size, mtime_ns):
                return None
            outputs.append(path)
        return outputs, [str(event_id) for event_id in record["unlocated"]]
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _record_outputs(out_dir: Path, digest: str, report: BuildReport) -> None:
    import json

    from isk_atlas.atomic import write_text

    files = {}
    for path in report.outputs:
        stat = path.stat()
        files[path.relative_to(out_dir).as_posix()] = [stat.st_size, stat.st_mtime_ns]
    record = {"digest": digest, "files": files, "unlocated": report.unlocated}
    write_text(out_dir / OUTPUTS_RECORD, json.dumps(record, indent=1))


def write_outputs(
    corpus: Corpus,
    out_dir: Path,
    offline: bool = True,
    screenshots: bool = False,
    progress: Callable[[str], None] | None = None,
    state: BuildState | None = None,
) -> BuildReport:
    """Locate the events, then write the exports and the four maps into out_dir (each file atomically).

    When the outputs in out_dir were built from the same events, sources, options and code, and none was changed
    since, nothing is drawn or written again (only the stage `check outputs` runs). With a `state`, what an
    earlier build under it placed, formatted or drew from equal inputs is reused (the outputs are the same).
    """
    from isk_atlas.datasets.build import beside_news
    from isk_atlas.export import write_all
    from isk_atlas.layers import events_frame
    from isk_atlas.maps import build_maps, save, screenshot

    step = progress or (lambda _: None)
    stages = StageTimes()
    stages.update(corpus.stages)
    report = BuildReport(
        problems=list(corpus.problems),
        events=list(corpus.events),
        stages=stages,
        from_cache=corpus.from_cache,
        extracted=corpus.extracted,
    )
    with stages.stage("check outputs"):
        digest = outputs_digest(corpus, offline, screenshots)
        unchanged = _unchanged_outputs(out_dir, digest)
    if unchanged is not None:
        report.outputs, report.unlocated = unchanged
        return report
    (out_dir / OUTPUTS_RECORD).unlink(missing_ok=True)  # stale from here on, whatever happens below
    step("locating events")
    with stages.stage("frame"):
        frame = events_frame(corpus.events, state.rows if state is not None else None)
        report.unlocated = list(frame.attrs.get("unlocated", []))
        datasets_memo = state.datasets if state is not None else None
        frame, exported, dataset_layers = beside_news(frame, corpus.datasets, datasets_memo)
    step("writing exports")
    with stages.stage("exports"):
        report.outputs += write_all(exported, out_dir, state.exports if state is not None else None)
    step("drawing maps")
    with stages.stage("maps"):
        pages = state.pages if state is not None else None
        maps = build_maps(corpus.events, corpus.metadata, corpus.texts, frame=frame, memo=pages, extras=dataset_layers)
        for name in MAP_NAMES:
            html = save(maps[name], out_dir / "maps" / f"{name}.html", offline=offline)
            report.outputs.append(html)
    if screenshots:
        with stages.stage("screenshots"):
            for name in MAP_NAMES:
                html = out_dir / "maps" / f"{name}.html"
                report.outputs.append(screenshot(html, html.with_suffix(".png")))
    _record_outputs(out_dir, digest, report)
    return report


def run_build(options: BuildOptions, state: BuildState | None = None) -> BuildReport:
    """The whole pipeline, under the output folder's lock, with a progress bar unless quiet; `state` is the
    caller's, kept from one build to the next (see `isk_atlas.state`), or none for one build on its own."""
    console = Console(stderr=True, quiet=options.quiet)
    progress = Progress(
        TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn(), console=console, transient=True
    )
    with build_lock(options.out_dir), progress:
        task = progress.add_task("reading sources and register", total=4)

        def step(description: str) -> None:
            progress.update(task, advance=1, description=description)

        stages = StageTimes()
        with stages.stage("imports"):
            import_build_modules()
        corpus = collect(options.sources_dir, options.register_path, stages=stages, state=state)
        with stages.stage("datasets"):
            corpus.datasets = read_datasets(options, state)
            corpus.problems += corpus.datasets.problems
        report = write_outputs(corpus, options.out_dir, options.offline, options.screenshots, step, state)
        step("done")
    for event_id in report.unlocated:
        console.print(f"warning: event {event_id} could not be placed on the map")
    return report


def read_datasets(options: BuildOptions, state: BuildState | None = None) -> Datasets:
    """The reference datasets of `options.datasets_dir` (default data/datasets/), filtered by its actor list
    (read again only when a file changed, with a `state`)."""
    from isk_atlas.datasets.load import default_datasets_dir, load_datasets

    folder = options.datasets_dir or default_datasets_dir()
    if state is not None:
        return state.datasets.load(folder, options.all_actors)
    return load_datasets(folder, all_actors=options.all_actors)


def input_state(options: BuildOptions) -> tuple[tuple[str, int, int], ...]:
    """Name, size and modification time of every file a build reads from the sources folder, and of the
    register: when this changes, the outputs may have to."""
    sources_dir = options.sources_dir or default_sources_dir()
    register_path = options.register_path or default_register_path()
    paths = sorted(sources_dir.iterdir()) if sources_dir.is_dir() else []
    # The embedded sources' metadata serves the popups whatever folder is read (see collect).
    paths += [register_path, default_sources_dir() / "sources.csv"]
    datasets_dir = options.datasets_dir or data_dir() / "datasets"
    paths += sorted(datasets_dir.iterdir()) if datasets_dir.is_dir() else []
    state: list[tuple[str, int, int]] = []
    for path in paths:
        try:
            stat = path.stat()
        except OSError:
            continue  # gone, or not yet there: its absence is part of the state
        state.append((str(path), stat.st_size, stat.st_mtime_ns))
    return tuple(state)


def watch(
    options: BuildOptions,
    on_build: Callable[[BuildReport], None],
    interval_s: float = 1.0,
    builds: int | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> int:
    """Build, then build again whenever an article, its metadata or the register changes, until interrupted (or
    after `builds` builds); returns how many builds ran.

    The process stays alive between builds and keeps one `BuildState` for them, so a rebuild pays neither the
    imports nor the toponym index, reads no cache file again and redoes only what changed after the merge: the
    one-process numbers of `benchmarks/bench_build.py`. Each build takes the output folder's lock as
    `isk-atlas build` does. A change made while a build runs is seen at the next look, and built then.
    """
    from isk_atlas.state import BuildState

    state = BuildState()
    done = 0
    built_for: tuple[tuple[str, int, int], ...] | None = None
    while builds is None or done < builds:
        inputs = input_state(options)
        if inputs == built_for:
            sleep(interval_s)
            continue
        on_build(run_build(options, state))
        built_for = inputs
        done += 1
    return done
