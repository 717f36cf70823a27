"""Evaluating structured conditions against answers and dimension scores."""

from __future__ import annotations

from collections.abc import Mapping

from spinout.engine.values import Answers, is_number, same
from spinout.ruleset.model import (
    AllCondition,
    AnswerCondition,
    AnyCondition,
    DimensionCondition,
    NotCondition,
)


def holds(condition: object, answers: Answers, scores: Mapping[str, float | None] = {}) -> bool:
    """Whether ``condition`` holds. ``answers`` holds only real answers (no "don't know")."""
    if condition is None:
        return True
    if isinstance(condition, AnswerCondition):
        return _answer_holds(condition, answers)
    if isinstance(condition, AllCondition):
        return all(holds(c, answers, scores) for c in condition.all)
    if isinstance(condition, AnyCondition):
        return any(holds(c, answers, scores) for c in condition.any)
    if isinstance(condition, NotCondition):
        return not holds(condition.not_, answers, scores)
    if isinstance(condition, DimensionCondition):
        score = scores.get(condition.dimension)
        if score is None:
            return False
        if condition.below is not None:
            return score < condition.below
        return score >= condition.at_least  # type: ignore[operator]
    raise TypeError(f"not a condition: {condition!r}")


def _answer_holds(c: AnswerCondition, answers: Answers) -> bool:
    if c.answered is not None:
        return (c.answer in answers) == c.answered
    if c.answer not in answers:
        return False
    value = answers[c.answer]
    if c.is_ is not None:
        return same(value, c.is_)
    if c.in_ is not None:
        return any(same(value, v) for v in c.in_)
    if c.includes is not None:
        return isinstance(value, list) and any(same(v, c.includes) for v in value)
    if not is_number(value):
        return False
    if c.at_least is not None:
        return value >= c.at_least
    return value <= c.at_most  # type: ignore[operator]


def answer_refs(condition: object) -> list[str]:
    """Ids of the questions a condition reads, in order of first mention."""
    from spinout.ruleset.checks import walk

    seen: dict[str, None] = {}
    for leaf, _ in walk(condition):
        if isinstance(leaf, AnswerCondition):
            seen.setdefault(leaf.answer)
    return list(seen)


def dimension_refs(condition: object) -> list[str]:
    from spinout.ruleset.checks import walk

    seen: dict[str, None] = {}
    for leaf, _ in walk(condition):
        if isinstance(leaf, DimensionCondition):
            seen.setdefault(leaf.dimension)
    return list(seen)
