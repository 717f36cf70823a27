"""A mergeable summary of respondents: what a group assessment needs, and nothing that ties
a figure to one respondent's place in the list.

Counts and lists of values only: two tallies merge by adding counts and joining lists, so a
tally can be built in several processes and joined in any order. The group result is
computed from the merged tally by :func:`spinout.engine.group.finish`.
"""

from __future__ import annotations

from array import array
from collections import Counter
from typing import TYPE_CHECKING, Any

from spinout.engine.result import Assessment
from spinout.qtypes import Shape
from spinout.record import Mutable, field
from spinout.ruleset.model import Question, RuleSet
from spinout.values import DONT_KNOW, AnswerValue, is_number, is_real

if TYPE_CHECKING:
    from spinout.answers.model import AnswersFile
    from spinout.ruleset.index import RuleIndex

Key = tuple[type, Any]


def key(value: object) -> Key:
    """A hashable key that keeps ``True`` and ``1`` apart."""
    return (value.__class__, value)


def choices(q: Question) -> tuple[AnswerValue, ...]:
    """The values a choice question offers, in order (empty for numbers and text)."""
    return tuple(v for v, _ in q.kind.choices(q))


def floats() -> array[float]:
    """A list of scores stored as machine doubles: 8 bytes each instead of a float object and
    its pointer (32), which a group of 100,000 respondents, with a score per dimension each,
    feels; they pickle as one block of bytes, too. Every value reads back exactly."""
    return array("d")


class RoleTally(Mutable):
    count: int = 0
    overall: array[float] = field(default_factory=floats)
    scores: dict[str, array[float]] = field(default_factory=dict)

    def merge(self, other: RoleTally) -> None:
        self.count += other.count
        self.overall.extend(other.overall)
        _extend(self.scores, other.scores, floats)


class Tally(Mutable):
    """Running counts over respondents. ``applies`` counts the respondents each question
    applied to and ``answered`` their real answers; ``choices`` counts each such answer's
    :func:`key` (for multi choice, the frozenset of chosen keys); ``numbers`` keeps number
    answers as given. The ``hidden_`` counts hold real answers to questions that did not
    apply (kept in answers files but not scored)."""

    comments_wanted: bool = False
    count: int = 0
    senior: int = 0
    staff: array[float] = field(default_factory=floats)
    latest: str | None = None
    overall: array[float] = field(default_factory=floats)
    confidence: array[float] = field(default_factory=floats)
    scores: dict[str, array[float]] = field(default_factory=dict)
    dimension_confidence: dict[str, array[float]] = field(default_factory=dict)
    bands: Counter[str] = field(default_factory=Counter)
    bands_low: Counter[str] = field(default_factory=Counter)
    bands_high: Counter[str] = field(default_factory=Counter)
    caps: Counter[str] = field(default_factory=Counter)
    capped: int = 0
    stages: Counter[str] = field(default_factory=Counter)
    stages_high: Counter[int] = field(default_factory=Counter)
    barriers: Counter[str] = field(default_factory=Counter)
    form_rank_sum: Counter[str] = field(default_factory=Counter)
    form_first: Counter[str] = field(default_factory=Counter)
    form_excluded: Counter[str] = field(default_factory=Counter)
    roles: dict[str | None, RoleTally] = field(default_factory=dict)
    applies: Counter[str] = field(default_factory=Counter)
    answered: Counter[str] = field(default_factory=Counter)
    choices: dict[str, Counter[Any]] = field(default_factory=dict)
    numbers: dict[str, list[int | float]] = field(default_factory=dict)
    comments: list[tuple[int, str, str]] = field(default_factory=list)
    hidden_answered: Counter[str] = field(default_factory=Counter)
    hidden_choices: dict[str, Counter[Any]] = field(default_factory=dict)
    hidden_numbers: dict[str, list[int | float]] = field(default_factory=dict)

    def add(self, rs: RuleSet, f: AnswersFile, a: Assessment) -> None:
        """Count one respondent's answers file and assessment."""
        index = rs.index
        self.count += 1
        role = f.respondent.role
        if role in index.senior_roles:
            self.senior += 1
        when = f.updated or f.started
        if when and (self.latest is None or when > self.latest):
            self.latest = when
        staff_question = rs.header.staff_count_question
        if staff_question is not None:
            staff = f.answers.get(staff_question)
            if is_number(staff) and staff > 0:
                self.staff.append(float(staff))
        self._add_scores(a, role)
        self.bands[a.band] += 1
        self.bands_low[a.reach.low_band] += 1
        self.bands_high[a.reach.high_band] += 1
        self.caps.update(a.capped_by)
        self.capped += bool(a.capped_by)
        self.stages[a.stage.id] += 1
        self.stages_high[max(a.stage.high, a.stage.index)] += 1
        self.barriers.update(b.id for b in a.barriers)
        for fit in a.legal_forms:
            self.form_rank_sum[fit.id] += fit.rank
            if fit.rank == 1:
                self.form_first[fit.id] += 1
            if fit.excluded:
                self.form_excluded[fit.id] += 1
        self._add_answers(index, f.answers, a.visible)

    def _add_scores(self, a: Assessment, role: str | None) -> None:
        group = self.roles.get(role)
        if group is None:
            group = self.roles[role] = RoleTally()
        group.count += 1
        if a.overall is not None:
            self.overall.append(a.overall)
            group.overall.append(a.overall)
        self.confidence.append(a.confidence)
        for d in a.dimensions:
            self.dimension_confidence.setdefault(d.id, floats()).append(d.confidence)
            if d.score is not None:
                self.scores.setdefault(d.id, floats()).append(d.score)
                group.scores.setdefault(d.id, floats()).append(d.score)

    def _add_answers(self, index: RuleIndex, answers: dict[str, AnswerValue],
                     visible: tuple[str, ...]) -> None:
        kinds, applies = index.shapes, self.applies
        counts = (self.answered, self.choices, self.numbers)
        given = 0
        for qid in visible:
            value = answers.get(qid)
            if value is not None:
                given += 1
            kind = kinds.get(qid)
            if kind is None:
                continue
            if kind is Shape.TEXT:
                if (self.comments_wanted and isinstance(value, str) and is_real(value)
                        and value.strip()):
                    self.comments.append((index.rank[qid], qid, value))
                continue
            applies[qid] += 1
            if value is not None and value != DONT_KNOW:  # a real answer
                _count(*counts, qid, kind, value)
        if given < len(answers):
            shown = set(visible)
            for qid, value in answers.items():
                kind = kinds.get(qid)
                if qid not in shown and kind not in (None, Shape.TEXT) and is_real(value):
                    _count(self.hidden_answered, self.hidden_choices, self.hidden_numbers,
                           qid, kind, value)

    def merge(self, other: Tally) -> Tally:
        """Add ``other``'s counts to this tally (in place) and return it."""
        self.count += other.count
        self.senior += other.senior
        self.capped += other.capped
        self.staff.extend(other.staff)
        if other.latest and (self.latest is None or other.latest > self.latest):
            self.latest = other.latest
        self.overall.extend(other.overall)
        self.confidence.extend(other.confidence)
        _extend(self.scores, other.scores, floats)
        _extend(self.dimension_confidence, other.dimension_confidence, floats)
        for mine, theirs in ((self.bands, other.bands), (self.stages, other.stages),
                             (self.bands_low, other.bands_low),
                             (self.bands_high, other.bands_high), (self.caps, other.caps),
                             (self.barriers, other.barriers),
                             (self.form_rank_sum, other.form_rank_sum),
                             (self.form_first, other.form_first),
                             (self.form_excluded, other.form_excluded),
                             (self.applies, other.applies), (self.answered, other.answered),
                             (self.hidden_answered, other.hidden_answered)):
            mine.update(theirs)
        self.stages_high.update(other.stages_high)
        for role, group in other.roles.items():
            self.roles.setdefault(role, RoleTally()).merge(group)
        for mine_choices, their_choices in ((self.choices, other.choices),
                                            (self.hidden_choices, other.hidden_choices)):
            for qid, counter in their_choices.items():
                mine_choices.setdefault(qid, Counter()).update(counter)
        _extend(self.numbers, other.numbers)
        _extend(self.hidden_numbers, other.hidden_numbers)
        self.comments.extend(other.comments)
        return self


def _count(answered: Counter[str], choices: dict[str, Counter[Any]],
           numbers: dict[str, list[int | float]], qid: str, kind: Shape, value: Any) -> None:
    answered[qid] += 1
    if kind is Shape.NUMBER:
        if is_number(value):
            numbers.setdefault(qid, []).append(value)
        return
    if kind is Shape.MULTI:
        if not isinstance(value, list):
            return
        counted: Any = frozenset([(v.__class__, v) for v in value])  # each one's key()
    else:
        counted = (value.__class__, value)  # key(value)
    counter = choices.get(qid)
    if counter is None:
        counter = choices[qid] = Counter()
    counter[counted] += 1


def _extend(mine: dict[str, Any], theirs: dict[str, Any], new: Any = list) -> None:
    for k, values in theirs.items():
        mine.setdefault(k, new()).extend(values)
