"""Questions and what they hang on: sections, options, linear scoring and the dimensions they
score."""


from typing import TYPE_CHECKING

from spinout import qtypes
from spinout.record import field
from spinout.ruleset.cited import Cited
from spinout.ruleset.conditions.model import Condition
from spinout.ruleset.fields import Id, Item, OptionValue

if TYPE_CHECKING:
    from spinout.qtypes.base import QuestionType


class Dimension(Cited, kw_only=True):
    id: Id
    name: str
    description: str
    weight: float = 1.0


class Section(Item):
    id: Id
    name: str
    intro: str = ""


class Option(Item):
    value: OptionValue
    label: str
    scores: dict[Id, float] = field(default_factory=dict)


class LinearScore(Item):
    """Points for a number or option-less scale: straight line from ``at_min`` to ``at_max``."""

    at_min: float
    at_max: float


class Question(Cited, kw_only=True):
    id: Id
    section: Id
    text: str
    help: str
    type: str
    options: tuple[Option, ...] = ()
    min: float | None = None
    max: float | None = None
    linear: dict[Id, LinearScore] = field(default_factory=dict)
    weight: float = 1.0
    when: Condition | None = None
    dont_know: bool = True
    action: str | None = None
    low_label: str | None = None
    high_label: str | None = None
    fact: bool = False
    context: bool = False

    @property
    def kind(self) -> "QuestionType":
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
