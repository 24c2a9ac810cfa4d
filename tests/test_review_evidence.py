"""The evidence on a review card: the sentence(s) of the span, escaped, with place, dates and figures marked."""

from __future__ import annotations

import datetime as dt
import re

from isk_atlas.review.evidence import HIGHLIGHTS, event_evidence, source_line
from isk_atlas.schema import Event, SourceMeta
from tests.hostile_fixtures import BREAKOUT, SCRIPT

TEXT = (
    "Intro sentence. On Sunday, May 19, a bomber attacked a checkpoint in Asadabad, killing seven people and "
    "wounding 12; a nearby Asadabad clinic took them in. Another sentence with 7 apples."
)


def _event(**fields: object) -> Event:
    start = TEXT.index("On Sunday")
    values: dict[str, object] = {
        "event_id": "e1",
        "event_type": "attack",
        "place_text": "Asadabad",
        "killed_low": 7,
        "killed_high": 7,
        "injured_low": 12,
        "injured_high": 12,
        "sources": [{"source_id": "s1", "start": start, "end": start + 20}],
    }
    return Event.model_validate({**values, **fields})


def _meta(**fields: object) -> dict[str, SourceMeta]:
    return {"s1": SourceMeta.model_validate({"source_id": "s1", "file": "s1.txt", "published": "2024-05-20", **fields})}


def _marked(html_text: str) -> list[tuple[str, str]]:
    return re.findall(r'title="(\w+)">([^<]*)</mark>', html_text)


def test_the_sentence_of_the_span_with_its_place_dates_and_figures_marked() -> None:
    [evidence] = event_evidence(_event(), {"s1": TEXT}, _meta())
    assert evidence.text.startswith("On Sunday, May 19") and evidence.text.endswith("took them in.")
    assert _marked(evidence.html()) == [
        ("date", "Sunday, May 19"),
        ("place", "Asadabad"),
        ("figure", "seven"),
        ("figure", "12"),
        ("place", "Asadabad"),
    ]


def test_numbers_that_are_not_the_events_figures_are_not_marked() -> None:
    [evidence] = event_evidence(_event(killed_low=None, killed_high=None), {"s1": TEXT}, _meta())
    assert ("figure", "seven") not in _marked(evidence.html())
    assert ("figure", "12") in _marked(evidence.html())


def test_article_markup_is_escaped_and_only_marks_are_tags() -> None:
    text = f"First. {SCRIPT} attack in Kabul {BREAKOUT} killed 3. Last."
    start = text.index(SCRIPT)
    event = _event(place_text="Kabul", killed_low=3, killed_high=3, sources=[{"source_id": "s1", "start": start,
                                                                                 "end": start + 10}])  # fmt: skip
    [evidence] = event_evidence(event, {"s1": text}, _meta())
    page = evidence.html()
    assert "<script" not in page and "<img" not in page
    assert set(re.findall(r"</?(\w+)", page)) == {"mark"}
    assert "&lt;script&gt;" in page


def test_no_text_at_hand_gives_no_evidence() -> None:
    assert event_evidence(_event(), {}, _meta()) == []
    assert event_evidence(_event(sources=[{"source_id": "s1"}]), {"s1": TEXT}, _meta()) == []


def test_source_line_escapes_title_and_publisher() -> None:
    line = source_line("s1", _meta(title=SCRIPT, publisher=BREAKOUT)["s1"])
    assert "<script" not in line and "<img" not in line and "2024-05-20" in line
    assert source_line("s1", None) == "s1"


def test_every_rule_marks_its_own_example() -> None:
    published = dt.date(2024, 5, 20)
    event = _event(place_text="Asadabad", killed_low=7, injured_low=12, injured_high=12)
    for rule in HIGHLIGHTS:
        expected = re.findall(r"\[([^\]]+)\]", rule.example)
        sentence = rule.example.replace("[", "").replace("]", "")
        found = [sentence[s:e] for s, e in rule.find(sentence, event, published)]
        assert found == expected, rule.kind
