"""Conditions as a rule file gives them: answer and dimension-score tests joined by ``all``,
``any`` and ``not``, told apart by their first key."""

from __future__ import annotations

from typing import Annotated, Any, ClassVar, Union

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag, model_validator

from spinout.ruleset.conditions import model
from spinout.ruleset.conditions.model import ANSWER_TESTS, CONDITION_KEYS
from spinout.ruleset.schema.fields import Frozen, Id, OptionValue


class AnswerCondition(Frozen):
    """A test on one answer. Exactly one test key is given; an unanswered or "don't know"
    answer makes every test false except ``answered: false``."""

    runtime: ClassVar[type] = model.AnswerCondition

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
        given = [k for k in ANSWER_TESTS if getattr(self, k) is not None]
        if len(given) != 1:
            raise ValueError(
                "an answer condition needs exactly one test — use one of "
                "`is`, `in`, `includes`, `at_least`, `at_most`, `answered`"
            )
        return self


class DimensionCondition(Frozen):
    """A test on a dimension's score (0–100). Not allowed in question conditions."""

    runtime: ClassVar[type] = model.DimensionCondition
    dimension: Id
    below: float | None = Field(default=None, ge=0, le=100)
    at_least: float | None = Field(default=None, ge=0, le=100)

    @model_validator(mode="after")
    def _one_test(self) -> DimensionCondition:
        if (self.below is None) == (self.at_least is None):
            raise ValueError("a dimension condition needs exactly one of `below` or `at_least`")
        return self


class AllCondition(Frozen):
    runtime: ClassVar[type] = model.AllCondition
    all: tuple[Condition, ...] = Field(min_length=1)


class AnyCondition(Frozen):
    runtime: ClassVar[type] = model.AnyCondition
    any: tuple[Condition, ...] = Field(min_length=1)


class NotCondition(Frozen):
    runtime: ClassVar[type] = model.NotCondition
    not_: Condition = Field(alias="not")

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)


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
