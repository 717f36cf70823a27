"""Free text: a comment in the respondent's words. Never scored, never counted as a missing
answer, shown in reports only as an unattributed comment."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spinout.qtypes.base import QuestionType, Shape, Trouble, XlsField
from spinout.values import AnswerValue, show

if TYPE_CHECKING:
    from spinout.ruleset.model import Question

MAX_TEXT = 10_000


class Text(QuestionType):
    name = "text"
    description = "free text (a comment; never scored)"

    def shape_error(self, q: Question) -> str | None:
        if q.options:
            return "a text question takes no `options` — remove them"
        if q.action:
            return "a text question cannot carry an `action`"
        return super().shape_error(q)

    def shape(self, q: Question) -> Shape:
        return Shape.TEXT

    def choices(self, q: Question) -> tuple[tuple[AnswerValue, str], ...]:
        return ()

    def prompt(self, q: Question) -> str:
        return "typed"

    def reads_dont_know(self, q: Question) -> bool:
        return False

    def listed_answers(self, q: Question) -> None:
        return None

    def value_error(self, q: Question, value: AnswerValue) -> Trouble | None:
        if not isinstance(value, str):
            shown = show(value)
            return f"`{shown if len(shown) <= 40 else shown[:39] + '…'}` is not text", \
                "put the answer in quotes"
        if len(value) > MAX_TEXT:
            return "the text is too long", f"keep comments under {MAX_TEXT:,} characters"
        return None

    def read(self, q: Question, text: str) -> AnswerValue:
        return text

    def points(self, q: Question, value: AnswerValue, dims: tuple[str, ...]) -> dict[str, float]:
        return {}

    def alternatives(self, q: Question, current: AnswerValue) -> list[AnswerValue]:
        return []

    def xlsform(self, q: Question) -> XlsField:
        return XlsField("text")

    def instruction(self, q: Question) -> str:
        return "Write your answer (optional)."

    def blank(self, q: Question) -> str:
        return "text"

    def accepts(self, q: Question) -> str:
        return "free text"

    def typed_hint(self, q: Question) -> str:
        return "Enter to skip"


TYPE = Text()
