"""A report on one answers file stays linear in rule-set size (issue 12, point 9): the
next-action simulation re-evaluates only what a simulated answer reaches, and gives exactly
what assessing the changed answers afresh gives. Work is counted, never timed (the timings
are printed by benchmarks/bench_hostile.py)."""

from __future__ import annotations

import importlib.util
import random
from pathlib import Path

import pytest
from conftest import MINI
from hypothesis import given, settings
from hypothesis import strategies as st
from rule_items import condition
from test_invariants import answer_sets

from spinout.engine import assess as assess_module
from spinout.engine import visibility
from spinout.engine.assess import _after, _core, assess, better_answers
from spinout.record import replace
from spinout.ruleset.conditions import AllCondition, AnswerCondition
from spinout.ruleset.loader import load_ruleset

BENCH = Path(__file__).resolve().parent.parent / "benchmarks"


def _module(name: str):  # noqa: ANN202 - a module loaded from a path
    spec = importlib.util.spec_from_file_location(name, BENCH / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class Counter:
    """Wraps a function and counts its calls."""

    def __init__(self, function) -> None:  # noqa: ANN001
        self.function, self.calls = function, 0

    def __call__(self, *args, **kwargs):  # noqa: ANN002, ANN003, ANN204
        self.calls += 1
        return self.function(*args, **kwargs)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory):  # noqa: ANN201
    """bench_load's generated rule sets of 150, 300 and 600 questions, with seeded answers."""
    bench = _module("bench_load")
    engine = _module("bench_engine")
    found = {}
    for size in (150, 300, 600):
        rs = load_ruleset(bench.generate(tmp_path_factory.mktemp(f"q{size}"), size),
                          check_citations=False)
        found[size] = (rs, engine.random_answers(rs, random.Random(size)))
    return found


def _work(monkeypatch: pytest.MonkeyPatch, rs, answers) -> dict[str, int]:  # noqa: ANN001
    """How often one assessment runs the visibility pass, evaluates a condition and scores a
    question into a dimension."""
    passes = Counter(visibility.applicability)
    conditions = [Counter(visibility.holds), Counter(assess_module.holds)]
    monkeypatch.setattr(assess_module, "applicability", passes)
    monkeypatch.setattr(visibility, "holds", conditions[0])
    monkeypatch.setattr(assess_module, "holds", conditions[1])
    dimension_value = assess_module.scoring.dimension_value
    visits = [0]

    def counted(did, questions, points):  # noqa: ANN001, ANN202
        visits[0] += len(questions)
        return dimension_value(did, questions, points)

    monkeypatch.setattr(assess_module.scoring, "dimension_value", counted)
    result = assess(rs, answers)
    monkeypatch.undo()
    return {"passes": passes.calls, "conditions": sum(c.calls for c in conditions),
            "dimension visits": visits[0], "actions": len(result.next_actions)}


def test_one_visibility_pass_per_assessment_whatever_the_size(generated, monkeypatch) -> None:  # noqa: ANN001
    for rs, answers in generated.values():
        work = _work(monkeypatch, rs, answers)
        assert work["passes"] == 1
        assert work["actions"] == 5


def test_work_grows_linearly_with_the_rule_set(generated, monkeypatch) -> None:  # noqa: ANN001
    """Doubling the rule set at most a little more than doubles the conditions evaluated and
    the question scores read; a quadratic cost would quadruple them."""
    work = {size: _work(monkeypatch, rs, answers) for size, (rs, answers) in generated.items()}
    for small, big in ((150, 300), (300, 600)):
        for what in ("conditions", "dimension visits"):
            assert work[big][what] <= 2.6 * work[small][what], (what, work)


# --- the quick simulation equals assessing afresh, on random small rule sets ------------------

MINI_RS = load_ruleset(MINI)
COPIED = [q for q in MINI_RS.questions if q.dimensions]


@st.composite
def rule_sets(draw: st.DrawFn):  # noqa: ANN201
    """The mini rule set with up to eight more scored questions, each shown only when an
    answer to some other question (earlier, later or itself: a condition sees only the
    answers before it) passes a test, with random weights, and barriers testing answers and
    dimension scores at random thresholds."""
    questions = list(MINI_RS.questions)
    for i in range(draw(st.integers(1, 8))):
        model = draw(st.sampled_from(COPIED))
        qid = f"extra{i}"
        when = None
        if draw(st.booleans()):
            read = draw(st.sampled_from([q.id for q in questions] + [qid]))
            when = condition({"answer": read, "answered": draw(
                st.booleans())}) if draw(st.booleans()) else _test_on(draw, read, questions)
        weight = draw(st.sampled_from([0.5, 1.0, 1.5, 3.0, 0.1]))
        questions.append(replace(model, id=qid, when=when, weight=weight, fact=False))
    barriers = list(MINI_RS.barriers)
    template = barriers[0]
    dimensions = [d.id for d in MINI_RS.dimensions]
    for i in range(draw(st.integers(0, 6))):
        tests = [condition(
            {"dimension": draw(st.sampled_from(dimensions)),
             draw(st.sampled_from(["below", "at_least"])): draw(st.integers(0, 100))})]
        if draw(st.booleans()):
            tests.append(_test_on(draw, draw(st.sampled_from([q.id for q in questions])),
                                  questions))
        barriers.append(replace(template, id=f"extra_barrier{i}",
                                when=AllCondition(all=tuple(tests))))
    return replace(MINI_RS, questions=tuple(questions), barriers=tuple(barriers))


def _test_on(draw: st.DrawFn, qid: str, questions: list) -> AnswerCondition:
    q = next((q for q in questions if q.id == qid), None)
    if q is None or not q.options:
        return condition({"answer": qid, "at_least": draw(
            st.integers(0, 10))})
    value = draw(st.sampled_from([o.value for o in q.options]))
    key = "includes" if q.type == "multi" else "is"
    return condition({"answer": qid, key: value})


def _figures(f) -> tuple:  # noqa: ANN001
    return (f.overall, f.scores, f.barrier_ids, f.capping, f.uncapped, f.band)


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_every_simulated_answer_equals_assessing_afresh(data: st.DataObject) -> None:
    rs = data.draw(rule_sets(), label="rule set")
    answers = data.draw(answer_sets(rs), label="answers")
    core = _core(rs, answers)
    for q in core.app.visible:
        if q.id not in core.points or q.fact:
            continue
        for target in better_answers(rs, q, core.effective[q.id]):
            quick = _after(rs, answers, core, q, target)
            afresh = _core(rs, {**answers, q.id: target})
            assert _figures(quick) == _figures(afresh), (q.id, target)
            assert dict(quick.effective) == afresh.effective
            assert dict(quick.points) == afresh.points


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_next_actions_equal_the_straightforward_computation(data: st.DataObject) -> None:
    rs = data.draw(rule_sets(), label="rule set")
    answers = data.draw(answer_sets(rs), label="answers")
    quick = assess(rs, answers)
    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(assess_module, "_after",
                        lambda rs, answers, core, q, target: _core(rs, {**answers, q.id: target}))
        slow = assess(rs, answers)
    assert quick == slow
