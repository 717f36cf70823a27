"""Properties of the engine that hold for every valid set of answers, on the mini rule set and
on the bundled one. Answers are drawn from each question's type, options and range, with
"don't know" and omissions."""

from __future__ import annotations

import copy
import json
import math

import msgspec
import pytest
from conftest import MINI
from hypothesis import given, note
from hypothesis import strategies as st

from spinout.engine import assess as assess_module
from spinout.engine.assess import assess
from spinout.engine.scoring import answer_points
from spinout.engine.visibility import visible_questions
from spinout.errors import RulesError
from spinout.ruleset.conditions import (
    AllCondition,
    AnswerCondition,
    AnyCondition,
    DimensionCondition,
    NotCondition,
)
from spinout.ruleset.loader import load_ruleset
from spinout.values import DONT_KNOW, is_number, same

# --- strategies --------------------------------------------------------------------------------


def real_values(q) -> st.SearchStrategy:
    """Valid real answers to ``q`` (not "don't know")."""
    if q.type == "yes_no":
        return st.booleans()
    if q.type == "multi":
        values = [o.value for o in q.options]
        return st.lists(st.sampled_from(range(len(values))), unique=True).map(
            lambda picked: [values[i] for i in picked])
    if q.options:
        return st.sampled_from([o.value for o in q.options])
    if q.type in ("number", "scale"):
        low = q.min if q.min is not None else -1e6
        high = q.max if q.max is not None else 1e6
        ints = st.integers(math.ceil(low), math.floor(high))
        return ints | st.floats(low, high, allow_nan=False, allow_infinity=False)
    return st.text(max_size=40)


def values_for(q) -> st.SearchStrategy:
    return real_values(q) | st.just(DONT_KNOW) if q.dont_know else real_values(q)


def answer_sets(rs) -> st.SearchStrategy:
    """Answer mappings for ``rs``: any subset of its questions, each with a valid value."""
    return st.fixed_dictionaries({}, optional={q.id: values_for(q) for q in rs.questions})


def _bundled():
    try:
        return load_ruleset(None)
    except RulesError as exc:
        return exc


MINI_RS = load_ruleset(MINI)
BUNDLED = _bundled()
RULE_SETS = {"mini": MINI_RS, "bundled": BUNDLED}
NAMES = [
    "mini",
    pytest.param("bundled", marks=pytest.mark.skipif(
        isinstance(BUNDLED, RulesError),
        reason="the bundled rule set does not load yet (its content is still being written)")),
]


def per_rule_set(test):
    """Run a property test on each rule set, drawing answers for that set."""
    @pytest.mark.parametrize("name", NAMES)
    @given(data=st.data())
    def run(name, data):
        rs = RULE_SETS[name]
        test(rs, data.draw(answer_sets(rs), label="answers"), data)

    run.__name__ = test.__name__
    run.__doc__ = test.__doc__
    return run


# --- a reference reading of conditions, written apart from the engine ---------------------------


def reference_holds(c, effective, scores) -> bool:
    if isinstance(c, AllCondition):
        return all(reference_holds(x, effective, scores) for x in c.all)
    if isinstance(c, AnyCondition):
        return any(reference_holds(x, effective, scores) for x in c.any)
    if isinstance(c, NotCondition):
        return not reference_holds(c.not_, effective, scores)
    if isinstance(c, DimensionCondition):
        s = scores[c.dimension]
        return s is not None and (s < c.below if c.below is not None else s >= c.at_least)
    assert isinstance(c, AnswerCondition)
    has = c.answer in effective
    v = effective.get(c.answer)
    if c.answered is not None:
        return has == c.answered
    if not has:
        return False
    if c.is_ is not None:
        return same(v, c.is_)
    if c.in_ is not None:
        return any(same(v, x) for x in c.in_)
    if c.includes is not None:
        return isinstance(v, list) and any(same(x, c.includes) for x in v)
    if not is_number(v):
        return False
    return v >= c.at_least if c.at_least is not None else v <= c.at_most


# --- the invariants ----------------------------------------------------------------------------


@per_rule_set
def test_scores_stay_within_range(rs, answers, data):
    a = assess(rs, answers)
    figures = [a.overall] + [d.score for d in a.dimensions]
    assert all(s is None or 0 <= s <= 100 for s in figures)
    assert all(0 <= c <= 1 for c in [a.confidence] + [d.confidence for d in a.dimensions])
    assert all(0 <= c.points <= 100 for d in a.dimensions for c in d.contributions)


@per_rule_set
def test_same_inputs_same_result_byte_for_byte(rs, answers, data):
    first = assess(rs, answers)
    again = assess(load_ruleset(MINI) if rs is MINI_RS else rs, copy.deepcopy(answers))
    assert repr(first) == repr(again)
    assert json.dumps(msgspec.to_builtins(first)) == json.dumps(msgspec.to_builtins(again))


@per_rule_set
def test_contributions_sum_to_the_score(rs, answers, data):
    a = assess(rs, answers)
    for d in a.dimensions:
        assert (d.score is None) == (d.contributions == ())
        if d.score is None:
            continue
        assert math.isclose(math.fsum(c.share for c in d.contributions), d.score,
                            rel_tol=1e-12, abs_tol=1e-9)
        weight = sum(c.weight for c in d.contributions)
        for c in d.contributions:
            q = rs.question(c.question)
            assert c.answer == answers[c.question]
            assert c.points == answer_points(q, c.answer)[d.id]
            assert math.isclose(c.share, c.weight * c.points / weight, abs_tol=1e-12)


@per_rule_set
def test_every_triggered_barrier_holds_on_the_answers(rs, answers, data):
    a = assess(rs, answers, actions=0)
    visible = {q.id for q in visible_questions(rs, answers)}
    effective = {k: v for k, v in answers.items() if k in visible and v != DONT_KNOW}
    scores = {d.id: d.score for d in a.dimensions}
    triggered = {b.id for b in a.barriers}
    for barrier in rs.barriers:
        assert (barrier.id in triggered) == reference_holds(barrier.when, effective, scores)
    for t in a.barriers:
        for e in t.evidence:
            expected = effective.get(e.ref) if e.kind == "answer" else scores[e.ref]
            assert e.value == expected


@per_rule_set
def test_dont_know_never_raises_confidence(rs, answers, data):
    answered = sorted(k for k, v in answers.items()
                      if v != DONT_KNOW and rs.question(k).dont_know)
    if not answered:
        return
    qid = data.draw(st.sampled_from(answered), label="turned to don't know")
    before = assess(rs, answers, actions=0)
    after = assess(rs, {**answers, qid: DONT_KNOW}, actions=0)
    assert after.confidence <= before.confidence + 1e-12
    for old, new in zip(before.dimensions, after.dimensions, strict=True):
        assert new.confidence <= old.confidence + 1e-12, old.id


@per_rule_set
def test_a_better_answer_never_lowers_its_dimension(rs, answers, data):
    """Raise one visible answer to a value worth at least as many points for one dimension it
    scores (options compared by their points for that dimension; numbers along the line), and
    that dimension's score does not fall. Only changes that leave the set of visible questions
    unchanged are compared: a change that shows or hides other questions changes which
    answers count, which is a different matter."""
    shown = [q for q in visible_questions(rs, answers)
             if q.dimensions and q.id in answers and answers[q.id] != DONT_KNOW]
    if not shown:
        return
    q = data.draw(st.sampled_from(shown), label="question")
    did = data.draw(st.sampled_from(q.dimensions), label="dimension")
    other = data.draw(real_values(q), label="other answer")
    low, high = sorted([answers[q.id], other], key=lambda v: answer_points(q, v)[did])
    first, second = {**answers, q.id: low}, {**answers, q.id: high}
    if [x.id for x in visible_questions(rs, first)] != [x.id for x in
                                                         visible_questions(rs, second)]:
        return
    note(f"{q.id}: {low!r} -> {high!r} for {did}")
    before = assess(rs, first, actions=0).dimension(did).score
    after = assess(rs, second, actions=0).dimension(did).score
    assert before is not None and after is not None
    assert after >= before


@per_rule_set
def test_next_actions_match_a_full_reassessment(rs, answers, data):
    """The quick way of trying answer changes gives exactly what assessing anew gives."""
    fast = assess(rs, answers)

    def slow_after(rs, answers, core, q, target):
        return assess_module._core(rs, {**answers, q.id: target})

    original = assess_module._after
    assess_module._after = slow_after
    try:
        slow = assess(rs, answers)
    finally:
        assess_module._after = original
    assert fast.next_actions == slow.next_actions
    for action in fast.next_actions:
        assert action.overall_gain > 0 or action.clears
        changed = assess(rs, {**answers, action.question: action.target}, actions=0)
        assert changed.overall == pytest.approx(fast.overall + action.overall_gain)
        assert set(action.clears) == ({b.id for b in fast.barriers}
                                      - {b.id for b in changed.barriers})


# --- the verdict follows the evidence (issue 13) ------------------------------------------------


def _level(rs, band):
    return [b.id for b in rs.bands.levels].index(band)


@per_rule_set
def test_the_band_lies_inside_its_range(rs, answers, data):
    a = assess(rs, answers, actions=0)
    r = a.reach
    assert _level(rs, r.low_band) <= _level(rs, a.band) <= _level(rs, r.high_band)
    if a.overall is not None:
        assert r.high is not None and a.overall <= r.high + 1e-9
        assert r.low is None or r.low <= a.overall + 1e-9
    if r.low_band == r.high_band:
        assert r.narrowing == ()


@per_rule_set
def test_answering_more_never_widens_the_range(rs, answers, data):
    open_questions = [q for q in rs.questions if not q.is_comment
                      and (q.id not in answers or answers[q.id] == DONT_KNOW)]
    if not open_questions:
        return
    q = data.draw(st.sampled_from(open_questions), label="question answered")
    value = data.draw(real_values(q), label="its answer")
    before = assess(rs, answers, actions=0).reach
    after = assess(rs, {**answers, q.id: value}, actions=0).reach
    assert _level(rs, after.low_band) >= _level(rs, before.low_band)
    assert _level(rs, after.high_band) <= _level(rs, before.high_band)
    if after.low is not None and before.low is not None:
        assert after.low >= before.low - 1e-9
    if before.high is not None and after.high is not None:
        assert after.high <= before.high + 1e-9


@per_rule_set
def test_provisional_exactly_when_confidence_is_below_the_threshold(rs, answers, data):
    a = assess(rs, answers, actions=0)
    assert a.provisional == (a.confidence < rs.bands.min_confidence)


@per_rule_set
def test_a_cap_is_always_named(rs, answers, data):
    from spinout.engine.scoring import cap_of

    a = assess(rs, answers, actions=0)
    raised = {b.id for b in a.barriers}
    assert (a.band != a.uncapped_band) == bool(a.capped_by)
    assert set(a.capped_by) <= raised
    for bid in a.capped_by:
        assert _level(rs, cap_of(rs, bid)) < _level(rs, a.uncapped_band)
    if a.capped_by:
        assert a.band == min((cap_of(rs, b) for b in a.capped_by), key=lambda x: _level(rs, x))


@per_rule_set
def test_no_next_action_touches_a_fact_question(rs, answers, data):
    a = assess(rs, answers)
    assert not [x.question for x in a.next_actions if rs.question(x.question).fact]
    for b in a.barriers:
        read = [e.ref for e in b.evidence if e.kind == "answer"]
        assert read, f"{b.id} is raised without an answer that speaks to it"
        assert b.facts == all(rs.question(q).fact for q in read)


@per_rule_set
def test_ties_rank_equal_and_ranks_follow_fit(rs, answers, data):
    a = assess(rs, answers, actions=0)
    open_forms = [f for f in a.legal_forms if not f.excluded]
    for f in open_forms:
        for g in open_forms:
            assert (f.rank == g.rank) == (f.fit == g.fit)
            assert (f.rank < g.rank) == (f.fit > g.fit)
    assert all(f.rank == len(open_forms) + 1 for f in a.legal_forms if f.excluded)
    if len({f.fit for f in open_forms}) <= 1:
        assert not a.forms.ranked
