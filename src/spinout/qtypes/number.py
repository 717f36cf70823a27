"""A number, optionally within ``min``..``max``, scored by options or on a straight line."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from spinout.qtypes.base import (
    AnswerProblem,
    Points,
    QuestionType,
    Shape,
    Trouble,
    XlsField,
    clipped,
)
from spinout.values import AnswerValue, format_number, is_number, show

if TYPE_CHECKING:
    from spinout.ruleset.model import Question


class Number(QuestionType):
    name = "number"
    description = "a number, optionally between `min` and `max`"

    def shape_error(self, q: Question) -> str | None:
        if q.options:
            return f"a {self.name} question takes no `options` — remove them"
        if q.linear and (q.min is None or q.max is None):
            return "`linear` scoring needs both `min` and `max`"
        return None

    def shape(self, q: Question) -> Shape:
        return Shape.NUMBER

    def choices(self, q: Question) -> tuple[tuple[AnswerValue, str], ...]:
        return ()

    def prompt(self, q: Question) -> str:
        return "typed"

    def listed_answers(self, q: Question) -> None:
        return None

    def value_error(self, q: Question, value: AnswerValue) -> Trouble | None:
        return number_error(q, value)

    def read(self, q: Question, text: str) -> AnswerValue:
        return read_number(q, text)

    def points(self, q: Question, value: AnswerValue, dims: tuple[str, ...]) -> Points:
        return linear_points(q, value) if q.linear else {}

    def points_table(self, q: Question, dims: tuple[str, ...]) -> None:
        return None

    def alternatives(self, q: Question, current: AnswerValue) -> list[AnswerValue]:
        """The two ends of the range, where the answer is scored on a line."""
        if not q.linear:
            return []
        ends = [v for v in (q.min, q.max) if v is not None]
        return [int(v) if float(v).is_integer() else v for v in ends
                if not (isinstance(current, int | float) and v == current)]

    def numeric(self, q: Question) -> bool:
        return True

    def bounds(self, q: Question) -> tuple[float | None, float | None]:
        return q.min, q.max

    def xlsform(self, q: Question) -> XlsField:
        return number_field(q)

    def instruction(self, q: Question) -> str:
        return f"Write a number{range_words(q)}."

    def blank(self, q: Question) -> str:
        return "number"

    def accepts(self, q: Question) -> str:
        return f"a number{range_words(q)}"

    def typed_hint(self, q: Question) -> str:
        if q.min is not None and q.max is not None:
            return f"a number from {_grouped(q.min)} to {_grouped(q.max)}"
        return "a number"


def _grouped(value: float) -> str:
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,}"


TYPE = Number()


def number_error(q: Question, value: AnswerValue) -> Trouble | None:
    """Why ``value`` is not a number within the question's range."""
    if not is_number(value) or not math.isfinite(value):
        return f"`{clipped(show(value))}` is not a number", "write a number, like 12 or 3.5"
    if (q.min is not None and value < q.min) or (q.max is not None and value > q.max):
        return (f"{clipped(show(value))} is out of range",
                f"give a number from {show(q.min)} to {show(q.max)}")
    return None


def read_number(q: Question, text: str) -> AnswerValue:
    from spinout.answers.numbers import parse_number

    value = parse_number(text)
    if value is None:
        raise AnswerProblem(f"`{clipped(text)}` is not a number", "write a number, like 12 or 3.5")
    trouble = number_error(q, value)
    if trouble:
        raise AnswerProblem(*trouble)
    return value


def linear_points(q: Question, value: AnswerValue) -> Points:
    """Points on a straight line from ``at_min`` (at ``min``) to ``at_max`` (at ``max``)."""
    if not is_number(value) or not math.isfinite(value):
        return {}
    low, high = q.min or 0.0, q.max or 0.0
    t = min(1.0, max(0.0, (float(value) - low) / (high - low))) if high > low else 1.0
    return {d: s.at_min + t * (s.at_max - s.at_min) for d, s in q.linear.items()}


def number_field(q: Question) -> XlsField:
    """A number question as an XLSForm field: ``integer`` when its range is whole numbers,
    else ``decimal``; the range as a constraint. XLSForm number fields cannot hold "don't
    know", so where it is allowed the respondent is told to leave the field empty."""
    whole = all(v is None or float(v).is_integer() for v in (q.min, q.max)) and \
        q.min is not None and q.max is not None
    limits = [f". >= {format_number(q.min)}" if q.min is not None else "",
              f". <= {format_number(q.max)}" if q.max is not None else ""]
    constraint = " and ".join(part for part in limits if part)
    message = f"Give a number{range_words(q)}." if constraint else ""
    hint = "Leave it empty if you don't know." if q.dont_know else ""
    return XlsField("integer" if whole else "decimal", (), constraint, message, hint)


def range_words(q: Question) -> str:
    if q.min is not None and q.max is not None:
        return f" from {format_number(q.min)} to {format_number(q.max)}"
    return ""
