"""Small-group protection: how a group figure may be shown without revealing one respondent.

Every figure of a group result rests on some respondents. A figure resting on fewer than the
rule set's ``min_group_size`` is suppressed: it carries no value, only the fact that it is
withheld. Figures that are shown are coarsened, so that two results differing by one
respondent seldom differ at all:

- counts of respondents are rounded to the nearest multiple of :func:`count_step` (5, or the
  minimum group size when that is smaller), and shares are worked out from the rounded count;
- medians and quartiles of scores are rounded to :data:`SCORE_STEP` points, of number answers
  to two significant digits; the lowest and highest value (one respondent's own) are never
  kept;
- means (confidence) and measured shares in warnings are rounded to tenths.

Pure functions on plain values; :mod:`spinout.engine.group` applies them.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable

from spinout.engine.dispersion import spread
from spinout.record import Record

COUNT_STEP = 5
SCORE_STEP = 5.0
TENTH = 0.1


class Count(Record):
    """A count of respondents as a report may show it: ``value`` is the count rounded to a
    multiple of :func:`count_step`, or None when the count is below the minimum group size
    (suppressed; zero is suppressed too, so that a count appearing is never news)."""

    value: int | None

    @property
    def suppressed(self) -> bool:
        return self.value is None

    def share(self, total: int) -> float | None:
        """The rounded count as a share of ``total`` respondents (None when suppressed)."""
        return None if self.value is None or total <= 0 else min(1.0, self.value / total)


class Middle(Record):
    """The median and middle half (quartiles) of values from at least the minimum number of
    respondents, coarsened; all None when suppressed. ``count`` is how many gave a value."""

    median: float | None
    q1: float | None
    q3: float | None
    count: Count

    @property
    def suppressed(self) -> bool:
        return self.median is None


def count_step(minimum: int) -> int:
    return max(1, min(COUNT_STEP, minimum))


def count(n: int, minimum: int) -> Count:
    """``n`` respondents as shown: None below ``minimum``, else rounded (halves up)."""
    if n < minimum or n <= 0:
        return Count(None)
    step = count_step(minimum)
    return Count(max(step, int(math.floor(n / step + 0.5)) * step))


def enough(n: int, minimum: int, total: int | None = None) -> bool:
    """Whether a figure over ``n`` of ``total`` respondents may be shown: ``n`` reaches the
    minimum and so do the others (``total - n``, when given and not zero), so the figure for
    the rest cannot be worked out by taking this one from the whole."""
    if n < minimum:
        return False
    rest = 0 if total is None else total - n
    return rest == 0 or rest >= minimum


def scores(values: Iterable[float], minimum: int) -> Middle:
    """The middle of scores (0–100), rounded to :data:`SCORE_STEP` points."""
    return _middle(list(values), minimum, _to_step)


def numbers(values: Iterable[float], minimum: int) -> Middle:
    """The middle of number answers, rounded to two significant digits."""
    return _middle(list(values), minimum, _two_digits)


def tenth(value: float | None) -> float | None:
    """A mean or share rounded to tenths."""
    return None if value is None else round(round(value / TENTH) * TENTH, 1) + 0.0


def _middle(values: list[float], minimum: int,
            coarse: Callable[[float | None], float | None]) -> Middle:
    shown = count(len(values), minimum)
    if shown.suppressed:
        return Middle(None, None, None, shown)
    sp = spread(values)
    return Middle(coarse(sp.median), coarse(sp.q1), coarse(sp.q3), shown)


def _to_step(value: float | None) -> float | None:
    if value is None:
        return None
    return float(math.floor(value / SCORE_STEP + 0.5) * SCORE_STEP) + 0.0


def _two_digits(value: float | None) -> float | None:
    if value is None or value == 0:
        return value
    digits = 1 - int(math.floor(math.log10(abs(value))))
    return float(round(value, digits)) + 0.0
