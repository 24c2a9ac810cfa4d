"""Where the project's data lives: reference geography (geo/), the analyst's data (data/), outputs (out/)."""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def project_root() -> Path:
    """The repository root for an editable install, or the packaged copy of geo/ and data/ in a wheel.

    ISK_ATLAS_HOME overrides both (a folder holding geo/ and data/).
    """
    env = os.environ.get("ISK_ATLAS_HOME")
    if env:
        return Path(env)
    repo = _PACKAGE_DIR.parent.parent
    if (repo / "geo").is_dir() and (repo / "pyproject.toml").is_file():
        return repo
    return _PACKAGE_DIR / "_data"


def geo_dir() -> Path:
    return project_root() / "geo"


def data_dir() -> Path:
    return project_root() / "data"


def default_sources_dir() -> Path:
    """The analyst's articles and their metadata."""
    return data_dir() / "sources"


def default_register_path() -> Path:
    """The curated event register."""
    return data_dir() / "register.yaml"


def cache_dir() -> Path:
    return Path(os.environ.get("ISK_ATLAS_CACHE", data_dir() / "cache"))
