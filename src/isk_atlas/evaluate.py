"""How well extraction agrees with a gold list of events (the curated register's format).

Matching is per source: a proposed event and a gold event match when they cite a common source, have the same
event type and the same province (`admin1`; for reports above province level, the same place id or country). Far
abroad (outside Afghanistan and its neighbours, whose provinces the gazetteer does not hold) the country is the place:
an arrest in Cologne coded at North Rhine-Westphalia matches one placed in Germany.
Pairs are made one to one, closest dates first. From the pairs:

- precision = matched proposals / proposals, recall = gold events found / gold events;
- per-field accuracy: `type` (among pairs made on source + province alone, the share with the same type),
  `province` (among pairs made on source + type + day-precise date alone, the share with the same province),
  `date` (among
  matched pairs whose gold event is dated, the share whose dates overlap within the window), `casualties`
  (among matched pairs whose gold event gives killed or injured figures, the share that agree; see below).

Casualties agree when, for killed and for injured alike, the gold interval lies within the proposal's interval.
An interval is `low..high` with a missing bound open, on either side: a missing `high` means no upper limit ("at
least 10" is coded `low: 10` and no high), a missing `low` means no lower limit beyond zero ("up to 36" is coded
`high: 36` only). So gold 10..open agrees with a proposal 10..open or 8..open, not with 10..10 (the proposal
caps what the gold leaves open); gold 12..12 agrees with 10..15 and with 10..open. A figure the gold gives (either
bound) needs some figure in the proposal (a proposal with neither bound does not agree); a kind the gold leaves
without figures is not scored.

Gold events with status `rejected` are not events: a proposal matching one counts against precision.
"""

from __future__ import annotations

import datetime as dt
import importlib
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from isk_atlas.errors import InputError
from isk_atlas.places.gazetteer import NEAR_COUNTRIES
from isk_atlas.schema import Event

DATE_WINDOW_DAYS = 3


def _place(event: Event) -> str | None:
    """Province code; for reports above province level the region id or the country code; far abroad (outside
    `NEAR_COUNTRIES`) the country code."""
    if event.country and event.country not in NEAR_COUNTRIES:
        return event.country
    if event.admin1:
        return event.admin1
    if event.geo_precision == "region" or (event.place_id or "").startswith("region:"):
        return event.place_id
    return event.country or event.place_id


def _date_gap(a: Event, b: Event) -> int:
    if a.date_start is None or b.date_start is None:
        return 10**5
    a_end, b_end = a.date_end or a.date_start, b.date_end or b.date_start
    if a.date_start <= b_end and b.date_start <= a_end:
        return 0
    return min(abs((a.date_start - b_end).days), abs((b.date_start - a_end).days))


def _date_within(proposed: Event, gold: Event, window_days: int) -> bool:
    """Whether every day the proposal allows lies within `window_days` of the gold's dates.

    Overlap alone would credit a month-long window for a gold day inside it; "within two days" means the
    proposal says no more than that.
    """
    if proposed.date_start is None or gold.date_start is None:
        return False
    slack = dt.timedelta(days=window_days)
    proposed_end, gold_end = proposed.date_end or proposed.date_start, gold.date_end or gold.date_start
    return gold.date_start - slack <= proposed.date_start and proposed_end <= gold_end + slack


def _pair(
    predicted: Sequence[Event], gold: Sequence[Event], same: Callable[[Event, Event], bool]
) -> list[tuple[Event, Event]]:
    """Pairs for which `same` holds, source by source, closest dates first.

    Within one source the pairing is one to one; a gold event that several sources report may be paired once
    in each of them (extraction works article by article, the register merges articles).
    """
    candidates = [
        (_date_gap(p, g), i, j, source)
        for i, p in enumerate(predicted)
        for j, g in enumerate(gold)
        for source in sorted(set(p.source_ids) & set(g.source_ids))
        if same(p, g)
    ]
    candidates.sort()
    used_p: set[int] = set()
    used_g: set[tuple[str, int]] = set()
    pairs = []
    for _, i, j, source in candidates:
        if i in used_p or (source, j) in used_g:
            continue
        used_p.add(i)
        used_g.add((source, j))
        pairs.append((predicted[i], gold[j]))
    return pairs


def _within(gold_low: int | None, gold_high: int | None, low: int | None, high: int | None) -> bool:
    """Whether the gold interval lies within the proposed one, a missing bound being open (low: 0, high: none)."""
    if gold_low is None and gold_high is None:
        return True  # the gold gives no figure of this kind: nothing to agree with
    if low is None and high is None:
        return False  # the gold gives a figure, the proposal none
    if (gold_low or 0) < (low or 0):
        return False
    if high is None:
        return True
    return gold_high is not None and gold_high <= high


def _casualties_agree(p: Event, g: Event) -> bool:
    """Killed and injured each: the gold interval within the proposal's (see the module docstring)."""
    return _within(g.killed_low, g.killed_high, p.killed_low, p.killed_high) and _within(
        g.injured_low, g.injured_high, p.injured_low, p.injured_high
    )


@dataclass
class FieldScore:
    correct: int = 0
    total: int = 0

    @property
    def accuracy(self) -> float | None:
        return self.correct / self.total if self.total else None


@dataclass
class ArticleErrors:
    """What went wrong in one article: gold events missed and proposals matching no gold event."""

    missed: list[str] = field(default_factory=list)
    unmatched: list[str] = field(default_factory=list)


def describe(event: Event) -> str:
    """One line naming an event: id, type/sub-type, place (province or country) and date."""
    when = event.date_start.isoformat() if event.date_start else "undated"
    if event.date_end and event.date_start and event.date_end != event.date_start:
        when += f"..{event.date_end.isoformat()}"
    kind = f"{event.event_type}/{event.sub_type or '-'}"
    return f"{event.event_id}: {kind} at {event.place_text} ({_place(event)}), {when}"


@dataclass
class Evaluation:
    proposed: int
    gold: int
    matched: int  # proposals that match a gold event
    gold_found: int = 0  # gold events matched by at least one proposal
    false_positives: list[str] = field(default_factory=list)  # proposed event ids without a gold match
    missed: list[str] = field(default_factory=list)  # gold event ids without a proposal
    fields: dict[str, FieldScore] = field(default_factory=dict)
    # Per article (source id): the gold events no proposal matched and the proposals that matched nothing, each
    # as one line (id, type, place, date) for the analyst to look up.
    by_source: dict[str, ArticleErrors] = field(default_factory=dict)
    # Proposals placed in Afghanistan that stand for a happening abroad (see `evaluate_corpus`): the issue's "no
    # event abroad placed in Afghanistan" counts these.
    abroad_in_afghanistan: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched / self.proposed if self.proposed else 0.0

    @property
    def recall(self) -> float:
        return self.gold_found / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "proposed": self.proposed,
            "gold": self.gold,
            "matched": self.matched,
            "gold_found": self.gold_found,
            "precision": round(self.precision, 3),
            "recall": round(self.recall, 3),
            "f1": round(self.f1, 3),
            "fields": {
                name: {**asdict(score), "accuracy": None if score.accuracy is None else round(score.accuracy, 3)}
                for name, score in self.fields.items()
            },
            "false_positives": self.false_positives,
            "missed": self.missed,
            "by_source": {source: asdict(errors) for source, errors in sorted(self.by_source.items())},
            "abroad_in_afghanistan": self.abroad_in_afghanistan,
        }


def evaluate(
    predicted: Iterable[Event],
    gold: Iterable[Event],
    window_days: int = DATE_WINDOW_DAYS,
    source_ids: Iterable[str] | None = None,
) -> Evaluation:
    """Score proposals against gold events; with `source_ids`, only gold events citing one of them count."""
    predicted = list(predicted)
    wanted = set(source_ids) if source_ids is not None else None
    gold_all = [g for g in gold if wanted is None or set(g.source_ids) & wanted]
    real_gold = [g for g in gold_all if g.status != "rejected"]
    rejected = [g for g in gold_all if g.status == "rejected"]

    def type_and_place(p: Event, g: Event) -> bool:
        return p.event_type == g.event_type and _place(p) == _place(g)

    pairs = _pair(predicted, real_gold, type_and_place)
    matched_ids = {id(p) for p, _ in pairs}
    matched_gold = {id(g) for _, g in pairs}
    # Proposals that match a rejected gold event are false positives (listed as such).
    unmatched = [p for p in predicted if id(p) not in matched_ids]
    rejected_hits = {id(p) for p, _ in _pair(unmatched, rejected, type_and_place)}
    result = Evaluation(
        proposed=len(predicted),
        gold=len(real_gold),
        matched=len(pairs),
        gold_found=len(matched_gold),
        false_positives=[p.event_id for p in unmatched if id(p) not in rejected_hits]
        + [f"{p.event_id} (rejected in gold)" for p in unmatched if id(p) in rejected_hits],
        missed=[g.event_id for g in real_gold if id(g) not in matched_gold],
    )
    for g in real_gold:
        if id(g) not in matched_gold:
            for source in [s for s in dict.fromkeys(g.source_ids) if wanted is None or s in wanted]:
                result.by_source.setdefault(source, ArticleErrors()).missed.append(describe(g))
    for p in unmatched:
        note = " (rejected in gold)" if id(p) in rejected_hits else ""
        # An event cites its source once per evidence span: list it once per article.
        for source in dict.fromkeys(p.source_ids):
            result.by_source.setdefault(source, ArticleErrors()).unmatched.append(describe(p) + note)
    type_pairs = _pair(predicted, real_gold, lambda p, g: _place(p) == _place(g))
    result.fields["type"] = FieldScore(sum(p.event_type == g.event_type for p, g in type_pairs), len(type_pairs))
    province_pairs = _pair(
        predicted,
        real_gold,
        lambda p, g: p.event_type == g.event_type and g.date_precision == "day" and _date_gap(p, g) <= window_days,
    )
    result.fields["province"] = FieldScore(sum(_place(p) == _place(g) for p, g in province_pairs), len(province_pairs))
    dated = [(p, g) for p, g in pairs if g.date_start is not None]
    result.fields["date"] = FieldScore(sum(_date_within(p, g, window_days) for p, g in dated), len(dated))
    with_figures = [
        (p, g)
        for p, g in pairs
        if any(v is not None for v in (g.killed_low, g.killed_high, g.injured_low, g.injured_high))
    ]
    result.fields["casualties"] = FieldScore(sum(_casualties_agree(p, g) for p, g in with_figures), len(with_figures))
    return result


# ---------------------------------------------------------------------------------------------- gold


def load_gold(path: str | Path) -> list[Event]:
    """Gold events: through `isk_atlas.register.load_register` when present, else a YAML list of events."""
    path = Path(path)
    try:
        loader = getattr(importlib.import_module("isk_atlas.register"), "load_register", None)
    except ImportError:
        loader = None
    if loader is not None:
        events: list[Event] = loader(path)
        return events
    return _load_yaml_events(path)


def _load_yaml_events(path: Path) -> list[Event]:
    try:
        raw = path.read_text(encoding="utf-8")
    except OSError as error:
        raise InputError(path, f"cannot read: {error.strerror or error}") from None
    try:
        root = yaml.compose(raw)
        data = yaml.safe_load(raw)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise InputError(path, "malformed YAML", line=mark.line + 1 if mark else None) from None
    nodes: list[Any] = []
    if isinstance(data, dict):
        data = data.get("events", [])
        if root is not None and isinstance(root, yaml.MappingNode):
            nodes = next((v.value for k, v in root.value if k.value == "events"), [])
    elif root is not None and isinstance(root, yaml.SequenceNode):
        nodes = root.value
    if not isinstance(data, list):
        raise InputError(path, "expected a list of events (or a mapping with an 'events' list)", line=1)
    events = []
    for index, item in enumerate(data):
        line = nodes[index].start_mark.line + 1 if index < len(nodes) else None
        try:
            events.append(Event.model_validate(item))
        except ValidationError as error:
            first = error.errors()[0]
            where = ".".join(str(part) for part in first["loc"]) or None
            raise InputError(path, first["msg"], line=line, field=where) from None
    return events


def evaluate_folder(
    gold_path: str | Path, sources_dir: str | Path, extractor: Any = None
) -> tuple[Evaluation, list[InputError]]:
    """Extract every article of `sources_dir` and score against the gold file."""
    from isk_atlas.events.extract import Extractor
    from isk_atlas.sources import load_sources

    gold = load_gold(gold_path)
    loaded = load_sources(sources_dir)
    extractor = extractor or Extractor()
    predicted = [event for events in extractor.run(loaded.sources).values() for event in events]
    return evaluate(predicted, gold, source_ids={s.source_id for s in loaded.sources}), loaded.problems


@dataclass
class Corpus:
    """A real-news corpus as its manifest lists it: the articles of one split that are at hand, and those not."""

    sources: list[Any]  # isk_atlas.sources.Source
    absent: list[str]  # ids of the split's articles whose text is not in the texts folder
    problems: list[InputError]


def load_corpus(manifest: str | Path, texts: str | Path, split: str) -> Corpus:
    """The articles of `split` listed in a corpus manifest (`sources.csv` with columns `id` or `source_id`,
    `published`, `split`, and optionally published_precision, title, publisher, url), read from `texts/ID.txt`.

    The texts are third-party and kept out of git: those not at hand are listed in `absent`, not errors.
    """
    import csv

    from isk_atlas.schema import SourceMeta
    from isk_atlas.sources import load_source, parse_published

    manifest, texts = Path(manifest), Path(texts)
    try:
        with manifest.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except OSError as error:
        raise InputError(manifest, f"cannot read: {error.strerror or error}") from None
    corpus = Corpus([], [], [])
    for line, row in enumerate(rows, start=2):
        if (row.get("split") or "dev").strip() != split:
            continue
        source_id = (row.get("id") or row.get("source_id") or "").strip()
        if not source_id:
            raise InputError(manifest, "row without an id", line=line)
        try:
            published, precision = parse_published(row.get("published"))
            if published is not None and (row.get("published_precision") or "").strip():
                precision = row["published_precision"].strip()
                if precision not in ("day", "month", "year"):
                    raise ValueError(f"published_precision {precision!r} is not day, month or year")
        except ValueError as error:
            raise InputError(manifest, str(error), line=line, field="published") from None
        path = texts / f"{source_id}.txt"
        if not path.is_file():
            corpus.absent.append(source_id)
            continue
        url = (row.get("url") or "").strip()
        meta = SourceMeta(
            source_id=source_id,
            file=path.name,
            title=(row.get("title") or "").strip(),
            publisher=(row.get("publisher") or "").strip(),
            url=url if url.lower().startswith(("http://", "https://")) else "",
            published=published,
            published_precision=precision,
        )
        try:
            corpus.sources.append(load_source(path, csv_meta=meta, source_id=source_id))
        except InputError as error:
            corpus.problems.append(error)
    return corpus


def evaluate_corpus(gold_path: str | Path, corpus: Corpus, extractor: Any = None, window_days: int = 2) -> Evaluation:
    """Extract every article of the corpus at hand and score it against the gold file (dates within two days);
    `abroad` is the share of the gold events outside Afghanistan (launches excepted) found in their country."""
    from isk_atlas.events.extract import Extractor

    gold = load_gold(gold_path)
    extractor = extractor or Extractor()
    predicted = [event for events in extractor.run(corpus.sources).values() for event in events]
    ids = {s.source_id for s in corpus.sources}
    result = evaluate(predicted, gold, window_days=window_days, source_ids=ids)
    abroad = [
        g
        for g in gold
        if set(g.source_ids) & ids
        and g.status != "rejected"
        and g.event_type != "cross_border_launch"
        and g.country not in (None, "AFG")
    ]
    found = _pair(predicted, abroad, lambda p, g: p.event_type == g.event_type and _place(p) == _place(g))
    result.fields["abroad"] = FieldScore(len({id(g) for _, g in found}), len(abroad))
    result.abroad_in_afghanistan = [describe(p) for p in abroad_placed_in_afghanistan(predicted, gold, result)]
    return result


def abroad_placed_in_afghanistan(predicted: Sequence[Event], gold: Sequence[Event], result: Evaluation) -> list[Event]:
    """Proposals that stand for a happening abroad but are placed in Afghanistan: among the proposals in
    Afghanistan matching no gold event, those of an article and type whose gold events are all abroad, and those
    paired one to one (closest dates first) with a gold event abroad of the same article and type that no proposal
    found. Launches are left out (their origin is in Afghanistan)."""
    unmatched = set(result.false_positives)
    placed_home = [
        p for p in predicted if p.country == "AFG" and p.event_id in unmatched and p.event_type != "cross_border_launch"
    ]
    real = [g for g in gold if g.status != "rejected" and g.event_type != "cross_border_launch"]
    home = {(source, g.event_type) for g in real if g.country in (None, "AFG") for source in g.source_ids}
    abroad = {(source, g.event_type) for g in real if g.country not in (None, "AFG") for source in g.source_ids}
    only_abroad = [p for p in placed_home if any((s, p.event_type) in abroad - home for s in p.source_ids)]
    missed = set(result.missed)
    missed_abroad = [g for g in real if g.event_id in missed and g.country not in (None, "AFG")]
    rest = [p for p in placed_home if p not in only_abroad]
    paired = [p for p, _ in _pair(rest, missed_abroad, lambda p, g: p.event_type == g.event_type)]
    return [p for p in placed_home if p in only_abroad or p in paired]


def format_report(result: Evaluation) -> str:
    lines = [
        f"proposed {result.proposed} ({result.matched} match gold), gold {result.gold} ({result.gold_found} found);"
        " matching on source + event type + province",
        f"precision {result.precision:.3f}  recall {result.recall:.3f}  f1 {result.f1:.3f}",
    ]
    for name, score in result.fields.items():
        accuracy = "n/a" if score.accuracy is None else f"{score.accuracy:.3f}"
        lines.append(f"{name:<11} accuracy {accuracy} ({score.correct}/{score.total})")
    if result.false_positives:
        lines.append("not in gold: " + ", ".join(result.false_positives))
    if result.missed:
        lines.append("missed: " + ", ".join(result.missed))
    if result.fields.get("abroad") is not None:  # scored on a corpus with events abroad
        lines.append(f"abroad placed in Afghanistan: {len(result.abroad_in_afghanistan)}")
        lines.extend(f"  {line}" for line in result.abroad_in_afghanistan)
    for source, errors in sorted(result.by_source.items()):
        lines.append(f"{source}:")
        lines.extend(f"  missed      {line}" for line in errors.missed)
        lines.extend(f"  not in gold {line}" for line in errors.unmatched)
    return "\n".join(lines)


def to_json(result: Evaluation) -> str:
    return json.dumps(result.as_dict(), indent=1, default=lambda o: o.isoformat() if isinstance(o, dt.date) else o)
