from __future__ import annotations

import datetime as dt

from isk_atlas.events.classify import Label
from isk_atlas.events.draft import Draft
from isk_atlas.events.drafting import one_per_listed_attack
from isk_atlas.mentions import split_sentences


def test_a_tally_listing_its_attacks_gives_one_draft_per_attack_dated_by_its_period() -> None:
    text = (
        "The group carried out attacks over the past two months, including an attack on a ministry, "
        "a bombing of a bus and an assault on a hotel."
    )
    (sentence,) = split_sentences(text)
    tally = Draft(Label("attack", "bombing", 1.0, "attacks"), [sentence], None)
    drafts = one_per_listed_attack([tally], text, 0, [], dt.date(2023, 5, 31))
    assert [d.attacked for d in drafts] == ["a ministry", "a bus", "a hotel"]
    assert all(d.listed for d in drafts)
    (period,) = drafts[0].dates
    assert (period.date_start, period.date_end) == (dt.date(2023, 4, 1), dt.date(2023, 5, 31))
    # one attack named: no list
    single = "The group carried out attacks, including an attack on a ministry."
    (one,) = split_sentences(single)
    alone = Draft(Label("attack", "bombing", 1.0, "attacks"), [one], None)
    assert one_per_listed_attack([alone], single, 0, [], None) == [alone]
