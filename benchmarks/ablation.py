"""Which of the extractor's declared rules earn their place? An ablation study (issue 17).

    python -m benchmarks.ablation data/realdev [--json out.json] [--only NAME ...]

Uses the development split of a real-news corpus and the five shared sources only: it never reads the held-out
split (`data/realdev/holdout/`), which stays the lead's estimate of what a new article gets. The article texts are
kept out of git, so CI never runs this (the tests run its parts on short texts of their own).

The rules are the extractor's declared data: every `TextCue` of `isk_atlas.events.cues.CUES` and every compiled cue
of the classifier's table (`isk_atlas.events.classify.CUE_TABLE`: the rules of each event type, the conditions that
qualify them and the rules' `not_after` guards). For each rule in turn, `disabled(rule)` swaps its compiled
pattern for one that never matches (a context manager that restores it on the way out), the extractor runs again
and the proposals are scored on the four parts of dev (`PARTS`: the batches A-C, D-E, F-H and K-M, the freshest)
and on the five sources against `data/register.yaml`, as `evaluate-corpus` and the tests score them.

A baseline run first records, with every rule's pattern wrapped in a recorder, which articles each rule matched
anything in (`Recorder`): a rule that matched nothing anywhere changes nothing when disabled, and a rule is rerun
only on the articles it matched in (extraction reads one article at a time and keeps nothing between them), so
the whole study takes about as long as a few runs of the extractor. Everything it swaps is restored before it
returns: the study (`Ablation`) owns its state, nothing global outlives it.

Printed per rule: the articles it matched in per part, and per part matched proposals / proposals, gold events
found and the correct counts of the fields (type, province, date, casualties), rule on and off, and a verdict:

- `dead`: off, no proposal changes anywhere (it matched nothing, or what it did changed no proposal);
- `silent`: off, nothing scored changes but some proposals do (a sub-type, a tag, a target, a place within the
  province...): read what changes before removing it;
- `harmful`: off, no part loses a match, a gold event or a correct field nor gains a wrong proposal, and something
  changes (a match more, a wrong proposal less);
- `fitted`: off, matches (or gold events) are lost in one part only, and more wrong proposals go away elsewhere
  than matches are lost;
- `earning`: the rest (removing it costs matches in several parts, or costs more than it saves).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from isk_atlas.evaluate import Evaluation, evaluate, load_corpus, load_gold
from isk_atlas.events.classify import CUE_TABLE, CompiledRule, CueTable
from isk_atlas.events.cues import CUES, TextCue
from isk_atlas.events.extract import Extractor
from isk_atlas.schema import Event
from isk_atlas.sources import Source, load_sources

# The four parts of dev (batch letters in the brief's names): ids rd0xx-rd1xx, rd2xx, rd3xx-rd51x, rd55x-rd6xx.
PARTS: dict[str, re.Pattern[str]] = {
    "old": re.compile(r"rd0\d\d|rd1\d\d"),
    "de": re.compile(r"rd2\d\d"),
    "fgh": re.compile(r"rd3\d\d|rd4\d\d|rd50\d|rd51\d"),
    "klm": re.compile(r"rd55\d|rd56\d|rd6\d\d"),
}
FIVE = "five"  # the five shared sources, scored against the register
FIELDS = ("type", "province", "date", "casualties")
DEV_WINDOW_DAYS = 2  # as `evaluate_corpus`
FIVE_WINDOW_DAYS = 3  # as `evaluate_folder` (the tests' check of the five sources)
NEVER = re.compile(r"(?!)")  # matches nothing, anywhere


# ---------------------------------------------------------------------------------------------- rules


@dataclass(frozen=True)
class Rule:
    """One declared rule: `holder.attribute` is its compiled pattern (a `TextCue`'s or a classifier cue's
    `pattern`, a classifier rule's `not_after`)."""

    name: str
    family: str  # "cue", "classify", "condition" or "not_after"
    holder: Any = field(repr=False, compare=False)
    attribute: str = "pattern"


def declared_rules(cues: Sequence[TextCue] = CUES, table: CueTable = CUE_TABLE) -> list[Rule]:
    """Every rule of the cue list and the classifier's table, in declaration order, each named by its own key: a
    cue's `name`, a classifier rule's table and `name` ("counter:raid"; "...:not_after" for its guard), a
    condition's name ("condition:negated"). A name does not change when a rule is added or moved."""
    rules = [Rule(cue.name, "cue", cue) for cue in cues]
    for kind in ("launch", "counter", "attack", "presence"):
        compiled_rules: tuple[CompiledRule, ...] = getattr(table, kind)
        for compiled in compiled_rules:
            name = compiled.rule.name
            rules.append(Rule(f"{kind}:{name}", "classify", compiled.cue))
            if compiled.not_after is not None:
                rules.append(Rule(f"{kind}:{name}:not_after", "not_after", compiled, "not_after"))
    rules.extend(Rule(f"condition:{name}", "condition", cue) for name, cue in table.conditions.items())
    return rules


@contextmanager
def _swapped(rule: Rule, pattern: Any) -> Iterator[None]:
    """`rule`'s pattern replaced by `pattern` (the holders are frozen dataclasses) until the block ends."""
    original = getattr(rule.holder, rule.attribute)
    object.__setattr__(rule.holder, rule.attribute, pattern)
    try:
        yield
    finally:
        object.__setattr__(rule.holder, rule.attribute, original)


@contextmanager
def disabled(rule: Rule) -> Iterator[None]:
    """The rule switched off (its pattern never matches) inside the block, restored after it."""
    with _swapped(rule, NEVER):
        yield


class Recorder:
    """A compiled pattern that notes, in `hits`, the article being read whenever it matches something.

    It answers the pattern methods the extractor calls (`search`, `match`, `fullmatch`, `finditer`, `findall`);
    everything else goes to the pattern."""

    def __init__(self, pattern: re.Pattern[str], hits: set[str], reading: list[str]) -> None:
        self._pattern = pattern
        self._hits = hits
        self._reading = reading  # [the id of the article being read]
        self.consulted = False

    def _note(self, found: bool) -> None:
        self.consulted = True
        if found:
            self._hits.add(self._reading[0])

    def search(self, *args: Any) -> re.Match[str] | None:
        match = self._pattern.search(*args)
        self._note(match is not None)
        return match

    def match(self, *args: Any) -> re.Match[str] | None:
        match = self._pattern.match(*args)
        self._note(match is not None)
        return match

    def fullmatch(self, *args: Any) -> re.Match[str] | None:
        match = self._pattern.fullmatch(*args)
        self._note(match is not None)
        return match

    def finditer(self, *args: Any) -> Iterator[re.Match[str]]:
        self._note(False)
        for match in self._pattern.finditer(*args):
            self._note(True)
            yield match

    def findall(self, *args: Any) -> list[Any]:
        found = self._pattern.findall(*args)
        self._note(bool(found))
        return found

    def __getattr__(self, name: str) -> Any:
        return getattr(self._pattern, name)


# ---------------------------------------------------------------------------------------------- scores


@dataclass(frozen=True)
class Score:
    """What one part scores: proposals, those matching gold, gold events and those found, correct fields."""

    proposed: int
    matched: int
    gold: int
    found: int
    fields: tuple[int, ...]  # correct counts of FIELDS
    # Proposals told differently than with every rule on (any field but the wording: `signature`); 0 in the
    # baseline. It is no score: two scores alike with some proposals changed make a `silent` rule, not a dead one.
    changed: int = 0

    @property
    def wrong(self) -> int:
        return self.proposed - self.matched

    @classmethod
    def of(cls, result: Evaluation, changed: int = 0) -> Score:
        fields = tuple(result.fields[name].correct if name in result.fields else 0 for name in FIELDS)
        return cls(result.proposed, result.matched, result.gold, result.gold_found, fields, changed)

    def scored(self) -> tuple[int, int, int, int, tuple[int, ...]]:
        return self.proposed, self.matched, self.gold, self.found, self.fields

    def as_dict(self) -> dict[str, Any]:
        return {
            "proposed": self.proposed,
            "matched": self.matched,
            "gold": self.gold,
            "found": self.found,
            "fields": dict(zip(FIELDS, self.fields, strict=True)),
            "changed": self.changed,
        }


def signature(event: Event) -> str:
    """What a proposal tells, without its wording (id, summary, evidence, figures' sources)."""
    return json.dumps(event.model_dump(mode="json", exclude={"event_id", "summary", "sources", "figures"}))


def verdict(on: dict[str, Score], off: dict[str, Score]) -> str:
    """`dead`, `silent`, `harmful`, `fitted` or `earning` (see the module docstring) from the scores with the rule on
    and off."""
    if all(on[part].scored() == off[part].scored() for part in on):
        return "silent" if any(score.changed for score in off.values()) else "dead"
    lost = {part: max(on[part].matched - off[part].matched, on[part].found - off[part].found) for part in on}
    worse = any(
        lost[part] > 0
        or off[part].wrong > on[part].wrong
        or any(o < n for n, o in zip(on[part].fields, off[part].fields, strict=True))
        for part in on
    )
    if not worse:
        return "harmful"
    losing = [part for part, value in lost.items() if value > 0]
    if len(losing) == 1:
        saved = sum(on[part].wrong - off[part].wrong for part in on if part != losing[0])
        if saved > lost[losing[0]]:
            return "fitted"
    return "earning"


# ---------------------------------------------------------------------------------------------- the study


def part_of(source_id: str) -> str | None:
    return next((name for name, pattern in PARTS.items() if pattern.search(source_id)), None)


@dataclass
class Ablation:
    """The study's state: the extractor, the articles and gold of each part, the baseline's proposals and which
    articles each rule matched in. Build it with `Ablation.load`, run `baseline()` once, then `ablate(rule)`."""

    extractor: Extractor
    articles: dict[str, list[Source]]  # part -> its articles
    gold: dict[str, list[Event]]  # part -> the gold file it is scored against
    windows: dict[str, int]
    events: dict[str, list[Event]] = field(default_factory=dict)  # source id -> baseline proposals
    hits: dict[str, set[str]] = field(default_factory=dict)  # rule name -> ids of the articles it matched in
    consulted: set[str] = field(default_factory=set)  # rules whose pattern the extractor called at all
    rules: list[Rule] = field(default_factory=declared_rules)

    @classmethod
    def load(cls, corpus_dir: Path, five_dir: Path | None, register: Path | None) -> Ablation:
        corpus = load_corpus(corpus_dir / "sources.csv", corpus_dir / "texts", "dev")
        dev_gold = load_gold(corpus_dir / "gold.yaml")
        articles: dict[str, list[Source]] = {name: [] for name in PARTS}
        for source in corpus.sources:
            part = part_of(source.source_id)
            if part is not None:
                articles[part].append(source)
        gold = {name: dev_gold for name in PARTS}
        windows = dict.fromkeys(PARTS, DEV_WINDOW_DAYS)
        if five_dir is not None and register is not None and five_dir.is_dir() and register.is_file():
            articles[FIVE] = load_sources(five_dir).sources
            gold[FIVE] = load_gold(register)
            windows[FIVE] = FIVE_WINDOW_DAYS
        return cls(Extractor(), articles, gold, windows)

    def _extract(self, sources: Sequence[Source], reading: list[str] | None = None) -> dict[str, list[Event]]:
        found: dict[str, list[Event]] = {}
        for source in sources:
            if reading is not None:
                reading[0] = source.source_id
            found[source.source_id] = self.extractor.extract_source(source)
        return found

    def baseline(self) -> dict[str, Score]:
        """Extract every article with each rule's pattern recording where it matches; the scores with every rule on."""
        reading = [""]
        self.hits = {rule.name: set() for rule in self.rules}
        recorders: list[tuple[Rule, Recorder]] = []
        with ExitStack() as stack:
            for rule in self.rules:
                recorder = Recorder(getattr(rule.holder, rule.attribute), self.hits[rule.name], reading)
                recorders.append((rule, recorder))
                stack.enter_context(_swapped(rule, recorder))
            self.events = self._extract([s for sources in self.articles.values() for s in sources], reading)
        self.consulted = {rule.name for rule, recorder in recorders if recorder.consulted}
        return self.scores(self.events)

    def scores(self, events: dict[str, list[Event]]) -> dict[str, Score]:
        result = {}
        for part, sources in self.articles.items():
            ids = sorted(s.source_id for s in sources)
            proposals = [e for source_id in ids for e in events.get(source_id, [])]
            evaluation = evaluate(proposals, self.gold[part], window_days=self.windows[part], source_ids=ids)
            before = Counter(signature(e) for source_id in ids for e in self.events.get(source_id, []))
            changed = sum((Counter(signature(e) for e in proposals) - before).values())
            result[part] = Score.of(evaluation, max(changed, sum(before.values()) - len(proposals)))
        return result

    def ablate(self, rule: Rule) -> dict[str, Score]:
        """The scores with `rule` off: only the articles it matched in are read again."""
        touched = self.hits.get(rule.name, set())
        if not touched:
            return self.scores(self.events)
        with disabled(rule):
            again = self._extract([s for sources in self.articles.values() for s in sources if s.source_id in touched])
        return self.scores({**self.events, **again})

    def hits_per_part(self, rule: Rule) -> dict[str, int]:
        ids = self.hits.get(rule.name, set())
        return {part: sum(s.source_id in ids for s in sources) for part, sources in self.articles.items()}


# ---------------------------------------------------------------------------------------------- report


def _cell(on: Score, off: Score) -> str:
    """ "matched/proposed" on, and off where it differs; a star when only the fields or found differ."""
    text = f"{on.matched}/{on.proposed}"
    if (off.matched, off.proposed) != (on.matched, on.proposed):
        text += f"->{off.matched}/{off.proposed}"
    elif off.scored() != on.scored():
        text += "*"
    if off.changed:
        text += f" ~{off.changed}"
    return text


def table(rows: list[dict[str, Any]], parts: Sequence[str]) -> str:
    header = ["rule", "verdict", "hits " + "/".join(parts), *parts]
    lines = [" | ".join(header), " | ".join("---" for _ in header)]
    for row in rows:
        hits = "/".join(str(row["hits"][part]) for part in parts)
        cells = [_cell(Score(**_plain(row["on"][part])), Score(**_plain(row["off"][part]))) for part in parts]
        lines.append(" | ".join([row["rule"], row["verdict"], hits, *cells]))
    return "\n".join(f"| {line} |" for line in lines)


def _plain(score: dict[str, Any]) -> dict[str, Any]:
    return {**score, "fields": tuple(score["fields"][name] for name in FIELDS)}


def run(study: Ablation, only: Sequence[str] = ()) -> dict[str, Any]:
    on = study.baseline()
    rows = []
    for rule in study.rules:
        if only and rule.name not in only:
            continue
        off = study.ablate(rule)
        rows.append(
            {
                "rule": rule.name,
                "family": rule.family,
                "consulted": rule.name in study.consulted,
                "hits": study.hits_per_part(rule),
                "verdict": verdict(on, off),
                "on": {part: score.as_dict() for part, score in on.items()},
                "off": {part: score.as_dict() for part, score in off.items()},
            }
        )
    counts: dict[str, int] = {}
    for row in rows:
        counts[row["verdict"]] = counts.get(row["verdict"], 0) + 1
    return {
        "parts": {part: len(sources) for part, sources in study.articles.items()},
        "baseline": {part: score.as_dict() for part, score in on.items()},
        "verdicts": counts,
        "rules": rows,
    }


def main(argv: Sequence[str] | None = None) -> int:
    from isk_atlas.paths import project_root

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    parser.add_argument("corpus", type=Path, help="the corpus folder (sources.csv, gold.yaml, texts/); dev only")
    parser.add_argument("--five", type=Path, default=project_root().parent / "shared" / "sources")
    parser.add_argument("--register", type=Path, default=project_root() / "data" / "register.yaml")
    parser.add_argument("--json", type=Path, help="write the full result here")
    parser.add_argument("--only", nargs="*", default=(), help="ablate only these rules")
    args = parser.parse_args(argv)
    study = Ablation.load(args.corpus, args.five, args.register)
    result = run(study, args.only)
    if args.json:
        args.json.write_text(json.dumps(result, indent=1), encoding="utf-8")
    parts = list(result["parts"])
    print("articles: " + ", ".join(f"{part} {n}" for part, n in result["parts"].items()))
    print("verdicts: " + ", ".join(f"{name} {n}" for name, n in sorted(result["verdicts"].items())))
    never = [row["rule"] for row in result["rules"] if not row["consulted"]]
    if never:
        print("never consulted by the extractor: " + ", ".join(never))
    print(table(result["rules"], parts))
    return 0


if __name__ == "__main__":
    sys.exit(main())
