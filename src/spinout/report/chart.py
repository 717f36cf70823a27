"""The dimension-score chart of HTML reports: a table of dimensions and scores, each row with
a bar drawn as a small inline SVG.

The table carries the values (screen readers read it as a table; the bars are hidden from
them); names are text, so they wrap at any width and never shrink. A dimension without
answers gets a hatched bar and the words "no answers", never a bar of 0; the weakest is
labelled in words as well as coloured; the key lists only the marks actually drawn.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from spinout.record import Record
from spinout.report.model import DimensionItem, Report
from spinout.report.text import inline, number

TICKS = (0, 25, 50, 75, 100)
NO_ANSWERS = "no answers"
WITHHELD = "withheld"
WEAKEST = "weakest"


class Bar(Record):
    id: str
    name: str
    value: str  # the score as shown, or NO_ANSWERS
    width: float | None  # percent of the track; None when the dimension has no answers
    weakest: bool
    low: float | None  # group reports: the middle half of respondents, in percent
    high: float | None


class Chart(Record):
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


# --- before and after: the chart of `spinout compare` ----------------------------------------
#
# One SVG (``role="img"``, with a title and a description) drawn to a fixed 360-unit-wide
# layout, so that at phone width it is shown near its own size and its text never shrinks
# below about 12 px; names wrap onto as many lines as they need above their bars. The table
# beside it holds the same values for screen readers and for copying.

WIDTH = 360
LABEL_CHARS = 44  # of a 13-unit sans-serif font on a 360-unit line
MAX_LABEL_LINES = 6  # a name longer than this (never a real one) ends in "…"; the table has it all
LINE = 16
TRACK_X, TRACK_END, VALUE_X = 52.0, 300.0, 306.0
BAR, BAR_GAP = 14, 4
HEAD = 42  # the scale above the rows
ROW_GAP = 14
ARROWS = {"up": "▲", "down": "▼", "same": "=", "unknown": ""}


class Side(Record):
    """One bar of a before/after pair."""

    word: str  # "Before" or "After"
    value: str  # the score as shown, or "no data"
    width: float | None  # in chart units; None when there is no score
    y: float


class Pair(Record):
    id: str
    name: str
    lines: tuple[tuple[float, str], ...]  # the wrapped name: (baseline, text)
    before: Side
    after: Side
    direction: str  # up, down, same, unknown
    arrow: str
    change: str  # in words: "+35.8, up: better"
    change_y: float
    overall: bool


class PairChart(Record):
    title: str
    description: str
    key: tuple[str, ...]
    width: int
    height: float
    ticks: tuple[tuple[int, float], ...]  # (value, x)
    track: tuple[float, float]  # x of 0 and of 100
    value_x: float
    pairs: tuple[Pair, ...]


def pair_chart(comparison: Mapping[str, Any]) -> PairChart:
    """The overall score and each dimension's, before and after, from the data of
    :func:`spinout.report.compare.comparison`."""
    from spinout.report import sentences as say

    rows = [("overall", "Overall readiness", comparison["overall"], True),
            *((d["id"], d["name"], d, False) for d in comparison["dimensions"])]
    pairs, y = [], float(HEAD)
    for rid, name, moved, overall in rows:
        pair = _pair(rid, inline(name), moved, y, overall)
        pairs.append(pair)
        y = pair.change_y + ROW_GAP
    key = [say.HIGHER_IS_BETTER, say.COMPARE_CHART_KEY]
    if any(p.before.width is None or p.after.width is None for p in pairs):
        key.append(say.COMPARE_NO_DATA)
    title = "Scores before and after, 0 to 100, higher is better"
    description = (f"{title}: overall readiness and {len(pairs) - 1} dimensions. "
                   f"{say.compare_moves([p.direction for p in pairs])} "
                   "The table after the chart gives every value.")
    ticks = tuple((t, _x(t)) for t in TICKS)
    return PairChart(title, description, tuple(key), WIDTH, y + 4 - ROW_GAP, ticks,
                     (TRACK_X, TRACK_END), VALUE_X, tuple(pairs))


def _pair(rid: str, name: str, moved: Mapping[str, Any], top: float, overall: bool) -> Pair:
    from spinout.report import sentences as say

    lines = _wrap(name)
    bars = top + LINE * len(lines) + 4
    before = Side("Before", say.compared_score(moved["old"]), _width(moved["old"]), bars)
    after = Side("After", say.compared_score(moved["new"]), _width(moved["new"]),
                 bars + BAR + BAR_GAP)
    direction = moved["direction"]
    return Pair(rid, name, tuple((top + 13 + LINE * i, t) for i, t in enumerate(lines)),
                before, after, direction, ARROWS.get(direction, ""),
                say.change_verdict(moved["change"], direction),
                after.y + BAR + LINE, overall)


def _wrap(name: str) -> tuple[str, ...]:
    import textwrap

    lines = textwrap.wrap(name, LABEL_CHARS, break_on_hyphens=False) or [""]
    if len(lines) > MAX_LABEL_LINES:
        lines = [*lines[:MAX_LABEL_LINES - 1], lines[MAX_LABEL_LINES - 1][:LABEL_CHARS - 1] + "…"]
    return tuple(lines)


def _x(value: float) -> float:
    return round(TRACK_X + (TRACK_END - TRACK_X) * value / 100, 1)


def _width(value: float | None) -> float | None:
    return None if value is None else round(_x(_percent(value)) - TRACK_X, 1)
