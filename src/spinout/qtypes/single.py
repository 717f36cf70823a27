"""Single choice: one option from a list."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spinout.qtypes.base import QuestionType

if TYPE_CHECKING:
    from spinout.ruleset.model import Question


class Single(QuestionType):
    name = "single"
    description = "one option from a list"

    def shape_error(self, q: Question) -> str | None:
        if len(q.options) < 2:
            return "a single question needs at least two `options`"
        return super().shape_error(q)


TYPE = Single()
