"""Scores: points per answer, dimension scores with their explanation, overall and band."""

from __future__ import annotations

from collections.abc import Mapping

from spinout.engine.result import Contribution, DimensionScore
from spinout.engine.values import AnswerValue, is_number, is_real
from spinout.ruleset.model import Question, RuleSet


def answer_points(q: Question, value: AnswerValue) -> dict[str, float]:
    """Points 0–100 the answer gives each dimension the question scores ({} when it gives none)."""
    dims = q.dimensions
    if not dims or not is_real(value):
        return {}
    if q.linear:
        if not is_number(value):
            return {}
        span = (q.max or 0) - (q.min or 0)
        t = min(1.0, max(0.0, (float(value) - (q.min or 0)) / span)) if span else 1.0
        return {d: s.at_min + t * (s.at_max - s.at_min) for d, s in q.linear.items()}
    chosen = value if isinstance(value, list) else [value]
    points = dict.fromkeys(dims, 0.0)
    found = False
    for v in chosen:
        option = q.option(v)
        if option is None:
            continue
        found = True
        for d, pts in option.scores.items():
            points[d] = min(100.0, points[d] + pts)
    return points if found or isinstance(value, list) else {}


def dimension_scores(rs: RuleSet, visible: tuple[Question, ...],
                     effective: Mapping[str, AnswerValue],
                     given: Mapping[str, AnswerValue]) -> tuple[DimensionScore, ...]:
    """Weighted mean of answer points per dimension, with contributions and confidence."""
    per_dim: dict[str, list[tuple[Question, dict[str, float] | None]]] = {
        d.id: [] for d in rs.dimensions}
    for q in visible:
        points = answer_points(q, effective[q.id]) if q.id in effective else None
        for d in q.dimensions:
            per_dim[d].append((q, points if points else None))
    return tuple(_score(d.id, per_dim[d.id], given) for d in rs.dimensions)


def _score(did: str, entries: list[tuple[Question, dict[str, float] | None]],
           given: Mapping[str, AnswerValue]) -> DimensionScore:
    total = sum(q.weight for q, _ in entries)
    answered = [(q, p[did]) for q, p in entries if p is not None]
    known = sum(q.weight for q, _ in answered)
    unknowns = tuple(q.id for q, p in entries if p is None)
    if not answered:
        return DimensionScore(did, None, 0.0, (), unknowns)
    contributions = tuple(
        Contribution(q.id, given[q.id], pts, q.weight, q.weight * pts / known)
        for q, pts in answered
    )
    score = sum(c.share for c in contributions)
    return DimensionScore(did, score, known / total if total else 0.0, contributions, unknowns)


def overall(rs: RuleSet, dims: tuple[DimensionScore, ...]) -> tuple[float | None, float]:
    """(overall score, overall confidence) weighted by the dimensions' weights."""
    weights = {d.id: d.weight for d in rs.dimensions}
    scored = [(weights[d.id], d.score) for d in dims if d.score is not None]
    total_w = sum(weights.values())
    confidence = sum(weights[d.id] * d.confidence for d in dims) / total_w if total_w else 0.0
    if not scored:
        return None, confidence
    w = sum(x for x, _ in scored)
    return sum(x * s for x, s in scored) / w, confidence


def band_for(rs: RuleSet, score: float | None) -> str:
    levels = rs.bands.levels
    if score is None:
        return levels[0].id
    chosen = levels[0].id
    for level in levels:
        if score + 1e-9 >= level.min:
            chosen = level.id
    return chosen


def cap_band(rs: RuleSet, band: str, blockers: tuple[str, ...]) -> str:
    if not blockers:
        return band
    order = [b.id for b in rs.bands.levels]
    cap = rs.bands.blocker_cap
    return band if order.index(band) <= order.index(cap) else cap


def weakest(dims: tuple[DimensionScore, ...]) -> str | None:
    scored = [d for d in dims if d.score is not None]
    return min(scored, key=lambda d: d.score).id if scored else None  # type: ignore[arg-type,return-value]
