from __future__ import annotations

import datetime as dt

import pytest

from isk_atlas.events import cues
from isk_atlas.events.classify import RuleClassifier
from isk_atlas.events.clauses import attack_only_referred_to, earlier_clause, generic_plural


def _top_level_alternatives(pattern: str) -> list[str]:
    """A regular expression's alternatives at the top level (outside groups and character classes)."""
    parts, depth, start, position, in_class = [], 0, 0, 0, False
    while position < len(pattern):
        char = pattern[position]
        if char == "\\":
            position += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append(pattern[start:position])
            start = position + 1
        position += 1
    return [*parts, pattern[start:]]


def test_the_generic_plural_is_read_only_where_one_of_its_plurals_stands() -> None:
    alternatives = _top_level_alternatives(cues.GENERIC_PLURAL.pattern.pattern)
    assert len(alternatives) >= 5
    for alternative in alternatives:  # the prefilter's words are a necessary part of every alternative
        assert any(noun in alternative for noun in cues.GENERIC_PLURAL_NOUNS), alternative
    told = "The group has carried out several deadly attacks in the city."
    assert generic_plural(told) is not None
    assert generic_plural(told.upper()) is not None  # read case-blind, as the pattern is
    assert generic_plural("The group has carried out several deadly attacks") is not None
    assert generic_plural("The group has claimed the attack on the bridge.") is None
    # a habit told with an adverb of frequency is no happening
    assert generic_plural("The group frequently stages gun and bomb attacks against the rulers.") is not None
    assert generic_plural("The group regularly carries out attacks on mosques.") is not None
    # a record in the perfect, whatever word qualifies its attacks; a count of them may be news
    assert generic_plural("Its militants have carried out brutal attacks in the capital.") is not None
    assert generic_plural("The group has carried out two attacks in the capital this week.") is None


def test_a_clause_about_an_earlier_happening_is_dated_back_from_the_sentence() -> None:
    sentence = "Gunmen stormed a checkpoint, two weeks after a bombing in the city killed nine."
    clause = earlier_clause(sentence, 100)
    assert clause is not None and (clause.count, clause.unit) == (2, "week")
    assert clause.start == 100 + sentence.index(", two weeks after") and clause.end == 100 + len(sentence) - 1
    back = clause.date_before(dt.date(2023, 5, 15))
    assert (back.date_start, back.date_end, back.precision) == (dt.date(2023, 5, 1), dt.date(2023, 5, 1), "day")
    uncounted = earlier_clause("Gunmen stormed a checkpoint, days after a bombing in the city.", 0)
    assert uncounted is not None and uncounted.count is None
    assert uncounted.date_before(dt.date(2023, 5, 15)).date_start == dt.date(2023, 5, 5)
    assert earlier_clause("Gunmen stormed a checkpoint after dark.", 0) is None
    # other attacks this one follows, how long before untold ("It follows three attacks on Thursday")
    follows = earlier_clause("It follows three attacks across the country on Thursday, all claimed by the group.", 0)
    assert follows is not None and follows.count is None and follows.phrase.startswith("follows three attacks")
    assert earlier_clause("It follows the attack on the school.", 0) is None


def test_a_sentence_is_split_where_a_clause_with_its_own_verb_begins() -> None:
    from isk_atlas.events.clauses import clause_spans

    text = "The group holds camps in the hills, where soldiers raided two of them; more were found later."
    assert [text[a:b] for a, b in clause_spans(text)] == [
        "The group holds camps in the hills",
        "where soldiers raided two of them",
        "more were found later.",
    ]
    fronted = "Despite raids on its camps in the east, the group has kept a foothold in the north."
    assert [fronted[a:b] for a, b in clause_spans(fronted)] == [
        "Despite raids on its camps in the east",
        "the group has kept a foothold in the north.",
    ]
    # a relative clause on what was just named is no clause of its own
    assert clause_spans("The bombing, which killed ten people, hit a market.") == [(0, 51)]


def test_a_second_happening_is_one_told_in_a_clause_of_its_own() -> None:
    from isk_atlas.events.classify import RuleClassifier
    from isk_atlas.events.clauses import second_happenings

    classifier = RuleClassifier()
    text = "The group has a strong presence in the valley, where troops raided its camps last week."
    first = classifier.classify(text)[0]
    assert first.event_type == "counter_operation"
    (other,) = second_happenings(text, 100, first, classifier)
    assert other.label.event_type == "presence"
    assert text[other.start - 100 : other.end - 100] == "The group has a strong presence in the valley"
    # both labels in one clause: one happening told, the other word only describes it
    one = "Troops raided a camp where fighters of the group were present."
    assert second_happenings(one, 0, classifier.classify(one)[0], classifier) == []


def test_a_clause_is_cut_where_the_cue_matched_not_where_its_word_first_stands() -> None:
    from isk_atlas.events.classify import RuleClassifier
    from isk_atlas.events.clauses import second_happenings

    classifier = RuleClassifier()
    # "raid" stands first inside "afraid", in the clause of the presence; the operation's cue is in the second
    text = "Farmers are afraid of the group, which keeps bases in the valley, where troops carried out a raid."
    first = classifier.classify(text)[0]
    assert (first.event_type, first.cue) == ("counter_operation", "raid")
    (other,) = second_happenings(text, 0, first, classifier)
    assert other.label.event_type == "presence"
    assert text[other.start : other.end] == "Farmers are afraid of the group, which keeps bases in the valley"


def test_a_relative_clause_on_the_group_is_a_clause_of_its_own() -> None:
    from isk_atlas.events.clauses import clause_spans

    text = "ISIS-K, which killed 145 people at a concert hall in March, also claimed a bombing in the capital."
    assert [text[a:b] for a, b in clause_spans(text)] == [
        "ISIS-K, which killed 145 people at a concert hall in March",
        "also claimed a bombing in the capital.",
    ]
    happening = "The bombing, which killed ten people, hit a market."
    assert [happening[a:b] for a, b in clause_spans(happening)] == [happening]


@pytest.mark.parametrize(
    ("sentence", "attack"),
    [
        ("One day prior to the attack, the governor met officials who had come from the capital.", False),
        ("In the aftermath of the blast, police sealed off the area around the square.", False),
        ("Two days after the bombing, gunmen attacked a mosque in the city.", True),
        ("After the attack on the embassy, the group threatened more.", True),
        ("The attack killed four guards at the gate.", True),
        ("The bombing showed that the group still has fighters in the north.", False),
        ("The attack killed four guards and showed no mercy.", True),
    ],
)
def test_an_attack_only_referred_to_is_no_attack_of_the_sentence(sentence: str, attack: bool) -> None:
    classifier = RuleClassifier()
    labels = attack_only_referred_to(sentence, classifier.classify(sentence), classifier)
    assert any(label.event_type == "attack" for label in labels) is attack


def test_an_operation_named_as_a_sign_of_something_else_is_no_operation_of_the_sentence() -> None:
    classifier = RuleClassifier()
    sentence = "The surrender signals the group's defeat in the north, leaving only its stronghold in the east."
    labels = attack_only_referred_to(sentence, classifier.classify(sentence), classifier)
    assert [label.event_type for label in labels] == ["presence"]
