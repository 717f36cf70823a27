"""Ranking legal forms by how well they fit the answers, and only on evidence."""

from __future__ import annotations

import math
from collections.abc import Mapping

from spinout.engine.result import FormFit, FormsVerdict, TriggeredBarrier
from spinout.engine.visibility import Applicability
from spinout.ruleset.model import RuleSet
from spinout.values import Answers


def rank(rs: RuleSet, effective: Answers, scores: Mapping[str, float | None],
         explain: bool = True) -> tuple[FormFit, ...]:
    """Forms not ruled out first, by fit (sum of the points of rules that hold), then in rule
    order; forms ruled out last (in the same order among themselves). Equal fits share a rank
    (1, 1, 3), and every form ruled out shares the rank after the open ones. Reasons keep rule
    order; without ``explain`` they are left out."""
    rows = []
    for order, (form, rules) in enumerate(zip(rs.legal_forms, rs.index.compiled.fits,
                                              strict=True)):
        held = [r for r, test in rules if test(effective, scores)]
        fit = math.fsum(r.points for r in held if not r.exclude)
        rows.append((order, form.id, fit,
                     tuple(r.reason for r in held if not r.exclude and r.points > 0),
                     tuple(r.reason for r in held if not r.exclude and r.points < 0),
                     tuple(r.reason for r in held if r.exclude)))
    rows.sort(key=lambda r: (bool(r[5]), -r[2], r[0]))
    open_count = sum(1 for r in rows if not r[5])
    found = []
    for _, fid, fit, pro, con, excl in rows:
        if excl:
            place = open_count + 1
        else:
            place = next(i for i, r in enumerate(rows, 1) if not r[5] and r[2] == fit)
        found.append(FormFit(fid, place, fit, bool(excl), pro, con, excl) if explain
                     else FormFit(fid, place, fit, bool(excl), (), (), ()))
    return tuple(found)


def verdict(rs: RuleSet, app: Applicability, fits: tuple[FormFit, ...],
            barriers: tuple[TriggeredBarrier, ...]) -> FormsVerdict:
    """Whether the forms may be shown as a ranking: not while a raised barrier rules a mutual
    out, nor while no answer separates the open forms (then the unanswered questions the fit
    rules read are the ones to answer). Raised barriers marking conflicting wishes are named."""
    ruled_out = tuple(b.id for b in barriers if rs.barrier(b.id).rules_out_mutual)
    conflicts = tuple(b.id for b in barriers if rs.barrier(b.id).conflict)
    open_fits = {f.fit for f in fits if not f.excluded}
    separated = len(open_fits) > 1
    questions: tuple[str, ...] = ()
    if not separated:
        read, visible = rs.index.form_reads, {q.id for q in app.visible}
        questions = tuple(q.id for q in rs.questions_in_order()
                          if q.id in read and (q.id in app.possible or q.id in visible)
                          and q.id not in app.effective)
    return FormsVerdict(separated and not ruled_out, ruled_out, questions, conflicts)
