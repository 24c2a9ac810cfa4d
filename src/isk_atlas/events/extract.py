"""From a source text to proposed events: classified sentences, their places, dates, casualties and claims.

For each sentence the classifier proposes event types; an event needs the group (ISIS-K) in the sentence or just
before it, and a place: the Afghan provinces named in the sentence (one event per province), or for a
cross-border launch the origin in Afghanistan and the target across the border. Sentences that follow an event
in the same paragraph without a new place or date add to that event (casualties, claims, evidence). Finally
mentions of one happening within the source (same type, province and date) are merged into one event.

Newswire reporting is read as such: an attack told in the lead is the group's when a paragraph further on says the
group claimed it (or someone blamed it on the group), which also gives the claim; a dateline's date ("KABUL, May 8
-") is when the report was filed, against which weekdays are read; a clause about an earlier happening ("..., a week
after its bombers killed dozens in X") is an event of its own, dated back from the sentence's date, and keeps its
place and figures; an aside about someone's past ("before being moved to X last year") holds no event place or
date; a clause telling a happening of another type with a place of its own ("the group has a presence in X, where
troops raided its camps in Y") is an event of its own; a headline tells the story the lead tells.

Every event is returned with status `extracted`, the evidence span (source id, offsets into the normalised
text, see `isk_atlas.sources`) and a stable `event_id` derived from the source id and the event key.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Final

from isk_atlas.errors import InputError
from isk_atlas.events.attribution import Attribution
from isk_atlas.events.cache import ExtractionCache, extract_all
from isk_atlas.events.casualties import attribute, find_figures
from isk_atlas.events.claims import find_actors
from isk_atlas.events.classify import Classifier, Label, RuleClassifier
from isk_atlas.events.clauses import (
    EarlierClause,
    aside_span,
    attack_only_referred_to,
    earlier_clause,
    generic_plural,
    page_labels,
    second_happenings,
)
from isk_atlas.events.cues import (
    ANOTHER,
    BACK_REFERENCE,
    DESCRIBED_PROVINCE,
    FIGURES_BACK,
    FOREIGN_POLICE,
    INCLUDING,
    LINKED_ATTACK_DATE,
    MEN_BEHIND_ATTACKS,
    NATIONWIDE,
    NO_DOER_HEARD,
    OPERATION_FIGURES_BACK,
    OVER_THE_ATTACK,
    PAST_PERIOD,
    SAID_ON,
    SAME_PLACE,
    SERIES,
    SINCE_BEFORE,
    SINCE_TALLY,
    TOLL_BACK,
)
from isk_atlas.events.datefind import DateMention, find_dates
from isk_atlas.events.draft import GROUP, Draft, linked_attack, mention_key, place_key
from isk_atlas.events.drafting import Drafter, one_per_listed_attack
from isk_atlas.events.fold import (
    back_reference,
    cell_places_operation,
    fold_into_placed,
    generic_presence,
    launch_sites,
    launch_targets,
    merge_drafts,
    operation_region_not_its_place,
    region_told_by_province,
    undated_attack_far_abroad,
)
from isk_atlas.events.lead import (
    LEAD_SENTENCES,
    claim_day,
    event_date,
    find_dateline,
    heading_index,
    is_headline,
    lead_event,
    names_an_attack,
    naming_date,
    publication_window,
    reported_date,
    undated_news_date,
)
from isk_atlas.events.placing import (
    article_country,
    article_ties,
    described_provinces,
    event_place,
    far_abroad_country,
    held_by_another_country,
    named_as_attacked,
    named_as_origin,
    named_for_another_country,
    place_abroad,
    read_abroad,
    recent_country,
    told_abroad,
)
from isk_atlas.events.records import event_record, unique_ids
from isk_atlas.mentions import Mention, Sentence, ToponymIndex, split_sentences
from isk_atlas.mentions.leftovers import OTHER_STORIES
from isk_atlas.places import PlaceModel
from isk_atlas.places.cache import source_digest
from isk_atlas.places.words import COUNTRY_ADJECTIVES
from isk_atlas.schema import Event
from isk_atlas.sources import Source

EXTRACTOR_VERSION = "extract-5"
# The modules whose code decides what extraction proposes: their source is part of `Extractor.version`, so a
# cached extraction never outlives a rule change (the place index keys its own modules, `INDEX_MODULES`).
EXTRACTION_MODULES: Final = (
    "isk_atlas.events.extract",
    "isk_atlas.events.attribution",
    "isk_atlas.events.casualties",
    "isk_atlas.events.claims",
    "isk_atlas.events.clauses",
    "isk_atlas.events.classify",
    "isk_atlas.events.cues",
    "isk_atlas.events.datefind",
    "isk_atlas.events.dates",
    "isk_atlas.events.deeds",
    "isk_atlas.events.draft",
    "isk_atlas.events.drafting",
    "isk_atlas.events.fold",
    "isk_atlas.events.lead",
    "isk_atlas.events.placing",
    "isk_atlas.events.records",
    "isk_atlas.mentions.leftovers",
    "isk_atlas.mentions.sentences",
    "isk_atlas.mentions.spans",
    "isk_atlas.schema",
    "isk_atlas.sources.text",  # (`STORE_DATE_PREFIX`, in the cues' patterns)
)


_FIGURES_BACK_REACH = 5  # sentences between the attack's last sentence and its figures told back, at most
_ABROAD_REACH = 3  # sentences back in its paragraph where an arrest abroad told without a place is placed
# An attack told before the group is named joins the group's attack told at most this many sentences after it.
_TOLD_BEFORE_REACH = 8


@dataclass
class Extractor:
    """Turns source texts into proposed events; holds the toponym index and the classifier.

    It keeps nothing of one extraction: each call works in an `_Extraction` of its own, so one extractor can serve
    several threads at once. `index`: the toponym index, else `places.mentions` (the place model the caller passes,
    or a fresh one, built when first needed).
    """

    index: ToponymIndex | None = None
    classifier: Classifier = field(default_factory=RuleClassifier)
    places: PlaceModel = field(default_factory=PlaceModel)

    @property
    def version(self) -> str:
        """Changes whenever the output could: rules (the code of `EXTRACTION_MODULES`), classifier or gazetteer."""
        index = self.index or self.places.mentions
        code = source_digest(*EXTRACTION_MODULES)[:16]
        return f"{EXTRACTOR_VERSION}+{code}+{self.classifier.version}+{index.fingerprint}"

    def extract_source(self, source: Source) -> list[Event]:
        meta = source.meta
        return self.extract(source.text, meta.source_id, meta.published, meta.published_precision)

    def run(
        self,
        sources: Iterable[Source],
        cache: ExtractionCache | None = None,
        problems: list[InputError] | None = None,
    ) -> dict[str, list[Event]]:
        """Events per source id; with a cache, only new or changed sources are processed.

        With a `problems` list, an article that cannot be extracted is recorded there and skipped.
        """
        return extract_all(sources, self.extract_source, self.version, cache, problems)

    def extract(
        self,
        text: str,
        source_id: str,
        published: dt.date | None = None,
        published_precision: str = "day",
    ) -> list[Event]:
        extraction = _Extraction(self.index or self.places.mentions, self.classifier, text, split_sentences(text))
        return extraction.events(source_id, published, published_precision)


# A clause about an earlier happening opening this near the sentence's start ("It follows ...") is all it tells.
_OPENING_CLAUSE = 20


@dataclass
class _SentenceReading:
    """What one sentence holds for the drafts: its text, event labels and dates, the places it names (all of them,
    and those that can be an event's place), and how it stands to the draft told last."""

    sentence: Sentence
    text: str
    labels: list[Label]
    dates: list[DateMention]
    all_places: list[Mention]
    places: list[Mention] = field(default_factory=list)
    previous: Draft | None = None  # the draft told last
    next_to_previous: bool = False  # the previous draft's last sentence is the one before this
    same_paragraph: bool = False  # ... and in the same paragraph


@dataclass
class _Extraction:
    """One extraction of one text, in stages (`events`): the article read, drafts found sentence by sentence, the
    group's later claims attached, restatements folded and the lead dated, events built.

    It holds what the stages share and lives for one `extract` call: the text, its sentences, what the article
    holds (set by `_read`), the drafts found so far, and the helpers of the steps it orchestrates: whose each
    sentence's happening is (`Attribution`) and the drafts of a sentence's events (`Drafter`), which read each
    sentence's actors, claims and figures once, when first needed. Where an event is placed
    (`isk_atlas.events.placing`), what of a sentence is not its event's (`isk_atlas.events.clauses`), the fold
    (`isk_atlas.events.fold`) and the records (`isk_atlas.events.records`) are functions of their arguments.
    """

    index: ToponymIndex
    classifier: Classifier
    _text: str
    _sentences: list[Sentence]
    # --- the article, as `_read` reads it
    _labels: list[list[Label]] = field(default_factory=list, repr=False)  # event labels, by sentence
    # Sentences where an event may be coded (labelled ones and the next): fuzzy place candidates and dates are
    # looked for there only.
    _wanted: set[int] = field(default_factory=set, repr=False)
    _by_sentence: dict[int, list[Mention]] = field(default_factory=dict, repr=False)  # places named, by sentence
    _default_country: list[Mention] = field(default_factory=list, repr=False)  # see `article_country`
    # A dateline ("DUSHANBE, May 8 -") says when the report was filed: weekdays ("on Saturday") are read against
    # it (the reference, else the publication), and its date is the event's only when the text gives no other.
    _dateline: DateMention | None = field(default=None, repr=False)
    _reference: dt.date | None = field(default=None, repr=False)
    _reference_precision: str = field(default="day", repr=False)
    _headline: bool = field(default=False, repr=False)
    # Whose each sentence's happening is (the group's?), read once per sentence (set by `_read`).
    _group: Attribution = field(init=False, repr=False)
    # The drafts of a sentence's events, with its figures and claim (set by `_read`).
    _drafter: Drafter = field(init=False, repr=False)
    # --- the drafts, as `_read_sentence` finds them
    _told: list[Draft] = field(default_factory=list, repr=False)  # the sentences' events, in order
    _pending: Draft | None = field(default=None, repr=False)  # an event without a place, waiting for the next sentence
    # A presence report that never gets a place holds for the country the article is about; kept apart so that it
    # does not interrupt the events told around it.
    _fallback: list[Draft] = field(default_factory=list, repr=False)
    # Earlier happenings a sentence refers back to ("..., a week after its bombers killed dozens in X"): kept apart
    # too, so that what follows still continues the sentence's own event.
    _earlier: list[Draft] = field(default_factory=list, repr=False)
    # Happenings a sentence tells in a clause of their own beside its own one ("the group has a presence in X, where
    # troops raided its camps"): kept apart as well, so that what follows continues the sentence's own event.
    _beside: list[Draft] = field(default_factory=list, repr=False)
    _anchor: dt.date | None = field(default=None, repr=False)  # the date read last: relative dates count from it
    _dates_read: dict[int, list[DateMention]] = field(default_factory=dict, repr=False)  # each sentence's, as read
    # Where the dates an operation's sentence gives another happening start ("held over the bombing at X on May 2",
    # "held over Friday's bombing"): they do not date the operation, which stays the day's news.
    _others_dates: set[int] = field(default_factory=set, repr=False)
    # Attacks told at a place in sentences about nobody (no actor named): perhaps the group's, claimed further on.
    _nobodys: list[_SentenceReading] = field(default_factory=list, repr=False)

    def events(self, source_id: str, published: dt.date | None, published_precision: str) -> list[Event]:
        """The events the text tells: the article read, its drafts found sentence by sentence, the group's later
        claims attached, restatements folded, then one event per draft."""
        self._read(published, published_precision)
        for sentence in self._sentences:
            self._read_sentence(sentence)
        if self._pending is not None:
            self._fallback.extend(self._country_wide(self._pending, self._default_country))
        self._group.attach_later_claims(self._told)
        reported = publication_window(published, published_precision)
        merged = self._fold(published, published_precision)
        self._join_nobodys(merged)
        events = [
            event_record(
                d,
                self._text,
                source_id,
                self.index,
                self._reference,
                self._reference_precision,
                reported,
                undated_news_date(d, self._text, published, published_precision, self._others_dates),
            )
            for d in merged
        ]
        return unique_ids(events)

    # ------------------------------------------------------------------ stages

    def _read(self, published: dt.date | None, published_precision: str) -> None:
        """Read the article: each sentence's event labels, the places it names (fuzzy candidates only where an
        event may be coded), the countries, its dateline and the reference dates are read against, the sentences
        holding a claim word and whether it opens with a headline."""
        text, sentences = self._text, self._sentences
        self._labels = [
            attack_only_referred_to(
                text[s.start : s.end], page_labels(s, self.classifier.classify(text[s.start : s.end])), self.classifier
            )
            for s in sentences
        ]
        self._wanted = {i + step for i, labels in enumerate(self._labels) if labels for step in (0, 1)}
        mentions = [m for m in self.index.find(text, sentences, fuzzy_sentences=self._wanted)
                    if sentences[m.sentence].leftover != OTHER_STORIES]  # fmt: skip
        # ("bases in the eastern province": the province named just before)
        described = [m for m in described_provinces(text, sentences, mentions)
                     if sentences[m.sentence].leftover != OTHER_STORIES]  # fmt: skip
        mentions = sorted([*mentions, *described], key=lambda m: m.start)
        for mention in mentions:
            self._by_sentence.setdefault(mention.sentence, []).append(mention)
        self._default_country = article_country(mentions)
        self._dateline = dateline = find_dateline(text, sentences, published, published_precision)
        self._reference, self._reference_precision = (
            (dateline.date_start, "day") if dateline is not None else (published, published_precision)
        )
        self._headline = is_headline(text, sentences)
        self._group = Attribution(text, sentences, self._labels, self._by_sentence, self._headline)
        afghanistan = next((m for m in mentions if m.match.kind == "country" and m.country == "AFG"), None)
        countries = [m for m in mentions if m.match.kind == "country"]
        self._drafter = Drafter(self.index, text, self._group, countries, afghanistan)

    def _read_sentence(self, sentence: Sentence) -> None:
        """Find what one sentence adds: more of the event told just before, the place of a pending one, figures of
        an attack told back, or events of its own."""
        if sentence.leftover == OTHER_STORIES:
            return  # a list of other stories between the report's sentences: nothing of the report
        reading = self._reading(sentence)
        previous = self._told[-1] if self._told else None
        reading.previous = previous
        reading.next_to_previous = previous is not None and previous.sentences[-1].index == sentence.index - 1
        if not reading.labels and self._pending is None and not reading.next_to_previous:
            # neither an event nor more of one just told (but perhaps its figures, told later)
            self._figures_told_back(self._told, sentence, reading.text, reading.all_places, reading.dates)
            return
        reading.places = [m for m in reading.all_places if event_place(m, self._text)]
        told = reading.labels[0] if reading.labels else previous.label if previous is not None else None
        presence = told is not None and told.event_type == "presence"
        # "bombers from X" is where the doers came from; "a group based in X" where it is: the place of a presence
        # report, not of an attack or arrest
        by_end = {m.end: m for m in reading.all_places}
        reading.places = [
            m
            for m in reading.places
            if not named_as_origin(m, self._text, presence)
            and not held_by_another_country(m, by_end, self._text)
            and not named_for_another_country(m, reading.all_places, self._text)
        ]
        if reading.labels and presence and (cue_at := reading.labels[0].cue_at(reading.text)) >= 0:
            # "has claimed attacks in X and Y, where it is based": X is where attacks struck, not where it is
            cue_start, places = sentence.start + cue_at, reading.places
            reading.places = [
                m for i, m in enumerate(places) if not named_as_attacked(m, self._text, cue_start, places[i + 1 :])
            ]
        if any(read_abroad(m) for m in reading.places):
            # beside a town abroad read as written, an Afghan place reached only by a loose spelling is more likely
            # a town abroad the gazetteer lacks than a misspelt Afghan one ("Mazaar, near Peshawar")
            reading.places = [m for m in reading.places if not (m.country == "AFG" and m.method == "fuzzy")]
        reading.same_paragraph = reading.next_to_previous and previous is not None and (
            previous.sentences[-1].paragraph == sentence.paragraph
        )  # fmt: skip
        self._earlier.extend(self._linked_attack_drafts(reading))
        # an operation told just before may be continued by this sentence: its figures told back are weighed below
        operation_first = not (
            previous is not None and previous.label.event_type == "counter_operation" and reading.next_to_previous
        )
        if operation_first and self._operation_figures_back(reading):
            return  # ("Two soldiers were hurt in the clash" after other news: the operation's figures, no new event)
        if self._continues_previous(reading) or self._places_pending(reading):
            return
        if self._pending is not None:
            self._fallback.extend(self._country_wide(self._pending, self._default_country))
        self._pending = None
        if not reading.labels:
            self._figures_told_back(self._told, sentence, reading.text, reading.all_places, reading.dates)
            return
        # (a presence word beside the attack told back is where it hit, "the blast at an army base killed 26", not
        # news of a presence)
        happenings = [label for label in reading.labels if label.event_type != "presence"]
        if (
            happenings
            and all(label.event_type == "attack" for label in happenings)
            and self._figures_told_back(
                self._told, sentence, reading.text, reading.all_places, reading.dates, cue=happenings[0].cue
            )
        ):
            return  # ("Five were hurt in the attack": figures of the attack told, no new one)
        if happenings and not operation_first and self._operation_figures_back(reading):
            return  # (the same, told with the operation's own word, "... hurt in the clash", not continuing it)
        if self._one_more_of_a_series(reading):
            return
        if self._deeds_of_the_man_taken(reading):
            return
        labels = self._group.groups_labels(sentence, reading.text, reading.labels, reading.previous, reading.places)
        if labels is None:
            nobodys = not self._group.actors_of(sentence.index)
            if reading.labels[0].event_type == "attack" and reading.places and nobodys:
                self._nobodys.append(reading)
            return
        if not reading.places:
            self._without_a_place(reading, labels[0])
            return
        beside, spans = self._clause_drafts(reading, labels[0])
        self._beside.extend(beside)
        # the places and dates of a clause that tells a happening of its own are that happening's, not the
        # sentence's event's
        places = [m for m in reading.places if not any(a <= m.start < b for a, b in spans)] or reading.places
        dates = [d for d in reading.dates if not any(a <= d.start < b for a, b in spans)]
        new = self._drafter.drafts(labels[0], sentence, reading.text, places, dates)
        for draft in new if spans else []:
            # (and the figures of such a clause are its happening's)
            draft.figures = [f for f in draft.figures if not any(a <= f.start < b for a, b in spans)]
        if not new and labels[0].sub_type == "arrest":
            # no place named is the arrest's ("arrested a man planning an attack in X": where the attack was to be)
            self._without_a_place(reading, labels[0])
            return
        self._told.extend(one_per_listed_attack(new, reading.text, sentence.start, places, self._reference))

    def _deeds_of_the_man_taken(self, reading: _SentenceReading) -> bool:
        """Whether the sentence, right after an operation, lists the attacks the men it took
        were behind, undated ("The commander was responsible for the attacks on the embassies in X and a mosque in
        Y"): his record, no events of their own (a recalled attack is one when the article dates it)."""
        previous = reading.previous
        return (
            previous is not None
            and previous.label.event_type == "counter_operation"
            and reading.next_to_previous
            and not reading.dates
            and bool(reading.labels)
            and all(label.event_type == "attack" for label in reading.labels if label.event_type != "presence")
            and MEN_BEHIND_ATTACKS.found(reading.text)
        )

    def _join_nobodys(self, drafts: Sequence[Draft]) -> None:
        """An attack told at a place before the group is named ("At least 15 people were killed in an explosion at a
        mosque in Herat", the group blamed paragraphs later), read as nobody's, is the group's attack at that
        province when the article tells only one there, told within `_TOLD_BEFORE_REACH` sentences after it, and
        the telling gives no other day: its figures, date and evidence join that event (issue 17: one event per
        happening, attacks reported before a claim)."""
        for reading in self._nobodys:
            index, key = reading.sentence.index, {mention_key(m) for m in reading.places}
            there = [d for d in drafts if d.label.event_type == "attack" and {place_key(d)} == key]
            if len(there) != 1:
                continue  # none, or several attacks there: which one it tells is not known
            target = there[0]
            told_at = {s.index for s in (*target.sentences, *target.folded_at)}
            if index in told_at or not any(0 < at - index <= _TOLD_BEFORE_REACH for at in told_at):
                continue
            own_days = target.dates
            if reading.dates and own_days and not any(d.overlaps(own) for own in own_days for d in reading.dates):
                continue  # a day of its own: another happening
            figures, _ = self._drafter.figures_claims(reading.sentence, reading.text)
            target.figures.extend(f for f in figures if f not in target.figures)
            target.dates = target.dates or list(reading.dates)
            target.folded.append((reading.sentence.start, reading.sentence.end))
            target.folded_at.append(reading.sentence)

    def _clause_drafts(self, reading: _SentenceReading, first: Label) -> tuple[list[Draft], list[tuple[int, int]]]:
        """The drafts of happenings the sentence tells in clauses of their own beside its event `first`
        (`second_happenings`), and where those clauses run: one where its clause names a place of its own (a
        province or country the rest of the sentence does not name, or any with a date or a figure of the clause's
        own; for a happening of `first`'s own type, a province or country of its own and a date) and the happening
        is the group's; else the clause adds nothing (a tag of the sentence's event)."""
        sentence = reading.sentence
        drafts: list[Draft] = []
        spans: list[tuple[int, int]] = []
        told = {label.event_type for label in reading.labels}  # (a tally's attacks are out of them already)
        others = [
            other
            for other in second_happenings(
                reading.text, sentence.start, first, self.classifier, same_type=first.event_type != "presence"
            )
            if other.label.event_type in told
        ]
        if not others:
            return drafts, spans
        figures, _ = self._drafter.figures_claims(sentence, reading.text)
        for other in others:
            inside = [m for m in reading.places if other.start <= m.start < other.end]
            outside = {m.admin1 or m.country for m in reading.places if not other.start <= m.start < other.end}
            dates = [d for d in reading.dates if other.start <= d.start < other.end]
            # a place of its own, or the sentence's place with a date or a figure of its own
            own = (
                inside
                if dates or any(other.start <= f.start < other.end for f in figures)
                # (a province the clause names by its description, "bases in the eastern province", refers back to
                # it on purpose: the clause's own place)
                else [m for m in inside if (m.admin1 or m.country) not in outside or DESCRIBED_PROVINCE.found(m.text)]
            )
            if other.label.event_type == first.event_type:
                # one more of the sentence's own kind: only told with a date and a place of its own, province or
                # country ("which killed 145 at a concert hall in X in March, also claimed a bombing in Y")
                own = [m for m in inside if (m.admin1 or m.country) not in outside] if dates else []
            clause_text = self._text[other.start : other.end]
            if not own or self._group.groups_labels(sentence, clause_text, [other.label], None, own) is None:
                continue
            for draft in self._drafter.drafts(other.label, sentence, reading.text, own, dates):
                draft.figures = [f for f in draft.figures if other.start <= f.start < other.end]  # the clause's own
                drafts.append(draft)
            spans.append((other.start, other.end))
        return drafts, spans

    def _linked_attack_drafts(self, reading: _SentenceReading) -> list[Draft]:
        """The attack an operation's suspects are linked to, when the sentence gives its place and a date beside it
        ("nine men were arrested in connection with the attack at X on March 22"): a happening the article recalls,
        an event of its own when it is the group's (the corpus convention: a recalled attack with its place and a
        date)."""
        labels = reading.labels
        if not labels or labels[0].event_type != "counter_operation" or not reading.dates:
            return []
        attack = next((label for label in labels if label.event_type == "attack"), None)
        linked = [m for m in reading.places if linked_attack(m, self._text)]
        if attack is None or not linked or not self._group.about_the_group(reading.sentence.index, attack):
            return []
        text, drafts = self._text, []
        for place in linked:
            # the date told with the attack, right after or before its place (`LINKED_ATTACK_DATE`), is not the
            # operation's
            dates = [
                d
                for d in reading.dates
                if LINKED_ATTACK_DATE.found(
                    text[place.end : d.start] if d.start >= place.end else text[d.end : place.start]
                )
            ]
            if dates:
                reading.dates = [d for d in reading.dates if d not in dates]
                self._others_dates.update(d.start for d in dates)
                draft = Draft(attack, [reading.sentence], place, dates=dates)
                self._drafter.add_details(draft, reading.sentence, reading.text)
                drafts.append(draft)
        return drafts

    def _reading(self, sentence: Sentence) -> _SentenceReading:
        """One sentence's labels, dates and places, less what is not its event's: the places a tally of attacks
        ("has launched attacks on Y") names, an aside about someone's past, and a clause about an earlier
        happening (which is an event of its own, kept in `_earlier`)."""
        text = self._text
        sentence_text = text[sentence.start : sentence.end]
        labels = self._labels[sentence.index]
        dates = self._sentence_dates(sentence, sentence_text, labels)
        all_places = self._by_sentence.get(sentence.index, [])
        if (
            labels
            and (tally := generic_plural(sentence_text))
            and not any(d.precision == "day" for d in dates)
            and not INCLUDING.pattern.search(sentence_text)  # "..., including an attack on X": X is an event
        ):
            labels = [label for label in labels if label.event_type == "presence"]
            if labels and 0 <= labels[0].cue_at(sentence_text) < tally.start():
                # "controls areas in X and has launched attacks on Y": Y is where the tally's attacks were
                all_places = [m for m in all_places if m.start < sentence.start + tally.start()]
        aside = aside_span(sentence_text, sentence.start, labels) if labels else None
        if aside is not None:
            # "..., before being moved to Balkh last year": the person's history, not the event's place or date.
            dates = [d for d in dates if not aside[0] <= d.start < aside[1]]
            all_places = [m for m in all_places if not aside[0] <= m.start < aside[1]]
        reading = _SentenceReading(sentence, sentence_text, labels, dates, all_places)
        back = earlier_clause(sentence_text, sentence.start) if labels else None
        if back is not None:
            self._read_earlier_clause(reading, back)
            # ("It follows three attacks on Thursday, claimed by the group": all it tells is the earlier happening)
            cues = [sentence.start + label.cue_at(sentence_text) for label in reading.labels]
            if (
                back.start - sentence.start <= _OPENING_CLAUSE
                and cues
                and all(back.start <= at < back.end for at in cues)
            ):
                reading.labels = []
        if reading.dates:
            self._anchor = reading.dates[0].date_start
        self._dates_read[sentence.index] = reading.dates
        return reading

    def _sentence_dates(self, sentence: Sentence, sentence_text: str, labels: Sequence[Label]) -> list[DateMention]:
        """The dates of one sentence that can be its event's (none where no event may be coded): not the
        dateline's when the text dates the event itself, not when a period began ("since"), not when a presence
        was said to be; a day of a claim is read as the claim's."""
        text = self._text
        dates: list[DateMention] = []
        if sentence.index in self._wanted:  # dates matter only where events are coded (and for what follows)
            dates = find_dates(sentence_text, self._reference, self._reference_precision, self._anchor,
                               offset=sentence.start, stamped=self._dateline is None)  # fmt: skip
            dateline = self._dateline
            if dateline is not None and any(d.start != dateline.start and d.precision == "day" for d in dates):
                dates = [d for d in dates if d.start != dateline.start]  # the text dates the event itself
        if dates and "ince" in sentence_text and (not labels or labels[0].event_type != "presence"):
            # "the deadliest attack since the Taliban took power in August": when a period began, not when the
            # event happened (a presence "since 2015" does date the presence).
            # ("since 2014" is read with its "since")
            dates = [
                d
                for d in dates
                if not SINCE_BEFORE.pattern.search(text, max(sentence.start, d.start - 60), d.start)
                and not d.text.lower().startswith("since")
            ]
        if dates and labels and labels[0].event_type == "presence":
            # "officials said Monday the district is a hideout": when it was said, not a dated presence
            dates = [d for d in dates if not self._reporting_date(d)]
        elif dates:
            # "the group on Tuesday claimed the attack": the day of the claim; the attack may be a day before;
            # "the January 3 attacks": the happening's own date
            dates = [naming_date(claim_day(d, text, sentence), text, sentence) for d in dates]
            if labels and labels[0].event_type == "counter_operation":
                self._others_dates.update(d.start for d in dates if names_an_attack(d, text, sentence))
                dates = [d for d in dates if d.start not in self._others_dates]
        return dates

    def _read_earlier_clause(self, reading: _SentenceReading, back: EarlierClause) -> None:
        """Take a clause about an earlier happening out of the sentence: its dates and places are not the
        sentence's event's; the happening is an event of its own (`_earlier`), dated back from the sentence's date
        (or from the attack just told, when the sentence refers back to it)."""
        sentence = reading.sentence
        before_clause = [d for d in reading.dates if d.start < back.start]
        # the dates the clause tells after its phrase (not "a week after" itself, read from the date before)
        own = [d for d in reading.dates if back.start + len(back.phrase) <= d.start < back.end]
        reading.dates = [d for d in reading.dates if d.start < back.start or d.start >= back.end]
        at = before_clause[0].date_start if before_clause else self._anchor or self._reference
        told_day = next((d.dates for d in reversed(self._told) if any(x.precision == "day" for x in d.dates)), [])
        if not before_clause and told_day and BACK_REFERENCE.pattern.search(self._text, sentence.start, back.start):
            # "The attack in Kandahar came a week after ...": a week before the attack just told
            at = next(x.date_start for x in told_day if x.precision == "day")
        in_clause = [m for m in reading.all_places if back.start <= m.start < back.end]
        reading.all_places = [m for m in reading.all_places if not back.start <= m.start < back.end]
        if at is not None and in_clause:
            self._earlier.extend(self._earlier_drafts(sentence, back, at, in_clause, own))

    def _adjacent(self, reading: _SentenceReading) -> bool:
        """Whether the sentence goes on from the draft told last: in its paragraph, or opening the next one with
        a reference back to it and no new place ("ISIS-K claimed the attack.")."""
        previous = reading.previous
        if reading.same_paragraph:
            return True
        provinces = {m.admin1 for m in reading.places if m.admin1}
        return (
            reading.next_to_previous
            and previous is not None
            # (a country named is no place of a new happening: "the tape ... to liberate Tajikistan")
            and (
                all(m.match.kind == "country" for m in reading.places)
                or (previous.admin1 is not None and provinces == {previous.admin1})
            )
            and bool(BACK_REFERENCE.pattern.search(reading.text))
            and not SERIES.pattern.search(reading.text)
        )

    def _continues_previous(self, reading: _SentenceReading) -> bool:
        """Whether the sentence tells more of the draft told last (no new place, date or event of its own): then
        it is added to that draft (and a presence report's further places become drafts of their own)."""
        previous, labels, dates, sentence = reading.previous, reading.labels, reading.dates, reading.sentence
        provinces = {m.admin1 for m in reading.places if m.admin1}
        own = {previous.admin1} if previous is not None and previous.admin1 else set()
        # A happening told at country level, then placed by the next sentence of its paragraph, which tells nothing
        # of its own ("A bomber killed 128 at a rally in south-western Pakistan. A candidate was among the dead in
        # Mastung."): the place of that happening, more precise.
        placed_within = (
            previous is not None
            and previous.place is not None
            and previous.place.match.kind == "country"
            and previous.label.event_type != "presence"
            and (reading.same_paragraph or (reading.next_to_previous and BACK_REFERENCE.found(reading.text)))
            and not labels
            and not dates
            and len(provinces) == 1
            and all(m.country == previous.place.country for m in reading.places)
        )
        if placed_within:
            own = set(provinces)
        if previous is not None and previous.place is not None and (abroad := far_abroad_country(previous.place)):
            # told far abroad, another country is another place ("Seven were arrested in Germany. Two others were
            # arrested in the Netherlands.")
            provinces |= {country for m in reading.places if (country := far_abroad_country(m))}
            own.add(abroad)
        same_type = bool(labels) and previous is not None and labels[0].event_type == previous.label.event_type
        if not (
            (placed_within or self._adjacent(reading))
            and previous is not None
            and not previous.listed
            and (
                not dates
                or (not previous.dates and same_type and previous.label.event_type != "presence")
                # "The tape, released first time on August 10 last year": the date of the propaganda just told
                or (not previous.dates and not labels and previous.label.sub_type == "propaganda")
                # "The operation ended late on March 3": the date of the happening just told, referred back
                or (not previous.dates and not labels and bool(BACK_REFERENCE.pattern.search(reading.text)))
            )
            and provinces <= own
            and (
                not labels
                or labels[0].event_type in (previous.label.event_type, "presence")
                # ("Rockets fired from X hit Y. ISIS-K later claimed the attack.": the launch, referred back to)
                or (
                    previous.label.event_type == "cross_border_launch"
                    and labels[0].event_type == "attack"
                    and bool(BACK_REFERENCE.pattern.search(reading.text))
                )
            )
            # not when this sentence claims an event of its own and the previous one was claimed already (its
            # claims are looked for only here, where they decide)
            and not (
                previous.claimed_by
                and labels
                and labels[0].event_type != "presence"
                and self._group.claims_of(sentence, reading.text)
            )
        ):
            return False
        self._extend(previous, sentence, reading.text, self._text)
        previous.dates.extend(dates)
        if placed_within:
            previous.place = next(m for m in reading.places if m.admin1)
        if previous.label.event_type == "presence":
            # "Others are in X, Y and Z": more places of the same report.
            known = {d.place.place_id for d in self._told if d.place is not None and d.label == previous.label}
            new_places = [
                m for m in reading.places if m.place_id not in known and (m.admin1 or m.match.kind == "region")
            ]
            if new_places:
                self._told.extend(self._drafter.drafts(previous.label, sentence, reading.text, new_places, dates))
        return True

    def _places_pending(self, reading: _SentenceReading) -> bool:
        """Whether the sentence gives the place of the pending event, told just before without one ("... The
        mosque in X was hit"): then the pending event's drafts are found at its places."""
        pending, labels, sentence = self._pending, reading.labels, reading.sentence
        if not (
            pending is not None
            and pending.sentences[-1].index == sentence.index - 1
            and (
                pending.sentences[-1].paragraph == sentence.paragraph
                # an operation announced, then where it was in the next paragraph: "The raid took place in X."
                or (
                    pending.label.event_type == "counter_operation"
                    and bool(BACK_REFERENCE.pattern.search(reading.text))
                    and not ANOTHER.pattern.search(reading.text)
                )
            )
            and reading.places
            and (not labels or labels[0].event_type == pending.label.event_type)
        ):
            return False
        places = reading.places
        if self._told_abroad(pending.sentences[0]):
            # a happening told abroad takes no Afghan place from the next sentence ("Russian police said gunmen
            # attacked a church. The attackers trained in X.")
            places = [m for m in places if m.country != "AFG"]
            if not places:
                return False
        dates = [*pending.dates, *reading.dates]
        new = self._drafter.drafts(pending.label, sentence, reading.text, places, dates)
        for draft in new:
            draft.sentences.insert(0, pending.sentences[0])
            draft.figures.extend(pending.figures)
            draft.claimed_by = draft.claimed_by or pending.claimed_by
            draft.actor = draft.actor or pending.actor
        self._told.extend(new)
        self._pending = None
        return bool(new)

    def _told_abroad(self, sentence: Sentence) -> bool:
        """Whether a sentence places its happening abroad: it names a place abroad that could be an event's, or a
        country's police tell it (`FOREIGN_POLICE`)."""
        if FOREIGN_POLICE.pattern.search(self._text, sentence.start, sentence.end):
            return True
        return any(
            m.country not in (None, "AFG") and event_place(m, self._text)
            for m in self._by_sentence.get(sentence.index, [])
        )

    def _one_more_of_a_series(self, reading: _SentenceReading) -> bool:
        """Whether the sentence tells one more of the series just described, without a place ("The third attack
        occurred on July 17"): then it is a draft at the previous one's place."""
        previous, sentence = reading.previous, reading.sentence
        if reading.places or not reading.same_paragraph or previous is None or not SERIES.pattern.search(reading.text):
            return False
        draft = Draft(previous.label, [sentence], previous.place, previous.target, previous.target_country,
                      dates=list(reading.dates))  # fmt: skip
        self._drafter.add_details(draft, sentence, reading.text)
        self._told.append(draft)
        return True

    def _without_a_place(self, reading: _SentenceReading, label: Label) -> None:
        """The group's event told without a place: a new one at the place just named ("A day later, 250 members
        surrendered"), a presence in the country just named, else pending until the next sentence."""
        sentence, sentence_text, previous, dates = reading.sentence, reading.text, reading.previous, reading.dates
        if (heard := self._heard_before(reading, label)) is not None:
            # "Explosions and clashes were reported in X. The Taliban said its forces killed two of the group's
            # men.": what was heard was their operation, at the place just told
            heard.label = label
            self._extend(heard, sentence, sentence_text, self._text)
        elif (
            reading.same_paragraph
            and previous is not None
            and previous.place is not None
            and SAME_PLACE.pattern.search(sentence_text)
        ):
            self._told.append(self._draft_at(label, reading, previous.place))
        elif label.event_type == "counter_operation" and (attack := self._attack_referred_to(sentence_text)):
            # "Police arrested two suspects in connection with the attack": at the attack's place
            self._told.append(self._draft_at(label, reading, attack.place))
        elif label.sub_type == "arrest" and (abroad := self._place_abroad_just_named(sentence)) is not None:
            # "The man was helped by three fighters who stayed in Istanbul. ... Twenty suspects were arrested.": an
            # arrest abroad told without a place is where its paragraph has just placed the plot
            self._told.append(self._draft_at(label, reading, abroad))
        elif label.event_type == "presence" and (
            country := recent_country(sentence, self._by_sentence, self._sentences)
        ):
            # A presence report about "the country" just named; the evidence starts where it is named.
            for draft in self._drafter.drafts(label, sentence, sentence_text, [country], dates):
                draft.sentences.insert(0, self._sentences[country.sentence])
                self._told.append(draft)
        else:
            self._pending = self._draft_at(label, reading, None)

    def _draft_at(self, label: Label, reading: _SentenceReading, place: Mention | None) -> Draft:
        """A draft of `label` told by the sentence read, at a place another sentence gave it (None: pending)."""
        draft = Draft(label, [reading.sentence], place, dates=list(reading.dates))
        self._drafter.add_details(draft, reading.sentence, reading.text)
        return draft

    def _place_abroad_just_named(self, sentence: Sentence) -> Mention | None:
        """The place below country level outside Afghanistan named last in the sentences just before `sentence` in
        its paragraph (at most `_ABROAD_REACH` back), when no Afghan place is named between; else None."""
        for index in range(sentence.index - 1, max(-1, sentence.index - 1 - _ABROAD_REACH), -1):
            if self._sentences[index].paragraph != sentence.paragraph:
                return None
            mentions = [m for m in self._by_sentence.get(index, []) if event_place(m, self._text)]
            if any(m.country == "AFG" for m in mentions):
                return None
            abroad = [m for m in mentions if m.country not in (None, "AFG") and m.match.kind != "country"]
            if abroad:
                return abroad[-1]
        return None

    def _heard_before(self, reading: _SentenceReading, label: Label) -> Draft | None:
        """The happening just told whose doer the sentence, an operation against the group told without a place or
        a date of its own, names: an attack told only by what was heard, with no doer and no claim
        (`NO_DOER_HEARD`: "explosions and clashes were reported in X"), in the sentence just before in the same
        paragraph; else None."""
        previous = reading.previous
        if (
            label.event_type == "counter_operation"
            and not reading.dates
            and reading.same_paragraph
            and previous is not None
            and previous.label.event_type == "attack"
            and previous.place is not None
            and previous.claimed_by is None
            and all(NO_DOER_HEARD.found(self._text[s.start : s.end]) for s in previous.sentences)
        ):
            return previous
        return None

    def _attack_referred_to(self, sentence_text: str) -> Draft | None:
        """The attack told last, when the sentence's operation is over it (`OVER_THE_ATTACK`: "arrested in
        connection with the attack"); None otherwise."""
        if not OVER_THE_ATTACK.pattern.search(sentence_text):
            return None
        return next((d for d in reversed(self._told) if d.label.event_type == "attack" and d.place is not None), None)

    def _fold(self, published: dt.date | None, published_precision: str) -> list[Draft]:
        """The drafts an event each: launch sites found, restatements folded (`merge_drafts`, and at country level
        `fold_into_placed`), the lead chosen and dated by the publication; references back, regions told by province
        and undated attacks far abroad (after the lead and the opening event) dropped."""
        text, drafts = self._text, self._told
        launch_sites(drafts, self._sentences, self._by_sentence, text)
        fallback = self._fallback
        if any(d.place is not None and d.place.country not in (None, "AFG") for d in drafts):
            # an article about events abroad: its arrest told without a place is not one in Afghanistan
            fallback = [d for d in fallback if d.label.event_type == "presence"]
        # (a generic statement is judged alone: folded into the report of a strength figure, it would hide it)
        told = [d for d in [*drafts, *fallback, *self._earlier, *self._beside] if not generic_presence(d, text)]
        merged = merge_drafts(told, text, headline=self._headline, dateline=self._dateline)
        merged = fold_into_placed(merged, text)
        merged = cell_places_operation(merged, text)
        merged = launch_targets(merged, text)
        lead = lead_event(merged, self._earlier, text, heading_index(text, self._sentences, self._headline))
        merged = [d for d in merged if d is lead or not back_reference(d, merged, text)]
        merged = [d for d in merged if not region_told_by_province(d, merged)]
        merged = [d for d in merged if not operation_region_not_its_place(d, merged, published)]
        opening = min((d for d in merged if d.label.event_type != "presence"), key=lambda d: d.start, default=None)
        merged = [d for d in merged if d is lead or d is opening or not undated_attack_far_abroad(d)]
        if lead is not None and (date := reported_date(published, published_precision)) is not None:
            lead.dates.append(date)
        return self._abroad_checked(merged)

    def _abroad_checked(self, drafts: list[Draft]) -> list[Draft]:
        """The drafts less any happening abroad placed in Afghanistan (issue 17): a draft whose place there its
        evidence ties to another country (`_ties_abroad`) is placed in that country (`place_abroad`), or dropped
        when no place there is named or another draft of its type is there already (in the order the drafts come:
        one moved abroad counts for those after it)."""
        article = article_ties(self._by_sentence, self._sentences, self._text)
        countries = sorted(
            (m for mentions in self._by_sentence.values() for m in mentions if m.match.kind == "country"),
            key=lambda m: m.start,
        )
        kept: list[Draft] = []
        for draft in drafts:
            ties = self._ties_abroad(draft, article)
            if draft.place is None or not ties:
                kept.append(draft)
                continue
            there = place_abroad(ties, self._by_sentence.get(draft.place.sentence, []), countries, self._text)
            if there is None or any(
                other.label.event_type == draft.label.event_type and place_key(other) == mention_key(there)
                for other in drafts
            ):
                continue  # abroad with no place there named, or told there already
            draft.place = there
            kept.append(draft)
        return kept

    def _ties_abroad(self, draft: Draft, article: set[str]) -> set[str]:
        """The countries a draft placed in Afghanistan is told of instead (`told_abroad`; `article`: the countries
        of the article's dateline), else none. Not a cross-border launch, which is placed at its origin."""
        place = draft.place
        if place is None or place.country != "AFG" or draft.label.event_type == "cross_border_launch":
            return set()
        mentions = self._by_sentence.get(place.sentence, [])
        return told_abroad(place, mentions, self._text, self._sentences[place.sentence], article)

    # ------------------------------------------------------------------ earlier events

    def _earlier_drafts(
        self,
        sentence: Sentence,
        back: EarlierClause,
        at: dt.date,
        places: list[Mention],
        own: Sequence[DateMention] = (),
    ) -> list[Draft]:
        """The earlier happening a clause refers back to, dated back from the sentence's own date; a date the
        clause itself tells ("weeks after gunmen stormed a school on March 3, 2023") on or before
        that date is the happening's own, more precise than the span counted back."""
        clause = self._text[back.start : back.end]
        labels = [label for label in self.classifier.classify(clause) if label.event_type != "presence"]
        if not labels or not self._group.about_the_group(sentence.index, labels[0]):
            return []
        doers = {actor.actor for actor in find_actors(clause)}
        if doers and GROUP not in doers:
            return []  # ("a week after 35 were killed in a Taliban attack in X": another's attack)
        told = event_date([d for d in own if d.precision in ("day", "month") and d.date_end <= at])
        date = told if told is not None else back.date_before(at)
        figures = attribute(clause, find_figures(clause, offset=back.start), back.start)
        sentence_text = self._text[sentence.start : sentence.end]
        drafts = []
        for draft in self._drafter.drafts(labels[0], sentence, sentence_text, places, [date]):
            # Only what the clause tells belongs to the earlier happening (its figures, not the sentence's claim).
            draft.figures = list(figures)
            draft.claimed_by = None
            draft.notes = [n for n in draft.notes if not n.startswith("attributed")]
            drafts.append(draft)
        return drafts

    # ------------------------------------------------------------------ drafts

    def _country_wide(self, pending: Draft, countries: list[Mention]) -> list[Draft]:
        """A presence report without a place of its own, an arrest the lead tells without one, or an air strike told
        by its day without one ("an airstrike on Sunday killed ..."), at the article's country (none for other
        events: issue 17, a specific happening known only at country level is an event).

        The evidence reaches back to the nearest earlier mention of the country (or on to the next one).
        """
        lead_arrest = pending.label.sub_type == "arrest" and pending.sentences[0].index < LEAD_SENTENCES
        if not countries and lead_arrest:
            countries = self._police_country(pending.sentences[0])
        dated_strike = pending.label.sub_type == "airstrike" and any(d.precision == "day" for d in pending.dates)
        if not countries or (
            pending.label.event_type != "presence"
            and not lead_arrest
            and not dated_strike
            and not self._country_wide_tally(pending)
        ):
            return []  # (an arrest told in the lead without a place is the news, in the article's country)
        at = pending.sentences[0].index
        earlier = [m for m in countries if m.sentence <= at]
        country = earlier[-1] if earlier else countries[0]
        pending.place = country
        if country.sentence < at:
            pending.sentences.insert(0, self._sentences[country.sentence])
        elif country.sentence > pending.sentences[-1].index:
            pending.sentences.append(self._sentences[country.sentence])
        return [pending]

    def _police_country(self, sentence: Sentence) -> list[Mention]:
        """The country whose police or security service a sentence names by its adjective ("German police arrested
        a man suspected of planning an attack"), as a mention of that country, for an arrest told without a place in
        an article naming no country: it was made there."""
        found = FOREIGN_POLICE.pattern.search(self._text, sentence.start, sentence.end)
        if found is None:
            return []
        adjective = found.group().split()[0]
        country = COUNTRY_ADJECTIVES.get(adjective.lower())
        if country is None:
            return []
        mention = self._drafter.country_at(country, sentence, found.start(), found.start() + len(adjective))
        return [mention] if mention is not None else []

    def _country_wide_tally(self, pending: Draft) -> bool:
        """An operation told over the whole country or as a tally over a period, with no place of its own
        ("hundreds of its fighters have been killed in operations since the start of 2017", "600 members were
        detained across the country"): the country's news, not one happening whose place the text left out."""
        if pending.label.event_type != "counter_operation":
            return False
        text = " ".join(self._text[s.start : s.end] for s in pending.sentences)
        return any(cue.found(text) for cue in (NATIONWIDE, SINCE_TALLY, PAST_PERIOD))

    def _figures_told_back(
        self,
        drafts: Sequence[Draft],
        sentence: Sentence,
        sentence_text: str,
        places: Sequence[Mention],
        dates: Sequence[DateMention],
        cue: str | None = None,
    ) -> bool:
        """Figures told after another sentence came between ("Three guards were also hurt in the attack." after a
        sentence on arrests) go to the attack they name as "the attack / the blast": the latest one told, at most
        `_FIGURES_BACK_REACH` sentences before, when the sentence tells no place or date of its own (and no event:
        its only event word, `cue`, is the one naming the attack told). The toll may also be told with the attack
        as its subject ("The attack left 45 people dead", `TOLL_BACK`) and restate the attack's own days ("... on
        Monday night, and left 59 people dead"). A counter-operation's figures go back to it the same way ("...
        killed in the clash", `OPERATION_FIGURES_BACK`), unless the sentence counts a tally over a period ("since
        the start of the year", `SINCE_TALLY`). A sentence telling no event of its own gives the toll of the
        happening told last, with no other told between (`_toll_goes_on`). A day a party "said on" is no
        happening's day. Whether it gave figures to that attack."""
        if any(event_place(m, self._text) for m in places):
            return False
        back = FIGURES_BACK.pattern.search(sentence_text) or TOLL_BACK.pattern.search(sentence_text)
        if back is not None and (cue is None or cue.lower() in back.group().lower()):
            target = next((d for d in reversed(drafts) if d.label.event_type == "attack"), None)
        elif (
            (operation := OPERATION_FIGURES_BACK.pattern.search(sentence_text)) is not None
            and (cue is None or cue.lower() in operation.group().lower())
            and not SINCE_TALLY.pattern.search(sentence_text)
        ):
            target = next((d for d in reversed(drafts) if d.label.event_type == "counter_operation"), None)
        elif cue is None and drafts and self._toll_goes_on(drafts[-1], sentence, sentence_text):
            target = drafts[-1]
            if target.label.sub_type == "arrest":
                # (an arrest takes no toll: the dead and wounded told after it are those of the attack before it)
                target = next((d for d in reversed(drafts) if d.label.event_type == "attack"), target)
            dates = self._own_dates(sentence, sentence_text, dates)
        else:
            return False
        if target is None or not 0 < sentence.index - target.sentences[-1].index <= _FIGURES_BACK_REACH:
            return False
        # (the day a party "said on" or "reported on" is when it reported, not a happening's day)
        own_days = [d for d in target.dates if not self._reporting_date(d)]
        if own_days and any(
            not any(d.overlaps(own) for own in own_days) and not self._reporting_date(d) for d in dates
        ):
            return False  # a day of its own, apart from the attack's: another happening's toll
        figures, _ = self._drafter.figures_claims(sentence, sentence_text)
        if not figures:
            return False
        target.figures.extend(f for f in figures if f not in target.figures)
        return True

    def _operation_figures_back(self, reading: _SentenceReading) -> bool:
        """Whether the sentence gives the figures of the counter-operation told before another draft came between
        ("Two soldiers were hurt in the clash"): it names the operation as "the clash" (`OPERATION_FIGURES_BACK`)
        and tells no other happening (its event words are that name; a word for the people counted, a presence
        word, is none). Then the figures go to that operation."""
        operation = OPERATION_FIGURES_BACK.pattern.search(reading.text)
        if operation is None:
            return False
        named = operation.group().lower()
        happenings = [label for label in reading.labels if label.event_type != "presence"]
        if not all(named in label.cue.lower() or label.cue.lower() in named for label in happenings):
            return False
        return self._figures_told_back(
            self._told, reading.sentence, reading.text, reading.all_places, reading.dates, cue=operation.group()
        )

    def _toll_goes_on(self, target: Draft, sentence: Sentence, sentence_text: str) -> bool:
        """Whether a sentence telling no event of its own gives the toll of `target`, the happening told last: no
        sentence between them tells another one (an event at a place or on a day of its own), whatever the
        paragraphing (web pages make each sentence a paragraph), and it counts no tally over a period ("since
        2019")."""
        if target.label.event_type not in ("attack", "counter_operation") or SINCE_TALLY.pattern.search(sentence_text):
            return False
        for index in range(target.sentences[-1].index + 1, sentence.index):
            if not self._labels[index]:
                continue  # (a labelled sentence's dates are read: it is one where an event may be coded)
            if any(event_place(m, self._text) for m in self._by_sentence.get(index, [])) or any(
                not any(d.overlaps(own) for own in target.dates) for d in self._dates_read.get(index, [])
            ):
                return False  # another happening told between (at a place, on a day of its own)
        return True

    def _reporting_date(self, date: DateMention) -> bool:
        """Whether `date` is when a party reported ("officials said on Friday"), not when something happened (a
        date read from the text, not one put in its place: a publication window is written nowhere)."""
        return date.end > date.start and bool(SAID_ON.pattern.search(self._text, max(0, date.start - 30), date.start))

    def _own_dates(self, sentence: Sentence, sentence_text: str, dates: Sequence[DateMention]) -> list[DateMention]:
        """The dates of a sentence: `dates` as read, or found now where reading skipped them (a sentence where no
        event was to be coded)."""
        if sentence.index in self._wanted:
            return list(dates)
        return find_dates(sentence_text, self._reference, self._reference_precision, self._anchor,
                          offset=sentence.start)  # fmt: skip

    def _extend(self, draft: Draft, sentence: Sentence, sentence_text: str, text: str) -> None:
        draft.sentences.append(sentence)
        self._drafter.add_details(draft, sentence, sentence_text)
