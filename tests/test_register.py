from __future__ import annotations

import csv
import datetime as dt
import re
import tempfile
import unicodedata
from collections import Counter
from pathlib import Path

import pycountry
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from isk_atlas.errors import InputError
from isk_atlas.events.dates import parse_partial_date, resolve_date
from isk_atlas.register import (
    RegisterError,
    accept_event,
    check_places,
    check_spans,
    dump_register,
    load_register,
    read_register,
    reject_event,
    save_register,
    upsert_event,
)
from isk_atlas.schema import Event, SourceMeta

ROOT = Path(__file__).resolve().parents[1]
REGISTER = ROOT / "data" / "register.yaml"
SOURCES_CSV = ROOT / "data" / "sources" / "sources.csv"
COLUMNS = [
    *("file", "source_id", "title", "publisher", "author", "url"),
    *("published", "published_precision", "published_note"),
]


def _source_ids() -> set[str]:
    with SOURCES_CSV.open(encoding="utf-8") as handle:
        return {row["source_id"] for row in csv.DictReader(handle)}


@pytest.fixture(scope="module")
def register() -> list[Event]:
    return load_register(REGISTER, known_sources=_source_ids())


def _by_id(events: list[Event]) -> dict[str, Event]:
    return {event.event_id: event for event in events}


# ---------------------------------------------------------------- the committed register and metadata


def test_sources_csv_has_the_agreed_columns_and_valid_rows(shared_sources: Path) -> None:
    with SOURCES_CSV.open(encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        assert reader.fieldnames == COLUMNS
        rows = list(reader)
    assert len(rows) == 5
    for row in rows:
        assert row["source_id"] == row["file"].removesuffix(".txt")
        assert (shared_sources / row["file"]).is_file()
        published, precision = parse_partial_date(row["published"])
        assert published is not None and precision == row["published_precision"]
        SourceMeta.model_validate({**{k: v for k, v in row.items() if v}, "published": published})
        assert len(row["published_note"]) > 40
    # The publication dates agree with the shared metadata the articles came with.
    with (shared_sources / "sources.csv").open(encoding="utf-8") as handle:
        shared = {row["file"]: row["published"] for row in csv.DictReader(handle)}
    assert {row["file"]: row["published"] for row in rows} == shared


def test_register_loads_with_every_event_confirmed(register: list[Event]) -> None:
    assert len(register) >= 55
    assert {event.status for event in register} == {"confirmed"}
    counts = Counter(event.event_type for event in register)
    assert counts["presence"] >= 25 and counts["attack"] >= 15
    assert counts["cross_border_launch"] == 4 and counts["counter_operation"] >= 5


def test_register_file_is_in_canonical_form(register: list[Event]) -> None:
    # What save_register would write: a hand edit that drifts from it shows up here, not as a noisy diff later.
    assert REGISTER.read_text(encoding="utf-8") == dump_register(register)


def test_admin1_codes_exist_and_precision_matches_the_place(register: list[Event]) -> None:
    for event in register:
        for code in (event.admin1, event.target_admin1):
            if code is not None:
                assert pycountry.subdivisions.get(code=code) is not None, (event.event_id, code)
        if event.geo_precision == "province":
            assert event.admin1, event.event_id
        if event.geo_precision == "district":
            assert event.admin1 and event.admin2, event.event_id
        if event.geo_precision == "region":
            assert event.place_id and event.place_id.startswith("region:"), event.event_id
        if event.geo_precision == "point":
            # The place_id supplies the point; lat/lon only where the analyst knows a better one.
            assert event.place_id is not None or event.lat is not None, event.event_id
        if event.lat is not None:
            # Afghanistan's bounding box: no coordinate slipped to another country.
            assert 29 < event.lat < 39 and 60 < (event.lon or 0) < 75, event.event_id
        if event.event_type == "cross_border_launch":
            assert event.target_country in {"TJK", "UZB"}, event.event_id


def test_dates_are_complete_and_ids_carry_them(register: list[Event]) -> None:
    for event in register:
        if event.date_precision != "unknown":
            assert event.date_start is not None and event.date_end is not None, event.event_id
        match = re.match(r"^(\d{4})(-\d{2})?(-\d{2})?-[a-z]", event.event_id)
        if match:
            prefix = "".join(part or "" for part in match.groups())
            assert event.date_start is not None, event.event_id
            assert event.date_start.isoformat().startswith(prefix), event.event_id
        else:
            assert event.date_precision == "unknown", event.event_id
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", event.event_id), event.event_id


def test_district_presence_reports_of_badakhshan(register: list[Event]) -> None:
    districts = {
        event.admin2: event.place_text
        for event in register
        if event.event_type == "presence" and event.admin1 == "AF-BDS" and event.geo_precision == "district"
    }
    assert districts == {
        "Jurm": "Jaram",
        "Warduj": "Varduj",
        "Nusay": "Nasi",
        "Maymay": "Mayami",
        "Raghistan": "Raghestan",
    }


def test_presence_covers_provinces_and_regions(register: list[Event]) -> None:
    places = {event.place_id for event in register if event.event_type == "presence"}
    for place in ("AF-BDS", "AF-TAK", "AF-KDZ", "AF-NAN", "AF-KNR", "AFG", "TJK"):
        assert place in places
    for slug in ("east", "north", "northeast", "south", "afghan-tajik-border"):
        assert f"region:{slug}" in places
    # One presence report per place and article: a stronghold is its sub-type or one of its aspects (tags).
    strongholds = [e for e in register if "base_or_stronghold" in (e.sub_type, *e.tags) and e.admin1 == "AF-NAN"]
    assert {e.date_start.year for e in strongholds if e.date_start} == {2018, 2021}


@pytest.mark.parametrize(
    ("event_id", "event_type", "admin1", "date_start", "sources"),
    [
        ("2023-03-12-mazar-tebiyan-bombing", "attack", "AF-BAL", dt.date(2023, 3, 12), {"002"}),
        ("2023-03-09-mazar-balkh-governor-assassination", "attack", "AF-BAL", dt.date(2023, 3, 9), {"002"}),
        ("2021-10-08-kunduz-sayedabad-mosque-bombing", "attack", "AF-KDZ", dt.date(2021, 10, 8), {"002"}),
        ("2021-10-15-kandahar-imam-bargah-mosque-bombing", "attack", "AF-KAN", dt.date(2021, 10, 15), {"002"}),
        ("2021-08-26-kabul-airport-bombing", "attack", "AF-KAB", dt.date(2021, 8, 26), {"002", "004"}),
        ("2023-01-11-kabul-foreign-ministry-bombing", "attack", "AF-KAB", dt.date(2023, 1, 11), {"002"}),
        ("2022-12-12-kabul-chinese-guesthouse-attack", "attack", "AF-KAB", dt.date(2022, 12, 12), {"002"}),
        ("2022-12-26-badakhshan-security-commander-killed", "attack", "AF-BDS", dt.date(2022, 12, 26), {"002"}),
        ("2022-10-29-herat-al-farooq-attack", "attack", "AF-HER", dt.date(2022, 10, 29), {"002"}),
        ("2022-06-18-kabul-temple-attack", "attack", "AF-KAB", dt.date(2022, 6, 18), {"002"}),
        ("2022-04-18-hairatan-rockets-uzbekistan", "cross_border_launch", "AF-BAL", dt.date(2022, 4, 18), {"002"}),
        ("2022-05-takhar-rockets-tajikistan", "cross_border_launch", "AF-TAK", dt.date(2022, 5, 1), {"001", "002"}),
        ("2023-02-kabul-karte-naw-raid", "counter_operation", "AF-KAB", dt.date(2023, 2, 11), {"001"}),
        ("2018-08-01-jawzjan-darzab-taliban-operation", "counter_operation", "AF-JOW", dt.date(2018, 8, 1), {"003"}),
        ("2023-02-afghan-tajik-border-presence", "presence", None, dt.date(2023, 2, 1), {"001", "002"}),
    ],
)
def test_key_events_are_coded(
    register: list[Event],
    event_id: str,
    event_type: str,
    admin1: str | None,
    date_start: dt.date,
    sources: set[str],
) -> None:
    event = _by_id(register)[event_id]
    assert (event.event_type, event.admin1, event.date_start) == (event_type, admin1, date_start)
    assert {source_id[:3] for source_id in event.source_ids} == sources


def test_casualty_ranges_and_launch_details(register: list[Event]) -> None:
    events = _by_id(register)
    kunduz = events["2021-10-08-kunduz-sayedabad-mosque-bombing"]
    assert (kunduz.killed_low, kunduz.killed_high, kunduz.injured_low) == (50, 100, 143)
    assert kunduz.claimed_by == "ISIS-K" and kunduz.sub_type == "suicide_bombing"
    assert {figure.killed for figure in kunduz.figures} == {50, 100}
    airport = events["2021-08-26-kabul-airport-bombing"]
    assert airport.killed_low == 13 + 170 and airport.killed_high is None and "13 US" in airport.notes
    chinese = events["2022-12-12-kabul-chinese-guesthouse-attack"]
    assert (chinese.killed_low, chinese.killed_high) == (3, 30)
    assert {figure.by for figure in chinese.figures} == {"ISIS newsletter", "Emergency Hospital, Kabul"}
    hairatan = events["2022-04-18-hairatan-rockets-uzbekistan"]
    assert (hairatan.rockets, hairatan.target_country, hairatan.target_admin1) == (10, "UZB", "UZ-SU")
    assert hairatan.claimed_by == "ISIS-K"
    majnuntol = events["2022-07-05-rockets-majnuntol-uzbekistan"]
    assert (majnuntol.rockets, majnuntol.date_start, majnuntol.target_admin1) == (5, dt.date(2022, 7, 5), "UZ-SU")
    takhar = events["2022-05-takhar-rockets-tajikistan"]
    assert takhar.target_country == "TJK" and "Wednesday" in takhar.notes
    jawzjan = events["2018-08-01-jawzjan-darzab-taliban-operation"]
    assert (jawzjan.actor, jawzjan.killed_low, jawzjan.admin2) == ("Taliban", 153, "Darzab")


def test_dates_follow_the_resolver(register: list[Event]) -> None:
    events = _by_id(register)
    kunduz = events["2021-10-08-kunduz-sayedabad-mosque-bombing"]
    kandahar = events["2021-10-15-kandahar-imam-bargah-mosque-bombing"]
    assert kandahar.date_start == resolve_date("one week after", "2023-03", anchor=kunduz.date_start).start
    mismatch = resolve_date("Sunday, June 8, 2022", "2023-03")
    takhar = events["2022-05-takhar-rockets-tajikistan"]
    assert mismatch.weekday_mismatch and takhar.date_end is not None and takhar.date_end < mismatch.start  # type: ignore[operator]


def test_one_real_event_is_coded_once(register: list[Event]) -> None:
    airport = [e for e in register if e.event_type == "attack" and "airport" in e.place_text.lower()]
    assert len(airport) == 1
    keys = Counter((e.event_type, e.sub_type, e.place_text, e.admin1, e.date_start) for e in register)
    repeated = [key for key, count in keys.items() if count > 1 and key[0] != "presence"]
    assert repeated == []


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "", text)


def _words(text: str, shortest: int) -> set[str]:
    return {w for w in (_normalise(part) for part in re.split(r"[\s,()/;:'-]+", text)) if len(w) >= shortest}


def _key_words(event: Event) -> set[str]:
    """The event's place as written, its district and province names, and the words of its summary and target."""
    words: set[str] = set()
    for place in (event.place_text, event.admin2, event.target_place_text):
        if place:
            words |= _words(place, 4)
    if event.place_id and event.place_id.startswith("region:"):
        words |= _words(event.place_id.removeprefix("region:"), 4)
    for code in (event.admin1, event.target_admin1):
        if code:
            words.add(_normalise(pycountry.subdivisions.get(code=code).name))
    return words | _words(event.summary, 6) | _words(event.target or "", 5)


def test_every_evidence_span_lies_in_its_source_and_names_the_place_or_a_key_word(
    register: list[Event], shared_sources: Path
) -> None:
    texts = {path.stem: path.read_text(encoding="utf-8") for path in shared_sources.glob("*.txt")}
    assert check_spans(register, texts) == []
    for event in register:
        keys = _key_words(event)
        for ref in event.sources:
            assert ref.start is not None and ref.end is not None, event.event_id
            text = texts[ref.source_id]
            assert 0 <= ref.start < ref.end <= len(text)
            evidence = _normalise(text[ref.start : ref.end])
            assert any(key in evidence for key in keys), (event.event_id, ref.source_id, sorted(keys))


def test_evidence_spans_are_not_arbitrary(register: list[Event], shared_sources: Path) -> None:
    # Shifting each span far away loses the key words for most events: the span check above has teeth.
    texts = {path.stem: path.read_text(encoding="utf-8") for path in shared_sources.glob("*.txt")}
    misses = 0
    for event in register:
        ref = event.sources[0]
        assert ref.start is not None and ref.end is not None
        text = texts[ref.source_id]
        shift = (ref.start + len(text) // 2) % max(1, len(text) - (ref.end - ref.start))
        shifted = _normalise(text[shift : shift + ref.end - ref.start])
        misses += not any(key in shifted for key in _key_words(event) if key not in {"afghanistan"})
    assert misses > len(register) // 3


def test_every_source_is_cited(register: list[Event]) -> None:
    cited = Counter(ref.source_id for event in register for ref in event.sources)
    assert set(cited) == _source_ids()


# ---------------------------------------------------------------- reading: every problem with file, line, field


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "register.yaml"
    path.write_text(text, encoding="utf-8")
    return path


GOOD = """\
- event_id: good
  event_type: attack
  sub_type: bombing
  date_start: 2023-03-12
  date_end: 2023-03-12
  date_precision: day
  place_text: Mazar
  admin1: AF-BAL
  sources:
  - {source_id: s1, start: 0, end: 10}
"""


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("event_type", "riot", "unknown event type 'riot'"),
        ("sub_type", "rocket_fire", "unknown sub-type 'rocket_fire'"),
        ("date_start", "2023-02-30", "impossible or malformed date '2023-02-30'"),
        ("date_end", "2023-13-01", "impossible or malformed date"),
        ("lat", "95.5", "out of range"),
        ("lon", "-181", "out of range"),
        ("killed_low", "-3", "negative count -3"),
        ("rockets", "-1", "negative count"),
        ("admin1", "Balkh", "ISO 3166-2"),
        ("colour", "red", "Extra inputs are not permitted"),
    ],
)
def test_bad_field_is_reported_with_file_line_and_field(tmp_path: Path, field: str, value: str, message: str) -> None:
    lines = GOOD.splitlines()
    existing = next((i for i, line in enumerate(lines) if line.startswith(f"  {field}:")), None)
    if existing is None:
        lines.insert(7, f"  {field}: {value}")
        line_number = 8
    else:
        lines[existing] = f"  {field}: {value}"
        line_number = existing + 1
    if field in {"lat", "lon"}:
        other = "lon" if field == "lat" else "lat"
        lines.insert(line_number, f"  {other}: 10")
    path = _write(tmp_path, "\n".join(lines) + "\n" + GOOD.replace("id: good", "id: other"))
    events, problems = read_register(path)
    assert [event.event_id for event in events] == ["other"]  # one broken event does not stop the others
    assert len(problems) == 1
    problem = problems[0]
    assert (problem.path, problem.line, problem.field) == (str(path), line_number, field)
    assert message in problem.message
    assert str(problem).startswith(f"{path}:{line_number}: {field}: ")


def test_low_above_high_names_the_low_field(tmp_path: Path) -> None:
    path = _write(tmp_path, GOOD + "  injured_low: 9\n  injured_high: 4\n")
    with pytest.raises(RegisterError) as caught:
        load_register(path)
    (problem,) = caught.value.problems
    assert (problem.line, problem.field) == (11, "injured_low")
    assert "injured_low (9) is above injured_high (4)" in problem.message
    assert isinstance(caught.value, InputError) and caught.value.line == 11


def test_duplicate_id_unknown_source_and_bad_span_are_all_collected(tmp_path: Path) -> None:
    second = GOOD.replace("source_id: s1", "source_id: s9")
    third = GOOD.replace("event_id: good", "event_id: third").replace("start: 0, end: 10", "start: 10, end: 2")
    path = _write(tmp_path, GOOD + second + third)
    events, problems = read_register(path, known_sources={"s1"})
    assert [event.event_id for event in events] == ["good"]
    found = {(problem.line, problem.field) for problem in problems}
    assert (11, "event_id") in found  # the duplicate, at its own event_id line
    assert (20, "sources.0.source_id") in found
    assert (30, "sources.0") in found
    duplicate = next(problem for problem in problems if problem.field == "event_id")
    assert "first at line 1" in duplicate.message


def test_date_order_and_missing_fields(tmp_path: Path) -> None:
    path = _write(tmp_path, GOOD.replace("date_end: 2023-03-12", "date_end: 2023-03-01"))
    (problem,) = read_register(path)[1]
    assert (problem.line, problem.field) == (1, "date_end") or problem.field == "date_end"
    path = _write(tmp_path, "- event_id: x\n  event_type: attack\n")
    fields = {problem.field for problem in read_register(path)[1]}
    assert fields == {"place_text", "sources"}


def test_field_given_twice_is_an_error(tmp_path: Path) -> None:
    path = _write(tmp_path, GOOD + "  place_text: Kabul\n")
    (problem,) = read_register(path)[1]
    assert (problem.line, problem.field) == (11, "place_text")


@pytest.mark.parametrize(
    ("text", "line"),
    [("- event_id: [unclosed\n", 2), ("events: 3\n", 1), ("- just a string\n", 1)],
)
def test_malformed_files(tmp_path: Path, text: str, line: int) -> None:
    path = _write(tmp_path, text)
    events, problems = read_register(path)
    assert events == [] and len(problems) == 1
    assert problems[0].line == line and problems[0].path == str(path)


def test_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(RegisterError, match="cannot read"):
        load_register(tmp_path / "nope.yaml")


def test_mapping_with_events_key_is_accepted(tmp_path: Path) -> None:
    indented = "events:\n" + "".join(f"  {line}\n" for line in GOOD.splitlines())
    assert [event.event_id for event in load_register(_write(tmp_path, indented))] == ["good"]


def test_unknown_place_is_reported_with_its_line(tmp_path: Path) -> None:
    text = GOOD.replace("  admin1: AF-BAL\n", "  place_id: AF-BAL\n  admin1: AF-BAL\n  target_place_id: gn:404\n")
    events, problems = read_register(_write(tmp_path, text), known_places={"AF-BAL"})
    assert events == []
    (problem,) = problems
    assert (problem.line, problem.field) == (10, "target_place_id") and "gn:404" in problem.message
    assert read_register(_write(tmp_path, text), known_places={"AF-BAL", "gn:404"})[1] == []


def test_check_places_reports_unknown_place_ids(register: list[Event]) -> None:
    known = {e.place_id for e in register if e.place_id} | {e.target_place_id for e in register if e.target_place_id}
    assert check_places(register, known) == []
    problems = check_places(register, known - {"AF-NAN"}, path="register.yaml")
    assert problems and all(problem.field == "place_id" and "AF-NAN" in problem.message for problem in problems)


# ---------------------------------------------------------------- writing and curation


def test_round_trip_is_exact_and_deterministic(register: list[Event], tmp_path: Path) -> None:
    path = tmp_path / "out" / "register.yaml"
    save_register(register, path)
    assert load_register(path) == register
    first = path.read_bytes()
    save_register(load_register(path), path)
    assert path.read_bytes() == first
    assert not re.search(r":( null| ''| \[\])$", first.decode(), re.MULTILINE)  # empty fields are left out
    assert [p.name for p in path.parent.iterdir()] == ["register.yaml"]  # no temporary file left behind


def test_round_trip_of_an_event_with_every_field(tmp_path: Path) -> None:
    event = Event.model_validate(
        {
            "event_id": "full",
            "event_type": "cross_border_launch",
            "sub_type": "rocket_fire",
            "summary": "Rockets: 'quoted', with colon: and # hash",
            "date_start": "2022-04-18",
            "date_end": "2022-04-19",
            "date_precision": "day",
            "place_text": "Bandare-Hairataan",
            "place_id": "gn:1",
            "admin1": "AF-BAL",
            "admin2": "Kaldar",
            "country": "AFG",
            "lat": 37.2,
            "lon": 67.4,
            "geo_precision": "point",
            "target_place_text": "Termez",
            "target_place_id": "gn:2",
            "target_admin1": "UZ-SU",
            "target_country": "UZB",
            "target_lat": 37.22417,
            "target_lon": 67.27833,
            "rockets": 0,
            "actor": "ISIS-K",
            "claimed_by": "ISIS-K",
            "target": "Termez",
            "killed_low": 0,
            "killed_high": 0,
            "injured_low": 0,
            "injured_high": 1,
            "figures": [{"by": "A", "killed": 0, "source_id": "s"}],
            "sources": [{"source_id": "s", "start": 1, "end": 2}, {"source_id": "t"}],
            "status": "edited",
            "notes": "line one\nline two ünïcode",
        }
    )
    path = tmp_path / "r.yaml"
    save_register([event], path)
    assert load_register(path) == [event]
    assert "rockets: 0" in path.read_text(encoding="utf-8")  # zero is a value, not an empty field


@settings(max_examples=300, deadline=None)
@example(notes="a\x85b\u2028c\rd", summary="x" * 90 + "\x85", place="\x85")
@given(notes=st.text(max_size=300), summary=st.text(max_size=200), place=st.text(min_size=1, max_size=40))
def test_any_text_round_trips(notes: str, summary: str, place: str) -> None:
    event = Event.model_validate(
        {
            "event_id": "e",
            "event_type": "presence",
            "place_text": place,
            "summary": summary,
            "notes": notes,
            "sources": [{"source_id": "s"}],
        }
    )
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "r.yaml"
        save_register([event], path)
        assert load_register(path) == [event]


def test_upsert_accept_reject(register: list[Event]) -> None:
    events = register[:3]
    changed = events[1].model_copy(update={"notes": "re-read"})
    updated = upsert_event(events, changed)
    assert [e.event_id for e in updated] == [e.event_id for e in events] and updated[1].notes == "re-read"
    assert events[1].notes != "re-read"  # the input list is not modified
    new = events[0].model_copy(update={"event_id": "new-event", "status": "extracted"})
    assert upsert_event(events, new)[-1].event_id == "new-event"
    rejected = reject_event(events, events[2].event_id, note="duplicate of another event")
    assert rejected[2].status == "rejected" and rejected[2].notes.endswith("duplicate of another event")
    assert accept_event(rejected, events[2].event_id)[2].status == "confirmed"
    with pytest.raises(KeyError, match="no-such-id"):
        accept_event(events, "no-such-id")


def test_check_register_command(tmp_path: Path, shared_sources: Path) -> None:
    from typer.testing import CliRunner

    from isk_atlas.cli import app

    runner = CliRunner()
    result = runner.invoke(app, ["check-register", str(REGISTER), "--sources", str(shared_sources)])
    assert result.exit_code == 0, result.output
    assert f"{len(load_register(REGISTER))} valid events, 0 problem(s)" in result.stdout
    broken = _write(tmp_path, GOOD.replace("2023-03-12\n  date_end", "2023-02-30\n  date_end"))
    result = runner.invoke(app, ["check-register", str(broken), "--sources", str(shared_sources)])
    assert result.exit_code == 1
    assert f"{broken}:4: date_start: impossible" in result.stderr
    result = runner.invoke(app, ["check-register", str(_write(tmp_path, GOOD)), "--sources", str(shared_sources)])
    assert result.exit_code == 1
    assert "sources.0.source_id: unknown source id 's1'" in result.stderr
