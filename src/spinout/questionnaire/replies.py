"""What a respondent can reply to a question, and how typed replies are read.

In typed prompts (numbers and free text) three short keys stand for the special choices that
select lists show as extra lines: ``?`` asks why the question is asked, ``<`` goes back to the
previous question and ``dk`` answers "Don't know".
"""

from __future__ import annotations

from dataclasses import dataclass

from spinout.answers.numbers import parse_number
from spinout.answers.validate import value_error
from spinout.engine.values import DONT_KNOW, AnswerValue
from spinout.ruleset.model import Question

KEY_WHY = "?"
KEY_BACK = "<"
KEY_DONT_KNOW = "dk"
MAX_TEXT = 10_000


@dataclass(frozen=True)
class Reply:
    """``kind`` is "answer" (with ``value``), "why" or "back". "Don't know" is an answer whose
    value is :data:`~spinout.engine.values.DONT_KNOW`."""

    kind: str
    value: AnswerValue | None = None


WHY = Reply("why")
BACK = Reply("back")
DONT_KNOW_REPLY = Reply("answer", DONT_KNOW)


def answer(value: AnswerValue) -> Reply:
    return Reply("answer", value)


def typed_instruction(q: Question, can_back: bool) -> str:
    """The line under a typed prompt that says what to type."""
    if q.type == "text":
        parts = ["Enter to skip"]
    elif q.min is not None and q.max is not None:
        parts = [f"a number from {_num(q.min)} to {_num(q.max)}"]
    else:
        parts = ["a number"]
    parts.append(f"{KEY_WHY} why we ask")
    if can_back:
        parts.append(f"{KEY_BACK} back")
    if q.dont_know:
        parts.append(f"{KEY_DONT_KNOW} don't know")
    return "(" + " · ".join(parts) + ")"


def interpret(q: Question, text: str, can_back: bool) -> Reply | str:
    """The reply typed text stands for, or a message saying why it cannot be accepted."""
    typed = text.strip()
    if typed == KEY_WHY:
        return WHY
    if typed == KEY_BACK:
        return BACK if can_back else "this is the first question: there is nothing before it"
    if typed.lower() == KEY_DONT_KNOW:
        return DONT_KNOW_REPLY if q.dont_know else "this question needs an answer"
    if q.type == "text":
        if len(typed) > MAX_TEXT:
            return f"please keep it under {MAX_TEXT:,} characters"
        return answer(typed)
    number = parse_number(typed)
    if number is None:
        return "please type a number, like 12 or 3.5"
    problem = value_error(q, number)
    if problem:
        return f"{problem[0]}: {problem[1]}"
    return answer(number)


def format_value(value: AnswerValue) -> str:
    """A typed answer as it would be typed again: numbers without a needless ``.0``."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _num(value: float) -> str:
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,}"
