"""Questions and what they hang on: sections, options, linear scoring and the dimensions they
score."""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import Field, field_validator, model_validator

from spinout import qtypes
from spinout.ruleset import questions
from spinout.ruleset.schema.cited import Cited
from spinout.ruleset.schema.conditions import Condition
from spinout.ruleset.schema.fields import Frozen, Id, OptionValue
from spinout.values import DONT_KNOW


class Dimension(Cited):
    runtime: ClassVar[type] = questions.Dimension
    id: Id
    name: str = Field(min_length=1)
    description: str = Field(min_length=1)
    weight: float = Field(default=1.0, gt=0, le=10)


class Section(Frozen):
    runtime: ClassVar[type] = questions.Section
    id: Id
    name: str = Field(min_length=1)
    intro: str = ""


class Option(Frozen):
    runtime: ClassVar[type] = questions.Option
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

    runtime: ClassVar[type] = questions.LinearScore
    at_min: float = Field(ge=0, le=100)
    at_max: float = Field(ge=0, le=100)


def _type_schema(schema: dict[str, Any]) -> None:
    schema["enum"] = list(qtypes.names())


class Question(Cited):
    runtime: ClassVar[type] = questions.Question
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
        question = self.to_runtime()
        if self.low_label or self.high_label:
            if not (self.low_label and self.high_label):
                raise ValueError("`low_label` and `high_label` come as a pair — give both")
            if question.kind.end_labels(question) is None:
                raise ValueError("only scales take `low_label` and `high_label` — remove them")
        problem = question.kind.shape_error(question)
        if problem:
            raise ValueError(problem)
        return self
