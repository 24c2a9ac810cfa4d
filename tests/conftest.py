"""Shared test fixtures. The five source articles are read from ../shared/sources, never copied here."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import NoReturn

import pytest

from isk_atlas.errors import InputError
from isk_atlas.places import PlaceModel

# The JupyterLab server and browser fixtures (shared by the notebook browser tests).
pytest_plugins = ["tests.jupyterlab_fixture"]

ROOT = Path(__file__).resolve().parents[1]
SHARED_SOURCES = Path(os.environ.get("ISK_ATLAS_SHARED_SOURCES", ROOT.parent / "shared" / "sources"))
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def skip_or_fail(message: str) -> NoReturn:
    """Skip a test whose tool is missing, with the reason; in CI, where every tool must be there, fail instead."""
    if IN_CI:
        pytest.fail(message)
    pytest.skip(message)


def require_chromium() -> None:
    """Debian's chromium for browser tests (never a browser a test tool downloads): skip or fail without it."""
    from isk_atlas.maps.screenshot import CHROMIUM_PATH

    if not Path(CHROMIUM_PATH).is_file():
        skip_or_fail(f"Debian's chromium is not installed at {CHROMIUM_PATH}")


@pytest.fixture(scope="session")
def shared_sources() -> Path:
    """The folder of the five articles the project started from (text and sources.csv)."""
    if not SHARED_SOURCES.is_dir():
        if IN_CI:
            pytest.fail(f"CI needs the source articles at {SHARED_SOURCES}")
        pytest.skip(f"source articles not found at {SHARED_SOURCES}")
    return SHARED_SOURCES


@pytest.fixture(scope="session")
def _index_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("index-cache")


@pytest.fixture(autouse=True)
def _private_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch, _index_cache: Path
) -> None:
    """Every test gets its own extraction and geocoding cache, so no test writes into data/cache. The place indexes
    (keyed by gazetteer and code, seconds to build) are shared by the session: a command's fresh place model loads
    them as a second process would."""
    monkeypatch.setenv("ISK_ATLAS_CACHE", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.setenv("ISK_ATLAS_INDEX_CACHE", str(_index_cache))


@pytest.fixture(scope="session")
def place_model(_index_cache: Path) -> PlaceModel:
    """The project's place model, one for the session's tests (as one command builds one), built here from the
    project's geo/ (lazily when that is not built), whatever a test's own settings."""
    model = PlaceModel()
    with pytest.MonkeyPatch.context() as patch, contextlib.suppress(InputError):  # geo/ not built: tests say so
        patch.setenv("ISK_ATLAS_INDEX_CACHE", str(_index_cache))
        _ = model.mentions
    return model
