"""Atomic file output: write beside the target, then rename, so readers never see half a file."""

from __future__ import annotations

import contextlib
import os
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
