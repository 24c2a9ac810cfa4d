from __future__ import annotations

from pathlib import Path

import pytest

from isk_atlas.atomic import atomic_path, write_text


def test_write_text_replaces_the_target(tmp_path: Path) -> None:
    target = tmp_path / "a" / "out.txt"
    write_text(target, "first")
    write_text(target, "second")
    assert target.read_text() == "second"
    assert [p.name for p in target.parent.iterdir()] == ["out.txt"]


def test_a_failed_write_leaves_the_previous_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("previous")
    with pytest.raises(RuntimeError), atomic_path(target) as tmp:
        tmp.write_text("half")
        raise RuntimeError("interrupted")
    assert target.read_text() == "previous"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_outputs_get_the_usual_mode_not_a_private_one(tmp_path: Path) -> None:
    import os

    mask = os.umask(0o022)
    try:
        write_text(tmp_path / "map.html", "x")
    finally:
        os.umask(mask)
    assert (tmp_path / "map.html").stat().st_mode & 0o777 == 0o644
