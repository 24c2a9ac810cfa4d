"""Cues the extractor reads the text around an event with, declared as data (issue 17): one place to add a rule.

Each `TextCue` is a named pattern, an example text it must find and, where useful, a counter-example it must not
(`tests/test_cues.py` runs them all). They state general facts about how news is written, never the words of one
article. The extractor (`isk_atlas.events.extract` and its steps: `placing`, `clauses`, `attribution`, `drafting`),
the fold of restatements (`isk_atlas.events.fold`) and the choice of the lead and dates (`isk_atlas.events.lead`) read
them through `cue.pattern` (with the offsets they need) or `cue.found(text)`. They are grouped by what they decide;
to add a rule, declare a cue in its group (with its example and counter-example), add it to the group's tuple, and
read it where the group is decided:

- group named (`GROUP_NAMED_CUES`): whether a sentence names the group (ISIS-K, "the terrorist group"), whether
  the group is the subject of what a cue says (the deed verbs' doer: `isk_atlas.events.deeds`) and where a dated list (a
  timeline, whose heading names the group) goes on;
- claim (`CLAIM_CUES`): which happening a claim refers back to ("claimed both attacks"), a new one ("claimed ... for
  an attack in"), an unclaimed one ("no group has claimed"), and the day a claim or announcement was made ("the
  group on Tuesday claimed": the happening may be a day or two before), `CLAIM_DAY_BEFORE`, `CLAIM_DAY_AFTER`;
- background or earlier (`BACKGROUND_OR_EARLIER_CUES`): what is no happening of its own or is an earlier one: a
  tally of many attacks, a clause about an earlier happening ("a week after its bombers killed ..."), an aside on
  someone's past, when a period began ("since ..."), a strength figure, a worry, what makes a presence abroad
  (a foothold);
- dateline and lead (`DATELINE_AND_LEAD_CUES`): where and when the report was filed ("KABUL, Oct 13 (Agency) -",
  "Karachi: The group ..."; a dateline's place is no event place, its date is what weekdays are read against), a
  page's label line, words saying a lead is recent news;
- place is not the event's (`PLACE_IS_NOT_THE_EVENTS_CUES`): a place named for something else than where the
  happening was (a title or a person's name, an organisation, a point of reference, where people come from, the
  group's home, a piece of a longer name), and how places of several targets are listed;
- launch site (`LAUNCH_SITE_CUES`): a cross-border launch's target named by an adjective, its origin named only as
  "Afghan soil", its launch site told later, its rockets;
- abroad or at home (`ABROAD_CHECK_CUES`): whether what a sentence places in Afghanistan is told of another country
  (a country's ground, "the Kyrgyz city of"; a country named as where something is or came from) or marked Afghan
  of its own (Afghan or Taliban authorities telling it, Afghan ground), read by `placing.told_abroad`;
- fold of restatements (`FOLD_OF_RESTATEMENTS_CUES`): a sentence going on about a happening told already ("the
  attack", "the toll"), its figures told back, one more of a series, another happening ("also", "another"),
  weekdays that tell two tellings apart.

Small word tables that decide with a cue stand beside it (`PLACE_KIND_WORDS`, `NAME_WORDS_BEFORE`,
`GENERIC_PLURAL_NOUNS`). `CUES` lists every cue (for the tests and for analysts).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from isk_atlas.places.words import COUNTRY_ADJECTIVES
from isk_atlas.sources.text import STORE_DATE_PREFIX


@dataclass(frozen=True)
class TextCue:
    """A pattern (compiled as given: flags inline) with an example it must find and, optionally, one it must not.

    `where` says what text the pattern is run on: "before" (the text up to a point such as a mention, `search`,
    the pattern anchored at its end), "after" (the text from a point on: a mention's end, a sentence's start, the
    word before a mention; `match`), "whole" (the whole text between two points, `fullmatch`) or "text" (`search`
    anywhere)."""

    name: str
    pattern: re.Pattern[str]
    example: str
    where: str = "text"
    counter_example: str = ""

    def found(self, text: str) -> bool:
        if self.where == "after":
            return self.pattern.match(text) is not None
        if self.where == "whole":
            return self.pattern.fullmatch(text) is not None
        return self.pattern.search(text) is not None


_CLAIM_VERBS = (
    r"(?:(?:claimed|took|accepted)\s+(?:responsibility|credit)|claimed|announced|said|says|stated|confirmed|denied"
    r"|released|reported"
    # a toll told as it changed: "the toll rose today to 20", "authorities raised the toll on Monday"
    r"|rose|risen|climbed|raised|revised)"
)

# "The group claimed responsibility on Tuesday", "... announced Thursday": the day follows the claim's verb.
CLAIM_DAY_BEFORE = TextCue(
    "claim_day_before",
    re.compile(rf"\b{_CLAIM_VERBS}\s+(?:on\s+)?$", re.I),
    "The group claimed responsibility on ",
    "before",
    counter_example="The group claimed responsibility for the attack on ",
)
# "The group on Tuesday claimed ...", "Islamic State Saturday claimed ...": the day comes before the claim's verb.
CLAIM_DAY_AFTER = TextCue(
    "claim_day_after",
    re.compile(rf"\s*(?:night\s+|morning\s+|evening\s+)?(?:also\s+)?{_CLAIM_VERBS}\b", re.I),
    " claimed responsibility for a suicide attack that killed 21 people.",
    "after",
    counter_example=", killing 21 people, officials said.",
)
# "the January 3 attacks in Kerman", "an April 2022 explosion at a shrine": a date written as a modifier of the
# happening's noun names the happening's own time, whatever else the sentence dates (when it was told, a period).
# Before the date: an article (or after it a possessive, "last month's attack", "Friday's bombing"); after it: the
# happening's noun, at most two words on.
DATE_NAMING_BEFORE = TextCue(
    "date_naming_before",
    re.compile(r"\b(?:an?|the)\s+$", re.I),
    "officials confirmed that the ",
    "before",
    counter_example="the attack came on ",
)
DATE_NAMING_POSSESSIVE = TextCue(
    "date_naming_possessive",
    re.compile(r"['’]s\s"),
    "'s bombing of a bus station",
    "after",
    counter_example=" attack on a mosque",
)
# The nouns of an attack a date can name ("the January 3 bombings"); with raids, strikes and operations, of any
# happening.
_ATTACK_NOUNS = r"attacks?|bombings?|blasts?|explosions?|assaults?|shootings?|massacres?"
DATE_NAMING_AFTER = TextCue(
    "date_naming_after",
    re.compile(rf"(?:['’]s)?\s+(?:[\w-]+\s+){{0,2}}?(?:{_ATTACK_NOUNS}|raids?|strikes?|operations?)\b", re.I),
    " suicide attacks in the city",
    "after",
    counter_example=", when gunmen stormed the city",
)
# The happening a naming date names is an attack ("men held over Friday's bombing", "suspects in the
# January 3 bombings"): in a sentence telling an operation, the attack's date, not the operation's.
DATE_NAMES_AN_ATTACK = TextCue(
    "date_names_an_attack",
    re.compile(rf"(?:['’]s)?\s+(?:[\w-]+\s+){{0,2}}?(?:{_ATTACK_NOUNS})\b", re.I),
    "'s shooting at a wedding",
    "after",
    counter_example=" raid on a hideout",
)
# "Karachi: The group claimed ...": a place and a colon opening a paragraph of full sentences (the lead), what
# follows the place.
COLON_DATELINE = TextCue(
    "colon_dateline",
    re.compile(r":\s+[A-Z\"“‘'][^\n]{40,}?[.!?][\"”’']?\s*(?:\n|$)"),
    ": The group claimed responsibility for a suicide attack that killed 21 people in the city.\n",
    "after",
    counter_example=": a city under siege\n",
)
# "Karachi, Nov 13 (Agency): ...": a place, a date and perhaps an agency, then a colon.
DATED_COLON_DATELINE = TextCue(
    "dated_colon_dateline",
    re.compile(
        r",\s*(?:\d{1,2}\s+[A-Z][a-z]{2,8}|[A-Z][a-z]{2,8}\.?\s+\d{1,2})(?:,?\s+\d{4})?\s*(?:\([^)]{1,40}\)\s*)?:\s"
    ),
    ", Nov 13 (Agency): The group claimed the blast.",
    "after",
    counter_example=", Kunar and Nuristan: three provinces",
)

# "Kabul (BNA) The group's leader ...": a place and the agency in brackets, then the lead's first word (the place,
# what follows it; after the start of a paragraph): a dateline without a date or a dash.
AGENCY_DATELINE = TextCue(
    "agency_dateline",
    re.compile(r"\s*\([A-Z][A-Za-z]{1,10}(?:/[A-Za-z]{2,10})?\)\s*[-–—:]?\s*[A-Z\"“‘']"),
    " (Agency) The group's leader was killed.",
    "after",
    counter_example=" (the capital) was hit.",
)

# The start of a paragraph: a line's start, past a stored page's date prefix where the text opens with one ("date
# 2022-05-08 ": the page store's format, declared with the texts it marks as `STORE_DATE_PREFIX`).
_PARAGRAPH_START = rf"(?:^|\n)[ \t]*(?:{STORE_DATE_PREFIX})?"

# What comes before a dateline's place: the start of a paragraph (`_PARAGRAPH_START`).
PARAGRAPH_OPENING = TextCue(
    "paragraph_opening",
    re.compile(rf"{_PARAGRAPH_START}$"),
    "Headline\n\n date 2022-05-08 ",
    "before",
    counter_example="The mosque in ",
)

# -------------------- group named

# Cheap test before looking for actors: could this sentence name the group at all?
# Every alternative opens with a literal character, so the engine skips ahead to candidates instead of trying each
# position; `I(?<!\wI)S` is `\bIS` (the letter, then "no word character before it").
# "12 members of the patrol", "the headquarters of the national army", "bases of the coalition": the presence word is
# another body's men or holding, named after it (before it, "Taliban members", `attribution.others_members`).
OTHERS_OWN_AFTER = TextCue(
    "others_own_after",
    re.compile(
        r"\s+of\s+(?:the\s+|a\s+|an\s+|his\s+|her\s+|their\s+)?(?:[\w-]+\s+){0,3}?(?:army|patrols?|police"
        r"|forces|troops|militias?|government|ministry|embassy|embassies|convoy|guards?|battalion|unit|soldiers"
        r"|military|coalition|NATO|Taliban|parliament|council|family|families|delegation|tribe|clan)\b",
        re.I,
    ),
    " of the Afghan National Army",
    "after",
    counter_example=" of the Islamic State in the province",
)

# "the Pakistan Army has doubled its presence", "Taliban forces increased their presence": the presence word is a
# state's or another force's, told with its possessive after the force (the group's own, "IS has expanded its
# presence", is kept).
OTHERS_PRESENCE_BEFORE = TextCue(
    "others_presence_before",
    re.compile(
        r"\b(?:army|forces|troops|police|military|soldiers|guards|government|authorities|Taliban|NATO|coalition)"
        r"\s+(?:(?:has|have|had|will|would|is|are|was|were)\s+)?(?:[\w-]+\s+){0,2}?(?:its|their)\s+$",
        re.I,
    ),
    "the Pakistan Army has doubled its ",
    "before",
    counter_example="the group has doubled its ",
)

# "fighters of the group have beheaded eight men", "the militants who overran the village", "three members were
# involved in kidnappings": the men named as the doers of a deed (the sentence tells the deed, an attack, not where
# the group's men are). The deed's verb, finite (after an auxiliary or "who"), in the clause after the men.
MEN_DOING_A_DEED_AFTER = TextCue(
    "men_doing_a_deed_after",
    re.compile(
        r"[^.;:,]{0,90}?\b(?:who|have|has|had|were|was)\s+(?:also\s+|reportedly\s+|allegedly\s+|then\s+)?"
        r"(?:beheaded|executed|killed|overran|overrun|stormed|abducted|kidnapped|massacred|looted|torched|ambushed"
        r"|involved\s+in\s+(?:[\w-]+\s+){0,2}?(?:kidnappings|killings|attacks|bombings|murders|abductions))\b",
        re.I,
    ),
    " loyal to the group have beheaded four villagers",
    "after",
    counter_example=" of the group are active in the district, where troops have killed two",
)

GROUP_HINT = TextCue(
    "group_hint",
    re.compile(
        r"I(?<!\wI)S|Daesh|Daish|Islamic\s+[Ss]tate|Khorasan|Khurasan|Wilaya|The\s+(?:terrorist\s+)?group|the\s+(?:terrorist\s+)?group"
        r"|The\s+terrorists|the\s+terrorists|The\s+organization|the\s+organization|I(?<!\wI)ts\s+(?:fighters|members)"
        r"|i(?<!\wi)ts\s+(?:fighters|members)"
    ),
    "The group claimed it.",
    "text",
    counter_example="Police closed the road.",
)

GROUP_REFERENCE = TextCue(
    "group_reference",
    re.compile(
        r"\b(?:the\s+(?:terrorist\s+)?group|the\s+terrorists|the\s+organization|its\s+(?:fighters|members))\b", re.I
    ),
    "The terrorist group said it was behind it.",
    "text",
    counter_example="Police closed the road.",
)

# "The suspects allegedly planned attacks for ISIS-K", "the detained men were members of the group": the people an
# arrest told before are tied to the group further on, the way an arrest report is written (the arrest first, the
# suspects' allegiance later, as a claim follows an attack). Read only in a sentence naming the group.
SUSPECTS_BACK = TextCue(
    "suspects_back",
    re.compile(
        r"\b(?:the|both|all|those)\s+(?:(?:two|three|four|five|six|seven|eight|nine|ten|\d+|other|arrested|detained"
        r"|alleged|accused|suspected)\s+){0,2}(?:suspects|detainees|accused|arrested|detained)\b",
        re.I,
    ),
    "The two suspects allegedly planned attacks for ISIS-K.",
    "text",
    counter_example="Police arrested two suspects after an ISIS-K attack.",
)

# "April 29, 2022: A bombing in X killed 50.", "- 3 May 2021 – ...": a line of a dated list (a timeline), at the
# start of a sentence. The items of one list share its heading: a timeline introduced as the group's attacks is the
# group's, item after item, though no item names it.
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]{0,6}\.?"
DATED_LIST_ITEM = TextCue(
    "dated_list_item",
    re.compile(rf"\s*(?:[-•*]\s*)?(?:{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{_MONTH}\s+\d{{4}})\s*[:–—]\s"),
    "April 29, 2022: A bombing in the city killed 50.",
    "after",
    counter_example="On April 29, 2022, a bombing in the city killed 50.",
)


# -------------------- claim

# "claimed both attacks", "was behind the two bombings": a claim of several attacks told before.
CLAIMS_SEVERAL = TextCue(
    "claims_several",
    re.compile(
        r"\b(?:both|all(?:\s+(?:three|four|five|the))?|the\s+(?:two|three|four|five)|these|those)\s+(?:\w+\s+)?"
        r"(?:attacks|bombings|blasts|explosions|assaults|strikes)\b",
        re.I,
    ),
    "The group claimed both attacks.",
    "text",
    counter_example="The group claimed the attack.",
)

# "No group has claimed the attack", "no one has yet claimed responsibility": the attack told before is unclaimed,
# and a claim further on is of another one.
# "IS-K claimed responsibility for the suicide bombing via its website", far into a report whose lead told the
# bombing: a claim naming the attack by its kind, as "the" one told, reaches back further than a bare claim
# (`attribution._CLAIM_OF_THE_REACH`).
CLAIM_OF_THE_ATTACK = TextCue(
    "claim_of_the_attack",
    re.compile(
        r"\b(?:claimed|claiming|claims?|took|taken|accepted)\s+(?:responsibility|credit)\s+for\s+the\s+(?:[\w-]+\s+){0,2}?"
        r"(?:attack|bombing|blast|explosion|assault|shooting|massacre)\b"
        r"(?!\s+(?:at|in|against|near)\b|\s+on\s+(?:a|an|the)\b)",  # (not one named by a target of its own)
        re.I,
    ),
    "The group claimed responsibility for the suicide bombing via its website.",
    "text",
    counter_example="The group claimed responsibility for the bombing in another city.",
)

UNCLAIMED = TextCue(
    "unclaimed",
    re.compile(
        r"\b(?:no|nobody|no[\s-]one|no\s+other)\s+(?:\w+\s+){0,3}?(?:has|had|have)?\s*(?:yet\s+|so\s+far\s+|immediately\s+)?"
        r"(?:claimed|taken\s+responsibility|took\s+responsibility|admitted)"
        # "was not immediately claimed", "has not yet been claimed"
        r"|\b(?:has|had|have|was|were|is|are)\s+not\s+(?:yet\s+|immediately\s+)?(?:been\s+)?claimed\b"
        # "There was no immediate claim of responsibility", "no claim has been made", "the attack remains unclaimed"
        r"|\bno\s+(?:immediate\s+|official\s+)?claims?\s+(?:of\s+responsibility\b|has\s+been\s+made|was\s+made)"
        r"|\b(?:remains?|remained|went|goes|was|were|is|are)\s+(?:so\s+far\s+|still\s+)?unclaimed\b",
        re.I,
    ),
    "No group has claimed the attack.",
    "text",
    counter_example="The group has claimed the attack.",
)

# "Separately, a roadside bomb killed two ...", "Earlier, a bomb attack on a similar rally in X killed four": a
# sentence opening on another attack than the one told before; the group named before (as that one's claimant) is
# not named for it.
SEPARATE_ATTACK = TextCue(
    "separate_attack",
    re.compile(
        r"\s*(?:(?:Separately|Elsewhere|In\s+(?:a\s+separate|another)\s+(?:attack|incident|bombing|blast"
        r"|explosion)(?:\s+(?:on|in|at)\s+[^,]{1,40})?),\s|Earlier,\s+an?\s)"
    ),
    "Separately, a roadside bomb killed two policemen in the south.",
    "text",
    # ("Earlier, officials said the blast killed 12": more of the attack told)
    counter_example="Earlier, officials said the blast killed two policemen.",
)

NEW_CLAIMED = TextCue(
    "new_claimed",
    re.compile(r"\s+for\s+(?:an?|another)\b", re.I),
    " for an attack in the west",
    "after",
    counter_example=" for the attack",
)

# "... in an attack on the shrine that was claimed by IS": a passive claim right after an attack the sentence tells
# anew (an indefinite article, a place) claims that attack, not one told before (as `NEW_CLAIMED` after the claim).
NEW_CLAIMED_BEFORE = TextCue(
    "new_claimed_before",
    re.compile(
        r"\b(?:an?|another)\s+(?:[\w'’-]+\s+){0,2}?(?:attacks?|bombings?|blasts?|explosions?|assaults?|shooting)"
        r"\s+(?:on|in|at|against)\s+(?:the\s+)?(?:[\w'’-]+\s+){1,4}?(?:that|which)\s+(?:was|were|had\s+been)\s+$",
        re.I,
    ),
    "13 people were killed in an attack on the Shah Cheragh shrine that was ",
    "before",
    counter_example="13 people were killed in the attack, which was ",
)

SAID_ON = TextCue(
    "said_on",
    re.compile(r"\b(?:said|says|told\s+\w+|announced|reported|added|stated|confirmed)\s+(?:on\s+)?$"),
    "officials said on ",
    "before",
    counter_example="officials said the blast came on ",
)
# "between March 3 and March 26", "from May 2 to May 9": two dates bounding one span, not two happenings' dates. The
# word opening the span stands before the first date ("before"); the joining word is all that stands between the
# two ("whole").
DATE_RANGE_OPENS = TextCue(
    "date_range_opens",
    re.compile(r"\b(?:between|from)\s+$", re.I),
    "clashed eight times between ",
    "before",
    counter_example="attacks in ",
)
DATE_RANGE_JOINS = TextCue(
    "date_range_joins",
    re.compile(r"\s*(?:and|to|until|till|through|[-\u2013])\s*", re.I),
    " and ",
    "whole",
    counter_example=" and in ",
)


# -------------------- background or earlier

# "..., a week after one of its bombers killed dozens in X", "came days after gunmen shot ...": a clause about an
# earlier happening (not "after the attack", which refers to one already told).
EARLIER_CLAUSE = TextCue(
    "earlier_clause",
    re.compile(
        r"(?:,\s*|\b(?:came|comes|happened|occurred|followed|was|were)\s+(?:just\s+|only\s+)?)"
        r"(?:(?P<n>a\s+few|several|an?|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+)?"
        r"(?P<unit>hours?|days?|weeks?|months?)\s+after\s+"
        r"(?!(?:the|this|that|these|those|its|their)\s+(?:\w+\s+){0,2}?(?:attacks?|bombings?|blasts?|explosions?|raids?"
        r"|operations?|strikes?|assaults?|incidents?|shootings?)\b)"
        # "It follows three attacks across the country on Thursday": other attacks, told as what this one follows
        r"|\b(?:follows|followed|comes\s+after|came\s+after|coming\s+after)\s+(?:(?:a\s+(?:series|spate|wave|string)\s+of"
        r"|two|three|four|five|six|several|multiple|similar|other|deadly|\d{1,2})\s+)+(?:[\w-]+\s+){0,2}?"
        r"(?:attacks|bombings|blasts|explosions|assaults|shootings)\b",
        re.I,
    ),
    "The blast came two days after gunmen stormed a school.",
    "text",
    counter_example="The blast came two days after the attack on the school.",
)

# "One day prior to the attack, he met officials who had come from Kabul", "after the blast, police sealed off the
# area": the attack just told, named only to time something else; the sentence tells no attack of its own there
# (`clauses.attack_only_referred_to`). Not "after the attack on the embassy", which may name another one.
TIMED_BY_THE_ATTACK = TextCue(
    "timed_by_the_attack",
    re.compile(
        r"\b(?:prior\s+to|before|after|following|ahead\s+of|since|in\s+the\s+(?:run-up\s+to|wake\s+of|aftermath\s+of))"
        r"\s+(?:the|this|that)\s+(?:[\w-]+\s+)?(?:attack|bombing|blast|explosion|assault)\b"
        r"(?!\s+(?:on|at|in|against|near|of)\b)",
        re.I,
    ),
    "One day prior to the attack, the governor met officials.",
    "text",
    counter_example="Two days after the attack on the embassy, gunmen struck again.",
)

# "The attack indicated that ISKP has a presence in Balkh", "the surrender signals the group's defeat in the north,
# leaving only its stronghold in X": the happening just told, named as a sign of something else the sentence tells
# (`clauses.attack_only_referred_to`).
ATTACK_AS_EVIDENCE = TextCue(
    "attack_as_evidence",
    re.compile(
        r"\b(?:the|this|that)\s+(?:[\w-]+\s+)?(?:attack|bombing|blast|assault|surrender|operation|raid|strike"
        r"|offensive|arrests?)\s+(?:\w+\s+)?"
        r"(?:showed|shows|indicated|indicates|demonstrated|demonstrates|suggested|suggests|proved|proves|revealed"
        r"|reveals|underlined|underlines|highlighted|highlights|signals|signalled|signaled)\b",
        re.I,
    ),
    "The attack furthermore indicated that the group has a presence in the north.",
    "text",
    counter_example="The attack killed four guards and showed no mercy.",
)

SINCE_BEFORE = TextCue(
    "since_before",
    re.compile(r"\b[Ss]ince\b[^,.;:]*$"),
    "the deadliest attack since the new rulers took power in ",
    "before",
    counter_example="the deadliest attack in ",
)

# "72 deaths since 2019", "since the start of the year", "so far this year": a tally over a period, no one
# happening's toll.
SINCE_TALLY = TextCue(
    "since_tally",
    re.compile(
        r"\bsince\s+(?:(?:early|late|mid-?)\s*)?(?:(?:January|February|March|April|May|June|July|August|September"
        r"|October|November|December)\s+)?(?:19|20)\d\d\b|\bsince\s+(?:the\s+)?(?:start|beginning)\s+of\b"
        r"|\bso\s+far\s+this\s+year\b",
        re.I,
    ),
    "The group's bombings have left 72 people dead since 2019.",
    "text",
    counter_example="The bombing left 72 people dead on Monday.",
)

# "across the country", "in several provinces", "nationwide": a happening told over the whole country, no one place.
NATIONWIDE = TextCue(
    "nationwide",
    re.compile(
        r"\b(?:across|throughout|all\s+over|around)\s+the\s+(?:country|nation)\b|\bnation-?wide\b"
        r"|\bin\s+(?:several|various|many|different|multiple|a\s+number\s+of)\s+(?:provinces|parts\s+of\s+the\s+country"
        r"|regions\s+of\s+the\s+country)\b",
        re.I,
    ),
    "Nearly 600 members of the group were detained in several parts of the country.",
    "text",
    counter_example="Nearly 60 members of the group were detained in the province.",
)

# "Explosions and clashes were reported in X", "gunfire was heard in X": a happening told by what was heard, with no
# doer; the next sentence may say whose it was ("The Taliban said their forces killed two of the group's men").
NO_DOER_HEARD = TextCue(
    "no_doer_heard",
    re.compile(
        r"\b(?:explosions?|blasts?|gunfire|gunshots|shooting|clashes|firing|fighting)"
        r"(?:\s+and\s+(?:explosions?|blasts?|gunfire|gunshots|shooting|clashes|firing|fighting))?"
        r"\s+(?:were|was|have\s+been|had\s+been)\s+(?:also\s+)?(?:reported|heard)\b",
        re.I,
    ),
    "Explosions and gunfire were heard in the city on Sunday night.",
    "text",
    counter_example="A suicide bomber of the group struck a mosque in the city on Sunday night.",
)

# "bases in the eastern province", "the restive southern province": a province named by its description only, the
# one named just before (`isk_atlas.events.placing.described_provinces`). Not when its name follows ("the eastern
# province of Nangarhar": that name is the mention).
DESCRIBED_PROVINCE = TextCue(
    "described_province",
    re.compile(
        r"\bthe\s+(?:(?:restive|volatile|troubled|mountainous|remote|same)\s+)?"
        r"(?P<direction>(?:north|south)-?(?:east|west)|north|south|east|west)(?:ern)?\s+province\b"
        r"(?!\s+of\b|\s*,\s*(?-i:[A-Z]))",
        re.I,
    ),
    "The group still has bases in the eastern province.",
    "text",
    counter_example="The group still has bases in the eastern province of Nangarhar.",
)

# "..., before being moved to Balkh last year", "after having served in Kunar": an aside about a person's past.
ASIDE = TextCue(
    "aside",
    re.compile(r",\s*(?:before|after)\s+(?:being|having)\s+\w+"),
    "He led a cell in the east, before being moved to the north.",
    "text",
    counter_example="He was moved before the attack.",
)

# "The group holds bases in X, where troops raided its camps", "... in X; forces arrested two men in Y", "... in X,
# and has spread into Y": where one clause of a sentence ends and another with its own verb begins (each clause may
# tell a happening of its own; the break is the match, or its group `cut` where it has one). Not ", which": a
# relative clause tells more of what was just named.
CLAUSE_BREAK = TextCue(
    "clause_break",
    re.compile(
        r";\s*|,\s*(?=(?:where|while|whereas)\s)|,\s*(?=and\s+(?:has|have|had|is|are|was|were)\s)"
        # "Despite a campaign against its bases in X, the group has spread into Y": a fronted clause, then the main one
        r"|^(?:Despite|Although|Though)\b[^,;]{1,200}(?P<cut>,\s*)",
        re.I,
    ),
    "The group holds bases in the east, where troops raided its camps.",
    "text",
    counter_example="The bombing, which killed ten people, hit a market.",
)

# "ISIS-K, which killed 145 people at a concert hall in X in March, also claimed a bombing in Y": a relative clause
# on the group tells a happening of its own; it ends at the comma before the main verb (`clauses.clause_spans` cuts
# there, the group's name staying with the clause it is the subject of).
GROUP_RELATIVE = TextCue(
    "group_relative",
    re.compile(
        r"\b(?:ISIS-K|ISKP|IS-K|IS-KP|Daesh|ISIS|IS|Islamic\s+State(?:\s+Khorasan(?:\s+Province)?)?|[Tt]he\s+group)"
        r"\s*,\s*(?:which|who)\s[^;,]{5,160}(?P<cut>,\s*)(?=(?:also|has|have|had|later|then|now|claimed|said)\b)"
    ),
    "ISIS-K, which killed 145 people at a concert hall in March, also claimed a bombing in the capital.",
    "text",
    counter_example="The bombing, which killed ten people, hit a market.",
)

# "ISIS-K has claimed several attacks in Kabul", "killed in attacks ... in the past two months": a tally or
# background of many happenings, not one event (unless the sentence dates one to the day).
GENERIC_PLURAL = TextCue(
    "generic_plural",
    re.compile(
        # "were involved in some 'minor blasts' in Kabul": a record of the suspects, not one event
        r"\b(?:involved\s+in|responsible\s+for|behind)\s+(?:(?:planning|plotting|organi[sz]ing|masterminding)\s+)?"
        r"(?:some|several|many|numerous|a\s+number\s+of|a\s+series\s+of"
        r"|a\s+string\s+of)\s+(?:\W?[\w-]+\W?\s+){0,2}?\W?(?:attacks|blasts|bombings|explosions|killings)\b|"
        r"\b(?:has|have|had)\s+(?:\w+\s+){0,2}?(?:claimed|conducted|carried\s+out|launched|staged|mounted|been\s+"
        r"(?:behind|responsible\s+for|targeted\s+in|involved\s+in))\s+(?:responsibility\s+for\s+)?(?:several|numerous|many"
        r"|multiple|countless|repeated|frequent|a\s+(?:number|series|string|spate|wave|rash)\s+of|dozens\s+of|scores\s+of"
        r"|hundreds\s+of)\s+(?:[\w-]+\s+){0,3}?(?:attacks|bombings|blasts|explosions|kidnappings|killings|assaults|strikes"
        r"|raids|operations|incidents)\b"
        # "has launched attacks on Jalalabad and Kabul": a bare plural in the perfect tells a record, not one event
        r"|\b(?:has|have)\s+(?:also\s+|since\s+|repeatedly\s+|already\s+)?(?:claimed|conducted|carried\s+out|launched"
        r"|staged|mounted)\s+(?:(?!(?:two|three|four|five|six|seven|eight|nine|ten|\d+)\b)[\w-]+\s+)?(?:attacks|bombings"
        r"|assaults)\b"
        r"|\b(?:attacks|bombings|blasts|explosions|killings|raids|operations)\b[^.;]{0,80}?\b(?:in|over|during|for)\s+"
        r"(?:the\s+)?(?:past|last|recent|previous)\s+(?:(?:few|several|two|three|four|five|six|\d+)\s+)?"
        r"(?:days|weeks|months|years|decades?)\b|\b(?:killings|kidnappings|attacks)\b[^.;]{0,80}?\bin\s+the\s+past\b"
        # "The number of bombings and suicide attacks has reduced", "dozens of bombs have been set off in X", "continued
        # to conduct deadly attacks on civilians": a count or a habit, not one happening
        r"|\bthe\s+number\s+of\s+(?:[\w-]+\s+){0,2}?(?:attacks|bombings|blasts|explosions|killings)\b"
        r"|\b(?:dozens|scores|hundreds)\s+of\s+(?:[\w-]+\s+){0,2}?(?:attacks|bombs|bombings|blasts|explosions)\b"
        r"|\bcontinu(?:ed|es|e)\s+to\s+(?:conduct|carry\s+out|launch|stage|mount)\s+(?:[\w-]+\s+){0,2}?"
        r"(?:attacks|bombings|assaults)\b"
        # "has managed to carry out high-profile attacks", "have stepped up their attacks": what the group has
        # been able to do, or a trend, not one happening
        r"|\b(?:has|have|had)\s+(?:\w+\s+)?(?:managed|been\s+able|tried)\s+to\s+(?:conduct|carry\s+out|launch|stage"
        r"|mount)\s+(?:[\w-]+\s+){0,2}?(?:attacks|bombings|assaults)\b"
        # "the group regrouped in cities, carrying out bombings in X, Y and Z": bare plural after a participle, a
        # series told in passing
        r"|\b(?:carrying\s+out|conducting|staging|launching|mounting)\s+(?:(?:deadly|major|suicide|bomb|gun)\s+)?"
        r"(?:attacks|bombings|assaults)\s+(?:in|on|against|across)\b"
        # "the group frequently stages gun and bomb attacks", "regularly carries out attacks on X": a habit
        r"|\b(?:frequently|regularly|often|routinely|repeatedly|usually|periodically)\s+(?:stages?|carr(?:y|ies)\s+out"
        r"|conducts?|launch(?:es)?|mounts?|claims?)\s+(?:[\w-]+\s+){0,3}?(?:attacks|bombings|assaults)\b"
        r"|\b(?:stepped\s+up|intensified|increased|escalated|ramped\s+up|reduced|decreased)\s+(?:its|their|the)\s+"
        r"(?:[\w-]+\s+){0,2}?(?:attacks|bombings|assaults)\b"
        # "drone strikes and raids had killed a third of its fighters", "strikes have weakened the group": what a
        # campaign achieved, not one operation; a count killed is one ("strikes have killed 12 fighters in X"), a
        # share of the force is not
        r"|\b(?:strikes|operations|raids)\b[^.;]{0,60}?\b(?:have|had)\s+(?:\w+\s+)?(?:reduced|cut|weakened"
        r"|degraded|decimated|killed\s+(?:about\s+|nearly\s+|almost\s+|roughly\s+|some\s+|more\s+than\s+)?"
        r"(?:an?\s+|one\s+)?(?:third|quarter|half|fifth|tenth|most|much|many|majority|\d+\s*(?:%|per\s*cent))\s+of)\b",
        re.I,
    ),
    "The group has carried out several deadly attacks in the city.",
    "text",
    counter_example="The group has claimed the attack on the bridge.",
)

SUMMARY_COUNT = TextCue(
    "summary_count",
    re.compile(
        r"\b(?:two|three|four|five|several|multiple|many|numerous|\d+)\s+(?:\w+\s+)?(?:attacks|occasions|times)\b", re.I
    ),
    "three rocket attacks from the north",
    "text",
    counter_example="a rocket attack from the north",
)

# A tally that names one of its attacks: "many attacks, including an attack on X"; the same told by singling one
# out, "blasts for months, the worst of which was a bombing at X", "several attacks, one of them a bombing of Y":
# the attack named is a happening of its own.
INCLUDING = TextCue(
    "including",
    re.compile(
        r"\b(?:including|among\s+them|such\s+as"
        r"|(?:the\s+(?:\w+est|worst|most\s+\w+|last|first)|one)\s+of\s+(?:which|them|these|those)"
        r"(?:\s+(?:was|were|is|being|came))?)\s*,?\s+(?:an?|the|one|two|a\s+twin)\b",
        re.I,
    ),
    "many attacks, including an attack on a school",
    "text",
    counter_example="many attacks on schools",
)

# "an attack on the Pakistani embassy", "a bombing of a bus": one attack of a list, and what it hit.
LISTED_ATTACK = TextCue(
    "listed_attack",
    re.compile(
        r"\b(?:an?|the)\s+(?:(?:suicide|deadly|rocket)\s+)?(?:attack|bombing|assault|strike)\s+(?:on|of|against|at)\s+"
        r"(?P<what>[^,;.]+?)(?=\s*(?:,|;|\.|$)|\s+and\s+(?:an?|the)\s+(?:(?:suicide|deadly|rocket)\s+)?(?:attack|bombing"
        r"|assault|strike)\b)"
    ),
    "an attack on the ministry, and a bombing of a bus.",
    "text",
    counter_example="The attackers fled.",
)

PAST_PERIOD = TextCue(
    "past_period",
    re.compile(
        r"\b(?:over|in|during|within)\s+the\s+(?:past|last)\s+(?P<n>two|three|four|five|six|\d{1,2})\s+(?P<unit>days|weeks"
        r"|months)\b",
        re.I,
    ),
    "over the past two months",
    "text",
    counter_example="over the past year",
)

# "4,000 fighters in Afghanistan, with a strong presence in X and Y", "the number of its fighters in Afghanistan has
# risen to 3,000 fighters, half of them in X": the count is a report on the whole country.
COUNT_IN = TextCue(
    "count_in",
    re.compile(
        r"(?:\b\d[\d,]*\s+(?:\w+\s+){0,2}|\b(?:number|strength)\s+of\s+(?:[\w-]+\s+){0,2})(?:fighters|members|militants)\b"
        # ("4,000 to 6,000 fighters and family members in ")
        r"(?:\s+\w+){0,3}\s+(?:in|across|inside)\s+(?:the\s+)?$"
    ),
    "about 4,000 fighters in ",
    "before",
    counter_example="several fighters in ",
)

# "have raised concerns that", "fears that": what someone worries about, not a report of the group there.
CONCERN = TextCue(
    "concern",
    re.compile(r"\b(?:concerns?|fears?|worries|worried|warn(?:ed|s|ing)?)\s+that\b", re.I),
    "Officials raised concerns that the group is growing.",
    "text",
    counter_example="Officials said the group is growing.",
)

# "recruits travelled to Afghanistan", "had gone to Syria": people who came to a country from abroad (the foreign
# fighters a country-level presence report is about), not a statement that the group is there.
CAME_TO_THE_COUNTRY = TextCue(
    "came_to_the_country",
    re.compile(
        r"\b(?:travel{1,2}ed|went|gone|moved|relocated|arrived|made\s+(?:their|his|her)\s+way)\s+(?:back\s+)?"
        r"(?:to|in|into)\s+(?:the\s+)?[A-Z]\w+"
    ),
    "Some of the recruits travelled to Afghanistan to join the group.",
    "text",
    counter_example="The group has recruited fighters across Afghanistan.",
)

# "about 4,000 fighters", "6,500 members": a strength figure.
FIGHTER_FIGURE = TextCue(
    "fighter_figure",
    re.compile(r"\b\d[\d,]*\s+(?:\w+\s+){0,2}(?:fighters|members|militants|men|terrorists)\b"),
    "about 4,000 fighters",
    "text",
    counter_example="four fighters",
)

# "the group's camps in X", "a cell in X", "its leaders based in X", "recruiting in X", "2,000 fighters in X": what
# makes a presence report below country level abroad. Beyond Afghanistan news names the group's men in a province
# or city mostly as the doers or targets of a happening there, the road they travelled or another group's history
# ("militants killed policemen in X", "members fled to X"); a presence there is told by a base, camp, cell, hideout,
# leaders, training, recruitment or a strength figure (corpus conventions; issue 17). Read by
# `placing.places_abroad`.
FOOTHOLD = TextCue(
    "foothold",
    re.compile(
        r"\b(?:bases?|camps?|cells?|hideouts?|safe\s+havens?|strongholds?|headquarter(?:s|ed)|training|leaders?"
        r"|leadership|commanders?|recruit(?:s|ed|ing|ment|ers?)?)\b"
        r"|\b\d+(?:,\d{3})*\s+(?:\w+\s+){0,2}(?:fighters|members|militants|men|terrorists)\b",  # (not "In 2021, men")
        re.I,
    ),
    "The group runs two training camps in the province.",
    "text",
    counter_example="Militants of the group fled to the province years ago.",
)

# "600 ISIS terrorists were arrested", "they killed its leaders and up to 300 of their fighters": the figure counts
# those an operation took, not the group's strength.
FIGURE_OF_A_HAPPENING = TextCue(
    "figure_of_a_happening",
    re.compile(
        r"\b\d[\d,]*\s+(?:\w+\s+){0,2}(?:fighters|members|militants|men|terrorists)\s+(?:\w+\s+)?(?:were|have\s+been|had\s+been)"
        r"\s+(?:\w+\s+)?(?:arrested|detained|killed|captured|surrendered|released|freed)\b"
        # a headline's count: "At least 16 IS militants dead", "12 Daesh fighters killed in X"
        r"|\b\d[\d,]*\s+(?:[\w-]+\s+){0,2}(?:fighters|members|militants|men|terrorists)\s+(?:dead|killed|arrested|detained"
        r"|captured|held)\b"
        r"|\b(?:killed|killing|arrested|detained|captured|eliminated)\s+(?:[\w-]+\s+){0,10}?(?:(?:up\s+to|at\s+least|about"
        r"|some|more\s+than|over|nearly|around)\s+)?\d[\d,]*\s+(?:\w+\s+){0,2}(?:fighters|members|militants|men"
        r"|terrorists)\b"
    ),
    "600 militants were arrested",
    "text",
    counter_example="600 militants are active",
)

# "held with a dozen of his men", "300 members were detained", "carrying out 20 to 25 raids", "a single strike
# against the group": a count of the people or operations a happening took; it makes a happening told only at
# country level a specific one (issue 17).
COUNT_OF_A_HAPPENING = TextCue(
    "count_of_a_happening",
    re.compile(
        r"\b(?:\d[\d,]*|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|dozens|scores|hundreds|thousands)"
        r"\s+(?:[\w-]+\s+){0,3}?(?:men|members|militants|fighters|terrorists|insurgents|suspects|people|commanders"
        r"|leaders|operations|raids|strikes|hideouts|sanctuaries|bases|camps|cells|times)\b"
        r"|\b(?:one|a\s+single)\s+(?:[\w-]+\s+)?(?:attack|strike|raid|operation)\b",
        re.I,
    ),
    "the commander was held with 12 of his men",
    "text",
    counter_example="the Taliban took the country on August 15 and went after the group's men",
)

# Every alternative of _GENERIC_PLURAL names the happenings by one of these plurals (a test checks it): a sentence
# holding none of them (lower-cased) is not read by the pattern.
GENERIC_PLURAL_NOUNS: tuple[str, ...] = (
    "attacks", "blasts", "bombings", "bombs", "explosions", "killings", "kidnappings", "assaults", "strikes", "raids",
    "operations", "incidents",
)  # fmt: skip


# -------------------- dateline and lead

# "KABUL, Oct 13 (Reuters) -", "MAZAR-I-SHARIF, March 9 (2023) -": place in capitals, date, dash.
DATELINE = TextCue(
    "dateline",
    re.compile(
        r"[A-Z][A-Z.'\- ]{2,40}(?:,\s*[A-Z][A-Za-z]+)?,\s*"
        r"(?P<date>(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8})(?:,?\s+\d{4})?)(?:\s*\((?P<year>\d{4})\))?\s*(?:\([^)]{1,40}\)\s*)?[-–—]"
    ),
    "KABUL, Oct 13 (Agency) - A blast hit the city.",
    "after",
    counter_example="Kabul is a city.",
)

# What follows the place of a dateline: its date, the agency, a dash ("Kabul, 3 August 2020 (dpa/MIA) –").
DATED_DATELINE = TextCue(
    "dated_dateline",
    re.compile(
        r",\s*(?:\d{1,2}\s+[A-Z][a-z]{2,8}|[A-Z][a-z]{2,8}\.?\s+\d{1,2})(?:,?\s+\d{4})?\s*(?:\([^)]{1,40}\)\s*)?[-–—]"
    ),
    ", 3 August 2020 (Agency) – A blast hit the city.",
    "after",
    counter_example=", a city in the east",
)

# "HERAT, Afghanistan: Taliban units ...", "KABUL, Afghanistan (AP) —": a dateline's city in capitals opening a
# paragraph, then its country; the country is the dateline's too (where the reporter was), not the event's place.
DATELINE_CITY_BEFORE = TextCue(
    "dateline_city_before",
    re.compile(_PARAGRAPH_START + r"[A-Z][A-Z.'\- ]{2,40},\s*$"),
    "Headline\n\nHERAT, ",
    "before",
    counter_example="The clash erupted in HERAT, ",
)

# What ends a dateline's place: a dash, a bracket (the agency), a comma (the date) or a colon.
DATELINE_PLACE_ENDS = TextCue(
    "dateline_place_ends",
    re.compile(r"\s*(?:[—–(,]|--?\s)|:\s"),
    ": Taliban units clashed with",
    "after",
    counter_example=" when the fighters cornered them",
)

# "PublishDate: Tuesday, November 16, 2021 11:01", "Updated: 12 May 2023": a page's label line, not a headline.
LABEL_LINE = TextCue(
    "label_line",
    re.compile(r"[\w ]{1,20}:\s*(?:\d|Mon|Tue|Wed|Thu|Fri|Sat|Sun|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"),
    "Updated: 12 May 2023",
    "after",
    counter_example="Blast kills five in the capital",
)

YEAR = TextCue(
    "year",
    re.compile(r"\b(?:19|20)\d\d\b"),
    "This story is from 2017",
    "text",
    counter_example="It was 300 years ago",
)

# Words that say a happening is recent news, when no date can be read from them.
RECENT = TextCue(
    "recent",
    re.compile(
        r"\b(?:today|tonight|yesterday|overnight|last\s+night|this\s+(?:morning|afternoon|evening|week)"
        r"|(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))\b"
        # "says that it has arrested ...": the present perfect of a lead is the news of the day
        r"|\b(?:has|have)\s+(?:just\s+)?(?:been\s+)?(?:arrested|detained|captured)\b"
    ),
    "A blast hit the city overnight.",
    "text",
    counter_example="A blast hit the city in May.",
)


# -------------------- place is not the event's

# "In Kabul, a Taliban spokesman condemned the attack": a place fronted as where a reaction came from (its
# speaker's), not where the happening was (`FRONTED_IN_BEFORE` and `REACTION_AFTER` together; not "In Kabul, police
# said a bomb killed two", where it often is).
FRONTED_IN_BEFORE = TextCue(
    "fronted_in_before",
    re.compile(r"(?:^|[.!?]\s+|\n\s*)In\s+(?:the\s+)?$"),
    "The blast killed six. In ",
    "before",
    counter_example="The blast killed six people in ",
)
REACTION_AFTER = TextCue(
    "reaction_after",
    re.compile(
        r",\s+(?:an?\s+|the\s+|its\s+)?(?:[\w’'-]+\s+){0,3}?(?:condemned|denounced|mourned|welcomed|rejected|denied"
        r"|offered\s+condolences|expressed|deplored|voiced)\b",
        re.I,
    ),
    ", a Taliban spokesman condemned the attack",
    "after",
    counter_example=", a roadside bomb killed two policemen",
)

# Places inside names of sources, organisations or people ("Kabul-based agency", "Nangarhar Provincial
# Council") are not where something happened.
NOT_EVENT_PLACE_AFTER = TextCue(
    "not_event_place_after",
    re.compile(
        r"^(?:-based|\s+(?:Provincial\s+Council|University|news|TV|Radio|Times|Post|government|regime|administration)"
        r"|\s+reported|\s+(?:police|officials)\s+(?:said|reported)"
        # "Naggar noted that ...": a name that speaks is a person, whatever village shares it.
        r"|(?P<speaks>\s+(?:said|says|noted|added|concluded|stated|told|explained|warned|argued|believes|wrote)\b))",
        re.IGNORECASE,
    ),
    "-based agency",
    "after",
    counter_example=" province on Monday",
)

# "police in the northern city of Kunduz said": a place named as where the speakers are (a name that speaks, a
# person, stands bare: "Naggar said").
SPEAKER_PLACE_BEFORE = TextCue(
    "speaker_place_before",
    re.compile(
        r"\b(?:police|officials?|authorities|spokes(?:man|woman|person)|sources|residents|witnesses)\s+"
        r"(?:in|of|from)\s+(?:the\s+)?(?:[a-z]+ern\s+)?(?:(?:city|province|district|town)\s+of\s+)?$",
        re.I,
    ),
    "Police in the northern city of ",
    "before",
    counter_example="the poet ",
)

# "Tajik border guards raided ...", "the Afghan-Uzbek border police": a border before those who guard it names a
# force, not where the happening was.
BORDER_FORCE_AFTER = TextCue(
    "border_force_after",
    re.compile(r"^\s+(?:guards?|police|forces|troops|service|units)\b", re.IGNORECASE),
    " guards raided a house on Monday",
    "after",
    counter_example=" on Monday",
)

# "north of Kabul", "one week after the attack in Kunduz", "taken to hospitals in Jamshoro and Hyderabad": the place
# locates something else.
NOT_EVENT_PLACE_BEFORE = TextCue(
    "not_event_place_before",
    re.compile(
        # "west of Kabul", "180 kilometers west of the capital Kabul": a point of reference, not the place
        # "the Taliban shadow governor in Sar-e-Pul": where an insurgent holds a post, not where the event happened (a
        # governor's own province is often the event's: "the governor of Nangarhar said" is kept)
        r"\bshadow\s+governor\s+(?:in|of|for)\s+|"
        # "Emomali Rahmon, the President of Tajikistan, said": a national office names the holder's country, not where
        # anything happened (a governor's province often is: "the governor of Nangarhar said" is kept)
        r"\b(?:president|prime\s+minister|foreign\s+minister|defen[cs]e\s+minister|king|ambassador|envoy)\s+of\s+(?:the\s+)?|"
        r"(?:"
        # "arrived via Dubai and Tehran airports", "transited through X": the road taken, not where it happened
        r"\b(?:via|transit(?:ed|ing)?\s+(?:through|via))\s+(?:the\s+)?(?:(?-i:[A-Z][\w’'-]*)(?:\s+(?-i:[A-Z][\w’'-]*))?"
        r"(?:,\s+|\s+(?:and|or)\s+))*|"
        # "the province of Kunar, which neighbours Nangarhar", "a district bordering Pakistan": the neighbour
        # locates the place named before it
        r"\b(?:which|that)\s+(?:neighbou?rs|borders)\s+(?:the\s+)?(?:province\s+of\s+)?|"
        r"\b(?:bordering|adjacent\s+to)\s+(?:the\s+)?(?:province\s+of\s+)?|"
        # "Jarkuduk, in Jowzjan on the border with the province of Faryab": the neighbour locates the place before
        r"\bon\s+the\s+border\s+(?:with|of)\s+the\s+(?:province|district)\s+of\s+|"
        r"\b(?:north|south|east|west|northeast|northwest|southeast|southwest)\s+of\s+"
        r"(?:the\s+(?:\w+\s+)?(?:capital|city)(?:,?\s+|\s+of\s+))?|"
        r"\b(?:taken|shifted|moved|rushed|transferred|airlifted|evacuated|brought)\s+to\s+(?:the\s+|a\s+)?"
        r"(?:(?:nearby|main|military|city|provincial|regional|district)\s+)?hospitals?\s+in\s+(?:[\w-]+(?:,\s*|\s+and\s+))?|"
        r"\b(?:after|before|since)\s+the\s+(?:\w+\s+){0,2}(?:attack|bombing|blast|explosion)s?\s+(?:\w+\s+){0,4}"
        r"(?:in|on|at)\s+(?:\w+\s+){0,2}|"
        # "detained in X and brought to the capital, Dushanbe", "flown to Kabul": where the detained or the wounded
        # were taken afterwards, not where it happened
        r"\b(?:brought|taken|transferred|flown|handed\s+over)\s+to\s+(?:the\s+(?:\w+\s+)?(?:capital|city)(?:,\s*|\s+of\s+|\s+))?"
        r")$",
        re.IGNORECASE,
    ),
    "180 kilometers west of ",
    "before",
    counter_example="a mosque in ",
)

# Afghanistan named to say what the group is, not where its deed happened: "Islamic State Khorasan, the group's
# branch in Afghanistan", "ISIS-K, which is based in Afghanistan" (before the name), "the Afghanistan chapter of
# the Islamic State" (after it). Where the sentence names another country, the happening is there (an attack in
# Pakistan, an arrest in Germany), never in Afghanistan because of the group's home (`draft.group_home`). A country
# inside the group's name ("the Islamic State's Afghanistan branch", `GROUP_HOME_AFTER`) places no attack or arrest
# even where the sentence names nothing else (`draft.places_of_the_happening`).
GROUP_HOME_BEFORE = TextCue(
    "group_home_before",
    re.compile(
        r"\b(?:branch|affiliate|chapter|wing|offshoot|franchise|arm|faction|cells?)\s+(?:\w+\s+){0,2}?(?:in|of)\s+$"
        r"|\b(?:based|headquartered|rooted|active|operating|operates)\s+(?:\w+\s+){0,2}?in\s+(?:neighbou?ring\s+)?$",
        re.IGNORECASE,
    ),
    "the group's branch in ",
    "before",
    counter_example="a blast in ",
)

GROUP_HOME_AFTER = TextCue(
    "group_home_after",
    re.compile(r"(?:-|\s+)(?:branch|affiliate|chapter|wing|offshoot|franchise|faction)\b", re.IGNORECASE),
    " chapter of the group",
    "after",
    counter_example=" province",
)

# "the Islamic State of Iraq and Syria", "the Islamic State of Iraq and the Levant": countries inside the name of
# the group's parent, which places nothing ("arrested members of the Islamic State of Iraq and Syria" in Germany).
GROUP_NAME_BEFORE = TextCue(
    "group_name_before",
    re.compile(r"\bIslamic\s+State\s+(?:of|in)\s+(?:Iraq\s+and\s+(?:the\s+|al[\s-]?)?)?$", re.IGNORECASE),
    "police arrested members of the Islamic State of Iraq and ",
    "before",
    counter_example="members of the Islamic State were arrested in ",
)

# "Zarghoon Road", "Jalalabad Road", "Pashtunistan Square", "the Kabul Hotel": a street, square or hotel named after
# a place is not in it (a road is named after the town it leads to). Another place the sentence names (the town
# the street is in) is where the happening was.
NAMED_AFTER_A_PLACE = TextCue(
    "named_after_a_place",
    re.compile(r"[\s-]+(?:Road|Street|Avenue|Boulevard|Lane|Square|Chowk|Hotel)\b"),
    " Road in the city",
    "after",
    counter_example=" province",
)

# "the man behind the attack at the airport", "suspected of involvement in the bombing in X": where the attack a
# suspect is linked to happened, not where an arrest or raid was.
LINKED_ATTACK_BEFORE = TextCue(
    "linked_attack_before",
    re.compile(
        r"\b(?:behind|masterminds?\s+(?:of|behind)|masterminded|carried\s+out|committed|perpetrated|perpetrators?\s+of"
        r"|involved\s+in|involvement\s+in|responsible\s+for|accused\s+(?:of|over|in)|suspected\s+(?:of|over|in)"
        r"|charged\s+(?:over|with|in)|convicted\s+(?:of|over|in)|linked\s+to|connected\s+(?:to|with)"
        r"|connection\s+with|relation\s+to|related\s+to|role\s+in|part\s+in)"
        r"\s+(?:[\w'’-]+\s+){0,5}?(?:attacks?|bombings?|blasts?|explosions?"
        r"|assaults?|massacre|shooting|killings?|plots?)\s+(?:[\w'’-]+\s+){0,3}?(?:at|in|on|near|against|of)\s+"
        r"(?:the\s+)?(?:[\w'’-]+\s+){0,2}?$",
        re.I,
    ),
    "police arrested the man behind the deadly attack at the ",
    "before",
    counter_example="police arrested the man at the ",
)

# "arrested members of a cell in X who were planning bombings during ceremonies in Y": Y is where the planned attack
# was to be, not where the operation was when the sentence names another place for it.
PLANNED_TARGET_BEFORE = TextCue(
    "planned_target_before",
    re.compile(
        r"\b(?:plann(?:ed|ing)|plott(?:ed|ing)|prepar(?:ed|ing))\s+(?:[\w'’-]+\s+){0,5}?(?:attacks?|bombings?|blasts?"
        r"|explosions?|assaults?)\s+(?:[\w'’-]+\s+){0,4}?(?:at|in|on|near|against)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,2}?$",
        re.I,
    ),
    "who were planning bombings during religious ceremonies in ",
    "before",
    counter_example="who were arrested during religious ceremonies in ",
)

# "He was responsible for the attacks on the embassies in X and a mosque in Y": the record of the men an operation
# took, told after it (`isk_atlas.events.extract`: undated, no events of their own).
MEN_BEHIND_ATTACKS = TextCue(
    "men_behind_attacks",
    re.compile(
        r"\b(?:he|she|they|who|commander|leader|chief|suspects?|men|man|militants?|members?)\b[^.;]{0,60}?"
        r"\b(?:was|were|had\s+been|has\s+been|is|are)\s+(?:also\s+|allegedly\s+|reportedly\s+)?"
        r"(?:responsible\s+for|behind|involved\s+in|accused\s+of)\b",
        re.I,
    ),
    "The commander was responsible for the attacks on two embassies in the capital.",
    "text",
    counter_example="The group was responsible for the attack on the embassy in the capital.",
)

# "the mastermind behind the Kabul airport bombing", "involved in the Moscow attack": the place names the attack.
LINKED_ATTACK_NAMED = TextCue(
    "linked_attack_named",
    re.compile(
        r"\b(?:behind|masterminds?\s+(?:of|behind)|masterminded|carried\s+out"
        r"|involved\s+in|involvement\s+in|responsible\s+for|accused\s+(?:of|over|in)|suspected\s+(?:of|over|in)"
        r"|charged\s+(?:over|with|in)|convicted\s+(?:of|over|in)|linked\s+to|connected\s+(?:to|with)"
        r"|connection\s+with|relation\s+to|related\s+to|role\s+in|part\s+in)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,3}?$",
        re.I,
    ),
    "arrested the mastermind behind the deadly ",
    "before",
    counter_example="arrested the mastermind in ",
)

# What follows a place that names an attack ("the Kabul airport bombing").
ATTACK_NAMED_BY_PLACE = TextCue(
    "attack_named_by_place",
    re.compile(
        r"(?:\s+|-)(?:[\w'’-]+\s+)?(?:attacks?|bombings?|blasts?|explosions?|assaults?|massacre|shooting"
        r"|killings?|plots?)\b",
        re.I,
    ),
    " airport bombing",
    "after",
    counter_example=" on Monday",
)

# Between the place of an attack a suspect is linked to and a date told with it, either way round: "the attack at
# X on March 22", "the March 22 attack at X" date the attack; "... at X was arrested in Germany on 3 March" does not.
LINKED_ATTACK_DATE = TextCue(
    "linked_attack_date",
    re.compile(
        r"[\s,]*(?:(?:on|in)\s+)?|\s+(?:[\w'’-]+\s+){0,2}?(?:attacks?|bombings?|blasts?|explosions?|assaults?"
        r"|shooting)\s+(?:at|in|on|near)\s+(?:the\s+)?",
        re.I,
    ),
    " on ",
    "whole",
    counter_example=" was arrested in Germany on ",
)

# "Daesh members from Tajikistan, Iran and Kurdistan", "a former member from Farah province", "eight individuals
# from Tajikistan", "a 30-year-old from Kyrgyzstan" (a person told by age), "citizens of Uzbekistan", "he had moved
# from the western Herat province": where people come from, not where something happened.
PEOPLE_FROM = TextCue(
    "people_from",
    re.compile(
        r"\b(?:members?|fighters?|militants?|extremists?|jihadists?|terrorists?|insurgents?|nationals?|citizens?"
        r"|recruits?|commanders?|men|women|families|individuals|people|persons|suspects|migrants|immigrants|workers"
        r"|[\w-]+-year-olds?)\s+"
        r"(?:\w+\s+)?from\s+(?:(?:[A-Z][\w’'\-]*|and)\s*,?\s*){0,8}$"  # (names only: not "men from the group in X")
        r"|\b(?:citizens?|nationals?|natives?)\s+of\s+(?:the\s+)?$"
        # "the bomber, an Afghan from X", "a Tajik man from X": a person named by nationality, and where from
        r"|\ban?\s+(?-i:[A-Z][a-z]+)\s+(?:(?:man|woman|youth|teenager|national|citizen)\s+)?from\s+(?:the\s+)?$"
        r"|\b(?:moved|fled|relocated|travell?ed|hails?|hailing|originally)\s+from\s+(?:the\s+)?"
        r"(?:(?:[a-z]+ern|neighbou?ring|nearby)\s+)?$"
        # "arrested after a tip-off from X": where the word came from, not where it happened
        r"|\b(?:tip-?offs?|tips?|intelligence|information|warnings?)\s+(?:\w+\s+)?from\s+(?:the\s+)?"
        r"(?:(?:[a-z]+ern|neighbou?ring)\s+)?$"
    ),
    "the group's members from Tajikistan, Iran and ",
    "before",
    counter_example="men from the group in ",
)

# What it declares: a place named, in an article, as where an event's doers came from ("militants originating in X",
# "bombers from X", "they had come from X's Y province"), not where they struck nor where the group is (issue 17: a
# happening abroad is not placed at the Afghan place its doers came from). Not "from" after a word that is neither
# a doer nor a verb of coming ("a blast from"). Not to be confused with the place phrases' `STARTING_POINT_BEFORE`
# (`isk_atlas.places.phrases`): any "from" before a name in a phrase, which the phrase is then not about.
DOERS_FROM_BEFORE = TextCue(
    "doers_from_before",
    re.compile(
        r"\b(?:originat(?:ed|ing|es?)|hail(?:s|ed|ing)?)\s+(?:\w+\s+)?(?:in|from)\s+(?:the\s+)?"
        r"(?:(?:[a-z]+ern|neighbou?ring)\s+)?(?:[A-Z][\w’'-]*['’]s\s+)?$"
        r"|\b(?:came|come|comes|coming|arrived|sent|dispatched|infiltrated|crossed|bombers?|attackers?|gunmen"
        r"|assailants|perpetrators?|operatives?|returnees?)\s+(?:\w+\s+)?from\s+(?:the\s+)?"
        r"(?:(?:[a-z]+ern|neighbou?ring)\s+)?(?:[A-Z][\w’'-]*['’]s\s+)?$"
    ),
    "the militants had come from Afghanistan's ",
    "before",
    counter_example="the militants had come to blows in ",
)

# "fighters who crossed the border from X", "gunmen who came across the river from X", "after crossing from X": the
# side of a border the attackers came from, not where they struck (issue 17: an attack on a border post abroad by men
# who crossed from Afghanistan is not placed in Afghanistan). Not "fired across the border from X": a launch, placed
# at its origin.
CROSSED_FROM_BEFORE = TextCue(
    "crossed_from_before",
    re.compile(
        r"\b(?:cross(?:ed|es|ing)?|came|come|comes|coming|infiltrat(?:ed|ing)|sneak(?:ed|ing)|snuck|slipp(?:ed|ing)"
        r"|mov(?:ed|ing)|enter(?:ed|ing))\s+(?:(?:over|across|through)\s+)?"
        r"(?:the\s+(?:[\w-]+\s+)?(?:border|river|frontier|country)\s+)?from\s+(?:the\s+)?(?:[A-Z][\w’'-]*['’]s\s+)?$"
        # "had entered the country from Afghanistan through X": the way they came
        r"|\b(?:cross(?:ed|ing)|enter(?:ed|ing)|came|infiltrat(?:ed|ing)|sneak(?:ed|ing)|snuck|smuggled|travell?ed)\b"
        r"[^.;]{0,60}?\b(?:through|via)\s+(?:the\s+)?$"
    ),
    "fighters who crossed the border from ",
    "before",
    counter_example="rockets fired across the border from ",
)

# "bombers trained in X", "men who had trained at the group's camps in X": where the doers were trained, not where
# they struck nor where they were arrested; but the place of a presence report (the camps are there).
TRAINED_IN_BEFORE = TextCue(
    "trained_in_before",
    re.compile(
        r"\b(?:trained|schooled|indoctrinated)\s+(?:(?:by|with|at|in)\s+(?:[\w’'-]+\s+){1,4}?)?"
        r"(?:in|inside)\s+(?:the\s+)?(?:(?:[a-z]+ern|neighbou?ring)\s+)?(?:[A-Z][\w’'-]*['’]s\s+)?$"
    ),
    "two bombers who had trained at the group's camps in ",
    "before",
    counter_example="two bombers who had struck a camp in ",
)

# "had travelled to X for training", "went to X to train": where the group's men trained, told after the place.
TRAINED_AT_AFTER = TextCue(
    "trained_at_after",
    re.compile(
        r"(?:\s+(?:province|district|region|city))?\s+(?:for\s+(?:\w+\s+)?training|to\s+(?:be\s+)?train(?:ed)?)\b"
    ),
    " province for training, investigators said",
    "after",
    counter_example=" province for the funeral",
)

# "a group based in X", "ISIS-K, headquartered in X": where the group is, the place of a presence report but not
# of an attack or an arrest (unlike `GROUP_HOME_BEFORE`, not "active/operating in": where the group fights).
BASED_IN_BEFORE = TextCue(
    "based_in_before",
    re.compile(
        r"\b(?:based|headquartered|rooted)\s+(?:\w+\s+)?in\s+(?:the\s+)?(?:(?:[a-z]+ern|neighbou?ring)\s+)?"
        r"(?:[A-Z][\w’'-]*['’]s\s+)?(?:(?:[a-z]+ern)\s+)?$"
    ),
    "ISIS-K, which is headquartered in ",
    "before",
    counter_example="ISIS-K, which is active in ",
)

# "has claimed attacks against civilians in X, ... where it is based", "cut its attacks on X and built up its
# strongholds in remote provinces", "strikes at will in the capital X and its strongholds in Y": a place named as
# where attacks struck, before the presence word the sentence tells. It is not where the group is (unless the
# presence is told of it in a clause of its own: "attacks in X, where it is based", `WHERE_AFTER`).
ATTACKED_PLACE_BEFORE = TextCue(
    "attacked_place_before",
    re.compile(
        r"\b(?:attacks?|assaults?|bombings?|blasts?|attacked|struck|bombed)\b[^.;:]{0,60}?\b(?:on|in|at|against"
        r"|inside)\s+(?:the\s+)?(?:(?:capital|city|town|province|district)(?:\s+of)?\s+)?$",
        re.I,
    ),
    "the group has claimed several attacks against civilians in the capital ",
    "before",
    counter_example="the group has strongholds in the capital ",
)
# ", where the group is based": a relative clause telling of the place just named.
WHERE_AFTER = TextCue(
    "where_after",
    re.compile(r"\s*,\s+where\b", re.I),
    ", where the group is mainly based",
    "after",
    counter_example=" and its strongholds",
)

# "Russian police said ...", "the Tajik security services arrested ...": a country's police, security services or
# courts act at home, so a happening they tell is in their country (an Afghan place told in the next sentence, where
# the attackers trained or came from, is not its place). Not their officials or media ("Pakistani officials said"),
# who tell of happenings across the border too.
_FOREIGN_ADJECTIVES: Final = "|".join(sorted(word for word, iso3 in COUNTRY_ADJECTIVES.items() if iso3 != "AFG"))
FOREIGN_POLICE = TextCue(
    "foreign_police",
    re.compile(
        rf"\b(?i:{_FOREIGN_ADJECTIVES})\s+(?:(?:state|federal|regional|local|border|anti-?terror(?:ism)?"
        r"|counter-?terror(?:ism)?)\s+)?(?:police|security\s+services?|gendarmerie|prosecutors?|courts?)\b"
    ),
    "Russian police said gunmen attacked a church on Sunday.",
    counter_example="Pakistani officials said gunmen attacked a checkpoint on Monday.",
)

# "attacked a Tajik border post", "stormed an Iranian checkpoint": a border post, outpost or checkpoint a country's
# adjective names is in that country, so an attack on it is not in Afghanistan, whatever the sentence says of where
# the attackers came from (issue 17). Not a post the Afghan adjective names, nor the border named alone ("a post near
# the Pakistani border" may be on either side).
FOREIGN_BORDER_POST = TextCue(
    "foreign_border_post",
    re.compile(
        rf"\b(?:a|an|the|two|three|several)\s+(?i:{_FOREIGN_ADJECTIVES})\s+(?:(?:army|military|police|security)\s+)?"
        r"(?:(?:border|frontier)\s+(?:guard\s+)?(?:post|outpost|checkpoint|station|point|guards?)|checkpoint|outpost)s?\b"
    ),
    "Gunmen who crossed the river stormed a Tajik border post on Sunday.",
    counter_example="Gunmen stormed a police post near the Tajik border on Sunday.",
)

# A one-word place followed or preceded by other capitalised words is a piece of a longer name ("Shah Cheragh",
# "Lal Shahbaz Qalandar", "Key Highlights"), unless one of the words following says what kind of place or
# institution it is ("Achin District", "Herat Water Supply Department") or the place is a province, country or
# region (whose names stand for themselves).
NAME_GOES_ON = TextCue(
    "name_goes_on",
    re.compile(r"(?: [A-Z][a-z]+\b){1,4}"),
    " Water Supply Department",
    "after",
    counter_example=" province",
)

# "a Berlin Christmas market", "the Kabul Serena hotel": a town's name, a name of the facility's own, then what the
# facility is in lower case: a facility in the town (the town is its place), not a piece of a longer name.
NAMED_FACILITY_AFTER = TextCue(
    "named_facility_after",
    re.compile(
        r"(?: [A-Z][a-z]+\b){1,3} (?:market|bazaar|mosque|church|cathedral|synagogue|temple|shrine|hotel|hospital"
        r"|school|airport|station|stadium|prison|jail|checkpoint|camp|embassy|consulate|concert\s+hall)\b"
    ),
    " Christmas market",
    "after",
    counter_example=" Water Supply Department",
)

NAME_WENT_BEFORE = TextCue(
    "name_went_before",
    re.compile(r"(?<![.!?:;\n\"“] )(?<![.!?:;\n\"“])\b(?P<word>[A-Z][a-z]+) $"),
    "the shrine of Lal ",
    "before",
    counter_example="The blast. In ",
)

# A sentence without a place of its own that continues at the place just named.
SAME_PLACE = TextCue(
    "same_place",
    # ("a blast in the same neighbourhood": the city's part just named)
    re.compile(r"\b(?:later|there|the\s+(?:same\s+)?(?:province|district|city|area|town|neighbou?rhood))\b", re.I),
    "A day later, fighters surrendered there.",
    "text",
    counter_example="Fighters surrendered.",
)

# "the mosque in Kabul", "the airport of Kabul": the town after a landmark says where the landmark is.
LOCATES_PREVIOUS = TextCue(
    "locates_previous",
    re.compile(r"\s*(?:,\s*)?(?:in|of|near)\s+(?:the\s+(?:city|province|capital)\s+of\s+)?$", re.I),
    " in the city of ",
    "after",
    counter_example=" and ",
)

# "Khanabad, Kunduz": a district and, after a bare comma, the province that holds it (an address, `address_chain`).
ADDRESS_COMMA = TextCue("address_comma", re.compile(r"\s*,\s*"), ", ", "whole", counter_example=", and ")

# "Sayyidabad Shia Mosque, Khanabad": the rest of a local name ending at a comma, the address going on after it.
ADDRESS_PART = TextCue(
    "address_part",
    re.compile(r"(?:\s+[A-Z][\w'’-]*){0,3}\s*,\s*"),
    " Shia Mosque, ",
    "whole",
    counter_example=" and the ",
)

# "on the road between Daikundi and Ghor", "a village between X and the Y district of Z": the places after
# "between" bound one place, where one happening was; they are not a place each.
BETWEEN_PLACES = TextCue(
    "between_places",
    re.compile(r"\bbetween\s+(?:the\s+)?$", re.I),
    "a roadside bomb hit a bus on the road between ",
    "before",
    counter_example="fighting broke out between the Taliban and the group in ",
)

# What joins the places "between" bounds: "and", with words of theirs ("X province and the Y district"), no clause
# break.
BETWEEN_JOIN = TextCue(
    "between_join",
    re.compile(r"[^.,;:()]{0,25}\band\b[^.,;:()]{0,25}", re.I),
    " province and the ",
    "whole",
    counter_example=", where the police said ",
)

LIST_SEPARATOR = TextCue(
    "list_separator",
    re.compile(r",|\band\b"),
    "Kabul, Herat and Balkh",
    "text",
    counter_example="Kabul or Herat",
)

# "the attack on the Pakistani embassy in Kabul" -> "the Pakistani embassy".
ATTACK_TARGET = TextCue(
    "attack_target",
    re.compile(
        r"\b(?:attack(?:ed|s)?|bombing|assault|explosion|blast|targeted|targeting)\s+(?:on\s+|against\s+|at\s+)?"
        r"(?P<what>(?:the\s+|a\s+|an\s+)[^,.;]{3,80}?)(?=\s+(?:in|on|at|while|during|which|that|of\s+Kabul|resulting|"
        r"where|when|and\s+the)\b|[,.;]|$)"
    ),
    "the attack on the embassy in the capital",
    "text",
    counter_example="the attack was over",
)

PLACE_KIND_WORDS = frozenset(
    [
        "Province",
        "Provinces",
        "District",
        "Districts",
        "City",
        "Town",
        "Village",
        "Valley",
        "Airport",
        "University",
        "Mosque",
        "Hospital",
        "Road",
        "Street",
        "Square",
        "Gate",
        "Prison",
        "Jail",
        "Hotel",
        "Bank",
        "Stadium",
        "Market",
        "Bazaar",
        "Police",
        "Provincial",
        "Governor",
        "Region",
        "Area",
        "Highway",
        "River",
        "Pass",
        "Border",
        "Crossing",
        "Port",
        "Shrine",
        "Central",
        "Northern",
        "Southern",
        "Eastern",
        "Western",
        "Camp",
        "Base",
        "Airfield",
        "Checkpoint",
        "Cantonment",
        "Garrison",
        "Base",
        "Dam",
        "Bridge",
        "Lake",
        "Mountains",
        "Mountain",
        "Range",
        "Corridor",
        "Zone",
        "Municipality",
        "Council",
        "Chamber",
        "Palace",
        "Embassy",
        "Consulate",
        "Ministry",
        "Department",
        "Directorate",
        "Station",
    ]
)

NAME_WORDS_BEFORE = frozenset(
    [
        "In",
        "On",
        "At",
        "From",
        "To",
        "Near",
        "And",
        "Or",
        "But",
        "The",
        "A",
        "An",
        "Of",
        "For",
        "With",
        "By",
        "After",
        "Before",
        "Since",
        "During",
        "Across",
        "Inside",
        "Outside",
        "Northern",
        "Southern",
        "Eastern",
        "Western",
        "Central",
        "North",
        "South",
        "East",
        "West",
        "Upper",
        "Lower",
        "Greater",
        "Old",
        "New",
        "Afghan",
        "Afghanistan",
    ]
)


# -------------------- launch site

TARGET_WORD = TextCue(
    "target_word",
    re.compile(r"\b(Tajik(?:istan)?|Uzbek(?:istani?)?|Turkmen(?:istan)?)\b"),
    "rockets hit Uzbek territory",
    "text",
    counter_example="rockets hit the border",
)

# "from Afghan soil", "from the Afghan side": a launch's origin named only by the adjective.
AFGHAN_SOIL = TextCue(
    "afghan_soil",
    re.compile(r"\bfrom\s+(?:the\s+)?Afghan\s+(?:soil|territory|side|land)\b"),
    "rockets fired from Afghan soil",
    "text",
    counter_example="rockets fired from the hills",
)

# "The launching site for the rockets was ... in Hairatan", "the rockets were fired from X": where a launch told
# before at country level started.
LAUNCH_SITE = TextCue(
    "launch_site",
    re.compile(
        r"\b(?:launch(?:ing)?\s+(?:site|point|pad|position|area|location)|(?:rockets?|missiles?|projectiles?)\s+(?:were|was)"
        r"\s+(?:fired|launched)\s+from)\b",
        re.I,
    ),
    "the rockets were fired from the north",
    "text",
    counter_example="rockets hit the town",
)

# "have seen militants launching rocket attacks into Uzbekistan": launches told in the plural, as a record.
LAUNCH_RECORD = TextCue(
    "launch_record",
    re.compile(r"\b(?:rocket|missile)\s+(?:attacks|strikes)\b", re.I),
    "the group has carried out rocket attacks on its neighbours",
    "text",
    counter_example="the group claimed a rocket attack on its neighbour",
)

# "10 Katyusha rockets had been directed toward a military position near Termez": rockets aimed or fallen at a place
# across the border, told as an attack there (`fold.launch_targets`: the target of the launch the article tells).
ROCKET_WORDS = TextCue(
    "rocket_words",
    re.compile(r"\b(?:rockets?|missiles?|katyushas?|projectiles?)\b", re.I),
    "ten Katyusha rockets were directed toward a military position",
    "text",
    counter_example="gunmen attacked a military position",
)

ROCKETS = TextCue(
    "rockets",
    re.compile(
        r"\b(?P<n>\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a\s+dozen)\s+(?:\w+\s+)?"
        r"(?:rockets|missiles|projectiles)\b",
        re.I,
    ),
    "ten Katyusha rockets",
    "text",
    counter_example="rockets",
)


# -------------------- fold of restatements

BACK_REFERENCE = TextCue(
    "back_reference",
    re.compile(
        r"\b(?:the|this|that)\s+(?:attack|bombing|blast|explosion|assault|raid|operation|strike|incident|rocket\s+fire"
        # "The tape, released first time on August 10 last year, ...": more of the propaganda just told
        r"|(?:audio|video)?tape|video|recording|audio\s+message)\b"
        # "the death toll could rise", "the number of dead": a later count of the event just told
        r"|\bthe\s+(?:death\s+)?toll\b|\bthe\s+number\s+of\s+(?:dead|deaths|victims|casualties|people\s+killed)\b"
        # "a candidate was among the dead": one of the event's casualties
        r"|\bamong\s+the\s+(?:dead|killed|wounded|injured|victims|casualties)\b",
        re.I,
    ),
    "The blast struck the mosque.",
    "text",
    counter_example="A blast struck a mosque.",
)

# "Police arrested two suspects in connection with the attack", "the main suspect behind the attack has been
# arrested": an operation against those behind the attack just told, at its place when the sentence names none
# (suspects are sought where the attack was).
OVER_THE_ATTACK = TextCue(
    "over_the_attack",
    re.compile(
        r"\b(?:in\s+connection\s+with|in\s+relation\s+to|linked\s+to|connected\s+(?:to|with)|over|behind)"
        r"\s+(?:carrying\s+out\s+)?(?:the|this|that)\s+(?:[\w'’-]+\s+){0,2}?"
        r"(?:attacks?|bombings?|blasts?|explosions?|assault|incident|shooting)\b",
        re.I,
    ),
    "Police detained three suspects in connection with the attack.",
    "text",
    counter_example="Police detained three suspects in connection with a plot.",
)

# "... were also injured in the attack", "killed in the blast": figures of the attack just told, named by its kind.
FIGURES_BACK = TextCue(
    "figures_back",
    re.compile(
        r"\b(?:in|by|from|during)\s+the\s+(?:[\w-]+\s+)?(?:attack|blast|bombing|explosion|assault|shooting)s?\b",
        re.I,
    ),
    "Three guards were hurt in the attack.",
    "text",
    counter_example="Three guards were hurt.",
)

# "Three militants were killed and two soldiers hurt in the clash", "killed during the raid": figures of the
# counter-operation just told, named by its kind as "the" one (a tally over many, "in operations since March", names
# none).
OPERATION_FIGURES_BACK = TextCue(
    "operation_figures_back",
    re.compile(
        r"\b(?:in|by|from|during)\s+the\s+(?:[\w-]+\s+){0,2}?(?:clash|operation|raid|fighting|firefight|gun\s*battle"
        r"|shootout|confrontation|encounter|air\s*strike|offensive)\b(?!-)",
        re.I,
    ),
    "Three militants were killed and two soldiers hurt in the clash.",
    "text",
    counter_example="Since March, 200 militants have been killed in operations.",
)

# "The attack left 45 people dead", "the blast at the mosque had killed at least 26": the toll told with the
# happening as its subject, named by its kind after "the" (the one just told).
TOLL_BACK = TextCue(
    "toll_back",
    re.compile(
        r"\bthe\s+(?:[\w-]+\s+){0,2}(?:attack|blast|bombing|explosion|assault|shooting)s?\b[^;]{0,80}?"
        r"\b(?:left|killed|claimed\s+the\s+lives\s+of)\b",
        re.I,
    ),
    "The bombing left nine people dead.",
    "text",
    counter_example="A bombing left nine people dead.",
)

SERIES = TextCue(
    "series",
    re.compile(
        r"\b(?:the\s+)?(?:second|third|fourth|fifth|sixth|another|next|latest)\s+(?:such\s+)?(?:attack|strike|launch|"
        r"incident|shelling)\b",
        re.I,
    ),
    "The third attack occurred in July.",
    "text",
    counter_example="The attack occurred in July.",
)

# "the attack", "the Shiraz attack", "the deadly attack": a happening the article has told already ("the attack on
# the Russian Embassy" names a target of its own: it may be another one).
THE_ATTACK = TextCue(
    "the_attack",
    re.compile(r"\bthe\s+(?:[\w-]+\s+){0,2}attack\b(?!s|\s+(?:on|at|in|against|near)\b)", re.I),
    "The group claimed the attack.",
    "text",
    counter_example="the attack on the embassy",
)

# "the leader of a secret ISIS-K cell in Namangan", "a network of the group in the city": the men an arrest or
# raid broke up, told as a cell where they were (not "cell phones").
CELL = TextCue(
    "cell",
    re.compile(r"\b(?:cells?|networks?)\b(?!\s+phones?)", re.I),
    "She was found to lead a secret cell of the group in the eastern city.",
    "text",
    counter_example="Police seized cell phones and a laptop.",
)

# "also claimed the bombing of X", "another attack", "other raids": a happening other than the one just told.
# ("foreign nationals were also living there" says nothing of the kind: "also" counts before an event's verb.)
ANOTHER = TextCue(
    "another",
    re.compile(
        r"\balso\s+(?:\w+\s+)?(?:claimed|attacked|carried|targeted|struck|killed|raided|conducted|hit|bombed|stormed"
        r"|arrested|detained|launched|fired)\b|\b(?:another|earlier|previous|separate)\b"
        # "other" says another happening when it qualifies one ("two other suicide attacks", "other raids"); "other
        # members were arrested", "the other attacker" are more of the same happening
        r"|\bother\s+(?:[\w-]+\s+){0,2}?(?:attacks?|bombings?|blasts?|explosions?|incidents?|operations?|raids?"
        r"|strikes?|assaults?|shootings?|clashes|ambush(?:es)?)\b",
        re.I,
    ),
    "The group also claimed the bombing of a bus.",
    "text",
    counter_example="Some other members of the cell were arrested and their hideout was destroyed.",
)

WEEKDAY = TextCue(
    "weekday",
    re.compile(r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"),
    "on Tuesday",
    "text",
    counter_example="on the day",
)


GROUP_NAMED_CUES: tuple[TextCue, ...] = (
    OTHERS_OWN_AFTER,
    OTHERS_PRESENCE_BEFORE,
    MEN_DOING_A_DEED_AFTER,
    GROUP_HINT,
    GROUP_REFERENCE,
    SUSPECTS_BACK,
    DATED_LIST_ITEM,
)
CLAIM_CUES: tuple[TextCue, ...] = (
    CLAIM_DAY_BEFORE,
    CLAIM_DAY_AFTER,
    DATE_NAMING_BEFORE,
    DATE_NAMING_POSSESSIVE,
    DATE_NAMING_AFTER,
    DATE_NAMES_AN_ATTACK,
    CLAIMS_SEVERAL,
    UNCLAIMED,
    CLAIM_OF_THE_ATTACK,
    SEPARATE_ATTACK,
    NEW_CLAIMED,
    NEW_CLAIMED_BEFORE,
    SAID_ON,
)
BACKGROUND_OR_EARLIER_CUES: tuple[TextCue, ...] = (
    EARLIER_CLAUSE,
    TIMED_BY_THE_ATTACK,
    ATTACK_AS_EVIDENCE,
    SINCE_BEFORE,
    SINCE_TALLY,
    NATIONWIDE,
    NO_DOER_HEARD,
    ASIDE,
    CLAUSE_BREAK,
    GROUP_RELATIVE,
    GENERIC_PLURAL,
    SUMMARY_COUNT,
    INCLUDING,
    LISTED_ATTACK,
    PAST_PERIOD,
    COUNT_IN,
    CONCERN,
    CAME_TO_THE_COUNTRY,
    FIGHTER_FIGURE,
    FOOTHOLD,
    FIGURE_OF_A_HAPPENING,
    COUNT_OF_A_HAPPENING,
)
DATELINE_AND_LEAD_CUES: tuple[TextCue, ...] = (
    DATE_RANGE_OPENS,
    DATE_RANGE_JOINS,
    COLON_DATELINE,
    AGENCY_DATELINE,
    DATED_COLON_DATELINE,
    PARAGRAPH_OPENING,
    DATELINE,
    DATED_DATELINE,
    DATELINE_CITY_BEFORE,
    DATELINE_PLACE_ENDS,
    LABEL_LINE,
    YEAR,
    RECENT,
)
PLACE_IS_NOT_THE_EVENTS_CUES: tuple[TextCue, ...] = (
    FRONTED_IN_BEFORE,
    REACTION_AFTER,
    NOT_EVENT_PLACE_AFTER,
    BORDER_FORCE_AFTER,
    NOT_EVENT_PLACE_BEFORE,
    GROUP_HOME_BEFORE,
    GROUP_HOME_AFTER,
    GROUP_NAME_BEFORE,
    NAMED_AFTER_A_PLACE,
    LINKED_ATTACK_BEFORE,
    MEN_BEHIND_ATTACKS,
    PLANNED_TARGET_BEFORE,
    LINKED_ATTACK_NAMED,
    ATTACK_NAMED_BY_PLACE,
    LINKED_ATTACK_DATE,
    PEOPLE_FROM,
    DOERS_FROM_BEFORE,
    CROSSED_FROM_BEFORE,
    TRAINED_AT_AFTER,
    TRAINED_IN_BEFORE,
    BASED_IN_BEFORE,
    ATTACKED_PLACE_BEFORE,
    WHERE_AFTER,
    FOREIGN_POLICE,
    FOREIGN_BORDER_POST,
    NAME_GOES_ON,
    NAMED_FACILITY_AFTER,
    NAME_WENT_BEFORE,
    SAME_PLACE,
    DESCRIBED_PROVINCE,
    LOCATES_PREVIOUS,
    BETWEEN_PLACES,
    ADDRESS_COMMA,
    ADDRESS_PART,
    SPEAKER_PLACE_BEFORE,
    BETWEEN_JOIN,
    LIST_SEPARATOR,
    ATTACK_TARGET,
)
# --- abroad or at home: whether what a sentence places in Afghanistan is told of another country (issue 17)
# `isk_atlas.events.placing.told_abroad` reads these beside the article's dateline; see `ABROAD_EXAMPLES` there.

# "the southern Kyrgyz city of ...", "on the Tajik side of the border", "a Pakistani village": a country's adjective
# before a word for its ground says the happening is in that country. Not its institutions or people ("the Kyrgyz
# embassy", "Pakistani officials"), who are named in reports from Afghanistan too.
FOREIGN_GROUND = TextCue(
    "foreign_ground",
    re.compile(
        rf"\b(?i:{_FOREIGN_ADJECTIVES})\s+(?:(?:border|frontier|northern|southern|eastern|western)\s+)?"
        r"(?:city|cities|town|towns|village|villages|province|provinces|district|districts|region|side|soil"
        r"|territory|capital|port|oblast)\b"
    ),
    "Gunmen opened fire at a post in the southern Kyrgyz city of Osh.",
    counter_example="Gunmen opened fire at the Kyrgyz embassy in Kabul.",
)

# "crossed into Tajikistan", "inside Pakistan", "in neighbouring Iran": a country named as where something is (run
# on the text before a country's name). Not where the doers came from ("from Tajikistan") or whose something is.
LOCATIVE_BEFORE = TextCue(
    "locative_before",
    re.compile(r"\b(?:in|into|inside|within)\s+(?:the\s+)?(?:(?:[a-z]+ern|neighbou?ring)\s+)?$"),
    "the fighters then crossed into ",
    "before",
    counter_example="the fighters had come from ",
)

# "crossed into Tajikistan from Afghanistan", "fighters from neighbouring Afghanistan": a country named as where
# someone or something came from (run on the text before its name), not as where the happening was.
FROM_BEFORE = TextCue(
    "from_before",
    re.compile(r"\bfrom\s+(?:the\s+)?(?:(?:[a-z]+ern|neighbou?ring)\s+)?$"),
    "the fighters crossed into Tajikistan from neighbouring ",
    "before",
    counter_example="the fighters clashed with guards in ",
)

# "Afghan forces said", "the Taliban's spokesman", "the Islamic Emirate": Afghan authorities telling or acting, or
# Afghan ground ("an Afghan village"), mark a happening as Afghan. Not "the Afghan side" a crossing came from.
AFGHAN_MARKER = TextCue(
    "afghan_marker",
    re.compile(
        r"\b(?:Afghan|Afghanistan['’]s)\s+(?:(?:national|local|special|security|border|provincial|interior)\s+)?"
        r"(?:forces|security|police|army|officials?|authorities|government|capital|province|city|town|village"
        r"|district|soldiers|troops|intelligence|ministry|officers?|commandos?)\b"
        r"|\bTaliban(?:['’]s)?\s+(?:(?:security|local|provincial|border)\s+)?(?:officials?|authorities|government"
        r"|spokes(?:man|person|woman)|forces|security|police|administration|ministry|interior|intelligence"
        r"|fighters?|governor|commanders?)\b|\bIslamic\s+Emirate\b"
    ),
    "Taliban officials said gunmen attacked the post on Monday.",
    counter_example="Gunmen who had crossed from the Afghan side attacked the post on Monday.",
)

ABROAD_CHECK_CUES: tuple[TextCue, ...] = (
    FOREIGN_GROUND,
    LOCATIVE_BEFORE,
    FROM_BEFORE,
    AFGHAN_MARKER,
)

LAUNCH_SITE_CUES: tuple[TextCue, ...] = (
    TARGET_WORD,
    AFGHAN_SOIL,
    LAUNCH_SITE,
    LAUNCH_RECORD,
    ROCKETS,
    ROCKET_WORDS,
)
FOLD_OF_RESTATEMENTS_CUES: tuple[TextCue, ...] = (
    BACK_REFERENCE,
    OVER_THE_ATTACK,
    FIGURES_BACK,
    OPERATION_FIGURES_BACK,
    TOLL_BACK,
    SERIES,
    THE_ATTACK,
    CELL,
    ANOTHER,
    WEEKDAY,
)
CUES: tuple[TextCue, ...] = (
    *GROUP_NAMED_CUES,
    *CLAIM_CUES,
    *BACKGROUND_OR_EARLIER_CUES,
    *DATELINE_AND_LEAD_CUES,
    *PLACE_IS_NOT_THE_EVENTS_CUES,
    *LAUNCH_SITE_CUES,
    *FOLD_OF_RESTATEMENTS_CUES,
    *ABROAD_CHECK_CUES,
)
