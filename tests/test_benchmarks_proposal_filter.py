"""The measurement of a learned filter on the rules' proposals (benchmarks/proposal_filter.py), on short texts and
events written here: the wording cues, the features, the evaluator's counts and the choice of threshold."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Any

import numpy as np
import pytest

from benchmarks.proposal_filter import (
    FEATURES,
    WORDING_CUES,
    Article,
    Counts,
    Proposal,
    choose_threshold,
    features,
    measure,
    per_article,
    total,
)
from isk_atlas.mentions import split_sentences
from isk_atlas.schema import Event, SourceRef

TEXT = (
    "Bomb kills nine at a market in Jalalabad\n\n"
    "A bomb went off at a market in Jalalabad on Friday, killing nine people. The group claimed the bombing. "
    "Doctors treated the wounded.\n\n"
    "The group has been active in Afghanistan since 2015, analysts say."
)


def _event(event_id: str, event_type: str, sub_type: str, span: str, source: str = "a1", **fields: Any) -> Event:
    start = TEXT.index(span)
    return Event(
        event_id=event_id,
        event_type=event_type,
        sub_type=sub_type,
        place_text=fields.pop("place_text", "Jalalabad"),
        sources=[SourceRef(source_id=source, start=start, end=start + len(span))],
        **fields,
    )


@pytest.mark.parametrize("cue", WORDING_CUES, ids=lambda cue: cue.name)
def test_each_wording_cue_matches_its_example_and_not_a_plain_report(cue: Any) -> None:
    assert cue.compiled.search(cue.example)
    assert not cue.compiled.search("Police found a car near the gate.")


def test_features_describe_how_a_proposal_is_told() -> None:
    bombing = _event(
        "a1-bomb", "attack", "bombing", "A bomb went off at a market in Jalalabad on Friday, killing nine people.",
        admin1="AF-NAN", country="AFG", geo_precision="district", date_start=dt.date(2024, 5, 3),
        date_precision="day", killed_low=9, killed_high=9, claimed_by="ISIS-K",
    )  # fmt: skip
    presence = _event(
        "a1-presence", "presence", "fighters_reported", "The group has been active in Afghanistan since 2015",
        place_text="Afghanistan", country="AFG", geo_precision="country", date_start=dt.date(2015, 1, 1),
        date_end=dt.date(2024, 5, 4), date_precision="year",
    )  # fmt: skip
    article = Article(TEXT, split_sentences(TEXT), dt.date(2024, 5, 4), [bombing, presence])
    told, background = features(bombing, article), features(presence, article)
    assert tuple(told) == tuple(background) == FEATURES
    assert all(0.0 <= value <= 1.0 for value in (*told.values(), *background.values()))
    assert told["type_attack"] == 1 and told["place_district_or_finer"] == 1 and told["casualties"] == 1
    assert told["lead"] == 1 and told["wording_news_day"] == 1 and told["wording_perfect"] == 0
    assert told["claimed"] == 1 and told["day_precise"] == 1 and told["years_before_publication"] < 0.001
    assert background["place_country"] == 1 and background["wording_perfect"] == 1 and background["wording_period"] == 1
    assert background["wording_analysis"] == 0  # (the cue reads the evidence span, which stops before "analysts")
    assert background["years_before_publication"] == 1.0  # nine years: past the five-year cap
    assert background["position"] > told["position"] and background["lead"] == 0
    assert told["finer_same_type"] == 0 and background["finer_same_type"] == 0  # (of another type)


def _rows() -> tuple[list[Proposal], list[Event]]:
    """Four articles, each with a proposal matching its gold event (Nangarhar) and one matching none (Kunar)."""
    rows, gold = [], []
    for n in range(1, 5):
        source = f"rd{n:03d}"
        right = _event(f"{source}-r", "attack", "bombing", "A bomb went off", source, admin1="AF-NAN", country="AFG")
        wrong = _event(f"{source}-w", "attack", "bombing", "The group has", source, admin1="AF-KNR", country="AFG")
        gold.append(right.model_copy(update={"event_id": f"gold-{n}", "status": "confirmed"}))
        rows += [Proposal(source, right, [1.0], "", True), Proposal(source, wrong, [0.0], "", False)]
    return rows, gold


def _oracle(rows: Sequence[Proposal]) -> Any:
    return lambda test: np.array([float(r.matches) for r in test])


def _no_signal(rows: Sequence[Proposal]) -> Any:
    return lambda test: np.full(len(test), 0.9)


def test_counts_are_the_evaluators_and_add_up_over_articles() -> None:
    rows, gold = _rows()
    every = total(per_article(rows, [True] * len(rows), gold))
    assert (every.matched, every.proposed, every.found, every.gold) == (4, 8, 4, 4)
    assert (every.precision, every.recall) == (0.5, 1.0)
    dropped_wrong = total(per_article(rows, [r.matches for r in rows], gold))
    assert (dropped_wrong.precision, dropped_wrong.recall) == (1.0, 1.0)
    dropped_all = per_article(rows, [False] * len(rows), gold)
    assert total(dropped_all) == Counts(0, 0, 0, 4)  # an article keeping nothing still counts its gold events


def test_the_threshold_drops_proposals_only_when_the_training_articles_say_it_helps() -> None:
    rows, gold = _rows()
    assert 0.0 < choose_threshold(rows, _oracle, gold) <= 1.0
    assert choose_threshold(rows, _no_signal, gold) == 0.0  # no signal: keep what the rules propose


def test_measure_scores_each_article_with_a_model_that_never_saw_it() -> None:
    rows, gold = _rows()
    rows = rows * 2  # eight articles are needed for eight folds
    for i, row in enumerate(rows[8:]):
        source = f"rd{101 + i // 2:03d}"
        event = row.event.model_copy(update={"event_id": re.sub(r"^rd\d+", source, row.event.event_id),
                                             "sources": [SourceRef(source_id=source, start=0, end=5)]})  # fmt: skip
        rows[8 + i] = Proposal(source, event, row.x, "", row.matches)
        if row.matches:
            gold.append(event.model_copy(update={"event_id": f"gold-{source}", "status": "confirmed"}))
    report = measure(rows, gold, _oracle)
    assert total(report.rules).precision == 0.5
    assert total(report.filtered) == Counts(8, 8, 8, 8)
    assert set(report.halves) == {"rd001-081", "rd100-135"} and len(report.halves["rd100-135"]) == 4
    assert all(counts.precision == 1.0 for counts, _ in report.across.values())
