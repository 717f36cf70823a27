"""The rule-set data model: frozen pydantic models for every kind of guidance item.

One YAML file under ``rules/`` validates as a :class:`RuleFile` (every section optional); the
loader joins the files into one :class:`RuleSet`. Field docs double as the JSON Schema that
``spinout rules schema`` prints for editors.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from functools import cached_property
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import ConfigDict, Field, field_validator, model_validator

from spinout import qtypes
from spinout.ruleset.conditions import Condition
from spinout.ruleset.fields import Frozen, Id, OptionValue
from spinout.values import DONT_KNOW

if TYPE_CHECKING:
    from spinout.qtypes.base import QuestionType
    from spinout.ruleset.citations import SourceText
    from spinout.ruleset.index import RuleIndex

Severity = Literal["blocker", "major", "minor"]
SEVERITIES: tuple[Severity, ...] = ("blocker", "major", "minor")


class Citation(Frozen):
    """A verbatim passage of a source document that an item rests on."""

    source: Id = Field(description="Id of a source declared in sources.yaml.")
    quote: str = Field(min_length=12, description="Words copied exactly from the source.")


AS_OF_PATTERN = r"^(19|20)\d\d(-\d\d-\d\d)?([–-](19|20)\d\d(-\d\d-\d\d)?)?$"
AsOf = Annotated[
    str,
    Field(
        pattern=AS_OF_PATTERN,
        description="When the scheme, body, right or law the item names was as described: a "
        "year (`2012`), an ISO date (`2025-02-24`) or a range (`2011-2013`).",
    ),
]


def _year_text(value: Any) -> Any:
    """YAML reads `2012` as a number and `2025-02-24` as a date: keep both as text."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


class Cited(Frozen):
    """Mixin for guidance items: each cites the sources or is marked editorial."""

    cite: tuple[Citation, ...] = Field(default=(), description="Passages this item rests on.")
    editorial: bool = Field(
        default=False, description="True when the content goes beyond what the sources say."
    )
    editorial_note: str | None = Field(
        default=None, min_length=1,
        description="spinout's own advice or later facts, kept apart from the sentences that "
        "rest on the cited passages.",
    )
    as_of: AsOf | None = Field(
        default=None,
        description="Required when the item names a scheme, body, right or law: the date or "
        "year it refers to, so readers know to check the current position.",
    )

    @field_validator("as_of", mode="before")
    @classmethod
    def _as_of_text(cls, v: Any) -> Any:
        return _year_text(v)

    @model_validator(mode="after")
    def _cited_or_editorial(self) -> Cited:
        if not self.cite and not self.editorial:
            raise ValueError(
                "no citation — add a `cite:` entry quoting the source, or mark it `editorial: true`"
            )
        return self


# --- items ------------------------------------------------------------------------------------


class Source(Frozen):
    id: Id
    file: str = Field(description="File name inside seeds/ (no folders).")
    title: str = Field(min_length=1)
    publisher: str | None = Field(
        default=None, min_length=1, description="Who published it, as readers should see it."
    )
    date: str | None = Field(
        default=None, min_length=1, description="When it was published, e.g. `2010` or "
        "`2011-2012` for an archive of articles.",
    )
    headlines: tuple[str, ...] = Field(
        default=(),
        description="Article headlines in the file, each exactly one of its lines, in order.",
    )

    @property
    def cited_as(self) -> str:
        """How readers see the source named: title, publisher and date (never the file)."""
        return ", ".join(part for part in (self.title, self.publisher, self.date) if part)

    @field_validator("file")
    @classmethod
    def _plain_name(cls, v: str) -> str:
        if not v or "/" in v or "\\" in v or v.startswith(".") or "\0" in v:
            raise ValueError(
                "a source file must be a plain file name inside seeds/ "
                "(no folders, no `..`, no absolute path)"
            )
        return v


class Role(Frozen):
    id: Id
    label: str = Field(min_length=1)
    senior: bool = Field(default=False, description="True for senior management roles.")


class Dimension(Cited):
    id: Id
    name: str = Field(min_length=1)
    description: str = Field(min_length=1)
    weight: float = Field(default=1.0, gt=0, le=10)


class Section(Frozen):
    id: Id
    name: str = Field(min_length=1)
    intro: str = ""


class Option(Frozen):
    value: OptionValue = Field(description="Stable value stored in answers files.")
    label: str = Field(min_length=1)
    scores: dict[Id, float] = Field(
        default_factory=dict, description="Points 0–100 this option gives each dimension."
    )

    @field_validator("scores")
    @classmethod
    def _range(cls, v: dict[str, float]) -> dict[str, float]:
        for dim, pts in v.items():
            if not 0 <= pts <= 100:
                raise ValueError(f"score for `{dim}` is {pts:g} — scores run from 0 to 100")
        return v


class LinearScore(Frozen):
    """Points for a number or option-less scale: straight line from ``at_min`` to ``at_max``."""

    at_min: float = Field(ge=0, le=100)
    at_max: float = Field(ge=0, le=100)


def _type_schema(schema: dict[str, Any]) -> None:
    schema["enum"] = list(qtypes.names())


class Question(Cited):
    id: Id
    section: Id
    text: str = Field(min_length=1)
    help: str = Field(min_length=1, description="Why we ask, in plain words.")
    type: str = Field(description="The question type.", json_schema_extra=_type_schema)
    options: tuple[Option, ...] = ()
    min: float | None = None
    max: float | None = None
    linear: dict[Id, LinearScore] = Field(
        default_factory=dict, description="Number and option-less scale scoring by dimension."
    )
    weight: float = Field(default=1.0, gt=0, le=10)
    when: Condition | None = Field(default=None, description="Ask only when this holds.")
    dont_know: bool = True
    action: str | None = Field(
        default=None, description="What to do to improve this answer, for next best actions."
    )
    low_label: str | None = Field(
        default=None, min_length=1,
        description="Scales without options: what the lowest number means, e.g. `Not at all "
        "sure`.",
    )
    high_label: str | None = Field(
        default=None, min_length=1,
        description="Scales without options: what the highest number means, e.g. "
        "`Completely sure`.",
    )
    fact: bool = Field(
        default=False,
        description="True when the answer records a fact about the service, its history or "
        "outside events that the group cannot change (the kind of service, who started the "
        "idea, a takeover, a campaign): next best actions never propose changing it, and a "
        "barrier resting on it gives advice on how to respond.",
    )
    context: bool = Field(
        default=False,
        description="True for a question asked for context only: it is not scored, and "
        "reports list its answer under the context of the assessment.",
    )

    @field_validator("type")
    @classmethod
    def _known_type(cls, v: str) -> str:
        if v not in qtypes.names():
            from spinout.ruleset.checks import did_you_mean

            raise ValueError(f"unknown question type `{v}` — "
                             + did_you_mean(v, qtypes.names()))
        return v

    @model_validator(mode="after")
    def _shape(self) -> Question:
        values = [o.value for o in self.options]
        if DONT_KNOW in values:
            raise ValueError("`dont_know` is reserved — give the option another value")
        if len(set(map(repr, values))) != len(values):
            raise ValueError("two options share a value — each option needs its own `value`")
        if self.min is not None and self.max is not None and self.min >= self.max:
            raise ValueError("`min` must be less than `max`")
        if self.low_label or self.high_label:
            if not (self.low_label and self.high_label):
                raise ValueError("`low_label` and `high_label` come as a pair — give both")
            if self.kind.end_labels(self) is None:
                raise ValueError("only scales take `low_label` and `high_label` — remove them")
        problem = self.kind.shape_error(self)
        if problem:
            raise ValueError(problem)
        return self

    @property
    def kind(self) -> QuestionType:
        """The question's type, which knows how its answers are read, scored and shown."""
        return qtypes.get(self.type)

    @property
    def is_comment(self) -> bool:
        """True for free-text questions: never scored, never a missing answer."""
        return self.kind.shape(self) is qtypes.Shape.TEXT

    @property
    def dimensions(self) -> tuple[str, ...]:
        """Dimensions this question scores, in first-mention order."""
        seen: dict[str, None] = {}
        for o in self.options:
            seen.update(dict.fromkeys(o.scores))
        seen.update(dict.fromkeys(self.linear))
        return tuple(seen)

    def option(self, value: object) -> Option | None:
        for o in self.options:
            if o.value == value and type(o.value) is type(value):
                return o
        return None


class Barrier(Cited):
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
    label: str = Field(min_length=1)
    when: Condition


class Stage(Cited):
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
    when: Condition
    points: float = Field(default=0, ge=-10, le=10)
    exclude: bool = Field(default=False, description="Rules the form out when it holds.")
    reason: str = Field(min_length=1)

    @model_validator(mode="after")
    def _effect(self) -> FitRule:
        if not self.exclude and self.points == 0:
            raise ValueError("a fit rule needs non-zero `points` or `exclude: true`")
        return self


class LegalAttributes(Frozen):
    control: str
    profit_distribution: str
    asset_lock: str
    charitable: str
    outside_investment: str


class LegalForm(Cited):
    id: Id
    name: str = Field(min_length=1)
    summary: str = Field(min_length=1)
    attributes: LegalAttributes
    fit: tuple[FitRule, ...] = Field(min_length=1)
    caveats: tuple[str, ...] = ()


class Band(Frozen):
    id: Id
    name: str = Field(min_length=1)
    min: float = Field(ge=0, le=100, description="Lowest overall score in this band.")
    description: str = Field(min_length=1)


class GroupWarningRule(Cited):
    """A warning a group report shows prominently when every threshold it gives holds."""

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
        return _year_text(v)


class Bands(Frozen):
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
        default=0, ge=0, le=1,
        description="Share of the weighted questions (0-1) that must be answered before the "
        "band is shown as established; below it the band is provisional.",
    )

    def cap_for(self, severity: str) -> str | None:
        """The band a barrier of ``severity`` caps the readiness band at (None: no cap)."""
        found = self.caps.get(severity)  # type: ignore[call-overload]
        if found is None and severity == "blocker":
            return self.blocker_cap
        return found


class Header(Frozen):
    name: Id
    version: str = Field(min_length=1)
    title: str = Field(min_length=1)
    min_group_size: int = Field(
        default=10, ge=2, le=1000,
        description="Smallest subgroup a group report breaks down (by role or otherwise).",
    )
    staff_count_question: Id | None = Field(
        default=None,
        description="Id of the number question giving the staff count; a group's staff count "
        "is the median of its answers.",
    )
    sources_period: str | None = Field(
        default=None, min_length=1,
        description="The years the source documents describe, e.g. `2010-2012`.",
    )
    reviewed: datetime.date | None = Field(
        default=None, description="When the guidance was last reviewed (an ISO date)."
    )


class RuleFile(Frozen):
    """One YAML file under rules/. Sections may be split over several files; each list section
    is joined in file-name order."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    ruleset: Header | None = None
    sources: tuple[Source, ...] = ()
    roles: tuple[Role, ...] = ()
    dimensions: tuple[Dimension, ...] = ()
    sections: tuple[Section, ...] = ()
    questions: tuple[Question, ...] = ()
    barriers: tuple[Barrier, ...] = ()
    stages: tuple[Stage, ...] = ()
    legal_forms: tuple[LegalForm, ...] = ()
    group_warnings: tuple[GroupWarningRule, ...] = ()
    glossary: tuple[GlossaryTerm, ...] = ()
    bands: Bands | None = None


LIST_SECTIONS = (
    "sources",
    "roles",
    "dimensions",
    "sections",
    "questions",
    "barriers",
    "stages",
    "legal_forms",
    "group_warnings",
    "glossary",
)


class RuleSet(Frozen):
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    header: Header
    sources: tuple[Source, ...]
    roles: tuple[Role, ...]
    dimensions: tuple[Dimension, ...]
    sections: tuple[Section, ...]
    questions: tuple[Question, ...]
    barriers: tuple[Barrier, ...]
    stages: tuple[Stage, ...]
    legal_forms: tuple[LegalForm, ...]
    bands: Bands
    group_warnings: tuple[GroupWarningRule, ...] = ()
    glossary: tuple[GlossaryTerm, ...] = ()
    digest: str = Field(description="sha256 of the rule files' bytes, in file-name order.")
    seeds: dict[str, str] = Field(
        default_factory=dict, description="Source id -> the document's text.", repr=False
    )

    @cached_property
    def index(self) -> RuleIndex:
        """Lookups by id and the tables derived from the rules, built on first use."""
        from spinout.ruleset.index import RuleIndex

        return RuleIndex.build(self)

    @cached_property
    def texts(self) -> dict[str, SourceText]:
        """Each source's text, normalised for finding quotes, built on first use."""
        from spinout.ruleset.citations import SourceText

        return {s.id: SourceText(self.seeds[s.id], s.headlines)
                for s in self.sources if s.id in self.seeds}

    def model_copy(self, *, update: Mapping[str, Any] | None = None,
                   deep: bool = False) -> RuleSet:
        """A copy with ``update`` applied; its index and texts are built afresh."""
        copy = super().model_copy(update=update, deep=deep)
        for derived in ("index", "texts"):
            copy.__dict__.pop(derived, None)
        return copy

    def question(self, qid: str) -> Question:
        return self.index.by_kind["questions"][qid]

    def dimension(self, did: str) -> Dimension:
        return self.index.by_kind["dimensions"][did]

    def source(self, sid: str) -> Source:
        return self.index.by_kind["sources"][sid]

    def role(self, rid: str) -> Role:
        return self.index.by_kind["roles"][rid]

    def barrier(self, bid: str) -> Barrier:
        return self.index.by_kind["barriers"][bid]

    def stage(self, sid: str) -> Stage:
        return self.index.by_kind["stages"][sid]

    def legal_form(self, fid: str) -> LegalForm:
        return self.index.by_kind["legal_forms"][fid]

    def band(self, bid: str) -> Band:
        return self.index.by_kind["bands"][bid]

    def has(self, kind: str, item_id: str) -> bool:
        return item_id in self.index.by_kind[kind]

    def questions_in_order(self) -> tuple[Question, ...]:
        """Questions section by section (sections in declared order), file order within."""
        return self.index.ordered
