"""One respondent's assessment: the engine's entry point."""

from __future__ import annotations

from dataclasses import dataclass

from spinout.engine import barriers as barrier_rules
from spinout.engine import legal_forms, scoring, stages
from spinout.engine.conditions import answer_refs, dimension_refs, holds
from spinout.engine.result import Assessment, NextAction, Unknown
from spinout.engine.values import DONT_KNOW, Answers, AnswerValue, is_number, same
from spinout.engine.visibility import Applicability, applicability, gates
from spinout.ruleset.model import Barrier, Question, RuleSet

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
    blockers: tuple[str, ...]
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
        dims = scoring.dimensions_of(rs)
        points = {}
        for q in app.visible:
            if q.id in before.points and q.id != changed:
                points[q.id] = before.points[q.id]
            elif q.id in app.effective and dims[q.id]:
                found = scoring.answer_points(q, app.effective[q.id], dims[q.id])
                if found:
                    points[q.id] = found
    by_dim = scoring.scored_by(rs)
    scores = {d.id: scoring.dimension_value(d.id, by_dim[d.id], points) for d in rs.dimensions}
    ids = frozenset(b.id for b in rs.barriers if holds(b.when, app.effective, scores))
    return _finish(rs, app, points, scores, ids)


def _finish(rs: RuleSet, app: Applicability, points: dict[str, scoring.Points],
            scores: dict[str, float | None], barrier_ids: frozenset[str]) -> _Core:
    overall = scoring.overall_score(rs, scores)
    blockers = tuple(b.id for b in rs.barriers if b.id in barrier_ids and b.severity == "blocker")
    band = scoring.cap_band(rs, scoring.band_for(rs, overall), blockers)
    return _Core(app, points, scores, overall, barrier_ids, blockers, band)


def assess(rs: RuleSet, answers: Answers, actions: int = DEFAULT_ACTIONS) -> Assessment:
    """Assess one respondent's answers against the rule set. Pure and deterministic: the same
    rule set and answers (in the same order) give an equal result."""
    core = _core(rs, answers)
    dims = scoring.dimension_scores(rs, core.app, core.points, answers)
    scores = core.scores
    uncapped = scoring.band_for(rs, core.overall)
    visible_ids = {q.id for q in core.app.visible}
    return Assessment(
        overall=core.overall,
        confidence=scoring.overall_confidence(rs, dims),
        band=core.band,
        uncapped_band=uncapped,
        capped_by=core.blockers if core.band != uncapped else (),
        weakest=scoring.weakest(dims),
        dimensions=dims,
        barriers=barrier_rules.triggered(rs, core.effective, scores),
        stage=stages.place(rs, core.effective, scores),
        legal_forms=legal_forms.rank(rs, core.effective, scores),
        next_actions=next_actions(rs, answers, core, actions) if actions > 0 else (),
        unknowns=unknowns(answers, core.app),
        visible=tuple(q.id for q in core.app.visible),
        ignored=tuple(k for k in answers if k not in visible_ids and rs.has("questions", k)),
    )


def unknowns(answers: Answers, app: Applicability) -> tuple[Unknown, ...]:
    """Visible questions (other than free text) without a real answer, in questionnaire
    order."""
    return tuple(
        Unknown(q.id, "dont_know" if _is_dont_know(answers.get(q.id)) else "unanswered")
        for q in app.visible if q.type != "text" and q.id not in app.effective
    )


def _is_dont_know(value: object) -> bool:
    return isinstance(value, str) and value == DONT_KNOW


# --- next best actions -------------------------------------------------------------------------


@dataclass(frozen=True)
class _Tables:
    """What next best actions look up for every candidate answer, built once per rule set."""

    dims: dict[str, tuple[str, ...]]
    scored_by: dict[str, tuple[Question, ...]]
    gates: frozenset[str]
    readers: dict[str, tuple[Barrier, ...]]
    option_worth: dict[str, tuple[tuple[AnswerValue, float], ...]]
    weights: dict[str, float]


def _tables(rs: RuleSet) -> _Tables:
    cache = rs._cache
    if "engine.tables" not in cache:
        dims = scoring.dimensions_of(rs)
        weights = {d.id: d.weight for d in rs.dimensions}
        readers = {q.id: tuple(b for b in rs.barriers if q.id in answer_refs(b.when)
                               or set(dims[q.id]).intersection(dimension_refs(b.when)))
                   for q in rs.questions}
        option_worth = {
            q.id: tuple((o.value, _worth(q, o.value, dims[q.id], weights)) for o in q.options)
            for q in rs.questions if q.type != "multi"
        }
        cache["engine.tables"] = _Tables(dims, scoring.scored_by(rs), gates(rs), readers,
                                         option_worth, weights)
    return cache["engine.tables"]


def _worth(q: Question, value: AnswerValue, dims: tuple[str, ...],
           weights: dict[str, float]) -> float:
    return sum(weights[d] * p for d, p in scoring.answer_points(q, value, dims).items())


def next_actions(rs: RuleSet, answers: Answers, core: _Core,
                 limit: int = DEFAULT_ACTIONS) -> tuple[NextAction, ...]:
    """The answer changes that would raise readiness most. Each better answer to each
    answered, scored question is tried; a question's best change is kept when it raises the
    overall score or clears a barrier. Sorted by barriers cleared, then overall gain, then
    questionnaire order."""
    tables = _tables(rs)
    found = []
    for order, q in enumerate(core.app.visible):
        if q.id not in core.points:
            continue
        best = None
        for target in better_answers(rs, q, core.effective[q.id]):
            after = _after(rs, tables, answers, core, q, target)
            action = _compare(q, core, after, target)
            if action and (best is None or _key(action) > _key(best)):
                best = action
        if best:
            found.append((order, best))
    found.sort(key=lambda pair: (tuple(-x for x in _key(pair[1])), pair[0]))
    return tuple(a for _, a in found[:limit])


def _after(rs: RuleSet, tables: _Tables, answers: Answers, core: _Core, q: Question,
           target: AnswerValue) -> _Core:
    """The figures with ``q`` answered ``target``. When no question's condition reads ``q``,
    only ``q``'s dimensions and the barriers reading ``q`` or those dimensions can change, so
    only they are worked out again; otherwise all is, reusing the points of other answers."""
    if q.id in tables.gates:
        return _core(rs, {**answers, q.id: target}, core, q.id)
    app = core.app
    effective = {**app.effective, q.id: target}
    app = Applicability(app.visible, effective, app.certain, app.possible)
    points = {**core.points}
    dims = tables.dims[q.id]
    new_points = scoring.answer_points(q, target, dims)
    if new_points:
        points[q.id] = new_points
    else:
        points.pop(q.id, None)
    scores = dict(core.scores)
    for did in dims:
        scores[did] = scoring.dimension_value(did, tables.scored_by[did], points)
    ids = set(core.barrier_ids)
    for b in tables.readers[q.id]:
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
    weights: each other option; for multi, the current choice plus one more option; for a
    linearly scored number or scale, its two ends."""
    tables = _tables(rs)
    dims, weights = tables.dims[q.id], tables.weights
    listed = tables.option_worth.get(q.id, ())
    now = next((w for v, w in listed if same(v, current)), None)
    if now is None:
        now = _worth(q, current, dims, weights)
    if q.linear:
        ends = [v for v in (q.min, q.max) if v is not None]
        found: list[AnswerValue] = [int(v) if float(v).is_integer() else v for v in ends]
        return [v for v in found if _worth(q, v, dims, weights) > now + EPSILON
                and not (is_number(current) and v == current)]
    if q.type == "multi":
        chosen = current if isinstance(current, list) else []
        found = [[*chosen, o.value] for o in q.options
                 if not any(same(o.value, c) for c in chosen)]
        return [v for v in found if _worth(q, v, dims, weights) > now + EPSILON]
    return [v for v, w in listed if w > now + EPSILON]
