"""Atomic file output: write beside the target, then rename, so readers never see half a file."""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def atomic_path(target: str | Path, suffix: str | None = None) -> Iterator[Path]:
    """Yield a temporary path in the target's folder; on success it replaces `target` in one rename.

    On any exception the temporary file is removed and `target` is left as it was.
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=suffix if suffix is not None else target.suffix, dir=target.parent
    )
    os.close(fd)
    tmp = Path(tmp_name)
    # mkstemp makes the file private (0600); outputs are shared, so give them the usual umask-based mode.
    tmp.chmod(0o666 & ~_current_umask())
    try:
        yield tmp
        with open(tmp, "rb") as fh:  # noqa: PTH123 - fsync needs a file descriptor
            os.fsync(fh.fileno())
        tmp.replace(target)
    finally:
        if tmp.exists():
            tmp.unlink()


def write_text(target: str | Path, text: str, encoding: str = "utf-8") -> None:
    with atomic_path(target) as tmp:
        tmp.write_text(text, encoding=encoding)


def write_bytes(target: str | Path, data: bytes) -> None:
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)


def write_with(target: str | Path, writer: Callable[[Path], None]) -> None:
    """Let `writer` fill a temporary path (e.g. a GeoDataFrame's to_file), then move it into place."""
    with atomic_path(target) as tmp:
        tmp.unlink()  # some writers refuse to overwrite an existing file
        writer(tmp)


LOCK_NAME = ".isk-atlas.lock"


@contextlib.contextmanager
def exclusive_lock(folder: str | Path) -> Iterator[Path]:
    """Hold `folder/.isk-atlas.lock` while writing into `folder`; a second holder gets an InputError at once.

    The lock is an advisory `flock` on an open file, so the kernel releases it when its holder dies, even by
    SIGKILL: a killed build never leaves a stale lock behind. The file keeps the holder's pid, for the message.
    """
    import fcntl

    from isk_atlas.errors import InputError

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOCK_NAME
    handle = path.open("a+", encoding="utf-8")
    try:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            raise InputError(
                folder, f"another build is writing here (lock {path} held by pid {holder}); wait for it to finish"
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        yield path
    finally:
        handle.close()  # closing releases the lock


def remove_stale_temporaries(folder: str | Path) -> list[Path]:
    """Delete the temporary files a killed writer left beside its targets (`.<name>.<random><suffix>`).

    Call it only while holding `exclusive_lock(folder)`: then no live writer owns any of them.
    """
    removed: list[Path] = []
    for path in Path(folder).rglob(".*"):
        if path.is_file() and path.name != LOCK_NAME and _looks_temporary(path):
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed


_TEMPORARY = re.compile(r"^\.(?P<target>.+)\.[a-z0-9_]{8}(?P<suffix>\.[^.]+)?$")


def _looks_temporary(path: Path) -> bool:
    """`.events.geojson.k3j_x9a2.geojson`: a dot, the target's name, mkstemp's 8 random characters, its suffix."""
    match = _TEMPORARY.match(path.name)
    return match is not None and (match["suffix"] or "") == Path(match["target"]).suffix
