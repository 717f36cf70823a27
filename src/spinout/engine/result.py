"""The assessment: frozen results of the engine, every figure traceable to answers and rules.
Text (titles, advice, citations) stays in the rule set; results carry ids to look it up."""

from __future__ import annotations

from spinout.record import Record
from spinout.values import AnswerValue


class Contribution(Record):
    """One answer's part in a dimension score: ``share`` values add up to the score."""

    question: str
    answer: AnswerValue
    points: float
    weight: float
    share: float


class DimensionScore(Record):
    """A dimension's score (``None`` when no answer scores it yet), its confidence 0–1, the
    answers behind the score, and the questions that lower the confidence: those that apply,
    or may apply depending on unknown answers, without a real answer."""

    id: str
    score: float | None
    confidence: float
    contributions: tuple[Contribution, ...]
    unknowns: tuple[str, ...]


class Evidence(Record):
    """What made a condition hold: an answer (``kind='answer'``) or a dimension score."""

    kind: str
    ref: str
    value: AnswerValue | float | None


class TriggeredBarrier(Record):
    """A raised barrier and the answers (and scores) that raised it; ``facts`` when every
    such answer records a fact the group cannot change, so its advice is how to respond."""

    id: str
    severity: str
    evidence: tuple[Evidence, ...]
    facts: bool = False


class CriterionStatus(Record):
    stage: str
    kind: str  # "entry", "exit" or "reached"
    label: str
    met: bool | None  # None: it reads an answer not known yet


class StagePlacement(Record):
    """The lowest stage the evidence allows (``index``, ``id``) and the highest (``high``);
    ``criteria`` holds the criteria of the stages from the lowest to the highest, and those of
    earlier stages not known to be met; ``running`` when the group already runs the service."""

    id: str
    index: int
    complete: bool
    criteria: tuple[CriterionStatus, ...]
    statuses: tuple[tuple[str, str], ...]  # (stage id, "done"|"current"|"possible"|"ahead")
    high: int = -1
    running: bool = False

    @property
    def met(self) -> tuple[CriterionStatus, ...]:
        return tuple(c for c in self.criteria if c.met)

    @property
    def remaining(self) -> tuple[CriterionStatus, ...]:
        return tuple(c for c in self.criteria if not c.met)


class FormFit(Record):
    id: str
    rank: int
    fit: float
    excluded: bool
    reasons_for: tuple[str, ...]
    reasons_against: tuple[str, ...]
    excluded_by: tuple[str, ...]


class FormsVerdict(Record):
    """Whether legal forms are shown as a ranking (``ranked``): not when a raised barrier
    rules a mutual out (``ruled_out_by``), nor when no answer separates the open forms
    (``questions``: the unanswered questions that would). ``conflicts``: raised barriers
    marking wishes no form can meet together."""

    ranked: bool
    ruled_out_by: tuple[str, ...]
    questions: tuple[str, ...]
    conflicts: tuple[str, ...]


class NextAction(Record):
    """Changing the answer to ``question`` from ``current`` to ``target`` would raise the
    overall score by ``overall_gain`` (and each dimension by its gain) and clear ``clears``."""

    question: str
    current: AnswerValue | None
    target: AnswerValue
    overall_gain: float
    dimension_gains: tuple[tuple[str, float], ...]
    clears: tuple[str, ...]
    band_after: str | None


class Unknown(Record):
    """A visible question without a real answer. ``reason``: "dont_know" or "unanswered"."""

    question: str
    reason: str


class Reach(Record):
    """Where the answers could still take the verdict: the overall score and band with every
    unknown at its worst (``low``) and at its best (``high``) (``None``: no score), and the
    unknown questions whose answers would narrow the range most."""

    low: float | None
    high: float | None
    low_band: str
    high_band: str
    narrowing: tuple[str, ...]


class Assessment(Record):
    overall: float | None
    confidence: float
    band: str
    uncapped_band: str
    capped_by: tuple[str, ...]
    weakest: str | None
    dimensions: tuple[DimensionScore, ...]
    barriers: tuple[TriggeredBarrier, ...]
    stage: StagePlacement
    legal_forms: tuple[FormFit, ...]
    next_actions: tuple[NextAction, ...]
    unknowns: tuple[Unknown, ...]
    visible: tuple[str, ...]
    ignored: tuple[str, ...]
    reach: Reach
    provisional: bool  # confidence below the rule set's ``bands.min_confidence``
    forms: FormsVerdict = FormsVerdict(True, (), (), ())

    def dimension(self, did: str) -> DimensionScore:
        return next(d for d in self.dimensions if d.id == did)
