"""One respondent's assessment: the engine's entry point."""

from __future__ import annotations

from dataclasses import dataclass

from spinout.engine import barriers as barrier_rules
from spinout.engine import legal_forms, scoring, stages
from spinout.engine.result import Assessment, DimensionScore, NextAction, Unknown
from spinout.engine.values import DONT_KNOW, Answers, AnswerValue, is_number
from spinout.engine.visibility import real_answers, visible_questions
from spinout.ruleset.model import Question, RuleSet

DEFAULT_ACTIONS = 5


@dataclass(frozen=True)
class _Core:
    visible: tuple[Question, ...]
    effective: dict[str, AnswerValue]
    dimensions: tuple[DimensionScore, ...]
    overall: float | None
    confidence: float
    barrier_ids: frozenset[str]
    band: str

    @property
    def scores(self) -> dict[str, float | None]:
        return {d.id: d.score for d in self.dimensions}


def _core(rs: RuleSet, answers: Answers) -> tuple[_Core, tuple]:
    visible = visible_questions(rs, answers)
    real = real_answers(answers)
    effective = {q.id: real[q.id] for q in visible if q.id in real}
    dims = scoring.dimension_scores(rs, visible, effective, answers)
    overall, confidence = scoring.overall(rs, dims)
    scores = {d.id: d.score for d in dims}
    triggered = barrier_rules.triggered(rs, effective, scores)
    blockers = tuple(b.id for b in triggered if b.severity == "blocker")
    band = scoring.cap_band(rs, scoring.band_for(rs, overall), blockers)
    core = _Core(visible, effective, dims, overall, confidence,
                 frozenset(b.id for b in triggered), band)
    return core, triggered


def assess(rs: RuleSet, answers: Answers, actions: int = DEFAULT_ACTIONS) -> Assessment:
    """Assess one respondent's answers against the rule set. Pure and deterministic."""
    core, triggered = _core(rs, answers)
    scores = core.scores
    uncapped = scoring.band_for(rs, core.overall)
    blockers = tuple(b.id for b in triggered if b.severity == "blocker")
    visible_ids = {q.id for q in core.visible}
    return Assessment(
        overall=core.overall,
        confidence=core.confidence,
        band=core.band,
        uncapped_band=uncapped,
        capped_by=blockers if core.band != uncapped else (),
        weakest=scoring.weakest(core.dimensions),
        dimensions=core.dimensions,
        barriers=triggered,
        stage=stages.place(rs, core.effective, scores),
        legal_forms=legal_forms.rank(rs, core.effective, scores),
        next_actions=next_actions(rs, answers, core, actions),
        unknowns=tuple(
            Unknown(q.id, "dont_know" if answers.get(q.id) == DONT_KNOW else "unanswered")
            for q in core.visible if q.type != "text" and q.id not in core.effective
        ),
        visible=tuple(q.id for q in core.visible),
        ignored=tuple(k for k in answers if k not in visible_ids and rs.has("questions", k)),
    )


def next_actions(rs: RuleSet, answers: Answers, core: _Core, limit: int) -> tuple[NextAction, ...]:
    """The answer changes that would raise readiness most, found by trying each better answer
    to each scored question the respondent has answered."""
    found = []
    for order, q in enumerate(core.visible):
        if q.id not in core.effective or not q.dimensions:
            continue
        best = None
        for target in better_answers(rs, q, core.effective[q.id]):
            after, _ = _core(rs, {**answers, q.id: target})
            action = _compare(q, core, after, target)
            if action and (best is None or _key(action) > _key(best)):
                best = action
        if best:
            found.append((order, best))
    found.sort(key=lambda pair: (tuple(-x for x in _key(pair[1])), pair[0]))
    return tuple(a for _, a in found[:limit])


def _key(a: NextAction) -> tuple[int, float, int]:
    return (len(a.clears), round(a.overall_gain, 6), -len(str(a.target)))


def _compare(q: Question, before: _Core, after: _Core, target: AnswerValue) -> NextAction | None:
    gain = (after.overall or 0.0) - (before.overall or 0.0)
    clears = tuple(sorted(before.barrier_ids - after.barrier_ids))
    if gain <= 1e-9 and not clears:
        return None
    old = before.scores
    dims = tuple((d.id, (d.score or 0.0) - (old[d.id] or 0.0)) for d in after.dimensions
                 if abs((d.score or 0.0) - (old[d.id] or 0.0)) > 1e-9)
    return NextAction(q.id, before.effective[q.id], target, gain, dims, clears, after.band)


def better_answers(rs: RuleSet, q: Question, current: AnswerValue) -> list[AnswerValue]:
    """Answers to ``q`` that score higher than ``current`` (weighted by dimension weight)."""
    weights = {d.id: d.weight for d in rs.dimensions}

    def worth(value: AnswerValue) -> float:
        return sum(weights[d] * p for d, p in scoring.answer_points(q, value).items())

    now = worth(current)
    if q.linear:
        ends = [v for v in (q.min, q.max) if v is not None]
        candidates: list[AnswerValue] = [int(v) if float(v).is_integer() else v for v in ends]
    elif q.type == "multi":
        chosen = current if isinstance(current, list) else []
        candidates = [[*chosen, o.value] for o in q.options if o.value not in chosen]
    else:
        candidates = [o.value for o in q.options]
    return [c for c in candidates if worth(c) > now + 1e-9 and not (
        is_number(c) and is_number(current) and c == current)]
