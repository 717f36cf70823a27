"""Ranking legal forms by how well they fit the answers, and only on evidence."""

from __future__ import annotations

import math
from collections.abc import Mapping

from spinout.engine.result import FormFit, FormsVerdict, TriggeredBarrier
from spinout.engine.visibility import Applicability
from spinout.ruleset.guidance import FitRule
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
        fit = math.fsum([r.points for r in held if not r.exclude])
        rows.append((any(r.exclude for r in held), fit, order, form.id, held))
    rows.sort(key=lambda row: (row[0], -row[1], row[2]))
    open_fits = [fit for excluded, fit, *_ in rows if not excluded]
    return tuple(
        FormFit(fid, len(open_fits) + 1 if excluded else open_fits.index(fit) + 1, fit,
                excluded, *(_reasons(held) if explain else ((), (), ())))
        for excluded, fit, _, fid, held in rows)


def _reasons(held: list[FitRule]) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """The reasons of the rules that hold: for the form, against it, and ruling it out."""
    return (tuple(r.reason for r in held if not r.exclude and r.points > 0),
            tuple(r.reason for r in held if not r.exclude and r.points < 0),
            tuple(r.reason for r in held if r.exclude))


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
