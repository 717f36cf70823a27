"""Scores: points per answer, dimension scores with their explanation, overall and band.

A dimension's score is the weight-averaged points of the real answers to visible questions
that score it; each answer's share of that average is its contribution, so the shares add up
to the score. Confidence is the weight of questions that surely apply and have a real answer
over the weight of the questions that apply or may apply.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

from spinout.engine.result import Contribution, DimensionScore
from spinout.engine.visibility import Applicability
from spinout.qtypes import answer_points
from spinout.ruleset.model import Question, RuleSet
from spinout.values import AnswerValue

Points = dict[str, float]


def question_points(rs: RuleSet, visible: tuple[Question, ...],
                    effective: Mapping[str, AnswerValue]) -> dict[str, Points]:
    """Points of every visible, scored question with a real answer that scores (looked up
    in the question's points table when it has one)."""
    dims, tables = rs.index.dims_of, rs.index.points_tables
    found = {}
    for q in visible:
        qid = q.id
        if qid in effective and qid in tables:
            value, table = effective[qid], tables[qid]
            if table is None or isinstance(value, list):
                points = answer_points(q, value, dims[qid])
            else:
                points = table.get((value.__class__, value))  # type: ignore[assignment]
            if points:
                found[qid] = points
    return found


def dimension_scores(rs: RuleSet, app: Applicability, points: Mapping[str, Points],
                     given: Mapping[str, AnswerValue],
                     scores: Mapping[str, float | None] | None = None
                     ) -> tuple[DimensionScore, ...]:
    """Every dimension's score, confidence, contributions and unknowns, in rule order. Given
    ``scores`` (each dimension's :func:`dimension_value`), those, without explanations
    (no contributions or unknowns)."""
    by_dim = rs.index.scored_by
    if scores is not None:
        return tuple(DimensionScore(d.id, scores[d.id], _confidence(by_dim[d.id], app, points)[0],
                                    (), ()) for d in rs.dimensions)
    return tuple(dimension_score(d.id, by_dim[d.id], app, points, given) for d in rs.dimensions)


def dimension_score(did: str, questions: tuple[Question, ...], app: Applicability,
                    points: Mapping[str, Points],
                    given: Mapping[str, AnswerValue]) -> DimensionScore:
    """One dimension, explained: ``questions`` are those that score it."""
    confidence, unknowns = _confidence(questions, app, points)
    pairs = _pairs(did, questions, points)
    score = _mean(pairs)
    if score is None:
        return DimensionScore(did, None, confidence, (), tuple(unknowns))
    answered_weight = sum(q.weight for q, _ in pairs)
    contributions = tuple(
        Contribution(q.id, _copy(given[q.id]), pts, q.weight, q.weight * pts / answered_weight)
        for q, pts in pairs
    )
    return DimensionScore(did, score, confidence, contributions, tuple(unknowns))


def _confidence(questions: tuple[Question, ...], app: Applicability,
                points: Mapping[str, Points]) -> tuple[float, list[str]]:
    """The dimension's confidence, and the questions that may apply without points."""
    total = known = 0.0
    unknowns: list[str] = []
    for q in questions:
        if q.id not in app.possible:
            continue
        total += q.weight
        if q.id not in points:
            unknowns.append(q.id)
        elif q.id in app.certain:
            known += q.weight
    return (known / total if total else 0.0), unknowns


def dimension_value(did: str, questions: tuple[Question, ...],
                    points: Mapping[str, Points]) -> float | None:
    """The score alone, exactly as :func:`dimension_score` gives it."""
    return _mean(_pairs(did, questions, points))


def _pairs(did: str, questions: tuple[Question, ...],
           points: Mapping[str, Points]) -> list[tuple[Question, float]]:
    return [(q, points[q.id][did]) for q in questions if q.id in points]


def _mean(pairs: list[tuple[Question, float]]) -> float | None:
    if not pairs:
        return None
    weight = sum([q.weight for q, _ in pairs])
    return min(100.0, max(0.0, math.fsum([q.weight * pts / weight for q, pts in pairs])))


def _copy(value: AnswerValue) -> AnswerValue:
    return list(value) if isinstance(value, list) else value


def overall_score(rs: RuleSet, scores: Mapping[str, float | None]) -> float | None:
    """Mean of the dimension scores weighted by the dimensions' weights, leaving out the
    dimensions without a score (``None`` when none has one)."""
    scored = [(d.weight, scores[d.id]) for d in rs.dimensions if scores.get(d.id) is not None]
    if not scored:
        return None
    weight = sum(w for w, _ in scored)
    return min(100.0, max(0.0, math.fsum(w * s for w, s in scored) / weight))  # type: ignore[operator]


def overall_confidence(rs: RuleSet, dims: tuple[DimensionScore, ...]) -> float:
    """Mean of the dimensions' confidence weighted by their weights."""
    weights = {d.id: d.weight for d in rs.dimensions}
    total = sum(weights.values())
    return math.fsum(weights[d.id] * d.confidence for d in dims) / total if total else 0.0


def band_for(rs: RuleSet, score: float | None) -> str:
    """The highest band whose minimum the score reaches (the lowest band when unscored)."""
    levels = rs.bands.levels
    if score is None:
        return levels[0].id
    chosen = levels[0].id
    for level in levels:
        if score + 1e-9 >= level.min:
            chosen = level.id
    return chosen


def cap_of(rs: RuleSet, barrier_id: str) -> str | None:
    """The band a raised barrier caps the readiness band at: its own ``cap``, else the cap
    for its severity in ``bands.caps`` (None when it caps nothing)."""
    barrier = rs.barrier(barrier_id)
    return barrier.cap if barrier.cap is not None else rs.bands.cap_for(barrier.severity)


def capped(rs: RuleSet, band: str, barriers: Iterable[str]) -> tuple[str, tuple[str, ...]]:
    """The band lowered to the lowest cap of the raised ``barriers``, and the barriers whose
    cap lies below ``band`` (in rule order), which name what holds the band down."""
    index = rs.index
    top = lowest = index.band_level[band]
    holding = []
    for bid in barriers:
        cap = index.cap_level.get(bid)
        if cap is not None and cap < top:
            holding.append(bid)
            lowest = min(lowest, cap)
    if len(holding) > 1:
        order = [b.id for b in rs.barriers]
        holding.sort(key=order.index)
    return rs.bands.levels[lowest].id, tuple(holding)


def cap_band(rs: RuleSet, band: str, barriers: tuple[str, ...]) -> str:
    """The band, lowered to the lowest cap of the raised ``barriers``."""
    return capped(rs, band, barriers)[0]


def weakest(dims: tuple[DimensionScore, ...]) -> str | None:
    """The lowest-scoring dimension (the first in rule order on a tie)."""
    scored = [d for d in dims if d.score is not None]
    return min(scored, key=lambda d: d.score).id if scored else None  # type: ignore[arg-type,return-value]
