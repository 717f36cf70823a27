"""Guidance items the assessment gives: barriers, stages, legal forms, readiness bands, group
warnings and the glossary."""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import Field, field_validator, model_validator

from spinout.ruleset import guidance
from spinout.ruleset.guidance import Severity
from spinout.ruleset.schema.cited import AsOf, Cited, year_text
from spinout.ruleset.schema.conditions import Condition
from spinout.ruleset.schema.fields import Frozen, Id


class Barrier(Cited):
    runtime: ClassVar[type] = guidance.Barrier
    id: Id
    title: str = Field(min_length=1)
    severity: Severity
    dimension: Id | None = Field(default=None, description="Dimension this barrier belongs to.")
    when: Condition = Field(description="The barrier is triggered when this holds.")
    why: str = Field(min_length=1, description="Why it matters.")
    what_to_do: tuple[str, ...] = Field(min_length=1, description="Steps that address it.")
    cap: Id | None = Field(
        default=None,
        description="Highest band allowed while this barrier is raised (overrides the cap "
        "for its severity in `bands.caps`).",
    )
    rules_out_mutual: bool = Field(
        default=False,
        description="True when, once raised, a mutual is not open to the service: legal "
        "forms are then not ranked.",
    )
    conflict: bool = Field(
        default=False,
        description="True when the barrier marks wishes no legal form can meet together; "
        "the legal forms part of a report points to it.",
    )


class Criterion(Frozen):
    runtime: ClassVar[type] = guidance.Criterion
    label: str = Field(min_length=1)
    when: Condition


class Stage(Cited):
    runtime: ClassVar[type] = guidance.Stage
    id: Id
    name: str = Field(min_length=1)
    description: str = Field(min_length=1)
    reached: tuple[Criterion, ...] = Field(
        default=(),
        description="Answers that show the group has got at least this far, whatever is "
        "unknown about earlier stages (any one met is enough).",
    )
    running: bool = Field(
        default=False,
        description="True for a stage after the spin-out: reports speak of running and "
        "sustaining the mutual, not of readiness to start.",
    )
    entry: tuple[Criterion, ...] = ()
    exit: tuple[Criterion, ...] = Field(min_length=1)
    tasks: tuple[str, ...] = Field(min_length=1)


class FitRule(Frozen):
    runtime: ClassVar[type] = guidance.FitRule
    when: Condition
    points: float = Field(default=0.0, ge=-10, le=10)
    exclude: bool = Field(default=False, description="Rules the form out when it holds.")
    reason: str = Field(min_length=1)

    @model_validator(mode="after")
    def _effect(self) -> FitRule:
        if not self.exclude and self.points == 0:
            raise ValueError("a fit rule needs non-zero `points` or `exclude: true`")
        return self


class LegalAttributes(Frozen):
    runtime: ClassVar[type] = guidance.LegalAttributes
    control: str
    profit_distribution: str
    asset_lock: str
    charitable: str
    outside_investment: str


class LegalForm(Cited):
    runtime: ClassVar[type] = guidance.LegalForm
    id: Id
    name: str = Field(min_length=1)
    summary: str = Field(min_length=1)
    attributes: LegalAttributes
    fit: tuple[FitRule, ...] = Field(min_length=1)
    caveats: tuple[str, ...] = ()


class Band(Frozen):
    runtime: ClassVar[type] = guidance.Band
    id: Id
    name: str = Field(min_length=1)
    min: float = Field(ge=0, le=100, description="Lowest overall score in this band.")
    description: str = Field(min_length=1)


class Bands(Frozen):
    runtime: ClassVar[type] = guidance.Bands
    levels: tuple[Band, ...] = Field(min_length=2)
    caps: dict[Severity, Id] = Field(
        default_factory=dict,
        description="Highest band allowed while a barrier of this severity is raised, e.g. "
        "`{blocker: early, major: developing}`; a barrier's own `cap` overrides it.",
    )
    blocker_cap: Id | None = Field(
        default=None, description="Older spelling of `caps: {blocker: ...}`; give one or the "
        "other.",
    )
    min_confidence: float = Field(
        default=0.0, ge=0, le=1,
        description="Share of the weighted questions (0-1) that must be answered before the "
        "band is shown as established; below it the band is provisional.",
    )


class GroupWarningRule(Cited):
    """A warning a group report shows prominently when every threshold it gives holds."""

    runtime: ClassVar[type] = guidance.GroupWarningRule
    id: Id
    title: str = Field(min_length=1)
    message: str = Field(min_length=1, description="What the warning says, in plain words.")
    senior_share_at_least: float | None = Field(
        default=None, ge=0, le=1,
        description="Holds when at least this share of respondents have a senior role.",
    )
    participation_below: float | None = Field(
        default=None, ge=0, le=1,
        description="Holds when respondents / staff count is below this (never when the staff "
        "count is unknown).",
    )
    below_min_group_size: bool = Field(
        default=False,
        description="Holds when there are fewer respondents than the minimum group size.",
    )

    @model_validator(mode="after")
    def _has_threshold(self) -> GroupWarningRule:
        if (self.senior_share_at_least is None and self.participation_below is None
                and not self.below_min_group_size):
            raise ValueError(
                "a group warning needs a threshold — give `senior_share_at_least`, "
                "`participation_below` or `below_min_group_size: true`"
            )
        return self


class GlossaryTerm(Frozen):
    """A word explained in plain English. Definitions are spinout's own (editorial)."""

    runtime: ClassVar[type] = guidance.GlossaryTerm
    id: Id
    term: str = Field(min_length=1, description="The word or phrase as readers meet it.")
    definition: str = Field(min_length=1, description="What it means, in plain words.")
    also: tuple[str, ...] = Field(
        default=(), description="Other forms of the term found in the texts, e.g. plurals."
    )
    as_of: AsOf | None = Field(
        default=None, description="For a term that names a law or scheme: the date it refers to."
    )

    @field_validator("as_of", mode="before")
    @classmethod
    def _as_of_text(cls, v: Any) -> Any:
        return year_text(v)
