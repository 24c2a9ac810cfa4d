"""The mapping rules are what the README's table says, and every rule gives a valid event record type."""

from __future__ import annotations

import pytest

from isk_atlas.datasets.rules import (
    ACLED_GEO_PRECISION,
    ACLED_TIME_PRECISION,
    ACLED_TYPES,
    GED_DATE_PREC,
    GED_VIOLENCE,
    GED_WHERE_PREC,
    acled_type,
    inter_text,
)
from isk_atlas.schema import DATE_PRECISIONS, GEO_PRECISIONS, SUB_TYPES
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_type_rule_names_a_sub_type_of_its_event_type() -> None:
    for rule in [*GED_VIOLENCE.values(), *ACLED_TYPES.values()]:
        assert rule.sub_type in SUB_TYPES[rule.event_type], rule


def test_every_precision_rule_is_one_of_ours() -> None:
    assert {p for p, _ in GED_WHERE_PREC.values()} | {p for p, _ in ACLED_GEO_PRECISION.values()} <= set(GEO_PRECISIONS)
    dates = {p for p, _ in GED_DATE_PREC.values()} | {p for p, _, _ in ACLED_TIME_PRECISION.values()}
    assert dates <= set(DATE_PRECISIONS)


@pytest.mark.parametrize(("table", "field"), [(GED_WHERE_PREC, "where_prec"), (GED_DATE_PREC, "date_prec"),
                                              (ACLED_GEO_PRECISION, "geo_precision")])  # fmt: skip
def test_the_readme_table_has_each_precision_code(table: dict[str, tuple[str, str]], field: str) -> None:
    for code, (ours, meaning) in table.items():
        assert f"`{field}` | {code} | {'date' if 'date' in field else 'geo'}_precision `{ours}` | {meaning} |" in README


def test_the_readme_table_has_each_type_rule() -> None:
    for (event_type, sub_event_type), rule in ACLED_TYPES.items():
        sub = "any other" if sub_event_type == "*" else sub_event_type
        assert f"| {event_type} / {sub} | `{rule.event_type}` / `{rule.sub_type}` | {rule.example} |" in README
    for rule in GED_VIOLENCE.values():
        assert f"| `{rule.event_type}` / `{rule.sub_type}` | {rule.example} |" in README
    for code, (ours, meaning, _) in ACLED_TIME_PRECISION.items():
        assert f"| ACLED `time_precision` | {code} | date_precision `{ours}` | {meaning} |" in README


def test_an_unlisted_sub_event_type_falls_back_to_its_event_type_and_protests_map_to_nothing() -> None:
    assert acled_type("Battles", "Something new") == ACLED_TYPES[("Battles", "*")]
    assert acled_type("Protests", "Peaceful protest") is None


def test_inter_codes_read_as_numbers_floats_or_text() -> None:
    assert inter_text("2") == inter_text("2.0") == "Rebel group"
    assert inter_text("State forces") == "State forces"
    assert inter_text("") == ""
