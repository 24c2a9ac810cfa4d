"""Does a small learned filter on the rules' proposals beat the rules on articles it was not trained on? (issue 17)

    python -m benchmarks.proposal_filter data/realdev [--model linear|tree|words] [--bootstrap N]

Reads the development split of a real-news corpus (its texts are kept out of git, so CI never runs this). The rules
propose events for every article (`Extractor()`); each proposal is labelled by the evaluator's own matching
(`isk_atlas.evaluate.evaluate`: does it match a gold event on source + type + province) and described by named
features that say how news is written, not which words one article uses (`FEATURES`, `features`). A model learns
P(proposal matches gold); proposals below a threshold are dropped.

Measured, with every article's proposals scored by a model that never saw that article:
- 8 folds grouped by article (out-of-fold proposals scored together), overall and per half of dev;
- the two halves of dev (rd001-rd081 and rd100-rd135), each trained on one and tested on the other.
The threshold is chosen inside the training articles only (an inner grouped cross-validation), never on the test
articles. `--bootstrap N` adds a 90% interval for the 8-fold F1 gain, resampling articles.

Models (`--model`): `linear` (logistic regression on the named features, the candidate: a reader can inspect its
weights), `tree` (a small gradient-boosted tree on the same features), `words` (a logistic regression on the words
of the proposal's evidence: how far article words carry, for comparison).

On the 64 dev articles (144 proposals of the rules, 113 matching gold) no model beat the rules on both halves, so
none is shipped: the numbers are in the top-level README ("Where the data comes from").
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import random
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from isk_atlas.evaluate import Evaluation, evaluate, load_corpus, load_gold
from isk_atlas.events.claims import find_actors
from isk_atlas.mentions import Sentence, split_sentences
from isk_atlas.schema import Event

GROUP = "ISIS-K"
NEIGHBOURS = frozenset({"TJK", "UZB", "TKM", "PAK", "IRN", "CHN", "KGZ"})
# The least specific sub-type of each event type: the one a bare cue word ("attack", "fighters", "operation") gives.
GENERIC_SUB_TYPES = frozenset({"attack", "fighters_reported", "military_operation"})
_SPECIFICITY = {"country": 0, "region": 1, "province": 2, "district": 3, "point": 4}
LEAD_SENTENCES = 4

FOLDS = 8
INNER_FOLDS = 4
THRESHOLDS = tuple(round(0.05 * i, 2) for i in range(15))  # 0.00 (keep every proposal) .. 0.70
SPLIT_AT = 100  # rd001-rd081 form the first half of dev, rd100-rd135 the second


# ---------------------------------------------------------------------------------------------- features


@dataclass(frozen=True)
class WordingCue:
    """A way of wording a sentence that a feature records: `pattern` (case-blind) and an `example` it matches."""

    name: str
    pattern: str
    example: str
    compiled: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "compiled", re.compile(self.pattern, re.IGNORECASE))


WORDING_CUES: tuple[WordingCue, ...] = (
    # A record, not one happening: the perfect tense ("has carried out", "have been active").
    WordingCue(
        "perfect",
        r"\b(?:has|have|had)\s+(?:\w+\s+)?(?:been|carried|conducted|claimed|launched|staged|killed|arrested|established"
        r"|expanded|increased|grown|become|used|targeted)\b",
        "The group has carried out several attacks in the east.",
    ),
    # A period, not a day: "since 2015", "in recent years", "over the past months", "for years".
    WordingCue(
        "period",
        r"\bsince\b|\bin\s+recent\s+(?:years|months|weeks)\b|\b(?:over|in|during)\s+the\s+(?:past|last)\s+"
        r"(?:\w+\s+)?(?:years|months|decades?)\b|\bfor\s+(?:several\s+|many\s+)?years\b",
        "Its fighters have been active there since 2015.",
    ),
    # Analysis and estimates: "analysts say", "estimated", "a report by".
    WordingCue(
        "analysis",
        r"\b(?:analysts?|experts?|observers|estimated?|estimates|reports?\s+(?:by|of|from)|monitoring\s+team"
        r"|think\s+tank|threat)\b",
        "Analysts estimate that the affiliate has a few thousand members.",
    ),
    # Hearsay and hedges: "reportedly", "allegedly", "is believed to".
    WordingCue(
        "hedge",
        r"\b(?:reportedly|allegedly|believed|suspected|thought\s+to|said\s+to\s+be|likely)\b",
        "The cell is believed to operate near the border.",
    ),
    # Today's news: a weekday, "yesterday", "overnight".
    WordingCue(
        "news_day",
        r"\b(?:today|tonight|yesterday|overnight|last\s+night|this\s+(?:morning|week)|Monday|Tuesday|Wednesday"
        r"|Thursday|Friday|Saturday|Sunday)\b",
        "A bomb went off at a market on Friday.",
    ),
    # Happenings in the plural: "attacks", "bombings", "arrests".
    WordingCue(
        "plural",
        r"\b(?:attacks|bombings|blasts|explosions|operations|raids|arrests|strikes|killings)\b",
        "The bombings drew condemnation.",
    ),
)

FEATURES: tuple[str, ...] = (
    "type_attack",
    "type_counter_operation",
    "type_cross_border_launch",
    "type_presence",
    "generic_sub_type",
    "place_country",
    "place_region",
    "place_district_or_finer",
    "abroad",
    "abroad_beyond_neighbours",
    "headline",
    "lead",
    "position",
    "retold",
    "own_date",
    "day_precise",
    "years_before_publication",
    "casualties",
    "claimed",
    "group_named",
    *(f"wording_{cue.name}" for cue in WORDING_CUES),
    "finer_same_type",
    "same_type_same_place",
    "proposals_in_article",
)


@dataclass(frozen=True)
class Article:
    """What the features read of one article: its text, sentences (in order), publication date and proposals."""

    text: str
    sentences: Sequence[Sentence]
    published: dt.date | None
    events: Sequence[Event]

    def sentence_at(self, offset: int) -> Sentence | None:
        at = bisect.bisect_right([s.start for s in self.sentences], offset) - 1
        return self.sentences[at] if at >= 0 else None


def _specificity(event: Event) -> int:
    return _SPECIFICITY.get(event.geo_precision, 0)


def _place_key(event: Event) -> str | None:
    return event.admin1 or event.place_id or event.country


def evidence_text(event: Event, text: str) -> str:
    """The text of the proposal's first evidence span (where it is first told)."""
    ref = event.sources[0]
    return text[ref.start : ref.end] if ref.start is not None and ref.end is not None else ""


def features(event: Event, article: Article) -> dict[str, float]:
    """The named features of one proposal in its article: every name of `FEATURES`, each between 0 and 1."""
    text = article.text
    spans = {(ref.start, ref.end) for ref in event.sources if ref.start is not None and ref.end is not None}
    start = event.sources[0].start
    first = article.sentence_at(start) if start is not None else None
    count = max(len(article.sentences), 1)
    index = first.index if first is not None else count - 1
    sentence = text[first.start : first.end] if first is not None else ""
    told = evidence_text(event, text)
    own_date = event.date_start is not None and "publication" not in event.notes
    years = 0.0
    if own_date and event.date_start is not None and article.published is not None:
        years = min(max((article.published - event.date_start).days, 0) / 365.25, 5.0) / 5.0
    others = [e for e in article.events if e is not event]
    abroad = event.country not in (None, "AFG")
    values: dict[str, float] = {
        "type_attack": float(event.event_type == "attack"),
        "type_counter_operation": float(event.event_type == "counter_operation"),
        "type_cross_border_launch": float(event.event_type == "cross_border_launch"),
        "type_presence": float(event.event_type == "presence"),
        "generic_sub_type": float(event.sub_type in GENERIC_SUB_TYPES),
        "place_country": float(event.geo_precision == "country"),
        "place_region": float(event.geo_precision == "region"),
        "place_district_or_finer": float(_specificity(event) >= _SPECIFICITY["district"]),
        "abroad": float(abroad),
        "abroad_beyond_neighbours": float(abroad and event.country not in NEIGHBOURS),
        "headline": float(index == 0),
        "lead": float(index < LEAD_SENTENCES),
        "position": index / count,
        "retold": min(max(len(spans) - 1, 0), 3) / 3,
        "own_date": float(own_date),
        "day_precise": float(own_date and event.date_precision == "day"),
        "years_before_publication": years,
        "casualties": float(event.killed_low is not None or event.injured_low is not None),
        "claimed": float(event.claimed_by is not None),
        "group_named": float(any(actor.actor == GROUP for actor in find_actors(sentence))),
        **{f"wording_{cue.name}": float(bool(cue.compiled.search(told))) for cue in WORDING_CUES},
        "finer_same_type": float(
            any(
                o.event_type == event.event_type
                and o.country == event.country
                and _specificity(o) > _specificity(event)
                for o in others
            )
        ),
        "same_type_same_place": float(
            any(o.event_type == event.event_type and _place_key(o) == _place_key(event) for o in others)
        ),
        "proposals_in_article": min(len(article.events), 10) / 10,
    }
    return values


# ---------------------------------------------------------------------------------------------- data


@dataclass
class Proposal:
    """One proposal of the rules: its article, the event, its feature values, its evidence and its label."""

    article: str
    event: Event
    x: list[float]
    evidence: str
    matches: bool


def first_half(source_id: str) -> bool:
    return int(source_id[2:5]) < SPLIT_AT


def proposals(corpus_dir: Path, split: str = "dev") -> tuple[list[Proposal], list[Event]]:
    """The rules' proposals on every article of the split, described and labelled by the evaluator's matching."""
    from isk_atlas.events.extract import Extractor

    corpus = load_corpus(corpus_dir / "sources.csv", corpus_dir / "texts", split)
    gold = load_gold(corpus_dir / "gold.yaml")
    extractor = Extractor()
    rows: list[Proposal] = []
    for source in corpus.sources:
        meta = source.meta
        events = extractor.extract(source.text, meta.source_id, meta.published, meta.published_precision)
        wrong = {fp.split(" ")[0] for fp in evaluate(events, gold, source_ids={meta.source_id}).false_positives}
        article = Article(source.text, split_sentences(source.text), meta.published, events)
        for event in events:
            values = features(event, article)
            rows.append(
                Proposal(
                    meta.source_id,
                    event,
                    [values[name] for name in FEATURES],
                    f"{event.event_type} {evidence_text(event, source.text)}",
                    event.event_id not in wrong,
                )
            )
    return rows, gold


# ---------------------------------------------------------------------------------------------- models

Predict = Callable[[Sequence[Proposal]], Any]  # proposals -> P(match) of each
Fit = Callable[[Sequence[Proposal]], Predict]


def _labels(rows: Sequence[Proposal]) -> Any:
    return np.array([r.matches for r in rows])


def fit_linear(rows: Sequence[Proposal]) -> Predict:
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=1.0, max_iter=1000).fit(np.array([r.x for r in rows]), _labels(rows))
    return lambda test: model.predict_proba(np.array([r.x for r in test]))[:, 1]


def fit_tree(rows: Sequence[Proposal]) -> Predict:
    from sklearn.ensemble import GradientBoostingClassifier

    model = GradientBoostingClassifier(max_depth=2, n_estimators=50, random_state=0)
    model.fit(np.array([r.x for r in rows]), _labels(rows))
    return lambda test: model.predict_proba(np.array([r.x for r in test]))[:, 1]


def fit_words(rows: Sequence[Proposal]) -> Predict:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    words = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
    model = LogisticRegression(C=1.0, max_iter=1000).fit(words.fit_transform([r.evidence for r in rows]), _labels(rows))
    return lambda test: model.predict_proba(words.transform([r.evidence for r in test]))[:, 1]


MODELS: dict[str, Fit] = {"linear": fit_linear, "tree": fit_tree, "words": fit_words}


# ---------------------------------------------------------------------------------------------- measuring


@dataclass(frozen=True)
class Counts:
    """Precision and recall counts (as `isk_atlas.evaluate.Evaluation` gives them), which add up over articles."""

    matched: int = 0
    proposed: int = 0
    found: int = 0
    gold: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.matched + other.matched,
            self.proposed + other.proposed,
            self.found + other.found,
            self.gold + other.gold,
        )

    @property
    def scores(self) -> Evaluation:
        """The counts as the evaluator's result, which computes precision, recall and F1 from them."""
        return Evaluation(proposed=self.proposed, gold=self.gold, matched=self.matched, gold_found=self.found)

    @property
    def precision(self) -> float:
        return self.scores.precision

    @property
    def recall(self) -> float:
        return self.scores.recall

    @property
    def f1(self) -> float:
        return self.scores.f1

    def line(self) -> str:
        return (
            f"P {self.precision:.3f}  R {self.recall:.3f}  F1 {self.f1:.3f}  "
            f"({self.matched}/{self.proposed} proposals match, {self.found}/{self.gold} gold found)"
        )


def per_article(rows: Sequence[Proposal], kept: Sequence[bool], gold: Sequence[Event]) -> dict[str, Counts]:
    """The evaluator's counts, article by article, for the kept proposals (an article keeping none still counts
    its gold events)."""
    counts = {}
    for article in dict.fromkeys(r.article for r in rows):
        events = [r.event for r, keep in zip(rows, kept, strict=True) if keep and r.article == article]
        result = evaluate(events, gold, source_ids={article})
        counts[article] = Counts(result.matched, result.proposed, result.gold_found, result.gold)
    return counts


def total(counts: dict[str, Counts], articles: Sequence[str] | None = None) -> Counts:
    return sum((counts[a] for a in (counts if articles is None else articles)), Counts())


def grouped_folds(rows: Sequence[Proposal], folds: int) -> list[tuple[list[int], list[int]]]:
    from sklearn.model_selection import GroupKFold

    splits = GroupKFold(n_splits=folds).split(rows, groups=[r.article for r in rows])
    return [(list(train), list(test)) for train, test in splits]


def out_of_fold(rows: Sequence[Proposal], fit: Fit, folds: int) -> Any:
    """P(match) of every proposal from a model fitted without its article."""
    probabilities = np.zeros(len(rows))
    for train, test in grouped_folds(rows, folds):
        probabilities[test] = fit([rows[i] for i in train])([rows[i] for i in test])
    return probabilities


def choose_threshold(rows: Sequence[Proposal], fit: Fit, gold: Sequence[Event]) -> float:
    """The threshold with the best F1 in an inner grouped cross-validation of the training articles only (the
    lowest of equals: keep what the rules propose unless dropping helps)."""
    probabilities = out_of_fold(rows, fit, min(INNER_FOLDS, len({r.article for r in rows})))
    return max(THRESHOLDS, key=lambda t: (round(total(per_article(rows, probabilities >= t, gold)).f1, 9), -t))


def train_test(
    train: Sequence[Proposal], test: Sequence[Proposal], fit: Fit, gold: Sequence[Event]
) -> tuple[list[bool], float]:
    threshold = choose_threshold(train, fit, gold)
    return [bool(p >= threshold) for p in fit(train)(test)], threshold


@dataclass
class Report:
    rules: dict[str, Counts]  # per article, every proposal kept
    filtered: dict[str, Counts]  # per article, the 8-fold filter's choice
    thresholds: list[float]
    across: dict[str, tuple[Counts, float]]  # one half tested, trained on the other: counts and threshold
    halves: dict[str, list[str]]


def measure(rows: list[Proposal], gold: list[Event], fit: Fit) -> Report:
    kept = [True] * len(rows)
    thresholds = []
    for train, test in grouped_folds(rows, FOLDS):
        keep, threshold = train_test([rows[i] for i in train], [rows[i] for i in test], fit, gold)
        thresholds.append(threshold)
        for i, k in zip(test, keep, strict=True):
            kept[i] = k
    articles = list(dict.fromkeys(r.article for r in rows))
    halves = {
        "rd001-081": [a for a in articles if first_half(a)],
        "rd100-135": [a for a in articles if not first_half(a)],
    }
    across = {}
    for train_name, test_name in (list(halves), list(halves)[::-1]):
        train = [r for r in rows if r.article in halves[train_name]]
        test = [r for r in rows if r.article in halves[test_name]]
        keep, threshold = train_test(train, test, fit, gold)
        across[test_name] = (total(per_article(test, keep, gold)), threshold)
    return Report(
        per_article(rows, [True] * len(rows), gold), per_article(rows, kept, gold), thresholds, across, halves
    )


def bootstrap_gain(report: Report, samples: int, seed: int = 17) -> tuple[float, float]:
    """A 90% interval of the 8-fold F1 gain (filter minus rules), resampling articles with replacement."""
    rng = random.Random(seed)
    articles = list(report.rules)
    gains = []
    for _ in range(samples):
        drawn = [rng.choice(articles) for _ in articles]
        gains.append(total(report.filtered, drawn).f1 - total(report.rules, drawn).f1)
    gains.sort()
    return gains[int(0.05 * samples)], gains[int(0.95 * samples) - 1]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("corpus", type=Path, help="corpus folder (sources.csv, gold.yaml, texts/)")
    parser.add_argument("--model", choices=sorted(MODELS), default="linear")
    parser.add_argument("--bootstrap", type=int, default=0, help="resamples for the interval of the F1 gain")
    args = parser.parse_args(argv)
    rows, gold = proposals(args.corpus)
    articles = len({r.article for r in rows})
    print(f"{len(rows)} proposals of the rules, {sum(r.matches for r in rows)} match gold, {articles} articles")
    fit = MODELS[args.model]
    report = measure(rows, gold, fit)
    for part, members in [("all", None), *report.halves.items()]:
        print(f"{part:<10} rules                  {total(report.rules, members).line()}")
        print(f"{part:<10} rules+{args.model:<6} (8-fold) {total(report.filtered, members).line()}")
    for test_name, (counts, threshold) in report.across.items():
        print(f"{test_name:<10} rules+{args.model:<6} (other half, threshold {threshold:.2f})  {counts.line()}")
    print("thresholds chosen in the 8 folds:", ", ".join(f"{t:.2f}" for t in report.thresholds))
    from sklearn.metrics import roc_auc_score

    ranking = roc_auc_score(_labels(rows), out_of_fold(rows, fit, FOLDS))
    print(f"out-of-fold ranking of matching above wrong proposals (ROC AUC; 0.5 is chance): {ranking:.3f}")
    if args.bootstrap:
        low, high = bootstrap_gain(report, args.bootstrap)
        print(f"8-fold F1 gain over the rules, 90% interval over articles: {low:+.3f} .. {high:+.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
