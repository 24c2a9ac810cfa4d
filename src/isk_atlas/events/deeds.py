"""Who did the deed a sentence tells: the group, or those fighting it with the group as the target (issue 17).

A raid, a capture or an attack is the group's attack when the group is its doer ("the group's fighters raided a
hospital") and an operation against the group when others did it to the group ("Taliban forces attacked positions
of the group", "its members were killed by security forces"). The cue words alone cannot tell the two apart: the
doer is the grammatical subject of the deed's verb in the active voice, the agent after "by" or "at the hands of"
in the passive one, and the target its object or passive subject.

The words are data: `DEEDS` lists the deed verbs with the label each doer gives, `GROUP_WORDS` and `OTHER_WORDS`
how news names the group and those fighting it, `BETWEEN_SUBJECT_AND_VERB` what may stand between a subject and
its verb. Each deed has an example of both readings that `tests/test_deeds.py` runs. `read_deed` reads one
sentence at one verb; `relabel` applies the table to a sentence's first label.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from isk_atlas.events.claims import ACTORS, find_actors

# How news names the group: its names (case-sensitive: "IS" is no "is"), "the group", "its fighters", and bare
# "militants" or "gunmen" (read only in sentences about the group: the extractor asks nothing else).
_NAMES = "|".join(ACTORS["ISIS-K"])
_MEN = r"(?:fighters|militants|members|gunmen|terrorists|insurgents|jihadists|attackers|assailants|commanders|men)"
_GROUP_NAME = (
    rf"(?:Takfiri\s+)?(?-i:{_NAMES})(?:\s+(?:terrorist|militant|jihadist|extremist)s?)?(?:\s+(?:group|outfit))?"
)
GROUP_WORDS = (
    # "Militants of the Daesh terrorist group", "fighters of IS"
    rf"{_MEN}\s+(?:of|from|loyal\s+to|affiliated\s+with)\s+(?:the\s+)?{_GROUP_NAME}"
    # "IS fighters", "ISKP", "the Islamic State group", "Daesh militants"
    rf"|(?:the\s+)?{_GROUP_NAME}(?:['’]s)?(?:\s+{_MEN})?"
    # "the terrorist group", "its fighters", "the militants"
    rf"|the\s+(?:terrorist\s+|militant\s+|jihadist\s+)?(?:group|outfit)(?:['’]s\s+{_MEN})?|(?:its|their)\s+{_MEN}"
    rf"|(?:the\s+)?(?:suspected\s+|armed\s+|masked\s+)?(?:militants|gunmen|attackers|assailants|insurgents)"
)
# Those fighting the group: the Taliban and their forces, armies, police, intelligence, militias.
_FORCES = (
    r"(?:forces|fighters|troops|soldiers|commandos|police|officers|agents|operatives|personnel|units|authorities"
    r"|army|military|militia|militiamen|government)"
)
# The state's forces as news names them (case-sensitive where an acronym could be a word): the Taliban,
# intelligence and counter-terrorism agencies, armies, police, border guards, and any force a nationality or
# "security" qualifies ("Turkish police", "Pakistani troops": the qualifier is part of the name, so that "an
# operation by Turkish police" names its doer as "by police" does), in Afghanistan, Pakistan, Iran and Central Asia,
# and the security services that act against the group abroad: Russia's FSB, Turkey's MIT, Iran's intelligence
# ministry and IRGC, the security services of Central Asia (Uzbekistan's SGB or SSS, Tajikistan's GKNB, Kyrgyzstan's
# GKNB, Kazakhstan's KNB), Pakistan's ISI, gendarmes and the prosecutors who charge the group's men in Europe.
# Fighting or killing between them and the group is their operation against it (`classify.COUNTER_RULES`); before a
# deed verb they are its doer (`OTHER_WORDS`), and the actor of a counter-operation is the one a sentence names
# (`named_force`).
# Capitalised words before a force that are no nationality: the group's names, and a level or branch of the state
# ("Provincial police" are the country's police, not a country's named "Provincial").
_NOT_A_NATIONALITY = r"(?:Daesh|State|Khorasan|Khurasan|Provincial|District|Regional|Defense|Defence|Interior|Elite)\b"
STATE_FORCES = (
    r"(?-i:Taliban|Islamic\s+Emirate|NDS|GDI|CTD|FC|IRGC|ANA|ANP|ANDSF|ANSF|GKNB|SNB|SGB|SSS|KNB|FSB|MIT|MİT|ISI)"
    r"(?![\w-])"
    r"|National\s+Directorate\s+of\s+Security|General\s+Directorate\s+of\s+Intelligence|Frontier\s+Corps"
    r"|Counter[-\s]?Terrorism\s+Department|Revolutionary\s+Guards?(?:\s+Corps)?|police(?:men)?"
    # "Tajik border guards", "Russian security services" (a nationality before them, as before forces below)
    rf"|(?:(?-i:(?!{_NOT_A_NATIONALITY})[A-Z][a-z]+)\s+)?(?:border\s+guards|(?:security|intelligence|secret)"
    r"\s+services?)"
    r"|army|troops|soldiers|commandos|militia(?:men)?|gendarmes|gendarmerie"
    r"|Federal\s+Security\s+Service|National\s+Intelligence\s+Organi[sz]ation|Inter[-\s]Services\s+Intelligence"
    r"|(?:State|National)\s+Security\s+(?:Service|Committee)|(?:State\s+)?Committee\s+(?:for|of)\s+National\s+Security"
    r"|intelligence\s+ministry|ministry\s+of\s+intelligence|(?:federal\s+|public\s+|chief\s+public\s+)?"
    r"prosecutors?(?:['’]s?\s+office)?|law\s+enforcement\s+(?:officers|agencies|agency|authorities|bodies)"
    rf"|(?:(?-i:(?!{_NOT_A_NATIONALITY})[A-Z][a-z]+|US|U\.S\.|NATO)\s+|security\s+|government\s+|pro-government\s+|coalition\s+"
    r"|intelligence\s+|special\s+|border\s+){1,4}(?:forces|personnel|units|officers|agents|police(?:men)?|troops|soldiers"
    r"|army|commandos)"
)
# The force word that may follow a state force's name: "Taliban special forces", "FSB officers", "police commandos".
FORCE_WORD_AFTER = rf"(?:\s+(?:special\s+|security\s+|intelligence\s+)?{_FORCES})?"
OTHER_WORDS = (
    rf"(?:the\s+)?(?:{STATE_FORCES})(?:['’]s)?{FORCE_WORD_AFTER}"
    r"|(?:the\s+)?(?:(?-i:[A-Z][a-z]+|US|U\.S\.|NATO)\s+)?(?:special\s+|security\s+|government\s+|coalition\s+"
    rf"|intelligence\s+|border\s+|local\s+|pro-government\s+)*{_FORCES}"
    r"|(?:the\s+)?(?:police|army|militia|intelligence\s+(?:agency|service|services|department))"
)
# Between a subject and its verb: auxiliaries and adverbs, a date ("on November 2", "last week"), a comma-less aside.
BETWEEN_SUBJECT_AND_VERB = (
    r"(?:\s+(?:has|have|had|also|reportedly|allegedly|then|later|recently|jointly|subsequently|once|earlier|again"
    r"|on\s+(?:\w+\s+)?\w+(?:\s+\d{1,2})?|last\s+\w+|this\s+\w+|in\s+\d{4}))*\s+"
)
# The target of an active deed: the group, or a place it holds ("a hideout of the group", "ISKP positions").
_HOLDINGS = r"(?:hideouts?|positions|bases?|strongholds?|camps?|cells?|safe\s*houses?|compounds?)"
GROUP_TARGET = (
    rf"\s+(?:(?:an?|the|two|three|four|five|six|several|some|many|dozens\s+of|scores\s+of|\d[\d,]*|at\s+least"
    rf"|more\s+than|suspected|alleged|senior|key|top)\s+){{0,3}}"
    rf"(?:(?:{GROUP_WORDS})(?:\s+{_HOLDINGS})?|{_HOLDINGS}\s+(?:of|belonging\s+to|used\s+by)\s+(?:{GROUP_WORDS}))"
)
# The agent of a passive deed: "were killed by Taliban forces", "at the hands of the police".
_AGENT = r"\s+(?:by|at\s+the\s+hands\s+of)\s+"
_PASSIVE_AUXILIARY = re.compile(r"\b(?:was|were|been|being|is|are|got)\s+(?:\w+ly\s+)?$", re.I)


@dataclass(frozen=True)
class Deed:
    """A deed verb (`verbs`: past forms, and present ones, the tense of headlines: "Taliban capture 14 ISKP
    members"), the label it gives when the group did it (`by_group`, None: the table says nothing) and when others
    did it to the group (`on_group`), with a sentence of each reading."""

    name: str
    verbs: str
    by_group: tuple[str, str] | None
    on_group: tuple[str, str] | None
    example_by_group: str
    example_on_group: str


DEEDS: tuple[Deed, ...] = (
    Deed(
        "assault", r"raided|stormed|overran|overrun|assaulted|raids?|storms?|overruns|assaults?",
        ("attack", "armed_assault"), ("counter_operation", "raid"),
        "Fighters of the group raided a village and burned its houses.",
        "Taliban special forces stormed an ISKP hideout in the city.",
    ),
    Deed(
        "capture", r"captured|seized|abducted|kidnapped|captures?|seizes?|abducts?|kidnaps?",
        ("attack", "attack"), ("counter_operation", "arrest"),
        "ISIS-K said its fighters captured a Taliban commander in the district.",
        "Security forces captured three IS-K militants near the border.",
    ),
    Deed(
        "strike", r"attacked|targeted|struck|ambushed|hit|attacks?|targets?|strikes?|ambush(?:es)?|hits",
        ("attack", "attack"), ("counter_operation", "military_operation"),
        "Daesh militants on Sunday attacked a checkpoint outside the city.",
        "Taliban fighters attacked positions of the Islamic State group in the valley.",
    ),
    Deed(
        "kill", r"killed|beheaded|executed|shot\s+dead|kills?|beheads?|executes?|shoots?\s+dead",
        None, ("counter_operation", "military_operation"),
        "",
        "Four Daesh members were killed by Taliban forces in the district.",
    ),
    Deed(
        "arrest", r"arrested|detained|apprehended|arrests?|detains?|apprehends?",
        None, ("counter_operation", "arrest"),
        "",
        "Police arrested two ISKP members in the capital.",
    ),
)  # fmt: skip


# Every deed's verbs in one pattern (a group per deed, `_DEED_GROUPS`): a sentence is scanned once, not per deed.
_DEED_GROUPS = {f"deed{number}": deed for number, deed in enumerate(DEEDS)}
_VERB = re.compile(
    r"\b(?:" + "|".join(f"(?P<{name}>{deed.verbs})" for name, deed in _DEED_GROUPS.items()) + r")\b", re.I
)
_SUBJECT_GROUP = re.compile(rf"(?<![\w-])(?:{GROUP_WORDS}){BETWEEN_SUBJECT_AND_VERB}$", re.I)
_SUBJECT_OTHERS = re.compile(rf"(?<![\w-])(?:{OTHER_WORDS}){BETWEEN_SUBJECT_AND_VERB}$", re.I)
# A passive's subject (the target) before its auxiliary: "Four Daesh members were", "ISKP hideout".
_PASSIVE_TARGET_GROUP = re.compile(
    rf"(?<![\w-])(?:{GROUP_WORDS})(?:\s+{_HOLDINGS})?\s+(?:(?:was|were|have\s+been|had\s+been|has\s+been|are|is)\s+)?"
    r"(?:\w+ly\s+)?$",
    re.I,
)
_AGENT_OTHERS = re.compile(rf"{_AGENT}(?:{OTHER_WORDS})\b", re.I)
_AGENT_GROUP = re.compile(rf"{_AGENT}(?:{GROUP_WORDS})\b", re.I)
_OBJECT_GROUP = re.compile(rf"{GROUP_TARGET}\b", re.I)


@dataclass(frozen=True)
class DeedReading:
    """A deed verb read in a sentence: which deed, where its verb stands, who did it to whom ("group", "others";
    None when the sentence does not say), and whether in the passive voice."""

    deed: Deed
    start: int
    end: int
    doer: str | None
    target: str | None
    passive: bool = False

    @property
    def label(self) -> tuple[str, str] | None:
        """The (type, sub-type) the deed gives: the group's deed, or others' deed on the group. A deed done in the
        active voice to the group by a doer the sentence does not name as the group is others' ("a campaign that
        targeted the group's strongholds", "a drone struck ISKP positions"): the group does not strike itself. Not
        so in the passive without an agent: "the attackers were shot dead" tells the group's men dying in its own
        attack as often as an operation against it."""
        if self.doer == "group":
            return self.deed.by_group
        if self.target == "group" and (self.doer == "others" or (self.doer is None and not self.passive)):
            return self.deed.on_group
        return None


def _subject(before: str) -> str | None:
    """Who the noun phrase ending `before` (the text up to a verb) names: the group, others, or None. Leftmost
    wins: "Taliban fighters" names others though "fighters" alone would be the group's."""
    group = _SUBJECT_GROUP.search(before)
    others = _SUBJECT_OTHERS.search(before)
    if group is None or (others is not None and others.start() < group.start()):
        return "others" if others is not None else None
    return "group"


def read_deed(sentence: str, start: int, end: int, deed: Deed) -> DeedReading:
    """Read the deed whose verb is `sentence[start:end]`: its doer and target, active or passive voice."""
    before = sentence[max(0, start - 160) : start]
    after = sentence[end : end + 160]
    by_others, by_group = _AGENT_OTHERS.match(after) is not None, _AGENT_GROUP.match(after) is not None
    if by_others or by_group or _PASSIVE_AUXILIARY.search(before):
        # Passive: the agent after "by" did it; the subject before the auxiliary was done to.
        doer = "others" if by_others else "group" if by_group else None
        target = "group" if _PASSIVE_TARGET_GROUP.search(before) else None
        return DeedReading(deed, start, end, doer, target, passive=True)
    doer = _subject(before)
    target = "group" if _OBJECT_GROUP.match(after) else None
    return DeedReading(deed, start, end, doer, target)


def _verbs_in(sentence: str) -> list[tuple[int, int, Deed]]:
    """Where every deed verb of the sentence stands, (start, end, deed), in order (not read yet: reading one is
    the costly part, and `relabel` needs only the few it decides by)."""
    # (the verbs are whole words, none part of another's: the matches of one pattern are those of one per deed)
    return [(match.start(), match.end(), _DEED_GROUPS[str(match.lastgroup)]) for match in _VERB.finditer(sentence)]


def deeds_in(sentence: str) -> list[DeedReading]:
    """Every deed verb of the sentence, read, in order."""
    return [read_deed(sentence, start, end, deed) for start, end, deed in _verbs_in(sentence)]


def relabel(sentence: str, event_type: str, cue: str) -> tuple[str, str] | None:
    """The (type, sub-type) the sentence's deed gives when it differs from `event_type`, else None.

    The deed read is the one whose verb is the label's cue ("raided" labelled a raid); for a presence label, which
    no deed verb gives, the first deed the group did or had done to it. Only those verbs are read."""
    cue_at = sentence.find(cue) if cue else -1
    if cue_at < 0 and event_type != "presence":
        return None  # no verb stands at the cue
    for start, end, deed in _verbs_in(sentence):
        at_cue = start <= cue_at < end
        if not at_cue and event_type != "presence":
            continue
        label = read_deed(sentence, start, end, deed).label
        if label is not None and label[0] != event_type:
            return label
        if at_cue or label is not None:
            return None
    return None


# ---------------------------------------------------------------------------------------------- who did it
# The actor of a counter-operation is the force the sentence names, with the country that qualifies it ("Turkish
# security forces", "Russia's Federal Security Service (FSB)", "Iran's ministry of intelligence", "the CTD",
# "Taliban forces"). Words that name no country ("security forces", "police", "the authorities") are the forces
# of the country the operation took place in (`force_of_country`), never a default of another country's.
_COUNTRY_WORD = r"(?-i:[A-Z][^\W\d_]+(?:['’]s)?)"
# Capitalised words that open a sentence or a clause ("The police", "When soldiers") or name a level or branch of
# the state ("Provincial police", "National Defense Forces"), not a country's.
_NOT_COUNTRY = (
    r"(?-i:The|A|An|In|On|At|By|For|But|And|As|When|While|After|Before|Then|Later|Earlier|Meanwhile|Local|Its|Their"
    r"|Some|Several|Two|Three|Four|Five|Six|Police|Security|Government|Border|Special|Intelligence|Federal|State"
    r"|Provincial|District|Regional|National|Defense|Defence|Interior|Elite)\b"
)
_AUTHORITIES = r"(?:authorities|officials|government)"
_FORCE_NAME = re.compile(
    rf"(?<![\w-])(?:the\s+)?(?:(?!{_NOT_COUNTRY}){_COUNTRY_WORD}\s+)?"
    rf"(?:(?:{STATE_FORCES}){FORCE_WORD_AFTER}|{_AUTHORITIES})"
    r"(?:\s*\((?-i:[A-ZÀ-Ý]{2,6})\))?",
    re.I,
)
# What the force was doing when named: the target of an attack or a clash ("attacks on security forces", "killed
# two policemen") is no doer.
_FORCE_AS_TARGET = re.compile(
    r"\b(?:on|against|targeting|targeted|killed|killing|attacked|ambushed|wounded|injured|kidnapped|abducted"
    r"|targets|killing\s+(?:\w+\s+){0,2})\s+(?:(?:two|three|four|five|six|several|\d+)\s+)?$",
    re.I,
)
_GENERIC_FORCE = re.compile(
    rf"(?:the\s+)?(?:(?:security|government|local|special|intelligence|border|coalition)\s+)*"
    rf"(?:{_FORCES}|police(?:men)?|troops|soldiers|commandos|gendarmes|gendarmerie|prosecutors?"
    r"|law\s+enforcement\s+\w+|officials)",
    re.I,
)


def named_force(sentence: str) -> str | None:
    """The state force the sentence names as a doer (the first one not named as a target), as the sentence names
    it, without its article: "Turkish security forces", "Iran's ministry of intelligence", "police"."""
    for match in _FORCE_NAME.finditer(sentence):
        if _FORCE_AS_TARGET.search(sentence, max(0, match.start() - 40), match.start()):
            continue
        return re.sub(r"^the\s+", "", re.sub(r"\s+", " ", match.group()), flags=re.I)
    return None


def force_of_country(force: str | None, country_adjective: str | None) -> str | None:
    """The actor a named force gives: the canonical name of a known actor ("Taliban forces" -> "Taliban"), the
    force as named when it names its country or agency, the country's forces for words that name none ("police" in
    Turkey -> "Turkish police"; "the authorities" -> "Turkish forces"), else None."""
    if force is None:
        return None
    if (words := re.fullmatch(rf"(?P<country>{_COUNTRY_WORD})\s+{_AUTHORITIES}", force)) is not None:
        return f"{words.group('country')} forces"  # "Uzbek authorities": the country's forces
    if _GENERIC_FORCE.fullmatch(force) is None:
        # a known actor the words name ("Taliban forces", "Islamic Emirate"), not a generic word inside them
        known = [a.actor for a in find_actors(force) if _GENERIC_FORCE.fullmatch(a.text) is None]
        return known[0] if known else force
    if country_adjective is None:
        return None
    if re.fullmatch(rf"(?:the\s+)?{_AUTHORITIES}", force, re.I):
        return f"{country_adjective} forces"
    return f"{country_adjective} {force.lower()}"
