"""Place-name normalisation and systematic spelling variants.

Afghan place names reach English text in many romanisations: Herat/Hirat, Sar-e Pol/Sari Pul, Jowzjan/Jawzjan,
Mazar-i-Sharif/MazareSharif, Bandar-e Hairatan/Bandare-Hairataan. Rather than listing every spelling, both the
gazetteer's names and the queries are reduced to shared keys:

- `normalize(name)`: Unicode NFKC, transliteration to ASCII (anyascii), casefold, punctuation and hyphens folded
  to spaces, ezafe particles unified (`-i-`, `-e-`, `-ye-` -> ` e `), and the words around a name stripped
  ("Badakhshan province", "the Jurm district", "Wilayat-e Kunduz", "Kabul city").
- `compact(name)`: the normalised name without spaces ("Mazar e Sharif" and "MazareSharif" meet here).
- `skeleton(name)`: the compact key with spelling-free differences folded: v/w, q/k, x/kh, doubled letters,
  y and w used as vowels (ay, ai, aw, ow, ya), every run of vowels reduced to one `a`, and a final h after a
  vowel dropped. Herat and Hirat, Paktia and Paktya, Termez and Termiz, Hairatan and Hayratan, Tepah and Tepa
  share one skeleton.
- `variants(name)`: explicit spellings (ezafe joined as -e-, -i-, e, i or dropped; hyphens and spaces
  dropped; aa/oo/ee shortened; v/w, e/i, o/u, q/k swapped) plus the compact and skeleton keys. The gazetteer
  indexes the variants of its names, so a query only needs its own compact and skeleton keys.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from typing import Final

from anyascii import anyascii

__all__ = [
    "DESIGNATOR_KINDS",
    "LATIN_LETTER",
    "LATIN_LOWER",
    "LATIN_UPPER",
    "SILENT_FINAL_H",
    "SILENT_FINAL_H_EXAMPLES",
    "compact",
    "designator",
    "fold",
    "normalize",
    "respellings",
    "skeleton",
    "skeleton_of_compact",
    "skeleton_of_key",
    "split_designator",
    "variants",
]

# Words that stand around a name without being part of it, mapped to the kind of place they announce.
DESIGNATOR_KINDS: dict[str, str] = {
    "province": "province",
    "provinces": "province",
    "provincial": "province",
    "wilayat": "province",
    "velayat": "province",
    "welayat": "province",
    "vilayat": "province",
    "viloyat": "province",
    "viloyati": "province",
    "oblast": "province",
    "district": "district",
    "districts": "district",
    "woluswali": "district",
    "uluswali": "district",
    "wuluswali": "district",
    "woleswali": "district",
    "wuleswali": "district",
    "woludwali": "district",
    "vulusvali": "district",
    "uluswal": "district",
    "tuman": "district",
    "tumani": "district",
    "nohiya": "district",
    "county": "district",
    "tehsil": "district",
    "tehsils": "district",
    "city": "town",
    "cities": "town",
    "town": "town",
    "towns": "town",
    "village": "town",
    "villages": "town",
    "shahr": "town",
    "area": "area",
    "areas": "area",
    "region": "region",
    "regions": "region",
}
# Leading words only: articles and prepositions a mention may drag along.
_LEADING_NOISE = frozenset({"the", "in", "of", "at", "near"})
# Generic prefixes written with an ezafe ("Bandar-e Hairatan" = the port of Hairatan): a variant without them
# is generated, but they are not stripped by `normalize` because they are part of some names (Bandar Abbas).
GENERIC_PREFIXES = frozenset({"bandar", "bandare", "bandari", "port", "shahre", "shahri", "wilayate", "welayate"})

_EZAFE_TOKENS = frozenset({"e", "i", "ye", "yi", "y"})
_APOSTROPHES = re.compile(r"['`\u02bb\u02bc\u2018\u2019\u00b4]")
_POSSESSIVE = re.compile(r"['`\u2019]s\b")
_NON_ALNUM = re.compile(r"[^0-9a-z]+")


# Plain ASCII without apostrophes (most names in English text): lower case, every other character a space. NFKC
# and casefold change no ASCII character, and the apostrophe rules have nothing to remove.
_ASCII_FOLD: dict[int, str] = {
    code: (chr(code) if chr(code).isascii() and (chr(code).isdigit() or "a" <= chr(code) <= "z") else " ")
    for code in range(128)
}
_ASCII_FOLD_TABLE = str.maketrans(_ASCII_FOLD)


# A character that is not ASCII. anyascii reads each character on its own, so a text is transliterated by
# replacing each distinct one (news text holds a few: quotes, dashes) instead of walking every character in Python.
_NOT_ASCII = re.compile(r"[^\x00-\x7f]")


def _transliterate(text: str) -> str:
    """`anyascii(text)`: each distinct non-ASCII character replaced by its transliteration."""
    for char in set(_NOT_ASCII.findall(text)):
        text = text.replace(char, anyascii(char))
    return text


def _fold_tokens(text: str) -> list[str]:
    """The words of `fold(text)`."""
    if text.isascii() and "'" not in text and "`" not in text:
        return text.lower().translate(_ASCII_FOLD_TABLE).split()
    return fold(text).split()


def fold(text: str) -> str:
    """NFKC, ASCII transliteration, casefold, punctuation to single spaces (no words removed)."""
    if text.isascii() and "'" not in text and "`" not in text:
        return " ".join(text.lower().translate(_ASCII_FOLD_TABLE).split())
    text = unicodedata.normalize("NFKC", text)
    if not text.isascii():
        text = _transliterate(text)
    text = _APOSTROPHES.sub("", _POSSESSIVE.sub("", text.casefold()))
    return _NON_ALNUM.sub(" ", text).strip()


def _strip_designators(tokens: list[str]) -> tuple[list[str], str | None]:
    """Remove designator words from both ends (never the last remaining token); return the kind they announce."""
    kind: str | None = None
    changed = True
    while changed and len(tokens) > 1:
        changed = False
        first, last = tokens[0], tokens[-1]
        if first in _LEADING_NOISE or first in DESIGNATOR_KINDS:
            kind = kind or DESIGNATOR_KINDS.get(first)
            tokens = tokens[1:]
            changed = True
        elif last in DESIGNATOR_KINDS:
            kind = kind or DESIGNATOR_KINDS[last]
            tokens = tokens[:-1]
            changed = True
        elif len(tokens) > 2 and tokens[-2] in DESIGNATOR_KINDS and tokens[-1] in {"center", "centre"}:
            kind = kind or DESIGNATOR_KINDS[tokens[-2]]
            tokens = tokens[:-2]
            changed = True
        # an ezafe left dangling by a stripped designator ("wilayat e kunduz" -> "e kunduz")
        if len(tokens) > 1 and tokens[0] in _EZAFE_TOKENS:
            tokens = tokens[1:]
            changed = True
    return tokens, kind


def _unify_ezafe(tokens: list[str]) -> list[str]:
    """Standalone ezafe particles between two words become `e` ("mazar i sharif" -> "mazar e sharif")."""
    if len(tokens) < 3:
        return tokens
    return ["e" if 0 < i < len(tokens) - 1 and tok in _EZAFE_TOKENS else tok for i, tok in enumerate(tokens)]


def split_designator(name: str) -> tuple[str, str | None]:
    """The normalised name and the kind its designator words announce (`province`, `district`, `town`, ...).

    >>> split_designator("Badakhshan Province")
    ('badakhshan', 'province')
    """
    try:
        tokens = _fold_tokens(name)
    except Exception:  # never raise on odd input: an unreadable name is simply empty
        return "", None
    if len(tokens) == 1:  # one word: no ezafe to unify, no designator to strip (never the last word)
        return tokens[0], None
    # stripping only shortens the ends, so the particles left inside were unified already
    tokens, kind = _strip_designators(_unify_ezafe(tokens))
    return " ".join(tokens), kind


def normalize(name: str) -> str:
    """The normalised form of a place name: ASCII, lower case, single spaces, designator words removed.

    Idempotent (`normalize(normalize(x)) == normalize(x)`) and never raises.
    """
    if not isinstance(name, str):
        return ""
    return split_designator(name)[0]


def designator(name: str) -> str | None:
    """The kind of place the words around `name` announce, or None ("Kunduz city" -> "town")."""
    if not isinstance(name, str):
        return None
    return split_designator(name)[1]


def compact(name: str) -> str:
    """The normalised name without spaces: the exact-match key."""
    return normalize(name).replace(" ", "")


_VOWELS_TO_A = str.maketrans("eiou", "aaaa")
# Bodies of regex character classes for letters of names as reports write them in Latin script, diacritics
# included: "Türkiye", "Bāmiyān", "İstanbul", "Sarıyer" are names as much as "Turkey" is.
_LATIN_EXTENDED: Final = [chr(code) for code in range(0xC0, 0x250) if chr(code).isalpha()]
LATIN_UPPER: Final = "A-Z" + "".join(letter for letter in _LATIN_EXTENDED if letter.isupper())
LATIN_LOWER: Final = "a-z" + "".join(letter for letter in _LATIN_EXTENDED if not letter.isupper())
LATIN_LETTER: Final = LATIN_UPPER + LATIN_LOWER


# The Persian final h (he) after a vowel is written or not: Tepah, Tappeh and Tepa, Darah and Dara, Qalah and Qala.
# A key's last vowel keeps no h after it (in the skeleton, where every vowel is `a` already). Each pair of names
# is one place written both ways (a test checks their skeletons meet).
SILENT_FINAL_H: Final = "ah"
SILENT_FINAL_H_EXAMPLES: Final = (
    ("Qush Tepah", "Kush Tapa"),
    ("Gul Darah", "Guldara"),
    ("Dasht-e Qalah", "Dasht-i-Qala"),
)


def _skeleton_of_compact(key: str) -> str:
    key = key.replace("kh", "x").replace("q", "k").replace("ph", "f").translate(_VOWELS_TO_A)
    # w after a vowel is a diphthong (Jowzjan, Naw), elsewhere a consonant v (Warduj);
    # y next to a vowel is a glide (Hayratan, Paktya, Nusay)
    key = key.replace("aw", "aa").replace("w", "v").replace("ay", "aa").replace("ya", "aa")
    # doubled letters written once (a plain loop: faster than groupby or a regex with a back-reference)
    letters: list[str] = []
    previous = ""
    for letter in key:
        if letter != previous:
            letters.append(letter)
            previous = letter
    key = "".join(letters)
    # after the doubled letters, so "aah" keeps its h as "ah" does (a vowel alone is no name without its h)
    if key.endswith(SILENT_FINAL_H) and len(key) > len(SILENT_FINAL_H):
        key = key[:-1]
    return key


def skeleton_of_compact(key: str) -> str:
    """The skeleton of an already compact key (no normalisation)."""
    return _skeleton_of_compact(key)


# Not memoised: a memo of both saved no CPU time in `isk-atlas extract` on the dev texts (2.36 s with, 2.42 s
# without; with the place index built afresh 6.80 s with, 6.86 s without).
skeleton_of_key = skeleton_of_compact


def skeleton(name: str) -> str:
    """The spelling-insensitive key of a name (see the module docstring). Empty for an empty name."""
    return skeleton_of_compact(compact(name))


# Systematic single-letter alternations of romanised Dari, Pashto, Tajik and Uzbek names.
_SWAPS: tuple[tuple[str, str], ...] = (
    ("aa", "a"),
    ("oo", "u"),
    ("ee", "i"),
    ("ou", "u"),
    ("w", "v"),
    ("v", "w"),
    ("e", "i"),
    ("i", "e"),
    ("o", "u"),
    ("u", "o"),
    ("q", "k"),
    ("kh", "x"),
    ("x", "kh"),
    ("ay", "ai"),
    ("ai", "ay"),
    ("ia", "ya"),
    ("ya", "ia"),
    ("ow", "aw"),
    ("aw", "ow"),
)
_MAX_VARIANTS = 256


# How an ezafe between two words is written (normalised): "sar e pol", "sar i pol", "sare pol", "sari pol", "sar pol".
_EZAFE_JOINS = (" e ", " i ", "e ", "i ", " ")


def _ezafe_forms(tokens: list[str]) -> set[str]:
    """Every way of writing the ezafe particles between the words (at most the first two particles)."""
    positions = [i for i, tok in enumerate(tokens) if tok == "e" and 0 < i < len(tokens) - 1][:2]
    if not positions:
        return {" ".join(tokens)}
    forms: set[str] = set()
    for joins in itertools.product(_EZAFE_JOINS, repeat=len(positions)):
        chosen = dict(zip(positions, joins, strict=True))
        text = tokens[0]
        for i in range(1, len(tokens)):
            if i in chosen:
                continue
            text += chosen.get(i - 1, " ") + tokens[i]
        forms.add(text)
    return forms


def variants(name: str) -> set[str]:
    """Systematic spelling variants of `name`, all in normalised form, including its compact and skeleton keys.

    Two spellings of one place share at least their skeleton: `variants("Herat") & variants("Hirat")`.
    """
    base = normalize(name)
    if not base:
        return set()
    tokens = base.split()
    forms = _ezafe_forms(tokens)
    if tokens[0] in GENERIC_PREFIXES and len(tokens) > 1:
        rest = tokens[2:] if tokens[1] in _EZAFE_TOKENS and len(tokens) > 2 else tokens[1:]
        forms |= _ezafe_forms(rest)
    out: set[str] = set()
    for form in forms:
        out.add(form)
        out.add(form.replace(" ", ""))
    for form in list(out):
        for old, new in _SWAPS:
            if len(out) >= _MAX_VARIANTS:
                break
            if old in form:
                out.add(form.replace(old, new))
    keys = {compact(form) for form in out if form}
    out |= keys
    out |= {skeleton_of_compact(key) for key in keys if key}
    out.discard("")
    return out


# Single-site respellings of a normalised name (each occurrence on its own): the alternations of `_SWAPS` that
# English copy uses most, and long vowels written double or single.
_RESPELLINGS: tuple[tuple[str, str], ...] = (
    ("e", "i"),
    ("i", "e"),
    ("o", "u"),
    ("u", "o"),
    ("w", "v"),
    ("v", "w"),
    ("a", "aa"),
    ("aa", "a"),
    ("oo", "u"),
    ("ee", "i"),
    ("q", "k"),
    ("ay", "ai"),
    ("ai", "ay"),
    ("ya", "ia"),
    ("ia", "ya"),
)


def _single_site(form: str, out: set[str]) -> None:
    for old, new in _RESPELLINGS:
        start = form.find(old)
        while start >= 0:
            out.add(form[:start] + new + form[start + len(old) :])
            start = form.find(old, start + 1)


def respellings(normalized: str) -> set[str]:
    """The usual ways English copy respells a normalised name, in normalised form (the name itself excluded):
    ezafe joins ("mazar e sharif" -> "mazare sharif", "mazari sharif", "mazar sharif", "mazaresharif"), one space
    dropped or all of them ("jalal abad" -> "jalalabad"), and on each of these one letter alternation at one place
    (e/i, o/u, w/v, q/k, ay/ai, ya/ia, a/aa, aa/a, oo/u, ee/i: "hirat", "herat", "kondoz", "hayratan").

    The geocoder precomputes its answers for these, so that a respelt name costs a dict lookup."""
    tokens = normalized.split()
    if not tokens:
        return set()
    forms = _ezafe_forms(tokens)
    forms.add(normalized)
    forms.add("".join(tokens))
    for position in range(1, len(tokens)):
        forms.add(" ".join(tokens[:position]) + " ".join(tokens[position:]))
    out = set(forms)
    for form in forms:
        _single_site(form, out)
    out.discard(normalized)
    # only what `normalize` can return ("mazar i sharif" is written "mazar e sharif" by then)
    return {form for form in out if form and split_designator(form) == (form, None)}
