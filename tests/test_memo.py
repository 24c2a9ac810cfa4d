"""BatchMemo: values made only for new keys, a new context starts afresh, the memo stays bounded."""

from __future__ import annotations

from collections.abc import Callable, Hashable

import pytest

from isk_atlas.memo import BatchMemo


def _maker(keys: list[str], made: list[list[int]]) -> Callable[[list[int]], list[str]]:
    def make(positions: list[int]) -> list[str]:
        made.append(positions)
        return [keys[i].upper() for i in positions]

    return make


def test_only_new_keys_are_made_in_one_batch() -> None:
    memo: BatchMemo[str] = BatchMemo()
    made: list[list[int]] = []
    keys = ["a", "b", "c"]
    assert memo.values_for("ctx", keys, _maker(keys, made)) == (["A", "B", "C"], 3)
    again = ["a", "x", "c", "y"]
    assert memo.values_for("ctx", again, _maker(again, made)) == (["A", "X", "C", "Y"], 2)
    assert made == [[0, 1, 2], [1, 3]]


def test_a_new_context_makes_everything_again() -> None:
    memo: BatchMemo[str] = BatchMemo()
    made: list[list[int]] = []
    keys = ["a", "b"]
    memo.values_for(("cols", "v1"), keys, _maker(keys, made))
    assert memo.values_for(("cols", "v2"), keys, _maker(keys, made))[1] == 2
    assert memo.values_for(("cols", "v2"), keys, _maker(keys, made))[1] == 0


def test_the_memo_is_cut_back_past_twice_the_current_keys() -> None:
    memo: BatchMemo[str] = BatchMemo()
    made: list[list[int]] = []
    many = [str(i) for i in range(10)]
    memo.values_for("ctx", many, _maker(many, made))
    few = ["1", "2", "new"]
    assert memo.values_for("ctx", few, _maker(few, made)) == (["1", "2", "NEW"], 1)
    assert set(memo.values) == {"1", "2", "new"}
    memo.clear()
    assert memo.values == {} and memo.values_for("ctx", few, _maker(few, made))[1] == 3


def test_an_unhashable_key_raises_before_anything_is_made() -> None:
    memo: BatchMemo[str] = BatchMemo()
    made: list[list[int]] = []
    keys: list[Hashable] = [("fine",), ["not", "hashable"]]  # type: ignore[list-item]
    with pytest.raises(TypeError):
        memo.values_for("ctx", keys, _maker(["fine", "list"], made))
    assert made == []
