"""Drafts of the events one sentence tells: one per place it is told at, a launch from its origin to its target, each
with the sentence's figures, claim, target and actor.

The extractor decides which sentence tells an event of its own; a `Drafter` makes its drafts (`Drafter.drafts`):
it leaves out the group's home named beside a happening abroad and an Afghan country named for a foreign border
post's attack, chooses the places (`isk_atlas.events.placing.event_places`), places a cross-border launch at its
origin toward the neighbour named (`Drafter.launch_drafts`) and adds what the sentence says of the happening
(`Drafter.add_details`: figures, claim, what was attacked, who did it). A tally listing the attacks it includes
gives one draft per attack listed (`one_per_listed_attack`).
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from isk_atlas.events.attribution import Attribution
from isk_atlas.events.casualties import CasualtyFigure, attribute, find_figures, parse_number
from isk_atlas.events.claims import Claim
from isk_atlas.events.classify import Label
from isk_atlas.events.clauses import COUNT_WORDS, UNIT_DAYS, earlier_clause
from isk_atlas.events.cues import (
    AFGHAN_SOIL,
    ATTACK_TARGET,
    INCLUDING,
    LAUNCH_RECORD,
    LISTED_ATTACK,
    PAST_PERIOD,
    ROCKETS,
    SUMMARY_COUNT,
    TARGET_WORD,
)
from isk_atlas.events.datefind import DateMention
from isk_atlas.events.deeds import named_force
from isk_atlas.events.draft import GROUP, NEIGHBOURS, Draft, places_of_the_happening, specificity
from isk_atlas.events.placing import event_places
from isk_atlas.mentions import Mention, Sentence, ToponymIndex, split_sentences

_TARGET_ADJECTIVES = {
    "tajik": "TJK", "tajikistan": "TJK", "uzbek": "UZB", "uzbekistan": "UZB", "uzbekistani": "UZB",
    "turkmen": "TKM", "turkmenistan": "TKM",
}  # fmt: skip


def one_per_listed_attack(
    drafts: list[Draft], sentence_text: str, offset: int, places: Sequence[Mention], reference: dt.date | None
) -> list[Draft]:
    """A tally that lists the attacks it includes ("..., including a bombing at a ministry in Kabul, a raid on an
    embassy and a shooting at a hotel") gives one event per attack
    listed, each at the place named in its phrase (else the tally's place), when the drafts share one province;
    the tally's period ("over the past two months", read back from `reference`) dates them when nothing else does."""
    if len(drafts) != 1 or drafts[0].label.event_type != "attack" or "includ" not in sentence_text:
        return drafts
    including = INCLUDING.pattern.search(sentence_text)
    if including is None:
        return drafts
    listed = list(LISTED_ATTACK.pattern.finditer(sentence_text, including.start()))
    if len(listed) < 2:
        return drafts
    draft = drafts[0]
    period = PAST_PERIOD.pattern.search(sentence_text)
    if not draft.dates and period is not None and reference is not None:
        count = COUNT_WORDS.get(period.group("n").lower()) or int(period.group("n"))
        days = count * UNIT_DAYS[period.group("unit").lower().rstrip("s")]
        draft.dates = [DateMention(period.group(), offset + period.start(), offset + period.end(),
                                   reference - dt.timedelta(days=days), reference, "month",
                                   f"{period.group()} up to {reference.isoformat()}")]  # fmt: skip
    result = []
    for phrase in listed:
        own = [m for m in places if offset + phrase.start() <= m.start < offset + phrase.end() and m.admin1]
        place = own[0] if own else draft.place
        result.append(dataclasses.replace(draft, place=place, attacked=phrase.group("what").strip(), listed=True,
                                          figures=[], notes=list(draft.notes), dates=list(draft.dates),
                                          folded=[], folded_at=[], aspects=[]))  # fmt: skip
    return result


# Between a place and the date told right after it: a few words, then "in" or "on" ("bombings in Iran in ").
_DATE_RIGHT_AFTER = re.compile(r"[^,;.]{0,40}\b(?:in|on)\s+")


def _dates_right_after_places(drafts: list[Draft], dates: Sequence[DateMention], text: str) -> None:
    """Places of one sentence told each with a date of its own right after it ("from the bombings in X in January
    2024 to the massacre in Y in March of that year"): each happening's date is its own."""
    placed = sorted((d for d in drafts if d.place is not None), key=lambda d: d.place.start if d.place else 0)
    if len(placed) != len(drafts) or len(dates) < len(placed):
        return
    own_dates = [
        [x for x in dates if x.start >= d.place.end and _DATE_RIGHT_AFTER.fullmatch(text, d.place.end, x.start)]
        for d in placed
        if d.place is not None
    ]
    if all(len(own) == 1 for own in own_dates) and len({own[0].start for own in own_dates}) == len(placed):
        for draft, own in zip(placed, own_dates, strict=True):
            draft.dates = own


def _figures_by_clause(drafts: list[Draft], sentence: Sentence, sentence_text: str) -> None:
    """Places of one sentence told each in a clause of its own, the clauses cut at semicolons ("In X, a bomb killed
    an official; in Y, a roadside bomb wounded three"): each happening's figures are those of its clause."""
    cuts = [sentence.start + i for i, char in enumerate(sentence_text) if char == ";"]
    if not cuts:
        return
    clause = [bisect.bisect_left(cuts, d.place.start) for d in drafts if d.place is not None]
    if len(set(clause)) == len(drafts):
        for draft, at in zip(drafts, clause, strict=True):
            draft.figures = [f for f in draft.figures if bisect.bisect_left(cuts, f.start) == at]


@dataclass
class Drafter:
    """Makes the drafts of one text's sentences: the text, the toponym index (for "Afghan soil" where the article
    never names the country), the article's mentions of countries in order and its first of Afghanistan, and whose
    each sentence's happening is (`group`: its actors and claims); each sentence's figures are read once."""

    index: ToponymIndex
    text: str
    group: Attribution
    countries: list[Mention]  # where a happening spread over several provinces is placed
    afghanistan: Mention | None  # the origin of a launch "from Afghan soil"
    _figures: dict[int, list[CasualtyFigure]] = field(default_factory=dict, repr=False)

    def drafts(
        self,
        label: Label,
        sentence: Sentence,
        sentence_text: str,
        places: list[Mention],
        dates: list[DateMention],
    ) -> list[Draft]:
        """Drafts of the event `label` names in a sentence, one per place it is told at (`event_places`); a
        launch from its origin toward its target (`launch_drafts`)."""
        text = self.text
        places = places_of_the_happening(label, places, text, sentence_text)
        afghan = [m for m in places if m.country == "AFG"]
        if label.event_type == "cross_border_launch":
            return self.launch_drafts(label, sentence, sentence_text, places, afghan, dates)
        chosen, listed = event_places(label, sentence, sentence_text, text, places, afghan, dates, self.countries)
        drafts = []
        for mention in chosen:
            draft = Draft(label, [sentence], mention, dates=list(dates), listed=listed)
            self.add_details(draft, sentence, sentence_text)
            drafts.append(draft)
        if len(drafts) > 1:
            _dates_right_after_places(drafts, dates, text)
            _figures_by_clause(drafts, sentence, sentence_text)
        return drafts

    def launch_drafts(
        self,
        label: Label,
        sentence: Sentence,
        sentence_text: str,
        places: list[Mention],
        afghan: list[Mention],
        dates: list[DateMention],
    ) -> list[Draft]:
        """A cross-border launch: from the most specific Afghan place (or "Afghan soil") toward the neighbour named
        (or its adjective); none when neither end is known, or for a tally of launches."""
        origin = max(afghan, key=specificity, default=None)
        if origin is None and (soil := AFGHAN_SOIL.pattern.search(sentence_text)):
            # "launched a rocket attack on Uzbekistan from Afghan soil": Afghanistan, as the article names it
            origin = self._afghanistan_at(sentence, sentence.start + soil.start(), sentence.start + soil.end())
        targets = [m for m in places if m.country in NEIGHBOURS]
        # A name read exactly beats a fuzzy look-alike ("the former Soviet republic" is not the town Sovet).
        target = max(targets, key=lambda m: (m.method == "exact", specificity(m)), default=None)
        target_country = target.country if target is not None else None
        if target_country is None:
            word = TARGET_WORD.pattern.search(sentence_text)
            target_country = _TARGET_ADJECTIVES.get(word.group(1).lower()) if word else None
        if origin is None and target_country is not None and (dates or not LAUNCH_RECORD.pattern.search(sentence_text)):
            # "rockets landed in Termez", "in April it fired a rocket attack on Uzbekistan": fired from across the
            # border, the article naming no place there: Afghanistan, at country level (a launch is placed at its
            # origin); not launches told undated in the plural, a record ("years of rocket attacks on Uzbekistan")
            origin = self.afghanistan
        if origin is None or (target_country is None and origin.admin1 is None):
            return []  # "missile attacks on Central Asian countries": neither end is known
        if not dates and origin.admin1 is None and SUMMARY_COUNT.pattern.search(sentence_text):
            return []  # "three rocket attacks from Afghanistan": a tally; the attacks are told one by one
        draft = Draft(label, [sentence], origin, target, target_country, dates)
        self.add_details(draft, sentence, sentence_text)
        if rockets := ROCKETS.pattern.search(sentence_text):
            draft.rockets = parse_number(rockets.group("n"))
        return [draft]

    def _afghanistan_at(self, sentence: Sentence, start: int, end: int) -> Mention | None:
        """A mention of Afghanistan for words that name it without its name ("Afghan soil"): the article's own
        mention of it, else the gazetteer's record of it placed at those words."""
        if self.afghanistan is not None:
            return self.afghanistan
        return self.country_at("AFG", sentence, start, end)

    def country_at(self, country: str, sentence: Sentence, start: int, end: int) -> Mention | None:
        """The gazetteer's record of a country (ISO3) as a mention at words that name it without its name ("Afghan
        soil", "German police"), or None when the gazetteer lacks it."""
        name = self.index.place_name(country)
        found = [m for m in self.index.find(name, split_sentences(name)) if m.country == country] if name else []
        if not found:
            return None
        return dataclasses.replace(found[0], text=self.text[start:end], start=start, end=end, sentence=sentence.index)

    def add_details(self, draft: Draft, sentence: Sentence, sentence_text: str) -> None:
        figures, claims = self.figures_claims(sentence, sentence_text)
        draft.figures.extend(figures)
        if claims and draft.claimed_by is None:
            claim = claims[0]
            if claim.attributed:
                draft.notes.append(f"attributed to {claim.claimed_by}")
            else:
                draft.claimed_by = claim.claimed_by
        if (
            draft.target is None
            and draft.label.event_type == "attack"
            and (hit := ATTACK_TARGET.pattern.search(sentence_text))
        ):
            draft.attacked = draft.attacked or hit.group("what").strip()
        if draft.actor is None:
            if draft.label.event_type == "counter_operation":
                # the force the sentence names ("Turkish security forces", "the CTD"): `records.event_record`
                # gives words that name no country ("police") the country of the operation
                draft.actor = named_force(sentence_text)
            elif GROUP in [a.actor for a in self.group.actors_of(sentence.index)] or draft.claimed_by == GROUP:
                draft.actor = GROUP

    def figures_claims(self, sentence: Sentence, sentence_text: str) -> tuple[list[CasualtyFigure], list[Claim]]:
        """Casualty figures (with who gives them) and claims of one sentence, computed once per sentence.

        Figures and claims in a clause about an earlier happening ("it follows three attacks on Thursday, all claimed
        by the group") are that happening's, not the sentence's event's.
        """
        figures = self._figures.get(sentence.index)
        if figures is None:
            figures = attribute(sentence_text, find_figures(sentence_text, offset=sentence.start), sentence.start)
            back = earlier_clause(sentence_text, sentence.start) if figures else None
            if back is not None:
                figures = [f for f in figures if not back.start <= f.start < back.end]
            self._figures[sentence.index] = figures
        return figures, self.group.own_claims(sentence, sentence_text)
