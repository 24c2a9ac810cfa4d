from __future__ import annotations

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
