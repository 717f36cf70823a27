"""Placing the group on the staged journey, on the evidence of every stage.

Each criterion is met, not met or unknown (it reads an answer not known yet). A stage's
``reached`` criteria are evidence that the group has got at least that far, whatever is
unknown about earlier stages; from the furthest stage reached the group moves on past every
stage whose exit criteria are all met (unless the next stage's entry is not met). That is the
lowest stage the evidence allows. The highest is as far as stages whose exit criteria are met
or unknown (and whose next entry is not unmet) lead: when the two differ the group is "between
stage X and stage Y", and the unknown criteria between them would settle it.
"""

from __future__ import annotations

from collections.abc import Mapping

from spinout.engine.result import CriterionStatus, StagePlacement
from spinout.engine.visibility import Applicability, Outside
from spinout.ruleset.conditions import DimensionCondition, holds, maybe
from spinout.ruleset.model import Criterion, RuleSet, Stage


def place(rs: RuleSet, app: Applicability,
          scores: Mapping[str, float | None]) -> StagePlacement:
    """The stages the evidence allows, with every criterion's status."""
    settled = Outside(app.possible)

    def status(stage: Stage, kind: str, crit: Criterion) -> CriterionStatus:
        met = maybe(crit.when, app.effective, settled, lambda c: _dimension(c, scores))
        return CriterionStatus(stage.id, kind, crit.label, met)

    stages = rs.stages
    exits = [tuple(status(s, "exit", c) for c in s.exit) for s in stages]
    entries = [tuple(status(s, "entry", c) for c in s.entry) for s in stages]
    reached = [any(status(s, "reached", c).met is True for c in s.reached) for s in stages]
    low = max((i for i, r in enumerate(reached) if r), default=0)
    while low < len(stages) and all(c.met is True for c in exits[low]) and (
            low + 1 == len(stages) or all(c.met is not False for c in entries[low + 1])):
        low += 1
    complete = low == len(stages)
    low = min(low, len(stages) - 1)
    high = low
    while not complete and high + 1 < len(stages) and all(
            c.met is not False for c in exits[high] + entries[high + 1]):
        high += 1
    criteria = tuple(c for i in range(len(stages)) for c in entries[i] + exits[i]
                     if i <= high and (i >= low or c.met is not True))
    if high + 1 < len(stages) and all(c.met is True for c in exits[high]):
        criteria += entries[high + 1]  # met exits, held back by the next stage's entry
    return StagePlacement(stages[low].id, low, complete, criteria,
                          _statuses(rs, low, high, complete), high, stages[low].running)


def _dimension(c: DimensionCondition, scores: Mapping[str, float | None]) -> bool:
    return holds(c, {}, scores)


def _statuses(rs: RuleSet, low: int, high: int, complete: bool) -> tuple[tuple[str, str], ...]:
    return tuple(
        (s.id, "done" if i < low or (complete and i == low) else "current" if i == low else
         "possible" if i <= high else "ahead")
        for i, s in enumerate(rs.stages))
