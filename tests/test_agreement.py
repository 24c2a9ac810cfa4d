"""benchmarks.agreement: the sample rule and two coders scored against each other on tiny hand-written lists."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from benchmarks.agreement import disagreements, sample_ids, score_agreement
from isk_atlas.schema import Event, SourceRef

D = dt.date


def ev(event_id: str, event_type: str, admin1: str, source: str, start: dt.date, **kw: Any) -> Event:
    return Event(
        event_id=event_id,
        event_type=event_type,
        place_text=admin1,
        admin1=admin1,
        country="AFG",
        date_start=start,
        date_end=kw.pop("end", start),
        date_precision=kw.pop("precision", "day"),
        sources=[SourceRef(source_id=source)],
        **kw,
    )


# Coder A: an attack with an exact toll, an operation, a month-long presence, and an event outside the sample.
CODER_A = [
    ev("a1", "attack", "AF-KAB", "s1", D(2022, 1, 10), killed_low=5, killed_high=5),
    ev("a2", "counter_operation", "AF-NAN", "s1", D(2022, 1, 12)),
    ev("a3", "presence", "AF-KNR", "s2", D(2022, 1, 1), end=D(2022, 1, 31), precision="month"),
    ev("a4", "attack", "AF-HER", "s9", D(2022, 1, 5)),
]
# Coder B: the attack a day later with an open toll, the operation in another province, the presence on one day.
CODER_B = [
    ev("b1", "attack", "AF-KAB", "s1", D(2022, 1, 11), killed_low=5),
    ev("b2", "counter_operation", "AF-KNR", "s1", D(2022, 1, 12)),
    ev("b3", "presence", "AF-KNR", "s2", D(2022, 1, 20)),
    ev("b4", "attack", "AF-HER", "s8", D(2022, 1, 5)),
]
SAMPLE = ["s1", "s2"]


def test_both_directions_match_on_source_type_and_province() -> None:
    result = score_agreement(CODER_A, CODER_B, SAMPLE)
    for one_way in (result.b_vs_a, result.a_vs_b):
        assert (one_way.proposed, one_way.gold, one_way.matched, one_way.gold_found) == (3, 3, 2, 2)
        assert one_way.precision == pytest.approx(2 / 3)
        assert one_way.recall == pytest.approx(2 / 3)
        assert one_way.f1 == pytest.approx(2 / 3)
    assert result.b_vs_a.missed == ["a2"]
    assert result.b_vs_a.false_positives == ["b2"]
    assert result.a_vs_b.missed == ["b2"]


def test_field_accuracies_differ_by_direction() -> None:
    result = score_agreement(CODER_A, CODER_B, SAMPLE)
    b_fields, a_fields = result.b_vs_a.fields, result.a_vs_b.fields
    # B's day lies within A's month and within two days of A's day; A's month is wider than B's day.
    assert (b_fields["date"].correct, b_fields["date"].total) == (2, 2)
    assert (a_fields["date"].correct, a_fields["date"].total) == (1, 2)
    # A's 5..5 lies within B's 5..open, not the other way round.
    assert (b_fields["casualties"].correct, b_fields["casualties"].total) == (1, 1)
    assert (a_fields["casualties"].correct, a_fields["casualties"].total) == (0, 1)
    # The two operations pair on type and day; they disagree on the province.
    assert (b_fields["province"].correct, b_fields["province"].total) == (1, 2)
    assert (b_fields["type"].correct, b_fields["type"].total) == (2, 2)


def test_events_outside_the_sample_are_left_out_and_listed_per_article() -> None:
    result = score_agreement(CODER_A, CODER_B, SAMPLE)
    lines = disagreements(result.b_vs_a, "only A", "only B")
    assert lines[0] == "s1:"
    assert any(line.startswith("  only A     a2: counter_operation") for line in lines)
    assert any(line.startswith("  only B     b2: counter_operation") for line in lines)
    assert not any("a4" in line or "b4" in line for line in lines)
    assert score_agreement(CODER_A, CODER_A, SAMPLE).b_vs_a.f1 == 1.0


def test_sample_rule_takes_every_fifth_dev_row_from_the_second(tmp_path: Path) -> None:
    manifest = tmp_path / "sources.csv"
    ids = [f"rd{n:03d}" for n in range(15, 0, -1)]  # written out of order
    with manifest.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["file", "source_id", "split"])
        writer.writeheader()
        for source_id in ids:
            writer.writerow({"file": f"{source_id}.txt", "source_id": source_id, "split": "dev"})
        writer.writerow({"file": "rd000.txt", "source_id": "rd000", "split": "holdout"})
    assert sample_ids(manifest) == ["rd002", "rd007", "rd012"]
    assert sample_ids(manifest, size=2) == ["rd002", "rd007"]
