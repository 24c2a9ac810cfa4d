"""The whole pipeline behind `isk-atlas build`: sources -> events -> register -> layers -> maps and exports.

One broken article or register row is reported and skipped; everything else is built. Outputs are written
atomically and a lock keeps two builds from writing the same output folder.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from isk_atlas.atomic import exclusive_lock, remove_stale_temporaries
from isk_atlas.errors import InputError
from isk_atlas.paths import default_register_path, default_sources_dir
from isk_atlas.schema import Event, SourceMeta

MAP_NAMES = ("presence", "attacks", "cross_border", "combined")


@dataclass(frozen=True)
class BuildOptions:
    sources_dir: Path | None = None
    register_path: Path | None = None
    out_dir: Path = Path("out")
    offline: bool = True
    quiet: bool = False
    screenshots: bool = False


@dataclass
class BuildReport:
    outputs: list[Path] = field(default_factory=list)
    problems: list[InputError] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    unlocated: list[str] = field(default_factory=list)


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


def known_place_ids() -> set[str]:
    """Every id a register event may be pinned to: gazetteer entries and named regions."""
    from isk_atlas.geo import load_gazetteer, load_regions

    return set(load_gazetteer()["id"]) | set(load_regions()["id"])


def collect(sources_dir: Path | None = None, register_path: Path | None = None, cache: bool = True) -> Corpus:
    """Read the sources and the register, extract what the register lacks, and merge (the register wins)."""
    from isk_atlas.events.cache import ExtractionCache
    from isk_atlas.events.merge import propose
    from isk_atlas.register import read_register
    from isk_atlas.sources import load_metadata, load_sources

    sources_dir = sources_dir or default_sources_dir()
    register_path = register_path or default_register_path()
    problems: list[InputError] = []

    source_set = load_sources(sources_dir)
    problems += source_set.problems
    metadata: dict[str, SourceMeta] = {}
    if sources_dir.resolve() != default_sources_dir().resolve() and default_sources_dir().is_dir():
        # The register cites the embedded sources; their metadata serves the popups whatever folder is read.
        metadata.update(load_metadata(default_sources_dir(), problems))
    metadata.update(source_set.metadata())
    texts = {source.source_id: source.text for source in source_set.sources}

    register: list[Event] = []
    if register_path.exists():
        # Broken rows are reported and left out; every valid row is still mapped.
        register, register_problems = read_register(
            register_path, known_sources=set(metadata), known_places=known_place_ids()
        )
        problems += register_problems
    else:
        problems.append(InputError(register_path, "register file not found"))

    merged = propose(
        source_set.sources, register, cache=ExtractionCache.default() if cache else None, problems=problems
    )
    return Corpus(events=merged.events, metadata=metadata, texts=texts, problems=problems)


def write_outputs(
    corpus: Corpus,
    out_dir: Path,
    offline: bool = True,
    screenshots: bool = False,
    progress: Callable[[str], None] | None = None,
) -> BuildReport:
    """Locate the events, then write the exports and the four maps into out_dir (each file atomically)."""
    from isk_atlas.export import write_all
    from isk_atlas.layers import events_frame
    from isk_atlas.maps import build_maps, save, screenshot

    step = progress or (lambda _: None)
    report = BuildReport(problems=list(corpus.problems), events=list(corpus.events))
    step("locating events")
    frame = events_frame(corpus.events)
    report.unlocated = list(frame.attrs.get("unlocated", []))
    step("writing exports")
    report.outputs += write_all(frame, out_dir)
    step("drawing maps")
    maps = build_maps(corpus.events, corpus.metadata, corpus.texts)
    for name in MAP_NAMES:
        html = save(maps[name], out_dir / "maps" / f"{name}.html", offline=offline)
        report.outputs.append(html)
        if screenshots:
            report.outputs.append(screenshot(html, html.with_suffix(".png")))
    return report


def run_build(options: BuildOptions) -> BuildReport:
    """The whole pipeline, under the output folder's lock, with a progress bar unless quiet."""
    console = Console(stderr=True, quiet=options.quiet)
    progress = Progress(
        TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn(), console=console, transient=True
    )
    with build_lock(options.out_dir), progress:
        task = progress.add_task("reading sources and register", total=4)

        def step(description: str) -> None:
            progress.update(task, advance=1, description=description)

        corpus = collect(options.sources_dir, options.register_path)
        report = write_outputs(corpus, options.out_dir, options.offline, options.screenshots, step)
        step("done")
    for event_id in report.unlocated:
        console.print(f"warning: event {event_id} could not be placed on the map")
    return report
