"""One respondent's assessment: the engine's entry point."""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Mapping
from fractions import Fraction
from functools import cached_property

from spinout.engine import barriers as barrier_rules
from spinout.engine import legal_forms, reach, scoring, stages
from spinout.engine.result import Assessment, NextAction, Unknown
from spinout.engine.visibility import Applicability, Overlay, answered_anew, applicability
from spinout.qtypes import answer_points
from spinout.record import Record
from spinout.ruleset.conditions import holds
from spinout.ruleset.index import worth
from spinout.ruleset.model import Barrier, Question, RuleSet
from spinout.values import Answers, AnswerValue, is_dont_know, same

DEFAULT_ACTIONS = 5
EPSILON = 1e-9


class _Figures(Record):
    """The figures next best actions compare: scores, barriers and band for one answer set."""

    effective: Mapping[str, AnswerValue]
    points: Mapping[str, scoring.Points]
    scores: dict[str, float | None]
    overall: float | None
    barrier_ids: frozenset[str]
    capping: tuple[str, ...]
    uncapped: str
    band: str


class _Core(_Figures, dict=True):
    """The figures with the questions that apply."""

    app: Applicability
    scored_by: Mapping[str, tuple[Question, ...]]

    @cached_property
    def exact_sums(self) -> dict[tuple[str, float], Fraction | None]:
        """The exact sums worked out so far (see :meth:`exact_sum`): a cache, not a field, so
        never compared or shown."""
        return {}

    @cached_property
    def weights(self) -> dict[str, tuple[float, bool]]:
        """Each dimension's weight, added up as :func:`scoring.dimension_value` adds it, and
        whether every question scoring it weighs a whole number (any sum of their weights is
        then exact, whatever the order)."""
        return {did: (sum(q.weight for q in questions if q.id in self.points),
                      all(q.weight.is_integer() for q in questions))
                for did, questions in self.scored_by.items()}

    def exact_sum(self, did: str, weight: float) -> Fraction | None:
        """The exact sum of the dimension's terms (each answer's weighted points over
        ``weight``), None when one is not finite."""
        key = (did, weight)
        if key not in self.exact_sums:
            terms = [q.weight * self.points[q.id][did] / weight for q in self.scored_by[did]
                     if q.id in self.points]
            finite = all(math.isfinite(t) for t in terms)
            self.exact_sums[key] = sum(map(Fraction, terms), Fraction(0)) if finite else None
        return self.exact_sums[key]


def _core(rs: RuleSet, answers: Answers, app: Applicability | None = None) -> _Core:
    """The figures for ``answers`` (whose applicability ``app`` is, when given)."""
    app = applicability(rs, answers) if app is None else app
    points = scoring.question_points(rs, app.visible, app.effective)
    by_dim = rs.index.scored_by
    scores = {d.id: scoring.dimension_value(d.id, by_dim[d.id], points) for d in rs.dimensions}
    ids = frozenset(b.id for b, raised, _ in rs.index.compiled.barriers
                    if raised(app.effective, scores))
    return _Core(app.effective, points, scores, *_band(rs, scores, ids), app, by_dim)


def _band(rs: RuleSet, scores: dict[str, float | None], barrier_ids: frozenset[str]
          ) -> tuple[float | None, frozenset[str], tuple[str, ...], str, str]:
    """The overall score, the barriers, those capping the band, the band uncapped and
    capped."""
    overall = scoring.overall_score(rs, scores)
    uncapped = scoring.band_for(rs, overall)
    band, capping = scoring.capped(rs, uncapped, barrier_ids)
    return overall, barrier_ids, capping, uncapped, band


def assess(rs: RuleSet, answers: Answers, actions: int = DEFAULT_ACTIONS,
           explain: bool = True, app: Applicability | None = None) -> Assessment:
    """Assess one respondent's answers against the rule set. Pure and deterministic: the same
    rule set and answers (in the same order) give an equal result. Without ``explain`` the
    explanations are left out (contributions, evidence, criteria, reasons and unknowns: what
    :func:`spinout.engine.group.essentials` leaves out) and never worked out. ``app`` is
    ``applicability(rs, answers)`` when the caller has it already."""
    core = _core(rs, answers, app)
    dims = scoring.dimension_scores(rs, core.app, core.points, answers,
                                    None if explain else core.scores)
    scores = core.scores
    visible_ids = core.app.visible_ids
    confidence = scoring.overall_confidence(rs, dims)
    raised = barrier_rules.triggered(rs, core.effective, scores, explain, core.barrier_ids)
    fits = legal_forms.rank(rs, core.effective, scores, explain)
    return Assessment(
        overall=core.overall,
        confidence=confidence,
        band=core.band,
        uncapped_band=core.uncapped,
        capped_by=core.capping,
        weakest=scoring.weakest(dims),
        dimensions=dims,
        barriers=raised,
        stage=stages.place(rs, core.app, scores, explain),
        legal_forms=fits,
        next_actions=next_actions(rs, answers, core, actions) if actions > 0 else (),
        unknowns=unknowns(answers, core.app) if explain else (),
        visible=tuple(q.id for q in core.app.visible),
        ignored=tuple(k for k in answers if k not in visible_ids and rs.has("questions", k)),
        reach=reach.reach(rs, core.app, core.points, scores),
        provisional=confidence < rs.bands.min_confidence,
        forms=legal_forms.verdict(rs, core.app, fits, raised),
    )


def unknowns(answers: Answers, app: Applicability) -> tuple[Unknown, ...]:
    """Visible questions (other than free text) without a real answer, in questionnaire
    order."""
    return tuple(
        Unknown(q.id, "dont_know" if is_dont_know(answers.get(q.id)) else "unanswered")
        for q in app.visible if not q.is_comment and q.id not in app.effective
    )


# --- next best actions -------------------------------------------------------------------------


def next_actions(rs: RuleSet, answers: Answers, core: _Core,
                 limit: int = DEFAULT_ACTIONS) -> tuple[NextAction, ...]:
    """The answer changes that would raise readiness most. Each better answer to each
    answered, scored question is tried (never a fact question: the group cannot change
    facts); a question's best change is kept when it raises the overall score or clears a
    barrier. Sorted by barriers cleared, then overall gain, then questionnaire order."""
    found = []
    for order, q in enumerate(core.app.visible):
        if q.id not in core.points or q.fact:
            continue
        best = None
        for target in better_answers(rs, q, core.effective[q.id]):
            after = _after(rs, answers, core, q, target)
            action = _compare(q, core, after, target)
            if action and (best is None or _key(action) > _key(best)):
                best = action
        if best:
            found.append((order, best))
    found.sort(key=lambda pair: (tuple(-x for x in _key(pair[1])), pair[0]))
    return tuple(a for _, a in found[:limit])


def _after(rs: RuleSet, answers: Answers, core: _Core, q: Question,
           target: AnswerValue) -> _Figures:
    """The figures with ``q`` answered ``target``. Only what the change reaches is worked out
    again: the questions whose condition reads a changed answer, the points of the answers
    that start or stop counting, the dimensions they score and the barriers whose tests on
    those answers or scores can turn out otherwise."""
    index = rs.index
    effective, moved = answered_anew(rs, answers, core.app, q.id, target)
    changed = (q.id, *moved)
    points = _points_after(rs, core, effective, changed)
    scores = dict(core.scores)
    for did in {d: None for m in changed for d in index.dims_of[m]}:
        scores[did] = _dimension_after(rs, core, did, points, changed)
    ids = set(core.barrier_ids)
    for b in _retest(rs, core, changed, scores):
        if holds(b.when, effective, scores):
            ids.add(b.id)
        else:
            ids.discard(b.id)
    return _Figures(effective, points, scores, *_band(rs, scores, frozenset(ids)))


def _points_after(rs: RuleSet, core: _Core, effective: Mapping[str, AnswerValue],
                  changed: tuple[str, ...]) -> Mapping[str, scoring.Points]:
    dims = rs.index.dims_of
    new: dict[str, scoring.Points] = {}
    gone: set[str] = set()
    for qid in changed:
        found = answer_points(rs.question(qid), effective[qid], dims[qid]) \
            if qid in effective and dims[qid] else None
        if found:
            new[qid] = found
        else:
            gone.add(qid)
    return Overlay(core.points, new, gone)


def _dimension_after(rs: RuleSet, core: _Core, did: str, points: Mapping[str, scoring.Points],
                     changed: tuple[str, ...]) -> float | None:
    """The dimension's score, as :func:`scoring.dimension_value` gives it, from the exact sum
    of its terms with the changed answers' terms replaced. When answers start or stop scoring
    it the weight changes, and with it every term: that sum is worked out once per weight
    (only for whole-number weights, whose sums are exact in any order)."""
    weigh = rs.question
    scoring_it = [m for m in changed if did in rs.index.dims_of[m]]
    gone = [m for m in scoring_it if m in core.points]
    came = [m for m in scoring_it if m in points]
    weight, whole = core.weights[did]
    if gone != came:
        weight += (sum(weigh(m).weight for m in came if m not in gone)
                   - sum(weigh(m).weight for m in gone if m not in came))
    total = core.exact_sum(did, weight) if weight and (whole or gone == came) else None
    if total is None:
        return scoring.dimension_value(did, rs.index.scored_by[did], points)
    old = [weigh(m).weight * core.points[m][did] / weight for m in gone]
    new = [weigh(m).weight * points[m][did] / weight for m in came]
    if not all(math.isfinite(t) for t in old + new):
        return scoring.dimension_value(did, rs.index.scored_by[did], points)
    total += sum(map(Fraction, new), Fraction(0)) - sum(map(Fraction, old), Fraction(0))
    return min(100.0, max(0.0, float(total)))


def _retest(rs: RuleSet, core: _Core, changed: tuple[str, ...],
            scores: Mapping[str, float | None]) -> list[Barrier]:
    """The barriers that may turn out otherwise: those reading a changed answer, and those
    testing a dimension whose score crossed the test's threshold."""
    index = rs.index
    found = {b.id: b for m in changed for b in index.answer_readers[m]}
    for did, tests in index.dimension_tests.items():
        old, new = core.scores.get(did), scores.get(did)
        if old == new:
            continue
        if old is not None and new is not None:
            low, high = min(old, new), max(old, new)
            tests = tests[bisect_right(tests, low, key=_first):
                          bisect_right(tests, high, key=_first)]
        found.update((bid, rs.barrier(bid)) for _, bid in tests)
    return list(found.values())


def _first(test: tuple[float, str]) -> float:
    return test[0]


def _key(a: NextAction) -> tuple[int, float]:
    return (len(a.clears), round(a.overall_gain, 6))


def _compare(q: Question, before: _Figures, after: _Figures,
             target: AnswerValue) -> NextAction | None:
    gain = (after.overall or 0.0) - (before.overall or 0.0)
    clears = tuple(b for b in before.barrier_ids if b not in after.barrier_ids)
    if gain <= EPSILON and not clears:
        return None
    old = before.scores
    dims = tuple((did, (score or 0.0) - (old[did] or 0.0)) for did, score in after.scores.items()
                 if abs((score or 0.0) - (old[did] or 0.0)) > EPSILON)
    current = before.effective[q.id]
    return NextAction(q.id, list(current) if isinstance(current, list) else current, target,
                      gain, dims, tuple(sorted(clears)), after.band)


def better_answers(rs: RuleSet, q: Question, current: AnswerValue) -> list[AnswerValue]:
    """Answers to ``q`` worth more than ``current``, by points weighted with the dimensions'
    weights, from the alternatives its type offers (each other option; for several choices,
    the current choice plus one more; for a number scored on a line, its two ends)."""
    index = rs.index
    dims, weights = index.dims_of[q.id], index.dimension_weights
    listed = index.option_worth[q.id]
    now = next((w for v, w in listed if same(v, current)), None)
    if now is None:
        now = worth(q, current, dims, weights)
    def value(v: AnswerValue) -> float:
        found = next((w for listed_value, w in listed if same(listed_value, v)), None)
        return worth(q, v, dims, weights) if found is None else found

    return [v for v in q.kind.alternatives(q, current) if value(v) > now + EPSILON]
