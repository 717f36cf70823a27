"""One respondent's assessment: the engine's entry point."""

from __future__ import annotations

from dataclasses import dataclass

from spinout.engine import barriers as barrier_rules
from spinout.engine import legal_forms, reach, scoring, stages
from spinout.engine.result import Assessment, NextAction, Unknown
from spinout.engine.visibility import Applicability, applicability
from spinout.qtypes import answer_points
from spinout.ruleset.conditions import holds
from spinout.ruleset.index import worth
from spinout.ruleset.model import Question, RuleSet
from spinout.values import Answers, AnswerValue, is_dont_know, same

DEFAULT_ACTIONS = 5
EPSILON = 1e-9


@dataclass(frozen=True)
class _Core:
    """The figures next best actions compare: scores, barriers and band for one answer set."""

    app: Applicability
    points: dict[str, scoring.Points]
    scores: dict[str, float | None]
    overall: float | None
    barrier_ids: frozenset[str]
    capping: tuple[str, ...]
    uncapped: str
    band: str

    @property
    def effective(self) -> dict[str, AnswerValue]:
        return self.app.effective


def _core(rs: RuleSet, answers: Answers, before: _Core | None = None,
          changed: str | None = None) -> _Core:
    """The figures for ``answers``. Given the figures ``before`` for the same answers except
    the one to ``changed``, points of questions visible both times are reused."""
    app = applicability(rs, answers)
    if before is None:
        points = scoring.question_points(rs, app.visible, app.effective)
    else:
        dims = rs.index.dims_of
        points = {}
        for q in app.visible:
            if q.id in before.points and q.id != changed:
                points[q.id] = before.points[q.id]
            elif q.id in app.effective and dims[q.id]:
                found = answer_points(q, app.effective[q.id], dims[q.id])
                if found:
                    points[q.id] = found
    by_dim = rs.index.scored_by
    scores = {d.id: scoring.dimension_value(d.id, by_dim[d.id], points) for d in rs.dimensions}
    ids = frozenset(b.id for b in rs.barriers if holds(b.when, app.effective, scores))
    return _finish(rs, app, points, scores, ids)


def _finish(rs: RuleSet, app: Applicability, points: dict[str, scoring.Points],
            scores: dict[str, float | None], barrier_ids: frozenset[str]) -> _Core:
    overall = scoring.overall_score(rs, scores)
    uncapped = scoring.band_for(rs, overall)
    band, capping = scoring.capped(rs, uncapped, barrier_ids)
    return _Core(app, points, scores, overall, barrier_ids, capping, uncapped, band)


def assess(rs: RuleSet, answers: Answers, actions: int = DEFAULT_ACTIONS) -> Assessment:
    """Assess one respondent's answers against the rule set. Pure and deterministic: the same
    rule set and answers (in the same order) give an equal result."""
    core = _core(rs, answers)
    dims = scoring.dimension_scores(rs, core.app, core.points, answers)
    scores = core.scores
    visible_ids = {q.id for q in core.app.visible}
    confidence = scoring.overall_confidence(rs, dims)
    raised = barrier_rules.triggered(rs, core.effective, scores)
    fits = legal_forms.rank(rs, core.effective, scores)
    return Assessment(
        overall=core.overall,
        confidence=confidence,
        band=core.band,
        uncapped_band=core.uncapped,
        capped_by=core.capping,
        weakest=scoring.weakest(dims),
        dimensions=dims,
        barriers=raised,
        stage=stages.place(rs, core.app, scores),
        legal_forms=fits,
        next_actions=next_actions(rs, answers, core, actions) if actions > 0 else (),
        unknowns=unknowns(answers, core.app),
        visible=tuple(q.id for q in core.app.visible),
        ignored=tuple(k for k in answers if k not in visible_ids and rs.has("questions", k)),
        reach=reach.reach(rs, core.app, core.points),
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
           target: AnswerValue) -> _Core:
    """The figures with ``q`` answered ``target``. When no question's condition reads ``q``,
    only ``q``'s dimensions and the barriers reading ``q`` or those dimensions can change, so
    only they are worked out again; otherwise all is, reusing the points of other answers."""
    index = rs.index
    if q.id in index.gates:
        return _core(rs, {**answers, q.id: target}, core, q.id)
    app = core.app
    effective = {**app.effective, q.id: target}
    app = Applicability(app.visible, effective, app.certain, app.possible)
    points = {**core.points}
    dims = index.dims_of[q.id]
    new_points = answer_points(q, target, dims)
    if new_points:
        points[q.id] = new_points
    else:
        points.pop(q.id, None)
    scores = dict(core.scores)
    for did in dims:
        scores[did] = scoring.dimension_value(did, index.scored_by[did], points)
    ids = set(core.barrier_ids)
    for b in index.readers[q.id]:
        if holds(b.when, effective, scores):
            ids.add(b.id)
        else:
            ids.discard(b.id)
    return _finish(rs, app, points, scores, frozenset(ids))


def _key(a: NextAction) -> tuple[int, float]:
    return (len(a.clears), round(a.overall_gain, 6))


def _compare(q: Question, before: _Core, after: _Core, target: AnswerValue) -> NextAction | None:
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
