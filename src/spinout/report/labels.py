"""Answers as a reader sees them: option labels instead of stored values."""

from __future__ import annotations

from spinout.engine.values import DONT_KNOW, AnswerValue, is_number
from spinout.ruleset.model import Question

DONT_KNOW_LABEL = "Don't know"
NOT_ANSWERED = "Not answered"
NONE_CHOSEN = "None of these"


def answer_label(q: Question, value: AnswerValue | None) -> str:
    """The words for an answer: option labels, Yes/No, or the number or text given."""
    if value is None:
        return NOT_ANSWERED
    if isinstance(value, str) and value == DONT_KNOW:
        return DONT_KNOW_LABEL
    if isinstance(value, list):
        labels = [_one(q, v) for v in value]
        return ", ".join(labels) if labels else NONE_CHOSEN
    return _one(q, value)


def _one(q: Question, value: AnswerValue) -> str:
    option = q.option(value)
    if option is not None:
        return option.label
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if is_number(value):
        return format_number(value)
    return str(value)


def format_number(value: float) -> str:
    """A number without a needless ``.0``."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
