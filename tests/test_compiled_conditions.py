"""Compiled conditions give exactly what the plain readings give: ``holds`` and the
three-valued ``maybe``, on random conditions and answers."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from spinout.ruleset.conditions import (
    AllCondition,
    AnswerCondition,
    AnyCondition,
    DimensionCondition,
    NotCondition,
    holds,
    maybe,
)
from spinout.ruleset.conditions.compiled import compile_holds, compile_maybe

IDS = ("a", "b", "c")
DIMS = ("d", "e")
VALUES = st.one_of(st.booleans(), st.integers(-3, 3), st.sampled_from([0.0, 1.0, 2.5]),
                   st.sampled_from(["x", "y", "1"]))
ANSWER = st.one_of(VALUES, st.lists(VALUES, max_size=3))
NUMBER = st.one_of(st.integers(-3, 3), st.sampled_from([-0.5, 1.5]))


def _answer_condition() -> st.SearchStrategy[AnswerCondition]:
    qid = st.sampled_from(IDS)
    return st.one_of(
        st.builds(lambda q, v: AnswerCondition(answer=q, is_=v), qid, VALUES),
        st.builds(lambda q, v: AnswerCondition(answer=q, in_=tuple(v)), qid,
                  st.lists(VALUES, min_size=1, max_size=3)),
        st.builds(lambda q, v: AnswerCondition(answer=q, includes=v), qid, VALUES),
        st.builds(lambda q, v: AnswerCondition(answer=q, at_least=v), qid, NUMBER),
        st.builds(lambda q, v: AnswerCondition(answer=q, at_most=v), qid, NUMBER),
        st.builds(lambda q, v: AnswerCondition(answer=q, answered=v), qid, st.booleans()),
    )


def _dimension_condition() -> st.SearchStrategy[DimensionCondition]:
    did = st.sampled_from(DIMS)
    return st.one_of(
        st.builds(lambda d, v: DimensionCondition(dimension=d, below=v), did, NUMBER),
        st.builds(lambda d, v: DimensionCondition(dimension=d, at_least=v), did, NUMBER),
    )


CONDITIONS = st.recursive(
    st.one_of(_answer_condition(), _dimension_condition()),
    lambda inner: st.one_of(
        st.builds(lambda cs: AllCondition(all=tuple(cs)), st.lists(inner, min_size=1,
                                                                   max_size=3)),
        st.builds(lambda cs: AnyCondition(any=tuple(cs)), st.lists(inner, min_size=1,
                                                                   max_size=3)),
        st.builds(lambda c: NotCondition(not_=c), inner),
    ),
    max_leaves=8,
)
ANSWERS = st.dictionaries(st.sampled_from(IDS), ANSWER)
SCORES = st.dictionaries(st.sampled_from(DIMS), st.one_of(st.none(), NUMBER))
SETTLED = st.frozensets(st.sampled_from(IDS))
OUTCOME = st.sampled_from([True, False, None])


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.none(), CONDITIONS), ANSWERS, SCORES)
def test_compiled_holds_agrees(condition: object, answers: dict, scores: dict) -> None:
    assert compile_holds(condition)(answers, scores) is holds(condition, answers, scores)


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.none(), CONDITIONS), ANSWERS, SETTLED,
       st.dictionaries(st.sampled_from(DIMS), OUTCOME))
def test_compiled_maybe_agrees(condition: object, shown: dict, settled: frozenset,
                               outcomes: dict) -> None:
    settled = settled - shown.keys()

    def dimension(c: DimensionCondition) -> bool | None:
        return outcomes.get(c.dimension)

    assert compile_maybe(condition)(shown, settled, dimension) is \
        maybe(condition, shown, settled, dimension)


@given(_answer_condition(), ANSWERS, SETTLED)
def test_compiled_maybe_of_answer_conditions_needs_no_dimension(
        condition: AnswerCondition, shown: dict, settled: frozenset) -> None:
    assert compile_maybe(condition)(shown, settled, None) is maybe(condition, shown, settled)


SMALL = [True, False, 0, 1, 1.0, 2, "1", "x", "", [], [1], [True], ["x"], None]


@pytest.mark.parametrize("value", SMALL, ids=repr)
def test_every_answer_test_agrees_on_every_kind_of_value(value):
    """Each single test against each kind of value (``True`` against ``1``, text against
    a list …), exhaustively: the cases random drawing could miss."""
    answers = {} if value is None else {"a": value}
    for expected in SMALL:
        if expected is None or isinstance(expected, list):
            continue
        tests = [AnswerCondition(answer="a", is_=expected),
                 AnswerCondition(answer="a", in_=(expected,)),
                 AnswerCondition(answer="a", in_=(expected, "y")),
                 AnswerCondition(answer="a", includes=expected)]
        if isinstance(expected, int | float) and not isinstance(expected, bool):
            tests += [AnswerCondition(answer="a", at_least=expected),
                      AnswerCondition(answer="a", at_most=expected)]
        for c in tests:
            assert compile_holds(c)(answers, {}) is holds(c, answers), (c, value)
