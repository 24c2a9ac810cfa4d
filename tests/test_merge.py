from __future__ import annotations

import datetime as dt
from typing import Any

from isk_atlas.events.merge import merge_across_sources, merge_with_register, same_happening
from isk_atlas.schema import Event, SourceRef


def event(event_id: str, source: str = "s1", **fields: Any) -> Event:
    base: dict[str, Any] = {
        "event_type": "attack",
        "place_text": "Kabul",
        "admin1": "AF-KAB",
        "country": "AFG",
        "date_start": dt.date(2022, 12, 12),
        "date_end": dt.date(2022, 12, 12),
        "date_precision": "day",
    }
    base.update(fields)
    return Event(event_id=event_id, sources=[SourceRef(source_id=source, start=0, end=10)], **base)


def test_same_happening() -> None:
    assert same_happening(event("a"), event("b", date_start=dt.date(2022, 12, 14), date_end=None))
    assert not same_happening(event("a"), event("b", date_start=dt.date(2022, 12, 20), date_end=None))
    assert not same_happening(event("a"), event("b", admin1="AF-BAL"))
    assert not same_happening(event("a"), event("b", event_type="presence"))
    month = event("m", date_start=dt.date(2022, 12, 1), date_end=dt.date(2022, 12, 31), date_precision="month")
    assert same_happening(event("a"), month)
    undated = event("u", date_start=None, date_end=None, date_precision="unknown")
    assert same_happening(event("a"), undated)  # same source
    assert not same_happening(event("a", source="other"), undated)


def test_register_wins_and_gains_sources() -> None:
    register = [event("reg-1", source="s1", status="confirmed", killed_low=3, summary="analyst's words")]
    extracted = [
        event("x-1", source="s2", killed_low=30),
        event("x-2", source="s2", admin1="AF-HER", place_text="Herat"),
    ]
    result = merge_with_register(extracted, register)
    assert result.matched == {"x-1": "reg-1"}
    by_id = {e.event_id: e for e in result.events}
    assert by_id["reg-1"].killed_low == 3 and by_id["reg-1"].summary == "analyst's words"
    assert by_id["reg-1"].source_ids == ["s1", "s2"]
    assert by_id["x-2"].status == "extracted"
    assert register[0].source_ids == ["s1"]  # the caller's register is not modified


def test_rejected_never_comes_back() -> None:
    register = [event("reg-1", status="rejected")]
    result = merge_with_register([event("x-1", source="s1"), event("reg-1", source="s9")], register)
    assert result.events == []
    assert sorted(result.suppressed) == ["reg-1", "x-1"]
    assert merge_with_register([], register, keep_rejected=True).events[0].status == "rejected"


def test_merge_across_sources() -> None:
    merged = merge_across_sources(
        [event("a", source="s1", killed_low=3, killed_high=3), event("b", source="s2", killed_low=30, killed_high=30),
         event("c", source="s3", admin1="AF-BAL", place_text="Balkh")]
    )  # fmt: skip
    assert [e.event_id for e in merged] == ["a", "c"]
    assert merged[0].source_ids == ["s1", "s2"]
    assert (merged[0].killed_low, merged[0].killed_high) == (3, 30)


def test_propose_against_the_register(shared_sources, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from extract_fixtures import small_index

    from isk_atlas.events.cache import ExtractionCache
    from isk_atlas.events.extract import Extractor
    from isk_atlas.events.merge import propose
    from isk_atlas.paths import project_root
    from isk_atlas.register import load_register
    from isk_atlas.sources import load_sources

    register = load_register(project_root() / "data" / "register.yaml")
    sources = load_sources(shared_sources).sources
    result = propose(sources, register, Extractor(index=small_index()), ExtractionCache(tmp_path))
    curated = [e for e in result.events if e.status != "extracted"]
    new = [e for e in result.events if e.status == "extracted"]
    assert len(curated) == len([e for e in register if e.status != "rejected"])
    # Most of what extraction finds is already in the register; what is left is shown as new, for review.
    assert len(result.matched) >= 40
    assert len(new) <= 10
    # Rejecting one in the register keeps it out on the next run.
    target_id = result.matched[next(iter(result.matched))]
    edited = [e.model_copy(update={"status": "rejected"}) if e.event_id == target_id else e for e in register]
    again = propose(sources, edited, Extractor(index=small_index()), ExtractionCache(tmp_path))
    assert target_id not in {e.event_id for e in again.events}
    assert again.suppressed


def test_merging_ranges_across_sources_never_passes_through_an_invalid_state() -> None:
    import datetime as dt

    from isk_atlas.events.merge import merge_across_sources
    from isk_atlas.schema import Event

    def event(source: str, **fields: object) -> Event:
        return Event.model_validate(
            {"event_id": f"{source}-x", "event_type": "attack", "place_text": "Kabul", "admin1": "AF-KAB",
             "date_start": dt.date(2022, 5, 21), "date_precision": "day", "sources": [{"source_id": source}],
             **fields}
        )  # fmt: skip

    # "3 killed or injured" bounds the first report's injured at 3; the second counts 12 injured.
    first = event("a", injured_high=3, killed_high=3)
    second = event("b", injured_low=12, injured_high=12, killed_low=5, killed_high=5)
    (merged,) = merge_across_sources([first, second])
    assert (merged.injured_low, merged.injured_high) == (12, 12)
    assert (merged.killed_low, merged.killed_high) == (5, 5)
    assert merged.source_ids == ["a", "b"]


def _merged_the_quadratic_way(events: list[Event]) -> list[Event]:
    """The reference: every event compared with every kept event, in order (what the bucketed merge must equal)."""
    merged: list[Event] = []
    for item in events:
        for position, kept in enumerate(merged):
            if (
                item.date_start is not None
                and kept.date_start is not None
                and not set(kept.source_ids) & set(item.source_ids)
                and same_happening(kept, item)
            ):
                merged[position] = merge_across_sources([kept, item])[0]
                break
        else:
            merged.append(item)
    return merged


def _random_events(seed: int, count: int) -> list[Event]:
    """Reports of a few types, places, days and sources: many are one happening told by several sources."""
    import random

    rng = random.Random(seed)
    events = []
    for i in range(count):
        day = dt.date(2022, 12, 1) + dt.timedelta(days=rng.randint(0, 20))
        dated = rng.random() < 0.9
        precision = rng.choice(("day", "day", "month", "year", "unknown")) if dated else "unknown"
        last = day + dt.timedelta(days=rng.choice((0, 0, 2, 9)))
        killed = rng.choice((None, 1, 4, 9))
        events.append(
            event(
                f"e{i}",
                source=f"s{rng.randint(0, 30)}",
                event_type=rng.choice(("attack", "presence")),
                admin1=rng.choice(("AF-KAB", "AF-NAN", "AF-KDZ", None)),
                place_id=rng.choice((None, "p1", "p2")),
                date_start=day if dated else None,
                date_end=last if dated else None,
                date_precision=precision,
                killed_low=killed,
                killed_high=killed,
            )
        )
    return events


def test_merging_by_type_and_place_gives_what_comparing_every_pair_gives() -> None:
    events = _random_events(5, 400)
    fast = merge_across_sources(events)
    assert len(fast) < len(events)  # the sample does hold reports of one happening
    assert [e.model_dump() for e in fast] == [e.model_dump() for e in _merged_the_quadratic_way(events)]


def test_a_low_without_a_high_never_ends_above_the_merged_high() -> None:
    # One report: at least one killed (no upper figure); another: nobody killed or injured (a bound of 0).
    first = event("a", source="s1", killed_low=1, injured_low=4)
    second = event("b", source="s2", killed_high=0, injured_high=2)
    (merged,) = merge_across_sources([first, second])
    assert (merged.killed_low, merged.killed_high) == (1, 1)
    assert (merged.injured_low, merged.injured_high) == (4, 4)
    assert merged.source_ids == ["s1", "s2"]


def test_changing_a_merged_event_leaves_the_callers_events_alone() -> None:
    alone = event("a", source="s1", admin1="AF-HER", place_text="Herat")
    (kept,) = merge_across_sources([alone])
    kept.sources.append(SourceRef(source_id="s9"))
    kept.killed_low = 7
    assert alone.source_ids == ["s1"] and alone.killed_low is None


def test_merging_marks_copies_extracted_and_leaves_the_callers_events_alone() -> None:
    mine = [event("a", status="confirmed"), event("b", source="s2", status="confirmed"), event("c", admin1="AF-BAL")]
    merged = merge_with_register(mine, []).events
    assert [e.status for e in merged] == ["extracted", "extracted"]  # a and b are one happening
    assert merged[0].source_ids == ["s1", "s2"]
    assert [e.status for e in mine] == ["confirmed", "confirmed", "extracted"]
    assert [e.source_ids for e in mine] == [["s1"], ["s2"], ["s1"]]
    merged[0].sources.append(SourceRef(source_id="s3"))
    assert mine[0].source_ids == ["s1"]


def _dumped(events: list[Event]) -> list[dict[str, Any]]:
    return [e.model_dump() for e in events]


def test_changing_a_merged_event_never_reaches_the_next_merge() -> None:
    events = _random_events(9, 200)
    first = merge_across_sources(events)
    expected = _dumped(first)
    first[0].summary = "changed by the caller"
    first[0].sources.append(SourceRef(source_id="s-caller"))
    assert _dumped(merge_across_sources(events)) == expected


def test_register_events_are_matched_within_their_type_and_place_only() -> None:
    register = [
        event("reg-kab", source="s1", status="confirmed"),
        event("reg-kab-presence", source="s1", status="confirmed", event_type="presence"),
        event("reg-bal", source="s1", status="confirmed", admin1="AF-BAL", place_text="Balkh"),
    ]
    extracted = [
        event("x-bal", source="s2", admin1="AF-BAL", place_text="Balkh"),
        event("x-kab-presence", source="s3", event_type="presence"),
        event("x-nan", source="s4", admin1="AF-NAN", place_text="Nangarhar"),
    ]
    result = merge_with_register(extracted, register)
    assert result.matched == {"x-bal": "reg-bal", "x-kab-presence": "reg-kab-presence"}
    assert [e.event_id for e in result.events] == ["reg-kab", "reg-kab-presence", "reg-bal", "x-nan"]
