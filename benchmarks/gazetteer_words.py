"""Afghan gazetteer names that are also common nouns or titles of the region's English news.

`python -m benchmarks.gazetteer_words data/realdev [--all]` lists every Afghan gazetteer name or alias (towns,
quarters, landmarks, crossings, districts; one or two words, Latin script) that the development texts use: how
often it is written in lower case (a common noun: "chowk", "imambargah"), how often capitalised, and in which
articles when capitalised - those whose gold events all lie outside Afghanistan ("abroad") or all inside
("home") - with whether the build's word lists (`english-words` + `wordfreq`, `names`) know it and whether the
row already needs its country named. A name written in lower case, or capitalised in at least as many articles
abroad as at home, is a candidate for the build's `REGION_COMMON_WORDS` or `mark_home_homographs`. Only the dev
split is read (never `data/realdev/holdout/`); a name is matched as the geocoder reads it: any run of one or two
words with the same compact or skeleton key ("Imam Bargah" is "imambargah"; skeletons only when capitalised).
"""

from __future__ import annotations

import argparse
import csv
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from isk_atlas.geo import load_gazetteer
from isk_atlas.names import split_designator
from isk_atlas.places.gazetteer import query_keys

AFGHAN_KINDS = frozenset({"town", "quarter", "landmark", "crossing", "district"})


@dataclass
class NameUse:
    """How the dev texts use one gazetteer name."""

    name: str
    rows: set[str] = field(default_factory=set)
    lower: int = 0
    upper: int = 0
    abroad: Counter[str] = field(default_factory=Counter)
    home: Counter[str] = field(default_factory=Counter)

    @property
    def abroad_count(self) -> int:
        return sum(self.abroad.values())

    @property
    def home_count(self) -> int:
        return sum(self.home.values())


def name_keys(written: str) -> set[str]:
    """The geocoder's keys of a name: compact keys and, for a place at home, skeleton keys (`query_keys`)."""
    normalized, _ = split_designator(written)
    if not normalized:
        return set()
    compacts, skeletons = query_keys(normalized)
    return {*compacts, *(f"~{s}" for s in skeletons)}


WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*")


def ngrams(text: str) -> Iterator[tuple[str, bool]]:
    """Every run of one or two words, and whether it starts in lower case."""
    words = [m.group() for m in WORD.finditer(text)]
    for i, word in enumerate(words):
        yield word, word[0].islower()
        if i + 1 < len(words):
            yield f"{word} {words[i + 1]}", word[0].islower()


def article_sides(corpus: Path) -> dict[str, str]:
    """Dev article id -> 'abroad' (gold events all outside Afghanistan), 'home' (all inside) or 'mixed'."""
    events: Any = yaml.safe_load((corpus / "gold.yaml").read_text(encoding="utf-8")) or []
    countries: dict[str, set[str]] = {}
    for event in events:
        for source in event.get("sources") or []:
            countries.setdefault(str(source["source_id"]), set()).add(str(event.get("country") or ""))
    sides = {}
    for source_id, found in countries.items():
        inside = "AFG" in found
        outside = bool(found - {"AFG", ""})
        sides[source_id] = "mixed" if inside and outside else "home" if inside else "abroad" if outside else ""
    return sides


def dev_texts(corpus: Path) -> dict[str, str]:
    """Dev article id -> text (the manifest's dev split only)."""
    texts = {}
    with (corpus / "sources.csv").open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            path = corpus / "texts" / row["file"]
            if row.get("split", "dev") == "dev" and path.exists():
                texts[row["source_id"]] = path.read_text(encoding="utf-8")
    return texts


def afghan_names(gazetteer: Any) -> dict[str, set[str]]:
    """Latin-script names of one or two words of Afghan places (not provinces or the country) -> row ids."""
    found: dict[str, set[str]] = {}
    rows = gazetteer[(gazetteer["country"] == "AFG") & gazetteer["kind"].isin(AFGHAN_KINDS)]
    for pid, name, alternates in zip(rows["id"], rows["name"], rows["alternate_names"], strict=True):
        for written in [name, *str(alternates or "").split("|")]:
            written = written.strip()
            if written.isascii() and len(written) > 2 and len(written.split()) <= 2 and re.search("[a-z]", written):
                found.setdefault(written, set()).add(str(pid))
    return found


def count_uses(names: dict[str, set[str]], texts: dict[str, str], sides: dict[str, str]) -> list[NameUse]:
    """Every name the texts write at least once as the geocoder reads names (same compact or skeleton key), with
    its uses."""
    by_key: dict[str, list[str]] = {}
    for name in names:
        for key in name_keys(name):
            by_key.setdefault(key, []).append(name)
    uses = {name: NameUse(name, set(rows)) for name, rows in names.items()}
    keys_of: dict[str, set[str]] = {}
    for source_id, text in texts.items():
        side = sides.get(source_id, "")
        for gram, lower in ngrams(text):
            keys = keys_of.get(gram)
            if keys is None:
                keys = keys_of[gram] = name_keys(gram)
            if lower:
                # a word written in lower case is a common noun only when spelt the same (compact key): skeletons
                # of lower-case words are mostly English words ("when", "new") the reader never takes for names
                keys = {key for key in keys if not key.startswith("~")}
            for name in {n for key in keys for n in by_key.get(key, ())}:
                use = uses[name]
                if lower:
                    use.lower += 1
                    continue
                use.upper += 1
                if side == "abroad":
                    use.abroad[source_id] += 1
                elif side == "home":
                    use.home[source_id] += 1
    return [use for _, use in sorted(uses.items()) if use.lower or use.upper]


def is_candidate(use: NameUse) -> bool:
    """Written in lower case as a common noun, or capitalised in at least as many articles about places abroad as
    about places at home."""
    return use.lower > 0 or (use.abroad_count > 0 and len(use.abroad) >= len(use.home))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--all", action="store_true", help="every name the texts use, not only the candidates")
    args = parser.parse_args(argv)
    from isk_atlas.geo.build import is_common_word, load_common_words, load_given_names

    words, given = load_common_words(), load_given_names()
    gazetteer = load_gazetteer()
    kinds = dict(zip(gazetteer["id"], gazetteer["kind"], strict=True))
    needs = dict(zip(gazetteer["id"], gazetteer["needs_country"], strict=True))
    uses = count_uses(afghan_names(gazetteer), dev_texts(args.corpus), article_sides(args.corpus))
    print("name\tlower\tcapitalised\tabroad(articles)\thome(articles)\tword\tneeds_country\trows")
    for use in sorted(uses, key=lambda u: (-u.lower - u.abroad_count, u.name)):
        if not args.all and not is_candidate(use):
            continue
        word = "word" if is_common_word(use.name, words, given) else ""
        flags = "yes" if all(needs.get(r) for r in use.rows) else ""
        rows = ",".join(f"{r}({kinds.get(r)})" for r in sorted(use.rows))
        print(
            f"{use.name}\t{use.lower}\t{use.upper}\t{use.abroad_count}({len(use.abroad)})"
            f"\t{use.home_count}({len(use.home)})\t{word}\t{flags}\t{rows}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
