"""Which questions apply, given the answers so far.

A question is *visible* (asked and scored) when its condition holds on the real answers to
the visible questions before it (the rule-set check keeps conditions reading earlier
questions only). For confidence it also matters which questions *may* apply: a follow-up
whose condition reads an unknown answer is neither surely asked nor surely not, so it counts
as unknown rather than vanishing.
"""

from __future__ import annotations

import heapq
from collections.abc import Container, Iterator, Mapping
from functools import cached_property
from typing import TypeVar

from spinout.record import Record
from spinout.ruleset.conditions import NO_SCORES, holds
from spinout.ruleset.model import Question, RuleSet
from spinout.values import Answers, AnswerValue, is_real

T = TypeVar("T")


class Applicability(Record, dict=True):
    """Which questions apply. ``visible`` ⊆ ``possible``; ``certain`` ⊆ ``possible``."""

    visible: tuple[Question, ...]
    effective: dict[str, AnswerValue]
    certain: frozenset[str]
    possible: frozenset[str]

    @cached_property
    def visible_ids(self) -> frozenset[str]:
        return frozenset(q.id for q in self.visible)


class Outside:
    """The questions in none of the given collections (for the ``settled`` argument of
    :func:`~spinout.ruleset.conditions.maybe`, without listing them)."""

    def __init__(self, *inside: Container[str]) -> None:
        self.inside = inside

    def __contains__(self, qid: object) -> bool:
        for found in self.inside:  # noqa: SIM110 - a loop, not a generator made per call
            if qid in found:
                return False
        return True


def real_answers(answers: Answers) -> dict[str, AnswerValue]:
    return {k: v for k, v in answers.items() if is_real(v)}


def applicability(rs: RuleSet, answers: Answers) -> Applicability:
    """Visible questions in questionnaire order, the answers that count (real answers to
    visible questions), the questions that surely apply and those that may apply."""
    real = real_answers(answers)
    shown: dict[str, AnswerValue] = {}
    sure: dict[str, AnswerValue] = {}
    visible: list[Question] = []
    certain: set[str] = set()
    excluded: set[str] = set()
    for q, asked, status in rs.index.compiled.questions:
        qid = q.id
        if asked is None or asked(shown, NO_SCORES):
            visible.append(q)
            if qid in real:
                shown[qid] = real[qid]
        found = True if status is None else status(sure, excluded, None)
        if found is True:
            certain.add(qid)
            if qid in real:
                sure[qid] = real[qid]
        elif found is False:
            excluded.add(qid)
    return Applicability(
        visible=tuple(visible),
        effective=shown,
        certain=frozenset(certain),
        possible=frozenset(q.id for q in rs.questions if q.id not in excluded),
    )


def visible_questions(rs: RuleSet, answers: Answers) -> tuple[Question, ...]:
    """Questions to ask, in questionnaire order."""
    return applicability(rs, answers).visible


def effective_answers(rs: RuleSet, answers: Answers) -> dict[str, AnswerValue]:
    """Real answers to visible questions: what scores and conditions read."""
    return applicability(rs, answers).effective


class Overlay(Mapping[str, T]):
    """``base`` with the keys in ``changes`` set anew and those in ``removed`` taken away,
    read through without copying ``base``."""

    def __init__(self, base: Mapping[str, T], changes: Mapping[str, T],
                 removed: Container[str] = frozenset()) -> None:
        self.base, self.changes, self.removed = base, changes, removed

    def __getitem__(self, key: str) -> T:
        if key in self.changes:
            return self.changes[key]
        if key in self.removed:
            raise KeyError(key)
        return self.base[key]

    def __contains__(self, key: object) -> bool:
        return key in self.changes or (key not in self.removed and key in self.base)

    def __iter__(self) -> Iterator[str]:
        yield from (k for k in self.base if k not in self.changes and k not in self.removed)
        yield from self.changes

    def __len__(self) -> int:
        return sum(1 for _ in self)


class Before(Mapping[str, T]):
    """The entries of ``answers`` for the questions ranked before ``limit``: what the
    condition of the question at ``limit`` sees."""

    def __init__(self, answers: Mapping[str, T], rank: Mapping[str, int], limit: int) -> None:
        self.answers, self.rank, self.limit = answers, rank, limit

    def __getitem__(self, key: str) -> T:
        if self.rank.get(key, self.limit) >= self.limit:
            raise KeyError(key)
        return self.answers[key]

    def __contains__(self, key: object) -> bool:
        return (isinstance(key, str) and key in self.answers
                and self.rank.get(key, self.limit) < self.limit)

    def __iter__(self) -> Iterator[str]:
        return (k for k in self.answers if self.rank.get(k, self.limit) < self.limit)

    def __len__(self) -> int:
        return sum(1 for _ in self)


def answered_anew(rs: RuleSet, answers: Answers, app: Applicability, qid: str,
                  value: AnswerValue) -> tuple[Mapping[str, AnswerValue], tuple[str, ...]]:
    """The answers that count (as :func:`applicability` gives them) once the visible
    question ``qid`` is answered ``value``, a real answer, and the questions whose answer
    starts or stops counting, in questionnaire order. Only questions whose condition reads
    an answer that changed are looked at again, so the work follows what the change reaches,
    not the size of the rule set."""
    index = rs.index
    changes: dict[str, AnswerValue] = {qid: value}
    removed: set[str] = set()
    effective = Overlay(app.effective, changes, removed)
    waiting = [(index.rank[r], r) for r in index.dependents[qid]]
    heapq.heapify(waiting)
    seen: set[str] = set()
    moved: list[str] = []
    while waiting:
        rank, rid = heapq.heappop(waiting)
        if rid in seen:
            continue
        seen.add(rid)
        shown = holds(rs.question(rid).when, Before(effective, index.rank, rank))
        if shown == (rid in app.visible_ids) or not is_real(answers.get(rid)):
            continue
        if shown:
            changes[rid] = answers[rid]
        else:
            removed.add(rid)
        moved.append(rid)
        for r in index.dependents[rid]:
            heapq.heappush(waiting, (index.rank[r], r))
    return effective, tuple(moved)
