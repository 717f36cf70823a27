"""How far the unknown answers could still move the verdict: the overall score and band with
every unknown at its worst and at its best.

Unknowns are visible questions without a real answer ("don't know" or unanswered) and
questions that may still apply because their condition reads an unknown answer. Each may end
up answered with any of its answers, or stay unknown.

A dimension's score is the weighted mean of the points of the answers that score it, so each
unknown question moves it on its own: the worst score adds, lowest points first, every unknown
whose fewest points lie below the mean so far (and the best likewise from the top). The
overall score is the weighted mean of the dimension scores, bounded the same way from the
dimensions' bounds. Dimensions are bounded apart, so a question that scores two of them may
take its worst in one and its best in the other: the range is never narrower than the truth.

A barrier that may still be raised caps the worst band; one raised whatever the unknowns are
caps the best band.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from operator import itemgetter

from spinout.engine import scoring
from spinout.engine.result import Reach
from spinout.engine.visibility import Applicability, Outside
from spinout.record import Record
from spinout.ruleset.conditions import DimensionCondition
from spinout.ruleset.model import RuleSet

NARROWING = 3
CAP_WEIGHT = 100.0


class Bound(Record):
    """A dimension's score at worst (``low``) and best (``high``), ``None`` when nothing can
    score it; ``optional`` when it may also end with no score at all."""

    low: float | None
    high: float | None
    optional: bool


def reach(rs: RuleSet, app: Applicability, points: Mapping[str, scoring.Points],
          scores: Mapping[str, float | None] | None = None) -> Reach:
    """The range the overall score and band could still reach, and the unknown questions
    whose answers would narrow it most. ``scores`` are the dimensions' scores, when known
    (a dimension no unknown can move stays at its score)."""
    fixed = set(app.effective)  # the visible questions with a real answer
    open_ids = (app.visible_ids | app.possible) - fixed
    bounds = {d.id: _bound(rs, d.id, points, open_ids, scores) for d in rs.dimensions}
    low, high = _overall(rs, bounds, True), _overall(rs, bounds, False)
    status = _barrier_status(rs, app, open_ids, bounds)
    low_band = scoring.capped(rs, scoring.band_for(rs, low),
                              (b for b, s in status.items() if s is not False))[0]
    high_band = scoring.capped(rs, scoring.band_for(rs, high),
                               (b for b, s in status.items() if s is True))[0]
    narrowing: tuple[str, ...] = ()
    if low_band != high_band:
        undecided = [b for b, s in status.items() if s is None and scoring.cap_of(rs, b)]
        narrowing = _narrowing(rs, app, fixed, bounds, undecided)
    return Reach(low, high, low_band, high_band, narrowing)


def _bound(rs: RuleSet, did: str, points: Mapping[str, scoring.Points],
           open_ids: frozenset[str] | set[str],
           scores: Mapping[str, float | None] | None) -> Bound:
    rows = rs.index.point_rows[did]
    spans = [(w, lo, hi) for qid, w, lo, hi in rows if qid in open_ids] if open_ids else []
    if not spans and scores is not None:  # a score is None only when no answer scores it
        score = scores[did]
        return Bound(score, score, score is None)
    fixed = [(w, points[qid][did]) for qid, w, _, _ in rows if qid in points]
    if not spans:
        score = _dimension_mean(fixed)
        return Bound(score, score, not fixed)
    low = _dimension_mean(choose(fixed, [(w, lo) for w, lo, _ in spans], lowest=True))
    high = _dimension_mean(choose(fixed, [(w, hi) for w, _, hi in spans], lowest=False))
    return Bound(low, high, not fixed)


def choose(fixed: list[tuple[float, float]], optional: list[tuple[float, float]],
           lowest: bool) -> list[tuple[float, float]]:
    """The (weight, value) pairs whose weighted mean is lowest (or highest): the ``fixed``
    ones with any of the ``optional`` ones (at least one of them when ``fixed`` is empty)."""
    sign = 1.0 if lowest else -1.0
    chosen = list(fixed)
    total = math.fsum([w * v for w, v in chosen])
    weight = sum([w for w, _ in chosen])
    for w, v in sorted(optional, key=itemgetter(1), reverse=not lowest):  # stable either way
        if weight and sign * v >= sign * total / weight:
            break
        chosen.append((w, v))
        total += w * v
        weight += w
    return chosen


def _dimension_mean(pairs: list[tuple[float, float]]) -> float | None:
    """Summed as :func:`scoring.dimension_value` sums."""
    weight = sum([w for w, _ in pairs])
    if not weight:
        return None
    return min(100.0, max(0.0, math.fsum([w * v / weight for w, v in pairs])))


def _overall(rs: RuleSet, bounds: Mapping[str, Bound], lowest: bool) -> float | None:
    """Summed as :func:`scoring.overall_score` sums; ``None`` for the worst when no dimension
    surely has a score (the answers may still give none)."""
    fixed: list[tuple[float, float]] = []
    optional: list[tuple[float, float]] = []
    for d in rs.dimensions:
        b = bounds[d.id]
        value = b.low if lowest else b.high
        if value is not None:
            (optional if b.optional else fixed).append((d.weight, value))
    if lowest and not fixed:
        return None
    pairs = choose(fixed, optional, lowest)
    weight = sum(w for w, _ in pairs)
    if not weight:
        return None
    return min(100.0, max(0.0, math.fsum(w * v for w, v in pairs) / weight))


def _barrier_status(rs: RuleSet, app: Applicability, open_ids: set[str] | frozenset[str],
                    bounds: Mapping[str, Bound]) -> dict[str, bool | None]:
    """Each barrier: raised whatever the unknowns are (True), never (False), or maybe."""
    settled = Outside(open_ids, app.effective)

    def dimension(c: DimensionCondition) -> bool | None:
        b = bounds[c.dimension]
        if b.low is None or b.high is None:
            return False
        if c.below is not None:
            sure, never = b.high < c.below, b.low >= c.below
        else:
            sure, never = b.low >= c.at_least, b.high < c.at_least  # type: ignore[operator]
        if never:
            return False
        return True if sure and not b.optional else None

    return {b.id: status(app.effective, settled, dimension)
            for b, _, status in rs.index.compiled.barriers}


def _narrowing(rs: RuleSet, app: Applicability, fixed: set[str],
               bounds: Mapping[str, Bound], undecided: list[str]) -> tuple[str, ...]:
    """Visible unknown questions ranked by how far one answer could move the overall score
    (its weight in each dimension it scores times its span of points), those read by a
    barrier that may still cap the band first."""
    index = rs.index
    total = sum(d.weight for d in rs.dimensions) or 1.0
    undecided_ids = set(undecided)
    weights = {d.id: sum(q.weight for q in index.scored_by[d.id] if q.id in fixed)
               for d in rs.dimensions}
    found = []
    for q in app.visible:
        if q.id in fixed or q.is_comment:
            continue
        capping = any(b.id in undecided_ids for b in index.answer_readers[q.id])
        swing = CAP_WEIGHT if capping else 0.0
        for did, (lo, hi) in index.point_range[q.id].items():
            share = q.weight / (weights[did] + q.weight)
            swing += index.dimension_weights[did] / total * share * (hi - lo)
        if swing > 0:
            found.append((-swing, index.rank[q.id], q.id))
    return tuple(qid for _, _, qid in sorted(found)[:NARROWING])
