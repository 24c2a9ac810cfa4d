"""What kind of event a sentence reports: presence, attack, cross_border_launch or counter_operation (+ sub-type).

`Classifier` is the interface (one method, `classify(sentence, context)`); `RuleClassifier` implements it with
cue words and patterns so that a statistical model can replace it without touching the extractor. A sentence
may report several kinds of event ("the raid killed 20 fighters" is a counter-operation, not an attack by the
group); the rules return them ranked, best first.

The cues are data, one table per event type (`LAUNCH_RULES`, `COUNTER_RULES`, `ATTACK_RULES`, `PRESENCE_RULES`)
and the conditions that qualify them (`CONDITIONS`): each rule gives its pattern, type and sub-type, the cue
fragments that gate it, an example sentence it must label (`tests/test_classify.py` runs every example) and its
own name. To teach the classifier a new cue, add a rule with its example and a name; within a table the first rule
that matches wins.
The tables are compiled once, at import, into `CUE_TABLE` (a constant: nothing is added to it later).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

import ahocorasick

from isk_atlas.events.claims import ACTORS
from isk_atlas.events.deeds import BETWEEN_SUBJECT_AND_VERB, FORCE_WORD_AFTER, GROUP_WORDS, STATE_FORCES
from isk_atlas.schema import SUB_TYPES


@dataclass(frozen=True)
class Label:
    """A kind of event a sentence reports, with the words that triggered it (`cue`, for the analyst) and where
    they matched in the classified text (`start`; None from a classifier that gives no offset). Two labels of the
    same kind and cue are equal wherever they matched."""

    event_type: str
    sub_type: str
    score: float
    cue: str
    start: int | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        if self.sub_type not in SUB_TYPES.get(self.event_type, ()):
            raise ValueError(f"{self.sub_type!r} is not a sub-type of {self.event_type!r}")

    def cue_at(self, text: str) -> int:
        """Where the cue stands in `text` (the text classified): where it matched, or, without that offset, its
        first occurrence (-1: none)."""
        return self.start if self.start is not None else text.find(self.cue)


class Classifier(Protocol):
    """Anything that labels a sentence; `context` is the text around it (paragraph) for models that want it."""

    version: str

    def classify(self, sentence: str, context: str = "") -> list[Label]: ...


@dataclass(frozen=True)
class _Cue:
    """A cue pattern and the lower-case fragments every match contains (a cheap test before the regex runs).

    `bit` is the cue's own bit: a sentence's mask of present fragments (`_stem_mask`) has it set when one of the
    cue's fragments occurs, so the test costs one integer AND. `starts`, when given, holds the lower-case first
    words of the pattern's alternatives (each alternative opens with a word boundary and one of them): the pattern
    is then tried only where one stands, found by plain substring search, which gives `pattern.search`'s leftmost
    match in a fraction of the time.
    """

    pattern: re.Pattern[str]
    stems: frozenset[str]
    bit: int
    starts: tuple[str, ...] = ()
    # For many start words, one scan for all of them (`_cue` builds it): it finds each start word that begins at a
    # word boundary, the only places where the pattern can match (start words are letters only; a start word
    # inside another one's match has a letter before it, so no boundary).
    start_scan: re.Pattern[str] | None = None

    def search(self, sentence: str, present: int, lowered: str = "") -> re.Match[str] | None:
        if not present & self.bit:
            return None
        if not self.starts or not lowered:
            return self.pattern.search(sentence)
        if self.start_scan is not None:
            for start in self.start_scan.finditer(lowered):
                match = self.pattern.match(sentence, start.start())
                if match is not None:
                    return match
            return None
        positions: list[int] = []
        for word in self.starts:
            at = lowered.find(word)
            while at >= 0:
                positions.append(at)
                at = lowered.find(word, at + 1)
        if len(positions) > 1:
            positions.sort()
        for at in positions:
            match = self.pattern.match(sentence, at)
            if match is not None:
                return match
        return None


# Characters that case-insensitive matching equates with an ASCII letter although lower() does not give it
# ("ſ" matches "s", the Kelvin sign "k"): where one occurs, the cue patterns scan the sentence themselves.
_CASE_TRAPS = frozenset("İıſK")


def _lowered_for_starts(sentence: str) -> str:
    """The sentence lower-cased with the same offsets, or "" when substring positions could mislead."""
    lowered = sentence.lower()
    if len(lowered) != len(sentence) or (not sentence.isascii() and not _CASE_TRAPS.isdisjoint(sentence)):
        return ""
    return lowered


@dataclass(frozen=True)
class CueRule:
    """One cue, declared: `pattern` (case-blind), the event type and sub-type it labels, and its `example`; `name`
    (keyword, lower-case words joined by "_", unique across the tables) is the rule's own key, what an analysis
    calls it by (`benchmarks/ablation.py`), so that it does not change when a rule is added or moved.

    `stems` are lower-case fragments every match contains ("|"-separated: a cheap test before the pattern runs);
    `starts`, when given, the lower-case first words of the pattern's alternatives (each alternative opens with a
    word boundary and one of them), so that the pattern is tried only where one stands. `not_after`, a pattern
    that, matching the 30 characters before the cue, means the cue does not tell an event ("after hearing
    explosions"); `not_in_sentence`, a pattern that, found anywhere in the sentence, means the cue does not tell
    its event there ("the terrorist was shot dead" in a sentence telling the attack he made). `counter_example`,
    when given, a sentence the rule must not label (`tests/test_classify.py` runs it on the rule alone).
    """

    event_type: str
    sub_type: str
    pattern: str
    stems: str
    example: str
    score: float
    starts: str = ""
    not_after: str = ""
    not_in_sentence: str = ""
    counter_example: str = ""
    name: str = field(kw_only=True)

    def __post_init__(self) -> None:
        if self.sub_type not in SUB_TYPES.get(self.event_type, ()):
            raise ValueError(f"{self.sub_type!r} is not a sub-type of {self.event_type!r}")
        if not re.fullmatch(r"[a-z]+(?:_[a-z]+)*", self.name):
            raise ValueError(f"a rule's name is lower-case words joined by '_': {self.name!r}")


@dataclass(frozen=True)
class Condition:
    """A pattern that qualifies the rules: a launch needs `cross_border`; `hypothetical` talk is no event;
    `negated` presence ("no longer active") is none. `example` is a sentence it must match."""

    name: str
    pattern: str
    stems: str
    example: str
    starts: str = ""


# "after hearing explosions", "heard no gunfire": a sound reported, not an attack (that is told where it happened).
_HEARD = r"\b(?:hear|hears|heard|hearing)\s+(?:no\s+|any\s+|the\s+|loud\s+|several\s+|an?\s+)?$"

# "a training facility for suicide bombers": where bombers are trained (a base), not an attack.
_SCHOOLED = (
    r"\b(?:training|camps?|facility|facilities|school|schools|centre|center)\s+for\s+(?:would-be\s+)?(?:suicide\s+)?$"
)
# "the alleged bombers", "two would-be suicide bombers": people suspected of a plan, not an attack told.
_SUSPECTED = r"\b(?:alleged|would-be|suspected|potential|prospective|trainee)\s+(?:suicide\s+)?$"

# "a planned terrorist attack", "chosen as a target for a terrorist attack", "made preparations for an attack",
# "wanted to carry out attacks": a plot, not an attack told.
_PLANNED = (
    r"\b(?:target\s+for|planned|planning|plotted|plotting|prepared|preparing|preparations?\s+for"
    r"|(?:wanted|intended|aimed|sought|plann?ed)\s+to\s+(?:carry\s+out|commit|stage|conduct|launch))\s+(?:an?\s+|the\s+)?"
    r"[\"“‘']?(?:(?:terrorist|terror|suicide|major|large-scale)\s+)?$"
)

_NO_BOMBING = f"{_HEARD}|{_SCHOOLED}|{_SUSPECTED}|{_PLANNED}"

# The group named as the doer of a killing, in the active voice with its victims after the verb: "IS-K fighters
# killed two traders in the city", "the statement said ISKP shot dead a police officer". News tells the group's
# attack this way as often as by "an attack" (the killing is the whole story); "Five Daesh militants killed in X"
# (a headline's passive: the group's men killed) and "ISKP killed during the raid" are none.
_GROUP_KILLED = (
    r"(?-i:\b(?:" + "|".join(ACTORS["ISIS-K"]) + r"))(?:\s+(?:fighters|militants|members|cadres|gunmen|terrorists"
    r"|insurgents|jihadists|attackers|operatives|loyalists))?(?:\s*,\s*(?:which|who))?"
    r"(?:\s+(?:has|have|had|also|reportedly|allegedly|then"
    r"|later|on\s+\w+(?:\s+\d{1,2})?|last\s+\w+))*\s+(?:killed|shot\s+dead|beheaded|executed|gunned\s+down)\b"
    r"(?!\s+(?:in|by|during|at|on|when|as|after|while|near|and|or|for|since|over|with)\b)(?!\s*[,.;:)])"
)

# "vulnerable to recruitment", "working to counter its extremist propaganda": what someone resists or works
# against, not what the group does there.
_COUNTERED = (
    r"\b(?:vulnerable|susceptible|prone|resistant)\s+to\s+$"
    r"|\b(?:counter|countering|combat|combating|prevent|preventing|against)\s+(?:[\w'’-]+\s+){0,3}$"
)

# A holding of the group named as what others struck or what it lost ("attacks on Daesh hideouts", "raided an ISKP
# base", "lost its last remaining strongholds"): an operation against it (the corpus codes such a sentence as the
# counter-operation alone), not a report of where the group is. A holding found ("discovered an IS base") is one.
_HOLDING_STRUCK_OR_LOST = (
    r"\b(?:(?:attacks?|raids?|strikes?|airstrikes?|assaults?|operations?|offensives?)\s+(?:on|against)"
    r"|raided|stormed|struck|targeted|targeting|attacked|bombed|destroyed|dismantled|demolished"
    r"|lost|loses|losing|lose)\s+"
    r"(?:(?:an?|the|its|their|several|many|all|most|much|of|last|remaining|key|main|former|two|three|four|five|\d+"
    r"|suspected|alleged|militant|terrorist|group['’]s|militants['’]|Daesh|ISIS|ISKP|IS-K|IS|ISIL|Islamic"
    r"|State['’]s?)\s+){0,4}$"
)

# The group's men killed or beheaded by someone, and how many: "killed six", "the killing of at least 20",
# "beheaded an estimated 300".
_KILLED = r"(?:kill(?:ed|ing)(?:\s+of)?|behead(?:ed|ing|s)?(?:\s+of)?)"
_HOW_MANY = (
    r"(?:at\s+least\s+|more\s+than\s+|about\s+|some\s+|over\s+|nearly\s+|around\s+|an\s+estimated\s+)?"
    r"(?:\d[\d,]*|[a-z]+)\s+"
)
# The group's short names, as news writes them before its men ("six Daesh members", "ISIS militants died"; the
# counter rules' `group_men_killed`) and as `_NOT_THE_GROUPS` refuses them before a force's name.
_GROUP_SHORT_NAMES = ("Daesh", "Daesh-K", "ISIS", "IS", "ISIL", "ISKP", "IS-K", "ISIS-K")
_THE_GROUP = f"(?:{'|'.join(_GROUP_SHORT_NAMES)})"

# ---------------------------------------------------------------------------------------------- cues

LAUNCH_RULES: tuple[CueRule, ...] = (
    CueRule(
        "cross_border_launch", "rocket_fire",
        r"\b(?:rockets?|missiles?|katyushas?|projectiles?|mortars?|shells?)\b[^.]{0,120}?\b(?:launched|fired|struck|"
        r"hit|landed|fell)\b|\b(?:launched|fired)\b[^.]{0,60}?\b(?:rockets?|missiles?|katyushas?|projectiles?)\b"
        r"|\b(?:rocket|missile)\s+attacks?\b",
        "rocket|missile|katyusha|projectile|mortar|shell",
        "Several rockets fired from Afghan soil landed near a border town in Tajikistan.",
        0.9,
        "rocket missile katyusha projectile mortar shell launched fired",
        name="rockets_fired",
    ),
    # The deed told as a gerund: "claimed responsibility for firing rockets", "accused of launching missiles".
    CueRule(
        "cross_border_launch", "rocket_fire",
        r"\b(?:launching|firing)\s+(?:[\w-]+\s+){0,2}?(?:rockets?|missiles?|katyushas?|projectiles?|mortars?|shells)\b",
        "rocket|missile|katyusha|projectile|mortar|shell",
        "The group said it was behind firing two rockets into Uzbekistan from the border district.",
        0.9,
        "launching firing",
        name="firing_rockets",
    ),
)  # fmt: skip

# Fighting told as a happening: not "to fight", "fighting alongside", "a battle with" (another war's words).
_FIGHTING = r"(?:clash(?:es|ed)?|fighting(?!\s+alongside)|fought|firefights?|gunbattles?|fight\s+between|battle\s+of)"

# The state's forces as the subject of a deed, or announcing it of themselves ("the FSB said Thursday it killed",
# "the ministry announced that it had arrested"): `_STATE_DOES` and a verb, then what the deed was done to
# (`_DONE_TO`: the group, its men, suspects, a cell). What they did is their operation against the group, even when
# the sentence names the attack those men planned ("killed militants who were planning an attack on X").
# (not the group's own "soldiers" or "police": "IS soldiers killed a militia leader" is its attack)
_NOT_THE_GROUPS = "".join(rf"(?<!(?-i:{name})\s)" for name in _GROUP_SHORT_NAMES)
_STATE_DOES = (
    # ("Uzbek authorities", "Turkish authorities": a country's authorities, as headlines name the state acting)
    rf"(?<![\w-]){_NOT_THE_GROUPS}(?:{STATE_FORCES}|(?-i:[A-Z][a-z]+)\s+authorities)(?:['’]s?)?{FORCE_WORD_AFTER}"
    r"(?:\s*\([^()]{1,12}\))?"
    # ("the Taliban intelligence said it had killed", "the CTD spokesman said they arrested": who spoke for them)
    r"(?:\s+(?:intelligence|spokesm[ae]n|spokesperson|officials?|ministry|department|chief))?"
    r"(?:,?\s+(?:said|says|announced|reported|stated|claimed)(?:\s+(?:on\s+)?\w+day)?(?:\s+that)?\s+(?:it|they))?"
    rf"{BETWEEN_SUBJECT_AND_VERB}"
)
_DONE_TO = (
    rf"\s+(?:[\w'’-]+\s+){{0,5}}?(?:{GROUP_WORDS}|suspects|individuals|people|persons|men|members|operatives"
    r"|terrorists|militants|fighters|insurgents|jihadists|commanders|leaders|cells?|network|teams?)\b"
)

# A member of the group named as the one killed, with no doer or another's ("an ISIS-K commander was shot dead in
# the city", "the terrorist, identified as X, was gunned down by unknown men", headlines' "Daesh leader killed in
# X"): a death of the group's man is an action against it, not its attack, when the sentence tells no attack
# (`_ATTACK_TOLD`: "two ISKP fighters were killed after they attacked a checkpoint" is the group's attack). The
# victim is named by his role in the group: "the attackers were killed" or "the bomber died" in an attack report
# are the attack's own men and name no such role.
_GROUP_NAMES = "|".join(ACTORS["ISIS-K"])
_ROLE_IN_GROUP = (
    r"(?:commanders?|leaders?|members?|militants?|fighters?|terrorists?|operatives?|figures?|chiefs?|emirs?|amirs?"
    r"|recruiters?|financiers?|facilitators?|ideologues?|spokesm[ae]n|officials?)"
)
_GROUP_MEMBER = (
    # "an ISIS-K commander", "ISKP's top recruiter", "a Daesh Tajik militant"
    rf"(?-i:\b(?:{_GROUP_NAMES}))(?:['’]s)?\s+(?:[\w-]+\s+)?{_ROLE_IN_GROUP}"
    # "a senior commander of ISIS-K", "a member of the terrorist group", "a commander of the banned outfit Daesh"
    rf"|\b{_ROLE_IN_GROUP}\s+(?:of|in|with|from)\s+(?:the\s+)?(?:(?:banned|proscribed|outlawed|terrorist|militant"
    rf"|jihadist)\s+){{0,2}}(?:(?:(?:group|outfit|organi[sz]ation)\s+)?(?-i:(?:{_GROUP_NAMES}))\b"
    r"|(?:group|outfit|organi[sz]ation)\b)"
    # "the terrorist", "a wanted terrorist" (news names the group's men so; not "the attacker", "the gunman")
    r"|\b(?:the|a|an)\s+(?:(?:wanted|notorious|senior|key|top|foreign|local)\s+)?terrorists?\b"
)
_MEMBER_KILLED = (
    # (his name may follow: "Daesh commander Abu Omar was killed")
    rf"(?:{_GROUP_MEMBER})(?:\s+(?-i:[A-Z][\w'’-]+)){{0,4}}(?:,[^,.;:]{{1,80}}){{0,3}}?,?\s+(?:(?:was|were|(?:has|have|had)\s+been|got)\s+)?"
    r"(?:(?:reportedly|allegedly|also|later|mysteriously|brutally)\s+)?"
    r"(?:killed|shot\s+dead|shot|gunned\s+down|assassinated|murdered|slain|found\s+dead|stabbed\s+to\s+death)\b"
    # (no object after the verb: "an ISKP fighter shot a policeman" is his deed; the group as the agent neither)
    r"(?=\s+(?:in|on|near|at|by|during|outside|inside|overnight|last|this|early|late|yesterday|today|after|while"
    r"|when|along|as)\b|\s*[,.;:()—–]|\s*$)"
    rf"(?!\s+by\s+(?:the\s+|its\s+|fellow\s+)*(?-i:(?:{_GROUP_NAMES}))\b)"
)
# The same told in the active voice, by killers the sentence does not name ("unknown gunmen shot dead an ISKP
# commander", "unidentified assailants killed a senior Daesh member"): bare words for armed men are the group's
# only where nothing says otherwise; with the group's own man named as the one they killed, they are someone else.
_UNNAMED_KILLERS = (
    r"(?:(?:unknown|unidentified|masked|armed|motorcycle-borne|motorbike-riding)\s+){0,2}"
    r"(?:gunmen|assailants|attackers|men|persons|people|killers|shooters)"
)
_MEMBER_KILLED_BY_UNNAMED = (
    # (not "ISKP gunmen killed ...": the group's own)
    rf"\b{_NOT_THE_GROUPS}{_UNNAMED_KILLERS}{BETWEEN_SUBJECT_AND_VERB}(?:shot\s+dead|killed|gunned\s+down"
    r"|assassinated|murdered|shot\s+and\s+killed|stabbed\s+to\s+death)\s+(?:an?\s+|the\s+|two\s+|three\s+)?"
    rf"(?:(?:alleged|suspected|senior|key|top|local|prominent|notorious|wanted)\s+){{0,2}}(?:{_GROUP_MEMBER})"
)
_ATTACK_TOLD = (
    r"\b(?:attack(?:s|ed|ing)?|assault(?:s|ed|ing)?|bomb(?:s|ed|ing|ings|ers?)?|blasts?|explosions?|suicide|stormed"
    r"|storming|opened\s+fire|ambush(?:ed|es)?)\b"
)

# An attack told with its own doers killed in it: "gunmen stormed a temple, killing two, before forces killed the
# attackers".
_ATTACKERS_KILLED_IN_IT = (
    r"\b(?:stormed|storming|opened\s+fire|attacked|ambushed)\b[^.;]*?\b(?:killed|shot\s+dead|neutrali[sz]ed"
    r"|eliminated)\s+(?:all\s+|the\s+|both\s+|\w+\s+of\s+the\s+)?(?:\w+\s+)?(?:attackers|assailants|gunmen)\b"
)

# A determiner, and a number or an adjective at most, right before a cue participle: "the four captured", "its
# detained", "two arrested" (the participle is an adjective of the noun after it, not the deed the sentence tells).
_NAMED_BY_THE_DEED = (
    r"\b(?:the|its|their|his|those|these|all)\s+(?:(?:\d+|two|three|four|five|six|seven|eight|nine|ten|other|recently"
    r"|newly|later)\s+)?$"
)

# A relative clause telling what the group has done over time ("..., which has fought against the Taliban"): its
# record, not a fight told.
_RECORD_OF_FIGHTING = r"\b(?:which|who|that)\s+(?:has|have|had)\s+(?:long\s+|also\s+|often\s+|repeatedly\s+)?$"

COUNTER_RULES: tuple[CueRule, ...] = (
    # The Taliban fighting the group (before 2021 too) is an operation against it, not the group's attack: it
    # outranks the attack cue "clash" (score above the attack rules').
    CueRule(
        "counter_operation", "military_operation",
        rf"\b{_FIGHTING}\b[^.]{{0,90}}?\bTaliban\b|\bTaliban\b[^.]{{0,90}}?\b{_FIGHTING}\b",
        "taliban", "About 300 militants were killed in two weeks of clashes between the group and the Taliban.", 0.85,
        name="fighting_the_taliban",
        # ("the group's branch, which has fought against both the government and the Taliban": its record)
        not_after=_RECORD_OF_FIGHTING,
    ),
    # So is any state's forces fighting it (police, armies, intelligence agencies, border guards in Afghanistan,
    # Pakistan, Iran or Central Asia: `deeds.STATE_FORCES`), whoever struck first, when the forces are a party to the
    # fighting: "clashes between the gunmen and security forces", "a gunbattle with police", "fighting broke out
    # between police and the militants", "soldiers fought the militants" (not "the police chief said fighting broke
    # out"). It outranks the attack cue "clash", not a deed the sentence tells beside it ("civilians were abducted
    # during fighting with the army": the abduction first).
    CueRule(
        "counter_operation", "military_operation",
        rf"\b{_FIGHTING}(?:\s+(?:broke\s+out|erupted|flared(?:\s+up)?|raged|ensued))?\s+(?:between|with|against)\s+"
        r"(?:[^.;:]{0,60}?\s+and\s+)?(?:the\s+|local\s+)?"
        rf"(?:{STATE_FORCES})\b"
        rf"|(?<![\w-])(?:{STATE_FORCES})"
        # ("Afghan forces supported by Americans are battling Daesh")
        r"(?:,?\s+(?:supported|backed|assisted|aided)\s+by\s+(?:[\w-]+\s+){0,2}?[\w-]+,?)?"
        r"\s+(?:(?:have|had|has|also|reportedly|repeatedly|heavily)\s+)*"
        r"(?:clashed|fought|battled|(?:are|were|is|was|have\s+been|had\s+been)\s+(?:battling|fighting(?!\s+alongside)))\b"
        # (the forces as those who fell in it: "three police officers were killed in a clash with the militants", in a
        # headline "3 police officers killed in Yalova clash with the militants")
        rf"|(?<![\w-])(?:{STATE_FORCES})(?:\s+(?:officers?|personnel|members|men|guards))?\s+(?:(?:were|was|have\s+been"
        r"|had\s+been)\s+)?(?:killed|wounded|injured|martyred)(?:\s+and\s+\w+)?\s+(?:in|during)\s+(?:an?\s+|the\s+)?"
        rf"(?:[\w-]+\s+){{0,2}}?{_FIGHTING}\s+with\b",
        "clash|fight|fought|firefight|gunbattle|battl",
        "Two of its fighters died in a gunbattle with Pakistani security forces near the border.", 0.75,
        name="fighting_state_forces",
        not_after=_RECORD_OF_FIGHTING,
    ),
    # A bomb dropped from the air is a strike on the group, not its bombing ("the 'mother of all bombs' dropped by US
    # forces on a cave complex"): it outranks the bombing cue.
    CueRule(
        "counter_operation", "airstrike",
        r"\bdrop(?:ped|ping|s)?\b[^.]{0,80}?\bbombs?\b|\bbombs?\b[^.]{0,80}?\bdropped\b",
        "drop", "US forces dropped their largest non-nuclear bomb on a tunnel complex of the group.", 0.85,
        name="bombs_dropped",
    ),
    CueRule(
        "counter_operation", "surrender",
        r"\bsurrender(?:ed|s|ing)?\b|\blaid\s+down\s+(?:their\s+)?arms\b"
        r"|\b(?:turn(?:ed|ing|s)?|handed|handing)\s+themselves\s+(?:over|in|into)\b",
        "surrender|laid|themselves", "Dozens of fighters surrendered to the authorities last week.", 0.75,
        name="surrender",
    ),
    CueRule(
        "counter_operation", "airstrike",
        r"\b(?:air\s*strikes?|drone\s+(?:strikes?|attacks?)|air\s+raids?|bombed\s+by\s+(?:jets|aircraft)"
        r"|(?:unmanned\s+)?(?:aerial|air)[\s-]vehicle\s+(?:strikes?|attacks?)|UAV\s+(?:strikes?|attacks?))\b",
        "air|drone|bombed|aerial|uav",
        # (a drone is told by what it is, "an unmanned aerial vehicle", as often as by its name)
        "A US unmanned air-vehicle strike killed a commander of the group.", 0.75,
        name="airstrike",
    ),
    # The state's forces killing, arresting or breaking up the group's men, or stopping its plot (`_STATE_DOES`):
    # their operation, outranking the attack a plot names and the bombing or shooting a clause beside it recalls.
    CueRule(
        "counter_operation", "military_operation",
        rf"{_STATE_DOES}(?:killed|kills?|shot\s+dead|neutrali[sz]ed|eliminated|eliminates?|executed|executes?|hanged"
        rf"|hangs?){_DONE_TO}",
        "kill|shot|neutrali|eliminat|execut|hang",
        'Russian security agents said on Friday they killed two gunmen of the group who were planning a "terrorist'
        ' attack" on a theatre.', 0.85,
        # (the attack's own men killed as the sentence tells it: "gunmen stormed a temple, killing two, before
        # forces killed the attackers" is the attack)
        not_in_sentence=_ATTACKERS_KILLED_IN_IT,
        counter_example="Gunmen stormed a temple, killing two people, before Taliban forces killed the attackers.",
        name="state_force_killed",
    ),
    CueRule(
        "counter_operation", "arrest",
        rf"{_STATE_DOES}(?:arrested|arrests?|detained|detains?|apprehended|apprehends?|captured|captures?"
        rf"|rounded\s+up|dismantled|dismantles?|busted|busts?|broke\s+up|breaks?\s+up){_DONE_TO}",
        "arrest|detain|apprehend|captur|rounded|dismantl|bust|broke|break",
        "The intelligence ministry announced that it had arrested ten people tied to the group who planned bombings.",
        0.85,
        name="state_force_arrested",
    ),
    CueRule(
        "counter_operation", "raid",
        rf"{_STATE_DOES}(?:thwarted|thwarts?|foiled|foils?|averted|disrupted)\s+(?:[\w'’-]+\s+){{0,3}}?"
        rf"(?:{GROUP_WORDS}|plots?|plans?|attacks?|attempts?|efforts|bombings?)\b",
        "thwart|foil|averted|disrupted",
        "The National Intelligence Organization (MIT) foiled the group's plans after a shooting at a church.", 0.85,
        name="state_force_foiled",
    ),
    # A plot stopped is the operation that stopped it: "agents thwarted a planned terrorist attack on a police station",
    # "operatives prevented a terrorist attack", told noun first in a headline: "terror plot foiled in the capital".
    CueRule(
        "counter_operation", "raid",
        r"\b(?:thwart(?:ed|ing|s)?|foil(?:ed|ing|s)?|averted|disrupted|prevent(?:ed|s))\s+"
        r"(?:an?\s+|the\s+|several\s+|two\s+)?(?:[\w-]+\s+){0,2}(?:attacks?|plots?|bombings?|attempts?)\b"
        r"|\b(?:plots?|attacks?|attempts?|bombings?)\s+(?:(?:was|were|has\s+been|have\s+been)\s+)?"
        r"(?:thwarted|foiled|averted|prevented)\b",
        "thwart|foil|averted|disrupted|prevent", "Its agents thwarted a planned terrorist attack on a police station.",
        0.75,
        counter_example="Security was tightened to prevent attacks during the festival.",
        name="plot_thwarted",
    ),
    CueRule(
        "counter_operation", "raid",
        r"\braid(?:ed|s)?\b|\bhideouts?\b|\bstormed\s+(?:a|the)\s+(?:hideout|safe\s*house|cell)",
        "raid|hideout|stormed", "Security forces raided a hideout of the group on the outskirts.", 0.75,
        name="raid",
    ),
    CueRule(
        "counter_operation", "military_operation",
        r"\b(?:operations?|offensive|clearance|crackdown|campaign)\s+(?:against|targeting|on|to\s+clear)\b"
        r"|\b(?:conduct(?:ed|ing)?|carr(?:ied|ying)\s+out|launch(?:ed|ing)?|start(?:ed)?)\s+"
        r"(?:an?\s+|the\s+|the\s+start\s+of\s+an?\s+)?"
        r"(?:large-scale\s+|military\s+|security\s+|major\s+)?operations?\b|\bsecurity\s+forces'?\s+operations\b"
        r"|\bforces\s+(?:killed|defeated|repressed|cleared)\b|\bdefeating\s+the\s+(?:terrorist\s+)?group\b"
        r"|\b(?:decimated|routed|crushed|expelled)\s+(?:the\s+)?(?:ISIS|IS|ISKP|Daesh|group)"
        r"|\b(?:attacks?|strikes?|operations?)\s+against\s+(?:the\s+)?(?:ISIS|IS|ISKP|ISIS-K|Daesh|Islamic\s+State)\b",
        "operation|offensive|clearance|crackdown|campaign|forces|defeat|decimated|routed|crushed|expelled|attack|strike",
        "Forces launched a large-scale operation against the group in the district.", 0.75,
        "operation offensive clearance crackdown campaign conduct carried carrying launch start security forces "
        "defeating decimated routed crushed expelled attack strike",
        name="operation_against",
    ),
    # Ground taken back from the group: "the Taliban retook the district from ISKP fighters", "Afghan forces
    # recaptured the valley from the Islamic State" (not "the group seized the village from the Taliban").
    CueRule(
        "counter_operation", "military_operation",
        r"\b(?:retook|retaken|retakes?|recaptured|recaptures?|liberated|liberates?|reclaimed|wrested|cleared)\b"
        rf"[^.;]{{0,80}}?\bfrom\s+(?:the\s+)?(?:control\s+of\s+(?:the\s+)?)?(?:{GROUP_WORDS})",
        "retook|retaken|retake|recapture|liberate|reclaimed|wrested|cleared",
        "Government forces recaptured the valley from the Islamic State after a week of fighting.", 0.75,
        counter_example="The group wrested the valley from Taliban forces after a week of fighting.",
        name="ground_retaken",
    ),
    # The group losing ground: "it lost its last remaining strongholds in the province", "IS-K has lost territory"
    # (taken from it: an operation against it), not "the Taliban lost ground to the group" (its gain).
    CueRule(
        "counter_operation", "military_operation",
        r"\b(?:lost|loses|lose|losing)\s+(?:(?:its|their|the|all|last|remaining|most|many|much|of|several|key|main"
        r"|former|major)\s+){0,4}(?:strongholds?|bases|territory|territories|footholds?|bastions?|safe\s+havens?"
        r"|positions|hideouts?|heartland|ground|control\s+(?:of|over))\b"
        rf"(?![^.;]{{0,60}}\bto\s+(?:the\s+|its\s+)?(?:(?-i:(?:{_GROUP_NAMES}))\b|group\b|militants\b|jihadists\b))",
        "lost|lose|losing", "By the spring the group had lost its last remaining strongholds in the province.", 0.75,
        counter_example="The Taliban lost control of the valley to Daesh fighters in June.",
        name="lost_strongholds",
    ),
    CueRule(
        "counter_operation", "military_operation",
        r"\b(?:was|were|been)\s+(?:largely\s+|mostly\s+|finally\s+)?(?:expelled|driven\s+out|ousted|pushed\s+out|"
        r"routed|cleared)\s+(?:from|of)\b",
        "expelled|driven|ousted|pushed|routed|cleared",
        "The group was largely expelled from its heartland in the east in November 2019.", 0.75,
        name="expelled_from",
    ),
    CueRule(
        "counter_operation", "military_operation",
        r"\b(?:militants|members|fighters|terrorists|insurgents)\s+(?:were\s+|have\s+been\s+|had\s+been\s+)?"
        r"killed\s+in\b",
        "killed", "Five alleged Daesh militants killed in the provincial capital.", 0.75,
        name="militants_killed_in",
    ),
    # The group's holdings destroyed, told in the passive ("21 of its sanctuaries were eliminated", "three hideouts
    # of the group have been destroyed"): an operation against it, whoever is left unnamed as its doer.
    CueRule(
        "counter_operation", "military_operation",
        r"\b(?:sanctuaries|hideouts?|bases|strongholds|camps|cells|safe\s*houses|training\s+cent(?:re|er)s)"
        r"(?:\s+(?:of|belonging\s+to)\s+(?:the\s+)?[\w-]+(?:\s+[\w-]+)?)?"
        r"\s+(?:were|have\s+been|had\s+been)\s+(?:\w+\s+)?(?:eliminated|destroyed|dismantled|cleared|demolished"
        r"|busted|overrun)\b",
        "eliminated|destroyed|dismantled|cleared|demolished|busted|overrun",
        "Officials said 21 sanctuaries of the group were eliminated in several provinces.", 0.75,
        name="holdings_destroyed",
    ),
    # Men killed in operations, told in the passive with the operation as the means ("hundreds of its fighters,
    # some commanders among them, have been killed in Afghan and US operations"): the operations against the
    # group, whatever stands between the men and the verb. Not the group's own "suicide operations".
    CueRule(
        "counter_operation", "military_operation",
        r"\b(?:has|have|had)\s+been\s+killed\s+(?:in|during)\s+"
        r"(?:(?!suicide\b|martyrdom\b)[\w-]+\s+){0,4}?(?:operations|offensives|raids|air\s*strikes)\b",
        "killed", "Hundreds of the group's fighters have been killed in Afghan and US operations since January.", 0.75,
        name="killed_in_operations",
    ),
    CueRule(
        "counter_operation", "military_operation", _MEMBER_KILLED,
        "killed|shot|gunned|assassinat|murder|slain|dead|stabbed",
        "A senior ISIS-K commander was shot dead by unknown gunmen in the northern city on Tuesday.", 0.85,
        not_in_sentence=_ATTACK_TOLD,
        counter_example="Two ISKP fighters were killed after they attacked a checkpoint in the district.",
        name="group_member_killed",
    ),
    CueRule(
        "counter_operation", "military_operation", _MEMBER_KILLED_BY_UNNAMED,
        "gunmen|assailants|attackers|men|persons|people|killers|shooters",
        "Unidentified gunmen shot dead a senior ISKP commander outside his home on Friday.", 0.85,
        not_in_sentence=_ATTACK_TOLD,
        counter_example="Unidentified gunmen shot dead a Taliban commander outside his home on Friday.",
        name="group_member_killed_by_unnamed",
    ),
    # The group's men killed by someone ("claimed to have killed six Daesh members in Balkh", "the killing of four
    # ISIS militants", "beheaded three members of the Islamic State"), or dying ("the ISIS militants allegedly died
    # in a village"): an operation against it, not a report of its presence.
    CueRule(
        "counter_operation", "military_operation",
        # (the group named beside another group among the dead, "killed four Lashkar and IS fighters", is still there)
        rf"\b{_KILLED}\s+{_HOW_MANY}(?:alleged\s+|suspected\s+|senior\s+|key\s+|top\s+)?"
        rf"(?:(?-i:[A-Z][\w-]*)\s+and\s+)?{_THE_GROUP}\s+"
        r"(?:members|militants|fighters|terrorists|commanders|leaders)\b"
        rf"|\b{_KILLED}\s+{_HOW_MANY}(?:members|militants|fighters|terrorists|commanders)\s+of\s+(?:the\s+)?"
        rf"(?:{_THE_GROUP}|Islamic\s+State)\b"
        rf"|\b{_THE_GROUP}\s+(?:members|militants|fighters|terrorists)\s+(?:(?:allegedly|reportedly)\s+)?died\b",
        "kill|behead|died", "A local militia beheaded four members of the Islamic State in the district.", 0.75,
        name="group_men_killed",
    ),
    CueRule(
        "counter_operation", "arrest",
        r"\b(?:arrests?|arresting|detains?|in\s+custody)\b",
        "arrest|detain|custody", "The arrests were made in the capital last week.", 0.75,
        name="arrests_told",
    ),
    # (a participle before its noun, "the four captured attackers", "the detained men", names people by what befell
    # them in a sentence about something else, mostly the attack they made: `_NAMED_BY_THE_DEED`)
    CueRule(
        "counter_operation", "arrest",
        r"\b(?:arrested|detained|captured|apprehended)\b",
        "arrested|detained|captured|apprehended", "Police arrested five suspected members of the cell.", 0.75,
        not_after=_NAMED_BY_THE_DEED,
        counter_example="The assault on the hall was carried out by the four captured attackers, officials said.",
        name="arrest",
    ),
    # An operation whose doer is the state's forces ("two targeted operations by police commandos") or of a kind
    # only they conduct ("two intelligence-based operations", "a mop-up operation"): theirs against the group, not
    # the group's attack a word beside it may suggest ("targeted"). Last but one of its table: the deed such an
    # operation frames ("arrested X in an operation conducted by ...") says what it was.
    CueRule(
        "counter_operation", "military_operation",
        rf"\boperations?\s+(?:conducted\s+|carried\s+out\s+|launched\s+)?by\s+(?:the\s+)?(?:{STATE_FORCES})"
        r"|\b(?:intelligence[-\s]based|counter[-\s]?terrorism|counter[-\s]?insurgency|cleansing|mop[-\s]?up)\s+"
        r"operations?\b"
        # "killed in a Taliban operation", "detained during a joint security operation": an operation the state's
        # forces ran, named by who ran it or its kind (not "a martyrdom operation", the group's word for its attack)
        rf"|\b(?:in|during)\s+(?:an?|the|two|three|several)\s+(?:(?:{STATE_FORCES}|security|military|joint|night"
        r"|ground|search|clearance|special|government)\s+){1,2}operations?\b",
        "operation", "A cell of the group was broken up in two targeted operations by police commandos.", 0.75,
        name="operation_by_the_state",
    ),
    # A cell or network of the group uncovered or broken up ("authorities dismantle an ISKP cell in X", "a secret
    # cell ... was uncovered in the city of X"): the operation that took its members, not a report of the cell (after
    # `operation_by_the_state`: an operation that broke it up says what kind it was).
    CueRule(
        "counter_operation", "arrest",
        r"\b(?:dismantl(?:e|ed|es|ing)|uncover(?:ed|s|ing)?|bust(?:ed|s)?|neutrali[sz](?:e|ed|es|ing)"
        r"|smash(?:ed|es)?|broke\s+up|break(?:s|ing)?\s+up)\s+(?:[\w’'-]+\s+){0,6}?(?:cells?|networks?|rings?)\b"
        r"|\b(?:cells?|networks?|rings?)\b[^.;]{0,120}?\b(?:was|were|been|is|are)\s+(?:\w+\s+)?(?:dismantled"
        r"|uncovered|busted|exposed|neutrali[sz]ed|smashed|broken\s+up)\b",
        "dismantl|uncover|bust|neutrali|smash|broke|break|cell|network|ring",
        "Authorities dismantled an ISKP cell in the eastern city on Friday.", 0.75,
        name="cell_dismantled",
    ),
)  # fmt: skip

ATTACK_RULES: tuple[CueRule, ...] = (
    CueRule(
        "attack", "assassination",
        r"\bassassinat(?:ed|ion|e)\b|\b(?:killing|death|murder)\s+of\s+(?:Mawlawi|Mullah|Maulvi|General|the\s+"
        r"(?:governor|commander|head|chief))|\btargeted\s+(?:powerful|senior|top)\b"
        # "claimed the killing of a JUI-F leader": a person killed, named by his standing
        r"|\b(?:killing|murder)\s+of\s+(?:an?|the|two|three)\s+(?:[\w-]+\s+){0,3}?(?:leaders?|clerics?|politicians?"
        r"|officials?|journalists?|judges?|elders?|scholars?|candidates?|lawmakers?)\b",
        "assassinat|killing|death|murder|targeted", "The deputy governor was assassinated outside his home.", 0.8,
        not_after=_HEARD,
        name="assassination",
    ),
    CueRule(
        "attack", "hostage_taking", r"\b(?:hostages?|kidnapp?(?:ed|ing)|abduct(?:ed|ion|ing))\b",
        "hostage|kidnap|abduct", "Militants abducted 12 passengers on the highway.", 0.8, not_after=_HEARD,
        name="hostage_taking",
    ),
    CueRule(
        "attack", "suicide_bombing",
        # ("a suspected suicide bombing" is a bombing, its kind in doubt; "a suspected suicide bomber" a person)
        r"\b(?:(?:suspected|alleged|apparent)\s+)?suicide\s+(?:bombings?|attacks?|blasts?)\b"
        r"|\bsuicide\s+(?:bomb(?:ing|er|ers|ings)?|attacks?|attackers?|blasts?|vest)\b", "suicide",
        "A bomber wearing a suicide vest struck a crowd outside the ministry.", 0.8, not_after=_NO_BOMBING,
        name="suicide_bombing",
    ),
    CueRule(
        "attack", "bombing",
        # ("a bomb-making expert", "bomb makers": a skill or a trade, not a bombing)
        r"\b(?:explosions?|blasts?|bomb(?:ing|ings|s|ed|ers?)?(?![-\s]mak)|IEDs?|explosives?|detonat(?:ed|ing))\b",
        "explosion|blast|bomb|ied|explosive|detonat", "A roadside bomb hit a police vehicle in the city.", 0.8,
        "explos blast bomb ied detonat", not_after=_NO_BOMBING,
        name="bombing",
    ),
    CueRule(
        "attack", "armed_assault",
        r"\b(?:gunmen|shot|shooting|opened\s+fire|stormed|gunfire|armed\s+(?:assault|attack))\b",
        "gunmen|shot|shooting|fire|stormed|armed", "Gunmen stormed a hospital and opened fire on patients.", 0.8,
        # ("recruit them as gunmen": a role, no shooting; "dead as gunmen attack a shrine" is one)
        not_after=rf"{_HEARD}|\b(?:recruit|hire|hiring|serv|work|employ|train|enlist|us)\w*\s+(?:\w+\s+)?as\s+$",
        name="armed_assault",
    ),
    CueRule(
        "attack", "armed_clash", r"\b(?:clash(?:es|ed)?|firefights?|gunbattles?)\b", "clash|firefight|gunbattle",
        # (below the counter rules: "forces raided a hideout, engaging in a gunbattle" is their raid)
        "Its fighters clashed with Taliban forces near the village.", 0.7, not_after=_HEARD,
        name="armed_clash",
    ),
    CueRule(
        "attack", "attack", r"\b(?:attack(?:s|ed|ing)?|assaults?|targeted|targeting|struck)\b",
        "attack|assault|target|struck", "Militants of the group attacked a mosque in the district.", 0.6,
        "attack assault target struck", not_after=f"{_HEARD}|{_PLANNED}",
        name="attack",
    ),
    CueRule(
        "attack", "attack", _GROUP_KILLED, "killed|shot|behead|execut|gunned",
        "Two days later IS-K fighters killed a village elder and his son.", 0.6,
        name="group_killed",
    ),
    # Beheading told in the active voice ("the militants ... beheaded four civilians on Thursday"): an attack on
    # whoever it names, the doer as far as the sentence puts it (the group's own men beheaded by others are an
    # operation against it: `group_men_killed`, in the table before).
    CueRule(
        "attack", "attack",
        r"\bbehead(?:ed|s)\s+(?!by\b)(?:(?:at\s+least|some|another|two\s+more)\s+)?(?:\w+\s+)?(?:civilians|villagers|men|people"
        r"|shepherds|farmers|soldiers|police(?:men)?|elders|students|workers|hostages|captives|prisoners|fighters"
        r"|members|a\s+[\w-]+|an\s+[\w-]+|\d+|two|three|four|five|six|seven|eight|nine|ten|dozens)\b",
        "behead", "Militants of the group beheaded four villagers in the district on Thursday.", 0.7,
        not_after=_HEARD,
        counter_example="Four of the group's fighters were beheaded by a local militia.",
        name="beheaded",
    ),
    # (the bomber's own death told: the bombing)
    CueRule(
        "attack", "suicide_bombing", r"\bblew\s+(?:himself|herself|themselves)\s+up\b", "blew",
        "A man blew himself up at the gate of the shrine.", 0.8, not_after=_NO_BOMBING,
        name="blew_himself_up",
    ),
)  # fmt: skip

PRESENCE_RULES: tuple[CueRule, ...] = (
    # (recruitment or propaganda someone resists or works against, "vulnerable to recruitment", "to counter its
    # propaganda", is no report of the group recruiting or spreading it there: `_COUNTERED`)
    CueRule(
        "presence", "recruitment", r"\brecruit(?:ing|ed|ment|s)?\b", "recruit",
        "The group is recruiting young men in the border villages.", 0.5, not_after=_COUNTERED,
        name="recruitment",
    ),
    # (the group's media outlet, "its propaganda agency Amaq", "a news outlet used to spread its propaganda", names
    # who speaks, not propaganda spread somewhere)
    CueRule(
        "presence", "propaganda",
        r"\bpropaganda\b(?!\s+(?:agency|agencies|outlets?|studios?|arm|wing|channels?|network|machine))"
        r"|\b(?:audio|video)tape\b|\bmessages?\s+introducing\b", "propaganda|audio|video|message",
        "Its propaganda is spread in Uzbek and Tajik.", 0.5,
        not_after=r"\bused\s+to\s+(?:diffuse|spread|disseminate|push)\s+(?:[\w'’-]+\s+){0,2}$|\bnarratives\s+and\s+$"
        rf"|{_COUNTERED}",
        name="propaganda",
    ),
    CueRule(
        "presence", "base_or_stronghold",
        r"\b(?:controls?|controlled|controlling|holds|held|seized)\s+(?:(?:populated|large|several|many|rural|remote"
        r"|parts\s+of|swaths\s+of|swathes\s+of)\s+)*(?:areas|territory|territories|districts|villages|valleys)\b",
        "control|holds|held|seized", "The affiliate controls populated areas in the eastern province.", 0.5,
        "control controls controlled controlling holds held seized",
        name="controls_areas",
    ),
    CueRule(
        "presence", "base_or_stronghold",
        r"\b(?:strongholds?|bases?|hideouts?|training\s+camps?|safe\s+havens?|headquarters|capital\s+of\s+its|"
        # (a training centre is the group's only when said so: "a midwife training centre" was a target)
        r"(?:(?<=\bits\s)|(?<=\btheir\s)|(?<=group['’]s\s)|(?<=\bmilitant\s)|(?<=militants['’]\s)|(?<=terrorist\s)"
        r"|(?<=jihadist\s)|(?<=\bDaesh\s)|(?<=\bISKP\s)|(?<=\bIS-K\s)|(?<=\bISIS\s))"
        r"training\s+(?:facility|facilities|centres?|centers?)|"
        r"centers?\s+of\s+activity|concentration\s+points?|gateway)\b",
        "stronghold|base|hideout|training|haven|headquarters|capital|center|concentration|gateway",
        "The province remains the group's main stronghold.", 0.5,
        "stronghold base hideout training safe headquarters capital center concentration gateway",
        # ("a support base", "its power base": the people behind it, not a place it holds; a holding struck or lost)
        not_after=rf"\b(?:support|power|popular|voter|donor|fan)\s+$|{_HOLDING_STRUCK_OR_LOST}",
        name="stronghold",
    ),
    CueRule(
        "presence", "foreign_fighters",
        r"\bforeign\s+(?:fighters|terrorists|militants|jihadists?|citizens)\b|\b(?:manpower|fighters|commanders|"
        r"militants)\b[^.]{0,60}\bfrom\s+(?:Syria|Iraq|the\s+Middle\s+East|abroad)\b",
        "foreign|syria|iraq|middle|abroad", "Around 300 foreign fighters are active in the valley.", 0.5,
        "foreign manpower fighters commanders militants",
        name="foreign_fighters",
    ),
    CueRule(
        "presence", "fighters_reported",
        # ("an operation based on intelligence": what it rests on, not where anyone is)
        r"\b(?:present|presence|gathered|operat(?:e|es|ing)|active|activity|based(?!\s+(?:on|upon)\b)|relocat(?:ing|ed)|moved|"
        r"fighters?|members|cells?|militants|entrench|establish(?:ed)?\s+(?:itself|strongholds?|presence)|"
        r"expand(?:ing)?\s+(?:territory|its)|build\s+presence|focus|fighting|working|released\s+from)\b",
        "present|presence|gathered|operat|active|activity|based|relocat|moved|fighter|member|cell|militants|entrench|"
        "establish|expand|build|focus|fighting|working|released",
        "The group is active in three districts of the province.", 0.5,
        "presen gathered operat activ based relocat moved fight members cell militants entrench establish expand "
        "build focus working released",
        # ("came to plan terrorist activity in the area": a plan, not the group's men there)
        not_after=r"\b(?:plan|plans|planned|planning|plot|plotting|intended|intending)\s+(?:(?:a|an|the|new|further"
        r"|terrorist|terror|militant|its|their)\s+){0,3}$",
        name="active_or_present",
    ),
    # Statements about numbers of fighters ("has around 4,000 members") are presence even without a verb cue.
    CueRule(
        "presence", "fighters_reported",
        r"\b\d[\d,]*\s+(?:ISIS\s+|armed\s+|foreign\s+)?(?:fighters|members|militants|terrorists|men)\b",
        "fighters|members|militants|terrorists|men", "The group has 2,000 men in the east.", 0.5,
        # ("the deaths of 14 men", "killed 30 militants", "arrested 12 members": a toll or a haul, not a strength)
        not_after=r"\b(?:deaths?|killings?|killed|killing|kills?|wounded|wounding|injured|injuring|arrested|arrests?"
        r"|detained|detaining|captured|capturing|bodies|funerals?)\s+(?:of\s+)?(?:(?:at\s+least|up\s+to|about|some"
        r"|more\s+than|over|nearly|around|another|a\s+further)\s+)?$",
        name="fighters_counted",
    ),
)  # fmt: skip

CONDITIONS: tuple[Condition, ...] = (
    Condition(
        "cross_border",
        r"\bfrom\s+(?:the\s+)?(?:territory\s+of\s+)?Afghan|\bacross\s+the\s+border|\bcross-?border|\binto\s+"
        r"(?:Tajik|Uzbek|Turkmen)|\bon\s+(?:Tajik|Uzbek|Turkmen)\w*\s+(?:territory|soil)|\b(?:Tajikistan|Uzbekistan|"
        r"Turkmenistan|Termez|Surxondaryo|Surkhandarya|Khatlon)\b"
        # where they came from named as a place in Afghanistan: "launched from near a town in Afghanistan's north"
        r"|\b(?:fired|launched)\s+from\s+[^.;]{0,50}?\bin\s+Afghan"
        # aimed at a neighbour's posts: "fired seven rockets at Tajik military posts"
        r"|\b(?:at|toward|towards|against)\s+(?:the\s+)?(?:Tajik|Uzbek|Turkmen)\b",
        "afghan|border|cross|tajik|uzbek|turkmen|termez|surxondaryo|surkhandarya|khatlon",
        "Rockets were fired across the border.",
        "from across cross into on tajikistan uzbekistan turkmenistan termez surxondaryo surkhandarya khatlon fired "
        "launched at toward towards against",
    ),
    # Talk about what might happen is not an event: "will be able to", "could", "is planning".
    Condition(
        "hypothetical",
        r"\b(?:will|would|could|might|may|can)\s+(?:soon\s+)?(?:be\s+)?(?:able|capable|launch|attack|conduct|"
        r"initiate|target|use|carry|become|strike|pose)\b|\bplanning\s+to\b|\bpreparing\s+to\b|\bthreat(?:en|ens|ened|ening)?"
        r"\s+to\b|\bin\s+the\s+future\b|\bwithin\s+six\s+months\b|\bless\s+than\s+six\s+months\b"
        r"|\bcapability\s+to\b"
        # What the group is able to do or is known for is no happening: "retains the ability to strike at will",
        # "has the capacity to", "is capable of", "has been known to".
        r"|\b(?:retains?|retained|has|have|had|lacks?|lacked|possess(?:es|ed)?|maintains?|keeps?)\s+"
        r"(?:the\s+|its\s+|their\s+)?(?:[\w-]+\s+)?(?:ability|capacity|capability|means)\s+to\b"
        r"|\b(?:is|are|remains?)\s+(?:still\s+)?(?:able|capable)\s+(?:to|of)\b|\bat\s+will\b"
        r"|\b(?:has|have)\s+been\s+known\s+to\b"
        # a plan told as what was to happen: "one of these attacks was to be carried out on the consulate"
        r"|\b(?:was|were)\s+(?:meant\s+|supposed\s+|due\s+|set\s+|going\s+)?to\s+be\s+(?:carried\s+out|launched|staged"
        r"|committed|conducted)\b",
        "will|would|could|might|may|can|planning|preparing|threat|future|six|capab|abilit|capacit|means|able|known"
        "|carried|launched|staged|committed|conducted",
        "The group could launch attacks abroad within six months.",
        "will would could might may can planning preparing threat in within less capability retains retain retained "
        "has have had lacks lack lacked possesses possess possessed maintains maintain keeps keep is are remains "
        "remain at was were",
    ),
    # "no longer active", "there is no military activity on the border": no presence told
    Condition("negated", r"\b(?:no\s+longer|not\s+active|never|no\s+(?:\w+\s+)?(?:activity|presence))\b",
              "longer|not|never|activity|presence", "The group is no longer active there.", "no never"),
)  # fmt: skip


# ---------------------------------------------------------------------------------------------- compiled


@dataclass(frozen=True)
class CompiledRule:
    """A rule with its compiled cue (and `not_after` pattern)."""

    rule: CueRule
    cue: _Cue
    not_after: re.Pattern[str] | None
    not_in_sentence: re.Pattern[str] | None = None


@dataclass(frozen=True)
class CueTable:
    """The rules compiled: each cue with its bit, and the Aho-Corasick automaton of every cue fragment."""

    launch: tuple[CompiledRule, ...]
    counter: tuple[CompiledRule, ...]
    attack: tuple[CompiledRule, ...]
    presence: tuple[CompiledRule, ...]
    conditions: dict[str, _Cue]
    stem_bits: dict[str, int]  # each fragment and the bits of the cues that contain it
    automaton: Any
    # The bits of each table's cues together (worked out here, not for every sentence).
    launch_bits: int = field(init=False, repr=False)
    counter_bits: int = field(init=False, repr=False)
    attack_bits: int = field(init=False, repr=False)
    presence_bits: int = field(init=False, repr=False)

    def __post_init__(self) -> None:
        for name in ("launch", "counter", "attack", "presence"):
            object.__setattr__(self, f"{name}_bits", self.bits(getattr(self, name)))

    def bits(self, rules: Sequence[CompiledRule]) -> int:
        return sum(rule.cue.bit for rule in rules)

    def stem_mask(self, lowered: str) -> int:
        """The bits of every cue one of whose fragments occurs in the (lower-cased) sentence: one pass."""
        mask = 0
        for _, bits in self.automaton.iter(lowered):
            mask |= bits
        return mask

    def every_cue(self) -> list[_Cue]:
        rules = (*self.launch, *self.counter, *self.attack, *self.presence)
        return [*(rule.cue for rule in rules), *self.conditions.values()]


def _compile_cue(pattern: str, stems: str, starts: str, bit: int) -> _Cue:
    start_words = tuple(starts.split())
    if not all(word.isalpha() for word in start_words):
        raise ValueError(f"start words are letters only: {starts!r}")
    # Above a dozen start words, one scan beats a substring search per word (measured on the five articles).
    start_scan = re.compile("|".join(start_words)) if len(start_words) > 12 else None
    return _Cue(re.compile(pattern, re.IGNORECASE), frozenset(stems.split("|")), bit, start_words, start_scan)


def compile_rules(
    launch: Sequence[CueRule],
    counter: Sequence[CueRule],
    attack: Sequence[CueRule],
    presence: Sequence[CueRule],
    conditions: Sequence[Condition],
) -> CueTable:
    """Compile rule tables: one bit per cue, and the automaton that finds which cues' fragments a sentence holds.
    Every rule's name is its own (a name given twice is refused)."""
    names = Counter(rule.name for rule in (*launch, *counter, *attack, *presence))
    if twice := sorted(name for name, count in names.items() if count > 1):
        raise ValueError(f"rule names given twice: {', '.join(twice)}")
    stem_bits: dict[str, int] = {}
    counter_of_bits = iter(range(10**6))

    def cue(pattern: str, stems: str, starts: str) -> _Cue:
        compiled = _compile_cue(pattern, stems, starts, 1 << next(counter_of_bits))
        for stem in compiled.stems:
            stem_bits[stem] = stem_bits.get(stem, 0) | compiled.bit
        return compiled

    def table(rules: Sequence[CueRule]) -> tuple[CompiledRule, ...]:
        return tuple(
            CompiledRule(
                rule,
                cue(rule.pattern, rule.stems, rule.starts),
                re.compile(rule.not_after, re.I) if rule.not_after else None,
                re.compile(rule.not_in_sentence, re.I) if rule.not_in_sentence else None,
            )
            for rule in rules
        )

    tables = table(launch), table(counter), table(attack), table(presence)
    compiled_conditions = {c.name: cue(c.pattern, c.stems, c.starts) for c in conditions}
    for name in ("cross_border", "hypothetical", "negated"):
        if name not in compiled_conditions:
            raise ValueError(f"the condition {name!r} is not declared")
    automaton = ahocorasick.Automaton()
    for stem, bits in stem_bits.items():
        automaton.add_word(stem, bits)
    automaton.make_automaton()
    return CueTable(*tables, compiled_conditions, stem_bits, automaton)


CUE_TABLE = compile_rules(LAUNCH_RULES, COUNTER_RULES, ATTACK_RULES, PRESENCE_RULES, CONDITIONS)


def _stems_in(sentence: str, lowered: str | None = None) -> set[str]:
    """The cue fragments present in the sentence (for tests and analysts: which cue words a sentence holds)."""
    text = lowered or sentence.lower()
    return {stem for stem in CUE_TABLE.stem_bits if stem in text}


@dataclass
class RuleClassifier:
    """Cue-word rules (a `CueTable`, by default the declared tables). Scores are rough confidences (0..1) used to
    rank labels of one sentence."""

    version: str = "rules-7"
    table: CueTable = field(default=CUE_TABLE, repr=False)

    def classify(self, sentence: str, context: str = "") -> list[Label]:
        table = self.table
        lowered = _lowered_for_starts(sentence)
        present = table.stem_mask(lowered or sentence.lower())
        if not present:
            return []  # no cue word at all: most sentences of an article
        labels: list[Label] = []
        hypothetical: bool | None = None  # looked for only once some cue calls for it

        def is_hypothetical() -> bool:
            nonlocal hypothetical
            if hypothetical is None:
                hypothetical = bool(table.conditions["hypothetical"].search(sentence, present, lowered))
            return hypothetical

        def first(rules: Sequence[CompiledRule], events_only: bool) -> Label | None:
            for compiled in rules:
                if not present & compiled.cue.bit:
                    continue  # none of the cue's fragments in the sentence (tested here: most rules stop at it)
                match = compiled.cue.search(sentence, present, lowered)
                # "after hearing explosions": what someone heard, not an event told; a later match of the same cue
                # may still tell one ("campaigns targeted its strongholds, yet it kept bases in X")
                while (
                    match is not None
                    and compiled.not_after is not None
                    and compiled.not_after.search(sentence, max(0, match.start() - 30), match.start())
                ):
                    match = compiled.cue.pattern.search(sentence, match.end())
                if match is None:
                    continue
                if compiled.not_in_sentence is not None and compiled.not_in_sentence.search(sentence):
                    continue  # the sentence tells another event the cue is part of
                if events_only and is_hypothetical():
                    return None
                rule = compiled.rule
                return Label(rule.event_type, rule.sub_type, rule.score, match.group(), match.start())
            return None

        launch = first(table.launch, True) if present & table.launch_bits else None
        if launch is not None and table.conditions["cross_border"].search(sentence, present, lowered):
            labels.append(launch)
        if present & table.counter_bits and (counter := first(table.counter, True)):
            labels.append(counter)
        if not (launch and labels) and present & table.attack_bits and (attack := first(table.attack, True)):
            labels.append(attack)
        presence = first(table.presence, False) if present & table.presence_bits else None
        if presence is not None and not table.conditions["negated"].search(
            sentence[: presence.cue_at(sentence) + len(presence.cue)], present
        ):
            labels.append(presence)
        if len(labels) > 1:
            labels.sort(key=lambda label: label.score, reverse=True)
        return labels
