"""Conditions: when a question is asked, a barrier raised, a stage criterion met or a legal
form favoured. Everything about them lives here: the model rules files are read into, the two
readings (:func:`holds` and the three-valued :func:`maybe`), the walk over their leaf tests,
and their description in plain words.

Conditions are structured YAML (``all``/``any``/``not`` over answer and dimension-score
tests), never code. :func:`holds` treats an unanswered or "don't know" answer as failing every
test except ``answered: false``; :func:`maybe` answers yes, no or ``None`` (it depends on
answers not known yet), for deciding whether a follow-up question could still apply.
"""

from __future__ import annotations

from collections.abc import Callable, Container, Iterator, Mapping
from types import MappingProxyType
from typing import Annotated, Any, Union

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag, model_validator

from spinout.ruleset.fields import Frozen, Id, OptionValue
from spinout.values import Answers, is_number, same


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


NO_SCORES: Mapping[str, float | None] = MappingProxyType({})
NO_ANSWERS: Answers = MappingProxyType({})


def holds(condition: object, answers: Answers,
          scores: Mapping[str, float | None] = NO_SCORES) -> bool:
    """Whether ``condition`` holds. ``answers`` holds only real answers (no "don't know")."""
    if condition is None:
        return True
    if isinstance(condition, AnswerCondition):
        return _answer_holds(condition, answers)
    if isinstance(condition, AllCondition):
        return all(holds(c, answers, scores) for c in condition.all)
    if isinstance(condition, AnyCondition):
        return any(holds(c, answers, scores) for c in condition.any)
    if isinstance(condition, NotCondition):
        return not holds(condition.not_, answers, scores)
    if isinstance(condition, DimensionCondition):
        return _dimension_holds(condition, scores)
    raise TypeError(f"not a condition: {condition!r}")


def maybe(condition: object, shown: Answers, settled: Container[str],
          dimension: Callable[[DimensionCondition], bool | None] | None = None) -> bool | None:
    """Three-valued reading of a condition. ``shown`` holds the real answers whose question
    surely applies; ``settled`` the ids of questions that surely do not apply (their answers
    count as not given). A test on any other question is unknown (``None``). ``dimension``
    reads a dimension test the same way; without it only answer conditions may be read."""
    if condition is None:
        return True
    if isinstance(condition, AnswerCondition):
        if condition.answer in shown:
            return _answer_holds(condition, shown)
        if condition.answer in settled:
            return _answer_holds(condition, NO_ANSWERS)
        return None
    if isinstance(condition, AllCondition):
        parts = [maybe(c, shown, settled, dimension) for c in condition.all]
        return False if False in parts else None if None in parts else True
    if isinstance(condition, AnyCondition):
        parts = [maybe(c, shown, settled, dimension) for c in condition.any]
        return True if True in parts else None if None in parts else False
    if isinstance(condition, NotCondition):
        inner = maybe(condition.not_, shown, settled, dimension)
        return None if inner is None else not inner
    if isinstance(condition, DimensionCondition) and dimension is not None:
        return dimension(condition)
    raise TypeError(f"not an answer condition: {condition!r}")


def _dimension_holds(c: DimensionCondition, scores: Mapping[str, float | None]) -> bool:
    score = scores.get(c.dimension)
    if score is None:
        return False
    if c.below is not None:
        return score < c.below
    return score >= c.at_least  # type: ignore[operator]


def _answer_holds(c: AnswerCondition, answers: Answers) -> bool:
    if c.answered is not None:
        return (c.answer in answers) == c.answered
    if c.answer not in answers:
        return False
    value = answers[c.answer]
    if c.is_ is not None:
        return same(value, c.is_)
    if c.in_ is not None:
        return any(same(value, v) for v in c.in_)
    if c.includes is not None:
        return isinstance(value, list) and any(same(v, c.includes) for v in value)
    if not is_number(value):
        return False
    if c.at_least is not None:
        return value >= c.at_least
    return c.at_most is not None and value <= c.at_most


def reasons(condition: object, answers: Answers, scores: Mapping[str, float | None],
            outcome: bool = True) -> Iterator[AnswerCondition | DimensionCondition]:
    """The leaf tests that give ``condition`` its ``outcome``: every part of an ``all`` that
    holds, only the parts of an ``any`` that hold, and the reverse under ``not``."""
    if isinstance(condition, NotCondition):
        yield from reasons(condition.not_, answers, scores, not outcome)
    elif isinstance(condition, AllCondition | AnyCondition):
        parts = condition.all if isinstance(condition, AllCondition) else condition.any
        needs_every = isinstance(condition, AllCondition) == outcome
        for part in parts:
            if needs_every or holds(part, answers, scores) == outcome:
                yield from reasons(part, answers, scores, outcome)
    elif isinstance(condition, AnswerCondition | DimensionCondition):
        yield condition


def answer_refs(condition: object) -> list[str]:
    """Ids of the questions a condition reads, in order of first mention."""
    seen: dict[str, None] = {}
    for leaf, _ in walk(condition):
        if isinstance(leaf, AnswerCondition):
            seen.setdefault(leaf.answer)
    return list(seen)


def dimension_refs(condition: object) -> list[str]:
    """Ids of the dimensions a condition reads, in order of first mention."""
    seen: dict[str, None] = {}
    for leaf, _ in walk(condition):
        if isinstance(leaf, DimensionCondition):
            seen.setdefault(leaf.dimension)
    return list(seen)

def walk(condition: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, tuple[Any, ...]]]:
    """Every leaf test of a condition with its path inside the condition's YAML."""
    if isinstance(condition, AllCondition | AnyCondition):
        key = "all" if isinstance(condition, AllCondition) else "any"
        for i, child in enumerate(getattr(condition, key)):
            yield from walk(child, (*path, key, i))
    elif isinstance(condition, NotCondition):
        yield from walk(condition.not_, (*path, "not"))
    elif condition is not None:
        yield condition, path


# --- in plain words ---------------------------------------------------------------------------

Labeller = Callable[[str, object], str | None]


def describe(cond: Any, question_name: Callable[[str], str], label: Labeller,
             dimension_name: Callable[[str], str]) -> str:
    """A condition in plain words. ``question_name`` names a question (for example "question
    12"), ``label`` gives the words for a value of a question's answer (None when unknown) and
    ``dimension_name`` names a dimension."""
    words = _Words(question_name, label, dimension_name)
    return words.say(cond)


class _Words:
    def __init__(self, question_name: Callable[[str], str], label: Labeller,
                 dimension_name: Callable[[str], str]) -> None:
        self.question_name, self.label, self.dimension_name = question_name, label, \
            dimension_name

    def say(self, cond: Any) -> str:
        if isinstance(cond, AllCondition):
            return " and ".join(self._part(c) for c in cond.all)
        if isinstance(cond, AnyCondition):
            return " or ".join(self._part(c) for c in cond.any)
        if isinstance(cond, NotCondition):
            return f"it is not the case that {self._part(cond.not_)}"
        if isinstance(cond, DimensionCondition):
            limit = f"below {_plain(cond.below)}" if cond.below is not None else \
                f"at least {_plain(cond.at_least)}"
            return f"the {self.dimension_name(cond.dimension)} score is {limit}"
        return self._answer(cond)

    def _part(self, cond: Any) -> str:
        words = self.say(cond)
        return f"({words})" if isinstance(cond, AllCondition | AnyCondition) else words

    def _value(self, qid: str, value: object) -> str:
        found = self.label(qid, value)
        return f"“{found if found is not None else _plain(value)}”"

    def _answer(self, cond: AnswerCondition) -> str:
        where = self.question_name(cond.answer)
        test = cond.test
        if test == "is_":
            return f"you answered {self._value(cond.answer, cond.is_)} to {where}"
        if test == "in_":
            said = " or ".join(self._value(cond.answer, v) for v in cond.in_ or ())
            return f"you answered {said} to {where}"
        if test == "includes":
            return f"you ticked {self._value(cond.answer, cond.includes)} at {where}"
        if test == "at_least":
            return f"your answer to {where} is at least {_plain(cond.at_least)}"
        if test == "at_most":
            return f"your answer to {where} is at most {_plain(cond.at_most)}"
        if cond.answered:
            return f"you answered {where}"
        return f"you did not answer {where} or did not know"


def _plain(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# --- as an XPath expression (XLSForm `relevant`) ----------------------------------------------

ChoiceName = Callable[[str, object], str | None]


def xpath(cond: Any, choice_name: ChoiceName, dont_know: str = "dont_know") -> str:
    """An answers-only condition as an XLSForm ``relevant`` expression on ``${question}``
    fields. ``choice_name`` gives the choice name that stands for a value of a question's
    answer (None for a question answered with a number). Each test is false for an empty
    or "don't know" answer, as in :func:`holds`; raises ValueError on a dimension test."""
    if isinstance(cond, AllCondition | AnyCondition):
        parts = cond.all if isinstance(cond, AllCondition) else cond.any
        joiner = " and " if isinstance(cond, AllCondition) else " or "
        return joiner.join(_grouped(xpath(c, choice_name, dont_know), c) for c in parts)
    if isinstance(cond, NotCondition):
        return f"not({xpath(cond.not_, choice_name, dont_know)})"
    if isinstance(cond, AnswerCondition):
        return _answer_xpath(cond, choice_name, dont_know)
    raise ValueError(f"a question's condition cannot be written in XPath: {cond!r}")


def _grouped(text: str, cond: Any) -> str:
    return f"({text})" if isinstance(cond, AllCondition | AnyCondition) else text


def _answer_xpath(c: AnswerCondition, choice_name: ChoiceName, dont_know: str) -> str:
    field = f"${{{c.answer}}}"

    def literal(value: object) -> str:
        name = choice_name(c.answer, value)
        if name is None:
            return _plain(value)
        return f"'{name}'" if "'" not in name else f'"{name}"'

    test = c.test
    if test == "is_":
        return f"{field} = {literal(c.is_)}"
    if test == "in_":
        said = " or ".join(f"{field} = {literal(v)}" for v in c.in_ or ())
        return f"({said})" if len(c.in_ or ()) > 1 else said
    if test == "includes":
        return f"selected({field}, {literal(c.includes)})"
    if test in ("at_least", "at_most"):
        sign, limit = (">=", c.at_least) if test == "at_least" else ("<=", c.at_most)
        return f"({field} != '' and {field} != '{dont_know}' and {field} {sign} {_plain(limit)})"
    known = f"{field} != '' and {field} != '{dont_know}'"
    return f"({known})" if c.answered else f"not({known})"
