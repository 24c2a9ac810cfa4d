from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from isk_atlas import __version__
from isk_atlas.cli import app

runner = CliRunner()


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert __version__ in result.stdout


def test_unknown_option_is_a_usage_error() -> None:
    result = runner.invoke(app, ["build", "--no-such-option"])
    assert result.exit_code == 2


def test_check_register_reports_an_unreadable_article_instead_of_crashing(tmp_path, shared_sources) -> None:  # type: ignore[no-untyped-def]
    import shutil

    for path in shared_sources.iterdir():
        shutil.copy(path, tmp_path / path.name)
    (tmp_path / "broken.txt").write_bytes(b"\x00\xff\x00 binary")
    result = runner.invoke(app, ["check-register", "--sources", str(tmp_path)])
    assert result.exit_code == 1
    assert "broken.txt" in result.stderr
    assert "valid events" in result.stdout  # the register itself was still checked


def test_build_prints_its_stage_timings_as_one_json_line(tmp_path: Path) -> None:
    import json

    from isk_atlas.pipeline import STAGES

    out = tmp_path / "out"
    result = runner.invoke(app, ["build", "--out", str(out), "--quiet", "--timings"])
    assert result.exit_code == 0, result.stderr
    (line,) = result.stdout.strip().splitlines()
    timings = json.loads(line)
    assert list(timings["stages"]["wall_s"]) == list(STAGES)
    assert timings["stages"]["cpu_s"]["maps"] > 0 and timings["startup_cpu_s"] > 0
    assert timings["events"] > 0 and timings["problems"] == 0
    assert isinstance(timings["articles_extracted"], int) and isinstance(timings["articles_from_cache"], int)


def test_build_watch_builds_reports_and_stops_cleanly_on_ctrl_c(tmp_path: Path) -> None:
    import os
    import signal
    import subprocess
    import sys

    out = tmp_path / "out"
    command = [sys.executable, "-m", "isk_atlas", "build", "--out", str(out), "--watch"]
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True, env=dict(os.environ))
    try:
        assert process.stderr is not None
        line = ""
        while " built " not in line and process.poll() is None:  # blocks until the first build is done
            line = process.stderr.readline()
        assert " built " in line and "watching for changes" in line, line
        assert (out / "maps" / "combined.html").exists()
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=60) == 0
        assert "stopped watching" in process.stderr.read()
    finally:
        if process.poll() is None:
            process.kill()


def test_geocode_reads_a_place_description_and_says_how_it_relates() -> None:
    import json

    from typer.testing import CliRunner

    from isk_atlas.cli import app

    result = CliRunner().invoke(app, ["geocode", "south of Kunduz province", "Ministry of Education in Kabul"])
    assert result.exit_code == 0, result.output
    south, ministry = (json.loads(line) for line in result.output.splitlines())
    assert (south["place_id"], south["precision"], south["relation"], south["span"]) == (
        "AF-KDZ",
        "province",
        "south of",
        "Kunduz",
    )
    assert (ministry["admin1"], ministry["precision"], ministry["relation"]) == ("AF-KAB", "point", "within")
    assert south["countries"] == ["AFG"] and south["also"] == [] and south["unnamed"] == []
