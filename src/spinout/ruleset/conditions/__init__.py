"""Conditions: when a question is asked, a barrier raised, a stage criterion met or a legal
form favoured. Everything about them lives here: the model rules files are read into, the two
readings (:func:`holds` and the three-valued :func:`maybe`), the walk over their leaf tests,
and their description in plain words.

Conditions are structured YAML (``all``/``any``/``not`` over answer and dimension-score
tests), never code. :func:`holds` treats an unanswered or "don't know" answer as failing every
test except ``answered: false``; :func:`maybe` answers yes, no or ``None`` (it depends on
answers not known yet), for deciding whether a follow-up question could still apply.

The model is in :mod:`.model`, the readings and the walk in :mod:`.reading`, the plain words in
:mod:`.words` and the XLSForm expression in :mod:`.xpath`; every name is importable from here.
"""

from spinout.ruleset.conditions.model import (
    CONDITION_KEYS,
    AllCondition,
    AnswerCondition,
    AnyCondition,
    Condition,
    DimensionCondition,
    NotCondition,
)
from spinout.ruleset.conditions.reading import (
    NO_ANSWERS,
    NO_SCORES,
    answer_refs,
    dimension_refs,
    holds,
    maybe,
    reasons,
    walk,
)
from spinout.ruleset.conditions.words import Labeller, describe
from spinout.ruleset.conditions.xpath import ChoiceName, xpath

__all__ = [
    "CONDITION_KEYS", "NO_ANSWERS", "NO_SCORES", "AllCondition", "AnswerCondition",
    "AnyCondition", "ChoiceName", "Condition", "DimensionCondition", "Labeller", "NotCondition",
    "answer_refs", "describe", "dimension_refs", "holds", "maybe", "reasons", "walk", "xpath",
]
