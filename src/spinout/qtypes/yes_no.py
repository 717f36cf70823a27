"""Yes or no: the answer is ``true`` or ``false``; options, when given, only relabel and score
the two."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spinout.qtypes.base import (
    NO_WORDS,
    YES_WORDS,
    AnswerProblem,
    QuestionType,
    Trouble,
    clipped,
    option_by_word,
)
from spinout.values import AnswerValue, show

if TYPE_CHECKING:
    from spinout.ruleset.model import Question


class YesNo(QuestionType):
    name = "yes_no"
    description = "yes or no"

    def ordinal(self, q: Question) -> bool:
        return True

    def shape_error(self, q: Question) -> str | None:
        if sorted(repr(o.value) for o in q.options) not in ([], ["False", "True"]):
            return "yes_no options must have the values `true` and `false`"
        return super().shape_error(q)

    def choices(self, q: Question) -> tuple[tuple[AnswerValue, str], ...]:
        return super().choices(q) or ((True, "Yes"), (False, "No"))

    def listed_answers(self, q: Question) -> frozenset[tuple[type, AnswerValue]]:
        return frozenset({(bool, True), (bool, False)})

    def value_error(self, q: Question, value: AnswerValue) -> Trouble | None:
        if isinstance(value, bool):
            return None
        return f"`{clipped(show(value))}` is not an answer to a yes/no question", \
            "use `true` or `false`"

    def read(self, q: Question, text: str) -> AnswerValue:
        found = option_by_word(q, text)
        if found is not None:
            return found[0]
        folded = text.casefold()
        if folded in YES_WORDS:
            return True
        if folded in NO_WORDS:
            return False
        raise AnswerProblem(f"`{clipped(text)}` is not yes or no", "write yes or no")

    def accepts(self, q: Question) -> str:
        return "yes | no (also true/false, 1/0)"


TYPE = YesNo()
