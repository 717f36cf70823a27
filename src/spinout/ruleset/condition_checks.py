"""Checks on the rule set's conditions: each test names something that exists and fits the
question's type, question conditions neither loop nor read later questions, and barriers rest on
answers, not on a score alone."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from spinout.errors import Problem
from spinout.qtypes import Shape
from spinout.ruleset.conditions import (
    AllCondition,
    AnswerCondition,
    AnyCondition,
    DimensionCondition,
    NotCondition,
    walk,
)
from spinout.ruleset.locator import Locator, did_you_mean
from spinout.ruleset.model import Question, RuleSet
from spinout.values import is_number, show


def conditions_of(rs: RuleSet) -> Iterator[tuple[str, int, tuple[Any, ...], Any]]:
    """Every condition in the set: (kind, index, path to it, condition)."""
    for i, q in enumerate(rs.questions):
        if q.when is not None:
            yield "questions", i, ("when",), q.when
    for i, b in enumerate(rs.barriers):
        yield "barriers", i, ("when",), b.when
    for i, s in enumerate(rs.stages):
        for part in ("entry", "exit"):
            for j, crit in enumerate(getattr(s, part)):
                yield "stages", i, (part, j, "when"), crit.when
    for i, f in enumerate(rs.legal_forms):
        for j, rule in enumerate(f.fit):
            yield "legal_forms", i, ("fit", j, "when"), rule.when


def check_conditions(rs: RuleSet, at: Locator) -> Iterator[Problem]:
    questions = {q.id: q for q in rs.questions}
    dims = [d.id for d in rs.dimensions]
    for kind, i, base, condition in conditions_of(rs):
        for leaf, path in walk(condition):
            where = (*base, *path)
            if isinstance(leaf, DimensionCondition):
                if kind == "questions":
                    yield at(kind, i, (*where, "dimension"),
                             "a question's `when` cannot test a dimension score",
                             "test answers to earlier questions instead")
                elif leaf.dimension not in dims:
                    yield at(kind, i, (*where, "dimension"),
                             f"unknown dimension `{leaf.dimension}`",
                             did_you_mean(leaf.dimension, dims))
                continue
            q = questions.get(leaf.answer)
            if q is None:
                yield at(kind, i, (*where, "answer"), f"unknown question `{leaf.answer}`",
                         did_you_mean(leaf.answer, list(questions)))
                continue
            message = condition_type_error(q, leaf)
            if message:
                yield at(kind, i, (*where, leaf.test.rstrip("_")), message[0], message[1])


def condition_type_error(q: Question, leaf: AnswerCondition) -> tuple[str, str] | None:
    """Why a test does not fit the question's type, or None when it does."""
    test = leaf.test
    if test == "answered":
        return None
    if test in ("is_", "in_", "includes"):
        return _value_test_error(q, leaf, test)
    if not q.kind.numeric(q):
        return (f"`{test}` needs a number or numeric scale, and `{leaf.answer}` is {q.type}",
                "use `is`, `in` or `includes`")
    low, high = q.kind.bounds(q)
    bound = getattr(leaf, test)
    if (test == "at_least" and high is not None and bound > high) or (
            test == "at_most" and low is not None and bound < low):
        return (f"`{test}: {show(bound)}` can never hold: `{leaf.answer}` runs from "
                f"{show(low)} to {show(high)}", "use a number inside that range")
    return None


def _value_test_error(q: Question, leaf: AnswerCondition, test: str) -> tuple[str, str] | None:
    name = test.rstrip("_")
    several = q.kind.shape(q) is Shape.MULTI
    if test == "includes" and not several:
        return (f"`includes` is for multi questions, and `{leaf.answer}` is {q.type}",
                "use `is` or `in`")
    if test != "includes" and several:
        return (f"`{name}` cannot test a multi question (`{leaf.answer}`)",
                "use `includes` to test whether one option was chosen")
    allowed = q.kind.allowed_values(q)
    if allowed is None and q.kind.shape(q) is Shape.TEXT:
        return (f"`{leaf.answer}` is a text question; `{name}` cannot test its words",
                "use `answered` for text")
    wanted = leaf.in_ if test == "in_" else (getattr(leaf, test),)
    if not wanted:
        return "`in` needs at least one value", "list the values, e.g. `in: [a, b]`"
    for v in wanted:
        if allowed is not None and not any(type(v) is type(a) and v == a for a in allowed):
            shown = ", ".join(f"`{show(a)}`" for a in allowed)
            return f"`{show(v)}` is not an option of `{leaf.answer}`", f"use one of {shown}"
        if allowed is None:
            low, high = q.kind.bounds(q)
            if not is_number(v):
                return (f"`{show(v)}` is not a number, and `{leaf.answer}` is {q.type}",
                        "compare with a number, or use `at_least`/`at_most`")
            if (low is not None and v < low) or (high is not None and v > high):
                return (f"`{show(v)}` is outside the range of `{leaf.answer}` "
                        f"({show(low)} to {show(high)})", "use a number inside that range")
    return None


def _dependencies(rs: RuleSet) -> dict[str, list[str]]:
    """Each question's id -> the known questions its `when` reads, in order of mention."""
    known = {q.id for q in rs.questions}
    deps: dict[str, list[str]] = {}
    for q in rs.questions:
        refs = [leaf.answer for leaf, _ in walk(q.when) if isinstance(leaf, AnswerCondition)]
        deps[q.id] = [r for r in dict.fromkeys(refs) if r in known]
    return deps


def check_cycles(rs: RuleSet, at: Locator) -> Iterator[Problem]:
    """Loops among question conditions, found by an iterative depth-first search."""
    deps = _dependencies(rs)
    index = {q.id: i for i, q in enumerate(rs.questions)}
    state: dict[str, int] = {}
    for root in deps:
        if root in state:
            continue
        trail = [root]
        todo = [iter(deps[root])]
        state[root] = 1
        while todo:
            dep = next(todo[-1], None)
            if dep is None:
                state[trail.pop()] = 2
                todo.pop()
            elif state.get(dep) == 1:
                loop = [*trail[trail.index(dep):], dep]
                yield at("questions", index[trail[-1]], ("when",),
                         "question conditions form a loop (each depends on the next): "
                         + _loop_text(loop),
                         "make one of these questions depend only on earlier ones")
            elif dep not in state:
                state[dep] = 1
                trail.append(dep)
                todo.append(iter(deps[dep]))


def _loop_text(loop: list[str], shown: int = 8) -> str:
    if len(loop) <= shown:
        return " → ".join(loop)
    half = shown // 2
    return (" → ".join([*loop[:half], "…", *loop[-half:]])
            + f" ({len(loop) - 1} questions)")


def check_order(rs: RuleSet, at: Locator) -> Iterator[Problem]:
    """A question's `when` may only read questions asked before it."""
    deps = _dependencies(rs)
    index = {q.id: i for i, q in enumerate(rs.questions)}
    asked: set[str] = set()
    for q in rs.questions_in_order():
        for dep in deps[q.id]:
            if dep not in asked and dep != q.id:
                yield at("questions", index[q.id], ("when",),
                         f"`{q.id}` depends on `{dep}`, which is asked later",
                         f"move it after `{dep}`, or test an earlier question")
        asked.add(q.id)


def _on_scores_alone(condition: object, dimensions: bool) -> bool:
    """The condition's value with every answer test false and every dimension test
    ``dimensions``."""
    if isinstance(condition, AllCondition):
        return all(_on_scores_alone(c, dimensions) for c in condition.all)
    if isinstance(condition, AnyCondition):
        return any(_on_scores_alone(c, dimensions) for c in condition.any)
    if isinstance(condition, NotCondition):
        return not _on_scores_alone(condition.not_, dimensions)
    return dimensions if isinstance(condition, DimensionCondition) else False


def check_direct_evidence(rs: RuleSet, at: Locator) -> Iterator[Problem]:
    """A barrier is raised only by answers that speak to it, never by a score alone."""
    for i, b in enumerate(rs.barriers):
        if _on_scores_alone(b.when, True) and not _on_scores_alone(b.when, False):
            yield at("barriers", i, ("when",),
                     f"barrier `{b.id}` can be raised by a dimension score alone, with no "
                     "answer that speaks to it",
                     "test the answers it rests on, e.g. `all: [{answer: ...}, {dimension: "
                     "...}]`")
