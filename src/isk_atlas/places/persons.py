"""People's names that hold words of places: how news writes a person's name, so that a name the gazetteer also
knows as a town ("brother Talha al-Khurasani": no Talhar in Pakistan) is read as the person it names.

Militants' and officials' names are full of words that are also places: honorifics and titles before them
("Mawlawi", "Qari", "brother"), a kunya ("Abu Omar", "Umm Khalid"), a nisba after them ("al-Khorasani",
"al-Baghdadi"), a parent after them ("X, the son of Y", "Osama bin Laden"), a role in apposition ("X, the group's
spokesman"). Each fact is a `PersonCue` below, declared with an example and a counter-example a test reads: the words
written right before a name (`before`) or right after it (`after`) make it a person. The geocoder applies them to a
name read in its sentence (`isk-atlas geocode --context SENTENCE NAME`, and so every span mention finding resolves)
and to a query that is itself a person's name ("Abu Omar al-Khorasani"). A place named after a person stays a
place: the cues read the words outside a name the gazetteer knows whole ("Abu Dhabi", "Sheikh Zayed Road").

    >>> reads_as_person("the driver was brother Talha al-Khurasani", "Talha")
    True
    >>> reads_as_person("the attack hit Talha in Sindh", "Talha")
    False
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final, Literal

from isk_atlas.places.words import DIRECTION_WORDS, FACILITY_WORDS, NOT_PLACE_WORDS, PERSON_TITLES

# Honorifics of the region's men (religious, tribal, of respect or of the group's members) and the words that open a
# kunya or a patronymic: the capitalised name after one is a person ("Hafiz Saeed", "brother Talha", "Abu Omar").
HONORIFICS: Final = frozenset(
    {
        "brother", "hafiz", "hafez", "haji", "hajji", "maulana", "mawlana", "mulla", "mullah", "sardar", "ustad",
        "ustaz", "sheik", "shaykh", "maulvi", "molvi", "mawlawi", "moulavi",
    }
)  # fmt: skip
KUNYA_WORDS: Final = frozenset({"abu", "umm", "ibn", "bin", "bint"})
# Every word before a person's name: titles (`words.PERSON_TITLES`), honorifics, kunya words, and the words that give
# a name as an alias ("aka Abu Talha").
NAME_OPENERS: Final = PERSON_TITLES | HONORIFICS | KUNYA_WORDS | frozenset({"aka", "alias"})

_OPENERS = "|".join(sorted(NAME_OPENERS, key=len, reverse=True))
# A capitalised word of a name (no possessive: "Mullah Omar's Kandahar" names Kandahar; no capitalised word of a
# heading: "Police Chief In Badakhshan").
_NAME_WORD = (
    r"(?!(?:In|On|At|Of|For|From|To|And|Or|The|With|By|Near|Into|Over|After|Before|Across|Against|As)\b)"
    r"[A-Z][a-z]+(?:-[A-Z]?[a-z]+)*"
)
# The roles a person is named by in apposition ("X, the group's spokesman,").
_ROLES = r"spokes(?:man|woman|person)|commander|leader|emir|amir|chief|founder|head|deputy"
# A nisba written with its article ("al-Khorasani", "el-Masri"): an adjective of origin in -i ends a person's name.
_NISBA = r"(?:[Aa]l|[Ee]l|ul)[-\s][A-Z][a-z]+(?:i|y)\b|Kh[ou]rasani\b"


@dataclass(frozen=True, slots=True)
class PersonCue:
    """Words next to a name that make it a person's. `side`: the cue is matched at the end of the text before the
    name (`before`) or at the start of the text after it (`after`). `example` and `counter_example`: a sentence and
    the name in it that the cue does (does not) make a person (a test reads both)."""

    name: str
    pattern: re.Pattern[str]
    side: Literal["before", "after"]
    example: tuple[str, str]
    counter_example: tuple[str, str]
    # For a `before` cue, the words (folded to lower case) one of which every text it matches holds as a whole word:
    # the pattern is searched only in a stretch before a name that has one (a search for a pattern anchored at the
    # end of the stretch tries every position of it; most names have none of these words before them). Empty: always.
    needs: frozenset[str] = frozenset()


PERSON_CUES: Final[tuple[PersonCue, ...]] = (
    # "brother Talha", "Mawlawi Abdul Kunduzi", "said Governor Ghani", "Abu Omar": a title, honorific or kunya word,
    # with at most two more name words, before the name
    PersonCue(
        "title_before",
        re.compile(rf"(?<![\w-])(?i:{_OPENERS})\.?\s+(?:{_NAME_WORD}\s+){{0,2}}$"),
        "before",
        ("The driver was brother Talha, the statement said.", "Talha"),
        ("The driver was from Talha, the statement said.", "Talha"),
        NAME_OPENERS,
    ),
    # "a man named Hamed Badakhshan", "known by the nom de guerre Talha": a person given a name
    PersonCue(
        "named_person",
        re.compile(
            r"\b(?:man|woman|boy|girl|person|national|citizen|suspect|bomber|attacker|militant|fighter|member"
            rf"|commander|cleric|preacher|student|individual|resident|driver)\s+(?:called|known\s+as)\s+(?:{_NAME_WORD}\s+){{0,2}}$"
            # "named" or "identified as" opens a person's name unless a place's noun is what is named
            r"|(?<![\w-])(?<!village\s)(?<!town\s)(?<!city\s)(?<!district\s)(?<!area\s)(?<!place\s)(?<!region\s)"
            r"(?<!valley\s)(?<!mosque\s)(?<!street\s)(?<!camp\s)(?<!province\s)"
            rf"(?:named|nicknamed|identified\s+as)\s+(?:{_NAME_WORD}\s+){{0,2}}$"
            rf"|\b(?:nom\s+de\s+guerre|pseudonym|kunya|alias)\s+(?:of\s+)?(?:{_NAME_WORD}\s+){{0,2}}$"
        ),
        "before",
        ("Police arrested a national in his 30s named Omar Kunduz.", "Kunduz"),
        ("Police raided a village named Kunduz on Monday.", "Kunduz"),
        frozenset({"called", "known", "named", "nicknamed", "identified", "guerre", "pseudonym", "kunya", "alias"}),
    ),
    # "the son of Talha", "the widow of Omar": a parent or kin is a person
    PersonCue(
        "kin_of_before",
        re.compile(
            rf"\b(?:son|daughter|wife|widow|nephew|grandson)\s+of\s+(?:the\s+late\s+)?(?:{_NAME_WORD}\s+){{0,2}}$"
        ),
        "before",
        ("The bomber was the son of Talha, a cleric.", "Talha"),
        ("The bomber was a son of the soil of Talha.", "Talha"),
        frozenset({"son", "daughter", "wife", "widow", "nephew", "grandson"}),
    ),
    # "Talha al-Khurasani", "Omar Ghazi al-Baghdadi": a name ending in a nisba
    PersonCue(
        "nisba_after",
        re.compile(rf"^\s+(?:{_NAME_WORD}\s+){{0,2}}(?:{_NISBA})"),
        "after",
        ("The driver was Talha al-Khurasani, the group said.", "Talha"),
        ("The blast in Talha al-Qaim road killed two.", "Talha"),
    ),
    # "Talha, the son of Omar", "Osama bin Laden": a name followed by a parent's
    PersonCue(
        "kin_of_after",
        re.compile(r"^(?:,?\s+(?:the\s+)?(?:son|daughter|wife|widow|brother)\s+of\b|\s+(?:bin|ibn|bint)\s+[A-Z])"),
        "after",
        ("The driver, Talha, the son of Omar, died.", "Talha"),
        ("The driver came from Talha, the home of his family.", "Talha"),
    ),
    # "Senator Smith (D-Texas)", "Rep. Jones, R-Ohio,": a legislator's party letter before the state is the member's
    # affiliation, not a place where anything happens
    PersonCue(
        "party_state_before",
        re.compile(r"(?:\(|,\s*)[DRI]-\s*$"),
        "before",
        ("A question came from Senator Smith (D-Texas) at the hearing.", "Texas"),
        ("A question came from Senator Smith of Texas at the hearing.", "Texas"),
        frozenset({"d", "r", "i"}),
    ),
    # "Attaullah Khogyani, the provincial governor's spokesman, said": a given name and a role in apposition (not a
    # place after a preposition: "in Kunduz, the police chief said")
    PersonCue(
        "role_after",
        re.compile(rf"^,\s+(?:the|a|an|its|his|their)\s+(?:[\w'’-]+\s+){{0,4}}?(?:{_ROLES})\s*(?:,|\bof\b|\bfor\b)"),
        "after",
        ("Ahmad Talha, the group's spokesman, said the attack was theirs.", "Talha"),
        ("Fighting broke out in Talha, the police chief said.", "Talha"),
    ),
)

_GIVEN_NAME_BEFORE: Final = re.compile(rf"(?<![\w-])({_NAME_WORD})\s+$")
_NOT_GIVEN_NAMES: Final = NOT_PLACE_WORDS | FACILITY_WORDS | frozenset(DIRECTION_WORDS)


# A whole word, as the cues' `needs` are read.
_WORD: Final = re.compile(r"\w+")


def _cue_fits(cue: PersonCue, before: str, after: str, words_before: set[str]) -> bool:
    if cue.side == "before":
        if cue.needs and cue.needs.isdisjoint(words_before):
            return False
        return cue.pattern.search(before[-80:]) is not None
    if cue.pattern.match(after) is None:
        return False
    if cue.name == "role_after":
        # a role in apposition follows a person's full name: a given name before it, not a preposition
        given = _GIVEN_NAME_BEFORE.search(before[-40:])
        return given is not None and given.group(1).lower() not in _NOT_GIVEN_NAMES
    return True


def person_at(text: str, start: int, end: int) -> str | None:
    """The cue (`PERSON_CUES`) by which the name at `text[start:end]` is a person's, or None."""
    before, after = text[max(0, start - 80) : start], text[end : end + 80]
    # the words before the name, read once for every cue's `needs` (casefolded: as a case-blind pattern reads them)
    words_before = set(_WORD.findall(before.casefold()))
    for cue in PERSON_CUES:
        if _cue_fits(cue, before, after, words_before):
            return cue.name
    return None


def reads_as_person(context: str, name: str) -> bool:
    """Whether `name` is a person's name wherever `context` writes it (every occurrence; False when it is not
    written there)."""
    found = False
    if not name:
        return False
    start = context.find(name)
    while start >= 0:
        end = start + len(name)
        if _stands_alone(context, start, end):
            if person_at(context, start, end) is None:
                return False
            found = True
            start = context.find(name, end)
        else:
            start = context.find(name, start + 1)
    return found


def _stands_alone(text: str, start: int, end: int) -> bool:
    """Whether `text[start:end]` is written as a word of its own: no word character or hyphen right before or after
    it (a plain search for the name, no pattern built per name)."""
    return (start == 0 or not _word_or_hyphen(text[start - 1])) and (end == len(text) or not _word_or_hyphen(text[end]))


def _word_or_hyphen(char: str) -> bool:
    return char.isalnum() or char in "_-"


# A query that is only a person's name: a title, honorific or kunya word and name words, or name words ending in a
# nisba (no word in lower case, no comma: "President Ghani said on a visit to Badakhshan" is a phrase).
_QUERY_OPENER: Final = re.compile(rf"(?i:{_OPENERS})\.?(?:\s+{_NAME_WORD}){{1,4}}(?:\s+(?:{_NISBA}))?")
_QUERY_NISBA: Final = re.compile(rf"{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,3}}\s+(?:{_NISBA})")


_TITLED_NAME: Final = re.compile(rf"(?<![\w-])(?i:{_OPENERS})\.?((?:\s+{_NAME_WORD}){{1,3}})")


def person_name_words(text: str) -> set[str]:
    """The capitalised words of the names a text gives after a title, honorific or kunya word ("Afghan President
    Ashraf Ghani": Ashraf, Ghani): the same word alone further on ("Ghani urged ...") is that person, never a loose
    spelling of a place (Ghazni)."""
    return {word for found in _TITLED_NAME.finditer(text) for word in found.group(1).split()}


def query_is_person(query: str) -> bool:
    """Whether a query is a person's name by its own words: opened by a title, honorific or kunya word ("Abu Omar",
    "brother Talha al-Khurasani") or ended by a nisba ("Talha al-Khurasani"), and not ended by a facility word (a
    place named after a person: "Sheikh Zayed Road")."""
    words = query.split()
    if not words or words[-1].lower() in FACILITY_WORDS:
        return False
    written = " ".join(words)
    return _QUERY_OPENER.fullmatch(written) is not None or _QUERY_NISBA.fullmatch(written) is not None


__all__ = ["HONORIFICS", "KUNYA_WORDS", "NAME_OPENERS", "PERSON_CUES", "PersonCue", "person_at", "person_name_words",
           "query_is_person", "reads_as_person"]  # fmt: skip
