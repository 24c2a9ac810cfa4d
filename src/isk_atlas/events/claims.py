"""Actors, claims of responsibility and attribution ("according to ...") in report text.

Actors are recognised from a small list of names and spellings per canonical actor; `find_claims` finds who
claimed (or was said to be responsible for) something, and `find_attributions` who a statement is credited to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# What follows "Islamic state" written in lower case when it names the group (`ACTORS`).
_STATE_MEN = (
    r"(?:group|affiliate|branch|militants?|fighters?|bombers?|gunmen|members?|terrorists?|jihadists?|suicide|cells?"
    r"|loyalists|insurgents)\b"
)

# Canonical actor -> spellings (regular expressions, matched case-sensitively on word boundaries so that "IS"
# does not match "is").
ACTORS: dict[str, tuple[str, ...]] = {
    "ISIS-K": (
        r"(?:ISIS|IS|ISIL|Daesh)[- ]Kh[ou]rasan", r"ISIS[- ]?K(?:P)?", r"ISKP?", r"IS-K(?:P)?", r"ISIL[- ]?KP?",
        r"Dae?sh-KP?",  # ("Daesh-K", as "ISIS-K" and "ISIL-K" are written)
        r"ISIS", r"IS", r"Daesh", r"Daish",
        r"Islamic\s+State(?:\s+of\s+Iraq\s+and\s+(?:Syria|the\s+Levant))?(?:(?:\s+|-)(?:(?:of|in)\s+)?Kh[ou]rasan"
        r"(?:\s+Province)?)?", r"ISIL",
        r"Kh[ou]rasan\s+branch", r"Wilaya[ht]\s+Kh[ou]rasan",
        # "an Islamic state bomber", "the Islamic state group": the name in lower case, as some copy writes it, where a
        # word for its men or for a group follows (alone, "an Islamic state" is a kind of state)
        rf"Islamic\s+state(?=\s+{_STATE_MEN})",
    ),
    # (the Pakistani Taliban, the TTP, is an actor of its own; "Tehreek-e-Taliban" would otherwise not be one)
    "Tehrik-i-Taliban Pakistan": (
        r"T[ae]h?r[ei]{1,2}k[- ]?[ei]?[- ]?Taliban(?:[- ]Pakistan)?", r"TTP", r"Pakistani\s+Taliban",
    ),
    "Taliban": (r"Taliban", r"Islamic\s+Emirate(?:\s+of\s+Afghanistan)?"),
    "Baloch separatists": (
        r"Baloch(?:istan)?\s+(?:Liberation\s+(?:Army|Front)|Republican\s+Army|separatists|insurgents|rebels)",
        r"BLA", r"BLF",
    ),
    "Afghan security forces": (
        r"Afghan\s+(?:security|government|national)\s+forces", r"government\s+(?:security\s+)?forces",
        r"security\s+forces", r"Afghan\s+forces", r"Afghan\s+army",
    ),
    "US forces": (r"US(?:-led)?\s+(?:forces|military|troops|coalition)", r"U\.S\.\s+(?:forces|military|troops)",
                  r"American\s+forces"),
    "Tajik forces": (r"Tajik\s+(?:forces|army|border\s+guards|security\s+forces)",),
    "Uzbek forces": (r"Uzbek\s+(?:forces|army|border\s+guards)",),
    "National Resistance Front": (r"National\s+Resistance\s+Front", r"NRF"),
    "Al-Qaeda": (r"[Aa]l[- ]?Qa(?:e|i)da",),
    "Lashkar-e-Jhangvi": (r"Lashkar[- ]e[- ]Jhangvi", r"LeJ"),
    "Jamaat Ansarullah": (r"(?:Jamaat\s+)?Ansarullah",),
    "Islamic Movement of Uzbekistan": (r"Islamic\s+Movement\s+of\s+Uzbekistan", r"IMU"),
    "East Turkestan Islamic Movement": (r"(?:East(?:ern)?\s+Turke?stan\s+Islamic\s+Movement|ETIM"
                                        r"|Islamic\s+Movement\s+of\s+East\s+Turke?stan)",),
}  # fmt: skip

_ACTOR_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (actor, re.compile(rf"(?<![\w\-])(?:{'|'.join(spellings)})(?![\w\-])")) for actor, spellings in ACTORS.items()
]
# A name ends at a word boundary, or at a hyphen that joins it to a lower-case word: "an Islamic State-claimed
# blast", "IS-linked cells", "Daesh-affiliated men" name the group ("IS-K" does not stop at "IS").
_NAME_END = r"(?![\w\-])|(?=-[a-z])"
_ANY_ACTOR = re.compile(
    r"(?<![\w\-])(?:"
    + "|".join(f"(?P<a{i}>(?:{'|'.join(sp)})(?:{_NAME_END}))" for i, sp in enumerate(ACTORS.values()))
    + ")"
)
_ACTOR_NAMES = list(ACTORS)
# How every spelling above starts (the patterns are case-sensitive): `_ANY_ACTOR` is tried only where one of these
# stands, as long a literal start as each spelling allows (with the white space after a first word that must be
# followed by more), so that "Afghanistan", "Also" or "Analysts" are not tried. The starts with a capital are found
# by one scan, which skips ahead to the next capital; the few in lower case by substring search (a scan for them
# would stop at every "a", "g" and "s").
_ACTOR_STARTS = (
    r"IS", r"Islamic\s", r"IMU", r"Daesh", r"Daish", r"Khorasan\s", r"Khurasan\s", r"Wilaya[ht]\s",
    r"Taliban", r"Teh", r"Tah", r"TTP", r"Pakistani\s", r"Baloch", r"BLA", r"BLF", r"Afghan\s", r"US", r"U\.S\.",
    r"American\s", r"Tajik\s", r"Uzbek\s", r"National\s", r"NRF", r"Al[- ]?Qa", r"Jamaat\s", r"Ansarullah",
    r"Lashkar", r"LeJ",
    r"East(?:ern)?\s", r"ETIM",
)  # fmt: skip
_ACTOR_START = re.compile("|".join(_ACTOR_STARTS))
_ACTOR_LOWER_STARTS = ("government", "security", "al-Qa", "al Qa", "alQa")


@dataclass(frozen=True)
class ActorMention:
    actor: str
    text: str
    start: int
    end: int


def find_actors(text: str, offset: int = 0) -> list[ActorMention]:
    """Every actor named in `text`, leftmost-longest, with canonical names."""
    positions = []
    hit = _ACTOR_START.search(text)
    while hit is not None:
        positions.append(hit.start())
        hit = _ACTOR_START.search(text, hit.start() + 1)  # from the next character: starts may overlap
    for start in _ACTOR_LOWER_STARTS:
        at = text.find(start)
        while at >= 0:
            positions.append(at)
            at = text.find(start, at + 1)
    if not positions:
        return []
    found = []
    last_end = 0
    for at in sorted(positions):
        if at >= last_end and (match := _ANY_ACTOR.match(text, at)) is not None:
            last_end = match.end()
            group = match.lastgroup
            assert group is not None
            found.append(
                ActorMention(_ACTOR_NAMES[int(group[1:])], match.group(), offset + match.start(), offset + match.end())
            )
    return found


def canonical_actor(name: str) -> str | None:
    for actor, pattern in _ACTOR_PATTERNS:
        if pattern.fullmatch(name.strip()):
            return actor
    return None


_RESPONSIBILITY = r"(?:responsibility|accountability|credit)"
_CLAIM_VERB = re.compile(
    rf"\b(?:claimed|claiming|claims|claim|asserted|asserting|took|taking|takes|declared|declaring|accepted|accepting"
    rf"|admitted|assumed|issued\s+a\s+claim\s+of)\s+(?:(?:the\s+)?{_RESPONSIBILITY}|the\s+(?:attack|bombing|killing"
    rf"|assassination|blast|strike|explosion|rocket\s+attack|shelling|raid)|(?:both|the\s+two|all\s+(?:three|four|the))\s+"
    rf"(?:attacks|bombings|blasts|explosions|strikes))\b"
    # "ISIS-K said it was behind the bombing", "Daesh said it carried out the attack": the group's own word
    rf"|\bsaid\s+(?:it|they)\s+(?:was|were|had\s+been)\s+behind\b|\bsaid\s+(?:it|they)\s+(?:had\s+)?(?:carried\s+out"
    rf"|conducted|staged)\s+(?:the|both|this|that)\b"
    rf"|\bwas\s+responsible\s+for\b|\bwere\s+responsible\s+for\b|\bhave\s+been\s+claimed\s+by\b|\bclaimed\s+by\b"
    rf"|\battributed\s+to\b|\bconfirmed\s+by\s+the\s+\w+\s+news\s+outlet\b"
    # "officials blamed the attack on X", "X was blamed for the blast": blame, not a claim
    rf"|\bblamed\s+(?:(?:the|this|that|both)\s+(?:\w+\s+){{0,2}})?on\b"
    # "police blamed Islamic State for the attack": the one blamed follows the verb
    rf"|\bblamed(?=\s+(?:[\w-]+\s+){{1,4}}?for\s+(?:the|this|that|both|these|those)\b)"
    rf"|\b(?:was|were|is|are|(?:has|have|had)\s+been)\s+(?:widely\s+|also\s+)?blamed\s+for\b",
    re.IGNORECASE,
)
_CLAIM_WORDS = (
    "respons",
    "accountab",
    "credit",
    "claim",
    "admit",
    "attribut",
    "confirmed by",
    "the attack",
    "the bombing",
    "the killing",
    "the assassination",
    "the blast",
    "blamed",
    "said it",
    "said they",
)
_PASSIVE = re.compile(r"claimed\s+by|attributed\s+to|confirmed\s+by|^blamed", re.IGNORECASE)


@dataclass(frozen=True)
class Claim:
    """Who claimed (or is said to be responsible for) what the sentence reports; `start`/`end` span the phrase."""

    claimed_by: str
    start: int
    end: int
    attributed: bool = False  # "attributed to" / "was responsible for": the group is blamed, not claiming


def find_claims(text: str, offset: int = 0, actors: list[ActorMention] | None = None) -> list[Claim]:
    """Claims of responsibility: the actor before an active claim verb, or after a passive one.

    `actors` (found at offset 0 in `text`) may be passed when already known.
    """
    lowered = text.lower()
    if not any(word in lowered for word in _CLAIM_WORDS) or not _CLAIM_VERB.search(text):
        return []
    actors = find_actors(text) if actors is None else actors
    claims = []
    for match in _CLAIM_VERB.finditer(text):
        phrase = match.group()
        if _PASSIVE.search(phrase):
            after = [a for a in actors if a.start >= match.end() and a.start - match.end() < 60]
            chosen = after[0] if after else None
            if chosen is None and "news outlet" in phrase.lower():
                chosen = next((a for a in actors if a.actor == "ISIS-K" and a.end <= match.end()), None)
        else:
            before = [a for a in actors if a.end <= match.start()]
            chosen = before[-1] if before else None
        if chosen is None:
            continue
        attributed = phrase.lower().startswith(("attributed", "was responsible", "were responsible", "blamed")) or (
            "blamed for" in phrase.lower()
        )
        claims.append(Claim(chosen.actor, offset + match.start(), offset + match.end(), attributed))
    return claims


_ACCORDING = re.compile(
    r"\b[Aa]ccording\s+to\s+(?P<who>(?:the\s+|a\s+)?[^,.;]{2,80}?)(?=,|\.|;|$|\s+\d|\s+(?:who|which|that)\b)"
    r"|(?P<subj>(?:[A-Z][\w'’\-]*\s+){0,5}[A-Z][\w'’\-]*)\s+(?:spokes(?:man|person)\s+[A-Z][\w\-]+(?:\s+[A-Z][\w\-]+)*"
    r"\s+)?(?:reported|said|stated|announced|confirmed|told)\b"
)


@dataclass(frozen=True)
class Attribution:
    who: str
    start: int
    end: int


def find_attributions(text: str, offset: int = 0) -> list[Attribution]:
    """'according to the Taliban' and 'X said/reported' as who-says-so attributions."""
    found = []
    for match in _ACCORDING.finditer(text):
        who = (match.group("who") or match.group("subj") or "").strip()
        who = re.sub(r"^(?:the|a|an)\s+", "", who, flags=re.IGNORECASE)
        if who and who.lower() not in {"he", "she", "they", "it", "this"}:
            found.append(Attribution(who, offset + match.start(), offset + match.end()))
    return found
