"""The whole pipeline behind `isk-atlas build`: sources -> events -> register -> layers -> maps and exports."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from isk_atlas.errors import InputError


@dataclass(frozen=True)
class BuildOptions:
    sources_dir: Path | None = None
    register_path: Path | None = None
    out_dir: Path = Path("out")
    offline: bool = True
    quiet: bool = False


@dataclass
class BuildReport:
    outputs: list[Path] = field(default_factory=list)
    problems: list[InputError] = field(default_factory=list)


def run_build(options: BuildOptions) -> BuildReport:
    raise NotImplementedError("the pipeline is wired in the foundation issue")
