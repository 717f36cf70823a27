"""Order-free statistics for group results: spreads of scores and how far answers diverge.

Every function sorts or counts its input first and sums with exactly rounded ``math.fsum``, so
the result never depends on the order the values came in.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

from spinout.record import Record


class Spread(Record):
    """Distribution of a score over respondents: median, quartiles (linear interpolation between
    closest ranks), lowest and highest value and the number of values ``n``. All ``None`` when
    ``n`` is 0."""

    median: float | None
    q1: float | None
    q3: float | None
    low: float | None
    high: float | None
    n: int


def spread(values: Iterable[float]) -> Spread:
    """Median, quartiles, range and count of ``values`` (any order)."""
    xs = sorted(values)
    if not xs:
        return Spread(None, None, None, None, None, 0)
    return Spread(quantile(xs, 0.5), quantile(xs, 0.25), quantile(xs, 0.75), float(xs[0]),
                  float(xs[-1]), len(xs))


def quantile(xs: Sequence[float], p: float) -> float:
    """Quantile ``p`` of sorted, non-empty ``xs`` by linear interpolation between closest
    ranks."""
    pos = p * (len(xs) - 1)
    lo = math.floor(pos)
    hi = min(lo + 1, len(xs) - 1)
    frac = pos - lo
    if frac == 0 or xs[lo] == xs[hi]:
        return float(xs[lo])
    return xs[lo] + (xs[hi] - xs[lo]) * frac


def median(values: Iterable[float]) -> float | None:
    return spread(values).median


def mean(values: Sequence[float]) -> float:
    """Exactly rounded mean (0.0 for no values)."""
    return math.fsum(values) / len(values) if values else 0.0


def lower_median(counts: Sequence[int]) -> int:
    """Position of the lower median of ordered categories, given each category's count."""
    total = sum(counts)
    wanted = (total - 1) // 2
    seen = 0
    for i, c in enumerate(counts):
        seen += c
        if seen > wanted:
            return i
    return 0


def qualitative_variation(counts: Sequence[int], n: int) -> float:
    """Index of qualitative variation of unordered categories: 0 all in one, 1 evenly spread."""
    k = len(counts)
    if k < 2 or n == 0:
        return 0.0
    return min(1.0, k / (k - 1) * (1 - math.fsum((c / n) ** 2 for c in counts)))


def ordinal_dispersion(counts: Sequence[int], n: int) -> float:
    """Leik's ordinal dispersion of ordered categories: 0 all in one, 1 split between the two
    ends."""
    k = len(counts)
    if k < 2 or n == 0:
        return 0.0
    cumulative = 0
    total = 0.0
    for c in counts[:-1]:
        cumulative += c
        f = cumulative / n
        total += f if f <= 0.5 else 1 - f
    return min(1.0, 2 * total / (k - 1))


def choice_dispersion(counts: Sequence[int], n: int) -> float:
    """For multi choice: mean over options of 4p(1-p), p the share choosing the option."""
    if n == 0 or not counts:
        return 0.0
    return min(1.0, mean([4 * (c / n) * (1 - c / n) for c in counts]))


def numeric_dispersion(values: Sequence[float], low: float, high: float) -> float:
    """Standard deviation over half the range ``low``–``high`` (the largest it can be)."""
    if len(values) < 2 or high <= low:
        return 0.0
    xs = sorted(values)
    centre = math.fsum(xs) / len(xs)
    sd = math.sqrt(math.fsum((x - centre) ** 2 for x in xs) / len(xs))
    return min(1.0, sd / ((high - low) / 2))
