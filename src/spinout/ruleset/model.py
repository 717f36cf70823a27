"""The rule-set data model: frozen pydantic models for every kind of guidance item.

One YAML file under ``rules/`` validates as a :class:`RuleFile` (every section optional); the
loader joins the files into one :class:`RuleSet`. Field docs double as the JSON Schema that
``spinout rules schema`` prints for editors.
"""

from __future__ import annotations

import datetime
from typing import Annotated, Any, Literal, Union

from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    PrivateAttr,
    Tag,
    field_validator,
    model_validator,
)

Id = Annotated[
    str,
    Field(
        pattern=r"^[a-z][a-z0-9_]*$",
        max_length=64,
        description="Stable identifier: lower case letters, digits and underscores.",
    ),
]
QuestionType = Literal["yes_no", "single", "multi", "scale", "number", "text"]
Severity = Literal["blocker", "major", "minor"]
OptionValue = Union[bool, int, str]  # noqa: UP007 - pydantic JSON Schema reads this form
DONT_KNOW = "dont_know"
SEVERITIES: tuple[Severity, ...] = ("blocker", "major", "minor")


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


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


# --- conditions -------------------------------------------------------------------------------


class AnswerCondition(Frozen):
    """A test on one answer. Exactly one test key is given; an unanswered or "don't know"
    answer makes every test false except ``answered: false``."""

    answer: Id = Field(description="Id of the question whose answer is tested.")
    is_: OptionValue | None = Field(default=None, alias="is", description="Equals this value.")
    in_: tuple[OptionValue, ...] | None = Field(
        default=None, alias="in", description="Is one of these values."
    )
    includes: OptionValue | None = Field(
        default=None, description="For multi questions: this option is among those chosen."
    )
    at_least: float | None = Field(default=None, description="Number or scale at least this.")
    at_most: float | None = Field(default=None, description="Number or scale at most this.")
    answered: bool | None = Field(
        default=None, description="True: has a real answer; false: unanswered or don't know."
    )

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    @model_validator(mode="after")
    def _one_test(self) -> AnswerCondition:
        given = [k for k in self.test_keys() if getattr(self, k) is not None]
        if len(given) != 1:
            raise ValueError(
                "an answer condition needs exactly one test — use one of "
                "`is`, `in`, `includes`, `at_least`, `at_most`, `answered`"
            )
        return self

    @staticmethod
    def test_keys() -> tuple[str, ...]:
        return ("is_", "in_", "includes", "at_least", "at_most", "answered")

    @property
    def test(self) -> str:
        return next(k for k in self.test_keys() if getattr(self, k) is not None)


class DimensionCondition(Frozen):
    """A test on a dimension's score (0–100). Not allowed in question conditions."""

    dimension: Id
    below: float | None = Field(default=None, ge=0, le=100)
    at_least: float | None = Field(default=None, ge=0, le=100)

    @model_validator(mode="after")
    def _one_test(self) -> DimensionCondition:
        if (self.below is None) == (self.at_least is None):
            raise ValueError("a dimension condition needs exactly one of `below` or `at_least`")
        return self


class AllCondition(Frozen):
    all: tuple[Condition, ...] = Field(min_length=1)


class AnyCondition(Frozen):
    any: tuple[Condition, ...] = Field(min_length=1)


class NotCondition(Frozen):
    not_: Condition = Field(alias="not")

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)


CONDITION_KEYS = ("all", "any", "not", "answer", "dimension")


def _condition_kind(value: Any) -> str | None:
    if isinstance(value, BaseModel):
        return {
            AllCondition: "all",
            AnyCondition: "any",
            NotCondition: "not",
            AnswerCondition: "answer",
            DimensionCondition: "dimension",
        }.get(type(value))
    if isinstance(value, dict):
        return next((k for k in CONDITION_KEYS if k in value), None)
    return None


Condition = Annotated[
    Union[  # noqa: UP007
        Annotated[AllCondition, Tag("all")],
        Annotated[AnyCondition, Tag("any")],
        Annotated[NotCondition, Tag("not")],
        Annotated[AnswerCondition, Tag("answer")],
        Annotated[DimensionCondition, Tag("dimension")],
    ],
    Discriminator(
        _condition_kind,
        custom_error_type="condition",
        custom_error_message=(
            "not a condition — start it with one of `all`, `any`, `not`, `answer`, `dimension`"
        ),
    ),
]
for _model in (AllCondition, AnyCondition, NotCondition):
    _model.model_rebuild()


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


class Question(Cited):
    id: Id
    section: Id
    text: str = Field(min_length=1)
    help: str = Field(min_length=1, description="Why we ask, in plain words.")
    type: QuestionType
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

    @model_validator(mode="after")
    def _shape(self) -> Question:
        values = [o.value for o in self.options]
        if DONT_KNOW in values:
            raise ValueError("`dont_know` is reserved — give the option another value")
        if len(set(map(repr, values))) != len(values):
            raise ValueError("two options share a value — each option needs its own `value`")
        t = self.type
        if t in ("single", "multi") and len(self.options) < 2:
            raise ValueError(f"a {t} question needs at least two `options`")
        if t == "yes_no" and sorted(map(repr, values)) not in ([], ["False", "True"]):
            raise ValueError("yes_no options must have the values `true` and `false`")
        if t in ("number", "text") and self.options:
            raise ValueError(f"a {t} question takes no `options` — remove them")
        if t == "scale" and (self.min is None or self.max is None) and not self.options:
            raise ValueError("a scale needs `min` and `max`, or `options`")
        if self.min is not None and self.max is not None and self.min >= self.max:
            raise ValueError("`min` must be less than `max`")
        if self.linear and not (t == "number" or (t == "scale" and not self.options)):
            raise ValueError("`linear` scoring is only for number questions and option-less scales")
        if self.linear and (self.min is None or self.max is None):
            raise ValueError("`linear` scoring needs both `min` and `max`")
        if t == "text" and self.action:
            raise ValueError("a text question cannot carry an `action`")
        return self

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


class Criterion(Frozen):
    label: str = Field(min_length=1)
    when: Condition


class Stage(Cited):
    id: Id
    name: str = Field(min_length=1)
    description: str = Field(min_length=1)
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
    blocker_cap: Id = Field(description="Highest band allowed while any blocker is triggered.")


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
    _cache: dict[str, Any] = PrivateAttr(default_factory=dict)

    def question(self, qid: str) -> Question:
        return self._index("questions")[qid]

    def dimension(self, did: str) -> Dimension:
        return self._index("dimensions")[did]

    def source(self, sid: str) -> Source:
        return self._index("sources")[sid]

    def role(self, rid: str) -> Role:
        return self._index("roles")[rid]

    def _index(self, kind: str) -> dict[str, Any]:
        cache = self.__pydantic_private__["_cache"]  # type: ignore[index] - hot path: no __getattr__
        if kind not in cache:
            cache[kind] = {item.id: item for item in getattr(self, kind)}
        return cache[kind]

    def has(self, kind: str, item_id: str) -> bool:
        return item_id in self._index(kind)

    def questions_in_order(self) -> tuple[Question, ...]:
        """Questions section by section (sections in declared order), file order within."""
        cache = self._cache
        if "ordered" not in cache:
            rank = {s.id: i for i, s in enumerate(self.sections)}
            cache["ordered"] = tuple(
                sorted(self.questions, key=lambda q: rank.get(q.section, len(rank)))
            )
        return cache["ordered"]
