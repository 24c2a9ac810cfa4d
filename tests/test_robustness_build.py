"""Interrupted and concurrent builds, and the network: nothing is lost, nothing half-written, nothing fetched.

Two levels: the write path itself (`isk_atlas.atomic`, the exports and the extraction cache, killed with
SIGKILL in a subprocess at several moments), and, once the pipeline has landed, `python -m isk_atlas build`
killed the same way, two builds racing for one `out/`, and a default build with sockets blocked.
"""

from __future__ import annotations

import csv
import inspect
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), env.get("PYTHONPATH", "")])
    env.update(extra)
    return env


# ---------------------------------------------------------------------------------------------- sockets

BLOCK_SOCKETS = """
import socket

class NetworkBlocked(OSError):
    pass

def _refuse(*args, **kwargs):
    raise NetworkBlocked(f"network access attempted: {args[1:] or kwargs}")

socket.socket.connect = _refuse
socket.socket.connect_ex = _refuse
socket.socket.sendto = _refuse
socket.create_connection = _refuse
socket.getaddrinfo = _refuse
"""


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Make every outgoing connection (and name lookup) fail, and record each attempt."""
    import socket

    attempts: list[str] = []

    def refuse(*args: object, **kwargs: object) -> None:
        attempts.append(repr(args[1:] or kwargs))
        raise OSError("network access attempted during a test that forbids it")

    for name in ("connect", "connect_ex", "sendto"):
        monkeypatch.setattr(socket.socket, name, refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    return attempts


def test_the_network_guard_itself_catches_a_connection(no_network: list[str]) -> None:
    import urllib.request

    with pytest.raises(OSError):
        urllib.request.urlopen("http://192.0.2.1/", timeout=1)
    assert no_network


def test_default_steps_open_no_socket(no_network: list[str], shared_sources: Path) -> None:
    """Intake, extraction, geocoding and the register on the default settings stay offline."""
    from isk_atlas.events.extract import Extractor
    from isk_atlas.paths import default_register_path
    from isk_atlas.places import geocode, geocode_many
    from isk_atlas.register import read_register
    from isk_atlas.sources import load_sources

    result = load_sources(shared_sources)
    assert len(result.sources) == 5 and not result.problems
    extractor = Extractor()
    events = [event for source in result.sources for event in extractor.extract_source(source)]
    assert events
    assert geocode("Bandare-Hairataan").resolved
    assert not geocode("Nowhereabad-e Unknown").resolved
    assert len(geocode_many(["Kunduz", "Termez", "Qwertyistan"])) == 3
    read_register(default_register_path())
    assert no_network == []


# ---------------------------------------------------------------------------------------------- atomic writes

ROWS = 4000
TARGETS = ("events.geojson", "events.gpkg", "events.csv", "combined.html", "cache")


def _writer(out: Path) -> Callable[[int, Callable[[str], None]], None]:
    """Writes one version of every output the way the build does (exports, a big map page, a cache file)."""
    import geopandas as gpd
    from shapely.geometry import Point

    from isk_atlas.atomic import write_text
    from isk_atlas.export import write_csv, write_geojson, write_gpkg

    frame = gpd.GeoDataFrame(
        {"event_id": [f"e{i}" for i in range(ROWS)], "event_type": ["attack"] * ROWS, "version": [0] * ROWS},
        geometry=[Point(70 + i * 1e-4, 36) for i in range(ROWS)],
        crs="EPSG:4326",
    )
    page, pad = "<html>" + "x" * 8_000_000, "y" * 8_000_000

    def write(version: int, announce: Callable[[str], None]) -> None:
        frame["version"] = version
        steps: dict[str, Callable[[], object]] = {
            "events.geojson": lambda: write_geojson(frame, out / "events.geojson"),
            "events.gpkg": lambda: write_gpkg(frame, out / "events.gpkg"),
            "events.csv": lambda: write_csv(frame, out / "events.csv"),
            "combined.html": lambda: write_text(out / "maps" / "combined.html", page + f"<!--v{version}--></html>"),
            "cache": lambda: write_text(out / "cache" / "s.json", json.dumps({"version": version, "pad": pad})),
        }
        for name, step in steps.items():
            announce(name)
            step()

    return write


def _versions_in(out: Path) -> dict[str, int]:
    """The version each output holds; fails if any is missing or not a complete file of its format."""
    import pyogrio

    versions: dict[str, int] = {}
    features = json.loads((out / "events.geojson").read_text(encoding="utf-8"))["features"]
    assert len(features) == ROWS
    versions["events.geojson"] = int(features[0]["properties"]["version"])
    with (out / "events.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == ROWS and len({row["version"] for row in rows}) == 1
    versions["events.csv"] = int(rows[0]["version"])
    layer = pyogrio.read_dataframe(out / "events.gpkg", layer="attack")
    assert len(layer) == ROWS
    versions["events.gpkg"] = int(layer["version"].iloc[0])
    html = (out / "maps" / "combined.html").read_text(encoding="utf-8")
    assert html.startswith("<html>") and html.endswith("--></html>")
    versions["combined.html"] = int(html.rsplit("<!--v", 1)[1].split("-->")[0])
    cache = json.loads((out / "cache" / "s.json").read_text(encoding="utf-8"))
    versions["cache"] = int(cache["version"])
    return versions


def _kill_while_writing(
    write: Callable[[int, Callable[[str], None]], None], version: int, target: str, delay: float
) -> None:
    """Fork a writer (no import cost), SIGKILL it `delay` seconds after it starts writing `target`."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: write versions until killed; never return into pytest
        try:
            os.close(read_end)
            for current in range(version, version + 50):
                write(current, lambda name, v=current: os.write(write_end, f"{v} {name}\n".encode()))
        finally:
            os._exit(0)
    os.close(write_end)
    buffer = b""
    with os.fdopen(read_end, "rb", buffering=0) as pipe:
        while f"{version} {target}\n".encode() not in buffer:
            chunk = pipe.read(256)
            assert chunk, "the writer ended before reaching its target"
            buffer += chunk
        time.sleep(delay)
        os.kill(pid, signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
    assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
@pytest.mark.parametrize("target", TARGETS)
def test_outputs_killed_mid_write_are_old_or_new_never_partial(tmp_path: Path, target: str) -> None:
    out = tmp_path / "out"
    write = _writer(out)
    write(0, lambda _name: None)
    previous = _versions_in(out)
    first = 1
    for delay in (0.0, 0.01, 0.03):
        _kill_while_writing(write, first, target, delay)
        versions = _versions_in(out)  # every file parses as a whole file of its format
        for name, version in versions.items():
            # Each file is the one it was before this run, or one the run wrote completely.
            assert version == previous[name] or first <= version < first + 50, (name, version, previous)
        assert versions[target] in (previous[target], first), "the target was killed while being written"
        previous = versions
        first += 100
    # A killed writer leaves its temporary files (dot-named, beside the target); they never replace a target.
    leftovers = [p.name for p in out.rglob(".*") if p.is_file()]
    assert all(name.startswith((".events.", ".combined.html.", ".s.json.")) for name in leftovers), leftovers


def _hold_lock_in_child(folder: Path) -> tuple[int, int]:
    """Fork a child that takes the lock on `folder` and waits; returns (pid, read end that says 'locked')."""
    from isk_atlas.atomic import exclusive_lock

    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            os.close(read_end)
            with exclusive_lock(folder):
                os.write(write_end, b"locked\n")
                time.sleep(60)
        finally:
            os._exit(0)
    os.close(write_end)
    assert os.read(read_end, 16) == b"locked\n"
    return pid, read_end


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_the_lock_refuses_a_second_writer_and_dies_with_its_holder(tmp_path: Path) -> None:
    from isk_atlas.atomic import exclusive_lock
    from isk_atlas.errors import InputError

    out = tmp_path / "out"
    pid, pipe = _hold_lock_in_child(out)
    try:
        with pytest.raises(InputError) as caught, exclusive_lock(out):
            pytest.fail("a second holder got the lock")
        message = str(caught.value)
        assert message.startswith(f"{out}: another build is writing here") and f"pid {pid}" in message
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(pipe)
    with exclusive_lock(out) as lock:  # SIGKILL released it: no stale lock
        assert lock.read_text(encoding="utf-8") == str(os.getpid())
        with pytest.raises(InputError), exclusive_lock(out):  # exclusive within one process too
            pass


def test_stale_temporaries_are_removed_and_nothing_else(tmp_path: Path) -> None:
    from isk_atlas.atomic import atomic_path, exclusive_lock, remove_stale_temporaries

    out = tmp_path / "out"
    (out / "maps").mkdir(parents=True)
    keep = [out / "events.geojson", out / "maps" / "combined.html", out / ".hidden_user_file", out / "Makefile"]
    for path in keep:
        path.write_text("keep", encoding="utf-8")
    stale = []
    for target in (out / "events.geojson", out / "events.gpkg", out / "maps" / "combined.html", out / "README"):
        with pytest.raises(RuntimeError), atomic_path(target) as tmp:
            stale.append(tmp)
            raise RuntimeError("simulated crash")  # atomic_path removes its own temporary on an exception
    assert not any(path.exists() for path in stale)
    for path in stale:  # what SIGKILL leaves instead: the temporaries stay
        path.write_text("half", encoding="utf-8")
    with exclusive_lock(out):
        removed = remove_stale_temporaries(out)
    assert sorted(removed) == sorted(stale)
    assert all(path.read_text(encoding="utf-8") == "keep" for path in keep)


# ---------------------------------------------------------------------------------------------- the pipeline


def _pipeline_ready() -> bool:
    try:
        import isk_atlas.layers
        import isk_atlas.maps  # noqa: F401
        from isk_atlas import pipeline
    except ImportError:
        return False
    return "NotImplementedError" not in inspect.getsource(pipeline.run_build)


needs_pipeline = pytest.mark.skipif(
    not _pipeline_ready(), reason="the pipeline (isk_atlas.maps, run_build) has not landed"
)


# The kill and lock tests each spawn two or three full builds (about 5 s each on an idle machine, much more
# on a loaded one): on by default in CI, opt-in elsewhere with ISK_ATLAS_SLOW=1.
RUN_SLOW = os.environ.get("CI", "").lower() in {"1", "true", "yes"} or os.environ.get("ISK_ATLAS_SLOW", "") == "1"
several_builds = pytest.mark.skipif(not RUN_SLOW, reason="spawns several full builds; set ISK_ATLAS_SLOW=1 (on in CI)")


def _copy_corpus(shared_sources: Path, folder: Path) -> Path:
    shutil.copytree(shared_sources, folder)
    return folder


def _build_command(sources: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "isk_atlas", "build", "--sources", str(sources), "--out", str(out), "--quiet"]


def _parse_outputs(out: Path) -> dict[str, int]:
    """Every output parses as a whole file; returns file -> size."""
    import pyogrio

    sizes: dict[str, int] = {}
    for path in sorted(out.rglob("*")):
        if not path.is_file() or path.name.startswith("."):
            continue
        relative = str(path.relative_to(out))
        if path.suffix == ".geojson":
            assert json.loads(path.read_text(encoding="utf-8"))["type"] == "FeatureCollection"
        elif path.suffix == ".csv":
            with path.open(encoding="utf-8") as handle:
                list(csv.DictReader(handle))
        elif path.suffix == ".gpkg":
            for layer, _ in pyogrio.list_layers(path):
                pyogrio.read_dataframe(path, layer=layer)
        elif path.suffix == ".html":
            text = path.read_text(encoding="utf-8")
            assert text.rstrip().endswith("</html>"), relative
        sizes[relative] = path.stat().st_size
    return sizes


@needs_pipeline
@several_builds
@pytest.mark.slow
def test_build_killed_midway_leaves_previous_outputs_and_cache_whole(shared_sources: Path, tmp_path: Path) -> None:
    sources = _copy_corpus(shared_sources, tmp_path / "sources")
    out, cache = tmp_path / "out", tmp_path / "cache"
    env = _env(ISK_ATLAS_CACHE=str(cache))
    started = time.perf_counter()
    first = subprocess.run(_build_command(sources, out), env=env, capture_output=True, text=True, timeout=300)
    duration = time.perf_counter() - started
    assert first.returncode == 0, first.stderr
    before = _parse_outputs(out)
    assert {"maps/combined.html", "events.geojson", "events.gpkg", "events.csv"} <= set(before)
    cached = {path: path.read_bytes() for path in cache.rglob("*.json")}
    assert cached, "the build keeps an extraction cache"
    # A new article makes the next build extract it and rewrite every output; kill it at two moments.
    (sources / "zz_new.txt").write_text(
        "ISIS-K fighters attacked a police post in Chahab district of Takhar province on May 2, 2024, killing two "
        "officers, officials said.\n",
        encoding="utf-8",
    )
    for fraction in (0.45, 0.85):
        process = subprocess.Popen(_build_command(sources, out), env=env, stderr=subprocess.DEVNULL)
        time.sleep(duration * fraction)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        after = _parse_outputs(out)  # every output parses whole: old or new, never half-written
        assert set(before) <= set(after), "no output disappeared"
        for path in cached:  # the old cache entries are intact (or rewritten whole)
            assert path.is_file()
            json.loads(path.read_text(encoding="utf-8"))
        for path in cache.rglob("*.json"):
            json.loads(path.read_text(encoding="utf-8"))


@needs_pipeline
@several_builds
@pytest.mark.slow
def test_a_second_build_on_the_same_out_is_refused(shared_sources: Path, tmp_path: Path) -> None:
    sources = _copy_corpus(shared_sources, tmp_path / "sources")
    out = tmp_path / "out"
    env = _env(ISK_ATLAS_CACHE=str(tmp_path / "cache"))
    for _attempt in range(3):
        first = subprocess.Popen(_build_command(sources, out), env=env, stderr=subprocess.PIPE, text=True)
        time.sleep(1.5)  # past the imports: the first build holds the lock
        second = subprocess.run(_build_command(sources, out), env=env, capture_output=True, text=True, timeout=300)
        still_running = first.poll() is None
        first.wait(timeout=300)
        if still_running:
            assert second.returncode == 1, second.stderr
            message = second.stderr.lower()
            assert str(out).lower() in message and (
                "lock" in message or ("another" in message and "build" in message)
            ), message
            assert first.returncode == 0
            return
        shutil.rmtree(tmp_path / "cache", ignore_errors=True)  # the first was too quick: make it extract again
    pytest.fail("the first build always finished before the second started")


@needs_pipeline
def test_default_build_opens_no_socket(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(BLOCK_SOCKETS, encoding="utf-8")
    env = _env(ISK_ATLAS_CACHE=str(tmp_path / "cache"))
    env["PYTHONPATH"] = os.pathsep.join([str(site), env["PYTHONPATH"]])
    out = tmp_path / "out"
    result = subprocess.run(
        [sys.executable, "-m", "isk_atlas", "build", "--out", str(out)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert "network access attempted" not in result.stderr
    assert "NetworkBlocked" not in result.stderr
    assert result.returncode == 0, result.stderr
    assert (out / "maps" / "combined.html").is_file()
    probe = subprocess.run(
        [sys.executable, "-c", "import socket; socket.create_connection(('192.0.2.1', 80))"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert "network access attempted" in probe.stderr, "the guard is active in the subprocess"


def test_csv_export_defuses_spreadsheet_formulas_from_article_text(tmp_path: Path) -> None:
    import geopandas as gpd
    import pandas as pd
    from shapely.geometry import Point

    from isk_atlas.export import write_csv, write_geojson

    hostile = ['=HYPERLINK("http://example.invalid","x")', "+cmd|' /C calc'!A0", "@SUM(1+1)", "-2+3", "\t=1"]
    frame = gpd.GeoDataFrame(
        {
            "event_id": [f"e{i}" for i in range(len(hostile) + 1)],
            "place_text": [*hostile, "-12.5"],
            "killed_low": [-0, 1, 2, 3, 4, 5],
        },
        geometry=[Point(-70.5, -36.25)] * (len(hostile) + 1),
        crs="EPSG:4326",
    )
    table = pd.read_csv(write_csv(frame, tmp_path / "events.csv"), keep_default_na=False)
    assert list(table["place_text"]) == [*("'" + text for text in hostile), "-12.5"]
    assert list(table["lon"]) == [-70.5] * 6 and list(table["killed_low"]) == [0, 1, 2, 3, 4, 5]
    # The GeoJSON keeps the text as it was: only the spreadsheet format needs the guard.
    features = json.loads(write_geojson(frame, tmp_path / "events.geojson").read_text(encoding="utf-8"))["features"]
    assert [f["properties"]["place_text"] for f in features[:5]] == hostile
