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
from spinout.ruleset.conditions import DimensionCondition, holds
from spinout.ruleset.conditions.compiled import Maybe
from spinout.ruleset.model import RuleSet, Stage


def place(rs: RuleSet, app: Applicability, scores: Mapping[str, float | None],
          explain: bool = True) -> StagePlacement:
    """The stages the evidence allows, with every criterion's status (unless not
    ``explain``)."""
    settled = Outside(app.possible)

    def dimension(c: DimensionCondition) -> bool:
        return _dimension(c, scores)

    def met(readings: tuple[Maybe, ...]) -> tuple[bool | None, ...]:
        return tuple(m(app.effective, settled, dimension) for m in readings)

    stages, compiled = rs.stages, rs.index.compiled.criteria
    entries = [met(c[0]) for c in compiled]
    exits = [met(c[1]) for c in compiled]
    low = max((i for i, c in enumerate(compiled) if True in met(c[2])), default=0)
    while low < len(stages) and all(m is True for m in exits[low]) and (
            low + 1 == len(stages) or False not in entries[low + 1]):
        low += 1
    complete = low == len(stages)
    low = min(low, len(stages) - 1)
    high = low
    while (not complete and high + 1 < len(stages)
           and False not in exits[high] + entries[high + 1]):
        high += 1
    if not explain:
        return StagePlacement(stages[low].id, low, complete, (), (), high, stages[low].running)
    criteria = _criteria(_statuses_of(stages, "entry", entries),
                         _statuses_of(stages, "exit", exits), low, high)
    return StagePlacement(stages[low].id, low, complete, criteria,
                          _statuses(rs, low, high, complete), high, stages[low].running)


def _statuses_of(stages: tuple[Stage, ...], kind: str,
                 mets: list[tuple[bool | None, ...]]) -> list[tuple[CriterionStatus, ...]]:
    """Each stage's criteria of ``kind`` with whether each is met."""
    return [tuple(CriterionStatus(s.id, kind, c.label, m)
                  for c, m in zip(getattr(s, kind), found, strict=True))
            for s, found in zip(stages, mets, strict=True)]


def _criteria(entries: list[tuple[CriterionStatus, ...]], exits: list[tuple[CriterionStatus, ...]],
              low: int, high: int) -> tuple[CriterionStatus, ...]:
    """The criteria that explain the placing: those from the lowest stage to the highest,
    the unmet ones before, and the next stage's entry when it holds the group back."""
    criteria = tuple(c for i in range(len(exits)) for c in entries[i] + exits[i]
                     if i <= high and (i >= low or c.met is not True))
    if high + 1 < len(exits) and all(c.met is True for c in exits[high]):
        criteria += entries[high + 1]  # met exits, held back by the next stage's entry
    return criteria


def _dimension(c: DimensionCondition, scores: Mapping[str, float | None]) -> bool:
    return holds(c, {}, scores)


def _statuses(rs: RuleSet, low: int, high: int, complete: bool) -> tuple[tuple[str, str], ...]:
    return tuple(
        (s.id, "done" if i < low or (complete and i == low) else "current" if i == low else
         "possible" if i <= high else "ahead")
        for i, s in enumerate(rs.stages))
