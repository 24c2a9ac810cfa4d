"""The measurement of a learned model of a proposal's type (benchmarks/type_model.py), on short texts and events
written here: the structure cues, the labels (which gold event a proposal stands for), the features, re-typing and
the choice of threshold."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import numpy as np
import pytest

from benchmarks.proposal_filter import Article, total
from benchmarks.type_model import (
    STRUCTURE_CUES,
    Data,
    Guess,
    Row,
    article_folds,
    backed_type,
    by_article_folds,
    choose_threshold,
    fired_rule,
    kept_back,
    named_features,
    per_article,
    stands_for,
    tally,
)
from isk_atlas.mentions import split_sentences
from isk_atlas.schema import Event, SourceRef

TEXT = (
    "Police raid a hideout in Jalalabad\n\n"
    "Security forces killed four ISIS-K fighters in a raid on a compound in Jalalabad on Monday, officials said. "
    "ISIS-K fighters attacked a checkpoint in Asadabad last week.\n\n"
    "The group remains active in Herat, analysts say."
)
PLACES = {
    "AF-NAN": "Jalalabad",
    "AF-KNR": "Asadabad",
    "AF-HER": "Herat",
}


def _event(event_id: str, event_type: str, sub_type: str, span: str, admin1: str, **fields: Any) -> Event:
    start = TEXT.index(span)
    return Event(
        event_id=event_id,
        event_type=event_type,
        sub_type=sub_type,
        place_text=PLACES[admin1],
        admin1=admin1,
        country="AFG",
        sources=[SourceRef(source_id=fields.pop("source", "a1"), start=start, end=start + len(span))],
        **fields,
    )


RAID = "Security forces killed four ISIS-K fighters in a raid on a compound in Jalalabad on Monday, officials said."
CHECKPOINT = "ISIS-K fighters attacked a checkpoint in Asadabad last week."
ACTIVE = "The group remains active in Herat, analysts say."


@pytest.mark.parametrize("cue", STRUCTURE_CUES, ids=lambda cue: cue.name)
def test_each_structure_cue_matches_its_example_and_not_a_plain_sentence(cue: Any) -> None:
    assert cue.compiled.search(cue.example)
    assert not cue.compiled.search("The minister met the delegation in the capital.")


def test_a_proposal_stands_for_the_gold_event_of_its_type_first_then_for_one_at_its_place() -> None:
    raid = _event("p-raid", "counter_operation", "raid", RAID, "AF-NAN")
    presence_there = _event("p-presence", "presence", "fighters_reported", RAID, "AF-NAN")
    checkpoint = _event("p-check", "counter_operation", "raid", CHECKPOINT, "AF-KNR")  # the wrong type
    herat = _event("p-herat", "attack", "attack", ACTIVE, "AF-HER")  # no gold event in Herat
    gold = [
        _event("g-presence", "presence", "fighters_reported", RAID, "AF-NAN", status="confirmed"),
        _event("g-raid", "counter_operation", "raid", RAID, "AF-NAN", status="confirmed"),
        _event("g-check", "attack", "armed_assault", CHECKPOINT, "AF-KNR", status="confirmed"),
        _event("g-other", "attack", "attack", CHECKPOINT, "AF-KNR", source="a2", status="confirmed"),
        _event("g-rejected", "attack", "attack", ACTIVE, "AF-HER", status="rejected"),
    ]
    labels = stands_for([raid, presence_there, checkpoint, herat], gold, "a1")
    assert labels[id(raid)].event_id == "g-raid" and labels[id(presence_there)].event_id == "g-presence"
    assert labels[id(checkpoint)].event_id == "g-check"  # another article's gold event is not its
    assert id(herat) not in labels  # a rejected gold event labels nothing
    # On the place alone (the evaluator's type-field pairing), undated proposals pair in order and cross the types.
    by_place = stands_for([raid, presence_there, checkpoint, herat], gold, "a1", typed_first=False)
    assert by_place[id(raid)].event_id == "g-presence" and by_place[id(presence_there)].event_id == "g-raid"


def test_named_features_give_the_rules_label_and_who_stands_around_the_cue() -> None:
    raid = _event("p-raid", "counter_operation", "raid", RAID, "AF-NAN", date_start=dt.date(2024, 5, 6),
                  date_precision="day")  # fmt: skip
    active = _event("p-active", "presence", "fighters_reported", ACTIVE, "AF-HER")
    article = Article(TEXT, split_sentences(TEXT), dt.date(2024, 5, 7), [raid, active])
    told, standing = named_features(raid, article), named_features(active, article)
    assert told["rules_type=counter_operation"] == 1 and told["rules_sub_type=raid"] == 1
    assert any(name.startswith("rules_cue=") for name in told)
    assert told["state_before_cue"] == 1 and told["says_militants_hit"] == 1
    assert "says_standing_presence" not in told and standing["says_standing_presence"] == 1
    assert standing["rules_type=presence"] == 1 and "rules_type=presence" not in told


def test_fired_rule_names_a_rule_of_the_type_asked_for() -> None:
    found = fired_rule("attack", CHECKPOINT)
    assert found is not None and CHECKPOINT[found[1] :].startswith("attack")
    assert fired_rule("cross_border_launch", ACTIVE) is None


def test_the_model_overrides_the_rules_only_at_or_above_the_threshold() -> None:
    row = Row("a1", _event("p", "attack", "attack", CHECKPOINT, "AF-KNR"), {}, "", "presence", None)
    assert backed_type(row, Guess("presence", 0.8), 0.75) == "presence"
    assert backed_type(row, Guess("presence", 0.7), 0.75) == "attack"
    assert backed_type(row, Guess("attack", 0.99), 0.5) == "attack"


def _data(articles: int = 8) -> Data:
    """Articles each with a proposal the rules type right (attack) and one they type wrong (counter_operation for
    a gold presence)."""
    rows, gold, names = [], [], []
    for n in range(1, articles + 1):
        source = f"rd{n:03d}"
        names.append(source)
        right = _event(f"{source}-r", "attack", "attack", CHECKPOINT, "AF-KNR", source=source)
        wrong = _event(f"{source}-w", "counter_operation", "raid", ACTIVE, "AF-HER", source=source)
        gold += [
            right.model_copy(update={"event_id": f"gold-{n}-r", "status": "confirmed"}),
            wrong.model_copy(update={"event_id": f"gold-{n}-w", "event_type": "presence",
                                     "sub_type": "fighters_reported", "status": "confirmed"}),
        ]  # fmt: skip
        rows += [Row(source, right, {}, "", "attack", None), Row(source, wrong, {}, "", "presence", None)]
    return Data([*names, "rd099"], rows, gold)  # rd099: an article without proposals or gold


def _oracle(rows: Sequence[Row]) -> Any:
    def predict(test: Sequence[Row]) -> tuple[list[str], Any]:
        classes = ["attack", "presence"]
        return classes, np.array([[0.1, 0.9] if r.gold_type == "presence" else [0.9, 0.1] for r in test])

    return predict


def _contrary(rows: Sequence[Row]) -> Any:
    def predict(test: Sequence[Row]) -> tuple[list[str], Any]:
        return ["attack", "presence"], np.array([[0.1, 0.9] if r.gold_type == "attack" else [0.9, 0.1] for r in test])

    return predict


def test_re_typed_proposals_are_re_scored_by_the_evaluator() -> None:
    data = _data()
    rules = total(per_article(data.rows, [r.event.event_type for r in data.rows], data.gold, data.articles))
    assert (rules.matched, rules.proposed, rules.found, rules.gold) == (8, 16, 8, 16)
    fixed = total(per_article(data.rows, [r.gold_type or "" for r in data.rows], data.gold, data.articles))
    assert (fixed.precision, fixed.recall) == (1.0, 1.0)


def test_the_threshold_lets_the_model_override_only_when_the_training_articles_say_it_helps() -> None:
    data = _data()
    assert choose_threshold(data, _oracle) == 0.9  # the highest threshold at which every fix is made
    assert choose_threshold(data, _contrary) == 1.01  # a model that errs is never allowed to override


def test_every_article_is_tested_once_by_a_model_that_never_saw_it() -> None:
    data = _data(16)
    folds = article_folds(data.articles, 8)
    assert sorted(a for fold in folds for a in fold) == sorted(data.articles)
    outcome = by_article_folds(data, _oracle)
    counts = tally(outcome)
    assert counts.labelled == 32 and counts.rules_right == 16 and counts.backed_right == 32
    assert (counts.backed.precision, counts.backed.recall) == (1.0, 1.0) and counts.overridden == 16


def test_articles_kept_back_are_recognised() -> None:
    assert kept_back("rd800_a") and kept_back("rd915_b")
    assert not kept_back("rd799_c") and not kept_back("002_02b0efcd8147c7fa")
