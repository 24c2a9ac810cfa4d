"""The actor filter: one editable file, read strictly, applied to GED sides and ACLED actor lists."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from isk_atlas.datasets.actors import default_actors_path, read_actor_filter
from isk_atlas.errors import InputError


def test_the_shipped_list_names_the_group_as_both_datasets_do() -> None:
    keep = read_actor_filter()
    assert default_actors_path().name == "actors.yaml"
    assert "IS" in keep.ged_sides
    assert {"Islamic State (Afghanistan)", "Islamic State Khorasan Province"} <= keep.acled_actors
    assert keep.countries["Afghanistan"] == "AFG" and keep.countries["Tajikistan"] == "TJK"


def test_names_match_whole_ignoring_case_and_spaces() -> None:
    keep = read_actor_filter()
    side_a = pd.Series(["Government of Afghanistan", " is ", "ISIS supporters"])
    side_b = pd.Series(["IS", "Civilians", "Civilians"])
    assert keep.ged_rows(side_a, side_b).tolist() == [True, True, False]
    actors = pd.Series(["Taliban", "Military Forces of Afghanistan (2021-)", ""])
    assoc = pd.Series(["", "Militia; islamic state khorasan province", None])
    assert keep.acled_rows(actors, assoc).tolist() == [False, True, False]


def test_all_actors_keeps_every_row_and_says_so() -> None:
    keep = read_actor_filter(all_actors=True)
    assert keep.ged_rows(pd.Series(["A"]), pd.Series(["B"])).tolist() == [True]
    assert keep.describe().startswith("all actors")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[a, b]", "must be a mapping"),
        ("ucdp_ged_sides: IS\n", "must be a list"),
        ("countries:\n  Afghanistan: Afg\n", "alpha-3"),
        ("countries: [\n", "cannot read"),
    ],
)
def test_a_broken_list_is_an_error_naming_the_file(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "actors.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=message) as caught:
        read_actor_filter(path)
    assert caught.value.path == str(path)
