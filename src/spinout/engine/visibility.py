"""Which questions apply, given the answers so far."""

from __future__ import annotations

from spinout.engine.conditions import holds
from spinout.engine.values import Answers, is_real
from spinout.ruleset.model import Question, RuleSet


def real_answers(answers: Answers) -> dict[str, object]:
    return {k: v for k, v in answers.items() if is_real(v)}


def visible_questions(rs: RuleSet, answers: Answers) -> tuple[Question, ...]:
    """Questions to ask, in order. A question is visible when its condition holds on the real
    answers to questions that are themselves visible."""
    real = real_answers(answers)
    shown: dict[str, object] = {}
    visible = []
    for q in rs.questions_in_order():
        if holds(q.when, shown):
            visible.append(q)
            if q.id in real:
                shown[q.id] = real[q.id]
    return tuple(visible)


def effective_answers(rs: RuleSet, answers: Answers) -> dict[str, object]:
    """Real answers to visible questions: what scores and conditions read."""
    real = real_answers(answers)
    return {q.id: real[q.id] for q in visible_questions(rs, answers) if q.id in real}
