from __future__ import annotations

import pytest

from isk_atlas.events.cues import CUES, TextCue


@pytest.mark.parametrize("cue", CUES, ids=lambda cue: cue.name)
def test_every_cue_finds_its_example_and_not_its_counter_example(cue: TextCue) -> None:
    assert cue.found(cue.example)
    if cue.counter_example:
        assert not cue.found(cue.counter_example)


def test_cue_names_are_unique() -> None:
    assert len({cue.name for cue in CUES}) == len(CUES)
