"""Conditions turned once into functions, for reading the same conditions against many
answer sets (a group report reads every condition of the rules once per respondent).

Each function gives what :func:`~spinout.ruleset.conditions.holds` or
:func:`~spinout.ruleset.conditions.maybe` gives for the condition it was made from, and is
built from the same leaf tests (:func:`~spinout.ruleset.conditions.reading.value_test` and
:func:`~spinout.ruleset.conditions.reading.dimension_holds`): only the walk over the
condition and the choice of test are done once, when it is made. The three-valued reading
stops at the first part of an ``all`` that fails (or of an ``any`` that holds), where
:func:`maybe` reads every part: the outcome is the same.
"""

from __future__ import annotations

from collections.abc import Callable, Container, Mapping
from operator import eq
from typing import Any

from spinout.ruleset.conditions.model import (
    AllCondition,
    AnswerCondition,
    AnyCondition,
    DimensionCondition,
    NotCondition,
)
from spinout.ruleset.conditions.reading import (
    NO_ANSWERS,
    NO_SCORES,
    dimension_holds,
    value_test,
)
from spinout.values import Answers, same

Scores = Mapping[str, float | None]
Holds = Callable[[Answers, Scores], bool]
Dimension = Callable[[DimensionCondition], bool | None]
Maybe = Callable[[Answers, Container[str], Dimension | None], bool | None]
_ABSENT = object()


def always(answers: Answers, scores: Scores = NO_SCORES) -> bool:
    return True


def compile_holds(condition: object) -> Holds:
    """A function of (answers, scores) giving ``holds(condition, answers, scores)``."""
    if condition is None:
        return always
    if isinstance(condition, AnswerCondition):
        return _answer(condition)
    if isinstance(condition, AllCondition | AnyCondition):
        return _join([compile_holds(c) for c in _parts(condition)],
                     isinstance(condition, AllCondition))
    if isinstance(condition, NotCondition):
        inner = compile_holds(condition.not_)
        return lambda answers, scores: not inner(answers, scores)
    if isinstance(condition, DimensionCondition):
        return lambda answers, scores: dimension_holds(condition, scores)
    raise TypeError(f"not a condition: {condition!r}")


def _parts(condition: AllCondition | AnyCondition) -> tuple[Any, ...]:
    return condition.all if isinstance(condition, AllCondition) else condition.any


def _answer(c: AnswerCondition) -> Holds:
    qid = c.answer
    if c.answered is not None:
        wanted = c.answered
        return lambda answers, scores: (qid in answers) == wanted
    test, expected = value_test(c)
    if test is eq:  # equal to a text: one look-up, no call (an absent answer equals nothing)
        return lambda answers, scores: answers.get(qid, _ABSENT) == expected
    if test is same and isinstance(expected, bool):  # yes or no: the very value
        return lambda answers, scores: answers.get(qid, _ABSENT) is expected
    return lambda answers, scores: qid in answers and test(answers[qid], expected)


def _join(parts: list[Holds], every: bool) -> Holds:
    if every:
        def all_hold(answers: Answers, scores: Scores) -> bool:
            for part in parts:  # noqa: SIM110 - a loop, not a generator made per call
                if not part(answers, scores):
                    return False
            return True
        return all_hold

    def any_holds(answers: Answers, scores: Scores) -> bool:
        for part in parts:  # noqa: SIM110 - a loop, not a generator made per call
            if part(answers, scores):
                return True
        return False
    return any_holds


def compile_maybe(condition: object) -> Maybe:
    """A function of (shown, settled, dimension) giving ``maybe(condition, shown, settled,
    dimension)``."""
    if condition is None:
        return lambda shown, settled, dimension: True
    if isinstance(condition, AnswerCondition):
        return _answer_maybe(condition)
    if isinstance(condition, AllCondition | AnyCondition):
        return _join_maybe([compile_maybe(c) for c in _parts(condition)],
                           isinstance(condition, AllCondition))
    if isinstance(condition, NotCondition):
        inner = compile_maybe(condition.not_)

        def negated(shown: Answers, settled: Container[str],
                    dimension: Dimension | None) -> bool | None:
            found = inner(shown, settled, dimension)
            return None if found is None else not found
        return negated
    if isinstance(condition, DimensionCondition):
        return lambda shown, settled, dimension: _dimension_maybe(condition, dimension)
    raise TypeError(f"not an answer condition: {condition!r}")


def _dimension_maybe(c: DimensionCondition, dimension: Dimension | None) -> bool | None:
    if dimension is None:
        raise TypeError(f"not an answer condition: {c!r}")
    return dimension(c)


def _answer_maybe(c: AnswerCondition) -> Maybe:
    qid, test = c.answer, _answer(c)
    unanswered = test(NO_ANSWERS, NO_SCORES)

    def leaf(shown: Answers, settled: Container[str], dimension: Dimension | None
             ) -> bool | None:
        if qid in shown:
            return test(shown, NO_SCORES)
        return unanswered if qid in settled else None
    return leaf


def _join_maybe(parts: list[Maybe], every: bool) -> Maybe:
    """``all`` (``every``) or ``any``: the deciding outcome as soon as one part gives it,
    else unknown when some part is unknown, else the other outcome."""
    deciding = not every

    def joined(shown: Answers, settled: Container[str], dimension: Dimension | None
               ) -> bool | None:
        unknown = False
        for part in parts:
            found = part(shown, settled, dimension)
            if found is None:
                unknown = True
            elif found is deciding:
                return deciding
        return None if unknown else every
    return joined
