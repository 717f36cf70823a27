"""The findings a report lists, for one respondent or a group: dimensions and the answers
behind them, barriers, the stage, legal forms, next actions and unknowns."""

from __future__ import annotations

from spinout.engine.privacy import Count, Middle
from spinout.record import Record
from spinout.report.model_parts import Named
from spinout.values import AnswerValue


class ContributionItem(Record):
    question: str
    text: str
    answer: AnswerValue
    answer_label: str
    points: float
    weight: float
    share: float


class DimensionItem(Record):
    id: str
    name: str
    description: str
    weight: float
    score: float | None
    confidence: float | None  # None: withheld (a group below the minimum size)
    contributions: tuple[ContributionItem, ...]
    unknowns: tuple[Named, ...]  # apply or may apply, without a real answer (lower confidence)
    refs: tuple[int, ...]
    editorial: bool
    spread: Middle | None = None  # group reports: respondents' scores (maybe suppressed)
    note: str | None = None  # spinout's own advice beyond the cited passages
    unanswered: tuple[Named, ...] = ()  # asked (their conditions hold) and not answered
    dont_know: tuple[Named, ...] = ()  # asked and answered "don't know"

    @property
    def withheld(self) -> bool:
        """A group's median withheld: too few respondents have a score for it."""
        return self.spread is not None and self.spread.suppressed


class EvidenceItem(Record):
    kind: str  # "answer" or "dimension"
    ref: str
    name: str
    value: AnswerValue | float | None
    label: str


class BarrierItem(Record):
    id: str
    title: str
    severity: str
    dimension: Named | None
    why: str
    what_to_do: tuple[str, ...]
    evidence: tuple[EvidenceItem, ...]
    refs: tuple[int, ...]
    editorial: bool
    count: Count | None = None  # group reports: respondents for whom it is raised
    share: float | None = None
    note: str | None = None  # spinout's own advice beyond the cited passages
    facts: bool = False  # it rests on facts the group cannot change: advice is how to respond


class StageStep(Record):
    id: str
    name: str
    status: str  # "done", "current" or "ahead"
    count: Count | None = None  # group reports: respondents placed at this stage


class CriterionItem(Record):
    stage: str
    kind: str  # "entry" or "exit"
    label: str
    met: bool | None  # None in group reports: not judged for the group as a whole


class StageItem(Record):
    id: str
    name: str
    description: str
    index: int
    complete: bool
    journey: tuple[StageStep, ...]
    criteria: tuple[CriterionItem, ...]
    tasks: tuple[str, ...]
    refs: tuple[int, ...]
    editorial: bool
    note: str | None = None  # spinout's own advice beyond the cited passages
    high: int = -1  # the highest stage the evidence allows (-1: same as ``index``)
    high_name: str = ""
    running: bool = False  # the group already runs the service as a mutual

    @property
    def ranged(self) -> bool:
        return self.high > self.index

    @property
    def remaining(self) -> tuple[CriterionItem, ...]:
        return tuple(c for c in self.criteria if c.met is not True)

    def _earlier(self, c: CriterionItem) -> bool:
        order = [s.id for s in self.journey]
        return c.stage in order and order.index(c.stage) < self.index

    @property
    def unmet(self) -> tuple[CriterionItem, ...]:
        """Criteria of this stage (and the next stage's entry) known not to be met."""
        return tuple(c for c in self.criteria if c.met is False and not self._earlier(c))

    @property
    def unknown(self) -> tuple[CriterionItem, ...]:
        """Criteria not known yet: answering them would settle the stage."""
        return tuple(c for c in self.criteria if c.met is None)

    @property
    def earlier(self) -> tuple[CriterionItem, ...]:
        """Criteria of earlier stages known not to be met, though the group is past them."""
        return tuple(c for c in self.criteria if c.met is False and self._earlier(c))


class Reason(Record):
    effect: str  # "for", "against" or "excludes"
    text: str


class FormItem(Record):
    id: str
    name: str
    summary: str
    rank: int
    fit: float | None  # None in group reports, which rank by mean rank
    excluded: bool
    reasons: tuple[Reason, ...]
    caveats: tuple[str, ...]
    refs: tuple[int, ...]
    editorial: bool
    first: Count | None = None  # group reports: respondents ranking it first
    mean_rank: float | None = None
    excluded_count: Count | None = None
    note: str | None = None  # spinout's own advice beyond the cited passages


class FormsNote(Record):
    """Whether the legal forms are shown as a ranking, and why not: a barrier that rules a
    mutual out, or no answer that separates them (``questions`` would); ``conflicts`` are
    wishes no form can meet together, with why."""

    ranked: bool = True
    ruled_out_by: tuple[Named, ...] = ()
    questions: tuple[Named, ...] = ()
    conflicts: tuple[tuple[str, str], ...] = ()  # (title, why)


class Gain(Record):
    dimension: str
    name: str
    gain: float


class ActionItem(Record):
    question: str
    text: str
    action: str | None
    current: AnswerValue | None
    current_label: str
    target: AnswerValue
    target_label: str
    overall_gain: float
    dimension_gains: tuple[Gain, ...]
    clears: tuple[Named, ...]
    band_after: Named | None
    refs: tuple[int, ...]
    editorial: bool
    count: Count | None = None  # group reports: respondents not yet giving the target answer


class UnknownItem(Record):
    question: str
    text: str
    reason: str  # "dont_know" or "unanswered"
    refs: tuple[int, ...]
    editorial: bool
    count: int = 1
