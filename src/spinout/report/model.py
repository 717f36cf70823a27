"""The format-neutral report: frozen data built from a rule set and an assessment.

Every finding carries ``refs`` (numbers into :attr:`Report.citations`) and ``editorial`` (the
rule item goes beyond what the sources say). Renderers only lay this data out; they never
consult the rule set or the engine. Texts are as written in the rules or answers: each
renderer escapes them for its format.

Group reports carry small-group protection explicitly: a figure resting on too few
respondents is a suppressed :class:`Count` or :class:`Middle` (or a None documented as
withheld), never a number the renderer has to hide.

This module holds the report, its summary and band; the findings (:mod:`findings_model`),
the parts only a group report has (:mod:`group_model`) and the small shared parts
(:mod:`model_parts`) live in their own modules and are importable from here.
"""

from __future__ import annotations

from spinout.engine.dispersion import Spread
from spinout.engine.privacy import Count, Middle
from spinout.record import Record
from spinout.report.findings_model import (
    ActionItem,
    BarrierItem,
    ContributionItem,
    CriterionItem,
    DimensionItem,
    EvidenceItem,
    FormItem,
    FormsNote,
    Gain,
    Reason,
    StageItem,
    StageStep,
    UnknownItem,
)
from spinout.report.group_model import (
    DisagreementRow,
    GroupInfo,
    Median,
    NamedCount,
    OptionCount,
    RoleRow,
    WarningItem,
)
from spinout.report.model_parts import (
    CommentItem,
    ContextItem,
    DatedItem,
    GlossaryItem,
    Named,
    Reference,
    RulesInfo,
    SourceDoc,
)

__all__ = ["ActionItem", "BandInfo", "BarrierItem", "CapItem", "CommentItem", "ContextItem",
           "ContributionItem", "Count", "CriterionItem", "DatedItem", "DimensionItem",
           "DisagreementRow", "EvidenceItem", "FormItem", "FormsNote", "Gain", "GlossaryItem",
           "GroupInfo", "Median", "Middle", "Named", "NamedCount", "OptionCount", "Reason",
           "Reference", "Report", "RoleRow", "RulesInfo", "SourceDoc", "Spread", "StageItem",
           "StageStep", "Summary", "UnknownItem", "WarningItem"]


class CapItem(Record):
    """A raised barrier holding the band down: the band it allows at most, and the answers
    it rests on (``facts``: all of them record facts the group cannot change)."""

    barrier: Named
    cap: Named
    answers: tuple[Named, ...]
    facts: bool


class BandInfo(Record):
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


class Summary(Record):
    overall: float | None
    confidence: float | None  # None: withheld (group reports)
    band: BandInfo | None  # None: withheld (group reports)
    weakest: Named | None


class Report(Record):
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
    appendix: tuple[SourceDoc, ...] = ()  # the sources' full texts, left out of repr
    group: GroupInfo | None = None
    forms: FormsNote = FormsNote()
    context: tuple[ContextItem, ...] = ()
    service: str | None = None  # the service or group the report is about, when named
    dated: tuple[DatedItem, ...] = ()  # "check what exists now", in reading order
    glossary: tuple[GlossaryItem, ...] = ()

    def __repr__(self) -> str:
        shown = (f"{name}={getattr(self, name)!r}" for name in self.__struct_fields__
                 if name != "appendix")
        return f"Report({', '.join(shown)})"

    @property
    def sources(self) -> tuple[str, ...]:
        """Each cited source as readers see it named (title, publisher, date), in the order
        first cited."""
        return tuple(dict.fromkeys(ref.cited_as for ref in self.citations))
