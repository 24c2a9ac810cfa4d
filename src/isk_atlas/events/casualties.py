"""Casualty figures in report text: how many killed, how many injured, how sure, and who says so.

`find_figures(text)` returns every figure a passage gives ("21 killed and 40 injured", "two fatalities and over
30 injuries", "the deaths of nearly 100 people", "13 US service members and at least 170 Afghans" (summed:
183, at least), "50 members were wounded or killed" (a combined count)); numbers may be written in words.
`combine(figures)` turns the figures of one event into low/high ranges plus the per-party `Figure` list of the
event record, so disagreeing sources ("the group said 30, the hospital said 3") become a range.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

from isk_atlas.schema import Figure

Kind = Literal["killed", "injured", "combined"]
Qualifier = Literal["exact", "at_least", "at_most", "about"]

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90
}  # fmt: skip
_SCALES = {"hundred": 100, "thousand": 1000}
_MAX_DIGITS = 9

_WORD_NUMBER = (
    r"(?:(?:" + "|".join(_TENS) + r")(?:[- ](?:" + "|".join(k for k in _UNITS if k != "zero") + r"))?"
    r"|" + "|".join(sorted(_UNITS, key=len, reverse=True)) + r")"
    r"(?:\s+(?:hundred|thousand))?"
)
_NUMBER = rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+|{_WORD_NUMBER}|a\s+dozen|a\s+hundred)"
_AT_LEAST_WORDS = (
    "at least", "a minimum of", "no fewer than", "not less than", "well over", "over", "more than", "upwards of"
)  # fmt: skip
_ABOUT_WORDS = ("nearly", "almost", "approximately", "about", "around", "roughly", "some", "an estimated")
_AT_MOST_WORDS = ("up to", "as many as", "at most", "fewer than", "less than")
_QUALIFIER = (
    r"(?:(?:at[\s-]+least|a\s+minimum\s+of|no\s+fewer\s+than|not\s+less\s+than|(?:well\s+)?over|more\s+than|upwards\s+of"
    r"|nearly|almost|approximately|about|around|roughly|some|an\s+estimated|up\s+to|as\s+many\s+as"
    r"|at\s+most|fewer\s+than|less\s+than|only)\s+)?"
)
NUMBER_RE = re.compile(rf"\b(?P<qual>{_QUALIFIER})(?P<num>{_NUMBER})\b", re.IGNORECASE)
# Where a match of NUMBER_RE can start (in lower-cased ASCII text): a digit, or a whole word that opens a qualifier
# or a number ("at least", "nearly", "some", "one", "twenty", "a dozen"). Trying the pattern only there is much
# cheaper than its own scan, which tries every alternative at every word boundary. No such word holds another at a
# word boundary, so one scan finds every place.
_FIRST_WORDS = sorted(
    {
        *(phrase.split()[0] for phrase in (*_AT_LEAST_WORDS, *_ABOUT_WORDS, *_AT_MOST_WORDS, "only")),
        *_UNITS,
        *_TENS,
        "a",
    },
    key=len,
    reverse=True,
)
_NUMBER_START = re.compile(r"\b(?:\d|(?:" + "|".join(_FIRST_WORDS) + r")\b)")

_KILLED_AFTER = (
    r"(?:fatalities|fatality|deaths|death|dead|killed|died|lives\s+lost|bodies|martyred|were\s+slain|slain"
    r"|lost\s+their\s+lives|being\s+killed|perished)"
)
_INJURED_AFTER = r"(?:injuries|injury|injured|wounded|wounding|hurt|being\s+injured|being\s+wounded)"
_COMBINED_AFTER = (
    r"(?:casualties|(?:killed|dead)\s+(?:or|and)\s+(?:wounded|injured)|(?:wounded|injured)\s+(?:or|and)\s+"
    r"(?:killed|dead)|deaths\s+(?:and|or)\s+injuries|injuries\s+(?:and|or)\s+deaths)"
)
_COMBINED_BEFORE = re.compile(
    r"(?:casualties\s+of|(?:killing|killed)\s+(?:or|and)\s+(?:wounding|injuring)|(?:killed|killing)\s+or\s+"
    r"(?:wounded|injured))\s+(?:the\s+|some\s+)?$",
    re.IGNORECASE,
)
_KILLED_BEFORE = re.compile(
    r"(?:\bkill(?:ed|ing|s)?|\bshot\s+dead|\bshooting\s+dead|deaths?\s+of|number\s+of\s+(?:dead|deaths)\s+(?:at|to|was)"
    r"|death\s+toll\s+(?:of|(?:had\s+|has\s+)?(?:rose|risen|climbed)\s+to|reached|stood\s+at|at|was)|claimed\s+"
    r"the\s+lives\s+of|lives\s+of|killing\s+of|murder\s+of|executed|beheaded|behead(?:ing|s))\s+"
    r"(?:the\s+|some\s+|a\s+total\s+of\s+)?$",
    re.IGNORECASE,
)
# "the death toll in the town of X has risen to “128”", "the toll from Friday's blast climbed to 40", "the number
# of dead rose to 53": a count of the dead, its verb some words after "toll" (the happening named between: "the toll
# from Thursday's suicide bombing at a Kabul education centre rose to 53").
_TOLL_ROSE_BEFORE = re.compile(
    r"\b(?:toll|number\s+of\s+(?:the\s+)?(?:dead|deaths|people\s+killed|fatalities))\b[^.;!?\d]{0,90}?\b"
    r"(?:had\s+|has\s+|have\s+)?(?:rose|risen|climbed|jumped|increased|reached|soared"
    r"|mounted)\s+(?:to\s+)?[\"“]?$",
    re.IGNORECASE,
)
_KILLED_BEFORE_WORDS = (
    "kill",
    "death",
    "lives",
    "murder",
    "executed",
    "behead",
    "dead",
)  # one is in every match of _KILLED_BEFORE
_INJURED_BEFORE = re.compile(
    r"(?:\binjur(?:ed|ing|es)?|\bwound(?:ed|ing|s)?|wounding\s+of|injuring\s+of)\s+(?:the\s+|some\s+|another\s+)?$",
    re.IGNORECASE,
)
_AFTER_RE = {
    "combined": re.compile(rf"\b{_COMBINED_AFTER}\b", re.IGNORECASE),
    "killed": re.compile(rf"\b{_KILLED_AFTER}\b", re.IGNORECASE),
    "injured": re.compile(rf"\b{_INJURED_AFTER}\b", re.IGNORECASE),
}
# Between a number and its casualty word: the counted noun phrase ("Shia worshipers", "people, including the
# head of the department,") and the verb ("were", "have been", "being"); a new number or clause stops it.
_GAP_STOP = re.compile(r"[.;:!?]|\b(?:after|before|when|since|while|but|however|because|who|which|that)\b", re.I)
_NOT_PEOPLE_AFTER = re.compile(
    r"^\s*(?:%|percent|per\s+cent|years?|months?|weeks?|days?|hours?|minutes?|km|kilometers?|kilometres?|miles?"
    r"|rockets?|missiles?|attacks?|times|members\s+of\s+parliament\s+said)\b",
    re.IGNORECASE,
)
_LIST_JOIN = re.compile(r"^[\w\s'’\-]{0,60}?\s+(?:and|as\s+well\s+as|plus)\s+$", re.IGNORECASE)

# Cheap test before the real work: no casualty word, no figure.
_CASUALTY_WORDS = ("kill", "dead", "death", "died", "fatalit", "wound", "injur", "hurt", "casualt", "martyr",
                   "slain", "lives", "bodies", "perish", "executed", "behead", "toll")  # fmt: skip

_AT_LEAST = _AT_LEAST_WORDS
_ABOUT = _ABOUT_WORDS
_AT_MOST = _AT_MOST_WORDS


@dataclass(frozen=True)
class CasualtyFigure:
    """One count in the text: `kind` killed, injured or combined (killed or injured, not told apart)."""

    kind: Kind
    count: int
    qualifier: Qualifier = "exact"
    start: int = 0
    end: int = 0
    by: str | None = None
    parts: tuple[int, ...] = field(default=())
    # The count is of the attackers themselves ("two attackers were killed"), not of their victims.
    attackers: bool = False

    def __str__(self) -> str:
        qual = {"exact": "", "at_least": "at least ", "at_most": "at most ", "about": "about "}[self.qualifier]
        who = f" (according to {self.by})" if self.by else ""
        whom = " attackers" if self.attackers else ""
        return f"{qual}{self.count}{whom} {self.kind}{who}"


def parse_number(text: str) -> int | None:
    """'4,000' -> 4000, 'thirty-five' -> 35, 'two hundred' -> 200, 'a dozen' -> 12; None when not a number."""
    words = _SPACES.sub(" ", text.strip().lower().replace(",", ""))
    if words.isdigit():
        # No report counts a billion people; longer digit runs (and superscripts, which int() refuses) are not
        # casualty figures, and int() raises on more than 4300 digits.
        return int(words) if words.isdecimal() and len(words) <= _MAX_DIGITS else None
    if words == "a dozen":
        return 12
    if words == "a hundred":
        return 100
    total, current = 0, 0
    for token in _WORD_SEPARATORS.split(words):
        if token in _UNITS:
            current += _UNITS[token]
        elif token in _TENS:
            current += _TENS[token]
        elif token in _SCALES:
            current = max(current, 1) * _SCALES[token]
            if _SCALES[token] >= 1000:
                total, current = total + current, 0
        elif token in ("and", ""):
            continue
        else:
            return None
    return total + current


def _qualifier(text: str) -> Qualifier:
    text = _SPACES.sub(" ", text.strip().lower().replace("-", " "))
    if not text or text == "only":
        return "exact"
    if text in _AT_LEAST:
        return "at_least"
    if text in _ABOUT:
        return "about"
    if text in _AT_MOST:
        return "at_most"
    return "exact"


def _kind_after(gap: str) -> Kind | None:
    """The casualty word that follows a number, if it comes before the clause or the next number ends."""
    stop = _GAP_STOP.search(gap)
    window = gap[: stop.start()] if stop else gap
    window = window[:90]
    best: tuple[int, int, Kind] | None = None
    kinds: tuple[Kind, ...] = ("combined", "killed", "injured")
    for kind in kinds:
        match = _AFTER_RE[kind].search(window)
        if match and (best is None or match.start() < best[0]):
            best = (match.start(), match.end(), kind)
    if best is None:
        return None
    start, end, kind = best
    if kind != "combined" and _ACTIVE_VERB.match(window, start) and window[:start].strip():
        # "one of its bombers killed dozens", "two gunmen killed 5": the number counts who killed (the verb in the
        # active voice, with its object after it).
        agent = _AGENT.match(window, end) or (window == gap and window[end:].isspace())
        if agent and not _PASSIVE_BEFORE.search(window, 0, start):
            return None
    return kind


# A casualty verb in the active voice, followed by its object ("killed dozens of people", "wounded 30"): the number
# before it counts the attackers. "were killed", "have been wounded" are passive: the number counts the victims.
_ACTIVE_VERB = re.compile(r"(?:killed|kills|wounded|wounds|injured|injures)\b", re.IGNORECASE)
_AGENT = re.compile(
    r"\s+(?:\d|dozens|scores|hundreds|several|many|at\s+least|more\s+than|nearly|about|some|up\s+to|the|an?|his|her"
    r"|their|its|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|people"
    r"|civilians|worshipp?ers)\b",
    re.IGNORECASE,
)
_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|being|be|is|are)\s+(?:\w+\s+)?$", re.IGNORECASE)


def find_figures(text: str, offset: int = 0) -> list[CasualtyFigure]:
    """Every casualty figure in `text`; spans are offsets into `text` plus `offset`."""
    lowered = text.lower()
    if not any(word in lowered for word in _CASUALTY_WORDS):
        return []
    numbers = [m for m in _number_matches(text, lowered) if _plausible(text, m) and not _is_subcount(text, m)]
    ascii_text = text.isascii()
    figures: list[CasualtyFigure] = []
    inherited: tuple[Kind, int] | None = None  # kind of a list opened by "killed 13 X and ..." and its index
    pending: list[re.Match[str]] = []  # "4 officers and 11 bystanders were killed": counts waiting for a kind
    for index, match in enumerate(numbers):
        count = parse_number(match.group("num"))
        if count is None:
            pending = []
            continue
        before = text[max(0, match.start() - 60) : match.start()]
        next_start = numbers[index + 1].start() if index + 1 < len(numbers) else len(text)
        gap = text[match.end() : next_start]
        kind: Kind | None = None
        from_before = False
        # Each pattern needs one of a few words (ASCII text lower-cases to what the case-blind patterns match):
        # without them, the pattern is not run.
        low = lowered[max(0, match.start() - 60) : match.start()] if ascii_text else ""
        if (not ascii_text or "kill" in low or "casualt" in low) and _COMBINED_BEFORE.search(before):
            kind, from_before = "combined", True
        elif (
            (not ascii_text or any(word in low for word in _KILLED_BEFORE_WORDS)) and _KILLED_BEFORE.search(before)
        ) or (
            # (a toll's verb may come far after "toll": the happening is named between)
            (not ascii_text or "toll" in lowered[max(0, match.start() - 120) : match.start()] or "number of" in low)
            and _TOLL_ROSE_BEFORE.search(text, max(0, match.start() - 120), match.start())
        ):
            kind, from_before = "killed", True
        elif (not ascii_text or "injur" in low or "wound" in low) and _INJURED_BEFORE.search(before):
            kind, from_before = "injured", True
        else:
            kind = _kind_after(gap)
            if kind is None and inherited is not None:
                prev = numbers[index - 1] if index else None
                if prev is not None and _LIST_JOIN.match(text[prev.end() : match.start()]):
                    kind = inherited[0]
                    # A list "killed 13 soldiers and at least 170 civilians" sums to one count.
                    head = figures[inherited[1]]
                    qual = _qualifier(match.group("qual"))
                    merged_qual: Qualifier = (
                        head.qualifier if head.qualifier != "exact" else qual if qual != "exact" else "exact"
                    )
                    figures[inherited[1]] = replace(
                        head,
                        count=head.count + count,
                        end=offset + match.end(),
                        qualifier=merged_qual,
                        parts=(*head.parts, count),
                    )
                    continue
        if kind is None:
            inherited = None
            joins_next = index + 1 < len(numbers) and _LIST_JOIN.match(gap)
            pending = [*pending, match] if joins_next else []
            continue
        first = pending[0] if pending and not from_before else match
        counts = [parse_number(m.group("num")) or 0 for m in pending] if first is not match else []
        quals = [_qualifier(m.group("qual")) for m in (*pending, match)] if first is not match else []
        qualifier: Qualifier = (
            next((q for q in quals if q != "exact"), "exact") if quals else _qualifier(match.group("qual"))
        )
        figure = CasualtyFigure(
            kind=kind,
            count=sum(counts) + count,
            qualifier=qualifier,
            start=offset + first.start(),
            end=offset + match.end(),
            parts=(*counts, count),
        )
        pending = []
        if from_before and (one_more := _AND_ONE_MORE.match(gap)):
            # "the death of one citizen and a member of the guard": a list whose second item is "a ...".
            figure = replace(figure, count=figure.count + 1, end=offset + match.end() + one_more.end(),
                             parts=(*figure.parts, 1))  # fmt: skip
        if _ATTACKERS_AFTER.match(text, match.end()):
            figure = replace(figure, attackers=True)
        figures.append(figure)
        inherited = (kind, len(figures) - 1) if from_before else None
    return _share_floors(text, figures, offset)


# "two attackers were killed", "killed 3 gunmen", "both suicide bombers died": the count's noun names the attackers.
# A count of people that includes them ("17 people, including two attackers") is of its own noun, not flagged.
_ATTACKERS_AFTER = re.compile(
    r"\s+(?:(?:of\s+the|other|more|armed|suicide|militant)\s+){0,2}(?:attackers?|assailants?|gunm[ae]n|bombers?"
    r"|raiders?)\b",
    re.IGNORECASE,
)
_ATTACKERS_EXAMPLE = "Police said two attackers were killed and 6 guards were wounded."


# "At least 7 people were killed and 20 injured", "killed at least 40 and wounded 75": a toll opened with "at least"
# (or "more than", "over") is a floor for each count joined to it by "and" in the same clause, not for the first alone
# (the count is still rising; the data/realdev README codes both as lower bounds). Between the two counts: "and",
# no other number, no clause break and no party speaking ("..., police said 20 were injured" is another report).
_SHARED_FLOOR_GAP = re.compile(r"^[^.;:!?\d]{0,60}?\band\b[^.;:!?\d]{0,40}$", re.IGNORECASE)
_SHARED_FLOOR_EXAMPLE = "At least 7 people were killed and 20 injured in the blast."
_OTHER_PARTY = re.compile(r"\b(?:said|says|according|told|reported|claimed)\b", re.IGNORECASE)


def _share_floors(text: str, figures: list[CasualtyFigure], offset: int) -> list[CasualtyFigure]:
    """The figures, a killed or injured count made a floor where it follows a floor of the other kind in a toll."""
    for i in range(1, len(figures)):
        first, second = figures[i - 1], figures[i]
        if first.qualifier != "at_least" or second.qualifier != "exact":
            continue
        if {first.kind, second.kind} != {"killed", "injured"}:
            continue
        gap = text[first.end - offset : second.start - offset]
        if _SHARED_FLOOR_GAP.match(gap) and not _GAP_STOP.search(gap) and not _OTHER_PARTY.search(gap):
            figures[i] = replace(second, qualifier="at_least")
    return figures


def _number_matches(text: str, lowered: str | None = None) -> list[re.Match[str]]:
    """`NUMBER_RE.finditer(text)`, tried only where a match can start (ASCII text; other text scans as usual:
    case-blind matching equates some non-ASCII characters with ASCII letters)."""
    if not text.isascii():
        return list(NUMBER_RE.finditer(text))
    lowered = text.lower() if lowered is None else lowered
    found: list[re.Match[str]] = []
    last_end = 0
    for start in _NUMBER_START.finditer(lowered):
        at = start.start()
        if at < last_end:
            continue
        match = NUMBER_RE.match(text, at)
        if match is not None:
            found.append(match)
            last_end = match.end()
    return found


# "the death of one citizen and a member of the guard", "killed three tourists and their Afghan guide": one more
# person, named by role after "and a/another/their/his/her/its" (one adjective at most).
_AND_ONE_MORE = re.compile(
    r"^[\w\s'’\-]{0,60}?\s+and\s+(?:a|an|another|their|his|her|its)\s+(?:[\w\-]+\s+)?(?:member|civilian|soldier"
    r"|guard|child|woman|man|person|officer|worker|policeman|journalist|citizen|student|guide|driver|bodyguard"
    r"|interpreter|translator|son|daughter|wife|husband|brother|companion|colleague)\b",
    re.IGNORECASE,
)


def _is_subcount(text: str, match: re.Match[str]) -> bool:
    """'eight others, including three children, were injured': the three are part of the eight; 'one of the dead
    was a child', 'two of the injured': part of a count told elsewhere, no count of its own."""
    before = text[max(0, match.start() - 30) : match.start()]
    return bool(_SUBCOUNT_BEFORE.search(before)) or bool(_PART_OF_AFTER.match(text, match.end()))


# "one of the dead", "two of the wounded", "one of the killed militants", "one of those killed".
_PART_OF_AFTER = re.compile(
    r"\s+of\s+(?:the|those)\s+(?:[\w\-]+\s+){0,1}?(?:dead|killed|deceased|injured|wounded|victims|casualties"
    r"|fatalities)\b",
    re.IGNORECASE,
)


# A month, written out or abbreviated as news agencies do ("Oct. 26", "26 Sept 2016"): a number beside it is a day.
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b\.?)"
)
_MONTH_AFTER = rf"^\s*{_MONTH}"
# Compiled once: these run for every number in a casualty sentence.
_MONTH_AFTER_RE = re.compile(_MONTH_AFTER)
_MONTH_BEFORE = re.compile(rf"\b{_MONTH}\s*$")
_NO_BEFORE = re.compile(r"\b[Nn]o\s+$")
_ORDINAL_AFTER = re.compile(r"^(?:st|nd|rd|th)\b")
_SLASH_BEFORE = re.compile(r"[/\-]$")
_SLASH_AFTER = re.compile(r"^[/\-]\d")
_SUBCOUNT_BEFORE = re.compile(r"(?:including|among\s+them|among\s+whom|of\s+whom)\s+$", re.IGNORECASE)
_SPACES = re.compile(r"\s+")
_WORD_SEPARATORS = re.compile(r"[\s\-]+")


def _plausible(text: str, match: re.Match[str]) -> bool:
    """Drop numbers that are dates, years, times or other quantities rather than people."""
    num = match.group("num")
    after = text[match.end() : match.end() + 40]
    if _NOT_PEOPLE_AFTER.match(after):
        return False
    before = text[max(0, match.start() - 12) : match.start()]
    if _MONTH_BEFORE.search(before):
        return False
    if _ORDINAL_AFTER.match(after) or _MONTH_AFTER_RE.match(after):
        return False
    if num.isdigit() and len(num) == 4 and 1900 <= int(num) <= 2100:
        return False
    if num.lower() == "one" and _NO_BEFORE.search(before):
        return False  # "no one was killed": nobody
    return not _SLASH_BEFORE.search(before) and not _SLASH_AFTER.match(after)


# ---------------------------------------------------------------------------------------------- who says

_SAYS = re.compile(
    r"(?:[Aa]ccording\s+to\s+(?P<acc>[^,.;]{2,80}?)(?=,|\.|;|$|\s\d)"
    r"|(?P<subj>(?:the\s+)?[A-Z][\w'’\-]*(?:\s+(?:[A-Z][\w'’\-]*|of|in|for))*(?:'s|’s)?\s*(?:statistics|claims?"
    r"|figures?|newsletter|statement|report)?)"
    # ("the Taliban on Sunday claimed": the day is when they spoke, not who)
    r"(?:\s+(?:on\s+|last\s+|this\s+)?(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)?"
    r"\s+(?:reported|said|says|stated|claimed|announced|indicated|put)"
    r"|(?P<poss>[\w\-]+?(?:\s+[A-Z][\w\-]*?)*)(?:['’‘]s|['’])\s*(?:claims?|statistics|figures?|account)\b"
    r"|(?P<ger>(?:[\w\-]+\s+){0,3}?(?:hospital|police|ministry|officials|authorities|residents|sources|witnesses"
    r"|doctors|spokes(?:man|woman|person))(?:\s+(?:of|in)\s+[\w\s]{0,30}?)?)\s+"
    r"(?:claiming|saying|reporting|said|say|says|reported|told))",
)
_SAYS_HINTS = ("ccording", "report", "said", "say", "stated", "claim", "announced", "indicated", "put", "told", "'",
               "’", "‘")  # fmt: skip
_CLAUSE_BREAK = re.compile(
    r"[.!?](?=\s)|,\s*(?:however|but|while|whereas)\b|;|\bcontrary\s+to\b|\bwhile\b|\bwhereas\b", re.I
)


def _tidy_party(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip(" ,.;:'’‘\"")
    text = re.sub(r"^(?:the|a|an)\s+", "", text, flags=re.IGNORECASE)
    text = re.sub(r"(?:'s|’s|‘s)$", "", text)
    return text


# How far from a figure a party is looked for. The patterns that find parties backtrack over runs of capitalised
# words, so they run on a bounded window around each figure, never on a whole clause: a hostile article with a
# 20 kB sentence of "Taliban's Taliban's ..." took 5 s (quadratic) before this bound.
_PARTY_WINDOW = 400


# The owner cut off a party's name by an apostrophe: "Taliban'" of "Taliban's interior ministry".
_OWNER_BEFORE = re.compile(r"[\w\-]+['’]$")


def _parties(text: str) -> list[tuple[int, int, str]]:
    parties = []
    # Every way of naming a party holds one of a few fragments; without them the (slow) pattern cannot match.
    says: Iterable[re.Match[str]] = _SAYS.finditer(text) if any(hint in text for hint in _SAYS_HINTS) else ()
    for match in says:
        party = next(g for g in (match.group(n) for n in ("acc", "subj", "poss", "ger")) if g)
        if match.group("ger") and (owner := _OWNER_BEFORE.search(text, max(0, match.start() - 40), match.start())):
            party = owner.group() + party  # "the Taliban's interior ministry", not "s interior ministry"
        tidy = _tidy_party(party)
        if tidy and tidy.lower() not in {"he", "she", "it", "they", "this", "that", "reports"}:
            parties.append((match.start(), match.end(), tidy))
    return parties


def attribute(text: str, figures: Iterable[CasualtyFigure], offset: int = 0) -> list[CasualtyFigure]:
    """Fill `by` for each figure from the nearest 'according to X' / 'X reported' in the same clause.

    Only the `_PARTY_WINDOW` characters either side of the figure are searched.
    """
    figures = list(figures)
    if not figures:
        return []
    breaks = [0, *(m.start() for m in _CLAUSE_BREAK.finditer(text)), len(text)]
    windows: dict[tuple[int, int], list[tuple[int, int, str]]] = {}
    result = []
    for figure in figures:
        position = figure.start - offset
        clause_start = max(b for b in breaks if b <= position)
        clause_end = min((b for b in breaks if b > position), default=len(text))
        window = (max(clause_start, position - _PARTY_WINDOW), min(clause_end, position + _PARTY_WINDOW))
        if window not in windows:
            found = _parties(text[window[0] : window[1]])
            windows[window] = [(start + window[0], end + window[0], party) for start, end, party in found]
        candidates = windows[window]
        before = [p for p in candidates if p[0] <= position]
        chosen = before[-1] if before else (candidates[0] if candidates else None)
        result.append(replace(figure, by=chosen[2]) if chosen else figure)
    return result


# ---------------------------------------------------------------------------------------------- per event


@dataclass(frozen=True)
class Casualties:
    """The casualty fields of one event."""

    killed_low: int | None = None
    killed_high: int | None = None
    injured_low: int | None = None
    injured_high: int | None = None
    combined: int | None = None
    figures: tuple[Figure, ...] = ()
    notes: tuple[str, ...] = ()


def _bounds(figures: Sequence[CasualtyFigure]) -> tuple[int | None, int | None]:
    """Low and high over the counts of one kind, each read as the interval its qualifier gives.

    An exact or approximate count N is N..N, "at least / more than / over N" is N..open, "up to / as many as N" is
    open..N (no low). Over several counts: the lowest low and the highest high. An open count ("at least 10")
    keeps the high open unless another count goes beyond it ("at least 10" and "the hospital said 12" is 10..12:
    the precise report fills in what the open one left; "at least 10" and "police said 8" is 8..open; "at least 10"
    and a headline's "10" is 10..open: the same count told without its qualifier).
    """
    if not figures:
        return None, None
    lows = [f.count for f in figures if f.qualifier != "at_most"]
    closed = [f.count for f in figures if f.qualifier != "at_least"]
    floors = [f.count for f in figures if f.qualifier == "at_least"]
    high = max(closed) if closed else None
    if floors and high is not None and max(floors) >= high:
        high = None
    return (min(lows) if lows else None), high


def combine(figures: Iterable[CasualtyFigure], source_id: str | None = None, default_by: str = "report") -> Casualties:
    """Ranges over the figures of one event: low and high over what the parties say; who says what in figures.

    Each count is an interval (see `_bounds`): "at least 183" gives low 183 and no high, "up to 36" a high of 36
    and no low. Different figures for the same happening, whether from different parties ("police said 5; hospital
    officials said 8") or from the headline and a later paragraph, become a range over all of them (5..8), not the
    later or the more precise one alone: a later report may be a revision or another party's count, and the text
    rarely says which, so the range keeps both and `figures` (and the notes) say who said what. A combined count
    ("50 killed or wounded") bounds both kinds from above when they are not given apart.
    """
    figures = list(figures)
    combined = [f.count for f in figures if f.kind == "combined"]
    per_party: dict[str, dict[str, int]] = {}
    for f in figures:
        if f.kind == "combined":
            continue
        entry = per_party.setdefault(f.by or default_by, {})
        entry.setdefault(f.kind, f.count)
    notes = [str(f) for f in figures if f.qualifier != "exact" or f.kind == "combined"]
    if len(per_party) > 1:
        notes.extend(str(f) for f in figures if f.kind != "combined" and f.qualifier == "exact" and f.by)
    killed_low, killed_high = _bounds([f for f in figures if f.kind == "killed"])
    injured_low, injured_high = _bounds([f for f in figures if f.kind == "injured"])
    # "50 were killed or wounded": neither count is known, but neither exceeds 50.
    bound = max(combined) if combined else None
    killed_given = any(f.kind == "killed" for f in figures)
    injured_given = any(f.kind == "injured" for f in figures)
    return Casualties(
        killed_low=killed_low,
        killed_high=killed_high if killed_given else bound,
        injured_low=injured_low,
        injured_high=injured_high if injured_given else bound,
        combined=max(combined) if combined else None,
        figures=tuple(
            Figure(by=by, killed=counts.get("killed"), injured=counts.get("injured"), source_id=source_id)
            for by, counts in per_party.items()
        ),
        notes=tuple(notes),
    )


# ---------------------------------------------------------------------------------------------- named victims

# One person, named by role rather than counted: "a journalist", "a Taliban fighter", "the guard".
_PERSON = (
    r"(?:journalist|reporter|soldier|fighter|commander|member|policeman|officer|guard|civilian|child|woman|man"
    r"|student|worker|cleric|teacher|doctor|driver|guide|tourist|official|leader|governor|chief|bodyguard|constable)"
)
# A post held by one person: "the governor", "the provincial police chief", "Balkh's governor".
_TITLE = (
    r"(?:governor|chief|commander|mayor|head|imam|cleric|spokesman|judge|minister|lawmaker|director|official"
    r"|constable|leader)"
)
_KILL_VERB = r"(?:killed|killing|assassinated|assassinating|beheaded|beheading|shot\s+dead|murdered)"
# After a named victim, the people killed with them: "along with two other fighters", "and his driver", "and three
# workers" (their count, `others`, or one person, `one`); not those hurt ("and two others were wounded").
_WITH_OTHERS = (
    rf"(?:,?\s+(?:along\s+with|together\s+with|and)\s+(?:(?P<others>{_NUMBER})\s+(?:other\s+|more\s+)?"
    r"(?:[\w\-]+\s+){0,2}?(?:others|people|persons|civilians|workers|fighters|soldiers|guards|bodyguards|policemen"
    r"|officers|members|children|companions|relatives|brothers|sons|colleagues|passengers)\b"
    rf"|(?P<one>his|her|their|a|an)\s+(?:[\w\-]+\s+)?{_PERSON}\b)"
    r"(?!,?\s+(?:were\s+|was\s+|are\s+|is\s+)?(?:\w+\s+)?(?:injured|wounded|hurt)))?"
)


@dataclass(frozen=True)
class VictimRule:
    """A way news names who was killed or hurt instead of counting them: each match counts one person plus the
    people told with them (`_WITH_OTHERS`); `example` must count `count`, `counter_example` nobody (no match)."""

    name: str
    kind: Kind
    pattern: re.Pattern[str]
    example: str
    count: int
    counter_example: str
    # The count when the one named is told alone: a report naming only a notable victim ("killed the governor")
    # may leave others killed with them untold, so one is a floor; companions told with them make the count exact.
    alone: Qualifier = "exact"


VICTIM_RULES: tuple[VictimRule, ...] = (
    # "The governor ... was killed", "His driver also died", "killed a journalist", "beheaded a Taliban fighter".
    VictimRule(
        "one_victim",
        "killed",
        re.compile(
            rf"(?:\b(?:was|has\s+been)\s+(?:killed|shot\s+dead|assassinated|murdered|beheaded)\b|\b(?:also|too)\s+"
            rf"(?:died|was\s+killed)\b|\b(?:killed|killing|beheaded|beheading|shot\s+dead)\s+(?:a|an)\s+"
            rf"(?:[\w\-]+\s+){{0,2}}?{_PERSON}\b){_WITH_OTHERS}",
            re.IGNORECASE,
        ),
        "The group said it had captured and beheaded a Taliban fighter.",
        1,
        "The group said it had captured and beheaded Taliban fighters.",
    ),
    # "killed the district police chief", "killed Karimi, the province's governor", "assassinated Kunduz's mayor
    # along with two of his guards": a post one person holds, after the verb (the group's "leaders" are no count).
    VictimRule(
        "titled_victim",
        "killed",
        re.compile(
            rf"\b{_KILL_VERB}\s+(?:the\s+|[A-Z][\w'’\-]*,?\s+)(?:[\w'’\-]+,?\s+){{0,5}}?{_TITLE}\b(?!['’])(?:\s+[A-Z][\w'’\-]*){{0,4}}"
            + _WITH_OTHERS
        ),
        "A car bomb killed the district police chief Karim Dost along with two of his guards.",
        3,
        "Airstrikes killed the group's leaders in the valley.",
        alone="at_least",
    ),
    # "The commander and two others were killed", "he and one of his sons died": one named beside a count.
    VictimRule(
        "named_and_others",
        "killed",
        re.compile(
            rf"(?:\b[Hh]e|\b[Ss]he|\b[A-Z][\w'’\-]+|\b{_TITLE})\s+(?:and|along\s+with)\s+(?P<others>{_NUMBER})\s+(?:others?"
            r"|of\s+(?:his|her)\s+[\w\-]+)\s+(?:were\s+|have\s+been\s+|had\s+been\s+)?(?:killed|died|shot\s+dead"
            r"|martyred)\b"
        ),
        "The commander and two others were killed when the bomb went off.",
        3,
        "Two others were killed when the bomb went off.",
    ),
    # "the guard was injured critically", "wounding a policeman": one person hurt.
    VictimRule(
        "one_injured",
        "injured",
        re.compile(
            rf"(?:\b(?:a|an|the|his|her|their)\s+(?:[\w\-]+\s+){{0,2}}?{_PERSON}\s+(?:was|has\s+been)\s+(?:\w+\s+)?"
            rf"(?:injured|wounded|hurt)\b|\b(?:injured|injuring|wounded|wounding)\s+(?:a|an)\s+(?:[\w\-]+\s+){{0,2}}?"
            rf"{_PERSON}\b){_WITH_OTHERS}",
            re.IGNORECASE,
        ),
        "The envoy escaped, but the guard was injured critically.",
        1,
        "The envoy escaped, but the guards were injured.",
    ),
)
_NOBODY_BEFORE = re.compile(r"\b(?:no\s+one|no-one|nobody|none|no\s+\w+)\s+$", re.IGNORECASE)
# "the bomber was killed", "one attacker also died": the attackers are not the attack's victims (the data/realdev
# README's convention, as for counted attackers).
_ATTACKER_BEFORE = re.compile(
    r"\b(?:attacker|assailant|gunman|bomber|raider)\s+(?:himself\s+|herself\s+)?$", re.IGNORECASE
)
# (a naming that opens with its verb, "was killed", "also died", has its person before it; "a bomber killed the
# governor" names the killer there)
_SUBJECT_BEFORE = re.compile(r"(?:was|has|also|too)\b", re.IGNORECASE)


def _attacker_told(text: str, match: re.Match[str]) -> bool:
    """Whether the person a naming tells of is the attacker ("the bomber was killed")."""
    return bool(_SUBJECT_BEFORE.match(text, match.start())) and bool(
        _ATTACKER_BEFORE.search(text, max(0, match.start() - 30), match.start())
    )


# "two other people died", "three more were killed", "two others": a count on top of those named.
_OTHERS_AFTER = re.compile(r"\s+(?:other|more)\b|\s+others\b", re.IGNORECASE)


def _people_named(match: re.Match[str]) -> int:
    """How many people a named-victim match tells: the one named, and those told with them."""
    others = match.group("others")
    return 1 + ((parse_number(others) or 0) if others else 1 if match.groupdict().get("one") else 0)


def with_named_victims(
    figures: Iterable[CasualtyFigure], text: str, spans: Iterable[tuple[int, int]], attack: bool = False
) -> list[CasualtyFigure]:
    """The figures of one event, with the people its `spans` of `text` name as killed (or hurt) one by one
    (`VICTIM_RULES`).

    Without a killed count, each named victim counts one, plus those told with them ("the governor was killed ... his
    driver also died": 2; "killed a journalist": 1; "killed the police chief along with two others": 3; "the
    commander and two others were killed": 3, the count within the naming being part of it). When every killed count
    is of "other" people ("two other people died"), the named victims add to it (3). A count that may include them is
    left as it is. The same for the hurt ("the guard was injured"). In an `attack`, the attacker named ("the bomber
    was killed") is no victim.
    """
    figures = list(figures)
    spans = list(spans)
    for kind in ("killed", "injured"):
        named = sorted(
            (
                (match, rule)
                for rule in VICTIM_RULES
                if rule.kind == kind
                for start, end in spans
                for match in rule.pattern.finditer(text, start, end)
                if not _NOBODY_BEFORE.search(text, max(0, match.start() - 30), match.start())
                and not (attack and _attacker_told(text, match))
            ),
            key=lambda pair: pair[0].start(),
        )
        # (one naming told by two rules, "killed a commander": the longer)
        told: list[tuple[re.Match[str], VictimRule]] = []
        for match, rule in named:
            if told and match.start() < told[-1][0].end():
                if match.end() - match.start() > told[-1][0].end() - told[-1][0].start():
                    told[-1] = (match, rule)
                continue
            told.append((match, rule))
        singles = [match for match, _ in told]
        if not singles:
            continue
        inner = [f for f in figures if f.kind == kind and any(m.start() <= f.start < m.end() for m in singles)]
        counted = [f for f in figures if f.kind == kind and f not in inner]
        if counted and not all(_OTHERS_AFTER.match(text, f.end) for f in counted):
            continue  # counted already (the usual case): nothing to add
        figures = [f for f in figures if f not in inner]
        if not counted:
            first = singles[0]
            total = sum(_people_named(m) for m in singles)
            alone = [rule.alone for match, rule in told if _people_named(match) == 1]
            qualifier: Qualifier = "at_least" if "at_least" in alone else "exact"
            figures = [*figures, CasualtyFigure(kind, total, qualifier, first.start(), first.end(), by=None)]
            continue
        figures = [
            replace(f, count=f.count + len(singles), parts=(*f.parts, len(singles))) if f.kind == kind else f
            for f in figures
        ]
    return figures
