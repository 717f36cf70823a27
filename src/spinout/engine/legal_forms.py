"""Ranking legal forms by how well they fit the answers."""

from __future__ import annotations

import math
from collections.abc import Mapping

from spinout.engine.result import FormFit
from spinout.ruleset.conditions import holds
from spinout.ruleset.model import RuleSet
from spinout.values import Answers


def rank(rs: RuleSet, effective: Answers,
         scores: Mapping[str, float | None]) -> tuple[FormFit, ...]:
    """Forms not ruled out first, by fit (sum of the points of rules that hold), then in rule
    order; forms ruled out last (in the same order among themselves). Reasons keep rule order."""
    rows = []
    for order, form in enumerate(rs.legal_forms):
        held = [r for r in form.fit if holds(r.when, effective, scores)]
        fit = math.fsum(r.points for r in held if not r.exclude)
        rows.append((order, form.id, fit,
                     tuple(r.reason for r in held if not r.exclude and r.points > 0),
                     tuple(r.reason for r in held if not r.exclude and r.points < 0),
                     tuple(r.reason for r in held if r.exclude)))
    rows.sort(key=lambda r: (bool(r[5]), -r[2], r[0]))
    return tuple(FormFit(fid, n, fit, bool(excl), pro, con, excl)
                 for n, (_, fid, fit, pro, con, excl) in enumerate(rows, 1))
