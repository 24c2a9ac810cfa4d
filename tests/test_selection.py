from __future__ import annotations

import datetime as dt

import pytest

from isk_atlas.schema import Event
from isk_atlas.selection import Selection


def _event(event_id: str, **fields: object) -> Event:
    base: dict[str, object] = {
        "event_id": event_id,
        "event_type": "attack",
        "place_text": "Kabul",
        "admin1": "AF-KAB",
        "sources": [{"source_id": "002"}],
        "status": "confirmed",
    }
    base.update(fields)
    return Event.model_validate(base)


EVENTS = [
    _event("a", date_start=dt.date(2022, 4, 18), date_end=dt.date(2022, 4, 18), date_precision="day"),
    _event(
        "b",
        event_type="presence",
        admin1="AF-BDS",
        date_start=dt.date(2021, 3, 1),
        date_end=dt.date(2021, 3, 31),
        date_precision="month",
        sources=[{"source_id": "000"}],
    ),
    _event("c", status="rejected", date_start=dt.date(2022, 5, 1), date_precision="day"),
    _event("d"),
]


def _ids(selection: Selection) -> list[str]:
    return [e.event_id for e in selection.apply(EVENTS)]


def test_no_restriction_keeps_all_but_rejected() -> None:
    assert _ids(Selection()) == ["a", "b", "d"]


def test_date_range_keeps_overlapping_month_precision_events() -> None:
    selection = Selection.from_parameters(date_from="2021-03-15", date_to="2021-12-31", include_undated=False)
    assert _ids(selection) == ["b"]


def test_filters_by_province_type_and_source() -> None:
    assert _ids(Selection.from_parameters(provinces=["AF-BDS"])) == ["b"]
    assert _ids(Selection.from_parameters(event_types=["attack"])) == ["a", "d"]
    assert _ids(Selection.from_parameters(sources=["000"])) == ["b"]


def test_unknown_event_type_is_refused() -> None:
    with pytest.raises(ValueError, match="riot"):
        Selection.from_parameters(event_types=["riot"])
