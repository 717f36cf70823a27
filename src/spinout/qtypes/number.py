"""A number, optionally within ``min``..``max``, scored by options or on a straight line."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spinout.qtypes.base import (
    Points,
    QuestionType,
    Shape,
    Trouble,
    XlsField,
    linear_points,
    number_error,
    number_field,
    range_words,
    read_number,
)
from spinout.values import AnswerValue

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
