"""Barriers triggered by the answers and scores, with the evidence behind each."""

from __future__ import annotations

from collections.abc import Mapping

from spinout.engine.conditions import answer_refs, dimension_refs, holds
from spinout.engine.result import Evidence, TriggeredBarrier
from spinout.ruleset.model import SEVERITIES, RuleSet


def triggered(rs: RuleSet, effective: Mapping[str, object],
              scores: Mapping[str, float | None]) -> tuple[TriggeredBarrier, ...]:
    """Triggered barriers, blockers first, then in rule order."""
    found = []
    for b in rs.barriers:
        if holds(b.when, effective, scores):
            found.append(TriggeredBarrier(b.id, b.severity, _evidence(b.when, effective, scores)))
    rank = {s: i for i, s in enumerate(SEVERITIES)}
    return tuple(sorted(found, key=lambda t: rank[t.severity]))


def _evidence(condition: object, effective: Mapping[str, object],
              scores: Mapping[str, float | None]) -> tuple[Evidence, ...]:
    answers = tuple(Evidence("answer", q, effective[q])  # type: ignore[arg-type]
                    for q in answer_refs(condition) if q in effective)
    dims = tuple(Evidence("dimension", d, scores.get(d)) for d in dimension_refs(condition))
    return answers + dims
