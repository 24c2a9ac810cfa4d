"""Class breaks for the choropleth: Fisher-Jenks natural breaks, computed exactly.

The optimal partition of the sorted values into k contiguous classes that minimises the sum of squared deviations
from each class's mean, by dynamic programming over prefixes of the sorted values. The arithmetic is exact (Python
integers), so equal costs are equal and ties are broken by one rule: the last class of each prefix is as long as it
can be. That is the rule of mapclassify's FisherJenks, so both give the same bins (its float32 arithmetic aside).
Small and pure Python: the choropleth has a few dozen provinces, and this keeps scipy and scikit-learn (which
mapclassify imports) out of every build.
"""

from __future__ import annotations

import math
import operator
from collections.abc import Iterable
from fractions import Fraction


def _exact_integers(values: list[float]) -> list[int]:
    """The values times one power of two that makes every one of them an integer (a float is a dyadic fraction).
    Scaling every value by the same factor scales every class's squared deviation by its square: the optimal
    partition is the same."""
    fractions = [Fraction(v) for v in values]
    scale = max((f.denominator for f in fractions), default=1)
    return [int(f * scale) for f in fractions]


def fisher_jenks_bins(values: Iterable[float], k: int) -> list[float]:
    """Upper bounds of the k classes of the optimal (least within-class squared deviation) partition of `values`,
    in ascending order: the largest value of each class, the last bound being the maximum. Ties between equally
    good partitions go to the one whose classes, from the top down, are each as long as they can be.

    Needs finite values and 1 <= k <= len(values).
    """
    ordered = sorted(float(v) for v in values)
    n = len(ordered)
    if not 1 <= k <= n:
        raise ValueError(f"k must be between 1 and the number of values ({n}), not {k}")
    if not all(math.isfinite(v) for v in ordered):
        raise ValueError("values must be finite")
    a = _exact_integers(ordered)
    # Squared deviation of a class of w values with sum s and sum of squares q is q - s*s/w. Times L, a common
    # multiple of every class size, it is the integer L*q - s*s*(L//w): exact comparisons, no rounding.
    common = math.lcm(*range(1, n + 1))
    sums = [0]
    squares = [0]
    for x in a:
        sums.append(sums[-1] + x)
        squares.append(squares[-1] + x * x)

    # costs[end][first]: scaled squared deviation of the class values[first..end] (0-based, inclusive).
    costs = [
        [
            common * (squares[end + 1] - squares[first])
            - (sums[end + 1] - sums[first]) ** 2 * (common // (end + 1 - first))
            for first in range(end + 1)
        ]
        for end in range(n)
    ]
    # best[end]: least cost of splitting values[0:end + 1] into the current number of classes; starts[j][end]: where
    # the last of those classes starts.
    best = [costs[end][0] for end in range(n)]
    starts: list[list[int]] = [[0] * n]
    for classes in range(2, k + 1):
        previous = best
        best = [0] * n
        start_of_last = [0] * n
        for end in range(classes - 1, n):
            # The last class starts at `first`; before it, classes - 1 classes over values[0:first]. On equal
            # cost the smallest `first` (the longest last class) wins: min compares (cost, first) pairs.
            first = classes - 1
            candidates = map(operator.add, costs[end][first:], previous[first - 1 : end])
            best[end], start_of_last[end] = min(zip(candidates, range(first, end + 1), strict=True))
        starts.append(start_of_last)
    bins: list[float] = []
    end = n - 1
    for classes in range(k, 0, -1):
        bins.append(ordered[end])
        end = starts[classes - 1][end] - 1
    return bins[::-1]
