"""Geometry of the dimension-score bar chart drawn as inline SVG in HTML reports."""

from __future__ import annotations

from dataclasses import dataclass

from spinout.report.model import Report
from spinout.report.text import inline, number

WIDTH = 640
LABEL_WIDTH = 210
VALUE_WIDTH = 56
ROW = 30
BAR = 18
TOP = 10
AXIS = 24
MAX_LABEL = 30


@dataclass(frozen=True)
class Bar:
    y: float
    label: str
    full_name: str
    width: float
    value: str
    weakest: bool
    low: float | None  # group spread: lower quartile, as an x offset
    high: float | None


@dataclass(frozen=True)
class Tick:
    x: float
    label: str


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    left: int
    span: int
    bars: tuple[Bar, ...]
    ticks: tuple[Tick, ...]
    axis_y: int


def chart(report: Report) -> Chart:
    """One bar per dimension, 0–100; the weakest highlighted; a group's middle half marked."""
    span = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    weakest = report.summary.weakest.id if report.summary.weakest else None
    bars = []
    for i, d in enumerate(report.dimensions):
        sp = d.spread
        bars.append(Bar(
            y=TOP + i * ROW,
            label=_short(d.name),
            full_name=inline(d.name),
            width=round(span * (d.score or 0.0) / 100, 1),
            value=number(d.score) if d.score is not None else "no answers",
            weakest=d.id == weakest,
            low=round(span * sp.q1 / 100, 1) if sp else None,
            high=round(span * sp.q3 / 100, 1) if sp else None,
        ))
    axis_y = TOP + len(bars) * ROW
    ticks = tuple(Tick(round(span * v / 100, 1), str(v)) for v in (0, 25, 50, 75, 100))
    return Chart(WIDTH, axis_y + AXIS, LABEL_WIDTH, span, tuple(bars), ticks, axis_y)


def _short(name: str) -> str:
    text = inline(name)
    return text if len(text) <= MAX_LABEL else text[: MAX_LABEL - 1] + "…"
