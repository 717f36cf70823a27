"""The conditions rule sets hold: answer and dimension-score tests joined by ``all``, ``any`` and
``not``. Each kind is tagged (``kind`` in the rule-set cache), so a cached rule set reads back
into the right kind; rule files never give the tag, they are read through
:mod:`spinout.ruleset.schema.conditions`."""


from typing import Union

from spinout.record import field
from spinout.ruleset.fields import Id, Item, OptionValue

CONDITION_KEYS = ("all", "any", "not", "answer", "dimension")
ANSWER_TESTS = ("is_", "in_", "includes", "at_least", "at_most", "answered")


class _Tagged(Item, tag_field="kind"):
    pass


class AnswerCondition(_Tagged, tag="answer"):
    """A test on one answer. Exactly one test is given; an unanswered or "don't know" answer
    makes every test false except ``answered: false``."""

    answer: Id
    is_: OptionValue | None = field(default=None, name="is")
    in_: tuple[OptionValue, ...] | None = field(default=None, name="in")
    includes: OptionValue | None = None
    at_least: float | None = None
    at_most: float | None = None
    answered: bool | None = None

    @staticmethod
    def test_keys() -> tuple[str, ...]:
        return ANSWER_TESTS

    @property
    def test(self) -> str:
        return next(k for k in ANSWER_TESTS if getattr(self, k) is not None)


class DimensionCondition(_Tagged, tag="dimension"):
    """A test on a dimension's score (0–100). Not allowed in question conditions."""

    dimension: Id
    below: float | None = None
    at_least: float | None = None


class AllCondition(_Tagged, tag="all"):
    all: "tuple[Condition, ...]"


class AnyCondition(_Tagged, tag="any"):
    any: "tuple[Condition, ...]"


class NotCondition(_Tagged, tag="not"):
    not_: "Condition" = field(name="not")


Condition = Union[  # noqa: UP007 - a runtime alias msgspec reads
    AllCondition, AnyCondition, NotCondition, AnswerCondition, DimensionCondition
]
