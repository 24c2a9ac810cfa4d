"""The ablation study of the extractor's rules (benchmarks/ablation.py), on short texts and events written here: the
rules it finds, switching one off and back on, the recorder, the verdicts and one small study end to end."""

from __future__ import annotations

import datetime as dt
import re

from benchmarks.ablation import (
    NEVER,
    PARTS,
    Ablation,
    Recorder,
    Rule,
    Score,
    declared_rules,
    disabled,
    part_of,
    verdict,
)
from isk_atlas.events.classify import CUE_TABLE, RuleClassifier
from isk_atlas.events.cues import CUES
from isk_atlas.events.extract import Extractor
from isk_atlas.places import PlaceModel
from isk_atlas.schema import Event, SourceMeta, SourceRef
from isk_atlas.sources import Source


def test_every_declared_rule_is_found_once() -> None:
    rules = declared_rules()
    names = [rule.name for rule in rules]
    assert len(names) == len(set(names))
    assert {cue.name for cue in CUES} <= set(names)
    table_rules = [*CUE_TABLE.launch, *CUE_TABLE.counter, *CUE_TABLE.attack, *CUE_TABLE.presence]
    assert sum(rule.family == "classify" for rule in rules) == len(table_rules)
    assert sum(rule.family == "not_after" for rule in rules) == sum(r.not_after is not None for r in table_rules)
    assert {rule.name for rule in rules if rule.family == "condition"} == {
        f"condition:{name}" for name in CUE_TABLE.conditions
    }


def test_a_rule_keeps_its_name_when_a_rule_is_added_before_it() -> None:
    from isk_atlas.events.classify import (
        ATTACK_RULES,
        CONDITIONS,
        COUNTER_RULES,
        LAUNCH_RULES,
        PRESENCE_RULES,
        CueRule,
        compile_rules,
    )

    names = [rule.name for rule in declared_rules()]
    assert "counter:arrest" in names and "attack:bombing:not_after" in names
    added = CueRule("attack", "hostage_taking", r"\bseized\s+\d+\s+passengers\b", "seized",
                    "Its men seized 12 passengers.", 0.8, name="passengers_seized")  # fmt: skip
    table = compile_rules(LAUNCH_RULES, COUNTER_RULES, (added, *ATTACK_RULES), PRESENCE_RULES, CONDITIONS)
    grown = [rule.name for rule in declared_rules(table=table)]
    assert grown == [*names[: names.index("attack:assassination")], "attack:passengers_seized",
                     *names[names.index("attack:assassination") :]]  # fmt: skip


def test_a_cue_switched_off_finds_nothing_and_is_restored() -> None:
    cue = CUES[0]
    rule = Rule(cue.name, "cue", cue)
    original = cue.pattern
    assert cue.found(cue.example)
    with disabled(rule):
        assert cue.pattern is NEVER and not cue.found(cue.example)
    assert cue.pattern is original and cue.found(cue.example)


def test_a_classifier_rule_switched_off_labels_its_example_no_more() -> None:
    # (the plain arrest cue: the one rule that labels an arrest no doer is named for)
    rule = next(r for r in declared_rules() if r.name == "counter:arrest")
    sentence = "Three members of the group were arrested in the city on Monday."
    classifier = RuleClassifier()
    assert any(label.sub_type == "arrest" for label in classifier.classify(sentence))
    with disabled(rule):
        assert not any(label.sub_type == "arrest" for label in classifier.classify(sentence))
    assert any(label.sub_type == "arrest" for label in classifier.classify(sentence))


def test_the_recorder_notes_the_article_read_when_its_pattern_matches() -> None:
    hits: set[str] = set()
    reading = ["a1"]
    recorder = Recorder(re.compile(r"\bblast\b"), hits, reading)
    assert recorder.search("no match here") is None and not hits and recorder.consulted
    reading[0] = "a2"
    assert recorder.search("a blast") is not None and hits == {"a2"}
    reading[0] = "a3"
    assert list(recorder.finditer("blast and blast")) and hits == {"a2", "a3"}
    assert recorder.pattern == r"\bblast\b"  # anything else goes to the pattern


def _score(matched: int, proposed: int, fields: tuple[int, ...] = (0, 0, 0, 0), changed: int = 0) -> Score:
    return Score(proposed, matched, 10, matched, fields, changed)


def test_verdicts() -> None:
    on = {"a": _score(5, 8), "b": _score(4, 6)}
    assert verdict(on, dict(on)) == "dead"
    assert verdict(on, {"a": _score(5, 8, changed=1), "b": _score(4, 6)}) == "silent"
    assert verdict(on, {"a": _score(5, 7, changed=1), "b": _score(4, 6)}) == "harmful"
    assert verdict(on, {"a": _score(5, 8, (0, 0, 1, 0)), "b": _score(4, 6)}) == "harmful"
    assert verdict(on, {"a": _score(4, 7), "b": _score(4, 3)}) == "fitted"  # loses 1 in a, 3 wrong fewer in b
    assert verdict(on, {"a": _score(4, 7), "b": _score(4, 5)}) == "earning"  # saves no more than it loses
    assert verdict(on, {"a": _score(4, 7), "b": _score(3, 4)}) == "earning"  # loses in two parts
    assert verdict(on, {"a": _score(5, 9), "b": _score(4, 6)}) == "earning"  # one wrong proposal more
    assert verdict(on, {"a": _score(5, 8, (0, 0, 0, 0)), "b": _score(4, 6)}) == "dead"


def test_parts_are_the_batches_of_dev() -> None:
    assert [part_of(i) for i in ("rd001_x", "rd150_x", "rd210_x", "rd345_x", "rd512_x", "rd555_x", "rd620_x")] == [
        "old", "old", "de", "fgh", "fgh", "klm", "klm",
    ]  # fmt: skip
    assert part_of("rd530_x") is None and set(PARTS) == {"old", "de", "fgh", "klm"}


ARTICLE = (
    "Blast kills four in Jalalabad\n\n"
    "A bomb exploded at a bus station in Jalalabad on Monday, killing four people, police said. "
    "The Islamic State group claimed responsibility for the bombing."
)


def test_a_small_study_end_to_end(place_model: PlaceModel) -> None:
    source = Source(SourceMeta(source_id="rd001_test", file="rd001_test.txt", published=dt.date(2024, 5, 7)), ARTICLE)
    gold = Event(
        event_id="g1", event_type="attack", sub_type="bombing", place_text="Jalalabad", admin1="AF-NAN",
        country="AFG", geo_precision="point", date_start=dt.date(2024, 5, 6), date_precision="day",
        sources=[SourceRef(source_id="rd001_test")],
    )  # fmt: skip
    study = Ablation(Extractor(places=place_model), {"old": [source]}, {"old": [gold]}, {"old": 2})
    on = study.baseline()
    assert on["old"].matched == 1
    bombing = next(rule for rule in study.rules if rule.name == "attack:bombing")
    assert study.hits_per_part(bombing) == {"old": 1}
    never = next(rule for rule in study.rules if rule.family == "condition" and study.hits[rule.name] == set())
    assert study.ablate(never) == on  # matched nowhere: nothing read again, nothing changes
    with disabled(bombing):
        study_off = Ablation(study.extractor, study.articles, study.gold, study.windows)
        study_off.events = study.events
        off_directly = study_off.scores(study_off._extract([source]))
    off = study.ablate(bombing)
    assert off == off_directly and off["old"].changed == 1  # the blast told otherwise (or not at all)
    assert bombing.holder.pattern is not NEVER  # restored
