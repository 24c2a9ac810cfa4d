from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from isk_atlas.schema import Event, SourceMeta, SourceRef


def _event(**overrides: object) -> Event:
    fields: dict[str, object] = {
        "event_id": "002-mazar-tebiyan",
        "event_type": "attack",
        "sub_type": "bombing",
        "date_start": dt.date(2023, 3, 12),
        "date_end": dt.date(2023, 3, 12),
        "date_precision": "day",
        "place_text": "MazareSharif",
        "admin1": "AF-BAL",
        "country": "AFG",
        "geo_precision": "point",
        "killed_low": 1,
        "killed_high": 2,
        "sources": [{"source_id": "002_02b0efcd8147c7fa", "start": 10, "end": 50}],
    }
    fields.update(overrides)
    return Event.model_validate(fields)


def test_a_valid_event_round_trips_through_json() -> None:
    event = _event()
    assert Event.model_validate_json(event.model_dump_json()) == event


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"event_type": "riot"}, "event_type"),
        ({"sub_type": "rocket_fire"}, "sub_type"),
        ({"killed_low": 5, "killed_high": 2}, r"killed_low \(5\) is above killed_high \(2\)"),
        ({"injured_low": -1}, "injured_low"),
        ({"lat": 95.0, "lon": 70.0}, "lat"),
        ({"lat": 35.0}, "both lat and lon"),
        ({"date_end": dt.date(2023, 3, 1)}, "before date_start"),
        ({"country": "Afghanistan"}, "alpha-3"),
        ({"admin1": "Badakhshan"}, "ISO 3166-2"),
        ({"sources": []}, "sources"),
        ({"unknown_field": 1}, "unknown_field"),
    ],
)
def test_bad_events_are_refused_with_the_field_named(overrides: dict[str, object], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        _event(**overrides)


def test_evidence_span_must_be_ordered() -> None:
    with pytest.raises(ValidationError, match="ends"):
        SourceRef(source_id="a", start=10, end=5)


def test_source_url_refuses_javascript_links() -> None:
    with pytest.raises(ValidationError, match="http"):
        SourceMeta(source_id="a", file="a.txt", url="javascript:alert(1)")
