"""What kind of event a sentence reports: presence, attack, cross_border_launch or counter_operation (+ sub-type).

`Classifier` is the interface (one method, `classify(sentence, context)`); `RuleClassifier` implements it with
cue words and patterns so that a statistical model can replace it without touching the extractor. A sentence
may report several kinds of event ("the raid killed 20 fighters" is a counter-operation, not an attack by the
group); the rules return them ranked, best first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Protocol

import ahocorasick

from isk_atlas.schema import SUB_TYPES


@dataclass(frozen=True)
class Label:
    event_type: str
    sub_type: str
    score: float
    cue: str  # the words that triggered the label, for the analyst

    def __post_init__(self) -> None:
        if self.sub_type not in SUB_TYPES.get(self.event_type, ()):
            raise ValueError(f"{self.sub_type!r} is not a sub-type of {self.event_type!r}")


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


# Each cue's fragments, and for each fragment the bits of the cues that contain it.
_STEM_BITS: dict[str, int] = {}
_CUE_COUNT = 0
# Characters that case-insensitive matching equates with an ASCII letter although lower() does not give it
# ("ſ" matches "s", the Kelvin sign "k"): where one occurs, the cue patterns scan the sentence themselves.
_CASE_TRAPS = frozenset("İıſK")


def _lowered_for_starts(sentence: str) -> str:
    """The sentence lower-cased with the same offsets, or "" when substring positions could mislead."""
    lowered = sentence.lower()
    if len(lowered) != len(sentence) or (not sentence.isascii() and not _CASE_TRAPS.isdisjoint(sentence)):
        return ""
    return lowered


def _cue(pattern: str, stems: str, starts: str = "") -> _Cue:
    global _CUE_COUNT
    words = frozenset(stems.split("|"))
    bit = 1 << _CUE_COUNT
    _CUE_COUNT += 1
    for word in words:
        _STEM_BITS[word] = _STEM_BITS.get(word, 0) | bit
    start_words = tuple(starts.split())
    if not all(word.isalpha() for word in start_words):
        raise ValueError(f"start words are letters only: {starts!r}")
    # Above a dozen start words, one scan beats a substring search per word (measured on the five articles).
    start_scan = re.compile("|".join(start_words)) if len(start_words) > 12 else None
    return _Cue(re.compile(pattern, re.IGNORECASE), words, bit, start_words, start_scan)


# ---------------------------------------------------------------------------------------------- cues

_LAUNCH = _cue(
    r"\b(?:rockets?|missiles?|katyushas?|projectiles?|mortars?|shells?)\b[^.]{0,120}?\b(?:launched|fired|struck|hit|"
    r"landed|fell)\b|\b(?:launched|fired)\b[^.]{0,60}?\b(?:rockets?|missiles?|katyushas?|projectiles?)\b"
    r"|\b(?:rocket|missile)\s+attacks?\b",
    "rocket|missile|katyusha|projectile|mortar|shell",
    "rocket missile katyusha projectile mortar shell launched fired",
)
_CROSS_BORDER = _cue(
    r"\bfrom\s+(?:the\s+)?(?:territory\s+of\s+)?Afghan|\bacross\s+the\s+border|\bcross-?border|\binto\s+"
    r"(?:Tajik|Uzbek|Turkmen)|\bon\s+(?:Tajik|Uzbek|Turkmen)\w*\s+(?:territory|soil)|\b(?:Tajikistan|Uzbekistan|"
    r"Turkmenistan|Termez|Surxondaryo|Surkhandarya|Khatlon)\b",
    "afghan|border|cross|tajik|uzbek|turkmen|termez|surxondaryo|surkhandarya|khatlon",
    "from across cross into on tajikistan uzbekistan turkmenistan termez surxondaryo surkhandarya khatlon",
)
_COUNTER = {
    "surrender": _cue(r"\bsurrender(?:ed|s|ing)?\b|\blaid\s+down\s+(?:their\s+)?arms\b", "surrender|laid"),
    "airstrike": _cue(
        r"\b(?:air\s*strikes?|drone\s+strikes?|air\s+raids?|bombed\s+by\s+(?:jets|aircraft))\b", "air|drone|bombed"
    ),
    "raid": _cue(
        r"\braid(?:ed|s)?\b|\bhideouts?\b|\bstormed\s+(?:a|the)\s+(?:hideout|safe\s*house|cell)", "raid|hideout|stormed"
    ),
    "military_operation": _cue(
        r"\b(?:operations?|offensive|clearance|crackdown|campaign)\s+(?:against|targeting|on|to\s+clear)\b"
        r"|\b(?:conduct(?:ed)?|carried\s+out|launch(?:ed)?|start(?:ed)?)\s+(?:an?\s+|the\s+start\s+of\s+an?\s+)?"
        r"(?:large-scale\s+|military\s+|security\s+|major\s+)?operations?\b|\bsecurity\s+forces'?\s+operations\b"
        r"|\bforces\s+(?:killed|defeated|repressed|cleared)\b|\bdefeating\s+the\s+(?:terrorist\s+)?group\b"
        r"|\b(?:decimated|routed|crushed|expelled)\s+(?:the\s+)?(?:ISIS|IS|ISKP|Daesh|group)"
        r"|\b(?:attacks?|strikes?|operations?)\s+against\s+(?:the\s+)?(?:ISIS|IS|ISKP|ISIS-K|Daesh|Islamic\s+State)\b",
        "operation|offensive|clearance|crackdown|campaign|forces|defeat|decimated|routed|crushed|expelled|attack|strike",
        "operation offensive clearance crackdown campaign conduct carried launch start security forces defeating "
        "decimated routed crushed expelled attack strike",
    ),
    "arrest": _cue(
        r"\b(?:arrest(?:ed|s|ing)?|detain(?:ed|s)?|captured|apprehended|in\s+custody)\b",
        "arrest|detain|captured|apprehended|custody",
    ),
}
_ATTACK = {
    "assassination": _cue(
        r"\bassassinat(?:ed|ion|e)\b|\b(?:killing|death|murder)\s+of\s+(?:Mawlawi|Mullah|Maulvi|General|the\s+"
        r"(?:governor|commander|head|chief))|\btargeted\s+(?:powerful|senior|top)\b",
        "assassinat|killing|death|murder|targeted",
    ),
    "hostage_taking": _cue(r"\b(?:hostages?|kidnapp?(?:ed|ing)|abduct(?:ed|ion|ing))\b", "hostage|kidnap|abduct"),
    "suicide_bombing": _cue(r"\bsuicide\s+(?:bomb(?:ing|er|ers|ings)?|attacks?|blasts?|vest)\b", "suicide"),
    "bombing": _cue(
        r"\b(?:explosions?|blasts?|bomb(?:ing|ings|s|ed|ers?)?|IEDs?|explosives?|detonat(?:ed|ing))\b",
        "explosion|blast|bomb|ied|explosive|detonat",
        "explos blast bomb ied detonat",
    ),
    "armed_assault": _cue(
        r"\b(?:gunmen|shot|shooting|opened\s+fire|stormed|gunfire|armed\s+(?:assault|attack))\b",
        "gunmen|shot|shooting|fire|stormed|armed",
    ),
    "armed_clash": _cue(r"\b(?:clash(?:es|ed)?|firefights?|gunbattles?)\b", "clash|firefight|gunbattle"),
    "attack": _cue(
        r"\b(?:attack(?:s|ed|ing)?|assaults?|targeted|targeting|struck)\b",
        "attack|assault|target|struck",
        "attack assault target struck",
    ),
}
_PRESENCE = {
    "recruitment": _cue(r"\brecruit(?:ing|ed|ment|s)?\b", "recruit"),
    "propaganda": _cue(
        r"\bpropaganda\b|\b(?:audio|video)tape\b|\bmessages?\s+introducing\b", "propaganda|audio|video|message"
    ),
    "base_or_stronghold": _cue(
        r"\b(?:strongholds?|bases?|hideouts?|training\s+camps?|safe\s+havens?|headquarters|capital\s+of\s+its|"
        r"centers?\s+of\s+activity|concentration\s+points?|gateway)\b",
        "stronghold|base|hideout|training|haven|headquarters|capital|center|concentration|gateway",
        "stronghold base hideout training safe headquarters capital center concentration gateway",
    ),
    "foreign_fighters": _cue(
        r"\bforeign\s+(?:fighters|terrorists|militants|jihadists?|citizens)\b|\b(?:manpower|fighters|commanders|"
        r"militants)\b[^.]{0,60}\bfrom\s+(?:Syria|Iraq|the\s+Middle\s+East|abroad)\b",
        "foreign|syria|iraq|middle|abroad",
        "foreign manpower fighters commanders militants",
    ),
    "fighters_reported": _cue(
        r"\b(?:present|presence|gathered|operat(?:e|es|ing)|active|activity|based|relocat(?:ing|ed)|moved|"
        r"fighters?|members|cells?|militants|entrench|establish(?:ed)?\s+(?:itself|strongholds?|presence)|"
        r"expand(?:ing)?\s+(?:territory|its)|build\s+presence|focus|fighting|working|released\s+from)\b",
        "present|presence|gathered|operat|active|activity|based|relocat|moved|fighter|member|cell|militants|entrench|establish|expand|build|focus|fighting|working|released",
        "presen gathered operat activ based relocat moved fight members cell militants entrench establish expand "
        "build focus working released",
    ),
}
# Statements about numbers of fighters ("has around 4,000 members") are presence even without a verb cue.
_FIGHTER_COUNT = _cue(
    r"\b\d[\d,]*\s+(?:ISIS\s+|armed\s+|foreign\s+)?(?:fighters|members|militants|terrorists|men)\b",
    "fighters|members|militants|terrorists|men",
)
# Talk about what might happen is not an event: "will be able to", "could", "is planning".
_HYPOTHETICAL = _cue(
    r"\b(?:will|would|could|might|may|can)\s+(?:soon\s+)?(?:be\s+)?(?:able|capable|launch|attack|conduct|initiate|"
    r"target|use|carry|become|strike|pose)\b|\bplanning\s+to\b|\bpreparing\s+to\b|\bthreat(?:en|ens)?\s+to\b"
    r"|\bin\s+the\s+future\b|\bwithin\s+six\s+months\b|\bless\s+than\s+six\s+months\b|\bcapability\s+to\b",
    "will|would|could|might|may|can|planning|preparing|threat|future|six|capability",
    "will would could might may can planning preparing threat in within less capability",
)
# "after hearing explosions", "heard no gunfire": a sound reported, not an attack (that is told where it happened).
_HEARD = re.compile(r"\b(?:hear|hears|heard|hearing)\s+(?:no\s+|any\s+|the\s+|loud\s+|several\s+|an?\s+)?$", re.I)
_NEGATED = _cue(r"\b(?:no\s+longer|not\s+active|never)\b", "longer|not|never", "no never")


_STEM_AUTOMATON = ahocorasick.Automaton()
for _stem, _bits in _STEM_BITS.items():
    _STEM_AUTOMATON.add_word(_stem, _bits)
_STEM_AUTOMATON.make_automaton()
# The bits of each group of cues: a sentence none of whose fragments a group needs skips the whole group.
_LAUNCH_BITS = _LAUNCH.bit
_COUNTER_BITS = sum(cue.bit for cue in _COUNTER.values())
_ATTACK_BITS = sum(cue.bit for cue in _ATTACK.values())
_PRESENCE_BITS = sum(cue.bit for cue in _PRESENCE.values()) | _FIGHTER_COUNT.bit


def _stem_mask(lowered: str) -> int:
    """The bits of every cue one of whose fragments occurs in the (lower-cased) sentence: one Aho-Corasick pass."""
    mask = 0
    for _, bits in _STEM_AUTOMATON.iter(lowered):
        mask |= bits
    return mask


def _stems_in(sentence: str, lowered: str | None = None) -> set[str]:
    """The cue fragments present in the sentence (for tests and analysts: which cue words a sentence holds)."""
    text = lowered or sentence.lower()
    return {stem for stem in _STEM_BITS if stem in text}


@dataclass
class RuleClassifier:
    """Cue-word rules. Scores are rough confidences (0..1) used to rank labels of one sentence."""

    version: str = "rules-2"

    def classify(self, sentence: str, context: str = "") -> list[Label]:
        lowered = _lowered_for_starts(sentence)
        present = _stem_mask(lowered or sentence.lower())
        if not present:
            return []  # no cue word at all: most sentences of an article
        labels: list[Label] = []
        hypothetical: bool | None = None  # looked for only once some cue calls for it

        def is_hypothetical() -> bool:
            nonlocal hypothetical
            if hypothetical is None:
                hypothetical = bool(_HYPOTHETICAL.search(sentence, present, lowered))
            return hypothetical

        launch = _LAUNCH.search(sentence, present, lowered) if present & _LAUNCH_BITS else None
        if launch and _CROSS_BORDER.search(sentence, present, lowered) and not is_hypothetical():
            labels.append(Label("cross_border_launch", "rocket_fire", 0.9, launch.group()))
        if present & _COUNTER_BITS:
            for sub_type, pattern in _COUNTER.items():
                match = pattern.search(sentence, present, lowered)
                if match and not is_hypothetical():
                    labels.append(Label("counter_operation", sub_type, 0.75, match.group()))
                    break
        if not (launch and labels) and present & _ATTACK_BITS:
            for sub_type, pattern in _ATTACK.items():
                match = pattern.search(sentence, present, lowered)
                if match and _HEARD.search(sentence, max(0, match.start() - 30), match.start()):
                    continue  # "after hearing explosions": what someone heard, not an attack told
                if match and not is_hypothetical():
                    score = 0.8 if sub_type != "attack" else 0.6
                    labels.append(Label("attack", sub_type, score, match.group()))
                    break
        presence = None
        if present & _PRESENCE_BITS:
            for sub_type, pattern in _PRESENCE.items():
                match = pattern.search(sentence, present, lowered)
                if match:
                    presence = Label("presence", sub_type, 0.5, match.group())
                    break
            if presence is None and (count := _FIGHTER_COUNT.search(sentence, present, lowered)):
                presence = Label("presence", "fighters_reported", 0.5, count.group())
        if presence is not None and not _NEGATED.search(sentence[: sentence.find(presence.cue) + 1], present):
            labels.append(presence)
        if len(labels) > 1:
            labels.sort(key=lambda label: label.score, reverse=True)
        return labels
