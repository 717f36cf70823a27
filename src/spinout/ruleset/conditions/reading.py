"""Reading a condition against answers: :func:`holds`, the three-valued :func:`maybe`, the
leaf tests that decide it (:func:`reasons`), and the walk over its leaves."""

from __future__ import annotations

from collections.abc import Callable, Container, Iterator, Mapping
from operator import eq
from types import MappingProxyType
from typing import Any

from spinout.ruleset.conditions.model import (
    AllCondition,
    AnswerCondition,
    AnyCondition,
    DimensionCondition,
    NotCondition,
)
from spinout.values import Answers, is_number, same

NO_SCORES: Mapping[str, float | None] = MappingProxyType({})
NO_ANSWERS: Answers = MappingProxyType({})


def holds(condition: object, answers: Answers,
          scores: Mapping[str, float | None] = NO_SCORES) -> bool:
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
        return dimension_holds(condition, scores)
    raise TypeError(f"not a condition: {condition!r}")


def maybe(condition: object, shown: Answers, settled: Container[str],
          dimension: Callable[[DimensionCondition], bool | None] | None = None) -> bool | None:
    """Three-valued reading of a condition. ``shown`` holds the real answers whose question
    surely applies; ``settled`` the ids of questions that surely do not apply (their answers
    count as not given). A test on any other question is unknown (``None``). ``dimension``
    reads a dimension test the same way; without it only answer conditions may be read."""
    if condition is None:
        return True
    if isinstance(condition, AnswerCondition):
        if condition.answer in shown:
            return _answer_holds(condition, shown)
        if condition.answer in settled:
            return _answer_holds(condition, NO_ANSWERS)
        return None
    if isinstance(condition, AllCondition):
        parts = [maybe(c, shown, settled, dimension) for c in condition.all]
        return False if False in parts else None if None in parts else True
    if isinstance(condition, AnyCondition):
        parts = [maybe(c, shown, settled, dimension) for c in condition.any]
        return True if True in parts else None if None in parts else False
    if isinstance(condition, NotCondition):
        inner = maybe(condition.not_, shown, settled, dimension)
        return None if inner is None else not inner
    if isinstance(condition, DimensionCondition) and dimension is not None:
        return dimension(condition)
    raise TypeError(f"not an answer condition: {condition!r}")


def dimension_holds(c: DimensionCondition, scores: Mapping[str, float | None]) -> bool:
    score = scores.get(c.dimension)
    if score is None:
        return False
    if c.below is not None:
        return score < c.below
    return score >= c.at_least  # type: ignore[operator]


def _answer_holds(c: AnswerCondition, answers: Answers) -> bool:
    if c.answered is not None:
        return (c.answer in answers) == c.answered
    if c.answer not in answers:
        return False
    test, expected = value_test(c)
    return test(answers[c.answer], expected)


ValueTest = Callable[[Any, Any], bool]


def value_test(c: AnswerCondition) -> tuple[ValueTest, Any]:
    """The test an answer condition (other than ``answered``) puts to a real answer, and
    the value it compares with: ``test(answer, expected)``. Against text, plain equality is
    :func:`same` (no answer equal to a string is a yes/no)."""
    if c.is_ is not None:
        return (eq if isinstance(c.is_, str) else same), c.is_
    if c.in_ is not None:
        return (_among if all(isinstance(v, str) for v in c.in_) else _one_of), c.in_
    if c.includes is not None:
        return _includes, c.includes
    if c.at_least is not None:
        return _at_least, c.at_least
    return _at_most, c.at_most


def _among(value: Any, expected: tuple[str, ...]) -> bool:
    return value in expected


def _one_of(value: Any, expected: tuple[Any, ...]) -> bool:
    return any(same(value, v) for v in expected)


def _includes(value: Any, expected: Any) -> bool:
    return isinstance(value, list) and any(same(v, expected) for v in value)


def _at_least(value: Any, expected: float) -> bool:
    return is_number(value) and value >= expected


def _at_most(value: Any, expected: float | None) -> bool:
    return is_number(value) and expected is not None and value <= expected


def reasons(condition: object, answers: Answers, scores: Mapping[str, float | None],
            outcome: bool = True) -> Iterator[AnswerCondition | DimensionCondition]:
    """The leaf tests that give ``condition`` its ``outcome``: every part of an ``all`` that
    holds, only the parts of an ``any`` that hold, and the reverse under ``not``."""
    if isinstance(condition, NotCondition):
        yield from reasons(condition.not_, answers, scores, not outcome)
    elif isinstance(condition, AllCondition | AnyCondition):
        parts = condition.all if isinstance(condition, AllCondition) else condition.any
        needs_every = isinstance(condition, AllCondition) == outcome
        for part in parts:
            if needs_every or holds(part, answers, scores) == outcome:
                yield from reasons(part, answers, scores, outcome)
    elif isinstance(condition, AnswerCondition | DimensionCondition):
        yield condition


def answer_refs(condition: object) -> list[str]:
    """Ids of the questions a condition reads, in order of first mention."""
    seen: dict[str, None] = {}
    for leaf, _ in walk(condition):
        if isinstance(leaf, AnswerCondition):
            seen.setdefault(leaf.answer)
    return list(seen)


def dimension_refs(condition: object) -> list[str]:
    """Ids of the dimensions a condition reads, in order of first mention."""
    seen: dict[str, None] = {}
    for leaf, _ in walk(condition):
        if isinstance(leaf, DimensionCondition):
            seen.setdefault(leaf.dimension)
    return list(seen)

def walk(condition: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, tuple[Any, ...]]]:
    """Every leaf test of a condition with its path inside the condition's YAML."""
    if isinstance(condition, AllCondition | AnyCondition):
        key = "all" if isinstance(condition, AllCondition) else "any"
        for i, child in enumerate(getattr(condition, key)):
            yield from walk(child, (*path, key, i))
    elif isinstance(condition, NotCondition):
        yield from walk(condition.not_, (*path, "not"))
    elif condition is not None:
        yield condition, path
