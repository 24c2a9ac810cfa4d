"""Errors that point at the input that caused them."""

from __future__ import annotations

from pathlib import Path


class InputError(Exception):
    """Bad input: names the file, the line (when known) and what is wrong with it.

    The command line turns it into exit status 1; the pipeline records it and goes on with the other inputs.
    """

    def __init__(self, path: str | Path | None, message: str, line: int | None = None, field: str | None = None):
        self.path = str(path) if path is not None else None
        self.line = line
        self.field = field
        self.message = message
        super().__init__(self.__str__())

    def __str__(self) -> str:
        where = self.path or "<input>"
        if self.line is not None:
            where += f":{self.line}"
        what = f"{self.field}: {self.message}" if self.field else self.message
        return f"{where}: {what}"
