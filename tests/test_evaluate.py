from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from extract_fixtures import small_gazetteer

from isk_atlas.errors import InputError
from isk_atlas.evaluate import _load_yaml_events, evaluate
from isk_atlas.schema import Event, SourceRef


def ev(
    event_id: str, event_type: str, admin1: str | None, date: dt.date | None, source: str = "s1", **kw: Any
) -> Event:
    return Event(
        event_id=event_id,
        event_type=event_type,
        place_text=admin1 or "Afghanistan",
        admin1=admin1,
        country="AFG",
        geo_precision="province" if admin1 else "country",
        date_start=date,
        date_precision="day" if date else "unknown",
        sources=[SourceRef(source_id=source)],
        **kw,
    )


D = dt.date


def test_scores() -> None:
    gold = [
        ev("g1", "attack", "AF-KAB", D(2022, 12, 12), killed_low=3, killed_high=30),
        ev("g2", "attack", "AF-KDZ", D(2021, 10, 8)),
        ev("g3", "cross_border_launch", "AF-TAK", D(2022, 5, 7)),
        ev("g4", "presence", "AF-NAN", None),
        ev("g5", "attack", "AF-HER", None, status="rejected"),
        ev("g6", "attack", "AF-KAN", None, source="not-extracted"),
    ]
    predicted = [
        ev("p1", "attack", "AF-KAB", D(2022, 12, 12), killed_low=3, killed_high=30),
        ev("p2", "attack", "AF-KDZ", D(2021, 10, 20)),  # right place and type, wrong date
        ev("p3", "presence", "AF-TAK", None),  # wrong type
        ev("p4", "presence", "AF-NAN", None),
        ev("p5", "attack", "AF-HER", None),  # rejected in gold
        ev("p6", "attack", "AF-BAL", None, source="s2"),
    ]
    result = evaluate(predicted, gold, source_ids={"s1", "s2"})
    assert (result.proposed, result.gold, result.matched) == (6, 4, 3)
    assert result.precision == pytest.approx(0.5)
    assert result.recall == pytest.approx(0.75)
    assert result.missed == ["g3"]
    assert "p5 (rejected in gold)" in result.false_positives
    assert result.fields["type"].accuracy == pytest.approx(3 / 4)
    assert result.fields["date"].accuracy == pytest.approx(1 / 2)
    assert result.fields["casualties"].accuracy == 1.0
    assert json.loads(json.dumps(result.as_dict()))["recall"] == 0.75


def test_an_event_citing_its_article_once_per_evidence_span_is_listed_once() -> None:
    told_twice = ev("p1", "presence", "AF-FYB", None).model_copy(
        update={"sources": [SourceRef(source_id="s1"), SourceRef(source_id="s1")]}
    )
    result = evaluate([told_twice], [ev("g1", "presence", "AF-JOW", None)], source_ids={"s1"})
    assert len(result.by_source["s1"].unmatched) == 1
    assert len(result.by_source["s1"].missed) == 1


def test_a_date_window_wider_than_two_days_is_not_a_right_date() -> None:
    gold = [ev("g1", "attack", "AF-KAB", D(2022, 12, 12)), ev("g2", "attack", "AF-KDZ", D(2022, 12, 12))]
    predicted = [
        ev("p1", "attack", "AF-KAB", D(2022, 12, 1), date_end=D(2022, 12, 31)),
        ev("p2", "attack", "AF-KDZ", D(2022, 12, 10), date_end=D(2022, 12, 13)),
    ]
    result = evaluate(predicted, gold, source_ids={"s1"})
    assert result.matched == 2
    # the month overlaps the gold day but says far more than "within two days"; the 10th-13th does not
    assert result.fields["date"].correct == 1


def test_yaml_gold_errors_point_at_the_line(tmp_path: Path) -> None:
    good = ev("g1", "attack", "AF-KAB", D(2022, 12, 12)).model_dump(mode="json", exclude_defaults=True)
    bad = dict(good, event_id="g2", admin1="Kabul")
    path = tmp_path / "gold.yaml"
    path.write_text(yaml.safe_dump({"events": [good, bad]}, sort_keys=False), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        _load_yaml_events(path)
    assert caught.value.field == "admin1"
    assert caught.value.line is not None and caught.value.line > 2
    path.write_text(yaml.safe_dump([good]), encoding="utf-8")
    assert _load_yaml_events(path)[0].event_id == "g1"


def test_cli_evaluate(shared_sources: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    import isk_atlas.places.districts as districts
    from isk_atlas.cli import app

    monkeypatch.setattr(districts, "places_gazetteer", small_gazetteer)  # the command's place model reads it
    # A small gold list in our own words: the airport bombing (source 004) and the Jawzjan operation (003).
    gold = [
        ev("airport", "attack", "AF-KAB", D(2021, 8, 26), source="004_73b9f152af401fa2", killed_low=183,
           killed_high=183),
        ev("jawzjan", "counter_operation", "AF-JOW", D(2018, 8, 1), source="003_eb874b3569e05b4f"),
    ]  # fmt: skip
    path = tmp_path / "gold.yaml"
    path.write_text(yaml.safe_dump([g.model_dump(mode="json", exclude_defaults=True) for g in gold]), "utf-8")
    result = CliRunner().invoke(app, ["evaluate", "--gold", str(path), "--sources", str(shared_sources), "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    assert scores["gold"] == 2 and scores["recall"] == 1.0
    assert scores["fields"]["casualties"]["accuracy"] == 1.0
    missing = CliRunner().invoke(app, ["evaluate", "--gold", str(tmp_path / "no.yaml"), "--sources", "."])
    assert missing.exit_code == 1


def test_five_sources_against_the_register(shared_sources: Path) -> None:
    """The issue's bar, measured with the project's gazetteer and register (skipped while either is missing)."""
    from isk_atlas.evaluate import evaluate_folder
    from isk_atlas.paths import project_root

    register = project_root() / "data" / "register.yaml"
    if not (project_root() / "geo" / "gazetteer.csv").is_file() or not register.is_file():
        pytest.skip("needs geo/gazetteer.csv and data/register.yaml")
    result, problems = evaluate_folder(register, shared_sources)
    assert problems == []
    assert result.gold >= 50
    # Issue 17's bar: precision >= 0.85 and recall >= 0.95 (measured 1.000 / 0.964 on 2026-12-07). A fold that
    # merged region presences and undated attacks into other events once took recall to 0.893 unnoticed.
    assert result.precision >= 0.85
    assert result.recall >= 0.95


def test_proposals_in_afghanistan_for_a_happening_abroad_are_counted() -> None:
    from isk_atlas.evaluate import abroad_placed_in_afghanistan

    shiraz = ev("g-shiraz", "attack", "IR-07", D(2022, 10, 26), source="s1").model_copy(update={"country": "IRN"})
    kabul = ev("g-kabul", "attack", "AF-KAB", D(2022, 10, 20), source="s2")
    proposed = [
        ev("p-shah", "attack", "AF-NAN", D(2022, 10, 26), source="s1"),  # "Shah" of "Shah Cheragh" in Nangarhar
        ev("p-kabul", "attack", "AF-KAB", D(2022, 10, 20), source="s2"),
        ev("p-kunduz", "attack", "AF-KDZ", None, source="s2"),  # wrong, but the article's attacks are Afghan
    ]
    result = evaluate(proposed, [shiraz, kabul])
    placed = abroad_placed_in_afghanistan(proposed, [shiraz, kabul], result)
    assert [p.event_id for p in placed] == ["p-shah"]


@pytest.mark.parametrize(
    ("gold", "proposed", "agree"),
    [
        ((10, None), (10, None), True),  # "at least 10" both sides
        ((10, None), (8, None), True),  # the proposal's open interval holds the gold's
        ((10, None), (10, 10), False),  # the proposal caps what the gold leaves open
        ((10, None), (12, None), False),  # the proposal's low is above the gold's
        ((12, 12), (10, 15), True),
        ((12, 12), (10, None), True),
        ((12, 12), (13, 20), False),
        ((12, 12), (None, None), False),  # the gold gives a figure, the proposal none
        ((None, 36), (None, 36), True),  # "up to 36": no lower limit
        ((None, 36), (None, 50), True),
        ((None, 36), (30, 40), False),  # the proposal's low excludes what the gold allows
        ((5, 8), (5, 8), True),
        ((5, 8), (5, 6), False),
        ((None, None), (3, 3), True),  # the gold gives no figure: not scored
    ],
)
def test_casualties_agree_when_the_gold_interval_lies_within_the_proposal(
    gold: tuple[int | None, int | None], proposed: tuple[int | None, int | None], agree: bool
) -> None:
    from isk_atlas.evaluate import _casualties_agree

    g = ev("g", "attack", "AF-KAB", D(2022, 1, 1), killed_low=gold[0], killed_high=gold[1], injured_low=4)
    p = ev("p", "attack", "AF-KAB", D(2022, 1, 1), killed_low=proposed[0], killed_high=proposed[1], injured_low=4)
    assert _casualties_agree(p, g) is agree
    # Injured is held to the same rule, and both kinds must agree.
    wounded = p.model_copy(update={"injured_low": None})
    assert _casualties_agree(wounded, g) is False


def test_far_abroad_matches_by_country_and_near_abroad_by_province() -> None:
    """Far abroad the gazetteer holds no provinces: a proposal in Germany matches gold coded at a German state; in
    a neighbour (Iran) the province must still agree."""
    arrest_nrw = ev("g-nrw", "counter_operation", "DE-NW", D(2023, 7, 6), source="s1").model_copy(
        update={"country": "DEU"}
    )
    in_germany = ev("p-deu", "counter_operation", None, D(2023, 7, 6), source="s1").model_copy(
        update={"country": "DEU"}
    )
    assert evaluate([in_germany], [arrest_nrw]).matched == 1
    shiraz = ev("g-shiraz", "attack", "IR-07", D(2022, 10, 26), source="s2").model_copy(update={"country": "IRN"})
    kerman = ev("p-kerman", "attack", "IR-08", D(2022, 10, 26), source="s2").model_copy(update={"country": "IRN"})
    assert evaluate([kerman], [shiraz]).matched == 0
