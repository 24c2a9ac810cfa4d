"""Values remembered by content key from one build to the next, made in batches for the keys not seen before.

A rebuild in the same process (a notebook kernel, `isk-atlas build --watch`) mostly sees the rows it saw last time:
the table's rows (`layers`) and their export texts (`export`) are remembered by a key that holds everything they
are made of, and only the rows with a new key are made, in one batch (vectorised work stays vectorised).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from typing import Generic, TypeVar, cast

Value = TypeVar("Value")


class BatchMemo(Generic[Value]):
    """Values by key, valid under one `context` (what every value also depends on: the reference geography, the
    columns' names and dtypes); a new context starts afresh. New values are added; once the memo holds more than
    twice the keys of the current call, it is cut back to them, so it stays within a few calls' worth."""

    def __init__(self) -> None:
        self.context: object = None
        self.values: dict[Hashable, Value] = {}

    def values_for(
        self, context: object, keys: Sequence[Hashable], make: Callable[[list[int]], list[Value]]
    ) -> tuple[list[Value], int]:
        """The value of each key, and how many were made: `make(positions)` makes those of the keys at these
        positions, in order. A key that cannot be hashed raises TypeError before anything is made."""
        if self.context != context:
            self.context, self.values = context, {}
        found = [self.values.get(key) for key in keys]
        missing = [i for i, value in enumerate(found) if value is None]
        if missing:
            for i, value in zip(missing, make(missing), strict=True):
                found[i] = self.values[keys[i]] = value
        values = cast(list[Value], found)
        if len(self.values) > 2 * len(values):
            self.values = dict(zip(keys, values, strict=True))
        return values, len(missing)

    def clear(self) -> None:
        self.context = None
        self.values = {}
