"""The lead and the dates: which date a draft takes, what the publication and a dateline say, which happening is
the report's news.

A dateline ("KABUL, May 8 -") dates the filing, against which weekdays are read (`find_dateline`); a day the text
says a claim or announcement was made is marked as such (`claim_day`), and the happening's own day is preferred
to it (`event_date`); a headline and a lead telling a happening without a readable date date it by the
publication (`heading_index`, `lead_event`, `reported_date`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Collection, Sequence

from isk_atlas.events.cues import (
    CLAIM_DAY_AFTER,
    CLAIM_DAY_BEFORE,
    DATE_NAMES_AN_ATTACK,
    DATE_NAMING_AFTER,
    DATE_NAMING_BEFORE,
    DATE_NAMING_POSSESSIVE,
    DATELINE,
    GENERIC_PLURAL,
    LABEL_LINE,
    RECENT,
    YEAR,
)
from isk_atlas.events.datefind import NAMING_NOTE, DateMention, find_dates
from isk_atlas.events.draft import Draft
from isk_atlas.mentions import Sentence


def find_dateline(
    text: str, sentences: Sequence[Sentence], published: dt.date | None, precision: str
) -> DateMention | None:
    """The date of the article's dateline, read against the publication; None when there is none."""
    for sentence in sentences[:4]:
        if sentence.index and sentences[sentence.index - 1].paragraph == sentence.paragraph:
            continue  # a dateline opens a paragraph
        match = DATELINE.pattern.match(text, sentence.start, sentence.end)
        if match is None:
            continue
        phrase = match.group("date") + (f" {match.group('year')}" if match.group("year") else "")
        found = [d for d in find_dates(phrase, published, precision) if d.precision == "day"]
        if found:
            start = match.start("date")
            day = found[0]
            return DateMention(day.text, start, match.end("date"), day.date_start, day.date_end, "day",
                               "the dateline's date (when the report was filed)")  # fmt: skip
        return None
    return None


def publication_window(published: dt.date | None, precision: str) -> DateMention | None:
    """The publication as a date window: its day (or its whole month or year when only that is known).

    What a report states without a date of its own ("the group is present in X") it states as of the day it
    appears; the month up to that day would date it more widely than the report does."""
    if published is None or precision == "unknown":
        return None
    if precision == "year":
        return DateMention("publication", 0, 0, published.replace(month=1, day=1), published.replace(month=12, day=31),
                           "year")  # fmt: skip
    if precision == "day":
        return DateMention("publication", 0, 0, published, published, "day")
    start = published.replace(day=1)
    next_month = (start + dt.timedelta(days=32)).replace(day=1)
    return DateMention("publication", 0, 0, start, next_month - dt.timedelta(days=1), "month")


_DATE_RANK = {"day": 3, "month": 2, "year": 1}


def date_rank(date: DateMention) -> int:
    return _DATE_RANK.get(date.precision, 0)


def event_date(dates: Sequence[DateMention]) -> DateMention | None:
    """The most precise date of the event's sentences (among equals, one naming the happening, "the January 3
    attacks", before others, the happening's own day before the day a claim of it was made, then the narrowest
    window: "a string of raids in recent weeks, among them one at a bus depot last week" dates that one to last week;
    then the first)."""
    if not dates:
        return None
    if len(dates) == 1:
        return dates[0]
    return max(dates, key=lambda d: (date_rank(d), is_naming_date(d), not is_claim_day(d), d.date_start - d.date_end))


_CLAIM_DAY = "the day the claim or announcement was made (the happening may be a day or two before)"


# A claim or announcement follows its happening by at most this many days.
CLAIM_LAG_DAYS = 2


def claim_day(date: DateMention, text: str, sentence: Sentence) -> DateMention:
    """The date marked as the day of a claim or announcement when the text says so ("the group on Tuesday claimed",
    "announced Thursday that"), else as it is."""
    if date.precision != "day" or is_claim_day(date):
        return date
    before = text[max(sentence.start, date.start - 40) : date.start]
    if CLAIM_DAY_BEFORE.found(before) or CLAIM_DAY_AFTER.found(text[date.end : min(sentence.end, date.end + 40)]):
        return dataclasses.replace(date, note="; ".join(n for n in (date.note, _CLAIM_DAY) if n))
    return date


def naming_date(date: DateMention, text: str, sentence: Sentence) -> DateMention:
    """The date marked as naming a happening when the text writes it as the modifier of the happening's noun ("the
    January 3 attacks", "an April 2022 explosion", "last month's attack"), else as it is."""
    if date.precision not in ("day", "month") or NAMING_NOTE in date.note:
        return date
    before = text[max(sentence.start, date.start - 10) : date.start]
    after = text[date.end : min(sentence.end, date.end + 40)]
    if (DATE_NAMING_BEFORE.found(before) or DATE_NAMING_POSSESSIVE.found(after)) and DATE_NAMING_AFTER.found(after):
        return dataclasses.replace(date, note="; ".join(n for n in (date.note, NAMING_NOTE) if n))
    return date


def names_an_attack(date: DateMention, text: str, sentence: Sentence) -> bool:
    """Whether `date` names an attack ("last month's attack", "the January 3 bombings"): told in a sentence about an
    operation, it dates the attack the operation's suspects are tied to, not the operation."""
    return is_naming_date(date) and DATE_NAMES_AN_ATTACK.found(text[date.end : min(sentence.end, date.end + 40)])


def is_naming_date(date: DateMention) -> bool:
    return NAMING_NOTE in date.note


def is_claim_day(date: DateMention) -> bool:
    return _CLAIM_DAY in date.note


def claimed_after(claim: DateMention, date: DateMention) -> bool:
    """Whether a happening dated `date` (its own day) can be the one claimed or announced on the day `claim`."""
    if not is_claim_day(claim) or is_claim_day(date) or date.precision != "day":
        return False
    return 0 <= (claim.date_start - date.date_end).days <= CLAIM_LAG_DAYS


def is_headline(text: str, sentences: Sequence[Sentence]) -> bool:
    """Whether the text opens with a headline: a first paragraph of one sentence without a full stop."""
    if len(sentences) < 2 or sentences[1].paragraph == sentences[0].paragraph:
        return False
    return not text[sentences[0].start : sentences[0].end].rstrip().endswith((".", "!", "?", '"', "”"))


# How far into the text the lead runs (headline and first paragraphs), in sentences.
LEAD_SENTENCES = 4


def heading_index(text: str, sentences: Sequence[Sentence], headline: bool) -> int | None:
    """The sentence that is the article's headline, when the text opens with one-sentence paragraphs: the first
    one-sentence paragraph of three words or more without a final stop, a label ("PublishDate: ...") or a page's
    leftover (a photo's caption) among the first few (a page's leftovers, a code or a date line, may come before
    it); None without one."""
    if not headline and (len(sentences) < 2 or sentences[1].paragraph == sentences[0].paragraph):
        return None  # the text opens with a paragraph of several sentences: no headline
    for sentence in sentences[:LEAD_SENTENCES]:
        index = sentence.index
        alone = (index == 0 or sentences[index - 1].paragraph != sentence.paragraph) and (
            index + 1 >= len(sentences) or sentences[index + 1].paragraph != sentence.paragraph
        )
        words = text[sentence.start : sentence.end].split()
        if (
            alone
            and not sentence.leftover  # a photo's caption over the headline
            and len(words) >= 3
            and not LABEL_LINE.pattern.match(text, sentence.start, sentence.end)
            and not (len(words) <= 8 and YEAR.pattern.search(text, sentence.start, sentence.end))  # "This story is from
            # February 16, 2017": a date line
            and not words[-1].endswith((".", "!", "?", '"', "”"))
        ):
            return index
    return None


def lead_event(drafts: Sequence[Draft], earlier: Sequence[Draft], text: str, heading: int | None) -> Draft | None:
    """The report's news: its first happening (not a presence report nor an earlier one recalled), when the
    headline (sentence `heading`) or a lead calling it recent tells it without a date that could be read; None
    otherwise."""
    recalled = {id(d) for d in earlier}
    told = sorted(
        (d for d in drafts if d.label.event_type != "presence" and not d.listed and id(d) not in recalled),
        key=lambda d: d.start,
    )
    if not told or told[0].dates or told[0].sentences[0].index >= LEAD_SENTENCES:
        return None
    lead = told[0]
    told_at = {lead.sentences[0].index, *(s.index for s in lead.folded_at)}  # the headline may be folded in
    # (a lead at country level folded into the placed report may be the one saying "on Friday")
    if heading in told_at or any(
        RECENT.pattern.search(text, s.start, s.end) for s in (*lead.sentences, *lead.folded_at)
    ):
        return lead  # a headline, or a lead saying "on Friday", "overnight" of a report dated only to its month
    return None


def reported_date(published: dt.date | None, precision: str) -> DateMention | None:
    """When a lead told without a date happened: the day of publication or the one before (a month's or year's
    publication: that month or year)."""
    if published is None or precision == "unknown":
        return None
    if precision != "day":
        return publication_window(published, precision)
    return DateMention("publication", 0, 0, published - dt.timedelta(days=1), published, "day",
                       "not dated in the report: the day of publication or the day before")  # fmt: skip


def undated_news_date(
    draft: Draft, text: str, published: dt.date | None, precision: str, others: Collection[int] = ()
) -> DateMention | None:
    """When a happening the report tells without a date of its own happened: like an undated lead, the day of
    publication or the one before (a month's or year's publication: that month or year); news tells what is new.

    None when it is told as one of a record of many: one target of a list of attacks ("blamed for a string of
    attacks: on X, on Y ...", `Draft.listed`) or in a sentence telling a record ("has carried out several attacks,
    including an attack on ..."): background, not the day's news, it stays undated. So does one whose sentence
    dates something else, a date its reading gave to an aside or to when a period began ("he led an offensive in
    X, before being sent to Y last year"): the text places it in time, not at the news. Dates starting at `others`
    are another happening's the operation is tied to ("four men were held over the bombing at X on May 2"):
    they leave the arrest the day's news. The pluperfect is no such
    sign: reports tell the day's news in it ("officials said the commander had been killed")."""
    if draft.dates or draft.listed or not draft.sentences:
        return None
    first = draft.sentences[0]
    told = text[first.start : first.end]
    if GENERIC_PLURAL.found(told) or any(
        d.start not in others for d in find_dates(told, published, precision, offset=first.start)
    ):
        return None
    return reported_date(published, precision)
