"""Placing the group on the staged journey."""

from __future__ import annotations

from collections.abc import Mapping

from spinout.engine.result import CriterionStatus, StagePlacement
from spinout.ruleset.conditions import holds
from spinout.ruleset.model import RuleSet
from spinout.values import Answers


def place(rs: RuleSet, effective: Answers,
          scores: Mapping[str, float | None]) -> StagePlacement:
    """The current stage is the first whose exit criteria are not all met; a stage whose entry
    criteria are unmet cannot be entered, so the group stays at the stage before it."""
    def status(stage_id: str, kind: str, crit: object) -> CriterionStatus:
        return CriterionStatus(stage_id, kind, crit.label, holds(crit.when, effective, scores))  # type: ignore[attr-defined]

    stages = rs.stages
    for i, stage in enumerate(stages):
        entry = tuple(status(stage.id, "entry", c) for c in stage.entry)
        if i > 0 and not all(c.met for c in entry):
            prev = stages[i - 1]
            exits = tuple(status(prev.id, "exit", c) for c in prev.exit)
            return _placement(rs, i - 1, False, exits + entry)
        exits = tuple(status(stage.id, "exit", c) for c in stage.exit)
        if not all(c.met for c in exits):
            return _placement(rs, i, False, entry + exits)
    last = stages[-1]
    return _placement(rs, len(stages) - 1, True,
                      tuple(status(last.id, "exit", c) for c in last.exit))


def _placement(rs: RuleSet, index: int, complete: bool,
               criteria: tuple[CriterionStatus, ...]) -> StagePlacement:
    statuses = tuple(
        (s.id, "done" if i < index or (complete and i == index) else
         "current" if i == index else "ahead")
        for i, s in enumerate(rs.stages)
    )
    return StagePlacement(rs.stages[index].id, index, complete, criteria, statuses)
