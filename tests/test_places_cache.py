from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path

import pytest

from isk_atlas.places import cache


@pytest.fixture(autouse=True)
def _own_index_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests read the cache's own folder, cache_dir()/index, not the session's shared one."""
    monkeypatch.delenv("ISK_ATLAS_INDEX_CACHE")


def _build() -> tuple[tuple[str, bool], ...]:
    return (("kabul", False), ("northern afghanistan", True))


def test_the_second_call_loads_what_the_first_built(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ISK_ATLAS_CACHE", str(tmp_path))
    calls: list[int] = []

    def build() -> tuple[tuple[str, bool], ...]:
        calls.append(1)
        return _build()

    assert cache.cached_index("keys", ["a"], build, tuple, frozenset()) == _build()
    assert cache.cached_index("keys", ["a"], build, tuple, frozenset()) == _build()
    assert calls == [1]
    cache.cached_index("keys", ["b"], build, tuple, frozenset())  # another gazetteer: built, the old file goes
    assert calls == [1, 1] and len(list((tmp_path / "index").glob("keys-*.pickle"))) == 1


@pytest.mark.parametrize("damage", ["truncate", "flip", "magic", "empty", "evil"])
def test_a_damaged_or_foreign_cache_file_is_rebuilt_not_read(
    damage: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Torn, corrupt or foreign files are never unpickled as they are; the index is rebuilt and the file rewritten.
    A file with a valid checksum that would call anything but the index's own classes is refused too."""
    monkeypatch.setenv("ISK_ATLAS_CACHE", str(tmp_path))
    cache.cached_index("keys", ["a"], _build, tuple, frozenset())
    (path,) = (tmp_path / "index").glob("keys-*.pickle")
    data = path.read_bytes()
    marker = tmp_path / "ran"

    class Evil:
        def __reduce__(self) -> tuple[object, tuple[str]]:
            return (os.system, (f"touch {marker}",))

    if damage == "truncate":
        data = data[: len(data) // 2]
    elif damage == "flip":
        data = data[:-10] + bytes([data[-10] ^ 0xFF]) + data[-9:]
    elif damage == "magic":
        data = b"something else" + data[14:]
    elif damage == "empty":
        data = b""
    else:
        payload = pickle.dumps(Evil())
        data = cache.CACHE_MAGIC + hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload
    path.write_bytes(data)
    assert cache.read_index(path, frozenset()) is None
    assert cache.cached_index("keys", ["a"], _build, tuple, frozenset()) == _build()
    assert not marker.exists()
    assert cache.read_index(path, frozenset()) == _build()  # rewritten whole


def test_the_cache_can_be_turned_off_or_moved(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ISK_ATLAS_CACHE", str(tmp_path / "extraction"))
    monkeypatch.setenv("ISK_ATLAS_INDEX_CACHE", "0")
    cache.cached_index("keys", ["a"], _build, tuple, frozenset())
    assert not (tmp_path / "extraction").exists()
    monkeypatch.setenv("ISK_ATLAS_INDEX_CACHE", str(tmp_path / "indexes"))
    cache.cached_index("keys", ["a"], _build, tuple, frozenset())
    assert len(list((tmp_path / "indexes").glob("keys-*.pickle"))) == 1
    assert not (tmp_path / "extraction").exists()
