"""Question types. Each owns how its questions are written in the rules, answered, scored and
shown; the rest of spinout asks the type rather than branching on its name.

A new type is one module defining a :class:`~spinout.qtypes.base.QuestionType` subclass, plus
its registration here (or a call to :func:`register` before the rules are loaded).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spinout.qtypes import multi, number, scale, single, text, yes_no
from spinout.qtypes.base import AnswerProblem, QuestionType, Shape, Trouble
from spinout.values import DONT_KNOW, AnswerValue, is_dont_know, is_real

if TYPE_CHECKING:
    from spinout.ruleset.model import Question

__all__ = ["AnswerProblem", "QuestionType", "Shape", "answer_error", "answer_label",
           "answer_points", "get", "names", "read_answer", "register", "unregister"]

DONT_KNOW_LABEL = "Don't know"
NOT_ANSWERED = "Not answered"

_REGISTRY: dict[str, QuestionType] = {}


def register(kind: QuestionType) -> QuestionType:
    """Make ``kind`` available to rules files under ``kind.name``; returns it."""
    _REGISTRY[kind.name] = kind
    return kind


def unregister(name: str) -> None:
    """Withdraw the type called ``name`` (rules that use it no longer load)."""
    _REGISTRY.pop(name, None)


def get(name: str) -> QuestionType:
    """The type called ``name``; KeyError when none is registered."""
    return _REGISTRY[name]


def names() -> tuple[str, ...]:
    return tuple(_REGISTRY)


for _module in (yes_no, single, multi, scale, number, text):
    register(_module.TYPE)


DONT_KNOW_WORDS = frozenset({"dont_know", "don't know", "don’t know", "dont know",
                             "do not know"})


def answer_error(q: Question, value: AnswerValue | None) -> Trouble | None:
    """Why ``value`` is not an answer to ``q`` (a given value, "don't know" where allowed, or a
    real answer its type accepts), or None when it is one. The same words serve answers
    files, survey cells and typed replies."""
    if value is None:
        return "no answer is given", "write an answer or `dont_know`, or delete the line"
    if is_dont_know(value):
        return None if q.dont_know else (
            "this question does not allow \"don't know\"", "give an answer")
    return q.kind.value_error(q, value)


def read_answer(q: Question, text: str) -> AnswerValue:
    """The answer written as ``text`` in a survey cell or on a form: "don't know" in its usual
    spellings, else what the question's type reads. Raises :class:`AnswerProblem`."""
    word = text.strip()
    if word.casefold() in DONT_KNOW_WORDS and q.kind.reads_dont_know(q):
        if not q.dont_know:
            raise AnswerProblem("\"don't know\" is not allowed", "give an answer")
        return DONT_KNOW
    value = q.kind.read(q, word)
    trouble = answer_error(q, value)
    if trouble:
        raise AnswerProblem(*trouble)
    return value


def answer_label(q: Question, value: AnswerValue | None) -> str:
    """The words for an answer: option labels, Yes/No, the number or text given, "Don't know"
    or "Not answered"."""
    if value is None:
        return NOT_ANSWERED
    if is_dont_know(value):
        return DONT_KNOW_LABEL
    return q.kind.label(q, value)


def answer_points(q: Question, value: AnswerValue, dims: tuple[str, ...] | None = None
                  ) -> dict[str, float]:
    """Points 0–100 a real answer gives each dimension the question scores ({} when it gives
    none, or for "don't know"). ``dims`` is ``q.dimensions`` when known."""
    dims = q.dimensions if dims is None else dims
    if not dims or not is_real(value):
        return {}
    return q.kind.points(q, value, dims)
