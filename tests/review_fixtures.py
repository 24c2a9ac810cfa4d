"""A workspace for the review tests: the five articles, the register, and one new article (written for these
tests, a fictitious report) that proposes an attack and a counter-operation."""

from __future__ import annotations

import shutil
from pathlib import Path

from isk_atlas.places import PlaceModel
from isk_atlas.workbench import Workbench
from tests.conftest import ROOT

NEW_SOURCE_ID = "900_test_wire_kunar"
NEW_ARTICLE = """---
title: Test wire report on Kunar
publisher: Test Wire
published: 2024-05-20
---
Test Wire, May 20, 2024.

On Sunday, May 19, a suicide bomber attacked a checkpoint in Asadabad, the capital of Kunar province, killing
seven people and wounding twelve. The Islamic State Khorasan Province claimed responsibility for the attack.

On Saturday, May 18, Taliban forces raided an Islamic State Khorasan hideout in Achin district of Nangarhar
province, killing four fighters.
"""


def review_workspace(tmp_path: Path, shared_sources: Path, places: PlaceModel | None = None) -> Workbench:
    """A Workbench on copies of the five articles plus the new one, and of the register (and `places`, the place
    model, else its own)."""
    sources = tmp_path / "sources"
    shutil.copytree(shared_sources, sources, ignore=shutil.ignore_patterns("README*"))
    (sources / f"{NEW_SOURCE_ID}.md").write_text(NEW_ARTICLE, encoding="utf-8")
    register = tmp_path / "register.yaml"
    shutil.copy(ROOT / "data" / "register.yaml", register)
    return Workbench(sources_dir=sources, register_path=register, out_dir=tmp_path / "out", places=places)
