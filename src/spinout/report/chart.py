"""The dimension-score chart of HTML reports: a table of dimensions and scores, each row with
a bar drawn as a small inline SVG.

The table carries the values (screen readers read it as a table; the bars are hidden from
them); names are text, so they wrap at any width and never shrink. A dimension without
answers gets a hatched bar and the words "no answers", never a bar of 0; the weakest is
labelled in words as well as coloured; the key lists only the marks actually drawn.
"""

from __future__ import annotations

from dataclasses import dataclass

from spinout.report.model import DimensionItem, Report
from spinout.report.text import inline, number

TICKS = (0, 25, 50, 75, 100)
NO_ANSWERS = "no answers"
WITHHELD = "withheld"
WEAKEST = "weakest"


@dataclass(frozen=True)
class Bar:
    id: str
    name: str
    value: str  # the score as shown, or NO_ANSWERS
    width: float | None  # percent of the track; None when the dimension has no answers
    weakest: bool
    low: float | None  # group reports: the middle half of respondents, in percent
    high: float | None


@dataclass(frozen=True)
class Chart:
    title: str
    heading: str  # of the value column
    bars: tuple[Bar, ...]
    ticks: tuple[int, ...]
    key: tuple[str, ...]  # one sentence per kind of mark that is drawn


def chart(report: Report) -> Chart:
    """One bar per dimension, 0–100; the weakest marked; a group's middle half marked."""
    weakest = report.summary.weakest.id if report.summary.weakest else None
    bars = tuple(_bar(d, d.id == weakest) for d in report.dimensions)
    heading = "Median score" if report.kind == "group" else "Score"
    return Chart(f"{heading} by dimension, 0 to 100", heading, bars, TICKS, _key(bars))


def _bar(d: DimensionItem, weakest: bool) -> Bar:
    score, spread = d.score, d.spread
    return Bar(
        id=d.id,
        name=inline(d.name),
        value=number(score) if score is not None else WITHHELD if d.withheld else NO_ANSWERS,
        width=_percent(score) if score is not None else None,
        weakest=weakest,
        low=_percent(spread.q1) if spread is not None and spread.q1 is not None else None,
        high=_percent(spread.q3) if spread is not None and spread.q3 is not None else None,
    )


def _percent(value: float) -> float:
    return round(min(100.0, max(0.0, value)), 1)


def _key(bars: tuple[Bar, ...]) -> tuple[str, ...]:
    key = ["Longer bars are better: 100 means fully ready, 0 not at all."]
    if any(b.weakest for b in bars):
        key.append(f"The weakest dimension is marked “{WEAKEST}”.")
    if any(b.value == NO_ANSWERS for b in bars):
        key.append(f"A hatched bar marked “{NO_ANSWERS}” has no score yet, which is not a "
                   "score of 0.")
    if any(b.value == WITHHELD for b in bars):
        key.append(f"A hatched bar marked “{WITHHELD}” has too few respondents with a score "
                   "to show one.")
    if any(b.low is not None for b in bars):
        key.append("The black line on a bar spans the middle half of respondents.")
    return tuple(key)
