"""A condition in plain words, for forms and reports."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from spinout.ruleset.conditions.model import (
    AllCondition,
    AnswerCondition,
    AnyCondition,
    DimensionCondition,
    NotCondition,
)

Labeller = Callable[[str, object], str | None]


def describe(cond: Any, question_name: Callable[[str], str], label: Labeller,
             dimension_name: Callable[[str], str]) -> str:
    """A condition in plain words. ``question_name`` names a question (for example "question
    12"), ``label`` gives the words for a value of a question's answer (None when unknown) and
    ``dimension_name`` names a dimension."""
    words = _Words(question_name, label, dimension_name)
    return words.say(cond)


class _Words:
    def __init__(self, question_name: Callable[[str], str], label: Labeller,
                 dimension_name: Callable[[str], str]) -> None:
        self.question_name, self.label, self.dimension_name = question_name, label, \
            dimension_name

    def say(self, cond: Any) -> str:
        if isinstance(cond, AllCondition):
            return " and ".join(self._part(c) for c in cond.all)
        if isinstance(cond, AnyCondition):
            return " or ".join(self._part(c) for c in cond.any)
        if isinstance(cond, NotCondition):
            return f"it is not the case that {self._part(cond.not_)}"
        if isinstance(cond, DimensionCondition):
            limit = f"below {plain(cond.below)}" if cond.below is not None else \
                f"at least {plain(cond.at_least)}"
            return f"the {self.dimension_name(cond.dimension)} score is {limit}"
        return self._answer(cond)

    def _part(self, cond: Any) -> str:
        words = self.say(cond)
        return f"({words})" if isinstance(cond, AllCondition | AnyCondition) else words

    def _value(self, qid: str, value: object) -> str:
        found = self.label(qid, value)
        return f"“{found if found is not None else plain(value)}”"

    def _answer(self, cond: AnswerCondition) -> str:
        where = self.question_name(cond.answer)
        test = cond.test
        if test == "is_":
            return f"you answered {self._value(cond.answer, cond.is_)} to {where}"
        if test == "in_":
            said = " or ".join(self._value(cond.answer, v) for v in cond.in_ or ())
            return f"you answered {said} to {where}"
        if test == "includes":
            return f"you ticked {self._value(cond.answer, cond.includes)} at {where}"
        if test == "at_least":
            return f"your answer to {where} is at least {plain(cond.at_least)}"
        if test == "at_most":
            return f"your answer to {where} is at most {plain(cond.at_most)}"
        if cond.answered:
            return f"you answered {where}"
        return f"you did not answer {where} or did not know"


def plain(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
