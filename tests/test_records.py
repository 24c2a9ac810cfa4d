from __future__ import annotations

import datetime as dt

from isk_atlas.events.datefind import DateMention
from isk_atlas.events.records import as_of_reference, country_adjective


def test_a_presence_up_to_the_day_of_the_report_holds_as_of_that_day() -> None:
    report_day = dt.date(2024, 3, 20)
    recent = DateMention("in recent months", 10, 26, dt.date(2023, 12, 20), report_day, "month")
    held = as_of_reference(recent, report_day, "day")
    assert (held.date_start, held.date_end, held.precision) == (report_day, report_day, "day")
    assert "holds as of that day" in held.note
    # a stretch ending before the report, or a report dated only to its month, stays as read
    earlier = DateMention("in January", 10, 20, dt.date(2024, 1, 1), dt.date(2024, 1, 31), "month")
    assert as_of_reference(earlier, report_day, "day") is earlier
    assert as_of_reference(recent, report_day, "month") is recent


def test_a_countrys_adjective_is_the_first_its_table_gives() -> None:
    # ("tajik" before "tajikistani": the word a force is named by, "Tajik border guards")
    assert [country_adjective(code) for code in ("TJK", "PAK", "KGZ", "XXX", None)] == [
        "Tajik", "Pakistani", "Kyrgyz", None, None
    ]  # fmt: skip
