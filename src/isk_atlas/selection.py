"""Choosing which events to map: by date range, province, event type, source and curation status.

Notebooks expose these as parameters (papermill can set them); the same filter serves the command line.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from isk_atlas.schema import EVENT_TYPES, Event


@dataclass(frozen=True)
class Selection:
    """Which events to show. Empty collections mean "no restriction"."""

    date_from: dt.date | None = None
    date_to: dt.date | None = None
    provinces: frozenset[str] = frozenset()
    event_types: frozenset[str] = frozenset()
    sources: frozenset[str] = frozenset()
    include_undated: bool = True
    include_rejected: bool = False

    @classmethod
    def from_parameters(
        cls,
        date_from: str | dt.date | None = None,
        date_to: str | dt.date | None = None,
        provinces: Iterable[str] = (),
        event_types: Iterable[str] = (),
        sources: Iterable[str] = (),
        include_undated: bool = True,
    ) -> Selection:
        """Build a selection from notebook parameters (ISO date strings, lists of codes)."""
        types = frozenset(event_types)
        unknown = types - set(EVENT_TYPES)
        if unknown:
            raise ValueError(f"unknown event types {sorted(unknown)}; choose from {', '.join(EVENT_TYPES)}")
        return cls(
            date_from=_as_date(date_from),
            date_to=_as_date(date_to),
            provinces=frozenset(provinces),
            event_types=types,
            sources=frozenset(sources),
            include_undated=include_undated,
        )

    def accepts(self, event: Event) -> bool:
        if event.status == "rejected" and not self.include_rejected:
            return False
        if self.event_types and event.event_type not in self.event_types:
            return False
        if self.provinces and event.admin1 not in self.provinces:
            return False
        if self.sources and not self.sources.intersection(event.source_ids):
            return False
        return self._in_date_range(event)

    def _in_date_range(self, event: Event) -> bool:
        if event.date_start is None:
            return self.include_undated
        end = event.date_end or event.date_start
        # An event overlaps the range when any of its possible days falls inside it.
        if self.date_from is not None and end < self.date_from:
            return False
        return not (self.date_to is not None and event.date_start > self.date_to)

    def apply(self, events: Sequence[Event]) -> list[Event]:
        return [event for event in events if self.accepts(event)]


def _as_date(value: str | dt.date | None) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(value)
