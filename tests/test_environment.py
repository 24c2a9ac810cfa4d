"""pyproject.toml and environment.yml describe the same dependencies."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def _split(requirement: str) -> tuple[str, str]:
    match = re.match(r"^\s*([A-Za-z0-9_.\-]+)(?:\[[^\]]*\])?\s*(.*)$", requirement)
    assert match, requirement
    return match.group(1).lower().replace("_", "-"), match.group(2).replace(" ", "")


def _pyproject_requirements() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    requirements = list(project["dependencies"])
    for extra in project["optional-dependencies"].values():
        requirements += [r for r in extra if not r.startswith("isk-atlas")]
    return dict(_split(r) for r in requirements)


def _conda_requirements() -> dict[str, str]:
    spec = yaml.safe_load((ROOT / "environment.yml").read_text())
    found: dict[str, str] = {}
    for entry in spec["dependencies"]:
        items = entry["pip"] if isinstance(entry, dict) else [entry]
        for item in items:
            name, bound = _split(item)
            if name not in {"python", "pip"}:
                found[name] = bound
    return found


def test_environment_yml_lists_the_same_packages_and_bounds_as_pyproject() -> None:
    assert _conda_requirements() == _pyproject_requirements()


def test_every_dependency_has_a_lower_bound() -> None:
    for name, bound in _pyproject_requirements().items():
        assert bound.startswith(">="), f"{name} needs a lower bound"


def test_python_version_agrees() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    spec = yaml.safe_load((ROOT / "environment.yml").read_text())
    assert f"python{project['requires-python']}" in spec["dependencies"]


def test_trafilatura_imports_so_pages_keep_their_metadata() -> None:
    """trafilatura is how an HTML source keeps its title and date; a broken install must not pass unnoticed."""
    from isk_atlas.sources import html_to_text

    page = (
        "<html><head><title>Blast kills 4 in Kabul</title>"
        '<meta property="og:site_name" content="Example Wire"></head><body><article>'
        + "<p>An ISIS-K suicide bomber struck a crowded market in Kabul on Wednesday, killing four people.</p>" * 3
        + "</article></body></html>"
    )
    text, meta = html_to_text(page)
    assert "suicide bomber" in text
    assert meta.get("publisher") == "Example Wire"
