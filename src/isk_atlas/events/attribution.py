"""Whose a sentence's happening is: whether it is about the group, whether the group claims it further on.

An event needs the group: named in its sentence, a few sentences before or the next one (`Attribution.naming`,
`Attribution.about_the_group`), or (an attack) claimed by it further on, the newswire pattern: the lead tells the
attack, a paragraph or three later "X claimed responsibility for the bombing" (`Attribution.claimed_later`), unless
another attack or "no group has claimed it" comes between. A sentence whose deed is another actor's ("the Taliban
increased its attacks", "Taliban members") or the group's own operations is none of its events
(`Attribution.groups_labels`). `Attribution` holds one text's sentences and what is read of them once (actors,
claims, naming), for one extraction.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from isk_atlas.events.claims import ActorMention, Claim, find_actors, find_claims
from isk_atlas.events.classify import Label
from isk_atlas.events.clauses import earlier_clause
from isk_atlas.events.cues import (
    BACK_REFERENCE,
    CLAIM_OF_THE_ATTACK,
    CLAIMS_SEVERAL,
    DATED_LIST_ITEM,
    GROUP_HINT,
    GROUP_REFERENCE,
    MEN_DOING_A_DEED_AFTER,
    NEW_CLAIMED,
    NEW_CLAIMED_BEFORE,
    OTHERS_OWN_AFTER,
    OTHERS_PRESENCE_BEFORE,
    SEPARATE_ATTACK,
    SUSPECTS_BACK,
    UNCLAIMED,
)
from isk_atlas.events.deeds import relabel as relabel_by_doer
from isk_atlas.events.draft import GROUP, Draft
from isk_atlas.events.placing import event_place
from isk_atlas.mentions import Mention, Sentence

# A claim reaches back this many sentences (and paragraphs) to the attack it claims: a newswire lead tells the
# attack, the next paragraphs the toll and the scene, then "X claimed responsibility for the bombing". (Wire copy
# often gives each sentence a paragraph of its own: the paragraphs reach as far as the sentences.)
_CLAIM_REACH = 6
# How far a claim naming the attack as "the" one told reaches back (`CLAIM_OF_THE_ATTACK`), whatever paragraphs lie
# between, no other attack told between.
_CLAIM_OF_THE_REACH = 12


_CLAIM_PARAGRAPHS = 6

# The group named this many sentences before a deed (an attack, an operation) is its doer or target, whatever the
# paragraphing (web pages make each sentence a paragraph: "The group's leader was killed ... He was appointed ...
# He ordered an attack on X"); a presence ("fighters", "members": anyone's) needs it in its paragraph or the one
# before.
_NAMED_SENTENCES_BEFORE = 2


# "claimed responsibility for a bombing in ...": a new attack, not one told before.
# Every claim or blame holds one of these ("said it was behind" holds "aid it").
_CLAIM_WORDS = ("laim", "LAIM", "esponsib", "ESPONSIB", "blame", "BLAME", "aid it", "aid they", "dmitted", "DMITTED")


def claims_a_new_attack(sentence_text: str, claim: Claim) -> bool:
    """Whether a claim of a sentence is for an attack it tells anew ("claimed responsibility for an attack in Y",
    "an attack on X that was claimed by IS"), not for one told before (claims count from the sentence's start)."""
    after = sentence_text[claim.end : claim.end + 12]
    before = sentence_text[max(0, claim.start - 100) : claim.start]
    return bool(NEW_CLAIMED.pattern.match(after) or NEW_CLAIMED_BEFORE.pattern.search(before))


def other_actor_attacks(sentence: str, label: Label, actors: list[ActorMention]) -> bool:
    """Another actor is the grammatical subject of the attack cue: 'the Taliban has increased its attacks'."""
    cue_at = label.cue_at(sentence)
    for actor in actors:
        if actor.actor == GROUP or actor.end > cue_at:
            continue
        between = sentence[actor.end : cue_at]
        if len(between) < 40 and not re.search(r"\b(?:on|against|of|for|to|at|in)\b|,", between):
            return True
    return False


def others_members(sentence: str, label: Label, actors: list[ActorMention]) -> bool:
    """The presence cue is another actor's men or holding: 'Taliban members', "the Taliban's fighters", 'members of
    the patrol', 'the headquarters of the army' (`OTHERS_OWN_AFTER`), 'the army has doubled its presence'
    (`OTHERS_PRESENCE_BEFORE`)."""
    cue_at = label.cue_at(sentence)
    if cue_at >= 0 and OTHERS_OWN_AFTER.pattern.match(sentence, cue_at + len(label.cue)):
        return True
    if cue_at > 0 and OTHERS_PRESENCE_BEFORE.pattern.search(sentence[max(0, cue_at - 80) : cue_at]):
        return True  # ("the Pakistan Army has doubled its presence")
    return any(
        actor.actor != GROUP and re.fullmatch(r"(?:['’]s)?\s+", sentence[actor.end : cue_at]) is not None
        for actor in actors
        if actor.end <= cue_at
    )


def men_doing_a_deed(sentence: str, label: Label) -> bool:
    """The presence cue is the men who did a deed the sentence tells ('fighters of the group have beheaded eight
    men', 'the militants who overran the village': `MEN_DOING_A_DEED_AFTER`): news of the deed, not of where the
    group's men are. Only the men's words: a base or a count is told for itself."""
    if label.sub_type != "fighters_reported" or not re.fullmatch(r"(?:fighters?|members|militants)", label.cue):
        return False
    cue_at = label.cue_at(sentence)
    return cue_at >= 0 and MEN_DOING_A_DEED_AFTER.pattern.match(sentence, cue_at + len(label.cue)) is not None


def group_operates(sentence: str, label: Label, actors: list[ActorMention]) -> bool:
    """The group itself conducts the 'operations': 'ISIS have conducted operations in ...' (its own attacks)."""
    if label.sub_type != "military_operation" or not re.match(r"(?:conduct|carried|launch|start)", label.cue, re.I):
        return False
    cue_at = label.cue_at(sentence)
    subjects = [a for a in actors if a.end <= cue_at]
    if not subjects or subjects[-1].actor != GROUP:
        return False
    between = sentence[subjects[-1].end : cue_at]
    return bool(re.fullmatch(r"\s*(?:(?:has|have|had|was|were|is|are|also|recently|been)\s+)*", between, re.I))


def mentions_group(text: str, actors: list[ActorMention]) -> bool:
    return any(actor.actor == GROUP for actor in actors) or bool(GROUP_REFERENCE.pattern.search(text))


def claim_candidates(text: str, sentences: Sequence[Sentence]) -> list[int]:
    """Sentences holding a claim word, in order (one scan of the text): where `Attribution._claims_back` may hold."""
    starts = [s.start for s in sentences]
    found: set[int] = set()
    for word in _CLAIM_WORDS:  # substring search: far cheaper than a pattern's scan of the whole text
        at = text.find(word)
        while at >= 0:
            found.add(bisect.bisect_right(starts, at) - 1)
            at = text.find(word, at + 1)
    return sorted(index for index in found if index >= 0)


@dataclass
class Attribution:
    """Whose the happenings of one text are: the text, its sentences, their event labels and places (as the
    extractor read them), whether it opens with a headline; what is read of each sentence (actors, claims, whether
    it names the group, what a claim refers back to) is computed once, when first needed."""

    text: str
    sentences: Sequence[Sentence]
    labels: Sequence[list[Label]]  # event labels, by sentence
    by_sentence: dict[int, list[Mention]]  # places named, by sentence
    headline: bool
    claim_candidates: list[int] = field(init=False)  # sentences holding a claim word, in order
    claim_set: set[int] = field(init=False)
    _actors: dict[int, list[ActorMention]] = field(default_factory=dict, repr=False)
    _claims: dict[int, list[Claim]] = field(default_factory=dict, repr=False)
    # Sentences naming the group, and what a claim sentence refers back to (`_claims_back`), once known.
    _naming_memo: dict[int, bool] = field(default_factory=dict, repr=False)
    _claims_back_memo: dict[int, str | None] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self.claim_candidates = claim_candidates(self.text, self.sentences)
        self.claim_set = set(self.claim_candidates)

    def attach_later_claims(self, drafts: Sequence[Draft]) -> None:
        """The group's claim further on (or the blame put on it) covers the attacks told before it (in `drafts`)."""
        for draft in drafts:
            if draft.claimed_by is None and draft.label.event_type in ("attack", "cross_border_launch"):
                later = self.claimed_later(draft.sentences[0].index)
                if later == "claim":
                    draft.claimed_by = GROUP
                elif later == "blame" and not draft.actor:
                    draft.notes.append(f"attributed to {GROUP}")
                if later is not None:
                    draft.actor = draft.actor or GROUP

    def groups_labels(
        self,
        sentence: Sentence,
        sentence_text: str,
        labels: list[Label],
        previous: Draft | None,
        places: Sequence[Mention],
    ) -> list[Label] | None:
        """The sentence's labels when its event is the group's (an arrest the group made is its attack); None when
        the sentence is not about the group, or tells another actor's attack or men, or the group's operations
        (`previous`: the draft told last; `places`: the sentence's places that can be an event's)."""
        names_group = self.naming(sentence.index)
        about_group = self.about_the_group(sentence.index, labels[0])
        # A presence report naming an Afghan place right after one about the group (one sentence between at most,
        # the next paragraph at most) goes on about it: "Badakhshan has become a base for foreign fighters", "some
        # of these fighters are in X and Y" after the group's report.
        about_group = about_group or (
            labels[0].event_type == "presence"
            and previous is not None
            and previous.label.event_type == "presence"
            and previous.sentences[-1].index >= sentence.index - 2
            and previous.sentences[-1].paragraph >= sentence.paragraph - 1
            and any(m.country == "AFG" and m.admin1 for m in places)
        )
        if not about_group and labels[0].event_type != "cross_border_launch":
            return None
        actors = self.actors_of(sentence.index)
        if labels[0].event_type == "counter_operation" and group_operates(sentence_text, labels[0], actors):
            return None  # "ISIS conducted operations in ...": the group's own attacks, told in general
        if (deed := relabel_by_doer(sentence_text, labels[0].event_type, labels[0].cue)) is not None:
            # Who did it: "its fighters raided a hospital" is the group's attack, "Taliban forces attacked ISKP
            # positions" or "its members were killed by the police" an operation against it (`deeds.DEEDS`)
            labels = [replace(labels[0], event_type=deed[0], sub_type=deed[1]), *labels[1:]]
        if labels[0].event_type == "presence" and others_members(sentence_text, labels[0], actors):
            return None  # "Taliban members on a Kabul street": another actor's men (a photo caption)
        if labels[0].event_type == "presence" and men_doing_a_deed(sentence_text, labels[0]):
            return None  # "its fighters have beheaded eight men": the deed's doers, no presence report
        if (
            labels[0].event_type == "attack"
            and not names_group
            and other_actor_attacks(sentence_text, labels[0], actors)
        ):
            return None  # someone else's attack ("the Taliban increased its attacks")
        return labels

    def actors_of(self, index: int) -> list[ActorMention]:
        """Actors named in sentence `index` (computed once, when first needed)."""
        found = self._actors.get(index)
        if found is None:
            sentence = self.sentences[index]
            found = self._actors[index] = find_actors(self.text[sentence.start : sentence.end])
        return found

    def claims_of(self, sentence: Sentence, sentence_text: str) -> list[Claim]:
        """Claims of one sentence, computed once per text."""
        claims = self._claims.get(sentence.index)
        if claims is None:
            claims = self._claims[sentence.index] = find_claims(sentence_text, actors=self.actors_of(sentence.index))
        return claims

    def own_claims(self, sentence: Sentence, sentence_text: str) -> list[Claim]:
        """The sentence's claims less those in a clause about earlier attacks ("it follows three attacks, all
        claimed by IS": the claim is theirs)."""
        claims = self.claims_of(sentence, sentence_text)
        back = earlier_clause(sentence_text, 0) if claims else None
        return claims if back is None else [c for c in claims if not back.start <= c.start < back.end]

    def naming(self, index: int) -> bool:
        """Whether sentence `index` names the group (computed once per sentence)."""
        known = self._naming_memo.get(index)
        if known is None:
            s = self.sentences[index]
            text = self.text
            known = self._naming_memo[index] = bool(GROUP_HINT.pattern.search(text, s.start, s.end)) and mentions_group(
                text[s.start : s.end], self.actors_of(index)
            )
        return known

    def about_the_group(self, index: int, label: Label) -> bool:
        """Whether sentence `index` is about the group: it, one of the five before it (same or previous paragraph)
        or the next one in its paragraph ("... ISIS claimed the attack") names it, or (an attack) the group claims
        it further on; not an attack whose paragraph says it is unclaimed. An item of a dated list is judged
        where the list starts (its heading names the group: "Its attacks since 2021:", then one line each)."""
        first = self._list_start(index)
        if first != index:
            return self.about_the_group(first, label)
        sentences = self.sentences
        paragraph = sentences[index].paragraph
        if label.event_type == "attack" and self._unclaimed_paragraph(index):
            return False  # "A bomb hit X. No group has claimed the attack.": not the group's, whatever follows
        if (
            label.event_type == "attack"
            and not self.naming(index)
            and self._claimed_by_another(index)
            and self.claimed_later(index) is None
        ):
            return False  # "A bomb hit a police post. The TTP claimed the attack.": another actor's attack
        # ("Separately, a bomb killed two in X": the group named before was named for the attack told before)
        separate = label.event_type == "attack" and SEPARATE_ATTACK.pattern.match(self.text, sentences[index].start)
        return (
            self.naming(index)
            or any(
                not separate
                and self.naming(i)
                and (
                    sentences[i].paragraph >= paragraph - 1
                    or (index - i <= _NAMED_SENTENCES_BEFORE and label.event_type != "presence")
                )
                for i in range(max(0, index - 5), index)
            )
            or any(
                self.naming(i) and sentences[i].paragraph <= paragraph + 1 and not self._names_group_for_a_new_attack(i)
                for i in range(index + 1, min(len(sentences), index + 3))
            )
            or (label.event_type in ("attack", "cross_border_launch") and self.claimed_later(index) is not None)
            or (label.sub_type == "arrest" and self.suspects_tied_later(index))
        )

    def suspects_tied_later(self, index: int) -> bool:
        """Whether the people arrested in sentence `index` are tied to the group further on: a sentence within
        `_CLAIM_REACH` naming the group refers back to them (`SUSPECTS_BACK`: "The suspects allegedly planned
        attacks for ISIS-K"), with no other arrest told between."""
        text, sentences = self.text, self.sentences
        for j in range(index + 1, min(len(sentences), index + _CLAIM_REACH + 1)):
            if self.naming(j) and SUSPECTS_BACK.pattern.search(text, sentences[j].start, sentences[j].end):
                return True
            if any(label.sub_type == "arrest" for label in self.labels[j]) and any(
                event_place(m, text) for m in self.by_sentence.get(j, [])
            ):
                return False  # another arrest at a place of its own comes between
        return False

    def _list_start(self, index: int) -> int:
        """The first item of the dated list whose item sentence `index` is (`DATED_LIST_ITEM`: items in
        consecutive paragraphs, each opening with its date), or `index` when it is no item."""
        sentences, text = self.sentences, self.text
        first = index
        while (
            first > 0
            and DATED_LIST_ITEM.pattern.match(text, sentences[first].start) is not None
            and DATED_LIST_ITEM.pattern.match(text, sentences[first - 1].start) is not None
            and sentences[first - 1].paragraph >= sentences[first].paragraph - 1
        ):
            first -= 1
        return first

    def claimed_later(self, index: int) -> str | None:
        """A claim of the group's (or blame put on it) further on refers back to this sentence's attack (the
        newswire pattern): "claim" or "blame"; not to a headline's ("What the latest attacks in X mean"), which the
        lead retells if it is an event."""
        if index == 0 and self.headline:
            return None
        # (not a claim in a sentence saying the attack is unclaimed: "No group has claimed the attack, though IS
        # claimed the attack on X last week" claims another one; blame there still holds)
        kinds = {
            kind
            for j in self._claims_in_reach(index, own=False)
            if (kind := self._claims_back(j)) != "claim" or not self._unclaimed(j)
        }
        return "claim" if "claim" in kinds else "blame" if "blame" in kinds else None

    def _claimed_by_another(self, index: int) -> bool:
        """Whether another actor claims the attack of sentence `index` (or is blamed for it), in that sentence or
        one after it within a claim's reach ("The TTP claimed responsibility for the bombing"), before another
        attack is told: the attack is that actor's, though the group is named around it."""
        for j in self._claims_in_reach(index, own=True):
            sentence = self.sentences[j]
            sentence_text = self.text[sentence.start : sentence.end]
            claims = self.claims_of(sentence, sentence_text)
            if any(c.claimed_by == GROUP for c in claims):
                continue
            if any(not claims_a_new_attack(sentence_text, c) for c in claims):
                return True
        return False

    def _claims_in_reach(self, index: int, own: bool) -> list[int]:
        """The sentences holding a claim word that can speak of the attack of sentence `index`: after it (with `own`,
        from it) within `_CLAIM_REACH` sentences and `_CLAIM_PARAGRAPHS` paragraphs, no other attack told between."""
        sentences, candidates = self.sentences, self.claim_candidates
        paragraph = sentences[index].paragraph
        first = (bisect.bisect_left if own else bisect.bisect_right)(candidates, index)
        last = bisect.bisect_right(candidates, index + _CLAIM_OF_THE_REACH)
        return [
            j
            for j in candidates[first:last]
            if (
                (j <= index + _CLAIM_REACH and sentences[j].paragraph <= paragraph + _CLAIM_PARAGRAPHS)
                or CLAIM_OF_THE_ATTACK.pattern.search(self.text, sentences[j].start, sentences[j].end) is not None
            )
            and (j == index or not self._another_between(index, j))
        ]

    def _another_between(self, index: int, claim: int) -> bool:
        """Whether a claim at sentence `claim` is kept from the attack at `index` by what comes between: a
        paragraph opening with another attack at a place of its own, or "no group has claimed" it (for a claim)."""
        text, sentences = self.text, self.sentences
        several = bool(CLAIMS_SEVERAL.pattern.search(text, sentences[claim].start, sentences[claim].end))
        for j in range(index + 1, claim):
            if self._unclaimed(j) and self._claims_back(claim) == "claim":
                return True  # (blame put on the group later still holds: "no one claimed it; X blamed ISIS-K")
            if (
                not several
                and sentences[j].paragraph > sentences[j - 1].paragraph
                and any(label.event_type == "attack" for label in self.labels[j])
                and any(event_place(m, text) for m in self.by_sentence.get(j, []))
                # ("The blast struck the X mosque": more of the attack just told)
                and not BACK_REFERENCE.pattern.search(text, sentences[j].start, sentences[j].end)
            ):
                return True
        return False

    def _unclaimed_paragraph(self, index: int) -> bool:
        """Whether the paragraph of sentence `index` says its attack is unclaimed: it names the group nowhere else
        (and blames it nowhere), or the sentence saying so names the attack's own place ("No one has claimed Friday's
        attack in X") and the attack is not tied to the group itself (its sentence naming it, or blame put on it
        later): the group named around it, as the author of other attacks, does not make it the group's."""
        sentences = self.sentences
        paragraph = sentences[index].paragraph
        own = [j for j in range(max(0, index - 6), min(len(sentences), index + 7))
               if sentences[j].paragraph == paragraph]  # fmt: skip
        unclaimed = [j for j in own if self._unclaimed(j)]
        if not unclaimed:
            return False
        # (the group named only in the sentence saying the attack is unclaimed, "No group claimed it, but IS has
        # carried out similar attacks", is named for other attacks)
        if not any(self.naming(j) for j in own if j not in unclaimed):
            return self.claimed_later(index) != "blame"

        def where(j: int) -> set[str]:
            return {m.match.admin1 or m.match.place_id or "" for m in self.by_sentence.get(j, [])} - {""}

        said_of_it = any(where(index) & where(j) for j in unclaimed)
        return said_of_it and not self.naming(index) and self.claimed_later(index) != "blame"

    def _unclaimed(self, index: int) -> bool:
        """Whether sentence `index` says an attack is unclaimed (the pattern only where a claim word stands)."""
        sentence = self.sentences[index]
        return sentence.index in self.claim_set and bool(
            UNCLAIMED.pattern.search(self.text, sentence.start, sentence.end)
        )

    def _claims_back(self, index: int) -> str | None:
        """Whether sentence `index` is the group claiming an attack told before ("X claimed responsibility for the
        bombing", "X claimed both attacks": "claim") or someone blaming it on the group ("officials blamed the
        attack on X": "blame"); not a new attack ("claimed responsibility for a bombing in Y"): None. Computed once
        per sentence."""
        if index not in self._claims_back_memo:
            self._claims_back_memo[index] = self._claim_or_blame(index)
        return self._claims_back_memo[index]

    def _claim_or_blame(self, index: int) -> str | None:
        """What `_claims_back` says of sentence `index`, worked out."""
        if not self.naming(index):
            return None
        sentence = self.sentences[index]
        sentence_text = self.text[sentence.start : sentence.end]
        found = None
        for claim in self.own_claims(sentence, sentence_text):
            if claim.claimed_by == GROUP and not claims_a_new_attack(sentence_text, claim):
                if not claim.attributed:
                    return "claim"
                found = "blame"
        return found

    def _names_group_for_a_new_attack(self, index: int) -> bool:
        """Whether sentence `index` names the group only as the claimant of an attack it tells anew ("In October,
        13 were killed in an attack on X that was claimed by IS"): then it says nothing of the sentence before."""
        sentence = self.sentences[index]
        sentence_text = self.text[sentence.start : sentence.end]
        claims = [c for c in self.claims_of(sentence, sentence_text) if c.claimed_by == GROUP]
        return bool(claims) and all(claims_a_new_attack(sentence_text, c) for c in claims)
