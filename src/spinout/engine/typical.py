"""A group's typical answers, and the next best actions simulated once on them."""

from __future__ import annotations

from collections import Counter
from typing import Any

from spinout.engine import dispersion, privacy
from spinout.engine.group_result import GroupAction
from spinout.engine.tally import Tally, choices, key
from spinout.qtypes import Shape
from spinout.ruleset.model import Question, RuleSet
from spinout.values import AnswerValue, same


def typical_answers(rs: RuleSet, tally: Tally) -> dict[str, AnswerValue]:
    """The group's typical answers, from every real answer given (also to questions that did
    not apply, as an individual assessment also keeps them): the most common answer (ties in
    option order) for yes/no, single choice and scales with options; the options chosen by at
    least half for multi choice; the median for numbers and option-less scales (a whole number
    when the median is one). With one respondent these are that respondent's real answers."""
    typical: dict[str, AnswerValue] = {}
    for q in rs.questions_in_order():
        answered = tally.answered[q.id] + tally.hidden_answered[q.id]
        if q.is_comment or answered == 0:
            continue
        counter = tally.choices.get(q.id, Counter()) + tally.hidden_choices.get(q.id, Counter())
        numbers = tally.numbers.get(q.id, []) + tally.hidden_numbers.get(q.id, [])
        found = _typical(q, answered, counter, numbers)
        if found is not None:
            typical[q.id] = found
    return typical


def _typical(q: Question, answered: int, counter: Counter[Any],
             numbers: list[int | float]) -> AnswerValue | None:
    if several(q):
        counts = option_counts(q, counter)
        return [v for v, c in zip(choices(q), counts, strict=True) if 2 * c >= answered]
    if choices(q):
        counts = option_counts(q, counter)
        return choices(q)[counts.index(max(counts))] if max(counts) else None
    if not numbers:
        return None
    middle = dispersion.median(numbers)
    if middle is not None and middle.is_integer() and any(
            isinstance(v, int) and v == middle for v in numbers):
        return int(middle)
    return middle


def option_counts(q: Question, counter: Counter[Any]) -> list[int]:
    """Respondents choosing each option of ``q``, in option order."""
    values = choices(q)
    if not several(q):
        return [counter[key(v)] for v in values]
    counts = Counter[Any]()
    for chosen, times in counter.items():
        for k in chosen:
            counts[k] += times
    return [counts[key(v)] for v in values]


def several(q: Question) -> bool:
    return q.kind.shape(q) is Shape.MULTI


def _matching(q: Question, tally: Tally, target: AnswerValue) -> int:
    """Respondents (of those ``q`` applied to) whose answer to ``q`` is ``target``."""
    counter = tally.choices.get(q.id, Counter())
    if several(q) and isinstance(target, list):
        return counter[frozenset(key(v) for v in target)]
    if choices(q):
        return counter[key(target)]
    return sum(1 for v in tally.numbers.get(q.id, ()) if same(v, target))


def group_actions(rs: RuleSet, tally: Tally, limit: int) -> tuple[GroupAction, ...]:
    """Next best actions simulated once on :func:`typical_answers`, so a large group needs no
    per-respondent simulation (respondents can be assessed with ``actions=0``)."""
    from spinout.engine.assess import assess

    found = assess(rs, typical_answers(rs, tally), actions=limit).next_actions
    k = rs.header.min_group_size
    return tuple(
        GroupAction(x.question, x.target, x.overall_gain, x.clears, privacy.count(
            tally.applies[x.question] - _matching(rs.question(x.question), tally, x.target), k))
        for x in found)
