"""The format-neutral report: frozen data built from a rule set and an assessment.

Every finding carries ``refs`` (numbers into :attr:`Report.citations`) and ``editorial`` (the
rule item goes beyond what the sources say). Renderers only lay this data out; they never
consult the rule set or the engine. Texts are as written in the rules or answers: each
renderer escapes them for its format.

Group reports carry small-group protection explicitly: a figure resting on too few
respondents is a suppressed :class:`Count` or :class:`Middle` (or a None documented as
withheld), never a number the renderer has to hide.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spinout.engine.dispersion import Spread
from spinout.engine.privacy import Count, Middle
from spinout.values import AnswerValue

__all__ = ["Count", "Middle", "Spread"]


@dataclass(frozen=True)
class Reference:
    """One numbered citation: a verbatim passage and where it stands in its source."""

    n: int
    source: str
    title: str
    file: str
    line: int
    headline: str | None
    quote: str
    publisher: str | None = None
    date: str | None = None

    @property
    def cited_as(self) -> str:
        """The source as readers see it named: title, publisher and date."""
        return ", ".join(part for part in (self.title, self.publisher, self.date) if part)


@dataclass(frozen=True)
class RulesInfo:
    name: str
    version: str
    digest: str
    title: str
    sources_period: str | None = None  # the years the sources describe, e.g. "2010–2012"
    reviewed: str | None = None  # when the guidance was last reviewed (ISO date)


@dataclass(frozen=True)
class Named:
    id: str
    name: str


@dataclass(frozen=True)
class CapItem:
    """A raised barrier holding the band down: the band it allows at most, and the answers
    it rests on (``facts``: all of them record facts the group cannot change)."""

    barrier: Named
    cap: Named
    answers: tuple[Named, ...]
    facts: bool


@dataclass(frozen=True)
class BandInfo:
    """The band, and how sure it is: ``low`` and ``high`` are the bands the answers could
    still reach (``score_low``/``score_high`` the overall scores), ``narrowing`` the questions
    whose answers would narrow that most; the band is ``provisional`` when the confidence is
    below ``min_confidence``."""

    id: str
    name: str
    description: str
    level: int
    uncapped: Named
    capped_by: tuple[Named, ...]
    low: Named | None = None
    high: Named | None = None
    score_low: float | None = None
    score_high: float | None = None
    narrowing: tuple[Named, ...] = ()
    provisional: bool = False
    min_confidence: float = 0.0
    caps: tuple[CapItem, ...] = ()

    @property
    def ranged(self) -> bool:
        return self.low is not None and self.high is not None and self.low.id != self.high.id


@dataclass(frozen=True)
class ContributionItem:
    question: str
    text: str
    answer: AnswerValue
    answer_label: str
    points: float
    weight: float
    share: float


@dataclass(frozen=True)
class DimensionItem:
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


@dataclass(frozen=True)
class EvidenceItem:
    kind: str  # "answer" or "dimension"
    ref: str
    name: str
    value: AnswerValue | float | None
    label: str


@dataclass(frozen=True)
class BarrierItem:
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


@dataclass(frozen=True)
class StageStep:
    id: str
    name: str
    status: str  # "done", "current" or "ahead"
    count: Count | None = None  # group reports: respondents placed at this stage


@dataclass(frozen=True)
class CriterionItem:
    stage: str
    kind: str  # "entry" or "exit"
    label: str
    met: bool | None  # None in group reports: not judged for the group as a whole


@dataclass(frozen=True)
class StageItem:
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


@dataclass(frozen=True)
class Reason:
    effect: str  # "for", "against" or "excludes"
    text: str


@dataclass(frozen=True)
class FormItem:
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


@dataclass(frozen=True)
class FormsNote:
    """Whether the legal forms are shown as a ranking, and why not: a barrier that rules a
    mutual out, or no answer that separates them (``questions`` would); ``conflicts`` are
    wishes no form can meet together, with why."""

    ranked: bool = True
    ruled_out_by: tuple[Named, ...] = ()
    questions: tuple[Named, ...] = ()
    conflicts: tuple[tuple[str, str], ...] = ()  # (title, why)


@dataclass(frozen=True)
class Gain:
    dimension: str
    name: str
    gain: float


@dataclass(frozen=True)
class ActionItem:
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


@dataclass(frozen=True)
class UnknownItem:
    question: str
    text: str
    reason: str  # "dont_know" or "unanswered"
    refs: tuple[int, ...]
    editorial: bool
    count: int = 1


@dataclass(frozen=True)
class ContextItem:
    """The answer to a question asked for context only (not scored), with why it is asked."""

    question: str
    text: str
    answer: str
    help: str


@dataclass(frozen=True)
class CommentItem:
    question: str
    text: str
    answer: str


@dataclass(frozen=True)
class SourceDoc:
    """A cited document's full text, for the HTML appendix."""

    id: str
    file: str
    title: str
    lines: tuple[str, ...]
    cited_lines: frozenset[int]


@dataclass(frozen=True)
class RoleRow:
    """Respondents of one role (``id`` None: no role given). Suppressed rows (the role, or
    the respondents outside it, below the minimum group size) carry their count only; a
    median of None is withheld."""

    id: str | None
    label: str
    count: Count
    suppressed: bool
    overall: float | None
    medians: tuple[Median, ...]


@dataclass(frozen=True)
class Median:
    dimension: str
    name: str
    median: float | None


@dataclass(frozen=True)
class OptionCount:
    value: AnswerValue
    label: str
    count: Count


@dataclass(frozen=True)
class DisagreementRow:
    """How divided the answers to one question are: ``index`` 0 (all agree) to 1."""

    question: str
    text: str
    answered: Count
    index: float
    counts: tuple[OptionCount, ...]
    spread: Middle | None


@dataclass(frozen=True)
class WarningItem:
    id: str
    title: str
    message: str
    value: float
    threshold: float
    refs: tuple[int, ...]
    editorial: bool


@dataclass(frozen=True)
class NamedCount:
    id: str
    name: str
    count: Count
    share: float | None


@dataclass(frozen=True)
class GroupInfo:
    """What only a group report has. ``withheld``: fewer respondents than ``min_group_size``,
    so no figure from their answers is shown."""

    respondents: int
    withheld: bool
    staff: float | None
    participation: float | None
    senior_share: float | None
    min_group_size: int
    roles: tuple[RoleRow, ...]
    bands: tuple[NamedCount, ...]
    disagreements: tuple[DisagreementRow, ...]
    warnings: tuple[WarningItem, ...]
    comments_status: str  # "included", "not_requested" or "group_too_small"
    capped: int = 0  # respondents whose band a barrier held down
    caps: tuple[NamedCount, ...] = ()  # barriers that held bands down, with respondents


@dataclass(frozen=True)
class Summary:
    overall: float | None
    confidence: float | None  # None: withheld (group reports)
    band: BandInfo | None  # None: withheld (group reports)
    weakest: Named | None


@dataclass(frozen=True)
class DatedItem:
    """A finding that names a scheme, body, right or law, with the date it refers to."""

    name: str
    as_of: str


@dataclass(frozen=True)
class GlossaryItem:
    term: str
    definition: str


@dataclass(frozen=True)
class Report:
    kind: str  # "individual" or "group"
    rules: RulesInfo
    date: str | None
    respondents: int
    role: Named | None
    summary: Summary
    dimensions: tuple[DimensionItem, ...]
    barriers: tuple[BarrierItem, ...]
    stage: StageItem | None  # None: withheld (group reports)
    legal_forms: tuple[FormItem, ...]
    next_actions: tuple[ActionItem, ...]
    unknowns: tuple[UnknownItem, ...]
    comments: tuple[CommentItem, ...]
    citations: tuple[Reference, ...]
    appendix: tuple[SourceDoc, ...] = field(default=(), repr=False)
    group: GroupInfo | None = None
    forms: FormsNote = FormsNote()
    context: tuple[ContextItem, ...] = ()
    service: str | None = None  # the service or group the report is about, when named
    dated: tuple[DatedItem, ...] = ()  # "check what exists now", in reading order
    glossary: tuple[GlossaryItem, ...] = ()

    @property
    def sources(self) -> tuple[str, ...]:
        """Each cited source as readers see it named (title, publisher, date), in the order
        first cited."""
        return tuple(dict.fromkeys(ref.cited_as for ref in self.citations))
