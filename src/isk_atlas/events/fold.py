"""The fold of restatements: mentions of one happening within an article become one draft (`merge_drafts`).

A news report tells its happening several times (headline, lead, later paragraphs, the claim); these functions
decide when two drafts are one happening (`covers`, `_near`, `_same_launch`, `told_apart`), fold one into the
other (`absorb`), and drop drafts that only refer back to a happening told already (`back_reference`), stand for a
province told more precisely (`region_told_by_province`), are background far away (`undated_attack_far_abroad`) or
only say the group is in the country (`generic_presence`); a launch told at country level takes the site named for
it a few sentences on (`launch_sites`); an attack or operation told only at country level without a date, a count
or being the lead folds into the one the article places, else is dropped (`fold_into_placed`).
It works on drafts only and never imports the extractor.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Iterable, Sequence

from isk_atlas.events.cues import (
    ANOTHER,
    CAME_TO_THE_COUNTRY,
    CELL,
    CONCERN,
    COUNT_OF_A_HAPPENING,
    DATE_RANGE_JOINS,
    DATE_RANGE_OPENS,
    FIGHTER_FIGURE,
    FIGURE_OF_A_HAPPENING,
    LAUNCH_SITE,
    ROCKET_WORDS,
    SAID_ON,
    THE_ATTACK,
    WEEKDAY,
)
from isk_atlas.events.datefind import DateMention
from isk_atlas.events.draft import NEIGHBOURS, Draft, group_home, place_key, specificity, specificity_of
from isk_atlas.events.lead import CLAIM_LAG_DAYS, LEAD_SENTENCES, claimed_after, date_rank, event_date, is_naming_date
from isk_atlas.events.placing import event_place
from isk_atlas.geo.build import PROVINCE_REGIONS
from isk_atlas.mentions import Mention, Sentence
from isk_atlas.places.regions import border_zone


def absorb(kept: Draft, draft: Draft) -> None:
    kept.folded_at.extend([draft.sentences[0], *draft.folded_at])
    kept.figures.extend(f for f in draft.figures if f not in kept.figures)
    kept.claimed_by = kept.claimed_by or draft.claimed_by
    kept.actor = kept.actor or draft.actor
    kept.rockets = kept.rockets or draft.rockets
    kept.attacked = kept.attacked or draft.attacked
    kept.notes.extend(n for n in draft.notes if n not in kept.notes)
    for aspect in (draft.label.sub_type, *draft.aspects):
        if aspect not in kept.aspects and aspect != kept.label.sub_type:
            kept.aspects.append(aspect)
    if not kept.dates and draft.dates:
        kept.dates = list(draft.dates)
    if kept.target is None and draft.target is not None:
        kept.target, kept.target_country = draft.target, draft.target_country
    spans = [(kept.start, kept.end), *kept.folded]
    if draft.place is not None and kept.place is not None and specificity(draft.place) > specificity(kept.place):
        kept.place = draft.place
        kept.sentences = draft.sentences  # the evidence is where the precise place is given
    for span in [*spans, (draft.start, draft.end), *draft.folded]:
        if span != (kept.start, kept.end) and span not in kept.folded:
            kept.folded.append(span)


# Counter-operation sub-types that one happening is told as ("a raid", "the operation", "arrested three").
_ONE_OPERATION = frozenset({"raid", "arrest", "military_operation"})


def _same_kind(undated: str, dated: str, dated_first: bool = False) -> bool:
    """An undated report can be of the dated one: same sub-type, a plain "attack", a bombing of a suicide bombing
    or the other way round (the lead says "suicide bomber", the next paragraph or the headline "the blast"), or one
    operation told as a raid, an operation or arrests; an attack told `dated_first` as a plain "attack" and then,
    in the same paragraph or the next, how it was done ("attacked a church on Sunday" ... "the other detonated a
    suicide vest")."""
    return (
        undated in (dated, "attack")
        or (dated_first and dated == "attack")
        or {undated, dated} == {"bombing", "suicide_bombing"}
        or (undated in _ONE_OPERATION and dated in _ONE_OPERATION)
    )


# Ways one attack is told: a report that names none of its own details may word the manner otherwise ("the
# attackers raided the prison" of an attack told in the lead, "the blast" of a suicide assault).
_MANNERS_OF_AN_ATTACK = frozenset({"attack", "armed_assault", "bombing", "suicide_bombing"})


def bare(draft: Draft, text: str) -> bool:
    """A report that tells nothing of its own: no date, no figures, no target named, not one of a list, and its
    sentence does not say it is another happening (`ANOTHER`). News tells another happening by giving it something
    of its own (a day, a toll, a target) or by saying so; a bare report of the type in the province of one the
    article tells is that one told again."""
    if draft.dates or draft.figures or draft.attacked or draft.listed:
        return False
    opening = draft.sentences[0]
    return not ANOTHER.pattern.search(text, opening.start, opening.end)


def _bare_retelling(dated: Draft, undated: Draft, text: str) -> bool:
    """Whether `undated` is a `bare` report of an attack, told after `dated`, an attack told by its day, whatever
    manner each words (one told by its month may be a tally: "two attacks in December")."""
    return (
        _MANNERS_OF_AN_ATTACK.issuperset((undated.label.sub_type, dated.label.sub_type))
        and any(d.precision == "day" for d in dated.dates)
        and dated.start < undated.start
        and bare(undated, text)
    )


def covers(dated: Draft, undated: Draft, text: str | None = None) -> bool:
    """Whether an undated report can be of the dated one's happening: same type, kind of sub-type (any manner of
    attack for a bare retelling, `_bare_retelling`, read with the article's `text` only) and province; or for a
    report naming only the country ("rockets from Afghanistan hit Termez"), the same country (and for a launch no
    other target country)."""
    if dated.label.event_type != undated.label.event_type:
        return False
    same_kind = _same_kind(undated.label.sub_type, dated.label.sub_type, _told_just_before(dated, undated))
    if not same_kind and not (text is not None and _bare_retelling(dated, undated, text)):
        return False
    if _told_apart(dated, undated):
        return False
    if place_key(dated) == place_key(undated):
        return True
    place, other = undated.place, dated.place
    if place is None or other is None or place.country != other.country:
        return False
    if other.match.kind == "country" and place.match.kind != "country":
        # abroad, the dated one told at country level is placed precisely here ("Pakistani authorities said Friday
        # they had arrested two ...", "... detained the two men near Peshawar"); in Afghanistan many happen apart,
        # but a lead told at country level is the news that the article goes on to place ("The Taliban said they
        # killed eight militants ..." then "The raid was on a base in Taloqan" in the next paragraph)
        # A launch told from "Afghanistan" is placed by the site the article names for it after ("the rockets were
        # launched from near Hairatan"), when it names no other target country.
        launch = dated.label.event_type == "cross_border_launch" and undated.target_country in (
            None, dated.target_country
        )  # fmt: skip
        return (
            other.country != "AFG"
            or launch
            or (
                dated.sentences[0].index < LEAD_SENTENCES
                and undated.sentences[0].paragraph - dated.sentences[-1].paragraph <= 1
            )
        )
    if place.match.kind != "country":
        return False
    return undated.target_country is None or dated.target_country in (None, undated.target_country)


# How an attack was done follows its telling in the same paragraph or the next one.
_HOW_PARAGRAPHS = 1


def _told_just_before(dated: Draft, undated: Draft) -> bool:
    """Whether the dated report (or a restatement folded into it) is told before the undated one, in its paragraph
    or, for one of a given day, the paragraph before it (the lead tells "an attack that killed the police chief on
    Monday", the next paragraph "he was killed in a car bomb near the headquarters"; an attack told by its month
    may be a tally, "two attacks in December", that the next paragraphs take one by one)."""
    at = undated.sentences[0]
    reach = _HOW_PARAGRAPHS if any(d.precision == "day" for d in dated.dates) else 0
    return any(
        0 <= at.paragraph - s.paragraph <= reach and s.index < at.index for s in (*dated.sentences, *dated.folded_at)
    )


def undated_attack_far_abroad(draft: Draft) -> bool:
    """An attack beyond Afghanistan and its neighbours, told with no date and not as the article's first happening:
    a passing comparison ("attacks in Madrid and Vienna"), not a happening the article reports. The corpus
    conventions ask a recalled attack for its place and a date; far from the region an undated one is background."""
    if draft.label.event_type != "attack" or draft.dates or draft.place is None:
        return False
    country = draft.place.country
    return country is not None and country != "AFG" and country not in NEIGHBOURS


def region_told_by_province(draft: Draft, drafts: Sequence[Draft]) -> bool:
    """A presence report placed only at a region of Afghanistan ("the main IS stronghold in northern Afghanistan")
    in an article that tells a happening of a given day in a province of that region (fighting in Jowzjan on July
    31): the region stands for that province, where the news is told; it is no place of its own."""
    if draft.label.event_type != "presence" or draft.place is None or draft.place.match.kind != "region":
        return False
    region = PROVINCE_REGIONS.get(draft.place.place_id.removeprefix("region:") if draft.place.place_id else "")
    if region is None:
        return False
    return any(
        d.admin1 in region[1] and d.label.event_type != "presence" and any(x.precision == "day" for x in d.dates)
        for d in drafts
    )


# A happening recalled from before the report's month (more than this many days before it): see below.
_RECALLED_DAYS = 31


def operation_region_not_its_place(draft: Draft, drafts: Sequence[Draft], published: dt.date | None) -> bool:
    """An operation against the group placed only at a region of Afghanistan ("hundreds surrendered in the north")
    is an event when it is the report's news; the region is no place of its own when the article tells a happening
    in a province of that region (the region stands for it, as for presence), nor for an operation recalled from
    months before (a recalled happening is coded when its province or city is given)."""
    if draft.label.event_type != "counter_operation" or draft.place is None or draft.place.match.kind != "region":
        return False
    region = PROVINCE_REGIONS.get(draft.place.place_id.removeprefix("region:") if draft.place.place_id else "")
    if region is None:
        # A border strip or a region abroad is too vague for an operation; one inside a single province (Bajaur,
        # North Waziristan, the Spin Ghar range) is as precise as that province. An arrest is made at one spot,
        # though: "captured at the Pakistan-Afghanistan border" tells where the man was taken, as precisely as the
        # text allows (the border zone).
        if draft.label.sub_type == "arrest" and border_zone(draft.place.place_id or ""):
            return False
        return draft.place.match.admin1 is None
    if any(d is not draft and d.admin1 in region[1] and d.label.event_type != "presence" for d in drafts):
        return True
    return (
        published is not None
        and bool(draft.dates)
        and all(d.date_end < published - dt.timedelta(days=_RECALLED_DAYS) for d in draft.dates)
    )


def back_reference(draft: Draft, drafts: Sequence[Draft], text: str) -> bool:
    """An undated attack told only as "the attack" (no figures of its own, no target listed), in an article that
    dates an attack in the same country: it speaks of a happening told already ("Daesh claimed responsibility for
    the attack, Ghani said on a visit to Badakhshan"), its place is the speaker's or the reaction's, not a new one.
    """
    if draft.label.event_type != "attack" or draft.label.sub_type != "attack":
        return False
    if draft.dates or draft.figures or draft.listed or draft.folded:
        return False
    if not all(THE_ATTACK.pattern.search(text, s.start, s.end) for s in draft.sentences):
        return False
    country = draft.place.country if draft.place is not None else None
    return any(
        d is not draft and d.dates and d.label.event_type == "attack" and d.place is not None
        and d.place.country == country
        for d in drafts
    )  # fmt: skip


def _district(draft: Draft) -> str | None:
    """The district the draft is placed in (its admin2), when it is placed at district level or finer."""
    place = draft.place
    if place is None or specificity(place) < specificity_of("district") or place.match.kind == "town":
        return None  # a town may be named for its province or district ("Kabul raid" of one in Paghman)
    return place.match.admin2 or (place.place_id if place.match.kind == "district" else None)


def _told_apart(one: Draft, other: Draft) -> bool:
    """Whether two reports say they are of different happenings: placed in two different districts ("a checkpoint
    in Khwaja Bahauddin" and "a mosque in Dashti Qala", both in Takhar), or with two different targets named."""
    districts = (_district(one), _district(other))
    if districts[0] and districts[1] and districts[0] != districts[1]:
        return True
    if one.listed and other.listed:  # side by side in one list, each phrase names a target of its own
        return bool(one.attacked and other.attacked and one.attacked.lower() != other.attacked.lower())
    return _other_target(one.attacked, other.attacked)


# Words of a target's description that say nothing of which target it is.
_TARGET_FILLER = frozenset(
    ["the", "and", "with", "for", "from", "its", "their", "his", "her", "who", "were", "was", "that", "which",
     "deadly", "packed", "crowded", "busy", "local", "main"]
)  # fmt: skip


def _target_words(attacked: str) -> set[str]:
    """The words of a target's description, cut to their first five letters ("classroom" and "class" agree)."""
    words = re.findall(r"[a-z]+", attacked.lower())
    return {w[:5] for w in words if len(w) > 2 and w not in _TARGET_FILLER}


def _other_target(one: str | None, other: str | None) -> bool:
    """Whether two targets, as the text words them, are different ones: both named and no word in common (the same
    target is described in other words further on: "a training class" and "a classroom packed with teenagers")."""
    if not one or not other:
        return False
    words, other_words = _target_words(one), _target_words(other)
    return bool(words) and bool(other_words) and words.isdisjoint(other_words)


# Happenings that go on for days or come in rounds, an article telling them apart (the fighting in a district
# "intensified"; police "also detained" more suspects after an attack).
_LASTING = frozenset({"military_operation", "arrest"})

# Mentions of one happening follow each other closely: at most this many paragraphs apart (the headline counts as
# the lead's paragraph).
_NEAR_PARAGRAPHS = 2


def _near(told: Draft, draft: Draft, text: str, anywhere: bool = False) -> bool:
    """Whether `draft` is told close enough to `told` to go on about it (a few paragraphs apart, or in the lead;
    `anywhere` in the text), without saying it is another happening ("also", "another", a target of its own)."""
    # The nearest place `told` is told (its own sentence or one folded into it) counts.
    at = draft.sentences[0]
    nearest = min((told.sentences[0], *told.folded_at), key=lambda s: abs(s.index - at.index))
    first, second = sorted((nearest, at), key=lambda s: s.index)
    if not anywhere and second.paragraph - first.paragraph > _NEAR_PARAGRAPHS and second.index >= LEAD_SENTENCES:
        return False
    if _other_target(draft.attacked, told.attacked):
        return False
    later = draft if draft.start > told.start else told
    opening = later.sentences[0]  # (what follows it in the paragraph may go on to other things)
    if ANOTHER.pattern.search(text, opening.start, opening.end):
        return False
    # Told on different weekdays that the publication (a month's) could not date: different days ("a spokesman said
    # on Tuesday" is when it was said, not when it happened).
    days = [
        {
            m.group().lower()
            for s in d.sentences
            for m in WEEKDAY.pattern.finditer(text, s.start, s.end)
            if not SAID_ON.pattern.search(text, max(s.start, m.start() - 30), m.start())
        }
        for d in (told, draft)
    ]
    return not (days[0] and days[1] and days[0].isdisjoint(days[1]))


def _words(text: str, start: int, end: int) -> str:
    return " ".join(text[start:end].split()).lower()


def _retold_word_for_word(told: Draft, draft: Draft, text: str) -> bool:
    """Whether `draft` opens with a sentence that `told` (or a mention folded into it) has word for word: a page
    repeats its headline (in a caption, a teaser, the title bar), and a repeated sentence tells the same happening
    however far apart (where fighting told in two paragraphs far apart may be two rounds of it)."""
    words = _words(text, draft.sentences[0].start, draft.sentences[0].end)
    return any(_words(text, s.start, s.end) == words for s in (told.sentences[0], *told.folded_at))


def _same_launch(one: Draft, other: Draft, one_date: DateMention, other_date: DateMention) -> bool:
    """A launch told at country level ("rockets fired from Afghan territory", denied on Tuesday) and one placed
    precisely (claimed on Monday from Hairatan) a day or two apart, at the same target country: one launch."""
    if one.label.event_type != "cross_border_launch" or other.label.event_type != "cross_border_launch":
        return False
    kinds = {d.place.match.kind if d.place is not None else None for d in (one, other)}
    if "country" not in kinds or kinds == {"country"}:
        return False
    if one.target_country and other.target_country and one.target_country != other.target_country:
        return False
    gap = min(
        abs((one_date.date_start - other_date.date_end).days), abs((other_date.date_start - one_date.date_end).days)
    )
    return gap <= 2


def _day_of_the_month(one: Draft, other: Draft, one_date: DateMention, other_date: DateMention) -> bool:
    """An attack told by its month and one of a day in that month, of the same kind of sub-type (either way)."""
    if one.label.event_type != "attack" or other.label.event_type != "attack":
        return False
    precisions = {one_date.precision, other_date.precision}
    if precisions != {"month", "day"}:
        return False
    month, day = (one_date, other_date) if one_date.precision == "month" else (other_date, one_date)
    one_kind, other_kind = one.label.sub_type, other.label.sub_type
    same = _same_kind(one_kind, other_kind) or _same_kind(other_kind, one_kind)
    return same and month.date_start <= day.date_start <= month.date_end


def _named_by_its_year(one: Draft, other: Draft, one_date: DateMention, other_date: DateMention) -> bool:
    """A happening the text names by its year ("what we know of the 2022 rocket attack on X", "convicted on Thursday
    of the 2024 shooting at X": the year among a telling's dates, whatever else dates it) and one of the same type
    told with a day or month in that year (either way): the year names the one the text tells."""
    return _naming_year(one, other, one_date, other_date) is not None


def _naming_year(one: Draft, other: Draft, one_date: DateMention, other_date: DateMention) -> DateMention | None:
    """The year one telling names the happening by, within which the other's own day or month falls (see
    `_named_by_its_year`); else None."""
    if one.label.event_type != other.label.event_type or one.label.event_type == "presence":
        return None
    for naming, told in ((one, other_date), (other, one_date)):
        if told.precision not in ("day", "month"):
            continue
        for year in naming.dates:
            if (
                year.precision == "year"
                and is_naming_date(year)
                and year.date_start <= told.date_start <= told.date_end <= year.date_end
            ):
                return year
    return None


def _launch_from_the_country(draft: Draft) -> bool:
    return draft.label.event_type == "cross_border_launch" and draft.place is not None and (
        draft.place.match.kind == "country"
    )  # fmt: skip


def _apart(one: DateMention, other: DateMention) -> bool:
    """Whether two dates told of a happening cannot be of one: their spans do not meet even a claim's lag apart (a
    month and a day inside it meet; "on Monday" and "claimed on Tuesday" meet; December 2022 and June 2023 do
    not)."""
    first, second = sorted((one, other), key=lambda d: d.date_start)
    return (second.date_start - first.date_end).days > CLAIM_LAG_DAYS


def _bound_one_span(dates: Sequence[DateMention], text: str) -> bool:
    """Whether two of the dates, one after the other in the text, bound one span ("between March 3 and March 26")."""
    ordered = sorted(dates, key=lambda d: d.start)
    return any(
        DATE_RANGE_OPENS.found(text[max(0, one.start - 12) : one.start])
        and DATE_RANGE_JOINS.found(text[one.end : two.start])
        for one, two in itertools.pairwise(ordered)
    )


def one_per_own_date(
    draft: Draft, drafts: Sequence[Draft], text: str, dateline: DateMention | None = None
) -> list[Draft]:
    """A draft told with dates of its own that do not meet is one happening per date: a sentence listing dated
    happenings ("bombings in X in December 2022 and June 2023", "the 2020 attack on X and the 2021 attack on Y"),
    or an undated place given by a sentence dating another one. The draft keeps its most precise date (its figures
    and target are that one's); each other date is a bare draft at the same place. Only attacks: news recalls
    earlier attacks by their dates, where a date beside an operation or a presence is more often a person's past
    ("who had moved there last year was detained"). A sentence that tells several places of the type as well as
    several dates does not say which date is which place's: its drafts are left as they are. Nor are dates that
    bound one span ("between March 3 and March 26"), nor those of a draft whose happening is named by its date
    ("the January 3 attacks", confirmed on January 11: the other dates are when it was told). The `dateline`'s
    date is the filing day, written in no happening's clause: it tells no happening apart."""
    if draft.label.event_type != "attack" or len(draft.dates) < 2:
        return [draft]
    at = draft.sentences[0].index
    if any(d is not draft and d.label.event_type == draft.label.event_type and d.sentences[0].index == at
           for d in drafts):  # fmt: skip
        return [draft]
    own_dates = [d for d in draft.dates if dateline is None or d.start != dateline.start]
    if len(own_dates) < 2 or _bound_one_span(own_dates, text):
        return [draft]
    groups: list[list[DateMention]] = []
    for date in sorted(own_dates, key=lambda d: (d.date_start, d.date_end)):
        group = next((g for g in groups if not any(_apart(date, d) for d in g)), None)
        if group is None:
            groups.append([date])
        else:
            group.append(date)
    if len(groups) < 2 or sum(any(is_naming_date(d) for d in g) for g in groups) == 1:
        return [draft]
    main = event_date(own_dates)
    own = next(g for g in groups if main in g)
    others = [
        Draft(draft.label, list(draft.sentences), draft.place, draft.target, draft.target_country, dates=group,
              claimed_by=draft.claimed_by, actor=draft.actor)
        for group in groups if group is not own
    ]  # fmt: skip
    draft.dates = [*own, *(d for d in draft.dates if d not in own_dates)]  # (with the dateline's date)
    return [draft, *others]


def merge_drafts(
    drafts: Iterable[Draft], text: str, headline: bool = False, dateline: DateMention | None = None
) -> list[Draft]:
    """Mentions of one happening within a source become one event.

    Merged: presence reports at the same place (the group's stronghold, fighters and recruitment told in several
    sentences are one report, its aspects tags); other events of the same type at the same province and date; a
    country-level report of a dated happening into the provincial one of the same date; an undated report (an
    assassination in Balkh, "attacks on worshippers in Kunduz") into the dated report of the same type (and kind
    of sub-type) and province, or of the same country when it names only the country; with several such dated
    reports, into the nearest one told before it (an undated `headline`, the text's first sentence, into the
    first); an undated report into an undated one of the same kind and place told before it (one happening told
    in the headline and the lead).
    """
    drafts = list(drafts)
    return _fold_undated(_merge_told_together(drafts, text, dateline), text, headline)


def _merge_told_together(drafts: list[Draft], text: str, dateline: DateMention | None) -> list[Draft]:
    """The drafts, each split by its own dates (`one_per_own_date`), with the tellings of one happening merged:
    presence reports at one place (`_merge_presence`); of another type, one launch told twice, a happening and its
    claim's day, one dated by a day of the month or year another names, and those of one place and date (or one at
    country level of that country)."""
    merged: list[Draft] = []
    for draft in (one for told in drafts for one in one_per_own_date(told, drafts, text, dateline)):
        date = event_date(draft.dates)
        for kept in merged:
            if kept.label.event_type != draft.label.event_type:
                continue
            if draft.label.event_type == "presence":
                if _merge_presence(kept, draft, date, merged):
                    break
                continue
            kept_date = event_date(kept.dates)
            if date is not None and kept_date is not None and _same_launch(kept, draft, kept_date, date):
                absorb(kept, draft)
                break
            if (
                date is not None
                and kept_date is not None
                and (claimed_after(kept_date, date) or claimed_after(date, kept_date))
            ):
                districts = (_district(kept), _district(draft))
                if place_key(kept) == place_key(draft) and not (all(districts) and districts[0] != districts[1]):
                    # "IS on Tuesday claimed the attack on the academy" and "... attacked it on Monday night": one
                    # attack, dated by its own day (`event_date` prefers it to the claim's)
                    absorb(kept, draft)
                    kept.dates = [*kept.dates, *draft.dates]
                    break
            if (
                date is not None
                and kept_date is not None
                and (
                    _day_of_the_month(kept, draft, kept_date, date) or _named_by_its_year(kept, draft, kept_date, date)
                )
                and place_key(kept) == place_key(draft)
                and not _told_apart(kept, draft)
            ):
                # "in July ISK carried out an attack in X" and "a suicide bomber struck a rally in X on July 30": one
                # attack, dated by its day (a telling that names it by its year keeps no day outside that year: the
                # day a court convicted its men is not its day)
                year = _naming_year(kept, draft, kept_date, date)
                absorb(kept, draft)
                kept.dates = [
                    d
                    for d in [*kept.dates, *draft.dates]
                    if year is None or year.date_start <= d.date_start <= d.date_end <= year.date_end
                ]
                break
            if (
                date is not None
                and kept_date is not None
                and _told_back_a_day_apart(kept, draft, kept_date, date, text)
            ):
                # "The attack on the prison began yesterday": the attack told before, dated a day apart (a night's
                # assault, a day counted from another reference)
                absorb(kept, draft)
                break
            if date is None or kept_date is None or not _share_a_day(draft, kept_date, date):
                continue
            if kept.listed and draft.listed and _told_apart(kept, draft):
                continue  # attacks listed side by side, each with its own target
            coarse = {k.place.match.kind for k in (kept, draft) if k.place is not None} & {"country"}
            if place_key(kept) == place_key(draft) or (coarse and kept.place and draft.place
                                                         and kept.place.country == draft.place.country):  # fmt: skip
                absorb(kept, draft)
                break
        else:
            merged.append(draft)
    return merged


def _told_back_a_day_apart(kept: Draft, draft: Draft, kept_date: DateMention, date: DateMention, text: str) -> bool:
    """Whether `draft` refers back to the attack `kept` tells ("The attack ...", opening its telling) at its place,
    dated by a day a day or two from kept's: one happening."""
    if kept.label.event_type != "attack" or kept_date.precision != "day" or date.precision != "day":
        return False
    if place_key(kept) != place_key(draft) or _told_apart(kept, draft) or kept.start > draft.start:
        return False
    if not 0 < abs((date.date_start - kept_date.date_start).days) <= CLAIM_LAG_DAYS:
        return False
    opening = draft.sentences[0]
    return THE_ATTACK.pattern.match(text, opening.start) is not None


def _share_a_day(draft: Draft, kept_date: DateMention, date: DateMention) -> bool:
    """Whether a telling (`draft`, dated `date`) is dated alike with one told before it (dated `kept_date`): the same
    event date, or the earlier one's day among the later one's dates (a claim quoted a day later that also gives the
    day of the attack: "The statement, issued on the same day, ...")."""
    if kept_date.date_start == date.date_start:
        return True
    days = {d.date_start for d in draft.dates if d.precision == "day"}
    return kept_date.precision == "day" and kept_date.date_start in days and date.precision == "day"


def _merge_presence(kept: Draft, draft: Draft, date: DateMention | None, merged: list[Draft]) -> bool:
    """Whether a presence report (`draft`, dated `date`) is one with `kept`, told at the same place and not each a
    telling of its own day; when so, the two are merged in `merged`."""
    same_place = kept.place is not None and draft.place is not None and (
        kept.place.place_id == draft.place.place_id
    )  # fmt: skip
    tellings = [d for d in (event_date(kept.dates), date) if d is not None]
    days = {d.date_start for d in tellings if d.precision == "day"}
    if days and (len(days) > 1 or len(tellings) < 2 or tellings[0].date_start != tellings[1].date_start):
        return False  # a telling of a day (an audiotape released on a day) is a happening of its own
    if not same_place:
        return False
    # One presence event per place and article; its aspects are tags.
    if draft.start < kept.start:  # the first telling leads (its aspect is the sub-type)
        absorb(draft, kept)
        merged[merged.index(kept)] = survivor = draft
    else:
        absorb(kept, draft)
        survivor = kept
    # The report holds as of the latest time told ("emerged in 2014", "2,500 fighters as of March 2016"); a telling
    # without a date holds as of publication, the latest of all.
    latest = max(tellings, key=lambda d: (d.date_end, date_rank(d)), default=None)
    survivor.dates = [latest] if latest is not None and len(tellings) == 2 else []
    return True


def _fold_undated(merged: list[Draft], text: str, headline: bool) -> list[Draft]:
    """The drafts with each undated report folded into the dated one it goes on about (`covers`; of several, the
    nearest told before it), else into an undated one of the same kind and place told before it."""
    result: list[Draft] = []
    for draft in merged:
        if draft.dates or draft.label.event_type == "presence":
            result.append(draft)
            continue
        dated = [d for d in merged if d.dates and covers(d, draft, text)]
        if len(dated) > 1 and not (headline and draft.sentences[0].index == 0):
            # The nearest report told just before it (else just after it) is the one it goes on about; one of
            # several targets listed in one sentence goes on about none of them.
            near = [d for d in dated if _near(d, draft, text) and not draft.listed]
            before = [d for d in near if d.start < draft.start]
            dated = [before[-1]] if before else near[:1]
        if _launch_from_the_country(draft) and dated and dated[0].start > draft.start:
            # a launch the lead tells undated from "Afghanistan" (the news) and one dated paragraphs further on (one
            # recalled, "in April it claimed rockets on Uzbekistan"): two launches, nothing but the country shared
            dated = [d for d in dated if _near(d, draft, text)]
        if dated:
            absorb(dated[0], draft)
            continue
        # An undated report of the same kind and place as an undated one told before it (headline and lead, lead
        # and the next paragraphs) is the same happening; so is one told further on, of a happening of a moment (an
        # attack, a strike, a raid): an article that tells another there dates it or says it is another (a recalled
        # happening needs a date to be one of its own), where fighting goes on for days told apart. Several listed
        # in one sentence stay apart.
        lasting = draft.label.sub_type in _LASTING
        told = next((d for d in result if not d.dates and not d.listed and not draft.listed and covers(d, draft)
                     and d.label.event_type != "presence"
                     and _near(d, draft, text, anywhere=not lasting or _retold_word_for_word(d, draft, text))),
                    None)  # fmt: skip
        if told is not None:
            absorb(told, draft)
        else:
            result.append(draft)
    return result


def generic_presence(draft: Draft, text: str) -> bool:
    """A presence report at country level that says only that the group is there, recruits, spreads propaganda or
    has bases there (no day of its own, no strength figure, no foreign fighters or recruits who came to the
    country): not a map event. Said of a whole country, a base or a recruitment drive is as generic as being
    active there; a province or district named makes it a place (corpus conventions, issue 17). A year or a
    month ("emerged in Afghanistan in 2015", "active there since 2015") tells when the group came or when it was
    said: background, however dated. Afghanistan named to say what the group is ("the branch that operates in
    Afghanistan", `draft.group_home`) is no report at all, whatever day the sentence tells, unless it gives a figure."""
    if draft.label.event_type != "presence" or draft.place is None or draft.place.match.kind != "country":
        return False
    if draft.place.country != "AFG":
        return False  # the group in another country is news
    figure = any(
        FIGHTER_FIGURE.pattern.search(text, s.start, s.end)
        and not FIGURE_OF_A_HAPPENING.pattern.search(text, s.start, s.end)
        for s in draft.sentences
    )
    if group_home(draft.place, text) and not figure:
        return True  # "ISIS-K, the branch of the group that operates in Afghanistan": what the group is
    if any(CONCERN.pattern.search(text, s.start, s.end) for s in draft.sentences):
        return True  # "raised concerns that the group is expanding its recruitment in the country": a worry
    if any(d.precision == "day" for d in draft.dates):
        return False  # a telling of a day (an audiotape released on a day) is a happening of its own
    if "foreign_fighters" in (draft.label.sub_type, *draft.aspects) or any(
        CAME_TO_THE_COUNTRY.pattern.search(text, s.start, s.end) for s in draft.sentences
    ):
        return False  # people who came to the country from abroad: news at country level
    return not figure


def unspecific_in_the_country(draft: Draft, text: str) -> bool:
    """An attack or operation told only at Afghanistan's level, with no date of its own, no count of the people or
    operations it took (`COUNT_OF_A_HAPPENING`) and after the lead: no specific happening (issue 17). Either it
    restates one the article places ("the operations against the group in Afghanistan" after the offensive in a
    province: `fold_into_placed` folds it there) or it is background ("fighting the Taliban in the country since
    2015", "clashes had erupted in three provinces"). A launch from "Afghanistan", a dated strike, "600 members were
    arrested across the country" or the lead's news are happenings of their own."""
    if draft.label.event_type not in ("attack", "counter_operation") or draft.dates or draft.place is None:
        return False
    if draft.place.match.kind != "country" or draft.place.country != "AFG":
        return False
    if draft.sentences[0].index < LEAD_SENTENCES:
        return False
    return not any(COUNT_OF_A_HAPPENING.pattern.search(text, s.start, s.end) for s in draft.sentences)


def fold_into_placed(drafts: Sequence[Draft], text: str) -> list[Draft]:
    """Unspecific country-level happenings (`unspecific_in_the_country`) folded into the nearest report of the same
    type the article places in Afghanistan (its evidence joins that one's), or dropped when there is none."""
    kept: list[Draft] = []
    for draft in drafts:
        if not unspecific_in_the_country(draft, text):
            kept.append(draft)
            continue
        placed = [
            d
            for d in drafts
            if d.label.event_type == draft.label.event_type and d.admin1 and d.place and d.place.country == "AFG"
        ]
        if placed:
            absorb(min(placed, key=lambda d: abs(d.start - draft.start)), draft)
    return kept


def cell_places_operation(drafts: Sequence[Draft], text: str) -> list[Draft]:
    """An arrest or raid told only at a country's level ("Uzbekistan dismantles an ISIS-K cell") and the cell it
    broke up told as a presence at one place in that country ("the leader of a cell in Namangan"): one happening, the
    operation at the cell's place (the presence report folds into it). Not when the article places the group's men
    in several places of that country, or places the operation itself already."""
    kept = list(drafts)
    for operation in drafts:
        if (
            operation.label.event_type != "counter_operation"
            or operation.label.sub_type not in ("arrest", "raid")
            or operation.place is None
            or operation.place.match.kind != "country"
        ):
            continue
        country = operation.place.country
        if any(d.label.event_type == "counter_operation" and d.admin1 and d.place and d.place.country == country
               for d in drafts):  # fmt: skip
            continue
        cells = [
            d
            for d in drafts
            if d.label.event_type == "presence"
            and d.admin1
            and d.place is not None
            and d.place.country == country
            and any(CELL.pattern.search(text, s.start, s.end) for s in d.sentences)
        ]
        if len({d.admin1 for d in cells}) != 1:
            continue
        for cell in cells:
            absorb(operation, cell)
            kept.remove(cell)
    return kept


def launch_targets(drafts: Sequence[Draft], text: str) -> list[Draft]:
    """An attack across the border told with rockets where its place is named ("10 Katyusha rockets had been
    directed toward a military position near Termez") in an article telling a launch at that country: where the
    launch's rockets were aimed or fell, one happening with the launch. Its evidence joins the launch's; the launch
    keeps its place (where the rockets came from) and takes the attack's place as its target when that is more
    precise."""
    launches = [d for d in drafts if d.label.event_type == "cross_border_launch"]
    kept: list[Draft] = []
    for draft in drafts:
        place = draft.place
        abroad = place.country if place is not None and place.country != "AFG" else None
        targets = [d for d in launches if abroad is not None and d.target_country == abroad]
        if (
            draft.label.event_type != "attack"
            or place is None
            or not targets
            or not any(
                s.index == place.sentence and ROCKET_WORDS.pattern.search(text, s.start, s.end) for s in draft.sentences
            )
        ):
            kept.append(draft)
            continue
        launch = min(targets, key=lambda d: abs(d.start - draft.start))
        draft.place = None  # (absorbed as evidence only: its place is the launch's target, not where it came from)
        absorb(launch, draft)
        if launch.target is None or specificity(place) > specificity(launch.target):
            launch.target = place  # ("toward Uzbekistan", then "at a military post near Termez")
    return kept


_LAUNCH_SITE_REACH = 12  # sentences after the launch


def launch_sites(
    drafts: list[Draft], sentences: Sequence[Sentence], by_sentence: dict[int, list[Mention]], text: str
) -> None:
    """A launch told at country level takes the site named for it a few sentences on ("The launching site for the
    rockets was claimed as in Hairatan, ..."): one happening, placed where the article places it. Not when a launch
    is told at a place of its own already: the country-level mention folds into that one when they merge."""
    if any(d.label.event_type == "cross_border_launch" and d.admin1 for d in drafts):
        return
    for draft in drafts:
        if (
            draft.label.event_type != "cross_border_launch"
            or draft.place is None
            or draft.place.match.kind != "country"
        ):
            continue
        first = draft.sentences[-1].index + 1
        for sentence in sentences[first : first + _LAUNCH_SITE_REACH]:
            if not LAUNCH_SITE.pattern.search(text, sentence.start, sentence.end):
                continue
            sites = [m for m in by_sentence.get(sentence.index, []) if m.country == "AFG" and m.admin1]
            sites = [m for m in sites if event_place(m, text)]
            if sites:
                draft.place = max(sites, key=specificity)
                draft.folded.append((sentence.start, sentence.end))
                break
