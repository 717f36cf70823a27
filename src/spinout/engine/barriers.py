"""Barriers triggered by the answers and scores, with the evidence behind each."""

from __future__ import annotations

from collections.abc import Container, Mapping

from spinout.engine.result import Evidence, TriggeredBarrier
from spinout.ruleset.conditions import AnswerCondition, reasons
from spinout.ruleset.model import SEVERITIES, Barrier, RuleSet
from spinout.values import Answers

RANK: dict[str, int] = {s: i for i, s in enumerate(SEVERITIES)}


def triggered(rs: RuleSet, effective: Answers, scores: Mapping[str, float | None],
              explain: bool = True, raised: Container[str] | None = None
              ) -> tuple[TriggeredBarrier, ...]:
    """Triggered barriers, blockers first, then major, then minor; rule order within (their
    evidence left out unless ``explain``). ``raised`` holds the ids of the barriers whose
    condition holds, when the caller knows them already."""
    found = []
    for b, holds, _ in rs.index.compiled.barriers:
        if b.id in raised if raised is not None else holds(effective, scores):
            if explain:
                shown = evidence(b, effective, scores)
                answers = [e.ref for e in shown if e.kind == "answer"]
            else:
                shown = ()
                answers = [leaf.answer for leaf in reasons(b.when, effective, scores)
                           if isinstance(leaf, AnswerCondition)]
            facts = bool(answers) and all(rs.question(q).fact for q in answers)
            found.append(TriggeredBarrier(b.id, b.severity, shown, facts))
    return tuple(sorted(found, key=lambda t: RANK[t.severity]))


def evidence(barrier: Barrier, effective: Answers,
             scores: Mapping[str, float | None]) -> tuple[Evidence, ...]:
    """The answers and dimension scores that make the barrier's condition hold, each once,
    answers first (``None`` for an answer that is unknown)."""
    answers: dict[str, Evidence] = {}
    dims: dict[str, Evidence] = {}
    for leaf in reasons(barrier.when, effective, scores):
        if isinstance(leaf, AnswerCondition):
            value = effective.get(leaf.answer)
            answers.setdefault(leaf.answer, Evidence(
                "answer", leaf.answer, list(value) if isinstance(value, list) else value))
        else:
            dims.setdefault(leaf.dimension, Evidence("dimension", leaf.dimension,
                                                     scores.get(leaf.dimension)))
    return (*answers.values(), *dims.values())
