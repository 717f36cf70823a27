"""The bundled guidance's shape: enough questions, barriers, stages and legal forms; every
dimension asked about; every barrier, stage and legal form reachable by some answers; every
source used. Answers are found by solving the rules' conditions, not by luck."""

from __future__ import annotations

import itertools
from collections import Counter

import pytest

from spinout.engine.assess import assess
from spinout.engine.scoring import answer_points
from spinout.errors import RulesError
from spinout.ruleset.conditions import (
    AllCondition,
    AnswerCondition,
    AnyCondition,
    DimensionCondition,
    NotCondition,
)
from spinout.ruleset.loader import load_ruleset

try:
    RS = load_ruleset(None)
except RulesError as exc:  # pragma: no cover - while the content is being written
    RS = None
    REASON = f"the bundled rule set does not load yet: {exc.problems[0]}"
else:
    REASON = ""

pytestmark = pytest.mark.skipif(RS is None, reason=REASON or "bundled rule set loads")
UNANSWERED = object()
KINDS = ("dimensions", "questions", "barriers", "stages", "legal_forms")


# --- a small solver over condition trees --------------------------------------------------------


def merge(a: dict, b: dict) -> dict | None:
    """Two partial answer sets together, or None when they disagree."""
    for key in a.keys() & b.keys():
        if a[key] is not b[key] and a[key] != b[key]:
            return None
    return {**a, **b}


def product(groups: list[list[dict]], limit: int = 200) -> list[dict]:
    found = [{}]
    for group in groups:
        found = [m for x, y in itertools.product(found, group) if (m := merge(x, y)) is not None]
        found = found[:limit]
    return found


def numbers(q) -> list:
    """Option values, or the ends and middle of a range plus every threshold tested on it."""
    if q.options:
        return [o.value for o in q.options]
    low = q.min if q.min is not None else 0
    high = q.max if q.max is not None else low + 100
    marks = {low, high, (low + high) / 2}
    for c in conditions_on(q.id):
        for t in (c.at_least, c.at_most):
            if t is not None:
                marks.update(v for v in (t - 1, t, t + 1) if low <= v <= high)
    return sorted(marks)


def conditions_on(qid: str) -> list[AnswerCondition]:
    from spinout.ruleset.checks import conditions_of
    from spinout.ruleset.conditions import walk

    return [x for *_, c in conditions_of(RS) for x, _ in walk(c)
            if isinstance(x, AnswerCondition) and x.answer == qid]


def leaf(c: AnswerCondition, want: bool) -> list[dict]:
    """Partial answers that make one answer test come out ``want``."""
    q = RS.question(c.answer)
    if c.answered is not None:
        value = {q.id: [q.options[0].value]} if q.type == "multi" else {q.id: first_value(q)}
        return [value] if c.answered == want else [{q.id: UNANSWERED}]
    found = [{q.id: v} for v in values_of(q) if satisfies(c, v) == want]
    return found + ([] if want else [{q.id: UNANSWERED}])


def values_of(q) -> list:
    if q.type == "multi":
        return [[]] + [[o.value] for o in q.options]
    if q.type == "text":
        return ["Some words."]
    return numbers(q)


def satisfies(c: AnswerCondition, value) -> bool:
    from spinout.ruleset.conditions import holds

    return holds(c, {c.answer: value})


def first_value(q):
    if q.options:
        return q.options[0].value
    if q.type == "text":
        return "Some words."
    return numbers(q)[0]


def extreme(q, did: str, best: bool):
    """The answer to ``q`` giving dimension ``did`` most (or fewest) points."""
    if q.type == "multi":
        values = [[o.value for o in q.options], []]
    else:
        values = numbers(q) if not q.options else [o.value for o in q.options]
    return (max if best else min)(values, key=lambda v: answer_points(q, v).get(did, 0))


def solve(c, want: bool = True) -> list[dict]:
    """Alternative partial answer sets under which ``c`` should come out ``want``."""
    if isinstance(c, NotCondition):
        return solve(c.not_, not want)
    if isinstance(c, AllCondition | AnyCondition):
        parts = c.all if isinstance(c, AllCondition) else c.any
        if isinstance(c, AllCondition) == want:
            return product([solve(p, want) for p in parts])
        return [s for p in parts for s in solve(p, want)]
    if isinstance(c, DimensionCondition):
        best = (c.at_least is not None) == want
        return [{q.id: extreme(q, c.dimension, best) for q in RS.questions
                 if c.dimension in q.dimensions}]
    return leaf(c, want)


def with_gates(partial: dict) -> list[dict]:
    """``partial`` plus answers that make each answered question visible."""
    found = [partial]
    for qid, value in partial.items():
        q = RS.question(qid)
        if value is UNANSWERED or q.when is None:
            continue
        found = product([found, [g for s in solve(q.when) for g in with_gates(s)]])
    return found


def answer_sets(c, want: bool = True) -> list[dict]:
    """Full answer mappings (unlisted questions left unanswered) to try for ``c``."""
    found = []
    for partial in solve(c, want):
        for full in with_gates(partial):
            found.append({k: v for k, v in full.items() if v is not UNANSWERED})
    return found


def all_of(*conditions) -> AllCondition:
    return AllCondition(all=tuple(conditions))


# --- counts and citations ----------------------------------------------------------------------


def test_sizes():
    assert len(RS.questions) >= 50
    assert len(RS.barriers) >= 20
    assert len(RS.stages) == 7
    assert [s.id for s in RS.stages if s.running] == ["sustain"]
    assert len(RS.legal_forms) >= 8
    assert len(RS.glossary) >= 20


def test_every_dimension_has_at_least_two_questions():
    counts = Counter(d for q in RS.questions for d in q.dimensions)
    assert {d.id: counts[d.id] for d in RS.dimensions if counts[d.id] < 2} == {}


def test_every_source_is_cited_at_least_three_times():
    counts = Counter(c.source for kind in KINDS for item in getattr(RS, kind) for c in item.cite)
    assert len(RS.sources) == 5
    assert {s.id: counts[s.id] for s in RS.sources if counts[s.id] < 3} == {}


def test_every_item_cites_or_is_editorial():
    bare = [item.id for kind in KINDS for item in getattr(RS, kind)
            if not item.cite and not item.editorial]
    assert bare == []


def test_stages_are_editorial():
    assert [s.id for s in RS.stages if not s.editorial] == []


# --- reachability ------------------------------------------------------------------------------


@pytest.mark.parametrize("barrier", [b.id for b in RS.barriers] if RS else [])
def test_every_barrier_triggers_on_some_answers_and_not_on_others(barrier):
    b = next(x for x in RS.barriers if x.id == barrier)

    def triggers(answers):
        return barrier in {t.id for t in assess(RS, answers, actions=0).barriers}

    assert any(triggers(a) for a in answer_sets(b.when, True)), "never triggered"
    assert any(not triggers(a) for a in [{}, *answer_sets(b.when, False)]), "always triggered"


@pytest.mark.parametrize("index", range(len(RS.stages)) if RS else [])
def test_every_stage_is_reachable(index):
    stage = RS.stages[index]
    done = [c.when for s in RS.stages[:index] for c in s.exit]
    entered = [c.when for s in RS.stages[1:index + 1] for c in s.entry]
    unfinished = NotCondition(not_=all_of(*(c.when for c in stage.exit)))
    reached = [assess(RS, a, actions=0).stage
               for a in answer_sets(all_of(*done, *entered, unfinished))]
    assert any(p.id == stage.id and not p.complete for p in reached)


def test_the_journey_can_be_completed():
    every = [c.when for s in RS.stages for c in (*s.entry, *s.exit)]
    assert any(assess(RS, a, actions=0).stage.complete for a in answer_sets(all_of(*every)))


@pytest.mark.parametrize("form", [f.id for f in RS.legal_forms] if RS else [])
def test_every_legal_form_ranks_first_for_some_answers(form):
    """Coordinate ascent over the questions the fit rules read and the questions that show
    them: each pass keeps, question by question, the answer that best separates the form
    from the best of the others."""
    choices = {qid: [UNANSWERED, *values_of(RS.question(qid))] for qid in fit_questions()}
    answers: dict = {}
    for _ in range(3):
        for qid, values in choices.items():
            scored = [(margin(form, put(answers, qid, v)), -i) for i, v in enumerate(values)]
            answers = put(answers, qid, values[-max(scored)[1]])
    assert assess(RS, answers, actions=0).legal_forms[0].id == form


def fit_questions() -> list[str]:
    from spinout.ruleset.conditions import answer_refs

    wanted = [q for f in RS.legal_forms for r in f.fit for q in answer_refs(r.when)]
    found: dict[str, None] = {}
    while wanted:
        qid = wanted.pop()
        if qid not in found:
            found[qid] = None
            wanted.extend(answer_refs(RS.question(qid).when))
    order = [q.id for q in RS.questions_in_order()]
    return sorted(found, key=order.index)


def put(answers: dict, qid: str, value) -> dict:
    changed = {k: v for k, v in answers.items() if k != qid}
    if value is not UNANSWERED:
        changed[qid] = value
    return changed


def margin(form: str, answers: dict) -> float:
    ranked = assess(RS, answers, actions=0).legal_forms
    mine = next(f for f in ranked if f.id == form)
    if mine.excluded:
        return float("-inf")
    others = [f.fit for f in ranked if f.id != form and not f.excluded]
    return mine.fit - max(others, default=0.0) - (0.5 if mine.rank > 1 else 0.0)
