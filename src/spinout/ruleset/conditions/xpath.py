"""A condition as an XPath expression (an XLSForm ``relevant`` column)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from spinout.ruleset.conditions.model import (
    AllCondition,
    AnswerCondition,
    AnyCondition,
    NotCondition,
)
from spinout.ruleset.conditions.words import plain

ChoiceName = Callable[[str, object], str | None]


def xpath(cond: Any, choice_name: ChoiceName, dont_know: str = "dont_know") -> str:
    """An answers-only condition as an XLSForm ``relevant`` expression on ``${question}``
    fields. ``choice_name`` gives the choice name that stands for a value of a question's
    answer (None for a question answered with a number). Each test is false for an empty
    or "don't know" answer, as in :func:`holds`; raises ValueError on a dimension test."""
    if isinstance(cond, AllCondition | AnyCondition):
        parts = cond.all if isinstance(cond, AllCondition) else cond.any
        joiner = " and " if isinstance(cond, AllCondition) else " or "
        return joiner.join(_grouped(xpath(c, choice_name, dont_know), c) for c in parts)
    if isinstance(cond, NotCondition):
        return f"not({xpath(cond.not_, choice_name, dont_know)})"
    if isinstance(cond, AnswerCondition):
        return _answer_xpath(cond, choice_name, dont_know)
    raise ValueError(f"a question's condition cannot be written in XPath: {cond!r}")


def _grouped(text: str, cond: Any) -> str:
    return f"({text})" if isinstance(cond, AllCondition | AnyCondition) else text


def _answer_xpath(c: AnswerCondition, choice_name: ChoiceName, dont_know: str) -> str:
    field = f"${{{c.answer}}}"

    def literal(value: object) -> str:
        name = choice_name(c.answer, value)
        if name is None:
            return plain(value)
        return f"'{name}'" if "'" not in name else f'"{name}"'

    test = c.test
    if test == "is_":
        return f"{field} = {literal(c.is_)}"
    if test == "in_":
        said = " or ".join(f"{field} = {literal(v)}" for v in c.in_ or ())
        return f"({said})" if len(c.in_ or ()) > 1 else said
    if test == "includes":
        return f"selected({field}, {literal(c.includes)})"
    if test in ("at_least", "at_most"):
        sign, limit = (">=", c.at_least) if test == "at_least" else ("<=", c.at_most)
        return f"({field} != '' and {field} != '{dont_know}' and {field} {sign} {plain(limit)})"
    known = f"{field} != '' and {field} != '{dont_know}'"
    return f"({known})" if c.answered else f"not({known})"
