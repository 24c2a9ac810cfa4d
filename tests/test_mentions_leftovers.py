from __future__ import annotations

import pytest

from isk_atlas.mentions import split_sentences
from isk_atlas.mentions.leftovers import CAPTION, LEFTOVER_CUES, OTHER_STORIES, LeftoverCue, leftover_lines

# A report's paragraph, long enough that the texts below read as a page store's (a line per paragraph).
LEAD = (
    "Security forces killed five members of the group in a raid on a house in the city on Sunday night, a "
    "spokesman for the ministry said."
)


@pytest.mark.parametrize("cue", LEFTOVER_CUES, ids=lambda cue: cue.name)
def test_every_cue_finds_its_example_and_not_its_counter_example(cue: LeftoverCue) -> None:
    assert cue.found(cue.example)
    assert not cue.found(cue.counter_example)
    # ... as a line of a page: the example's line is marked, the counter-example's is not
    text = f"{LEAD}\n{cue.counter_example}\n{LEAD}\n{cue.example}\n{LEAD}"
    marked = {text[start:end] for _, start, end in leftover_lines(text)}
    assert cue.example in marked
    assert cue.counter_example not in marked


@pytest.mark.parametrize("cue", [cue for cue in LEFTOVER_CUES if cue.needs], ids=lambda cue: cue.name)
def test_a_cues_cheap_test_lets_its_example_through_and_stops_lines_without_its_words(cue: LeftoverCue) -> None:
    assert any(word in cue.example.lower() for word in cue.needs)
    # the words are matched whatever the case, as the patterns are
    assert cue.found(cue.example.upper())
    assert not cue.found("Men stand at the gate of the compound.")


def test_cue_names_are_unique() -> None:
    assert len({cue.name for cue in LEFTOVER_CUES}) == len(LEFTOVER_CUES)


def test_the_line_above_a_credit_is_its_caption() -> None:
    text = f"Headline of the report\n\n{LEAD}\nMen stand at the gate of the compound\nPhoto: Some Agency\n{LEAD}"
    assert [(kind, text[s:e]) for kind, s, e in leftover_lines(text)] == [
        (CAPTION, "Men stand at the gate of the compound"),
        (CAPTION, "Photo: Some Agency"),
    ]


def test_at_the_top_the_line_above_a_credit_is_a_caption_only_when_a_headline_follows() -> None:
    caption_first = f"Men stand at the gate\nPhoto: Some Agency\n\nForces kill five in a raid in the city\n\n{LEAD}"
    assert [caption_first[s:e] for _, s, e in leftover_lines(caption_first)] == [
        "Men stand at the gate",
        "Photo: Some Agency",
    ]
    headline_first = f"Forces kill five in a raid in the city\nPhoto: Some Agency\n\n{LEAD}"
    assert [headline_first[s:e] for _, s, e in leftover_lines(headline_first)] == ["Photo: Some Agency"]


def test_a_line_two_cues_mark_is_a_list_of_other_stories() -> None:
    line = "| Blast kills five in the capital (Photo: Some Agency)"
    assert [kind for kind, _, _ in leftover_lines(f"{LEAD}\n{line}")] == [OTHER_STORIES]


def test_sentences_in_leftover_lines_are_marked() -> None:
    text = (
        f"Forces kill five in a raid in the city\n\n{LEAD}\n"
        "Fighters walk along a road near the city. (AP Photo/Some Name)\n"
        "| Commander killed in a strike in the east\n"
        f"{LEAD}"
    )
    marks = [(s.text(text), s.leftover) for s in split_sentences(text)]
    assert marks[0] == ("Forces kill five in a raid in the city", "")
    assert ("Fighters walk along a road near the city.", CAPTION) in marks
    assert ("(AP Photo/Some Name)", CAPTION) in marks
    assert ("| Commander killed in a strike in the east", OTHER_STORIES) in marks
    assert [leftover for _, leftover in marks].count("") == 3
