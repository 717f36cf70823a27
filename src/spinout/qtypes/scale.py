"""A scale: either labelled points (``options``, answered like a single choice) or a range of
numbers ``min``..``max`` (a short whole-number range is offered as a list; a longer one is
typed, like a number). A range's ends are explained by ``low_label`` and ``high_label``; a
labelled scale's ends are its first and last options."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spinout.qtypes.base import Points, PointsTable, QuestionType, Shape, Trouble, XlsField
from spinout.qtypes.number import Number
from spinout.values import AnswerValue, format_number, is_number

if TYPE_CHECKING:
    from spinout.ruleset.model import Question

MAX_LISTED_RANGE = 10
_NUMBER = Number()


class Scale(QuestionType):
    name = "scale"
    description = "labelled points (`options`), or numbers from `min` to `max`"

    def ordinal(self, q: Question) -> bool:
        return True

    def shape_error(self, q: Question) -> str | None:
        if q.options and (q.low_label or q.high_label):
            return ("a scale with `options` is explained by its first and last option — "
                    "remove `low_label` and `high_label`")
        if q.options:
            return super().shape_error(q)
        if q.min is None or q.max is None:
            return "a scale needs `min` and `max`, or `options`"
        return _NUMBER.shape_error(q)

    def shape(self, q: Question) -> Shape:
        return Shape.CHOICE if q.options else Shape.NUMBER

    def prompt(self, q: Question) -> str:
        return "select" if q.options or _short_range(q) else "typed"

    def prompt_choices(self, q: Question) -> tuple[tuple[AnswerValue, str], ...]:
        if q.options or not _short_range(q):
            return self.choices(q)
        return tuple((v, str(v)) for v in range(int(q.min or 0), int(q.max or 0) + 1))

    def prompt_keys(self, q: Question) -> tuple[str, ...]:
        """A scale's points are picked by typing their value, when every value is a whole
        number; otherwise by position."""
        values = [v for v, _ in self.prompt_choices(q)]
        if all(is_number(v) and float(v).is_integer() and v >= 0 for v in values):
            return tuple(format_number(v) for v in values)
        return super().prompt_keys(q)

    def end_labels(self, q: Question) -> tuple[str, str] | None:
        if q.options:
            return q.options[0].label, q.options[-1].label
        if q.low_label and q.high_label:
            return q.low_label, q.high_label
        return None

    def listed_answers(self, q: Question) -> frozenset[tuple[type, AnswerValue]] | None:
        return super().listed_answers(q) if q.options else None

    def value_error(self, q: Question, value: AnswerValue) -> Trouble | None:
        return super().value_error(q, value) if q.options else _NUMBER.value_error(q, value)

    def read(self, q: Question, text: str) -> AnswerValue:
        return super().read(q, text) if q.options else _NUMBER.read(q, text)

    def points(self, q: Question, value: AnswerValue, dims: tuple[str, ...]) -> Points:
        return super().points(q, value, dims) if q.options else _NUMBER.points(q, value, dims)

    def points_table(self, q: Question, dims: tuple[str, ...]) -> PointsTable | None:
        return super().points_table(q, dims) if q.options else None

    def alternatives(self, q: Question, current: AnswerValue) -> list[AnswerValue]:
        if q.options:
            return super().alternatives(q, current)
        return _NUMBER.alternatives(q, current)

    def numeric(self, q: Question) -> bool:
        return all(is_number(o.value) for o in q.options)

    def bounds(self, q: Question) -> tuple[float | None, float | None]:
        return super().bounds(q) if q.options else (q.min, q.max)

    def xlsform(self, q: Question) -> XlsField:
        """A list to choose from (labelled points, or a short range), else a number."""
        return super().xlsform(q) if q.options or _short_range(q) else _NUMBER.xlsform(q)

    def instruction(self, q: Question) -> str:
        return super().instruction(q) if q.options else _NUMBER.instruction(q)

    def blank(self, q: Question) -> str:
        return "" if q.options else "number"

    def accepts(self, q: Question) -> str:
        return super().accepts(q) if q.options else _NUMBER.accepts(q)

    def typed_hint(self, q: Question) -> str:
        return _NUMBER.typed_hint(q)


def _short_range(q: Question) -> bool:
    lo, hi = q.min, q.max
    return (lo is not None and hi is not None and float(lo).is_integer()
            and float(hi).is_integer() and hi - lo <= MAX_LISTED_RANGE)


TYPE = Scale()
