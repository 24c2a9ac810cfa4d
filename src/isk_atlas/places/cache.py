"""The on-disk cache of built place indexes: a fresh process loads the index an earlier one built for the same
gazetteer and code instead of building it again (seconds: every name's spelling variants, the geocoder's
precomputed answers).

`cached_index` keeps a built index in `cache_dir()/index/`, keyed by the gazetteer's content and the source code of
the modules that build it, so a change to either builds anew. Loading is guarded: the file must start with the
format's magic line and the SHA-256 of its payload (a torn or corrupt file is rebuilt, never read), and the payload
is unpickled by an unpickler that may only create the index's own classes (no other callable can run). Set
ISK_ATLAS_INDEX_CACHE=0 to build without the cache, or to a folder to keep the indexes there instead.
"""

from __future__ import annotations

import gc
import hashlib
import importlib.util
import io
import os
import pickle
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, Final, TypeVar

import pandas as pd

from isk_atlas.atomic import write_bytes
from isk_atlas.paths import cache_dir

CACHE_MAGIC: Final = b"isk-atlas index cache 1\n"
_CACHE_VERSION: Final = "2"
_Index = TypeVar("_Index")


class _IndexUnpickler(pickle.Unpickler):
    """Unpickles only the classes it is given (and the builtin containers pickle writes by opcode)."""

    def __init__(self, data: bytes, allowed: frozenset[tuple[str, str]]) -> None:
        super().__init__(io.BytesIO(data))
        self._allowed = allowed

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) not in self._allowed:
            raise pickle.UnpicklingError(f"{module}.{name} may not appear in an index cache")
        return super().find_class(module, name)


def source_digest(*modules: str) -> str:
    """SHA-256 of the source files of `modules` (and the Python version): changes whenever their code does."""
    digest = hashlib.sha256(f"{_CACHE_VERSION}|{sys.version}".encode())
    for name in modules:
        spec = importlib.util.find_spec(name)
        origin = spec.origin if spec is not None else None
        digest.update(name.encode())
        digest.update(Path(origin).read_bytes() if origin else b"?")
    return digest.hexdigest()


def gazetteer_digest(gazetteer: pd.DataFrame) -> str:
    """SHA-256 of a gazetteer frame's columns, types and every cell."""
    digest = hashlib.sha256(repr([(str(c), str(t)) for c, t in gazetteer.dtypes.items()]).encode())
    digest.update(pd.util.hash_pandas_object(gazetteer, index=False).to_numpy().tobytes())
    return digest.hexdigest()


def cached_index(
    kind: str,
    key_parts: list[str],
    build: Callable[[], _Index],
    expected: type[_Index],
    classes: frozenset[tuple[str, str]],
) -> _Index:
    """The index `build()` gives, from `cache_dir()/index/<kind>-<key>.pickle` when a process built it before
    (the folder is ISK_ATLAS_INDEX_CACHE when that names one; "0" turns the cache off).

    `classes`: the (module, name) pairs the pickle may create. Any failure to read or write the cache falls back to
    building."""
    setting = os.environ.get("ISK_ATLAS_INDEX_CACHE", "")
    if setting == "0":
        return build()
    key = hashlib.sha256("|".join([kind, *key_parts]).encode()).hexdigest()[:32]
    folder = Path(setting) if setting not in ("", "1") else cache_dir() / "index"
    path = folder / f"{kind}-{key}.pickle"
    loaded = read_index(path, classes)
    if isinstance(loaded, expected):
        return loaded
    index = build()
    try:
        payload = pickle.dumps(index, protocol=pickle.HIGHEST_PROTOCOL)
        write_bytes(path, CACHE_MAGIC + hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload)
        for old in folder.glob(f"{kind}-*.pickle"):
            if old != path:
                old.unlink(missing_ok=True)  # built for another gazetteer or code version
    except (OSError, pickle.PicklingError, TypeError, AttributeError):
        pass  # a read-only or full disk: the next process builds again
    return index


def read_index(path: Path, classes: frozenset[tuple[str, str]]) -> Any:
    """The unpickled payload of a cache file, or None when it is missing, torn, corrupt or holds other classes."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    header = len(CACHE_MAGIC) + 65
    if not data.startswith(CACHE_MAGIC) or len(data) < header or data[header - 1 : header] != b"\n":
        return None
    payload = data[header:]
    if hashlib.sha256(payload).hexdigest().encode() != data[len(CACHE_MAGIC) : header - 1]:
        return None
    enabled = gc.isenabled()
    gc.disable()  # hundreds of thousands of new objects: collecting while they arrive only costs time
    try:
        return _IndexUnpickler(payload, classes).load()
    except Exception:
        return None
    finally:
        if enabled:
            gc.enable()
