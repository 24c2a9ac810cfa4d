"""The choropleth's own Fisher-Jenks: optimal classes, the same bins as mapclassify's, and no scipy in a build."""

from __future__ import annotations

import itertools
import subprocess
import sys
import warnings
from fractions import Fraction

import numpy as np
import pandas as pd
import pytest

from isk_atlas.maps.breaks import fisher_jenks_bins
from isk_atlas.maps.render import _classes


def _squared_deviation(values: list[float], bins: list[float]) -> Fraction:
    """Exact within-class squared deviation of the classes the bins make (each class: values up to its bound)."""
    total = Fraction(0)
    low = -np.inf
    for bound in bins:
        members = [Fraction(v) for v in values if low < v <= bound]
        if members:
            mean = sum(members) / len(members)
            total += sum((v - mean) ** 2 for v in members)
        low = bound
    return total


def _best_by_search(values: list[float], k: int) -> Fraction:
    """The least squared deviation over every way to cut the sorted values into k classes (small inputs only)."""
    ordered = sorted(values)
    best = None
    for cuts in itertools.combinations(range(1, len(ordered)), k - 1):
        edges = [0, *cuts, len(ordered)]
        total = Fraction(0)
        for a, b in itertools.pairwise(edges):
            members = [Fraction(v) for v in ordered[a:b]]
            mean = sum(members) / len(members)
            total += sum((v - mean) ** 2 for v in members)
        best = total if best is None else min(best, total)
    assert best is not None
    return best


def test_the_bins_are_the_largest_value_of_each_optimal_class() -> None:
    assert fisher_jenks_bins([1, 2, 3, 10, 11, 12, 50], 3) == [3, 12, 50]
    assert fisher_jenks_bins([5, 1, 4], 1) == [5]
    assert fisher_jenks_bins([7, 3, 9], 3) == [3, 7, 9]
    # One value in each class but the last: equal costs go to the longest last class.
    assert fisher_jenks_bins([1, 2, 3], 2) == [1, 3]


def test_bad_arguments_are_refused() -> None:
    with pytest.raises(ValueError, match="k must be"):
        fisher_jenks_bins([1, 2], 3)
    with pytest.raises(ValueError, match="k must be"):
        fisher_jenks_bins([1, 2], 0)
    with pytest.raises(ValueError, match="finite"):
        fisher_jenks_bins([1, float("nan"), 2], 2)


def test_the_classes_are_optimal_by_exhaustive_search() -> None:
    rng = np.random.default_rng(3)
    for _ in range(150):
        n = int(rng.integers(3, 11))
        values = [float(v) for v in rng.integers(1, 30, n)]
        if rng.random() < 0.3:
            values = [v / 8 for v in values]  # fractions too: the arithmetic is exact for any float
        k = int(rng.integers(1, min(5, n) + 1))
        bins = fisher_jenks_bins(values, k)
        assert len(bins) == k and bins == sorted(bins) and bins[-1] == max(values)
        assert _squared_deviation(values, bins) == _best_by_search(values, k), (values, k, bins)


def test_the_same_bins_as_mapclassify_on_random_counts() -> None:
    """mapclassify computes in float32, so where two partitions are exactly as good its rounding may pick either:
    there both must be optimal; everywhere else the bins are the same."""
    mapclassify = pytest.importorskip("mapclassify")
    rng = np.random.default_rng(11)
    same = ties = 0
    for trial in range(600):  # mapclassify's pure-Python loop takes a while
        n = int(rng.integers(3, 40))
        shape = trial % 3
        if shape == 0:
            values = rng.integers(1, 40, n)
        elif shape == 1:
            values = np.ceil(rng.exponential(15, n))  # a long tail, like reports per province
        else:
            values = rng.integers(1, 6, n)  # few distinct values, many repeats
        values = values.astype(float)
        distinct = len(np.unique(values))
        if distinct < 3:
            continue
        k = min(5, distinct)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "numba not installed"
            theirs = [float(b) for b in mapclassify.FisherJenks(values, k=k).bins]
        ours = fisher_jenks_bins(values.tolist(), k)
        if ours == theirs:
            same += 1
        else:
            ties += 1
            as_list = values.tolist()
            assert _squared_deviation(as_list, ours) == _squared_deviation(as_list, theirs), (as_list, k)
    assert same > 0.98 * (same + ties), (same, ties)


def test_choropleth_classes_for_few_values() -> None:
    assert _classes(pd.Series(dtype="int64")) == []
    assert _classes(pd.Series([0, 0])) == []
    assert _classes(pd.Series([4, 4, 0])) == [4]
    assert _classes(pd.Series([1, 9, 9, 1])) == [1, 9]
    assert _classes(pd.Series([1, 2, 3])) == [1, 2, 3]
    assert _classes(pd.Series([1, 1, 2, 2, 3, 3, 40, 41, 90, 200, 0])) == [1, 3, 41, 90, 200]
    assert _classes(pd.Series([1.0, 2.5, 7.2])) == [1, 3, 8]  # bounds rounded up to whole reports


def test_a_build_imports_neither_scipy_nor_scikit_learn() -> None:
    code = (
        "import sys; from isk_atlas.pipeline import import_build_modules; import_build_modules(); "
        "print(sorted(m for m in ('scipy', 'sklearn', 'mapclassify') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120)
    assert result.stdout.strip() == "[]"
