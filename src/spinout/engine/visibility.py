"""Which questions apply, given the answers so far.

A question is *visible* (asked and scored) when its condition holds on the real answers to
the visible questions before it (the rule-set check keeps conditions reading earlier
questions only). For confidence it also matters which questions *may* apply: a follow-up
whose condition reads an unknown answer is neither surely asked nor surely not, so it counts
as unknown rather than vanishing.
"""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass

from spinout.ruleset.conditions import holds, maybe
from spinout.ruleset.model import Question, RuleSet
from spinout.values import Answers, AnswerValue, is_real


@dataclass(frozen=True)
class Applicability:
    """Which questions apply. ``visible`` ⊆ ``possible``; ``certain`` ⊆ ``possible``."""

    visible: tuple[Question, ...]
    effective: dict[str, AnswerValue]
    certain: frozenset[str]
    possible: frozenset[str]


class Outside:
    """The questions in none of the given collections (for the ``settled`` argument of
    :func:`~spinout.ruleset.conditions.maybe`, without listing them)."""

    def __init__(self, *inside: Container[str]) -> None:
        self.inside = inside

    def __contains__(self, qid: object) -> bool:
        return not any(qid in found for found in self.inside)


def real_answers(answers: Answers) -> dict[str, AnswerValue]:
    return {k: v for k, v in answers.items() if is_real(v)}


def applicability(rs: RuleSet, answers: Answers) -> Applicability:
    """Visible questions in questionnaire order, the answers that count (real answers to
    visible questions), the questions that surely apply and those that may apply."""
    real = real_answers(answers)
    shown: dict[str, AnswerValue] = {}
    sure: dict[str, AnswerValue] = {}
    seen: set[str] = set()
    certain: set[str] = set()
    excluded: set[str] = set()
    for q in rs.questions_in_order():
        if q.when is None or holds(q.when, shown):
            seen.add(q.id)
            if q.id in real:
                shown[q.id] = real[q.id]
        status = maybe(q.when, sure, excluded)
        if status is True:
            certain.add(q.id)
            if q.id in real:
                sure[q.id] = real[q.id]
        elif status is False:
            excluded.add(q.id)
    visible = tuple(q for q in rs.questions_in_order() if q.id in seen)
    return Applicability(
        visible=visible,
        effective={q.id: shown[q.id] for q in visible if q.id in shown},
        certain=frozenset(certain),
        possible=frozenset(q.id for q in rs.questions if q.id not in excluded),
    )


def visible_questions(rs: RuleSet, answers: Answers) -> tuple[Question, ...]:
    """Questions to ask, in questionnaire order."""
    return applicability(rs, answers).visible


def effective_answers(rs: RuleSet, answers: Answers) -> dict[str, AnswerValue]:
    """Real answers to visible questions: what scores and conditions read."""
    return applicability(rs, answers).effective
