"""Reading a dataset file (CSV, or a zip of CSVs as UCDP ships GED) into rows of text with their line numbers.

A row with the wrong number of fields is reported with its file and line and left out; the other rows are read.
Which format a file holds is told from its header (`formats.detect_format`).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import numpy as np
import pandas as pd

from isk_atlas.datasets.formats import Format, detect_format
from isk_atlas.errors import InputError

DATASET_SUFFIXES = (".csv", ".zip")
LINE = "_line"


@dataclass(frozen=True)
class RawTable:
    """One CSV's rows as text: a column per needed header name (lower-cased; stripped text, "" when empty, as
    plain objects) and `_line`, each row's first line."""

    where: str
    format: Format
    rows: pd.DataFrame
    accessed: dt.date
    sha256: str


def dataset_files(folder: Path) -> list[Path]:
    """The dataset files in `folder` (CSV and zip), sorted by name; sidecars and the actor list are not."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in DATASET_SUFFIXES)


def read_dataset_file(path: Path, problems: list[InputError]) -> list[RawTable]:
    """The CSV tables in `path` (a zip may hold several; its other members are ignored); problems appended."""
    try:
        data = path.read_bytes()
        accessed = dt.datetime.fromtimestamp(path.stat().st_mtime, tz=dt.UTC).date()
    except OSError as error:
        problems.append(InputError(path, f"cannot read the dataset file: {error.strerror or error}"))
        return []
    if path.suffix.lower() != ".zip":
        table = _read_csv(str(path), data, accessed, problems)
        return [table] if table is not None else []
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as error:
        problems.append(InputError(path, f"not a readable zip file: {error}"))
        return []
    tables = []
    with archive:
        members = [info for info in archive.infolist() if info.filename.lower().endswith(".csv")]
        if not members:
            problems.append(InputError(path, "the zip holds no .csv file"))
        for info in members:
            where = f"{path}:{info.filename}"
            try:
                member = archive.read(info)
            except (zipfile.BadZipFile, OSError, RuntimeError) as error:
                problems.append(InputError(where, f"cannot unpack: {error}"))
                continue
            table = _read_csv(where, member, accessed, problems)
            if table is not None:
                tables.append(table)
    return tables


def _read_csv(where: str, data: bytes, accessed: dt.date, problems: list[InputError]) -> RawTable | None:
    text = data.decode("utf-8-sig", errors="replace")  # a stray byte costs one character, not the file
    records = _records(io.StringIO(text, newline=""))
    try:
        first = next(records, None)
    except _Unreadable as error:
        problems.append(InputError(where, f"cannot read the header: {error.reason}", line=error.line))
        return None
    if first is None:
        problems.append(InputError(where, "empty file: no header"))
        return None
    header = [name.strip().lower() for name in first[1]]
    try:
        format_ = detect_format(header)
    except ValueError as error:
        problems.append(InputError(where, str(error), line=1))
        return None
    width = len(header)
    rows, lines = _whole_rows(text, records, width, where, problems)
    # Only the columns the format reads, each a column of stripped text ("" when empty) as plain objects: pandas'
    # string dtype would do every later comparison and lookup element by element in Python.
    at = {name: header.index(name) for name in format_.required}
    transposed = list(zip(*rows, strict=True)) if rows else []
    columns = {name: np.array(list(map(str.strip, transposed[i])), dtype=object) for name, i in at.items()}
    frame = pd.DataFrame(columns, dtype=object) if rows else pd.DataFrame(columns=list(at), dtype=object)
    frame[LINE] = np.array(lines, dtype=np.int64)
    return RawTable(where, format_, frame, accessed, hashlib.sha256(data).hexdigest())


class _Unreadable(Exception):
    def __init__(self, line: int, reason: str) -> None:
        super().__init__(f"line {line}: {reason}")
        self.line = line
        self.reason = reason


def _whole_rows(
    text: str, records: Iterator[tuple[int, list[str]]], width: int, where: str, problems: list[InputError]
) -> tuple[list[list[str]], list[int]]:
    """The records after the header with as many fields as it has, and the line each starts on; the others
    reported. A file whose records are one line each (no quoted line break: as many lines as records) is read in
    one go, its line numbers counted; any other record by record."""
    try:
        fast = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error:
        fast = None
    if fast is not None and len(fast) == text.count("\n") + (not text.endswith("\n")):
        rows = fast[1:]
        lines = list(range(2, len(rows) + 2))
        if all(len(fields) == width for fields in rows):
            return rows, lines
        records = iter(list(zip(lines, rows, strict=True)))
    kept: list[list[str]] = []
    kept_lines: list[int] = []
    try:
        for line, fields in records:
            if len(fields) == width:
                kept.append(fields)
                kept_lines.append(line)
            elif fields and any(field.strip() for field in fields):
                message = f"expected {width} fields as in the header, found {len(fields)}"
                problems.append(InputError(where, message, line=line))
    except _Unreadable as error:  # the csv module gives up (a NUL byte): what came before is kept
        problems.append(InputError(where, f"unreadable from here on: {error.reason}", line=error.line))
    return kept, kept_lines


def _records(stream: IO[str]) -> Iterator[tuple[int, list[str]]]:
    """Each record with the line it starts on (a quoted field may hold line breaks). Not strict: a stray quote
    makes its row's fields wrong (reported by the caller), not the rest of the file unreadable."""
    reader = csv.reader(stream)
    ended = 0
    while True:
        try:
            fields = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise _Unreadable(ended + 1, str(error)) from error
        yield ended + 1, fields
        ended = reader.line_num
